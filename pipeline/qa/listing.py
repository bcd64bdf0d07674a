"""Values taken from the text, written into a finding's message so that it stays short and
cannot be misread.

A finding's message is repeated in the QA report, in PO export comments and in XLIFF notes, so
a message that lists what it found in the text must stay bounded whatever the text holds: a
noisy target with 200 copies of "3" made the ``number`` message 646 characters long ("became 3,
3, 3, ..."), and its ", " separator could not be told apart from a decimal comma ("source
number(s) 3,5, 2025"). :func:`listed` deduplicates with counts, separates with "; " (no number,
name or word of a finding holds it), names how many values it leaves out, and cuts a long value
with its length named (:func:`quoted`): it never drops anything without saying so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

SEPARATOR = "; "  # never inside a number (3,5 / 1.000 / 1 000) nor a name or a word
MAX_VALUES = 5  # distinct values listed before "and N more"
VALUE_MAX = 60  # characters of one listed value


def quoted(value: str, limit: int = VALUE_MAX) -> str:
    """``value`` quoted (``repr``), cut to ``limit`` characters with its length named: a
    degenerate model's "word" of 1,500 letters must not make a finding of 1,500 characters."""
    if len(value) <= limit:
        return repr(value)
    return f"{value[:limit]!r}… ({len(value)} characters)"


def plain(value: str, limit: int = VALUE_MAX) -> str:
    """``value`` as written (numbers, names), cut like :func:`quoted` when longer than
    ``limit``; quote instead when the value may hold the separator."""
    if len(value) <= limit:
        return value
    return f"{value[:limit]}… ({len(value)} characters)"


def listed(values: Iterable[str], *, quote: bool = False, limit: int = MAX_VALUES) -> str:
    """``values`` in first-seen order, each once with its count when repeated ("3 (x200)"),
    separated by "; ", at most ``limit`` distinct ones then "… and N more" (N distinct values).

    ``quote`` writes each with :func:`quoted` (text that may hold ";" or spaces at its ends,
    such as a hole "the of"); otherwise :func:`plain` (numbers, names).
    """
    counts = Counter(values)  # insertion-ordered: first-seen order kept
    shown = [
        (quoted(v) if quote else plain(v)) + (f" (x{n})" if n > 1 else "")
        for v, n in list(counts.items())[:limit]
    ]
    rest = len(counts) - len(shown)
    if rest:
        shown.append(f"… and {rest} more")
    return SEPARATOR.join(shown)
