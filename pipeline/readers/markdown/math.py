"""Display math in Markdown: ``$$ … $$``, ``\\[ … \\]`` and ``\\begin{env} … \\end{env}``.

CommonMark has no math: such a block was a paragraph, its line breaks joined and the
formula sent to MT (the tiny model's noise in place of ``E = mc^2``). Hugo, Pandoc, Jekyll
with MathJax or KaTeX render it, so the reader makes it one ``math_block`` token, a
``raw`` block (``meta["math"]``) kept as written with its lines in every output, as a code
block is. A block opens at a line's start (it may end a paragraph, as in Pandoc), closes
where a line ends with its closer, and holds no blank line (LaTeX allows none in math);
one that never closes is no math block (its dollars stay text, inline math protected).
Inline math (``$…$``, by :func:`pipeline.protect.verbatim.inline_math_at`'s rule) is one
literal marker (:func:`math_inline_rule`).
"""

from __future__ import annotations

import re
from typing import Any

MATH = "math"  # ``Block.meta`` key of a display-math block: its opener's kind
_OPENER = re.compile(r"\$\$|\\\[|\\begin\{([A-Za-z]+\*?)\}")


def _closer(line: str) -> tuple[str, str, str] | None:
    """(opener, closer, kind) of a line that opens display math, else None."""
    m = _OPENER.match(line)
    if m is None:
        return None
    if m.group(1):
        return m.group(0), f"\\end{{{m.group(1)}}}", m.group(1)
    return (m.group(0), "$$", "$$") if m.group(0) == "$$" else (m.group(0), "\\]", "\\[")


def _last_line(state: Any, start: int, end: int, opener: str, closer: str) -> int | None:
    """The line that closes the block opened at ``start``, or None (no closer, a blank
    line first, or the closer followed by text on its line: inline math then)."""
    first = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    rest = first[len(opener) :].rstrip()
    if closer in rest:  # one line: the closer its end, and its only one
        if rest.index(closer) != len(rest) - len(closer) or "](" in rest:
            return None
        # \[ on one line is as often brackets escaped around a link, \[[Leggi](/x)\]
        from pipeline.protect.verbatim import MATH_SIGN

        return start if opener != "\\[" or MATH_SIGN.search(rest[: -len(closer)]) else None
    for line in range(start + 1, end):
        if state.isEmpty(line) or state.sCount[line] < state.blkIndent:
            return None
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].rstrip()
        if closer in text:
            return line if text.endswith(closer) else None
    return None


def math_rule(state: Any, start: int, end: int, silent: bool) -> bool:
    """markdown-it block rule: a display-math block (see the module docstring)."""
    if state.sCount[start] - state.blkIndent >= 4:  # indented: a code block
        return False
    line = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    found = _closer(line)
    if found is None:
        return False
    opener, closer, kind = found
    last = _last_line(state, start, end, opener, closer)
    if last is None:
        return False
    if silent:
        return True
    token = state.push("math_block", "math", 0)
    token.content = state.getLines(start, last + 1, state.blkIndent, True)
    token.info, token.markup, token.map = kind, opener, [start, last + 1]
    state.line = last + 1
    return True


def math_inline_rule(state: Any, silent: bool) -> bool:
    """markdown-it inline rule: inline math (``$legge = governo^2$``) read whole, before
    escapes and emphasis (``\\{`` became ``{``, ``*`` emphasis), as a ``math_inline``
    token: a literal marker, never MT, written back as the source wrote it (was: sent to
    MT, and the Markdown writer escaped its backslashes, ``$$\\\\text{…}$$``)."""
    from pipeline.protect.verbatim import inline_math_at

    if state.src[state.pos] != "$" or (found := inline_math_at(state.src, state.pos)) is None:
        return False
    if not silent:
        state.push("math_inline", "math", 0).content = found
    state.pos += len(found)
    return True
