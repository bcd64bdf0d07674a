"""Post-editing exchange: XLIFF 2.1, XLIFF 1.2 and PO out, edited files back in.

Every exported file is read with translate-toolkit's own storage classes (what
CAT pipelines build on); targets are edited through its API, saved, and
imported back into the document, its outputs and the translation memory.
"""

from __future__ import annotations

import copy
import errno
import json
import os
import re
from pathlib import Path

import pytest
from lxml import etree
from translate.storage import pypo, xliff, xliff2

from pipeline.cli import main
from pipeline.config import load_config
from pipeline.document import Article, Block, Finding, ProtectedSpan, Segment, Translation
from pipeline.errors import OutputError
from pipeline.interchange import FORMATS, get_format
from pipeline.interchange.carry import carry_human_edits
from pipeline.interchange.workflow import export_document, import_file, load_document
from pipeline.memory import Entry, MemoryKey, TranslationMemory
from pipeline.memory.store import utc_now
from pipeline.writers import write_article

MT = "Helsinki-NLP/opus-mt-it-fr@main"
LINKED = 'Leggi <a href="https://example.org/r">il rapporto</a> su https://kcna.kp oggi.'


def _mt(text: str) -> Translation:
    return Translation(text, "mt", model=MT)


def make_article() -> Article:
    """An article with chrome, a title, a paragraph of two sentences (one with codes), a caption."""

    def span(text: str, kind: str, **targets: str) -> ProtectedSpan:
        start = LINKED.index(text)
        return ProtectedSpan(start, start + len(text), kind, targets)

    linked = Segment(
        "b3.s2",
        LINKED,
        translations={
            "fr": _mt('Lisez <a href="https://example.org/r">le rapport</a> sur https://kcna.kp.')
        },
    )
    linked.protected = [  # what the protect layer records: tag pair, URL, a glossary term
        span('<a href="https://example.org/r">', "tag"),
        span("</a>", "tag"),
        span("https://kcna.kp", "url"),
        span("oggi", "term", fr="aujourd'hui"),  # a glossary translation: not a code
    ]
    first = Segment(
        "b3.s1",
        "Il governo ha approvato la legge di bilancio.",
        " ",
        translations={"fr": _mt("Le gouvernement a approuvé la loi de finances.")},
        findings=[Finding("number_mismatch", "error", "10.000 is missing", "fr")],
    )
    blocks = [
        Block(
            "b1",
            "category",
            "italie",
            [
                Segment(
                    "b1.s1",
                    "italie",
                    translations={"fr": Translation("Italie", "catalog", model="categories")},
                    msgid="Italy",
                )
            ],
        ),
        Block(
            "b2",
            "title",
            "La Borsa di Praga ha chiuso in calo",
            [
                Segment(
                    "b2.s1",
                    "La Borsa di Praga ha chiuso in calo",
                    translations={"fr": _mt("La Bourse de Prague a clôturé en baisse")},
                )
            ],
        ),
        Block("b3", "paragraph", first.source + " " + LINKED, [first, linked]),
        Block(
            "b4",
            "caption",
            "Foto: AFP.",
            [Segment("b4.s1", "Foto: AFP.", translations={"fr": _mt("Photo : AFP.")})],
        ),
    ]
    return Article("art1", "it", blocks, target_langs=["fr"])


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "out"
    write_article(make_article(), folder, {"txt", "md", "jsonl", "json"})
    return folder


@pytest.fixture
def config(tmp_path):
    cfg = tmp_path / "pe.toml"
    cfg.write_text(
        f'[memory]\npath = "{tmp_path / "memory.sqlite"}"\n[qa]\nenabled = false\n',
        encoding="utf-8",
    )
    return cfg


def _export(out: Path, config: Path, fmt: str, *extra: str) -> Path:
    args = ["--config", str(config), "export", str(out / "art1.json"), "--to", "fr"]
    assert main([*args, "--format", fmt, *extra]) == 0
    return out / f"art1.fr{get_format(fmt).suffix}"


def _import(path: Path, config: Path, *extra: str) -> int:
    return main(["--config", str(config), "import", str(path), *extra])


def _parse(path: Path, fmt: str):
    """The exported post-editing file as translate-toolkit reads it (a CAT tool's view)."""
    store = {"xliff": xliff2.Xliff2File, "xliff12": xliff.xlifffile, "po": pypo.pofile}[fmt]
    return store.parsefile(str(path))


def _edit_prague_with_note(store, fmt: str) -> None:
    """Edit the Prague unit's target and add a translator's note to it, as a reviewer does."""
    edited = next(u for u in store.units if "Borsa di Praga" in str(u.source))
    edited.target = "La Bourse de Prague recule"
    edited.addnote("Check the index name", origin="translator")
    if fmt == "po":
        edited.markfuzzy(False)


def _store_human(config: Path, *pairs: tuple[str, str]) -> None:
    key = MemoryKey.human("it", "fr")
    with TranslationMemory(load_config(config).memory.path) as tm:
        tm.store_entries(
            Entry(key, s, t, "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "Ada")
            for s, t in pairs
        )


def _outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


# --- what translate-toolkit reads --------------------------------------------------
def test_xliff21_units_sources_targets_notes_as_translate_toolkit_reads_them(out, config):
    path = _export(out, config, "xliff")
    store = xliff2.Xliff2File.parsefile(str(path))
    units = {u.getid().split("::")[0]: u for u in store.units}
    assert list(units) == ["b1.s1", "b2.s1", "b3.s1", "b3.s2", "b4.s1"]
    assert units["b2.s1"].source == "La Borsa di Praga ha chiuso in calo"
    assert units["b2.s1"].target == "La Bourse de Prague a clôturé en baisse"
    assert units["b3.s1"].target == "Le gouvernement a approuvé la loi de finances."
    assert not units["b1.s1"].istranslatable()  # chrome is locked
    assert units["b2.s1"].istranslatable() and not units["b2.s1"].isapproved()
    # XLIFF 2 keeps notes on the unit; translate-toolkit's getnotes() only looks inside
    # <segment>, so read them from the unit element it exposes.
    notes = units["b3.s1"].getunitelement().findall(f"{{{xliff2.Xliff2Unit.namespace}}}notes/*")
    assert [(n.get("category"), n.text) for n in notes] == [
        ("number_mismatch", "QA error: 10.000 is missing")
    ]
    # codes: the URL a <ph>, the link a <pc> around its words, in source and target
    rich = units["b3.s2"].rich_source[0].sub
    kinds = [type(p).__name__ + ":" + str(getattr(p, "id", "")) for p in rich]
    assert kinds.count("UnknownXML:1") == 1 and kinds.count("UnknownXML:3") == 1
    assert units["b3.s2"].source == "Leggi il rapporto su  oggi."


def test_xliff12_units_sources_targets_notes_as_translate_toolkit_reads_them(out, config):
    path = _export(out, config, "xliff12")
    store = xliff.xlifffile.parsefile(str(path))
    units = {u.getid().rpartition("\x04")[2]: u for u in store.units}
    assert list(units) == ["b1.s1", "b2.s1", "b3.s1", "b3.s2", "b4.s1"]
    assert units["b4.s1"].source == "Foto: AFP." and units["b4.s1"].target == "Photo : AFP."
    assert units["b3.s1"].getnotes() == "QA error (number_mismatch): 10.000 is missing"
    assert not units["b1.s1"].istranslatable()
    assert units["b2.s1"].isfuzzy()  # MT awaits review
    xml = path.read_text(encoding="utf-8")
    assert '<g id="1">il rapporto</g>' in xml and '<g id="1">le rapport</g>' in xml
    assert '<x id="3" equiv-text="https://kcna.kp"/>' in xml


def test_po_units_sources_targets_notes_as_translate_toolkit_reads_them(out, config):
    path = _export(out, config, "po")
    store = pypo.pofile.parsefile(str(path))
    units = {u.getcontext(): u for u in store.units if not u.isheader()}
    assert list(units) == ["b2.s1", "b3.s1", "b3.s2", "b4.s1"]  # chrome is left out
    assert units["b3.s2"].source == LINKED  # no inline codes in PO: spans stay literal
    assert units["b2.s1"].target == "La Bourse de Prague a clôturé en baisse"
    assert units["b2.s1"].isfuzzy()
    assert "QA error (number_mismatch): 10.000 is missing" in units["b3.s1"].getnotes()


# --- fuzzy human matches ----------------------------------------------------------
def test_best_fuzzy_human_match_is_a_suggestion_never_applied(out, config):
    _store_human(
        config,
        ("La Borsa di Praga ha chiuso in rialzo", "La Bourse de Prague a clôturé en hausse"),
        ("Il ministro è partito.", "Le ministre est parti."),  # far from everything
    )
    path = _export(out, config, "xliff")
    root = etree.parse(str(path)).getroot()
    mtc = "urn:oasis:names:tc:xliff:matches:2.0"
    matches = root.findall(f".//{{{mtc}}}match")
    assert len(matches) == 1
    match = matches[0]
    assert match.getparent().getparent().get("id") == "b2.s1"
    assert 75 <= float(match.get("similarity")) < 100 and match.get("type") == "tm"
    target = match.find("{urn:oasis:names:tc:xliff:document:2.0}target")
    assert target.text == "La Bourse de Prague a clôturé en hausse"
    store = xliff2.Xliff2File.parsefile(str(path))
    unit = next(u for u in store.units if u.getid().startswith("b2.s1"))
    assert unit.target == "La Bourse de Prague a clôturé en baisse"  # MT stays the target
    alt = xliff.xlifffile.parsefile(str(_export(out, config, "xliff12"))).units[1].getalttrans()
    assert [(a.source, a.target) for a in alt] == [
        ("La Borsa di Praga ha chiuso in rialzo", "La Bourse de Prague a clôturé en hausse")
    ]


def test_similarity_threshold_comes_from_the_config(out, config, tmp_path):
    _store_human(config, ("La Borsa di Praga ha chiuso in rialzo", "x"))
    strict = tmp_path / "strict.toml"
    strict.write_text(
        config.read_text(encoding="utf-8").replace("[qa]", "fuzzy_min_similarity = 99.0\n[qa]"),
        encoding="utf-8",
    )
    path = _export(out, strict, "xliff")
    assert "mtc:match " not in path.read_text(encoding="utf-8")


def test_export_without_a_memory_setting_reads_the_memory_beside_the_document(
    out, tmp_path, monkeypatch
):
    """`translate --out DIR` keeps the memory in DIR; export finds it there, not in ./out."""
    bare = tmp_path / "bare.toml"
    bare.write_text("[qa]\nenabled = false\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    pair = ("La Borsa di Praga ha chiuso in rialzo", "La Bourse de Prague a clôturé en hausse")
    with TranslationMemory(out / "memory.sqlite") as tm:
        tm.store_entries(
            [Entry(MemoryKey.human("it", "fr"), *pair, "2024-01-01T00:00:00Z", "", "Ada")]
        )
    path = _export(out, bare, "xliff12")
    alt = xliff.xlifffile.parsefile(str(path)).units[1].getalttrans()
    assert [(a.source, a.target) for a in alt] == [pair]
    assert not (elsewhere / "out").exists()


def test_export_reads_each_document_once(out, config, monkeypatch):
    import pipeline.interchange.workflow as workflow

    read: list[Path] = []
    load = workflow.load_document

    def counted(path):
        read.append(Path(path))
        return load(path)

    monkeypatch.setattr(workflow, "load_document", counted)
    _export(out, config, "po")
    assert read == [out / "art1.json"]


# --- import -----------------------------------------------------------------------
def _edit_with_toolkit(path: Path, fmt: str, edits: dict[str, str]) -> None:
    if fmt == "xliff":
        store = xliff2.Xliff2File.parsefile(str(path))
        ident = lambda u: u.getid().split("::")[0]  # noqa: E731
    elif fmt == "xliff12":
        store = xliff.xlifffile.parsefile(str(path))
        ident = lambda u: u.getid().rpartition("\x04")[2]  # noqa: E731
    else:
        store = pypo.pofile.parsefile(str(path))
        ident = lambda u: u.getcontext()  # noqa: E731
    for unit in store.units:
        if ident(unit) in edits:
            unit.target = edits[ident(unit)]
    store.savefile(str(path))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_target_edited_with_translate_toolkit_lands_in_outputs_and_memory(out, config, fmt):
    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b2.s1": "La Bourse de Prague recule", "b4.s1": "Photo AFP"})
    assert _import(path, config, "--translator", "Ada L.") == 0
    text = (out / "art1.fr.txt").read_text(encoding="utf-8")
    assert "La Bourse de Prague recule" in text and "Photo AFP" in text
    assert "Le gouvernement a approuvé la loi de finances." in text  # untouched MT stays
    records = {
        r["id"]: r for r in map(json.loads, (out / "art1.aligned.jsonl").read_text().splitlines())
    }
    assert records["b2.s1"]["origin"]["fr"] == "human"
    assert records["b2.s1"]["fr"] == "La Bourse de Prague recule"
    assert records["b3.s1"]["origin"]["fr"] == "mt"
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    title = doc["blocks"][1]["segments"][0]["translations"]["fr"]
    assert (title["origin"], title["translator"]) == ("human", "Ada L.")
    with TranslationMemory(load_config(config).memory.path) as tm:
        hits = tm.lookup_human("it", "fr", ["La Borsa di Praga ha chiuso in calo", "Foto: AFP."])
        assert {s: e.target for s, e in hits.items()} == {
            "La Borsa di Praga ha chiuso in calo": "La Bourse de Prague recule",
            "Foto: AFP.": "Photo AFP",
        }
        assert tm.stats()["origins"] == {"human": 2, "mt": 0}


def test_moved_inline_codes_come_back_as_the_document_text(out, config):
    path = _export(out, config, "xliff")
    xml = path.read_text(encoding="utf-8")
    old = (
        '>Lisez <pc id="1" dataRefStart="d1" dataRefEnd="d2" canDelete="no" canCopy="no" '
        'canOverlap="no">le rapport</pc> sur <ph id="3" dataRef="d3" canDelete="no" '
        'canCopy="no"/>.<'
    )
    assert old in xml
    new = (
        '>Sur <ph id="3" dataRef="d3"/>, lisez <pc id="1" dataRefStart="d1" dataRefEnd="d2">'
        "ce rapport</pc> aujourd'hui.<"
    )
    path.write_text(xml.replace(old, new), encoding="utf-8")
    assert _import(path, config) == 0
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    fr = doc["blocks"][2]["segments"][1]["translations"]["fr"]
    assert fr["text"] == (
        'Sur https://kcna.kp, lisez <a href="https://example.org/r">ce rapport</a> aujourd\'hui.'
    )
    assert fr["origin"] == "human"


# A tag pair as a CAT tool may rewrite it: the format's start/end form instead of the one
# mtpipe wrote (XLIFF 2: <sc>/<ec> for <pc>; XLIFF 1.2: <bx>/<ex> or <bpt>/<ept> for <g>).
SPLIT_PAIRS = {
    "xliff": (
        '<pc id="1" dataRefStart="d1" dataRefEnd="d2" canDelete="no" canCopy="no" '
        'canOverlap="no">le rapport</pc>',
        '<sc id="1" dataRef="d1"/>ce rapport<ec startRef="1" dataRef="d2"/>',
    ),
    "xliff12": ('<g id="1">le rapport</g>', '<bx id="1" rid="1"/>ce rapport<ex id="2" rid="1"/>'),
    "xliff12-bpt": (
        '<g id="1">le rapport</g>',
        '<bpt id="1">&lt;a href="x"&gt;</bpt>ce rapport<ept id="1">&lt;/a&gt;</ept>',
    ),
}


@pytest.mark.parametrize("case", list(SPLIT_PAIRS))
def test_a_tag_pair_rewritten_as_start_and_end_codes_imports(out, config, case):
    path = _export(out, config, case.split("-")[0])
    xml = path.read_text(encoding="utf-8")
    old, new = SPLIT_PAIRS[case]
    assert xml.count(old) == 1  # in the target (the source has "il rapporto")
    path.write_text(xml.replace(old, new), encoding="utf-8")
    assert _import(path, config) == 0
    fr = _doc_fr(out, 2, 1)
    assert fr["text"] == 'Lisez <a href="https://example.org/r">ce rapport</a> sur https://kcna.kp.'
    assert fr["origin"] == "human"


@pytest.mark.parametrize(
    "code",
    [
        '<ph id="3">&lt;x3/&gt;</ph>',
        '<ph id="3"/>',
        '<ph id="3" ctype="x-link">https://kcna.kp</ph>',
    ],
)
def test_an_xliff12_ph_for_an_exported_x_is_the_same_code(out, config, code):
    """A CAT tool writing native codes turns ``<x id="3"/>`` into ``<ph id="3">…</ph>``, as
    it turns a ``<g>`` into ``<bpt>``/``<ept>``: the same standalone code, its document
    text back (was: exit 3 advising to remove it, which lost the address)."""
    path = _export(out, config, "xliff12")
    xml = path.read_text(encoding="utf-8")
    old = 'sur <x id="3" equiv-text="https://kcna.kp"/>.</target>'
    assert xml.count(old) == 1
    path.write_text(xml.replace(old, f"à {code} aujourd'hui.</target>"), encoding="utf-8")
    assert _import(path, config) == 0
    fr = _doc_fr(out, 2, 1)
    assert fr["text"] == (
        'Lisez <a href="https://example.org/r">le rapport</a> à https://kcna.kp aujourd\'hui.'
    )


def test_an_unknown_inline_element_is_refused_with_advice_that_keeps_the_code(out, config, capsys):
    """An inline element no exported file has (``<it>``) is exit 3 whose fix writes the
    exported code back with its id; "remove it" alone lost the text it stood for."""
    path = _export(out, config, "xliff12")
    xml = path.read_text(encoding="utf-8")
    old = 'sur <x id="3" equiv-text="https://kcna.kp"/>.</target>'
    path.write_text(xml.replace(old, 'sur <it id="3" pos="open">x</it>.</target>'), "utf-8")
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "<it>" in err and "with its id" in err and "remove it;" not in err


@pytest.mark.parametrize(
    ("fmt", "new"),
    [("xliff", '<ec startRef="1" dataRef="d2"/>ce rapport<sc id="1" dataRef="d1"/>'),
     ("xliff", '<sc id="1" dataRef="d1"/>ce rapport'),
     ("xliff", '<sc id="1" dataRef="d1" isolated="yes"/>ce rapport'),
     ("xliff12", 'ce rapport<ex id="2" rid="1"/><bx id="1" rid="1"/>'),
     ("xliff12", '<bx id="1" rid="1"/>ce rapport<ept id="1">&lt;/a&gt;</ept>')],
)  # fmt: skip
def test_start_and_end_codes_that_do_not_pair_are_exit_3(out, config, fmt, new, capsys):
    path = _export(out, config, fmt)
    xml = path.read_text(encoding="utf-8")
    old = SPLIT_PAIRS[fmt][0]
    assert xml.count(old) == 1
    path.write_text(xml.replace(old, new), encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert err.startswith("mtpipe: error: ") and err.count("\n") == 1 and "b3.s2" in err
    assert _outputs(out) == before


# A unit a CAT tool resegmented: one <segment> per part, the space between in an
# <ignorable> (no target: it stands for its source) or at the edge of a segment's source.
_PRAGUE = (
    '<segment id="s1" state="translated" subState="mtpipe:mt">\n'
    '     <source xml:space="preserve">La Borsa di Praga ha chiuso in calo</source>\n'
    '     <target xml:space="preserve">La Bourse de Prague a clôturé en baisse</target>\n'
    "    </segment>"
)
RESEGMENTED = {
    "ignorable": '<segment id="a"><source>La Borsa di Praga</source><target>{0}</target>'
    '</segment><ignorable><source> </source></ignorable><segment id="b"><source>ha chiuso '
    "in calo</source><target>{1}</target></segment>",
    "leading space": '<segment id="a"><source>La Borsa di Praga</source><target>{0}</target>'
    '</segment><segment id="b"><source> ha chiuso in calo</source><target>{1}</target>'
    "</segment>",
}


def _resegment(path: Path, form: str, first: str, second: str) -> None:
    xml = path.read_text(encoding="utf-8")
    assert xml.count(_PRAGUE) == 1
    path.write_text(xml.replace(_PRAGUE, form.format(first, second)), encoding="utf-8")


@pytest.mark.parametrize("form", list(RESEGMENTED))
@pytest.mark.parametrize(
    ("first", "second"),
    [("La Bourse de Prague", "recule"), ("La Bourse de Prague ", "recule"),
     ("La Bourse de Prague", " recule")],
)  # fmt: skip
def test_a_resegmented_xliff21_unit_keeps_the_space_between_its_segments(
    out, config, form, first, second
):
    path = _export(out, config, "xliff")
    _resegment(path, RESEGMENTED[form], first, second)
    assert _import(path, config) == 0
    fr = _doc_fr(out, 1)
    assert (fr["text"], fr["origin"]) == ("La Bourse de Prague recule", "human")


@pytest.mark.parametrize("form", list(RESEGMENTED))
@pytest.mark.parametrize(
    ("lang", "first", "second", "joined"),
    [("ja", "プラハ証券取引所は下落した。", "取引は低調だった。",
      "プラハ証券取引所は下落した。取引は低調だった。"),
     ("ja", "東京市場のNikkei", "Indexは下落した。", "東京市場のNikkei Indexは下落した。"),
     ("zh-Hant", "布拉格股市下跌。", "成交清淡。", "布拉格股市下跌。成交清淡。"),
     ("th", "ตลาดหุ้นปรากปิดลบ", "การซื้อขายเบาบาง", "ตลาดหุ้นปรากปิดลบ การซื้อขายเบาบาง")],
)  # fmt: skip
def test_a_resegmented_unit_is_joined_as_its_target_language_joins_sentences(
    tmp_path, config, form, lang, first, second, joined
):
    """Japanese and Chinese put no space after a sentence ("。" then the next): the
    source's space between two segments was put between their targets in every
    language. Two Latin words at the junction still take one ("Nikkei Index"). Thai
    writes no space between words but one between sentences: kept."""
    article = make_article()
    for seg in article.segments():
        if "fr" in seg.translations:
            seg.translations[lang] = seg.translations.pop("fr")
    article.target_langs = [lang]
    out = tmp_path / lang
    write_article(article, out, {"json"})
    args = ["--config", str(config), "export", str(out / "art1.json"), "--to", lang]
    assert main(args) == 0
    path = out / f"art1.{lang}.xlf"
    _resegment(path, RESEGMENTED[form], first, second)
    assert _import(path, config) == 0
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    target = doc["blocks"][1]["segments"][0]["translations"][lang]
    assert (target["text"], target["origin"]) == (joined, "human")


@pytest.mark.parametrize("form", list(RESEGMENTED))
@pytest.mark.parametrize(("second", "said"), [(None, "no target"), (" ", "an empty target")])
def test_a_resegmented_unit_with_one_segment_untranslated_is_exit_3(
    out, config, form, second, said, capsys
):
    path = _export(out, config, "xliff")
    form = RESEGMENTED[form]
    if second is None:
        form = form.replace("<target>{1}</target>", "")
    _resegment(path, form, "La Bourse", second)
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert (
        f"unit 'b2.s1': segment 'b' has {said} while another segment of the unit is "
        "translated; translate every segment of the unit"
    ) in err and err.count("\n") == 1
    assert _outputs(out) == before


def test_a_resegmented_unit_without_any_target_is_no_edit(out, config):
    path = _export(out, config, "xliff")
    form = RESEGMENTED["ignorable"].replace("<target>{0}</target>", "")
    _resegment(path, form.replace("<target>{1}</target>", ""), "", "")
    before = _outputs(out)
    assert _import(path, config) == 0
    assert _outputs(out) == before


@pytest.mark.parametrize(
    ("second", "status", "said"),
    [('<mrk mtype="seg" mid="2">recule</mrk>', 0, ""),
     ('<mrk mtype="seg" mid="2"> </mrk>', 3, "an empty target"), ("", 3, "no target")],
)  # fmt: skip
def test_a_segmented_xliff12_unit_with_one_sentence_untranslated_is_exit_3(
    out, config, second, status, said, capsys
):
    path = _export(out, config, "xliff12")
    xml = path.read_text(encoding="utf-8")
    old = re.search(r"<target [^>]*>La Bourse de Prague a clôturé en baisse</target>", xml)
    new = (
        '<seg-source><mrk mtype="seg" mid="1">La Borsa di Praga</mrk> <mrk mtype="seg" mid="2">'
        'ha chiuso in calo</mrk></seg-source><target state="translated"><mrk mtype="seg" '
        f'mid="1">La Bourse de Prague</mrk> {second}</target>'
    )
    path.write_text(xml.replace(old.group(0), new), encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == status
    if status == 0:
        assert _doc_fr(out, 1)["text"] == "La Bourse de Prague recule"
    else:
        err = capsys.readouterr().err
        # the words of XLIFF 2's refusal of the same fault (one message for both)
        assert (
            f"trans-unit 'b2.s1': segment mid='2' has {said} while another segment of the "
            "unit is translated; translate every segment of the unit"
        ) in err
        assert _outputs(out) == before


@pytest.mark.parametrize(
    ("seg_source", "file"),
    [('<mrk mtype="seg" mid="1">La Borsa di Roma</mrk> <mrk mtype="seg" mid="2">ha chiuso '
      "in calo</mrk>", "(file 'La Borsa di Roma ha chiuso in calo'"),
     ('<mrk mtype="seg" mid="1">La Borsa di Praga</mrk>', "(file 'La Borsa di Praga'")],
)  # fmt: skip
def test_a_changed_xliff12_seg_source_is_refused_as_a_changed_source_is(
    out, config, seg_source, file, capsys
):
    """The target of a segmented unit translates its <seg-source>: a tool (or a hand) that
    changed a word of it, or dropped a sentence, while <source> stayed as exported had
    the translation of another text imported as this segment's."""
    path = _export(out, config, "xliff12")
    xml = path.read_text(encoding="utf-8")
    old = re.search(r"<target [^>]*>La Bourse de Prague a clôturé en baisse</target>", xml)
    new = (
        f'<seg-source>{seg_source}</seg-source><target state="translated"><mrk mtype="seg" '
        'mid="1">La Bourse de Rome</mrk> <mrk mtype="seg" mid="2">recule</mrk></target>'
    )
    path.write_text(xml.replace(old.group(0), new), encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "unit 'b2.s1': its <seg-source> no longer matches the document " in err
    assert file in err and "document 'La Borsa di Praga ha chiuso in calo'" in err
    assert err.endswith("; export the file again\n") and err.count("\n") == 1
    assert _outputs(out) == before


def test_a_tag_pair_split_over_two_segments_of_a_unit_imports(out, config):
    path = _export(out, config, "xliff")
    xml = path.read_text(encoding="utf-8")
    unit = re.search(r'<unit id="b3.s2">.*?</unit>', xml, re.S).group(0)
    segment = re.search(r"<segment .*?</segment>", unit, re.S).group(0)
    source = re.search(r"<source[^>]*>(.*?)</source>", segment, re.S).group(1)
    sc, ec = '<sc id="1" dataRef="d1"/>', '<ec startRef="1" dataRef="d2"/>'
    pc = re.search(r"<pc [^>]*>(.*?)</pc>", source).group(0)
    src = source.replace(pc, f"{sc}il{ec}")  # "Leggi <sc/>il" | " rapporto<ec/> su ..."
    assert pc == re.search(r"<pc [^>]*>il rapporto</pc>", source).group(0)
    one, two = source.split(pc)
    split = (
        f'<segment id="x"><source>{one}{sc}il</source><target>Lisez {sc}ce</target></segment>'
        f'<segment id="y"><source> rapporto{ec}{two}</source><target>rapport{ec} sur '
        f'<ph id="3" dataRef="d3"/>.</target></segment>'
    )
    assert src  # the source as one segment reads the same
    path.write_text(xml.replace(segment, split), encoding="utf-8")
    assert _import(path, config) == 0
    fr = _doc_fr(out, 2, 1)
    assert fr["text"] == 'Lisez <a href="https://example.org/r">ce rapport</a> sur https://kcna.kp.'


def test_reviewed_state_without_edit_makes_the_target_human(out, config):
    path = _export(out, config, "xliff")
    store = xliff2.Xliff2File.parsefile(str(path))
    next(u for u in store.units if u.getid().startswith("b4.s1")).markapproved(True)
    store.savefile(str(path))
    assert _import(path, config) == 0
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    assert doc["blocks"][3]["segments"][0]["translations"]["fr"]["origin"] == "human"
    assert doc["blocks"][2]["segments"][0]["translations"]["fr"]["origin"] == "mt"


def test_translator_and_date_come_from_the_po_header(out, config):
    path = _export(out, config, "po")
    _edit_with_toolkit(path, "po", {"b4.s1": "Photo AFP"})
    text = path.read_text(encoding="utf-8")
    text = text.replace("FULL NAME <EMAIL@ADDRESS>", "Bea Rossi <bea@example.org>")
    text = text.replace("YEAR-MO-DA HO:MI+ZONE", "2024-06-01 10:30+0200")
    path.write_text(text, encoding="utf-8")
    assert _import(path, config, "--translator", "fallback") == 0
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    fr = doc["blocks"][3]["segments"][0]["translations"]["fr"]
    assert (fr["translator"], fr["date"]) == ("Bea Rossi <bea@example.org>", "2024-06-01T08:30:00Z")


URL_PH = '<ph id="3" dataRef="d3" canDelete="no" canCopy="no"/>.</target>'
BROKEN = {
    "unknown unit id": ('<unit id="b4.s1">', '<unit id="b9.s9">'),
    "unknown code": (URL_PH, '<ph id="7"/>.</target>'),
    "code twice": (URL_PH, '<ph id="3"/><ph id="3"/>.</target>'),
    "code dropped": (URL_PH, " nulle part.</target>"),
    "wrong language": ('trgLang="fr"', 'trgLang="de"'),
    "chrome edited": (">Italie<", ">Allemagne<"),
    "other article": ('<file id="art1"', '<file id="art2"'),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_broken_file_is_exit_3_and_changes_nothing(out, config, case, capsys):
    path = _export(out, config, "xliff")
    xml = path.read_text(encoding="utf-8")
    old, new = BROKEN[case]
    assert old in xml
    path.write_text(xml.replace(old, new, 1), encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert err.startswith("mtpipe: error: ") and err.count("\n") == 1
    assert _outputs(out) == before
    assert not Path(load_config(config).memory.path).exists()


@pytest.mark.parametrize(
    ("new", "file", "document"),
    [("La Borsa di Praga ha chiuso in calo, dopo una lunga seduta di scambi senza direzione "
      "e con volumi bassi, ieri<", "volumi bassi, ieri'", "volumi alti, ieri'"),
     ("La Borsa di Roma<", "file 'La Borsa di Roma'", "document 'La Borsa di Praga")],
)  # fmt: skip
def test_a_changed_source_is_named_where_it_differs(out, config, new, file, document, capsys):
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    long = "La Borsa di Praga ha chiuso in calo, dopo una lunga seduta di scambi senza direzione"
    seg = doc["blocks"][1]["segments"][0]
    doc["blocks"][1]["text"] = seg["source"] = long + " e con volumi alti, ieri"
    (out / "art1.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    path = _export(out, config, "xliff")
    _edit_with_toolkit(path, "xliff", {"b2.s1": "La Bourse recule"})
    xml = path.read_text(encoding="utf-8")
    path.write_text(xml.replace(seg["source"] + "<", new, 1), encoding="utf-8")
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "1 edited unit not applied, its source changed in " in err
    assert file in err and document in err and err.count("\n") == 1


def _change_source(out: Path, block: int, old: str, new: str) -> None:
    """The newsroom edits a sentence of the article after the export (in the document:
    the block's text and its segment's source)."""
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    b = doc["blocks"][block]
    seg = next(s for s in b["segments"] if old in s["source"])
    assert old in b["text"]
    b["text"], seg["source"] = b["text"].replace(old, new), seg["source"].replace(old, new)
    (out / "art1.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


CHANGED = {  # a unit whose source the newsroom changed after the export, and its edit
    "plain": ("b4.s1", 3, "Foto: AFP.", "Foto: AFP/Ansa.", "Photo AFP, relue"),
    "codes": (
        "b3.s2",
        2,
        " oggi.",
        " oggi stesso.",
        'Lisez <a href="https://example.org/r">le rapport</a> sur https://kcna.kp, relue.',
    ),
}


def _edit_linked(path: Path) -> None:
    """Edit b3.s2's target in the file's own form, its codes kept where they are
    (translate-toolkit's XLIFF targets lose or double them)."""
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"(/>|kcna\.kp)\.(</target>|\"\n)", r"\1, relue.\2", text, count=1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("case", list(CHANGED))
def test_units_whose_source_changed_are_named_kept_and_the_others_applied(
    out, config, fmt, case, capsys
):
    """One sentence the newsroom changed after the export refused the whole file: the
    translator's other edits could only be imported by redoing them in a new export."""
    unit, block, old, new, edit = CHANGED[case]
    old_source = next(s.source for s in make_article().segments() if s.id == unit)
    path = _export(out, config, fmt)
    _change_source(out, block, old, new)
    plain = {unit: edit} if case == "plain" else {}
    _edit_with_toolkit(path, fmt, {"b2.s1": "La Bourse de Prague recule", **plain})
    if case == "codes":
        _edit_linked(path)
    capsys.readouterr()
    assert _import(path, config, "--translator", "Ada") == 3
    captured = capsys.readouterr()
    assert _doc_fr(out, 1)["text"] == "La Bourse de Prague recule"  # the other edit applied
    assert "La Bourse de Prague recule" in (out / "art1.fr.txt").read_text(encoding="utf-8")
    seg = next(s for s in load_document(out / "art1.json").segments() if s.id == unit)
    assert seg.translations["fr"].origin == "mt"  # not applied to the new source
    warning = [line for line in captured.err.splitlines() if "not applied" in line]
    assert len(warning) == 1 and "1 edited unit not applied, its source changed" in warning[0]
    assert f"{unit}: file " in warning[0] and old.strip() in warning[0]
    assert new.strip() in warning[0] and "kept in the translation memory" in warning[0]
    assert f"1 unit whose source changed ({unit})" in captured.out
    assert _human_tm(config, old_source) == (edit, "Ada")  # the old source's translation
    assert _human_tm(config, seg.source) is None
    again = _export(out, config, fmt)  # the next export offers it for the new source
    assert "relue" in again.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_untouched_unit_whose_source_changed_is_stale_not_a_failure(out, config, fmt, capsys):
    path = _export(out, config, fmt)
    _change_source(out, 3, "Foto: AFP.", "Foto: Reuters.")
    _edit_with_toolkit(path, fmt, {"b2.s1": "La Bourse de Prague recule"})
    assert _import(path, config) == 0
    captured = capsys.readouterr()
    assert "1 unit older than the document (b4.s1)" in captured.out
    assert "not applied" not in captured.err
    assert _doc_fr(out, 1)["text"] == "La Bourse de Prague recule"
    assert _human_tm(config, "Foto: AFP.") is None


def test_a_changed_source_without_the_memory_says_the_edit_is_only_in_the_file(out, config, capsys):
    path = _export(out, config, "po")
    _change_source(out, 3, "Foto: AFP.", "Foto: Reuters.")
    _edit_with_toolkit(path, "po", {"b2.s1": "La Bourse de Prague recule", "b4.s1": "Photo AFP"})
    assert _import(path, config, "--no-memory") == 3
    err = capsys.readouterr().err
    assert "that of b4.s1 only in this file (the memory is off): read it there" in err
    assert _doc_fr(out, 1)["text"] == "La Bourse de Prague recule"
    assert not Path(load_config(config).memory.path).exists()


@pytest.mark.parametrize("edited", [True, False])
def test_an_import_whose_memory_fails_leaves_outputs_and_memory_as_they_were(
    out, config, edited, monkeypatch
):
    """Document, outputs and memory take the applied edits and the changed units' kept
    translations together or not at all: a memory that fails after the outputs were written
    (a full disk) puts the outputs back."""
    path = _export(out, config, "po")
    _change_source(out, 3, "Foto: AFP.", "Foto: Reuters.")
    edits = {"b4.s1": "Photo AFP"} | ({"b2.s1": "La Bourse recule"} if edited else {})
    _edit_with_toolkit(path, "po", edits)
    _store_human(config, ("Un'altra frase", "Une autre phrase"))
    before = _outputs(out)

    def full_disk(self, entries):
        list(entries)
        raise OutputError(f"cannot write translation memory {self.path}: database or disk is full")

    monkeypatch.setattr(TranslationMemory, "store_entries", full_disk)
    assert _import(path, config) == OutputError.exit_code
    monkeypatch.undo()
    assert _outputs(out) == before
    assert _human_tm(config, "Foto: AFP.") is None


def test_a_changed_source_in_a_file_read_with_doc_under_another_id_still_refuses_it(
    out, config, capsys
):
    """A file whose id a tool renamed is tied to the --doc only by its units: a unit whose
    source differs may mean another article's file, so the whole file is refused."""
    path = _export(out, config, "po")
    _change_source(out, 3, "Foto: AFP.", "Foto: Reuters.")
    _edit_with_toolkit(path, "po", {"b2.s1": "La Bourse de Prague recule", "b4.s1": "Photo AFP"})
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("# mtpipe-article: art1", "# mtpipe-article: f1"), "utf-8")
    before = _outputs(out)
    assert _import(path, config, "--doc", str(out / "art1.json")) == 3
    assert "unit 'b4.s1': its source no longer matches the document" in capsys.readouterr().err
    assert _outputs(out) == before


SWAP = {
    "xliff": ('<unit id="b2.s1">', '<unit id="b4.s1">', "id"),
    "xliff12": ('<trans-unit id="b2.s1"', '<trans-unit id="b4.s1"', "id"),
    "po": ('msgctxt "b2.s1"', 'msgctxt "b4.s1"', "msgctxt"),
}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_unit_ids_a_tool_swapped_are_named_as_swapped(out, config, fmt, capsys):
    path = _export(out, config, fmt)
    one, two, key = SWAP[fmt]
    text = path.read_text(encoding="utf-8")
    assert text.count(one) == text.count(two) == 1
    path.write_text(text.replace(one, "@@").replace(two, one).replace("@@", two), "utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "unit 'b4.s1': its source is that of segment 'b2.s1', not of 'b4.s1'" in err
    assert f"put back {key} 'b2.s1' on it" in err and err.count("\n") == 1
    assert _outputs(out) == before


def test_not_an_exchange_file_is_exit_3(tmp_path, config, capsys):
    junk = tmp_path / "x.xlf"
    junk.write_text("<html/>", encoding="utf-8")
    assert _import(junk, config) == 3
    assert "tm import" not in capsys.readouterr().err
    memory = tmp_path / "cat.tmx"
    memory.write_text('<?xml version="1.0"?>\n<tmx version="1.4"><body/></tmx>\n', "utf-8")
    assert _import(memory, config) == 3
    assert capsys.readouterr().err.endswith("; a TMX goes to `mtpipe tm import`\n")


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("suffix", [".po", ".xlf", ".xliff", ".txt"])
def test_an_edited_file_is_read_by_its_content_whatever_its_suffix(out, config, fmt, suffix):
    """A translator who saves ``art1.fr.xlf`` as ``.po`` (or a PO as ``.xlf``)."""
    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b2.s1": "La Bourse de Prague recule"})
    renamed = path.rename(path.with_name(f"edited{suffix}"))
    assert _import(renamed, config) == 0
    assert _doc_fr(out, 1)["text"] == "La Bourse de Prague recule"


def test_a_po_suffix_on_no_exchange_file_is_named_by_the_po_reader(tmp_path, config, capsys):
    junk = tmp_path / "x.po"
    junk.write_text("hello\n", encoding="utf-8")
    assert _import(junk, config) == 3
    assert "x.po: line 1: 'hello' is not a string" in capsys.readouterr().err


RENAMED_ID = {
    "xliff": ('<file id="art1"', '<file id="f1"'),
    "xliff12": ('product-name="art1"', 'product-name="f1"'),
    "po": ("# mtpipe-article: art1", "# mtpipe-article: f1"),
}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_file_whose_article_id_a_tool_renamed_imports_with_doc(out, config, fmt, capsys):
    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b2.s1": "La Bourse de Prague recule"})
    old, new = RENAMED_ID[fmt]
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    capsys.readouterr()
    assert _import(path, config) == 3  # found by the path it records: the id must agree
    assert "is for article 'f1', not 'art1'; pass the right --doc" in capsys.readouterr().err
    other = make_article()
    other.id, other.blocks[1].segments[0].source = "art2", "Un altro titolo"
    other.blocks[1].text = "Un altro titolo"
    write_article(other, out.parent / "other", {"json"})
    assert _import(path, config, "--doc", str(out.parent / "other" / "art2.json")) == 3
    err = capsys.readouterr().err  # a wrong --doc: said first, then the unit that tells
    assert "is for article 'f1', not 'art2', and its units do not match it (" in err
    assert "its source no longer matches" in err and err.endswith("pass the right --doc\n")
    assert _import(path, config, "--doc", str(out / "art1.json")) == 0
    assert "names article 'f1'; read against art1" in capsys.readouterr().err
    assert _doc_fr(out, 1)["text"] == "La Bourse de Prague recule"


# --- batch export -------------------------------------------------------------------
def test_only_flagged_exports_articles_with_findings_at_or_above_severity(out, config, capsys):
    clean = make_article()
    clean.id = "art2"
    clean.meta["qa_checked"] = True  # checked and clean (QA ran): skipped
    for seg in clean.segments():
        seg.findings = []
    write_article(clean, out, {"json"})
    dest = out / "pe"
    args = ["--config", str(config), "export", str(out), "--to", "fr", "--out-dir", str(dest)]
    assert main([*args, "--only-flagged", "error"]) == 0
    assert sorted(p.name for p in dest.iterdir()) == ["art1.fr.xlf"]
    assert main([*args, "--format", "po"]) == 0
    assert sorted(p.name for p in dest.glob("*.po")) == ["art1.fr.po", "art2.fr.po"]


@pytest.mark.parametrize("severity", ["warning", "info"])
def test_only_flagged_exports_a_document_never_checked_by_qa_and_says_why(
    out, config, capsys, severity
):
    """A document translated with --no-qa has no findings because nothing checked it: it
    was "skipped (no QA finding at or above warning)" and never reviewed (hostile37 #1)."""
    unchecked = make_article()
    unchecked.id = "art2"
    for seg in unchecked.segments():
        seg.findings = []
    write_article(unchecked, out, {"json"})
    dest = out / "pe"
    args = ["--config", str(config), "export", str(out / "art2.json"), "--to", "fr"]
    assert main([*args, "--out-dir", str(dest), "--only-flagged", severity]) == 0
    said = capsys.readouterr().out
    assert sorted(p.name for p in dest.iterdir()) == ["art2.fr.xlf"]
    assert "never checked by QA" in said and "mtpipe qa" in said and "--update" in said


def test_export_to_a_language_the_document_lacks_is_a_usage_error(out, config):
    args = ["--config", str(config), "export", str(out / "art1.json"), "--to", "en"]
    assert main(args) == 2


# --- human edits survive retranslation ------------------------------------------------
def test_carry_human_edits_keeps_unchanged_segments_only():
    before = make_article()
    before.blocks[1].segments[0].translations["fr"] = Translation("Titre humain", "human")
    before.blocks[3].segments[0].translations["fr"] = Translation("Légende", "human")
    after = make_article()
    after.blocks[3].segments[0].source = "Foto: Reuters."  # source changed: not carried
    before.blocks[2].segments[1].translations["fr"] = Translation("Lisez ça.", "human")
    after.blocks[2].segments[1].protected = []  # not translated again: spans not recorded
    assert carry_human_edits(after, before) == 2
    assert after.blocks[1].segments[0].translations["fr"].text == "Titre humain"
    assert after.blocks[3].segments[0].translations["fr"].origin == "mt"
    assert after.blocks[2].segments[1].protected == before.blocks[2].segments[1].protected


def test_import_via_library_reports_counts(out, config):
    path = _export(out, config, "xliff12")
    _edit_with_toolkit(path, "xliff12", {"b2.s1": "Titre"})
    result = import_file(path, load_config(config))
    assert (result.edited, result.lang, result.document) == (1, "fr", out / "art1.json")
    again = export_document(out / "art1.json", "fr", get_format("xliff12"), load_config(config))
    assert 'approved="yes"' in again.path.read_text(encoding="utf-8")


def test_an_xliff_with_a_doctype_is_refused_before_any_entity_is_read(out, config, tmp_path):
    path = _export(out, config, "xliff")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    xml = path.read_text(encoding="utf-8")
    head, _, rest = xml.partition("\n")
    doctype = f'<!DOCTYPE xliff [<!ENTITY s SYSTEM "file://{secret}">]>'
    rest = rest.replace(">Photo : AFP.<", ">&s;<")
    path.write_text(f"{head}\n{doctype}\n{rest}", encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    assert _outputs(out) == before


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_tiny_model_translation_is_said_to_be_noise_in_the_file(tmp_path, config, fmt):
    article = make_article()
    article.signatures["fr"] = {"model": "mtpipe/random-marian-tiny-it-fr", "tiny": True}
    write_article(article, tmp_path / "t", {"json"})
    path = _export(tmp_path / "t", config, fmt)
    assert "tiny random test model: the MT text is noise" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fmt", "mark"), [("xliff12", '<note from="mtpipe">'), ("xliff", '<note category="mtpipe">')]
)
def test_mtpipes_file_notes_a_tool_unmarked_are_no_translators_notes(
    tmp_path, config, capsys, fmt, mark
):
    """A tool that dropped the attribute marking mtpipe's file notes (the tiny-model
    warning, a block kept in its own language) had import name them as a translator's;
    a translator's own file note beside them is still named."""
    article = make_article()
    article.signatures["fr"] = {"model": "mtpipe/random-marian-tiny-it-fr", "tiny": True}
    write_article(article, tmp_path / "t", {"json"})
    path = _export(tmp_path / "t", config, fmt)
    _edit_with_toolkit(path, fmt, {"b4.s1": "Photo AFP"})
    xml = path.read_text(encoding="utf-8")
    assert xml.count(mark) == 1
    path.write_text(xml.replace(mark, "<note>"), encoding="utf-8")
    capsys.readouterr()
    assert _import(path, config) == 0
    assert "whole file" not in capsys.readouterr().err
    note = "<note>Names checked with the desk.</note>"
    holder = "<header>" if fmt == "xliff12" else "<notes>"
    path.write_text(xml.replace(mark, "<note>").replace(holder, holder + note, 1), "utf-8")
    assert _import(path, config) == 0
    err = capsys.readouterr().err
    assert "1 note(s) a translator added to the whole file" in err and "desk" in err


@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
@pytest.mark.parametrize(
    ("said", "refused"), [("en", True), ("de-CH", True), ("fr-FR", False), ("FR_fr", False)]
)
def test_a_target_whose_xml_lang_names_another_language_is_exit_3(
    out, config, capsys, fmt, said, refused
):
    """A target a tool marked ``xml:lang="en"`` in a file into fr (XLIFF requires the two
    to agree) was imported as the French human translation without a word."""
    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b2.s1": "The Prague stock exchange fell"})
    xml = path.read_text(encoding="utf-8")
    old = ">The Prague stock exchange fell</target>"
    start = xml.rindex("<target", 0, xml.index(old))
    xml = xml[:start] + f'<target xml:lang="{said}"' + xml[start + len("<target") :]
    path.write_text(xml, encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == (3 if refused else 0)
    err = capsys.readouterr().err
    if refused:
        assert f"xml:lang={said!r}" in err and "'b2.s1'" in err and err.count("\n") == 1
        assert _outputs(out) == before
    else:
        assert _doc_fr(out, 1)["text"] == "The Prague stock exchange fell"


PO_BROKEN = {
    "unknown unit id": ('msgctxt "b4.s1"', 'msgctxt "b4.s9"'),
    "protected text dropped": ("sur https://kcna.kp.", "sur le site."),
    "wrong language": ("Language: fr", "Language: de"),
    # PO carries tags as text: a pair closed before it opens would be broken HTML
    "tag closed before opened": (
        '"Lisez <a href=\\"https://example.org/r\\">le rapport</a> sur https://kcna.kp."',
        '"Lisez </a>le rapport <a href=\\"https://example.org/r\\"> sur https://kcna.kp."',
    ),
}


@pytest.mark.parametrize("case", list(PO_BROKEN))
def test_a_broken_po_file_is_exit_3_and_changes_nothing(out, config, case, capsys):
    path = _export(out, config, "po")
    text = path.read_text(encoding="utf-8")
    old, new = PO_BROKEN[case]
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    assert _outputs(out) == before
    assert capsys.readouterr().err.count("\n") == 1


def _write_nested_markers(out: Path) -> None:
    """The test document with a second segment holding nested markers (``<g1>…<g2>…``),
    the tags of rich input, translated into French."""
    from pipeline.document import ProtectedSpan

    article = make_article()
    seg = article.blocks[2].segments[1]
    seg.source = "Leggi <g1>il <g2>rapporto</g2></g1> oggi."
    seg.protected = [
        ProtectedSpan(a, a + len(t), "tag", {})
        for t, a in (("<g1>", 6), ("<g2>", 13), ("</g2>", 25), ("</g1>", 30))
    ]
    seg.translations["fr"] = _mt("Lisez <g1>le <g2>rapport</g2></g1> aujourd'hui.")
    article.blocks[2].text = article.blocks[2].segments[0].source + " " + seg.source
    write_article(article, out, {"json"})


def test_crossed_tags_in_an_edited_po_target_are_exit_3(out, config, capsys):
    """Markers, the tags of rich input, cross as literal text in PO too."""
    _write_nested_markers(out)
    path = _export(out, config, "po")
    text = path.read_text(encoding="utf-8")
    old = "Lisez <g1>le <g2>rapport</g2></g1> aujourd'hui."
    assert old in text
    for crossed in ("Lisez <g1>le <g2>rapport</g1></g2> aujourd'hui.",
                    "Lisez </g1>le <g2>rapport</g2><g1> aujourd'hui."):  # fmt: skip
        path.write_text(text.replace(old, crossed), encoding="utf-8")
        assert _import(path, config) == 3
        assert "tags cross or close before they open" in capsys.readouterr().err
    path.write_text(text.replace(old, "<g1>Lisez le <g2>rapport</g2></g1> aujourd'hui."), "utf-8")
    assert _import(path, config) == 0  # moved, still nested: fine
    assert _doc_fr(out, 2, 1)["text"] == "<g1>Lisez le <g2>rapport</g2></g1> aujourd'hui."


def _write_shortcode_pair(out: Path) -> None:
    """The test document with a second segment holding a WordPress shortcode's opening and
    closing codes (``[tooltip …]`` … ``[/tooltip]``, standalone markers), in French."""
    from pipeline.document import ProtectedSpan

    article = make_article()
    block, seg = article.blocks[2], article.blocks[2].segments[1]
    seg.source = "Leggi <x1/>la parola<x2/> oggi."
    seg.protected = [ProtectedSpan(a, a + 5, "tag", {}) for a in (6, 20)]
    seg.translations["fr"] = _mt("Lisez <x1/>le mot<x2/> aujourd'hui.")
    block.meta["markup"] = {
        "1": {"tag": None, "attrs": {}, "text": '[tooltip text="Spiegazione"]'},
        "2": {"tag": None, "attrs": {}, "text": "[/tooltip]"},
    }
    block.text = block.segments[0].source + " " + seg.source
    write_article(article, out, {"json"})


_XLIFF21_PH = '<ph id="{0}" dataRef="d{0}" canDelete="no" canCopy="no"/>'
_XLIFF12_X = '<x id="{0}" equiv-text="&lt;x{0}/&gt;"/>'


@pytest.mark.parametrize(
    ("fmt", "code"), [("po", "<x{0}/>"), ("xliff", _XLIFF21_PH), ("xliff12", _XLIFF12_X)]
)
def test_a_shortcode_closed_before_it_opens_in_an_edited_target_is_exit_3(
    out, config, capsys, fmt, code
):
    """``[/tooltip]…[tooltip]`` breaks the site as a crossed tag does (was: imported)."""
    _write_shortcode_pair(out)
    path = _export(out, config, fmt)
    text = path.read_text(encoding="utf-8")
    old = code.format(1) + "le mot" + code.format(2)
    assert old in text
    path.write_text(text.replace(old, code.format(2) + "le mot" + code.format(1)), "utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "b3.s2" in err and "shortcode codes" in err and "close before they open" in err
    assert _outputs(out) == before
    path.write_text(text.replace("Lisez " + old, old + " Lisez"), encoding="utf-8")
    assert _import(path, config) == 0  # moved, still in order: fine


@pytest.mark.parametrize(
    ("fmt", "edited", "named"),
    [
        ("po", "Lisez <g1>le <g2>rapport</g2></g1> et <g3>plus</g3>.", "'<g3>'"),
        ("po", "Lisez <g1>le <g2>rapport</g2></g1><x7/>.", "'<x7/>'"),
        ("po", "Lisez <g1>le <g2>rapport</g2></g1> et <g2>encore</g2>.", "'<g2>' 2 times"),
        ("po", "<g1>Lisez</g1> <g1>le <g2>rapport</g2></g1>.", "'<g1>' 2 times"),
        ("po", "Lisez <g1>le <g2>rapport</g2></g1> <b>aujourd'hui</b>.", "'<b>'"),
        ("po", "Lisez <g1>le <g2>rapport</g2></g1><br/>aujourd'hui.", "'<br/>'"),
        ("po", 'Lisez <g1>le <g2>rapport</g2></g1> <a href="/x">ici</a>.', "'<a href=\"/x\">'"),
        ("po", "Lisez <g1>le <g2>rapport</g2></g1> <!-- date? -->.", "comment '<!-- date? -->'"),
        ("po", "Lisez <g1>le <g2>rapport</g2></g1> <!-- à revoir.", "comment '<!-- à revoir.'"),
        ("xliff", "two", "<pc id='2'> appears twice"),
        ("xliff12", "two", "<g id='2'> appears twice"),
    ],
)
def test_an_edited_target_with_a_code_its_source_has_not_or_twice_is_exit_3(
    out, config, capsys, fmt, edited, named
):
    """A PO target with a marker copied from another unit (``<g3>``) or a tag pair
    written twice imported fine: the unknown marker was literal text in every output
    and the next XLIFF export; a doubled link made two links (XLIFF said "lost")."""
    _write_nested_markers(out)
    path = _export(out, config, fmt)
    text = path.read_text(encoding="utf-8")
    if fmt == "po":
        old = "Lisez <g1>le <g2>rapport</g2></g1> aujourd'hui."
        new = edited.replace('"', '\\"')
    else:  # the inner pair (id 2) twice, as a CAT tool writes it
        old = re.search(r"<(pc|g) id=\"2\"[^>]*>rapport</\1>", text).group(0)
        new = f"{old} {old.replace('rapport', 'encore')}"
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert named in err and "b3.s2" in err and err.count("\n") == 1
    assert _outputs(out) == before


def test_a_target_with_literal_text_that_only_looks_like_a_tag_imports(out, config):
    """ "3 < 5", "a<b", "<3" and a marker-like word are text, not tags."""
    path = _export(out, config, "po")
    text = path.read_text(encoding="utf-8")
    old = 'Lisez <a href=\\"https://example.org/r\\">le rapport</a>'
    assert old in text
    path.write_text(text.replace(old, old + " (3 < 5, a<b, <3, <- ->)"), encoding="utf-8")
    assert _import(path, config) == 0
    assert "(3 < 5, a<b, <3, <- ->)" in _doc_fr(out, 2, 1)["text"]


def test_a_tag_written_as_text_in_the_source_may_be_in_the_target(out, config):
    """An article about HTML quotes ``<b>`` as text: its translation keeps it."""
    article = make_article()
    seg = article.blocks[2].segments[1]
    seg.source, seg.protected = "Il tag <b> apre il grassetto.", []
    seg.translations["fr"] = _mt("La balise <b> ouvre le gras.")
    article.blocks[2].text = article.blocks[2].segments[0].source + " " + seg.source
    write_article(article, out, {"json"})
    path = _export(out, config, "po")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("ouvre le gras", "met en gras"), encoding="utf-8")
    assert _import(path, config) == 0
    assert _doc_fr(out, 2, 1)["text"] == "La balise <b> met en gras."


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("Photo\u00a0: AFP&nbsp;/ Reuters", "NO-BREAK SPACE"),  # a web editor's habit
        ("Photo : AFP &amp; Reuters", "AMPERSAND"),  # a tool that escaped twice
        ("Photo : l&#8217;AFP", "RIGHT SINGLE QUOTATION MARK"),
        ("Photo : l&#x2019;AFP", "RIGHT SINGLE QUOTATION MARK"),
    ],
)
def test_an_html_character_reference_typed_into_an_edited_target_is_exit_3(
    out, config, capsys, fmt, typed, named
):
    """mtpipe's text is text: a ``&nbsp;`` typed into a target (a literal ``&amp;nbsp;``
    in XLIFF) was imported and showed as ``&nbsp;`` on the page and in every output."""
    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b4.s1": typed})
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    ref = re.search(r"&#?\w+;", typed).group(0)
    assert "'b4.s1'" in err and repr(ref) in err and named in err and err.count("\n") == 1
    assert _outputs(out) == before


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_an_ampersand_that_is_no_character_reference_imports(out, config, fmt):
    """``R&D``, ``AT&T;``, ``&c.`` and a lone ``&`` are text, as a reference the source
    itself quotes is (an article about HTML)."""
    path = _export(out, config, fmt)
    typed = "Photo : R&D, AT&T; &c. & AFP &bogus;"
    _edit_with_toolkit(path, fmt, {"b4.s1": typed})
    assert _import(path, config) == 0
    assert _doc_fr(out, 3)["text"] == typed


def test_a_character_reference_the_source_quotes_may_be_in_the_target(out, config):
    article = make_article()
    seg = article.blocks[3].segments[0]
    seg.source = article.blocks[3].text = "Foto: scrivete &nbsp; per lo spazio."
    seg.translations["fr"] = _mt("Photo : écrivez &nbsp; pour l'espace.")
    write_article(article, out, {"json"})
    path = _export(out, config, "po")
    _edit_with_toolkit(path, "po", {"b4.s1": "Photo : tapez &nbsp; pour l'espace."})
    assert _import(path, config) == 0
    assert _doc_fr(out, 3)["text"] == "Photo : tapez &nbsp; pour l'espace."


@pytest.fixture
def qa_config(tmp_path) -> Path:
    """Settings with QA on (the ``config`` fixture turns it off)."""
    cfg = tmp_path / "pe-qa.toml"
    cfg.write_text(f'[memory]\npath = "{tmp_path / "memory.sqlite"}"\n', encoding="utf-8")
    return cfg


@pytest.mark.parametrize(
    ("fmt", "unit", "typed", "number"),
    [
        ("po", "b3.s1", "Le gouvernement a approuvé 12 lois de finances.", "12"),
        ("xliff", "b4.s1", "Photo : AFP, 2019.", "2019"),
    ],
)
def test_qa_findings_on_the_imported_targets_are_named_by_the_import(
    out, qa_config, capsys, fmt, unit, typed, number
):
    """QA reran on an imported edit and stored its findings in the document, but the
    import said nothing: a translator's changed or added number went unnoticed until
    someone ran `mtpipe qa`. One warning line now counts and names them."""
    path = _export(out, qa_config, fmt)
    _edit_with_toolkit(path, fmt, {unit: typed, "b2.s1": "La Bourse de Prague recule"})
    capsys.readouterr()
    assert _import(path, qa_config) == 0
    lines = [x for x in capsys.readouterr().err.splitlines() if "QA of the imported" in x]
    assert len(lines) == 1 and "mtpipe: warning:" in lines[0] and str(path) in lines[0]
    assert f"{unit} number_unmatched: target number(s) {number} not in" in lines[0]
    assert ": 1 warning (" in lines[0]
    assert "b2.s1" not in lines[0]  # an edit QA finds nothing in is not named
    assert f"mtpipe qa {out / 'art1.json'}" in lines[0]


@pytest.mark.parametrize("with_qa", [True, False], ids=["qa on", "qa off"])
def test_an_import_without_qa_leaves_no_record_of_a_pass(out, config, qa_config, with_qa):
    """A QA record is of the text QA read: a post-edit imported with ``[qa] enabled = false``
    kept the earlier record, so bundle read the edited page as checked (hostile37 #1's kind)."""
    checked = load_document(out / "art1.json")
    checked.meta["qa_checked"] = True
    write_article(checked, out, {"txt", "md", "jsonl", "json"})
    cfg = qa_config if with_qa else config
    path = _export(out, cfg, "po")
    _edit_with_toolkit(path, "po", {"b2.s1": "La Bourse de Prague recule"})
    assert _import(path, cfg) == 0
    assert load_document(out / "art1.json").meta.get("qa_checked") is (True if with_qa else None)


@pytest.mark.parametrize(
    ("fmt", "element"),
    [
        ("xliff", '<unit id="b2.s1"'),
        ("xliff", '<group id="b2"'),
        ("xliff12", '<trans-unit id="b2.s1"'),
    ],
)
def test_a_unit_a_reviewer_locked_after_editing_imports(out, config, capsys, fmt, element):
    """memoQ and Phrase lock a finished segment (``translate="no"``): the edited unit was
    refused as "page chrome, locked" and the whole file with it. Chrome is what the
    document says it is; the tool's lock is no reason to drop the edit."""
    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b2.s1": "La Bourse de Prague recule"})
    xml = path.read_text(encoding="utf-8")
    assert xml.count(element) == 1
    path.write_text(xml.replace(element, f'{element} translate="no"'), encoding="utf-8")
    assert _import(path, config) == 0
    assert _doc_fr(out, 1)["text"] == "La Bourse de Prague recule"
    assert (
        _human_tm(config, "La Borsa di Praga ha chiuso in calo")[0] == "La Bourse de Prague recule"
    )


@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
def test_a_chrome_unit_unlocked_and_edited_is_still_refused(out, config, capsys, fmt):
    """The other direction: chrome stays locked when a tool drops its ``translate="no"``."""
    path = _export(out, config, fmt)
    xml = path.read_text(encoding="utf-8").replace(' translate="no"', "")
    path.write_text(xml, encoding="utf-8")
    _edit_with_toolkit(path, fmt, {"b1.s1": "Italie du Nord"})
    before = _outputs(out)
    assert _import(path, config) == 3
    assert "'b1.s1' is page chrome, locked" in capsys.readouterr().err
    assert _outputs(out) == before


_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="it" datatype="plaintext" segtype="sentence"
 adminlang="en" o-tmf="x" creationtool="Olifant" creationtoolversion="1"/><body>
<tu><tuv xml:lang="it"><seg>Foto: AFP.</seg></tuv><tuv xml:lang="fr"><seg>{fr}</seg></tuv></tu>
<tu><tuv xml:lang="it"><seg>Il prezzo.</seg></tuv><tuv xml:lang="fr"><seg>{fr2}</seg></tuv>
<tuv xml:lang="en"><seg>The price.</seg></tuv></tu>
</body></tmx>
"""


@pytest.mark.parametrize(
    ("fr", "fr2", "ref"),
    [
        ("Photo&amp;nbsp;: AFP.", "Le prix &amp;amp; la TVA.", "&nbsp;"),
        ("Photo : l&amp;#8217;AFP.", "Le prix&amp;#x202F;!", "&#8217;"),
    ],
)
def test_a_tmx_human_translation_with_an_html_character_reference_is_not_stored(
    tmp_path, capsys, fr, fr2, ref
):
    """Another tool's TMX (post-edited text of HTML pages) held ``&amp;nbsp;``: stored as
    a human translation, it was served into every article with that sentence and showed
    ``&nbsp;`` on the page, as a reference typed into an edited target would."""
    tmx, memory = tmp_path / "pe.tmx", tmp_path / "m.sqlite"
    tmx.write_text(_TMX.format(fr=fr, fr2=fr2), encoding="utf-8")
    assert main(["tm", "import", str(tmx), "--memory", str(memory)]) == 0
    captured = capsys.readouterr()
    assert "1 translation unit not imported" in captured.out
    assert "HTML character references" in captured.out
    assert (
        f"translation unit 1: skipped, its fr segment holds the HTML character reference {ref!r}"
        in captured.err
    )
    assert "translation unit 2: its fr segment" in captured.err
    with TranslationMemory(memory) as tm:
        assert tm.lookup_human("it", "fr", ["Foto: AFP.", "Il prezzo."]) == {}
        assert tm.lookup_human("it", "en", ["Il prezzo."])["Il prezzo."].target == "The price."


def test_a_tmx_ampersand_that_is_no_character_reference_is_stored(tmp_path):
    """The other direction: ``R&D``, ``AT&T;`` and ``&bogus;`` are text."""
    tmx, memory = tmp_path / "pe.tmx", tmp_path / "m.sqlite"
    fr = "R&amp;D, AT&amp;T; &amp;bogus;"
    tmx.write_text(_TMX.format(fr=fr, fr2="Le prix."), encoding="utf-8")
    assert main(["tm", "import", str(tmx), "--memory", str(memory)]) == 0
    with TranslationMemory(memory) as tm:
        hit = tm.lookup_human("it", "fr", ["Foto: AFP."])["Foto: AFP."]
    assert hit.target == "R&D, AT&T; &bogus;"


def test_a_broken_xliff12_code_is_exit_3(out, config):
    path = _export(out, config, "xliff12")
    xml = path.read_text(encoding="utf-8")
    assert '<g id="1">le rapport</g>' in xml
    path.write_text(xml.replace('<g id="1">le rapport</g>', '<g id="3">le rapport</g>'), "utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    assert _outputs(out) == before


def test_translator_and_date_come_from_the_xliff12_phase(out, config):
    path = _export(out, config, "xliff12")
    xml = path.read_text(encoding="utf-8")
    phase = (
        '<phase-group><phase phase-name="pe1" process-name="translation" '
        'contact-name="Chiara B." date="2024-06-01T08:30:00Z"/></phase-group>'
    )
    xml = xml.replace("<header>", f"<header>{phase}", 1)
    old = '<target state="needs-review-translation" state-qualifier="mt-suggestion">Photo : AFP.'
    assert old in xml
    xml = xml.replace(old, '<target state="translated" phase-name="pe1">Photo AFP.')
    path.write_text(xml, encoding="utf-8")
    assert _import(path, config) == 0
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    fr = doc["blocks"][3]["segments"][0]["translations"]["fr"]
    assert (fr["text"], fr["translator"], fr["date"]) == (
        "Photo AFP.",
        "Chiara B.",
        "2024-06-01T08:30:00Z",
    )


def _xliff12_dated(path: Path, where: str, date: str) -> None:
    """The Photo unit edited, the file dated ``date`` on its ``phase`` or its ``file``."""
    xml = path.read_text(encoding="utf-8")
    if where == "phase":
        phase = f'<phase-group><phase phase-name="pe1" process-name="translation" date="{date}"/>'
        xml = xml.replace("<header>", f"<header>{phase}</phase-group>", 1)
    else:
        xml = re.sub(r"<file ", f'<file date="{date}" ', xml, count=1)
    old = '<target state="needs-review-translation" state-qualifier="mt-suggestion">Photo : AFP.'
    xml = xml.replace(old, '<target state="translated" phase-name="pe1">Photo AFP.')
    path.write_text(xml, encoding="utf-8")


@pytest.mark.parametrize("where", ["phase", "file"])
@pytest.mark.parametrize(
    ("date", "kept"),
    [
        ("2024-06-01T10:30:00+02:00", "2024-06-01T08:30:00Z"),
        ("2024-06-01T08:30:00", "2024-06-01T08:30:00Z"),
        ("2024-06-01", "2024-06-01T00:00:00Z"),
    ],
)
def test_an_xliff12_date_in_another_iso_form_is_kept_as_utc(out, config, where, date, kept):
    """The date was stored as the tool wrote it, offset and all, where the document and
    the memory keep ISO 8601 UTC (times compared, exported as TMX dates)."""
    path = _export(out, config, "xliff12")
    _xliff12_dated(path, where, date)
    assert _import(path, config) == 0
    assert _doc_fr(out, 3)["date"] == kept
    with TranslationMemory(load_config(config).memory.path) as tm:
        hit = tm.lookup_human("it", "fr", ["Foto: AFP."])["Foto: AFP."]
    assert (hit.created, hit.updated) == (kept, kept)


@pytest.mark.parametrize("where", ["phase", "file"])
@pytest.mark.parametrize("date", ["2999-01-01T00:00:00Z", "2100-06-01"])
def test_an_xliff12_date_after_now_is_kept_as_the_time_of_import(out, config, where, date):
    """A translation dated 2999 in the document and the memory won over every later one
    (the newer translation wins a tm import and an older copy's import)."""
    path = _export(out, config, "xliff12")
    _xliff12_dated(path, where, date)
    assert _import(path, config) == 0
    with TranslationMemory(load_config(config).memory.path) as tm:
        hit = tm.lookup_human("it", "fr", ["Foto: AFP."])["Foto: AFP."]
    assert _doc_fr(out, 3)["date"] == hit.updated <= utc_now()


@pytest.mark.parametrize("where", ["phase", "file"])
@pytest.mark.parametrize("date", ["yesterday", "2024-13-45T99:00:00Z", "01/06/2024"])
def test_an_xliff12_date_that_is_no_date_is_exit_3(out, config, capsys, where, date):
    """'yesterday' was stored as the translation's date in the document and the memory."""
    path = _export(out, config, "xliff12")
    _xliff12_dated(path, where, date)
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert repr(date) in err and "'b4.s1'" in err and "ISO 8601" in err and err.count("\n") == 1
    assert _outputs(out) == before


def test_translator_comes_from_its_rev_person_in_xliff21(out, config):
    path = _export(out, config, "xliff")
    xml = path.read_text(encoding="utf-8")
    xml = xml.replace('<unit id="b4.s1">', '<unit id="b4.s1" its:revPerson="Dario R.">', 1)
    xml = xml.replace(">Photo : AFP.</target>", ">Photo AFP.</target>")
    path.write_text(xml, encoding="utf-8")
    assert _import(path, config, "--translator", "fallback") == 0
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    assert doc["blocks"][3]["segments"][0]["translations"]["fr"]["translator"] == "Dario R."
    again = _export(out, config, "xliff").read_text(encoding="utf-8")
    assert 'its:person="Dario R."' in again and 'state="reviewed"' in again


# --- stale copies and conflicts: what the exported file records decides -------------------
ANNA = "La Bourse de Prague a terminé la séance en recul"
BRUNO = "La Bourse de Prague clôture en repli"


def _doc_fr(out: Path, block: int, seg: int = 0) -> dict:
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    return doc["blocks"][block]["segments"][seg]["translations"]["fr"]


def _human_tm(config: Path, source: str) -> tuple[str, str | None] | None:
    with TranslationMemory(load_config(config).memory.path) as tm:
        hit = tm.lookup_human("it", "fr", [source]).get(source)
    return (hit.target, hit.creator) if hit is not None else None


def _two_copies(out: Path, config: Path, fmt: str) -> tuple[Path, Path]:
    """The exported file, and an untouched copy of it in a subfolder of the output folder."""
    path = _export(out, config, fmt)
    copy = out / "bruno" / path.name
    copy.parent.mkdir()
    copy.write_bytes(path.read_bytes())
    return path, copy


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_unit_read_back_knows_the_target_it_was_exported_with(out, config, fmt):
    import hashlib

    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b4.s1": "Photo AFP"})  # saved by translate-toolkit
    units = {u.id: u for u in get_format(fmt).load().read(path).units}
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    for block in doc["blocks"]:
        for seg in block["segments"]:
            if seg["id"] not in units:
                continue  # chrome is left out of PO
            text = seg["translations"]["fr"]["text"]
            assert units[seg["id"]].exported == hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_untouched_copy_imported_after_an_edit_undoes_nothing(out, config, fmt, capsys):
    path, copy = _two_copies(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b2.s1": ANNA})
    assert _import(path, config, "--translator", "Anna") == 0
    before = _outputs(out)
    capsys.readouterr()
    assert _import(copy, config, "--translator", "Bruno") == 0
    captured = capsys.readouterr()
    assert "no edited target" in captured.out and "1 unit older" in captured.out
    assert "older than the document (b2.s1)" in captured.out  # named, to find it
    assert "conflict" not in captured.err  # an untouched unit is no edit at all
    assert _outputs(out) == before
    assert (_doc_fr(out, 1)["text"], _doc_fr(out, 1)["translator"]) == (ANNA, "Anna")
    assert _human_tm(config, "La Borsa di Praga ha chiuso in calo") == (ANNA, "Anna")
    assert _doc_fr(out, 3)["origin"] == "mt"  # untouched MT in the copy is no human text


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_untouched_unit_saved_by_translate_toolkit_is_not_a_human_translation(out, config, fmt):
    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b4.s1": "Photo AFP"})  # the other units are saved as read
    assert _import(path, config, "--translator", "Anna") == 0
    assert _doc_fr(out, 3)["origin"] == "human"
    assert _doc_fr(out, 1)["origin"] == "mt" and _doc_fr(out, 2)["origin"] == "mt"
    with TranslationMemory(load_config(config).memory.path) as tm:
        assert tm.stats()["origins"]["human"] == 1


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_edit_over_a_human_translation_changed_since_export_is_a_conflict(
    out, config, fmt, capsys
):
    path, copy = _two_copies(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b2.s1": ANNA})
    assert _import(path, config, "--translator", "Anna") == 0
    _edit_with_toolkit(copy, fmt, {"b2.s1": BRUNO, "b4.s1": "Photo : AFP / Bruno"})
    capsys.readouterr()
    assert _import(copy, config, "--translator", "Bruno") == 0
    captured = capsys.readouterr()
    conflicts = [line for line in captured.err.splitlines() if "conflict" in line]
    assert len(conflicts) == 1 and "'b2.s1'" in conflicts[0] and ANNA in conflicts[0]
    assert "changed since this file was exported" in conflicts[0]
    assert "1 human target" in captured.out and "1 conflict" in captured.out
    assert (_doc_fr(out, 1)["text"], _doc_fr(out, 1)["translator"]) == (ANNA, "Anna")
    assert _human_tm(config, "La Borsa di Praga ha chiuso in calo") == (ANNA, "Anna")
    assert (_doc_fr(out, 3)["text"], _doc_fr(out, 3)["translator"]) == (
        "Photo : AFP / Bruno",
        "Bruno",
    )  # the unit nobody else touched is applied


def test_a_reexported_human_translation_can_be_revised(out, config, capsys):
    path = _export(out, config, "xliff")
    _edit_with_toolkit(path, "xliff", {"b2.s1": ANNA})
    assert _import(path, config, "--translator", "Anna") == 0
    again = _export(out, config, "xliff")  # now holds Anna's text, state reviewed
    _edit_with_toolkit(again, "xliff", {"b2.s1": BRUNO})
    capsys.readouterr()
    assert _import(again, config, "--translator", "Bruno") == 0
    assert "conflict" not in capsys.readouterr().err
    assert (_doc_fr(out, 1)["text"], _doc_fr(out, 1)["translator"]) == (BRUNO, "Bruno")
    assert _human_tm(config, "La Borsa di Praga ha chiuso in calo") == (BRUNO, "Bruno")


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_the_same_translator_importing_a_corrected_file_again_revises_her_edit(
    out, config, fmt, capsys
):
    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b2.s1": ANNA})
    assert _import(path, config, "--translator", "Anna") == 0
    revised = "La Bourse de Prague a terminé la séance en net recul"
    _edit_with_toolkit(path, fmt, {"b2.s1": revised})  # a typo fixed in the same file
    capsys.readouterr()
    assert _import(path, config, "--translator", "Anna") == 0
    assert "conflict" not in capsys.readouterr().err
    assert (_doc_fr(out, 1)["text"], _doc_fr(out, 1)["translator"]) == (revised, "Anna")
    assert _human_tm(config, "La Borsa di Praga ha chiuso in calo") == (revised, "Anna")


def _dated_edit(path: Path, fmt: str, text: str, date: str) -> None:
    """Ada's edit of the Prague unit, the file saved on ``date`` (PO-Revision-Date as
    Poedit writes it; an XLIFF 1.2 phase)."""
    _edit_with_toolkit(path, fmt, {"b2.s1": text})
    if fmt == "po":
        store = pypo.pofile.parsefile(str(path))
        store.updateheader(last_translator="Ada <ada@example.org>", po_revision_date=date)
        store.savefile(str(path))
        return
    xml = path.read_text(encoding="utf-8")
    phase = f'<phase phase-name="pe" process-name="translation" contact-name="Ada" date="{date}"/>'
    xml = re.sub(r' phase-name="[^"]*"', "", xml).replace("<target", '<target phase-name="pe"')
    xml = xml.replace("<header>", f"<header><phase-group>{phase}</phase-group>", 1)
    path.write_text(xml, encoding="utf-8")


@pytest.mark.parametrize(
    ("fmt", "older", "newer"),
    [
        ("po", "2024-06-01 10:00+0200", "2024-06-02 09:00+0200"),
        ("xliff12", "2024-06-01T08:00:00Z", "2024-06-01T09:30:00+01:00"),
    ],
)
def test_an_older_copy_of_a_translators_file_imported_after_a_newer_one_changes_nothing(
    out, config, capsys, fmt, older, newer
):
    """Two saved copies of Ada's file, imported newest first: the older one was taken as
    her corrected file and replaced her later translation, in the document and the memory.
    The file's date (PO-Revision-Date, XLIFF 1.2 phase) says which is later."""
    path, copy = _two_copies(out, config, fmt)
    _dated_edit(path, fmt, BRUNO, newer)
    assert _import(path, config) == 0
    _dated_edit(copy, fmt, ANNA, older)
    capsys.readouterr()
    assert _import(copy, config) == 0
    captured = capsys.readouterr()
    (conflict,) = [x for x in captured.err.splitlines() if "conflict" in x]
    assert "'b2.s1'" in conflict and "older copy" in conflict and BRUNO in conflict
    assert _doc_fr(out, 1)["text"] == BRUNO and _doc_fr(out, 1)["translator"].startswith("Ada")
    assert _human_tm(config, "La Borsa di Praga ha chiuso in calo")[0] == BRUNO
    _dated_edit(path, fmt, ANNA, newer.replace("09:", "11:"))  # a later correction applies
    assert _import(path, config) == 0
    assert _doc_fr(out, 1)["text"] == ANNA


def test_a_file_without_exported_digests_never_replaces_a_human_translation(out, config, capsys):
    path, copy = _two_copies(out, config, "xliff")
    _edit_with_toolkit(path, "xliff", {"b2.s1": ANNA})
    assert _import(path, config, "--translator", "Anna") == 0
    # a file as an older mtpipe wrote it: no metadata module
    root = etree.parse(str(copy))
    for meta in root.iter("{urn:oasis:names:tc:xliff:metadata:2.0}metadata"):
        meta.getparent().remove(meta)
    root.write(str(copy), xml_declaration=True, encoding="UTF-8")
    assert "<mda:metadata" not in copy.read_text(encoding="utf-8")
    capsys.readouterr()
    assert _import(copy, config, "--translator", "Bruno") == 0
    err = capsys.readouterr().err
    assert "conflict" in err and "'b2.s1'" in err and "does not record" in err
    assert (_doc_fr(out, 1)["text"], _doc_fr(out, 1)["translator"]) == (ANNA, "Anna")


def test_a_stale_untouched_chrome_unit_is_no_error(out, config):
    path = _export(out, config, "xliff")
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    doc["blocks"][0]["segments"][0]["translations"]["fr"]["text"] = "Italie (catalogue 2)"
    (out / "art1.json").write_text(json.dumps(doc), encoding="utf-8")  # catalogs refreshed
    _edit_with_toolkit(path, "xliff", {"b4.s1": "Photo AFP"})
    assert _import(path, config) == 0
    assert _doc_fr(out, 0)["text"] == "Italie (catalogue 2)"
    assert _doc_fr(out, 3)["text"] == "Photo AFP"


# --- which document an import changes ----------------------------------------------------
def test_import_changes_the_document_beside_the_file_not_the_one_it_was_exported_from(
    out, config, tmp_path, capsys
):
    import shutil

    path = _export(out, config, "xliff")
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    original = _outputs(out)
    _edit_with_toolkit(copy / path.name, "xliff", {"b4.s1": "Photo AFP"})
    capsys.readouterr()
    assert _import(copy / path.name, config) == 0
    assert str(copy / "art1.json") in capsys.readouterr().out
    assert _outputs(out) == original
    assert "Photo AFP" in (copy / "art1.fr.txt").read_text(encoding="utf-8")


def test_a_file_away_from_its_document_says_which_document_it_changes(
    out, config, tmp_path, capsys
):
    path = _export(out, config, "po")
    away = tmp_path / "mail" / path.name
    away.parent.mkdir()
    away.write_bytes(path.read_bytes())
    _edit_with_toolkit(away, "po", {"b4.s1": "Photo AFP"})
    capsys.readouterr()
    assert _import(away, config) == 0
    err = capsys.readouterr().err
    assert str(out / "art1.json") in err and "--doc" in err
    assert "Photo AFP" in (out / "art1.fr.txt").read_text(encoding="utf-8")


def _export_from(cwd: Path, doc: str, config: Path, fmt: str, *extra: str) -> None:
    """Export ``doc`` (a path relative to ``cwd``) as a user does, from the folder ``cwd``."""
    os.chdir(cwd)
    assert (
        main(["--config", str(config), "export", doc, "--to", "fr", "--format", fmt, *extra]) == 0
    )


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_the_recorded_document_resolves_from_the_files_folder_not_the_export_folder(
    tmp_path, config, fmt, monkeypatch, capsys
):
    """The document path was recorded relative to the folder export ran in: imported from
    another folder, the file found no document and needed --doc. It is relative to the
    file's own folder now, so the output folder and the files moved together still import."""
    monkeypatch.chdir(tmp_path)
    write_article(make_article(), tmp_path / "home" / "proj" / "out", {"txt", "json"})
    _export_from(tmp_path / "home", "proj/out/art1.json", config, fmt, "--out-dir", "pe/a/b")
    suffix = get_format(fmt).suffix
    assert get_format(fmt).load().read(tmp_path / "home/pe/a/b" / f"art1.fr{suffix}").document == (
        "../../../proj/out/art1.json"  # must: from the file's folder, not proj/out/art1.json
    )
    (tmp_path / "home").rename(tmp_path / "moved")  # the pair moved: no absolute path holds
    path = tmp_path / "moved/pe/a/b" / f"art1.fr{suffix}"
    _edit_with_toolkit(path, fmt, {"b4.s1": "Photo AFP"})
    (tmp_path / "elsewhere").mkdir()
    os.chdir(tmp_path / "elsewhere")  # neither the export folder nor the file's
    capsys.readouterr()
    assert _import(path, config) == 0
    assert "from the file's folder" in capsys.readouterr().err
    assert "Photo AFP" in (tmp_path / "moved/proj/out/art1.fr.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_file_moved_alone_finds_its_document_where_it_was_at_export(
    tmp_path, config, fmt, monkeypatch, capsys
):
    """The second input of the kind: exported with a relative path, the file alone mailed
    and saved in another folder, imported from a third one (no path relative to a folder
    holds): the document's absolute path at export finds it."""
    monkeypatch.chdir(tmp_path)
    write_article(make_article(), tmp_path / "proj" / "out", {"txt", "json"})
    _export_from(tmp_path / "proj", "out/art1.json", config, fmt)
    suffix = get_format(fmt).suffix
    mailed = tmp_path / "downloads" / f"art1.fr{suffix}"
    mailed.parent.mkdir()
    (tmp_path / "proj/out" / mailed.name).rename(mailed)
    _edit_with_toolkit(mailed, fmt, {"b4.s1": "Photo AFP"})
    os.chdir(tmp_path / "downloads")
    capsys.readouterr()
    assert _import(mailed, config) == 0
    at_export = tmp_path.resolve() / "proj/out/art1.json"
    assert f"{at_export} (where it was at export" in capsys.readouterr().err
    assert "Photo AFP" in (tmp_path / "proj/out/art1.fr.txt").read_text(encoding="utf-8")


OLD_RECORD = {  # format: the absolute path at export, which older files do not have
    "xliff": r'\s*<mda:meta type="exported-document">[^<]*</mda:meta>',
    "xliff12": r' mtpipe:exported-document="[^"]*"',
    "po": r"# mtpipe-document-at: .*\n",
}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_file_exported_the_old_way_still_resolves_from_the_current_folder(
    tmp_path, config, fmt, monkeypatch, capsys
):
    """A file of an older mtpipe records the document relative to the folder export ran
    in, and no absolute path: imported from that folder it still finds it; from another,
    the error names each path tried and how it read it."""
    monkeypatch.chdir(tmp_path)
    write_article(make_article(), tmp_path / "proj" / "out", {"txt", "json"})
    _export_from(tmp_path / "proj", "out/art1.json", config, fmt, "--out-dir", "pe/x")
    path = tmp_path / "proj/pe/x" / f"art1.fr{get_format(fmt).suffix}"
    text = path.read_text(encoding="utf-8")
    text, n = re.subn(OLD_RECORD[fmt], "", text)
    assert n == 1
    text = text.replace("../../out/art1.json", "out/art1.json")  # as the old export wrote it
    path.write_text(text, encoding="utf-8")
    _edit_with_toolkit(path, fmt, {"b4.s1": "Photo AFP"})
    capsys.readouterr()
    assert _import(path, config) == 0  # from the folder it was exported from
    assert "out/art1.json from the current folder" in capsys.readouterr().err
    os.chdir(tmp_path)
    assert _import(path, config) == 3  # must not: guessed from another folder
    err = capsys.readouterr().err
    assert "out/art1.json from the file's folder" in err and "from the current folder" in err


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_file_exported_to_standard_output_records_the_absolute_path(
    tmp_path, config, fmt, monkeypatch, capsysbinary
):
    """``--out -``: export cannot know the folder the file is saved in, so it records the
    document's absolute path, which resolves from anywhere on this machine."""
    monkeypatch.chdir(tmp_path)
    write_article(make_article(), tmp_path / "proj" / "out", {"txt", "json"})
    _export_from(tmp_path / "proj", "out/art1.json", config, fmt, "--out", "-")
    path = tmp_path / "saved" / f"edited{get_format(fmt).suffix}"
    path.parent.mkdir()
    path.write_bytes(capsysbinary.readouterr().out)
    recorded = get_format(fmt).load().read(path).document
    assert recorded == str(tmp_path.resolve() / "proj/out/art1.json")
    _edit_with_toolkit(path, fmt, {"b4.s1": "Photo AFP"})
    os.chdir(path.parent)
    assert _import(path, config) == 0
    assert "Photo AFP" in (tmp_path / "proj/out/art1.fr.txt").read_text(encoding="utf-8")


XLIFF12_LINKED = (
    'Lisez <g id="1">le rapport</g> sur <x id="3" equiv-text="https://kcna.kp"/>.</target>'
)


@pytest.mark.parametrize(
    ("fmt", "edited", "said"),
    [  # the pair's codes, then (the second input of the kind) a URL, as a translator drops them
        ("xliff12", 'Lisez le rapport sur <x id="3" equiv-text="https://kcna.kp"/> !</target>',
         "lost the tag pair '<a href=\"https://example.org/r\">'…'</a>' (inline code 1); "
         "put it back around the words it marked, as in the source"),
        ("xliff12", 'Lisez <g id="1">le rapport</g> sur le site.</target>',
         "lost the protected text 'https://kcna.kp' (inline code 3); put it back as the "
         "source writes it, unchanged"),
        ("po", "Lisez le rapport sur https://kcna.kp !",
         "lost the tag pair '<a href=\"https://example.org/r\">'…'</a>' (inline code 1); "
         "put it back around the words it marked"),
    ],
)  # fmt: skip
def test_a_lost_code_is_named_with_the_action_that_puts_it_back(
    out, config, fmt, edited, said, capsys
):
    """ "lost the protected text '<g1>'; keep it as is" read as "leave the target as it
    is": the line says to put the code back, a pair around its words."""
    path = _export(out, config, fmt)
    if fmt == "po":
        _edit_with_toolkit(path, fmt, {"b3.s2": edited})
    else:
        text = path.read_text(encoding="utf-8")
        assert XLIFF12_LINKED in text
        path.write_text(text.replace(XLIFF12_LINKED, edited), encoding="utf-8")
    before = _outputs(out)
    capsys.readouterr()
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "unit 'b3.s2'" in err and said in err
    assert "keep it as is" not in err  # must not: read as "leave it unchanged"
    assert _outputs(out) == before


def test_a_lost_standalone_code_is_put_back_where_the_source_has_it():
    """A ``<br>`` or an image has no words to go around: its place is the source's."""
    from pipeline.errors import InputError
    from pipeline.interchange.apply import _check_spans
    from pipeline.interchange.codes import Code

    codes = [Code("2", "<br>"), Code("3", "@ansa_it")]
    with pytest.raises(InputError) as lost:
        _check_spans("Première ligne deuxième ligne @ansa_it", codes, "unit 'b1.s1'")
    assert str(lost.value) == (
        "unit 'b1.s1': the edited target lost the inline code '<br>' (code 2); put it back "
        "where the source has it"
    )
    _check_spans("Première ligne<br>deuxième @ansa_it", codes, "unit 'b1.s1'")  # must not


# --- findings about the machine output --------------------------------------------------
def test_a_human_target_replaces_the_findings_about_the_machine_output(out, config, tmp_path):
    qa_on = tmp_path / "qa.toml"
    qa_on.write_text(
        config.read_text(encoding="utf-8").replace("enabled = false", "enabled = true"),
        encoding="utf-8",
    )
    article = make_article()
    for seg in article.segments():
        seg.findings = []
    linked = article.blocks[2].segments[1]
    # what the translate stage records when it re-inserted a dropped tag pair
    linked.findings = [Finding("placeholder_repair", "error", "re-inserted <a>...</a>", "fr")]
    write_article(article, out, {"txt", "md", "jsonl", "json"})
    qa = ["--config", str(qa_on), "qa", str(out / "art1.json"), "--out", str(tmp_path / "f.jsonl")]
    assert main(qa) == 5
    path = _export(out, qa_on, "xliff")
    xml = path.read_text(encoding="utf-8")
    old = '">le rapport</pc> sur'
    assert old in xml
    path.write_text(xml.replace(old, '">ce rapport</pc> sur', 1), encoding="utf-8")
    assert _import(path, qa_on, "--translator", "Anna") == 0
    assert main(qa) == 0
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    seg = doc["blocks"][2]["segments"][1]
    assert seg["translations"]["fr"]["origin"] == "human"
    assert "placeholder_repair" not in {f["check"] for f in seg["findings"]}


# --- PO files from Windows editors --------------------------------------------------------
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_po_file_with_a_byte_order_mark_imports(out, config, newline):
    path = _export(out, config, "po")
    _edit_with_toolkit(path, "po", {"b4.s1": "Photo AFP"})
    text = path.read_text(encoding="utf-8").replace("\n", newline)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert _import(path, config, "--translator", "Anna") == 0
    assert _doc_fr(out, 3)["text"] == "Photo AFP"


@pytest.mark.parametrize("fmt", ["xliff", "xliff12", "po"])
def test_an_element_kept_in_its_own_language_is_noted_in_the_file(tmp_path, config, fmt):
    """``<blockquote lang="en">`` is in every output untranslated and has no unit: the
    reviewer got no word of it."""
    from format_fixtures import translated

    page = tmp_path / "lingue.html"
    page.write_text(
        '<html lang="it"><body><article><h1>Il titolo della pagina</h1><p>Il testo del pezzo '
        'con una citazione.</p><blockquote lang="en"><p>Words kept as <b>they</b> are.</p>'
        '</blockquote><p translate="no">Comunicato ufficiale.</p><p>Fine del pezzo.</p>'
        "</article></body></html>",
        encoding="utf-8",
    )
    article, _ = translated(page, langs=("fr",))
    write_article(article, tmp_path / "o", {"json"})
    args = ["--config", str(config), "export", str(tmp_path / "o" / "lingue.json"), "--to", "fr"]
    assert main([*args, "--format", fmt]) == 0
    path = tmp_path / "o" / f"lingue.fr{get_format(fmt).suffix}"
    assert "kept in 'en', as the page marks it (lang), and is not translated: " in (
        path.read_text(encoding="utf-8")
    )
    assert "'Words kept as they are.'" in path.read_text(encoding="utf-8")
    assert "kept as it is, as the page marks it (translate=" in path.read_text(encoding="utf-8")
    assert _import(path, config) == 0  # the note does not stop the file from importing


# --- line breaks and characters that are no text in an edited target ----------------------
# Each kind of line end a CAT tool can leave in a target (Shift+Enter, a pasted text, a
# tool's pretty-printing around the target). XML 1.0 holds no VT or FF: PO only.
BREAKS = ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"]
BREAK_CASES = [(f, b) for f in FORMATS for b in BREAKS] + [("po", "\x0b"), ("po", "\x0c")]


@pytest.mark.parametrize(("fmt", "brk"), BREAK_CASES)
def test_a_line_break_in_an_edited_target_is_a_space_in_every_output(out, config, fmt, brk, capsys):
    write_article(load_document(out / "art1.json"), out, {"txt", "md", "html", "jsonl", "json"})
    path = _export(out, config, fmt)
    edits = {
        "b2.s1": f"{brk}  La Bourse de Prague recule{brk}  ",
        "b3.s1": f"Le gouvernement a adopté{brk}{brk}la loi de finances.",
    }
    _edit_with_toolkit(path, fmt, edits)
    capsys.readouterr()
    assert _import(path, config, "--translator", "Ada") == 0
    assert "line breaks in the target of 2 units (b2.s1, b3.s1)" in capsys.readouterr().err
    paragraph = "Le gouvernement a adopté la loi de finances. Lisez "
    lines = (out / "art1.fr.txt").read_text(encoding="utf-8").splitlines()
    assert "La Bourse de Prague recule" in lines
    assert any(line.startswith(paragraph) for line in lines)
    md = (out / "art1.fr.md").read_text(encoding="utf-8")
    assert "# La Bourse de Prague recule\n" in md and f"\n{paragraph}" in md
    assert f"<p>{paragraph}" in (out / "art1.fr.html").read_text(encoding="utf-8")
    doc = load_document(out / "art1.json")  # the document reads back (VT, FF: it did not)
    assert doc.blocks[2].segments[0].translations["fr"].text == paragraph.removesuffix(" Lisez ")
    assert _human_tm(config, "La Borsa di Praga ha chiuso in calo") == (
        "La Bourse de Prague recule",
        "Ada",
    )
    before = _outputs(out)  # the same file again: nothing to do
    assert _import(path, config, "--translator", "Ada") == 0
    assert "no edited target" in capsys.readouterr().out
    assert _outputs(out) == before


def test_a_target_that_only_gained_a_line_break_is_no_edit(out, config, capsys):
    path = _export(out, config, "po")
    _edit_with_toolkit(path, "po", {"b4.s1": "Photo :\nAFP."})  # exported: "Photo : AFP."
    assert _import(path, config) == 0
    assert "no edited target" in capsys.readouterr().out
    assert (_doc_fr(out, 3)["text"], _doc_fr(out, 3)["origin"]) == ("Photo : AFP.", "mt")


NOT_TEXT = {
    "ESC in a target": ("b4.s1", "Photo \x1b[31mAFP", "the target"),
    "backspace in a target": ("b4.s1", "Photo A\x08FP", "the target"),
    "noncharacter in a target": ("b4.s1", "Photo AFP\ufffe", "the target"),
    "ESC in the translator's name": (None, "Ada \x1b[1mL.", "the translator name"),
}


@pytest.mark.parametrize("case", list(NOT_TEXT))
def test_a_character_that_is_no_text_in_a_po_file_is_exit_3_and_changes_nothing(
    out, config, case, capsys
):
    """Stored, it made the document unreadable to qa, export and bundle (exit 3 each)."""
    path = _export(out, config, "po")
    unit, value, what = NOT_TEXT[case]
    store = pypo.pofile.parsefile(str(path))
    for u in store.units:
        if u.getcontext() == "b4.s1":
            u.target = value if unit else "Photo AFP"
    if unit is None:
        store.updateheader(last_translator=value, po_revision_date="2024-12-01 10:00+0000")
    store.savefile(str(path))
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert f"unit 'b4.s1': {what} " in err and "not text" in err and err.count("\n") == 1
    assert _outputs(out) == before


@pytest.mark.parametrize("name", ["Ada \x1b[1mL.", "Ada\x08L."])
def test_a_translator_flag_with_a_control_character_is_exit_3_and_changes_nothing(
    out, config, capsys, name
):
    path = _export(out, config, "po")
    _edit_with_toolkit(path, "po", {"b4.s1": "Photo AFP"})
    before = _outputs(out)
    assert _import(path, config, "--translator", name) == 3
    err = capsys.readouterr().err
    assert "unit 'b4.s1': the translator name " in err and "not text" in err
    assert err.count("\n") == 1 and "\x1b" not in err
    assert _outputs(out) == before
    assert _human_tm(config, "Foto: AFP") is None


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (
            'msgctxt "b2.s1"\n',
            "",
            'has no msgctxt, the segment id mtpipe wrote; put back msgctxt "b2.s1"',
        ),
        ('msgctxt "b4.s1"\n', 'msgctxt ""\n', 'segment id mtpipe wrote; put back msgctxt "b4.s1",'),
        (
            'msgctxt "b4.s1"\nmsgid "Foto: AFP."',
            'msgid "Foto: Reuters."',
            "no segment of art1 has its source",
        ),
        (
            'msgstr "La Bourse de Prague a clôturé en baisse"',
            'msgid_plural "Le Borse"\nmsgstr[0] "La Bourse"\nmsgstr[1] "Les Bourses"',
            "entry 'b2.s1' has plural forms (msgid_plural)",
        ),
    ],
)
def test_a_po_entry_without_its_segment_id_or_with_plural_forms_is_named(
    out, config, capsys, old, new, said
):
    path = _export(out, config, "po")
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert said in err and f"{path}: line " in err and err.count("\n") == 1
    assert "b4.s2" not in err  # the example id the message once named for every entry
    assert _outputs(out) == before


@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
def test_an_xliff_unit_without_its_id_is_named_by_its_source(out, config, capsys, fmt):
    path = _export(out, config, fmt)
    tag = "unit" if fmt == "xliff" else "trans-unit"
    text = path.read_text(encoding="utf-8")
    assert f'<{tag} id="b4.s1"' in text
    path.write_text(text.replace(f'<{tag} id="b4.s1"', f"<{tag}"), encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "unit 'Foto: AFP.' has no id" in err and 'put back id "b4.s1"' in err
    assert "msgctxt" not in err and _outputs(out) == before


def test_two_imports_into_one_document_at_once_keep_both_edits(out, config, monkeypatch):
    """Each import read the document, and the second write lost the first one's edit.

    The first import stops inside, holding the document, until the second one asks for
    the folder lock (or, were there no lock, starts reading the document): no timing.
    """
    import fcntl
    import threading

    import pipeline.interchange.workflow as workflow

    first = _export(out, config, "po")
    second = out / "copy" / first.name
    second.parent.mkdir()
    second.write_bytes(first.read_bytes())
    _edit_with_toolkit(first, "po", {"b2.s1": ANNA})
    _edit_with_toolkit(second, "po", {"b4.s1": "Photo AFP"})
    inside, second_started = threading.Event(), threading.Event()
    apply, flock, locked = workflow.apply_edits, fcntl.flock, workflow._import_locked

    def held_apply(*args, **kwargs):
        if threading.current_thread() is one:
            inside.set()
            second_started.wait(30)
        return apply(*args, **kwargs)

    def watched(real):
        def call(*args, **kwargs):
            if threading.current_thread() is not one:
                second_started.set()
            return real(*args, **kwargs)

        return call

    monkeypatch.setattr(workflow, "apply_edits", held_apply)
    monkeypatch.setattr(fcntl, "flock", watched(flock))
    monkeypatch.setattr(workflow, "_import_locked", watched(locked))
    cfg = load_config(config)
    doc = out / "art1.json"
    one = threading.Thread(target=import_file, args=(first, cfg), kwargs={"document": doc})
    one.start()
    assert inside.wait(30)
    import_file(second, cfg, document=doc)
    one.join(30)
    assert _doc_fr(out, 1)["text"] == ANNA and _doc_fr(out, 3)["text"] == "Photo AFP"
    text = (out / "art1.fr.txt").read_text(encoding="utf-8")
    assert ANNA in text and "Photo AFP" in text


@pytest.mark.parametrize("code", [errno.ENOLCK, errno.EOPNOTSUPP])
def test_an_import_where_the_filesystem_cannot_lock_runs_unlocked_and_says_so(
    out, config, capsys, monkeypatch, code
):
    import fcntl

    def no_locks(fd, op):
        raise OSError(code, os.strerror(code))

    path = _export(out, config, "po")
    _edit_with_toolkit(path, "po", {"b2.s1": ANNA})
    monkeypatch.setattr(fcntl, "flock", no_locks)
    assert _import(path, config) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"{out}: its filesystem does not lock" in err
    assert "imported without a lock" in err and err.count("\n") == 1
    assert _doc_fr(out, 1)["text"] == ANNA


def test_an_import_whose_folder_cannot_be_opened_runs_unlocked_and_says_so(
    out, config, capsys, monkeypatch
):
    import pipeline.interchange.workflow as workflow

    real_open = os.open

    def unreadable_folder(path, flags, *args):
        if Path(path) == out:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return real_open(path, flags, *args)

    path = _export(out, config, "po")
    _edit_with_toolkit(path, "po", {"b2.s1": ANNA})
    monkeypatch.setattr(workflow.os, "open", unreadable_folder)
    assert _import(path, config) == 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"{out}: cannot open it: " in err
    assert _doc_fr(out, 1)["text"] == ANNA


def test_an_import_whose_lock_fails_otherwise_is_an_output_error(out, config, capsys, monkeypatch):
    import fcntl

    def broken(fd, op):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    path = _export(out, config, "po")
    _edit_with_toolkit(path, "po", {"b2.s1": ANNA})
    before = _outputs(out)
    monkeypatch.setattr(fcntl, "flock", broken)
    assert _import(path, config) == OutputError.exit_code
    err = capsys.readouterr().err
    assert f"mtpipe: error: cannot lock {out} for the import: " in err and "Traceback" not in err
    assert _outputs(out) == before


def test_export_to_a_path_that_cannot_be_a_file_is_named_before_any_work(out, config, capsys):
    (out.parent / "afile").write_text("x", encoding="utf-8")
    doc = str(out / "art1.json")
    for flag, where, said in (
        ("--out", out, f"{out} is a folder; give a file name"),
        ("--out", out.parent / "afile" / "x.xlf", "afile is a file, not a folder"),
        ("--out-dir", out.parent / "afile", "afile is a file, not a folder"),
    ):
        assert main(["--config", str(config), "export", doc, "--to", "fr", flag, str(where)]) == 1
        assert said in capsys.readouterr().err  # was: "File exists", "Is a directory"


@pytest.mark.parametrize("value", ["", "  ", "\t"])
@pytest.mark.parametrize(
    ("command", "flag"),
    [("export", "--out"), ("export", "--out-dir"), ("export", "--memory"),
     ("import", "--doc"), ("import", "--memory"), ("export", None), ("import", None)],
)  # fmt: skip
def test_an_empty_or_blank_path_is_a_usage_error_that_writes_nothing(
    out, config, command, flag, value, tmp_path, monkeypatch, capsys
):
    """``export --out-dir ""`` wrote into the current folder (``Path("")`` is ``.``) and
    ``--out ""`` said ". is a folder": an empty path is no file or folder, never taken for
    the current one or the default."""
    path = _export(out, config, "po")
    monkeypatch.chdir(tmp_path)
    here, before = sorted(tmp_path.iterdir()), _outputs(out)
    first = str(out / "art1.json") if command == "export" else str(path)
    if flag is None:  # the document or file itself
        args = [command, value] + (["--to", "fr"] if command == "export" else [])
    else:
        args = [command, first, flag, value] + (["--to", "fr"] if command == "export" else [])
    assert main(["--config", str(config), *args]) == 2
    err = capsys.readouterr().err
    assert f"{value!r} names no file or folder; give a path" in err and err.count("\n") == 1
    assert sorted(tmp_path.iterdir()) == here and _outputs(out) == before


def test_import_with_a_doc_that_is_a_folder_says_so(out, config, capsys):
    path = _export(out, config, "po")
    assert _import(path, config, "--doc", str(out)) == 3
    assert f"{out}: is a folder; give the document JSON" in capsys.readouterr().err


@pytest.mark.parametrize("to", ["it", "IT"])
def test_export_to_the_source_language_names_it_and_a_fix_that_works(out, config, capsys, to):
    """``export --to it`` (the source) advised ``mtpipe translate --to it``, which translate
    refuses: it says the language is the source and gives a target to export instead."""
    args = ["--config", str(config), "export", str(out / "art1.json"), "--to", to]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert "'it' is the source language of art1" in err and "`--to fr`" in err
    assert "translate --to it" not in err


def test_an_export_that_fails_on_one_document_writes_no_file(out, config, tmp_path, capsys):
    """The first documents' files were written, then the command stopped with exit 2."""
    other = make_article()
    other.id, other.target_langs = "art2", ["en"]
    write_article(other, tmp_path / "other", {"json"})
    docs = [str(out / "art1.json"), str(tmp_path / "other" / "art2.json")]
    pe = tmp_path / "pe"
    args = ["--config", str(config), "export", *docs, "--to", "fr", "--out-dir", str(pe)]
    assert main(args) == 2
    assert "art2 has no 'fr' translation" in capsys.readouterr().err
    assert not pe.exists()


def test_one_bad_file_among_several_stops_no_other_import(out, config, capsys):
    """`make postedit-import` gives every file of the folder: one bad file stopped the rest."""
    bad = out / "art1.fr.xliff"
    bad.write_text("<not-xliff/>", encoding="utf-8")
    good = _export(out, config, "po")
    _edit_with_toolkit(good, "po", {"b2.s1": ANNA})
    assert _import(bad, config) == 3  # alone: its own error, as before
    capsys.readouterr()
    assert main(["--config", str(config), "import", str(bad), str(good)]) == 3
    captured = capsys.readouterr()
    assert _doc_fr(out, 1)["text"] == ANNA and "1 human target" in captured.out
    lines = captured.err.splitlines()
    assert len(lines) == 2 and str(bad) in lines[0]
    assert lines[1] == "mtpipe: error: 1 of 2 files not imported (each named above)"


def test_po_export_header_names_the_article_and_mtpipe_not_babels_placeholder(tmp_path) -> None:
    from pipeline.interchange import po
    from pipeline.interchange.units import ExportFile

    data = po.write(ExportFile("pagina", "pagina.json", "it", "fr", []))
    assert b"Project-Id-Version: pagina mtpipe " in data and b"VERSION" not in data


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('msgstr "Photo : AFP."', 'msgstr "Photo : AFP.'),  # Babel dropped the "." as a quote
        ('msgstr "Photo : AFP."', 'msgstr ""\n"Photo : "\n"AFP.'),  # a continuation line
        ('msgstr "Photo : AFP."', 'msgstr "Photo : "AFP"."'),  # an inner quote not escaped
    ],
)
def test_a_po_string_not_closed_on_its_line_is_exit_3_and_changes_nothing(
    out, config, capsys, old, new
):
    path = _export(out, config, "po")
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "not a string in double quotes closed on its line" in err and err.count("\n") == 1
    assert _outputs(out) == before


def test_a_po_entry_written_twice_is_exit_3_not_merged_into_the_first(out, config, capsys):
    """Babel keeps the first of two equal entries: the second edit was dropped unsaid."""
    path = _export(out, config, "po")
    text = path.read_text(encoding="utf-8")
    entry = 'msgctxt "b4.s1"\nmsgid "Foto: AFP."\n'
    assert entry in text
    path.write_text(text + f'\n{entry}msgstr "Photo de l\'AFP."\n', encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "entry 'b4.s1' is written twice" in err and err.count("\n") == 1
    assert _outputs(out) == before
    # the same source in two segments (two msgctxt) is no repeat
    twin = 'msgctxt "b9.s1"\nmsgid "Foto: AFP."\nmsgstr "Photo : AFP."\n'
    path.write_text(text + "\n" + twin, encoding="utf-8")
    assert _import(path, config) == 3
    assert "unit 'b9.s1' is not a segment" in capsys.readouterr().err  # not "written twice"
    # an obsolete copy (#~, what PO editors keep of removed entries) is a comment
    path.write_text(text + '\n#~ msgctxt "b4.s1"\n#~ msgid "Foto: AFP."\n#~ msgstr "X"\n', "utf-8")
    assert _import(path, config) == 0


def test_utf8_text_under_a_header_of_another_charset_is_exit_3_not_mojibake(out, config, capsys):
    path = _export(out, config, "po")
    text = path.read_text(encoding="utf-8").replace("charset=utf-8", "charset=ISO-8859-1")
    path.write_text(text.replace("Photo : AFP.", "Photo : AFP, été."), encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "declares charset=ISO-8859-1, but its text is UTF-8" in err and "Ã©" in err
    assert _outputs(out) == before
    # the same file really in Latin-1 imports, accents intact
    path.write_bytes(text.replace("Photo : AFP.", "Photo : AFP, été.").encode("latin-1"))
    assert _import(path, config) == 0
    assert _doc_fr(out, 3)["text"] == "Photo : AFP, été."


def test_a_wrong_charset_header_over_a_lone_no_break_space_is_exit_3_too(out, config, capsys):
    """NBSP is whitespace to str.split(): the sample of the misread text was not found."""
    path = _export(out, config, "po")
    text = path.read_text(encoding="utf-8").replace("charset=utf-8", "charset=ISO-8859-1")
    path.write_text(text.replace("Photo : AFP.", "Photo\u00a0: AFP."), encoding="utf-8")
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "declares charset=ISO-8859-1, but its text is UTF-8" in err and err.count("\n") == 1


def test_a_po_file_without_its_language_header_says_so(out, config, capsys):
    path = _export(out, config, "po")
    text = path.read_text(encoding="utf-8")
    assert '"Language: fr\\n"\n' in text
    text = re.sub(RECORD["po"].replace(" en", " fr"), "", text)  # and no record of it either
    path.write_text(text.replace('"Language: fr\\n"\n', ""), encoding="utf-8")
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "has no Language header" in err and "None" not in err


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_target_the_translator_emptied_is_named_not_ignored_unsaid(out, config, fmt, capsys):
    """An empty target is no translation (not applied), but the deletion is said."""
    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b2.s1": "", "b4.s1": "Photo AFP"})
    assert _import(path, config) == 0
    said = capsys.readouterr().out
    assert "1 human target" in said
    assert "kept the document's text for 1 emptied target (b2.s1)" in said
    assert _doc_fr(out, 1)["text"] == "La Bourse de Prague a clôturé en baisse"
    assert _doc_fr(out, 3)["text"] == "Photo AFP"
    # imported again: still emptied against the document's text, still said
    assert _import(path, config) == 0
    assert "1 emptied target (b2.s1)" in capsys.readouterr().out


PRAGUE_IT = "La Borsa di Praga ha chiuso in calo"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_target_that_copies_its_source_unreviewed_is_named_not_applied(out, config, fmt, capsys):
    """A CAT tool's "copy source to target" for a segment nobody translated (OmegaT)."""
    path = _export(out, config, fmt)
    text = path.read_text(encoding="utf-8")  # as the tool writes it: state left as it was
    for mt, edit in (("La Bourse de Prague a clôturé en baisse", f" {PRAGUE_IT}"),
                     ("Photo : AFP.", "Photo AFP")):  # fmt: skip
        assert text.count(mt) == 1
        text = text.replace(mt, edit)
    path.write_text(text, encoding="utf-8")
    assert _import(path, config) == 0
    said = capsys.readouterr().out
    assert "1 human target" in said
    assert "1 target that copies the source (b2.s1): mark it reviewed" in said
    assert _doc_fr(out, 1)["text"] == "La Bourse de Prague a clôturé en baisse"
    assert _doc_fr(out, 3)["text"] == "Photo AFP"
    assert _human_tm(config, PRAGUE_IT) is None


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_target_that_copies_its_source_marked_reviewed_applies(out, config, fmt, capsys):
    path = _export(out, config, fmt)
    store = _parse(path, fmt)
    for unit in store.units:
        if PRAGUE_IT in str(unit.source):
            unit.target = PRAGUE_IT
            unit.markfuzzy(False) if fmt == "po" else unit.markapproved(True)
    store.savefile(str(path))
    assert _import(path, config) == 0
    assert "copies the source" not in capsys.readouterr().out
    assert (_doc_fr(out, 1)["text"], _doc_fr(out, 1)["origin"]) == (PRAGUE_IT, "human")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_note_the_translator_added_is_named_by_the_import(out, config, fmt, capsys):
    path = _export(out, config, fmt)
    capsys.readouterr()
    store = _parse(path, fmt)
    unit = next(u for u in store.units if "Foto: AFP." in str(u.source))
    unit.addnote("Reviewer: check\nthe agency", origin="translator")
    store.savefile(str(path))
    assert _import(path, config) == 0
    err = capsys.readouterr().err
    assert "1 note(s) a translator added, on 1 unit(s) (b4.s1: 'Reviewer: check the agency')" in err
    # mtpipe's own QA notes (b3.s1 has one) are no translator's
    assert "b3.s1" not in err and err.count("\n") == 1
    _export(out, config, fmt)  # a file as exported, QA notes and all: nothing to say
    capsys.readouterr()
    assert _import(path, config) == 0
    assert "note(s) a translator added" not in capsys.readouterr().err


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_note_on_an_edited_unit_is_kept_with_its_human_translation(out, config, fmt, capsys):
    """A reviewer's note was named by the import, then lost with the file; on a unit whose
    target was edited it now goes into the memory with the human translation (and `tm
    export` writes it as the TMX note). A note on an unedited unit of machine translation
    is kept in the document (test_a_note_on_machine_translation_survives_a_round_trip)."""
    path = _export(out, config, fmt)
    capsys.readouterr()
    store = _parse(path, fmt)
    _edit_prague_with_note(store, fmt)
    other = next(u for u in store.units if "Foto: AFP." in str(u.source))
    other.addnote("Agency to confirm", origin="translator")
    store.savefile(str(path))
    assert _import(path, config) == 0
    err = capsys.readouterr().err
    assert "kept in the translation memory with their human translations for b2.s1 " in err
    assert f"kept in {out / 'art1.json'} for b4.s1 (no human translation of theirs" in err
    with TranslationMemory(load_config(config).memory.path) as tm:
        hits = tm.lookup_human("it", "fr", ["La Borsa di Praga ha chiuso in calo", "Foto: AFP."])
    assert hits["La Borsa di Praga ha chiuso in calo"].notes == ("Check the index name",)
    assert "Foto: AFP." not in hits
    tmx = out / "tm.tmx"
    assert main(["--config", str(config), "tm", "export", str(tmx)]) == 0
    assert "Check the index name" in tmx.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fmt", "annotated"),
    [
        ("xliff", '<mrk id="m1" type="comment" value="Giorgetti? check">Bourse</mrk>'),
        ("xliff", '<sm id="m1" type="comment" value="Giorgetti? check"/>Bourse<em startRef="m1"/>'),
        ("xliff12", '<mrk mtype="x-comment" comment="Giorgetti? check">Bourse</mrk>'),
    ],
)
def test_a_comment_annotating_target_words_is_kept_as_the_units_note(
    out, config, capsys, fmt, annotated
):
    """A reviewer's comment on a word (memoQ, Trados and Okapi write it as an annotation
    in the target) was dropped without a word: its words imported, the comment lost."""
    path = _export(out, config, fmt)
    text = path.read_text(encoding="utf-8")
    old = ">La Bourse de Prague a clôturé en baisse</target>"
    assert text.count(old) == 1
    new = f">La {annotated} de Prague recule</target>"
    path.write_text(text.replace(old, new), encoding="utf-8")
    capsys.readouterr()
    assert _import(path, config) == 0
    assert "Giorgetti? check" in capsys.readouterr().err
    assert _doc_fr(out, 1)["text"] == "La Bourse de Prague recule"
    with TranslationMemory(load_config(config).memory.path) as tm:
        hit = tm.lookup_human("it", "fr", ["La Borsa di Praga ha chiuso in calo"])
    (note,) = hit["La Borsa di Praga ha chiuso in calo"].notes
    assert note.endswith("Giorgetti? check") and ("'Bourse'" in note) == ("mrk" in annotated)


@pytest.mark.parametrize("edit", [True, False])
def test_previous_source_lines_of_a_po_editor_are_no_translators_note(out, config, capsys, edit):
    """Poedit and ``msgmerge --previous`` keep a fuzzy entry's previous source in ``#|``
    lines; Babel reads them as user comments, so they were imported as the translator's
    note (into the memory with an edit, into the document and the next export without)."""
    path = _export(out, config, "po")
    if edit:
        _edit_with_toolkit(path, "po", {"b2.s1": "La Bourse de Prague recule"})
    text = path.read_text(encoding="utf-8")
    previous = (
        '#| msgctxt "b2.s1"\n#| msgid "La Borsa di Praga chiude"\n'
        '#| msgid_plural ""\n#| "le Borse"\n'
    )
    assert text.count('msgctxt "b2.s1"') == 1
    path.write_text(text.replace('msgctxt "b2.s1"', previous + 'msgctxt "b2.s1"'), "utf-8")
    capsys.readouterr()
    assert _import(path, config) == 0
    assert "note" not in capsys.readouterr().err
    assert load_document(out / "art1.json").blocks[1].segments[0].notes == {}
    hit = _human_tm(config, "La Borsa di Praga ha chiuso in calo")
    assert (hit is not None) == edit
    if edit:
        with TranslationMemory(load_config(config).memory.path) as tm:
            found = tm.lookup_human("it", "fr", ["La Borsa di Praga ha chiuso in calo"])
        assert found["La Borsa di Praga ha chiuso in calo"].notes == ()


@pytest.mark.parametrize(
    ("fmt", "mark"),
    [("xliff12", r' from="mtpipe-qa"'), ("xliff", r' category="[\w_]+" priority="\d"')],
)
def test_mtpipes_qa_notes_a_tool_unmarked_are_no_translators_notes(out, config, capsys, fmt, mark):
    """A tool that drops the attribute marking mtpipe's QA notes (XLIFF 1.2 ``from``, 2.1
    ``category``) made every QA finding of the file a translator's note: stored in the
    memory with the edit and kept in the document, then exported back as a note."""
    path = _export(out, config, fmt)
    _edit_with_toolkit(path, fmt, {"b3.s1": "Le gouvernement a voté la loi de finances."})
    xml = path.read_text(encoding="utf-8")
    assert "10.000 is missing" in xml and re.search(mark, xml)
    path.write_text(re.sub(mark, "", xml), encoding="utf-8")
    capsys.readouterr()
    assert _import(path, config) == 0
    assert "note" not in capsys.readouterr().err
    with TranslationMemory(load_config(config).memory.path) as tm:
        hit = tm.lookup_human("it", "fr", ["Il governo ha approvato la legge di bilancio."])
    assert hit["Il governo ha approvato la legge di bilancio."].notes == ()


def test_a_translators_note_that_opens_with_qa_is_theirs_not_mtpipes(out, config, capsys):
    """XLIFF 2 import skipped every note whose text began with "QA " as mtpipe's own QA
    finding: a reviewer's "QA team: ..." was lost without a word. Only mtpipe's own shape
    (``QA error: ...``, ``QA warning: ...``) is left out, whatever its category."""
    path = _export(out, config, "xliff")
    store = _parse(path, "xliff")
    edited = next(u for u in store.units if "Borsa di Praga" in str(u.source))
    edited.target = "La Bourse de Prague recule"
    edited.addnote("QA team: index name to check", origin="translator")
    edited.addnote("QA warning: a finding in mtpipe's own shape", origin="translator")
    store.savefile(str(path))
    assert _import(path, config) == 0
    assert "QA team: index name to check" in capsys.readouterr().err
    with TranslationMemory(load_config(config).memory.path) as tm:
        hit = tm.lookup_human("it", "fr", ["La Borsa di Praga ha chiuso in calo"])
    assert hit["La Borsa di Praga ha chiuso in calo"].notes == ("QA team: index name to check",)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_note_on_an_edited_unit_without_the_memory_is_kept_in_the_document(
    out, config, fmt, capsys
):
    """Without the memory an edited unit's note had no place ("only in the file ... read
    them there"): the document keeps it with the edit, and the next export writes it back."""
    path = _export(out, config, fmt)
    capsys.readouterr()
    store = _parse(path, fmt)
    _edit_prague_with_note(store, fmt)
    store.savefile(str(path))
    assert _import(path, config, "--no-memory") == 0
    err = capsys.readouterr().err
    assert f"kept in {out / 'art1.json'} for b2.s1 (the memory is off)" in err
    assert "only in the file" not in err
    again = _export(out, config, fmt)
    assert _unit_notes(again, fmt, "Borsa di Praga") == ["Check the index name"]


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("stored_before", [True, False])
def test_a_note_on_a_unit_left_as_its_human_translation_is_kept_with_it(
    out, config, fmt, stored_before, capsys
):
    """A reviewer's note on a unit whose human translation they left as it is was only
    named by the import: it goes into the memory with that translation, as an edited
    unit's note does (made from the document's translation when an import without the
    memory left none there), and importing the same file again does not add it twice."""
    path = _export(out, config, fmt)
    first = _parse(path, fmt)
    unit = next(u for u in first.units if "Foto: AFP." in str(u.source))
    unit.target = "Photo : AFP"
    if fmt == "po":
        unit.markfuzzy(False)
    first.savefile(str(path))
    assert _import(path, config, *([] if stored_before else ["--no-memory"])) == 0
    _export(out, config, fmt)
    again = _parse(path, fmt)
    unit = next(u for u in again.units if "Foto: AFP." in str(u.source))
    unit.addnote("Agency to confirm", origin="translator")
    again.savefile(str(path))
    capsys.readouterr()
    for _ in range(2):
        assert _import(path, config) == 0
        err = capsys.readouterr().err
        assert "kept in the translation memory with their human translations" in err
        with TranslationMemory(load_config(config).memory.path) as tm:
            hit = tm.lookup_human("it", "fr", ["Foto: AFP."])["Foto: AFP."]
        assert (hit.target, hit.notes) == ("Photo : AFP", ("Agency to confirm",))
    assert _doc_fr(out, 3)["text"] == "Photo : AFP"


@pytest.mark.parametrize(
    ("fmt", "element", "extra"),
    [("xliff12", "target", "<target>La Bourse de Prague recule</target>"),
     ("xliff12", "source", "<source>La Borsa di Roma</source>"),
     ("xliff12", "seg-source", "<seg-source>La Borsa di Praga ha chiuso in calo</seg-source>"
      "<seg-source>La Borsa di Roma</seg-source>"),
     ("xliff", "target", "<target>La Bourse de Prague recule</target>"),
     ("xliff", "source", "<source>La Borsa di Roma</source>")],
)  # fmt: skip
def test_a_unit_with_a_repeated_source_or_target_is_exit_3(
    out, config, fmt, element, extra, capsys
):
    """Only the first <target> was read: an edit a tool (or a hand) wrote in a second one
    was "no edited target", and a second <source> or <seg-source> was never compared."""
    path = _export(out, config, fmt)
    xml = path.read_text(encoding="utf-8")
    old = re.search(r"<target [^>]*>La Bourse de Prague a clôturé en baisse</target>", xml)
    path.write_text(xml.replace(old.group(0), old.group(0) + extra), encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert f"unit 'b2.s1' has 2 <{element}> elements, where XLIFF allows one; " in err
    assert err.count("\n") == 1 and _outputs(out) == before


OUTER_NOTES = {
    ("xliff", "file"): (r'<group id="b1"', '<notes><note>{}</note></notes><group id="b1"'),
    ("xliff", "block"): (r'(<group id="b4"[^>]*>)', r"\1<notes><note>{}</note></notes>"),
    ("xliff12", "file"): (r"</header>", "<note>{}</note></header>"),
    ("xliff12", "block"): (r'(<group id="b4"[^>]*>)', r"\1<note>{}</note>"),
}


@pytest.mark.parametrize(("fmt", "where"), list(OUTER_NOTES))
def test_a_note_on_the_whole_file_or_a_block_is_named_by_the_import(
    out, config, fmt, where, capsys
):
    """A translator's note on the <file> (1.2: its <header>) or on a block's <group> was
    dropped without a word: only unit notes were read."""
    path = _export(out, config, fmt)
    capsys.readouterr()
    pattern, repl = OUTER_NOTES[fmt, where]
    xml = path.read_text(encoding="utf-8")
    path.write_text(re.sub(pattern, repl.format("Use the agency style"), xml, count=1), "utf-8")
    assert _import(path, config) == 0
    err = capsys.readouterr().err
    said = "block b4: Use the agency style" if where == "block" else "Use the agency style"
    assert f"1 note(s) a translator added to the whole file or a block ({said!r})" in err
    assert err.count("\n") == 1
    _export(out, config, fmt)  # as exported: mtpipe's own notes are no translator's
    capsys.readouterr()
    assert _import(path, config) == 0
    assert "note(s)" not in capsys.readouterr().err


@pytest.mark.parametrize(
    ("unit", "note", "char"),
    [("b2.s1", "check \x1b[31mthis\x1b[0m", "U+001B"), ("b4.s1", "agency\x08y", "U+0008"),
     ("b4.s1", "ask \ufffe", "U+FFFE")],
)  # fmt: skip
def test_a_translators_note_that_is_no_text_is_exit_3(out, config, unit, note, char, capsys):
    """A PO comment carries any control character (a pasted terminal colour): stored with
    the translation, it made `mtpipe tm export` fail for the whole memory ("fix or delete
    that entry", which no command can)."""
    path = _export(out, config, "po")
    text = path.read_text(encoding="utf-8")
    old = f'msgctxt "{unit}"'
    text = text.replace(old, f"# {note}\n{old}").replace("a clôturé en baisse", "recule")
    path.write_text(text, encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert f"unit {unit!r}: the translator's note " in err and f"holds {char}" in err
    assert err.count("\n") == 1 and _outputs(out) == before
    assert not Path(load_config(config).memory.path).exists()


def test_export_of_a_folder_whose_documents_are_in_subfolders_names_them(tmp_path, capsys):
    """`make postedit-export OUT=out` after `make demo` (documents in out/demo)."""
    write_article(make_article(), tmp_path / "out" / "demo", {"json"})
    assert main(["export", str(tmp_path / "out"), "--to", "fr"]) == 3
    err = capsys.readouterr().err
    assert f"subfolders are not read; these hold documents: {tmp_path / 'out' / 'demo'}" in err
    assert main(["export", str(tmp_path / "out" / "demo"), "--to", "fr"]) == 0


XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"


def _xliff2_target(path: Path, unit: str, build) -> None:
    """Rewrite ``unit``'s target with ``build(target)`` (lxml), as a CAT tool saves it."""
    tree = etree.parse(str(path))
    target = tree.find(f".//{{{XLIFF2}}}unit[@id='{unit}']//{{{XLIFF2}}}target")
    for child in list(target):
        target.remove(child)
    build(target)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def _annotated(target) -> None:  # <sm/> ... <em/>: a reviewer's comment on a word
    target.text = "Photo "
    etree.SubElement(target, f"{{{XLIFF2}}}sm", id="c1", type="comment", value="vérifier")
    etree.SubElement(target, f"{{{XLIFF2}}}em", startRef="c1").tail = "AFP"
    target[0].tail = "de l'"


def _code_point(hex_value: str):
    def build(target) -> None:
        target.text = "Photo"
        etree.SubElement(target, f"{{{XLIFF2}}}cp", hex=hex_value).tail = "AFP"

    return build


def test_xliff2_annotation_markers_and_code_points_of_a_cat_tool_import(out, config, capsys):
    """<sm>/<em> and <cp> are XLIFF 2 core; they were "not one mtpipe wrote" (exit 3)."""
    path = _export(out, config, "xliff")
    _xliff2_target(path, "b4.s1", _annotated)
    assert _import(path, config) == 0
    assert _doc_fr(out, 3)["text"] == "Photo de l'AFP"
    assert "vérifier" in capsys.readouterr().err  # the comment is the unit's note
    path = _export(out, config, "xliff")
    _xliff2_target(path, "b4.s1", _code_point("0009"))  # a tab, as <cp>
    assert _import(path, config) == 0
    assert _doc_fr(out, 3)["text"] == "Photo\tAFP"
    before = _outputs(out)
    bads = (("001B", "holds U+001B"), ("110000", "names no Unicode"), ("x", "names no"))
    for bad, says in (*bads, ("D800", "names no Unicode")):  # a surrogate half: no character
        path = _export(out, config, "xliff")
        _xliff2_target(path, "b4.s1", _code_point(bad))
        assert _import(path, config) == 3
        err = capsys.readouterr().err
        assert says in err and err.count("\n") == 1
        assert _outputs(out) == {**before, path.name: path.read_bytes()}


@pytest.mark.parametrize(
    ("name", "page"),
    [
        (
            "pagina.html",
            "<html><head><title>Allerta</title></head><body><article><h1>Allerta rossa</h1>"
            "<p>La Protezione civile ha diramato l'allerta rossa per la Liguria.</p>"
            '<p>Leggi anche: <a href="/a">Frana sulla Aurelia</a> e <a href="/b">Ponte</a></p>'
            "<p>Home &gt; Cronaca &gt; Liguria</p>"
            "<p>Le scuole resteranno chiuse a Genova, ha detto il sindaco.</p>"
            "</article></body></html>",
        ),
        (
            "pagina.md",
            "# Allerta rossa\n\nLa Protezione civile ha diramato l'allerta rossa.\n\n"
            "Leggi anche: [Frana sulla Aurelia](/a) e [Ponte](/b)\n\n"
            "Le scuole resteranno chiuse a Genova, ha detto il sindaco.\n",
        ),
    ],
)
def test_a_document_with_chrome_kept_among_the_text_exports_checks_and_bundles(
    tmp_path, config, fake_backend, name, page
):
    """A related box or trail kept as markup among the text has one segment of its visible
    text: every later command refused the document ("the segments of block 'b4' do not
    join back to its text"), so `export`, `qa` and `bundle` failed after each such run."""
    from pipeline.localise import localise_article
    from pipeline.readers import read_article
    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles

    src = tmp_path / name
    src.write_text(page, encoding="utf-8")
    article = segment_article(read_article(src))
    assert any(b.meta.get("uncatalogued") for b in article.blocks)
    translate_articles([article], {"fr": fake_backend(str.upper, pair="it-fr")})
    localise_article(article)
    out = tmp_path / "out"
    write_article(article, out, {"txt", "md", "html", "jsonl", "json"})
    doc = out / "pagina.json"
    assert load_document(doc).id == "pagina"
    cfg = ["--config", str(config)]
    assert main([*cfg, "export", str(doc), "--to", "fr", "--format", "po"]) == 0
    assert main([*cfg, "qa", str(doc)]) in (0, 5)  # read and checked (5: findings gate)
    aligned = out / "pagina.aligned.jsonl"  # its chrome record (targets null) was QA'd as
    assert main([*cfg, "qa", str(aligned), "--out", str(tmp_path / "f.jsonl")]) in (0, 5)  # text
    assert main([*cfg, "bundle", str(doc), "--out", str(tmp_path / "site")]) == 0
    pages = [p for p in (tmp_path / "site" / "fr").glob("*.html") if p.name != "index.html"]
    assert len(pages) == 1 and "Frana sulla Aurelia" in pages[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("fmt", "old", "new"),
    [
        ("po", "le rapport</a>", "</a>"),
        ("po", "le rapport</a>", " </a>"),
        ("xliff", ">le rapport</pc>", "></pc>"),
        ("xliff12", '<g id="1">le rapport</g>', '<g id="1"> </g>'),
    ],
)
def test_an_edited_target_with_an_empty_tag_pair_is_exit_3_and_changes_nothing(
    out, config, capsys, fmt, old, new
):
    """A translator who emptied a link imported fine: the writers leave an empty link out,
    so its words and URL vanished from every output without a word."""
    path = _export(out, config, fmt)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "encloses no text" in err and "b3.s2" in err and err.count("\n") == 1
    assert _outputs(out) == before
    path.write_text(text.replace(old, old.replace("le rapport", "le bilan")), encoding="utf-8")
    assert _import(path, config) == 0  # words inside it: fine


@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be"])
def test_an_xliff_file_a_cat_tool_saved_as_utf16_imports(out, config, fmt, codec):
    """XLIFF is XML, which may be UTF-16 (some CAT tools save it so): import said the
    file was "neither XLIFF 1.2, XLIFF 2 nor PO"."""
    path = _export(out, config, fmt)
    text = path.read_text(encoding="utf-8").replace("le rapport", "ce rapport", 1)
    text = re.sub(r"^<\?xml[^>]*\?>", '<?xml version="1.0" encoding="UTF-16"?>', text)
    bom = "\ufeff" if codec == "utf-16-be" else ""  # Python's utf-16 writes its own
    path.write_bytes((bom + text).encode(codec))
    assert _import(path, config) == 0
    assert "ce rapport" in _doc_fr(out, 2, 1)["text"]


@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
@pytest.mark.parametrize("codec", ["utf-32", "utf-32-be", "utf-16-le"])
def test_an_xliff_file_in_any_unicode_form_xml_allows_imports(out, config, fmt, codec):
    """XML 1.0 Appendix F tells UTF-32 (with or without its byte order mark) and UTF-16
    without one by their first bytes; the sniffer read a UTF-32 file's mark as UTF-16's
    and called the file "neither XLIFF 1.2, XLIFF 2 nor PO"."""
    path = _export(out, config, fmt)
    text = path.read_text(encoding="utf-8").replace("le rapport", "ce rapport", 1)
    declared = codec.upper().removesuffix("-BE").removesuffix("-LE")
    text = re.sub(r"^<\?xml[^>]*\?>", f'<?xml version="1.0" encoding="{declared}"?>', text)
    path.write_bytes(text.encode(codec))
    assert _import(path, config) == 0
    assert "ce rapport" in _doc_fr(out, 2, 1)["text"]


@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
@pytest.mark.parametrize("declared", ["UTF-16", "utf-32"])
def test_an_xliff_declaring_utf16_over_utf8_bytes_says_so(out, config, fmt, declared, capsys):
    """A declaration a tool or a hand changed to UTF-16 over a file still in UTF-8 was
    "not well-formed XML: Blank needed here, line 1, column 38" (libxml2's words)."""
    path = _export(out, config, fmt)
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^<\?xml[^>]*\?>", f'<?xml version="1.0" encoding="{declared}"?>', text)
    path.write_text(text, encoding="utf-8")
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert f"its XML declaration says encoding={declared!r}, but the file is UTF-8; " in err
    assert "Blank needed" not in err and err.count("\n") == 1
    assert _outputs(out) == before


@pytest.mark.parametrize("label", ["UTF8", "utf_8", "U8", "cp65001", "utf-8-sig"])
def test_a_po_header_naming_utf8_by_another_alias_imports(out, config, label):
    """Every name Python's codec registry gives UTF-8 is UTF-8: the PO reader kept its own
    list ("utf-8", "utf8") and refused charset=U8 over UTF-8 text as a contradiction."""
    path = _export(out, config, "po")
    text = path.read_text(encoding="utf-8").replace("charset=utf-8", f"charset={label}")
    path.write_text(text.replace("Photo : AFP.", "Photo : AFP, été."), encoding="utf-8")
    assert _import(path, config) == 0
    assert _doc_fr(out, 3)["text"] == "Photo : AFP, été."


@pytest.mark.parametrize("label", ["base64", "rot13", "no-such-charset"])
def test_a_po_header_charset_that_names_no_text_encoding_is_exit_3(out, config, label, capsys):
    """Python knows ``base64`` and ``rot13`` as codecs but not as text encodings: Babel's
    error told the translator to "use codecs.decode() to handle arbitrary codecs"."""
    path = _export(out, config, "po")
    path.write_text(
        path.read_text(encoding="utf-8").replace("charset=utf-8", f"charset={label}"), "utf-8"
    )
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert f"declares charset={label}, which names no text encoding; set charset=UTF-8" in err
    assert "codecs.decode" not in err and err.count("\n") == 1
    assert _outputs(out) == before


def test_a_po_file_saved_as_utf16_is_named_as_such(out, config, capsys):
    """gettext reads no UTF-16 PO file; the error quoted the file's first bytes as text."""
    path = _export(out, config, "po")
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "is UTF-16" in err and "iconv" in err and err.count("\n") == 1
    assert _outputs(out) == before


_DEEP = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize(
    "text",
    [_DEEP, '{"schema": "mtpipe.article", "meta": ' + _DEEP + "}",
     '{"a": ' * 50_000 + "1" + "}" * 50_000, '{"blocks": [' + _DEEP + "]}"],
    ids=["array", "meta", "objects", "blocks"],
)  # fmt: skip
def test_a_document_nested_past_the_parsers_depth_is_one_line_not_a_traceback(
    out, config, capsys, text
):
    deep = out / "deep.json"
    deep.write_text(text, encoding="utf-8")
    cfg = ["--config", str(config)]
    assert main([*cfg, "export", str(deep), "--to", "fr"]) == 3  # was RecursionError
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(deep) in err and "nested too deeply" in err
    # a folder of documents passes over it, as over any JSON that is no document
    assert main([*cfg, "export", str(out), "--to", "fr"]) == 0
    assert (out / "art1.fr.xlf").is_file() and not list(out.glob("deep.fr.*"))


# --- a header whose target language contradicts the export ----------------------------
EN = {
    "b2.s1": "The Prague Stock Exchange closed lower",
    "b3.s1": "The government approved the budget law.",
    "b3.s2": 'Read <a href="https://example.org/r">the report</a> on https://kcna.kp today.',
    "b4.s1": "Photo: AFP.",
}
HEADER = {  # format: (the target-language header as exported into en, its pattern)
    "xliff": ('trgLang="en"', r'trgLang="en"'),
    "xliff12": ('target-language="en"', r'(?<!-)target-language="en"'),
    "po": ('"Language: en\\n"\n', r'"Language: en\\n"\n'),
}
RECORD = {  # format: the export record of the target language, apart from the header
    "xliff": r'\s*<mda:metadata>\s*<mda:metaGroup category="mtpipe">\s*<mda:meta '
    r'type="exported-target-language">en</mda:meta>\s*(<mda:meta type="exported-'
    r'(at|document)">[^<]*</mda:meta>\s*)*</mda:metaGroup>\s*</mda:metadata>',
    "xliff12": r' mtpipe:exported-target-language="en"',
    "po": r"# (mtpipe-target: en|Post-editing file for .* into en, written by mtpipe\.)\n",
}


@pytest.fixture
def out2(tmp_path) -> Path:
    """The article translated into en and fr, its outputs in ``out2``."""
    article = make_article()
    article.target_langs = ["en", "fr"]
    for seg in article.segments():
        if seg.id in EN:
            seg.translations["en"] = Translation(EN[seg.id], "mt", model=MT)
    seg = next(s for s in article.segments() if s.id == "b1.s1")
    seg.translations["en"] = Translation("Italy", "catalog", model="categories")
    folder = tmp_path / "out2"
    write_article(article, folder, {"txt", "md", "jsonl", "json"})
    return folder


def _export_en_edited(out: Path, config: Path, fmt: str, record: bool) -> tuple[Path, str]:
    """The article exported into en, one target edited; ``record=False``: without the
    export record of the language (a file written before it was), going by the digests."""
    args = ["--config", str(config), "export", str(out / "art1.json"), "--to", "en"]
    assert main([*args, "--format", fmt]) == 0
    path = out / f"art1.en{get_format(fmt).suffix}"
    _edit_with_toolkit(path, fmt, {"b4.s1": "Photo: AFP / edited"})
    text = path.read_text(encoding="utf-8")
    if not record:
        text, n = re.subn(RECORD[fmt], "", text)
        assert n >= 1, text[:600]
    assert len(re.findall(HEADER[fmt][1], text)) == 1, text[:600]
    return path, text


@pytest.mark.parametrize("record", [True, False])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_header_target_language_other_than_the_exported_one_is_exit_3(
    out2, config, fmt, record, capsys
):
    """A translator changed `Language: en` to `fr`: the en edits imported into fr."""
    path, text = _export_en_edited(out2, config, fmt, record)
    header, pattern = HEADER[fmt]
    path.write_text(re.sub(pattern, lambda _: header.replace("en", "fr"), text), encoding="utf-8")
    before = _outputs(out2)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert str(path) in err and "'fr'" in err and "exported for 'en'" in err, err
    assert err.count("\n") == 1
    assert _outputs(out2) == before


@pytest.mark.parametrize("header", ["en", "en-GB", "EN_us", None])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_header_that_agrees_with_the_export_or_is_absent_imports(
    out2, config, fmt, header, capsys
):
    path, text = _export_en_edited(out2, config, fmt, record=True)
    old, pattern = HEADER[fmt]
    new = "" if header is None else old.replace("en", header, 1)
    path.write_text(re.sub(pattern, lambda _: new, text), encoding="utf-8")
    assert _import(path, config) == 0, capsys.readouterr().err
    doc = load_document(out2 / "art1.json")
    caption = next(s for s in doc.segments() if s.id == "b4.s1")
    assert caption.translations["en"].text == "Photo: AFP / edited"
    assert caption.translations["fr"].text == "Photo : AFP."


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_file_without_the_export_record_and_unchanged_targets_imports(out2, config, fmt):
    """No record and no digest of the header's language: the header is taken as it is."""
    path, text = _export_en_edited(out2, config, fmt, record=False)
    assert _import(path, config) == 0
    caption = next(s for s in load_document(out2 / "art1.json").segments() if s.id == "b4.s1")
    assert caption.translations["en"].text == "Photo: AFP / edited"


HEADER_LANGS = {
    ("po", "target"): (r"Language: fr", "Language: {}", "fr"),
    ("xliff", "target"): (r'trgLang="fr"', 'trgLang="{}"', "fr"),
    ("xliff12", "target"): (r'target-language="fr"', 'target-language="{}"', "fr"),
    ("xliff", "source"): (r'srcLang="it"', 'srcLang="{}"', "it"),
    ("xliff12", "source"): (r'source-language="it"', 'source-language="{}"', "it"),
}


@pytest.mark.parametrize(("fmt", "what"), list(HEADER_LANGS))
@pytest.mark.parametrize("tag", ["english", "fr-english"])
def test_a_header_language_that_is_no_language_tag_is_exit_3_naming_it(
    out, config, fmt, what, tag, capsys
):
    """``trgLang="english"`` was compared by its first letters: refused with "export with
    --to english", and ``fr-english`` was taken as fr without a word."""
    path = _export(out, config, fmt)
    pattern, replacement, was = HEADER_LANGS[(fmt, what)]
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(pattern, replacement.format(tag), text, count=1), encoding="utf-8")
    capsys.readouterr()
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    written = tag.replace("-", "_") if fmt == "po" else tag  # Babel writes the POSIX form
    assert f"its header names {what} language {written!r}, which is no language tag" in err
    assert f"put it back to {was!r}" in err and _outputs(out) == before


@pytest.mark.parametrize(("fmt", "what"), list(HEADER_LANGS))
def test_a_header_language_in_another_case_or_posix_form_imports(out, config, fmt, what):
    path = _export(out, config, fmt)
    pattern, replacement, was = HEADER_LANGS[(fmt, what)]
    tag = f"{was.upper()}_{was}" if fmt != "po" else f"{was}_{was.upper()}"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(pattern, replacement.format(tag), text, count=1), encoding="utf-8")
    assert _import(path, config) == 0


@pytest.mark.parametrize("name", ["fr_FR.UTF-8", "fr_FR.utf8", "fr@latin"])
def test_a_po_language_written_as_a_gettext_locale_name_imports(out, config, name):
    """Poedit and msgmerge write POSIX locale names (``sr@latin``, ``fr_FR.UTF-8``): the
    import refused them as "no language tag" though each names one (fr-FR, fr-Latn)."""
    path = _export(out, config, "po")
    text = path.read_text(encoding="utf-8").replace("le rapport", "ce rapport", 1)
    path.write_text(text.replace("Language: fr", f"Language: {name}", 1), encoding="utf-8")
    assert _import(path, config) == 0
    assert "ce rapport" in (out / f"{path.name.split('.')[0]}.fr.txt").read_text("utf-8")


@pytest.mark.parametrize("fmt", ["xliff", "xliff12"])
@pytest.mark.parametrize("codec", ["cp500", "cp037", "cp1140"])
def test_an_xliff_in_ebcdic_says_to_convert_it_to_utf8(out, config, fmt, codec, capsys):
    """A mainframe's XLIFF (``encoding="CP500"``, first bytes 4C 6F A7 94) was sniffed as
    XLIFF, then "not well-formed XML: Unsupported encoding ..." from libxml2."""
    path = _export(out, config, fmt)
    text = path.read_text(encoding="utf-8").replace("le rapport", "ce rapport", 1)
    text = re.sub(r"^<\?xml[^>]*\?>", f'<?xml version="1.0" encoding="{codec.upper()}"?>', text)
    path.write_bytes(text.encode(codec, "replace"))
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert f"is in EBCDIC (encoding {codec.upper()!r}), which no XML parser here reads" in err
    assert f"convert it to UTF-8, e.g. `iconv -f {codec.upper()} -t UTF-8`" in err
    assert "well-formed" not in err and err.count("\n") == 1 and _outputs(out) == before


def _unit_notes(path: Path, fmt: str, source: str) -> list[str]:
    """The notes a CAT tool shows as the translator's on the unit of ``source``."""
    if fmt == "po":
        unit = next(u for u in pypo.pofile.parsefile(str(path)).units if source in str(u.source))
        return unit.getnotes(origin="translator").splitlines()
    ns = {"xliff": xliff2.Xliff2File, "xliff12": xliff.xlifffile}[fmt]
    unit = next(u for u in ns.parsefile(str(path)).units if source in str(u.source))
    element = unit.getunitelement() if fmt == "xliff" else unit.xmlelement
    return [n.text for n in element.iter("{*}note") if not (n.text or "").startswith("QA ")]


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("memory", [True, False])
def test_a_note_on_machine_translation_survives_a_round_trip(out, config, fmt, memory, capsys):
    """A reviewer's note on a unit left as machine translation was only named by the import:
    the human memory is no place for it (MT stored as human would be served as human work).
    The document keeps it, the next export writes it back as the unit's note (PO ``#``
    comment, XLIFF <note>), and importing that file again adds nothing twice."""
    flag = [] if memory else ["--no-memory"]
    path = _export(out, config, fmt)
    first = _parse(path, fmt)
    for source, note in (("Foto: AFP.", "Agency to confirm"), ("Borsa di Praga", "Index?")):
        next(u for u in first.units if source in str(u.source)).addnote(note, origin="translator")
    first.savefile(str(path))
    capsys.readouterr()
    assert _import(path, config, *flag) == 0
    said = capsys.readouterr()
    assert f"no edited target; {out / 'art1.json'} kept the translator's notes" in said.out
    err = said.err
    reason = "no human translation" if memory else "the memory is off"
    assert f"kept in {out / 'art1.json'} for b2.s1, b4.s1 ({reason}" in err
    assert "written back as their notes by the next export" in err
    assert _doc_fr(out, 3)["origin"] == "mt"  # still machine translation, noted
    if memory:
        with TranslationMemory(load_config(config).memory.path) as tm:
            assert len(tm) == 0  # no MT stored as human for the note's sake
    again = _export(out, config, fmt)
    assert _unit_notes(again, fmt, "Foto: AFP.") == ["Agency to confirm"]
    assert _unit_notes(again, fmt, "Borsa di Praga") == ["Index?"]
    document = (out / "art1.json").read_bytes()
    capsys.readouterr()
    assert _import(again, config, *flag) == 0
    said = capsys.readouterr()  # nothing new: nothing said, nothing added
    assert "note(s)" not in said.err and f"{out / 'art1.json'} unchanged" in said.out
    assert (out / "art1.json").read_bytes() == document
    assert _unit_notes(_export(out, config, fmt), fmt, "Foto: AFP.") == ["Agency to confirm"]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_note_on_a_human_translation_the_memory_holds_another_of_says_why_and_is_kept(
    out, config, fmt, capsys
):
    """A note on a unit left as its human translation went nowhere when the memory held
    another human translation of the same source (another article's), and the line said
    "the others only in the file" without saying why. The memory's entry is not this
    translation, so the note is not put on it: the document keeps it, and the line says why."""
    path = _export(out, config, fmt)
    first = _parse(path, fmt)
    unit = next(u for u in first.units if "Foto: AFP." in str(u.source))
    unit.target = "Photo : AFP"
    if fmt == "po":
        unit.markfuzzy(False)
    first.savefile(str(path))
    assert _import(path, config, "--no-memory") == 0
    _store_human(config, ("Foto: AFP.", "Crédit : AFP"))  # another article's translation
    again = _parse(_export(out, config, fmt), fmt)
    unit = next(u for u in again.units if "Foto: AFP." in str(u.source))
    unit.addnote("Agency to confirm", origin="translator")
    again.savefile(str(path))
    capsys.readouterr()
    assert _import(path, config) == 0
    err = capsys.readouterr().err
    assert (
        f"kept in {out / 'art1.json'} for b4.s1 (no human translation of theirs in the memory; "
        "the memory holds another human translation of the source of b4.s1)"
    ) in err
    with TranslationMemory(load_config(config).memory.path) as tm:
        hit = tm.lookup_human("it", "fr", ["Foto: AFP."])["Foto: AFP."]
    assert (hit.target, hit.notes) == ("Crédit : AFP", ())  # not a note on that one
    assert _unit_notes(_export(out, config, fmt), fmt, "Foto: AFP.") == ["Agency to confirm"]


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_note_on_machine_translation_is_no_qa_finding(out, config, fmt, capsys):
    """The document kept a reviewer's note on MT as a ``translator_note`` finding, so
    ``mtpipe qa`` reported it, the aligned JSONL flagged it and bundle policy (at ``info``)
    counted it as an issue of the page: a reviewer's word is none of these."""
    from pipeline.bundle.policy import page_issues

    path = _export(out, config, fmt)
    first = _parse(path, fmt)
    next(u for u in first.units if "Foto: AFP." in str(u.source)).addnote(
        "Agency to confirm", origin="translator"
    )
    first.savefile(str(path))
    assert _import(path, config) == 0
    doc = json.loads((out / "art1.json").read_text(encoding="utf-8"))
    seg = next(s for b in doc["blocks"] for s in b["segments"] if s["id"] == "b4.s1")
    assert seg["notes"] == {"fr": ["Agency to confirm"]}
    assert "Agency to confirm" not in json.dumps(seg["findings"])
    aligned = (out / "art1.aligned.jsonl").read_text(encoding="utf-8")
    assert "Agency to confirm" not in aligned and "translator_note" not in aligned
    article = load_document(out / "art1.json")
    assert all(i.message != "Agency to confirm" for i in page_issues(article, "fr", "info"))
    capsys.readouterr()
    report = out / "qa.json"
    main(
        ["--config", str(config), "qa", str(out / "art1.json"), "--out", str(out / "f.jsonl")]
        + ["--report", str(report), "--format", "json", "--fail-on", "info"]
    )
    for written in (report, out / "f.jsonl"):
        text = written.read_text(encoding="utf-8")
        assert "Agency to confirm" not in text and "translator_note" not in text
    assert "Agency to confirm" not in capsys.readouterr().out
    assert _unit_notes(_export(out, config, fmt), fmt, "Foto: AFP.") == ["Agency to confirm"]


def test_a_missing_document_names_each_path_once_and_how_to_recreate_it(tmp_path):
    """After `make clean` (documents gone, post-editing files kept) import said only "pass
    --doc", listing out/ID.json twice (beside the folder and as ``postedit/../ID.json``)."""
    from pipeline.errors import InputError
    from pipeline.interchange.workflow import locate_document

    edited = tmp_path / "out" / "postedit" / "art1.fr.po"
    edited.parent.mkdir(parents=True)
    edited.write_text("", encoding="utf-8")
    with pytest.raises(InputError) as lost:
        locate_document(edited, "../art1.json", "art1", None)
    message = str(lost.value)
    assert message.count(str(tmp_path / "out" / "art1.json")) == 1
    assert "postedit/../art1.json" not in message  # the same file, listed once
    assert "translate the article again" in message and "--doc" in message


@pytest.mark.parametrize(("fmt", "attr"), [("xliff", "id"), ("xliff12", "product-name")])
def test_an_xliff_holding_two_articles_files_names_them_and_the_fix(out, config, fmt, attr, capsys):
    """A CAT tool's "merge files into one" puts two exported articles' <file>s in one
    XLIFF: refused with the cause only, no way out named."""
    from lxml import etree

    path = _export(out, config, fmt)
    root = etree.parse(str(path)).getroot()
    second = copy.deepcopy(root[0])
    second.set(attr, "art2")
    root.append(second)
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    capsys.readouterr()
    before = _outputs(out)
    assert _import(path, config) == 3
    err = capsys.readouterr().err
    assert "holds 2 <file> elements (art1, art2)" in err
    assert "export the translations from your CAT tool as one file per article" in err
    assert "split this one" in err and _outputs(out) == before
    for file in list(root):
        root.remove(file)
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    assert _import(path, config) == 3
    assert "holds no <file> element" in capsys.readouterr().err
