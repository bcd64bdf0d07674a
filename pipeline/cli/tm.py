"""``mtpipe tm import|export|stats``: the translation memory and TMX 1.4 files.

Without ``--memory`` the memory is ``[memory] path`` of a settings file, else
``memory.sqlite`` in ``[write] out_dir`` (:func:`pipeline.cli.common.memory_help`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cli.common import (
    config_from_args,
    memory_help,
    named_arg,
    refuse_output_over_input,
    refuse_standard_input,
    scratch_folder,
)
from pipeline.errors import InputError, one_line

if TYPE_CHECKING:
    from pipeline.memory.tmx import ImportReport


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("tm", help="translation memory: import/export TMX 1.4, show stats")
    actions = p.add_subparsers(dest="tm_action", metavar="ACTION", parser_class=type(p))
    actions.required = True
    _register_import(actions)
    _register_export(actions)
    _register_stats(actions)


def _register_import(actions: argparse._SubParsersAction) -> None:
    imp = actions.add_parser(
        "import",
        help="store the translations of a TMX file in the memory",
        description="Store the translations of a TMX 1.4 file in the memory: as human entries "
        "(a CAT tool's memory: its changeid, else creationid, is the translator; preferred over "
        "MT by translate and catalogs fill), or as MT entries with --origin mt --model ID. The "
        "whole file is checked before a new memory is created; a unit that cannot be stored (no "
        "source variant, empty targets, targets without their source's inline codes) is named "
        "on stderr and counted. The memory keeps one translation per source and pair: a later "
        "unit replaces an earlier one, and a warning names both. A translator's entry already "
        "in the memory (a human one) with another target is replaced only by a unit as new "
        "or newer (its changedate, else creationdate; an undated unit counts as new), and a "
        "warning names each; a newer one is kept, and a note names it.",
    )
    imp.add_argument("file", type=named_arg, help="TMX file to read")
    _memory_option(imp)
    imp.add_argument(
        "--origin",
        choices=("human", "mt"),
        default="human",
        help="origin of units without mtpipe props (default human: a CAT tool's memory, "
        "preferred over MT by translate); mt needs --model",
    )
    imp.add_argument("--model", default="", help="with --origin mt: the model id of the units")
    imp.add_argument("--revision", default="", help="with --origin mt: the model revision")
    imp.add_argument("--decoding", default="", help="with --origin mt: the decoding summary")
    imp.add_argument(
        "--src-lang",
        help="source language of units without their own srclang: overrides the header's "
        "(needed when the header says *all* or nothing)",
    )
    imp.add_argument(
        "--keep-region",
        action="store_true",
        help="keep region subtags of foreign units (en-GB stays en-GB, not en)",
    )
    imp.set_defaults(func=_import)


def _register_export(actions: argparse._SubParsersAction) -> None:
    exp = actions.add_parser(
        "export",
        help="write the memory as a TMX 1.4 file",
        description="Write the memory as a TMX 1.4 file: each unit's origin (x-origin human or "
        "mt), translator as creationid (the model id for MT), dates, MT key and notes as props, "
        "inline markers as TMX inline codes. Imported into an empty memory, it gives back every "
        "entry.",
    )
    exp.add_argument(
        "file",
        type=named_arg,
        help="TMX file to write (replaced atomically); - for standard output",
    )
    _memory_option(exp)
    exp.add_argument("--model", help="only entries of this model id")
    exp.add_argument("--src-lang", help="only entries from this source language")
    exp.add_argument("--tgt-lang", help="only entries into this target language")
    exp.set_defaults(func=_export)


def _register_stats(actions: argparse._SubParsersAction) -> None:
    stats = actions.add_parser(
        "stats",
        help="human and MT entries per language pair and model",
        description="Count the memory's human and MT entries per language pair, and its MT "
        "entries per model, revision and decoding settings.",
    )
    _memory_option(stats)
    stats.add_argument("--json", action="store_true", help="print the statistics as JSON")
    stats.set_defaults(func=_stats)


def _entries(count: int) -> str:
    """``1 entry``, ``2 entries``: the summaries said "imported 1 entries"."""
    return f"{count} {'entry' if count == 1 else 'entries'}"


def _memory_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--memory",
        help=memory_help("translation memory SQLite file"),
    )


def _memory_path(args: argparse.Namespace, *, must_exist: bool) -> Path:
    # --memory goes through the settings' checks: `--memory ""` was taken as not given and
    # the entries went into the default out/memory.sqlite
    path = Path(config_from_args(args, {"memory.path": args.memory}).memory.path)
    if must_exist:  # a loop of links, a named pipe: something is there, unusable
        from pipeline.memory.store import check_memory_path

        check_memory_path(path, readonly=True)
    if must_exist and not path.is_file():
        raise InputError(
            f"no translation memory at {path}; after `mtpipe translate --out DIR` it is "
            "DIR/memory.sqlite: pass --memory DIR/memory.sqlite (or run `mtpipe translate` "
            "or `mtpipe tm import` first)"
        )
    return path


def _import(args: argparse.Namespace) -> int:
    from pipeline.memory.tmx import Foreign, ImportReport, import_tmx_file
    from pipeline.readers.base import check_input_file

    # checked as export's filters are: `--src-lang ../x` imported 0 units, exit 0
    refuse_standard_input([args.file], "the TMX file")
    src_lang = _filter_lang("--src-lang", args.src_lang)
    path = _memory_path(args, must_exist=False)
    refuse_output_over_input({"the memory": path}, [args.file])
    check_input_file(args.file, "the TMX file to import")  # a folder, a named pipe, a device
    foreign = Foreign(args.origin, args.model, args.revision, args.decoding)
    skipped = ImportReport()
    # the memory's lifecycle (when it is created, when removed again) is the memory's
    count, total = import_tmx_file(
        path, args.file, foreign=foreign, src_lang=src_lang, keep_region=args.keep_region,
        report=skipped,
    )  # fmt: skip
    for note in skipped:
        print(one_line(f"mtpipe: warning: {args.file}: {note}"), file=sys.stderr)
    for line in _human_replaced(args.file, skipped):
        print(one_line(line), file=sys.stderr)
    source = config_from_args(args).read.source_lang
    unused = _pairs_no_run_uses(args.file, skipped.pairs, source)
    for line in unused:
        print(one_line(line), file=sys.stderr)
    print(
        one_line(f"imported {_entries(count)} from {args.file} into {path} ({_entries(total)} now)")
    )
    if unused:
        print(f"{len(unused)} language pair(s) no run uses (listed above): not served to any run")
    if units := sum(skipped.unstored.values()):
        reasons = ", ".join(f"{n} with {why}" for why, n in skipped.unstored.items())
        print(
            f"{units} translation unit{'s' if units != 1 else ''} not imported "
            f"(listed above): {reasons}"
        )
    if skipped:
        print(f"{len(skipped)} warning{'s' if len(skipped) != 1 else ''} (listed above)")
    return 0


def _pairs_no_run_uses(file: str, pairs: dict[str, int], source: str) -> list[str]:
    """A warning line per imported language pair whose source is not the runs' source
    language (``[read] source_lang``): translate and catalogs fill never look it up. A
    translator's en->it memory (TMX ``srclang="en"``) went in as en-it, reported as
    imported, and was never served; the fix for the reversed pair is ``--src-lang``."""
    lines = []
    for pair, count in sorted(pairs.items()):
        src, _, tgt = pair.partition("-")
        if src == source:
            continue
        if tgt == source:
            fix = (
                f"to use these units for {source}-{src}, import the file again with "
                f"--src-lang {source} (a TMX holds both directions)"
            )
        else:
            fix = f"runs translate from {source} ([read] source_lang); check the file"
        lines.append(
            f"mtpipe: warning: {file}: {_entries(count)} stored as {pair}, a pair no run "
            f"uses (no run translates from {src}); {fix}"
        )
    return lines


def _human_replaced(file: str, report: ImportReport) -> list[str]:
    """The lines naming the translators' entries the import replaced with the TMX's other
    targets (a post-edit gone: a warning), and those it kept as newer than the TMX's
    (:func:`pipeline.memory.tmx.newer_than_stored`), the first three of each shown."""

    def shown(pairs: list) -> str:
        first = "; ".join(
            f"{old.source[:40]!r}: {old.target[:40]!r} ({old.creator or 'no translator'}, "
            f"{old.updated[:10]}) / the TMX's {new.target[:40]!r} ({new.updated[:10]})"
            for old, new in pairs[:3]
        )
        return first + ("; ..." if len(pairs) > 3 else "")

    lines = []
    if n := len(report.replaced):
        lines.append(
            f"mtpipe: warning: {file}: replaced {n} human {'entry' if n == 1 else 'entries'} "
            f"with the TMX's (different targets, the TMX's as new or newer or undated): "
            f"{shown(report.replaced)}"
        )
    if n := len(report.kept_newer):
        lines.append(
            f"mtpipe: note: {file}: kept {n} human {'entry' if n == 1 else 'entries'} of the "
            f"memory newer than the TMX's other target{'s' if n != 1 else ''} (the newer "
            f"translation wins): {shown(report.kept_newer)}"
        )
    return lines


def _filter_lang(flag: str, value: str | None) -> str | None:
    """A language filter in its standard form (``EN`` -> ``en``), as the memory stores tags.

    It was compared as typed: ``--tgt-lang EN`` or ``../x`` exported 0 entries, exit 0.
    Raises :class:`UsageError` for a value that is no BCP 47 tag.
    """
    from pipeline.errors import UsageError
    from pipeline.schema import lang_tag_is_valid, standard_tag

    if value is None:
        return None
    if not lang_tag_is_valid(value):
        raise UsageError(f"{flag} {value!r} is not a BCP 47 language tag; give one such as en")
    return standard_tag(value)


# The argument that chooses where `tm export` writes, as a write error's fix names it.
_TMX_FILE = ("FILE", "TMX file", "file", "mtpipe tm export $HOME/memory.tmx")


def _export(args: argparse.Namespace) -> int:
    from pipeline.atomic import OutputSetting, output_setting

    with output_setting(OutputSetting(*_TMX_FILE)):  # not --out, which tm export has none of
        return _export_tmx(args)


def _export_tmx(args: argparse.Namespace) -> int:
    from pipeline.atomic import check_output_file
    from pipeline.memory import TranslationMemory, export_tmx

    src_lang = _filter_lang("--src-lang", args.src_lang)
    tgt_lang = _filter_lang("--tgt-lang", args.tgt_lang)
    to_stdout = args.file == "-"
    if not to_stdout:
        check_output_file(args.file)  # a folder or a path under a file: refused before any work
    path = _memory_path(args, must_exist=True)
    refuse_output_over_input({"tm export FILE": args.file}, [path])
    with TranslationMemory(path, readonly=True) as memory, scratch_folder() as tmp:
        target = Path(tmp) / "memory.tmx" if to_stdout else args.file
        count = export_tmx(
            memory, target, model_id=args.model, src_lang=src_lang, tgt_lang=tgt_lang
        )
        if to_stdout:  # `-` was a file named "-" in the working folder
            sys.stdout.flush()
            sys.stdout.buffer.write(Path(target).read_bytes())
            sys.stdout.flush()
    where = "standard output" if to_stdout else args.file
    print(
        one_line(f"exported {_entries(count)} from {path} to {where}"),
        file=sys.stderr if to_stdout else None,
    )
    return 0


def _stats(args: argparse.Namespace) -> int:
    from pipeline.memory import TranslationMemory

    path = _memory_path(args, must_exist=True)
    with TranslationMemory(path, readonly=True) as memory:
        stats = memory.stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    origins = stats["origins"]
    print(
        one_line(
            f"{path}: {_entries(stats['entries'])} "
            f"({origins['human']} human, {origins['mt']} machine-translated)"
        )
    )
    pairs = [
        [pair, *(str(stats["pairs_by_origin"][o].get(pair, 0)) for o in ("human", "mt"))]
        for pair in stats["pairs"]
    ]
    _table(["pair", "human", "mt"], pairs, right={1, 2})
    mt_keys = [k for k in stats["keys"] if k["origin"] == "mt"]
    if mt_keys:
        rows = [
            [str(k["entries"]), f"{k['src_lang']}-{k['tgt_lang']}", k["model_id"]]
            + [k["revision"] or "-", k["decoding"]]
            for k in mt_keys
        ]
        _table(["entries", "pair", "MT model", "revision", "decoding"], rows, right={0})
    return 0


def _table(head: list[str], rows: list[list[str]], right: set[int]) -> None:
    """Print ``rows`` under ``head``, each column as wide as its longest cell: fixed widths
    (8 for a pair, 30 for a model id) let ``en-GB-oxendict`` or a long model id push the
    columns after them out of line. ``right``: the columns of numbers."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for row in [head, *rows]:
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  " + "  ".join(cells).rstrip())
