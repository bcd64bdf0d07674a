"""Step 1 of a run: read the inputs, key them, decide what needs doing.

:func:`make_plan` does every check that can fail before a model loads: target
languages, the output folder (an existing file, a folder under a file, no
write permission), model folders, inputs that would overwrite each other (two
files with one article id, an output folder that is an input folder). Those
raise at once. A bad input file does not: its error is recorded in its
:class:`~pipeline.runners.result.ArticleOutcome` and the others go on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.atomic import remove_stale_temps, write_access_error, write_error_fix
from pipeline.config import Config
from pipeline.document import Article
from pipeline.errors import ConfigError, InputError, OutputError, PipelineError, UsageError
from pipeline.glossary import Glossary, load_glossary
from pipeline.interchange.carry import carry_human_edits, previous_document
from pipeline.paths import resolved, resolved_or_none
from pipeline.readers import input_suffixes, read_article
from pipeline.readers.base import earlier_document
from pipeline.runners.key import build_key, model_fingerprints, resource_digests
from pipeline.runners.options import log_stderr
from pipeline.runners.result import TRANSLATED, UP_TO_DATE, ArticleOutcome
from pipeline.translate.load import choose_backend
from pipeline.write import output_paths

INPUT_SUFFIXES = input_suffixes()  # from the readers registry


@dataclass
class Job:
    """One article to process: ``index`` into :attr:`Plan.outcomes`, the segmented article.

    ``article.meta["build_key"]`` holds its build key. Jobs are plain data
    (picklable), so a distributed runner can ship them to workers.
    """

    index: int
    article: Article


@dataclass
class Plan:
    """Everything a runner needs: settings, where to write, what to do.

    ``outcomes`` has one entry per input file in input order (failed and
    up-to-date ones already settled); ``jobs`` are the articles left to
    translate, localise, check and commit. ``model_dirs`` maps a pair
    (``it-en``) to its checked model folder, ``backends`` a pair to the
    backend it resolves to; ``resources`` are the digests of the resource files
    the stages read (and of the memory's human entries per pair, :func:`human_memory`)
    and ``fingerprints`` the model folders' identities, both computed once per run for
    the build keys (see :mod:`pipeline.runners.key`); ``glossary`` is the
    validated glossary (translate enforces it, QA checks it). ``run_qa``
    False: QA skipped.
    """

    config: Config
    out_dir: Path
    source_lang: str
    targets: list[str]
    model_dirs: dict[str, Path]
    backends: dict[str, str] = field(default_factory=dict)
    resources: dict[str, str] = field(default_factory=dict)
    fingerprints: dict[str, Any] = field(default_factory=dict)
    run_qa: bool = True
    glossary: Glossary = field(default_factory=Glossary)
    outcomes: list[ArticleOutcome] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)

    def groups(self, limit: int | None = None) -> list[list[Job]]:
        """Jobs in groups of about ``limit`` segments (default ``[translate] group_segments``).

        A group is translated together (distinct sentences of several articles
        share batches) and its articles are written as it completes, so a
        killed run loses at most the group in flight.
        """
        limit = limit or self.config.translate.group_segments
        groups: list[list[Job]] = [[]]
        size = 0
        for job in self.jobs:
            n = len(job.article.text_segments())
            if groups[-1] and size + n > limit:
                groups.append([])
                size = 0
            groups[-1].append(job)
            size += n
        return [g for g in groups if g]


def expand_inputs(
    paths: Sequence[str | Path], log: Callable[[str], None] = log_stderr, out: Path | None = None
) -> list[Path]:
    """Files as given, folders expanded to their article files (sorted); each file once.

    A folder's article files are its entries with a reader's suffix, in any case
    (``A.HTML``), that are no folder (a dangling link or a named pipe is read, and
    fails naming itself); hidden files (``.DS_Store``, macOS ``._name.txt`` companions)
    are not articles. Subfolders are not read: one warning line names them,
    except the run's own output folder ``out`` (``--out in/out`` then a rerun).
    A folder without article files (empty, only subfolders, only other files) is a
    warning line when another input holds articles, and an InputError when none does.
    """
    files: list[Path] = []
    empty: list[Path] = []  # folders that hold no article file
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = _folder_articles(p, log, out)
            files.extend(found)
            if not found:
                empty.append(p)
        else:
            files.append(p)
    what = f"holds no article files ({', '.join(INPUT_SUFFIXES)})"
    if empty and not files:  # no input yields an article: nothing to do is an error
        names = ", ".join(str(f) for f in empty)
        raise InputError(f"{names}: {'folder' if len(empty) == 1 else 'each folder'} {what}")
    for folder in empty:  # beside inputs that hold articles: a warning, the batch goes on
        log(f"mtpipe: warning: {folder}: folder {what}; skipped")
    unique: dict[Path, Path] = {}
    for f in files:  # a loop of links is kept, unresolved: its read fails naming it
        unique.setdefault(resolved_or_none(f) or f.absolute(), f)
    return list(unique.values())


def _folder_articles(folder: Path, log: Callable[[str], None], out: Path | None) -> list[Path]:
    entries = sorted(e for e in folder.iterdir() if not e.name.startswith("."))
    # Any entry with an article's suffix that is no folder: one that is no regular file (a
    # dangling link, a named pipe) is passed on, so the reader's error names it (exit 3).
    found = [f for f in entries if not f.is_dir() and f.suffix.lower() in INPUT_SUFFIXES]
    own = resolved_or_none(out) if out is not None else None
    subs = [e.name for e in entries if e.is_dir() and resolved_or_none(e) != own]
    if subs:
        shown = ", ".join(subs[:5]) + (f" and {len(subs) - 5} more" if len(subs) > 5 else "")
        log(
            f"mtpipe: warning: {folder}: {len(subs)} subfolder(s) not read ({shown}); "
            "give them as inputs too to translate their articles"
        )
    return found  # none: the caller decides (a warning beside other inputs, else an error)


def check_targets(targets: Sequence[str], source_lang: str) -> list[str]:
    """Target languages, deduplicated; none, or the source language itself, is a usage error."""
    unique = list(dict.fromkeys(t for t in targets if t))
    if not unique:
        raise UsageError("no target language given; use --to en,fr or [translate] targets")
    if source_lang in unique:
        raise UsageError(
            f"target {source_lang!r} is the source language; drop it from --to "
            "(or [translate] targets)"
        )
    return unique


def check_out_dir(out_dir: Path) -> None:
    """Raise OutputError unless ``out_dir`` is, or can be made, a writable folder.

    Nothing is created here (a run that fails later leaves no empty folder).
    """
    probe = out_dir
    while not probe.exists() and probe != probe.parent:
        if probe.is_symlink():  # a link to nothing: mkdir would fail with "File exists"
            raise OutputError(
                f"output folder {out_dir}: {probe} is a symbolic link to "
                f"{os.readlink(probe)}, which does not exist; create the target or "
                "choose another --out"
            )
        probe = probe.parent
    if probe == out_dir and not out_dir.is_dir():
        raise OutputError(f"output folder {out_dir} is an existing file; choose another --out")
    if not probe.is_dir():
        raise OutputError(f"output folder {out_dir} would be under {probe}, which is a file")
    code = write_access_error(probe)
    if code:  # a read-only disk, a permission, a policy: each its own fix (atomic._FIXES)
        fix = write_error_fix(OSError(code, os.strerror(code)), probe)
        raise OutputError(f"output folder {out_dir}: cannot write in {probe}{fix}")


def resolve_model_dirs(
    config: Config, targets: Sequence[str], source_lang: str, overrides: Mapping[str, Path]
) -> dict[str, Path]:
    """Folder of every needed pair; a missing model raises ModelNotFoundError now, not mid-run."""
    from pipeline.models import resolve_model_dir

    models_dir = Path(config.translate.models_dir)
    pairs = [f"{source_lang}-{t}" for t in targets]
    return {p: resolve_model_dir(p, models_dir, overrides.get(p)) for p in pairs}


def is_up_to_date(
    article_id: str,
    out_dir: Path,
    key: str,
    config: Config,
    log: Callable[[str], None] | None = None,
) -> bool:
    """True when the document JSON carries ``key`` and its outputs are the ones it records.

    Outputs that apply to some inputs only (``ID.LANG.wp.json`` for a WordPress
    post) are expected when the recorded document's metadata says they apply. The
    outputs the formats ask for must be those the document lists (``meta.outputs``: a
    smaller ``[write] formats`` redoes the article, whose commit removes the dropped
    formats' files), each present and, where the document records its digest
    (``meta.output_digests``), with the content mtpipe wrote: a file edited, truncated
    or emptied by hand is named on one warning line and written again.
    """
    from pipeline.document import Article

    targets = config.translate.targets
    doc = output_paths(article_id, out_dir, targets)["json"]
    data = earlier_document(doc, log)
    if data is None:
        return False
    meta = data.get("meta")
    if meta.get("build_key") != key:
        return False
    shell = Article(id=article_id, source_lang=str(data.get("source_lang", "")), meta=meta)
    paths = output_paths(article_id, out_dir, targets, shell)
    formats = {*config.write.formats, "json"}
    wanted = [p for name, p in paths.items() if name.partition(":")[0] in formats]
    recorded = meta.get("outputs")
    if isinstance(recorded, list) and set(recorded) != {p.name for p in wanted}:
        return False  # another formats list than the run that wrote them
    missing = [p for p in wanted if not p.exists()]
    # the document records its content's digest, not its bytes': edited_document reads it
    present = [p for p in wanted if p != doc and p not in missing]
    changed = _changed_outputs(present, meta.get("output_digests"))
    if (missing or changed) and log is not None:
        _warn_rewritten(missing, changed, log)
    return not (missing or changed)


def _warn_rewritten(missing: list[Path], changed: list[Path], log: Callable[[str], None]) -> None:
    """One warning line naming the outputs deleted and those changed since mtpipe wrote them:
    a deleted one was rewritten without a word while an edited one was named (review37 P2)."""
    parts = []
    if missing:
        parts.append(f"{', '.join(map(str, missing))}: missing (deleted since mtpipe wrote it)")
    if changed:
        parts.append(
            f"{', '.join(map(str, changed))}: not the content mtpipe wrote "
            "(edited, truncated or emptied since)"
        )
    log(
        f"mtpipe: warning: {'; '.join(parts)}; the article is written again (keep your "
        "edits through mtpipe export/import, or --out another folder)"
    )


def _changed_outputs(paths: Sequence[Path], digests: object) -> list[Path]:
    """The outputs whose bytes differ from the digest the document records (none recorded,
    a document written before digests: none checked)."""
    from pipeline.writers import text_digest

    if not isinstance(digests, dict):
        return []
    changed = []
    for path in paths:
        want = digests.get(path.name)
        if want is None:
            continue
        try:
            same = path.is_file() and text_digest(path.read_bytes()) == want
        except OSError:
            same = False
        if not same:
            changed.append(path)
    return changed


def edited_document(
    article_id: str, out_dir: Path, key: str, log: Callable[[str], None]
) -> Article | None:
    """The document ``ID.json`` when it was edited by hand since mtpipe wrote it and is
    otherwise current (same build key), named on one warning line; else None.

    A newsroom edits a translation there and expects it kept: the run writes the outputs
    again from the edited document and runs QA on it, rather than translate again over
    the edit or call the stale outputs up to date (review37 P1)."""
    from pipeline.document import edited_since_written

    doc = out_dir / f"{article_id}.json"
    data = earlier_document(doc)
    if data is None or data.get("id") != article_id or data["meta"].get("build_key") != key:
        return None
    try:
        article = Article.from_dict(data, str(doc))
    except PipelineError:
        return None  # a damaged document: is_up_to_date names it and the article is redone
    if not edited_since_written(article):
        return None
    log(
        f"mtpipe: warning: {doc}: edited by hand since mtpipe wrote it; its outputs are "
        "written again from it (no new MT) and QA runs on it again. A rerun after the input "
        "or the settings change translates anew: keep such edits through mtpipe export/import"
    )
    return article


def rewrite_edited(plan: Plan, outcome: ArticleOutcome, article: Article) -> None:
    """Write ``article``'s outputs again from the hand-edited document, QA run on it first
    (or its ``qa_checked`` dropped when this run checks nothing): never published as
    checked with text QA did not see."""
    from collections import Counter

    from pipeline.runners.commit import commit_article

    if plan.run_qa and plan.config.qa.enabled:
        from pipeline.qa import run_qa

        run_qa(article, plan.config.qa)
    else:
        article.meta.pop("qa_checked", None)
    try:
        written = commit_article(article, plan.out_dir, plan.config)
    except PipelineError as exc:
        outcome.fail(exc)
        return
    outcome.outputs = [str(p) for p in written]
    outcome.findings = dict(Counter(f.severity for s in article.segments() for f in s.findings))
    outcome.status = TRANSLATED


def make_plan(
    paths: Sequence[str | Path],
    config: Config,
    out_dir: str | Path,
    *,
    model_dirs: Mapping[str, Path] | None = None,
    force: bool = False,
    run_qa: bool = True,
    use_memory: bool = True,
    log: Callable[[str], None] = log_stderr,
) -> Plan:
    """Read and key every input; see the module docstring for what raises.

    ``use_memory`` must be the run's (:attr:`RunOptions.use_memory`): with the memory
    on, its human entries of each pair are an input of the key (:func:`human_memory`).
    """
    out = Path(out_dir)
    source_lang = config.read.source_lang
    targets = check_targets(config.translate.targets, source_lang)
    check_out_dir(out)
    files = expand_inputs(paths, log, out)
    _refuse_out_in_inputs(out, files)
    read = [_read_one(path, config, log) for path in files]
    # Inputs first: when none can be read, that is the error (exit 3), not a missing model.
    wanted = any(article is not None for _, article in read)
    try:
        dirs = resolve_model_dirs(config, targets, source_lang, model_dirs or {}) if wanted else {}
        backends = {p: choose_backend(config.translate.backend, d)[0] for p, d in dirs.items()}
    except PipelineError:  # no model: the run stops, but the inputs it could not read are named
        for outcome, article in read:
            if article is None:
                log(f"mtpipe: {outcome.error}")
        raise
    plan = Plan(config, out, source_lang, targets, dirs, run_qa=run_qa)
    plan.glossary = load_glossary(config.qa.glossary)
    plan.backends = backends
    # no article to key (every input failed to read): the memory is not opened
    human = human_memory(config, targets, use_memory) if wanted else {}
    plan.resources = {**resource_digests(), **human}
    plan.fingerprints = model_fingerprints(dirs)
    remove_stale_temps(out)
    seen: dict[str, str] = {}
    for outcome, article in read:
        plan.outcomes.append(outcome)
        if article is None:
            continue
        _refuse_duplicate(seen, article.id, outcome.path)
        outcome.article_id = article.id
        _plan_article(plan, outcome, article, force, log)
    note_orphans(out, paths, set(seen), log)
    return plan


def orphaned_documents(out: Path, paths: Sequence[str | Path], ids: set[str]) -> list[tuple]:
    """``(article id, source path)`` of each document in ``out`` whose input was a file of
    an input folder of this run and is gone from it (a withdrawn article): its outputs
    stay, and ``mtpipe bundle`` would publish them. Never removed here: they are named."""
    folders = {os.path.realpath(p) for p in paths if Path(p).is_dir()}
    if not folders or not out.is_dir():
        return []
    found = []
    for doc in sorted(out.glob("*.json")):
        data = None if doc.stem in ids else earlier_document(doc)
        source = data["meta"].get("source_path") if data and data.get("id") == doc.stem else None
        if not isinstance(source, str) or not Path(source).is_absolute():
            continue  # relative (a document of an older mtpipe): from which folder is unknown
        src = Path(source)
        if os.path.realpath(src.parent) in folders and not (src.exists() or src.is_symlink()):
            found.append((doc.stem, source))
    return found


def note_orphans(
    out: Path, paths: Sequence[str | Path], ids: set[str], log: Callable[[str], None]
) -> None:
    """One warning line naming the documents whose input left the input folder
    (:func:`orphaned_documents`) and how to withdraw them (hostile37 #2)."""
    orphans = orphaned_documents(out, paths, ids)
    if not orphans:
        return
    shown = ", ".join(f"{i} (from {src})" for i, src in orphans[:5])
    if len(orphans) > 5:
        shown += f" and {len(orphans) - 5} more"
    one = len(orphans) == 1
    files = ", ".join(f"{out / i}.*" for i, _ in orphans[:5]) + ("" if len(orphans) <= 5 else " …")
    log(
        f"mtpipe: warning: {out}: {len(orphans)} document{'' if one else 's'} "
        f"{'has' if one else 'have'} no input any more: {shown}; "
        f"{'its' if one else 'their'} outputs are kept and `mtpipe bundle` publishes them: "
        f"remove {files} to withdraw {'it' if one else 'them'}"
    )


def human_memory(config: Config, targets: Sequence[str], use_memory: bool) -> dict[str, str]:
    """``{"human_memory:it-en": digest}`` for each pair whose human entries the run's
    memory holds (:func:`pipeline.memory.store.human_digests_of`): none with the memory
    off (``--no-memory``, ``[memory] enabled = false``), which then keys as before.

    Human entries always win over MT (:mod:`pipeline.translate.stage`), so a ``tm
    import`` or post-edit import puts every article of its pair out of date; the rerun
    is served from the memory. MT entries are no input: every run adds them. The memory
    is the one the runner opens (:func:`pipeline.runners.process.open_memory`):
    ``config.memory.path``, which ``--memory`` or the output folder set
    (:func:`pipeline.config.memory_in`).
    """
    if not (use_memory and config.memory.enabled):
        return {}
    from pipeline.memory.store import human_digests_of

    source = config.read.source_lang
    found = human_digests_of(config.memory.path, [(source, t) for t in targets])
    return {f"human_memory:{pair}": digest for pair, digest in sorted(found.items())}


def _read_one(
    path: Path, config: Config, log: Callable[[str], None]
) -> tuple[ArticleOutcome, Article | None]:
    """One input read and checked; a failure is recorded on its outcome, not raised."""
    outcome = ArticleOutcome(path=str(path))
    try:
        article = _read(path, config)
        _check_language(article, path, config.read.language_check, log)  # qa hook
        _note_uncatalogued(article, path, log)  # chrome kept verbatim: say so, once
        _note_left_out(article, path, log)  # furniture boxes inside the article: never silent
        note_unclosed(article, path, log)  # a comment or fence open to the end: never silent
    except PipelineError as exc:
        outcome.fail(exc)
        return outcome, None
    return outcome, article


def _read(path: Path, config: Config) -> Article:
    source_lang = config.read.source_lang
    article = read_article(
        path,
        source_lang=source_lang,
        fmt=config.read.forced_format,
        max_bytes=config.read.max_bytes,
    )
    if article.source_lang != source_lang:
        raise InputError(
            f"{path}: the article is in {article.source_lang!r} but this run translates "
            f"from {source_lang!r}; use --source-lang {article.source_lang}"
        )
    return article


def _check_language(article: Article, path: Path, mode: str, log: Callable[[str], None]) -> None:
    """The whole article in another language: one warning line, or an input error (``mode``)."""
    if mode == "off":
        return
    from pipeline.qa.article_lang import article_language_note

    note = article_language_note(article)
    if note is None:
        return
    if mode == "error":
        raise InputError(f'{path}: {note}; [read] language_check = "error"')
    log(f"mtpipe: warning: {path}: {note}")


def _note_uncatalogued(article: Article, path: Path, log: Callable[[str], None]) -> None:
    """One warning line for page chrome no catalog knows (kept verbatim, never MT)."""
    from pipeline.localise.boilerplate import uncatalogued_note

    if (note := uncatalogued_note(article)) is not None:
        log(f"mtpipe: warning: {path}: {note}")


def _note_left_out(article: Article, path: Path, log: Callable[[str], None]) -> None:
    """One warning line for the furniture boxes the reader left out of the article.

    ``readers.dom`` (and lxml with it) is imported only when something was left out: a
    page-text article never needs it."""
    if not (left_out := article.meta.get("left_out")):
        return
    from pipeline.readers.dom import left_out_note

    if (note := left_out_note(article.id, left_out)) is not None:
        log(f"mtpipe: warning: {path}: {note}")


def note_unclosed(article: Article, path: Path | str, log: Callable[[str], None]) -> None:
    """One warning line for a comment or code fence the file leaves open to its end (the
    text after it is not translated: :mod:`pipeline.readers.unclosed`)."""
    if not (records := article.meta.get("unclosed")):
        return
    from pipeline.readers.unclosed import unclosed_note

    if (note := unclosed_note(article.id, records)) is not None:
        log(f"mtpipe: warning: {path}: {note}")


def _plan_article(
    plan: Plan,
    outcome: ArticleOutcome,
    article: Article,
    force: bool,
    log: Callable[[str], None] = log_stderr,
) -> None:
    """Key the article; skip it when up to date, else segment it into a job."""
    from pipeline.segment import segment_article

    config = plan.config
    texts = (b.text for b in article.blocks)
    terms = plan.glossary.matched_digest(texts, plan.source_lang, plan.targets)
    key = build_key(
        article.meta["input_sha256"],
        config,
        plan.model_dirs,
        plan.targets,
        resources={**plan.resources, "glossary": terms},
        backends=plan.backends,
        run_qa=plan.run_qa,
        fingerprints=plan.fingerprints,
    )
    article.meta["build_key"] = key
    if (nothing := _writes_no_translation(article, plan, outcome.path)) is not None:
        outcome.fail(nothing)
        return
    edited = None if force else edited_document(article.id, plan.out_dir, key, log)
    if edited is not None:
        rewrite_edited(plan, outcome, edited)
        return
    if not force and is_up_to_date(article.id, plan.out_dir, key, config, log):
        outcome.status = UP_TO_DATE
        return
    try:
        segmented = segment_article(article, config.segment)
    except PipelineError as exc:
        outcome.fail(exc)
        return
    doc = plan.out_dir / f"{article.id}.json"
    # read safely (a named pipe there would hang); is_up_to_date said if it is no document
    previous = previous_document(doc, log, unreadable_said=not force)
    _warn_replaced(previous, article, plan.out_dir, log)
    # post-edits of unchanged segments survive a rerun (pipeline.interchange)
    carry_human_edits(segmented, previous, log)
    plan.jobs.append(Job(len(plan.outcomes) - 1, segmented))


def _writes_no_translation(article: Article, plan: Plan, path: str) -> ConfigError | None:
    """The error when ``[write] formats`` writes no translated output of this input (``["wp"]``
    for a text file: only the document, which the list does not name), so the run said
    "translated" with nothing a reader gets (review37 P3); else None."""
    formats = plan.config.write.formats
    # the article's own target_langs are set when it is translated: the run's are meant
    paths = output_paths(article.id, plan.out_dir, plan.targets, article)
    if "json" in formats or any(k.partition(":")[0] in formats for k in paths if k != "json"):
        return None
    listed = ", ".join(f'"{f}"' for f in formats)
    return ConfigError(
        f"{path}: [write] formats = [{listed}] writes no translation of this input, only "
        "its document JSON (wp applies to WordPress post input only); add txt, md, html or "
        "jsonl to [write] formats (or json, for the document alone)"
    )


def _warn_replaced(
    previous: Article | None, article: Article, out: Path, log: Callable[[str], None]
) -> None:
    """One warning line when the outputs being replaced came from another input file.

    Two inputs with the same file name in different folders share an article id;
    within one run that is refused, across runs the later one replaces the
    earlier one's outputs, which the user should hear about.
    """
    before = previous.meta.get("source_path") if previous is not None else None
    now = article.meta.get("source_path")
    # the same file given relative or absolute, through a link: one input (paths as
    # given are resolved against this run's folder, the best that can be known)
    if before and now and resolved_or_none(before) != resolved_or_none(now):
        log(
            f"mtpipe: warning: {now}: its outputs replace those of {before} in {out} "
            f"(both are article {article.id!r}); rename one of the inputs to keep both"
        )


def _refuse_duplicate(seen: dict[str, str], article_id: str, path: str) -> None:
    """Two inputs with one article id would overwrite each other's outputs: usage error."""
    first = seen.setdefault(article_id, path)
    if first != path:
        raise UsageError(
            f"{first} and {path} are both article {article_id!r} and would overwrite each "
            "other's outputs; rename one or translate them in separate runs"
        )


def _refuse_out_in_inputs(out: Path, files: Sequence[Path]) -> None:
    """An output folder holding an input would overwrite it or read outputs back as inputs."""
    root = resolved(out, OutputError)
    for f in files:
        if (real := resolved_or_none(f)) is not None and real.parent == root:
            raise UsageError(
                f"--out {out} is the folder of input {f}; outputs would overwrite or be read "
                "as inputs; choose another output folder"
            )
