"""Placeholders: protected spans out of the model input, and back into its output.

The form is ``Z<n>X`` (``Z1X``, ``Z2X``, ...), chosen for the opus-mt
SentencePiece vocabularies:

- only ASCII capitals and digits, which every opus-mt vocabulary covers (a
  character outside the vocabulary becomes ``<unk>`` and can never come back;
  brackets, ``<``, ``_`` or private-use characters are not safe in general);
- a few pieces (``▁Z`` ``1`` ``X``): short enough not to crowd the input, and
  shaped like the product codes and acronyms (A4, G7, KCNA) that Marian models
  copy through unchanged; a letter on each side of the number keeps the id
  unambiguous next to digits (``Z1X2024``);
- not a word or a Roman numeral in it/en/fr, so the model has nothing to
  translate; a literal ``Z1X`` in a source is itself protected.

Checked with ``make bench-protect`` (:mod:`bench.protect`): it trains a
sentencepiece unigram model the way :mod:`pipeline.models.tiny` does (the
opus-mt vocabulary shape) on newstest2009 it+en+fr and counts the pieces of
each candidate form; the real opus-mt ``source.spm`` could not be downloaded
here (the hub is unreachable). Models do not always copy placeholders cleanly,
so :func:`restore` reads them back tolerantly (``Z 1 X``, ``z1x``, ``Z01X``), accepts a
span's text written out by the model itself, keeps the first of duplicated
ones, drops unknown ones, re-inserts dropped ones (an inline element's pair
around its own stretch of the output, never nested in a way the source was not:
see :mod:`pipeline.protect.pairs`), puts crossed open/close pairs back in
order, places again a pair kept around no word, crossing another pair or
around a pair the source did not nest in it, and reports each repair as a
:class:`Problem`. A pair that no stretch of the output can hold is left out
(``unplaced``), never put back around its source-language text: the target
text stays whole and the problem names the element for an editor.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.protect.pairs import (
    beside,
    blanked,
    inner_text,
    misplaced,
    pairs_of,
    reinsert,
    whole,
)
from pipeline.protect.spans import (
    ATOMIC,
    BIDI_CONTROLS,
    CLOSE,
    HIDDEN,
    IGNORABLE,
    INVISIBLE,
    NUMBER_SPACES,
    OPEN,
    Span,
    is_language,
    unpaired_controls,
)

FORM = "Z{n}X"
# Tolerant: models may space out or lower-case the pieces of a placeholder.
PLACEHOLDER = re.compile(r"Z\s{0,2}(\d{1,4})\s{0,2}X", re.IGNORECASE)
_REMOVED = "\x01"
_MARK = re.compile("\x02(\\d+)\x03")
# Dropped standalone spans placed beside their neighbour words at most; more (a model that
# lost every tag of a long paragraph) go to their relative places: each placement reads the
# whole output, and 1,000 took 70 s.
BESIDE_MAX = 32
_FINAL = re.compile(r"[\s.!?;:…»”\"')\]]*$")


def placeholder(n: int) -> str:
    return FORM.format(n=n)


@dataclass(frozen=True)
class Problem:
    """A placeholder the model did not give back exactly once, or a pair it misplaced
    (``kind``: dropped, duplicated, unknown, order, empty, crossed, split, nested,
    moved, unplaced);
    ``span`` is None for an unknown placeholder."""

    kind: str
    token: str
    span: Span | None = None
    where: str = ""  # for ``unplaced``: the pair, what it held and where (:func:`_whereabouts`)

    def note(self) -> str:
        """One line for ``Translation.edits`` and the QA finding; names the span."""
        what = f"{self.span.kind} {self.span.text!r}" if self.span else "no protected span"
        what = self.where or what
        action = _ACTIONS[self.kind]
        return f"{_NOTE_START} {self.token} ({what}) {action}"


# What each problem's note says was done (Problem.note); left_out_pairs reads one back.
_ACTIONS = {
    "dropped": "dropped by the model; re-inserted",
    "duplicated": "repeated by the model; extra copy removed",
    "unknown": "invented by the model; removed",
    "order": "closed before it opened; put back in order",
    "empty": "kept around no words; placed again around words",
    "crossed": "crossed another tag; placed again",
    "split": "put inside a number or word it was not part of; placed again",
    "nested": "put around a tag the source did not nest in it; placed again",
    "moved": "put around other words while its own stand elsewhere; placed again around its own",
    "unplaced": "lost by the model, and nothing in the translation shows where it "
    "goes (no free words, none of its own): the markup was left out, the text kept; "
    "restore it by hand at that place of the translation",
}
_NOTE_START = "protect: placeholder"
_PAIR_WHERE = "tag pair {open}...{close}"  # how _whereabouts names a pair


def left_out_pairs(note: str) -> list[str]:
    """Marker ids (``"1"`` for ``<g1>``) of the tag pair a repair ``note`` says was left out
    (``unplaced``), else none. Repair notes travel as text (``Translation.edits``, the
    memory's notes); read here, beside the wording that writes them, the translate stage
    hands the ids on as data (``Finding.left_out``) and nothing downstream reads the text."""
    if not note.startswith(_NOTE_START + " ") or not note.endswith(" " + _ACTIONS["unplaced"]):
        return []
    pair = re.escape(_PAIR_WHERE).replace(r"\{open\}", r"<g(\d+)>").replace(r"\{close\}", r"</g\1>")
    found = re.match(rf"{re.escape(_NOTE_START)} \S+ \({pair} ", note)
    return [found[1]] if found else []


@dataclass(frozen=True)
class Protected:
    """A source with its protected spans replaced: ``text`` is what the model sees."""

    source: str
    text: str
    spans: tuple[Span, ...] = ()

    @property
    def copy_only(self) -> bool:
        """Nothing left for a model: no letters outside the placeholders."""
        return not is_language(PLACEHOLDER.sub("", self.text))

    def restore(self, output: str) -> tuple[str, list[Problem]]:
        """``output`` with every placeholder replaced by its span's target text."""
        return restore(self, output)


# What the model never sees: spans.INVISIBLE, IGNORABLE and BIDI_CONTROLS (``HIDDEN``).
_BIDI_CONTROL = re.compile(f"[{BIDI_CONTROLS}]")
# Hidden characters that stood between two spaces (``Secondo \u202c PDF``): taking them
# out would leave the pair, which the model copies into the translation.
_HIDDEN_SPACED = re.compile(f"(?<=[ \t])[{INVISIBLE}{IGNORABLE}{BIDI_CONTROLS}]+[ \t]")


def unhide(text: str) -> str:
    """``text`` without its invisible format characters and bidi controls, one space left
    where one stood on each side of them."""
    return HIDDEN.sub("", _HIDDEN_SPACED.sub("", text))


def protect(source: str, spans: Sequence[Span]) -> Protected:
    """Replace each of ``spans`` (non-overlapping, in order) by ``Z<n>X``, n from 1; the
    invisible format characters between them are left out (see :data:`spans.INVISIBLE`
    and :data:`spans.IGNORABLE`)."""
    parts, pos = [], 0
    for n, span in enumerate(spans, 1):
        parts += [unhide(source[pos : span.start]), placeholder(n)]
        pos = span.end
    parts.append(unhide(source[pos:]))
    return Protected(source, "".join(parts), tuple(spans))


def dropped_controls(source: str, spans: Sequence[Span]) -> str | None:
    """A note naming the bidi controls of ``source`` left out of every translation: those
    outside ``spans`` (the model never sees them) and those a span holds unpaired (see
    :func:`spans.unpaired_controls`); None when there are none."""
    kept = [(s.start, s.end) for s in spans]
    found = [
        m[0] for m in _BIDI_CONTROL.finditer(source) if not any(a <= m.start() < b for a, b in kept)
    ]
    inside = [s.text[i] for s in spans for i in unpaired_controls(s.text)]
    notes = []
    if found:
        notes.append(
            f"protect: {len(found)} bidirectional control(s) around text in the source's "
            f"script ({_names(found)}) left out of the translation, where the model would "
            "keep them unpaired and reverse the rest of the line"
        )
    if inside:
        notes.append(
            f"protect: {len(inside)} unpaired bidirectional control(s) inside kept text "
            f"(a URL, tag or term: {_names(inside)}) left out of every output, where they "
            "would reverse or isolate the rest of the line as in the source"
        )
    return "; ".join(notes) + "; add them again by hand if the direction matters" if notes else None


def _names(chars: Sequence[str]) -> str:
    """``U+202E RIGHT-TO-LEFT OVERRIDE, ...``: each control once, in order."""
    return ", ".join(dict.fromkeys(f"U+{ord(c):04X} {unicodedata.name(c)}" for c in chars))


@dataclass
class _State:
    spans: tuple[Span, ...]
    seen: set[int] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


def restore(protected: Protected, output: str) -> tuple[str, list[Problem]]:
    """Put the spans back into ``output``; see the module docstring for the repairs. The
    model's own invisible format characters go (an override it made up, unpaired, would
    reverse the rest of the line); the spans' come back with them."""
    output = unhide(output)
    if not protected.spans and not PLACEHOLDER.search(output):
        return output, []
    state = _State(protected.spans)
    marked = PLACEHOLDER.sub(lambda m: _mark(m, state), output)
    marked = _tidy_removed(marked)
    missing = [n for n in range(1, len(protected.spans) + 1) if n not in state.seen]
    plain = _MARK.sub(" ", marked)
    paired = {n for pair in pairs_of(protected.spans).values() for n in pair}
    # beside their neighbours (each reads the whole output): for a few, as a model drops
    near = len([n for n in missing if n not in paired]) <= BESIDE_MAX
    src = (protected.source, blanked(protected.source, protected.spans) if near else "")
    for n in missing:
        span = protected.spans[n - 1]
        hit = whole(span.target, plain) if span.role == ATOMIC and span.target else None
        if hit:  # the model wrote the span's text itself (whole: not @eni in @enix)
            plain = f"{plain[: hit[0]]} {plain[hit[1] :]}"
            continue
        state.problems.append(Problem("dropped", placeholder(n), span))
        if n not in paired:
            placed = beside(marked, src, protected.spans, n) if near else None
            marked = placed or _insert(marked, f"\x02{n}\x03", _where(protected, span))
    marked = _order_pairs(marked, state)
    again = _misplaced(marked, protected.source, state)
    marked, unplaced = reinsert(
        _MARK.sub(lambda m: "" if int(m.group(1)) in again else m.group(0), marked),
        protected.source,
        protected.spans,
        (set(missing) & paired) | again,
    )
    _report_unplaced(state, unplaced, protected.source)
    if again or missing:  # markers taken out leave their spaces: one is enough
        marked = re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", marked).strip()
    marked = _source_spaces(marked, protected)
    text = _MARK.sub(lambda m: _target(protected.spans[int(m.group(1)) - 1], m, marked), marked)
    return text, state.problems


# Space separators other than the plain space (a thin U+2009, a no-break U+00A0 or U+202F):
# the model's tokenizer reads them as plain spaces (NFKC), so its output has lost them.
_TYPESET = NUMBER_SPACES.replace(" ", "")
_TYPESET_RE = re.compile(f"[{_TYPESET}]")


def _source_spaces(marked: str, protected: Protected) -> str:
    """``marked`` with the plain space beside each span's marker made the space the source
    has there (``art.\u2009Z1X`` came back ``Art. Z1X``: the thin space again), so no
    typeset space next to kept text is lost silently to the model's normalisation."""
    source = protected.source
    if not _TYPESET_RE.search(source):
        return marked
    chars = list(marked)
    for m in _MARK.finditer(marked):
        span = protected.spans[int(m.group(1)) - 1]
        was = source[span.start - 1 : span.start], source[span.end : span.end + 1]
        if m.start() and chars[m.start() - 1] == " " and was[0] and was[0] in _TYPESET:
            chars[m.start() - 1] = was[0]
        if m.end() < len(chars) and chars[m.end()] == " " and was[1] and was[1] in _TYPESET:
            chars[m.end()] = was[1]
    return "".join(chars)


def _report_unplaced(state: _State, unplaced: list[int], source: str) -> None:
    """One ``unplaced`` problem per pair left out, in place of its halves' ``dropped``."""
    closing = dict(pairs_of(state.spans).values())
    out = {placeholder(n) for o in unplaced for n in (o, closing[o])}
    state.problems[:] = [p for p in state.problems if not (p.kind == "dropped" and p.token in out)]
    state.problems.extend(
        Problem("unplaced", placeholder(o), state.spans[o - 1], _whereabouts(state, source, o))
        for o in unplaced
    )


def _whereabouts(state: _State, source: str, o: int) -> str:
    """Which tag pair ``o`` is and where: its source tags, the text they held, the words
    before it in the source (an editor looking at ``(tag '<g1>')`` could not tell which
    element of the paragraph was lost nor where it went)."""
    closing = dict(pairs_of(state.spans).values())
    start, close = state.spans[o - 1], state.spans[closing[o] - 1]
    held = " ".join(inner_text(source, state.spans, (o, closing[o])).split())
    words = re.findall(r"\S+", _outside(source, state.spans, start.start))
    place = f"after {' '.join(words[-4:])!r}" if words else "at its start"
    around = f"around {held!r}" if held else "around no text"
    pair = _PAIR_WHERE.format(open=start.text, close=close.text)
    return f"{pair} {around}, {place} in the source"


def _outside(source: str, spans: Sequence[Span], end: int) -> str:
    """``source[:end]`` with the spans in it left out (markers are no words to an editor)."""
    parts, pos = [], 0
    for span in spans:
        if span.start >= end:
            break
        parts.append(source[pos : span.start])
        pos = span.end
    parts.append(source[pos:end])
    return " ".join("".join(parts).split())


def _misplaced(marked: str, source: str, state: _State) -> set[int]:
    """Span numbers of both halves of each kept pair that must be placed again (reported)."""
    again: set[int] = set()
    closing = dict(pairs_of(state.spans).values())
    for o, why in misplaced(marked, source, state.spans).items():
        state.problems.append(Problem(why, placeholder(o), state.spans[o - 1]))
        again |= {o, closing[o]}
    return again


def _mark(m: re.Match[str], state: _State) -> str:
    n = int(m.group(1))
    if not 1 <= n <= len(state.spans):
        state.problems.append(Problem("unknown", m.group(0)))
        return _REMOVED
    if n in state.seen:
        state.problems.append(Problem("duplicated", placeholder(n), state.spans[n - 1]))
        return _REMOVED
    state.seen.add(n)
    return f"\x02{n}\x03"


def _tidy_removed(text: str) -> str:
    """Drop removed placeholders with one of the spaces around them."""
    text = re.sub(r"[ \t]*\x01([ \t]*)", lambda m: m.group(1), text)
    return re.sub(r"(?<=\S) {2,}(?=\S)", " ", text).strip() if "  " in text else text.strip()


def _where(protected: Protected, span: Span) -> float:
    """Relative place (0..1) for a dropped span: open tags first, close tags and
    spans that ended the source last, others where they stood in the source."""
    if span.role == OPEN:
        return 0.0
    body = len(_FINAL.sub("", protected.source))
    if span.role == CLOSE or span.end >= body:
        return 1.0
    return span.start / max(1, len(protected.source))


def _insert(text: str, mark: str, where: float) -> str:
    """Insert ``mark`` at the word boundary nearest to ``where`` (0..1) of ``text``."""
    if not text.strip():
        return mark
    end = len(_FINAL.sub("", text))
    bounds = [0, *(m.end() for m in re.finditer(r"\s+", text[:end])), end]
    at = min(bounds, key=lambda b: abs(b - where * len(text)))
    if at >= end:
        return f"{text[:at]} {mark}{text[at:]}"
    return f"{text[:at]}{mark} {text[at:]}"


def _order_pairs(marked: str, state: _State) -> str:
    """Swap an open/close pair that the model crossed (close before open)."""
    opens = {s.pair: n for n, s in enumerate(state.spans, 1) if s.role == OPEN}
    for n, span in enumerate(state.spans, 1):
        if span.role != CLOSE or span.pair not in opens:
            continue
        o = opens[span.pair]
        open_at, close_at = marked.find(f"\x02{o}\x03"), marked.find(f"\x02{n}\x03")
        if 0 <= close_at < open_at:
            state.problems.append(Problem("order", placeholder(n), span))
            marked = (
                marked.replace(f"\x02{o}\x03", "\x04")
                .replace(f"\x02{n}\x03", f"\x02{o}\x03")
                .replace("\x04", f"\x02{n}\x03")
            )
    return marked


def _target(span: Span, m: re.Match[str], marked: str) -> str:
    """A term's translation capitalised when it starts the target sentence."""
    target = span.target
    if span.kind == "term" and target[:1].islower() and not is_language(marked[: m.start()]):
        return target[:1].upper() + target[1:]
    return target
