"""Tables in ``ID.LANG.md``: a GFM pipe table when the table fits one, HTML otherwise;
and lists whose numbering Markdown cannot write, as HTML too (:func:`html_lists`).

A table's cells are blocks inside a ``table`` container (``meta["wrap"]``, see
:mod:`pipeline.readers.dom`). GitHub Flavored Markdown tables
(https://github.github.com/gfm/#tables-extension-) have one header row, no
spanning cells and no caption, so a table without a header row, with
``colspan``/``rowspan``, a caption, ragged rows or a block that is not a cell
is written as the HTML writer's fragment instead: Markdown allows HTML blocks,
and nothing is lost.

An ordered list in CommonMark counts up from its first number, so ``<ol reversed>``
(a countdown, 3, 2, 1), ``<ol type="a">`` and ``<li value="10">`` would be written as
1, 2, 3: such a list (the outermost list around it, nested ones with it) is an HTML
"island" as a table that GFM cannot hold is, with the same functions; so is a list whose
list or item has an ``id`` (a footnote's anchor), and a ``<details>`` disclosure widget.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from pipeline.document import Block

_PIPE = re.compile(r"(?<!\\)\|")
_ALIGN = {"left": ":---", "center": ":---:", "right": "---:"}


# Attributes that number an ordered list otherwise than CommonMark's count from its start.
_NUMBERING = {"ol": frozenset({"reversed", "type"}), "li": frozenset({"value"})}


# Containers that become an HTML island when Markdown cannot write them (html_lists).
_ISLANDS = ("ul", "ol", "details")


def html_lists(blocks: list[Block]) -> frozenset[Any]:
    """Group ids of the outermost lists and disclosure widgets (outside tables) that
    Markdown cannot write: a list's numbering, or a nested one's (see the module
    docstring), an ``id`` on a list or item (a footnote's ``<li id="fn1">``, which the
    text's ``[1](#fn1)`` links to), and every ``<details>``, whose ``<summary>`` was
    written as a paragraph and its hidden text always shown."""
    found = set()
    for block in blocks:
        wrap = block.meta.get("wrap") or []
        outer = next((i for i, w in enumerate(wrap) if w[0] in ("table", *_ISLANDS)), None)
        if outer is None or wrap[outer][0] == "table":
            continue
        if any(_needs_html(tag, attrs or {}) for tag, _, attrs in wrap[outer:]):
            found.add(wrap[outer][1])
    return frozenset(found)


def _needs_html(tag: str, attrs: dict[str, Any]) -> bool:
    if tag == "details" or (tag in ("ul", "ol", "li") and "id" in attrs):
        return True
    return bool(_NUMBERING.get(tag, frozenset()) & set(attrs))


def table_entry(block: Block, lists: frozenset[Any] = frozenset()) -> int | None:
    """Index in ``meta["wrap"]`` of the outermost ``table`` around ``block``, or of a list
    of ``lists`` (:func:`html_lists`) if that comes first (None: none)."""
    for i, (tag, gid, _attrs) in enumerate(block.meta.get("wrap") or []):
        if tag == "table" or (tag in _ISLANDS and gid in lists):
            return i
    return None


def table_id(block: Block, lists: frozenset[Any] = frozenset()) -> Any:
    """Group id of the outermost table (or list of ``lists``) around ``block`` (None: none)."""
    i = table_entry(block, lists)
    return None if i is None else block.meta["wrap"][i][1]


def outside(block: Block, lists: frozenset[Any] = frozenset()) -> Block:
    """``block`` with the containers inside its table removed: the table's own place."""
    i = table_entry(block, lists)
    return replace(block, meta={**block.meta, "wrap": block.meta["wrap"][:i]})


def from_table(block: Block, lists: frozenset[Any] = frozenset()) -> Block:
    """``block`` with only the containers from its table inwards (for the HTML fallback)."""
    i = table_entry(block, lists)
    return replace(block, meta={**block.meta, "wrap": block.meta["wrap"][i:]})


def _rows(blocks: list[Block]) -> list[tuple[bool, list[Block]]] | None:
    """``(in thead, cells)`` per ``tr`` in order, or None when GFM cannot hold the table."""
    rows: dict[Any, tuple[bool, list[Block]]] = {}
    for block in blocks:
        wrap = block.meta["wrap"][table_entry(block) :]
        tags = [w[0] for w in wrap]
        spans = {"colspan", "rowspan"} & set(block.meta.get("attrs") or {})
        if block.meta.get("tag") not in ("td", "th") or tags[-1] != "tr" or spans:
            return None
        if "table" in tags[1:]:
            return None  # a table inside a cell
        rows.setdefault(wrap[-1][1], ("thead" in tags, []))[1].append(block)
    ordered = list(rows.values())
    widths = {len(cells) for _, cells in ordered}
    heads = [head for head, _ in ordered]
    if not ordered or len(widths) != 1 or any(heads[1:]):
        return None
    if not heads[0] and any(b.meta.get("tag") != "th" for b in ordered[0][1]):
        return None  # GFM needs a header row; a table without one stays HTML
    return ordered


def _cell(text: str) -> str:
    """A cell's Markdown on one line, its pipes escaped (GFM: ``\\|`` inside a cell)."""
    return _PIPE.sub(r"\\|", text.replace("\n", " ")).strip()


def _align(block: Block) -> str:
    style = str((block.meta.get("attrs") or {}).get("style", "")).replace(" ", "")
    for name, rule in _ALIGN.items():
        if f"text-align:{name}" in style:
            return rule
    return "---"


def pipe_table(blocks: list[Block], texts: list[str]) -> str | None:
    """The cells ``blocks`` (their Markdown ``texts``) as a pipe table, or None."""
    rows = _rows(blocks)
    if rows is None:
        return None
    text_of = {id(b): t for b, t in zip(blocks, texts, strict=True)}
    lines = ["| " + " | ".join(_cell(text_of[id(b)]) for b in cells) + " |" for _, cells in rows]
    header = rows[0][1]
    rule = "| " + " | ".join(_align(b) for b in header) + " |"
    return "\n".join([lines[0], rule, *lines[1:]])
