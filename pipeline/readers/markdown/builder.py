"""markdown-it block tokens -> blocks (:class:`_Builder`).

Lists, blockquotes and tables become the ``wrap`` metadata the HTML readers
record, headings and paragraphs blocks of their kind (title, caption,
paragraph), code ``raw``; a footnote's indented continuation is read as text,
and raw HTML blocks are read by :mod:`.html_blocks`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from pipeline.document import ALT, CAPTION, PARAGRAPH, RAW, TITLE, Block
from pipeline.markdown_syntax import FOOTNOTE, HTML_GROUP, NEXT_LINE, footnote_depth
from pipeline.markup import MARKER, strip
from pipeline.readers import dom
from pipeline.readers.markdown.chrome import category_lines
from pipeline.readers.markdown.definitions import _definition_list
from pipeline.readers.markdown.html_blocks import (
    _CUT_TAG,
    _RECORDED,
    _TABLE_TAG,
    _WHOLE,
    _html_text,
    _marked_around_cuts,
    _several_blocks,
    _unpaired_split,
    _verbatim_split,
)
from pipeline.readers.markdown.inline import _FOOTNOTE, _WS, _Inline
from pipeline.readers.markdown.math import MATH
from pipeline.readers.markdown.safe_html import _defused, _left_out, _safe_attrs, _safe_tag
from pipeline.readers.markdown.tokens import _block_tokens
from pipeline.readers.page import is_caption

_CONTAINERS = (
    "bullet_list",
    "ordered_list",
    "list_item",
    "blockquote",
    "table",
    "thead",
    "tbody",
    "tr",
)
_CONTAINER_OPEN = frozenset(f"{c}_open" for c in _CONTAINERS)
_CONTAINER_CLOSE = frozenset(f"{c}_close" for c in _CONTAINERS)


# A heading's attribute list after its text (``## Il contesto {#contesto}``, ``### Dati
# {#dati .classe}``, ``{.classe}``, ``{#id key=val}``, kramdown's ``{: #id}``: kramdown,
# Pandoc, Hugo), read by readers.markdown.inline as a literal marker.
_HEADING_ATTRS = re.compile(r"\s*(\{:?\s*([^{}\n]*)\})\s*")
_HEADING = re.compile(r"h[1-6]")


def _attribute_list(literal: str) -> tuple[str, dict[str, str]] | None:
    """The attribute list ``literal`` as written and its attributes (mdit-py-plugins'
    attribute parser: ``{#dati .classe}`` is ``{"id": "dati", "class": "classe"}``);
    None where it is no attribute list, or names no id or class or an attribute that
    would run script."""
    from mdit_py_plugins.attrs.parse import ParseError, parse

    from pipeline.readers.dom import runs_script

    found = _HEADING_ATTRS.fullmatch(literal)
    if found is None:
        return None
    try:
        end, attrs = parse("{" + found.group(2).strip() + "}")
    except ParseError:
        return None
    if end != len(found.group(2).strip()) + 1 or not attrs:
        return None
    if any(runs_script(k, v) for k, v in attrs.items()):
        return None
    if "id" in attrs and not re.fullmatch(r"[^\s{}\\]+", attrs["id"]):
        return None
    return found.group(1), attrs


def _heading_id(tag: str | None, text: str, table: dict[str, Any], meta: dict[str, Any]) -> str:
    """``text`` of a heading without the attribute list that ends it, its attributes in
    ``meta["attrs"]`` as an HTML heading's are (readers.html): the HTML outputs and a
    bundle page write ``<h3 id="dati" class="classe">``; the list as written in
    ``meta["attr_list"]``, which the Markdown writer writes again; no text shows it and
    MT never sees it (was: the literal kept, ``<h2>Il contesto {#contesto}</h2>`` in
    ``ID.LANG.html``, the title ``Il voto {#top}`` in front matter and on the bundle
    page, and every link to it broken; a list with more than an id, ``{#dati .classe}``,
    stayed text)."""
    last = re.search(r"<x(\d+)/>\s*\Z", text)
    entry = table.get(last.group(1), {}) if last and tag and _HEADING.fullmatch(tag) else {}
    found = _attribute_list(str(entry.get("text", ""))) if entry.get("markdown") else None
    if found is None or entry.get("tag") is not None:
        return text
    del table[last.group(1)]  # type: ignore[union-attr]
    meta["attrs"] = {**meta.get("attrs", {}), **found[1]}
    meta["attr_list"] = found[0]
    return text[: last.start()].rstrip()  # type: ignore[union-attr]


# A footnote definition's label where a paragraph's later line starts (``[^2]: altro``).
_DEFINITION_START = re.compile(rf"{_FOOTNOTE}:")


def _footnote_definitions(children: list[Any]) -> list[list[Any]]:
    """A paragraph's inline tokens cut before each later line that starts a footnote
    definition: ``[^1]: testo`` / ``[^2]: altro`` on consecutive lines are two notes, as
    markdown-it's footnote plugin reads them (a definition ends a paragraph), each a block
    and a segment of its own (was: one paragraph, one segment holding every note, in HTML
    one ``<p>`` with ``<br>``)."""
    parts: list[list[Any]] = [[]]
    for i, child in enumerate(children):
        after = children[i + 1] if i + 1 < len(children) else None
        starts = after is not None and after.type == "text"
        broken = child.type in ("softbreak", "hardbreak")
        if broken and starts and _DEFINITION_START.match(after.content):
            parts.append([])
            continue
        parts[-1].append(child)
    return parts


@dataclass
class _Builder:
    blocks: list[Block] = field(default_factory=list)
    wrap: list[list[Any]] = field(default_factory=list)
    groups: int = 0
    title: str | None = None
    cell_attrs: dict[str, str] = field(default_factory=dict)  # of the table cell being read
    lines: dict[str, int] = field(default_factory=dict)  # block id -> its first body line (0-)
    source_lang: str | None = None
    links: dict[int, str] = field(default_factory=dict)  # id(html_block token) -> open/close
    front_title: Block | None = None  # the title block the front matter gave
    html_group: int = 0  # the HTML block token being read (its pieces share the number)
    html_blocks: int = 0  # HTML block tokens read so far
    # reading a footnote's indented continuation (meta FOOTNOTE): how many containers
    # (``wrap`` entries: a quote, a list and its item) hold its definition
    footnote: int | None = None
    line: int = 0  # the body line (0-) of the token being read
    line_offset: int = 0  # body line of line 0 of the text being read (a continuation)
    left_out: list[dict[str, Any]] = field(default_factory=list)  # (see record)
    where: str = ""  # the file, for errors

    def emit(self, kind: str, text: str, meta: dict[str, Any]) -> Block:
        if self.wrap:
            meta["wrap"] = [list(w) for w in self.wrap]
        if self.html_group:
            meta[HTML_GROUP] = self.html_group
        if self.footnote is not None:
            meta[FOOTNOTE] = self.footnote or True
        block = Block(id=f"b{len(self.blocks) + 1}", kind=kind, text=text, meta=meta)
        self.blocks.append(block)
        return block

    def inline(self, tok: Any, tag: str | None) -> None:
        parts, term = None, self._term_before() if tag == "p" else None
        if tag == "p":
            parts = _definition_list(tok.children or [], loose=True) if term else None
            if parts is None:
                parts, term = _definition_list(tok.children or [], loose=False), None
        if parts is not None:
            self.definition_list(tok, parts, term)
            return
        if tag == "p" and (lines := category_lines(tok.children or [], self.blocks)) is not None:
            for children in lines:  # a label over its categories, one a line: a paragraph each
                line = _Inline(source_lang=self.source_lang)
                for child in children:
                    line.token(child)
                self.inline_text(tok, tag, line)
            return
        parts = _footnote_definitions(tok.children or []) if tag == "p" else [tok.children or []]
        for i, children in enumerate(parts):
            builder = _Inline(
                item=bool(self.wrap) and self.wrap[-1][0] == "li", source_lang=self.source_lang
            )
            for child in children:
                builder.token(child)
            self.inline_text(tok, tag, builder, next_line=i > 0)

    def _term_before(self) -> Block | None:
        """The paragraph (or term or definition) just before, at this level, that a
        paragraph starting ``: `` after a blank line defines (a loose definition list)."""
        last = next((b for b in reversed(self.blocks) if b.kind != ALT), None)
        if last is None or last.kind != PARAGRAPH or last.meta.get("html_block"):
            return None
        wrap = [list(w) for w in self.wrap]
        if last.meta.get("tag") == "p" and (last.meta.get("wrap") or []) == wrap:
            return last
        dl = last.meta.get("wrap") or []
        in_dl = last.meta.get("tag") in ("dt", "dd") and dl[:-1] == wrap
        return last if in_dl else None

    def definition_list(
        self, tok: Any, parts: list[tuple[str, list[Any]]], term: Block | None = None
    ) -> None:
        """A paragraph that is a definition list (``Termine`` then ``: Definizione`` lines,
        PHP Markdown Extra, Pandoc, Hugo): a ``dl`` around a ``dt`` block per term and a
        ``dd`` block per definition, as the HTML reader gives ``<dl>`` (was: one paragraph,
        ``Termine : Definizione``, written on one line). After a blank line (``term``, the
        paragraph before) the definitions join that term's list, the paragraph its term."""
        if term is not None and term.meta.get("tag") != "p":  # the list goes on
            self.wrap.append(list(term.meta["wrap"][-1]))
        else:
            self.groups += 1
            self.wrap.append(["dl", self.groups, {}])
        if term is not None and term.meta.get("tag") == "p":
            term.meta["tag"] = "dt"
            term.meta["wrap"] = [list(w) for w in self.wrap]
        for tag, children in parts:
            builder = _Inline(source_lang=self.source_lang)
            for child in children:
                builder.token(child)
            self.inline_text(tok, tag, builder)
        self.wrap.pop()

    def inline_text(
        self, tok: Any, tag: str | None, builder: _Inline, next_line: bool = False
    ) -> None:
        """The block of inline content read by ``builder``, and its attribute blocks;
        ``next_line``: a footnote definition on the line after the block before it."""
        text = unicodedata.normalize("NFC", builder.result())
        self.record(builder.skipped)  # (after result: it ends an element left open)
        cell = {"attrs": self.cell_attrs} if tag in ("th", "td") and self.cell_attrs else {}
        if not text:
            if tag in ("th", "td"):  # an empty cell keeps its place in the table
                self.emit(RAW, "", {"tag": tag, **cell, "empty": True})
            return
        meta: dict[str, Any] = {"tag": tag, **cell, **({NEXT_LINE: True} if next_line else {})}
        text = _heading_id(tag, text, builder.table, meta)
        kind, text = self._kind(tag, text, builder.table, meta)
        if kind is None:
            return
        if builder.table and kind != CAPTION or "markup" in meta:
            meta.setdefault("markup", builder.table)
        from pipeline.readers.dom import Walker

        block = self.emit(kind, text, meta)
        if tok.map:
            self.lines[block.id] = tok.map[0] + self.line_offset
        walker = Walker(blocks=self.blocks, source_lang=self.source_lang)
        walker.attribute_blocks(block, meta.get("markup", {}))
        for mid, entry in meta.get("markup", {}).items():  # a shortcode's caption, alt, title
            for name, value in (entry.get("shortcode") or {}).items():
                alt = walker.alt(_WS.sub(" ", value).strip(), [block.id, mid, name])
                entry.setdefault("attr_blocks", {})[name] = alt.id
        if "image" in meta:  # a lone image: its alt is the block's text, its title an alt block
            own = walker.element_attribute_blocks(
                {k: v for k, v in meta["image"].items() if k != "alt"}, block.id, ""
            )
            if own:
                block.meta["attr_blocks"] = own

    def _kind(
        self, tag: str | None, text: str, table: dict[str, Any], meta: dict[str, Any]
    ) -> tuple[str | None, str]:
        """Block kind and text: title, image caption, credited caption or paragraph (a
        table cell: paragraph, or raw without words; was an image block or a caption,
        which the HTML output wrote as ``<p><img></p>`` in place of the ``<td>``)."""
        plain = MARKER.sub("", text).strip()
        visible = strip(text, table)  # inline code and kept words too
        same = self.title is not None and dom.comparable(visible) == dom.comparable(self.title)
        if tag == "h1" and (self.title is None or same):
            if any(b.kind == TITLE for b in self.blocks):
                # the front matter title again: one title block, where the heading stands
                # (text above it, such as a dateline, stays above it on reading back)
                front = self.front_title
                if front is not None and front in self.blocks:
                    self.blocks.remove(front)
                    self.blocks.append(front)
                    front.meta["tag"] = "h1"  # the body has it as its heading: written there
                    if "attrs" in meta:  # its id ({#top}: _heading_id)
                        front.meta["attrs"] = meta["attrs"]
                        front.meta["attr_list"] = meta.get("attr_list")
                    self.front_title = None
                return None, text
            self.title = plain
            return TITLE, text
        if tag in ("th", "td"):  # a cell is no caption; an image alone stays in its cell
            return (PARAGRAPH if re.search(r"\w", visible) else RAW), text
        image = re.fullmatch(r"<x(\d+)/>", text)
        if image and table[image.group(1)]["tag"] == "img":
            attrs = dict(table[image.group(1)]["attrs"])
            alt = attrs.pop("alt", "")
            meta["image"] = attrs
            return (CAPTION, alt) if alt.strip() else (RAW, "")
        em = re.fullmatch(r"<g(\d+)>(.*)</g\1>", text)
        if em and table[em.group(1)]["tag"] == "em" and is_caption(MARKER.sub("", em.group(2))):
            inner = em.group(2)
            if MARKER.search(inner):
                meta["markup"] = {k: v for k, v in table.items() if k != em.group(1)}
            return CAPTION, inner
        return PARAGRAPH, text

    def token(self, tok: Any, inline_tag: str | None) -> str | None:
        """Handle one block token; returns the tag the next inline token belongs to."""
        kind = tok.type
        if tok.map:
            self.line = tok.map[0] + self.line_offset
        if kind in _CONTAINER_OPEN:
            self.groups += 1
            attrs = {k: str(v) for k, v in (tok.attrs or {}).items()}
            self.wrap.append([tok.tag, self.groups, attrs])
        elif kind in _CONTAINER_CLOSE:
            self.wrap.pop()
        elif kind in ("paragraph_open", "heading_open"):
            return None if tok.hidden else tok.tag
        elif kind in ("th_open", "td_open"):
            self.cell_attrs = {k: str(v) for k, v in (tok.attrs or {}).items()}
            return tok.tag
        elif kind == "inline":
            self.inline(tok, inline_tag)
        elif kind == "code_block" and self.footnote is None and self._after_footnote():
            self.footnote_part(tok.content)
        elif kind == "math_block":  # display math: kept as written, never MT
            self.emit(RAW, tok.content.rstrip("\n"), {MATH: tok.info})
        elif kind in ("fence", "code_block"):
            self.emit(RAW, tok.content, {"code": {"info": tok.info, "fence": tok.markup or "```"}})
        elif kind == "html_block" and id(tok) in self.links:
            self.link_wrap(tok.content.strip(), self.links[id(tok)])
        elif kind == "html_block":
            self.html_piece(tok.content.rstrip("\n"))
        elif kind == "hr":
            self.emit(RAW, "<hr>", {"hr": True})
        return inline_tag

    def _after_footnote(self) -> bool:
        """Whether the last block is a footnote definition (``[^1]: ...``) in the quote or
        list item being read (or at top level), or the continuation of one: an indented
        block after it belongs to it (was: only at top level; in a quote or an item its
        later paragraph stayed code, Italian in every translation)."""
        last = next((b for b in reversed(self.blocks) if b.kind != ALT), None)
        if last is None:
            return False
        here, wrap = [list(w) for w in self.wrap], last.meta.get("wrap") or []
        depth = footnote_depth(last.meta)
        if depth is not None:
            return len(here) == depth and wrap[:depth] == here
        if wrap != here:
            return False
        first = re.match(r"<x(\d+)/>", last.text) if last.kind == PARAGRAPH else None
        entry = (last.meta.get("markup") or {}).get(first.group(1)) if first else None
        return bool(entry) and bool(re.fullmatch(rf"{_FOOTNOTE}:", str(entry.get("text"))))

    def footnote_part(self, content: str) -> None:
        """A footnote's continuation (its second paragraph, indented four spaces after a
        blank line, as GFM, Pandoc and Hugo read it), which CommonMark reads as a code
        block: its Markdown read as text for MT, each block marked ``meta["footnote"]`` for
        the writer to indent it again (was: kept as code, Italian in every translation)."""
        self.footnote, self.line_offset = len(self.wrap), self.line  # its lines: the file's
        inline_tag: str | None = None
        for tok in _block_tokens(content, self.where):
            inline_tag = self.token(tok, inline_tag)
        self.footnote, self.line_offset = None, 0

    def record(self, pieces: list[str]) -> None:
        """Record the text of each element left out of the HTML ``pieces`` that a reader of
        the page sees (:data:`dom.RECORDED_SKIPS`: a ``<noscript>``, an ``<object>``'s
        fallback, an open ``<dialog>``, a ``<button>``'s label), with its line, for
        ``meta["left_out"]``: left out, as the HTML reader leaves it out
        (:meth:`dom.Walker.leave_out_noscript`), but never without a trace (was: only a
        ``<noscript>``; a button's label was dropped unsaid). One in a code span or block is
        text the article shows, kept as written: it is in no piece."""
        walker = dom.Walker()
        for piece in pieces:
            if _RECORDED.search(piece):
                walker.leave_out_noscript(dom.parse_html(f"<div>{piece}</div>"))
        for record in walker.left_out:
            record["line"] = self.line
        self.left_out += walker.left_out

    def link_wrap(self, tag: str, which: str) -> None:
        """A link line that opens or closes around blocks (a card as the Markdown writer
        writes it): the link goes around them (``meta["wrap"]``), as in an HTML page, its
        text attributes ``alt`` blocks; see :func:`_link_lines`."""
        if which == "close":
            self.wrap.pop()
            return
        self.groups += 1
        attrs = _safe_attrs(tag, "a")
        self.wrap.append(["a", self.groups, attrs])
        for name in dom.TRANSLATED_ATTRS:
            value = _WS.sub(" ", attrs.get(name) or "").strip()
            if value:
                text, table = dom.attribute_text(value)
                meta = {"attr_of": ["wrap", str(self.groups), name]}
                self.emit(ALT, text, meta | ({"markup": table} if table else {}))

    def html_piece(self, content: str) -> None:
        """One HTML block of the file: the blocks :meth:`html_block` cuts it into share a
        number (``meta["html_group"]``), so the Markdown writer puts them back on adjacent
        lines, one HTML block again (was: blank lines between them made each cell's text of
        a ``<table>`` a Markdown paragraph, ``<td><p>..</p></td>``)."""
        first = len(self.blocks)
        self.html_blocks += 1
        self.html_group = self.html_blocks
        self.html_block(content)
        self.html_group = 0
        pieces = [b for b in self.blocks[first:] if HTML_GROUP in b.meta]
        if len(pieces) == 1:
            del pieces[0].meta[HTML_GROUP]

    def html_block(self, content: str) -> None:
        """An HTML block with text (a box, a note) is text for MT, its tags kept as markers;
        one with embeds, comments or no words stays verbatim (``raw``). Elements the HTML
        reader never keeps (``dom.SKIP_TAGS``: a script, a style) are left out first, the
        words around them kept. A tag the block leaves open (``<details>`` closed by a later
        block, around Markdown) or closes without opening is a ``raw`` block of its own, so
        the parser closes nothing early."""
        pieces = _unpaired_split(content)
        if len(pieces) > 1:
            for piece in pieces:
                self.html_block(piece)
            return
        self.record([content])
        content = _left_out(content)
        if not content.strip():  # only a script or a style: nothing left to keep
            return
        found = _html_text(content, self.source_lang)
        if found is None and _marked_around_cuts(content, self.source_lang):
            self.emit(RAW, _defused(content), {})  # a table in English, or not to translate:
            return  # its cells cut out of it lost the mark and went to MT
        cut = _TABLE_TAG if found is None else _CUT_TAG if _several_blocks(content) else None
        if cut is not None and len(cells := _verbatim_split(content, cut)) > 1:
            for piece in cells:  # a table's tags, a comment, a <pre> or an embed kept as
                if _CUT_TAG.fullmatch(piece):  # they are, the text beside them for MT
                    self.emit(RAW, _safe_tag(piece), {})
                elif _WHOLE.fullmatch(piece):
                    self.emit(RAW, _defused(piece), {})
                else:
                    self.html_block(piece)
            return
        if found is None:
            self.emit(RAW, _defused(content), {})
            return
        text, table = found
        # no words of its own (an image alone, a link around one): kept, its alt and title
        # translated, as the HTML reader does with such a block (was: verbatim, alt Italian)
        kind = PARAGRAPH if re.search(r"\w", MARKER.sub("", text)) else RAW
        block = self.emit(kind, text, {"tag": None, "markup": table, "html_block": True})
        dom.Walker(blocks=self.blocks, source_lang=self.source_lang).attribute_blocks(
            block, table
        )  # a title or alt in the box is translated, as in a paragraph or an HTML page
