"""Shared fixtures: the sample page, tiny offline Marian models, temp output folders."""

from __future__ import annotations

import os
import shutil
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
# mtpipe's caches (decoded wordfreq lists, Babel catalog entries: pipeline/qa/frequency.py
# cache_dir) go to the git-ignored test-artifacts/ (`make clean` removes it), not the user's
# ~/.cache: the suite makes one catalog entry file per temporary .po path. Shared by both
# workers and kept between runs, so the wordfreq lists are decoded once, not per run;
# subprocesses inherit it. Tests of the cache itself set their own folder.
os.environ.setdefault("MTPIPE_CACHE_DIR", str(REPO / "test-artifacts" / "cache"))
SAMPLE = REPO / "examples" / "kim-belousov.it.txt"

# The slowest modules, slowest first (the --durations print of `make test`, 2026-12-01; one
# module's tests run on one worker: `make test` uses --dist loadfile --no-loadscope-reorder).
# They are started first: xdist's own order (most tests first) started the Ray module, the
# longest, near the end, and the other worker then waited idle for minutes. Update the list
# when a new module gets slow; the order of the tests inside a module is kept.
SLOW_MODULES_FIRST = (
    "test_runners_ray.py",  # a Ray instance, a Ray and a local run, a killed actor
    "test_run.py",  # kill -9 and two concurrent batches in subprocesses
    "test_cli_translate.py",  # the session's sample translation, beam-4 mixed folder
    "test_packaging.py",  # a wheel built, installed and run
    "test_qa_stage.py",  # QA in its helper process during a translate
    "test_protect.py",
    "test_models.py",  # an opus-shaped random model
    "test_browser.py",  # headless Chromium, where it can start
    "test_readers.py",
    "test_cli_catalogs.py",
    "test_schema.py",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the modules of SLOW_MODULES_FIRST first, in its order; the rest keep theirs."""
    rank = {name: n for n, name in enumerate(SLOW_MODULES_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


@pytest.fixture(scope="session")
def sample_path() -> Path:
    """The scraped sample page shipped in examples/ (tests never read ../shared)."""
    return SAMPLE


def _shared_root(tmp_path_factory) -> Path:
    """The folder every xdist worker of this session sees (the base temp folder without xdist).

    Under pytest-xdist each worker's base temp folder is ``pytest-N/popen-gwK``; their
    parent ``pytest-N`` is one per session, so a file lock there makes "once per session"
    hold across workers.
    """
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def tiny_models(tmp_path_factory) -> dict[str, Path]:
    """Tiny random Marian models for it-en and it-fr, built once per test session.

    They load through exactly the same ``from_pretrained`` path as a downloaded
    opus-mt folder; their output is noise. Under pytest-xdist every worker has
    its own base temp folder inside one shared per-session root: the first
    worker to ask for a pair builds it there (under the pair's file lock) and
    the others reuse it, so a session builds each once however many workers
    run. Workers start with different pairs, so two build both at once. Tests
    must not modify these folders (copy them first).
    """
    from filelock import FileLock

    from pipeline.models import build_tiny

    shared = _shared_root(tmp_path_factory)
    pairs = ["it-en", "it-fr"]
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    start = int(worker[2:]) % len(pairs) if worker[2:].isdigit() else 0
    models = {}
    for pair in pairs[start:] + pairs[:start]:
        folder = shared / "tiny-models" / pair
        with FileLock(str(shared / f"tiny-models-{pair}.lock")):
            # build_tiny renames a complete folder into place, so config.json means finished.
            done = (folder / "config.json").is_file()
            models[pair] = folder if done else build_tiny(folder, pair=pair)
    return {pair: models[pair] for pair in pairs}


@pytest.fixture(scope="session")
def sample_translation(tmp_path_factory, tiny_models, sample_path) -> Path:
    """The sample translated once per session by ``mtpipe translate`` into en and fr: its
    output folder ``ROOT/out`` (the run's memory is ``ROOT/tm.sqlite``). Read-only: copy it.

    Greedy (``--beams 1``) with the tiny models: the tests that read it check outputs,
    chrome, signatures, protected terms and QA, nothing of beam search (beam search is
    tests/test_translate.py's; the default beam 4 runs end to end in
    tests/test_cli_translate.py's mixed-folder test). Beam 4 took three times as long
    (every noise output runs to its length limit). Like ``tiny_models`` it is made by the
    first worker that asks (under a file lock) and reused by the others.
    """
    from filelock import FileLock

    from pipeline.cli import main

    shared = _shared_root(tmp_path_factory)
    root = shared / "sample-translation"
    with FileLock(str(shared / "sample-translation.lock")):
        if not (root / "done").is_file():
            if root.exists():  # an earlier worker failed half way: start again
                shutil.rmtree(root)
            code = main(
                ["translate", str(sample_path), "--to", "en,fr", "--beams", "1", "--quiet",
                 "--out", str(root / "out"), "--memory", str(root / "tm.sqlite"),
                 *[f"--model-dir={pair}={folder}" for pair, folder in tiny_models.items()]]
            )  # fmt: skip
            assert code == 0, f"translating the sample failed with exit code {code}"
            (root / "done").touch()
    return root / "out"


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
    import uuid

    tag = uuid.uuid4().hex  # every worker inherits it: how the teardown finds stragglers
    os.environ["MTPIPE_TEST_RAY"] = tag
    ray.init(
        num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING
    )
    yield ray
    ray.shutdown()
    os.environ.pop("MTPIPE_TEST_RAY", None)
    _kill_leftover_workers(f"MTPIPE_TEST_RAY={tag}".encode())


def _kill_leftover_workers(marker: bytes) -> None:
    """Kill the processes ``ray.shutdown()`` left behind (a translate actor orphaned while it
    loaded its model was seen alive 20 minutes later, holding 0.5 GB): those whose
    environment holds ``marker``. Linux /proc only; elsewhere nothing is done."""
    import signal

    for env in Path("/proc").glob("[0-9]*/environ"):
        pid = int(env.parent.name)
        try:
            if pid != os.getpid() and marker in env.read_bytes().split(b"\0"):
                os.kill(pid, signal.SIGKILL)
        except OSError:  # gone meanwhile, or not ours to read
            continue


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
    Ray run's), ``out``, ``memory`` and ``log`` per runner name, ``result`` per runner name
    and ``runner`` (the RayRunner, with its stats).
    """
    from pipeline.config import load_config
    from pipeline.runners import RunOptions, get_runner, make_plan

    root = tmp_path_factory.mktemp("ray-vs-local")
    inputs = write_news(root / "in", 6)
    for path in inputs.iterdir():  # a recurring URL: the tiny models drop it, mtpipe repairs
        with path.open("a", encoding="utf-8") as f:  # it and the memory keeps the repair
            f.write("\nI dati sono su https://example.com/dati oggi.\n")
    runs: dict = {"inputs": inputs, "out": {}, "memory": {}, "result": {}, "log": {}}
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
        runs["log"][name] = []  # the lines each runner logged (stderr in the CLI)
        options = RunOptions(model_dirs=tiny_models, log=runs["log"][name].append)
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
