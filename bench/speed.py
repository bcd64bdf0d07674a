"""Speed benchmark: naive generate vs the raw CTranslate2 engine vs ``mtpipe translate``.

The model is a random-weight Marian with the exact opus-mt-it-en shape (vocab 80,035,
d_model 512, 6+6 layers, 8 heads, FFN 2,048), built locally because real weights cannot
be downloaded here; it computes as much as the real model, but its output is noise.
Every method decodes greedily and is forced to the same output length per sentence
(round(ratio x source tokens)), so random weights cannot skew the comparison.

Rows, each measured in a fresh process:
- naive: one ``generate`` call per sentence (first ``--naive-n`` sentences);
- raw CTranslate2 int8, length-sorted token-bounded batches, engine time only, for a
  few inter/intra thread settings (the best is the ceiling);
- ``mtpipe translate`` end to end with each backend (whole process timed; the rate
  excludes the model load, which has its own column);
- a rerun of ``mtpipe translate`` over the same input in a fresh process, served by
  the translation memory (it must not load a model); ``--to en,fr`` with both pairs.

Raw CTranslate2 and mtpipe's CTranslate2 run are interleaved ``--rounds`` times and the
best of each is kept; before each measurement the bench waits (up to 60 s) for the CPUs
to be idle, and the table shows how idle they were. Helpers: ``bench/speed_child.py``
(naive, raw) and ``bench/speed_run.py`` (runs mtpipe in-process and reports on it).

Usage: ``python -m bench.speed --shared ../shared [--write]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "speed.md"
SHAPE_NOTE = (
    "model: random weights with the exact opus-mt-it-en shape (vocab 80,035, d_model 512, "
    "6+6 layers, 8 heads, FFN 2,048), built locally because real weights cannot be "
    "downloaded here; outputs are noise, output lengths are forced equal for every method"
)


@dataclass
class Row:
    method: str
    sentences: int
    seconds: float  # the time the rate is computed over
    tokens: int
    load: float | None
    rss_mb: float
    idle: float  # CPU idle fraction just before the measurement
    wall: float | None = None  # whole process, for mtpipe rows

    @classmethod
    def engine(cls, method: str, r: dict, idle: float) -> Row:
        """A naive or raw-engine row from a child's result (engine time only)."""
        return cls(method, r["sentences"], r["seconds"], r["tokens"], r["load"], r["rss_mb"], idle)

    @classmethod
    def process(
        cls, method: str, sentences: int, tokens: int, r: dict, wall: float, idle: float
    ) -> Row:
        """An `mtpipe translate` row: the whole process, its model load kept apart."""
        return cls(method, sentences, wall - r["load"], tokens, r["load"], r["rss_mb"], idle, wall)

    @property
    def rate(self) -> float:
        return self.sentences / self.seconds

    @property
    def token_rate(self) -> float:
        return self.tokens / self.seconds


def cpu_idle(interval: float = 1.0) -> float:
    """Fraction of CPU time idle over ``interval`` seconds (from /proc/stat; 1.0 elsewhere)."""

    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        return fields[3] + fields[4], sum(fields)

    try:
        idle0, total0 = sample()
        time.sleep(interval)
        idle1, total1 = sample()
    except OSError:
        return 1.0
    return (idle1 - idle0) / max(1, total1 - total0)


def wait_quiet(threshold: float = 0.9, patience: float = 60.0) -> float:
    """Wait until the CPUs are at least ``threshold`` idle (or ``patience`` runs out)."""
    deadline = time.monotonic() + patience
    idle = cpu_idle()
    while idle < threshold and time.monotonic() < deadline:
        idle = cpu_idle(2.0)
    return idle


def run_json(cmd: list[str]) -> tuple[dict, float, float]:
    """Run a child when the CPUs are quiet: (its last stdout line as JSON, wall s, idle)."""
    idle = wait_quiet()
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        tail = proc.stderr[-2000:]
        sys.exit(f"bench: {' '.join(cmd[:5])} ... failed ({proc.returncode}):\n{tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall, idle


def prepare_models(work: Path, shared: Path, rebuild: bool) -> dict[str, Path]:
    """Opus-shaped random models for it-en and it-fr, converted to CTranslate2 int8.

    Their sentencepiece models are trained on newstest2009 (it, en, fr) so source
    sentences split into about as many tokens as with a real 32k-piece model.
    """
    from pipeline.models import build_tiny, convert_ct2

    data = shared / "data" / "newstest2009"
    corpus = work / "spm-corpus.txt"
    lines = []
    for lang in ("it", "en", "fr"):
        text = (data / f"newstest2009.{lang}").read_text(encoding="utf-8").splitlines()
        lines += [f"{lang}\t{s}" for s in text if s.strip()]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    models = {}
    for seed, pair in enumerate(("it-en", "it-fr")):
        folder = work / "models" / f"opus-shape-{pair}"
        if rebuild or not (folder / "ctranslate2" / "model.bin").is_file():
            print(f"bench: building the random opus-shaped {pair} model ...", file=sys.stderr)
            build_tiny(folder, pair=pair, seed=seed, shape="opus", corpus=corpus)
            convert_ct2(folder, quantization="int8")
        models[pair] = folder
    return models


def mt_segments(out_dir: Path, model: Path, ratio: float) -> tuple[int, int, dict[str, int]]:
    """(distinct MT segments, their forced target tokens, origin counts) from mtpipe's JSON."""
    from bench.speed_child import forced_lengths, load_tokenizer

    doc = next(out_dir.glob("*.json"))
    data = json.loads(doc.read_text(encoding="utf-8"))
    sources, origins = [], {}
    for block in data["blocks"]:
        if block["kind"] in ("title", "paragraph", "caption"):
            for seg in block["segments"]:
                sources.append(seg["source"])
                for tr in seg["translations"].values():
                    origins[tr["origin"]] = origins.get(tr["origin"], 0) + 1
    distinct = list(dict.fromkeys(sources))
    ids = load_tokenizer(model)(distinct)["input_ids"]
    return len(distinct), sum(forced_lengths(ids, ratio)), origins


def write_config(path: Path, args: argparse.Namespace, inter: int, intra: int, memory: Path):
    """mtpipe settings for the runs: greedy, forced lengths, the best raw thread plan."""
    path.write_text(
        "[translate]\n"
        "num_beams = 1\n"
        f"batch_tokens = {args.batch_tokens}\n"
        f"force_length_ratio = {args.ratio}\n"
        f"threads = {inter * intra}\n"
        f"ct2_inter_threads = {inter}\n"
        "[memory]\n"
        f'path = "{memory}"\n',
        encoding="utf-8",
    )


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work = args.work.resolve()
        self.work.mkdir(parents=True, exist_ok=True)
        source = args.shared / "data" / "newstest2009" / "newstest2009.it"
        if not source.is_file():
            sys.exit(f"bench: {source} not found; pass --shared DIR")
        self.sentences = source.read_text(encoding="utf-8").splitlines()[: args.n]
        self.input = self.work / f"newstest2009-first{len(self.sentences)}.txt"
        self.input.write_text("\n".join(self.sentences) + "\n", encoding="utf-8")
        self.models = prepare_models(self.work, args.shared, args.rebuild)
        self.en = {"it-en": self.models["it-en"]}
        self.memory = self.work / "memory.sqlite"

    def child(self, mode: str, n: int, inter: int = 1, intra: int = 1) -> tuple[dict, float]:
        a = self.args
        cmd = [sys.executable, "-m", "bench.speed_child", mode, "--model", str(self.en["it-en"])]
        cmd += ["--input", str(self.input), "--ratio", str(a.ratio), "--n", str(n)]
        cmd += ["--inter", str(inter), "--intra", str(intra), "--batch-tokens", str(a.batch_tokens)]
        result, _, idle = run_json(cmd)
        return result, idle

    def mtpipe(self, name: str, models: dict[str, Path], *flags: str) -> tuple[dict, float, float]:
        """``mtpipe translate`` through bench.speed_run into a fresh ``out-NAME`` folder."""
        out = self.work / f"out-{name}"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [sys.executable, "-m", "bench.speed_run", "--config", str(self.work / "mtpipe.toml")]
        cmd += ["translate", str(self.input), "--out", str(out), "--quiet", *flags]
        for pair, folder in models.items():
            cmd += ["--model-dir", f"{pair}={folder}"]
        return run_json(cmd)

    def fresh_memory(self) -> None:
        for p in self.work.glob("memory.sqlite*"):
            p.unlink()

    def run(self) -> int:
        a, n = self.args, len(self.sentences)
        print(SHAPE_NOTE)
        r, idle = self.child("naive", a.naive_n)
        naive = Row.engine("naive: generate() per sentence, fp32", r, idle)
        cores = os.cpu_count() or 1
        plans = {(1, cores), (cores, 1), (2, max(1, cores // 2))}
        plans = sorted(plans | {(min(4, cores), max(1, cores // 4))})
        # The mtpipe runs use the plan that wins the first raw round.
        raw: dict[tuple[int, int], Row] = {}
        ct2_runs: list[tuple[dict, float, float]] = []
        ct2 = ["--to", "en", "--backend", "ctranslate2", "--no-qa"]
        for round_no in range(a.rounds):
            for inter, intra in plans:
                r, idle = self.child("raw", n, inter, intra)
                row = Row.engine(f"raw CTranslate2 int8, inter {inter} x intra {intra}", r, idle)
                if (inter, intra) not in raw or row.rate > raw[(inter, intra)].rate:
                    raw[(inter, intra)] = row
            if round_no == 0:
                best_plan = max(raw, key=lambda p: raw[p].rate)
                write_config(self.work / "mtpipe.toml", a, *best_plan, self.memory)
            self.fresh_memory()
            ct2_runs.append(self.mtpipe("ctranslate2", self.en, *ct2))
        best_raw = max(raw.values(), key=lambda row: row.rate)
        n_seg, tokens, _ = mt_segments(self.work / "out-ctranslate2", self.en["it-en"], a.ratio)
        r, wall, idle = min(ct2_runs, key=lambda run: run[1] - run[0]["load"])
        first = Row.process(
            "mtpipe translate --backend ctranslate2 (fills memory)", n, tokens, r, wall, idle
        )

        r, wall, idle = self.mtpipe(
            "transformers",
            self.en,
            "--to",
            "en",
            "--backend",
            "transformers",
            "--no-qa",
            "--no-memory",
        )
        hf = Row.process("mtpipe translate --backend transformers", n, tokens, r, wall, idle)
        reruns = [self.mtpipe("rerun", self.en, *ct2) for _ in range(3)]
        rerun, rerun_wall, idle = sorted(reruns, key=lambda run: run[1])[1]  # the median
        _, _, origins = mt_segments(self.work / "out-rerun", self.en["it-en"], a.ratio)
        again = Row.process(
            "mtpipe translate rerun, memory hits (median of 3)", n, 0, rerun, rerun_wall, idle
        )
        r, wall, idle = self.mtpipe(
            "qa", self.en, "--to", "en", "--backend", "ctranslate2", "--no-memory"
        )
        qa = Row.process("mtpipe translate --backend ctranslate2, QA on", n, tokens, r, wall, idle)
        both, both_wall, idle = self.mtpipe(
            "both",
            self.models,
            "--to",
            "en,fr",
            "--backend",
            "ctranslate2",
            "--no-qa",
            "--no-memory",
        )
        pairs = Row.process(
            "mtpipe translate --backend ctranslate2 --to en,fr",
            2 * n,
            2 * tokens,
            both,
            both_wall,
            idle,
        )

        rows = [naive, *raw.values(), hf, first, again, qa, pairs]
        notes = [
            f"machine: {cores} CPU cores ({platform.machine()}), python "
            f"{platform.python_version()}, shared with other jobs: the idle column is the CPU "
            f"idle share measured just before each row; input: first {n} lines of "
            f"newstest2009.it ({n_seg} distinct MT segments after mtpipe's reader and "
            f"segmenter); greedy; forced length = round({a.ratio} x source tokens); "
            f"batch_tokens {a.batch_tokens} (CTranslate2: shared by the parallel replicas)",
            "raw and naive: engine time only (tokenization before the clock); mtpipe rows: the "
            "whole `mtpipe translate` process is timed (start-up, read, segment, tokenize, "
            "translate, localise, write; QA off except in the QA row) and sent/s excludes the "
            "model load (own column; it includes importing the backend)",
            f"raw CTranslate2 and mtpipe CTranslate2: best of {a.rounds} interleaved runs; mtpipe "
            f"uses the thread plan that won the first raw round (inter {best_plan[0]} x intra "
            f"{best_plan[1]})",
            f"rerun: fresh process, same input, new --out: translations by origin {origins}; "
            f"models loaded: {rerun['models_loaded']}, torch imported: {rerun['imported_torch']}, "
            f"ctranslate2 imported: {rerun['imported_ctranslate2']}; whole process "
            f"{rerun_wall:.2f} s vs first run {first.wall:.2f} s",
        ]
        summary = [
            f"speedup_vs_naive: {first.rate / naive.rate:.1f}x",
            f"share_of_raw_engine: {first.rate / best_raw.rate:.2f}",
            f"rerun_speedup: {first.wall / rerun_wall:.1f}x",
            f"peak_rss_mb_both_pairs: {both['rss_mb']:.0f}",
        ]
        lines = table(rows, naive)
        print("\n".join(lines) + "\n\n" + "\n".join(f"- {note}" for note in notes))
        if a.write:
            RESULTS.parent.mkdir(parents=True, exist_ok=True)
            RESULTS.write_text(
                f"# Speed benchmark (`make bench`)\n\nRun {time.strftime('%Y-%m-%d %H:%M')} "
                f"with `python -m bench.speed --write`.\n\n{SHAPE_NOTE}.\n\n"
                + "\n".join(lines)
                + "\n\n"
                + "\n".join(f"- {note}" for note in notes)
                + "\n\n```\n"
                + "\n".join(summary)
                + "\n```\n",
                encoding="utf-8",
            )
        print("\n".join(summary))
        return 0


def table(rows: list[Row], naive: Row) -> list[str]:
    lines = [
        "| method | sentences | sent/s | target tok/s | x naive | peak RSS MB | model load s "
        "| process s | CPU idle |",
        "|" + " --- |" * 9,
    ]
    for r in rows:
        lines.append(
            f"| {r.method} | {r.sentences} | {r.rate:.1f} "
            f"| {f'{r.token_rate:.0f}' if r.tokens else ''} | {r.rate / naive.rate:.1f} "
            f"| {r.rss_mb:.0f} | {f'{r.load:.2f}' if r.load else '0 (none loaded)'} "
            f"| {f'{r.wall:.1f}' if r.wall is not None else ''} | {r.idle:.0%} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--naive-n", type=int, default=100)
    parser.add_argument("--ratio", type=float, default=1.0, help="forced target/source tokens")
    parser.add_argument("--batch-tokens", type=int, default=2048)
    parser.add_argument("--rounds", type=int, default=2, help="interleaved raw/mtpipe runs")
    parser.add_argument("--work", type=Path, default=REPO / "out" / "bench-speed")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the random models")
    parser.add_argument("--write", action="store_true", help=f"store the table in {RESULTS}")
    return Bench(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())
