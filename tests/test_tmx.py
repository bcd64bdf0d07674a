"""TMX 1.4 export and import: lossless roundtrip, interoperability, malformed input."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import pytest
from translate.storage import tmx as tt_tmx

from pipeline.errors import InputError, OutputError
from pipeline.memory import Entry, MemoryKey, TranslationMemory, export_tmx, import_tmx
from pipeline.memory.tmx import Foreign, ImportReport

EN = MemoryKey("Helsinki-NLP/opus-mt-it-en", "a1b2c3", "beams=4,max_in=256", "it", "en")
FR = MemoryKey("Helsinki-NLP/opus-mt-it-fr", "", "beams=4,max_in=256,len<>&\"'", "it", "fr")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Texts TMX must carry unchanged: quotes, NBSP, narrow NBSP, emoji, XML specials,
# and whitespace at the edges or inside targets (CR included).
TRICKY = [
    (
        "«Belousov» ha detto: “10.000 uomini”.",
        "«\u00a0Belousov\u00a0» a dit : “10\u202f000 hommes”.",
    ),
    ("Foto: AFP. 🇮🇹👍", "Photo : AFP. 🇮🇹👍"),
    ("a < b && c > d", "  a < b && c > d\t"),
    ("<seg>non è markup</seg> &amp;", "<seg>pas du markup</seg> &amp;"),
    ("Due righe", "Deux\nlignes\r\net un CR\r"),
]


@pytest.fixture
def memory(tmp_path):
    with TranslationMemory(tmp_path / "mem.sqlite") as tm:
        tm.store(FR, TRICKY)
        tm.store(EN, [("Grazie.", "Thank you."), ("Buongiorno.", "Good morning.")])
        yield tm


def _all_entries(tm: TranslationMemory) -> list:
    return [e for key in tm.stored_keys() for e in tm.entries(key)]


def test_export_then_import_is_lossless(memory, tmp_path):
    path = tmp_path / "out" / "memory.tmx"
    assert export_tmx(memory, path) == len(memory) == 7
    with TranslationMemory(tmp_path / "copy.sqlite") as copy:
        assert import_tmx(copy, path, foreign=Foreign("mt", "ignored-for-mtpipe-units")) == 7
        assert _all_entries(copy) == _all_entries(memory)
        assert copy.lookup(FR, [s for s, _ in TRICKY]) == dict(TRICKY)


def test_export_has_a_tmx_14_header_and_one_unit_per_entry(memory, tmp_path):
    path = tmp_path / "memory.tmx"
    export_tmx(memory, path)
    root = ET.parse(path).getroot()
    assert (root.tag, root.get("version")) == ("tmx", "1.4")
    header = root.find("header").attrib
    assert header["creationtool"] == "mtpipe"
    assert header["segtype"] == "sentence"
    assert header["srclang"] == "it"
    assert header["datatype"] == "plaintext"
    assert header["adminlang"] and header["o-tmf"] and header["creationtoolversion"]
    units = root.findall("body/tu")
    assert len(units) == 7
    props = {p.get("type"): p.text or "" for p in units[0].findall("prop")}
    first = EN if units[0].find("tuv/seg").text in ("Buongiorno.", "Grazie.") else FR
    assert props == {
        "x-origin": "mt",
        "x-mtpipe-model": first.model_id,
        "x-mtpipe-revision": first.revision,
        "x-mtpipe-decoding": first.decoding,
    }
    assert [t.get(XML_LANG) for t in units[0].findall("tuv")] == ["it", first.tgt_lang]


def test_header_srclang_is_all_when_source_languages_differ(memory, tmp_path):
    memory.store(dataclasses.replace(EN, src_lang="fr"), [("Merci.", "Thanks.")])
    export_tmx(memory, tmp_path / "m.tmx")
    assert ET.parse(tmp_path / "m.tmx").getroot().find("header").get("srclang") == "*all*"


def test_translate_toolkit_reads_the_export(memory, tmp_path):
    path = tmp_path / "memory.tmx"
    export_tmx(memory, path)
    store = tt_tmx.tmxfile(path.open("rb"))
    read = {(u.source, u.gettarget("fr") or u.gettarget("en")) for u in store.units}
    expected = {(e.source, e.target) for e in _all_entries(memory)}
    assert read == expected


def test_import_of_a_foreign_tmx_stores_human_entries_by_default(tmp_path):
    foreign = tt_tmx.tmxfile(sourcelanguage="it-IT")
    foreign.addtranslation("Ciao «mondo»", "it-IT", "Hello “world”", "en-GB")
    foreign.addtranslation("Grazie & arrivederci", "it-IT", "Thanks & goodbye", "en-GB")
    path = tmp_path / "cat-tool.tmx"
    path.write_bytes(bytes(foreign))
    with TranslationMemory(tmp_path / "mem.sqlite") as tm:
        assert import_tmx(tm, path) == 2
        assert tm.stored_keys() == [MemoryKey.human("it", "en")]
        hits = tm.lookup_human("it", "en", ["Ciao «mondo»", "Grazie & arrivederci"])
        assert {s: e.target for s, e in hits.items()} == {
            "Ciao «mondo»": "Hello “world”",
            "Grazie & arrivederci": "Thanks & goodbye",
        }
        assert tm.stats()["origins"] == {"human": 2, "mt": 0}
        import_tmx(tm, path, foreign=Foreign("mt", "agency"), keep_region=True)
        regional = MemoryKey("agency", "", "", "it-IT", "en-GB")
        assert tm.lookup(regional, ["Ciao «mondo»"]) == {"Ciao «mondo»": "Hello “world”"}


def test_export_filters_by_key_and_language(memory, tmp_path):
    assert export_tmx(memory, tmp_path / "en.tmx", key=EN) == 2
    assert export_tmx(memory, tmp_path / "fr.tmx", tgt_lang="fr") == len(TRICKY)
    assert export_tmx(memory, tmp_path / "none.tmx", model_id="other") == 0
    with TranslationMemory(tmp_path / "en.sqlite") as tm:
        import_tmx(tm, tmp_path / "en.tmx")
        assert tm.stored_keys() == [EN]


def _tmx(body: str, srclang: str = "it") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4">'
        f'<header srclang="{srclang}" segtype="sentence" datatype="plaintext" adminlang="en"'
        f' creationtool="t" creationtoolversion="1" o-tmf="t"/><body>{body}</body></tmx>'
    )


GOOD_TU = '<tu><tuv xml:lang="it"><seg>Sì.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg></tuv></tu>'


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (_tmx(GOOD_TU)[:-20], "not well-formed XML at line 1"),
        ("<xliff version='1.2'/>", "root element is <xliff>"),
        ("", "not well-formed"),
        (_tmx(GOOD_TU + "<tu><tuv><seg>x</seg></tuv></tu>"), "without xml:lang"),
        (_tmx(GOOD_TU + '<tu><tuv xml:lang="it"/></tu>'), "without <seg>"),
        (_tmx(GOOD_TU, srclang="*all*"), "no source language"),
    ],
)
def test_malformed_tmx_is_rejected_naming_file_and_problem(tmp_path, text, problem):
    path = tmp_path / "broken.tmx"
    path.write_text(text, encoding="utf-8")
    with TranslationMemory(tmp_path / "mem.sqlite") as tm:
        with pytest.raises(InputError, match=problem) as info:
            import_tmx(tm, path)
        assert "broken.tmx" in str(info.value)
        assert len(tm) == 0  # nothing stored from a file that fails the check


def test_missing_tmx_file_is_an_input_error(tmp_path):
    with TranslationMemory(tmp_path / "mem.sqlite") as tm, pytest.raises(InputError, match="nope"):
        import_tmx(tm, tmp_path / "nope.tmx")


def test_units_with_an_element_tmx_does_not_define_in_a_seg_are_skipped_and_reported(tmp_path):
    unknown = (
        '<tu><tuv xml:lang="it"><seg>Clic <mrk mtype="term">qui</mrk></seg></tuv>'
        '<tuv xml:lang="en"><seg>Click <mrk mtype="term">here</mrk></seg></tuv></tu>'
    )
    lonely = '<tu><tuv xml:lang="it"><seg>Solo.</seg></tuv></tu>'
    path = tmp_path / "mixed.tmx"
    path.write_text(_tmx(GOOD_TU + unknown + lonely), encoding="utf-8")
    report: list[str] = []
    with TranslationMemory(tmp_path / "mem.sqlite") as tm:
        assert import_tmx(tm, path, src_lang="it", report=report) == 1
        assert len(tm) == 1
    assert len(report) == 2
    assert report[0].startswith("translation unit 2: skipped, its it segment holds <mrk>")
    assert report[1].startswith("translation unit 3: skipped")


# A document segment as the readers make it: a link, a bold word, a <br>.
MARKED = ("Il <g1>rapporto</g1> dell'<g2>ONU</g2><x3/>", "The <g2>UN</g2> <g1>report</g1><x3/>")


def _seg_xml(path, lang: str) -> str:
    root = ET.parse(path).getroot()
    seg = next(t for t in root.iter("tuv") if t.get(XML_LANG) == lang).find("seg")
    seg.tail = None
    return ET.tostring(seg, encoding="unicode")


def test_export_writes_inline_markers_as_tmx_inline_codes(tmp_path):
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        tm.store_entries([_human(*MARKED)])
        export_tmx(tm, tmp_path / "m.tmx")
    source, target = _seg_xml(tmp_path / "m.tmx", "it"), _seg_xml(tmp_path / "m.tmx", "en")
    assert source == (
        '<seg>Il <bpt i="1" x="1">&lt;g1&gt;</bpt>rapporto<ept i="1">&lt;/g1&gt;</ept> '
        'dell\'<bpt i="2" x="2">&lt;g2&gt;</bpt>ONU<ept i="2">&lt;/g2&gt;</ept>'
        '<ph x="3">&lt;x3/&gt;</ph></seg>'
    )
    assert target == (
        '<seg>The <bpt i="2" x="2">&lt;g2&gt;</bpt>UN<ept i="2">&lt;/g2&gt;</ept> '
        '<bpt i="1" x="1">&lt;g1&gt;</bpt>report<ept i="1">&lt;/g1&gt;</ept>'
        '<ph x="3">&lt;x3/&gt;</ph></seg>'
    )


def test_export_writes_a_marker_without_its_partner_as_an_isolated_code(tmp_path):
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        tm.store_entries([_human("A <g1>b</g1> <g2>c</g2>", "<g1>B</g1> a </g2>c<g2>")])
        tm.store_entries([_human("x</g3> y", "x</g3> y")])  # no partner in the source either
        export_tmx(tm, tmp_path / "m.tmx")
    assert _seg_xml(tmp_path / "m.tmx", "en").startswith(
        '<seg><bpt i="1" x="1">&lt;g1&gt;</bpt>B<ept i="1">&lt;/g1&gt;</ept> a '
        '<it pos="end" x="2">&lt;/g2&gt;</it>c<it pos="begin" x="2">&lt;g2&gt;</it></seg>'
    )
    assert '<seg>x<ph x="3">&lt;/g3&gt;</ph> y</seg>' in (tmp_path / "m.tmx").read_text("utf-8")


def test_export_keeps_text_that_only_looks_like_markup_as_text(memory, tmp_path):
    export_tmx(memory, tmp_path / "m.tmx")
    root = ET.parse(tmp_path / "m.tmx").getroot()
    segs = list(root.iter("seg"))
    assert not any(len(seg) for seg in segs)  # "a < b", "<seg>non è markup</seg>": no code
    assert "<seg>non è markup</seg> &amp;" in [seg.text for seg in segs]


def test_inline_codes_round_trip_to_the_same_entries(tmp_path):
    mt = [
        ("A <g1>b</g1> c<x2/>", "A <g1>b</g1> c<x2/>"),
        ("<g1>Sì</g1> <g3>no", "<g3>no <g1>Yes</g1>"),
        ("<x1/> a <x1/>", "<x1/> A <x1/>"),  # one number twice: codes keep distinct ids
    ]
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        tm.store(EN, mt)
        tm.store_entries([_human(*MARKED)])
        export_tmx(tm, tmp_path / "m.tmx")
        before = _all_entries(tm)
    with TranslationMemory(tmp_path / "copy.sqlite") as copy:
        report: list[str] = []
        assert import_tmx(copy, tmp_path / "m.tmx", report=report) == 4
        assert report == [] and _all_entries(copy) == before


CAT_CODES = (
    '<tu><tuv xml:lang="it"><seg>Il <bpt i="7" type="link">&lt;a href="/r"&gt;</bpt>rapporto'
    '<ept i="7">&lt;/a&gt;</ept> dell\'<bpt i="8">{b}</bpt><hi type="x-term">ONU</hi>'
    '<ept i="8">{/b}</ept><ph type="lb"/></seg></tuv>'
    '<tuv xml:lang="en"><seg>The <bpt i="8">{b}</bpt>UN<ept i="8">{/b}</ept> '
    '<bpt i="7">&lt;a href="/r"&gt;</bpt>report<ept i="7">&lt;/a&gt;</ept><ph/></seg></tuv></tu>'
)


def test_inline_codes_of_another_tool_become_markers_that_match_the_document(tmp_path):
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(GOOD_TU + CAT_CODES), encoding="utf-8")
    report: list[str] = []
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path, report=report) == 2
        hit = tm.lookup_human("it", "en", [MARKED[0]])
    assert report == []
    assert hit[MARKED[0]].target == MARKED[1]


@pytest.mark.parametrize(
    ("source", "target", "stored"),
    [
        # x= links the variants' codes, whatever their i
        (
            '<ph x="1">[1]</ph>a<ph x="2">[2]</ph>',
            '<ph x="2">[2]</ph>b<ph x="1">[1]</ph>',
            ("<x1/>a<x2/>", "<x2/>b<x1/>"),
        ),
        # isolated and unknown codes, pairs that cross (the inner one stays a pair),
        # sub-flow text in a code
        (
            '<it pos="begin">&lt;b&gt;</it>a <ut>{u}</ut>b',
            '<it pos="begin">&lt;b&gt;</it>A <ut>{u}</ut>B',
            ("<x1/>a <x2/>b", "<x1/>A <x2/>B"),
        ),
        (
            '<bpt i="1">[</bpt>a<bpt i="2">(</bpt>b<ept i="1">]</ept>c<ept i="2">)</ept>',
            '<bpt i="1">[</bpt>A<bpt i="2">(</bpt>B<ept i="1">]</ept>C<ept i="2">)</ept>',
            ("<x1/>a<g2>b<x3/>c</g2>", "<x1/>A<g2>B<x3/>C</g2>"),
        ),
        (
            '<ph>&lt;img alt="<sub>foto</sub>"/&gt;</ph>Roma',
            "Rome<ph>&lt;img/&gt;</ph>",
            ("<x1/>Roma", "Rome<x1/>"),
        ),
    ],
)
def test_inline_codes_of_another_tool_are_numbered_in_source_order(
    tmp_path, source, target, stored
):
    tuv = '<tuv xml:lang="{}"><seg>{}</seg></tuv>'
    unit = f"<tu>{tuv.format('it', source)}{tuv.format('en', target)}</tu>"
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(unit), encoding="utf-8")
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path) == 1
        (entry,) = _all_entries(tm)
    assert (entry.source, entry.target) == stored


def _human(source: str, target: str) -> Entry:
    now = "2024-05-01T12:00:00Z"
    return Entry(MemoryKey.human("it", "en"), source, target, now, now, "ann", ())


def test_srclang_all_is_resolved_by_the_src_lang_argument(tmp_path):
    path = tmp_path / "all.tmx"
    path.write_text(_tmx(GOOD_TU, srclang="*all*"), encoding="utf-8")
    with TranslationMemory(tmp_path / "mem.sqlite") as tm:
        assert import_tmx(tm, path, src_lang="it") == 1
        assert tm.lookup(MemoryKey.human("it", "en"), ["Sì."]) == {"Sì.": "Yes."}


def test_failed_export_leaves_the_old_file_and_no_temp_file(memory, tmp_path):
    path = tmp_path / "memory.tmx"
    path.write_text("previous export", encoding="utf-8")
    memory.store(EN, [("Campanello", "Bell \x07")])  # BEL: XML 1.0 cannot carry it
    with pytest.raises(OutputError, match="U\\+0007"):
        export_tmx(memory, path)
    assert path.read_text(encoding="utf-8") == "previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file


def test_export_marks_origin_and_translator_and_reimports_the_same_entries(memory, tmp_path):
    human = MemoryKey.human("it", "fr")
    memory.store_entries(
        [
            Entry(human, "Sì.", "Oui.", "2024-05-01T12:00:00Z", "2024-05-03T09:30:00Z", "Ada L."),
            Entry(human, "No.", "Non.", "2024-05-01T12:00:00Z", "2024-05-01T12:00:00Z", None),
        ]
    )
    path = tmp_path / "memory.tmx"
    assert export_tmx(memory, path) == 9
    units = ET.parse(path).getroot().findall("body/tu")
    origins = {u.find("tuv/seg").text: u.find("prop[@type='x-origin']").text for u in units}
    assert origins["Sì."] == origins["No."] == "human" and origins["Grazie."] == "mt"
    yes = next(u for u in units if u.find("tuv/seg").text == "Sì.")
    assert (yes.get("creationid"), yes.get("changedate")) == ("Ada L.", "20240503T093000Z")
    assert not yes.findall("prop[@type='x-mtpipe-model']")
    with TranslationMemory(tmp_path / "copy.sqlite") as copy:
        assert import_tmx(copy, path) == 9
        assert _all_entries(copy) == _all_entries(memory)


def _every_field(tm: TranslationMemory) -> list[tuple]:
    return [dataclasses.astuple(e) for e in _all_entries(tm)]


@pytest.mark.parametrize(
    "notes",
    [
        ("placeholder ⟦1⟧ restored: https://kcna.kp",),
        ("repair one", "repair two", "repair one"),  # order and repeats kept
        ("  spaced  ", "two\nlines\r\nand a CR\r", '<note> & "quotes"'),
        ("",),
    ],
)
def test_tmx_round_trip_keeps_every_field_of_entries_with_notes(memory, tmp_path, notes):
    human = MemoryKey.human("it", "fr")
    tiny = MemoryKey("mtpipe/random-marian-tiny-it-en", "r1", "beams=1", "it", "en-GB")
    memory.store_entries(
        [
            Entry(
                FR, "Rotto.", "Cassé.", "2024-05-01T12:00:00Z", "2024-05-02T12:00:00Z", None, notes
            ),
            Entry(
                tiny,
                "Rumore.",
                "Noise.",
                "2024-05-01T12:00:00Z",
                "2024-05-01T12:00:00Z",
                None,
                notes,
            ),
            Entry(
                human,
                "Sì.",
                "Oui.",
                "2024-05-01T12:00:00Z",
                "2024-05-03T09:30:00Z",
                "Ada\nL. ",
                notes,
            ),
            Entry(human, "Forse.", "Peut-être.", "2024-05-01", "2024-05-01T12:00:00.5Z", "Bo", ()),
        ]
    )
    path = tmp_path / "memory.tmx"
    assert export_tmx(memory, path) == len(memory) == 11
    with TranslationMemory(tmp_path / "copy.sqlite") as copy:
        assert import_tmx(copy, path) == 11
        assert _every_field(copy) == _every_field(memory)
        assert copy.lookup_noted(FR, ["Rotto."]) == {"Rotto.": ("Cassé.", list(notes))}
        assert copy.lookup(FR, ["Rotto."]) == {}  # a repaired output is not served without them
    units = ET.parse(path).getroot().findall("body/tu")
    broken = next(u for u in units if u.find("tuv/seg").text == "Rotto.")
    assert [p.text or "" for p in broken.findall("prop[@type='x-mtpipe-note']")] == list(notes)


FOREIGN = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="IT-it" segtype="sentence" datatype="plaintext"
 adminlang="EN-US" creationtool="Trados" creationtoolversion="9" o-tmf="TW4Win"
 creationid="PM"/>
<body>
<tu tuid="7" creationid="ANNA" creationdate="20230102T030405Z" changeid="BRUNO"
    changedate="20230605T040506Z" lastusagedate="20240101T000000Z" usagecount="4">
  <note>Checked by the desk</note>
  <prop type="x-Domain">Politica</prop><prop type="x-Client">ACME</prop>
  <tuv xml:lang="IT-IT" creationid="x"><prop type="x-origin-file">a.docx</prop>
    <note>source note</note><seg>Il governo cade.</seg></tuv>
  <tuv xml:lang="EN-GB"><note>target note</note><seg>The government falls.</seg></tuv>
  <tuv xml:lang="fr-fr"><seg>Le gouvernement tombe.</seg></tuv>
</tu>
<tu><tuv lang="it"><seg>Ciao.</seg></tuv><tuv lang="En"><seg>Hello.</seg></tuv></tu>
</body></tmx>
"""


def test_tmx_from_another_tool_with_props_notes_and_upper_case_tags_keeps_its_text(tmp_path):
    path = tmp_path / "trados.tmx"
    path.write_text(FOREIGN, encoding="utf-8")
    report: list[str] = []
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path, report=report) == 3
        assert report == []
        hits = tm.lookup_human("it", "en", ["Il governo cade.", "Ciao."])
        fr = tm.lookup_human("it", "fr", ["Il governo cade."])
    gov = hits["Il governo cade."]
    assert (gov.target, gov.creator, gov.created, gov.updated, gov.notes) == (
        "The government falls.", "BRUNO", "2023-01-02T03:04:05Z", "2023-06-05T04:05:06Z", ()
    )  # fmt: skip
    assert (
        hits["Ciao."].target == "Hello."
        and fr["Il governo cade."].target == "Le gouvernement tombe."
    )


def test_tmx_from_another_tool_keeps_region_tags_in_standard_case(tmp_path):
    path = tmp_path / "trados.tmx"
    path.write_text(FOREIGN, encoding="utf-8")
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path, keep_region=True) == 3
        pairs = {(k.src_lang, k.tgt_lang) for k in tm.stored_keys()}
    assert pairs == {("it-IT", "en-GB"), ("it-IT", "fr-FR"), ("it", "en")}


@pytest.mark.parametrize("empty", ["<seg/>", "<seg></seg>", "<seg> \n </seg>", "<seg>\u00a0</seg>"])
def test_an_untranslated_variant_from_another_tool_is_reported_not_stored(tmp_path, empty):
    body = (
        f'<tu><tuv xml:lang="it"><seg>Sì.</seg></tuv><tuv xml:lang="en">{empty}</tuv>'
        '<tuv xml:lang="fr"><seg>Oui.</seg></tuv></tu>'
    )
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(body), encoding="utf-8")
    report: list[str] = []
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path, report=report) == 1
        assert tm.lookup_human("it", "en", ["Sì."]) == {}
        assert tm.lookup_human("it", "fr", ["Sì."])["Sì."].target == "Oui."
    assert report == ["translation unit 1: its en segment is empty (not translated); not stored"]


@pytest.mark.parametrize(
    ("sources", "keep_region", "tag"),
    [
        (
            '<tuv xml:lang="it"><seg>Acqua</seg></tuv><tuv xml:lang="it"><seg>Acqua2</seg></tuv>',
            False,
            "it",
        ),
        (
            '<tuv xml:lang="it-IT"><seg>Acqua</seg></tuv><tuv xml:lang="it-CH"><seg>Aqua</seg>'
            "</tuv>",
            True,
            "it-IT",
        ),
    ],
)
def test_a_second_source_language_variant_is_named_and_not_stored(
    tmp_path, sources, keep_region, tag
):
    second = "Acqua2" if "Acqua2" in sources else "Aqua"
    body = f'<tu>{sources}<tuv xml:lang="en"><seg>Water</seg></tuv></tu>'
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(body, srclang=tag), encoding="utf-8")
    report: list[str] = []
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path, report=report, keep_region=keep_region) == 1
        assert list(tm.stats()["pairs"]) == [f"{tag}-en"]
        assert tm.lookup_human(tag, "en", ["Acqua"])["Acqua"].target == "Water"
    assert len(report) == 1
    assert report[0].startswith(f"translation unit 1: two it variants; kept the first ({tag})")
    assert repr(second) in report[0]


def test_a_repeated_identical_source_variant_stores_no_same_language_entry(tmp_path):
    body = '<tu><tuv xml:lang="it"><seg>Sì.</seg></tuv><tuv xml:lang="it"><seg>Sì.</seg></tuv></tu>'
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(body), encoding="utf-8")
    report = ImportReport()
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path, report=report) == 0
        assert len(tm) == 0
    assert report == ["translation unit 1: skipped, it has no translation of its it source"]
    assert report.unstored == {"no translation": 1}


def test_units_with_only_empty_targets_are_counted_as_not_imported(tmp_path):
    body = (
        '<tu><tuv xml:lang="it"><seg>Uno.</seg></tuv><tuv xml:lang="en"><seg/></tuv></tu>'
        '<tu><tuv xml:lang="it"><seg>Due.</seg></tuv><tuv xml:lang="en"><seg> </seg></tuv>'
        '<tuv xml:lang="fr"><seg></seg></tuv></tu>'
        '<tu><tuv xml:lang="it"><seg></seg></tuv><tuv xml:lang="en"><seg>Three.</seg></tuv></tu>'
        '<tu><tuv xml:lang="it"><seg>Quattro.</seg></tuv><tuv xml:lang="en"><seg/></tuv>'
        '<tuv xml:lang="fr"><seg>Quatre.</seg></tuv></tu>'
    )
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(body), encoding="utf-8")
    report = ImportReport()
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path, report=report) == 1
    assert report == [
        "translation unit 1: skipped, its en segment is empty (not translated)",
        "translation unit 2: skipped, its en and fr segments are empty (not translated)",
        "translation unit 3: skipped, its it source segment is empty",
        "translation unit 4: its en segment is empty (not translated); not stored",
    ]
    assert report.unstored == {"only empty (untranslated) targets": 2, "an empty source segment": 1}


def test_a_human_entry_with_an_empty_target_is_no_translation(tmp_path):
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        human = MemoryKey.human("it", "en")
        tm.store_entries([Entry(human, "Sì.", " ", "t", "t"), Entry(human, "No.", "No.", "t", "t")])
        assert list(tm.lookup_human("it", "en", ["Sì.", "No."])) == ["No."]


@pytest.mark.parametrize(
    ("date", "iso"),
    [
        ("20230102T030405Z", "2023-01-02T03:04:05Z"),
        ("2023-01-02T03:04:05Z", "2023-01-02T03:04:05Z"),
        ("20230102T030405", "2023-01-02T03:04:05Z"),
        ("2023-01-02T03:04:05.250Z", "2023-01-02T03:04:05Z"),
    ],
)
def test_dates_other_tools_write_are_kept(tmp_path, date, iso):
    body = GOOD_TU.replace("<tu>", f'<tu creationdate="{date}" changedate="{date}">')
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(body), encoding="utf-8")
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        import_tmx(tm, path)
        entry = tm.lookup_human("it", "en", ["Sì."])["Sì."]
    assert (entry.created, entry.updated) == (iso, iso)


def test_two_regional_variants_of_one_language_keep_the_first_and_say_so(tmp_path):
    body = (
        '<tu><note>n</note><prop type="x-mtpipe-note">kept</prop><tuv xml:lang="IT">'
        '<seg>Sì.</seg></tuv><tuv xml:lang="EN-GB"><seg>Yes.</seg></tuv>'
        '<tuv xml:lang="en-us"><seg>Yeah.</seg></tuv></tu>'
    )
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(body), encoding="utf-8")
    report: list[str] = []
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path, report=report) == 1
        entry = tm.lookup_human("it", "en", ["Sì."])["Sì."]
    assert (entry.target, entry.notes) == ("Yes.", ("kept",))
    assert report == [
        "translation unit 1: two en variants; kept the first (--keep-region keeps both)"
    ]


def test_two_variants_tagged_alike_keep_the_first_without_a_hint_that_cannot_help(tmp_path):
    body = (
        '<tu><tuv xml:lang="it"><seg>Due.</seg></tuv><tuv xml:lang="fr"><seg>Deux.</seg></tuv>'
        '<tuv xml:lang="FR"><seg>Deux bis.</seg></tuv></tu>'
    )
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(body), encoding="utf-8")
    for keep_region in (False, True):
        report: list[str] = []
        with TranslationMemory(tmp_path / f"m{keep_region}.sqlite") as tm:
            assert import_tmx(tm, path, report=report, keep_region=keep_region) == 1
            assert tm.lookup_human("it", "fr", ["Due."])["Due."].target == "Deux."
        assert report == [
            "translation unit 1: two fr variants; kept the first (the memory holds one "
            "translation per language)"
        ]


@pytest.mark.parametrize(
    ("name", "content", "title"),
    [("ed.xlf", '<?xml version="1.0"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" '
      'version="2.1"/>\n', "XLIFF 2.1"),
     ("ed.po", 'msgctxt "b1.s1"\nmsgid "Sì."\nmsgstr "Oui."\n', "gettext PO")],
)  # fmt: skip
def test_a_post_editing_file_given_as_tmx_says_where_it_goes(tmp_path, name, content, title):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with TranslationMemory(tmp_path / "m.sqlite") as tm, pytest.raises(InputError) as err:
        import_tmx(tm, path)
    assert str(err.value).startswith(f"{path} is not a valid TMX file: ")
    assert str(err.value).endswith(f"post-editing file ({title}" + (
        " (Babel)" if title == "gettext PO" else "") + "): give it to `mtpipe import`")  # fmt: skip


def test_a_broken_tmx_gets_no_post_editing_advice(tmp_path):
    path = tmp_path / "broken.tmx"
    path.write_text('<tmx version="1.4"><header/><body><tu>', encoding="utf-8")
    with TranslationMemory(tmp_path / "m.sqlite") as tm, pytest.raises(InputError) as err:
        import_tmx(tm, path)
    assert "mtpipe import" not in str(err.value)


@pytest.mark.parametrize("shape", ["doctype", "utf-16", "bom", "crlf"])
def test_tmx_files_as_cat_tools_save_them_are_read(tmp_path, shape):
    doc = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n' + _tmx(GOOD_TU, srclang="IT-IT").split("?>", 1)[1]
    data = {
        "doctype": ('<?xml version="1.0" encoding="UTF-8"?>\n' + doc).encode(),
        "utf-16": ('<?xml version="1.0" encoding="UTF-16"?>\n' + doc).encode("utf-16"),
        "bom": b"\xef\xbb\xbf" + ('<?xml version="1.0" encoding="utf-8"?>\n' + doc).encode(),
        "crlf": ('<?xml version="1.0" encoding="UTF-8"?>\r\n' + doc.replace("\n", "\r\n")).encode(),
    }[shape]
    path = tmp_path / "cat.tmx"
    path.write_bytes(data)
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path) == 1
        assert tm.lookup_human("it", "en", ["Sì."])["Sì."].target == "Yes."


def _declared(encoding: str) -> str:
    return _tmx(GOOD_TU).replace('encoding="UTF-8"', f'encoding="{encoding}"')


@pytest.mark.parametrize(
    ("data", "said"),
    [(_declared("ISO-8859-1").encode(), "says encoding='ISO-8859-1', but its text is UTF-8 "),
     (_declared("windows-1252").encode(), "<seg>SÃ¬.</seg>"),
     (_declared("base64").encode(), "names encoding='base64', which is no text encoding"),
     (_declared("rot13").encode(), "names encoding='rot13', which is no text encoding"),
     (_declared("UTF-32").encode("utf-32"), "it is UTF-32-LE, which the XML parser does not "
      "read; convert it, e.g. `iconv -f utf-32-le -t utf-8`"),
     (_declared("UTF-32").encode("utf-32-be"), "it is UTF-32-BE"),
     (_declared("UTF-16").encode(), "says encoding='UTF-16', but the file is UTF-8; put "
      'encoding="UTF-8" in the declaration'),
     (_declared("CP500").encode("cp500"), "is in EBCDIC (encoding 'CP500'), which no XML "
      "parser here reads; convert it to UTF-8, e.g. `iconv -f CP500 -t UTF-8`"),
     (_declared("IBM037").encode("cp037"), "is in EBCDIC (encoding 'IBM037')")],
)  # fmt: skip
def test_a_tmx_whose_encoding_the_parser_would_misread_is_refused(tmp_path, data, said):
    """UTF-8 text under a declared 8-bit charset was stored as mojibake (``SÃ¬.``, as the
    PO import refuses it); ``encoding="base64"`` was a traceback (Python's LookupError out
    of expat); UTF-32, which expat does not read, "not well-formed (invalid token)"."""
    path = tmp_path / "t.tmx"
    path.write_bytes(data)
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        with pytest.raises(InputError) as err:
            import_tmx(tm, path)
        assert said in str(err.value) and "\n" not in str(err.value)
        assert len(tm) == 0


def test_a_tmx_in_the_8bit_charset_it_declares_is_read(tmp_path):
    path = tmp_path / "t.tmx"
    path.write_bytes(_declared("ISO-8859-1").encode("latin-1"))
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path) == 1
        assert tm.lookup_human("it", "en", ["Sì."])["Sì."].target == "Yes."


@pytest.mark.parametrize("tag", ["english", "../x", "", "*all*", "fr/../../etc", "e"])
def test_a_variant_whose_xml_lang_is_no_language_tag_is_reported_not_stored(tmp_path, tag):
    body = (
        '<tu><tuv xml:lang="it"><seg>Sì.</seg></tuv>'
        f'<tuv xml:lang="{tag}"><seg>Yes.</seg></tuv><tuv xml:lang="fr"><seg>Oui.</seg></tuv></tu>'
    )
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(body), encoding="utf-8")
    report: list[str] = []
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path, report=report) == 1
        pairs = {(k.src_lang, k.tgt_lang) for k in tm.stored_keys()}
    assert pairs == {("it", "fr")}
    assert len(report) == 1
    assert f"translation unit 1: its <tuv xml:lang={tag!r}> is no language tag" in report[0]


def test_a_source_variant_whose_xml_lang_is_no_language_tag_skips_the_unit(tmp_path):
    body = (
        '<tu><tuv xml:lang="italiano"><seg>Sì.</seg></tuv><tuv xml:lang="en"><seg>Yes.</seg>'
        "</tuv></tu>" + GOOD_TU
    )
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(body, srclang="italiano"), encoding="utf-8")
    report: list[str] = []
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        import_tmx(tm, path, src_lang="it", report=report)
        pairs = {(k.src_lang, k.tgt_lang) for k in tm.stored_keys()}
    assert pairs == {("it", "en")}
    assert "<tuv xml:lang='italiano'> is no language tag" in report[0]
    assert report[1] == "translation unit 1: skipped, it has no it variant"


@pytest.mark.parametrize(
    ("tag", "keep_region", "stored"),
    [("EN-us", False, "en"), ("EN-us", True, "en-US"), ("fr_FR", True, "fr-FR"),
     ("zh-hant-tw", True, "zh-Hant-TW"), ("fr_FR", False, "fr")],
)  # fmt: skip
def test_a_tag_in_another_case_or_with_underscore_is_a_language_tag(
    tmp_path, tag, keep_region, stored
):
    body = (
        f'<tu><tuv xml:lang="it"><seg>Sì.</seg></tuv><tuv xml:lang="{tag}"><seg>X.</seg></tuv></tu>'
    )
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(body), encoding="utf-8")
    report: list[str] = []
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path, keep_region=keep_region, report=report) == 1
        assert [k.tgt_lang for k in tm.stored_keys()] == [stored]
    assert report == []


@pytest.mark.parametrize(("header", "unit"), [("english", ""), ("it", ' srclang="italiano"')])
def test_a_srclang_that_is_no_language_tag_is_refused_naming_it(tmp_path, header, unit):
    """Every unit was skipped as one "without an english variant", a line each, exit 0."""
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(GOOD_TU.replace("<tu>", f"<tu{unit}>"), srclang=header), "utf-8")
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        with pytest.raises(InputError) as err:
            import_tmx(tm, path)
        assert len(tm) == 0
    where = "the <header>'s srclang 'english'" if unit == "" else "unit 1's srclang 'italiano'"
    assert where in str(err.value) and "is no language tag" in str(err.value)


def test_a_header_srclang_that_is_no_language_tag_gives_way_to_src_lang(tmp_path):
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(GOOD_TU, srclang="english"), encoding="utf-8")
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path, src_lang="it") == 1


@pytest.mark.parametrize(
    ("source", "target", "says"),
    [
        # a CAT tool's memory that kept the words and not the link
        (
            'Leggi il <bpt i="1">&lt;a href="/r"&gt;</bpt>rapporto<ept i="1">&lt;/a&gt;</ept>.',
            "Read the report.",
            "lacks the source's inline codes <g1> </g1>",
        ),
        # an image (or a line break) the target lost
        ('Foto<ph x="1">&lt;img src="f.jpg"/&gt;</ph> di Roma', "Photo of Rome", "<x1/>"),
        # a code the source has not: served, an unknown marker in every output
        ("a", "A<ph>{1}</ph>", "has inline codes the source has not, <x1/>"),
    ],
)
def test_a_target_without_its_sources_inline_codes_is_not_imported(tmp_path, source, target, says):
    tuv = '<tuv xml:lang="{}"><seg>{}</seg></tuv>'
    unit = f"<tu>{tuv.format('it', source)}{tuv.format('en', target)}</tu>"
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(GOOD_TU + unit), encoding="utf-8")
    report = ImportReport()
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path, report=report) == 1
        assert [e.source for e in _all_entries(tm)] == ["Sì."]
    (line,) = report
    assert line.startswith("translation unit 2: skipped, its en segment ") and says in line
    assert report.unstored == {"targets without the inline codes of their source": 1}


def test_a_unit_keeps_the_targets_that_hold_their_sources_codes(tmp_path):
    seg = '<tuv xml:lang="{}"><seg>{}</seg></tuv>'
    link = '<bpt i="1">&lt;a&gt;</bpt>{}<ept i="1">&lt;/a&gt;</ept>'
    unit = (
        f"<tu>{seg.format('it', 'Il ' + link.format('rapporto'))}"
        f"{seg.format('en', 'The report')}{seg.format('fr', 'Le ' + link.format('rapport'))}</tu>"
    )
    path = tmp_path / "cat.tmx"
    path.write_text(_tmx(unit), encoding="utf-8")
    report = ImportReport()
    with TranslationMemory(tmp_path / "m.sqlite") as tm:
        assert import_tmx(tm, path, report=report) == 1
        assert [(e.key.tgt_lang, e.target) for e in _all_entries(tm)] == [
            ("fr", "Le <g1>rapport</g1>")
        ]
    assert report.unstored == {}
    assert [line.split(";")[0] for line in report] == [
        "translation unit 1: its en segment lacks the source's inline codes <g1> </g1>"
    ]


def test_import_tmx_keeps_a_human_entry_newer_than_the_files_other_target(tmp_path):
    """The library call follows `tm import`'s rule: the newer translation wins."""
    key, june = MemoryKey.human("it", "fr"), "2024-06-01T10:00:00Z"
    tmx = tmp_path / "old.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="it" '
        'segtype="sentence" datatype="plaintext" adminlang="en" creationtool="X" '
        'creationtoolversion="1" o-tmf="x"/><body><tu changedate="20230101T000000Z">'
        '<tuv xml:lang="it"><seg>Il governo cade.</seg></tuv><tuv xml:lang="fr"><seg>'
        "Le gouvernement chute.</seg></tuv></tu></body></tmx>",
        encoding="utf-8",
    )
    with TranslationMemory(tmp_path / "mem.sqlite") as tm:
        tm.store_entries([Entry(key, "Il governo cade.", "Le gouvernement tombe.", june, june)])
        assert import_tmx(tm, tmx) == 0
        assert tm.lookup(key, ["Il governo cade."]) == {
            "Il governo cade.": "Le gouvernement tombe."
        }


def _dated_tmx(path, target: str, **dates: str) -> None:
    """A one-unit TMX (it -> fr) whose ``tu`` carries ``dates`` as written."""
    attrs = "".join(f' {name}="{value}"' for name, value in dates.items())
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="it" '
        'segtype="sentence" datatype="plaintext" adminlang="en" creationtool="X" '
        f'creationtoolversion="1" o-tmf="x"/><body><tu{attrs}><tuv xml:lang="it"><seg>'
        f'Il governo cade.</seg></tuv><tuv xml:lang="fr"><seg>{target}</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "future", [{"changedate": "29990101T000000Z"}, {"creationdate": "21000101T000000"}]
)
def test_a_unit_dated_in_the_future_does_not_keep_later_corrections_out(tmp_path, future):
    """A unit dated 2999 was stored as 2999: every later, correct TMX lost to it."""
    key, tmx = MemoryKey.human("it", "fr"), tmp_path / "t.tmx"
    with TranslationMemory(tmp_path / "mem.sqlite") as tm:
        _dated_tmx(tmx, "Le gouvernement chute.", **future)
        assert import_tmx(tm, tmx) == 1
        (stored,) = tm.lookup_entries(key, ["Il governo cade."]).values()
        assert stored.updated < "2999" and stored.created < "2100"
        _dated_tmx(tmx, "Le gouvernement tombe.", changedate="29990101T000001Z")
        assert import_tmx(tm, tmx) == 1
        assert tm.lookup(key, ["Il governo cade."]) == {
            "Il governo cade.": "Le gouvernement tombe."
        }


@pytest.mark.parametrize("bad", ["20241301T000000Z", "20240230T120000Z", "20240101T250000Z"])
def test_a_date_that_is_no_time_is_not_stored(tmp_path, bad):
    """Month 13 or 30 February: the unit counts as undated (dated by its other date)."""
    key, tmx = MemoryKey.human("it", "fr"), tmp_path / "t.tmx"
    _dated_tmx(tmx, "Le gouvernement chute.", creationdate="20240501T000000Z", changedate=bad)
    with TranslationMemory(tmp_path / "mem.sqlite") as tm:
        import_tmx(tm, tmx)
        (stored,) = tm.lookup_entries(key, ["Il governo cade."]).values()
    assert stored.updated == stored.created == "2024-05-01T00:00:00Z"


def test_a_change_dated_before_the_units_creation_is_dated_at_its_creation(tmp_path):
    """An older post-edit of June must not win over a unit created in July."""
    key, tmx = MemoryKey.human("it", "fr"), tmp_path / "t.tmx"
    _dated_tmx(
        tmx,
        "Le gouvernement chute.",
        creationdate="20240701T000000Z",
        changedate="20230101T000000Z",
    )
    june = "2024-06-01T00:00:00Z"
    with TranslationMemory(tmp_path / "mem.sqlite") as tm:
        tm.store_entries([Entry(key, "Il governo cade.", "Le gouvernement tombe.", june, june)])
        assert import_tmx(tm, tmx) == 1
        (stored,) = tm.lookup_entries(key, ["Il governo cade."]).values()
    assert (stored.target, stored.updated) == ("Le gouvernement chute.", "2024-07-01T00:00:00Z")
