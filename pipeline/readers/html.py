"""A whole scraped HTML page (doctype, head, nav, sidebar, comment form, scripts ...).

The article is found with trafilatura, a maintained main-content extractor
(https://trafilatura.readthedocs.io), which also gives title, date, author and
category from the page's metadata. Its plain text tells which element of the
DOM holds the article (the nearest common ancestor of the elements whose text
it kept); that element is then walked by :mod:`pipeline.readers.dom` so
headings, lists, quotes, figures with captions and inline markup survive,
which trafilatura's own output does not keep exactly. Boxes inside the article
that are page furniture (share buttons, related posts, tags, post meta) are
left out by their WordPress class names; the rest of the article's scope (its
``<article>``, ``<main>``, or what holds the headline and the text) outside that element
is recorded in ``meta["left_out"]``, never dropped silently. The comment form's strings are
matched through the gettext catalogs as in page text and become ``ui``
chrome; the rest of the page never reaches a model. The page's SEO title and
descriptions (``<title>``, meta description, Open Graph) with words the headline lacks
are text blocks after the body (:func:`head_blocks`). No article: exit 3.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from html import unescape as html_unescape
from typing import Any
from urllib.parse import urljoin

from lxml import etree

from pipeline.document import ALT, CATEGORY, PARAGRAPH, TITLE, UI, Article, Block, Segment
from pipeline.errors import InputError
from pipeline.markdown_syntax import FRONT, HEAD_FIELDS
from pipeline.readers import dom
from pipeline.readers.unclosed import UNCLOSED, hidden_amount_text, html_unclosed

_CHROME = re.compile(
    r"share|sharing|sharedaddy|social|related|newsletter|subscribe|advert|cookie|comment|"
    r"respond|widget|sidebar|breadcrumb|post-navigation|nav-links|tags-links|cat-links|"
    r"entry-meta|entry-footer|author-bio|byline|posted-on|screen-reader|adsbygoogle|"
    r"\bcode-block-\d+\b",  # the last two: Google AdSense, the Ad Inserter plugin
    re.IGNORECASE,
)
_COMMENT_AREA = "//*[@id='respond' or @id='comments' or contains(@class,'comment-respond')]"
_UI_TAGS = ("h2", "h3", "h4", "p", "label", "span", "a", "li", "div", "small")
_BLOCKISH = frozenset(
    {"div", "p", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "form", "section", "table"}
)
MAX_UI_LINES = 400
# Elements whose text may be one line of the extractor's: a table cell too (a live blog
# set as a table, its times in cells of their own: no row matched, exit 3).
_CANDIDATES = (
    "p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption", "dd", "div", "td", "th"
)  # fmt: skip
_ALNUM = re.compile(r"\W+")
_TEXT_ELEMENTS = dom.TEXT_TAGS | {"li"}
_KEY = 40


def sniff_html(text: str) -> bool:
    """A document that says it is HTML at its start."""
    head = text.lstrip()[:1024].lower()
    return head.startswith(("<!doctype html", "<html")) or (
        head.startswith("<") and ("<body" in head or "<head" in head)
    )


def _key(text: str) -> str:
    """A line's comparison key; entities decoded, as trafilatura decodes them once more
    than the DOM does ("&amp;copy;" is "&copy;" in the DOM and "©" in its text)."""
    return _ALNUM.sub("", html_unescape(text).lower())[:_KEY]


def is_chrome(el: Any) -> bool:
    """Page furniture inside an article, told by WordPress/theme class and id names, or by
    the markup that names what it is: a schema.org ``BreadcrumbList`` (``itemtype``), an
    ``aria-label`` or ``role`` of navigation ("breadcrumb", "Breadcrumbs").

    A box whose content is an embedded post or player (``div.social-media-embed`` around a
    ``blockquote.twitter-tweet`` or a YouTube iframe) is none, whatever its class says:
    the embed is article content, kept as it is in place (a share bar or related list
    inside it is still left out). A box with links outside its embeds (a related-videos
    list) stays furniture."""
    if _CHROME.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
        return not _embed_box(el) and not _byline_box(el)
    named = " ".join(str(el.get(a) or "") for a in ("itemtype", "aria-label", "role"))
    return bool(_CHROME_MARKUP.search(named))


# A theme's byline box (``div.byline``, ``p.entry-meta``, ``span.posted-on``): article text
# when its words read as a byline (``Di <a rel="author">Mario Rossi</a>``), whose name is
# kept and "di" localised as a bare line's is; furniture otherwise (a "Pubblicato il" box).
_BYLINE_CLASSES = frozenset({"byline", "entry-meta", "posted-on", "post-meta", "author"})


def _byline_box(el: Any) -> bool:
    """``el``'s chrome class names are all a byline's and its text reads as one."""
    from pipeline.protect.spans import byline_names

    names = f"{el.get('class') or ''} {el.get('id') or ''}".split()
    marked = [n for n in names if _CHROME.search(n)]
    if not all(n.lower() in _BYLINE_CLASSES for n in marked):
        return False
    return bool(byline_names(" ".join(dom.plain(el).split())))


def _embed_box(el: Any) -> bool:
    """``el`` holds an embed (:func:`dom.is_embed`) and no link outside its embeds."""
    if dom.is_embed(el) or not dom.holds_embed(el):
        return dom.is_embed(el)
    embeds = [d for d in el.iterdescendants() if isinstance(d.tag, str) and dom.is_embed(d)]
    inside = [x for e in embeds for x in e.iter("a")]  # a list: lxml proxies come and go
    return not any(a.get("href") and a not in inside for a in el.iter("a"))


# schema.org/BreadcrumbList and the ARIA names of a trail ("breadcrumb", "Breadcrumbs").
_CHROME_MARKUP = re.compile(r"BreadcrumbList|breadcrumb", re.IGNORECASE)


_RELATED_TAGS = frozenset(
    {"p", "div", "li", "ul", "ol", "h2", "h3", "h4", "h5", "h6", "td", "th"}
)  # a table cell too: a related link set in a table between paragraphs
# Elements that can be one unit of chrome text (a line): a paragraph, a heading, a list item.
_UNIT_TAGS = frozenset({"p", "div", "li", "dd", "h2", "h3", "h4", "h5", "h6", "span"})


def _around(el: Any, units: dict[Any, Any] | None = None) -> Callable[[int], Any]:
    """``el``'s siblings as units of the chrome rule (:mod:`pipeline.localise.boilerplate`);
    ``units`` keeps each element's unit for the rest of a walk (each is read once)."""
    from pipeline.localise.boilerplate import Unit

    known = {} if units is None else units

    def unit(offset: int) -> Unit | None:
        node = _sibling(el, offset)
        if node is None:
            return None
        if node not in known:
            known[node] = _unit(node)
        return known[node]

    return unit


_WIDGET_TAGS = frozenset({"button", "form", "input", "select", "nav", "dialog"})


def _unit(el: Any) -> Any:
    """``el`` as a unit of the chrome rule (:class:`pipeline.localise.boilerplate.Unit`)."""
    from pipeline.localise.boilerplate import Unit

    tag = dom.tag_of(el)
    if tag in _WIDGET_TAGS or is_chrome(el):
        return Unit("", widget=True)
    children = [c for c in el if dom.tag_of(c) is not None and not dom.is_hidden(c)]
    if tag == "div" and len(children) == 1 and not (el.text or "").strip():
        only = children[0]  # a wrapper (<div><p>Accetta</p></div>) is its one child's unit
        if not (only.tail or "").strip() and dom.tag_of(only) in _UNIT_TAGS | _WIDGET_TAGS:
            return _unit(only)
    if tag not in _UNIT_TAGS | _RELATED_TAGS:
        return Unit("", block=True)
    block = any(dom.tag_of(d) in _BLOCKISH for d in el.iterdescendants())
    links = any(a.get("href") for a in el.iter("a"))
    text = dom.plain(el)
    items = (
        tuple(dom.plain(li) for li in el if dom.tag_of(li) == "li") if tag in ("ul", "ol") else ()
    )
    outside = _outside_links(el) if links else text
    heading = tag in ("h1", "h2", "h3", "h4", "h5", "h6")
    link_texts = tuple(dom.plain(a) for a in el.iter("a") if a.get("href")) if links else ()
    return Unit(
        text, outside, links, block and not links, items, heading=heading, link_texts=link_texts
    )


def _sibling(el: Any, offset: int) -> Any | None:
    """The element ``offset`` places before (< 0) or after ``el`` (comments and hidden ones
    passed over), ``el`` itself for 0; None past the container's edge."""
    node, step = el, (1 if offset > 0 else -1)
    for _ in range(abs(offset)):
        node = node.getnext() if step > 0 else node.getprevious()
        while node is not None and (dom.tag_of(node) is None or dom.is_hidden(node)):
            node = node.getnext() if step > 0 else node.getprevious()
        if node is None:
            return None
    return node


class TextChrome:
    """What an element is when it is chrome among the article's text (the walk's
    ``aside``), by the one rule of :func:`pipeline.localise.boilerplate.chrome_at`: a
    related link or a breadcrumb trail alone; a share, newsletter or cookie line that no
    class marks only next to another chrome element. It is kept as it is, never
    translated, and named in the uncatalogued-chrome warning; a sentence on cookies among
    article text stays text. One per walk: each element's text is read once.
    """

    def __init__(self) -> None:
        self.units: dict[Any, Any] = {}

    def __call__(self, el: Any) -> str | None:
        from pipeline.localise.boilerplate import RELATED, chrome_at

        if dom.tag_of(el) == "blockquote" and _EMBEDDED_POST in (el.get("class") or "").split():
            return RELATED  # WordPress's embed of another post: its link, the iframe's fallback
        if dom.tag_of(el) not in _UNIT_TAGS | _RELATED_TAGS or dom.is_hidden(el):
            return None
        kind = chrome_at(_around(el, self.units))
        return kind.what if kind is not None else None


# The class WordPress gives a post embed (oEmbed of a post of the site, often a related
# article): ``<blockquote class="wp-embedded-content"><a href>Titolo</a></blockquote>``, the
# fallback of the ``<iframe class="wp-embedded-content">`` beside it, which is kept as it is.
_EMBEDDED_POST = "wp-embedded-content"


def _outside_links(el: Any) -> str:
    """``el``'s text outside its ``<a>`` elements (comments and scripts left out)."""
    parts = [el.text or ""]
    for child in el:
        if dom.tag_of(child) not in (None, "a", *dom.SKIP_TAGS):
            parts.append(_outside_links(child))
        parts.append(child.tail or "")
    return "".join(parts)


# htmldate (trafilatura's date finder, https://htmldate.readthedocs.io) with its extensive
# search guesses a date from a copyright line ("© 2024" -> 2024-01-01) or a link's URL; only
# a date the page states (meta tags, <time>, date elements) is kept, else the article has none.
_STATED_DATE = {"extensive_search": False, "original_date": True}


# libxml2 builds no element deeper than this without lxml's huge_tree (and, recovering, drops
# the rest of the page without an exception): a tree that reaches it may have been cut.
_LIBXML_DEPTH = 255


def _extractor_tree(text: str, where: str) -> Any | None:
    """The page as trafilatura loads it (``trafilatura.load_html``, its public API: its
    repairs, its parser and its check that the text is HTML at all), or None when
    trafilatura takes it for no HTML page.

    trafilatura's parser stops at 256 nested elements and drops the rest of the page
    without a word (a page with a tag left open per paragraph reaches that); a tree that
    deep is parsed again as trafilatura would, with lxml's ``huge_tree``, and a page
    deeper than the readers go is refused (InputError, see dom.check_depth).
    """
    import trafilatura

    tree = trafilatura.load_html(text)
    if tree is None or dom.depth(tree) < _LIBXML_DEPTH:
        return tree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True,
        remove_pis=True, huge_tree=True,
    )  # fmt: skip
    try:
        deep = lxml_html.fromstring(text, parser=parser)
    except ValueError:  # a str with an XML encoding declaration: lxml wants bytes
        deep = lxml_html.fromstring(text.encode("utf-8"), parser=parser)
    dom.check_depth(parser, deep, where)
    return deep


def _extract(text: str, where: str) -> dict[str, Any]:
    import trafilatura

    tree = _extractor_tree(text, where)
    doc = None
    if tree is not None:
        doc = trafilatura.bare_extraction(
            tree,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_precision=True,
            date_extraction_params=_STATED_DATE,
        )
    data = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    if not (data.get("text") or "").strip():
        if not re.search(r"<[A-Za-z!/]", text):
            raise InputError(f"{where}: holds no HTML markup; if it is plain text, name it .txt")
        if (hidden := html_unclosed(text)) is not None:
            raise InputError(
                f"{where}: no article found in the page: {hidden['what']} opened at line "
                f"{hidden['line']} ({hidden['opener']!r}) is never closed, so everything after "
                f"it is hidden ({hidden_amount_text(hidden)}); close it with "
                f"{hidden['close']!r} where it should end"
            )
        raise InputError(f"{where}: no article found in the page (only navigation and chrome)")
    return data


# The word a byline puts before the name ("di Mario Rossi", "a cura di", "by", "par"),
# which the extractor keeps, capitalised, in the author field.
_BYLINE_WORD = re.compile(r"^(?:a\s+cura\s+di|di|by|par|von|por)\s+(?=\w)", re.IGNORECASE)


def _byline_name(author: str, page_text: str) -> str:
    """``Di Mario Rossi`` -> ``Mario Rossi`` when the page's byline reads "di Mario Rossi".

    Only a lower-case byline word in the page is dropped: "Di Maio" is a surname.
    """
    m = _BYLINE_WORD.match(author)
    if m and f"{m.group(0).strip().lower()} {author[m.end() :]}" in page_text:
        return author[m.end() :]
    return author


def _byline_author(body: list[Block]) -> str | None:
    """The names of the article's byline paragraph (``di Giulia Rossi — <time>…``), among
    the first blocks, where the extractor found no author: the page states it there."""
    from pipeline.protect.spans import byline_names

    for block in body[:4]:
        if block.kind == PARAGRAPH and (names := byline_names(block.text)):
            return ", ".join(names)
    return None


def _container(root: Any, article_text: str, where: str) -> Any:
    """The nearest common ancestor of the DOM elements holding the extracted text."""
    keys = {_key(line) for line in article_text.splitlines() if len(_key(line)) >= 8}
    found = _holding(root, lambda k: len(k) >= 8 and k in keys)
    if not found:  # the extractor joined blocks into one line (an article in a layout table)
        whole = _ALNUM.sub("", html_unescape(article_text).lower())
        found = _holding(root, lambda k: len(k) >= 20 and k in whole)
    if not found:
        raise InputError(f"{where}: no article found in the page (its text is not in the DOM)")
    common = list(found[0].iterancestors())[::-1] + [found[0]]
    for el in found[1:]:
        chain = {id(a) for a in el.iterancestors()} | {id(el)}
        while common and id(common[-1]) not in chain:
            common.pop()
    container = common[-1] if common else root
    # One matched paragraph (a short article whose other lines the extractor left out):
    # its own element is no article container, so a figure or list beside it was lost.
    while dom.tag_of(container) in _TEXT_ELEMENTS and container.getparent() is not None:
        container = container.getparent()
    return container


def _holding(root: Any, matches: Callable[[str], bool]) -> list[Any]:
    """Candidate elements outside chrome whose text key ``matches`` the extracted text,
    their text read as the page shows it or as the extractor does (:func:`_extractor_cleaned`)."""
    cleaned = _extractor_cleaned()
    return [
        el
        for el in root.iter(*_CANDIDATES)
        if not _inside_chrome(el)
        and (matches(_key(dom.plain(el))) or matches(_key(dom.plain(el, cleaned))))
    ]


def _extractor_cleaned() -> frozenset[str]:
    """The elements trafilatura removes with their text before it looks for the article
    (``trafilatura.settings.MANUALLY_CLEANED``: ``<time>``, ``<button>``, ``<label>`` ...).

    A live blog's entry ``<li><time>10:02</time> Affluenza al 12%</li>`` is the line
    "Affluenza al 12%" in its text: matched by the whole ``<li>`` text, no entry was, the
    article's container shrank to the one section beside the list, and every entry was
    dropped without a trace (the page had no ``<article>`` or ``<main>`` to record it in).
    """
    from trafilatura.settings import MANUALLY_CLEANED

    return dom.SKIP_TAGS | frozenset(MANUALLY_CLEANED)


def _inside_chrome(el: Any) -> bool:
    return any(
        is_chrome(a) or dom.tag_of(a) in ("nav", "aside", "form") for a in el.iterancestors()
    )


def _chrome_areas(root: Any, container: Any) -> list[Any]:
    """Page furniture around the article: theme boxes by class name and the comment area."""
    inside = set(container.iter())
    areas = [el for el in root.iter() if isinstance(el.tag, str) and is_chrome(el)]
    areas += root.xpath(_COMMENT_AREA)
    return [el for el in areas if el not in inside]


def _unseen(el: Any) -> bool:
    """A theme's string no reader of the page sees: hidden, or for screen readers only
    (the header's "Vai al contenuto" skip link, "Categorie:" before the category links),
    which ``ID.LANG.txt`` and ``.md`` would show as text; kept out of the page's chrome
    lines, as the rest of the page around the article is."""
    return dom.is_hidden(el) or dom.screen_reader_only(el)


def _ui_strings(root: Any, container: Any, lang: str) -> tuple[list[Block], list[Block]]:
    """Strings of the page chrome that the catalogs know, as ``ui`` blocks (header, footer).

    The theme's boxes around the article (post meta, tags, post navigation,
    share and related-posts titles, the comment form) are looked up line by
    line, as in page text; what the catalogs do not know is dropped, never
    sent to MT. Bounded: at most MAX_UI_LINES distinct lines are looked up.
    """
    from pipeline.localise.chrome import match_chrome_line
    from pipeline.readers.page import chrome_block

    nodes = list(root.iter())  # keeps lxml's element proxies alive, so their ids are stable
    order = {id(el): i for i, el in enumerate(nodes)}
    at = order[id(container)]
    header: list[Block] = []
    footer: list[Block] = []
    seen: set[str] = set()
    matched: set[int] = set()
    for area in _chrome_areas(root, container):
        for el in area.iter(*_UI_TAGS):
            if len(seen) >= MAX_UI_LINES or any(id(a) in matched for a in el.iterancestors()):
                continue
            if any(dom.tag_of(d) in _BLOCKISH for d in el.iterdescendants()):
                continue  # a container: its lines are looked up one by one
            line = dom.plain(el)
            if not line or len(line) > 200 or line in seen or _unseen(el):
                continue
            seen.add(line)
            side = header if order.get(id(el), 0) < at else footer
            strings = match_chrome_line(line, position="header" if side is header else "footer")
            if strings is not None:
                matched.add(id(el))
                side.append(chrome_block(f"u{len(seen)}", UI, line, strings, lang))
    return header, footer


# Between a headline and the site's name in <title> or og:title ("Titolo | Il Giornale").
_SITE_SEPARATOR = re.compile(r"\s+[|–—:·»/-]+\s+")
_SITE_SEPARATOR_END = re.compile(r"\S\s+[|–—:·»/-]+\s+$")


def _title(extracted: str | None, container: Any, root: Any) -> str | None:
    """The headline: the page's ``<h1>`` when the extracted title is it plus the site name.

    trafilatura takes the title from ``<title>``/``og:title``, which usually adds the
    site's name; the article's ``<h1>`` then did not match it, so the outputs had the
    title twice (once with the site name, sent to MT) and the headline as a paragraph.
    Compared with all white space alike: trafilatura makes a no-break space a space.
    """
    if not extracted:
        return extracted
    whole = _loose(_with_page_spaces(extracted, root))
    own = _own_h1(container)
    if own is not None and (heading := dom.plain(own)):
        return heading  # the article's own headline; another head title is a head field
    h1 = next(root.iter("h1"), None)
    if h1 is None:
        return whole
    heading = dom.plain(h1)
    return heading if _is_headline(whole, heading) else whole


def _own_h1(container: Any) -> Any | None:
    """The article's own ``<h1>``: the first in the container, else in its ``<article>``
    (a headline in the article's header, beside the text's box).

    Where the page's ``og:title`` or ``<title>`` is another text (a headline written for
    shares or search results), it was taken for the title: the outputs' H1 was that
    text, and the headline the page shows went down to an ``<h2>``. The headline is the
    title, and the other text a head field of its own (:func:`head_blocks`)."""
    if dom.tag_of(container) in ("body", "html"):
        return None  # the page itself: its first <h1> may be the site's logo
    article = next(container.iterancestors("article"), None)
    for scope in (container, article):
        for h1 in scope.iter("h1") if scope is not None else ():
            if not _inside_chrome(h1) and not dom.is_hidden(h1):
                return h1
    return None


def _is_headline(whole: str, heading: str) -> bool:
    """``whole`` (a ``<title>``, an ``og:title``) is ``heading``, alone or with the site's
    name: "Titolo", "Titolo | Il Giornale", "Il Giornale | Titolo" (white space alike)."""
    loose_heading, loose_whole = " ".join(heading.split()), " ".join(whole.split())
    if not heading or loose_whole == loose_heading:
        return bool(heading)
    rest = loose_whole[len(loose_heading) :]
    if loose_whole.startswith(loose_heading) and _SITE_SEPARATOR.match(rest):
        return True
    before = loose_whole[: len(loose_whole) - len(loose_heading)]
    return loose_whole.endswith(loose_heading) and bool(_SITE_SEPARATOR_END.search(before))


# The page's head fields a newsroom writes for search results and shares, each with its key
# in the document (``meta["key"]``, the Markdown output's front matter): its SEO title and
# description (HTML's <title> and meta description, Open Graph, X/Twitter cards). The one
# list is :data:`pipeline.markdown_syntax.HEAD_FIELDS` (the writers use it too), public
# here as ``HEAD_FIELDS``.
# A site's name after a title ("Titolo SEO – Le Journal"): a short last part after a spaced
# separator; the headline's own dashes have words on both sides that make it longer.
_SITE_TAIL = re.compile(r"\s+[|–—·»-]\s+(?P<site>[^|–—·»]{1,40})$")


def head_blocks(texts: dict[str, str], title: str | None, sitename: str | None) -> list[Block]:
    """The page's SEO title and description where they are not the headline, as text
    blocks after the body (``meta["part"]`` "front", ``meta["key"]``, ``meta["head"]``:
    the fields holding that text), translated as article text and written in the outputs'
    ``<title>``/``<meta>`` (writers.html) and front matter (writers.markdown).

    They are text the newsroom publishes (what a search result or a share shows), which
    no output had: a ``<title>`` or description that differs from the ``<h1>`` was
    neither translated nor recorded. The site's name after a title is kept as it is
    (a literal marker), never sent to MT; a title that is the headline, whole or cut,
    with the site's name or without (:func:`_headline_words`), or the name alone, makes
    no block. ``texts``: the fields' texts by name (:func:`head_texts`)."""
    groups: dict[str, list[str]] = {}
    for name, text in texts.items():
        if sitename and _same(text, sitename):
            continue
        if name.endswith("title") and title and _headline_words(text, title, sitename):
            continue
        groups.setdefault(text, []).append(name)
    blocks = []
    for text, names in groups.items():
        lead, own, site = (
            _site_parts(text, sitename) if names[0].endswith("title") else ("", text, "")
        )
        body, table = dom.attribute_text(own)
        for kept, at_end in ((lead, False), (site, True)):
            if kept:  # the site's name: a literal marker, never MT
                mid = str(len(table) + 1)
                table[mid] = {"tag": None, "attrs": {}, "text": kept}
                body = body + f"<x{mid}/>" if at_end else f"<x{mid}/>" + body
        meta: dict[str, Any] = {"tag": None, "part": FRONT, "key": HEAD_FIELDS[names[0]]}
        meta |= {"head": names, **({"markup": table} if table else {})}
        blocks.append(Block(id=f"h{len(blocks) + 1}", kind=PARAGRAPH, text=body, meta=meta))
    return blocks


def _headline_words(text: str, title: str, sitename: str | None) -> bool:
    """A head title that is the headline, with the site's name or without, or the headline
    cut (its words a run of the headline's: "Borsa" of "La Borsa di Milano chiude in
    calo", the first words of a long one): no words the headline lacks, so no text of its
    own; the translated headline stands for it (a translation of the cut words apart
    could name the story otherwise)."""
    if _is_headline(text, title):
        return True
    words = _WORD.findall(_site_parts(text, sitename)[1].casefold())
    heading = _WORD.findall(title.casefold())
    n = len(words)
    return n > 0 and any(heading[i : i + n] == words for i in range(len(heading) - n + 1))


_WORD = re.compile(r"\w+")


def head_texts(root: Any) -> dict[str, str]:
    """The page's head fields (:data:`HEAD_FIELDS`) that hold words, in that order."""
    found: dict[str, str] = {}
    title = _page_title(root)
    if title is not None:
        found["title"] = dom.plain(title)
    for meta in root.iter("meta"):
        name = str(meta.get("property") or meta.get("name") or "").strip().lower()
        if name in HEAD_FIELDS and name not in found:
            found[name] = str(meta.get("content") or "")
    return _with_words(found)


def _page_title(root: Any) -> Any:
    """The ``<title>`` a browser shows: the head's, else the first in tree order (one in
    ``<body>``, which the page's title was without, dropped without a note); an SVG's or
    MathML's ``<title>`` names a drawing, and a ``<template>``'s is no part of the page."""
    head = root.find("head")
    title = head.find("title") if head is not None else None
    if title is not None:
        return title
    for title in root.iter("title"):
        if not any(a.tag in ("svg", "math", "template") for a in title.iterancestors()):
            return title
    return None


def _with_words(found: dict[str, str]) -> dict[str, str]:
    """``found`` in :data:`HEAD_FIELDS` order, white space collapsed, NFC, the fields
    without words left out."""
    texts = {k: unicodedata.normalize("NFC", _loose(v)) for k, v in found.items()}
    return {k: texts[k] for k in HEAD_FIELDS if k in texts and re.search(r"\w", texts[k])}


# Yoast SEO's fields of a REST API post (``yoast_head_json``) by the head field they fill.
_YOAST = {
    "title": "title", "og_title": "og:title", "twitter_title": "twitter:title",
    "description": "description", "og_description": "og:description",
    "twitter_description": "twitter:description",
}  # fmt: skip


def yoast_head_texts(post: dict[str, Any]) -> tuple[dict[str, str], str | None]:
    """A WordPress post's SEO title and descriptions from Yoast SEO's ``yoast_head_json``
    (what its REST API response carries; entities decoded), by head field name, and the
    site's name it states; ``({}, None)`` without."""
    yoast = post.get("yoast_head_json")
    if not isinstance(yoast, dict):
        return {}, None
    found = {
        field: html_unescape(yoast[key])
        for key, field in _YOAST.items()
        if isinstance(yoast.get(key), str)
    }
    site = yoast.get("og_site_name")
    return _with_words(found), html_unescape(site) if isinstance(site, str) else None


def _site_parts(text: str, sitename: str | None) -> tuple[str, str, str]:
    """``text`` as (the site's name before it, its own words, the site's name after it),
    each name kept as written with its separator: the page's stated name at either end,
    else a short last part of at most four words after a spaced separator ("" where none)."""
    lead = ""
    if sitename and (m := _SITE_LEAD.match(text)) and _same(m.group("site"), sitename):
        lead, text = text[: m.end()], text[m.end() :]
    m = _SITE_TAIL.search(text)
    if m is None or m.start() == 0:
        return lead, text, ""
    site = m.group("site").strip()
    guess = not sitename and len(site.split()) <= 4 and len(text[: m.start()].split()) > 1
    if guess or (sitename and _same(site, sitename)):
        return lead, text[: m.start()], text[m.start() :]
    return lead, text, ""


# The site's name before a title ("Il Giornale | Titolo SEO"), told only by the stated name.
_SITE_LEAD = re.compile(r"^(?P<site>[^|–—·»]{1,40}?)\s+[|–—·»-]\s+(?=\S)")


def _same(name: str, sitename: str) -> bool:
    return _loose(name).casefold() == _loose(sitename).casefold()


def _loose(text: str) -> str:
    """Runs of layout white space as one space; no-break spaces kept (dom.KEPT_SPACES)."""
    return dom.COLLAPSIBLE_SPACE.sub(" ", text).strip()


def _with_page_spaces(extracted: str, root: Any) -> str:
    """trafilatura's title as the page writes it: its ``<title>``, ``og:title`` or
    ``twitter:title`` text where that holds it with other white space (``10&nbsp;000``,
    which trafilatura made a plain space), else as extracted."""
    words = extracted.split()
    if not words:
        return extracted
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    sources = [dom.plain(t) for t in root.iter("title")]
    for meta in root.iter("meta"):
        if (meta.get("property") or meta.get("name")) in ("og:title", "twitter:title"):
            sources.append(str(meta.get("content") or ""))
    for text in sources:
        if found := pattern.search(_loose(text)):
            return found.group(0)
    return extracted


def _leave_out_around(container: Any, kept: frozenset[str], walker: dom.Walker) -> None:
    """Record the text of the article's scope (:func:`_article_scope`) that lies outside
    the container the extractor's text gave (an author bio or related box beside the
    text's ``<div>``, a paragraph or a live blog's entries the extractor took for
    boilerplate): it is not translated, but never dropped without a trace
    (:meth:`dom.Walker.leave_out`). ``kept``: lines the article has anyway (its title,
    catalog chrome)."""
    scope, page_parts = _article_scope(container, kept)
    if scope is None:
        return
    # what holds the text or the title is looked into (lists, not ids: lxml proxies come
    # and go); the rest is recorded box by box
    titles = [h for h in scope.iter("h1") if dom.plain(h) in kept]
    holding = [a for el in (container, *titles) for a in el.iterancestors()]

    def visit(el: Any) -> None:
        for child in el:
            if not isinstance(child.tag, str) or child is container:
                continue
            if child in holding:
                visit(child)
            elif dom.tag_of(child) in dom.SKIP_TAGS or dom.is_hidden(child):
                walker.leave_out_noscript(child)  # a <button> or <noscript> is recorded
            elif not (page_parts and _page_landmark(child)):
                walker.leave_out(child, kept)

    visit(scope)


def _article_scope(container: Any, kept: frozenset[str]) -> tuple[Any | None, bool]:
    """Where the article's text is, around the extractor's container: its ``<article>``,
    else its ``<main>`` (a live blog in ``<main>``), else the nearest element holding both
    the container and the title's ``<h1>`` (a page of ``<div>`` s whose headline stands
    beside the text's box, with a live blog's entries under it); None when the ``<h1>`` is
    inside the container or the page has none. The bool: the scope may hold the page's
    own header and footer (it is no ``<article>``), which are no article text."""
    for tag in ("article", "main"):
        if (found := next(container.iterancestors(tag), None)) is not None:
            return found, False
    root = container.getroottree().getroot()
    h1 = next((h for h in root.iter("h1") if dom.plain(h) in kept), None)
    if h1 is None or any(a is container for a in h1.iterancestors()):
        return None, False
    around = {id(a) for a in h1.iterancestors()}
    return next((a for a in container.iterancestors() if id(a) in around), None), True


def _page_parts(container: Any, title: str | None) -> Callable[[Any], bool] | None:
    """For a container that is no ``<article>``, ``<main>`` or part of one (a page of
    ``<div>`` s whose article text stands in ``<body>``): whether an element is the page's
    header, footer or sidebar (:func:`_page_landmark`) standing among the ``<div>`` s,
    not the one holding the headline. Read as text they went to MT; they stay outside
    the article as they are when the container is smaller. None: nothing to pass over."""
    if dom.tag_of(container) in ("article", "main") or any(
        True for _ in container.iterancestors("article", "main")
    ):
        return None

    def outside(el: Any) -> bool:
        if not _page_landmark(el) or any(title and dom.plain(h) == title for h in el.iter("h1")):
            return False
        for above in el.iterancestors():
            if above is container:
                return True
            if dom.tag_of(above) not in ("div", "body"):
                return False
        return False

    return outside


_LANDMARK_ROLES = frozenset({"banner", "contentinfo", "complementary", "navigation", "search"})


def _page_landmark(el: Any) -> bool:
    """The page's header, footer or sidebar (HTML's landmark elements and ARIA roles):
    no article text, never recorded as left out of it."""
    role = str(el.get("role") or "").strip().lower()
    return dom.tag_of(el) in ("header", "footer", "aside") or role in _LANDMARK_ROLES


def _not_kept(records: list[dict[str, Any]], blocks: list[Block]) -> list[dict[str, Any]]:
    """The left-out records (:meth:`dom.Walker.leave_out`) less the paragraphs the article
    keeps anyway as a block of its own: a furniture box's category link or date line read
    as the category or catalog chrome was counted in the warning as text left out."""
    kept = {b.text.strip() for b in blocks}
    out = []
    for record in records:
        paragraphs = [p for p in str(record.get("text", "")).split("\n") if p.strip() not in kept]
        if paragraphs:
            out.append({**record, "paragraphs": len(paragraphs), "text": "\n".join(paragraphs)})
    return out


def category_block(name: str, cat: Any) -> Block:
    """A ``category`` chrome block for a name the ``categories`` catalogs know."""
    seg = Segment(id="cat.s1", source=name, msgid=cat.msgid, domain=cat.domain)
    seg.msgctxt, seg.lang = cat.msgctxt, cat.lang
    return Block(id="cat", kind=CATEGORY, text=name, segments=[seg])


def make_category(blocks: list[Block], at: int) -> Block | None:
    """``blocks[at]`` made a ``category`` chrome block in place when its visible text is a
    section the ``categories`` catalogs know; that block, else None (nothing changed).

    The visible text: a kicker is often a link to the section's page or set in bold
    (``<a href="/cronaca">Cronaca</a>``, ``**Esteri**``); the category names the section.
    """
    from pipeline.localise.chrome import match_category
    from pipeline.markup import MARKER

    name = " ".join(MARKER.sub(" ", blocks[at].text).split())
    cat = match_category(name) if name else None
    if cat is None:
        return None
    blocks[at] = category_block(name, cat)
    return blocks[at]


def kicker_category(blocks: list[Block]) -> Block | None:
    """The kicker over the title ("Cronaca" in a paragraph just before the ``<h1>``, a
    breadcrumb trail or alt text between them allowed), made a ``category`` chrome block in
    place when the categories catalogs know it, so it is localised, never sent to MT (the
    page-text reader's kicker rule, for HTML and Markdown). Returns that block or None.
    """
    at = next((i for i, b in enumerate(blocks) if b.kind == TITLE), None)
    before = at - 1 if at is not None else -1
    while before >= 0 and (blocks[before].kind == ALT or blocks[before].meta.get("uncatalogued")):
        before -= 1
    if before < 0 or blocks[before].kind != PARAGRAPH:
        return None
    return make_category(blocks, before)


def first_category(names: list[str]) -> Block | None:
    """The category block of the first name the catalogs know, or None."""
    from pipeline.localise.chrome import match_category

    for name in names:
        cat = match_category(name)
        if cat is not None:
            return category_block(name, cat)
    return None


# Attributes holding one URL an output keeps (the walk drops the rest with their elements),
# and where a lazy loader keeps one (pipeline.readers.dom.lazy_sources).
_RESOLVED_ATTRS = ("href", "src", "poster", "cite", "background", "data", *dom.LAZY_SRC)
# A URL in a style (``background-image: url(img/bg.jpg)``), CSS's url() token.
_CSS_URL = re.compile(r"""(url\(\s*)(["']?)([^"')\s]+)(\2\s*\))""", re.I)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def resolve_base(root: Any) -> int:
    """Resolve the page's relative URLs against its base URL, as a browser does.

    The base is in the page's head, which no output keeps: written back into a CMS
    fragment, Markdown or the site, ``<a href="foto/1.html">`` under
    ``<base href="https://giornale.it/news/">`` would point somewhere else (a broken link,
    an image lost). A saved page has lost its own address, the other half of the base;
    the page states it in ``<link rel="canonical">`` or ``og:url`` (was: ignored, so
    ``href="/2024/05/x"`` and ``src="img.jpg"`` of a page with no ``<base>`` stayed
    relative in every output). With neither, relative URLs stay exactly as written: no
    address is guessed. Returns how many changed.
    """
    return resolve_urls(root, page_base(root))


def page_base(root: Any) -> str:
    """The base URL of a page: its ``<base href>`` (against its own address, when the
    page states one), else that address, its canonical link or else its ``og:url``
    (absolute web addresses only). "" when it has none (a ``javascript:`` base)."""
    found = root.xpath("(//base[@href])[1]/@href")
    base = str(found[0]).strip() if found else ""
    if base and not _web_or_relative(base):
        return ""
    own = ""
    for xpath in (_CANONICAL, _OG_URL):
        own = next((u for u in (str(v).strip() for v in root.xpath(xpath)) if absolute_url(u)), "")
        if own:
            break
    return urljoin(own, base) if own and base else base or own


# rel is a list of space-separated, case-insensitive keywords (HTML, "Link types").
_CANONICAL = (
    "//link[contains(concat(' ', translate(normalize-space(@rel), 'CANOICL', 'canoicl'), ' '),"
    " ' canonical ')]/@href"
)
_OG_URL = "//meta[@property='og:url' or @name='og:url']/@content"


def absolute_url(url: str) -> bool:
    """Whether ``url`` is an absolute web address (``https://host/…``), which alone can
    stand for the page's own address."""
    scheme = _SCHEME.match(url)
    return bool(scheme) and scheme.group(0).lower() in ("http:", "https:") and "//" in url[:8]


def _web_or_relative(url: str) -> bool:
    """Whether ``url`` may serve as a base: a web address or a relative one."""
    scheme = _SCHEME.match(url)
    return not scheme or scheme.group(0).lower() in ("http:", "https:")


def resolve_urls(root: Any, base: str) -> int:
    """Each relative ``href``, ``src``, ``srcset`` candidate and the like under ``root``
    resolved against ``base`` (nothing when it is ""); a link to a place in the page
    (``#nota1``) stays. Returns how many changed."""
    if not base:
        return 0
    changed = 0
    for el in root.iter():
        if not isinstance(el.tag, str):
            changed += _resolve_block_comment(el, base)
            continue
        for name in _RESOLVED_ATTRS:
            value = el.get(name)
            if value is not None and _relative(value):
                el.set(name, urljoin(base, value.strip()))
                changed += 1
        for name in ("srcset", *dom.LAZY_SRCSET):
            if el.get(name):
                el.set(name, _resolved_srcset(el.get(name), base))
        if "url(" in (el.get("style") or "").lower():
            el.set("style", _CSS_URL.sub(lambda m: _css_url(m, base), el.get("style")))
    return changed


def _css_url(m: re.Match[str], base: str) -> str:
    """A ``url(…)`` of a style with its relative URL resolved against ``base``."""
    url = m[3]
    if not _relative(url) or url.lower().startswith("data:"):
        return m[0]
    return m[1] + m[2] + urljoin(base, url) + m[4]


# A URL attribute of a Gutenberg block delimiter (``<!-- wp:cover {"url":"img.jpg"} -->``,
# ``wp:file {"href":…}``, ``wp:media-text {"mediaLink":…}``): the editor rebuilds the
# block's HTML from them, so one left relative beside a resolved ``src`` made the block
# "invalid content". Only the value is rewritten, the delimiter byte for byte otherwise.
_BLOCK_URL = re.compile(r'("(?:url|href|src|link|mediaUrl|mediaLink|poster)":")([^"\\]*)(")')


def _resolve_block_comment(node: Any, base: str) -> int:
    """Resolve the relative URL attributes of a Gutenberg block delimiter comment."""
    text = node.text or ""
    if not isinstance(node, etree._Comment) or not text.lstrip().startswith("wp:"):
        return 0
    count = 0

    def one(m: re.Match[str]) -> str:
        nonlocal count
        if not _relative(m[2]):
            return m[0]
        count += 1
        return m[1] + urljoin(base, m[2].strip()) + m[3]

    node.text = _BLOCK_URL.sub(one, text)
    return count


def _relative(url: str) -> bool:
    """Whether ``url`` is resolved against a base: not absolute, not a place in the page."""
    url = url.strip()
    return bool(url) and not url.startswith("#") and not _SCHEME.match(url)


def _resolved_srcset(srcset: str, base: str) -> str:
    """A ``srcset`` (``a.jpg 1x, b.jpg 2x``) with each relative candidate URL resolved."""
    out = []
    for candidate in srcset.split(","):
        parts = candidate.strip().split(None, 1)
        if parts and _relative(parts[0]):
            parts[0] = urljoin(base, parts[0])
        out.append(" ".join(parts))
    return ", ".join(p for p in out if p)


def parse_html_page(
    text: str, article_id: str, source_lang: str = "it", where: str = ""
) -> Article:
    """A scraped page -> Article (see the module docstring); InputError when no article."""
    where = where or article_id
    text = dom.without_xml_declaration(text)
    data = _extract(text, where)
    root = dom.parse_html(text, where)
    resolve_base(root)
    container = _container(root, data["text"], where)
    title = _title((data.get("title") or "").strip() or None, container, root)
    walker = dom.Walker(
        title=title, skip=is_chrome, source_lang=source_lang, aside=TextChrome(), file_lines=True
    )
    walker.outside = _page_parts(container, title)
    walker.container(container)
    body = walker.blocks
    kicker = kicker_category(body)
    if title and not any(b.kind == TITLE for b in body):
        body.insert(0, Block(id="t", kind=TITLE, text=title))
    categories = [c for c in data.get("categories") or [] if isinstance(c, str)]
    category = first_category(categories)
    header, footer = _ui_strings(root, container, source_lang)
    kept = frozenset(b.text for b in header + footer) | {title or ""}
    _leave_out_around(container, kept, walker)
    blocks = ([category] if category else []) + header + body + footer
    blocks += head_blocks(head_texts(root), title, data.get("sitename"))
    meta: dict[str, Any] = {k: data[k] for k in ("title", "date", "author") if data.get(k)}
    if title:
        meta["title"] = title
    if "author" in meta:
        meta["author"] = _byline_name(str(meta["author"]), dom.plain(root))
    elif author := _byline_author(body):
        meta["author"] = author
    if category is not None or kicker is not None:
        meta["category"] = (category or kicker).segments[0].msgid  # type: ignore[union-attr]
    elif categories:
        meta["category"] = categories[0]
    if data.get("tags"):
        meta["tags"] = list(data["tags"])
    if (hidden := html_unclosed(text)) is not None:  # never silent: plan warns
        meta[UNCLOSED] = [hidden | {"kept": "in no output"}]
    if records := _not_kept(walker.left_out, blocks):  # in page order: those inside the
        meta["left_out"] = sorted(records, key=lambda r: int(r.get("line") or 0))  # text first
    return Article(id=article_id, source_lang=source_lang, blocks=dom.renumber(blocks), meta=meta)
