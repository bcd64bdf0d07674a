"""The bundle report: every page's QA status, written as ``_report.json`` and printed.

The report lists held pages (not published) and pages published with a
notice, with the findings that triggered the policy, so an editor knows what
to fix. It carries no paths or times from the build machine, so it is as
deterministic as the rest of the bundle.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.bundle.output import REPORT_GENERATOR
from pipeline.bundle.plan import SitePlan
from pipeline.bundle.policy import HOLD, NOTICE, QA_NOT_RUN, Issue
from pipeline.errors import one_line


@dataclass(frozen=True)
class PageRecord:
    """The outcome for one article in one language."""

    lang: str
    article: str
    path: str
    status: str
    issues: tuple[Issue, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "lang": self.lang,
            "article": self.article,
            "path": self.path,
            "status": self.status,
            "issues": [i.to_dict() for i in self.issues],
        }


@dataclass(frozen=True)
class BundleReport:
    """What :func:`~pipeline.bundle.build_bundle` wrote and what it held back."""

    out_dir: Path
    locales: tuple[str, ...]
    policy: str
    fail_severity: str
    pages: tuple[PageRecord, ...]
    files: tuple[str, ...] = field(default=())

    @classmethod
    def from_plan(
        cls, plan: SitePlan, out_dir: Path, policy: str, fail_severity: str
    ) -> BundleReport:
        pages = tuple(
            PageRecord(p.lang, p.article.id, p.path, p.status, p.issues) for p in plan.pages
        )
        return cls(Path(out_dir), plan.locales, policy, fail_severity, pages)

    @property
    def held(self) -> list[PageRecord]:
        return [p for p in self.pages if p.status == HOLD]

    @property
    def noticed(self) -> list[PageRecord]:
        return [p for p in self.pages if p.status == NOTICE]

    @property
    def published(self) -> list[PageRecord]:
        return [p for p in self.pages if p.status != HOLD]

    def to_dict(self) -> dict[str, Any]:
        return {
            "generator": REPORT_GENERATOR,
            "qa_policy": self.policy,
            "qa_fail_severity": self.fail_severity,
            "locales": list(self.locales),
            "counts": {
                "published": len(self.published),
                "with_notice": len(self.noticed),
                "held": len(self.held),
            },
            "pages": [p.to_dict() for p in self.pages],
        }

    def summary(self) -> str:
        """A few readable lines for the terminal."""
        lines = [
            f"bundle: {self.out_dir}: {len(self.locales)} locales ({', '.join(self.locales)}), "
            f"{len(self.published)} article pages published "
            f"({len(self.noticed)} with a QA notice), {len(self.held)} held "
            f"[qa_policy={self.policy}, severity>={self.fail_severity}]"
        ]
        unchecked = sum(any(i.check == QA_NOT_RUN for i in p.issues) for p in self.pages)
        if unchecked:  # under publish too: no page reads as checked when it was not
            lines[0] += f"; {unchecked} translated page(s) never checked by QA"
        for p in self.held + self.noticed:
            first = p.issues[0]
            more = f" (+{len(p.issues) - 1} more)" if len(p.issues) > 1 else ""
            lines.append(
                f"  {p.status:<6} {p.path}: {first.check} {first.severity} "
                f"on {first.segment or 'the page'}: {first.message}{more}"
            )
        return "\n".join(one_line(line) for line in lines)  # a folder named a\nb: one line
