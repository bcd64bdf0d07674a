"""Footnotes of a Markdown input, as markdown-it's footnote plugin (mdit-py-plugins) reads them.

The reader keeps a footnote call (``[^1]``) and a definition's label (``[^1]:``) as
literal markers, never MT, so ``ID.LANG.md`` writes them back as Markdown footnote
syntax and the note's text is translated in its place like any paragraph. Which of
them are footnotes, and their numbers, are the plugin's: a call to a label no
definition has stays text, as in any renderer. Each footnote marker's entry gets
``footnote``: ``{"id": N, "subId": K}`` for a call (N counts from 0, in the order
of first calls; K the call's rank among the calls to its note) and ``{"id": N,
"note": True}`` for a definition's label, so ``ID.LANG.html`` writes a call as a link
to its note (no link inside a link's text: ``"in_link"``) and the label as the note's
anchor (:func:`pipeline.markup.footnote_html`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pipeline.document import Block
from pipeline.markup import MARKER

# A footnote literal of the reader (readers.markdown.inline): a call, or a definition's
# label with its colon (after a line break where it starts a paragraph's later line).
_FOOTNOTE_LITERAL = re.compile(r"(\n?)\[\^([^\]\s]+)\](:?)")


def _plugin_footnotes(body: str) -> tuple[dict[str, list[dict[str, int]]], dict[str, int]]:
    """The plugin's calls (label -> their ``id``/``subId`` in document order) and
    definitions (label -> note id, -1 for a note no call refers to)."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    from pipeline.readers.markdown.tokens import MAX_MD_NESTING

    md = MarkdownIt("commonmark", {"maxNesting": MAX_MD_NESTING}).enable(["strikethrough", "table"])
    md.use(footnote_plugin, inline=False, move_to_end=False)
    env: dict[str, Any] = {}
    todo = list(reversed(md.parse(body, env)))
    calls: dict[str, list[dict[str, int]]] = {}
    while todo:
        tok = todo.pop()
        todo.extend(reversed(tok.children or ()))
        if tok.type == "footnote_ref":
            meta = {"id": int(tok.meta["id"]), "subId": int(tok.meta["subId"])}
            calls.setdefault(str(tok.meta["label"]), []).append(meta)
    refs = env.get("footnotes", {}).get("refs", {})
    return calls, {str(k)[1:]: int(v) for k, v in refs.items()}


def mark_footnotes(blocks: list[Block], body: str) -> None:
    """Mark the footnote literals of ``blocks`` (in place) as the plugin reads ``body``:
    calls in document order, each taking the plugin's next call of its label; a
    definition's label where the plugin has that note and a call refers to it (an
    unreferenced note, which the plugin would leave out, stays text as written). Of two
    definitions of one label only the last is the note, as the plugin shows that one
    alone: the earlier is a note with no anchor, ``"duplicate"`` (was: both anchors
    ``id="fn1"``, one id twice in a page, a link to the note landing on the text the plugin
    drops; then the earlier's ``[^1]:`` shown as text)."""
    if "[^" not in body:
        return
    calls, notes = _plugin_footnotes(body)
    defined: dict[str, list[dict[str, Any]]] = {}  # label -> the entries of its definitions
    for entry, label, links in _footnote_literals(blocks):
        if entry["text"].endswith(":") and notes.get(label, -1) >= 0:
            defined.setdefault(label, []).append(entry)
        elif not entry["text"].endswith(":") and calls.get(label):
            entry["footnote"] = calls[label].pop(0) | ({"in_link": True} if links else {})
    for label, entries in defined.items():
        for entry in entries[:-1]:
            entry["footnote"] = {"id": notes[label], "note": True, "duplicate": True}
        entries[-1]["footnote"] = {"id": notes[label], "note": True}


def _footnote_literals(blocks: list[Block]) -> Iterator[tuple[dict[str, Any], str, bool]]:
    """The footnote literals of ``blocks`` in document order: ``(entry, label, in a link)``
    (a call in a link's text gets no link of its own)."""
    for block in blocks:
        table = block.meta.get("markup")
        if not table or block.meta.get("part") is not None:
            continue
        links: list[str] = []  # the link pairs open at the marker (a call in a link's text)
        for m in MARKER.finditer(block.text):
            if m.group(2) and table.get(m.group(2), {}).get("tag") == "a":
                _ = links.pop() if m.group(1) else links.append(m.group(2))
            entry = table.get(m.group(3)) if m.group(3) else None
            if not entry or entry.get("tag") is not None or not entry.get("markdown"):
                continue
            literal = _FOOTNOTE_LITERAL.fullmatch(str(entry.get("text", "")))
            if literal is not None:
                yield entry, literal.group(2), bool(links)
