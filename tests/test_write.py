"""Writers: per-language text/Markdown, aligned JSONL, document JSON, atomic writes."""

from __future__ import annotations

import hashlib
import json

import pytest

from pipeline.document import Article, Block, Segment, Translation, content_digest
from pipeline.errors import OutputError
from pipeline.write import aligned_records, render_markdown, render_text, write_article


def _tr(text: str, origin: str = "mt") -> dict[str, Translation]:
    return {"en": Translation(text, origin)}


def _article() -> Article:
    return Article(
        id="kim",
        source_lang="it",
        target_langs=["en"],
        signatures={"en": {"model": "tiny", "revision": "local", "tiny": True}},
        blocks=[
            Block(
                "b1",
                "ui",
                "Catégories",
                [
                    Segment(
                        "b1.s1",
                        "Catégories",
                        translations=_tr("Categories", "catalog"),
                        msgid="Categories",
                    )
                ],
            ),
            Block(
                "b2",
                "category",
                "italie",
                [Segment("b2.s1", "italie", translations=_tr("Italy", "catalog"), msgid="Italy")],
            ),
            Block("b3", "title", "Titolo", [Segment("b3.s1", "Titolo", translations=_tr("Title"))]),
            Block(
                "b4",
                "paragraph",
                "Uno.  Due.",
                [
                    Segment("b4.s1", "Uno.", "  ", translations=_tr("One.")),
                    Segment("b4.s2", "Due.", translations=_tr("Two.", "memory")),
                ],
            ),
            Block(
                "b5",
                "caption",
                "Foto: AFP.",
                [Segment("b5.s1", "Foto: AFP.", translations=_tr("Photo: AFP."))],
            ),
            Block(
                "b6",
                "ui",
                "Laisser un commentaire",
                [
                    Segment(
                        "b6.s1",
                        "Laisser un commentaire",
                        translations=_tr("Leave a Reply", "catalog"),
                        msgid="Leave a Reply",
                    )
                ],
            ),
        ],
    )


def test_text_output_keeps_block_order_spacing_and_chrome():
    text = render_text(_article(), "en")  # made by a tiny model: its first line says so
    noise = "[machine translation by a tiny random test model: this text is noise]\n\n"
    body = "Categories\n\nItaly\n\nTitle\n\nOne.  Two.\n\nPhoto: AFP.\n\nLeave a Reply\n"
    assert text == noise + body
    assert render_text(_article(), "it").startswith("Catégories\n\nitalie\n\nTitolo")


def test_markdown_has_front_matter_title_caption_and_footer():
    md = render_markdown(_article(), "en")
    head, body = md.split("\n---\n", 1)
    assert '"category": ' not in head  # keys are plain YAML, values JSON-quoted
    assert 'category: "Italy"' in head and 'title: "Title"' in head
    assert "noise" in head  # tiny-model output is labelled
    assert "# Title" in body and "*Photo: AFP.*" in body
    assert body.rstrip().endswith("Leave a Reply")


def test_write_article_outputs_and_aligned_records(tmp_path):
    paths = write_article(_article(), tmp_path)
    names = sorted(p.name for p in paths)
    assert names == ["kim.aligned.jsonl", "kim.en.html", "kim.en.md", "kim.en.txt", "kim.json"]
    assert paths[-1].name == "kim.json"  # the completion marker is written last
    rows = [json.loads(x) for x in (tmp_path / "kim.aligned.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == [
        "b1.s1",
        "b2.s1",
        "b3.s1",
        "b4.s1",
        "b4.s2",
        "b5.s1",
        "b6.s1",
    ]
    assert rows[0]["origin"] == {"en": "catalog"} and rows[0]["msgid"] == "Categories"
    assert rows[4]["origin"] == {"en": "memory"} and rows[4]["en"] == "Two."
    assert rows[3]["kind"] == "paragraph" and rows[3]["src"] == "Uno."
    doc = Article.from_dict(json.loads((tmp_path / "kim.json").read_text()))
    digests = doc.meta.pop("output_digests")
    assert doc == _article()
    # each output's sha256 as written: the next run tells a hand-edited output (hostile37 #3)
    own = digests.pop("kim.json")  # the document's content (all but meta): review37 P1
    assert digests == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths[:-1]}
    assert own == content_digest(doc)


def test_unknown_format_is_an_output_error(tmp_path):
    with pytest.raises(OutputError, match="docx"):
        write_article(_article(), tmp_path, formats=["docx"])


def test_chrome_rows_carry_the_language_the_string_was_found_in():
    article = _article()
    article.blocks[0].segments[0].lang = "fr"
    rows = {r["id"]: r for r in aligned_records(article)}
    assert rows["b1.s1"]["src_lang"] == "fr"  # "Catégories" on an Italian page
    assert rows["b3.s1"]["src_lang"] == "it"


def test_an_error_rendering_the_json_leaves_the_previous_outputs(tmp_path, monkeypatch):
    from pipeline.writers import WRITERS, Writer

    write_article(_article(), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    changed = _article()
    changed.blocks[0].segments[0].translations["en"] = _tr("Changed")["en"]

    def broken(article):
        raise ValueError("cannot serialise")

    monkeypatch.setitem(WRITERS, "json", Writer("json", "json", broken, per_lang=False))
    with pytest.raises(ValueError):
        write_article(changed, tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_every_output_of_a_tiny_model_says_its_text_is_noise():
    """The WordPress post (`ID.LANG.wp.json`) was the one output that did not say it."""
    from pipeline.document import NOISE_NOTE
    from pipeline.writers import render_html, render_wordpress

    article = _article()  # translated into en by a tiny random model
    article.meta["wordpress"] = {"id": 7, "content_field": "rendered"}
    post = json.loads(render_wordpress(article, "en"))
    assert post["mtpipe_warning"] == NOISE_NOTE
    assert post["content"].startswith(f"<!-- {NOISE_NOTE} -->")
    assert NOISE_NOTE in render_text(article, "en") and NOISE_NOTE in render_html(article, "en")
    assert "noise" in render_markdown(article, "en").split("\n---\n", 1)[0]
    article.signatures["en"]["tiny"] = False  # a real model: no warning anywhere
    post = json.loads(render_wordpress(article, "en"))
    assert "mtpipe_warning" not in post and "noise" not in post["content"]


def test_writing_a_txt_page_imports_no_html_or_markdown_reader(fresh_python, tmp_path):
    """The writers share names with the Markdown reader (pipeline.markdown_syntax), not its
    module: importing them, and writing every output of a .txt page, loads neither lxml nor
    the HTML/Markdown readers (was: ~75 ms of imports in every translate)."""
    page = tmp_path / "pagina.txt"
    page.write_text("Il titolo\n\nIl ministro ha parlato ieri a Roma.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "import pipeline.writers\n"
        "heavy = ('lxml', 'markdown_it', 'pipeline.readers.markdown', 'pipeline.readers.html',"
        " 'pipeline.readers.dom')\n"
        "after_import = [m for m in heavy if m in sys.modules]\n"
        "from pipeline.document import Translation\n"
        "from pipeline.readers import read_article\n"
        f"article = read_article({str(page)!r})\n"
        "article.target_langs = ['en']\n"
        "article.signatures = {'en': {'model': 'tiny', 'revision': 'local', 'tiny': True}}\n"
        "for block in article.blocks:\n"
        "    for seg in block.segments:\n"
        "        seg.translations['en'] = Translation(seg.text.upper(), 'mt')\n"
        f"paths = pipeline.writers.write_article(article, {str(tmp_path / 'out')!r})\n"
        "print(len(paths), after_import, [m for m in heavy if m in sys.modules])\n"
    )
    assert fresh_python(code) == "5 [] []"
