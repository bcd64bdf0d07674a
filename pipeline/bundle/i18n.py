"""Per-locale text for the bundle: gettext catalogs, language names and dates (Babel).

Every UI string comes from ``pipeline.localise.catalogs.translations(lang)``
(``messages`` domain, with ``categories`` attached for ``dgettext``); dates
are formatted with Babel's CLDR data, never by hand.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.support import Translations

from pipeline.errors import CatalogError

CATEGORIES_DOMAIN = "categories"

# Catalog msgids of the standalone language labels (switcher); other languages
# and in-sentence names come from Babel's CLDR data.
LANGUAGE_MSGIDS = {"it": "Italian", "en": "English", "fr": "French"}


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


def _babel_locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise CatalogError(
            f"{lang!r} is not a locale Babel knows; use a language code such as it, en or fr"
        ) from None


@dataclass(frozen=True)
class LocaleText:
    """The catalogs and CLDR data of one page language."""

    lang: str
    translations: Translations

    @cached_property
    def locale(self) -> Locale:
        return _babel_locale(self.lang)

    @property
    def direction(self) -> str:
        """``rtl`` or ``ltr``, for ``<html dir>``."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def language_label(self, code: str) -> str:
        """Language ``code`` as a label, from the catalog (``en`` in ``fr``: ``Anglais``)."""
        if code in LANGUAGE_MSGIDS:
            return self.gettext(LANGUAGE_MSGIDS[code])
        name = self.language_name(code)
        return name[:1].upper() + name[1:]

    def language_name(self, code: str) -> str:
        """Language ``code`` as written inside a sentence (``en`` in ``fr``: ``anglais``).

        CLDR's names carry each language's in-sentence case, which standalone
        catalog labels (``Anglais``) do not.
        """
        return _babel_locale(code).get_display_name(self.locale) or code

    def category(self, msgid: str) -> str:
        """A category name from the ``categories`` domain (the msgid when untranslated)."""
        return self.translations.dgettext(CATEGORIES_DOMAIN, msgid)

    def date(self, value: dt.date) -> str:
        """A long, localised date (``30 novembre 2024``, ``1er avril 2024``).

        CLDR's long pattern, with the ordinal suffix of :data:`ORDINAL_DAY` on
        a day whose CLDR *ordinal* plural category is ``one`` in a language that
        writes that day as an ordinal (French: only the first of the month).
        """
        pattern = self.locale.date_formats["long"].pattern
        suffix = ORDINAL_DAY.get(self.locale.language)
        if suffix and self.locale.ordinal_form(value.day) == "one":
            pattern = _day_with_suffix(pattern, suffix)
        return format_date(value, format=pattern, locale=self.locale)


def load_locale(lang: str) -> LocaleText:
    """The catalogs of ``lang`` (a :class:`CatalogError` that says what to do when missing)."""
    from pipeline.localise.catalogs import translations

    return LocaleText(lang, translations(lang))


def autonym(text: LocaleText) -> str:
    """The language's own name for itself (``Français``), for the language switcher."""
    return text.language_label(text.lang)
