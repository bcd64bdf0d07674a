"""Read-more links and buttons in HTML pages and WordPress posts: chrome, never MT.

"Leggi tutto »", "Continua a leggere", "Leggi di più", "Leggi l'articolo", "Scopri di più"
after an excerpt or as a button went to the model as article text. They are WordPress's
"Read more", rendered from each language's catalog where the output shows chrome among the
text (``.md``, ``.txt``), as a link to the source's address in ``.html``, and left out of
``.wp.json``, where WordPress adds its own; a sentence holding "leggi" stays text.
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

PAGE = ALLERTA_PAGE
CATALOG = {"en": "Read more", "fr": "Lire la suite"}

# (the element, the label as the page shows it, the paragraph text left before it or None)
READ_MORE = [
    ('<p><a href="/frana">Leggi tutto »</a></p>', "Leggi tutto »", None),
    ('<p>Il sindaco ha parlato delle strade chiuse […] <a class="more-link" href="/frana">'
     'Continua a leggere<span class="screen-reader-text"> "Allerta"</span> →</a></p>',
     "Continua a leggere →", "Il sindaco ha parlato delle strade chiuse […]"),
    ('<div class="wp-block-buttons"><a class="button" href="/frana">Scopri di più</a></div>',
     "Scopri di più", None),
    ("<p>Le frane hanno chiuso tre strade. <strong><a href='/frana'>Leggi l’articolo…</a>"
     "</strong></p>", "Leggi l’articolo…", "Le frane hanno chiuso tre strade."),
    ('<ul><li><a href="/frana">Leggi di più</a></li></ul>', "Leggi di più", None),
    # in brackets, as themes write one after an excerpt (was: text, sent to MT)
    ('<p>(<a href="/frana">Leggi tutto</a>)</p>', "Leggi tutto", None),
    ('<p>[ <a href="/frana">Continua a leggere</a> ]</p>', "Continua a leggere", None),
    # in brackets ending an excerpt whose sentence did not end (was: all of it sent to MT)
    ('<p>Alla fine il governo ha deciso (<a href="/frana">Leggi tutto</a>)</p>', "Leggi tutto",
     "Alla fine il governo ha deciso"),
    ('<p>Il sindaco ha parlato delle strade chiuse [<a href="/frana">Continua a leggere</a>]'
     "</p>", "Continua a leggere", "Il sindaco ha parlato delle strade chiuse"),
]  # fmt: skip


def _read(tmp_path, para: str):
    path = tmp_path / "pagina.html"
    path.write_text(PAGE.format(para=para), encoding="utf-8")
    return translated(path)


@pytest.mark.parametrize(("para", "label", "before"), READ_MORE)
def test_a_read_more_link_in_a_page_is_catalog_chrome_never_mt(tmp_path, para, label, before):
    article, fakes = _read(tmp_path, para)
    [chrome] = [b for b in article.blocks if b.kind == UI]
    assert chrome.text == label and chrome.segments[0].msgid == "Read more"
    word = re.sub(r"\W+", " ", label).split()[0]
    assert word not in seen_by_models(fakes) and "Aggiornamenti" in seen_by_models(fakes)
    if before is not None:  # the excerpt before the link is still the article's, translated
        assert before in seen_by_models(fakes)
    for lang, text in CATALOG.items():
        assert f"\n{text}\n" in render_markdown(article, lang)
        assert f"\n{text}\n" in render_text(article, lang)
        html = render_html(article, lang)  # the localised label, a link where it was (fix36)
        assert word not in html and f'<p><a href="/frana">{text}</a></p>' in html


@pytest.mark.parametrize(
    ("para", "kept"),
    [("<p>Leggi tutto il rapporto sul sito del ministero, che spiega le cause.</p>",
      "Leggi tutto il rapporto"),
     ('<p>Il sindaco ha detto che chi vuole può <a href="/r">leggi tutto</a> sul sito.</p>',
      "leggi tutto"),
     ('<p>Clicca qui e <a href="/r">leggi tutto</a></p>', "leggi tutto"),
     ("<h3>Scopri di più</h3>", "Scopri di più"),
     ("<p>«Leggi tutto» ha detto il sindaco ai cronisti.</p>", "Leggi tutto"),
     ('<p>(<a href="/r">Leggi tutto</a>) e poi il resto.</p>', "Leggi tutto")],
    ids=["sentence", "link-mid-sentence", "link-ends-a-sentence", "heading-no-link", "quote",
         "brackets-and-words"],
)  # fmt: skip
def test_a_sentence_or_heading_with_leggi_stays_article_text(tmp_path, para, kept):
    """The other side: "leggi" in a sentence, a link that ends a sentence's words, a label
    with no link (a subheading) or in quotation marks is the article's, translated."""
    article, fakes = _read(tmp_path, para)
    assert not [b for b in article.blocks if b.kind == UI]
    assert kept in seen_by_models(fakes)


def test_a_read_more_link_in_a_wordpress_post_is_catalog_chrome_never_mt(tmp_path):
    """Second reader: a post's own read-more link (no ``more-link`` class, which the reader
    leaves out by its class) was translated into the post's content."""
    content = (
        "<p>La Protezione civile ha diramato l'allerta rossa per la Liguria.</p>\n"
        '<p>Le scuole sono chiuse. <a class="read-more" href="/x">Continua la lettura »</a></p>\n'
        "<p>Aggiornamenti nelle prossime ore.</p>"
    )
    path = tmp_path / "post.json"
    post = {"id": 9, "title": {"rendered": "Allerta"}, "content": {"rendered": content}}
    path.write_text(json.dumps(post), encoding="utf-8")
    article, fakes = translated(path)
    seen = seen_by_models(fakes)
    assert "Continua" not in seen and "Le scuole sono chiuse." in seen
    assert [b.segments[0].msgid for b in article.blocks if b.kind == UI] == ["Read more"]
    out = json.loads(render_wordpress(article, "fr"))["content"]
    assert "Continua" not in out and "Lire la suite" not in out and "SCUOLE" in out
    assert "\nLire la suite\n" in render_markdown(article, "fr")


def test_a_cookie_banners_learn_more_link_stays_the_cookie_banners(tmp_path):
    """The other side of "Scopri di più": beside a cookie notice it is the banner's link,
    kept with it as uncatalogued chrome, not rendered as "Read more"."""
    para = (
        "<p>Questo sito utilizza cookie per migliorare la tua esperienza di navigazione.</p>\n"
        '<p><a href="/privacy">Scopri di più</a></p>'
    )
    article, fakes = _read(tmp_path, para)
    assert not [b for b in article.blocks if b.kind == UI]
    assert "Scopri" not in seen_by_models(fakes) and "cookie" not in seen_by_models(fakes)


@pytest.mark.parametrize(
    ("para", "msgids", "en"),
    [('<p><a href="#respond">Lascia un commento</a></p>', ["Leave a Reply"], "Leave a Reply"),
     ('<p><a href="/frana">Leggi tutto</a> · <a href="#comments">3 commenti</a></p>',
      ["Read more", "%(num)d Comment"], "Read more · 3 Comments"),
     ('<ul><li><a href="/frana">Leggi tutto</a> | <a href="#respond">Lascia un commento</a>'
      "</li></ul>", ["Read more", "Leave a Reply"], "Read more | Leave a Reply"),
     # an Italian theme's "Commenta" and "Commenti" (was: no catalog string, sent to MT)
     ('<p><a href="/frana">Leggi tutto</a> | <a href="#respond">Commenta</a></p>',
      ["Read more", "Comment"], "Read more | Comment"),
     ('<p><a href="/frana">Leggi tutto</a> · <a href="#comments">Commenti</a></p>',
      ["Read more", "Comments"], "Read more · Comments")],
)  # fmt: skip
def test_a_posts_meta_links_are_catalog_chrome_never_mt(tmp_path, para, msgids, en):
    """A theme's post meta under an excerpt, links only, each a catalog string: page text
    reads the line as catalog chrome, the HTML reader sent it to MT as article text."""
    article, fakes = _read(tmp_path, para)
    [chrome] = [b for b in article.blocks if b.kind == UI]
    assert [s.msgid for s in chrome.segments] == msgids
    assert "comment" not in seen_by_models(fakes).lower()
    assert f"\n{en}\n" in render_markdown(article, "en") and f"\n{en}\n" in render_text(
        article, "en"
    )


@pytest.mark.parametrize(
    "para",
    ['<p>Il post ha già <a href="#comments">3 commenti</a> dei lettori.</p>',
     '<p><a href="/frana">Leggi tutto</a> | <a href="#comments">Commenta la notizia</a></p>'],
)  # fmt: skip
def test_links_in_a_sentence_or_with_words_no_catalog_has_stay_text(tmp_path, para):
    article, fakes = _read(tmp_path, para)
    assert not [b for b in article.blocks if b.kind == UI]
    assert "comment" in seen_by_models(fakes).lower()


def test_the_html_output_links_the_localised_read_more_and_post_meta_to_the_source_address(
    tmp_path,
):
    """``ID.LANG.html`` left the read-more and post-meta lines out while ``.md`` and
    ``.txt`` kept them: each catalog string is now a link to the address the source gave
    it (resolved against the page's base), localised, never MT; a label that was no link
    stays out, and an address that would run script (an edited document) is never written."""
    page = PAGE.replace("<head>", '<head><base href="https://example.it/notizie/">').format(
        para='<p>Il sindaco ha parlato. […] <a href="frana">Continua a leggere »</a></p>'
        '<p><a href="/frana#more">Leggi tutto</a> | <a href="#respond">Lascia un commento</a></p>'
    )
    path = tmp_path / "pagina.html"
    path.write_text(page, encoding="utf-8")
    article, fakes = translated(path)
    assert "Leggi" not in seen_by_models(fakes) and "Lascia" not in seen_by_models(fakes)
    html = render_html(article, "fr")
    assert '<p><a href="https://example.it/notizie/frana">Lire la suite</a></p>' in html
    assert (
        '<p><a href="https://example.it/frana#more">Lire la suite</a> | '
        '<a href="#respond">Laisser un commentaire</a></p>'  # (a fragment stays one)
    ) in html
    assert html.index("IL SINDACO HA PARLATO") < html.index("Lire la suite")
    assert "Lire la suite" not in json.loads(render_wordpress(article, "fr"))["content"]
    [more, _] = [b for b in article.blocks if b.kind == UI]
    more.meta["links"] = ["javascript:alert(1)"]
    assert "javascript" not in render_html(article, "en")
    assert render_html(article, "en").count("Read more") == 1


def test_a_read_more_label_that_was_no_link_stays_out_of_the_html_output(tmp_path):
    path = tmp_path / "pagina.txt"
    path.write_text(
        "Allerta in Liguria\n\nLe scuole resteranno chiuse domani.\n\nContinua a leggere\n\n"
        "Aggiornamenti nelle prossime ore.\n",
        encoding="utf-8",
    )
    article, _ = translated(path)
    assert [b.segments[0].msgid for b in article.blocks if b.kind == UI] == ["Read more"]
    assert "Lire la suite" in render_text(article, "fr")
    assert "Lire la suite" not in render_html(article, "fr")
