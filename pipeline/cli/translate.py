"""``mtpipe translate FILE|DIR ... --to en,fr --out DIR``: the main job."""

from __future__ import annotations

import argparse
import sys

from pipeline.cli.common import config_from_args, split_list


def _formats() -> str:
    """The readers' formats, from their registry (the same list the README table shows)."""
    from pipeline.readers import formats_sentence

    return formats_sentence()


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "translate",
        help="translate articles into the target languages and write aligned outputs",
        description=(
            f"Read articles ({_formats()}), segment, "
            "translate with MarianMT, localise chrome from catalogs, run QA, and write per "
            "language .txt/.md/.html (and .wp.json for WordPress posts), an aligned .jsonl "
            "and the document .json into --out. "
            "Articles whose input, settings and models did not change are skipped."
        ),
    )
    p.add_argument("inputs", nargs="+", metavar="FILE|DIR", help="article files or folders of them")
    p.add_argument(
        "--to", dest="targets", help="target languages, comma-separated (default from config)"
    )
    p.add_argument("--out", help="output folder (default: [write] out_dir)")
    p.add_argument(
        "--model-dir",
        action="append",
        default=[],
        metavar="PAIR=PATH",
        help="use the model in PATH for PAIR (e.g. it-en=models/tiny-it-en); repeatable",
    )
    p.add_argument("--backend", choices=("transformers", "ctranslate2"))
    p.add_argument("--device", help="auto, cpu or cuda")
    p.add_argument("--beams", type=int, dest="num_beams")
    p.add_argument("--batch-tokens", type=int)
    p.add_argument("--source-lang", help="source language (default from config: it)")
    p.add_argument("--memory", help="translation memory SQLite file (default from config)")
    p.add_argument("--no-memory", action="store_true", help="neither read nor write the memory")
    p.add_argument("--no-qa", action="store_true", help="skip the QA stage")
    p.add_argument("--force", action="store_true", help="redo articles that are up to date")
    p.add_argument("--quiet", action="store_true", help="no progress bars or summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipeline.run import parse_model_dirs, translate_files

    config = config_from_args(
        args,
        {
            "translate.targets": split_list(args.targets),
            "translate.backend": args.backend,
            "translate.device": args.device,
            "translate.num_beams": args.num_beams,
            "translate.batch_tokens": args.batch_tokens,
            "read.source_lang": args.source_lang,
            "memory.path": args.memory,
            "write.out_dir": args.out,
        },
    )
    quiet = args.quiet
    report = translate_files(
        args.inputs,
        config,
        config.write.out_dir,
        model_dirs=parse_model_dirs(args.model_dir),
        use_memory=not args.no_memory,
        run_qa=not args.no_qa,
        force=args.force,
        progress=not quiet and sys.stderr.isatty(),
        log=(lambda msg: print(msg, file=sys.stderr)),
    )
    if not quiet:
        for r in report.results:
            if r.status == "translated":
                flags = ", ".join(f"{n} {sev}" for sev, n in sorted(r.findings.items()))
                qa = f" (QA: {flags})" if flags else ""
                print(f"{r.path}: translated -> {config.write.out_dir}/{r.article_id}.*{qa}")
            elif r.status == "up-to-date":
                print(f"{r.path}: up to date")
        print(
            f"{report.count('translated')} translated, {report.count('up-to-date')} up to date, "
            f"{len(report.failed)} failed"
        )
    if report.failed:
        first = report.failed[0]
        if len(report.results) > 1:
            for r in report.failed:
                print(f"mtpipe: {r.error}", file=sys.stderr)
            message = (
                f"{len(report.failed)} of {len(report.results)} inputs failed (listed above); "
                "the others were written"
            )
        else:
            message = first.error or "input failed"
        raise first.error_type(message)
    return 0
