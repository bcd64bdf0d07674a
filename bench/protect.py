"""Protect-layer benchmark: placeholder pieces, span coverage, protect/restore overhead.

Three measurements on newstest2009 Italian (``../shared/data``):

1. **Placeholder form**: pieces per placeholder (and ``<unk>`` pieces) for ``Z<n>X``
   and a few other candidate forms, tokenized with the source sentencepiece model of
   the opus-shaped random model (trained on newstest2009 it/en/fr the way
   ``pipeline.models.tiny`` trains it, the opus-mt vocabulary shape). The real
   opus-mt ``source.spm`` cannot be downloaded here.
2. **Coverage**: how many segments carry at least one protected span (per kind) with
   the project glossary and the tokenizer's special tokens, and how many segments hold
   no language at all (copied, never sent to a model).
3. **Overhead**: the first ``--n`` sentences translated end to end through the shared
   translator base (``--backend``, default ctranslate2 int8: the fastest CPU path, so the
   largest share), greedy, output lengths forced to ``--ratio`` x source tokens; the
   share of that time spent in protect + restore (``stats["protect_seconds"]``).
   Target: under 2 %. The model is random (the speed bench's opus-shaped one): its
   output is noise, so every placeholder is "dropped" and repaired, the costliest path.

Usage: ``python -m bench.protect --shared ../shared`` (``make bench-protect``; part of
``make bench``). Reuses the speed bench's model folder (``out/bench-speed``).
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results" / "protect.md"
CANDIDATES = ("Z{n}X", "[{n}]", "{{{n}}}", "<x{n}>", "__{n}__", "XX{n}", "@{n}@")


def placeholder_pieces(tokenizer, forms=CANDIDATES, ids=(1, 7, 12)) -> list[str]:
    """One table row per candidate form: mean pieces (without ``</s>``) and ``<unk>`` count."""
    rows = [
        "| form | pieces per placeholder | <unk> pieces | example pieces |",
        "|---|---|---|---|",
    ]
    for form in forms:
        pieces = [tokenizer.tokenize(f"la {form.format(n=n)} dice") for n in ids]
        own = [p[1:-1] if len(p) > 2 else p for p in pieces]  # drop "▁la" and "▁dice"
        unk = sum(t == tokenizer.unk_token for p in own for t in p)
        mean = sum(map(len, own)) / len(own)
        rows.append(f"| `{form}` | {mean:.1f} | {unk} | {' '.join(own[0])} |")
    return rows


def coverage(sentences: list[str], protector) -> list[str]:
    """Segments with at least one protected span, per kind, and segments without language."""
    from pipeline.protect import is_language

    kinds: Counter[str] = Counter()
    with_span = copied = 0
    for s in sentences:
        if not is_language(s):
            copied += 1
            continue
        found = {span.kind for span in protector.spans(s)}
        with_span += bool(found)
        kinds.update(found)
    n = len(sentences)
    rows = [
        f"- segments: {n}; with at least one protected span: {with_span} "
        f"({100 * with_span / n:.1f} %); without language (copied): {copied}",
        "- per kind (segments): "
        + (", ".join(f"{k} {v}" for k, v in kinds.most_common()) or "none"),
    ]
    return rows


def overhead(sentences: list[str], model: Path, backend: str, ratio: float, glossary) -> str:
    """Translate ``sentences`` once; the share of the time spent protecting and restoring."""
    from pipeline.config import TranslateSettings
    from pipeline.translate import load_translator

    settings = TranslateSettings(
        backend=backend, num_beams=1, force_length_ratio=ratio, batch_tokens=2048
    )
    tr = load_translator("it-en", settings, model, glossary)
    tr.load()
    start = time.perf_counter()
    tr.translate(sentences)
    total = time.perf_counter() - start
    spent = tr.stats["protect_seconds"]
    repaired = len(tr.repairs)
    return (
        f"- {len(sentences)} sentences, backend {backend} ({tr.dtype}), greedy, forced "
        f"length ratio {ratio}: translate {total:.2f} s, protect + restore {spent * 1000:.1f} ms "
        f"= **{100 * spent / total:.2f} %** of end-to-end translate time (target < 2 %); "
        f"{repaired} outputs needed a placeholder repair (random model: noise)"
    )


def main() -> int:
    from bench.speed import prepare_models
    from pipeline.glossary import load_glossary
    from pipeline.protect import Protector
    from pipeline.translate.tokenizer import load_marian_tokenizer, special_tokens

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--work", type=Path, default=REPO / "out" / "bench-speed")
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--ratio", type=float, default=1.0)
    parser.add_argument("--backend", default="ctranslate2")
    parser.add_argument("--glossary", default=str(REPO / "pipeline" / "defaults" / "glossary.toml"))
    parser.add_argument("--write", action="store_true", help=f"store the report in {RESULTS}")
    args = parser.parse_args()

    text = args.shared / "data" / "newstest2009" / "newstest2009.it"
    sentences = [s for s in text.read_text(encoding="utf-8").splitlines() if s.strip()]
    args.work.mkdir(parents=True, exist_ok=True)
    model = prepare_models(args.work.resolve(), args.shared, rebuild=False)["it-en"]
    tokenizer = load_marian_tokenizer(model)
    glossary = load_glossary(args.glossary)
    protector = Protector(glossary, "it", "en", special_tokens(tokenizer))

    lines = [
        "## Placeholder form (opus-shaped sentencepiece, trained on newstest2009)\n",
        *placeholder_pieces(tokenizer),
        "\n## Protected spans on newstest2009 Italian (it-en glossary)\n",
        *coverage(sentences, protector),
        "\n## Overhead (random opus-shaped model: its output is noise)\n",
        overhead(sentences[: args.n], model, args.backend, args.ratio, glossary),
    ]
    report = "\n".join(lines)
    print(report)
    if args.write:
        where = f"{platform.node()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}"
        RESULTS.write_text(
            f"# Protect layer benchmark\n\n`python -m bench.protect --shared ../shared --write` "
            f"(`make bench-protect`), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
            f"{where}.\n\n{report}\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
