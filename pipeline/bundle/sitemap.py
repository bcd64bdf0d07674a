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


# sitemaps.org: at most 50,000 URLs and 50 MiB (uncompressed) per sitemap file; a locale
# past either gets further parts (LANG/sitemap-2.xml ...), each listed in the sitemap index.
MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _tostring(root: ET.Element) -> str:
    ET.indent(root)
    return _HEAD + ET.tostring(root, encoding="unicode") + "\n"


def _url(
    site: Site, path: str, alternates: list[tuple[str, str]], lastmod: str | None
) -> ET.Element:
    url = ET.Element(f"{{{SITEMAP_NS}}}url")
    ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = site.url(path)
    if lastmod:
        ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = lastmod
    for hreflang, target in alternates:
        ET.SubElement(
            url,
            f"{{{XHTML_NS}}}link",
            {"rel": "alternate", "hreflang": hreflang, "href": site.url(target)},
        )
    return url


def _locale_urls(site: Site, lang: str) -> list[ET.Element]:
    """The ``<url>`` entries of one locale: its index page and its published articles."""
    plan = site.plan
    urls = []
    if not plan.unindexed_index(lang, site.index_items):  # page 1: later ones in no sitemap
        urls.append(_url(site, index_path(lang), index_alternates(site), None))
    for page in plan.published(lang):
        if page.noise:  # tiny-model noise: noindex, and no sitemap lists it
            continue
        alternates = article_alternates(plan, page.article.id)
        date = article_date(page.article)
        urls.append(_url(site, page.path, alternates, date.date().isoformat() if date else None))
    return urls


def part_path(lang: str, n: int) -> str:
    """Bundle path of a locale's sitemap part ``n`` (1: ``LANG/sitemap.xml``, as always)."""
    return f"{lang}/{SITEMAP_INDEX}" if n == 1 else f"{lang}/sitemap-{n}.xml"


def locale_sitemaps(site: Site, lang: str) -> dict[str, str]:
    """The sitemap of one locale (bundle path -> text), in as many parts as the protocol's
    limits need: one file held every URL, and a large archive's (over 50,000 articles, or
    50 MiB of entries with many locales) was a sitemap search engines refuse whole."""
    parts: list[list[ET.Element]] = [[]]
    size = 0
    empty = len(_tostring(ET.Element(f"{{{SITEMAP_NS}}}urlset")).encode())
    for url in _locale_urls(site, lang):
        ET.indent(url, level=1)
        # as it stands in the file: indented one level, on a line of its own
        entry = len(ET.tostring(url, encoding="unicode").encode()) + 3
        if parts[-1] and (len(parts[-1]) >= MAX_URLS or empty + size + entry > MAX_BYTES):
            parts.append([])
            size = 0
        parts[-1].append(url)
        size += entry
    files = {}
    for n, urls in enumerate(parts, 1):
        urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
        urlset.extend(urls)
        files[part_path(lang, n)] = _tostring(urlset)
    return files


def sitemap_index(site: Site, sitemaps: list[str]) -> str:
    """The sitemap index at the bundle root, pointing at each locale's sitemap (parts)."""
    root = ET.Element(f"{{{SITEMAP_NS}}}sitemapindex")
    for path in sitemaps:
        entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}sitemap")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = site.url(path)
    return _tostring(root)


def robots_txt(site: Site) -> str:
    """``robots.txt`` that allows crawling and names the sitemap index.

    Pages of tiny-model noise are kept out of search by their own ``noindex`` and by the
    sitemaps leaving them out, not by ``Disallow``: a crawler that may not fetch a page
    never reads its ``noindex``, and a disallowed URL can still be indexed from links to
    it. A comment says how many pages are noise, for whoever reads the file.
    """
    noise: list[object] = [p for p in site.plan.published() if p.noise]
    noise += site.plan.noise_indexes(site.index_items)  # index pages, LANG/page/N/ too
    note = (
        f"# {len(noise)} pages are machine translation by a tiny random test model (noise): "
        'they carry <meta name="robots" content="noindex"> and no sitemap lists them\n'
        if noise
        else ""
    )
    return f"{note}User-agent: *\nAllow: /\n\nSitemap: {site.url(SITEMAP_INDEX)}\n"
