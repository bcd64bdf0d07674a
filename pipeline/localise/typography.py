"""French typography for French output, as French newsrooms apply it.

Convention (Imprimerie nationale, *Lexique des règles typographiques*):
narrow no-break space U+202F before ``; ! ?``, no-break space U+00A0 before
``:`` and inside « », typographic apostrophe ’ between letters. Idempotent.

Never touched: protected text (URLs, e-mail addresses, @handles, #hashtags,
found by :mod:`pipeline.protect` with the URL's trailing punctuation left
outside it, and the spans the translate stage restored, passed as ``keep``),
`code` spans, times and ratios (``14:30``, ``3:2``: the colon sits between digits), numbers'
internal separators, and punctuation glued to a following character
(``U:fon``, ``?q=1``), which is not sentence punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.protect import kept_ranges

NBSP = "\u00a0"
NNBSP = "\u202f"

_CODE = re.compile(r"`[^`]*`")
_AFTER_PUNCT = r"(?=\s|$|[»”)\]’'\"])"
# The spaces before the mark (or inside the guillemets), whatever they are, become the one
# no-break space: a run of them (``Pourquoi  ?``, ``Ah\u00a0\u202f!``, ``«  oui  »``), a tab
# or a thin space U+2009, which a line may break at (was: one plain or no-break space only;
# a run was left, and the guillemets got a no-break space added beside it: ``«\u00a0 oui``).
# Any white space but a line break.
_SPACES = r"[^\S\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*"
_HIGH = re.compile(r"(?<=[^\s;!?:(\[«])" + _SPACES + r"(?<![;!?])([;!?]+)" + _AFTER_PUNCT)
_COLON = re.compile(r"(?<=[^\s:(\[«])" + _SPACES + ":" + _AFTER_PUNCT)
_OPEN = re.compile("«" + _SPACES)
_CLOSE = re.compile(_SPACES + "»")
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")


def _protected(text: str, keep: Iterable[str]) -> list[tuple[int, int]]:
    return kept_ranges(text, keep) + [m.span() for m in _CODE.finditer(text)]


def french_typography(text: str, keep: Iterable[str] = ()) -> tuple[str, list[str]]:
    """``text`` with French spacing and apostrophes; plus one note per kind of change.

    ``keep``: strings of the text that must stay byte for byte (protected spans).
    """
    keep = tuple(keep)
    spans = _protected(text, keep)

    def free(m: re.Match[str]) -> bool:
        return not any(a <= m.start() < b or a < m.end() <= b for a, b in spans)

    counts = {"space": 0, "apostrophe": 0}

    def rule(regex: re.Pattern[str], make, kind: str):
        def sub(m: re.Match[str]) -> str:
            if not free(m):
                return m.group(0)
            new = make(m)
            if new != m.group(0):
                counts[kind] += 1
            return new

        return regex, sub

    rules = [
        rule(_HIGH, lambda m: NNBSP + m.group(1), "space"),
        rule(_COLON, lambda m: NBSP + ":", "space"),
        rule(_OPEN, lambda m: "«" + NBSP, "space"),
        rule(_CLOSE, lambda m: NBSP + "»", "space"),
        rule(_APOSTROPHE, lambda m: "\u2019", "apostrophe"),
    ]
    for regex, sub in rules:
        text = regex.sub(sub, text)
        spans = _protected(text, keep)
    edits = []
    if counts["space"]:
        edits.append(f"typography: {counts['space']} French no-break space(s)")
    if counts["apostrophe"]:
        edits.append(f"typography: {counts['apostrophe']} typographic apostrophe(s)")
    return text, edits
