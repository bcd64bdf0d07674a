"""Atomic writes: never a partial file, usual permissions, stale temps cleaned up."""

from __future__ import annotations

import os
import stat

import pytest

from pipeline.atomic import TEMP_SUFFIX, atomic_write_text, remove_stale_temps


def test_atomic_write_leaves_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        atomic_write_text(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]  # no temp file left behind


def test_written_files_get_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "out.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.txt").stat().st_mode) == 0o644


def test_only_temps_of_dead_writers_are_removed(tmp_path):
    dead = tmp_path / f".a.json.999999999.abc{TEMP_SUFFIX}"
    alive = tmp_path / f".b.json.{os.getpid()}.xyz{TEMP_SUFFIX}"
    other = tmp_path / ".c.json.tmp"
    for p in (dead, alive, other):
        p.write_text("partial", encoding="utf-8")
    assert remove_stale_temps(tmp_path) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([alive.name, other.name])
