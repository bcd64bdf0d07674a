"""``mtpipe segment [FILE|-] --lang it|fr|en``: print one sentence per line.

Each non-empty input line is a paragraph (blank lines between paragraphs are
allowed and not required); the output has one sentence per line and a blank
line between paragraphs. A file goes through the reader's checks
(:func:`pipeline.read.read_text_file`); standard input gets the same UTF-8 and
binary checks here.
"""

from __future__ import annotations

import argparse
import sys

from pipeline.cli.common import config_from_args
from pipeline.config import Config
from pipeline.segment.engines import ENGINES

STDIN = "-"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "segment",
        help="split text into sentences, one per line",
        description=(
            "Split text into sentences with mtpipe's language-aware rules. Each non-empty "
            "input line is a paragraph; output: one sentence per line, a blank line "
            "between paragraphs."
        ),
    )
    p.add_argument(
        "file",
        nargs="?",
        default=STDIN,
        metavar="FILE",
        help="UTF-8 text file (default or -: stdin)",
    )
    p.add_argument(
        "--lang",
        help="language of the text: it, fr or en; others use generic rules "
        "(default: [read] source_lang)",
    )
    p.add_argument(
        "--engine",
        choices=ENGINES,
        help="splitter (default: [segment] engine); moses and pysbd need the bench extras",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipeline.segment import splitter_for

    # --lang is checked as [read] source_lang is (a BCP 47 tag, exit 2 otherwise)
    config = config_from_args(args, {"segment.engine": args.engine, "read.source_lang": args.lang})
    lang = config.read.source_lang
    split = splitter_for(config.segment.engine)
    if args.file == STDIN:
        from pipeline.read import read_text_stream

        text = read_text_stream(sys.stdin.buffer, config.read.max_bytes)
    else:
        text = _read_file(args.file, config)
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    blocks = ["\n".join(s for s, _ in split(p, lang)) for p in paragraphs]
    if blocks:
        sys.stdout.write("\n\n".join(blocks) + "\n")
    return 0


def _read_file(path: str, config: Config) -> str:
    from pipeline.read import read_text_file

    return read_text_file(path, max_bytes=config.read.max_bytes)
