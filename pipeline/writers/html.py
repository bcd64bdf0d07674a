"""``ID.LANG.html``: the article body with its markup, a fragment ready for a CMS.

Blocks are written inside the containers the reader recorded (``meta["wrap"]``:
lists, quotes, figures, divs), each in its own element with its attributes;
inline markers become the source tags again (:func:`pipeline.markup.to_html`)
with only ``title``/``alt`` translated. Text is escaped; raw blocks (Gutenberg
comments, embeds) are written as they came. Chrome is not part of the body, but for a
read-more or post-meta line that was a link in the source: its catalog strings,
localised, link to the same address (:func:`_chrome_link`). The
page's SEO title and descriptions, where the reader found ones of their own (a Markdown
input's front-matter ``description``, ``seo_title``, ``og_description`` ... too), open the
fragment translated as ``<title>`` and ``<meta>`` elements (:func:`head_elements`).
"""

from __future__ import annotations

from html import escape
from typing import Any

from pipeline import markup
from pipeline.document import (
    ALT,
    CAPTION,
    CATEGORY,
    NOISE_NOTE,
    RAW,
    TITLE,
    UI,
    Article,
    Block,
)
from pipeline.markdown_syntax import FRONT, HEAD_FIELDS
from pipeline.writers.common import (
    WRAP_PREFIX,
    attr_texts,
    block_text,
    plain_text,
    shortcodes_in,
    under_title,
)

_DEFAULT_TAG = {TITLE: "h1", CAPTION: "p"}


def _attrs(
    attrs: dict[str, Any] | None, attr_text: markup.AttrText | None = None, mid: str = ""
) -> str:
    """An element's attributes; ``attr_text`` gives the output's ``lang`` and translated
    text attributes (``title``, ``aria-label``; writers.common), ``mid`` says whose."""
    attrs = dict(attrs or {})
    for name in (*markup.LANG_ATTRS, *markup.TRANSLATED_ATTRS):
        if attr_text is not None and attrs.get(name) is not None:
            attrs[name] = attr_text(mid, name, str(attrs[name]))
    return "".join(
        f' {k}="{escape(str(v))}"' if v is not None else f" {k}" for k, v in attrs.items()
    )


def _image(block: Block, alt: str, attr_text: markup.AttrText | None = None) -> str:
    """A lone image (a Markdown ``![alt](src "title")`` paragraph): ``alt`` is the block's
    text in the output language, written once (an ``alt`` the image's attributes still
    hold, from an older or edited document, is the source's); its ``title`` translated."""
    attrs = dict(block.meta.get("image") or {})
    src = attrs.pop("src", "")
    attrs.pop("alt", None)
    rest = _attrs(attrs, attr_text)
    return f'<p><img src="{escape(str(src))}" alt="{escape(alt)}"{rest}></p>'


def render_block(block: Block, text: str, attr_text: markup.AttrText) -> str:
    """One block as HTML; ``text`` is its marker text in the output language (a shortcode's
    text attributes too: :func:`pipeline.writers.common.shortcodes_in`)."""
    table = shortcodes_in(markup.table_of(block.meta), attr_text)
    meta = block.meta
    if "image" in meta:
        return _image(block, markup.strip(text, table), attr_text)
    if block.kind == RAW:
        if "code" in meta:
            info = meta["code"].get("info", "").split()
            cls = f' class="language-{escape(info[0])}"' if info else ""
            return f"<pre><code{cls}>{escape(text)}</code></pre>"
        if "math" in meta:  # display math as written, for MathJax or KaTeX to render
            return f'<div class="math display">{escape(text)}</div>'
        if meta.get("hr"):
            return "<hr>"
        if meta.get("empty"):
            return f"<{meta['tag']}{_attrs(meta.get('attrs'), attr_text)}></{meta['tag']}>"
        if not table:
            return text
        inner = markup.to_html(text, table, attr_text)
        # chrome a Markdown reader kept verbatim (a related link), or a paragraph of only
        # inline code or kept words: its element again
        tag = meta.get("tag")
        if not tag:
            return inner
        attrs = _attrs(meta.get("attrs"), attr_text) if not meta.get("uncatalogued") else ""
        return f"<{tag}{attrs}>{inner}</{tag}>"
    inner = markup.to_html(text, table, attr_text)
    tag = meta["tag"] if "tag" in meta else _DEFAULT_TAG.get(block.kind, "p")
    if tag is None:
        return inner
    attrs = meta.get("attrs")
    if attrs is None and block.kind == CAPTION and "tag" not in meta:
        attrs = {"class": "caption"}
    return f"<{tag}{_attrs(attrs, attr_text)}>{inner}</{tag}>"


def _rewrap(
    out: list[tuple[int, str]],
    stack: list[tuple[Any, str]],
    wrap: list[list[Any]],
    attr_text: markup.AttrText | None = None,
) -> None:
    """Close the containers not around this block, open the new ones (by group id).

    Each piece is recorded with its nesting depth: only top-level pieces get
    their own line, so a container's markup stays as compact as WordPress wrote it.
    """
    common = 0
    while common < min(len(stack), len(wrap)) and stack[common][0] == wrap[common][1]:
        common += 1
    while len(stack) > common:
        _, tag = stack.pop()
        out.append((len(stack), f"</{tag}>"))
    for tag, gid, attrs in wrap[common:]:
        out.append((len(stack), f"<{tag}{_attrs(attrs, attr_text, f'{WRAP_PREFIX}{gid}')}>"))
        stack.append((gid, tag))


def body_blocks(
    article: Article, part: str | None = None, title: bool = True, links: bool = False
) -> list[Block]:
    """Blocks that belong to the body (or to ``part``, e.g. the excerpt), in order;
    ``links``: with the chrome that was a link in the source (:func:`_chrome_link`)."""
    skip = {ALT, UI, CATEGORY} | (set() if title else {TITLE})
    return [
        b
        for b in article.blocks
        if (b.kind not in skip or (links and _links_of(b))) and b.meta.get("part") == part
    ]


def _links_of(block: Block) -> list[str | None] | None:
    """The addresses of a chrome block's catalog strings, one per segment, where the
    source had them as links (a read-more link, a post's meta links: readers.dom's
    ``chrome_links``); None for other chrome, or where they do not fit its segments or
    one would run script (a document edited by hand)."""
    links = block.meta.get("links")
    if block.kind != UI or not block.meta.get("read_more") or not isinstance(links, list):
        return None
    if len(links) != len(block.segments) or not all(a is None or isinstance(a, str) for a in links):
        return None
    from pipeline.readers.dom import runs_script  # (lxml: only for chrome that was a link)

    if not any(links) or any(a and runs_script("href", a) for a in links):
        return None
    return links


def _chrome_link(block: Block, lang: str) -> str:
    """A read-more or post-meta line as the source had it, each catalog string localised
    (never MT) and a link to the address it had: ``<p><a href="/frana">Read more</a></p>``."""
    out = []
    for seg, href in zip(block.segments, _links_of(block) or [], strict=True):
        tr = seg.translations.get(lang)
        label = escape(tr.text if tr else seg.source, quote=False)
        out.append(f'<a href="{escape(href)}">{label}</a>' if href else label)
        out.append(escape(seg.space_after, quote=False))
    return f"<p>{''.join(out).strip()}</p>"


def render_fragment(article: Article, lang: str, blocks: list[Block]) -> str:
    """``blocks`` of ``article`` in ``lang`` as an HTML fragment (see the module docstring)."""
    attr_for = attr_texts(article, lang)
    out: list[tuple[int, str]] = []
    stack: list[tuple[Any, str]] = []
    for block in blocks:
        _rewrap(out, stack, block.meta.get("wrap") or [], attr_for(block))
        if block.kind == UI:
            out.append((len(stack), _chrome_link(block, lang)))
            continue
        text = block_text(block, lang, article.source_lang)
        out.append((len(stack), render_block(block, text, attr_for(block))))
    _rewrap(out, stack, [])
    pieces = [
        ("\n" if i and depth == 0 and out[i - 1][0] == 0 else "") + piece
        for i, (depth, piece) in enumerate(out)
    ]
    return "".join(pieces) + "\n"


def render_html(article: Article, lang: str) -> str:
    """The article in ``lang``: its head fields (:func:`head_elements`), title as ``<h1>``
    and the body, as a fragment, with one H1 only: a body H1 and the headings under it go
    one level down (:func:`under_title`).

    A tiny-model translation starts with an HTML comment saying that it is noise.
    """
    blocks = body_blocks(article, links=True)
    if any(b.kind == TITLE for b in blocks):
        blocks = under_title(blocks)
    body = head_elements(article, lang) + render_fragment(article, lang, blocks)
    return f"<!-- {NOISE_NOTE} -->\n{body}" if lang in article.noise_langs() else body


def head_fields(block: Block) -> list[str]:
    """The page's head fields a block holds the text of (``title``, ``description``,
    ``og:title`` ...), [] for a body block: an HTML page's or WordPress post's head-field
    block names them (``meta["head"]``); a Markdown input's front-matter text under a head
    field's key (``description``, ``seo_title``, ``og_description`` ...: the keys an HTML
    page's ``ID.LANG.md`` carries them under, :data:`pipeline.markdown_syntax.HEAD_FIELDS`)
    holds that one."""
    if block.meta.get("part") != FRONT:
        return []
    names = block.meta.get("head")
    if isinstance(names, list):
        return [str(n) for n in names]
    by_key = {key: field for field, key in HEAD_FIELDS.items()}
    key = block.meta.get("key")
    return [by_key[key]] if isinstance(key, str) and key in by_key else []


def head_elements(article: Article, lang: str) -> str:
    """The page's SEO title and description in ``lang``, as the source page had them
    (``<title>``, ``<meta name="description">``, ``<meta property="og:title">`` ...: the
    blocks holding them, :func:`head_fields`), one a line; "" for an article without.
    A CMS takes them from the top of the fragment; a browser shows none of them."""
    lines = []
    for block in article.blocks:
        names = head_fields(block)
        if not names:
            continue
        text = escape(plain_text(block, lang, article.source_lang))
        for name in names:
            if name == "title":
                lines.append(f"<title>{text}</title>\n")
            else:
                attr = "property" if name.startswith("og:") else "name"
                lines.append(f'<meta {attr}="{escape(name)}" content="{text}">\n')
    return "".join(lines)
