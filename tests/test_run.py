"""Batch runs: incremental rebuilds, kill -9 and resume, concurrent runs on one memory."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.memory import TranslationMemory
from pipeline.run import translate_files
from pipeline.runners.key import build_key, model_fingerprints

SENTENCES = [
    "La Borsa di Praga ha chiuso in calo.",
    "Il governo ha approvato la legge di bilancio.",
    "Le transazioni delle azioni hanno raggiunto quasi la metà del commercio.",
    "Gli analisti prevedono una crescita del 3,5 per cento.",
    "Il ministro ha incontrato il suo omologo a Roma.",
    "La banca centrale ha lasciato invariati i tassi.",
]


def _write_articles(folder: Path, count: int, offset: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(offset, offset + count):
        body = " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(3))
        path = folder / f"art{n:02d}.txt"
        path.write_text(f"Titolo numero {n}\n\n{body}\n\nParagrafo {n} finale.\n", encoding="utf-8")
        paths.append(path)
    return paths


def _cli(tmp: Path, tiny_models, inputs: Path, out: Path, memory: Path) -> list[str]:
    cfg = tmp / "batch.toml"
    cfg.write_text("[translate]\nnum_beams = 1\ngroup_segments = 1\n", encoding="utf-8")
    return [
        sys.executable, "-m", "pipeline", "--config", str(cfg), "translate", str(inputs),
        "--to", "en,fr", "--out", str(out), "--memory", str(memory), "--quiet",
        f"--model-dir=it-en={tiny_models['it-en']}", f"--model-dir=it-fr={tiny_models['it-fr']}",
    ]  # fmt: skip


def _finished(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")} if out.exists() else {}


def test_build_key_changes_with_input_settings_and_model(tmp_path, tiny_models):
    cfg = load_config()
    dirs = {"it-en": tiny_models["it-en"]}
    key = build_key("a1", cfg, dirs, ["en"])
    assert key == build_key("a1", cfg, dirs, ["en"])
    assert key != build_key("b2", cfg, dirs, ["en"])
    assert key != build_key("a1", load_config(None, {"translate.num_beams": 2}), dirs, ["en"])
    assert key != build_key("a1", cfg, {"it-en": tiny_models["it-fr"]}, ["en"])
    assert key != build_key("a1", cfg, dirs, ["en", "fr"])


def test_build_key_with_fingerprints_taken_once_is_the_same_key(tmp_path, tiny_models):
    # the plan fingerprints the model folders once per run; the key must not change
    cfg = load_config()
    dirs = {"it-en": tiny_models["it-en"], "it-fr": tiny_models["it-fr"]}
    once = model_fingerprints(dirs)
    assert set(once) == {"it-en", "it-fr"}
    assert build_key("a1", cfg, dirs, ["en"], fingerprints=once) == build_key(
        "a1", cfg, dirs, ["en"]
    )
    other = model_fingerprints({"it-en": tiny_models["it-fr"], "it-fr": tiny_models["it-fr"]})
    assert build_key("a1", cfg, dirs, ["en"], fingerprints=other) != build_key(
        "a1", cfg, dirs, ["en"]
    )


def test_only_changed_articles_are_redone(tmp_path, tiny_models):
    inputs = _write_articles(tmp_path / "in", 2)
    cfg = load_config(None, {"translate.num_beams": 1, "memory.path": str(tmp_path / "tm.sqlite")})
    out = tmp_path / "out"
    kw = {"model_dirs": dict(tiny_models), "log": lambda m: None}
    first = translate_files([tmp_path / "in"], cfg, out, **kw)
    assert first.count("translated") == 2
    inputs[1].write_text("Titolo cambiato\n\nUna frase nuova.\n", encoding="utf-8")
    second = translate_files([tmp_path / "in"], cfg, out, **kw)
    assert [r.status for r in second.results] == ["up-to-date", "translated"]
    (out / "art00.fr.txt").unlink()  # a missing output makes its article stale
    third = translate_files([tmp_path / "in"], cfg, out, **kw)
    assert [r.status for r in third.results] == ["translated", "up-to-date"]
    assert (out / "art00.fr.txt").exists()


def test_a_deleted_wordpress_output_makes_its_post_stale(tmp_path, tiny_models):
    post = Path(__file__).parent / "fixtures" / "formats" / "post.json"
    settings = {"translate.num_beams": 1, "translate.targets": ["en"]}
    cfg = load_config(None, {**settings, "memory.path": str(tmp_path / "tm.sqlite")})
    out = tmp_path / "out"
    kw = {"model_dirs": {"it-en": tiny_models["it-en"]}, "log": lambda m: None}
    first = translate_files([post], cfg, out, **kw)
    [wp] = list(out.glob("*.en.wp.json"))
    assert first.count("translated") == 1
    assert [r.status for r in translate_files([post], cfg, out, **kw).results] == ["up-to-date"]
    wp.unlink()
    again = translate_files([post], cfg, out, **kw)
    assert [r.status for r in again.results] == ["translated"] and wp.exists()


def test_kill_9_mid_batch_then_rerun_loses_nothing(tmp_path, tiny_models):
    inputs = tmp_path / "in"
    _write_articles(inputs, 8)
    out, memory = tmp_path / "out", tmp_path / "tm.sqlite"
    cmd = _cli(tmp_path, tiny_models, inputs, out, memory)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # A guard, not a timing assertion: on a loaded shared machine two articles took > 120 s.
    deadline = time.monotonic() + 600
    while len(_finished(out)) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail(f"batch ended before it could be killed: {proc.stderr.read().decode()}")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done = _finished(out)
    assert 2 <= len(done) < 8
    for name in done:  # every article JSON present is complete
        json.loads((out / name).read_text(encoding="utf-8"))
    with TranslationMemory(memory) as tm:
        assert len(tm) > 0  # finished batches were committed before the kill

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    after = _finished(out)
    assert len(after) == 8
    assert {n: after[n] for n in done} == done  # no finished article was redone
    assert not list(out.glob(".*"))  # no temp or partial file left behind


def test_two_concurrent_batches_share_one_memory(tmp_path, tiny_models):
    memory = tmp_path / "tm.sqlite"
    _write_articles(tmp_path / "a", 4, offset=0)
    _write_articles(tmp_path / "b", 4, offset=2)  # overlapping sentences
    procs = [
        subprocess.Popen(
            _cli(tmp_path, tiny_models, tmp_path / d, tmp_path / f"out-{d}", memory),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for d in ("a", "b")
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    docs = [json.loads(p.read_text()) for p in sorted(tmp_path.glob("out-*/*.json"))]
    sources = {
        seg["source"]
        for doc in docs
        for block in doc["blocks"]
        if block["kind"] in ("title", "paragraph", "caption")
        for seg in block["segments"]
    }
    with TranslationMemory(memory) as tm:
        stats = tm.stats()
    assert stats["pairs"] == {"it-en": len(sources), "it-fr": len(sources)}


@pytest.mark.parametrize("name", ["a\x1b[2Jb.txt", os.fsdecode(b"caff\xe8.txt")])
def test_an_input_named_with_a_control_character_or_no_utf8_is_up_to_date_on_rerun(
    tmp_path, tiny_models, name
):
    """The document recorded the input's path as written (ESC, or a Latin-1 byte read
    as a lone surrogate), text its own schema refuses: the rerun called it damaged,
    translated it again and carried none of its human translations."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_text("Titolo\n\nLa Borsa di Praga ha chiuso in calo.\n", "utf-8")
    cfg = load_config(None, {"translate.num_beams": 1, "memory.path": str(tmp_path / "tm.db")})
    said: list[str] = []
    kw = {"model_dirs": dict(tiny_models), "log": said.append}
    assert translate_files([folder], cfg, tmp_path / "out", **kw).count("translated") == 1
    again = translate_files([folder], cfg, tmp_path / "out", **kw)
    assert [r.status for r in again.results] == ["up-to-date"]
    forced = translate_files([folder], cfg, tmp_path / "out", force=True, **kw)
    assert forced.count("translated") == 1
    assert not [line for line in said if "damaged" in line]
