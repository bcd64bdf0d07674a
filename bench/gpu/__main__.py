"""GPU speed benchmark: transformers and raw CTranslate2 vs ``mtpipe translate --backend auto``.

One command on a machine with an NVIDIA GPU (``make bench-gpu``), sized to finish in
3-6 minutes on one H100-class card, under 8 (an estimate: it has not yet run on a GPU).
It uses the random opus-mt-it-en-shaped model of ``make bench`` (built and converted on
first use; outputs are noise, lengths forced equal for every method, as in the CPU
bench), the first ``--n`` sentences of newstest2009, greedy and beam 4:

- transformers ``generate`` in float16 and bfloat16 over the same length-sorted,
  token-bounded batches mtpipe makes (engine time);
- raw CTranslate2 in float16 and int8_float16 (engine time; the model is stored int8 and
  converted at load);
- ``mtpipe translate --backend auto`` end to end (whole process, model load apart),
  interleaved ``--rounds`` times with raw CTranslate2 at the compute type ``auto`` picks
  on CUDA (int8_float16); the shares are medians of the per-round ratios.

Without CUDA it stops at once with one line and measures nothing. Writes
``bench/results/gpu.md`` with ``--write``. Same table format as ``make bench``.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import time
from pathlib import Path

from bench.speed import (
    REPO,
    SHAPE_NOTE,
    Row,
    Run,
    beam_label,
    bench_inputs,
    median_ratio,
    mt_segments,
    prepare_models,
    run_json,
    table,
)

RESULTS = REPO / "bench" / "results" / "gpu.md"


def require_cuda() -> str:
    """The GPU's name, or exit 1 with one line when torch or CTranslate2 sees no CUDA device."""
    try:
        import ctranslate2
        import torch
    except ImportError as exc:
        sys.exit(f"bench/gpu: {exc.name} is not installed; nothing was measured")
    if not torch.cuda.is_available():
        sys.exit(
            "bench/gpu: no CUDA device is visible to torch (torch.cuda.is_available() is False); "
            "this benchmark needs an NVIDIA GPU; nothing was measured"
        )
    if ctranslate2.get_cuda_device_count() < 1:
        sys.exit(
            "bench/gpu: CTranslate2 sees no CUDA device (a CPU-only build?); nothing was measured"
        )
    return torch.cuda.get_device_name(0)


class GpuBench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work, source = bench_inputs(args, "bench/gpu")
        sentences = source.read_text(encoding="utf-8").splitlines()[: args.n]
        self.n = len(sentences)
        self.input = self.work / f"newstest2009-first{self.n}.txt"
        self.input.write_text("\n".join(sentences) + "\n", encoding="utf-8")
        self.model = prepare_models(self.work, args.shared, rebuild=False)["it-en"]
        self.config = self.work / "mtpipe-gpu.toml"
        self.config.write_text(
            f"[translate]\nbatch_tokens = {args.batch_tokens}\nforce_length_ratio = {args.ratio}\n",
            encoding="utf-8",
        )
        self.started = time.monotonic()

    def child(self, mode: str, compute: str, beams: int) -> Run:
        a = self.args
        cmd = [sys.executable, "-m", "bench.speed_child", mode, "--model", str(self.model)]
        cmd += ["--input", str(self.input), "--n", str(self.n), "--ratio", str(a.ratio)]
        cmd += ["--device", "cuda", "--compute-type", compute, "--beams", str(beams)]
        cmd += ["--inter", "1", "--intra", "1", "--batch-tokens", str(a.batch_tokens)]
        return self.log(run_json(cmd), f"{mode} {compute} {beam_label(beams)}")

    def mtpipe(self, beams: int) -> Run:
        out = self.work / f"out-gpu-beam{beams}"
        shutil.rmtree(out, ignore_errors=True)
        cmd = [sys.executable, "-m", "bench.speed_run", "--config", str(self.config)]
        cmd += ["translate", str(self.input), "--out", str(out), "--quiet", "--to", "en"]
        cmd += ["--backend", "auto", "--beams", str(beams), "--no-qa", "--no-memory"]
        cmd += ["--model-dir", f"it-en={self.model}"]
        return self.log(run_json(cmd), f"mtpipe auto {beam_label(beams)}")

    def log(self, run: Run, what: str) -> Run:
        elapsed = time.monotonic() - self.started
        print(f"bench/gpu: {what}: {run.wall:.1f} s (elapsed {elapsed:.0f} s)", file=sys.stderr)
        return run

    def decoding(self, beams: int, tokens: int) -> tuple[list[Row], dict[str, list[Run]]]:
        label, rows = beam_label(beams), []
        for dtype in ("float16", "bfloat16"):
            run = self.child("generate", dtype, beams)
            name = f"transformers generate, {dtype}, {label}"
            rows.append(Row(name, self.n, run.report["tokens"], [run]))
        run = self.child("raw", "float16", beams)
        rows.append(Row(f"raw CTranslate2 float16, {label}", self.n, run.report["tokens"], [run]))
        runs: dict[str, list[Run]] = {"raw": [], "mtpipe": []}
        for _ in range(self.args.rounds):
            runs["raw"].append(self.child("raw", "int8_float16", beams))
            runs["mtpipe"].append(self.mtpipe(beams))
        raw_tokens = runs["raw"][0].report["tokens"]
        rows.append(Row(f"raw CTranslate2 int8_float16, {label}", self.n, raw_tokens, runs["raw"]))
        rows.append(
            Row(f"mtpipe translate --backend auto, {label}", self.n, tokens, runs["mtpipe"])
        )
        return rows, runs

    def run(self, gpu: str) -> int:
        print(SHAPE_NOTE)
        warm = self.mtpipe(1)  # also the forced token count of mtpipe's segments
        segments, tokens, _ = mt_segments(self.work / "out-gpu-beam1", self.model, self.args.ratio)
        greedy, greedy_runs = self.decoding(1, tokens)
        beam, beam_runs = self.decoding(4, tokens)
        lines = table(greedy + beam, greedy[0].rate, "x fp16 greedy")
        notes = self.notes(gpu, segments, warm)
        share = median_ratio(greedy_runs["mtpipe"], greedy_runs["raw"], self.n)
        share4 = median_ratio(beam_runs["mtpipe"], beam_runs["raw"], self.n)
        summary = [
            f"gpu_share_of_raw_engine: {share[0]:.2f} (rounds {share[1]:.2f}-{share[2]:.2f})",
            f"gpu_share_of_raw_engine_beam4: {share4[0]:.2f} "
            f"(rounds {share4[1]:.2f}-{share4[2]:.2f})",
        ]
        print("\n".join(lines) + "\n\n" + "\n".join(f"- {n}" for n in notes))
        print("\n".join(summary))
        if self.args.write:
            write(lines, notes, summary)
        return 0

    def notes(self, gpu: str, segments: int, warm: Run) -> list[str]:
        doc = next((self.work / "out-gpu-beam1").glob("*.json"))
        sig = json.loads(doc.read_text(encoding="utf-8"))["signatures"]["en"]
        a = self.args
        return [
            f"machine: {gpu}, python {platform.python_version()}; input: first {self.n} lines of "
            f"newstest2009.it ({segments} distinct MT segments after mtpipe's reader and "
            f"segmenter); forced length = round({a.ratio} x source tokens); batch_tokens "
            f"{a.batch_tokens}",
            f"`--backend auto` chose backend {sig.get('backend')}, device {sig.get('device')}, "
            f"{sig.get('dtype')} (from the output's signature); a first mtpipe run "
            f"({warm.wall:.1f} s) warmed the disk cache and is not in the table",
            "engine rows (generate, raw): engine time only, one batch run before the clock "
            "(kernel set-up); mtpipe rows: the whole process timed, sent/s excludes the model "
            "load; forced lengths as in `make bench` (each batch decodes its longest sentence's "
            "length, every output cut to its own)",
            f"interleaved: {a.rounds} rounds of (raw int8_float16, mtpipe) per decoding setting; "
            "the x column is relative to transformers float16 greedy",
        ]


def write(lines: list[str], notes: list[str], summary: list[str]) -> None:
    RESULTS.write_text(
        f"# GPU speed benchmark (`make bench-gpu`)\n\nRun {time.strftime('%Y-%m-%d %H:%M')}.\n\n"
        f"{SHAPE_NOTE}.\n\n" + "\n".join(lines) + "\n\n" + "\n".join(f"- {n}" for n in notes)
        + "\n\n```\n" + "\n".join(summary) + "\n```\n",
        encoding="utf-8",
    )  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--ratio", type=float, default=1.0, help="forced target/source tokens")
    parser.add_argument("--batch-tokens", type=int, default=16384)
    parser.add_argument("--rounds", type=int, default=3, help="interleaved raw/mtpipe runs")
    parser.add_argument("--work", type=Path, default=REPO / "out" / "bench-speed")
    parser.add_argument("--write", action="store_true", help=f"store the table in {RESULTS}")
    args = parser.parse_args()
    gpu = require_cuda()
    return GpuBench(args).run(gpu)


if __name__ == "__main__":
    sys.exit(main())
