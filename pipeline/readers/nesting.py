"""Font-style elements wrapped around blocks: ``<b><p>…</p></b>``, as browsers build them.

The nesting is invalid (a ``<p>`` inside phrasing content), and browsers repair it: the
HTML parser (WHATWG HTML 13.2.6.4.7, "in body", a ``p`` start tag) nests the paragraph in
the ``<b>``, so the paragraph shows in bold. libxml2's HTML parser, which lxml uses,
closes the font-style elements (``b``, ``i``, ``u``, ``s``, ``strike``, ``small``, ``big``,
``tt``) at a block start tag instead: the tree held an empty ``<b></b>`` and the paragraph
after it, so every output lost the bold and carried an empty ``<b></b>`` block of its
own. It keeps ``<strong>``, ``<em>`` or ``<span>`` around a block (the readers handle an
inline element around blocks: :mod:`pipeline.readers.dom`).

So before parsing, such an element, one that holds a block start tag before its end tag
(or the end of the text), is written as a ``<strong>`` marked with its own name, which
libxml2 nests as the browser does; :func:`restore` gives it its name back in the tree.
Only the tags are rewritten, found by the standard library's HTML tokenizer (so a ``<b``
inside a comment, a script or an attribute value is not a tag); the rest of the text is
untouched, and a text with no such element is returned as it is.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

FONT_STYLE = frozenset({"b", "i", "u", "s", "strike", "small", "big", "tt"})
_STAND_IN = "strong"
MARK = "data-mtpipe-tag"
# Elements whose content HTML parsers (libxml2 too) read as text: the standard library's
# tokenizer reports tags in them (it knows only script and style), so they are skipped.
_RAW_TEXT = frozenset({"textarea", "title", "xmp", "noembed", "noframes"})
_MAYBE = re.compile(r"<(?:b|i|u|s|strike|small|big|tt)\b", re.IGNORECASE)


class _Scan(HTMLParser):
    """Where each font-style element that holds a block starts and ends in the text."""

    def __init__(self, blocks: frozenset[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks = blocks
        self.open: list[tuple[str, tuple[int, int], list[bool]]] = []
        self.starts: list[tuple[int, int]] = []  # (line, column) of each start tag to rename
        self.ends: list[tuple[int, int]] = []
        self.raw_text = ""  # the open element whose content parsers read as text

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if self.raw_text or tag in _RAW_TEXT:  # a <textarea>'s content is text, not tags
            self.raw_text = self.raw_text or tag
            return
        if tag in FONT_STYLE:
            self.open.append((tag, self.getpos(), [False]))
        elif tag in self.blocks:
            for _, _, holds in self.open:
                holds[0] = True

    def handle_endtag(self, tag: str) -> None:
        if self.raw_text:
            self.raw_text = "" if tag == self.raw_text else self.raw_text
            return
        if tag not in FONT_STYLE or not any(name == tag for name, _, _ in self.open):
            return
        while self.open:
            name, at, holds = self.open.pop()
            if holds[0]:
                self.starts.append(at)
                if name == tag:
                    self.ends.append(self.getpos())
            if name == tag:
                return

    def finish(self) -> None:
        """The elements left open at the end of the text: their start tags."""
        self.close()
        self.starts += [at for _, at, holds in self.open if holds[0]]


def nest_font_style(text: str, blocks: frozenset[str]) -> str:
    """``text`` with each font-style element that holds a block (a tag in ``blocks``)
    written as a marked ``<strong>`` (see the module docstring)."""
    if not _MAYBE.search(text):
        return text
    scan = _Scan(blocks)
    try:
        scan.feed(text)
        scan.finish()
    except Exception:  # (the tokenizer's asserts on odd markup): the text as libxml2 reads it
        return text
    if not scan.starts:
        return text
    lines = [0]
    for m in re.finditer("\n", text):
        lines.append(m.end())
    edits = [(lines[line - 1] + col, False) for line, col in scan.starts]
    edits += [(lines[line - 1] + col, True) for line, col in scan.ends]
    out, at = [], 0
    for pos, end in sorted(edits):
        m = re.compile(r"</?([A-Za-z]+)").match(text, pos)
        if m is None:
            continue
        name = m[1].lower()
        out.append(text[at:pos])
        out.append(f"</{_STAND_IN}" if end else f'<{_STAND_IN} {MARK}="{name}"')
        at = m.end()
    return "".join(out) + text[at:]


def restore(root: Any) -> None:
    """Give the stand-ins of :func:`nest_font_style` their own names back."""
    for el in root.iter(_STAND_IN):
        name = el.attrib.pop(MARK, None)
        if name in FONT_STYLE:
            el.tag = name
