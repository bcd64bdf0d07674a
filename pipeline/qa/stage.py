"""The qa stage over the document model: :func:`run_qa` and :func:`failing_findings`.

This is the one QA driver: documents, aligned JSONL and generic pair lines all
reach it as articles (see :mod:`pipeline.qa.lines`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from pipeline.config import QASettings
from pipeline.document import (
    ORIGIN_MEMORY,
    ORIGIN_MT,
    Article,
    Block,
    Finding,
    Segment,
    Translation,
)
from pipeline.qa import resources
from pipeline.qa.pair import PairContext, Sibling, check_pair
from pipeline.qa.registry import (
    PAIR,
    SOURCE,
    STAGE,
    active,
    all_checks,
    effective,
    is_on,
    rank,
)

EMPTY = "empty"
NEIGHBOURS = 1  # source segments on each side offered to the misalignment check
NAME_WINDOW = 5  # segments on each side whose translations the name check may look at
# Block.meta key naming the document a block of line-based QA input belongs to: the name
# check looks only at translations of the same document (lines of another article say
# nothing about how this one renders a name). Absent: the article's own blocks.
DOC = "qa_doc"


def _contexts(
    article: Article, glossary: resources.Glossary
) -> Iterator[tuple[Block, Segment, PairContext, tuple[Segment, ...]]]:
    """Each segment with its block, what its pair checks may know (origin left unset) and
    the segments near it whose translations the name check may look at.

    Segments outside chrome get their ``NEIGHBOURS`` neighbours on each side among
    the same segments (across blocks), and those of the ``NAME_WINDOW`` on each side
    that belong to its document (``Block.meta[DOC]``, set by the line readers; a document
    or an aligned JSONL of one article is one document) as nearby segments; chrome
    segments none. The neighbours are counted from the very list the loop walks, so no
    block kind can shift them.
    """
    texts = [s for b in article.blocks if not b.is_chrome for s in b.segments]
    docs = [b.meta.get(DOC) for b in article.blocks if not b.is_chrome for _ in b.segments]
    i = -1
    for block in article.blocks:
        for seg in block.segments:
            if block.is_chrome:
                yield block, seg, PairContext(kind=block.kind, glossary=glossary), ()
                continue
            i += 1
            prev = tuple(texts[j].source for j in range(i - 1, max(-1, i - 1 - NEIGHBOURS), -1))
            nxt = tuple(texts[j].source for j in range(i + 1, min(len(texts), i + 1 + NEIGHBOURS)))
            window = [*range(max(0, i - NAME_WINDOW), i), *range(i + 1, i + 1 + NAME_WINDOW)]
            near = [texts[j] for j in window if j < len(texts) and docs[j] == docs[i]]
            yield (
                block,
                seg,
                PairContext(
                    kind=block.kind, prev_sources=prev, next_sources=nxt, glossary=glossary
                ),
                tuple(near),
            )


def _check_segment(
    article: Article,
    block: Block,
    seg: Segment,
    ctx: PairContext,
    settings: QASettings,
    near: tuple[Segment, ...] = (),
    noise: frozenset[str] = frozenset(),
) -> None:
    """Pair checks of one segment into every target language; ``empty`` where none exists.

    The translations of the ``near`` segments into each language, and their sources, go
    with that language's pairs (:attr:`PairContext.nearby_targets`, ``nearby_sources``).
    A target that is no noise itself (a translator's, a catalog's, a real model's) is not
    judged against noise: translations by a tiny random model (``noise``, the languages
    of :meth:`Article.noise_langs`) are left out of its nearby and sibling translations."""
    empty_sev = dict((c.id, sev) for c, sev in active(settings, PAIR)).get(EMPTY)
    for lang in article.target_langs:
        tr = seg.translations.get(lang)
        if tr is None:
            if not block.is_chrome and empty_sev and seg.source.strip():
                seg.findings.append(Finding(EMPTY, empty_sev, f"no {lang} translation", lang))
            continue
        # noise is evidence only about noise: a noise target keeps every neighbour
        skip = frozenset() if _is_noise(lang, tr, noise) else noise
        context = _pair_context(article, seg, ctx, lang, tr, near, skip)
        seg.findings.extend(
            check_pair(
                seg.source,
                tr.text,
                seg.lang or article.source_lang,
                lang,
                context=context,
                settings=settings,
            )
        )


def _pair_context(
    article: Article,
    seg: Segment,
    ctx: PairContext,
    lang: str,
    tr: Translation,
    near: tuple[Segment, ...],
    skip: frozenset[str],
) -> PairContext:
    """``ctx`` for ``seg``'s ``lang`` pair: the target's origin and score, the translations
    into ``lang`` of the ``near`` segments and their sources, and the segment's translations
    into the article's other languages, leaving out noise (``skip``: see
    :func:`_check_segment`)."""
    translated = [
        n
        for n in near
        if lang in n.translations and not _is_noise(lang, n.translations[lang], skip)
    ]
    return replace(
        ctx,
        origin=tr.origin,
        score=tr.score,
        nearby_targets=tuple(n.translations[lang].text for n in translated),
        nearby_sources=tuple(n.source for n in translated),
        sibling_targets=tuple(
            Sibling(other, t.text, t.origin)
            for other in article.target_langs
            if other != lang
            and (t := seg.translations.get(other)) is not None
            and not _is_noise(other, t, skip)
        ),
    )


def _is_noise(lang: str, tr: Translation, noise: frozenset[str]) -> bool:
    """Whether ``tr`` is a tiny random model's text (machine text, ``mt`` or ``memory``,
    in a language of ``noise``): its length and its names say nothing of a real text's."""
    return lang in noise and tr.origin in (ORIGIN_MT, ORIGIN_MEMORY)


def _settle_earlier(article: Article, settings: QASettings) -> None:
    """Drop findings of earlier QA runs; apply ``[qa]`` to findings other stages added.

    A stage finding (reader, localise) whose check is disabled is dropped and
    one with a configured severity re-weighted; unregistered ids are kept as they are.
    """
    checks = all_checks()
    for seg in article.segments():
        kept = []
        for f in seg.findings:
            c = checks.get(f.check)
            if c is None:
                kept.append(f)
            elif c.scope == STAGE and is_on(c, settings):
                kept.append(replace(f, severity=settings.severity.get(c.id, f.severity)))
        seg.findings = kept


def run_qa(article: Article, settings: QASettings | None = None) -> Article:
    """Check every aligned source/target pair and the source itself; store findings.

    Findings of earlier QA runs are replaced (findings of other checks, added by
    other stages, are kept). Text segments get every enabled pair check, with
    their document neighbours as context; chrome segments only chrome-safe
    checks; a text segment without a translation into a target language gets an
    ``empty`` finding. A segment found in another language than the article's
    (``Segment.lang``) is checked as that language. Records that QA ran
    (``meta["qa_checked"]``). Returns the same article.
    """
    settings = settings or QASettings()
    if not settings.enabled:
        return article
    _settle_earlier(article, settings)
    glossary = resources.load_glossary(settings.glossary)
    noise = frozenset(article.noise_langs())
    for block, seg, ctx, near in _contexts(article, glossary):
        _check_segment(article, block, seg, ctx, settings, near, noise)
    for chk, severity in active(settings, SOURCE):
        for seg, hit in chk.fn(article):
            seg.findings.append(
                Finding(
                    chk.id, effective(severity, hit), hit.message, article.source_lang, hit.span
                )
            )
    return record_checked(article)


def record_checked(article: Article) -> Article:
    """Record that QA ran, wherever it ran (here or in the helper process): a document
    without findings is then clean, not unchecked (bundle's QA policy and export
    --only-flagged read it: ``pipeline.document.qa_checked``). Returns the same article."""
    article.meta["qa_checked"] = True
    return article


def failing_findings(article: Article, settings: QASettings | None = None) -> list[Finding]:
    """Findings at or above ``settings.fail_severity`` (these make ``mtpipe qa`` exit 5)."""
    settings = settings or QASettings()
    floor = rank(settings.fail_severity)
    return [f for seg in article.segments() for f in seg.findings if rank(f.severity) >= floor]
