"""The backend registry, backend `auto`, device resolution and the Translator contract."""

from __future__ import annotations

import typing

import pytest

from pipeline.cli import build_parser
from pipeline.config import TranslateSettings, load_config
from pipeline.errors import ConfigError, ModelError
from pipeline.translate import Translator, choose_backend, load_translator
from pipeline.translate.base import resolve_device
from pipeline.translate.registry import BACKEND_CHOICES, BACKENDS, backend_class


def _cli_choices(flag: str) -> tuple[str, ...]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    action = next(a for a in sub.choices["translate"]._actions if flag in a.option_strings)
    return tuple(action.choices)


def test_config_and_cli_choices_come_from_the_registry():
    assert ("auto", *BACKENDS) == BACKEND_CHOICES
    hint = typing.get_type_hints(TranslateSettings)["backend"]
    assert typing.get_args(hint) == BACKEND_CHOICES
    with pytest.raises(ConfigError, match="ctranslate2"):
        TranslateSettings(backend="onnx")
    assert _cli_choices("--backend") == BACKEND_CHOICES


@pytest.mark.parametrize("name", list(BACKENDS))
def test_every_registered_backend_states_its_name_and_meets_the_contract(name, tiny_models):
    cls = backend_class(name)
    assert cls.backend == name
    settings = TranslateSettings(backend="transformers")
    instance = cls(tiny_models["it-en"], "it-en", settings, _info(tiny_models["it-en"]))
    assert isinstance(instance, Translator) and not instance.loaded


def _info(folder):
    from pipeline.models.local import model_info

    return model_info(folder, "it-en")


def test_auto_is_the_default_and_picks_transformers_without_a_converted_model(tiny_models):
    assert load_config().translate.backend == "auto"
    name, why = choose_backend("auto", tiny_models["it-en"])
    assert name == "transformers"
    assert "ctranslate2" in why  # says why the fast path was not taken
    tr = load_translator("it-en", TranslateSettings(), tiny_models["it-en"])
    assert tr.signature()["backend"] == "transformers"


def test_auto_picks_ctranslate2_when_a_converted_model_is_present(tiny_models, tmp_path):
    pytest.importorskip("ctranslate2")
    import shutil

    folder = shutil.copytree(tiny_models["it-en"], tmp_path / "it-en")
    assert choose_backend("auto", folder)[0] == "transformers"
    (folder / "ctranslate2").mkdir()
    (folder / "ctranslate2" / "model.bin").write_bytes(b"")
    name, why = choose_backend("auto", folder)  # a conversion cut short: no config.json
    assert name == "transformers" and "partial conversion (no config.json)" in why
    # a complete conversion made by hand (no mtpipe-ct2.json) is taken
    (folder / "ctranslate2" / "config.json").write_text("{}", encoding="utf-8")
    assert choose_backend("auto", folder) == ("ctranslate2", "auto")
    assert load_translator("it-en", TranslateSettings(), folder).backend == "ctranslate2"


def test_a_forced_backend_that_cannot_serve_says_why(tiny_models):
    with pytest.raises(ModelError, match="mtpipe models convert"):
        choose_backend("ctranslate2", tiny_models["it-en"])


@pytest.mark.parametrize(
    ("wanted", "cards", "expected"),
    [("auto", 0, ("cpu", 0)), ("auto", 2, ("cuda", 0)), ("cpu", 2, ("cpu", 0)),
     ("cuda", 1, ("cuda", 0)), ("cuda:1", 2, ("cuda", 1))],
)  # fmt: skip
def test_device_resolution(wanted, cards, expected):
    assert resolve_device(wanted, cards) == expected


@pytest.mark.parametrize(("wanted", "cards"), [("cuda", 0), ("cuda:1", 1)])
def test_a_missing_cuda_card_is_an_error_not_a_cpu_run(wanted, cards):
    with pytest.raises(ConfigError, match=wanted):
        resolve_device(wanted, cards)


def test_chosen_backend_is_printed_once_per_pair_and_run(tmp_path, tiny_models, capsys):
    from pipeline.cli import main

    src = tmp_path / "a.txt"
    src.write_text("Un titolo\n\nLa Borsa di Praga ha chiuso in calo.\n", encoding="utf-8")
    src2 = tmp_path / "b.txt"
    src2.write_text("Altro titolo\n\nIl governo ha approvato la legge.\n", encoding="utf-8")
    cfg = tmp_path / "c.toml"
    cfg.write_text("[translate]\nnum_beams = 1\ngroup_segments = 1\n", encoding="utf-8")
    code = main(["--config", str(cfg), "translate", str(src), str(src2), "--to", "en",
                 "--out", str(tmp_path / "out"), "--memory", str(tmp_path / "tm.sqlite"),
                 f"--model-dir=it-en={tiny_models['it-en']}"])  # fmt: skip
    assert code == 0
    lines = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("mtpipe: it-en:")]
    assert len(lines) == 1
    assert "transformers on cpu, float32" in lines[0] and "auto" in lines[0]


def test_a_tiny_model_gets_one_noise_warning_line_naming_pair_and_folder(tiny_models, monkeypatch):
    from pipeline.translate import noise_warning

    tr = load_translator("it-en", TranslateSettings(), tiny_models["it-en"])
    line = noise_warning(tr, tiny_models["it-en"])
    assert line == (
        f"mtpipe: warning: it-en uses a tiny random model ({tiny_models['it-en']}): "
        "its output is noise"
    )
    assert "\n" not in line and noise_warning(tr).endswith("model: its output is noise")
    real = tr.signature()
    real.pop("tiny", None)
    monkeypatch.setattr(tr, "signature", lambda: real)
    assert noise_warning(tr) is None  # a real model's text is not called noise
