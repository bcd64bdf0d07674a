"""QA result rows: one per segment, the line ``mtpipe qa`` writes to its findings JSONL."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pipeline.document import Article, Finding


@dataclass
class Row:
    """One input line (or segment) with its texts and QA findings."""

    id: str
    src: str
    targets: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)  # model confidence per target

    def to_record(self) -> dict[str, Any]:
        """The findings JSONL line: ``{"id", "flags", "findings": [...]}``."""
        return {
            "id": self.id,
            "flags": sorted({f.check for f in self.findings}),
            "findings": [
                {
                    "check": f.check,
                    "severity": f.severity,
                    "message": f.message,
                    "span": list(f.span) if f.span else None,
                    "lang": f.lang,
                }
                for f in self.findings
            ],
        }


def document_rows(article: Article) -> list[Row]:
    """Rows of an article already through :func:`~pipeline.qa.run_qa` (one per segment)."""
    return [
        Row(
            seg.id,
            seg.source,
            {k: v.text for k, v in seg.translations.items()},
            list(seg.findings),
            {k: v.score for k, v in seg.translations.items() if v.score is not None},
        )
        for seg in article.segments()
    ]
