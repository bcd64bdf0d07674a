"""QA reports: counts per check, segments worst first.

Markdown or HTML (from Jinja2 templates) to read, JSON for a program (a dashboard, a CI
step): ``mtpipe qa --report r.json`` wrote Markdown into ``r.json``. The JSON report lists
every segment with findings, not only the worst ``limit`` (a program needs no shortening).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from pipeline.config import choices
from pipeline.document import NOISE_NOTE
from pipeline.qa.records import Row
from pipeline.qa.registry import all_checks, rank

# The report formats: the values ``[qa] report_format`` (and ``qa --format``) allow.
FORMATS: tuple[str, ...] = choices("qa", "report_format")


@lru_cache(maxsize=1)
def _env():  # -> jinja2.Environment
    from jinja2 import Environment, PackageLoader, select_autoescape

    return Environment(
        loader=PackageLoader("pipeline.qa", "templates"),
        autoescape=select_autoescape(["html", "html.j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def severity_of(row: Row) -> int:
    """A row's worst severity rank (-1 when clean)."""
    return max((rank(f.severity) for f in row.findings), default=-1)


def summary(rows: Sequence[Row], fail_severity: str) -> dict[str, Any]:
    """Numbers the report shows: per-check counts, severities, failing rows."""
    checks = all_checks()
    per_check = Counter((f.check, f.severity) for r in rows for f in r.findings)
    table = [
        {
            "id": cid,
            "severity": sev,
            "count": n,
            "title": checks[cid].title if cid in checks else "",
        }
        for (cid, sev), n in sorted(
            per_check.items(), key=lambda kv: (-rank(kv[0][1]), -kv[1], kv[0][0])
        )
    ]
    floor = rank(fail_severity)
    failing = [r for r in rows if any(rank(f.severity) >= floor for f in r.findings)]
    return {
        "segments": len(rows),
        "flagged": sum(1 for r in rows if r.findings),
        "failing": len(failing),
        "fail_severity": fail_severity,
        "by_check": table,
        "by_severity": Counter(f.severity for r in rows for f in r.findings),
    }


def render(
    rows: Sequence[Row],
    *,
    title: str,
    fail_severity: str = "error",
    fmt: str = "md",
    limit: int = 50,
    noise: Sequence[str] = (),
) -> str:
    """The report text; the ``limit`` worst segments are listed (the count says how many more).

    ``noise`` names target languages made by a tiny random test model: the report says so.
    """
    if fmt not in FORMATS:
        raise ValueError(f"report format {fmt!r}; use one of {FORMATS}")
    worst = sorted(
        (r for r in rows if r.findings), key=lambda r: (-severity_of(r), -len(r.findings))
    )
    if fmt == "json":
        return _json_report(rows, worst, title, fail_severity, noise)
    template = _env().get_template(f"report.{fmt}.j2")
    return template.render(
        title=title,
        s=summary(rows, fail_severity),
        worst=worst[:limit],
        more=max(0, len(worst) - limit),
        noise=list(noise),
        noise_note=NOISE_NOTE,
    )


def _json_report(
    rows: Sequence[Row], worst: list[Row], title: str, fail_severity: str, noise: Sequence[str]
) -> str:
    """The report as one JSON object: the summary, then every segment with findings, worst
    first (each its findings JSONL line with its source, targets and model confidence)."""
    s = summary(rows, fail_severity)
    data = {
        "title": title,
        "noise": {"langs": list(noise), "note": NOISE_NOTE} if noise else None,
        **{k: s[k] for k in ("segments", "flagged", "failing", "fail_severity", "by_check")},
        "by_severity": {sev: s["by_severity"][sev] for sev in sorted(s["by_severity"])},
        "worst": [
            {**r.to_record(), "src": r.src, "targets": r.targets, "scores": r.scores} for r in worst
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
