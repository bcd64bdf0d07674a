"""Helpers shared by CLI command modules (config loading with flag overrides)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from pipeline.config import Config, load_config
from pipeline.errors import UsageError


def config_from_args(args: argparse.Namespace, overrides: dict[str, Any] | None = None) -> Config:
    """Load the settings file named by ``--config`` and apply CLI overrides."""
    return load_config(getattr(args, "config", None), overrides)


def split_list(value: str | None) -> tuple[str, ...] | None:
    """``"en,fr"`` -> ``("en", "fr")``; None stays None."""
    if value is None:
        return None
    return tuple(v.strip() for v in value.split(",") if v.strip())


def parse_model_dirs(specs: list[str]) -> dict[str, Path]:
    """``["it-en=models/x"]`` -> ``{"it-en": Path("models/x")}``; UsageError when malformed."""
    dirs: dict[str, Path] = {}
    for spec in specs:
        pair, sep, path = spec.partition("=")
        if not sep or "-" not in pair or not path:
            raise UsageError(
                f"--model-dir expects PAIR=PATH such as it-en=models/opus-mt-it-en, got {spec!r}"
            )
        dirs[pair.strip()] = Path(path.strip())
    return dirs
