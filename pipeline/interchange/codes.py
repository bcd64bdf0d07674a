"""Inline codes: protected spans and inline markup a translator must not break.

A segment's protected spans (URLs, e-mail addresses, handles, do-not-translate
terms, inline tags: what the protect layer recorded in ``Segment.protected``,
except glossary translations) become inline codes in the exchange file,
numbered ``1, 2, ...`` in source order. A span that is an opening tag paired
with its closing tag in the same text becomes one paired code (``<pc>`` in
XLIFF 2, ``<g>`` in 1.2) around the words between them; every other span is
a standalone placeholder (``<ph>`` / ``<x>``).

The document is the truth: on import a code id is replaced by the very text of
that span in the document, so a CAT tool can move codes but not change them.
The target side is found by looking the span texts up in the target (the
protect layer restores them byte for byte).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.entities import html5 as HTML5_ENTITIES
from typing import Any

from pipeline.document import Segment
from pipeline.markup import HTML_TAG, MARKER


def is_tag(text: str) -> bool:
    """``text`` is one HTML tag or marker (``<a href=..>``, ``</g1>``, ``<x2/>``)."""
    return HTML_TAG.fullmatch(text) is not None


@dataclass(frozen=True)
class Code:
    """One inline code: ``id`` (``"1"``...), the exact ``text`` it stands for, its role.

    ``role`` is ``open`` or ``close`` for a tag that has its partner in the same
    text (``partner`` is then the other code's id), ``ph`` otherwise.
    """

    id: str
    text: str
    role: str = "ph"
    partner: str | None = None


@dataclass
class Paired:
    """A paired code: its opening code, its closing code and what lies between."""

    open: Code
    close: Code
    children: list[Any] = field(default_factory=list)


Piece = str | Code | Paired


# Protected spans that are not codes: a glossary term is translated (its target
# text differs from the source and a reviewer may change it), and a whole
# segment copied because it holds no language has nothing around it.
NOT_CODES = frozenset({"term", "nonlanguage"})


def protected_spans(segment: Segment) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of the segment's protected spans that become inline codes.

    Read from ``segment.protected`` (the protect layer's record); overlapping or
    out-of-range spans are dropped (the outer span wins).
    """
    spans = [
        (p.start, p.end)
        for p in segment.protected
        if p.kind not in NOT_CODES and 0 <= p.start < p.end <= len(segment.source)
    ]
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def source_codes(segment: Segment) -> list[Code]:
    """The codes of ``segment``, numbered in source order, tag pairs matched."""
    return paired_codes([segment.source[a:b] for a, b in protected_spans(segment)])


def marker_codes(text: str) -> list[Code]:
    """The codes of a text that has no protect record (a translation-memory entry): each
    of mtpipe's inline markers (``<g1>``, ``</g1>``, ``<x2/>``, :data:`MARKER`) in order.

    A memory keeps a segment's text, markers and all, but not its protected spans; the
    markers are what a TMX must carry as inline codes (URLs and terms are plain text there).
    """
    return paired_codes([m.group() for m in MARKER.finditer(text)])


def paired_codes(texts: list[str]) -> list[Code]:
    """Codes ``1, 2, ...`` for span texts in order, an opening tag paired with its closing."""
    roles: list[tuple[str, str | None]] = [("ph", None)] * len(texts)
    stack: list[tuple[int, str]] = []
    for i, text in enumerate(texts):
        tag = HTML_TAG.fullmatch(text)
        if tag is None or tag.group(3):
            continue
        closing, name = tag.group(1) == "/", tag.group(2).lower()
        if not closing:
            stack.append((i, name))
        elif stack and stack[-1][1] == name:
            j, _ = stack.pop()
            roles[j], roles[i] = ("open", str(i + 1)), ("close", str(j + 1))
    return [Code(str(i + 1), t, *roles[i]) for i, t in enumerate(texts)]


def split(text: str, codes: Iterable[Code], *, in_order: bool) -> list[Piece]:
    """``text`` as plain strings and codes, paired codes nested (see :func:`nest`).

    With ``in_order`` (the source) code ``n`` is the n-th span in ``text``; else
    (a target) each code is looked for anywhere in ``text``, and a code whose
    text is not there is simply absent.
    """
    found = _locate(text, list(codes), in_order)
    pieces: list[str | Code] = []
    pos = 0
    for start, code in found:
        if start > pos:
            pieces.append(text[pos:start])
        pieces.append(code)
        pos = start + len(code.text)
    if pos < len(text):
        pieces.append(text[pos:])
    return nest(pieces)


def _locate(text: str, codes: list[Code], in_order: bool) -> list[tuple[int, Code]]:
    found: list[tuple[int, Code]] = []
    taken: list[tuple[int, int]] = []
    pos = 0
    for code in codes:
        start = text.find(code.text, pos if in_order else 0)
        while start >= 0 and any(a < start + len(code.text) and start < b for a, b in taken):
            start = text.find(code.text, start + 1)
        if start < 0:
            continue
        found.append((start, code))
        taken.append((start, start + len(code.text)))
        pos = start + len(code.text)
    return sorted(found, key=lambda f: f[0])


def well_nested(text: str, codes: Iterable[Code]) -> bool:
    """True when each paired code found in ``text`` opens before its partner closes it and
    no two pairs cross (``<g1><g2></g1></g2>``), as HTML needs; codes absent are ignored."""
    stack: list[str] = []
    for _, code in _locate(text, list(codes), in_order=False):
        if code.role == "open":
            stack.append(code.id)
        elif code.role == "close":
            if not stack or stack[-1] != code.partner:
                return False
            stack.pop()
    return not stack


def empty_pairs(text: str, codes: Iterable[Code], *, in_order: bool) -> list[Paired]:
    """The tag pairs of ``text`` that enclose nothing: no word, symbol or standalone code
    (an image, a URL) inside, only spaces (``<g1></g1>``, ``<g2> </g2>``); a pair around
    another pair with content is not empty."""
    out: list[Paired] = []

    def walk(pieces: Iterable[Piece]) -> None:
        for piece in pieces:
            if isinstance(piece, Paired):
                if not _has_content(piece.children):
                    out.append(piece)
                walk(piece.children)

    walk(split(text, codes, in_order=in_order))
    return out


def _has_content(pieces: Iterable[Piece]) -> bool:
    return any(
        (isinstance(p, str) and p.strip())
        or (isinstance(p, Code) and p.role == "ph")
        or (isinstance(p, Paired) and _has_content(p.children))
        for p in pieces
    )


def nest(pieces: list[str | Code]) -> list[Piece]:
    """Group each open code with its partner close code when they nest properly.

    An open code whose partner comes first, is missing or crosses another pair
    is left standalone (rendered as a placeholder).
    """
    out: list[Piece] = []
    stack: list[tuple[Code, list[Piece]]] = []
    for piece in pieces:
        current = stack[-1][1] if stack else out
        if isinstance(piece, Code) and piece.role == "open" and _has_partner(piece, pieces):
            stack.append((piece, []))
        elif (
            isinstance(piece, Code)
            and piece.role == "close"
            and stack
            and (stack[-1][0].id == piece.partner)
        ):
            opened, children = stack.pop()
            (stack[-1][1] if stack else out).append(Paired(opened, piece, children))
        else:
            current.append(piece)
    while stack:  # unclosed: flatten back as standalone codes
        opened, children = stack.pop()
        (stack[-1][1] if stack else out).extend([opened, *children])
    return out


def _has_partner(code: Code, pieces: list[str | Code]) -> bool:
    return any(isinstance(p, Code) and p.id == code.partner for p in pieces)


def plain(pieces: Iterable[Piece]) -> str:
    """The text the pieces stand for (codes replaced by their exact span texts)."""
    out = []
    for piece in pieces:
        if isinstance(piece, Paired):
            out += [piece.open.text, plain(piece.children), piece.close.text]
        else:
            out.append(piece if isinstance(piece, str) else piece.text)
    return "".join(out)


@dataclass(frozen=True)
class Ref:
    """An inline code as read from a file: its id and, for a paired code, its content.

    ``element`` names the element it came from (for messages): ``ph``, ``pc``, ``x``, ``g``.
    """

    id: str
    element: str
    children: tuple[Any, ...] | None = None


class CodeError(ValueError):
    """An inline code of a file does not match the document's codes."""


def expand(pieces: Iterable[str | Ref], codes: dict[str, Code]) -> str:
    """The text of read-back pieces, each code replaced by its document text.

    Raises :class:`CodeError` for an unknown id, a code used twice, or a paired
    code whose id is not an opening tag of the document (or the reverse).
    """
    seen: set[str] = set()
    return _expand(pieces, codes, seen)


def _expand(pieces: Iterable[str | Ref], codes: dict[str, Code], seen: set[str]) -> str:
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        code = codes.get(piece.id)
        if code is None:
            raise CodeError(f"<{piece.element} id={piece.id!r}> is not a code of this segment")
        if piece.id in seen:
            raise CodeError(f"<{piece.element} id={piece.id!r}> appears twice")
        seen.add(piece.id)
        if piece.children is None:
            out.append(code.text)
            continue
        if code.role != "open" or code.partner is None:
            raise CodeError(f"<{piece.element} id={piece.id!r}> pairs a code that is not a pair")
        seen.add(code.partner)
        inner = _expand(piece.children, codes, seen)
        out += [code.text, inner, codes[code.partner].text]
    return "".join(out)


# An HTML character reference as a translator types it: named (HTML5's list), decimal, hex.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def html_reference(text: str, source: str) -> tuple[str, str] | None:
    """The first HTML character reference in ``text`` that ``source`` does not quote, and
    the name(s) of the character(s) it stands for; None without one.

    mtpipe's text is text, never HTML: a ``&nbsp;`` in a human translation (typed into a
    PO target, escaped twice by a tool, stored by another tool's TMX) shows as ``&nbsp;``
    on the page. ``R&D``, ``AT&T;`` and ``&bogus;`` are no references.
    """
    for m in _REFERENCE.finditer(text):
        ref = m.group(0)
        chars = _referenced(ref)
        if chars is not None and ref not in source:
            return ref, ", ".join(unicodedata.name(c, f"U+{ord(c):04X}") for c in chars)
    return None


def _referenced(ref: str) -> str | None:
    """The characters an HTML character reference stands for; None for no reference."""
    body = ref[1:-1]
    if body.startswith("#"):
        code = int(body[2:], 16) if body[1:2] in "xX" else int(body[1:])
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else None
    return HTML5_ENTITIES.get(body + ";")
