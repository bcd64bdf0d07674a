"""Fetch registry models from the Hugging Face hub with ``huggingface_hub``, at pinned revisions."""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import ModelError
from pipeline.models.local import WEIGHTS, missing_files, write_marker
from pipeline.models.registry import is_commit_sha, spec_for

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
    Any hub or network failure becomes a :class:`ModelError` with one sentence.
    """
    spec = spec_for(pair)
    target = Path(models_dir) / spec.folder
    try:
        from huggingface_hub import HfApi, snapshot_download

        info = HfApi().model_info(spec.model_id, revision=spec.revision)
        sha = spec.revision if spec.pinned else str(info.sha)
        names = {s.rfilename for s in info.siblings or []}
        weights = next((w for w in WEIGHTS if w in names), WEIGHTS[0])
        target.mkdir(parents=True, exist_ok=True)
        snapshot_download(
            spec.model_id,
            revision=sha,
            local_dir=target,
            allow_patterns=[*FILES, weights],
        )
    except Exception as exc:  # hub, network and filesystem errors all mean "not fetched"
        raise ModelError(
            f"could not fetch {spec.model_id} (revision {spec.revision}) from the Hugging Face "
            f"hub ({type(exc).__name__}: {_first_line(exc)}); check the network, or download the "
            f"repository elsewhere and copy its files into {target.resolve()}"
        ) from None
    missing = missing_files(target)
    if missing:
        raise ModelError(
            f"{spec.model_id} at {sha} was downloaded into {target} but lacks {', '.join(missing)}"
        )
    write_marker(
        target,
        {
            "model_id": spec.model_id,
            "revision": sha,
            "pair": pair,
            "tiny": False,
            "pinned_in_registry": is_commit_sha(spec.revision),
        },
    )
    return target


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else "no detail"
