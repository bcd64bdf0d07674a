"""What a site bundle's readers see: feed text and index teasers as the page shows them,
in-page links that reach their targets, native disclosure widgets and list numbering.

``FakeTranslator`` upper-cases what it is sent, so upper case is text that went to MT.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from format_fixtures import translated

from pipeline.bundle import build_bundle
from pipeline.config import BundleSettings


def _site(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    article, _ = translated(path, langs=("en",))
    article.meta["date"] = "2024-11-30"
    build_bundle([article], tmp_path / "site", BundleSettings(base_url="https://example.org"))
    return tmp_path / "site"


def _feed_text(site: Path, lang: str = "en") -> str:
    [item] = json.loads((site / lang / "feed.json").read_text(encoding="utf-8"))["items"]
    return item["content_text"]


def _lede(site: Path, lang: str = "en") -> str:
    index = (site / lang / "index.html").read_text(encoding="utf-8")
    return re.search(r'class="lede">([^<]*)<', index).group(1)


WP_LEDE = {
    "id": 3,
    "slug": "porto",
    "title": {"rendered": "Il piano del porto"},
    "content": {
        "raw": '[caption id="attachment_5" width="300"]<img src="https://x.it/b.jpg" alt="Il porto"'
        ' /> Il porto di Genova all\'alba[/caption]\n\nIl [tooltip text="Autorità portuale"]'
        'presidente[/tooltip] ha presentato il piano. [gallery ids="1,2"]\n\nIl secondo.'
    },
}
HUGO = (
    '---\ntitle: "La mostra in città"\n---\n\n{{< figure src="/img/m.jpg" caption="La mostra'
    ' inaugurata ieri" >}} Il sindaco ha inaugurato la mostra {{% notice %}}con molti ospiti'
    "{{% /notice %}}.\n\n```\ncodice = 1\n```\n\nIl secondo paragrafo della notizia.\n"
)


def test_feed_and_teaser_show_no_wordpress_shortcode_syntax(tmp_path):
    site = _site(tmp_path, "post.json", json.dumps(WP_LEDE))
    assert _lede(site) == "IL PORTO DI GENOVA ALL&#39;ALBA"
    text = _feed_text(site)
    assert "IL PRESIDENTE HA PRESENTATO IL PIANO." in text
    assert "[" not in text and "tooltip" not in text


def test_feed_and_teaser_show_a_hugo_caption_translated_and_the_code(tmp_path):
    site = _site(tmp_path, "mostra.md", HUGO)
    assert _lede(site).startswith("LA MOSTRA INAUGURATA IERI IL SINDACO")
    text = _feed_text(site)
    assert "{{" not in text and "La mostra" not in text
    assert "CON MOLTI OSPITI." in text
    assert "codice = 1" in text  # the full text of the body: code blocks too
    assert "Il secondo" in _feed_text(site, "it") and "{{" not in _feed_text(site, "it")


def _page(site: Path, lang: str = "en") -> str:
    [page] = [p for p in (site / lang).glob("*.html") if p.name != "index.html"]
    return page.read_text(encoding="utf-8")


PAGE = """<html><head><title>Prova</title></head><body><article><h1>La prova della pagina</h1>
<p>Il primo paragrafo del testo, con una frase abbastanza lunga da essere il testo.</p>
<ul><li><a href="#sezione-2">Vai alla seconda parte</a></li></ul>
<p>Vedi la nota<sup><a href="#fn1" id="r1">1</a></sup> in fondo alla pagina.</p>
<details><summary>Apri i dettagli</summary><p>Testo nascosto nei dettagli.</p></details>
<h2 id="sezione-2">La seconda parte</h2><h2 id="senza-link">Un titolo</h2>
<p>Secondo il comma b) della legge, ecco le regole in vigore da oggi per tutti.</p>
<ol type="a"><li>Prima regola</li><li>Seconda regola</li></ol>
<ol><li value="10">Decima voce</li><li>Undicesima voce</li></ol>
<ol type="I" start="4"><li>Quarto capitolo</li></ol>
<p>Un testo <bdo dir="rtl">rovescio</bdo> e <ruby>漢<rt>kan</rt></ruby> nella frase.</p>
<address>Via Roma 1, Genova</address>
<ol><li id="fn1">Nota a piè di pagina del testo. <a href="#r1">↩</a></li></ol>
</article></body></html>"""


def test_a_site_page_keeps_the_ids_its_own_links_target(tmp_path):
    page = _page(_site(tmp_path, "prova.html", PAGE))
    for target in ("fn1", "r1", "sezione-2"):  # footnote call and note, a contents link
        assert f'href="#{target}"' in page and f'id="{target}"' in page
    assert 'id="senza-link"' not in page  # no link to it: no id from the source


def test_a_site_page_keeps_a_wordpress_footnotes_anchor(tmp_path):
    fid = "a1b2c3d4-0000-4000-8000-000000000001"
    post = {
        "id": 7,
        "slug": "rapporto",
        "title": {"rendered": "Il rapporto"},
        "content": {
            "rendered": f'<p>Il sindaco ha citato il rapporto<sup data-fn="{fid}"><a href="#{fid}" '
            f'id="{fid}-link">1</a></sup>.</p><ol class="wp-block-footnotes"><li id="{fid}">'
            f'Rapporto della commissione. <a href="#{fid}-link">↩︎</a></li></ol>'
        },
    }
    page = _page(_site(tmp_path, "post.json", json.dumps(post)))
    assert f'<li id="{fid}">' in page and f'id="{fid}-link"' in page


def test_a_site_page_keeps_details_and_list_numbering(tmp_path):
    page = _page(_site(tmp_path, "prova.html", PAGE))
    assert "<details><summary>APRI I DETTAGLI</summary><p>TESTO NASCOSTO" in page
    assert '<ol type="a">' in page and '<li value="10">' in page
    assert '<ol type="I" start="4">' in page
    assert '<bdo dir="rtl">ROVESCIO</bdo>' in page and "<ruby>漢<rt>KAN</rt></ruby>" in page
    assert "<address>VIA ROMA 1, GENOVA</address>" in page
