"""Revision and proprietary markup a CAT tool leaves in the file a translator sends back
(``pipeline.interchange.tracked``): deleted words never reach the published target,
added words are never dropped, and a tool's working file is not read as mtpipe's.

Each exported file is hand-edited as the tool writes it: Trados Studio's tracked changes
and comments in an XLIFF 1.2 target, HTML ``<del>``/``<ins>`` and private ``mtype`` s,
XLIFF 2 Change Tracking, a Trados ``.sdlxliff`` and a memoQ ``.mqxliff``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.memory import TranslationMemory
from tests.test_interchange import (  # noqa: F401 (config, out: shared fixtures)
    _doc_fr,
    _export,
    _import,
    config,
    out,
)

MT = "La Bourse de Prague a clôturé en baisse"  # b2.s1's exported target
EDIT = "La Bourse de Prague recule"
SOURCE = "La Borsa di Praga ha chiuso in calo"
SDL = 'xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0"'


def _with_target(path: Path, target: str, declare: str = "", before: str = "") -> None:
    """Replace b2.s1's exported target text with ``target`` (markup allowed); ``declare``:
    a namespace declaration put on the root, ``before``: text put before the root's end."""
    text = path.read_text(encoding="utf-8")
    old = f">{MT}</target>"
    assert text.count(old) == 1
    text = text.replace(old, f">{target}</target>")
    if declare:
        text = text.replace("<xliff ", f"<xliff {declare} ", 1)
    if before:
        text = text.replace("</xliff>", f"{before}</xliff>")
    path.write_text(text, encoding="utf-8")


def _memory_notes(config: Path) -> tuple[str, ...] | None:
    with TranslationMemory(load_config(config).memory.path) as tm:
        hit = tm.lookup_human("it", "fr", [SOURCE]).get(SOURCE)
    return hit.notes if hit is not None else None


# --- 1. Trados Studio's tracked changes and comments (XLIFF 1.2) ---------------------------
@pytest.mark.parametrize(
    "target",
    [
        'La Bourse de Prague <mrk mtype="x-sdl-deleted" sdl:revid="r1">a clôturé en baisse</mrk>'
        '<mrk mtype="x-sdl-added" sdl:revid="r2">recule</mrk>',
        '<mrk mtype="x-sdl-added" sdl:revid="r2">La Bourse de Prague recule</mrk><mrk '
        'mtype="x-sdl-deleted" sdl:revid="r1">La Bourse de Prague a clôturé en baisse</mrk>',
        'La Bourse de Prague <mrk mtype="x-sdl-deleted" sdl:revid="r1">a <mrk mtype='
        '"x-sdl-deleted" sdl:revid="r3">clôturé</mrk> en baisse</mrk>recule',
        # a deleted word between two spaces leaves one space, not the two Trados keeps
        'La Bourse de Prague <mrk mtype="x-sdl-deleted" sdl:revid="r1">vite</mrk> recule',
    ],
)
def test_trados_tracked_changes_are_accepted_and_named(out, config, capsys, target):
    """Read as annotations, the deleted words were imported beside the added ones
    (``La Bourse de Prague a clôturé en baisserecule``) in every output."""
    path = _export(out, config, "xliff12")
    _with_target(path, target, SDL)
    capsys.readouterr()
    assert _import(path, config) == 0
    err = capsys.readouterr().err
    assert _doc_fr(out, 1)["text"] == EDIT
    assert "clôturé" not in (out / "art1.fr.txt").read_text(encoding="utf-8")
    assert "tracked changes in 1 unit (b2.s1) accepted" in err


def test_a_tracked_deletion_left_as_exported_is_no_edit(out, config, capsys):
    """Changes whose result is the exported target change nothing (deleted word re-added)."""
    path = _export(out, config, "xliff12")
    _with_target(
        path,
        'La Bourse de Prague <mrk mtype="x-sdl-deleted" sdl:revid="r1">recule</mrk>'
        '<mrk mtype="x-sdl-added" sdl:revid="r2">a clôturé en baisse</mrk>',
        SDL,
    )
    assert _import(path, config) == 0
    assert _doc_fr(out, 1)["origin"] == "mt"


@pytest.mark.parametrize("defined", [True, False])
def test_a_trados_comment_on_target_words_is_the_units_note(out, config, capsys, defined):
    """``<mrk mtype="x-sdl-comment" sdl:cid>``: its words were imported, the comment lost
    without a word. Its text is the file's ``<cmt-def>`` where the file holds one."""
    path = _export(out, config, "xliff12")
    definition = (
        '<sdl:doc-info><sdl:cmt-defs><sdl:cmt-def id="c1"><Comments><Comment user="bo">'
        "Giorgetti? check</Comment></Comments></sdl:cmt-def></sdl:cmt-defs></sdl:doc-info>"
    )
    _with_target(
        path,
        'La <mrk mtype="x-sdl-comment" sdl:cid="c1">Bourse</mrk> de Prague recule',
        SDL,
        definition if defined else "",
    )
    capsys.readouterr()
    assert _import(path, config) == 0
    err = capsys.readouterr().err
    assert _doc_fr(out, 1)["text"] == EDIT
    expected = "'Bourse': Giorgetti? check" if defined else "'Bourse': Trados comment 'c1'"
    assert expected in err
    (note,) = _memory_notes(config)
    assert note.startswith(expected)


# --- 2. revision markup XLIFF 1.2 does not define: exit 3, never flattened ------------------
@pytest.mark.parametrize(
    ("markup", "named"),
    [
        ('<mrk mtype="delete">a clôturé en baisse</mrk>recule', '<mrk mtype="delete">'),
        ('<mrk mtype="x-deleted">a clôturé en baisse</mrk>recule', '<mrk mtype="x-deleted">'),
        ('a clôturé en baisse<mrk mtype="x-inserted"> recule</mrk>', '<mrk mtype="x-inserted">'),
        ("<del>a clôturé en baisse</del><ins>recule</ins>", "<del>"),
        ('recule <ins xmlns="http://www.w3.org/1999/xhtml">vite</ins>', "<ins>"),
    ],
)
def test_revision_markup_xliff12_does_not_define_is_exit_3(out, config, capsys, markup, named):
    """An ``mtype`` that is no XLIFF 1.2 value, a private one that names a deletion or an
    insertion, HTML's ``<del>``/``<ins>``: whether their words are in the text is unknown.
    The ``mrk`` ones were flattened (deleted words published); ``<del>`` was refused as
    "not one mtpipe wrote; use only the codes of the exported file"."""
    path = _export(out, config, "xliff12")
    _with_target(path, f"La Bourse de Prague {markup}")
    capsys.readouterr()
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "trans-unit 'b2.s1'" in err and named in err
    assert "accept or reject the tracked changes" in err
    assert _doc_fr(out, 1)["text"] == MT


@pytest.mark.parametrize(
    "markup",
    [
        '<mrk mtype="term">Bourse</mrk> de Prague recule',
        'Bourse de <mrk mtype="protected">Prague</mrk> recule',
        'Bourse de Prague <mrk mtype="x-sdl-location" mid="l1"/>recule',
        '<mrk mtype="x-term-candidate">Bourse</mrk> de Prague recule',
    ],
)
def test_an_xliff12_annotation_keeps_its_words(out, config, markup):
    """XLIFF 1.2 ``mtype`` values and private ones that name no revision annotate words
    that stay in the text."""
    path = _export(out, config, "xliff12")
    _with_target(path, f"La {markup}")
    assert _import(path, config) == 0
    assert _doc_fr(out, 1)["text"] == EDIT


# --- 3. XLIFF 2: Change Tracking, annotations ----------------------------------------------
CTR = 'xmlns:ctr="urn:oasis:names:tc:xliff:changetracking:2.0"'
TRACK = f"""<ctr:changeTrack>
 <ctr:revisions appliesTo="target" ref="s1" currentVersion="r2">
  <ctr:revision author="ada" datetime="2024-06-01T10:00:00Z" version="r1">
   <ctr:item property="content">{MT}</ctr:item>
  </ctr:revision>
  <ctr:revision author="ada" datetime="2024-06-02T10:00:00Z" version="r2">
   <ctr:item property="content">La Bourse de Prague chute lourdement</ctr:item>
  </ctr:revision>
 </ctr:revisions>
 <ctr:revisions appliesTo="note" ref="n1">
  <ctr:revision author="bo" version="r1">
   <ctr:item property="content"><note id="n1">Old note: check the index</note></ctr:item>
  </ctr:revision>
 </ctr:revisions>
</ctr:changeTrack>
"""


@pytest.mark.parametrize("edited", [True, False])
def test_xliff2_change_tracking_is_neither_the_target_nor_a_note(out, config, capsys, edited):
    """The Change Tracking module's earlier versions of a target (and of a note) are
    history: the target is the ``<target>``, and an earlier note written as an XLIFF
    ``<note>`` inside ``<ctr:item>`` was read as the translator's note."""
    path = _export(out, config, "xliff")
    text = path.read_text(encoding="utf-8").replace("<xliff ", f"<xliff {CTR} ", 1)
    anchor = '<unit id="b2.s1">'
    assert text.count(anchor) == 1
    path.write_text(text.replace(anchor, anchor + TRACK), encoding="utf-8")
    if edited:
        _with_target(path, EDIT)
    capsys.readouterr()
    assert _import(path, config) == 0
    err = capsys.readouterr().err
    assert "Old note" not in err and "chute" not in err
    fr = _doc_fr(out, 1)
    assert (fr["text"], fr["origin"]) == ((EDIT, "human") if edited else (MT, "mt"))
    assert _memory_notes(config) == (() if edited else None)


@pytest.mark.parametrize(
    "markup",
    [
        'La <mrk id="m1" type="term">Bourse</mrk> de Prague recule',
        'La Bourse de <mrk id="m1" translate="no">Prague</mrk> recule',
        'La <mrk id="m1" type="my:term-candidate">Bourse</mrk> de Prague recule',
    ],
)
def test_an_xliff2_annotation_in_a_target_keeps_its_words(out, config, markup):
    path = _export(out, config, "xliff")
    _with_target(path, markup)
    assert _import(path, config) == 0
    assert _doc_fr(out, 1)["text"] == EDIT


@pytest.mark.parametrize(
    ("markup", "named"),
    [
        ('<mrk id="m1" type="x:deleted">a clôturé en baisse</mrk>recule', "x:deleted"),
        ("<del>a clôturé en baisse</del>recule", "<del>"),
    ],
)
def test_revision_markup_in_an_xliff2_target_is_exit_3(out, config, capsys, markup, named):
    """A custom annotation type naming a deletion was flattened (its words published)."""
    path = _export(out, config, "xliff")
    _with_target(path, f"La Bourse de Prague {markup}")
    capsys.readouterr()
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "unit 'b2.s1'" in err and named in err and "tracked changes" in err
    assert _doc_fr(out, 1)["text"] == MT


# --- 4. a CAT tool's working file sent back instead of the target file ---------------------
SDLXLIFF = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff {SDL} xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2" sdl:version="1.0">
<file original="C:\\Users\\ada\\Projects\\art1\\it-IT\\art1.fr.xliff"
 datatype="x-sdlfilterframework2" source-language="it-IT" target-language="fr-FR">
<header><file-info xmlns="http://sdl.com/FileTypes/SdlXliff/1.0"><value key="SDL:FileId">
0c7e3d7b</value></file-info><sdl:filetype-info><sdl:filetype-id>XLIFF 1.1-1.2 v 2.0.0.0
</sdl:filetype-id></sdl:filetype-info>
<reference><internal-file form="base64">UEsDBBQAAAAIAA==</internal-file></reference></header>
<body><group><trans-unit id="9b1c6f0e-7a43-4c55-a1d4-3b8f0b2e6c01"><source>{SOURCE}</source>
<seg-source><mrk mtype="seg" mid="1">{SOURCE}</mrk></seg-source>
<target><mrk mtype="seg" mid="1">{EDIT}</mrk></target>
<sdl:seg-defs><sdl:seg id="1" conf="Translated" origin="interactive"/></sdl:seg-defs>
</trans-unit></group></body></file></xliff>
"""
MQXLIFF = f"""<?xml version="1.0" encoding="utf-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
<file original="art1.fr.xliff" source-language="it" target-language="fr" datatype="plaintext">
<header><tool tool-id="MemoQ" tool-name="MemoQ"/></header>
<body><trans-unit id="1" mq:status="ManuallyConfirmed" mq:segmentguid="2c1b9e44">
<source>{SOURCE}</source><target>{EDIT}</target></trans-unit></body></file></xliff>
"""


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("art1.fr.xliff.sdlxliff", SDLXLIFF, ("Trados Studio", "Generate Target Translations")),
        ("art1.fr.mqxliff", MQXLIFF, ("memoQ", "Export (stored path)")),
    ],
)
@pytest.mark.parametrize("doc", [False, True])
def test_a_cat_tools_working_file_is_refused_naming_the_tool(
    out, config, capsys, name, content, said, doc
):
    """Its unit ids are the tool's: it was refused as "cannot find the document" or, with
    --doc, "unit '9b1c…' is not a segment of art1; export the file again"."""
    path = out / name
    path.write_text(content, encoding="utf-8")
    extra = ["--doc", str(out / "art1.json")] if doc else []
    capsys.readouterr()
    assert _import(path, config, *extra) == 3
    err = capsys.readouterr().err
    assert all(words in err for words in said) and "not the file mtpipe exported" in err
    assert _doc_fr(out, 1)["text"] == MT


def test_mtpipes_file_with_a_tools_namespaces_is_still_read(out, config):
    """A file that keeps mtpipe's digests is mtpipe's, whatever a tool declared on it."""
    path = _export(out, config, "xliff12")
    _with_target(path, EDIT, f'{SDL} xmlns:mq="MQXliff" sdl:version="1.0"')
    assert _import(path, config) == 0
    assert _doc_fr(out, 1)["text"] == EDIT


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("art1.fr.mqxlz", "memoQ"),
        ("art1.sdlrpx", "Trados Studio return package"),
        ("art1.fr.zip", "unzip it"),
    ],
)
def test_a_zipped_working_file_or_package_is_refused_naming_the_tool(
    out, config, capsys, name, said
):
    """memoQ's .mqxlz (its bilingual XLIFF zipped), a Trados package: "neither XLIFF 1.2,
    XLIFF 2 nor PO" left the translator guessing."""
    path = out / name
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("document.mqxliff", MQXLIFF)
    capsys.readouterr()
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert said in err and "neither" not in err
    assert _doc_fr(out, 1)["text"] == MT


def _accepted(target: str) -> str:
    """``target``'s XML after Trados's changes are accepted (inline codes kept)."""
    from lxml import etree

    from pipeline.interchange.tracked import accept_changes

    ns = 'xmlns="urn:oasis:names:tc:xliff:document:1.2"'
    element = etree.fromstring(f"<target {ns} {SDL}>{target}</target>")
    clean, found = accept_changes(element, "unit")
    assert found
    inner = etree.tostring(clean, encoding="unicode").split(">", 1)[1].rsplit("<", 1)[0]
    return inner.replace(f" {ns}", "")


def _d(words: str) -> str:
    return f'<mrk mtype="x-sdl-deleted" sdl:revid="r1">{words}</mrk>'


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        # a deletion opening or closing an inline code's words
        (f'pour demander <g id="4">{_d("très")} des éclaircissements</g> sur',
         'pour demander <g id="4">des éclaircissements</g> sur'),
        (f'<g id="4">des éclaircissements {_d("urgents")}</g> sur le budget',
         '<g id="4">des éclaircissements </g>sur le budget'),
        (f'demander <x id="2"/> {_d("très")} des', 'demander <x id="2"/> des'),
        # followed by an empty addition
        (f'Le ministre {_d("Giorgetti")}<mrk mtype="x-sdl-added" sdl:revid="r2"></mrk> a écrit',
         'Le ministre <mrk mtype="x-sdl-added" sdl:revid="r2"/>a écrit'),
        # before a full stop or a comma, at either end of the target
        (f"en 2024 {_d('environ')}.", "en 2024."),
        (f"La valeur {_d('moyenne')}, selon", "La valeur, selon"),
        (f"La valeur, {_d('selon')}, est", "La valeur, , est"),  # as written: not ",,"
        (f"{_d('Hier,')} le ministre", "le ministre"),
        (f"le ministre {_d('hier')}", "le ministre"),
        # French spacing before ; : ! ? stays
        (f"la question {_d('vraie')} ?", "la question ?"),
    ],
)  # fmt: skip
def test_a_deletion_next_to_a_code_or_punctuation_leaves_no_double_space(target, expected):
    """The pe36 fix covered a deletion between two spaces of one text node only."""
    assert _accepted(target) == expected


@pytest.mark.parametrize(
    ("mark", "definition", "expected"),
    [
        ('sdl:cid="c9"',
         '<sdl:doc-info><sdl:cmt-defs><sdl:cmt-def id="c9"><Comments><Comment>Usare il '
         "termine</Comment></Comments></sdl:cmt-def></sdl:cmt-defs></sdl:doc-info>",
         "'Bourse': Usare il termine"),
        ('sdl:revid="f1"',
         '<sdl:rev-defs><sdl:rev-def id="f1" type="FeedbackComment" author="rev"><sdl:cmt-def>'
         "<Comments><Comment>Terminologia: verificare</Comment></Comments></sdl:cmt-def>"
         "</sdl:rev-def></sdl:rev-defs>",
         "'Bourse': Terminologia: verificare"),
        ('sdl:revid="f2"', "", "'Bourse': Trados feedback 'f2'"),
    ],
)  # fmt: skip
def test_a_trados_feedback_comment_is_the_units_note(
    out, config, capsys, mark, definition, expected
):
    """A reviewer's ``x-sdl-feedback-comment`` (TQA) was dropped without a word, while an
    ``x-sdl-comment`` was kept as a note."""
    path = _export(out, config, "xliff12")
    target = f'La <mrk mtype="x-sdl-feedback-comment" {mark}>Bourse</mrk> de Prague recule'
    _with_target(path, target, SDL, definition)
    capsys.readouterr()
    assert _import(path, config) == 0
    assert expected in capsys.readouterr().err
    assert _doc_fr(out, 1)["text"] == EDIT
    (note,) = _memory_notes(config)
    assert note.startswith(expected)


def test_trados_feedback_deletions_and_additions_are_tracked_changes(out, config, capsys):
    """``x-sdl-feedback-deleted``/``-added`` (Trados's review revisions) were exit 3 as "a
    private mtype … revision markup whose words may be deleted or added"."""
    path = _export(out, config, "xliff12")
    _with_target(
        path,
        'La Bourse de Prague <mrk mtype="x-sdl-feedback-deleted" sdl:revid="f1">a clôturé en '
        'baisse</mrk><mrk mtype="x-sdl-feedback-added" sdl:revid="f2">recule</mrk>',
        SDL,
    )
    capsys.readouterr()
    assert _import(path, config) == 0
    assert _doc_fr(out, 1)["text"] == EDIT
    assert "tracked changes in 1 unit (b2.s1) accepted" in capsys.readouterr().err
