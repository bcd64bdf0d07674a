"""Segment stage: split the text blocks of an article into sentences.

Language-aware rules live in :mod:`~pipeline.segment.rules` (word lists in
:mod:`~pipeline.segment.abbreviations`); optional third-party splitters in
:mod:`~pipeline.segment.engines`. Every splitter is lossless: joining a
block's ``source + space_after`` gives ``block.text`` back (a tag around several
sentences is cut into one per sentence first, and ``block.text`` is that text:
:func:`pipeline.markup.split_across`). Chrome blocks (category, ui) are left as the
reader segmented them.
"""

from __future__ import annotations

import re

from pipeline.config import SegmentSettings
from pipeline.document import TEXT_KINDS, Article, Block, Segment, make_segment_id
from pipeline.markdown_syntax import LINE_END
from pipeline.markup import keep_markup_whole, split_across, table_of
from pipeline.segment.abbreviations import rules_for
from pipeline.segment.engines import ENGINES, align, splitter_for
from pipeline.segment.rules import break_starts, pairs_from_starts, split_sentences

__all__ = [
    "ENGINES",
    "align",
    "pairs_from_starts",
    "segment_article",
    "split_sentences",
    "splitter_for",
]


def segment_article(article: Article, settings: SegmentSettings | None = None) -> Article:
    """Set ``segments`` of every title, paragraph and caption block; return the article.

    Segment ids are ``<block id>.s<n>`` (1-based), so they stay stable when
    other blocks change. Existing segments of text blocks are replaced.
    """
    split = splitter_for((settings or SegmentSettings()).engine)
    for block in article.blocks:
        if block.kind not in TEXT_KINDS:
            continue
        pairs = split(block.text, article.source_lang)
        if breaks := _line_breaks(block.meta):  # a <br> ends a sentence (any engine)
            pairs = _with_breaks(block.text, pairs, article.source_lang, breaks)
            pairs = _with_starts(
                block.text, pairs, _byline_breaks(block.text, breaks, article.source_lang)
            )
        if ends := _line_ends(block.text, block.meta):  # a byline's own line (readers.markdown)
            pairs = _with_starts(block.text, pairs, ends)
        if block.meta.get("markup"):  # a tag around sentence boundaries: one per sentence
            pairs = _markup_per_sentence(block, pairs)
        block.segments = [
            Segment(id=make_segment_id(block.id, i), source=s, space_after=sp)
            for i, (s, sp) in enumerate(pairs, 1)
        ]
    return article


def _markup_per_sentence(block: Block, pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``pairs`` with each tag that spans sentences cut into one per sentence
    (:func:`pipeline.markup.split_across`), ``block.text`` their join (the writers join the
    pieces again); markers that do not nest keep their sentences together as one segment."""
    split = split_across(pairs)
    if split is None:
        return keep_markup_whole(pairs)
    block.text = "".join(s + sp for s, sp in split)
    return split


def _line_breaks(meta: dict) -> set[str]:
    """The ids of the block's ``<br>`` markers (``<x2/>``)."""
    return {mid for mid, entry in table_of(meta).items() if entry.get("tag") == "br"}


# A literal line break marker after which a segment always ends (markdown_syntax.LINE_END:
# the soft line break around a byline's line, readers.markdown.inline).
_MARKER = re.compile(r"<x(\d+)/>\s*")


def _line_ends(text: str, meta: dict) -> set[int]:
    """Where a segment starts after a line-ending marker of the block (its text's end
    excluded)."""
    table = table_of(meta)
    ends = {mid for mid, entry in table.items() if entry.get(LINE_END) is True}
    if not ends:
        return set()
    return {m.end() for m in _MARKER.finditer(text) if m[1] in ends and m.end() < len(text)}


def is_byline_line(line: str, lang: str) -> bool:
    """Whether ``line`` is a byline alone (``di Mario Rossi``, ``— a cura di Anna De Luca``),
    as protect.spans finds one in a segment of its own (the target language only names
    the catalog word there: any shipped one answers)."""
    from pipeline.protect.spans import byline_spans

    return bool(byline_spans(line, "en", lang))


def _byline_breaks(text: str, breaks: set[str], lang: str) -> set[int]:
    """Segment starts around a line between ``<br>`` markers that is a byline
    (``di Mario Rossi<br>ROMA — …``, ``… legge.<br>a cura di Anna De Luca``): the byline a
    segment of its own, found as on a line of its own (was: one segment with the sentence
    next to it, over protect.spans' length for a byline or after it, so the name went to
    MT)."""
    bounds = [(0, 0)]  # (where a line starts, where the marker before it starts)
    bounds += [(m.end(), m.start()) for m in _MARKER.finditer(text) if m[1] in breaks]
    starts = set()
    for (start, _), (end, marker) in zip(
        bounds, [*bounds[1:], (len(text), len(text))], strict=True
    ):
        if is_byline_line(text[start:marker].strip(), lang):
            starts |= {start, end}
    return {s for s in starts if 0 < s < len(text)}


def _with_starts(text: str, pairs: list[tuple[str, str]], extra: set[int]) -> list[tuple[str, str]]:
    """``pairs`` also cut at ``extra`` (sentence starts)."""
    starts, at = set(), 0
    for sentence, space in pairs:
        starts.add(at)
        at += len(sentence) + len(space)
    return pairs_from_starts(text, starts | extra)


def _with_breaks(
    text: str, pairs: list[tuple[str, str]], lang: str, breaks: set[str]
) -> list[tuple[str, str]]:
    """``pairs`` also cut where a ``<br>`` ends a sentence (:func:`break_starts`)."""
    return _with_starts(text, pairs, break_starts(text, breaks, rules_for(lang)))
