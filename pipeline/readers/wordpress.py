"""WordPress REST post JSON: the ``/wp-json/wp/v2/posts/N`` shape (``?_embed`` optional).

Reads ``id``, ``date``, ``slug``, ``link``, ``title.rendered``,
``content.rendered`` (or ``content.raw`` from a ``context=edit`` request, which
carries the Gutenberg block comments) and ``excerpt.rendered``; category and tag
names come from ``_embedded["wp:term"]`` when present, author from
``_embedded.author``. The body goes through the DOM walk of
:mod:`pipeline.readers.dom`, so inline markup becomes markers and block
comments stay in place, never translated. Source of the shape:
https://developer.wordpress.org/rest-api/reference/posts/
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import msgspec

from pipeline.document import ALT, CATEGORY, PARAGRAPH, RAW, TITLE, Article, Block
from pipeline.errors import InputError
from pipeline.readers import dom
from pipeline.readers.html import (
    TextChrome,
    absolute_url,
    head_blocks,
    is_chrome,
    resolve_urls,
    yoast_head_texts,
)
from pipeline.readers.unclosed import UNCLOSED, html_unclosed
from pipeline.schema import check, check_text_tree

MAX_DEPTH = 64


@lru_cache(maxsize=4)
def load_json(text: str) -> Any:
    """Parsed JSON or None (cached: sniffers and the reader parse the same text)."""
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


class _Text(msgspec.Struct):
    """``title``/``content``/``excerpt``: ``{"rendered": HTML, "raw": HTML}``."""

    rendered: str = ""
    raw: str = ""


class _Term(msgspec.Struct):
    taxonomy: str = ""
    name: str = ""


class _Author(msgspec.Struct):
    name: str = ""  # absent in the error object WordPress embeds for a hidden author


class _Embedded(msgspec.Struct):
    terms: list[list[_Term]] = msgspec.field(default_factory=list, name="wp:term")
    author: list[_Author] = msgspec.field(default_factory=list)


class WordPressPost(msgspec.Struct):
    """The post fields mtpipe reads, with the REST API's types (others are ignored).

    Checked strictly so a field of the wrong type is an InputError naming it, never a
    field silently dropped; a bare string is taken for ``title``/``content``/``excerpt``.
    """

    title: _Text | str
    content: _Text | str
    excerpt: _Text | str | None = None
    id: int | None = None
    date: str | None = None
    date_gmt: str | None = None
    slug: str | None = None
    link: str | None = None
    status: str | None = None
    type: str | None = None
    format: str | None = None
    categories: list[int] = msgspec.field(default_factory=list)
    tags: list[int] = msgspec.field(default_factory=list)
    embedded: _Embedded | None = msgspec.field(default=None, name="_embedded")


def _rendered(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if isinstance(value, dict):
        for field in ("raw", "rendered") if key == "content" else ("rendered", "raw"):
            if isinstance(value.get(field), str):
                return value[field]
        return None
    return value if isinstance(value, str) else None


def sniff_wordpress(text: str) -> bool:
    """A JSON object with ``content`` and ``title``, or one of them and REST API post fields
    (and no mtpipe ``schema``): a WP post.

    Field types are not looked at here: a post with a bad field is still a post, and
    :func:`parse_wordpress` says which field is wrong.
    """
    return _is_post(load_json(text))


def _is_post(data: Any) -> bool:
    if not isinstance(data, dict) or data.get("schema") is not None:
        return False
    both = "content" in data and "title" in data
    return both or (("content" in data or "title" in data) and bool(_REST_KEYS & data.keys()))


def posts_listed(text: str) -> int:
    """How many WordPress posts a JSON array of them holds (what ``/wp-json/wp/v2/posts``
    returns), 0 when ``text`` is no such list. mtpipe reads one post per file."""
    data = load_json(text)
    if not isinstance(data, list) or not data:
        return 0
    return len(data) if all(_is_post(item) for item in data) else 0


# Fields every REST API post has beside title and content: with one of them, an object
# that lacks ``title`` or ``content`` is a broken post (parse_wordpress names the field).
_REST_KEYS = frozenset({"guid", "slug", "link", "date_gmt", "modified", "status", "type"})


def _terms(data: dict[str, Any]) -> dict[str, list[str]]:
    """Category and tag names from ``_embedded["wp:term"]`` (a list of lists of terms)."""
    found: dict[str, list[str]] = {"category": [], "post_tag": []}
    embedded = data.get("_embedded")
    groups = embedded.get("wp:term") if isinstance(embedded, dict) else None
    for group in groups if isinstance(groups, list) else []:
        for term in group if isinstance(group, list) else []:
            if isinstance(term, dict) and term.get("taxonomy") in found:
                name = dom.plain(dom.parse_html(f"<p>{term.get('name', '')}</p>"))
                if name:
                    found[term["taxonomy"]].append(name)
    return found


def _author(data: dict[str, Any]) -> str | None:
    embedded = data.get("_embedded")
    authors = embedded.get("author") if isinstance(embedded, dict) else None
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        name = authors[0].get("name")
        return name if isinstance(name, str) else None
    return None


def _category_block(names: list[str]) -> tuple[Block | None, str | None]:
    from pipeline.readers.html import first_category

    block = first_category(names)
    if block is not None:
        return block, block.segments[0].msgid
    return None, (names[0] if names else None)


# A shortcode tag, opening or closing ("[gallery ids=\"1,2\"]", "[/caption]"): shortcode
# names are lower-case words (https://developer.wordpress.org/apis/shortcode/); what a
# shortcode encloses stays text. One escaped in double brackets (``[[gallery]]``), which
# WordPress shows as the literal ``[gallery]`` (do_shortcode_tag), is one literal whole
# (was: its inner brackets a shortcode, the outer ones text, ``[]`` in ``ID.LANG.txt``).
SHORTCODE = re.compile(
    r"\[\[/?[a-z][a-z0-9_-]*(?:\s[^\[\]]*)?/?\]\]|\[/?[a-z][a-z0-9_-]*(?:\s[^\[\]]*)?/?\]"
)
_LITERAL = re.compile(f"{dom.MARKER.pattern}|{SHORTCODE.pattern}")
_BLOCK_START = re.compile(
    r"^\s*(?:<!--|<(?:p|div|h[1-6]|ul|ol|table|blockquote|figure|pre)\b)", re.IGNORECASE
)


def _autop(body: str) -> str:
    """Classic-editor text (no block markup) as WordPress's ``wpautop`` shows it:
    paragraphs at blank lines, a single line break inside one a ``<br />`` (an address,
    an interview's question and answer); content that has block markup is left as it is.
    """
    if "<!-- wp:" in body or "\n" not in body.strip():
        return body
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    body, kept = _keep_verbatim(body)
    chunks = [c.strip() for c in re.split(r"\n\s*\n", body) if c.strip()]
    out = "\n".join(c if _BLOCK_START.match(c) else f"<p>{_breaks(c)}</p>" for c in chunks)
    return _VERBATIM_SLOT.sub(lambda m: kept[int(m.group(1))], out)


# Elements whose text wpautop leaves alone (its <pre> placeholders and
# _autop_newline_preservation_helper): a line break or blank line inside is the text's own.
_VERBATIM = re.compile(
    r"(<(pre|script|style|textarea|svg|math)\b[^>]*>)(.*?)(</\2\s*>)", re.IGNORECASE | re.DOTALL
)
# "\x00" never reaches here: check_text_tree refuses it in the post
_VERBATIM_SLOT = re.compile("\x00(\\d+)\x00")


def _keep_verbatim(body: str) -> tuple[str, list[str]]:
    """``body`` with the text of each verbatim element (``_VERBATIM``) a slot without a
    line break, and the texts by slot number, for ``_autop`` to put back."""
    kept: list[str] = []

    def slot(m: re.Match[str]) -> str:
        kept.append(m.group(3))
        return f"{m.group(1).replace(chr(10), ' ')}\x00{len(kept) - 1}\x00{m.group(4)}"

    return _VERBATIM.sub(slot, body), kept


# Not markup.HTML_TAG, on purpose: wpautop (wp_html_split) cuts at anything from "<" to
# ">", tag or not ("<3 e >", a comment), and a line break there is no <br />; this follows
# what WordPress renders, not what a tag is.
_TAG = re.compile(r"(<[^<>]*>)")
_TAG_NAME = re.compile(r"</?([A-Za-z][\w-]*)")
_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def _breaks(chunk: str) -> str:
    """``chunk``'s line breaks outside tags as ``<br />`` (one inside a tag is a space),
    except next to a block tag (``<ul>``, ``</li>``), where wpautop puts none either."""
    parts = _TAG.split(chunk)
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(part.replace("\n", " "))
            continue
        text = part
        if i > 0 and _is_block_tag(parts[i - 1]):
            text = text.lstrip("\n \t")
        if i + 1 < len(parts) and _is_block_tag(parts[i + 1]):
            text = text.rstrip("\n \t")
        out.append(_BREAK.sub("<br />", text))
    return "".join(out)


# wpautop's $allblocks (wp-includes/formatting.php): no <br /> next to these either
_WPAUTOP_BLOCKS = frozenset({
    "table", "thead", "tfoot", "caption", "col", "colgroup", "tbody", "tr", "td", "th", "div",
    "dl", "dd", "dt", "ul", "ol", "li", "pre", "form", "map", "area", "blockquote", "address",
    "style", "p", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "fieldset", "legend", "section",
    "article", "aside", "hgroup", "header", "footer", "nav", "figure", "figcaption", "details",
    "menu", "summary", "math",
})  # fmt: skip


def _is_block_tag(tag: str) -> bool:
    m = _TAG_NAME.match(tag)
    return m is not None and m.group(1).lower() in dom.BLOCK_TAGS | _WPAUTOP_BLOCKS


def parse_wordpress(
    text: str, article_id: str, source_lang: str = "it", where: str = ""
) -> Article:
    """A WordPress post JSON -> Article; raises InputError when it holds no text."""
    where = where or article_id
    data = _post_data(text, where)
    meta = _post_meta(data)
    terms = _terms(data)
    # sharing, related posts, ads: chrome as in a scraped page; shortcodes kept verbatim
    walker = dom.Walker(
        skip=is_chrome, literal=_LITERAL, source_lang=source_lang, aside=TextChrome()
    )  # chrome no class marks: a "Leggi anche:" link, a share line (html.TextChrome)
    category, cat_name = _category_block(terms["category"])
    if category is not None:
        walker.blocks.append(category)
    if cat_name:
        meta["category"] = cat_name
    _walk_title(walker, data, meta, where)
    _walk_text(walker, data, where)
    if hidden := html_unclosed(_rendered(data, "content") or ""):  # never silent: plan warns
        meta[UNCLOSED] = [hidden | {"kept": "in no output", "field": "content"}]
    kicker = _content_kicker(walker.blocks)
    if kicker and "category" not in meta:
        meta["category"] = kicker
    if walker.left_out:
        meta["left_out"] = walker.left_out
    texts, site = yoast_head_texts(data)  # the post's SEO title and description
    blocks = dom.renumber(walker.blocks + head_blocks(texts, meta.get("title"), site))
    if not any(b.kind in (PARAGRAPH, TITLE) for b in blocks):
        raise InputError(f"{where}: the WordPress post has no title or text")
    return Article(id=article_id, source_lang=source_lang, blocks=blocks, meta=meta)


def _post_data(text: str, where: str) -> dict[str, Any]:
    """The post's JSON object, checked before any of it is read: an error names what is
    wrong and how to save the post whole."""
    data = load_json(text)
    if not isinstance(data, dict):
        raise InputError(f"{where}: not a WordPress post JSON object")
    # "\u0000" and lone surrogates are legal JSON escapes but no text: the HTML parser
    # would replace or silently drop them (and text after them)
    check_text_tree(data, where)
    for field in ("title", "content"):  # a REST request whose _fields filter left it out
        if field not in data:
            raise InputError(
                f"{where}: the WordPress post is missing required field "
                f"`{field}`; save the whole post (/wp-json/wp/v2/posts/ID, with no _fields "
                "filter that leaves it out)"
            )
    check(data, WordPressPost, where)
    return data


def _walk_title(walker: dom.Walker, data: dict[str, Any], meta: dict[str, Any], where: str) -> None:
    """The post's title as its ``h1`` block (and ``meta["title"]``, which the walk uses
    to know the heading that repeats it)."""
    title_html = _rendered(data, "title") or ""
    if title_html.strip():
        heading = dom.parse_html(f"<h1>{title_html}</h1>", f"{where}: title")
        walker.title = meta["title"] = dom.plain(heading)
        walker.node(heading.body[0])


def _walk_text(walker: dom.Walker, data: dict[str, Any], where: str) -> None:
    """The post's content (with its footnotes, its dynamic blocks' wording recorded), then
    its excerpt, whose blocks are marked ``part: excerpt``; relative URLs resolved against
    the post's own link."""
    base = _post_link(data)
    body = _rendered(data, "content") or ""
    if body.strip():
        body = _with_footnotes(body, data, where)
        root = dom.parse_html(f"<div>{_autop(body)}</div>", where).body[0]
        resolve_urls(root, base)
        walker.container(_without_more_links(root, walker))
        _mark_footnotes(walker.blocks)
        _dynamic_labels(walker.blocks, walker.left_out)
    excerpt = _rendered(data, "excerpt") or ""
    if excerpt.strip():
        walker.extra = {"part": "excerpt"}
        root = dom.parse_html(f"<div>{excerpt}</div>", where).body[0]
        resolve_urls(root, base)
        walker.container(_without_more_links(root, walker))


# The block editor's footnotes block (WordPress >= 6.3): self-closing in ``content.raw``;
# WordPress renders it from the post's ``meta.footnotes``.
_FOOTNOTES_BLOCK = re.compile(r"<!--\s*wp:footnotes\b[^>]*?/-->")
_FOOTNOTES_MARK = "data-mtpipe-footnotes"  # on the list built here; _mark_footnotes takes it off


def _footnotes(data: dict[str, Any], where: str) -> list[tuple[str, str]]:
    """``meta.footnotes`` as (id, content HTML) pairs: a JSON string (what the REST API
    gives) or a list of ``{"id", "content"}`` objects; [] when the post has none."""
    meta = data.get("meta")
    value = meta.get("footnotes") if isinstance(meta, dict) else None
    if value in (None, "", "[]", []):
        return []
    try:
        notes = json.loads(value) if isinstance(value, str) else value
    except (ValueError, RecursionError):
        notes = None
    ok = isinstance(notes, list) and all(
        isinstance(n, dict) and isinstance(n.get("id"), str) and isinstance(n.get("content"), str)
        for n in notes
    )
    if not ok:
        raise InputError(
            f"{where}: the WordPress post's `meta.footnotes` is not a JSON list of "
            '{"id": ..., "content": ...} objects, so its footnotes cannot be read; save the '
            "post again from the REST API (context=edit) or remove the field"
        )
    return [(n["id"], n["content"]) for n in notes]


def _with_footnotes(body: str, data: dict[str, Any], where: str) -> str:
    """``content.raw`` with the footnotes of ``meta.footnotes`` as WordPress renders them
    (``<ol class="wp-block-footnotes"><li id=ID>``) after the ``wp:footnotes`` block
    comment, so their text is read, translated and shown in every output; was: the
    footnote text was in no output and the translated post's footnotes block empty. The
    ``.wp.json`` writer gives them back as ``meta.footnotes``. ``content.rendered`` has
    the list already: left as it is."""
    match = _FOOTNOTES_BLOCK.search(body)
    if match is None or not isinstance(data.get("content"), dict) or "raw" not in data["content"]:
        return body
    notes = _footnotes(data, where)
    if not notes:
        return body
    items = "".join(f'<li id="{html.escape(fid)}">{text}</li>' for fid, text in notes)
    listed = f'<ol class="wp-block-footnotes" {_FOOTNOTES_MARK}="">{items}</ol>'
    return body[: match.end()] + listed + body[match.end() :]


def _mark_footnotes(blocks: list[Block]) -> None:
    """Blocks inside the footnotes list :func:`_with_footnotes` built get
    ``meta["wp_footnote"]`` (the note's id, for the ``.wp.json`` writer), and the list
    loses the reader's own mark."""
    for block in blocks:
        wrap = block.meta.get("wrap") or []
        at = next((i for i, w in enumerate(wrap) if _FOOTNOTES_MARK in (w[2] or {})), None)
        if at is None:
            continue
        wrap[at][2] = {k: v for k, v in wrap[at][2].items() if k != _FOOTNOTES_MARK}
        if at + 1 < len(wrap) and wrap[at + 1][0] == "li":
            block.meta["wp_footnote"] = (wrap[at + 1][2] or {}).get("id", "")


# Dynamic core blocks whose visible words are attributes of the block comment, rendered
# by WordPress on each request: with the attribute absent it shows its own string from its
# catalogs, in the site's language (block-library's render_block_core_search: __('Search');
# read-more: __('Read more'); query-pagination-next: __('Next Page') ...).
DYNAMIC_LABELS = {
    "search": ("label", "placeholder", "buttonText"),
    "read-more": ("content",),
    "post-excerpt": ("moreText",),
    "query-pagination-next": ("label",),
    "query-pagination-previous": ("label",),
    "comments-pagination-next": ("label",),
    "comments-pagination-previous": ("label",),
    "post-navigation-link": ("label",),
    "post-terms": ("prefix", "suffix"),
}
_BLOCK_COMMENT = re.compile(r"<!--\s*wp:(?:core/)?([a-z][a-z0-9-]*)\s+(\{.*\})\s*(/?)-->\Z", re.S)


def _dynamic_labels(blocks: list[Block], left_out: list[dict[str, Any]]) -> None:
    """A dynamic block's own wording (``<!-- wp:search {"label":"Cerca nel regolamento",
    "buttonText":"Cerca"} /-->``) is chrome WordPress renders: the translated post's comment
    (``meta["localised"]``, written for every target language) leaves those attributes
    out, so WordPress shows its own string from its catalogs in the site's language, never
    the source's words and never MT (was: Italian on an English page). Each wording is
    recorded in ``left_out`` (``"block_label"``), which the run's warning names."""
    for block in blocks:
        m = _BLOCK_COMMENT.match(block.text) if block.kind == RAW else None
        names = DYNAMIC_LABELS.get(m.group(1), ()) if m else ()
        if not m or not names:
            continue
        try:
            attrs = json.loads(m.group(2))
        except (ValueError, RecursionError):
            continue
        if not isinstance(attrs, dict) or not any(isinstance(attrs.get(n), str) for n in names):
            continue
        for name in names:
            if isinstance(attrs.get(name), str) and attrs[name].strip():
                left_out.append(
                    {"where": f"wp:{m.group(1)} {name}", "paragraphs": 1,
                     "text": attrs[name], "block_label": True}
                )  # fmt: skip
        kept = {k: v for k, v in attrs.items() if k not in names}
        shown = f" {block_attributes(kept)}" if kept else ""
        block.meta["localised"] = f"<!-- wp:{m.group(1)}{shown} {m.group(3)}-->"


def block_attributes(attrs: dict[str, Any]) -> str:
    """Block attributes as WordPress's ``serialize_block_attributes`` writes them: JSON with
    ``--``, ``<``, ``>``, ``&`` and ``\\"`` as Unicode escapes, so no comment ends early."""
    text = json.dumps(attrs, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("--", "\\u002d\\u002d"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("&", "\\u0026"), ('\\"', "\\u0022")):  # fmt: skip
        text = text.replace(raw, escaped)
    return text


def _post_link(data: dict[str, Any]) -> str:
    """The post's own address (its ``link``, an absolute web address), against which its
    relative URLs (``href="/2024/05/x"``, ``src="img.jpg"``) are resolved, as a browser
    showing the post resolves them (was: left relative, broken in every output published
    elsewhere); "" when the post gives none: then they stay exactly as written."""
    link = data.get("link")
    return link.strip() if isinstance(link, str) and absolute_url(link.strip()) else ""


def _without_more_links(root: Any, walker: dom.Walker) -> Any:
    """``root`` without the theme's "read more" links (``<a class="more-link">Continua a
    leggere</a>``, WordPress's ``excerpt_more`` and ``the_content_more_link``), recorded in
    ``meta.left_out``: page chrome the theme adds again wherever it shows the post, which
    went to MT and into the excerpt a REST API create then stored, shown twice."""
    for link in root.xpath(
        ".//a[contains(concat(' ', normalize-space(@class), ' '), ' more-link ')]"
    ):
        walker.leave_out(link)
        link.drop_tree()  # its tail text stays
    return root


def _content_kicker(blocks: list[Block]) -> str | None:
    """A kicker opening the content (``<p><strong>Cronaca</strong></p>`` under the title: a
    section the categories catalogs know, alone, with text after it) made a ``category``
    chrome block in place, localised, never sent to MT, as over an HTML page's ``<h1>``
    (:func:`pipeline.readers.html.kicker_category`). Returns its msgid or None."""
    from pipeline.readers.html import make_category

    def passed(b: Block) -> bool:  # the title, Gutenberg comments, alt text
        return b.kind in (TITLE, CATEGORY, ALT) or (b.kind == RAW and not b.segments)

    at = next((i for i, b in enumerate(blocks) if not passed(b)), None)
    if at is None or blocks[at].kind != PARAGRAPH or blocks[at].meta.get("part"):
        return None
    if not any(b.kind == PARAGRAPH and not b.meta.get("part") for b in blocks[at + 1 :]):
        return None
    block = make_category(blocks, at)
    return block.segments[0].msgid if block is not None else None


def _post_meta(data: dict[str, Any]) -> dict[str, Any]:
    """Article metadata: date, url, slug (the site bundle's page name), tags, author, and
    the post fields to write back."""
    meta: dict[str, Any] = {"wordpress": _wp_meta(data)}
    for key, name in (("date", "date"), ("link", "url"), ("slug", "slug")):
        if isinstance(data.get(key), str) and data[key].strip():
            meta[name] = data[key]
    tags = _terms(data)["post_tag"]
    if tags:
        meta["tags"] = tags
    author = _author(data)
    if author:
        meta["author"] = author
    return meta


def with_post_zone(meta: Mapping[str, Any], local: dt.datetime) -> dt.datetime:
    """A WordPress post's ``date`` (the site's local time, no zone) with the zone its
    ``date_gmt`` gives: ``09:15`` beside ``08:15`` GMT is ``09:15+01:00``.

    A date without a zone is taken as UTC (bundle feed, ordering) or as nothing at all
    (Markdown front matter), so an Italian site's post of 09:15 was published at 09:15Z,
    an hour late (two in summer). Used only when the document's date is the post's own
    (``meta["date"]`` not edited since) and the difference is a time zone's (whole
    quarter hours, at most 14 hours); else ``local`` is returned as it is.
    """
    post = meta.get("wordpress")
    if not isinstance(post, dict) or str(post.get("date")) != str(meta.get("date")):
        return local
    try:
        gmt = dt.datetime.fromisoformat(str(post.get("date_gmt")))
    except ValueError:
        return local
    if gmt.tzinfo is not None:
        gmt = gmt.astimezone(dt.UTC).replace(tzinfo=None)
    offset = local - gmt
    if abs(offset) > dt.timedelta(hours=14) or offset % dt.timedelta(minutes=15):
        return local
    return local.replace(tzinfo=dt.timezone(offset))


def zoned_post_date(meta: Mapping[str, Any]) -> Any:
    """``meta["date"]`` as an ISO 8601 date-time with its offset (``Z`` for UTC) where
    :func:`with_post_zone` knows the zone; anything else as it is (a date with a zone
    already, a bare date, a value that is no date)."""
    value = meta.get("date")
    if not isinstance(value, str):
        return value
    try:
        local = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if local.tzinfo is not None:
        return value
    zoned = with_post_zone(meta, local)
    if zoned.tzinfo is None:
        return value
    return zoned.isoformat().replace("+00:00", "Z")


def _wp_meta(data: dict[str, Any]) -> dict[str, Any]:
    """What the writer needs to give a post of the same shape back."""
    keep = ("id", "date", "date_gmt", "slug", "link", "status", "type", "format")
    out = {k: data[k] for k in keep if isinstance(data.get(k), (str, int))}
    out["content_field"] = (
        "raw" if isinstance(data.get("content"), dict) and "raw" in data["content"] else "rendered"
    )
    for key in ("categories", "tags"):
        if isinstance(data.get(key), list):
            out[key] = [v for v in data[key] if isinstance(v, int)]
    return out
