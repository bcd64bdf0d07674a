"""Run ``mtpipe`` in this process (exactly what the console script runs) and report on it.

Prints, as the last stdout line, one JSON object: exit code, wall time from
interpreter start, time spent loading models (inside ``Translator.load``, which
includes importing torch or ctranslate2), time spent loading QA's resources
(``qa_load``: :func:`pipeline.qa.warm.warm_up`, and lingua's models when QA first asks
lingua; ``qa_serial``: the part of it the run waited for, since the warm-up runs in a
thread beside the model load), the engine span (from the first batch
handed to the backend to its last result: the time the decoding engine was at
work, overlapped by whatever mtpipe did meanwhile) and the process CPU over it
(``engine_cpu``), how many models loaded, peak
RSS, and whether torch / transformers / ctranslate2 were imported at all. The
benchmark uses it to time ``mtpipe translate`` end to end, to split the start-up
into engine time and everything else, and to prove a memory-served rerun loads
nothing. ``ready`` is when the process start-up ended (``run_files`` entered).

Usage: ``python -m bench.speed_run translate FILE --to en ...`` (mtpipe's arguments).
"""

from __future__ import annotations

import json
import sys
import time

START = time.perf_counter()


def time_engine(spans: list[float], cpu: list[float] | None = None) -> None:
    """Wrap every backend's ``_run`` so each call's span (first batch to last result) is kept.

    ``cpu``: the process's CPU seconds over each span too (the replicas' decoding and
    whatever mtpipe did meanwhile), which the bench sets against the raw engine's: on a
    shared machine it tells whether the engine did more work, where wall time cannot.
    Imports the backend modules only (not their libraries: those load with a model).
    """
    from bench.speed_child import process_cpu
    from pipeline.translate.registry import BACKENDS, backend_class

    for name in BACKENDS:
        cls = backend_class(name)
        original = cls._run

        def timed(self, batches, _original=original):
            start = last = time.perf_counter()
            cpu0 = process_cpu()
            for result in _original(self, batches):
                last = time.perf_counter()
                yield result
            spans.append(last - start)
            if cpu is not None:
                cpu.append(process_cpu() - cpu0)

        cls._run = timed


def time_ready() -> list[float]:
    """Note when ``run_files`` is entered: the process start-up (interpreter, imports,
    settings, arguments) is over and the first input is about to be read."""
    import pipeline.runners as runners

    ready: list[float] = []
    original = runners.run_files

    def timed(*args, **kwargs):
        ready.append(time.perf_counter() - START)
        return original(*args, **kwargs)

    runners.run_files = timed
    return ready


def time_qa_warm(seconds: list[float]) -> None:
    """Time QA's one-off loading (:func:`pipeline.qa.warm.warm_up`), a start-up cost
    like the model load."""
    from pipeline.qa import warm

    warm.warm_up = timed_call(warm.warm_up, seconds)


def time_lingua_load(seconds: list[float]) -> None:
    """Time lingua's models loading when QA first asks lingua (outside the warm-up).

    QA asks lingua only about a text whose function words do not settle its
    language, so its models load mid-run, once, or never; that one-off load is
    QA's start-up cost like the warm-up's and is added to ``qa_load``. The
    detector of the article-language check (every run, QA on or off, and only
    when function words leave the article open) is not counted here.
    """
    from pipeline.qa import article_lang, langid, warm

    original = langid._detector
    inside = []

    def timed(codes, low_accuracy=False):
        misses, t0 = original.cache_info().misses, time.perf_counter()
        detector = original(codes, low_accuracy)
        if not inside and original.cache_info().misses > misses:
            seconds.append(time.perf_counter() - t0)
        return detector

    def marked(function):
        def call(*args, **kwargs):
            inside.append(1)
            try:
                return function(*args, **kwargs)
            finally:
                inside.pop()

        return call

    langid._detector = timed
    warm.warm_up = marked(warm.warm_up)
    article_lang.detect_article_language = marked(article_lang.detect_article_language)


def timed_call(function, seconds: list[float]):
    """``function`` wrapped so that each call's duration is appended to ``seconds``."""

    def timed(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            seconds.append(time.perf_counter() - t0)

    return timed


def time_qa_wait(seconds: list[float]) -> None:
    """Time how long the run waited for QA's warm-up, which runs in a thread beside the
    model load: the part of ``qa_load`` that the start-up pays (``qa_serial``)."""
    from pipeline.runners import process

    process._Warming.wait = timed_call(process._Warming.wait, seconds)


def main() -> int:
    from bench.speed_child import peak_rss_mb
    from pipeline.cli import main as mtpipe_main
    from pipeline.translate.base import BaseTranslator

    loads: list[float] = []
    spans: list[float] = []
    engine_cpu: list[float] = []
    BaseTranslator._load = timed_call(BaseTranslator._load, loads)  # the model load proper
    time_engine(spans, engine_cpu)
    ready = time_ready()
    warm_up: list[float] = []
    lingua: list[float] = []
    waits: list[float] = []
    time_lingua_load(lingua)
    time_qa_warm(warm_up)  # wraps the marked warm-up: lingua loads inside it count once
    time_qa_wait(waits)
    code = mtpipe_main(sys.argv[1:])
    report = {
        "rc": code,
        "wall": time.perf_counter() - START,
        "load": sum(loads),
        "qa_load": sum(warm_up) + sum(lingua),
        "qa_serial": sum(waits) + sum(lingua),
        "ready": ready[0] if ready else None,
        "engine": sum(spans),
        "engine_cpu": sum(engine_cpu),
        "models_loaded": len(loads),
        "rss_mb": peak_rss_mb(),
        "imported_torch": "torch" in sys.modules,
        "imported_transformers": "transformers" in sys.modules,
        "imported_ctranslate2": "ctranslate2" in sys.modules,
    }
    print(json.dumps(report), flush=True)  # its arrival time is the end of the outputs
    return code


if __name__ == "__main__":
    sys.exit(main())
