"""Compatibility shim: the readers live in :mod:`pipeline.readers` (one per format)."""

from pipeline.readers import (
    DOCUMENT_MAX_BYTES,
    MAX_BYTES,
    READERS,
    article_id_from_path,
    decode_text,
    detect_format,
    parse_document_json,
    parse_markdown,
    parse_page,
    read_article,
    read_jsonl,
    read_text_file,
    read_text_stream,
)

FORMATS = tuple(READERS)

__all__ = [
    "DOCUMENT_MAX_BYTES",
    "FORMATS",
    "MAX_BYTES",
    "article_id_from_path",
    "decode_text",
    "detect_format",
    "parse_document_json",
    "parse_markdown",
    "parse_page",
    "read_article",
    "read_jsonl",
    "read_text_file",
    "read_text_stream",
]
