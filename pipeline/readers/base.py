"""What every reader shares: the byte checks on input, article ids, the Reader record.

``read_text_file``/``read_text_stream``/``decode_text`` refuse missing,
unreadable, empty, oversized, binary and non-UTF-8 input with a message that
says what to do (:class:`~pipeline.errors.InputError`, exit 3).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pipeline.document import Article
from pipeline.errors import InputError
from pipeline.schema import MAX_ID

MAX_BYTES = 5_000_000

# (text, article_id, source_lang, where) -> Article; ``where`` names the input in errors.
Parse = Callable[[str, str, str, str], Article]


@dataclass(frozen=True)
class Reader:
    """One input format: how to recognise it and how to read it.

    ``suffixes`` choose the reader for a file name; ``sniff`` recognises the
    content when the suffix is shared (``.json``) or unknown. ``accepts`` is the
    one line the README format table and ``--help`` show.
    """

    name: str
    title: str
    suffixes: tuple[str, ...]
    accepts: str
    sniff: Callable[[str], bool]
    parse: Parse
    priority: int = 50  # lower sniffs first


ARTICLE_FILE = "an article file (.txt, .md, .html or .json)"


def read_text_file(path: str | Path, max_bytes: int = MAX_BYTES, expect: str = ARTICLE_FILE) -> str:
    """Return a file's text after the checks every input gets.

    Raises :class:`InputError` for a missing, unreadable, empty, oversized,
    binary or non-UTF-8 file, with a message that says what to do.
    """
    p = Path(path)
    if not p.exists():
        if p.is_symlink():
            raise InputError(f"{p}: a symbolic link to nothing (or a loop of links); fix the link")
        raise InputError(f"{p}: no such file; check the path")
    if p.is_dir():
        raise InputError(f"{p}: is a folder; give {expect}")
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror})") from None
    return decode_text(data, str(p), max_bytes)


def read_text_stream(stream: BinaryIO, max_bytes: int = MAX_BYTES) -> str:
    """Standard input (or any byte stream) with the same checks as a file."""
    return decode_text(stream.read(max_bytes + 1), "standard input", max_bytes)


def decode_text(data: bytes, where: str, max_bytes: int = MAX_BYTES) -> str:
    """Bytes -> text with LF line ends, refusing oversized, binary, non-UTF-8 or empty input."""
    if len(data) > max_bytes:
        raise InputError(
            f"{where}: over the {max_bytes:,}-byte limit for one article; "
            "split it or raise [read] max_bytes"
        )
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_utf16(data):
        raise InputError(
            f"{where}: is UTF-16, not UTF-8; convert it, e.g. `iconv -f utf-16 -t utf-8`"
        )
    if b"\x00" in data:
        raise InputError(f"{where}: looks like a binary file (it contains NUL bytes); give text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: is not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it, e.g. `iconv -f latin1 -t utf-8`"
        ) from None
    if not text.strip():
        raise InputError(f"{where}: is empty; nothing to read")
    # Windows (CRLF) and old Mac (CR) line endings: every reader sees "\n" only, so a
    # line-based rule (Markdown front matter, page lines) works whatever saved the file.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: text whose every other byte is mostly NUL."""
    sample = data[:4096]
    if len(sample) < 4:
        return False
    half = len(sample) // 2
    return max(sample[0::2].count(0), sample[1::2].count(0)) > 0.6 * half


_ID_SUFFIXES = (".txt", ".md", ".markdown", ".json", ".html", ".htm", ".xhtml")


def article_id_from_path(path: str | Path) -> str:
    """ASCII id from a file name: ``kim-belousov.it.txt`` -> ``kim-belousov``."""
    name = Path(path).name
    for suffix in _ID_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    name = re.sub(r"\.(it|en|fr)$", "", name)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()
    if len(slug) > MAX_ID:  # an id names files: keep ID.LANG.md under 255 bytes, stay unique
        digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        slug = f"{slug[: MAX_ID - 9].rstrip('-')}-{digest}"
    return slug or "article"
