"""Exchange with CAT tools: XLIFF 2.1, XLIFF 1.2 and PO export and import (post-editing).

``mtpipe export`` writes a document's segments into one of the registered
formats for a translator; ``mtpipe import`` reads the edited file back,
checks it against the document (all or nothing) and stores the edited targets
as human translations in the document, its outputs and the translation memory.

Each format is one module with ``SUFFIX``, ``write(ExportFile) -> bytes`` and
``read(Path) -> ImportFile``; :data:`FORMATS` is the registry the CLI and the
make targets read. Modules are imported only when used (lxml, Babel).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from pipeline.errors import InputError, UsageError
from pipeline.interchange.charset import xml_head_text


@dataclass(frozen=True)
class Format:
    """One exchange format: its CLI name, module, file suffix and a one-line description."""

    name: str
    module: str
    suffix: str
    title: str

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("xliff", "pipeline.interchange.xliff21", ".xlf", "XLIFF 2.1"),
        Format("xliff12", "pipeline.interchange.xliff12", ".xliff", "XLIFF 1.2"),
        Format("po", "pipeline.interchange.po", ".po", "gettext PO (Babel)"),
    )
}


def get_format(name: str) -> Format:
    """The registered format ``name``; :class:`UsageError` naming the valid ones otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        raise UsageError(
            f"unknown exchange format {name!r}; use one of {', '.join(FORMATS)}"
        ) from None


def sniff_format(path: Path) -> Format:
    """The format of an exchange file, by its content: XLIFF 1.2 or 2 by its namespace, PO
    by its ``msgid`` lines (or, when it is neither, by a ``.po`` suffix, whose reader names
    what is wrong).

    By suffix first, an XLIFF saved as ``.po`` was read as a broken PO ("line 1: '<xliff
    …' is not a string") and a PO saved as ``.xlf`` was "neither XLIFF nor PO". Raises
    :class:`InputError` for a file that is none of them.
    """
    try:
        with open(path, "rb") as fp:
            head = fp.read(4096)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if head.startswith(b"PK\x03\x04"):
        raise InputError(_archive_message(path))
    text = xml_head_text(head)
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        if "urn:oasis:names:tc:xliff:document:2.0" in text:
            return FORMATS["xliff"]
        if "urn:oasis:names:tc:xliff:document:1.2" in text:
            return FORMATS["xliff12"]
    if path.suffix.lower() in (".po", ".pot") or _PO_ENTRY.search(text):
        return FORMATS["po"]
    tmx = "; a TMX goes to `mtpipe tm import`" if re.search(r"<tmx[\s>]", text) else ""
    raise InputError(
        f"{path} is neither XLIFF 1.2, XLIFF 2 nor PO; import reads "
        + ", ".join(f.title for f in FORMATS.values())
        + tmx
    )


# CAT tools' zipped working files and packages, which are no file mtpipe exported
_ARCHIVES = {
    ".mqxlz": "a memoQ bilingual file (zipped memoQ XLIFF); in memoQ, export the translated "
    "document with Export (stored path) or Export As on the Documents ribbon (not Export "
    "Bilingual), which writes mtpipe's XLIFF back, and import that",
    ".sdlppx": "a Trados Studio project package; open it in Trados and write the translated "
    "file back with Batch Tasks > Generate Target Translations (or File > Save Target As)",
    ".sdlrpx": "a Trados Studio return package; open it in Trados and write the translated "
    "file back with Batch Tasks > Generate Target Translations (or File > Save Target As)",
}


def _archive_message(path: Path) -> str:
    """Why a ZIP archive is refused, naming the CAT tool whose package it is by its suffix."""
    what = _ARCHIVES.get(path.suffix.lower())
    if what is None:
        what = "a ZIP archive; unzip it and import the .xlf, .xliff or .po file it holds"
    return f"{path} is {what}"


_PO_ENTRY = re.compile(r'^\s*msgid\s+"', re.M)
