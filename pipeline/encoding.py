"""What an input's bytes say about their encoding, before any decoding (one place for
every reader of files: articles, PO files, config files)."""

from __future__ import annotations

import codecs
import re

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_utf16(data: bytes) -> bool:
    """UTF-16: a byte-order mark, or text whose every other byte is mostly NUL and the
    others hardly ever (UTF-16 without a mark, which some editors and CAT tools save).
    Looks at the first 4 KiB."""
    if data[:2] in UTF16_BOMS:
        return True
    sample = data[:4096]
    if len(sample) < 4:
        return False
    half = len(sample) // 2
    evens, odds = sample[0::2].count(0), sample[1::2].count(0)
    # the other half is the text's own bytes: hardly any NUL there. A binary file full of
    # zeros (an SQLite memory, a zip's padding) has them in both halves, and was called
    # UTF-16 ("convert it with iconv") instead of binary.
    return max(evens, odds) > 0.6 * half and min(evens, odds) < 0.1 * half


# How far into a page a declaration is looked for: WHATWG's prescan stops at 1024 bytes,
# but scraped pages often carry long heads (scripts, styles) before their <meta charset>.
DECLARATION_SCAN = 16_384
_DECLARATION = re.compile(
    rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)"
    rb"|\A(?:\xef\xbb\xbf)?\s*<\?xml\b[^>]*?\bencoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)",
    re.IGNORECASE,
)
# The WHATWG Encoding Standard's labels of windows-1252: a page that says latin-1 or ASCII
# is decoded as windows-1252 by every browser (its 0x80-0x9F are curly quotes, dashes, €).
_WINDOWS_1252_LABELS = frozenset(
    [
        "ansi_x3.4-1968",
        "ascii",
        "cp1252",
        "cp819",
        "csisolatin1",
        "ibm819",
        "iso-8859-1",
        "iso-ir-100",
        "iso8859-1",
        "iso88591",
        "iso_8859-1",
        "iso_8859-1:1987",
        "l1",
        "latin1",
        "us-ascii",
        "windows-1252",
        "x-cp1252",
    ]
)  # fmt: skip


def declared_charset(data: bytes) -> str | None:
    """The 8-bit (or other non-Unicode) text encoding an HTML page's ``<meta charset>`` or
    ``http-equiv`` content type, or an XML declaration, names; ``None`` when there is none,
    it names UTF-8/16/32 or UTF-7 (the bytes are read as UTF-8 then) or no text encoding
    Python has. ``iso-8859-1``/``ascii`` labels give ``windows-1252``, as WHATWG says."""
    found = _DECLARATION.search(data[:DECLARATION_SCAN])
    if found is None:
        return None
    label = (found[1] or found[2]).decode("ascii").strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "windows-1252"
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    if not info._is_text_encoding or info.name.startswith("utf"):  # type: ignore[attr-defined]
        return None
    return info.name
