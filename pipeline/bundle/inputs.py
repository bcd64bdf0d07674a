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

from pipeline.bundle.plan import article_date
from pipeline.document import SCHEMA_NAME, Article
from pipeline.errors import InputError
from pipeline.read import parse_document_json, read_text_file


@dataclass
class LoadedDocuments:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def _is_document(text: str) -> bool:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("schema") == SCHEMA_NAME


def _load(text: str, where: str) -> Article:
    """A document, with the fields the bundle reads beyond the schema (its date) checked."""
    article = parse_document_json(text, where)
    try:
        article_date(article)
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None
    return article


def load_documents(paths: list[str | Path]) -> LoadedDocuments:
    """Articles from document files and folders of them, in a stable order."""
    loaded = LoadedDocuments()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(path.glob("*.json"))
            for file in files:
                text = read_text_file(file)
                if _is_document(text):
                    loaded.articles.append(_load(text, str(file)))
                else:
                    loaded.skipped.append(file)
        elif path.exists():
            loaded.articles.append(_load(read_text_file(path), str(path)))
        else:
            raise InputError(
                f"{path}: no such file or folder; give document .json files or folders"
            )
    if not loaded.articles:
        where = ", ".join(str(p) for p in paths)
        raise InputError(
            f"no mtpipe documents in {where}; run `mtpipe translate FILE --out DIR` first"
        )
    return loaded
