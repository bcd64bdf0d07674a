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

from pipeline.qa.numwords import half_after, key, scale_after, values_of

# A run of digits with inner "." "," or a space-like separator; a space only
# groups when exactly three digits follow (so "2009 100" stays two numbers).
_NUM_RE = re.compile(r"(?<![\w.,])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*(?![.,]\d)")
_SPACES = " \u00a0\u202f"
# Times: 15:30, 15h30, 15 h 30; "alle 15.30" / "ore 15,30" in Italian.
_TIME_RE = re.compile(r"(?<![\w.,])(2[0-3]|[01]?\d)\s?(?::|h)\s?([0-5]\d)(?!\d)")
_IT_TIME_RE = re.compile(
    r"\b(?:ore|alle|dalle|entro le|verso le)\s+"
    r"(2[0-3]|[01]?\d)(?!\d)(?:[.,]([0-5]\d))?(?![\d.,]\d)",
    re.I,
)
# 17.40 / 20,30: a decimal that may also be a clock time (read both ways).
_CLOCKLIKE_RE = re.compile(r"(2[0-4]|[01]?\d)[.,]([0-5]\d)")
_FR_TIME_RE = re.compile(r"(?<![\w.,])([01]?\d|2[0-3])\s?h(?:\s?([0-5]\d))?(?!\w)")
_PM_RE = re.compile(r"\s*(p\.?\s?m\.?|pm)\b", re.I)
# 4pm, 4.30pm, 7.00 p.m. (English clock times without a colon)
_AMPM_RE = re.compile(r"(?<![\w.,])(1[0-2]|0?\d)(?:[.:]([0-5]\d))?\s?([ap])\.?\s?m\b\.?", re.I)
_LIST_MARK_RE = re.compile(r"^\s*\d{1,2}[.)]\s")
_DECADE_RE = re.compile(r"(?:\banni|\bannées|\byears|\bthe)\s*['’]?\s*$", re.I)


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
    A separator that is neither the locale's group nor its decimal symbol
    (``.`` in French) makes the token malformed too: Babel's strict mode lets
    Python read it as a decimal point.
    """
    group, decimal = symbols(lang)
    token = text
    if any(c in token for c in _SPACES):
        token = "".join((group if group in _SPACES else "") if c in _SPACES else c for c in token)
    loc = lang.replace("-", "_")
    foreign = any(c in ".," and c not in (group, decimal) for c in token)
    try:
        return parse_decimal(token, loc, strict=True), not foreign
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
        scale = scale_after(text, m.end(), lang)
        vals = values_of(value, scale)
        if half_after(text, m.end(), lang):
            vals |= values_of(value + Decimal("0.5"), scale)
        if clock := _CLOCKLIKE_RE.fullmatch(m.group(0)):
            pm = True if _PM_RE.match(text, m.end()) else None
            vals |= _time_values(int(clock.group(1)) % 24, int(clock.group(2)), pm)
        if not ok:
            for other in ("en", "it", "fr"):
                alt, alt_ok = parse_in(m.group(0), other)
                if alt is not None and alt_ok:
                    vals |= values_of(alt, scale_after(text, m.end(), lang))
        if re.fullmatch(r"1\d[0-9]0", m.group(0)) and text[m.end() : m.end() + 1] in ("s", "'"):
            vals.add(key(value % 100))  # the 1980s = gli anni 80
        if re.fullmatch(r"[1-9]0", m.group(0)) and _DECADE_RE.search(text[: m.start()]):
            vals.add(key(value + 1900))  # gli anni 80 = les années 1980
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
