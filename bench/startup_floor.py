"""The start-up floor: the least any wrapper of CTranslate2 could take for one short article.

A bare script that does only what no pipeline can skip: start the interpreter,
import sentencepiece and CTranslate2, load the source sentencepiece model and the
converted model, tokenize the article's MT segments, decode them as mtpipe does
(length-sorted batches spread over the replicas, ``--beams``, every batch forced
to its longest sentence's length) and write the detokenized outputs to a file.
No reading, segmenting, chrome catalogs, memory, QA or output formats. The speed
benchmark runs it beside ``mtpipe translate`` on the same segments, so
``startup_s`` can be read against what the engine and the model load alone need
on this machine.

Prints one JSON line: ``script_s`` from the script's first line to the written
outputs (the parent adds the interpreter start by timing the whole process),
``load`` (sentencepiece + CTranslate2 model) and ``engine`` (first batch handed
to CTranslate2 to its last result), ``rss_mb`` (peak).

Usage: ``python -m bench.startup_floor --model DIR --segments FILE --out FILE
[--inter 2 --intra 1 --beams 4 --ratio 1.0 --batch-tokens 2048]``.
"""

from __future__ import annotations

import time

START = time.perf_counter()

import argparse  # noqa: E402  (after the clock: the script's own start is measured)
import json  # noqa: E402
from pathlib import Path  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--segments", type=Path, required=True, help="one source text per line")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--inter", type=int, default=2)
    parser.add_argument("--intra", type=int, default=1)
    parser.add_argument("--beams", type=int, default=4)
    parser.add_argument("--ratio", type=float, default=1.0)
    parser.add_argument("--batch-tokens", type=int, default=2048)
    return parser.parse_args()


def decode(engine, tokens: list[list[str]], args: argparse.Namespace) -> list[list[str]]:
    """Each text's best hypothesis: batches spread over the replicas, lengths forced."""
    from bench.speed_child import submit_forced
    from pipeline.translate.batching import spread_budget, token_batches

    lengths = [len(t) for t in tokens]
    batches = token_batches(lengths, spread_budget(lengths, args.batch_tokens, args.inter))
    pending = [
        submit_forced(
            engine,
            [tokens[i] for i in batch],
            max(1, round(args.ratio * max(lengths[i] for i in batch))),
            args.beams,
        )
        for batch in batches
    ]
    outputs: list[list[str]] = [[] for _ in tokens]
    for batch, results in zip(batches, pending, strict=True):
        for i, r in zip(batch, results, strict=True):
            outputs[i] = r.result().hypotheses[0]
    return outputs


def main() -> None:
    args = parse_args()
    import ctranslate2
    import sentencepiece

    from bench.speed_child import peak_rss_mb

    t0 = time.perf_counter()
    spm = sentencepiece.SentencePieceProcessor(model_file=str(args.model / "source.spm"))
    engine = ctranslate2.Translator(
        str(args.model / "ctranslate2"),
        device="cpu",
        compute_type="int8",
        inter_threads=args.inter,
        intra_threads=args.intra,
    )
    load = time.perf_counter() - t0
    texts = args.segments.read_text(encoding="utf-8").splitlines()
    tokens = [[*spm.encode(t, out_type=str), "</s>"] for t in texts]
    t0 = time.perf_counter()
    outputs = [spm.decode_pieces(h) for h in decode(engine, tokens, args)]
    engine_s = time.perf_counter() - t0
    args.out.write_text("\n".join(outputs) + "\n", encoding="utf-8")
    report = {"script_s": time.perf_counter() - START, "load": load, "engine": engine_s}
    print(json.dumps({**report, "rss_mb": peak_rss_mb()}), flush=True)  # timed on arrival


if __name__ == "__main__":
    main()
