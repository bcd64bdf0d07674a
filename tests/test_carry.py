"""Human edits carried into a retranslation land on their sentence, wherever it moved.

Segment ids are positions (``b3.s2``): inserting, deleting or moving a sentence or
paragraph shifts them, so :func:`carry_human_edits` matches on the source text.
"""

from __future__ import annotations

from pipeline.document import Article, Block, Segment, Translation
from pipeline.interchange.carry import carry_human_edits

A = "Il governo ha approvato la legge."
B = "La seduta è durata tre ore."
C = "Il voto finale è previsto domani."
D = "L'opposizione ha protestato."
E = "Una frase nuova aggiunta dopo."
HUMAN = {A: "Gouvernement humain.", B: "Séance humaine.", C: "Vote humain.", D: "Opposition."}


def _article(*paragraphs: list[str], human: bool = False) -> Article:
    blocks = []
    for b, sentences in enumerate(paragraphs, 1):
        segs = []
        for s, text in enumerate(sentences, 1):
            seg = Segment(f"b{b}.s{s}", text, " ")
            if human and text in HUMAN:
                seg.translations["fr"] = Translation(HUMAN[text], "human", translator="ann")
            segs.append(seg)
        blocks.append(Block(f"b{b}", "paragraph", " ".join(sentences), segs))
    return Article("art", "it", blocks)


def _fr(article: Article) -> dict[str, str | None]:
    return {
        s.id: (t.text if (t := s.translations.get("fr")) and t.is_human else None)
        for s in article.segments()
    }


def _carry(before: Article, after: Article) -> tuple[int, list[str]]:
    lines: list[str] = []
    return carry_human_edits(after, before, log=lines.append), lines


def test_carry_keeps_edits_on_their_sentence_when_one_is_inserted_before():
    before = _article([A, B], [C], human=True)
    after = _article([E, A, B], [C])
    assert _carry(before, after) == (3, [])
    assert _fr(after) == {
        "b1.s1": None, "b1.s2": HUMAN[A], "b1.s3": HUMAN[B], "b2.s1": HUMAN[C]
    }  # fmt: skip


def test_carry_keeps_edits_when_a_paragraph_is_inserted_before():
    before = _article([A, B], [C], human=True)
    after = _article([E], [A, B], [C])
    assert _carry(before, after) == (3, [])
    assert _fr(after) == {"b1.s1": None, "b2.s1": HUMAN[A], "b2.s2": HUMAN[B], "b3.s1": HUMAN[C]}


def test_carry_reports_the_edit_of_a_deleted_sentence_in_one_line():
    before = _article([A, B], [C], human=True)
    after = _article([B], [C])
    carried, lines = _carry(before, after)
    assert carried == 2
    assert _fr(after) == {"b1.s1": HUMAN[B], "b2.s1": HUMAN[C]}
    assert len(lines) == 1 and "\n" not in lines[0]
    assert "1 human translation(s)" in lines[0] and "no longer in the article" in lines[0]
    assert "b1.s1 (fr)" in lines[0]


def test_carry_reports_the_edit_of_a_changed_sentence():
    before = _article([A, B], human=True)
    after = _article([A, B.replace("tre", "quattro")])
    carried, lines = _carry(before, after)
    assert (carried, _fr(after)) == (1, {"b1.s1": HUMAN[A], "b1.s2": None})
    assert "b1.s2 (fr)" in lines[0]


def test_carry_follows_two_reordered_paragraphs():
    before = _article([A, B], [C, D], human=True)
    after = _article([C, D], [A, B])
    assert _carry(before, after) == (4, [])
    assert _fr(after) == {
        "b1.s1": HUMAN[C], "b1.s2": HUMAN[D], "b2.s1": HUMAN[A], "b2.s2": HUMAN[B]
    }  # fmt: skip


def test_carry_gives_a_sentence_now_in_two_places_its_edit_in_both():
    before = _article([A, B], [C], human=True)
    after = _article([A, B], [C, A])
    assert _carry(before, after) == (4, [])
    assert _fr(after)["b2.s2"] == HUMAN[A] and _fr(after)["b1.s1"] == HUMAN[A]


def test_carry_keeps_two_different_edits_of_a_repeated_sentence_by_their_surroundings():
    before = _article([A, B], [C, B], human=True)
    before.blocks[1].segments[1].translations["fr"] = Translation("Séance, bis.", "human")
    # a paragraph inserted first and the two paragraphs swapped: ids all shift
    after = _article([E], [C, B], [A, B])
    assert _carry(before, after) == (4, [])
    assert _fr(after) == {
        "b1.s1": None, "b2.s1": HUMAN[C], "b2.s2": "Séance, bis.", "b3.s1": HUMAN[A],
        "b3.s2": HUMAN[B],
    }  # fmt: skip


def test_carry_reports_one_of_two_different_edits_when_the_sentence_now_occurs_once():
    before = _article([A, B], [C, B], human=True)
    before.blocks[1].segments[1].translations["fr"] = Translation("Séance, bis.", "human")
    after = _article([C, B])
    carried, lines = _carry(before, after)
    assert (carried, _fr(after)) == (2, {"b1.s1": HUMAN[C], "b1.s2": "Séance, bis."})
    assert "occurs fewer times" in lines[0] and "b1.s2 (fr)" in lines[0]


def test_carry_of_a_repeated_sentence_with_one_edit_is_silent_when_it_occurs_once():
    before = _article([A, B], [C, B], human=True)  # both B carry the same edit
    after = _article([A, B], [C])
    assert _carry(before, after) == (3, [])


def test_carry_matches_a_sentence_whose_spacing_changed():
    before = _article([A], human=True)
    after = _article([A.replace(" ", "  ", 1)])
    assert _carry(before, after) == (1, [])
    assert _fr(after) == {"b1.s1": HUMAN[A]}


def test_carry_keeps_edits_of_several_languages():
    before = _article([A, B], human=True)
    before.blocks[0].segments[0].translations["en"] = Translation("Human gov.", "human")
    before.blocks[0].segments[1].translations["en"] = Translation("MT", "mt")
    after = _article([E], [B, A])
    assert _carry(before, after) == (3, [])
    assert after.blocks[1].segments[1].translations["en"].text == "Human gov."
    assert "en" not in after.blocks[1].segments[0].translations


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def _document() -> dict:
    """A document JSON an earlier run could have written: one human-edited sentence."""
    article = _article([A], human=True)
    article.blocks[0].segments[0].space_after = ""  # the segments join back to the text
    return article.to_dict()


def _damaged_document(path, damage: str) -> None:
    """An earlier ``ID.json`` that is no document a run can carry edits from."""
    import json
    import os

    doc = _document()
    if damage == "fifo":
        os.mkfifo(path)
    elif damage == "folder":
        path.mkdir()
    elif damage == "device-link":
        path.symlink_to("/dev/zero")  # endless: a plain read never ends
    elif damage == "dangling-link":
        path.symlink_to(path.parent / "nowhere.json")
    elif damage == "nested-array":
        path.write_text(_deep(100_000), encoding="utf-8")
    elif damage == "nested-meta":
        path.write_text(json.dumps(doc).replace('"meta": {}', f'"meta": {{"x": {_deep(50_000)}}}'))
    elif damage == "not-utf8":
        path.write_bytes(b'{"id": "\xe0"}')
    elif damage == "empty":
        path.write_text("", encoding="utf-8")
    elif damage == "blocks-a-number":
        path.write_text(json.dumps({**doc, "blocks": 5}), encoding="utf-8")


def _call_without_hanging(fn, path):
    """``fn(path)``; a read that blocks on a named pipe is freed and fails the test."""
    import os
    import threading

    box: dict = {}
    worker = threading.Thread(target=lambda: box.update(value=fn(path)), daemon=True)
    worker.start()
    worker.join(10)
    if worker.is_alive():  # blocked opening the pipe: give it a writer that closes at once
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(10)
        raise AssertionError(f"reading {path} hung")
    return box


import pytest  # noqa: E402


@pytest.mark.parametrize(
    "damage",
    ["fifo", "folder", "device-link", "dangling-link", "nested-array", "nested-meta",
     "not-utf8", "empty", "blocks-a-number"],
)  # fmt: skip
def test_previous_document_of_a_special_or_damaged_file_is_none_and_one_line(tmp_path, damage):
    from pipeline.interchange.carry import previous_document

    path = tmp_path / "art.json"
    _damaged_document(path, damage)
    lines: list[str] = []
    box = _call_without_hanging(lambda p: previous_document(p, lines.append), path)
    assert "value" in box, f"previous_document raised on {damage}"  # was RecursionError
    assert box["value"] is None
    assert len(lines) == 1 and str(path) in lines[0] and "\n" not in lines[0]
    assert "earlier output is damaged" in lines[0]


def test_previous_document_of_a_missing_file_is_none_and_silent(tmp_path):
    from pipeline.interchange.carry import previous_document

    lines: list[str] = []
    assert previous_document(tmp_path / "art.json", lines.append) is None and lines == []
    (tmp_path / "ok.json").write_text(__import__("json").dumps(_document()), encoding="utf-8")
    assert _fr(previous_document(tmp_path / "ok.json", lines.append)) == {"b1.s1": HUMAN[A]}
    assert lines == []


def _noted(article: Article, notes: dict[str, str]) -> Article:
    for seg in article.segments():
        if seg.source in notes:
            seg.notes["fr"] = [notes[seg.source]]
    return article


def _notes(article: Article) -> dict[str, list[str]]:
    return {s.id: list(s.notes.get("fr", [])) for s in article.segments()}


def test_carry_keeps_a_translators_note_on_its_sentence_and_names_one_whose_sentence_is_gone():
    """A reviewer's note on machine translation that an import kept in the document went
    with the earlier document on a forced retranslation, without a word."""
    before = _noted(_article([A, B], [C]), {A: "Agency to confirm", C: "Check the date"})
    after = _article([E, A], [C.replace("domani", "oggi")])
    carried, lines = _carry(before, after)
    assert carried == 0
    assert _notes(after) == {"b1.s1": [], "b1.s2": ["Agency to confirm"], "b2.s1": []}
    assert len(lines) == 1 and "\n" not in lines[0]
    assert "1 translator's note(s) the earlier document kept not carried over" in lines[0]
    assert "b2.s1 (fr): 'Check the date'" in lines[0]


def test_carry_of_a_note_the_new_document_has_already_adds_it_once():
    before = _noted(_article([A, B]), {A: "Agency to confirm"})
    after = _noted(_article([A, B]), {A: "Agency to confirm"})
    assert _carry(before, after) == (0, [])
    assert _notes(after)["b1.s1"] == ["Agency to confirm"]


def test_carry_keeps_where_a_human_translation_came_from_through_the_document_json():
    """A translation the memory served (``via: memory``) is carried as such, so the translate
    stage lets the memory's current entry replace it; a post-edit of the article carries no
    mark (the article's own), and neither does one of a document written before the mark
    (kept as the article's own, as before)."""
    import pytest

    from pipeline.errors import InputError

    before = _article([A, B], human=True)
    before.blocks[0].segments[0].translations["fr"] = Translation(
        HUMAN[A], "human", translator="tm", via="memory"
    )
    before.blocks[0].segments[-1].space_after = ""  # the block's text, joined back
    data = before.to_dict()
    assert "via" not in data["blocks"][0]["segments"][1]["translations"]["fr"]
    after = _article([E], [A, B])
    assert _carry(Article.from_dict(data), after) == (2, [])
    carried = {s.source: s.translations["fr"] for s in after.segments() if s.translations}
    assert (carried[A].via, carried[A].from_memory) == ("memory", True)
    assert (carried[B].via, carried[B].from_memory) == (None, False)
    data["blocks"][0]["segments"][1]["translations"]["fr"]["via"] = "postedit"
    with pytest.raises(InputError, match="via"):  # no value of its own making
        Article.from_dict(data)


def _served(article: Article, *sources: str) -> Article:
    """``article`` with the human translations of ``sources`` marked as the memory served them."""
    for seg in article.segments():
        if seg.source in sources:
            seg.translations["fr"] = Translation(HUMAN[seg.source], "human", via="memory")
    return article


def test_a_memory_served_translation_whose_sentence_changed_is_not_named_as_lost():
    """Only the article's own post-edits count as lost: a translation the memory served is
    still the memory's entry for its old source, and 'post-edit it again' would send the
    translator to redo work that was never this article's."""
    before = _served(_article([A, B], [C], human=True), B)
    after = _article([A, B.replace("tre", "quattro")], [C])
    carried, lines = _carry(before, after)
    assert (carried, _fr(after)["b1.s2"]) == (2, None)
    assert lines == []
    # the article's own post-edit of a changed sentence is still named, beside a served one
    before = _served(_article([A, B], [C, D], human=True), B, D)
    after = _article([A.replace("la legge", "il decreto"), B.replace("tre", "due")], [C])
    carried, lines = _carry(before, after)
    assert carried == 1 and len(lines) == 1
    assert "1 human translation(s)" in lines[0] and "b1.s1 (fr)" in lines[0]
    assert "b1.s2" not in lines[0] and "b2.s2" not in lines[0]


def test_a_memory_served_copy_of_a_repeated_sentence_now_fewer_is_not_named_as_lost():
    """The second kind of loss (a repeated sentence now occurring fewer times) counts the
    article's own post-edits only, too."""
    before = _article([A, B], [A, C], human=True)
    before.blocks[1].segments[0].translations["fr"] = Translation("Served.", "human", via="memory")
    after = _article([A, B], [C])
    assert _carry(before, after) == (3, [])
    before = _article([A, B], [A, C], human=True)
    before.blocks[1].segments[0].translations["fr"] = Translation("Own edit.", "human")
    after = _article([A, B], [C])
    carried, lines = _carry(before, after)
    assert carried == 3 and len(lines) == 1 and "occurs fewer times" in lines[0]
