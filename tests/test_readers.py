"""Readers: registry and sniffing, HTML page, WordPress post, Markdown (tests/fixtures)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.document import ALT, CAPTION, CATEGORY, PARAGRAPH, RAW, TEXT_KINDS, TITLE, UI
from pipeline.errors import InputError
from pipeline.markup import strip
from pipeline.readers import READERS, choose_reader, dom, input_suffixes, read_article
from pipeline.readers.html import parse_html_page
from pipeline.readers.markdown import parse_markdown
from tests.format_fixtures import ALLERTA_PAGE

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
PAGE = FIXTURES / "kim-belousov.it.html"
POST = FIXTURES / "post.json"

# Text of the page around the article: none of it may reach a model.
PAGE_CHROME = [
    "Aller au contenu",
    "Nous utilisons des cookies",
    "Accueil",
    "Rechercher",
    "Partager",
    "Twitter",
    "Articles similaires",
    "La Corea del Sud risponde",
    "Articles récents",
    "Le Parlement vote",
    "Tous droits réservés",
    "Article précédent",
    "Étiquettes",
    "Publié le",
    "Annuler la réponse",
    "dataLayer",
    "Titolo finto nello script",
    "Commento HTML",
    "Testo nascosto",
    "font-family",
]


def _mt_text(article) -> str:
    """Everything that would be sent to machine translation."""
    return "\n".join(b.text for b in article.blocks if b.kind in TEXT_KINDS)


@pytest.fixture(scope="module")
def page():
    return read_article(PAGE)


def test_html_page_article_is_found_and_chrome_never_reaches_mt(page):
    text = _mt_text(page)
    assert "Il leader nordcoreano" in text and "l’isolamento di entrambi i paesi" in text
    for chrome in PAGE_CHROME:
        assert chrome not in text, chrome
    assert page.meta["format"] == "html"


def test_html_page_metadata_title_date_author_category(page):
    assert page.meta["title"].startswith("La Corea del Nord e la Russia")
    assert page.meta["date"] == "2024-11-30"
    assert page.meta["author"] == "Marie Dupont"
    assert page.meta["category"] == "Italy"  # "italie" matched in the categories catalog
    kinds = [b.kind for b in page.blocks]
    assert kinds[0] == CATEGORY and kinds.count(TITLE) == 1


def test_html_page_theme_strings_and_comment_form_are_catalog_chrome(page):
    ui = [b for b in page.blocks if b.kind == UI]
    assert [b.text for b in ui] == [
        "Publié le 30 novembre 2024",  # the theme's post meta, before the article
        "Article précédent",  # the post navigation, catalog strings since fixa36
        "Article suivant",
        "Laisser un commentaire",
        "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
    ]
    assert all(s.msgid for b in ui for s in b.segments)
    assert ui[0].segments[0].msgid == "Published on %(date)s"
    title_at = next(i for i, b in enumerate(page.blocks) if b.kind == TITLE)
    assert page.blocks.index(ui[0]) < title_at < page.blocks.index(ui[1])


def test_html_page_structure_headings_lists_quotes_figures(page):
    by_tag = {}
    for b in page.blocks:
        by_tag.setdefault(b.meta.get("tag"), []).append(b)
    assert [strip(b.text) for b in by_tag["h2"]] == ["Un trattato di mutua difesa"]
    items = [b for b in page.blocks if [w[0] for w in b.meta.get("wrap", [])][:1] == ["ul"]]
    assert len(items) == 3
    quote = [b for b in page.blocks if any(w[0] == "blockquote" for w in b.meta.get("wrap", []))]
    assert strip(quote[0].text).startswith("La cooperazione amichevole")
    caption = next(b for b in page.blocks if b.kind == CAPTION)
    assert caption.text.endswith("Foto: AFP.") and caption.meta["tag"] == "figcaption"
    alts = [b.text for b in page.blocks if b.kind == ALT]
    assert "Belousov stringe la mano a No Kwang-chol" in alts  # image alt is translated
    assert "Profilo del ministro" in alts  # link title is translated


def test_html_entities_are_decoded_and_inline_markup_becomes_markers(page):
    text = _mt_text(page)
    assert "venerdì" in text and "l’approfondimento" in text and "&" not in strip(text)
    first = next(b for b in page.blocks if "Il leader" in b.text)
    table = first.meta["markup"]
    assert [e["tag"] for e in table.values()] == ["strong", "a", "em"]
    assert table["2"]["attrs"]["href"] == "https://example.org/belousov?lang=it&ref=1"
    assert "<g2>Andrei <g3>Belousov</g3></g2>" in first.text


def test_inline_code_never_reaches_mt(page):
    item = next(b for b in page.blocks if "forniture di petrolio" in b.text)
    assert "H2O" not in item.text
    assert any(e.get("text") == "H2O" for e in item.meta["markup"].values())


def test_page_without_article_is_an_input_error(tmp_path):
    path = tmp_path / "nav.html"
    path.write_text(
        "<!DOCTYPE html><html><body><nav><a href='/'>Accueil</a></nav>"
        "<footer>© 2024</footer></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="no article found") as exc:
        read_article(path)
    assert exc.value.exit_code == 3


def test_malformed_html_is_read_without_losing_text(tmp_path):
    body = (
        "<p>Primo paragrafo con <b>grassetto non chiuso e testo che continua a lungo "
        "per sembrare un articolo vero di giornale.</p></p>"
        "<p>Secondo paragrafo <i>corsivo <b>annidato</i> male</b> con altre parole "
        "ancora per fare volume nel testo dell'articolo.<p>Terzo paragrafo senza chiusura "
        "che parla della Borsa di Milano e dei mercati europei in calo.</div></span>"
    )
    path = tmp_path / "rotto.html"
    path.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    article = read_article(path)
    text = strip(_mt_text(article))
    for words in ("Primo paragrafo", "Secondo paragrafo", "annidato", "Terzo paragrafo"):
        assert words in text


def test_ten_megabyte_page_is_read_with_a_raised_limit_and_refused_by_default(tmp_path):
    filler = "<div class='widget'><p>" + "x" * 1000 + "</p></div>\n"
    article = "".join(
        f"<p>Paragrafo numero {i} dell'articolo sulla Corea del Nord e la Russia.</p>"
        for i in range(40)
    )
    page = (
        f"<!DOCTYPE html><html><head><script>{'var a=1;' * 500_000}</script></head><body>"
        f"<aside>{filler * 6000}</aside><article><h1>Titolo</h1>{article}</article></body></html>"
    )
    path = tmp_path / "big.html"
    path.write_text(page, encoding="utf-8")
    assert path.stat().st_size > 10_000_000
    with pytest.raises(InputError, match="byte limit"):
        read_article(path)
    big = read_article(path, max_bytes=20_000_000)
    paras = [b for b in big.blocks if b.kind == PARAGRAPH]
    assert len(paras) == 40 and "xxxx" not in _mt_text(big)


def test_wordpress_post_blocks_comments_terms_and_excerpt():
    post = read_article(POST)
    assert post.meta["format"] == "wordpress"
    assert post.meta["category"] == "Italy" and post.meta["tags"] == ["Russia", "Corea del Nord"]
    assert post.meta["author"] == "Marie Dupont"
    raw = [b.text for b in post.blocks if b.kind == RAW and b.text.startswith("<!--")]
    assert raw[:2] == ["<!-- wp:paragraph -->", "<!-- /wp:paragraph -->"]
    assert len(raw) == 12
    assert "wp:" not in _mt_text(post)  # block comments are never translated
    title = next(b for b in post.blocks if b.kind == TITLE)
    assert strip(title.text) == "Belousov a Pyongyang: «legami più forti»"
    excerpt = [b for b in post.blocks if b.meta.get("part") == "excerpt"]
    assert [b.text for b in excerpt] == [
        "Il ministro russo a Pyongyang per rafforzare i legami militari."
    ]


def test_wordpress_rendered_content_without_block_comments(tmp_path):
    data = json.loads(POST.read_text(encoding="utf-8"))
    del data["content"]["raw"], data["_embedded"]
    path = tmp_path / "rendered.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    post = read_article(path)
    assert not [b for b in post.blocks if b.kind == RAW and "wp:" in b.text]
    assert "Andrei Belousov" in _mt_text(post)


def test_registry_chooses_by_suffix_and_by_sniffing(tmp_path):
    assert set(READERS) >= {"page", "markdown", "html", "wordpress", "json"}
    assert {".txt", ".md", ".html", ".json"} <= set(input_suffixes())
    html_as_txt = tmp_path / "pagina.txt"
    html_as_txt.write_text(PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    assert choose_reader(html_as_txt, html_as_txt.read_text()).name == "html"
    noext = tmp_path / "post"
    noext.write_text(POST.read_text(encoding="utf-8"), encoding="utf-8")
    assert read_article(noext).meta["format"] == "wordpress"


@pytest.mark.parametrize(
    "name, content",
    [
        ("data.json", '{"hello": "world"}'),
        ("notes.csv", "a,b,c\n1,2,3\n"),
        ("list.json", "[1, 2, 3]"),
    ],
)
def test_input_no_reader_accepts_is_exit_3_naming_the_formats(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_article(path)
    assert exc.value.exit_code == 3
    message = str(exc.value)
    assert name in message
    for title in ("page text", "Markdown", "HTML page", "WordPress"):
        assert title in message


BILLION_LAUGHS = (
    "---\n"
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "---\n\nTesto.\n"
)


@pytest.mark.parametrize(
    "front, message",
    [
        (BILLION_LAUGHS, "billion laughs"),
        ("---\nx: &x [*x]\n---\n\nTesto.\n", "billion laughs"),  # recursive alias
        ("---\nx: " + "[" * 100 + "]" * 100 + "\n---\n\nTesto.\n", "nests deeper"),
        ("---\nx: " + "y" * 70_000 + "\n---\n\nTesto.\n", "bytes"),
        ("---\ntitle: [unclosed\n---\ntext\n", "not valid YAML"),
    ],
)
def test_hostile_front_matter_is_an_input_error_with_a_sentence(tmp_path, front, message):
    path = tmp_path / "bomba.md"
    path.write_text(front, encoding="utf-8")
    with pytest.raises(InputError, match=message) as exc:
        read_article(path)
    assert str(path) in str(exc.value) and "\n" not in str(exc.value)


MARKDOWN = """---
title: Borsa di Praga in calo
category: Economia
---

# Borsa di Praga in calo

La Borsa di Praga ha chiuso in **calo** secondo [la CTK](https://ctk.cz "Agenzia ceca").

## Il contesto

- primo punto con `codice()`;
- secondo punto.

> Una citazione *importante*.

![Il palazzo della Borsa](borsa.jpg)

```python
print("mai tradotto")
```
"""


def test_markdown_structure_links_emphasis_and_code():
    article = parse_markdown(MARKDOWN, "praga")
    kinds = [b.kind for b in article.blocks]
    assert kinds.count(TITLE) == 1 and kinds[0] == CATEGORY
    assert article.meta["category"] == "Economy"
    para = next(b for b in article.blocks if "Borsa di Praga ha chiuso" in b.text)
    assert [e["tag"] for e in para.meta["markup"].values()] == ["strong", "a"]
    assert any(b.kind == ALT and b.text == "Agenzia ceca" for b in article.blocks)
    item = next(b for b in article.blocks if "primo punto" in b.text)
    assert [w[0] for w in item.meta["wrap"]] == ["ul", "li"] and "codice" not in item.text
    assert next(b for b in article.blocks if b.kind == CAPTION).text == "Il palazzo della Borsa"
    code = next(b for b in article.blocks if b.kind == RAW and "code" in b.meta)
    assert "mai tradotto" in code.text and "mai tradotto" not in _mt_text(article)


def test_html_reader_refuses_a_json_file_named_html(tmp_path):
    path = tmp_path / "x.html"
    path.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article"):
        parse_html_page(path.read_text(), "x", "it", str(path))


def test_readme_format_table_lists_every_registered_reader():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(): line for line in readme.splitlines() if line.startswith("| ")
    }
    for reader in READERS.values():
        assert reader.title in rows, reader.title
        for suffix in reader.suffixes:
            assert f"`{suffix}`" in rows[reader.title]


# --- property tests: any input gives an article or the input error, nothing else ------------

PROPS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
MARKUP_CHARS = st.sampled_from(
    ["<p>", "</p>", "<a href='x'>", "</a>", "<em>", "<b>", "</i>", "<li>", "<ul>", "<br>",
     "<!-- wp:x -->", "<script>", "&amp;", "&#0;", "&bogus;", "<g1>", "<x2/>", " ", "\n",
     "Testo", "parola.", "«", "—", "</div>", "<div hidden>", "<h1>", "<figure>", "<img alt='a'>"]
)  # fmt: skip
MD_CHARS = st.sampled_from(
    ["# ", "## ", "*", "**", "_", "[", "](", ")", "![", "`", "```", "> ", "- ", "1. ", "\n",
     "\n\n", "---\n", "a: &x [1]\n", "b: *x\n", "Testo", " ", "<g1>", "<b>", "\\"]
)  # fmt: skip


def _article_or_input_error(fn, *args):
    try:
        article = fn(*args)
    except InputError as exc:
        assert "\n" not in str(exc)
        return None
    for block in article.blocks:
        assert isinstance(block.text, str)
    return article


@PROPS
@given(st.lists(MARKUP_CHARS, max_size=40))
def test_any_html_gives_an_article_or_the_input_error(parts):
    page = "<!DOCTYPE html><html><body><article>" + "".join(parts) + "</article></body></html>"
    _article_or_input_error(parse_html_page, page, "x", "it", "x.html")


@PROPS
@given(st.lists(MD_CHARS, max_size=40))
def test_any_markdown_gives_an_article_or_the_input_error(parts):
    _article_or_input_error(parse_markdown, "".join(parts), "x", "it", "x.md")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=15,
)


@PROPS
@given(JSON, JSON, JSON)
def test_any_wordpress_like_json_gives_an_article_or_the_input_error(title, content, embedded):
    from pipeline.readers.wordpress import parse_wordpress

    post = {"title": title, "content": {"rendered": content}, "_embedded": embedded}
    text = json.dumps(post)
    _article_or_input_error(parse_wordpress, text, "x", "it", "x.json")


@PROPS
@given(st.binary(max_size=300), st.sampled_from([".html", ".md", ".json", ".txt", ".xyz"]))
def test_any_bytes_in_any_file_give_an_article_or_the_input_error(data, suffix):
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"x{suffix}"
        path.write_bytes(data)
        _article_or_input_error(read_article, path)


def _cells(article):
    return [
        (b.meta.get("tag"), b.text, b.kind, b.meta.get("attrs"))
        for b in article.blocks
        if b.meta.get("tag") in ("td", "th")
    ]


def test_html_table_cells_are_blocks_for_mt_and_empty_cells_keep_their_place():
    article = read_article(FIXTURES / "elezioni.it.html")
    cells = _cells(article)
    assert [c[:2] for c in cells] == [
        ("th", "Partito"), ("th", "Seggi"), ("th", ""),
        ("td", "Partito Democratico"), ("td", "120"), ("td", "<g1>scheda del partito</g1>"),
        ("td", "Totale dei seggi assegnati"), ("td", "400"),
    ]  # fmt: skip
    assert cells[2][2] == RAW and [c[2] for c in cells].count(RAW) == 1
    assert cells[6][3] == {"colspan": "2"}
    caption = next(b for b in article.blocks if b.kind == CAPTION)
    assert caption.text == "Seggi per partito"
    assert "Totale dei seggi assegnati" in _mt_text(article)


def test_markdown_pipe_table_cells_are_blocks_with_alignment():
    article = read_article(FIXTURES / "elezioni.it.md")
    cells = _cells(article)
    assert [c[:2] for c in cells] == [
        ("th", "Partito"), ("th", "Seggi"), ("th", "Note"),
        ("td", "Partito <g1>Democratico</g1>"), ("td", "120"), ("td", ""),
        ("td", "Lega | Nord"), ("td", "80"), ("td", "<g1>scheda</g1>"),
    ]  # fmt: skip
    assert cells[1][3] == {"style": "text-align:right"} and cells[5][2] == RAW
    assert "Lega | Nord" in _mt_text(article)


def _nested_list(depth: int) -> str:
    return "# Titolo\n\n" + "".join("  " * i + f"- voce {i}\n" for i in range(depth))


def _nested_quote(depth: int) -> str:
    return "# Titolo\n\n" + "".join(">" * (i + 1) + f" citazione {i}\n\n" for i in range(depth))


@pytest.mark.parametrize(
    ("body", "word"), [(_nested_list(50), "voce"), (_nested_quote(50), "citazione")]
)
def test_markdown_deep_nesting_keeps_every_line(body, word):
    article = parse_markdown(body, "x", "it", "x.md")
    texts = [b.text for b in article.blocks if word in b.text]
    assert texts == [f"{word} {i}" for i in range(50)]


def test_markdown_normal_nested_list_keeps_its_levels():
    article = parse_markdown(_nested_list(5), "x", "it", "x.md")
    items = [b for b in article.blocks if "voce" in b.text]
    assert [len(b.meta["wrap"]) for b in items] == [2, 4, 6, 8, 10]


@pytest.mark.parametrize("body", [_nested_list(70), _nested_quote(130)])
def test_markdown_nesting_past_the_limit_is_an_input_error(body):
    with pytest.raises(InputError, match=r"x\.md: .*nesting limit \(\d+ levels\)"):
        parse_markdown(body, "x", "it", "x.md")


_DATELESS_BODY = (
    "<article><h1>Nuovo ponte sul fiume</h1><p>"
    + "Il consiglio comunale ha approvato il progetto del nuovo ponte sul fiume. " * 4
    + "</p></article>"
)


@pytest.mark.parametrize(
    "extra",
    ["<footer>© 2024 Giornale di Roma</footer>", "<a href='/2024/01/archivio'>Archivio</a>", ""],
)
def test_html_page_without_a_stated_date_gets_no_date_anywhere(tmp_path, extra):
    from pipeline.bundle import build_bundle
    from pipeline.config import BundleSettings

    html = f"<html><head><title>Ponte</title></head><body>{_DATELESS_BODY}{extra}</body></html>"
    article = parse_html_page(html, "ponte")
    assert "date" not in article.meta
    report = build_bundle([article], tmp_path / "site", BundleSettings())
    [page] = [p for p in report.pages if p.article == "ponte" and p.lang == "it"]
    shown = (tmp_path / "site" / page.path).read_text(encoding="utf-8")
    assert "<time" not in shown and "2024" not in shown


def test_html_page_published_time_meta_keeps_its_date():
    html = (
        "<html><head><title>Ponte</title><meta property='article:published_time' "
        "content='2024-11-30T10:00:00+01:00'></head>"
        f"<body>{_DATELESS_BODY}<footer>© 2023 Giornale</footer></body></html>"
    )
    assert parse_html_page(html, "ponte").meta["date"] == "2024-11-30"


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("title", {"rendered": 42}, "title.rendered: expected `str`, got `int`"),
        ("date", 12345, "date: expected `str | null`, got `int`"),
        ("slug", ["a"], "slug: expected `str | null`, got `array`"),
        ("_embedded", {"wp:term": "oops"}, "_embedded.wp:term: expected `array`, got `str`"),
        ("_embedded", {"author": 5}, "_embedded.author: expected `array`, got `int`"),
        ("content", ["<p>Testo</p>"], "content: expected `str | object`, got `array`"),
        ("content", None, "content: expected `str | object`, got `null`"),
        ("tags", ["Russia"], "tags[0]: expected `int`, got `str`"),
    ],
)
def test_wordpress_field_of_the_wrong_type_is_an_input_error_naming_it(
    tmp_path, field, value, message
):
    data = json.loads(POST.read_text(encoding="utf-8"))
    data[field] = value
    for name in ("post.json", "post"):  # by suffix and by sniffing
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        with pytest.raises(InputError) as exc:
            read_article(path)
        assert exc.value.exit_code == 3
        assert str(exc.value) == f"{path}: {message}"


@pytest.mark.parametrize("void", ["<wbr>", "<source>", "<track>"])
def test_text_after_an_html5_void_element_is_kept(tmp_path, void):
    """libxml2 nests what follows <wbr> inside it; none of it may be lost."""
    page = tmp_path / "vuoto.it.html"
    page.write_text(
        "<html><head><title>T</title></head><body><article><h1>Titolo della pagina di prova</h1>"
        "<p>Primo paragrafo normale della notizia di oggi.</p>"
        f"<p>Parola lunghissima{void}spezzata e poi il <b>resto</b> della frase che continua.</p>"
        "<p>Ultimo paragrafo normale della notizia.</p></article></body></html>",
        encoding="utf-8",
    )
    text = _mt_text(read_article(page))
    assert "spezzata e poi il" in text and "della frase che continua." in text
    assert "resto" in text


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_read_like_unix_ones(tmp_path, newline):
    """Front matter saved with CRLF is front matter, not a paragraph sent to MT."""
    lines = [
        "---",
        'title: "La riforma della giustizia"',
        "author: Anna Bianchi",
        "---",
        "",
        "Il ministro ha presentato la riforma ieri sera in Parlamento.",
        "",
        "La discussione riprenderà la prossima settimana.",
    ]
    unix = tmp_path / "unix.it.md"
    unix.write_text("\n".join(lines), encoding="utf-8")
    other = tmp_path / "other.it.md"
    other.write_bytes(newline.join(lines).encode("utf-8"))
    got, want = read_article(other), read_article(unix)
    assert got.meta["author"] == "Anna Bianchi"
    assert [(b.kind, b.text) for b in got.blocks] == [(b.kind, b.text) for b in want.blocks]
    assert "author" not in _mt_text(got)


@pytest.mark.parametrize("inside", ["trat&shy;tino", "zero&#8203;width", "a capo<br>nella"])
def test_headline_with_invisible_characters_or_a_break_is_the_title_once(tmp_path, inside):
    page = tmp_path / "titolo.it.html"
    page.write_text(
        f"<html><head><title>T</title></head><body><article><h1>Titolo con {inside} pagina</h1>"
        "<p>Primo paragrafo normale della notizia di oggi con molte parole.</p>"
        "<p>Secondo paragrafo della notizia, anche questo con abbastanza parole.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    blocks = read_article(page).blocks
    assert [b.kind for b in blocks].count(TITLE) == 1
    assert not any("Titolo con" in b.text for b in blocks if b.kind != TITLE)


@pytest.mark.parametrize(
    ("byline", "author"), [("di Mario Rossi", "Mario Rossi"), ("Luigi Di Maio", "Luigi Di Maio")]
)
def test_byline_word_is_not_part_of_the_author(tmp_path, byline, author):
    page = tmp_path / "firma.it.html"
    page.write_text(
        "<html><head><title>T</title></head><body><article>"
        "<h1>Il governo approva la manovra da 30 miliardi</h1>"
        f'<p class="byline">{byline}</p>'
        "<p>Il Consiglio dei ministri ha approvato la legge di bilancio ieri sera tardi.</p>"
        "<p>Le opposizioni protestano e chiedono modifiche immediate al testo.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    assert read_article(page).meta.get("author") == author


def test_an_article_laid_out_in_a_table_cell_is_found(tmp_path):
    page = tmp_path / "tabella.it.html"
    page.write_text(
        '<html lang="it"><head><title>T</title></head><body><table><tr><td>'
        "<h1>Incendio nel porto di Trieste</h1><p>Un incendio è scoppiato nella notte in un "
        "magazzino del porto di Trieste. I vigili del fuoco sono intervenuti con sei squadre.</p>"
        "<p>Non ci sono feriti, ha detto il comandante provinciale.</p>"
        "</td></tr></table></body></html>",
        encoding="utf-8",
    )
    article = read_article(page)
    body = [b.kind for b in article.blocks if b.meta.get("part") is None]  # not <title> "T"
    assert body == [TITLE, PARAGRAPH, PARAGRAPH]
    assert "Non ci sono feriti" in _mt_text(article)


def test_wordpress_more_and_page_break_comments_keep_their_place():
    from pipeline.readers import dom

    body = dom.parse_html(
        "<div><p>Primo paragrafo.</p><!--more--><p>Secondo.</p><!--nextpage-->"
        "<!-- una nota della redazione --><p>Terzo.</p></div>"
    ).body[0]
    raw = [b.text for b in dom.walk(body) if b.kind == RAW]
    assert raw == ["<!--more-->", "<!--nextpage-->"]  # an ordinary comment is not kept


def test_wordpress_plugin_chrome_in_rendered_content_never_reaches_mt(tmp_path):
    data = json.loads(POST.read_text(encoding="utf-8"))
    del data["content"]["raw"]
    data["content"]["rendered"] += (
        '<div class="code-block code-block-2"><ins class="adsbygoogle">Pubblicità</ins></div>'
        '<div class="sharedaddy"><h3 class="sd-title">Condividi:</h3><a href="#">Facebook</a>'
        '</div><div id="jp-relatedposts"><h3>Articoli correlati</h3>'
        "<p>Un altro articolo sul tema</p></div><p>Un ultimo paragrafo della notizia.</p>"
    )
    path = tmp_path / "plugin.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    text = _mt_text(read_article(path))
    assert "Un ultimo paragrafo della notizia." in text
    for chrome in ("Pubblicità", "Condividi", "Facebook", "Articoli correlati", "Un altro"):
        assert chrome not in text


def test_a_date_that_is_not_iso_8601_is_an_input_error_at_reading(tmp_path):
    data = json.loads(POST.read_text(encoding="utf-8"))
    data["date"] = "ieri"
    path = tmp_path / "data.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match=r"date 'ieri' is not an ISO 8601 date"):
        read_article(path)
    md = tmp_path / "data.it.md"
    md.write_text("---\ndate: 3 maggio 2024\n---\n\nIl testo della notizia.\n", encoding="utf-8")
    with pytest.raises(InputError, match="3 maggio 2024"):
        read_article(md)


@pytest.mark.parametrize("field", ["title", "content"])
def test_a_wordpress_post_missing_title_or_content_is_named(tmp_path, field):
    data = json.loads(POST.read_text(encoding="utf-8"))
    del data[field]
    path = tmp_path / "post.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError, match=f"^{path}: .*missing required field `{field}`; save"):
        read_article(path)


def test_a_wordpress_post_with_both_fields_is_read_whatever_their_form(tmp_path):
    data = json.loads(POST.read_text(encoding="utf-8"))
    data["title"], data["content"] = "Il titolo", "<p>Il testo della notizia di oggi.</p>"
    path = tmp_path / "post.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    texts = [b.text for b in read_article(path).blocks]
    assert "Il titolo" in texts and "Il testo della notizia di oggi." in texts


def test_errors_name_the_file_and_say_what_to_do(tmp_path):
    plain = tmp_path / "testo.html"
    plain.write_text("Il governo ha approvato la legge.\n\nUn altro paragrafo.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"testo\.html: holds no HTML markup.*name it \.txt"):
        read_article(plain)
    chrome = tmp_path / "solo-chrome.it.txt"
    chrome.write_text("Lascia un commento\nInvia commento\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"solo-chrome\.it\.txt: the page holds only site chrome"):
        read_article(chrome)


def _deep_page(paragraphs: str) -> str:
    return (
        "<html><body><article><h1>Il titolo del pezzo</h1>"
        f"<p>Il primo paragrafo del pezzo.</p>{paragraphs}<p>Ultimo paragrafo in fondo.</p>"
        "</article></body></html>"
    )


def _deep_post(paragraphs: str) -> str:
    return json.dumps(
        {"id": 3, "title": {"rendered": "Il titolo"}, "content": {"rendered": paragraphs}}
    )


@pytest.mark.parametrize(("name", "wrap"), [("page.html", _deep_page), ("post.json", _deep_post)])
@pytest.mark.parametrize(
    "paragraphs",
    [
        "<div>" * 300 + "<p>Testo in fondo.</p>" + "</div>" * 300,
        "".join(f"<p><font color=red>Paragrafo {i} di una pagina vecchia." for i in range(200)),
        "<p>" + "<b><i>" * 1100 + "parola" + "</i></b>" * 1100 + "</p>",  # past libxml2's 2048
    ],
    ids=["divs", "open-font-tags", "inline"],
)
def test_html_nested_deeper_than_the_readers_go_is_refused_not_cut(
    tmp_path, name, wrap, paragraphs
):
    """libxml2 stops at 256 levels and drops the rest of the page without an error."""
    path = tmp_path / name
    path.write_text(wrap(paragraphs), encoding="utf-8")
    with pytest.raises(InputError, match=f"^{path}: its elements nest deeper than 256 levels"):
        read_article(path)


@pytest.mark.parametrize(("name", "wrap"), [("page.html", _deep_page), ("post.json", _deep_post)])
def test_html_nested_within_the_limit_is_read_to_its_end(tmp_path, name, wrap):
    path = tmp_path / name
    deep = "<div>" * 200 + "<p>Testo in fondo.</p>" + "</div>" * 200
    path.write_text(wrap(deep + "<p>E ancora dopo.</p>"), encoding="utf-8")
    texts = [b.text for b in read_article(path).blocks]
    assert "Testo in fondo." in texts and "E ancora dopo." in texts


def test_text_after_a_hidden_element_is_kept_in_plain_text(tmp_path):
    """A hidden span or a script in a WordPress title hid the rest of the title too."""
    data = json.loads(POST.read_text(encoding="utf-8"))
    data["title"] = {
        "rendered": 'Il sindaco <span class="screen-reader-text">(nota)</span> si dimette '
        "<script>x()</script>oggi"
    }
    path = tmp_path / "post.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    article = read_article(path)
    assert article.meta["title"] == "Il sindaco si dimette oggi"
    assert [b.kind for b in article.blocks if "sindaco" in b.text] == [TITLE]


@pytest.mark.parametrize(
    ("front", "named"),
    [("title: [Primo, secondo]", "title must be text"),
     ("title: {a: 1}", "title must be text"),
     ("title: No", "title must be text, got bool (False); put it in quotes"),
     ("category: 42", "category must be a name"),
     ("category: [Politica, 3]", "category must be a name"),
     ("lang: ../x", "lang '../x' is not a BCP 47 language tag"),
     ("lang: xx", "lang 'xx' is not a BCP 47 language tag"),
     ("language: 5", "language 5 is not a BCP 47 language tag")],
)  # fmt: skip
def test_front_matter_fields_of_the_wrong_kind_are_named(tmp_path, front, named):
    """A list title reached the model as "['Primo', 'secondo']"; a lang that is no tag
    became the source language of a document mtpipe then refused to read."""
    path = tmp_path / "pezzo.md"
    path.write_text(f"---\n{front}\n---\n\n# Il titolo\n\nIl testo del pezzo.\n", "utf-8")
    with pytest.raises(InputError, match=f"^{path}: front matter {re.escape(named)}"):
        read_article(path)


def test_front_matter_language_tag_and_numeric_title_are_read(tmp_path):
    path = tmp_path / "pezzo.md"
    path.write_text("---\nlang: pt-BR\ntitle: 2024\n---\n\nIl testo del pezzo.\n", "utf-8")
    article = read_article(path)
    assert article.source_lang == "pt-BR"
    assert [b.text for b in article.blocks if b.kind == TITLE] == ["2024"]


@pytest.mark.parametrize(("tag", "standard"), [("IT", "it"), ("pt-br", "pt-BR"), ("iw", "he")])
def test_front_matter_language_is_read_in_its_standard_form(tmp_path, tag, standard):
    """``lang: IT`` was kept as 'IT', and the run then refused it ('use --source-lang IT')."""
    path = tmp_path / "pezzo.md"
    path.write_text(f"---\nlang: {tag}\n---\n\nIl testo del pezzo.\n", "utf-8")
    assert read_article(path).source_lang == standard


def test_a_zero_title_is_a_title(tmp_path):
    path = tmp_path / "pezzo.md"
    path.write_text("---\ntitle: 0\n---\n\nIl testo del pezzo.\n", "utf-8")
    assert [b.text for b in read_article(path).blocks if b.kind == TITLE] == ["0"]


@pytest.mark.parametrize(
    "front", ['author: "Mario\\eRossi"', 'tags: ["Roma", "Lazio\\x07"]', 'summary: "a\\u0000b"']
)
def test_a_control_character_in_front_matter_is_refused_naming_the_field(tmp_path, front):
    """An ESC in the author passed into ID.json, which qa, bundle and a rerun then refused."""
    path = tmp_path / "pezzo.md"
    path.write_text(f"---\ntitle: Prova\n{front}\n---\n\nIl testo del pezzo.\n", "utf-8")
    key = front.split(":")[0]
    with pytest.raises(InputError, match=f"^{path}: the article's {key} holds .* not text"):
        read_article(path)


@pytest.mark.parametrize(
    "page_title",
    ["Roma - Lazio 2-1, il derby | Il Giornale di Prova",
     "Il Giornale di Prova – Roma - Lazio 2-1, il derby",
     "Roma - Lazio 2-1, il derby"],
)  # fmt: skip
def test_page_title_with_the_site_name_gives_the_headline_once(tmp_path, page_title):
    """<title>/og:title add the site's name: the <h1> did not match it, so the title came
    twice (with the site name, sent to MT) and the headline became a paragraph."""
    path = tmp_path / "derby.html"
    path.write_text(
        f"<!DOCTYPE html><html><head><title>{page_title}</title>"
        f'<meta property="og:title" content="{page_title}"></head><body><main><article>'
        "<h1>Roma - Lazio 2-1, il derby</h1><p>La partita di ieri sera allo stadio Olimpico "
        "si è chiusa con la vittoria della Roma.</p><p>Il prossimo turno si gioca "
        "domenica prossima in trasferta.</p></article></main></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    assert [b.text for b in article.blocks if b.kind == TITLE] == ["Roma - Lazio 2-1, il derby"]
    assert not any("Giornale" in b.text for b in article.blocks)
    assert article.meta["title"] == "Roma - Lazio 2-1, il derby"


def test_a_page_whose_text_holds_escaped_entities_is_found():
    """trafilatura decodes "&amp;nbsp;" to a space where the DOM has "&nbsp;": the keys
    that locate the article in the DOM did not match ("no article found")."""
    page = (
        "<html><body><article><h1>Le entità</h1><p>Si scrive &amp;copy; per il simbolo, "
        "e &amp;nbsp; per lo spazio che non va a capo.</p></article></body></html>"
    )
    article = parse_html_page(page, "entita", "it", "entita.html")
    assert "Si scrive &copy; per il simbolo, e &nbsp; per lo spazio che non va a capo." in [
        b.text for b in article.blocks
    ]


def test_an_article_of_one_paragraph_keeps_its_figure():
    """When the extractor kept one paragraph, that paragraph was taken for the article's
    container and the figure and caption beside it were left out."""
    page = (
        "<html><body><article><h1>Il titolo del pezzo</h1><p>Il solo paragrafo del pezzo, "
        'con <a href="https://x.org/a">un link</a>.</p><figure><img src="https://x.org/f.jpg"'
        ' alt="La foto"><figcaption>Il ministro a Roma.</figcaption></figure></article>'
        "</body></html>"
    )
    article = parse_html_page(page, "breve", "it", "breve.html")
    assert [b.kind for b in article.blocks if b.kind != ALT] == [TITLE, PARAGRAPH, RAW, CAPTION]
    assert "Il ministro a Roma." in [b.text for b in article.blocks]


# --- related-article links inside the article text ------------------------------------------

RELATED_PAGE = ALLERTA_PAGE
RELATED_PARAS = [
    '<p><strong>Leggi anche:</strong> <a href="/2025/09/frana">Frana sulla via Aurelia</a></p>',
    '<p>Potrebbe interessarti: <a href="/a">Il ponte</a> | <a href="/b">La diga</a></p>',
    '<p><em>Lire aussi</em> &#8212; <a href="/c">Inondations en Ligurie</a></p>',
]


@pytest.mark.parametrize("para", RELATED_PARAS)
def test_a_related_article_link_paragraph_is_kept_verbatim_never_sent_to_mt(tmp_path, para):
    """A "Leggi anche:" link inside .entry-content was translated as article text."""
    from pipeline.localise.boilerplate import uncatalogued_note
    from pipeline.writers.html import render_html

    path = tmp_path / "pagina.html"
    path.write_text(RELATED_PAGE.format(para=para), encoding="utf-8")
    article = read_article(path)
    text = _mt_text(article)
    assert "Le scuole resteranno chiuse" in text and "Aggiornamenti" in text
    related = [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert len(related) == 1 and related[0].kind == RAW
    line = RELATED_PAGE.splitlines().index("{para}") + 1  # the note names the file's line
    assert related[0].meta == {"uncatalogued": "related-article link", "line": line}
    label = re.sub(r"<[^>]+>", "", para).split(":")[0].split(" &")[0]
    assert label not in text and "href" not in text
    note = uncatalogued_note(article) or ""
    assert "related-article link" in note and f"line {line} " in note
    article.target_langs = ["en"]
    assert related[0].text in render_html(article, "en")  # in its place, as it was


@pytest.mark.parametrize(
    "para",
    ['<p>Chi vuole saperne di più leggi anche <a href="/r">il rapporto</a> della Regione.</p>',
     '<p><a href="/r">Il rapporto</a> della Regione spiega le cause della frana.</p>',
     "<p>Leggi anche: nessun collegamento, solo una frase scritta nel testo.</p>"],
)  # fmt: skip
def test_a_paragraph_with_a_link_or_the_words_leggi_anche_stays_text(tmp_path, para):
    path = tmp_path / "pagina.html"
    path.write_text(RELATED_PAGE.format(para=para), encoding="utf-8")
    article = read_article(path)
    assert not [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert strip(re.sub(r"<[^>]+>", "", para)).split()[1] in _mt_text(article)


def test_a_related_link_in_a_wordpress_post_is_kept_verbatim(tmp_path):
    content = (
        "<p>La Protezione civile ha diramato l'allerta rossa per la Liguria.</p>\n"
        f"{RELATED_PARAS[0]}\n<p>Aggiornamenti nelle prossime ore.</p>"
    )
    path = tmp_path / "post.json"
    path.write_text(
        json.dumps({"id": 9, "title": {"rendered": "Allerta"}, "content": {"rendered": content}}),
        encoding="utf-8",
    )
    post = read_article(path)
    related = [b for b in post.blocks if b.meta.get("uncatalogued")]
    assert [b.kind for b in related] == [RAW] and "line" not in related[0].meta
    assert "Frana" not in _mt_text(post) and "Aggiornamenti" in _mt_text(post)


# --- chrome among the text: every form of a related-link box, share and cookie lines,
# --- breadcrumbs, by the one rule every reader shares ---------------------------------------

# (HTML of the box, Markdown of the box, words of it that must never reach MT)
RELATED_BOXES = [
    ('<p>Leggi anche: <a href="/a">Frana sulla Aurelia</a> e <a href="/b">Ponte chiuso</a></p>',
     "Leggi anche: [Frana sulla Aurelia](/a) e [Ponte chiuso](/b)", ["Leggi", "Frana", "Ponte"]),
    ('<p>Read also <a href="/a">Frana sulla Aurelia</a> and <a href="/b">Ponte chiuso</a></p>',
     "Read also [Frana sulla Aurelia](/a) and [Ponte chiuso](/b)", ["Read also", "Frana"]),
    ('<p><a href="/c">Leggi anche: la diga di Genova</a></p>',
     "[Leggi anche: la diga di Genova](/c)", ["Leggi", "diga"]),
    ('<h3>Potrebbe interessarti</h3>\n<ul><li><a href="/d">Bollettino della sera</a></li>'
     '<li><a href="/e">Strade chiuse</a></li></ul>',
     "### Potrebbe interessarti\n\n- [Bollettino della sera](/d)\n- [Strade chiuse](/e)",
     ["Potrebbe", "Bollettino", "Strade"]),
    ('<h4>Articoli correlati</h4>\n<p><a href="/l">Diga di Genova</a><br><a href="/m">Ponte'
     " chiuso</a></p>", "#### Articoli correlati\n\n[Diga di Genova](/l)  \n[Ponte chiuso](/m)",
     ["Articoli", "Diga", "Ponte"]),
    ('<p><strong>LEGGI ANCHE</strong> <a href="/f">Un altro titolo</a></p>',
     "**LEGGI ANCHE** [Un altro titolo](/f)", ["LEGGI", "altro titolo"]),
    ('<p>Leggi pure: <a href="/g">Titolo gi</a></p>', "Leggi pure: [Titolo gi](/g)", ["pure"]),
    ('<p><b>Leggi anche</b>: <a href="/g">Titolo gi</a><br><b>Leggi anche</b>: <a href="/h">'
     'Titolo hi</a></p>', "**Leggi anche**: [Titolo gi](/g)  \n**Leggi anche**: [Titolo hi](/h)",
     ["Leggi", "Titolo hi"]),
    ('<p>Vedi anche &#8212; <a href="/i">Titolo vi</a></p>', "Vedi anche — [Titolo vi](/i)",
     ["Vedi", "Titolo vi"]),
    ('<p>Approfondisci: <a href="/j">Titolo ja</a>, <a href="/k">Titolo ka</a></p>',
     "Approfondisci: [Titolo ja](/j), [Titolo ka](/k)", ["Approfondisci", "Titolo ka"]),
    ('<h3>Leggi anche</h3>\n<ul><li><a href="/c">Il sindaco: «Serve un piano»</a> (12 marzo)'
     '</li><li><a href="/d">Ponti a rischio in Italia</a> (10 marzo)</li></ul>',
     "### Leggi anche\n\n- [Il sindaco: «Serve un piano»](/c) (12 marzo)\n"
     "- [Ponti a rischio in Italia](/d) (10 marzo)", ["Leggi", "Serve un piano", "Ponti", "marzo"]),
    ('<p><em>Leggi anche:</em> <a href="/f">Ponte Morandi, cinque anni dopo</a> di Mario '
     "Rossi</p>", "*Leggi anche:* [Ponte Morandi, cinque anni dopo](/f) di Mario Rossi",
     ["Leggi", "Morandi", "Rossi"]),
    ('<p>Vedi anche: <a href="/n">Diga di Genova</a>, 12/03/2024 | <a href="/o">Frane</a> '
     "12 marzo 2024</p>", "Vedi anche: [Diga di Genova](/n), 12/03/2024 | [Frane](/o) "
     "12 marzo 2024", ["Vedi", "Diga", "2024"]),
    ('<h3>Correlati</h3>\n<ul><li><a href="/p">Diga di Genova</a> – Corriere della Sera</li>'
     '<li><a href="/q">Frane in Val Bormida</a> | ANSA</li></ul>', "### Correlati\n\n- [Diga di "
     "Genova](/p) – Corriere della Sera\n- [Frane in Val Bormida](/q) | ANSA",
     ["Correlati", "Corriere", "ANSA", "Bormida"]),
]  # fmt: skip
BODY_START = "La Protezione civile ha diramato l'allerta rossa per tutta la Liguria."
BODY_END = "Aggiornamenti nelle prossime ore, con il bollettino della sera."


def _html_page(box: str) -> str:
    return RELATED_PAGE.format(para=box)


def _wp_post(box: str) -> str:
    content = f"<p>{BODY_START}</p>\n{box}\n<p>{BODY_END}</p>"
    return json.dumps({"id": 9, "title": {"rendered": "Allerta"}, "content": {"rendered": content}})


def _md_page(box: str) -> str:
    return f"---\ntitle: Allerta rossa\n---\n\n{BODY_START}\n\n{box}\n\n{BODY_END}\n"


def _read_as(tmp_path: Path, fmt: str, html_box: str, md_box: str):
    name, text = {
        "html": ("pagina.html", lambda: _html_page(html_box)),
        "wordpress": ("post.json", lambda: _wp_post(html_box)),
        "markdown": ("pagina.md", lambda: _md_page(md_box)),
    }[fmt]
    path = tmp_path / name
    path.write_text(text(), encoding="utf-8")
    return read_article(path)


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize(("html_box", "md_box", "words"), RELATED_BOXES)
def test_every_form_of_a_related_link_box_is_kept_verbatim_never_mt(
    tmp_path, fmt, html_box, md_box, words
):
    """Joining words between the links, the label inside the link, a label heading over a
    list or a paragraph of links, and the label's variants all went to MT."""
    article = _read_as(tmp_path, fmt, html_box, md_box)
    text = _mt_text(article)
    assert not [w for w in words if w in text], text
    related = [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert related and all(b.kind == RAW for b in related)
    assert {b.meta["uncatalogued"] for b in related} == {"related-article link"}
    assert ("Protezione civile" in text or BODY_START in text) and "Aggiornamenti" in text


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize(
    ("html_box", "md_box", "kept"),
    [('<p>Chi vuole saperne di più leggi anche <a href="/r">il rapporto</a> della Regione.</p>',
      "Chi vuole saperne di più leggi anche [il rapporto](/r) della Regione.", "il rapporto"),
     ('<h3>Approfondisci</h3>\n<p>La Regione ha stanziato dieci milioni per le frane.</p>',
      "### Approfondisci\n\nLa Regione ha stanziato dieci milioni per le frane.", "Approfondisci"),
     ('<p><a href="/r">Il rapporto della Regione</a></p>', "[Il rapporto della Regione](/r)",
      "Il rapporto della Regione"),
     ("<p>Leggi anche: nessun collegamento, solo una frase scritta nel testo.</p>",
      "Leggi anche: nessun collegamento, solo una frase scritta nel testo.", "nessun"),
     ('<p>Leggi anche <a href="/r">il rapporto</a> che la Regione ha pubblicato ieri sulle '
      "frane</p>", "Leggi anche [il rapporto](/r) che la Regione ha pubblicato ieri sulle frane",
      "pubblicato ieri"),
     ('<p>Leggi anche <a href="/r">l\'intervista al ministro</a>.</p>',
      "Leggi anche [l'intervista al ministro](/r).", "intervista al ministro"),
     ('<p><a href="/r">Il rapporto della Regione</a> (12 marzo)</p>',
      "[Il rapporto della Regione](/r) (12 marzo)", "Il rapporto della Regione"),
     ('<h3>Leggi anche</h3>\n<ul><li><a href="/c">Il rapporto</a> spiega perché la Regione ha '
      "chiuso le strade</li></ul>", "### Leggi anche\n\n- [Il rapporto](/c) spiega perché la "
      "Regione ha chiuso le strade", "spiega perché")],
)  # fmt: skip
def test_a_label_or_links_among_article_text_stay_text(tmp_path, fmt, html_box, md_box, kept):
    """A label heading over article text, links alone under article text, and "leggi
    anche" inside a sentence are the article's own."""
    article = _read_as(tmp_path, fmt, html_box, md_box)
    assert not [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert kept in _mt_text(article)


# Related boxes whose links were lost (a page saved as text and marked up again) or never
# made: the page-text rule (a label and a title on one line; a label over title lines).
UNLINKED_BOXES = [
    ("<p>Leggi anche: Frana sulla via Aurelia</p>", "Leggi anche: Frana sulla via Aurelia",
     ["Leggi", "Frana"]),
    ("<p><strong>LEGGI ANCHE</strong></p>\n<p>Frana sulla via Aurelia</p>\n"
     "<p>Roma, cosa cambia da lunedì?</p>",
     "**LEGGI ANCHE**\n\nFrana sulla via Aurelia\n\nRoma, cosa cambia da lunedì?",
     ["LEGGI", "Frana", "cosa cambia"]),
    ("<h3>Articoli correlati:</h3>\n<ul><li>Frana sulla via Aurelia</li>"
     "<li>Il sindaco: «Serve un piano»</li></ul>",
     "### Articoli correlati:\n\n- Frana sulla via Aurelia\n- Il sindaco: «Serve un piano»",
     ["Articoli", "Frana", "Serve un piano"]),
    ("<p>LEGGI ANCHE</p><p>Frana sulla via Aurelia</p><p>di Mario Rossi</p>"
     "<p>Ponte chiuso a Genova</p><p>12 marzo 2024</p>",
     "LEGGI ANCHE\n\nFrana sulla via Aurelia\n\ndi Mario Rossi\n\nPonte chiuso a Genova\n\n"
     "12 marzo 2024", ["LEGGI", "Frana", "Rossi", "Ponte", "marzo"]),
    ("<p>Vedi anche &#8212; Il sindaco: «Serve un piano» (12 marzo)</p>",
     "Vedi anche — Il sindaco: «Serve un piano» (12 marzo)", ["Vedi", "Serve un piano"]),
]  # fmt: skip


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize(("html_box", "md_box", "words"), UNLINKED_BOXES)
def test_a_related_box_without_links_is_chrome_as_in_page_text(
    tmp_path, fmt, html_box, md_box, words
):
    """ "Leggi anche: Titolo" and a label over title paragraphs were chrome in a .txt page
    and went to MT in an HTML page, a post and Markdown."""
    article = _read_as(tmp_path, fmt, html_box, md_box)
    text = _mt_text(article)
    assert not [w for w in words if w in text], text
    related = [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert related and {b.meta["uncatalogued"] for b in related} == {"related-article link"}
    assert ("Protezione civile" in text or BODY_START in text) and "Aggiornamenti" in text


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize(
    ("html_box", "md_box", "kept"),
    [("<h3>Per approfondire</h3>\n<p>Le cause della crisi</p>\n<p>La Regione ha stanziato "
      "dieci milioni per le frane.</p>", "### Per approfondire\n\nLe cause della crisi\n\n"
      "La Regione ha stanziato dieci milioni per le frane.", "Le cause della crisi"),
     ("<p>Leggi anche: il ministro ha spiegato che le tasse non aumenteranno</p>",
      "Leggi anche: il ministro ha spiegato che le tasse non aumenteranno", "il ministro"),
     ("<h3>Vedi anche</h3>\n<ul><li>la frana è stata rimossa ieri</li><li>le strade sono "
      "riaperte</li></ul>", "### Vedi anche\n\n- la frana è stata rimossa ieri\n- le strade "
      "sono riaperte", "la frana è stata rimossa")],
)  # fmt: skip
def test_a_label_over_article_text_without_links_stays_text(tmp_path, fmt, html_box, md_box, kept):
    article = _read_as(tmp_path, fmt, html_box, md_box)
    assert not [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert kept in _mt_text(article)


CHROME_RUNS = [
    ("<p>Questo sito utilizza cookie per migliorare la tua esperienza. Continuando a "
     "navigare accetti.</p>\n<p>Accetta</p>",
     "Questo sito utilizza cookie per migliorare la tua esperienza. Continuando a navigare "
     "accetti.\n\nAccetta", {"cookie banner"}),
    ("<p>Condividi su Facebook</p>\n<p>Iscriviti alla newsletter</p>",
     "Condividi su Facebook\n\nIscriviti alla newsletter", {"share button", "newsletter call"}),
    ('<p>Stampa</p>\n<p>Leggi anche: <a href="/a">Frana sulla Aurelia</a></p>',
     "Stampa\n\nLeggi anche: [Frana sulla Aurelia](/a)", {"print button", "related-article link"}),
    ("<div><p>Condividi su Facebook</p></div>\n<div><p>Iscriviti alla newsletter</p></div>",
     "Condividi su Facebook\n\nIscriviti alla newsletter", {"share button", "newsletter call"}),
]  # fmt: skip


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize(("html_box", "md_box", "whats"), CHROME_RUNS)
def test_share_and_cookie_lines_no_class_marks_are_chrome_next_to_chrome(
    tmp_path, fmt, html_box, md_box, whats
):
    """Only page text matched these lines; in an HTML body, a post or Markdown they went
    to MT."""
    article = _read_as(tmp_path, fmt, html_box, md_box)
    chrome = [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert {b.meta["uncatalogued"] for b in chrome} == whats
    assert all(b.kind == RAW for b in chrome) and len(chrome) == 2
    text = _mt_text(article)
    assert not re.search(r"cookie|Accetta|Condividi|newsletter|Stampa|Frana", text), text


# A share bar in one unit: each link (or list item) a chrome line of its own.
SHARE_BARS = [
    ('<p><a href="https://facebook.com/s">Condividi su Facebook</a> <a href="https://x.com/s">'
     "Condividi su X</a></p>", "[Condividi su Facebook](https://facebook.com/s) "
     "[Condividi su X](https://x.com/s)", "share button"),
    ('<p><a href="https://facebook.com/s">Facebook</a> | <a href="https://wa.me/s">WhatsApp</a>'
     ' | <a href="mailto:?s">Email</a></p>', "[Facebook](https://facebook.com/s) | "
     "[WhatsApp](https://wa.me/s) | [Email](mailto:?s)", "share button"),
    ('<ul><li><a href="https://facebook.com/s">Facebook</a></li><li><a href="https://x.com/s">'
     "Twitter</a></li></ul>", "- [Facebook](https://facebook.com/s)\n- [Twitter](https://x.com/s)",
     "share button"),
    ('<p>Seguici su <a href="https://facebook.com/x">Facebook</a> e <a href="https://instagram.'
     'com/x">Instagram</a></p>', "Seguici su [Facebook](https://facebook.com/x) e "
     "[Instagram](https://instagram.com/x)", "share button"),
]  # fmt: skip


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize(("html_box", "md_box", "what"), SHARE_BARS)
def test_a_share_bar_of_links_alone_among_the_text_is_chrome(tmp_path, fmt, html_box, md_box, what):
    """A paragraph of share links ("Condividi su Facebook" "Condividi su X") or "Seguici su
    Facebook e Instagram" between article paragraphs went to MT: each label alone matched,
    the paragraph as a whole did not."""
    article = _read_as(tmp_path, fmt, html_box, md_box)
    chrome = [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert chrome and {b.meta["uncatalogued"] for b in chrome} == {what}
    text = _mt_text(article)
    assert not re.search(r"Facebook|Condividi|Seguici|WhatsApp|Twitter", text), text
    assert ("Protezione civile" in text or BODY_START in text) and "Aggiornamenti" in text


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize(
    ("html_box", "md_box", "kept"),
    [('<p>Il video è stato condiviso su <a href="/f">Facebook</a> e <a href="/t">Twitter</a>.</p>',
      "Il video è stato condiviso su [Facebook](/f) e [Twitter](/t).", "Il video è stato"),
     ('<p><a href="https://facebook.com/x">Facebook</a></p>', "[Facebook](https://facebook.com/x)",
      "Facebook"),
     ('<p><a href="/a">Facebook</a> ha multato <a href="/b">Twitter</a></p>',
      "[Facebook](/a) ha multato [Twitter](/b)", "ha multato")],
)  # fmt: skip
def test_links_to_networks_in_a_sentence_or_one_alone_stay_text(
    tmp_path, fmt, html_box, md_box, kept
):
    article = _read_as(tmp_path, fmt, html_box, md_box)
    assert not [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert kept in strip(_mt_text(article))


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize(
    ("html_box", "md_box", "kept"),
    [("<p>Stampa</p>", "Stampa", "Stampa"),
     ("<p>Il Garante ha detto che questo sito utilizza cookie senza il consenso dei lettori."
      "</p>\n<p>Accetta</p>",
      "Il Garante ha detto che questo sito utilizza cookie senza il consenso dei lettori.\n\n"
      "Accetta", "Il Garante ha detto che questo sito utilizza cookie"),
     ("<p>Il video è stato condiviso su Facebook da migliaia di lettori.</p>\n<p>Condividi su "
      "Facebook</p>", "Il video è stato condiviso su Facebook da migliaia di lettori.\n\n"
      "Condividi su Facebook", "Il video è stato condiviso")],
)  # fmt: skip
def test_article_sentences_on_cookies_or_sharing_stay_text(tmp_path, fmt, html_box, md_box, kept):
    """A lone button word among article text, a sentence that reports on cookies or on
    sharing (even beside a button) is the article's."""
    article = _read_as(tmp_path, fmt, html_box, md_box)
    assert kept in _mt_text(article)
    assert all(kept not in b.text for b in article.blocks if b.meta.get("uncatalogued"))


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize(
    "trail",
    [
        "Home » Cronaca » Liguria",
        "Ti trovi in: Home / Cronaca",
        "Home · Cronaca · Liguria",
        "Tu sei qui: Home - Cronaca",
        "Sei in: Cronaca",
        "Home > Esteri",
        "Cronaca » Liguria",
    ],
)
def test_a_breadcrumb_among_the_text_is_chrome_never_mt(tmp_path, fmt, trail):
    """Only a trail at the top of a text page was recognised; under the title it went to MT."""
    from html import escape

    article = _read_as(tmp_path, fmt, f"<p>{escape(trail)}</p>", trail.replace(">", "\\>"))
    assert trail not in _mt_text(article) and "Liguria »" not in _mt_text(article)
    assert "Home" not in _mt_text(article)
    block = next(b for b in article.blocks if b.meta.get("uncatalogued"))
    assert block.kind == RAW and block.meta["uncatalogued"] == "breadcrumb trail"


HEADLINES_WITH_A_SECTION = [
    "Stati Uniti / La risposta di Washington",
    "Economia | I mercati",
    "Italia | Il ruolo di Roma",
    "Russia / Ucraina, il negoziato riparte da Istanbul",
    "Europa / Bruxelles prepara le nuove sanzioni",
    "Sport / Juventus-Inter 2-1",
    "Esteri » La risposta di Washington",
    "Cronaca » Liguria",
]


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize("headline", HEADLINES_WITH_A_SECTION)
@pytest.mark.parametrize("level", [2, 3])
def test_a_subheading_that_opens_with_a_section_is_text_never_a_trail(
    tmp_path, fmt, headline, level
):
    """A subheading "Stati Uniti / La risposta di Washington" was taken for a trail (a
    section first, a spaced "/") and stayed Italian; a heading is a trail only when every
    part is a known section."""
    from html import escape

    html_box = f"<h{level}>{escape(headline)}</h{level}>"
    article = _read_as(tmp_path, fmt, html_box, "#" * level + " " + headline.replace(">", "\\>"))
    assert headline in _mt_text(article)
    assert not [b for b in article.blocks if b.meta.get("uncatalogued")]


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize("headline", HEADLINES_WITH_A_SECTION[:7])
def test_a_paragraph_headline_that_opens_with_a_section_is_text_never_a_trail(
    tmp_path, fmt, headline
):
    """A headline-shaped line (an article, a comma, lower-case words after the section) in a
    paragraph is text; a section-first trail's parts are short names."""
    article = _read_as(tmp_path, fmt, f"<p>{headline}</p>", headline)
    assert headline in _mt_text(article)
    assert not [b for b in article.blocks if b.meta.get("uncatalogued")]


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize(
    ("html_box", "md_box"),
    [("<h2>Esteri / Europa</h2>", "## Esteri / Europa"),
     ("<p>Esteri / Medio Oriente</p>", "Esteri / Medio Oriente"),
     ("<p>Cronaca | Valle d'Aosta</p>", "Cronaca | Valle d'Aosta"),
     ("<p>Cronaca » Cronaca locale</p>", "Cronaca » Cronaca locale")],
)  # fmt: skip
def test_a_section_first_trail_of_names_is_still_chrome(tmp_path, fmt, html_box, md_box):
    """The stricter shape keeps real trails: known sections in a heading, short place
    names after a section in a paragraph."""
    article = _read_as(tmp_path, fmt, html_box, md_box)
    assert md_box.lstrip("# ") not in _mt_text(article)
    block = next(b for b in article.blocks if b.meta.get("uncatalogued"))
    assert block.meta["uncatalogued"] == "breadcrumb trail"


def test_the_uncatalogued_note_shows_visible_text_a_real_place_and_fitting_advice(tmp_path):
    """The note showed "&#8212;" and "&amp;" as typed, "line ?" for a post, and told to
    import plugin translations for a related link."""
    from pipeline.localise.boilerplate import uncatalogued_note

    box = '<p>Vedi anche &#8212; <a href="/i">Pane &amp; lavoro</a></p>'
    post = _read_as(tmp_path, "wordpress", box, "")
    note = uncatalogued_note(post) or ""
    block = next(b for b in post.blocks if b.meta.get("uncatalogued"))
    assert f"block {block.id} 'Vedi anche — Pane & lavoro'" in note
    assert "?" not in note and "&#" not in note and "&amp;" not in note
    assert 'class="related"' in note and "catalogs import" not in note
    page = _read_as(tmp_path, "html", "<p>Condividi su Facebook</p>\n" + box, "")
    note = uncatalogued_note(page) or ""
    assert "'Condividi su Facebook'" in note and "catalogs import" in note  # a plugin string
    assert re.search(r"line \d+ 'Vedi anche — Pane & lavoro'", note)


# --- trafilatura's public API loads the page -------------------------------------------------


def test_whether_a_page_is_html_at_all_is_trafilaturas_own_check(monkeypatch, tmp_path):
    """The reader copied trafilatura's "not really HTML" test (utils.is_dubious_html) and
    fed it a tree; now trafilatura.load_html decides, so an upgrade cannot make them drift."""
    import trafilatura

    path = tmp_path / "pagina.html"
    path.write_text(_html_page("<p>Il terzo paragrafo del pezzo.</p>"), encoding="utf-8")
    assert "Il terzo paragrafo del pezzo." in _mt_text(read_article(path))
    monkeypatch.setattr(trafilatura, "load_html", lambda *a, **k: None)
    with pytest.raises(InputError, match="no article found"):
        read_article(path)


def test_an_article_as_deep_as_the_readers_go_is_found(tmp_path):
    """trafilatura's own parser stops at 256 levels: at that depth the page is parsed again
    with huge_tree, or the article under the wrappers was "not found"."""
    wrappers = 252  # html, body, div, 252 divs, article, p: 257 levels, as deep as allowed
    page = (
        "<html><body><div>" + "<div>" * wrappers + "<article><h1>Il titolo del pezzo</h1>"
        "<p>Il primo paragrafo del pezzo, un testo lungo abbastanza.</p>"
        "<p>Secondo paragrafo del pezzo con altre parole.</p></article>"
        + "</div>" * wrappers
        + "</div></body></html>"
    )
    path = tmp_path / "profonda.html"
    path.write_text(page, encoding="utf-8")
    texts = [b.text for b in read_article(path).blocks]
    assert "Secondo paragrafo del pezzo con altre parole." in texts


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
def test_a_list_of_networks_under_a_share_label_is_chrome(tmp_path, fmt):
    """Each network was one list item: the list was no line, so "Condividi:" over it and
    the items went to MT."""
    html_box = (
        '<p>Condividi:</p>\n<ul><li><a href="https://facebook.com/x">Facebook</a></li>'
        '<li><a href="https://twitter.com/x">Twitter</a></li><li>WhatsApp</li></ul>'
    )
    md_box = "Condividi:\n\n- [Facebook](https://facebook.com/x)\n- [Twitter](/t)\n- WhatsApp"
    article = _read_as(tmp_path, fmt, html_box, md_box)
    text = _mt_text(article)
    assert not re.search("Condividi|Facebook|Twitter|WhatsApp", text), text
    assert {b.meta.get("uncatalogued") for b in article.blocks if b.kind == RAW} == {"share button"}


@pytest.mark.parametrize("fmt", ["html", "wordpress"])
def test_a_cookie_sentence_beside_its_button_is_chrome(tmp_path, fmt):
    """A button (or a form, or a box a class marks) is chrome the walk leaves out: the
    banner's sentence beside it went to MT."""
    box = (
        "<div><p>Questo sito utilizza cookie per migliorare la tua esperienza. Continuando "
        "a navigare accetti.</p><button>Accetta</button></div>"
    )
    article = _read_as(tmp_path, fmt, box, "")
    assert "cookie" not in _mt_text(article)
    assert [b.meta.get("uncatalogued") for b in article.blocks if b.kind == RAW] == [
        "cookie banner"
    ]
    alone = _read_as(tmp_path, fmt, box.replace("<button>Accetta</button>", ""), "")
    assert "cookie" in _mt_text(alone)  # without the button: a sentence of the article


KICKER_PAGE = (
    "<!DOCTYPE html><html lang=it><head><title>Maltempo</title></head><body><article>{head}"
    f"<p>{BODY_START}</p>\n<p>Le scuole resteranno chiuse a Genova, ha detto il sindaco.</p>"
    f"{{body}}<p>{BODY_END}</p></article></body></html>"
)


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize("trail", ["", "Home » Cronaca » Liguria"])
def test_a_kicker_over_the_title_is_the_localised_category_never_mt(tmp_path, fmt, trail):
    """A section name over the headline ("Cronaca") went to MT as a paragraph; in page
    text it was already the category."""
    from pipeline.localise.stage import localise_article

    lines = ["Cronaca", trail, "Maltempo in Liguria, allerta rossa"]
    if fmt == "html":
        head = "".join(f"<p>{t}</p>" for t in lines[:2] if t) + f"<h1>{lines[2]}</h1>"
        page = KICKER_PAGE.format(head=head, body="")
        path = tmp_path / "pagina.html"
    else:
        page = "\n\n".join(t for t in lines[:2] if t) + f"\n\n# {lines[2]}\n\n{BODY_START}\n"
        path = tmp_path / "pagina.md"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    assert "Cronaca" not in _mt_text(article)
    kicker = next(b for b in article.blocks if b.text == "Cronaca")
    assert kicker.kind == CATEGORY and article.meta["category"] == "News"
    article.target_langs = ["en", "fr"]
    localise_article(article)
    assert kicker.target_text("fr") == "Faits divers"


@pytest.mark.parametrize(
    ("fmt", "kicker"),
    [("html", '<p><a href="/cronaca">Cronaca</a></p>'), ("html", "<p><strong>Cronaca</strong></p>"),
     ("html", '<p><a href="/cronaca"><em>Cronaca</em></a></p>'), ("html", "<span>Cronaca</span>"),
     ("markdown", "[Cronaca](/cronaca)"), ("markdown", "**Cronaca**"), ("markdown", "*Cronaca*")],
)  # fmt: skip
def test_a_kicker_set_as_a_link_or_in_bold_is_the_localised_category(tmp_path, fmt, kicker):
    """A kicker linking to its section's page or set in bold went to MT as a paragraph with
    markup (only a plain one was the category)."""
    if fmt == "html":
        page = KICKER_PAGE.format(head=f"{kicker}<h1>Maltempo in Liguria</h1>", body="")
        path = tmp_path / "pagina.html"
    else:
        page = f"{kicker}\n\n# Maltempo in Liguria\n\n{BODY_START}\n\n{BODY_END}\n"
        path = tmp_path / "pagina.md"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    assert "Cronaca" not in _mt_text(article)
    assert article.meta["category"] == "News" and article.blocks[0].kind == CATEGORY
    assert article.meta["title"] == "Maltempo in Liguria"


@pytest.mark.parametrize("fmt", ["html", "markdown"])
@pytest.mark.parametrize(
    "head", ["[Cronaca](/cronaca) di Roma", "**Cronaca** e politica", "[Liguria](/liguria)"]
)
def test_a_linked_line_over_the_title_that_is_no_section_stays_text(tmp_path, fmt, head):
    from pipeline.markup import strip

    if fmt == "html":
        html_head = re.sub(r"\[(.*?)\]\((.*?)\)", r'<a href="\2">\1</a>', head)
        html_head = re.sub(r"\*\*(.*?)\*\*", r"<b>\1</b>", html_head)
        page = KICKER_PAGE.format(head=f"<p>{html_head}</p><h1>Maltempo in Liguria</h1>", body="")
        path = tmp_path / "pagina.html"
    else:
        page = f"{head}\n\n# Maltempo in Liguria\n\n{BODY_START}\n\n{BODY_END}\n"
        path = tmp_path / "pagina.md"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    assert "category" not in article.meta
    visible = re.sub(r"\[(.*?)\]\(.*?\)", r"\1", head).replace("**", "")
    assert visible in [strip(s) for s in _mt_text(article).splitlines()]


@pytest.mark.parametrize("fmt", ["html", "markdown"])
def test_a_section_word_that_is_no_kicker_stays_text(tmp_path, fmt):
    """A place over the title is no section; a section word among the text is a heading."""
    if fmt == "html":
        head = "<p>Liguria</p><h1>Maltempo in Liguria</h1>"
        page = KICKER_PAGE.format(head=head, body="<h2>Sport</h2>")
        path = tmp_path / "pagina.html"
    else:
        page = f"Liguria\n\n# Maltempo in Liguria\n\n{BODY_START}\n\n## Sport\n\n{BODY_END}\n"
        path = tmp_path / "pagina.md"
    path.write_text(page, encoding="utf-8")
    text = _mt_text(read_article(path))
    assert "Liguria" in text.splitlines() and "Sport" in text.splitlines()


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
def test_chrome_kept_among_the_text_gets_its_qa_finding_and_stays_verbatim(tmp_path, fmt):
    """A related link of an HTML page, a post or Markdown had no segment: the localise stage
    gave it no `chrome_uncatalogued` finding, so QA and the aligned records missed it."""
    from pipeline.interchange.units import build_export
    from pipeline.localise.stage import localise_article
    from pipeline.writers.html import render_html
    from pipeline.writers.markdown import render_markdown

    html_box, md_box, _ = RELATED_BOXES[0]
    article = _read_as(tmp_path, fmt, html_box, md_box)
    article.target_langs = ["en", "fr"]
    localise_article(article)
    block = next(b for b in article.blocks if b.meta.get("uncatalogued"))
    assert [s.source for s in block.segments] == ["Leggi anche: Frana sulla Aurelia e Ponte chiuso"]
    findings = block.segments[0].findings
    assert sorted((f.check, f.lang) for f in findings) == [
        ("chrome_uncatalogued", "en"),
        ("chrome_uncatalogued", "fr"),
    ]
    assert all('class="related"' in f.message and "import" not in f.message for f in findings)
    assert html_box in render_html(article, "en").replace("\n", "")
    if fmt == "markdown":
        assert md_box in render_markdown(article, "fr")
    units = [u for g in build_export(article, "en", "doc").groups for u in g.units]
    assert not next(u for u in units if u.id == block.segments[0].id).translatable


def test_a_list_of_wordpress_posts_says_to_save_each_post(tmp_path):
    """What /wp-json/wp/v2/posts returns (an array of posts) was "not in a format mtpipe
    reads", with no hint."""
    post = {"id": 1, "title": {"rendered": "Prova"}, "content": {"rendered": "<p>Il governo.</p>"}}
    path = tmp_path / "posts.json"
    path.write_text(json.dumps([post, {**post, "id": 2}]), encoding="utf-8")
    with pytest.raises(
        InputError, match=r"posts\.json: is a list of 2 WordPress posts.*own \.json"
    ):
        read_article(path)
    path.write_text(json.dumps([post, {"a": 1}]), encoding="utf-8")  # no list of posts
    with pytest.raises(InputError, match="not in a format mtpipe reads"):
        read_article(path)


@pytest.mark.parametrize(
    "box",
    [
        "[![Frana sulla via Aurelia](https://ex.it/a.jpg)](/a) [Leggi anche: Frana](/a)",
        'Leggi anche: [Frana sulla via Aurelia](/a "La frana di ieri") e [Ponte](/b)',
        "### Leggi anche\n\n- [![foto del ponte](https://ex.it/p.jpg) Ponte chiuso](/p)\n"
        "- [Frane in Liguria](/q)",
    ],
)
def test_an_image_alt_or_link_title_inside_a_kept_box_is_kept_never_mt(tmp_path, box):
    """In Markdown the alt text and link titles of a related box kept as it is still went
    to MT as their own segments, and the box came out with them translated."""
    from pipeline.writers import render_markdown

    article = _read_as(tmp_path, "markdown", "", box)
    text = _mt_text(article)
    assert not re.search(r"Frana|Ponte|ponte|La frana", text), text
    assert not [b for b in article.blocks if b.kind == ALT]
    assert BODY_START in text
    for seg in article.text_segments():
        seg.translations["en"] = seg.translations.get("en") or _upper(seg.source)
    out = render_markdown(article, "en")
    for alt in re.findall(r"!\[([^\]]*)\]|\"([^\"]+)\"\)", box):
        assert any(a and a in out for a in alt), out


def _upper(text: str):
    from pipeline.document import Translation

    return Translation(text.upper(), "mt")


LIST_TRAILS = [
    ('<ol><li><a href="/">Home</a></li><li><a href="/cronaca">Cronaca</a></li><li>Chiavari</li>'
     "</ol>", "- [Home](/)\n- [Cronaca](/cronaca)\n- Chiavari"),
    ('<ul><li><a href="/">Homepage</a></li><li><a href="/c">Cronaca</a></li><li><a href="/g">'
     "Rapallo</a></li></ul>", "1. [Homepage](/)\n2. [Cronaca](/c)\n3. [Rapallo](/g)"),
    ('<p><a href="/">Home</a> / <a href="/cronaca">Cronaca</a> / <a href="/l">Chiavari</a></p>',
     "[Home](/) / [Cronaca](/cronaca) / [Chiavari](/l)"),
    ('<p><a href="/">Home</a> » <a href="/cronaca">Cronaca</a> » Chiavari</p>',
     "[Home](/) » [Cronaca](/cronaca) » Chiavari"),
]  # fmt: skip


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize(("html_box", "md_box"), LIST_TRAILS)
def test_a_breadcrumb_as_a_list_or_paragraph_of_links_is_chrome_never_mt(
    tmp_path, fmt, html_box, md_box
):
    """A trail written as a list of links (what breadcrumb plugins write) went to MT item by
    item, and a paragraph of links split by "/" or "»" was taken for a share bar."""
    article = _read_as(tmp_path, fmt, html_box, md_box)
    text = _mt_text(article)
    assert not re.search(r"Home|Cronaca|Chiavari|Rapallo", text), text
    chrome = [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert chrome and {b.meta["uncatalogued"] for b in chrome} == {"breadcrumb trail"}
    assert ("Protezione civile" in text or BODY_START in text) and "Aggiornamenti" in text


@pytest.mark.parametrize("fmt", ["html", "wordpress"])
@pytest.mark.parametrize(
    "trail",
    ['<ol itemscope itemtype="https://schema.org/BreadcrumbList"><li><a href="/">Inizio</a></li>'
     '<li><a href="/c">Notizie</a></li></ol>',
     '<div aria-label="Breadcrumb"><a href="/">Inizio</a> &gt; <a href="/c">Notizie</a></div>'],
)  # fmt: skip
def test_a_trail_its_markup_names_is_never_sent_to_mt(tmp_path, fmt, trail):
    """schema.org's BreadcrumbList and an ARIA "breadcrumb" name a trail as a class does."""
    article = _read_as(tmp_path, fmt, trail, "")
    assert "Notizie" not in _mt_text(article) and "Inizio" not in _mt_text(article)


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize(
    ("html_box", "md_box", "kept"),
    [("<ul><li>Home</li><li>Lavoro</li><li>Famiglia</li></ul>", "- Home\n- Lavoro\n- Famiglia",
      "Lavoro"),
     ('<ul><li><a href="/l">Lavoro</a></li><li><a href="/c">Cronaca</a></li></ul>',
      "- [Lavoro](/l)\n- [Cronaca](/c)", "Lavoro"),
     ('<ol><li><a href="/">Home</a>: la pagina iniziale del sito del comune</li>'
      "<li>Servizi ai cittadini</li></ol>", "1. [Home](/): la pagina iniziale del sito del "
      "comune\n2. Servizi ai cittadini", "Servizi ai cittadini")],
)  # fmt: skip
def test_a_list_that_is_no_trail_stays_text(tmp_path, fmt, html_box, md_box, kept):
    article = _read_as(tmp_path, fmt, html_box, md_box)
    assert not [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert kept in strip(_mt_text(article))


def test_a_stated_section_and_a_kicker_give_two_blocks_the_document_reads_back(tmp_path):
    """A page stating its section (article:section) with a kicker over the title gave two
    category blocks one id ("b2" twice): the written document was refused by export, qa
    and bundle ("block id 'b2' appears twice")."""
    from pipeline.document import Article, validate

    page = KICKER_PAGE.replace(
        "<title>Maltempo</title>",
        '<title>Maltempo</title><meta property="article:section" content="Politica">',
    ).format(head="<p>Cronaca</p><h1>Maltempo in Liguria</h1>", body="")
    path = tmp_path / "pagina.html"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    ids = [b.id for b in article.blocks]
    assert len(ids) == len(set(ids)), ids
    assert [b.text for b in article.blocks if b.kind == CATEGORY] == ["Politica", "Cronaca"]
    validate(Article.from_dict(article.to_dict()))


@pytest.mark.parametrize(
    "kicker",
    ["<p>Cronaca</p>", "<p><strong>Cronaca</strong></p>", '<p><a href="/c">Cronaca</a></p>'],
)
@pytest.mark.parametrize("embedded", [True, False])
def test_a_kicker_opening_a_wordpress_post_is_the_localised_category(tmp_path, kicker, embedded):
    """A post whose content opens with its section's name sent it to MT as a paragraph."""
    from pipeline.document import Article, validate

    post: dict = {"id": 9, "title": {"rendered": "Allerta"}}
    post["content"] = {"rendered": f"{kicker}\n<p>{BODY_START}</p>\n<p>{BODY_END}</p>"}
    if embedded:
        post["_embedded"] = {"wp:term": [[{"taxonomy": "category", "name": "Politica"}]]}
    path = tmp_path / "post.json"
    path.write_text(json.dumps(post), encoding="utf-8")
    article = read_article(path)
    assert "Cronaca" not in _mt_text(article) and BODY_START in _mt_text(article)
    assert "Cronaca" in [b.text for b in article.blocks if b.kind == CATEGORY]
    assert article.meta["category"] == ("Politics" if embedded else "News")
    validate(Article.from_dict(article.to_dict()))


def test_a_section_word_alone_as_a_whole_post_or_among_its_text_stays_text(tmp_path):
    post = {"id": 9, "title": {"rendered": "Allerta"}}
    post["content"] = {"rendered": f"<p>{BODY_START}</p>\n<p>Cronaca</p>\n<p>{BODY_END}</p>"}
    path = tmp_path / "post.json"
    path.write_text(json.dumps(post), encoding="utf-8")
    assert "Cronaca" in _mt_text(read_article(path)).splitlines()
    post["content"] = {"rendered": "<p>Cronaca</p>"}
    path.write_text(json.dumps(post), encoding="utf-8")
    assert "Cronaca" in _mt_text(read_article(path)).splitlines()


WP_EMBED = (
    '<figure class="wp-block-embed is-type-wp-embed"><div class="wp-block-embed__wrapper">'
    '<blockquote class="wp-embedded-content" data-secret="abc"><a href="https://ex.it/frana/">'
    'Frana sulla via Aurelia</a></blockquote><iframe class="wp-embedded-content" '
    'sandbox="allow-scripts" title="Frana sulla via Aurelia" src="https://ex.it/frana/embed/">'
    "</iframe></div></figure>"
)


@pytest.mark.parametrize("fmt", ["html", "wordpress"])
def test_a_wordpress_post_embed_is_kept_as_a_related_link_never_mt(tmp_path, fmt):
    """WordPress embeds another post of the site as an iframe with a blockquote of its link
    as fallback: the iframe was kept, the blockquote's Italian title went to MT."""
    article = _read_as(tmp_path, fmt, WP_EMBED, "")
    assert "Frana" not in _mt_text(article)
    kept = [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert [b.meta["uncatalogued"] for b in kept] == ["related-article link"]
    assert 'href="https://ex.it/frana/"' in kept[0].text
    assert "Aggiornamenti" in _mt_text(article)


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_toml_front_matter_is_front_matter_never_mt(tmp_path, newline):
    """Hugo's ``+++`` TOML front matter was a paragraph sent to MT and its title, date and
    tags were lost to the outputs."""
    lines = [
        "+++",
        'title = "La riforma della giustizia"',
        "date = 2024-03-12T10:00:00+01:00",
        'tags = ["giustizia", "governo"]',
        'slug = "riforma-giustizia"',
        "+++",
        "",
        "Il ministro ha presentato la riforma ieri sera in Parlamento.",
    ]
    path = tmp_path / "pezzo.md"
    path.write_bytes(newline.join(lines).encode("utf-8"))
    article = read_article(path)
    assert _mt_text(article).split("\n") == [
        "La riforma della giustizia",
        "Il ministro ha presentato la riforma ieri sera in Parlamento.",
    ]
    assert article.meta["date"] == "2024-03-12T10:00:00+01:00"
    assert (article.meta["tags"], article.meta["slug"]) == (
        ["giustizia", "governo"],
        "riforma-giustizia",
    )


@pytest.mark.parametrize(
    ("front", "named"),
    [('title = "non chiuso\n', "is not valid TOML"), ("title = [1, 2]\n", "title must be text")],
)
def test_toml_front_matter_that_is_wrong_is_named(tmp_path, front, named):
    path = tmp_path / "pezzo.md"
    path.write_text(f"+++\n{front}+++\n\nIl testo del pezzo.\n", "utf-8")
    with pytest.raises(InputError, match=f"^{re.escape(str(path))}: front matter {named}"):
        read_article(path)


@pytest.mark.parametrize("encoding", ["UTF-8", "utf-8", "ISO-8859-1", "windows-1252"])
@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_an_xhtml_page_with_an_xml_declaration_is_read(tmp_path, encoding, bom):
    """An XHTML page opens with ``<?xml version="1.0" encoding="…"?>``: lxml refuses a
    text with an encoding declaration, and ``translate`` ended in a ValueError traceback.
    Bytes that are UTF-8 are read as UTF-8, whatever the declaration says."""
    path = tmp_path / "pagina.xhtml"
    path.write_text(
        f'{bom}<?xml version="1.0" encoding="{encoding}"?>\n'
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="it"><head>'
        "<title>Perché il caffè costa di più</title></head><body>"
        "<h1>Perché il caffè costa di più</h1><p>Il prezzo è salito del venti per cento in "
        "un anno, dicono i baristi della città.</p></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.meta["title"] == "Perché il caffè costa di più"
    assert _mt_text(article).split("\n") == [
        "Perché il caffè costa di più",
        "Il prezzo è salito del venti per cento in un anno, dicono i baristi della città.",
    ]


def test_a_wordpress_post_whose_content_opens_with_an_xml_declaration_is_read(tmp_path):
    path = tmp_path / "post.json"
    post = {
        "title": {"rendered": "Il caffè"},
        "content": {"rendered": '<?xml encoding="UTF-8"?><p>Il prezzo del caffè è salito.</p>'},
    }
    path.write_text(json.dumps(post), encoding="utf-8")
    assert "Il prezzo del caffè è salito." in _mt_text(read_article(path))


def test_a_markdown_title_keeps_its_inline_code_and_kept_words_in_the_metadata(tmp_path):
    """``# Come usare `git` …``: the document's title lost the code span and words kept
    untranslated (``Come usare  con  oggi``): every marker was cut from it."""
    path = tmp_path / "titolo.md"
    path.write_text(
        '# Come usare `git` con <span translate="no">Palazzo Chigi</span> oggi\n\nIl testo.\n',
        encoding="utf-8",
    )
    assert read_article(path).meta["title"] == "Come usare git con Palazzo Chigi oggi"


@pytest.mark.parametrize(
    ("heading", "plain"),
    [
        (
            'Intervista a <span translate="no">Palazzo Chigi</span> oggi',
            "Intervista a Palazzo Chigi oggi",
        ),
        ("Come usare <code>git</code> oggi", "Come usare git oggi"),
    ],
)
@pytest.mark.parametrize("suffix", ["html", "md"])
def test_a_headline_holding_code_or_kept_words_is_the_title_once(tmp_path, heading, plain, suffix):
    """The page's ``<h1>`` with inline code or kept words did not match its ``<title>``
    (the markers were cut with their text): the headline was read twice, a title and a
    paragraph, both translated and written."""
    path = tmp_path / f"titolo.{suffix}"
    body = "<p>Il testo del pezzo di oggi.</p><p>Secondo paragrafo del pezzo.</p>"
    if suffix == "html":
        text = f"<html><head><title>{plain}</title></head><body><article><h1>{heading}</h1>{body}"
    else:
        text = f'---\ntitle: "{plain}"\n---\n\n# {heading}\n\n{body}\n'
    path.write_text(text, encoding="utf-8")
    article = read_article(path)
    titles = [b for b in article.blocks if b.kind == TITLE]
    assert len(titles) == 1 and strip(titles[0].text, titles[0].meta.get("markup")) == plain
    assert not any(
        "Palazzo" in b.text or "usare" in b.text for b in article.blocks if b.kind == PARAGRAPH
    )


RELATED_CELLS = [
    '<td><a href="/x">Leggi anche: Frana a Genova</a></td>',
    '<td>Leggi anche: <a href="/x">Frana a Genova</a></td>',
    '<th><strong>Leggi anche:</strong> <a href="/x">Frana a Genova</a></th>',
]


@pytest.mark.parametrize("fmt", ["html", "wordpress"])
@pytest.mark.parametrize("cell", RELATED_CELLS)
def test_a_related_link_in_a_table_cell_is_kept_never_mt(tmp_path, fmt, cell):
    """A related-article link in a table cell between paragraphs went to MT; in a
    paragraph it was kept as chrome."""
    from pipeline.writers import render_html

    box = f"<table><tr><td>Dati del giorno</td>{cell}</tr></table>"
    article = _read_as(tmp_path, fmt, box, "")
    assert "Frana" not in _mt_text(article) and "Dati del giorno" in _mt_text(article)
    kept = [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert [b.meta["uncatalogued"] for b in kept] == ["related-article link"]
    assert cell in render_html(article, "it")


def test_a_link_alone_in_a_table_cell_stays_text(tmp_path):
    box = '<table><tr><td><a href="/genova">Genova</a></td><td>120 mm</td></tr></table>'
    article = _read_as(tmp_path, "html", box, "")
    assert "Genova" in _mt_text(article)


@pytest.mark.parametrize(
    "body",
    [
        'Il ministro parla di <em lang="en">smart working</em> oggi in aula.',
        '<div class="box">Il ministro parla di <em lang="en">smart working</em> oggi.</div>',
        '<div class="box"><p>Il ministro parla di <span translate="no">smart working</span>'
        " oggi.</p></div>",
        "<aside>\nIl ministro parla di <kbd>smart working</kbd> oggi.\n</aside>",
    ],
)
def test_words_marked_not_to_translate_in_a_markdown_html_block_are_kept(body):
    """A Markdown HTML block keeps the words its inline HTML marks (``lang`` of another
    language, ``translate="no"``, ``<kbd>``) as a paragraph does (was: the block's
    ``lang="en"`` words went to MT)."""
    article = parse_markdown(f"# Titolo\n\n{body}\n\nFine della notizia.\n", "a", "it")
    sent = _mt_text(article)  # kept words are a marker in the block's text
    assert "Il ministro parla di" in sent and "smart working" not in sent
    block = next(b for b in article.blocks if "Il ministro" in b.text)
    assert "smart working" in strip(block.text, block.meta.get("markup", {}))


@pytest.mark.parametrize(
    ("kept", "inner"),
    [
        ('<span translate="no">![il logo del sito](a.png) Ctrl</span>', "il logo del sito"),
        ('<span class="notranslate">Premi <img src="k.png" alt="il tasto">Ctrl</span>', "il tasto"),
        ('<span translate="no"><abbr title="il consiglio">CdM</abbr> Ctrl</span>', "il consiglio"),
        ('<kbd><span title="il tasto di controllo">Ctrl</span></kbd>', "il tasto di controllo"),
    ],
)
def test_markup_inside_words_kept_in_markdown_sends_nothing_to_mt(kept, inner):
    """Words a Markdown paragraph keeps (``translate="no"``, ``<kbd>``) keep the markup
    inside them too: an image's ``alt``, a ``title`` within are no text for MT (was: their
    markers stayed in the marker table and each attribute went to MT as its own block)."""
    article = parse_markdown(f"# Titolo\n\nIl sito mostra {kept} in alto.\n", "a", "it")
    sent = _mt_text(article)
    assert "Il sito mostra" in sent and inner not in sent, sent
    block = next(b for b in article.blocks if "Il sito mostra" in b.text)
    assert "Ctrl" in strip(block.text, block.meta["markup"])
    from pipeline.writers import render_markdown

    assert inner in render_markdown(article, "it")


@pytest.mark.parametrize(
    "box",
    [
        '<div class="box">\n<p>Uno due tre\n<p>Quattro cinque\n</div>',
        '<div class="box">\n<ul>\n<li>Uno due tre\n<li>Quattro cinque\n</ul>\n</div>',
        "<dl>\n<dt>Uno due tre\n<dd>Quattro cinque\n</dl>",
        "<p>Uno due tre\n<p>Quattro cinque",
        '<div class="box"><p>Uno due tre</p><p>Quattro cinque</div>',
    ],
)
def test_a_markdown_html_block_with_optional_end_tags_is_one_block(box):
    """HTML may leave out ``</p>``, ``</li>``, ``</dt>``, ``</dd>`` (WHATWG HTML, "optional
    tags"): such a block is one HTML block with its markup, as a browser reads it (was: cut
    into a raw ``<div>``, raw ``<p>`` tags and bare paragraphs)."""
    article = parse_markdown(f"# Titolo\n\n{box}\n\nFine della notizia.\n", "a", "it")
    [block] = [b for b in article.blocks if "Uno" in b.text]
    assert "Quattro cinque" in block.text and block.meta.get("html_block")
    assert not [b for b in article.blocks if b.kind == RAW], article.blocks
    outer = re.match(r"<(\w+)", box).group(1)
    assert outer in {e["tag"] for e in block.meta["markup"].values()}


@pytest.mark.parametrize(
    ("box", "units"),
    [
        ('<div class="box">\n<h3>Il box informativo</h3>\n<p>Testo uno del box</p>\n<ul><li>'
         "Voce a della lista</li><li>Voce b della lista</li></ul>\n</div>",
         ["Il box informativo", "Testo uno del box", "Voce a della lista", "Voce b della lista"]),
        ("<ul>\n<li>Primo punto</li>\n<li>Secondo <b>punto</b></li>\n</ul>",
         ["Primo punto", "Secondo <g1>punto</g1>"]),
        ("<div><p>Il sindaco ha parlato</p><p>Poi ha risposto il prefetto</p></div>",
         ["Il sindaco ha parlato", "Poi ha risposto il prefetto"]),
        ("<dl><dt>Termine</dt><dd>La sua definizione</dd></dl>",
         ["Termine", "La sua definizione"]),
    ],
)  # fmt: skip
def test_a_markdown_html_block_of_several_block_elements_is_cut_around_them(tmp_path, box, units):
    """A box's heading, paragraphs and list items are a text each, as in an HTML page (was:
    one text, so one MT sentence "… box Testo uno … lista Voce b …", and in ``ID.LANG.txt``
    one line, the items run together, "Voce a della listaVoce b della lista"); the outputs
    keep the box's markup as one HTML block."""
    from format_fixtures import translated

    from pipeline.writers import render_html, render_markdown
    from pipeline.writers.text import render_text

    page = tmp_path / "box.md"
    page.write_text(f"# Titolo\n\nIl testo del pezzo.\n\n{box}\n\nFine del pezzo.\n")
    article, _ = translated(page, langs=("en",))
    texts = [b.text for b in article.blocks if b.kind in TEXT_KINDS]
    assert texts == ["Titolo", "Il testo del pezzo.", *units, "Fine del pezzo."]
    text = render_text(article, "en")
    for unit in units:
        assert f"\n\n{strip(unit).upper()}\n\n" in text, text
    tags = re.findall(r"</?\w+", box)
    for out in (render_html(article, "en"), render_markdown(article, "en")):
        after = out.split("IL TESTO DEL PEZZO.")[1].removeprefix("</p>")
        assert re.findall(r"</?\w+", after)[: len(tags)] == tags, out
    md = render_markdown(article, "en")
    assert "\n\n" not in md.split("IL TESTO DEL PEZZO.\n\n")[1].split("\n\nFINE")[0]


def test_a_markdown_html_block_in_another_language_is_kept_whole():
    """An HTML block whose element says it is another language (``lang="en"``) is kept
    as it is, never MT, as the HTML reader keeps such an element (was: sent to MT)."""
    box = '<div class="box" lang="en">\n<p>Smart working is here to stay.</p>\n</div>'
    article = parse_markdown(f"# Titolo\n\n{box}\n\nFine della notizia.\n", "a", "it")
    assert "Smart" not in _mt_text(article) and "Fine della notizia." in _mt_text(article)
    assert [b.text for b in article.blocks if b.kind == RAW] == [box]


KEPT_TITLES = (
    'Premi <kbd title="il tasto a destra">Invio</kbd>, poi <code title="il comando di stampa">'
    'print()</code>; il <abbr title="Unione europea">UE</abbr> e il <span lang="en" '
    'title="machine learning, in short">ML</span> di <span translate="no" title="nome del '
    'marchio">Acme</span> con <abbr class="notranslate" title="Banca centrale">BCE</abbr>.'
)


def _titles(html_text: str) -> dict[str, str]:
    """``{element text: title}`` of every element of ``html_text`` that has a title."""
    from lxml.html import fromstring

    return {el.text_content(): el.get("title") for el in fromstring(html_text).iter()
            if el.get("title") is not None}  # fmt: skip


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
def test_a_kept_elements_title_is_translated_unless_it_is_marked_or_another_language(
    tmp_path, fake_backend, fmt
):
    """A ``title`` is a translatable attribute (ITS 2.0's HTML default) whatever mtpipe does
    with the element's words (a ``<kbd>``, a ``<code>`` kept as written), but not on an
    element marked ``translate="no"`` or ``notranslate``, nor on one whose ``lang`` names
    another language (HTML: that language is its attributes' too). Both readers, read ->
    MT -> the written HTML and Markdown (was: the HTML reader translated an English title
    with the Italian model, the Markdown reader kept a ``<kbd title>`` Italian, and the
    Markdown output of a ``<code title>`` lost its title)."""
    from markdown_it import MarkdownIt

    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles
    from pipeline.writers import write_article

    article = segment_article(_read_as(tmp_path, fmt, f"<p>{KEPT_TITLES}</p>", KEPT_TITLES))
    translate_articles([article], {"en": fake_backend(str.upper)})
    out = tmp_path / "out"
    write_article(article, out, {"html", "md"})
    stem = "post" if fmt == "wordpress" else "pagina"
    html_out = (out / f"{stem}.en.html").read_text(encoding="utf-8")
    md_out = MarkdownIt("commonmark").render((out / f"{stem}.en.md").read_text(encoding="utf-8"))
    want = {
        "Invio": "IL TASTO A DESTRA",
        "print()": "IL COMANDO DI STAMPA",
        "UE": "UNIONE EUROPEA",
        "ML": "machine learning, in short",
        "Acme": "nome del marchio",
        "BCE": "Banca centrale",
    }
    for written in (html_out, md_out):
        titles = _titles(written)
        assert {k: titles.get(k) for k in want} == want, written


def test_inline_scripts_embeds_and_form_controls_in_markdown_are_kept_whole_never_mt(
    tmp_path, fake_backend
):
    """Inline HTML that the HTML reader keeps verbatim (an iframe) is one piece of kept
    markup in a Markdown source, and what it leaves out (a script, a style, a button, an
    input) is left out: their content never reaches a model, event handlers are dropped,
    and the words after an empty embed stay outside it (was: the script's code sent to MT,
    ``<button onclick>`` written back, ``<iframe></iframe> e`` written as
    ``<iframe>e</iframe>``, where no browser shows it; then the script, style and button
    kept in the first run's outputs, and dropped from the document JSON read back)."""

    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles
    from pipeline.writers import write_article

    line = (
        'Prima <script>alert("ciao mondo")</script> poi <iframe src="https://ex.it/v"></iframe>'
        ' dopo <button onclick="rubare()">Premi qui</button> e <input onfocus="x()"> <style>'
        "p{color:red}</style> fine."
    )
    article = segment_article(_read_as(tmp_path, "markdown", "", line))
    seen = _mt_text(article)
    assert "Prima" in seen and "fine." in seen
    assert not re.search(r"alert|ciao|Premi|color", seen), seen
    translate_articles([article], {"en": fake_backend(lambda s: s)})
    out = tmp_path / "out"
    write_article(article, out, {"html", "md"})
    for name in ("pagina.en.html", "pagina.en.md"):  # the Markdown holds it as inline HTML
        written = (out / name).read_text(encoding="utf-8")
        assert '<iframe src="https://ex.it/v"></iframe> dopo' in written
        assert "Prima poi <iframe" in written and "dopo e fine." in written
        assert not re.search(r"<script|<style|<button|<input|alert|Premi|color", written)
        assert not re.search(r"onclick|onfocus|rubare", written)


def test_a_markdown_image_alt_is_its_plain_text_not_its_syntax(tmp_path):
    """CommonMark's alt of ``![il *ponte* \\*crollato\\* &amp; `via`](p.jpg)`` is ``il ponte
    *crollato* & via`` (spec 6.4): that goes to MT and back (was: the raw source, so MT got
    asterisks and backslashes, and the HTML output said ``&amp;amp;``)."""
    from markdown_it import MarkdownIt

    from pipeline.writers import render_html, render_markdown

    article = _read_as(
        tmp_path, "markdown", "", r"Foto ![il *ponte* \*crollato\* &amp; `via`](p.jpg)."
    )
    assert "il ponte *crollato* & via" in [b.text for b in article.blocks if b.kind == ALT]
    html_out = render_html(article, "it")
    md_out = MarkdownIt("commonmark").render(render_markdown(article, "it"))
    for written in (html_out, md_out):
        assert re.search(r'alt="il ponte \*crollato\* &amp; via"', written), written


def test_a_title_or_alt_inside_a_markdown_html_block_is_translated(tmp_path, fake_backend):
    """A box or figure written as an HTML block in Markdown is text for MT, and so are the
    ``title`` and ``alt`` in it, as in a paragraph or an HTML page (was: every one of them
    left in Italian in every translation)."""
    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles
    from pipeline.writers import write_article

    box = (
        '<div class="box"><p>Testo <abbr title="Unione europea">UE</abbr> e <img src="a.jpg" '
        'alt="La foto del box"></p></div>\n\n<figure><img src="y.jpg" alt="Foto della figura">'
        "<figcaption>Didascalia della figura</figcaption></figure>"
    )
    article = segment_article(_read_as(tmp_path, "markdown", "", box))
    translate_articles([article], {"en": fake_backend(str.upper)})
    out = tmp_path / "out"
    write_article(article, out, {"html", "md"})
    for name in ("pagina.en.html", "pagina.en.md"):
        written = (out / name).read_text(encoding="utf-8")
        for value in ("UNIONE EUROPEA", "LA FOTO DEL BOX", "FOTO DELLA FIGURA"):
            assert f'="{value}"' in written, (name, written)


@pytest.mark.parametrize(
    ("block", "kept"),
    [
        (
            '<div class="embed" onload="rubare()"><script>var x = 1;</script>'
            '<iframe src="javascript:alert(1)"></iframe></div>',
            '<div class="embed"><iframe></iframe></div>',  # the script left out too
        ),
        ('<img src="x.jpg" onerror="rubare()" alt="Foto">', '<img src="x.jpg" alt="Foto">'),
        ('<table onclick="rubare()" class="t"><tr><td>uno</td></tr></table>', '<table class="t">'),
        ('<div><object data="JaVaScRiPt:rubare()"></object></div>', "<div></div>"),  # SKIP_TAGS
    ],
)
def test_a_raw_markdown_html_block_loses_what_would_run_script(tmp_path, block, kept):
    """An HTML block kept as it is (an embed, a table, an image alone) loses its event
    handlers and script URLs, as every reader drops them from a page (was: written back
    into the Markdown, HTML and WordPress outputs as they were)."""
    from pipeline.writers import render_html, render_markdown

    article = _read_as(tmp_path, "markdown", "", block)
    for written in (render_html(article, "it"), render_markdown(article, "it")):
        assert kept in written
        assert not re.search(r"rubare|javascript|onload|onerror|onclick", written, re.I)


def test_a_raw_markdown_html_block_without_script_is_kept_byte_for_byte(tmp_path):
    """Only a block that holds something to drop is written again by the parser."""
    from pipeline.writers import render_markdown

    block = "<div class='embed'  data-x=1>\n<iframe src=\"https://ex.it/v\"></iframe>\n</div>"
    article = _read_as(tmp_path, "markdown", "", block)
    assert block in render_markdown(article, "it")


def test_an_image_or_a_credit_alone_in_a_markdown_table_cell_stays_in_its_cell(tmp_path):
    """A cell holding only an image (``| ![Il ponte](x.png) |``) or an emphasised credit is
    a cell: the HTML output keeps its ``<td>``, the image and the emphasis, and the alt is
    translated (was: an image block, written as ``<p><img></p>`` straight inside the
    ``<tr>``, and the credit a caption that lost its ``<em>``)."""
    from lxml.html import fragment_fromstring
    from markdown_it import MarkdownIt

    from pipeline.writers import render_html, render_markdown

    cells = "| Foto | Nome |\n|---|---|\n| ![Il ponte crollato](x.png) | Ponte |\n| *Ansa* | B |"
    article = _read_as(tmp_path, "markdown", "", cells)
    assert "Il ponte crollato" in [b.text for b in article.blocks if b.kind == ALT]
    md_html = MarkdownIt("commonmark").enable("table").render(render_markdown(article, "it"))
    for written in (render_html(article, "it"), md_html):
        [table] = fragment_fromstring(written, create_parent="div").iter("table")
        rows = [[etree_html(td) for td in tr] for tr in table.iter("tr")][1:]
        assert rows == [
            ['<td><img src="x.png" alt="Il ponte crollato"></td>', "<td>Ponte</td>"],
            ["<td><em>Ansa</em></td>", "<td>B</td>"],
        ], written


def etree_html(el) -> str:
    """An element as HTML, without its tail."""
    from lxml import html

    return html.tostring(el, encoding="unicode", with_tail=False)


def test_a_script_in_markdown_ends_at_its_first_end_tag_as_in_a_browser(tmp_path):
    """``<script>`` inside a script is text to HTML, so the first ``</script>`` ends it and
    the words after it are article text (was: counted as nested, so they stayed in the
    kept script and were never translated)."""
    line = "Prima <script>a<script>b</script>Il sindaco ha parlato</script> fine."
    article = _read_as(tmp_path, "markdown", "", line)
    assert "Il sindaco ha parlato" in _mt_text(article)
    assert "a<script>b" not in _mt_text(article)


@pytest.mark.parametrize(
    ("line", "written"),
    [
        ("Testo <a href='/x' title='ti'>parola e fine.", 'Testo <a href="/x" title="ti">parola'),
        ("Testo <em>parola *e</em> fine*.", "Testo <em>parola *e</em> fine*."),
    ],
)
def test_inline_html_a_or_em_left_open_or_crossing_is_kept_as_written(tmp_path, line, written):
    """An inline ``<a href>`` left open in its paragraph, or an ``<em>`` crossing Markdown
    emphasis, is written back as the HTML it was, like any other tag (was: a left-open
    ``<a href>`` came out as ``[`` without its link, a crossing ``<em>`` as ``*``)."""
    from pipeline.writers import render_markdown

    article = _read_as(tmp_path, "markdown", "", line)
    assert written in render_markdown(article, "it")


@pytest.mark.parametrize("after", [" # due", "  - due", " 1. due", "   > due"])
def test_block_syntax_after_a_line_break_and_spaces_stays_in_its_paragraph(tmp_path, after):
    """``<p>Riga<br> # due</p>`` as Markdown: the spaces after the hard line break hid the
    ``#`` from the writer's line-start escape, and the line became a heading that cut the
    paragraph (a stray ``\\`` shown); now the words stay one paragraph."""
    from markdown_it import MarkdownIt

    from pipeline.writers import render_markdown

    article = _read_as(tmp_path, "html", f"<p>Riga uno<br>{after} fine.</p>", "")
    tokens = MarkdownIt("commonmark").parse(render_markdown(article, "it"))
    [para] = [t for t in tokens if t.type == "inline" and "Riga uno" in t.content]
    assert "due fine." in para.content


@pytest.mark.parametrize("fmt", ["html", "wordpress"])
@pytest.mark.parametrize(
    "between", ["<script>x()</script>", "<!-- nota -->", '<input type="hidden" value="1">']
)
def test_a_script_or_comment_between_words_leaves_the_line_whole(tmp_path, fmt, between):
    """Text outside any paragraph (a WordPress classic post on one line, a ``<div>`` of
    text) with a script, comment or hidden field between its words is one block, as a
    browser shows one line (was: cut there into two blocks translated apart)."""
    box = f"<div class='nota'>L'assessore ha detto {between} che le strade restano chiuse.</div>"
    article = _read_as(tmp_path, fmt, box, "")
    [block] = [b for b in article.blocks if "assessore" in b.text]
    assert strip(block.text) == "L'assessore ha detto che le strade restano chiuse."


@pytest.mark.parametrize("piece", ["x *a* ", "x <kbd>k</kbd> "])
def test_a_markdown_paragraph_of_many_inline_markers_is_read_whole(piece):
    """Each marker looked for the highest id so far, and each kept inline element for its
    start in the whole paragraph: 8,000 ``<kbd>`` took 13 s, 20,000 over a minute. Every
    marker is kept; the growth with their number is measured, not timed here, by `make
    bench-scaling` (bench/results/scaling.md: about 2x the time for 2x the markers)."""
    count = 2_000
    article = parse_markdown(f"# Titolo\n\nTesto {piece * count}\n", "a", "it")
    [block] = [b for b in article.blocks if b.kind == PARAGRAPH]
    assert len(block.meta["markup"]) == count


IMAGE_ALONE = [
    '<p><img src="x.jpg" alt="Il ponte crollato"></p>',
    '<figure><img src="y.jpg" alt="Il ponte crollato"></figure>',
    '<img src="w.jpg" alt="Il ponte crollato" title="Il ponte di notte">',
    '<div><a href="/z"><img src="z.jpg" alt="Il ponte crollato"></a></div>',
    '<p><img src="v.jpg" onerror="rubare()" alt="Il ponte crollato"></p>',
]


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize("box", IMAGE_ALONE)
def test_an_html_block_of_only_an_image_has_its_alt_translated(tmp_path, fake_backend, fmt, box):
    """An image alone in an HTML block of a Markdown file (``<p><img alt></p>``, a
    ``<figure>`` without caption) kept its ``alt`` in Italian: a block without words was
    verbatim. Its alt and title are translated, as in an HTML page or a WordPress post."""
    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles
    from pipeline.writers import write_article

    article = segment_article(_read_as(tmp_path, fmt, box, box))
    translate_articles([article], {"en": fake_backend(str.upper)})
    out = tmp_path / "out"
    write_article(article, out, {"html", "md"})
    for name in ("en.html", "en.md"):
        written = next(out.glob(f"*.{name}")).read_text(encoding="utf-8")
        assert "IL PONTE CROLLATO" in written and "Il ponte crollato" not in written, written
        assert "onerror" not in written and "rubare" not in written
        if "title=" in box:
            assert "IL PONTE DI NOTTE" in written
    if fmt == "markdown":  # the Markdown output reads back to the same blocks
        md = next(out.glob("*.en.md")).read_text(encoding="utf-8")
        again = parse_markdown(md, article.id, "en")
        assert [b.kind for b in again.blocks] == [b.kind for b in article.blocks]


MARKER_LIKE = ["<x1/>", "<g2>qui</g2>", "</g9>", "Z1X", "⟦1⟧", "{{x}}", "<1>", "%s", "[[a]]"]


@pytest.mark.parametrize("fmt", ["html", "wordpress", "markdown"])
@pytest.mark.parametrize("like", MARKER_LIKE)
def test_marker_like_text_in_an_alt_or_title_survives(tmp_path, fake_backend, fmt, like):
    """Text shaped as the readers' markers (``<x1/>``, ``<g2>``) in an image ``alt`` or a
    link ``title`` was stripped from every output as if it were markup (an alt block had
    no marker table): it is literal text, kept in the source and through MT."""
    from html import escape

    from lxml import html as lxml_html

    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles
    from pipeline.writers import render_html, render_markdown

    value = escape(f"Vedi {like} ora")
    image = f'<img src="x.jpg" alt="{value}">'
    html_box = f'<p>Il ponte <a href="/a" title="{value}">qui</a> e {image} fine.</p>'
    md_title = f"Vedi {like} ora".replace("\\", "\\\\").replace('"', '\\"')
    md_box = f'Il ponte [qui](/a "{md_title}") e {image} fine.'
    article = segment_article(_read_as(tmp_path, fmt, html_box, md_box))
    translate_articles([article], {"en": fake_backend(str.upper)})
    for lang in ("it", "en"):
        root = lxml_html.fragment_fromstring(render_html(article, lang), create_parent="div")
        values = [el.get("title") for el in root.iter("a")] + [
            el.get("alt") for el in root.iter("img")
        ]
        assert len(values) == 2 and all(like.upper() in v.upper() for v in values), values
        again = parse_markdown(render_markdown(article, lang), article.id, lang)
        alts = [strip(b.text, b.meta.get("markup")) for b in again.blocks if b.kind == ALT]
        assert len(alts) == 2 and all(like.upper() in a.upper() for a in alts), alts


# An HTML block of a Markdown file holding what the HTML reader never keeps (dom.SKIP_TAGS),
# and the words of the block that stay ("rubare" marks what must go).
SKIPPED_IN_MARKDOWN_BLOCKS = [
    ('<div class="box">\n<p>Testo del riquadro.</p>\n<script>rubare("x")</script>\n</div>',
     ["Testo del riquadro."]),
    ("<script>\nvar rubare = 1;\n</script>", []),
    ('<SCRIPT type="module">import rubare from "x";</SCRIPT>', []),
    ("<style>\np.rubare { color: red }\n</style>", []),
    ("<div><p>Una nota <style>b.rubare{}</style>importante.</p></div>", ["Una nota importante."]),
    ("<div><p>Vedi il video.</p><noscript><p>Abilita rubare.</p></noscript></div>",
     ["Vedi il video."]),
    ("<noscript><p>Abilita rubare.</p></noscript>", []),
    ("<template><p>Modello rubare.</p></template>", []),
    ('<div><iframe src="https://ex.it/v"></iframe><script src="https://ex.it/rubare.js">'
     "</script></div>", []),
    ('<form action="/rubare"><input name="rubare"><button>Rubare</button></form>', []),
    ('<div>\n<p>Prima riga.</p>\n<link rel="stylesheet" href="rubare.css">\n</div>',
     ["Prima riga."]),
    ('<form action="/rubare">\n\nTesto dentro il modulo.\n\n</form>', ["Testo dentro il modulo."]),
    ("<noscript>\n\nAbilita JavaScript.\n\n</noscript>", ["Abilita JavaScript."]),
]  # fmt: skip


@pytest.mark.parametrize(("block", "words"), SKIPPED_IN_MARKDOWN_BLOCKS)
def test_a_markdown_html_block_leaves_out_what_the_html_reader_leaves_out(
    tmp_path, fake_backend, block, words
):
    """A script, style, noscript, template or form in an HTML block of a Markdown file
    is left out on the first run, as the HTML reader leaves it out of a page and the
    document JSON read back leaves it out; the words around it stay, and are translated
    (was: the block kept verbatim, script and all, in ``ID.LANG.md`` and ``ID.LANG.html``,
    its words untranslated)."""
    from pipeline.interchange.workflow import load_document
    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles
    from pipeline.writers import write_article

    article = segment_article(_read_as(tmp_path, "markdown", "", block))
    assert "rubare" not in _mt_text(article).lower()
    translate_articles([article], {"en": fake_backend(str.upper)})
    first, again = tmp_path / "first", tmp_path / "again"
    write_article(article, first, {"html", "md", "json"})
    write_article(load_document(first / "pagina.json"), again, {"html", "md"})
    for name in ("pagina.en.html", "pagina.en.md"):
        written = (first / name).read_text(encoding="utf-8")
        skipped = r"rubare|</?(script|style|noscript|template|form|link)\b"
        assert not re.search(skipped, written, re.I)
        for sentence in [BODY_START, *words]:  # translated, as from an HTML page
            assert sentence.upper() in written, written
        assert written == (again / name).read_text(encoding="utf-8")  # as the JSON reads back


NO_BREAK_PAGES = [
    ("a.html", "<html><body><article><h1>Il titolo della notizia</h1><p>Sono 10&nbsp;000, "
     "ha detto M.&#160;Dupont: «&#8239;basta&#x202F;» e 12\u2007€.</p></article></body></html>"),
    ("a.md", "# Il titolo della notizia\n\nSono 10&nbsp;000, ha detto M.\u00a0Dupont: "
     "«&#8239;basta\u202f» e 12\u2007€.\n"),
    ("a.txt", "Il titolo della notizia\nSono 10\u00a0000, ha detto M.\u00a0Dupont: "
     "«\u202fbasta\u202f» e 12\u2007€.\n"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "page"), NO_BREAK_PAGES)
def test_no_break_spaces_are_read_as_they_are_in_every_format(tmp_path, name, page):
    """`&nbsp;`, U+202F and U+2007 are text ("10 000", "M. Dupont", « guillemets »): the
    HTML and Markdown readers made them plain spaces, the page-text reader kept them."""
    src = tmp_path / name
    src.write_text(page, encoding="utf-8")
    para = next(b.text for b in read_article(src).blocks if b.kind == PARAGRAPH)
    assert para == "Sono 10\u00a0000, ha detto M.\u00a0Dupont: «\u202fbasta\u202f» e 12\u2007€."


@pytest.mark.parametrize("name", ["a.html", "a.md"])
def test_layout_white_space_still_collapses_to_one_space(tmp_path, name):
    """Line breaks, tabs and runs of spaces in the source are layout: one space each; an
    em space U+2003 is a typesetter's, text as HTML has it (no ASCII white space)."""
    body = "Sono  arrivati\n\tdiecimila   visitatori,\u2003ieri."
    page = f"<html><body><article><h1>Titolo</h1><p>{body}</p></article></body></html>"
    src = tmp_path / name
    src.write_text(page if name.endswith("html") else f"# Titolo\n\n{body}\n", encoding="utf-8")
    para = next(b.text for b in read_article(src).blocks if b.kind == PARAGRAPH)
    assert para == "Sono arrivati diecimila visitatori,\u2003ieri."


THIN_SPACE_PAGES = [
    ("a.html", "<html><body><article><h1>Il titolo della notizia</h1><p>Sono 1&thinsp;000 "
     "euro, ha detto M.&#8201;Rossi: «\u2009basta\u2009» e l'art.\u200a5.</p></article>"
     "</body></html>"),
    ("a.md", "# Il titolo della notizia\n\nSono 1&thinsp;000 euro, ha detto M.&#8201;Rossi: "
     "«\u2009basta\u2009» e l'art.\u200a5.\n"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "page"), THIN_SPACE_PAGES)
def test_a_thin_or_hair_space_is_read_as_written(tmp_path, name, page):
    """``&thinsp;`` (U+2009) and a hair space (U+200A) are a typesetter's text, as in page
    text: the HTML and Markdown readers made them plain spaces, silently."""
    src = tmp_path / name
    src.write_text(page, encoding="utf-8")
    para = next(b.text for b in read_article(src).blocks if b.kind == PARAGRAPH)
    assert (
        para == "Sono 1\u2009000 euro, ha detto M.\u2009Rossi: «\u2009basta\u2009» e l'art.\u200a5."
    )


def test_a_forced_format_reads_a_txt_that_opens_with_html_as_page_text(tmp_path):
    """Sniffing takes a .txt that opens with `<html>` for a page; ``fmt`` overrides it, and
    a file the sniffed reader refuses names the override."""
    path = tmp_path / "html.txt"
    path.write_text("<html> è il primo tag di ogni pagina.\nLo spiega questo articolo.\n", "utf-8")
    with pytest.raises(InputError, match=r"read as HTML page by its content; .*--format txt"):
        read_article(path)
    article = read_article(path, fmt="txt")
    assert article.meta["format"] == "page"
    assert article.blocks[0].text == "<html> è il primo tag di ogni pagina."


def test_an_error_of_the_suffix_reader_names_no_format_flag(tmp_path):
    """The hint is for a reader chosen by content only: an .html page without an article
    is its own error."""
    path = tmp_path / "vuota.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>", "utf-8")
    with pytest.raises(InputError) as exc:
        read_article(path)
    assert "--format" not in str(exc.value)


FURNITURE_BOXES = (
    '<div class="related-content"><p>Frana sulla via Aurelia: strada chiusa.</p></div>'
    '<div class="author-bio"><p>Mario Rossi scrive di cronaca dal 2010.</p></div>'
    '<div class="social-media-embed"><blockquote><p>Restate a casa.</p></blockquote></div>'
    '<div class="comments-intro"><p>Dite la vostra nei commenti.</p><p>Siate gentili.</p></div>'
)
FURNITURE = [
    ("div.related-content", 1, "Frana sulla via Aurelia: strada chiusa."),
    ("div.author-bio", 1, "Mario Rossi scrive di cronaca dal 2010."),
    ("div.social-media-embed", 1, "Restate a casa."),
    ("div.comments-intro", 2, "Dite la vostra nei commenti.\nSiate gentili."),
]


@pytest.mark.parametrize("fmt", ["html", "wordpress"])
def test_furniture_boxes_inside_the_article_are_left_out_with_a_record(tmp_path, fmt):
    """Related posts, an author bio, an embed and a comments intro inside the article were
    dropped with no trace: their text is now in ``meta.left_out``, never in a block."""
    article = _read_as(tmp_path, fmt, FURNITURE_BOXES, "")
    records = article.meta["left_out"]
    assert [(r["where"], r["paragraphs"], r["text"]) for r in records] == FURNITURE
    assert all(isinstance(r.get("line"), int) == (fmt == "html") for r in records)
    assert not any("Frana" in b.text or "Mario Rossi" in b.text for b in article.blocks)
    assert "diramato l'allerta rossa" in _mt_text(article)


def test_text_a_furniture_box_shares_with_a_kept_block_is_not_counted_as_left_out():
    """The sample page's category link (``span.cat-links``: "italie") is read as the
    article's category; it was recorded and counted as left out too. Paragraphs of a box
    that no block keeps (the share bar, the related posts) still are."""
    article = read_article(PAGE)
    kept = {b.text.strip() for b in article.blocks}
    records = article.meta["left_out"]
    assert "italie" in kept and not any(r["where"] == "span.cat-links" for r in records)
    texts = [p for r in records for p in r["text"].split("\n")]
    assert not kept & set(texts)
    assert any("Articles similaires" in p for p in texts)
    assert all(r["paragraphs"] == len(r["text"].split("\n")) for r in records)


EMBED_BOXES = [
    '<div class="social-media-embed"><blockquote class="twitter-tweet" data-lang="it"><p '
    'lang="it">Restate a casa stanotte.</p>&mdash; Protezione Civile <a href="https://twitter'
    '.com/x/status/1">3 marzo 2024</a></blockquote><script src="https://platform.twitter.com/'
    'widgets.js"></script></div>',
    '<div class="social-embed-box"><blockquote class="instagram-media" data-instgrm-permalink='
    '"https://www.instagram.com/p/abc/"><a href="https://www.instagram.com/p/abc/">Restate a '
    "casa stanotte.</a></blockquote></div>",
    '<div class="share-video"><iframe src="https://www.youtube.com/embed/abc" title="Restate a '
    'casa stanotte"></iframe></div>',
    '<div class="related-embed"><blockquote class="tiktok-embed" cite="https://www.tiktok.com/'
    '@x/video/1"><section>Restate a casa stanotte.</section></blockquote></div>',
]


@pytest.mark.parametrize("fmt", ["html", "wordpress"])
@pytest.mark.parametrize("box", EMBED_BOXES)
def test_an_embed_in_a_box_with_a_social_class_is_kept_in_place_never_mt(tmp_path, fmt, box):
    """A ``div.social-media-embed`` around a quoted tweet or a YouTube iframe was left out
    as page furniture (``meta.left_out`` and a warning): the embed is kept as it is."""
    article = _read_as(tmp_path, fmt, box, "")
    assert "left_out" not in article.meta
    kept = [b for b in article.blocks if b.kind == "raw" and "Restate a casa" in b.text]
    assert len(kept) == 1, [b.text for b in article.blocks]
    assert "Restate" not in _mt_text(article) and "<script" not in kept[0].text
    assert "diramato l'allerta rossa" in _mt_text(article)


FURNITURE_NOT_EMBEDS = [
    '<div class="sharedaddy"><iframe src="https://www.facebook.com/plugins/like.php?href=x">'
    '</iframe><a href="https://twitter.com/share">Condividi su Twitter</a></div>',
    '<div class="related-videos"><iframe src="https://www.youtube.com/embed/abc"></iframe>'
    '<p><a href="/video/frana">Frana sulla via Aurelia</a></p></div>',
    '<div class="related-posts"><blockquote class="wp-embedded-content"><a href="/frana/">'
    'Frana sulla via Aurelia</a></blockquote><iframe class="wp-embedded-content" '
    'src="https://ex.it/frana/embed/"></iframe></div>',
]


@pytest.mark.parametrize("fmt", ["html", "wordpress"])
@pytest.mark.parametrize("box", FURNITURE_NOT_EMBEDS)
def test_a_share_bar_or_related_list_with_an_iframe_is_still_furniture(tmp_path, fmt, box):
    article = _read_as(tmp_path, fmt, box, "")
    assert not any(w in b.text for b in article.blocks for w in ("Frana", "Condividi", "like"))
    assert "diramato l'allerta rossa" in _mt_text(article)


def test_a_quoted_tweet_among_the_text_is_kept_as_it_is_never_mt(tmp_path):
    box = EMBED_BOXES[0].removeprefix('<div class="social-media-embed">').removesuffix("</div>")
    article = _read_as(tmp_path, "html", box, "")
    assert "Restate" not in _mt_text(article)
    assert any(b.kind == "raw" and "twitter-tweet" in b.text for b in article.blocks)


@pytest.mark.parametrize("fmt", ["html", "wordpress"])
def test_an_article_without_furniture_boxes_records_none(tmp_path, fmt):
    article = _read_as(tmp_path, fmt, "<p>Il sindaco ha chiuso le scuole per due giorni.</p>", "")
    assert "left_out" not in article.meta


def test_the_left_out_note_counts_paragraphs_and_characters_and_names_the_record():
    from pipeline.readers.dom import left_out_note

    records = [{"where": w, "paragraphs": n, "text": t, "line": i} for i, (w, n, t) in
               enumerate(FURNITURE, 3)]  # fmt: skip
    note = left_out_note("allerta", records)
    assert note is not None and note.startswith(
        "5 paragraphs (136 characters) of the page left out of the article as page furniture"
    )
    assert "div.related-content, div.author-bio, div.social-media-embed, div.comments-intro" in note
    assert "(lines 3, 4, 5, 6)" in note and "allerta.json, meta.left_out" in note
    assert left_out_note("allerta", []) is None and left_out_note("allerta", None) is None


@pytest.mark.parametrize(
    ("head", "h1"),
    [
        ("<title>Arrivano 10&nbsp;000 visitatori</title>", ""),  # trafilatura: a plain space
        ('<meta property="og:title" content="Arrivano 10&#160;000 visitatori">', ""),
        ("<title>Arrivano 10 000 visitatori | Il Giornale</title>",
         "<h1>Arrivano 10&nbsp;000 visitatori</h1>"),
        ("<title>Arrivano 10 000 visitatori</title>", "<h1>Arrivano 10&nbsp;000 visitatori</h1>"),
    ],
)  # fmt: skip
def test_a_title_keeps_its_no_break_spaces_and_is_found_once(tmp_path, head, h1):
    path = tmp_path / "pagina.html"
    path.write_text(
        f"<html><head>{head}</head><body><article>{h1}<p>Sono arrivati 10&nbsp;000 "
        "visitatori a Genova, ha detto il sindaco ai giornalisti.</p><p>Un altro paragrafo "
        "lungo, per l'estrattore del contenuto principale della pagina.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.meta["title"] == "Arrivano 10\u00a0000 visitatori"
    titles = [b.text for b in article.blocks if b.kind == TITLE]
    assert titles == ["Arrivano 10\u00a0000 visitatori"]


def test_no_break_spaces_alone_are_no_words(tmp_path):
    """``<p>&nbsp;</p>`` (WordPress spacing) and images apart by a no-break space hold no
    word for MT."""
    article = _read_as(
        tmp_path,
        "html",
        "<p>&nbsp;</p><p><a href='/x'><img src='/a.jpg'></a>&nbsp;<a href='/y'>"
        "<img src='/b.jpg'></a></p>",
        "",
    )
    assert not [b for b in article.blocks if b.kind == PARAGRAPH and not strip(b.text).strip()]


def test_text_of_the_article_element_beside_the_extracted_text_is_recorded(tmp_path):
    """Boxes of ``<article>`` beside the ``<div>`` the extractor's text is in (an author bio,
    a related box) were dropped without a trace; the title and
    text outside ``<article>`` (navigation, the site footer) are not recorded."""
    path = tmp_path / "pagina.html"
    path.write_text(
        "<html><body><nav><a href='/'>Home</a><a href='/c'>Cronaca</a></nav>"
        "<article class='post'><h1>Allerta rossa in Liguria</h1>\n"
        "<div class='entry-content'>\n<p>La Protezione civile ha diramato l'allerta rossa per "
        "tutta la Liguria da stasera.</p>\n<p>Le scuole resteranno chiuse a Genova e a Savona, "
        "ha detto il sindaco ieri sera.</p>\n<p>Aggiornamenti nelle prossime ore, con il "
        "bollettino della sera e le previsioni.</p>\n</div>\n<div class='author-bio'><p>Mario "
        "Rossi scrive di cronaca dal 2010.</p></div>\n"
        "<div class='related-content'><h3>Da leggere</h3>"
        "<p>Frana sulla via Aurelia: strada chiusa per tre giorni.</p></div>\n</article>"
        "<footer><p>© 2024 Il Giornale, tutti i diritti riservati.</p></footer></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    records = [(r["where"], r["text"]) for r in article.meta["left_out"]]
    assert records == [
        ("div.author-bio", "Mario Rossi scrive di cronaca dal 2010."),
        (
            "div.related-content",
            "Da leggere\nFrana sulla via Aurelia: strada chiusa per tre giorni.",
        ),
    ]
    assert [b.text for b in article.blocks if b.kind == TITLE] == ["Allerta rossa in Liguria"]


def test_read_format_names_each_force_a_reader_and_name_every_reader() -> None:
    from pipeline.cli.common import FORMATS
    from pipeline.readers import format_flag, reader_for

    forced = [f for f in FORMATS if f != "auto"]
    assert FORMATS[0] == "auto"
    assert sorted(reader_for(f).name for f in forced) == sorted(READERS)
    assert sorted(format_flag(name) for name in READERS) == sorted(forced)
    with pytest.raises(InputError, match="unknown input format 'rtf'") as err:
        reader_for("rtf")
    assert "txt" in str(err.value) and "md" in str(err.value)  # the --format names
    assert "page" not in str(err.value)


_NOSCRIPT_TEXT = "Per vedere la mappa interattiva dei seggi abilitate JavaScript nel browser"
_LAZY = (
    '<img data-src="seggi.jpg" class="lazyload" alt="I seggi">'
    '<noscript><img src="seggi.jpg" alt="I seggi"></noscript>'
)


def _noscript_inputs(tmp_path: Path, inside: str) -> list[Path]:
    """The same article text around ``inside`` as an HTML page, a WordPress post and a
    Markdown file (as an HTML block)."""
    text = (
        "<p>Il consiglio comunale ha approvato ieri la delibera sui seggi elettorali dopo "
        "una lunga discussione in aula.</p>" + inside + "<p>La mappa dei seggi sarà "
        "pubblicata sul sito del comune entro la fine della settimana prossima.</p>"
    )
    page = tmp_path / "seggi.html"
    page.write_text(
        '<html lang="it"><head><title>La mappa dei seggi</title></head><body><article>'
        f"<h1>La mappa dei seggi</h1>{text}</article></body></html>",
        "utf-8",
    )
    data = json.loads(POST.read_text(encoding="utf-8"))
    data["content"] = {"rendered": text}
    post = tmp_path / "seggi.json"
    post.write_text(json.dumps(data), "utf-8")
    md = tmp_path / "seggi.md"
    md.write_text("# La mappa dei seggi\n\n" + text.replace("</p>", "</p>\n\n"), "utf-8")
    return [page, post, md]


@pytest.mark.parametrize(
    "inside",
    [f"<noscript><p>{_NOSCRIPT_TEXT}</p></noscript>",
     f"<div class='mappa'><noscript>{_NOSCRIPT_TEXT}</noscript></div>",
     f"<p>Vedi la mappa <noscript>({_NOSCRIPT_TEXT})</noscript> qui sotto.</p>"],
)  # fmt: skip
def test_text_in_a_noscript_is_recorded_as_left_out_not_dropped(tmp_path, inside):
    """What a browser without JavaScript shows was dropped without a trace: no block, no
    record, no warning. Still not kept (a browser with scripting reads it as raw text),
    but recorded in meta.left_out, which the run names in a warning."""
    from pipeline.readers.dom import left_out_note

    for path in _noscript_inputs(tmp_path, inside):
        article = read_article(path)
        records = article.meta.get("left_out") or []
        assert [r["where"] for r in records] == ["noscript"], path.name
        assert _NOSCRIPT_TEXT in records[0]["text"], path.name
        assert not any(_NOSCRIPT_TEXT in b.text for b in article.blocks), path.name
        assert any("comunale" in b.text for b in article.blocks), path.name
        note = left_out_note(article.id, records)
        assert note is not None and "<noscript> only shows without JavaScript" in note


@pytest.mark.parametrize(
    ("inside", "where"),
    [('<object data="voto.pdf"><p>Il documento della delibera sui seggi in PDF</p></object>',
      "object"),
     ("<dialog open><p>Il documento della delibera sui seggi in PDF</p></dialog>", "dialog")],
)  # fmt: skip
def test_an_objects_fallback_or_an_open_dialogs_text_is_recorded(tmp_path, inside, where):
    """An <object>'s fallback text and an open <dialog> were dropped without a trace."""
    from pipeline.readers.dom import left_out_note

    for path in _noscript_inputs(tmp_path, inside)[:2]:  # a page and a WordPress post
        article = read_article(path)
        records = article.meta.get("left_out") or []
        assert [r["where"] for r in records] == [where], path.name
        assert "delibera sui seggi in PDF" in records[0]["text"]
        assert "move it out of it" in str(left_out_note(article.id, records))


def test_a_noscript_copy_of_a_lazy_image_or_one_in_code_is_not_left_out(tmp_path):
    """A lazy-loaded picture's <noscript> copy has no text of its own: no record and no
    warning; a <noscript> written in a Markdown code span is text the article shows."""
    from pipeline.readers.dom import left_out_note

    for path in _noscript_inputs(tmp_path, _LAZY):
        article = read_article(path)
        assert "left_out" not in article.meta, path.name
        assert any(b.kind == ALT and b.text == "I seggi" for b in article.blocks), path.name
    assert left_out_note("x", [{"where": "div.related", "text": "a"}]) is not None
    assert "JavaScript" not in str(left_out_note("x", [{"where": "div.related", "text": "a"}]))
    md = tmp_path / "codice.md"
    md.write_text(
        "# Il tag noscript\n\nIl tag `<noscript>abilitate JavaScript</noscript>` mostra un "
        "testo a chi naviga senza script nel browser.\n",
        "utf-8",
    )
    article = read_article(md)
    assert "left_out" not in article.meta
    assert any("abilitate JavaScript" in str(b.meta.get("markup")) for b in article.blocks)


_LIVE_ENTRIES = [
    "Affluenza al dodici per cento alle dieci, in calo rispetto alla tornata del 2019.",
    "Code ai seggi del centro storico, il prefetto invita gli elettori alla pazienza.",
]
_LIVE_UPDATE = (
    "<section class='update'><h3>Aggiornamento delle dodici</h3><p>Il consiglio comunale "
    "ha approvato ieri la delibera sui seggi elettorali dopo una lunga discussione in aula "
    "e con il voto contrario della minoranza.</p></section>"
)


def _live_page(tmp_path, scope: str, entries: str) -> Path:
    """A live blog: a nav, the headline, ``entries``, one update section and a footer,
    inside ``scope`` (``main``, a ``div`` of the theme, or none: in ``<body>``)."""
    inner = f"<h1>Diretta elezioni</h1>{entries}{_LIVE_UPDATE}"
    body = f"<{scope} id='contenuto'>{inner}</{scope}>" if scope else inner
    path = tmp_path / "diretta.html"
    path.write_text(
        '<html lang="it"><head><title>Diretta elezioni</title></head><body><header><p>Il '
        "Giornale, il quotidiano della città</p></header><nav><a href='/'>Home</a></nav>"
        f"{body}<div class='sidebar'><p>Gli articoli più letti della settimana</p></div>"
        "<footer><p>Il Giornale srl, partita IVA 0123456789</p></footer></body></html>",
        "utf-8",
    )
    return path


_TIMED_ENTRIES = {  # a live blog's entries, each with its time in a <time> or a <span>
    "ul": "<ul class='liveblog'>{}</ul>",
    "ol": "<ol>{}</ol>",
    "div": "{}",
}


def _timed(kind: str) -> str:
    tag = "li" if kind in ("ul", "ol") else "div class='liveblog-entry'"
    end = tag.split()[0]
    items = "".join(
        f"<{tag}><time datetime='2024-06-09T10:{i}2'>10:{i}2</time> {t}</{end}>"
        for i, t in enumerate(_LIVE_ENTRIES)
    )
    return _TIMED_ENTRIES[kind].format(items)


@pytest.mark.parametrize("scope", ["main", "div", ""])
@pytest.mark.parametrize("kind", list(_TIMED_ENTRIES))
def test_a_live_blogs_timed_entries_are_article_text(tmp_path, scope, kind):
    """Entries with a ``<time>`` (a live blog's updates, in a list or in ``div`` s) were
    dropped: the extractor leaves ``<time>`` out of its text, so no entry matched it and
    the article was the one section beside them; without ``<article>`` or ``<main>`` not
    even a warning said so. They are read, with their times, and translated."""
    article = read_article(_live_page(tmp_path, scope, _timed(kind)))
    texts = [strip(b.text, b.meta.get("markup")) for b in article.blocks if b.kind == PARAGRAPH]
    for i, entry in enumerate(_LIVE_ENTRIES):
        assert f"10:{i}2 {entry}" in texts
    assert any("minoranza" in t for t in texts)
    assert not any(w in t for t in texts for w in ("Home", "srl", "più letti", "quotidiano"))
    # the page's header and footer are no article text; a theme's box beside the text in
    # <body> is recorded as furniture, as one in an <article> is
    records = article.meta.get("left_out") or []
    assert [r["where"] for r in records] == (["div.sidebar"] if not scope else [])


_LINKED_ENTRIES = "".join(  # entries that are links only: the extractor drops them all
    f"<div class='liveblog-entry'><p><a href='/diretta/{i}'>{t}</a></p></div>"
    for i, t in enumerate(_LIVE_ENTRIES)
)


@pytest.mark.parametrize("scope", ["main", "div", ""])
def test_entries_the_extractor_drops_are_recorded_without_article_or_main(tmp_path, scope):
    """What the extractor leaves out beside its text, in ``<main>``, in a theme's
    ``<div>`` holding the headline, or in ``<body>`` beside the headline, is recorded in
    meta.left_out (named in the left-out warning), never dropped without a trace; the
    page's header and footer are not."""
    more = "<button>Carica altri aggiornamenti</button>"  # beside them, a control
    article = read_article(_live_page(tmp_path, scope, _LINKED_ENTRIES + more))
    assert not any(_LIVE_ENTRIES[0] in b.text for b in article.blocks)  # the extractor's
    records = article.meta.get("left_out") or []
    sidebar = ["div.sidebar"] if not scope else []
    assert [r["where"] for r in records] == ["div.liveblog-entry"] * 2 + ["button", *sidebar]
    assert [r["text"] for r in records][:3] == [*_LIVE_ENTRIES, "Carica altri aggiornamenti"]
    note = dom.left_out_note(article.id, records)
    assert note is not None and f"{len(records)} paragraphs" in note
    assert "div.liveblog-entry" in note


def test_a_main_whose_text_is_all_read_records_nothing(tmp_path):
    path = tmp_path / "aggiornamento.html"
    path.write_text(
        '<html lang="it"><head><title>Diretta elezioni</title></head><body><main>'
        f"<h1>Diretta elezioni</h1>{_LIVE_UPDATE}</main><aside><p>Pubblicità</p></aside>"
        "</body></html>",
        "utf-8",
    )
    article = read_article(path)
    assert "left_out" not in article.meta
    assert any("minoranza" in b.text for b in article.blocks)


_HTML_TABLE = (
    '<table class="dati">\n<caption>Risultati del voto</caption>\n'
    '<tr><th colspan="2">Città</th></tr>\n'
    "<tr><td>Roma <b>capitale</b></td><td>12,5%</td></tr>\n</table>"
)


def test_the_cells_of_an_html_table_in_markdown_are_translated(tmp_path):
    """An HTML table in Markdown was kept verbatim whole: its cells stayed Italian in every
    translation, without a word. Now its tags are kept as they are and each cell's text
    is a block for MT; the outputs hold the table and read back."""
    from format_fixtures import translated

    from pipeline.writers import render_html, render_markdown

    path = tmp_path / "tabella.md"
    path.write_text(f"# La tabella\n\nIl testo prima.\n\n{_HTML_TABLE}\n\nIl testo dopo.\n")
    article, _ = translated(path, mode="upper", langs=("en",))
    texts = [b.text for b in article.blocks if b.kind == PARAGRAPH]
    assert {"Risultati del voto", "Città", "Roma <g1>capitale</g1>"} <= set(texts)
    page = render_html(article, "en")
    assert '<table class="dati">' in page and '<th colspan="2">' in page
    assert "RISULTATI DEL VOTO" in page and "ROMA <b>CAPITALE</b>" in page
    assert "Roma" not in page and "Città" not in page
    again = parse_markdown(render_markdown(article, "en"), "tabella")
    assert [b.text for b in again.blocks if b.kind == PARAGRAPH] == [
        t.upper().replace("<G1>", "<g1>").replace("</G1>", "</g1>").replace("12,5%", "12.5%")
        for t in texts
    ]


@pytest.mark.parametrize(
    ("block", "kept"),
    [("<table><tr><td><!-- nota -->Il risultato finale del voto</td></tr></table>",
      "<!-- nota -->"),
     ('<div class="box">\n<!-- box redazionale -->\n<p>Il risultato finale del voto</p>\n</div>',
      "<!-- box redazionale -->"),
     ('<div class="video">\n<iframe src="https://www.youtube.com/embed/abc"></iframe>\n'
      "<p>Il risultato finale del voto</p>\n</div>",
      '<iframe src="https://www.youtube.com/embed/abc"></iframe>'),
     ("<figure>\n<pre>x = 1</pre>\n<figcaption>Il risultato finale del voto</figcaption>\n"
      "</figure>", "<pre>x = 1</pre>")],
)  # fmt: skip
def test_text_beside_a_comment_embed_or_pre_in_a_markdown_html_block_is_translated(
    tmp_path, block, kept
):
    """A comment, an embed or a <pre> in an HTML block kept the whole block verbatim: the
    text beside it stayed Italian in every translation, without a word."""
    from format_fixtures import translated

    from pipeline.writers import render_html, render_markdown

    path = tmp_path / "box.md"
    path.write_text(f"# Il box\n\nIl testo della notizia di oggi.\n\n{block}\n", "utf-8")
    article, _ = translated(path, mode="upper", langs=("en",))
    assert any("Il risultato finale del voto" in s.source for s in article.text_segments())
    for written in (render_html(article, "en"), render_markdown(article, "en")):
        assert "IL RISULTATO FINALE DEL VOTO" in written and kept in written
        assert "Il risultato" not in written
    again = parse_markdown(render_markdown(article, "en"), "box")
    assert any("IL RISULTATO FINALE DEL VOTO" in b.text for b in again.blocks)


@pytest.mark.parametrize(
    "block",
    ['<div class="embed"><iframe src="https://www.youtube.com/embed/abc"></iframe></div>',
     "<table><tr><td><pre>codice</pre></td></tr></table>", "<div><!-- n --><pre>x</pre></div>"],
)  # fmt: skip
def test_an_html_block_with_no_word_beside_what_it_keeps_stays_whole(tmp_path, block):
    path = tmp_path / "tabella.md"
    path.write_text(f"# La tabella\n\nIl testo della notizia di oggi.\n\n{block}\n")
    raws = [b.text for b in read_article(path).blocks if b.kind == RAW]
    assert raws == [block]


def test_an_object_or_dialog_without_text_records_nothing(tmp_path):
    inside = '<object data="voto.pdf" type="application/pdf"></object><dialog></dialog>'
    for path in _noscript_inputs(tmp_path, inside)[:2]:
        assert "left_out" not in read_article(path).meta, path.name


@pytest.mark.parametrize(
    ("start", "kept"),
    [('<div class="box" onclick="rubare()">', '<div class="box">'),
     ('<div id="nota" class="box evidenza" onmouseover="rubare()">',
      '<div id="nota" class="box evidenza">'),
     ('<section class="box" onclick="rubare()">', '<section class="box">')],
)  # fmt: skip
def test_a_lone_start_tag_with_a_script_attribute_keeps_its_other_attributes(tmp_path, start, kept):
    """A <div> start tag closed by a later block lost its class and id with its event
    handler: the parser's <div> around it was read instead of the tag."""
    from pipeline.writers import render_html, render_markdown

    name = kept[1:].split()[0]
    path = tmp_path / "box.md"
    path.write_text(
        f"# Il box\n\nIl testo della notizia di oggi.\n\n{start}\n\nIl testo del box.\n\n"
        f"</{name}>\n",
        "utf-8",
    )
    article = read_article(path)
    for written in (render_html(article, "it"), render_markdown(article, "it")):
        assert kept in written and "rubare" not in written


_BUTTONS = (
    "<p>Il ponte sul fiume è crollato ieri sera, nessun ferito tra gli automobilisti.</p>"
    "<button class='mappa'>Mostra la mappa della zona</button>"
    "<p>Il sindaco ha parlato ai giornalisti <button type='button'>Ascolta l'audio</button> "
    "davanti al municipio.</p><form><button>Invia il commento</button></form>"
    "<button hidden>Chiudi la finestra</button>"
    "<p>Le indagini della procura sono iniziate questa mattina con i primi sopralluoghi.</p>"
)


def _button_page(tmp_path, kind: str) -> Path:
    if kind == "wordpress":
        post = {"id": 3, "title": {"rendered": "Il ponte crolla"}, "content": {"raw": _BUTTONS}}
        path = tmp_path / "ponte.json"
        path.write_text(json.dumps(post, ensure_ascii=False), "utf-8")
        return path
    path = tmp_path / "ponte.html"
    path.write_text(
        f"<html lang='it'><head><title>Il ponte crolla</title></head><body><article>"
        f"<h1>Il ponte crolla</h1>{_BUTTONS}</article></body></html>",
        "utf-8",
    )
    return path


@pytest.mark.parametrize("kind", ["html", "wordpress"])
def test_button_labels_in_the_text_are_recorded_as_left_out_never_translated(tmp_path, kind):
    """A ``<button>`` among the article's text (its own line or inside a paragraph) was
    dropped without a trace. Its label is a control of the page, page chrome: never sent
    to MT and in no output, but recorded in meta.left_out and named in the warning; one in
    a form (the comment form's) or hidden is no text a reader sees and is not."""
    article = read_article(_button_page(tmp_path, kind))
    words = " ".join(s.source for b in article.blocks for s in b.segments) + " ".join(
        b.text for b in article.blocks
    )
    for label in ("Mostra la mappa", "Ascolta", "Invia il commento", "Chiudi"):
        assert label not in words
    assert any("giornalisti davanti al municipio" in b.text for b in article.blocks)
    records = article.meta.get("left_out") or []
    assert [(r["where"], r["text"]) for r in records] == [
        ("button.mappa", "Mostra la mappa della zona"),
        ("button", "Ascolta l'audio"),
    ]
    note = dom.left_out_note(article.id, records)
    assert note is not None and "<button>" in note and "never machine-translated" in note


_CONTROLS = (
    "<p>Scegli: <select><option>Prima opzione</option><option>Seconda opzione</option>"
    "</select> ora.</p><p>Scrivi qui <textarea>Il tuo commento</textarea> e invia.</p>"
)


@pytest.mark.parametrize("fmt", ["html", "md", "wordpress"])
def test_select_options_and_textarea_text_are_recorded_as_left_out(tmp_path, fmt):
    """A ``<select>``'s options and a ``<textarea>``'s text inside a paragraph were dropped
    without a trace (``Scegli: ora.``). Form controls, page chrome: left out of the text,
    never sent to MT, but recorded (one entry an option) and named in the warning."""
    if fmt == "wordpress":
        path = tmp_path / "p.json"
        post = {"id": 3, "title": {"rendered": "Prova"}, "content": {"raw": _CONTROLS}}
        path.write_text(json.dumps(post), "utf-8")
    elif fmt == "md":
        path = tmp_path / "p.md"
        path.write_text(f"# Prova\n\n{_CONTROLS}\n", "utf-8")
    else:
        path = tmp_path / "p.html"
        path.write_text(f"<html><body><article><h1>Prova</h1>{_CONTROLS}</article></body></html>")
    article = read_article(path)
    assert any(b.text == "Scegli: ora." for b in article.blocks)
    records = article.meta.get("left_out") or []
    assert [(r["where"], r["text"]) for r in records] == [
        ("select", "Prima opzione\nSeconda opzione"),
        ("textarea", "Il tuo commento"),
    ]
    note = dom.left_out_note(article.id, records)
    assert note is not None and "<select>" in note and "never machine-translated" in note


_ENTRY_LAYOUTS = {  # a live blog's entries with their times apart from their text
    "table": "<table>{}</table>",  # a row per entry, the time in a cell of its own
    "articles": "{}",  # an <article> per entry, the time in its header
    "dl": "<dl>{}</dl>",  # the time a term, the text its description
}


def _entry(layout: str, time: str, text: str) -> str:
    if layout == "table":
        return f"<tr><td><time>{time}</time></td><td>{text}</td></tr>"
    if layout == "articles":
        return f"<article class='entry'><header><time>{time}</time></header><p>{text}</p></article>"
    return f"<dt>{time}</dt><dd>{text}</dd>"


@pytest.mark.parametrize("layout", list(_ENTRY_LAYOUTS))
def test_a_live_blog_laid_out_in_rows_or_articles_is_read_and_its_button_recorded(tmp_path, layout):
    """Entries in table rows were no article at all (exit 3: no cell was a candidate for
    the extractor's lines); a "load more" button beside the entries, outside the
    extractor's text, was dropped without a trace. The entries are read with their
    times; the button is recorded as left out."""
    entries = "".join(_entry(layout, f"10:{i}2", t) for i, t in enumerate(_LIVE_ENTRIES))
    path = _live_page(tmp_path, "div", _ENTRY_LAYOUTS[layout].format(entries))
    html = path.read_text("utf-8").replace(
        "</div><div class='sidebar'>",
        "<button>Carica altri aggiornamenti</button></div><div class='sidebar'>",
    )
    path.write_text(html, "utf-8")
    article = read_article(path)
    texts = [strip(b.text, b.meta.get("markup")) for b in article.blocks]
    assert all(entry in texts for entry in _LIVE_ENTRIES)
    assert all(f"10:{i}2" in texts for i in range(len(_LIVE_ENTRIES)))
    records = article.meta.get("left_out") or []
    assert [(r["where"], r["text"]) for r in records] == [("button", "Carica altri aggiornamenti")]


def test_a_txt_page_is_read_without_importing_the_other_readers(fresh_python, tmp_path):
    """Each reader's module is imported when its format is chosen: a .txt page does not pay
    for lxml, trafilatura or markdown-it (issue 15), and the registry still lists them all."""
    page = tmp_path / "pagina.txt"
    page.write_text("Il titolo\n\nIl ministro ha parlato ieri a Roma.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from pipeline.readers import READERS, formats_sentence, read_article\n"
        f"article = read_article({str(page)!r})\n"
        "loaded = [m for m in ('lxml', 'trafilatura', 'markdown_it') if m in sys.modules]\n"
        "loaded += [m for m in sys.modules if m.startswith('pipeline.readers.')"
        " and m.split('.')[-1] not in ('base', 'page')]\n"
        "listed = 'Markdown (.md' in formats_sentence()\n"
        "print(article.meta['format'], sorted(READERS), loaded, listed)\n"
    )
    assert fresh_python(code) == "page ['html', 'json', 'markdown', 'page', 'wordpress'] [] True"


@pytest.mark.parametrize("opening", ["<!DOCTYPE html>", "\n  <html lang='it'>", "<div><head>"])
def test_a_txt_that_opens_as_html_still_imports_and_uses_the_html_reader(
    tmp_path, opening: str
) -> None:
    path = tmp_path / "pagina.txt"
    text = f"{opening}<body><p>Il ministro ha parlato.</p></body></html>"
    path.write_text(text, encoding="utf-8")
    assert choose_reader(path, text).name == "html"
    assert choose_reader(path, "Il ministro <b>ha</b> parlato.\n").name == "page"


def test_the_re_exported_reader_functions_are_the_modules_own() -> None:
    import pipeline.readers as readers
    from pipeline.readers import html, markdown, mtpipe_json, page, wordpress

    assert readers.parse_html_page is html.parse_html_page
    assert readers.parse_markdown is markdown.parse_markdown
    assert readers.parse_page is page.parse_page
    assert readers.read_jsonl is mtpipe_json.read_jsonl
    assert readers.parse_wordpress is wordpress.parse_wordpress
    # the names the writers share with the readers are one object each (pipeline.markdown_syntax)
    from pipeline import markdown_syntax
    from pipeline.writers import common
    from pipeline.writers import markdown as md_writer

    assert html.HEAD_FIELDS is markdown_syntax.HEAD_FIELDS
    assert markdown.shortcode_attrs is common.shortcode_attrs is markdown_syntax.shortcode_attrs
    assert markdown.FRONT == md_writer.FRONT and markdown.footnote_depth is md_writer.footnote_depth
    with pytest.raises(AttributeError, match="parse_nothing"):
        readers.parse_nothing  # noqa: B018


ARIA_BODY = (  # a page's body, a post's content, a Markdown HTML block
    "<p>Il sindaco ha parlato ieri in consiglio comunale per due ore di fila.</p>"
    '<p aria-hidden="true">Questo paragrafo si vede sulla pagina.</p>'
    '<p>Le scuole <span aria-hidden="true">(tutte)</span> resteranno chiuse fino a lunedì.</p>'
    '<p hidden>Testo nascosto davvero.</p><p style="display: none">Altro testo nascosto.</p>'
)


@pytest.mark.parametrize("name", ["pagina.html", "post.json", "pagina.md"])
def test_text_hidden_from_screen_readers_only_is_the_articles(tmp_path, name):
    """``aria-hidden="true"`` hides an element from screen readers, not from the page:
    its text was left out of every output and of ``meta.left_out`` without a word. It is
    translated, the attribute kept; ``hidden`` and ``display: none`` still hide."""
    post = {"id": 5, "title": {"rendered": "Il sindaco"}, "content": {"rendered": ARIA_BODY}}
    path = tmp_path / name
    path.write_text(
        {
            "pagina.html": f"<html><body><article><h1>Il sindaco</h1>{ARIA_BODY}</article>",
            "post.json": json.dumps(post),
            "pagina.md": f"# Il sindaco\n\n{ARIA_BODY}\n",
        }[name],
        encoding="utf-8",
    )
    text = _mt_text(read_article(path))
    assert "Questo paragrafo si vede sulla pagina." in text and "(tutte)" in text, text
    assert "nascosto" not in text


@pytest.mark.parametrize(
    "hidden",
    ['<p style="display:none">Nascosto.</p>', "<p hidden>Nascosto.</p>",
     '<span style="visibility: hidden">Nascosto.</span>'],
)  # fmt: skip
def test_a_hidden_element_in_a_markdown_html_block_leaves_the_rest_translated(tmp_path, hidden):
    """One hidden element kept a Markdown HTML block whole as written: its visible text
    Italian in every translation, without a word. The hidden element is kept as written
    (the site's markup, a script may show it), never MT, and shows in no plain text."""
    from format_fixtures import translated

    from pipeline.writers import render_html, render_markdown
    from pipeline.writers.text import render_text

    page = tmp_path / "box.md"
    box = f"<div><p>Testo visibile del box da tradurre.</p>{hidden}</div>"
    page.write_text(f"# Titolo\n\nIl testo del pezzo.\n\n{box}\n\nFine.\n", encoding="utf-8")
    article, _ = translated(page, langs=("en",))
    assert "Testo visibile del box" in _mt_text(article) and "Nascosto" not in _mt_text(article)
    for out in (render_html(article, "en"), render_markdown(article, "en")):
        kept = re.sub(r"\s*\n\s*", "", out)  # the box may be cut around its block elements
        written = hidden.replace("<p hidden>", '<p hidden="">')  # the same attribute
        assert f"<div><p>TESTO VISIBILE DEL BOX DA TRADURRE.</p>{written}</div>" in kept, out
    assert "TESTO VISIBILE DEL BOX" in render_text(article, "en")
    assert "Nascosto" not in render_text(article, "en")


@pytest.mark.parametrize(
    "hidden", ['<span style="display:none">segreto</span>', "<span hidden>segreto</span>"]
)
def test_a_hidden_inline_element_in_markdown_is_kept_never_mt(tmp_path, hidden):
    """Markdown's inline HTML: a hidden span's words went to MT and into ``ID.LANG.txt``,
    where no page shows them; it is kept as written, as in an HTML block, and plain text
    has one space where it stood."""
    from format_fixtures import translated

    from pipeline.writers import render_html
    from pipeline.writers.text import render_text

    page = tmp_path / "h.md"
    page.write_text(f"# Titolo\n\nIl testo {hidden} del pezzo.\n", encoding="utf-8")
    article, _ = translated(page, langs=("en",))
    assert "segreto" not in _mt_text(article) and "del pezzo" in _mt_text(article)
    assert ">segreto</span>" in render_html(article, "en")
    assert "IL TESTO DEL PEZZO." in render_text(article, "en")


@pytest.mark.parametrize(
    ("written", "read"),
    [("L&#146;incontro", "L’incontro"), ("&#147;bene&#148;", "“bene”"), ("a &#150; b", "a – b"),
     ("&#x80; 10", "€ 10"), ("&#X85;", "…"), ("**l&#146;altro**", "l’altro")],
)  # fmt: skip
def test_windows_1252_character_references_in_markdown_read_as_a_browser_reads_them(written, read):
    """Text pasted from Windows-1252 writes its apostrophe, quotes, dashes and euro sign as
    C1 references (``&#146;``); CommonMark reads them as U+FFFD, so "L\ufffdincontro" went
    to MT and every output. They are read as HTML and a browser read them (the HTML page
    reader already did); in code they stay as written."""
    article = parse_markdown(f"# Titolo\n\nOggi {written} e `&#146;` fine.\n", "a", "it")
    text = strip(article.blocks[1].text, article.blocks[1].meta.get("markup"))
    assert read in text and "\ufffd" not in text and "&#146;" in text, text


@pytest.mark.parametrize(
    ("field", "link"),
    [("excerpt", '<a href="https://x.it/frana/" class="more-link">Continua a leggere<span '
      'class="screen-reader-text"> &#8220;Frana&#8221;</span></a>'),
     ("excerpt", '<a class="button more-link" href="https://x.it/frana/">Leggi tutto</a>'),
     ("content", '<a href="https://x.it/frana/#more-11" class="more-link">(altro&hellip;)</a>')],
)  # fmt: skip
def test_a_themes_read_more_link_is_left_out_and_recorded(tmp_path, field, link):
    """A theme's "read more" link (WordPress's ``excerpt_more``, ``the_content_more_link``)
    went to MT and into the post's excerpt or content, which the theme then showed
    beside its own; it is page chrome: left out, recorded in ``meta.left_out``."""
    post = {
        "id": 11,
        "title": {"rendered": "Frana sulla via Aurelia"},
        "content": {"rendered": "<p>La strada è stata chiusa ieri sera dopo le piogge.</p>"},
        "excerpt": {"rendered": "<p>La strada è stata chiusa ieri sera.</p>"},
    }
    post[field]["rendered"] = post[field]["rendered"].replace("</p>", f" {link}</p>")
    path = tmp_path / "post.json"
    path.write_text(json.dumps(post), encoding="utf-8")
    article = read_article(path)
    text = _mt_text(article)
    assert "leggere" not in text and "tutto" not in text and "altro" not in text, text
    assert "chiusa ieri sera" in text
    [record] = article.meta["left_out"]
    assert record["where"].startswith("a.") and "more-link" in record["where"]
    assert any(w in record["text"] for w in ("Continua a leggere", "Leggi tutto", "altro"))


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("a.html", '<p>Pubblicato il <span class="sr-only">12 marzo 2024</span>'
                   '<span aria-hidden="true">12/03</span> dalla redazione.</p>'),
        ("b.html", '<p>Il voto <span class="visuallyhidden">12 marzo 2024</span> è rinviato.</p>'),
        ("c.md", 'Il voto <span class="visually-hidden">12 marzo 2024</span> è rinviato.'),
    ],
)  # fmt: skip
def test_screen_reader_text_goes_to_mt_and_is_recorded(tmp_path, name, body):
    """Screen-reader-only text (``sr-only``, ``visuallyhidden``, ``visually-hidden``) is
    the page's, read aloud: it goes to MT with its element and class, and is recorded in
    ``meta.left_out`` because ``.md`` and ``.txt`` leave it out (was: dropped from every
    output and from the record, without a word)."""
    path = tmp_path / name
    if name.endswith(".md"):
        path.write_text(f"# Il voto\n\n{body}\n\nFine del pezzo.\n", encoding="utf-8")
    else:
        page = f"<html><body><article><h1>Il voto</h1>{body}<p>Fine del pezzo.</p></article>"
        path.write_text(page + "</body></html>", encoding="utf-8")
    article = read_article(path)
    assert "12 marzo 2024" in _mt_text(article)
    records = [r for r in article.meta.get("left_out", []) if r.get("screen_reader")]
    assert [r["text"] for r in records] == ["12 marzo 2024"]
    assert records[0]["where"].startswith("span.")
    assert "screen-reader-only" in dom.left_out_note(article.id, article.meta["left_out"])


@pytest.mark.parametrize("name", ["a.html", "a.md"])
def test_screen_reader_chrome_is_kept_as_written_never_mt(tmp_path, name):
    """A theme's screen-reader label that is chrome (a share link's "Condividi su
    Facebook" beside its icon) is kept as written, never sent to MT, and recorded; in an
    HTML page and in a Markdown paragraph's inline HTML alike."""
    link = (
        '<a href="https://facebook.com/x"><i class="icon"></i><span class="screen-reader-text">'
        "Condividi su Facebook</span></a>"
    )
    path = tmp_path / name
    if name.endswith(".md"):
        page = f"# Il voto\n\nIl voto è rinviato a data da destinarsi. {link}\n\nFine.\n"
    else:
        page = (
            "<html><body><article><h1>Il voto</h1><p>Il voto è rinviato a data da destinarsi. "
            f"{link}</p><p>Fine del pezzo.</p></article></body></html>"
        )
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    assert "Condividi" not in _mt_text(article) and "Il voto è rinviato" in _mt_text(article)
    assert any("Condividi su Facebook" in str(b.meta.get("markup")) for b in article.blocks)
    texts = [r["text"] for r in article.meta["left_out"] if r.get("screen_reader")]
    assert texts == ["Condividi su Facebook"]


def test_a_screen_reader_heading_of_a_post_is_recorded_not_translated(tmp_path):
    """A theme's heading for screen readers only in a WordPress post (``<h2
    class="screen-reader-text">Navigazione articoli</h2>``) is chrome: no MT, recorded."""
    data = json.loads(POST.read_text(encoding="utf-8"))
    data["content"]["rendered"] = (
        '<p>Il testo del pezzo.</p><h2 class="screen-reader-text">Navigazione articoli</h2>'
    )
    data["content"].pop("raw", None)
    path = tmp_path / "post.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    article = read_article(path)
    assert "Navigazione" not in _mt_text(article)
    texts = [r["text"] for r in article.meta.get("left_out", [])]
    assert "Navigazione articoli" in texts


def test_a_font_style_tag_in_a_comment_or_attribute_is_not_rewritten():
    """The ``<b><p>`` repair (readers.nesting) rewrites tags the HTML tokenizer finds, never
    text that only looks like one: a comment (a Gutenberg delimiter), an attribute value."""
    from lxml import etree

    page = (
        '<div><b class="k"><p>A</p></b><!-- <b><p>x</p></b> --><p title="<b><p>">C</p>'
        "<i>corsivo</i><u><p>D</p></u></div>"
    )
    out = etree.tostring(dom.parse_html(page).body[0], encoding=str)
    assert '<b class="k"><p>A</p></b>' in out and "<!-- <b><p>x</p></b> -->" in out
    assert 'title="&lt;b&gt;&lt;p&gt;"' in out and "<i>corsivo</i><u><p>D</p></u>" in out
    assert "data-mtpipe" not in out and "strong" not in out


def test_a_font_style_tag_inside_a_textarea_is_text_not_rewritten():
    """A ``<textarea>``'s content is text to every HTML parser: the ``<b><p>`` repair
    leaves it as written (was: ``<strong data-mtpipe-tag="b">`` in the text)."""
    from lxml import etree

    page = "<div><textarea><b><p>x</p></b></textarea><b><p>Y</p></b></div>"
    out = etree.tostring(dom.parse_html(page).body[0], encoding=str)
    assert "data-mtpipe" not in out and "&lt;b&gt;&lt;p&gt;x" in out
    assert "<b><p>Y</p></b>" in out


def test_an_emoji_shortcode_in_markdown_is_kept_never_mt(tmp_path):
    """``:tada:`` is an emoji to GitHub, Hugo and markdown-it-emoji: as words, MT gave
    ``:fête:`` back, an emoji no renderer knows. Kept as written; colons of Italian text
    (a time, a label, ``Roma:Milano``) stay text."""
    from pipeline.writers import render_html, render_markdown
    from tests.format_fixtures import seen_by_models, translated

    path = tmp_path / "festa.md"
    path.write_text(
        "# La festa\n\nLa squadra ha vinto :tada: e i tifosi :heart_eyes: applaudono :+1:.\n\n"
        "Alle 10:30: il sindaco ha parlato della tratta Roma:Milano: tutto :Roma: ok.\n",
        encoding="utf-8",
    )
    article, fakes = translated(path, langs=("en",))
    seen = seen_by_models(fakes)
    assert not re.search(r"tada|heart|\+1", seen) and "10:30: il sindaco" in seen
    assert "Roma:Milano: tutto :Roma: ok." in seen
    for out in (render_markdown(article, "en"), render_html(article, "en")):
        assert ":tada: E I TIFOSI :heart_eyes: APPLAUDONO :+1:." in out, out


@pytest.mark.parametrize("name", ["a.html", "a.md"])
def test_an_author_class_keeps_the_name_as_written(tmp_path, name):
    """``<span class="author">Mario Rossi</span>`` is a person's name: kept as a
    ``notranslate`` element is, never MT (was: sent to the model as words)."""
    byline = '<p>di <span class="author">Mario Rossi</span></p>'
    body = f"<h1>Il voto in consiglio</h1>{byline}<p>Il consiglio ha approvato il bilancio.</p>"
    page = f"<html><body><article>{body}</article></body></html>"
    src = tmp_path / name
    src.write_text(page if name.endswith("html") else f"# Il voto\n\n{byline}\n\nTesto.\n", "utf-8")
    para = next(b for b in read_article(src).blocks if "di " in b.text)
    assert "Mario" not in para.text and "Mario Rossi" in json.dumps(para.meta)


@pytest.mark.parametrize(
    ("body", "en_md"),
    [
        (  # the byline's line, then the paragraph's text after a soft line break
            "di Mario Rossi\nROMA — Il governo ha approvato ieri sera il decreto sulle accise"
            " dei carburanti, che prevede un taglio di dieci centesimi al litro fino a fine"
            " anno e nuove regole.",
            "By Mario Rossi\nROMA — IL GOVERNO",
        ),
        ("La legge è passata.\ndi Anna De Luca", "LA LEGGE È PASSATA.\nBy Anna De Luca"),
        ("- di Mario Rossi\n  ROMA — Il governo.", "- By Mario Rossi\n  ROMA — IL GOVERNO."),
        ("> a cura di Anna De Luca\n> ROMA — Il governo.", "> Edited by Anna De Luca\n> ROMA"),
    ],
)
def test_a_byline_on_a_soft_line_break_is_a_byline(tmp_path, fake_backend, body, en_md):
    """A byline joined to the paragraph's text by a single newline (``di Mario Rossi`` then
    ``ROMA — …``) went to MT whole, name and all, with the line break read as a space; it
    is found as a byline on a line of its own is: a segment of its own, the name kept, "di"
    the catalog's, the line break kept in the Markdown written."""
    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles
    from pipeline.writers import render_html, render_markdown

    src = tmp_path / "a.md"
    src.write_text(f"# Il voto\n\n{body}\n", "utf-8")
    article = segment_article(read_article(src))
    backend = fake_backend(str.upper)
    translate_articles([article], {"en": backend})
    assert not any("Rossi" in t or "Luca" in t for t in backend.inputs), backend.inputs
    assert en_md in render_markdown(article, "en")
    assert "<x" not in render_html(article, "en")


@pytest.mark.parametrize(
    "body",
    [
        "Di seguito\nIl governo ha deciso.",  # no name after "di"
        "La casa di Mario Rossi\nè stata venduta.",  # a sentence, not a byline line
    ],
)
def test_a_line_that_is_no_byline_keeps_its_soft_break_a_space(tmp_path, body):
    src = tmp_path / "a.md"
    src.write_text(f"# Il voto\n\n{body}\n", "utf-8")
    para = read_article(src).blocks[-1]
    assert para.text == body.replace("\n", " ") and not para.meta.get("markup")


@pytest.mark.parametrize(
    "paragraph",
    [
        "<p>di Mario Rossi<br>ROMA — Il governo ha approvato ieri sera in Consiglio dei ministri"
        " il decreto legge sulle accise dei carburanti, che prevede un taglio di dieci centesimi"
        " al litro fino a fine anno.</p>",
        "<p>Il decreto è legge.<br>a cura di Anna De Luca</p>",
    ],
)
def test_a_byline_before_or_after_a_br_is_a_segment_of_its_own(tmp_path, fake_backend, paragraph):
    """``di Mario Rossi<br>`` over a first sentence longer than a byline segment may be
    (protect.spans) sent the name to MT with the sentence: the byline's line is a segment
    of its own, found as a bare-line byline is, the ``<br>`` kept."""
    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles
    from pipeline.writers import render_html

    src = tmp_path / "a.html"
    body = f"<h1>Il decreto</h1>{paragraph}<p>Altro testo.</p>"
    src.write_text(f"<html><body><article>{body}</article></body></html>", "utf-8")
    article = segment_article(read_article(src))
    backend = fake_backend(str.upper)
    translate_articles([article], {"en": backend})
    assert not any("Rossi" in t or "Luca" in t for t in backend.inputs), backend.inputs
    html = render_html(article, "en")
    assert "By Mario Rossi<br>ROMA" in html or "<br>Edited by Anna De Luca" in html, html


_BYLINE_PAGE = (
    '<html lang="it"><head><title>T</title></head><body><article>'
    "<h1>Frana sulla via Aurelia, strada chiusa per due giorni</h1>{byline}"
    "<p>Una frana ha bloccato la via Aurelia nei pressi di Genova nella notte di sabato. "
    "I vigili del fuoco hanno chiuso la strada in entrambe le direzioni.</p>"
    "<p>Secondo il comune, i lavori di messa in sicurezza dureranno almeno due giorni, "
    "mentre il traffico è deviato sulla autostrada A10.</p></article></body></html>"
)


@pytest.mark.parametrize(
    ("byline", "author"),
    [
        (
            '<p class="meta">di Giulia Rossi — '
            '<time datetime="2026-11-28">28 novembre 2026</time></p>',
            "Giulia Rossi",
        ),
        (
            '<div class="byline">Di <a href="/autori/rossi" rel="author">Mario Rossi</a></div>',
            "Mario Rossi",
        ),
        ("<p>di Anna De Luca e Carlo Bianchi</p>", "Anna De Luca, Carlo Bianchi"),
    ],
)
def test_an_html_byline_paragraph_is_a_byline_and_names_the_author(tmp_path, byline, author):
    """newuser37: a byline paragraph with its `<time>` (or a theme's `div.byline` box, left
    out before) reads as a bare-line byline does: a block of the text whose names are kept
    out of MT, and the article's `meta.author` where the extractor found none."""
    from pipeline.protect import Protector

    page = tmp_path / "firma.html"
    page.write_text(_BYLINE_PAGE.format(byline=byline), encoding="utf-8")
    article = read_article(page)
    line = next(b for b in article.blocks if "Rossi" in b.text or "Luca" in b.text)
    spans = Protector(tgt_lang="en").spans(line.text)
    assert line.kind == PARAGRAPH and author.split(", ")[0] in [s.text for s in spans]
    assert article.meta.get("author") == author
    assert "left_out" not in article.meta


def test_a_paragraph_opening_with_di_certo_is_no_byline(tmp_path):
    page = tmp_path / "certo.html"
    sentence = "Di certo il governo dovrà intervenire con fondi straordinari."
    page.write_text(_BYLINE_PAGE.format(byline=f"<p>{sentence}</p>"), encoding="utf-8")
    article = read_article(page)
    assert sentence in _mt_text(article) and "author" not in article.meta
