"""The localise stage over the document model: chrome from catalogs, post-edits on MT."""

from __future__ import annotations

import pytest

from pipeline.config import LocaliseSettings
from pipeline.document import Article, Block, Segment, Translation
from pipeline.localise import localise_article

NB, NN = "\u00a0", "\u202f"


def _article() -> Article:
    chrome = Block(
        "b1",
        "ui",
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
        [
            Segment(
                "b1.s1",
                "Votre adresse e-mail ne sera pas publiée.",
                " ",
                msgid="Your email address will not be published.",
                domain="messages",
            ),
            Segment(
                "b1.s2",
                "Les champs obligatoires sont indiqués avec *",
                msgid="Required fields are marked %s",
                domain="messages",
            ),
        ],
    )
    category = Block(
        "b2", "category", "italie", [Segment("b2.s1", "italie", msgid="Italy", domain="categories")]
    )
    src = "Stati Uniti e Corea del Sud denunciano l'invio di oltre 10.000 soldati nordcoreani."
    para = Block("b3", "paragraph", src, [Segment("b3.s1", src)])
    para.segments[0].translations = {
        "en": Translation(
            "The US and South Korea denounce the sending of 10.000 soldiers.", "mt", "m"
        ),
        "fr": Translation(
            "Les États-Unis dénoncent l'envoi de 10.000 soldats: pourquoi?", "mt", "m"
        ),
    }
    return Article("a", "it", [chrome, category, para], target_langs=["en", "fr"])


def test_chrome_segments_take_catalog_strings_in_every_language():
    article = localise_article(_article())
    chrome = article.blocks[0]
    assert chrome.target_text("en") == (
        "Your email address will not be published. Required fields are marked *"
    )
    assert chrome.target_text("fr") == chrome.text
    assert chrome.target_text("it") == (
        "Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono contrassegnati *"
    )
    tr = chrome.segments[1].translations["en"]
    assert (tr.origin, tr.model) == ("catalog", "messages")
    cat = article.blocks[1].segments[0].translations
    assert {k: v.text for k, v in cat.items()} == {"en": "Italy", "fr": "Italie", "it": "Italia"}


def test_source_chrome_can_be_switched_off():
    article = localise_article(_article(), LocaliseSettings(source_chrome=False))
    assert set(article.blocks[0].segments[0].translations) == {"en", "fr"}


def test_mt_output_gets_numbers_and_french_typography_with_edits_recorded():
    article = localise_article(_article())
    seg = article.blocks[2].segments[0]
    en, fr = seg.translations["en"], seg.translations["fr"]
    assert en.text == "The US and South Korea denounce the sending of 10,000 soldiers."
    assert en.edits == ["number: 10.000 -> 10,000 (it format to en)"]
    assert (
        fr.text == f"Les États-Unis dénoncent l\u2019envoi de 10{NN}000 soldats{NB}: pourquoi{NN}?"
    )
    assert len(fr.edits) == 3 and fr.origin == "mt"


def test_localise_is_idempotent():
    article = localise_article(_article())
    before = article.to_dict()
    assert localise_article(article).to_dict() == before


def test_settings_turn_the_post_edits_off():
    settings = LocaliseSettings(french_typography=False, rewrite_numbers=False)
    article = localise_article(_article(), settings)
    seg = article.blocks[2].segments[0]
    assert "10.000" in seg.translations["en"].text and seg.translations["fr"].edits == []


def test_missing_catalog_language_becomes_a_finding_not_a_crash():
    article = _article()
    article.target_langs = ["de"]
    localise_article(article, LocaliseSettings(source_chrome=False))
    seg = article.blocks[0].segments[0]
    assert seg.translations == {}
    (finding,) = seg.findings
    assert (finding.check, finding.severity, finding.lang) == ("catalog_missing", "error", "de")
    localise_article(article, LocaliseSettings(source_chrome=False))
    assert len(seg.findings) == 1


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_sample_page_chrome_reads_from_catalogs(sample_path, lang):
    from pipeline.read import parse_page

    article = parse_page(sample_path.read_text(encoding="utf-8"), "kim-belousov")
    article.target_langs = [lang]
    localise_article(article)
    chrome = [b.target_text(lang) for b in article.blocks if b.is_chrome]
    expected = {
        "en": [
            "Categories",
            "Italy",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
        ],
        "fr": [
            "Catégories",
            "Italie",
            "Laisser un commentaire",
            "Votre adresse e-mail ne sera pas publiée. "
            "Les champs obligatoires sont indiqués avec *",
        ],
    }[lang]
    assert chrome == expected


def test_post_edits_leave_the_segment_protected_spans_alone():
    from pipeline.document import ProtectedSpan

    seg = Segment("b1.s1", "Secondo L'Oréal: 10.000 pezzi")
    seg.protected = [ProtectedSpan(8, 15, "dnt", {"fr": "L'Oréal"})]
    seg.translations["fr"] = Translation("Selon L'Oréal: 10.000 pièces", "mt")
    doc = Article(
        id="a",
        source_lang="it",
        target_langs=["fr"],
        blocks=[Block("b1", "paragraph", seg.source, [seg])],
    )
    localise_article(doc)
    assert seg.translations["fr"].text == f"Selon L'Oréal{NB}: 10{NN}000 pièces"


@pytest.mark.parametrize(
    ("source", "expected"), [("10.000", "10,000"), ("* * *", "* * *"), ("2024", "2024")]
)
def test_segments_without_language_keep_their_text_with_target_number_format(source, expected):
    seg = Segment("b1.s1", source)
    seg.translations["en"] = Translation(source, "copy")
    doc = Article(
        id="a",
        source_lang="it",
        target_langs=["en"],
        blocks=[Block("b1", "paragraph", source, [seg])],
    )
    localise_article(doc)
    assert seg.translations["en"].text == expected
    assert seg.translations["en"].origin == "copy"


def test_human_translations_are_left_exactly_as_the_translator_wrote_them():
    article = _article()
    seg = article.blocks[2].segments[0]
    human = "Les États-Unis dénoncent l'envoi de 10.000 soldats: pourquoi?"
    seg.translations["fr"] = Translation(human, "human", translator="Ada")
    localise_article(article)
    assert seg.translations["fr"].text == human and seg.translations["fr"].edits == []
    assert seg.translations["en"].edits  # MT in the other language is still localised


TABLE_OF_NUMBERS = """# Elezioni regionali

I risultati del voto sono arrivati in serata.

| Partito | Voti | Quota |
| --- | ---: | ---: |
| Lega | 120.000 | 13,8 % |
| Altri | 1.250,5 | 3,5% |
| Saldo | -1.250 | -0,5 % |
"""


def test_copied_number_cells_are_localised_and_pass_qa(tmp_path):
    from format_fixtures import translated

    from pipeline.qa.stage import run_qa

    path = tmp_path / "voti.md"
    path.write_text(TABLE_OF_NUMBERS, encoding="utf-8")
    article, fakes = translated(path, langs=("en", "fr"))
    run_qa(article)
    cells = {s.source: s for s in article.segments() if s.source.lstrip("-")[0].isdigit()}
    assert not any(c in text for c in cells for f in fakes.values() for text in f.seen)
    got = {
        src: {lang: s.translations[lang].text for lang in ("en", "fr")} for src, s in cells.items()
    }
    assert got == {
        "120.000": {"en": "120,000", "fr": f"120{NN}000"},
        "13,8 %": {"en": "13.8%", "fr": "13,8\u00a0%"},  # a sign no line break parts
        "1.250,5": {"en": "1,250.5", "fr": f"1{NN}250,5"},
        "3,5%": {"en": "3.5%", "fr": "3,5%"},
        "-1.250": {"en": "-1,250", "fr": f"-1{NN}250"},
        "-0,5 %": {"en": "-0.5%", "fr": "-0,5\u00a0%"},
    }
    assert all(
        s.translations[lang].origin == "copy" for s in cells.values() for lang in ("en", "fr")
    )
    assert not [f for s in article.segments() for f in s.findings if f.check.startswith("number")]


def test_chrome_no_catalog_knows_stays_as_in_the_source_with_a_warning_per_language():
    from pipeline.read import parse_page
    from pipeline.writers import aligned_records, render_markdown, render_text

    line = "Condividi su Facebook"
    article = parse_page(f"Il titolo\n\nIl testo del pezzo.\n\n{line}\nStampa\n", "pezzo")
    article.target_langs = ["en", "fr"]
    localise_article(article)
    localise_article(article)  # twice: nothing doubles
    seg = next(b for b in article.blocks if b.text == line).segments[0]
    assert seg.translations == {}
    assert sorted((f.check, f.severity, f.lang) for f in seg.findings) == [
        ("chrome_uncatalogued", "warning", "en"),
        ("chrome_uncatalogued", "warning", "fr"),
    ]
    assert "share button" in seg.findings[0].message
    assert "mtpipe catalogs import" in seg.findings[0].message
    for lang in ("en", "fr"):
        assert f"\n\n{line}\n\nStampa\n" in render_text(article, lang)
        assert f"\n\n{line}\n\nStampa\n" in render_markdown(article, lang)
    # the aligned JSONL: the line as its source, no target (nothing translated it), the flag
    record = next(r for r in aligned_records(article) if r["src"] == line)
    assert (record["en"], record["fr"], record["origin"]) == (None, None, {})
    assert record["flags"] == ["chrome_uncatalogued"]


def test_chrome_uncatalogued_is_a_registered_finding():
    from pipeline.qa.registry import all_checks

    assert all_checks()["chrome_uncatalogued"].severity == "warning"


def test_a_markup_warning_names_each_marker_by_its_element():
    """Tags the model crossed are put right and the ``markup`` warning says which elements
    they are (``<strong>``, the link with its address), not only ``<g1>``: an editor finds
    them in the page, not in the segment's marker syntax."""
    src = "Il <g1>rapporto</g1> dell'<g2>Onu</g2> dice che"
    table = {
        "1": {"tag": "strong", "attrs": {}},
        "2": {"tag": "a", "attrs": {"href": "https://un.org/r"}},
    }
    seg = Segment("b1.s1", src)
    seg.translations["en"] = Translation("The <g1><g2>UN</g1> report</g2> says that", "mt")
    block = Block("b1", "paragraph", src, [seg], meta={"tag": "p", "markup": table})
    localise_article(Article("a", "it", [block], target_langs=["en"]))
    [warning] = [f for f in seg.findings if f.check == "markup"]
    assert "(<strong>)" in warning.message, warning.message
    assert '(<a href="https://un.org/r">)' in warning.message, warning.message


@pytest.mark.parametrize(
    ("source", "en", "fr"),
    [
        ("1.500.000", "1,500,000", f"1{NN}500{NN}000"),  # a table cell
        ("2.345.678,90", "2,345,678.90", f"2{NN}345{NN}678,90"),
        ("12,5 %", "12.5%", "12,5\u00a0%"),
        ("2.500", "2,500", f"2{NN}500"),  # a heading: en read the copy as 2.5
        ("12/03/2024", "12/03/2024", "12/03/2024"),  # a date, a year, a code, a phone
        ("2024", "2024", "2024"),
        ("1.2.3", "1.2.3", "1.2.3"),
        ("347 123 4567", "347 123 4567", "347 123 4567"),
        ("+39 010 123 456", "+39 010 123 456", "+39 010 123 456"),
    ],
)
def test_a_block_of_only_a_number_is_written_in_the_target_format(source, en, fr):
    """The translate stage records a copied segment as one ``nonlanguage`` protected span;
    that span does not keep its numbers in the source format (was: every table cell,
    heading or list item holding only a number stayed ``1.500.000``)."""
    from pipeline.protect import Protector
    from pipeline.protect.record import record_spans

    seg = Segment("b1.s1", source)
    for lang in ("en", "fr"):
        seg.translations[lang] = Translation(source, "copy")
        record_spans(seg, lang, Protector())
    assert [p.kind for p in seg.protected] == ["nonlanguage"]
    doc = Article(
        id="a",
        source_lang="it",
        target_langs=["en", "fr"],
        blocks=[Block("b1", "paragraph", source, [seg])],
    )
    localise_article(doc)
    assert (seg.translations["en"].text, seg.translations["fr"].text) == (en, fr)
