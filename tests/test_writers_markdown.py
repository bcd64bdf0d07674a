"""ID.LANG.md of a Markdown input: the structure the input had, its text translated.

Each test reads a Markdown file, translates it with the uppercasing fake (so a word
left in Italian is a word that never reached MT), writes ``ID.en.md`` and parses that
again with markdown-it, as a site generator would.
"""

from __future__ import annotations

import re

import pytest
from format_fixtures import translated

from pipeline.readers.markdown import parse_markdown
from pipeline.writers import render_markdown


def _tokens(md: str) -> list[str]:
    """The block token types CommonMark reads in ``md`` (its front matter left out)."""
    from markdown_it import MarkdownIt

    body = re.sub(r"\A---\n.*?\n---\n", "", md, flags=re.S)
    return [t.type for t in MarkdownIt("commonmark").parse(body) if t.nesting >= 0]


def _written(tmp_path, source: str) -> tuple[str, list[str]]:
    """(``ID.en.md`` of ``source`` translated by the uppercasing fake, the sources sent)."""
    path = tmp_path / "pezzo.md"
    path.write_text(source, encoding="utf-8")
    article, _ = translated(path, mode="upper", langs=("en",))
    return render_markdown(article, "en"), [s.source for s in article.text_segments()]


@pytest.mark.parametrize(
    ("block", "words"),
    [
        (
            "<table>\n<tr><th>Città</th><th>Abitanti</th></tr>\n"
            "<tr><td>Testo della cella</td><td>Roma capitale</td></tr>\n</table>",
            ["Città", "Abitanti", "Testo della cella", "Roma capitale"],
        ),
        (
            '<table class="dati">\n<thead><tr><th>Partito</th></tr></thead>\n<tbody>'
            "<tr><td>Il voto <b>finale</b></td></tr></tbody>\n</table>",
            ["Partito", "Il voto <g1>finale</g1>"],
        ),
        (
            '<div class="video">\n<!-- il lettore -->\nIl video della seduta di oggi\n</div>',
            ["Il video della seduta di oggi"],
        ),
    ],
)
def test_an_html_block_cut_for_mt_is_written_back_as_one_html_block(tmp_path, block, words):
    """A table's cells (or the text beside a comment) in an HTML block were written with
    blank lines between the tags and the text: each text a Markdown paragraph inside the
    cell (``<td><p>..</p></td>``), the table no longer the page's."""
    md, sent = _written(tmp_path, f"# Il titolo\n\nIl testo prima.\n\n{block}\n\nIl testo dopo.\n")
    assert set(words) <= set(sent)
    assert _tokens(md) == ["heading_open", "inline", "paragraph_open", "inline", "html_block",
                           "paragraph_open", "inline"]  # fmt: skip
    shown = re.sub(r"<[^<>]*>", "", md)
    for word in words:
        plain = re.sub(r"</?g\d+>", "", word)
        assert plain not in shown and plain.upper() in shown
    html = re.search(r"\n(<(?:table|div).*?</(?:table|div)>)\n", md, re.S).group(1)
    assert "\n\n" not in html and "<p>" not in html
    again = parse_markdown(md, "pezzo")
    assert [b.text for b in again.blocks if b.meta.get("html_block")] == [
        w.upper().replace("<G1>", "<g1>").replace("</G1>", "</g1>") for w in words
    ]


_CAPTION = (
    '[caption id="attachment_12" align="alignnone" width="300"]\n'
    '<img src="ponte.jpg" alt="Il ponte crollato" />\nLa didascalia del ponte[/caption]'
)
_FIGURE = '{{< figure src="a.jpg"\n  caption="Una foto del ponte" >}}'


@pytest.mark.parametrize(
    ("paragraph", "shortcodes", "translated_values", "texts"),
    [
        (
            _CAPTION,
            ['[caption id="attachment_12" align="alignnone" width="300"]', "[/caption]"],
            [],
            ["La didascalia del ponte", "Il ponte crollato"],
        ),
        (_FIGURE, [], ['caption="UNA FOTO DEL PONTE"'], ["Una foto del ponte"]),
        (
            "Il sindaco in aula. {{< figure\n  src=\"b.jpg\" title='Il consiglio comunale'\n"
            '  alt="La sala" >}} Fine.',
            ['{{< figure\n  src="b.jpg" title=\'IL CONSIGLIO COMUNALE\'\n  alt="LA SALA" >}}'],
            [],
            ["Il consiglio comunale", "La sala", "Il sindaco in aula."],
        ),
        (
            'La galleria [gallery ids="1,2,3"\n columns="3"] delle foto di oggi.',
            ['[gallery ids="1,2,3"\n columns="3"]'],
            [],
            ["La galleria", "delle foto di oggi."],
        ),
        (
            '[caption id="" align="alignleft" caption="Il sindaco in aula"]'
            '<img src="s.jpg" />[/caption]',
            ['[caption id="" align="alignleft" caption="IL SINDACO IN AULA"]', "[/caption]"],
            [],
            ["Il sindaco in aula"],
        ),
        (
            'Ascolta [audio mp3="a.mp3"][/audio] la registrazione.',
            ['[audio mp3="a.mp3"]', "[/audio]"],
            [],
            ["Ascolta", "la registrazione."],
        ),
        (
            "{{% notice info %}}\nIl testo della nota importante.\n{{% /notice %}}",
            ["{{% notice info %}}", "{{% /notice %}}"],
            [],
            ["Il testo della nota importante."],
        ),
    ],
)
def test_a_shortcode_over_several_lines_is_kept_whole_and_its_text_translated(
    tmp_path, paragraph, shortcodes, translated_values, texts
):
    """A WordPress or Hugo shortcode cut by line breaks reached MT in pieces (``id=``,
    ``src=`` and ``>}}`` as words to translate, the markup rewritten by the model)."""
    md, sent = _written(tmp_path, f"# Il titolo\n\nIl testo prima.\n\n{paragraph}\n")
    for text in texts:
        assert any(text in s for s in sent), text
        assert text not in md and text.upper() in md
    for source in sent:
        assert not re.search(r"\w=|\{\{|\}\}|\[/?(?:caption|gallery)", source), source
    for shortcode in shortcodes:
        assert shortcode in md
    for value in translated_values:
        assert value in md
    if _FIGURE in paragraph:
        assert '{{< figure src="a.jpg"\n  caption=' in md  # its line break kept too
    again = parse_markdown(md, "pezzo")
    kept = [
        e["text"]
        for b in again.blocks
        for e in (b.meta.get("markup") or {}).values()
        if "text" in e
    ]
    assert all(any(s in k for k in kept) for s in shortcodes + translated_values)


@pytest.mark.parametrize(
    ("paragraph", "source"),
    [
        ("Il ministro ha detto [sic] che la legge passa.", "[sic]"),
        ("Leggi [la nota](https://x.it) di oggi.", "<g1>la nota</g1>"),
    ],
)
def test_words_in_brackets_and_links_are_no_shortcode(tmp_path, paragraph, source):
    md, sent = _written(tmp_path, f"# Il titolo\n\n{paragraph}\n")
    assert any(source in s for s in sent)
    assert paragraph.upper().replace("HTTPS://X.IT", "https://x.it") in md.replace("\\", "")


_FOOTNOTES = """# Le note

Il governo ha approvato la legge[^1] ieri sera[^nota].

[^1]: Prima riga della nota.
    Seconda riga indentata della nota.

    Secondo paragrafo della nota indentato.

    - un punto della nota
    - un altro punto

[^nota]: La seconda nota.

\tIl paragrafo dopo un tab.

        codice = 1

Il paragrafo dopo le note.
"""


def test_a_footnotes_indented_continuation_is_translated_and_stays_in_the_footnote(tmp_path):
    """A footnote's second paragraph (indented after a blank line: GFM, Pandoc, Hugo) was
    read as an indented code block: Italian in every translation, written as a fence."""
    later = [
        "Secondo paragrafo della nota indentato.",
        "un punto della nota",
        "un altro punto",
        "Il paragrafo dopo un tab.",
    ]
    md, sent = _written(tmp_path, _FOOTNOTES)
    assert set(later) <= set(sent) and "codice = 1" not in " ".join(sent)
    for text in later:
        assert text not in md
    assert "\n\n    SECONDO PARAGRAFO DELLA NOTA INDENTATO.\n\n    - UN PUNTO DELLA NOTA\n" in md
    assert "\n\n    IL PARAGRAFO DOPO UN TAB.\n" in md
    assert "\n    ```\n    codice = 1\n    ```\n" in md  # code in the footnote stays code
    assert "\n\nIL PARAGRAFO DOPO LE NOTE." in md  # and what follows is no longer in it
    again = parse_markdown(md, "pezzo")
    parts = [b.text for b in again.blocks if b.meta.get("footnote") and b.kind == "paragraph"]
    assert parts == [t.upper() for t in later]
    assert [b.text for b in again.blocks if "code" in b.meta] == ["codice = 1\n"]


_GLOSSARY = """# Glossario

Termine
: Definizione del termine in italiano.

Altro termine
Sinonimo del termine
: Prima definizione **forte**.
: Seconda definizione
che continua qui.
~ Terza definizione.

Il paragrafo dopo.
"""


def test_a_definition_list_keeps_its_terms_and_definitions_on_their_lines(tmp_path):
    """``Termine`` / ``: Definizione`` (PHP Markdown Extra, Pandoc, Hugo) was read as one
    paragraph, ``Termine : Definizione``, and written on one line: no list any more."""
    from pipeline.writers import render_html

    md, sent = _written(tmp_path, _GLOSSARY)
    terms = ["Termine", "Altro termine", "Sinonimo del termine"]
    definitions = [
        "Definizione del termine in italiano.",
        "Prima definizione <g1>forte</g1>.",
        "Seconda definizione che continua qui.",
        "Terza definizione.",
    ]
    assert set(terms + definitions) <= set(sent)
    assert "\n\nTERMINE\n: DEFINIZIONE DEL TERMINE IN ITALIANO.\n\n" in md
    assert (
        "\n\nALTRO TERMINE\nSINONIMO DEL TERMINE\n: PRIMA DEFINIZIONE **FORTE**.\n"
        ": SECONDA DEFINIZIONE CHE CONTINUA QUI.\n: TERZA DEFINIZIONE.\n\nIL PARAGRAFO DOPO."
    ) in md
    again = parse_markdown(md, "pezzo")
    tagged = [
        (b.meta.get("tag"), b.text) for b in again.blocks if b.meta.get("tag") in ("dt", "dd")
    ]
    upper = [t.upper().replace("<G1>", "<g1>").replace("</G1>", "</g1>") for t in definitions]
    assert tagged == [
        ("dt", "TERMINE"),
        ("dd", upper[0]),
        ("dt", "ALTRO TERMINE"),
        ("dt", "SINONIMO DEL TERMINE"),
        *[("dd", d) for d in upper[1:]],
    ]
    path = tmp_path / "pezzo.md"
    article, _ = translated(path, mode="upper", langs=("en",))
    html = render_html(article, "en")
    assert "<dl><dt>TERMINE</dt><dd>DEFINIZIONE DEL TERMINE IN ITALIANO.</dd></dl>" in html


@pytest.mark.parametrize(
    "paragraph",
    ["Il ministro ha detto\nche la riforma passa.", "Il ministro ha detto\n:che la riforma passa."],
)
def test_a_paragraph_with_no_definition_line_stays_one_paragraph(tmp_path, paragraph):
    md, sent = _written(tmp_path, f"# Il titolo\n\n{paragraph}\n")
    assert sent[-1] == paragraph.replace("\n", " ")


def test_a_translated_shortcode_attribute_cannot_end_its_shortcode(tmp_path):
    """A translation holding the attribute's quote or ``]`` would close the value or the
    WordPress shortcode early: written as character references instead."""
    path = tmp_path / "pezzo.md"
    path.write_text(
        '# Il titolo\n\nIl testo.\n\n[gallery ids="1"\n title="Le foto del giorno"]\n\n'
        "{{< figure src='a.jpg'\n caption='Una foto' >}}\n",
        encoding="utf-8",
    )
    article, _ = translated(path, mode="upper", langs=("en",))
    for block in article.blocks:
        if block.kind == "alt":
            block.segments[0].translations["en"].text = 'The "day\'s" [photos]'
    md = render_markdown(article, "en")
    assert '[gallery ids="1"\n title="The &quot;day\'s&quot; [photos&#93;"]' in md
    assert "{{< figure src='a.jpg'\n caption='The \"day&#39;s\" [photos&#93;' >}}" in md
    again = parse_markdown(md, "pezzo")
    alts = [b.text for b in again.blocks if b.kind == "alt"]
    assert alts == ['The "day\'s" [photos]'] * 2  # to MT as the text it shows


def test_an_html_table_in_a_list_item_or_a_quote_stays_one_html_block_there(tmp_path):
    source = (
        "# Il titolo\n\n- Il primo punto.\n\n  <table>\n  <tr><td>La cella nel punto</td></tr>\n"
        '  </table>\n\n> <div class="nota">\n> <!-- commento -->\n> Il testo citato\n> </div>\n'
    )
    md, sent = _written(tmp_path, source)
    assert {"La cella nel punto", "Il testo citato"} <= set(sent)
    assert "\n  <table>\n  <tr>\n  <td>\n  LA CELLA NEL PUNTO\n  </td>\n  </tr>\n  </table>\n" in md
    assert '\n> <div class="nota">\n> <!-- commento -->\n> IL TESTO CITATO\n> </div>' in md
    types = _tokens(md)
    assert types.count("html_block") == 2 and types.count("paragraph_open") == 1


def test_a_loose_definition_list_is_a_definition_list_too(tmp_path):
    """``: Definizione`` after a blank line (Pandoc's loose list) went to MT with its colon,
    a paragraph of its own."""
    md, sent = _written(
        tmp_path,
        "# Glossario\n\nTermine\n\n: Definizione sciolta.\n\n: Seconda definizione.\n\n"
        "Altro termine\n: La sua definizione.\n\n: Ancora una.\n\nIl paragrafo dopo.\n",
    )
    assert {"Definizione sciolta.", "Seconda definizione.", "Ancora una."} <= set(sent)
    assert not [s for s in sent if s.startswith(":")]
    assert (
        "\n\nTERMINE\n: DEFINIZIONE SCIOLTA.\n: SECONDA DEFINIZIONE.\n\nALTRO TERMINE\n"
        ": LA SUA DEFINIZIONE.\n: ANCORA UNA.\n\nIL PARAGRAFO DOPO." in md
    )
    again = parse_markdown(md, "pezzo")
    assert [b.meta.get("tag") for b in again.blocks[1:]] == [
        "dt",
        "dd",
        "dd",
        "dt",
        "dd",
        "dd",
        "p",
    ]


def test_the_source_language_output_keeps_each_shortcode_as_written(tmp_path):
    shortcode = "{{< figure src='a.jpg'\n  caption='La foto [di repertorio] &amp; altro' >}}"
    path = tmp_path / "pezzo.md"
    path.write_text(f"# Il titolo\n\nIl testo.\n\n{shortcode}\n", encoding="utf-8")
    article, _ = translated(path, mode="upper", langs=("en",))
    assert f"\n{shortcode}\n" in render_markdown(article, "it")
    alts = [b.text for b in article.blocks if b.kind == "alt"]
    assert alts == ["La foto [di repertorio] & altro"]  # to MT as the text it shows


_NESTED_FOOTNOTES = """# Le note

> Una citazione con la nota[^1].
>
> [^1]: La nota nella citazione.
>
>     Il secondo paragrafo della nota nella citazione.

- Un punto con la nota[^2]
- [^2]: La nota nella lista.

      Il secondo paragrafo della nota nella lista.
- Un altro punto.

1. [^3]: La nota numerata.

       Il seguito della nota numerata.

Il paragrafo dopo.
"""


def test_a_footnotes_continuation_in_a_quote_or_list_item_is_translated_and_stays_there(
    tmp_path,
):
    """In a quote or a list item a footnote's indented paragraph stayed an indented code
    block: Italian in every translation, written as a fence."""
    later = [
        "Il secondo paragrafo della nota nella citazione.",
        "Il secondo paragrafo della nota nella lista.",
        "Il seguito della nota numerata.",
    ]
    md, sent = _written(tmp_path, _NESTED_FOOTNOTES)
    assert set(later) <= set(sent)
    assert ">\n>     IL SECONDO PARAGRAFO DELLA NOTA NELLA CITAZIONE.\n" in md
    assert "LISTA.\n\n      IL SECONDO PARAGRAFO DELLA NOTA NELLA LISTA.\n- UN ALTRO" in md
    assert "NUMERATA.\n\n       IL SEGUITO DELLA NOTA NUMERATA.\n\nIL PARAGRAFO DOPO." in md
    assert "```" not in md  # (CommonMark reads the continuation as indented code)
    again = parse_markdown(md, "note")
    parts = {b.text: [w[0] for w in b.meta["wrap"]] for b in again.blocks if b.meta.get("footnote")}
    assert parts == {
        later[0].upper(): ["blockquote"],
        later[1].upper(): ["ul", "li"],
        later[2].upper(): ["ol", "li"],
    }


def test_an_html_pages_head_texts_in_front_matter_are_translated(tmp_path):
    """An ID.LANG.md of an HTML page carries its SEO title and Open Graph and X/Twitter
    texts in the front matter; read again as a source they stayed Italian in every
    output. Keys that name things (date, slug, tags) are carried as written."""
    texts = {
        "seo_title": "Il crollo del ponte sul Po",
        "og_title": "Crolla il ponte sul Po",
        "og_description": "Il ponte sul Po è crollato nella notte.",
        "twitter_title": "Il ponte sul Po crolla",
        "twitter_description": "Nessun ferito nel crollo del ponte.",
        "description": "Il racconto della notte del crollo.",
    }
    names = {"date": "2024-03-12", "slug": "crollo-ponte-po", "tags": ["Po", "Ponte"]}
    front = "".join(f'{k}: "{v}"\n' for k, v in texts.items())
    source = f"---\ntitle: Il ponte\n{front}date: 2024-03-12\nslug: crollo-ponte-po\n"
    md, sent = _written(tmp_path, source + "tags: [Po, Ponte]\n---\n\nIl testo del pezzo.\n")
    assert set(texts.values()) <= set(sent)
    assert not {"Po", "Ponte", "crollo-ponte-po", "2024-03-12"} & set(sent)
    again = parse_markdown(md, "pezzo")
    assert {k: again.meta[k] for k in texts} == {k: v.upper() for k, v in texts.items()}
    assert {k: again.meta[k] for k in names} == names


@pytest.mark.parametrize(
    "definition",
    ["[^1]: Ansa.", "[^1]: https://www.ansa.it/notizia", "- [^1]: Reuters."],
    ids=["one-word", "url", "in-a-list-item"],
)
def test_a_one_word_footnote_definition_is_no_link_reference(tmp_path, definition):
    """``[^1]: Ansa.`` is a link reference definition to CommonMark: the definition was
    gone from every output and the call written as a link, ``[^1](Ansa.)``."""
    source = f"# T\n\nIl testo[^1] e [il link][rif].\n\n{definition}\n\n[rif]: https://x.it\n"
    md, sent = _written(tmp_path, source)
    label, text = definition.split(": ")
    assert "IL TESTO[^1] E [IL LINK](https://x.it)." in md  # the call no link, the link one
    assert f"\n{label}: {text.upper()}\n" in md
    assert f"<x1/> {text}" in sent  # the definition's text, its label kept


@pytest.mark.parametrize(
    ("paragraph", "txt_paragraph", "html_attrs"),
    [
        (_CAPTION, "LA DIDASCALIA DEL PONTE", ['alt="IL PONTE CROLLATO"']),
        (_FIGURE, "UNA FOTO DEL PONTE", ['caption="UNA FOTO DEL PONTE"']),
        (
            "Il sindaco in aula. {{< figure\n  src=\"b.jpg\" title='Il consiglio comunale'\n"
            '  alt="La sala" >}} Fine.',
            "IL SINDACO IN AULA. IL CONSIGLIO COMUNALE FINE.",  # the alt is the image's
            ["title='IL CONSIGLIO COMUNALE'", 'alt="LA SALA"'],
        ),
        (
            'La galleria [gallery ids="1,2,3"\n columns="3"] delle foto di oggi.',
            "LA GALLERIA DELLE FOTO DI OGGI.",
            [],
        ),
        (
            '[caption id="" align="alignleft" caption="Il sindaco in aula"]'
            '<img src="s.jpg" />[/caption]',
            "IL SINDACO IN AULA",
            ['caption="IL SINDACO IN AULA"'],
        ),
        ('Ascolta [audio mp3="a.mp3"][/audio] la registrazione.', "ASCOLTA LA REGISTRAZIONE.", []),
        (
            "{{% notice info %}}\nIl testo della nota importante.\n{{% /notice %}}",
            "IL TESTO DELLA NOTA IMPORTANTE.",
            [],
        ),
    ],
)
def test_a_shortcode_leaks_no_source_text_into_the_txt_and_html_outputs(
    tmp_path, paragraph, txt_paragraph, html_attrs
):
    """Only ``ID.LANG.md`` wrote a shortcode's caption, alt and title translated: the
    ``.html`` and ``.txt`` showed the shortcode as the source wrote it, Italian attribute
    and line break. ``ID.LANG.html`` keeps it as the site's markup with those attributes
    translated, as ``ID.LANG.md`` does; ``ID.LANG.txt`` shows what the page shows of it
    (its title and caption), never its syntax."""
    from pipeline.writers import render_html
    from pipeline.writers.text import render_text

    path = tmp_path / "pezzo.md"
    path.write_text(f"# Il titolo\n\nIl testo prima.\n\n{paragraph}\n", encoding="utf-8")
    article, _ = translated(path, mode="upper", langs=("en",))
    sources = [s.source for s in article.text_segments()]
    txt, html = render_text(article, "en"), render_html(article, "en")
    for source in sources:  # every text of the shortcode went to MT: none left in Italian
        assert source not in txt and source not in html, source
    assert txt_paragraph in txt.rstrip("\n").split("\n\n")  # one paragraph, one line, no syntax
    assert not re.search(r"\{\{|\}\}|\[/?(?:caption|gallery|audio)\b", txt)
    for attr in html_attrs:
        assert attr in html


def test_an_attribute_list_is_not_shown_in_the_txt_output(tmp_path):
    """A heading's ``{#id}`` and a paragraph's ``{: .lead}`` on the next line (site markup
    of kramdown and Hugo) were written into ``ID.LANG.txt``, the paragraph over two lines;
    ``ID.LANG.md`` and ``ID.LANG.html`` keep them for the site generator, a heading's
    ``{#id}`` as the id a site generator gives it (``<h1 id="sezione">``: gaps37)."""
    from pipeline.writers import render_html
    from pipeline.writers.text import render_text

    path = tmp_path / "pezzo.md"
    path.write_text(
        "# Il titolo {#sezione}\n\nIl testo della pagina.\n{: .lead}\n\nAltro {.nota} testo.\n",
        encoding="utf-8",
    )
    article, _ = translated(path, mode="upper", langs=("en",))
    txt = render_text(article, "en").rstrip("\n").split("\n\n")
    assert txt == ["IL TITOLO", "IL TESTO DELLA PAGINA.", "ALTRO TESTO."]
    html = render_html(article, "en")
    assert '<h1 id="sezione">IL TITOLO</h1>' in html and "{: .lead}" in html and "{.nota}" in html
    assert "# IL TITOLO {#sezione}" in render_markdown(article, "en")


def test_a_markdown_inputs_head_texts_open_its_html_fragment(tmp_path):
    """A Markdown page's SEO texts in its front matter (a Hugo ``description``; the
    ``seo_title``, ``og_description`` an HTML page's ``ID.LANG.md`` carries) were in no
    ``ID.LANG.html``, which an HTML page's open with its ``<title>`` and ``<meta>``."""
    from pipeline.writers import render_html

    path = tmp_path / "pezzo.md"
    path.write_text(
        "---\ntitle: Il ponte\ndescription: Il crollo & le cause\nseo_title: Crollo a Genova\n"
        "og_description: Le foto del ponte\nsubtitle: La città si ferma\n---\n\nIl testo.\n",
        encoding="utf-8",
    )
    article, _ = translated(path, mode="upper", langs=("en",))
    html = render_html(article, "en")
    assert html[: html.index("<h1>")].splitlines() == [
        '<meta name="description" content="IL CROLLO &amp; LE CAUSE">',
        "<title>CROLLO A GENOVA</title>",
        '<meta property="og:description" content="LE FOTO DEL PONTE">',
    ]  # the subtitle is no head field: in the front matter only


@pytest.mark.parametrize(
    ("shortcode", "written"),
    [
        (
            '{{< figure src="a.jpg"\n  caption="Una foto" >}}',
            '{{< figure src="a.jpg"\n  caption="UNA FOTO" >}}',
        ),
        ('{{< ref "altro.md" >}}', '{{< ref "altro.md" >}}'),
        ("{{< /details >}}", "{{< /details >}}"),
        ("{{% notice tip %}}", "{{% notice tip %}}"),
        # what is inside can open no tag: each "<" escaped, the rest as Hugo reads it
        (
            '{{< video src="v.mp4" note="<img src=x onerror=alert(1)> &amp; altro" >}}',
            '{{< video src="v.mp4" note="&lt;img src=x onerror=alert(1)> &amp; altro" >}}',
        ),
        # a name right after "{{<" would be read as a <figure> tag, "</" as a comment
        ('{{<figure src="b.jpg">}}', '{{&lt;figure src="b.jpg"&gt;}}'),
        ("{{</* figure */>}}", "{{&lt;/* figure */&gt;}}"),
    ],
)
def test_a_hugo_shortcode_is_written_raw_in_the_html_output_where_that_is_safe(
    tmp_path, shortcode, written
):
    """Hugo runs shortcodes in HTML content files, but ID.LANG.html wrote them escaped
    (``{{&lt; figure … &gt;}}``), which it shows as text. Raw only where no browser reads a
    tag or comment in it; the page's elements are the source's, nothing more."""
    from pipeline.writers import render_html

    path = tmp_path / "pezzo.md"
    path.write_text(f"# Il titolo\n\nIl testo {shortcode} continua qui.\n", encoding="utf-8")
    article, _ = translated(path, mode="upper", langs=("en",))
    html = render_html(article, "en")
    assert f"<p>IL TESTO {written} CONTINUA QUI.</p>" in html
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(html.split("-->", 1)[-1], create_parent="div")
    assert [el.tag for el in root.iter()] == ["div", "h1", "p"]  # no <img>, <figure>, comment
    shown = root.xpath("string(//p)")
    assert shortcode.replace("Una foto", "UNA FOTO").replace("&amp;", "&") in shown


@pytest.mark.parametrize(
    ("shortcode", "title"),
    [
        ('{{< ref "altro.md" >}}', ""),
        ('{{< relref "/chi-siamo" >}}', ' "Chi siamo"'),
        ('{{% ref "c.md" %}}', ""),
    ],
)
def test_a_link_to_a_hugo_shortcode_stays_a_link(tmp_path, shortcode, title):
    """Hugo links its pages with ``[text]({{< ref "a.md" >}})``: CommonMark reads no link
    there, so ``[``, ``](`` went to MT as words and the writer wrote ``\\[...\\](...)``:
    no link on the built page."""
    source = f"# Il titolo\n\nLeggi [il collegamento]({shortcode}{title}) di oggi.\n"
    md, sent = _written(tmp_path, source)
    assert "Leggi <g1>il collegamento</g1> di oggi." in sent
    assert f"[IL COLLEGAMENTO]({shortcode}{title.upper()})" in md
    again = parse_markdown(md, "pezzo")
    hrefs = [e["attrs"]["href"] for b in again.blocks for e in b.meta.get("markup", {}).values()]
    assert hrefs == [shortcode]


@pytest.mark.parametrize(
    ("link", "shortcodes"),
    [
        ('[il testo [gallery ids="1"] di oggi](https://x.it)', ['[gallery ids="1"]']),
        ('[la foto [audio mp3="a.mp3"][/audio] di oggi](https://x.it)', ['[audio mp3="a.mp3"]']),
    ],
)
def test_a_wordpress_shortcode_in_a_links_text_keeps_the_link(tmp_path, link, shortcodes):
    """markdown-it took a token opening with ``[`` in a link's label for a link in a link
    and read no link: ``[``, ``](`` and the URL went to MT, the brackets escaped."""
    md, sent = _written(tmp_path, f"# Il titolo\n\nLeggi {link} e poi.\n")
    assert not any("](" in s or "Z" in s for s in sent), sent
    assert re.search(r"LEGGI \[(IL TESTO|LA FOTO) .* DI OGGI\]\(https://x\.it\) E POI\.", md)
    assert all(code in md for code in shortcodes) and "\\[" not in md


@pytest.mark.parametrize(
    ("shortcode", "texts", "written"),
    [
        (
            '{{< figure src="a.jpg" title="Il \\"Duomo\\" di notte" caption="Una foto" >}}',
            ['Il "Duomo" di notte', "Una foto"],
            'title="IL \\"DUOMO\\" DI NOTTE" caption="UNA FOTO" >}}',
        ),
        (
            '{{% notice title="Il percorso C:\\\\ e \\"altro\\"" %}}',
            ['Il percorso C:\\ e "altro"'],
            'title="IL PERCORSO C:\\\\ E \\"ALTRO\\"" %}}',
        ),
    ],
    ids=["escaped-quotes", "escaped-backslash"],
)
def test_a_hugo_attribute_with_an_escaped_quote_is_translated_whole(
    tmp_path, shortcode, texts, written
):
    """Hugo reads ``title="a \\" b"`` whole; the value was cut at the escaped quote, so
    only ``a \\`` was translated and the rest stayed Italian. It goes to MT as the text
    Hugo shows, and is written back with Hugo's escapes, which read back the same."""
    md, sent = _written(tmp_path, f"# Il titolo\n\nIl testo.\n\n{shortcode}\n")
    assert set(texts) <= set(sent)
    assert written in md
    again = parse_markdown(md, "pezzo")
    assert sorted(b.text for b in again.blocks if b.kind == "alt") == sorted(
        t.upper() for t in texts
    )


def test_a_wordpress_attribute_keeps_its_backslash_as_text():
    """The other side: WordPress has no backslash escape; ``title="C:\\"`` ends at its
    quote and the next attribute is read on its own."""
    article = parse_markdown('# T\n\n[gallery title="C:\\" caption="Le foto"]\n', "pezzo")
    assert sorted(b.text for b in article.blocks if b.kind == "alt") == ["C:\\", "Le foto"]


@pytest.mark.parametrize(
    "shortcode",
    [
        '{{{{< figure src="a.jpg" caption="{long}" >}}}}',
        "{{{{% notice title=`{long}` %}}}}",
    ],
    ids=["figure-caption", "notice-raw-title"],
)
def test_a_hugo_shortcode_longer_than_the_bound_is_still_a_shortcode(tmp_path, shortcode):
    """A shortcode of over 4,000 characters inside (a long caption) was no shortcode: its
    syntax went to MT as words and ID.LANG.md wrote ``{{\\<``, which Hugo does not run.
    Closed in its paragraph, it is one whatever its length; its text goes to MT whole."""
    long = " ".join(f"La foto numero {n} del porto." for n in range(160))
    assert len(long) > 4000
    written = shortcode.format(long=long)
    md, sent = _written(tmp_path, f"# Il titolo\n\nPrima {written} dopo.\n")
    assert not [s for s in sent if "{{" in s or "caption=" in s or "title=" in s]
    assert "La foto numero 159 del porto." in sent
    assert written.replace(long, long.upper()) in md and "{{\\<" not in md


def test_a_stray_hugo_opener_before_a_long_paragraph_stays_text(tmp_path):
    """The other side: a ``{{<`` with no closer of its own, over 4,000 characters before a
    real shortcode in its paragraph, does not swallow the words between them."""
    words = "Il testo del paragrafo continua qui. " * 120
    figure = '{{< figure src="b.jpg" caption="La foto" >}}'
    paragraph = f"Scrivi {{{{< per aprire. {words}Poi {figure} fine."
    md, sent = _written(tmp_path, f"# Il titolo\n\n{paragraph}\n")
    assert "La foto" in sent
    assert any("Il testo del paragrafo continua qui." in s for s in sent)
    assert '{{< figure src="b.jpg" caption="LA FOTO" >}}' in md


def test_details_and_a_lists_anchor_stay_html_in_markdown(tmp_path):
    """Markdown has no disclosure widget and no id on a list item: a ``<details>`` (its
    summary was written as a paragraph, the hidden text always shown) and a footnote list
    ``<li id="fn1">`` (the text's link to it went nowhere) are written as HTML blocks."""
    from format_fixtures import translated

    from pipeline.writers import render_markdown

    path = tmp_path / "p.html"
    path.write_text(
        "<html><body><article><h1>La prova</h1><p>Il primo paragrafo del testo della pagina,"
        ' lungo abbastanza.</p><p>Vedi la nota<sup><a href="#fn1" id="r1">1</a></sup>.</p>'
        "<details><summary>Apri</summary><p>Testo nascosto.</p></details><ul><li>Uno</li>"
        '</ul><ol><li id="fn1">Nota del testo. <a href="#r1">↩</a></li></ol></article></body>'
        "</html>",
        encoding="utf-8",
    )
    article, _ = translated(path, langs=("en",))
    md = render_markdown(article, "en")
    assert "<details><summary>APRI</summary><p>TESTO NASCOSTO.</p></details>" in md
    assert '<ol><li id="fn1">NOTA DEL TESTO. <a href="#r1">↩</a></li></ol>' in md
    assert "- UNO" in md  # a list with nothing Markdown cannot write stays Markdown


@pytest.mark.parametrize(
    ("heading", "written"),
    [
        ('<h2 id="dati">I dati</h2>', "## I DATI {#dati}"),  # nothing links to it
        ('<h3 id="le-fonti">Le fonti</h3>', "### LE FONTI {#le-fonti}"),
        ('<h2 id="i dati">I dati</h2>', '<h2 id="i dati">I DATI</h2>'),  # no list holds it
    ],
)
def test_a_heading_id_of_an_html_page_is_kept_in_markdown(tmp_path, heading, written):
    """An HTML page's heading id (a table of contents' or another page's ``#dati`` link
    target) was dropped from ``ID.LANG.md``: it is written as an attribute list after the
    heading, which site generators read and the Markdown reader reads back as written;
    an id with a space, which no attribute list holds, keeps the heading HTML."""
    src = tmp_path / "pagina.html"
    body = f"<h1>Il voto</h1><p>Il consiglio ha votato.</p>{heading}<p>Testo due.</p>"
    src.write_text(f"<html><body><article>{body}</article></body></html>", encoding="utf-8")
    article, _ = translated(src, langs=("en",))
    md = render_markdown(article, "en")
    assert written in md.split("\n"), md
    again = parse_markdown(md, "pagina", "en")
    ident = re.search(r'id="([^"]+)"', heading)[1]
    assert any(ident in b.text or ident in str(b.meta) for b in again.blocks)  # read back


def test_a_markdown_headings_own_attribute_list_is_written_once(tmp_path):
    md, _ = _written(tmp_path, "# Il voto\n\n## Il contesto {#contesto}\n\nTesto.\n")
    assert md.count("{#contesto}") == 1 and "## IL CONTESTO {#contesto}" in md


@pytest.mark.parametrize(
    "source",
    [
        "# Il voto {#top}\n\nTesto uno.\n\n## Il contesto {#contesto}\n\nVedi [qui](#contesto).\n",
        "---\ntitle: Il voto\n---\n# Il voto {#top}\n\nTesto uno.\n\n## Il contesto {#contesto}\n\n"
        "Vedi [qui](#contesto).\n",
    ],
    ids=["title-heading", "front-matter-title"],
)
def test_a_markdown_heading_id_is_the_headings_id_in_every_output(tmp_path, source):
    """``## Il contesto {#contesto}`` was a literal: ``ID.LANG.html`` showed
    ``<h2>IL CONTESTO {#contesto}</h2>`` (the link to it broken), the front matter's and
    the bundle page's title ``IL VOTO {#top}``. The id is the heading's, as an HTML page's
    is: ``id="contesto"`` in HTML, ``{#contesto}`` again in Markdown, in no text."""
    from pipeline.bundle.render import article_body, article_title
    from pipeline.writers import render_html
    from pipeline.writers.text import render_text

    path = tmp_path / "voto.md"
    path.write_text(source, encoding="utf-8")
    article, fakes = translated(path, mode="upper", langs=("en",))
    assert "{#" not in "".join(fakes["en"].seen)
    html = render_html(article, "en")
    assert '<h2 id="contesto">IL CONTESTO</h2>' in html and "{#" not in html
    md = render_markdown(article, "en")
    assert "## IL CONTESTO {#contesto}" in md and 'title: "IL VOTO"' in md
    assert "{#" not in render_text(article, "en") and article_title(article, "en") == "IL VOTO"
    assert '<h2 id="contesto">IL CONTESTO</h2>' in article_body(article, "en")
    again = parse_markdown(md, "voto", "en")
    assert [b.meta.get("attrs") for b in again.blocks if b.meta.get("tag") == "h2"] == [
        {"id": "contesto"}
    ]


@pytest.mark.parametrize(
    ("heading", "attrs", "html"),
    [
        (
            "### Dati {#dati .classe}",
            {"id": "dati", "class": "classe"},
            '<h3 id="dati" class="classe">DATI</h3>',
        ),
        ("### Dati {.classe}", {"class": "classe"}, '<h3 class="classe">DATI</h3>'),
        ("### Dati {#dati key=val}", {"id": "dati", "key": "val"}, '<h3 id="dati" key="val">'),
    ],
    ids=["id-and-class", "class-only", "id-and-attribute"],
)
def test_a_markdown_headings_whole_attribute_list_is_never_text(tmp_path, heading, attrs, html):
    """An attribute list with more than an id (``{#dati .classe}``, ``{.classe}``,
    ``{#id key=val}``) was text: ``<h3>DATI {#dati .classe}</h3>`` (no id) and the list
    sent to MT. The whole list is the heading's: its attributes in HTML, the list as
    written in ``ID.LANG.md``, in no text and never MT."""
    from pipeline.writers import render_html
    from pipeline.writers.text import render_text

    path = tmp_path / "dati.md"
    path.write_text(f"# Il voto\n\nTesto uno.\n\n{heading}\n\nTesto due.\n", encoding="utf-8")
    article, fakes = translated(path, mode="upper", langs=("en",))
    assert "{" not in "".join(fakes["en"].seen)
    rendered = render_html(article, "en")
    assert html in rendered and "{" not in rendered
    assert "{" not in render_text(article, "en")
    md = render_markdown(article, "en")
    written = heading.split(" ", 2)[2]
    assert f"### DATI {written}" in md.split("\n") and md.count(written) == 1
    again = parse_markdown(md, "dati", "en")
    assert [b.meta.get("attrs") for b in again.blocks if b.meta.get("tag") == "h3"] == [attrs]
