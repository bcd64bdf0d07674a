"""TMX 1.4 interchange for the translation memory, so CAT tools and other memories interoperate.

Export writes one ``<tu>`` per entry with its origin as ``<prop type="x-origin">``
(``human`` or ``mt``), the translator of a human entry as ``creationid`` and the
entry's times as ``creationdate``/``changedate``; what TMX has no place for travels
as ``<prop type="x-mtpipe-...">``: the MT key fields, each of the entry's notes
(``x-mtpipe-note``, in order: an MT output's placeholder repairs) and a time TMX's
date format cannot hold. So export followed by import is lossless: every field of
every entry comes back. Units from other tools (no such props) are human translations by
default, stored under the language pair only and preferred over MT by
``translate``; ``origin="mt"`` with a model id stores them as an MT memory.

Inline codes: a memory entry keeps a segment's text with mtpipe's inline markers
(``<g1>``...``</g1>`` around words, ``<x2/>`` standalone, :mod:`pipeline.markup`). Export
writes them as TMX 1.4b inline codes, found by
:func:`~pipeline.interchange.codes.marker_codes` as XLIFF export finds its codes: a pair as
``<bpt i="N" x="N">`` ... ``<ept i="N">``, a standalone marker as ``<ph x="N">`` (``N`` the
marker's number), a marker whose partner the text lacks as ``<it>``, each holding the marker
itself as its native code. Import maps ``<bpt>``/``<ept>`` pairs, ``<ph>``, ``<it>`` and
``<ut>`` back to markers: native codes that are mtpipe markers are kept as they are (so
export then import gives the same entries); other tools' codes (``&lt;b&gt;``, ``{1}``, RTF)
are numbered ``1, 2, ...`` in source order, each pair of a target taking the number of the
source pair with its ``x`` (else ``i``), each standalone code that of the source code with
its ``x`` (else the one in its place), so a unit of a CAT tool matches the document segment
that has the same markup. ``<hi>`` keeps its text; ``<sub>`` text is part of its code. A
unit with another element in a ``<seg>`` is skipped and reported.

Language tags: a ``<tuv xml:lang>`` must be a BCP 47 tag (TMX 1.4b names RFC 3066, which
BCP 47 replaced). Tags are case-insensitive (``EN-us`` is ``en-US``) and ``fr_FR``, the
POSIX spelling some tools write, is read as ``fr-FR``; a variant whose tag is no language
(``english``, ``../x``, empty) is not stored and reported, so a unit whose source variant
it is is skipped as one without a source variant is.
"""

from __future__ import annotations

import dataclasses
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from pipeline import __version__
from pipeline.atomic import atomic_open
from pipeline.document import NOISE_NOTE
from pipeline.errors import InputError, OutputError, UsageError
from pipeline.interchange.codes import (
    Code,
    Paired,
    Piece,
    html_reference,
    marker_codes,
    nest,
    split,
)
from pipeline.markup import MARKER
from pipeline.memory.store import (
    MEMORY_ORIGINS,
    ORIGIN_HUMAN,
    ORIGIN_MT,
    Entry,
    MemoryKey,
    TranslationMemory,
    lost_markup,
    new_memory_removed_on_error,
    normalise_source,
    utc_now,
)
from pipeline.models.local import TINY_MODEL_PREFIX

TMX_VERSION = "1.4"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ALL_LANGS = "*all*"
ORIGIN_PROP = "x-origin"
# Key fields that TMX itself has no attribute for.
PROPS = {
    "model_id": "x-mtpipe-model",
    "revision": "x-mtpipe-revision",
    "decoding": "x-mtpipe-decoding",
}
_PROP_FIELDS = {prop_type: field for field, prop_type in PROPS.items()}
# An entry's notes (an MT output's placeholder repairs, a post-edit's), one prop each, in order.
NOTE_PROP = "x-mtpipe-note"
# An entry time TMX's date format cannot hold (not second-precision UTC) travels as it is.
DATE_PROPS = {"created": "x-mtpipe-created", "updated": "x-mtpipe-updated"}
# Memory times are ISO 8601 UTC (2024-05-01T12:00:00Z); TMX writes them 20240501T120000Z.
_ISO = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)Z")
_TMX_DATE = re.compile(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z")
# What other tools write instead: ISO 8601 with separators, or no Z (still meant as UTC).
_LOOSE_DATE = re.compile(r"(\d{4})-?(\d\d)-?(\d\d)T(\d\d):?(\d\d):?(\d\d)(?:\.\d+)?Z?")
_BATCH = 5000  # entries per import transaction, so concurrent writers are not starved
# Characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, surrogates, U+FFFE/F).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# --- export ------------------------------------------------------------------
def export_tmx(
    memory: TranslationMemory,
    path: str | Path,
    *,
    key: MemoryKey | None = None,
    model_id: str | None = None,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
) -> int:
    """Write the memory (or the entries matching the filters) as TMX 1.4; return the entry count.

    The file appears whole or not at all (temp file + ``os.replace``).
    """
    path = Path(path)
    wanted = {"model_id": model_id, "src_lang": src_lang, "tgt_lang": tgt_lang}
    keys = [
        k
        for k in memory.stored_keys()
        if (key is None or k == key)
        and all(v is None or getattr(k, f) == v for f, v in wanted.items())
    ]
    src_langs = {k.src_lang for k in keys}
    header = ET.Element(
        "header",
        {
            "creationtool": "mtpipe",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "mtpipe-sqlite",
            "adminlang": "en",
            "srclang": src_langs.pop() if len(src_langs) == 1 else ALL_LANGS,
            "datatype": "plaintext",
            "creationdate": _tmx_date(utc_now()),
        },
    )
    for k in keys:
        _check_xml(path, f"the memory key {k}", *astuple(k))
    count = 0
    with atomic_open(path, "w", newline="") as out:  # a write error: OutputError, worded
        out.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="{TMX_VERSION}">\n')
        out.write(f"  {_xml(header)}\n  <body>\n")
        for k in keys:
            for entry in memory.entries(k):
                out.write(f"    {_xml(_tu(entry, path))}\n")
                count += 1
        out.write("  </body>\n</tmx>\n")
    return count


def _tu(entry: Entry, path: Path) -> ET.Element:
    key = entry.key
    what = f"the memory entry {entry.source[:60]!r} ({key.model_id}, {key.src_lang}-{key.tgt_lang})"
    _check_xml(path, what, entry.source, entry.target)
    _check_xml(path, what, entry.creator or "", *entry.notes)
    attrs = {"srclang": key.src_lang}
    creator = entry.creator if key.is_human else key.model_id
    if creator:
        attrs["creationid"] = creator
    odd_dates = {}
    for field, attr in (("created", "creationdate"), ("updated", "changedate")):
        value = getattr(entry, field)
        if date := _tmx_date(value):
            attrs[attr] = date
        else:
            odd_dates[DATE_PROPS[field]] = value
    tu = ET.Element("tu", attrs)
    ET.SubElement(tu, "prop", {"type": ORIGIN_PROP}).text = key.origin
    if not key.is_human:
        for field, prop_type in PROPS.items():
            ET.SubElement(tu, "prop", {"type": prop_type}).text = getattr(key, field)
    for prop_type, value in odd_dates.items():
        ET.SubElement(tu, "prop", {"type": prop_type}).text = value
    for note in entry.notes:
        ET.SubElement(tu, "prop", {"type": NOTE_PROP}).text = note
    if not key.is_human and key.model_id.startswith(TINY_MODEL_PREFIX):
        ET.SubElement(tu, "note").text = NOISE_NOTE
    segs = [
        ET.SubElement(ET.SubElement(tu, "tuv", {XML_LANG: lang}), "seg")
        for lang in (key.src_lang, key.tgt_lang)
    ]
    ET.indent(tu, space="  ", level=2)  # before the codes go in: a seg's text is kept as it is
    codes = marker_codes(entry.source)
    numbers = _tmx_numbers(codes)
    _fill_seg(segs[0], split(entry.source, codes, in_order=True), numbers)
    _fill_seg(segs[1], split(entry.target, codes, in_order=False), numbers)
    return tu


def _tmx_numbers(codes: list[Code]) -> dict[str, str]:
    """The ``i``/``x`` of each code: its marker's number (``<g2>`` -> 2), so the TMX reads
    as the segment does; the code ids when two markers share a number (a broken text)."""
    numbers = {}
    for code in codes:
        match = MARKER.fullmatch(code.text)
        numbers[code.id] = (match.group(2) or match.group(3)) if match else code.id
    distinct = [numbers[c.id] for c in codes if c.role != "close"]
    return numbers if len(set(distinct)) == len(distinct) else {c.id: c.id for c in codes}


def _fill_seg(seg: ET.Element, pieces: list[Piece], numbers: dict[str, str]) -> None:
    """Write text and inline codes into ``seg``: a pair as ``<bpt>``...``<ept>`` (one ``i``),
    a standalone code as ``<ph>``, an unpaired tag as ``<it>``; ``numbers`` gives ``i``/``x``."""
    last: ET.Element | None = None
    for item in _flat(pieces, numbers):
        if isinstance(item, str):
            if last is None:
                seg.text = (seg.text or "") + item
            else:
                last.tail = (last.tail or "") + item
            continue
        name, attrs, native = item
        last = ET.SubElement(seg, name, attrs)
        last.text = native


def _flat(
    pieces: list[Piece], numbers: dict[str, str]
) -> Iterator[str | tuple[str, dict[str, str], str]]:
    for piece in pieces:
        if isinstance(piece, str):
            yield piece
        elif isinstance(piece, Paired):
            n = numbers[piece.open.id]
            yield "bpt", {"i": n, "x": n}, piece.open.text
            yield from _flat(piece.children, numbers)
            yield "ept", {"i": n}, piece.close.text
        elif piece.role == "ph":
            yield "ph", {"x": numbers[piece.id]}, piece.text
        else:  # a tag whose partner this text lacks
            pos = "begin" if piece.role == "open" else "end"
            yield "it", {"pos": pos, "x": numbers[piece.id]}, piece.text


def _xml(element: ET.Element) -> str:
    # A raw CR in text would come back as LF (XML end-of-line handling); a
    # character reference survives. Attributes already escape it.
    return ET.tostring(element, encoding="unicode").replace("\r", "&#13;")


def _xml_error(path: Path, exc: ET.ParseError) -> InputError:
    """The parser's reason, in words: expat's entity-expansion guard is not a syntax error;
    a file of another format (a CSV table, a spreadsheet, a Trados memory) said as such, but
    a post-editing file keeps its own advice (give it to ``mtpipe import``)."""
    if not _exchange(path) and (other := _other_format(path)) is not None:
        return other
    line, column = exc.position
    reason = str(exc).split(":", 1)[0]
    what = "not well-formed XML"
    if "amplification" in reason:
        what = "entities that expand past the XML parser's limit (an entity bomb)"
    elif "undefined entity" in reason or "external entity" in reason:
        what = "an entity the file does not define (mtpipe reads no DTD or external entity)"
    return _bad(path, f"{what} at line {line}, column {column} ({reason}){_exchange(path)}")


# What tm import reads, and how to get it, for a file of another format.
_TMX_FIX = (
    "tm import reads TMX 1.4 (.tmx): export the memory as TMX from the tool that made it "
    "(CAT tools such as Trados, memoQ, OmegaT and Phrase do)"
)
_TABLE_FIX = (
    f"{_TMX_FIX}, or convert the table (one column per language, a header row naming them) "
    "to TMX, with Okapi Rainbow's format conversion for instance"
)
_TERMS_FIX = (
    "tm import reads TMX 1.4 translation memories; a term list belongs in the glossary "
    "(configs/glossary.toml, see `mtpipe glossary check`)"
)
# Leading bytes of formats a memory is often exported in, with what they are and the fix.
_MAGIC = (
    (b"SQLite format 3\x00", "an SQLite database (a Trados .sdltm or an mtpipe memory)",
     f"{_TMX_FIX}; an mtpipe memory is used as it is, with --memory"),
    (b"PK\x03\x04", "a ZIP archive (a spreadsheet such as .xlsx, or a packed project)",
     f"{_TABLE_FIX}; save a spreadsheet as CSV first"),
    (b"\xd0\xcf\x11\xe0", "an Excel .xls workbook", _TABLE_FIX),
    (b"%PDF", "a PDF document", _TMX_FIX),
)  # fmt: skip


def _other_format(path: Path) -> InputError | None:
    """The error for a file that is no XML at all but a known other format, by its first
    bytes and name: a CSV term list was "not well-formed XML at line 1, column 0", which
    named neither the cause nor the fix. None when it looks like (broken) XML."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError:
        return None
    for magic, what, fix in _MAGIC:
        if head.startswith(magic):
            return _not_tmx(path, what, fix)
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if not text or text.startswith("<"):  # empty, or broken XML: the parser's reason says it
        return None
    first = text.splitlines()[0] if text else ""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt", ".tab") or "\t" in first or "," in first or ";" in first:
        kind = "TSV" if "\t" in first or suffix == ".tsv" else "CSV"
        return _not_tmx(path, f"a {kind} table", _TABLE_FIX)
    if text.startswith(("{", "[")):
        return _not_tmx(path, "a JSON file", _TMX_FIX)
    return _not_tmx(path, "a text file, not XML", _TMX_FIX)


def _not_tmx(path: Path, what: str, fix: str) -> InputError:
    return InputError(f"{path} is {what}, not a TMX file: {fix}")


def _exchange(path: Path) -> str:
    """What to do with a post-editing file given to ``tm import`` ("" for anything else).

    A translator's edited XLIFF or PO holds human translations too, but of one document:
    ``mtpipe import`` stores them in the memory beside it and in the document's outputs.
    """
    from pipeline.interchange import sniff_format

    try:
        fmt = sniff_format(path)
    except InputError:
        return ""
    return f"; it is a post-editing file ({fmt.title}): give it to `mtpipe import`"


def _check_xml(path: Path, what: str, *texts: str) -> None:
    for text in texts:
        if bad := _NOT_XML.search(text):
            raise OutputError(
                f"cannot export {path}: {what} holds U+{ord(bad.group()):04X}, which XML "
                "cannot carry; fix or delete that entry and export again"
            )


def _tmx_date(iso: str) -> str | None:
    match = _ISO.fullmatch(iso)
    return "{}{}{}T{}{}{}Z".format(*match.groups()) if match else None


# --- import ------------------------------------------------------------------
@dataclass(frozen=True)
class Foreign:
    """How to store units from other tools (no mtpipe props): human, or MT of a given model.

    Raises :class:`UsageError` for an unknown origin, MT without a model id, or
    human units given MT key fields.
    """

    origin: str = ORIGIN_HUMAN
    model_id: str = ""
    revision: str = ""
    decoding: str = ""

    def __post_init__(self) -> None:
        if self.origin not in MEMORY_ORIGINS:
            raise UsageError(f"unknown TMX origin {self.origin!r}; use human or mt")
        if self.origin == ORIGIN_MT and not self.model_id:
            raise UsageError("an MT memory import needs the model id of its units (--model)")
        if self.origin == ORIGIN_HUMAN and (self.model_id or self.revision or self.decoding):
            raise UsageError(
                "--model, --revision and --decoding describe MT units; add --origin mt"
            )


def import_tmx(
    memory: TranslationMemory,
    path: str | Path,
    *,
    foreign: Foreign = Foreign(),
    src_lang: str | None = None,
    keep_region: bool = False,
    report: list[str] | None = None,
) -> int:
    """Store every translation in a TMX file; return how many entries were stored.

    A unit's origin and key fields come from its ``x-origin`` and ``x-mtpipe-*``
    props; units without them (from other tools) are stored as ``foreign`` says:
    human entries by default (keyed by language pair only, ``creationid`` as the
    translator) or MT entries of the model it names. For such units language
    tags are cut to their primary subtag (``en-GB`` -> ``en``, as the pipeline
    keys languages) unless ``keep_region``. The whole file is checked before
    anything is stored; skipped units are described in ``report`` when given.
    """
    entries = read_foreign_tmx(
        path, foreign=foreign, src_lang=src_lang, keep_region=keep_region, report=report
    )
    return store_read(memory, newer_than_stored(memory, entries, report))


def read_foreign_tmx(
    path: str | Path,
    *,
    foreign: Foreign = Foreign(),
    src_lang: str | None = None,
    keep_region: bool = False,
    report: list[str] | None = None,
) -> list[Entry]:
    """The entries :func:`import_tmx` would store, read without a memory.

    ``mtpipe tm import`` reads the whole file before it opens (or creates) the memory:
    a broken TMX then never touches it, and a memory another import created meanwhile
    is never taken for one this command made and removed on its error.
    """
    defaults = {f.name: getattr(foreign, f.name) for f in fields(foreign)}
    return read_tmx(path, defaults, src_lang=src_lang, keep_region=keep_region, report=report)


def import_tmx_file(
    memory_path: str | Path,
    path: str | Path,
    *,
    foreign: Foreign = Foreign(),
    src_lang: str | None = None,
    keep_region: bool = False,
    report: list[str] | None = None,
) -> tuple[int, int]:
    """``mtpipe tm import``: store a TMX file's entries in the memory at ``memory_path``,
    creating it when there is none; returns (entries stored, entries in the memory now).

    The order keeps concurrent imports safe. A memory that exists is opened first (a
    read-only, damaged or newer one is named before a long read). A new one is created
    only once the whole file is read and checked (:func:`read_foreign_tmx`), so a broken
    file never creates it, nor removes one another import created meanwhile; and if
    storing fails, a memory this call created is removed only while it holds no entry
    and no other connection has it open
    (:func:`pipeline.memory.store.new_memory_removed_on_error`).
    """
    memory_path = Path(memory_path)
    memory = TranslationMemory(memory_path) if memory_path.exists() else None
    try:
        entries = read_foreign_tmx(
            path, foreign=foreign, src_lang=src_lang, keep_region=keep_region, report=report
        )
        if isinstance(report, ImportReport):
            for entry in entries:
                pair = f"{entry.key.src_lang}-{entry.key.tgt_lang}"
                report.pairs[pair] = report.pairs.get(pair, 0) + 1
        with new_memory_removed_on_error(memory_path):
            memory = memory or TranslationMemory(memory_path)
            try:
                count = store_read(memory, newer_than_stored(memory, entries, report))
                total = len(memory)
            except BaseException:
                memory.close()  # an open connection keeps a new memory from being removed
                raise
    finally:
        if memory is not None:
            memory.close()
    return count, total


def newer_than_stored(
    memory: TranslationMemory, entries: list[Entry], report: list[str] | None = None
) -> list[Entry]:
    """``entries`` less the human ones the memory holds a newer, different translation of.

    A TMX import replaced a translator's post-edit (a human entry) with the file's
    different target without a word, even from a TMX older than the edit. The rule: the
    newer translation wins, by the TMX unit's ``changedate`` (else ``creationdate``)
    against the entry's last change; equal dates, or a date either lacks (an undated
    TMX unit is dated by the import, now), let the TMX's win, as before. An
    :class:`ImportReport` gets both kinds, ``(old entry, TMX entry)``: ``replaced``
    (stored entries the file replaced) and ``kept_newer`` (the file's, not stored).
    """
    human: dict[MemoryKey, list[str]] = {}
    for entry in entries:
        if entry.key.is_human:
            human.setdefault(entry.key, []).append(entry.source)
    stored = {key: memory.lookup_entries(key, sources) for key, sources in human.items()}
    kept: list[Entry] = []
    for entry in entries:
        old = stored.get(entry.key, {}).get(entry.source)
        if old is None or old.target == entry.target:
            kept.append(entry)
            continue
        newer = _later(old.updated, entry.updated)
        if isinstance(report, ImportReport):
            (report.kept_newer if newer else report.replaced).append((old, entry))
        if not newer:
            kept.append(entry)
    return kept


def _later(stored: str, imported: str) -> bool:
    """Whether the time ``stored`` is strictly after ``imported`` (ISO 8601); False when
    either is no time: an unknown date does not keep the memory's translation."""
    from datetime import UTC, datetime

    try:
        when = [datetime.fromisoformat(t.replace("Z", "+00:00")) for t in (stored, imported)]
        when = [t if t.tzinfo else t.replace(tzinfo=UTC) for t in when]
    except (ValueError, AttributeError):
        return False
    return when[0] > when[1]


def store_read(memory: TranslationMemory, entries: list[Entry]) -> int:
    """Store entries read from a TMX file, one commit per batch; return how many."""
    for start in range(0, len(entries), _BATCH):
        memory.store_entries(entries[start : start + _BATCH])
    return len(entries)


def read_tmx(
    path: str | Path,
    defaults: dict[str, str],
    *,
    src_lang: str | None = None,
    keep_region: bool = False,
    report: list[str] | None = None,
) -> list[Entry]:
    """Parse a TMX file into entries, rejecting malformed files with :class:`InputError`."""
    path = Path(path)
    notes = report if report is not None else []
    header_src: str | None = None
    entries: list[Entry] = []
    try:
        _check_encoding(path)
        events = ET.iterparse(path, events=("start", "end"))
        _, root = next(events)
        if _local(root.tag) != "tmx":
            if _local(root.tag) in ("martif", "tbx"):
                raise _not_tmx(path, "a TBX termbase", _TERMS_FIX)
            raise _bad(
                path, f"the root element is <{_local(root.tag)}>, not <tmx>{_exchange(path)}"
            )
        number = 0
        body: ET.Element | None = None
        first: dict[tuple[MemoryKey, str], tuple[int, str]] = {}  # an entry's unit, target
        for event, element in events:
            tag = _local(element.tag)
            if event == "start" and tag == "header":
                header_src = element.get("srclang")
            elif event == "start" and tag == "body":
                body = element
            elif event == "end" and tag == "tu":
                number += 1
                declared = (element.get("srclang"), src_lang, header_src)
                unit_src = next((lang for lang in declared if lang and lang != ALL_LANGS), None)
                _check_srclang(path, number, unit_src, element.get("srclang"))
                found = _unit(path, number, element, unit_src, defaults, keep_region, notes)
                _note_repeats(first, number, found, notes)
                entries.extend(found)
                (body if body is not None else element).clear()  # flat memory on big files
        if body is None:
            raise _bad(path, "it has no <body>")
    except ET.ParseError as exc:
        raise _xml_error(path, exc) from None
    except StopIteration:
        raise _bad(path, "the file is empty") from None
    except OSError as exc:
        raise InputError(f"cannot read TMX file {path}: {exc.strerror or exc}") from None
    return entries


def _check_srclang(path: Path, number: int, unit_src: str | None, own: str | None) -> None:
    """Refuse a ``srclang`` that is no language tag (``english``): every unit would be
    skipped as one without that variant, one line each. ``own``: the unit's srclang."""
    if unit_src is None or is_language_tag(unit_src.strip()):
        return
    where = f"translation unit {number}'s" if unit_src == own else "the <header>'s"
    raise _bad(
        path,
        f"{where} srclang {unit_src!r} is no language tag (BCP 47, such as it or en-GB); "
        "put the source language's tag there (or pass --src-lang for the header's)",
    )


def _check_encoding(path: Path) -> None:
    """What the XML parser (expat) would misread or fail on, by the file's first bytes and
    declaration (:mod:`pipeline.interchange.charset`): EBCDIC and UTF-32 (expat reads
    UTF-8, UTF-16 and ASCII-based 8-bit charsets), a declared charset that is no text
    encoding (``base64``: expat raised Python's LookupError, a traceback), and UTF-8 text
    under a declared 8-bit charset, which was stored as mojibake (``été`` as ``Ã©tÃ©``).
    Raises :class:`InputError`.
    """
    from pipeline.interchange.charset import (
        ebcdic_declared,
        ebcdic_message,
        text_codec,
        utf8_misread,
        wide_declared_over_8bit,
        xml_declared,
        xml_encoding,
    )

    with open(path, "rb") as fp:
        head = fp.read(200)
    if label := ebcdic_declared(head):
        raise InputError(ebcdic_message(path, label))
    encoding = xml_encoding(head)
    if encoding.startswith("utf-32"):
        raise _bad(
            path,
            f"it is {encoding.upper()}, which the XML parser does not read; convert it, e.g. "
            f"`iconv -f {encoding} -t utf-8`, and import again",
        )
    if wide := wide_declared_over_8bit(head):
        raise _bad(
            path,
            f"its XML declaration says encoding={wide!r}, but the file is "
            f'{encoding.upper()}; put encoding="UTF-8" in the declaration and import again',
        )
    declared = xml_declared(head, encoding)
    if declared is None or encoding.startswith("utf-16"):
        return
    if text_codec(declared) is None:
        raise _bad(
            path,
            f"its XML declaration names encoding={declared!r}, which is no text encoding; "
            'put encoding="UTF-8" (or the encoding the file is in) there',
        )
    if misread := utf8_misread(path.read_bytes(), declared):
        raise _bad(
            path,
            f"its XML declaration says encoding={declared!r}, but its text is UTF-8 "
            f"({misread[0][:30]!r} would be read as {misread[1][:30]!r}); put "
            'encoding="UTF-8" in the declaration and import again',
        )


def _note_repeats(
    first: dict[tuple[MemoryKey, str], tuple[int, str]],
    number: int,
    found: list[Entry],
    notes: list[str],
) -> None:
    """Note a unit that translates a source an earlier unit translated otherwise.

    Both go to one memory entry (same key, same normalised source) and the later one
    replaces the earlier, so one of two translations of a file would vanish unsaid.
    ``first`` maps each entry seen to its unit number and target.
    """
    for entry in found:
        seen = first.setdefault((entry.key, normalise_source(entry.source)), (number, entry.target))
        if seen[0] != number and seen[1] != entry.target:
            notes.append(
                f"translation unit {number} translates {entry.source[:50]!r} into "
                f"{entry.key.tgt_lang} as {entry.target[:50]!r}, unit {seen[0]} as "
                f"{seen[1][:50]!r}; the memory keeps one translation per source: kept "
                f"unit {number}'s"
            )
            first[(entry.key, normalise_source(entry.source))] = (number, entry.target)


def _unit(
    path: Path,
    number: int,
    tu: ET.Element,
    unit_src: str | None,
    defaults: dict[str, str],
    keep_region: bool,
    notes: list[str],
) -> list[Entry]:
    """The entries of one ``<tu>``: its source variant paired with every other variant."""
    where = f"translation unit {number}"
    props = _key_props(tu)
    # mtpipe's own units keep their tags as the memory had them; others' as the pipeline keys
    shape = _same if props else _canonical if keep_region else _primary
    texts = _source_and_targets(path, where, tu, unit_src, shape, notes)
    if texts is None:
        return []
    source, targets = texts
    key_fields = _key_fields(defaults, props)
    human = key_fields[3] == ORIGIN_HUMAN
    stamps = _stamps(tu, human)
    out: dict[str, Entry] = {}
    empty: list[str] = []
    lost: dict[str, str] = {}
    referenced: list[str] = []
    for lang, text in targets:
        if lang in out or lang in lost:
            notes.append(f"{where}: two {lang} variants; {_kept_first(tu, lang, shape)}")
            continue
        if human and not text.strip():
            # an untranslated variant: stored, it would replace the sentence with nothing
            empty.append(lang)
            continue
        if human and (found := html_reference(text, source[1])):
            referenced.append(_reference_note(lang, found))  # served: "&nbsp;" on the page
            continue
        entry = _entry(path, where, key_fields, source, (lang, text), stamps)
        if why := lost_markup(entry):  # served, it would drop a link or an image unsaid
            lost[lang] = why
            continue
        out[lang] = entry
    _note_empty(notes, where, empty, unit_stored=bool(out))
    _note_lost_markup(notes, where, lost, unit_stored=bool(out) or bool(empty))
    _note_referenced(notes, where, referenced, unit_stored=bool(out or empty or lost))
    return list(out.values())


def _key_props(tu: ET.Element) -> dict[str, str]:
    """The unit's key props (mtpipe's own: model, decoding, origin), by their local type; a
    unit with none is another tool's, its tags shaped as the pipeline keys them."""
    return {
        _local_type(p.get("type", "")): (p.text or "").strip()
        for p in tu
        if _local(p.tag) == "prop" and p.get("type") in _KEY_PROPS
    }


def _entry(
    path: Path,
    where: str,
    key_fields: tuple[str, str, str, str],
    source: tuple[str, str],
    target: tuple[str, str],
    stamps: tuple[str, str, str | None, tuple[str, ...]],
) -> Entry:
    """The memory entry of one target variant (``target``: its language and text); a key
    the memory refuses (a bad language tag) is an error naming the unit."""
    lang, text = target
    try:
        key = MemoryKey(*key_fields[:3], source[0], lang, key_fields[3])
    except ValueError as exc:
        raise _bad(path, f"{where}: {exc}") from None
    return Entry(key, source[1], text, *stamps)


def _reference_note(lang: str, found: tuple[str, str]) -> str:
    """Why a variant holding an HTML character reference is left out: served, it would
    show as written ("&nbsp;") on the page."""
    return (
        f"its {lang} segment holds the HTML character reference {found[0]!r} "
        f"({found[1]}), which would show as {found[0]!r} on a page (mtpipe's text "
        "is not HTML)"
    )


def _note_referenced(notes: list[str], where: str, referenced: list[str], unit_stored: bool):
    """Note each variant left out for an HTML character reference; when the unit stores
    nothing else, its first is counted as a unit not imported (:data:`REFERENCED`)."""
    for i, detail in enumerate(referenced):
        if unit_stored or i:
            notes.append(f"{where}: {detail}; not stored: put the character itself")
        else:
            _skip(notes, where, REFERENCED, f"{detail}: put the character itself")


def _note_lost_markup(
    notes: list[str], where: str, lost: dict[str, str], *, unit_stored: bool
) -> None:
    """Note targets whose inline codes are not their source's (:func:`lost_markup`): per
    language when the unit stored or noted another, else as a skipped unit."""
    if not lost:
        return
    details = "; ".join(f"its {lang} segment {why}" for lang, why in lost.items())
    fix = "not stored (served, the outputs would lose the tags: a link, an image)"
    if unit_stored:
        notes.append(f"{where}: {details}; {fix}")
        return
    _skip(notes, where, LOST_CODES, f"{details}; {fix}")


def _note_empty(notes: list[str], where: str, empty: list[str], *, unit_stored: bool) -> None:
    """Note empty (untranslated) target segments: per language when the unit stored
    another, else as a skipped unit, so the import's summary counts it as not imported."""
    if not empty:
        return
    if unit_stored:
        for lang in empty:
            notes.append(f"{where}: its {lang} segment is empty (not translated); not stored")
        return
    segments = f"{' and '.join(empty)} segment{'s are' if len(empty) > 1 else ' is'}"
    _skip(notes, where, UNTRANSLATED, f"its {segments} empty (not translated)")


def _source_and_targets(
    path: Path,
    where: str,
    tu: ET.Element,
    unit_src: str | None,
    shape: Callable[[str], str],
    notes: list[str],
) -> tuple[tuple[str, str], list[tuple[str, str]]] | None:
    """A ``<tu>``'s source variant and its other variants, each ``(lang, marker text)``;
    None (and a line in ``notes``) for a unit that has nothing to store: no source
    variant, an empty source, no translation. Raises :class:`InputError` for a unit with
    no source language at all (nothing names one: ``--src-lang`` must)."""
    read = _variants(path, where, tu, shape, notes)
    if read is None:
        return None
    if unit_src is None:
        raise _bad(path, f"{where} has no source language (srclang); pass --src-lang")
    picked = _pick_source(read, unit_src)
    if picked is None:
        _skip(notes, where, NO_SOURCE, f"it has no {unit_src} variant")
        return None
    variants = _marker_texts(read, picked)
    source = variants[read.index(picked)]
    if not source[1].strip():
        _skip(notes, where, EMPTY_SOURCE, f"its {source[0]} source segment is empty")
        return None
    targets = _targets(where, variants, source, notes)
    if not targets:
        _skip(notes, where, NO_TRANSLATION, f"it has no translation of its {source[0]} source")
        return None
    return source, targets


def _targets(
    where: str, variants: list[tuple[str, str]], source: tuple[str, str], notes: list[str]
) -> list[tuple[str, str]]:
    """The variants other than ``source`` that are in another language.

    A second variant in the source's language is no translation (stored, it made an
    ``it-it`` entry ``Acqua`` -> ``Acqua2``): it is noted and left out as a second target
    variant is, silently only when it repeats the source's text.
    """
    out: list[tuple[str, str]] = []
    for variant in variants:
        if variant is source:
            continue
        if _primary(variant[0]) != _primary(source[0]):
            out.append(variant)
        elif variant[1] != source[1]:
            notes.append(
                f"{where}: two {_primary(source[0])} variants; kept the first ({source[0]}) "
                f"as the source, {variant[1][:50]!r} ({variant[0]}) is not stored (a "
                "translation unit has one source segment)"
            )
    return out


def _stamps(tu: ET.Element, human: bool) -> tuple[str, str, str | None, tuple[str, ...]]:
    """A unit's created and updated dates (TMX attributes, else mtpipe's date props, else
    now), its translator (a human translation's ``changeid``/``creationid`` only) and its
    notes."""
    entry_notes, dates = _extras(tu)
    now = utc_now()
    created = _past(_iso(tu.get("creationdate")), now) or _past(dates.get("created"), now)
    updated = _past(_iso(tu.get("changedate")), now) or _past(dates.get("updated"), now)
    if created and updated and _instant(updated) < _instant(created):
        updated = created  # a change before the unit existed: dated at its creation
    created = created or now
    updated = updated or created
    creator = (tu.get("changeid") or tu.get("creationid") or None) if human else None
    return created, updated, creator, entry_notes


def _instant(when: str) -> datetime:
    """``when`` (an ISO 8601 time, UTC when it names no zone) as an aware datetime."""
    moment = datetime.fromisoformat(when.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _past(when: str | None, now: str) -> str | None:
    """A unit's date as the memory may keep it: None for no real time (month 13,
    30 February), ``now`` (the import) for a time after it.

    The newer translation wins a tm import, so a unit dated 2999 kept every later
    correction out of the memory for good, and a date that is no time lost to any.
    """
    try:
        moment = _instant(when) if when else None
    except ValueError:
        return None
    return None if moment is None else now if moment > _instant(now) else when


_KEY_PROPS = {ORIGIN_PROP, *PROPS.values()}
_DATE_FIELDS = {prop_type: field for field, prop_type in DATE_PROPS.items()}


def _extras(tu: ET.Element) -> tuple[tuple[str, ...], dict[str, str]]:
    """An mtpipe unit's notes (in order, text as written) and the times TMX dates could not hold.

    Props and notes of other tools (``x-domain``, a reviewer's ``<note>``) are no
    memory field and are left out; the unit's text is stored all the same.
    """
    notes: list[str] = []
    dates: dict[str, str] = {}
    for prop in (c for c in tu if _local(c.tag) == "prop"):
        kind = prop.get("type")
        if kind == NOTE_PROP:
            notes.append(prop.text or "")
        elif kind in _DATE_FIELDS and prop.text:
            dates[_DATE_FIELDS[kind]] = prop.text.strip()
    return tuple(notes), dates


def _kept_first(tu: ET.Element, lang: str, shape: Callable[[str], str]) -> str:
    """What a second variant of ``lang`` gets: dropped, and how to keep it when one can.

    ``--keep-region`` keeps both only when their tags differ by region (en-GB, en-US);
    two variants tagged alike (two ``fr``) cannot both be kept.
    """
    tags = {
        _canonical(tag.strip())
        for tuv in tu
        if _local(tuv.tag) == "tuv" and (tag := tuv.get(XML_LANG) or tuv.get("lang"))
    }
    if shape is _primary and len({t for t in tags if _primary(t) == lang}) > 1:
        return "kept the first (--keep-region keeps both)"
    return "kept the first (the memory holds one translation per language)"


def _variants(
    path: Path, where: str, tu: ET.Element, shape: Callable[[str], str], notes: list[str]
) -> list[tuple[str, list[str | _Inline]]] | None:
    """``(language, text and inline codes)`` of each ``<tuv>``; None (noted) when a
    ``<seg>`` holds an element TMX 1.4b does not define there.

    ``shape`` gives the language tag as stored (:func:`_primary`, :func:`_canonical`).
    """
    variants: list[tuple[str, list[str | _Inline]]] = []
    for tuv in (c for c in tu if _local(c.tag) == "tuv"):
        lang = tuv.get(XML_LANG, tuv.get("lang"))  # TMX 1.1 used a plain lang
        if lang is None:
            raise _bad(path, f"{where} has a <tuv> without xml:lang")
        seg = next((c for c in tuv if _local(c.tag) == "seg"), None)
        if seg is None:
            raise _bad(path, f"{where} has a <tuv xml:lang={lang!r}> without <seg>")
        if not is_language_tag(lang.strip()):
            notes.append(
                f"{where}: its <tuv xml:lang={lang!r}> is no language tag (BCP 47, such as "
                "en or fr-FR); that variant is not stored"
            )
            continue
        try:
            variants.append((shape(lang.strip()), _seg_pieces(seg)))
        except _Unusable as exc:
            _skip(notes, where, UNUSABLE, f"its {lang} segment holds {exc}")
            return None
    return variants


# What report lines of units not stored at all say (the CLI counts them).
SKIPPED = "skipped"
# Why a unit stored nothing, as an import's summary counts them (ImportReport.unstored).
NO_SOURCE = "no variant in the source language"
EMPTY_SOURCE = "an empty source segment"
NO_TRANSLATION = "no translation"
UNTRANSLATED = "only empty (untranslated) targets"
LOST_CODES = "targets without the inline codes of their source"
REFERENCED = "HTML character references in their targets"
UNUSABLE = "an element TMX 1.4b does not define"


class ImportReport(list[str]):
    """The warnings of an import, one line each, and how many units stored nothing, by why.

    A plain list is counted by its lines' ``skipped``; this one counts each unit once
    under its reason, which a summary can give per kind.
    """

    def __init__(self) -> None:
        super().__init__()
        self.unstored: dict[str, int] = {}
        # human entries of the memory with another target than the file's, as
        # ``(stored entry, TMX entry)``: replaced by the file's (as new or newer, or
        # undated), or kept as newer than the file's (:func:`newer_than_stored`)
        self.replaced: list[tuple[Entry, Entry]] = []
        self.kept_newer: list[tuple[Entry, Entry]] = []
        # entries read per language pair ("en-it"): the CLI names a pair no run looks up
        self.pairs: dict[str, int] = {}


def _skip(notes: list[str], where: str, reason: str, detail: str) -> None:
    """Note a unit that stores nothing, counted under ``reason`` when ``notes`` counts."""
    notes.append(f"{where}: {SKIPPED}, {detail}")
    if isinstance(notes, ImportReport):
        notes.unstored[reason] = notes.unstored.get(reason, 0) + 1


_CODES = frozenset({"bpt", "ept", "ph", "it", "ut"})


@dataclass(frozen=True)
class _Inline:
    """A TMX inline code as read: its element, its native code (``<sub>`` text included),
    and the attributes that match it to its partner (``i``) and to other variants (``x``)."""

    element: str
    native: str
    i: str = ""
    x: str = ""


class _Unusable(ValueError):
    """A ``<seg>`` element that is neither text nor a TMX 1.4b inline element."""


def _seg_pieces(element: ET.Element) -> list[str | _Inline]:
    """The text and inline codes of a ``<seg>`` (or of a ``<hi>`` in it) in order."""
    out: list[str | _Inline] = [element.text or ""]
    for child in element:
        name = _local(child.tag)
        if name in _CODES:
            attrs = {k: (child.get(k) or "").strip() for k in ("i", "x")}
            out.append(_Inline(name, "".join(child.itertext()), **attrs))
        elif name == "hi":  # a highlight (a term, a proper name): its text is the text
            out.extend(_seg_pieces(child))
        else:
            raise _Unusable(f"<{name}>, which is no TMX 1.4b inline element")
        out.append(child.tail or "")
    return [p for p in out if p != ""]


def _marker_texts(
    variants: list[tuple[str, list[str | _Inline]]], source: tuple[str, list[str | _Inline]]
) -> list[tuple[str, str]]:
    """Each variant's text with its inline codes as mtpipe markers (see the module docstring).

    Native codes that are all markers (mtpipe's own export) are the text as it was.
    """
    natives = [p.native for _, pieces in variants for p in pieces if isinstance(p, _Inline)]
    if all(MARKER.fullmatch(n) for n in natives):
        return [(lang, "".join(_native(p) for p in pieces)) for lang, pieces in variants]
    numbers: dict[tuple[str, str], int] = {}
    source_text = _numbered(source[1], numbers, {}, learn=True)
    return [
        (lang, source_text if pieces is source[1] else _numbered(pieces, {}, numbers))
        for lang, pieces in variants
    ]


def _native(piece: str | _Inline) -> str:
    return piece if isinstance(piece, str) else piece.native


def _numbered(
    pieces: list[str | _Inline],
    numbers: dict[tuple[str, str], int],
    known: dict[tuple[str, str], int],
    *,
    learn: bool = False,
) -> str:
    """``pieces`` as marker text; with ``learn`` (the source) each code's number is stored in
    ``numbers`` under its keys, else looked up in ``known`` (the source's) by them.

    Pairs are matched (and properly nested pairs found) by :func:`codes.nest`; a pair that
    crosses another, or a code without its partner, is a standalone marker.
    """
    flat, inline = _as_codes(pieces)
    return _Numbering(inline, numbers, known, learn).text(nest(flat))


def _as_codes(pieces: list[str | _Inline]) -> tuple[list[str | Code], dict[str, _Inline]]:
    """``pieces`` with each TMX inline element as a :class:`Code` (a ``bpt``/``ept`` by its
    ``i``, its partner the other; any other a standalone code by its place), so that
    :func:`codes.nest` can pair them; and each code's element by the code's id."""
    inline: dict[str, _Inline] = {}
    flat: list[str | Code] = []
    for k, piece in enumerate(pieces):
        if isinstance(piece, str):
            flat.append(piece)
            continue
        role = {"bpt": "open", "ept": "close"}.get(piece.element, "ph")
        own, partner = {"open": ("b", "e"), "close": ("e", "b")}.get(role, (f"s{k}", ""))
        code_id = f"{own}{piece.i}" if role != "ph" else own
        inline[code_id] = piece
        flat.append(Code(code_id, piece.native, role, f"{partner}{piece.i}" if partner else None))
    return flat, inline


@dataclass
class _Numbering:
    """The marker numbers of one variant's codes. The source (``learn``) numbers its codes
    and stores each number under the code's keys (its ``x``, a pair's ``i``, its ordinal)
    in ``numbers``; a target looks its codes up in ``known`` (the source's) by the same
    keys, so it reads with the source's numbers however the tool numbered its own."""

    inline: dict[str, _Inline]
    numbers: dict[tuple[str, str], int]
    known: dict[tuple[str, str], int]
    learn: bool
    used: set[int] = dataclasses.field(default_factory=set)
    ordinal: dict[str, int] = dataclasses.field(default_factory=lambda: {"pair": 0, "ph": 0})

    def number(self, kind: str, piece: _Inline) -> int:
        """The marker number of the next code of ``kind`` (``pair`` or ``ph``): the source's
        by the first key it has that is not used yet, else the next free one."""
        keys = [(f"{kind}-x", piece.x)] if piece.x else []
        keys += [(f"{kind}-i", piece.i)] if kind == "pair" and piece.i else []
        keys.append((f"{kind}-n", str(self.ordinal[kind])))
        self.ordinal[kind] += 1
        source = self.known if not self.learn else {}
        found = next((source[k] for k in keys if k in source and source[k] not in self.used), None)
        n = found or max([*self.used, *self.known.values(), 0]) + 1
        self.used.add(n)
        for key in keys if self.learn else ():
            self.numbers.setdefault(key, n)
        return n

    def text(self, items: list[Piece]) -> str:
        """``items`` (nested by :func:`codes.nest`) as text with ``<gN>``/``<xN/>`` markers."""
        out = []
        for item in items:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, Paired):
                n = self.number("pair", self.inline[item.open.id])
                out += [f"<g{n}>", self.text(item.children), f"</g{n}>"]
            else:
                out.append(f"<x{self.number('ph', self.inline[item.id])}/>")
        return "".join(out)


def _key_fields(defaults: dict[str, str], props: dict[str, str]) -> tuple[str, str, str, str]:
    """(model id, revision, decoding, origin) of a unit from its props, else the defaults.

    A unit with ``x-mtpipe-*`` props but no ``x-origin`` (mtpipe before origins) is MT.
    """
    if not props:
        fields = defaults
    elif "origin" in props:
        fields = {"model_id": "", "revision": "", "decoding": "", **props}
    else:
        fields = {"model_id": "", "revision": "", "decoding": "", "origin": ORIGIN_MT, **props}
    if fields["origin"] == ORIGIN_HUMAN:
        return ("", "", "", ORIGIN_HUMAN)
    return (fields["model_id"], fields["revision"], fields["decoding"], fields["origin"])


_V = TypeVar("_V", bound=tuple[str, object])


def _pick_source(variants: list[_V], unit_src: str) -> _V | None:
    """The ``unit_src`` variant: exact tag match (any case), else the one with its primary tag."""
    exact = [v for v in variants if v[0].casefold() == unit_src.casefold()]
    if exact:
        return exact[0]
    primary = [v for v in variants if _primary(v[0]) == _primary(unit_src)]
    return primary[0] if len(primary) == 1 else None


def is_language_tag(lang: str) -> bool:
    """True for a BCP 47 tag (RFC 5646: any case, ``EN-us`` is ``en-US``) or one written
    POSIX-style with ``_`` (``fr_FR``, as some CAT tools and PO headers do): what TMX 1.4b's
    ``xml:lang`` (RFC 3066, now BCP 47) may be. ``english``, ``../x``, ``""`` are none: a
    memory pair ``it-english`` would match no document and export as no language."""
    from pipeline.schema import lang_tag_is_valid

    return bool(lang) and len(lang) <= 35 and lang_tag_is_valid(_canonical(lang))


def _primary(lang: str) -> str:
    return re.split(r"[-_]", lang, maxsplit=1)[0].lower()


def _same(lang: str) -> str:
    return lang


def _canonical(lang: str) -> str:
    """A tag in BCP 47's case, ``_`` as ``-``: ``EN_gb`` -> ``en-GB``, ``ZH-HANT`` -> ``zh-Hant``.

    (Region subtags upper case, scripts title case, the rest lower case.)
    """
    first, *rest = re.split(r"[-_]", lang)
    shaped = [
        p.upper() if len(p) == 2 else p.title() if len(p) == 4 and p.isalpha() else p.lower()
        for p in rest
    ]
    return "-".join([first.lower(), *shaped])


def _iso(tmx_date: str | None) -> str | None:
    match = _LOOSE_DATE.fullmatch((tmx_date or "").strip())
    return "{}-{}-{}T{}:{}:{}Z".format(*match.groups()) if match else None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _local_type(prop_type: str) -> str:
    """``x-mtpipe-model`` -> ``model_id``, ``x-origin`` -> ``origin``; others keep their name."""
    if prop_type == ORIGIN_PROP:
        return "origin"
    return _PROP_FIELDS.get(prop_type, prop_type)


def _bad(path: Path, problem: str) -> InputError:
    return InputError(f"{path} is not a valid TMX file: {problem}")
