"""``mtpipe translate FILE|DIR ... --to en,fr --out DIR``: the main job."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

from pipeline.cli.common import (
    FORMATS,
    config_from_args,
    memory_help,
    named_arg,
    parse_model_dirs,
    refuse_standard_input,
    split_list,
    standard_pair,
    unused_model_dirs,
)
from pipeline.config import underscore_tag_fix
from pipeline.errors import UsageError, one_line
from pipeline.runners import RUNNERS
from pipeline.translate.registry import BACKEND_CHOICES, BACKEND_HELP

if TYPE_CHECKING:
    from pipeline.config import Config
    from pipeline.runners import RunResult
    from pipeline.runners.result import ArticleEvent, ArticleOutcome


def _formats() -> str:
    """The readers' formats, from their registry (the same list the README table shows)."""
    from pipeline.readers import formats_sentence

    return formats_sentence()


def register(sub: argparse._SubParsersAction) -> None:
    """The ``translate`` command; its flags in help order: inputs, model, reading, run."""
    p = sub.add_parser(
        "translate",
        help="translate articles into the target languages and write aligned outputs",
        description=(
            f"Read articles ({_formats()}), segment, "
            "translate with MarianMT, localise chrome from catalogs, run QA, and write per "
            "language .txt/.md/.html (and .wp.json for WordPress posts), an aligned .jsonl "
            "and the document .json into --out. "
            "Articles whose input, settings, resources and models did not change are skipped."
        ),
    )
    p.add_argument(
        "inputs",
        nargs="+",
        type=named_arg,
        metavar="FILE|DIR",
        help="article files or folders of them",
    )
    p.add_argument(
        "--to", dest="targets", help="target languages, comma-separated (default from config)"
    )
    p.add_argument("--out", help="output folder (default: [write] out_dir)")
    _model_args(p)
    p.add_argument("--source-lang", help="source language (default from config: it)")
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="read every input with this reader (a .txt article that opens with <html> is "
        "sniffed as an HTML page: --format txt reads it as page text); default from config: "
        "auto, by suffix",
    )
    _run_args(p)
    p.set_defaults(func=run)


def _model_args(p: argparse.ArgumentParser) -> None:
    """The model and decoding flags (which model, on which device, how it decodes)."""
    p.add_argument(
        "--model-dir",
        action="append",
        default=[],
        metavar="PAIR=PATH",
        help="use the model in PATH for PAIR (e.g. it-en=models/tiny-it-en); repeatable",
    )
    p.add_argument(
        "--backend",
        choices=BACKEND_CHOICES,
        help="; ".join(f"{name}: {text}" for name, text in BACKEND_HELP.items())
        + " (default from config: auto)",
    )
    p.add_argument(
        "--device", help="auto (CUDA when present), cpu or cuda (default from config: auto)"
    )
    p.add_argument(
        "--beams",
        type=int,
        dest="num_beams",
        metavar="N",
        help="beam size, 1 = greedy (default from config: 4)",
    )
    p.add_argument(
        "--batch-tokens",
        type=int,
        metavar="N",
        help="padded source tokens per batch (default from config: 2048; raise it on a GPU)",
    )


def _run_args(p: argparse.ArgumentParser) -> None:
    """The run flags: the memory, QA, what is redone, progress output and the runner."""
    memory = p.add_mutually_exclusive_group()
    memory.add_argument(
        "--memory",
        metavar="FILE",
        help=memory_help("translation memory SQLite file", "in the --out folder"),
    )
    memory.add_argument(
        "--no-memory", action="store_true", help="neither read nor write the memory"
    )
    p.add_argument("--no-qa", action="store_true", help="skip the QA stage")
    p.add_argument("--force", action="store_true", help="redo articles that are up to date")
    p.add_argument("--quiet", action="store_true", help="no progress bars or summary")
    p.add_argument(
        "--runner",
        choices=tuple(RUNNERS),
        default="local",
        help="where articles are processed (default: local, this process)",
    )
    p.add_argument(
        "--ray-address",
        metavar="ADDRESS",
        help="--runner ray: join this cluster (auto, ray://HOST:10001); default [ray] address, "
        "empty = a local Ray instance sized to this machine",
    )


def _check_flags(args: argparse.Namespace) -> None:
    """:class:`UsageError` for flags a run would ignore or cannot use: ``--ray-address``
    without ``--runner ray``, an empty ``--to``."""
    if args.ray_address is not None and args.runner != "ray":  # it was ignored unsaid
        raise UsageError(
            f"--ray-address {args.ray_address} and --runner {args.runner}: the address is "
            "for --runner ray; add --runner ray or leave the address out"
        )
    refuse_standard_input(args.inputs, "article files or folders")
    if args.targets is not None and not split_list(args.targets):
        raise UsageError("no target language given; use --to en,fr or [translate] targets")
    targets = split_list(args.targets) if args.targets is not None else []
    if fix := underscore_tag_fix(targets, target=True):  # a locale name, en_GB: review37 P5
        raise UsageError(f"--to: {fix}")


def _config(args: argparse.Namespace) -> Config:
    """The settings with the command's flags; without ``--memory``, the memory is the one
    in the output folder (:func:`~pipeline.memory.store.memory_beside`). Settings this
    machine cannot run (``--device cuda`` without CUDA) are refused here, before the run
    makes its output folder or memory; a Ray cluster's nodes (``--ray-address``) are
    left to say so themselves."""
    config = config_from_args(
        args,
        {
            "translate.targets": split_list(args.targets),
            "translate.backend": args.backend,
            "translate.device": args.device,
            "translate.num_beams": args.num_beams,
            "translate.batch_tokens": args.batch_tokens,
            "read.source_lang": args.source_lang,
            "read.format": args.format,
            "memory.path": args.memory,
            "write.out_dir": args.out,
            "ray.address": args.ray_address,
        },
    )
    if args.runner == "local" or not config.ray.address:  # the models load on this machine
        from pipeline.config import check_on_this_machine

        flags = {"translate.device": "--device"} if args.device is not None else {}
        check_on_this_machine(config, flags)
    if args.memory is None:
        from pipeline.memory.store import memory_beside

        config = memory_beside(config, config.write.out_dir)
    return config


def run(args: argparse.Namespace) -> int:
    from pipeline.models.registry import split_pair
    from pipeline.runners import RunOptions, run_files

    _check_flags(args)
    config = _config(args)
    model_dirs = parse_model_dirs(args.model_dir)
    source, targets = config.read.source_lang, config.translate.targets
    for target in targets:  # a regional target is refused before any note on --model-dir
        split_pair(standard_pair(f"{source}-{target}"))
    if (note := unused_model_dirs(model_dirs, source, targets)) is not None:
        print(one_line(note), file=sys.stderr)
    progress = not args.quiet and sys.stderr.isatty()
    lines = ArticleLines(config, quiet=args.quiet, progress=progress)
    options = RunOptions(
        model_dirs=model_dirs,
        use_memory=not args.no_memory,
        run_qa=not args.no_qa,
        force=args.force,
        progress=progress,
        quiet=args.quiet,
        report=lines,
    )
    result = run_files(args.inputs, config, config.write.out_dir, options, runner=args.runner)
    if lines.reader_left:  # `| head`: every article still written; exit 141 as before
        raise BrokenPipeError
    if not args.quiet:
        _print_totals(result)
    result.raise_for_failures()  # each failure's line was printed as it happened
    return 0


class ArticleLines:
    """Prints each article's line as the runner reports it (``RunOptions.report``).

    A batch printed every line only when the whole run ended, so a long one
    showed nothing for minutes. Now, with the running count ``[3/120]`` first:
    on stdout ``IN: translated -> OUT/ID.* (QA: ...)`` or ``IN: up to date``
    (not with ``--quiet``); on stderr a failure's ``mtpipe: [k/N] message`` in a
    batch (always; a run of one input ends with that message alone), and, not
    with ``--quiet``, ``mtpipe: [k/N] IN: translating S segments into en, fr``
    when an article so long it fills a group of its own (``[translate]
    group_segments``) starts translating, and ``mtpipe: [k-m/N] translating A
    articles (S segments) into en, fr`` when a group of several does: they are
    translated together, and none is written before the group's MT is done (a
    minute with a real model, which showed nothing). With progress bars on a terminal the
    lines go through ``tqdm.write``, which keeps the bars whole. When the reader
    of stdout leaves (``| head``) the batch goes on without its lines
    (``reader_left``): stopping it there would leave articles untranslated that
    the whole-run printing translated.
    """

    def __init__(self, config: Config, *, quiet: bool, progress: bool) -> None:
        self.out_dir = config.write.out_dir
        self.targets = ", ".join(config.translate.targets)
        self.long = config.translate.group_segments
        self.quiet, self.progress = quiet, progress
        self.reader_left = False

    def __call__(self, event: ArticleEvent) -> None:
        r = event.outcome
        if event.kind == "started":
            if not self.quiet:
                self._started(event)
            return
        count = f"[{event.done}/{event.total}]"
        if r.status == "failed":
            if event.total > 1:
                self._write(f"mtpipe: {count} {r.error or f'{r.path}: failed'}", sys.stderr)
        elif not self.quiet:
            self._write(f"{count} {_outcome_line(r, self.out_dir)}", sys.stdout)

    def _started(self, event: ArticleEvent) -> None:
        """The line of a group of several articles (on its first article's event), or of
        one article that fills a group alone."""
        if event.group is not None and event.group[0] > 1:
            articles, segments = event.group
            count = f"[{event.done + 1}-{event.done + articles}/{event.total}]"
            what = f"translating {articles} articles ({segments} segments) into {self.targets}"
            self._write(f"mtpipe: {count} {what}", sys.stderr)
        elif event.group is not None and event.segments >= self.long:
            count = f"[{event.done + 1}/{event.total}]"
            what = f"translating {event.segments} segments into {self.targets}"
            self._write(f"mtpipe: {count} {event.outcome.path}: {what}", sys.stderr)

    def _write(self, line: str, stream: TextIO) -> None:
        if self.reader_left and stream is sys.stdout:
            return
        try:
            if self.progress:
                from tqdm import tqdm

                tqdm.write(one_line(line), file=stream)
            else:
                print(one_line(line), file=stream, flush=True)
        except BrokenPipeError:
            if stream is not sys.stdout:
                raise
            self.reader_left = True


def _outcome_line(r: ArticleOutcome, out_dir: str) -> str:
    """``IN: translated -> OUT/ID.*`` with its QA counts, or ``IN: up to date``."""
    if r.status == "up-to-date":
        return f"{r.path}: up to date"
    flags = ", ".join(f"{n} {sev}" for sev, n in sorted(r.findings.items()))
    qa = f" (QA: {flags})" if flags else ""
    return f"{r.path}: translated -> {out_dir}/{r.article_id}.*{qa}"


def _print_totals(result: RunResult) -> None:
    """The summary line after the articles' own lines (printed as each was settled)."""
    print(
        f"{result.count('translated')} translated, {result.count('up-to-date')} up to date, "
        f"{len(result.failed)} failed"
    )
