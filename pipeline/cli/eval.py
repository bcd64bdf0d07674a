"""``mtpipe eval --pair it-en --src FILE --ref FILE``: the eval gate (see pipeline/evaluate.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.common import config_from_args
from pipeline.config import Config


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval",
        help="score the whole pipeline against sentence-level MT and published scores",
        description=(
            "Translate a test set (one source sentence per line) through the whole pipeline "
            "(read, segment, translate, localise) and as plain sentence-level MT with the same "
            "model, score both against the reference with sacrebleu BLEU and chrF (COMET with "
            "--comet-model), and fail (exit 5) when the pipeline loses more than 1 BLEU or 1 chrF "
            "against the sentence-level run or the model's published score on the test set "
            "(pipeline/defaults/models.toml). Tiny random models: scores are noise, "
            "the gate is skipped."
        ),
    )
    p.add_argument("--pair", required=True, help="language pair, e.g. it-en")
    p.add_argument("--src", required=True, type=Path, help="source text, one sentence per line")
    p.add_argument("--ref", required=True, type=Path, help="reference translation, line by line")
    p.add_argument(
        "--model-dir",
        help="model folder, PATH or PAIR=PATH as for translate (default: the registry folder)",
    )
    p.add_argument(
        "--testset", help="name of published scores to compare with (default: SRC name up to '.')"
    )
    p.add_argument(
        "--limit",
        type=_count,
        default=0,
        metavar="N",
        help="first N lines only (quick runs; no comparison with published scores); 0: every line",
    )
    p.add_argument("--comet-model", type=Path, help="COMET checkpoint (needs unbabel-comet)")
    p.add_argument("--backend", help="translation backend (default from config)")
    p.add_argument("--device", help="auto, cpu or cuda (default from config: auto)")
    p.add_argument("--beams", type=int, dest="num_beams", help="beam size (default from config: 4)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipeline.errors import EvalGateFailed
    from pipeline.evaluate import TEST_SET_FILE, EvalOptions, evaluate
    from pipeline.models.registry import split_pair
    from pipeline.readers.base import check_input_file

    src_lang, tgt_lang = split_pair(args.pair)
    for path in (args.src, args.ref):  # before the model loads; a line file, not an article
        check_input_file(path, TEST_SET_FILE)
    config = config_from_args(
        args,
        {
            "read.source_lang": src_lang,
            "translate.targets": (tgt_lang,),
            "translate.backend": args.backend,
            "translate.device": args.device,
            "translate.num_beams": args.num_beams,
        },
    )
    _check_on_this_machine(config, args)
    # the pair as the settings standardised its tags (it-EN -> it-en): models, the registry
    # and published scores are keyed by it ("holds an it-en model, not it-EN", exit 4)
    pair = f"{config.read.source_lang}-{config.translate.targets[0]}"
    result = evaluate(
        args.src,
        args.ref,
        pair,
        config,
        EvalOptions(_model_dir(args.model_dir, pair), args.testset, args.comet_model, args.limit),
        log=lambda msg: print(msg, file=sys.stderr),
    )
    print("\n".join(report_lines(result)))
    if not result.skipped and result.failures:
        raise EvalGateFailed(f"eval gate failed for {pair}: " + "; ".join(result.failures))
    return 0


def _check_on_this_machine(config: Config, args: argparse.Namespace) -> None:
    """Refuse a device or compute type this machine cannot run (``--device cuda`` without
    CUDA, ``float16`` on a CPU) as ``translate`` does, naming the flag or the settings file
    and key, and the fix: found at model load, it came after the test set was read and
    checked and the COMET model loaded, in words that named neither."""
    from pipeline.config import check_on_this_machine

    flags = {"translate.device": "--device"} if args.device is not None else {}
    check_on_this_machine(config, flags)


def _count(value: str) -> int:
    """``--limit``: a whole number >= 0 (0: every line); argparse says why not (exit 2)."""
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of lines (0 or more)")
    return number


def _model_dir(value: str | None, pair: str) -> Path | None:
    """``--model-dir PATH``, or ``PAIR=PATH`` as ``translate`` takes it, for ``--pair`` only.

    ``it-en=models/x`` was read as a folder named ``it-en=models/x`` ("does not exist").
    Raises :class:`UsageError` for another pair's folder.
    """
    from pipeline.cli.common import parse_model_dirs
    from pipeline.errors import UsageError

    if value is None:
        return None
    named = value.partition("=")[0]
    if "=" not in value or "/" in named or not named:
        return Path(value)
    ((named, path),) = parse_model_dirs([value]).items()
    if named.replace("_", "-").lower() != pair.replace("_", "-").lower():
        raise UsageError(f"--model-dir {value}: names pair {named!r}, but --pair is {pair!r}")
    return path


def report_lines(result) -> list[str]:
    """The readable report: scores per system, signatures, COMET, the gate's verdict."""
    sig = result.model
    lines = [
        f"eval {result.pair} on {result.testset}: {result.lines} lines "
        f"({result.segments} segments in the pipeline run)",
        f"model {sig['model']}@{sig['revision']}, backend {sig['backend']}, device "
        f"{sig['device']}, {sig['dtype']}, beams {sig['num_beams']}",
        f"{'system':<16} {'BLEU':>6} {'chrF':>6} {'COMET':>7}",
    ]
    rows = [("pipeline", result.pipeline), ("sentence-level", result.sentence)]
    for name, s in rows:
        comet = f"{s.comet:.4f}" if s.comet is not None else "-"
        lines.append(f"{name:<16} {s.bleu:>6.1f} {s.chrf:>6.1f} {comet:>7}")
    pub = result.published
    if pub is not None:
        lines.append(
            f"{'published':<16} {pub.bleu:>6.1f} {pub.chrf:>6.1f} {'-':>7}  "
            f"({pub.source}, sacrebleu {pub.sacrebleu})"
        )
    else:
        lines.append(f"published: {result.published_note}")
    lines += [f"{name} signature: {s}" for name, s in result.signatures.items()]
    lines.append(f"COMET: {result.comet_note}")
    lines.append(f"gate: {result.gate}")
    if not result.skipped:
        lines += [f"  - {f}" for f in result.failures]
    return lines
