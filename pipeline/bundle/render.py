"""HTML pages from the Jinja2 templates, with Babel's gettext installed per locale.

Autoescaping is on for every template, so article text (a ``<script>`` in a
paragraph included) is always shown as text. The article body with its markup
(links, emphasis, lists, quotes from HTML, WordPress or Markdown input) is
rendered by the HTML writer and passed through nh3, an allowlist sanitizer
(https://nh3.readthedocs.io), so links and emphasis show and nothing
executable, no style and no remote resource gets through. Page content is prepared here
as plain values; the templates only lay it out and hold the UI msgids, so
Babel's extractor finds them. The CSS is inlined and pinned by a hash in the
page's Content-Security-Policy, so a page loads nothing from anywhere.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import posixpath
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import nh3
from babel.lists import format_list
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from pipeline import __version__, markup
from pipeline.bundle.i18n import LocaleText, autonym
from pipeline.bundle.plan import Page, SitePlan, article_date
from pipeline.bundle.policy import NOTICE
from pipeline.document import CATEGORY, PARAGRAPH, TITLE, Article, Block

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ROOT_INDEX = "index.html"
REQUIRED_MARK = Markup('<span class="required" aria-hidden="true">*</span>')


@dataclass(frozen=True)
class Site:
    """What every page needs to know about the whole bundle."""

    plan: SitePlan
    texts: dict[str, LocaleText]
    base_url: str
    site_name: str
    comment_action: str = ""
    feed_items: int = 50  # [bundle] feed_items: the newest N articles in each feed
    index_items: int = 50  # [bundle] index_items: articles per index page

    def url(self, path: str) -> str:
        """Absolute URL of a bundle path; index pages get their folder URL (``…/en/``)."""
        if path == ROOT_INDEX or path.endswith("/" + ROOT_INDEX):
            path = path[: -len(ROOT_INDEX)]
        return f"{self.base_url.rstrip('/')}/{path}"


def index_path(lang: str, number: int = 1) -> str:
    """Bundle path of a locale's index page ``number``: ``LANG/index.html``, then
    ``LANG/page/2/index.html`` ... (WordPress's ``/page/2/``, so each page has a folder URL)."""
    return f"{lang}/{ROOT_INDEX}" if number == 1 else f"{lang}/page/{number}/{ROOT_INDEX}"


def index_pages(site: Site, lang: str) -> list[list[Page]]:
    """The locale's published pages cut into index pages of ``site.index_items``, newest
    first; one (empty) page for a locale with none. Every article is on one of them."""
    return site.plan.index_listing(lang, site.index_items)


def href(from_path: str, to_path: str) -> str:
    """Relative link between two bundle paths (works on any host and from files)."""
    return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")


def block_text(block: Block, lang: str, source_lang: str) -> str:
    """A block in ``lang`` as plain text: the original for the source language, else the
    translation (inline markup markers removed, inline code kept, a stray placeholder
    dropped: :func:`without_stray_markers`)."""
    table = markup.table_of(block.meta)
    if lang == source_lang or not block.segments:
        return markup.strip(block.text, table)
    return markup.strip(without_stray_markers(block.target_text(lang), block.text, table), table)


def without_stray_markers(text: str, source: str, table: markup.Table) -> str:
    """``text`` (a translation) without the placeholders its block has no entry for and its
    source does not write as text (``<g1></g1>`` in a hand-edited title over a plain one, a
    model's ``<x3/>`` after the repair): a page never shows placeholder markup (was: the
    bundle page's ``<h1>``, ``<title>``, index link and feed showed ``<g1></g1>``). A
    marker-shaped text the source itself has (an article about markup) stays."""

    def kept(m: re.Match[str]) -> str:
        return m.group(0) if (m.group(3) or m.group(2)) in table or m.group(0) in source else ""

    return markup.MARKER.sub(kept, text)


# What the article body may hold once sanitized (no script, style, iframe, form, embed);
# links keep only http(s)/mailto URLs (``url_schemes`` below); images only https or
# same-site sources (``_attribute_filter``), the schemes the page's CSP ``img-src`` allows.
BODY_TAGS = frozenset(
    {"p", "h2", "h3", "h4", "h5", "h6", "a", "em", "strong", "b", "i", "u", "s", "span",
     "sup", "sub", "br", "code", "pre", "kbd", "ul", "ol", "li", "blockquote", "cite", "q",
     "figure", "figcaption", "dl", "dt", "dd", "hr", "div", "small", "mark", "abbr", "del",
     "ins", "time", "img", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
     "details", "summary", "bdo", "bdi", "ruby", "rt", "rp", "address"}
)  # fmt: skip
BODY_ATTRIBUTES = {
    "*": {"class", "lang", "dir", "title", "id"},  # id: a same-page link's target only
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height"},
    "details": {"open"},
    "ol": {"start", "reversed", "type"},  # the numbering the text refers to ("comma b)")
    "li": {"value"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
}


def article_body(article: Article, lang: str) -> Markup:
    """The body (title excluded) in ``lang`` as sanitized HTML, ready for the template,
    whose ``<h1>`` is the title: a body H1 goes one level down (writers.common.under_title)."""
    from pipeline.writers.common import under_title
    from pipeline.writers.html import body_blocks, render_fragment

    blocks = [block_without_stray_markers(b, lang) for b in body_blocks(article, title=False)]
    blocks = _shortcodes_shown(article, lang, under_title(blocks))
    html = render_fragment(article, lang, blocks)
    clean = nh3.clean(
        html,
        tags=set(BODY_TAGS),
        attributes={k: set(v) for k, v in BODY_ATTRIBUTES.items()},
        url_schemes={"http", "https", "mailto"},
        attribute_filter=_attribute_filter(_link_targets(html)),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return Markup(re.sub(r"\n{2,}", "\n", clean).strip())  # noqa: S704  (sanitized by nh3 above)


def block_without_stray_markers(block: Block, lang: str) -> Block:
    """``block`` with its ``lang`` translations :func:`without_stray_markers` (a copy where
    one changes), so the body shows no placeholder either."""
    table, segments, changed = markup.table_of(block.meta), [], False
    for seg in block.segments:
        tr = seg.translations.get(lang)
        text = without_stray_markers(tr.text, seg.source, table) if tr else ""
        if tr is not None and text != tr.text:
            seg = replace(seg, translations={**seg.translations, lang: replace(tr, text=text)})
            changed = True
        segments.append(seg)
    return replace(block, segments=segments) if changed else block


def _shortcodes_shown(article: Article, lang: str, blocks: list[Block]) -> list[Block]:
    """``blocks`` with each site-generator shortcode as what its page shows, its translated
    ``title`` and ``caption`` (writers.common.shortcodes_as_text, as in ``ID.LANG.txt``):
    a bundle page runs no shortcodes, and its readers would see their syntax as text."""
    from pipeline.writers.common import attr_texts, shortcodes_as_text

    attr_for = attr_texts(article, lang)
    out = []
    for block in blocks:
        table = markup.table_of(block.meta)
        shown = shortcodes_as_text(table, attr_for(block)) if table else table
        changed = shown != table
        out.append(replace(block, meta={**block.meta, "markup": shown}) if changed else block)
    return out


def _attribute_filter(targets: frozenset[str]) -> Any:
    """nh3 attribute filter: an image source stays only when https or same-site (relative),
    so every image shown is one the CSP ``img-src 'self' data: https:`` lets load; an
    ``http:`` source is removed (the image shows its alt text) rather than blocked silently.
    An ``id`` stays only where a link of the same body targets it (``targets``)."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            scheme = urlsplit(value.strip()).scheme.lower()
            return value if scheme in ("", "https") else None
        if attribute == "id":
            return value if value in targets else None
        return value

    return keep


def _link_targets(html: str) -> frozenset[str]:
    """The ids the body's own links point at (``href="#fn1"``, a WordPress footnote's
    ``#uuid``, a table of contents' ``#sezione``): these keep their ``id`` on the page, so
    the link reaches its target (was: every id but a Markdown footnote's dropped). No other
    id of the source reaches the page, nor one of the page's own (``comments``, ``respond``:
    a second element of that id would take its links) or one outside the plain characters
    of ``_SAFE_ID`` (which a script could read as a global name)."""
    found = {unescape(m) for m in _FRAGMENT_LINK.findall(html)}
    return frozenset(i for i in found if _SAFE_ID.fullmatch(i) and i not in _page_ids())


_FRAGMENT_LINK = re.compile(r'<a\b[^>]*?\shref="#([^"]+)"', re.IGNORECASE)
# Letters, digits, "-", "_", ":" and "." (fnref1:2, a WordPress footnote's UUID, sec-2.1),
# starting with a letter or digit.
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_:.-]{0,127}")


@lru_cache(maxsize=1)
def _page_ids() -> frozenset[str]:
    """The ids the site's templates give the page around the body."""
    found: set[str] = set()
    for template in (Path(__file__).parent.parent / "templates").glob("*.html"):
        found |= set(re.findall(r'\bid="([^"{}]+)"', template.read_text(encoding="utf-8")))
    return frozenset(found)


def article_title(article: Article, lang: str) -> str:
    """The title in ``lang``; the article id where it shows nothing.

    A title of only white space or invisible characters (``"   "``, no-break and
    ideographic spaces, a zero-width space, a soft hyphen) made an ``<h1>``, a ``<title>``
    and an index link with no text to see or click, where an empty one gave the id.
    """
    for block in article.blocks:
        if block.kind == TITLE:
            title = block_text(block, lang, article.source_lang)
            return title if shows_text(title) else article.id
    title = str(article.meta.get("title") or "")
    return title if shows_text(title) else article.id


def article_authors(article: Article) -> list[str]:
    """The names in ``meta["author"]`` (a string, or a list of them as front matter may
    give), as written: a person's name is never translated. Blank ones show nothing."""
    value = article.meta.get("author")
    names = value if isinstance(value, list) else [value]
    return [n.strip() for n in names if isinstance(n, str) and shows_text(n)]


# How many of the body's first text blocks a byline of the article's own may sit in (a
# kicker, the standfirst, then "di NAME — ROMA"): past them a name is the story's, not a byline.
_BYLINE_BLOCKS = 3


def header_byline(article: Article) -> str:
    """The names the page header's byline shows, ``", "``-joined; "" when the article's
    body already opens with its byline (every name within its first text blocks: a
    Markdown line "di Giulia Rossi", an HTML page's byline paragraph), which a header
    byline would only repeat."""
    names = article_authors(article)
    texts = [b.text for b in article.blocks if b.kind == PARAGRAPH][:_BYLINE_BLOCKS]
    if names and all(any(name in text for text in texts) for name in names):
        return ""
    return ", ".join(names)


_INVISIBLE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})


def shows_text(text: str) -> bool:
    """Whether ``text`` has a character that shows: not a space, line or paragraph
    separator, control or format character (Unicode categories Z*, Cc, Cf)."""
    return any(not (ch.isspace() or unicodedata.category(ch) in _INVISIBLE) for ch in text)


def article_description(article: Article, lang: str) -> str | None:
    """The page's description in ``lang`` for ``<meta name="description">``: the source
    page's own (an HTML page's meta ``description``, a WordPress post's Yoast one, a
    Markdown input's front-matter ``description``: writers.html.head_fields); None
    without one. Translated as article text, so a search result shows the article's
    language, not the source's."""
    from pipeline.writers.common import plain_text
    from pipeline.writers.html import head_fields

    own = [b for b in article.blocks if "description" in head_fields(b)]
    text = plain_text(own[0], lang, article.source_lang).strip() if own else ""
    return text or None


def category_name(article: Article, text: LocaleText) -> str | None:
    """The categories in the page's language as one label (``Cronaca e Politica``: CLDR's
    list pattern of the locale), or None without one."""
    names = category_names(article, text)
    return format_list(names, style="standard", locale=text.locale) if names else None


def category_names(article: Article, text: LocaleText) -> list[str]:
    """Each category in the page's language, from the ``categories`` catalog where known.

    A document's ``meta["category"]`` may be a list of names (Markdown front matter
    ``category: [Cronaca, Politica]``): it was shown as Python wrote the list,
    ``['Cronaca', 'Politica']``, on every page, index and feed tag.
    """
    blocks = [b for b in article.blocks if b.kind == CATEGORY]
    if blocks:  # each category a block (a label's, one a line: readers.page)
        names = [_category_block_name(b, article, text) for b in blocks]
        return [n for n in dict.fromkeys(names) if n.strip()]
    value = article.meta.get("category")
    values = value if isinstance(value, list) else [value]
    return [
        text.category(str(v))
        for v in values
        if isinstance(v, str | int | float) and not isinstance(v, bool) and str(v).strip()
    ]


def _category_block_name(block: Block, article: Article, text: LocaleText) -> str:
    """A category block's name in the page's language (its catalog entry's where known)."""
    if any(s.msgid for s in block.segments):
        return " ".join(text.category(s.msgid or s.source) for s in block.segments)
    return block_text(block, text.lang, article.source_lang)


def lede(article: Article, lang: str) -> str:
    """The first sentence of the first paragraph with text a reader sees (an index teaser;
    no text is cut), as ``ID.LANG.txt`` shows it (writers.text.shown_text): a shortcode
    as its translated caption, never its syntax (was: ``[caption id=…]`` and an Italian
    ``{{< figure caption="…" >}}`` in every locale's index)."""
    from pipeline.writers.text import shown_text

    for block in article.blocks:
        if block.kind != PARAGRAPH or block.meta.get("part") is not None:
            continue
        if block.segments:
            seg = block.segments[0]
            tr = seg.translations.get(lang)
            text = seg.source if lang == article.source_lang or tr is None else tr.text
            text = without_stray_markers(text, seg.source, markup.table_of(block.meta))
            first = shown_text(article, lang, replace(block, text=text, segments=[])).strip()
            if first:
                return first
        if whole := shown_text(article, lang, block).strip():
            return whole
    return ""


def make_environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


class Renderer:
    """Renders the pages of one locale (one Jinja2 environment with that locale's gettext)."""

    def __init__(self, site: Site, lang: str) -> None:
        self.site = site
        self.text = site.texts[lang]
        self.env = make_environment()
        self.env.install_gettext_translations(self.text.translations, newstyle=False)  # type: ignore[attr-defined]
        css = self.env.get_template("_style.css").render()
        digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
        self.env.globals.update(
            css=Markup(css),
            csp=_csp(digest, site.comment_action),
            site_name=site.site_name,
            comment_action=site.comment_action,
            required_mark=REQUIRED_MARK,
            generator=f"mtpipe {__version__}",
        )

    def _common(
        self,
        path: str,
        alternates: list[tuple[str, str]],
        switcher: list[dict[str, Any]],
        noindex: bool = False,
    ) -> dict[str, Any]:
        """Context every page shares: lang, canonical and hreflang URLs, navigation, and
        ``noindex`` for a page of tiny-model noise (``<meta name="robots">``)."""
        lang = self.text.lang
        return {
            "noindex": noindex,
            "description": None,  # an article page's own (article_description)
            "lang": lang,
            "dir": self.text.direction,
            "canonical": self.site.url(path),
            "alternates": [{"hreflang": h, "url": self.site.url(t)} for h, t in alternates],
            "home": href(path, index_path(lang)),
            "feed": href(path, f"{lang}/feed.json") if path != ROOT_INDEX else None,
            "switcher": switcher,
            "newer": None,  # an index page's neighbours (index): rel="prev" / rel="next"
            "older": None,
            "page_number": 1,
        }

    def _switch(self, path: str, targets: list[tuple[str, str]]) -> list[dict[str, Any]]:
        return [
            {
                "lang": lg,
                "href": href(path, target),
                "autonym": autonym(self.site.texts[lg]),
                "current": target == path,
            }
            for lg, target in targets
        ]

    def article(self, page: Page) -> str:
        site, lang, a = self.site, self.text.lang, page.article
        versions = site.plan.versions(a.id)
        date = article_date(a)
        context = self._common(
            page.path,
            page_alternates(site.plan, page),
            self._switch(page.path, [(v.lang, v.path) for v in versions]),
            noindex=page.noise,
        )
        context.update(
            title=article_title(a, lang),
            authors=header_byline(a),
            description=article_description(a, lang),
            category=category_name(a, self.text),
            date=self.text.date(date) if date else None,
            date_iso=machine_date(date),
            comments=_comment_count(a),
            notice_mt=page.machine,
            notice_tiny=page.noise,
            notice_qa=page.status == NOTICE,
            body_html=article_body(a, lang),
            other_versions=[
                {
                    "lang": v.lang,
                    "href": href(page.path, v.path),
                    "name": self.text.language_name(v.lang),
                }
                for v in versions
                if v.lang != lang
            ],
        )
        return self.env.get_template("article.html").render(context)

    def index(self, number: int = 1, pages: list[list[Page]] | None = None) -> str:
        """Index page ``number`` of the locale (:func:`index_pages`), linked to its newer
        and older neighbours. Page 1 is in the locales' hreflang cluster; a later page is
        not (:func:`listing_alternates`). ``pages`` saves cutting the list again per page."""
        site, lang = self.site, self.text.lang
        pages = pages if pages is not None else index_pages(site, lang)
        path = index_path(lang, number)
        shown = pages[number - 1]
        noise = any(p.noise for p in shown) or not shown  # by what it lists (noise_index)
        targets = [(lg, path if lg == lang else index_path(lg)) for lg in site.plan.locales]
        context = self._common(
            path,
            [] if noise else listing_alternates(site, number),
            self._switch(path, targets),
            noindex=noise,
        )
        context.update(
            items=[self._teaser(path, page) for page in shown],
            page_number=number,
            newer=href(path, index_path(lang, number - 1)) if number > 1 else None,
            older=href(path, index_path(lang, number + 1)) if number < len(pages) else None,
        )
        return self.env.get_template("index.html").render(context)

    def _teaser(self, path: str, page: Page) -> dict[str, Any]:
        """One article as an index page lists it."""
        lang = self.text.lang
        date = article_date(page.article)
        return {
            "href": href(path, page.path),
            "title": article_title(page.article, lang),
            "category": category_name(page.article, self.text),
            "date": self.text.date(date) if date else None,
            "date_iso": machine_date(date),
            "lede": lede(page.article, lang),
            "noise": page.noise,
        }

    def languages(self) -> str:
        """The root page: a language chooser, and the ``x-default`` of the index pages."""
        targets = [(lg, index_path(lg)) for lg in self.site.plan.locales]
        context = self._common(
            ROOT_INDEX, index_alternates(self.site), self._switch(ROOT_INDEX, targets)
        )
        context["home"] = ROOT_INDEX
        return self.env.get_template("languages.html").render(context)


def article_alternates(plan: SitePlan, article_id: str) -> list[tuple[str, str]]:
    """``(hreflang, path)`` of an article's versions for search engines: a version of
    tiny-model noise is ``noindex`` and left out (hreflang to it would point at noise)."""
    alternates = [(v.lang, v.path) for v in plan.indexed_versions(article_id)]
    x_default = plan.indexed_x_default(article_id)
    if x_default is not None:
        alternates.append(("x-default", x_default.path))
    return alternates


def page_alternates(plan: SitePlan, page: Page) -> list[tuple[str, str]]:
    """The ``hreflang`` links of an article page: none on a ``noindex`` page (noise).

    The other versions leave it out of their alternates (they must not point search
    engines at noise), so its own links to them were answered by none: a hreflang
    cluster must be reciprocal and name itself, and an audit flags every such link. A
    page outside the cluster says nothing about it; its language switcher still links
    the versions for readers.
    """
    return [] if page.noise else article_alternates(plan, page.article.id)


def listing_alternates(site: Site, number: int) -> list[tuple[str, str]]:
    """The ``hreflang`` links of index page ``number``: page 1's cluster, none on later pages.

    Google's hreflang links name "localized versions of the same page", each answered by
    a link back. Page 2 of ``en`` and of ``fr`` are not that: each locale lists its own
    published articles (a held translation, an article with one version fewer shifts
    every later page), and one locale may have fewer pages, whose link would then be
    answered by none. So later pages carry a self-canonical and rel prev/next (Google:
    each page of a series its own canonical URL, linked in sequence) and no hreflang;
    the language switcher still leads readers to each locale's index.
    """
    return index_alternates(site) if number == 1 else []


def index_alternates(site: Site) -> list[tuple[str, str]]:
    """``(hreflang, path)`` of the locales' first index pages, those listing noise or
    nothing left out (only page 1 is in the cluster: :func:`listing_alternates`)."""
    plan, size = site.plan, site.index_items
    indexed = [(lg, index_path(lg)) for lg in plan.locales if not plan.unindexed_index(lg, size)]
    return [*indexed, ("x-default", ROOT_INDEX)]


def machine_date(value: dt.datetime | None) -> str | None:
    """``<time datetime>`` value: a bare date stays a date (``2024-11-30``)."""
    if value is None:
        return None
    if value.tzinfo is None and value.time() == dt.time():
        return value.date().isoformat()
    return value.isoformat()


def _comment_count(article: Article) -> int:
    value = article.meta.get("comment_count", 0)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def _csp(style_digest: str, comment_action: str) -> str:
    """A policy that allows only the inline stylesheet, posting the comment form and images
    from the site or any https host (the sanitizer keeps only those image sources)."""
    form = "'self'"
    parts = urlsplit(comment_action)
    if parts.scheme in ("http", "https") and parts.netloc:
        form += f" {parts.scheme}://{parts.netloc}"
    return (
        f"default-src 'none'; style-src 'sha256-{style_digest}'; img-src 'self' data: https:; "
        f"base-uri 'none'; form-action {form}"
    )
