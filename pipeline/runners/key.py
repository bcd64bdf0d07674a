"""The build key: a hash of everything an article's outputs depend on.

An article whose document JSON carries the current key (and whose outputs are
those it records, by name and digest: :func:`pipeline.runners.plan.is_up_to_date`) is up
to date and skipped without loading a model. The key covers the
input's digest, the settings that change outputs (not those that only change
speed or where things are), the backend each pair resolves to, each model
folder's files by content (its CTranslate2 conversion with it), the CONTENT of every
resource a stage reads (gettext catalogs by their entries, not their comments or
references; QA length calibration and function-word lists, the page-chrome line
patterns, and the glossary entries the article contains), the human entries of the run's
translation memory for each target pair (the digest the memory keeps,
:func:`pipeline.runners.plan.human_memory`; never its MT entries, which every run adds),
whether QA ran, the targets and the mtpipe version.

What is read, not what lies beside it: a compiled ``.mo`` is no input. No stage of a
translate reads one (page chrome reads the ``.po``'s entries,
:func:`pipeline.langdata.catalogs.load_entries`), and the site bundle, which has no
build key and renders every page each time, compiles the ``.po`` in memory
(:func:`pipeline.langdata.catalogs.translations`). A ``.mo`` out of step with its
``.po`` changes no output, so it puts no article out of date.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.config import Config

KEY_SECTIONS = ("read", "segment", "translate", "localise", "qa")
# Settings that change speed, memory use or where files are, never an output's text.
NO_EFFECT = frozenset(
    {
        "read.max_bytes",
        "translate.models_dir",  # the model folders themselves are fingerprinted
        "translate.threads",
        "translate.ct2_inter_threads",
        "translate.group_segments",
        "qa.report_format",  # only `mtpipe qa` writes the readable report
        "qa.fail_severity",  # decides exit status and gating, read when they are decided
        "qa.worker",  # where QA runs, not what it finds
    }
)


def _digest(path: Path) -> str:
    """sha256 of a file's bytes, or ``missing``."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def catalog_digest(po: Path) -> str:
    """sha256 of what a gettext catalog means for output, not of its bytes.

    Of the ``.po`` alone: its compiled ``.mo`` is read by no stage (module docstring).

    Its translated entries (msgctxt, msgid, msgstr or plural forms; a fuzzy or incomplete
    entry is not rendered, so it is not there) and the plural rule, as page chrome and
    the templates read them (:func:`pipeline.langdata.catalogs.load_entries`: Babel's
    parse, kept in mtpipe's cache, so a warm run does not import Babel here).
    ``make catalogs-update`` rewrites source references (``base.html:25`` -> ``:31``),
    comments and ``POT-Creation-Date`` without changing a page, and hashing the bytes
    put every article out of date. A catalog Babel cannot read keeps its bytes' digest:
    the stage that reads it reports the error.
    """
    from pipeline.errors import CatalogError
    from pipeline.langdata.catalogs import load_entries

    lang, domain = po.parent.parent.name, po.stem
    try:
        entries = load_entries(lang, domain, po.parent.parent.parent)
    except CatalogError:
        return "unreadable:" + _digest(po)
    rows = sorted([e.context or "", _strings(e.id), _strings(e.string)] for e in entries.messages)
    blob = json.dumps([entries.plural_expr, rows], ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()


def _strings(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    """A msgid or msgstr as a list: one string, or a plural entry's forms in order."""
    if isinstance(value, (tuple, list)):
        return [v or "" for v in value]
    return [value or ""]


def _fingerprint_dir(path: Path) -> dict[str, Any]:
    """Identity of a model folder: its path and each file's content stamp (recursive, so
    the ``ctranslate2/`` conversion and its marker, which names the quantization, too).

    Each file was named by its size and modification time in whole seconds: weights
    replaced by others of the same size (a fine-tuned model, a conversion done again)
    within one second, or put back by ``cp -p``, ``rsync -t`` or a tar with older
    times, kept every article up to date with the old model's text. A content stamp
    (:func:`pipeline.cache.content_stamp`) follows the bytes, and a plain copy of the folder
    (new times) changes nothing. The stamps are kept in the cache folder
    (:func:`pipeline.cache.content_stamps`, shared with the models' weights stamp).
    """
    from pipeline.cache import content_stamps

    info: dict[str, Any] = {"path": str(path.resolve())}
    files = [f for f in sorted(path.rglob("*")) if f.is_file()] if path.is_dir() else []
    return {**info, **content_stamps(path, {str(f.relative_to(path)): f for f in files})}


def model_fingerprints(model_dirs: Mapping[str, Path]) -> dict[str, Any]:
    """Each pair's model folder identity, by pair: what :func:`build_key` hashes for the models.

    The plan computes it once per run (a stat of every model file; on a change, a read of
    that file: :func:`pipeline.cache.content_stamps`) instead of once per article.
    """
    return {pair: _fingerprint_dir(p) for pair, p in sorted(model_dirs.items())}


def resource_digests() -> dict[str, str]:
    """Content digest of every resource file a stage reads, by name.

    ``catalog:<lang>/<domain>.po`` for each gettext catalog (localise, read; by
    :func:`catalog_digest`, what its entries say),
    ``qa_calibration`` for the QA length model and thresholds, ``function_words`` for the
    shipped lists the QA checks read (which language a sentence is in, which words are
    names), ``chrome_lines`` for the
    patterns of page chrome no catalog knows (read). Computed once
    per run by the plan, which adds ``glossary``: the digest of the glossary
    entries each article contains (:meth:`pipeline.glossary.Glossary.matched_digest`).
    """
    from pipeline.langdata.catalogs import LOCALE_DIR
    from pipeline.localise.boilerplate import CHROME_LINES
    from pipeline.qa.resources import CALIBRATION, FUNCTION_WORDS

    digests = {
        f"catalog:{po.parent.parent.name}/{po.name}": catalog_digest(po)
        for po in sorted(Path(LOCALE_DIR).glob("*/LC_MESSAGES/*.po"))
    }
    digests["qa_calibration"] = _digest(CALIBRATION)
    # what QA finds goes into the outputs (document JSON, gating), as the calibration does
    digests["function_words"] = _digest(FUNCTION_WORDS)
    # which page lines are chrome (kept verbatim, never MT) changes what is translated
    digests["chrome_lines"] = _digest(CHROME_LINES)
    return digests


def _settings(config: Config) -> dict[str, dict[str, Any]]:
    out = {}
    for name in KEY_SECTIONS:
        values = asdict(getattr(config, name))
        out[name] = {k: v for k, v in values.items() if f"{name}.{k}" not in NO_EFFECT}
    return out


def build_key(
    input_sha256: str,
    config: Config,
    model_dirs: Mapping[str, Path],
    targets: Sequence[str],
    *,
    resources: Mapping[str, str] | None = None,
    backends: Mapping[str, str] | None = None,
    run_qa: bool = True,
    fingerprints: Mapping[str, Any] | None = None,
) -> str:
    """20 hex digits over everything listed in the module docstring.

    ``resources`` (from :func:`resource_digests`) and ``fingerprints`` (from
    :func:`model_fingerprints` of ``model_dirs``) are computed when not given;
    ``backends`` maps a pair to the backend ``auto`` resolved to.
    """
    if fingerprints is None:
        fingerprints = model_fingerprints(model_dirs)
    payload = {
        "version": __version__,
        "input": input_sha256,
        "targets": list(targets),
        "config": _settings(config),
        "models": dict(fingerprints),
        "backends": dict(sorted((backends or {}).items())),
        "resources": dict(resources if resources is not None else resource_digests()),
        "qa": run_qa and config.qa.enabled,
    }
    blob = json.dumps(payload, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:20]
