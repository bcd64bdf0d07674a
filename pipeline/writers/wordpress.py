"""``ID.LANG.wp.json``: a WordPress post of the input's shape, per target language.

For a post read from the REST API (``/wp-json/wp/v2/posts/N``) this gives back
``title``, ``content`` (with the Gutenberg block comments in place when the input
had ``content.raw``), ``excerpt``, ``slug`` (the source slug with ``-LANG``
appended, since WordPress slugs are unique per site), ``date``/``status``/
``categories``/``tags`` as read, and ``lang`` — ready to be posted back through
the REST API (``POST /wp-json/wp/v2/posts``), e.g. by a multilingual plugin that
links translations. The theme shows ``title`` as the page's H1, so a body ``<h1>`` and the
headings under it go one level down (:func:`pipeline.writers.common.under_title`).

``title``, ``content`` and ``excerpt`` are plain strings: that is what a create or
update takes (REST API Handbook, Posts, "Create a Post": https://developer.wordpress.org/
rest-api/reference/posts/#create-a-post; ``WP_REST_Posts_Controller::
prepare_item_for_database`` stores a string, or else the ``raw`` member of an object).
``rendered`` is the read-only form of a response: a post of ``{"rendered": ...}`` was
created with an empty title, content and excerpt.

A post's SEO title and descriptions (Yoast SEO's ``yoast_head_json``, which the reader
made head-field blocks of) go translated under ``meta`` as the Yoast post meta keys
(``_yoast_wpseo_title``, ``_yoast_wpseo_metadesc``, ``_yoast_wpseo_opengraph-title`` ...:
:func:`yoast_meta`). The REST API writes a meta key only when the site registers it for
REST (``register_post_meta('post', '_yoast_wpseo_metadesc', ['show_in_rest' => true,
'single' => true, 'type' => 'string', 'auth_callback' => ...])``; Yoast does not), and
skips the keys it does not know: without that the post is created without them, never
refused. The title is the text Yoast showed, its variables (``%%sitename%%``) filled in.

A tiny-model translation says that its text is noise, as every other output does: a
``mtpipe_warning`` field (the REST API ignores fields it does not know) and an HTML
comment opening the content.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from pipeline.document import NOISE_NOTE, TITLE, Article, Block
from pipeline.writers.common import attr_texts, block_text, plain_text, under_title
from pipeline.writers.html import body_blocks, render_block, render_fragment


def applies(article: Article) -> bool:
    """Only articles read from a WordPress post get a WordPress post back."""
    return isinstance(article.meta.get("wordpress"), dict)


def _title(article: Article, lang: str) -> str:
    attr_for = attr_texts(article, lang)
    for block in article.blocks:
        if block.kind == TITLE:
            text = block_text(block, lang, article.source_lang)
            meta = {k: v for k, v in block.meta.items() if k != "tag"}
            return render_block(type(block)(block.id, block.kind, text, meta={**meta, "tag": None}),
                                text, attr_for(block))  # fmt: skip
    return ""


# Yoast SEO's post meta keys by the head field (readers.html._YOAST) whose text they hold.
YOAST_META = {
    "title": "_yoast_wpseo_title",
    "description": "_yoast_wpseo_metadesc",
    "og:title": "_yoast_wpseo_opengraph-title",
    "og:description": "_yoast_wpseo_opengraph-description",
    "twitter:title": "_yoast_wpseo_twitter-title",
    "twitter:description": "_yoast_wpseo_twitter-description",
}


def yoast_meta(article: Article, lang: str) -> dict[str, str]:
    """The post's SEO title and descriptions in ``lang`` by Yoast post meta key: each
    head-field block (``meta["part"] == "front"``, ``meta["head"]`` naming its fields, as
    writers.html.head_elements writes them) under the key of each field it fills."""
    out: dict[str, str] = {}
    for block in article.blocks:
        names = block.meta.get("head")
        if block.meta.get("part") != "front" or not isinstance(names, list):
            continue
        text = plain_text(block, lang, article.source_lang)
        out |= {YOAST_META[n]: text for n in map(str, names) if n in YOAST_META}
    return out


def _footnotes(article: Article, lang: str, blocks: list[Block]) -> str | None:
    """The post's footnotes (read from ``meta.footnotes``: readers.wordpress) in ``lang`` as
    WordPress keeps them, a JSON string of ``[{"id", "content"}]`` whose content is the
    note's inline HTML; None when the post had none."""
    if not blocks:
        return None
    notes: dict[str, list[Block]] = {}
    for block in blocks:
        wrap = block.meta.get("wrap") or []
        inner = next((i + 1 for i, w in enumerate(wrap) if w[0] == "li"), len(wrap))
        meta = {**block.meta, "wrap": wrap[inner:]}
        notes.setdefault(str(block.meta["wp_footnote"]), []).append(replace(block, meta=meta))
    out = [
        {"id": fid, "content": render_fragment(article, lang, parts).strip()}
        for fid, parts in notes.items()
    ]
    return json.dumps(out, ensure_ascii=False)


def render_wordpress(article: Article, lang: str) -> str:
    """The post in ``lang`` as REST API JSON (see the module docstring)."""
    wp: dict[str, Any] = dict(article.meta.get("wordpress") or {})
    wp.pop("content_field", None)  # raw or rendered: either is written back as the string
    post: dict[str, Any] = {k: v for k, v in wp.items() if k not in ("id", "link", "guid")}
    if "id" in wp:
        post["translation_of"] = wp["id"]
    if isinstance(wp.get("slug"), str):
        post["slug"] = f"{wp['slug']}-{lang}" if lang != article.source_lang else wp["slug"]
    post["lang"] = lang
    post["title"] = _title(article, lang)
    seo = yoast_meta(article, lang)
    if seo:  # the site must register the keys for REST (see the module docstring)
        post["meta"] = seo
    body = body_blocks(article, title=False)
    notes = _footnotes(article, lang, [b for b in body if "wp_footnote" in b.meta])
    if notes is not None:  # WordPress renders the footnotes block from meta.footnotes
        body = [b for b in body if "wp_footnote" not in b.meta]
        post["meta"] = {**post.get("meta", {}), "footnotes": notes}
    if post["title"]:  # the theme shows the title as the page's H1: the body's go one down
        body = under_title(body)
    content = render_fragment(article, lang, body)
    noise = lang in article.noise_langs()
    if noise:
        post["mtpipe_warning"] = NOISE_NOTE
        content = f"<!-- {NOISE_NOTE} -->\n{content}"
    post["content"] = content
    excerpt = body_blocks(article, part="excerpt", title=False)
    if excerpt:
        post["excerpt"] = render_fragment(article, lang, excerpt)
    return json.dumps(post, ensure_ascii=False, indent=1) + "\n"
