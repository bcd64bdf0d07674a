"""Untranslated targets and targets in an unexpected language (lingua, wordfreq)."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.qa import text
from pipeline.qa.checks.entities import travels
from pipeline.qa.pair import Pair
from pipeline.qa.registry import Hit, check
from pipeline.qa.resources import threshold


def _reads_as(p: Pair) -> tuple[str | None, float]:
    """(language the target reads as, its confidence) when it is clearly not the expected one.

    "Clearly" means lingua gives the expected language at most
    ``langid_max_expected`` over at least ``langid_min_words`` plain words.
    """
    if len(text.words(p.tgt_plain)) < threshold("langid_min_words", 2):
        return None, 0.0
    conf = p.tgt_langs
    if not conf or conf.get(p.tgt_lang, 0.0) > threshold("langid_max_expected", 0.1):
        return None, 0.0
    best = max(conf, key=conf.__getitem__)
    return best, conf[best]


@check("untranslated", "error")
def untranslated(p: Pair) -> Iterator[Hit]:
    """Target identical to the source or still in the source language."""
    if not p.tgt.strip() or p.src_lang == p.tgt_lang:
        return
    if text.norm_text(p.src) == text.norm_text(p.tgt):
        # Names, numbers and words the target language shares ("Barack Obama",
        # "Internet") are legitimately identical; source-language words are not.
        if any(not travels(w, p.src_lang, p.tgt_lang) for w in p.src_words if len(w) > 2):
            yield Hit("target is identical to the source")
        return
    best, conf = _reads_as(p)
    if best == p.src_lang:
        yield Hit(f"target reads as {best} (confidence {conf:.2f}), not {p.tgt_lang}")


@check("wrong_language", "error")
def wrong_language(p: Pair) -> Iterator[Hit]:
    """Target is in a language other than the expected one (nor the source's)."""
    if not p.tgt.strip() or text.norm_text(p.src) == text.norm_text(p.tgt):
        return
    best, conf = _reads_as(p)
    if best and best != p.src_lang:
        yield Hit(f"target reads as {best} (confidence {conf:.2f}), expected {p.tgt_lang}")
