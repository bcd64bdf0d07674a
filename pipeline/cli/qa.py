"""``mtpipe qa PATH``: check a translated document or aligned JSONL; exit 5 on failing findings.

PATH is a document JSON written by ``translate`` (``ID.json``), the aligned
JSONL beside it (``ID.aligned.jsonl``), or, with ``--jsonl``, generic lines
``{"id", "src", "tgt", "src_lang", "tgt_lang"}``. Writes one findings line per
input segment (``--out``, default ``ID.qa.jsonl`` beside the input, ``ID`` being
its name without ``.json``, ``.aligned.jsonl`` or ``.jsonl``; ``-`` for stdout) and
a readable report (``--report``, default ``ID.qa.md`` beside it: ``[qa] report_format``).
Exit status: 0 when no finding reaches ``[qa] fail_severity`` (``--fail-on``),
5 otherwise (QAFailed), 3 for unreadable input, 2 for bad usage or config.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from pipeline.cli.common import (
    config_from_args,
    file_arg,
    named_arg,
    plain_doc,
    refuse_output_over_input,
    refuse_standard_input,
    refuse_together,
    split_list,
)
from pipeline.config import Config, choices
from pipeline.document import SEVERITIES
from pipeline.errors import OutputError, PipelineError, QAFailed, UsageError, one_line
from pipeline.paths import resolved


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "qa",
        help="check translated segments; exit 5 when findings reach the failing severity",
        description=plain_doc(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "path",
        type=file_arg,
        nargs="?",
        help="document JSON, aligned JSONL, or generic JSONL with --jsonl",
    )
    p.add_argument(
        "--jsonl",
        action="store_true",
        help='generic lines {"id","src","tgt","src_lang","tgt_lang"}',
    )
    p.add_argument(
        "--out",
        type=named_arg,
        help="findings JSONL (default: ID.qa.jsonl beside the input; '-' = stdout)",
    )
    report = p.add_mutually_exclusive_group()
    report.add_argument(
        "--report",
        type=named_arg,
        help="readable report file, its suffix the format (default: ID.qa.md beside the input)",
    )
    p.add_argument(
        "--format",
        choices=choices("qa", "report_format"),
        help="report format (default [qa] report_format)",
    )
    report.add_argument("--no-report", action="store_true", help="write no readable report")
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


def _print_checks() -> int:
    from pipeline.qa.registry import all_checks

    checks = list(all_checks().values())
    width = max(len(c.id) for c in checks)  # ids up to 20 characters (chrome_uncatalogued)
    for c in checks:
        off = "" if c.default_on else " (off by default; [qa] enable)"
        print(f"{c.id:{width}} {c.severity:8} {c.scope:7} {c.title}{off}")
    return 0


# A report's format by its file's suffix (``--report x.html`` was Markdown in x.html,
# ``--report r.json`` Markdown in r.json).
_REPORT_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".md": "md",
    ".markdown": "md",
    ".json": "json",
}


def _report_format(report: str | None, given: str | None) -> str | None:
    """``--format``, else the one ``--report``'s suffix names (None: the settings' one).

    Raises :class:`UsageError` when the two disagree (``--report x.html --format md``).
    """
    implied = _REPORT_SUFFIXES.get(Path(report).suffix.lower()) if report else None
    if given and implied and given != implied:
        raise UsageError(
            f"--report {report} names a {implied} file but --format is {given}; "
            f"name it *.{given} or drop --format"
        )
    return given or implied


def _check_report_suffix(report: str | None, given: str | None) -> None:
    """A ``--report`` suffix that names no report format (``r.txt``, ``r.jsonl``, ``r.pdf``)
    without ``--format`` is a :class:`UsageError`: the report would be Markdown under a
    name that says otherwise. A name without a suffix takes the settings' format."""
    suffix = Path(report).suffix.lower() if report else ""
    if suffix and suffix not in _REPORT_SUFFIXES and not given:
        raise UsageError(
            f"--report {report}: {suffix} is no report format; name it "
            f"{', '.join(_REPORT_SUFFIXES)} (or give --format; the findings as JSON lines "
            "are --out FILE.jsonl)"
        )


def _refuse_article_files(outputs: dict[str, str | None], path: Path) -> None:
    """``--out``/``--report`` naming the article's other file (``ID.aligned.jsonl`` beside
    ``ID.json``, or the reverse) would replace an output of ``translate`` with findings
    or a report (``qa a.json --out a.aligned.jsonl`` did). Raises :class:`UsageError`."""
    if path.name.endswith(".aligned.jsonl"):
        sibling = path.with_name(path.name[: -len(".aligned.jsonl")] + ".json")
    elif path.suffix == ".json":
        sibling = path.with_name(path.stem + ".aligned.jsonl")
    else:
        return
    if not sibling.exists():
        return
    refuse = sibling.resolve()
    for flag, out in outputs.items():
        if out is not None and out != "-" and resolved(out, OutputError) == refuse:
            raise UsageError(
                f"{flag} {out} is {path.name}'s article file written by translate; "
                "writing it would destroy it: choose another file"
            )


def _config(args: argparse.Namespace) -> Config:
    """The settings with the command's flags; ``--disable`` adds to the file's
    ``[qa] disabled`` (checked like it), never replaces it."""
    overrides: dict[str, Any] = {
        "qa.fail_severity": args.fail_on,
        "qa.report_format": _report_format(args.report, args.format),
        "read.source_lang": args.src_lang,  # checked as [read] source_lang is
    }
    cfg = config_from_args(args, overrides)
    if args.disable:
        disabled = (*cfg.qa.disabled, *(split_list(args.disable) or ()))
        cfg = config_from_args(args, {**overrides, "qa.disabled": disabled})
    return cfg


def _check_outputs(args: argparse.Namespace) -> None:
    """:class:`UsageError` for ``--out``/``--report`` over the input or the article's other
    file, or a report name whose suffix is no report format, before any check runs."""
    outputs = {"--out": args.out, "--report": args.report}
    refuse_output_over_input(outputs, [args.path])
    _refuse_article_files(outputs, Path(args.path))
    _check_report_suffix(args.report, args.format)


_PREFIX = "qa: "


def run(args: argparse.Namespace) -> int:
    """``mtpipe qa``; every error it raises reads ``qa: ...``, as its argparse refusals
    (``cli._Parser``) and its summary line do, whichever helper worded it (the shared
    ``refuse_together``, the settings, the file checks)."""
    try:
        return _run(args)
    except PipelineError as exc:
        message = str(exc)
        if not message.startswith(_PREFIX):
            exc.args = (_PREFIX + message,)
        raise


def _run(args: argparse.Namespace) -> int:
    if args.list_checks:
        return _print_checks()
    if args.path is None:
        raise UsageError("give a PATH to check (or --list-checks)")
    refuse_standard_input([args.path], "the document JSON or aligned JSONL")
    refuse_together(args, ("--format", "format"), ("--no-report", "no_report"))
    from pipeline.qa.files import Outputs, qa_file

    cfg = _config(args)
    settings = cfg.qa
    _check_outputs(args)
    outputs = Outputs(
        findings=args.out,
        report=Path(args.report) if args.report else None,
        no_report=args.no_report,
        update=args.update,
    )
    result = qa_file(
        args.path,
        settings,
        outputs,
        generic=args.jsonl,
        src_lang=cfg.read.source_lang,
    )
    if args.out == "-":
        from pipeline.qa.files import findings_text

        sys.stdout.write(findings_text(result.rows))
    summ = result.summary
    print(
        one_line(
            f"{_PREFIX}{args.path}: {summ['segments']} segments, {summ['flagged']} flagged, "
            f"{summ['failing']} at or above {settings.fail_severity}"
        ),
        file=sys.stderr,
    )
    if result.failing:
        read = _where_to_read(result.written)
        raise QAFailed(
            f"{result.failing} segment(s) of {args.path} have findings at or above "
            f"{settings.fail_severity}; {read}, fix them or re-weight checks in [qa]"
        )
    return 0


def _where_to_read(written: dict[str, Path]) -> str:
    """What to read about the failing segments: the report, else the findings JSONL
    (``--no-report``), else standard output (``--out - --no-report``)."""
    if "report" in written:
        return f"read the report ({written['report']})"
    if "findings" in written:
        return f"read the findings ({written['findings']})"
    return "read the findings above"
