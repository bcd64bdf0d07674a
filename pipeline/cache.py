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

import os
import tempfile
from pathlib import Path


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
