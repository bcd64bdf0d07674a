"""Write the bundle atomically: build in a staging folder beside the target, then swap.

Readers of the site folder see either the old bundle or the new one, never a
half-written one; a failed build leaves the old bundle untouched. A folder is
only ever replaced when it is empty or was written by ``mtpipe bundle`` (it
holds the report marker), so ``--out .`` or a typo cannot wipe other files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from pipeline.errors import OutputError

MARKER = "_report.json"


def safe_target(root: Path, rel: str) -> Path:
    """``root / rel`` for a plain relative path; anything that could leave ``root`` is refused."""
    parts = PurePosixPath(rel).parts
    if (
        not parts
        or PurePosixPath(rel).is_absolute()
        or any(p in ("", ".", "..") or "\\" in p or ":" in p for p in parts)
    ):
        raise OutputError(f"refusing to write {rel!r}: bundle paths must stay inside the bundle")
    target = root.joinpath(*parts)
    if not target.resolve().is_relative_to(root.resolve()):
        raise OutputError(f"refusing to write {rel!r}: it resolves outside the bundle")
    return target


def check_replaceable(out_dir: Path) -> None:
    """Refuse to replace anything but a missing, empty or earlier bundle folder."""
    if out_dir.is_symlink():
        raise OutputError(f"{out_dir} is a symbolic link; give the real folder as --out")
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir} exists and is not a folder; choose another --out")
    if any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise OutputError(
            f"{out_dir} holds files that mtpipe did not write (no {MARKER}); "
            "choose a new or empty folder for the bundle"
        )


def write_tree(out_dir: Path, files: dict[str, str]) -> None:
    """Write ``files`` (bundle path -> text) as the new content of ``out_dir``, atomically."""
    out_dir = Path(os.path.abspath(out_dir))
    check_replaceable(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(
            tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".new", dir=out_dir.parent)
        )
    except OSError as exc:
        raise OutputError(f"cannot create a folder beside {out_dir}: {exc.strerror}") from None
    try:
        for rel in sorted(files):
            target = safe_target(staging, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[rel].encode("utf-8"))
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a site must be readable
        _swap(staging, out_dir)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(f"cannot write the bundle into {out_dir}: {exc}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, out_dir: Path) -> None:
    """Put ``staging`` in place of ``out_dir``; restore the old folder if that fails."""
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", suffix=".old", dir=out_dir.parent))
    os.replace(out_dir, old)  # a folder replaces an empty folder on POSIX
    try:
        os.replace(staging, out_dir)
    except OSError:
        os.replace(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
