"""The Markdown reader's entry points: :func:`sniff_markdown` and :func:`parse_markdown`.

``category`` becomes a ``category`` chrome block when the catalogs know it, so
every output's front matter carries it localised. mtpipe's own ``ID.LANG.md``
reads back to the same blocks: the title is in the front matter and in the
first heading (one title block), and the chrome after the closing rule is
matched through the catalogs, never sent to MT.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pipeline.document import PARAGRAPH, RAW, TITLE, Article, Block
from pipeline.errors import InputError
from pipeline.markdown_syntax import FRONT, TRANSLATED_KEYS
from pipeline.markup import strip
from pipeline.readers import dom
from pipeline.readers.base import _NOT_TEXT_CHAR as NOT_TEXT
from pipeline.readers.base import article_id_from_path
from pipeline.readers.html import kicker_category
from pipeline.readers.markdown.builder import _Builder
from pipeline.readers.markdown.chrome import (
    _category_block,
    _footer_chrome,
    _header_chrome,
    _inner_category,
    _read_more_links,
    _text_chrome,
)
from pipeline.readers.markdown.footnotes import mark_footnotes
from pipeline.readers.markdown.front_matter import (
    _FRONT_MATTER,
    _TOML_FRONT_MATTER,
    _check_front_matter,
    _front_matter,
)
from pipeline.readers.markdown.inline import _Inline
from pipeline.readers.markdown.tokens import _block_tokens, _link_lines
from pipeline.readers.unclosed import UNCLOSED, markdown_unclosed, unclosed_note
from pipeline.schema import standard_tag


def sniff_markdown(text: str) -> bool:
    """Front matter, or an ATX heading on the first line."""
    head = text.lstrip("\ufeff")
    if _FRONT_MATTER.match(head) or _TOML_FRONT_MATTER.match(head):
        return True
    return bool(re.match(r"#{1,6} \S", head))


def _front_text_blocks(meta: dict[str, Any]) -> list[Block]:
    """One paragraph per translated front-matter key holding text, after the body
    (``meta["part"] = "front"``: no writer puts it in the body; the Markdown writer puts
    its translation in the front matter). Marker look-alikes in it stay literal text."""
    blocks = []
    for key in TRANSLATED_KEYS:
        value = meta.get(key)
        if not isinstance(value, str) or not re.search(r"\w", value) or NOT_TEXT.search(value):
            continue  # (a character no text has: the check of the metadata names the key)
        inline = _Inline()
        inline.text(unicodedata.normalize("NFC", value))
        text = inline.result()
        block_meta: dict[str, Any] = {"tag": None, "part": FRONT, "key": key}
        if inline.table:
            block_meta["markup"] = inline.table
        blocks.append(Block(id=f"f{len(blocks) + 1}", kind=PARAGRAPH, text=text, meta=block_meta))
    return blocks


def parse_markdown(text: str, article_id: str, source_lang: str = "it", where: str = "") -> Article:
    """Parse Markdown with optional YAML or TOML front matter (see the package's docstring)."""
    where = where or article_id
    whole = text.lstrip("\ufeff")
    meta, body = _front_matter(whole, where)
    _check_front_matter(meta, where)
    lang = standard_tag(str(meta.pop("lang", meta.pop("language", source_lang))))
    if "id" in meta:
        article_id = article_id_from_path(str(meta.pop("id")))
    builder = _Builder(source_lang=lang, where=where)
    category = _category_block(meta.get("category"))
    if category is not None:
        builder.blocks.append(category)
        meta["category"] = category.segments[0].msgid
    if meta.get("title") is not None and str(meta["title"]).strip():  # title: 0 is a title
        title = unicodedata.normalize("NFC", str(meta["title"]))
        # marked: the Markdown writer keeps it in the front matter, no H1 (writers.markdown)
        builder.front_title = builder.emit(TITLE, title, {"front_matter": True})
        builder.title = title
    inline_tag: str | None = None
    tokens = _block_tokens(body, where)
    first_line = whole[: len(whole) - len(body)].count("\n") + 1
    if unclosed := markdown_unclosed(tokens, body):  # never silent: plan warns
        meta[UNCLOSED] = [r | {"line": r["line"] + first_line - 1} for r in unclosed]
    builder.links = _link_lines(tokens)
    for tok in tokens:
        inline_tag = builder.token(tok, inline_tag)
    mark_footnotes(builder.blocks, body)
    builder.blocks = _header_chrome(builder.blocks, lang)
    if builder.left_out:
        meta["left_out"] = [r | {"line": r["line"] + first_line} for r in builder.left_out]
    lines = {k: v + first_line for k, v in builder.lines.items()}
    _text_chrome(builder.blocks, lines)
    builder.blocks = _read_more_links(builder.blocks, lang)
    if spoken := dom.screen_reader_records(builder.blocks, lines):  # not in .md nor .txt
        meta["left_out"] = sorted(
            meta.get("left_out", []) + spoken, key=lambda r: int(r.get("line") or 0)
        )
    kicker = kicker_category(builder.blocks)
    if kicker is not None:
        meta.setdefault("category", kicker.segments[0].msgid)
    blocks = _inner_category(_footer_chrome(builder.blocks, lang), lang)
    if not any(b.kind != RAW for b in blocks):
        hidden = unclosed_note(article_id, meta.get(UNCLOSED))
        raise InputError(f"{where}: the Markdown file has no text" + (f": {hidden}" * bool(hidden)))
    blocks += _front_text_blocks(meta)
    title = next((b for b in blocks if b.kind == TITLE), None)
    if title is not None:
        meta.setdefault("title", strip(title.text, title.meta.get("markup")))
    from pipeline.readers.dom import renumber

    return Article(id=article_id, source_lang=lang, blocks=renumber(blocks), meta=meta)
