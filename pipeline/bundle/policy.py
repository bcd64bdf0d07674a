"""The QA policy: publish, publish with a notice, or hold back a translated page.

A translated page has *issues* when any of its segments carries a QA finding
for that language at or above the failing severity, when a text segment has no
translation into it (the page would otherwise show source text under a foreign
``lang`` without saying so), when its title's translation shows no text, or when the
document was never checked by QA (``--no-qa``: no findings is then no pass).
``[bundle] qa_policy`` then decides: ``publish`` as is, ``notice`` (publish with a
visible notice) or ``hold`` (the page is not written and is listed in the bundle
report). The source-language page is the original article, so the policy never
applies to it.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from pipeline.document import SEVERITIES, TITLE, Article, qa_checked

PUBLISH = "publish"
NOTICE = "notice"
HOLD = "hold"
UNTRANSLATED = "bundle.untranslated"
BLANK_TITLE = "bundle.blank_title"
QA_NOT_RUN = "bundle.qa_not_run"


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
    return _qa_not_run(article) + _blank_title(article, lang) + issues


def _qa_not_run(article: Article) -> list[Issue]:
    """An issue when QA never checked the document: its translated pages were published
    as clean under ``hold`` and ``notice`` (hostile37 #1), since no finding read as a pass."""
    if qa_checked(article):
        return []
    message = (
        f"document {article.id} was never checked by QA (translated with --no-qa or "
        "[qa] enabled = false, post-edited since without QA, or its JSON edited by hand "
        "since); run "
        f"`mtpipe qa {article.id}.json --update` in its folder, or translate it again with QA"
    )
    return [Issue("", QA_NOT_RUN, "error", message)]


def _blank_title(article: Article, lang: str) -> list[Issue]:
    """An issue when the title's translation shows nothing where the source's does (a
    hand-edited document's ``""``, ``"   "`` or markup alone, ``<g1></g1>``): the page,
    its index link and feed item were titled with the document id, with no notice."""
    from html import unescape

    from pipeline.bundle.render import shows_text
    from pipeline.writers.common import block_text

    for block in article.blocks:
        if block.kind != TITLE or not block.segments:
            continue
        if not all(lang in s.translations for s in block.segments):
            return []  # untranslated: bundle.untranslated says so
        shown = [
            block_text(block, code, article.source_lang) for code in (lang, article.source_lang)
        ]
        visible = [shows_text(unescape(re.sub(r"<[^>]*>", "", t))) for t in shown]
        if visible == [False, True]:
            message = (
                f"the {lang} title of document {article.id} shows no text (blank or only "
                f"markup): the page is titled {article.id!r}; translate the title again"
            )
            return [Issue(block.segments[0].id, BLANK_TITLE, "error", message)]
        return []
    return []


def decide(issues: list[Issue], policy: str) -> str:
    """The page's status: ``publish`` without issues, else what the policy says."""
    return policy if issues else PUBLISH
