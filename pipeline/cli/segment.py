"""``mtpipe segment [FILE|-] --lang it|fr|en``: print one sentence per line.

Each non-empty input line is a paragraph (blank lines between paragraphs are
allowed and not required); the output has one sentence per line and a blank
line between paragraphs. A file goes through the reader's checks
(:func:`pipeline.read.read_text_file`); standard input gets the same UTF-8 and
binary checks here. An HTML page, a Markdown file or a JSON document (WordPress
post, mtpipe document) is read by its reader, as ``translate`` reads it: each text
block (title, paragraph, caption, ...) is a paragraph, its sentences as
``translate`` splits them; its markup, front matter and JSON are no sentences.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.cli.common import config_from_args
from pipeline.config import Config
from pipeline.document import TEXT_KINDS
from pipeline.segment.engines import ENGINES

STDIN = "-"
# Inputs whose reader, not their lines, says what the text is (see the module docstring).
STRUCTURED = frozenset({".html", ".htm", ".xhtml", ".md", ".markdown", ".json"})


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "segment",
        help="split text into sentences, one per line",
        description=(
            "Split text into sentences with mtpipe's language-aware rules. Each non-empty "
            "input line is a paragraph (an HTML page, Markdown file or JSON document: each "
            "text block, as translate reads it); output: one sentence per line, a blank "
            "line between paragraphs."
        ),
    )
    p.add_argument(
        "file",
        nargs="?",
        default=STDIN,
        metavar="FILE",
        help="UTF-8 text file, or .html/.md/.json article (default or -: stdin)",
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
    elif Path(args.file).suffix.lower() in STRUCTURED:
        _print(_article_paragraphs(Path(args.file), config, args.lang))
        return 0
    else:
        text = _read_file(args.file, config)
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    _print(["\n".join(s for s, _ in split(p, lang)) for p in paragraphs])
    return 0


def _print(blocks: list[str]) -> None:
    if blocks:
        sys.stdout.write("\n\n".join(blocks) + "\n")


def _article_paragraphs(path: Path, config: Config, lang: str | None) -> list[str]:
    """One string per text block of the article at ``path``: its sentences, one a line.

    Raw, an HTML page's tags and script and a Markdown file's front matter were split
    as if they were text (``<html><body><h1>Titolo</h1><p>Il governo ...``); the
    reader gives what ``translate`` would send to MT. ``lang`` (``--lang``) overrides
    the language the file declares.
    """
    from pipeline.markup import strip, table_of
    from pipeline.read import read_article
    from pipeline.segment import segment_article

    source = lang and config.read.source_lang
    article = read_article(path, source_lang=source or config.read.source_lang)
    if source:
        article.source_lang = source
    segment_article(article, config.segment)
    out = []
    for block in article.blocks:
        sentences = [strip(s.source, table_of(block.meta)) for s in block.segments]
        if block.kind in TEXT_KINDS and any(t.strip() for t in sentences):
            out.append("\n".join(t.strip() for t in sentences if t.strip()))
    return out


def _read_file(path: str, config: Config) -> str:
    from pipeline.read import read_text_file

    return read_text_file(path, max_bytes=config.read.max_bytes)
