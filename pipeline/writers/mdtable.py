"""Tables in ``ID.LANG.md``: a GFM pipe table when the table fits one, HTML otherwise.

A table's cells are blocks inside a ``table`` container (``meta["wrap"]``, see
:mod:`pipeline.readers.dom`). GitHub Flavored Markdown tables
(https://github.github.com/gfm/#tables-extension-) have one header row, no
spanning cells and no caption, so a table without a header row, with
``colspan``/``rowspan``, a caption, ragged rows or a block that is not a cell
is written as the HTML writer's fragment instead: Markdown allows HTML blocks,
and nothing is lost.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from pipeline.document import Block

_PIPE = re.compile(r"(?<!\\)\|")
_ALIGN = {"left": ":---", "center": ":---:", "right": "---:"}


def table_entry(block: Block) -> int | None:
    """Index in ``meta["wrap"]`` of the outermost ``table`` around ``block`` (None: none)."""
    for i, (tag, _gid, _attrs) in enumerate(block.meta.get("wrap") or []):
        if tag == "table":
            return i
    return None


def table_id(block: Block) -> Any:
    """Group id of the outermost table around ``block`` (None outside tables)."""
    i = table_entry(block)
    return None if i is None else block.meta["wrap"][i][1]


def outside(block: Block) -> Block:
    """``block`` with the containers inside its table removed: the table's own place."""
    i = table_entry(block)
    return replace(block, meta={**block.meta, "wrap": block.meta["wrap"][:i]})


def from_table(block: Block) -> Block:
    """``block`` with only the containers from its table inwards (for the HTML fallback)."""
    i = table_entry(block)
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
