"""Per-article outcomes of a run and the one error that reports all failures."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.errors import PipelineError, RunFailed

TRANSLATED = "translated"
UP_TO_DATE = "up-to-date"
FAILED = "failed"
PENDING = "pending"
STARTED = "started"  # an ArticleEvent's kind: the article's group starts translating
SETTLED = "settled"  # an ArticleEvent's kind: the article is written, failed or up to date


@dataclass
class ArticleOutcome:
    """What happened to one input file.

    ``status`` is one of ``pending`` (planned, not processed yet), ``translated``,
    ``up-to-date`` (skipped: its outputs carry the current build key) or
    ``failed`` (``error`` holds the one-line message, ``error_type`` its class,
    whose ``exit_code`` the CLI uses). ``findings`` counts QA findings by
    severity; ``outputs`` are the paths written, as strings.
    """

    path: str
    article_id: str | None = None
    status: str = PENDING
    error: str | None = None
    error_type: type[PipelineError] = PipelineError
    outputs: list[str] = field(default_factory=list)
    findings: dict[str, int] = field(default_factory=dict)

    def fail(self, exc: PipelineError) -> None:
        """Mark this article failed with ``exc``'s message and type."""
        self.status, self.error, self.error_type = FAILED, str(exc), type(exc)


@dataclass(frozen=True)
class ArticleEvent:
    """One article's step, reported while the run goes on (:attr:`RunOptions.report`).

    Reported as it happens so a long batch shows progress (the command line
    printed every article's line only when the whole run ended: nothing for
    minutes). ``kind`` is :data:`SETTLED` once ``outcome`` is final (written,
    failed or up to date; ``done`` then counts it) or :data:`STARTED` when the
    article's group starts translating (``done`` counts the articles to be
    settled before it: those already settled, and the ones before it in its
    group; ``segments`` is its text segment count). ``total`` is the
    run's input count, so ``done``/``total`` reads "[3/120]". ``group`` is the
    whole group's ``(articles, segments)`` on the first STARTED event of a group
    (None on the others): a group of many short articles is translated together
    before any of them is written, which with a real model can take a minute.
    """

    kind: str
    outcome: ArticleOutcome
    done: int
    total: int
    segments: int = 0
    group: tuple[int, int] | None = None


@dataclass
class RunResult:
    """Every input's outcome (in input order) and what the run loaded.

    ``models_loaded`` lists the target languages whose model actually loaded
    (none when everything came from the memory); ``tiny_models`` the pairs
    served by a tiny random model (their output is noise).
    """

    outcomes: list[ArticleOutcome] = field(default_factory=list)
    models_loaded: list[str] = field(default_factory=list)
    tiny_models: list[str] = field(default_factory=list)

    @property
    def results(self) -> list[ArticleOutcome]:
        """Alias of ``outcomes`` (the name the first runner used)."""
        return self.outcomes

    @property
    def failed(self) -> list[ArticleOutcome]:
        return [r for r in self.outcomes if r.status == FAILED]

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.outcomes)

    def error(self) -> RunFailed | None:
        """One error for all failures, or None when none failed.

        A run of one input gives that input's message; a batch gives a summary
        (the caller prints each failure's line first, as it happens: see
        :class:`ArticleEvent`; or after the run, :meth:`failure_lines`).
        The exit code is the failures' shared code, else 1.
        """
        failed = self.failed
        if not failed:
            return None
        codes = {r.error_type.exit_code for r in failed}
        code = codes.pop() if len(codes) == 1 else 1
        if len(self.outcomes) == 1:
            return RunFailed(failed[0].error or "input failed", code)
        others = (
            "none was written" if len(failed) == len(self.outcomes) else "the others were written"
        )
        return RunFailed(
            f"{len(failed)} of {len(self.outcomes)} inputs failed (listed above); {others}",
            code,
        )

    def failure_lines(self) -> list[str]:
        """One line per failed article (its error message, which names the file)."""
        return [r.error or f"{r.path}: failed" for r in self.failed]

    def raise_for_failures(self) -> None:
        """Raise :meth:`error` when any article failed."""
        error = self.error()
        if error is not None:
            raise error
