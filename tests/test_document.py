"""Document model: JSON round trip, schema versioning, block text invariants."""

from __future__ import annotations

import json

import pytest

from pipeline.document import (
    SCHEMA_VERSION,
    Article,
    Block,
    Finding,
    Segment,
    Translation,
    make_segment_id,
)
from pipeline.errors import InputError


def _article() -> Article:
    seg1 = Segment(
        id="b2.s1",
        source="Kim ha detto «\u00a0basta\u00a0».",
        space_after=" ",
        translations={"en": Translation("Kim said “enough”.", "mt", "m@rev", ["typography"])},
        findings=[Finding("number", "error", "missing 10,000", "en", (3, 9))],
    )
    seg2 = Segment(
        id="b2.s2", source="Foto: AFP.", translations={"en": Translation("Photo: AFP.", "memory")}
    )
    ui = Segment(
        id="b3.s1",
        source="Laisser un commentaire",
        msgid="Leave a Reply",
        domain="messages",
        translations={"en": Translation("Leave a Reply", "catalog", "messages")},
    )
    return Article(
        id="kim",
        source_lang="it",
        target_langs=["en"],
        meta={"title": "Titolo", "date": "2024-11-30"},
        signatures={"en": {"model_id": "m", "revision": "rev"}},
        blocks=[
            Block("b1", "title", "Titolo", [Segment("b1.s1", "Titolo")]),
            Block("b2", "caption", "Kim ha detto «\u00a0basta\u00a0». Foto: AFP.", [seg1, seg2]),
            Block("b3", "ui", "Laisser un commentaire", [ui]),
        ],
    )


def test_json_round_trip_is_lossless():
    article = _article()
    data = json.loads(json.dumps(article.to_dict(), ensure_ascii=False))
    again = Article.from_dict(data)
    assert again == article
    assert again.to_dict() == article.to_dict()


def test_a_translators_note_is_kept_apart_from_findings_through_json():
    article = _article()
    seg = article.blocks[1].segments[1]
    seg.notes["en"] = ["Agency to confirm", "Check the date"]
    data = json.loads(json.dumps(article.to_dict(), ensure_ascii=False))
    written = data["blocks"][1]["segments"][1]
    assert written["notes"] == {"en": ["Agency to confirm", "Check the date"]}
    assert written["findings"] == []
    again = Article.from_dict(data)
    assert again.blocks[1].segments[1].notes == {"en": ["Agency to confirm", "Check the date"]}
    assert "notes" not in data["blocks"][1]["segments"][0]  # none: no key (older readers)


def test_a_note_an_older_document_kept_as_a_finding_is_read_as_a_note():
    """Documents written before Segment.notes held a translator's note as a
    ``translator_note`` finding, which QA reports and bundle policy then showed."""
    data = _article().to_dict()
    seg = data["blocks"][1]["segments"][0]
    seg["findings"].append(
        {"check": "translator_note", "severity": "info", "message": "Agency?", "lang": "en"}
    )
    seg["findings"].append(
        {"check": "translator_note", "severity": "info", "message": "Agency?", "lang": "en"}
    )
    seg["notes"] = {"fr": ["Vérifier"]}
    again = Article.from_dict(data).blocks[1].segments[0]
    assert again.notes == {"fr": ["Vérifier"], "en": ["Agency?"]}
    assert [f.check for f in again.findings] == ["number"]


@pytest.mark.parametrize("notes", [{"en": "Agency"}, {"en": [5]}, {"??": ["x"]}, ["x"]])
def test_a_wrong_typed_translators_note_is_an_input_error(notes):
    data = _article().to_dict()
    data["blocks"][1]["segments"][0]["notes"] = notes
    with pytest.raises(InputError, match="^a.json: "):
        Article.from_dict(data, "a.json")


def test_serialised_document_carries_schema_and_version():
    data = _article().to_dict()
    assert data["schema"] == "mtpipe.article"
    assert data["version"] == SCHEMA_VERSION


def test_unknown_schema_version_is_rejected_with_advice():
    data = _article().to_dict()
    data["version"] = SCHEMA_VERSION + 1
    with pytest.raises(InputError, match="re-run"):
        Article.from_dict(data)


def test_foreign_json_is_not_taken_for_a_document():
    with pytest.raises(InputError, match="not an mtpipe document"):
        Article.from_dict({"hello": "world"})


def test_unknown_block_kind_is_rejected():
    data = _article().to_dict()
    data["blocks"][0]["kind"] = "sidebar"
    with pytest.raises(InputError, match="sidebar"):
        Article.from_dict(data)


def test_target_text_joins_translations_with_source_spacing():
    block = _article().blocks[1]
    assert block.target_text("en") == "Kim said “enough”. Photo: AFP."
    # a language without translations falls back to the source text, spacing kept
    assert block.target_text("fr") == block.text


def test_text_segments_exclude_chrome():
    article = _article()
    ids = [s.id for s in article.text_segments()]
    assert ids == ["b1.s1", "b2.s1", "b2.s2"]
    assert article.block_of("b3.s1").is_chrome


def test_segment_ids_are_stable_from_block_and_position():
    assert make_segment_id("b4", 2) == "b4.s2"


@pytest.mark.parametrize("bad_id", ["../../etc/x", "/abs", "", "a/b", ".hidden", "a..b"])
def test_document_ids_that_could_leave_the_output_folder_are_rejected(bad_id):
    data = _article().to_dict()
    data["id"] = bad_id
    with pytest.raises(InputError, match="id: .*plain name"):
        Article.from_dict(data)


def test_segments_that_do_not_join_back_to_the_block_are_rejected():
    data = _article().to_dict()
    data["blocks"][1]["segments"][0]["source"] = "Kim ha detto altro."
    with pytest.raises(InputError, match="do not join back"):
        Article.from_dict(data)


def test_duplicate_segment_ids_and_wrong_types_are_rejected():
    data = _article().to_dict()
    data["blocks"][1]["segments"][1]["id"] = "b2.s1"
    with pytest.raises(InputError, match="appears twice"):
        Article.from_dict(data)
    data = _article().to_dict()
    data["blocks"] = 5
    with pytest.raises(InputError, match="blocks: expected `array`, got `int`"):
        Article.from_dict(data)
    data = _article().to_dict()
    data["blocks"][0]["text"] = None
    with pytest.raises(InputError, match=r"blocks\[0\].text: expected `str`, got `null`"):
        Article.from_dict(data)


def test_a_language_a_translator_wrote_throughout_is_no_noise() -> None:
    """A tiny model's run whose every target was post-edited no longer says "noise"."""
    from qa_fixtures import sample_article

    doc = sample_article()
    doc.signatures = {lang: {"model": "tiny", "tiny": True} for lang in ("en", "fr")}
    for seg in doc.text_segments():
        seg.translations["en"].origin = "human"
    assert doc.noise_langs() == ["fr"]
    doc.text_segments()[0].translations["en"].origin = "memory"  # the tiny model's MT cache
    assert doc.noise_langs() == ["en", "fr"]


# --- untrusted document JSON (jsonin, round 6) ---------------------------------------------

_HOSTILE = {
    "schema": "mtpipe.article",
    "version": 1,
    "id": "a",
    "source_lang": "it",
    "target_langs": ["en"],
    "meta": {"title": "T"},
    "signatures": {},
    "blocks": [
        {
            "id": "b1",
            "kind": "paragraph",
            "text": "Ciao <g1>mondo</g1> <g2>alert(0)</g2><x3/>.",
            "meta": {
                "tag": "p",
                "attrs": {"class": "x", "onmouseover": "alert(1)"},
                "wrap": [["div", "g1", {"OnClick": "alert(2)"}]],
                "markup": {
                    "1": {"tag": "a", "attrs": {"href": " JaVaScript:alert(3)", "title": "t"}},
                    "2": {"tag": "script", "attrs": {}},
                    "3": {"tag": None, "html": "<img src=x onerror=alert(4)><script>s5</script>ok"},
                },
            },
        },
        {
            "id": "b2",
            "kind": "raw",
            "text": "<!-- wp:html --><iframe srcdoc='<b>6</b>' src='javascript:alert(7)'></iframe>"
            "<style>body{}</style><script>alert(8)</script>",
        },
        {"id": "b3", "kind": "caption", "text": "c", "meta": {"image": {"src": "javascript:9"}}},
        {
            "id": "b4",
            "kind": "paragraph",
            "text": "x",
            "meta": {"tag": "p", "attrs": {"style": "background:url(javascript:alert(10))"}},
        },
    ],
}


def test_document_json_markup_is_held_to_the_html_readers_rules(tmp_path):
    import copy

    from pipeline.writers import render_outputs

    article = Article.from_dict(copy.deepcopy(_HOSTILE), "a.json")
    outputs = render_outputs(article, tmp_path, {"md", "html"})
    assert len(outputs) == 2
    for text in outputs.values():
        low = text.lower()
        for bad in ("onmouseover", "onclick", "onerror", "javascript:", "<script", "<style",
                    "srcdoc", "alert(8)"):  # fmt: skip
            assert bad not in low, (bad, text)
        assert "mondo" in text and "alert(0)" in text and "ok" in text  # no words dropped
        assert "<!-- wp:html --><iframe" in text  # an embed stays, as the HTML reader keeps it
    assert 'class="x"' in outputs[tmp_path / "a.en.html"]


def _paths(value, at=()):
    yield at
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*at, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*at, i))


_FULL = {
    **_HOSTILE,
    "signatures": {"en": {"model": "m", "tiny": True}},
    "blocks": [
        {
            **_HOSTILE["blocks"][0],
            "segments": [
                {
                    "id": "b1.s1",
                    "source": "Ciao <g1>mondo</g1> <g2>alert(0)</g2><x3/>.",
                    "translations": {
                        "en": {"text": "Hi <g1>world</g1><x3/>.", "origin": "mt", "score": -0.5}
                    },
                    "findings": [
                        {
                            "check": "x",
                            "severity": "info",
                            "message": "m",
                            "lang": "en",
                            "span": [0, 1],
                            "left_out": ["1"],
                        }
                    ],  # fmt: skip
                    "protected": [{"span": [0, 1], "kind": "url", "targets": {"en": "C"}}],
                    "notes": {"en": ["Agency to confirm"]},
                }
            ],
        },
        {"id": "b2", "kind": "raw", "text": "```x```", "meta": {"code": {"info": "py"}}},
        {"id": "b3", "kind": "caption", "text": "c", "meta": {"image": {"src": "a.png"}}},
    ],
}
_WRONG = [None, 5, -1, 10**400, 1.5, True, "s", "", [], {}, [1], {"a": 1}, [None], {"x": None}]


def test_any_wrong_typed_field_of_a_document_json_is_an_input_error_not_a_traceback(tmp_path):
    import contextlib
    import copy

    from pipeline.writers import render_outputs

    Article.from_dict(copy.deepcopy(_FULL), "a.json")
    tried = 0
    for at in [p for p in _paths(_FULL) if p]:
        for value in _WRONG:
            doc = copy.deepcopy(_FULL)
            holder = doc
            for step in at[:-1]:
                holder = holder[step]
            holder[at[-1]] = value
            tried += 1
            try:
                article = Article.from_dict(doc, "a.json")
            except InputError as exc:
                assert str(exc).startswith("a.json: ") and "\n" not in str(exc)
                continue
            with contextlib.suppress(InputError):  # what was let through must render
                render_outputs(article, tmp_path, {"json", "md", "html", "txt", "jsonl"})
    assert tried > 500


def test_a_wrong_typed_block_meta_names_the_file_and_field():
    import copy

    doc = copy.deepcopy(_FULL)
    doc["blocks"][1]["meta"]["code"] = 5
    with pytest.raises(InputError, match=r"^a\.json: block 'b2': meta: code: "):
        Article.from_dict(doc, "a.json")
