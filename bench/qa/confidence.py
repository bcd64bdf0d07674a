"""Calibrate the ``low_confidence`` QA threshold for a real model on a reference set.

``python -m bench.qa.confidence --pair it-en --src newstest2009.it --ref newstest2009.en
[--model-dir DIR] [--bad-share 0.1]`` translates the source lines, takes each output's
model confidence (mean token log-prob, what the backends store on the document) and its
sentence chrF against the reference (sacrebleu), calls the ``--bad-share`` lowest-chrF
outputs "bad", and prints the confidence threshold that best separates them (highest F1),
with the correlation between the two. Put the value in pipeline/qa/calibration.toml
(``low_confidence``) and switch the check on with ``[qa] enable = ["low_confidence"]``.
With a tiny random model the result is noise, and the script says so.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def best_threshold(scores: list[float], bad: list[bool]) -> tuple[float, float]:
    """(threshold, F1) of the rule ``score < threshold`` for predicting ``bad``."""
    best = (min(scores), 0.0)
    n_bad = sum(bad)
    for t in sorted(set(scores)):
        flagged = [s <= t for s in scores]
        tp = sum(f and b for f, b in zip(flagged, bad, strict=True))
        fp = sum(flagged) - tp
        if tp:
            p, r = tp / (tp + fp), tp / n_bad
            f1 = 2 * p * r / (p + r)
            if f1 > best[1]:
                best = (t + 1e-6, f1)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--pair", default="it-en")
    ap.add_argument("--src", type=Path, required=True)
    ap.add_argument("--ref", type=Path, required=True)
    ap.add_argument("--model-dir", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=500)
    ap.add_argument("--bad-share", type=float, default=0.1)
    args = ap.parse_args(argv)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    import sacrebleu

    from pipeline.config import TranslateSettings
    from pipeline.translate import load_translator

    src = args.src.read_text(encoding="utf-8").splitlines()[: args.limit]
    ref = args.ref.read_text(encoding="utf-8").splitlines()[: args.limit]
    tr = load_translator(args.pair, TranslateSettings(), args.model_dir)
    out = tr.translate(src)
    scores = [tr.scores.get(s, 0.0) for s in src]
    chrf = [sacrebleu.sentence_chrf(h, [r]).score for h, r in zip(out, ref, strict=True)]
    cut = sorted(chrf)[max(0, int(args.bad_share * len(chrf)) - 1)]
    bad = [c <= cut for c in chrf]
    threshold, f1 = best_threshold(scores, bad)
    rho = _spearman(scores, chrf)
    if getattr(tr, "tiny", False):
        print("NOTE: a tiny random model: these numbers are noise; do not ship the threshold.")
    print(f"{len(src)} lines, bad = chrF <= {cut:.1f} ({sum(bad)} lines)")
    print(f"Spearman(confidence, chrF) = {rho:.3f}; best rule score < {threshold:.3f}: F1 {f1:.3f}")
    print(f"low_confidence = {threshold:.3f}")
    return 0


def _spearman(a: list[float], b: list[float]) -> float:
    """Spearman's rank correlation (no ties correction; enough for a calibration report)."""

    def ranks(x: list[float]) -> list[float]:
        order = sorted(range(len(x)), key=x.__getitem__)
        r = [0.0] * len(x)
        for k, i in enumerate(order):
            r[i] = float(k)
        return r

    ra, rb = ranks(a), ranks(b)
    n = len(a)
    if n < 2:
        return 0.0
    d2 = sum((x - y) ** 2 for x, y in zip(ra, rb, strict=True))
    return 1 - 6 * d2 / (n * (n * n - 1))


if __name__ == "__main__":
    raise SystemExit(main())
