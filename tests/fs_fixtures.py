"""File-system conditions a test cannot make for real as root: shared by the write-error tests."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest


def read_only_mount(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """``folder`` (and what is under it) on a file system mounted read-only: ``os.access``
    refuses writes there and ``os.statvfs`` reports ``ST_RDONLY``, as a ``ro`` mount does."""
    real_access, real_statvfs = os.access, os.statvfs
    under = str(folder)

    def access(path, mode, *a, **kw):
        if str(path).startswith(under) and mode & os.W_OK:
            return False
        return real_access(path, mode, *a, **kw)

    def statvfs(path):
        found = real_statvfs(path)
        if not str(path).startswith(under):
            return found
        return SimpleNamespace(f_flag=found.f_flag | os.ST_RDONLY)

    monkeypatch.setattr(os, "access", access)
    monkeypatch.setattr(os, "statvfs", statvfs)
