"""XLIFF 1.2 (OASIS) export and import, for CAT tools that read no XLIFF 2.

Layout: one ``<file>`` (``original`` = the document JSON, ``datatype="plaintext"``;
the article id in ``product-name``), one ``<group>`` per block, one
``<trans-unit>`` per segment. States on ``<target>``:
``needs-review-translation`` with ``state-qualifier="mt-suggestion"`` for
machine translation, ``signed-off`` (and ``approved="yes"``) for a human
translation (``translated`` with ``state-qualifier="leveraged-tm"`` for one the memory
served, awaiting review in this article), ``final`` plus ``translate="no"`` for page
chrome (locked). QA findings are ``<note from="mtpipe-qa">``; protected spans ``<x/>``, tag pairs
``<g>``; a fuzzy human match is an ``<alt-trans>`` with ``match-quality``.
The SHA-256 of the exported target (see
:func:`pipeline.interchange.units.digest`) is an extension attribute of the
``<trans-unit>`` (``mtpipe:exported-target-sha256``, namespace
:data:`MTPIPE_NS`; XLIFF 1.2 allows non-XLIFF attributes there): import uses it
to tell an edited target from a stale one. On import the translator and date
come from the ``<phase>`` that the target's ``phase-name`` names
(``contact-name``, ``date``), else from the file's phase.

Spec: https://docs.oasis-open.org/xliff/v1.2/os/xliff-core.html
"""

from __future__ import annotations

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
)

NS = "urn:oasis:names:tc:xliff:document:1.2"
MTPIPE_NS = "urn:x-mtpipe:xliff"
EXPORTED = f"{{{MTPIPE_NS}}}exported-target-sha256"
# On the <file>: the target language as exported, apart from target-language, which a
# translator can change (import refuses a file whose target-language names another).
EXPORTED_LANG = f"{{{MTPIPE_NS}}}exported-target-language"
# On the <file>: when mtpipe wrote it (the <phase date> a tool writes is the edit's).
EXPORTED_AT = f"{{{MTPIPE_NS}}}exported-at"
EXPORTED_DOC = f"{{{MTPIPE_NS}}}exported-document"  # the document's absolute path at export
VERSION = "1.2"
SUFFIX = ".xliff"
_STATE = {
    STATE_MT: "needs-review-translation",
    STATE_MEMORY: "translated",  # a human memory entry, not yet signed off in this article
    STATE_HUMAN: "signed-off",
    STATE_LOCKED: "final",
}
_PRIORITY = {"error": "1", "warning": "5", "info": "9"}
_APPROVED = {"signed-off", "final"}


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def write(export: ExportFile) -> bytes:
    """The XLIFF 1.2 document of ``export`` (UTF-8 bytes)."""
    root = etree.Element(_q("xliff"), {"version": VERSION}, nsmap={None: NS, "mtpipe": MTPIPE_NS})
    file = etree.SubElement(
        root,
        _q("file"),
        {
            "original": export.document,
            "source-language": export.src_lang,
            "target-language": export.tgt_lang,
            "datatype": "plaintext",
            "product-name": export.article_id,
            "tool-id": "mtpipe",
            EXPORTED_LANG: export.tgt_lang,
            EXPORTED_AT: export.exported_at,
        },
    )
    if export.document_at:
        file.set(EXPORTED_DOC, export.document_at)
    header = etree.SubElement(file, _q("header"))
    etree.SubElement(header, _q("tool"), {"tool-id": "mtpipe", "tool-name": "mtpipe"})
    for text in export.notes:
        etree.SubElement(header, _q("note"), {"from": "mtpipe"}).text = text
    body = etree.SubElement(file, _q("body"))
    fills: list[tuple[etree._Element, list]] = []
    for group in export.groups:
        g = etree.SubElement(body, _q("group"), {"id": group.id, "restype": f"x-{group.kind}"})
        for unit in group.units:
            fills += _unit(g, unit)
    etree.indent(root, space=" ")
    for element, pieces in fills:
        xmlutil.render(element, pieces, _x, _g)
    return xmlutil.to_bytes(root)


def _unit(group: etree._Element, unit: ExportUnit) -> list[tuple[etree._Element, list]]:
    tu = etree.SubElement(group, _q("trans-unit"), {"id": unit.id, xmlutil.XML_SPACE: "preserve"})
    if not unit.translatable:
        tu.set("translate", "no")
    if unit.state == STATE_HUMAN:
        tu.set("approved", "yes")
    if unit.exported is not None:
        tu.set(EXPORTED, unit.exported)
    fills = []
    source = etree.SubElement(tu, _q("source"))
    fills.append((source, split(unit.source, unit.codes, in_order=True)))
    if unit.target is not None:
        target = etree.SubElement(tu, _q("target"), {"state": _STATE.get(unit.state, "new")})
        if unit.state == STATE_MT:
            target.set("state-qualifier", "mt-suggestion")
        elif unit.state == STATE_MEMORY:
            target.set("state-qualifier", "leveraged-tm")
        fills.append((target, split(unit.target, unit.codes, in_order=False)))
    if unit.match is not None:
        alt = etree.SubElement(
            tu,
            _q("alt-trans"),
            {"match-quality": f"{unit.match.similarity:g}%", "origin": "mtpipe human TM"},
        )
        etree.SubElement(alt, _q("source")).text = unit.match.source
        etree.SubElement(alt, _q("target")).text = unit.match.target
    for n in unit.notes:
        note = etree.SubElement(
            tu, _q("note"), {"from": "mtpipe-qa", "priority": _PRIORITY.get(n.severity, "5")}
        )
        note.text = f"QA {n.severity} ({n.check}): {n.text}"
    for text in unit.translator_notes:  # a reviewer's, kept by an earlier import
        etree.SubElement(tu, _q("note")).text = text
    return fills


def _x(parent: etree._Element, code: Code) -> etree._Element:
    return etree.SubElement(parent, _q("x"), {"id": code.id, "equiv-text": code.text})


def _g(parent: etree._Element, pair: Paired) -> etree._Element:
    return etree.SubElement(parent, _q("g"), {"id": pair.open.id})


# --- import -------------------------------------------------------------------
# <ph id="2">&lt;x2/&gt;</ph>: a CAT tool writing native codes (as <bpt>/<ept> for a <g>)
# may turn the exported <x id="2"/> into a placeholder of the same id: the same code (was:
# refused with the advice to remove it, which lost the text it stands for).
_STANDALONE = frozenset({"x", "ph"})
_PAIRED = frozenset({"g"})
# <bx id="1" rid="1"/> ... <ex rid="1"/>, <bpt id="1">&lt;b></bpt> ... <ept id="1">&lt;/b></ept>
_SPLIT = xmlutil.SplitPair({"bx": "ex", "bpt": "ept"}, "rid", "rid")


def read(path: Path) -> ImportFile:
    """Parse an XLIFF 1.2 file; :class:`InputError` when it is not one or has no single file."""
    root = xmlutil.parse(path)
    if root.tag != _q("xliff"):
        raise InputError(f"{path} is not an XLIFF 1.2 document (root <{xmlutil.local(root.tag)}>)")
    tracked.check_not_a_working_file(path, root, EXPORTED)
    file = xmlutil.one_file(path, root.findall(_q("file")), ("product-name", "original"))
    phases = {p.get("phase-name"): p for p in file.iter(_q("phase")) if p.get("phase-name")}
    target_lang = file.get(EXPORTED_LANG) or file.get("target-language")
    units = [_read_unit(path, tu, phases, target_lang) for tu in file.iter(_q("trans-unit"))]
    last = list(phases.values())[-1] if phases else None
    return ImportFile(
        path=str(path),
        article_id=file.get("product-name"),
        document=file.get("original"),
        src_lang=file.get("source-language"),
        tgt_lang=file.get("target-language"),
        units=units,
        translator=last.get("contact-name") if last is not None else None,
        date=(last.get("date") if last is not None else None) or file.get("date"),
        exported_lang=file.get(EXPORTED_LANG) or None,
        notes=_outer_notes(file),
        exported_at=read_stamp(file.get(EXPORTED_AT)),
        document_at=file.get(EXPORTED_DOC) or None,
    )


def _outer_notes(file: etree._Element) -> tuple[str, ...]:
    """A translator's notes in the ``<header>`` and on the ``<group>`` s (a block), which no
    trans-unit holds (mtpipe's own header notes are ``from="mtpipe"``)."""
    found = []
    header = file.find(_q("header"))
    for holder in (*([header] if header is not None else []), *file.iter(_q("group"))):
        at = f"block {holder.get('id', '')}: " if holder is not header else ""
        for note in holder.iterfind(_q("note")):
            if note.get("from") != "mtpipe" and (text := xmlutil.note_text(note)):
                found.append(at + text)
    return tuple(found)


def _read_unit(
    path: Path, tu: etree._Element, phases: dict, target_lang: str | None = None
) -> ImportUnit:
    """One ``<trans-unit>``; ``target_lang``: the file's, which its target's ``xml:lang``
    must agree with."""
    uid = tu.get("id", "")
    where = f"{path}: trans-unit {uid!r}"
    given = tuple(xmlutil.only(tu, _q(name), where) for name in ("source", "seg-source", "target"))
    if given[0] is None:
        raise InputError(f"{where} has no <source>")
    # Trados's tracked changes accepted (deleted words out, added kept), in copies
    accepted = [tracked.accept_changes(element, where) for element in given]
    (source, _), (seg_source, _), (target, _) = accepted
    if target is not None:
        _check_marked_segments(where, seg_source, target)
        xmlutil.check_target_lang(target, target_lang, where)
    state = target.get("state") if target is not None else None
    phase = phases.get(target.get("phase-name")) if target is not None else None
    return ImportUnit(
        id=uid,
        source=xmlutil.read_pieces(source, where, _STANDALONE, _PAIRED, split=_SPLIT),
        target=xmlutil.read_pieces(target, where, _STANDALONE, _PAIRED, split=_SPLIT)
        if target is not None
        else None,
        approved=tu.get("approved") == "yes" or state in _APPROVED,
        translator=phase.get("contact-name") if phase is not None else None,
        date=phase.get("date") if phase is not None else None,
        exported=tu.get(EXPORTED),
        seg_source=xmlutil.read_pieces(seg_source, where, _STANDALONE, _PAIRED, split=_SPLIT)
        if seg_source is not None
        else None,
        notes=_unit_notes(tu, given),
        revised=any(found for _, found in accepted),
    )


def _unit_notes(tu: etree._Element, texts: tuple) -> tuple[str, ...]:
    """A translator's notes on ``tu``: its ``<note>`` s, mtpipe's QA notes aside (by their
    ``from``, or their text where a tool dropped it), then comments annotating ``texts``
    (its source, segmented source and target) as ``<mrk comment>`` or as Trados's
    ``<mrk mtype="x-sdl-comment">``."""
    notes = [
        text
        for note in tu.iterfind(_q("note"))
        if note.get("from") != "mtpipe-qa"
        and (text := xmlutil.note_text(note))
        and not xmlutil.OWN_QA_NOTE.match(text)
    ]
    notes += xmlutil.comment_annotations(texts, "comment", None)
    notes += tracked.sdl_comments(texts, tu.getroottree().getroot())
    return tuple(dict.fromkeys(notes))


def _marked_segments(element: etree._Element | None) -> dict[str, str]:
    """``mid`` -> text of each ``<mrk mtype="seg">`` (a CAT tool's sentence) in ``element``."""
    if element is None:
        return {}
    return {
        m.get("mid", ""): "".join(m.itertext())
        for m in element.iter(_q("mrk"))
        if m.get("mtype") == "seg"
    }


def _check_marked_segments(
    where: str, seg_source: etree._Element | None, target: etree._Element
) -> None:
    """:class:`InputError` when a tool's segmented target leaves a sentence untranslated.

    Trados and Okapi segment a 1.2 unit in ``<seg-source>`` and the target with
    ``<mrk mtype="seg" mid>``; a target whose other segments are translated and one of
    them empty or missing was imported as the whole paragraph's human translation.
    """
    sources, targets = _marked_segments(seg_source), _marked_segments(target)
    if not any(t.strip() for t in targets.values()):
        return
    for mid, text in sources.items():
        if any(c.isalnum() for c in text) and not targets.get(mid, "").strip():
            raise xmlutil.untranslated_segment(where, f"mid={mid!r}", mid in targets)
