"""The build key: a hash of everything an article's outputs depend on.

An article whose document JSON carries the current key (and whose outputs all
exist) is up to date and skipped without loading a model. The key covers the
input's digest, the settings that change outputs (not those that only change
speed or where things are), the backend each pair resolves to, each model
folder's files, the CONTENT of every resource a stage reads (gettext catalogs by
their entries, not their comments or references; QA length calibration, the
page-chrome line patterns, and the glossary entries the article contains), whether
QA ran, the targets and the mtpipe version.
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

    Its translated entries (msgctxt, msgid, msgstr or plural forms; a fuzzy or incomplete
    entry is not rendered, so it is not there) and the plural rule, as page chrome and
    the templates read them (:func:`pipeline.localise.catalogs.load_entries`: Babel's
    parse, kept in mtpipe's cache, so a warm run does not import Babel here).
    ``make catalogs-update`` rewrites source references (``base.html:25`` -> ``:31``),
    comments and ``POT-Creation-Date`` without changing a page, and hashing the bytes
    put every article out of date. A catalog Babel cannot read keeps its bytes' digest:
    the stage that reads it reports the error.
    """
    from pipeline.errors import CatalogError
    from pipeline.localise.catalogs import load_entries

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
    """Cheap identity of a model folder: its path and each file's size and mtime (recursive)."""
    info: dict[str, Any] = {"path": str(path.resolve())}
    for f in sorted(path.rglob("*")) if path.is_dir() else []:
        if f.is_file():
            st = f.stat()
            info[str(f.relative_to(path))] = [st.st_size, int(st.st_mtime)]
    return info


def model_fingerprints(model_dirs: Mapping[str, Path]) -> dict[str, Any]:
    """Each pair's model folder identity, by pair: what :func:`build_key` hashes for the models.

    The plan computes it once per run (it stats every model file: about 0.5 ms per
    folder) instead of once per article.
    """
    return {pair: _fingerprint_dir(p) for pair, p in sorted(model_dirs.items())}


def resource_digests() -> dict[str, str]:
    """Content digest of every resource file a stage reads, by name.

    ``catalog:<lang>/<domain>.po`` for each gettext catalog (localise, read; by
    :func:`catalog_digest`, what its entries say),
    ``qa_calibration`` for the QA length model and thresholds, ``chrome_lines`` for the
    patterns of page chrome no catalog knows (read). Computed once
    per run by the plan, which adds ``glossary``: the digest of the glossary
    entries each article contains (:meth:`pipeline.glossary.Glossary.matched_digest`).
    """
    from pipeline.localise.boilerplate import CHROME_LINES
    from pipeline.localise.catalogs import LOCALE_DIR
    from pipeline.qa.resources import CALIBRATION

    digests = {
        f"catalog:{po.parent.parent.name}/{po.name}": catalog_digest(po)
        for po in sorted(Path(LOCALE_DIR).glob("*/LC_MESSAGES/*.po"))
    }
    digests["qa_calibration"] = _digest(CALIBRATION)
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
