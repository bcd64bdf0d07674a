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
from decimal import Decimal, InvalidOperation, localcontext
from functools import lru_cache

from babel.numbers import NumberFormatError, get_decimal_symbol, get_group_symbol, parse_decimal

from pipeline import numtokens
from pipeline.qa.numwords import half_after, key, scale_after, values_of

# Any Zs space groups digits (a thin U+2009, a figure space U+2007...), as numtokens reads them.
_SPACES = numtokens.SPACES
# 17.40 / 20,30: a decimal that may also be a clock time (read both ways).
_CLOCKLIKE_RE = re.compile(r"(2[0-4]|[01]?\d)[.,]([0-5]\d)")
_PM_RE = re.compile(r"\s*(p\.?\s?m\.?|pm)\b", re.I)
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
    scaled: str | None = None  # the value with the scale word after it (1,5 milioni: 1500000)


@lru_cache(maxsize=64)
def cldr_locale(lang: str) -> str:
    """Babel's locale id for the BCP 47 tag ``lang``; CLDR's ``root`` where it has no data
    (``tlh``, ``en-XX``): numbers are then read with root's ``,`` and ``.``."""
    from babel import Locale, UnknownLocaleError

    loc = lang.replace("-", "_")
    try:
        Locale.parse(loc)
    except (UnknownLocaleError, ValueError):
        return "root"
    return loc


@lru_cache(maxsize=64)
def symbols(lang: str) -> tuple[str, str]:
    """(group, decimal) symbols of ``lang`` from CLDR."""
    loc = cldr_locale(lang)
    return get_group_symbol(loc), get_decimal_symbol(loc)


def parse_in(text: str, lang: str) -> tuple[Decimal | None, bool]:
    """Value of one number token in ``lang`` and whether it is well formed there.

    Space-like grouping (``2 000``) and Swiss apostrophes (``2'000``) are accepted
    in every locale: they are unambiguous. ``.`` and ``,`` are read with Babel's strict
    parser; a token that is not valid in the locale returns Babel's lenient reading, flagged.
    A separator that is neither the locale's group nor its decimal symbol
    (``.`` in French) makes the token malformed too: Babel's strict mode lets
    Python read it as a decimal point.
    """
    if (swiss := numtokens.apostrophe_value(text)) is not None:
        return swiss, True  # grouped by apostrophes (1'000'000, 3'500.-): one value anywhere
    group, decimal = symbols(lang)
    token = text
    if any(c in token for c in _SPACES):
        token = "".join((group if group in _SPACES else "") if c in _SPACES else c for c in token)
    loc = cldr_locale(lang)
    foreign = any(c in ".," and c not in (group, decimal) for c in token)
    # A number past the default context's 28 digits (a debt written out in full) is read
    # whole, not raised as InvalidOperation out of Babel's quantize.
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(token) + 2)
        try:
            return parse_decimal(token, loc, strict=True), not foreign
        except NumberFormatError:
            try:
                return parse_decimal(token, loc), False
            except (NumberFormatError, InvalidOperation):
                return None, False
        except InvalidOperation:
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


# A slip no locale reads: groups and the decimal point written with one symbol ("12.595.75"
# for 12,595.75); the last symbol before one or two digits is taken for the decimal point.
_SLIP_RE = re.compile(r"(\d{1,3}(?:[.,]\d{3})+)[.,](\d{1,2})")


def _malformed_readings(token: str, scale: int | None) -> set[str]:
    """What a token malformed in its language may mean: its reading in each usual locale
    that writes it, and a slip ("12.595.75": groups, then decimals)."""
    vals: set[str] = set()
    for other in ("en", "it", "fr"):
        alt, alt_ok = parse_in(token, other)
        if alt is not None and alt_ok:
            vals |= values_of(alt, scale)
    if slip := _SLIP_RE.fullmatch(token):
        vals |= values_of(Decimal(re.sub(r"[.,]", "", slip[1]) + "." + slip[2]), scale)
    return vals


def _number(text: str, tok: numtokens.Token, lang: str) -> Num | None:
    """The values a number token may stand for in ``lang`` (None when it parses nowhere).

    A token Babel cannot read in ``lang`` even leniently (fr ``18.286,90``, copied
    from an Italian source) is read in the first usual locale that writes it, malformed.
    """
    value, ok = parse_in(tok.text, lang)
    if value is None:
        value = next(
            (v for other in ("it", "en", "fr") if (v := parse_in(tok.text, other))[1]), (None,)
        )[0]
    if value is None:
        return None
    end = tok.span[1]
    scale = scale_after(text, end, lang)
    vals = values_of(value, scale)
    if half_after(text, end, lang):
        vals |= values_of(value + Decimal("0.5"), scale)
    if clock := _CLOCKLIKE_RE.fullmatch(tok.text):
        pm = True if _PM_RE.match(text, end) else None
        vals |= _time_values(int(clock.group(1)) % 24, int(clock.group(2)), pm)
    if not ok:
        vals |= _malformed_readings(tok.text, scale)
    if re.fullmatch(r"1\d[0-9]0", tok.text) and text[end : end + 1] in ("s", "'"):
        vals.add(key(value % 100))  # the 1980s = gli anni 80
    if re.fullmatch(r"[1-9]0", tok.text) and _DECADE_RE.search(text[: tok.span[0]]):
        vals.add(key(value + 1900))  # gli anni 80 = les années 1980
    scaled = key(value * scale) if scale else None
    return Num(tok.text, tok.span, frozenset(vals), malformed=not ok, scaled=scaled)


def extract(text: str, lang: str, tokens: list[numtokens.Token] | None = None) -> list[Num]:
    """Numbers written with digits in ``text``, parsed in ``lang``.

    Tokens come from :func:`pipeline.numtokens.tokenize` (the tokenizer the
    localise stage uses too; pass ``tokens`` when already tokenized); clock
    times become time values.
    """
    nums = []
    for tok in numtokens.tokenize(text, lang) if tokens is None else tokens:
        if tok.time:
            vals = _time_values(tok.hour, tok.minute, tok.pm)
            nums.append(Num(tok.text, tok.span, vals, time=True))
        elif num := _number(text, tok, lang):
            nums.append(num)
    return nums


def reparse(num: Num, lang: str) -> frozenset[str]:
    """Values ``num`` would have if written in ``lang`` (format errors); none if invalid there."""
    if num.time:
        return frozenset()
    value, ok = parse_in(num.text, lang)
    if value is None or not ok:
        return frozenset()
    return frozenset(values_of(value, None))


def with_dates_written_long(
    nums: list[Num], src: str, src_lang: str, tgt: str, tgt_lang: str
) -> list[Num]:
    """``nums`` of ``src`` with each numeric date the target writes in its long form from
    CLDR (``12/03/24`` -> ``March 12, 2024``, as translate writes it) read as its day and
    year: the month became a word, the year four digits (was: ``03; 24 became 2024``, an
    error on the pipeline's own rewrite; review37 P8)."""
    from pipeline.langdata.dates import numeric_dates, write_numeric

    out = list(nums)
    for date in numeric_dates(src, src_lang, alone=True):
        if date.year is None and date.month == date.day:
            continue
        written = write_numeric(date, tgt_lang)
        if not written or written not in tgt:
            continue
        span = (date.start, date.end)
        out = [n for n in out if not (span[0] <= n.span[0] < span[1])]
        for part in (date.day, date.year):
            if part is not None:
                out.append(Num(str(part), span, values_of(Decimal(part), None)))
    return sorted(out, key=lambda n: n.span)
