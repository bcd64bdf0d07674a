"""Number words and scale words per language (it, en, fr), for :mod:`pipeline.qa.numparse`.

Words such as ``dodici`` or ``twenty-two`` may stand in for digits on the other
side of a pair, and scale words (``miliardi``, ``billion``) multiply the number
before them. The tables are small on purpose: a word is never *required* to
appear (``un`` is also an article), it only excuses a digit.
"""

from __future__ import annotations

import re
from decimal import Decimal

_ROMAN_RE = re.compile(
    r"\b([IVXL]{1,6})(?:\s+(?:secolo|sec\.)|(?:e|ème|eme)?\s+(?:siècle|century))", re.I
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_TENS = {"it": "venti|trenta|quaranta|cinquanta|sessanta|settanta|ottanta|novanta"}
_UNITS = {"it": "uno|due|tre|quattro|cinque|sei|sette|otto|nove"}

# Scale words that may follow a number (value multipliers), per language.
SCALES: dict[str, dict[str, int]] = {
    "it": {
        "mila": 10**3,
        "mille": 10**3,
        "milione": 10**6,
        "milioni": 10**6,
        "miliardo": 10**9,
        "miliardi": 10**9,
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
    },
    "fr": {
        "mille": 10**3,
        "million": 10**6,
        "millions": 10**6,
        "milliard": 10**9,
        "milliards": 10**9,
        "billion": 10**12,
        "billions": 10**12,
    },
}
# Small number words: they may stand in for digits on the other side, but a
# word is never *required* to appear (``un`` is also an article).
WORDS: dict[str, dict[str, int]] = {
    "it": dict(
        zip(
            [
                "uno",
                "due",
                "tre",
                "quattro",
                "cinque",
                "sei",
                "sette",
                "otto",
                "nove",
                "dieci",
                "undici",
                "dodici",
                "tredici",
                "quattordici",
                "quindici",
                "sedici",
                "diciassette",
                "diciotto",
                "diciannove",
                "venti",
            ],
            range(1, 21),
            strict=True,
        )
    )
    | {
        "zero": 0,
        "vent": 20,
        "trenta": 30,
        "quaranta": 40,
        "cinquanta": 50,
        "sessanta": 60,
        "settanta": 70,
        "ottanta": 80,
        "novanta": 90,
        "cento": 100,
        "mille": 1000,
    }
    | dict(
        zip(
            [
                "primo",
                "secondo",
                "terzo",
                "quarto",
                "quinto",
                "sesto",
                "settimo",
                "ottavo",
                "nono",
                "decimo",
            ],
            range(1, 11),
            strict=True,
        )
    ),
    "en": dict(
        zip(
            [
                "one",
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
                "ten",
                "eleven",
                "twelve",
                "thirteen",
                "fourteen",
                "fifteen",
                "sixteen",
                "seventeen",
                "eighteen",
                "nineteen",
                "twenty",
            ],
            range(1, 21),
            strict=True,
        )
    )
    | {
        "zero": 0,
        "nil": 0,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
        "thousand": 1000,
        "dozen": 12,
    }
    | dict(
        zip(
            [
                "first",
                "second",
                "third",
                "fourth",
                "fifth",
                "sixth",
                "seventh",
                "eighth",
                "ninth",
                "tenth",
            ],
            range(1, 11),
            strict=True,
        )
    ),
    "fr": dict(
        zip(
            [
                "un",
                "deux",
                "trois",
                "quatre",
                "cinq",
                "six",
                "sept",
                "huit",
                "neuf",
                "dix",
                "onze",
                "douze",
                "treize",
                "quatorze",
                "quinze",
                "seize",
                "dix-sept",
                "dix-huit",
                "dix-neuf",
                "vingt",
            ],
            range(1, 21),
            strict=True,
        )
    )
    | {
        "zéro": 0,
        "trente": 30,
        "quarante": 40,
        "cinquante": 50,
        "soixante": 60,
        "quatre-vingt": 80,
        "quatre-vingts": 80,
        "cent": 100,
        "mille": 1000,
    }
    | dict(
        zip(
            [
                "premier",
                "deuxième",
                "troisième",
                "quatrième",
                "cinquième",
                "sixième",
                "septième",
                "huitième",
                "neuvième",
                "dixième",
            ],
            range(1, 11),
            strict=True,
        )
    ),
}
_SPACES = " \u00a0\u202f"
_WORD_RE = re.compile(r"\w+(?:-\w+)*")


def key(value: Decimal) -> str:
    return "n:" + format(value.normalize(), "f")


def values_of(value: Decimal, scale: int | None) -> set[str]:
    keys = {key(value)}
    if scale:
        keys.add(key(value * scale))
    return keys


def scale_after(text: str, end: int, lang: str) -> int | None:
    m = _WORD_RE.match(text, end + (1 if text[end : end + 1] in _SPACES else 0))
    if m and m.start() <= end + 1:
        return SCALES.get(lang, {}).get(m.group(0).lower())
    return None


def _roman(numeral: str) -> int:
    vals = [_ROMAN[c] for c in numeral.upper()]
    return sum(-v if i + 1 < len(vals) and v < vals[i + 1] else v for i, v in enumerate(vals))


def _word_value(word: str, lang: str) -> int | None:
    table = WORDS.get(lang, {})
    if lang == "it" and word.endswith("enne") and len(word) > 6:  # sedicenne: aged sixteen
        stem = word[:-4]
        return next(
            (v for w in (stem + "i", stem + "e", stem + "o", stem) if (v := _word_value(w, lang))),
            None,
        )
    if word in table:
        return table[word]
    if "-" in word:  # twenty-two, vingt-deux
        parts = [table.get(p) for p in word.split("-")]
        if all(parts) and len(parts) == 2 and parts[0] % 10 == 0 and parts[1] < 10:
            return parts[0] + parts[1]
    if lang in _TENS and (m := re.fullmatch(f"({_TENS[lang]})?({_UNITS[lang]})", word)):
        tens = m.group(1)
        if tens:  # ventidue, trentatré
            return table[tens] + table[m.group(2)]
    if lang == "it" and (
        m := re.fullmatch(
            "(vent|trent|quarant|cinquant|sessant|settant|ottant|novant)(uno|otto)", word
        )
    ):
        return table[m.group(1) + ("i" if m.group(1) == "vent" else "a")] + table[m.group(2)]
    return None


def word_values(text: str, lang: str) -> frozenset[str]:
    """Values of number words (``tre``, ``twelve``, ``twenty-two``, ``mille``) in ``text``.

    Hyphenated compounds are read whole and by part (``five-litre`` is 5).
    """
    lowered = text.lower()
    found: set[str] = {key(Decimal(_roman(m.group(1)))) for m in _ROMAN_RE.finditer(text)}
    for m in _WORD_RE.finditer(lowered):
        for word in {m.group(0), *m.group(0).split("-"), *("-".join(m.group(0).split("-")[:2]),)}:
            v = _word_value(word, lang)
            if v is not None:
                found |= values_of(Decimal(v), scale_after(lowered, m.end(), lang))
    return frozenset(found)
