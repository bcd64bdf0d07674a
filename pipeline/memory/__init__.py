"""Persistent translation memory (SQLite) and its TMX 1.4 interchange.

The translate stage looks segments up here before running a model and stores
what the model produced, so a rerun over an unchanged corpus does no model work.
``store.py`` holds the SQLite store, ``tmx.py`` the import and export.
"""

from pipeline.memory.store import (
    Entry,
    MemoryKey,
    TranslationMemory,
    normalise_source,
)
from pipeline.memory.tmx import Foreign, export_tmx, import_tmx, read_tmx

__all__ = [
    "Entry",
    "Foreign",
    "MemoryKey",
    "TranslationMemory",
    "export_tmx",
    "import_tmx",
    "normalise_source",
    "read_tmx",
]
