"""A large archive: the feed carries the newest articles, the index is cut into pages.

Every article of a 10,000-article site was in each ``LANG/feed.json`` with its whole
text (tens of MB, polled by every reader) and on one index page nobody could load.
Expected labels are WordPress's own translations of its posts-navigation msgids
(fr_FR, it_IT), not read back from the catalogs under test.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path

import pytest
from bundle_fixtures import make_article, parse_page

from pipeline.bundle import build_bundle
from pipeline.config import BundleSettings, load_config
from pipeline.errors import ConfigError

BASE = "https://news.example.org"


def _articles(count: int) -> list:
    """``count`` articles, ``a01`` the oldest; the newest first is ``a{count}``."""
    return [
        make_article(
            f"a{n:02d}", f"Articolo numero {n}", date=f"2024-{1 + n // 28:02d}-{1 + n % 28:02d}"
        )
        for n in range(1, count + 1)
    ]


def _build(tmp_path: Path, count: int, **kw) -> Path:
    out = tmp_path / "site"
    build_bundle(_articles(count), out, BundleSettings(base_url=BASE, **kw))
    return out


def _article_links(site: Path, page: Path) -> list[str]:
    """Article pages an index page links to, as bundle paths, in page order."""
    rel = page.relative_to(site).as_posix()
    found = []
    for anchor in parse_page(page).anchors:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), anchor.get("href", "")))
        if (
            target.endswith(".html")
            and "/page/" not in target
            and not target.endswith("index.html")
        ):
            found.append(target)
    return found


def _ids(site: Path, lang: str, paths: list[str]) -> list[str]:
    report = json.loads((site / "_report.json").read_text())
    by_path = {p["path"]: p["article"] for p in report["pages"] if p["lang"] == lang}
    return [by_path[p] for p in paths]


def test_the_feed_carries_only_the_newest_articles(tmp_path):
    site = _build(tmp_path, 7, feed_items=3)
    for lang in ("it", "en", "fr"):
        feed = json.loads((site / lang / "feed.json").read_text())
        urls = [item["url"] for item in feed["items"]]
        assert len(urls) == 3
        dates = [item["date_published"] for item in feed["items"]]
        assert dates == sorted(dates, reverse=True)
        assert dates[0].startswith("2024-01-08")  # a07, the newest
        assert dates[-1].startswith("2024-01-06")  # a05; a04 and older are not in it


def test_the_default_feed_is_fifty_items_and_older_articles_stay_in_sitemap_and_index(tmp_path):
    site = _build(tmp_path, 55)
    feed = json.loads((site / "en" / "feed.json").read_text())
    assert len(feed["items"]) == 50
    sitemap = (site / "en" / "sitemap.xml").read_text()
    assert sitemap.count("<url>") == 1 + 55  # the index page and every article
    listed = _article_links(site, site / "en" / "index.html")
    listed += _article_links(site, site / "en" / "page" / "2" / "index.html")
    assert sorted(_ids(site, "en", listed)) == [f"a{n:02d}" for n in range(1, 56)]


def test_the_index_is_cut_into_pages_newest_first_with_every_article_once(tmp_path):
    site = _build(tmp_path, 7, index_items=3)
    pages = [
        site / "fr" / "index.html",
        *(site / "fr" / "page" / str(n) / "index.html" for n in (2, 3)),
    ]
    assert all(p.is_file() for p in pages)
    assert not (site / "fr" / "page" / "4").exists() and not (site / "fr" / "page" / "1").exists()
    listed = [_ids(site, "fr", _article_links(site, p)) for p in pages]
    assert listed == [["a07", "a06", "a05"], ["a04", "a03", "a02"], ["a01"]]


def test_index_pages_link_older_and_newer_in_the_pages_language(tmp_path):
    site = _build(tmp_path, 7, index_items=3)
    first, middle, last = (
        parse_page(site / "fr" / "index.html"),
        parse_page(site / "fr" / "page" / "2" / "index.html"),
        parse_page(site / "fr" / "page" / "3" / "index.html"),
    )

    def rels(page):
        return {a["rel"]: a["href"] for a in page.anchors if a.get("rel") in ("prev", "next")}

    def heads(page):
        return {ln["rel"]: ln["href"] for ln in page.links if ln.get("rel") in ("prev", "next")}

    assert rels(first) == {"next": "page/2/index.html"} == heads(first)
    assert rels(middle) == {"prev": "../../index.html", "next": "../3/index.html"} == heads(middle)
    assert rels(last) == {"prev": "../2/index.html"} == heads(last)
    assert "Articles plus anciens" in first.text and "Articles plus récents" not in first.text
    assert "Articles plus anciens" in middle.text and "Articles plus récents" in middle.text
    assert "Older posts" not in middle.text and "Newer posts" not in middle.text
    it_middle = parse_page(site / "it" / "page" / "2" / "index.html")
    assert "Articoli meno recenti" in it_middle.text and "Articoli più recenti" in it_middle.text
    assert "Pagina 2" in (site / "it" / "page" / "2" / "index.html").read_text()


def test_later_index_pages_are_self_canonical_without_hreflang(tmp_path):
    """Page 1 is the locales' hreflang cluster; page 2 of each lists its own articles."""
    site = _build(tmp_path, 7, index_items=3)
    first = parse_page(site / "en" / "index.html")
    assert set(first.hreflangs()) == {"it", "en", "fr", "x-default"}
    assert first.canonical() == f"{BASE}/en/"
    second = parse_page(site / "en" / "page" / "2" / "index.html")
    assert second.canonical() == f"{BASE}/en/page/2/"
    assert second.hreflangs() == {}


def test_a_list_that_fills_one_page_exactly_has_no_second_page(tmp_path):
    site = _build(tmp_path, 3, index_items=3)
    assert not (site / "en" / "page").exists()
    page = parse_page(site / "en" / "index.html")
    assert not [a for a in page.anchors if a.get("rel") in ("prev", "next")]
    assert "Older posts" not in page.text


def test_a_smaller_rebuild_leaves_no_stale_index_pages(tmp_path):
    out = tmp_path / "site"
    build_bundle(_articles(7), out, BundleSettings(base_url=BASE, index_items=3))
    assert (out / "en" / "page" / "3" / "index.html").is_file()
    build_bundle(_articles(4), out, BundleSettings(base_url=BASE, index_items=3))
    assert (out / "en" / "page" / "2" / "index.html").is_file()
    assert not (out / "en" / "page" / "3").exists()
    build_bundle(_articles(2), out, BundleSettings(base_url=BASE, index_items=3))
    assert not (out / "en" / "page").exists()


@pytest.mark.parametrize("key", ["feed_items", "index_items"])
@pytest.mark.parametrize("value", ["0", "-1", '"ten"'])
def test_a_feed_or_page_size_that_is_no_count_is_refused(tmp_path, key, value):
    path = tmp_path / "c.toml"
    path.write_text(f"[bundle]\n{key} = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert f"bundle.{key}" in str(caught.value)
