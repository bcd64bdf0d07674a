"""One measured method of the speed benchmark, run in a fresh process.

Modes (each prints one JSON line: sentences, seconds, target tokens, load time, peak RSS):

- ``naive``: ``MarianMTModel.generate`` called once per sentence (the tutorial pattern),
  fp32 on CPU, ``--beams`` (1: greedy), every output forced to its sentence's length;
- ``raw``: CTranslate2 called directly (int8), length-sorted batches of at most
  ``batch_tokens / inter`` padded tokens (the same tokens in flight as mtpipe) submitted
  asynchronously with ``beam_size = --beams``, each batch forced to its longest
  sentence's length and outputs counted at each sentence's own length (as mtpipe
  forces lengths: a beam hypothesis cannot be stopped per sentence). Tokenization
  happens before the clock starts, so this is the engine alone: the ceiling.
  ``--scores`` asks for each output's score as mtpipe does (its confidence).
  ``engine_cpu``: the process CPU over the clock (both replicas), set against mtpipe's.

- ``generate``: transformers ``generate`` over the same batches as ``raw`` (GPU bench:
  ``--device cuda --compute-type float16|bfloat16``), engine time only.

On CUDA, one batch runs before the clock starts (kernel set-up is not throughput).

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


def process_cpu() -> float:
    """CPU seconds this process has used so far, every thread (the replicas included)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


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
                **batch,
                num_beams=args.beams,
                do_sample=False,
                min_new_tokens=n,
                max_new_tokens=n,
            )
            produced += out.shape[1] - 1
            tok.batch_decode(out, skip_special_tokens=True)
    return {"seconds": time.perf_counter() - start, "tokens": produced, "load": load}


def length_batches(ids: list[list[int]], budget: int) -> list[list[int]]:
    """Indices in length-sorted batches of at most ``budget`` padded tokens (as mtpipe)."""
    order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
    batches, current = [], []
    for i in order:
        if current and len(ids[current[0]]) * (len(current) + 1) > budget:
            batches.append(current)
            current = []
        current.append(i)
    batches.append(current)
    return batches


def submit_forced(engine, batch: list[list[str]], n: int, beams: int, scores: bool = False) -> list:
    """One batch handed to CTranslate2 asynchronously, decoding exactly ``n`` steps.

    As mtpipe forces lengths (a beam hypothesis cannot be stopped per sentence):
    inputs are never truncated (``max_input_length=0``), nor re-batched. ``scores``:
    each output's log-probability too, as mtpipe asks for its confidence score; at
    greedy that is a log-softmax over the whole vocabulary at every step, which
    CTranslate2 skips otherwise (beam search computes it either way).
    """
    return engine.translate_batch(
        batch,
        beam_size=beams,
        max_batch_size=0,
        max_input_length=0,
        min_decoding_length=n,
        max_decoding_length=n,
        asynchronous=True,
        return_scores=scores,
    )


def raw(args: argparse.Namespace, sentences: list[str]) -> dict:
    import ctranslate2

    tok = load_tokenizer(args.model)
    ids = tok(sentences)["input_ids"]
    tokens = [tok.convert_ids_to_tokens(x) for x in ids]
    lengths = forced_lengths(ids, args.ratio)
    start = time.perf_counter()
    engine = ctranslate2.Translator(
        str(args.model / "ctranslate2"),
        device=args.device,
        compute_type=args.compute_type,
        inter_threads=args.inter,
        intra_threads=args.intra,
    )
    load = time.perf_counter() - start
    batches = length_batches(ids, max(1, args.batch_tokens // args.inter))  # tokens in flight

    def submit(batch: list[int]):
        return submit_forced(
            engine,
            [tokens[i] for i in batch],
            max(lengths[i] for i in batch),
            args.beams,
            args.scores,
        )

    if args.device == "cuda":  # first-call kernel set-up stays off the clock
        [r.result() for r in submit(batches[0])]
    start, cpu = time.perf_counter(), process_cpu()
    pending = [submit(batch) for batch in batches]
    produced = 0
    for batch, results in zip(batches, pending, strict=True):
        for i, r in zip(batch, results, strict=True):
            produced += min(len(r.result().hypotheses[0]), lengths[i])
    seconds, cpu = time.perf_counter() - start, process_cpu() - cpu
    return {"seconds": seconds, "engine_cpu": cpu, "tokens": produced, "load": load}


def generate(args: argparse.Namespace, sentences: list[str]) -> dict:
    """transformers ``generate`` in batches as mtpipe makes them, on ``--device`` in ``--dtype``."""
    import torch
    from transformers import MarianMTModel

    dtype = getattr(torch, args.compute_type)
    start = time.perf_counter()
    tok = load_tokenizer(args.model)
    model = MarianMTModel.from_pretrained(str(args.model), dtype=dtype).to(args.device).eval()
    load = time.perf_counter() - start
    ids = tok(sentences)["input_ids"]
    lengths = forced_lengths(ids, args.ratio)
    batches = length_batches(ids, args.batch_tokens)

    def run(batch: list[int]) -> int:
        width, n = max(len(ids[i]) for i in batch), max(lengths[i] for i in batch)
        input_ids = torch.full((len(batch), width), tok.pad_token_id, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for row, i in enumerate(batch):
            input_ids[row, : len(ids[i])] = torch.tensor(ids[i])
            mask[row, : len(ids[i])] = 1
        out = model.generate(
            input_ids=input_ids.to(args.device),
            attention_mask=mask.to(args.device),
            num_beams=args.beams,
            do_sample=False,
            min_new_tokens=n,
            max_new_tokens=n,
        )
        tok.batch_decode(out, skip_special_tokens=True)
        return sum(min(out.shape[1] - 1, lengths[i]) for i in batch)

    with torch.inference_mode():
        if args.device == "cuda":  # first-call kernel set-up stays off the clock
            run(batches[0])
            torch.cuda.synchronize()
        start = time.perf_counter()
        produced = sum(run(batch) for batch in batches)
        if args.device == "cuda":
            torch.cuda.synchronize()
    return {"seconds": time.perf_counter() - start, "tokens": produced, "load": load}


MODES = {"naive": naive, "raw": raw, "generate": generate}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("mode", choices=tuple(MODES))
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--input", type=Path, required=True)
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--ratio", type=float, default=1.0)
    parser.add_argument("--batch-tokens", type=int, default=2048)
    parser.add_argument("--inter", type=int, default=1)
    parser.add_argument("--intra", type=int, default=2)
    parser.add_argument("--beams", type=int, default=1)
    parser.add_argument(
        "--scores", action="store_true", help="raw: return scores too, as mtpipe asks for"
    )
    parser.add_argument("--device", default="cpu", help="raw, generate: cpu or cuda")
    parser.add_argument(
        "--compute-type",
        default="int8",
        help="raw: CTranslate2 compute type; generate: torch dtype",
    )
    args = parser.parse_args()
    sentences = args.input.read_text(encoding="utf-8").splitlines()[: args.n]
    result = MODES[args.mode](args, sentences)
    result["sentences"] = len(sentences)
    result["rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
