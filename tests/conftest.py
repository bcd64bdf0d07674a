"""Shared fixtures: the sample page, tiny offline Marian models, temp output folders."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "kim-belousov.it.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The scraped sample page shipped in examples/ (tests never read ../shared)."""
    return SAMPLE


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory) -> dict[str, Path]:
    """Tiny random Marian models for it-en and it-fr, built on the fly.

    They load through exactly the same ``from_pretrained`` path as a downloaded
    opus-mt folder; their output is noise.
    """
    from pipeline.models import build_tiny

    root = tmp_path_factory.mktemp("tiny-models")
    return {pair: build_tiny(root / pair, pair=pair) for pair in ("it-en", "it-fr")}
