"""Protected spans: what the translate stage kept out of MT must be in the target verbatim."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from pipeline.protect import SpanFinder
from pipeline.qa.listing import quoted
from pipeline.qa.pair import Pair
from pipeline.qa.registry import Hit, check

_KEPT = frozenset({"url", "email", "handle", "hashtag"})


@check("protected", "error")
def protected(p: Pair) -> Iterator[Hit]:
    """A URL, e-mail address, @handle or #hashtag of the source is not in the target verbatim.

    The translate stage keeps them through placeholders (and reports its
    repairs as ``placeholder_repair``); this catches targets that lost one
    anyway: another tool's output, an edited translation, aligned JSONL.
    Do-not-translate terms have their own check (``dnt``).
    """
    if not p.tgt.strip():
        return
    wanted = Counter(s.text for s in SpanFinder().find(p.src) if s.kind in _KEPT)
    for text, n in wanted.items():
        if p.tgt.count(text) < n:
            yield Hit(f"protected span {quoted(text)} is not in the target verbatim")
