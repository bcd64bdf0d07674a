"""One measured method of the speed benchmark, run in a fresh process.

Modes (each prints one JSON line: sentences, seconds, target tokens, load time, peak RSS):

- ``naive``: ``MarianMTModel.generate`` called once per sentence (the tutorial pattern),
  fp32 on CPU, greedy, every output forced to its sentence's length;
- ``raw``: CTranslate2 called directly (int8), length-sorted batches of at most
  ``batch_tokens / inter`` padded tokens (the same tokens in flight as mtpipe) submitted
  asynchronously, each batch forced to its longest sentence's length and outputs
  counted at each sentence's own length. Tokenization happens before the clock
  starts, so this is the engine alone: the ceiling.

Usage: ``python -m bench.speed_child MODE --model DIR --input FILE [...]``.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
import warnings
from pathlib import Path


def peak_rss_mb() -> float:
    """This process's peak resident set (VmHWM; ru_maxrss would include a forking parent's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def forced_lengths(ids: list[list[int]], ratio: float) -> list[int]:
    """The benchmark's output length per sentence (same rule as mtpipe's force_length_ratio)."""
    return [max(1, round(ratio * len(x))) for x in ids]


def load_tokenizer(model: Path):
    from transformers import MarianTokenizer

    from pipeline.models.hf import quiet_transformers

    quiet_transformers()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*sacremoses.*")
        return MarianTokenizer.from_pretrained(str(model))


def naive(args: argparse.Namespace, sentences: list[str]) -> dict:
    import torch
    from transformers import MarianMTModel

    start = time.perf_counter()
    tok = load_tokenizer(args.model)
    model = MarianMTModel.from_pretrained(str(args.model)).eval()
    load = time.perf_counter() - start
    ids = tok(sentences)["input_ids"]
    lengths = forced_lengths(ids, args.ratio)
    start = time.perf_counter()
    produced = 0
    with torch.inference_mode():
        for sentence, n in zip(sentences, lengths, strict=True):
            batch = tok([sentence], return_tensors="pt")
            out = model.generate(
                **batch, num_beams=1, do_sample=False, min_new_tokens=n, max_new_tokens=n
            )
            produced += out.shape[1] - 1
            tok.batch_decode(out, skip_special_tokens=True)
    return {"seconds": time.perf_counter() - start, "tokens": produced, "load": load}


def raw(args: argparse.Namespace, sentences: list[str]) -> dict:
    import ctranslate2

    tok = load_tokenizer(args.model)
    ids = tok(sentences)["input_ids"]
    tokens = [tok.convert_ids_to_tokens(x) for x in ids]
    lengths = forced_lengths(ids, args.ratio)
    start = time.perf_counter()
    engine = ctranslate2.Translator(
        str(args.model / "ctranslate2"),
        device="cpu",
        compute_type="int8",
        inter_threads=args.inter,
        intra_threads=args.intra,
    )
    load = time.perf_counter() - start
    order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
    batches, current = [], []
    budget = max(1, args.batch_tokens // args.inter)  # tokens in flight, as in mtpipe
    for i in order:
        if current and len(ids[current[0]]) * (len(current) + 1) > budget:
            batches.append(current)
            current = []
        current.append(i)
    batches.append(current)
    start = time.perf_counter()
    pending = []
    for batch in batches:
        n = max(lengths[i] for i in batch)
        pending.append(
            engine.translate_batch(
                [tokens[i] for i in batch],
                beam_size=1,
                max_batch_size=0,
                max_input_length=0,
                min_decoding_length=n,
                max_decoding_length=n,
                asynchronous=True,
            )
        )
    produced = 0
    for batch, results in zip(batches, pending, strict=True):
        for i, r in zip(batch, results, strict=True):
            produced += min(len(r.result().hypotheses[0]), lengths[i])
    return {"seconds": time.perf_counter() - start, "tokens": produced, "load": load}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=("naive", "raw"))
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--ratio", type=float, default=1.0)
    parser.add_argument("--batch-tokens", type=int, default=2048)
    parser.add_argument("--inter", type=int, default=1)
    parser.add_argument("--intra", type=int, default=2)
    args = parser.parse_args()
    sentences = args.input.read_text(encoding="utf-8").splitlines()[: args.n]
    result = (naive if args.mode == "naive" else raw)(args, sentences)
    result["sentences"] = len(sentences)
    result["rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
