"""Empty targets, omissions and additions (calibrated length ratio), truncation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher

from pipeline.qa import gaps, overlap, text
from pipeline.qa.checks.language import reads_as
from pipeline.qa.listing import listed, quoted
from pipeline.qa.pair import Pair
from pipeline.qa.registry import Hit, check
from pipeline.qa.resources import thresholds

_HAS_TEXT = re.compile(r"\w")
_SENT_END = re.compile(r"[.!?…][\"'»”’)\]]*\s*$")
_OPEN_END = re.compile(r"(?:\w|,|;|:|-)\s*$")


@check("empty", "error", chrome=True)
def empty(p: Pair) -> Iterator[Hit]:
    """Target is empty or only whitespace while the source has text."""
    if not p.tgt.strip() and _HAS_TEXT.search(p.src):
        yield Hit("target is empty")


@check("omission", "error")
def omission(p: Pair) -> Iterator[Hit]:
    """Target far shorter than the calibrated length ratio allows: content left out
    (:func:`_short`), unless it reads as another language than the target's.

    A target in another language (the other reference, the source left in) is measured
    against no norm of its language pair: the length of English for a French target says
    nothing of what is missing, and ``wrong_language`` or ``untranslated`` reports it
    already. Language is asked only of a target found short (the answer is cached on the
    pair, which those checks ask too). newstest2009: see bench/results/qa.md.
    """
    for hit in _short(p):
        if reads_as(p)[0] is None:
            yield hit
        return


def _short(p: Pair) -> Iterator[Hit]:
    """The omission finding of a target far shorter than its source (see :func:`omission`).

    A target beyond the calibrated ``z_short`` is short on its own evidence. A
    moderately short one (below ``omission_soft_z``) counts when it also has
    far fewer content words than the source (ratio below
    ``omission_word_ratio``): a translation that rephrases keeps its content
    words, a cut does not. Below ``omission_orphan_z`` a target opening on an orphan
    clause (:func:`_orphan_start`), and below ``omission_name_z`` one that surely lost a
    source name (:func:`_name_lost`), is an error.
    """
    if not p.tgt.strip():
        return
    z = p.adjusted_length_z
    ratio = len(p.tgt.strip()) / max(1, len(p.src.strip()))
    where = f"({z:.1f} sd below the {_norm(p)})"
    if z < thresholds().omission_name_z and (said := _said_twice(p)):
        z = p.length_model.z(len(p.src.strip()) - len(said), len(p.tgt.strip())) - p.length_shift
        where = f"({z:.1f} sd below the {_norm(p)}, its repeat not counted)"
    if z < p.length_model.z_short:
        yield Hit(f"target is {ratio:.0%} of the source length {where}: part may be missing")
        return
    if z < thresholds().omission_orphan_z and (word := _orphan_start(p)):
        yield Hit(
            f"target is {ratio:.0%} of the source length {where} and opens with {quoted(word)}, "
            "which the source does not: its main clause may be missing"
        )
        return
    if z < thresholds().omission_name_z and (lost := _name_lost(p)):
        yield Hit(
            f"target is {ratio:.0%} of the source length {where}, and short for it even "
            f"without {lost}, which it surely lost: more than the name is missing"
        )
        return
    if z < thresholds().omission_soft_z:
        src_words, _ = overlap.features(p.src, p.src_lang)
        tgt_words, _ = overlap.features(p.tgt, p.tgt_lang)
        words = len(tgt_words) / max(1, len(src_words))
        if len(src_words) >= 3 and words < thresholds().omission_word_ratio:
            yield Hit(
                f"target is {ratio:.0%} of the source length {where} with {words:.0%} of its "
                "content words: part may be missing",
                severity="warning",
            )


_SENTENCES = re.compile(r"[^.!?…]+[.!?…]*")


def _said_twice(p: Pair) -> str:
    """A sentence of the source that says again, nearly word for word, an earlier one ("Ma
    l'interesse ... verrà fatto pagare ... Ma l'interesse ... sarà addebitato ..."), or "".

    A source that repeats itself (an editing slip of two versions of one sentence) is
    translated once: the repeat adds no content a target must carry, so the omission check
    measures the target against the source without it. Near word for word: at least 8
    words, and at least ``_REPEAT_SIMILARITY`` of the words in common (difflib ratio over
    folded words: "verrà fatto pagare" / "sarà addebitato" still match). newstest2009: see
    bench/results/qa.md."""
    sentences = [m.group().strip() for m in _SENTENCES.finditer(p.src) if m.group().strip()]
    if len(sentences) < 2:
        return ""
    words = [text.fold(s).split() for s in sentences]
    for i, later in enumerate(words):
        for earlier in words[:i]:
            if len(later) >= 8 and (
                SequenceMatcher(None, earlier, later, autojunk=False).ratio() >= _REPEAT_SIMILARITY
            ):
                return sentences[i]
    return ""


_REPEAT_SIMILARITY = 0.75


def _name_lost(p: Pair) -> str:
    """The names the target surely lost (the ``named_entity`` check's error) when the target
    is short for its source even without them, or "".

    Two signals of one cut: a target well short of its source that also lacks a source name
    for sure (a hole where it stood, nothing standing in for it) lost a stretch of text,
    not only the name; a translation that renders a name by a description ("the minister")
    is of normal length. The names' own length is taken off the source first (length z
    below ``omission_name_z`` for the rest): a lost "Hypo Real Estate" alone shortens a
    target. newstest2009: see bench/results/qa.md.
    """
    from pipeline.qa.checks.entities import surely_lost

    lost = surely_lost(p)
    rest = len(p.src.strip()) - sum(len(name) + 1 for name in lost)
    if (
        not lost
        or p.length_model.z(max(0, rest), len(p.tgt.strip())) - p.length_shift
        >= thresholds().omission_name_z
    ):
        return ""
    return listed(lost)


# A sentence opening with a subordinate word ("That I'd been learning ...", "Que le groupe ...",
# "Dont les ordres ...") lacks the clause it hangs on, unless the source opens the same way
# ("Ma", "E", "Che"). English "that" only counts before a subject (a pronoun or a
# determiner): "That is why ...", "That's ...", "That day ..." are demonstratives opening
# whole sentences. A coordinator ("And", "Et") only counts before such a word ("Et qu'il
# ..."): alone it opens whole sentences in news (clean newstest2009 references: "And about the
# candidate, I'm not worried", "Et selon les analystes, la croissance ..." for "Inoltre,
# secondo gli analisti, ..."), and so do "Because ..., ..." and "Car ...".
_EN_SUBJECT = (
    r"I|you|he|she|it|we|they|there|the|a|an|this|these|those|his|her|its|our|their|my|your"
    r"|some|no|every|each|such"  # not all/many/most: "That all changed", "That many people"
)
_ORPHAN = {
    "en": re.compile(
        rf"(?:and\s+)?(?:that(?=\s+(?:{_EN_SUBJECT})\b)|which|who|whom|whose|than)\b",
        re.IGNORECASE,
    ),
    "fr": re.compile(r"(?:et\s+)?(?:(?:que|qui|dont)(?![\w-])|qu['’])", re.IGNORECASE),
}
_LINKED = {
    "it": re.compile(r"(?:ma|e|ed|o|che|perch[ée]|chi|cui|il quale|la quale)\b", re.IGNORECASE)
}
_QUOTES = "\"'«»“”‘’` "


def _orphan_start(p: Pair) -> str:
    """The word a target statement opens with when it is an orphan (see ``_ORPHAN``), or ""."""
    orphan = _ORPHAN.get(p.tgt_lang.split("-")[0].lower())
    linked = _LINKED.get(p.src_lang.split("-")[0].lower())
    tgt, src = p.tgt.strip().lstrip(_QUOTES), p.src.strip().lstrip(_QUOTES)
    if not orphan or not linked or tgt.rstrip(_QUOTES).endswith("?") or linked.match(src):
        return ""
    m = orphan.match(tgt)
    return m.group() if m else ""


@check("addition", "warning")
def addition(p: Pair) -> Iterator[Hit]:
    """Target far longer than the calibrated length ratio allows: added or hallucinated text."""
    z = p.adjusted_length_z
    if z > p.length_model.z_long:
        ratio = len(p.tgt.strip()) / max(1, len(p.src.strip()))
        yield Hit(
            f"target is {ratio:.0%} of the source length "
            f"({z:.1f} sd above the {_norm(p)}): text may be added"
        )


def _norm(p: Pair) -> str:
    """What a length z is measured against, for messages: the language pair's norm, and
    what shifts it (:attr:`Pair.adjusted_length_z`): "it-fr norm shifted -0.8 sd by the
    length of the en translation and of the segments around"."""
    norm = f"{p.src_lang}-{p.tgt_lang} norm"
    if abs(p.length_shift) < 0.05:
        return norm
    by = [f"the {s.lang} translation" for s in p.context.sibling_targets if s.text.strip()]
    if p.article_z:
        by.append("the segments around")
    return f"{norm} shifted {p.length_shift:+.1f} sd by the length of {' and of '.join(by)}"


_CUT_END = re.compile(r"[,;:-]\s*$")


@check("truncated", "warning")
def truncated(p: Pair) -> Iterator[Hit]:
    """Source ends a sentence but the target stops mid-way.

    A missing full stop alone is style (reference headlines drop it: "Bush
    appreciates progress in negotiations"; 51 clean newstest2009 references);
    a cut target also ends on a comma or a word that needs a complement
    ("before the", :func:`gaps.dangling`) or is short for its source (length
    z below ``truncated_z``).
    """
    tgt = p.tgt.rstrip()
    if not (tgt and _SENT_END.search(p.src) and _OPEN_END.search(tgt) and len(p.tgt_words) > 3):
        return
    cut = _CUT_END.search(tgt) or any(tgt.endswith(h) for h in gaps.dangling(tgt, p.tgt_lang))
    if cut or p.adjusted_length_z < thresholds().truncated_z:
        yield Hit("source ends a sentence but the target stops mid-way", (len(tgt) - 1, len(tgt)))
