"""The aligned JSON Lines (one line per segment, every target) and the document JSON."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pipeline.document import Article


def aligned_records(article: Article) -> list[dict[str, Any]]:
    """One record per segment: ids, block kind, source, each target and its origin.

    ``noise`` (when any) lists the targets a tiny random test model made (noise).
    ``protected`` (when any) lists the source spans kept out of MT and what each
    became in each target language. ``findings`` (when any) are the segment's
    findings as in the document JSON, ``flags`` their check ids.
    """
    records = []
    noise = article.noise_langs()
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
            if noisy := [k for k in noise if rec["origin"].get(k) == "mt"]:
                rec["noise"] = noisy  # targets made by a tiny random model: noise
            if seg.findings:  # stage findings (placeholder_repair, markup) reach QA of the JSONL
                rec["flags"] = sorted({f.check for f in seg.findings})
                rec["findings"] = [f.to_dict() for f in seg.findings]
            records.append(rec)
    return records


def render_aligned_jsonl(article: Article) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in aligned_records(article))


def render_document_json(article: Article) -> str:
    """The document as indented UTF-8 JSON (one space per level).

    msgspec's C encoder and formatter: the same text as ``json.dumps(ensure_ascii=False,
    indent=1)`` but for a float's exponent (``1e-07`` is written ``1e-7``), about ten
    times faster on a long article (the standard library indents in Python). Records the
    digest of the document's content (:func:`pipeline.document.content_digest`) in
    ``meta.output_digests`` under its own name: a hand edit of it is then told.
    """
    import msgspec

    from pipeline.document import content_digest

    # what mtpipe wrote into the document, so a hand edit of it is told (review37 P1)
    digests = article.meta.get("output_digests")
    digests = dict(digests) if isinstance(digests, dict) else {}
    digests[f"{article.id}.json"] = content_digest(article)
    article.meta["output_digests"] = digests
    return msgspec.json.format(msgspec.json.encode(article.to_dict()), indent=1).decode() + "\n"


def folders_below_with_documents(folders: list[str] | list[Path], limit: int = 3) -> list[Path]:
    """The subfolders (one level down) of ``folders`` that hold an mtpipe document.

    Commands that take a folder read only its own ``*.json`` (``mtpipe bundle out``,
    ``mtpipe export out``); after ``make demo`` the documents are in ``out/demo``, and
    "no mtpipe documents in out" alone left the user guessing. Used for the hint only:
    at most ``limit`` folders, a document recognised by its ``"schema"`` line.
    """
    from pipeline.document import SCHEMA_NAME

    found: list[Path] = []
    for folder in map(Path, folders):
        if not folder.is_dir():
            continue
        for sub in sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()):
            if any(_names_schema(f, SCHEMA_NAME) for f in sorted(sub.glob("*.json"))[:50]):
                found.append(sub)
            if len(found) >= limit:
                return found
    return found


def documents_below_hint(folders: list[str] | list[Path]) -> str:
    """``subfolders are not read; these hold documents: out/demo`` or "" (see above)."""
    below = folders_below_with_documents(folders)
    if not below:
        return ""
    return f"subfolders are not read; these hold documents: {', '.join(map(str, below))}"


def _names_schema(path: Path, schema: str) -> bool:
    """Whether the start of ``path`` (a regular file) names ``schema``."""
    if not path.is_file():
        return False
    try:
        with path.open("rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return f'"schema": "{schema}"'.encode() in head or f'"schema":"{schema}"'.encode() in head
