"""An output folder that refuses writes: what is wrong and what to do, by its cause.

``--out`` on a read-only mount (a container volume mounted ``:ro``) read "no permission
to write in FOLDER", which sent users to chmod a disk that takes no file whatever its
permissions. The three causes each get their own words, from one place
(``pipeline.atomic._FIXES``): a read-only file system (EROFS: another folder, on a
writable disk), permissions (EACCES: chmod or another folder), a policy (EPERM: chmod does
not help). The read-only mount is simulated by ``statvfs`` saying ``ST_RDONLY`` and by
writes failing with EROFS; the permission case by a folder chmod 0555 (not as root, who
may write anywhere) and by ``access(2)`` refusing.
"""

from __future__ import annotations

import errno
import os
import tempfile

import pytest
from bundle_fixtures import make_article

from pipeline import atomic
from pipeline.atomic import atomic_write_text, commit_files
from pipeline.bundle import build_bundle
from pipeline.cli import main
from pipeline.config import BundleSettings
from pipeline.errors import OutputError
from pipeline.runners.plan import check_out_dir
from tests.fs_fixtures import read_only_mount

READ_ONLY = "is on a read-only file system"
WRITABLE_OUT = "give --out a folder on a writable disk"


def test_a_read_only_mount_is_named_with_a_writable_out_to_give(tmp_path, monkeypatch):
    mount = tmp_path / "mnt"
    mount.mkdir()
    read_only_mount(monkeypatch, mount)
    with pytest.raises(OutputError) as err:
        check_out_dir(mount / "out")
    message = str(err.value)
    assert f"cannot write in {mount}: {mount} {READ_ONLY}" in message
    assert WRITABLE_OUT in message and "chmod" not in message
    assert "no permission to write" not in message


@pytest.mark.parametrize(
    ("code", "words", "not_words"),
    [(errno.EACCES, ["the permissions of {f} do not let you write", "chmod u+w {f}"],
      [READ_ONLY]),
     (errno.EPERM, ["the system does not permit writing in {f}", "chmod does not change"],
      [READ_ONLY, "chmod u+w"])],
    ids=["permissions", "policy"],
)  # fmt: skip
def test_permissions_and_a_policy_each_say_their_own_fix(
    tmp_path, monkeypatch, code, words, not_words
):
    """The other causes: the kernel's ``access(2)`` answer (EACCES, or EPERM for an
    immutable folder) decides the words; the disk is writable, so no read-only ones."""
    folder = tmp_path / "locked"
    folder.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m, *a, **k: False if p == folder else real(p, m))
    monkeypatch.setattr(atomic, "_access_errno", lambda p: code)
    with pytest.raises(OutputError) as err:
        check_out_dir(folder / "out")
    message = str(err.value)
    assert all(w.format(f=folder) in message for w in words)
    assert not any(w in message for w in not_words)
    assert message.endswith("choose another output folder (--out)")


def test_access_refused_without_a_cause_reads_as_permissions(tmp_path, monkeypatch):
    """Second input: the C library gives no errno (not asked): the permission words."""
    folder = tmp_path / "locked"
    folder.mkdir()
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, m, *a, **k: False if p == folder else real(p, m))
    monkeypatch.setattr(atomic, "_access_errno", lambda p: 0)
    with pytest.raises(OutputError, match="the permissions of .* do not let you write"):
        check_out_dir(folder / "out")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write in a 0555 folder")
def test_a_folder_chmod_0555_says_make_it_writable(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError) as err:
            check_out_dir(folder / "out")
    finally:
        folder.chmod(0o755)
    assert f"chmod u+w {folder}" in str(err.value) and READ_ONLY not in str(err.value)


def test_a_writable_folder_passes(tmp_path):
    check_out_dir(tmp_path / "out")  # the other direction: nothing refused
    assert atomic.write_access_error(tmp_path) == 0


def test_translate_onto_a_read_only_mount_is_one_line_and_exit_1(
    tmp_path, monkeypatch, capsys, sample_path
):
    mount = tmp_path / "mnt"
    mount.mkdir()
    read_only_mount(monkeypatch, mount)
    code = main(["translate", str(sample_path), "--to", "en", "--out", str(mount / "o"),
                 f"--model-dir=it-en={tmp_path / 'no-model'}"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == OutputError.exit_code
    assert err.count("\n") == 1 and READ_ONLY in err and WRITABLE_OUT in err
    assert str(mount) in err and not (mount / "o").exists()


def test_bundle_onto_a_read_only_mount_names_it(tmp_path, monkeypatch):
    mount = tmp_path / "mnt"
    mount.mkdir()
    read_only_mount(monkeypatch, mount)
    with pytest.raises(OutputError) as err:
        build_bundle([make_article()], mount / "site", BundleSettings(base_url="https://x.org"))
    assert f"{mount} {READ_ONLY}" in str(err.value) and WRITABLE_OUT in str(err.value)
    assert list(mount.iterdir()) == []


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES, errno.EPERM])
def test_a_write_refused_mid_run_says_the_same_words(tmp_path, monkeypatch, code):
    """The file system error itself (a mount turned read-only after the check, EROFS from
    the kernel) in the commits of translate's outputs and in a single file's write."""

    def refused(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(OutputError) as commit:
        commit_files(tmp_path / "out", {"a.en.txt": "x"})
    with pytest.raises(OutputError) as single:
        atomic_write_text(tmp_path / "b.txt", "x")
    fix = atomic.write_error_fix(OSError(code, ""), tmp_path / "out")
    assert str(commit.value).endswith(f"{os.strerror(code)}{fix}")
    assert f"{tmp_path}" in str(single.value) and fix.split("(")[0][:20] in str(single.value)
    wording = {errno.EROFS: READ_ONLY, errno.EACCES: "chmod u+w", errno.EPERM: "does not permit"}
    assert wording[code] in str(commit.value) and wording[code] in str(single.value)
