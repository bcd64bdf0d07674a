"""The command-line front-end: global options work before or after the command."""

from __future__ import annotations

import pytest

from pipeline.cli import main


@pytest.fixture
def bad_config(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[translate]\nbeam = 3\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["--config", "{cfg}", "translate", "{doc}"],
        ["translate", "{doc}", "--config", "{cfg}"],
        ["translate", "--config", "{cfg}", "{doc}"],
        ["qa", "{doc}", "--config", "{cfg}"],
        ["tm", "stats", "--config", "{cfg}"],
    ],
)
def test_config_is_read_before_or_after_the_command(argv, bad_config, sample_path, capsys):
    args = [a.format(cfg=bad_config, doc=sample_path) for a in argv]
    assert main(args) == 2  # the file was read: its unknown key is refused
    err = capsys.readouterr().err
    assert "translate.beam" in err and str(bad_config) in err


def test_config_after_the_command_wins_over_the_one_before(tmp_path, sample_path, capsys):
    good = tmp_path / "good.toml"
    good.write_text("[translate]\nnum_beams = 1\n", encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text("[translate]\nbeam = 3\n", encoding="utf-8")
    assert main(["--config", str(good), "translate", str(sample_path), "--config", str(bad)]) == 2
    assert "bad.toml" in capsys.readouterr().err
