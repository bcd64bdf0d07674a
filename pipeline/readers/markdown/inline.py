"""A Markdown paragraph's inline tokens -> marker text and marker table.

Emphasis, links, images, code spans and inline HTML become markers
(:mod:`pipeline.markup`) as the HTML reader's are; literal look-alikes of
markers, footnote calls, task boxes and site-generator syntax become literal
markers, never translated (:class:`_Inline`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from pipeline.markdown_syntax import LINE_END
from pipeline.markup import HTML_TAG, MARKER, OPAQUE_TAGS, balanced, strip, to_html
from pipeline.readers import dom
from pipeline.readers.markdown.html_blocks import _PLAYERS, _is_embed_tag
from pipeline.readers.markdown.safe_html import _left_out, _open_html, _safe_attrs
from pipeline.readers.markdown.shortcodes import _shortcode_texts

_INLINE_PAIRS = {"em": "em", "strong": "strong", "s": "s", "link": "a"}
_WS = dom.COLLAPSIBLE_SPACE  # no-break spaces stay (see dom.KEPT_SPACES)
# Literal text: marker look-alikes, footnote calls and labels ("[^1]", "[^nota]"); a task
# box ("[ ]", "[x]") only where a list item's text starts (see _Inline.text).
_FOOTNOTE = r"\[\^[^\]\s]+\]"
# Syntax of the site generators that read Markdown, which CommonMark reads as text: Hugo
# shortcodes (``{{< figure src="x" >}}``, ``{{% notice %}}``) and attribute lists
# (``{: .lead}``, a heading's ``{#id}``); sent to MT, a model rewrote them and the site
# no longer built.
_SITE_SYNTAX = r"\{\{[<%][^\n]{0,1000}?[>%]\}\}|\{:[^{}\n]*\}|\{[#.][\w-][^{}\n]*\}"
# An emoji shortcode (``:tada:``, ``:heart_eyes:``, ``:+1:``), which GitHub, Hugo
# (``enableEmoji``), Jekyll's jemoji and markdown-it-emoji show as the emoji: sent to MT as
# words, it came back translated (``:fête:``) or cut, an emoji no renderer knows. Lower-case
# names with a letter in them (and ``+1``, ``-1``), between colons with no word or colon
# around them, which Italian text does not write (``ore 10:30:``, ``Roma:Milano``).
_EMOJI_CODE = r"(?<![\w:]):(?:(?=[a-z0-9_+-]*[a-z])[a-z0-9_+-]{2,40}|[+-]1):(?![\w:])"
_LITERAL = re.compile(f"{MARKER.pattern}|{_FOOTNOTE}|{_SITE_SYNTAX}|{_EMOJI_CODE}")
_LITERAL_FIRST = re.compile(
    f"{MARKER.pattern}|{_FOOTNOTE}|{_SITE_SYNTAX}|{_EMOJI_CODE}|^\\s*\\[[ xX]\\](?=\\s)"
)


# Inline HTML elements read whole, never MT: what the HTML reader leaves out (scripts,
# styles, form controls: ``dom.SKIP_TAGS``), which is left out here too with all it holds,
# and what it keeps verbatim (embeds, <pre>, SVG, MathML), kept as written. (A script or
# style stayed in the first run's Markdown and HTML outputs, while the document JSON read
# back, held to the HTML reader's rules, lost it.)
_KEPT_WHOLE = dom.SKIP_TAGS | dom.RAW_TAGS
# Elements whose content is text to the HTML tokenizer up to their end tag (WHATWG HTML
# 13.1.2, raw text and escapable raw text elements; and iframe, noscript, noembed, xmp).
_RAW_TEXT_ELEMENTS = frozenset(
    {"script", "style", "textarea", "title", "iframe", "noscript", "noembed", "noframes", "xmp"}
)


def _render_inline(tokens: list[Any]) -> str:
    """Inline tokens as HTML, as CommonMark renders them (raw HTML as is), text escaped
    without its quotes (``alert("x")`` in a script stays as written: no attribute here)."""
    from html import escape

    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    md.add_render_rule("text", lambda _r, tokens, idx, *_: escape(tokens[idx].content, quote=False))
    md.add_render_rule("shortcode", lambda _r, tokens, idx, *_: tokens[idx].content)
    return md.renderer.renderInline(tokens, md.options, {})


def _alt_text(image: Any) -> str:
    """An image's ``alt``: the plain text of its description, as CommonMark gives it
    (spec 6.4: ``![il *ponte* \\*x\\* &amp;](p.jpg)`` -> ``il ponte *x* &``). Was the raw
    source, so MT got Markdown syntax and every output showed ``\\*`` and ``&amp;amp;``."""
    from markdown_it.renderer import RendererHTML

    return RendererHTML().renderInlineAsText(image.children, {}, {})  # type: ignore[arg-type]


def _sanitized(tok: Any) -> Any:
    """``tok``, or for an inline HTML start tag a copy without event handlers and script
    URLs (:func:`_safe_attrs`)."""
    tag = HTML_TAG.fullmatch(tok.content) if tok.type == "html_inline" else None
    if tag is None or tag.group(1):
        return tok
    name = tag.group(2).lower()
    safe = _open_html(name, _safe_attrs(tok.content, name))
    return tok.copy(content=safe[:-1] + "/>" if tag.group(3) else safe)


_MARKER_ID = re.compile(r"</?[gx](\d+)/?>")  # the id of any marker


def _is_byline(line: str, source_lang: str | None) -> bool:
    """Whether a paragraph's line is a byline alone (:func:`pipeline.segment.is_byline_line`)."""
    from pipeline.segment import is_byline_line

    line = _WS.sub(" ", line).strip()
    return bool(line) and balanced(line) and is_byline_line(line, source_lang or "it")


@dataclass
class _Inline:
    """Markdown inline tokens -> marker text and marker table."""

    parts: list[str] = field(default_factory=list)
    table: dict[str, dict[str, Any]] = field(default_factory=dict)
    stack: list[str] = field(default_factory=list)
    item: bool = False  # the text of a list item (where a task box may start it)
    source_lang: str | None = None  # inline HTML in another language stays verbatim
    html_open: list[tuple[str, str]] = field(default_factory=list)  # inline HTML tags open
    html_pairs: set[str] = field(default_factory=set)  # ids of pairs made of inline HTML
    opened_at: dict[str, int] = field(default_factory=dict)  # pair id -> its index in parts
    last_id: int = 0  # the highest marker id given (see _new)
    # an inline element kept whole (_KEPT_WHOLE) being read: its name, sanitized start
    # tag, how deep the same name nests inside it, and the tokens inside it so far
    whole: tuple[str, str, list[int], list[Any]] | None = None
    skipped: list[str] = field(default_factory=list)  # HTML of the elements left out
    autolinks: set[str] = field(default_factory=set)  # ids of <https://…> links' pairs

    def _new(self, entry: dict[str, Any]) -> str:
        # a counter, not len(): _keep_if_marked drops entries, and len() would reuse a live
        # id (and not max() of the ids: once per marker, a paragraph of 8,000 took seconds)
        self.last_id += 1
        self.table[str(self.last_id)] = entry
        return str(self.last_id)

    def text(self, value: str) -> None:
        """Text, with literal look-alikes of markers and Markdown extension syntax kept whole.

        A footnote call or label (``[^1]``) and a list item's task box (``[ ]``, ``[x]``)
        are syntax of GFM and most Markdown renderers that CommonMark reads as text: they
        become literal markers (never translated) that the writer puts back unescaped.
        So do a site generator's shortcodes and attribute lists (``_SITE_SYNTAX``) and
        emoji shortcodes (``_EMOJI_CODE``); a block attribute list (``{: .lead}``) on a line
        of its own keeps its line break.
        """
        pos = 0
        first = self.item and not "".join(self.parts).strip()
        pattern = _LITERAL_FIRST if first else _LITERAL
        for m in pattern.finditer(value):
            if m.start() < pos:  # a footnote definition's colon taken with its label
                continue
            self.parts.append(value[pos : m.start()])
            literal, pos = self._line_start(value, m)
            entry = {"tag": None, "attrs": {}, "text": literal}
            if not MARKER.fullmatch(literal):
                entry["markdown"] = True
            self.parts.append(f"<x{self._new(entry)}/>")
        self.parts.append(value[pos:])

    def _line_start(self, value: str, m: re.Match[str]) -> tuple[str, int]:
        """A literal's text and end: a footnote definition's label (``[^1]:``) or a block
        attribute list (``{: .lead}``) that starts a line keeps its line break, and the
        label its colon (was: two definitions written as one line, the second no longer
        one, and the colon sent to MT)."""
        literal, end = m.group(0), m.end()
        if m.start() != 0:
            return literal, end
        after_break = self.parts[-2:-1] == ["\n"]
        if literal.startswith("[^") and value[end : end + 1] == ":":
            if not (after_break or not "".join(self.parts).strip()):
                return literal, end
            literal, end = literal + ":", end + 1
        elif not literal.startswith("{:"):
            return literal, end
        if after_break:
            self.parts[-2] = ""
            return "\n" + literal, end
        return literal, end

    def token(self, tok: Any) -> None:
        if self.whole is not None:
            self._inside_whole(tok)
        else:
            self._token(tok)

    def _token(self, tok: Any) -> None:
        kind = tok.type
        base = kind.rsplit("_", 1)[0]
        if kind == "text" and self.stack and self.stack[-1] in self.autolinks:
            # an autolink's text is its URL (``<mailto:a@b.it>``): kept, never MT (was: the
            # model got "mailto:" and a link that showed another address than it opened)
            self.parts.append(f"<x{self._new({'tag': None, 'attrs': {}, 'text': tok.content})}/>")
        elif kind == "text":
            self.text(tok.content)
        elif kind == "softbreak":
            self.parts.append("\n")  # a space (result), unless text() keeps the line break
        elif kind == "hardbreak":
            self.parts.append(f"<x{self._new({'tag': 'br', 'attrs': {}})}/>")
        elif kind == "code_inline":
            entry = {"tag": "code", "attrs": {}, "text": tok.content}
            self.parts.append(f"<x{self._new(entry)}/>")
        elif kind == "image":
            attrs = {"src": str(tok.attrs.get("src", "")), "alt": _alt_text(tok)}
            if tok.attrs.get("title"):
                attrs["title"] = str(tok.attrs["title"])
            self.parts.append(f"<x{self._new({'tag': 'img', 'attrs': attrs})}/>")
        elif kind == "html_inline":
            self.html_inline(tok.content)
        elif kind == "math_inline":  # kept as written, never MT (readers.markdown.math)
            entry = {"tag": None, "attrs": {}, "text": tok.content, "markdown": True}
            self.parts.append(f"<x{self._new(entry)}/>")
        elif kind == "shortcode":
            entry = {"tag": None, "attrs": {}, "text": tok.content, "markdown": True}
            if texts := _shortcode_texts(tok.content):
                entry["shortcode"] = texts
            self.parts.append(f"<x{self._new(entry)}/>")
        elif base in _INLINE_PAIRS and kind.endswith("_open"):
            attrs = {k: str(v) for k, v in (tok.attrs or {}).items()}
            mid = self._new({"tag": _INLINE_PAIRS[base], "attrs": attrs})
            if tok.markup == "autolink":
                self.autolinks.add(mid)
            self.stack.append(mid)
            self.parts.append(f"<g{mid}>")
        elif base in _INLINE_PAIRS and kind.endswith("_close") and self.stack:
            self.parts.append(f"</g{self.stack.pop()}>")

    def html_inline(self, html: str) -> None:
        """Inline HTML: a tag pair (``<sup>6</sup>``) becomes a paired marker like the HTML
        reader's, ``<br>``/``<img>`` standalone ones; a script, style, embed or form
        control (``_KEPT_WHOLE``) with all it holds one standalone marker kept as written,
        never MT; anything else (a comment, a stray end tag) a literal marker written back
        as it is. Event handlers and script URLs are dropped, as from any page. (Before,
        all of it was left out of every output: ``10<sup>6</sup>`` came out as 106; then a
        script's code went to MT, a ``<button onclick>`` kept its handler and an empty
        ``<iframe></iframe>`` took the next words inside it, where no browser shows them.)"""
        tag = HTML_TAG.fullmatch(html)
        name = tag.group(2).lower() if tag else ""
        if tag and tag.group(1) and self.html_open and self.html_open[-1][0] == name:
            mid = self.html_open.pop()[1]
            if mid:  # (none for a <p> unwrapped: dom.inline_paragraph)
                self.parts.append(f"</g{mid}>")
                self._keep_if_marked(mid)
            return
        if tag and not tag.group(1) and not tag.group(3) and name == "p":
            entry = dom.inline_paragraph({"tag": name, "attrs": _safe_attrs(html, name)})
            mid = "" if entry is None else self._new(entry)  # none: its words, no tag
            self.html_open.append((name, mid))
            if mid:
                self.html_pairs.add(mid)
                self.opened_at[mid] = len(self.parts)
                self.parts.append(f"<g{mid}>")
            return
        if tag and not tag.group(1) and name in _KEPT_WHOLE:
            start = _open_html(name, _safe_attrs(html, name))
            if name in dom.HTML_VOID and name not in dom.SKIP_TAGS:  # <embed>: kept as it is
                self.parts.append(f"<x{self._new({'tag': None, 'attrs': {}, 'html': start})}/>")
            elif name not in dom.HTML_VOID:  # (<input>, <link>: left out)
                self.whole = (name, start, [0], [])
            return
        if tag and not tag.group(1):
            entry = {"tag": name, "attrs": _safe_attrs(html, name)}
            if name in dom.HTML_VOID:
                self.parts.append(f"<x{self._new(entry)}/>")
            else:
                mid = self._new(entry)
                self.html_open.append((name, mid))
                self.html_pairs.add(mid)
                self.opened_at[mid] = len(self.parts)
                self.parts.append(f"<g{mid}>")
            return
        self.parts.append(f"<x{self._new({'tag': None, 'attrs': {}, 'html': html})}/>")

    def _inside_whole(self, tok: Any) -> None:
        """A token inside an element kept whole: collected until the element's end tag,
        then the element is one standalone marker holding its HTML, never MT."""
        assert self.whole is not None
        name, _, depth, inside = self.whole
        tag = HTML_TAG.fullmatch(tok.content) if tok.type == "html_inline" else None
        if tag and tag.group(2).lower() == name and not tag.group(3):
            # in a script or textarea "<script>" is text: the first end tag ends it
            depth[0] += -1 if tag.group(1) else int(name not in _RAW_TEXT_ELEMENTS)
        if depth[0] < 0:
            self._close_whole(f"</{name}>")
        else:
            inside.append(tok)

    def _close_whole(self, end: str) -> None:
        """The element kept whole as one standalone marker: start tag, its content as a
        CommonMark renderer writes it (start tags inside sanitized too), ``end``."""
        assert self.whole is not None
        name, start, _, inside = self.whole
        self.whole = None
        html = start + _render_inline([_sanitized(t) for t in inside]) + end
        self.skipped.append(html)  # what it leaves out is recorded (_Builder.record)
        if name in ("object", "noscript"):  # an embed kept as the HTML reader keeps it
            element = next(iter(dom.parse_html(f"<div>{html}</div>").body[0]), None)
            kept = dom.object_entry(element) if element is not None else None
            players = dom.noscript_players(element) if element is not None else []
            for entry in [kept] if kept is not None else [dom.player_entry(p) for p in players]:
                self.parts.append(f"<x{self._new(entry)}/>")
            return
        if name in dom.SKIP_TAGS:  # left out with all it holds, as the HTML reader does
            return
        if name in _PLAYERS and not _is_embed_tag(start):  # as dom.Inline keeps one: its
            # title goes to MT, no plain text (an embed of another site keeps its own)
            inner = _left_out(_render_inline([_sanitized(t) for t in inside]))
            entry = {"tag": name, "attrs": _safe_attrs(start, name), "text": "", "html": inner}
            self.parts.append(f"<x{self._new(entry)}/>")
            return
        html = _left_out(html)
        self.parts.append(f"<x{self._new({'tag': None, 'attrs': {}, 'html': html})}/>")

    def _keep_if_marked(self, mid: str) -> None:
        """A pair the page marks not to translate (``<span translate="no">``, a
        ``notranslate`` class, a ``lang`` of another language) or an inline code element
        (``<kbd>``, ``<samp>``, ``<var>``): its words become one standalone marker holding
        their HTML, never MT. The entry keeps its tag and attributes, as the HTML reader's
        (dom.Inline.element): its ``title`` goes to MT unless the element is marked not to
        translate or in another language (dom.attributes_untranslatable), in both readers.
        (Before, the Markdown reader froze the start tag in the HTML: a ``<kbd title>``
        kept an Italian tooltip in every translation the HTML reader translated.) A hidden
        pair (``display: none``, ``hidden``) is kept the same way, with no plain text, as in
        an HTML block (was: its words sent to MT and shown in ``ID.LANG.txt``)."""
        entry = self.table[mid]
        element = dom.parse_html(f"<div>{_open_html(entry['tag'], entry['attrs'])}x</div>")
        marked = next(iter(element.body[0]), None)
        if marked is None:
            return
        hidden = dom.is_hidden(marked)  # kept as written too, shown in no plain text
        kept = entry["tag"] in OPAQUE_TAGS or hidden or dom.untranslatable(marked, self.source_lang)
        spoken = dom.screen_reader_only(marked)  # translated, unless it is chrome (below)
        if not kept and not spoken:
            return
        start = self.opened_at.get(mid, -1)  # (parts only grow or lose their tail)
        if not 0 <= start < len(self.parts) or self.parts[start] != f"<g{mid}>":
            start = self.parts.index(f"<g{mid}>")
        inner = "".join(self.parts[start + 1 : -1])
        if not balanced(inner):
            return
        if not kept:  # screen-reader text: a share label is chrome, as in an HTML page
            if not dom.screen_reader_chrome(strip(inner, self.table)):
                return
            hidden = True
        entry["html"] = to_html(inner, self.table)
        entry["text"] = "" if hidden else strip(inner, self.table)
        self.parts[start:] = [f"<x{mid}/>"]
        for inside in set(_MARKER_ID.findall(inner)):  # in the kept HTML now: no alt, title to MT
            self.table.pop(inside, None)

    def result(self) -> str:
        if self.whole is not None:  # not closed in its paragraph: kept to its end, as written
            self._close_whole("")
        self._byline_breaks()
        text = _WS.sub(" ", "".join(self.parts)).strip()
        opened = [mid for _, mid in self.html_open if mid]  # (a <p> unwrapped has none)
        if opened or not balanced(text):  # a tag left open, or crossing emphasis: as text
            text = self._as_literal(text, opened)
        return text

    def _byline_breaks(self) -> None:
        """The soft line breaks around a line that is a byline (``di Mario Rossi`` then
        ``ROMA — Il governo …`` on the next line of the paragraph) kept as literal line
        breaks that end a segment (:data:`LINE_END`), so the byline is a segment of its own
        and found as a bare-line byline is (protect.spans.byline_spans): names kept, "di"
        the catalog's. (Was: the break read as a space, the whole paragraph one segment
        to MT, which rewrote the names.)"""
        breaks = [i for i, part in enumerate(self.parts) if part == "\n"]
        if not breaks:
            return
        bounds = [-1, *breaks, len(self.parts)]
        for start, end in itertools.pairwise(bounds):
            if not _is_byline("".join(self.parts[start + 1 : end]), self.source_lang):
                continue
            for at in (start, end):
                if at in breaks:
                    entry = {"tag": None, "attrs": {}, "text": "\n", "markdown": True}
                    self.parts[at] = f"<x{self._new({**entry, LINE_END: True})}/>"

    def _as_literal(self, text: str, opened: list[str]) -> str:
        """The HTML tags of ``text`` back as literal markers (their HTML kept): every pair
        made of inline HTML, ``<a href>`` and ``<em>`` too (was: only tags Markdown has no
        syntax for, so a ``<a href>`` left open came out as ``[`` without its link)."""
        names = {m: str(self.table[m]["tag"]) for m in self.html_pairs if m in self.table}
        crossing = not balanced(text)

        def literal(m: re.Match[str]) -> str:
            mid = m.group(2)
            if mid not in names or not (crossing or mid in opened):
                return m.group(0)
            if m.group(1):
                return f"<x{self._new({'tag': None, 'attrs': {}, 'html': f'</{names[mid]}>'})}/>"
            entry = self.table[mid]
            entry["html"] = _open_html(names[mid], entry["attrs"])
            entry["tag"], entry["attrs"] = None, {}
            return f"<x{mid}/>"

        return re.sub(r"<(/?)g(\d+)>", literal, text)
