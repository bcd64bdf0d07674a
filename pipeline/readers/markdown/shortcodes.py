"""Shortcodes of the site generators that read Markdown, read whole for markdown-it.

WordPress's ``[caption id="x"]...[/caption]`` and Hugo's ``{{< figure ... >}}``,
``{{% notice %}}``, which CommonMark reads as text and a line break may cut:
an inline rule (:func:`_shortcode_rule`) makes each one ``shortcode`` token,
its text attributes found by :func:`_shortcode_texts`. A Hugo shortcode as a
link's destination is read with a stand-in URL
(:func:`_shortcode_destinations`).
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Any

from pipeline.markdown_syntax import (
    SC_VALUE,
    SHORTCODE_TEXT_ATTRS,
    shortcode_attrs,
    shortcode_value,
)

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
