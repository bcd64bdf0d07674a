"""Shipped QA constants (length calibration) and the configured glossary.

``calibration.toml`` beside this module holds length-ratio statistics per
language pair, derived by ``bench/qa_calibrate.py`` from real news data (see
the file's header); tests and runs never read the data itself. The glossary
(do-not-translate terms, required term translations, exonyms) is a TOML file
named by ``[qa] glossary``.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import msgspec

from pipeline.config import read_toml
from pipeline.errors import ConfigError

# The glossary is one resource for translate and QA (pipeline/glossary.py: read once,
# validated at start); QA keeps these names for its checks.
from pipeline.glossary import Glossary, load_glossary  # noqa: F401

CALIBRATION = Path(__file__).with_name("calibration.toml")
# wordfreq's most frequent words per language, shipped (bench/qa/function_words.py writes it).
FUNCTION_WORDS = Path(__file__).with_name("function_words.json")
SHIPPED_TOP_N = 300  # the longest list the checks ask for (names, overlap: 300)
# The languages shipped: those the article-language check and the pair checks score
# (pipeline.qa.article_lang.ARTICLE_LANGS with pipeline.qa.langid.DEFAULT_LANGS).
SHIPPED_LANGS = ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pt", "ru", "uk", "zh")


class LengthModel(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """log((len_t + k) / (len_s + k)) ~ mean + slope/(len_s + k), sd^2 = a + b/(len_s + k).

    The shares below move a segment's norm by what the text around it shows (the length
    checks read :attr:`Pair.adjusted_length_z <pipeline.qa.pair.Pair.adjusted_length_z>`),
    each a least-squares slope of a segment's z, fitted with the model: ``article`` on the
    median z of the segments around it (a translator concise through an article is
    concise in each of its sentences); ``sibling`` on the z of the same segment's
    translation into another target language (by that pair's model, within
    ``SIBLING_CLIP``): a source both languages render short is wordy, not cut; with a
    sibling known, ``article_with_sibling`` is the article's share beside it.
    """

    mean: float = 0.0
    slope: float = 0.0
    a: float = 0.012
    b: float = 1.0
    k: float = 10.0
    z_short: float = -3.0  # omission below this z
    z_long: float = 3.5  # addition above this z
    article: float = 0.0  # share of the article's median z in a segment's (see above)
    article_with_sibling: float = 0.0  # the same, beside a sibling translation's z
    sibling: float = 0.0  # share of a sibling translation's z (see above)

    def z(self, src_len: int, tgt_len: int) -> float:
        n = src_len + self.k
        expected = self.mean + self.slope / n
        return (math.log((tgt_len + self.k) / n) - expected) / math.sqrt(self.a + self.b / n)

    def article_median(self, pairs: Iterable[tuple[str, str]]) -> float:
        """The median z of the article's other (source, target) pairs; 0 under
        ``ARTICLE_MIN_PAIRS`` of them with text (too few to tell a translator's style)."""
        zs = [self.z(len(s.strip()), len(t.strip())) for s, t in pairs if s.strip() and t.strip()]
        return statistics.median(zs) if len(zs) >= ARTICLE_MIN_PAIRS else 0.0


# Pairs around a segment (of the same article) its article norm needs: a median of fewer
# says more about one sentence than about how the article is translated.
ARTICLE_MIN_PAIRS = 3
# A sibling translation's z counts within +-SIBLING_CLIP sd: beyond, it says more about that
# translation (cut, padded, untranslated) than about its source, and one model that drops
# the same clause in two languages still leaves each target well short (a 5 sd cut in both
# moves by at most sibling * 2 sd, under 1 sd).
SIBLING_CLIP = 2.0


def sibling_z(src: str, siblings: Iterable[tuple[str, str]], src_lang: str) -> float | None:
    """The median z of the (language, translation) ``siblings`` of ``src``, each by its own
    pair's model and within ``SIBLING_CLIP``; None when none has text."""
    zs = [
        max(
            -SIBLING_CLIP,
            min(SIBLING_CLIP, length_model(src_lang, lang).z(len(src.strip()), len(t.strip()))),
        )
        for lang, t in siblings
        if t.strip()
    ]
    return statistics.median(zs) if zs and src.strip() else None


class Thresholds(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The ``[thresholds]`` of calibration.toml: every key required, none unknown.

    Chosen by sweeps on newstest2009 (bench/results/qa.md); each is explained
    in calibration.toml. There are no code defaults, so a check cannot silently
    use a different value from the one the file documents.
    """

    langid_min_words: int
    source_langid_min_words: int
    langid_min_conf: float
    langid_ratio: float
    function_words: int
    omission_soft_z: float
    omission_word_ratio: float
    omission_orphan_z: float
    omission_name_z: float
    misalignment_margin: float
    misalignment_tie_margin: float
    misalignment_trigram_weight: float
    misalignment_name_weight: float
    misalignment_length_gap: float
    misalignment_mark_weight: float
    name_zipf_margin: float
    name_local_zipf: float
    name_max_zipf: float
    name_common_zipf: float
    name_similarity: float
    name_explained_similarity: float
    name_position_slack: float
    name_rare_zipf: float
    name_dropped_z: float
    name_unreplaced_z: dict[str, float]  # by target language, and "default"
    name_rendered_z: dict[str, float]  # by target language, and "default"
    name_several_z: float  # named_entity (qane): several-word names nothing stands in for
    fragment_words: int
    truncated_z: float
    article_langid_min_words: int
    article_langid_min_conf: float
    article_function_word_min: int
    article_function_word_ratio: float
    low_confidence: float


class _Calibration(msgspec.Struct, forbid_unknown_fields=True):
    thresholds: Thresholds
    length: dict[str, LengthModel]


@lru_cache(maxsize=1)
def _calibration() -> _Calibration:
    data = read_toml(CALIBRATION, "QA calibration")
    try:
        return msgspec.convert(data, _Calibration, strict=True)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"QA calibration {CALIBRATION}: {exc}") from None


def length_model(src_lang: str, tgt_lang: str) -> LengthModel:
    """The calibrated length model of a pair, or the pooled default."""
    data = _calibration().length
    return data.get(f"{src_lang}-{tgt_lang}") or data.get("default") or LengthModel()


def thresholds() -> Thresholds:
    """The QA thresholds of calibration.toml (read once)."""
    return _calibration().thresholds


@lru_cache(maxsize=1)
def _shipped_words() -> dict[str, list[str]]:
    """function_words.json's lists by language (read once; about a millisecond)."""
    import json

    return json.loads(FUNCTION_WORDS.read_text(encoding="utf-8"))["words"]


@lru_cache(maxsize=32)
def frequent_words(lang: str, n: int) -> tuple[str, ...]:
    """The ``n`` most frequent words of ``lang`` (ISO 639-1), most frequent first (wordfreq).

    What QA uses as function words (articles, prepositions, pronouns): wordfreq's
    ``small`` list, which has the same top of the ranking as its large one
    (both are built from the same sources; tests/test_qa_resources.py pins equal
    top-100 and top-300 sets). The languages QA scores, up to
    :data:`SHIPPED_TOP_N` words, are read from the shipped copy
    (:data:`FUNCTION_WORDS`, pinned to the installed wordfreq by the same tests),
    so a run need not import wordfreq for them; others ask wordfreq. Empty for a
    language wordfreq does not know.
    """
    shipped = _shipped_words().get(lang)
    if shipped is not None and n <= SHIPPED_TOP_N:
        return tuple(shipped[:n])
    from wordfreq import top_n_list

    return tuple(top_n_list(lang, n, wordlist="small"))
