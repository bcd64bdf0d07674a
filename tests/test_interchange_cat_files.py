"""What CAT tools and translators do to an exported file that import must read right.

A DOCTYPE in the prolog (harmless without an internal subset), two units joined into one
("join segments"), and two copies of one export imported in the wrong order (XLIFF 2 has
no date). Files are edited with translate-toolkit (a CAT tool's view) or as text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline.document import Article, Block, Segment, Translation
from pipeline.writers import write_article
from tests.test_interchange import (  # noqa: F401 (fixtures, shared)
    ANNA,
    BRUNO,
    _doc_fr,
    _edit_with_toolkit,
    _export,
    _human_tm,
    _import,
    _outputs,
    config,
    out,
)

PHOTO = "Photo AFP"  # an edit of b4.s1 ("Photo : AFP.")


def _with_prolog(path: Path, doctype: str, replace: tuple[str, str] | None = None) -> None:
    """Put ``doctype`` after the XML declaration of the exported file (and one text change)."""
    xml = path.read_text(encoding="utf-8")
    head, _, rest = xml.partition("\n")
    if replace is not None:
        assert replace[0] in rest
        rest = rest.replace(*replace)
    path.write_text(f"{head}\n{doctype}\n{rest}", encoding="utf-8")


# --- a DOCTYPE in the prolog --------------------------------------------------------------
@pytest.mark.parametrize(
    ("fmt", "doctype"),
    [
        ("xliff", "<!DOCTYPE xliff>"),
        ("xliff12", "<!DOCTYPE xliff>"),
        (
            "xliff12",  # as Okapi and older Trados write it; the DTD is never fetched
            '<!DOCTYPE xliff PUBLIC "-//XLIFF//DTD XLIFF//EN" '
            '"http://www.oasis-open.org/committees/xliff/documents/xliff.dtd">',
        ),
        ("xliff", "<!DOCTYPE xliff SYSTEM 'no-such-folder/xliff-core-2.0.dtd'>"),
        ("xliff12", '<!-- written by a CAT tool -->\n<!DOCTYPE xliff SYSTEM "xliff.dtd" >'),
    ],
)
def test_a_plain_doctype_a_cat_tool_writes_is_imported(out, config, fmt, doctype):
    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b4.s1": PHOTO})
    _with_prolog(path, doctype)
    assert _import(path, config, "--translator", "Ada") == 0
    assert _doc_fr(out, 3)["text"] == PHOTO
    assert PHOTO in (out / "art1.fr.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE xliff [<!ENTITY a "Photo AFP">]>',
        "<!DOCTYPE xliff [<!ATTLIST target state CDATA 'final'>]>",  # defaults, no entity
        "<!DOCTYPE xliff []>",
        '<!DOCTYPE xliff SYSTEM "x.dtd" [<!ENTITY % p SYSTEM "http://example.org/p">]>',
        # a plain DOCTYPE in a comment before the real one
        '<!-- <!DOCTYPE xliff> -->\n<!DOCTYPE xliff [<!ENTITY a "x">]>',
    ],
)
@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
def test_a_doctype_with_an_internal_subset_is_still_refused(out, config, capsys, fmt, doctype):
    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b4.s1": PHOTO})
    _with_prolog(path, doctype)
    before = _outputs(out)
    capsys.readouterr()
    assert _import(path, config) == 3
    assert "internal subset" in capsys.readouterr().err
    assert _outputs(out) == before


@pytest.mark.parametrize(
    ("fmt", "entity", "where"),
    [
        ("xliff", "&nbsp;", ">Photo AFPX<"),
        ("xliff12", "&eacute;", ">Photo AFPX<"),
        # in an attribute value the parser drops it: "Photo AFP" read as "PhotoAFP"
        ("xliff", "&eacute;", 'xml:space="preserve">Photo AFPX<'),
        ("xliff12", "&nbsp;", 'id="b4.s1"'),
    ],
)
def test_an_entity_reference_under_a_plain_doctype_is_refused_not_dropped(
    out, config, capsys, fmt, entity, where
):
    """A DOCTYPE naming a DTD makes an undefined ``&nbsp;`` no error for the parser: in text
    it is kept as a node, the words around it read without it; in an attribute, dropped."""
    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b4.s1": "Photo AFPX"})
    if where.startswith(">"):
        change = (where, f">Photo{entity}AFP<")
    elif where.startswith("id="):
        change = (where, f'{where} resname="Jos{entity}"')
    else:
        change = (where, f'x:who="Jos{entity}" xmlns:x="urn:x" {where}')
    _with_prolog(path, '<!DOCTYPE xliff SYSTEM "xliff.dtd">', change)
    before = _outputs(out)
    capsys.readouterr()
    assert _import(path, config) == 3
    assert entity in capsys.readouterr().err
    assert _outputs(out) == before


# --- two units joined into one --------------------------------------------------------------
SOURCES = ["Il mercato ha aperto.", "Poi è sceso.", "A sera ha chiuso in pari."]
MT = ["Le marché a ouvert.", "Puis il a baissé.", "Le soir, il a clôturé à l'équilibre."]


@pytest.fixture
def three(tmp_path) -> Path:
    """An article whose paragraph b1 has three sentences, machine translated into fr."""
    return _paragraph(tmp_path, SOURCES, MT)


def _paragraph(tmp_path: Path, sources: list[str], mt: list[str]) -> Path:
    segments = [
        Segment(f"b1.s{i + 1}", src, " " if i < 2 else "", {"fr": Translation(text, "mt")})
        for i, (src, text) in enumerate(zip(sources, mt, strict=True))
    ]
    block = Block("b1", "paragraph", " ".join(sources), segments)
    folder = tmp_path / "three"
    write_article(Article("art1", "it", [block], target_langs=["fr"]), folder, {"txt", "json"})
    return folder


def _fr(folder: Path) -> list[str]:
    doc = json.loads((folder / "art1.json").read_text(encoding="utf-8"))
    return [s["translations"]["fr"]["text"] for s in doc["blocks"][0]["segments"]]


@pytest.mark.parametrize(
    ("fmt", "edits", "emptied", "into"),
    [
        # "join segments": both machine translations in the first unit, the second emptied
        ("xliff", {"b1.s1": f"{MT[0]} {MT[1]}", "b1.s2": ""}, "b1.s2", "b1.s1"),
        # joined and rewritten: the second sentence no longer there word for word
        (
            "po",
            {"b1.s1": "Le marché a ouvert, puis il est descendu.", "b1.s2": ""},
            "b1.s2",
            "b1.s1",
        ),
        # joined into the next unit, the first emptied
        ("xliff12", {"b1.s1": "", "b1.s2": f"{MT[0]} {MT[1]}"}, "b1.s1", "b1.s2"),
        # three joined into one, two emptied
        ("xliff", {"b1.s1": " ".join(MT), "b1.s2": "", "b1.s3": ""}, "b1.s2", "b1.s1"),
    ],
)
def test_units_joined_into_one_are_refused_naming_both(
    three, config, capsys, fmt, edits, emptied, into
):
    """The emptied unit kept its machine translation while its neighbour held the
    sentence too: the sentence was in every output twice."""
    path = _export(three, config, fmt)
    _edit_with_toolkit(path, fmt, edits)
    before = _outputs(three)
    capsys.readouterr()
    assert _import(path, config, "--translator", "Ada") == 3
    err = capsys.readouterr().err
    assert f"unit {emptied!r}" in err and f"unit {into!r}" in err and "joined" in err
    assert _outputs(three) == before
    assert _fr(three) == MT


@pytest.mark.parametrize(
    ("fmt", "edits", "left", "into"),
    [
        # joined into the first unit, the second left as exported (not emptied)
        ("xliff", {"b1.s1": f"{MT[0]} {MT[1]}"}, "b1.s2", "b1.s1"),
        # joined into the next unit
        ("po", {"b1.s3": f"{MT[1]}  {MT[2]}"}, "b1.s2", "b1.s3"),
    ],
)
def test_a_unit_copied_into_its_neighbour_and_left_as_it_was_is_refused(
    three, config, capsys, fmt, edits, left, into
):
    path = _export(three, config, fmt)
    _edit_with_toolkit(path, fmt, edits)
    before = _outputs(three)
    capsys.readouterr()
    assert _import(path, config, "--translator", "Ada") == 3
    err = capsys.readouterr().err
    assert f"unit {left!r}'s target is left as it was and unit {into!r}" in err
    assert _outputs(three) == before


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_neighbours_words_in_an_edited_target_are_no_join(three, config, fmt):
    """Part of the next sentence's words (``il a baissé``), not its whole target: an edit."""
    path = _export(three, config, fmt)
    text = "Le marché a ouvert puis il a baissé un peu."
    _edit_with_toolkit(path, fmt, {"b1.s1": text})
    assert _import(path, config, "--translator", "Ada") == 0
    assert _fr(three) == [text, MT[1], MT[2]]


@pytest.mark.parametrize("fmt", ["xliff", "po"])
@pytest.mark.parametrize(
    "edits",
    [
        {"b1.s1": "Le marché a débuté.", "b1.s2": ""},  # the first edited, not grown
        {"b1.s2": ""},  # nothing else edited
        {"b1.s3": f"{MT[2]} Fin.", "b1.s1": ""},  # grown, but not next to the emptied one
    ],
)
def test_an_emptied_unit_beside_no_join_is_named_as_emptied(three, config, capsys, fmt, edits):
    path = _export(three, config, fmt)
    _edit_with_toolkit(path, fmt, edits)
    capsys.readouterr()
    assert _import(path, config, "--translator", "Ada") == 0
    emptied = next(unit for unit, text in edits.items() if not text)
    assert f"1 emptied target ({emptied})" in capsys.readouterr().out
    kept = _fr(three)
    assert kept[int(emptied[-1]) - 1] == MT[int(emptied[-1]) - 1]  # its MT stays
    for unit, text in edits.items():
        if text:
            assert kept[int(unit[-1]) - 1] == text


# a paragraph whose middle sentence is one word: half of its target is two characters
SHORT_MT = ["Vous avez signé ?", "Oui.", "Puis il est parti."]


@pytest.mark.parametrize("fmt", ["xliff", "po"])
@pytest.mark.parametrize(
    "edits",
    [
        {"b1.s1": "Vous l'avez signé ?", "b1.s2": ""},  # the one before grew by 3 characters
        {"b1.s2": "", "b1.s3": "Puis il est reparti."},  # the one after grew by 2
    ],
)
def test_a_short_emptied_target_beside_a_slightly_edited_one_is_no_join(
    tmp_path, config, capsys, fmt, edits
):
    """ "Oui." emptied: half its length is two characters, which any edit of a neighbour
    adds; the neighbour took none of its words. Applied as documented: the edit applies,
    the emptied target is named and its MT stays (was: the whole file refused as a join)."""
    folder = _paragraph(tmp_path, ["Hai firmato?", "Sì.", "Poi è partito."], SHORT_MT)
    path = _export(folder, config, fmt)
    _edit_with_toolkit(path, fmt, edits)
    capsys.readouterr()
    assert _import(path, config, "--translator", "Ada") == 0
    assert "1 emptied target (b1.s2)" in capsys.readouterr().out
    expected = [edits.get(f"b1.s{i + 1}") or SHORT_MT[i] for i in range(3)]
    assert _fr(folder) == expected


@pytest.mark.parametrize(
    ("fmt", "edits", "into"),
    [
        ("xliff", {"b1.s1": "Vous avez signé ? Oui.", "b1.s2": ""}, "b1.s1"),
        ("po", {"b1.s1": "Vous l'avez signé ? Oui, je l'ai fait.", "b1.s2": ""}, "b1.s1"),
        ("xliff", {"b1.s2": "", "b1.s3": "oui : puis il est parti."}, "b1.s3"),
    ],
)
def test_a_short_target_joined_into_its_neighbour_is_still_refused(
    tmp_path, config, capsys, fmt, edits, into
):
    folder = _paragraph(tmp_path, ["Hai firmato?", "Sì.", "Poi è partito."], SHORT_MT)
    path = _export(folder, config, fmt)
    _edit_with_toolkit(path, fmt, edits)
    capsys.readouterr()
    assert _import(path, config, "--translator", "Ada") == 3
    err = capsys.readouterr().err
    assert "unit 'b1.s2'" in err and f"unit {into!r}" in err and "joined" in err
    assert _fr(folder) == SHORT_MT


# --- two copies of one export, or two exports, imported in the wrong order -----------------
def _copy(path: Path, name: str) -> Path:
    copy = path.parent / name / path.name
    copy.parent.mkdir()
    copy.write_bytes(path.read_bytes())
    return copy


@pytest.mark.parametrize("fmt", ["xliff", "xliff12", "po"])
def test_an_older_copy_of_an_undated_file_imported_last_changes_nothing(out, config, capsys, fmt):
    """Ada saved a copy of her file (Prague translated), went on in the file (Prague
    revised, the caption translated) and imported it; then the copy. The file carries no
    date (XLIFF 2 never does): the copy replaced her later translation. It lacks her
    caption, which the import of the same export translated: it is the older one."""
    newer = _export(out, config, fmt)
    older = _copy(newer, "copy")
    _edit_with_toolkit(older, fmt, {"b2.s1": ANNA})
    _edit_with_toolkit(newer, fmt, {"b2.s1": BRUNO, "b4.s1": PHOTO})
    assert _import(newer, config, "--translator", "Ada") == 0
    capsys.readouterr()
    assert _import(older, config, "--translator", "Ada") == 0
    captured = capsys.readouterr()
    (conflict,) = [x for x in captured.err.splitlines() if "conflict" in x]
    assert "'b2.s1'" in conflict and "older copy" in conflict and BRUNO in conflict
    assert "1 conflict" in captured.out and "older than the document (b4.s1)" in captured.out
    assert (_doc_fr(out, 1)["text"], _doc_fr(out, 3)["text"]) == (BRUNO, PHOTO)
    assert _human_tm(config, "La Borsa di Praga ha chiuso in calo")[0] == BRUNO
    assert BRUNO in (out / "art1.fr.txt").read_text(encoding="utf-8")
    # her correction of the newer file, imported again, applies: it lacks nothing
    _edit_with_toolkit(newer, fmt, {"b2.s1": ANNA})
    assert _import(newer, config, "--translator", "Ada") == 0
    assert _doc_fr(out, 1)["text"] == ANNA


@pytest.mark.parametrize("fmt", ["xliff", "po"])
@pytest.mark.parametrize("reverted", ["b4.s1", "b2.s1"])
def test_a_revert_to_the_mt_in_the_file_imported_is_no_older_copy(
    out, config, capsys, fmt, reverted
):
    """Ada imported her file (Prague and the caption translated), went on in the SAME file:
    revised one and put the other back as the MT had it. That file is the newer, not an
    older copy: her revision applies; the reverted unit keeps her earlier translation
    (a unit left as exported replaces none) and is named (was: every edit held as an
    "older copy", exit 0, her newer work not applied)."""
    path = _export(out, config, fmt)
    mt = {"b2.s1": _doc_fr(out, 1)["text"], "b4.s1": _doc_fr(out, 3)["text"]}
    _edit_with_toolkit(path, fmt, {"b2.s1": BRUNO, "b4.s1": PHOTO})
    assert _import(path, config, "--translator", "Ada") == 0
    revised = "b4.s1" if reverted == "b2.s1" else "b2.s1"
    newer = {"b2.s1": ANNA, "b4.s1": "Photo : AFP / Reuters"}[revised]
    _edit_with_toolkit(path, fmt, {revised: newer, reverted: mt[reverted]})
    capsys.readouterr()
    assert _import(path, config, "--translator", "Ada") == 0
    captured = capsys.readouterr()
    assert "conflict" not in captured.err and "older copy" not in captured.err
    assert f"older than the document ({reverted})" in captured.out
    texts = {"b2.s1": _doc_fr(out, 1)["text"], "b4.s1": _doc_fr(out, 3)["text"]}
    assert texts == {revised: newer, reverted: {"b2.s1": BRUNO, "b4.s1": PHOTO}[reverted]}
    # a copy of that file elsewhere, saved before her revision, is still the older one
    older = _copy(path, "copy")
    _edit_with_toolkit(older, fmt, {revised: {"b2.s1": BRUNO, "b4.s1": PHOTO}[revised]})
    assert _import(older, config, "--translator", "Ada") == 0
    captured = capsys.readouterr()
    assert f"'{revised}'" in captured.err and "older copy" in captured.err
    assert _doc_fr(out, 1 if revised == "b2.s1" else 3)["text"] == newer


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_file_of_an_older_export_imported_after_a_newer_export_changes_nothing(
    out, config, capsys, fmt
):
    """Two exports of one document (the second a day later), both edited by Ada, the
    newer imported first: by the export stamps the older file is older."""
    first = _copy(_export(out, config, fmt), "monday")
    second = _export(out, config, fmt)
    _edit_with_toolkit(first, fmt, {"b2.s1": ANNA})
    _edit_with_toolkit(second, fmt, {"b2.s1": BRUNO})
    assert _import(second, config, "--translator", "Ada") == 0
    capsys.readouterr()
    assert _import(first, config, "--translator", "Ada") == 0
    (conflict,) = [x for x in capsys.readouterr().err.splitlines() if "conflict" in x]
    assert "'b2.s1'" in conflict and "older export" in conflict
    assert _doc_fr(out, 1)["text"] == BRUNO
    # a third export, after both, revises her translation: applies
    third = _export(out, config, fmt)
    _edit_with_toolkit(third, fmt, {"b2.s1": ANNA})
    assert _import(third, config, "--translator", "Ada") == 0
    assert _doc_fr(out, 1)["text"] == ANNA


def test_a_file_whose_export_stamp_a_tool_dropped_imports_as_before(out, config):
    """No stamp (an older mtpipe, a tool that drops metadata): nothing to order by; the
    same translator's file applies as her corrected one, as it did."""
    newer = _export(out, config, "xliff")
    older = _copy(newer, "copy")
    _edit_with_toolkit(newer, "xliff", {"b2.s1": BRUNO, "b4.s1": PHOTO})
    _edit_with_toolkit(older, "xliff", {"b2.s1": ANNA})
    xml = older.read_text(encoding="utf-8")
    xml, n = re.subn(r'<mda:meta type="exported-at">[^<]*</mda:meta>', "", xml)
    assert n == 1
    older.write_text(xml, encoding="utf-8")
    assert _import(newer, config, "--translator", "Ada") == 0
    assert _import(older, config, "--translator", "Ada") == 0
    assert _doc_fr(out, 1)["text"] == ANNA


def test_every_format_records_when_it_was_exported(out, config):
    stamps = []
    for fmt, pattern in (
        ("xliff", r'<mda:meta type="exported-at">([^<]+)</mda:meta>'),
        ("xliff12", r' mtpipe:exported-at="([^"]+)"'),
        ("po", r"# mtpipe-exported-at: (\S+)"),
    ):
        (stamp,) = re.findall(pattern, _export(out, config, fmt).read_text(encoding="utf-8"))
        stamps.append(stamp)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", s) for s in stamps)
    assert stamps == sorted(stamps) and len(set(stamps)) == 3


_STAMP_IN = {
    "xliff": r'(<mda:meta type="exported-at">)[^<]*(</mda:meta>)',
    "xliff12": r'( mtpipe:exported-at=")[^"]*(")',
    "po": r"(# mtpipe-exported-at: )\S+()",
}


@pytest.mark.parametrize("fmt", ["xliff", "xliff12", "po"])
@pytest.mark.parametrize("forged", ["2999-01-01T00:00:00.000000Z", "2100-06-01T08:00:00.000001Z"])
def test_a_file_whose_export_stamp_is_in_the_future_holds_no_later_file(out, config, fmt, forged):
    """Monday's file, its stamp after now (forged, or a clock gone wrong), imported after
    Tuesday's export was made: the stamp was recorded, and Tuesday's file, newer, was
    held as older. A stamp after now is no stamp: Tuesday's revision applies."""
    monday = _copy(_export(out, config, fmt), "monday")
    tuesday = _export(out, config, fmt)
    _edit_with_toolkit(monday, fmt, {"b2.s1": BRUNO})
    text, n = re.subn(_STAMP_IN[fmt], rf"\g<1>{forged}\g<2>", monday.read_text(encoding="utf-8"))
    assert n == 1
    monday.write_text(text, encoding="utf-8")
    assert _import(monday, config, "--translator", "Ada") == 0
    assert _doc_fr(out, 1)["text"] == BRUNO
    _edit_with_toolkit(tuesday, fmt, {"b2.s1": ANNA})
    assert _import(tuesday, config, "--translator", "Ada") == 0
    assert _doc_fr(out, 1)["text"] == ANNA
