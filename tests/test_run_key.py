"""The build key covers the page-chrome line patterns (``pipeline/data/chrome_lines.toml``)."""

from __future__ import annotations

import shutil

import pipeline.localise.boilerplate as boilerplate
from pipeline.config import load_config
from pipeline.runners.key import build_key, resource_digests


def test_editing_the_chrome_line_patterns_changes_the_build_key(tmp_path, monkeypatch):
    """Which page lines are chrome decides what is translated: an edit re-runs articles."""
    copy = tmp_path / "chrome_lines.toml"
    shutil.copyfile(boilerplate.CHROME_LINES, copy)
    monkeypatch.setattr(boilerplate, "CHROME_LINES", copy)
    cfg = load_config()
    before = build_key("a1", cfg, {}, ["en"], fingerprints={})
    assert before == build_key("a1", cfg, {}, ["en"], fingerprints={})
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    assert "chrome_lines" in resource_digests()
    assert build_key("a1", cfg, {}, ["en"], fingerprints={}) != before


def test_settings_that_change_only_speed_or_gating_keep_the_build_key():
    """Moving QA to a helper process or changing the failing severity re-runs nothing."""
    base = build_key("a1", load_config(), {}, ["en"], fingerprints={})
    for override in ({"qa.worker": "off"}, {"qa.fail_severity": "warning"}):
        assert build_key("a1", load_config(None, override), {}, ["en"], fingerprints={}) == base


def test_a_setting_that_changes_outputs_changes_the_build_key():
    """The counterpart: the beam width changes the translation, so it changes the key."""
    base = build_key("a1", load_config(), {}, ["en"], fingerprints={})
    other = load_config(None, {"translate.num_beams": 1})
    assert build_key("a1", other, {}, ["en"], fingerprints={}) != base
