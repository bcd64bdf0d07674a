"""mtpipe's own document JSON (``ID.json`` from ``mtpipe translate``), and JSON Lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.document import SCHEMA_NAME, Article
from pipeline.errors import InputError
from pipeline.readers.base import MAX_BYTES, read_text_file
from pipeline.readers.wordpress import load_json


def sniff_document(text: str) -> bool:
    """A JSON object that names the mtpipe schema."""
    data = load_json(text)
    return isinstance(data, dict) and data.get("schema") == SCHEMA_NAME


def parse_document_json(text: str, where: str = "(json)") -> Article:
    """Document JSON -> Article, validated; InputError naming ``where``."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: invalid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a JSON object holding an mtpipe document")
    return Article.from_dict(data, where)


def parse_document(text: str, article_id: str, source_lang: str = "it", where: str = "") -> Article:
    """Reader entry point (the id and language come from the document itself)."""
    return parse_document_json(text, where or article_id)


def read_jsonl(
    path: str | Path, max_bytes: int = MAX_BYTES, expect: str = "a JSON Lines file"
) -> list[dict[str, Any]]:
    """JSON Lines -> list of objects (blank lines skipped); a bad line is named by number."""
    text = read_text_file(path, max_bytes, expect)
    records = []
    # "\n" only: str.splitlines() would also cut at U+2028 and others, which JSON strings may hold
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: not a JSON line ({exc.msg})") from None
        except RecursionError:
            raise InputError(f"{path}:{n}: JSON nested too deeply") from None
        if not isinstance(rec, dict):
            raise InputError(f"{path}:{n}: expected a JSON object per line")
        records.append(rec)
    return records
