"""Find and load the translated documents a bundle is built from (an I/O edge).

Named files must be mtpipe document JSON. Folders are scanned (not
recursively) for ``*.json``; JSON files there that are not mtpipe documents
(QA reports, feeds) are skipped and counted, never silently mistaken for
articles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.bundle.plan import article_date, article_langs
from pipeline.document import SCHEMA_NAME, Article
from pipeline.errors import InputError
from pipeline.paths import resolved_or_none
from pipeline.read import DOCUMENT_MAX_BYTES, parse_document_json, read_text_file


@dataclass
class LoadedDocuments:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def _is_document(text: str) -> bool:
    """Whether a folder's ``.json`` is an mtpipe document, to read (and check), or another
    tool's JSON (a QA report, a feed), to skip.

    A document that no longer parses (an edit that broke a comma, a copy cut short) still
    names its schema near its start: it is a document, and reading it names the fault.
    It was skipped as "not a document": the site was built without the article, exit 0.
    """
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return f'"{SCHEMA_NAME}"' in text
    return isinstance(data, dict) and data.get("schema") == SCHEMA_NAME


def _not_a_document(file: Path) -> InputError:
    """A named file that is no document (``_report.json``, a feed, ``ID.aligned.jsonl``,
    ``ID.en.html``) was told "repair it", as if a document had been damaged; this names
    the article's document beside it when there is one."""
    doc = file.with_name(f"{file.name.split('.')[0]}.json")
    beside = f"; its article's document is {doc}" if doc != file and doc.is_file() else ""
    return InputError(
        f"{file}: not an mtpipe document (the ID.json `mtpipe translate` writes){beside}; "
        "give documents or folders of them"
    )


def _load(text: str, where: str) -> Article:
    """A document, with the fields the bundle reads beyond the schema checked (its date, and
    its language codes as locale folder names), so the error names the file."""
    try:
        article = parse_document_json(text, where)
    except InputError as exc:
        raise InputError(
            f"{exc}; repair it (or move it away to build the site without that article)"
        ) from None
    try:
        article_date(article)
        article_langs(article)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    return article


def _output_of_a_document(file: Path, documents: set[Path]) -> bool:
    """Whether ``file`` is an output mtpipe wrote beside one of the ``documents`` read:
    ``ID.LANG.wp.json`` (a WordPress post's per-language body), ``ID.qa.json`` (a QA
    report in JSON), beside ``ID.json`` (an id may hold dots: ``a.b.en.wp.json``).

    They were counted and named among "JSON files that are not documents", so bundling the
    output folder of a WordPress site listed two names per post on every build, as if
    another tool had left them there.
    """
    parts = file.name.split(".")
    return any(
        file.with_name(".".join(parts[:k]) + ".json") in documents for k in range(1, len(parts) - 1)
    )


def load_documents(paths: list[str | Path]) -> LoadedDocuments:
    """Articles from document files and folders of them, in a stable order.

    A file met twice (a folder and a file in it) is read once; two files of one article
    id are an :class:`InputError` naming both.
    """
    loaded = LoadedDocuments()
    seen: dict[Path, None] = {}
    ids: dict[str, Path] = {}

    def add(file: Path, text: str) -> None:
        article = _load(text, str(file))
        if article.id in ids:
            raise InputError(
                f"{ids[article.id]} and {file} are both article {article.id!r}; give each "
                "article once (one output folder per run, or rename one)"
            )
        ids[article.id] = file
        loaded.articles.append(article)

    for raw in paths:
        path = Path(raw)
        if not path.is_dir() and not path.exists():
            raise InputError(
                f"{path}: no such file or folder; give document .json files or folders"
            )
        for file in sorted(path.glob("*.json")) if path.is_dir() else [path]:
            real = resolved_or_none(file) or file.absolute()  # a loop fails at its read
            if real in seen:
                continue
            seen[real] = None
            text = read_text_file(file, DOCUMENT_MAX_BYTES, "an mtpipe document")
            if not _is_document(text):
                if not path.is_dir():  # named: no document at all, nothing to repair
                    raise _not_a_document(file)
                loaded.skipped.append(file)
            else:
                add(file, text)
    documents = set(ids.values())
    loaded.skipped = [f for f in loaded.skipped if not _output_of_a_document(f, documents)]
    if not loaded.articles:
        where = ", ".join(str(p) for p in paths)
        from pipeline.writers.document import documents_below_hint

        hint = documents_below_hint(paths) or "run `mtpipe translate FILE --out DIR` first"
        raise InputError(f"no mtpipe documents in {where}; {hint}")
    return loaded


def withdrawn(articles: list[Article]) -> list[tuple[str, str]]:
    """``(article id, source path)`` of each document whose input file is gone from a
    folder that still exists (a withdrawn article whose outputs were kept: hostile37 #2).
    The path is absolute as translate records it; a relative one (a document of an older
    mtpipe) says nothing, since read from this folder it could name another file (review37
    P13), and so does a missing folder (a bundle built where the inputs are not)."""
    found = []
    for article in articles:
        source = article.meta.get("source_path")
        if not isinstance(source, str) or not Path(source).is_absolute():
            continue
        src = Path(source)
        if src.parent.is_dir() and not (src.exists() or src.is_symlink()):
            found.append((article.id, source))
    return found
