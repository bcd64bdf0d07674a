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
