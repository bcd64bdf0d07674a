"""Per-locale text for the bundle: gettext catalogs, language names and dates (Babel).

Every UI string comes from ``pipeline.langdata.catalogs.translations(lang)``
(``messages`` domain, with ``categories`` attached for ``dgettext``); dates
are formatted with Babel's CLDR data, never by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from babel import Locale, UnknownLocaleError
from babel.support import Translations

from pipeline.errors import CatalogError
from pipeline.langdata.dates import long_date

CATEGORIES_DOMAIN = "categories"

# Catalog msgids of the standalone language labels (switcher); other languages
# and in-sentence names come from Babel's CLDR data.
LANGUAGE_MSGIDS = {"it": "Italian", "en": "English", "fr": "French"}


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
        """A long, localised date (``30 novembre 2024``, ``1er avril 2024``): see
        :func:`pipeline.langdata.dates.long_date` (CLDR's long pattern, French ``1er``)."""
        return long_date(value, self.locale)


def load_locale(lang: str) -> LocaleText:
    """The catalogs of ``lang`` (a :class:`CatalogError` that says what to do when missing)."""
    from pipeline.langdata.catalogs import translations

    return LocaleText(lang, translations(lang))


def autonym(text: LocaleText) -> str:
    """The language's own name for itself (``Français``), for the language switcher."""
    return text.language_label(text.lang)
