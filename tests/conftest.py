"""Shared fixtures: the sample page, tiny offline Marian models, temp output folders."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# One OpenMP thread per process, set before anything imports torch (subprocesses inherit it).
# Two xdist workers on a 2-core machine shared with other jobs oversubscribe the CPUs with
# torch's default of one thread per core, and its barrier waits then stall every op for a
# scheduler slice: a tiny-model batch run (tests/test_run.py) took 765 s wall / 84 s CPU with
# the default and 62 s / 20 s with one thread on the same loaded machine. Tests measure
# behaviour, not speed; an explicit OMP_NUM_THREADS in the environment still wins.
os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "examples" / "kim-belousov.it.txt"


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The scraped sample page shipped in examples/ (tests never read ../shared)."""
    return SAMPLE


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory) -> dict[str, Path]:
    """Tiny random Marian models for it-en and it-fr, built once per test session.

    They load through exactly the same ``from_pretrained`` path as a downloaded
    opus-mt folder; their output is noise. Under pytest-xdist every worker has
    its own base temp folder inside one shared per-session root: the first
    worker builds the models there (under a file lock) and the others reuse
    them, so a session builds them once however many workers run. Tests must
    not modify these folders (copy them first).
    """
    from filelock import FileLock

    from pipeline.models import build_tiny

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    root = shared / "tiny-models"
    with FileLock(str(shared / "tiny-models.lock")):
        models = {}
        for pair in ("it-en", "it-fr"):
            folder = root / pair
            # build_tiny renames a complete folder into place, so config.json means finished.
            models[pair] = folder if (folder / "config.json").is_file() else None
            models[pair] = models[pair] or build_tiny(folder, pair=pair)
    return models


@pytest.fixture
def fake_backend():
    """A factory for a model-free backend on the shared translator base.

    ``fake_backend(mangle, glossary=None, pair="it-en")``: its "translation" of
    a text is ``mangle(model input)``, so tests can drop, duplicate, reorder and
    mangle placeholders the way a real model might. ``.inputs`` records every
    text the model saw. Special tokens are those of an opus-mt tokenizer.
    """
    from pipeline.config import TranslateSettings
    from pipeline.models.local import ModelInfo
    from pipeline.translate.base import BaseTranslator

    class FakeBackend(BaseTranslator):
        backend = "fake"

        def __init__(self, mangle, glossary=None, pair="it-en"):
            info = ModelInfo(model_id="fake/model", revision="r1")
            super().__init__(Path("."), pair, TranslateSettings(), info, glossary)
            self.mangle = mangle
            self.inputs: list[str] = []

        def special_tokens(self) -> list[str]:
            return ["</s>", "<pad>", "<unk>"]

        def _load(self) -> None:
            pass

        def _encode(self, texts: list[str]) -> list[list[int]]:
            self.inputs.extend(texts)
            return [[len(self.inputs) - len(texts) + i, 0] for i in range(len(texts))]

        def _run(self, batches):
            for batch in batches:
                yield [self.mangle(self.inputs[ids[0]]) for ids in batch]

    return FakeBackend


@pytest.fixture(scope="module")
def ray_local():
    """One local Ray instance with 2 CPUs for a test module (starting one takes seconds).

    Skipped only when Ray is not installed (``pip install '.[ray]'``). Workers
    inherit this process's environment, so they import the same ``pipeline``.
    """
    ray = pytest.importorskip("ray", reason="ray is not installed (pip install '.[ray]')")
    import logging

    ray.init(
        num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING
    )
    yield ray
    ray.shutdown()
