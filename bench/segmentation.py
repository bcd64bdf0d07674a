"""Sentence-boundary precision/recall/F1 on WMT newstest2009 (it, fr, en).

Each test set has one sentence per line. Paragraphs are rebuilt by joining
fixed groups of ``--group`` consecutive lines with one space; the gold
boundaries are the line joins. Every splitter (mtpipe's rules, ``moses`` =
the ``sentence-splitter`` package, ``pysbd``) is run on the same paragraphs
and its sentence starts are compared with the gold ones.

Two scores per language:

- *all*: every line join is a gold boundary, including those after headlines
  without final punctuation, which no splitter can know;
- *punct*: only joins after lines that end in sentence punctuation
  (``. ! ? …``, optionally followed by closing quotes or brackets) count as
  gold; a predicted boundary at a join after an unpunctuated line is ignored
  (neither right nor wrong), every other prediction counts.

Usage: ``python -m bench.segmentation --shared ../shared [--write] [--errors N]``.
``--write`` stores the table in ``bench/results/segmentation.md``.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from pipeline.segment import splitter_for

LANGS = ("it", "fr", "en")
ENGINES = ("mtpipe", "moses", "pysbd")
RESULTS = Path(__file__).resolve().parent / "results" / "segmentation.md"
_PUNCT_END = re.compile(r"[.!?…][\"'”’»)\]]*$")


@dataclass
class Paragraph:
    text: str
    gold: set[int]  # offsets where a gold sentence starts (excluding 0)
    unknowable: set[int]  # gold starts after lines without final punctuation


@dataclass
class Score:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, pred: set[int], gold: set[int]) -> None:
        self.tp += len(pred & gold)
        self.pred += len(pred)
        self.gold += len(gold)

    @property
    def p(self) -> float:
        return self.tp / self.pred if self.pred else 0.0

    @property
    def r(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


def load_paragraphs(path: Path, group: int) -> list[Paragraph]:
    """Join each ``group`` of consecutive lines with a space; record the gold starts."""
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    lines = [ln for ln in lines if ln]
    paragraphs = []
    for i in range(0, len(lines), group):
        chunk = lines[i : i + group]
        gold, unknowable, offset = set(), set(), 0
        for line in chunk[:-1]:
            offset += len(line) + 1
            gold.add(offset)
            if not _PUNCT_END.search(line):
                unknowable.add(offset)
        paragraphs.append(Paragraph(" ".join(chunk), gold, unknowable))
    return paragraphs


def predicted_starts(pairs: list[tuple[str, str]]) -> set[int]:
    starts, offset = set(), 0
    for sentence, space in pairs[:-1]:
        offset += len(sentence) + len(space)
        starts.add(offset)
    return starts


def evaluate(paragraphs: list[Paragraph], engine: str, lang: str, errors: int = 0):
    """Scores (all, punct) and seconds for one splitter on one language."""
    split = splitter_for(engine)
    t0 = time.perf_counter()
    predictions = [predicted_starts(split(p.text, lang)) for p in paragraphs]
    seconds = time.perf_counter() - t0
    every, punct = Score(), Score()
    shown = 0
    for para, pred in zip(paragraphs, predictions, strict=True):
        every.add(pred, para.gold)
        punct.add(pred - para.unknowable, para.gold - para.unknowable)
        for pos in sorted((pred ^ para.gold) - para.unknowable):
            if shown < errors:
                kind = "FP" if pos in pred else "FN"
                left, right = para.text[max(0, pos - 60) : pos], para.text[pos : pos + 40]
                print(f"{kind} {lang}: …{left}|{right}…")
                shown += 1
    return every, punct, seconds


def table(rows: list[tuple[str, str, Score, Score, float]]) -> str:
    head = (
        "| lang | splitter | P | R | F1 | P punct | R punct | F1 punct | seconds |\n"
        "|---|---|---:|---:|---:|---:|---:|---:|---:|\n"
    )
    body = "".join(
        f"| {lang} | {engine} | {a.p:.4f} | {a.r:.4f} | {a.f1:.4f} "
        f"| {b.p:.4f} | {b.r:.4f} | {b.f1:.4f} | {sec:.2f} |\n"
        for lang, engine, a, b, sec in rows
    )
    return head + body


def write_results(text: str, path: Path = RESULTS) -> None:
    """Write atomically (temp file + replace), never a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".segmentation.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.replace(tmp, path)


def _report_header(group: int, n_paragraphs: int) -> str:
    versions = ", ".join(f"{name} {_version(name)}" for name in ("sentence-splitter", "pysbd"))
    return (
        "# Sentence segmentation on newstest2009\n\n"
        f"Produced by `make bench-seg BENCH_SEG_ARGS=--write` (`python -m bench.segmentation "
        f"--write`) on {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} CPUs; {versions}.\n\n"
        f"- Paragraphs: groups of {group} consecutive lines of newstest2009.{{it,fr,en}} (2,525 "
        f"lines each, {n_paragraphs} paragraphs) joined by one space; gold boundaries = the "
        "line joins.\n"
        "- P/R/F1: every line join counts, including joins after headlines without final "
        "punctuation, which no splitter can know.\n"
        "- *punct*: only joins after lines ending in `. ! ? …` (optionally followed by closing "
        "quotes or brackets) are gold; predictions at joins after unpunctuated lines are "
        "ignored, every other prediction counts.\n"
        "- Splitters: `mtpipe` = `pipeline.segment.split_sentences`; `moses` = "
        "`sentence-splitter` (Moses non-breaking prefixes); `pysbd` with `clean=False`. "
        "Seconds: wall time to split all paragraphs of one language (one run; the machine "
        "was shared, so treat times as rough).\n"
        "- Most remaining mtpipe errors are gold lines that hold two sentences (false "
        "positives no rule should avoid) and lower-case or quote-led line starts.\n\n"
    )


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "(not installed)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default="../shared", help="folder holding data/newstest2009")
    ap.add_argument("--group", type=int, default=5, help="lines per rebuilt paragraph")
    ap.add_argument("--langs", default=",".join(LANGS))
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--errors", type=int, default=0, help="print N mtpipe errors per language")
    ap.add_argument("--write", action="store_true", help=f"write the table to {RESULTS}")
    args = ap.parse_args(argv)

    data = Path(args.shared) / "data" / "newstest2009"
    rows = []
    for lang in args.langs.split(","):
        path = data / f"newstest2009.{lang}"
        if not path.is_file():
            print(f"bench-seg: {path} not found; pass --shared DIR", file=sys.stderr)
            return 3
        paragraphs = load_paragraphs(path, args.group)
        for engine in args.engines.split(","):
            n_err = args.errors if engine == "mtpipe" else 0
            every, punct, seconds = evaluate(paragraphs, engine, lang, n_err)
            rows.append((lang, engine, every, punct, seconds))
    out = table(rows)
    print(out, end="")
    if args.write:
        write_results(_report_header(args.group, len(paragraphs)) + out)
        print(f"wrote {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
