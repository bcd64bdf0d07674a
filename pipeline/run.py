"""``translate_files``: the whole pipeline over files, with the local runner.

Kept for callers of the first API; the work is in :mod:`pipeline.runners`
(plan -> process -> commit). Incremental (an article whose input, settings,
resources and models are unchanged since its document JSON was written is
skipped without loading a model), resilient (a bad input is reported and the
others still run) and resumable (articles are written as each group finishes,
atomically, and the memory is committed batch by batch).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.config import Config
from pipeline.runners import RunOptions, RunResult, run_files
from pipeline.runners.key import build_key

__all__ = ["build_key", "translate_files"]


def translate_files(
    paths: Sequence[str | Path], config: Config, out_dir: str | Path, **options: Any
) -> RunResult:
    """Translate article files into ``out_dir`` locally; see :func:`pipeline.runners.run_files`.

    ``options`` are :class:`pipeline.runners.RunOptions` fields by keyword
    (``model_dirs``, ``use_memory``, ``run_qa``, ``force``, ``progress``,
    ``quiet``, ``log``, ``report``: each article's event as it is settled); an unknown
    name raises TypeError.
    """
    return run_files(paths, config, out_dir, RunOptions(**options))
