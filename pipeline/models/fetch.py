"""Fetch registry models from the Hugging Face hub with ``huggingface_hub``, at pinned revisions."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from pipeline.atomic import OutputSetting, output_setting, publish, write_error_fix, write_failure
from pipeline.errors import ModelError, OutputError
from pipeline.models.convert import ct2_model_dir, ct2_problem
from pipeline.models.local import (
    MARKER,
    WEIGHTS,
    missing_files,
    read_marker,
    real_folder,
    replace_folder,
    weights_stamp,
    write_marker,
)
from pipeline.models.registry import ModelSpec, is_commit_sha, spec_for

# What a Marian folder needs; the weights file is chosen per repository (safetensors first).
FILES = (
    "config.json",
    "generation_config.json",
    "source.spm",
    "target.spm",
    "vocab.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "README.md",
)


def fetch(pair: str, models_dir: Path) -> Path:
    """Download the registry model for ``pair`` into ``models_dir/<folder>``; return the folder.

    A branch revision ("main") is first resolved to its commit sha, the files are
    downloaded at that sha, and the sha is recorded in ``mtpipe-model.json``.
    The download goes to a temp folder beside the target that replaces it only when
    complete: a lost network or a full disk leaves the earlier folder as it was, never
    a mix of two revisions. A CTranslate2 conversion is kept only when the revision
    is the same (else it would translate with the old weights). A hub or network
    failure becomes a :class:`ModelError` with one sentence; one writing the folder (a
    full disk, a read-only mount) an :class:`OutputError` with its fix (exit 1).
    """
    spec = spec_for(pair)
    target = real_folder(Path(models_dir) / spec.folder)
    with output_setting(MODELS_FOLDER):
        tmp = _temp_folder(spec, target)
        try:
            return _fetch_into(spec, pair, tmp, target)
        except OSError as exc:  # a full disk, a read-only folder: the old folder stays
            raise OutputError(
                write_failure(
                    spec.model_id, exc, target, "nothing was changed there", target.parent
                )
            ) from None
        finally:
            shutil.rmtree(tmp, ignore_errors=True)


# The setting that chooses where models go, as a write error's fix names it.
MODELS_FOLDER = OutputSetting(
    "--models-dir", "models folder", "folder", "--models-dir $HOME/mtpipe-models"
)


def _temp_folder(spec: ModelSpec, target: Path) -> Path:
    """The folder beside ``target`` the download goes to; OutputError (the folder, the
    cause and its fix) when it cannot be made."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{spec.folder}.fetch.", dir=target.parent))
    except OSError as exc:
        if target.parent.is_file():
            why, fix = "it is a file", "; give --models-dir a folder"
        else:
            why, fix = exc.strerror or str(exc), write_error_fix(exc, target.parent)
        raise OutputError(f"cannot create the models folder {target.parent} ({why}){fix}") from None


def _fetch_into(spec: ModelSpec, pair: str, tmp: Path, target: Path) -> Path:
    """Download into ``tmp`` and put it in place of ``target``: all of it or nothing."""
    sha = _download(spec, tmp)
    missing = missing_files(tmp)
    if missing:
        raise ModelError(
            f"{spec.model_id} at {sha} lacks {', '.join(missing)}; nothing was changed in {target}"
        )
    # an OSError here is named by fetch() with the models folder, not the temp one
    write_marker(tmp, {**_marker(spec, pair, sha), "weights": weights_stamp(tmp)}, staged=True)
    _keep_conversion(target, tmp, sha)
    publish(tmp)
    replace_folder(tmp, target)
    return target


def _download(spec: ModelSpec, folder: Path) -> str:
    """Download ``spec``'s files at its revision into ``folder``; the commit sha fetched."""
    try:
        from huggingface_hub import HfApi, snapshot_download

        info = HfApi().model_info(spec.model_id, revision=spec.revision)
        sha = spec.revision if spec.pinned else str(info.sha)
        names = {s.rfilename for s in info.siblings or []}
        weights = next((w for w in WEIGHTS if w in names), WEIGHTS[0])
        snapshot_download(
            spec.model_id, revision=sha, local_dir=folder, allow_patterns=[*FILES, weights]
        )
    except Exception as exc:  # hub, network and filesystem errors all mean "not fetched"
        if isinstance(exc, OSError) and exc.errno in _DISK_ERRNOS:
            raise
        raise ModelError(
            f"could not fetch {spec.model_id} (revision {spec.revision}) from the Hugging Face "
            f"hub ({type(exc).__name__}: {_first_line(exc)}); check the network, or download the "
            f"repository elsewhere and copy its files into {folder.parent / spec.folder}"
        ) from None
    return sha


_DISK_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM}


def _marker(spec: ModelSpec, pair: str, sha: str) -> dict:
    return {
        "model_id": spec.model_id,
        "revision": sha,
        "pair": pair,
        "tiny": False,
        "pinned_in_registry": is_commit_sha(spec.revision),
    }


def _keep_conversion(old: Path, new: Path, sha: str) -> None:
    """Carry ``old``'s CTranslate2 conversion into ``new`` when both hold the same revision
    and the conversion is sound (hard links: no copy of the weights)."""
    conversion = ct2_model_dir(old)
    if not conversion.is_dir() or ct2_problem(old) is not None:
        return
    try:
        same = read_marker(old / MARKER).revision == sha
    except ModelError:
        same = False
    if same:
        shutil.copytree(conversion, ct2_model_dir(new), copy_function=_link_or_copy)
        if ct2_problem(new) is not None:  # other weights after all: convert again
            shutil.rmtree(ct2_model_dir(new))


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else "no detail"
