"""Cross-lingual overlap of two texts without a dictionary: cognates, numbers.

Italian, English and French share the Latin script and much vocabulary, so
accent-folded word prefixes ("strategica" / "strategic" / "stratégique") and
character trigrams of content words link the two sides of a pair, and so do
names spelled alike. Function words (the most frequent words of a
language, from wordfreq) carry no such signal and are left out. The
misalignment and omission checks build on this.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache

from pipeline.qa import names, numparse, resources, text


@lru_cache(maxsize=8)
def stopwords(lang: str) -> frozenset[str]:
    """The 300 most frequent words of ``lang`` (wordfreq): function words, no alignment signal."""
    return frozenset(text.fold(w) for w in resources.frequent_words(lang, 300))


@lru_cache(maxsize=4096)
def features(s: str, lang: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """(folded content words, number values) of one side."""
    stop = stopwords(lang)
    words = tuple(
        w
        for w in (text.fold(x) for x in re.findall(r"[^\W\d_]+", s))
        if len(w) >= 4 and w not in stop
    )
    return words, frozenset(v for n in numparse.extract(s, lang) for v in n.values)


def _key(w: str) -> str:
    """A word's cognate key: its first 4 letters when short (< 6), else its first 5."""
    return w[:4] if len(w) < 6 else w[:5]


@lru_cache(maxsize=8192)
def _prefix_index(others: tuple[str, ...]) -> tuple[frozenset[str], ...]:
    """(4-letter prefixes, 5-letter prefixes, keys) of ``others``: per text, computed once."""
    return (
        frozenset(x[:4] for x in others if len(x) >= 4),
        frozenset(x[:5] for x in others if len(x) >= 5),
        frozenset(_key(x) for x in others),
    )


def cognate(w: str, others: tuple[str, ...]) -> bool:
    """Shared folded prefix (4 letters for short words, 5 for longer): strategica ~ strategic.

    True when some other word starts with ``w``'s key or ``w`` starts with
    another word's key; set lookups on the other side's prefixes (cached per
    text) instead of a scan over its words.
    """
    return _cognate(w, *_prefix_index(others))


def _cognate(w: str, p4: frozenset[str], p5: frozenset[str], keys: frozenset[str]) -> bool:
    k = _key(w)
    return k in (p4 if len(k) == 4 else p5) or w[:4] in keys or w[:5] in keys


def coverage(words: tuple[str, ...], others: tuple[str, ...]) -> float:
    """Share of ``words`` with a cognate among ``others`` (0 when there are no words).

    Each distinct word is looked up once and counted as often as it occurs (the same
    share: a target repeating a word, as a degenerate model does, asks once).
    """
    index = _prefix_index(others)  # once per call, not once per word
    hits = sum(n for w, n in _counts(words) if _cognate(w, *index))
    return hits / max(1, len(words))


@lru_cache(maxsize=8192)
def _counts(words: tuple[str, ...]) -> tuple[tuple[str, int], ...]:
    """(word, occurrences) of ``words``: per text, computed once (a target is covered
    against its own source and each neighbour)."""
    return tuple(Counter(words).items())


@lru_cache(maxsize=8192)
def trigrams(s: str, lang: str) -> Counter:
    """Character trigrams of the folded content words (with word boundaries) of ``s``."""
    out: Counter = Counter()
    for w in features(s, lang)[0]:
        padded = f" {w} "
        out.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return out


def trigram_cosine(a: str, a_lang: str, b: str, b_lang: str) -> float:
    """Cosine similarity of the content-word trigram profiles of two texts (0..1)."""
    x, y = trigrams(a, a_lang), trigrams(b, b_lang)
    if not x or not y:
        return 0.0
    dot = sum(v * y[k] for k, v in x.items() if k in y)
    return dot / math.sqrt(sum(v * v for v in x.values()) * sum(v * v for v in y.values()))


@lru_cache(maxsize=8192)
def _capitalised(s: str) -> tuple[str, ...]:
    """Capitalised words of ``s`` that do not open a sentence (likely names)."""
    return tuple(
        w
        for seq, _, _, initial in text.name_spans(s)
        if not initial
        for w in seq.split()
        if len(w) > 2
    )


# Marks a translation keeps: a question stays a question, a quotation a quotation, an aside
# in brackets or between dashes an aside. Opening and closing marks count as one kind.
_MARKS = {"?": "?", "!": "!", ":": ":", ";": ";", "(": "(", ")": "("}
_MARKS |= dict.fromkeys('"«»“”„', '"')
_DASH = re.compile(r"\s[-–—]\s")


@lru_cache(maxsize=8192)
def marks(s: str) -> Counter:
    """How many marks of each kind (see ``_MARKS``; spaced dashes as ``-``) ``s`` has."""
    out = Counter(_MARKS[c] for c in s if c in _MARKS)
    if n := len(_DASH.findall(s)):
        out["-"] = n
    return out


def mark_agreement(a: str, b: str) -> float:
    """How alike two texts' punctuation is, -0.5..0.5; 0 when neither has any such mark.

    The mean, over the kinds of mark either text has, of the smaller count over the
    larger, less one half: no kind in common gives -0.5, the same counts 0.5.
    """
    x, y = marks(a), marks(b)
    kinds = x.keys() | y.keys()
    if not kinds:
        return 0.0
    return sum(min(x[k], y[k]) / max(x[k], y[k]) for k in kinds) / len(kinds) - 0.5


def name_agreement(src: str, tgt: str) -> float:
    """Share of the target's mid-sentence capitalised words that some source word may spell."""
    caps = _capitalised(tgt)
    if not caps:
        return 0.0
    return sum(_spelled_in(c, src) for c in caps) / len(caps)


@lru_cache(maxsize=65536)
def _spelled_in(word: str, src: str) -> bool:
    """Whether some word of ``src`` may spell ``word`` (cached: the en and fr targets of a
    segment, and a name repeated over an article, ask the same question)."""
    return any(names.same_name(word, t) for t in names.tokens(src))
