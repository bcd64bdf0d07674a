"""`mtpipe eval`: the report, the skipped gate for tiny models, exit codes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.models import MARKER

REPO = Path(__file__).resolve().parent.parent
SOURCES = ["La Borsa di Praga ha chiuso in calo.", "Il governo ha approvato la legge."]
REFERENCES = ["The Prague Stock Exchange closed lower.", "The government passed the law."]


def _test_set(tmp_path, references=REFERENCES):
    src, ref = tmp_path / "newstest2009.it", tmp_path / "newstest2009.en"
    src.write_text("\n".join(SOURCES) + "\n", encoding="utf-8")
    ref.write_text("\n".join(references) + "\n", encoding="utf-8")
    return ["--src", str(src), "--ref", str(ref)]


def test_eval_prints_scores_signatures_and_skips_the_gate_for_a_tiny_model(
    tmp_path, tiny_models, capsys
):
    args = ["eval", "--pair", "it-en", *_test_set(tmp_path), "--beams", "1"]
    assert main([*args, "--model-dir", str(tiny_models["it-en"])]) == 0
    out, err = capsys.readouterr()
    assert "tiny random model" in err and "noise" in err
    lines = out.splitlines()
    assert any(line.startswith("pipeline ") for line in lines)
    assert any(line.startswith("sentence-level ") for line in lines)
    assert "published: not compared: the test set has 2 lines, newstest2009 has 2525" in out
    assert "BLEU signature: nrefs:1|" in out and "chrF signature: nrefs:1|" in out
    assert "COMET: not computed" in out
    assert "gate: skipped: tiny random model, the scores are noise" in out


def test_a_failed_gate_exits_5_with_one_line(tmp_path, tiny_models, capsys, monkeypatch):
    # A copy without the tiny marker is a model of unknown origin: the gate applies, and
    # random output is far below a published score recorded for this two-line set.
    registry = tmp_path / "models.toml"
    registry.write_text(
        '[pairs.it-en.published.newstest2009]\nbleu = 33.5\nchrf = 59.2\nsacrebleu = "2.0"\n'
        'source = "test"\nlines = 2\n',
        encoding="utf-8",
    )
    monkeypatch.setattr("pipeline.evaluate.REGISTRY_PATH", registry)
    model = shutil.copytree(tiny_models["it-en"], tmp_path / "model")
    (model / MARKER).unlink()
    args = ["eval", "--pair", "it-en", *_test_set(tmp_path), "--beams", "1"]
    assert main([*args, "--model-dir", str(model)]) == 5
    out, err = capsys.readouterr()
    assert "gate: FAILED" in out and "below the published score (test)" in out
    assert err.strip().startswith("mtpipe: error: eval gate failed for it-en")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_mismatched_reference_exits_3(tmp_path, tiny_models, capsys):
    args = ["eval", "--pair", "it-en", *_test_set(tmp_path, REFERENCES[:1])]
    assert main([*args, "--model-dir", str(tiny_models["it-en"])]) == 3
    assert "has 2 lines but" in capsys.readouterr().err


def test_model_dir_takes_pair_equals_path_as_translate_does(tmp_path, tiny_models, capsys):
    """`--model-dir it-en=DIR` was read as a folder named `it-en=DIR` ("does not exist")."""
    args = ["eval", "--pair", "it-en", *_test_set(tmp_path), "--beams", "1", "--limit", "1"]
    assert main([*args, "--model-dir", f"it-en={tiny_models['it-en']}"]) == 0
    assert "eval it-en on newstest2009: 1 lines" in capsys.readouterr().out
    assert main([*args, "--model-dir", f"it-fr={tiny_models['it-fr']}"]) == 2
    err = capsys.readouterr().err
    assert "names pair 'it-fr', but --pair is 'it-en'" in err and err.count("\n") == 1


def test_a_negative_limit_is_a_usage_error_not_every_line(tmp_path, capsys):
    args = ["eval", "--pair", "it-en", *_test_set(tmp_path), "--limit", "-1"]
    assert main(args) == 2
    assert "is not a number of lines (0 or more)" in capsys.readouterr().err


def test_a_folder_as_test_set_is_named_as_a_line_file_before_any_model(tmp_path, capsys):
    args = ["eval", "--pair", "it-en", "--src", str(tmp_path), "--ref", str(tmp_path)]
    assert main([*args, "--model-dir", str(tmp_path / "no-model")]) == 3
    err = capsys.readouterr().err
    assert "is a folder; give a test set file: one sentence per line" in err
    assert "article" not in err


def test_a_pair_in_another_case_is_the_registered_pair(tmp_path, tiny_models, capsys):
    """``--pair it-EN`` was "holds an it-en model (…), not it-EN", exit 4, and found no
    published scores: language tags are case-insensitive."""
    args = ["eval", "--pair", "IT-EN", *_test_set(tmp_path), "--beams", "1"]
    assert main([*args, "--model-dir", str(tiny_models["it-en"])]) == 0
    out = capsys.readouterr().out
    assert "eval it-en on" in out
    assert "newstest2009 has 2525" in out  # its published entry was found


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_eval_sums_up_skipped_and_failed_pairs_and_fails_only_for_a_failure(tmp_path):
    """`make eval` printed each pair's report and nothing more: a skipped gate (tiny models)
    and a passed one looked alike at the end, and the exit code was the only verdict."""
    fake = tmp_path / "mtpipe"
    fake.write_text(
        "#!/bin/sh\n"
        '[ "$1" = models ] && exit 0\n'
        'case "$*" in\n'
        '  *it-en*) echo "gate: skipped: tiny random model, the scores are noise";;\n'
        '  *it-fr*) echo "gate: FAILED"; echo "mtpipe: error: eval gate failed" >&2; exit 5;;\n'
        "esac\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)

    def make(pairs: str) -> subprocess.CompletedProcess:
        cmd = ["make", "--no-print-directory", "-f", str(REPO / "Makefile"), "-o",
               ".venv/.installed", "eval", f"MTPIPE={fake}", f"EVAL_PAIRS={pairs}",
               f"SHARED={tmp_path}"]  # fmt: skip
        return subprocess.run(cmd, cwd=REPO, capture_output=True, text=True, timeout=60)

    skipped = make("it-en")
    assert skipped.returncode == 0, skipped.stderr
    assert skipped.stdout.splitlines()[-1] == (
        "eval: gate passed for: none; skipped (tiny random models, scores are noise) for: "
        "it-en; failed for: none"
    )
    failed = make("it-en it-fr")
    assert failed.returncode != 0
    last = failed.stdout.splitlines()[-1]
    assert "skipped (tiny random models, scores are noise) for: it-en" in last
    assert last.endswith("failed for: it-fr")


@pytest.mark.parametrize(
    ("flags", "settings", "cards", "said"),
    [
        (
            ["--device", "cuda"],
            "",
            0,
            "--device cuda: this machine has no CUDA device; use --device cpu or --device auto",
        ),
        (
            ["--device", "cuda:2"],
            "",
            1,
            "--device cuda:2: this machine has only 1 CUDA device(s); use --device cpu or "
            "--device auto",
        ),
        (
            [],
            '[translate]\ndevice = "cuda:1"\n',
            1,
            "[translate] device = 'cuda:1': this machine has only 1 CUDA device(s); set "
            '[translate] device = "cpu" or "auto" in',
        ),
        (
            ["--device", "cpu", "--backend", "ctranslate2"],
            '[translate]\nct2_compute_type = "float16"\n',
            0,
            "[translate] ct2_compute_type = 'float16': CTranslate2 cannot run float16 on the "
            'CPU (it can: float32, int8); set [translate] ct2_compute_type = "auto" or "float32"',
        ),
    ],
)
def test_settings_this_machine_cannot_run_stop_eval_before_the_test_set_is_scored(
    tmp_path, tiny_models, monkeypatch, capsys, flags, settings, cards, said
):
    """`eval --device cuda` without CUDA was found at model load, after the test set was
    read and checked (and a COMET model loaded), in words that named neither the flag nor
    the file: eval now refuses such settings as translate does, before any of that work."""
    import ctranslate2

    import pipeline.evaluate
    import pipeline.translate.base as base

    monkeypatch.setattr(base, "cuda_device_count", lambda backend: cards)
    monkeypatch.setattr(ctranslate2, "get_supported_compute_types", lambda *a: {"int8", "float32"})
    started = []
    monkeypatch.setattr(pipeline.evaluate, "evaluate", lambda *a, **k: started.append(a))
    cfg = tmp_path / "s.toml"
    cfg.write_text(settings, encoding="utf-8")
    args = ["--config", str(cfg), "eval", "--pair", "it-en", *_test_set(tmp_path)]
    assert main([*args, "--model-dir", str(tiny_models["it-en"]), *flags]) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1
    assert (str(cfg) in err) == (not flags or flags[1] == "cpu")  # the file, when it set it
    assert not started
