"""Constructs an author left open to the end of the file, and the text they hide.

CommonMark and HTML both read a ``<!--`` that is never closed (or a code fence, a
``<script>``/``<pre>`` block, a ``<![CDATA[``) to the end of the document: the rest of the
article becomes a comment (shown nowhere) or code (shown untranslated). mtpipe keeps that
reading, as the site renders the file so, but never without a word (was: "2 translated",
exit 0, two thirds of the article left in Italian or out of ID.LANG.txt): each such
construct is a ``meta["unclosed"]`` record (its line, what it is, the text it hides) and
the run warns with the line, how much text it hides and the fix (:func:`unclosed_note`).
"""

from __future__ import annotations

import re
from typing import Any

UNCLOSED = "unclosed"  # the ``Article.meta`` key of the records

_TAG = re.compile(r"<[^<>]*>")
# Where one paragraph of hidden text ends: a blank line, or a block element's tag.
_BREAK = re.compile(
    r"\n[ \t>]*\n|<(?:/?(?:p|div|h[1-6]|li|blockquote|section|article|tr|td|th|dd|dt)\b"
    r"[^<>]*|br\s*/?)>",
    re.I,
)

# CommonMark's HTML blocks that end at a given string, not at a blank line (start
# conditions 1-3 and 5): an opener the file never closes runs to the end of the document.
_MD_HTML_ENDS = (
    (re.compile(r"<!--"), "-->", "an HTML comment"),
    (re.compile(r"<(script|pre|style|textarea)(?=[\s>]|$)", re.I), None, "a raw HTML element"),
    (re.compile(r"<\?"), "?>", "a processing instruction"),
    (re.compile(r"<!\[CDATA\["), "]]>", "a CDATA section"),
)


def hidden_amount(text: str) -> tuple[int, int]:
    """(paragraphs, characters) of words in ``text``: parts with a word between blank lines
    or block tags, tags left out; the characters of their words and single spaces."""
    parts = [" ".join(_TAG.sub(" ", p).split()) for p in _BREAK.split(text)]
    parts = [p for p in parts if re.search(r"\w", p)]
    return len(parts), sum(len(p) for p in parts)


def record(
    line: int, opener: str, what: str, text: str, close: str, note: bool = False
) -> dict[str, Any] | None:
    """The ``meta["unclosed"]`` record of ``opener`` at ``line`` (1-based) hiding ``text``
    (all of it after the opener); None when it hides no word (an empty comment at the end
    of a file hides nothing). ``note``: a comment, whose words on the opener's own line
    (``<!-- nota redazione``) the author meant to hide: only the later lines are counted."""
    paragraphs, chars = hidden_amount(text.partition("\n")[2] if note else text)
    if not paragraphs:
        return None
    return {
        "line": line, "opener": opener, "what": what, "close": close,
        "paragraphs": paragraphs, "characters": chars, "text": text,
    }  # fmt: skip


def markdown_unclosed(tokens: list[Any], body: str) -> list[dict[str, Any]]:
    """Records of the code fences and HTML blocks of ``body`` (markdown-it ``tokens``) that
    run to its end unclosed; ``line`` is 1-based in ``body``."""
    lines = body.splitlines()
    found = []
    for tok in tokens:
        if not tok.map or tok.map[1] < len(lines):
            continue
        if tok.type == "fence" and not _fence_closed(tok, lines):
            line, fence = tok.map[0] + 1, tok.markup
            found.append(record(line, fence, "a code fence", tok.content, fence))
        elif tok.type == "html_block":
            found.append(_html_block(tok))
    return [r for r in found if r is not None]


def _fence_closed(tok: Any, lines: list[str]) -> bool:
    """Whether the fence ``tok`` ends with a closing fence line (not at the file's end)."""
    if tok.map[1] - tok.map[0] < 2:
        return False
    last = lines[tok.map[1] - 1].strip().lstrip(">").strip()
    char, size = tok.markup[:1], len(tok.markup)
    return bool(char) and re.fullmatch(rf"{re.escape(char)}{{{size},}}", last) is not None


def _html_block(tok: Any) -> dict[str, Any] | None:
    """The record of an HTML block ``tok`` whose end string never comes, else None."""
    content = tok.content.lstrip()
    for opener, end, what in _MD_HTML_ENDS:
        m = opener.match(content)
        if m is None:
            continue
        end = end or f"</{m.group(1).lower()}>"
        if end in content.lower():
            return None
        first = content.partition("\n")[0]
        note = what == "an HTML comment"
        return record(tok.map[0] + 1, _label(first), what, content[m.end() :], end, note)
    return None


_HTML_OPENER = re.compile(
    r"<!--|<(script|style|textarea|title|xmp|iframe|noembed|noframes)(?=[\s>/])[^>]*>", re.I
)


def html_unclosed(text: str) -> dict[str, Any] | None:
    """The record of the first HTML comment, or raw-text element (``<script>``, ``<style>``,
    ``<textarea>``, ``<title>`` …), of the page ``text`` that is never closed (HTML reads it
    to the end of the document), else None. ``<!--`` in a script, a style, a textarea or
    a title is no comment; ``<!-->`` and ``<!--->`` are closed ones."""
    pos = 0
    while (m := _HTML_OPENER.search(text, pos)) is not None:
        if m.group(1):  # raw text: skip to its end tag, which hides the rest if missing
            name = m.group(1).lower()
            end = text.lower().find(f"</{name}", m.end())
            if end < 0:
                line = text.count("\n", 0, m.start()) + 1
                return record(line, _label(m.group(0)), f"a <{name}> element", text[m.end() :],
                              f"</{name}>")  # fmt: skip
            pos = end
            continue
        ends = [i for end in ("-->", "--!>") if (i := text.find(end, m.start() + 2)) >= 0]
        if not ends:
            first = text[m.start() :].partition("\n")[0]
            line = text.count("\n", 0, m.start()) + 1
            return record(line, _label(first), "an HTML comment", text[m.end() :], "-->", True)
        pos = min(ends) + 3
    return None


def _label(opener_line: str) -> str:
    """The opener as a warning names it: its line, cut after 40 characters with an ellipsis
    (its whole text is in the record)."""
    line = opener_line.strip()
    return line if len(line) <= 40 else line[:40] + "…"


def hidden_amount_text(record: dict[str, Any]) -> str:
    """``2 paragraphs (68 characters)``: how much text a record hides."""
    n, chars = int(record.get("paragraphs") or 0), int(record.get("characters") or 0)
    return f"{n} paragraph{'s' if n != 1 else ''} ({chars} characters)"


def unclosed_note(article_id: str, records: Any) -> str | None:
    """One warning line per record: its line, what it hides and the fix; None for none.
    A record's ``kept`` says where the hidden text is (an HTML page's: in no output)."""
    if not isinstance(records, list):
        return None
    notes = []
    for r in (r for r in records if isinstance(r, dict)):
        hidden = f"the {hidden_amount_text(r)} after it"
        at = f"{r['field']}, " if r.get("field") else ""  # a WordPress post's content
        if r.get("kept"):
            kept = str(r["kept"])
        elif r.get("what") == "a code fence":
            kept = "kept as code, untranslated, in every output"
        else:
            kept = "kept as written, hidden, in ID.LANG.md and .html and left out of .txt"
        notes.append(
            f"{at}line {r.get('line')}: {r.get('opener')!r} ({r.get('what')}) is never closed: "
            f"{hidden}, to the end of the text, are not translated ({kept}; recorded in "
            f"{article_id}.json, meta.unclosed); close it with {r.get('close')!r} where it "
            "should end, and run again"
        )
    return "; ".join(notes) or None
