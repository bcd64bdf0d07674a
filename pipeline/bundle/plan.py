"""Which pages the bundle holds: locales, slugs, QA status and language versions.

A plain function over the articles (no files): :func:`plan_site` decides every
page once, so the pages, the hreflang alternates, the sitemaps and the feeds
all agree on what is published. Everything is sorted, so the same articles
give the same plan whatever order they came in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property

from pipeline import markup
from pipeline.bundle.policy import HOLD, Issue, decide, page_issues
from pipeline.bundle.slugs import assign_slugs
from pipeline.document import TITLE, Article
from pipeline.errors import InputError
from pipeline.schema import standard_tag

# Language codes become folder names, so only BCP 47-shaped codes are accepted.
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Page:
    """One article in one language, with its QA status."""

    article: Article
    lang: str
    slug: str
    status: str
    issues: tuple[Issue, ...] = ()

    @property
    def path(self) -> str:
        """Path of the page inside the bundle, always ``<lang>/<slug>.html``."""
        return f"{self.lang}/{self.slug}.html"

    @property
    def published(self) -> bool:
        return self.status != HOLD

    @property
    def is_source(self) -> bool:
        return self.lang == self.article.source_lang

    @cached_property
    def machine(self) -> bool:
        """A translation with machine text left (:meth:`Article.machine_langs`): the page
        says it was machine-translated; one a translator post-edited throughout does not."""
        return not self.is_source and self.lang in self.article.machine_langs()

    @cached_property
    def noise(self) -> bool:
        """A translation by a tiny random test model (:meth:`Article.noise_langs`): its text
        is noise, so the page says so, carries ``noindex`` and no sitemap lists it."""
        return not self.is_source and self.lang in self.article.noise_langs()


@dataclass(frozen=True)
class SitePlan:
    """Every page of the bundle (held ones included) and the locale folders."""

    locales: tuple[str, ...]
    default_locale: str
    pages: tuple[Page, ...]

    def published(self, lang: str | None = None) -> list[Page]:
        """Published pages (of one locale), newest article first."""
        if lang is None:
            return [p for p in self.pages if p.published]
        return list(self._published_by_lang.get(lang, ()))

    def held(self) -> list[Page]:
        return [p for p in self.pages if not p.published]

    def versions(self, article_id: str) -> list[Page]:
        """The published language versions of one article, in locale order."""
        return list(self._versions_by_article.get(article_id, ()))

    @cached_property
    def _published_by_lang(self) -> dict[str, tuple[Page, ...]]:
        """Published pages per locale, found once: every page asks for its locale's and its
        article's versions (a scan of every page for each made a site of N articles cost
        N² steps: 800 articles took 5 s, a 10,000-article archive some 15 minutes)."""
        by_lang: dict[str, list[Page]] = {}
        for page in self.pages:
            if page.published:
                by_lang.setdefault(page.lang, []).append(page)
        return {lang: tuple(pages) for lang, pages in by_lang.items()}

    @cached_property
    def _versions_by_article(self) -> dict[str, tuple[Page, ...]]:
        """Published versions per article id, in locale order (see ``_published_by_lang``)."""
        by_article: dict[str, list[Page]] = {}
        for lang in self.locales:
            for page in self._published_by_lang.get(lang, ()):
                by_article.setdefault(page.article.id, []).append(page)
        return {article_id: tuple(pages) for article_id, pages in by_article.items()}

    def index_listing(self, lang: str, size: int) -> list[list[Page]]:
        """The locale's published pages cut into index pages of ``size`` (``[bundle]
        index_items``), newest first; one (empty) page for a locale with none."""
        pages = self.published(lang)
        return [pages[i : i + size] for i in range(0, len(pages), size)] or [[]]

    def noise_index(self, lang: str, size: int, number: int = 1) -> bool:
        """Index page ``number`` of the locale (``size`` articles a page) lists a page of
        noise (its title and first sentence are noise): ``noindex``, out of the hreflang
        cluster and the sitemap. By the articles that page lists: page 1 was ``noindex``
        for noise on page 3 (a test article long past), and page 3 counted as clean."""
        listing = self.index_listing(lang, size)
        return number <= len(listing) and any(p.noise for p in listing[number - 1])

    def unindexed_index(self, lang: str, size: int) -> bool:
        """The locale's first index page is kept out of search (``noindex``, hreflang and
        the sitemap): it lists noise (:meth:`noise_index`), or nothing (every translation
        held by the QA policy): an empty page was the locale's entry in every cluster."""
        return not self.published(lang) or self.noise_index(lang, size)

    def noise_indexes(self, size: int) -> list[tuple[str, int]]:
        """``(lang, number)`` of every index page that lists noise (:meth:`noise_index`)."""
        return [
            (lang, n)
            for lang in self.locales
            for n, shown in enumerate(self.index_listing(lang, size), 1)
            if any(p.noise for p in shown)
        ]

    def indexed_versions(self, article_id: str) -> list[Page]:
        """The versions search engines are pointed at (hreflang, sitemaps): not noise."""
        return [p for p in self.versions(article_id) if not p.noise]

    def indexed_x_default(self, article_id: str) -> Page | None:
        """``x-default`` among the indexed versions: a noise version gives way to the source."""
        page = self.x_default(article_id)
        if page is not None and page.noise:
            versions = self.indexed_versions(article_id)
            return next((v for v in versions if v.is_source), versions[0] if versions else None)
        return page

    def x_default(self, article_id: str) -> Page | None:
        """The version for ``x-default``: the default locale, else the source language."""
        versions = self.versions(article_id)
        for lang in (self.default_locale, versions[0].article.source_lang if versions else None):
            for p in versions:
                if p.lang == lang:
                    return p
        return versions[0] if versions else None


def check_lang(lang: object, where: str) -> str:
    """``lang`` as a locale folder name: a BCP 47 tag in its standard form (``en-GB``).

    Tags are case-insensitive, so a document's ``EN`` was refused as "not a language
    code", and ``en-gb`` beside another document's ``en-GB`` made two locales of one
    language (two folders that a case-insensitive file system merges, two hreflang
    entries). A tag in another form is refused with the form to write, as
    ``mtpipe translate`` writes it; translations are keyed by it, so it is not rewritten.
    """
    if not isinstance(lang, str) or not _LANG.match(lang.lower()):
        raise InputError(f"{where}: {lang!r} is not a language code such as it, en or fr")
    standard = standard_tag(lang)
    if standard != lang:
        raise InputError(
            f"{where}: language code {lang!r} is not in its standard form {standard!r} "
            "(tags are case-insensitive, and each language is one locale folder of the "
            f"site); write {standard!r} in the document, as `mtpipe translate` does"
        )
    return lang


def article_date(article: Article) -> dt.datetime | None:
    """The article's ``meta["date"]`` as a datetime (midnight for a bare date), or None."""
    value = article.meta.get("date")
    if value in (None, ""):
        return None
    try:
        date = dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise InputError(
            f"article {article.id!r}: date {value!r} is not an ISO 8601 date "
            "(YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS+HH:MM); fix the document's meta"
        ) from None
    from pipeline.readers.wordpress import with_post_zone  # only WordPress posts need it

    return with_post_zone(article.meta, date) if date.tzinfo is None else date


def article_langs(article: Article) -> list[str]:
    """Source language first, then the target languages, without repeats."""
    langs = [article.source_lang, *article.target_langs]
    where = f"article {article.id!r}"
    return [check_lang(lg, where) for i, lg in enumerate(langs) if lg not in langs[:i]]


def slug_text(article: Article) -> str:
    """What the page name is made from: the article's own ``meta["slug"]`` (a WordPress
    post's, or front matter's) when it has one, else its source title as plain text."""
    slug = article.meta.get("slug")
    if isinstance(slug, str) and slug.strip():
        return slug
    for block in article.blocks:
        if block.kind == TITLE:
            return markup.strip(block.text, markup.table_of(block.meta))
    return str(article.meta.get("title", ""))


def _newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles by their instant, newest first (a date or time without a zone taken
    as UTC, as the feed writes it), then undated ones; ties in article-id order. Sorting
    by the day alone listed the morning's article above the evening's."""
    by_id = sorted(articles, key=lambda a: a.id)
    dated = [(article_date(a), a) for a in by_id]
    with_date = sorted(
        ((d, a) for d, a in dated if d is not None), key=lambda da: _instant(da[0]), reverse=True
    )
    return [a for _, a in with_date] + [a for d, a in dated if d is None]


def _instant(value: dt.datetime) -> dt.datetime:
    """``value`` comparable with any other: one without a zone is taken as UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def plan_site(
    articles: list[Article],
    default_locale: str,
    policy: str,
    fail_severity: str = "error",
    earlier_slugs: Mapping[str, str] | None = None,
) -> SitePlan:
    """Decide the locales, slugs and the QA status of every page (``earlier_slugs``: the
    slugs of the bundle this one replaces, which its articles keep; see ``assign_slugs``)."""
    dupes = sorted(i for i, n in Counter(a.id for a in articles).items() if n > 1)
    if dupes:
        raise InputError(f"two documents share the article id {dupes[0]!r}; give each article once")
    ordered = _newest_first(articles)
    langs = {lg for a in ordered for lg in article_langs(a)}
    check_lang(default_locale, "[bundle] default_locale")
    locales = tuple(
        ([default_locale] if default_locale in langs else []) + sorted(langs - {default_locale})
    )
    slugs = assign_slugs(((a.id, slug_text(a)) for a in ordered), earlier_slugs)
    pages = []
    for lang in locales:
        for a in ordered:
            if lang in article_langs(a):
                issues = tuple(page_issues(a, lang, fail_severity))
                pages.append(Page(a, lang, slugs[a.id], decide(list(issues), policy), issues))
    return SitePlan(locales, default_locale, tuple(pages))
