"""Step 2 of a run: translate -> localise -> qa over a group of articles.

A :class:`Pipeline` owns the translators of a run (one per target language,
built from the plan's model folders; weights load on the first text that
needs them) and a translation memory behind the small :class:`Memory`
protocol, so a distributed runner can hand each worker a snapshot or a
remote memory instead of the SQLite file. It does no file I/O of its own.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.config import Config
from pipeline.document import Article
from pipeline.errors import PipelineError, one_line
from pipeline.glossary import Glossary
from pipeline.runners.options import RunOptions
from pipeline.translate.stage import Memory

if TYPE_CHECKING:
    from pipeline.memory import TranslationMemory
    from pipeline.qa.worker import QAWorker
    from pipeline.translate.base import Translator

__all__ = ["Memory", "Pipeline", "Processed", "finish_article", "open_memory"]


@dataclass
class Processed:
    """The result of processing one article: the article, or why it failed.

    ``error``/``error_type`` are set when a per-article stage (localise, qa)
    raised a PipelineError; the article is then not to be committed.
    ``findings`` counts QA findings by severity. Plain data (picklable).
    """

    article: Article
    error: str | None = None
    error_type: type[PipelineError] = PipelineError
    findings: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.error is None


class Pipeline:
    """Translators and memory for one run; :meth:`process` runs the middle stages.

    ``model_dirs`` maps each pair (``it-en``) to its model folder,
    ``targets`` lists the target languages; ``glossary`` (do-not-translate
    and required terms) is enforced by every translator. ``memory`` is read before the
    model and written as batches finish (None: no memory). Of ``options``,
    ``log`` receives one-line warnings (tiny models) and, unless ``quiet``, the
    line each translator prints when its model loads (backend, device, compute
    type: once per pair and run); ``run_qa`` and ``progress`` apply as in a
    run (``model_dirs`` there is the runner's business). ``qa_worker`` runs QA in a helper process
    started here, so its one-off loading overlaps model loading and decoding
    (when ``[qa] worker`` allows; see :mod:`pipeline.qa.worker`). Raises
    ModelError/ConfigError at construction for a model folder or setting that
    cannot work.
    """

    def __init__(
        self,
        config: Config,
        model_dirs: Mapping[str, Path],
        targets: list[str],
        *,
        memory: Memory | None = None,
        glossary: Glossary | None = None,
        options: RunOptions = RunOptions(quiet=True),  # noqa: B008  (frozen: never mutated)
        qa_worker: bool = False,
    ) -> None:
        self.config = config
        self.glossary = glossary
        self.memory = memory
        self.run_qa = options.run_qa and config.qa.enabled
        self.progress = options.progress
        self.tiny_models: list[str] = []
        self.translators = self._build_translators(model_dirs, targets, options.log)
        for tr in self.translators.values():
            tr.announce = None if options.quiet else options.log
            tr.after_load.append(self._warmed)
        self.qa = None
        self._qa_warm: _Warming | None = None
        if self.run_qa and qa_worker:
            from pipeline.qa.worker import shared_worker, use_helper

            if use_helper(config.qa, config.translate, os.cpu_count() or 1):
                self.qa = shared_worker(config.read.source_lang, targets, config.qa)

    def _build_translators(
        self, model_dirs: Mapping[str, Path], targets: list[str], log: Callable[[str], None]
    ) -> dict[str, Translator]:
        from pipeline.translate import load_translator, noise_warning

        source = self.config.read.source_lang
        translators: dict[str, Translator] = {}
        for t in targets:
            pair = f"{source}-{t}"
            tr = load_translator(pair, self.config.translate, model_dirs[pair], self.glossary)
            if (warning := noise_warning(tr, model_dirs[pair])) is not None:
                self.tiny_models.append(pair)
                log(warning)
            translators[t] = tr
        return translators

    @property
    def models_loaded(self) -> list[str]:
        """Target languages whose model has loaded so far."""
        return [t for t, tr in self.translators.items() if tr.loaded]

    def process(self, articles: list[Article]) -> list[Processed]:
        """Translate ``articles`` together, then localise and check each one.

        Articles are changed in place. A failure of the translate stage (a
        ModelError) raises for the whole group; a localise or QA failure is
        recorded on that article's :class:`Processed` and the others go on.
        """
        return list(self.process_each(articles))

    def process_each(self, articles: list[Article]) -> Iterator[Processed]:
        """:meth:`process`, giving each article as soon as it is localised and checked.

        The group is translated together on the first ``next()``; then each
        article's result comes before the next one is checked, so a runner can
        write and report it at once rather than after the group's last check.
        """
        from pipeline.translate import translate_articles

        self._warm_qa(articles)
        translate_articles(articles, self.translators, memory=self.memory, progress=self.progress)
        for article in articles:
            yield self._finish(article)

    def _warm_qa(self, articles: list[Article]) -> None:
        """Start loading QA's resources once, before the first group (in-process QA only).

        A start-up cost like a model load (:mod:`pipeline.qa.warm`), run in a
        thread beside the model load, whose CTranslate2 part releases the GIL:
        the two take about 0.6 s and 0.35 s of one core each (bench/results/
        speed.md, start-up row), so at most the load's length is hidden; the
        rest is ``qa_serial`` there. The run waits for
        it once a model has loaded (decoding then has every core to itself) or,
        when no model loads (a rerun served from memory), before the first
        check. A failure there is left to that check, which reports it on its
        article.
        """
        if not self.run_qa or self.qa is not None or self._qa_warm is not None:
            return
        source = self.config.read.source_lang
        sources = [s.source for a in articles for s in a.text_segments()]
        self._qa_warm = _Warming(source, list(self.translators), self.config, sources)

    def _warmed(self) -> None:
        """Wait for QA's warm-up, if one is under way (a no-op after the first time)."""
        if self._qa_warm is not None:
            self._qa_warm.wait()

    def _finish(self, article: Article) -> Processed:
        self._warmed()
        return finish_article(article, self.config, self.run_qa, self.qa)


class _Warming:
    """QA's warm-up (:func:`pipeline.qa.warm.warm_up`) in a background thread.

    A PipelineError (a broken glossary or calibration file) is dropped, since
    the first real check raises it again on its article; anything else is a
    bug and is raised by :meth:`wait` in the calling thread.
    """

    def __init__(self, source: str, targets: list[str], config: Config, sources: list[str]) -> None:
        self._error: BaseException | None = None
        self._thread = threading.Thread(
            target=self._run,
            args=(source, targets, config, sources),
            name="mtpipe-qa-warm",
            daemon=True,
        )
        self._thread.start()

    def _run(self, source: str, targets: list[str], config: Config, sources: list[str]) -> None:
        from pipeline.qa import warm

        try:
            with contextlib.suppress(PipelineError):
                warm.warm_up(source, targets, config.qa)
                warm.warm_for_sources(source, sources, config.qa)  # lingua if the sources ask
        except BaseException as exc:  # noqa: BLE001  (re-raised by wait(), in the caller)
            self._error = exc

    def wait(self) -> None:
        """Block until the warm-up is over; raise what it raised, other than a PipelineError."""
        self._thread.join()
        if self._error is not None:
            error, self._error = self._error, None
            raise error


def finish_article(
    article: Article, config: Config, run_qa: bool, worker: QAWorker | None = None
) -> Processed:
    """Localise a translated article, then check it when ``run_qa`` (in ``worker`` if given).

    A plain function (it needs no translator), so the Ray runner runs it as a
    task. A localise or QA PipelineError is recorded on the result, not raised.
    """
    from pipeline.localise import localise_article

    done = Processed(article)
    try:
        localise_article(article, config.localise)
        if run_qa and worker is not None:
            worker.run_qa(article, config.qa)
        elif run_qa:
            from pipeline.qa import run_qa as qa_stage

            qa_stage(article, config.qa)
    except PipelineError as exc:
        done.error, done.error_type = str(exc), type(exc)
        return done
    except Exception as exc:  # noqa: BLE001  (a bug met on one article fails that article)
        done.error, done.error_type = bug_message(article, exc), PipelineError
        return done
    for seg in article.segments():
        for f in seg.findings:
            done.findings[f.severity] = done.findings.get(f.severity, 0) + 1
    return done


DEBUG_ENV = "MTPIPE_DEBUG"


def bug_message(article: Article, exc: Exception) -> str:
    """One line for an unexpected exception met on one article (the others go on).

    With ``MTPIPE_DEBUG=1`` in the environment the exception is raised instead, with
    its traceback.
    """
    if os.environ.get(DEBUG_ENV):
        raise exc
    where = article.meta.get("source_path") or article.id
    return one_line(
        f"{where}: unexpected {type(exc).__name__}: {exc}; this is a bug: please report it "
        f"(set {DEBUG_ENV}=1 to see the traceback)"
    )


def open_memory(config: Config, use_memory: bool = True) -> TranslationMemory | None:
    """The configured SQLite translation memory, or None when disabled (caller closes it)."""
    if not (use_memory and config.memory.enabled):
        return None
    from pipeline.memory import TranslationMemory

    return TranslationMemory(config.memory.path)
