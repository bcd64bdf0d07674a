"""Dates, numbers and plurals in generated text, per locale (Babel / CLDR).

French uses CLDR's separators (U+202F narrow no-break space for thousands, a
comma for decimals); plural forms come from the gettext catalogs, whose rule
for French is ``n > 1`` (0 and 1 are singular).
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_decimal

from pipeline.localise.catalogs import translations


def format_published(date: dt.date | dt.datetime | str, lang: str) -> str:
    """A publication date the way ``lang`` writes it in running text (``12 novembre 2024``)."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date[:10])
    return format_date(date, format="long", locale=lang)


def format_count(n: int | float, lang: str) -> str:
    """``n`` with ``lang``'s grouping and decimal signs (``10 000`` in French, U+202F)."""
    return format_decimal(n, locale=lang)


def published_line(date: dt.date | dt.datetime | str, lang: str) -> str:
    """``Published on …`` from the catalog, with the date formatted for ``lang``."""
    return translations(lang).gettext("Published on %(date)s") % {
        "date": format_published(date, lang)
    }


def comment_count(n: int, lang: str) -> str:
    """``3 Comments`` in ``lang``: plural form from the catalog, number from CLDR."""
    text = translations(lang).ngettext("%(num)d Comment", "%(num)d Comments", n)
    return text.replace("%(num)d", format_count(n, lang))
