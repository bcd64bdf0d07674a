"""pipeline.cache: where mtpipe keeps derived data, and how a cache file is written."""

from __future__ import annotations

import pytest

from pipeline import cache


@pytest.mark.parametrize("off", ["off", ""])
def test_the_cache_can_be_turned_off(off: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MTPIPE_CACHE_DIR", off)
    assert cache.cache_dir() is None


def test_the_cache_folder_is_the_user_s(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never the repository or an output folder: XDG's cache home, else ~/.cache."""
    monkeypatch.delenv("MTPIPE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "mtpipe"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/dir")  # not absolute: ignored, per XDG
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "mtpipe"


def test_a_cache_file_is_written_whole_or_not_at_all(tmp_path) -> None:
    """A reader sees the old file or the new one; a folder that cannot be made leaves
    nothing and raises nothing (a cache is optional)."""
    target = tmp_path / "c" / "entries.json"
    assert cache.write_cache_file(target, b"one") and target.read_bytes() == b"one"
    assert cache.write_cache_file(target, b"two") and target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["entries.json"]  # no temp left
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert not cache.write_cache_file(blocker / "sub" / "x.json", b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "file"]
