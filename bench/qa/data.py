"""Line-aligned WMT news test sets from ../shared/data (benchmarks only; tests never read them)."""

from __future__ import annotations

import os
from pathlib import Path

SHARED = Path(os.environ.get("SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
# Everything shipped (length constants, thresholds) is fitted or chosen on TUNING_SET;
# HELD_OUT_SET is only scored, so that its numbers estimate QA on unseen news.
TUNING_SET = "newstest2009"
HELD_OUT_SET = "newssyscomb2009"


def load(
    name: str, langs: tuple[str, ...] = ("it", "en", "fr"), shared: Path = SHARED
) -> dict[str, list[str]]:
    """``{lang: lines}`` of ``data/<name>/<name>.<lang>``; fails clearly when absent."""
    folder = Path(shared) / "data" / name
    out = {}
    for lang in langs:
        path = folder / f"{name}.{lang}"
        if not path.exists():
            raise SystemExit(f"{path} not found: set SHARED=/path/to/shared (default ../shared)")
        out[lang] = path.read_text(encoding="utf-8").splitlines()
    if len({len(v) for v in out.values()}) != 1:
        raise SystemExit(f"{folder}: the language files are not line-aligned")
    return out
