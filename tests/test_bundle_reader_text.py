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
