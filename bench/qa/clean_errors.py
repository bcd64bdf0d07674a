"""``python -m bench.qa.clean_errors``: every error finding on the clean tuning references.

A tuning aid for precision at error (what gates publication): the clean references are
human translations, so each error on one is a false alarm the benchmark counts (or a real
discrepancy of the reference). Grouped by check and by cause (the finding's message with
its quoted values and numbers blanked), with each pair printed under ``--items``, and the
error-only summary of the benchmark (F1, clean flagged) so one run shows what a rule
change costs. Never pass the held-out set here: tune on newstest2009 only.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

from bench.qa import corrupt, data, score

_VALUES = re.compile(r"'[^']*'|\"[^\"]*\"|«[^»]*»|\d[\d.,]*")


def cause(message: str) -> str:
    """The finding's message with its values blanked: findings of one rule group together."""
    return _VALUES.sub("…", message)[:90]


def summary(bench: list[corrupt.Item], bench_f: list, clean_f: list) -> str:
    """Error-only micro P/R/F1 over the corrupted pairs and the clean references flagged."""
    keep = score.at_least("error")
    overall = score.micro(score.score(bench, score.flags_of(bench_f, keep)))
    rate, _ = score.clean_rates(clean_f, "error")
    flagged = sum(any(keep(f) for f in fs) for fs in clean_f)
    return (
        f"error P {overall.precision:.3f} R {overall.recall:.3f} F1 {overall.f1:.3f}; "
        f"clean flagged at error {rate:.2%} ({flagged} of {len(clean_f)})"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", type=Path, default=data.SHARED)
    ap.add_argument("--items", action="store_true", help="print each clean pair flagged")
    ap.add_argument("--seed", type=int, default=2009, help="corruption draw (default 2009)")
    args = ap.parse_args(argv)
    clean, bench = corrupt.build(data.load("newstest2009", shared=args.shared), seed=args.seed)
    clean_f = score.run_mtpipe(clean)
    bench_f = score.run_mtpipe(bench)
    by_check: dict[str, Counter] = defaultdict(Counter)
    for it, fs in zip(clean, clean_f, strict=True):
        for f in fs:
            if f.severity != "error":
                continue
            by_check[f.check][cause(f.message)] += 1
            if args.items:
                print(f"CLEAN {f.check} {it.id}: {f.message}\n  S: {it.src}\n  T: {it.tgt}")
    for check, causes in sorted(by_check.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"{check}: {sum(causes.values())}")
        for why, n in causes.most_common():
            print(f"  {n:3} {why}")
    print(summary(bench, bench_f, clean_f))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
