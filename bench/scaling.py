"""Growth of the text-handling stages with the size of one input: linear, or not.

Each case builds one input at four sizes (1x, 2x, 4x, 8x) and times the stage on it (the
best of ``--rounds`` runs). Linear work doubles its time with each doubling (ratio about
2, exponent about 1); quadratic work quadruples it (ratio about 4, exponent about 2). The
unit tests check the splitter's growth by counting work (tests/test_segment.py); the
other cases were quadratic through C-level work (``max`` of every id per marker, a copy
of the rest of the paragraph per ``<br>``) that no deterministic count sees from outside,
so their growth is measured here, in one run, never in a timed unit test.

Usage: ``python -m bench.scaling [--rounds 3] [--scale 1.0] [--only TEXT] [--write]``; ``--write``
stores the table in ``bench/results/scaling.md`` (``make bench-scaling``).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

from pipeline.markup import keep_markup_whole, to_markdown
from pipeline.readers.markdown import parse_markdown
from pipeline.segment import split_sentences
from pipeline.segment.abbreviations import rules_for
from pipeline.segment.rules import break_starts

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "scaling.md"
SAMPLE = ROOT / "examples" / "kim-belousov.it.txt"
STEPS = (1, 2, 4, 8)


def _paragraphs(copies: int) -> Callable[[], object]:
    lines = [ln for ln in SAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return lambda: [split_sentences(p, "it") for p in lines * copies]


def _one_paragraph(unit: str, copies: int) -> Callable[[], object]:
    text = unit * copies
    return lambda: split_sentences(text, "it")


def _break_markers(copies: int) -> Callable[[], object]:
    text, rules = "Fine.<x1/>Inizio. " * copies, rules_for("it")
    return lambda: break_starts(text, {"1"}, rules)


def _markdown_out(piece: str, entry: dict, n: int) -> Callable[[], object]:
    text = "".join(piece.format(i=i) for i in range(1, n + 1))
    table = {str(i): entry for i in range(1, n + 1)}
    return lambda: to_markdown(text, table)


def _uncrossed_after_crossed(n: int) -> Callable[[], object]:
    """A paragraph whose first pairs cross (``split_across`` gives up on it), then ``n``
    sentences each in its own ``<b>``: all go into one segment."""
    head = [("<g1>Uno. <g2>Due.</g1>", " "), ("Tre.</g2>", " ")]
    pairs = head + [(f"<g{i}>Frase {i}.</g{i}>", " ") for i in range(3, n + 3)]
    return lambda: keep_markup_whole(pairs)


def _markdown_in(piece: str, n: int) -> Callable[[], object]:
    source = f"# Titolo\n\nTesto {piece * n}\n"
    return lambda: parse_markdown(source, "a", "it")


# (case, unit of size, size at 1x, builder of the timed call for a size)
CASES: list[tuple[str, str, int, Callable[[int], Callable[[], object]]]] = [
    ("split_sentences: sample paragraphs", "copies", 100, _paragraphs),
    ("split_sentences: one paragraph of `.\\u00a0`", "sentences", 2000,
     lambda n: _one_paragraph("Ciao.\u00a0Il sindaco. ", n)),
    ("split_sentences: one paragraph of titles", "titles", 2000,
     lambda n: _one_paragraph("il Sig. Rossi, ", n)),
    ("split_sentences: one paragraph of `5 gen.`", "titles", 2000,
     lambda n: _one_paragraph("il 5 gen. Il sindaco. ", n)),
    ("break_starts: one paragraph of `<br>` markers", "markers", 2500, _break_markers),
    ("to_markdown: `<br>` markers", "markers", 2500,
     lambda n: _markdown_out("riga<x{i}/>", {"tag": "br", "attrs": {}}, n)),
    ("to_markdown: emphases", "pairs", 2500,
     lambda n: _markdown_out("x<g{i}>a</g{i}>", {"tag": "em", "attrs": {}}, n)),
    ("parse_markdown: `*a*` emphases", "markers", 2500, lambda n: _markdown_in("x *a* ", n)),
    ("parse_markdown: `<kbd>` elements", "elements", 1875,
     lambda n: _markdown_in("x <kbd>k</kbd> ", n)),
    ("parse_markdown: unclosed `{{< y`", "brackets", 2500, lambda n: _markdown_in("x {{< y ", n)),
    ("parse_markdown: `[/a] [b] [c d]`", "groups", 2500,
     lambda n: _markdown_in("x [/a] [b] [c d] ", n)),
    ("keep_markup_whole: `<b>` sentences after crossed pairs", "sentences", 500,
     _uncrossed_after_crossed),
]  # fmt: skip


Row = tuple[str, str, int, float, float, float]  # case, unit, size, wall s, CPU s, x base


def best_seconds(call: Callable[[], object], rounds: int) -> tuple[float, float]:
    """(wall, CPU) seconds of the run with the least CPU time of ``rounds``: CPU time
    leaves out the waits for a core that other processes on a shared machine cause."""
    best = (math.inf, math.inf)
    for _ in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        run = (time.perf_counter() - wall, time.process_time() - cpu)
        best = min(best, run, key=lambda r: r[1])
    return best


def measure(rounds: int, scale: float, only: str = "") -> list[Row]:
    """One row per case and size, all in one run; each size's multiple of the first."""
    rows = []
    for case, unit, base, build in CASES:
        if only not in case:
            continue
        first = max(1, round(base * scale))
        build(first)()  # warm: lazy imports and caches are no part of the growth
        for step in STEPS:
            wall, cpu = best_seconds(build(first * step), rounds)
            rows.append((case, unit, first * step, wall, cpu, float(step)))
            print(
                f"{case} | {first * step} {unit} | {wall:.3f} s | {cpu:.3f} s CPU", file=sys.stderr
            )
    return rows


def table(rows: list[Row]) -> str:
    """The Markdown table. The ratio is CPU time to that of the first size; the exponent
    is log(ratio) / log(size multiple): 1 for linear work, 2 for quadratic."""
    lines = [
        "| case | size | seconds | CPU seconds | ratio to 1x (CPU) | exponent |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    base_cpu = 0.0
    for case, unit, size, wall, cpu, step in rows:
        if step == 1:
            base_cpu, ratio, exponent = cpu, "1", ""
        else:
            r = cpu / base_cpu if base_cpu else math.inf
            ratio, exponent = f"{r:.2f}", f"{math.log(r) / math.log(step):.2f}"
        lines.append(
            f"| {case} | {size:,} {unit} | {wall:.4f} | {cpu:.4f} | {ratio} | {exponent} |"
        )
    return "\n".join(lines)


def report(rows: list[Row], rounds: int) -> str:
    return (
        "# Scaling of the text stages with the size of one input\n\n"
        "Produced by `make bench-scaling` (`python -m bench.scaling --write`) on CPython "
        f"{platform.python_version()}, {os.cpu_count()} CPUs, in one run; each size is "
        f"timed {rounds} times and the run with the least CPU time is kept (its wall time "
        "beside it: the machine may be shared). Sizes are 1x, 2x, 4x, 8x of the first: "
        "linear work has a ratio near the multiple (8 at 8x, exponent 1), quadratic work "
        "near its square (64 at 8x, exponent 2). Small sizes are noisy; read the exponent "
        "at 8x.\n\n" + table(rows) + "\n" + _not_linear(rows)
    )


def _not_linear(rows: list[Row]) -> str:
    """A line naming the cases whose exponent at 8x is past 1.3 (between linear's 1 and
    quadratic's 2 with room for noise): the ones to look at."""
    base = {case: cpu for case, _u, _s, _w, cpu, step in rows if step == 1}
    slow = [
        f"{case} ({math.log(cpu / base[case]) / math.log(step):.2f})"
        for case, _u, _s, _w, cpu, step in rows
        if step == STEPS[-1] and base[case] and math.log(cpu / base[case]) / math.log(step) > 1.3
    ]
    return f"\nNot linear at 8x (exponent past 1.3): {'; '.join(slow)}.\n" if slow else ""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs per size (best kept)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiplies every size")
    parser.add_argument("--only", default="", help="the cases whose name holds this text")
    parser.add_argument("--write", action="store_true", help=f"store the table in {RESULTS}")
    args = parser.parse_args(argv)
    rows = measure(args.rounds, args.scale, args.only)
    text = report(rows, args.rounds)
    print(text)
    if args.write:
        RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
