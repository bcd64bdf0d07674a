"""QA a file: read it into articles, run :func:`~pipeline.qa.run_qa`, write findings and report.

The library side of ``mtpipe qa`` (the command only parses flags and prints).
Inputs: a document JSON (``ID.json``), the aligned JSONL beside it
(``ID.aligned.jsonl``), or generic pair lines (``generic=True``, or any JSONL
whose first line has ``tgt``). All three reach the same driver as articles,
so the same segment gets the same findings through each.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pipeline.atomic import OutputSetting, output_setting
from pipeline.config import QASettings
from pipeline.document import Article
from pipeline.errors import InputError
from pipeline.qa import lines, records, report
from pipeline.qa.stage import run_qa


@dataclass
class QAResult:
    """What :func:`qa_file` found and wrote. ``summary`` is :func:`report.summary`'s dict."""

    rows: list[records.Row]
    summary: dict[str, Any]
    written: dict[str, Path] = field(default_factory=dict)  # "findings"/"report"/"document"

    @property
    def failing(self) -> int:
        return int(self.summary["failing"])


def stem(path: Path) -> Path:
    """``out/kim.aligned.jsonl`` -> ``out/kim`` (where the findings and report go by default)."""
    name = path.name
    for suffix in (".aligned.jsonl", ".jsonl", ".json"):
        if name.endswith(suffix):
            return path.with_name(name[: -len(suffix)])
    return path.with_name(path.stem)


# What ``mtpipe qa`` reads, for messages about a wrong path.
QA_INPUT = "a document JSON or aligned JSONL (ID.json, ID.aligned.jsonl; `make qa` checks a folder)"


def check_file(
    path: Path, settings: QASettings, *, generic: bool = False, src_lang: str | None = None
) -> tuple[list[Article], list[records.Row]]:
    """Read and check ``path``; rows come in input order (one per segment or line)."""
    from pipeline.read import DOCUMENT_MAX_BYTES, parse_document_json, read_jsonl, read_text_file

    settings = replace(settings, enabled=True)
    if path.suffix == ".json" and not generic:
        article = parse_document_json(read_text_file(path, DOCUMENT_MAX_BYTES, QA_INPUT), str(path))
        run_qa(article, settings)
        return [article], records.document_rows(article)
    try:
        recs = read_jsonl(path, DOCUMENT_MAX_BYTES, QA_INPUT)
    except InputError as exc:
        if path.suffix in (".json", ".jsonl"):
            raise
        # out/ID.fr.txt, ID.fr.html: an output, not what qa reads ("…:1: not a JSON line")
        raise InputError(f"{exc}; mtpipe qa reads {QA_INPUT}") from None
    if not recs:
        raise InputError(f"{path} has no lines to check")
    if not generic and "tgt" not in recs[0]:
        article = lines.parse_aligned(recs, str(path), src_lang)
        run_qa(article, settings)
        return [article], records.document_rows(article)
    groups = lines.parse_pairs(recs, str(path))
    rows: list[records.Row | None] = [None] * len(recs)
    for article, index in groups:
        run_qa(article, settings)
        for i, row in zip(index, records.document_rows(article), strict=True):
            rows[i] = row
    return [a for a, _ in groups], [r for r in rows if r is not None]


@dataclass(frozen=True)
class Outputs:
    """Where :func:`qa_file` writes: ``findings`` ("-" = return only), ``report`` (None = none)."""

    findings: Path | str | None = None
    report: Path | None = None
    no_report: bool = False
    update: bool = False  # write the findings back into a document JSON


def qa_file(
    path: Path,
    settings: QASettings,
    outputs: Outputs = Outputs(),
    *,
    generic: bool = False,
    src_lang: str | None = None,
) -> QAResult:
    """Check ``path``; write its findings JSONL, its report and (``update``) the document.

    Raises :class:`~pipeline.errors.InputError` for unreadable input and
    :class:`~pipeline.errors.ConfigError` for bad ``[qa]`` settings; never
    raises for findings (the caller decides: ``result.failing``).
    """
    base = stem(path)
    fmt = settings.report_format
    out = None if outputs.findings == "-" else Path(outputs.findings or f"{base}.qa.jsonl")
    rep = None if outputs.no_report else Path(outputs.report or f"{base}.qa.{fmt}")
    update = outputs.update and path.suffix == ".json" and not generic
    # checked before any work: a bad --out, --report or document folder fails at once
    for target, setting in ((out, FINDINGS_FILE), (rep, REPORT_FILE), (update and path, DOCUMENT)):
        if target:
            _checked(target, setting)
    articles, rows = check_file(path, settings, generic=generic, src_lang=src_lang)
    result = QAResult(rows, report.summary(rows, settings.fail_severity))
    if out is not None:
        _write(out, findings_text(rows), FINDINGS_FILE)
        result.written["findings"] = out
    if rep is not None:
        noise = sorted({lang for a in articles for lang in a.noise_langs()})
        text = report.render(
            rows, title=path.name, fail_severity=settings.fail_severity, fmt=fmt, noise=noise
        )
        _write(rep, text, REPORT_FILE)
        result.written["report"] = rep
    if update:
        from pipeline.write import render_document_json

        _write(path, render_document_json(articles[0]), DOCUMENT)
        result.written["document"] = path
    return result


# What a failed write's fix names (atomic.write_error_fix): each output has its own flag,
# and every one said ``--out`` ("choose another output folder (--out)" for the report).
# ``--update`` writes the checked document itself, so the fix is a copy of it elsewhere.
FINDINGS_FILE = OutputSetting("--out", "findings file", "file", "--out $HOME/ID.qa.jsonl")
REPORT_FILE = OutputSetting("--report", "report file", "file", "--report $HOME/ID.qa.md")
DOCUMENT = OutputSetting("PATH", "copy of the document for --update", "copy of the document", None)


def _checked(target: Path, setting: OutputSetting) -> None:
    from pipeline.atomic import check_output_file

    with output_setting(setting):
        check_output_file(target)


def _write(target: Path, text: str, setting: OutputSetting) -> None:
    """Write one output atomically; a write error's fix names ``setting``."""
    from pipeline.atomic import atomic_write_text

    with output_setting(setting):
        atomic_write_text(target, text)


def findings_text(rows: list[records.Row]) -> str:
    """The findings JSONL: one ``{"id", "flags", "findings"}`` line per row."""
    return "".join(json.dumps(r.to_record(), ensure_ascii=False) + "\n" for r in rows)
