"""``mtpipe segment [FILE|-] --lang it|fr|en [--format F]``: print one sentence per line.

A file is read as ``translate`` reads it, by the same reader registry
(:func:`pipeline.readers.read_article`): its suffix, its content where the suffix is
shared or unknown (a ``.txt`` that opens with ``<html>`` is an HTML page), or the
reader ``--format`` / ``[read] format`` names. Each text block (title, paragraph,
caption, ...) is a paragraph, its sentences as ``translate`` splits them; markup
(a shortcode alone in its paragraph too), front matter, JSON and the chrome lines
``translate`` never sends to MT are no sentences. It split a ``.txt`` line by line
without the readers, so ``segment`` and ``translate`` could read one file two ways.

Standard input (``-``, the default) has no suffix to go by: each non-empty line is
a paragraph (blank lines between paragraphs allowed, not required), after the same
UTF-8 and binary checks as a file; with ``--format`` it goes through that reader.
The output has one sentence per line and a blank line between paragraphs.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from pipeline.cli.common import FORMATS, config_from_args
from pipeline.config import Config
from pipeline.document import TEXT_KINDS, Article
from pipeline.segment.engines import ENGINES

STDIN = "-"


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "segment",
        help="split text into sentences, one per line",
        description=(
            "Split text into sentences with mtpipe's language-aware rules. A file is read "
            "as translate reads it (each text block a paragraph); standard input: each "
            "non-empty line is a paragraph. Output: one sentence per line, a blank line "
            "between paragraphs."
        ),
    )
    p.add_argument(
        "file",
        nargs="?",
        default=STDIN,
        metavar="FILE",
        help="an article file in any format translate reads (default or -: stdin)",
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
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="read the input with this reader, as translate --format does (a .txt that "
        "opens with <html> is sniffed as an HTML page: --format txt reads it as page text); "
        "default from config: auto, by suffix (stdin: one paragraph per line)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pipeline.segment import splitter_for

    # --lang is checked as [read] source_lang is (a BCP 47 tag, exit 2 otherwise)
    config = config_from_args(
        args,
        {
            "segment.engine": args.engine,
            "read.source_lang": args.lang,
            "read.format": args.format,
        },
    )
    fmt = config.read.forced_format
    if args.file != STDIN:
        from pipeline.readers import read_article

        path = Path(args.file)
        source = config.read.source_lang
        article = read_article(path, source_lang=source, fmt=fmt, max_bytes=config.read.max_bytes)
        from pipeline.readers.unclosed import unclosed_note

        if (note := unclosed_note(article.id, article.meta.get("unclosed"))) is not None:
            print(f"mtpipe: warning: {path}: {note}", file=sys.stderr)  # never silent
        _print(_article_paragraphs(article, config, args.lang))
        return 0
    from pipeline.read import read_text_stream

    text = read_text_stream(sys.stdin.buffer, config.read.max_bytes)
    if fmt is not None:
        from pipeline.readers import read_text

        article = read_text(text, fmt, "standard input", config.read.source_lang)
        _print(_article_paragraphs(article, config, args.lang))
        return 0
    lang = config.read.source_lang
    split = splitter_for(config.segment.engine)
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    _print(["\n".join(s for s, _ in split(p, lang)) for p in paragraphs])
    return 0


def _print(blocks: list[str]) -> None:
    if blocks:
        sys.stdout.write("\n\n".join(blocks) + "\n")


def _article_paragraphs(article: Article, config: Config, lang: str | None) -> list[str]:
    """One string per text block of ``article``: its sentences, one a line.

    ``lang`` (``--lang``) overrides the language the file declares.
    """
    from pipeline.markup import strip, table_of
    from pipeline.segment import segment_article
    from pipeline.writers.common import without_screen_reader

    if lang:
        article.source_lang = config.read.source_lang
    segment_article(article, config.segment)
    out = []
    for block in article.blocks:
        table = table_of(block.meta)  # the visible text, as ID.LANG.txt writes it
        sentences = [
            _one_line(strip(without_screen_reader(s.source, table), table))
            for s in block.segments
            if not _markup_only(s.source)
        ]
        if block.kind in TEXT_KINDS and any(sentences):
            out.append("\n".join(t for t in sentences if t))
    return out


def _markup_only(source: str) -> bool:
    """A segment of markers with no words around them (a Hugo shortcode alone in its
    paragraph: ``<x1/>``): translate never sends it to a model, it keeps the markup as it
    is. Printed, it was the shortcode's syntax as if it were a sentence."""
    from pipeline.markup import has_markers, strip
    from pipeline.protect.spans import is_language

    return has_markers(source) and not is_language(strip(source))


# A line break (any that str.splitlines knows) with the spaces and tabs around it.
_BREAK = re.compile(r"(?:[ \t]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]))+[ \t]*")


def _one_line(sentence: str) -> str:
    """``sentence`` as one output line: each line break inside it (a shortcode or an HTML
    tag written over two lines, kept so in the stored text for the writers) and the
    spaces around it become one space; no-break spaces stay. One line per sentence is
    the output's contract."""
    return _BREAK.sub(" ", sentence).strip()
