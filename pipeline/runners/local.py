"""The local runner: plan -> (process -> commit) group by group, in this process."""

from __future__ import annotations

from typing import Any

from pipeline.runners.commit import Ledger
from pipeline.runners.options import RunOptions
from pipeline.runners.plan import Plan
from pipeline.runners.process import Pipeline, open_memory
from pipeline.runners.result import RunResult


class LocalRunner:
    """Runs a :class:`Plan` in this process; models load once, memory committed per batch."""

    name = "local"

    def run(self, plan: Plan, options: RunOptions) -> RunResult:
        """Process and commit every job of ``plan``; return every input's outcome."""
        result = RunResult(outcomes=plan.outcomes)
        ledger = Ledger(plan, options)
        if not plan.jobs:
            return result
        memory = open_memory(plan.config, options.use_memory)
        try:
            pipeline = Pipeline(
                plan.config,
                plan.model_dirs,
                plan.targets,
                memory=memory,
                glossary=plan.glossary,
                options=options,
                qa_worker=True,  # QA's one-off loading overlaps model loading (issue 15)
            )
            result.tiny_models = list(pipeline.tiny_models)
            self._run_groups(plan, pipeline, ledger, options)
            result.models_loaded = pipeline.models_loaded
        finally:
            if memory is not None:
                memory.close()
        return result

    @staticmethod
    def _run_groups(plan: Plan, pipeline: Pipeline, ledger: Ledger, options: RunOptions) -> None:
        """Translate group by group; write and report each article as soon as it is checked."""
        bar = _article_bar(len(plan.jobs), options.progress)
        try:
            for group in plan.groups():
                ledger.start(group)
                done = pipeline.process_each([job.article for job in group])
                for job, processed in zip(group, done, strict=True):
                    ledger.settle(job.index, processed)
                    bar.update(1)
        finally:
            bar.close()


class _NoBar:
    """What the loop calls on a progress bar, doing nothing (no bar: no tqdm import)."""

    def update(self, n: int = 1) -> None:
        pass

    def close(self) -> None:
        pass


def _article_bar(total: int, progress: bool) -> Any:
    """A tqdm bar over the articles when ``progress``; otherwise one that shows nothing."""
    if not progress:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="article", desc="articles")
