"""Speed benchmark: naive generate vs the raw CTranslate2 engine vs ``mtpipe translate``.

The model is a random-weight Marian with the exact opus-mt-it-en shape (vocab 80,035,
d_model 512, 6+6 layers, 8 heads, FFN 2,048), built locally because real weights cannot
be downloaded here; it computes as much as the real model, but its output is noise.
Every method is forced to the same output length per sentence (round(ratio x source
tokens)), so random weights cannot skew the comparison. Greedy and beam 4 (the
configured default) are both measured. Forced lengths work the same way for raw and
mtpipe at both settings: each length-sorted, token-bounded batch decodes exactly its
longest sentence's forced length (``min_decoding_length = max_decoding_length``; a
beam hypothesis cannot be stopped per sentence) and each output is then cut to its own
length; the naive baseline decodes each sentence alone to its own length.

Rows, each measured in a fresh process:
- naive: one ``generate`` call per sentence (first ``--naive-n`` sentences);
- raw CTranslate2 int8, engine time only, for each inter/intra thread plan; the best
  plan per decoding setting is the ceiling and is re-run interleaved with mtpipe;
- ``mtpipe translate --backend ctranslate2`` end to end (it hands its batches to the
  replicas in a planned order, raw longest first; the outputs are the same in any order;
  whole process timed; the rate
  leaves out the one-off costs the raw engine's clock leaves out too: the process
  start-up until the first input is read, the model load, which has its own column, and
  the process exit after the outputs are written (freeing the model);
  ``share_of_raw_engine_with_process_startup`` keeps start-up and exit in), interleaved with
  the raw engine ``--rounds`` times: the table shows the median and the spread (min-max), and the
  shares are medians of the per-round ratios; QA on is interleaved the same way, and at
  greedy the raw engine asked for each output's score as mtpipe asks (its confidence: a
  log-softmax over the vocabulary at every step, which greedy raw decoding skips;
  ``share_of_raw_engine_scored``, for information: the goal line stays against raw);
- the transformers backend, a memory-served rerun (it must load no model), both pairs;
- start-up: ``mtpipe translate`` on one short article (the sample page's chrome, title and
  first three paragraphs: 4 MT segments, one sentence each) with the converted model at
  the configured default decoding (beam 4, QA on, a fresh memory), from process start to
  the written outputs (the child's report line; median of ``--rounds``); and the whole
  sample page (21 MT segments), whose time is split into the engine span (first batch handed to
  CTranslate2 to its last result) and everything else (the overhead).

The "other load" column is the share of the machine's CPU capacity that other processes
used while the row ran (from /proc/stat busy time minus the row's own CPU time): this
machine is shared, and a row with high other load is slower than it would be alone.
Helpers: ``bench/speed_child.py`` (naive, raw) and ``bench/speed_run.py`` (runs mtpipe
in-process and reports on it).

Usage: ``python -m bench.speed --shared ../shared [--write]`` (``make bench``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "speed.md"
SAMPLE = REPO / "examples" / "kim-belousov.it.txt"
SHAPE_NOTE = (
    "model: random weights with the exact opus-mt-it-en shape (vocab 80,035, d_model 512, "
    "6+6 layers, 8 heads, FFN 2,048), built locally because real weights cannot be "
    "downloaded here; outputs are noise, output lengths are forced equal for every method"
)


@dataclass
class Run:
    """One measured child process: its JSON report, wall seconds, others' CPU share.

    ``reported``: seconds from the spawn to the child's report line, printed once
    its outputs are written; ``wall - reported`` is the process exit (freeing the
    model, interpreter shutdown).
    """

    report: dict
    wall: float
    others: float
    reported: float = 0.0

    @property
    def exit_s(self) -> float:
        return self.wall - self.reported

    def rate(self, sentences: int, whole: bool = False) -> float:
        """Sentences per second over the engine time (raw) or mtpipe's busy time.

        mtpipe's busy time is the whole process minus its one-off costs, the
        ones the raw engine's clock leaves out too: the process start-up
        (interpreter, imports, settings: until the first input is read), the
        model load (tokenizer, backend import, model) and, with QA on, the part of
        QA's resource load (wordfreq's lists; lingua's models if QA asked lingua) that
        the run waited for (``qa_serial``: the warm-up runs beside the model load);
        and the process exit after the outputs are written (freeing the model:
        the raw clock leaves out its load and its release alike). ``whole``
        keeps all of them in but the model load.
        """
        seconds = self.report.get("seconds")
        if seconds is None and whole:
            seconds = self.wall - self.report.get("load", 0.0)
        elif seconds is None and "wall" not in self.report:  # the floor: spawn to its report
            seconds = self.reported - self.report.get("load", 0.0)
        elif seconds is None:  # mtpipe, on its own clock: its first input read to its outputs
            r = self.report
            seconds = r["wall"] - (r.get("ready") or 0.0) - r.get("load", 0.0)
            seconds -= r.get("qa_serial", 0.0)
        return sentences / seconds


@dataclass
class Row:
    method: str
    sentences: int
    tokens: int
    runs: list[Run]

    def rates(self) -> list[float]:
        return [r.rate(self.sentences) for r in self.runs]

    @property
    def rate(self) -> float:
        return statistics.median(self.rates())

    def cells(self, naive_rate: float) -> list[str]:
        rates, runs = self.rates(), self.runs
        spread = f"{min(rates):.1f}-{max(rates):.1f}" if len(rates) > 1 else ""
        load = statistics.median(r.report.get("load", 0.0) for r in runs)
        wall = [r.wall for r in runs if "seconds" not in r.report]
        token_rate = self.tokens * self.rate / self.sentences if self.tokens else None
        return [
            self.method,
            str(self.sentences),
            str(len(runs)),
            f"{self.rate:.1f}",
            spread,
            f"{token_rate:.0f}" if token_rate else "",
            f"{self.rate / naive_rate:.1f}",
            f"{max(r.report['rss_mb'] for r in runs):.0f}",
            f"{load:.2f}" if load else "0 (none loaded)",
            f"{statistics.median(wall):.1f}" if wall else "",
            f"{statistics.median(r.others for r in runs):.0%}",
        ]


HEADER = (
    "method",
    "sentences",
    "runs",
    "sent/s (median)",
    "spread (min-max)",
    "target tok/s",
    "x naive",
    "peak RSS MB",
    "model load s",
    "process s",
    "other load",
)


def busy_ticks() -> tuple[int, int]:
    """(busy, total) CPU ticks of the whole machine since boot (/proc/stat; zeros elsewhere)."""
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    except OSError:
        return 0, 0
    return sum(fields) - fields[3] - fields[4], sum(fields)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child_env() -> dict[str, str]:
    """This environment with bytecode caching allowed, as in an installed package.

    pip compiles an installed package's modules at install time; a checkout run
    with PYTHONDONTWRITEBYTECODE=1 would instead recompile every mtpipe module in
    every measured process (about 0.3 s of CPU here), which no user pays.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def compile_sources() -> None:
    """Byte-compile pipeline/ and bench/ once, before any measured run (see :func:`child_env`)."""
    import compileall

    for folder in ("pipeline", "bench"):
        compileall.compile_dir(REPO / folder, quiet=1)


def run_json(cmd: list[str]) -> Run:
    """Run a child; its last stdout line as JSON, its wall time, and others' CPU share."""
    tick = os.sysconf("SC_CLK_TCK")
    (busy0, total0), cpu0 = busy_ticks(), children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=child_env()
    )
    errors: list[str] = []
    reader = threading.Thread(target=lambda: errors.append(proc.stderr.read()))
    reader.start()
    lines, reported = [], 0.0
    for line in proc.stdout:  # the report is the last line: note when it came
        lines.append(line)
        reported = time.perf_counter() - start
    proc.wait()
    reader.join()
    wall = time.perf_counter() - start
    (busy1, total1), cpu1 = busy_ticks(), children_cpu()
    if proc.returncode != 0 or not lines:
        tail = "".join(errors)[-2000:]
        sys.exit(f"bench: {' '.join(cmd[:5])} ... failed ({proc.returncode}):\n{tail}")
    others = max(0.0, (busy1 - busy0) / tick - (cpu1 - cpu0)) / max(1e-9, (total1 - total0) / tick)
    return Run(json.loads(lines[-1]), wall, others, reported)


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


def short_article(page: Path) -> str:
    """The sample page cut to a short article: its chrome, title and first three paragraphs."""
    blocks = page.read_text(encoding="utf-8").split("\n\n")
    return "\n\n".join(blocks[:5]) + "\n"


def mt_sources(out_dir: Path) -> tuple[list[str], dict[str, int]]:
    """(distinct MT segment sources, origin counts) from mtpipe's JSON in ``out_dir``."""
    doc = next(out_dir.glob("*.json"))
    data = json.loads(doc.read_text(encoding="utf-8"))
    sources, origins = [], {}
    for block in data["blocks"]:
        if block["kind"] in ("title", "paragraph", "caption"):
            for seg in block["segments"]:
                sources.append(seg["source"])
                for tr in seg["translations"].values():
                    origins[tr["origin"]] = origins.get(tr["origin"], 0) + 1
    return list(dict.fromkeys(sources)), origins


def mt_segments(out_dir: Path, model: Path, ratio: float) -> tuple[int, int, dict[str, int]]:
    """(distinct MT segments, their forced target tokens, origin counts) from mtpipe's JSON."""
    from bench.speed_child import forced_lengths, load_tokenizer

    distinct, origins = mt_sources(out_dir)
    ids = load_tokenizer(model)(distinct)["input_ids"]
    return len(distinct), sum(forced_lengths(ids, ratio)), origins


def write_config(path: Path, args: argparse.Namespace, plan: tuple[int, int], memory: Path):
    """mtpipe settings for the runs: forced lengths and the best raw thread plan."""
    inter, intra = plan
    path.write_text(
        "[translate]\n"
        f"batch_tokens = {args.batch_tokens}\n"
        f"force_length_ratio = {args.ratio}\n"
        f"threads = {inter * intra}\n"
        f"ct2_inter_threads = {inter}\n"
        "[memory]\n"
        f'path = "{memory}"\n',
        encoding="utf-8",
    )


def median_ratio(
    top: list[Run], bottom: list[Run], n: int, whole: bool = False
) -> tuple[float, float, float]:
    """Median, min and max of the per-round rate ratios top/bottom (interleaved pairs)."""
    ratios = [a.rate(n, whole) / b.rate(n, whole) for a, b in zip(top, bottom, strict=True)]
    return statistics.median(ratios), min(ratios), max(ratios)


def beam_label(beams: int) -> str:
    return "greedy" if beams == 1 else f"beam {beams}"


def bench_inputs(args: argparse.Namespace, who: str) -> tuple[Path, Path]:
    """``(work folder, newstest2009.it)`` of a benchmark run; exits naming what is missing."""
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    source = args.shared / "data" / "newstest2009" / "newstest2009.it"
    if not source.is_file():
        sys.exit(f"{who}: {source} not found; pass --shared DIR")
    return work, source


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work, source = bench_inputs(args, "bench")
        self.sentences = source.read_text(encoding="utf-8").splitlines()[: args.n]
        self.n = len(self.sentences)
        self.input = self.work / f"newstest2009-first{self.n}.txt"
        self.input.write_text("\n".join(self.sentences) + "\n", encoding="utf-8")
        self.models = prepare_models(self.work, args.shared, args.rebuild)
        compile_sources()
        self.en = {"it-en": self.models["it-en"]}
        self.memory = self.work / "memory.sqlite"
        self.cores = os.cpu_count() or 1
        self.plans: dict[int, tuple[int, int]] = {}  # best raw plan per beam size
        self.short = self.work / "short-article.it.txt"
        self.short.write_text(short_article(SAMPLE), encoding="utf-8")
        self.startup_segments: dict[str, int] = {}

    def child(self, mode: str, n: int, plan: tuple[int, int], beams: int, *flags: str) -> Run:
        a = self.args
        cmd = [sys.executable, "-m", "bench.speed_child", mode, "--model", str(self.en["it-en"])]
        cmd += ["--input", str(self.input), "--ratio", str(a.ratio), "--n", str(n)]
        cmd += ["--inter", str(plan[0]), "--intra", str(plan[1]), "--beams", str(beams)]
        cmd += ["--batch-tokens", str(a.batch_tokens), *flags]
        return run_json(cmd)

    def mtpipe(self, name: str, beams: int, *flags: str, models=None, source=None) -> Run:
        """``mtpipe translate`` through bench.speed_run into a fresh ``out-NAME`` folder."""
        out = self.work / f"out-{name}"
        shutil.rmtree(out, ignore_errors=True)
        config = self.work / f"mtpipe-beam{beams}.toml"
        cmd = [sys.executable, "-m", "bench.speed_run", "--config", str(config), "translate"]
        cmd += [str(source or self.input), "--out", str(out), "--quiet", "--beams", str(beams)]
        cmd += list(flags)
        for pair, folder in (models or self.en).items():
            cmd += ["--model-dir", f"{pair}={folder}"]
        return run_json(cmd)

    def fresh_memory(self) -> None:
        for p in self.work.glob("memory.sqlite*"):
            p.unlink()

    def plan_search(self, beams: int) -> list[Row]:
        """One raw run per thread plan; the fastest becomes this beam size's plan."""
        c = self.cores
        plans = sorted({(1, c), (c, 1), (2, max(1, c // 2)), (min(4, c), max(1, c // 4))})
        rows = []
        for plan in plans:
            run = self.child("raw", self.n, plan, beams)
            rows.append(Row(self.raw_label(plan, beams), self.n, run.report["tokens"], [run]))
        best = max(rows, key=lambda row: row.rate)
        self.plans[beams] = plans[rows.index(best)]
        write_config(
            self.work / f"mtpipe-beam{beams}.toml", self.args, self.plans[beams], self.memory
        )
        return rows

    def raw_label(self, plan: tuple[int, int], beams: int) -> str:
        return f"raw CTranslate2 int8, {beam_label(beams)}, inter {plan[0]} x intra {plan[1]}"

    def interleaved(self, beams: int, qa: bool) -> dict[str, list[Run]]:
        """``--rounds`` x (raw at the best plan, mtpipe QA off[, mtpipe QA on]), interleaved.

        Round ``i`` runs the methods in the order rotated ``i`` places, so no method
        always runs first or right after another (this shared machine's speed drifts
        between consecutive runs); the shares are medians of per-round ratios.
        """
        runs: dict[str, list[Run]] = {"raw": [], "mtpipe": [], "qa": [], "scored": []}
        ct2 = ["--to", "en", "--backend", "ctranslate2"]
        methods = {
            "raw": lambda: self.child("raw", self.n, self.plans[beams], beams),
            "mtpipe": lambda: self.mtpipe(f"ct2-beam{beams}", beams, *ct2, "--no-qa"),
            "qa": lambda: self.mtpipe(f"ct2-qa-beam{beams}", beams, *ct2),
            "scored": lambda: self.child("raw", self.n, self.plans[beams], beams, "--scores"),
        }
        # Greedy: also the raw engine asked for the scores mtpipe records (at beam 4 the
        # engine computes them anyway), so the table shows what that work costs.
        order = ["raw", "mtpipe", "qa", "scored"] if qa else ["raw", "mtpipe"]
        for i in range(self.args.rounds):
            shift = i % len(order)
            for name in order[shift:] + order[:shift]:
                if name != "raw":  # the raw engine has no memory: the last mtpipe run's
                    self.fresh_memory()  # memory stays for the rerun rows
                runs[name].append(methods[name]())
        return runs

    def decoding_rows(self, beams: int) -> tuple[list[Row], dict[str, list[Run]]]:
        """Naive, raw plan search, interleaved raw/mtpipe (QA on too when greedy) at ``beams``."""
        a, label = self.args, beam_label(beams)
        naive_run = self.child("naive", a.naive_n, (1, self.cores), beams)
        naive = Row(f"naive: generate() per sentence, fp32, {label}", a.naive_n, 0, [naive_run])
        naive.tokens = naive_run.report["tokens"]
        rows = [naive, *self.plan_search(beams)]
        runs = self.interleaved(beams, qa=beams == 1)
        out = self.work / f"out-ct2-beam{beams}"
        self.segments, tokens, _ = mt_segments(out, self.en["it-en"], a.ratio)
        self.tokens = tokens
        raw_tokens = rows[1].tokens
        rows.append(Row(self.raw_label(self.plans[beams], beams), self.n, raw_tokens, runs["raw"]))
        rows[-1].method += " (interleaved with mtpipe)"
        method = f"mtpipe translate --backend ctranslate2, {label}"
        rows.append(Row(method, self.n, tokens, runs["mtpipe"]))
        if runs["qa"]:
            rows.append(Row(f"{method}, QA on", self.n, tokens, runs["qa"]))
        if runs["scored"]:
            label = f"{self.raw_label(self.plans[beams], beams)}, with scores (as mtpipe asks)"
            rows.append(Row(label, self.n, raw_tokens, runs["scored"]))
        return rows, runs

    def other_rows(self, tokens: int) -> tuple[list[Row], dict]:
        """Transformers backend, memory-served reruns, both pairs, start-up (greedy unless said)."""
        extra = ["--to", "en", "--backend", "transformers", "--no-qa", "--no-memory"]
        hf = self.mtpipe("transformers", 1, *extra)
        ct2 = ["--to", "en", "--backend", "ctranslate2", "--no-qa"]
        reruns = [self.mtpipe("rerun", 1, *ct2) for _ in range(3)]  # memory of the last run
        _, _, origins = mt_segments(self.work / "out-rerun", self.en["it-en"], self.args.ratio)
        both = self.mtpipe(
            "both", 1, "--to", "en,fr", "--backend", "ctranslate2", "--no-qa", "--no-memory",
            models=self.models,
        )  # fmt: skip
        rows = [
            Row("mtpipe translate --backend transformers, greedy", self.n, tokens, [hf]),
            Row("mtpipe translate rerun, memory hits, greedy", self.n, 0, reruns),
            Row("mtpipe translate --backend ctranslate2 --to en,fr, greedy", 2 * self.n,
                2 * tokens, [both]),
        ]  # fmt: skip
        info = {"origins": origins, "rerun": reruns[-1].report, "rerun_runs": reruns}
        info.update(both=both)
        return rows, info

    def startup_rows(self) -> tuple[list[Row], dict[str, list[Run]]]:
        """One short article and the whole sample page, each from process start to outputs.

        As a user runs it: the configured default decoding (beam 4), QA on, the
        memory on and empty (a first run), the best thread plan, forced lengths.
        Each round also runs the floor (:mod:`bench.startup_floor`) on the short
        article's MT segments.
        """
        runs: dict[str, list[Run]] = {"short": [], "page": [], "floor": []}
        ct2 = ["--to", "en", "--backend", "ctranslate2"]
        segments = self.work / "short-article.mt-segments.txt"
        for _ in range(self.args.rounds):
            for name, source in (("short", self.short), ("page", SAMPLE)):
                self.fresh_memory()
                runs[name].append(self.mtpipe(f"startup-{name}", 4, *ct2, source=source))
            if not segments.exists():
                sources = mt_sources(self.work / "out-startup-short")[0]
                segments.write_text("\n".join(sources) + "\n", encoding="utf-8")
            runs["floor"].append(self.floor(segments))
        rows = []
        for name, what in (("short", "one short article"), ("page", "the whole sample page")):
            segments_n = mt_segments(self.work / f"out-startup-{name}", self.en["it-en"], 1.0)[0]
            label = f"start-up: {what} ({segments_n} MT segments), ctranslate2, beam 4, QA on"
            rows.append(Row(label, segments_n, 0, runs[name]))
            self.startup_segments[name] = segments_n
        label = (
            f"start-up floor: bare script, the short article's {self.startup_segments['short']} "
            "MT segments (sentencepiece + CTranslate2 load, beam 4, outputs written)"
        )
        rows.append(Row(label, self.startup_segments["short"], 0, runs["floor"]))
        return rows, runs

    def floor(self, segments: Path) -> Run:
        """:mod:`bench.startup_floor` on ``segments`` at the beam-4 plan, timed as a process."""
        inter, intra = self.plans[4]
        cmd = [sys.executable, "-m", "bench.startup_floor", "--model", str(self.en["it-en"])]
        cmd += ["--segments", str(segments), "--out", str(self.work / "floor-out.txt")]
        cmd += ["--inter", str(inter), "--intra", str(intra), "--beams", "4"]
        cmd += ["--ratio", str(self.args.ratio), "--batch-tokens", str(self.args.batch_tokens)]
        return run_json(cmd)

    def run(self) -> int:
        a = self.args
        print(SHAPE_NOTE)
        beam_rows, beam_runs = self.decoding_rows(4)
        greedy_rows, greedy_runs = self.decoding_rows(1)
        rows, info = self.other_rows(self.tokens)
        start_rows, info["startup"] = self.startup_rows()
        rows = greedy_rows + beam_rows + rows + start_rows
        summary = self.summary(greedy_rows[0], greedy_runs, beam_runs, info)
        notes = self.notes(info, greedy_runs)
        lines = table(rows, greedy_rows[0].rate)
        print("\n".join(lines) + "\n\n" + "\n".join(f"- {note}" for note in notes))
        print("\n".join(summary))
        if a.write:
            write_results(lines, notes, summary)
        return 0

    def summary(self, naive: Row, greedy: dict, beam: dict, info: dict) -> list[str]:
        """The key lines: shares are medians of per-round ratios (min-max in brackets)."""
        n = self.n
        share, share4, qa = (
            median_ratio(greedy["mtpipe"], greedy["raw"], n),
            median_ratio(beam["mtpipe"], beam["raw"], n),
            median_ratio(greedy["qa"], greedy["mtpipe"], n),
        )
        whole, whole4 = (
            median_ratio(greedy["mtpipe"], greedy["raw"], n, whole=True),
            median_ratio(beam["mtpipe"], beam["raw"], n, whole=True),
        )
        qa_whole = median_ratio(greedy["qa"], greedy["mtpipe"], n, whole=True)
        scored, scored_cost = (
            median_ratio(greedy["mtpipe"], greedy["scored"], n),
            median_ratio(greedy["scored"], greedy["raw"], n),
        )
        qa_load, qa_serial = (
            statistics.median(r.report.get(k, 0.0) for r in greedy["qa"])
            for k in ("qa_load", "qa_serial")
        )
        ready = statistics.median(r.report["ready"] for r in greedy["mtpipe"])
        first = statistics.median(r.wall for r in greedy["mtpipe"])
        rerun = statistics.median(r.wall for r in info["rerun_runs"])
        mtpipe_rate = statistics.median(r.rate(n) for r in greedy["mtpipe"])
        startup = [r.reported for r in info["startup"]["short"]]
        floor = [r.reported for r in info["startup"]["floor"]]
        page = info["startup"]["page"]
        overhead = [r.reported - r.report["engine"] for r in page]
        return [
            f"speedup_vs_naive: {mtpipe_rate / naive.rate:.1f}x",
            f"share_of_raw_engine: {share[0]:.2f} (rounds {share[1]:.2f}-{share[2]:.2f})",
            f"share_of_raw_engine_beam4: {share4[0]:.2f} (rounds {share4[1]:.2f}-{share4[2]:.2f})",
            f"share_of_raw_engine_scored: {scored[0]:.2f} (rounds {scored[1]:.2f}-"
            f"{scored[2]:.2f}; greedy, against the raw engine asked for the scores mtpipe "
            f"records, which alone runs at {scored_cost[0]:.2f} of the raw engine)",
            f"share_of_raw_engine_with_process_startup: {whole[0]:.2f} greedy, {whole4[0]:.2f} "
            f"beam 4 (start-up {ready:.2f} s counted in)",
            f"qa_on_share: {qa[0]:.2f} (rounds {qa[1]:.2f}-{qa[2]:.2f})",
            f"qa_on_share_with_qa_load: {qa_whole[0]:.2f} (rounds {qa_whole[1]:.2f}-"
            f"{qa_whole[2]:.2f}; QA's one-off resource load {qa_load:.2f} s, of which "
            f"{qa_serial:.2f} s not hidden by the model load, counted in)",
            f"startup_s: {statistics.median(startup):.2f} "
            f"(runs {min(startup):.2f}-{max(startup):.2f})",
            f"startup_floor_s: {statistics.median(floor):.2f} (runs {min(floor):.2f}-"
            f"{max(floor):.2f}; a bare script: interpreter, CTranslate2 load, the same "
            "segments decoded, outputs written)",
            f"startup_overhead_s_sample_page: {statistics.median(overhead):.2f} (whole process "
            f"{statistics.median(r.reported for r in page):.2f} s minus engine "
            f"{statistics.median(r.report['engine'] for r in page):.2f} s; runs "
            f"{min(overhead):.2f}-{max(overhead):.2f})",
            f"rerun_speedup: {first / rerun:.1f}x",
            f"peak_rss_mb_both_pairs: {info['both'].report['rss_mb']:.0f}",
            self.engine_line(greedy),
        ]

    def engine_line(self, greedy: dict) -> str:
        """mtpipe's engine span against the raw engine asked for scores, round by round.

        Time ratios (above 1: mtpipe's engine took longer), in wall and in process CPU over
        the span: the CPU ratio says whether the engine did more work in mtpipe (other
        batches, work of mtpipe's beside the replicas), the wall ratio whether the replicas
        were kept busy as well; with the time outside the span after the model load, it
        splits a share below the goal into its parts. Cores kept busy (CPU over wall) below
        the core count: replicas idle while the last batches decode. Both decode the same
        batches; raw submits them longest first, mtpipe in the order its planner predicts
        ends soonest (``pipeline.translate.batching.submission_order``: the same order
        unless that is predicted at least 3% sooner), so the wall ratio can fall below the
        CPU ratio.
        """
        mt, scored = greedy["mtpipe"], greedy["scored"]
        wall = [m.report["engine"] / s.report["seconds"] for m, s in zip(mt, scored, strict=True)]
        cpu = [
            m.report["engine_cpu"] / s.report["engine_cpu"] for m, s in zip(mt, scored, strict=True)
        ]
        outside = [
            r.report["wall"] - (r.report["ready"] or 0.0) - r.report["load"] - r.report["engine"]
            for r in mt
        ]
        busy = [r.report["engine_cpu"] / r.report["seconds"] for r in greedy["raw"]]
        busy_mt = [r.report["engine_cpu"] / r.report["engine"] for r in mt]

        def spread(values: list[float], what: str = "rounds") -> str:
            return f"{statistics.median(values):.2f} ({what} {min(values):.2f}-{max(values):.2f})"

        return (
            f"engine_time_vs_raw_scored: wall {spread(wall)}, CPU {spread(cpu)}; greedy, "
            f"mtpipe's engine span over the raw engine's clock with scores; time outside the "
            f"span after the model load {spread(outside, 'runs')} s; cores kept busy over "
            f"the span (of {self.cores}): raw {spread(busy, 'runs')}, mtpipe "
            f"{spread(busy_mt, 'runs')}"
        )

    def notes(self, info: dict, greedy: dict) -> list[str]:
        a, rerun = self.args, info["rerun"]
        first = statistics.median(r.wall for r in greedy["mtpipe"])
        return [
            f"machine: {self.cores} CPU cores ({platform.machine()}), python "
            f"{platform.python_version()}, shared with other jobs (other load column); input: "
            f"first {self.n} lines of newstest2009.it ({self.segments} distinct MT segments after "
            f"mtpipe's reader and segmenter); forced length = round({a.ratio} x source tokens); "
            f"batch_tokens {a.batch_tokens} (CTranslate2: shared by the parallel replicas)",
            "forced lengths at greedy and beam 4, raw and mtpipe alike: each length-sorted, "
            "token-bounded batch decodes exactly its longest sentence's forced length "
            "(min_decoding_length = max_decoding_length) and every output is cut to its own "
            "length; naive decodes each sentence alone to its own length",
            "raw and naive: engine time only (process start-up, tokenizer and model load and "
            "tokenization before the clock); mtpipe rows: the whole `mtpipe translate` process "
            "is timed (process s column) and sent/s leaves out the same one-off costs: the "
            "process start-up until the first input is read (interpreter, imports, settings) "
            "and the model load (own column: tokenizer, backend import, model); everything "
            "per article stays in (read, language check, segment, tokenize, protect, translate, "
            "localise, QA in the QA rows, memory, write); the process exit after the outputs "
            "are written (freeing the model, interpreter shutdown: median "
            f"{statistics.median(r.exit_s for r in greedy['mtpipe']):.2f} s greedy) is left out "
            "too, as the raw clock leaves out the model's load and release. "
            "share_of_raw_engine_with_process_startup counts the start-up and the exit in",
            f"interleaved: {a.rounds} rounds of (raw at the best plan, mtpipe QA off[, QA on, "
            "raw with scores]) per "
            "decoding setting, the order rotated one place each round; best plans: greedy "
            f"inter {self.plans[1][0]} x intra "
            f"{self.plans[1][1]}, beam 4 inter {self.plans[4][0]} x intra {self.plans[4][1]} "
            "(mtpipe runs with the same plan); shares are medians of the per-round ratios",
            f"rerun: fresh process, same input, new --out: translations by origin "
            f"{info['origins']}; models loaded: {rerun['models_loaded']}, torch imported: "
            f"{rerun['imported_torch']}, ctranslate2 imported: {rerun['imported_ctranslate2']}; "
            f"whole process {statistics.median(r.wall for r in info['rerun_runs']):.2f} s vs "
            f"first run {first:.2f} s",
            self.startup_note(info["startup"]),
        ]

    def startup_note(self, runs: dict[str, list[Run]]) -> str:
        """Where the start-up rows' time goes (medians): model load, engine span, the rest."""

        def split(name: str) -> str:
            load, qa, wait, engine, wall = (
                statistics.median(r.report.get(k, 0.0) if k else r.reported for r in runs[name])
                for k in ("load", "qa_load", "qa_serial", "engine", None)
            )
            return (
                f"whole {wall:.2f} s = model load {load:.2f} + QA load not hidden by the "
                f"model load {wait:.2f} (of {qa:.2f}, in a thread beside it) + engine "
                f"{engine:.2f} + everything else {wall - load - wait - engine:.2f}"
            )

        return (
            f"start-up: process start to written outputs (txt, md, jsonl, json; the child's report "
            f"line, so the process exit is not in it, for the floor neither), beam 4, QA on, "
            f"memory on and empty, forced lengths; one short article = the chrome, title and "
            f"first three paragraphs of {SAMPLE.relative_to(REPO)} "
            f"({self.startup_segments['short']} MT segments): {split('short')}; the whole page "
            f"({self.startup_segments['page']} MT segments): {split('page')}; model load = "
            "tokenizer (sentencepiece), CTranslate2 import and model; engine = first batch "
            "handed to CTranslate2 to its last result; transformers imported: "
            f"{any(r.report.get('imported_transformers') for r in runs['short'])}, torch "
            f"imported: {any(r.report.get('imported_torch') for r in runs['short'])}"
        )


def table(rows: list[Row], ref_rate: float, ref_label: str = "x naive") -> list[str]:
    """The Markdown table; the ``ref_label`` column is each rate over ``ref_rate``."""
    header = [ref_label if h == "x naive" else h for h in HEADER]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return lines + ["| " + " | ".join(row.cells(ref_rate)) + " |" for row in rows]


def write_results(lines: list[str], notes: list[str], summary: list[str]) -> None:
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    # Defaults sized to finish in about 8-10 minutes on a quiet 2-core machine.
    parser.add_argument("--n", type=int, default=150, help="newstest2009 sentences")
    parser.add_argument("--naive-n", type=int, default=10, help="sentences for the naive rows")
    parser.add_argument("--ratio", type=float, default=1.0, help="forced target/source tokens")
    parser.add_argument("--batch-tokens", type=int, default=2048)
    parser.add_argument("--rounds", type=int, default=11, help="interleaved raw/mtpipe runs")
    parser.add_argument("--work", type=Path, default=REPO / "out" / "bench-speed")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the random models")
    parser.add_argument("--write", action="store_true", help=f"store the table in {RESULTS}")
    return Bench(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())
