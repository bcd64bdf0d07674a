"""Typed settings: TOML loading, validation messages, CLI overrides."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.config import DEFAULT_CONFIG, load_config, parse_config
from pipeline.errors import ConfigError


def test_shipped_config_loads_and_is_frozen():
    cfg = load_config(DEFAULT_CONFIG)
    assert cfg.translate.targets == ("en", "fr")
    with pytest.raises(dataclasses.FrozenInstanceError):
        cfg.translate.num_beams = 1  # type: ignore[misc]


def test_unknown_key_names_the_valid_ones():
    with pytest.raises(ConfigError) as exc:
        parse_config({"translate": {"beams": 4}})
    msg = str(exc.value)
    assert "translate.beams" in msg and "num_beams" in msg


def test_unknown_section_names_the_valid_ones():
    with pytest.raises(ConfigError, match=r"\[transalte\].*translate"):
        parse_config({"transalte": {}})


@pytest.mark.parametrize(
    "section, key, value",
    [
        ("translate", "num_beams", "4"),
        ("translate", "num_beams", True),
        ("translate", "targets", "en"),
        ("memory", "enabled", "yes"),
    ],
)
def test_wrong_types_are_rejected(section, key, value):
    with pytest.raises(ConfigError, match=f"{section}.{key}"):
        parse_config({section: {key: value}})


def test_overrides_beat_the_file(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text('[translate]\nnum_beams = 2\ntargets = ["fr"]\n', encoding="utf-8")
    cfg = load_config(path, {"translate.num_beams": 1, "translate.targets": None})
    assert cfg.translate.num_beams == 1
    assert cfg.translate.targets == ("fr",)  # None means "flag not given"


def test_missing_and_broken_files_are_config_errors(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_config(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[translate\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(bad)


@pytest.mark.parametrize(
    "section, key, value, hint",
    [
        ("translate", "backend", "onnx", "ctranslate2"),
        ("qa", "fail_severity", "fatal", "warning"),
        ("write", "formats", ["txt", "tmx"], "jsonl"),
        ("bundle", "qa_policy", "maybe", "hold"),
        ("translate", "num_beams", 0, "at least 1"),
    ],
)
def test_values_outside_the_allowed_set_are_rejected_at_load(section, key, value, hint):
    with pytest.raises(ConfigError, match=hint):
        parse_config({section: {key: value}})


def test_cuda_device_index_is_allowed():
    assert parse_config({"translate": {"device": "cuda:1"}}).translate.device == "cuda:1"
