"""The Markdown reader: shortcodes, footnotes, definition lists, HTML blocks."""

from __future__ import annotations

import re

import pytest

from pipeline.readers.markdown import parse_markdown


def _literals(article) -> list[str]:
    """The text of every literal marker (Markdown syntax kept as written) of ``article``."""
    return [
        e["text"]
        for b in article.blocks
        for e in (b.meta.get("markup") or {}).values()
        if e.get("markdown")
    ]


@pytest.mark.parametrize(
    "source",
    [
        '`{{< figure src="a.jpg"\n  caption="Una foto" >}}` e il testo.',
        '```\n[caption id="x" align="alignnone"]\n<img src="p.jpg">\nUna foto[/caption]\n```',
    ],
)
def test_a_shortcode_in_code_stays_code(source):
    """Code shows a shortcode as text: it is no shortcode there (no marker, no alt)."""
    article = parse_markdown(f"# Il titolo\n\n{source}\n", "pezzo")
    assert not _literals(article)
    assert not [b for b in article.blocks if b.kind == "alt"]
    code = [e["text"] for b in article.blocks for e in (b.meta.get("markup") or {}).values()] + [
        b.text for b in article.blocks if "code" in b.meta
    ]
    assert any("caption=" in c or "caption id=" in c for c in code)


def test_a_shortcodes_text_attributes_are_alt_blocks_and_the_others_are_not():
    article = parse_markdown(
        '# T\n\n{{< figure src="a.jpg" class="largo"\n  alt="La sala" caption="Una foto" '
        'attr="Ansa" >}}\n',
        "pezzo",
    )
    alts = {b.meta["attr_of"][2]: b.text for b in article.blocks if b.kind == "alt"}
    assert alts == {"alt": "La sala", "caption": "Una foto"}


@pytest.mark.parametrize(
    ("shortcode", "texts"),
    [
        ('{{< figure src="b.jpg" caption="Prima >}} dopo" >}}', ["Prima >}} dopo"]),
        ('{{< figure title=`Il >}} grezzo` alt="La sala" >}}', ["Il >}} grezzo", "La sala"]),
        ('{{% notice title="Cento %}} e altro" %}}', ["Cento %}} e altro"]),
    ],
)
def test_a_hugo_closer_inside_a_quoted_value_does_not_end_the_shortcode(shortcode, texts):
    """Hugo reads a quoted value whole: the shortcode ended at the ``>}}`` inside it, the
    rest of the value went to MT as words and the writer escaped the real closer."""
    article = parse_markdown(f"# T\n\nUn {shortcode} e il resto.\n", "pezzo")
    assert shortcode in _literals(article)
    assert sorted(b.text for b in article.blocks if b.kind == "alt") == sorted(texts)
    assert [b.text for b in article.blocks if b.kind != "alt"][-1] == "Un <x1/> e il resto."


@pytest.mark.parametrize(
    ("paragraph", "shortcodes", "texts"),
    [
        (
            'Qui [outer title="Esterno"][inner title="Interno"]Il testo[/inner][/outer] e poi.',
            ['[outer title="Esterno"]', '[inner title="Interno"]', "[/inner]", "[/outer]"],
            ["Esterno", "Interno"],
        ),
        (
            "Qui [tabs][tab]Il testo[/tab][/tabs] e poi.",
            ["[tabs]", "[tab]", "[/tab]", "[/tabs]"],
            [],
        ),
    ],
)
def test_a_shortcode_opening_right_before_another_is_no_link_text(paragraph, shortcodes, texts):
    """``[outer title="a"][inner]`` was read as a reference link's text: the outer
    shortcode went to MT as words (``title=`` and its quotes for the model to rewrite)."""
    article = parse_markdown(f"# T\n\n{paragraph}\n", "pezzo")
    assert _literals(article) == shortcodes
    assert [b.text for b in article.blocks if b.kind == "alt"] == texts
    assert "[" not in article.blocks[1].text


def test_a_reference_link_is_still_no_shortcode():
    article = parse_markdown("# T\n\nLeggi [la nota][ref] oggi.\n\n[ref]: https://x.it\n", "p")
    assert not _literals(article)


@pytest.mark.parametrize(
    ("piece", "kept"),
    [("x [/a] [b] [c d] ", "[c d]"), ("x {{< y ", "{{< y"), ("x {{% y ", "{{% y")],
)
def test_a_paragraph_of_very_many_brackets_is_read_whole(piece, kept):
    """Each ``[`` or ``{{<`` looks for its shortcode's end (``{{< y`` 20,000 times without an
    end took 33 s); every bracket is kept as text. The growth with the paragraph's length is
    measured by ``make bench-scaling`` (rows ``{{< y`` and ``[/a] [b] [c d]``), not here."""
    article = parse_markdown("# T\n\n" + piece * 20_000 + "\n", "pezzo")
    assert kept in article.blocks[-1].text and not _literals(article)


def test_a_real_code_block_after_a_paragraph_stays_code():
    """Only what follows a footnote definition is its continuation."""
    article = parse_markdown("# T\n\nUn paragrafo.\n\n    codice = 1\n", "pezzo")
    assert [b.text for b in article.blocks if "code" in b.meta] == ["codice = 1\n"]
    assert not [b for b in article.blocks if b.meta.get("footnote")]


# One of each element the HTML reader leaves out but records (dom.RECORDED_SKIPS), as an
# HTML block and inside a sentence: (its HTML, where the record says it was, its text).
_RECORDED = {
    "button": ('<button class="mappa">Mostra la mappa</button>', "button.mappa", "Mostra la mappa"),
    "noscript": ("<noscript>Abilitate JavaScript</noscript>", "noscript", "Abilitate JavaScript"),
    "object": ('<object data="voto.pdf">Il voto in PDF</object>', "object", "Il voto in PDF"),
    "dialog": ("<dialog open>Accetta i cookie</dialog>", "dialog", "Accetta i cookie"),
    "select": (
        "<select><option>Roma</option><option>Milano</option></select>",
        "select",
        "Roma\nMilano",
    ),
    "textarea": ("<textarea>Il tuo commento</textarea>", "textarea", "Il tuo commento"),
}


def test_a_test_covers_each_element_the_readers_record():
    from pipeline.readers.dom import RECORDED_SKIPS

    assert set(_RECORDED) == set(RECORDED_SKIPS)


@pytest.mark.parametrize("kind", sorted(_RECORDED))
def test_an_element_left_out_of_markdown_html_is_recorded_with_its_line(kind):
    """A <button> in a Markdown HTML block or sentence was dropped without a trace (so an
    <object>'s fallback and an open <dialog>), where an HTML page records it."""
    from pipeline.readers.dom import left_out_note

    html, where, text = _RECORDED[kind]
    source = (
        "---\ntitle: La mappa dei seggi\n---\n\nIl primo paragrafo.\n\n"
        f'<div class="box">{html}</div>\n\nUn testo {html} dentro la frase.\n'
    )
    article = parse_markdown(source, "seggi")
    records = article.meta.get("left_out") or []
    assert [(r["where"], r["text"], r["line"]) for r in records] == [
        (where, text, 7),
        (where, text, 9),
    ]
    assert not any(text in b.text for b in article.blocks)  # never MT
    # (an <object> that embeds a document stays, as a marker, its fallback text recorded)
    words = [re.sub(r" ?<x\d+/>", "", b.text) for b in article.blocks]
    assert "Un testo dentro la frase." in words
    lines = 2 * (text.count("\n") + 1)  # two places; a <select>'s options a line each
    assert str(left_out_note("seggi", records)).startswith(f"{lines} paragraphs")


@pytest.mark.parametrize(
    "source",
    [
        "<form><button>Invia il commento</button></form>",
        "<div hidden><button>Mostra la mappa</button></div>",
        "Il tag `<button>Mostra la mappa</button>` disegna un pulsante.",
        "```html\n<button>Mostra la mappa</button>\n```",
    ],
    ids=["in-a-form", "hidden", "code-span", "fence"],
)
def test_a_button_no_reader_sees_among_the_text_is_not_recorded(source):
    """A form's control and a hidden button are no text of the article; one in code is
    text the article shows, kept as written."""
    article = parse_markdown(f"# La mappa\n\nIl primo paragrafo.\n\n{source}\n", "seggi")
    assert "left_out" not in article.meta


_NESTED_FOOTNOTES = """# Le note

> Una citazione con la nota[^1].
>
> [^1]: La nota nella citazione.
>
>     Il secondo paragrafo della nota nella citazione.
>
>     Leggi anche: Frana sulla via Aurelia

- Un punto con la nota[^2]
- [^2]: La nota nella lista.

      Il seguito <button>Ascolta</button> della nota nella lista.
- Un altro punto.
"""


def test_a_footnotes_continuation_in_a_quote_or_a_list_item_is_text():
    """Only a top-level footnote's indented continuation was read: in a quote or a list
    item its later paragraph stayed an indented code block, Italian in every output."""
    article = parse_markdown(_NESTED_FOOTNOTES, "note")
    later = {b.text: b.meta for b in article.blocks if b.meta.get("footnote")}
    assert later["Il secondo paragrafo della nota nella citazione."]["wrap"][0][0] == "blockquote"
    assert [w[0] for w in later["Il seguito della nota nella lista."]["wrap"]] == ["ul", "li"]
    assert not [b for b in article.blocks if "code" in b.meta]


_TOP_FOOTNOTE = """---
title: Le note
---

Il testo con una nota[^1].

[^1]: Prima nota.

    Seguito della prima nota.

    Leggi anche: Frana sulla via Aurelia

    Il seguito <button>Ascolta</button> della nota.
"""


@pytest.mark.parametrize(
    ("source", "lines"),
    [(_TOP_FOOTNOTE, (11, 13)), (_NESTED_FOOTNOTES, (9, 14))],
    ids=["top-level", "quote-and-list"],
)
def test_blocks_of_a_footnotes_continuation_have_their_file_lines(source, lines):
    """A chrome line or a left-out button in a footnote's continuation was named with a
    line counted from the continuation, not the file."""
    article = parse_markdown(source, "note")
    chrome = [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert [(b.text, b.meta["line"]) for b in chrome] == [
        ("Leggi anche: Frana sulla via Aurelia", lines[0])
    ]
    assert [(r["text"], r["line"]) for r in article.meta["left_out"]] == [("Ascolta", lines[1])]


@pytest.mark.parametrize(
    "source",
    [
        "> Un paragrafo.\n>\n>     codice = 1\n",
        "- [^1]: La nota.\n- Un punto.\n\n      codice = 1\n",
        "[^1]: La nota.\n\n>     codice = 1\n",
    ],
    ids=["quote-paragraph", "another-item", "quote-after-top-level-note"],
)
def test_code_after_no_footnote_of_its_own_quote_or_item_stays_code(source):
    article = parse_markdown(f"# T\n\nIl testo.\n\n{source}", "pezzo")
    assert [b.text for b in article.blocks if "code" in b.meta] == ["codice = 1\n"]
    assert not [b for b in article.blocks if b.meta.get("footnote")]


@pytest.mark.parametrize("rule", ["", "---\n\n"], ids=["among-text", "closing"])
def test_a_category_label_over_several_category_paragraphs_takes_them_all(rule):
    """A Markdown file's ``Categorie`` label over its front-matter category and more, one a
    paragraph (what the Markdown writer writes), took the first: ``Politica`` went to MT.
    Each known category is a category block; an unknown name after them stays text."""
    from pipeline.document import CATEGORY, UI

    source = (
        "---\ncategory: Cronaca\n---\n# Il voto\n\nIl consiglio ha votato.\n\n"
        f"{rule}Categorie\n\nCronaca\n\nPolitica\n\nEsteri\n"
    )
    blocks = [(b.kind, b.text) for b in parse_markdown(source, "a").blocks]
    at = blocks.index((UI, "Categorie"))
    assert blocks[at + 1 :] == [(CATEGORY, n) for n in ("Cronaca", "Politica", "Esteri")]
    text = parse_markdown(source.replace("Esteri", "Il sindaco ha parlato."), "a").blocks
    assert [(b.kind, b.text) for b in text][-1] == ("paragraph", "Il sindaco ha parlato.")


@pytest.mark.parametrize("label", ["Categorie", "Categorie:"])
def test_a_category_label_over_its_categories_on_following_lines_takes_them_all(label):
    """``Categorie:`` then one category a line, joined by single newlines (one Markdown
    paragraph), was one paragraph of text for MT; under a front-matter category it is the
    label and every category, as when each stands in a paragraph of its own. Without a
    front-matter category, or with a line no category, the paragraph stays text."""
    from pipeline.document import CATEGORY, UI

    body = f"# Il voto\n\nIl consiglio ha votato.\n\n{label}\nCronaca\nPolitica\nEsteri\n"
    blocks = [
        (b.kind, b.text) for b in parse_markdown(f"---\ncategory: Cronaca\n---\n{body}", "a").blocks
    ]
    assert blocks[-4:] == [(UI, label)] + [(CATEGORY, n) for n in ("Cronaca", "Politica", "Esteri")]
    for source, last_line in (
        (body, "Esteri"),
        (f"---\ncategory: Cronaca\n---\n{body}", "Il sindaco"),
    ):
        source = source.replace("Esteri", last_line)
        last = parse_markdown(source, "a").blocks[-1]
        assert (last.kind, last.text) == ("paragraph", f"{label} Cronaca Politica {last_line}")


@pytest.mark.parametrize(
    ("written", "label"),
    [
        ("Categorie: Cronaca, Politica, Esteri", "Categorie:"),
        ("Categorie\nCronaca, Politica, Esteri", "Categorie"),
        ("Categorie: Cronaca · Politica | Esteri", "Categorie:"),
    ],
    ids=["on-the-label-line", "under-the-label", "dot-and-bar"],
)
def test_a_category_label_over_categories_separated_on_one_line_takes_them_all(written, label):
    """``Categorie: Cronaca, Politica, Esteri`` (or the names under the label, separated by
    ``,``, ``·`` or ``|``) was one paragraph sent to MT whole: a model's "Chronicle,
    Politics" contradicted the page's own category. Under a front-matter category it is the
    label and every category, localised from the catalogs as one a line is; a name no
    category (``Pippo``) leaves the paragraph text, as one a line does."""
    from pipeline.document import CATEGORY, UI

    source = f"---\ncategory: Cronaca\n---\n# Il voto\n\nIl consiglio ha votato.\n\n{written}\n"
    blocks = [(b.kind, b.text) for b in parse_markdown(source, "a").blocks]
    assert blocks[-4:] == [(UI, label)] + [(CATEGORY, n) for n in ("Cronaca", "Politica", "Esteri")]
    unknown = parse_markdown(source.replace("Esteri", "Pippo"), "a").blocks[-1]
    assert unknown.kind == "paragraph" and "Pippo" in unknown.text and "Politica" in unknown.text


def test_categories_separated_on_one_line_are_localised_never_mt(tmp_path):
    """The translated outputs show the catalog's names (``News``, ``Politics``), and the
    text MT sees holds none of the line."""
    from format_fixtures import translated

    from pipeline.writers.text import render_text

    path = tmp_path / "c.md"
    path.write_text(
        "---\ncategory: Cronaca\n---\n# Il voto\n\nIl consiglio ha votato.\n\n"
        "Categorie: Cronaca, Politica, Esteri\n",
        encoding="utf-8",
    )
    article, fakes = translated(path, mode="upper", langs=("en",))
    assert not any("Cronaca" in s or "Politica" in s for s in fakes["en"].seen)
    lines = render_text(article, "en").split("\n")
    assert lines[-8:-1] == ["Categories:", "", "News", "", "Politics", "", "International"]


@pytest.mark.parametrize(
    ("notes", "texts"),
    [
        ("[^1]: Prima nota.\n[^2]: Seconda nota.\n", ["Prima nota.", "Seconda nota."]),
        (  # each label defined twice: four notes, four segments
            "[^1]: Prima nota.\n[^1]: Nota doppia.\n[^2]: Seconda nota.\n[^2]: Seconda doppia.\n",
            ["Prima nota.", "Nota doppia.", "Seconda nota.", "Seconda doppia."],
        ),
        ("> [^1]: Prima nota.\n> [^2]: Seconda nota.\n", ["Prima nota.", "Seconda nota."]),
    ],
    ids=["consecutive", "duplicate-labels", "in-a-quote"],
)
def test_footnote_definitions_on_consecutive_lines_are_a_block_each(notes, texts):
    """``[^1]: testo`` / ``[^2]: altro`` on consecutive lines (no blank line, how they are
    usually written) were one paragraph and one segment, four notes hanging on one MT
    output keeping four placeholders in order: each definition is a block and a segment
    of its own, as markdown-it's footnote plugin reads them, its label never text."""
    from pipeline.markup import MARKER
    from pipeline.segment import segment_article

    source = f"# Le note\n\nTesto con nota[^1] e altra[^2].\n\n{notes}"
    article = segment_article(parse_markdown(source, "note"))
    read = [b for b in article.blocks if "]:" in str(b.meta.get("markup"))]
    assert [MARKER.sub("", b.text).strip() for b in read] == texts
    entries = [e for b in read for e in b.meta["markup"].values()]
    assert len(entries) == len(texts) and all(e["footnote"]["note"] for e in entries)
    assert [len(b.segments) for b in read] == [1] * len(texts)


def test_a_footnote_definition_on_the_line_after_text_is_a_note_of_its_own():
    """``Testo con nota[^1].`` + newline + ``[^1]: La nota.``: the definition ends the
    paragraph, as in the footnote plugin (was: the note's text in the paragraph's)."""
    from pipeline.markup import MARKER

    article = parse_markdown("# T\n\nTesto con nota[^1].\n[^1]: La nota.\n", "nota")
    texts = [MARKER.sub("", b.text).strip() for b in article.blocks[1:]]
    assert texts == ["Testo con nota.", "La nota."]


def test_a_second_category_label_in_the_text_is_read_as_the_first():
    """The review's file: ``Categorie: Cronaca, Politica, Esteri`` then ``Categorie`` +
    newline + ``Cronaca, Politica``; the second label and its names went to MT (only the
    first label was read)."""
    from pipeline.document import CATEGORY, UI

    source = (
        "---\ntitle: Voto\ncategory: Cronaca\n---\n\nIl governo ha approvato il decreto.\n\n"
        "Categorie: Cronaca, Politica, Esteri\n\nCategorie\nCronaca, Politica\n"
    )
    blocks = [(b.kind, b.text) for b in parse_markdown(source, "c").blocks]
    assert blocks[2:] == [
        (UI, "Categorie:"),
        *[(CATEGORY, n) for n in ("Cronaca", "Politica", "Esteri")],
        (UI, "Categorie"),
        *[(CATEGORY, n) for n in ("Cronaca", "Politica")],
    ]


def test_two_category_labels_read_back_from_the_markdown_output(tmp_path):
    """``ID.LANG.md`` writes both labels with their categories after the closing rule;
    read back, they are the same blocks, the rule gone (was: the rule a raw ``<hr>``
    block, the second label's categories missed)."""
    from format_fixtures import translated

    from pipeline.document import CATEGORY, UI
    from pipeline.writers import render_markdown

    path = tmp_path / "c.md"
    path.write_text(
        "---\ntitle: Voto\ncategory: Cronaca\n---\n\nIl governo ha approvato il decreto.\n\n"
        "Categorie: Cronaca, Politica, Esteri\n\nCategorie\nCronaca, Politica\n",
        encoding="utf-8",
    )
    article, _ = translated(path, mode="upper", langs=("en",))
    again = parse_markdown(render_markdown(article, "en"), "c", "en").blocks
    assert [(b.kind, b.text) for b in again][2:] == [
        (UI, "Categories:"),
        *[(CATEGORY, n) for n in ("News", "Politics", "International")],
        (UI, "Categories"),
        *[(CATEGORY, n) for n in ("News", "Politics")],
    ]
