"""The qa stage in a helper process, warmed while the translation models load.

Most of what QA costs in a `mtpipe translate` run is paid once per process:
lingua's n-gram models (about 2.3 CPU-seconds for the seven languages of
:data:`pipeline.qa.langid.DEFAULT_LANGS`, all in Rust code that holds the GIL,
so a thread cannot hide it) and wordfreq's lists. A :class:`QAWorker` starts
one ``spawn`` process when a run starts; it loads all of that while the parent
imports the backend, loads the model and decodes, and then runs
:func:`pipeline.qa.run_qa` on each article it is sent. The code that decides
is the same in both processes, so the findings are those of an in-process run;
if the helper process dies, :meth:`QAWorker.run_qa` runs QA in this process.
"""

from __future__ import annotations

import atexit
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from pipeline.config import QASettings
from pipeline.document import Article, Block, Finding, Segment, Translation

# A warm-up article: one Italian sentence with a name, numbers and a quotation,
# so that every check family loads what it needs (targets are filled per language).
WARM_SOURCE = 'Il ministro Andrei Belousov ha detto: "Il Pil è cresciuto del 2,5% nel 2008".'
WARM_TARGET = 'Minister Andrei Belousov said: "GDP grew by 2.5 percent in 2008".'


def _warm(source_lang: str, targets: tuple[str, ...], settings: QASettings) -> None:
    """Load lingua's models and wordfreq's lists in the helper process (its initializer).

    Ctrl-C is the parent's to handle (it stops the helper). Best effort: what
    fails here fails again, and is reported, when an article is checked.
    """
    import contextlib
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(Exception):  # the first real check reports it instead
        _warm_up(source_lang, targets, settings)


def _warm_up(source_lang: str, targets: tuple[str, ...], settings: QASettings) -> None:
    from pipeline.qa import langid, run_qa

    langid.warm((source_lang, *targets))
    seg = Segment(
        id="warm",
        source=WARM_SOURCE,
        translations={t: Translation(WARM_TARGET, "mt") for t in targets},
    )
    article = Article(id="warm", source_lang=source_lang, target_langs=list(targets))
    article.blocks.append(Block("warm", "paragraph", WARM_SOURCE, [seg]))
    run_qa(article, settings)


def _check(article: Article, settings: QASettings) -> list[list[Finding]]:
    """Findings of every segment of ``article`` after the qa stage, in document order."""
    from pipeline.qa import run_qa

    run_qa(article, settings)
    return [seg.findings for seg in article.segments()]


class QAWorker:
    """One helper process running the qa stage; start it before the models load.

    ``source_lang``/``targets`` say which languages to warm up for.
    :meth:`run_qa` has the contract of :func:`pipeline.qa.run_qa` (findings
    replaced on the same article, PipelineError raised as such).
    """

    def __init__(self, source_lang: str, targets: list[str], settings: QASettings) -> None:
        import multiprocessing

        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_warm,
            initargs=(source_lang, tuple(targets), settings),
        )
        # Start the process now, not on the first article: that is the point.
        self._pool.submit(int)
        atexit.register(self.close)

    def run_qa(self, article: Article, settings: QASettings) -> Article:
        """Check ``article`` in the helper process; its findings replace the segments' own."""
        if self._pool is not None:
            try:
                found = self._pool.submit(_check, article, settings).result()
            except BrokenProcessPool:
                self.close()
            else:
                for seg, findings in zip(article.segments(), found, strict=True):
                    seg.findings = findings
                return article
        from pipeline.qa import run_qa

        return run_qa(article, settings)

    def pids(self) -> list[int]:
        """Process ids of the helper (empty when it is not running)."""
        return list(getattr(self._pool, "_processes", None) or ())

    @property
    def alive(self) -> bool:
        return self._pool is not None

    def close(self) -> None:
        """Stop the helper process (idempotent)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


_SHARED: QAWorker | None = None


def shared_worker(source_lang: str, targets: list[str], settings: QASettings) -> QAWorker:
    """This process's helper (one per process, reused by every run it makes)."""
    global _SHARED
    if _SHARED is None or not _SHARED.alive:
        _SHARED = QAWorker(source_lang, targets, settings)
    return _SHARED


__all__ = ["QAWorker", "shared_worker"]
