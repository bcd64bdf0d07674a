"""Markdown's raw HTML blocks: which are text for MT and where they are cut.

An HTML block is cut around its unpaired tags, its table tags and, where
several hold words, its block elements; what is kept as written (a comment, a
``<pre>``, an embed) is a piece of its own, and the text between is read as
markers (:func:`_html_text`). The :class:`~pipeline.readers.markdown.builder._Builder`
decides, block by block, with these.
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.markup import HTML_TAG, MARKER
from pipeline.readers import dom

_RECORDED = re.compile(rf"<(?:{'|'.join(dom.RECORDED_SKIPS)})(?=[\s/>])", re.I)


_RAW_TEXT = re.compile(r"<(?:script|style|pre|textarea|!--|!\[CDATA\[)", re.I)


_TABLE_TAG = re.compile(
    r"</?(?:table|thead|tbody|tfoot|tr|td|th|caption|colgroup|col)(?:\s[^<>]*)?/?>", re.I
)
# The block elements an HTML block of text is cut around too, as the table's tags (each
# kept as written, the text between them translated on its own): a box's heading,
# paragraphs and list items, which the HTML page reader makes blocks of their own. Read as
# one text, the box went to MT as one sentence, its items run together ("Voce aVoce b")
# in ID.LANG.txt.
_BLOCK_NAMES = (
    "p|div|section|article|aside|header|footer|main|ul|ol|li|dl|dt|dd|h[1-6]"
    "|blockquote|figure|figcaption|details|summary|address|center"
)
_CUT_TAG = re.compile(
    rf"</?(?:table|thead|tbody|tfoot|tr|td|th|caption|colgroup|col|{_BLOCK_NAMES})"
    r"(?:\s[^<>]*)?/?>",
    re.I,
)
_BLOCK_OPEN = re.compile(rf"<({_BLOCK_NAMES})(?=[\s/>])", re.I)
_BLOCK_CLOSE = re.compile(rf"</({_BLOCK_NAMES})\s*>", re.I)


def _marked_around_cuts(content: str, source_lang: str | None) -> bool:
    """Whether an element the block would be cut around (a ``<table lang="en">``), or one
    holding such elements (``<div translate="no">`` around a table), says its text is in
    another language or not to be translated: each piece cut out of it would lose that."""
    root = dom.parse_html(f"<div>{content}</div>").body[0]
    for el in root.iter():
        if el is root or not isinstance(el.tag, str) or not dom.untranslatable(el, source_lang):
            continue
        if _CUT_TAG.fullmatch(f"<{el.tag}>") or any(
            isinstance(d.tag, str) and _CUT_TAG.fullmatch(f"<{d.tag}>")
            for d in el.iterdescendants()
        ):
            return True
    return False


def _several_blocks(content: str) -> bool:
    """Whether an HTML block of text markup is cut around its block elements: when more
    than one of them holds words, each closes with its end tag (a ``<p>`` left open, as
    HTML allows, stays one block, as a browser reads it) and none gives what it holds a
    language, a no-translate mark or hiding, which a piece cut out of it would lose."""
    root = dom.parse_html(f"<div>{content}</div>").body[0]
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if dom.is_hidden(el) or {"lang", "xml:lang", "translate"} & set(el.attrib):
            return False
        if "notranslate" in (el.get("class") or "").lower():
            return False
    opened = sorted(m.group(1).lower() for m in _BLOCK_OPEN.finditer(content))
    if opened != sorted(m.group(1).lower() for m in _BLOCK_CLOSE.finditer(content)):
        return False
    pieces = _table_pieces(content, _CUT_TAG)
    return len([p for p in pieces if re.search(r"\w", HTML_TAG.sub(" ", p))]) > 1


# Elements an HTML block keeps whole, as written: a comment, preformatted text, an embed
# or player ("<" inside them is no tag of the block).
_WHOLE = re.compile(
    r"<!--.*?-->|<(pre|iframe|video|audio|svg|canvas|math|object)\b[^<>]*>.*?</\1\s*>"
    r"|<embed\b[^<>]*>",
    re.I | re.S,
)


def _verbatim_split(content: str, cut: re.Pattern[str] = _TABLE_TAG) -> list[str]:
    """An HTML block cut into what is kept as written (a table's tags, a comment, a
    ``<pre>``, an embed: ``cut``, :data:`_WHOLE`), each its own piece, and the
    text between them, blank pieces dropped; ``[content]`` when nothing beside them has a
    word (an embed's box stays whole). The whole block kept verbatim left that text
    Italian in every translation, without a word."""
    whole = list(_WHOLE.finditer(content))
    rest = _WHOLE.sub(" ", content)
    if _RAW_TEXT.search(rest) or not re.search(r"\w", HTML_TAG.sub(" ", rest)):
        return [content]
    pieces, pos = [], 0
    for m in whole:
        pieces += [*_table_pieces(content[pos : m.start()], cut), m.group(0)]
        pos = m.end()
    pieces += _table_pieces(content[pos:], cut)
    return [p.strip() for p in pieces if p.strip()]


def _table_pieces(content: str, cut: re.Pattern[str] = _TABLE_TAG) -> list[str]:
    """``content`` cut around its table tags (or those ``cut`` matches), each its own piece."""
    pieces, pos = [], 0
    for m in cut.finditer(content):
        pieces += [content[pos : m.start()], m.group(0)]
        pos = m.end()
    return [*pieces, content[pos:]]


def _unpaired_split(content: str) -> list[str]:
    """``content`` cut around its tags that open without closing or close without
    opening (each its own piece), else ``[content]``; blank pieces are dropped."""
    if _RAW_TEXT.search(content):  # "<" in a script, a comment or <pre> is no tag
        return [content]
    stack: list[tuple[str, int]] = []
    unpaired: list[int] = []  # indexes of tags in ``found``
    found = list(HTML_TAG.finditer(content))
    for i, m in enumerate(found):
        name = m.group(2).lower()
        if m.group(3) or name in dom.HTML_VOID:
            continue
        if not m.group(1):
            stack.append((name, i))
        elif any(n == name for n, _ in stack):
            while stack[-1][0] != name:  # closed by its parent's end tag
                _implied_or_unpaired(stack.pop(), unpaired)
            stack.pop()
        else:
            unpaired.append(i)
    for left in stack:  # closed by the block's end
        _implied_or_unpaired(left, unpaired)
    if not unpaired:
        return [content]
    pieces, pos = [], 0
    for i in sorted(unpaired):
        pieces += [content[pos : found[i].start()], found[i].group(0)]
        pos = found[i].end()
    pieces.append(content[pos:])
    return [p.strip() for p in pieces if p.strip()]


# Elements whose end tag HTML may leave out (WHATWG HTML, "optional tags"): closed by the
# next one, their parent's end or the block's end, as a browser reads them; never unpaired.
_OPTIONAL_END = frozenset(
    {"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
     "colgroup", "rb", "rt", "rtc", "rp"}
)  # fmt: skip


def _implied_or_unpaired(opened: tuple[str, int], unpaired: list[int]) -> None:
    """Note the tag ``opened`` (name, index) as unpaired unless its end tag is optional."""
    if opened[0] not in _OPTIONAL_END:
        unpaired.append(opened[1])


# An HTML block holding any of these stays verbatim: scripts, embeds, forms, and tables
# (cell structure that one text block could not give back).
_VERBATIM = dom.SKIP_TAGS | dom.RAW_TAGS | dom.TABLE_TAGS | dom.CELL_TAGS
# ... but for a player or frame, which dom.Inline keeps as written with its title translated.
_PLAYERS = dom.PLAYER_TAGS - dom.SKIP_TAGS - {"embed"}


def _html_text(content: str, source_lang: str | None) -> tuple[str, dict[str, Any]] | None:
    """(marker text, marker table) of an HTML block that holds only text markup with words
    (in its text or an ``alt``/``title``), else None; inline elements in a language other
    than ``source_lang`` kept, as in a paragraph."""
    from lxml import etree

    root = dom.parse_html(f"<div>{content}</div>").body[0]
    verses = [dom.verse_breaks(el) for el in root.iter("pre") if dom.is_verse(el)]
    for el in root.iter():
        if not isinstance(el.tag, str) or isinstance(el, etree._Comment):
            return None
        tag = dom.tag_of(el)
        if el in verses:
            continue  # a verse is text (dom.is_verse), its lines kept as <br>
        if tag in _PLAYERS and dom.own_player(el):
            continue  # a player: kept as written by dom.Inline, its title translated
        if tag in _VERBATIM or dom.is_embed(el):  # an embedded post (a tweet's
            return None  # blockquote) is kept as written, as the HTML reader keeps it
    # a hidden element is kept as written, never MT (was: the whole block kept as written,
    # its visible text Italian in every translation)
    builder = dom.Inline(source_lang=source_lang, keep_hidden=True)
    builder.children(root)
    text = builder.result()
    if not re.search(r"\w", MARKER.sub("", text)) and not _attribute_words(builder.table):
        return None
    return text, builder.table


def _attribute_words(table: dict[str, Any]) -> bool:
    """Whether an ``alt`` or ``title`` (the attributes MT translates) in ``table`` has words."""
    return any(
        re.search(r"\w", str((entry.get("attrs") or {}).get(name) or ""))
        for entry in table.values()
        for name in dom.TRANSLATED_ATTRS
    )


def _is_embed_tag(start: str) -> bool:
    """Whether the start tag ``start`` opens an embed of another site or post
    (:func:`dom.own_player`)."""
    element = next(iter(dom.parse_html(f"<div>{start}</div>").body[0]), None)
    return element is not None and not dom.own_player(element)
