"""WordPress block-editor content whose text lives outside the plain paragraphs.

Footnotes (WordPress >= 6.3) keep their text in the post's ``meta.footnotes``, not in
``content.raw``; each must be read, translated, shown in every output and given back in
the ``.wp.json`` ``meta.footnotes``. ``FakeTranslator`` upper-cases what it is sent, so
upper case in an output is text that went to MT.
"""

from __future__ import annotations

import json

import pytest
from format_fixtures import seen_by_models, translated

from pipeline.errors import InputError
from pipeline.writers import render_html, render_markdown, render_text, render_wordpress

FN1 = "a1b2c3d4-0000-4000-8000-000000000001"
FN2 = "a1b2c3d4-0000-4000-8000-000000000002"


def _post(tmp_path, content: str, meta: dict | None = None, field: str = "raw"):
    post = {
        "id": 7,
        "slug": "rapporto",
        "title": {"rendered": "Il rapporto della commissione"},
        "content": {field: content},
    }
    if meta is not None:
        post["meta"] = meta
    path = tmp_path / "post.json"
    path.write_text(json.dumps(post), encoding="utf-8")
    return path


def _ref(fid: str, n: int) -> str:
    return f'<sup data-fn="{fid}" class="fn"><a href="#{fid}" id="{fid}-link">{n}</a></sup>'


FN_BODY = (
    f"<!-- wp:paragraph -->\n<p>Il sindaco ha citato il rapporto{_ref(FN1, 1)} e la legge"
    f"{_ref(FN2, 2)} della regione.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:footnotes /-->"
)
FN_META = {
    "footnotes": json.dumps(
        [
            {"id": FN1, "content": "Rapporto della commissione, <em>marzo</em> 2024."},
            {"id": FN2, "content": 'Legge regionale n. 5, <a href="https://x.it/l5">testo</a>.'},
        ]
    )
}


def test_wordpress_footnotes_are_translated_in_every_output(tmp_path):
    article, _ = translated(_post(tmp_path, FN_BODY, FN_META))
    for render in (render_text, render_markdown, render_html):
        out = render(article, "en")
        assert "RAPPORTO DELLA COMMISSIONE, " in out
        assert "LEGGE REGIONALE N. 5" in out
        assert "Legge regionale" not in out


def test_wordpress_footnotes_go_back_to_meta_footnotes(tmp_path):
    article, _ = translated(_post(tmp_path, FN_BODY, FN_META))
    post = json.loads(render_wordpress(article, "fr"))
    notes = json.loads(post["meta"]["footnotes"])
    assert [n["id"] for n in notes] == [FN1, FN2]
    assert notes[0]["content"] == "RAPPORTO DELLA COMMISSIONE, <em>MARZO</em> 2024."
    assert notes[1]["content"] == 'LEGGE REGIONALE N. 5, <a href="https://x.it/l5">TESTO</a>.'
    # the block comment stays; WordPress renders the list from meta, so no second copy
    assert post["content"].rstrip().endswith("<!-- wp:footnotes /-->")
    assert "wp-block-footnotes" not in post["content"]


def test_rendered_wordpress_footnotes_are_not_read_twice(tmp_path):
    body = f'<p>Testo{_ref(FN1, 1)}.</p><ol class="wp-block-footnotes"><li id="{FN1}">Nota.</li>'
    meta = {"footnotes": '[{"id": "x", "content": "Nota."}]'}
    article, _ = translated(_post(tmp_path, body + "</ol>", meta, "rendered"))
    assert render_text(article, "en").count("NOTA.") == 1
    assert "footnotes" not in json.loads(render_wordpress(article, "en")).get("meta", {})


@pytest.mark.parametrize("bad", ['[{"id": 1}]', "{not json", json.dumps({"id": "x"})])
def test_unreadable_wordpress_footnotes_are_refused_naming_the_field(tmp_path, bad):
    with pytest.raises(InputError, match="meta.footnotes"):
        translated(_post(tmp_path, FN_BODY, {"footnotes": bad}))


VERSE = (
    '<!-- wp:verse -->\n<pre class="wp-block-verse">Mi illumino\nd\'<em>immenso\nper sempre</em>'
    "\n</pre>\n<!-- /wp:verse -->"
)


def test_a_verse_block_is_translated_with_its_line_breaks(tmp_path):
    body = f"<!-- wp:paragraph -->\n<p>Il poeta scrisse.</p>\n<!-- /wp:paragraph -->\n{VERSE}"
    article, _ = translated(_post(tmp_path, body))
    content = json.loads(render_wordpress(article, "en"))["content"]
    verse = '<pre class="wp-block-verse">MI ILLUMINO<br>D\'<em>IMMENSO<br>PER SEMPRE</em></pre>'
    assert f"<!-- wp:verse -->\n{verse}\n<!-- /wp:verse -->" in content
    assert "MI ILLUMINO\nD'IMMENSO\nPER SEMPRE\n" in render_text(article, "en")


def test_a_verse_on_an_html_page_is_text_and_code_stays_code(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><article><h1>La poesia del giorno</h1>"
        "<p>Il poeta ha scritto questi versi durante la guerra, nel 1917, al fronte.</p>"
        '<pre class="wp-block-verse">Si sta come\nsugli alberi</pre><pre>codice = 1\nriga = 2</pre>'
        "<p>La poesia fu pubblicata nella raccolta del poeta l'anno seguente.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    article, _ = translated(page)
    html = render_html(article, "fr")
    assert '<pre class="wp-block-verse">SI STA COME<br>SUGLI ALBERI</pre>' in html
    assert "<pre>codice = 1\nriga = 2</pre>" in html


DYNAMIC = (
    "<!-- wp:paragraph -->\n<p>Il comune ha pubblicato il regolamento.</p>\n<!-- /wp:paragraph -->"
    '\n<!-- wp:search {"label":"Cerca nel regolamento","showLabel":false,"buttonText":"Cerca",'
    '"className":"a\\u002d\\u002db"} /-->\n<!-- wp:read-more {"content":"Leggi tutto"} /-->\n'
    '<!-- wp:query-pagination-next {"label":"Pagina successiva"} /-->\n'
    '<!-- wp:heading {"level":3} -->\n<h3>Le novità</h3>\n<!-- /wp:heading -->'
)


def test_dynamic_blocks_wording_is_left_to_wordpress_never_mt(tmp_path, capsys):
    from pipeline.readers.dom import left_out_note

    article, fakes = translated(_post(tmp_path, DYNAMIC))
    for lang in ("en", "fr"):
        content = json.loads(render_wordpress(article, lang))["content"]
        assert '<!-- wp:search {"showLabel":false,"className":"a\\u002d\\u002db"} /-->' in content
        assert "<!-- wp:read-more /-->" in content
        assert "<!-- wp:query-pagination-next /-->" in content
        assert '<!-- wp:heading {"level":3} -->' in content
        assert "Cerca" not in content and "CERCA" not in content and "Leggi" not in content
    assert "Cerca nel regolamento" in render_html(article, "it")  # the source keeps its own
    seen = seen_by_models(fakes)
    assert "Cerca" not in seen and "Leggi tutto" not in seen and "Pagina" not in seen
    note = left_out_note(article.id, article.meta["left_out"])
    assert "wp:search label" in note and "wp:read-more content" in note
    assert "furniture" not in note


def test_a_verse_in_a_markdown_html_block_is_translated(tmp_path):
    path = tmp_path / "versi.md"
    path.write_text(
        "---\ntitle: La poesia\n---\n\nIl poeta scrisse questi versi al fronte.\n\n"
        '<pre class="wp-block-verse">Mi illumino\ndi immenso</pre>\n\nFine del testo.\n',
        encoding="utf-8",
    )
    article, _ = translated(path)
    assert '<pre class="wp-block-verse">MI ILLUMINO<br>DI IMMENSO</pre>' in render_markdown(
        article, "en"
    )
    assert "MI ILLUMINO\nDI IMMENSO\n" in render_text(article, "en")
