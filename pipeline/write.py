"""Write per-language outputs of an article (an I/O edge).

For an article ``ID`` and each target language ``L`` the output folder gets
``ID.L.txt`` and ``ID.L.md``, plus ``ID.aligned.jsonl`` (one line per segment
with every target) and ``ID.json`` (the whole document). Every file is written
to a temporary name and renamed into place, and the document JSON is written
last, so its presence means the article is complete.

The ``render_*`` functions are pure and return text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipeline.atomic import commit_files
from pipeline.document import CAPTION, CATEGORY, TITLE, UI, Article, Block
from pipeline.errors import OutputError

FORMATS = ("txt", "md", "jsonl", "json")


def _block_text(block: Block, lang: str, source_lang: str) -> str:
    return block.text if lang == source_lang else block.target_text(lang)


def render_text(article: Article, lang: str) -> str:
    """The page in ``lang`` as plain text, one block per paragraph, chrome included."""
    parts = [_block_text(b, lang, article.source_lang) for b in article.blocks]
    return "\n\n".join(p for p in parts if p) + "\n"


def _yaml_scalar(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def render_markdown(article: Article, lang: str) -> str:
    """The article in ``lang`` as Markdown with front matter.

    Header chrome (category) goes into the front matter; the comment-form
    chrome after the text follows a horizontal rule; captions are italic.
    """
    src = article.source_lang
    front: dict[str, Any] = {"id": article.id, "lang": lang, "source_lang": src}
    body: list[str] = []
    footer: list[str] = []
    seen_text = False
    for block in article.blocks:
        text = _block_text(block, lang, src)
        if block.kind == CATEGORY:
            front["category"] = text
        elif block.kind == UI:
            if seen_text:
                footer.append(text)
        elif block.kind == TITLE:
            front["title"] = text
            body.append(f"# {text}")
            seen_text = True
        elif block.kind == CAPTION:
            body.append(f"*{text}*")
            seen_text = True
        else:
            body.append(text)
            seen_text = True
    for key in ("date", "author", "url"):
        if key in article.meta:
            front[key] = article.meta[key]
    sig = article.signatures.get(lang)
    if sig:
        front["translated_with"] = f"{sig.get('model')}@{sig.get('revision')}"
        if sig.get("tiny"):
            front["warning"] = "tiny random model: this text is noise"
    lines = ["---", *(f"{k}: {_yaml_scalar(v)}" for k, v in front.items()), "---", ""]
    lines.append("\n\n".join(body))
    if footer:
        lines += ["", "---", "", "\n\n".join(footer)]
    return "\n".join(lines) + "\n"


def aligned_records(article: Article) -> list[dict[str, Any]]:
    """One record per segment: ids, block kind, source, each target and its origin.

    ``protected`` (when any) lists the source spans kept out of MT and what each
    became in each target language.
    """
    records = []
    for block in article.blocks:
        for seg in block.segments:
            rec: dict[str, Any] = {
                "id": seg.id,
                "article": article.id,
                "block": block.id,
                "kind": block.kind,
                "src_lang": seg.lang or article.source_lang,
                "src": seg.source,
            }
            for lang in article.target_langs:
                tr = seg.translations.get(lang)
                rec[lang] = tr.text if tr else None
            rec["origin"] = {
                lang: seg.translations[lang].origin
                for lang in article.target_langs
                if lang in seg.translations
            }
            scores = {k: t.score for k, t in seg.translations.items() if t.score is not None}
            if scores:  # model confidence (mean token log-prob), read back by pipeline.qa.lines
                rec["score"] = scores
            if seg.msgid is not None:
                rec["msgid"] = seg.msgid
                if seg.msgctxt:
                    rec["msgctxt"] = seg.msgctxt
            if seg.protected:
                rec["protected"] = [p.to_dict() for p in seg.protected]
            if seg.findings:
                rec["flags"] = sorted({f.check for f in seg.findings})
            records.append(rec)
    return records


def render_aligned_jsonl(article: Article) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in aligned_records(article))


def render_document_json(article: Article) -> str:
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=1) + "\n"


def output_paths(article_id: str, out_dir: Path, langs: Iterable[str]) -> dict[str, Path]:
    """Where ``write_article`` puts each output (the document JSON last)."""
    root = out_dir.resolve()
    if not (root / article_id).resolve().is_relative_to(root) or "/" in article_id:
        raise OutputError(f"article id {article_id!r} would write outside {out_dir}")
    paths: dict[str, Path] = {}
    for lang in langs:
        paths[f"txt:{lang}"] = out_dir / f"{article_id}.{lang}.txt"
        paths[f"md:{lang}"] = out_dir / f"{article_id}.{lang}.md"
    paths["jsonl"] = out_dir / f"{article_id}.aligned.jsonl"
    paths["json"] = out_dir / f"{article_id}.json"
    return paths


def write_article(
    article: Article, out_dir: str | Path, formats: Iterable[str] = FORMATS
) -> list[Path]:
    """Write every requested output of ``article``; returns the paths written."""
    formats = set(formats)
    unknown = formats - set(FORMATS)
    if unknown:
        raise OutputError(
            f"unknown output format(s) {', '.join(sorted(unknown))}; use {', '.join(FORMATS)}"
        )
    out = Path(out_dir)
    rendered: dict[str, str] = {}
    for key, path in output_paths(article.id, out, article.target_langs).items():
        kind, _, lang = key.partition(":")
        if kind in formats:
            rendered[path.name] = _render(kind, article, lang)
    # every file of the article or none: a failure keeps the previous version of each
    return commit_files(out, rendered)


def _render(kind: str, article: Article, lang: str) -> str:
    if kind == "txt":
        return render_text(article, lang)
    if kind == "md":
        return render_markdown(article, lang)
    if kind == "jsonl":
        return render_aligned_jsonl(article)
    return render_document_json(article)
