"""What an input's bytes say about their encoding, before any decoding (one place for
every reader of files: articles, PO files, config files)."""

from __future__ import annotations

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
