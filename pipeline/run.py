"""Run the whole pipeline over files: read -> segment -> translate -> localise -> qa -> write.

This is the library API under ``mtpipe translate`` and ``make translate``.
It is incremental (an article whose input, settings and models are unchanged
since its document JSON was written is skipped without loading a model),
resilient (a bad input file is reported and the others still run) and
resumable (articles are written as each group finishes, atomically, and the
translation memory is committed batch by batch, so a killed run loses at most
the group in flight and a rerun redoes no finished article).
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.atomic import remove_stale_temps
from pipeline.config import Config
from pipeline.document import Article
from pipeline.errors import InputError, PipelineError, UsageError
from pipeline.glossary import load_glossary
from pipeline.interchange.carry import carry_human_edits, previous_document
from pipeline.read import read_article
from pipeline.readers import input_suffixes
from pipeline.write import output_paths, write_article

INPUT_SUFFIXES = input_suffixes()


@dataclass
class FileResult:
    path: str
    article_id: str | None = None
    status: str = "pending"  # translated | up-to-date | failed
    error: str | None = None
    error_type: type[PipelineError] = PipelineError
    outputs: list[str] = field(default_factory=list)
    findings: dict[str, int] = field(default_factory=dict)


@dataclass
class RunReport:
    results: list[FileResult] = field(default_factory=list)
    models_loaded: list[str] = field(default_factory=list)
    tiny_models: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)


def expand_inputs(paths: Sequence[str | Path]) -> list[Path]:
    """Files as given, folders expanded to their article files (sorted)."""
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.iterdir() if f.is_file() and f.suffix in INPUT_SUFFIXES)
            if not found:
                raise InputError(
                    f"{p}: folder holds no article files ({', '.join(INPUT_SUFFIXES)})"
                )
            files.extend(found)
        else:
            files.append(p)
    return files


def parse_model_dirs(specs: Sequence[str]) -> dict[str, Path]:
    """``["it-en=models/x"]`` -> ``{"it-en": Path("models/x")}``."""
    dirs: dict[str, Path] = {}
    for spec in specs:
        pair, sep, path = spec.partition("=")
        if not sep or "-" not in pair or not path:
            raise UsageError(
                f"--model-dir expects PAIR=PATH such as it-en=models/opus-mt-it-en, got {spec!r}"
            )
        dirs[pair.strip()] = Path(path.strip())
    return dirs


def _fingerprint_dir(path: Path) -> dict[str, Any]:
    """Cheap identity of a model folder: its config and file sizes and mtimes."""
    info: dict[str, Any] = {"path": str(path.resolve())}
    for f in sorted(path.glob("*")) if path.is_dir() else []:
        if f.is_file():
            st = f.stat()
            info[f.name] = [st.st_size, int(st.st_mtime)]
    return info


def build_key(
    input_sha256: str,
    config: Config,
    model_dirs: dict[str, Path],
    targets: Sequence[str],
    resources: dict[str, str] | None = None,
) -> str:
    """Hash of everything an article's outputs depend on (input, settings, models, version).

    ``resources`` holds content digests of other files that change the outputs
    (``glossary``: the entries the article contains, see Glossary.matched_digest).
    """
    payload = {
        "resources": dict(sorted((resources or {}).items())),
        "version": __version__,
        "input": input_sha256,
        "targets": list(targets),
        "config": {
            k: asdict(getattr(config, k))
            for k in ("read", "segment", "translate", "localise", "qa")
        },
        "models": {pair: _fingerprint_dir(p) for pair, p in sorted(model_dirs.items())},
    }
    blob = json.dumps(payload, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:20]


def _up_to_date(article_id: str, out_dir: Path, key: str, config: Config) -> bool:
    """True when the document JSON carries ``key`` and every expected output exists."""
    paths = output_paths(article_id, out_dir, config.translate.targets)
    try:
        data = json.loads(paths["json"].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    formats = {*config.write.formats, "json"}
    expected = [p for name, p in paths.items() if name.partition(":")[0] in formats]
    return data.get("meta", {}).get("build_key") == key and all(p.exists() for p in expected)


def check_targets(targets: Sequence[str], source_lang: str) -> list[str]:
    """Target languages, deduplicated; none, or the source language itself, is a usage error."""
    unique = list(dict.fromkeys(t for t in targets if t))
    if not unique:
        raise UsageError("no target language given; use --to en,fr or [translate] targets")
    if source_lang in unique:
        raise UsageError(
            f"target {source_lang!r} is the source language; the source text is kept anyway"
        )
    return unique


def resolve_model_dirs(
    config: Config, targets: Sequence[str], source_lang: str, overrides: dict[str, Path]
) -> dict[str, Path]:
    """Folder of every needed pair; a missing model raises ModelNotFoundError now, not mid-run."""
    from pipeline.models import resolve_model_dir

    models_dir = Path(config.translate.models_dir)
    return {
        f"{source_lang}-{t}": resolve_model_dir(
            f"{source_lang}-{t}", models_dir, overrides.get(f"{source_lang}-{t}")
        )
        for t in targets
    }


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
    log(f"warning: {path}: {note}")


def translate_files(
    paths: Sequence[str | Path],
    config: Config,
    out_dir: str | Path,
    *,
    model_dirs: dict[str, Path] | None = None,
    use_memory: bool = True,
    run_qa: bool = True,
    force: bool = False,
    progress: bool = False,
    log: Callable[[str], None] = lambda msg: print(msg, file=sys.stderr),
) -> RunReport:
    """Translate article files into ``out_dir``; see the module docstring."""
    from pipeline.localise import localise_article
    from pipeline.segment import segment_article

    out = Path(out_dir)
    source_lang = config.read.source_lang
    targets = check_targets(config.translate.targets, source_lang)
    report = RunReport()
    glossary = load_glossary(config.qa.glossary)  # validated before any work starts
    dirs = resolve_model_dirs(config, targets, source_lang, model_dirs or {})
    remove_stale_temps(out)

    pending: list[tuple[FileResult, Article]] = []
    for path in expand_inputs(paths):
        result = FileResult(path=str(path))
        report.results.append(result)
        try:
            article = read_article(path, source_lang=source_lang, max_bytes=config.read.max_bytes)
            if article.source_lang != source_lang:
                raise InputError(
                    f"{path}: the article is in {article.source_lang!r} but this run translates "
                    f"from {source_lang!r}; use --source-lang {article.source_lang}"
                )
            _check_language(article, path, config.read.language_check, log)  # qa hook
        except InputError as exc:
            result.status, result.error, result.error_type = "failed", str(exc), type(exc)
            continue
        result.article_id = article.id
        terms = glossary.matched_digest((b.text for b in article.blocks), source_lang, targets)
        key = build_key(article.meta["input_sha256"], config, dirs, targets, {"glossary": terms})
        article.meta["build_key"] = key
        if not force and _up_to_date(article.id, out, key, config):
            result.status = "up-to-date"
            continue
        segmented = segment_article(article, config.segment)
        carry_human_edits(segmented, previous_document(out / f"{article.id}.json"))  # postedit
        pending.append((result, segmented))

    if not pending:
        return report

    translators = _load_translators(config, targets, source_lang, dirs, report, log, glossary)
    memory = _open_memory(config) if use_memory else None
    from tqdm import tqdm

    bar = tqdm(total=len(pending), unit="article", desc="articles", disable=not progress)
    try:
        for group in _groups(pending, config.translate.group_segments):
            _translate_group(
                group, translators, memory, config, out, run_qa, progress, localise_article
            )
            bar.update(len(group))
    finally:
        bar.close()
        if memory is not None:
            memory.close()
    report.models_loaded = [t for t, tr in translators.items() if getattr(tr, "loaded", True)]
    return report


def _groups(
    pending: list[tuple[FileResult, Article]], limit: int
) -> list[list[tuple[FileResult, Article]]]:
    """Split articles into groups of about ``limit`` segments, translated and written together.

    Grouping batches distinct sentences of several articles together, while
    finished articles are written (and survive a kill) as each group completes.
    """
    groups: list[list[tuple[FileResult, Article]]] = [[]]
    size = 0
    for item in pending:
        n = len(item[1].text_segments())
        if groups[-1] and size + n > limit:
            groups.append([])
            size = 0
        groups[-1].append(item)
        size += n
    return groups


def _load_translators(config, targets, source_lang, dirs, report, log, glossary) -> dict[str, Any]:
    from pipeline.translate import load_translator

    translators = {}
    for t in targets:
        pair = f"{source_lang}-{t}"
        tr = load_translator(pair, config.translate, dirs[pair], glossary)
        if tr.signature().get("tiny"):
            report.tiny_models.append(pair)
            log(
                f"mtpipe: warning: {pair} uses a tiny random model ({dirs[pair]}): "
                "its output is noise"
            )
        translators[t] = tr
    return translators


def _open_memory(config: Config):
    if not config.memory.enabled:
        return None
    from pipeline.memory import TranslationMemory

    return TranslationMemory(config.memory.path)


def _translate_group(
    group, translators, memory, config, out, run_qa, progress, localise_article
) -> None:
    from pipeline.translate import translate_articles

    articles = [a for _, a in group]
    translate_articles(articles, translators, memory=memory, progress=progress)
    for result, article in group:
        try:
            localise_article(article, config.localise)
            if run_qa and config.qa.enabled:
                from pipeline.qa import run_qa as qa_stage

                qa_stage(article, config.qa)
                for seg in article.segments():
                    for f in seg.findings:
                        result.findings[f.severity] = result.findings.get(f.severity, 0) + 1
            result.outputs = [
                str(p) for p in write_article(article, out, {*config.write.formats, "json"})
            ]
            result.status = "translated"
        except PipelineError as exc:
            result.status, result.error, result.error_type = "failed", str(exc), type(exc)
