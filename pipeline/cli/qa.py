"""``mtpipe qa PATH``: check a translated document or aligned JSONL; exit 5 on failing findings.

PATH is a document JSON written by ``translate`` (``ID.json``), the aligned
JSONL beside it (``ID.aligned.jsonl``), or, with ``--jsonl``, generic lines
``{"id", "src", "tgt", "src_lang", "tgt_lang"}``. Writes one findings line per
input segment (``--out``, default ``PATH-stem.qa.jsonl`` beside the input;
``-`` for stdout) and a readable report (``--report``, default beside too).
Exit status: 0 when no finding reaches ``[qa] fail_severity`` (``--fail-on``),
5 otherwise (QAFailed), 3 for unreadable input, 2 for bad usage or config.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

from pipeline.cli.common import config_from_args, split_list
from pipeline.config import choices
from pipeline.document import SEVERITIES
from pipeline.errors import InputError, QAFailed, UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "qa",
        help="check translated segments; exit 5 when findings reach the failing severity",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "path",
        type=Path,
        nargs="?",
        help="document JSON, aligned JSONL, or generic JSONL with --jsonl",
    )
    p.add_argument(
        "--jsonl",
        action="store_true",
        help='generic lines {"id","src","tgt","src_lang","tgt_lang"}',
    )
    p.add_argument("--out", help="findings JSONL (default: beside the input; '-' = stdout)")
    p.add_argument("--report", help="readable report file (default: beside the input)")
    p.add_argument(
        "--format",
        choices=choices("qa", "report_format"),
        help="report format (default [qa] report_format)",
    )
    p.add_argument("--no-report", action="store_true", help="write no readable report")
    p.add_argument(
        "--fail-on", choices=SEVERITIES, help="failing severity (default [qa] fail_severity)"
    )
    p.add_argument("--disable", help="comma-separated check ids to switch off")
    p.add_argument(
        "--src-lang", default=None, help="source language of aligned JSONL lines without src_lang"
    )
    p.add_argument(
        "--update", action="store_true", help="write the findings back into a document JSON"
    )
    p.add_argument(
        "--list-checks", action="store_true", help="print the registered checks and exit"
    )
    p.set_defaults(func=run)


def _stem(path: Path) -> Path:
    name = path.name
    for suffix in (".aligned.jsonl", ".jsonl", ".json"):
        if name.endswith(suffix):
            return path.with_name(name[: -len(suffix)])
    return path.with_name(path.stem)


def _print_checks() -> int:
    from pipeline.qa.registry import all_checks

    for c in all_checks().values():
        print(f"{c.id:16} {c.severity:8} {c.scope:7} {c.title}")
    return 0


def run(args: argparse.Namespace) -> int:
    if args.list_checks:
        return _print_checks()
    if args.path is None:
        raise UsageError("mtpipe qa: give a PATH to check (or --list-checks)")
    from pipeline.atomic import atomic_write_text
    from pipeline.qa import records, report, run_qa

    overrides: dict[str, Any] = {"qa.fail_severity": args.fail_on, "qa.report_format": args.format}
    cfg = config_from_args(args, overrides)
    if args.disable:  # added to the file's list, checked like it
        disabled = (*cfg.qa.disabled, *(split_list(args.disable) or ()))
        cfg = config_from_args(args, {**overrides, "qa.disabled": disabled})
    settings = cfg.qa
    path: Path = args.path
    article = None
    if path.suffix == ".json" and not args.jsonl:
        from pipeline.read import parse_document_json, read_text_file

        article = parse_document_json(read_text_file(path), str(path))
        run_qa(article, dataclasses.replace(settings, enabled=True))
        rows = records.document_rows(article)
    else:
        from pipeline.read import read_jsonl

        lines = read_jsonl(path)
        if not lines:
            raise InputError(f"{path} has no lines to check")
        if args.jsonl or "tgt" in lines[0]:
            rows = records.check_generic(lines, settings)
        else:
            rows = records.check_aligned(lines, settings, args.src_lang or cfg.read.source_lang)

    stem = _stem(path)
    findings_text = "".join(json.dumps(r.to_record(), ensure_ascii=False) + "\n" for r in rows)
    if args.out == "-":
        sys.stdout.write(findings_text)
    else:
        out = Path(args.out) if args.out else stem.with_name(stem.name + ".qa.jsonl")
        atomic_write_text(out, findings_text)
    if not args.no_report:
        fmt = settings.report_format
        rep = Path(args.report) if args.report else stem.with_name(f"{stem.name}.qa.{fmt}")
        atomic_write_text(
            rep, report.render(rows, title=path.name, fail_severity=settings.fail_severity, fmt=fmt)
        )
    if article is not None and args.update:
        from pipeline.write import render_document_json

        atomic_write_text(path, render_document_json(article))

    summ = report.summary(rows, settings.fail_severity)
    print(
        f"qa: {summ['segments']} segments, {summ['flagged']} flagged, "
        f"{summ['failing']} at or above {settings.fail_severity}",
        file=sys.stderr,
    )
    if summ["failing"]:
        raise QAFailed(
            f"{summ['failing']} segment(s) of {path} have findings at or above "
            f"{settings.fail_severity}; read the report, fix them or re-weight checks in [qa]"
        )
    return 0
