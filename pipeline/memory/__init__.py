"""Persistent translation memory (SQLite) and its TMX 1.4 interchange.

The translate stage looks segments up here before running a model and stores
what the model produced, so a rerun over an unchanged corpus does no model work.
``store.py`` holds the SQLite store, ``tmx.py`` the import and export. The TMX
names are imported at first use (PEP 562): every ``translate`` with the memory
on imports this package, and only ``mtpipe tm import/export`` needs TMX (its
XML, markup and model imports cost a translate's start-up, issue 15).
"""

from __future__ import annotations

from typing import Any

from pipeline.memory.store import (
    Entry,
    MemoryKey,
    TranslationMemory,
    holds_no_entry,
    human_digests_of,
    new_memory_removed_on_error,
    normalise_source,
)

_TMX = frozenset({"Foreign", "export_tmx", "import_tmx", "import_tmx_file", "read_tmx"})


def __getattr__(name: str) -> Any:
    """A TMX name (:data:`_TMX`), imported from ``pipeline.memory.tmx`` when first asked."""
    if name not in _TMX:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from pipeline.memory import tmx

    return getattr(tmx, name)


__all__ = [
    "Entry",
    "Foreign",
    "MemoryKey",
    "TranslationMemory",
    "export_tmx",
    "holds_no_entry",
    "human_digests_of",
    "import_tmx",
    "import_tmx_file",
    "new_memory_removed_on_error",
    "normalise_source",
    "read_tmx",
]
