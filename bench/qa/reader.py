"""The corruption generator's own number and name reader: a frozen copy.

bench/qa/corrupt.py decides where a corruption applies (a number both sides
share, a name in source and target) with this reader, not with
pipeline.qa's: the benchmark must not move when the checks under test change.
It is the code of pipeline/qa/numparse.py, numwords.py and text.py as they
were when the benchmark was first measured; do not "fix" it, or the benchmark
items change (a different random draw follows the first changed decision).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal

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
_SPACES_W = " \u00a0\u202f"
_WORD_RE = re.compile(r"\w+(?:-\w+)*")


def key(value: Decimal) -> str:
    return "n:" + format(value.normalize(), "f")


def values_of(value: Decimal, scale: int | None) -> set[str]:
    keys = {key(value)}
    if scale:
        keys.add(key(value * scale))
    return keys


def scale_after(text: str, end: int, lang: str) -> int | None:
    m = _WORD_RE.match(text, end + (1 if text[end : end + 1] in _SPACES_W else 0))
    if m and m.start() <= end + 1:
        return SCALES.get(lang, {}).get(m.group(0).lower())
    return None


# A run of digits with inner "." "," or a space-like separator; a space only
# groups when exactly three digits follow (so "2009 100" stays two numbers).
_NUM_RE = re.compile(r"(?<![\w.,])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*(?![.,]\d)")
_SPACES = " \u00a0\u202f"
# Times: 15:30, 15h30, 15 h 30; "alle 15.30" / "ore 15,30" in Italian.
_TIME_RE = re.compile(r"(?<![\w.,])([01]?\d|2[0-3])\s?(?::|h\s?)([0-5]\d)(?!\d)")
_IT_TIME_RE = re.compile(
    r"\b(?:ore|alle|dalle|entro le|verso le)\s+([01]?\d|2[0-3])(?:[.,]([0-5]\d))?(?![\d.,]\d)", re.I
)
_FR_TIME_RE = re.compile(r"(?<![\w.,])([01]?\d|2[0-3])\s?h(?:\s?([0-5]\d))?(?!\w)")
_PM_RE = re.compile(r"\s*(p\.?\s?m\.?|pm)\b", re.I)
# 4pm, 4.30pm, 7.00 p.m. (English clock times without a colon)
_AMPM_RE = re.compile(r"(?<![\w.,])(1[0-2]|0?\d)(?:[.:]([0-5]\d))?\s?([ap])\.?\s?m\b\.?", re.I)
_LIST_MARK_RE = re.compile(r"^\s*\d{1,2}[.)]\s")


@dataclass(frozen=True)
class Num:
    """A number as written: its text, span and the values it may denote.

    ``malformed`` numbers are not valid in their text's own locale (``2.6``
    in Italian); their readings in other locales are added to ``values``, so
    such a source-side slip does not count as a changed number.
    """

    text: str
    span: tuple[int, int]
    values: frozenset[str]
    malformed: bool = False
    time: bool = False


@lru_cache(maxsize=64)
def symbols(lang: str) -> tuple[str, str]:
    """(group, decimal) symbols of ``lang`` from CLDR."""
    loc = lang.replace("-", "_")
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
        token = "".join((group if group in _SPACES else "") if c in _SPACES else c for c in token)
    loc = lang.replace("-", "_")
    try:
        return parse_decimal(token, loc, strict=True), True
    except NumberFormatError:
        try:
            return parse_decimal(token, loc), False
        except (NumberFormatError, InvalidOperation):
            return None, False


def _time_values(hour: int, minute: int, pm: bool | None) -> frozenset[str]:
    """A clock time's values: "t:HHMM" for each reading and the bare hour ("alle 16")."""
    if pm is None:
        hours = {hour, hour + 12} if hour < 12 else {hour}
    else:
        hours = {hour % 12 + 12 if pm else hour % 12}
    out = {f"t:{h:02d}{minute:02d}" for h in hours}
    out |= {f"n:{h}" for h in hours} if minute == 0 else set()
    return frozenset(out)


def _times(text: str, lang: str) -> list[Num]:
    out = []
    for m in _AMPM_RE.finditer(text):
        vals = _time_values(int(m.group(1)), int(m.group(2) or 0), m.group(3).lower() == "p")
        out.append(Num(m.group(0), m.span(), vals, time=True))
    extra = {"it": (_IT_TIME_RE,), "fr": (_FR_TIME_RE,)}.get(lang, ())
    for rx in (_TIME_RE, *extra):
        for m in rx.finditer(text):
            span = (m.start(1), m.end(2) if m.group(2) else m.end(1))
            if any(n.span[0] < span[1] and span[0] < n.span[1] for n in out):
                continue
            pm = True if _PM_RE.match(text, m.end()) else None
            vals = _time_values(int(m.group(1)), int(m.group(2) or 0), pm)
            out.append(Num(text[span[0] : span[1]], span, vals, time=True))
    return out


def extract(text: str, lang: str) -> list[Num]:
    """Numbers written with digits in ``text``, parsed in ``lang``.

    Clock times become time values; a leading list marker (``1.``) is skipped.
    """
    nums = _times(text, lang)
    skip_to = m.end() if (m := _LIST_MARK_RE.match(text)) else 0
    for m in _NUM_RE.finditer(text):
        if m.start() < skip_to or any(n.span[0] < m.end() and m.start() < n.span[1] for n in nums):
            continue
        value, ok = parse_in(m.group(0), lang)
        if value is None:
            continue
        vals = values_of(value, scale_after(text, m.end(), lang))
        if not ok:
            for other in ("en", "it", "fr"):
                alt, alt_ok = parse_in(m.group(0), other)
                if alt is not None and alt_ok:
                    vals |= values_of(alt, scale_after(text, m.end(), lang))
        if re.fullmatch(r"1\d[0-9]0", m.group(0)) and text[m.end() : m.end() + 1] in ("s", "'"):
            vals.add(key(value % 100))  # the 1980s = gli anni 80
        nums.append(Num(m.group(0), m.span(), frozenset(vals), malformed=not ok))
    nums.sort(key=lambda n: n.span)
    return nums


def reparse(num: Num, lang: str) -> frozenset[str]:
    """Values ``num`` would have if written in ``lang`` (format errors); none if invalid there."""
    if num.time:
        return frozenset()
    value, ok = parse_in(num.text, lang)
    if value is None or not ok:
        return frozenset()
    return frozenset(values_of(value, None))


_CAP_SEQ_RE = re.compile(
    r"(?<![\w])(?:[A-ZÀ-ÖØ-Þ][\w’'.-]*[\w]|[A-ZÀ-ÖØ-Þ])"
    r"(?:[ \u00a0-](?:(?:de|da|di|del|van|von|bin|al|la|le)[ \u00a0])?[A-ZÀ-ÖØ-Þ][\w’'.-]*[\w])*"
)
_SENT_START_RE = re.compile(r"(?:^|[.!?…:;]\s+|[«“\"(\[]\s*)$")


def fold(text: str) -> str:
    """Lower-case and strip accents: ``Beloúsov`` -> ``belousov``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def norm_text(text: str) -> str:
    """Folded words only, for "same text" comparisons that ignore case and punctuation."""
    return " ".join(fold(w) for w in re.findall(r"\w+", text))


def sentence_initial(text: str, start: int) -> bool:
    """Whether position ``start`` opens a sentence (so a capital there proves nothing)."""
    return bool(_SENT_START_RE.search(text[:start]))


def name_spans(text: str) -> list[tuple[str, int, int, bool]]:
    """Capitalised word sequences as (text, start, end, sentence_initial)."""
    out = []
    for m in _CAP_SEQ_RE.finditer(text):
        out.append((m.group(0), m.start(), m.end(), sentence_initial(text, m.start())))
    return out
