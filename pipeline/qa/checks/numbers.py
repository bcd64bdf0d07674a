"""Numbers: same values on both sides (each parsed in its own locale), target-locale format."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.qa.numparse import Num, reparse
from pipeline.qa.pair import Pair
from pipeline.qa.registry import Hit, check

# Locales whose conventions a wrongly formatted target number may follow.
_OTHER_FORMATS = ("it", "en", "fr", "de")


def _values(nums: list[Num]) -> frozenset[str]:
    return frozenset().union(*(n.values for n in nums)) if nums else frozenset()


def _format_errors(p: Pair) -> list[tuple[Num, str]]:
    """Target numbers whose value only matches the source when read in another locale."""
    src_vals = _values(p.src_nums) | p.src_word_values
    out = []
    for num in p.tgt_nums:
        if num.values & src_vals and not num.malformed:
            continue
        for lang in (p.src_lang, *_OTHER_FORMATS):
            if lang != p.tgt_lang and reparse(num, lang) & src_vals:
                out.append((num, lang))
                break
    return out


def _unmatched(p: Pair) -> tuple[list[Num], list[Num]]:
    """(source numbers missing from the target, target numbers absent from the source)."""
    bad = {n for n, _ in _format_errors(p)}
    tgt_ok = [n for n in p.tgt_nums if n not in bad]
    tgt_vals = _values(tgt_ok) | p.tgt_word_values
    src_vals = _values(p.src_nums) | p.src_word_values
    missing = [
        n
        for n in p.src_nums
        if not n.values & tgt_vals and not any(n.values & reparse(b, p.src_lang) for b in bad)
    ]
    extra = [n for n in tgt_ok if not n.values & src_vals]
    return missing, extra


@check("number", "error", chrome=True)
def number(p: Pair) -> Iterator[Hit]:
    """A number in the source is missing or has another value in the target."""
    if not p.tgt.strip():
        return
    missing, extra = _unmatched(p)
    if missing and extra:
        pairs = ", ".join(n.text for n in missing)
        got = ", ".join(n.text for n in extra)
        yield Hit(f"source number(s) {pairs} became {got} in the target", extra[0].span)
    elif missing:
        yield Hit(f"source number(s) {', '.join(n.text for n in missing)} missing in the target")
    elif extra:
        yield Hit(
            f"target number(s) {', '.join(n.text for n in extra)} not in the source", extra[0].span
        )


@check("number_format", "error", chrome=True)
def number_format(p: Pair) -> Iterator[Hit]:
    """A number is written in another locale's format ("10.000" in English means ten)."""
    for num, lang in _format_errors(p):
        yield Hit(
            f"{num.text!r} follows the {lang} number format; write it the {p.tgt_lang} way",
            num.span,
        )
