"""Re-insert inline pairs (an element's open and close placeholders) that the model dropped.

A pair is put back around its own stretch of the output, never around or inside
a pair that the source did not nest it with: two dropped links used to be both
re-opened at the start and closed at the end, one inside the other, which is
invalid HTML (an ``<a>`` may not contain interactive content, HTML Living
Standard 4.5.1) and which CommonMark cannot write (no link inside a link text,
spec 6.3); browsers then emptied one of them. The stretch is, in this order:
the pair's source text where the output has it verbatim (names such as
``Gullfoss``), the stretch where a kept half put it, or the stretch at the
same relative place as in the source. Where no stretch of the output is
free (all of it inside an element the pair was not nested in), the pair goes
after that element as a sibling, holding its source text, so no link loses its
text. Markers in ``marked`` are ``\\x02<n>\\x02`` with n the 1-based span number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.protect.spans import CLOSE, OPEN, Span

MARK = re.compile("\x02(\\d+)\x02")
_WORD = re.compile(r"\w")


@dataclass(frozen=True)
class _Layout:
    """Where a pair may go in ``marked``: stacks of enclosing pairs at each boundary."""

    marked: str
    opens: list[int]  # candidate positions of an open marker
    closes: list[int]  # candidate positions of a close marker
    stack: dict[int, tuple[int, ...]]  # boundary -> open span numbers enclosing it
    starts: list[tuple[int, int]]  # (position, open span number) of each placed pair
    words: list[int]  # prefix count of word characters outside markers


def pairs_of(spans: Sequence[Span]) -> dict[int, tuple[int, int]]:
    """``open n -> (open n, close n)`` of each complete pair (span numbers from 1)."""
    opens = {s.pair: n for n, s in enumerate(spans, 1) if s.role == OPEN}
    return {
        opens[s.pair]: (opens[s.pair], n)
        for n, s in enumerate(spans, 1)
        if s.role == CLOSE and s.pair in opens
    }


def nesting(spans: Sequence[Span]) -> dict[int, set[int]]:
    """``open n -> open numbers of the pairs inside it`` in the source."""
    inside: dict[int, set[int]] = {}
    open_now: list[int] = []
    opens = {s.pair: n for n, s in enumerate(spans, 1) if s.role == OPEN}
    for n, span in enumerate(spans, 1):
        if span.role == OPEN:
            for outer in open_now:
                inside[outer].add(n)
            inside[n] = set()
            open_now.append(n)
        elif span.role == CLOSE and opens.get(span.pair) in open_now:
            open_now.remove(opens[span.pair])
    return inside


def reinsert(marked: str, source: str, spans: Sequence[Span], dropped: set[int]) -> str:
    """``marked`` with every pair that lost a placeholder (``dropped``) put back whole."""
    inside = nesting(spans)
    for o, c in sorted(pairs_of(spans).values()):
        if o not in dropped and c not in dropped:
            continue
        marked, anchor = _take(marked, o, c)
        want = _wanted(marked, source, spans, (o, c), anchor)
        marked = _place(marked, source, spans, (o, c), want, inside)
    return marked


def _take(marked: str, o: int, c: int) -> tuple[str, tuple[int | None, int | None]]:
    """Remove the kept half of pair ``(o, c)``; where it stood (None for a dropped half)."""
    at: list[int | None] = []
    for n in (o, c):
        pos = marked.find(f"\x02{n}\x02")
        if pos >= 0:
            marked = marked[:pos] + marked[pos + len(f"\x02{n}\x02") :]
        at.append(pos if pos >= 0 else None)
    if at[0] is not None and at[1] is not None and at[1] < at[0]:  # closed before it opened
        at.reverse()
    return marked, (at[0], at[1])


def inner_text(source: str, spans: Sequence[Span], pair: tuple[int, int]) -> str:
    """The source text between the pair's tags, other spans left out, spaces folded."""
    start, end = spans[pair[0] - 1].end, spans[pair[1] - 1].start
    parts, pos = [], start
    for span in spans:
        if start <= span.start and span.end <= end:
            parts.append(source[pos : span.start])
            pos = span.end
    parts.append(source[pos:end])
    return " ".join("".join(parts).split())


def _plain_offset(source: str, spans: Sequence[Span], pos: int) -> tuple[int, int]:
    """``(offset of pos, length)`` in ``source`` with the spans left out."""
    cut = sum(s.end - s.start for s in spans if s.end <= pos)
    total = len(source) - sum(s.end - s.start for s in spans)
    return pos - cut, max(1, total)


def _at_plain(marked: str, fraction: float) -> int:
    """Position in ``marked`` at ``fraction`` (0..1) of its text outside markers."""
    plain = MARK.sub("", marked)
    goal, seen, pos = round(fraction * len(plain)), 0, 0
    while pos < len(marked) and seen < goal:
        m = MARK.match(marked, pos)
        if m:
            pos = m.end()
            continue
        seen, pos = seen + 1, pos + 1
    return pos


def _wanted(
    marked: str,
    source: str,
    spans: Sequence[Span],
    pair: tuple[int, int],
    anchor: tuple[int | None, int | None],
) -> tuple[int, int]:
    """Where the pair would ideally open and close in ``marked``."""
    text = inner_text(source, spans, pair)
    found = None
    if _WORD.search(text):
        masked = MARK.sub(lambda m: "\x02" * len(m.group(0)), marked)
        found = re.search(re.escape(text), masked, re.IGNORECASE)
    if found:
        start, end = found.span()
    else:
        a, total = _plain_offset(source, spans, spans[pair[0] - 1].end)
        b, _ = _plain_offset(source, spans, spans[pair[1] - 1].start)
        start, end = _at_plain(marked, a / total), _at_plain(marked, b / total)
    start = anchor[0] if anchor[0] is not None else start
    end = anchor[1] if anchor[1] is not None else end
    return start, max(start, end)


def _layout(marked: str, spans: Sequence[Span]) -> _Layout:
    """Candidate boundaries of ``marked`` (word, punctuation and marker edges)."""
    classes: list[str] = []
    stack: dict[int, tuple[int, ...]] = {}
    starts: list[tuple[int, int]] = []
    edges = {0, len(marked)}
    open_now: list[int] = []
    closing = {c: o for o, c in pairs_of(spans).values()}
    for m in MARK.finditer(marked):
        edges.update(m.span())
    pos = 0
    for m in [*MARK.finditer(marked), None]:
        end = m.start() if m else len(marked)
        for i in range(pos, end):
            ch = marked[i]
            classes.append("s" if ch.isspace() else "w" if _WORD.match(ch) else "p")
            stack.setdefault(i, tuple(open_now))
        if m is None:
            stack.setdefault(len(marked), tuple(open_now))
            break
        stack.setdefault(m.start(), tuple(open_now))
        n = int(m.group(1))
        if spans[n - 1].role == OPEN:
            starts.append((m.start(), n))
            open_now.append(n)
        elif closing.get(n) in open_now:
            open_now.remove(closing[n])
        classes.extend("m" * (m.end() - m.start()))
        stack[m.end()] = tuple(open_now)
        pos = m.end()
    return _bounds(marked, classes, edges, stack, starts)


def _bounds(
    marked: str,
    classes: list[str],
    edges: set[int],
    stack: dict[int, tuple[int, ...]],
    starts: list[tuple[int, int]],
) -> _Layout:
    """The layout's open/close candidates and word counts from the character classes."""
    for i in range(1, len(marked)):
        if classes[i] != classes[i - 1]:
            edges.add(i)
    points = sorted(edges)
    opens = [i for i in points if i < len(marked) and classes[i] != "s"]
    closes = [i for i in points if i > 0 and classes[i - 1] != "s"]
    words = [0]
    for c in classes:
        words.append(words[-1] + (c == "w"))
    return _Layout(marked, opens, closes, stack, starts, words)


def _legal(lay: _Layout, o: int, inside: dict[int, set[int]], a: int, b: int) -> bool:
    """True when pair ``o`` may wrap ``marked[a:b]``: no crossing, no nesting the source lacked."""
    outer = lay.stack[a]
    if lay.stack[b] != outer or any(o not in inside.get(p, ()) for p in outer):
        return False
    return all(n in inside[o] for at, n in lay.starts if a <= at < b)


def _place(
    marked: str,
    source: str,
    spans: Sequence[Span],
    pair: tuple[int, int],
    want: tuple[int, int],
    inside: dict[int, set[int]],
) -> str:
    """Put pair ``(o, c)`` around the legal stretch nearest ``want`` (or after, as a sibling)."""
    o, c = pair
    lay = _layout(marked, spans)
    best, cost = None, None
    closes = sorted(lay.closes, key=lambda b: abs(b - want[1]))
    for a in sorted(lay.opens, key=lambda a: abs(a - want[0])):  # nearest first, so we can stop
        if cost is not None and abs(a - want[0]) >= cost:
            break
        for b in closes:
            here = abs(a - want[0]) + abs(b - want[1])
            if cost is not None and here >= cost:
                break
            if b > a and lay.words[b] > lay.words[a] and _legal(lay, o, inside, a, b):
                best, cost = (a, b), here
    if best is None:
        return _sibling(lay, o, c, inner_text(source, spans, pair), inside, want[1])
    a, b = best
    return f"{marked[:a]}\x02{o}\x02{marked[a:b]}\x02{c}\x02{marked[b:]}"


def _sibling(
    lay: _Layout, o: int, c: int, text: str, inside: dict[int, set[int]], near: int
) -> str:
    """The pair with its source ``text`` at the legal point nearest ``near``, spaced as a word."""
    points = [p for p in lay.stack if all(o in inside.get(q, ()) for q in lay.stack[p])]
    at = min(points, key=lambda p: (abs(p - near), -p))
    marked = lay.marked
    before = " " if at > 0 and not marked[at - 1].isspace() else ""
    after = " " if at < len(marked) and (_WORD.match(marked[at]) or marked[at] == "\x02") else ""
    return f"{marked[:at]}{before}\x02{o}\x02{text}\x02{c}\x02{after}{marked[at:]}"
