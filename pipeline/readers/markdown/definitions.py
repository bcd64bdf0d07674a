"""A Markdown paragraph that is a definition list (``Termine`` then ``: Definizione``
lines, PHP Markdown Extra, Pandoc, Hugo), cut into its terms and definitions."""

from __future__ import annotations

import re
from typing import Any

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
