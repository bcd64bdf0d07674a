"""Misalignment: the target matches a neighbouring source segment better than its own."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pipeline.qa import numparse, resources, text
from pipeline.qa.pair import Pair
from pipeline.qa.registry import Hit, check
from pipeline.qa.resources import threshold


@lru_cache(maxsize=8)
def _stopwords(lang: str) -> frozenset[str]:
    """The 300 most frequent words of ``lang`` (wordfreq): function words, no alignment signal."""
    from wordfreq import top_n_list

    return frozenset(text.fold(w) for w in top_n_list(lang, 300))


@lru_cache(maxsize=4096)
def _features(s: str, lang: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """(folded content words, number values) of one side."""
    stop = _stopwords(lang)
    words = tuple(
        w
        for w in (text.fold(x) for x in re.findall(r"[^\W\d_]+", s))
        if len(w) >= 4 and w not in stop
    )
    return words, frozenset(v for n in numparse.extract(s, lang) for v in n.values)


def _cognate(w: str, others: tuple[str, ...]) -> bool:
    """Shared folded prefix (4 letters for short words, 5 for longer): strategica ~ strategic."""
    k = w[:4] if len(w) < 6 else w[:5]
    return any(x.startswith(k) or w.startswith(x[:4] if len(x) < 6 else x[:5]) for x in others)


def affinity(src: str, tgt: str, src_lang: str, tgt_lang: str) -> tuple[float, float]:
    """How well ``tgt`` fits ``src``: (overall fit, share of the target explained).

    Overall fit is the mean two-way cognate coverage of content words, plus
    agreement of numbers, less a small penalty for an unusual length ratio
    (calibrated per pair). The second value looks at target words only, which
    an omission leaves intact but a misaligned target does not.
    """
    sw, sn = _features(src, src_lang)
    tw, tn = _features(tgt, tgt_lang)
    cov_t = sum(_cognate(w, sw) for w in tw) / max(1, len(tw))
    cov_s = sum(_cognate(w, tw) for w in sw) / max(1, len(sw))
    nums = (len(sn & tn) - 0.5 * len(tn - sn)) / len(sn | tn) if sn or tn else 0.0
    z = resources.length_model(src_lang, tgt_lang).z(len(src.strip()), len(tgt.strip()))
    return (cov_t + cov_s) / 2 + 0.3 * nums - 0.05 * abs(z), cov_t + 0.3 * nums


@check("misalignment", "error")
def misalignment(p: Pair) -> Iterator[Hit]:
    """The target fits a neighbouring source segment better than its own source.

    A neighbour must beat the own source on overall fit by a margin and explain
    more of the target's words; when both explain the target equally, only a
    large fit margin counts (an omission also lowers the own fit).
    """
    ctx = p.context
    neighbours = [("previous", s) for s in ctx.prev_sources] + [
        ("next", s) for s in ctx.next_sources
    ]
    if not neighbours or not p.tgt.strip():
        return
    own, own_t = affinity(p.src, p.tgt, p.src_lang, p.tgt_lang)
    for where, other in neighbours:
        fit, fit_t = affinity(other, p.tgt, p.src_lang, p.tgt_lang)
        explained = fit_t - own_t
        margin = threshold("misalignment_margin", 0.1)
        tie_margin = threshold("misalignment_tie_margin", 0.3)
        if (explained > 0.001 and fit - own >= margin) or (
            abs(explained) <= 0.001 and fit - own >= tie_margin
        ):
            yield Hit(
                f"target fits the {where} source segment better ({fit:.2f} vs {own:.2f}): "
                f"{other[:60]!r}"
            )
            return
