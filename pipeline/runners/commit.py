"""Step 3 of a run: write one processed article's outputs, all or nothing (an I/O edge).

Every output is rendered first, then :func:`pipeline.atomic.commit_files`
swaps them in together (a failure leaves the previous version of each file).
The document JSON records the names of the files written
(``meta["outputs"]``) and each one's digest (``meta["output_digests"]``, set by
:func:`pipeline.writers.render_outputs`); outputs of the previous run of the same article that
this run no longer writes (``ID.fr.*`` after a rerun ``--to en``) are removed
in the same commit, and no other file is touched.

:class:`Ledger` is what every runner settles articles through, so each
article is reported (:attr:`~pipeline.runners.options.RunOptions.report`) as
soon as it is written or has failed, whatever runner ran it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.atomic import commit_files
from pipeline.config import Config
from pipeline.document import Article
from pipeline.errors import PipelineError
from pipeline.runners.options import RunOptions
from pipeline.runners.process import Processed, bug_message
from pipeline.runners.result import (
    FAILED,
    PENDING,
    SETTLED,
    STARTED,
    TRANSLATED,
    ArticleEvent,
    ArticleOutcome,
)
from pipeline.writers import output_paths, render_outputs

if TYPE_CHECKING:
    from pipeline.runners.plan import Job, Plan


def planned_outputs(article: Article, out_dir: Path, config: Config) -> list[Path]:
    """The files :func:`commit_article` writes for ``article`` (document JSON last)."""
    formats = {*config.write.formats, "json"}
    paths = output_paths(article.id, out_dir, article.target_langs, article)
    return [p for key, p in paths.items() if key.partition(":")[0] in formats]


def previous_outputs(article_id: str, out_dir: Path) -> set[str]:
    """Names of the files an earlier run wrote for ``article_id``, from its document JSON.

    Documents written before ``meta["outputs"]`` existed give the output names
    of their target languages. Only plain names that start with ``ID.`` count
    (a document cannot name another article's or a user's file elsewhere);
    empty when there is no readable mtpipe document of that id.
    """
    from pipeline.readers.base import earlier_document

    # a regular file of the right shape only (a damaged one: the plan warned already)
    data = earlier_document(out_dir / f"{article_id}.json")
    if data is None or data.get("id") != article_id:
        return set()
    meta = data["meta"]
    names = meta.get("outputs")
    if not isinstance(names, list):
        langs = [x for x in data.get("target_langs", []) if isinstance(x, str)]
        names = [p.name for p in output_paths(article_id, out_dir, langs).values()]
    return {
        n
        for n in names
        if isinstance(n, str) and n == Path(n).name and n.startswith(f"{article_id}.")
    }


def commit_article(article: Article, out_dir: Path, config: Config) -> list[Path]:
    """Write every configured output of ``article`` and remove its stale ones, all or nothing.

    Returns the paths written. Raises OutputError (one line) when anything
    fails; the previous version of every file is then intact.
    """
    planned = planned_outputs(article, out_dir, config)
    stale = previous_outputs(article.id, out_dir) - {p.name for p in planned}
    article.meta["outputs"] = [p.name for p in planned]
    files = render_outputs(article, out_dir, {*config.write.formats, "json"})
    return commit_files(out_dir, {p.name: text for p, text in files.items()}, sorted(stale))


def settle(outcome: ArticleOutcome, processed: Processed, out_dir: Path, config: Config) -> None:
    """Commit a processed article and record the outcome (failed, or translated + outputs)."""
    outcome.findings = dict(processed.findings)
    if not processed.ok:
        outcome.status, outcome.error = "failed", processed.error
        outcome.error_type = processed.error_type
        return
    try:
        outcome.outputs = [str(p) for p in commit_article(processed.article, out_dir, config)]
    except PipelineError as exc:
        # A write error names the output folder, not the article: on a full disk a batch
        # printed "cannot write the outputs into OUT: No space left on device" once per
        # failed article, none of them saying which; the input's name comes first.
        outcome.fail(exc)
        outcome.error = f"{outcome.path}: {exc}"
        return
    except Exception as exc:  # noqa: BLE001  (a bug met writing one article fails that one)
        outcome.status, outcome.error = FAILED, bug_message(processed.article, exc)
        outcome.error_type = PipelineError
        return
    outcome.status = TRANSLATED


class Ledger:
    """A run's count of settled articles: settles each one and reports it at once.

    The one seam every runner shares between processing and the user: a runner
    settles each article through :meth:`settle` as it finishes, never in a pass
    after the run, so ``options.report`` gets the article's line while the
    others are still translating (the command line printed every line when the
    whole batch ended). Made at the start of a run, it first reports the
    articles the plan settled (up to date, or an input that failed to read).
    """

    def __init__(self, plan: Plan, options: RunOptions) -> None:
        self.plan = plan
        self.report = options.report
        self.total = len(plan.outcomes)
        self.done = 0
        for outcome in plan.outcomes:
            if outcome.status != PENDING:
                self._settled(outcome)

    def start(self, jobs: Sequence[Job]) -> None:
        """Report that ``jobs`` (a group) start translating, each with its segment count.

        Each event's ``done`` counts the articles settled before it when the
        group settles in order; the first carries the group's size
        (:attr:`ArticleEvent.group`). Only a runner that translates in this process
        knows when a group starts.
        """
        if self.report is None:
            return
        sizes = [len(job.article.text_segments()) for job in jobs]
        group = (len(jobs), sum(sizes))
        for place, (job, segments) in enumerate(zip(jobs, sizes, strict=True)):
            outcome = self.plan.outcomes[job.index]
            first = group if place == 0 else None
            event = ArticleEvent(STARTED, outcome, self.done + place, self.total, segments, first)
            self.report(event)

    def settle(self, index: int, processed: Processed) -> None:
        """Commit job ``index``'s processed article (:func:`settle`), then report it."""
        outcome = self.plan.outcomes[index]
        settle(outcome, processed, self.plan.out_dir, self.plan.config)
        self._settled(outcome)

    def _settled(self, outcome: ArticleOutcome) -> None:
        self.done += 1
        if self.report is not None:
            self.report(ArticleEvent(SETTLED, outcome, self.done, self.total))
