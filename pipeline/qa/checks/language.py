"""Untranslated targets and targets in an unexpected language (lingua, wordfreq).

Two signals decide which language a target reads as: lingua's confidences
over the languages news pages mix, and function words (the most frequent
words of each language, from wordfreq), which identify even a three-word
headline. lingua alone over-reads short text ("Duesseldorf Hopes Rest in
Frankfurt" as German), so function words that favour the expected language
overrule it, and function words alone convict a short text that has none of
the expected language's and several of another's ("Yes and no." for French).
"""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.qa import langid, text
from pipeline.qa.names import travels
from pipeline.qa.pair import Pair
from pipeline.qa.registry import Hit, check
from pipeline.qa.resources import thresholds


def reads_as(p: Pair) -> tuple[str | None, float]:
    """(language the target reads as, lingua's confidence) when it is clearly not the expected one.

    Clearly: lingua's best language is at least ``langid_ratio`` times as
    likely as the expected one over ``langid_min_words`` plain words, unless the
    function words favour the expected language; or no function word of the
    expected language and at least two of another. Function words are counted
    first: when they favour the expected language, lingua is not asked.
    """
    if len(text.words(p.tgt_plain)) < thresholds().langid_min_words:
        return None, 0.0
    lang = langid.primary(p.tgt_lang)  # fr-CA reads as fr
    hits = p.tgt_function_hits  # untranslated and wrong_language both ask: counted once
    if langid.words_settle(hits, lang):
        return None, 0.0
    conf = p.tgt_langs
    if not conf:
        return None, 0.0
    expected = conf.get(lang, 0.0)
    best = max(conf, key=conf.__getitem__)
    lingua_says = conf[best] >= thresholds().langid_ratio * max(expected, 1e-6)
    words_disagree = hits.get(lang, 0) and hits.get(lang, 0) >= hits.get(best, 0)
    if best != lang and lingua_says and not words_disagree:
        return best, conf[best]
    if hits.get(lang, 0) == 0:
        other = max((o for o in hits if o != lang), key=hits.__getitem__)
        if hits[other] >= 2 and conf.get(other, 0.0) > expected:
            return other, conf[other]
    return None, 0.0


def names_only(p: Pair) -> bool:
    """Every plain word of the target is capitalised and none is a function word of any
    language the check weighs: a line of names ("Hamburg SV 1, Borussia Moenchengladbach
    0", a results line), whose language no reader can tell from its words.

    lingua reads such a line by its names (German club names read as German), so what it
    says is a warning, not an error. A title-cased headline is no such line: its
    function words count ("News From The German Papers" has From and The). newstest2009:
    1 clean reference off the errors (the results line above), no corruption lost.
    """
    words = text.words(p.tgt_plain)
    return all(w[:1].isupper() for w in words) and not any(p.tgt_function_hits.values())


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
    best, conf = reads_as(p)
    if best == langid.primary(p.src_lang):
        yield Hit(
            f"target reads as {best} (confidence {conf:.2f}), not {p.tgt_lang}",
            severity="warning" if names_only(p) else None,
        )


@check("wrong_language", "error")
def wrong_language(p: Pair) -> Iterator[Hit]:
    """Target is in a language other than the expected one (nor the source's)."""
    if not p.tgt.strip() or text.norm_text(p.src) == text.norm_text(p.tgt):
        return
    best, conf = reads_as(p)
    if best and best != langid.primary(p.src_lang):
        yield Hit(
            f"target reads as {best} (confidence {conf:.2f}), expected {p.tgt_lang}",
            severity="warning" if names_only(p) else None,
        )
