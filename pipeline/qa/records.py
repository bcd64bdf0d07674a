"""QA over line records: the aligned JSONL written by ``translate`` and generic pair lines.

Pure functions from parsed records to result rows; reading and writing files
is the CLI's job. Neighbouring lines (of text kinds) are the misalignment
check's context, as in a document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pipeline.config import QASettings
from pipeline.document import CHROME_KINDS, PARAGRAPH, Article, Finding
from pipeline.errors import InputError
from pipeline.qa import resources
from pipeline.qa.pair import PairContext, check_pair

GENERIC_KEYS = ("id", "src", "tgt", "src_lang", "tgt_lang")
_LANG_KEY = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
_NOT_TARGETS = {
    "id",
    "src",
    "src_lang",
    "kind",
    "block",
    "article",
    "origin",
    "msgid",
    "msgctxt",
    "flags",
}


@dataclass
class Row:
    """One input line (or segment) with its texts and QA findings."""

    id: str
    src: str
    targets: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

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


def _neighbours(srcs: Sequence[str | None], i: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    prev = (srcs[i - 1],) if i > 0 and srcs[i - 1] else ()
    nxt = (srcs[i + 1],) if i + 1 < len(srcs) and srcs[i + 1] else ()
    return prev, nxt


def _need(rec: dict[str, Any], keys: Sequence[str], n: int) -> None:
    missing = [k for k in keys if k not in rec]
    if missing:
        raise InputError(
            f"line {n}: missing key(s) {', '.join(missing)}; expected {', '.join(keys)}"
        )


def check_generic(
    records: Sequence[dict[str, Any]], settings: QASettings | None = None
) -> list[Row]:
    """QA of generic lines ``{"id", "src", "tgt", "src_lang", "tgt_lang"}``."""
    settings = settings or QASettings()
    glossary = resources.load_glossary(settings.glossary)
    for n, rec in enumerate(records, 1):
        _need(rec, GENERIC_KEYS, n)
    srcs = [r["src"] for r in records]
    rows = []
    for i, rec in enumerate(records):
        prev, nxt = _neighbours(srcs, i)
        ctx = PairContext(prev_sources=prev, next_sources=nxt, glossary=glossary)
        row = Row(str(rec["id"]), rec["src"], {rec["tgt_lang"]: rec["tgt"]})
        row.findings = check_pair(
            rec["src"],
            rec["tgt"] or "",
            rec["src_lang"],
            rec["tgt_lang"],
            context=ctx,
            settings=settings,
        )
        rows.append(row)
    return rows


def target_langs(rec: dict[str, Any]) -> list[str]:
    """Target-language keys of an aligned record (``"en"``, ``"fr"`` …)."""
    return [
        k
        for k, v in rec.items()
        if k not in _NOT_TARGETS and _LANG_KEY.match(k) and (v is None or isinstance(v, str))
    ]


def check_aligned(
    records: Sequence[dict[str, Any]], settings: QASettings | None = None, src_lang: str = "it"
) -> list[Row]:
    """QA of the aligned JSONL ``translate`` writes (one line per segment, every target)."""
    settings = settings or QASettings()
    glossary = resources.load_glossary(settings.glossary)
    for n, rec in enumerate(records, 1):
        _need(rec, ("id", "src"), n)
    text_srcs = [None if r.get("kind") in CHROME_KINDS else r["src"] for r in records]
    rows = []
    for i, rec in enumerate(records):
        kind = rec.get("kind", PARAGRAPH)
        row = Row(str(rec["id"]), rec["src"])
        lang_src = rec.get("src_lang", src_lang)
        for lang in target_langs(rec):
            tgt = rec[lang]
            row.targets[lang] = tgt or ""
            if tgt is None and kind in CHROME_KINDS:
                continue
            prev, nxt = _neighbours(text_srcs, i) if kind not in CHROME_KINDS else ((), ())
            origin = (rec.get("origin") or {}).get(lang)
            ctx = PairContext(
                kind=kind, origin=origin, prev_sources=prev, next_sources=nxt, glossary=glossary
            )
            row.findings += check_pair(
                rec["src"], tgt or "", lang_src, lang, context=ctx, settings=settings
            )
        rows.append(row)
    return rows


def document_rows(article: Article) -> list[Row]:
    """Rows of an article already through :func:`~pipeline.qa.run_qa` (one per segment)."""
    return [
        Row(
            seg.id, seg.source, {k: v.text for k, v in seg.translations.items()}, list(seg.findings)
        )
        for seg in article.segments()
    ]
