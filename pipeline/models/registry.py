"""The model registry (``pipeline/defaults/models.toml``): which repository and revision serve a pair."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from pipeline.config import DEFAULTS_DIR
from pipeline.errors import ConfigError, UsageError

REGISTRY_PATH = DEFAULTS_DIR / "models.toml"  # package data


@dataclass(frozen=True)
class ModelSpec:
    """One registry entry: ``pair`` is ``src-tgt`` (``it-en``)."""

    pair: str
    model_id: str
    revision: str
    folder: str

    @property
    def pinned(self) -> bool:
        """True when ``revision`` is a full commit sha, so a fetch is reproducible."""
        return is_commit_sha(self.revision)


def is_commit_sha(revision: str) -> bool:
    return len(revision) == 40 and all(c in "0123456789abcdef" for c in revision.lower())


def split_pair(pair: str) -> tuple[str, str]:
    """``"it-en"`` -> ``("it", "en")``; anything else is a usage error."""
    parts = pair.split("-")
    if len(parts) == 3 and all(p.isalpha() for p in parts):  # --to en-GB: it-en-GB
        raise UsageError(
            f"language pair {pair!r}: {parts[1]}-{parts[2]} is a regional variant, and models "
            f"translate into languages; use {parts[1]!r} (e.g. --to {parts[1]})"
        )
    src, sep, tgt = pair.partition("-")
    if not sep or not src or not tgt or "-" in tgt:
        raise UsageError(f"language pair {pair!r} must look like SRC-TGT, e.g. it-en")
    return src, tgt


def load_registry(path: Path = REGISTRY_PATH) -> dict[str, ModelSpec]:
    """Read the registry; a broken file is a configuration error naming the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"model registry {path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"model registry {path} is not valid TOML: {exc}") from None
    specs = {}
    for pair, entry in data.get("pairs", {}).items():
        try:
            specs[pair] = ModelSpec(
                pair=pair,
                model_id=str(entry["model_id"]),
                revision=str(entry["revision"]),
                folder=str(entry["folder"]),
            )
        except (KeyError, TypeError) as exc:
            raise ConfigError(
                f"model registry {path}: [pairs.{pair}] needs model_id, revision and folder "
                f"(missing {exc})"
            ) from None
    return specs


def spec_for(pair: str, path: Path = REGISTRY_PATH) -> ModelSpec:
    """The registry entry for ``pair``; an unknown pair lists the known ones."""
    split_pair(pair)
    specs = load_registry(path)
    if pair not in specs:
        raise UsageError(
            f"no model registered for {pair} in {path}; registered pairs: {', '.join(specs)}"
        )
    return specs[pair]
