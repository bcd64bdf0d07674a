"""Runners: how a batch of articles goes from input files to written outputs.

Every runner composes the same three steps, each in its own module:

1. :func:`~pipeline.runners.plan.make_plan` (plan.py): read the inputs, key
   them, skip the up-to-date ones, check everything that can fail before a
   model loads. Gives a :class:`~pipeline.runners.plan.Plan` of
   :class:`~pipeline.runners.plan.Job`\\ s.
2. :class:`~pipeline.runners.process.Pipeline` (process.py): translate ->
   localise -> qa over a group of articles, with translators and a memory.
3. :func:`~pipeline.runners.commit.commit_article` (commit.py): write one
   article's outputs atomically; :func:`~pipeline.runners.commit.settle`
   records its :class:`~pipeline.runners.result.ArticleOutcome`.

A runner is a class with ``name`` and ``run(plan, options) -> RunResult``,
constructed without arguments. :data:`RUNNERS` maps a name to its import
path, imported only when used (as sacrebleu's metric registries do), so the
Ray runner costs nothing until asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from pipeline.config import Config
from pipeline.errors import UsageError
from pipeline.runners.options import RunOptions
from pipeline.runners.result import ArticleOutcome, RunResult

if TYPE_CHECKING:
    from pipeline.runners.plan import Job, Plan

_PLAN_NAMES = ("Job", "Plan", "make_plan")

RUNNERS: dict[str, str] = {
    "local": "pipeline.runners.local:LocalRunner",
    "ray": "pipeline.runners.ray:RayRunner",
}


class Runner(Protocol):
    """Executes a plan: process every job and commit it; returns all outcomes."""

    name: str

    def run(self, plan: Plan, options: RunOptions) -> RunResult: ...


def get_runner(name: str) -> Runner:
    """A new runner registered as ``name``; UsageError for an unknown name."""
    try:
        target = RUNNERS[name]
    except KeyError:
        raise UsageError(f"unknown runner {name!r}; use one of {', '.join(RUNNERS)}") from None
    module, _, cls = target.partition(":")
    return getattr(importlib.import_module(module), cls)()


def run_files(
    paths: Sequence[str | Path],
    config: Config,
    out_dir: str | Path,
    options: RunOptions | None = None,
    runner: str = "local",
) -> RunResult:
    """Translate article files into ``out_dir`` with the named runner.

    Raises before any work for a usage, output-folder or model problem; input
    and per-article failures are in the result (see ``RunResult.error``).
    """
    from pipeline.runners.plan import make_plan

    options = options or RunOptions()
    plan = make_plan(
        paths,
        config,
        out_dir,
        model_dirs=options.model_dirs,
        force=options.force,
        run_qa=options.run_qa,
        use_memory=options.use_memory,
        log=options.log,
    )
    return get_runner(runner).run(plan, options)


def __getattr__(name: str) -> Any:
    """The planning names, imported on first use (plan.py imports the readers and
    backends, which ``mtpipe --help`` does not need)."""
    if name in _PLAN_NAMES:
        from pipeline.runners import plan

        return getattr(plan, name)
    raise AttributeError(f"module 'pipeline.runners' has no attribute {name!r}")


__all__ = [
    "RUNNERS",
    "ArticleOutcome",
    "Job",
    "Plan",
    "RunOptions",
    "RunResult",
    "Runner",
    "get_runner",
    "make_plan",
    "run_files",
]
