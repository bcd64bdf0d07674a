"""Plain text per language: one block per paragraph, chrome included, no markup."""

from __future__ import annotations

from pipeline.document import ALT, NOISE_NOTE, RAW, Article
from pipeline.writers.common import plain_text


def render_text(article: Article, lang: str) -> str:
    """The page in ``lang`` as plain text, one block per paragraph, chrome included."""
    parts = [
        plain_text(b, lang, article.source_lang)
        for b in article.blocks
        if b.kind not in (ALT, RAW) and b.meta.get("part") != "excerpt"
    ]
    if lang in article.noise_langs():  # first line, so nobody publishes it unawares
        parts.insert(0, f"[{NOISE_NOTE}]")
    return "\n\n".join(p for p in parts if p) + "\n"
