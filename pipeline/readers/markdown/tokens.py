"""markdown-it set up for mtpipe's Markdown reader: block tokens and their rules.

CommonMark with GFM tables and strikethrough, a nesting limit that is an error
rather than lost text, Windows-1252 character references read as a browser
reads them, footnote definitions that are no link reference definitions, and
shortcodes read whole (:mod:`.shortcodes`).
"""

from __future__ import annotations

import re
from html import unescape as html_unescape
from typing import Any

from pipeline.errors import InputError
from pipeline.readers.markdown.math import math_inline_rule, math_rule
from pipeline.readers.markdown.shortcodes import (
    _restore_destinations,
    _shortcode_destinations,
    _shortcode_rule,
)

# markdown-it's block parser silently skips the rest of the document once lists or
# blockquotes nest this deep (its commonmark preset says 20); a list level costs two
# (list + item). Bounded, as the parser recurses per level; reaching it is an error.
MAX_MD_NESTING = 128


# A numeric character reference to a C1 code point (U+0080-U+009F): text pasted from
# Windows-1252 ("l&#146;incontro", "&#147;bene&#148;", "&#128; 10").
_C1_REFERENCE = re.compile(r"&#(?:0*(?:12[89]|1[3-5][0-9])|x0*[89][0-9a-f]);", re.I)


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
    md.inline.ruler.before("escape", "math_inline", math_inline_rule)
    md.block.ruler.at("reference", _reference_rule)
    alt = ["paragraph", "reference", "blockquote", "list"]  # display math ends a paragraph
    md.block.ruler.before("fence", "math_block", math_rule, {"alt": alt})
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
