"""Compatibility shim: the writers live in :mod:`pipeline.writers` (one per output)."""

from pipeline.writers import (
    FORMATS,
    aligned_records,
    output_paths,
    render_aligned_jsonl,
    render_document_json,
    render_html,
    render_markdown,
    render_text,
    render_wordpress,
    write_article,
)

__all__ = [
    "FORMATS",
    "aligned_records",
    "output_paths",
    "render_aligned_jsonl",
    "render_document_json",
    "render_html",
    "render_markdown",
    "render_text",
    "render_wordpress",
    "write_article",
]
