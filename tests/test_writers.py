"""Writers for rich input: HTML fragment, WordPress post, Markdown; markup through translation.

A fake translator stands in for the model: it rewrites the words and keeps or
mangles the inline markers, so the tests can tell what the pipeline does with
markup without a slow model. Every HTML output is parsed back (html5lib) and
its tag sequence compared with the source's.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path
from urllib.parse import urljoin

import html5lib
import pytest
from format_fixtures import PAGE, POST, translated
from lxml import html as lxml_html

from pipeline.document import CATEGORY, TEXT_KINDS, TITLE, UI
from pipeline.markup import MARKER, strip
from pipeline.readers.markdown import parse_markdown
from pipeline.writers import render_html, render_markdown, render_wordpress, write_article
from pipeline.writers.common import block_text
from pipeline.writers.text import render_text


def _translated(path: Path, mode: str = "keep", langs=("en", "fr")):
    return translated(path, mode, langs)


def _translated_en(path: Path, text: str):
    """``text`` written to ``path`` (an input of its suffix's format), read and translated to en."""
    path.write_text(text, encoding="utf-8")
    return _translated(path, langs=("en",))[0]


def _en_outputs_of_body(path: Path, title: str, body: str, post_id: int) -> list[str]:
    """``body`` as an HTML page, a WordPress post or Markdown (by ``path``'s suffix), read
    and translated to en: its .html, .md and, for a post, .wp.json content."""
    post = {"id": post_id, "title": {"rendered": title}, "content": {"rendered": body}}
    text = {
        ".html": f"<html><body><article><h1>{title}</h1>{body}</article></body></html>",
        ".json": json.dumps(post),
        ".md": f"# {title}\n\n{body}\n",
    }[path.suffix]
    article = _translated_en(path, text)
    outputs = [render_html(article, "en"), render_markdown(article, "en")]
    if path.suffix == ".json":
        outputs.append(json.loads(render_wordpress(article, "en"))["content"])
    return outputs


def _fragment_tags(fragment: str) -> list[tuple[str, dict]]:
    doc = html5lib.parseFragment(fragment, treebuilder="lxml", namespaceHTMLElements=False)
    tags = []
    for node in doc:  # top-level nodes of the fragment
        if isinstance(node, str) or not isinstance(node.tag, str):
            continue
        for el in node.iter():
            if isinstance(el.tag, str):
                tags.append(
                    (el.tag, {k: v for k, v in el.attrib.items() if k not in ("alt", "title")})
                )
    return tags


def _comments(fragment: str) -> list[str]:
    return re.findall(r"<!--.*?-->", fragment)


@pytest.fixture(scope="module")
def post():
    return _translated(POST)


@pytest.fixture(scope="module")
def page():
    return _translated(PAGE)


def test_wordpress_output_has_the_source_tag_sequence_and_block_comments(post):
    article, _ = post
    source = json.loads(POST.read_text(encoding="utf-8"))["content"]["raw"]
    out = json.loads(render_wordpress(article, "fr"))
    content = out["content"]
    assert _fragment_tags(content) == _fragment_tags(source)
    assert _comments(content) == _comments(source)
    assert "IL MINISTRO DELLA DIFESA RUSSO" in content  # translated (by the fake)
    assert "<code>trattato-2024</code>" in content  # code content never translated


def test_wordpress_output_shape_per_language(post):
    article, _ = post
    out = json.loads(render_wordpress(article, "en"))
    assert out["lang"] == "en" and out["slug"] == "belousov-pyongyang-en"
    assert out["translation_of"] == 4242 and out["categories"] == [7]
    assert out["title"] == "BELOUSOV A PYONGYANG: «LEGAMI <em>PIÙ FORTI</em>»"
    assert out["excerpt"].startswith("<p>IL MINISTRO RUSSO")


@pytest.mark.parametrize("field", ["raw", "rendered"])
def test_the_wordpress_post_holds_the_strings_a_rest_api_create_takes(tmp_path, field):
    """``{"rendered": ...}`` is read-only: POST /wp/v2/posts took it as an empty post."""
    data = json.loads(POST.read_text(encoding="utf-8"))
    data["content"] = {field: data["content"]["raw"]}
    article = _translated_en(tmp_path / "post.json", json.dumps(data))
    out = json.loads(render_wordpress(article, "en"))
    for name in ("title", "content", "excerpt"):
        assert isinstance(out[name], str) and out[name], name
    assert "BELOUSOV A PYONGYANG" in out["title"] and "<!-- wp:" in out["content"]
    assert '"rendered"' not in json.dumps(out) and '"raw"' not in json.dumps(out)


def test_attributes_untouched_except_title_and_alt(post):
    article, _ = post
    content = json.loads(render_wordpress(article, "en"))["content"]
    assert 'href="https://example.org/belousov"' in content
    assert 'title="CHI È BELOUSOV"' in content  # link title translated
    assert 'alt="BELOUSOV A PYONGYANG"' in content  # image alt translated
    assert 'src="https://example.org/wp-content/uploads/belousov.jpg"' in content
    assert 'class="highlight"' in content


def test_model_never_sees_block_comments_code_or_attributes(post):
    _, fakes = post
    sent = "\n".join(fakes["en"].seen)
    for hidden in ("wp:", "trattato-2024", "https://", "class="):
        assert hidden not in sent


def test_html_page_fragment_has_the_article_tag_sequence(page):
    article, _ = page
    root = lxml_html.fromstring(PAGE.read_text(encoding="utf-8"))
    body = root.xpath("//div[@class='entry-content']")[0]
    for chrome in body.xpath(".//div[contains(@class,'sharedaddy') or @id='jp-relatedposts']"):
        chrome.getparent().remove(chrome)
    for hidden in body.xpath(".//*[contains(@style,'display:none')]"):
        hidden.drop_tree()
    source = "".join(lxml_html.tostring(child, encoding="unicode") for child in body.iterchildren())
    fragment = render_html(article, "en")
    assert _fragment_tags(fragment)[0][0] == "h1"
    assert _fragment_tags(fragment)[1:] == _fragment_tags(source)
    assert "<strong>KIM JONG UN</strong>" in fragment
    assert '<a href="https://example.org/belousov?lang=it&amp;ref=1"' in fragment


def test_lost_markup_is_kept_in_a_safe_place_with_a_finding():
    article, _ = _translated(POST, mode="drop", langs=("en",))
    content = json.loads(render_wordpress(article, "en"))["content"]
    source = json.loads(POST.read_text(encoding="utf-8"))["content"]["raw"]
    assert _fragment_tags(content) == _fragment_tags(source)  # every tag once, nested
    para = next(b for b in article.blocks if "Il ministro della Difesa" in b.text)
    assert {f.check for s in para.segments for f in s.findings} == {"markup"}
    assert all(f.severity == "warning" for s in para.segments for f in s.findings)


def test_markdown_output_keeps_structure_and_reads_back_to_the_same_blocks(page):
    article, _ = page
    md = render_markdown(article, "en")
    assert "## UN TRATTATO DI MUTUA DIFESA" in md
    assert "[ANDREI *BELOUSOV*](https://example.org/belousov?lang=it&ref=1" in md
    assert "- L'INVIO DI OLTRE **10,000 SOLDATI**" in md and "`H2O`" in md
    assert 'category: "Italy"' in md  # localised from the catalog
    again = parse_markdown(md, "kim", "it")
    assert again.source_lang == "en"
    assert [b.kind for b in again.blocks].count(TITLE) == 1

    def mt_texts(a, lang=None):
        return [
            MARKER.sub("", b.target_text(lang) if lang else b.text)
            for b in a.blocks
            if b.kind in TEXT_KINDS
        ]

    assert mt_texts(again) == mt_texts(article, "en")  # the same text goes to MT, once
    ui = [b.text for b in again.blocks if b.kind == UI]
    # chrome again, not text for MT; the dateline above the body too (was dropped)
    assert len(ui) == 5 and ui[0].startswith("Published on") and ui[3] == "Leave a Reply"
    assert ui[1:3] == ["Previous Post", "Next Post"]  # the post navigation (fixa36)


def test_write_article_writes_html_and_wordpress_outputs(post, tmp_path):
    article, _ = post
    names = sorted(p.name for p in write_article(article, tmp_path))
    assert "post.en.html" in names and "post.fr.wp.json" in names and "post.fr.md" in names
    assert "post.json" in names
    for name in ("post.en.html", "post.fr.html"):
        tags = [t for t, _ in _fragment_tags((tmp_path / name).read_text())]
        assert "script" not in tags and "a" in tags


TABLE_PAGE = PAGE.parent / "elezioni.it.html"
TABLE_MD = PAGE.parent / "elezioni.it.md"


def _table_html(fragment: str) -> str:
    return re.search(r"<table.*</table>", fragment, re.S).group(0)


def test_html_table_comes_back_cell_for_cell_translated():
    article, _ = _translated(TABLE_PAGE, langs=("en",))
    source = _table_html(TABLE_PAGE.read_text(encoding="utf-8"))
    table = _table_html(render_html(article, "en"))
    assert _fragment_tags(table) == _fragment_tags(source)  # same rows, cells, spans
    assert "<td>PARTITO DEMOCRATICO</td>" in table and "<th></th>" in table
    assert '<td colspan="2">TOTALE DEI SEGGI ASSEGNATI</td>' in table
    assert "<caption>SEGGI PER PARTITO</caption>" in table


def test_markdown_table_is_written_as_a_pipe_table_that_reads_back():
    article, _ = _translated(TABLE_MD, langs=("en",))
    md = render_markdown(article, "en")
    assert "| PARTITO | SEGGI | NOTE |\n| :--- | ---: | --- |\n" in md
    assert "| LEGA \\| NORD | 80 | [SCHEDA](https://example.org/l) |" in md
    again = parse_markdown(md, "elezioni", "it")
    cells = [b.text for b in again.blocks if b.meta.get("tag") in ("th", "td")]
    assert cells[3:6] == ["PARTITO <g1>DEMOCRATICO</g1>", "120", ""]
    assert cells[6] == "LEGA | NORD"


def test_markdown_keeps_a_table_with_spanning_cells_as_html():
    article, _ = _translated(TABLE_PAGE, langs=("en",))
    md = render_markdown(article, "en")
    assert '<td colspan="2">TOTALE DEI SEGGI ASSEGNATI</td>' in md
    assert "| " not in md
    again = parse_markdown(md, "elezioni", "it")
    assert any("<table" in b.text for b in again.blocks)  # an HTML block, read back whole


NESTED = """<html><head><title>Prova</title></head><body><article>
<h1>Titolo della prova</h1>
<p>Il governo ha approvato la legge di bilancio con ampio margine di voti.</p>
<table><tr><td>Regione</td><td><table><tr><td>Nord</td><td>Sud</td></tr></table></td></tr>
<tr><td>Lazio</td><td><p>Roma è la capitale.</p><p>Ha tre milioni di abitanti.</p></td></tr>
</table>
<p>La seduta è stata tolta alle nove di sera dopo un lungo dibattito.</p>
</article></body></html>"""


def test_cells_holding_a_table_or_paragraphs_come_back_nested_and_translated(tmp_path):
    """Each nested cell and paragraph reaches MT on its own (not "NordSud"), in its place."""
    article = _translated_en(tmp_path / "nested.it.html", NESTED)
    sent = {s.source for s in article.text_segments()}
    assert {"Nord", "Sud", "Roma è la capitale.", "Ha tre milioni di abitanti."} <= sent
    table = _table_html(render_html(article, "en"))
    assert _fragment_tags(table) == _fragment_tags(_table_html(NESTED))  # same nesting
    assert "<td>NORD</td><td>SUD</td>" in table
    assert "<td><p>ROMA È LA CAPITALE.</p><p>HA TRE MILIONI DI ABITANTI.</p></td>" in table


XSS = """<html><head><title>T</title></head><body><article>
<h1>Titolo della notizia con link pericolosi</h1>
<p>Clicca <a href="javascript:alert(1)" onclick="alert(2)">qui</a> per leggere tutto.</p>
<p>Immagine <img src="https://example.it/x.jpg" onerror="alert(3)" alt="foto"> e
<a href=" JaVa&#x09;script:alert(5)">un altro</a> e
<a href="https://example.it/ok">un link buono</a>.</p>
<p>Vedi <a href="database.html">la banca dati</a> e
<a href="javascript-guida.html">la guida</a>.</p>
<p>Un testo con <svg onload="alert(4)"><text>svg</text></svg> finale della frase.</p>
<p>Fine <iframe src="vbscript:msgbox(6)"></iframe> della notizia di oggi.</p>
<iframe srcdoc="&lt;script&gt;alert(7)&lt;/script&gt;" src="https://example.it/v"></iframe>
<p>Vedi <a href="&#106;avascript:alert(8)">il link</a> codificato.</p>
</article></body></html>"""


def test_script_in_attributes_never_reaches_the_outputs(tmp_path):
    """Event handlers and script URLs are dropped like <script>; the rest is kept."""
    article = _translated_en(tmp_path / "xss.it.html", XSS)
    out = render_html(article, "en") + json.dumps(render_wordpress(article, "en"))
    low = out.lower()
    assert not re.search(r"\son\w+\s*=", low)
    assert "script:" not in low and "alert(" not in low
    assert 'href="https://example.it/ok"' in out and 'src="https://example.it/x.jpg"' in out
    assert "QUI" in out and "UN LINK BUONO" in out
    assert 'href="database.html"' in out and 'href="javascript-guida.html"' in out


def test_markdown_text_that_looks_like_block_syntax_stays_text(tmp_path):
    """A paragraph or list item that starts "1. " or "- " is not written as a new list."""
    article = _translated_en(
        tmp_path / "punti.it.md",
        "# Il programma\n\n1\\. primo punto del programma di governo.\n\n"
        "\\- meno tasse per tutti.\n\n- 2\\. voce di un elenco\n\n\\# non un titolo\n",
    )
    again = parse_markdown(render_markdown(article, "en"), "punti", "it")

    def shape(a):
        return [(b.kind, str(b.meta.get("wrap"))) for b in a.blocks if b.kind != TITLE]

    assert shape(again) == shape(article)  # no new list, heading or break
    texts = [b.text for b in again.blocks]
    assert "1. PRIMO PUNTO DEL PROGRAMMA DI GOVERNO." in texts
    assert "- MENO TASSE PER TUTTI." in texts
    assert "2. VOCE DI UN ELENCO" in texts and "# NON UN TITOLO" in texts


@pytest.mark.parametrize(
    "start",
    ["~~~ tilde iniziali", "~~~", "```python", "``` codice", "1) primo punto", "+ più tasse",
     "===", "---", "***", "> non citazione", "<div>", "[1]: vedi la nota", "| a | b |"],
)  # fmt: skip
def test_text_that_opens_a_markdown_block_never_swallows_what_follows(tmp_path, start):
    """A paragraph that starts with ``~~~`` opened a fenced code block in ``ID.LANG.md``:
    every paragraph after it became code (text shown with its escapes, a table lost)."""
    page = (
        "<html><body><article><h1>Il titolo</h1>"
        f"<p>{escape(start)}</p><p>Il paragrafo dopo.</p><ul><li>Una voce.</li></ul>"
        "</article></body></html>"
    )
    article = _translated_en(tmp_path / "inizio.html", page)
    markdown = render_markdown(article, "en")
    dom = _commonmark_gfm(markdown)
    assert [p.text_content() for p in dom.iter("p")] == [start.upper(), "IL PARAGRAFO DOPO."]
    assert [li.text_content() for li in dom.iter("li")] == ["UNA VOCE."]
    again = parse_markdown(markdown, "inizio", "en")
    assert [b.text for b in again.blocks if b.kind == "paragraph"][:2] == [
        start.upper(),
        "IL PARAGRAFO DOPO.",
    ]


@pytest.mark.parametrize(
    ("opening", "closing"),
    [
        ("<details>\n<summary>Apri il riquadro</summary>", "</details>"),
        ('<div class="box"><p>Il riquadro</p>', "</div>"),
        ("<aside>\n<h4>Il riquadro</h4>", "</aside>"),
    ],
)
def test_an_html_block_left_open_around_markdown_keeps_its_structure(tmp_path, opening, closing):
    """``<details><summary>…</summary>`` opens an HTML block that a later ``</details>``
    closes: the parser closed ``<details>`` at once, so the text meant inside it came
    after it and the page ended with a stray ``</details>``."""
    article = _translated_en(
        tmp_path / "riquadro.it.md",
        f"# Il titolo\n\n{opening}\n\nContenuto del riquadro.\n\n{closing}\n\nFine del pezzo.\n",
    )
    sent = [s.source for s in article.text_segments()]
    assert "l riquadro</g" in " ".join(sent) and "Contenuto del riquadro." in sent
    dom = _commonmark_gfm(render_markdown(article, "en"))
    outer = closing.strip("</>")
    box = dom.find(f".//{outer}")
    assert "L RIQUADRO" in box.text_content() and "CONTENUTO DEL RIQUADRO." in box.text_content()
    assert "FINE DEL PEZZO." not in box.text_content() and "</" not in dom.text_content()
    html_box = lxml_html.fragment_fromstring(render_html(article, "en"), create_parent="div")
    assert "CONTENUTO DEL RIQUADRO." in html_box.find(f".//{outer}").text_content()


@pytest.mark.parametrize(
    ("para", "words"),
    [
        ("<code>pip install mtpipe</code>", "pip install mtpipe"),
        ('<span translate="no">Tutto il testo resta così.</span>', "Tutto il testo resta così."),
        ("<kbd>Ctrl</kbd> + <kbd>C</kbd>", "Ctrl + C"),
    ],
)
def test_a_paragraph_of_only_code_or_kept_words_is_in_every_output(tmp_path, para, words):
    """A paragraph with no word to translate (only inline code, or words kept as they are)
    was left out of ``ID.LANG.txt`` and lost its ``<p>`` in the HTML output."""
    article = _translated_en(
        tmp_path / "comando.it.html",
        "<html><body><article><h1>Il comando di oggi</h1><p>Per installare si scrive:</p>"
        f"<p>{para}</p><p>Ultimo paragrafo.</p></article></body></html>",
    )
    text = render_text(article, "en")
    assert f"PER INSTALLARE SI SCRIVE:\n\n{words}\n\nULTIMO PARAGRAFO." in text
    assert f"<p>{para}</p>" in render_html(article, "en")
    assert words.split()[0] in render_markdown(article, "en")


def test_a_table_cell_of_only_code_or_an_image_keeps_its_cell(tmp_path):
    """``<td><code>ls</code></td>`` came out as ``<tr><code>ls</code><td>…``: no cell, so a
    browser moves the code out of the table and the columns shift."""
    article = _translated_en(
        tmp_path / "tabella.it.html",
        "<html><body><article><h1>Il comando di oggi</h1><p>Il testo del pezzo.</p><table>"
        "<tr><th>Comando</th><th>Effetto</th></tr><tr><td><code>ls</code></td><td>Elenca"
        '</td></tr><tr><td class="i"><img src="/i.png" alt="icona"></td><td>Icona</td></tr>'
        "</table></article></body></html>",
    )
    out = render_html(article, "en")
    assert "<tr><td><code>ls</code></td><td>ELENCA</td></tr>" in out
    assert '<tr><td class="i"><img src="/i.png" alt="ICONA"></td><td>ICONA</td></tr>' in out


def _commonmark_gfm(markdown: str):
    """The body of ``markdown`` (front matter dropped) as a DOM, rendered by markdown-it."""
    from markdown_it import MarkdownIt

    body = markdown.split("---\n", 2)[2]
    return lxml_html.fragment_fromstring(
        MarkdownIt("commonmark").enable("table").render(body), create_parent="div"
    )


def test_markdown_line_break_stays_inside_a_heading_and_a_table_cell(tmp_path):
    """CommonMark has no hard break in an ATX heading or a pipe-table cell: ``<br>`` there.

    A ``\\`` + newline cut the heading in two (its second half a paragraph, a stray
    backslash in the first) and showed as a literal backslash inside a cell.
    """
    article = _translated_en(
        tmp_path / "righe.html",
        "<html><body><article><h1>Titolo in<br>due righe</h1><p>Il testo del pezzo.</p>"
        "<h2>Sotto<br/>titolo</h2><table><tr><th>Nome</th><th>Note</th></tr>"
        "<tr><td>Riga<br>doppia</td><td>Una</td></tr></table><p>Fine del pezzo.</p>"
        "</article></body></html>",
    )
    markdown = render_markdown(article, "en")
    dom = _commonmark_gfm(markdown)
    heads = [(h.text, [c.tag for c in h], h[0].tail) for h in dom.iter("h1", "h2")]
    assert heads == [("TITOLO IN", ["br"], "DUE RIGHE"), ("SOTTO", ["br"], "TITOLO")]
    cell = dom.xpath("//td")[0]
    assert cell.findall("br") and cell.text_content() == "RIGADOPPIA"
    assert "\\" not in dom.text_content()
    again = parse_markdown(markdown, "righe", "en")
    assert [b.kind for b in again.blocks].count(TITLE) == 1
    assert "RIGA<x1/>DOPPIA" in [b.text for b in again.blocks]  # the break reads back


def test_markdown_heading_ending_in_hashes_keeps_them(tmp_path):
    """A trailing ``#`` run is an ATX closing sequence, which readers drop: escaped."""
    article = _translated_en(
        tmp_path / "tag.md", "# Titolo\n\nTesto.\n\n## Vota con \\#\n\n### \\###\n\nFine.\n"
    )
    dom = _commonmark_gfm(render_markdown(article, "en"))
    assert [h.text_content() for h in dom.iter("h2", "h3")] == ["VOTA CON #", "###"]


def test_translated_elements_declare_the_target_language(tmp_path):
    """``lang="it"`` on a translated element (block, container, inline) names the target
    language in that output; an element kept in its own language keeps its ``lang``."""
    path = tmp_path / "lingue.html"
    path.write_text(
        '<html lang="it"><body><article><h1>Titolo della pagina</h1>'
        '<div lang="it"><p lang="it-IT">Il testo con una <span lang="it">parola</span>.</p>'
        '<blockquote lang="en"><p>Words kept as they are.</p></blockquote></div>'
        '<p xml:lang="it">Ancora testo del pezzo.</p></article></body></html>',
        encoding="utf-8",
    )
    article, _ = _translated(path)
    for lang in ("en", "fr"):
        out = render_html(article, lang)
        assert re.findall(r'([\w:]*lang)="([^"]*)"', out) == [
            ("lang", lang),  # div
            ("lang", lang),  # p it-IT
            ("lang", lang),  # span
            ("lang", "en"),  # the quotation kept in English
            ("xml:lang", lang),
        ]
        assert '<blockquote lang="en"><p>Words kept as they are.</p></blockquote>' in out
        assert f'<span lang="{lang}">' in render_markdown(article, lang)


def test_markdown_list_item_of_two_paragraphs_keeps_them_apart(tmp_path):
    """A loose item's second paragraph was written on the next line, so it continued the
    first (one paragraph on reading); item 10 needs four columns of indentation."""
    article = _translated_en(
        tmp_path / "elenco.html",
        "<html><body><article><h1>Il titolo del pezzo</h1><p>Un paragrafo di testo.</p>"
        '<ol start="9"><li><p>Nono punto.</p><p>Il suo seguito.</p></li>'
        "<li><p>Decimo punto.</p><p>Anche questo ha un seguito.</p></li></ol>"
        "<ul><li>Tight.<ul><li>Nested.</li></ul></li></ul><p>Fine del pezzo.</p>"
        "</article></body></html>",
    )
    markdown = render_markdown(article, "en")
    items = _commonmark_gfm(markdown).xpath("//ol/li")
    assert [[p.text for p in li.findall("p")] for li in items] == [
        ["NONO PUNTO.", "IL SUO SEGUITO."],
        ["DECIMO PUNTO.", "ANCHE QUESTO HA UN SEGUITO."],
    ]
    assert "- TIGHT.\n  - NESTED." in markdown  # a tight item with a sublist stays tight
    again = parse_markdown(markdown, "elenco", "en")

    def shape(a):
        return [(b.kind, len(b.meta.get("wrap") or [])) for b in a.blocks if b.kind != TITLE]

    assert shape(again) == shape(article)


def test_text_output_keeps_superscript_digits_superscript(tmp_path):
    """Plain text has no <sup>: "10<sup>6</sup>" written "106" is another number."""
    article = _translated_en(
        tmp_path / "potenze.html",
        "<html><body><article><h1>Potenze e note</h1><p>Vale 10<sup>6</sup> euro, misura "
        "20 m<sup>2</sup>, lo dice la fonte<sup>12</sup>, il 1<sup>o</sup> e H<sub>2</sub>O."
        "</p></article></body></html>",
    )
    text = render_text(article, "en")
    assert "10⁶ EURO" in text and "20 M²," in text and "FONTE¹²," in text
    assert "IL 1O E H2O." in text  # letters and subscripts as plain characters


def test_markdown_footnotes_and_task_boxes_are_kept_as_syntax_never_translated(tmp_path):
    """``[^1]`` and a list item's ``[ ]``/``[x]`` (GFM and most renderers) reached the model
    as text and came back escaped (``\\[^1\\]``), which breaks the footnote and the box."""
    article = _translated_en(
        tmp_path / "note.md",
        "# Il titolo\n\nLo dice la fonte[^1] e anche un'altra[^nota-due].\n\n"
        "- [ ] da fare\n- [x] fatto\n- scegli [x] o [y]\n\n"
        "[^1]: La prima nota.\n[^nota-due]: La seconda nota.\n",
    )
    sources = [s.source for s in article.text_segments()]
    assert not any("[^" in s or s.startswith("[") for s in sources), sources
    markdown = render_markdown(article, "en")
    for syntax in (
        "FONTE[^1] E",
        "ALTRA[^nota-due].",
        "- [ ] DA FARE",
        "- [x] FATTO",
        "[^1]: LA PRIMA NOTA.",
        "[^nota-due]: LA SECONDA NOTA.",
    ):
        assert syntax in markdown  # fmt: skip
    assert "SCEGLI \\[X\\] O \\[Y\\]" in markdown  # brackets inside a text stay text
    again = parse_markdown(markdown, "note", "en")
    assert [strip(b.text, b.meta.get("markup")) for b in again.blocks] == [
        strip(block_text(b, "en", "it"), b.meta.get("markup")) for b in article.blocks
    ]


def test_markdown_text_that_reads_as_an_entity_stays_text(tmp_path):
    """Text "&copy;" (a page writing "&amp;copy;") came out unescaped: Markdown shows "©"."""
    article = _translated_en(
        tmp_path / "entita.html",
        "<html><body><article><h1>Le entità</h1><p>Si scrive &amp;copy; o &amp;#169;, "
        "e AT&amp;T resta; un &amp;nbsp; doppio.</p></article></body></html>",
    )
    dom = _commonmark_gfm(render_markdown(article, "en"))
    assert dom.xpath("string(//p)") == "SI SCRIVE &COPY; O &#169;, E AT&T RESTA; UN &NBSP; DOPPIO."


def test_markdown_links_and_images_keep_any_url_and_title(tmp_path):
    """A URL with parentheses (Wikipedia's "Roma_(città)") or angle brackets, and a title
    with quotes, broke the Markdown link: it showed as literal "[text](..." text."""
    article = _translated_en(
        tmp_path / "link.html",
        '<html><body><article><h1>I link del pezzo</h1><p>Vedi <a href="https://it.'
        'wikipedia.org/wiki/Roma_(citt%C3%A0)">la voce</a>, <a href="https://x.org/a)b(">'
        'questo</a>, <a href="https://x.org/a<b>c">quello</a> e <a href="https://x.org/q" '
        'title="Un &quot;titolo&quot; \\ strano">altro</a> con <img src="https://x.org/'
        'i_(1).jpg" alt="foto [uno]" title="Il titolo">.</p></article></body></html>',
    )
    dom = _commonmark_gfm(render_markdown(article, "en"))
    links = [(a.get("href"), a.get("title"), a.text) for a in dom.iter("a")]
    assert links == [
        ("https://it.wikipedia.org/wiki/Roma_(citt%C3%A0)", None, "LA VOCE"),
        ("https://x.org/a)b(", None, "QUESTO"),
        ("https://x.org/a%3Cb%3Ec", None, "QUELLO"),  # CommonMark's percent-encoding of < >
        ("https://x.org/q", 'UN "TITOLO" \\ STRANO', "ALTRO"),
    ]
    image = dom.find(".//img")
    assert (image.get("src"), image.get("alt")) == ("https://x.org/i_(1).jpg", "FOTO [UNO]")
    assert image.get("title") == "IL TITOLO"  # an image's (translated) title is kept too
    assert "](" not in dom.text_content()


def test_markdown_inline_html_reaches_every_output(tmp_path):
    """Inline HTML in Markdown (``10<sup>6</sup>``, ``<abbr>``) was left out of every
    output ("106"); it is markup like the HTML reader's, made safe the same way."""
    article = _translated_en(
        tmp_path / "inline.md",
        '# Il titolo\n\nVale 10<sup>6</sup> euro per l\'<abbr title="Organizzazione">ONU'
        '</abbr>, <span lang="en" onclick="x()">word</span> e <!-- nota --> fine.\n',
    )
    html = render_html(article, "en")
    assert "10<sup>6</sup> EURO" in html
    assert '<span lang="en">word</span>' in html  # another language: kept, never MT
    assert '<abbr title="ORGANIZZAZIONE">ONU</abbr>' in html and "<!-- nota -->" in html
    assert "onclick" not in html
    markdown = render_markdown(article, "en")
    assert "10<sup>6</sup> EURO" in markdown
    assert "10⁶ EURO" in render_text(article, "en")
    again = parse_markdown(markdown, "inline", "en")  # reads back to the same markup
    para = next(b for b in again.blocks if "EURO" in b.text)
    assert [e["tag"] for e in para.meta["markup"].values()] == ["sup", "abbr", "span", None]


CLASSIC = (
    "Primo paragrafo del post classico.\n\n"
    '[caption id="attachment_12" width="300"]<img src="https://example.it/c.jpg" alt="Foto" /> '
    "Il sindaco in piazza[/caption]\n\n"
    'Secondo paragrafo con [gallery ids="1,2,3"] e un modulo [contact-form-7 id="5"].\n\n'
    "[embed]https://www.youtube.com/watch?v=abc[/embed]"
)


def test_classic_editor_post_keeps_paragraphs_and_shortcodes(tmp_path):
    """content.raw without blocks: paragraphs at blank lines; shortcodes never translated."""
    data = json.loads(POST.read_text(encoding="utf-8"))
    data["content"]["raw"] = CLASSIC
    article = _translated_en(tmp_path / "classico.json", json.dumps(data))
    sent = [s.source for s in article.text_segments()]
    assert not any("gallery" in s or "caption" in s or "embed]" in s for s in sent)
    assert "Primo paragrafo del post classico." in sent
    raw = json.loads(render_wordpress(article, "en"))["content"]
    assert raw.count("<p>") >= 4  # one per blank-line paragraph
    for code in (
        '[caption id="attachment_12" width="300"]',
        "[/caption]",
        '[gallery ids="1,2,3"]',
        '[contact-form-7 id="5"]',
        "[embed]",
        "[/embed]",
    ):
        assert code in raw  # fmt: skip
    assert "IL SINDACO IN PIAZZA" in raw


def test_an_escaped_shortcode_shows_as_the_shortcode_in_plain_text(tmp_path):
    """WordPress shows a shortcode escaped in double brackets as the literal shortcode
    (``[[gallery]]`` -> ``[gallery]``): ``ID.LANG.txt`` writes that (was: ``[]``, the inner
    pair read as a shortcode, shown as nothing), never sent to MT, and the post keeps the
    escape for WordPress."""
    data = json.loads(POST.read_text(encoding="utf-8"))
    data["content"]["raw"] = (
        "<p>Per una galleria si usa [[gallery]] nel testo.</p>"
        '<p>Oppure [[caption id="1"]] e [[/caption]] fine, e [[gallery ids="1,2"]].</p>'
    )
    article = _translated_en(tmp_path / "escaped.json", json.dumps(data))
    assert not any("gallery" in s.source for s in article.text_segments())
    text = render_text(article, "en")
    assert "SI USA [gallery] NEL TESTO." in text
    assert 'OPPURE [caption id="1"] E [/caption] FINE, E [gallery ids="1,2"].' in text
    raw = json.loads(render_wordpress(article, "en"))["content"]
    assert "[[gallery]]" in raw and '[[caption id="1"]]' in raw and "[[/caption]]" in raw


@pytest.mark.parametrize("blank", ["\n\n", "\r\n\r\n", "\n"])
def test_a_line_break_of_classic_editor_text_is_a_line_break(tmp_path, blank):
    """WordPress shows a single line break of classic-editor text as ``<br />`` (wpautop):
    an address or an interview's question and answer stay on their lines (was: joined
    into one line; with no blank line in the post, not even paragraphs were made)."""
    data = json.loads(POST.read_text(encoding="utf-8"))
    data["content"]["raw"] = (
        f"Via Roma 1\n16100 Genova{blank}D: Come sta il sindaco?\r\nR: Bene, grazie."
        '\n<a href="/x"\nclass="y">Il link</a> resta.'
    )
    article = _translated_en(tmp_path / "classico.json", json.dumps(data))
    html_out = render_html(article, "en")
    assert "VIA ROMA 1<br>16100 GENOVA" in html_out
    assert "D: COME STA IL SINDACO?<br>R: BENE, GRAZIE.<br>" in html_out
    # the post's relative link resolved against its own address, the post's ``link``
    assert '<a href="https://example.org/x" class="y">IL LINK</a> RESTA.' in html_out
    assert "VIA ROMA 1\\\n16100 GENOVA" in render_markdown(article, "en")
    raw = json.loads(render_wordpress(article, "en"))["content"]
    assert "VIA ROMA 1<br>16100 GENOVA" in raw


def test_a_line_break_next_to_a_block_tag_of_classic_text_is_no_line_break(tmp_path):
    """wpautop puts no ``<br />`` after a block tag or before one: a list written one item a
    line stays a list, without breaks between its items."""
    data = json.loads(POST.read_text(encoding="utf-8"))
    data["content"]["raw"] = "Intro del pezzo\n<ul>\n<li>Uno</li>\n<li>Due</li>\n</ul>\nFine."
    article = _translated_en(tmp_path / "lista.json", json.dumps(data))
    out = render_html(article, "en")
    assert "<ul><li>UNO</li><li>DUE</li></ul>" in out and "<br>" not in out
    assert "INTRO DEL PEZZO" in out and "FINE." in out


def test_markdown_html_block_with_text_is_translated_and_an_embed_stays_verbatim(tmp_path):
    embed = '<iframe src="https://www.youtube.com/embed/abc"></iframe>'
    article = _translated_en(
        tmp_path / "box.it.md",
        "# La riforma\n\nIl ministro ha presentato la riforma.\n\n"
        '<div class="box"><p>Blocco con <em>testo</em> italiano da tradurre.</p></div>\n\n'
        f"{embed}\n\nUltimo paragrafo della notizia.\n",
    )
    assert any("italiano da tradurre" in s.source for s in article.text_segments())
    md = render_markdown(article, "en")
    assert '<div class="box"><p>BLOCCO CON <em>TESTO</em> ITALIANO DA TRADURRE.</p></div>' in md
    assert embed in md and "italiano" not in md


def test_text_output_keeps_code_and_preformatted_text(tmp_path):
    article = _translated_en(
        tmp_path / "codice.it.md",
        "# Il comando\n\nPer provare si usa questo comando.\n\n"
        '```python\nprint("ciao")\n```\n\nFine della notizia di oggi.\n',
    )
    text = render_text(article, "en")
    assert 'print("ciao")' in text and "FINE DELLA NOTIZIA DI OGGI." in text


def test_an_element_marked_as_another_language_is_kept_as_it_is(tmp_path):
    quote = '<blockquote lang="en"><p>We will never give up, said the minister.</p></blockquote>'
    arabic = '<p dir="rtl" lang="ar">هذا نص عربي كامل في الفقرة.</p>'
    article = _translated_en(
        tmp_path / "lingue.it.html",
        "<html><head><title>T</title></head><body><article><h1>Il ministro parla</h1>"
        f"<p>Il ministro ha parlato ieri sera in televisione.</p>{quote}{arabic}"
        '<p lang="it-IT">Il discorso è durato un\'ora intera.</p></article></body></html>',
    )
    sent = " ".join(s.source for s in article.text_segments())
    assert "never give up" not in sent and "عربي" not in sent
    assert "Il discorso è durato" in sent  # it-IT is the article's language
    out = render_html(article, "en")
    assert quote in out and arabic in out


NO_MT_HTML = [  # (markup as a page gives it, the words a model must never get)
    ('<span translate="no">Palazzo Chigi</span>', "Palazzo Chigi"),
    ('<span class="brand notranslate">Corriere della Sera</span>', "Corriere della Sera"),
    ('<em lang="en">smart working</em>', "smart working"),
    ('<em xml:lang="en-GB">smart working</em>', "smart working"),  # XHTML 1.1
    ('<b translate="NO">Camera dei <i>Deputati</i></b>', "Deputati"),
]


@pytest.mark.parametrize(("suffix", "inline"), [(s, i) for s in ("html", "md") for i in NO_MT_HTML])
def test_words_the_page_marks_not_to_translate_are_kept_never_mt(tmp_path, suffix, inline):
    """HTML's ``translate="no"``, the ``notranslate`` class (Google's and the WordPress
    translation plugins' mark) and an inline ``lang`` of another language keep their words
    as they are, in a page and in Markdown's inline HTML (was: sent to MT, as only a
    block's ``lang`` was honoured)."""
    markup, words = inline
    para = f"Il presidente ha parlato con {markup} ieri sera."
    block = '<p translate="no">Testo del comunicato ufficiale.</p>'
    if suffix == "html":
        body = f"<h1>Il vertice</h1><p>{para}</p>{block}<p>Ultima frase della notizia.</p>"
        text = f"<html><head><title>T</title></head><body><article>{body}</article></body></html>"
    else:
        text = f"# Il vertice\n\n{para}\n\n{block}\n\nUltima frase della notizia.\n"
    article = _translated_en(tmp_path / f"vertice.it.{suffix}", text)
    sent = " ".join(s.source for s in article.text_segments())
    assert words not in strip(sent) and "comunicato" not in sent
    assert "IL PRESIDENTE HA PARLATO CON" in render_text(article, "en")
    for out in (render_text(article, "en"), render_markdown(article, "en")):
        assert words in out and "Testo del comunicato ufficiale." in out
    html_out = render_html(article, "en")
    assert words in html_out and block in html_out


@pytest.mark.parametrize(
    "code", ["<kbd>Invio</kbd>", "<samp>Errore grave</samp>", "<var>nome</var>"]
)
def test_inline_code_elements_in_markdown_are_kept_as_in_a_page(tmp_path, code):
    """``<kbd>Invio</kbd>`` in Markdown's inline HTML went to MT, while a page's ``<kbd>``
    (like ``<code>``) is kept as it is."""
    article = _translated_en(
        tmp_path / "tasto.it.md", f"# Il tasto\n\nPremi {code} per confermare la scelta.\n"
    )
    words = re.sub(r"<[^>]+>", "", code)
    assert words not in strip(" ".join(s.source for s in article.text_segments()))
    assert f"PREMI {code} PER CONFERMARE LA SCELTA." in render_html(article, "en")
    assert f"PREMI {words} PER CONFERMARE" in render_text(article, "en")


def test_the_attributes_of_an_element_marked_not_to_translate_are_kept_too(tmp_path):
    """``translate="no"`` covers the element's attributes (WHATWG HTML): its ``title`` went
    to MT as its own segment."""
    span = '<span translate="no" title="Sede del governo">Palazzo Chigi</span>'
    article = _translated_en(
        tmp_path / "titolo.it.html",
        f"<html><body><article><h1>Il vertice</h1><p>Il presidente a {span} ieri.</p>"
        "</article></body></html>",
    )
    assert "Sede del governo" not in {s.source for s in article.text_segments()}
    assert span in render_html(article, "en")


def test_words_marked_to_translate_or_in_the_articles_language_are_translated(tmp_path):
    article = _translated_en(
        tmp_path / "si.it.html",
        "<html><head><title>T</title></head><body><article><h1>Il vertice</h1>"
        '<p>Il <span translate="yes">presidente</span> e il <em lang="it">ministro</em> e '
        '<span class="notranslated-x">altri</span> hanno parlato.</p></article></body></html>',
    )
    out = render_text(article, "en")
    assert "IL PRESIDENTE E IL MINISTRO E ALTRI HANNO PARLATO." in out


BLOCKS_IN_INLINE = [  # (an inline element around blocks, as CMS themes write cards, its close)
    ('<a href="/scheda" class="card">', "</a>"),
    ('<span class="wrap">', "</span>"),
    ('<font face="Arial">', "</font>"),
    ("<b>", "</b>"),  # font-style elements, which libxml2 closed at the <h2>: an empty
    ('<i class="x">', "</i>"),  # <b></b> block, and the bold lost (browsers nest them)
    ("<small>", "</small>"),
]


@pytest.mark.parametrize(("opening", "closing"), BLOCKS_IN_INLINE)
def test_blocks_inside_an_inline_element_stay_blocks(tmp_path, opening, closing):
    """A heading and a paragraph inside a link or span (a card) were one text block: one
    segment for the model and words glued in the text output (``SCHEDATUTTI``)."""
    card = f"{opening}<h2>La scheda del voto</h2><p>Tutti i dettagli del voto in aula.</p>{closing}"
    article = _translated_en(
        tmp_path / "scheda.it.html",
        "<html><head><title>T</title></head><body><article><h1>Il consiglio approva</h1>"
        f"<p>Primo paragrafo della notizia di ieri.</p>{card}<p>Ultimo paragrafo.</p>"
        "</article></body></html>",
    )
    sources = [s.source for s in article.text_segments()]
    assert "La scheda del voto" in sources and "Tutti i dettagli del voto in aula." in sources
    text = render_text(article, "en")
    assert "\n\nLA SCHEDA DEL VOTO\n\nTUTTI I DETTAGLI DEL VOTO IN AULA.\n\n" in text
    out = render_html(article, "en")
    expected = f"{opening}<h2>LA SCHEDA DEL VOTO</h2><p>TUTTI I DETTAGLI DEL VOTO IN AULA.</p>"
    assert expected + closing in out
    markdown = render_markdown(article, "en")
    assert "## LA SCHEDA DEL VOTO\n\nTUTTI I DETTAGLI" in markdown
    if opening.startswith("<a"):  # the card's link stays in Markdown too, around its blocks
        link = _commonmark_gfm(markdown).find(".//a")
        assert link.get("href") == "/scheda" and link.find("h2").text == "LA SCHEDA DEL VOTO"
        assert "ULTIMO" not in link.text_content()


@pytest.mark.parametrize(
    ("name", "page"),
    [("a.html", "<p><b><p>Il sindaco ha chiuso la strada.</p></b></p>"),
     ("a.html", "<b><p>Il sindaco ha chiuso la strada.</p></b>"),
     ("a.html", "<b><p>Il sindaco ha chiuso la strada.</p>"),  # never closed
     ("a.html", "<p><b><div>Il sindaco ha chiuso la strada.</div></b></p>"),
     ("a.json", "<p><b><p>Il sindaco ha chiuso la strada.</p></b></p>"),
     ("a.md", "<b><p>Il sindaco ha chiuso la strada.</p></b>"),
     ("a.md", "**<p>Il sindaco ha chiuso la strada.</p>**")],
)  # fmt: skip
def test_a_bold_paragraph_in_invalid_nesting_stays_bold_and_one_paragraph(tmp_path, name, page):
    """``<b>`` around a whole ``<p>`` (invalid: browsers repair it into a bold paragraph), or
    a ``<p>`` inside a paragraph's inline HTML. Was: an empty ``<b></b>`` block beside the
    paragraph, the bold lost; or ``<p><b><p>…</p></b></p>`` written back, which a browser
    splits into empty paragraphs around the words."""
    text = "Primo paragrafo della notizia di ieri."
    outs = _en_outputs_of_body(tmp_path / name, "Il consiglio", f"<p>{text}</p>\n\n{page}", 3)
    for out in outs:
        assert "IL SINDACO HA CHIUSO LA STRADA." in out, out
        assert "<b></b>" not in out and "<p></p>" not in out and "<p><p>" not in out, out
    for out in [outs[0], *outs[2:]]:  # as a browser builds it: one paragraph, in bold
        doc = html5lib.parse(out, namespaceHTMLElements=False)
        assert all("".join(p.itertext()).strip() for p in doc.iter("p")), out
        para = next(p for p in doc.iter("p") if "SINDACO" in "".join(p.itertext()))
        bold = [e for e in doc.iter() if e.tag in ("b", "strong")]
        bold = [e for e in bold if "SINDACO" in "".join(e.itertext())]
        assert bold and (para in bold[0].iter() or bold[0] in para.iter()), out


def test_a_paragraph_tag_with_attributes_inside_markdown_text_is_a_span(tmp_path):
    """Its class is kept on a ``<span>``, the one element a paragraph's text may hold."""
    body = 'Testo <p class="lead">con la sua classe</p> e fine del paragrafo.'
    for out in _en_outputs_of_body(tmp_path / "p.md", "Il consiglio", body, 4):
        assert '<span class="lead">CON LA SUA CLASSE</span> E FINE' in out, out


@pytest.mark.parametrize("name", ["a.html", "a.json", "a.md"])
@pytest.mark.parametrize(
    "embed",
    ['<object data="voto.pdf" type="application/pdf" width="600"><p>Il PDF non si vede.</p>'
     "</object>",
     '<p>Il testo del voto <object data="voto.pdf" type="application/pdf">PDF</object> è qui.'
     "</p>"],
)  # fmt: skip
def test_an_object_embedding_a_document_is_kept_as_an_embed(tmp_path, name, embed):
    """``<object data="voto.pdf">`` is an embed, as ``<embed>`` and an iframe are: kept in
    the HTML, WordPress and Markdown outputs, its fallback text left out (and recorded).
    Was: left out with all it held, the document gone from every output without a trace."""
    intro = "<p>Il consiglio ha votato ieri sera il bilancio della città.</p>"
    for out in _en_outputs_of_body(tmp_path / name, "Il voto", f"{intro}\n\n{embed}", 5):
        assert '<object data="voto.pdf" type="application/pdf"' in out, out
        assert "PDF NON" not in out and "Il PDF" not in out, out


@pytest.mark.parametrize("name", ["a.html", "a.json", "a.md"])
def test_a_lazy_loaders_player_in_noscript_is_kept_as_the_embed(tmp_path, name):
    """WP Rocket's LazyLoad writes a placeholder ``div`` where a YouTube video goes and the
    real ``<iframe>`` in a ``<noscript>``, for browsers without scripts, which no output
    runs. Was: the video gone from every output without a word. A lazy iframe whose real
    source the reader restores is not kept a second time from its noscript copy."""
    intro = "<p>Il consiglio ha votato ieri sera il bilancio della città.</p>"
    video = (
        '<div class="rll-youtube-player" data-src="https://www.youtube.com/embed/abc123" '
        'data-id="abc123"></div><noscript><iframe width="560" '
        'src="https://www.youtube.com/embed/abc123" allowfullscreen></iframe></noscript>'
    )
    lazy = (
        '<iframe data-src="https://www.youtube.com/embed/xyz789" class="lazyload"></iframe>'
        '<noscript><iframe src="https://www.youtube.com/embed/xyz789"></iframe></noscript>'
    )
    body = f"{intro}\n\n{video}\n\n{lazy}\n\n<p>Il sindaco ha spiegato il voto.</p>"
    for out in _en_outputs_of_body(tmp_path / name, "Il voto", body, 6):
        assert out.count('<iframe width="560" src="https://www.youtube.com/embed/abc123"') == 1
        assert out.count('src="https://www.youtube.com/embed/xyz789"') == 1, out


def test_an_inline_element_around_words_or_an_icon_stays_inline(tmp_path):
    article = _translated_en(
        tmp_path / "icona.it.html",
        "<html><head><title>T</title></head><body><article><h1>Il consiglio approva</h1>"
        '<p>Leggi <a href="/x"><svg><path d="M0"/></svg> il testo del voto</a> di ieri.</p>'
        '<a href="/y">Un link con <b>parole</b> fuori da un paragrafo</a></article></body></html>',
    )
    body = [b for b in article.blocks if b.meta.get("part") is None]  # not <title> "T"
    assert [b.text for b in body if b.kind == "paragraph"] == [
        "Leggi <g1><x2/> il testo del voto</g1> di ieri.",
        "<g1>Un link con <g2>parole</g2> fuori da un paragrafo</g1>",
    ]


def test_text_attributes_of_blocks_containers_and_links_are_translated(tmp_path):
    """A ``title`` on a paragraph, heading cell or figure, an ``aria-label`` (what a
    screen reader says) and a header cell's ``abbr`` stayed Italian in every output:
    only ``title``/``alt`` of inline markup were translated."""
    from pipeline.interchange.workflow import load_document

    article = _translated_en(
        tmp_path / "attributi.it.html",
        "<html><head><title>T</title></head><body><article><h1>Il bilancio</h1>"
        '<p title="Nota del redattore" class="nota" data-x="Non tradurre">Il comune ha '
        "approvato il bilancio.</p>"
        '<section aria-label="Dettagli del bilancio" aria-labelledby="x1"><p>Le spese salgono.'
        '</p></section><p>Leggi <a href="/doc" aria-label="Scarica il documento">qui</a>.</p>'
        '<table><tr><th abbr="Quantità prevista" title="Quantità">Qtà</th></tr>'
        "<tr><td>10</td></tr></table>"
        '<figure title="Foto della seduta"><img src="/a.jpg" alt="Il consiglio riunito">'
        "<figcaption>La seduta.</figcaption></figure></article></body></html>",
    )
    sent = {s.source for s in article.text_segments()}
    for words in ("Nota del redattore", "Dettagli del bilancio", "Scarica il documento",
                  "Quantità prevista", "Quantità", "Foto della seduta"):  # fmt: skip
        assert words in sent
    assert not {"nota", "Non tradurre", "x1"} & sent
    out = render_html(article, "en")
    for attr in ('<p title="NOTA DEL REDATTORE" class="nota" data-x="Non tradurre">',
                 '<section aria-label="DETTAGLI DEL BILANCIO" aria-labelledby="x1">',
                 '<a href="/doc" aria-label="SCARICA IL DOCUMENTO">QUI</a>',
                 '<th abbr="QUANTITÀ PREVISTA" title="QUANTITÀ">QTÀ</th>',
                 '<figure title="FOTO DELLA SEDUTA">'):  # fmt: skip
        assert attr in out
    write_article(article, tmp_path / "o", {"json"})  # the references read back
    again = load_document(tmp_path / "o" / "attributi.json")
    assert render_html(again, "en") == out


def test_markdown_keeps_an_image_title_and_a_category_list(tmp_path):
    article = _translated_en(
        tmp_path / "foto.it.md",
        "---\ncategory: [politica, esteri]\n---\n\n# Il ponte\n\n"
        "Il nuovo ponte è stato aperto ieri.\n\n"
        '![Il ponte nuovo](https://example.it/p.jpg "Foto: Ansa")\n',
    )
    md = render_markdown(article, "en")
    assert '(https://example.it/p.jpg "FOTO: ANSA")' in md  # translated, as an inline one's
    again = parse_markdown(md, "foto", "it")
    assert again.meta["category"] == ["politica", "esteri"]


# A human target may hold line breaks the readers never give a text block: one stored from
# a TMX of another tool, or imported before import folded them. Each kind ends a line.
LINE_BREAKS = {
    "\n": "", "\r\n": "", "\r": "", "\x0b": "", "\x0c": "", "\x85": "", "\u2028": "",
    "\u2029": "", "\n \n\t": "", "\n\n# ": "# ", "\n- ": "- ",  # Markdown block syntax
}  # fmt: skip


@pytest.mark.parametrize("brk", list(LINE_BREAKS))
def test_a_line_break_inside_a_target_never_splits_its_paragraph(tmp_path, brk):
    from pipeline.document import Translation

    article = _translated_en(
        tmp_path / "righe.it.md",
        "# Il titolo\n\nPrima frase del paragrafo. Seconda frase.\n\nUltimo paragrafo.\n",
    )
    first = article.blocks[1].segments[0]
    first.translations["en"] = Translation(f"First line{brk}second line.", "human")
    one = f"First line {LINE_BREAKS[brk]}second line. SECONDA FRASE."
    assert one in render_text(article, "en").splitlines()
    again = parse_markdown(render_markdown(article, "en"), "righe", "en")
    assert [b.text for b in again.blocks if b.kind != TITLE] == [one, "ULTIMO PARAGRAFO."]
    assert f"<p>{one}</p>" in render_html(article, "en")


def test_text_that_looks_like_a_marker_is_kept_in_every_output(tmp_path):
    """``<g1>``/``<x2/>`` written in a plain-text article are no markup of ours: the HTML
    writer escaped them, but plain text dropped them (text lost)."""
    body = "Il segnaposto <g1>nome</g1> e il simbolo <x2/> restano nel testo."
    article = _translated_en(tmp_path / "segnaposto.txt", f"Titolo\n\n{body}\n")
    kept = "IL SEGNAPOSTO <g1>NOME</g1> E IL SIMBOLO <x2/> RESTANO NEL TESTO."
    assert kept in render_text(article, "en").splitlines()
    assert "&lt;g1&gt;NOME&lt;/g1&gt;" in render_html(article, "en")


STYLE_XSS = """<html><head><title>T</title></head><body><article>
<h1>Titolo della notizia con stili pericolosi</h1>
<p>Clicca <a href="https://example.it/a" style="background:url(javascript:alert(1))">qui</a>.</p>
<p>Una <span style="width: expression(alert(2))">parola</span> e
<b style="background:url(\\6a avascript:alert(3))">un'altra</b> e
<i style="x:u/**/rl(java/**/script:alert(4))">la terza</i> e
<em style="-moz-binding:url(https://x.example/xss.xml#x)">la quarta</em>.</p>
<p>Leggi anche: <a href="https://example.it/b" style="background:url(vbscript:msgbox(5))">Frana
sulla via Aurelia</a> e <a href="https://example.it/c">Ponte chiuso</a></p>
<p>Un testo <span style="color: red; font-weight: bold">rosso</span> della notizia.</p>
</article></body></html>"""


def test_a_style_that_loads_script_never_reaches_the_outputs(tmp_path):
    """A `style` with a script URL (plain, CSS-escaped or split by comments), expression()
    or -moz-binding was kept in the HTML, WordPress and document outputs, in translated
    markup and in a related box kept as it is; other styles stay."""
    article = _translated_en(tmp_path / "stili.it.html", STYLE_XSS)
    out = render_html(article, "en") + json.dumps(render_wordpress(article, "en"))
    out += json.dumps(article.to_dict())
    low = out.lower()
    assert "script:" not in low and "alert(" not in low and "msgbox" not in low
    assert "expression(" not in low and "binding" not in low
    assert "color: red; font-weight: bold" in out and "QUI" in out


@pytest.mark.parametrize("tag", ["pre", "PRE"])
def test_a_line_break_inside_preformatted_classic_text_stays_a_line_break(tmp_path, tag):
    """wpautop protects ``<pre>`` (and script, style, textarea): its line breaks, a blank
    line too, stay as they are, never ``<br />`` or a paragraph split (was: ``a = 1<br>b = 2``,
    the code cut in two at its blank line)."""
    data = json.loads(POST.read_text(encoding="utf-8"))
    code = "a = 1\nb = 2\n\n  c = 3"
    data["content"]["raw"] = (
        f"Il codice seguente:\n<{tag}>{code}</{tag}>\n"
        "<style>p {\n  color: red;\n}</style>\nFine del testo.\nSeconda riga."
    )
    article = _translated_en(tmp_path / "codice.json", json.dumps(data))
    raw = json.loads(render_wordpress(article, "en"))["content"]
    for out in (render_html(article, "en"), raw):
        assert f"{code}</{tag.lower()}>" in out, out
        assert "<br>b = 2" not in out and "<p>c = 3" not in out
        assert "FINE DEL TESTO.<br>SECONDA RIGA." in out and "<br>FINE" not in out
    assert not any("a = 1" in s.source or "color" in s.source for s in article.text_segments())


def test_a_card_link_around_blocks_reads_back_from_markdown_as_the_same_wrap(tmp_path):
    """``ID.LANG.md`` writes a theme's card as ``<a class="card" href>`` / ``</a>`` lines
    around its blocks; read back, they are the link around the same blocks again, its
    ``aria-label`` text for MT (was: two raw blocks, the link no longer around anything in
    the HTML output); an ``<a>`` line inside a list item stays as it is."""
    card = (
        '<a href="/scheda" class="card" aria-label="Apri la scheda">'
        "<h2>La scheda del voto</h2><p>Tutti i dettagli del voto in aula.</p></a>"
    )
    article = _translated_en(
        tmp_path / "scheda.it.html",
        "<html><head><title>T</title></head><body><article><h1>Il consiglio approva</h1>"
        f"<p>Primo paragrafo della notizia di ieri.</p>{card}<p>Ultimo paragrafo.</p>"
        "</article></body></html>",
    )
    markdown = render_markdown(article, "en")
    again = parse_markdown(markdown, "scheda", "en")
    assert not [b for b in again.blocks if b.kind == "raw"], markdown
    wraps = {b.text: [w[0] for w in b.meta.get("wrap", [])] for b in again.blocks}
    assert wraps["LA SCHEDA DEL VOTO"] == wraps["TUTTI I DETTAGLI DEL VOTO IN AULA."] == ["a"]
    assert wraps["ULTIMO PARAGRAFO."] == [] and "APRI LA SCHEDA" in wraps
    out = render_html(again, "en")
    link = lxml_html.fragment_fromstring(out, create_parent="div").find(".//a")
    assert link.get("href") == "/scheda" and link.get("class") == "card"
    assert link.find("h2").text == "LA SCHEDA DEL VOTO" and "ULTIMO" not in link.text_content()
    body = markdown.split("\n---\n", 1)[1]  # the front matter names the source language
    assert render_markdown(again, "en").split("\n---\n", 1)[1] == body
    listed = parse_markdown('# T\n\n- <a href="/x">\n\n  Voce.\n\n  </a>\n', "l", "en")
    assert [b.text for b in listed.blocks if b.kind == "raw"] == ['<a href="/x">', "</a>"]


def test_a_markdown_inputs_own_front_matter_is_kept_in_its_markdown_outputs(tmp_path):
    """A Hugo or Jekyll page's settings (``description``, ``image``, ``weight``, ``draft``,
    ``aliases``, a key of its own) were dropped from ``ID.LANG.md``: the page lost its
    featured image and meta description. Keys needing quotes stay keys."""
    import yaml

    article = _translated_en(
        tmp_path / "pagina.md",
        "---\ntitle: Titolo della notizia\ndescription: Descrizione breve\nimage: foto.jpg\n"
        'weight: 3\ndraft: false\naliases: [/a, /b]\ncustom_field: valore\n"a: b": uno\n'
        '"x\\ny": due\n---\n\nIl governo ha approvato la manovra ieri sera.\n',
    )
    front = yaml.safe_load(render_markdown(article, "en").split("---\n")[1])
    expected = {"description": "DESCRIZIONE BREVE", "image": "foto.jpg", "weight": 3}
    expected |= {"draft": False, "aliases": ["/a", "/b"], "custom_field": "valore"}
    assert {k: front[k] for k in expected} == expected
    assert front["a: b"] == "uno" and front["x\ny"] == "due"
    assert front["lang"] == "en" and not {"source_path", "format", "input_sha256"} & set(front)


def test_an_imported_post_edit_record_is_not_written_into_the_front_matter(tmp_path):
    """``mtpipe import`` records ``meta["post_edits"]`` on the article: it was copied into
    every ``ID.LANG.md`` of a Markdown input as if the page had that setting."""
    import yaml

    from pipeline.interchange.apply import Edit, apply_edits

    article = _translated_en(
        tmp_path / "pagina.md",
        "---\ntitle: Titolo della notizia\nweight: 3\n---\n\nIl governo ha approvato ieri.\n",
    )
    segment = next(s for s in article.text_segments() if "governo" in s.source)
    apply_edits(article, "en", [Edit(segment, "The government approved it.", "Ada", "2026-01-01")])
    assert "post_edits" in article.meta  # what import records: the record this test is about
    md = render_markdown(article, "en")
    front = yaml.safe_load(md.split("---\n")[1])
    assert "The government approved it." in md and front["weight"] == 3
    assert not {"post_edits", "source_path", "format", "input_sha256", "build_key"} & set(front)


def test_every_key_mtpipe_adds_to_an_articles_meta_is_kept_out_of_front_matter():
    """The kind behind ``post_edits`` leaking: a key mtpipe's code adds to ``article.meta``
    (a reader's, the runner's, import's) was missing from the Markdown writer's list of its
    own keys. Every such assignment in the code must name a key on that list."""
    from pipeline.writers.markdown import RUN_META

    added = set()
    assign = re.compile(r'\barticle\.meta(?:\[\s*"(\w+)"\s*\]\s*=[^=]|\.setdefault\(\s*"(\w+)")')
    for path in (Path(__file__).parents[1] / "pipeline").rglob("*.py"):
        for m in assign.finditer(path.read_text(encoding="utf-8")):
            added.add(m.group(1) or m.group(2))
    assert {"source_path", "input_sha256", "outputs", "post_edits"} <= added  # the scan works
    assert added <= RUN_META


def test_front_matter_values_json_has_no_type_for_are_written_not_a_traceback(tmp_path):
    """A date inside ``tags`` or a map, ``!!binary``, ``!!set``, a date as a key: the
    front matter writer's ``json.dumps`` raised TypeError and stopped the whole batch."""
    import yaml

    article = _translated_en(
        tmp_path / "pagina.md",
        "---\ntitle: Titolo\ntags: [2024-01-01, politica]\n"
        "author: {nome: Mario, nato: 1970-01-01}\nbin: !!binary aGVsbG8=\n"
        "s: !!set {a}\nk: {2024-01-01: uno}\n---\n\nIl governo ha approvato la manovra.\n",
    )
    front = yaml.safe_load(render_markdown(article, "en").split("---\n")[1])
    assert front["tags"] == ["2024-01-01", "politica"]
    assert front["author"] == {"nome": "Mario", "nato": "1970-01-01"}
    assert front["bin"] == "aGVsbG8=" and front["s"] == ["a"]
    assert front["k"] == {"2024-01-01": "uno"}


def test_front_matter_with_control_characters_is_yaml_that_reads_back(tmp_path):
    """Mojibake's C1 controls (``D\\u0092Amico``, ``â\\u0080\\u0099``), DEL and line
    separators pass through JSON raw, and a YAML stream may not hold them: the written
    ``ID.LANG.md`` then failed to load, in PyYAML and in mtpipe's own reader."""
    import yaml

    article = _translated_en(
        tmp_path / "pagina.md",
        '---\ntitle: Titolo\nauthor: "Mario D\\u0092Amico"\nnote: "a\\u007fb\\u2028c\\u0085d"\n'
        "---\n\nIl governo ha approvato la manovra.\n",
    )
    text = render_markdown(article, "en")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["author"] == "Mario D\x92Amico" and front["note"] == "a\x7fb\u2028c\x85d"
    assert parse_markdown(text, "again", "en").meta["author"] == "Mario D\x92Amico"


@pytest.mark.parametrize(
    "name, text",
    [
        ("lead.txt", "Home\n\nPubblicato il 3 marzo 2024\n\nIl governo ha approvato la legge.\n"),
        ("crumb.txt", "Home\n\nIl ponte crollato a Genova\n\nIl sindaco ha parlato ieri.\n"),
        (
            "both.txt",
            "Home\n\nIl governo ha approvato la legge.\n\nIl sindaco ha parlato.\n\n"
            "Lascia un commento\n",
        ),
        (
            "lead.md",
            "---\ntitle: Il ponte\n---\n\nHome\n\n---\n\n# Il ponte\n\nIl sindaco parla.\n",
        ),
    ],
)
def test_leading_chrome_is_written_to_markdown_and_reads_back(tmp_path, name, text):
    """Chrome before the first body block (a breadcrumb, a dateline) was dropped from
    ``ID.LANG.md`` (written only once a body block was): it comes before a rule, in every
    language, and reads back as the same chrome blocks in the same place."""
    article = _translated_en(tmp_path / name, text)
    ui_src = [b.text for b in article.blocks if b.kind == UI]
    assert ui_src and article.blocks[0].kind == UI
    for lang in ("it", "en"):
        md = render_markdown(article, lang)
        plain = render_text(article, lang)
        for block in (b for b in article.blocks if b.kind == UI):
            shown = strip(block_text(block, lang, "it"))
            assert shown in md and shown in plain, (lang, shown)
        again = parse_markdown(md, article.id, lang)
        got = [(b.kind, strip(b.text, b.meta.get("markup"))) for b in again.blocks]
        want = [
            (b.kind, strip(block_text(b, lang, "it"), b.meta.get("markup"))) for b in article.blocks
        ]
        assert got == want, md


def test_front_matter_keys_yaml_reads_as_numbers_booleans_or_null_round_trip_as_written(
    tmp_path,
):
    """``1:``/``1.0:``, ``yes:``/``on:``, ``null:``/``~:`` were read by YAML 1.1 as one
    int, bool or null key each pair (the later value won, unsaid) and written ``True:``."""
    keys = ["1", "1.0", "yes", "on", "Off", "NO", "null", "~", "Y", "true", "2024-01-01", ".5"]
    front = "".join(f"{k}: valore {i}\n" for i, k in enumerate(keys))
    nested = "extra: {yes: 1, on: 2, 1: 3, 1.0: 4}\n"
    src = tmp_path / "chiavi.md"
    src.write_text(f"---\ntitle: Il ponte\n{front}{nested}---\n\nIl sindaco parla.\n", "utf-8")
    from pipeline.readers import read_article

    article = read_article(src)
    want = {k: f"valore {i}" for i, k in enumerate(keys)}
    assert {k: article.meta[k] for k in keys} == want
    assert article.meta["extra"] == {"yes": 1, "on": 2, "1": 3, "1.0": 4}
    for lang in ("it",):
        md = render_markdown(article, lang)
        assert "True:" not in md and "None:" not in md
        again = parse_markdown(md, "chiavi", "it")
        assert {k: again.meta[k] for k in keys} == want
        assert again.meta["extra"] == article.meta["extra"]
    import yaml  # another YAML 1.1 reader (PyYAML's own) reads the same keys

    head = render_markdown(article, "it").split("---\n")[1]
    assert {k: v for k, v in yaml.safe_load(head).items() if k in want} == want


def test_front_matter_text_fields_are_translated_and_other_keys_carried(tmp_path):
    """``description``, ``summary``, ``subtitle``, ``excerpt`` were carried untranslated
    (an ``excerpt`` dropped); they are article text: translated into each output's front
    matter, never in the body; ``image``, ``weight``, ``draft``, ``aliases`` and custom
    fields stay as the input gave them."""
    import yaml

    front = (
        "title: Il ponte\n"
        "description: Il crollo del ponte di Genova.\n"
        "summary: 'Un riassunto con {{x}} e <x1/> e ⟦1⟧.'\n"
        "subtitle: La città si ferma\n"
        "excerpt: Un estratto breve.\n"
        "image: /img/ponte.jpg\nweight: 3\ndraft: false\naliases: [/vecchio]\n"
        "custom: testo libero\ntags: [cronaca]\n"
    )
    article = _translated_en(
        tmp_path / "campi.md", f"---\n{front}---\n\n# Il ponte\n\nIl sindaco parla.\n"
    )
    md = render_markdown(article, "en")
    got = yaml.safe_load(md.split("---\n")[1])
    assert got["description"] == "IL CROLLO DEL PONTE DI GENOVA."
    assert got["subtitle"] == "LA CITTÀ SI FERMA" and got["excerpt"] == "UN ESTRATTO BREVE."
    assert got["summary"] == "UN RIASSUNTO CON {{X}} E <x1/> E ⟦1⟧."  # look-alikes kept
    assert got["image"] == "/img/ponte.jpg" and got["weight"] == 3 and got["draft"] is False
    assert got["aliases"] == ["/vecchio"] and got["custom"] == "testo libero"
    html = render_html(article, "en")
    head, fragment_body = html[: html.index("<h1>")], html[html.index("<h1>") :]
    for body in (md.split("---\n", 2)[2], render_text(article, "en"), fragment_body):
        assert "GENOVA" not in body and "ESTRATTO" not in body  # not body text
    # the description is the page's SEO description: at the fragment's top, as an HTML page's
    assert head.endswith('<meta name="description" content="IL CROLLO DEL PONTE DI GENOVA.">\n')
    again = parse_markdown(md, "campi", "en")  # reads back to the same blocks
    assert [(b.kind, strip(b.text, b.meta.get("markup"))) for b in again.blocks] == [
        (b.kind, strip(block_text(b, "en", "it"), b.meta.get("markup"))) for b in article.blocks
    ]
    it = yaml.safe_load(render_markdown(article, "it").split("---\n")[1])
    assert it["description"] == "Il crollo del ponte di Genova."


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("a.html", "<html><body><article><h1>Il titolo</h1><p>Sono 10&nbsp;000, ha detto "
         "M.&nbsp;Dupont, e 12&#8239;€.</p></article></body></html>"),
        ("a.md", "# Il titolo\n\nSono 10&nbsp;000, ha detto M.&nbsp;Dupont, e 12\u202f€.\n"),
        ("a.txt", "Il titolo\nSono 10\u00a0000, ha detto M.\u00a0Dupont, e 12\u202f€.\n"),
    ],
)  # fmt: skip
def test_no_break_spaces_survive_read_translate_and_write(tmp_path, fake_backend, name, page):
    """A model that copies its input gives every output the source's no-break spaces."""
    from pipeline.readers import read_article
    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles

    src = tmp_path / name
    src.write_text(page, encoding="utf-8")
    article = segment_article(read_article(src))
    translate_articles([article], {"en": fake_backend(lambda t: t)})
    write_article(article, tmp_path / "out", {"txt", "md", "html"})
    for suffix in ("txt", "md", "html"):
        written = (tmp_path / "out" / f"a.en.{suffix}").read_text(encoding="utf-8")
        assert "10\u00a0000" in written and "M.\u00a0Dupont" in written, suffix
        assert "12\u202f€" in written, suffix


def _h1s(md: str) -> list[str]:
    """The ATX level-1 headings of a Markdown file's body (front matter left out)."""
    body = md.split("---\n", 2)[2]
    return re.findall(r"^# (.*)$", body, re.M)


@pytest.mark.parametrize(
    ("page", "h1s"),
    [  # front matter: the title stays there only (Hugo and Jekyll render it)
        ("---\ntitle: Il ponte\n---\n\nIl sindaco parla.\n", []),
        ("+++\ntitle = \"Il ponte\"\n+++\n\nIl sindaco parla.\n", []),
        # a body heading of its own: that one H1, never the title as a second
        ("---\ntitle: Il ponte\n---\n\n# Il crollo\n\nIl sindaco parla.\n", ["IL CROLLO"]),
        # the source has the title as its heading too: kept where it stands
        ("---\ntitle: Il ponte\n---\n\n# Il ponte\n\nIl sindaco parla.\n", ["IL PONTE"]),
        # no front matter: the title heading as before
        ("# Il ponte\n\nIl sindaco parla.\n", ["IL PONTE"]),
    ],
)  # fmt: skip
def test_a_front_matter_title_is_not_written_again_as_an_h1(tmp_path, page, h1s):
    """The writer added an H1 from the front-matter title: Hugo/Jekyll showed the title
    twice, and a body ``#`` heading made two H1s."""
    import yaml

    article = _translated_en(tmp_path / "ponte.md", page)
    md = render_markdown(article, "en")
    assert yaml.safe_load(md.split("---\n")[1])["title"] == "IL PONTE"  # translated there
    assert _h1s(md) == h1s
    again = parse_markdown(md, "ponte", "en")  # reads back to the same blocks
    assert [b.kind for b in again.blocks] == [b.kind for b in article.blocks]
    assert _h1s(render_markdown(again, "en")) == h1s  # and writes back the same


@pytest.mark.parametrize(
    ("name", "page", "h1", "h2s"),
    [  # page text: its title line is the heading
        ("a.txt", "Il ponte crolla\nIl sindaco parla ai giornalisti.\n", "IL PONTE CROLLA", []),
        # an HTML page with its title's <h1> and a second body <h1>: that one goes down
        ("b.html", "<html><head><title>Il ponte</title></head><body><article><h1>Il ponte</h1>"
         "<p>Il sindaco parla ai giornalisti della città di Genova.</p><h1>Il crollo</h1>"
         "<p>Il ponte è crollato ieri sera sulla strada per il mare.</p><h2>Le cause</h2>"
         "<p>Le cause del crollo non sono ancora note.</p></article></body></html>",
         "IL PONTE", ["IL CROLLO"]),
        # a title from <title> over a body of <h1>s: the title is the heading, they go down
        ("c.html", "<html><head><title>Notizie del giorno sul ponte</title></head><body>"
         "<article><h1>La giornata</h1><p>Il sindaco parla ai giornalisti della città di "
         "Genova.</p><h1>Il crollo</h1><p>Il ponte è crollato ieri sera sulla strada per il "
         "mare.</p></article></body></html>",
         "LA GIORNATA", ["IL CROLLO"]),
    ],
)  # fmt: skip
def test_a_non_markdown_inputs_md_has_one_h1_as_its_html_has(tmp_path, name, page, h1, h2s):
    """An HTML page with its title's ``<h1>`` and a second body ``<h1>`` gave ``ID.LANG.md``
    two ``#`` headings while ``ID.LANG.html`` had one H1: both now follow the one rule
    (writers.common.under_title), the title the H1 and a body H1 one level down."""
    article = _translated_en(tmp_path / name, page)
    md, html = render_markdown(article, "en"), render_html(article, "en")
    html_h1s = [t for tag, t in _html_headings(html) if tag == "h1"]
    html_h2s = [t for tag, t in _html_headings(html) if tag == "h2"]
    assert len(html_h1s) == 1 and _h1s(md) == html_h1s
    assert re.findall(r"^## (.*)$", md, re.M) == html_h2s
    assert html_h1s == [h1] and html_h2s == h2s
    if name == "b.html":  # the heading under the body H1 went down with it
        assert re.findall(r"^### (.*)$", md, re.M) == ["LE CAUSE"]


def test_a_lone_markdown_image_has_its_alt_once_and_its_title_translated(tmp_path):
    """``![alt](src "title")`` alone in a paragraph: its title stayed Italian in every
    output (the alt was translated); an ``alt`` left in the image's attributes (an older or
    edited document) was written a second time in the HTML."""
    article = _translated_en(
        tmp_path / "foto.md",
        '# Il ponte\n\nIl sindaco parla.\n\n![Il ponte crollato](/p.jpg "Foto del ponte")\n',
    )
    html = render_html(article, "en")
    assert '<img src="/p.jpg" alt="IL PONTE CROLLATO" title="FOTO DEL PONTE">' in html
    md = render_markdown(article, "en")
    assert '![IL PONTE CROLLATO](/p.jpg "FOTO DEL PONTE")' in md
    assert 'title="Foto del ponte"' in render_html(article, "it")  # the source keeps its own
    image = next(b for b in article.blocks if "image" in b.meta)
    image.meta["image"]["alt"] = "Il ponte crollato"
    assert render_html(article, "en").count(" alt=") == 1


def test_an_image_without_a_title_gets_none(tmp_path):
    article = _translated_en(tmp_path / "foto.md", "# Il ponte\n\n![Il ponte](/p.jpg)\n")
    assert '<img src="/p.jpg" alt="IL PONTE"></p>' in render_html(article, "en")
    assert "![IL PONTE](/p.jpg)" in render_markdown(article, "en")


def test_void_elements_get_no_end_tag(tmp_path):
    """``<source>`` in a ``<picture>`` (and ``<track>``, ``<wbr>``) were written with an end
    tag, ``</source>``, which HTML has not; elements with content keep theirs."""
    page = (
        "<html><body><article><h1>Il ponte crollato</h1><p>Il sindaco parla ai giornalisti "
        "della città di Genova da stasera.</p><figure><picture><source srcset='/p.webp' "
        "type='image/webp'><img src='/p.jpg' alt='Il ponte'></picture></figure><p>Con "
        "<picture><source srcset='/q.webp'><img src='/q.jpg' alt='icona'></picture> e "
        "<video src='/v.mp4'><track src='/v.vtt'></video> in linea, le scuole chiudono.</p>"
        "</article></body></html>"
    )
    html = render_html(_translated_en(tmp_path / "foto.html", page), "en")
    assert "<source srcset=" in html and "<track src=" in html
    assert "</source>" not in html and "</track>" not in html
    assert "</picture>" in html and "</figure>" in html


@pytest.mark.parametrize(
    ("name", "page"),
    [
        ("a.txt", "Allerta rossa in Liguria\nLa Protezione civile ha diramato l'allerta rossa.\n"
         "Leggi anche: Frana sulla via Aurelia\n"
         "Le scuole resteranno chiuse, ha detto il sindaco.\n"),
        ("a.md", "# Allerta rossa in Liguria\n\nLa Protezione civile ha diramato l'allerta rossa."
         "\n\nLeggi anche: [Frana sulla via Aurelia](/a)\n\n"
         "Le scuole resteranno chiuse, ha detto il sindaco.\n"),
    ],
)  # fmt: skip
def test_chrome_among_the_text_stays_in_its_place_in_markdown(tmp_path, name, page):
    """A "Leggi anche:" line in the middle of a page-text article was written after the
    body's closing rule in ``ID.LANG.md``, as if the page had it at its end."""
    article = _translated_en(tmp_path / name, page)
    body = render_markdown(article, "en").split("---\n", 2)[2]
    at = body.index("Leggi anche:")
    assert body.index("DIRAMATO") < at < body.index("SINDACO")
    assert "\n---\n" not in body  # no footer: nothing trails the body
    again = parse_markdown(render_markdown(article, "en"), "a", "en")
    chrome = [b for b in again.blocks if b.meta.get("uncatalogued")]
    assert [b.id for b in chrome] == [again.blocks[2].id]  # read back as chrome, in place


def test_chrome_after_the_text_stays_below_the_rule(tmp_path):
    """Chrome at the page's end is the footer, as before: under a rule after the body."""
    page = (
        "Allerta rossa in Liguria\nLa Protezione civile ha diramato l'allerta rossa.\n"
        "Le scuole resteranno chiuse, ha detto il sindaco.\nLascia un commento\n"
    )
    body = render_markdown(_translated_en(tmp_path / "a.txt", page), "en").split("---\n", 2)[2]
    assert body.index("SINDACO") < body.index("\n---\n") < body.index("Leave a Reply")


def _html_headings(fragment: str) -> list[tuple[str, str]]:
    return re.findall(r"<(h[1-6])\b[^>]*>(.*?)</\1>", fragment)


@pytest.mark.parametrize(
    ("name", "page", "headings"),
    [  # a front-matter title over a body # heading: the title is the h1, the body one level down
        ("a.md", "---\ntitle: Il ponte\n---\n\n# Il crollo\n\nIl sindaco parla.\n\n"
         "## Le reazioni\n\nTesto.\n",
         [("h1", "IL PONTE"), ("h2", "IL CROLLO"), ("h3", "LE REAZIONI")]),
        # a page with a second <h1> after its title's
        ("b.html", "<html><head><title>Il ponte</title></head><body><article><h1>Il ponte</h1>"
         "<p>Il sindaco parla ai giornalisti della città di Genova.</p><h1>Il crollo</h1>"
         "<p>Il ponte è crollato ieri sera sulla strada per il mare.</p></article></body></html>",
         [("h1", "IL PONTE"), ("h2", "IL CROLLO")]),
        # must not fire: no body H1, the headings stay as written
        ("c.md", "---\ntitle: Il ponte\n---\n\nIl sindaco parla.\n\n## Le reazioni\n\nTesto.\n",
         [("h1", "IL PONTE"), ("h2", "LE REAZIONI")]),
        ("d.md", "# Il ponte\n\nIl sindaco parla.\n\n## Le reazioni\n\nTesto.\n",
         [("h1", "IL PONTE"), ("h2", "LE REAZIONI")]),
    ],
)  # fmt: skip
def test_the_html_output_has_one_h1_the_title(tmp_path, name, page, headings):
    """A Markdown input's front-matter title over a body ``# heading`` gave ``ID.LANG.html``
    two ``<h1>``: the title is the page's H1 and the body's headings go one level down."""
    from pipeline.bundle.render import article_body

    article = _translated_en(tmp_path / name, page)
    assert _html_headings(render_html(article, "en")) == headings
    body = _html_headings(str(article_body(article, "en")))  # the bundle page's h1: the title
    assert body == headings[1:]


_SITE_SYNTAX_CASES = [
    '{{< figure src="/img/ponte.jpg" caption="Il ponte" >}}',
    '{{< ref "altro.md" >}}',
    '{{<ref "x.md">}}',
    "{{% notice info %}}",
    "{#la-sezione}",
    "{.lead}",
]


@pytest.mark.parametrize("syntax", _SITE_SYNTAX_CASES)
def test_site_generator_syntax_in_markdown_is_kept_never_mt(tmp_path, syntax):
    """Hugo shortcodes and attribute lists are text to CommonMark: they went to MT, a model
    rewrote them, and the translated site no longer built."""
    article = _translated_en(
        tmp_path / "hugo.it.md",
        f"# Il ponte {syntax}\n\nIl sindaco {syntax} ha parlato ieri in aula.\n\n{syntax}\n",
    )
    assert syntax not in " ".join(s.source for s in article.text_segments())
    written = render_markdown(article, "en")
    syntax = syntax.replace('caption="Il ponte"', 'caption="IL PONTE"')  # its text translated
    assert f"IL SINDACO {syntax} HA PARLATO IERI IN AULA." in written
    assert f"# IL PONTE {syntax}\n" in written and f"\n{syntax}\n" in written


def test_a_block_attribute_list_keeps_its_own_line(tmp_path):
    article = _translated_en(
        tmp_path / "lead.it.md", "# Il ponte\n\nIl sindaco ha parlato ieri.\n{: .lead}\n"
    )
    assert "IL SINDACO HA PARLATO IERI.\n{: .lead}\n" in render_markdown(article, "en")


@pytest.mark.parametrize(
    "text", ["Il prezzo è {10} euro.", "La formula {x} resta.", "Un {: sorriso e {# nota"]
)
def test_braces_in_article_text_are_still_translated(tmp_path, text):
    article = _translated_en(tmp_path / "graffe.it.md", f"# Il ponte\n\n{text}\n")
    assert text in " ".join(s.source for s in article.text_segments())
    assert text.upper() in render_markdown(article, "en")


def test_footnote_definitions_keep_their_lines_and_colons(tmp_path):
    """CommonMark reads GFM/Hugo footnote definitions as one paragraph: they were written
    as one line (the second no longer a definition) and each colon went to MT."""
    article = _translated_en(
        tmp_path / "note.it.md",
        "# Le note\n\nIl testo con due note[^a][^lunga] nel mezzo.\n\n"
        "[^a]: Prima nota breve.\n[^lunga]: Seconda nota più lunga.\n",
    )
    sources = [s.source for s in article.text_segments()]
    assert not any(":" in strip(s) for s in sources)
    written = render_markdown(article, "en")
    assert "\n\n[^a]: PRIMA NOTA BREVE.\n[^lunga]: SECONDA NOTA PIÙ LUNGA.\n" in written
    assert "IL TESTO CON DUE NOTE[^a][^lunga] NEL MEZZO." in written


def test_a_footnote_label_inside_a_line_is_no_definition(tmp_path):
    article = _translated_en(
        tmp_path / "nota.it.md", "# La nota\n\nVedi la nota [^1]: come detto ieri.\n"
    )
    assert any("come detto ieri" in strip(s.source) and ":" in s.source
               for s in article.text_segments())  # fmt: skip
    assert "VEDI LA NOTA [^1]: COME DETTO IERI." in render_markdown(article, "en")


def _wp_post(path: Path, title: str, content: str) -> Path:
    """A REST API post (``/wp-json/wp/v2/posts/N``) whose content is ``content``."""
    post = {"id": 7, "slug": "ponte", "title": {"rendered": title}, "content": {"raw": content}}
    path.write_text(json.dumps(post, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "content",
    [  # a classic-editor body with its own H1, and a Gutenberg heading block of level 1
        "<h1>Il crollo</h1><p>Il ponte è crollato ieri sera.</p><h2>I soccorsi</h2>"
        "<p>Sono arrivati subito.</p>",
        '<!-- wp:heading {"level":1} --><h1 class="wp-block-heading">Il crollo</h1>'
        "<!-- /wp:heading --><!-- wp:paragraph --><p>Il ponte è crollato ieri sera.</p>"
        '<!-- /wp:paragraph --><!-- wp:heading --><h2 class="wp-block-heading">I soccorsi'
        "</h2><!-- /wp:heading --><p>Sono arrivati subito.</p>",
    ],
)
def test_a_wordpress_post_body_holds_no_h1_beside_its_title(tmp_path, content):
    """The post's ``title`` is the page's H1 (the theme shows it): a body ``<h1>`` was
    written as a second one in ``ID.LANG.wp.json``; the body's headings go one level
    down, as in ``ID.LANG.html``."""
    article, _ = _translated(_wp_post(tmp_path / "ponte.json", "Il ponte", content), langs=("en",))
    post = json.loads(render_wordpress(article, "en"))
    heads = [
        el.tag
        for el in lxml_html.fragment_fromstring(post["content"], "div").iter("h1", "h2", "h3")
    ]
    assert heads == ["h2", "h3"]
    assert "IL CROLLO</h2>" in post["content"] and "I SOCCORSI</h3>" in post["content"]
    assert "<h1" not in post["content"] and post["title"] == "IL PONTE"
    html = render_html(article, "en")  # the HTML fragment: the same outline under its title
    assert [el.tag for el in lxml_html.fragment_fromstring(html, "div").iter("h1", "h2", "h3")] == [
        "h1",
        "h2",
        "h3",
    ]


_HEAD_BODY = (
    "<body><article><h1>Il ponte crolla</h1><p>Il ponte sul fiume è crollato ieri sera, "
    "nessun ferito tra gli automobilisti.</p><p>Le indagini della procura sono iniziate "
    "questa mattina.</p></article></body></html>"
)


def _head_page(tmp_path, head: str):
    path = tmp_path / "ponte.html"
    path.write_text(f"<html lang='it'><head>{head}</head>{_HEAD_BODY}", encoding="utf-8")
    return _translated(path, langs=("en",))


def test_a_seo_title_and_description_are_translated_into_the_outputs_head(tmp_path):
    """A ``<title>`` and meta descriptions that differ from the ``<h1>`` are what a search
    result or a share shows: they were neither translated nor recorded. They are text
    blocks of the document, translated, written in the fragment's ``<title>``/``<meta>``
    and the Markdown front matter; the site's name after the title never goes to MT."""
    article, fakes = _head_page(
        tmp_path,
        "<title>Crollo a Genova, le ultime notizie | Il Giornale</title>"
        '<meta name="description" content="Nessun ferito, indaga la procura.">'
        '<meta property="og:description" content="Il crollo del ponte in un video.">',
    )
    html = render_html(article, "en")
    assert html.startswith(
        "<title>CROLLO A GENOVA, LE ULTIME NOTIZIE | Il Giornale</title>\n"
        '<meta name="description" content="NESSUN FERITO, INDAGA LA PROCURA.">\n'
        '<meta property="og:description" content="IL CROLLO DEL PONTE IN UN VIDEO.">\n<h1>'
    )
    assert [t for t, _ in _fragment_tags(html)] == ["title", "meta", "meta", "h1", "p", "p"]
    assert not any("Il Giornale" in text for text in fakes["en"].seen)
    heads = {b.meta["key"]: b for b in article.blocks if b.meta.get("head")}
    assert heads.keys() == {"seo_title", "description", "og_description"}
    assert heads["description"].target_text("en") == "NESSUN FERITO, INDAGA LA PROCURA."
    import yaml

    front = yaml.safe_load(render_markdown(article, "en").split("---\n")[1])
    assert front["seo_title"] == "CROLLO A GENOVA, LE ULTIME NOTIZIE | Il Giornale"
    assert front["description"] == "NESSUN FERITO, INDAGA LA PROCURA."
    assert front["title"] == "IL PONTE CROLLA"
    assert "Il Giornale" not in render_text(article, "en")  # in no body


@pytest.mark.parametrize(
    "body",
    [
        "<body><title>Crollo a Genova, le ultime notizie</title>",
        "<body><div class='x'><title>Crollo a Genova, le ultime notizie</title></div>",
    ],
    ids=["first-in-body", "in-a-div"],
)
def test_a_title_in_the_body_is_the_seo_title_when_the_head_has_none(tmp_path, body):
    """Browsers show the first ``<title>`` in tree order as the page's title; one in
    ``<body>`` (a CMS template that writes it late) was dropped without a note."""
    path = tmp_path / "ponte.html"
    page = _HEAD_BODY.replace("<body>", body, 1)
    path.write_text(f"<html lang='it'><head><meta charset='utf-8'></head>{page}", "utf-8")
    article, _ = _translated(path, langs=("en",))
    heads = {b.meta["key"]: b.text for b in article.blocks if b.meta.get("head")}
    assert heads == {"seo_title": "Crollo a Genova, le ultime notizie"}
    assert render_html(article, "en").startswith(
        "<title>CROLLO A GENOVA, LE ULTIME NOTIZIE</title>\n<h1>"
    )


def test_a_drawings_title_or_a_later_one_is_no_seo_title(tmp_path):
    """The other side: an SVG's ``<title>`` names the drawing, not the page; the head's
    ``<title>`` wins over one in the body."""
    path = tmp_path / "ponte.html"
    svg = "<body><svg><title>Icona della condivisione</title></svg>"
    path.write_text(f"<html lang='it'><head></head>{_HEAD_BODY.replace('<body>', svg)}", "utf-8")
    article, _ = _translated(path, langs=("en",))
    assert not [b for b in article.blocks if b.meta.get("head")]
    path.write_text(
        "<html lang='it'><head><title>Crollo a Genova</title></head>"
        + _HEAD_BODY.replace("<body>", "<body><title>Un altro titolo</title>"),
        "utf-8",
    )
    article, _ = _translated(path, langs=("en",))
    heads = {b.meta["key"]: b.text for b in article.blocks if b.meta.get("head")}
    assert heads == {"seo_title": "Crollo a Genova"}


@pytest.mark.parametrize(
    ("head", "expected"),
    [  # the headline with the site's name, whole or cut: no text of its own
        ("<title>Il ponte crolla | Il Giornale</title>", ""),
        ("<title>Il Giornale - Il ponte crolla</title>", ""),
        ("<title>Ponte crolla – Il Giornale</title>", ""),
        # the site's name alone, as the page states it
        ('<title>Il Giornale</title><meta property="og:site_name" content="Il Giornale">', ""),
        # one description for both fields: one block, both elements
        (
            '<meta name="description" content="Le ultime notizie.">'
            '<meta property="og:description" content="Le ultime notizie.">',
            '<meta name="description" content="LE ULTIME NOTIZIE.">\n'
            '<meta property="og:description" content="LE ULTIME NOTIZIE.">\n',
        ),
        # the page's stated site name after another title stays as written
        (
            "<title>Crollo a Genova: cosa sappiamo · Il Giornale</title><meta "
            'property="og:site_name" content="Il Giornale">',
            "<title>CROLLO A GENOVA: COSA SAPPIAMO · Il Giornale</title>\n",
        ),
        (  # before it too, when the page states it
            "<title>Il Giornale | Crollo a Genova: cosa sappiamo</title><meta "
            'property="og:site_name" content="Il Giornale">',
            "<title>Il Giornale | CROLLO A GENOVA: COSA SAPPIAMO</title>\n",
        ),
    ],
)
def test_head_fields_are_written_once_and_only_with_text_of_their_own(tmp_path, head, expected):
    article, _ = _head_page(tmp_path, head)
    html = render_html(article, "en")
    assert html[: html.index("<h1>")] == expected
    assert [b.kind for b in article.blocks].count(TITLE) == 1


@pytest.mark.parametrize(
    "article_html",
    [
        _HEAD_BODY,  # the headline among the text
        "<body><article><header><h1>Il ponte crolla</h1></header><div class='entry-content'>"
        "<p>Il ponte sul fiume è crollato ieri sera, nessun ferito tra gli automobilisti.</p>"
        "<p>Le indagini della procura sono iniziate questa mattina.</p></div></article>"
        "</body></html>",  # in the article's header, beside the text's box
    ],
)
def test_an_og_title_other_than_the_headline_is_a_head_field_not_the_title(tmp_path, article_html):
    """An ``og:title`` written for shares was taken for the title: the fragment's H1 was
    that text and the page's own headline went down to an ``<h2>``. The headline is the
    title; the ``og:title`` is written, translated, in its ``<meta>``."""
    path = tmp_path / "ponte.html"
    path.write_text(
        "<html lang='it'><head><meta property='og:title' content='Genova, il video del "
        f"crollo'></head>{article_html}",
        encoding="utf-8",
    )
    article, _ = _translated(path, langs=("en",))
    html = render_html(article, "en")
    assert html.startswith('<meta property="og:title" content="GENOVA, IL VIDEO DEL CROLLO">\n')
    assert "<h1>IL PONTE CROLLA</h1>" in html and "<h2" not in html
    assert article.meta["title"] == "Il ponte crolla"


def _yoast_post(tmp_path: Path, yoast: dict[str, str] | None) -> Path:
    """A WordPress REST post (the bridge story) with Yoast SEO's ``yoast_head_json``
    (none when ``yoast`` is None)."""
    post: dict = {
        "id": 9,
        "title": {"rendered": "Il ponte crolla"},
        "content": {"rendered": "<p>Il ponte sul fiume &egrave; crollato ieri sera.</p>"},
    }
    if yoast is not None:
        post["yoast_head_json"] = yoast
    path = tmp_path / "ponte.json"
    path.write_text(json.dumps(post), encoding="utf-8")
    return path


def test_a_wordpress_posts_yoast_title_and_description_are_translated(tmp_path):
    """A post's SEO title and description (Yoast SEO's ``yoast_head_json`` in the REST
    API response) are the head fields of an HTML page: other than the post's title, they
    are translated and written in the fragment's ``<title>``/``<meta>``, the site's name
    kept as written; the headline's own forms make none."""
    path = _yoast_post(
        tmp_path,
        {
            "title": "Crollo a Genova, cosa sappiamo &#8211; Il Giornale",
            "description": "Nessun ferito, indaga la procura.",
            "og_title": "Il ponte crolla",
            "og_description": "Nessun ferito, indaga la procura.",
            "og_site_name": "Il Giornale",
        },
    )
    article, fakes = _translated(path, langs=("en",))
    assert render_html(article, "en").startswith(
        "<title>CROLLO A GENOVA, COSA SAPPIAMO – Il Giornale</title>\n"
        '<meta name="description" content="NESSUN FERITO, INDAGA LA PROCURA.">\n'
        '<meta property="og:description" content="NESSUN FERITO, INDAGA LA PROCURA.">\n<h1>'
    )
    assert not any("Giornale" in text for text in fakes["en"].seen)
    assert "NESSUN FERITO" not in json.loads(render_wordpress(article, "en"))["content"]


def test_a_wordpress_posts_seo_texts_go_translated_into_its_yoast_meta(tmp_path):
    """``ID.LANG.wp.json`` carried no SEO title or description: the translated post was
    published with none (Yoast fell back to its templates, in the source's words). They
    go under ``meta`` as Yoast's post meta keys; a post without them gets no ``meta``."""
    path = _yoast_post(
        tmp_path,
        {
            "title": "Crollo a Genova, cosa sappiamo &#8211; Il Giornale",
            "description": "Nessun ferito, indaga la procura.",
            "og_description": "Nessun ferito, indaga la procura.",
            "twitter_title": "Genova, il video del crollo",
            "og_site_name": "Il Giornale",
        },
    )
    article, _ = _translated(path, langs=("en",))
    assert json.loads(render_wordpress(article, "en"))["meta"] == {
        "_yoast_wpseo_title": "CROLLO A GENOVA, COSA SAPPIAMO – Il Giornale",
        "_yoast_wpseo_metadesc": "NESSUN FERITO, INDAGA LA PROCURA.",
        "_yoast_wpseo_opengraph-description": "NESSUN FERITO, INDAGA LA PROCURA.",
        "_yoast_wpseo_twitter-title": "GENOVA, IL VIDEO DEL CROLLO",
    }
    path = _yoast_post(tmp_path, None)
    bare, _ = _translated(path, langs=("en",))
    assert "meta" not in json.loads(render_wordpress(bare, "en"))


PLACEHOLDER_GIF = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7"
PLACEHOLDER_SVG = "data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%3E%3C/svg%3E"
LAZY_BODY = (
    "<p>Il ponte è crollato ieri mattina, nessun ferito secondo i vigili del fuoco.</p>"
    '<figure><img src="{ph}" data-src="https://x.it/ponte.jpg" '
    'data-srcset="https://x.it/ponte-2x.jpg 2x" class="lazyload" alt="Il ponte">'
    "<figcaption>Il ponte crollato ieri.</figcaption></figure>"
    '<p>La mappa <img data-lazy-src="https://x.it/mappa.png" alt="mappa"> della zona.</p>'
    '<p><iframe src="about:blank" data-src="https://www.youtube.com/embed/abc"></iframe></p>'
    '<picture><source data-srcset="https://x.it/p.webp" type="image/webp">'
    '<img src="{ph}" data-original="https://x.it/p.jpg" class="lazy" alt="Il fiume"></picture>'
)


@pytest.mark.parametrize(
    "placeholder", [PLACEHOLDER_GIF, PLACEHOLDER_SVG, "/wp-content/themes/t/img/blank.gif"]
)
@pytest.mark.parametrize("name", ["pagina.html", "post.json", "pagina.md"])
def test_a_lazy_loaded_image_shows_its_real_source_in_every_output(tmp_path, name, placeholder):
    """lazysizes, WP Rocket and jQuery Lazy Load keep an image's (or iframe's) source in
    ``data-src``/``data-lazy-src``/``data-original`` behind a placeholder until a script
    runs: written back as it was, no output (a CMS fragment, Markdown, the site) showed
    the picture, only the placeholder."""
    body = LAZY_BODY.format(ph=placeholder)
    outputs = _en_outputs_of_body(tmp_path / name, "Crolla", body, post_id=3)
    for out in outputs:
        for url in ("ponte.jpg", "mappa.png", "youtube.com/embed/abc", "p.webp", "p.jpg"):
            found = rf'\s(?:src|srcset)="https://[^"]*{re.escape(url)}|\]\(https://[^)]*{re.escape(url)}'
            assert re.search(found, out), (url, out)
        assert "data:image" not in out and "about:blank" not in out and "data-src" not in out
        assert "blank.gif" not in out
        assert 'srcset="https://x.it/ponte-2x.jpg 2x"' in out


def test_a_real_source_beside_a_lazy_attribute_is_kept_and_a_lazy_script_url_dropped(tmp_path):
    """The other direction: a theme's ``data-original`` (a larger original) beside a real
    ``src`` changes nothing, and a script URL where a lazy loader would load it is dropped
    as one in ``src`` is."""
    page = (
        "<html><body><article><h1>Crolla il ponte</h1><p>Il ponte è crollato ieri mattina."
        '</p><p><img src="https://x.it/small.jpg" data-original="https://x.it/big.jpg" '
        'alt="Il ponte"></p><p><iframe src="https://www.youtube.com/embed/ok" '
        'data-src="javascript:alert(1)"></iframe></p></article></body></html>'
    )
    out = render_html(_translated_en(tmp_path / "pagina.html", page), "en")
    assert 'src="https://x.it/small.jpg"' in out and 'data-original="https://x.it/big.jpg"' in out
    assert 'src="https://www.youtube.com/embed/ok"' in out and "javascript" not in out


BASE_PAGE = """<html><head><base href="{base}"><title>Frana</title></head><body><article>
<h1>Frana sulla via Aurelia</h1>
<p>Secondo la <a href="protezione/civile.html">protezione civile</a> il rischio resta alto,
come dice la <a href="#nota1">nota</a> e il <a href="//cdn.example.it/doc.pdf">documento</a>.</p>
<figure><picture><source srcset="img/a-800.webp 800w, img/a-400.webp 400w">
<img src="../img/frana.jpg" alt="La frana"></picture>
<figcaption>La frana di ieri.</figcaption></figure>
<p>Scrivete a <a href="mailto:redazione@example.it">la redazione</a> per segnalazioni.</p>
<p id="nota1">Nota: dati del comune di Genova.</p>
</article></body></html>"""


@pytest.mark.parametrize(
    ("base", "link", "image", "webp"),
    [("https://www.example.it/news/", "https://www.example.it/news/protezione/civile.html",
      "https://www.example.it/img/frana.jpg", "https://www.example.it/news/img/a-800.webp 800w"),
     ("/news/oggi/", "/news/oggi/protezione/civile.html", "/news/img/frana.jpg",
      "/news/oggi/img/a-800.webp 800w")],
)  # fmt: skip
def test_relative_urls_are_resolved_against_the_pages_base(tmp_path, base, link, image, webp):
    """A page's ``<base href>`` is in its head, which no output keeps: its relative links
    and images, written back as they were, pointed elsewhere (broken) in the CMS fragment,
    the Markdown and the site. A link to a place in the page and absolute URLs stay."""
    article = _translated_en(tmp_path / "pagina.html", BASE_PAGE.format(base=base))
    for out in (render_html(article, "en"), render_markdown(article, "en")):
        assert f'href="{link}"' in out or f"]({link})" in out, out
        assert (f'src="{image}"' in out or f"]({image})" in out) and webp in out, out
        assert "#nota1" in out and "https://www.example.it/news/#" not in out
        assert "//cdn.example.it/doc.pdf" in out and "mailto:redazione@example.it" in out


@pytest.mark.parametrize("base", ["javascript:alert(1)//", ""])
def test_a_base_that_is_no_web_address_changes_no_url(tmp_path, base):
    """The other direction: a ``javascript:`` base, or none, leaves relative URLs as written."""
    out = render_html(_translated_en(tmp_path / "p.html", BASE_PAGE.format(base=base)), "en")
    assert 'href="protezione/civile.html"' in out and 'src="../img/frana.jpg"' in out
    assert "javascript" not in out


OWN_URL_PAGE = """<html><head><title>Frana</title>{head}</head><body><article>
<h1>Frana sulla via Aurelia</h1>
<p>La frana è caduta nella notte, come <a href="/2024/05/x">raccontato ieri</a> dal sindaco.</p>
<figure><img src="img.jpg" alt="La strada chiusa"><figcaption>La strada chiusa.</figcaption>
</figure><p>I tecnici lavorano, <a href="../archivio/frane.html">come in passato</a>, e la
<a href="#nota">nota</a> lo dice.</p></article></body></html>"""
CANONICAL = '<link rel="Canonical" href="https://www.giornale.it/2024/05/frana/">'
OG_URL = '<meta property="og:url" content="https://www.giornale.it/2024/05/frana-og/">'


@pytest.mark.parametrize(
    ("head", "page_url"),
    [(CANONICAL + OG_URL, "https://www.giornale.it/2024/05/frana/"),  # canonical first
     (OG_URL, "https://www.giornale.it/2024/05/frana-og/"),
     ('<link rel="canonical" href="/2024/05/frana/">' + OG_URL,  # no address: og:url
      "https://www.giornale.it/2024/05/frana-og/"),
     ('<base href="foto/">' + CANONICAL, "https://www.giornale.it/2024/05/frana/foto/")],
)  # fmt: skip
def test_relative_urls_are_resolved_against_the_pages_own_address(tmp_path, head, page_url):
    """A saved page has lost its address, the base of its relative URLs; it states it in
    ``<link rel=canonical>`` or ``og:url``. Was: ``/2024/05/x`` and ``img.jpg`` written as
    they stood in every output, broken wherever the translation is published."""
    article = _translated_en(tmp_path / "pagina.html", OWN_URL_PAGE.format(head=head))
    for out in (render_html(article, "en"), render_markdown(article, "en")):
        archive = urljoin(page_url, "../archivio/frane.html")
        for url in ("https://www.giornale.it/2024/05/x", page_url + "img.jpg", archive):
            assert f'"{url}"' in out or f"]({url}" in out or f"({url})" in out, (url, out)
        assert '"#nota"' in out or "](#nota)" in out


@pytest.mark.parametrize(
    "head", ["", '<link rel="canonical" href="/2024/05/frana/">', '<meta property="og:url">']
)
def test_relative_urls_of_a_page_with_no_address_stay_exactly_as_written(tmp_path, head):
    """The other direction: no address is known, so none is invented."""
    article = _translated_en(tmp_path / "pagina.html", OWN_URL_PAGE.format(head=head))
    out = render_html(article, "en")
    assert 'href="/2024/05/x"' in out and 'src="img.jpg"' in out
    assert 'href="../archivio/frane.html"' in out and "giornale" not in out


WP_BLOCKS = (
    '<!-- wp:paragraph -->\n<p>La frana è caduta nella notte, come <a href="/2024/05/x">'
    "raccontato ieri</a> dal sindaco.</p>\n<!-- /wp:paragraph -->\n\n"
    '<!-- wp:cover {"url":"cover.jpg","id":9} -->\n<div class="wp-block-cover"><img '
    'class="wp-block-cover__image-background wp-image-9" alt="" src="cover.jpg"/><div '
    'class="wp-block-cover__inner-container"><!-- wp:paragraph -->\n<p>I tecnici sono al '
    "lavoro da questa mattina.</p>\n<!-- /wp:paragraph --></div></div>\n<!-- /wp:cover -->"
)


@pytest.mark.parametrize("field", ["raw", "rendered"])
@pytest.mark.parametrize("link", ["https://www.giornale.it/2024/05/frana/", None])
def test_a_wordpress_posts_relative_urls_are_resolved_against_its_link(tmp_path, field, link):
    """A post's ``link`` is its address: its relative links and images are resolved against
    it in every output, a block delimiter's ``url`` with its ``src`` (the editor rebuilds the
    block from it); a post without one keeps them exactly as written."""
    post = {"id": 7, "title": {"rendered": "Frana"}, "content": {field: WP_BLOCKS}}
    if link:
        post["link"] = link
    article = _translated_en(tmp_path / "post.json", json.dumps(post))
    outs = [render_html(article, "en"), render_markdown(article, "en")]
    outs.append(json.loads(render_wordpress(article, "en"))["content"])
    site = "https://www.giornale.it/2024/05/" if link else ""
    cover = f"{link}cover.jpg" if link else "cover.jpg"
    for out in outs:
        assert f'"{site or "/2024/05/"}x"' in out or f"]({site or '/2024/05/'}x)" in out, out
        assert f'src="{cover}"' in out, out
    if field == "raw":
        assert f'<!-- wp:cover {{"url":"{cover}","id":9}} -->' in outs[2]


def test_a_style_url_and_an_objects_data_are_resolved_too(tmp_path):
    """A box's background image and an embedded document point at the page's address."""
    page = OWN_URL_PAGE.format(head=CANONICAL).replace(
        "</article>",
        '<div style="background-image: url(img/bg.jpg); color: red"><p>Il riquadro del '
        'giorno.</p></div><object data="voto.pdf" type="application/pdf"></object></article>',
    )
    out = render_html(_translated_en(tmp_path / "p.html", page), "en")
    at = "https://www.giornale.it/2024/05/frana/"
    assert f"url({at}img/bg.jpg); color: red" in out and f'data="{at}voto.pdf"' in out


NUMBERED = [  # lists as a page gives them: Markdown would number each 1, 2, 3
    "<ol reversed><li>Genova, la superba</li><li>Torino, la sabauda</li><li>Roma</li></ol>",
    '<ol type="a"><li>prima voce della lista</li><li>seconda voce della lista</li></ol>',
    '<ol><li value="10">decima voce</li><li value="20">ventesima voce</li></ol>',
    "<ul><li>Nord<ol reversed><li>Genova</li><li>Torino</li></ol></li><li>Sud</li></ul>",
]


@pytest.mark.parametrize("name", ["classifica.html", "classifica.json"])
@pytest.mark.parametrize("listing", NUMBERED)
def test_a_list_numbered_otherwise_than_markdown_counts_stays_html_in_markdown(
    tmp_path, name, listing
):
    """CommonMark counts up from a list's first number: a countdown (``reversed``),
    letters (``type="a"``) or numbers of its own (``<li value>``) were written as 1, 2, 3
    in ``ID.LANG.md``, the ranking turned around without a word. Such a list is the HTML
    writer's, as a table GFM cannot hold is."""
    intro = "<p>Ecco la classifica delle città più belle secondo i lettori del giornale.</p>"
    body = f"{intro}{listing}<p>Le altre città seguono a distanza.</p>"
    post = {"id": 4, "title": {"rendered": "Classifica"}, "content": {"rendered": body}}
    page = f"<html><body><article><h1>Classifica</h1>{body}</article></body></html>"
    article = _translated_en(tmp_path / name, json.dumps(post) if name.endswith("json") else page)
    md = render_markdown(article, "en")
    html_list = re.search(r"<(?:ol|ul)\b.*</(?:ol|ul)>", render_html(article, "en"), re.S)
    assert html_list and html_list.group(0) in md, md
    assert not re.search(r"^\s*(?:\d+\.|-) ", md, re.M), md
    again = " ".join(b.text for b in parse_markdown(md, "classifica", "en").blocks)
    items = re.findall(r"<li[^>]*>([^<]+)", listing)
    assert items and all(item.upper() in again for item in items), again  # read back
    assert "ALTRE CITTÀ SEGUONO" in md and "ECCO LA CLASSIFICA" in md


def test_a_list_markdown_can_number_stays_a_markdown_list(tmp_path):
    """The other direction: ``<ol start="5">``, a plain ``<ol>`` and a ``<ul>`` stay lists."""
    body = (
        "<p>Ecco la classifica delle città più belle secondo i lettori del giornale.</p>"
        '<ol start="5"><li>Genova</li><li>Torino</li></ol><ol><li>Roma</li></ol>'
        "<ul><li>Napoli</li></ul>"
    )
    page = f"<html><body><article><h1>Classifica</h1>{body}</article></body></html>"
    md = render_markdown(_translated_en(tmp_path / "c.html", page), "en")
    assert "5. GENOVA\n6. TORINO" in md and "1. ROMA" in md and "- NAPOLI" in md
    assert "<ol" not in md and "<ul" not in md


SVG_ANIMATIONS = [
    '<animate attributeName="href" to="javascript:alert(1)"/>',
    '<animate attributeName="href" values="#a;JaVa&#x09;Script:alert(2)"/>',
    '<set attributeName="xlink:href" to="vbscript:msgbox(3)"/>',
    '<set attributeName="onmouseover" to="alert(4)"/>',
]


@pytest.mark.parametrize("name", ["svg.html", "svg.json", "svg.md"])
@pytest.mark.parametrize("animation", SVG_ANIMATIONS)
def test_an_svg_animation_that_would_run_script_never_reaches_the_outputs(
    tmp_path, name, animation
):
    """An SVG ``<animate>``/``<set>`` puts its ``to``/``values`` into the attribute it
    names: a link's ``href`` became ``javascript:…`` (or a handler was set) in every output
    that keeps the SVG, though no attribute of the page held a script URL. So is a
    ``srcset`` candidate. A plain animation (``opacity``) is kept."""
    svg = (
        f'<svg width="20" height="20"><a href="#ok">{animation}<text>clic</text></a>'
        '<animate attributeName="opacity" values="0;1;0" dur="1s"/></svg>'
    )
    body = (
        "<p>Il grafico qui sotto mostra i dati del comune di Genova.</p>"
        f"<p>{svg}</p>"
        '<p>Foto <img src="https://x.it/a.jpg" srcset="javascript:alert(5) 1x, /b.jpg 2x">'
        " fine.</p>"
    )
    outputs = _en_outputs_of_body(tmp_path / name, "Il grafico", body, post_id=6)
    for out in outputs:
        low = out.lower()
        assert "script:" not in low and "msgbox" not in low, out
        assert '="onmouseover"' not in low  # a <set> left with no attribute to set is inert
        assert 'values="0;1;0"' in out and "<svg" in out


@pytest.mark.parametrize(
    "anchor", ['<a href="javascript:alert(1)">qui</a>', "<a>qui</a>", '<a class="x">qui</a>']
)
def test_an_anchor_without_href_is_no_link_in_markdown(tmp_path, anchor):
    """A link whose script URL was dropped, or an ``<a>`` that never had one, shows as
    text in a page; ``ID.LANG.md`` wrote ``[QUI]()``, a link to the page itself. It is
    written as HTML, as in ``ID.LANG.html``; an empty ``href`` of the source stays a link."""
    page = (
        "<html><body><article><h1>Il titolo</h1><p>Il sindaco ha parlato ieri sera a lungo.</p>"
        f'<p>Clicca {anchor} o <a href="">qua</a> per leggere tutto.</p></article></body></html>'
    )
    md = render_markdown(_translated_en(tmp_path / "a.html", page), "en")
    assert "[QUI]" not in md and re.search(r"<a\b[^>]*>QUI</a>", md), md
    assert "[QUA]()" in md and "javascript" not in md


SELF_LINKS = {  # a link whose text is its own address, as each format writes it
    "md": "Scrivete a <mailto:redazione@x.it> o visitate <https://www.x.it/chi> oggi.",
    "html": 'Scrivete a <a href="mailto:redazione@x.it">mailto:redazione@x.it</a> o '
    'visitate <a href="https://www.x.it/chi/">https://www.x.it/chi</a> oggi.',
    "json": 'Scrivete a <a href="mailto:redazione@x.it">redazione@x.it</a> o visitate '
    '<a href="https://www.x.it/chi">https://www.x.it/chi</a> oggi.',
}


@pytest.mark.parametrize("fmt", sorted(SELF_LINKS))
def test_a_link_showing_its_own_address_keeps_it_never_mt(tmp_path, fmt):
    """A Markdown autolink and a link whose text is its address: the model got
    ``mailto:`` and the URL as words (the fake upper-cases them: ``MAILTO:``,
    ``HTTPS://WWW.X.IT/CHI``), and a link could show another address than it opens. The
    address is kept as a literal; a link with words of its own is still translated."""
    para = SELF_LINKS[fmt] + ' Poi <a href="/c">la pagina dei contatti</a>.'
    if fmt == "md":
        para = para.replace(
            '<a href="/c">la pagina dei contatti</a>', "[la pagina dei contatti](/c)"
        )
    post = {"id": 8, "title": {"rendered": "Contatti"}, "content": {"rendered": f"<p>{para}</p>"}}
    text = {
        "md": f"# Contatti\n\n{para}\n",
        "html": f"<html><body><article><h1>Contatti</h1><p>{para}</p></article></body></html>",
        "json": json.dumps(post),
    }[fmt]
    (tmp_path / f"c.{fmt}").write_text(text, encoding="utf-8")
    article, fakes = _translated(tmp_path / f"c.{fmt}", langs=("en",))
    seen = " ".join(fakes["en"].seen)
    assert "mailto" not in seen and "www.x.it" not in seen and "contatti" in seen
    for out in (render_html(article, "en"), render_markdown(article, "en")):
        assert "redazione@x.it" in out and "https://www.x.it/chi" in out
        assert "MAILTO" not in out and "WWW.X.IT" not in out and "LA PAGINA DEI CONTATTI" in out


VERBATIM_BLOCKS = [
    "<p>Il ministro ha parlato ieri sera in televisione per un'ora.</p>",
    '<blockquote lang="en"><p>We will never give up.</p><p>We will fight.</p></blockquote>',
    '<blockquote class="twitter-tweet"><p lang="it">La strada è chiusa.</p>&mdash; ANSA '
    '<a href="https://twitter.com/Ansa/status/1">1 giugno 2024</a></blockquote>',
    '<video src="/v.mp4" controls>Il tuo browser non supporta il video.</video>',
    '<table lang="en"><tr><td>One</td><td>Two</td></tr></table>',
    "<pre>riga uno\n  riga due</pre>",
]
VERBATIM_BODY = "".join(VERBATIM_BLOCKS)


@pytest.mark.parametrize("name", ["v.html", "v.json", "v.md"])
def test_a_verbatim_block_shows_its_words_apart_and_no_fallback_in_plain_text(tmp_path, name):
    """A block kept as written (another language's quote, a tweet, a table) ran its
    paragraphs and cells together in ``ID.LANG.txt`` ("give up.We will", "OneTwo",
    "chiusa.— ANSA"), and a player's fallback text, which a page never shows, was written
    into every translation in Italian. ``<pre>`` keeps its lines. (A Markdown HTML block
    of a table in English was cut into cells that lost their ``lang`` and went to MT.)"""
    post = {"id": 9, "title": {"rendered": "Il ministro"}, "content": {"rendered": VERBATIM_BODY}}
    text = {
        "v.html": f"<html><body><article><h1>Il ministro</h1>{VERBATIM_BODY}</article></body>",
        "v.json": json.dumps(post),
        "v.md": "# Il ministro\n\n" + "\n\n".join(VERBATIM_BLOCKS) + "\n",  # HTML blocks
    }[name]
    txt = render_text(_translated_en(tmp_path / name, text), "en")
    assert "We will never give up. We will fight." in txt, txt
    assert "One Two" in txt and "La strada è chiusa. — ANSA 1 giugno 2024" in txt
    assert "browser" not in txt and "riga uno\n  riga due" in txt


PLAYERS = [  # the page's own (an embed of another site keeps its title: test_readers)
    '<iframe title="Video della frana sulla Aurelia" src="https://www.comune.genova.it/v/1">'
    "</iframe>",
    '<video title="Video della frana sulla Aurelia" src="https://x.it/v.mp4" controls>'
    "Il tuo browser non supporta il video.</video>",
]


@pytest.mark.parametrize("name", ["p.html", "p.json", "p.md"])
@pytest.mark.parametrize("player", PLAYERS)
def test_a_players_title_is_translated_wherever_it_stands(tmp_path, name, player):
    """A player's ``title`` (what a screen reader says of it) was translated inside a
    paragraph but kept in Italian when the player stood alone, as embeds do, and in a
    Markdown HTML block. Its fallback text stays as written and in no plain text; a
    player in another language, and an embed of another site, keep their titles."""
    english = '<iframe title="Video in English" lang="en" src="https://x.it/e"></iframe>'
    blocks = ["<p>La frana è caduta ieri sera sulla strada statale numero uno.</p>", player]
    youtube = '<iframe title="Frana sulla Aurelia - YouTube" src="https://www.youtube.com/embed/x"></iframe>'
    blocks += [english, youtube]  # an embed of another site keeps its own title
    post = {"id": 2, "title": {"rendered": "La frana"}, "content": {"rendered": "".join(blocks)}}
    text = {
        "p.html": f"<html><body><article><h1>La frana</h1>{''.join(blocks)}</article></body>",
        "p.json": json.dumps(post),
        "p.md": "# La frana\n\n" + "\n\n".join(blocks) + "\n",
    }[name]
    article = _translated_en(tmp_path / name, text)
    for out in (render_html(article, "en"), render_markdown(article, "en")):
        assert 'title="VIDEO DELLA FRANA SULLA AURELIA"' in out, out
        assert 'title="Video in English"' in out and 'title="Frana sulla Aurelia - YouTube"' in out
        assert "Video della frana" not in out
        assert "Il tuo browser" in out or "<iframe" in player  # the fallback as written
    assert "browser" not in render_text(article, "en")


NESTED_THEN_TEXT = {
    "l.html": "<html><body><article><h1>Lista</h1><p>Il testo introduttivo della lista, con "
    'abbastanza parole.</p><ol start="9"><li>Nono punto</li><li>Decimo punto<ul><li>Sotto '
    "punto</li></ul><p>Secondo paragrafo del decimo</p></li><li>Undicesimo</li></ol>"
    "</article></body></html>",
    "l.md": "# Lista\n\nIl testo introduttivo della lista.\n\n9. Nono punto\n10. Decimo punto\n"
    "    - Sotto punto\n\n    Secondo paragrafo del decimo\n11. Undicesimo\n",
}


@pytest.mark.parametrize("name", sorted(NESTED_THEN_TEXT))
def test_text_after_a_nested_list_stays_in_its_item_in_markdown(tmp_path, name):
    """An item's paragraph after a list nested in it was written on the next line, a
    lazy continuation CommonMark reads into the nested list's last item: the text moved
    into the sub-item. A blank line keeps it in its own item."""
    md = render_markdown(_translated_en(tmp_path / name, NESTED_THEN_TEXT[name]), "en")
    from markdown_it import MarkdownIt

    rendered = lxml_html.fromstring(MarkdownIt("commonmark").render(md.split("---", 2)[2]))
    [para] = [p for p in rendered.iter("p") if "SECONDO PARAGRAFO" in p.text_content()]
    item = para.getparent()
    assert item.tag == "li" and "DECIMO PUNTO" in item.text_content(), md
    assert "SOTTO PUNTO" not in "".join(t for t in [para.text_content()])
    assert item.getparent().get("start") == "9", md


WRAPPED = (  # a WordPress/Google-Docs paste, a bold link over part of a paragraph
    '<span style="font-weight: 400;">Il sindaco ha parlato. Il governo ha risposto. '
    "La riunione è finita.</span>",
    'Intro qui. <strong><a href="https://example.org/r">Il primo punto. Il secondo punto.'
    "</a></strong> Fine del testo.",
)
WRAPPED_SENTENCES = [
    "Il sindaco ha parlato.", "Il governo ha risposto.", "La riunione è finita.",
    "Intro qui.", "Il primo punto.", "Il secondo punto.", "Fine del testo.",
]  # fmt: skip


def _wrapped_input(tmp_path: Path, suffix: str) -> Path:
    """The :data:`WRAPPED` paragraphs as an HTML page, a WordPress post or Markdown."""
    paragraphs = "".join(f"<p>{p}</p>\n" for p in WRAPPED)
    if suffix == ".html":
        text = f"<html><body><article><h1>Il titolo</h1>\n{paragraphs}</article></body></html>"
    elif suffix == ".json":
        data = json.loads(POST.read_text(encoding="utf-8"))
        blocks = (f"<!-- wp:paragraph -->\n<p>{p}</p>\n<!-- /wp:paragraph -->" for p in WRAPPED)
        data["content"] = {"raw": "\n\n".join(blocks)}
        text = json.dumps(data)
    else:  # Markdown: emphasis and a link over sentences, HTML for the span
        text = (
            f"# Il titolo\n\n{WRAPPED[0]}\n\n"
            "Intro qui. **[Il primo punto. Il secondo punto.](https://example.org/r)** "
            "Fine del testo.\n"
        )
    path = tmp_path / f"a{suffix}"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".html", ".json", ".md"])
def test_a_tag_around_several_sentences_is_one_tag_in_every_output(tmp_path, suffix):
    """A paragraph wrapped in one ``<span>`` (``<b>``, ``<a>``) went to MT as one segment;
    now each sentence is one, and every output has the one element, its link once."""
    article, fakes = _translated(_wrapped_input(tmp_path, suffix), langs=("en",))
    seen = [strip(t) for t in fakes["en"].seen]
    assert all(s in seen for s in WRAPPED_SENTENCES), seen  # one sentence per MT input
    formats = {"txt", "md", "html"} | ({"wp"} if suffix == ".json" else set())
    write_article(article, tmp_path / "out", formats)
    html = (tmp_path / "out" / "a.en.html").read_text(encoding="utf-8")
    assert '<span style="font-weight: 400;">IL SINDACO HA PARLATO. IL GOVERNO HA RISPOSTO. ' in html
    assert "INTRO QUI. <strong><a " in html and "IL SECONDO PUNTO.</a></strong> FINE" in html
    assert html.count("https://example.org/r") == 1 and html.count("<span") == 1
    md = (tmp_path / "out" / "a.en.md").read_text(encoding="utf-8")
    assert "**[IL PRIMO PUNTO. IL SECONDO PUNTO.](https://example.org/r)** FINE" in md
    assert md.count("https://example.org/r") == 1 and md.count("<span") == 1
    txt = (tmp_path / "out" / "a.en.txt").read_text(encoding="utf-8")
    assert "INTRO QUI. IL PRIMO PUNTO. IL SECONDO PUNTO. FINE DEL TESTO." in txt
    if suffix == ".json":
        content = json.loads((tmp_path / "out" / "a.en.wp.json").read_text())["content"]
        assert content.count("https://example.org/r") == 1 and content.count("<span") == 1
        assert "IL PRIMO PUNTO. IL SECONDO PUNTO.</a></strong> FINE" in content


@pytest.mark.parametrize(
    ("fmt", "name"), [("xliff", "a.xlf"), ("xliff12", "a.xlf"), ("po", "a.po")]
)
def test_a_tag_cut_per_sentence_survives_a_post_editing_round_trip(
    tmp_path, fake_backend, fmt, name
):
    """Each sentence's piece of the tag is that unit's code; edited targets import and the
    outputs have the one element again, its link once."""
    from pipeline.cli import main
    from pipeline.readers import read_article
    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles

    article = segment_article(read_article(_wrapped_input(tmp_path, ".html")))
    translate_articles([article], {"en": fake_backend(str.upper)})
    write_article(article, tmp_path / "out", {"json", "html", "md"})
    cfg = tmp_path / "pe.toml"
    cfg.write_text(f'[memory]\npath = "{tmp_path / "m.sqlite"}"\n[qa]\nenabled = false\n')
    pe, doc = tmp_path / name, str(tmp_path / "out" / "a.json")
    argv = ["--config", str(cfg), "export", doc, "--to", "en", "--format", fmt]
    assert main([*argv, "--out", str(pe)]) == 0
    exported = pe.read_text(encoding="utf-8")
    assert "IL SECONDO PUNTO." in exported and "&gt;IL SECONDO" not in exported  # codes
    pe.write_text(exported.replace("IL SECONDO PUNTO.", "The second point."), encoding="utf-8")
    assert main(["--config", str(cfg), "import", str(pe), "--doc", doc]) == 0
    html = (tmp_path / "out" / "a.en.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/r">IL PRIMO PUNTO. The second point.</a></strong>' in html
    assert html.count("https://example.org/r") == 1
    md = (tmp_path / "out" / "a.en.md").read_text(encoding="utf-8")
    assert "**[IL PRIMO PUNTO. The second point.](https://example.org/r)**" in md


def _page(title: str, body: str) -> str:
    """A small scraped page the extractor takes for an article: ``body`` under ``title``."""
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{body}"
        "<p>Il sindaco ha parlato ai giornalisti nel pomeriggio di ieri in piazza.</p>"
        "</article></body></html>"
    )


@pytest.mark.parametrize(
    ("cls", "suffix"),
    [("sr-only", ".html"), ("screen-reader-text", ".json"), ("a11y-hidden", ".html")],
)
def test_screen_reader_text_is_translated_in_html_and_left_out_of_md_and_txt(tmp_path, cls, suffix):
    """Screen-reader-only text is translated and kept with its class where the site's
    stylesheet hides it (``ID.LANG.html``, ``.wp.json``); in ``.md`` and ``.txt``, where
    nothing hides it, it would be a second copy of the visible date, so it is left out
    there (and recorded by the reader). Was: gone from every output."""
    body = (
        f'<p>Pubblicato il <span class="{cls}">12 marzo 2024</span>'
        '<span aria-hidden="true">12/03</span> dalla redazione.</p>'
    )
    if suffix == ".json":
        data = json.loads(POST.read_text(encoding="utf-8"))
        data["content"] = {"rendered": body}
        text = json.dumps(data)
    else:
        text = _page("Il voto", body)
    article = _translated_en(tmp_path / f"a{suffix}", text)
    span = f'<span class="{cls}">12 MARZO 2024</span>'
    assert span in render_html(article, "en")
    if suffix == ".json":
        assert span in json.loads(render_wordpress(article, "en"))["content"]
    assert "PUBBLICATO IL 12/03 DALLA REDAZIONE." in render_text(article, "en")
    md = render_markdown(article, "en")
    assert "MARZO" not in md and '<span aria-hidden="true">12/03</span> DALLA' in md


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.html", "<p>Le scuole resteranno chiuse.<br><br>Le famiglie sono avvisate.</p>",
         "LE SCUOLE RESTERANNO CHIUSE.\n\nLE FAMIGLIE SONO AVVISATE."),
        ("b.html", "<p>Via Roma 1<br>16100 Genova<br></p>", "VIA ROMA 1\n16100 GENOVA\n\n"),
        ("c.html", "<p>Uno.<br> <br/><br>Due.</p>", "UNO.\n\nDUE."),
        ("d.md", "Riga uno  \nRiga due\\\n\\\nRiga tre", "RIGA UNO\nRIGA DUE\n\nRIGA TRE"),
    ],
)  # fmt: skip
def test_a_line_break_is_a_line_of_plain_text_and_a_run_of_them_a_blank_line(
    tmp_path, name, text, expected
):
    """In ``ID.LANG.txt`` a ``<br>`` (a Markdown hard break) is a line break and a run of
    them a blank line, as the page shows them and ``mtpipe segment`` cuts them (was: a
    space a break, ``UNO.  DUE.``); one at the end of a paragraph shows nothing."""
    if name.endswith(".md"):
        page = f"# Il titolo\n\n{text}\n\nFine del pezzo.\n"
    else:
        page = _page("Il titolo", text)
    txt = render_text(_translated_en(tmp_path / name, page), "en")
    assert expected in txt, txt
    assert "  " not in txt


@pytest.mark.parametrize("name", ["spazi.it.html", "spazi.it.md"])
def test_thin_and_no_break_spaces_reach_every_output_as_written(tmp_path, name):
    """``&thinsp;`` in running text, inside code and in a copied line (no words) was a plain
    space in every output; now each output has the characters the source has."""
    para = "Ha detto M.\u2009Rossi: «\u2009basta\u2009» e 10\u00a0km, `a\u2009b`."
    rule = "*\u2009*\u2009*"
    if name.endswith(".html"):
        para = para.replace("`a\u2009b`", "<code>a&thinsp;b</code>")
        body = f"<h1>Il voto</h1><p>{para}</p><p>{rule}</p>"
        text = f"<html><body><article>{body}</article></body></html>"
    else:
        text = f"# Il voto\n\n{para}\n\n{rule}\n"
    article = _translated_en(tmp_path / name, text)
    for out in (
        render_html(article, "en"),
        render_markdown(article, "en"),
        render_text(article, "en"),
    ):
        assert "M.\u2009ROSSI: «\u2009BASTA\u2009» E 10\u00a0KM" in out, out
        assert "a\u2009b" in out and rule in out.replace("\\*", "*"), out


EMBEDS_BODY = (
    "<p>Il consiglio ha votato ieri sera il bilancio.</p>"
    '<iframe width="560" src="https://www.youtube.com/embed/abc123" allowfullscreen></iframe>'
    "<p>Il sindaco ha risposto su X.</p>"
    '<iframe src="https://platform.twitter.com/embed/Tweet.html?id=17"></iframe>'
    "<p>Il documento del voto.</p>"
    '<object data="https://giornale.example/voto.pdf" type="application/pdf"></object>'
    '<video controls><source src="https://giornale.example/v.mp4">Niente video.</video>'
    '<p>Guarda il video <iframe src="https://player.vimeo.com/video/42"></iframe> del voto.</p>'
    '<blockquote class="twitter-tweet"><p lang="it">Un tweet</p>&mdash; Sindaco '
    '<a href="https://twitter.com/sindaco/status/1">12 marzo</a></blockquote>'
)


@pytest.mark.parametrize("name", ["embed.it.html", "embed.it.md", "embed.it.json"])
def test_plain_text_writes_each_embeds_url_in_its_place(tmp_path, name):
    """A YouTube or X player, an ``<object>``, a video kept in the HTML and Markdown outputs
    were gone from ``ID.LANG.txt`` without a trace; now their URLs stand in their place (a
    provider's embed markup: its text and the post's address), no fallback text."""
    post = {"id": 9, "title": {"rendered": "Il voto"}, "content": {"rendered": EMBEDS_BODY}}
    text = {
        ".html": f"<html><body><article><h1>Il voto</h1>{EMBEDS_BODY}</article></body></html>",
        ".md": "# Il voto\n\n" + re.sub(r"<p>(.*?)</p>", "\n\n\\1\n\n", EMBEDS_BODY),
        ".json": json.dumps(post),
    }[Path(name).suffix]
    lines = render_text(_translated_en(tmp_path / name, text), "en").splitlines()
    assert [line for line in lines if line] == [
        "IL VOTO",
        "IL CONSIGLIO HA VOTATO IERI SERA IL BILANCIO.",
        "https://www.youtube.com/embed/abc123",
        "IL SINDACO HA RISPOSTO SU X.",
        "https://platform.twitter.com/embed/Tweet.html?id=17",
        "IL DOCUMENTO DEL VOTO.",
        *(  # Markdown: inline HTML in one paragraph, one line
            ["https://giornale.example/voto.pdf https://giornale.example/v.mp4"]
            if name.endswith(".md")
            else ["https://giornale.example/voto.pdf", "https://giornale.example/v.mp4"]
        ),
        "GUARDA IL VIDEO https://player.vimeo.com/video/42 DEL VOTO.",
        "Un tweet — Sindaco 12 marzo https://twitter.com/sindaco/status/1",
    ]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Categorie\n\nCronaca\n\nIl ponte crollato a Genova\n\nIl sindaco ha parlato.\n", 1),
        ("Categorie\nCronaca\n\nIl ponte crollato a Genova\n\nIl sindaco ha parlato.\n", 1),
        ("Il ponte crollato\n\nIl sindaco ha parlato.\n\nLa strada.\n\nCategorie\nCronaca\n", -1),
    ],
)
def test_a_category_label_is_written_to_markdown_with_its_value(tmp_path, text, part):
    """A page's ``Categorie`` label over its category was written to ``ID.LANG.md`` alone
    above the rule, the value only in the front matter: now the label and its value come
    together, as ``ID.LANG.txt`` shows them, and read back as the same blocks."""
    article = _translated_en(tmp_path / "cat.txt", text)
    kinds = [b.kind for b in article.blocks]
    assert kinds[kinds.index(UI) :][:2] == [UI, CATEGORY]
    for lang, label, name in (("en", "Categories", "News"), ("it", "Categorie", "Cronaca")):
        md = render_markdown(article, lang)
        chrome = md.split("\n---\n")[part]  # above the opening rule or below the closing one
        assert chrome.split() == [label, name], md
        plain = render_text(article, lang)
        assert plain.index(label) < plain.index(name)
        again = parse_markdown(md, article.id, lang)
        got = [(b.kind, strip(b.text, b.meta.get("markup"))) for b in again.blocks]
        want = [
            (b.kind, strip(block_text(b, lang, "it"), b.meta.get("markup"))) for b in article.blocks
        ]
        assert got == want, md


def test_markdown_footnotes_are_links_to_their_notes_in_html(tmp_path):
    """A footnote call (``[^1]``) and its note's label showed as literal ``[^1]`` in
    ``ID.LANG.html``: the call is the footnote plugin's link to the note, the label the
    note's anchor; the note's text is translated, ``ID.LANG.md`` keeps footnote syntax and
    ``ID.LANG.txt`` the note; a call to no note, or in code, stays text."""
    article = _translated_en(
        tmp_path / "note.it.md",
        "# Le note\n\nLa legge[^1] ieri sera[^nota], e di nuovo[^1].\n\n"
        "Una chiamata [^ignota] e [un link[^nota]](https://x.it) e `codice [^1]`.\n\n"
        "[^1]: Prima nota.\n[^nota]: Seconda nota.\n",
    )
    assert any("Prima nota." in strip(s.source) for s in article.text_segments())
    html = render_html(article, "en")
    assert '<sup class="footnote-ref"><a href="#fn1" id="fnref1">[1]</a></sup>' in html
    assert '<a href="#fn2" id="fnref2">[2]</a>' in html and 'id="fnref1:1"' in html
    assert '<span id="fn1" class="footnote-item"><a href="#fnref1"' in html
    assert "PRIMA NOTA." in html and 'NOTA.</p>\n<p><span id="fn2"' in html  # a <p> a note
    assert "[^ignota]" in html and "<code>codice [^1]</code>" in html
    assert re.search(r'UN LINK<sup class="footnote-ref">\[2:1\]</sup></a>', html), html
    assert "[^1]" not in re.sub(r"<code>.*?</code>", "", html)
    markdown = render_markdown(article, "en")
    assert "LA LEGGE[^1] IERI SERA[^nota]" in markdown
    assert "\n[^1]: PRIMA NOTA.\n[^nota]: SECONDA NOTA.\n" in markdown
    assert "[^1]: PRIMA NOTA." in render_text(article, "en")
    from pipeline.bundle.render import article_body  # the site's page keeps the anchors

    body = str(article_body(article, "en"))
    assert 'id="fnref1"' in body and '<span id="fn1" class="footnote-item">' in body


@pytest.mark.parametrize(
    "chrome", ["Categorie\nCronaca", "Categorie\n\nCronaca", "Catégories\nCronaca"]
)
def test_a_category_label_among_the_text_keeps_its_value_in_markdown(tmp_path, chrome):
    """A ``Categorie`` label over its category between article paragraphs (page text) was
    written to ``ID.LANG.md`` alone, the value only in the front matter: now both stand in
    their place, as in ``ID.LANG.txt``, and read back as the same blocks."""
    article = _translated_en(
        tmp_path / "cat.txt",
        f"Il ponte crollato a Genova\n\nIl sindaco ha parlato ai giornalisti.\n\n{chrome}\n\n"
        "La strada resterà chiusa per giorni.\n",
    )
    assert [b.kind for b in article.blocks][2:4] == [UI, CATEGORY]
    for lang, label, name in (("en", "Categories", "News"), ("it", chrome.split()[0], "Cronaca")):
        md = render_markdown(article, lang)
        paras = md.split("\n---\n", 1)[1].strip().split("\n\n")
        at = paras.index(name)  # in its place, under its label, between the paragraphs
        assert paras[at - 1] == label and "GIORNALISTI" in paras[at - 2].upper(), md
        assert "STRADA" in paras[at + 1].upper()
        again = parse_markdown(md, article.id, lang)
        got = [(b.kind, strip(b.text, b.meta.get("markup"))) for b in again.blocks]
        want = [
            (b.kind, strip(block_text(b, lang, "it"), b.meta.get("markup"))) for b in article.blocks
        ]
        assert got == want, md


def test_another_catalog_line_over_a_category_name_among_the_text_stays_text(tmp_path):
    """``Commento`` (a subheading) over ``Sport`` among the text was read as a label and
    its category: the article's category became Sport in ``ID.LANG.md``'s front matter
    and neither line was translated. Only a ``Categorie`` label has a value there."""
    article, fakes = translated(_write(tmp_path / "c.txt", (
        "Il ponte crollato a Genova\n\nIl sindaco ha parlato ai giornalisti.\n\n"
        "Commento\nSport\n\nLa strada resterà chiusa per giorni.\n"
    )), langs=("en",))  # fmt: skip
    assert CATEGORY not in [b.kind for b in article.blocks]
    assert "Commento" in fakes["en"].seen and "Sport" in fakes["en"].seen
    assert "category:" not in render_markdown(article, "en")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


EMOJI_BODY = (
    '<p>Che bella giornata <img draggable="false" role="img" class="emoji" alt="😀" '
    'src="https://s.w.org/images/core/emoji/14.0.0/svg/1f600.svg"> oggi a Roma!</p>'
    '<p>Forza Italia <img class="wp-smiley" alt=":-)" src="https://x.it/smile.png" /> e poi.</p>'
    '<p>Il logo <img src="https://x.it/logo.png" alt="Logo del Comune"> nella frase.</p>'
)


@pytest.mark.parametrize("name", ["post.json", "pagina.html", "pagina.md"])
def test_an_emoji_image_is_its_character_in_plain_text(tmp_path, name):
    """WordPress puts ``<img class="emoji" alt="😀">`` in place of an emoji and
    ``<img class="wp-smiley" alt=":-)">`` of a smiley: plain text has the character (was:
    left out as an image, ``giornata  oggi``); another image is still left out, with one
    space; the other outputs keep the images."""
    post = {"id": 9, "title": {"rendered": "Sole"}, "content": {"rendered": EMOJI_BODY}}
    text = {
        ".html": f"<html><body><article><h1>Sole</h1>{EMOJI_BODY}</article></body></html>",
        ".json": json.dumps(post),
        ".md": "# Sole\n\n" + EMOJI_BODY.replace("</p>", "</p>\n\n"),
    }[Path(name).suffix]
    article = _translated_en(tmp_path / name, text)
    plain = render_text(article, "en")
    assert "GIORNATA 😀 OGGI" in plain and "ITALIA :-) E POI" in plain, plain
    assert "LOGO NELLA FRASE" in plain and "  " not in plain
    for out in (render_html(article, "en"), render_markdown(article, "en")):
        assert 'alt="😀"' in out and 'class="emoji"' in out


@pytest.mark.parametrize(
    ("notes", "shown", "anchors"),
    [
        ("[^1]: Prima nota.\n[^1]: Nota doppia.\n", ["NOTA DOPPIA."], 2),  # the plugin's: last
        ("[^1]: Prima.\n\n[^1]: Seconda.\n\n[^1]: Terza.\n", ["TERZA."], 3),
        ("[^1]: Uno.\n[^1]: Due.\n[^b]: Tre.\n[^b]: Quattro.\n", ["DUE.", "QUATTRO."], 4),
    ],
)
def test_a_footnote_defined_twice_has_one_anchor_in_html(tmp_path, notes, shown, anchors):
    """Two definitions of one footnote label made two ``id="fn1"`` anchors in
    ``ID.LANG.html`` (an id twice in a page; the call's link went to the first, which the
    footnote plugin drops): only the last, the one the plugin shows, has the anchor; the
    earlier are notes with no id (was: ``[^1]:`` shown as text), never dropped, and
    ``ID.LANG.md`` keeps every definition."""
    source = f"# Le note\n\nLa legge[^1] e il voto[^b].\n\n{notes}"
    article = _translated_en(tmp_path / "note.it.md", source)
    html = render_html(article, "en")
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) and html.count('class="footnote-item"') == anchors, html
    assert "]:" not in html and html.count('id="fn') == 2 * len(shown)  # fn1 and fnref1
    for text in shown:
        assert re.search(rf'footnote-backref">\[\d\]</a></span>\s*{re.escape(text)}', html), html
    for text in re.findall(r"\]: (.+)", notes):
        assert text.upper() in html
    assert render_markdown(article, "en").count("]: ") == notes.count("]: ")


@pytest.mark.parametrize(
    "text",
    [  # a label over three categories, one a line: among the text, over the title, closing
        "Il ponte crollato a Genova\n\nIl sindaco ha parlato ai giornalisti.\n\nCategorie\n"
        "Cronaca\nPolitica\nEsteri\n\nLa strada resterà chiusa per giorni.\n",
        "Categorie\nCronaca\nPolitica\nEsteri\nIl ponte crollato a Genova\n"
        "Il sindaco ha parlato ai giornalisti.\n",
        "Il ponte crollato a Genova\n\nIl sindaco ha parlato ai giornalisti.\n\nCategorie\n"
        "Cronaca\nPolitica\nEsteri\n",
    ],
    ids=["among-text", "header", "footer"],
)
def test_a_category_label_over_several_categories_takes_them_all(tmp_path, text):
    """``Categorie`` over one category a line took the first only: ``Politica`` went to MT
    (or, over the title, was taken for the title). Each is a category, localised, never
    MT; ``ID.LANG.md`` writes them all under the label and reads them back as the same
    blocks; the article's category (front matter) stays the first."""
    article, fakes = translated(_write(tmp_path / "cat.txt", text), langs=("en",))
    kinds = [(b.kind, b.text) for b in article.blocks if b.kind in (UI, CATEGORY, TITLE)]
    at = kinds.index((UI, "Categorie"))
    assert kinds[at + 1 : at + 4] == [(CATEGORY, n) for n in ("Cronaca", "Politica", "Esteri")]
    assert (TITLE, "Il ponte crollato a Genova") in kinds
    assert not {"Politica", "Esteri"} & set(fakes["en"].seen)
    md = render_markdown(article, "en")
    assert "Categories\n\nNews\n\nPolitics\n\nInternational" in md and 'category: "News"' in md
    again = parse_markdown(md, article.id, "en")
    got = [(b.kind, strip(b.text, b.meta.get("markup"))) for b in again.blocks]
    blocks = article.blocks
    want = [(b.kind, strip(block_text(b, "en", "it"), b.meta.get("markup"))) for b in blocks]
    assert got == want, md


@pytest.mark.parametrize(
    ("label", "en"), [("Categorie:", "Categories:"), ("Categorie :", "Categories :")]
)
def test_a_category_label_with_a_colon_is_a_label_and_keeps_it(tmp_path, label, en):
    """``Categorie:``, as themes write the label over the post's categories, matched no
    catalog string: the label and every category under it went to MT. It is the label, its
    colon kept in every language; the categories under it are categories."""
    article, fakes = translated(_write(tmp_path / "c.txt", (
        "Il ponte crollato a Genova\n\nIl sindaco ha parlato ai giornalisti.\n\n"
        f"{label}\nCronaca\nPolitica\n\nLa strada resterà chiusa per giorni.\n"
    )), langs=("en",))  # fmt: skip
    kinds = [b.kind for b in article.blocks]
    assert kinds[2:5] == [UI, CATEGORY, CATEGORY] and not {label, "Politica"} & set(
        fakes["en"].seen
    )
    assert f"{en}\n\nNews\n\nPolitics\n\n" in render_markdown(article, "en")
    assert f"{en}\nNews\nPolitics" in render_text(article, "en").replace("\n\n", "\n")


def test_another_label_with_a_colon_alone_in_the_text_stays_text(tmp_path):
    article, fakes = translated(_write(tmp_path / "c.txt", (
        "Il ponte crollato a Genova\n\nIl sindaco ha parlato ai giornalisti.\n\n"
        "Commento:\nSport\n\nLa strada resterà chiusa per giorni.\n"
    )), langs=("en",))  # fmt: skip
    assert CATEGORY not in [b.kind for b in article.blocks] and "Sport" in fakes["en"].seen
