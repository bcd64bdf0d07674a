"""Chrome in a Markdown file, kept as written and never sent to MT.

Chrome among the text by the rule every reader shares (a related-link box, a
breadcrumb trail, share lines); read-more links by the HTML readers' rule; the
paragraphs before the first rule and after the last that are all catalog strings
(what the Markdown writer puts there); a front-matter ``category`` the catalogs know.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from pipeline.document import ALT, CATEGORY, PARAGRAPH, RAW, TITLE, UI, Block
from pipeline.markup import MARKER, strip
from pipeline.readers import dom
from pipeline.readers.page import chrome_block

_LINK_GROUP = re.compile(r"<g(\d+)>.*?</g\1>", re.S)


def _unit(block: Block) -> Any:
    """A paragraph, heading or list item as a unit of the chrome rule; other blocks (code,
    rules, captions, the title) as containers that are never chrome."""
    from pipeline.localise.boilerplate import Unit

    if block.kind != PARAGRAPH or block.meta.get("tag") in ("th", "td"):
        return Unit("", block=True)
    table = block.meta.get("markup") or {}
    links = {m for m, e in table.items() if e.get("tag") == "a" and e["attrs"].get("href")}

    def outside(m: re.Match[str]) -> str:
        return " " if m.group(1) in links else m.group(0)

    text = MARKER.sub("", block.text)
    heading = bool(re.fullmatch(r"h[1-6]", str(block.meta.get("tag") or "")))
    outside_text = MARKER.sub("", _LINK_GROUP.sub(outside, block.text))
    link_texts = tuple(
        MARKER.sub("", m.group(0)) for m in _LINK_GROUP.finditer(block.text) if m.group(1) in links
    )
    return Unit(text, outside_text, bool(links), heading=heading, link_texts=link_texts)


def _text_chrome(blocks: list[Block], lines: dict[str, int]) -> None:
    """Chrome among the text (a related-link box, a breadcrumb, share and cookie lines) by
    the rule every reader shares (:func:`pipeline.localise.boilerplate.chrome_at`): such a
    block becomes ``raw``, kept as it is and never translated, and is named with its
    file line in the uncatalogued-chrome warning. A heading keeps its level as HTML."""
    from pipeline.localise.boilerplate import chrome_at
    from pipeline.markup import to_html

    units = [(b, _unit(b)) for b in blocks if b.kind != ALT]
    kinds = []
    for i in range(len(units)):

        def around(offset: int, i: int = i) -> Any:
            j = i + offset
            return units[j][1] if 0 <= j < len(units) else None

        kinds.append(chrome_at(around) if units[i][1].text else None)
    _list_trails(units, kinds)
    for (block, _), kind in zip(units, kinds, strict=True):
        if kind is None:
            continue
        visible = MARKER.sub("", block.text)
        tag = block.meta.get("tag")
        if tag and tag.startswith("h"):
            block.text = f"<{tag}>{to_html(block.text, block.meta.pop('markup', {}))}</{tag}>"
        block.segments = [dom.chrome_segment(block.id, visible)]
        block.kind = RAW
        block.meta["uncatalogued"] = kind.what
        if block.id in lines:
            block.meta["line"] = lines[block.id]
        for entry in (block.meta.get("markup") or {}).values():
            entry.pop("attr_blocks", None)  # an image's alt in a kept box is kept too
    kept = {b.id for b in blocks if b.kind == RAW and b.meta.get("uncatalogued")}
    blocks[:] = [
        b for b in blocks if b.kind != ALT or (b.meta.get("attr_of") or [""])[0] not in kept
    ]


def _list_trails(units: list[tuple[Block, Any]], kinds: list[Any]) -> None:
    """A bullet list of links that is a breadcrumb trail (``- [Home](/)``, ``- [Cronaca](/c)``,
    ``- Roma``: a scraped page's trail as HTML-to-Markdown converters write it) is chrome,
    each item (:func:`pipeline.localise.boilerplate.trail_list`); the HTML readers see the
    list as one unit, here each item is a block of its own."""
    from pipeline.localise.boilerplate import BREADCRUMB, trail_list

    def list_of(block: Block) -> Any:
        wrap = block.meta.get("wrap") or []
        flat = len(wrap) == 2 and wrap[0][0] in ("ul", "ol") and wrap[1][0] == "li"
        return tuple(wrap[0][:2]) if flat else None

    i = 0
    while i < len(units):
        key, j = list_of(units[i][0]), i + 1
        while key is not None and j < len(units) and list_of(units[j][0]) == key:
            j += 1
        run = units[i:j]
        if key is not None and run[0][1].links and trail_list([u.text for _, u in run]):
            kinds[i:j] = [BREADCRUMB] * len(run)
        i = j


# The element that ends a paragraph's marker text: ``… […] <g1>Leggi tutto</g1>``.
_LAST_ELEMENT = re.compile(r"</g(\d+)>\s*\Z")
_CLOSING = re.compile(r"</g(\d+)>")
_VOID = re.compile(r"<x\d+/>")  # an inline element with no text of its own (an image)
# A paragraph that is one link in brackets, as themes write a read-more link after an
# excerpt: ``([Leggi tutto](/x))``, ``[<a>Continua a leggere</a>]`` (dom.read_more).
_BRACKETED = re.compile(r"[(\[]\s*(<g\d+>.*</g\d+>)\s*[)\]]", re.S)
# The same after the paragraph's text, ending it: ``… ha deciso ([Leggi tutto](/x))``; the
# brackets set the link apart from the sentence, which stays text (dom._bracketed_read_more).
_ENDS_BRACKETED = re.compile(
    r"(?<=\S)\s*([(\[])\s*(<g(\d+)>(?:(?!<g\d+>).)*</g\3>)\s*([)\]])\s*\Z", re.S
)
# The elements the HTML walker reads as boxes of their own text (a ``<div>``, a ``<p>``):
# their content is a run of its own, and a read-more link that ends it is the run's.
_BOXES = dom.TEXT_TAGS | dom.CONTAINER_TAGS


def _trailing_read_more(text: str, table: dict[str, Any]) -> tuple[str, Any | None]:
    """A paragraph's marker ``text`` without the read-more link that ends it, and that
    link's catalog string: ``[Continua a leggere »](/frana)`` alone, or after an excerpt's
    end (``… […] [Leggi tutto](/x)``), which went to MT as article text. The HTML readers'
    rule, applied to the link as HTML (:func:`pipeline.readers.dom.trailing_read_more`):
    a link with a read-more label only, after nothing or after a finished sentence; a
    sentence with "leggi" or a link that ends a sentence's words stays text. A raw HTML
    box that ends the paragraph (``<div>Il sindaco ha detto. <a>Leggi di più</a></div>``,
    a ``<p>`` in a ``<div>``) is looked into, as the walker reads a box's content as a run
    of its own (was: the box taken for the link, and the link sent to MT). Returns
    ``(text, None)`` when there is none."""
    from pipeline.markup import strip, to_html

    if bracketed := _BRACKETED.fullmatch(text.strip()):  # ([Leggi tutto](/x)): all of it
        kept, more = _trailing_read_more(bracketed[1], table)
        return ("", more) if more is not None and not kept.strip() else (text, None)
    if ending := _ENDS_BRACKETED.search(text):  # … ha deciso ([Leggi tutto](/x))
        kept, more = _trailing_read_more(ending[2], table)
        if more is not None and not kept.strip() and ending[1] + ending[4] in ("()", "[]"):
            return text[: ending.start()].rstrip(), more
    end = _LAST_ELEMENT.search(text)
    start = text.rfind(f"<g{end.group(1)}>") if end is not None else -1
    if end is None or start < 0:
        return text, None
    if (table.get(end.group(1)) or {}).get("tag") in _BOXES:
        inside = start + len(f"<g{end.group(1)}>")
        kept, more = _trailing_read_more(text[inside : end.start()], table)
        return (text[:inside] + kept + text[end.start() :], more) if more else (text, None)
    element = dom.parse_html(f"<div>{to_html(text[start:].strip(), table)}</div>")
    box = element.find(".//body/div")
    if box is None or len(box) != 1 or (box.text or "").strip() or (box[0].tail or "").strip():
        return text, None
    before = strip(_run_before(text[:start], table), table)
    _, more = dom.trailing_read_more([before, box[0]] if before.strip() else [box[0]], None)
    return (text[:start].rstrip(), more) if more is not None else (text, None)


def _run_before(text: str, table: dict[str, Any]) -> str:
    """The marker ``text`` after the last box that closes in it (``<g2>A.</g2> B. ``:
    `` B. ``): the walker's run before a link starts after a block child, not with it."""
    cut = 0
    for m in _CLOSING.finditer(text):
        if (table.get(m.group(1)) or {}).get("tag") in _BOXES:
            cut = m.end()
    return text[cut:]


def _read_more_links(blocks: list[Block], lang: str) -> list[Block]:
    """Each paragraph or list item that is or ends with a read-more link (see
    :func:`_trailing_read_more`) followed by that link as the HTML readers' ``ui`` block
    (:meth:`pipeline.readers.dom.Walker.read_more_block`): localised in its place in
    ``.md`` and ``.txt``, left out of ``.html`` and ``.wp.json``, never MT. After the chrome
    among the text, as in the HTML readers: a cookie notice's "Scopri di più" stays the
    notice's. A footnote's link stays in its footnote. A paragraph that is only a
    read-more label with no link ("Continua a leggere »", the ``Read more`` line
    mtpipe's own ``.md`` writes) is chrome wherever it stands, as in page text (was: MT),
    but in a blockquote, where it is a quotation, as the HTML readers read one."""
    from pipeline.localise.chrome import match_read_more, match_standalone_line
    from pipeline.markdown_syntax import HTML_GROUP

    out: list[Block] = []
    for block in blocks:
        text, more = block.text, None
        if _may_end_with_read_more(block) and "markup" not in block.meta:
            quoted = any(w[0] == "blockquote" for w in block.meta.get("wrap") or [])
            alone = None if quoted else match_read_more(text) or match_standalone_line(text)
            text, more = "", alone  # a line alone: "Continua a leggere »", "Pubblicità"
        elif _may_end_with_read_more(block):
            text, more = _trailing_read_more(block.text, block.meta["markup"])
            if more is None and (strings := _catalog_links(block)) is not None:
                text, more = "", strings  # "[Leggi tutto](/x) · [3 commenti](#c)"
        if more is None:
            out.append(block)
            continue
        if MARKER.sub("", text).strip() or _VOID.search(text):  # words, or an image
            _keep_text(block, text)
            out.append(block)
        wrap = [list(w) for w in block.meta.get("wrap") or []]
        walker = dom.Walker(wrap=wrap, source_lang=lang)
        if isinstance(more, list) and "markup" not in block.meta:  # an ad label, post meta
            walker.label_block(more)
        elif isinstance(more, list):
            walker.catalog_links_block(strip(block.text, block.meta["markup"]), more)
        else:
            walker.read_more_block(more)
        chrome = walker.blocks[0]
        chrome.id = f"{block.id}-more"  # (ids given by place after the reader)
        if HTML_GROUP in block.meta:  # in its HTML block's place in .md, not after it
            chrome.meta[HTML_GROUP] = block.meta[HTML_GROUP]
        out.append(chrome)
    gone = {b.id for b in blocks} - {b.id for b in out}
    return [b for b in out if (b.meta.get("attr_of") or [""])[0] not in gone]


def _catalog_links(block: Block) -> list[Any] | None:
    """The catalog strings of a paragraph of a post's meta links only, by the HTML readers'
    rule (:func:`pipeline.readers.dom.catalog_links`)."""
    from pipeline.markup import to_html

    table = block.meta["markup"]
    if any((e or {}).get("tag") != "a" for e in table.values()):
        return None
    element = dom.parse_html(f"<p>{to_html(block.text, table)}</p>").find(".//body/p")
    return dom.catalog_links(element) if element is not None else None


def _may_end_with_read_more(block: Block) -> bool:
    """A paragraph, list item or HTML box of the text (no heading, cell or footnote); a
    piece of an HTML block cut around its boxes (``<div><p>…</p><p>… <a>Leggi di
    più</a></p></div>``) is one of the walker's runs too."""
    from pipeline.markdown_syntax import FOOTNOTE

    meta = block.meta
    if block.kind != PARAGRAPH or meta.get("tag") not in ("p", None) or FOOTNOTE in meta:
        return False
    if meta.get("part"):  # the front matter
        return False
    entries = (meta.get("markup") or {}).values()
    return not any(str(e.get("text", "")).startswith("[^") for e in entries)  # [^1]: a note


def _keep_text(block: Block, text: str) -> None:
    """``block`` with ``text`` only, the markers of what was cut off (the link) dropped."""
    block.text = text
    table = block.meta.get("markup") or {}
    kept = {k: v for k, v in table.items() if re.search(rf"<(?:g{k}>|x{k}/>)", text)}
    if kept:
        block.meta["markup"] = kept
    else:
        block.meta.pop("markup", None)


def _footer_chrome(blocks: list[Block], lang: str) -> list[Block]:
    """Paragraphs after the last rule that are all catalog strings become ``ui`` chrome."""
    from pipeline.localise.chrome import match_chrome_line

    rules = [i for i, b in enumerate(blocks) if b.meta.get("hr")]
    if not rules:
        return blocks
    last = rules[-1]
    tail = blocks[last + 1 :]
    matched = [
        match_chrome_line(b.text, position="footer") if b.kind == PARAGRAPH else None for b in tail
    ]
    cats = [b for b in blocks[:last] if b.kind == CATEGORY][:1]
    valued = _category_values(tail, matched, cats)
    if not tail or any(m is None for m in matched):
        return blocks
    ui = [
        valued.get(i) or chrome_block(b.id, UI, b.text, m or [], lang)
        for i, (b, m) in enumerate(zip(tail, matched, strict=True))
    ]
    moved = cats if valued else []  # in its place, under its label
    return [b for b in blocks[:last] if not any(b is c for c in moved)] + ui


def _header_chrome(blocks: list[Block], lang: str) -> list[Block]:
    """Paragraphs before the first rule that are all catalog strings (a breadcrumb, a
    dateline: the chrome the Markdown writer puts above the body) become ``ui`` chrome,
    first in the article (before a front-matter title), the rule dropped; as
    :func:`_footer_chrome` does for those after the last rule."""
    from pipeline.localise.chrome import match_chrome_line

    rules = [i for i, b in enumerate(blocks) if b.meta.get("hr")]
    if not rules:
        return blocks
    first = rules[0]
    n = 0  # the category and title the front matter gave come first
    while n < first and blocks[n].kind in (TITLE, CATEGORY):
        n += 1
    heads, lead = blocks[:n], blocks[n:first]
    if not lead or any(b.kind != PARAGRAPH or b.meta.get("wrap") for b in lead):
        return blocks
    matched = [match_chrome_line(b.text, position="header") for b in lead]
    cats = [b for b in heads if b.kind == CATEGORY]
    valued = _category_values(lead, matched, cats)
    if any(m is None for m in matched) or not any(b.kind != RAW for b in blocks[first + 1 :]):
        return blocks
    ui = [
        valued.get(i) or chrome_block(b.id, UI, b.text, m or [], lang)
        for i, (b, m) in enumerate(zip(lead, matched, strict=True))
    ]
    cats = [] if valued else cats  # else in its place, under its label
    return cats + ui + [b for b in heads if b.kind != CATEGORY] + blocks[first + 1 :]


def _inner_category(blocks: list[Block], lang: str) -> list[Block]:
    """A catalog label among the text with the front matter's category under it (the
    Markdown writer's ``Categories`` then ``News`` in their place: the page text rule,
    readers.page): the label ``ui`` chrome, the category in its place under it, neither
    MT; as :func:`_footer_chrome` reads them after the closing rule. Without a front-matter
    category the two paragraphs stay text. A later such label (the file writes its
    categories twice) is read so too, its categories a copy (was: the first only, the
    later label and names sent to MT)."""
    from pipeline.localise.chrome import match_chrome_line

    cats = [b for b in blocks if b.kind == CATEGORY][:1]
    if not cats:
        return blocks
    first, i = True, 1
    while i < len(blocks) - 1:
        label, value = blocks[i], blocks[i + 1]
        plain = all(b.kind == PARAGRAPH and not b.meta.get("wrap") for b in (label, value))
        usable = plain and value.text.strip() == cats[0].text and "markup" not in label.meta
        matched = match_chrome_line(label.text) if usable else None
        again = None if first or not matched else _category_block(value.text)
        if not matched or (not first and again is None):
            i += 1
            continue
        ui = chrome_block(label.id, UI, label.text, matched, lang)
        more = _more_categories(blocks[i + 2 :])
        under = cats[0] if first else replace(again, id=value.id)  # type: ignore[arg-type]
        rest = [b for b in blocks if b is not cats[0]] if first else blocks
        at = next(j for j, b in enumerate(rest) if b is label)
        blocks = [*rest[:at], ui, under, *more, *rest[at + 2 + len(more) :]]
        first, i = False, at + 2 + len(more)
    return blocks


def _more_categories(after: list[Block]) -> list[Block]:
    """Category blocks of the plain paragraphs at the start of ``after`` that name a
    category the catalogs know, one a paragraph: the label's other categories, under its
    first (was: only that first, the others text for MT)."""
    more = []
    for block in after:
        plain = (
            block.kind == PARAGRAPH and not block.meta.get("wrap") and "markup" not in block.meta
        )
        cat = _category_block(block.text) if plain else None
        if cat is None:
            break
        more.append(replace(cat, id=block.id))
    return more


def _category_values(lead: list[Block], matched: list[Any], cats: list[Block]) -> dict[int, Block]:
    """The indexes in ``lead`` of the front matter's category written under its label (the
    Markdown writer's ``Categories`` then ``News``) and of the categories under it, one a
    paragraph (``Politics``), with their category blocks, their ``matched`` entries filled;
    empty when there is none. A later label over the category again (a file that wrote
    its categories twice) takes copies."""
    if not cats:
        return {}
    found: dict[int, Block] = {}
    for i in range(1, len(lead)):
        if i in found or matched[i] is not None or not matched[i - 1]:
            continue
        if lead[i].text.strip() != cats[0].text:
            continue
        again = _category_block(lead[i].text) if found else None
        found[i] = cats[0] if not found else replace(again or cats[0], id=lead[i].id)
        for j, cat in enumerate(_more_categories(lead[i + 1 :]), i + 1):
            if matched[j] is not None:
                break
            found[j] = cat
    for j in found:
        matched[j] = []
    return found


def _category_block(name: Any) -> Block | None:
    from pipeline.localise.chrome import match_category
    from pipeline.readers.html import category_block

    if not isinstance(name, str):
        return None
    cat = match_category(name)
    return category_block(name, cat) if cat is not None else None


# What separates categories written on one line (``Cronaca, Politica · Esteri``).
_CATEGORY_SEPARATORS = re.compile(r"\s*[,·|]\s*")


def category_lines(children: list[Any], blocks: list[Block]) -> list[list[Any]] | None:
    """A paragraph's inline tokens as one line a paragraph when it is a ``Categories``
    label over the front matter's category and more: one a line (``Categorie:`` /
    ``Cronaca`` / ``Politica``, joined by single newlines), or separated by ``,``, ``·`` or
    ``|`` on the label's line or under it (``Categorie: Cronaca, Politica, Esteri``): the
    label, then each category, which :func:`_inner_category` reads as the label and its
    categories, localised from the catalogs (was: one paragraph of text sent to MT).
    None for any other paragraph, and when a name is no category the catalogs know (the
    paragraph stays text, as one a line does)."""
    from markdown_it.token import Token

    from pipeline.localise.chrome import match_chrome_line

    cats = [b for b in blocks if b.kind == CATEGORY][:1]
    if not cats or any(c.type not in ("text", "softbreak") for c in children):
        return None
    lines = "".join("\n" if c.type == "softbreak" else c.content for c in children).split("\n")
    first = re.fullmatch(r"([^:\n]+:)\s*(\S.*)", lines[0].strip())  # "Categorie: Cronaca, …"
    label, rest = (first[1], [first[2], *lines[1:]]) if first else (lines[0].strip(), lines[1:])
    names = [n for line in rest for n in _CATEGORY_SEPARATORS.split(line.strip())]
    found = match_chrome_line(label) if names and names[0] == cats[0].text else None
    if not found or [s.msgid for s in found] != ["Categories"] or len(names) < 2 - bool(first):
        return None
    if not all(_category_block(n) is not None for n in names[1:]):
        return None
    return [[Token("text", "", 0, content=t)] for t in (label, *names)]
