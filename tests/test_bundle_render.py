"""The site bundle shows an article's markup through an allowlist sanitizer (nh3)."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pytest
from format_fixtures import POST, translated

from pipeline.bundle import build_bundle
from pipeline.bundle.render import article_body
from pipeline.config import BundleSettings
from pipeline.document import PARAGRAPH, Block, Segment, Translation
from pipeline.writers.text import render_text


def test_links_and_emphasis_show_in_the_bundled_article(tmp_path):
    article, _ = translated(POST)
    article.meta["date"] = "2024-11-30"
    report = build_bundle([article], tmp_path / "site", BundleSettings())
    [page] = [p for p in report.pages if p.lang == "en" and p.article == article.id]
    html = (tmp_path / "site" / page.path).read_text(encoding="utf-8")
    assert (
        '<a href="https://example.org/belousov" title="CHI È BELOUSOV" '
        'rel="noopener noreferrer nofollow">ANDREI BELOUSOV</a>'
    ) in html
    assert "<strong>PYONGYANG</strong>" in html and "<em>KCNA</em>" in html
    assert "<ul" in html and "<blockquote" in html and "<figcaption" in html
    assert "wp:paragraph" not in html  # block comments are not shown
    assert "<h1>BELOUSOV A PYONGYANG: «LEGAMI PIÙ FORTI»</h1>" in html  # title as text
    feed = json.loads((tmp_path / "site" / "en" / "feed.json").read_text(encoding="utf-8"))
    assert "<g1>" not in json.dumps(feed) and "CHI È BELOUSOV" not in json.dumps(feed)


def test_nothing_executable_gets_through():
    article, _ = translated(POST, langs=("en",))
    hostile = (
        "Clicca <g1>qui</g1> e <g2>qui</g2><x3/> "
        "<x4/><x5/>"  # an embed kept raw in the writer output
    )
    markup = {
        "1": {"tag": "a", "attrs": {"href": "javascript:alert(1)", "onclick": "alert(2)"}},
        "2": {"tag": "span", "attrs": {"style": "background:url(https://evil.example/x)"}},
        "3": {"tag": "img", "attrs": {"src": "https://evil.example/p.gif", "onerror": "x()"}},
        "4": {"tag": "script", "attrs": {}, "text": "alert(3)", "html": "alert(3)"},
        "5": {"tag": "img", "attrs": {"src": "javascript:alert(4)", "alt": "x"}},
    }
    block = Block("b99", PARAGRAPH, hostile, meta={"tag": "p", "markup": markup})
    block.segments = [Segment("b99.s1", hostile, translations={"en": Translation(hostile, "mt")})]
    article.blocks.append(block)
    body = str(article_body(article, "en"))
    for bad in ("javascript:", "onclick", "onerror", "<script", "alert(3)", "style="):
        assert bad not in body, bad
    assert "qui</a>" in body and "<span>qui</span>" in body
    assert '<img src="https://evil.example/p.gif">' in body  # an http(s) image shows, inert


def test_article_images_and_tables_show_in_the_bundled_article():
    article, _ = translated(POST, langs=("en",))
    cells = [("b97", "th", "Seggi"), ("b98", "td", "120")]
    for bid, tag, text in cells:
        wrap = [["table", 901, {}], ["tr", 902, {}]]
        block = Block(bid, PARAGRAPH, text, meta={"tag": tag, "wrap": wrap})
        block.segments = [Segment(f"{bid}.s1", text, translations={"en": Translation(text, "mt")})]
        article.blocks.append(block)
    image = Block("b99", "caption", "Foto", meta={"image": {"src": "https://cdn.example/a.jpg"}})
    image.segments = [Segment("b99.s1", "Foto", translations={"en": Translation("Photo", "mt")})]
    article.blocks.append(image)
    body = str(article_body(article, "en"))
    assert "<table><tbody><tr><th>Seggi</th><td>120</td></tr></tbody></table>" in body
    assert '<img src="https://cdn.example/a.jpg" alt="Photo">' in body


def _image_article(src: str):
    article, _ = translated(POST, langs=("en",))
    article.meta["date"] = "2024-11-30"
    image = Block("b99", "caption", "Foto", meta={"image": {"src": src}})
    image.segments = [Segment("b99.s1", "Foto", translations={"en": Translation("Photo", "mt")})]
    article.blocks.append(image)
    return article


def _csp_sources(html: str, directive: str) -> list[str]:
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
    assert policy, "the page has no Content-Security-Policy"
    for part in html_lib.unescape(policy.group(1)).split(";"):
        name, *sources = part.split() or [""]
        if name == directive:
            return sources
    return []


def test_the_page_policy_lets_the_https_images_it_shows_load(tmp_path):
    article = _image_article("https://cdn.example/a.jpg")
    report = build_bundle([article], tmp_path / "site", BundleSettings())
    [page] = [p for p in report.pages if p.lang == "en" and p.article == article.id]
    html = (tmp_path / "site" / page.path).read_text(encoding="utf-8")
    assert '<img src="https://cdn.example/a.jpg"' in html
    assert "https:" in _csp_sources(html, "img-src")
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert "img-src 'self' data: https:" in " ".join(readme.split())


def test_an_http_image_source_is_not_shown_where_the_policy_would_block_it():
    body = str(article_body(_image_article("http://cdn.example/a.jpg"), "en"))
    assert "http://cdn.example" not in body
    assert 'alt="Photo"' in body  # the image's text stays
    relative = str(article_body(_image_article("/media/a.jpg"), "en"))
    assert '<img src="/media/a.jpg" alt="Photo">' in relative


def _meta_descriptions(page_html: str) -> list[str]:
    """The ``content`` of each ``<meta name="description">`` of a page, as a browser reads it."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Metas(HTMLParser):
        def handle_starttag(self, tag, attrs):
            values = dict(attrs)
            if tag == "meta" and values.get("name") == "description":
                found.append(values.get("content") or "")

    Metas().feed(page_html)
    return found


_DESCRIBED_PAGE = (
    '<html><head><title>Il ponte crolla</title><meta name="description" content="Il '
    "&quot;crollo&quot; del ponte sul fiume: le cause &amp; i tempi &lt;della&gt; ricostruzione"
    '"></head><body><article><h1>Il ponte crolla</h1><p>Il ponte sul fiume è crollato ieri '
    "sera dopo la pioggia.</p></article></body></html>"
)


def test_an_article_page_carries_its_translated_description(tmp_path):
    """An HTML page's SEO description (a head-field block) and a Markdown input's
    front-matter ``description`` were in no ``<meta name="description">`` of the bundle's
    article pages: search results showed a snippet of the page. Escaped as an attribute."""
    page = tmp_path / "ponte.html"
    page.write_text(_DESCRIBED_PAGE, encoding="utf-8")
    md = tmp_path / "frana.md"
    md.write_text(
        "---\ntitle: La frana\ndescription: Una frana chiude la strada per il mare\n---\n\n"
        "La strada per il mare è chiusa da ieri.\n",
        encoding="utf-8",
    )
    bare = tmp_path / "nuda.md"
    bare.write_text("# Il voto\n\nIl consiglio ha votato ieri sera.\n", encoding="utf-8")
    articles = [translated(p, langs=("en",))[0] for p in (page, md, bare)]
    report = build_bundle(articles, tmp_path / "site", BundleSettings())
    pages = {p.article: (tmp_path / "site" / p.path).read_text(encoding="utf-8")
             for p in report.pages if p.lang == "en"}  # fmt: skip
    expected = 'IL "CROLLO" DEL PONTE SUL FIUME: LE CAUSE & I TEMPI <DELLA> RICOSTRUZIONE'
    assert _meta_descriptions(pages["ponte"]) == [expected]
    assert "<DELLA>" not in pages["ponte"]  # the text, never markup
    assert _meta_descriptions(pages["frana"]) == ["UNA FRANA CHIUDE LA STRADA PER IL MARE"]
    assert _meta_descriptions(pages["nuda"]) == []  # none of its own: none made up
    index = (tmp_path / "site" / "en" / "index.html").read_text(encoding="utf-8")
    assert _meta_descriptions(index) == []


def test_a_shortcode_shows_as_its_translated_caption_on_the_bundle_page(tmp_path):
    """A bundle page runs no shortcodes: its readers saw ``{{< figure src=… caption=… >}}``
    as text, the caption in Italian. They see its title and caption, translated."""
    path = tmp_path / "foto.md"
    path.write_text(
        '---\ntitle: Il ponte\n---\n\nIl testo {{< figure src="a.jpg"\n  caption="Una foto '
        'del ponte" >}} continua qui.\n\nLa galleria [gallery ids="1,2"] di oggi.\n',
        encoding="utf-8",
    )
    article, _ = translated(path, langs=("en",))
    body = str(article_body(article, "en"))
    assert "IL TESTO UNA FOTO DEL PONTE CONTINUA QUI." in body
    assert "LA GALLERIA DI OGGI." in body  # one space, as ID.LANG.txt (was: two)
    assert not re.search(r"\{\{|\}\}|gallery|Una foto", body)


@pytest.mark.parametrize(
    ("paragraph", "shown"),
    [
        ('Ascolta [audio mp3="a.mp3"][/audio] la registrazione.', "ASCOLTA LA REGISTRAZIONE."),
        ('Le foto di oggi [gallery ids="1,2"].', "LE FOTO DI OGGI."),
        ('Le foto [gallery ids="1"], poi il video.', "LE FOTO, POI IL VIDEO."),
        ('[gallery ids="1,2"] Le foto di oggi.', "LE FOTO DI OGGI."),
        ("Il testo {{% notice tip %}} della nota.", "IL TESTO DELLA NOTA."),
    ],
)
def test_a_shortcode_that_shows_nothing_leaves_no_stray_space_on_the_bundle_page(
    tmp_path, paragraph, shown
):
    """What the page shows around a shortcode with no title or caption: its words with
    one space between them and none before a full stop, as ``ID.LANG.txt`` has them."""
    path = tmp_path / "foto.md"
    path.write_text(f"---\ntitle: Il ponte\n---\n\n{paragraph}\n", encoding="utf-8")
    article, _ = translated(path, langs=("en",))
    body = str(article_body(article, "en"))
    assert f"<p>{shown}</p>" in body, body
    assert f"\n\n{shown}\n" in render_text(article, "en")


def test_an_id_reaches_a_site_page_only_as_a_same_page_links_target():
    """The sanitizer let no ``id`` through, so a footnote's call linked to nothing on the
    site; an id passes where a link of the same body targets it, in plain characters,
    and never one the page's template has (no id of a page's own markup)."""
    from pipeline.bundle.render import _attribute_filter, _link_targets

    html = (
        '<a href="#fnref1:2">x</a><a href="#fn12">y</a><a href="#comments">z</a>'
        '<a href="#a1b2-c3">w</a><a href="#fn1 x">v</a><a href="https://x.it/#loc">u</a>'
    )
    keep = _attribute_filter(_link_targets(html))
    assert keep("a", "id", "fnref1:2") == "fnref1:2"
    assert keep("span", "id", "fn12") == "fn12"
    assert keep("li", "id", "a1b2-c3") == "a1b2-c3"
    for value in ("location", "fn1 x", "comments", "loc", "fn1"):
        assert keep("a", "id", value) is None
