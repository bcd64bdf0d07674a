"""Per-language word lists the sentence splitter consults at a full stop.

A full stop after a known abbreviation usually does not end a sentence, but
abbreviations differ in *how* they are used, so each language has four lists:

- ``titles``: words that precede a name or another word (``Sig.``, ``dott.``,
  ``Mme``, ``Mr.``, ``ad es.``); a full stop after them never ends a sentence.
- ``numeric``: words that precede a number (``n. 5``, ``art. 3``, ``pag. 12``,
  ``vol. II``); no break when a digit or a Roman numeral follows.
- ``ambiguous``: words that often end a sentence too (``ecc.``, ``etc.``,
  ``Inc.``); a break only when the next word is a frequent sentence starter.
- ``starters``: capitalised words that often open a sentence (articles,
  pronouns, conjunctions). They decide the ambiguous cases above, and the same
  question for multi-dot acronyms (``S.p.A.``, ``U.S.``) and single initials.

Entries are written as they appear in text without the final period. A
lower-case entry of two letters or more also matches its capitalised form
(``art`` matches ``Art.`` at a sentence start); an entry with capitals, or a
single letter, matches only itself (French ``Me``, English ``No``; ``p.`` but
not the initial ``P.``), so an ordinary word or a name is not mistaken for it.

Languages without lists here fall back to :data:`GENERIC`, the union of all
lists: a conservative choice that keeps titles and initials together.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LangRules:
    """The abbreviation and sentence-starter lists of one language."""

    titles: frozenset[str]
    numeric: frozenset[str]
    ambiguous: frozenset[str]
    starters: frozenset[str]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Shared by every language: company suffixes and Latin abbreviations in news.
_COMMON_AMBIGUOUS = "etc Inc Ltd Co Corp Plc Bros Jr Sr al"
_COMMON_TITLES = "vs cf cfr Mr Mrs Ms Dr Prof St"
_MONTHS_IT = "gen genn feb febbr mar apr mag giu lug ago sett ott nov dic"
_MONTHS_FR = "janv févr fév avr juil sept oct nov déc"
_MONTHS_EN = "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"

ITALIAN = LangRules(
    titles=_words(
        _COMMON_TITLES
        + " sig sigg sigra dott dottssa dr prof avv ing arch geom rag mons rev on sen dep"
        " pres gen col ten magg cap serg amm mar card egr gent spett ill cav comm uff"
        " assess cons segr dir ass sott univ ist dip dipt fam"
        " es ca cca c.a ved v vd p.es sez lett ogg rif ric tot"
    ),
    numeric=_words(
        "n nn nr num art artt pag pagg p pp vol voll cap capp par fig tab tav max min"
        # before a phone number, a flat, a mile marker, a century, an annex, an amount
        " tel cell fax int km sc sec secc doc all cod trim mln mld " + _MONTHS_IT
    ),
    ambiguous=_words(_COMMON_AMBIGUOUS + " ecc spa srl snc"),
    starters=_words(
        "Il Lo La I Gli Le L' Un Uno Una Un' Questo Questa Questi Queste Quest' Quello Quella"
        " Ma E Ed O Non Per In Nel Nella Nei Nelle Nell' Con Su Sul Sulla A Al Alla Ai All'"
        " Da Dal Dalla Dall' Di Del Della Dell' Dopo Secondo Anche Se Si Ci Ha Hanno È C'è"
        " Lui Lei Noi Voi Loro Io Tu Inoltre Tuttavia Quindi Così Oggi Ieri Intanto Infatti"
        " Mentre Quando Come Cosa Chi Perché Già Ora Poi Tra Fra Oltre Ecco Sono Era Nessuno"
    ),
)

FRENCH = LangRules(
    titles=_words(
        _COMMON_TITLES
        + " M MM Mme Mmes Mlle Mlles Me Mes Mgr Pr Dr St Ste Sts Gén gén Cdt Lt Col Cne"
        " av bd boul env ex cf c.-à-d apr hab tél éd coll dir"
    ),
    numeric=_words("n no nos p pp vol art chap fig t " + _MONTHS_FR),
    ambiguous=_words(_COMMON_AMBIGUOUS + " Cie"),
    starters=_words(
        "Le La Les L' Un Une Des Du De D' Ce Cet Cette Ces C' Il Elle Ils Elles On Nous Vous"
        " Je J' Mais Et Ou En Dans Pour Par Sur Avec Sans Si Selon Cependant Depuis Après"
        " Avant Pendant Alors Ainsi Aujourd'hui Hier Mardi Lundi Mercredi Jeudi"
        " Vendredi Samedi Dimanche Quand Comme Lorsque Mais Or Donc Enfin Au Aux À Leur Leurs"
    ),
)

ENGLISH = LangRules(
    titles=_words(
        _COMMON_TITLES
        + " Messrs Mmes Sen Rep Gov Gen Col Lt Capt Cpt Sgt Maj Cmdr Adm Rev Hon Pres Supt"
        " Mt Ft Insp Det Gov v approx ca esp"
    ),
    numeric=_words("No Nos no nos p pp vol art Art fig ch sec para " + _MONTHS_EN),
    ambiguous=_words(_COMMON_AMBIGUOUS + " Mass Calif Ill Wash Fla Ave Blvd"),
    starters=_words(
        "The A An This That These Those It Its He She We They I You His Her Their Our My"
        " But And Or So Yet In On At For If As There Here However Meanwhile According After"
        " Before When While Since Although Though Other Some Many Most All No Not One Two"
        " What Who Why How Where Last Next Then Now Today Yesterday Still Also Even"
    ),
)


def _union(*rules: LangRules) -> LangRules:
    return LangRules(
        titles=frozenset().union(*(r.titles for r in rules)),
        numeric=frozenset().union(*(r.numeric for r in rules)),
        ambiguous=frozenset().union(*(r.ambiguous for r in rules)),
        starters=frozenset().union(*(r.starters for r in rules)),
    )


GENERIC = _union(ITALIAN, FRENCH, ENGLISH)

RULES: dict[str, LangRules] = {"it": ITALIAN, "fr": FRENCH, "en": ENGLISH}


def rules_for(lang: str) -> LangRules:
    """The lists for ``lang`` (``it``, ``fr``, ``en``; region tags ignored), else GENERIC."""
    return RULES.get(lang.lower().replace("_", "-").split("-")[0], GENERIC)
