"""Inline markup inside translatable text: markers, rendering and projection repair.

A rich reader (HTML page, WordPress post, Markdown) turns the inline markup of
a block (``<a href>``, ``<em>``, ``<strong>``, ``<b>``, ``<i>``, ``<span>``,
``<sup>``, ``<sub>``, ``<br>``, ``<code>``, images, and the Markdown forms of
these) into *markers* in the block text, and keeps the tags and attributes in
the block's ``meta["markup"]`` table, keyed by marker number::

    text   = "Il <g1>rapporto</g1> dell'<g2>ONU</g2><x3/>"
    markup = {"1": {"tag": "a", "attrs": {"href": "https://example.org/r"}},
              "2": {"tag": "strong", "attrs": {}},
              "3": {"tag": "br", "attrs": {}}}

``<gN>...</gN>`` is a paired tag around words, ``<xN/>`` a standalone one. Inline
code is a standalone marker whose table entry holds the code (``text``), so code
never reaches a model. The marker form is the XLIFF 1.2 ``<g>``/``<x/>`` idea in
short: no quote, colon or digit group that typography or number rewriting would
touch, and the protect/restore layer (issue 11) turns each marker into a
placeholder before MT and back afterwards.

After translation :func:`repair` checks that every marker of the source is in
the target at most once and properly nested; markup the model lost, doubled,
crossed or closed around no word goes back around its own words (as the protect
layer places it, :mod:`pipeline.protect.pairs`; standalone markers beside their
source neighbour word's translation, else at the end)
and is reported. A pair with no honest place is left out of the target (never
filled with untranslated source text) and reported with its source text and URL,
so markup is never dropped silently.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Collection, Mapping
from html import escape
from typing import Annotated, Any

import msgspec
from msgspec import Meta

from pipeline import schema
from pipeline.schema import Text

MARKER = re.compile(r"<(/?)g(\d+)>|<x(\d+)/>")
# One HTML start or end tag written as text, as the HTML tokenizer reads one (WHATWG HTML
# 13.2.5.6-8, in short: "<" or "</", a name that starts with an ASCII letter and runs to
# whitespace, "/" or ">", then attributes after whitespace, an optional "/" and ">").
# ``<a href="x">``, ``</a>``, ``<br/>``, ``<br />``, ``<o:p>`` (Word's namespaced tags)
# and this module's markers (``<g1>``, ``<x2/>``) match; text that only looks like a tag
# does not: ``3 < 5``, ``a<b``, ``<3``, ``<!-- -->``, ``<a"x">``. Groups: 1 the "/" of an
# end tag, 2 the name as written, 3 the "/" of a self-closing tag. A ">" inside a quoted
# attribute value ends the match there, where a browser would read on: a caller that needs
# the whole tag uses ``fullmatch`` and treats a failed match as text. Used by the Markdown
# reader (inline HTML, unpaired tags of an HTML block) and by post-editing import (the
# codes of a segment, HTML typed into a target); one pattern so they agree on what a tag is.
HTML_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)(?:\s[^<>]*?)?(/?)>")
_WORD = re.compile(r"\w")
MARKUP_CHECK = "markup"
VOID_TAGS = frozenset({"br", "img", "wbr"})
# HTML's void elements (https://html.spec.whatwg.org/#void-elements, and the obsolete
# keygen): a start tag only, never an end tag (``</source>`` in a ``<picture>`` is a
# parse error a validator names and some CMS filters choke on).
HTML_VOID = ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
             "param", "source", "track", "wbr", "keygen")  # fmt: skip
# Tags whose content is never translated: kept whole in the table as a standalone marker.
OPAQUE_TAGS = frozenset({"code", "kbd", "samp", "var", "math", "svg"})
# Attributes whose value is text a reader sees or hears: a tooltip, an image's text, what a
# screen reader says for an element (WAI-ARIA aria-label), a header cell's short form
# (HTML ``th abbr``). Translated as their own segments; every other value is kept.
TRANSLATED_ATTRS = ("title", "alt", "aria-label", "abbr")
# Attributes naming the language of an element's text: in a translation, one that names the
# source language names the target language (the text is in it now); see writers.common.
LANG_ATTRS = ("lang", "xml:lang")

Table = Mapping[str, Mapping[str, Any]]
AttrText = Callable[[str, str, str], str]


# Characters that end a line (Unicode UAX #14 mandatory breaks, and the separators Python's
# str.splitlines() also cuts at). A segment of a title, paragraph or caption is part of one
# line of its block in every output (``ID.LANG.txt`` is one paragraph per line, and a blank
# line starts a new Markdown paragraph), so the only line break it can carry is a ``<br>``
# marker (``<xN/>``): what the outputs render as ``<br>``, a Markdown hard break, a space.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_RUN = re.compile(f"[ \t]*(?:[{LINE_BREAKS}][ \t]*)+")
_BREAK = re.compile(f"[{LINE_BREAKS}]")


def fold_breaks(text: str) -> str:
    """``text`` with each run of line breaks (and the spaces or tabs around it) as one space.

    A run at either end of ``text`` is removed (a CAT tool's pretty-printing around a
    target). No other character changes, so no text is lost. Used where text from
    outside the readers becomes a segment's target (post-editing import) and by the
    writers of line-based outputs.
    """
    if not _BREAK.search(text):  # the common case, without a substitution
        return text
    end = len(text)
    return _BREAK_RUN.sub(lambda m: "" if m.start() == 0 or m.end() == end else " ", text)


def strip(text: str, table: Table | None = None) -> str:
    """Plain text without markers (inline code and literal look-alikes kept as text).

    With the block's ``table``, a marker-shaped text whose number the table lacks
    (``<g1>`` written in a plain-text article, or typed by a translator) is not ours and
    stays, as :func:`to_html` writes it; without a table every marker goes.
    """

    def sub(m: re.Match[str]) -> str:
        if table is not None and (m.group(3) or m.group(2)) not in table:
            return m.group(0)
        if m.group(3) and table:
            entry = table.get(m.group(3), {})
            return str(entry.get("text", "")) if entry.get("tag") != "br" else " "
        return ""

    return MARKER.sub(sub, text)


def markers(text: str) -> list[tuple[str, str]]:
    """``[(kind, id)]`` in order; kind is ``open``, ``close`` or ``void``."""
    out = []
    for m in MARKER.finditer(text):
        if m.group(3):
            out.append(("void", m.group(3)))
        else:
            out.append(("close" if m.group(1) else "open", m.group(2)))
    return out


def has_markers(text: str) -> bool:
    return MARKER.search(text) is not None


def balanced(text: str) -> bool:
    """True when every ``<gN>`` in ``text`` is closed inside it, properly nested."""
    stack: list[str] = []
    for kind, mid in markers(text):
        if kind == "open":
            stack.append(mid)
        elif kind == "close":
            if not stack or stack[-1] != mid:
                return False
            stack.pop()
    return not stack


# A shortcode as a marker's table entry holds it (``text``): Hugo ``{{< name … >}}``,
# ``{{% name %}}``, ``{{< /name >}}``, a self-closing ``{{< name … />}}``; WordPress
# ``[name …]``, ``[/name]``, ``[name … /]``. Groups: 1 the closing "/", 2 the name, 3 the
# self-closing "/".
_SHORTCODE_CODE = re.compile(
    r"\{\{[<%]\s*(/?)\s*([A-Za-z][\w.-]*)(?:\s.*?)?(/?)\s*[>%]\}\}"
    r"|\[(/?)([A-Za-z][\w-]*)(?:\s.*?)?(/?)\]",
    re.S,
)


def shortcode_pairs(source: str, table: Table) -> dict[str, str]:
    """Standalone markers of ``source`` that are a shortcode's opening and closing codes
    (``{{< tooltip … >}}`` … ``{{< /tooltip >}}``, ``[caption …]`` … ``[/caption]``),
    as a map each id -> its partner's id. They are one element to a site generator, so
    they must stay in order and nested as tags do (was: two unrelated markers, so a model
    or a translator that swapped them wrote ``{{< /tooltip >}}…{{< tooltip >}}``)."""
    stacks: dict[str, list[str]] = {}
    partner: dict[str, str] = {}
    for kind, mid in markers(source):
        m = _SHORTCODE_CODE.fullmatch(str((table.get(mid) or {}).get("text") or ""))
        if kind != "void" or m is None or (table.get(mid) or {}).get("tag"):
            continue
        closing, name, selfclosing = (m[1], m[2], m[3]) if m[2] else (m[4], m[5], m[6])
        if selfclosing:
            continue
        if not closing:
            stacks.setdefault(name.lower(), []).append(mid)
        elif stacks.get(name.lower()):
            opened = stacks[name.lower()].pop()
            partner[opened], partner[mid] = mid, opened
    return partner


def _as_pairs(text: str, partner: Mapping[str, str]) -> list[tuple[str, str]]:
    """``text``'s markers with each shortcode code of ``partner`` as an open or close of a
    pair named ``sN`` (N the opening code's id) in the order the text has them."""
    out = []
    for kind, mid in markers(text):
        if kind != "void":
            out.append((kind, f"g{mid}"))
        elif mid in partner:
            first = min(mid, partner[mid], key=int)
            out.append(("open" if mid == first else "close", f"s{first}"))
    return out


def shortcodes_nested(text: str, partner: Mapping[str, str]) -> bool:
    """Whether every shortcode pair of ``partner`` found in ``text`` opens before it closes
    and crosses no other pair (tags or shortcodes), as in the source."""
    stack: list[str] = []
    for kind, pid in _as_pairs(text, partner):
        if kind == "open":
            stack.append(pid)
        elif pid in stack:
            if stack[-1] != pid and (pid[0] == "s" or stack[-1][0] == "s"):
                return False
            stack.remove(pid)
        elif pid[0] == "s":  # closed before it opened
            return False
    return True


def order_shortcodes(
    text: str, partner: Mapping[str, str], table: Table | None = None
) -> tuple[str, list[str]]:
    """``text`` with each shortcode pair whose closing code comes before its opening code
    put back in order (the two markers exchanged), and a note per pair so moved, naming
    the shortcode as the page has it where ``table`` is given."""
    notes = []
    for mid, other in partner.items():
        if int(mid) > int(other):
            continue
        at_open, at_close = text.find(f"<x{mid}/>"), text.find(f"<x{other}/>")
        if 0 <= at_close < at_open:
            text = (
                text.replace(f"<x{mid}/>", "\x04")
                .replace(f"<x{other}/>", f"<x{mid}/>")
                .replace("\x04", f"<x{other}/>")
            )
            name = str(((table or {}).get(other) or {}).get("text") or "")
            notes.append(
                f"shortcode <x{other}/>{f' ({name})' if name else ''} closed before "
                f"<x{mid}/> opened it; put back in order"
            )
    return text, notes


def keep_markup_whole(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Merge ``(sentence, space_after)`` pairs so no paired marker spans two segments.

    Joining the result gives the same text (the segmenter's lossless rule holds).
    Each sentence's markers are read once, onto the stack of pairs still open: checking
    the whole run merged so far after every sentence (:func:`balanced`) read it again
    and again, and a paragraph whose pairs cross (``<g1>a <g2>b</g1> c</g2>``) or stay
    open never balances, so 4,000 sentences after one read 164M characters (n²).
    """
    out: list[tuple[str, str]] = []
    pending: list[str] = []
    still_open: list[str] = []
    crossed = False  # a close that is not the innermost open: the run never balances again
    for sentence, space in pairs:
        pending.append(sentence)
        crossed = crossed or not _track_pairs(sentence, still_open)
        if crossed or still_open:
            pending.append(space)
            continue
        out.append(("".join(pending), space))
        pending = []
    text = "".join(pending)
    if text:
        out.append((text.rstrip(), text[len(text.rstrip()) :]))
    return out


def _track_pairs(text: str, still_open: list[str]) -> bool:
    """Push ``text``'s opening markers on ``still_open`` and pop its closing ones; False
    at a close that is not the innermost open pair (the pairs do not nest)."""
    for kind, mid in markers(text):
        if kind == "open":
            still_open.append(mid)
        elif kind == "close":
            if not still_open or still_open[-1] != mid:
                return False
            still_open.pop()
    return True


# An opening marker run at a sentence's end and a closing run at its start: they belong to
# the sentence after or before (:func:`split_across`).
_TRAILING_OPENS = re.compile(r"(?:<g\d+>)+\Z")
_LEADING_CLOSES = re.compile(r"\A(?:</g\d+>)+")
_PAIR_MARKER = re.compile(r"<(/?)g(\d+)>")


def split_across(pairs: list[tuple[str, str]]) -> list[tuple[str, str]] | None:
    """``(sentence, space_after)`` pairs with each paired marker that spans a sentence
    boundary closed at the end of each sentence it covers and opened again at the start
    of the next, the same id in each (``<g1>A. B.</g1>`` -> ``<g1>A.</g1> <g1>B.</g1>``).

    Why: a WordPress or Google-Docs paste wraps a whole paragraph in one
    ``<span style>``, ``<b>`` or ``<a>``; kept whole (:func:`keep_markup_whole`), its
    sentences went to MT as one long unit. This is what CAT tools do with paired codes
    across segments; :func:`join_split` gives the one element back in every output.
    The joined result is the block's new text (the segmenter's lossless rule holds for
    it). None when the markers do not nest (the caller keeps such a paragraph whole).
    """
    pieces = _moved_edges([list(p) for p in pairs])
    out: list[tuple[str, str]] = []
    stack: list[str] = []  # the pairs open where the next sentence starts
    for sentence, space in pieces:
        if not sentence.strip():  # nothing to wrap (a whitespace-only paragraph)
            out.append((sentence, space))
            continue
        body = "".join(f"<g{mid}>" for mid in stack) + sentence
        for m in _PAIR_MARKER.finditer(sentence):
            if not m[1]:
                stack.append(m[2])
            elif not stack or stack.pop() != m[2]:
                return None
        out.append((body + "".join(f"</g{mid}>" for mid in reversed(stack)), space))
    return None if stack else out


def _moved_edges(pieces: list[list[str]]) -> list[list[str]]:
    """Opening markers that end a sentence moved to the start of the next, closing ones
    that start a sentence to the end of the one before (each would wrap nothing there)."""
    for i in range(len(pieces) - 1):
        m = _TRAILING_OPENS.search(pieces[i][0])
        if m and m.start() > 0:
            pieces[i][0] = pieces[i][0][: m.start()]
            pieces[i + 1][0] = m[0] + pieces[i + 1][0]
    for i in range(1, len(pieces)):
        m = _LEADING_CLOSES.match(pieces[i][0])
        if m and m.end() < len(pieces[i][0]):
            pieces[i][0] = pieces[i][0][m.end() :]
            pieces[i - 1][0] += m[0]
    return pieces


# A pair closed and opened again with nothing but spaces or punctuation between: what
# :func:`split_across` made of one pair that spans sentences (no other text has an id twice).
_SPLIT_PAIR = re.compile(r"</g(\d+)>([^\w<]*)<g\1>")


def join_split(text: str) -> str:
    """``text`` with each pair :func:`split_across` cut at sentence boundaries one pair
    again (``<g1>A.</g1> <g1>B.</g1>`` -> ``<g1>A. B.</g1>``): a link keeps its one
    ``href``, a bold its one element. Nested pairs join one level per pass. Punctuation
    a model put outside the first piece's close goes inside the joined pair."""
    if "</g" not in text:
        return text
    before = None
    while before != text:
        before = text
        text = _SPLIT_PAIR.sub(r"\2", text)
    return text


def protect_spans(text: str) -> list[Any]:
    """The markers of ``text`` as protect-layer spans (kind ``tag``), paired by marker id.

    The protect layer (:mod:`pipeline.protect`) swaps them for placeholders the
    model copies, and puts them back (repairing drops and crossings) after MT.
    """
    if "<" not in text:
        return []
    from pipeline.protect import ATOMIC, CLOSE, OPEN, Span

    spans = []
    for m in MARKER.finditer(text):
        role = ATOMIC if m.group(3) else (CLOSE if m.group(1) else OPEN)
        pair = None if m.group(3) else int(m.group(2))
        spans.append(Span(m.start(), m.end(), "tag", m.group(0), m.group(0), role, pair))
    return spans


# --- rendering --------------------------------------------------------------


def _attrs_html(mid: str, attrs: Mapping[str, str], attr_text: AttrText | None) -> str:
    parts = []
    for name, value in attrs.items():
        if attr_text is not None and (name in TRANSLATED_ATTRS or name in LANG_ATTRS):
            value = attr_text(mid, name, value)
        parts.append(f" {name}" if value is None else f' {name}="{escape(str(value))}"')
    return "".join(parts)


def _open_tag(mid: str, entry: Mapping[str, Any], attr_text: AttrText | None) -> str:
    return f"<{entry['tag']}{_attrs_html(mid, entry.get('attrs', {}), attr_text)}>"


# A Hugo shortcode the Markdown reader kept whole (``{{< figure src="a.jpg" >}}``): Hugo runs
# shortcodes in HTML content files too, so ID.LANG.html writes its delimiters raw (was
# ``{{&lt; figure … &gt;}}``, which Hugo shows as text). Only ``{{<`` followed by white
# space, which no HTML parser reads as a tag: ``{{<figure`` would open a ``<figure>``
# element and ``{{</* … */>}}`` a comment, so those stay escaped. ``{{% … %}}`` has no
# character to escape in its delimiters.
_HUGO_SHORTCODE = re.compile(r"\{\{<(?=[ \t\n])(.*)>\}\}", re.S)
# A link destination that is a Hugo shortcode
# (readers.markdown.shortcodes._shortcode_destinations).
_HUGO_DESTINATION = re.compile(r"\{\{<\s[^\n]*>\}\}|\{\{%\s[^\n]*%\}\}")


def literal_html(entry: Mapping[str, Any]) -> str:
    """A literal marker's text as HTML: escaped, except the delimiters of a shortcode a
    Markdown reader recognised (``markdown``; :data:`_HUGO_SHORTCODE`). Inside those, each
    ``<`` is escaped, so nothing in it can open a tag; ``&`` and ``>`` are left as the
    shortcode has them, since Hugo passes its parameters on as the file writes them (a
    translated caption's ``&quot;`` is a character reference the page shows as ``"``)."""
    text = str(entry.get("text", ""))
    m = _HUGO_SHORTCODE.fullmatch(text) if entry.get("markdown") else None
    if m is None or ">}}" in m[1]:
        return escape(text, quote=False)
    return "{{<" + m[1].replace("<", "&lt;") + ">}}"


@functools.cache
def _footnote_renderer() -> Any:
    """markdown-it with the footnote plugin: its render rules write the footnote links."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    return MarkdownIt("commonmark").use(footnote_plugin)


def footnote_html(entry: Mapping[str, Any]) -> str | None:
    """A Markdown footnote literal as HTML (readers.markdown.footnotes): a call as the
    footnote plugin renders it (``<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]
    </a></sup>``), a definition's label as its note's anchor (``id="fn1"``, the plugin's
    ``footnote-item``) linking back to the first call. None where the entry's numbers are
    not the reader's (an edited document): the literal is written as text then."""
    from markdown_it.token import Token

    note = entry.get("footnote")
    if not isinstance(note, Mapping):
        return None
    ident, sub = note.get("id"), note.get("subId", 0)
    if not all(type(n) is int and 0 <= n < 100_000 for n in (ident, sub)):
        return None
    md = _footnote_renderer()
    rules = md.renderer.rules
    tokens = [Token("footnote_ref", "", 0, meta={"id": ident, "subId": sub})]
    caption = rules["footnote_caption"](tokens, 0, md.options, {})
    if note.get("in_link") is True:  # no link inside a link: the plugin's caption alone
        return f'<sup class="footnote-ref">{caption}</sup>'
    if note.get("note") is not True:
        return rules["footnote_ref"](tokens, 0, md.options, {})
    name = rules["footnote_anchor_name"](tokens, 0, md.options, {})
    brk = "<br>\n" if str(entry.get("text", "")).startswith("\n") else ""
    anchor = "" if note.get("duplicate") is True else f' id="fn{name}"'  # one id a page
    return (
        f'{brk}<span{anchor} class="footnote-item">'
        f'<a href="#fnref{name}" class="footnote-backref">{caption}</a></span>'
    )


def _void_html(
    mid: str, entry: Mapping[str, Any], attr_text: AttrText | None, md: bool = False
) -> str:
    """A standalone marker as HTML; ``md``: inside Markdown (:func:`_md_html`)."""
    tag = entry.get("tag")
    if not tag and "html" in entry:  # inline HTML of a Markdown source, made safe there
        return _md_html(str(entry["html"])) if md else str(entry["html"])
    if not tag and entry.get("footnote") and entry.get("markdown"):
        return footnote_html(entry) or literal_html(entry)
    if not tag:  # literal text that looked like a marker, a shortcode
        return literal_html(entry)
    if tag in HTML_VOID:  # VOID_TAGS among them
        return _open_tag(mid, entry, attr_text)
    inner = entry.get("html")
    if inner is None:
        inner = escape(str(entry.get("text", "")), quote=False)
    return f"{_open_tag(mid, entry, attr_text)}{_md_html(inner) if md else inner}</{tag}>"


# Kept HTML written into Markdown: only its tags are raw HTML to CommonMark (spec 6.6), the
# text between them is read as Markdown, so its syntax characters are escaped there (was:
# ``<kbd>\\*x\\*</kbd>`` read back as emphasis, ``\\<abbr>`` as the text "<abbr>"). Entity
# references mean the same in both and stay.
_HTML_PIECES = re.compile(r"(<!--.*?-->|<[^<>]*>)", re.S)
_MD_SYNTAX = re.compile(r"([\\`*_\[\]~])")


def _md_html(html: str) -> str:
    """``html`` with Markdown syntax escaped in its text, its tags and comments as they are."""
    parts = _HTML_PIECES.split(html)
    return "".join(p if i % 2 else _MD_SYNTAX.sub(r"\\\1", p) for i, p in enumerate(parts))


def _code_span(code: str) -> str:
    """``code`` as a CommonMark code span (spec 6.1): a backtick run longer than any inside,
    a space inside it where the code starts or ends with a backtick or with spaces at
    both ends (which the span would strip); empty code as ``<code></code>`` (was: ``````
    around a code starting with a backtick, and an empty code written as two backticks)."""
    if not code:
        return "<code></code>"
    fence = "`" * (max((len(r) for r in re.findall("`+", code)), default=0) + 1)
    pad = " " if "`" in (code[0], code[-1]) or (code[0] == code[-1] == " " and code.strip()) else ""
    return f"{fence}{pad}{code}{pad}{fence}"


_EMPTY_PAIR = re.compile(r"<g(\d+)>((?:\s|<x\d+/>)*)</g\1>")


def unwrap_empty(text: str, table: Table) -> str:
    """``text`` without ``table``'s pairs around nothing but spaces and line breaks.

    An empty link (``<a href></a>``, ``[](url)``) cannot be clicked and hides that
    the link was lost; :func:`repair` reports and re-places those of MT, and the
    writers call this for text that never went through it (a human translation).
    """
    before = None
    while before != text:
        before = text
        text = _EMPTY_PAIR.sub(lambda m: _unwrapped(m, table), text)
    return text


def without_empty(text: str, table: Table) -> str:
    """``text`` without the markers of ``table``'s literals that show nothing (a shortcode
    as plain text or a bundle page shows it, writers.common.shortcodes_as_text: ``[gallery
    ids="1,2"]``), each run of them with the space before it where a space, a closing
    punctuation mark or the end follows (``con [gallery] dentro``: ``con dentro``, not two
    spaces; ``le foto [gallery].``: ``le foto.``), and with the spaces after it at the
    start (``[audio][/audio]`` is one run)."""
    present = {m[3] for m in MARKER.finditer(text) if m[3] is not None}
    gone = [mid for mid in present if _shows_nothing(table.get(mid))]
    if not gone:  # (only the markers in ``text``: the table may hold a paragraph's thousands)
        return text
    run = rf"(?:<x(?:{'|'.join(map(re.escape, gone))})/>)+"
    return re.sub(rf"^{run} *| ?{run}(?=\s|$|[.,;:!?…)\]])|{run}", "", text)


def _shows_nothing(entry: dict[str, Any] | None) -> bool:
    """A literal (no tag) whose text is empty: a shortcode that shows nothing as text."""
    return entry is not None and entry.get("tag") is None and entry.get("text") == ""


def _unwrapped(m: re.Match[str], table: Table) -> str:
    """The inside of an empty pair of ``table`` (spaces, line breaks), else the match."""
    breaks = all(table.get(v, {}).get("tag") == "br" for v in re.findall(r"<x(\d+)/>", m[2]))
    return m[2] if m[1] in table and breaks else m[0]


def to_html(text: str, table: Table, attr_text: AttrText | None = None) -> str:
    """Marker text -> an HTML fragment; text is escaped, attributes come from ``table``.

    ``attr_text(marker_id, name, value)`` supplies translated ``title``/``alt``.
    A marker missing from the table is written as escaped text (it is not ours); a
    pair around nothing but spaces is not written (:func:`unwrap_empty`), nor a literal
    that shows nothing with the space before it (:func:`without_empty`).
    """
    text = unwrap_empty(without_empty(join_split(text), table), table)
    out: list[str] = []
    pos = 0
    for m in MARKER.finditer(text):
        out.append(escape(text[pos : m.start()], quote=False))
        pos = m.end()
        mid = m.group(3) or m.group(2)
        entry = table.get(mid)
        if entry is None:
            out.append(escape(m.group(0), quote=False))
        elif m.group(3):
            out.append(_void_html(mid, entry, attr_text))
        elif m.group(1):
            out.append(f"</{entry['tag']}>")
        else:
            out.append(_open_tag(mid, entry, attr_text))
    out.append(escape(text[pos:], quote=False))
    return "".join(out)


_MD_PAIRS = {"em": "*", "i": "*", "strong": "**", "b": "**"}
# The attributes a Markdown form can hold (CommonMark 6.2 emphasis, 6.3 links, 6.4 images,
# 6.7 hard breaks): an element with any other (a link's ``target``/``rel``/``class``, an
# image's ``width``/``id``, an emphasis with ``class`` or ``lang``) is written as HTML.
_MD_ATTRS: dict[str, frozenset[str]] = {
    **{tag: frozenset() for tag in _MD_PAIRS},
    "br": frozenset(),
    "a": frozenset({"href", "title"}),
    "img": frozenset({"src", "alt", "title"}),
}
_MD_HTML = {"em": "em", "i": "em", "strong": "strong", "b": "strong"}  # the same as HTML
# Markdown syntax characters in text, and an "&" that starts what CommonMark reads as an
# entity or character reference ("&copy;", "&#169;" written as text would show "©").
_MD_ESCAPE = re.compile(r"([\\`*_\[\]<>]|&(?=#?[0-9A-Za-z]+;))")


def md_form(entry: Mapping[str, Any]) -> bool:
    """True when ``entry``'s element has a Markdown form that holds all its attributes.

    Otherwise the Markdown writers keep it as HTML (``<img src alt width>``, ``<a href
    target>``), which CommonMark allows inline: a Markdown form dropped those silently.
    An ``<a>`` without ``href`` (a named anchor, or a link whose script URL was dropped)
    shows as text, not as a link: HTML too (``[text]()`` is a link to the page itself).
    """
    allowed = _MD_ATTRS.get(str(entry.get("tag")))
    attrs = set(entry.get("attrs") or {})
    if entry.get("tag") == "a" and "href" not in attrs:
        return False  # an anchor without href is no link; ``[text]()`` links to the page
    return allowed is not None and attrs <= allowed


def md_destination(url: str, title: str | None = None) -> str:
    """``(url "title")`` of a Markdown link or image, for any URL and title (CommonMark 6.3).

    A URL with parentheses (Wikipedia's ``Roma_(città)``) or angle brackets goes in
    ``<...>``, where it needs no balancing; a ``"`` or ``\\`` in the title is escaped.
    Without this the link came out as literal ``[text](...`` text.
    """
    if not _HUGO_DESTINATION.fullmatch(url):  # [a]({{< ref "a.md" >}}): Hugo runs it first
        url = url.replace(" ", "%20")
        if any(c in url for c in "()<>"):
            url = "<" + re.sub(r"([<>\\])", r"\\\1", url) + ">"
    if not title:
        return f"({url})"
    if not url:  # ``( "t")`` is a link to ``"t"``: an empty URL before a title is ``<>``
        url = "<>"
    return f'({url} "' + str(title).replace("\\", "\\\\").replace('"', '\\"') + '")'


def md_label(text: str) -> str:
    """Text inside ``[...]`` of an image (its alt), with Markdown syntax escaped."""
    return _MD_ESCAPE.sub(r"\\\1", text)


def _md_link_close(entry: Mapping[str, Any], attr_text: AttrText | None, mid: str) -> str:
    attrs = entry.get("attrs", {})
    title = attrs.get("title")
    if title is not None and attr_text is not None:
        title = attr_text(mid, "title", title)
    return "]" + md_destination(str(attrs.get("href", "")), title)


def _md_void(
    mid: str, entry: Mapping[str, Any], attr_text: AttrText | None, one_line: bool = False
) -> str:
    tag = entry.get("tag")
    if tag == "br" and md_form(entry):
        return "<br>" if one_line else "\\\n"
    if tag == "img" and md_form(entry):
        attrs = entry.get("attrs", {})
        alt, title = attrs.get("alt", ""), attrs.get("title")
        if attr_text is not None:
            alt = attr_text(mid, "alt", alt)
            title = attr_text(mid, "title", title) if title else title
        return f"![{md_label(alt)}]" + md_destination(str(attrs.get("src", "")), title)
    if tag == "code" and not entry.get("attrs"):  # a code span has no attributes: one
        return _code_span(str(entry.get("text", "")))  # with a title or class is HTML
    if not tag and entry.get("markdown"):  # Markdown syntax kept as text (a footnote call)
        return str(entry.get("text", ""))
    if not tag and "html" not in entry:
        return _MD_ESCAPE.sub(r"\\\1", str(entry.get("text", "")))
    return _void_html(mid, entry, attr_text, md=True)


# Spans whose delimiters CommonMark only honours when no whitespace is just inside
# them (left-/right-flanking delimiter runs, spec 6.2), and link text brackets.
_MD_TRIMMED = frozenset({*_MD_PAIRS, "s", "del", "strike", "a"})
_OPEN_WS = re.compile(r"(\s?)<g(\d+)>(\s+)")
_WS_CLOSE = re.compile(r"(\s+)</g(\d+)>(\s?)")


def _trim_spans(text: str, table: Table) -> str:
    """Whitespace just inside emphasis, strike or link markers moved outside them.

    A model often writes ``** x **``, which CommonMark shows as literal asterisks.
    ``a <g1> x </g1> b`` -> ``a <g1>x</g1> b`` (no doubled space); nested spans are
    trimmed outward one level per pass. An emphasis left empty is dropped; the
    text's own ends keep their whitespace (none moved there).
    """
    start, end = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]

    def trimmed(mid: str) -> bool:
        return str(table.get(mid, {}).get("tag")) in _MD_TRIMMED

    def lead(m: re.Match[str]) -> str:
        if not trimmed(m.group(2)):
            return m.group(0)
        return f"{m.group(1) or m.group(3)}<g{m.group(2)}>"

    def trail(m: re.Match[str]) -> str:
        if not trimmed(m.group(2)):
            return m.group(0)
        return f"</g{m.group(2)}>{m.group(3) or m.group(1)}"

    before = None
    while before != text:
        before = text
        text = _WS_CLOSE.sub(trail, _OPEN_WS.sub(lead, text))

    def empty(m: re.Match[str]) -> str:
        return "" if str(table.get(m.group(1), {}).get("tag")) in _MD_PAIRS else m.group(0)

    return start + re.sub(r"<g(\d+)></g\1>", empty, text).strip() + end


_BREAK_CLOSE = re.compile(r"<x(\d+)/>(\s*)</g(\d+)>")
_OPEN_BREAK = re.compile(r"<g(\d+)>(\s*)<x(\d+)/>")


def _breaks_outside(text: str, table: Table) -> str:
    """``<br>`` markers at the inner edge of an emphasis or link moved just outside it.

    A hard line break ends its line, so a closing ``*`` or ``](`` after it starts the
    next line and no longer closes (CommonMark 6.2: not right-flanking after a line
    end): ``*word \\`` + newline + ``*`` showed its asterisks as text.
    """

    def trimmed(mid: str) -> bool:
        return str(table.get(mid, {}).get("tag")) in _MD_TRIMMED

    def brk(mid: str) -> bool:
        return table.get(mid, {}).get("tag") == "br"

    def out_close(m: re.Match[str]) -> str:
        if not (brk(m[1]) and trimmed(m[3])):
            return m[0]
        return f"{m[2]}</g{m[3]}><x{m[1]}/>"

    def out_open(m: re.Match[str]) -> str:
        if not (brk(m[3]) and trimmed(m[1])):
            return m[0]
        return f"<x{m[3]}/>{m[2]}<g{m[1]}>"

    before = None
    while before != text:
        before = text
        text = _OPEN_BREAK.sub(out_open, _BREAK_CLOSE.sub(out_close, text))
    return text


def _content_end(text: str) -> int:
    """Where the last text or standalone marker of ``text`` ends: after it come only spaces
    and pair markers, so a hard line break (``\\`` + newline) there ends the paragraph,
    where CommonMark shows the ``\\`` as text (spec 6.7), and a ``<br>`` at or past it is
    written as the HTML tag. One pass (was one pass of the rest per ``<br>``: a paragraph
    of 8,000 line breaks took 21 s)."""
    end, pos = 0, 0
    for m in MARKER.finditer(text):
        between = text[pos : m.start()]
        if between.strip():
            end = pos + len(between.rstrip())
        if m.group(3):
            end = m.end()
        pos = m.end()
    rest = text[pos:]
    return pos + len(rest.rstrip()) if rest.strip() else end


_SPACES = re.compile(r"\s*")


def _html_next(text: str, pos: int, table: Table) -> bool:
    """True when the Markdown written for ``text[pos:]`` starts (after spaces) with inline
    HTML: a hard line break (``\\`` + newline) there would put it at a line start, where
    ``<script>``, ``<div>``, ``<iframe>`` or ``<!--`` start an HTML block that cuts the
    paragraph (CommonMark 4.6, kinds 1-6), so a ``<br>`` there is written as the tag."""
    m = MARKER.match(text, _SPACES.match(text, pos).end())  # (no copy of the rest)
    if m is None or (m.group(2) or m.group(3)) not in table:
        return False
    entry = table[m.group(2) or m.group(3)]
    tag = entry.get("tag")
    if tag is None:  # kept HTML, or literal text written as Markdown
        return "html" in entry and not entry.get("markdown")
    return not (md_form(entry) or (tag == "code" and not entry.get("attrs")))


def to_markdown(
    text: str, table: Table, attr_text: AttrText | None = None, one_line: bool = False
) -> str:
    """Marker text -> Markdown inline syntax (HTML for tags Markdown has no form for).

    ``one_line``: for a construct that ends at its line (an ATX heading, a GFM table
    cell), where CommonMark has no hard line break: a ``<br>`` is written as the HTML
    tag (inline HTML is allowed there) and a newline in the text as a space. Emphasis
    whose ``*`` CommonMark would not read as emphasis there is written as HTML
    (:func:`_unflanked_as_html`).
    """
    text = join_split(text)
    text = _trim_spans(_breaks_outside(unwrap_empty(text, table), table), table)
    if one_line:
        text = text.replace("\n", " ")
    out: list[str] = []
    emphasis: dict[str, list[int]] = {}  # pair id -> indexes of its delimiters in ``out``
    pos, content_end = 0, _content_end(text)
    for m in MARKER.finditer(text):
        out.append(_md_text(text[pos : m.start()], out))
        pos = m.end()
        mid = m.group(3) or m.group(2)
        entry = table.get(mid)
        if entry is None:
            out.append(_MD_ESCAPE.sub(r"\\\1", m.group(0)))
        elif m.group(3):
            html_br = one_line or m.end() >= content_end or _html_next(text, m.end(), table)
            out.append(_md_void(mid, entry, attr_text, html_br))
        elif not md_form(entry):
            out.append(f"</{entry['tag']}>" if m.group(1) else _open_tag(mid, entry, attr_text))
        elif entry["tag"] in _MD_PAIRS:
            emphasis.setdefault(mid, []).append(len(out))
            out.append(_MD_PAIRS[entry["tag"]])
        else:  # a link: the only other pair with a Markdown form
            if not m.group(1) and out and re.search(r"(?<!\\)!\Z", out[-1]):
                out[-1] = out[-1][:-1] + "\\!"  # "![" would start an image
            out.append(_md_link_close(entry, attr_text, mid) if m.group(1) else "[")
    out.append(_md_text(text[pos:], out))
    _unflanked_as_html(out, emphasis, table)
    return "".join(out)


def _md_text(text: str, out: list[str]) -> str:
    """Text between markers, Markdown syntax escaped; after a hard line break (``\\`` and
    a newline) without its leading spaces, which CommonMark drops there anyway, so that a
    ``#`` or ``-`` starting the line is at the line start the writers escape it at (was:
    `` # x`` after a break, an ATX heading that cut the paragraph)."""
    if out and out[-1].endswith("\\\n"):
        text = text.lstrip(" \t")
    return _MD_ESCAPE.sub(r"\\\1", text)


def _flanking(before: str, after: str) -> bool:
    """CommonMark 6.2 left-flanking for a ``*`` run between ``before`` and ``after`` (one
    character each, "" at a line end); right-flanking is ``_flanking(after, before)``."""

    def space(c: str) -> bool:
        return not c or c.isspace()

    def punct(c: str) -> bool:
        return bool(c) and unicodedata.category(c)[0] in "PS"

    return not space(after) and (not punct(after) or space(before) or punct(before))


def _edge(out: list[str], start: int, stop: int) -> str:
    """The character of ``out``'s pieces nearest ``out[start]``, walking toward ``stop``
    (exclusive; backward when ``stop < start``): the last character going backward, the
    first going forward; "" when the pieces between are empty. Neighbours only, so a
    paragraph of many emphases is not read whole for each (was quadratic)."""
    step = 1 if stop > start else -1
    for i in range(start, stop, step):
        if out[i]:
            return out[i][0] if step == 1 else out[i][-1]
    return ""


def _unflanked_as_html(out: list[str], emphasis: dict[str, list[int]], table: Table) -> None:
    """Emphasis whose ``*`` or ``**`` could not open or close where it stands written as
    ``<em>``/``<strong>`` in ``out`` (was: ``**[^1]\\_**parola``, ``parola**[link](u)**``
    showed their asterisks as text: CommonMark's flanking rules, spec 6.2). Repeated
    until no delimiter changes, as a change alters its neighbours' neighbours."""
    changed = True
    while changed:
        changed = False
        for mid, at in emphasis.items():
            if len(at) != 2 or out[at[0]].startswith("<"):
                continue
            o, c = at
            before, after = _edge(out, o - 1, -1), _edge(out, c + 1, len(out))
            first, last = _edge(out, o + 1, c), _edge(out, c - 1, o)
            adjacent = "*" in (before, after, first, last)  # the runs would merge
            opens = _flanking(before, first) and not _flanking(first, before)
            closes = _flanking(after, last) and not _flanking(last, after)
            if opens and closes and not adjacent:  # (one that could do both is ambiguous)
                continue
            tag = _MD_HTML[str(table[mid]["tag"])]
            out[o], out[c] = f"<{tag}>", f"</{tag}>"
            changed = True


# --- projection check and repair ----------------------------------------------


def _keep_well_nested(
    target: str, known: set[str], problems: list[str]
) -> dict[int, tuple[str, str]]:
    """Markers of ``target`` that can stay where the model put them, by position."""
    seen: set[tuple[str, str]] = set()
    keep: dict[int, tuple[str, str]] = {}
    stack: list[tuple[str, int]] = []
    for m in MARKER.finditer(target):
        mid = m.group(3) or m.group(2)
        kind = "void" if m.group(3) else ("close" if m.group(1) else "open")
        if mid not in known:
            problems.append(f"{m.group(0)} is not in the source")
        elif (kind, mid) in seen:
            problems.append(f"{m.group(0)} appears twice")
        elif kind == "void":
            keep[m.start()] = (kind, mid)
        elif kind == "open":
            stack.append((mid, m.start()))
        elif mid in [s for s, _ in stack]:
            while stack[-1][0] != mid:
                problems.append(f"{_pair(stack.pop()[0])} crosses {_pair(mid)}")
            keep[stack.pop()[1]] = ("open", mid)
            keep[m.start()] = ("close", mid)
        else:
            problems.append(f"{_pair(mid)} closes before it opens")
        seen.add((kind, mid))
    problems.extend(f"{_pair(mid)} is never closed" for mid, _ in stack)
    return keep


def _enclosed(src: list[tuple[str, str]]) -> dict[str, set[str]]:
    """For each paired marker of the source, the paired markers it encloses there."""
    inside: dict[str, set[str]] = {}
    open_now: list[str] = []
    for kind, mid in src:
        if kind == "open":
            for outer in open_now:
                inside[outer].add(mid)
            inside[mid] = set()
            open_now.append(mid)
        elif kind == "close" and mid in open_now:
            open_now.remove(mid)
    return inside


def _inner(source: str, mid: str) -> str:
    """The source text inside paired marker ``mid``, markers kept."""
    found = re.search(f"<g{mid}>(.*?)</g{mid}>", source, re.DOTALL)
    return found.group(1) if found else ""


def _inner_text(source: str, mid: str) -> str:
    """The plain source text inside paired marker ``mid`` (markers left out, spaces folded)."""
    return " ".join(strip(_inner(source, mid)).split())


def _voids(text: str) -> bool:
    return any(m[3] for m in MARKER.finditer(text))


def repair(
    source: str, target: str, links: Collection[str] = frozenset(), table: Table | None = None
) -> tuple[str, list[str]]:
    """Target text with every source marker at most once, well nested; and what was wrong.

    Markers the model placed well stay; the rest are removed and placed again:
    paired markup around its own words (:func:`_place_again`), standalone
    markers beside their neighbour's translation, else at the end
    (:func:`_voids_beside`). A pair kept around no word (only spaces or punctuation)
    is not kept: it would be an empty link, ``<a></a>`` or ``[](url)``. ``links``
    are the ids of the source's ``<a>`` markers (a mapping id -> href names the
    URL in the problem); a link is never put around a pair the source did not
    nest in it (a link inside a link is invalid HTML and Markdown). Decision: a
    pair with no honest place (no free target word left for it) is LEFT OUT and
    reported with its source text and URL for an editor to restore; it is never
    put back holding its source-language text (which would publish untranslated
    Italian inside the translation).
    ``problems`` is empty when the projection was certain; each names a marker as the
    translation has it (``<g3>...</g3>``, ``<x2/>``) and, given the block's marker
    ``table``, its element (``(<strong>)``, ``(<a href="...">)``: :func:`name_elements`),
    which is what an editor looks for in the page.
    """
    text, problems = _repair(source, target, links)
    if table and (partner := shortcode_pairs(source, table)):
        text, notes = order_shortcodes(text, partner, table)
        problems += notes
    return text, [name_elements(p, table) for p in problems] if table else problems


def _repair(source: str, target: str, links: Collection[str]) -> tuple[str, list[str]]:
    """:func:`repair` with problems naming markers only."""
    src = markers(source)
    if not src and not has_markers(target):
        return target, []
    problems: list[str] = []
    keep = _keep_well_nested(target, {mid for _, mid in src}, problems)
    _drop_empty(source, target, keep, problems)
    _drop_links_around(_enclosed(src), keep, links, problems)
    placed = set(keep.values())
    text = MARKER.sub(lambda m: m.group(0) if m.start() in keep else "", target)
    if len(keep) < len(MARKER.findall(target)):
        text = re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", text)
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :]
    missing = [mid for kind, mid in src if kind == "open" and ("open", mid) not in placed]
    voids = [mid for kind, mid in src if kind == "void" and ("void", mid) not in placed]
    body = _voids_beside(source, text.strip(), voids)  # first: a lost linked
    body, moved = _place_again(source, body, missing, links, problems)  # image goes around it
    if moved or voids:
        problems.append(
            f"markup {', '.join([*map(_pair, moved), *(f'<x{v}/>' for v in voids)])} could not "
            "be placed where the model put "
            "it: placed again around its own words (standalone markers beside their source "
            "neighbour's translation, else at the end)"
        )
    return lead + body + trail, problems


def _pair(mid: str) -> str:
    """Paired marker ``mid`` as a problem names it (:func:`name_elements` reads it)."""
    return f"<g{mid}>...</g{mid}>"


# a marker as a problem note writes it: ``<g1>``, ``</g1>``, ``<g1>...</g1>``, ``<x2/>``
_NOTED_MARKER = re.compile(r"<(/?)g(\d+)>(?:\.\.\.</g\2>)?|<x(\d+)/>")


def name_elements(note: str, table: Table) -> str:
    """``note`` with the element after each marker it names: ``<g1> (<strong>)``,
    ``<g2>...</g2> (<a href="https://...">)``; markers the table does not know stay bare.
    The one naming of markers for editors: the repair of markup here, and the translate
    stage's ``placeholder_repair`` errors, both give it."""

    def named(m: re.Match[str]) -> str:
        entry = table.get(m[2] or m[3]) or {}
        tag = entry.get("tag")
        if not tag:
            return m[0]
        if m[1]:
            return f"{m[0]} (</{tag}>)"
        attrs = entry.get("attrs") or {}
        key = next((k for k in ("href", "src") if attrs.get(k)), None)
        shown = f' {key}="{attrs[key]}"' if key else ""  # whole: an editor restores it
        return f"{m[0]} (<{tag}{shown}>)"

    return _NOTED_MARKER.sub(named, note)


def _voids_beside(source: str, body: str, voids: list[str]) -> str:
    """``body`` with each lost standalone marker (an icon, inline code, an image) beside the
    translation of its source neighbour word (:func:`pipeline.protect.pairs.beside`), as
    the protect layer puts back one the model dropped; else, or for more than a few, at
    the end (a human or memory translation that lost them: all were put at the end)."""
    from pipeline.protect.pairs import beside, blanked
    from pipeline.protect.placeholders import BESIDE_MAX

    if not voids:
        return body
    spans = protect_spans(source)
    ids = {
        ("void" if s.role == "atomic" else s.role, m[3] or m[2]): n
        for n, (s, m) in enumerate(zip(spans, MARKER.finditer(source), strict=True), 1)
    }
    marked = MARKER.sub(lambda m: _number(m, ids), body)
    src = (source, blanked(source, spans))
    for mid in voids:
        n = ids[("void", mid)]
        placed = beside(marked, src, spans, n) if len(voids) <= BESIDE_MAX else None
        marked = placed or f"{marked}\x02{n}\x03"
    return re.sub("\x02(\\d+)\x03", lambda m: spans[int(m[1]) - 1].text, marked)


def _drop_empty(
    source: str, target: str, keep: dict[int, tuple[str, str]], problems: list[str]
) -> None:
    """Take out of ``keep`` each pair around no word and no standalone marker (a pair
    around symbols only, ``<sup>*</sup>``, may hold the symbols the source gave it)."""
    opened: dict[str, int] = {}
    for pos, (kind, mid) in sorted(keep.items()):
        if kind == "open":
            opened[mid] = pos
        elif kind == "close":
            inner = target[opened[mid] : pos].split(">", 1)[1]
            if _splits(source, target, mid, (opened[mid], pos)):
                del keep[opened[mid]], keep[pos]
                problems.append(f"{_pair(mid)} was put inside a number or word")
            elif _WORD.search(strip(inner)) or (_voids(inner) and _voids(_inner(source, mid))):
                continue  # words, or a standalone marker as in the source (a linked image)
            if " ".join(strip(inner).split()) != _inner_text(source, mid) or not inner.strip():
                del keep[opened[mid]], keep[pos]
                problems.append(f"{_pair(mid)} holds no words")


def _splits(source: str, target: str, mid: str, at: tuple[int, int]) -> bool:
    """True when pair ``mid`` of ``target`` (open marker at ``at[0]``, close at ``at[1]``)
    holds symbols set inside a number or word they were not part of in the source
    (``20<g1>2</g1>3`` for ``CO<g1>2</g1>``; :func:`pipeline.protect.pairs.splits_token`)."""
    from pipeline.protect.pairs import splits_token

    o, c = f"<g{mid}>", f"</g{mid}>"
    src = (strip(source[: source.find(o)]), strip(source[source.find(c) + len(c) :]))
    tgt = (strip(target[: at[0]]), strip(target[at[1] + len(c) :]))
    return splits_token(_inner_text(source, mid), src, tgt)


def _drop_links_around(
    inside: dict[str, set[str]],
    keep: dict[int, tuple[str, str]],
    links: Collection[str],
    problems: list[str],
) -> None:
    """Take out of ``keep`` each link around a pair the source did not nest in it (a link
    the model grew over another: a link inside a link is invalid HTML and Markdown);
    the inner pair is the more specific placement and stays."""
    stack: list[tuple[str, int]] = []
    drop: set[str] = set()
    for pos, (kind, mid) in sorted(keep.items()):
        if kind == "open":
            drop.update(o for o, _ in stack if o in links and mid not in inside.get(o, ()))
            stack.append((mid, pos))
        elif kind == "close":
            stack.pop()
    for pos, (kind, mid) in list(keep.items()):
        if mid in drop and kind != "void":
            del keep[pos]
    problems.extend(
        f"link {_pair(mid)} was put around markup it did not hold" for mid in sorted(drop)
    )


def _place_again(
    source: str, body: str, missing: list[str], links: Collection[str], problems: list[str]
) -> tuple[str, list[str]]:
    """``body`` with each ``missing`` pair around its own words; the ids placed.

    The placement of :func:`pipeline.protect.pairs.reinsert` (the source words where
    the target has them as whole words, else their cognates, else the same relative
    place; never nested unlike the source, never around no word; a link that held only
    an image around that image); a pair with no such place is left out and reported
    for an editor (:func:`_left_out`); a pair around symbols only goes around its whole
    source token, or is copied where that changes no number or word, else left out.
    """
    from pipeline.protect.pairs import reinsert

    if not missing:
        return body, []
    spans = protect_spans(source)
    ids = {
        ("void" if s.role == "atomic" else s.role, m[3] or m[2]): n
        for n, (s, m) in enumerate(zip(spans, MARKER.finditer(source), strict=True), 1)
    }
    marked = MARKER.sub(lambda m: _number(m, ids), body)
    wanted = {n for (kind, mid), n in ids.items() if mid in missing and kind != "void"}
    marked, unplaced = reinsert(marked, source, spans, wanted)
    lost = [spans[n - 1].text[2:-1] for n in unplaced]
    problems.extend(_left_out(source, mid, links) for mid in lost)
    body = re.sub("\x02(\\d+)\x03", lambda m: spans[int(m[1]) - 1].text, marked)
    return body, [mid for mid in missing if mid not in lost]


def _number(m: re.Match[str], ids: dict[tuple[str, str], int]) -> str:
    """A target marker as the protect layer's ``\\x02<n>\\x03`` (n: its source span)."""
    kind = "void" if m[3] else ("close" if m[1] else "open")
    return f"\x02{ids[(kind, m[3] or m[2])]}\x03"


def _left_out(source: str, mid: str, links: Collection[str]) -> str:
    """The problem line of a pair left out: its source text, and its URL for a link."""
    what = f"markup {_pair(mid)} ({_inner_text(source, mid) or _inner(source, mid)!r})"
    if mid in links:
        href = links[mid] if isinstance(links, Mapping) else ""
        what = f"link {_inner_text(source, mid)!r}" + (f" ({href})" if href else "")
    words = strip(source[: source.find(f"<g{mid}>")]).split()
    place = f"after {' '.join(words[-4:])!r}" if words else "at its start"
    return (
        f"{what}, {place} in the source, has no place in the translation and was left out "
        "(text kept); an editor must restore it there"
    )


def link_targets(table: Table) -> dict[str, str]:
    """``marker id -> href`` of each link (``<a>``) of a block's marker table."""
    return {
        mid: str(entry.get("attrs", {}).get("href", ""))
        for mid, entry in table.items()
        if entry.get("tag") == "a"
    }


def table_of(meta: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The marker table of a block's ``meta`` (empty for plain text)."""
    return dict(meta.get("markup") or {})


# --- block meta read from a document JSON -------------------------------------

# What the writers put between "<" and the first space as a tag or attribute name: an HTML
# tag name (WHATWG 13.1.2) and an attribute name (13.1.2.3: no space, quote, "<", ">", "/",
# "="), so a name from a document JSON can never close the tag or open another.
TAG_NAME = r"^[A-Za-z][A-Za-z0-9:._-]*\Z"
ATTR_NAME = "^[^\\s\"'<>/=\x00-\x1f\x7f-\x9f]+\\Z"
# Markdown code fences (CommonMark 4.5): three or more backticks or tildes.
FENCE = r"^(?:`{3,}|~{3,})\Z"


_TagName = Annotated[str, Meta(pattern=TAG_NAME, max_length=64)]
_Attrs = dict[Annotated[str, Meta(pattern=ATTR_NAME, max_length=256)], Text | None]
_MarkerId = Annotated[str, Meta(pattern=r"^[0-9]{1,9}\Z")]


class EntryDoc(msgspec.Struct, frozen=True):
    """One entry of a block's marker table, as the writers read it."""

    tag: _TagName | None
    attrs: _Attrs = {}
    text: Text | None = None
    html: Text | None = None
    markdown: bool = False
    attr_blocks: dict[Text, Text] = {}


class CodeDoc(msgspec.Struct, frozen=True):
    info: Text = ""
    fence: Annotated[str, Meta(pattern=FENCE, max_length=100)] | None = None


class BlockMetaDoc(msgspec.Struct, frozen=True):
    """The typed shape of ``Block.meta``: the keys the writers read (others stay free)."""

    tag: _TagName | None = None
    attrs: _Attrs | None = None
    wrap: list[tuple[_TagName, Text | int, _Attrs | None]] = []
    markup: dict[_MarkerId, EntryDoc] = {}
    code: CodeDoc = msgspec.field(default_factory=CodeDoc)
    image: _Attrs = {}
    hr: bool = False
    empty: bool = False
    html_block: bool = False
    part: Text | None = None
    uncatalogued: Text | None = None
    attr_of: tuple[Text, Text | int, Text] | None = None
    attr_blocks: dict[Text, Text] = {}


def check_meta(meta: Any, where: str) -> None:
    """Raise InputError (naming ``where`` and the key) unless ``meta`` has the shape the
    writers read: a document JSON edited by hand or by another tool is read through this,
    so a wrong type is a one-line error, never a traceback in a writer."""
    schema.check(meta, BlockMetaDoc, where)


def defuse_meta(kind: str, text: str, meta: dict[str, Any]) -> str:
    """Hold markup from a document JSON to the HTML reader's rules, in place; return the
    block text to keep.

    What would run script is removed as the HTML reader removes it from a page
    (:func:`pipeline.readers.dom.runs_script`: event handlers, ``srcdoc``, ``javascript:``
    URLs, script styles); an element the reader never keeps (``<script>``, ``<style>``:
    ``dom.SKIP_TAGS``) goes from raw HTML (a raw block, an entry's ``html``) and a marker
    of one becomes a plain ``<span>`` holding its text, escaped (no text is dropped).
    ``meta`` must have passed :func:`check_meta`.
    """
    from pipeline.readers import dom

    for attrs in _attr_dicts(meta):
        for name in [n for n, v in attrs.items() if dom.runs_script(n, v)]:
            del attrs[name]
    for entry in (meta.get("markup") or {}).values():
        if entry.get("tag") in dom.SKIP_TAGS:
            inner = entry.get("text")
            if inner is None:
                inner = _plain(str(entry.get("html") or ""))
            entry.clear()  # a plain span: its words stay, as text
            entry.update(tag="span", attrs={}, text=inner)
        elif entry.get("html") is not None:
            entry["html"] = _safe_html(entry["html"])
    if kind == "raw" and "code" not in meta and "<" in text:
        return _safe_html(text)
    return text


def _attr_dicts(meta: dict[str, Any]) -> list[dict[str, Any]]:
    found = [meta.get("attrs"), meta.get("image")]
    found += [w[2] for w in meta.get("wrap") or ()]
    found += [e.get("attrs") for e in (meta.get("markup") or {}).values()]
    return [a for a in found if isinstance(a, dict)]


def _safe_html(fragment: str) -> str:
    from pipeline.readers import dom

    safe = dom.defused_fragment(fragment, dom.SKIP_TAGS)
    return fragment if safe is None else safe


def _plain(fragment: str) -> str:
    from pipeline.readers import dom

    return dom.plain(dom.parse_html(f"<div>{fragment}</div>"))
