"""Page chrome no catalog knows: share buttons, newsletter calls, cookie banners in page text.

A scraped ``.txt`` page keeps the lines a CMS plugin put around the article ("Condividi su
Facebook", "Stampa", "Iscriviti alla newsletter", "Questo sito utilizza cookie ...
Accetta"). When the site's plugin translations are in the catalogs, those lines are catalog
chrome (:mod:`pipeline.localise.chrome`) and localised. When they are not, they must still
never reach a model, and never be dropped: :func:`match_uncatalogued` recognises them, the
page-text reader keeps them verbatim as chrome, the localise stage adds a
``chrome_uncatalogued`` finding per target language, and :func:`uncatalogued_note` is the
one warning line the run prints, naming the lines and the fix.

What is recognised: the kinds of ``pipeline/data/chrome_lines.toml`` in file order, which
say where each pattern comes from: the default labels of share, newsletter and cookie
plugins, the copyright and legal footer of news sites ("© Riproduzione riservata"), then,
last, a copy of trafilatura's filter for lines that are only a share or print button
(``trafilatura.utils.RE_FILTER``, the knowledge its extractor applies to HTML text).
The copy, not an import: trafilatura is not loaded to read a ``.txt`` page, and the
patterns are all in one file, the one the run key digests.
"""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import shortened

if TYPE_CHECKING:
    from pipeline.document import Article

CHROME_LINES = Path(__file__).resolve().parent.parent / "data" / "chrome_lines.toml"
UNCATALOGUED_CHECK = "chrome_uncatalogued"  # the finding id; registered in qa/checks/stages.py
# Around a label: bullets, arrows, separators, a colon ("Condividi:", "» Stampa", "[X]",
# "Leggi di più »"), but no opening quotation mark before it: «Ho capito». is a quoted reply
# in an article, not a banner's button ("»" before a label is an arrow).
_BEFORE = r"(?:(?![«“„‟\"‘‚‛'])[\s\W_])*"
_AFTER = r"[\s\W_]*"
_TAG = re.compile(r"<[^>]*>")  # a verbatim HTML block (a related link) shown as its text
_IMPORT_ADVICE = (
    "to localise them, import the site's plugin translations "
    "(`mtpipe catalogs import PLUGIN-it_IT.po`, and the target languages' files)"
)


@dataclass(frozen=True)
class Kind:
    """One kind of uncatalogued chrome: its name, how a message calls it, its line patterns.

    ``alone``: a line of this kind is chrome wherever it stands (a breadcrumb trail, a
    related-article link: their shape is proof enough); a line of any other kind (a share
    button, a cookie sentence) only next to another chrome line (:func:`in_text`).
    ``advice``: what the user can do about it, for the warning.
    """

    name: str
    what: str
    regex: re.Pattern[str]
    alone: bool = False
    advice: str = _IMPORT_ADVICE


@lru_cache(maxsize=1)
def kinds() -> tuple[Kind, ...]:
    """The kinds of ``chrome_lines.toml``, each pattern anchored to the whole line.

    Shipped data, read once per process; a broken file is a bug of the package, so its
    errors propagate.
    """
    data = chrome_data()
    network = "(?:" + "|".join(data["networks"]["names"]) + ")"
    entries = [*data["kind"], data["trafilatura"]]  # trafilatura's filter last
    out = []
    for entry in entries:
        body = "|".join(f"(?:{_fill(p, entry, network)})" for p in entry["patterns"])
        regex = re.compile(f"{_BEFORE}(?:{body}){_AFTER}", re.IGNORECASE)
        advice = entry.get("advice", _IMPORT_ADVICE)
        out.append(Kind(entry["name"], entry["what"], regex, entry.get("alone", False), advice))
    return tuple(out)


def _fill(pattern: str, entry: dict[str, Any], network: str) -> str:
    """``pattern`` with ``{network}`` and each ``{NAME}`` of a list ``NAME`` of its kind
    (the copyright kind's ``reserved`` and ``vat`` formulas) written out as alternatives."""
    pattern = pattern.replace("{network}", network)
    for key, value in entry.items():
        if key != "patterns" and isinstance(value, list):
            pattern = pattern.replace(f"{{{key}}}", "(?:" + "|".join(value) + ")")
    return pattern


@lru_cache(maxsize=1)
def chrome_data() -> dict[str, Any]:
    """``chrome_lines.toml`` as read: ``networks``, ``kind`` (a list), ``trafilatura``."""
    return tomllib.loads(CHROME_LINES.read_text(encoding="utf-8"))


def trafilatura_filter_pattern() -> str:
    """The pattern of trafilatura's ``RE_FILTER`` that the copy in the toml was taken from."""
    return r"\W*(" + "|".join(chrome_data()["trafilatura"]["patterns"]) + ")$"


def match_uncatalogued(line: str) -> Kind | None:
    """The kind of chrome ``line`` is (a whole line, stripped), or None.

    The kinds of ``chrome_lines.toml`` in file order (they name what the line is), the
    copy of trafilatura's filter last.
    """
    text = line.strip()
    if not text or len(text) > 600:  # a banner is a few sentences; an article paragraph more
        return None
    found = next((k for k in kinds() if k.regex.fullmatch(text)), None)
    return found or (RELATED_LABEL if is_related_label(text) else None)


def uncatalogued_note(article: Article) -> str | None:
    """One warning line naming the article's uncatalogued chrome lines and the fix, or None.

    Each line is named by where it is (``line N`` of the input file, else ``block bN`` of
    the document, as WordPress content has no file lines) and by its visible text (tags
    dropped, entities decoded); the advice is that of each kind found.
    """
    blocks = [b for b in article.blocks if b.meta.get("uncatalogued")]
    if not blocks:
        return None
    shown = ", ".join(
        f"{_where(b.id, b.meta)} {shortened(_visible(b.text), 50)!r}" for b in blocks[:4]
    )
    more = f" and {len(blocks) - 4} more" if len(blocks) > 4 else ""
    found = list(dict.fromkeys(str(b.meta["uncatalogued"]) for b in blocks))
    advice = dict.fromkeys(advice_for(w) for w in found)
    return (
        f"{len(blocks)} line{'s' if len(blocks) != 1 else ''} of page chrome that no catalog "
        f"knows ({'; '.join(sorted(found))}): {shown}{more}; kept as in the source in every "
        f"language, not machine-translated; {'; '.join(advice)}"
    )


def advice_for(what: str) -> str:
    """What to do about uncatalogued chrome of the kind ``what`` (a kind's ``what``)."""
    by_what = {k.what: k for k in (*kinds(), BREADCRUMB, RELATED_KIND)}
    return by_what[what].advice if what in by_what else _IMPORT_ADVICE


def _where(block_id: str, meta: dict[str, Any]) -> str:
    line = meta.get("line")
    return f"line {line}" if isinstance(line, int) else f"block {block_id}"


def _visible(text: str) -> str:
    """A block's text as a reader sees it: tags and inline markers dropped, entities decoded."""
    return " ".join(html.unescape(_TAG.sub(" ", text)).split()).replace(" ,", ",")


# A breadcrumb part: a few words without a sentence's final punctuation ("Cronaca locale").
_PART = re.compile(r"[^.!?;]{1,60}")
_PART_WORDS = 8


@lru_cache(maxsize=1)
def _trail_regexes() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """``(prefix, separator, homes)`` of the ``[breadcrumb]`` table of ``chrome_lines.toml``."""
    data = chrome_data()["breadcrumb"]
    prefix = "|".join(re.escape(p) for p in data["prefixes"])
    arrows = "|".join(re.escape(a) for a in sorted(data["arrows"], key=len, reverse=True))
    spaced = "|".join(re.escape(s) for s in data["spaced"])
    return (
        re.compile(rf"(?:{prefix})\s*:?\s*", re.IGNORECASE),
        re.compile(rf"(\s*(?:{arrows})+\s*|\s+(?:{spaced})\s+)"),  # ">>" too
        frozenset(h.casefold() for h in data["homes"]),
    )


BREADCRUMB = Kind(
    "breadcrumb",
    "breadcrumb trail",
    re.compile(r"(?!)"),
    alone=True,
    advice=(
        "to localise a trail, add its parts to the catalogs (the home label to "
        "pipeline/locale/LANG/LC_MESSAGES/messages.po, section names to categories.po, for "
        "the source and every target language; `mtpipe catalogs check` checks them)"
    ),
)


def match_breadcrumb(line: str, heading: bool = False) -> list[tuple[str, str]] | None:
    """A breadcrumb trail's parts, each with the separator after it, or None.

    ``"Ti trovi in: Home / Cronaca"`` gives ``[("Ti trovi in:", " "), ("Home", " / "),
    ("Cronaca", "")]``: joined, the stripped line again. A trail opens with a prefix of
    ``[breadcrumb]`` in ``chrome_lines.toml``, a home label, or a section the categories
    catalogs know followed by spaced separators ("Cronaca » Liguria"), and has two parts or more,
    each short and without a sentence's final punctuation, so an article sentence with a
    "»" in it is none. A section-first trail must look like one (:func:`_section_first`):
    "Russia / Ucraina, il negoziato riparte" and "Stati Uniti / La risposta di Washington"
    are headlines. ``heading``: the line is a heading or the title, where a section-first
    trail counts only when every part is a known section or home label. Where a trail may
    stand (the page's head) is the reader's call.
    """
    prefix_re, sep_re, homes = _trail_regexes()
    text = line.strip()
    prefix = prefix_re.match(text) or _home_after_label(text, sep_re, homes)
    lead = text[: prefix.end()] if prefix else ""
    pieces = sep_re.split(text[len(lead) :])
    parts = list(zip(pieces[::2], [*pieces[1::2], ""], strict=True))
    one = len(parts) == 1 and ":" in lead  # "Sei in: Cronaca": the label says what it is
    if not (len(parts) >= 2 or one) or not (
        ":" in lead or parts[0][0].casefold() in homes or _section_first(parts, heading)
    ):
        return None
    if not all(_PART.fullmatch(p) and len(p.split()) <= _PART_WORDS for p, _ in parts):
        return None
    head = [(lead.rstrip(), lead[len(lead.rstrip()) :])] if lead else []
    return head + parts


def _home_after_label(
    text: str, sep_re: re.Pattern[str], homes: frozenset[str]
) -> re.Match[str] | None:
    """A "you are here" prefix the table lacks ("Tu sei qui: Home > …", "Sie sind hier: Home
    › …"): a label of a few words and a colon before a home label, as the first part of a
    trail; the match ends where the home label begins."""
    first = sep_re.split(text, maxsplit=1)[0]
    m = re.match(r"[^\W\d][^:.!?;]{0,30}:\s*", first)
    if m and len(m[0].split()) <= _PREFIX_WORDS and first[m.end() :].casefold() in homes:
        return m
    return None


_PREFIX_WORDS = 4


def _section_first(parts: list[tuple[str, str]], heading: bool = False) -> bool:
    """A trail without its home label ("Cronaca » Liguria", "Esteri / Medio Oriente"): a
    section the categories catalogs know first, every separator spaced (so "Cronaca» disse"
    is no trail), and every other part a known section or home label or, outside a heading
    (``heading``), a short name (:func:`_name_like`). A headline that opens with a section
    ("Italia | Il ruolo di Roma", "Economia | I mercati") has a part with an article, a
    comma or lower-case words: it stays text."""
    from pipeline.localise.chrome import match_category

    spaced = all(sep[:1].isspace() and sep[-1:].isspace() for _, sep in parts[:-1])
    if not spaced or match_category(parts[0][0]) is None:
        return False
    homes = _trail_regexes()[2]
    spaced_seps = chrome_data()["breadcrumb"]["spaced"]
    arrows = not any(sep.strip() in spaced_seps for _, sep in parts[:-1])
    for part, _ in parts[1:]:
        known = part.casefold() in homes or match_category(part) is not None
        if not known and (heading or not _name_like(part, lower=arrows)):
            return False
    return True


# Words that join the words of a place or section name ("Valle d'Aosta", "Friuli Venezia
# Giulia", "Bosnia ed Erzegovina"); a trail's part has no article or other function word.
_NAME_JOINS = frozenset({"di", "d'", "del", "della", "e", "ed", "and", "of", "de", "du", "des"})
_NAME_WORDS = 3


def _name_like(part: str, lower: bool = False) -> bool:
    """True when ``part`` may be a section or place name of a trail: at most three words,
    each capitalised or a joining word (not first), no comma, colon or quotation mark.
    "Liguria", "Medio Oriente", "Valle d'Aosta" are; "La risposta di Washington", "I
    mercati", "il negoziato riparte" (an article first, lower-case words) are not.
    ``lower``: lower-case words allowed too, between arrows ("Cronaca » Cronaca locale"),
    which a headline does not use as a spaced "/" or "|"."""
    words = part.replace("'", "' ").split()
    named = [w for w in words if w.casefold() not in _NAME_JOINS]
    if not named or len(named) > _NAME_WORDS or re.search(r"[,:;«»“”\"()]", part):
        return False
    if _FUNCTION_WORDS.intersection(w.casefold() for w in words[:1]):
        return False
    return lower or all(
        w[:1].isupper() or (w.isdigit() and len(w) <= 2) or w.casefold() in _NAME_JOINS
        for w in words
    )


def trail_part_line(line: str, before: Sequence[str]) -> bool:
    """True when ``line`` is the last part of a breadcrumb trail split one part per line, as
    a scraped ``<ol>`` trail comes out in page text ("Home", "Cronaca", "Roma"): ``before``
    (the header lines above it, all chrome) holds a home label, and ``line`` is a short name
    (:func:`_name_like`: "Roma", "Medio Oriente"), never a headline's words."""
    homes = _trail_regexes()[2]
    return any(b.strip().casefold() in homes for b in before) and _name_like(line.strip())


# Articles, prepositions, conjunctions and auxiliaries of Italian, English and French: a
# section or place name does not open with one ("Il ruolo di Roma", "La risposta").
_FUNCTION_WORDS = frozenset(
    ("il", "lo", "la", "i", "gli", "le", "un", "uno", "una", "the", "a", "an")
    + ("les", "une", "des", "di", "da", "in", "con", "su", "per", "tra", "fra", "of", "to")
    + ("on", "for", "with", "by", "de", "du", "au", "aux", "en", "che", "perché", "quando")
    + ("se", "ma", "that", "which", "because", "when", "if", "but", "que", "qui", "quand")
    + ("si", "mais", "ha", "hanno", "è", "sono", "era", "erano", "sarà", "saranno", "has")
    + ("have", "had", "is", "are", "was", "were", "will", "est", "sont", "ont", "était")
)


RELATED = "related-article link"
RELATED_KIND = Kind(
    "related",
    RELATED,
    re.compile(r"(?!)"),
    alone=True,
    advice=(
        "a related-article link points to an article in the source language: link its "
        "translation in each output or, in an HTML page or post, give the box a class the "
        'readers leave out (class="related", as a theme\'s related-posts box is)'
    ),
)

# A related label alone ("Leggi anche", "Articoli correlati:") over no titles or links: a box
# whose links the page lost. Like a share button, it is chrome only next to other chrome
# (``Condividi su Facebook`` / ``Leggi anche`` / ``Tutti i diritti riservati`` at the end);
# beside article text it may be a subheading ("Per approfondire") and stays text.
RELATED_LABEL = replace(RELATED_KIND, name="related-label", alone=False)

# Between related links and around their label: punctuation, separators and the words that
# join two titles ("Leggi anche: <a>…</a> e <a>…</a>", "Read also <a>…</a> and <a>…</a>").
_JOIN = r"(?:[\s\W_]|\b(?:e|ed|o|oppure|and|or|et|ou|und|oder)\b)*"
_TITLE_END = re.compile(r"[.;]\s*$")  # a sentence, not a linked article's title


@lru_cache(maxsize=1)
def _related_res() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """``(label, opening, line)`` patterns of the ``[related]`` labels."""
    labels = "|".join(f"(?:{label})" for label in chrome_data()["related"]["labels"])
    return (
        re.compile(rf"[\s\W_]*(?:{labels})(?:{_JOIN}(?:{labels}))*{_JOIN}", re.IGNORECASE),
        re.compile(rf"[\s\W_]*(?:{labels})(?!\w)", re.IGNORECASE),
        re.compile(
            rf"[\s\W_]*(?P<label>{labels})(?:\s*[:|»›>→–—·-]+\s*|\s+)(?P<title>\w.*)", re.IGNORECASE
        ),
    )


def is_related_label(text: str) -> bool:
    """True when ``text`` (a paragraph's text outside its links, or a heading) is only a
    related-article label of ``[related]`` in ``chrome_lines.toml`` ("Leggi anche:", "LEGGI
    ANCHE", "Lire aussi"), with punctuation, separators and joining words around it
    ("Leggi anche: … e …", "… | …")."""
    return bool(_related_res()[0].fullmatch(text))


def is_link_glue(text: str) -> bool:
    """True when ``text`` (outside a paragraph's links) only joins them: punctuation,
    separators, "e"/"and"/"et", and the short notes a related box puts after a title
    (:func:`without_link_notes`: a date, a byline, a short parenthesis); a link list under
    a related heading has nothing else."""
    return bool(re.fullmatch(_JOIN, without_link_notes(text), re.IGNORECASE))


_MONTHS = (
    "gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|"
    "dicembre|january|february|march|april|may|june|july|august|september|october|november|"
    "december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
    "décembre"
)
# The notes after a related title: "(12 marzo)", "12 marzo 2024", "12/03/2024", "di Mario
# Rossi", "by Jane Doe" (a byline: a few capitalised names after "di"/"by"/"par"), "–
# Corriere della Sera" (a source: capitalised names after a dash or bar).
_NAME = r"[A-ZÀ-Þ][\w'’.-]*"
_LINK_NOTE = re.compile(
    r"\([^()]{1,30}\)"
    rf"|(?<=[–—|-])\s*{_NAME}(?:\s+(?:(?i:di|del|della|de|of|the)\s+)?{_NAME}){{0,3}}"
    rf"|\b\d{{1,2}}\s+(?i:{_MONTHS})(?:\s+\d{{4}})?\b"
    r"|\b\d{1,2}[./-]\d{1,2}(?:[./-]\d{2,4})?\b|\b\d{4}\b"
    r"|\b(?i:di|by|par|von)\s+(?:[A-ZÀ-Þ][\w'’.-]*\s*){1,3}"
)


def without_link_notes(text: str) -> str:
    """``text`` (outside a related box's links) with its notes on the linked articles (dates,
    bylines, short parentheses) taken out, each by a space; the rest is for the label and
    the joining words to account for."""
    return _LINK_NOTE.sub(" ", text)


def opens_with_related_label(text: str) -> bool:
    """True when ``text`` opens with a related label as a whole word ("Leggi anche: Titolo",
    the label inside the link); "Correlation" does not open with "Correlati"."""
    return bool(_related_res()[1].match(text))


# Words that open a clause: a title that has one after many words is a sentence.
_CLAUSE_WORDS = frozenset(
    ("che", "perché", "poiché", "mentre", "that", "which", "because", "while", "que", "qui")
)


def looks_like_sentence(text: str) -> bool:
    """True when ``text`` reads as a sentence of article text, not an article's title, by
    its shape: a final "." or ";"; a lower-case opening and four words or more ("il
    ministro ha spiegato che …", the rest of a sentence that a label word opened); eight
    words or more with a clause word ("che", "that", "que"); sixteen words or more. A
    title ("Frana sulla via Aurelia", "Il sindaco: «Serve un piano»") is none."""
    text = text.strip()
    words = [w.strip(",;:«»“”\"'()").casefold() for w in text.split()]
    if _TITLE_END.search(text) or len(words) >= 16:
        return True
    if text[:1].islower() and len(words) >= 4:
        return True
    return len(words) >= 8 and bool(_CLAUSE_WORDS.intersection(words))


def match_related_line(line: str) -> bool:
    """A related-article line of page text (links lost): a label, a separator, a title.

    ``"Leggi anche: Frana sulla via Aurelia"``, ``"LEGGI ANCHE Frana sulla via Aurelia"``
    (without a colon only an upper-case label), never a sentence (:func:`looks_like_sentence`,
    with or without a final stop): "Leggi anche: nessun collegamento, solo una frase." and
    "Leggi anche: il ministro ha spiegato che le tasse non aumenteranno" stay text.
    """
    m = _related_res()[2].fullmatch(line.strip())
    if m is None or looks_like_sentence(m["title"]) or len(m["title"]) > 200:
        return False
    return (
        ":" in line[: m.start("title")]
        or bool(re.search(r"[|»›>→–—·-]", line[m.end("label") : m.start("title")]))
        or m["label"].isupper()
    )


@dataclass(frozen=True)
class Unit:
    """One unit of article text as the chrome rule sees it: a paragraph, heading or list
    item of any reader (``text``: its visible text; ``outside``: the part outside its
    links; ``links``: it has a link; ``block``: a container of blocks, never a line;
    ``items``: the texts of a list's items, a list whose every item is chrome of one kind
    being one unit of it, "Facebook", "Twitter"; ``widget``: a page widget the reader
    leaves out, a button, a form, a box a class marks, chrome beside the unit;
    ``heading``: an h1-h6 element or a Markdown heading, a section-first trail only when
    every part is a known section; ``link_texts``: the visible text of each of its links,
    a paragraph of share links, "<a>Condividi su Facebook</a> <a>Condividi su X</a>",
    being one share bar)."""

    text: str
    outside: str = ""
    links: bool = False
    block: bool = False
    items: tuple[str, ...] = ()
    widget: bool = False
    heading: bool = False
    link_texts: tuple[str, ...] = ()


# A reader's view of its text around one unit: offset -> unit (0 the unit itself, -1 the
# one before, 1 the one after), None past the edge of the container.
Around = Callable[[int], "Unit | None"]


def _links_only(unit: Unit | None) -> bool:
    return unit is not None and unit.links and is_link_glue(unit.outside)


def is_related(around: Around, at: int = 0) -> bool:
    """True when the unit ``at`` is (part of) a related-article link box:

    - a label and links, nothing else but joining words ("Leggi anche: <a>…</a> e
      <a>…</a>"), or links only, the first opening with the label (``<a>Leggi anche:
      titolo</a>``);
    - a label alone (a heading "Potrebbe interessarti") over links only (a list, a
      paragraph), and those links.

    A paragraph with a link and "leggi anche" in a sentence is text, as is a label heading
    over article text, and links alone under article text.
    """
    unit = around(at)
    if unit is None:
        return False
    if not unit.links:
        if is_related_label(unit.text):
            return _links_only(around(at + 1)) or over_titles(around, at)
        if not unit.items and not unit.block and match_related_line(unit.text):
            return True  # "Leggi anche: Titolo", its link lost or never made
        return _under_label(around, at)
    if is_related_label(without_link_notes(unit.outside)) or (
        _links_only(unit) and opens_with_related_label(unit.text)
    ):
        return not _run_in_sentence(unit.text)
    if not _links_only(unit):
        return False
    before = at - 1
    while _links_only(around(before)) and not opens_with_related_label(around(before).text):  # type: ignore[union-attr]
        before -= 1  # the second paragraph of links under one heading
    return around(before) is not None and is_related(around, before)


def related_title(text: str) -> bool:
    """True when ``text`` (a line, a paragraph without links) may be a related article's
    title, the link lost: short, no label, no trail, not a sentence by its shape
    (:func:`looks_like_sentence`), and no final ".", ":", ";" or "," (a sentence, a label, a
    cut line). A headline may end as a sentence may not: a question, a quotation, a note on
    the linked article ("Roma, cosa cambia da lunedì?", "Il sindaco: «Serve un piano»",
    "Allerta meteo (12 marzo)", "… – 12 marzo 2024"); a line of notes only (a byline, a date
    under the title it belongs to) counts with the titles."""
    bare = without_link_notes(text).strip().rstrip("–—|- ")
    if not bare.strip(" \t–—|-·•,") and text.strip():
        return True  # a note on its own line under a title: "di Mario Rossi", "12 marzo 2024"
    return (
        0 < len(bare) <= _RELATED_TITLE_MAX
        and not re.search(r"[.:;,]$", bare)
        and not is_related_label(text)
        and match_breadcrumb(text) is None
        and not looks_like_sentence(" ".join(bare.split()))
    )


_RELATED_TITLE_MAX = 200


def _titles(unit: Unit | None) -> int:
    """How many related titles without links ``unit`` is: a paragraph 1, a list its items."""
    if unit is None or unit.links or unit.widget or unit.heading:
        return 0
    if unit.items:
        return len(unit.items) if all(related_title(i) for i in unit.items) else 0
    return 1 if not unit.block and related_title(unit.text) else 0


def over_titles(around: Around, at: int) -> bool:
    """The label alone at ``at`` heads a box of titles whose links were lost (page text, a
    page saved as text and marked up again): two title units under it or more ("LEGGI
    ANCHE", "Frana sulla via Aurelia", "Ponte chiuso a Genova"), or one under a label that
    shows it is one, upper case or with a separator ("Articoli correlati:"). A plain label
    over one title-like unit and article text ("Per approfondire", "Le cause della crisi",
    a paragraph) is a subheading over its section: text."""
    titles, nxt = 0, at + 1
    while titles < 2 and (found := _titles(around(nxt))):
        titles, nxt = titles + found, nxt + 1
    label = around(at)
    text = label.text.strip() if label is not None else ""
    loud = text.isupper() or bool(re.search(r"[:»›>→|–—-]$", text))
    return titles >= 2 or (titles == 1 and loud)


def _under_label(around: Around, at: int) -> bool:
    """The unit ``at`` is a title without links in a box under a related label."""
    if not _titles(around(at)):
        return False
    before = at - 1
    while _titles(around(before)):
        before -= 1
    label = around(before)
    return (
        label is not None
        and not label.links
        and is_related_label(label.text)
        and over_titles(around, before)
    )


def _run_in_sentence(text: str) -> bool:
    """True when a label opens a sentence of text, no separator after it and a lower-case
    sentence going on ("Leggi anche l'intervista al ministro."): the paragraph reads as
    the article's, and the link is in it. "Leggi anche: la diga di Genova" is a box."""
    m = re.match(
        rf"[\s\W_]*(?:{'|'.join(chrome_data()['related']['labels'])})(\s+)(.*)", text, re.I
    )
    return m is not None and m[2][:1].islower() and looks_like_sentence(m[2])


@lru_cache(maxsize=4096)
def line_kind(text: str, heading: bool = False) -> Kind | None:
    """A line's kind: a breadcrumb trail, else a kind of ``chrome_lines.toml``, else None
    (``heading``: the line is a heading, see :func:`match_breadcrumb`)."""
    return BREADCRUMB if match_breadcrumb(text, heading) else match_uncatalogued(text)


def unit_kind(around: Around, at: int = 0) -> Kind | None:
    """What the unit ``at`` is as chrome before its neighbours are weighed."""
    unit = around(at)
    if unit is None:
        return None
    if unit.widget:
        return WIDGET
    if is_related(around, at):
        return RELATED_KIND
    parts = unit.items or (unit.link_texts if _links_only(unit) else ())
    if parts and (bar := _bar_kind(parts)) is not None:
        return bar
    if unit.items:
        return BREADCRUMB if unit.links and trail_list(unit.items) else None
    return None if unit.block else line_kind(unit.text, unit.heading)


def trail_list(items: Sequence[str]) -> bool:
    """A list of links that is a breadcrumb trail, one part per item (``<ol><li><a>Home</a>
    </li><li><a>Cronaca</a></li><li>Roma</li></ol>``, what breadcrumb plugins write): a
    home label first, then parts a trail may have (:func:`match_breadcrumb` of the parts
    joined by arrows). A list that opens with anything else is the article's; the reader
    checks that its items link (a list "Home", "Lavoro", "Famiglia" is text)."""
    homes = _trail_regexes()[2]
    parts = [" ".join(i.split()) for i in items]
    return (
        len(parts) >= 2
        and parts[0].casefold() in homes
        and match_breadcrumb(" › ".join(parts)) is not None
    )


def _bar_kind(parts: tuple[str, ...]) -> Kind | None:
    """The kind of a list or a paragraph of links whose every part is a chrome line ("Facebook",
    "Twitter"; "Condividi su Facebook", "Condividi su X"), or None. Two parts or more are a run
    of chrome lines in one unit, a share bar, so it counts alone, as two such lines do."""
    found = [line_kind(part) for part in parts]
    if not all(found):
        return None
    first = found[0]
    return replace(first, alone=True) if len(parts) > 1 and first is not None else first


def chrome_at(around: Around) -> Kind | None:
    """The kind of the unit ``around(0)`` when it is chrome among article text, by the rule
    of :func:`in_text`, else None. The same for every reader: the HTML and WordPress
    walk (siblings in the DOM) and Markdown (paragraphs in order)."""
    here = unit_kind(around)
    if here is None:
        return None
    if here.alone or in_text(here, unit_kind(around, -1), unit_kind(around, 1)):
        return here
    return None


CATALOG_LINE = Kind("catalog", "catalog string", re.compile(r"(?!)"))
# A catalog line that is only a read-more label ("Continua a leggere »": the catalog's "Read
# more", :func:`pipeline.localise.chrome.match_read_more`): chrome wherever it stands, as a
# trail is; its shape is proof enough (a sentence holding "leggi" is none).
READ_MORE_LINE = replace(CATALOG_LINE, name="read-more", what="read-more link", alone=True)
# An ad label ("Pubblicità", "Continua a leggere dopo la pubblicità"): chrome wherever it is.
AD_LINE = replace(CATALOG_LINE, name="ad-label", what="ad label", alone=True)
WIDGET = Kind("widget", "page widget", re.compile(r"(?!)"))  # a neighbour, never kept itself


def in_text(here: Kind | None, *neighbours: Kind | None) -> bool:
    """The one rule for chrome among article text, shared by every reader.

    A unit of text (a page line, an HTML element, a Markdown paragraph) that matched a
    ``here`` kind is chrome when that kind counts ``alone`` (a breadcrumb trail, a related
    link) or when a ``neighbours`` unit (the one before or after it) matched too: a lone
    "Stampa" heading or a sentence on cookies beside article text stays text, a cookie
    sentence over an "Accetta" button does not. A catalog line is a neighbour as
    :data:`CATALOG_LINE`.
    """
    return here is not None and (here.alone or any(n is not None for n in neighbours))
