"""What an input's bytes say about their encoding, before any decoding (one place for
every reader of files: articles, PO files, config files)."""

from __future__ import annotations

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def looks_utf16(data: bytes) -> bool:
    """UTF-16: a byte-order mark, or text whose every other byte is mostly NUL (UTF-16
    without a mark, which some editors and CAT tools save). Looks at the first 4 KiB."""
    if data[:2] in UTF16_BOMS:
        return True
    sample = data[:4096]
    if len(sample) < 4:
        return False
    half = len(sample) // 2
    return max(sample[0::2].count(0), sample[1::2].count(0)) > 0.6 * half
