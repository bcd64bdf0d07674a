"""Chrome recognition through the catalogs, and catalog strings rendered per language."""

from __future__ import annotations

import re

import pytest

from pipeline.document import Article
from pipeline.errors import CatalogError
from pipeline.localise.chrome import catalog_text, match_category, match_chrome_line
from pipeline.read import parse_markdown, parse_page
from pipeline.readers.html import parse_html_page
from pipeline.segment import segment_article

# (line as scraped, expected (msgid, lang) per string). Strings are the real WordPress
# core translations shipped in pipeline/locale.
LINES = [
    ("Catégories", [("Categories", "fr")]),
    ("Categorie", [("Categories", "it")]),
    ("Lascia un commento", [("Leave a Reply", "it")]),
    ("Annuler la réponse", [("Cancel reply", "fr")]),
    ("Invia commento", [("Post Comment", "it")]),
    (
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
        [
            ("Your email address will not be published.", "fr"),
            ("Required fields are marked %s", "fr"),
        ],
    ),
    (
        "Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono contrassegnati *",
        [
            ("Your email address will not be published.", "it"),
            ("Required fields are marked %s", "it"),
        ],
    ),
    ("Required fields are marked (*)", [("Required fields are marked %s", "en")]),
    ("3 commentaires", [("%(num)d Comment", "fr")]),
    ("Publié le 2 novembre 2024", [("Published on %(date)s", "fr")]),
    # U+00A0 / U+202F on the page still match a plain space in the catalog.
    ("Lascia\u00a0un commento", [("Leave a Reply", "it")]),
    # A run of spaces or a tab where the catalog has one space.
    ("Annuler  la\tréponse", [("Cancel reply", "fr")]),
]

NOT_CHROME = [
    "La Corea del Nord e la Russia rafforzano i legami militari di mutua difesa",
    "Laisser un commentaire sur l'article",  # a catalog string plus more text
    "Catégories italie",  # the category is not a messages-domain string
    "Foto: AFP.",
    "",
]


@pytest.mark.parametrize(("line", "expected"), LINES)
def test_match_chrome_line_identifies_msgids(line, expected):
    found = match_chrome_line(line)
    assert found is not None
    assert [(s.msgid, s.lang) for s in found] == expected
    assert "".join(s.text + s.space_after for s in found) == line.strip()
    assert all(s.domain == "messages" and not s.ambiguous for s in found)


@pytest.mark.parametrize("line", NOT_CHROME)
def test_match_chrome_line_rejects_article_text(line):
    assert match_chrome_line(line) is None


def test_comment_noun_carries_its_context():
    (found,) = match_chrome_line("Commentaire")
    assert (found.msgid, found.msgctxt) == ("Comment", "noun")


def test_two_msgids_one_french_string_is_reported_not_guessed():
    # French WordPress renders both "Leave a Reply" and "Post Comment" as this string.
    (found,) = match_chrome_line("Laisser un commentaire")
    assert set(found.ambiguous) == {"Leave a Reply", "Post Comment"}


def test_position_resolves_the_ambiguous_french_heading():
    (heading,) = match_chrome_line("Laisser un commentaire", position="footer")
    assert heading.msgid == "Leave a Reply" and heading.ambiguous == ()
    (button,) = match_chrome_line("Laisser un commentaire", position="button")
    assert button.msgid == "Post Comment" and button.ambiguous == ()


def test_langs_limit_the_catalogs_searched():
    assert match_chrome_line("Catégories", langs=("it", "en")) is None
    assert match_chrome_line("Catégories", langs=("fr",))[0].msgid == "Categories"


@pytest.mark.parametrize(
    ("label", "msgid", "lang"),
    [("italie", "Italy", "fr"), ("Italia", "Italy", "it"), ("CORÉE DU NORD", "North Korea", "fr")],
)
def test_match_category_is_case_insensitive(label, msgid, lang):
    found = match_category(label)
    assert (found.msgid, found.lang, found.domain) == (msgid, lang, "categories")
    assert found.text == label


def test_match_category_rejects_unknown_labels():
    assert match_category("Kim Jong Un") is None
    assert match_category("Categories") is None  # a messages string, not a category


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Required fields are marked *"),
        ("it", "I campi obbligatori sono contrassegnati *"),
        ("fr", "Les champs obligatoires sont indiqués avec *"),
    ],
)
def test_catalog_text_fills_placeholders_from_the_source(lang, expected):
    source = "Les champs obligatoires sont indiqués avec *"
    assert catalog_text("Required fields are marked %s", lang, source_text=source) == expected


def test_catalog_text_picks_the_target_plural_form_and_number_format():
    msgid = "%(num)d Comment"
    # French plural rule n > 1: zero is singular; English: zero is plural.
    assert catalog_text(msgid, "fr", source_text="0 Comments", source_lang="en") == "0 commentaire"
    assert catalog_text(msgid, "en", source_text="0 commentaire") == "0 Comments"
    assert catalog_text(msgid, "en", source_text="1 commento") == "1 Comment"
    assert catalog_text(msgid, "fr", source_text="1.500 commenti") == "1\u202f500 commentaires"


def test_catalog_text_categories_and_context():
    assert catalog_text("Italy", "it", domain="categories", source_text="italie") == "Italia"
    assert catalog_text("Comment", "fr", msgctxt="noun") == "Commentaire"


def test_catalog_text_errors_name_the_missing_entry():
    with pytest.raises(CatalogError, match="no translation of 'Nope'"):
        catalog_text("Nope", "fr")
    with pytest.raises(CatalogError, match="no 'messages' catalog for locale 'de'"):
        catalog_text("Leave a Reply", "de")
    with pytest.raises(CatalogError, match="is not a form of catalog string"):
        catalog_text("Leave a Reply", "en", source_text="Something else")


def test_a_line_compiles_only_the_catalog_patterns_its_letters_allow():
    """Every pattern of every language was compiled on the first line a page had (~0.08 s
    of a page's read); a pattern is now compiled when a line can reach it."""
    from pipeline.localise.chrome import DEFAULT_LANGS, MESSAGES, _index, _locale_dir

    _index.cache_clear()
    assert match_chrome_line("Lascia un commento") is not None
    index = _index(DEFAULT_LANGS, MESSAGES, False, _locale_dir())
    compiled = [g for g in index.groups if g._regex is not None]
    assert 0 < len(compiled) < len(index.groups) / 4


@pytest.mark.parametrize("lang", ["it", "en", "fr"])
def test_every_catalog_string_is_found_whatever_it_opens_with(lang):
    """Filing patterns by their first character loses none: each catalog string as a line
    (categories in any case) is found, placeholders filled (a date slot with a date, a
    time slot with a time: they hold nothing else)."""
    from pipeline.langdata.catalogs import load_catalog, translated_messages
    from pipeline.localise.chrome import WORDS_IN_TEXT

    for message in translated_messages(load_catalog(lang, "messages")):
        if message.id in WORDS_IN_TEXT:  # a byline's words, never a chrome line
            continue
        for form in message.string if isinstance(message.string, tuple) else (message.string,):
            line = form.replace("%(date)s", "12/03/2024").replace("%(time)s", "10:30")
            line = re.sub(r"%\(\w+\)[sd]|%[sd]|\{\w*\}", "3", line).strip()
            found = match_chrome_line(line, langs=[lang])
            assert found is not None, line
            assert "".join(s.text + s.space_after for s in found) == line
    for message in translated_messages(load_catalog(lang, "categories")):
        for name in (message.string.upper(), message.string.lower()):
            assert match_category(name, langs=[lang]) is not None, name


@pytest.mark.parametrize("dst", ["en-XX", "tlh"])
def test_a_date_or_number_for_a_tag_cldr_does_not_know_stays_as_written(dst: str) -> None:
    """A target tag with no CLDR data (a valid BCP 47 tag: en-XX, tlh) leaves a chrome
    value as the page wrote it; it was Babel's UnknownLocaleError, a traceback."""
    from pipeline.langdata.dates import localise_date
    from pipeline.localise.chrome import _localise_number

    assert localise_date("12 marzo 2024", "it", dst) == "12 marzo 2024"
    assert _localise_number("1.000", "it", dst) == "1.000"


def test_a_chrome_count_longer_than_28_digits_is_localised_whole() -> None:
    """``1.000.000…`` (37 digits) in a comment count raised decimal.InvalidOperation
    (Python's 28-digit context) and stopped the batch with a traceback."""
    count = "1" + ".000" * 12
    assert catalog_text("%(num)d Comment", "en", source_text=f"{count} commenti") == (
        "1" + ",000" * 12 + " Comments"
    )


# --- Uncatalogued chrome at the end of an article: a related label, a copyright footer. ---

_ARTICLE_LINES = [
    "Il ponte sul fiume riapre",
    "Il sindaco ha annunciato oggi la riapertura del ponte dopo tre mesi di lavori.",
    "La società ha rivendicato i diritti riservati sul marchio.",
]
# Lines of the copyright/legal-footer kind (pipeline/data/chrome_lines.toml, "copyright").
COPYRIGHT_LINES = [
    "Tutti i diritti riservati",
    "Riproduzione riservata",
    "© RIPRODUZIONE RISERVATA",
    "© 2024 Tutti i diritti riservati",
    "Copyright © 2024 Editore S.p.A.",
    "P.IVA 01234567890",
    "Riproduzione vietata",
    "Editore S.p.A. – P. IVA 01234567890 – Tutti i diritti riservati.",
    "©2023-2024 La Gazzetta del Sud. All rights reserved",
    "Tous droits réservés",
]
# Article sentences and headlines that speak of copyright or reserved rights: text.
NOT_COPYRIGHT = [
    "La società ha rivendicato i diritti riservati sul marchio.",
    "Copyright, la Ue approva la riforma",
    "Copyright: la nuova direttiva europea sul diritto d'autore",
    "Tutti i diritti riservati, ha detto il giudice, spettano all'autore.",
    "(c) le imprese devono pagare entro marzo",
    "La partita IVA 01234567890 è risultata falsa",
    "Diritti riservati e copyright: cosa cambia per i giornali",
]


def _read(text: str, fmt: str) -> Article:
    if fmt == "md":
        return parse_markdown(text, "ponte")
    if fmt == "html":
        paras = "".join(f"<p>{line}</p>" for line in text.split("\n\n")[1:])
        page = f"<html><body><article><h1>{_ARTICLE_LINES[0]}</h1>{paras}</article></body></html>"
        return parse_html_page(page, "ponte")
    return parse_page(text, "ponte")


def _sent_to_mt(article: Article) -> str:
    return " ".join(s.source for s in segment_article(article).text_segments())


def _chrome_kind(article: Article, line: str) -> str | None:
    """The uncatalogued kind the block showing ``line`` was kept as, None when it is text."""
    block = next(b for b in article.blocks if re.sub(r"<[^>]*>", "", b.text).strip() == line)
    return block.meta.get("uncatalogued")


@pytest.mark.parametrize("fmt", ["txt", "md", "html"])
def test_share_related_label_and_copyright_closing_an_article_are_never_mt(fmt):
    """An article ending `Condividi su Facebook` / `Leggi anche` / `Tutti i diritti
    riservati` had all three machine-translated: no kind knew the last two."""
    tail = ["Condividi su Facebook", "Leggi anche", "Tutti i diritti riservati"]
    article = _read("\n\n".join(_ARTICLE_LINES + tail) + "\n", fmt)
    sent = _sent_to_mt(article)
    for line in tail:
        assert line not in sent
    assert _chrome_kind(article, "Leggi anche") == "related-article link"
    assert _chrome_kind(article, "Tutti i diritti riservati") == "copyright notice"
    assert "rivendicato i diritti riservati sul marchio" in sent


@pytest.mark.parametrize("fmt", ["txt", "md"])
@pytest.mark.parametrize("line", COPYRIGHT_LINES)
def test_a_copyright_footer_alone_after_the_text_is_chrome(line, fmt):
    article = _read("\n\n".join([*_ARTICLE_LINES, line]) + "\n", fmt)
    assert _chrome_kind(article, line) == "copyright notice"
    assert line not in _sent_to_mt(article)


@pytest.mark.parametrize("fmt", ["txt", "md"])
@pytest.mark.parametrize("line", NOT_COPYRIGHT)
def test_a_sentence_on_copyright_or_reserved_rights_stays_text(line, fmt):
    text = "\n\n".join([*_ARTICLE_LINES[:2], line, "Condividi su Facebook"]) + "\n"
    article = _read(text, fmt)
    assert _chrome_kind(article, line) is None
    assert line in _sent_to_mt(article)


@pytest.mark.parametrize("fmt", ["txt", "md"])
@pytest.mark.parametrize("label", ["Leggi anche", "Articoli correlati:", "Per approfondire"])
def test_a_lone_related_label_is_chrome_beside_chrome_and_text_beside_text(label, fmt):
    """A related label whose links the page lost is chrome next to other chrome only; a
    label after the last paragraph alone may be the text's own subheading."""
    closing = _read("\n\n".join([*_ARTICLE_LINES, label, "Stampa"]) + "\n", fmt)
    assert _chrome_kind(closing, label) == "related-article link"
    alone = _read("\n\n".join([*_ARTICLE_LINES, label]) + "\n", fmt)
    assert _chrome_kind(alone, label) is None
    assert label in _sent_to_mt(alone)


def test_a_line_compiles_only_the_patterns_it_opens_like():
    """Patterns of strings that open with other text than the line are passed over
    uncompiled: the first page read no longer compiles every string of a letter."""
    from pipeline.localise import chrome

    chrome._index.cache_clear()
    found = match_chrome_line("Lascia un commento")
    index = chrome._index(chrome.DEFAULT_LANGS, chrome.MESSAGES, False, chrome._locale_dir())
    compiled = [g for g in index.groups if g._regex is not None]
    assert found is not None and compiled
    assert all("Lascia un commento".startswith(g.lead) for g in compiled)
    assert any(g.lead.startswith("L") for g in index.groups if g._regex is None)
    assert all(g.source.startswith(re.escape(g.lead)) for g in index.groups)


@pytest.fixture
def pt_br_catalogs(tmp_path, monkeypatch):
    """The shipped catalogs plus a ``pt_BR`` one (gettext's folder for ``pt-BR``), in use."""
    import shutil

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    import pipeline.langdata.catalogs as catalogs

    locale = shutil.copytree(catalogs.LOCALE_DIR, tmp_path / "locale")
    catalog = Catalog(locale="pt_BR", domain="messages")
    catalog.add("Leave a Reply", "Deixe uma resposta")
    # CLDR's Portuguese has three forms: one (0, 1), many (whole millions), other
    forms = ("%(num)d comentário", "%(num)d de comentários", "%(num)d comentários")
    catalog.add(("%(num)d Comment", "%(num)d Comments"), forms)
    (locale / "pt_BR" / "LC_MESSAGES").mkdir(parents=True)
    with open(locale / "pt_BR" / "LC_MESSAGES" / "messages.po", "wb") as fp:
        write_po(fp, catalog)
    monkeypatch.setattr(catalogs, "LOCALE_DIR", locale)
    return locale


def test_a_tag_with_a_region_reads_its_catalog_folder(pt_br_catalogs):
    """``pt-BR``'s catalog is in ``pt_BR/``: matched against the raw tag it was "no catalog",
    and Babel given ``pt-BR`` raised, so counts kept the other language's digit grouping."""
    found = match_chrome_line("Deixe uma resposta", langs=("pt-BR",))
    assert [(s.msgid, s.lang) for s in found] == [("Leave a Reply", "pt-BR")]
    msgid = "%(num)d Comment"
    assert catalog_text(msgid, "pt-BR", source_text="1,500 Comments", source_lang="en") == (
        "1.500 comentários"
    )
    assert catalog_text(msgid, "pt-BR", source_text="2.000.000 commenti") == (
        "2.000.000 de comentários"  # pt-BR's own plural rule: whole millions
    )
    assert catalog_text(msgid, "en", source_text="1.500 comentários", source_lang="pt-BR") == (
        "1,500 Comments"
    )
    assert catalog_text(msgid, "en", source_text="1 comentário", source_lang="pt-BR") == (
        "1 Comment"
    )


def test_a_tag_without_a_catalog_of_its_own_reads_its_languages():
    """``en-GB`` has no ``en_GB/``: the ``en`` catalog serves it (as gettext falls back),
    with British number formatting; a language with no catalog at all is named."""
    found = match_chrome_line("Leave a Reply", langs=("en-GB",))
    assert [(s.msgid, s.lang) for s in found] == [("Leave a Reply", "en-GB")]
    assert match_category("Italy", langs=("en-GB",)).msgid == "Italy"
    assert catalog_text("%(num)d Comment", "en-GB", source_text="1.500 commenti") == (
        "1,500 Comments"
    )
    with pytest.raises(CatalogError, match="no 'messages' catalog for 'de-AT'.*catalogs update"):
        match_chrome_line("Hinterlasse eine Antwort", langs=("de-AT",))


# --- read-more links: every wording one catalog string, WordPress's "Read more" -------------
@pytest.mark.parametrize(
    ("label", "lang"),
    [("Leggi tutto »", "it"), ("Continua a leggere →", "it"), ("Leggi di più…", "it"),
     ("[…] Leggi l’articolo", "it"), ("LEGGI TUTTO", "it"), ("Continue reading", "en"),
     ("Lire la suite »", "fr")],
)  # fmt: skip
def test_a_read_more_label_in_any_wording_is_the_catalogs_read_more(label, lang):
    """A theme's or plugin's wording of the link to the rest of the article matched no
    catalog string and went to MT: it is WordPress's "Read more", rendered from each
    language's catalog."""
    [found] = match_chrome_line(label) or []
    assert (found.msgid, found.lang, found.text) == ("Read more", lang, label)
    want = {"it": "Leggi tutto", "en": "Read more", "fr": "Lire la suite"}
    for target, text in want.items():
        assert catalog_text("Read more", target, source_text=label, source_lang=lang) == text


@pytest.mark.parametrize(
    "line",
    ["Leggi tutto il rapporto sul sito del ministero.", "«Leggi tutto»", "Leggi anche",
     "Continua", "leggi", "Per saperne di più leggi il rapporto della Regione"],
)  # fmt: skip
def test_a_sentence_or_quotation_holding_leggi_is_no_read_more(line):
    from pipeline.localise.chrome import match_read_more

    assert match_read_more(line, learn_more=True) is None
    assert not any(s.msgid == "Read more" for s in match_chrome_line(line) or [])


@pytest.mark.parametrize("label", ["Scopri di più", "En savoir plus ›", "Learn more"])
def test_a_learn_more_label_is_read_more_only_where_a_reader_placed_it(label):
    """The other side: "Scopri di più" is also a cookie banner's link; in a page's header or
    footer (match_chrome_line) it stays the cookie kinds' to tell apart, and only a link a
    reader finds after article text takes it as read-more."""
    from pipeline.localise.chrome import match_read_more

    assert match_chrome_line(label) is None
    assert match_read_more(label, learn_more=True).msgid == "Read more"


@pytest.mark.parametrize("label", ["Continua a leggere »", "Leggi tutto…", "→ Leggi di più"])
def test_a_read_more_line_between_paragraphs_of_page_text_is_chrome(label):
    """A scraped page's read-more line alone among the text (a catalog line alone stays
    text, "Commento" as a subheading) was sent to MT; its shape is proof enough."""
    lines = [_ARTICLE_LINES[0], _ARTICLE_LINES[1], label, *_ARTICLE_LINES[2:]]
    article = parse_page("\n".join(lines) + "\n", "ponte")
    [chrome] = [b for b in article.blocks if b.text == label]
    assert chrome.segments[0].msgid == "Read more"
    assert label not in _sent_to_mt(article) and _ARTICLE_LINES[1] in _sent_to_mt(article)


def test_a_sentence_opening_with_leggi_tutto_in_page_text_stays_text():
    """The other side: a line that says more than the label is the article's."""
    line = "Leggi tutto il rapporto sul sito del ministero, che spiega le cause."
    article = parse_page("\n".join([*_ARTICLE_LINES[:2], line, *_ARTICLE_LINES[2:]]), "ponte")
    assert line in _sent_to_mt(article)


@pytest.mark.parametrize("title", ["Leggi tutto", "Continua a leggere"])
def test_a_read_more_label_as_a_pages_first_line_is_its_title(title):
    """A read-more link follows an excerpt; over the article, the line is its headline
    (a column called "Leggi tutto"). It was header chrome: no title, the label localised."""
    article = parse_page("\n".join([title, *_ARTICLE_LINES[1:]]) + "\n", "rubrica")
    assert article.meta["title"] == title
    assert [b.kind for b in article.blocks if b.text == title] == ["title"]
    assert title in _sent_to_mt(article)


@pytest.mark.parametrize("line", ["Destra e sinistra", "Roma e Milano", "di Roma", "par Macron"])
def test_a_bylines_catalog_words_never_make_a_line_chrome(line):
    """``%s e %s`` (two names in a byline) matched the headline "Destra e sinistra", which
    became chrome and the page had no title; ``di %s`` the line "di Roma" (fixa36)."""
    from pipeline.readers.page import parse_page

    assert match_chrome_line(line) is None
    body = "Il Consiglio dei ministri ha approvato la legge di bilancio nella notte."
    article = parse_page(f"{line}\n{body}\nIl testo arriva ora in Parlamento.\n", "a1")
    assert article.meta["title"] == line
