"""Misalignment: the target matches a neighbouring source segment better than its own."""

from __future__ import annotations

from collections.abc import Iterator

from pipeline.qa import overlap, resources
from pipeline.qa.checks.repetition import loops
from pipeline.qa.listing import quoted
from pipeline.qa.pair import Pair
from pipeline.qa.registry import Hit, check
from pipeline.qa.resources import thresholds


def affinity(src: str, tgt: str, src_lang: str, tgt_lang: str) -> tuple[float, float]:
    """How well ``tgt`` fits ``src``: (overall fit, share of the target explained).

    Overall fit is the mean two-way cognate coverage of content words, their
    character-trigram similarity, the agreement of names and of numbers, less
    a small penalty for an unusual length ratio (calibrated per pair). The
    second value looks at target words only, which an omission leaves intact
    but a misaligned target does not.
    """
    sw, sn = overlap.features(src, src_lang)
    tw, tn = overlap.features(tgt, tgt_lang)
    cov_t, cov_s = overlap.coverage(tw, sw), overlap.coverage(sw, tw)
    nums = (len(sn & tn) - 0.5 * len(tn - sn)) / len(sn | tn) if sn or tn else 0.0
    z = resources.length_model(src_lang, tgt_lang).z(len(src.strip()), len(tgt.strip()))
    names = thresholds().misalignment_name_weight * overlap.name_agreement(src, tgt)
    grams = thresholds().misalignment_trigram_weight * overlap.trigram_cosine(
        src, src_lang, tgt, tgt_lang
    )
    fit = (cov_t + cov_s) / 2 + grams + names + 0.3 * nums - 0.05 * abs(z)
    return fit, cov_t + 0.3 * nums + names


@check("misalignment", "error")
def misalignment(p: Pair) -> Iterator[Hit]:
    """The target fits a neighbouring source segment better than its own source.

    A neighbour must beat the own source on overall fit by a margin and explain
    more of the target's words; when both explain the target equally, only a
    large fit margin counts (an omission also lowers the own fit). The fit's lead
    includes the agreement of punctuation (:func:`_mark_lead`). A target far too
    long for its own source whose length a neighbour explains counts too
    (:func:`_length_explained`).
    """
    ctx = p.context
    neighbours = [("previous", s) for s in ctx.prev_sources] + [
        ("next", s) for s in ctx.next_sources
    ]
    if not neighbours or not p.tgt.strip():
        return
    own, own_t = affinity(p.src, p.tgt, p.src_lang, p.tgt_lang)
    margin, tie_margin = thresholds().misalignment_margin, thresholds().misalignment_tie_margin
    for where, other in neighbours:
        fit, fit_t = affinity(other, p.tgt, p.src_lang, p.tgt_lang)
        explained = fit_t - own_t
        marks = _mark_lead(p, other)
        lead = fit - own + marks
        needed = margin if explained > 0.001 else tie_margin if explained >= -0.001 else None
        if needed is not None and _numbers_point_to(p, other):
            needed = 0.0
        if needed is not None and lead >= needed:
            # the punctuation is named only where the fit alone would not have decided
            why = f", and its punctuation ({marks:+.2f})" if fit - own < needed else ""
            yield Hit(
                f"target fits the {where} source segment better ({fit:.2f} vs {own:.2f}{why}): "
                f"{quoted(other)}"
            )
            return
        if lead >= 0 and (z := _length_explained(p, other)) is not None:
            yield Hit(
                f"target is {p.length_z:.1f} sd too long for its source but {z:.1f} sd for "
                f"the {where} source segment, which fits it as well: {quoted(other)}"
            )
            return


def _numbers_point_to(p: Pair, other: str) -> bool:
    """The target's numbers are the neighbour's, not its own source's.

    A number is the one word a loose translation cannot render otherwise: a target
    that shares a number with a neighbouring source which its own source lacks, and
    shares none with its own source, has that neighbour's content, so any lead of that
    neighbour's fit decides (``During the investigation, ... the 23-year-old ... a
    53-year-old man`` after a source about a 9-year-old daughter, whose neighbour has
    the 53). newstest2009: +1 misaligned target at error, no clean reference (the two
    clean references sharing a number with a neighbour only fit their own source far
    better, leads -0.48 and -0.05).
    """
    _, own = overlap.features(p.src, p.src_lang)
    _, theirs = overlap.features(other, p.src_lang)
    _, tgt = overlap.features(p.tgt, p.tgt_lang)
    return bool(tgt & theirs - own) and not tgt & own


def _mark_lead(p: Pair, other: str) -> float:
    """How much better ``other`` than the own source agrees with the target's punctuation.

    A question stays a question, a quotation a quotation, an aside an aside
    (:func:`overlap.mark_agreement`), which links a loose translation to its
    source where no cognate does. Weighted by ``misalignment_mark_weight``.
    """
    own = overlap.mark_agreement(p.src, p.tgt)
    return thresholds().misalignment_mark_weight * (overlap.mark_agreement(other, p.tgt) - own)


def _length_explained(p: Pair, other: str) -> float | None:
    """The target's length z against ``other`` when that explains an addition, else None.

    Cognates often link neither source to a loose translation, but length still
    does: a target longer than its own source allows (above the calibrated
    ``z_long``, the addition check's bound) whose length z against a neighbour
    is at least ``misalignment_length_gap`` sd nearer 0 is that neighbour's
    translation. A repetition loop also lengthens a target, so none may be in
    it. newstest2009: 4 misaligned targets more at error, no clean reference
    (a gap of 1.5-2.5 also took a French reference that expands "SPÖ" and
    "ÖVP" into the parties' descriptions).
    """
    z, model = p.length_z, p.length_model
    if z <= model.z_long:
        return None
    other_z = model.z(len(other.strip()), len(p.tgt.strip()))
    if abs(other_z) > z - thresholds().misalignment_length_gap or loops(p.tgt):
        return None
    return other_z
