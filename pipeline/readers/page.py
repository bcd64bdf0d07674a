"""Scraped page text, like ``examples/kim-belousov.it.txt``: one paragraph per line.

Page chrome (category headers, comment-form boilerplate) is told apart from
article text by looking every line up in the gettext catalogs of all supported
languages, so it is localised from catalogs later and never sent to MT. A line no
catalog knows that is a share button, a newsletter call or a cookie banner
(:mod:`pipeline.localise.boilerplate`) is chrome too when another chrome line stands next
to it, and never in the title's place; it is kept as it is in every language (block meta
``uncatalogued``: what it is; ``line``: its line in the file). Alone next to article text
such a line ("Telegram", "Stampa", a sentence on cookies) may be the article's own: it
stays text, as a lone catalog word inside the text does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pipeline.document import (
    CAPTION,
    CATEGORY,
    PARAGRAPH,
    TITLE,
    UI,
    Article,
    Block,
    Finding,
    Segment,
    make_segment_id,
)
from pipeline.errors import InputError

if TYPE_CHECKING:
    from pipeline.localise.boilerplate import Kind
    from pipeline.localise.chrome import ChromeString

# A photo credit closing a paragraph marks it as a caption ("… Foto: AFP.",
# "Photo : Reuters", "(Foto Ansa)").
_CREDIT = re.compile(
    r"(?:^|[\s(])(?:Foto|Photo|Ph\.?|Crediti|Credit|Fonte foto)\s*[:\u00a0]?\s*\S[^.]{0,40}\.?\)?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;»”\"')]$")
_TITLE_MAX = 200


def is_caption(line: str) -> bool:
    """True when ``line`` ends in a photo credit."""
    return bool(_CREDIT.search(line))


def chrome_block(
    block_id: str, kind: str, line: str, strings: list[ChromeString], lang: str
) -> Block:
    """A block of catalog strings; a string that several msgids share is reported, not guessed."""
    segments = []
    for i, s in enumerate(strings, 1):
        seg = Segment(
            id=make_segment_id(block_id, i),
            source=s.text,
            space_after=s.space_after,
            msgid=s.msgid,
            msgctxt=s.msgctxt,
            domain=s.domain,
            lang=s.lang,
        )
        if s.ambiguous:
            seg.findings.append(
                Finding(
                    check="chrome_ambiguous",
                    severity="warning",
                    message=(
                        f"{s.text!r} is the {s.lang} catalog text of several msgids "
                        f"({', '.join(repr(m) for m in s.ambiguous)}); its position on the page "
                        f"did not decide, so {s.msgid!r} was used: check the output"
                    ),
                    lang=lang,
                )
            )
        segments.append(seg)
    return Block(id=block_id, kind=kind, text=line, segments=segments)


@dataclass(frozen=True)
class Catalog:
    """A chrome line the catalogs know: its catalog strings, localised later (``trail``: a
    breadcrumb trail whose parts they all know)."""

    strings: list[ChromeString]
    trail: bool = False


@dataclass(frozen=True)
class Uncatalogued:
    """A chrome line no catalog knows: what it is, kept verbatim and never translated."""

    kind: Kind


# Per line: its block kind and what it matched (None: article text).
Kinds = list[tuple[str, Catalog | Uncatalogued | None]]


def uncatalogued_block(block_id: str, line: str, kind: Kind, lineno: int) -> Block:
    """A chrome line no catalog knows: one segment without msgid, never translated."""
    return Block(
        id=block_id,
        kind=UI,
        text=line,
        segments=[Segment(id=make_segment_id(block_id, 1), source=line)],
        meta={"uncatalogued": kind.what, "line": lineno},
    )


Found = Catalog | Uncatalogued | None


@dataclass
class _Lines:
    """The page's lines, each looked up in the catalogs and the chrome patterns once.

    The end scans, the header scan and the inner runs all ask about the same lines (a
    line and its neighbours); each answer is kept, keyed by line (and page position for
    the catalogs, whose ambiguous strings it resolves), so no line is matched twice.
    """

    lines: list[str]
    memo: dict[tuple[str, int, str], Any] = field(default_factory=dict)

    def _get(self, what: str, at: int, position: str, compute: Any) -> Any:
        key = (what, at, position)
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def match(self, at: int, position: str) -> Found:
        """Catalog strings of the line, else its uncatalogued kind, else None."""
        from pipeline.localise.boilerplate import match_uncatalogued
        from pipeline.localise.chrome import match_chrome_line

        line = self.lines[at]
        strings = self._get(
            "catalog",
            at,
            position,
            lambda: match_chrome_line(line, position=position, form_label=True),
        )
        if strings is not None:
            return Catalog(strings)
        kind = self._get("pattern", at, "", lambda: match_uncatalogued(line))
        return Uncatalogued(kind) if kind is not None else None

    def category(self, at: int) -> ChromeString | None:
        from pipeline.localise.chrome import match_category

        return self._get("category", at, "", lambda: match_category(self.lines[at]))

    def trail(self, at: int, title: bool = False) -> Found:
        """The line's trail; ``title``: it stands in the title's place, where a section-first
        trail counts only when the catalogs know every part ("Italia | Roma" is a title)."""
        key = "title" if title else ""
        return self._get("trail", at, key, lambda: _trail(self.lines[at], heading=title))

    def related(self, at: int) -> bool:
        from pipeline.localise.boilerplate import match_related_line

        return self._get("related", at, "", lambda: match_related_line(self.lines[at]))

    def label(self, at: int) -> bool:
        from pipeline.localise.boilerplate import is_related_label

        return self._get("label", at, "", lambda: is_related_label(self.lines[at]))


def _trail(line: str, heading: bool = False) -> Found:
    """A breadcrumb trail ("Home » Cronaca"): catalog strings when the catalogs know every
    part ("Home" in messages, "Cronaca" in categories), each followed by its separator, so
    the line renders "Home » News" in English; else the whole line, uncatalogued."""
    from pipeline.localise.boilerplate import BREADCRUMB, match_breadcrumb
    from pipeline.localise.chrome import match_category, match_chrome_line

    if (parts := match_breadcrumb(line, heading)) is None:
        return None
    strings: list[ChromeString] = []
    for part, sep in parts:
        found = match_chrome_line(part, position="header")
        if found is None and (category := match_category(part)) is not None:
            found = [category]
        if found is None:
            return Uncatalogued(BREADCRUMB)
        strings += [*found[:-1], replace(found[-1], space_after=found[-1].space_after + sep)]
    return Catalog(strings, trail=True)


@lru_cache(maxsize=4096)
def _is_trail(line: str, heading: bool = False) -> bool:
    from pipeline.localise.boilerplate import match_breadcrumb

    return match_breadcrumb(line, heading) is not None


def _looks_like_title(line: str, place: bool = False) -> bool:
    """Short, no final punctuation, no breadcrumb trail: a headline with a spaced "/" or
    "|" ("Italia | Il ruolo di Roma") is a title. ``place``: the line stands in the title's
    place, where a section-first trail needs every part known (``"Italia | Roma"`` there
    is a title)."""
    short = len(line) <= _TITLE_MAX
    return short and not _SENTENCE_END.search(line) and not _is_trail(line, place)


def _kicker(page: _Lines, at: int, end: int) -> bool:
    """A category name alone on the first line, over the title (a kicker: "Politica").

    It was taken for the title, so the real title became a paragraph and the category
    went to MT; a title line must follow it (a breadcrumb trail may stand between), and
    text after that.
    """
    nxt = at + 1
    while nxt < end and page.trail(nxt) is not None:
        nxt += 1
    return at == 0 and nxt + 1 < end and _looks_like_title(page.lines[nxt])


def _footer_line(page: _Lines, at: int) -> Found:
    """What ``lines[at]`` is as footer chrome; every line after it is footer chrome.

    A catalog line counts alone. A line no catalog knows counts next to another chrome
    line (the one after it, or a matched one before it), and never as the first line,
    the title's place: a closing "Telegram" or a cookie sentence stays text.
    """
    found = page.match(at, "footer")
    if not isinstance(found, Uncatalogued):
        return found
    if at == 0:
        return None
    before = page.match(at - 1, "footer") if at > 1 else None
    return found if at + 1 < len(page.lines) or before is not None else None


def _header_line(page: _Lines, at: int, end: int) -> Uncatalogued | None:
    """``lines[at]`` as header chrome no catalog knows; every line before it is chrome.

    It counts next to another chrome line (one before it, or a matched one after it),
    unless it is the line that would be the title: one that looks like a title over
    article text that does not (a title ``Telegram`` after the category stays the title).
    First on the page it counts over a title line when it has more than one word: a
    "Condividi su Facebook" there took the title's place and went to MT.
    """
    found = page.match(at, "header")
    if not isinstance(found, Uncatalogued):
        return None
    after = page.match(at + 1, "header") if at + 1 < end else None
    if after is not None:
        return found
    lines = page.lines
    title_after = at + 1 < end and _looks_like_title(lines[at + 1])
    if at == 0:  # over a title, a label of words ("Condividi su Facebook"), not a lone name
        return found if title_after and len(lines[at].split()) > 1 else None
    return found if title_after or not _looks_like_title(lines[at]) else None


def _last_trail_part(page: _Lines, at: int, end: int) -> bool:
    """``lines[at]`` ends a trail split one part per line ("Home", "Cronaca", "Roma"), over
    the headline: the header lines above hold a home label, it is a short name, and a
    longer title line and text follow (:func:`~pipeline.localise.boilerplate.trail_part_line`).
    It took the title's place, and the headline became a paragraph."""
    from pipeline.localise.boilerplate import trail_part_line

    nxt = at + 1
    return (
        at > 0
        and nxt + 1 < end
        and _looks_like_title(page.lines[nxt])
        and len(page.lines[nxt].split()) > len(page.lines[at].split())
        and trail_part_line(page.lines[at], page.lines[:at])
    )


def _chrome_kinds(page: _Lines, meta: dict[str, Any]) -> tuple[Kinds, int, int]:
    """Chrome lines at both ends: ``(kinds, start, end)``, the article is ``lines[start:end]``.

    Footer: chrome lines at the end, scanned backwards (:func:`_footer_line`). Header:
    a breadcrumb trail (:func:`_trail`) and catalog lines at the start; a category name
    may follow a ``Categories`` label, or stand first over the title (:func:`_kicker`); a
    chrome line no catalog knows counts next to another chrome line (:func:`_header_line`).
    """
    from pipeline.localise.boilerplate import BREADCRUMB

    kinds: Kinds = [("", None)] * len(page.lines)
    end = len(page.lines)
    while end > 0 and (found := _footer_line(page, end - 1)) is not None:
        end -= 1
        kinds[end] = (UI, found)
    start = 0
    while start < end:
        in_title_place = not (start + 1 < end and _looks_like_title(page.lines[start + 1]))
        if (trail := page.trail(start, in_title_place)) is not None:  # navigation, no title
            kinds[start] = (UI, trail)
            start += 1
            continue
        found = page.match(start, "header")
        category = None if isinstance(found, Catalog) else page.category(start)
        if isinstance(found, Catalog):
            kinds[start] = (UI, found)
        elif category is not None and _under_label(kinds, start):  # one more under a label
            kinds[start] = (CATEGORY, Catalog([category]))
        elif category is not None and (
            start > 0 and kinds[start - 1][0] == UI or _kicker(page, start, end)
        ):
            kinds[start] = (CATEGORY, Catalog([category]))
            meta["category"] = category.msgid
        elif (other := _header_line(page, start, end)) is not None:
            kinds[start] = (UI, other)
        elif _last_trail_part(page, start, end):
            kinds[start] = (UI, Uncatalogued(BREADCRUMB))
        else:
            break
        start += 1
    _post_meta(page, kinds, start, end)
    return kinds, start, end


def _post_meta(page: _Lines, kinds: Kinds, start: int, end: int) -> None:
    """Catalog lines right under the headline (the theme's post meta: ``Pubblicato il 12
    marzo 2024``) are header chrome, as they are over it, while article text follows; they
    went to MT. The headline itself stays where :func:`parse_page` finds it."""
    if start >= end or not _looks_like_title(page.lines[start], place=True):
        return
    at = start + 1
    while at < end - 1 and isinstance(found := page.match(at, "header"), Catalog):
        kinds[at] = (UI, found)
        at += 1


def _inner_found(page: _Lines, start: int, end: int) -> list[Found]:
    """What each line of ``lines[start:end]`` matched, the kinds that count alone first.

    A breadcrumb trail, a related-article line ("Leggi anche: Titolo"), and a related
    label alone on its line ("LEGGI ANCHE") over title lines (the links' titles, each
    related too) count alone; a catalog or chrome-pattern line is found for
    :func:`~pipeline.localise.boilerplate.in_text` to weigh.
    """
    from pipeline.localise.boilerplate import RELATED_KIND

    def where(i: int) -> str:
        return "header" if i < (start + end) / 2 else "footer"

    related = Uncatalogued(RELATED_KIND)
    found: list[Found] = []
    listing = False  # in the title lines under a label alone on its line
    for i in range(start, end):
        listing = (page.label(i) and _over_titles(page, i, end)) or (
            listing and _related_title(page, i)
        )
        if (trail := page.trail(i, title=i == start)) is not None:  # start: the title's place
            found.append(trail)
        elif (page.related(i) and not _headline(page, i, start, end)) or listing:
            found.append(related)
        else:
            found.append(page.match(i, where(i)))
    return found


def _over_titles(page: _Lines, at: int, end: int) -> bool:
    """A related label alone on line ``at`` heads a box of titles (the rule of
    :func:`~pipeline.localise.boilerplate.over_titles`, every reader's)."""
    from pipeline.localise.boilerplate import Unit, over_titles

    def around(offset: int) -> Unit | None:
        i = at + offset
        return Unit(page.lines[i]) if i < end else None

    return over_titles(around, 0)


def _headline(page: _Lines, at: int, start: int, end: int) -> bool:
    """A "Label: Title" line in the title's place over article text is the headline ("Per
    saperne di più: il nuovo piano casa" first, a paragraph under it): the page has no
    other title. Over a title line it is a related link above the headline."""
    return at == start and not (at + 1 < end and _looks_like_title(page.lines[at + 1]))


def _related_title(page: _Lines, at: int) -> bool:
    """A line that may be a related article's title (:func:`related_title`)."""
    from pipeline.localise.boilerplate import related_title

    return related_title(page.lines[at])


def _alone(found: Found) -> Kind | None:
    """``found`` as :func:`~pipeline.localise.boilerplate.in_text` weighs it."""
    from pipeline.localise.boilerplate import AD_LINE, BREADCRUMB, CATALOG_LINE, READ_MORE_LINE
    from pipeline.localise.chrome import READ_MORE, is_ad_label

    if isinstance(found, Uncatalogued):
        return found.kind
    if isinstance(found, Catalog) and [s.msgid for s in found.strings] == [READ_MORE]:
        return READ_MORE_LINE  # "Continua a leggere »" between paragraphs
    if isinstance(found, Catalog) and is_ad_label(found.strings):
        return AD_LINE  # "Pubblicità" between paragraphs
    if isinstance(found, Catalog):  # a trail the catalogs know counts alone as any trail
        return BREADCRUMB if found.trail else CATALOG_LINE
    return None


def _inner_chrome(page: _Lines, kinds: Kinds, start: int, end: int, meta: dict) -> None:
    """Chrome between the article's first and last line (the rule of
    :func:`~pipeline.localise.boilerplate.in_text`).

    A scraped page may put a breadcrumb under the title or after a kicker, related links
    between paragraphs, share and cookie lines after its comment form. A run of catalog
    strings (the comment form) or a ``Categories`` label and a category name is chrome
    wherever it is (:func:`_category_label`); one catalog line alone in the text
    ("Commento" as a subheading, over a name too) stays text. Chrome lines no catalog
    knows (share, cookie lines) join such runs, and two of them make one; a trail or a
    related link counts alone.
    """
    from pipeline.localise.boilerplate import in_text

    matched = _inner_found(page, start, end)
    found = [_alone(f) for f in matched]
    for i in range(start, end):
        here = found[i - start]
        prev = found[i - 1 - start] if i > start else None
        nxt = found[i + 1 - start] if i + 1 < end else None
        if in_text(here, prev, nxt):
            kinds[i] = (UI, matched[i - start])
        elif _category_label(matched[i - start]) and i + 1 < end and (cat := page.category(i + 1)):
            kinds[i], kinds[i + 1] = (UI, matched[i - start]), (CATEGORY, Catalog([cat]))
            meta.setdefault("category", cat.msgid)
        elif kinds[i][0] != CATEGORY and _under_label(kinds, i) and (cat := page.category(i)):
            kinds[i] = (CATEGORY, Catalog([cat]))  # one category a line under the label


def _under_label(kinds: Kinds, at: int) -> bool:
    """Whether line ``at`` follows a ``Categories`` label and the categories under it, one
    a line (``Categorie`` / ``Cronaca`` / ``Politica``): each is a category, localised,
    never MT (was: only the first; the next went to MT, or was taken for the title)."""
    j = at - 1
    while j >= 0 and kinds[j][0] == CATEGORY:
        j -= 1
    found = kinds[j][1] if 0 <= j < at - 1 and kinds[j][0] == UI else None
    return _category_label(found) if isinstance(found, Catalog) else False


def _category_label(found: Found) -> bool:
    """Whether a line is a ``Categories`` label alone (``Categorie``, ``Catégories``), the
    one catalog line a category name stands under among the text: another ("Commento" as
    a subheading over "Sport") stays text, and the name after it too (was: chrome, the
    name taken for the article's category and shown as one in ``ID.LANG.md``)."""
    strings = found.strings if isinstance(found, Catalog) else []
    return len(strings) == 1 and strings[0].msgid == "Categories"


def parse_page(text: str, article_id: str, source_lang: str = "it", where: str = "") -> Article:
    """Parse scraped page text: one paragraph per non-empty line.

    The first lines that match catalog strings form the header chrome (a
    ``Categories`` label is followed by the category name, looked up in the
    categories catalog); the last such lines form the footer chrome (comment
    form). The first non-chrome line without final punctuation is the title;
    a paragraph ending in a photo credit is a caption.
    """
    numbered = [
        (n, unicodedata.normalize("NFC", ln.strip())) for n, ln in enumerate(text.splitlines(), 1)
    ]
    numbered = [(n, ln) for n, ln in numbered if ln]
    lines = [ln for _, ln in numbered]
    if not lines:
        raise InputError(f"{where or article_id}: no text lines found")
    meta: dict[str, Any] = {}
    page = _Lines(lines)
    kinds, start, end = _chrome_kinds(page, meta)
    _inner_chrome(page, kinds, start, end, meta)
    if start >= end:
        raise InputError(f"{where or article_id}: the page holds only site chrome, no article text")
    blocks: list[Block] = []
    title_done = False
    for n, line in enumerate(lines, 1):
        kind, found = kinds[n - 1]
        if isinstance(found, Catalog):
            blocks.append(chrome_block(f"b{n}", kind, line, found.strings, source_lang))
            continue
        if isinstance(found, Uncatalogued):
            blocks.append(uncatalogued_block(f"b{n}", line, found.kind, numbered[n - 1][0]))
            continue
        if not title_done and _looks_like_title(line, place=True):
            kind = TITLE
            meta.setdefault("title", line)
        else:
            kind = CAPTION if is_caption(line) else PARAGRAPH
        title_done = title_done or not _is_trail(line, heading=True)  # title after a trail
        blocks.append(Block(id=f"b{n}", kind=kind, text=line))
    return Article(id=article_id, source_lang=source_lang, blocks=blocks, meta=meta)


def sniff_page(text: str) -> bool:
    """Plain lines of text: no markup or JSON at the start."""
    head = text.lstrip()[:1]
    return head not in ("<", "{", "[")
