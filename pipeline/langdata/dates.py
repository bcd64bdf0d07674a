"""Long dates in page chrome: read in one language, written in another (CLDR via Babel).

A theme's post meta puts a date into a catalog string (``Pubblicato il 12 marzo 2024``,
msgid ``Published on %(date)s``); the value read from the page is Italian, and an English
page must not say ``Published on 12 marzo 2024``. Month names come from CLDR (Babel's
``get_month_names``), the output from CLDR's long pattern, French writing the first of the
month as ``1er`` (see :data:`ORDINAL_DAY`).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_month_names, match_skeleton

# Languages that write the first day of a month as an ordinal in dates, with the suffix:
# French « le 1er avril » but « le 2 avril » (Lexique des règles typographiques en usage à
# l'Imprimerie nationale; Office québécois de la langue française). Which day takes it is
# CLDR's ordinal plural rule (fr: "one" is n = 1), read through Babel.
ORDINAL_DAY = {"fr": "er"}
_QUOTED = re.compile(r"('(?:[^']|'')*')")
_DAY = re.compile(r"(?<!d)d(?!d)")


def _day_with_suffix(pattern: str, suffix: str) -> str:
    """A CLDR date pattern with a literal ``suffix`` after its day-of-month field ``d``."""
    parts = _QUOTED.split(pattern)  # odd items are quoted literals: left alone
    return "".join(
        part if i % 2 else _DAY.sub(f"d'{suffix}'", part) for i, part in enumerate(parts)
    )


def long_date(value: dt.date, locale: Locale) -> str:
    """``value`` in ``locale``'s long form (``30 novembre 2024``, ``1er avril 2024``)."""
    pattern = locale.date_formats["long"].pattern
    suffix = ORDINAL_DAY.get(locale.language)
    if suffix and locale.ordinal_form(value.day) == "one":
        pattern = _day_with_suffix(pattern, suffix)
    return format_date(value, format=pattern, locale=locale)


def day_month(day: int, month: int, locale: Locale) -> str:
    """A day and month without a year in ``locale``'s form, CLDR's ``MMMMd`` skeleton
    (``12 marzo`` -> ``March 12``, ``1er avril``); a year-less post meta date is a date
    (was: not read as one, so the line went to MT)."""
    skeletons = locale.datetime_skeletons
    pattern = str(skeletons[match_skeleton("MMMMd", skeletons) or "MMMMd"])
    suffix = ORDINAL_DAY.get(locale.language)
    if suffix and locale.ordinal_form(day) == "one":
        pattern = _day_with_suffix(pattern, suffix)
    return format_date(dt.date(2000, month, day), format=pattern, locale=locale)  # leap


@lru_cache(maxsize=16)
def _patterns(lang: str) -> tuple[dict[str, int], re.Pattern[str], re.Pattern[str]]:
    """Month name -> number, and the day-month-year and month-day-year patterns of ``lang``
    (the year optional: ``12 marzo``, ``March 12``)."""
    locale = Locale.parse(lang.replace("-", "_"))
    months: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            for n, name in get_month_names(width, context, locale).items():
                months[name.casefold().rstrip(".")] = n
    names = "|".join(re.escape(m) for m in sorted(months, key=len, reverse=True))
    dmy = re.compile(rf"(\d{{1,2}})(?:er|º|°|o)?\s+({names})\.?(?:\s+(\d{{4}}))?", re.I)
    mdy = re.compile(
        rf"({names})\.?\s+(\d{{1,2}})(?:(?:st|nd|rd|th)?,?\s+(\d{{4}})|(?:st|nd|rd|th)?)", re.I
    )
    return months, dmy, mdy


def localise_date(value: str, src: str, dst: str) -> str:
    """``value`` re-written in ``dst`` when the whole of it is a long date of ``src``
    (``12 marzo 2024`` -> ``March 12, 2024``); any other value as it is."""
    if src == dst:
        return value
    try:
        months, dmy, mdy = _patterns(src)
        target = Locale.parse(dst.replace("-", "_"))
    except (ValueError, LookupError, UnknownLocaleError):  # a tag CLDR has no data for
        return value
    text = value.strip()
    numeric = _numeric_date(text, src)
    if numeric is not None:
        return long_date(numeric, target)
    if m := dmy.fullmatch(text):
        day, month, year = m.group(1), m.group(2), m.group(3)
    elif m := mdy.fullmatch(text):
        month, day, year = m.group(1), m.group(2), m.group(3)
    else:
        return value
    try:
        number = months[month.casefold().rstrip(".")]
        if year is None:
            return day_month(int(day), number, target)
        date = dt.date(int(year), number, int(day))
    except (ValueError, KeyError):
        return value
    return long_date(date, target)


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def _numeric_date(text: str, src: str) -> dt.date | None:
    """``12/03/2024`` (day first where ``src``'s CLDR short date is: it, fr) or
    ``2024-03-12`` as a date; None for any other text. Written as it was, ``12/03/2024``
    read as 3 December in English (``Published on 12/03/2024``)."""
    try:
        if m := _ISO_DATE.fullmatch(text):
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _NUMERIC_DATE.fullmatch(text)
        if m is None:
            return None
        short = Locale.parse(src.replace("-", "_")).date_formats["short"].pattern
        first, second = int(m.group(1)), int(m.group(2))
        day, month = (first, second) if short.lstrip("'").startswith("d") else (second, first)
        return dt.date(int(m.group(3)), month, day)
    except (ValueError, LookupError, UnknownLocaleError):
        return None


_TIME = re.compile(r"(?:ore\s+)?(\d{1,2})[:.](\d{2})(?:\s*([AaPp])\.?[Mm]\.?)?")


def localise_time(value: str, src: str, dst: str) -> str:
    """A time of day read in post meta (``10:30``, ``ore 10.30``, ``10:30 pm``) in ``dst``'s
    short form from CLDR (``10:30 AM``, ``10:30``); any other value as it is."""
    if src == dst:
        return value
    m = _TIME.fullmatch(value.strip())
    if m is None:
        return value
    hour, minute = int(m.group(1)), int(m.group(2))
    if m.group(3) and hour <= 12:
        hour = hour % 12 + (12 if m.group(3) in "Pp" else 0)
    try:
        return format_time(dt.time(hour, minute), format="short", locale=dst.replace("-", "_"))
    except (ValueError, LookupError, UnknownLocaleError):
        return value


# A numeric date anywhere in a text: day, month and a four- or two-digit year with one
# separator (12/03/2024, 12.03.24, 12-3-2024), or a day and month with a slash (12/03). Not
# inside a longer run of digits and separators (a phone number, 1.2.3.4, 12/03/2024/5).
_DMY_IN_TEXT = re.compile(r"(?<![\w/.,-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\w/]|[.,-]\d)")
_DM_IN_TEXT = re.compile(r"(?<![\w/.,-])(\d{1,2})/(\d{2})(?![\w/%‰]|[.,-]\d)")
# The words that make a year-less ``12/03`` a date in a sentence (``entro il 12/03``,
# ``dal 12/03 al 14/03``, ``lunedì 12/03``); without one it may be a score or a fraction
# (``20/30``, ``1/2``, ``24/7``, ``il 2/3 dei voti``: so its second part has two digits).
# Languages without a list: a year-less date only alone.
DATE_CUES = {
    "it": r"(?:il|dal|al|del|entro(?:\s+il)?|fino\s+al|nel|giorno|data|lunedì|martedì"
    r"|mercoledì|giovedì|venerdì|sabato|domenica)\s+|(?:l|dall|all|dell|nell)['’]\s*",
}


class NumericDate(NamedTuple):
    """A numeric date found in a text: where it is and what it says (no year: ``12/03``)."""

    start: int
    end: int
    day: int
    month: int
    year: int | None


@lru_cache(maxsize=16)
def day_first(lang: str) -> bool:
    """Whether ``lang`` writes a numeric date day first (CLDR's short date: it, fr; not en)."""
    try:
        short = Locale.parse(lang.replace("-", "_")).date_formats["short"].pattern
    except (ValueError, LookupError, UnknownLocaleError):
        return True
    return short.lstrip("'").startswith("d")


def numeric_dates(text: str, src: str, alone: bool = False) -> list[NumericDate]:
    """The numeric dates of ``text`` read in ``src``'s order, only real calendar dates
    (``31/02/2024`` none). A year-less one needs a cue word before it (:data:`DATE_CUES`)
    or ``alone`` (a segment with no words: two-digit parts), and no ``%`` after it
    (``il 25/30%``); one whose day and month are
    equal reads the same in either order, so it is left alone (``10/10``: a score?)."""
    first_is_day = day_first(src)
    found = [_dmy(m, first_is_day) for m in _DMY_IN_TEXT.finditer(text)]
    taken = [(d.start, d.end) for d in found if d is not None]
    cue = DATE_CUES.get(src.split("-")[0].split("_")[0])
    for m in _DM_IN_TEXT.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        if alone:
            if len(m[1]) != 2 or len(m[2]) != 2:
                continue
        elif cue is None or not re.search(rf"(?:^|\W)(?:{cue})$", text[: m.start()], re.I):
            continue
        day, month = (int(m[1]), int(m[2])) if first_is_day else (int(m[2]), int(m[1]))
        if day != month and _valid(2000, month, day):
            found.append(NumericDate(m.start(), m.end(), day, month, None))
    return sorted((d for d in found if d is not None), key=lambda d: d.start)


def _dmy(m: re.Match[str], first_is_day: bool) -> NumericDate | None:
    """A day-month-year match as a date; None when no calendar has it. A two-digit year is
    read as POSIX ``%y`` reads it (00-68: 2000s, 69-99: 1900s), the same on every run."""
    a, b, year = int(m[1]), int(m[3]), int(m[4])
    if len(m[4]) == 2:
        year += 2000 if year <= 68 else 1900
    day, month = (a, b) if first_is_day else (b, a)
    if not _valid(year, month, day):
        return None
    return NumericDate(m.start(), m.end(), day, month, year)


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def write_numeric(date: NumericDate, dst: str) -> str | None:
    """``date`` in ``dst``'s long form from CLDR (``March 12, 2024``, ``March 12``), or None
    for a tag CLDR has no data for. Long, not CLDR's short ``M/d/yy``: "en" is every English
    reader's, and a British one reads ``3/12/24`` as 3 December; the long form reads one
    way everywhere, as a byline's and a date alone in its paragraph already are."""
    try:
        target = Locale.parse(dst.replace("-", "_"))
    except (ValueError, LookupError, UnknownLocaleError):
        return None
    if date.year is None:
        return day_month(date.day, date.month, target)
    return long_date(dt.date(date.year, date.month, date.day), target)
