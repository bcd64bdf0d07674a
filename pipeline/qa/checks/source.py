"""Source-side document checks: name spelling variants, stray fragments, foreign lines."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator

from pipeline.document import Article, Segment
from pipeline.qa import langid, text
from pipeline.qa.listing import quoted
from pipeline.qa.registry import SOURCE, Hit, check
from pipeline.qa.resources import thresholds

_SENT_END = re.compile(r"[.!?…][\"'»”’)\]]*\s*$")
_LEAD = re.compile(r"^[\s\"'«“„‘(\[—–-]*")


def _name_forms(seg: Segment) -> Iterator[tuple[str, str, int]]:
    """(key, surface, offset) for capitalised names: each word and each multiword name.

    The key folds case, accents, hyphens and spaces, so ``Beloúsov``/``Belousov``
    and ``Kim Jong Un``/``Kim Jong-un`` share a key.
    """
    for seq, start, _end, initial in text.name_spans(seg.source):
        parts = seq.split()
        if len(parts) > 1:
            yield re.sub(r"[\s\-]", "", text.fold(seq)), seq, start
        offset = start
        for word in parts:
            at = seg.source.find(word, offset)
            offset = at + len(word)
            if len(word) >= 4 and not (initial and at == start):
                yield text.fold(word), word, at


@check("name_variant", "warning", scope=SOURCE)
def name_variant(article: Article) -> Iterator[tuple[Segment, Hit]]:
    """One name spelled two ways in the source (Belousov / Beloúsov)."""
    seen: dict[str, list[tuple[Segment, str, int]]] = defaultdict(list)
    for seg in article.text_segments():
        for key, surface, at in _name_forms(seg):
            seen[key].append((seg, surface, at))
    for occurrences in seen.values():
        counts = Counter(s for _, s, _ in occurrences)
        if len(counts) < 2:
            continue
        # The most frequent form is the usual one; on a tie, the plainer (fewer accents).
        usual = max(counts, key=lambda f: (counts[f], -sum(ord(c) > 127 for c in f)))
        for seg, surface, at in occurrences:
            if surface != usual:
                yield (
                    seg,
                    Hit(
                        f"{quoted(surface)} is spelled {quoted(usual)} elsewhere in the article "
                        f"({counts[usual]}x); make the spelling consistent",
                        (at, at + len(surface)),
                    ),
                )


@check("fragment", "warning", scope=SOURCE)
def fragment(article: Article) -> Iterator[tuple[Segment, Hit]]:
    """A stray fragment in the source: a few lower-case words after a finished sentence."""
    for block in article.blocks:
        if block.is_chrome:
            continue
        for i, seg in enumerate(block.segments):
            body = _LEAD.sub("", seg.source)
            if not body[:1].islower() or len(text.words(body)) > thresholds().fragment_words:
                continue
            prev = block.segments[i - 1].source if i else ""
            if i == 0 or _SENT_END.search(prev):
                yield (
                    seg,
                    Hit(
                        f"{quoted(seg.source.strip())} stands alone after a finished sentence: "
                        "a leftover fragment? check the source",
                        (0, len(seg.source)),
                    ),
                )


@check("source_language", "warning", scope=SOURCE)
def source_language(article: Article) -> Iterator[tuple[Segment, Hit]]:
    """A text segment of the source is in another language than the article.

    Function words settle most lines; the rest (about 4% of newstest2009.it's
    lines: "Quindi forse arriveranno tempi migliori.") go to lingua's low-
    accuracy (trigram) models, whose 7 languages loaded in 0.14 s where the
    full models took 1.2-1.6 s (2-core machine, busy), a cost most articles of
    30 lines would pay once per run. On newstest2009's unsettled lines at
    ``langid_min_conf`` they flag 5 of the 92 Italian ones (one is an English
    sentence; the full models: that one only) and 2413 of 2493 English and 2456
    of 2497 French lines (the full models: 2099 and 2323). A warning, so four
    more doubtful lines in 2485 buy a run without the load.
    """
    lang = langid.primary(article.source_lang)
    for seg in article.text_segments():
        if not asks_lingua(seg.source, lang):
            continue
        best, conf = langid.detect(seg.source, (lang,), low_accuracy=True)
        if best and best != lang and conf >= thresholds().langid_min_conf:
            yield (
                seg,
                Hit(f"this source segment reads as {best} (confidence {conf:.2f}), not {lang}"),
            )


def asks_lingua(source: str, lang: str) -> bool:
    """Whether :func:`source_language` asks lingua about ``source``: long enough, and its
    function words do not settle it as ``lang`` (more of them than of any other language)."""
    if len(text.words(source)) < thresholds().source_langid_min_words:
        return False
    hits = langid.function_hits(source, langid.candidates((lang,)))
    return not langid.words_settle(hits, lang, ties=False)
