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
from dataclasses import dataclass, replace
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


# A breadcrumb trail: "Home » Politica » Governo", "Home > Esteri" (site navigation).
_BREADCRUMB = re.compile(r"^[^»›>|]{1,60}(?:\s[»›>|]+\s[^»›>|]{1,60})+$")


@dataclass(frozen=True)
class Catalog:
    """A chrome line the catalogs know: its catalog strings, localised later."""

    strings: list[ChromeString]


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


def _match(line: str, position: str) -> Catalog | Uncatalogued | None:
    """What a chrome line matched: catalog strings, else its uncatalogued kind, else None."""
    from pipeline.localise.boilerplate import match_uncatalogued
    from pipeline.localise.chrome import match_chrome_line

    if (strings := match_chrome_line(line, position=position)) is not None:
        return Catalog(strings)
    kind = match_uncatalogued(line)
    return Uncatalogued(kind) if kind is not None else None


def _trail(line: str) -> Catalog | Uncatalogued | None:
    """A breadcrumb trail ("Home » Cronaca"): catalog strings when the catalogs know every
    part ("Home" in messages, "Cronaca" in categories), each followed by its separator, so
    the line renders "Home » News" in English; else the whole line, uncatalogued."""
    from pipeline.localise.boilerplate import BREADCRUMB, match_breadcrumb
    from pipeline.localise.chrome import match_category, match_chrome_line

    if (parts := match_breadcrumb(line)) is None:
        return None
    strings: list[ChromeString] = []
    for part, sep in parts:
        found = match_chrome_line(part, position="header")
        if found is None and (category := match_category(part)) is not None:
            found = [category]
        if found is None:
            return Uncatalogued(BREADCRUMB)
        strings += [*found[:-1], replace(found[-1], space_after=found[-1].space_after + sep)]
    return Catalog(strings)


def _looks_like_title(line: str) -> bool:
    short = len(line) <= _TITLE_MAX
    return short and not _SENTENCE_END.search(line) and not _BREADCRUMB.match(line)


def _kicker(lines: list[str], at: int, end: int) -> bool:
    """A category name alone on the first line, over the title (a kicker: "Politica").

    It was taken for the title, so the real title became a paragraph and the category
    went to MT; a title line must follow it, and text after that.
    """
    return at == 0 and at + 2 < end and _looks_like_title(lines[at + 1])


def _footer_line(lines: list[str], at: int) -> Catalog | Uncatalogued | None:
    """What ``lines[at]`` is as footer chrome; every line after it is footer chrome.

    A catalog line counts alone. A line no catalog knows counts next to another chrome
    line (the one after it, or a matched one before it), and never as the first line,
    the title's place: a closing "Telegram" or a cookie sentence stays text.
    """
    found = _match(lines[at], "footer")
    if not isinstance(found, Uncatalogued):
        return found
    if at == 0:
        return None
    before = _match(lines[at - 1], "footer") if at > 1 else None
    return found if at + 1 < len(lines) or before is not None else None


def _header_line(lines: list[str], at: int, end: int) -> Uncatalogued | None:
    """``lines[at]`` as header chrome no catalog knows; every line before it is chrome.

    It counts next to another chrome line (one before it, or a matched one after it),
    unless it is the line that would be the title: one that looks like a title over
    article text that does not (a title ``Telegram`` after the category stays the title).
    First on the page it counts over a title line when it has more than one word: a
    "Condividi su Facebook" there took the title's place and went to MT.
    """
    found = _match(lines[at], "header")
    if not isinstance(found, Uncatalogued):
        return None
    after = _match(lines[at + 1], "header") if at + 1 < end else None
    if after is not None:
        return found
    title_after = at + 1 < end and _looks_like_title(lines[at + 1])
    if at == 0:  # over a title, a label of words ("Condividi su Facebook"), not a lone name
        return found if title_after and len(lines[at].split()) > 1 else None
    return found if title_after or not _looks_like_title(lines[at]) else None


def _chrome_kinds(lines: list[str], meta: dict[str, Any]) -> tuple[Kinds, int, int]:
    """Chrome lines at both ends: ``(kinds, start, end)``, the article is ``lines[start:end]``.

    Footer: chrome lines at the end, scanned backwards (:func:`_footer_line`). Header:
    a breadcrumb trail (:func:`_trail`) and catalog lines at the start; a category name
    may follow a ``Categories`` label, or stand first over the title (:func:`_kicker`); a
    chrome line no catalog knows counts next to another chrome line (:func:`_header_line`).
    """
    from pipeline.localise.chrome import match_category, match_chrome_line

    kinds: Kinds = [("", None)] * len(lines)
    end = len(lines)
    while end > 0 and (found := _footer_line(lines, end - 1)) is not None:
        end -= 1
        kinds[end] = (UI, found)
    start = 0
    while start < end:
        if (trail := _trail(lines[start])) is not None:  # site navigation, never the title
            kinds[start] = (UI, trail)
            start += 1
            continue
        strings = match_chrome_line(lines[start], position="header")
        category = None if strings is not None else match_category(lines[start])
        if strings is not None:
            kinds[start] = (UI, Catalog(strings))
        elif category is not None and (
            start > 0 and kinds[start - 1][0] == UI or _kicker(lines, start, end)
        ):
            kinds[start] = (CATEGORY, Catalog([category]))
            meta["category"] = category.msgid
        elif (other := _header_line(lines, start, end)) is not None:
            kinds[start] = (UI, other)
        else:
            break
        start += 1
    return kinds, start, end


def _inner_chrome(lines: list[str], kinds: Kinds, start: int, end: int, meta: dict) -> None:
    """Chrome between the article's first and last line: runs of two or more chrome lines.

    A scraped page may put a breadcrumb before its header chrome, or share and
    cookie lines after its comment form, so those runs do not touch either end.
    A run of catalog strings (the comment form) or a ``Categories`` label and a
    category name is chrome wherever it is; one catalog line alone in the text
    ("Commento" as a subheading) stays text. Chrome lines no catalog knows (share,
    cookie lines) join such runs, and two of them make one.
    """
    from pipeline.localise.chrome import match_category

    def where(i: int) -> str:
        return "header" if i < (start + end) / 2 else "footer"

    found = [_match(lines[i], where(i)) for i in range(start, end)]
    for i in range(start, end):
        here, nxt = found[i - start], found[i + 1 - start] if i + 1 < end else None
        prev = found[i - 1 - start] if i > start else None
        if here is not None and (nxt is not None or prev is not None):
            kinds[i] = (UI, here)
        elif isinstance(here, Catalog) and i + 1 < end and (cat := match_category(lines[i + 1])):
            kinds[i], kinds[i + 1] = (UI, here), (CATEGORY, Catalog([cat]))
            meta.setdefault("category", cat.msgid)


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
    kinds, start, end = _chrome_kinds(lines, meta)
    _inner_chrome(lines, kinds, start, end, meta)
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
        if not title_done and _looks_like_title(line):
            kind = TITLE
            meta.setdefault("title", line)
        else:
            kind = CAPTION if is_caption(line) else PARAGRAPH
        title_done = title_done or not _BREADCRUMB.match(line)  # the title follows a trail
        blocks.append(Block(id=f"b{n}", kind=kind, text=line))
    return Article(id=article_id, source_lang=source_lang, blocks=blocks, meta=meta)


def sniff_page(text: str) -> bool:
    """Plain lines of text: no markup or JSON at the start."""
    head = text.lstrip()[:1]
    return head not in ("<", "{", "[")
