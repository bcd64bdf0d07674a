"""Speed benchmark: naive generate vs the raw CTranslate2 engine vs ``mtpipe translate``.

The model is a random-weight Marian with the exact opus-mt-it-en shape (vocab 80,035,
d_model 512, 6+6 layers, 8 heads, FFN 2,048), built locally because real weights cannot
be downloaded here; it computes as much as the real model, but its output is noise.
Every method decodes greedily and is forced to the same output length per sentence
(round(ratio x source tokens)), so random weights cannot skew the comparison.

Rows, each measured in a fresh process:
- naive: one ``generate`` call per sentence (first ``--naive-n`` sentences);
- raw CTranslate2 int8, length-sorted token-bounded batches, engine time only,
  for a few inter/intra thread settings (the best is the ceiling);
- ``mtpipe translate`` end to end with each backend (whole process timed; the rate
  excludes the model load, which has its own column);
- a rerun of ``mtpipe translate`` over the same input in a fresh process, served by
  the translation memory (it must not load a model), and ``--to en,fr`` with both pairs.

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
    seconds: float  # time the rate is computed over
    tokens: int
    load: float | None
    rss_mb: float
    wall: float | None = None  # whole process, when measured

    @property
    def rate(self) -> float:
        return self.sentences / self.seconds

    @property
    def token_rate(self) -> float:
        return self.tokens / self.seconds


def run_json(cmd: list[str], env: dict | None = None) -> tuple[dict, float]:
    """Run a child, return its last stdout line as JSON and its whole-process wall time."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, env=env)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(
            f"bench: {' '.join(cmd[:4])} ... failed ({proc.returncode}):\n{proc.stderr[-2000:]}"
        )
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall


def prepare_models(work: Path, shared: Path, rebuild: bool) -> dict[str, Path]:
    """Opus-shaped random models for it-en and it-fr, converted to CTranslate2 int8."""
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


def target_tokens(out_dir: Path, model: Path, ratio: float) -> tuple[int, int, dict[str, int]]:
    """(distinct MT segments, their forced target tokens, origin counts) from mtpipe's JSON."""
    from bench.speed_child import forced_lengths, load_tokenizer

    doc = next(p for p in out_dir.glob("*.json"))
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


def mtpipe(work: Path, name: str, input_file: Path, models: dict[str, Path], *flags: str):
    """Run ``mtpipe translate`` through bench.speed_run into a fresh ``out-NAME`` folder."""
    out = work / f"out-{name}"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "bench.speed_run", "--config", str(work / "mtpipe.toml")]
    cmd += ["translate", str(input_file), "--out", str(out), "--quiet", *flags]
    for pair, folder in models.items():
        cmd += ["--model-dir", f"{pair}={folder}"]
    return run_json(cmd)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--naive-n", type=int, default=100)
    parser.add_argument("--ratio", type=float, default=1.0, help="forced target/source tokens")
    parser.add_argument("--batch-tokens", type=int, default=4096)
    parser.add_argument("--work", type=Path, default=REPO / "out" / "bench-speed")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the random models")
    parser.add_argument("--write", action="store_true", help=f"store the table in {RESULTS}")
    args = parser.parse_args()

    source = args.shared / "data" / "newstest2009" / "newstest2009.it"
    if not source.is_file():
        sys.exit(f"bench: {source} not found; pass --shared DIR")
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    sentences = source.read_text(encoding="utf-8").splitlines()[: args.n]
    input_file = work / f"newstest2009-first{len(sentences)}.txt"
    input_file.write_text("\n".join(sentences) + "\n", encoding="utf-8")
    models = prepare_models(work, args.shared, args.rebuild)
    en = {"it-en": models["it-en"]}
    print(SHAPE_NOTE)
    rows: list[Row] = []
    child = [sys.executable, "-m", "bench.speed_child"]
    common = ["--input", str(input_file), "--ratio", str(args.ratio)]

    r, _ = run_json(
        [*child, "naive", "--model", str(en["it-en"]), "--n", str(args.naive_n), *common]
    )
    naive = Row(
        "naive: generate() per sentence, fp32",
        r["sentences"],
        r["seconds"],
        r["tokens"],
        r["load"],
        r["rss_mb"],
    )
    rows.append(naive)

    cores = os.cpu_count() or 1
    plans = sorted(
        {(1, cores), (cores, 1), (2, max(1, cores // 2)), (min(4, cores), max(1, cores // 4))}
    )
    raws = []
    for inter, intra in plans:
        r, _ = run_json(
            [
                *child,
                "raw",
                "--model",
                str(en["it-en"]),
                "--n",
                str(args.n),
                "--inter",
                str(inter),
                "--intra",
                str(intra),
                "--batch-tokens",
                str(args.batch_tokens),
                *common,
            ]
        )
        raws.append(
            (
                (inter, intra),
                Row(
                    f"raw CTranslate2 int8, inter {inter} x intra {intra}",
                    r["sentences"],
                    r["seconds"],
                    r["tokens"],
                    r["load"],
                    r["rss_mb"],
                ),
            )
        )
    (inter, intra), best_raw = max(raws, key=lambda x: x[1].rate)
    rows += [row for _, row in raws]

    memory = work / "memory.sqlite"
    for p in work.glob("memory.sqlite*"):
        p.unlink()
    write_config(work / "mtpipe.toml", args, inter, intra, memory)
    ends = {}
    for backend, use_memory in (("transformers", False), ("ctranslate2", True)):
        flags = ["--to", "en", "--backend", backend, "--no-qa"]
        r, wall = mtpipe(
            work, backend, input_file, en, *flags, *([] if use_memory else ["--no-memory"])
        )
        n_seg, tokens, _ = target_tokens(work / f"out-{backend}", en["it-en"], args.ratio)
        label = f"mtpipe translate --backend {backend}" + (" (fills memory)" if use_memory else "")
        ends[backend] = (
            Row(label, len(sentences), wall - r["load"], tokens, r["load"], r["rss_mb"], wall),
            n_seg,
        )
        rows.append(ends[backend][0])

    ct2_en = ["--to", "en", "--backend", "ctranslate2"]
    rerun, rerun_wall = mtpipe(work, "rerun", input_file, en, *ct2_en, "--no-qa")
    _, _, origins = target_tokens(work / "out-rerun", en["it-en"], args.ratio)
    rows.append(
        Row(
            "mtpipe translate rerun, memory hits",
            len(sentences),
            rerun_wall,
            0,
            rerun["load"],
            rerun["rss_mb"],
            rerun_wall,
        )
    )
    qa, qa_wall = mtpipe(work, "qa", input_file, en, *ct2_en, "--no-memory")
    rows.append(
        Row(
            "mtpipe translate --backend ctranslate2, QA on",
            len(sentences),
            qa_wall - qa["load"],
            tokens,
            qa["load"],
            qa["rss_mb"],
            qa_wall,
        )
    )
    both_flags = ["--to", "en,fr", "--backend", "ctranslate2", "--no-qa", "--no-memory"]
    both, both_wall = mtpipe(work, "both", input_file, models, *both_flags)
    n_seg, tok_en, _ = target_tokens(work / "out-both", models["it-en"], args.ratio)
    rows.append(
        Row(
            "mtpipe translate --backend ctranslate2 --to en,fr",
            2 * len(sentences),
            both_wall - both["load"],
            2 * tok_en,
            both["load"],
            both["rss_mb"],
            both_wall,
        )
    )

    first = ends["ctranslate2"][0]
    lines = table(rows, naive)
    notes = [
        f"machine: {cores} CPU cores, {platform.processor() or platform.machine()}, "
        f"python {platform.python_version()}; input: first {len(sentences)} lines of "
        f"newstest2009.it ({ends['ctranslate2'][1]} distinct MT segments after mtpipe's reader "
        f"and segmenter); greedy, forced length = round({args.ratio} x source tokens), "
        f"batch_tokens {args.batch_tokens}",
        f"mtpipe rows: whole `mtpipe translate` process timed (start-up, read, segment, translate, "
        f"localise, write; QA off (--no-qa) except in the QA row); sent/s excludes the model "
        f"load (own column); mtpipe ctranslate2 uses the best raw thread setting "
        f"(inter {inter} x intra {intra})",
        f"rerun: fresh process, same input, new --out: {origins} translations by origin; "
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
    print("\n".join(lines))
    print()
    print("\n".join(f"- {n}" for n in notes))
    if args.write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(
            "# Speed benchmark (`make bench`)\n\n"
            f"Run {time.strftime('%Y-%m-%d %H:%M')} with `python -m bench.speed`.\n\n"
            f"{SHAPE_NOTE}.\n\n"
            + "\n".join(lines)
            + "\n\n"
            + "\n".join(f"- {n}" for n in notes)
            + "\n\n```\n"
            + "\n".join(summary)
            + "\n```\n",
            encoding="utf-8",
        )
    print("\n".join(summary))
    return 0


def table(rows: list[Row], naive: Row) -> list[str]:
    head = (
        "| method | sentences | sent/s | target tok/s | x naive | peak RSS MB | model load s "
        "| process s |"
    )
    lines = [head, "|" + " --- |" * 8]
    for r in rows:
        wall = f"{r.wall:.1f}" if r.wall is not None else ""
        load = f"{r.load:.2f}" if r.load else "0 (none loaded)"
        tok = f"{r.token_rate:.0f}" if r.tokens else ""
        lines.append(
            f"| {r.method} | {r.sentences} | {r.rate:.1f} | {tok} | {r.rate / naive.rate:.1f} "
            f"| {r.rss_mb:.0f} | {load} | {wall} |"
        )
    return lines


if __name__ == "__main__":
    sys.exit(main())
