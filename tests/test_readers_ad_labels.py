"""Ad labels left on a page once its ad is gone, and a theme's post meta as a paragraph of
an HTML or Markdown article: catalog chrome, never MT.

"Pubblicità", "ADV", "Continua a leggere dopo la pubblicità", "Contenuto sponsorizzato"
between two paragraphs went to the model as article text. They are the catalog strings
``Advertisement``, ``Continue reading after the advertisement`` and ``Sponsored content``:
localised where the output shows chrome (``.txt``, ``.md``), in no ``ID.LANG.html`` (an ad
label has no place in a translated article without its ad); a sentence about advertising
stays text.
"""

from __future__ import annotations

import pytest

from pipeline.document import UI
from pipeline.writers.html import render_html
from pipeline.writers.text import render_text
from tests.format_fixtures import ALLERTA_PAGE, seen_by_models, translated

LABELS = [
    ("Pubblicità", "Advertisement", "Publicité"),
    ("PUBBLICITÀ", "Advertisement", "Publicité"),
    ("— ADV —", "Advertisement", "Publicité"),
    ("Annuncio pubblicitario", "Advertisement", "Publicité"),
    ("Advertisement", "Advertisement", "Publicité"),
    ("Continua a leggere dopo la pubblicità", "Continue reading after the advertisement",
     "La suite après la publicité"),
    ("Continua dopo la pubblicità", "Continue reading after the advertisement",
     "La suite après la publicité"),
    ("Contenuto sponsorizzato", "Sponsored content", "Contenu sponsorisé"),
]  # fmt: skip

TEXT_PAGE = """Il governo approva la riforma delle pensioni
Il Consiglio dei ministri ha approvato ieri sera la riforma dopo un lungo dibattito.
{label}
La misura prevede l'uscita anticipata a 62 anni per alcune categorie di lavoratori.
I sindacati hanno annunciato una mobilitazione.
"""

MD_PAGE = """# Il governo approva la riforma delle pensioni

Il Consiglio dei ministri ha approvato ieri sera la riforma dopo un lungo dibattito.

{label}

La misura prevede l'uscita anticipata a 62 anni per alcune categorie di lavoratori.
"""


def _page(tmp_path, fmt: str, label: str):
    if fmt == "txt":
        text = TEXT_PAGE.format(label=label)
    elif fmt == "md":
        text = MD_PAGE.format(label=label)
    else:
        text = ALLERTA_PAGE.format(para=f'<p class="ad-label">{label}</p>')
    path = tmp_path / f"pagina.{fmt}"
    path.write_text(text, encoding="utf-8")
    return translated(path)


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
@pytest.mark.parametrize(("label", "en", "fr"), LABELS)
def test_an_ad_label_is_catalog_chrome_never_mt(tmp_path, fmt, label, en, fr):
    article, fakes = _page(tmp_path, fmt, label)
    [chrome] = [b for b in article.blocks if b.kind == UI]
    assert chrome.text == label and chrome.segments[0].msgid == en
    assert label not in seen_by_models(fakes)
    assert f"\n{en}\n" in render_text(article, "en")
    assert f"\n{fr}\n" in render_text(article, "fr")
    assert en not in render_html(article, "en")  # no ad label without its ad


@pytest.mark.parametrize(
    "line",
    ["La pubblicità online cresce del 12 per cento.", "Pubblicità ingannevole, multa all'azienda",
     "Il contenuto sponsorizzato dal ministero è stato ritirato."],
)  # fmt: skip
def test_a_sentence_about_advertising_stays_text(tmp_path, line):
    article, fakes = _page(tmp_path, "txt", line)
    assert not [b for b in article.blocks if b.kind == UI]
    assert line in seen_by_models(fakes)


POST_META = [
    ("Pubblicato il 12 marzo 2024", "Published on March 12, 2024"),
    ("Aggiornato il 12 marzo 2024", "Updated on March 12, 2024"),
    ("Pubblicato da Mario Rossi il 12 marzo 2024", "Published by Mario Rossi on March 12, 2024"),
    ("Pubblicato il 12/03/2024 alle ore 10:30", "Published on March 12, 2024 at 10:30\u202fAM"),
    ("Ascolta l'articolo", "Listen to this article"),
]


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize(("line", "en"), POST_META)
def test_post_meta_in_an_html_or_markdown_article_is_catalog_chrome(tmp_path, fmt, line, en):
    """A theme's post meta as a paragraph of the article (``<p>Aggiornato il 12 marzo
    2024</p>`` under the ``<h1>``) went to MT, even the ``Pubblicato il`` that page text
    reads as chrome (fixa36)."""
    article, fakes = _page(tmp_path, fmt, line)
    [chrome] = [b for b in article.blocks if b.kind == UI]
    assert chrome.text == line and line not in seen_by_models(fakes)
    assert f"\n{en}\n" in render_text(article, "en")
    assert en not in render_html(article, "en")


def test_a_sentence_with_a_date_stays_text_in_an_html_article(tmp_path):
    line = "Il decreto è stato pubblicato il 12 marzo 2024 in Gazzetta Ufficiale."
    article, fakes = _page(tmp_path, "html", line)
    assert not [b for b in article.blocks if b.kind == UI] and line in seen_by_models(fakes)
