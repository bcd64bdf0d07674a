"""Sitemaps: one per locale, with ``xhtml:link`` alternates, under a sitemap index.

Follows sitemaps.org 0.9 and Google's hreflang-in-sitemap form: every
``<url>`` lists all its language versions, itself included, plus
``x-default``. Built with ElementTree (escaping included) in plan order.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from pipeline.bundle.plan import article_date
from pipeline.bundle.render import Site, article_alternates, index_alternates, index_path

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
ET.register_namespace("", SITEMAP_NS)
ET.register_namespace("xhtml", XHTML_NS)

SITEMAP_INDEX = "sitemap.xml"


def _tostring(root: ET.Element) -> str:
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _url(
    urlset: ET.Element,
    site: Site,
    path: str,
    alternates: list[tuple[str, str]],
    lastmod: str | None,
) -> None:
    url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
    ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = site.url(path)
    if lastmod:
        ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
    for hreflang, target in alternates:
        ET.SubElement(
            url,
            f"{{{XHTML_NS}}}link",
            {"rel": "alternate", "hreflang": hreflang, "href": site.url(target)},
        )


def locale_sitemap(site: Site, lang: str) -> str:
    """The sitemap of one locale: its index page and its published articles."""
    plan = site.plan
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    if not plan.noise_index(lang):
        _url(urlset, site, index_path(lang), index_alternates(plan), None)
    for page in plan.published(lang):
        if page.noise:  # tiny-model noise: noindex, and no sitemap lists it
            continue
        alternates = article_alternates(plan, page.article.id)
        date = article_date(page.article)
        _url(urlset, site, page.path, alternates, date.date().isoformat() if date else None)
    return _tostring(urlset)


def sitemap_index(site: Site) -> str:
    """The sitemap index at the bundle root, pointing at each locale's sitemap."""
    root = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for lang in site.plan.locales:
        entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = site.url(f"{lang}/{SITEMAP_INDEX}")
    return _tostring(root)


def robots_txt(site: Site) -> str:
    """``robots.txt`` that allows crawling and names the sitemap index.

    Pages of tiny-model noise are kept out of search by their own ``noindex`` and by the
    sitemaps leaving them out, not by ``Disallow``: a crawler that may not fetch a page
    never reads its ``noindex``, and a disallowed URL can still be indexed from links to
    it. A comment says how many pages are noise, for whoever reads the file.
    """
    noise = [p for p in site.plan.published() if p.noise]
    noise += [lg for lg in site.plan.locales if site.plan.noise_index(lg)]  # index pages
    note = (
        f"# {len(noise)} pages are machine translation by a tiny random test model (noise): "
        'they carry <meta name="robots" content="noindex"> and no sitemap lists them\n'
        if noise
        else ""
    )
    return f"{note}User-agent: *\nAllow: /\n\nSitemap: {site.url(SITEMAP_INDEX)}\n"
