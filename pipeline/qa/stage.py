"""The qa stage over the document model: :func:`run_qa` and :func:`failing_findings`."""

from __future__ import annotations

from pipeline.config import QASettings
from pipeline.document import Article, Finding, Segment
from pipeline.qa import resources
from pipeline.qa.pair import PairContext, check_pair
from pipeline.qa.registry import SOURCE, active, all_checks, effective, rank

EMPTY = "empty"
NEIGHBOURS = 1  # source segments on each side offered to the misalignment check


def _context(
    texts: list[Segment], i: int, kind: str, origin: str | None, glossary: resources.Glossary
) -> PairContext:
    prev = tuple(texts[j].source for j in range(i - 1, max(-1, i - 1 - NEIGHBOURS), -1))
    nxt = tuple(texts[j].source for j in range(i + 1, min(len(texts), i + 1 + NEIGHBOURS)))
    return PairContext(
        kind=kind, origin=origin, prev_sources=prev, next_sources=nxt, glossary=glossary
    )


def run_qa(article: Article, settings: QASettings | None = None) -> Article:
    """Check every aligned source/target pair and the source itself; store findings.

    Findings of earlier QA runs are replaced (findings of other checks, added by
    other stages, are kept). Text segments get every enabled pair check, with
    their document neighbours as context; chrome segments only chrome-safe
    checks; a text segment without a translation into a target language gets an
    ``empty`` finding. Returns the same article.
    """
    settings = settings or QASettings()
    if not settings.enabled:
        return article
    ours = set(all_checks())
    for seg in article.segments():
        seg.findings = [f for f in seg.findings if f.check not in ours]
    glossary = resources.load_glossary(settings.glossary)
    severities = dict(active(settings, "pair"))
    empty_sev = next((sev for c, sev in severities.items() if c.id == EMPTY), None)
    texts = article.text_segments()
    index = {seg.id: i for i, seg in enumerate(texts)}
    for block in article.blocks:
        for seg in block.segments:
            for lang in article.target_langs:
                tr = seg.translations.get(lang)
                if tr is None:
                    if not block.is_chrome and empty_sev and seg.source.strip():
                        seg.findings.append(
                            Finding(EMPTY, empty_sev, f"no {lang} translation", lang)
                        )
                    continue
                if block.is_chrome:
                    ctx = PairContext(kind=block.kind, origin=tr.origin, glossary=glossary)
                else:
                    ctx = _context(texts, index[seg.id], block.kind, tr.origin, glossary)
                seg.findings.extend(
                    check_pair(
                        seg.source,
                        tr.text,
                        article.source_lang,
                        lang,
                        context=ctx,
                        settings=settings,
                    )
                )
    for chk, severity in active(settings, SOURCE):
        for seg, hit in chk.fn(article):
            seg.findings.append(
                Finding(
                    chk.id, effective(severity, hit), hit.message, article.source_lang, hit.span
                )
            )
    return article


def failing_findings(article: Article, settings: QASettings | None = None) -> list[Finding]:
    """Findings at or above ``settings.fail_severity`` (these make ``mtpipe qa`` exit 5)."""
    settings = settings or QASettings()
    floor = rank(settings.fail_severity)
    return [f for seg in article.segments() for f in seg.findings if rank(f.severity) >= floor]
