"""Shared fixtures: the sample page, tiny offline Marian models, temp output folders."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
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


@pytest.fixture(scope="session")
def qa_worker():
    """One QA helper process (pipeline.qa.worker) for the session, warmed for it -> en, fr."""
    from pipeline.config import QASettings
    from pipeline.qa.worker import QAWorker

    worker = QAWorker("it", ["en", "fr"], QASettings())
    yield worker
    worker.close()


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


NEWS_SENTENCES = [
    "La Borsa di Praga ha chiuso in calo.",
    "Il governo ha approvato la legge di bilancio.",
    "Gli analisti prevedono una crescita del 3,5 per cento.",
    "Il ministro ha incontrato il suo omologo a Roma.",
    "La banca centrale ha lasciato invariati i tassi.",
    "Le esportazioni sono salite a 10.000 tonnellate in aprile.",
    "Il sindaco ha inaugurato la nuova linea del tram.",
]


@pytest.fixture(scope="session")
def write_news():
    """``write_news(folder, count)``: small page-text articles ``art00.txt`` ... in ``folder``.

    Each has a title, a paragraph of three sentences and a closing line; sentences
    recur across articles, so later articles find earlier translations in the memory.
    """

    def write(folder: Path, count: int) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for n in range(count):
            body = " ".join(NEWS_SENTENCES[(n + k) % len(NEWS_SENTENCES)] for k in range(3))
            text = f"Notizia numero {n} dal mondo\n\n{body}\n\nIl paragrafo {n} chiude.\n"
            (folder / f"art{n:02d}.txt").write_text(text, encoding="utf-8")
        return folder

    return write


@pytest.fixture(scope="module")
def ray_and_local_runs(ray_local, tiny_models, tmp_path_factory, write_news):
    """Six articles translated once by the local runner and once by the Ray runner.

    Each article ends with one sentence holding a URL, the same in every article:
    the tiny models drop its placeholder, so its output is repaired, and later
    groups serve the repaired output from the memory with its finding.

    Settings: greedy, groups of about 6 segments (several groups), one actor per
    pair, a fresh memory per runner. Returns a dict: ``inputs``, ``config`` (the
    Ray run's), ``out`` and ``memory`` per runner name, ``result`` per runner name
    and ``runner`` (the RayRunner, with its stats).
    """
    from pipeline.config import load_config
    from pipeline.runners import RunOptions, get_runner, make_plan

    root = tmp_path_factory.mktemp("ray-vs-local")
    inputs = write_news(root / "in", 6)
    for path in inputs.iterdir():  # a recurring URL: the tiny models drop it, mtpipe repairs
        with path.open("a", encoding="utf-8") as f:  # it and the memory keeps the repair
            f.write("\nI dati sono su https://example.com/dati oggi.\n")
    runs: dict = {"inputs": inputs, "out": {}, "memory": {}, "result": {}}
    for name in ("local", "ray"):
        cfg = root / f"{name}.toml"
        cfg.write_text(
            "[translate]\nnum_beams = 1\ngroup_segments = 6\n"
            f'[memory]\npath = "{root / name}.sqlite"\n[ray]\npool_size = 1\n',
            encoding="utf-8",
        )
        config = load_config(cfg)
        runs["out"][name], runs["memory"][name] = root / f"out-{name}", root / f"{name}.sqlite"
        plan = make_plan([inputs], config, runs["out"][name], model_dirs=tiny_models)
        runner = get_runner(name)
        options = RunOptions(model_dirs=tiny_models, log=lambda _m: None)
        runs["result"][name] = runner.run(plan, options)
    runs["config"], runs["runner"] = config, runner
    return runs


@pytest.fixture(scope="session")
def fresh_python() -> Callable[[str], str]:
    """Run Python ``code`` in a new interpreter (what a run imports starts from nothing);
    return its stdout, stripped. A failing snippet fails the test with its stderr."""

    def run(code: str) -> str:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert out.returncode == 0, out.stderr
        return out.stdout.strip()

    return run
