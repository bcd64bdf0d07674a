"""Re-insert inline pairs (an element's open and close placeholders) the model lost or misplaced.

A pair is put back around its own stretch of the output, never around or inside
a pair that the source did not nest it with: two dropped links used to be both
re-opened at the start and closed at the end, one inside the other, which is
invalid HTML (an ``<a>`` may not contain interactive content, HTML Living
Standard 4.5.1) and which CommonMark cannot write (no link inside a link text,
spec 6.3); browsers then emptied one of them. The stretch is, in this order:
the pair's source text where the output has it verbatim as whole words (names
such as ``Gullfoss``; a match starts and ends at Unicode word edges, so ``Eni``
is not found inside ``Venice`` nor ``Roma`` in ``Romania``) or else its cognates
(``attrazioni ... Islanda`` ~ ``attractions in Iceland``, rapidfuzz ratio, never a
longer word holding the source word; these evident pairs are placed first so no
guess takes their words), the stretch where a kept half put it, or the stretch at the
same relative place as in the source; that last guess only when the output has
at least half the source's words (a model that kept one word of fourteen shows
nowhere where a link goes).
A stretch always holds a word (``\\w``): a pair around nothing, or around
punctuation and spaces only, is an empty link (``<a href></a>``, ``[](url)``),
which a reader cannot click and which loses the link silently.

Decision (newsroom rule: never publish untranslated source text inside a
translation): where no stretch of the output is free (all of it taken by
elements the pair was not nested in, no word left, or nothing evident in a far
too short output), the pair is LEFT OUT
and returned as unplaced; it is never put back holding its source-language
text (it used to follow the sentence holding its Italian words). The caller
reports it, naming the element, so an editor restores it; the target text is
kept whole. A pair that held only a standalone span (a link around an image,
``<g1><x2/></g1>``) goes back around that same span, never around a word. A
pair around symbols only (``CO<sub>2</sub>``, a footnote ``<sup>1</sup>``) holds
no language and is never wrapped around words nor put inside a number or word:
it goes around its whole source token where the output has it, else (symbols
that stood apart) a copy of the symbols goes next to the source word beside
them or at the end, and symbols that were part of a word the output lacks are
left out as unplaced (:func:`_symbol_spots`). A pair the model kept but
misplaced (around no word or a lone ``<br>``, crossing another pair, or around a pair the source
did not nest in it) is taken out and placed again the same way
(:func:`misplaced`).
Markers in ``marked`` are ``\x02<n>\x03`` with n the 1-based span number.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pipeline.protect.spans import ATOMIC, CLOSE, OPEN, Span, is_language

MARK = re.compile("\x02(\\d+)\x03")
# A grapheme as far as NFC goes: a character and the combining marks after it.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_CLUSTER = re.compile(f"(?s).[{_MARKS}]*")
_WORD_NFD = re.compile(f"(?:\\w[{_MARKS}]*)+")  # a word, combining accents and all
_WORD = re.compile(r"\w")
_TRAIL = " .,;:!?…»”\"')"


@dataclass(frozen=True)
class _Layout:
    """Where a pair may go in ``marked``: the region (innermost enclosing pair) of each
    boundary, so a legal stretch is found with bisection, not by testing every pair of
    boundaries (a paragraph of 100 dropped bold words took 25 s)."""

    marked: str
    opens: list[int]  # candidate positions of an open marker
    closes: list[int]  # candidate positions of a close marker
    region: dict[int, int]  # boundary -> id of the innermost enclosing pair (0: none)
    parent: dict[int, tuple[int, int]]  # region id -> (enclosing region id, open number)
    starts: list[tuple[int, int]]  # (position, open span number) of each placed pair
    words: list[int]  # prefix count of word characters outside markers


class _Rules:
    """Where pair ``o`` may go in a layout: regions whose enclosing pairs all held it in
    the source, and no pair starting inside it that it did not hold there."""

    def __init__(self, lay: _Layout, o: int, inside: dict[int, set[int]]) -> None:
        self.lay = lay
        self.bad = sorted(at for at, n in lay.starts if n not in inside[o])
        self.ok = {0: True}
        for rid in sorted(lay.parent):  # a region's parent opened before it: smaller id
            up, n = lay.parent[rid]
            self.ok[rid] = self.ok[up] and o in inside.get(n, ())
        self.by_region: dict[int, list[int]] = {}
        for b in lay.closes:
            self.by_region.setdefault(lay.region[b], []).append(b)

    def _limit(self, a: int) -> int:
        """The last position a stretch opening at ``a`` may close at (a forbidden start)."""
        k = bisect_left(self.bad, a)
        return self.bad[k] if k < len(self.bad) else len(self.lay.marked)

    def legal(self, a: int, b: int) -> bool:
        """True when the pair may wrap ``marked[a:b]``: no crossing, no unlike nesting."""
        r = self.lay.region[a]
        return self.lay.region[b] == r and self.ok[r] and b <= self._limit(a)

    def close_for(self, a: int, goal: int) -> int | None:
        """The legal close nearest ``goal`` for an open at ``a``, with a word between."""
        r, lay = self.lay.region[a], self.lay
        if not self.ok[r]:
            return None
        cands = self.by_region.get(r, [])
        lo, hi = max(a + 1, bisect_right(lay.words, lay.words[a])), self._limit(a)
        j = bisect_left(cands, min(max(goal, lo), hi))
        near = [cands[i] for i in (j - 1, j) if 0 <= i < len(cands) and lo <= cands[i] <= hi]
        return min(near, key=lambda b: (abs(b - goal), b), default=None)


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


def reinsert(
    marked: str, source: str, spans: Sequence[Span], dropped: set[int]
) -> tuple[str, list[int]]:
    """``marked`` with every pair that lost a placeholder (``dropped``) put back whole,
    and the open numbers of the pairs left out (no stretch with a word was free)."""
    inside = nesting(spans)
    todo = [p for p in pairs_of(spans).values() if p[0] in dropped or p[1] in dropped]
    kept: dict[int, tuple[int | None, ...]] = {}  # open n -> kept halves as plain offsets
    for o, c in todo:  # all out first: no lone half blocks another pair
        marked, at = _take(marked, o, c)
        kept[o] = tuple(None if a is None else len(MARK.sub("", marked[:a])) for a in at)
    todo.sort(key=lambda p: (not _evident(marked, inner_text(source, spans, p)), p))
    guess = _enough_words(marked, source, spans)
    unplaced = []
    for o, c in todo:
        anchor = tuple(None if a is None else _at_count(marked, a) for a in kept[o])
        want = _wanted(marked, source, spans, (o, c), (anchor[0], anchor[1]), guess)
        text = inner_text(source, spans, (o, c))
        if not text and _atoms(spans, (o, c)):  # a linked image: around that image only
            placed = _around_atoms(marked, spans, (o, c), inside)
        elif _holds_all(source, spans, (o, c)):  # around all: evident, no guess
            placed = _around_all(marked, spans, (o, c), inside)
        elif want is None:  # nothing shows where it goes: no guess in a target this short
            placed = None
        elif is_language(text) or not text:
            placed = _place(marked, spans, (o, c), want, inside)
            if not guess and anchor == (None, None) and not _on_own_words(placed, want, (o, c)):
                placed = None  # its words are taken: the nearest free word is no place
        else:  # symbols only: never inside a number or word (:func:`_symbol_spots`)
            placed = _symbol(marked, (source, spans), (o, c), text, inside)
        if placed is None:
            unplaced.append(o)
        else:
            marked = placed
    return marked, unplaced


def _on_own_words(placed: str | None, want: tuple[int, int], pair: tuple[int, int]) -> bool:
    """True when ``pair`` in ``placed`` overlaps ``want`` (the stretch of its own words,
    where a far too short output shows them): otherwise it went to the nearest free word,
    a guess (``A <g1>Roma</g1> e il sindaco di <g2>Roma</g2>`` as "<g1>Rome</g1>
    <g2>mayor</g2> spoke": the second link around "mayor")."""
    if placed is None:
        return False
    opening = f"\x02{pair[0]}\x03"
    lo = placed.index(opening)  # _place inserts both markers into the text ``want`` is of
    hi = placed.index(f"\x02{pair[1]}\x03") - len(opening)
    return want[0] == want[1] or max(lo, want[0]) < min(hi, want[1])


def _holds_all(source: str, spans: Sequence[Span], pair: tuple[int, int]) -> bool:
    """The pair holds every word of the source (a button's link, a box's ``<div><p>``
    around the whole segment): where it goes in any translation is evident."""
    start, end = spans[pair[0] - 1].start, spans[pair[1] - 1].end
    chars = list(source)
    for span in spans:
        chars[span.start : span.end] = " " * (span.end - span.start)
    return not re.search(r"\w", "".join(chars[:start] + chars[end:]))


def _around_all(
    marked: str, spans: Sequence[Span], pair: tuple[int, int], inside: dict[int, set[int]]
) -> str | None:
    """``pair`` put around all of ``marked`` but the spaces and the halves of the pairs
    the source has around it (:func:`_holds_all`); None when the target is empty."""
    o, c = pair
    outer = {n for p, q in pairs_of(spans).values() if o in inside.get(p, ()) for n in (p, q)}
    a, b = 0, len(marked)
    while a < b and (marked[a].isspace() or _outer_mark(MARK.match(marked, a), outer)):
        m = MARK.match(marked, a)
        a = m.end() if m else a + 1
    while b > a and (marked[b - 1].isspace() or marked[b - 1] == "\x03"):
        if marked[b - 1].isspace():
            b -= 1
            continue
        start = marked.rfind("\x02", a, b)
        if start < 0 or int(marked[start + 1 : b - 1]) not in outer:
            break
        b = start
    if a >= b:
        return None
    return f"{marked[:a]}\x02{o}\x03{marked[a:b]}\x02{c}\x03{marked[b:]}"


def _outer_mark(m: re.Match[str] | None, outer: set[int]) -> bool:
    return m is not None and int(m.group(1)) in outer


def misplaced(marked: str, source: str, spans: Sequence[Span]) -> dict[int, str]:
    """``open n -> why`` for each pair with both halves in ``marked`` that cannot stay:
    ``empty`` (no word inside), ``crossed`` (closes inside another pair), ``nested``
    (around a pair the source did not nest in it) or ``split`` (symbols set inside a
    number or word they were not part of: ``20<sub>2</sub>3``, :func:`splits_token`) or
    ``moved`` (around other words while its own stand elsewhere: :func:`_moved`)."""
    inside, closing = nesting(spans), {c: o for o, c in pairs_of(spans).values()}
    here = {int(n) for n in MARK.findall(marked)}
    whole = {o for c, o in closing.items() if o in here and c in here}  # a lone half is no pair
    bad: dict[int, str] = {}
    stretches: dict[int, tuple[int, int]] = {}  # open n -> (start, end) of what it holds
    stack: list[tuple[int, int]] = []  # (open number, end of its marker)
    for m in MARK.finditer(marked):
        n = int(m.group(1))
        if n in whole:  # an outer pair that grew over one the source did not nest in it
            for o, _ in stack:  # goes again: the inner one is the more specific placement
                if n not in inside[o]:
                    bad.setdefault(o, "nested")
            stack.append((n, m.end()))
        elif n in closing and any(o == closing[n] for o, _ in stack):
            while stack[-1][0] != closing[n]:
                bad.setdefault(stack.pop()[0], "crossed")
            o, at = stack.pop()
            stretches[o] = (at, m.start())
            stretch = marked[at : m.start()]
            if not _holds(stretch, source, spans, o) and not _same_symbols(
                stretch, source, spans, o
            ):
                bad.setdefault(o, "empty")
            elif _split_here(marked, (at, m.start(), m.end()), source, spans, o):
                bad.setdefault(o, "split")
    for o in _moved(marked, (source, spans), stretches, inside):
        bad.setdefault(o, "moved")
    return bad


_MOVED_MIN = 3


def _moved(
    marked: str,
    src: tuple[str, Sequence[Span]],
    stretches: dict[int, tuple[int, int]],
    inside: dict[int, set[int]],
) -> set[int]:
    """Pairs the model swapped: a pair whose source words stand verbatim, once, as whole
    words in the target outside it (names: "According to <g2>Ansa</g2> and
    <g1>Repubblica</g1>" for "<g1>Ansa</g1> e <g2>Repubblica</g2>"), and the pair that
    holds those words instead (unless the source nested the one in the other). Both are
    placed again around their own words: a link never points from another name."""
    source, spans = src
    masked = MARK.sub(lambda m: "\x02" * len(m.group(0)), marked)
    moved: set[int] = set()
    for o, (start, end) in stretches.items():
        text = inner_text(source, spans, pairs_of(spans)[o])
        if len(text) < _MOVED_MIN or not is_language(text):
            continue  # symbols, or a word too short to be sure of ("e", "la")
        hits = wholes(text, masked, re.I)
        if len(hits) != 1 or (start <= hits[0][0] and hits[0][1] <= end):
            continue
        holders = [
            q
            for q, (a, b) in stretches.items()
            if q != o and a <= hits[0][0] and hits[0][1] <= b and o not in inside[q]
        ]
        if holders:
            moved |= {o, *holders}
    return moved


def splits_token(text: str, source_sides: tuple[str, str], target_sides: tuple[str, str]) -> bool:
    """True when symbols ``text`` (no language: ``2``, ``1``) stand inside a number or word
    they were not part of in the source (``20<sub>2</sub>3`` for ``CO<sub>2</sub>``).

    Sides are the plain text before and after the symbols. A side splits a token when the
    target has a letter or digit touching the symbols there and the source had none, or
    had the other kind (a digit after ``CO``); ``cento<sup>1</sup>`` as
    ``percent<sup>1</sup>`` is fine (a letter on both)."""
    if not text or is_language(text):
        return False
    sides = (
        (text[0], source_sides[0][-1:], target_sides[0][-1:]),
        (text[-1], source_sides[1][:1], target_sides[1][:1]),
    )
    for edge, src, tgt in sides:
        if _WORD.match(edge) and _WORD.match(tgt or " ") and _kind(src) != _kind(tgt):
            return True
    return False


def _kind(ch: str) -> str:
    """``digit``, ``word`` (a letter or ``_``) or ``""`` for a character next to symbols."""
    return "digit" if ch.isdigit() else "word" if _WORD.match(ch or " ") else ""


def _split_here(
    marked: str, at: tuple[int, int, int], source: str, spans: Sequence[Span], o: int
) -> bool:
    """True when the kept pair ``o`` (its text ``marked[at[0]:at[1]]``, close marker ending
    at ``at[2]``) splits a number or word of the target (:func:`splits_token`)."""
    text = inner_text(source, spans, pairs_of(spans)[o])
    before, after = _source_sides(source, spans, pairs_of(spans)[o])
    target = (MARK.sub("", marked[: at[0]]), MARK.sub("", marked[at[2] :]))
    return splits_token(text, (before, after), target)


def _source_sides(source: str, spans: Sequence[Span], pair: tuple[int, int]) -> tuple[str, str]:
    """The source's plain text (spans left out) before and after pair ``pair``'s text."""
    plain = _plain(source, spans)
    pa = _plain_offset(source, spans, spans[pair[0] - 1].end)[0]
    pb = _plain_offset(source, spans, spans[pair[1] - 1].start)[0]
    return plain[:pa], plain[pb:]


def _holds(stretch: str, source: str, spans: Sequence[Span], o: int) -> bool:
    """True when ``stretch`` has a word, or a standalone span where the source pair held
    one too (a link around an image); a ``<br>`` alone in a link is no content."""
    if _WORD.search(MARK.sub("", stretch)):
        return True
    start, end = spans[o - 1].end, spans[pairs_of(spans)[o][1] - 1].start
    had = any(s.role == ATOMIC and start <= s.start < end for s in spans)
    return had and any(spans[int(n) - 1].role == ATOMIC for n in MARK.findall(stretch))


def _same_symbols(stretch: str, source: str, spans: Sequence[Span], o: int) -> bool:
    """True when ``stretch`` holds what a pair around symbols only held in the source
    (a footnote ``<sup>*</sup>``): kept as the source had it, it is not empty."""
    text = inner_text(source, spans, pairs_of(spans)[o])
    return bool(text) and " ".join(MARK.sub("", stretch).split()) == text


def _symbol(
    marked: str,
    src: tuple[str, Sequence[Span]],
    pair: tuple[int, int],
    text: str,
    inside: dict[int, set[int]],
) -> str | None:
    """A pair around symbols only (no language: ``CO<sub>2</sub>``, a footnote ``1``)
    at the first legal spot of :func:`_symbol_spots`; None (left out) when there is none.

    Wrapped or copied, the symbols never land inside a number or word of the target
    (a lost ``2`` of ``CO2`` once became ``20<sub>2</sub>3``, changing the year)."""
    o, c = pair
    rules = _Rules(_layout(marked, src[1]), o, inside)
    masked = MARK.sub(lambda m: "\x02" * len(m.group(0)), marked)
    for a, b in _symbol_spots(masked, src, pair, text):
        if rules.legal(a, b):
            inner = marked[a:b] if b > a else text  # wrapped where it stands, or copied
            return f"{marked[:a]}\x02{o}\x03{inner}\x02{c}\x03{marked[b:]}"
    return None


def _plain(source: str, spans: Sequence[Span]) -> str:
    """``source`` with its spans left out (offsets as :func:`_plain_offset` gives them)."""
    parts, pos = [], 0
    for span in spans:
        parts.append(source[pos : span.start])
        pos = span.end
    parts.append(source[pos:])
    return "".join(parts)


def _edge(before: bool, ch: str) -> str:
    """A lookaround keeping a match whole: no word character next to a word edge, and
    not the same symbol next to a symbol edge (``*`` is not taken out of ``***``)."""
    bad = r"\w" if _WORD.match(ch) else re.escape(ch)
    return f"(?<!{bad})" if before else f"(?!{bad})"


def _symbol_spots(
    masked: str, src: tuple[str, Sequence[Span]], pair: tuple[int, int], text: str
) -> list[tuple[int, int]]:
    """Spots for a symbol pair, best first: ``(start, end)`` wraps ``masked[start:end]``,
    ``start == end`` puts a copy of the symbols there.

    1. Where the target has the source's whole token holding the symbols (``CO2`` for
       ``CO<sub>2</sub>``: the ``2`` after ``CO``; a lone ``*`` for ``nota<sup>*</sup>``),
       the last such token; never a piece of a longer number or word (not the ``2``
       of ``2023``, not the ``1`` of ``12``).
    2. Symbols the source wrote as part of a word or number (``CO2``, ``km2``) whose
       token the target lacks: no spot, the pair is left out and named (copied next to
       another word they would make a new token: ``dioxide fell.2`` reads as footnote 2).
    3. Else (the symbols stood apart in the source) a copy next to the source word just
       before them, or just after them, where the target has that whole word; else at
       the target's end when the source had them at its end or they hold no letter or
       digit (``*``). Never a copy touching a word character of the target."""
    head, tail = _source_sides(*src, pair)
    left = re.findall(r"\w*$", head)[0] if _WORD.match(text[0]) else ""
    right = re.findall(r"^\w*", tail)[0] if _WORD.match(text[-1]) else ""
    token = left + text + right
    pattern = _edge(True, token[0]) + re.escape(token) + _edge(False, token[-1])
    hits = [m.start() + len(left) for m in re.finditer(pattern, masked, re.IGNORECASE)]
    spots = [(at, at + len(text)) for at in reversed(hits)]
    if left or right:  # part of a word or number: only that whole token will do
        return spots
    copies = []
    before = re.search(r"(\w+)(\W*)$", head)
    after = re.match(r"(\W*)(\w+)", tail)
    if before:
        copies += _next_to(masked, before[1], before[2], True)
    if after:
        copies += _next_to(masked, after[2], after[1], False)
    if not _WORD.search(tail) or not _WORD.search(text):
        copies.append(len(masked.rstrip()))
    return spots + [(q, q) for q in copies if _apart(masked, q, text)]


def _next_to(masked: str, word: str, gap: str, after: bool) -> list[int]:
    """Where a copy goes by each whole ``word`` of ``masked`` (last first): after it and
    as much of the source's ``gap`` as the target repeats (``after``), else before it."""
    spots = []
    for m in reversed(list(re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", masked))):
        if after:
            q = m.end()
            while q - m.end() < len(gap) and q < len(masked) and masked[q] == gap[q - m.end()]:
                q += 1
        else:
            q = m.start()
            while m.start() - q < len(gap) and q > 0 and masked[q - 1] == gap[q - m.start() - 1]:
                q -= 1
        spots.append(q)
    return spots


def _apart(masked: str, q: int, text: str) -> bool:
    """True when ``text`` put in at ``q`` touches no word character it would join."""
    joins_left = q > 0 and _WORD.match(text[0]) and _WORD.match(masked[q - 1])
    joins_right = q < len(masked) and _WORD.match(text[-1]) and _WORD.match(masked[q])
    return not (joins_left or joins_right)


def _atoms(spans: Sequence[Span], pair: tuple[int, int]) -> list[int]:
    """Span numbers of the standalone spans (an image) the source pair held."""
    start, end = spans[pair[0] - 1].end, spans[pair[1] - 1].start
    return [n for n, s in enumerate(spans, 1) if s.role == ATOMIC and start <= s.start < end]


def _around_atoms(
    marked: str, spans: Sequence[Span], pair: tuple[int, int], inside: dict[int, set[int]]
) -> str | None:
    """A pair that held only standalone spans (a link around an image) around those same
    spans in ``marked``, never around a word; None (left out) where they are not there."""
    o, c = pair
    at = [m.span() for m in MARK.finditer(marked) if int(m.group(1)) in _atoms(spans, pair)]
    if not at:
        return None
    a, b = at[0][0], at[-1][1]
    if not _Rules(_layout(marked, spans), o, inside).legal(a, b):
        return None
    return f"{marked[:a]}\x02{o}\x03{marked[a:b]}\x02{c}\x03{marked[b:]}"


def _evident(marked: str, text: str) -> tuple[int, int] | None:
    """Where the output shows a pair's source ``text``: verbatim (a name, a number), else
    the stretch of its cognates (``attrazioni`` ~ ``attractions``, :func:`_aligned`)."""
    return _found(marked, text) or _aligned(marked, text)


def _enough_words(marked: str, source: str, spans: Sequence[Span]) -> bool:
    """True when the output has at least half the source's words (spans left out): only
    then is the same relative place a fair guess for a pair nothing else places."""
    plain, pos = [], 0
    for span in spans:
        plain.append(source[pos : span.start])
        pos = span.end
    plain.append(source[pos:])
    words = len(re.findall(r"\w+", "".join(plain)))
    return 2 * len(re.findall(r"\w+", MARK.sub(" ", marked))) >= words


_COGNATE = 70  # rapidfuzz ratio (0-100) of a source word and its target cognate
_LETTERS = re.compile(r"[^\W\d_]{4,}")


def _aligned(marked: str, text: str) -> tuple[int, int] | None:
    """The stretch of ``marked`` holding the most cognates of ``text``'s words (4+ letters,
    rapidfuzz ratio >= 70: ``turistiche``/``tourist``, ``Islanda``/``Iceland``), cognates
    at most two words apart; None when none is found."""
    from rapidfuzz import fuzz

    words = [w.casefold() for w in _LETTERS.findall(unicodedata.normalize("NFC", text))]
    if not words:
        return None
    masked, starts, ends = nfc_index(MARK.sub(lambda m: "\x02" * len(m.group(0)), marked))
    tokens = list(re.finditer(r"\w+", masked))
    hits = [
        i
        for i, t in enumerate(tokens)
        if len(t[0]) >= 4 and any(_cognate(t[0].casefold(), w, fuzz.ratio) for w in words)
    ]
    groups: list[list[int]] = []
    for i in hits:
        if groups and i - groups[-1][-1] <= 3:
            groups[-1].append(i)
        else:
            groups.append([i])
    if not groups:
        return None
    free = [g for g in groups if not _held(masked, tokens[g[0]].start(), tokens[g[-1]].end())]
    best = max(free or groups, key=len)  # words a pair already holds are another's (_found)
    return starts[tokens[best[0]].start()], ends[tokens[best[-1]].end() - 1]


def _held(masked: str, start: int, end: int) -> bool:
    """True when a pair's markers stand right around ``masked[start:end]``."""
    return masked[start - 1 : start] == "\x02" == masked[end : end + 1]


def _cognate(token: str, word: str, ratio: Callable[[str, str], float]) -> bool:
    """True when target ``token`` is a cognate of source ``word`` (both casefolded); a
    longer word holding ``word`` whole is another word (``Romania`` is not ``Roma``)."""
    return ratio(token, word) >= _COGNATE and not (word in token and token != word)


def _found(marked: str, text: str) -> tuple[int, int] | None:
    """Where ``text`` (with a word in it) stands in ``marked`` as whole words (a match starts
    and ends at word edges: ``Eni`` is not found in ``Venice``), markers not matching. The
    first place no pair holds exactly, if any: "Roma" twice in the source, the first "Rome"
    already in its link, the second link goes to the second "Rome" (was: to the word
    nearest the first, "<g2>In</g2> <g1>Rome</g1>")."""
    if not _WORD.search(text):
        return None
    masked = MARK.sub(lambda m: "\x02" * len(m.group(0)), marked)
    hits = wholes(text, masked, re.IGNORECASE)
    free = [h for h in hits if not _held(masked, *h)]
    return (free or hits or [None])[0]


def whole(text: str, within: str, flags: int = 0) -> tuple[int, int] | None:
    r"""Where non-empty ``text`` first stands in ``within`` starting and ending at word
    edges (Unicode ``\w``): ``Eni`` is not in ``Venice``, ``@eni`` not in ``@enix``.
    Composed and decomposed accents match (:func:`wholes`)."""
    found = wholes(text, within, flags)
    return found[0] if found else None


def wholes(text: str, within: str, flags: int = 0) -> list[tuple[int, int]]:
    """Every place (offsets in ``within``) where ``text`` stands as whole words, compared
    in NFC: a name typed with combining accents (``Beloúsov`` in NFD, as some editors and
    macOS file names write it) is the name a model writes composed (its SentencePiece
    normalises to NFC); compared as code points they never matched, and the tag around
    the name was left out as having no place."""
    text = unicodedata.normalize("NFC", text)
    folded, starts, ends = nfc_index(within)
    pattern = _edge(True, text[0]) + re.escape(text) + _edge(False, text[-1])
    return [(starts[m.start()], ends[m.end() - 1]) for m in re.finditer(pattern, folded, flags)]


def nfc_index(text: str) -> tuple[str, Sequence[int], Sequence[int]]:
    """``text`` in NFC, and for each of its characters where its grapheme (a character and
    the combining marks after it) starts and ends in ``text``."""
    if unicodedata.is_normalized("NFC", text):
        return text, range(len(text)), range(1, len(text) + 1)  # (no copy: the common case)
    folded: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _CLUSTER.finditer(text):
        piece = unicodedata.normalize("NFC", m.group(0))
        folded.append(piece)
        starts.extend([m.start()] * len(piece))
        ends.extend([m.end()] * len(piece))
    return "".join(folded), starts, ends


def _take(marked: str, o: int, c: int) -> tuple[str, tuple[int | None, int | None]]:
    """Remove the kept half of pair ``(o, c)``; where it stood (None for a dropped half)."""
    at: list[int | None] = []
    for n in (o, c):
        pos = marked.find(f"\x02{n}\x03")
        if pos >= 0:
            marked = marked[:pos] + marked[pos + len(f"\x02{n}\x03") :]
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
    return _at_count(marked, round(fraction * len(MARK.sub("", marked))))


def _at_count(marked: str, goal: int) -> int:
    """Position in ``marked`` after ``goal`` characters outside markers."""
    seen, pos = 0, 0
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
    guess: bool = True,
) -> tuple[int, int] | None:
    """Where the pair would ideally open and close in ``marked``: where the output shows
    its text, where a kept half stands, else (``guess``) the same relative place."""
    text = inner_text(source, spans, pair)
    found = _evident(marked, text)
    if found:
        start, end = found
    elif anchor == (None, None) and not guess:
        return None
    else:
        a, total = _plain_offset(source, spans, spans[pair[0] - 1].end)
        b, _ = _plain_offset(source, spans, spans[pair[1] - 1].start)
        start, end = _at_plain(marked, a / total), _at_plain(marked, b / total)
        while end > start and marked[end - 1] in _TRAIL and not text.endswith(marked[end - 1]):
            end -= 1  # a sentence's final stop stays outside a link that did not hold one
    start = anchor[0] if anchor[0] is not None else start
    end = anchor[1] if anchor[1] is not None else end
    return start, max(start, end)


def _layout(marked: str, spans: Sequence[Span]) -> _Layout:
    """Candidate boundaries of ``marked`` (word, punctuation and marker edges)."""
    classes: list[str] = []
    region: dict[int, int] = {}
    parent: dict[int, tuple[int, int]] = {}
    starts: list[tuple[int, int]] = []
    marks = list(MARK.finditer(marked))
    edges = {0, len(marked), *(i for m in marks for i in m.span())}
    open_now: list[tuple[int, int]] = []  # (open span number, its region id)
    closing = {c: o for o, c in pairs_of(spans).values()}
    pos = 0
    for m in [*marks, None]:
        rid = open_now[-1][1] if open_now else 0
        for i in range(pos, m.start() if m else len(marked)):
            ch = marked[i]
            classes.append("s" if ch.isspace() else "w" if _WORD.match(ch) else "p")
            region.setdefault(i, rid)
        if m is None:
            region.setdefault(len(marked), rid)
            break
        region.setdefault(m.start(), rid)
        n = int(m.group(1))
        if spans[n - 1].role == OPEN:
            starts.append((m.start(), n))
            parent[len(parent) + 1] = (rid, n)
            open_now.append((n, len(parent)))
        else:
            open_now = [e for e in open_now if e[0] != closing.get(n)]
        classes.extend("m" * (m.end() - m.start()))
        region[m.end()] = open_now[-1][1] if open_now else 0
        pos = m.end()
    return _bounds(marked, classes, edges, (region, parent), starts)


def _bounds(
    marked: str,
    classes: list[str],
    edges: set[int],
    regions: tuple[dict[int, int], dict[int, tuple[int, int]]],
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
    return _Layout(marked, opens, closes, *regions, starts, words)


def _place(
    marked: str,
    spans: Sequence[Span],
    pair: tuple[int, int],
    want: tuple[int, int],
    inside: dict[int, set[int]],
) -> str | None:
    """Pair ``(o, c)`` around the legal stretch with a word nearest ``want``; None if none."""
    o, c = pair
    lay = _layout(marked, spans)
    rules = _Rules(lay, o, inside)
    best, cost = None, None
    for a in sorted(lay.opens, key=lambda a: abs(a - want[0])):  # nearest first, so we can stop
        if cost is not None and abs(a - want[0]) >= cost:
            break
        b = rules.close_for(a, want[1])
        if b is not None and (cost is None or abs(a - want[0]) + abs(b - want[1]) < cost):
            best, cost = (a, b), abs(a - want[0]) + abs(b - want[1])
    if best is None:
        return None
    a, b = best
    return f"{marked[:a]}\x02{o}\x03{marked[a:b]}\x02{c}\x03{marked[b:]}"


_NEIGHBOUR_MIN = 3  # letters or digits of a source word a standalone span is placed beside


def blanked(source: str, spans: Sequence[Span]) -> str:
    """``source`` with each span's characters as spaces (offsets kept), for :func:`beside`."""
    parts, pos = [], 0
    for span in spans:
        parts += [source[pos : span.start], " " * (span.end - span.start)]
        pos = span.end
    parts.append(source[pos:])
    return "".join(parts)


_NEAR = 100  # characters around a standalone span where its neighbour words are looked for


def beside(marked: str, src: tuple[str, str], spans: Sequence[Span], n: int) -> str | None:
    """``marked`` with the dropped standalone span ``n`` (an icon, an empty anchor, inline
    code, a URL) put back next to its source neighbour's translation: after the word just
    before it in the source, else before the word just after it, where the output has
    that word exactly once (verbatim or a cognate: ``Clicca <x1/> qui`` -> ``Click <x1/>
    here``, where the relative place put it before "Click"). A space is put between them
    where the source had one. ``src``: the source and its :func:`blanked` form. None when
    no neighbour shows (the caller falls back to the relative place) or no word stands on
    one side of it (its place is the output's edge)."""
    source, plain = src
    span = spans[n - 1]
    before = list(_WORD_NFD.finditer(plain, max(0, span.start - _NEAR), span.start))
    after = _WORD_NFD.search(plain, span.end, span.end + _NEAR)
    if not before or after is None:
        return None
    hit = _one_place(marked, before[-1].group(0))
    if hit is not None:
        end = _past_closes(marked, hit[1], spans)
        gap = " " if re.search(r"\s", source[before[-1].end() : span.start]) else ""
        return f"{marked[:end]}{gap}\x02{n}\x03{marked[end:]}"
    hit = _one_place(marked, after.group(0))
    if hit is None:
        return None
    start = _before_opens(marked, hit[0], spans)
    gap = " " if re.search(r"\s", source[span.end : after.start()]) else ""
    return f"{marked[:start]}\x02{n}\x03{gap}{marked[start:]}"


def _past_closes(marked: str, pos: int, spans: Sequence[Span]) -> int:
    """``pos`` moved past the close markers right after it (the span goes after the
    ``</a>`` that closes the word, never inside the link)."""
    while (m := MARK.match(marked, pos)) is not None and spans[int(m[1]) - 1].role == CLOSE:
        pos = m.end()
    return pos


def _before_opens(marked: str, pos: int, spans: Sequence[Span]) -> int:
    """``pos`` moved back before the open markers right before it (the word's tags)."""
    while pos and marked[pos - 1] == "\x03":
        start = marked.rindex("\x02", 0, pos)
        if spans[int(marked[start + 1 : pos - 1]) - 1].role != OPEN:
            break
        pos = start
    return pos


def _one_place(marked: str, word: str) -> tuple[int, int] | None:
    """Where source ``word`` stands in ``marked``, when exactly once: verbatim as a whole
    word (any word of 3+ characters) or as a cognate (4+ letters, :func:`_cognate`)."""
    from rapidfuzz import fuzz

    if len(word) < _NEIGHBOUR_MIN:
        return None
    masked, starts, ends = nfc_index(MARK.sub(lambda m: "\x02" * len(m.group(0)), marked))
    word = unicodedata.normalize("NFC", word).casefold()
    hits = [
        t.span()
        for t in re.finditer(r"\w+", masked)
        if t[0].casefold() == word
        or (
            _LETTERS.fullmatch(word)
            and len(t[0]) >= 4
            and _cognate(t[0].casefold(), word, fuzz.ratio)
        )
    ]
    if len(hits) != 1:
        return None
    return starts[hits[0][0]], ends[hits[0][1] - 1]
