"""``mtpipe export`` and ``mtpipe import``: the post-editing round trip with CAT tools.

Export writes XLIFF 2.1 (default), XLIFF 1.2 or PO per article and target
language; import applies an edited file to its document (all or nothing,
exit 3 on any mismatch; units whose source changed since the export are left out and
named, exit 3) and stores the edited targets as human translations.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cli.common import (
    config_from_args,
    file_arg,
    memory_help,
    named_arg,
    path_arg,
    refuse_output_over_input,
    scratch_folder,
)
from pipeline.document import SEVERITIES
from pipeline.errors import InputError, UsageError, one_line, shortened

if TYPE_CHECKING:
    from pipeline.interchange import Format
    from pipeline.interchange.workflow import Imported


def register(sub: argparse._SubParsersAction) -> None:
    """The ``export`` and ``import`` commands, the two halves of post-editing."""
    _register_export(sub)
    _register_import(sub)


def _register_export(sub: argparse._SubParsersAction) -> None:
    """``export``: documents to XLIFF or PO files for a translator."""
    from pipeline.interchange import FORMATS

    formats = ", ".join(f"{f.name} ({f.title}, {f.suffix})" for f in FORMATS.values())
    exp = sub.add_parser(
        "export",
        help="write translated documents as XLIFF 2.1, XLIFF 1.2 or PO for post-editing",
        description=(
            "One file per document and target language: one unit per segment grouped per "
            "block, its source, current target and state (machine translated or reviewed), "
            "QA findings as notes, protected spans as inline codes, page chrome locked, and "
            f"the best fuzzy human TM match as a suggestion. Formats: {formats}."
        ),
    )
    exp.add_argument(
        "inputs",
        nargs="+",
        type=named_arg,
        metavar="DOC|DIR",
        help="document JSON files or folders",
    )
    exp.add_argument("--to", dest="lang", required=True, help="target language, e.g. fr")
    exp.add_argument("--format", default="xliff", choices=list(FORMATS), help="default: xliff")
    out = exp.add_mutually_exclusive_group()
    out.add_argument(
        "--out", type=file_arg, help="file to write (one document only); - for standard output"
    )
    out.add_argument("--out-dir", type=path_arg, help="folder for the files (default: beside each)")
    exp.add_argument(
        "--only-flagged",
        choices=SEVERITIES,
        metavar="SEVERITY",
        help="only documents with a QA finding at or above SEVERITY (info, warning, error), "
        "and those never checked by QA",
    )
    exp.add_argument(
        "--memory",
        type=named_arg,
        help=memory_help("translation memory for fuzzy matches", "beside each document"),
    )
    exp.set_defaults(func=_export)


def _register_import(sub: argparse._SubParsersAction) -> None:
    """``import``: a post-edited file back into its document, outputs and memory."""
    imp = sub.add_parser(
        "import",
        help="apply a post-edited XLIFF or PO file to its document, outputs and memory",
        description=(
            "Edited targets become human translations (translator and date from the file, "
            "else --translator and now); the article's outputs are written again, QA re-run, "
            "and the human targets stored in the translation memory. A unit left as exported "
            "is not a human translation and never replaces one; an edited unit whose human "
            "translation changed since the export is a conflict (stderr), the document's text "
            "stays. The document is ID.json beside the file (or in the folder above), else the "
            "one the file was exported from (said so), or --doc. Any mismatch with the "
            "document (unit ids, inline codes, target language) changes nothing (exit 3). An "
            "edited unit whose source changed in the document since the export is not "
            "applied: named on stderr and kept in the memory for its old source (the next "
            "export's fuzzy match); the other units are applied (exit 3)."
        ),
    )
    imp.add_argument(
        "files", nargs="+", type=path_arg, metavar="FILE", help=".xlf/.xliff (1.2 or 2.x) or .po"
    )
    imp.add_argument(
        "--doc",
        type=path_arg,
        help=(
            "the document JSON (default: ID.json beside the file or in the folder above, "
            "else the one the file was exported from)"
        ),
    )
    imp.add_argument("--translator", help="translator to record when the file names none")
    memory = imp.add_mutually_exclusive_group()
    memory.add_argument(
        "--memory",
        type=named_arg,
        help=memory_help("translation memory SQLite file", "beside the document"),
    )
    memory.add_argument("--no-memory", action="store_true", help="do not store the human targets")
    imp.set_defaults(func=_import)


def _export(args: argparse.Namespace) -> int:
    from pipeline.interchange import get_format
    from pipeline.interchange.workflow import ExportPlan, document_paths, export_documents
    from pipeline.paths import resolved

    config = config_from_args(args, {"memory.path": args.memory})
    fmt = get_format(args.format)
    lang = _export_lang(args.lang)
    to_stdout = args.out == "-"  # a str (file_arg): ./- names a file "-"
    _check_out_suffix(None if to_stdout else args.out, fmt)
    docs = list({resolved(d): d for d in document_paths(args.inputs)}.values())
    refuse_output_over_input({"--out": args.out}, list(docs))
    with scratch_folder() as tmp:
        out = Path(tmp) / f"stdout{fmt.suffix}" if to_stdout else args.out
        plan = ExportPlan(out, args.out_dir, not args.memory, args.only_flagged, to_stdout)
        log = sys.stderr if to_stdout else sys.stdout  # standard output holds the file
        written = 0
        for result in export_documents(docs, lang, fmt, config, plan):
            if result.path is None:
                print(one_line(f"{result.document}: skipped ({result.reason})"), file=log)
                continue
            written += 1
            where = "standard output" if to_stdout else result.path
            note = f" ({result.note})" if result.note else ""
            line = f"{result.document}: {result.units} units -> {where}{note}"
            print(one_line(line), file=log)
            if to_stdout:
                sys.stdout.flush()
                sys.stdout.buffer.write(Path(result.path).read_bytes())
                sys.stdout.flush()
    print(one_line(f"{written} {fmt.title} file{'s' if written != 1 else ''} written"), file=log)
    return 0


def _export_lang(value: str) -> str:
    """``--to`` as one language tag in its standard form (``FR`` -> ``fr``); UsageError else.

    It was looked up as typed: ``FR``, ``en,fr``, ``../fr`` or ``""`` gave "has no 'FR'
    translation (it has en, fr); run mtpipe translate --to FR".
    """
    from pipeline.schema import lang_tag_is_valid, standard_tag

    if "," in value:
        raise UsageError(
            f"--to {value!r}: export writes one file per target language; "
            "run it once per language (--to fr, then --to en)"
        )
    if not lang_tag_is_valid(value.strip()):
        raise UsageError(f"--to {value!r} is not a BCP 47 language tag; give one such as fr")
    return standard_tag(value.strip())


# Import tells PO from XLIFF by the file's suffix (pipeline.interchange.sniff_format).
_PO_SUFFIXES = (".po", ".pot")


def _check_out_suffix(out: Path | None, fmt: Format) -> None:
    """An ``--out`` whose suffix says another format than ``--format`` is a usage error.

    ``--format po --out a.xlf`` wrote a PO file that ``mtpipe import`` then refused as
    "neither XLIFF 1.2, XLIFF 2 nor PO" (and XLIFF in ``a.po`` was read as a broken PO).
    """
    if out is None:
        return
    is_po = out.suffix.lower() in _PO_SUFFIXES
    if is_po != (fmt.name == "po"):
        raise UsageError(
            f"--out {out} has the suffix of another format than --format {fmt.name} "
            f"({fmt.title}); name it *{fmt.suffix} (import reads the format from it)"
        )


def _import(args: argparse.Namespace) -> int:
    from pipeline.interchange.workflow import import_file

    config = config_from_args(args, {"memory.path": args.memory})
    if args.doc is not None and len(args.files) > 1:
        raise UsageError("--doc names one document; import one file at a time with it")
    failed: list[InputError] = []
    partial = False  # a file whose units were not all applied (their source changed)
    for path in map(Path, args.files):
        try:
            result = import_file(
                path,
                config,
                document=args.doc,
                translator=args.translator,
                use_memory=not args.no_memory,
                memory_beside_document=args.memory is None,
            )
        except InputError as exc:  # this file changed nothing; the others still import
            if len(args.files) == 1:
                raise
            print(one_line(f"mtpipe: error: {exc}"), file=sys.stderr)
            failed.append(exc)
            continue
        _report(path, result)
        partial = partial or bool(result.changed)
    if failed:
        n = len(args.files)
        raise InputError(f"{len(failed)} of {n} files not imported (each named above)")
    # some of the translator's work is not in the document: as for a file not imported
    return InputError.exit_code if partial else 0


def _notes_line(path: Path, result: Imported) -> str:
    """The one line naming the notes a translator added and where each was kept: with a
    human translation in the memory (`tm export` writes them), or in the document (a note
    on machine translation, with no memory, or on a human translation whose source the
    memory holds another translation of), which the next export writes back as notes."""
    units = sorted({unit for unit, _ in result.notes})
    first = ", ".join(f"{unit}: {text[:60]!r}" for unit, text in result.notes[:3])
    more = ", ..." if len(result.notes) > 3 else ""
    named = set(units)
    kept = sorted(set(result.notes_kept) & named)
    in_doc = sorted(set(result.notes_in_document) & named)
    places = []
    if kept:
        places.append(
            f"kept in the translation memory with their human translations for {_ids(kept)} "
            "(mtpipe tm export)"
        )
    if in_doc:
        others = sorted(set(result.notes_other_tm) & named)
        why = (
            f"; the memory holds another human translation of the source of {_ids(others)}"
            if others
            else ""
        )
        reason = (
            "the memory is off"
            if result.memory_off
            else f"no human translation of theirs in the memory{why}"
        )
        places.append(
            f"kept in {result.document} for {_ids(in_doc)} ({reason}), written back as "
            "their notes by the next export"
        )
    lost = sorted(named - set(kept) - set(in_doc))
    if lost:
        places.append(f"only in the file for {_ids(lost)} (edited, no memory): read them there")
    return (
        f"mtpipe: note: {path}: {len(result.notes)} note(s) a translator added, on "
        f"{len(units)} unit(s) ({first}{more}), {'; '.join(places)}"
    )


def _report(path: Path, result: Imported) -> None:
    """One line per import on stdout; where the document came from and conflicts on stderr."""
    for line in _notes(path, result):
        print(one_line(line), file=sys.stderr)
    kept = _kept(result)
    tail = f"; kept the document's text for {' and '.join(kept)}" if kept else ""
    if result.edited == 0:
        what = "kept the translator's notes" if result.outputs else "unchanged"
        print(one_line(f"{path}: no edited target; {result.document} {what}{tail}"))
        return
    print(
        one_line(
            f"{path}: {result.edited} human target{'s' if result.edited != 1 else ''} "
            f"({result.lang}) -> {result.document} and {len(result.outputs) - 1} outputs{tail}"
        )
    )


def _notes(path: Path, result: Imported) -> list[str]:
    """The stderr lines of an import: how its document was found, each conflict, targets
    whose line breaks became spaces, units whose tracked changes were accepted, and the
    notes translators added (:func:`_notes_line`)."""
    lines = [f"mtpipe: note: {note}" for note in (result.located, result.unlocked) if note]
    lines += [f"mtpipe: conflict: {line}" for line in result.conflicts]
    if result.changed:
        lines.append(_changed_line(path, result))
    if result.folded:
        lines.append(
            f"mtpipe: note: {path}: line breaks in the target of {len(result.folded)} "
            f"unit{'s' if len(result.folded) != 1 else ''} ({_ids(result.folded)}) written as "
            "spaces: a segment is part of one paragraph; to break a line, move the source's "
            "<br> code"
        )
    if result.accepted:  # a reviewer's proposal now stands as the published target
        n = len(result.accepted)
        lines.append(
            f"mtpipe: note: {path}: tracked changes in {n} unit{'s' if n != 1 else ''} "
            f"({_ids(result.accepted)}) accepted, as Trados's Accept All Changes does: "
            "deleted words left out, added words kept; to reject a change, reject it in the "
            "CAT tool, write the target file again and import it"
        )
    if result.notes:  # a reviewer's "check the date" must not vanish with the file
        lines.append(_notes_line(path, result))
    if result.findings:
        lines.append(_findings_line(path, result))
    if result.file_notes:
        texts = ", ".join(f"{text[:60]!r}" for text in result.file_notes[:3])
        more = ", ..." if len(result.file_notes) > 3 else ""
        lines.append(
            f"mtpipe: note: {path}: {len(result.file_notes)} note(s) a translator added to "
            f"the whole file or a block ({texts}{more}), not kept by the import (no unit or "
            "translation to go with): read them in the file"
        )
    return lines


def _changed_line(path: Path, result: Imported) -> str:
    """The one warning line naming the units not applied because their source changed in
    the document since the export (id, old and new source where they differ), and where
    the translator's text for each is kept: in the memory under the old source (the next
    export's fuzzy match for the new one), else only in the file."""
    from pipeline.interchange.apply import where_they_differ

    n = len(result.changed)
    shown = []
    for unit, old, new, _ in result.changed[:3]:
        was, now = where_they_differ(old, new, width=50)
        shown.append(f"{unit}: file {was!r}, document {now!r}")
    more = "; ..." if n > 3 else ""
    kept = [unit for unit, _, _, in_memory in result.changed if in_memory]
    lost = [unit for unit, _, _, in_memory in result.changed if not in_memory]
    places = []
    if kept:
        places.append(
            f"the translation of {_ids(kept)} kept in the translation memory for its old "
            "source, offered as a fuzzy match by the next export"
        )
    if lost:
        why = (
            "the memory is off"
            if result.memory_off
            else "an inline code of the old source is gone, or the target breaks one"
        )
        places.append(f"that of {_ids(lost)} only in this file ({why}): read it there")
    return (
        f"mtpipe: warning: {path}: {n} edited unit{'s' if n != 1 else ''} not applied, "
        f"{'their' if n != 1 else 'its'} source changed in {result.document} since the "
        f"export ({'; '.join(shown)}{more}); {'; '.join(places)}; export {result.lang} again "
        "to translate the new source"
    )


def _findings_line(path: Path, result: Imported) -> str:
    """One line counting QA's errors and warnings on the imported targets, naming the
    first few (unit, check, message), and where the whole report is."""
    counts = [
        f"{n} {severity}{'s' if n != 1 else ''}"
        for severity in ("error", "warning")
        if (n := sum(1 for _, s, _ in result.findings if s == severity))
    ]
    first = "; ".join(f"{unit} {shortened(what, 80)}" for unit, _, what in result.findings[:3])
    more = "; ..." if len(result.findings) > 3 else ""
    return (
        f"mtpipe: warning: {path}: QA of the imported {result.lang} targets: "
        f"{' and '.join(counts)} ({first}{more}); `mtpipe qa {result.document}` reports them all"
    )


def _kept(result: Imported) -> list[str]:
    """What the import left as the document had it, and why (the summary line's tail)."""
    kept = []
    if result.stale:
        n, ids = len(result.stale_units), _ids(result.stale_units)
        kept.append(f"{n} unit{'s' if n != 1 else ''} older than the document ({ids})")
    if result.emptied:  # a deletion meant as an edit must not pass unsaid
        n, ids = len(result.emptied), _ids(result.emptied)
        kept.append(
            f"{n} emptied target{'s' if n != 1 else ''} ({ids}): an empty target is no translation"
        )
    if result.copied:  # a CAT tool's copy of an untranslated source is no translation
        n, ids = len(result.copied), _ids(result.copied)
        kept.append(
            f"{n} target{'s' if n != 1 else ''} that cop{'y' if n != 1 else 'ies'} the "
            f"source ({ids}): mark {'them' if n != 1 else 'it'} reviewed to keep the source text"
        )
    if result.conflicts:
        n = len(result.conflicts)
        kept.append(f"{n} conflict{'s' if n != 1 else ''}")
    if result.changed:
        n, ids = len(result.changed), _ids([unit for unit, *_ in result.changed])
        kept.append(f"{n} unit{'s' if n != 1 else ''} whose source changed ({ids})")
    return kept


def _ids(ids: list[str]) -> str:
    """``b2.s1, b3.s1``: the first five unit ids, ``...`` for more."""
    return ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
