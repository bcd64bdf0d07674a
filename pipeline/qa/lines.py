"""Readers of line-based QA input into :class:`~pipeline.document.Article` s.

The mirror of :func:`pipeline.write.aligned_records` (as Babel pairs
``read_po`` with ``write_po``): the aligned JSONL that ``translate`` writes
becomes the article it was written from, so QA of ``ID.aligned.jsonl`` runs
exactly the checks QA of ``ID.json`` runs, source-side ones included. Generic
pair lines ``{"id", "src", "tgt", "src_lang", "tgt_lang"}`` become one article
per language pair, a line per block, in input order.

Pure functions from parsed records (``list[dict]``, as
:func:`pipeline.read.read_jsonl` gives them) to articles; they raise
:class:`~pipeline.errors.InputError` naming the line of a bad record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from pipeline import schema
from pipeline.document import (
    CHROME_KINDS,
    ORIGIN_MT,
    PARAGRAPH,
    RAW,
    Article,
    Block,
    Finding,
    Segment,
    Translation,
)
from pipeline.errors import InputError
from pipeline.qa.stage import DOC

# Fields of a generic pair line that may name the document (article) it belongs to, first
# found wins: "doc"/"docid" as in WMT's and sacrebleu's document-level test sets.
DOC_FIELDS = ("doc", "doc_id", "docid", "document", "article")
_LANG_KEY = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?$")
# Keys of an aligned record that are not target languages.
_NOT_TARGETS = frozenset(
    {"id", "src", "src_lang", "kind", "block", "article", "origin", "msgid", "msgctxt", "flags"}
    | {"score", "noise", "findings"}
)


def target_langs(rec: dict[str, Any]) -> list[str]:
    """Target-language keys of an aligned record (``"en"``, ``"fr"`` …)."""
    return [
        k
        for k, v in rec.items()
        if k not in _NOT_TARGETS and _LANG_KEY.match(k) and (v is None or isinstance(v, str))
    ]


def _segment(rec: dict[str, Any], langs: list[str], source_lang: str) -> Segment:
    origin = rec.get("origin") or {}
    scores = rec.get("score") or {}
    seg = Segment(
        id=str(rec["id"]),
        source=rec["src"],
        msgid=rec.get("msgid"),
        msgctxt=rec.get("msgctxt"),
        lang=rec["src_lang"] if rec.get("src_lang", source_lang) != source_lang else None,
    )
    seg.findings = [Finding.from_dict(f) for f in rec.get("findings") or ()]
    for lang in langs:
        text = rec.get(lang)
        if isinstance(text, str):
            seg.translations[lang] = Translation(
                text, origin.get(lang) or ORIGIN_MT, score=scores.get(lang)
            )
    return seg


def _close_block(block: Block) -> Block:
    """Joined with one space: the aligned JSONL does not keep the source's spacing."""
    for seg in block.segments[:-1]:
        seg.space_after = " "
    block.text = "".join(s.source + s.space_after for s in block.segments)
    return block


def parse_aligned(
    records: Sequence[dict[str, Any]], where: str, source_lang: str | None = None
) -> Article:
    """The article an aligned JSONL was written from (its spacing is not kept).

    Each line's recorded ``findings`` come back, so findings that other stages
    added (``placeholder_repair``, ``markup``) count in QA of the JSONL as in
    QA of the document; QA replaces the rest by its own run.

    The article's language is the first text line's ``src_lang``; ``source_lang``
    (default "it") stands for it when no line has one.
    Consecutive lines of one ``block`` form a block; a line without ``block``
    is a paragraph of its own.
    """
    schema.check_lines(list(records), False, where)
    texts = [r for r in records if r.get("kind") not in CHROME_KINDS]
    lang = next((r["src_lang"] for r in texts if r.get("src_lang")), source_lang or "it")
    langs: list[str] = []
    for rec in records:
        langs += [k for k in target_langs(rec) if k not in langs]
    article_id = next((str(r["article"]) for r in records if r.get("article")), "aligned")
    article = Article(id=article_id, source_lang=lang, target_langs=langs)
    for n, rec in enumerate(records, 1):
        block_id = str(rec.get("block") or f"line{n}")
        kind = rec.get("kind", PARAGRAPH)
        if not article.blocks or article.blocks[-1].id != block_id:
            article.blocks.append(Block(block_id, kind, ""))
            if kind == RAW and "chrome_uncatalogued" in (rec.get("flags") or ()):
                # chrome a reader kept among the text (trial): chrome here too, as in the
                # document (Block.is_chrome); QA indexed it as text and failed
                article.blocks[-1].meta["uncatalogued"] = "page chrome"
        if rec.get("article"):  # lines of several articles joined: each its own document
            article.blocks[-1].meta[DOC] = str(rec["article"])
        article.blocks[-1].segments.append(_segment(rec, target_langs(rec), lang))
    for block in article.blocks:
        _close_block(block)
    for lang in {k for rec in records for k in rec.get("noise") or ()}:
        article.signatures[lang] = {"tiny": True}  # what the writer knew: noise
    return article


def parse_pairs(records: Sequence[dict[str, Any]], where: str) -> list[tuple[Article, list[int]]]:
    """Generic pair lines as one article per (src_lang, tgt_lang), with each segment's line index.

    A line's neighbours (the misalignment check's context) are the lines of its
    own language pair; its nearby translations (the name check's) only those of the
    same document (:func:`doc_of`). A ``tgt`` of null is an empty translation.
    """
    groups: dict[tuple[str, str], tuple[Article, list[int]]] = {}
    schema.check_lines(list(records), True, where)
    seen: dict[tuple[str, str, str], int] = {}
    for n, rec in enumerate(records, 1):
        key = (rec["src_lang"], rec["tgt_lang"])
        first = seen.setdefault((str(rec["id"]), *key), n)
        if first != n:
            raise InputError(
                f"{where}: line {n} repeats the id {str(rec['id'])!r} of line {first} for "
                f"{key[0]}->{key[1]}; give each line of a language pair its own id "
                "(the findings are keyed by it)"
            )
        if key not in groups:
            groups[key] = (Article(id="pairs", source_lang=key[0], target_langs=[key[1]]), [])
        article, index = groups[key]
        seg = Segment(id=str(rec["id"]), source=rec["src"])
        seg.translations[key[1]] = Translation(rec["tgt"] or "", ORIGIN_MT)
        block = Block(f"line{n}", PARAGRAPH, rec["src"], [seg])
        block.meta[DOC] = doc_of(rec) or f"line {n}"
        article.blocks.append(block)
        index.append(n - 1)
    return list(groups.values())


def doc_of(rec: dict[str, Any]) -> str | None:
    """The document a generic pair line names (:data:`DOC_FIELDS`), or None.

    Lines of one file may come from many articles, so a line's neighbours say nothing
    about how its article renders a name: only lines of the same named document are
    the name check's nearby translations, and a line that names none has none.
    """
    for key in DOC_FIELDS:
        value = rec.get(key)
        if isinstance(value, str) and value.strip() or type(value) is int:
            return f"{key}={value}"
    return None
