"""Split sentences that exceed the model's input limit, never truncating.

A sentence over the limit is cut at clause boundaries, strongest first
(``;`` ``:``, then ``,``, then dashes), then at whitespace, and only as a
last resort inside a run of non-space characters. Pieces are exact
substrings: ``"".join(pieces) == sentence`` always holds, so each piece can
be translated on its own and the translations joined with the whitespace
that separated the pieces.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Boundary levels, strongest first; a cut falls after the match (punctuation + spaces).
LEVELS = (
    re.compile(r"[;:]\s+"),
    re.compile(r",\s+"),
    re.compile(r"\s+[—–]\s+|[—–]"),
    re.compile(r"\s+"),
)


def split_long(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Contiguous pieces of ``text`` each with ``count(piece) <= limit`` (when possible).

    ``count`` returns a piece's token count as the model sees it. One character
    always counts as within the limit, so the split terminates.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1 token")
    if count(text) <= limit:
        return [text]
    return _split(text, count, limit, 0)


def _split(text: str, count: Callable[[str], int], limit: int, level: int) -> list[str]:
    if len(text) <= 1 or count(text) <= limit:
        return [text]
    if level >= len(LEVELS):
        return _hard_cut(text, count, limit)
    units = _units(text, LEVELS[level])
    if len(units) == 1:
        return _split(text, count, limit, level + 1)
    pieces: list[str] = []
    current = ""
    for unit in units:
        if current and count(current + unit) > limit:
            pieces.append(current)
            current = ""
        if count(unit) > limit:
            pieces.extend(_split(unit, count, limit, level + 1))
        else:
            current += unit
    if current:
        pieces.append(current)
    return pieces


def _units(text: str, boundary: re.Pattern[str]) -> list[str]:
    """Cut ``text`` after each non-final ``boundary`` match (the match stays on the left)."""
    units, start = [], 0
    for m in boundary.finditer(text):
        if m.end() >= len(text) or m.end() == 0:
            continue
        if m.end() > start:
            units.append(text[start : m.end()])
            start = m.end()
    units.append(text[start:])
    return [u for u in units if u]


def _hard_cut(text: str, count: Callable[[str], int], limit: int) -> list[str]:
    """Last resort for a space-free run: the longest prefixes that fit, one after another."""
    pieces = []
    while text:
        n = _longest_fit(text, count, limit)
        pieces.append(text[:n])
        text = text[n:]
    return pieces


def _longest_fit(text: str, count: Callable[[str], int], limit: int) -> int:
    """Length of the longest prefix of ``text`` within ``limit`` tokens (at least 1).

    Galloping, then binary search: only prefixes up to about twice the answer
    are tokenized, so a run of megabytes costs time in proportion to its
    length, not to its length squared.
    """
    lo, hi = 1, min(len(text), max(2, limit))
    while hi < len(text) and count(text[:hi]) <= limit:
        lo, hi = hi, min(len(text), hi * 2)
    if count(text[:hi]) <= limit:
        return hi
    while hi - lo > 1:  # text[:lo] fits (or lo is 1), text[:hi] does not
        mid = (lo + hi) // 2
        if count(text[:mid]) <= limit:
            lo = mid
        else:
            hi = mid
    return lo


def join_translations(pieces: list[str], translations: list[str]) -> str:
    """Join piece translations with the whitespace that ended each source piece."""
    out = []
    for piece, tr in zip(pieces, translations, strict=True):
        trailing = piece[len(piece.rstrip()) :]
        out.append(tr.strip() + (" " if trailing else ""))
    return "".join(out).strip()
