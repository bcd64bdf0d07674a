"""Read-more links in Markdown articles: the catalog's "Read more", never MT.

``[Continua a leggere »](/frana)`` alone in its paragraph, or after an excerpt's end
(``… […] [Leggi tutto](/x)``), went to the model as article text, while the HTML and
WordPress readers and page text make it WordPress's ``Read more``. The Markdown reader
applies their rule to the link: a ``ui`` block rendered from each language's catalog in
``.md`` and ``.txt``, left out of ``.html`` and ``.wp.json``; a sentence holding "leggi"
or a link finishing a sentence's words stays text.
"""

from __future__ import annotations

import json
import re

import pytest

from pipeline.document import UI
from pipeline.writers.html import render_html
from pipeline.writers.markdown import render_markdown
from pipeline.writers.text import render_text
from pipeline.writers.wordpress import render_wordpress
from tests.format_fixtures import seen_by_models, translated

ARTICLE = """---
title: Maltempo in Liguria, allerta rossa
---

La Protezione civile ha diramato l'allerta rossa per tutta la Liguria a partire dalle 14.

Le scuole resteranno chiuse a Genova e Savona, ha detto il sindaco ai giornalisti.

{para}

Aggiornamenti nelle prossime ore, con il bollettino della sera della Protezione civile.
"""
CATALOG = {"en": "Read more", "fr": "Lire la suite"}

# (the paragraph, the label as the article shows it, the text left before it or None)
READ_MORE = [
    ("[Continua a leggere »](/frana)", "Continua a leggere »", None),
    ("[Leggi tutto](/x)", "Leggi tutto", None),
    ("Il sindaco ha parlato delle strade chiuse […] [Leggi tutto](/x)", "Leggi tutto",
     "Il sindaco ha parlato delle strade chiuse […]"),
    ("Le frane hanno chiuso tre strade. **[Leggi l’articolo…](/frana)**", "Leggi l’articolo…",
     "Le frane hanno chiuso tre strade."),
    ("- [Leggi di più](/frana)", "Leggi di più", None),
    ('<p class="more"><a href="/frana">Continua la lettura →</a></p>', "Continua la lettura →",
     None),
]  # fmt: skip


def _read(tmp_path, para: str):
    path = tmp_path / "pezzo.md"
    path.write_text(ARTICLE.format(para=para), encoding="utf-8")
    return translated(path)


@pytest.mark.parametrize(("para", "label", "before"), READ_MORE)
def test_a_read_more_link_in_markdown_is_catalog_chrome_never_mt(tmp_path, para, label, before):
    article, fakes = _read(tmp_path, para)
    [chrome] = [b for b in article.blocks if b.kind == UI]
    assert chrome.text == label and chrome.segments[0].msgid == "Read more"
    assert chrome.meta.get("read_more") is True  # the HTML readers' kind of block
    word = re.sub(r"\W+", " ", label).split()[0]
    assert word not in seen_by_models(fakes) and "Aggiornamenti" in seen_by_models(fakes)
    if before is not None:  # the excerpt before the link is still the article's, translated
        assert before in seen_by_models(fakes)
        assert [b.text for b in article.blocks].index(chrome.text) > 0
    for lang, text in CATALOG.items():
        md, txt = render_markdown(article, lang), render_text(article, lang)
        assert re.search(rf"\n(- )?{text}\n", md) and f"\n{text}\n" in txt
        assert word not in md + txt + render_html(article, lang)
        assert text not in render_html(article, lang)
        wp = json.loads(render_wordpress(article, lang))["content"]
        assert word not in wp and text not in wp


def test_the_read_more_line_stays_in_its_place_between_paragraphs(tmp_path):
    """In ``.md`` and ``.txt`` the localised line stands where the link stood, after the
    excerpt and before the paragraph that followed it."""
    article, _ = _read(tmp_path, "Il sindaco ha parlato delle strade chiuse […] [Leggi tutto](/x)")
    for render in (render_markdown, render_text):
        out = render(article, "fr")
        assert out.index("Lire la suite") < out.index("AGGIORNAMENTI")
        assert out.index("STRADE CHIUSE") < out.index("Lire la suite")


@pytest.mark.parametrize(
    ("para", "kept"),
    [("Leggi tutto il rapporto sul sito del ministero, che spiega le cause.",
      "Leggi tutto il rapporto"),
     ("Il sindaco ha detto che chi vuole può [leggi tutto](/r) sul sito.", "leggi tutto"),
     ("Clicca qui e [leggi tutto](/r)", "leggi tutto"),
     ("### [Scopri di più](/s)", "Scopri di più"),
     ("«[Leggi tutto](/r)» ha detto il sindaco ai cronisti.", "Leggi tutto"),
     ("Scopri di più", "Scopri di più"),
     ("Il comunicato.[^1]\n\n[^1]: La nota del ministero. [Leggi tutto](/n)", "Leggi tutto")],
    ids=["sentence", "link-mid-sentence", "link-ends-a-sentence", "heading", "quote",
         "learn-more-no-link", "footnote"],
)  # fmt: skip
def test_a_sentence_or_heading_with_leggi_stays_article_text(tmp_path, para, kept):
    """The other side: "leggi" in a sentence, a link that ends a sentence's words, a
    heading, a "learn more" with no link, in quotation marks or in a footnote is the
    article's."""
    article, fakes = _read(tmp_path, para)
    assert not [b for b in article.blocks if b.kind == UI]
    assert kept in seen_by_models(fakes)


def test_a_cookie_notices_learn_more_link_stays_the_notices(tmp_path):
    """As in an HTML page: beside a cookie notice "Scopri di più" is the banner's link,
    kept with it as uncatalogued chrome, not rendered as "Read more"."""
    para = (
        "Questo sito utilizza cookie per migliorare la tua esperienza di navigazione.\n\n"
        "[Scopri di più](/privacy)"
    )
    article, fakes = _read(tmp_path, para)
    assert not [b for b in article.blocks if b.kind == UI]
    assert "Scopri" not in seen_by_models(fakes) and "cookie" not in seen_by_models(fakes)


@pytest.mark.parametrize("para", ["Continua a leggere »", "→ Leggi tutto"])
def test_a_read_more_line_with_no_link_is_chrome_as_in_page_text(tmp_path, para):
    """A paragraph that is only a read-more label (a converter dropped the link) is the
    catalog line, as page text's (``Continua a leggere »`` between paragraphs)."""
    article, fakes = _read(tmp_path, para)
    assert [b.segments[0].msgid for b in article.blocks if b.kind == UI] == ["Read more"]
    assert "Leggi" not in seen_by_models(fakes) and "Continua" not in seen_by_models(fakes)


def test_mtpipes_own_markdown_reads_back_with_its_read_more_line(tmp_path):
    """Second input of the kind: a translated ``.md`` read again keeps the line as chrome
    (no link there: the catalog line between paragraphs), never sent to MT."""
    article, _ = _read(tmp_path, "[Continua a leggere »](/frana)")
    again = tmp_path / "again.md"
    again.write_text(render_markdown(article, "en"), encoding="utf-8")
    back, fakes = translated(again)
    assert "Read more" not in seen_by_models(fakes)
    assert "\nLire la suite\n" in render_markdown(back, "fr")
