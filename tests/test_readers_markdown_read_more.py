"""Read-more links in Markdown articles: the catalog's "Read more", never MT.

``[Continua a leggere »](/frana)`` alone in its paragraph, or after an excerpt's end
(``… […] [Leggi tutto](/x)``), went to the model as article text, while the HTML and
WordPress readers and page text make it WordPress's ``Read more``. The Markdown reader
applies their rule to the link: a ``ui`` block rendered from each language's catalog in
``.md`` and ``.txt``, a link to the same address in ``.html``, left out of ``.wp.json``; a
sentence holding "leggi" or a link finishing a sentence's words stays text.
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
from tests.format_fixtures import ALLERTA_PAGE, seen_by_models, translated

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
    ("([Leggi tutto](/x))", "Leggi tutto", None),  # in brackets (was: text, sent to MT)
    ("\\[[Continua a leggere](/x)\\]", "Continua a leggere", None),
    # in brackets ending an excerpt whose sentence did not end (was: all of it sent to MT)
    ("Alla fine il governo ha deciso ([Leggi tutto](/x))", "Leggi tutto",
     "Alla fine il governo ha deciso"),
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
        html = render_html(article, lang)  # the localised label, a link where it was (fix36)
        assert word not in md + txt + html
        assert html.count(text) == 1 and re.search(rf'<a href="[^"]+">{text}</a>', html)
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


# A raw HTML box that ends the paragraph, the link last inside it (the box, not the link,
# ended the marker text, and the link went to MT as the box's words).
BOXED = [
    '<div>Il sindaco ha detto. <a href="/z">Leggi di più</a></div>',
    '<div class="riquadro">\n<p>Il sindaco ha detto. <a href="/z">Leggi di più</a></p>\n</div>',
    '<section><p>Il sindaco ha detto. <a href="/z">Continua a leggere »</a></p></section>',
]


@pytest.mark.parametrize("para", BOXED, ids=["div", "p-in-div", "p-in-section"])
def test_a_read_more_link_last_in_a_raw_html_box_is_chrome(tmp_path, para):
    article, fakes = _read(tmp_path, para)
    assert [b.segments[0].msgid for b in article.blocks if b.kind == UI] == ["Read more"]
    assert "Il sindaco ha detto." in seen_by_models(fakes)
    assert "Leggi" not in seen_by_models(fakes) and "Continua" not in seen_by_models(fakes)
    md, html = render_markdown(article, "fr"), render_html(article, "fr")
    assert "IL SINDACO HA DETTO." in md and "\nLire la suite\n" in md
    assert "LEGGI" not in md + html and '<a href="/z">Lire la suite</a>' in html  # (fix36)
    assert re.search("<(div|section)", html)  # the box kept


@pytest.mark.parametrize(
    "para",
    ['<div>Il sindaco ha detto che chi vuole può <a href="/z">leggi di più</a></div>',
     '<div><p>Clicca qui e <a href="/z">leggi di più</a></p></div>',
     '<div><span>Il sindaco ha detto. <a href="/z">Leggi di più</a></span></div>',
     '<div><p>Il sindaco ha detto. <a href="/z">Leggi di più</a> sul sito.</p></div>'],
    ids=["mid-sentence", "after-unfinished-words", "inline-span", "words-after"],
)  # fmt: skip
def test_a_link_in_a_raw_html_box_that_is_the_sentences_stays_text(tmp_path, para):
    """The other side, by the same rule: a link ending unfinished words, one in an inline
    ``<span>`` with words (the walker reads the span as one phrase) or with words after it."""
    article, fakes = _read(tmp_path, para)
    assert not [b for b in article.blocks if b.kind == UI]
    assert re.search("(?i)leggi di più", seen_by_models(fakes))


@pytest.mark.parametrize("para", BOXED[:2], ids=["div", "p-in-div"])
def test_html_pages_and_wordpress_posts_read_the_same_box_the_same_way(tmp_path, para):
    """The HTML page and WordPress readers (the rule the Markdown reader reuses) already
    made this box's link chrome: the same input, the same result."""
    page = tmp_path / "pagina.html"
    page.write_text(ALLERTA_PAGE.format(para=para), "utf-8")
    post = tmp_path / "post.json"
    post.write_text(json.dumps({"id": 9, "title": {"rendered": "Allerta"},
                                "content": {"rendered": para}}), "utf-8")  # fmt: skip
    for path in (page, post):
        article, fakes = translated(path)
        assert [b.segments[0].msgid for b in article.blocks if b.kind == UI] == ["Read more"]
        seen = seen_by_models(fakes)
        assert "Il sindaco ha detto." in seen and "Leggi" not in seen


@pytest.mark.parametrize(
    ("para", "closing"),
    [('<div><p>Il sindaco ha parlato a lungo.</p><p>Il sindaco ha detto. <a href="/z">'
      "Leggi di più</a></p></div>", "</div>"),
     ('<div>\n<p>Il sindaco ha parlato a lungo.</p>\n<p><a href="/z">Leggi di più</a></p>\n'
      "</div>", "</div>"),
     ("<table><tr><td>Il sindaco ha parlato.</td><td>Il sindaco ha detto. "
      '<a href="/z">Leggi di più</a></td></tr></table>', "</table>")],
    ids=["second-p-of-a-div", "link-alone-in-a-p", "table-cell"],
)  # fmt: skip
def test_a_read_more_link_in_a_box_cut_into_pieces_is_chrome_in_its_place(tmp_path, para, closing):
    """An HTML block cut around its boxes (several hold words): the piece that ends with
    the link is a run of its own, as the walker reads it; the localised line stays inside
    the HTML block in ``.md`` (a blank line there would end the block)."""
    article, fakes = _read(tmp_path, para)
    assert [b.segments[0].msgid for b in article.blocks if b.kind == UI] == ["Read more"]
    assert "Leggi" not in seen_by_models(fakes) and "Il sindaco ha parlato" in seen_by_models(fakes)
    md, html = render_markdown(article, "fr"), render_html(article, "fr")
    assert md.index("IL SINDACO HA PARLATO") < md.index("Lire la suite") < md.index(closing)
    assert "\n\nLire la suite" not in md and "LEGGI" not in md + html
    assert html.index("IL SINDACO HA PARLATO") < html.index('<a href="/z">Lire la suite</a>')


@pytest.mark.parametrize(
    "para",
    [
        "![Foto del sindaco](foto.jpg) [Leggi tutto](/x)",
        "![Foto del sindaco](foto.jpg) **[Continua a leggere »](/x)**",
    ],
)
def test_an_image_before_a_read_more_link_stays_with_its_alt_text(tmp_path, para):
    """Taking the link left ``<x1/>``, no words: the paragraph was dropped and its image and
    alt text with it, in every output (the reviewer's repro of round 31)."""
    article, fakes = _read(tmp_path, para)
    assert [b.segments[0].msgid for b in article.blocks if b.kind == UI] == ["Read more"]
    assert "Foto del sindaco" in seen_by_models(fakes)  # the alt text is still translated
    for lang in ("it", "fr"):
        assert "foto.jpg" in render_markdown(article, lang)
        assert "foto.jpg" in render_html(article, lang)


@pytest.mark.parametrize("para", ["> Leggi tutto", "> - Continua a leggere »"])
def test_a_read_more_label_quoted_in_a_blockquote_is_the_authors_text(tmp_path, para):
    """A blockquote is a quotation: with no link, the label quoted there is text, as the
    HTML reader reads ``<blockquote><p>Leggi tutto</p></blockquote>`` (was: the catalog's
    Read more in .md, MT in .html)."""
    article, fakes = _read(tmp_path, para)
    assert not [b for b in article.blocks if b.kind == UI]
    assert para.split(" ", 1)[1].lstrip("- ") in seen_by_models(fakes)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("solo.md", "[Leggi tutto](/x)\n"),
        ("solo.html", '<html><body><article><p><a href="/x">Leggi tutto »</a></p></article>'),
    ],
)
def test_an_article_of_only_a_read_more_link_is_refused_as_page_text_is(tmp_path, name, text):
    """Its .html held nothing (the link is left out) and the run said translated; page
    text of only "Leggi tutto" was already refused. A title with it is an article."""
    from pipeline.errors import InputError
    from pipeline.readers import read_article

    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="only site chrome, no article text"):
        read_article(path)
    titled = tmp_path / "titolo.md"
    titled.write_text("# Leggi tutto\n\n[Leggi tutto](/x)\n", encoding="utf-8")
    assert read_article(titled).meta["title"] == "Leggi tutto"


def test_a_posts_meta_links_in_markdown_are_catalog_chrome_never_mt(tmp_path):
    """``[Leggi tutto](/x) · [3 commenti](#c)``: the HTML readers' rule, as for read-more."""
    article, fakes = _read(tmp_path, "[Leggi tutto](/frana) · [3 commenti](#comments)")
    [chrome] = [b for b in article.blocks if b.kind == UI]
    assert [s.msgid for s in chrome.segments] == ["Read more", "%(num)d Comment"]
    assert "commenti" not in seen_by_models(fakes)
    assert "\nLire la suite · 3 commentaires\n" in render_markdown(article, "fr")


@pytest.mark.parametrize(
    ("para", "fr"),
    [("[Leggi tutto](/frana) | [Commenta](#respond)", "Lire la suite | Commenter"),
     ("[Leggi tutto](/frana) · [Commenti](#comments)", "Lire la suite · Commentaires")],
)  # fmt: skip
def test_an_italian_themes_comment_link_is_catalog_chrome_never_mt(tmp_path, para, fr):
    """``Commenta`` and ``Commenti`` beside a read-more link were no catalog string: the
    line went to MT as article text."""
    article, fakes = _read(tmp_path, para)
    assert [b for b in article.blocks if b.kind == UI]
    assert "Comment" not in seen_by_models(fakes)
    assert f"\n{fr}\n" in render_markdown(article, "fr")
