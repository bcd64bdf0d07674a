"""Markdown with optional YAML front matter, parsed with markdown-it-py (CommonMark).

Headings, paragraphs, lists, blockquotes, GFM pipe tables (one block per
cell), links, emphasis, images and code become blocks with the same
structure metadata the HTML readers record (:mod:`pipeline.readers.dom`),
inline markup becomes markers (:mod:`pipeline.markup`); code spans and code
blocks are kept whole and never translated. An image alone in a paragraph is
a caption whose text is its alt text; an emphasised paragraph ending in a
photo credit is a caption too.

Front matter is read with PyYAML's safe loader after bounds on size, nesting
depth and alias expansion (a "billion laughs" document is refused, exit 3).
``category`` becomes a ``category`` chrome block when the catalogs know it, so
every output's front matter carries it localised. mtpipe's own ``ID.LANG.md``
reads back to the same blocks: the title is in the front matter and in the
first heading (one title block), and the chrome after the closing rule is
matched through the catalogs, never sent to MT.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from html import unescape as html_unescape
from typing import Any

from pipeline.document import ALT, CAPTION, CATEGORY, PARAGRAPH, RAW, TITLE, UI, Article, Block
from pipeline.errors import InputError
from pipeline.markdown_syntax import (  # shared with the writers, re-exported here
    FOOTNOTE,
    FRONT,
    HTML_GROUP,
    SC_VALUE,
    SHORTCODE_TEXT_ATTRS,
    TRANSLATED_KEYS,
    footnote_depth,
    shortcode_attrs,
    shortcode_value,
)
from pipeline.markup import HTML_TAG, MARKER, OPAQUE_TAGS, balanced, strip, to_html
from pipeline.readers import dom
from pipeline.readers.base import _NOT_TEXT_CHAR as NOT_TEXT
from pipeline.readers.base import article_id_from_path
from pipeline.readers.html import kicker_category
from pipeline.readers.page import chrome_block, is_caption
from pipeline.schema import lang_tag_is_valid, standard_tag

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
# Hugo's TOML front matter (https://gohugo.io/content-management/front-matter/).
_TOML_FRONT_MATTER = re.compile(r"\A\+\+\+[ \t]*\n(.*?)\n\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
MAX_FRONT_MATTER = 64_000  # bytes
MAX_YAML_DEPTH = 32
MAX_YAML_NODES = 10_000  # after alias expansion
# markdown-it's block parser silently skips the rest of the document once lists or
# blockquotes nest this deep (its commonmark preset says 20); a list level costs two
# (list + item). Bounded, as the parser recurses per level; reaching it is an error.
MAX_MD_NESTING = 128
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
_LITERAL = re.compile(f"{MARKER.pattern}|{_FOOTNOTE}|{_SITE_SYNTAX}")
_LITERAL_FIRST = re.compile(f"{MARKER.pattern}|{_FOOTNOTE}|{_SITE_SYNTAX}|^\\s*\\[[ xX]\\](?=\\s)")


# Shortcodes of the site generators, which a line break may cut (``[caption id="x"]``,
# ``<img>`` and the caption on three lines; ``{{< figure src="a.jpg"\n caption="..." >}}``):
# read whole by an inline rule (:func:`_shortcode_rule`), one literal marker each, never MT;
# the attributes people read (:data:`SHORTCODE_TEXT_ATTRS`) are ``alt`` blocks. Was: the
# parts between line breaks reached MT, which rewrote the markup and the site broke.
_HUGO_MAX = 4000  # characters inside a Hugo shortcode: longer is no shortcode
_SC_WORD = r"[^\s\]\[=\"'`/]+"
_SC_ATTRS = rf"(?:\s+(?:[\w-]+\s*=\s*(?:{SC_VALUE}|{_SC_WORD})|{SC_VALUE}|{_SC_WORD}))*"
_WP_OPEN = re.compile(rf"\[([A-Za-z][\w-]*)({_SC_ATTRS})\s*(/?)\]")
_WP_CLOSE = re.compile(r"\[/([A-Za-z][\w-]*)\]")
_WP_NAME = re.compile(r"\[(/?)([A-Za-z][\w-]*)(?=[\s\]/])")


@functools.lru_cache(maxsize=4)
def _wp_names(src: str) -> tuple[dict[str, int], dict[str, int]]:
    """(name -> where its first ``[name`` starts, name -> where its last ``[/name]``
    starts) in a paragraph: once per paragraph, not once per bracket."""
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for m in _WP_NAME.finditer(src):
        if m.group(1):
            last[m.group(2)] = m.start()
        else:
            first.setdefault(m.group(2), m.start())
    return first, last


@functools.lru_cache(maxsize=4)
def _hugo_ends(src: str) -> dict[str, list[int]]:
    """Where each ``>}}`` and ``%}}`` of a paragraph starts, by its opener's character:
    a ``{{<`` ends at the first ``>}}`` after it, found without reading on each time."""
    ends = {"<": ">}}", "%": "%}}"}
    return {c: [m.start() for m in re.finditer(re.escape(end), src)] for c, end in ends.items()}


def _shortcode_at(src: str, pos: int) -> int:
    """The end of the shortcode starting at ``src[pos]``, or -1.

    WordPress's ``[name attr="v"]``, ``[name /]`` or ``[name]`` with its ``[/name]`` later
    in the paragraph, and that ``[/name]``; not a link (``[testo](url)``, ``[testo][ref]``)
    nor bracketed words (``[sic]``, ``[omissis]``); Hugo's ``{{< .. >}}``, ``{{% .. %}}``.
    """
    if src.startswith(("{{<", "{{%"), pos):
        return _hugo_end(src, pos)
    m = _WP_OPEN.match(src, pos) or _WP_CLOSE.match(src, pos)
    if m is None:
        return -1
    after = src[m.end() : m.end() + 2]
    if after[:1] == "(" or after[:1] == "[" and after != "[/" and not _wp_opens(src, m.end()):
        return -1  # a link's text (``[testo](url)``, ``[testo][ref]``)
    if m.re is _WP_CLOSE:
        return m.end() if _wp_names(src)[0].get(m.group(1), pos) < pos else -1
    return m.end() if _wp_opens(src, pos) else -1


def _wp_opens(src: str, pos: int) -> bool:
    """Whether a WordPress shortcode opens at ``src[pos]``: a name with attributes, ``/]``,
    or a ``[/name]`` later in the paragraph. One opening right after another
    (``[outer title="a"][inner]``) makes the first no link text: it was read as
    ``[testo][ref]``, its ``title`` sent to MT as words and the shortcode rewritten."""
    m = _WP_OPEN.match(src, pos)
    if m is None:
        return False
    last = _wp_names(src)[1]
    return "=" in m.group(2) or bool(m.group(3)) or last.get(m.group(1), -1) >= m.end()


# A Hugo shortcode's inside up to its closer, each quoted value (``"..."`` with ``\\"``
# escapes, or a raw ```...```) read whole, as Hugo's lexer reads them: a ``>}}`` inside
# ``caption="a >}} b"`` does not end the shortcode. Was: it ended there, the value's rest
# went to MT as text and the writer escaped the real closer (``\\>}}``): Hugo's build broke.
_HUGO_INSIDE = {
    opener: re.compile(rf'(?:"(?:[^"\\]|\\.)*"|`[^`]*`|[^"`{c}]|{c}(?!\}}\}}))*')
    for opener, c in (("<", ">"), ("%", "%"))
}


# A shortcode whose first closer lies beyond _HUGO_MAX (a ``caption`` of 4,500 characters)
# is one still when its closer, outside quoted values, comes before any other opener: a
# stray ``{{<`` followed by a real shortcode later in the paragraph stays text. Was: longer
# was no shortcode, its syntax went to MT as words and ID.LANG.md wrote ``{{\<``.
_HUGO_LONG = {
    opener: re.compile(rf'(?:"(?:[^"\\]|\\.)*"|`[^`]*`|[^"`{c}{{]|{c}(?!\}}\}})|\{{(?!\{{[<%]))*')
    for opener, c in (("<", ">"), ("%", "%"))
}


def _hugo_end(src: str, pos: int) -> int:
    """The end of the Hugo shortcode opening at ``src[pos]`` (``{{<`` or ``{{%``), or -1:
    its first closer outside quoted values, within :data:`_HUGO_MAX` characters, or
    beyond them before any other opener (:data:`_HUGO_LONG`); where the quotes do not
    pair (no shortcode for Hugo either), its first closer within the bound."""
    kind = src[pos + 2]
    ends = _hugo_ends(src)[kind]
    i = bisect.bisect_left(ends, pos + 3)
    if i == len(ends):
        return -1
    if ends[i] - pos - 3 > _HUGO_MAX:
        inside = _HUGO_LONG[kind].match(src, pos + 3)
        closer = ">}}" if kind == "<" else "%}}"
        return inside.end() + 3 if src.startswith(closer, inside.end()) else -1
    if src.find('"', pos + 3, ends[i]) < 0 and src.find("`", pos + 3, ends[i]) < 0:
        return ends[i] + 3
    inside = _HUGO_INSIDE[kind].match(src, pos + 3, min(len(src), pos + 3 + _HUGO_MAX))
    if src.startswith(">}}" if kind == "<" else "%}}", inside.end()):
        return inside.end() + 3
    return ends[i] + 3


def _shortcode_rule(state: Any, silent: bool) -> bool:
    """markdown-it inline rule: a shortcode (:func:`_shortcode_at`) as one ``shortcode``
    token holding its source as written, line breaks and all. Skipped over (``silent``,
    as a link's label is scanned), a WordPress one is two brackets: markdown-it takes a
    token opening with ``[`` in a label for a link inside a link and reads no link
    (``[testo [gallery ids="1"] qui](url)`` went to MT as words, its brackets escaped)."""
    if state.src[state.pos] not in "[{" or silent and state.src[state.pos] == "[":
        return False
    end = _shortcode_at(state.src[: state.posMax], state.pos)
    if end < 0:
        return False
    if not silent:
        state.push("shortcode", "", 0).content = state.src[state.pos : end]
    state.pos = end
    return True


def _shortcode_texts(source: str) -> dict[str, str]:
    """``{attribute: value}`` of a shortcode's quoted text attributes that hold words, their
    character references read (the writer writes a quote in a translation as one)."""
    from html import unescape

    found = {}
    hugo = source.lstrip().startswith("{{")
    for m in shortcode_attrs(source).finditer(source):
        value = unescape(shortcode_value(m.group(3), hugo))
        if m.group(1).lower() in SHORTCODE_TEXT_ATTRS and re.search(r"\w", value):
            found[m.group(1)] = value
    return found


def _safe_attrs(html: str, name: str) -> dict[str, str]:
    """The attributes of one start tag, with event handlers and script URLs dropped."""
    root = dom.parse_html(f"<div>{html}</{name}></div>")
    # the tag's element, not the <div> around it (a <div> start tag lost its class)
    element = next((el for el in root.body[0].iterdescendants(name)), None)
    return {str(k): str(v) for k, v in element.attrib.items()} if element is not None else {}


def _open_html(name: str, attrs: dict[str, str]) -> str:
    from html import escape

    return f"<{name}" + "".join(f' {k}="{escape(v)}"' for k, v in attrs.items()) + ">"


def sniff_markdown(text: str) -> bool:
    """Front matter, or an ATX heading on the first line."""
    head = text.lstrip("\ufeff")
    if _FRONT_MATTER.match(head) or _TOML_FRONT_MATTER.match(head):
        return True
    return bool(re.match(r"#{1,6} \S", head))


# --- front matter -------------------------------------------------------------


def _check_yaml_bounds(block: str, where: str) -> None:
    """Refuse YAML that is too big, too deep or expands too far through aliases."""
    import yaml

    if len(block.encode("utf-8")) > MAX_FRONT_MATTER:
        raise InputError(f"{where}: front matter is over {MAX_FRONT_MATTER:,} bytes; shorten it")
    depth = 0
    for event in yaml.parse(block, Loader=yaml.SafeLoader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise InputError(f"{where}: front matter nests deeper than {MAX_YAML_DEPTH} levels")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    node = yaml.compose(block, Loader=yaml.SafeLoader)
    if node is not None and _expanded_size(node, {}, set()) > MAX_YAML_NODES:
        raise InputError(
            f"{where}: front matter expands to over {MAX_YAML_NODES:,} values through YAML "
            "aliases (a 'billion laughs' document); remove the anchors and aliases"
        )


def _expanded_size(node: Any, memo: dict[int, int], active: set[int]) -> int:
    """Node count once aliases are expanded (shared nodes counted per use), capped."""
    key = id(node)
    if key in memo:
        return memo[key]
    if key in active:  # a recursive alias expands forever
        return MAX_YAML_NODES + 1
    active.add(key)
    total = 1
    value = node.value if isinstance(node.value, list) else []
    for item in value:
        for child in item if isinstance(item, tuple) else (item,):
            total += _expanded_size(child, memo, active)
            if total > MAX_YAML_NODES:
                break
    active.discard(key)
    memo[key] = total
    return total


def parse_toml_front_matter(block: str, where: str) -> dict[str, Any]:
    """TOML front matter (``+++``) -> dict (dates as ISO strings); InputError naming ``where``."""
    import tomllib

    if len(block.encode("utf-8")) > MAX_FRONT_MATTER:
        raise InputError(f"{where}: front matter is over {MAX_FRONT_MATTER:,} bytes; shorten it")
    try:
        data = tomllib.loads(block)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{where}: front matter is not valid TOML ({exc})") from None
    return {str(k): (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


def _front_matter(body: str, where: str) -> tuple[dict[str, Any], str]:
    """(front matter, the body after it): YAML between ``---`` lines or TOML between ``+++``."""
    m = _FRONT_MATTER.match(body)
    if m:
        return parse_front_matter(m.group(1), where), body[m.end() :]
    m = _TOML_FRONT_MATTER.match(body)
    if m:
        return parse_toml_front_matter(m.group(1), where), body[m.end() :]
    return {}, body


def _key_loader() -> Any:
    """A safe YAML loader whose plain mapping keys are the text as written.

    YAML 1.1 (PyYAML) reads a plain ``1``, ``yes``, ``on``, ``null``, ``1.0`` key as a
    number, a boolean or null: ``yes:`` and ``on:`` became one key ``True`` (the later
    value won, unsaid), ``1:`` and ``1.0:`` one key, and the writer wrote ``True:``.
    Values are read as before.
    """
    import yaml

    class KeyLoader(yaml.SafeLoader):
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            if isinstance(node, yaml.MappingNode):
                self.flatten_mapping(node)
                for i, (key, value) in enumerate(node.value):
                    plain = isinstance(key, yaml.ScalarNode) and key.style is None
                    if plain and key.tag != "tag:yaml.org,2002:str" and key.value != "<<":
                        implicit = self.resolve(yaml.ScalarNode, key.value, (True, False))
                        if implicit == key.tag:  # resolved from its text, not tagged
                            text = yaml.ScalarNode("tag:yaml.org,2002:str", key.value)
                            node.value[i] = (text, value)
            return super().construct_mapping(node, deep=deep)

    return KeyLoader


def parse_front_matter(block: str, where: str) -> dict[str, Any]:
    """YAML front matter -> dict (dates as ISO strings, keys as written); InputError
    naming ``where``."""
    import yaml

    try:
        _check_yaml_bounds(block, where)
        data = yaml.load(block, Loader=_key_loader()) or {}  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or "syntax error"
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(f"{where}: front matter is not valid YAML ({problem}{at})") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"{where}: front matter cannot be read ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: front matter must be a mapping of keys to values")
    return {str(k): (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


# --- body -------------------------------------------------------------------------

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


# A Hugo shortcode as a link's destination (``[testo]({{< ref "altro.md" >}})``, how Hugo
# links its pages): Hugo runs it before Markdown, CommonMark reads no link there (a space
# in a destination), so the link syntax went to MT as words and the writer escaped its
# brackets (``\\[testo\\](...)``): no link on the built page. Read with a stand-in URL.
_SHORTCODE_DESTINATION = re.compile(
    r"\]\((\{\{<\s[^\n]{0,1000}?>\}\}|\{\{%\s[^\n]{0,1000}?%\}\})(\s+\"[^\"\n]*\")?\)"
)
_STAND_IN = "mtpipe-shortcode-"


def _shortcode_destinations(body: str) -> tuple[str, dict[str, str]]:
    """``body`` with each link destination that is a Hugo shortcode replaced by a stand-in
    URL, and the shortcodes by stand-in (none where the body holds the stand-in's name)."""
    stand_ins: dict[str, str] = {}
    if "]({{" not in body or _STAND_IN in body:
        return body, stand_ins

    def stand_in(m: re.Match[str]) -> str:
        url = f"{_STAND_IN}{len(stand_ins) + 1}"
        stand_ins[url] = m.group(1)
        return f"]({url}{m.group(2) or ''})"

    return _SHORTCODE_DESTINATION.sub(stand_in, body), stand_ins


def _restore_destinations(tokens: list[Any], stand_ins: dict[str, str]) -> None:
    """Each link to a stand-in (:func:`_shortcode_destinations`) back to its shortcode."""
    if not stand_ins:
        return
    for tok in tokens:
        for child in tok.children or ():
            href = child.attrs.get("href") if child.type == "link_open" else None
            if href in stand_ins:
                child.attrs["href"] = stand_ins[href]


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
        So do a site generator's shortcodes and attribute lists (``_SITE_SYNTAX``); a
        block attribute list (``{: .lead}``) on a line of its own keeps its line break.
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
            self.parts.append(f"</g{mid}>")
            self._keep_if_marked(mid)
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
        text = _WS.sub(" ", "".join(self.parts)).strip()
        opened = [mid for _, mid in self.html_open]
        if opened or not balanced(text):  # a tag left open, or crossing emphasis: as text
            text = self._as_literal(text, opened)
        return text

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


_DEFINITION = re.compile(r"[:~][ \t]+(?=\S)")  # a definition line's start (after a term)


def _definition_list(children: list[Any], loose: bool) -> list[tuple[str, list[Any]]] | None:
    """``[("dt" | "dd", inline tokens)]`` of a paragraph whose lines after the first term
    start a definition with ``:`` or ``~`` and a space (``loose``: one that starts with a
    definition, its term the paragraph before); a line that starts none continues the
    definition before it. None for any other paragraph, or where markup crosses a line
    break (each part must be whole)."""
    lines: list[list[Any]] = [[]]
    depth = 0
    for child in children:
        if child.type == "softbreak" and depth == 0:
            lines.append([])
        elif child.type == "softbreak":  # inside an emphasis or link: no list
            return None
        else:
            depth += child.nesting
            lines[-1].append(child)
    starts = [bool(line) and _starts_definition(line[0]) for line in lines]
    if starts[0] != loose or not any(starts) or not all(lines):
        return None
    first = starts.index(True)
    parts: list[tuple[str, list[Any]]] = [("dt", line) for line in lines[:first]]
    for line, start in zip(lines[first:], starts[first:], strict=True):
        if start:
            head = line[0].copy(content=_DEFINITION.sub("", line[0].content, count=1))
            parts.append(("dd", [head, *line[1:]]))
        else:
            parts[-1][1].extend([_softbreak(), *line])
    return parts


def _starts_definition(token: Any) -> bool:
    return token.type == "text" and bool(_DEFINITION.match(token.content))


def _softbreak() -> Any:
    """A softbreak token (a lazy line of a definition goes on after a line break)."""
    from markdown_it.token import Token

    return Token("softbreak", "br", 0)


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
        builder = _Inline(
            item=bool(self.wrap) and self.wrap[-1][0] == "li", source_lang=self.source_lang
        )
        for child in tok.children or []:
            builder.token(child)
        self.inline_text(tok, tag, builder)

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

    def inline_text(self, tok: Any, tag: str | None, builder: _Inline) -> None:
        """The block of inline content read by ``builder``, and its attribute blocks."""
        text = unicodedata.normalize("NFC", builder.result())
        self.record(builder.skipped)  # (after result: it ends an element left open)
        cell = {"attrs": self.cell_attrs} if tag in ("th", "td") and self.cell_attrs else {}
        if not text:
            if tag in ("th", "td"):  # an empty cell keeps its place in the table
                self.emit(RAW, "", {"tag": tag, **cell, "empty": True})
            return
        meta: dict[str, Any] = {"tag": tag, **cell}
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


_RECORDED = re.compile(rf"<(?:{'|'.join(dom.RECORDED_SKIPS)})(?=[\s/>])", re.I)
_SKIP_TAG = re.compile(rf"</?(?:{'|'.join(sorted(dom.SKIP_TAGS))})(?=[\s/>])", re.I)


def _left_out(content: str) -> str:
    """``content`` (an HTML block or an element read whole) without the elements the HTML
    reader never keeps (``dom.SKIP_TAGS``), each with all it holds, as
    :func:`dom.defused_fragment` leaves them out of a document JSON read back; the words
    around them stay. A lone start or end tag of one (``<form>`` around Markdown blocks)
    goes as well, the blocks between kept; anything else is returned as written."""
    if not _SKIP_TAG.search(content):
        return content
    lone = HTML_TAG.fullmatch(content)
    if lone:
        return "" if lone.group(2).lower() in dom.SKIP_TAGS else content
    safe = dom.defused_fragment(content, dom.SKIP_TAGS)
    return content if safe is None else safe


def _defused(content: str) -> str:
    """A raw HTML block as written, unless it holds what would run script (an event
    handler, a ``javascript:`` URL): then without it, as every reader drops it
    (:func:`dom.defused_fragment`; was: written back into every output). A lone start
    tag (a ``<div>`` closed by a later block) stays a lone start tag."""
    lone = HTML_TAG.fullmatch(content)
    if lone and lone.group(1):
        return content
    safe = dom.defused_fragment(content)
    if safe is None:
        return content
    if lone:
        name = lone.group(2).lower()
        return _open_html(name, _safe_attrs(content, name))
    return safe


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


def _safe_tag(tag: str) -> str:
    """One start tag without the attributes that would run script (``dom.runs_script``),
    written again; an end tag as it is."""
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []
    parser = HTMLParser()
    parser.handle_starttag = lambda name, attrs: found.append((name, attrs))  # type: ignore[method-assign]
    parser.handle_startendtag = parser.handle_starttag  # type: ignore[method-assign]
    parser.feed(tag)
    parser.close()
    if not found:
        return tag
    name, attrs = found[0]
    return _open_html(name, {k: v or "" for k, v in attrs if not dom.runs_script(k, v)})


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
    for el in root.iter():
        if not isinstance(el.tag, str) or isinstance(el, etree._Comment):
            return None
        tag = dom.tag_of(el)
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
    if not tail or any(m is None for m in matched):
        return blocks
    ui = [chrome_block(b.id, UI, b.text, m or [], lang) for b, m in zip(tail, matched, strict=True)]
    return blocks[:last] + ui


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
    if any(m is None for m in matched) or not any(b.kind != RAW for b in blocks[first + 1 :]):
        return blocks
    ui = [chrome_block(b.id, UI, b.text, m or [], lang) for b, m in zip(lead, matched, strict=True)]
    cats = [b for b in heads if b.kind == CATEGORY]
    return cats + ui + [b for b in heads if b.kind != CATEGORY] + blocks[first + 1 :]


def _category_block(name: Any) -> Block | None:
    from pipeline.localise.chrome import match_category
    from pipeline.readers.html import category_block

    if not isinstance(name, str):
        return None
    cat = match_category(name)
    return category_block(name, cat) if cat is not None else None


# A numeric character reference to a C1 code point (U+0080-U+009F): text pasted from
# Windows-1252 ("l&#146;incontro", "&#147;bene&#148;", "&#128; 10").
_C1_REFERENCE = re.compile(r"&#(?:0*(?:12[89]|1[3-5][0-9])|x0*[89][0-9a-f]);", re.I)


def _is_embed_tag(start: str) -> bool:
    """Whether the start tag ``start`` opens an embed of another site or post
    (:func:`dom.own_player`)."""
    element = next(iter(dom.parse_html(f"<div>{start}</div>").body[0]), None)
    return element is not None and not dom.own_player(element)


def _windows_1252_references(state: Any) -> None:
    """Read ``&#146;`` as ``’``, as a browser and the HTML readers do (WHATWG HTML, the
    numeric character reference end state's table), not as CommonMark's U+FFFD: the
    apostrophe, quotes, dashes and euro sign of Windows-1252 text became "L\ufffdincontro"
    in every output, without a word. A markdown-it core rule, before text tokens join."""
    todo = list(state.tokens)
    while todo:
        tok = todo.pop()
        todo.extend(tok.children or ())
        entity = tok.type == "text_special" and tok.info == "entity"
        if entity and _C1_REFERENCE.fullmatch(tok.markup):
            tok.content = html_unescape(tok.markup)


def _block_tokens(body: str, where: str) -> list[Any]:
    """markdown-it block tokens; InputError where nesting reaches ``MAX_MD_NESTING``.

    At the limit markdown-it drops every later line without a word (parser_block.py),
    so a token that opens a level at the limit means text would be lost.
    """
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"maxNesting": MAX_MD_NESTING})
    md.core.ruler.before("text_join", "windows_1252_references", _windows_1252_references)
    md.inline.ruler.before("link", "shortcode", _shortcode_rule)
    md.block.ruler.at("reference", _reference_rule)
    body, stand_ins = _shortcode_destinations(body)
    tokens = md.enable(["strikethrough", "table"]).parse(body)
    _restore_destinations(tokens, stand_ins)
    if any(tok.level + max(tok.nesting, 0) >= MAX_MD_NESTING for tok in tokens):
        raise InputError(
            f"{where}: lists or blockquotes nest deeper than the Markdown nesting limit "
            f"({MAX_MD_NESTING} levels); flatten them"
        )
    return tokens


def _reference_rule(state: Any, start: int, end: int, silent: bool) -> bool:
    """markdown-it's link reference definition rule, but for a footnote definition.

    ``[^1]: Ansa.`` (one word, or a URL, after the label) is a link reference definition
    to CommonMark: the definition vanished from the text and every ``[^1]`` became a link
    to ``Ansa.``, written ``[^1](Ansa.)``. Footnote labels (``^``) are GFM's, Pandoc's and
    Hugo's footnotes, never links: such a line is a paragraph, a footnote definition."""
    from markdown_it.rules_block import reference

    if state.src.startswith("[^", state.bMarks[start] + state.tShift[start]):
        return False
    return reference(state, start, end, silent)


_LINK_OPEN = re.compile(r"<a(?:\s[^<>]*)?>", re.I)
_LINK_CLOSE = re.compile(r"</a\s*>", re.I)


def _link_lines(tokens: list[Any]) -> dict[int, str]:
    """``{id(token): "open" | "close"}`` for the HTML blocks that are only a link's start
    tag and the later ones only its end tag, paired outside lists and quotes (level 0,
    where the Markdown writer puts a card's link lines around its blocks)."""
    links: dict[int, str] = {}
    opened: list[Any] = []
    for tok in tokens:
        if tok.type != "html_block" or tok.level:
            continue
        line = tok.content.strip()
        if _LINK_OPEN.fullmatch(line):
            opened.append(tok)
        elif _LINK_CLOSE.fullmatch(line) and opened:
            links[id(opened.pop())], links[id(tok)] = "open", "close"
    return links


def _front_text_blocks(meta: dict[str, Any]) -> list[Block]:
    """One paragraph per translated front-matter key holding text, after the body
    (``meta["part"] = "front"``: no writer puts it in the body; the Markdown writer puts
    its translation in the front matter). Marker look-alikes in it stay literal text."""
    blocks = []
    for key in TRANSLATED_KEYS:
        value = meta.get(key)
        if not isinstance(value, str) or not re.search(r"\w", value) or NOT_TEXT.search(value):
            continue  # (a character no text has: the check of the metadata names the key)
        inline = _Inline()
        inline.text(unicodedata.normalize("NFC", value))
        text = inline.result()
        block_meta: dict[str, Any] = {"tag": None, "part": FRONT, "key": key}
        if inline.table:
            block_meta["markup"] = inline.table
        blocks.append(Block(id=f"f{len(blocks) + 1}", kind=PARAGRAPH, text=text, meta=block_meta))
    return blocks


def _check_front_matter(meta: dict[str, Any], where: str) -> None:
    """Front-matter fields that become text or a language must be one.

    A list title reached the model as Python's ``['a', 'b']``; a ``lang`` that is no
    language tag became the article's source language and a document mtpipe cannot
    read back. Raises :class:`InputError` naming the file and the field.
    """
    title = meta.get("title")
    if title is not None and (isinstance(title, bool) or not isinstance(title, (str, int, float))):
        raise InputError(
            f"{where}: front matter title must be text, got {type(title).__name__} "
            f'({title!r}); put it in quotes: title: "..."'
        )
    category = meta.get("category")
    names = category if isinstance(category, list) else [category]
    if category is not None and not all(isinstance(n, str) for n in names):
        raise InputError(f"{where}: front matter category must be a name or a list of names")
    for key in ("lang", "language"):
        value = meta.get(key)
        if value is not None and not (isinstance(value, str) and lang_tag_is_valid(value)):
            raise InputError(
                f"{where}: front matter {key} {value!r} is not a BCP 47 language tag "
                "(such as it, en or pt-BR)"
            )


def parse_markdown(text: str, article_id: str, source_lang: str = "it", where: str = "") -> Article:
    """Parse Markdown with optional YAML or TOML front matter (see the module docstring)."""
    where = where or article_id
    whole = text.lstrip("\ufeff")
    meta, body = _front_matter(whole, where)
    _check_front_matter(meta, where)
    lang = standard_tag(str(meta.pop("lang", meta.pop("language", source_lang))))
    if "id" in meta:
        article_id = article_id_from_path(str(meta.pop("id")))
    builder = _Builder(source_lang=lang, where=where)
    category = _category_block(meta.get("category"))
    if category is not None:
        builder.blocks.append(category)
        meta["category"] = category.segments[0].msgid
    if meta.get("title") is not None and str(meta["title"]).strip():  # title: 0 is a title
        title = unicodedata.normalize("NFC", str(meta["title"]))
        # marked: the Markdown writer keeps it in the front matter, no H1 (writers.markdown)
        builder.front_title = builder.emit(TITLE, title, {"front_matter": True})
        builder.title = title
    inline_tag: str | None = None
    tokens = _block_tokens(body, where)
    builder.links = _link_lines(tokens)
    for tok in tokens:
        inline_tag = builder.token(tok, inline_tag)
    builder.blocks = _header_chrome(builder.blocks, lang)
    first_line = whole[: len(whole) - len(body)].count("\n") + 1
    if builder.left_out:
        meta["left_out"] = [r | {"line": r["line"] + first_line} for r in builder.left_out]
    lines = {k: v + first_line for k, v in builder.lines.items()}
    _text_chrome(builder.blocks, lines)
    if spoken := dom.screen_reader_records(builder.blocks, lines):  # not in .md nor .txt
        meta["left_out"] = sorted(
            meta.get("left_out", []) + spoken, key=lambda r: int(r.get("line") or 0)
        )
    kicker = kicker_category(builder.blocks)
    if kicker is not None:
        meta.setdefault("category", kicker.segments[0].msgid)
    blocks = _footer_chrome(builder.blocks, lang)
    if not any(b.kind != RAW for b in blocks):
        raise InputError(f"{where}: the Markdown file has no text")
    blocks += _front_text_blocks(meta)
    title = next((b for b in blocks if b.kind == TITLE), None)
    if title is not None:
        meta.setdefault("title", strip(title.text, title.meta.get("markup")))
    from pipeline.readers.dom import renumber

    return Article(id=article_id, source_lang=lang, blocks=renumber(blocks), meta=meta)
