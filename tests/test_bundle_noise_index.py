"""Index pages of tiny-model noise: each page by the articles it lists.

Page 1 of a locale's index was ``noindex`` (and out of the hreflang cluster and the
sitemap) when any of the locale's pages was noise, even one listed only on page 3; and
``robots.txt`` counted page 1 only, so noise listed on ``LANG/page/3/`` was not counted.
Seven articles, three an index page: page 1 lists a07-a05, page 2 a04-a02, page 3 a01.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bundle_fixtures import make_article, parse_page

from pipeline.bundle import build_bundle
from pipeline.config import BundleSettings

BASE = "https://news.example.org"
NOINDEX = '<meta name="robots" content="noindex">'
PAGE_OF = {n: 1 if n >= 5 else 2 if n >= 2 else 3 for n in range(1, 8)}  # article -> page


def _build(tmp_path: Path, noise: set[int]) -> Path:
    articles = [
        make_article(f"a{n:02d}", f"Articolo numero {n}", date=f"2024-01-{n:02d}", tiny=n in noise)
        for n in range(1, 8)
    ]
    out = tmp_path / "site"
    build_bundle(articles, out, BundleSettings(base_url=BASE, index_items=3))
    return out


def _index(site: Path, lang: str, number: int) -> Path:
    return site / lang / ("index.html" if number == 1 else f"page/{number}/index.html")


def _noindex(page: Path) -> bool:
    return NOINDEX in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "noise", [{1}, {3}, {7}, {1, 6}], ids=["page-3", "page-2", "page-1", "pages-1-and-3"]
)
def test_each_index_page_is_noindex_by_the_articles_it_lists(tmp_path, noise):
    site = _build(tmp_path, noise)
    noisy = {PAGE_OF[n] for n in noise}
    for lang in ("en", "fr"):
        for number in (1, 2, 3):
            assert _noindex(_index(site, lang, number)) == (number in noisy), (lang, number)
    for number in (1, 2, 3):  # the source's pages are never noise
        assert not _noindex(_index(site, "it", number))


def test_page_one_clean_of_noise_listed_later_stays_in_hreflang_and_sitemap(tmp_path):
    """Noise only on page 3: page 1 of ``en`` and ``fr`` is indexed as any clean page, in
    the locales' hreflang cluster (each answering the others) and in its sitemap."""
    site = _build(tmp_path, {1})
    for lang in ("it", "en", "fr"):
        links = parse_page(_index(site, lang, 1)).hreflangs()
        assert {"it", "en", "fr", "x-default"} == set(links)
        sitemap = (site / lang / "sitemap.xml").read_text(encoding="utf-8")
        assert f"<loc>{BASE}/{lang}/</loc>" in sitemap
        assert f"{BASE}/{lang}/a01" not in sitemap  # the noise article itself stays out
        assert parse_page(_index(site, lang, 3)).hreflangs() == {}  # later pages: none
    assert {"it", "en", "fr"} <= set(parse_page(site / "index.html").hreflangs())


def test_page_one_listing_noise_leaves_the_cluster_and_the_sitemap(tmp_path):
    """The other side: noise on page 1 (the newest article) keeps page 1 of ``en`` and
    ``fr`` out of every hreflang cluster and sitemap; the source's page 1 stays in."""
    site = _build(tmp_path, {7})
    for lang in ("en", "fr"):
        sitemap = (site / lang / "sitemap.xml").read_text(encoding="utf-8")
        assert f"<loc>{BASE}/{lang}/</loc>" not in sitemap
        assert parse_page(_index(site, lang, 1)).hreflangs() == {}
    assert set(parse_page(_index(site, "it", 1)).hreflangs()) == {"it", "x-default"}
    assert set(parse_page(site / "index.html").hreflangs()) == {"it", "x-default"}


@pytest.mark.parametrize(
    ("noise", "count"),
    [({1}, 2 * 1 + 2 * 1), ({1, 6}, 2 * 2 + 2 * 2), ({2, 3, 4}, 2 * 3 + 2 * 1)],
    ids=["page-3-only", "pages-1-and-3", "three-on-page-2"],
)
def test_robots_counts_every_index_page_of_noise(tmp_path, noise, count):
    """Article pages of noise (en, fr) plus each index page listing one, page 3 as page 1."""
    site = _build(tmp_path, noise)
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert robots.startswith(f"# {count} pages are machine translation by a tiny random")


def test_a_site_without_noise_has_no_noindex_index_page(tmp_path):
    site = _build(tmp_path, set())
    for lang in ("it", "en", "fr"):
        assert not any(_noindex(_index(site, lang, n)) for n in (1, 2, 3))
    assert not (site / "robots.txt").read_text(encoding="utf-8").startswith("#")


@pytest.mark.parametrize("held", [("en", "fr"), ("fr",)])
def test_a_locale_whose_every_translation_is_held_has_an_index_out_of_search(tmp_path, held):
    """qa_policy=hold holding every translation into a locale left its index page empty,
    yet indexed, in every page's hreflang cluster and in its sitemap (a soft 404 the
    other locales pointed to). It is ``noindex`` and out of both, as a page of noise."""
    articles = [
        make_article(f"a{n:02d}", f"Articolo numero {n}", date=f"2024-01-{n:02d}", errors=held)
        for n in range(1, 5)
    ]
    site = tmp_path / "site"
    build_bundle(articles, site, BundleSettings(base_url=BASE, index_items=3, qa_policy="hold"))
    shown = {"it", "en", "fr"} - set(held)
    for lang in ("it", "en", "fr"):
        sitemap = (site / lang / "sitemap.xml").read_text(encoding="utf-8")
        assert (f"<loc>{BASE}/{lang}/</loc>" in sitemap) == (lang in shown), lang
        assert _noindex(_index(site, lang, 1)) == (lang not in shown), lang
        assert lang in shown or not (site / lang / "page").exists()  # no empty page 2
    for lang in sorted(shown):
        assert set(parse_page(_index(site, lang, 1)).hreflangs()) == shown | {"x-default"}
    assert set(parse_page(site / "index.html").hreflangs()) == shown | {"x-default"}
