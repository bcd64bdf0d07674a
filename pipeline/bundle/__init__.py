"""The localised static site bundle (an I/O edge): ``build_bundle``.

One folder per locale with index pages (``[bundle] index_items`` articles each,
linked newer/older), one page per article, a JSON Feed of the newest
``[bundle] feed_items`` articles and a sitemap of them all; at the root a language
chooser, the sitemap index, ``robots.txt`` and ``_report.json``. Pages come from
Jinja2 templates with the locale's gettext catalogs; the QA policy decides which
translated pages are published. The same articles and settings give a byte-identical bundle.

Layout::

    index.html  sitemap.xml  robots.txt  _report.json
    <lang>/index.html  <lang>/<slug>.html  <lang>/feed.json  <lang>/sitemap.xml
    <lang>/page/2/index.html ...  (index pages of [bundle] index_items articles)
    <lang>/sitemap-2.xml ...  (past 50,000 URLs or 50 MiB: sitemap.MAX_URLS, MAX_BYTES)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from pipeline.bundle.feed import FEED_NAME, dump_json, locale_feed
from pipeline.bundle.i18n import load_locale
from pipeline.bundle.output import MARKER, earlier_slugs, write_tree
from pipeline.bundle.plan import SitePlan, plan_site
from pipeline.bundle.render import ROOT_INDEX, Renderer, Site, index_pages, index_path
from pipeline.bundle.report import BundleReport, PageRecord
from pipeline.bundle.sitemap import SITEMAP_INDEX, locale_sitemaps, robots_txt, sitemap_index
from pipeline.bundle.urls import normal_base_url
from pipeline.config import BundleSettings
from pipeline.document import Article
from pipeline.errors import InputError

__all__ = ["BundleReport", "PageRecord", "SitePlan", "build_bundle", "render_bundle"]


def render_bundle(
    articles: list[Article],
    settings: BundleSettings,
    qa_fail_severity: str = "error",
    earlier_slugs: Mapping[str, str] | None = None,
) -> tuple[dict[str, str], SitePlan]:
    """Every file of the bundle (bundle path -> text), without the report; no I/O.
    ``earlier_slugs`` (article id -> slug of the bundle replaced) keeps published URLs."""
    if not articles:
        raise InputError("no articles to bundle; give mtpipe document JSON files or folders")
    plan = plan_site(
        articles, settings.default_locale, settings.qa_policy, qa_fail_severity, earlier_slugs
    )
    site = Site(
        plan=plan,
        texts={lang: load_locale(lang) for lang in plan.locales},
        base_url=normal_base_url(settings.base_url),  # escaped (config.public_url), normal
        site_name=settings.site_name,
        comment_action=settings.comment_action,
        feed_items=settings.feed_items,
        index_items=settings.index_items,
    )
    files: dict[str, str] = {}
    sitemap_paths: list[str] = []
    for lang in plan.locales:
        renderer = Renderer(site, lang)
        listing = index_pages(site, lang)
        for number in range(1, len(listing) + 1):
            files[index_path(lang, number)] = renderer.index(number, listing)
        for page in plan.published(lang):
            files[page.path] = renderer.article(page)
        files[f"{lang}/{FEED_NAME}"] = dump_json(locale_feed(site, lang))
        sitemaps = locale_sitemaps(site, lang)
        sitemap_paths.extend(sitemaps)
        files.update(sitemaps)
    root_lang = plan.default_locale if plan.default_locale in plan.locales else plan.locales[0]
    files[ROOT_INDEX] = Renderer(site, root_lang).languages()
    files[SITEMAP_INDEX] = sitemap_index(site, sitemap_paths)
    files["robots.txt"] = robots_txt(site)
    return files, plan


def build_bundle(
    articles: list[Article],
    out_dir: Path,
    settings: BundleSettings,
    qa_fail_severity: str = "error",
) -> BundleReport:
    """Render the site for ``articles`` and swap it into ``out_dir`` atomically; an article
    the bundle there already has keeps its page names."""
    files, plan = render_bundle(articles, settings, qa_fail_severity, earlier_slugs(out_dir))
    report = BundleReport.from_plan(plan, Path(out_dir), settings.qa_policy, qa_fail_severity)
    files[MARKER] = dump_json(report.to_dict())
    write_tree(Path(out_dir), files)
    return replace(report, files=tuple(sorted(files)))
