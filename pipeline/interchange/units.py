"""What an exchange file holds, format-free: one unit per segment, grouped per block.

:func:`build_export` turns a document and a target language into an
:class:`ExportFile`; the format modules (``xliff21``, ``xliff12``, ``po``) only
render it. Import goes the other way: a format module parses a file into an
:class:`ImportFile`, and ``apply.py`` checks it against the document.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pipeline.document import ORIGIN_CATALOG, RAW, SEVERITIES, Article, Block, Segment
from pipeline.interchange.codes import Code, Ref, source_codes
from pipeline.memory.store import Entry, normalise_source

# Unit states: MT (or an MT cache hit) awaiting review, a human translation
# (reviewed), chrome rendered from a catalog (locked), nothing yet.
STATE_MT = "mt"
STATE_HUMAN = "human"
STATE_LOCKED = "locked"
STATE_NEW = "new"
# A human translation the memory served (``via: memory``): exported as awaiting review, so
# that approving it in the article's file is the reviewer's act (the article's own then)
STATE_MEMORY = "memory"


# Languages written with no space between sentences: Chinese (and Cantonese) and Japanese
# end a sentence with an ideographic full stop (U+3002) and start the next right after it
# (Unicode UAX #14, line breaking class ID; W3C "Requirements for Japanese Text Layout"
# and "Requirements for Chinese Text Layout"). Thai, Lao, Khmer and Burmese write no space
# between words but do between sentences (W3C Thai Layout Requirements; thai-notes.com
# "Spacing Guidelines": "leave a large space at the end of each sentence"), so they are
# not here: a CAT tool splits a unit at its sentences.
UNSPACED_SENTENCES = frozenset({"ja", "zh", "yue"})


def sentences_spaced(lang: str | None) -> bool:
    """Whether two sentences of ``lang`` (a BCP 47 tag: ``zh-Hant``, ``ja_JP``) are
    joined with a space: False for :data:`UNSPACED_SENTENCES`, True otherwise."""
    primary = (lang or "").replace("_", "-").split("-", 1)[0].lower()
    return primary not in UNSPACED_SENTENCES


def export_stamp() -> str:
    """Now as an export's stamp: ISO 8601 UTC to the microsecond, so that two exports of
    one document a moment apart still order (``2024-06-01T08:30:00.123456Z``); such
    stamps compare as strings."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z")


def read_stamp(value: str | None) -> str | None:
    """An export stamp read back from a file, or None for anything :func:`export_stamp`
    does not write (a tool or a hand changed it: no order is known then), a stamp after
    now included: one of 2999, recorded at import, held every later file as older."""
    value = (value or "").strip()
    return value if _STAMP.fullmatch(value) and value <= export_stamp() else None


def digest(text: str) -> str:
    """SHA-256 (hex) of a target in document form (inline codes expanded), UTF-8.

    An exported unit records the digest of the target it was given; import
    compares it with the target read back (did the translator change it?) and
    with the document's target now (did someone else change it since?).
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Note:
    """A QA finding as a note for the translator."""

    check: str
    severity: str
    text: str


@dataclass(frozen=True)
class Match:
    """A fuzzy match from the human translation memory (a suggestion, never applied)."""

    similarity: float  # 0-100, rapidfuzz ``fuzz.ratio`` of the normalised sources
    source: str
    target: str
    creator: str | None = None


@dataclass
class ExportUnit:
    """One segment: its id, source, current target, state, codes, notes and suggestion.

    ``exported`` is :func:`digest` of ``target`` (None without a target); every
    format records it so that import can tell an edited unit from a stale one.
    """

    id: str
    source: str
    target: str | None
    state: str
    translatable: bool = True
    codes: list[Code] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    match: Match | None = None
    translator: str | None = None
    date: str | None = None
    # A translator's notes an earlier import kept in the document (Segment.notes).
    translator_notes: list[str] = field(default_factory=list)

    @property
    def exported(self) -> str | None:
        return digest(self.target) if self.target is not None else None


@dataclass
class ExportGroup:
    """The units of one block (``kind``: title, paragraph, caption, category, ui)."""

    id: str
    kind: str
    units: list[ExportUnit]


@dataclass
class ExportFile:
    """A whole exchange file: one article into one target language."""

    article_id: str
    # path of the document JSON relative to the exported file's folder, as import looks
    # for it (workflow.recorded_document); ``document_at``: its absolute path at export,
    # where a file moved away from its folder (mailed, downloaded) finds it
    document: str
    src_lang: str
    tgt_lang: str
    groups: list[ExportGroup]
    title: str = ""
    notes: list[str] = field(default_factory=list)  # about the whole file
    # When mtpipe wrote the file (ISO 8601 UTC, microseconds): which of two exports of one
    # document is older, where the format carries no date of its own (XLIFF 2).
    exported_at: str = field(default_factory=lambda: export_stamp())
    document_at: str | None = None

    def units(self) -> list[ExportUnit]:
        return [u for g in self.groups for u in g.units]


@dataclass
class ImportUnit:
    """One unit read back: its id, and its source and target as text and code references.

    ``approved`` is True when the file says a person reviewed the target
    (XLIFF 2 ``reviewed``/``final``, XLIFF 1.2 ``approved="yes"``/``signed-off``/
    ``final``, a PO entry without the fuzzy flag). ``translator``/``date`` are
    the unit's own, where the format has them. ``exported`` is the digest of
    the target the unit was exported with (:func:`digest`), None when the file
    records none (a file of an older mtpipe, or a unit exported without target).
    ``exported_translator`` is the translator the file was exported with (XLIFF
    2.1 writes it as ``its:person``): when the target was edited, a ``translator``
    equal to it is the earlier translator's name, not the editor's.
    """

    id: str
    source: list[str | Ref]
    target: list[str | Ref] | None
    approved: bool = False
    translator: str | None = None
    date: str | None = None
    exported: str | None = None
    exported_translator: str | None = None
    # Where the unit is in its file ("line 12" of a PO file), for a message about a unit
    # that lost its id (``id`` is then ""), which only the document can name.
    where: str | None = None
    # Notes a translator or reviewer added in the CAT tool (not mtpipe's QA notes): no
    # document field holds them, so import names them rather than dropping them unsaid.
    notes: tuple[str, ...] = ()
    # XLIFF 1.2's <seg-source>: the source as a CAT tool segmented it (Trados, Okapi), which
    # its target translates; checked against the document like ``source``. None: absent.
    seg_source: list[str | Ref] | None = None
    # The file's tracked changes (Trados's x-sdl-deleted/-added) were accepted in this
    # unit's text: deleted words left out, added kept; import names the unit.
    revised: bool = False


@dataclass
class ImportFile:
    """An exchange file read back, before it is checked against the document."""

    path: str
    article_id: str | None
    document: str | None
    src_lang: str | None
    tgt_lang: str | None
    units: list[ImportUnit]
    translator: str | None = None
    date: str | None = None
    # The target language mtpipe exported the file for, as recorded apart from the
    # header a translator may change (PO header comment, XLIFF mtpipe metadata); None
    # in a file written before the record was (import then goes by the digests).
    exported_lang: str | None = None
    # Notes a translator added to the whole file or a block (XLIFF: the <file>'s, 1.2's
    # <header>'s, a <group>'s; not mtpipe's), which no unit holds: import names them
    # rather than dropping them unsaid.
    notes: tuple[str, ...] = ()
    # The stamp of the export the file came from (:func:`export_stamp`); None in a file
    # of an older mtpipe, or one whose stamp a tool changed.
    exported_at: str | None = None
    # The document's absolute path at export (ExportFile.document_at); None in a file
    # written before it was recorded.
    document_at: str | None = None


def build_export(
    article: Article,
    lang: str,
    document: str,
    human_memory: Sequence[Entry] = (),
    min_similarity: float = 75.0,
) -> ExportFile:
    """The exchange content of ``article`` into ``lang``.

    ``human_memory`` holds the human TM entries of the language pair; for a
    segment that is not a human translation yet, the best one whose source is
    at least ``min_similarity`` % similar (rapidfuzz ``fuzz.ratio``) and not
    identical becomes its suggestion. Segments with a blank source are left out.
    """
    matcher = _Matcher(human_memory, min_similarity)
    groups = []
    for block in article.blocks:
        units = [_unit(block, seg, lang, article, matcher) for seg in block.segments]
        units = [u for u in units if u is not None]
        if units:
            groups.append(ExportGroup(block.id, block.kind, units))
    return ExportFile(
        article.id,
        document,
        article.source_lang,
        lang,
        groups,
        title=article.title,
        notes=file_notes(article, lang),
    )


def file_notes(article: Article, lang: str) -> list[str]:
    """mtpipe's notes on the whole file into ``lang``: import knows its own by their text,
    as a CAT tool may drop the attribute that marks them (XLIFF 1.2 ``from``, 2.1
    ``category``), after which they read as a translator's."""
    notes = []
    if article.signatures.get(lang, {}).get("tiny"):
        notes.append("Machine translation by a tiny random test model: the MT text is noise.")
    return notes + kept_foreign_notes(article)


def kept_foreign_notes(article: Article) -> list[str]:
    """One note per element the reader kept in its own language (``lang="en"`` on a quote).

    Such an element is in every output as it is, never translated, and has no unit: the
    note tells the reviewer it is there and why.
    """
    from lxml import html as lxml_html

    notes = []
    for block in article.blocks:
        lang = block.meta.get("lang") if block.kind == RAW else None
        marked = block.kind == RAW and block.meta.get("no_translate")
        if lang or marked:
            text = " ".join(lxml_html.fragment_fromstring(block.text, "div").text_content().split())
            how = 'as it is, as the page marks it (translate="no")'
            how = how if marked else f"in {lang!r}, as the page marks it (lang)"
            notes.append(f"Block {block.id} is kept {how}, and is not translated: {text[:80]!r}")
    return notes


def _unit(
    block: Block, seg: Segment, lang: str, article: Article, matcher: _Matcher
) -> ExportUnit | None:
    if not seg.source.strip():
        return None
    tr = seg.translations.get(lang)
    if block.is_chrome or (tr is not None and tr.origin == ORIGIN_CATALOG):
        state = STATE_LOCKED
    elif tr is None:
        state = STATE_NEW
    else:
        state = STATE_MEMORY if tr.from_memory else STATE_HUMAN if tr.is_human else STATE_MT
    notes = [
        Note(f.check, f.severity, f.message)
        for f in seg.findings
        if f.lang in (lang, article.source_lang, seg.lang)
    ]
    return ExportUnit(
        id=seg.id,
        source=seg.source,
        target=tr.text if tr is not None else None,
        state=state,
        translatable=state != STATE_LOCKED,
        codes=source_codes(seg),
        notes=notes,
        match=matcher.best(seg.source) if state in (STATE_MT, STATE_NEW) else None,
        translator=tr.translator if tr is not None else None,
        date=tr.date if tr is not None else None,
        translator_notes=kept_notes(seg, lang),
    )


def kept_notes(seg: Segment, lang: str) -> list[str]:
    """The translator's notes on ``seg`` into ``lang`` an earlier import kept in the document."""
    return list(seg.notes.get(lang, []))


class _Matcher:
    """Best fuzzy human match of a source (rapidfuzz ``fuzz.ratio`` on normalised text)."""

    def __init__(self, entries: Sequence[Entry], min_similarity: float) -> None:
        self._entries = list(entries)
        self._choices = [normalise_source(e.source) for e in self._entries]
        self._exact = set(self._choices)
        self._cutoff = min_similarity

    def best(self, source: str) -> Match | None:
        """None when nothing reaches the cutoff, or when an exact human match exists."""
        query = normalise_source(source)
        if not self._choices or query in self._exact:
            return None
        from rapidfuzz import fuzz, process

        hit = process.extractOne(query, self._choices, scorer=fuzz.ratio, score_cutoff=self._cutoff)
        if hit is None:
            return None
        e = self._entries[hit[2]]
        return Match(round(hit[1], 2), e.source, e.target, e.creator)


def severity_rank(severity: str) -> int:
    """Position of ``severity`` in :data:`SEVERITIES` (info < warning < error)."""
    return SEVERITIES.index(severity)


def has_findings(article: Article, lang: str, at_least: str) -> bool:
    """True when a segment has a finding for ``lang`` (or its source) at or above ``at_least``."""
    floor = severity_rank(at_least)
    return any(
        f.severity in SEVERITIES
        and severity_rank(f.severity) >= floor
        and f.lang in (lang, article.source_lang, seg.lang)
        for seg in article.segments()
        for f in seg.findings
    )
