"""Run ``mtpipe`` in this process (exactly what the console script runs) and report on it.

Prints, as the last stdout line, one JSON object: exit code, wall time from
interpreter start, time spent loading models (inside ``Translator.load``, which
includes importing torch or ctranslate2), how many models loaded, peak RSS, and
whether torch / ctranslate2 were imported at all. The benchmark uses it to time
``mtpipe translate`` end to end and to prove a memory-served rerun loads nothing.

Usage: ``python -m bench.speed_run translate FILE --to en ...`` (mtpipe's arguments).
"""

from __future__ import annotations

import json
import sys
import time

START = time.perf_counter()


def main() -> int:
    from bench.speed_child import peak_rss_mb
    from pipeline.cli import main as mtpipe_main
    from pipeline.translate.base import BaseTranslator

    loads: list[float] = []
    original = BaseTranslator.load

    def timed_load(self) -> None:
        if self.loaded:
            return
        t0 = time.perf_counter()
        original(self)
        loads.append(time.perf_counter() - t0)

    BaseTranslator.load = timed_load
    code = mtpipe_main(sys.argv[1:])
    report = {
        "rc": code,
        "wall": time.perf_counter() - START,
        "load": sum(loads),
        "models_loaded": len(loads),
        "rss_mb": peak_rss_mb(),
        "imported_torch": "torch" in sys.modules,
        "imported_ctranslate2": "ctranslate2" in sys.modules,
    }
    print(json.dumps(report))
    return code


if __name__ == "__main__":
    sys.exit(main())
