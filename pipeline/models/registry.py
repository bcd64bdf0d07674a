"""The model registry (``pipeline/defaults/models.toml``): which repository and revision
serve a pair."""

from __future__ import annotations

import re
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
            f"translate into languages: the {parts[0]}-{parts[1]} model writes {parts[1]}; use "
            f"{parts[1]!r} (e.g. --to {parts[1]}; `catalogs fill --lang {parts[1]}_{parts[2]}` "
            f"fills a regional catalog with that model)"
        )
    src, sep, tgt = pair.partition("-")
    # each side names a language (or an opus-mt group such as ROMANCE), never a path:
    # the pair becomes a model folder name and a config language (`it-../x` was let through)
    if not sep or not _LANG_PART.fullmatch(src) or not _LANG_PART.fullmatch(tgt):
        raise UsageError(f"language pair {pair!r} must look like SRC-TGT, e.g. it-en")
    return src, tgt


_LANG_PART = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,15}")


def load_registry(path: Path = REGISTRY_PATH) -> dict[str, ModelSpec]:
    """Read the registry; a broken file is a configuration error naming the file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"model registry {path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"model registry {path} is not valid TOML: {exc}") from None
    pairs = data.get("pairs", {})
    if not isinstance(pairs, dict):
        raise ConfigError(f"model registry {path}: `pairs` must be tables [pairs.SRC-TGT]")
    specs = {pair: _spec(path, pair, entry) for pair, entry in pairs.items()}
    seen: dict[str, str] = {}
    for spec in specs.values():  # a fetch of one pair would replace the other's model
        other = seen.setdefault(spec.folder.lower(), spec.pair)
        if other != spec.pair:
            raise ConfigError(
                f"model registry {path}: [pairs.{other}] and [pairs.{spec.pair}] share the "
                f"folder {spec.folder!r}; give each pair its own folder"
            )
    return specs


def _spec(path: Path, pair: str, entry: object) -> ModelSpec:
    """One ``[pairs.PAIR]`` table as a ModelSpec; ConfigError naming the file and field.

    ``folder`` becomes a path under the models folder and ``model_id`` a hub request, so
    each is held to its form: a missing or empty field, a number, ``folder = "../x"`` or
    an absolute path (a fetch would write outside the models folder) are refused.
    """
    where = f"model registry {path}: [pairs.{pair}]"
    try:
        split_pair(pair)
    except UsageError:
        raise ConfigError(f"{where}: the table name must be a pair such as it-en") from None
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a table with model_id, revision and folder")
    fields = {}
    for name in ("model_id", "revision", "folder"):
        value = entry.get(name)
        if not isinstance(value, str) or not value.strip():
            what = "is missing" if value is None else f"= {value!r} is not a non-empty string"
            raise ConfigError(f"{where}: {name} {what}; it needs model_id, revision and folder")
        fields[name] = value.strip()
    if not _FOLDER.fullmatch(fields["folder"]):
        raise ConfigError(
            f"{where}: folder = {fields['folder']!r} must be one folder name under the models "
            "folder (letters, digits, '.', '_', '-'; no '/' or '..')"
        )
    if not _MODEL_ID.fullmatch(fields["model_id"]):
        raise ConfigError(f"{where}: model_id = {fields['model_id']!r} is no hub id (OWNER/NAME)")
    return ModelSpec(pair=pair, **fields)


_FOLDER = re.compile(r"[A-Za-z0-9_][A-Za-z0-9._-]{0,99}")
_MODEL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*")


def spec_for(pair: str, path: Path = REGISTRY_PATH) -> ModelSpec:
    """The registry entry for ``pair``; an unknown pair lists the known ones."""
    split_pair(pair)
    specs = load_registry(path)
    if pair not in specs:
        raise UsageError(
            f"no model registered for {pair} in {path}; registered pairs: {', '.join(specs)}"
        )
    return specs[pair]
