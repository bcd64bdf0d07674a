"""Numbers in running text, parsed per locale with Babel.

A number's surface form depends on the locale (it ``10.000`` = en ``10,000`` =
fr ``10 000``; it ``3,5`` = en ``3.5``), so each side of a pair is parsed in its
own language. A :class:`Num` carries the set of values it may stand for
(``1,5 milioni`` is 1.5 and 1 500 000; ``3:30`` is 03:30 and 15:30), so
comparing two sides is a set intersection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal

# A run of digits with inner "." "," or a space-like separator; a space only
# groups when exactly three digits follow (so "2009 100" stays two numbers).
_NUM_RE = re.compile(
    r"(?<![\w.,])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*(?![.,]\d)"
)
_SPACES = " \u00a0\u202f"
# Times: 15:30, 15h30, 15 h 30; "alle 15.30" / "ore 15,30" in Italian.
_TIME_RE = re.compile(r"(?<![\w.,])([01]?\d|2[0-3])\s?(?::|h\s?)([0-5]\d)(?!\d)")
_IT_TIME_RE = re.compile(r"\b(?:ore|alle|dalle|entro le)\s+([01]?\d|2[0-3])[.,]([0-5]\d)(?!\d)", re.I)
_PM_RE = re.compile(r"\s*(p\.?\s?m\.?|pm)\b", re.I)

# Scale words that may follow a number (value multipliers), per language.
SCALES: dict[str, dict[str, int]] = {
    "it": {"mila": 10**3, "mille": 10**3, "milione": 10**6, "milioni": 10**6,
           "miliardo": 10**9, "miliardi": 10**9, "bilione": 10**12, "bilioni": 10**12},
    "en": {"thousand": 10**3, "million": 10**6, "millions": 10**6, "billion": 10**9,
           "billions": 10**9, "trillion": 10**12, "bn": 10**9, "m": 10**6},
    "fr": {"mille": 10**3, "million": 10**6, "millions": 10**6, "milliard": 10**9,
           "milliards": 10**9, "billion": 10**12, "billions": 10**12},
}
# Small number words: they may stand in for digits on the other side, but a
# word is never *required* to appear (``un`` is also an article).
WORDS: dict[str, dict[str, int]] = {
    "it": dict(zip("uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici "
                   "quattordici quindici sedici diciassette diciotto diciannove venti".split(),
                   range(1, 21), strict=True))
    | {"trenta": 30, "quaranta": 40, "cinquanta": 50, "cento": 100, "mille": 1000, "mezzo": 0},
    "en": dict(zip("one two three four five six seven eight nine ten eleven twelve thirteen "
                   "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split(),
                   range(1, 21), strict=True))
    | {"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "thousand": 1000, "dozen": 12},
    "fr": dict(zip("un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
                   "quinze seize dix-sept dix-huit dix-neuf vingt".split(),
                   range(1, 21), strict=True))
    | {"trente": 30, "quarante": 40, "cinquante": 50, "cent": 100, "mille": 1000},
}
_WORD_RE = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True)
class Num:
    """A number as written: its text, span and the values it may denote."""

    text: str
    span: tuple[int, int]
    values: frozenset[str]
    malformed: bool = False  # not a valid number in the text's own locale


def _babel_locale(lang: str) -> str:
    return lang.replace("-", "_")


@lru_cache(maxsize=64)
def symbols(lang: str) -> tuple[str, str]:
    """(group, decimal) symbols of ``lang`` from CLDR."""
    loc = _babel_locale(lang)
    return get_group_symbol(loc), get_decimal_symbol(loc)


def parse_in(text: str, lang: str) -> tuple[Decimal | None, bool]:
    """Value of one number token in ``lang`` and whether it is well formed there.

    Space-like grouping (``2 000``) is accepted in every locale: it is
    unambiguous. ``.`` and ``,`` are read with Babel's strict parser; a token
    that is not valid in the locale returns Babel's lenient reading, flagged.
    """
    group, _decimal = symbols(lang)
    token = text
    if any(c in token for c in _SPACES):
        # Space grouping: drop the spaces (or use the locale's own space symbol).
        token = "".join((group if group in _SPACES else "") if c in _SPACES else c for c in token)
    try:
        return parse_decimal(token, _babel_locale(lang), strict=True), True
    except NumberFormatError:
        try:
            return parse_decimal(token, _babel_locale(lang)), False
        except (NumberFormatError, InvalidOperation):
            return None, False


def _scale_after(text: str, end: int, lang: str) -> int | None:
    m = _WORD_RE.match(text, end + (1 if text[end : end + 1] in _SPACES else 0))
    if m and m.start() <= end + 1:
        return SCALES.get(lang, {}).get(m.group(0).lower())
    return None


def _values(value: Decimal, scale: int | None) -> frozenset[str]:
    keys = {"n:" + format(value.normalize(), "f")}
    if scale:
        keys.add("n:" + format((value * scale).normalize(), "f"))
    return frozenset(keys)


def _time_values(hour: int, minute: int, pm: bool) -> frozenset[str]:
    hours = {hour + 12} if pm and hour < 12 else {hour, hour + 12} if hour < 12 else {hour}
    return frozenset(f"t:{h % 24:02d}{minute:02d}" for h in hours)


def extract(text: str, lang: str) -> list[Num]:
    """Numbers written with digits in ``text``, parsed in ``lang``."""
    nums: list[Num] = []
    taken: list[tuple[int, int]] = []
    for rx in (_TIME_RE, _IT_TIME_RE if lang == "it" else None):
        if rx is None:
            continue
        for m in rx.finditer(text):
            pm = bool(_PM_RE.match(text, m.end()))
            span = (m.start(1), m.end(2))
            if any(a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            vals = _time_values(int(m.group(1)), int(m.group(2)), pm)
            nums.append(Num(text[span[0] : span[1]], span, vals))
    for m in _NUM_RE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        value, ok = parse_in(m.group(0), lang)
        if value is None:
            continue
        vals = _values(value, _scale_after(text, m.end(), lang))
        nums.append(Num(m.group(0), m.span(), vals, malformed=not ok))
    nums.sort(key=lambda n: n.span)
    return nums


def word_values(text: str, lang: str) -> frozenset[str]:
    """Values of number words (``tre``, ``twelve``, ``mille``) in ``text``."""
    table = WORDS.get(lang, {})
    found = set()
    for m in _WORD_RE.finditer(text.lower()):
        v = table.get(m.group(0))
        if v:
            found |= _values(Decimal(v), _scale_after(text.lower(), m.end(), lang))
    return frozenset(found)


def reparse(num: Num, lang: str) -> frozenset[str]:
    """Values ``num`` would have if it had been written in ``lang`` (for format errors)."""
    if num.values and next(iter(num.values)).startswith("t:"):
        return frozenset()
    value, ok = parse_in(num.text, lang)
    if value is None or not ok:
        return frozenset()
    return _values(value, None)
