"""Numbers written in words, per language, for :mod:`pipeline.qa.numparse`.

Words such as ``centomila``, ``cent trente`` or ``twenty-two`` may stand in for
digits on the other side of a pair. Spelled numbers are read with text2num
(``alpha2digit``: it, en, fr and more; a lone "one"/"un"/"first" stays a
word: mostly an article), and this module adds what it does not cover: scale
words after digits (``1,5 milioni``), "and a half"
(``7 milioni e mezzo``), collective and derived words (``ventennio``,
``cinquantaine``, ``sedicenne``) and Roman centuries (``XXI secolo``). A word
value is never *required* to appear (``un`` is also an article); it only
excuses a digit on the other side.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from functools import lru_cache

# Scale words that may follow a number (value multipliers), per language.
SCALES: dict[str, dict[str, int]] = {
    "it": {
        "mila": 10**3,
        "mille": 10**3,
        "milione": 10**6,
        "milioni": 10**6,
        "mln": 10**6,
        "miliardo": 10**9,
        "miliardi": 10**9,
        "mld": 10**9,
        "bilione": 10**12,
        "bilioni": 10**12,
    },
    "en": {
        "thousand": 10**3,
        "million": 10**6,
        "millions": 10**6,
        "billion": 10**9,
        "billions": 10**9,
        "trillion": 10**12,
        "bn": 10**9,
        "m": 10**6,
        "k": 10**3,
    },
    "fr": {
        "mille": 10**3,
        "milles": 10**3,
        "million": 10**6,
        "millions": 10**6,
        "milliard": 10**9,
        "milliards": 10**9,
        "billion": 10**12,
        "billions": 10**12,
    },
}
# Words that name a number without spelling it: spans of years, round counts.
DERIVED: dict[str, dict[str, int]] = {
    "it": {
        "biennio": 2,
        "triennio": 3,
        "quadriennio": 4,
        "quinquennio": 5,
        "decennio": 10,
        "ventennio": 20,
        "trentennio": 30,
        "cinquantennio": 50,
        "centenario": 100,
        "decina": 10,
        "dozzina": 12,
        "ventina": 20,
        "trentina": 30,
        "quarantina": 40,
        "cinquantina": 50,
        "centinaio": 100,
        "centinaia": 100,
        "migliaio": 1000,
        "migliaia": 1000,
        "doppio": 2,
        "metà": 50,
        # fraction denominators: "2/3" -> "due terzi", "two thirds", "deux tiers"
        "terzi": 3,
        "quarti": 4,
        # text2num leaves "zero" a word (its threshold): "1 a zero" = "1-0".
        "zero": 0,
    },
    "en": {
        **{"decade": 10, "decades": 10, "dozen": 12, "dozens": 12, "half": 50, "double": 2},
        **{"zero": 0, "nil": 0, "thirds": 3, "quarters": 4},
    },
    "fr": {
        "décennie": 10,
        "dizaine": 10,
        "douzaine": 12,
        "vingtaine": 20,
        "trentaine": 30,
        "quarantaine": 40,
        "cinquantaine": 50,
        "centaine": 100,
        "centaines": 100,
        "millier": 1000,
        "milliers": 1000,
        "moitié": 50,
        "double": 2,
        "zéro": 0,
        "tiers": 3,
        "quarts": 4,
    },
}
# "the first of a month" is the day number 1 ("il primo di ottobre" -> "October 1st"):
# the ordinal, a word otherwise (text2num leaves "primo", "first", "premier" alone).
_FIRST = {"it": r"primo(?:\s+di)?", "en": r"first(?:\s+of)?", "fr": r"premier"}
_HALF = {
    "it": r"e\s+mezz[oa]",
    "en": r"and\s+a\s+half",
    "fr": r"et\s+demie?",
}
_ROMAN_RE = re.compile(
    r"\b([IVXL]{1,6})(?:\s+(?:secolo|sec\.)|(?:e|ème|eme)?\s+(?:siècle|century))", re.I
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_SPACES = " \u00a0\u202f"
_WORD_RE = re.compile(r"\w+(?:-\w+)*")
_DIGITS_RE = re.compile(r"(?<![\d.,])\d+(?![\d])")
# Ages: sedicenne (16), settantenne (70): a spelled number + "enne".
_AGE_RE = re.compile(r"\b(\w{3,})enn[ei]\b", re.I)
# Italian tens elide their vowel before a vowel: "vent'anni" (20), "trent'anni", "quarant'ore".
_ELIDED_TENS_RE = re.compile(
    r"\b(vent|trent|quarant|cinquant|sessant|settant|ottant|novant)['’]", re.I
)
_T2N_LANGS = frozenset({"en", "fr", "it", "es", "pt", "de", "nl", "da"})


# "1.000 e una notte", "mille et une", "a thousand and one": a number in digits and one in
# words after it say one number (1001), as the target may write it ("10 e un quarto" is no
# 11: a fraction follows). Grouping per language.
_AND_ONE_RE = {
    lang: re.compile(
        rf"(?<![\d.,])(\d{{1,3}}(?:{group}\d{{3}})+|\d+)\s+{one}\b(?!\s+(?:{fraction}))", re.I
    )
    for lang, group, one, fraction in (
        ("it", r"\.", r"e\s+un[oa]?", "quarto|mezzo|terzo"),
        ("fr", "[ \u00a0\u202f]", r"et\s+une?", "quart|demie?|tiers"),
        ("en", ",", r"and\s+one", "quarter|half|third"),
    )
}


def _and_one(text: str, lang: str) -> set[str]:
    """Values of a whole number in digits followed by "and one" in words ("Non ci sono
    1.000 ma 1.000 e un modo" -> "1000 mais 1001 façons"): newstest2009, 1 clean
    reference off the ``number`` errors; no corruption writes words."""
    pattern = _AND_ONE_RE.get(lang)
    if pattern is None:
        return set()
    return {key(Decimal(re.sub(r"\D", "", m.group(1))) + 1) for m in pattern.finditer(text)}


def key(value: Decimal) -> str:
    return "n:" + format(value.normalize(), "f")


def values_of(value: Decimal, scale: int | None) -> set[str]:
    keys = {key(value)}
    if scale:
        keys.add(key(value * scale))
    return keys


def scale_after(text: str, end: int, lang: str) -> int | None:
    """The multiplier of a scale word right after position ``end`` (``1,5 milioni``, and
    hyphenated into a compound: ``a 700-billion-dollar bailout``)."""
    m = _WORD_RE.match(text, end + (1 if text[end : end + 1] in (*_SPACES, "-") else 0))
    if m and m.start() <= end + 1:  # "billion-dollar": the compound's first word
        return SCALES.get(lang, {}).get(m.group(0).split("-", 1)[0].lower())
    return None


# One or two lower-case words between a number and its scale word: "100 autres milliards",
# "20 more billion", "3 altri miliardi".
_GAP_RE = re.compile(
    r"[\s\u00a0\u202f]+([a-zà-ÿ]+)[\s\u00a0\u202f]+([a-zà-ÿ]+)(?:[\s\u00a0\u202f]+([a-zà-ÿ]+))?"
)


# Words that make a following scale word a rate's denominator, not the number's scale.
_RATE_WORDS = frozenset({"per", "par", "pour", "every", "each", "ogni", "chaque", "su", "sur"})


def scale_near(text: str, end: int, lang: str) -> int | None:
    """The multiplier of a scale word one or two lower-case words after position ``end``
    ("100 autres milliards", "20 more billion"), with no punctuation, digit or name between.

    :func:`scale_after` reads the word right after the number; this one looks a little
    further, for a number whose scale word a determiner or an adjective pushed away.
    """
    scales = SCALES.get(lang.split("-")[0].lower(), {})
    m = _GAP_RE.match(text, end)
    if not m or m.group(1) in _RATE_WORDS or m.group(2) in _RATE_WORDS:
        return None  # "100 per million", "5 su mille": a rate, not an amount
    if (found := scales.get(m.group(2))) is not None:
        return found
    return scales.get(m.group(3) or "")


def half_after(text: str, end: int, lang: str) -> bool:
    """Whether "and a half" follows position ``end`` (after an optional scale word)."""
    rx = _HALF.get(lang)
    if not rx:
        return False
    rest = text[end : end + 40]
    return bool(re.match(rf"(?:\s*\w+)?\s+{rx}\b", rest, re.I) or re.match(rf"\s+{rx}\b", rest))


def _roman(numeral: str) -> int:
    vals = [_ROMAN[c] for c in numeral.upper()]
    return sum(-v if i + 1 < len(vals) and v < vals[i + 1] else v for i, v in enumerate(vals))


def _mantissas(value: int) -> set[str]:
    """``7000000`` -> 7000000, 7000, 7: a spelled "sette milioni" also matches "7 million"."""
    out = {key(Decimal(value))}
    for power in (3, 6, 9, 12):
        if value >= 10**power and value % 10**power == 0:
            out.add(key(Decimal(value // 10**power)))
    return out


@lru_cache(maxsize=8192)
def _spelled(text: str, lang: str) -> frozenset[str]:
    """Values of spelled numbers in ``text`` (text2num), with their "and a half" forms."""
    if lang not in _T2N_LANGS:
        return frozenset()
    from text_to_num import alpha2digit

    before = Counter(_DIGITS_RE.findall(text))
    found: set[str] = set()
    for variant in {text, re.sub(r"(?<=[^\W\d_])-(?=[^\W\d_])", " ", text)}:
        converted = alpha2digit(variant, lang, threshold=1.5)  # not 'un', 'one', 'first'
        after = Counter(_DIGITS_RE.findall(converted))
        new = after - before
        for m in _DIGITS_RE.finditer(converted):
            if not new[m.group(0)]:
                continue
            value = int(m.group(0))
            found |= _mantissas(value)
            if half_after(converted, m.end(), lang):
                unit = max((10**p for p in (0, 3, 6, 9, 12) if value % 10**p == 0), default=1)
                half = Decimal(value) + Decimal(unit) / 2
                found |= {key(half), key(half / unit)}
    return frozenset(found)


def word_values(text: str, lang: str) -> frozenset[str]:
    """Values of number words (``tre``, ``twelve``, ``twenty-two``, ``centomila``) in ``text``.

    Also collective and derived words (``ventennio`` 20, ``cinquantaine`` 50,
    ``sedicenne`` 16) and Roman centuries.
    """
    found: set[str] = set(_spelled(text, lang))
    found |= {key(Decimal(_roman(m.group(1)))) for m in _ROMAN_RE.finditer(text)}
    derived = DERIVED.get(lang, {})
    for m in _WORD_RE.finditer(text.lower()):
        for word in {m.group(0), *m.group(0).split("-")}:
            if word in derived:
                found.add(key(Decimal(derived[word])))
    if _first_of_month(text, lang):
        found.add(key(Decimal(1)))
    found |= _and_one(text, lang)
    if lang == "it":
        for m in _ELIDED_TENS_RE.finditer(text):
            found |= _spelled(
                m.group(1).lower() + ("i" if m.group(1).lower() == "vent" else "a"), lang
            )
        for m in _AGE_RE.finditer(text):
            stem = m.group(1).lower()
            for guess in (stem + "i", stem + "e", stem + "a", stem + "o", stem):
                if ages := _spelled(guess, lang):
                    found |= ages
                    break
    return frozenset(found)


@lru_cache(maxsize=8)
def _first_of_month_re(lang: str) -> re.Pattern[str] | None:
    """Day one of a month in words: "primo (di) gennaio", "first (of) January", "January
    first", "premier janvier" (month names from CLDR via Babel)."""
    if lang not in _FIRST:
        return None
    from babel import Locale

    months = "|".join(Locale.parse(lang).months["format"]["wide"].values())
    first = _FIRST[lang]
    after = rf"|\b(?:{months})\s+first\b" if lang == "en" else ""
    return re.compile(rf"\b{first}\s+(?:{months})\b{after}", re.IGNORECASE)


def preload(lang: str) -> None:
    """Compile now the month-name pattern :func:`word_values` uses for ``lang`` (QA's warm-up:
    Babel's month names, 0.01-0.02 s otherwise paid by the first article)."""
    _first_of_month_re(lang)


def _first_of_month(text: str, lang: str) -> bool:
    """Whether ``text`` names the first day of a month in words (day number 1)."""
    pattern = _first_of_month_re(lang)
    return bool(pattern and pattern.search(text))
