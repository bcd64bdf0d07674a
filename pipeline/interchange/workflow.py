"""``mtpipe export`` / ``mtpipe import`` over files (an I/O edge).

Export reads documents, asks the translation memory for human fuzzy matches
and writes one exchange file per article. Import reads an edited file, finds
its document (beside the file, else where the file was exported from, said so),
checks everything (:mod:`pipeline.interchange.apply`), then
writes the document and the article's outputs again (QA re-run) and stores the
human targets in the translation memory. The document keeps its build key, so
``make translate`` still finds the article up to date; a forced rerun carries
the human targets over (:mod:`pipeline.interchange.carry`).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.atomic import OutputSetting, atomic_open, output_setting
from pipeline.config import Config
from pipeline.document import SCHEMA_NAME, Article, qa_checked
from pipeline.errors import InputError, OutputError, UsageError
from pipeline.interchange import Format, sniff_format
from pipeline.interchange.apply import (
    Changed,
    Plan,
    apply_edits,
    plan_import,
    primary,
    target_language,
)
from pipeline.interchange.units import (
    ImportFile,
    build_export,
    file_notes,
    has_findings,
    kept_notes,
)
from pipeline.memory.store import Entry, MemoryKey, memory_beside, utc_now
from pipeline.paths import resolved
from pipeline.readers.base import check_input_file

if TYPE_CHECKING:
    from pipeline.memory import TranslationMemory


@dataclass
class Exported:
    """What export did with one document: ``path`` written, or skipped (``reason``);
    ``note``: why a written one was written (never checked by QA under ``--only-flagged``)."""

    document: Path
    article_id: str
    path: Path | None = None
    units: int = 0
    reason: str = ""
    note: str = ""


def load_document(path: Path) -> Article:
    """The mtpipe document at ``path``; :class:`InputError` when it is not one."""
    check_input_file(path, "a document JSON (ID.json)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read document {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path} is not an mtpipe document JSON ({exc})") from None
    except RecursionError:
        raise InputError(f"{path} is not an mtpipe document JSON (nested too deeply)") from None
    if not isinstance(data, dict):
        raise InputError(f"{path} is not an mtpipe document JSON")
    return Article.from_dict(data, str(path))


def document_paths(inputs: list[str]) -> list[Path]:
    """Document files as given; a folder gives its mtpipe documents (``*.json``, sorted)."""
    found: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        if not p.is_dir():
            found.append(p)
            continue
        for f in sorted(p.glob("*.json")):
            if not f.is_file():  # a folder, a named pipe: no document (a read could hang)
                continue
            try:
                text = f.read_text(encoding="utf-8")
                head = json.loads(text)
            except (OSError, UnicodeError, RecursionError):  # not a document: passed over
                continue
            except ValueError:
                # a document cut short or with a broken comma still names its schema: it is
                # read, and its fault named (it was passed over: no file for it, exit 0)
                if f'"{SCHEMA_NAME}"' in text:
                    found.append(f)
                continue
            if isinstance(head, dict) and head.get("schema") == SCHEMA_NAME:
                found.append(f)
    if not found:
        from pipeline.writers.document import documents_below_hint

        hint = documents_below_hint(inputs)
        raise InputError(f"no mtpipe documents in {', '.join(inputs)}" + (f"; {hint}" * bool(hint)))
    return found


def check_exportable(article: Article, lang: str) -> None:
    """:class:`UsageError` when ``article`` has no translation into ``lang`` to export.
    The source language gets its own fix: ``translate --to`` it is refused as well."""
    targets = ", ".join(article.target_langs) or "none"
    if lang == article.source_lang and lang not in article.target_langs:
        first = article.target_langs[0] if article.target_langs else "fr"
        raise UsageError(
            f"--to {lang}: {lang!r} is the source language of {article.id}, which has no "
            f"translation into it (its translations: {targets}); export one of those, "
            f"`--to {first}`"
        )
    if lang not in article.target_langs:
        raise UsageError(
            f"{article.id} has no {lang!r} translation (it has "
            f"{', '.join(article.target_langs) or 'none'}); run `mtpipe translate --to {lang}`"
        )


@dataclass(frozen=True)
class ExportPlan:
    """Where :func:`export_documents` writes: ``out`` (one file, for one document) or
    ``out_dir`` (``ID.LANG.EXT`` each; neither: beside each document), which memory
    (``own_memory``: each document's folder's, unless a memory was named) and
    ``only_flagged`` (skip documents without a finding at that severity); ``to_stdout``:
    the file goes to standard output, so no folder of its own records the document
    (:func:`recorded_document`)."""

    out: Path | None = None
    out_dir: Path | None = None
    own_memory: bool = True
    only_flagged: str | None = None
    to_stdout: bool = False  # ``out`` is a scratch file the CLI copies to standard output


# The flag that chooses where export writes, and for import the document whose folder it
# writes again, as a write error's fix names them (atomic.write_error_fix).
EXPORT_FILE = OutputSetting("--out", "file", "file", None)
EXPORT_FOLDER = OutputSetting("--out-dir", "folder", "folder", "--out-dir $HOME/mtpipe-xliff")
IMPORT_FOLDER = OutputSetting("--doc", "document folder", "document (copied with its folder)", None)


def export_documents(
    docs: list[Path], lang: str, fmt: Format, config: Config, plan: ExportPlan
) -> Iterator[Exported]:
    """Export each of ``docs``, all or none: every document is read and checked, and the
    first output path tested, before any file is written.

    Raises :class:`UsageError` (``out`` for several documents, a language a document
    lacks), :class:`InputError` (not a document) or :class:`OutputError` (an output
    path that cannot be written) before writing; yields one :class:`Exported` per document.
    """
    from pipeline.atomic import check_output_file
    from pipeline.config import memory_in

    if plan.out is not None and len(docs) > 1:
        raise UsageError(f"--out names one file but {len(docs)} documents are given; use --out-dir")
    articles = [load_document(doc) for doc in docs]
    for article in articles:
        check_exportable(article, lang)
    targets = [
        plan.out or (plan.out_dir / f"{doc.stem}.{lang}{fmt.suffix}" if plan.out_dir else None)
        for doc in docs
    ]
    setting = EXPORT_FILE if plan.out is not None else EXPORT_FOLDER  # what a fix names
    if targets and targets[0] is not None:  # a folder, a path under a file: refused first
        with output_setting(setting):
            check_output_file(targets[0])
    for doc, article, out in zip(docs, articles, targets, strict=True):
        cfg = memory_in(config, doc.parent) if plan.own_memory else config
        yield export_document(
            doc, lang, fmt, cfg, out=out, only_flagged=plan.only_flagged, article=article,
            setting=setting, to_stdout=plan.to_stdout,
        )  # fmt: skip


def export_document(
    path: Path,
    lang: str,
    fmt: Format,
    config: Config,
    *,
    out: Path | None = None,
    only_flagged: str | None = None,
    article: Article | None = None,
    setting: OutputSetting | None = None,
    to_stdout: bool = False,
) -> Exported:
    """Write ``path``'s article into ``lang`` as ``fmt`` at ``out`` (default: beside it).

    ``article``: the document at ``path`` already loaded and checked
    (:func:`export_documents` checks every document before writing any file), so it is
    not read and validated twice. ``setting``: the flag a write error's fix names
    (default: ``--out`` given ``out``, else ``--out-dir``). ``to_stdout``: ``out`` is a
    scratch file bound for standard output (:func:`recorded_document`).
    """
    if article is None:
        article = load_document(path)
        check_exportable(article, lang)
    result = Exported(path, article.id)
    if only_flagged and not qa_checked(article):  # unchecked is no pass: a reviewer sees it
        result.note = (
            f"never checked by QA, so exported; run `mtpipe qa {path} --update` to triage "
            "it by its findings"
        )
    elif only_flagged and not has_findings(article, lang, only_flagged):
        result.reason = f"no QA finding at or above {only_flagged}"
        return result
    target = out or path.with_name(f"{article.id}.{lang}{fmt.suffix}")
    export = build_export(
        article,
        lang,
        recorded_document(path, None if to_stdout else target),
        _human_memory(config, article.source_lang, lang),
        config.memory.fuzzy_min_similarity,
    )
    export.document_at = resolved(path).as_posix()  # where a file moved alone finds it
    data = fmt.load().write(export)
    # an OSError is an OutputError naming the folder and the fix (atomic_open); no temp left
    setting = setting or (EXPORT_FILE if out is not None else EXPORT_FOLDER)
    with output_setting(setting), atomic_open(target, "wb") as fp:
        fp.write(data)
    result.path, result.units = target, len(export.units())
    return result


def recorded_document(document: Path, exported: Path | None) -> str:
    """The document's path as an exported file records it (XLIFF ``original``, PO
    ``mtpipe-document``): relative to the folder of the ``exported`` file, where import
    resolves it (:func:`recorded_candidates`), so the file imports from any working
    folder, and the output folder moved or copied with its ``postedit/`` files still
    finds its document. It was relative to the folder export ran in, and ``mtpipe import``
    run from another folder found no document. ``exported`` None (``--out -``: standard
    output, whose file's folder export cannot know): the absolute path, which resolves
    from anywhere on this machine. A document on another drive (Windows) than the file
    is recorded absolute too."""
    absolute = resolved(document)
    if exported is None:
        return absolute.as_posix()
    try:
        return Path(os.path.relpath(absolute, resolved(exported, OutputError).parent)).as_posix()
    except ValueError:  # no relative path between two drives
        return absolute.as_posix()


def _human_memory(config: Config, src: str, tgt: str) -> list[Entry]:
    """Human TM entries of the pair, or none when the memory is off or absent."""
    path = Path(config.memory.path)
    if not config.memory.enabled or not path.is_file():
        return []
    from pipeline.memory import TranslationMemory

    with TranslationMemory(path, readonly=True) as memory:
        return memory.human_entries(src, tgt)


@dataclass
class Imported:
    """What import changed: the document, the language, how many targets became human.

    ``conflicts`` are one line each for edited units whose human translation in the
    document changed since the export (kept as the document has it); ``stale`` counts
    units left as exported while the document's text changed since; ``located`` says
    how the document was found when it is not beside the file (else empty); ``folded``
    names the applied units whose target had line breaks, folded to spaces; ``unlocked``
    says why the import ran without the folder lock (else empty); ``emptied`` names the
    units whose target the translator emptied (not applied: an empty target is no
    translation); ``copied`` those whose target is its source, not marked reviewed (a CAT
    tool's copy of an untranslated segment: not applied); ``file_notes`` those a
    translator added to the whole file or a block (XLIFF), which nothing stores; ``notes``
    the notes a translator added, ``(unit, text)``, which no document field holds;
    ``notes_kept`` the units whose notes went into the memory with their human translation
    (edited units, and units left as the document's human translation; memory on);
    ``notes_in_document`` the unedited units whose notes the document keeps instead (a
    note on machine translation, which is no human entry; memory off; or a human
    translation whose source the memory holds another translation of, ``notes_other_tm``),
    written back as the unit's notes by the next export. ``notes`` leaves out notes the
    document kept already (an exported file imported again adds nothing).
    """

    document: Path
    article_id: str
    lang: str
    edited: int
    outputs: list[Path]
    conflicts: list[str] = field(default_factory=list)
    stale: int = 0
    stale_units: list[str] = field(default_factory=list)
    located: str = ""
    folded: list[str] = field(default_factory=list)
    unlocked: str = ""
    emptied: list[str] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    notes_kept: list[str] = field(default_factory=list)
    notes_in_document: list[str] = field(default_factory=list)
    notes_other_tm: list[str] = field(default_factory=list)
    file_notes: tuple[str, ...] = ()  # notes a translator added to the whole file
    # units whose tracked changes (Trados's) the reader accepted: deleted words left out
    accepted: list[str] = field(default_factory=list)
    # QA's findings on the imported targets, ``(unit, severity, check: message)``:
    # a human edit QA flags (a number changed, a name lost) must not pass unsaid
    findings: list[tuple[str, str, str]] = field(default_factory=list)
    memory_off: bool = False  # no memory: an edit's notes stay in the document too
    # Edited units whose source changed in the document since the export, not applied
    # (apply.Changed): ``(unit, old source, new source, kept in the memory)``
    changed: list[tuple[str, str, str, bool]] = field(default_factory=list)


def import_file(
    path: Path,
    config: Config,
    *,
    document: Path | None = None,
    translator: str | None = None,
    use_memory: bool = True,
    memory_beside_document: bool = False,
) -> Imported:
    """Apply an edited exchange file to its document (see the module docstring).

    ``memory_beside_document``: without a memory path in the settings, the human targets
    go to the memory in the document's folder (where ``mtpipe translate --out`` keeps it).
    """
    check_input_file(path, "an XLIFF (.xlf, .xliff) or PO file")
    imported = sniff_format(path).load().read(path)
    doc_path, located = locate_document(
        path, imported.document, imported.article_id, document, imported.document_at
    )
    if memory_beside_document:
        config = memory_beside(config, doc_path.parent)
    with output_setting(IMPORT_FOLDER), _folder_lock(doc_path.parent) as unlocked:
        result = _import_locked(
            imported, doc_path, located, config, translator, use_memory, chosen=document is not None
        )
    result.unlocked = unlocked
    return result


# flock errors that mean "this filesystem does not lock" (NFS without lockd, some FUSE
# mounts), not "this import must stop": flock(2), errno(3).
_NO_LOCKING = {errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL}


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[str]:
    """Hold an exclusive lock on the document's folder while an import reads and writes it.

    Two imports into one document at once (two translators, two terminals) each read the
    document, and the second write dropped the first one's edits without a word. An
    advisory ``flock`` on the folder itself (no lock file is left in the output folder)
    makes the second wait and then read the first one's result. Yields ``""``, or why the
    import runs unlocked: a folder that cannot be opened for reading (the import only
    needs to write there) or a filesystem without ``flock``; the import still works, and
    only imports into one document at the same moment are not serialised. Where
    ``fcntl`` does not exist (Windows) imports are not serialised either.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield ""
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        yield _unlocked(folder, f"cannot open it: {exc.strerror or exc}")
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:
            if exc.errno not in _NO_LOCKING:
                raise OutputError(
                    f"cannot lock {folder} for the import: {exc.strerror or exc}"
                ) from None
            yield _unlocked(folder, f"its filesystem does not lock ({exc.strerror or exc})")
            return
        yield ""
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _unlocked(folder: Path, why: str) -> str:
    return (
        f"{folder}: {why}; imported without a lock, so do not import into the same "
        "document from two places at once"
    )


def _import_locked(
    imported: ImportFile,
    doc_path: Path,
    located: str,
    config: Config,
    translator: str | None,
    use_memory: bool,
    *,
    chosen: bool = False,
) -> Imported:
    """:func:`import_file` once its document is found and locked: check, apply, write.

    ``chosen``: ``--doc`` named the document (see :func:`_plan_against`).
    """
    article = load_document(doc_path)
    if chosen and imported.article_id and imported.article_id != article.id:
        located = (
            f"{imported.path} names article {imported.article_id!r}; read against "
            f"{article.id}, the --doc given (each unit's id and source checked)"
        )
    lang, plan = _plan_against(article, imported, translator, chosen=chosen)
    result = _imported(doc_path, article, lang, plan, located)
    own = set(file_notes(article, lang))  # mtpipe's, whatever marks a tool left on them
    result.file_notes = tuple(note for note in imported.notes if note not in own)
    result.accepted = [unit.id for unit in imported.units if unit.revised]
    memory_on = use_memory and config.memory.enabled
    kept_old = [c for c in plan.changed if c.edit is not None] if memory_on else []
    result.changed = [(c.unit, c.old, c.new, c in kept_old) for c in plan.changed]
    memory = config.memory.path if memory_on else None
    changed = _place_notes(result, article, lang, plan, memory, kept_old)
    if plan.edits:
        result.outputs = _apply_and_write(article, lang, plan, config, use_memory, doc_path)
        result.findings = _edit_findings(plan.edits, lang) if config.qa.enabled else []
        return result
    result.outputs = _write_without_edits(
        article, lang, plan, config, doc_path, notes=changed, memory_on=memory_on
    )
    return result


def _place_notes(
    result: Imported,
    article: Article,
    lang: str,
    plan: Plan,
    memory_path: str | None,
    kept_old: list[Changed],
) -> bool:
    """Where each translator's note goes, said in ``result``: with its edit's memory entry,
    with the memory's entry of a unit left as it is, else kept in the document (so none
    is lost, with the memory off too: ``memory_path`` None). True when the document
    keeps a new note (its outputs are written again)."""
    result.notes = _new_notes(article, lang, plan.notes)
    # an edit's notes go with its memory entry, that of a changed unit's old source too
    edited = {e.segment.id for e in plan.edits if not e.owned} | {c.unit for c in kept_old}
    if memory_path is not None:  # an edit's notes go with its translation
        result.notes_kept = sorted({unit for unit, _ in plan.notes if unit in edited})
    if memory_path is not None and _notes_as_is(plan):
        from pipeline.memory import TranslationMemory

        with TranslationMemory(memory_path) as memory:
            kept, result.notes_other_tm = _store_notes_as_is(memory, article, lang, plan)
        result.notes_kept = sorted({*result.notes_kept, *kept})
    result.memory_off = memory_path is None
    elsewhere = {*(edited if memory_path is not None else ()), *result.notes_kept}
    in_document = [(unit, note) for unit, note in plan.notes if unit not in elsewhere]
    result.notes_in_document = sorted({unit for unit, _ in in_document})
    return _keep_notes(article, lang, in_document)


def _write_without_edits(
    article: Article,
    lang: str,
    plan: Plan,
    config: Config,
    doc_path: Path,
    *,
    notes: bool,
    memory_on: bool,
) -> list[Path]:
    """An import that applies no edit: the outputs written again when the document keeps
    new ``notes`` (the other outputs come out the same), and the kept translations of
    units whose source changed stored in the memory (when ``memory_on``), together or not
    at all; the outputs written."""
    kept = [c for c in plan.changed if c.edit is not None] if memory_on else []
    with contextlib.ExitStack() as stack:
        store = None
        if kept:
            from pipeline.memory import TranslationMemory

            # opened first: a read-only memory stops the import before any output is written
            memory = stack.enter_context(TranslationMemory(config.memory.path))
            store = lambda: _store_human(memory, article, lang, [], plan.notes, kept)  # noqa: E731
        if notes:
            return _rewrite_outputs(article, doc_path.parent, then=store)
        if store is not None:
            store()
    return []


def _edit_findings(edits: list, lang: str) -> list[tuple[str, str, str]]:
    """QA's errors and warnings on the edited segments in ``lang``, errors first: what the
    import says of the human text it applied (the report names them all; the import run
    said nothing, so an edit that changed a number went unnoticed)."""
    found = [
        (e.segment.id, f.severity, f"{f.check}: {f.message}")
        for e in edits
        for f in e.segment.findings
        if primary(f.lang) == primary(lang) and f.severity in ("error", "warning")
    ]
    return sorted(found, key=lambda x: x[1] != "error")


def _new_notes(article: Article, lang: str, notes: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``notes`` less those the document kept already: the next export wrote them back."""
    kept = {(seg.id, note) for seg in article.segments() for note in kept_notes(seg, lang)}
    return [item for item in notes if item not in kept]


def _keep_notes(article: Article, lang: str, notes: list[tuple[str, str]]) -> bool:
    """Keep the translator's ``(unit, note)`` s in the document, in their segment's ``notes``
    for ``lang`` (a reviewer's word, no QA finding), which export writes back as the unit's
    translator notes; True when one was new. A note is added once, never replaced: an older
    copy of the file without it removes nothing."""
    segments = {seg.id: seg for seg in article.segments()}
    changed = False
    for unit, note in notes:
        seg = segments[unit]
        if note not in kept_notes(seg, lang):
            seg.notes.setdefault(lang, []).append(note)
            changed = True
    return changed


def _notes_as_is(plan: Plan) -> dict[str, list[str]]:
    """The translator's notes on units left as the document's human translation (unit id
    -> its notes), which no edit carries into the memory."""
    as_is = {seg.id for seg in plan.human_as_is}
    found: dict[str, list[str]] = {}
    for unit, note in plan.notes:
        if unit in as_is:
            found.setdefault(unit, []).append(note)
    return found


def _store_notes_as_is(
    memory: TranslationMemory, article: Article, lang: str, plan: Plan
) -> tuple[list[str], list[str]]:
    """Add the notes on units left as the document's human translation to that
    translation's memory entry (made from the document's translation when the memory has
    none), as an edited unit's notes go with its entry: a reviewer's "agency to confirm"
    on an approved translation is kept, not only named. Notes already there are not
    added twice (the same file imported again). Where the memory holds another human
    translation of the source (another article's), it is not replaced: that note is no
    note on the memory's translation, and the document keeps it (:func:`_keep_notes`).
    The unit ids whose notes were stored, and those whose memory entry is another's."""
    notes = _notes_as_is(plan)
    key = MemoryKey.human(primary(article.source_lang), primary(lang))
    segments = [seg for seg in plan.human_as_is if seg.id in notes]
    stored = memory.lookup_entries(key, [seg.source for seg in segments])
    entries, kept, others = [], [], []
    for seg in segments:
        human = seg.translations[lang]
        old = stored.get(seg.source)
        if old is not None and old.target != human.text:
            others.append(seg.id)
            continue
        if old is None:
            date = human.date or utc_now()
            old = Entry(key, seg.source, human.text, date, date, human.translator)
        merged = tuple(dict.fromkeys((*old.notes, *notes[seg.id])))
        if merged != old.notes or seg.source not in stored:
            entries.append(replace(old, notes=merged))
        kept.append(seg.id)
    memory.store_entries(entries)
    return kept, others


def _plan_against(
    article: Article, imported: ImportFile, translator: str | None, *, chosen: bool
) -> tuple[str, Plan]:
    """The target language and the checked edits of ``imported`` in ``article``.

    A CAT tool may rename the file's id (``f1``); when ``--doc`` named the document
    (``chosen``), the file's units say whether it is this article (each unit's id and
    source are checked), not its id: refused, "pass the right --doc" had no way out.
    Raises :class:`InputError`; a file whose id and units both disagree names the wrong
    ``--doc`` first, as the likelier cause than the unit.
    """
    claimed = imported.article_id
    if chosen and claimed and claimed != article.id:
        imported = replace(imported, article_id=None)
    try:
        lang = target_language(article, imported)
        return lang, plan_import(article, imported, lang, translator)
    except InputError as exc:
        if imported.article_id is None and claimed and claimed != article.id:
            raise InputError(  # a wrong --doc, most likely: say so before the unit
                f"{imported.path} is for article {claimed!r}, not {article.id!r}, and its "
                f"units do not match it ({exc}); pass the right --doc"
            ) from None
        raise


def _imported(doc_path: Path, article: Article, lang: str, plan: Plan, located: str) -> Imported:
    """What an import did, from its plan (its ``outputs`` filled once they are written)."""
    edits = plan.edits
    return Imported(
        doc_path,
        article.id,
        lang,
        len(edits),
        [],
        conflicts=[c.message for c in plan.conflicts],
        stale=plan.stale,
        stale_units=plan.stale_units,
        located=located,
        folded=[e.segment.id for e in edits if e.folded],
        emptied=plan.emptied,
        copied=plan.copied,
        notes=plan.notes,
    )


def _apply_and_write(
    article: Article,
    lang: str,
    plan: Plan,
    config: Config,
    use_memory: bool,
    doc_path: Path,
) -> list[Path]:
    """Apply the plan's edits, rerun QA, rewrite the document's outputs and store the human
    targets in the memory with the translator's notes on them; the outputs written. The
    memory opens before any output is written: a read-only one stops the import with
    nothing changed."""
    edits = plan.edits
    apply_edits(article, lang, edits)
    if config.qa.enabled:
        from pipeline.qa import run_qa

        run_qa(article, config.qa)
    elif edits:  # the check was of the text before the edits: no record of a pass now
        article.meta.pop("qa_checked", None)
    with contextlib.ExitStack() as stack:
        memory = None
        if use_memory and config.memory.enabled:
            from pipeline.memory import TranslationMemory

            memory = stack.enter_context(TranslationMemory(config.memory.path))
        kept = [c for c in plan.changed if c.edit is not None]
        store = (
            (lambda: _store_human(memory, article, lang, edits, plan.notes, kept))
            if memory is not None
            else None
        )
        return _rewrite_outputs(article, doc_path.parent, then=store)


def locate_document(
    path: Path,
    recorded: str | None,
    article_id: str | None,
    override: Path | None,
    recorded_at: str | None = None,
) -> tuple[Path, str]:
    """The document an exchange file belongs to, and how it was found when not beside it.

    ``--doc`` first; then ``ID.json`` beside the file, then in the folder above
    (``make postedit-export`` writes into ``OUT/postedit``): a copied output folder
    is imported into the copy. Only when neither exists is the path the file records
    (where it was exported from, :func:`recorded_candidates`) used, and the second item
    says so. Raises :class:`InputError` naming every path tried when none exists.
    """
    if override is not None:
        return check_input_file(override, "the document JSON (OUT/ID.json)"), ""
    nearby = (
        [path.parent / f"{article_id}.json", path.parent.parent / f"{article_id}.json"]
        if article_id
        else []
    )
    for candidate in nearby:
        if candidate.is_file():
            return candidate, ""
    tried = recorded_candidates(path, recorded, recorded_at)
    for candidate, how in tried:
        if candidate.is_file():
            return candidate, (
                f"no {article_id or 'document'}.json beside {path}: using the document the "
                f"file was exported from, {candidate} ({how}; pass --doc to choose another)"
            )
    raise InputError(
        f"cannot find the document of {path} (looked for {_looked(nearby, tried)}): it was "
        "moved or removed (`make clean` removes documents and keeps post-editing files); "
        "translate the article again into that folder, which recreates it, then import, "
        "or pass --doc OUT/ID.json"
    )


def _looked(nearby: list[Path], tried: list[tuple[Path, str]]) -> str:
    """Each path import tried, once: ``out/x.json`` and ``out/postedit/../x.json`` are one."""
    seen: set[str] = set()
    looked: list[str] = []
    for candidate, how in [*((c, "") for c in nearby), *tried]:
        key = os.path.normpath(os.path.abspath(candidate))
        if key not in seen:
            seen.add(key)
            looked.append(f"{candidate} ({how})" if how else str(candidate))
    return ", ".join(looked) or "nothing recorded"


def recorded_candidates(
    path: Path, recorded: str | None, recorded_at: str | None = None
) -> list[tuple[Path, str]]:
    """Where the document the exchange file at ``path`` records may be, in this order,
    each with how it was read: ``recorded`` relative to the file's folder (as export
    records it, :func:`recorded_document`: the output folder moved with its files); the
    absolute path ``recorded_at`` it had at export (the file moved alone: mailed,
    downloaded); then, for a file exported before these, ``recorded`` relative to the
    current folder (export recorded it relative to the folder it ran in). An absolute
    ``recorded`` (``--out -``) is taken as it is."""
    found: list[tuple[Path, str]] = []
    if recorded and Path(recorded).is_absolute():
        found.append((Path(recorded), "the path the file records"))
    elif recorded:
        beside = path.parent / recorded  # not normalised: ``..`` after a linked folder
        found.append((beside, f"{recorded} from the file's folder"))
    if recorded_at and Path(recorded_at).is_absolute():
        found.append((Path(recorded_at), "where it was at export"))
    if recorded and not Path(recorded).is_absolute():
        found.append(
            (Path(recorded), f"{recorded} from the current folder, as older exports record it")
        )
    unique: dict[str, tuple[Path, str]] = {}
    for candidate in found:  # one path tried once, under its first reading
        unique.setdefault(os.path.abspath(candidate[0]), candidate)
    return list(unique.values())


def _rewrite_outputs(
    article: Article, out_dir: Path, then: Callable[[], object] | None = None
) -> list[Path]:
    """Write again every output of the article that exists (txt, md, html, ...), all or
    nothing, then run ``then`` (the memory's store); should ``then`` fail (a full disk, a
    memory another process holds locked), the outputs are put back as they were, so an
    import lands in document, outputs and memory together or nowhere."""
    from pipeline.atomic import commit_files
    from pipeline.writers import output_paths, write_article

    paths = output_paths(article.id, out_dir, article.target_langs, article)
    present = {key.partition(":")[0] for key, p in paths.items() if p.exists()}
    # every output sits in out_dir (output_paths): named by file name
    before = {
        p.name: p.read_bytes()
        for key, p in paths.items()
        if key.partition(":")[0] in present | {"json"} and p.is_file()
    }
    written = write_article(article, out_dir, present | {"json"})
    if then is None:
        return written
    try:
        then()
    except BaseException:
        commit_files(out_dir, before, remove=[p.name for p in written if p.name not in before])
        raise
    return written


def _store_human(
    memory: TranslationMemory,
    article: Article,
    lang: str,
    edits: list,
    notes: list[tuple[str, str]],
    changed: Sequence[Changed] = (),
) -> None:
    """The edits as human TM entries of the pair (only edits: never a stale or conflicting
    unit), and the kept edits of units whose source changed since the export
    (``changed``) under their OLD source, whose translation they are (the next export
    offers them as fuzzy matches of the new source), in one commit with the edits; each
    with the notes the translator added on its unit (``(unit id, note)``): a
    reviewer's "check the agency" stays with the translation it is about, and `tm export`
    writes it as the unit's TMX note. A note on a unit left as the document's human
    translation goes to that translation's entry (:func:`_store_notes_as_is`); one on
    machine translation has no human entry to go with: the document keeps it
    (:func:`_keep_notes`)."""
    key = MemoryKey.human(primary(article.source_lang), primary(lang))
    by_unit: dict[str, list[str]] = {}
    for unit, note in notes:
        by_unit.setdefault(unit, []).append(note)
    pairs = [(e, e.segment.source) for e in edits if not e.owned]  # owned: the memory's already
    pairs += [(c.edit, c.old) for c in changed if c.edit is not None]
    memory.store_entries(
        Entry(
            key, source, e.text, e.date, e.date, e.translator, tuple(by_unit.get(e.segment.id, ()))
        )
        for e, source in pairs
    )
