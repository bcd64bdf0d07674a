"""Quotes and brackets: balanced and correctly paired, as in the source."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.qa.pair import Pair
from pipeline.qa.registry import Hit, check

# Opening -> accepted closings. “ closes with ” (en, fr) but also opens „…“ (de);
# ‘ ’ are left out: ’ is the typographic apostrophe.
PAIRS = {"«": "»", "“": "”", "„": "“”", "(": ")", "[": "]", "‹": "›"}
CLOSERS = {c for v in PAIRS.values() for c in v}
STRAIGHT = '"'


def problems(s: str) -> list[tuple[str, int]]:
    """Unpaired or mismatched quote/bracket characters as (description, offset)."""
    stack: list[tuple[str, int]] = []
    out: list[tuple[str, int]] = []
    for i, c in enumerate(s):
        if c in PAIRS and not (c == "“" and stack and stack[-1][0] == "„"):
            stack.append((c, i))
        elif c in CLOSERS:
            if stack and c in PAIRS[stack[-1][0]]:
                stack.pop()
            elif any(c in PAIRS[o] for o, _ in stack):
                while stack and c not in PAIRS[stack[-1][0]]:
                    o, j = stack.pop()
                    out.append((f"unclosed {o}", j))
                stack.pop()
            else:
                out.append((f"unopened {c}", i))
    out.extend((f"unclosed {o}", j) for o, j in stack)
    if s.count(STRAIGHT) % 2:
        out.append(('odd number of "', s.rfind(STRAIGHT)))
    return sorted(out, key=lambda t: t[1])


def _kinds(found: list[tuple[str, int]]) -> list[str]:
    """Problem kinds with quote styles merged, so « » in the source and “ ” in the target agree."""
    merged = {"«": "q", "“": "q", "„": "q", "»": "q", "”": "q", '"': "q", "‹": "q", "›": "q"}
    out = []
    for desc, _ in found:
        what, _, char = desc.partition(" ")
        char = char[-1]
        out.append(
            f"{'open' if what == 'unclosed' else 'close'}:{merged.get(char, char)}"
            if what != "odd"
            else "open:q"
        )
    return sorted(out)


@check("quote_bracket", "warning", chrome=True)
def quote_bracket(p: Pair) -> Iterator[Hit]:
    """Quotes or brackets are unbalanced or mispaired in the target but not in the source."""
    tgt = problems(p.tgt)
    if not tgt:
        return
    src_kinds = _kinds(problems(p.src))
    tgt_kinds = _kinds(tgt)
    if sorted(k.split(":")[1] for k in tgt_kinds) == sorted(k.split(":")[1] for k in src_kinds):
        return  # the source is unbalanced the same way (a quotation spanning sentences)
    desc, at = tgt[0]
    yield Hit(f"{desc} in the target", (at, at + 1))
