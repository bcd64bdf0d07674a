"""``translate_files``: the whole pipeline over files, with the local runner.

Kept for callers of the first API; the work is in :mod:`pipeline.runners`
(plan -> process -> commit). Incremental (an article whose input, settings,
resources and models are unchanged since its document JSON was written is
skipped without loading a model), resilient (a bad input is reported and the
others still run) and resumable (articles are written as each group finishes,
atomically, and the memory is committed batch by batch).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from pipeline.config import Config
from pipeline.runners import RunOptions, RunResult, run_files
from pipeline.runners.key import build_key
from pipeline.runners.options import log_stderr

__all__ = ["build_key", "translate_files"]


def translate_files(
    paths: Sequence[str | Path],
    config: Config,
    out_dir: str | Path,
    *,
    model_dirs: Mapping[str, Path] | None = None,
    use_memory: bool = True,
    run_qa: bool = True,
    force: bool = False,
    progress: bool = False,
    log: Callable[[str], None] = log_stderr,
) -> RunResult:
    """Translate article files into ``out_dir`` locally; see :func:`pipeline.runners.run_files`."""
    options = RunOptions(
        model_dirs=dict(model_dirs or {}),
        use_memory=use_memory,
        run_qa=run_qa,
        force=force,
        progress=progress,
        log=log,  # by keyword: positionally it landed in ``quiet`` and was never called
    )
    return run_files(paths, config, out_dir, options)
