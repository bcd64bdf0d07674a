"""Language identification over the languages news pages mix: function words, then lingua.

Function words (the most frequent words of each language, wordfreq) identify
even a three-word headline and cost nothing to look up; lingua's n-gram models
weigh everything else but cost about 1.2 s to load for seven languages on this
machine. Checks count function words first (:func:`function_hits`) and ask
lingua only when those do not settle the question (:func:`words_settle`), so a
run whose texts all read as expected never loads lingua. The lingua detector
is built lazily, once per language set, and cached for the process.
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.qa import text
from pipeline.qa.resources import frequent_words, thresholds

# ISO 639-1 codes the detector knows by default; pairs' own languages are added.
DEFAULT_LANGS = ("it", "en", "fr", "de", "es", "pt", "nl")


def _builder(codes: tuple[str, ...]):  # -> lingua.LanguageDetectorBuilder
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
    return LanguageDetectorBuilder.from_languages(*langs)


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...], low_accuracy: bool = False):  # -> lingua.LanguageDetector
    """A detector for ``codes`` with its models loaded now (its first text would load them all).

    Loading here keeps the one-off cost in one place, where the speed benchmark times it.
    """
    builder = _builder(codes)
    builder = builder.with_low_accuracy_mode() if low_accuracy else builder
    return builder.with_preloaded_language_models().build()


def preload(extra: tuple[str, ...] = (), *, low_accuracy: bool = False) -> None:
    """Build now the detector :func:`confidences` would build for ``extra`` (QA's warm-up)."""
    _detector(candidates(extra), low_accuracy)


def primary(tag: str) -> str:
    """The primary language subtag of a BCP 47 tag (``fr-CA`` -> ``fr``): what is identified.

    Language identification tells languages apart, not their regional varieties.
    """
    return tag.replace("_", "-").split("-", 1)[0].lower()


def candidates(extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The ISO codes :func:`confidences` scores: the defaults and ``extra``'s languages."""
    return tuple(sorted(set(DEFAULT_LANGS) | {c for c in map(primary, extra) if len(c) == 2}))


def confidences(
    text: str, extra: tuple[str, ...] = (), *, low_accuracy: bool = False
) -> dict[str, float]:
    """Confidence per ISO code (summing to 1) that ``text`` is in that language.

    ``low_accuracy`` uses trigram models only: much faster to load, and as
    good as the full models on long text (lingua's documentation), such as a
    whole article.
    """
    values = _detector(candidates(extra), low_accuracy).compute_language_confidence_values(text)
    return {v.language.iso_code_639_1.name.lower(): v.value for v in values}


def detect(
    text: str, extra: tuple[str, ...] = (), *, low_accuracy: bool = False
) -> tuple[str | None, float]:
    """Most likely language of ``text`` and its confidence (``None`` when undecided)."""
    conf = confidences(text, extra, low_accuracy=low_accuracy)
    if not conf:
        return None, 0.0
    best = max(conf, key=conf.__getitem__)
    return (best, conf[best]) if conf[best] > 0 else (None, 0.0)


@lru_cache(maxsize=16)
def function_words(lang: str) -> frozenset[str]:
    """The ``function_words`` most frequent words of ``lang`` (wordfreq; calibration.toml)."""
    return frozenset(frequent_words(lang, int(thresholds().function_words)))


def function_hits(s: str, langs: tuple[str, ...]) -> dict[str, int]:
    """How many of the words of ``s`` are function words of each language of ``langs``."""
    toks = [w.lower() for w in text.words(s)]
    return {lang: sum(t in function_words(lang) for t in toks) for lang in langs}


def words_settle(hits: dict[str, int], expected: str, *, ties: bool = True) -> bool:
    """Function words alone say the text is in ``expected``, whatever lingua would say.

    True when the text has at least one function word of ``expected`` and no
    other language of ``hits`` has more (``ties=False``: every other has fewer).
    The checks let function words that favour the expected language overrule
    lingua (which over-reads short text: "Duesseldorf Hopes Rest in Frankfurt"
    as German), so for them lingua need not run at all.
    """
    mine = hits.get(expected, 0)
    others = [n for lang, n in hits.items() if lang != expected]
    return mine > 0 and all(n < mine or (ties and n == mine) for n in others)
