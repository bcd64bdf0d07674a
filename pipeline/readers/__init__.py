"""Readers: one per input format behind one registry (an I/O edge).

The CLI, the batch runner (which files of a folder are articles) and the
README's format table all read :data:`READERS`. A file is given to the reader
its suffix names; where a suffix is shared (``.json``: mtpipe document or
WordPress post) or unknown, the content is sniffed; ``.txt`` that is really an
HTML page is read as one. An input no reader accepts is an
:class:`~pipeline.errors.InputError` (exit 3) naming the formats, never raw
text sent to MT. To add a format, write ``parse``/``sniff`` functions and call
:func:`register` (the aligned-JSONL reader of the QA tools goes here too).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.document import CATEGORY, UI, Article
from pipeline.errors import InputError
from pipeline.readers.base import (
    DOCUMENT_MAX_BYTES,
    MAX_BYTES,
    Reader,
    article_id_from_path,
    check_article_text,
    check_references,
    decode_text,
    read_text_file,
    read_text_stream,
)
from pipeline.schema import as_text

# Each reader's module is imported when the reader is first used (a ``.txt`` page needs
# neither lxml nor markdown-it: 40-70 ms of every translate's start, issue 15); so are the
# parse functions this package re-exports (PEP 562, :func:`__getattr__`).
_EXPORTED = {
    "parse_document": "mtpipe_json",
    "parse_document_json": "mtpipe_json",
    "read_jsonl": "mtpipe_json",
    "sniff_document": "mtpipe_json",
    "load_json": "wordpress",
    "parse_wordpress": "wordpress",
    "posts_listed": "wordpress",
    "sniff_wordpress": "wordpress",
    "parse_html_page": "html",
    "sniff_html": "html",
    "parse_markdown": "markdown",
    "sniff_markdown": "markdown",
    "parse_page": "page",
    "sniff_page": "page",
}


def __getattr__(name: str) -> Any:
    """A re-exported reader function, imported from its module at first use; a reader
    module itself (``pipeline.readers.dom``) is found by the import system as before."""
    if name not in _EXPORTED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_EXPORTED[name]}"), name)
    globals()[name] = value
    return value


class _Later:
    """A reader function named by module and attribute, imported at its first call."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._function: Callable[..., Any] | None = None

    def __call__(self, *args: Any) -> Any:
        if self._function is None:
            self._function = __getattr__(self.name)
        return self._function(*args)

    def __repr__(self) -> str:
        return f"<{__name__}.{_EXPORTED[self.name]}.{self.name}, imported at first call>"


READERS: dict[str, Reader] = {}


def register(reader: Reader) -> Reader:
    """Add a reader to the registry (a name registered twice is a programming error)."""
    if reader.name in READERS:
        raise ValueError(f"reader {reader.name!r} registered twice")
    READERS[reader.name] = reader
    return reader


register(
    Reader(
        "json",
        "mtpipe document JSON",
        (".json",),
        "mtpipe's own ID.json (schema mtpipe.article), e.g. to re-run stages",
        _Later("sniff_document"),
        _Later("parse_document"),
        priority=10,
    )
)
register(
    Reader(
        "wordpress",
        "WordPress REST post JSON",
        (".json",),
        "/wp-json/wp/v2/posts/N (?_embed): title, content (rendered or raw with "
        "Gutenberg block comments), excerpt, slug, date, _embedded categories/tags",
        _Later("sniff_wordpress"),
        _Later("parse_wordpress"),
        priority=20,
        markup=True,
    )
)
register(
    Reader(
        "html",
        "HTML page",
        (".html", ".htm", ".xhtml"),
        "a whole scraped page: article found with trafilatura, title/date/author/"
        "category, headings, lists, quotes, figures, inline markup; comment form as chrome",
        _Later("sniff_html"),
        _Later("parse_html_page"),
        priority=30,
        markup=True,
    )
)
register(
    Reader(
        "markdown",
        "Markdown",
        (".md", ".markdown"),
        "CommonMark with YAML front matter (title, date, category, lang); headings, "
        "lists, quotes, links, emphasis, images (alt and title translated), code kept",
        _Later("sniff_markdown"),
        _Later("parse_markdown"),
        priority=40,
    )
)
register(Reader("page", "page text", (".txt",),
                "scraped page text, one paragraph per line; chrome lines matched in the catalogs",
                _Later("sniff_page"), _Later("parse_page"), priority=90))  # fmt: skip

# What ``--format`` / ``[read] format`` (cli.common.FORMATS) call a reader whose own name
# differs; every other reader is named by its own name there.
_FLAG_NAMES = {"page": "txt", "markdown": "md"}
# ``fmt=`` names: a reader's name, its flag name, or one kept for callers of the old
# ``pipeline.read`` API (``text``).
_ALIASES = {"text": "page", **{flag: name for name, flag in _FLAG_NAMES.items()}}


def reader_for(fmt: str) -> Reader:
    """The reader ``fmt`` names (``"txt"``, ``"page"``, ``"md"``, ``"html"`` ...): what
    ``--format`` and ``read_article(fmt=)`` force. Raises :class:`InputError` for a name
    no reader has."""
    name = _ALIASES.get(fmt, fmt)
    if name not in READERS:
        names = ", ".join(format_flag(n) for n in READERS)
        raise InputError(f"unknown input format {fmt!r}; use one of {names}")
    return READERS[name]


def format_flag(name: str) -> str:
    """The ``--format`` value that forces the reader called ``name`` (``page`` -> ``txt``)."""
    return _FLAG_NAMES.get(name, name)


def input_suffixes() -> tuple[str, ...]:
    """Every suffix some reader takes (what a folder of articles is scanned for)."""
    return tuple(dict.fromkeys(s for r in READERS.values() for s in r.suffixes))


def formats_sentence() -> str:
    """The formats in words, for error messages."""
    return "; ".join(f"{r.title} ({', '.join(r.suffixes)})" for r in _by_priority())


def _by_priority() -> list[Reader]:
    return sorted(READERS.values(), key=lambda r: r.priority)


def choose_reader(path: str | Path, text: str) -> Reader:
    """The reader for ``path`` with content ``text`` (suffix first, then sniffing)."""
    suffix = Path(path).suffix.lower()
    by_suffix = [r for r in _by_priority() if suffix in r.suffixes]
    # sniff_html only says yes to text that opens with "<": the HTML reader (lxml) is not
    # imported for every plain .txt page.
    if suffix == ".txt" and text.lstrip()[:1] == "<" and READERS["html"].sniff(text):
        return READERS["html"]
    if len(by_suffix) == 1:
        return by_suffix[0]
    candidates = by_suffix or [r for r in _by_priority() if r.name != "page"]
    for reader in candidates:
        if reader.sniff(text):
            return reader
    if suffix == ".json" and __getattr__("load_json")(text) is None:
        __getattr__("parse_document_json")(text, str(path))  # invalid JSON: say where
    if posts := __getattr__("posts_listed")(text):
        raise InputError(
            f"{path}: is a list of {posts} WordPress post{'s' if posts != 1 else ''} (what "
            "/wp-json/wp/v2/posts returns); mtpipe reads one post per file: save each post "
            "(/wp-json/wp/v2/posts/ID?_embed) as its own .json file and give those"
        )
    raise InputError(f"{path}: not in a format mtpipe reads; it reads {formats_sentence()}")


def detect_format(path: str | Path) -> str:
    """The reader name a path's suffix alone suggests (``page`` when none does)."""
    suffix = Path(path).suffix.lower()
    return next((r.name for r in _by_priority() if suffix in r.suffixes), "page")


def read_text(
    text: str, fmt: str, where: str, source_lang: str = "it", article_id: str = "stdin"
) -> Article:
    """An article from text already read (standard input, after its UTF-8 and size checks)
    by the reader ``fmt`` names, with the checks :func:`read_article` makes of a file's text.

    Text has no suffix to choose a reader by, so ``fmt`` is required. Raises
    :class:`InputError` naming ``where`` for an unknown format or text no article may hold.
    """
    reader = reader_for(fmt)
    if reader.markup:
        check_references(text, where)
    article = reader.parse(text, article_id, source_lang, where)
    check_article_text(article, where)
    return article


def _check_not_only_chrome(article: Article, path: str | Path) -> None:
    """An article whose every block is site chrome (a lone ``[Leggi tutto](/x)``) is no
    article: page text refused it, Markdown and HTML wrote a page holding nothing (the
    read-more left out of ``.html``) and counted it translated."""
    if article.blocks and all(b.kind in (UI, CATEGORY) for b in article.blocks):
        raise InputError(f"{path}: the page holds only site chrome, no article text")


def read_article(
    path: str | Path, source_lang: str = "it", fmt: str | None = None, max_bytes: int = MAX_BYTES
) -> Article:
    """Read one article file in any registered format (``fmt`` forces a reader)."""
    text = read_text_file(path, max_bytes)
    reader = reader_for(fmt) if fmt is not None else choose_reader(path, text)
    if reader.markup:
        check_references(text, str(path))
    article = _parse(reader, text, path, source_lang, sniffed=fmt is None)
    check_article_text(article, str(path))
    _check_not_only_chrome(article, path)
    _check_date(article.meta.get("date"), path)
    # absolute: "input gone" is judged from any folder later runs start in (review37 P13)
    article.meta.setdefault("source_path", as_text(os.path.abspath(path)))
    article.meta.setdefault("format", reader.name)
    # Identity of this run's input, so incremental runs need not read the file twice.
    article.meta["input_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return article


__all__ = [
    "DOCUMENT_MAX_BYTES",
    "MAX_BYTES",
    "READERS",
    "Reader",
    "article_id_from_path",
    "choose_reader",
    "decode_text",
    "detect_format",
    "format_flag",
    "formats_sentence",
    "input_suffixes",
    "parse_document_json",
    "parse_html_page",
    "parse_markdown",
    "parse_page",
    "parse_wordpress",
    "read_article",
    "read_text",
    "read_jsonl",
    "read_text_file",
    "read_text_stream",
    "reader_for",
    "register",
]


def _parse(reader: Reader, text: str, path: str | Path, source_lang: str, sniffed: bool) -> Article:
    """``reader``'s article; a file it took by its content, not its suffix (a ``.txt`` that
    opens with ``<html>``: perhaps an article about HTML), names the flag that overrides."""
    try:
        return reader.parse(text, article_id_from_path(path), source_lang, str(path))
    except InputError as exc:
        suffix = Path(path).suffix.lower()
        if not sniffed or suffix in reader.suffixes or suffix not in input_suffixes():
            raise
        by_suffix = detect_format(path)
        raise InputError(
            f"{exc} (read as {reader.title} by its content; if it is {READERS[by_suffix].title}, "
            f"give --format {format_flag(by_suffix)})"
        ) from None


def _check_date(value: object, path: str | Path) -> None:
    """A stated date must be ISO 8601 (what feeds, sitemaps and the site bundle need).

    Raises InputError naming the file, so a date such as "ieri" stops the run at
    reading, not later at ``mtpipe bundle``.
    """
    if value in (None, ""):
        return
    try:
        dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            f"{path}: date {value!r} is not an ISO 8601 date (YYYY-MM-DD or "
            "YYYY-MM-DDTHH:MM:SS+HH:MM); fix it in the input"
        ) from None
