"""HTML article body -> blocks with inline markers (shared by the HTML and WordPress readers).

The walk keeps the structure a writer needs to give the same markup back: each
block records its element (``meta["tag"]`` and ``meta["attrs"]``; ``None`` for
text directly inside a container such as ``<li>`` or ``<div>``) and the chain
of containers around it (``meta["wrap"]``: ``[tag, group id, attrs]`` from the
outside in, e.g. ``blockquote`` or ``ul`` > ``li``). Inline markup becomes
markers (:mod:`pipeline.markup`); ``title``/``alt`` attribute texts become
``alt`` blocks so they are translated. Scripts, styles, comments, forms and
hidden elements are skipped, so they never reach a model; Gutenberg block
comments (``<!-- wp:paragraph -->``) and elements with no translatable text
(embeds, preformatted code) are kept verbatim as ``raw`` blocks. Tables are
containers (``table`` > ``tbody`` > ``tr``) whose cells are text blocks, so
their text is translated and the table comes back cell for cell; an empty
cell is an ``empty`` raw block that keeps its place, and a cell that holds a
table or paragraphs is a container like ``li``, so each of those is its own block.
Entities are decoded by the parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from lxml import etree, html

from pipeline.document import (
    ALT,
    CAPTION,
    PARAGRAPH,
    RAW,
    TITLE,
    UI,
    Block,
    Segment,
    make_segment_id,
)
from pipeline.markup import (
    HTML_VOID,
    MARKER,
    OPAQUE_TAGS,
    TRANSLATED_ATTRS,
    VOID_TAGS,
    strip,
)
from pipeline.numtokens import SPACES
from pipeline.readers.nesting import nest_font_style
from pipeline.readers.nesting import restore as restore_font_style
from pipeline.writers import common

SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "meta", "link", "title", "form",
     "button", "input", "select", "textarea", "option", "nav", "dialog", "object", "param"}
)  # fmt: skip
# Left-out elements that may stand inside a line of text (WHATWG HTML phrasing content):
# one between words (``Testo <script>…</script> fine.``) leaves the line whole, as a
# comment does; it cut it into two blocks MT translated apart.
PHRASING_SKIP = frozenset(
    {"script", "style", "noscript", "template", "button", "input", "select", "textarea",
     "object", "link", "meta"}
)  # fmt: skip
# Left-out elements whose text some reader sees: without JavaScript, when the object
# cannot be shown, in an open dialog. Recorded (Walker.leave_out_noscript), never dropped.
SHOWN_INSTEAD = ("noscript", "object", "dialog")
# Left-out elements whose text every reader of the page sees: a ``<button>``'s label ("Carica
# altri aggiornamenti", "Mostra la mappa") among the text. A control of the page, which works
# only with the page's scripts (never in an output): page chrome, never machine-translated,
# and in no output, where a translated page would show an Italian label on a control that
# does nothing; recorded (Walker.leave_out_noscript), never dropped without a trace. So for
# the other controls with text: a ``<select>``'s options ("Scegli: <select><option>Prima
# opzione</option>…") and a ``<textarea>``'s default text (were dropped unsaid).
FORM_CONTROLS = ("button", "select", "textarea")
RECORDED_SKIPS = (*SHOWN_INSTEAD, *FORM_CONTROLS)
RAW_TAGS = frozenset(
    {"iframe", "video", "audio", "embed", "pre", "svg", "canvas", "hr", "math", "colgroup"}
)
# Players and frames: what they hold is fallback content no page shows (a browser without
# video, without frames), and their ``title`` is what a screen reader says of them.
PLAYER_TAGS = frozenset({"iframe", "video", "audio", "embed", "canvas", "object"})
CELL_TAGS = frozenset({"td", "th"})
TABLE_TAGS = frozenset({"table", "thead", "tbody", "tfoot", "tr"})
TEXT_TAGS = CELL_TAGS | {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "figcaption", "caption", "address"
}  # fmt: skip
CONTAINER_TAGS = frozenset(
    {"div", "section", "article", "main", "blockquote", "ul", "ol", "li", "dl", "figure",
     "details", "summary", "header", "footer", "aside", "center"}
) | TABLE_TAGS  # fmt: skip
BLOCK_TAGS = TEXT_TAGS | CONTAINER_TAGS | RAW_TAGS
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# (screen-reader text is no hidden text: see screen_reader_only)
_HIDDEN_CLASS = re.compile(r"(?:^|\s)hidden(?:\s|$)")
# Comments WordPress gives meaning to: Gutenberg block delimiters (<!-- wp:paragraph -->) and
# the classic editor's <!--more-->, <!--noteaser-->, <!--nextpage--> (WordPress "More" and
# page-break tags, https://wordpress.org/documentation/article/more-block/).
# The class Google Translate, Chrome and the WordPress translation plugins (GTranslate,
# Weglot, TranslatePress) honour as HTML's translate="no".
# An author's name marked by its class (``<span class="author">``, microformats' ``fn`` and
# ``p-author``) is a person's name, kept as written like it: a model translated the name.
_NO_TRANSLATE_CLASS = re.compile(
    r"(?:^|\s)(?:notranslate|author|author-name|fn|p-author)(?:\s|$)", re.I
)
_GUTENBERG = re.compile(r"^\s*(?:/?wp:|more\b|noteaser\s*$|nextpage\s*$)")
# No-break spaces are text, not layout: "10\u00a0000", "M.\u00a0Dupont", French «\u202fciao\u202f»
# (U+00A0, U+2007 figure space, U+202F narrow no-break space: the spaces of Unicode's
# line-break class GL, UAX #14), and so is every other space separator a typesetter chose
# (category Zs: the thin ``&thinsp;`` U+2009, hair, em, ideographic spaces; was: made a
# plain space, silently). HTML collapses only its own white space (WHATWG Infra, "ASCII
# whitespace"): a run of that (and of line separators) becomes one space, these stay.
KEPT_SPACES = SPACES.replace(" ", "")
COLLAPSIBLE_SPACE = re.compile(rf"[^\S{KEPT_SPACES}]+")
_WS = COLLAPSIBLE_SPACE
_ANY_SPACE = re.compile(r"\s+")  # every white space, no-break too: for "has it words?"


def parse_html(text: str, where: str = "the HTML") -> html.HtmlElement:
    """A whole document or a fragment -> an lxml tree (forgiving: unclosed tags, stray ends).

    Comments are kept (Gutenberg block comments matter); entity expansion is
    what HTML defines, nothing more (lxml's HTML parser loads no DTD). Raises
    :class:`InputError` for a document nested deeper than the parser goes
    (:func:`check_depth`), whose rest libxml2 would silently drop.
    """
    parser = html.HTMLParser(
        remove_comments=False, remove_pis=True, no_network=True, huge_tree=True
    )
    text = nest_font_style(without_xml_declaration(text), BLOCK_TAGS)  # <b><p>: as browsers
    root = html.document_fromstring(text, parser=parser)
    restore_font_style(root)
    check_depth(parser, root, where)
    _unnest_void(root)
    lazy_sources(root)
    _defuse(root)
    return root


# An XHTML page's XML declaration (``<?xml version="1.0" encoding="ISO-8859-1"?>``).
_XML_DECLARATION = re.compile(r"\A\ufeff?\s*<\?xml\b[^>]*\?>", re.I)


def without_xml_declaration(text: str) -> str:
    """``text`` without an XML declaration opening it.

    lxml refuses a ``str`` that declares an encoding (ValueError: a traceback), and as
    bytes it would decode by the declaration, while the text is already decoded
    (readers.base: UTF-8, else by the charset the page declares): it says nothing more.
    """
    return _XML_DECLARATION.sub("", text, count=1)


# How deep the readers follow nested elements. libxml2 stops building a tree at 256 levels
# (2048 with lxml's huge_tree) and, recovering, drops the rest of the page without an
# exception (only its error log says so); a page with a tag left open in every paragraph
# (<p><font>...) nests one level per paragraph. The readers parse with huge_tree and refuse
# a page deeper than this, which the walk's recursion handles with room to spare.
MAX_HTML_DEPTH = 256


def check_depth(parser: Any, root: Any, where: str) -> None:
    """Raise :class:`InputError` for a tree deeper than MAX_HTML_DEPTH or one the parser cut."""
    from pipeline.errors import InputError

    cut = any("Excessive depth" in e.message for e in parser.error_log)
    if cut or depth(root) > MAX_HTML_DEPTH:
        raise InputError(
            f"{where}: its elements nest deeper than {MAX_HTML_DEPTH} levels (tags left "
            "open, such as a <font> or <b> in every paragraph?), which mtpipe does not "
            "read, and would lose text if cut; close the tags"
        )


def depth(root: Any) -> int:
    """The deepest element's level under ``root`` (iterative: any depth)."""
    deepest, todo = 0, [(root, 0)]
    while todo:
        el, level = todo.pop()
        deepest = max(deepest, level)
        todo.extend((child, level + 1) for child in el)
    return deepest


# Where lazy-loading scripts keep an image's or iframe's real source until it scrolls
# into view (lazysizes and a3 Lazy Load: data-src/data-srcset; WP Rocket, Jetpack and
# Autoptimize: data-lazy-src/data-lazy-srcset; jQuery Lazy Load: data-original), in the
# order they are tried; the ``src`` is then a placeholder (a 1x1 data: GIF or SVG,
# about:blank) or missing.
LAZY_SRC = ("data-src", "data-lazy-src", "data-original", "data-lazy")
LAZY_SRCSET = ("data-srcset", "data-lazy-srcset")
# The class lazysizes and vanilla-lazyload put on such an element: whatever its ``src``
# (a theme's own placeholder file, ``blank.gif``), the script replaces it.
_LAZY_CLASS = re.compile(r"(?:^|\s)(?:lazyload|lazy)(?:\s|$)", re.I)
_LAZY_ELEMENTS = ("img", "iframe", "source", "video", "audio", "embed")
# Attributes whose value is a URL a browser may follow or load (HTML, SVG), or a lazy
# loader will put in ``src`` (so a ``data-src="javascript:…"`` never reaches an output).
URL_ATTRS = frozenset(
    {"href", "src", "action", "formaction", "poster", "background", "data", "cite",
     "xlink:href", "{http://www.w3.org/1999/xlink}href", *LAZY_SRC}
)  # fmt: skip
_SCRIPT_URL = re.compile(
    r"^(?:javascript:|vbscript:|data:(?!image/(?:png|gif|jpe?g|webp)[;,]))", re.I
)
_URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")  # browsers ignore these inside a scheme
# A style that loads script: a script URL in url(...), IE's expression() and behavior,
# Firefox's -moz-binding (OWASP XSS Filter Evasion Cheat Sheet, "STYLE attribute").
_SCRIPT_STYLE = re.compile(r"javascript:|vbscript:|expression\(|-moz-binding|behavior:", re.I)
_CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)")


def _defuse(root: Any) -> int:
    """Drop what would run script from the page's own markup, as ``<script>`` is dropped.

    Outputs give the source markup back (``ID.LANG.html``, WordPress content), so
    an event handler (``onclick``, ``onerror``, SVG ``onload``), an iframe's
    ``srcdoc`` (a whole page of its own) or a
    ``javascript:``/``vbscript:``/non-image ``data:`` URL in a scraped page would
    reach the newsroom's CMS, and so would a ``style`` that loads script
    (``url(javascript:…)``, ``expression(…)``). They are removed when the page is
    parsed; every other attribute is kept. Returns how many were removed.
    """
    removed = 0
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in list(el.attrib):
            if runs_script(name, el.attrib[name]):
                del el.attrib[name]
                removed += 1
    return removed


def runs_script(name: str, value: str | None) -> bool:
    """Whether the attribute ``name="value"`` would run script (see :func:`_defuse`): an
    event handler, ``srcdoc``, a script URL in a URL attribute (a ``srcset`` candidate, an
    SVG animation's value too) or an SVG animation of an event handler, a style that
    loads script.
    The one rule for every path markup reaches an output by (readers, document JSON)."""
    low = name.lower()
    if low.startswith("on") or low == "srcdoc":
        return True
    if value is None:
        return False
    if low in _ANIMATION_VALUES or low in _URL_LISTS:  # each value, each candidate
        parts = value.split(";") if low in _ANIMATION_VALUES else value.split(",")
        return any(_SCRIPT_URL.match(_URL_NOISE.sub("", p)) for p in parts)
    if low == "attributename":  # an SVG animation that would set an event handler
        return _URL_NOISE.sub("", value).lower().startswith("on")
    return bool(
        (low in URL_ATTRS and _SCRIPT_URL.match(_URL_NOISE.sub("", value)))
        or (low == "style" and _SCRIPT_STYLE.search(_css_text(value)))
    )


# What an SVG <animate>/<set> puts in the attribute it names (``attributeName="href"``):
# ``to="javascript:…"`` makes the link around it a script URL (OWASP XSS Filter Evasion
# Cheat Sheet); ``values`` is a list split by ``;``. And the lists of candidate URLs.
_ANIMATION_VALUES = frozenset({"to", "from", "by", "values"})
_URL_LISTS = frozenset({"srcset", *LAZY_SRCSET})


def defused_fragment(fragment: str, skip: frozenset[str] = frozenset()) -> str | None:
    """``fragment`` (balanced HTML) as the parser writes it back without what would run
    script (:func:`_defuse`) and with lazy-loaded sources made real (:func:`lazy_sources`),
    or None when it holds nothing of the kind, so that a caller
    keeping markup as written (a Markdown HTML block) keeps it byte for byte then.

    ``skip``: elements left out whole as well (``SKIP_TAGS``: what the HTML reader never
    keeps, such as ``<script>`` and ``<style>``)."""
    parser = html.HTMLParser(
        remove_comments=False, remove_pis=True, no_network=True, huge_tree=True
    )
    root = html.document_fromstring(f"<div>{fragment}</div>", parser=parser)
    left_out = [el for el in root.body.iter() if isinstance(el.tag, str) and el.tag in skip]
    for el in left_out:
        kept = [_object_twin(el)] if object_embed(el) is not None else []  # an embed, not
        kept += [without(p, skip) for p in noscript_players(el)]  # its fallback; a lazy
        if kept and el.getparent() is not None:  # loader's real player (as the walker keeps)
            kept[-1].tail = el.tail
            for twin in kept:
                el.addprevious(twin)
            el.getparent().remove(el)
        elif el.getparent() is not None:
            el.drop_tree()  # its tail text stays
    lazy = lazy_sources(root)  # an embed's real source, as in a page (before _defuse checks it)
    if not _defuse(root) and not left_out and not lazy:
        return None
    return _inner_html(root.body[0])


def lazy_sources(root: Any) -> int:
    """Give a lazy-loaded image, iframe or ``<source>`` its real source (:data:`LAZY_SRC`).

    A scraped page holds such an element as its script left it before it scrolled into
    view: ``<img src="data:image/gif;base64,…" data-src="foto.jpg">``. Written back
    as it is, every output (a CMS fragment, Markdown, the site, which run no such
    script) would show the placeholder: the picture lost without a word. Its ``src``
    (and ``srcset``) become the real ones and the lazy attributes are dropped, so the
    outputs and the sanitiser see one source; so does an element of the ``lazyload``
    class, whose script replaces any ``src`` (a theme's ``blank.gif``). A real ``src``
    beside a ``data-original`` (a larger original, in some themes) is kept. Returns how
    many elements changed.
    """
    changed = 0
    for el in root.iter(*_LAZY_ELEMENTS):
        attrs = el.attrib
        real = next((attrs[n].strip() for n in LAZY_SRC if (attrs.get(n) or "").strip()), "")
        real_set = next((attrs[n] for n in LAZY_SRCSET if (attrs.get(n) or "").strip()), "")
        lazy = bool(_LAZY_CLASS.search(attrs.get("class") or ""))  # its src will be replaced
        if real and (lazy or _placeholder(attrs.get("src"))):
            attrs["src"] = real
            changed += 1
            for name in LAZY_SRC:
                attrs.pop(name, None)
        if real_set and (lazy or _placeholder(attrs.get("srcset"))):
            attrs["srcset"] = real_set
            changed += 1
            for name in LAZY_SRCSET:
                attrs.pop(name, None)
    return changed


def _placeholder(src: str | None) -> bool:
    """Whether ``src`` is what a lazy loader puts before the real source: none, blank,
    an inline ``data:`` image, ``about:blank``."""
    value = (src or "").strip().lower()
    return not value or value.startswith("data:") or value == "about:blank"


def _css_text(value: str) -> str:
    """A style value as CSS reads it: escapes decoded (``\\6a avascript``), comments
    and the spaces a browser ignores removed."""
    decoded = _CSS_ESCAPE.sub(
        lambda m: chr(min(int(m[1], 16), 0x10FFFF) or 0xFFFD) if m[1] else m[2], value
    )
    return _URL_NOISE.sub("", re.sub(r"/\*.*?\*/", "", decoded, flags=re.S))


def _unnest_void(root: Any) -> None:
    """Move content the parser put inside a void element back after it.

    libxml2's HTML parser predates HTML5 and does not know every void element:
    ``a<wbr>b c</p>`` parses as ``<wbr>b c</wbr>``, and a walk that treats
    ``wbr`` as void would drop "b c". Here the element's text and children
    follow it again, in document order.
    """
    for el in list(root.iter(*HTML_VOID)):
        parent = el.getparent()
        if parent is None or not (el.text or len(el)):
            continue
        children, tail = list(el), el.tail or ""
        el.tail, el.text = el.text or "", None
        at = parent.index(el)
        for i, child in enumerate(children, start=1):
            parent.insert(at + i, child)
        last = children[-1] if children else el
        last.tail = (last.tail or "") + tail


def chrome_segment(block_id: str, visible: str) -> Segment:
    """The one segment of chrome a reader keeps verbatim among the text: its visible text,
    never translated (the block's own text is what every output gives), on which the
    localise stage puts the ``chrome_uncatalogued`` QA finding per target language."""
    return Segment(id=make_segment_id(block_id, 1), source=visible)


def tag_of(el: Any) -> str | None:
    """Lower-case tag name, or None for comments and processing instructions."""
    return el.tag.lower() if isinstance(el.tag, str) else None


def is_hidden(el: Any) -> bool:
    """Hidden from readers: ``hidden``, ``display:none``.

    Not screen-reader text (``sr-only``, ``screen-reader-text``, ``visually-hidden``:
    :func:`screen_reader_only`): a screen reader reads it as the page's, so it is
    translated and kept with its class (was: left out of every output and of
    ``meta.left_out``, without a word).

    Not ``aria-hidden="true"``: it hides an element from screen readers only, and the page
    shows it (a decorative "(tutte)", a visual date beside its screen-reader form), so its
    text is the article's, translated with the attribute kept (was: left out of every
    output and of ``meta.left_out``, without a word)."""
    get = el.get
    return (
        get("hidden") is not None
        or bool(_HIDDEN_STYLE.search(get("style") or ""))
        or bool(_HIDDEN_CLASS.search(get("class") or ""))
    )


def screen_reader_only(el: Any) -> bool:
    """``el`` has a class that shows it to screen readers only (``sr-only``,
    ``screen-reader-text``: :data:`pipeline.writers.common.SCREEN_READER_CLASS`)."""
    return isinstance(el.tag, str) and common.screen_reader_only(el.attrib)


def screen_reader_chrome(text: str) -> bool:
    """Screen-reader text that is page chrome (a share or cookie label, a related-article
    label: :mod:`pipeline.localise.boilerplate`'s lines), kept as written, never MT."""
    from pipeline.localise import boilerplate

    line = _WS.sub(" ", text).strip()
    return boilerplate.line_kind(line) is not None or boilerplate.is_related_label(line)


def _marked_not_to_translate(attrs: dict[str, Any]) -> bool:
    """``translate="no"``, the ``notranslate`` class or an author's name class (``author``)
    among an element's attributes."""
    no = str(attrs.get("translate") or "").strip().lower() == "no"
    return no or bool(_NO_TRANSLATE_CLASS.search(str(attrs.get("class") or "")))


def untranslatable(el: Any, source_lang: str | None = None) -> bool:
    """The page says ``el``'s words are not to be translated: HTML's ``translate="no"``
    (WHATWG HTML, "the translate attribute"), the ``notranslate`` class, or a ``lang``
    naming another language than ``source_lang`` (a model for the article's language
    must not get it). Such words are kept as they are in every output, never MT."""
    return attributes_untranslatable(el.attrib, source_lang)


def attributes_untranslatable(attrs: Any, source_lang: str | None = None) -> bool:
    """:func:`untranslatable` from an element's attributes (a mapping), which is also
    whether its text attributes (``title``, ``alt``, ``aria-label``: markup.TRANSLATED_ATTRS)
    stay as written: HTML's ``translate`` applies to "the element's translatable
    attributes" and ``lang`` names the language of "any of the element's attributes that
    contain text" (WHATWG HTML 3.2.6.2, 3.2.6.3; ITS 2.0 Translate and Language
    Information). A kept element for another reason (``<code>``, ``<kbd>``: words mtpipe
    does not translate) has its title translated, as ITS 2.0's default for HTML says."""
    if _marked_not_to_translate(attrs):
        return True
    lang = str(attrs.get("lang") or attrs.get("xml:lang") or "").strip().lower()
    if not lang or source_lang is None:
        return False
    return lang.split("-")[0] != source_lang.lower().split("-")[0]


def _paragraphs(el: Any) -> list[str]:
    """The visible text of each innermost paragraph-like element (``p``, ``li``, a heading)
    under ``el``, in document order."""
    tags = (*TEXT_TAGS, "li")
    return [
        text
        for d in el.iter(*tags)
        if not any(True for _ in d.iterdescendants(*tags)) and (text := plain(d))
    ]


def _left_out_paragraphs(el: Any) -> list[str]:
    """The text of a left-out element, one entry a paragraph; a ``<select>``'s, one entry
    an option (its options are skipped as part of any other box's text)."""
    if tag_of(el) == "select":
        return [t for o in el.iter("option") if (t := plain(o, SKIP_TAGS - {"option"}))]
    whole = plain(el)
    if not whole:
        return []
    paragraphs = _paragraphs(el)
    if _ANY_SPACE.sub("", "".join(paragraphs)) != _ANY_SPACE.sub("", whole):
        return [whole]  # text outside its paragraphs too: all of it, as one
    return paragraphs


def describe(el: Any) -> str:
    """An element as a CSS selector names it: ``div.related-content``, ``aside#bio``."""
    classes = "".join(f".{c}" for c in str(el.get("class") or "").split())
    ident = f"#{el.get('id')}" if el.get("id") and not classes else ""
    return f"{tag_of(el)}{classes}{ident}"


def left_out_note(article_id: str, left_out: Any) -> str | None:
    """One warning line for the boxes a reader left out as page furniture (``meta
    ["left_out"]``, see :meth:`Walker.leave_out`), or None when there are none."""
    if not isinstance(left_out, list) or not left_out:
        return None
    records = [r for r in left_out if isinstance(r, dict)]
    labels = _block_label_note(article_id, [r for r in records if r.get("block_label")])
    records = [r for r in records if not r.get("block_label")]
    spoken = [r for r in records if r.get("screen_reader")]
    records = [r for r in records if not r.get("screen_reader")]
    if not records:
        notes = [n for n in (_screen_reader_note(article_id, spoken), labels) if n]
        return "; and ".join(notes) or None
    paragraphs = sum(int(r.get("paragraphs") or 1) for r in records)
    chars = sum(len(str(r.get("text") or "")) for r in records)
    wheres = list(dict.fromkeys(str(r.get("where")) for r in records))
    lines = [str(r["line"]) for r in records if isinstance(r.get("line"), int)]
    shown = ", ".join(wheres[:4]) + (f" and {len(wheres) - 4} more" if len(wheres) > 4 else "")
    more = ", …" if len(lines) > 4 else ""
    at = f" (line{'s' if len(lines) > 1 else ''} {', '.join(lines[:4])}{more})" if lines else ""
    return (
        f"{paragraphs} paragraph{'s' if paragraphs != 1 else ''} ({chars} characters) of the "
        f"page left out of the article as page furniture (a theme's box, text beside the "
        f"article's or outside what the extractor took for it): {shown}{at}; not "
        f"translated, their text is in {article_id}.json, "
        "meta.left_out; if one is article text, take the furniture class off its box or put "
        "it with the article's text in the page"
        + (" (text in a <noscript> only shows without JavaScript, an <object>'s when the "
           "object cannot be shown, a <dialog>'s when it opens: move it out of it)"
           if any(str(r.get("where")).startswith(SHOWN_INSTEAD) for r in records) else "")
        + (" (a <button>'s label, a <select>'s options and a <textarea>'s text are controls "
           "of the page, page chrome never machine-translated: if it is article text, put "
           "it in a paragraph)"
           if any(str(r.get("where")).startswith(FORM_CONTROLS) for r in records) else "")
        + (f"; and {spoken_note}" if (spoken_note := _screen_reader_note(article_id, spoken))
           else "")
        + (f"; and {labels}" if labels else "")
    )  # fmt: skip


def _block_label_note(article_id: str, records: list[dict[str, Any]]) -> str | None:
    """The warning line for a WordPress dynamic block's wording (readers.wordpress.
    _dynamic_labels): left out of each translated post, WordPress shows its own."""
    return _kind_note(
        records,
        ("wording of dynamic blocks", "wordings of dynamic blocks"),
        "left out of each translated post: WordPress renders its own string (Search, Read "
        f"more) in the site's language, never MT; recorded in {article_id}.json, "
        "meta.left_out; to keep a wording of your own, set it in the translated post's block",
    )


def _screen_reader_note(article_id: str, records: list[dict[str, Any]]) -> str | None:
    """The warning line for screen-reader-only text (:meth:`Walker.record_screen_reader`)
    alone: translated, but in no ``.md``/``.txt`` output."""
    return _kind_note(
        records,
        ("screen-reader-only text", "screen-reader-only texts"),
        "kept in ID.LANG.html and .wp.json (translated, or as written where it is chrome), "
        "left out of ID.LANG.md and .txt, where no stylesheet hides it; recorded in "
        f"{article_id}.json, meta.left_out",
    )


def _kind_note(records: list[dict[str, Any]], nouns: tuple[str, str], rest: str) -> str | None:
    """A warning line for one kind of record: how many (``nouns``: singular, plural), where,
    then ``rest``; None when there are none (so the caller adds no empty clause)."""
    if not records:
        return None
    wheres = ", ".join(dict.fromkeys(str(r.get("where")) for r in records))
    return f"{len(records)} {nouns[len(records) != 1]} ({wheres}) {rest}"


def _passed_over(el: Any, top: Any) -> bool:
    """``el`` (under ``top``) is hidden or inside an element the walk leaves out unread (a
    ``<form>``, a ``<button>``, a hidden box); ``top`` itself counts."""
    if is_hidden(el):
        return True
    for above in el.iterancestors():
        if tag_of(above) in SKIP_TAGS and tag_of(above) not in SHOWN_INSTEAD or is_hidden(above):
            return True
        if above is top:
            return False
    return False


def plain(el: Any, skip: frozenset[str] = SKIP_TAGS) -> str:
    """Visible text of an element, whitespace collapsed (hidden parts left out).

    A hidden or skipped element (``hidden``, a script; ``skip``: the tags left out with
    their text) hides its own content, not the text after it. One pass over the subtree
    (iterative: any depth).
    """
    parts: list[str] = []
    todo: list[Any] = [(el, False)]  # (node, its parent hides it) or a tail to write
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            parts.append(item)
            continue
        node, parent_hidden = item
        element = isinstance(node.tag, str)
        hidden = parent_hidden or (
            node is not el
            and element
            and (tag_of(node) in skip or is_hidden(node) or screen_reader_only(node))
        )
        if node is not el and node.tail and not parent_hidden:
            todo.append(node.tail)  # popped after the subtree
        if element and not hidden:
            parts.append(node.text or "")
            todo.extend((child, False) for child in reversed(node))
    return _WS.sub(" ", "".join(parts)).strip()


def _attrs(el: Any) -> dict[str, str]:
    return {str(k): str(v) for k, v in el.attrib.items()}


# libxml2 serialises by HTML 4's list of empty elements (its html40ElementTable): the
# HTML5 void elements (markup.HTML_VOID) it lacks get an end tag
# (``<source srcset="a.webp"></source>``), which HTML has not.
_LIBXML2_EMPTY = frozenset({"area", "base", "br", "col", "hr", "img", "input", "link", "meta",
                            "param"})  # fmt: skip
_VOID_END = re.compile(
    rf"(<({'|'.join(sorted(set(HTML_VOID) - _LIBXML2_EMPTY))})\b[^<>]*>)</\2>", re.I
)


def outer_html(el: Any) -> str:
    """``el`` (without its tail) as HTML, void elements without an end tag."""
    return _VOID_END.sub(r"\1", html.tostring(el, encoding="unicode", with_tail=False))


def _inner_html(el: Any) -> str:
    inner = outer_html(el)
    return inner[inner.index(">") + 1 : inner.rindex("<")] if "</" in inner else ""


def attribute_text(value: str, literal: re.Pattern[str] = MARKER) -> tuple[str, dict[str, Any]]:
    """(block text, marker table) of an attribute's text (an ``alt``, a ``title``).

    Text that looks like a marker (``<x1/>``, ``<g2>``) is a literal standalone marker,
    as in a paragraph: an ``alt`` block had no table, so every writer stripped it as
    markup (``title="Vedi <x1/>"`` came out ``Vedi ``) and MT saw it as one."""
    builder = Inline(literal=literal)
    builder.text(value)
    return "".join(builder.parts), builder.table


@dataclass
class Inline:
    """Builds one block's marker text and marker table."""

    parts: list[str] = field(default_factory=list)
    table: dict[str, dict[str, Any]] = field(default_factory=dict)
    literal: re.Pattern[str] = MARKER  # text kept verbatim as a standalone marker
    source_lang: str | None = None  # inline elements in another language stay verbatim
    # a hidden element kept verbatim (a Markdown file's HTML, the site's own markup, where
    # a script may show it) rather than left out (a scraped page's hidden parts)
    keep_hidden: bool = False
    # (element, text) of each screen-reader-only element translated among the text,
    # which the walker records in meta.left_out: .md and .txt leave it out
    screen_reader: list[tuple[Any, str]] = field(default_factory=list)

    def text(self, value: str | None) -> None:
        if not value:
            return
        # Literal text that looks like a marker (or matches ``literal``: a WordPress
        # shortcode) is kept as a literal standalone marker: never translated, written back.
        pos = 0
        for m in self.literal.finditer(value):
            self.parts.append(value[pos : m.start()])
            self.parts.append(self.void({"tag": None, "attrs": {}, "text": m.group(0)}))
            pos = m.end()
        self.parts.append(value[pos:])

    def _new(self, entry: dict[str, Any]) -> str:
        mid = str(len(self.table) + 1)
        self.table[mid] = entry
        return mid

    def void(self, entry: dict[str, Any]) -> str:
        return f"<x{self._new(entry)}/>"

    def element(self, el: Any) -> None:
        tag = tag_of(el)
        hidden = is_hidden(el)
        if tag == "object" and (kept := object_entry(el)) is not None:  # (its fallback is
            self.parts.append(self.void(kept))  # recorded: Walker.leave_out_noscript)
            return
        for player in noscript_players(el):  # a lazy loader's real player (left out: its text)
            self.parts.append(self.void(player_entry(player)))
        if tag is None or tag in SKIP_TAGS or (hidden and not self.keep_hidden):
            return
        entry: dict[str, Any] = {"tag": tag, "attrs": _attrs(el)}
        if tag in VOID_TAGS:
            self.parts.append(self.void(entry))
            return
        reader_only = screen_reader_only(el)
        said = _WS.sub(" ", el.text_content()).strip() if reader_only else ""
        if said:
            self.screen_reader.append((el, said))
            hidden = hidden or screen_reader_chrome(said)  # kept as written, never MT
        raw = tag in RAW_TAGS and not (tag == "pre" and is_verse(el))  # a verse is text
        verbatim = tag in OPAQUE_TAGS or raw or hidden
        if verbatim or untranslatable(el, self.source_lang):
            shown = not hidden and tag not in PLAYER_TAGS  # a player's text is its fallback
            entry.update(text=el.text_content() if shown else "", html=_inner_html(el))
            self.parts.append(self.void(entry))
            return
        if not len(el) and not (el.text or "").strip():
            entry["html"] = el.text or ""
            self.parts.append(self.void(entry))
            return
        if tag in ("p", "div") and any(tag_of(a) == "p" for a in el.iterancestors()):  # a
            # paragraph or box inside a paragraph's text: see inline_paragraph
            entry = inline_paragraph(entry)
            if entry is None:
                self.children(el)
                return
        mid = self._new(entry)
        self.parts.append(f"<g{mid}>")
        if _shows_its_url(el):  # the text is the address: kept, never MT (as <code> is)
            self.parts.append(self.void({"tag": None, "attrs": {}, "text": el.text.strip()}))
        else:
            self.children(el)
        self.parts.append(f"</g{mid}>")

    def children(self, el: Any) -> None:
        self.text(el.text)
        for child in el:
            self.element(child)
            self.text(child.tail)

    def result(self) -> str:
        return _WS.sub(" ", "".join(self.parts)).strip()


def inline_paragraph(entry: dict[str, Any]) -> dict[str, Any] | None:
    """What a ``<p>`` (or a ``<div>``) inside a paragraph's text becomes: nothing around
    its words, or a ``<span>`` where it has attributes (a class, a style) to keep.

    ``<p><b><p>…</p></b></p>`` in a page, ``**<p>…</p>**`` in Markdown: a paragraph
    cannot hold one, and a browser closes the outer paragraph at it. As a marker pair it
    was written back as ``<p>…<p>…</p>…</p>``, which a browser splits into empty
    paragraphs around the words, the bold around them lost."""
    attrs = {k: v for k, v in entry["attrs"].items() if v is not None}
    return {"tag": "span", "attrs": attrs} if attrs else None


def _titled(el: Any, source_lang: str | None) -> bool:
    """Whether ``el`` has a text attribute MT translates (``title``, ``aria-label``) in the
    article's language."""
    attrs = _attrs(el)
    if attributes_untranslatable(attrs, source_lang):
        return False
    return any((attrs.get(name) or "").strip() for name in TRANSLATED_ATTRS)


_URL_SCHEME = re.compile(r"^(?:mailto|tel|sms):", re.I)


def _shows_its_url(el: Any) -> bool:
    """Whether ``el`` is a link whose whole text is its own address (``<a href="mailto:
    a@b.it">mailto:a@b.it</a>``, ``<a href="tel:+39…">+39…</a>``, a bare URL): the model
    would get the scheme as a word, and a link that showed another address than it opens
    could come back."""
    href = (el.get("href") or "").strip() if tag_of(el) == "a" else ""
    text = (el.text or "").strip()
    if not href or not text or len(el):
        return False
    return text in (href, _URL_SCHEME.sub("", href), href.rstrip("/"))


@dataclass
class Walker:
    """Walks containers and emits blocks in document order."""

    blocks: list[Block] = field(default_factory=list)
    wrap: list[list[Any]] = field(default_factory=list)
    groups: int = 0
    title: str | None = None  # plain text of the title, to mark the matching h1 as TITLE
    extra: dict[str, Any] = field(default_factory=dict)  # meta added to every block
    skip: Callable[[Any], bool] | None = None  # containers to leave out (page furniture)
    literal: re.Pattern[str] = MARKER  # text kept verbatim (see Inline.literal)
    source_lang: str | None = None  # elements whose lang attribute names another stay verbatim
    aside: Callable[[Any], str | None] | None = None  # chrome kept verbatim: what it is, or None
    # no part of the article, passed over without a record: the page's own header and
    # footer when the article's container is the page (readers.html)
    outside: Callable[[Any], bool] | None = None
    file_lines: bool = False  # the parsed text is the input file: an aside names its line
    left_out: list[dict[str, Any]] = field(default_factory=list)  # skipped boxes' text (meta)

    def _id(self) -> str:
        return f"b{len(self.blocks) + 1}"

    def emit(self, kind: str, text: str, meta: dict[str, Any]) -> Block:
        meta = {**meta, "wrap": [list(w) for w in self.wrap]} if self.wrap else meta
        meta.update(self.extra)
        block = Block(id=self._id(), kind=kind, text=text, meta=meta)
        self.blocks.append(block)
        return block

    def comment(self, node: Any) -> None:
        if isinstance(node, etree._Comment) and _GUTENBERG.match(node.text or ""):
            self.emit(RAW, f"<!--{node.text}-->", {})

    def inline_block(
        self, nodes: list[Any], lead: str | None, tag: str | None, attrs: dict
    ) -> None:
        """One text block from inline content (``lead`` text, then elements with tails); a
        read-more link that ends it (:func:`trailing_read_more`) a chrome block after it."""
        nodes, more = trailing_read_more([lead, *nodes] if lead else nodes, None)
        self.text_block(nodes, None, tag, attrs)
        if more is not None:
            self.read_more_block(more)

    def label_block(self, strings: list[Any]) -> None:
        """An ad label or a post meta line (:func:`standalone_label`) as a ``ui`` block of
        its catalog strings, localised in ``.md`` and ``.txt``, in no ``.html``, never MT."""
        from pipeline.readers.page import chrome_block

        text = "".join(s.text + s.space_after for s in strings)
        block = self.emit(UI, text, {"label": True})
        lang = self.source_lang or strings[0].lang
        block.segments = chrome_block(block.id, UI, text, strings, lang).segments

    def read_more_block(self, more: Any) -> None:
        """A read-more link or button (``more``: its catalog string, :func:`read_more`) as a
        ``ui`` block, localised from the catalog, never MT: in its place in ``.md``,
        ``.txt`` and, as a link to the same address, ``.html`` (:func:`chrome_links`);
        ``.wp.json`` leaves chrome out, as WordPress adds its own."""
        from pipeline.readers.page import chrome_block

        block = self.emit(UI, more.text, {"read_more": True, **chrome_links([more])})
        chrome = chrome_block(block.id, UI, more.text, [more], self.source_lang or more.lang)
        block.segments = chrome.segments

    def catalog_links_block(self, text: str, strings: list[Any]) -> None:
        """A post's meta links (:func:`catalog_links`) as a ``ui`` block of their catalog
        strings, localised, never MT, placed as a read-more link is."""
        from pipeline.readers.page import chrome_block

        block = self.emit(UI, text, {"read_more": True, **chrome_links(strings)})
        lang = self.source_lang or strings[0].lang
        block.segments = chrome_block(block.id, UI, text, strings, lang).segments

    def text_block(self, nodes: list[Any], lead: str | None, tag: str | None, attrs: dict) -> None:
        """One text block from inline content (``lead`` text, then elements with tails)."""
        builder = Inline(literal=self.literal, source_lang=self.source_lang)
        builder.text(lead)
        for node in nodes:
            if isinstance(node, str):
                builder.text(node)
            else:
                builder.element(node)
                self.leave_out_noscript(node)
        text = builder.result()
        if not MARKER.sub("", text).strip() and not builder.table:
            return
        for el, said in builder.screen_reader:
            self.record_screen_reader(el, said)
        meta: dict[str, Any] = {"tag": tag, **({"attrs": attrs} if attrs else {})}
        if builder.table:
            meta["markup"] = builder.table
        has_words = bool(_ANY_SPACE.sub("", MARKER.sub("", text)))
        # inline code and kept words too, no screen-reader text (a title has none)
        visible = strip(common.without_screen_reader(text, builder.table), builder.table)
        kind = _kind(tag, visible, self.title) if has_words else RAW
        block = self.emit(kind, text, meta)
        self.attribute_blocks(block, builder.table)
        own = self.element_attribute_blocks(attrs, block.id, "")
        if own:
            block.meta["attr_blocks"] = own

    def attribute_blocks(self, block: Block, table: dict[str, dict[str, Any]]) -> None:
        """An ``alt`` block for every translatable attribute text in the markup: none for
        an element marked not to translate or in another language (its attributes are too,
        :func:`attributes_untranslatable`)."""
        for mid, entry in table.items():
            if attributes_untranslatable(entry.get("attrs") or {}, self.source_lang):
                continue
            for name in TRANSLATED_ATTRS:
                value = _WS.sub(" ", entry.get("attrs", {}).get(name) or "").strip()
                if value:
                    alt = self.alt(value, [block.id, mid, name])
                    entry.setdefault("attr_blocks", {})[name] = alt.id

    def element_attribute_blocks(self, attrs: dict, owner: str, mid: str) -> dict[str, str]:
        """``alt`` blocks for the text attributes of a block element (``owner`` its block
        id, ``mid`` "") or a container (``owner`` "wrap", ``mid`` its group id): a
        ``<p title>``, a ``<section aria-label>`` stayed untranslated. Returns
        ``{attribute: alt block id}``."""
        refs = {}
        for name in TRANSLATED_ATTRS:
            value = _WS.sub(" ", attrs.get(name) or "").strip()
            if value:
                refs[name] = self.alt(value, [owner, mid, name]).id
        return refs

    def alt(self, value: str, attr_of: list[str]) -> Block:
        """The ``alt`` block of an attribute text (see :func:`attribute_text`)."""
        text, table = attribute_text(value, self.literal)
        return self.emit(ALT, text, {"attr_of": attr_of, **({"markup": table} if table else {})})

    def container(self, el: Any) -> None:
        """Mixed content: runs of inline content become blocks between block children."""
        run: list[Any] = []
        lead = el.text
        for child in el:
            tag = tag_of(child)
            if tag is None and _GUTENBERG.match(child.text or ""):
                self.flush(run, lead)
                run, lead = [], None
                self.comment(child)
            elif tag is None or tag in PHRASING_SKIP:
                run.append(child)  # left out of the run (Inline.element), which goes on
            elif tag in BLOCK_TAGS or tag in SKIP_TAGS or holds_blocks(child):
                self.flush(run, lead)
                run, lead = [], None
                self.node(child)
            else:
                run.append(child)
            if child.tail:
                run.append(child.tail)
        self.flush(run, lead)

    def flush(self, run: list[Any], lead: str | None) -> None:
        if run or (lead and lead.strip()):
            self.inline_block(run, lead, None, {})

    def node(self, el: Any) -> None:
        """Read one element: the first reading that claims it wins, in this order (a
        hidden or left-out box is never read as chrome, chrome never as foreign text,
        foreign text never as article text)."""
        tag = tag_of(el)
        if tag is None:
            self.comment(el)
        elif self.left_aside(el, tag) or self.chrome(el):
            return
        elif self.foreign(el):
            self.foreign_block(el)
        else:
            self.content(el, tag)

    def left_aside(self, el: Any, tag: str) -> bool:
        """Whether ``el`` is skipped, hidden, an embed or outside the article: such a box
        is recorded or kept as it is, never read for text."""
        if tag in SKIP_TAGS or is_hidden(el):
            self.skipped(el, tag)
        elif screen_reader_only(el) and (tag in BLOCK_TAGS or holds_blocks(el)):
            self.leave_out(el)  # a theme's heading for screen readers ("Navigazione")
        elif is_embed(el) and tag not in RAW_TAGS:
            self.emit(RAW, outer_html(without(el, SKIP_TAGS)), {"embed": True})
        elif self.outside is not None and self.outside(el):
            pass
        elif self.skip is not None and self.skip(el):
            self.leave_out(el)
        else:
            return False
        return True

    def skipped(self, el: Any, tag: str) -> None:
        """A skipped or hidden element: recorded where it may hold text a reader sees
        (:data:`RECORDED_SKIPS`), and the players it carries kept, as they show."""
        if tag in RECORDED_SKIPS and not is_hidden(el):
            self.leave_out(el)
        if (kept := object_embed(el)) is not None:
            self.emit(RAW, kept, {"embed": True})
        for player in noscript_players(el):  # (a noscript among blocks: a wrapper's)
            self.emit(RAW, outer_html(without(player, SKIP_TAGS)), {"embed": True})

    def chrome(self, el: Any) -> bool:
        """Whether ``el`` is page chrome in the text (an aside, a read-more link, a label,
        catalog links): kept as written or filled from the catalogs, never MT."""
        if self.aside is not None and (what := self.aside(el)) is not None:
            block = self.emit(  # chrome in the text (a related link): as it is, never MT
                RAW,
                outer_html(el),
                {"uncatalogued": what, **({"line": el.sourceline} if self.file_lines else {})},
            )
            block.segments = [chrome_segment(block.id, plain(el))]
        elif (more := read_more(el)) is not None:  # after the aside: a cookie "Scopri di più"
            self.read_more_block(more)
        elif (labels := standalone_label(el)) is not None:  # "Pubblicità", post meta
            self.label_block(labels)
        elif (strings := catalog_links(el)) is not None:  # "Leggi tutto | 3 commenti"
            self.catalog_links_block(plain(el), strings)
        else:
            return False
        return True

    def foreign_block(self, el: Any) -> None:
        """Text in another language, or marked not to translate: kept as written."""
        marked = untranslatable(el)  # translate="no" or notranslate, whatever its lang
        self.emit(
            RAW,
            outer_html(el),
            {"no_translate": True} if marked else {"lang": el.get("lang") or el.get("xml:lang")},
        )

    def content(self, el: Any, tag: str) -> None:
        """Article content: a text block, a wrapper of blocks, or raw markup."""
        if tag in CELL_TAGS and any(tag_of(c) in BLOCK_TAGS for c in el):
            self.wrapped(el, tag)  # a cell holding paragraphs or a table: each is its own block
        elif tag in TEXT_TAGS:
            before = len(self.blocks)
            self.inline_block(list(_mixed(el)), None, tag, _attrs(el))
            if tag in CELL_TAGS and len(self.blocks) == before:
                self.emit(RAW, "", {"tag": tag, "attrs": _attrs(el), "empty": True})
        elif tag in PLAYER_TAGS and own_player(el) and _titled(el, self.source_lang):
            # a player's title (what a screen reader says of it) translated, as on an
            # inline player or an image (was: the page's Italian in every translation);
            # an embed of another site or post keeps its own, as it keeps all it holds
            self.inline_block([el], None, None, {})
        elif tag == "pre" and is_verse(el):
            self.inline_block(list(_mixed(verse_breaks(el))), None, tag, _attrs(el))
        elif tag in RAW_TAGS:
            self.emit(RAW, outer_html(el), {})
        elif tag in CONTAINER_TAGS or holds_blocks(el):
            self.wrapped(el, tag)  # also a link or span around a heading and text (a card)
        else:
            self.inline_block([el], None, None, {})

    def leave_out(self, el: Any, kept: frozenset[str] = frozenset()) -> None:
        """Record the text of a box left out as page furniture (a related-posts box, an
        author bio inside the article), so no text is dropped without a trace: the readers
        put these records in ``meta["left_out"]`` and the run names them in a warning.
        ``kept``: lines that are in the article anyway (its title, catalog chrome)."""
        paragraphs = _left_out_paragraphs(el)
        paragraphs = [p for p in paragraphs if p not in kept]
        if not paragraphs:
            return
        self.record(el, {"paragraphs": len(paragraphs), "text": "\n".join(paragraphs)})

    def record_screen_reader(self, el: Any, said: str) -> None:
        """Record screen-reader-only text kept among the text (``<span class="sr-only">12
        marzo 2024</span>``): translated in ``ID.LANG.html`` and ``.wp.json``, where the
        site's stylesheet hides it, left out of ``.md`` and ``.txt``, where it would show
        beside its visible form; recorded so that this is never silent."""
        self.record(el, {"paragraphs": 1, "text": said, "screen_reader": True})

    def record(self, el: Any, fields: dict[str, Any]) -> None:
        """Add a ``meta["left_out"]`` record of ``el``: where it is, and its line where the
        parsed text is the input file (so the warning points at it)."""
        record: dict[str, Any] = {"where": describe(el), **fields}
        if self.file_lines and isinstance(el.sourceline, int):
            record["line"] = el.sourceline
        self.left_out.append(record)

    def leave_out_noscript(self, node: Any) -> None:
        """Record the text of each ``<noscript>`` in ``node`` (what a browser without
        JavaScript shows: "abilitate JavaScript per vedere la mappa"): never kept, as a
        browser with scripting reads it as raw text that markup inside it can escape, but
        never dropped without a trace either. One holding only an image (the copy of a
        lazy-loaded picture) has no text and no record. So for an ``<object>``'s fallback
        text, an open ``<dialog>`` and a ``<button>``'s label (:data:`RECORDED_SKIPS`), none
        inside a form or a hidden element (no reader sees it among the text)."""
        if isinstance(node.tag, str):
            for el in node.iter(*RECORDED_SKIPS):
                if not _passed_over(el, node):
                    self.leave_out(el)

    def foreign(self, el: Any) -> bool:
        """An element marked as another language than the article's (``lang="ar"`` on a
        quotation) or not to be translated (``translate="no"``): kept as it is, and its
        ``lang`` stays true (see :func:`untranslatable`)."""
        return untranslatable(el, self.source_lang)

    def wrapped(self, el: Any, tag: str) -> None:
        """``el``'s content as blocks inside one more container group (``meta["wrap"]``)."""
        self.groups += 1
        self.wrap.append([tag, self.groups, _attrs(el)])
        self.element_attribute_blocks(self.wrap[-1][2], "wrap", str(self.groups))
        self.container(el)
        self.wrap.pop()


def chrome_links(strings: list[Any]) -> dict[str, Any]:
    """``{"links": [href, ...]}``, one address (or None) per catalog string, where any of
    ``strings`` was a link: ``ID.LANG.html`` writes each localised string as a link to it
    (writers.html), as the source had; ``{}`` for a label that was no link."""
    links = [getattr(s, "href", None) for s in strings]
    return {"links": links} if any(links) else {}


def read_more(el: Any) -> Any | None:
    """The catalog string of ``el`` when it is a read-more link or a box around one only
    (``<a href>Leggi tutto »</a>``, ``<p><a class="more-link">Continua a leggere<span
    class="screen-reader-text"> Titolo</span></a></p>``): its visible text is a read-more
    label (:func:`pipeline.localise.chrome.match_read_more`) and is all the link's. A label
    without a link ("Scopri di più" as a subheading) is text, as is a sentence holding one.
    ``None`` otherwise."""
    from pipeline.localise.chrome import match_read_more

    if not isinstance(el.tag, str) or tag_of(el) in SKIP_TAGS or is_hidden(el):
        return None
    links = [a for a in el.iter("a") if a.get("href") is not None]
    text = plain(el)
    if len(links) != 1 or len(text) > _READ_MORE_MAX:
        return None
    if plain(links[0]) != text and plain(links[0]) != _BRACKETED.sub(r"\1", text):
        return None
    found = match_read_more(plain(links[0]), learn_more=True)
    return None if found is None else replace(found, href=links[0].get("href"))


# A descendant other than inline emphasis (a link, an image, a block): no standalone label.
# Compiled once; ``el.xpath(str)`` compiled the expression for every element read.
_NON_INLINE_DESCENDANT = etree.XPath(
    ".//*[not(self::span or self::strong or self::em or self::b or self::i)]"
)


def standalone_label(el: Any) -> list[Any] | None:
    """The catalog strings of ``el`` when it is an ad label or a theme's post meta alone,
    no link or image in it (``<p class="ad-label">Continua dopo la pubblicità</p>``,
    ``<p>Aggiornato il 12 marzo 2024</p>`` under the headline:
    :func:`pipeline.localise.chrome.match_standalone_line`); was sent to MT. ``None``
    otherwise."""
    from pipeline.localise.chrome import match_standalone_line

    if tag_of(el) not in ("p", "div", "span", "aside", "small") or is_hidden(el):
        return None
    if _NON_INLINE_DESCENDANT(el):
        return None
    text = plain(el)
    return match_standalone_line(text) if text and len(text) <= 2 * _READ_MORE_MAX else None


# A read-more link in brackets, as themes write one after an excerpt: "(<a>Leggi tutto</a>)",
# "[<a>Continua a leggere</a>]" (was: text, the brackets made it more than the link's).
_BRACKETED = re.compile(r"^[(\[]\s*(.*?)\s*[)\]]$", re.S)


_READ_MORE_MAX = 80
# What may stand between a post's meta links: spaces and the separators themes write.
_LINK_GAP = re.compile(r"[\s|·•/–—-]*")


def catalog_links(el: Any) -> list[Any] | None:
    """The catalog strings of a paragraph, list item or box that is only links to the
    post's comments or the rest of it, with separators between them, each link's whole
    text one ``messages`` string: ``<a>Lascia un commento</a>``, ``<a>Leggi tutto</a> |
    <a>3 commenti</a>`` (a theme's post meta under an excerpt). Was: sent to MT as article
    text, while page text reads the same line as catalog chrome. None otherwise: a link
    in a sentence, a link whose words are no catalog string, a read-more link alone
    (:func:`read_more`)."""
    from pipeline.localise.chrome import match_chrome_line

    if tag_of(el) not in ("p", "li", "div") or is_hidden(el) or len(plain(el)) > _READ_MORE_MAX:
        return None
    links = [a for a in el.iter("a") if a.get("href") is not None]
    if not links or any(len(a) for a in links) or len(el.xpath(".//*")) != len(links):
        return None
    gaps = [el.text or ""] + [a.tail or "" for a in links]
    if not all(_LINK_GAP.fullmatch(g) for g in gaps):
        return None
    strings = []
    for a, after in zip(links, gaps[1:], strict=True):
        found = match_chrome_line(plain(a))
        if not found or len(found) != 1:
            return None
        space = _WS.sub(" ", after) if after else ""
        strings.append(replace(found[0], space_after=space, href=a.get("href")))
    strings[-1] = replace(strings[-1], space_after="")
    return strings


# What a paragraph's text ends with before a read-more link after it: a sentence's or an
# excerpt's end ("…", "[…]", "."), so "Clicca qui e <a>leggi tutto</a>" stays text.
_ENDED = re.compile(r"(?:^|[.!?…:;»”\"')\]])\s*$")


def trailing_read_more(nodes: list[Any], lead: str | None) -> tuple[list[Any], Any | None]:
    """``nodes`` without the read-more link that ends them, and its catalog string: the
    theme's link after an excerpt ("… [...] <a class="more-link">Continua a leggere →</a>"),
    which went to MT as part of the paragraph. Only when the text before it is empty or
    ended (:data:`_ENDED`); else ``(nodes, None)``."""
    last = len(nodes) - 1
    while last >= 0 and _blank(nodes[last]):
        last -= 1
    if last > 0 and isinstance(nodes[last], str):
        return _bracketed_read_more(nodes, last)
    if last < 0 or isinstance(nodes[last], str):
        return nodes, None
    more = read_more(nodes[last])
    before = "".join(n if isinstance(n, str) else plain(n) for n in nodes[:last])
    if more is None or not _ENDED.search(_WS.sub(" ", (lead or "") + before).strip()):
        return nodes, None
    return nodes[:last] + nodes[last + 1 :], more


# A read-more link in brackets that ends a paragraph's text: "… ha deciso (<a>Leggi tutto</a>)".
_OPENS_BRACKET = re.compile(r"\s*([(\[])\s*$")
_CLOSES_BRACKET = re.compile(r"^\s*([)\]])\s*$")


def _bracketed_read_more(nodes: list[Any], last: int) -> tuple[list[Any], Any | None]:
    """``nodes`` without the read-more link in brackets that ends them (``nodes[last]``
    the closing bracket) and its catalog string: the brackets set the link apart from
    the sentence before it, which stays text for MT whether or not it ended (was: the
    whole paragraph, "(Leggi tutto)" too, sent to MT). Else ``(nodes, None)``."""
    close, link = _CLOSES_BRACKET.match(nodes[last]), last - 1
    if close is None or link < 1 or isinstance(nodes[link], str) or _blank(nodes[link]):
        return nodes, None
    opening = nodes[link - 1]
    found = _OPENS_BRACKET.search(opening) if isinstance(opening, str) else None
    if found is None or found[1] + close[1] not in ("()", "[]") or not opening[: found.start()]:
        return nodes, None
    if (more := read_more(nodes[link])) is None:
        return nodes, None
    return [*nodes[: link - 1], opening[: found.start()], *nodes[last + 1 :]], more


def _blank(node: Any) -> bool:
    """A node a run may end with that shows nothing: white space, a comment, a script."""
    if isinstance(node, str):
        return not node.strip()
    return tag_of(node) is None or tag_of(node) in PHRASING_SKIP


# Elements that make their own block of text wherever they stand.
_TEXT_BLOCKS = TEXT_TAGS | CONTAINER_TAGS


# The markup of a post or player embedded from another site, which the provider's script
# renders (its text is the provider's fallback, never the article's): kept as it is. The
# classes are those each provider's embed code (its "Embed" snippet) puts on that markup:
# X/Twitter, Instagram, TikTok, Facebook, Reddit, Bluesky, Threads (text-post-media) and
# Embedly; _EMBED_SRC, the iframe/player URLs of the common embed hosts.
EMBED_CLASSES = frozenset(
    {"twitter-tweet", "twitter-video", "twitter-timeline", "instagram-media", "tiktok-embed",
     "fb-post", "fb-video", "reddit-embed-bq", "bluesky-embed", "text-post-media",
     "embedly-card"}
)  # fmt: skip
_EMBED_SRC = re.compile(
    r"youtube(?:-nocookie)?\.com/embed/|youtu\.be/|player\.vimeo\.com/|dailymotion\.com/"
    r"(?:embed|player)|instagram\.com/(?:p|reel|tv)/|facebook\.com/plugins/(?:post|video)\.php|"
    r"platform\.twitter\.com/embed/|tiktok\.com/embed|open\.spotify\.com/embed|"
    r"w\.soundcloud\.com/player|datawrapper\.dwcdn\.net|flo\.uri\.sh|/embed\b",
    re.IGNORECASE,
)
_PLAYER_TAGS = frozenset({"iframe", "embed", "video", "audio", "object"})
# WordPress's embed of a post of the site: a related-article link (readers.html), no embed.
_POST_EMBED = "wp-embedded-content"


def is_embed(el: Any) -> bool:
    """An embedded post or player: a provider's embed markup (``blockquote.twitter-tweet``,
    ``instagram-media``, ``tiktok-embed``, ``div.fb-post``), or an iframe/video of a known
    embed host or with ``embed`` in its class. A share button in an iframe (Facebook's
    ``like.php``, Twitter's ``tweet_button``) is none."""
    classes = (el.get("class") or "").split()
    if _POST_EMBED in classes:
        return False
    if EMBED_CLASSES.intersection(classes):
        return True
    if tag_of(el) not in _PLAYER_TAGS:
        return False
    src = el.get("src") or el.get("data-src") or el.get("data") or ""
    return bool(_EMBED_SRC.search(src)) or any("embed" in c.lower() for c in classes)


def own_player(el: Any) -> bool:
    """A player or frame of the page's own (a video, a map), not an embed of another
    site's post or video (:func:`is_embed`) nor of another post of the site
    (``wp-embedded-content``), whose title is theirs and is kept with all they hold."""
    return not is_embed(el) and _POST_EMBED not in (el.get("class") or "").split()


def holds_embed(el: Any) -> bool:
    """``el`` holds an embedded post or player (:func:`is_embed`)."""
    return any(isinstance(d.tag, str) and is_embed(d) for d in el.iterdescendants())


def without(el: Any, tags: frozenset[str]) -> Any:
    """A copy of ``el`` without its descendants named in ``tags`` (their tails kept): an
    embed kept as it is keeps no script of the provider."""
    import copy

    twin = copy.deepcopy(el)
    for drop in [d for d in twin.iterdescendants() if tag_of(d) in tags]:
        drop.drop_tree()
    return twin


_NOSCRIPT_PLAYERS = ("iframe", "video", "audio", "embed")


def noscript_players(el: Any) -> list[Any]:
    """The players inside a ``<noscript>`` that the page shows nowhere else: a lazy loader
    (WP Rocket's LazyLoad, a3 Lazy Load) puts a placeholder (``<div class="rll-youtube-player"
    data-src=…>``) where the video goes and the real ``<iframe>`` in a ``<noscript>``, for
    browsers without scripts, which no output runs. Was: the noscript left out and the
    placeholder, a div with no text, too: the video gone from every output without a word.
    A copy of a player the page has outside any noscript (a lazy iframe whose source
    :func:`lazy_sources` made real) is not kept twice."""
    if tag_of(el) != "noscript" or is_hidden(el):
        return []
    players = [p for p in el.iter(*_NOSCRIPT_PLAYERS) if _player_url(p)]
    if not players:
        return []
    root = el.getroottree().getroot()
    shown = {
        url
        for p in root.iter(*_NOSCRIPT_PLAYERS, "object")
        if not any(tag_of(a) == "noscript" for a in p.iterancestors())
        for url in (_player_url(p), *((p.get(a) or "").strip() for a in LAZY_SRC))
    }
    return [p for p in players if _player_url(p) not in shown]


def _player_url(el: Any) -> str:
    """What a player plays: its ``src`` (an ``<object>``'s ``data``), else its first
    ``<source>``'s."""
    url = (el.get("src") or el.get("data") or "").strip()
    if not url:
        source = next(el.iter("source"), None)
        url = (source.get("src") or "").strip() if source is not None else ""
    return url


def player_entry(player: Any) -> dict[str, Any]:
    """A player (:func:`noscript_players`) as a marker entry of the text it stands in: kept
    as written, showing no text (its fallback content is no text of the page's)."""
    twin = without(player, SKIP_TAGS)
    return {"tag": tag_of(twin), "attrs": _attrs(twin), "text": "", "html": _inner_html(twin)}


def object_entry(el: Any) -> dict[str, Any] | None:
    """An embedding ``<object>`` (:func:`object_embed`) as a marker entry of the text it
    stands in: kept as written, showing no text (its fallback is recorded)."""
    if object_embed(el) is None:
        return None
    twin = _object_twin(el)
    return {"tag": "object", "attrs": _attrs(twin), "text": "", "html": _inner_html(twin)}


def object_embed(el: Any) -> str | None:
    """An ``<object>`` that embeds something (``data="voto.pdf"``, a player) as it is kept
    in the outputs, as an ``<embed>`` is: its start tag and ``<param>`` s, without its
    fallback content (the text a browser shows when it cannot show the object, which is
    recorded in ``meta.left_out``: Walker.leave_out_noscript). Was: left out with all it
    holds, the document gone from every output without a trace. None for anything else,
    a hidden one, or one with no ``data`` or a script URL there."""
    data = (el.get("data") or "").strip()
    if tag_of(el) != "object" or is_hidden(el) or not data or runs_script("data", data):
        return None
    return outer_html(_object_twin(el))


def _object_twin(el: Any) -> Any:
    """A copy of the ``<object>`` ``el`` with its ``<param>`` s only."""
    import copy

    twin = copy.deepcopy(el)
    twin.text = None
    for child in list(twin):
        if tag_of(child) == "param":
            child.tail = None
        else:
            twin.remove(child)
    return twin


def holds_blocks(el: Any) -> bool:
    """An inline element around headings, paragraphs or lists (``<a class="card"><h2>..
    </h2><p>..</p></a>``, a ``<span>`` or ``<font>`` a CMS put around paragraphs): a
    container, so each of those stays its own block; read as one inline run, they were
    one segment with their words glued (``provvedimentoTutti``). An icon (``<svg>``)
    or image inside a link keeps it inline."""
    tag = tag_of(el)
    if tag is None or tag in BLOCK_TAGS or tag in OPAQUE_TAGS:
        return False
    return any(tag_of(d) in _TEXT_BLOCKS for d in el.iterdescendants())


def is_verse(el: Any) -> bool:
    """A ``<pre>`` that is poetry, not code: the block editor's Verse block
    (``<pre class="wp-block-verse">``). Its words are text to translate (was: kept raw,
    Italian in every translation and missing from the feed), its line breaks kept."""
    return "wp-block-verse" in (el.get("class") or "").split()


def verse_breaks(el: Any) -> Any:
    """``el`` with each line break of its text a ``<br>`` element, so that the lines stay
    lines through the inline walk, which collapses white space as a browser does outside
    ``<pre>`` (a browser shows ``<br>`` inside ``<pre>`` as the same break). Line breaks
    that end the verse are white space, no line."""
    last = el[-1] if len(el) else None
    if last is None:
        el.text = (el.text or "").rstrip("\r\n")
    elif last.tail:
        last.tail = last.tail.rstrip("\r\n")
    for node in [el, *el.iterdescendants()]:
        own = ("text", "tail") if isinstance(node.tag, str) else ("tail",)  # not a comment's
        for attr in own if node is not el else ("text",):
            value = getattr(node, attr)
            if not value or "\n" not in value:
                continue
            first, *rest = value.replace("\r\n", "\n").split("\n")
            setattr(node, attr, first)
            parent, at = (
                (node, 0)
                if attr == "text"
                else (node.getparent(), node.getparent().index(node) + 1)
            )
            for i, line in enumerate(rest):
                br = etree.Element("br")
                br.tail = line
                parent.insert(at + i, br)
    return el


def _mixed(el: Any) -> Iterator[Any]:
    if el.text:
        yield el.text
    for child in el:
        yield child
        if child.tail:
            yield child.tail


def _kind(tag: str | None, text: str, title: str | None) -> str:
    if tag == "figcaption" or tag == "caption":
        return CAPTION
    if tag == "h1" and title is not None and comparable(text) == comparable(title):
        return TITLE
    return PARAGRAPH


# Invisible in a rendered heading: soft hyphen, zero-width space/joiners, word joiner, BOM.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")


def comparable(text: str) -> str:
    """A heading's visible letters: no markup, invisible characters or whitespace.

    The extractor's title and the ``<h1>`` differ in exactly these (a ``<br>`` is a
    space in one and a marker in the other; a soft hyphen is dropped from one).
    """
    return _ANY_SPACE.sub("", _INVISIBLE.sub("", MARKER.sub("", text)))


def walk(root: Any, title: str | None = None) -> list[Block]:
    """Blocks of the article body under ``root`` (see the module docstring)."""
    walker = Walker(title=title)
    walker.container(root)
    return walker.blocks


def screen_reader_records(
    blocks: list[Block], lines: dict[str, int] | None = None
) -> list[dict[str, Any]]:
    """A ``meta["left_out"]`` record (as :meth:`Walker.record_screen_reader`'s) for each
    screen-reader-only element translated in ``blocks``: for a reader that builds its
    markup tables without the walker (Markdown's inline HTML); ``lines``: each block's line
    in the file, by block id."""
    lines = lines or {}
    records = []
    for block in blocks:
        table = block.meta.get("markup") or {}
        for mid, entry in table.items():
            if not entry.get("tag") or not common.screen_reader_only(entry.get("attrs")):
                continue
            found = re.search(rf"<g{mid}>(.*?)</g{mid}>", block.text, re.S)
            said = _WS.sub(" ", strip(found.group(1), table)).strip() if found else ""
            if not found and entry.get("html") and f"<x{mid}/>" in block.text:  # chrome
                said = plain(html.fragment_fromstring(str(entry["html"]), create_parent="div"))
            if said:
                classes = "".join(f".{c}" for c in str(entry["attrs"].get("class")).split())
                record = {"where": f"{entry['tag']}{classes}", "paragraphs": 1, "text": said}
                if isinstance(lines.get(block.id), int):
                    record["line"] = lines[block.id]
                records.append(record | {"screen_reader": True})
    return records


def renumber(blocks: list[Block]) -> list[Block]:
    """Give blocks the ids ``b1..bN`` in order (segments ``bN.sM``), updating references.

    Ids are given by place: two blocks a reader made with one id (a page's stated section
    and the kicker over its title are both the ``cat`` category block) get two, where a
    map by id gave both the last one and the document then refused itself.
    """
    new: dict[str, str] = {}
    for i, b in enumerate(blocks, 1):
        new.setdefault(b.id, f"b{i}")  # references point at the first block of an id
    for b in blocks:
        own = b.meta.get("attr_blocks", {})
        for name, ref in own.items():
            own[name] = new.get(ref, ref)
        for entry in b.meta.get("markup", {}).values():
            refs = entry.get("attr_blocks", {})
            for name, ref in refs.items():
                refs[name] = new.get(ref, ref)
        if "attr_of" in b.meta:
            b.meta["attr_of"][0] = new.get(b.meta["attr_of"][0], b.meta["attr_of"][0])
    for i, b in enumerate(blocks, 1):
        b.id = f"b{i}"
        for j, seg in enumerate(b.segments, 1):
            seg.id = f"{b.id}.s{j}"
    return blocks
