"""Write the bundle atomically: build in a staging folder beside the target, then swap.

Readers of the site folder see either the old bundle or the new one, never a
half-written one; a failed build leaves the old bundle untouched. Staging
folders carry the writer's pid (``.site.PID.RANDOM.new`` / ``.old``), so a
later build removes those of a writer killed with ``kill -9`` (and puts the
old site back if the kill came between the two renames of the swap). A folder is
only ever replaced when it is empty or was written by ``mtpipe bundle`` (it
holds the report marker), so ``--out .`` or a typo cannot wipe other files.
"""

from __future__ import annotations

import errno
import glob
import os
import shutil
import stat
import tempfile
from pathlib import Path

from pipeline.atomic import pid_alive, resolve_under, write_error_fix
from pipeline.errors import OutputError

MARKER = "_report.json"
REPORT_GENERATOR = "mtpipe bundle"  # the report's "generator" (pipeline.bundle.report)
MAX_REPORT_BYTES = 256 * 1024 * 1024


def safe_target(root: Path, rel: str) -> Path:
    """``root / rel`` for a plain relative path; anything that could leave ``root`` is refused."""
    return resolve_under(root, rel)


def refuse_link(out_dir: Path) -> None:
    """Refuse ``out_dir`` when it is a symbolic link, dangling or not: the swap would
    replace the link, not the folder it names.

    A dangling one was told "create the target or choose another --out" (translate's
    advice, where a link to a folder is a fine ``--out``); created, the target was then
    refused as a link: the fix the first line gave led straight to the second refusal.
    """
    if not out_dir.is_symlink():
        return
    target = os.readlink(out_dir)
    missing = "" if out_dir.exists() else ", which does not exist"
    raise OutputError(
        f"{out_dir} is a symbolic link to {target}{missing}; the bundle replaces its --out "
        "folder whole, so give a real folder as --out"
    )


def refuse_mount_point(out_dir: Path) -> None:
    """Refuse an ``out_dir`` that is a mount point (a container's volume, a disk or tmpfs
    mounted as the web root): it cannot be renamed, so the swap cannot replace it.

    It failed after the site was staged, "Device or resource busy", with no fix, and
    left an empty ``.old`` folder beside it; the first build into an empty mount failed
    the same way. A folder inside the mount is swapped like any other.
    """
    if out_dir.is_dir() and os.path.ismount(out_dir):
        raise OutputError(
            f"{out_dir} is a mount point (a volume or a file system of its own): the bundle "
            "is built beside its --out folder and swapped in whole, which a mount point "
            f"cannot be; give a folder inside it (--out {out_dir / 'site'}) and serve that"
        )


def check_replaceable(out_dir: Path) -> None:
    """Refuse to replace anything but a missing, empty or earlier bundle folder."""
    refuse_link(out_dir)
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise OutputError(f"{out_dir} exists and is not a folder; choose another --out")
    if any(out_dir.iterdir()) and not is_bundle_report(out_dir / MARKER):
        raise OutputError(
            f"{out_dir} holds files that mtpipe did not write (no {MARKER} written by "
            "mtpipe bundle); choose a new or empty folder for the bundle"
        )


def is_bundle_report(path: Path) -> bool:
    """Whether ``path`` is the report ``mtpipe bundle`` writes (a regular file, not a link,
    whose JSON object says ``"generator": "mtpipe bundle"``).

    The name alone was taken as proof: a folder holding any ``_report.json`` (another
    tool's, or ``{}``) had its whole content replaced by the site. Reports larger than
    :data:`MAX_REPORT_BYTES` are no bundle's (the report lists pages, not their text).
    """
    import json

    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_REPORT_BYTES:
            return False
        data = json.loads(path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("generator") == REPORT_GENERATOR


def earlier_slugs(out_dir: Path) -> dict[str, str]:
    """Article id -> page slug in the bundle at ``out_dir`` (from its report), so a rebuild
    keeps every published URL; empty when ``out_dir`` holds no bundle. Entries of another
    shape are skipped: the report is a file in a folder anyone may edit."""
    import json

    report = Path(out_dir) / MARKER
    if not is_bundle_report(report):
        return {}
    pages = json.loads(report.read_bytes()).get("pages")
    slugs: dict[str, str] = {}
    for page in pages if isinstance(pages, list) else []:
        if not isinstance(page, dict):
            continue
        article, path = page.get("article"), page.get("path")
        if isinstance(article, str) and isinstance(path, str) and path.endswith(".html"):
            slugs.setdefault(article, path.rpartition("/")[2].removesuffix(".html"))
    return slugs


def write_tree(out_dir: Path, files: dict[str, str]) -> None:
    """Write ``files`` (bundle path -> text) as the new content of ``out_dir``, atomically.

    ``out_dir`` is held to translate's ``--out`` rules first: a symbolic link to nothing
    (as ``out_dir`` or above it), a file, or a folder that cannot be written is one line
    naming it (the dangling link and its target), before any folder is made or restored.
    """
    from pipeline.runners.plan import check_out_dir  # translate's rules, one place

    refuse_link(Path(out_dir))
    check_out_dir(Path(out_dir))
    refuse_mount_point(Path(out_dir))
    out_dir = Path(os.path.abspath(out_dir))
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_staging(out_dir)
        check_replaceable(out_dir)
        staging = Path(tempfile.mkdtemp(prefix=_prefix(out_dir), suffix=".new", dir=out_dir.parent))
    except OSError as exc:
        # The site is built beside --out and swapped in: the folder above must be writable
        # too, which the line did not say (a site folder of yours in /srv/www, owned by root).
        raise OutputError(
            f"cannot create a folder beside {out_dir}: {exc.strerror}; the bundle is built "
            f"in {out_dir.parent} and swapped in whole, so that folder must be writable"
            f"{_beside_fix(exc, out_dir.parent)}"
        ) from None
    try:
        for rel in sorted(files):
            target = safe_target(staging, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[rel].encode("utf-8"))
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a site must be readable
        _swap(staging, out_dir)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        # the staging path in ``str(exc)`` is gone by now: the cause and the fix instead
        raise OutputError(
            f"cannot write the bundle into {out_dir}: {exc.strerror or exc}; nothing was "
            f"changed{_swap_fix(exc, out_dir)}"
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _beside_fix(exc: OSError, parent: Path) -> str:
    """What to do when the folder above ``--out`` refuses the staging folder: a read-only
    disk, a permission and a policy each their own fix (:func:`write_error_fix`)."""
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return write_error_fix(exc, parent)
    return " (or choose another --out)"


def _swap_fix(exc: OSError, out_dir: Path) -> str:
    """What to do about a write error; a folder the kernel will not rename (busy, or on
    another device: a bind mount that :func:`refuse_mount_point` cannot tell from a folder)
    is a mount point, whose fix is a folder inside it."""
    if exc.errno in (errno.EBUSY, errno.EXDEV):
        return (
            f": {out_dir} cannot be renamed (a mount point, such as a container's volume?); "
            f"give a folder inside it (--out {out_dir / 'site'}) and serve that"
        )
    return write_error_fix(exc, out_dir)


def _swap(staging: Path, out_dir: Path) -> None:
    """Put ``staging`` in place of ``out_dir``; restore the old folder if that fails."""
    if not out_dir.exists():
        os.replace(staging, out_dir)
        return
    old = Path(tempfile.mkdtemp(prefix=_prefix(out_dir), suffix=".old", dir=out_dir.parent))
    try:
        os.replace(out_dir, old)  # a folder replaces an empty folder on POSIX
    except OSError:
        old.rmdir()  # still empty: nothing of this build is left beside --out
        raise
    try:
        os.replace(staging, out_dir)
    except OSError:
        os.replace(old, out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _prefix(out_dir: Path) -> str:
    return f".{out_dir.name}.{os.getpid()}."


def remove_stale_staging(out_dir: Path) -> list[Path]:
    """Remove the staging folders of dead writers beside ``out_dir``; restore a lost site.

    A writer killed between moving the old site aside and moving the new one in
    leaves no ``out_dir`` but a complete ``.old`` folder: that is put back.
    """
    removed = []
    for path in sorted(out_dir.parent.glob(f".{glob.escape(out_dir.name)}.*")):
        pid, _, rest = path.name[len(out_dir.name) + 2 :].partition(".")
        if not (path.is_dir() and pid.isdigit() and rest.endswith((".new", ".old"))):
            continue
        if pid_alive(int(pid)):
            continue
        if rest.endswith(".old") and not out_dir.exists():
            os.replace(path, out_dir)
        else:
            shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed
