"""``python -m bench.qa_cost``: what QA costs per segment and target language.

Builds articles of ``--per-article`` consecutive newstest2009 lines (Italian
source, the English and French references as targets), runs the qa stage
(:func:`pipeline.qa.run_qa`, default settings) over them in this process and
prints seconds per segment-language: once cold (the first article pays for
loading lingua's models and wordfreq lists, as a `mtpipe translate` run does)
and warm (the next ``--n`` pairs, with everything loaded); then both sets
through a fresh helper process (:mod:`pipeline.qa.worker`): how long it takes
to be ready, then what each set costs there, pickling included (the first is
what a run waits for when the helper was ready before decoding ended).
``--dump FILE`` writes every finding of the cold set (segment, language,
check, severity, message) as JSON lines, to compare two versions of the code;
``--profile N`` prints the N costliest functions of the warm run (cProfile).

``--e2e`` instead times whole ``mtpipe translate`` runs (the first ``--n``
newstest2009 lines, one text file, ``--to en``, CTranslate2, greedy, through
``bench.speed_run``) with QA off, QA on in the helper process (the default)
and QA on in this process (``[qa] worker = "off"``, as before the helper
existed), interleaved ``--rounds`` times; the model is bench-speed's random
opus-shaped one (``--model``, built by ``make bench`` or here when missing).
Benchmarks only: reads ../shared (``--shared``).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.qa import data
from pipeline.document import Article, Block, Segment, Translation


def articles(
    lines: dict[str, list[str]], lo: int, hi: int, per_article: int, langs: tuple[str, ...]
) -> list[Article]:
    """Pairs ``lo:hi`` as articles of ``per_article`` paragraphs, one segment each."""
    out = []
    for start in range(lo, hi, per_article):
        art = Article(id=f"a{start}", source_lang="it", target_langs=list(langs))
        for i in range(start, min(hi, start + per_article)):
            tr = {lang: Translation(lines[lang][i], "mt") for lang in langs}
            seg = Segment(id=f"s{i}", source=lines["it"][i], translations=tr)
            art.blocks.append(Block(f"b{i}", "paragraph", lines["it"][i], [seg]))
        out.append(art)
    return out


def run(arts: list[Article]) -> float:
    """Seconds the qa stage takes over ``arts``."""
    from pipeline.qa import run_qa

    t0 = time.perf_counter()
    for art in arts:
        run_qa(art)
    return time.perf_counter() - t0


def run_in_helper(first: list[Article], arts: list[Article]) -> tuple[float, float, float]:
    """Seconds a fresh helper process takes to be warm, then over ``first`` (cold caches,
    as in a run), then over ``arts`` (comparable with the in-process warm run)."""
    from pipeline.config import QASettings
    from pipeline.qa.worker import QAWorker

    t0 = time.perf_counter()
    worker = QAWorker("it", list(arts[0].target_langs), QASettings())
    worker.run_qa(Article(id="empty", source_lang="it"), QASettings())  # waits for the warm-up
    times = [time.perf_counter()]
    for group in (first, arts):
        for art in group:
            worker.run_qa(art, QASettings())
        times.append(time.perf_counter())
    worker.close()
    return times[0] - t0, times[1] - times[0], times[2] - times[1]


def findings(arts: list[Article]) -> list[dict]:
    return [
        {"seg": s.id, "lang": f.lang, "check": f.check, "severity": f.severity, "msg": f.message}
        for art in arts
        for s in art.segments()
        for f in s.findings
    ]


REPO = Path(__file__).resolve().parents[1]
VARIANTS = {  # name: (mtpipe flags, [qa] worker)
    "qa_off": (["--no-qa"], "off"),
    "qa_helper": ([], "on"),
    "qa_in_process": ([], "off"),
}


def translate_once(work: Path, model: Path, name: str) -> dict:
    """One ``mtpipe translate`` run of ``work/input.txt``; bench.speed_run's JSON report."""
    flags, worker = VARIANTS[name]
    config = work / f"{name}.toml"
    config.write_text(
        "[translate]\nforce_length_ratio = 1.0\n[memory]\nenabled = false\n"
        f'[qa]\nworker = "{worker}"\n',
        encoding="utf-8",
    )
    out = work / f"out-{name}"
    cmd = [sys.executable, "-m", "bench.speed_run", "--config", str(config), "translate"]
    cmd += [str(work / "input.txt"), "--out", str(out), "--quiet", "--beams", "1", "--to", "en"]
    cmd += ["--backend", "ctranslate2", "--model-dir", f"it-en={model}", *flags]
    subprocess.run(["rm", "-rf", str(out)], check=True)
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def e2e(a: argparse.Namespace) -> None:
    """Interleaved rounds of the VARIANTS; prints per-round seconds and the median shares."""
    work = REPO / "out" / "qa-cost"
    work.mkdir(parents=True, exist_ok=True)
    lines = data.load("newstest2009", ("it",), a.shared)["it"][: a.n]
    (work / "input.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    model = a.model
    if not (model / "ctranslate2" / "model.bin").is_file():
        from bench.speed import prepare_models

        model = prepare_models(REPO / "out" / "bench-speed", a.shared, False)["it-en"]
    runs: dict[str, list[dict]] = {name: [] for name in VARIANTS}
    for r in range(a.rounds):
        for name in VARIANTS:
            rep = translate_once(work, model, name)
            runs[name].append(rep)
            print(f"round {r} {name}: wall {rep['wall']:.2f} s, model load {rep['load']:.2f} s")
    for name in ("qa_helper", "qa_in_process"):
        wall = _ratios(runs["qa_off"], runs[name], lambda r: r["wall"])
        busy = _ratios(runs["qa_off"], runs[name], lambda r: r["wall"] - r["load"])
        print(
            f"{name}: share of QA off, wall {statistics.median(wall):.2f} "
            f"(rounds {min(wall):.2f}-{max(wall):.2f}); as bench-speed's rate (load excluded) "
            f"{statistics.median(busy):.2f} ({min(busy):.2f}-{max(busy):.2f})"
        )


def _ratios(off: list[dict], on: list[dict], seconds) -> list[float]:
    """Per round: QA-off seconds over QA-on seconds (the QA-on throughput share)."""
    return [seconds(a) / seconds(b) for a, b in zip(off, on, strict=True)]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=data.SHARED)
    ap.add_argument("--n", type=int, default=200, help="pairs (newstest2009 lines)")
    ap.add_argument("--per-article", type=int, default=20)
    ap.add_argument("--langs", default="en,fr")
    ap.add_argument("--dump", type=Path, help="write the findings here (JSON lines)")
    ap.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
    ap.add_argument("--e2e", action="store_true", help="time whole translate runs instead")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument(
        "--model", type=Path, default=REPO / "out" / "bench-speed" / "models" / "opus-shape-it-en"
    )
    a = ap.parse_args(argv)
    if a.e2e:
        e2e(a)
        return
    langs = tuple(a.langs.split(","))
    lines = data.load("newstest2009", ("it", *langs), a.shared)
    if 2 * a.n > len(lines["it"]):
        sys.exit(f"qa_cost: --n {a.n} needs {2 * a.n} lines; newstest2009 has {len(lines['it'])}")
    arts = articles(lines, 0, a.n, a.per_article, langs)
    units = a.n * len(langs)
    t_import = time.perf_counter()
    import pipeline.qa.checks  # noqa: F401  (the check families, as a run imports them)

    t_import = time.perf_counter() - t_import
    cold = run(arts)
    prof = cProfile.Profile() if a.profile else None
    if prof:
        prof.enable()
    warm = run(articles(lines, a.n, 2 * a.n, a.per_article, langs))
    if prof:
        prof.disable()
    print(f"pairs {a.n} x langs {len(langs)} = {units} segment-languages")
    print(f"import_s {t_import:.3f}")
    print(f"cold_s {cold:.3f}  per_unit_ms {1000 * cold / units:.2f}")
    print(f"warm_s {warm:.3f}  per_unit_ms {1000 * warm / units:.2f}")
    ready, first, there = run_in_helper(
        articles(lines, 0, a.n, a.per_article, langs),
        articles(lines, a.n, 2 * a.n, a.per_article, langs),
    )
    print(f"helper_ready_s {ready:.3f} (start and warm-up: overlaps the run's decoding)")
    print(f"helper_first_s {first:.3f}  per_unit_ms {1000 * first / units:.2f} (the cold set)")
    print(f"helper_warm_s {there:.3f}  per_unit_ms {1000 * there / units:.2f} (the warm set)")
    if a.dump:
        with a.dump.open("w", encoding="utf-8") as fh:
            for row in findings(arts):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    if prof:
        stats = pstats.Stats(prof, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(a.profile)


if __name__ == "__main__":
    main()
