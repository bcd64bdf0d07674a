"""mtpipe's cache folder: decoded resources a later run reads instead of parsing again.

What lives there is derived data only (wordfreq's lists decoded, Babel's parse of the
catalogs, the content stamps of model files), each file carrying the key of what it was
made from: a stale, damaged or missing file is read again from its source and rewritten,
never an error, and deleting the folder loses nothing.

A key is the source's CONTENT (size and a hash of its bytes: a ``.po`` costs
microseconds), or, where hashing costs too much at every run, an identity that no
restore can fake, checked before the file is trusted (size, mtime_ns, ctime_ns and
inode: ``cp -p``, ``git checkout`` and ``touch -d`` set the modification time back, never
the change time). A modification time alone is no key: an edit within one clock tick,
or a file put back with its old time, served the old parse in every later run.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    """The cache folder: ``$MTPIPE_CACHE_DIR``, else ``$XDG_CACHE_HOME/mtpipe`` (an
    absolute one: the XDG Base Directory Specification ignores a relative value), else
    ``~/.cache/mtpipe``; None when caching is off (``MTPIPE_CACHE_DIR`` set to ``off``,
    ``0``, ``none`` or empty)."""
    chosen = os.environ.get("MTPIPE_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off", "0", "none") else Path(chosen)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".cache"
    return base / "mtpipe"


def write_cache_file(target: Path, data: bytes) -> bool:
    """Write ``data`` to ``target`` atomically (a temp file in its folder, then a rename:
    a reader sees the old file or the new one, never half of one). A folder that cannot
    be made or written leaves no file and raises nothing: a cache is optional.
    Returns whether the file was written."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=target.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(temp, target)
        except BaseException:
            os.unlink(temp)
            raise
    except OSError:
        return False
    return True


# 3: one entry per file, kept while its own stat holds (2 rehashed the whole folder when
# any file moved; 1 hashed a large file's first and last MiB only).
_STAMP_FORMAT = 3
_READ_BYTES = 1 << 20


def content_stamps(folder: Path, files: dict[str, Path]) -> dict[str, list[Any]]:
    """Each of ``files``' :func:`content_stamp` (by its name relative to ``folder``), from
    the cache folder while the file's size, mtime_ns, ctime_ns and inode have not moved
    since it was hashed, else hashed again.

    The one cache of model file stamps: the build key
    (:func:`pipeline.runners.key.model_fingerprints`) and the weights stamp that tells a
    stale CTranslate2 conversion or a copied-over model at each load
    (:func:`pipeline.models.local.weights_stamp`) share it, so a run or a load costs a
    stat when nothing changed, and whichever comes first hashes a changed file once.
    The change time is what ``cp -p``, ``touch -d`` or a tar cannot set back. A missing,
    damaged or unwritable cache only means hashing (never an error).
    """
    key = str(folder.resolve())
    target = _stamp_file(key)
    stored = _read_stamps(target)
    idents = {rel: _file_ident(f) for rel, f in files.items()}
    stamps: dict[str, list[Any]] = {}
    for rel, f in files.items():
        entry = stored.get(rel)
        if entry is not None and entry[0] == idents[rel]:
            stamps[rel] = entry[1]
        else:
            stamps[rel] = content_stamp(f)
    if target is not None and any(stored.get(rel, [None])[0] != idents[rel] for rel in files):
        # kept: other files' entries (another caller asked for them), while they exist;
        # stored: only files not rewritten while they were hashed
        kept = {r: e for r, e in stored.items() if r not in files and (folder / r).exists()}
        fresh = {r: [idents[r], stamps[r]] for r, f in files.items() if _file_ident(f) == idents[r]}
        blob = {"format": _STAMP_FORMAT, "folder": key, "files": {**kept, **fresh}}
        write_cache_file(target, json.dumps(blob, sort_keys=True).encode())
    return stamps


def _stamp_file(folder_key: str) -> Path | None:
    base = cache_dir()
    if base is None:
        return None
    name = hashlib.sha256(folder_key.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return base / "models" / f"{name}.json"


def _read_stamps(target: Path | None) -> dict[str, list[Any]]:
    """The stored ``{rel: [ident, stamp]}`` of a folder; empty when absent or damaged."""
    if target is None:
        return {}
    try:
        stored = json.loads(target.read_bytes())
        if stored["format"] != _STAMP_FORMAT:
            return {}
        files = stored["files"]
        return {
            r: e for r, e in files.items() if isinstance(e, list) and len(e) == 2
        }  # checked: a damaged entry is hashed again
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}


def _file_ident(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def content_stamp(path: Path) -> list[Any]:
    """``[size, sha256]`` of a file's every byte.

    Large files were stamped by their first and last MiB only: a fine-tune of the same
    size (or a few layers merged in) whose first and last MiB matched kept every article
    up to date with the old model's text, and a stale CTranslate2 conversion in use.
    Sampling more still skips bytes, so the whole file is read: about 0.26 s for a 340 MB
    Marian safetensors from the page cache (the first and last MiB took 5 ms), paid only
    when a file's stat moved (:func:`content_stamps` keeps the stamps), not at every run."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        while chunk := fh.read(_READ_BYTES):
            digest.update(chunk)
    return [size, digest.hexdigest()[:32]]
