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
