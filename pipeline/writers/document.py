"""The aligned JSON Lines (one line per segment, every target) and the document JSON."""

from __future__ import annotations

import json
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
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=1) + "\n"
