"""Translation models: the registry, fetching, local folders, tiny test models, conversion.

Light to import: torch, transformers, huggingface_hub and ctranslate2 are imported
inside the functions that need them, so commands that only check a folder stay fast.
"""

from __future__ import annotations

from pipeline.models.convert import CT2_SUBDIR, convert_ct2, ct2_model_dir
from pipeline.models.fetch import fetch
from pipeline.models.local import (
    MARKER,
    ModelInfo,
    missing_files,
    model_info,
    resolve_model_dir,
)
from pipeline.models.registry import ModelSpec, load_registry, spec_for, split_pair
from pipeline.models.tiny import SHAPES, build_tiny

__all__ = [
    "CT2_SUBDIR",
    "MARKER",
    "SHAPES",
    "ModelInfo",
    "ModelSpec",
    "build_tiny",
    "convert_ct2",
    "ct2_model_dir",
    "fetch",
    "load_registry",
    "missing_files",
    "model_info",
    "resolve_model_dir",
    "spec_for",
    "split_pair",
]
