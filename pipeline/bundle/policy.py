"""The QA policy: publish, publish with a notice, or hold back a translated page.

A translated page has *issues* when any of its segments carries a QA finding
for that language at or above the failing severity, or when a text segment
has no translation into it (the page would otherwise show source text under a
foreign ``lang`` without saying so). ``[bundle] qa_policy`` then decides:
``publish`` as is, ``notice`` (publish with a visible notice) or ``hold`` (the
page is not written and is listed in the bundle report). The source-language
page is the original article, so the policy never applies to it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from pipeline.document import SEVERITIES, Article

PUBLISH = "publish"
NOTICE = "notice"
HOLD = "hold"
UNTRANSLATED = "bundle.untranslated"


@dataclass(frozen=True)
class Issue:
    """Why a page needs the policy: one finding (or a missing translation) on one segment."""

    segment: str
    check: str
    severity: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def page_issues(article: Article, lang: str, fail_severity: str = "error") -> list[Issue]:
    """Issues of ``article``'s page in ``lang`` (none for the source language), in page order."""
    if lang == article.source_lang:
        return []
    threshold = SEVERITIES.index(fail_severity)
    issues: list[Issue] = []
    text_ids = {s.id for s in article.text_segments()}
    for seg in article.segments():
        if seg.id in text_ids and lang not in seg.translations and seg.source.strip():
            issues.append(
                Issue(seg.id, UNTRANSLATED, "error", f"no {lang} translation; source text shown")
            )
        for f in seg.findings:
            # An unknown severity counts as the most severe rather than being ignored.
            rank = SEVERITIES.index(f.severity) if f.severity in SEVERITIES else len(SEVERITIES)
            if f.lang == lang and rank >= threshold:
                issues.append(Issue(seg.id, f.check, f.severity, f.message))
    return issues


def decide(issues: list[Issue], policy: str) -> str:
    """The page's status: ``publish`` without issues, else what the policy says."""
    return policy if issues else PUBLISH
