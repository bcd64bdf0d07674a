"""Is the whole article in the language the run translates from? Checked before any model loads.

An English, French, Chinese or Arabic page fed as Italian would be "translated"
into noise and then flagged segment by segment; one line up front says what
happened. The article's text blocks (title, paragraphs, captions; not chrome)
are judged among the languages news pages come in: first by function words,
which settle an article that plainly reads as declared at no cost (every run
pays this check, QA on or off), then by lingua, whose low-accuracy models of
these 13 languages took 0.2 s to load on the 2-core machine of bench/results.
The thresholds (``article_langid_*``, ``article_function_word_*``) and their
evidence are in calibration.toml.
"""

from __future__ import annotations

import re

from pipeline.document import TEXT_KINDS, Article
from pipeline.qa import langid
from pipeline.qa.resources import thresholds

# Languages an article may really be in (ISO 639-1), wider than the pair checks' set.
ARTICLE_LANGS = ("it", "en", "fr", "de", "es", "pt", "nl", "ru", "zh", "ar", "ja", "ko", "uk")
SAMPLE_CHARS = 2000  # the first characters of text are plenty for lingua
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_NAMES = {
    "it": "Italian",
    "en": "English",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "pt": "Portuguese",
    "nl": "Dutch",
    "ru": "Russian",
    "zh": "Chinese",
    "ar": "Arabic",
    "ja": "Japanese",
    "ko": "Korean",
    "uk": "Ukrainian",
}


def _sample(article: Article) -> str:
    text = " ".join(b.text for b in article.blocks if b.kind in TEXT_KINDS)
    return text[:SAMPLE_CHARS]


def _size(text: str) -> int:
    """Words, counting each CJK character as one (those scripts write no spaces)."""
    return len(text.split()) + len(_CJK.findall(text))


def _reads_as_declared(sample: str, article: Article) -> bool:
    """Function words alone say ``sample`` is in the declared language (lingua not needed).

    Only ever settles for the declared language: anything less clear-cut goes
    to lingua, which also names the language found.
    """
    t = thresholds()
    declared = langid.primary(article.source_lang)
    hits = langid.function_hits(sample, (*ARTICLE_LANGS, declared))
    mine = hits.pop(declared, 0)
    most = max(hits.values(), default=0)
    return mine >= t.article_function_word_min and mine >= t.article_function_word_ratio * most


def detect_article_language(article: Article) -> tuple[str, float] | None:
    """(language, confidence) when the article's text reads as another language than declared.

    None when it reads as ``article.source_lang``, when there is too little
    text, or when lingua is not sure enough.
    """
    sample = _sample(article)
    t = thresholds()
    if _size(sample) < t.article_langid_min_words or _reads_as_declared(sample, article):
        return None
    declared = langid.primary(article.source_lang)  # it-CH is Italian
    conf = langid.confidences(sample, (*ARTICLE_LANGS, declared), low_accuracy=True)
    best = max(conf, key=conf.__getitem__, default=None)
    if best is None or best == declared or conf[best] < t.article_langid_min_conf:
        return None
    return best, conf[best]


def article_language_note(article: Article) -> str | None:
    """One line naming the detected language, or None when the article is as declared."""
    found = detect_article_language(article)
    if found is None:
        return None
    lang, conf = found
    name = _NAMES.get(lang, lang)
    return (
        f"the article reads as {name} ({lang}, confidence {conf:.2f}), not "
        f"{article.source_lang!r}; if it is, pass --source-lang {lang} "
        f"(or set [read] source_lang)"
    )
