"""Scaling benchmark: the local runner vs the Ray runner on one machine (``make bench-scale``).

Input: ``--articles`` (200) articles built from newstest2009.it in ``--shared``:
article *i* takes the next ``--sentences`` (6) lines, the first as its title
and the rest in paragraphs of four sentences (short articles, so that both runs
together take about 6-8 minutes on 2 quiet cores; 12 lines took about 6 minutes
per runner). Both runners translate in groups of about ``--group-segments``
(64) segments: the Ray runner's pair pools run in series, so the second pair's
actor waits for the first pair's first group and the first pair's actor idles
during the last one; smaller groups shorten that fill and drain. Models: random-weight Marian
models with the exact opus-mt shape, converted to CTranslate2 int8 (built
locally like ``make bench``: real weights cannot be downloaded here; outputs
are noise; every output is forced to round(1.0 x source tokens) so random
weights cannot skew the time). Greedy, both pairs (``--to en,fr``), QA on,
a fresh translation memory for every run.

Each runner runs once, in a fresh process (``bench/scale_run.py``), after the
CPUs have been idle (or 60 s have passed; the table records the idle share):
articles/s over the whole process (start-up, plan, Ray instance start,
translate, localise, QA, commit) and the peak memory of the process and every
process under it (the sum of their PSS, sampled every 0.2 s; PSS shares a
shared page among its processes, so the Ray object store is not counted once
per worker). The Ray run also reports its per-actor rate and the driver's
commit rate, the two numbers ``docs/scaling.md`` extrapolates from.

Usage: ``python -m bench.scale --shared ../shared [--write]``; the last line
is ``ray_share_of_local: X`` (the Ray runner's articles/s over the local one's).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from bench.speed import bench_inputs, busy_ticks, prepare_models

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "scale.md"


def build_articles(source: Path, folder: Path, articles: int, sentences: int) -> int:
    """Write ``articles`` page-text articles into ``folder``; returns the sentences used."""
    lines = [s for s in source.read_text(encoding="utf-8").splitlines() if s.strip()]
    need = articles * sentences
    if len(lines) < need:
        sys.exit(f"bench: {source} has {len(lines)} sentences, {need} needed")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for i in range(articles):
        chunk = lines[i * sentences : (i + 1) * sentences]
        paras = [" ".join(chunk[k : k + 4]) for k in range(1, len(chunk), 4)]
        text = "\n\n".join([chunk[0], *paras]) + "\n"
        (folder / f"newstest2009-{i:03d}.it.txt").write_text(text, encoding="utf-8")
    return need


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_mb(root: int) -> float:
    """PSS of ``root`` and all its descendants, in MB."""
    total, todo, seen = 0, [root], set()
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _pss_kb(pid)
        todo.extend(_children(pid))
    return total / 1024


def cpu_idle(seconds: float = 1.0) -> float:
    """Share of the machine's CPU time that was idle over the next ``seconds`` (/proc/stat)."""
    busy0, total0 = busy_ticks()
    time.sleep(seconds)
    busy1, total1 = busy_ticks()
    return 1.0 - (busy1 - busy0) / max(1, total1 - total0)


def wait_quiet(threshold: float = 0.9, patience: float = 60.0) -> float:
    """Wait until the CPUs are at least ``threshold`` idle (or ``patience`` runs out)."""
    deadline = time.monotonic() + patience
    idle = cpu_idle()
    while idle < threshold and time.monotonic() < deadline:
        idle = cpu_idle(2.0)
    return idle


def run_measured(cmd: list[str]) -> tuple[dict, float, float]:
    """Run ``cmd`` when quiet: (its last stdout line as JSON, peak tree PSS MB, CPU idle)."""
    idle = wait_quiet()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = [0.0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_pss_mb(proc.pid))
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd[:6])} ... failed ({proc.returncode}):\n{err[-3000:]}")
    return json.loads(out.decode().strip().splitlines()[-1]), peak[0], idle


def write_config(path: Path, memory: Path, args: argparse.Namespace) -> None:
    """Settings of both runs: CTranslate2, greedy, forced lengths, QA on, one memory file."""
    path.write_text(
        "[translate]\n"
        'targets = ["en", "fr"]\n'
        'backend = "ctranslate2"\n'
        "num_beams = 1\n"
        f"force_length_ratio = {args.ratio}\n"
        f"group_segments = {args.group_segments}\n"
        "[memory]\n"
        f'path = "{memory}"\n'
        "[ray]\n"
        f"pool_size = {args.pool_size}\n"
        f"actor_threads = {args.actor_threads}\n"
        f"actor_replicas = {args.actor_replicas}\n",
        encoding="utf-8",
    )


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work, source = bench_inputs(args, "bench")
        self.input = self.work / "in"
        self.sentences = build_articles(source, self.input, args.articles, args.sentences)
        self.models = prepare_models(self.work, args.shared, args.rebuild)

    def run_one(self, runner: str) -> tuple[dict, float, float]:
        out = self.work / f"out-{runner}"
        shutil.rmtree(out, ignore_errors=True)
        memory = self.work / f"memory-{runner}.sqlite"
        for p in self.work.glob(f"memory-{runner}.sqlite*"):
            p.unlink()
        config = self.work / f"mtpipe-{runner}.toml"
        write_config(config, memory, self.args)
        cmd = [sys.executable, "-m", "bench.scale_run", str(self.input), "--runner", runner]
        cmd += ["--config", str(config), "--out", str(out)]
        for pair, folder in self.models.items():
            cmd += ["--model-dir", f"{pair}={folder}"]
        print(f"bench: running the {runner} runner ...", file=sys.stderr)
        return run_measured(cmd)

    def run(self) -> int:
        a = self.args
        local, local_mb, local_idle = self.run_one("local")
        ray_r, ray_mb, ray_idle = self.run_one("ray")
        for r in (local, ray_r):
            if r["translated"] != a.articles:
                sys.exit(f"bench: {r['runner']} translated {r['translated']} of {a.articles}")
        lines, summary = report(a, local, ray_r, (local_mb, ray_mb), (local_idle, ray_idle))
        text = "\n".join(lines)
        print(text)
        if a.write:
            RESULTS.write_text(
                f"# Scaling benchmark (`make bench-scale`)\n\nRun {time.strftime('%Y-%m-%d %H:%M')}"
                f" UTC with `python -m bench.scale {' '.join(sys.argv[1:])}`.\n\n{text}\n\n```\n"
                + "\n".join(summary)
                + "\n```\n",
                encoding="utf-8",
            )
        print("\n".join(summary))
        return 0


def report(a, local: dict, ray_r: dict, mb: tuple[float, float], idle: tuple[float, float]):
    """The table, its notes and the key lines."""
    n = a.articles
    rates = (n / local["wall"], n / ray_r["wall"])
    st = ray_r["ray"]
    actors = sum(len(v) for v in st["actors"].values())
    per_actor = {
        lang: st["mt_segments"][lang] / st["actor_seconds"][lang] for lang in st["actor_seconds"]
    }
    commit_rate = st["articles"] / st["commit_seconds"] if st["commit_seconds"] else float("inf")
    rows = [
        "| runner | articles | whole process s | articles/s | peak memory MB (tree PSS) "
        "| CPU idle before |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| local | {n} | {local['wall']:.1f} | {rates[0]:.2f} | {mb[0]:.0f} | {idle[0]:.0%} |",
        f"| ray (local instance) | {n} | {ray_r['wall']:.1f} | {rates[1]:.2f} | {mb[1]:.0f} "
        f"| {idle[1]:.0%} |",
    ]
    notes = [
        f"machine: {os.cpu_count()} CPU cores ({platform.machine()}), python "
        f"{platform.python_version()}; the idle column is the CPU idle share just before each "
        "run (the bench waits up to 60 s for 90% idle, then runs anyway)",
        f"input: {n} articles x {a.sentences} lines of newstest2009.it ({n * a.sentences} "
        "sentences), --to en,fr, greedy, forced output length round("
        f"{a.ratio} x source tokens), QA on, fresh memory per run, groups of about "
        f"{a.group_segments} segments (both runners; the Ray runner's second pair waits for "
        "the first pair's first group)",
        "model: random weights with the exact opus-mt shape (vocab 80,035, d_model 512, "
        "6+6 layers), CTranslate2 int8; outputs are noise",
        f"ray: instance start {st['start_seconds']:.1f} s (inside the whole-process time), "
        f"{st['pool_size']} actor(s) per pair x {st.get('actor_replicas', 1)} replica(s) x "
        f"{st['actor_threads']} thread(s), {actors} actor "
        "processes in all; plan on the driver "
        f"{ray_r['plan_seconds']:.1f} s (local: {local['plan_seconds']:.1f} s)",
        "per-actor rate (model segments / actor busy s): "
        + ", ".join(f"{lang} {r:.1f} seg/s" for lang, r in per_actor.items())
        + "; model load in the actor's constructor: "
        + ", ".join(f"{lang} {s:.1f} s" for lang, s in st.get("load_seconds", {}).items()),
        f"driver commit rate (memory store + atomic writes): {commit_rate:.0f} articles/s "
        f"({st['commit_seconds']:.2f} s for {st['articles']} articles)",
    ]
    summary = [
        f"local_articles_per_s: {rates[0]:.3f}",
        f"ray_articles_per_s: {rates[1]:.3f}",
        f"local_peak_mb: {mb[0]:.0f}",
        f"ray_peak_mb: {mb[1]:.0f}",
        "per_actor_seg_per_s: " + ", ".join(f"{k}={v:.1f}" for k, v in per_actor.items()),
        f"driver_commit_articles_per_s: {commit_rate:.0f}",
        f"ray_share_of_local: {rates[1] / rates[0]:.2f}",
    ]
    return rows + [""] + [f"- {note}" for note in notes], summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--sentences", type=int, default=6, help="lines of newstest per article")
    parser.add_argument("--ratio", type=float, default=1.0, help="forced target/source tokens")
    parser.add_argument(
        "--group-segments", type=int, default=64, help="segments per group (both runners)"
    )
    parser.add_argument("--pool-size", type=int, default=0, help="Ray actors per pair (0: auto)")
    parser.add_argument("--actor-threads", type=int, default=1, help="CPU threads per actor")
    parser.add_argument(
        "--actor-replicas", type=int, default=0, help="CTranslate2 replicas per actor (0: auto)"
    )
    parser.add_argument("--work", type=Path, default=REPO / "out" / "bench-scale")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the random models")
    parser.add_argument("--write", action="store_true", help=f"store the table in {RESULTS}")
    return Bench(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())
