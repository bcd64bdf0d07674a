"""Atomic writes: never a partial file, usual permissions, stale temps cleaned up."""

from __future__ import annotations

import errno as errnos
import json
import os
import re
import stat

import pytest

from pipeline.atomic import TEMP_SUFFIX, atomic_write_text, remove_stale_temps
from pipeline.errors import OutputError


def test_atomic_write_leaves_old_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OutputError, match="No space left"):
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


# --- all-or-nothing commit of an article's files -------------------------------------------

import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402
from pathlib import Path  # noqa: E402

from pipeline.atomic import STAGE_PREFIX, commit_files  # noqa: E402

OLD = {"a.en.txt": "old en", "a.fr.txt": "old fr", "a.json": "{}"}
NEW = {"a.en.txt": "new en", "a.fr.txt": "new fr", "a.aligned.jsonl": "{}\n", "a.json": '{"v": 2}'}


def _tree(root: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(root.iterdir())}


def test_commit_writes_every_file(tmp_path):
    written = commit_files(tmp_path, NEW)
    assert sorted(p.name for p in written) == sorted(NEW)
    assert _tree(tmp_path) == dict(sorted(NEW.items()))


@pytest.mark.parametrize("fail_at", [1, 2, 3, 4])
@pytest.mark.parametrize("errno", [28, 36])  # ENOSPC, ENAMETOOLONG
def test_failed_swap_leaves_every_previous_file_and_no_new_one(
    tmp_path, monkeypatch, fail_at, errno
):
    commit_files(tmp_path, OLD)
    before = _tree(tmp_path)
    real, calls = os.replace, []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == fail_at:
            raise OSError(errno, os.strerror(errno), str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OutputError, match="no file was changed"):
        commit_files(tmp_path, NEW)
    monkeypatch.setattr(os, "replace", real)
    assert _tree(tmp_path) == before  # the JSONL did not appear, no staging folder left


def test_error_while_rendering_a_file_changes_nothing(tmp_path):
    commit_files(tmp_path, OLD)
    before = _tree(tmp_path)

    class Broken(dict):
        def __getitem__(self, key):
            if key == "a.json":
                raise ValueError("cannot render the document")
            return super().__getitem__(key)

    with pytest.raises(ValueError):
        commit_files(tmp_path, Broken(NEW))
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("length", [218, 240])
def test_long_file_names_commit_without_temp_name_overflow(tmp_path, length):
    stem = "n" * length
    files = {f"{stem}.json": "{}", f"{stem}.en.txt": "x"}
    commit_files(tmp_path, files)
    assert _tree(tmp_path) == dict(sorted(files.items()))


def test_atomic_write_of_a_long_name_does_not_overflow(tmp_path):
    target = tmp_path / ("é" * 120)  # 240 bytes
    atomic_write_text(target, "x")
    assert target.read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("name", ["n" * 256, "é" * 128, "à" * 200])
def test_names_over_255_bytes_are_refused_before_anything_is_written(tmp_path, name):
    commit_files(tmp_path, OLD)
    before = _tree(tmp_path)
    with pytest.raises(OutputError, match="255 bytes"):
        commit_files(tmp_path, {**NEW, f"{name}.json": "{}"})
    assert _tree(tmp_path) == before


@pytest.mark.parametrize(
    "rel", ["../evil.txt", "x/../../evil.txt", "/tmp/evil.txt", "a\\..\\b", "C:x"]
)
def test_paths_leaving_the_root_are_refused(tmp_path, rel):
    root = tmp_path / "out"
    with pytest.raises(OutputError):
        commit_files(root, {"ok.txt": "x", rel: "evil"})
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # root not even created


def test_a_symlink_out_of_the_root_is_refused(tmp_path):
    root, outside = tmp_path / "out", tmp_path / "elsewhere"
    root.mkdir()
    outside.mkdir()
    (root / "link").symlink_to(outside)
    with pytest.raises(OutputError, match="outside"):
        commit_files(root, {"link/evil.txt": "x"})
    assert not any(outside.iterdir())


@pytest.mark.parametrize("depth", ["file", "folder"])
def test_a_link_out_of_the_root_is_named_with_its_target_and_the_fix(tmp_path, depth):
    """The line "refusing to write 'a.fr.md': it resolves outside OUT" did not say that a link
    left there (``a.fr.md -> /etc/passwd``) was why, nor to remove it."""
    root, outside = tmp_path / "out", tmp_path / "elsewhere"
    root.mkdir()
    (outside / "x").mkdir(parents=True)
    link, rel = (root / "a.fr.md", "a.fr.md") if depth == "file" else (root / "d", "d/x/a.txt")
    target = outside / "passwd" if depth == "file" else outside
    link.symlink_to(target)
    with pytest.raises(OutputError) as err:
        commit_files(root, {"ok.txt": "x", rel: "evil"})
    message = str(err.value)
    assert f"({link} is a symbolic link to {target})" in message
    assert message.endswith("remove the link or choose another output folder")
    assert sorted(p.name for p in root.iterdir()) == [link.name]
    assert sorted(p.name for p in outside.iterdir()) == ["x"]


@pytest.mark.parametrize(
    ("code", "fix"),
    [
        (errnos.EISDIR, "a folder is where that file goes; move it away"),
        (errnos.ENOSPC, "free space on that disk"),
        (errnos.EACCES, "the permissions of {root} do not let you write in it; make it writable"),
        (errnos.EPERM, "the system does not permit writing in {root} (an immutable flag"),
        (errnos.EROFS, "{root} is on a read-only file system"),
    ],
)
def test_a_write_error_a_user_can_fix_says_how(tmp_path, monkeypatch, code, fix):
    """The line "cannot write the outputs into OUT: Is a directory (OUT/a.en.txt); no file was
    changed" named the cause only."""
    commit_files(tmp_path, OLD)
    before = _tree(tmp_path)

    real, calls = os.replace, []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == 1:  # the first swap; the roll-back's own renames work
            raise OSError(code, os.strerror(code), str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OutputError) as err:
        commit_files(tmp_path, NEW)
    monkeypatch.undo()
    assert f"no file was changed: {fix.format(root=tmp_path)}" in str(err.value)
    assert re.search(
        r"choose another output folder( \(--out\))?$|writable disk \(.*\)$", str(err.value)
    )
    assert _tree(tmp_path) == before


def test_commit_can_remove_outputs_in_the_same_swap(tmp_path):
    commit_files(tmp_path, OLD)
    commit_files(tmp_path, {"a.en.txt": "new en", "a.json": "{}"}, remove=["a.fr.txt"])
    assert _tree(tmp_path) == {"a.en.txt": "new en", "a.json": "{}"}


KILLED_COMMIT = """
import os, signal, sys
from pipeline.atomic import commit_files
real = os.replace
calls = []
def dying(src, dst):
    calls.append(dst)
    if len(calls) == int(sys.argv[2]):
        os.kill(os.getpid(), signal.SIGKILL)
    return real(src, dst)
os.replace = dying
commit_files(sys.argv[1], {"a.en.txt": "new en", "a.fr.txt": "new fr",
                           "a.aligned.jsonl": "{}", "a.json": "{}"})
"""


@pytest.mark.parametrize("die_at", [1, 3, 4])
def test_kill_9_mid_commit_is_rolled_back_by_the_next_run(tmp_path, die_at):
    commit_files(tmp_path, OLD)
    before = _tree(tmp_path)
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_COMMIT), str(tmp_path), str(die_at)],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        capture_output=True,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert any(p.name.startswith(STAGE_PREFIX) for p in tmp_path.iterdir())
    removed = remove_stale_temps(tmp_path)
    assert len(removed) == 1
    assert _tree(tmp_path) == before  # every previous version, no new file


def test_a_live_writers_staging_is_left_alone(tmp_path):
    stage = tmp_path / f"{STAGE_PREFIX}{os.getpid()}.abc"
    stage.mkdir()
    assert remove_stale_temps(tmp_path) == [] and stage.is_dir()


KILLED_AFTER_SWAP = """
import os, shutil, signal, sys
from pipeline.atomic import DONE, commit_files
if sys.argv[2] == "cleanup":
    shutil.rmtree = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
else:  # killed after the last file moved in, before the manifest is renamed
    real = os.replace
    def dying(src, dst):
        if str(dst).endswith(DONE):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(src, dst)
    os.replace = dying
commit_files(sys.argv[1], {"a.en.txt": "new en", "a.fr.txt": "new fr",
                           "a.aligned.jsonl": "{}", "a.json": "{}"})
"""


@pytest.mark.parametrize("die_at", ["done", "cleanup"])
def test_kill_9_after_the_swap_keeps_the_finished_commit(tmp_path, die_at):
    commit_files(tmp_path, OLD)
    proc = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILLED_AFTER_SWAP), str(tmp_path), die_at],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        capture_output=True,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert len(remove_stale_temps(tmp_path)) == 1  # its staging folder, not its files
    assert (tmp_path / "a.en.txt").read_text() == "new en"
    assert (tmp_path / "a.json").read_text() == "{}"
    assert not any(p.name.startswith(STAGE_PREFIX) for p in tmp_path.iterdir())


@pytest.mark.parametrize(
    "manifest",
    [
        [{"n": 0, "rel": "../victim.txt", "write": True, "existed": False}],
        [{"n": 1, "rel": "../escaped.txt", "write": True, "existed": True}],
        [{"n": 0}],
        [{"n": "0", "rel": "a.en.txt", "write": True, "existed": False}],
        {"n": 0},
    ],
)
def test_a_forged_staging_manifest_touches_nothing_outside_or_inside(tmp_path, manifest):
    """A dead writer's staging folder whose manifest this module did not write (a path out
    of the folder, a missing or mistyped field) is left alone: no file outside the output
    folder deleted or created, no traceback."""
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    (out / "a.en.txt").write_text("mine")
    stage = out / f"{STAGE_PREFIX}999999.abc"
    (stage / "new").mkdir(parents=True)
    (stage / "old").mkdir()
    (stage / "old" / "1").write_text("planted")
    (stage / "manifest.json").write_text(json.dumps(manifest))
    assert remove_stale_temps(out) == []
    assert victim.read_text() == "keep" and not (tmp_path / "escaped.txt").exists()
    assert (out / "a.en.txt").read_text() == "mine"
