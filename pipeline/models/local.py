"""Local model folders: completeness checks, resolution, and the identity marker.

A usable folder holds what a downloaded Helsinki-NLP opus-mt repository holds
(config, weights, source/target sentencepiece models, the joint vocabulary).
``mtpipe-model.json`` (written by ``fetch`` and ``build_tiny``) records which
model and revision the folder holds, so every output signature can name them.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import ModelNotFoundError
from pipeline.models.registry import ModelSpec, load_registry, split_pair

MARKER = "mtpipe-model.json"
REQUIRED = ("config.json", "source.spm", "target.spm", "vocab.json")
WEIGHTS = ("model.safetensors", "pytorch_model.bin")
TINY_NOTE = "tiny random model: its output is noise (for tests and offline smoke tests only)"


@dataclass(frozen=True)
class ModelInfo:
    """Who a model folder is: id, revision (commit sha when known) and whether it is tiny."""

    model_id: str
    revision: str
    tiny: bool = False
    note: str = ""


def missing_files(folder: Path) -> list[str]:
    """Names of the files a Marian folder lacks (empty when complete)."""
    missing = [name for name in REQUIRED if not (folder / name).is_file()]
    if not any((folder / name).is_file() for name in WEIGHTS):
        missing.append(" or ".join(WEIGHTS))
    return missing


def resolve_model_dir(pair: str, models_dir: Path, override: Path | None = None) -> Path:
    """The complete model folder for ``pair``, or a one-sentence ModelNotFoundError.

    ``override`` (``--model-dir it-en=PATH``) replaces the registry folder under
    ``models_dir``. There is never a fall-back to another model.
    """
    split_pair(pair)
    spec = load_registry().get(pair)
    folder = Path(override) if override is not None else None
    if folder is None:
        if spec is None:
            raise ModelNotFoundError(
                f"no model is registered for {pair} (models/registry.toml) and no model folder "
                f"was given; pass --model-dir {pair}=PATH"
            )
        folder = Path(models_dir) / spec.folder
    missing = missing_files(folder)
    if not missing:
        return folder
    raise ModelNotFoundError(_missing_message(pair, spec, folder, missing))


def _missing_message(pair: str, spec: ModelSpec | None, folder: Path, missing: list[str]) -> str:
    where = folder.resolve()
    what = "does not exist" if not folder.exists() else f"lacks {', '.join(missing)}"
    if spec is None:
        return (
            f"the model folder {where} for {pair} {what}; copy a complete Marian model "
            f"(config.json, weights, source.spm, target.spm, vocab.json) into it"
        )
    return (
        f"model {spec.model_id} for {pair} is not available: {where} {what}; "
        f"fetch it with `make models` or `mtpipe models fetch {pair}`, "
        f"or copy a downloaded {spec.model_id} folder into {where}"
    )


def model_info(folder: Path, pair: str) -> ModelInfo:
    """Identity of the model in ``folder``: the marker, else hub metadata, else the registry."""
    marker = folder / MARKER
    if marker.is_file():
        data = json.loads(marker.read_text(encoding="utf-8"))
        return ModelInfo(
            model_id=str(data["model_id"]),
            revision=str(data["revision"]),
            tiny=bool(data.get("tiny", False)),
            note=str(data.get("note", "")),
        )
    spec = load_registry().get(pair)
    model_id = spec.model_id if spec else f"local:{folder.name}"
    return ModelInfo(model_id=model_id, revision=_hub_commit(folder) or "unknown")


def _hub_commit(folder: Path) -> str | None:
    """Commit sha that ``huggingface_hub`` recorded for a ``local_dir`` download, if any."""
    meta = folder / ".cache" / "huggingface" / "download" / "config.json.metadata"
    if meta.is_file():
        first = meta.read_text(encoding="utf-8").splitlines()[:1]
        return first[0].strip() if first else None
    return None


def write_marker(folder: Path, info: dict) -> None:
    """Write ``mtpipe-model.json`` atomically (temp file + rename)."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".marker-", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(info, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
    publish(Path(tmp))
    os.replace(tmp, folder / MARKER)


def publish(path: Path) -> None:
    """Give a temp file or folder normal permissions (mkstemp/mkdtemp make them private)."""
    umask = os.umask(0)
    os.umask(umask)
    paths = [path, *path.rglob("*")] if path.is_dir() else [path]
    for p in paths:
        p.chmod((0o777 if p.is_dir() else 0o666) & ~umask)
