"""Writers: the per-language and per-article outputs, behind one registry (an I/O edge).

For an article ``ID`` and each target language ``L`` the output folder gets
``ID.L.txt`` (plain text), ``ID.L.md`` (Markdown with structure), ``ID.L.html``
(the body with its markup, a CMS fragment) and, for a WordPress input,
``ID.L.wp.json`` (a post of the same shape); plus ``ID.aligned.jsonl`` (one line
per segment with every target) and ``ID.json`` (the whole document, written last
so that its presence means the article is complete). Every file is written
atomically. The ``render_*`` functions are pure and return text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pipeline.atomic import commit_files
from pipeline.document import Article
from pipeline.errors import OutputError
from pipeline.writers.document import aligned_records, render_aligned_jsonl, render_document_json
from pipeline.writers.html import render_html
from pipeline.writers.markdown import render_markdown
from pipeline.writers.text import render_text
from pipeline.writers.wordpress import applies as wordpress_applies
from pipeline.writers.wordpress import render_wordpress


@dataclass(frozen=True)
class Writer:
    """One output: its file name pattern, whether it is per language, when it applies."""

    name: str
    suffix: str  # file name after ``ID.`` (``{lang}`` replaced per language)
    render: Callable[..., str]  # (article, lang) per language, else (article)
    per_lang: bool = True
    applies: Callable[[Article], bool] = lambda article: True


WRITERS: dict[str, Writer] = {}


def register(writer: Writer) -> Writer:
    if writer.name in WRITERS:
        raise ValueError(f"writer {writer.name!r} registered twice")
    WRITERS[writer.name] = writer
    return writer


register(Writer("txt", "{lang}.txt", render_text))
register(Writer("md", "{lang}.md", render_markdown))
register(Writer("html", "{lang}.html", render_html))
register(Writer("wp", "{lang}.wp.json", render_wordpress, applies=wordpress_applies))
register(Writer("jsonl", "aligned.jsonl", render_aligned_jsonl, per_lang=False))
register(Writer("json", "json", render_document_json, per_lang=False))  # last: completion mark

FORMATS = tuple(WRITERS)


def _check_id(article_id: str, out_dir: Path) -> None:
    root = out_dir.resolve()
    if "/" in article_id or not (root / article_id).resolve().is_relative_to(root):
        raise OutputError(f"article id {article_id!r} would write outside {out_dir}")


def output_paths(
    article_id: str, out_dir: Path, langs: Iterable[str], article: Article | None = None
) -> dict[str, Path]:
    """Where ``write_article`` puts each output, keyed ``format:lang`` (document JSON last).

    Without ``article``, outputs that apply only to some inputs (WordPress) are left out.
    """
    _check_id(article_id, out_dir)
    langs = list(langs)
    paths: dict[str, Path] = {}
    for writer in WRITERS.values():
        if article is None and writer.name == "wp" or article and not writer.applies(article):
            continue
        if writer.per_lang:
            for lang in langs:
                suffix = writer.suffix.format(lang=lang)
                paths[f"{writer.name}:{lang}"] = out_dir / f"{article_id}.{suffix}"
        else:
            paths[writer.name] = out_dir / f"{article_id}.{writer.suffix}"
    return paths


def render_outputs(article: Article, out_dir: Path, formats: Iterable[str]) -> dict[Path, str]:
    """Every requested output of ``article`` as text, in write order (pure, no I/O)."""
    formats = set(formats)
    unknown = formats - set(WRITERS)
    if unknown:
        raise OutputError(
            f"unknown output format(s) {', '.join(sorted(unknown))}; use {', '.join(WRITERS)}"
        )
    files: dict[Path, str] = {}
    for key, path in output_paths(article.id, out_dir, article.target_langs, article).items():
        name, _, lang = key.partition(":")
        if name not in formats:
            continue
        writer = WRITERS[name]
        if name == "json":  # last: it records what the other files hold
            article.meta["output_digests"] = {p.name: text_digest(t) for p, t in files.items()}
        files[path] = writer.render(article, lang) if writer.per_lang else writer.render(article)
    return files


def text_digest(text: str | bytes) -> str:
    """sha256 of an output as written (UTF-8): what the document records of each file, so
    a rerun tells a file edited, truncated or emptied by hand from the one mtpipe wrote."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def write_article(
    article: Article, out_dir: str | Path, formats: Iterable[str] = FORMATS
) -> list[Path]:
    """Write every requested output of ``article``, all or nothing; returns the paths written.

    Everything is rendered first; :func:`pipeline.atomic.commit_files` then swaps
    the files in together, so a failure leaves the previous version of each.
    """
    out = Path(out_dir)
    files = render_outputs(article, out, formats)
    return commit_files(out, {path.name: text for path, text in files.items()})


__all__ = [
    "FORMATS",
    "WRITERS",
    "Writer",
    "aligned_records",
    "output_paths",
    "register",
    "render_aligned_jsonl",
    "render_document_json",
    "render_html",
    "render_markdown",
    "render_outputs",
    "render_text",
    "render_wordpress",
    "write_article",
]
