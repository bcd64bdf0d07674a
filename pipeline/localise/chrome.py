"""Recognise page chrome through the catalogs, and render catalog strings per language.

A scraped page carries CMS furniture (``Laisser un commentaire``, the
comment-form notice, ``Catégories``) in whatever language the site uses. Each
such line is looked up in the ``messages`` catalogs of every supported language
and identified by msgid and context, so it can be rendered from the catalog in
any target language instead of going through MT.

Ambiguity: one translated string can belong to two msgids (French WordPress
renders both ``Leave a Reply`` and ``Post Comment`` as « Laisser un
commentaire »). Such a match is resolved by the page position the reader passes
(:data:`POSITION_PREFERENCES`); otherwise it is returned with ``ambiguous`` set
to every candidate msgid, for the caller to report — never a silent guess.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from babel import UnknownLocaleError
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from pipeline.errors import CatalogError
from pipeline.langdata import catalogs
from pipeline.langdata import placeholders as ph
from pipeline.langdata.catalogs import (
    CATEGORIES,
    MESSAGES,
    Entries,
    Entry,
    available_locales,
    catalog_locale,
    load_entries,
    locale_folder,
    po_path,
)
from pipeline.localise.numbers import exact_digits

DEFAULT_LANGS = ("it", "en", "fr")

# Position on the page -> msgids preferred there when a string is ambiguous.
# In the footer of a scraped WordPress page the visible "Laisser un commentaire"
# is the comment-form heading (Leave a Reply); the submit button (Post Comment)
# is an <input> value that text scrapers do not capture.
POSITION_PREFERENCES: dict[str, tuple[str, ...]] = {
    "footer": ("Leave a Reply",),
    "button": ("Post Comment",),
}


@dataclass(frozen=True)
class ChromeString:
    """One catalog string found on a page.

    ``text`` is the exact source text and ``space_after`` the whitespace that
    followed it on the line. ``ambiguous`` lists every candidate msgid when the
    text belongs to several and nothing resolved it (``msgid`` is then the first
    of them); it is empty when the identification is certain. ``href``: the (resolved)
    address of the link the string was, where it was one (a read-more link, a post's meta
    link), which ``ID.LANG.html`` links the localised string to.
    """

    text: str
    space_after: str
    msgid: str
    msgctxt: str | None
    domain: str
    lang: str
    ambiguous: tuple[str, ...] = ()
    href: str | None = None


@dataclass(frozen=True)
class _Entry:
    msgid: str
    msgctxt: str | None
    lang: str


def match_chrome_line(
    line: str,
    langs: Sequence[str] = DEFAULT_LANGS,
    position: str | None = None,
    form_label: bool = False,
) -> list[ChromeString] | None:
    """Split a whole line into consecutive ``messages`` catalog strings, or None.

    Joining ``text + space_after`` of the result gives back the stripped line.
    When several splits exist the one with the fewest (longest) strings wins.
    ``form_label``: a line of page text may be a form field's label with its
    required marker (``Nome *``), kept after the string in every language.
    """
    text = line.strip()
    if not text:
        return None
    index = _index(tuple(langs), MESSAGES, False, _locale_dir())
    best = _split(text, 0, index, {})
    if best is None and _shouted(text):  # "PUBBLICATO IL 12 MARZO 2024": a theme's caps
        index = _index(tuple(langs), MESSAGES, True, _locale_dir())
        best = _split(text, 0, index, {})
    marker = _REQUIRED.search(text) if best is None and form_label else None
    if marker is not None and marker.start() > 0:  # a form label: "Nome *"
        best = _split(text[: marker.start()], 0, index, {})
    if best is None:
        more = match_read_more(text, langs) or match_ad_label(text, langs)
        found = [more] if more is not None else None
    else:
        found = [
            _resolve(text[a:b], text[b:c], cands, MESSAGES, position) for a, b, c, cands in best
        ]
    if found is None:
        return _label_with_colon(text, langs, position)
    if position == "header" and [s.msgid for s in found] == [READ_MORE]:
        return None  # read-more follows text: over the article, "Leggi tutto" is its title
    if marker is not None:  # the marker stays after the label, in every language
        found[-1] = replace(found[-1], space_after=found[-1].space_after + marker.group(0))
    return found


# The one label matched with a colon after it (``Categorie:``, as themes write it over the
# post's categories): the colon stays after it in every language (``Categories:``).
_COLON_LABELS = frozenset({"Categories"})


def _label_with_colon(
    text: str, langs: Sequence[str], position: str | None
) -> list[ChromeString] | None:
    """``text`` as a :data:`_COLON_LABELS` label and its colon (``Categorie:``), or None."""
    label = text[:-1].rstrip() if text.endswith(":") else ""
    found = match_chrome_line(label, langs, position) if label else None
    if found is None or len(found) != 1 or found[0].msgid not in _COLON_LABELS:
        return None
    return [replace(found[0], space_after=text[len(label) :])]


def _shouted(text: str) -> bool:
    """A line all in capitals, as a theme's CSS or markup writes its post meta: matched
    with case ignored (its values read the same way: :func:`_source_values`)."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) > 1 and text.upper() == text


# A link or button to the rest of an article, however a site words it: one msgid, WordPress
# core's "Read more" (its Read More block; Italian "Leggi tutto", as WordPress also renders
# "Continue reading %s" and "Read more..."), so it is localised from the catalog, never MT.
# The wordings of themes and plugins in the catalog languages, each a whole label; arrows,
# ellipses and brackets around it ("Leggi tutto »", "→ Continua a leggere", "[…] Leggi di
# più") but no opening quotation mark: «Leggi tutto» is a quotation.
READ_MORE = "Read more"
_READ_MORE_LABELS = {
    "it": (
        r"leggi tutto",
        r"leggi di pi(?:ù|u')",
        r"leggi (?:tutto )?l['’]articolo(?: completo)?",
        r"leggi (?:la notizia|il resto|ancora)",
        r"continua (?:a leggere|la lettura)",
    ),
    "en": (r"read (?:more|the (?:full|whole) (?:article|story))", r"continue reading"),
    "fr": (r"lire la suite", r"lire (?:plus|l['’]article)", r"continuer la lecture"),
}
# "Learn more" wordings: a read-more link after article text, but also a cookie banner's or
# a privacy note's link ("Usiamo i cookie … Scopri di più"): read as read-more only where a
# reader has placed the link in the article (``learn_more``), never in the page's own
# header or footer, where the cookie kinds of ``chrome_lines.toml`` tell them apart.
_LEARN_MORE_LABELS = {
    "it": (r"scopri di pi(?:ù|u')",),
    "en": (r"learn more",),
    "fr": (r"en savoir plus",),
}
_AROUND = r"(?:(?![«“„‟\"‘‚‛'])[\s\W_])*"


@lru_cache(maxsize=8)
def _read_more(langs: tuple[str, ...], learn_more: bool) -> re.Pattern[str]:
    """One pattern of the read-more labels of ``langs``, a named group per language."""
    tables = (_READ_MORE_LABELS, _LEARN_MORE_LABELS) if learn_more else (_READ_MORE_LABELS,)
    labels = {lang: [x for t in tables for x in t.get(lang, ())] for lang in langs}
    groups = [f"(?P<{lang}>{'|'.join(found)})" for lang, found in labels.items() if found]
    return re.compile(f"{_AROUND}(?:{'|'.join(groups) or '(?!)'}){_AROUND}", re.IGNORECASE)


def match_read_more(
    text: str, langs: Sequence[str] = DEFAULT_LANGS, learn_more: bool = False
) -> ChromeString | None:
    """``text`` (a link's or button's whole visible text) as the catalog string
    :data:`READ_MORE` when it is only a read-more label of one of ``langs``, else None: "Leggi
    tutto »", "Continua a leggere"; with ``learn_more`` "Scopri di più →" too (see
    ``_LEARN_MORE_LABELS``); never a sentence that holds one ("Leggi tutto il rapporto sul
    sito del ministero.")."""
    line = text.strip()
    pattern = _read_more(tuple(langs), learn_more)
    m = pattern.fullmatch(line) if len(line) <= _READ_MORE_MAX else None
    if m is None:
        return None
    lang = next(k for k, v in m.groupdict().items() if v is not None)
    return ChromeString(line, "", READ_MORE, None, MESSAGES, lang)


_READ_MORE_MAX = 60

# Ad labels a scraped page keeps once its ad is gone, however an ad plugin words them, each
# a whole line (case ignored: "PUBBLICITÀ"), as the catalog string it is: localised, never MT.
# An article's ID.LANG.html has no chrome, so no ad label without its ad; the page outputs
# show the localised label in its place, as they show the other chrome.
ADVERTISEMENT = "Advertisement"
AD_CONTINUES = "Continue reading after the advertisement"
SPONSORED = "Sponsored content"
_ADVERT = r"(?:pubblicit(?:à|a')|promo(?:zione)?)"
_AD_LABELS: dict[str, dict[str, tuple[str, ...]]] = {
    ADVERTISEMENT: {
        "it": (
            r"pubblicit(?:à|a')",
            r"adv",
            r"annuncio(?: pubblicitario)?",
            r"spazio pubblicitario",
        ),
        "en": (r"advertisement", r"advertising"),
        "fr": (r"publicit[ée]", r"annonce(?: publicitaire)?"),
    },
    AD_CONTINUES: {
        "it": (
            rf"(?:l['’]articolo )?continua (?:a leggere |la lettura )?(?:dopo|sotto) la {_ADVERT}",
            r"(?:l['’]articolo |la notizia )?continua sotto",
        ),
        "en": (
            r"(?:the )?(?:story|article) continues "
            r"(?:below|after (?:this|the) (?:ad|advertisement))",
        ),
        "fr": (
            r"la suite (?:après|sous) (?:cette|la) publicit[ée]",
            r"l['’]article continue (?:ci-)?dessous",
        ),
    },
    SPONSORED: {
        "it": (
            r"contenuto (?:sponsorizzato|promozionale|sponsor)",
            r"(?:articolo|post) sponsorizzato",
        ),
        "en": (r"sponsored(?: content| post)?", r"paid (?:content|post)"),
        "fr": (r"contenu sponsoris[ée]", r"article sponsoris[ée]"),
    },
}
_AD_AROUND = r"[\s\W_]*"  # "— PUBBLICITÀ —", "[ADV]"


@lru_cache(maxsize=8)
def _ad_labels(langs: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One pattern per ad msgid, a named group per language."""
    found = []
    for msgid, table in _AD_LABELS.items():
        groups = [f"(?P<{lang}>{'|'.join(table[lang])})" for lang in langs if lang in table]
        source = f"{_AD_AROUND}(?:{'|'.join(groups) or '(?!)'}){_AD_AROUND}"
        found.append((msgid, re.compile(source, re.IGNORECASE)))
    return tuple(found)


def match_ad_label(text: str, langs: Sequence[str] = DEFAULT_LANGS) -> ChromeString | None:
    """``text`` (a whole line) as an ad label's catalog string, else None: "Pubblicità",
    "— ADV —", "Continua a leggere dopo la pubblicità"; never a sentence that speaks of
    advertising ("La pubblicità online cresce.")."""
    line = text.strip()
    if len(line) > _READ_MORE_MAX:
        return None
    for msgid, pattern in _ad_labels(tuple(langs)):
        if (m := pattern.fullmatch(line)) is not None:
            lang = next(k for k, v in m.groupdict().items() if v is not None)
            return ChromeString(line, "", msgid, None, MESSAGES, lang)
    return None


# Catalog strings that are chrome as a paragraph of their own wherever an HTML or Markdown
# article puts them (a theme's post meta under the headline, an audio player's label): no
# article sentence reads as one.
STANDALONE_MSGIDS = frozenset(
    {
        "Published on %(date)s",
        "Updated on %(date)s",
        "Published on %(date)s at %(time)s",
        "Updated on %(date)s at %(time)s",
        "Published by %(author)s on %(date)s",
        "Published: %(date)s",
        "Updated: %(date)s",
        "Listen to this article",
        "Reading time: %(num)d minute",
        "Back to top",
    }
)


def match_standalone_line(
    text: str, langs: Sequence[str] = DEFAULT_LANGS
) -> list[ChromeString] | None:
    """A paragraph's whole text as an ad label (:func:`match_ad_label`) or as catalog
    strings all of :data:`STANDALONE_MSGIDS` ("Pubblicato il 12 marzo 2024 | Aggiornato il
    13 marzo 2024"), else None: the HTML and Markdown readers' post meta, sent to MT."""
    if len(text.strip()) > 200:
        return None
    ad = match_ad_label(text, langs)
    if ad is not None:
        return [ad]
    found = match_chrome_line(text, langs)
    if found and all(s.msgid in STANDALONE_MSGIDS for s in found):
        return found
    return None


def is_ad_label(found: Sequence[ChromeString]) -> bool:
    """Whether a line's catalog strings are one ad label (chrome wherever it stands)."""
    return len(found) == 1 and found[0].msgid in _AD_LABELS


# A form field's required marker after its label, as a scraped WordPress comment form gives
# it (``<label>Nome <span class="required">*</span></label>`` -> "Nome *").
_REQUIRED = re.compile(r"\s*\*+\Z")


def match_category(label: str, langs: Sequence[str] = DEFAULT_LANGS) -> ChromeString | None:
    """The ``categories`` entry whose name in one of ``langs`` is ``label`` (any case)."""
    text = label.strip()
    if not text:
        return None
    for group in _index(tuple(langs), CATEGORIES, True, _locale_dir()).at(text, 0):
        if group.regex.fullmatch(text):
            return _resolve(text, "", group.cands, CATEGORIES, None)
    return None


def catalog_text(
    msgid: str,
    lang: str,
    *,
    msgctxt: str | None = None,
    domain: str = MESSAGES,
    source_text: str | None = None,
    source_lang: str | None = None,
) -> str:
    """The catalog string for ``msgid`` in ``lang``.

    With ``source_text`` (the string as found on the page, in ``source_lang`` or,
    if None, in any catalog language) placeholders are filled with the values
    read from it, numbers re-formatted for ``lang``, and a plural entry takes the
    form ``lang``'s plural rule selects. Without it, placeholders stay as they
    are. Raises :class:`CatalogError` when the entry is missing, fuzzy or empty,
    or ``source_text`` is not a form of it.
    """
    locale_dir = Path(_locale_dir())
    catalog = load_entries(lang, domain, locale_dir)
    message = _translated(catalog, msgid, msgctxt)
    if message is None:
        ctx = f" (context {msgctxt!r})" if msgctxt else ""
        raise CatalogError(
            f"no translation of {msgid!r}{ctx} in the {lang!r} {domain!r} catalog; "
            + missing_advice(catalog_locale(lang, domain, locale_dir), domain, locale_dir)
        )
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    if source_text is None:
        return forms[0]
    values, numeric, src_lang = _source_values(
        msgid, msgctxt, domain, source_text.strip(), source_lang, locale_dir
    )
    target = forms[0]
    if len(forms) > 1:
        n = _count(values, numeric, src_lang)
        target = forms[gettext.c2py(catalog.plural_expr)(n) if n is not None else -1]
    values = {k: _localise_value(k, v, k in numeric, src_lang, lang) for k, v in values.items()}
    try:
        return ph.fill(target, values)
    except KeyError as exc:
        raise CatalogError(
            f"the {lang!r} translation of {msgid!r} uses placeholder {exc.args[0]!r}, "
            "which the source string lacks; run `mtpipe catalogs check`"
        ) from None


def missing_advice(locale: str, domain: str, locale_dir: Path) -> str:
    """The commands that give a catalog a translation it lacks, in order.

    A msgid new in the template (``catalogs import`` adds the site's strings there) is
    not in the locale's ``.po`` until ``catalogs update`` merges it: "add it to the .po
    (`catalogs stats` lists what is missing)" sent users to a table that said 100% and
    a file without the entry. ``update`` is harmless when the entry is already there.
    """
    default = Path(locale_dir).resolve() == Path(catalogs.LOCALE_DIR).resolve()
    where = "" if default else f" --locale-dir {locale_dir}"
    lang = f"--lang {locale}{where}"
    fill_domain = "" if domain == MESSAGES else f" --domain {domain}"
    po = po_path(locale, domain, locale_dir)
    return (
        f"run `mtpipe catalogs update {lang}` (it adds the template's new strings to {po}), "
        f"then translate it there (a translator, or `mtpipe catalogs fill {lang}{fill_domain}` "
        f"for a machine draft marked fuzzy to review); `mtpipe catalogs check {lang}` "
        "lists what is missing"
    )


# --- internals ------------------------------------------------------------------------------


def _locale_dir() -> str:
    """The catalogs' folder, read at each call from :mod:`pipeline.langdata.catalogs` (not
    bound at import), so chrome reads the same folder as the code that points it elsewhere."""
    return str(catalogs.LOCALE_DIR)


def _cldr(lang: str) -> str:
    """``lang`` as Babel's CLDR lookups take it (``pt-BR`` -> ``pt_BR``): given the BCP 47
    tag they raise ValueError, and a number was left in the source's format."""
    return locale_folder(lang)


def _translated(catalog: Entries, msgid: str, msgctxt: str | None) -> Entry | None:
    """The translated entry (the catalog's entries are only those: none fuzzy or empty)."""
    return catalog.get(msgid, context=msgctxt)


def _forms(message: Entry) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _ids(message: Entry) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


class _Group:
    """One pattern of the index and the catalog entries that share it; compiled when a
    line first reaches it (most lines reach few: see :class:`_Index`).

    ``lead``: text every match opens with, exactly as written (see :func:`_lead`); a
    position that does not open with it is passed over without compiling the pattern.
    """

    def __init__(self, source: str, flags: int, cands: tuple[_Entry, ...], lead: str) -> None:
        self.source, self.flags, self.cands, self.lead = source, flags, cands, lead
        self._regex: re.Pattern[str] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = re.compile(self.source, self.flags)
        return self._regex

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        """The pattern matched at ``pos``, compiled only when ``text`` opens with the lead there."""
        if not text.startswith(self.lead, pos):
            return None
        return self.regex.match(text, pos)


# Where a catalog string's pattern stops matching it character for character: a space (any
# run of spaces), an apostrophe (either form), a placeholder or a literal percent sign.
_LOOSE = re.compile(r"[\s'\u2019%{]")


def _lead(form: str, source: str, ignore_case: bool) -> str:
    """The start of ``form`` that its pattern ``source`` matches only as written ("" when
    case is ignored: a case-insensitive match has more spellings than ``str`` compares).

    Checked against the pattern itself: the lead is cut until ``source`` opens with it
    escaped, so a pattern that matched more loosely there is never passed over.
    """
    if ignore_case:
        return ""
    lead = _LOOSE.split(form, maxsplit=1)[0]
    while lead and not source.startswith(re.escape(lead)):
        lead = lead[:-1]
    return lead


class _Index:
    """The groups of one domain, longest first, filed by the character they open with.

    A catalog string opening with a letter can only match where the line has that letter
    (in any case when case is ignored), so a position is tried against those groups and
    the groups that open with a placeholder, never the ~160 patterns of all languages;
    their regexes are compiled on first use. ``at(text, pos)`` gives the same groups in
    the same order as the whole list would have matched.
    """

    def __init__(self, groups: list[tuple[_Group, str | None]], ignore_case: bool) -> None:
        self.ignore_case = ignore_case
        self.groups = [g for g, _ in groups]
        self.by_first: dict[str | None, list[_Group]] = {}
        for group, first in groups:
            key = self._key(first) if first is not None else None
            self.by_first.setdefault(key, []).append(group)
        order = {id(g): i for i, g in enumerate(self.groups)}
        self._any = self.by_first.get(None, [])
        self._cache: dict[str, list[_Group]] = {}
        self._order = order

    def _key(self, char: str) -> str | None:
        if not self.ignore_case:
            return char
        low = char.lower()  # a letter whose case mapping is not one letter: try it anywhere
        return low if len(low) == 1 and char.upper().lower() == low else None

    def at(self, text: str, pos: int) -> list[_Group]:
        """The groups that may match ``text`` at ``pos``, in index order."""
        char = text[pos] if pos < len(text) else ""
        key = char.lower() if self.ignore_case else char
        if key not in self._cache:
            found = self.by_first.get(key, []) if key else []
            merged = sorted([*found, *self._any], key=lambda g: self._order[id(g)])
            self._cache[key] = merged
        return self._cache[key]


@lru_cache(maxsize=32)
def _index(langs: tuple[str, ...], domain: str, ignore_case: bool, locale_dir: str) -> _Index:
    """Patterns for every translated string of ``langs``, grouped by identical pattern.

    A tag reads the catalog :func:`catalog_locale` names: ``pt-BR`` its ``pt_BR`` folder,
    ``en-GB`` without one of its own ``en`` (the raw tag was "no catalog"). Cached per
    process and folder; catalogs are data shipped with the code.
    """
    by_pattern: dict[str, list[_Entry]] = {}
    sources: dict[str, tuple[str, str | None]] = {}
    for lang in langs:
        folder = catalog_locale(lang, domain, Path(locale_dir))
        if folder not in available_locales(Path(locale_dir), domain):
            raise CatalogError(
                f"no {domain!r} catalog for {lang!r} in {locale_dir}; known: "
                f"{', '.join(available_locales(Path(locale_dir), domain))}; add it with "
                f"`mtpipe catalogs update --lang {lang}`"
            )
        for message in load_entries(folder, domain, Path(locale_dir)).messages:
            msgid = _ids(message)[0]
            if msgid in WORDS_IN_TEXT:
                continue
            for form in dict.fromkeys(_forms(message)):
                if not _matchable(form, message.imported):
                    continue
                source = ph.pattern_source(form)
                key = form.casefold() if ignore_case else source
                sources.setdefault(key, (source, ph.first_literal(form), form))
                by_pattern.setdefault(key, []).append(_Entry(msgid, message.context, lang))
    # Longest literal first, so "Cancel reply" is tried before a shorter prefix.
    keys = sorted(by_pattern, key=len, reverse=True)
    flags = re.IGNORECASE if ignore_case else 0
    groups = [
        (_Group(src, flags, tuple(by_pattern[k]), _lead(form, src, ignore_case)), first)
        for k in keys
        for src, first, form in [sources[k]]
    ]
    return _Index(groups, ignore_case)


# Catalog strings that give words inside article text (a byline's "di", "e" between two
# names: pipeline.protect.spans), never a line of page chrome: "%s e %s" matched the
# headline "Destra e sinistra" and "di %s" the line "di Roma", both made chrome.
WORDS_IN_TEXT = frozenset(
    {
        "by %s",
        "edited by %s",
        "%s and %s",
        "Text by %s",
        "Text and photos by %s",
        "From our special correspondent %s",
    }
)

# Words of its own an imported catalog string needs to be matched on a page (see _matchable).
IMPORTED_MIN_WORDS = 2


def _matchable(form: str, imported: bool) -> bool:
    """Whether a catalog string may be matched as page chrome (it is rendered either way).

    A string with no words outside its placeholders (``%1$s %2$s``, ``%s:``, ``“%s”``: 17 of
    WordPress core's Italian file) would match any line of text, and made whole articles
    chrome. A string ``catalogs import`` added needs two words of its own: a site's file
    holds thousands of admin strings, and one word alone (``Bozza``, ``Stato``, ``Video``)
    is as often an article's heading or line; the one-word labels a page shows (``Commenti``,
    ``Categorie``) are the shipped catalogs', and a site's own go into its ``messages.po``
    by hand, where they count as shipped ones. Nor is an imported string with placeholders
    that ends as a sentence does: core's "%1$s non è %2$s." matched "La riforma non è
    sufficiente.", an article's sentence.
    """
    words = ph.own_words(form)
    if imported and ph.placeholders(form) and _TEMPLATE_SENTENCE.search(form):
        return False  # "%1$s non è %2$s.": an admin notice, and any such sentence of a text
    return len(words) >= (IMPORTED_MIN_WORDS if imported else 1)


# A catalog string that is a sentence around its values (it ends as one does).
_TEMPLATE_SENTENCE = re.compile(r"[.!?…](?:</[a-z]+>|[\s\"'”»)])*\Z")


# What may stand between two catalog strings of one line: spaces, or a separator set apart
# by spaces, as themes join their post meta ("Pubblicato il 12 marzo 2024 | Aggiornato il
# 13 marzo 2024"); it is kept after the first string, in every language.
_WS = re.compile(r"\s+[|·•–—-](?=\s)\s*|\s*")


def _split(
    text: str,
    pos: int,
    index: _Index,
    memo: dict[int, list | None],
) -> list[tuple[int, int, int, tuple[_Entry, ...]]] | None:
    """Fewest-pieces split of ``text[pos:]`` into catalog strings (memoised by position)."""
    if pos == len(text):
        return []
    if pos in memo:
        return memo[pos]
    best = None
    for group in index.at(text, pos):
        m = group.match(text, pos)
        if m is None or m.end() == pos:
            continue
        end = m.end()
        if end < len(text) and not text[end].isspace():
            continue
        nxt = _WS.match(text, end).end()
        rest = _split(text, nxt, index, memo)
        if rest is not None and (best is None or len(rest) + 1 < len(best)):
            best = [(pos, end, nxt, group.cands), *rest]
    memo[pos] = best
    return best


def _resolve(
    text: str, space: str, cands: tuple[_Entry, ...], domain: str, position: str | None
) -> ChromeString:
    ids = list(dict.fromkeys((c.msgid, c.msgctxt) for c in cands))
    chosen = ids[0]
    ambiguous: tuple[str, ...] = ()
    if len(ids) > 1:
        preferred = [i for i in ids if i[0] in POSITION_PREFERENCES.get(position or "", ())]
        if len(preferred) == 1:
            chosen = preferred[0]
        else:
            ambiguous = tuple(dict.fromkeys(i[0] for i in ids))
    lang = next(c.lang for c in cands if (c.msgid, c.msgctxt) == chosen)
    return ChromeString(text, space, chosen[0], chosen[1], domain, lang, ambiguous)


def _source_values(
    msgid: str,
    msgctxt: str | None,
    domain: str,
    source_text: str,
    source_lang: str | None,
    locale_dir: Path,
) -> tuple[dict[str, str], set[str], str]:
    """Placeholder values of ``source_text``, its integer slots, and the matching language."""
    langs = [source_lang] if source_lang else available_locales(locale_dir, domain)
    for lang in langs:
        message = _translated(load_entries(lang, domain, locale_dir), msgid, msgctxt)
        if message is None:
            continue
        for form in _forms(message):
            values = ph.read_values(form, source_text)
            if values is None and _shouted(source_text):
                values = ph.read_values(form, source_text, ignore_case=True)
            if values is None and domain == CATEGORIES and form.lower() == source_text.lower():
                values = {}
            more = msgid == READ_MORE and match_read_more(source_text, [lang], learn_more=True)
            if values is None and more:
                values = {}  # another wording of the label: "Continua a leggere »"
            ad = msgid in _AD_LABELS and match_ad_label(source_text, [lang])
            if values is None and ad and ad.msgid == msgid:
                values = {}  # an ad plugin's wording: "ADV", "— PUBBLICITÀ —"
            if values is not None:
                return values, ph.numeric_slots(form), lang
    raise CatalogError(
        f"{source_text!r} is not a form of catalog string {msgid!r} in "
        f"{', '.join(langs)}; the reader and the {domain!r} catalogs disagree"
    )


def _count(values: dict[str, str], numeric: set[str], lang: str) -> int | None:
    """The count that selects a plural form: the first integer placeholder's value."""
    for key, value in values.items():
        if key in numeric:
            try:
                return int(parse_decimal(value, locale=_cldr(lang)))
            except (NumberFormatError, ValueError):
                return None
    return None


def _localise_value(key: str, value: str, numeric: bool, src: str, dst: str) -> str:
    """A placeholder value read in ``src`` written for ``dst``: a number, a time of day
    (``%(time)s``), else maybe a date."""
    if numeric:
        return _localise_number(value, src, dst)
    # Imported here: Babel's dates module resolves the local time zone on import (10-20 ms),
    # which a page whose chrome strings have no text slot never needs.
    from pipeline.langdata.dates import localise_date, localise_time

    return localise_time(value, src, dst) if key == "time" else localise_date(value, src, dst)


def _localise_number(value: str, src: str, dst: str) -> str:
    """Re-format an integer placeholder value for ``dst`` (``1.000`` -> ``1,000``)."""
    if src == dst:
        return value
    try:
        with exact_digits(value):  # a number past 28 digits is kept whole, not an exception
            number = parse_decimal(value, locale=_cldr(src), strict=True)
            return format_decimal(number, locale=_cldr(dst))
    except (NumberFormatError, ValueError, UnknownLocaleError):  # no CLDR data for a tag
        return value
