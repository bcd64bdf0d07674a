"""Repetition loops: a word or phrase repeated back to back, which the source lacks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from pipeline.qa import text
from pipeline.qa.listing import quoted
from pipeline.qa.pair import Pair
from pipeline.qa.registry import Hit, check

_TOKEN_RE = re.compile(r"\w+(?:[-'’]\w+)*")
MAX_N = 8


class Loop(NamedTuple):
    phrase: str  # folded
    times: int
    span: tuple[int, int]


@lru_cache(maxsize=8192)
def loops(s: str) -> tuple[Loop, ...]:
    """Back-to-back repeats of a token n-gram.

    A phrase of two or more tokens repeated twice counts; a single word only
    when it occurs three times in a row ("very very" is English, "the the the"
    is not). Copies must follow each other with only spaces between them, so
    "de la défense, de la défense de …" is not a loop.

    Cached per text: the repetition and misalignment checks both ask it of a target,
    and a page repeats texts (boilerplate; a degenerate model's output: 150 segments,
    65 distinct targets on the speed benchmark).
    """
    toks = list(_TOKEN_RE.finditer(s))
    if not toks:
        return ()
    words = [text.fold(m.group(0)) for m in toks]
    seps = [s[a.end() : b.start()].strip() for a, b in zip(toks, toks[1:], strict=False)] + [""]
    keys = list(zip(words, seps, strict=True))
    starts = _loop_starts(words)
    found: list[Loop] = []
    i = 0
    while i < len(words):
        if i not in starts:
            i += 1
            continue
        step = 1
        for n in range(1, min(MAX_N, (len(words) - i) // 2) + 1):
            k = 1
            while (
                words[i + k * n : i + (k + 1) * n] == words[i : i + n]
                and keys[i + k * n : i + (k + 1) * n - 1] == keys[i : i + n - 1]
                and seps[i + k * n - 1] == ""
            ):
                k += 1
            if k >= 3 or (k >= 2 and n >= 2):
                span = (toks[i].start(), toks[i + n * k - 1].end())
                found.append(Loop(" ".join(words[i : i + n]), k, span))
                step = n * k
                break
        i += step
    return tuple(found)


def _loop_starts(words: list[str]) -> set[int]:
    """Positions whose word recurs within :data:`MAX_N` words: only there can a loop start.

    A copy at distance ``n`` repeats the first word ``n`` words on, so every other
    position is skipped without comparing slices (QA's cost per segment, issue 15).
    """
    last: dict[str, int] = {}
    starts: set[int] = set()
    for i, word in enumerate(words):
        j = last.get(word)
        if j is not None and i - j <= MAX_N:
            starts.add(j)
        last[word] = i
    return starts


def _shape(loop: Loop) -> tuple[int, int]:
    """A loop's words per copy and copies: ``no no no`` and ``non non non`` are (1, 3)."""
    return len(loop.phrase.split()), loop.times


@check("repetition", "error")
def repetition(p: Pair) -> Iterator[Hit]:
    """A word or phrase repeats back to back in the target but not in the source.

    A target loop mirrors a source loop of the same shape, each source loop excusing one:
    ``no no no`` -> ``non non non``, ``Bla bla bla`` -> ``Blah blah blah`` is the source's
    repetition translated (was: an error, only the same words excused; review37 P11).
    """
    source = loops(p.src)
    in_source = {lp.phrase for lp in source}
    shapes = [_shape(lp) for lp in source]
    for lp in loops(p.tgt):
        if lp.phrase in in_source or lp.phrase.replace(" ", "").isdigit():
            continue
        if _shape(lp) in shapes:
            shapes.remove(_shape(lp))
            continue
        yield Hit(f"{quoted(lp.phrase)} repeated {lp.times} times in a row", lp.span)
        return
