"""Run one ``mtpipe translate`` batch in this process and report on it (``make bench-scale``).

Prints, as the last stdout line, one JSON object: runner, articles translated,
wall time from interpreter start, and for the Ray runner what it measured
(instance start, per-pair actor busy time and model segments, actor processes,
driver commit time). The parent (``bench/scale.py``) measures the peak memory
of this process and every process under it (a local Ray instance's raylet,
GCS and workers are its children).

Usage: ``python -m bench.scale_run --runner local|ray --config FILE IN --out DIR
--model-dir PAIR=PATH ...``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

START = time.perf_counter()


def main() -> int:
    from pipeline.config import load_config
    from pipeline.runners import RunOptions, get_runner, make_plan

    p = argparse.ArgumentParser()
    p.add_argument("input")
    p.add_argument("--runner", required=True)
    p.add_argument("--config", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--model-dir", action="append", default=[])
    a = p.parse_args()
    config = load_config(a.config)
    dirs = {k: Path(v) for k, _, v in (d.partition("=") for d in a.model_dir)}
    options = RunOptions(model_dirs=dirs)
    plan = make_plan([a.input], config, a.out, model_dirs=options.model_dirs)
    planned = time.perf_counter()
    runner = get_runner(a.runner)
    result = runner.run(plan, options)
    result.raise_for_failures()
    report = {
        "runner": a.runner,
        "translated": result.count("translated"),
        "wall": time.perf_counter() - START,
        "plan_seconds": planned - START,
        "models_loaded": result.models_loaded,
    }
    stats = getattr(runner, "stats", None)
    if stats is not None:
        report["ray"] = {
            "start_seconds": stats.start_seconds,
            "pool_size": stats.pool_size,
            "actor_threads": stats.actor_threads,
            "actor_replicas": stats.actor_replicas,
            "actor_seconds": stats.actor_seconds,
            "mt_segments": stats.mt_segments,
            "actors": {k: sorted(v) for k, v in stats.actors.items()},
            "load_seconds": stats.load_seconds,
            "commit_seconds": stats.commit_seconds,
            "articles": stats.articles,
            "segments": stats.segments,
        }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
