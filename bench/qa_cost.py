"""``python -m bench.qa_cost``: what QA costs per segment and target language.

Builds articles of ``--per-article`` consecutive newstest2009 lines (Italian
source, the English and French references as targets), runs the qa stage
(:func:`pipeline.qa.run_qa`, default settings) over them in this process and
prints seconds per segment-language: once cold (the first article pays for
loading lingua's models and wordfreq lists, as a `mtpipe translate` run does)
and warm (the next ``--n`` pairs, with everything loaded). ``--dump FILE``
writes every finding of the cold set (segment, language, check,
severity, message) as JSON lines, to compare two versions of the code;
``--profile N`` prints the N costliest functions of the warm run (cProfile).
Benchmarks only: reads ../shared (``--shared``).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
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


def findings(arts: list[Article]) -> list[dict]:
    return [
        {"seg": s.id, "lang": f.lang, "check": f.check, "severity": f.severity, "msg": f.message}
        for art in arts
        for s in art.segments()
        for f in s.findings
    ]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=data.SHARED)
    ap.add_argument("--n", type=int, default=200, help="pairs (newstest2009 lines)")
    ap.add_argument("--per-article", type=int, default=20)
    ap.add_argument("--langs", default="en,fr")
    ap.add_argument("--dump", type=Path, help="write the findings here (JSON lines)")
    ap.add_argument("--profile", type=int, default=0, help="print the N costliest functions")
    a = ap.parse_args(argv)
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
    if a.dump:
        with a.dump.open("w", encoding="utf-8") as fh:
            for row in findings(arts):
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    if prof:
        stats = pstats.Stats(prof, stream=sys.stdout)
        stats.sort_stats("cumulative").print_stats(a.profile)


if __name__ == "__main__":
    main()
