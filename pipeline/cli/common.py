"""Helpers shared by CLI command modules (config loading with flag overrides)."""

from __future__ import annotations

import argparse
from typing import Any

from pipeline.config import Config, load_config


def config_from_args(args: argparse.Namespace, overrides: dict[str, Any] | None = None) -> Config:
    """Load the settings file named by ``--config`` and apply CLI overrides."""
    return load_config(getattr(args, "config", None), overrides)


def split_list(value: str | None) -> tuple[str, ...] | None:
    """``"en,fr"`` -> ``("en", "fr")``; None stays None."""
    if value is None:
        return None
    return tuple(v.strip() for v in value.split(",") if v.strip())
