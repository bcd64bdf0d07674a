"""``python -m bench.qa.misses``: every corruption of the tuning set QA misses at error.

A tuning aid for recall at error (what gates publication): for each corrupted newstest2009
pair whose own check reports no error, the corruption (kind and note), the source, the
target, and what QA said instead (warnings of the same check first, then the other
findings), grouped by kind with a count of misses that a warning of the kind did see. The
summary line is the benchmark's error-only one, so a run shows what a rule change gains.
Never pass the held-out set here: tune on newstest2009 only.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from bench.qa import corrupt, data, score
from bench.qa.clean_errors import cause, summary


def missed(item: corrupt.Item, findings: list) -> bool:
    """True when the item's own check gives no error finding."""
    return not any(f.check == item.label and f.severity == "error" for f in findings)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=data.SHARED)
    ap.add_argument("--kind", default="", help="comma-separated kinds to print (default all)")
    ap.add_argument("--quiet", action="store_true", help="counts only, no pairs")
    ap.add_argument("--seed", type=int, default=2009, help="corruption draw (default 2009)")
    args = ap.parse_args(argv)
    kinds = {k for k in args.kind.split(",") if k}
    clean, bench = corrupt.build(data.load("newstest2009", shared=args.shared), seed=args.seed)
    clean_f = score.run_mtpipe(clean)
    bench_f = score.run_mtpipe(bench)
    by_kind: dict[str, Counter] = defaultdict(Counter)
    for it, fs in zip(bench, bench_f, strict=True):
        if it.label is None or not missed(it, fs) or (kinds and it.label not in kinds):
            continue
        warned = [f for f in fs if f.check == it.label]
        by_kind[it.label]["warning" if warned else "silent"] += 1
        for f in warned:
            by_kind[it.label][f"  warn: {cause(f.message)}"] += 1
        if not args.quiet:
            print(f"MISS {it.label} {it.id} {it.note}\n  S: {it.src}\n  T: {it.tgt}")
            for f in warned + [f for f in fs if f.check != it.label]:
                print(f"    {f.severity} {f.check}: {f.message}")
    for kind, counts in sorted(by_kind.items()):
        print(f"{kind}: {counts['warning'] + counts['silent']} missed at error")
        for why, n in counts.most_common():
            print(f"  {n:3} {why}")
    print(summary(bench, bench_f, clean_f))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
