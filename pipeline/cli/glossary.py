"""``mtpipe glossary check|apply``: validate the glossary; show what it protects in an article.

``check`` reads the glossary (``--glossary``, default ``[qa] glossary``),
validates it (exit 2 with one line naming the problem) and prints the number of
do-not-translate terms and, per language pair, of required terms and exonyms.
``apply FILE --lang en`` reads and segments an article and prints, per text
segment, the spans translation would protect or replace for the target
language, without loading a model. Special-token look-alikes depend on the
model's tokenizer: they are listed only with ``--model-dir`` (the tokenizer is
read, never the model weights).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.cli.common import config_from_args, path_arg, plain_doc
from pipeline.errors import UsageError, one_line

if TYPE_CHECKING:
    from pipeline.config import Config
    from pipeline.document import Article


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "glossary",
        help="validate the glossary; show the spans it protects in an article",
        description=plain_doc(__doc__),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cmds = p.add_subparsers(dest="glossary_command", metavar="check|apply", required=True)
    check = cmds.add_parser(
        "check",
        help="validate the glossary and count its terms per pair",
        description="Validate the glossary (exit 2 with one line naming the problem and the "
        "fix) and count its do-not-translate terms and, per language pair, its required terms "
        "and exonyms.",
    )
    check.add_argument("--glossary", help="glossary TOML (default: [qa] glossary)")
    check.set_defaults(func=run_check)
    apply = cmds.add_parser(
        "apply",
        help="show protected and replaced spans of an article",
        description="Read and segment an article as translate does and print, per text "
        "segment, the spans translation would keep (URLs, e-mail addresses, inline tags, "
        "do-not-translate terms) or replace (the glossary's required terms) for --lang, "
        "without loading a model.",
    )
    apply.add_argument(
        "file",
        help="article file in any format translate reads; -: standard input, read as page text",
    )
    apply.add_argument("--lang", required=True, help="target language, e.g. en")
    apply.add_argument("--source-lang", help="source language (default from config: it)")
    apply.add_argument("--glossary", help="glossary TOML (default: [qa] glossary)")
    apply.add_argument("--model-dir", type=path_arg, help="read special tokens from this tokenizer")
    apply.set_defaults(func=run_apply)


def _glossary(args: argparse.Namespace):
    from pipeline.glossary import load_glossary

    config = config_from_args(args, {"qa.glossary": args.glossary})
    return config, load_glossary(config.qa.glossary)


def run_check(args: argparse.Namespace) -> int:
    _, glossary = _glossary(args)
    print(one_line(f"{glossary.path or '(no glossary)'}: valid, digest {glossary.digest}"))
    print(f"do-not-translate terms (every pair): {len(glossary.dnt)}")
    for pair, counts in glossary.counts().items():
        print(f"{pair}: {counts['terms']} required term(s), {counts['exonyms']} exonym(s)")
    return 0


def _target(lang: str, src: str) -> str:
    """``--lang`` in its standard form, or UsageError (exit 2) before the article is read.

    It was taken as given: ``../x``, ``""``, the source language or ``en-GB`` (the
    glossary's pairs name languages: ``it-en``) printed the do-not-translate spans alone,
    as if the pair had no required terms.
    """
    from pipeline.schema import lang_tag_is_valid, standard_tag

    if not lang_tag_is_valid(lang):
        raise UsageError(f"--lang {lang!r} is not a BCP 47 language tag; give one such as en or fr")
    lang = standard_tag(lang)
    base = lang.split("-")[0]
    if base == src.split("-")[0]:
        raise UsageError(f"--lang {lang!r} is the source language; give the target, e.g. --lang en")
    if lang != base:
        raise UsageError(
            f"--lang {lang!r} is a regional variant; the glossary's pairs name languages "
            f"({src}-{base}): use --lang {base}"
        )
    return lang


def run_apply(args: argparse.Namespace) -> int:
    from pipeline.glossary import load_glossary
    from pipeline.markup import name_elements, table_of
    from pipeline.protect import Protector, is_language
    from pipeline.segment import segment_article

    # --source-lang is checked as [read] source_lang is (a BCP 47 tag, exit 2 otherwise)
    config = config_from_args(
        args, {"qa.glossary": args.glossary, "read.source_lang": args.source_lang}
    )
    glossary = load_glossary(config.qa.glossary)
    src = config.read.source_lang
    lang = _target(args.lang, src)
    specials = _special_tokens(args.model_dir) if args.model_dir else []
    protector = Protector(glossary, src, lang, specials)
    article = segment_article(_read(args.file, config, src), config.segment)
    # an inline tag is shown with the element it stands for, `<g1> (<a href="...">)`, as the
    # placeholder_repair findings name it: `<g1>` alone did not say which link it was
    tables = {id(seg): table_of(block.meta) for block in article.blocks for seg in block.segments}
    shown = copied = 0
    for seg in article.text_segments():
        if seg.source.strip() and not is_language(seg.source):
            copied += 1
            print(f"{seg.id}\tcopied (no language, never sent to a model)\t{seg.source}")
            continue
        for span in protector.spans(seg.source):
            shown += 1
            action = "kept" if span.target == span.text else f"-> {span.target}"
            text = name_elements(span.text, tables[id(seg)]) if span.kind == "tag" else span.text
            print(f"{seg.id}\t{span.kind}\t{text}\t{action}")
    total = len(article.text_segments())
    note = "" if args.model_dir else " (special tokens not checked: no --model-dir)"
    print(f"{article.id}: {total} segment(s), {shown} protected span(s), {copied} copied{note}")
    return 0


def _read(file: str, config: Config, src: str) -> Article:
    """The article ``file`` names; ``-`` is standard input read as page text.

    ``-`` was looked for as a file ("-: no such file; check the path"), where ``mtpipe
    segment -`` reads standard input: a pasted paragraph could not be checked.
    """
    if file != "-":
        from pipeline.read import read_article

        read = config.read
        return read_article(Path(file), src, fmt=read.forced_format, max_bytes=read.max_bytes)
    from pipeline.read import read_text_stream
    from pipeline.readers import read_text

    text = read_text_stream(sys.stdin.buffer, config.read.max_bytes)
    return read_text(text, config.read.forced_format or "txt", "standard input", src)


TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json")


def _special_tokens(model_dir: Path) -> list[str]:
    """The special tokens of the tokenizer in ``model_dir`` (ModelNotFoundError, exit 4,
    naming the folder and what it lacks).

    A missing folder was "cannot load the tokenizer in /x (OSError: Repo id must use
    alphanumeric chars …)": transformers took the path for a hub id.
    """
    from pipeline.errors import ModelNotFoundError
    from pipeline.translate.tokenizer import load_marian_tokenizer, special_tokens

    missing = [name for name in TOKENIZER_FILES if not (model_dir / name).is_file()]
    if missing:
        what = (
            "does not exist"
            if not model_dir.exists()
            else "is not a folder"
            if not model_dir.is_dir()
            else f"lacks {', '.join(missing)}"
        )
        raise ModelNotFoundError(
            f"--model-dir {model_dir} {what}; give a Marian model folder (with "
            f"{', '.join(TOKENIZER_FILES)}), such as one `mtpipe models list` shows"
        )

    return special_tokens(load_marian_tokenizer(model_dir))
