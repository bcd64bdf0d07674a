"""XLIFF 2.1 (OASIS) export and import.

Layout: one ``<file>`` per article (``id`` = article id, ``original`` = the
document JSON), one ``<group>`` per block, one ``<unit>`` per segment holding
one ``<segment>``. States: ``translated`` with ``subState="mtpipe:mt"`` for
machine translation awaiting review, ``translated`` for a human translation the memory
served (awaiting review in this article), ``reviewed`` for a human translation,
``final`` plus ``translate="no"`` for page chrome from the catalogs (locked).
QA findings are unit ``<note>`` s (``category`` = check id, ``priority`` 1 for
errors, 5 warnings, 9 info). Protected spans are ``<ph>``, tag pairs ``<pc>``,
with the exact text in ``<originalData>`` and ``canDelete="no"``. A fuzzy human
match travels in the Translation Candidates module (``mtc:matches``,
``type="tm"``, ``similarity`` in %). The SHA-256 of the exported target (see
:func:`pipeline.interchange.units.digest`) travels in the Metadata module
(``mda:metaGroup category="mtpipe" appliesTo="target"``, ``mda:meta
type="exported-target-sha256"``; ``exported-person`` for the ``its:person``
written with a human target): import uses them to tell an edited target from a
stale one, and its editor from the earlier translator. The exported target language
is recorded the same way on the ``<file>`` (``mda:meta type="exported-target-language"``),
apart from ``trgLang``, which a translator can change: import refuses a file whose
``trgLang`` names another one; so is the time of the export (``type="exported-at"``):
XLIFF 2 carries no date, and import tells an older export from a newer one by it.
Translator on import: ITS ``person`` / ``revPerson`` on the segment, unit, group or
file (XLIFF 2.1 ITS module); an ``its:person`` still as exported on an edited unit is not its
editor (``--translator`` then).

Spec: https://docs.oasis-open.org/xliff/xliff-core/v2.1/xliff-core-v2.1.html
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from lxml import etree

from pipeline.errors import InputError
from pipeline.interchange import tracked, xmlutil
from pipeline.interchange.codes import Code, Paired, split
from pipeline.interchange.units import (
    STATE_HUMAN,
    STATE_LOCKED,
    STATE_MEMORY,
    STATE_MT,
    ExportFile,
    ExportUnit,
    ImportFile,
    ImportUnit,
    read_stamp,
    sentences_spaced,
)

NS = "urn:oasis:names:tc:xliff:document:2.0"
MTC = "urn:oasis:names:tc:xliff:matches:2.0"
ITS = "http://www.w3.org/2005/11/its"
MDA = "urn:oasis:names:tc:xliff:metadata:2.0"
META_GROUP = "mtpipe"
META_EXPORTED = "exported-target-sha256"
META_LANG = "exported-target-language"  # on the <file>: trgLang as exported
META_PERSON = "exported-person"  # the its:person written with a human target
META_DOC = "exported-document"  # on the <file>: the document's absolute path at export
META_AT = "exported-at"  # on the <file>: when mtpipe wrote it (XLIFF 2 has no date)
VERSION = "2.1"
SUFFIX = ".xlf"
_STATE = {
    STATE_MT: "translated",
    STATE_MEMORY: "translated",  # a human memory entry, not yet reviewed in this article
    STATE_HUMAN: "reviewed",
    STATE_LOCKED: "final",
}
_PRIORITY = {"error": "1", "warning": "5", "info": "9"}
_APPROVED = {"reviewed", "final"}


def _q(name: str, ns: str = NS) -> str:
    return f"{{{ns}}}{name}"


def write(export: ExportFile) -> bytes:
    """The XLIFF 2.1 document of ``export`` (UTF-8 bytes)."""
    root = etree.Element(
        _q("xliff"),
        {"version": VERSION, "srcLang": export.src_lang, "trgLang": export.tgt_lang},
        nsmap={None: NS, "mtc": MTC, "mda": MDA, "its": ITS},
    )
    file = etree.SubElement(
        root,
        _q("file"),
        {"id": export.article_id, "original": export.document, "canResegment": "no"},
    )
    meta = etree.SubElement(file, _q("metadata", MDA))  # a module: before <notes>
    group = etree.SubElement(meta, _q("metaGroup", MDA), {"category": META_GROUP})
    etree.SubElement(group, _q("meta", MDA), {"type": META_LANG}).text = export.tgt_lang
    etree.SubElement(group, _q("meta", MDA), {"type": META_AT}).text = export.exported_at
    if export.document_at:
        etree.SubElement(group, _q("meta", MDA), {"type": META_DOC}).text = export.document_at
    if export.notes:
        notes = etree.SubElement(file, _q("notes"))
        for text in export.notes:
            etree.SubElement(notes, _q("note"), {"category": "mtpipe"}).text = text
    fills: list[tuple[etree._Element, list]] = []
    for group in export.groups:
        g = etree.SubElement(file, _q("group"), {"id": group.id, "type": f"mtpipe:{group.kind}"})
        for unit in group.units:
            fills += _unit(g, unit)
    etree.indent(root, space=" ")
    for element, pieces in fills:
        xmlutil.render(element, pieces, _ph, _pc)
    return xmlutil.to_bytes(root)


def _unit(group: etree._Element, unit: ExportUnit) -> list[tuple[etree._Element, list]]:
    u = etree.SubElement(group, _q("unit"), {"id": unit.id})
    if not unit.translatable:
        u.set("translate", "no")
    if unit.state in (STATE_HUMAN, STATE_MEMORY) and unit.translator:
        u.set(_q("person", ITS), unit.translator)
    fills = []
    _match(u, unit)
    _metadata(u, unit)
    _notes(u, unit)
    if unit.codes:
        original = etree.SubElement(u, _q("originalData"))
        for code in unit.codes:
            etree.SubElement(original, _q("data"), {"id": f"d{code.id}"}).text = code.text
    seg = etree.SubElement(u, _q("segment"), {"id": "s1"})
    if unit.target is not None:
        seg.set("state", _STATE.get(unit.state, "initial"))
        if unit.state == STATE_MT:
            seg.set("subState", "mtpipe:mt")
    source = etree.SubElement(seg, _q("source"), {xmlutil.XML_SPACE: "preserve"})
    fills.append((source, split(unit.source, unit.codes, in_order=True)))
    if unit.target is not None:
        target = etree.SubElement(seg, _q("target"), {xmlutil.XML_SPACE: "preserve"})
        fills.append((target, split(unit.target, unit.codes, in_order=False)))
    return fills


def _match(u: etree._Element, unit: ExportUnit) -> None:
    """The fuzzy human match as a translation candidate (first in the unit: a module)."""
    if unit.match is None:
        return
    matches = etree.SubElement(u, _q("matches", MTC))
    attrs = {
        "ref": "#s1",
        "type": "tm",
        "origin": "mtpipe human TM",
        "similarity": f"{unit.match.similarity:g}",
    }
    m = etree.SubElement(matches, _q("match", MTC), attrs)
    etree.SubElement(m, _q("source")).text = unit.match.source
    etree.SubElement(m, _q("target")).text = unit.match.target


def _metadata(u: etree._Element, unit: ExportUnit) -> None:
    """The exported target's digest (a module: before ``<notes>``, after the matches)."""
    if unit.exported is None:
        return
    meta = etree.SubElement(u, _q("metadata", MDA))
    group = etree.SubElement(
        meta, _q("metaGroup", MDA), {"category": META_GROUP, "appliesTo": "target"}
    )
    etree.SubElement(group, _q("meta", MDA), {"type": META_EXPORTED}).text = unit.exported
    if u.get(_q("person", ITS)):
        etree.SubElement(group, _q("meta", MDA), {"type": META_PERSON}).text = unit.translator


def _recorded(unit: etree._Element) -> dict[str, str]:
    """What :func:`_metadata` recorded on ``unit`` (meta type -> text); empty when absent."""
    found: dict[str, str] = {}
    for group in unit.iterfind(f"{_q('metadata', MDA)}/{_q('metaGroup', MDA)}"):
        if group.get("category") == META_GROUP:
            for meta in group.iterfind(_q("meta", MDA)):
                found.setdefault(meta.get("type") or "", (meta.text or "").strip())
    return found


def _notes(u: etree._Element, unit: ExportUnit) -> None:
    """QA findings as notes (``category`` the check), then a reviewer's notes an earlier
    import kept in the document, as they were (no category: read back as theirs)."""
    if not unit.notes and not unit.translator_notes:
        return
    notes = etree.SubElement(u, _q("notes"))
    for n in unit.notes:
        attrs = {"category": n.check, "priority": _PRIORITY.get(n.severity, "5")}
        etree.SubElement(notes, _q("note"), attrs).text = f"QA {n.severity}: {n.text}"
    for text in unit.translator_notes:
        etree.SubElement(notes, _q("note")).text = text


def _ph(parent: etree._Element, code: Code) -> etree._Element:
    return etree.SubElement(
        parent,
        _q("ph"),
        {"id": code.id, "dataRef": f"d{code.id}", "canDelete": "no", "canCopy": "no"},
    )


def _pc(parent: etree._Element, pair: Paired) -> etree._Element:
    return etree.SubElement(
        parent,
        _q("pc"),
        {
            "id": pair.open.id,
            "dataRefStart": f"d{pair.open.id}",
            "dataRefEnd": f"d{pair.close.id}",
            "canDelete": "no",
            "canCopy": "no",
            "canOverlap": "no",
        },
    )


# --- import -------------------------------------------------------------------
_STANDALONE = frozenset({"ph"})
_PAIRED = frozenset({"pc"})
_SPLIT = xmlutil.SplitPair({"sc": "ec"}, "id", "startRef")  # <sc id="1"/> ... <ec startRef="1"/>


def read(path: Path) -> ImportFile:
    """Parse an XLIFF 2.x file; :class:`InputError` when it is not one or has no single file."""
    root = xmlutil.parse(path)
    if root.tag != _q("xliff") or not (root.get("version") or "").startswith("2."):
        raise InputError(f"{path} is not an XLIFF 2 document (root <{xmlutil.local(root.tag)}>)")
    file = xmlutil.one_file(path, root.findall(_q("file")), ("id", "original"))
    recorded = _recorded(file)
    exported_lang = recorded.get(META_LANG) or None
    spaced = sentences_spaced(exported_lang or root.get("trgLang"))
    target_lang = exported_lang or root.get("trgLang")
    units = [_read_unit(path, u, spaced, target_lang) for u in file.iter(_q("unit"))]
    return ImportFile(
        path=str(path),
        article_id=file.get("id"),
        document=file.get("original"),
        src_lang=root.get("srcLang"),
        tgt_lang=root.get("trgLang"),
        units=units,
        exported_lang=exported_lang,
        notes=_outer_notes(file),
        exported_at=read_stamp(recorded.get(META_AT)),
        document_at=recorded.get(META_DOC) or None,
    )


def _outer_notes(file: etree._Element) -> tuple[str, ...]:
    """A translator's notes on the ``<file>`` and on its ``<group>`` s (a block), which no
    unit holds (mtpipe's own file notes are ``category="mtpipe"``)."""
    found = []
    for holder in (file, *file.iter(_q("group"))):
        at = f"block {holder.get('id', '')}: " if holder is not file else ""
        for note in holder.iterfind(f"{_q('notes')}/{_q('note')}"):
            if note.get("category") != "mtpipe" and (text := xmlutil.note_text(note)):
                found.append(at + text)
    return tuple(found)


def _read_unit(
    path: Path, unit: etree._Element, spaced: bool = True, target_lang: str | None = None
) -> ImportUnit:
    """One ``<unit>``; ``spaced``: its target language puts a space between sentences
    (:func:`pipeline.interchange.units.sentences_spaced`), for a resegmented target;
    ``target_lang``: the file's, which a target's ``xml:lang`` must agree with."""
    uid = unit.get("id", "")
    where = f"{path}: unit {uid!r}"
    parts = [p for p in unit if xmlutil.local(p.tag) in ("segment", "ignorable")]
    for part in parts:
        xmlutil.check_target_lang(part.find(_q("target")), target_lang, where)
    sources = [_pieces(xmlutil.only(p, _q("source"), where), where) for p in parts]
    targets = [_pieces(xmlutil.only(p, _q("target"), where), where) for p in parts]
    segments = [p for p in parts if xmlutil.local(p.tag) == "segment"]
    recorded = _recorded(unit)
    return ImportUnit(
        id=uid,
        source=xmlutil.fold_pieces(_joined(sources), where),
        target=_unit_target(where, parts, sources, targets, spaced),
        approved=bool(segments) and all(p.get("state") in _APPROVED for p in segments),
        translator=_inherited(unit, _q("revPerson", ITS)) or _inherited(unit, _q("person", ITS)),
        exported=recorded.get(META_EXPORTED) or None,
        exported_translator=recorded.get(META_PERSON) or None,
        notes=_unit_notes(unit, parts),
    )


def _unit_notes(unit: etree._Element, parts: list[etree._Element]) -> tuple[str, ...]:
    """A translator's notes on ``unit``: ``<note>`` s on it or its segments
    (translate-toolkit writes them there), mtpipe's QA notes aside (a translator's
    "QA team: check the name" is theirs), then comments annotating its text."""
    notes = [
        text
        for note in unit.iter(_q("note"))
        if _in_core(note, unit)
        and (text := xmlutil.note_text(note))
        and not xmlutil.OWN_QA_NOTE.match(text)
    ]
    held = [p.find(_q(side)) for p in parts for side in ("source", "target")]
    notes += xmlutil.comment_annotations(held, "value", "comment")
    return tuple(dict.fromkeys(notes))


def _in_core(element: etree._Element, unit: etree._Element) -> bool:
    """Whether ``element`` is XLIFF core content of ``unit``: no module element (a
    Change Tracking ``<ctr:item>`` holding an earlier note) stands between them."""
    for node in element.iterancestors():
        if node is unit:
            return True
        if not str(node.tag).startswith(f"{{{NS}}}"):
            return False
    return False


def _pieces(element: etree._Element | None, where: str) -> list | None:
    """A source or target's pieces, split pairs left apart (one may span segments)."""
    if element is None:
        return None
    tracked.check_xliff2(element, where)
    return xmlutil.read_pieces(element, where, _STANDALONE, _PAIRED, split=_SPLIT, fold=False)


def _unit_target(
    where: str, parts: list[etree._Element], sources: list, targets: list, spaced: bool = True
) -> list | None:
    """The unit's target: its segments' and ignorables' targets in order, or ``None``.

    A CAT tool may resegment a unit (one ``<segment>`` per sentence, the spaces between
    in ``<ignorable>``): an ignorable without a target stands for its source (spaces
    between sentences are not translated), and so does a segment whose source has no
    letters or digits. A segment with words and no target (or an empty one) while
    another is translated is half a paragraph untranslated: refused, never imported as
    the whole translation. The space the source has between two parts is kept between
    their targets ("Prague" + "recule", not "Praguerecule") when the target language
    spaces its sentences (``spaced``; Japanese and Chinese do not: "。" then the next).
    """
    if all(t is None for t in targets):
        return None
    translated = sum(_has_text(t) for t in targets)
    chosen: list[list] = []
    for part, src, tgt in zip(parts, sources, targets, strict=True):
        segment = xmlutil.local(part.tag) == "segment"
        if translated and segment and _has_words(src) and not _has_text(tgt):
            raise xmlutil.untranslated_segment(where, repr(part.get("id", "")), tgt is not None)
        blank = tgt is None and all(isinstance(p, str) and not p.strip() for p in src or [])
        chosen.append([] if blank else (tgt if tgt is not None else list(src or [])))
    last = None  # the previous part with a target of its own, and whether space followed it
    for i, pieces in enumerate(chosen):
        if not pieces:
            continue
        if last is not None and _needs_space(chosen[last], pieces, spaced=spaced):
            between = sources[last : i + 1]
            if _spaced(between[0], between[-1]) or any(not _has_text(s) for s in between[1:-1]):
                chosen[i] = [" ", *pieces]
        last = i
    return xmlutil.fold_pieces(_joined(chosen), where)


def _needs_space(before: list, after: list, *, spaced: bool) -> bool:
    """Whether two parts' targets need a space between them (the source's then decides):
    none at either edge, and, in a language that writes no space between sentences
    (``spaced`` False), both edge characters narrow (UAX #11: Latin words, digits) as in
    "Nikkei" + "Index"; "。" then the next sentence, or an ideograph, takes none."""
    if _spaced(before, after):
        return False
    if spaced:
        return True
    end, start = before[-1], after[0]
    if not (isinstance(end, str) and isinstance(start, str) and end and start):
        return False  # a code at the junction: its text is unknown here
    return all(unicodedata.east_asian_width(c) not in ("W", "F") for c in (end[-1], start[0]))


def _joined(lists: list) -> list:
    return [piece for pieces in lists if pieces for piece in pieces]


def _has_words(pieces: list | None) -> bool:
    return any(isinstance(p, str) and any(c.isalnum() for c in p) for p in pieces or [])


def _has_text(pieces: list | None) -> bool:
    return any(not isinstance(p, str) or p.strip() for p in pieces or [])


def _spaced(before: list | None, after: list | None) -> bool:
    """Whether whitespace stands where ``before`` ends and ``after`` begins."""
    end = before[-1] if before else None
    start = after[0] if after else None
    return (isinstance(end, str) and end[-1:].isspace()) or (
        isinstance(start, str) and start[:1].isspace()
    )


def _inherited(element: etree._Element, attribute: str) -> str | None:
    """The nearest value of ``attribute`` on the element or its ancestors."""
    for node in (element, *element.iterancestors()):
        if (value := node.get(attribute)) is not None:
            return value
    return None
