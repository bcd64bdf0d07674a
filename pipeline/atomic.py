"""Atomic writes, shared by every module that writes files.

One file: :func:`atomic_open` writes a temp name in the same folder (carrying
the writer's pid), flushes, syncs, gives the usual permissions and renames it
over the target, so readers see the old file or the new one, never a partial
one.

Several files that belong together (the outputs of one article):
:func:`commit_files` stages every file in a private folder under the output
root, then swaps them in one by one, keeping a hard link to each previous
version. Any failure (disk full, a name the file system refuses, an error
while rendering) rolls every swapped file back, so the previous version of
every file is left intact and no new one appears. A writer killed with
``kill -9`` leaves its staging folder (with a manifest once staging is
complete); :func:`remove_stale_temps`, which every run calls on its output
folder, rolls such a commit back once that pid is gone.

Every path is checked to stay under its output root (:func:`resolve_under`).
Staged files are named by number, so a long target name cannot overflow the
255-byte limit through a temp name.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, Any

from pipeline.errors import OutputError
from pipeline.paths import resolved

TEMP_SUFFIX = ".mtpipe-tmp"
STAGE_PREFIX = ".mtpipe-stage."
MANIFEST = "manifest.json"
DONE = "done.json"  # the manifest, renamed once every file is swapped in
NAME_MAX = 255  # bytes in one path component (Linux, macOS, ext4, APFS, NTFS in UTF-16 units)
_TEMP_NAME_BYTES = 100  # room for ".NAME.PID.RANDOM.mtpipe-tmp" within NAME_MAX


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def publish(path: Path) -> None:
    """Give a temp file or folder normal permissions (mkstemp/mkdtemp make them private)."""
    umask = _umask()
    paths = [path, *path.rglob("*")] if path.is_dir() else [path]
    for p in paths:
        p.chmod((0o777 if p.is_dir() else 0o666) & ~umask)


def _short(name: str) -> str:
    """``name`` cut to at most _TEMP_NAME_BYTES UTF-8 bytes (whole characters only)."""
    return name.encode("utf-8")[:_TEMP_NAME_BYTES].decode("utf-8", errors="ignore")


@contextmanager
def atomic_open(path: str | Path, mode: str = "w", **kwargs: Any) -> Iterator[IO[Any]]:
    """Open a temp file that replaces ``path`` when the block ends without error.

    Raises OutputError (one line naming ``path``) when the file cannot be written.
    """
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes only ('w' or 'wb'), not {mode!r}")
    target = Path(path)
    _refuse_special(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{_short(target.name)}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=target.parent
        )
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {unwritable(exc, target.parent)}") from None
    if mode == "w":
        kwargs.setdefault("encoding", "utf-8")
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        publish(Path(tmp))
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write {target}: {unwritable(exc, target.parent)}") from None
        raise


def atomic_write_text(path: str | Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically."""
    with atomic_open(path, "w", newline="\n") as fh:
        fh.write(text)


_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _refuse_special(target: Path) -> None:
    """An output naming a named pipe, device or socket (``--out /dev/stdout``, a FIFO):
    the temp file renamed over it replaced the pipe (as root, the device node) with a
    regular file. Raises OutputError naming it."""
    try:
        mode = target.stat().st_mode
    except OSError:
        return
    what = next((name for test, name in _SPECIAL if test(mode)), None)
    if what is not None:
        raise OutputError(
            f"{target} is {what}, not a file; mtpipe writes its outputs to files "
            "(write one, then copy or pipe it where it should go)"
        )


def check_output_file(path: str | Path) -> Path:
    """Refuse, before any work is done, a file output that could not be written.

    An existing folder, a path under a file (``report.md/x``) or a folder that
    is not writable is an OutputError naming the path.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"{target} is a folder; give a file name for this output")
    _refuse_special(target)
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: {folder} is a file, not a folder")
    code = write_access_error(folder)
    if code:
        fix = write_error_fix(OSError(code, os.strerror(code)), folder)
        raise OutputError(f"cannot write {target}: the folder {folder} is not writable{fix}")
    return target


def resolve_under(root: str | Path, rel: str) -> Path:
    """``root / rel`` for a plain relative path that stays inside ``root``.

    Refuses absolute paths, ``..``, empty or ``.`` parts, backslashes, colons
    (drive letters and streams elsewhere), NUL,
    components over NAME_MAX bytes and anything that resolves (through a
    symbolic link) outside ``root``. Raises OutputError naming ``rel``.
    """
    pure = PurePosixPath(rel)
    parts = pure.parts
    if (
        not parts
        or pure.is_absolute()
        or any(p in ("", ".", "..") or any(c in p for c in "\\:\0") for p in parts)
    ):
        raise OutputError(f"refusing to write {rel!r}: output paths must stay inside {root}")
    too_long = [p for p in parts if len(p.encode("utf-8", "surrogatepass")) > NAME_MAX]
    if too_long:
        raise OutputError(
            f"cannot write {too_long[0][:40]}...: a file name may have at most {NAME_MAX} bytes"
        )
    base = Path(root)
    target = base.joinpath(*parts)
    if not resolved(target, OutputError).is_relative_to(resolved(base, OutputError)):
        raise OutputError(
            f"refusing to write {rel!r}: it resolves outside {root}{_link_in(base, parts)}"
        )
    return target


def _link_in(base: Path, parts: tuple[str, ...]) -> str:
    """The symbolic link on the way from ``base`` to ``parts`` and what to do about it.

    "it resolves outside OUT" alone did not say that a link put there (``ID.fr.md ->
    /etc/passwd``) was the reason, nor that removing it is the fix.
    """
    path = base
    for part in parts:
        path = path / part
        if path.is_symlink():
            return (
                f" ({path} is a symbolic link to {os.readlink(path)}); remove the link "
                "or choose another output folder"
            )
    return ""


def _encode(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _stage(stage: Path, root: Path, files: Mapping[str, str | bytes], remove: list[str]) -> list:
    """Write every new file into ``stage/new/N`` (synced); return the manifest entries."""
    (stage / "new").mkdir()
    (stage / "old").mkdir()
    entries = []
    for n, rel in enumerate([*files, *remove]):
        target = resolve_under(root, rel)
        write = n < len(files)
        if write:
            with open(stage / "new" / str(n), "wb") as fh:
                fh.write(_encode(files[rel]))
                fh.flush()
                os.fsync(fh.fileno())
        entries.append({"n": n, "rel": rel, "write": write, "existed": target.exists()})
    publish(stage / "new")
    return entries


def _keep_old(target: Path, old: Path) -> None:
    """A second name for the previous version (hard link; a copy where links fail)."""
    try:
        os.link(target, old)
    except OSError:
        shutil.copy2(target, old)


def _swap(stage: Path, root: Path, entries: list[dict[str, Any]]) -> None:
    """Put every staged file in place (and remove the ones to remove), keeping the old ones."""
    for e in entries:
        target = root / e["rel"]
        if target.exists():
            _keep_old(target, stage / "old" / str(e["n"]))
        if e["write"]:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(stage / "new" / str(e["n"]), target)
        else:
            target.unlink(missing_ok=True)
    _sync_folder(root)


def _sync_folder(folder: Path) -> None:
    with suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _swapped(entry: dict, stage: Path, root: Path) -> bool:
    """True when the swap has done this manifest entry (its new file moved in, or target gone)."""
    if entry["write"]:
        return not (stage / "new" / str(entry["n"])).exists()
    return not (root / entry["rel"]).exists()


def _trusted(entries: object, root: Path) -> bool:
    """Whether ``entries`` is a manifest as :func:`commit_files` writes it: a list of
    ``{"n": int, "rel": path inside root, "write": bool, "existed": bool}``."""
    if not isinstance(entries, list):
        return False
    for e in entries:
        if not (
            isinstance(e, dict)
            and type(e.get("n")) is int
            and isinstance(e.get("rel"), str)
            and isinstance(e.get("write"), bool)
            and isinstance(e.get("existed"), bool)
        ):
            return False
        try:
            resolve_under(root, e["rel"])
        except OutputError:
            return False
    return True


def _roll_back(stage: Path, root: Path) -> bool:
    """Undo a commit from its staging folder: every previous version back, no new file left.

    False (nothing touched, the folder left) when its manifest is not one this module wrote.
    """
    try:
        entries = json.loads((stage / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        entries = []  # staging never finished: no target was touched
    if not _trusted(entries, root):
        return False  # not a manifest this module wrote: touch nothing
    if entries and all(_swapped(e, stage, root) for e in entries):
        entries = []  # every file is in place (killed before the manifest was renamed): keep it
    for e in entries:
        target = root / e["rel"]
        old, new = stage / "old" / str(e["n"]), stage / "new" / str(e["n"])
        if old.exists():
            os.replace(old, target)
        elif e["write"] and not e["existed"] and not new.exists():
            target.unlink(missing_ok=True)  # this commit created it
    shutil.rmtree(stage, ignore_errors=True)
    return True


# What to do about the write errors a user can fix (the message named only the cause).
# The three ways a folder refuses a write each have their own fix: a permission is
# changed (EACCES), a policy is not (EPERM: an immutable flag, a sandbox, a security
# module: chmod does nothing), and a read-only file system (EROFS: a read-only mount, a
# container volume mounted ``:ro``) takes no file whatever its permissions, so only
# another folder helps. "no permission" for all three sent users to chmod a read-only disk.
# ``{another}`` and ``{writable}`` name the flag or argument of the command that chooses
# where its output goes (:class:`OutputSetting`): ``--out`` for the catalogs was no help.
_FIXES = {
    errno.EISDIR: ": a folder is where that file goes; move it away or {another}",
    errno.ENOTDIR: ": a file is where a folder goes; move it away or {another}",
    errno.ENOSPC: ": free space on that disk (the one holding {folder}) or {another}",
    errno.EDQUOT: ": free space in your disk quota (on the disk holding {folder}) or {another}",
    errno.EACCES: ": the permissions of {folder} do not let you write in it; make it "
    "writable (chmod u+w {folder}, or run as its owner) or {another}",
    errno.EPERM: ": the system does not permit writing in {folder} (an immutable flag, a "
    "sandbox or a security policy, which chmod does not change); {another}",
    errno.EROFS: ": {folder} is on a read-only file system (a read-only mount), where nothing is "
    "written whatever its permissions; {writable}",
}


@dataclass(frozen=True)
class OutputSetting:
    """The flag or argument that chooses where a command writes, as its fixes name it.

    ``name``: ``--out``, ``--locale-dir``, ``--models-dir``, ``--memory``, ``DIR``;
    ``noun``: what another one would be ("output folder", "translation memory file");
    ``kind``: "folder" or "file"; ``example``: a command line choosing one on a
    writable disk (None: none that fits every case).
    """

    name: str = "--out"
    noun: str = "output folder"
    kind: str = "folder"
    example: str | None = "--out $HOME/mtpipe-out"

    def words(self) -> dict[str, str]:
        such_as = f" (such as {self.example})" if self.example else ""
        return {
            "another": f"choose another {self.noun} ({self.name})",
            "writable": f"give {self.name} a {self.kind} on a writable disk{such_as}",
        }


_SETTING: ContextVar[OutputSetting | None] = ContextVar("mtpipe_output_setting", default=None)


@contextmanager
def output_setting(setting: OutputSetting) -> Iterator[None]:
    """Word every write error raised inside the block with ``setting``'s fix.

    The command knows its flag (``catalogs --locale-dir``, ``models fetch --models-dir``);
    the writers under it (:func:`atomic_open`, :func:`commit_files`, a model's marker)
    do not, and said ``--out`` for all."""
    token = _SETTING.set(setting)
    try:
        yield
    finally:
        _SETTING.reset(token)


def write_error_fix(exc: OSError, folder: str | Path | None = None) -> str:
    """``": what to do"`` for a write error a user can fix, else ``""``: the one place
    that words them (every writer: outputs, catalogs, models, the memory, a bundle).
    ``folder``: the folder refused, else that of the error's file, else "that folder";
    the setting to change is the one :func:`output_setting` gave (default ``--out``)."""
    if folder is None and exc.filename:
        folder = os.path.dirname(os.fsdecode(exc.filename)) or None
    words = (_SETTING.get() or OutputSetting()).words()
    return _FIXES.get(exc.errno or 0, "").format(folder=folder or "that folder", **words)


def write_failure(
    what: str, exc: OSError, where: str | Path, after: str = "", folder: str | Path | None = None
) -> str:
    """One line for an OSError met writing ``what`` into ``where``: the cause, ``after``
    (such as "nothing was changed there") and the fix for ``folder`` (default ``where``;
    the parent where a temp folder beside ``where`` was refused), :func:`write_error_fix`."""
    tail = f"; {after}" if after else ""
    fix = write_error_fix(exc, where if folder is None else folder)
    return f"cannot write {what} into {where} ({exc.strerror or exc}){tail}{fix}"


def write_access_error(folder: str | Path) -> int:
    """0 when this process may create files in ``folder``, else why not, as an errno:
    ``EROFS`` for a file system mounted read-only, else what the kernel's ``access(2)``
    says (``EACCES``, or ``EPERM`` for an immutable folder), ``EACCES`` when it cannot
    be asked. ``os.access`` says only yes or no, and every no read "no permission"."""
    if os.access(folder, os.W_OK | os.X_OK):
        return 0
    with suppress(OSError):
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return errno.EROFS
    return _access_errno(folder) or errno.EACCES


def _access_errno(folder: str | Path) -> int:
    """The errno of the C library's ``access(folder, W_OK | X_OK)``, 0 if none or unknown."""
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.access(os.fsencode(folder), os.W_OK | os.X_OK) == 0:
            return 0
        return ctypes.get_errno()
    except (OSError, AttributeError, TypeError):
        return 0


def unwritable(exc: OSError, folder: str | Path) -> str:
    """``"CAUSE: what to do"`` for an error writing in ``folder`` (:func:`write_error_fix`)."""
    return f"{exc.strerror or exc}{write_error_fix(exc, folder)}"


def commit_files(
    root: str | Path, files: Mapping[str, str | bytes], remove: Iterable[str] = ()
) -> list[Path]:
    """Write ``files`` (path relative to ``root`` -> text or bytes) all or nothing.

    ``remove`` names files (relative to ``root``) that the same commit deletes,
    e.g. outputs of a language no longer asked for. Returns the written paths.
    Raises OutputError (one line) when a path would leave ``root`` or anything
    fails; the previous version of every file is then intact.
    """
    root = Path(os.path.abspath(root))
    remove = [r for r in remove if r not in files]
    for rel in [*files, *remove]:
        # a named pipe or device where an output goes is refused, not replaced or opened
        _refuse_special(resolve_under(root, rel))
    try:
        root.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}.", dir=root))
    except OSError as exc:
        raise OutputError(f"cannot write to {root}: {unwritable(exc, root)}") from None
    try:
        entries = _stage(stage, root, files, remove)
        (stage / MANIFEST).write_text(json.dumps(entries), encoding="utf-8")
        _swap(stage, root, entries)
        # The commit is complete: without a manifest a later clean-up only deletes the
        # staging folder, so a kill -9 from here on can no longer roll a finished commit back.
        os.replace(stage / MANIFEST, stage / DONE)
    except BaseException as exc:
        _roll_back(stage, root)
        if isinstance(exc, OSError):
            name = str(exc.filename or "")
            where = name if name and STAGE_PREFIX not in name else root
            fix = write_error_fix(exc, root)
            raise OutputError(
                f"cannot write the outputs into {root}: {exc.strerror or exc} ({where}); "
                f"no file was changed{fix}"
            ) from None
        raise
    shutil.rmtree(stage, ignore_errors=True)
    return [root / rel for rel in files]


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _dead_writer(name: str, prefix: str) -> bool:
    """True when ``name`` is ``PREFIX<pid>.<rest>`` and that pid no longer runs."""
    pid = name[len(prefix) :].split(".", 1)[0]
    return name.startswith(prefix) and pid.isdigit() and not pid_alive(int(pid))


def remove_stale_temps(folder: str | Path) -> list[Path]:
    """Clean up after writers that no longer run (e.g. ``kill -9``) in ``folder``.

    Deletes their temp files and rolls back their unfinished commits (each
    file of the article back to its previous version). Returns what was removed.
    """
    removed: list[Path] = []
    root = Path(folder)
    if not root.is_dir():
        return removed
    for tmp in root.glob(f".*{TEMP_SUFFIX}"):
        parts = tmp.name.rsplit(".", 3)  # [.NAME, PID, RANDOM, SUFFIX]
        pid = parts[1] if len(parts) == 4 else ""
        if pid.isdigit() and not pid_alive(int(pid)):
            tmp.unlink(missing_ok=True)
            removed.append(tmp)
    for stage in root.glob(f"{STAGE_PREFIX}*"):
        if stage.is_dir() and _dead_writer(stage.name, STAGE_PREFIX) and _roll_back(stage, root):
            removed.append(stage)
    return removed
