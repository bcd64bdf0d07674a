"""The one place a user's path is made absolute: ``~`` expanded, links resolved.

Two faults met every command that took a path. ``Path.resolve()`` raises RuntimeError
(Python 3.11; OSError in 3.13) on a loop of symbolic links, which was a traceback at
each of a dozen call sites; :func:`resolved` turns it, and any OSError met on the way,
into the project's error naming the path and the fix. And ``~/news`` given where no
shell expands it (a quoted ``--out``, a TOML value, ``make`` under ``sh``) made a folder
literally named ``~``; :func:`home_expanded` expands it for every path flag and key.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from pipeline.errors import InputError, PipelineError, UsageError

LINK_FIX = "a symbolic link to nothing (or a loop of links); fix the link"

# What a path that exists but is no regular file is: reading one waits for a writer that
# may never come (a named pipe, a terminal) or never ends (/dev/zero, /dev/urandom).
_NOT_A_FILE = {
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def special_file(path: Path) -> str | None:
    """What ``path`` is when it exists as a pipe, device or socket ("a named pipe"), which
    a reader or SQLite would wait on or read without end; None for anything else.

    Raises OSError as ``Path.stat`` does."""
    return _NOT_A_FILE.get(stat.S_IFMT(path.stat().st_mode)) if path.exists() else None


def path_trouble(path: str | Path, exc: BaseException) -> str:
    """The one-line cause and fix for ``exc``, met while resolving or opening ``path``."""
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
        return f"{path}: {LINK_FIX}"
    reason = getattr(exc, "strerror", None) or str(exc)
    return f"{path}: cannot be resolved ({reason}); check the path and its folders"


def resolved(path: str | Path, error: type[PipelineError] = InputError, fix: str = "") -> Path:
    """``path`` absolute, its links followed; a loop of links or an OSError is ``error``
    (InputError, exit 3, for something read; OutputError for something written) naming
    the path, with ``fix`` (such as ``"or give --memory another file"``) added."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError) as exc:
        message = path_trouble(path, exc)
        raise error(f"{message} {fix}".rstrip()) from None


def resolved_or_none(path: str | Path) -> Path | None:
    """``path`` resolved, or None when it cannot be (a loop of links): for a comparison
    or a de-duplication, which then treats the path as unlike any other, so the read
    that follows fails naming it (in a batch, that article alone)."""
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        return None


def home_expanded(value: str | Path, name: str = "") -> Path:
    """``value`` with a leading ``~`` or ``~user`` expanded to that home folder, as a
    shell would have done: taken literally, ``--out "~/news"`` wrote into ``./~/news``
    (and ``rm -rf ~`` to clean it up deletes the home folder). A ``~user`` with no such
    user, or ``~`` with no home folder known, is a UsageError naming ``name`` (the flag
    or key) and the fix. Other paths are returned as given."""
    text = str(value)
    if not text.startswith("~"):
        return Path(value)
    expanded = os.path.expanduser(text)
    if expanded.startswith("~"):
        where = f"{name} " if name else ""
        raise UsageError(
            f"{where}{text}: '~' cannot be expanded (no such user or no home folder); "
            "write the full path"
        )
    return Path(expanded)
