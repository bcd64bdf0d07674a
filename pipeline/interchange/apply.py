"""Check an imported exchange file against its document and turn edits into human targets.

All or nothing: :func:`plan_import` checks every unit before anything changes
and raises :class:`InputError` (exit 3) naming the first problem: another
article, a target language the document does not have, an unknown or repeated
unit id, a unit whose source is another segment's (ids swapped), an XLIFF 1.2
``<seg-source>`` (which the target translates) that does not match the document while
its ``<source>`` does, an inline code that is unknown, repeated or mis-paired, a
protected span missing from an edited target, a target or translator's note holding a
character that is no text (a control character), an edited unit of locked page chrome,
a target emptied beside a unit whose target took its sentence too (joined units:
:func:`_check_joins`). Only then does :func:`apply_edits` change the document.

One unit's source that no longer matches the document, in a file that names this
article, is the article's change since the export (edited and translated again), not
the file's fault: that unit is a :class:`Changed`, not applied, named, and its edited
target kept as a human translation of its old source (:func:`_changed_source`); the
other units apply. In a file that does not name the article (a tool renamed its id,
read with ``--doc``) only the units tie it to the document, and such a source still
refuses the whole file.

Each exported unit records the digest of the target it was given
(:func:`pipeline.interchange.units.digest`). A unit becomes a human translation
when the translator changed that target, or when the file marks it
reviewed/approved while the document still holds MT or a translation the memory served
(which then becomes the article's own, see :attr:`Edit.owned`). A unit left as exported
is no human translation and never replaces one: importing a stale copy of a
file changes nothing. An edited unit whose human translation in the document
changed since the export (another translator's import) is a :class:`Conflict`:
the document's text stays and the CLI says so, unless that translation is by
the same translator (a corrected file imported again), unless the file is older than
the one that translation came from: by its date (XLIFF 1.2, PO), else by the export
stamps (:func:`_hold_older_copies`; XLIFF 2 has no date). A file without the
digests (an older mtpipe) is compared with the document instead, and never replaces a
human translation. An empty target is no translation and is not applied; one the
translator emptied (the document has a text) is :data:`EMPTIED`, named by the CLI, so
a deletion meant as an edit is not ignored without a word.

A line break in a target (a CAT tool's Shift+Enter, a pasted text, an XLIFF tool's
pretty-printing: LF, CR, VT, FF, NEL, U+2028, U+2029) is folded to a space
(:func:`pipeline.markup.fold_breaks`): a segment is part of one paragraph, which every
output gives as one paragraph (``ID.LANG.txt`` one per line), and the source's line
breaks travel as ``<br>`` inline codes. The edit records that it was folded, so the CLI
says so; a target that differs from the document only by such breaks is no edit, so
importing the same file again changes nothing.

Applying an edit drops the segment's findings in that language: they were
about the machine output (``placeholder_repair``, ``markup``, pair checks);
the import re-runs QA on the human text.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml.html.defs import tags as HTML_TAGS

from pipeline.document import ORIGIN_CATALOG, ORIGIN_HUMAN, Article, Block, Segment, Translation
from pipeline.errors import InputError
from pipeline.interchange.codes import (
    Code,
    CodeError,
    empty_pairs,
    expand,
    html_reference,
    is_tag,
    source_codes,
    well_nested,
)
from pipeline.interchange.units import ImportFile, ImportUnit, digest
from pipeline.markup import (
    HTML_TAG,
    MARKER,
    fold_breaks,
    shortcode_pairs,
    shortcodes_nested,
    table_of,
)
from pipeline.memory.store import normalise_source, utc_now
from pipeline.schema import TEXT_PATTERN

_TEXT = re.compile(TEXT_PATTERN)  # what a document's text may hold (pipeline.schema)


@dataclass
class Edit:
    """One target to store as a human translation."""

    segment: Segment
    text: str
    translator: str | None
    date: str
    folded: bool = False  # line breaks of the file's target were folded to spaces
    exported_at: str | None = None  # the stamp of the export the file came from
    from_file: str | None = None  # which file it came from (:func:`_file_key`)
    # An approval, unchanged, of a translation the memory served (``via: memory``): the
    # article's own from now on (a corrected memory entry no longer replaces it), its text,
    # translator and date as they were; not stored in the memory, whose entry is another's
    # (and may have been corrected since the export)
    owned: bool = False


@dataclass(frozen=True)
class Conflict:
    """An edited unit whose human translation in the document changed since the export."""

    unit: str
    message: str


@dataclass(frozen=True)
class Changed:
    """An edited unit whose source changed in the document since the export (the article
    was edited and translated again): its target translates ``old``, not the segment's
    source now (``new``), so it is not applied. ``edit`` is the translator's text as a
    human translation of ``old`` (stored in the memory under ``old``), None where it cannot
    be kept so (an inline code of the old source is gone, the target breaks a code)."""

    unit: str
    old: str
    new: str
    edit: Edit | None


@dataclass
class Plan:
    """What an import does: the edits, the conflicts (kept as the document has them) and
    how many units were stale (untouched, while the document's text changed since)."""

    edits: list[Edit] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    stale: int = 0
    stale_units: list[str] = field(default_factory=list)  # their ids, to name them
    emptied: list[str] = field(default_factory=list)  # units whose target was emptied
    copied: list[str] = field(default_factory=list)  # units whose target copies the source
    notes: list[tuple[str, str]] = field(default_factory=list)  # (unit, a translator's note)
    # Edited units whose source changed in the document since the export: not applied
    changed: list[Changed] = field(default_factory=list)
    # Segments whose unit is left as the document's human translation (no edit): a note
    # on one goes into the memory with that translation, as an edited unit's does.
    human_as_is: list[Segment] = field(default_factory=list)


# What :func:`_judge` decides for one unit: store its target as the human translation,
# nothing to apply, or stale (left as exported while the document's text changed since).
APPLY, SKIP, STALE = "apply", "skip", "stale"
EMPTIED = "emptied"  # the translator emptied a target the document has: not applied, named
# A target that is its source, not marked reviewed: a CAT tool's "copy source to target"
# for a segment nobody translated (OmegaT writes untranslated segments so); not applied,
# named. Marked reviewed (PO without fuzzy), it is the translator's choice and applies.
COPIED = "copied"


def primary(lang: str | None) -> str:
    """``fr-FR`` / ``fr_FR`` -> ``fr`` (the pipeline keys languages by primary subtag)."""
    return re.split(r"[-_]", lang or "", maxsplit=1)[0].lower()


def _is_language_tag(tag: str) -> bool:
    from pipeline.memory.tmx import is_language_tag

    return is_language_tag(tag.strip())


def target_language(article: Article, imported: ImportFile) -> str:
    """The document's target language the file is in; :class:`InputError` otherwise.

    A header language that is no language tag (``english``, ``fr/../x``: XLIFF
    ``srcLang``/``trgLang``, 1.2 ``source-language``/``target-language``, the PO
    ``Language``) is refused as such, not compared by its first letters."""
    where = imported.path
    if imported.article_id and imported.article_id != article.id:
        raise InputError(
            f"{where} is for article {imported.article_id!r}, not {article.id!r}; "
            "pass the right --doc"
        )
    exported = imported.exported_lang
    for what, tag, was in (
        ("source", imported.src_lang, article.source_lang),
        ("target", imported.tgt_lang, exported),
    ):
        if tag and not _is_language_tag(tag):
            back = f"put it back to {was!r}" if was else "put back the tag it was exported with"
            raise InputError(
                f"{where}: its header names {what} language {tag!r}, which is no language "
                f"tag (BCP 47, such as fr or fr-FR); {back}"
            )
    if imported.src_lang and primary(imported.src_lang) != primary(article.source_lang):
        raise InputError(
            f"{where} translates from {imported.src_lang!r}, but {article.id} is in "
            f"{article.source_lang!r}"
        )
    header = imported.tgt_lang
    expected = imported.exported_lang or _exported_by_digests(article, imported)
    if header and expected and primary(header) != primary(expected):
        raise InputError(
            f"{where}: its header names target language {header!r}, but it was exported "
            f"for {expected!r}; put the header back to {expected!r} (export the document "
            f"with --to {primary(header)} to translate into {header!r})"
        )
    wanted = primary(header or expected)
    for lang in article.target_langs:
        if primary(lang) == wanted:
            return lang
    raise InputError(
        f"{where} has target language {header!r}, which {article.id} was not "
        f"translated into ({', '.join(article.target_langs) or 'none'})"
    )


def _exported_by_digests(article: Article, imported: ImportFile) -> str | None:
    """The language a file without its export record was exported for, by its digests.

    Each unit carries the digest of the target it was given; the language whose targets
    in the document match more than half of them, where the header's own language
    matches none, is the one it was exported for. Otherwise (no digests, targets changed
    since, a few names equal in every language) None: the header is taken as it is.
    """
    exported = {u.id: u.exported for u in imported.units if u.exported}
    if not exported:
        return None
    matched = {lang: 0 for lang in article.target_langs}
    for seg in (s for b in article.blocks for s in b.segments if s.id in exported):
        for lang, translation in seg.translations.items():
            if lang in matched and digest(translation.text) == exported[seg.id]:
                matched[lang] += 1
    if any(matched[lang] for lang in matched if primary(lang) == primary(imported.tgt_lang)):
        return None
    best = max(matched, key=lambda lang: matched[lang], default=None)
    return best if best and matched[best] * 2 > len(exported) else None


def plan_import(
    article: Article, imported: ImportFile, lang: str, translator: str | None = None
) -> Plan:
    """Every edit the file makes, after checking all of it (see the module docstring).

    ``translator`` (``--translator``) names the editor of units for which the
    file names none (unit, then file level).
    """
    fallback = imported.translator or translator
    segments = {s.id: (b, s) for b in article.blocks for s in b.segments}
    seen: set[str] = set()
    plan = Plan()
    for unit in imported.units:
        if not unit.id:
            raise _lost_id(article, imported, unit)
        where = f"{imported.path}: unit {unit.id!r}"
        if unit.id not in segments:
            raise InputError(f"{where} is not a segment of {article.id}; export the file again")
        if unit.id in seen:
            raise InputError(f"{where} appears twice")
        seen.add(unit.id)
        block, seg = segments[unit.id]
        for note in unit.notes:  # stored in the memory, which `tm export` writes as XML
            _check_text(note, where, "translator's note")
            plan.notes.append((unit.id, note))
        try:
            outcome = _check_unit(unit, block, seg, lang, where, fallback, imported.date)
        except SourceMismatch as exc:
            moved = _moved(exc, unit, segments, where, _id_field(imported)[1])
            if moved is not exc or imported.article_id != article.id:
                raise moved from None  # ids swapped, or a file only its units tie to this
            outcome = _changed_source(unit, block, seg, fallback, imported.date)
        _record(plan, outcome, unit.id, seg, lang, imported)
    _check_joins(article, imported, lang, plan.emptied)
    _hold_older_copies(article, imported, lang, plan)
    return plan


def _record(
    plan: Plan, outcome: object, unit_id: str, seg: Segment, lang: str, imported: ImportFile
) -> None:
    """File one unit's outcome under its heading of ``plan`` (an edit, a conflict, a stale,
    emptied or copied unit, or the document's own human text)."""
    if isinstance(outcome, Edit):
        where = f"{imported.path}: unit {unit_id!r}"
        for what, value in (("translator name", outcome.translator), ("date", outcome.date)):
            _check_text(value or "", where, what)
        outcome.exported_at, outcome.from_file = imported.exported_at, _file_key(imported)
        plan.edits.append(outcome)
        if outcome.owned:  # its notes go with the memory's entry, as a kept one's do
            plan.human_as_is.append(seg)
    elif isinstance(outcome, Conflict):
        plan.conflicts.append(outcome)
    elif isinstance(outcome, Changed):
        plan.changed.append(outcome)
    elif outcome == STALE:
        plan.stale += 1
        plan.stale_units.append(unit_id)
    elif outcome == EMPTIED:
        plan.emptied.append(unit_id)
    elif outcome == COPIED:
        plan.copied.append(unit_id)
    elif outcome == SKIP and (current := seg.translations.get(lang)) and current.is_human:
        plan.human_as_is.append(seg)  # SKIP: the file's target is the document's text


def _export_records(article: Article, lang: str) -> dict[str, dict]:
    """Per segment, the export its human translation into ``lang`` was imported from:
    ``{"exported_at": stamp, "target_sha256": digest}`` (see :func:`apply_edits`)."""
    record = article.meta.get("post_edits", {}).get(lang, {})
    exports = record.get("exports") if isinstance(record, dict) else None
    return exports if isinstance(exports, dict) else {}


def _hold_older_copies(article: Article, imported: ImportFile, lang: str, plan: Plan) -> None:
    """Turn into conflicts the edits of an older file that would replace its translator's
    later translation, told by the export stamps where the file has no date (XLIFF 2).

    An edit by the translator of the document's human translation (:func:`_judge` applies
    it: her corrected file) is held, the document's text kept, when that translation was
    imported from a LATER export than this file's, or from the SAME export while this file
    leaves as exported a unit that an import of ANOTHER file of that export made a human
    translation (a copy saved before the one imported). The same file (its path) leaving
    such a unit as exported is the translator's revert to the MT, in the file she went on
    editing after its import: no sign of an older copy, so her other, newer edits apply;
    the reverted unit keeps its human translation (a unit left as exported replaces none)
    and is named as older than the document. A file dated by its format (XLIFF 1.2 phase,
    PO revision date) was judged by its dates already; a file without a stamp (an older
    mtpipe) is not judged.
    """
    stamp = imported.exported_at
    records = _export_records(article, lang)
    if stamp is None or not records:
        return
    segments = {s.id: s for s in article.segments()}

    def record(seg_id: str) -> dict:  # the export (and file) the document's text came from
        current = segments[seg_id].translations.get(lang)
        rec = records.get(seg_id)
        if current is None or not current.is_human or not isinstance(rec, dict):
            return {}
        return rec if rec.get("target_sha256") == digest(current.text) else {}

    here = _file_key(imported)
    behind = [
        u
        for u in plan.stale_units
        if record(u).get("exported_at") == stamp and record(u).get("file") != here
    ]
    exported = {u.id: u.exported for u in imported.units}
    kept = []
    for edit in plan.edits:
        seg_id, current = edit.segment.id, edit.segment.translations.get(lang)
        at = record(seg_id).get("exported_at")
        if at is None or exported.get(seg_id) == digest(current.text):
            kept.append(edit)  # no record, or a revision of the text the file was given
        elif at > stamp or (at == stamp and behind):
            where = f"{imported.path}: unit {seg_id!r}"
            plan.conflicts.append(Conflict(seg_id, _older_export(where, current, edit, at, behind)))
        else:
            kept.append(edit)
    plan.edits = kept


def _file_key(imported: ImportFile) -> str:
    """The file an import read, as its export records keep it: the digest of its resolved
    path (the path itself would put the translator's folders into the document's JSON).
    The same key is the same file, edited on after its import (see
    :func:`_hold_older_copies`); a copy elsewhere is another file."""
    return digest(os.path.realpath(imported.path))


def _older_export(where: str, current: Translation, edit: Edit, at: str, behind: list[str]) -> str:
    """One line: the file is older than the one the document's translation came from."""
    why = (
        f"an older copy of the export it came from ({at}): it leaves {', '.join(behind[:5])} "
        "as exported, which that import translated"
        if edit.exported_at == at
        else f"from an older export ({edit.exported_at}) than the one it came from ({at})"
    )
    by = current.translator or "the same translator"
    return (
        f"{where}: the document holds a later translation by {by} "
        f"({current.text[:60]!r}) than this file's ({edit.text[:60]!r}): the file is {why}; "
        "kept the later; export again to review both"
    )


def _check_joins(article: Article, imported: ImportFile, lang: str, emptied: list[str]) -> None:
    """Refuse a file in which a translator joined two units into one (see :func:`_joined`).

    A CAT tool's "join segments" (or a cut and paste) writes the translation of two
    sentences into one unit and empties the other, or leaves it as it was. Imported, the
    other unit kept its translation (an empty target is no translation) while its
    neighbour held the sentence too: the sentence appeared twice in every output. mtpipe
    keeps one translation per segment, so the file is refused, naming both units, before
    anything changes: split the text back into the two units. Raises :class:`InputError`.
    """
    targets = _file_targets(article, imported)
    for block in article.blocks:
        for i, seg in enumerate(block.segments):
            if seg.id in emptied:
                into = _joined(block.segments, i, targets, lang, emptied)
            elif seg.id in targets:
                into = _copied_into(block.segments, i, targets, lang)
            else:
                continue
            if into is not None:
                other = block.segments[into].id
                raise _join_error(imported.path, seg, other, targets[other], seg.id in emptied)


def _join_error(path: str, seg: Segment, other: str, joined: str, emptied: bool) -> InputError:
    """The refusal of unit ``seg`` whose sentence unit ``other`` (target ``joined``) took."""
    what = "was emptied" if emptied else "is left as it was"
    stays = "its machine translation stays" if emptied else "in both units"
    return InputError(
        f"{path}: unit {seg.id!r}'s target {what} and unit {other!r} holds its translation "
        f"too ({joined[:80]!r}): segments joined in the CAT tool? Imported, "
        f"{seg.source[:50]!r} would appear twice ({stays}); mtpipe keeps one translation per "
        f"segment: put the translation of {seg.source[:50]!r} in unit {seg.id!r} only (split "
        "the segments again) and import again"
    )


def _copied_into(segments: list[Segment], i: int, targets: dict[str, str], lang: str) -> int | None:
    """The index of the neighbour of ``segments[i]`` whose edited target now holds the
    target of ``segments[i]`` word for word while that one is left as it was (joined, the
    other unit not emptied), else None. Only a target of three words or more counts: a
    short one ("Non.") may well be in another sentence."""
    current = segments[i].translations.get(lang)
    own = " ".join(targets[segments[i].id].split())
    if current is None or own != " ".join(current.text.split()) or len(own.split()) < 3:
        return None
    for j in (i - 1, i + 1):
        if not 0 <= j < len(segments) or segments[j].id not in targets:
            continue
        mine = segments[j].translations.get(lang)
        before = " ".join(mine.text.split()) if mine else ""
        if own in " ".join(targets[segments[j].id].split()) and own not in before:
            return j
    return None


def _joined(
    segments: list[Segment], i: int, targets: dict[str, str], lang: str, emptied: list[str]
) -> int | None:
    """The index of the neighbour of ``segments[i]`` (emptied) in its block whose edited
    target translates its sentence too, else None.

    A joined unit is the nearest one before (a tool joins into the first) or, failing
    that, after it that is not emptied itself (three sentences joined into one empty two).
    It holds the emptied unit's sentence when its target contains the emptied unit's
    target as exported (joined as it was), or has grown by at least half of that target's
    length over its own (joined and edited); a unit that did not grow had no sentence
    added, and its neighbour's emptying is a deletion (named, as any emptied target).
    A target of one or two words ("Oui.", "Sì.") is judged by its words only
    (:func:`_took_short`): half of it is two characters, which any small edit adds.
    """
    old = segments[i].translations.get(lang)
    gone = " ".join((old.text if old else segments[i].source).split())
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(segments) and segments[j].id in emptied:
            j += step
        if not 0 <= j < len(segments) or segments[j].id not in targets:
            continue
        mine = segments[j].translations.get(lang)
        before = " ".join((mine.text if mine else segments[j].source).split())
        now = " ".join(targets[segments[j].id].split())
        if now == before:
            continue  # not edited: no sentence was joined into it
        if len(gone.split()) < 3:
            if _took_short(gone, before, now):
                return j
        elif gone in now or len(now) >= len(before) + len(gone) / 2:
            return j
    return None


def _took_short(gone: str, before: str, now: str) -> bool:
    """Whether ``now`` (a neighbour's edited target, was ``before``) took the short target
    ``gone`` (under three words): each of its words is in ``now`` more often than in
    ``before``, whatever the case and punctuation ("Oui." joined as "…, oui"). Characters
    are no measure: a "Oui." in "Louis" or two added letters are no join."""
    words, had, has = (Counter(re.findall(r"\w+", t.casefold())) for t in (gone, before, now))
    return bool(words) and all(has[w] >= had[w] + n for w, n in words.items())


def _file_targets(article: Article, imported: ImportFile) -> dict[str, str]:
    """Each unit's target in the file as document text (codes expanded, line breaks
    folded), by segment id; units without one, or whose codes do not expand, left out."""
    codes = {s.id: {c.id: c for c in source_codes(s)} for s in article.segments()}
    found = {}
    for unit in imported.units:
        if unit.target is None or unit.id not in codes:
            continue
        with contextlib.suppress(CodeError):
            found[unit.id] = fold_breaks(expand(unit.target, codes[unit.id]))
    return found


def _utc_stamp(value: str | None, where: str) -> str | None:
    """The date a file gives a translation (XLIFF 1.2 ``<phase date>`` or ``<file date>``)
    as the document and the memory keep times, ISO 8601 UTC (``2024-03-01T08:00:00Z``).

    A tool's ``2024-03-01T10:00:00+02:00`` or ``2024-03-01`` was stored as written, and
    ``yesterday`` too, in a field whose times are compared and exported as TMX dates.
    A date after now is now (the import's time): a translation dated 2999 won over every
    later one. Raises :class:`InputError` for a value that is no date.
    """
    if not (value or "").strip():
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(
            f"{where}: the date {value[:40]!r} the file gives the translation is no ISO 8601 "
            "date (such as 2024-03-01T10:00:00Z); correct it, or remove it to record the "
            "time of import"
        ) from None
    when = min((when if when.tzinfo else when.replace(tzinfo=UTC)), datetime.now(UTC))
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _lost_id(article: Article, imported: ImportFile, unit: ImportUnit) -> InputError:
    """A unit without its id (a PO entry whose msgctxt was removed, an XLIFF unit without
    ``id``), named by the segment of its source: the PO message said ``b4.s2`` for every
    such entry, whatever its segment."""
    where = f"{imported.path}: {unit.where}" if unit.where else imported.path
    text = _source_text(unit)
    ids = [
        s.id
        for s in article.segments()
        if normalise_source(s.source) == normalise_source(text) and text.strip()
    ]
    what, key = _id_field(imported)
    named = " or ".join(f'"{i}"' for i in ids)
    fix = f"put back {key} {named}" if ids else f"no segment of {article.id} has its source"
    return InputError(
        f"{where}: {what} {text[:50]!r} has no {key}, the segment id mtpipe wrote; "
        f"{fix}, or export the file again"
    )


def _id_field(imported: ImportFile) -> tuple[str, str]:
    """What the file calls a unit and the field that holds its segment id, for messages
    that say what to put back: ``("entry", "msgctxt")`` in a PO file, else (XLIFF)
    ``("unit", "id")``."""
    po = imported.path.lower().endswith((".po", ".pot"))
    return ("entry", "msgctxt") if po else ("unit", "id")


def _source_text(unit: ImportUnit) -> str:
    """The text of a unit's source, its inline codes left out."""
    return "".join(p for p in unit.source if isinstance(p, str))


def where_they_differ(a: str, b: str, width: int = 60) -> tuple[str, str]:
    """The two texts from a little before their first difference, ``width`` characters each.

    Cut from their starts, two long sources that differ near the end read the same in a
    message ("'Il leader ... della Difesa' vs 'Il leader ... della Difesa'").
    """
    same = 0
    while same < min(len(a), len(b)) and a[same] == b[same]:
        same += 1
    start = max(0, same - 20)
    lead = "…" if start else ""

    def cut(text: str) -> str:
        part = text[start : start + width]
        return lead + part + ("…" if start + width < len(text) else "")

    return cut(a), cut(b)


class SourceMismatch(InputError):
    """A unit's source is not its segment's (see :func:`_moved`)."""


def _moved(
    exc: SourceMismatch,
    unit: ImportUnit,
    segments: dict[str, tuple[Block, Segment]],
    where: str,
    key: str,
) -> InputError:
    """``exc``, or, when the unit's source is another segment's, that the ids were swapped.

    A tool (or a hand) that renumbers or swaps ids (``msgctxt "b5.s1"`` on b6.s1's entry)
    gave "its source no longer matches the document; export the file again": the text
    had not changed, its id had.
    """
    text = _source_text(unit)
    if len(text) != sum(len(p) if isinstance(p, str) else 1 for p in unit.source):
        return exc  # codes in the source: not compared by text
    owners = [
        sid
        for sid, (_, seg) in segments.items()
        if sid != unit.id and normalise_source(seg.source) == normalise_source(text)
    ]
    if not owners:
        return exc
    return InputError(
        f"{where}: its source is that of segment {owners[0]!r}, not of {unit.id!r}: the "
        f"file's ids were changed; put back {key} {owners[0]!r} on it, or export the file again"
    )


def _changed_source(
    unit: ImportUnit,
    block: Block,
    seg: Segment,
    fallback: str | None,
    dated: str | None,
) -> Changed | str | None:
    """What a unit whose source is no longer its segment's does, in a file that names this
    article: :class:`Changed` when the translator edited its target (their work, named and
    kept), :data:`STALE` when they did not (nothing of theirs to lose), None without target.

    The file was refused whole ("export the file again"), so one sentence the newsroom
    changed cost the translator every other edit in the file. The unit's target
    translates the old source, so it is no translation of the new one and is not applied;
    it is kept as a human translation of the OLD source in the memory (see
    ``workflow._store_human``), not in a conflicts file beside the import: the next export
    offers it as the fuzzy match of the new source in the CAT tool itself, the memory is
    written in the import's own transaction, and no new file lands among the
    translator's. Page chrome is locked and never kept.
    """
    if unit.target is None:
        return None
    codes = {c.id: c for c in source_codes(seg)}
    try:
        old, given = expand(unit.source, codes), expand(unit.target, codes)
    except CodeError:  # a code of the old source is no longer the segment's
        old, given = _source_text(unit), None
    if given is None:
        return Changed(unit.id, old, seg.source, None)
    target = fold_breaks(given)
    edited = digest(given) != unit.exported if unit.exported is not None else unit.approved
    copied = _copies(target, old) and not unit.approved
    if block.is_chrome or not edited or not target.strip() or copied:
        return STALE
    return Changed(
        unit.id, old, seg.source, _kept_edit(unit, seg, target, old, codes, fallback, dated)
    )


def _kept_edit(
    unit: ImportUnit,
    seg: Segment,
    target: str,
    old: str,
    codes: dict[str, Code],
    fallback: str | None,
    dated: str | None,
) -> Edit | None:
    """The target of a unit whose source changed as a human translation of its old source,
    checked as an applied edit is (text, codes, protected spans); None where a check fails:
    such a unit is not applied anyway, so it does not stop the rest of the file."""
    translator = _unit_translator(unit, fallback, edited=True)
    try:
        for what, value in (("target", target), ("translator name", translator or "")):
            _check_text(value, "", what)
        _check_changed_target(target, old, [c for c in codes.values() if c.text in old], "")
        date = _utc_stamp(unit.date or dated, "") or utc_now()
    except InputError:
        return None
    return Edit(seg, target, translator, date, folded=False)


def _check_unit(
    unit: ImportUnit,
    block: Block,
    seg: Segment,
    lang: str,
    where: str,
    fallback: str | None,
    dated: str | None = None,
) -> Edit | Conflict | str | None:
    """What one unit does: an edit, a conflict, :data:`STALE`, or nothing (None, SKIP).
    ``dated``: the time the file gives its translations, the unit's own first (else the
    edit is dated now)."""
    codes = _unit_codes(unit, seg, where)
    if unit.target is None:
        return None
    given = _expand(unit.target, codes, where, "target")
    target = fold_breaks(given)
    current = seg.translations.get(lang)
    changed = current is None or target != fold_breaks(current.text)
    # edited: the translator changed the target they were given (files without the
    # exported digest: compared with the document instead)
    edited = changed if unit.exported is None else digest(given) != unit.exported
    if _locked(block, current, edited and changed, where):
        return None
    if not target.strip():
        emptied = edited and current is not None and current.text.strip()
        return EMPTIED if emptied else None
    _check_text(target, where, "target")
    if edited and changed and not unit.approved and _copies(target, seg.source):
        return COPIED
    translator = _unit_translator(unit, fallback, edited=edited)
    # the file's date, read only for a unit that applies or is judged by it (an edit)
    stamp = _utc_stamp(unit.date or dated, where) if edited and changed else None
    edit = Edit(seg, target, translator, stamp or utc_now(), folded=target != given)
    verdict = _judge(unit, current, edit, changed=changed, edited=edited, where=where)
    if verdict != APPLY:
        return verdict
    if current is not None and current.from_memory and not changed:
        return Edit(seg, current.text, current.translator, current.date or edit.date, owned=True)
    if not (edited and changed):  # a reviewed target: dated as the file dates it
        edit.date = _utc_stamp(unit.date or dated, where) or edit.date
    if changed:
        _check_changed_target(target, seg.source, list(codes.values()), where)
        _check_shortcodes(target, seg.source, block, where)
    return edit


def _unit_codes(unit: ImportUnit, seg: Segment, where: str) -> dict[str, Code]:
    """The segment's inline codes by id, once the unit's source (and ``<seg-source>``) is
    checked to be this segment's: a target is only read against the source it translates."""
    codes = {c.id: c for c in source_codes(seg)}
    _check_source(unit.source, seg, codes, where, "source", SourceMismatch)
    if unit.seg_source is not None:  # not SourceMismatch: its <source> is this segment's
        _check_source(unit.seg_source, seg, codes, where, "<seg-source>", InputError)
    return codes


def _locked(block: Block, current: Translation | None, edited: bool, where: str) -> bool:
    """Whether the unit is locked as export locks it, by the document: page chrome and
    catalog text (an edit of it raises: it belongs in the catalogs). A tool's lock
    (translate="no" a reviewer set on a finished unit) is no chrome: its edit applies."""
    if block.is_chrome or (current is not None and current.origin == ORIGIN_CATALOG):
        if edited:
            raise InputError(f"{where} is page chrome, locked: translate it in the catalogs")
        return True
    return False


def _unit_translator(unit: ImportUnit, fallback: str | None, *, edited: bool) -> str | None:
    """Who translated the unit: the file's name for it, except the earlier translator's
    name exported with the file where the target was edited (then ``fallback``, the
    file's or ``--translator``)."""
    translator = unit.translator
    if edited and translator == unit.exported_translator:
        translator = None  # the earlier translator's name, exported with the file
    return translator or fallback


def _check_shortcodes(target: str, source: str, block: Block, where: str) -> None:
    """A shortcode's opening and closing codes (``[tooltip]`` … ``[/tooltip]``, Hugo's
    ``{{< tooltip >}}`` … ``{{< /tooltip >}}``: standalone codes in the file, as the
    site's markup is no HTML) must stay in order and nested as tags do: a translator's
    ``<x2/>…<x1/>`` wrote ``[/caption][caption]``, which the site shows as text or
    breaks on. Raises :class:`InputError`."""
    partner = shortcode_pairs(source, table_of(block.meta))
    if partner and shortcodes_nested(source, partner) and not shortcodes_nested(target, partner):
        codes = ", ".join(f"<x{o}/>…<x{c}/>" for o, c in partner.items() if int(o) < int(c))
        raise InputError(
            f"{where}: the edited target's shortcode codes ({codes}: a shortcode's opening "
            f"and closing) cross or close before they open ({target[:80]!r}); put each "
            "closing code after its opening one, nested as in the source"
        )


def _check_changed_target(target: str, source: str, codes: list[Code], where: str) -> None:
    """A target that changes the document's text keeps the source's codes and protected
    text, as often and as nested, adds no tag, comment or character reference, and
    empties no tag pair. Raises :class:`InputError` naming what is wrong."""
    _check_codes_once(target, codes, source, where)
    _check_references(target, source, where)
    _check_spans(target, codes, where)
    _check_nesting(target, codes, where)
    _check_empty_pairs(target, source, codes, where)


def _check_source(
    pieces: list, seg: Segment, codes: dict[str, Code], where: str, what: str, error: type
) -> None:
    """``pieces`` (a unit's ``source``, or the segmented source its target translates)
    must be the segment's source, whitespace aside: a target translating another text
    is no translation of this one. Raises ``error`` (an :class:`InputError`)."""
    source = _expand(pieces, codes, where, what)
    if normalise_source(source) != normalise_source(seg.source):
        given, kept = where_they_differ(source, seg.source)
        raise error(
            f"{where}: its {what} no longer matches the document (file {given!r}, document "
            f"{kept!r}); export the file again"
        )


def _copies(target: str, source: str) -> bool:
    """Whether ``target`` is ``source`` itself (words in it, whitespace aside)."""
    return any(c.isalpha() for c in source) and normalise_source(target) == normalise_source(source)


def _judge(
    unit: ImportUnit,
    current: Translation | None,
    edit: Edit,
    *,
    changed: bool,
    edited: bool,
    where: str,
) -> Conflict | str:
    """:data:`APPLY` when ``edit`` becomes the human translation, else why not.

    Untouched and not marked reviewed: not a human translation. Untouched and marked
    reviewed: the human translation of this article, so a translation the memory served
    becomes the article's own (export leaves such a unit unreviewed: its approval in the
    article's file is the reviewer's act). Untouched while
    the document's own text changed since the export: stale, the document's text
    stays. Edited while the document's human translation changed since the
    export: a conflict, the document's text stays, unless that translation is by
    the same translator (a corrected file imported again).
    """
    is_human = current is not None and current.is_human
    if not changed:  # the document already holds this text
        owned = is_human and current is not None and current.from_memory
        return APPLY if unit.approved and (not is_human or owned) else SKIP
    if not edited:
        return STALE if is_human or not unit.approved else APPLY
    if not is_human or current is None:
        return APPLY
    recorded = unit.exported is not None
    if recorded and digest(current.text) == unit.exported:
        return APPLY  # a revision of the human translation the file was given
    if recorded and edit.translator and current.translator == edit.translator:
        if _earlier(edit.date, current.date):  # an older copy of her file, imported last
            return Conflict(unit.id, _older_message(where, current, edit))
        return APPLY  # the same translator's earlier import of this file
    return Conflict(unit.id, _conflict_message(where, current, edit.text, recorded))


_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")  # ISO 8601 UTC, as kept


def _earlier(date: str, than: str | None) -> bool:
    """Whether ``date`` is before ``than``, both times as the document keeps them."""
    return bool(than) and all(_STAMP.fullmatch(d or "") for d in (date, than)) and date < than


def _older_message(where: str, current: Translation, edit: Edit) -> str:
    """One line: the file is an older revision of the translator's own human translation."""
    return (
        f"{where}: the document holds a later translation by {current.translator} "
        f"({current.text[:60]!r}, {current.date}) than this file's ({edit.text[:60]!r}, "
        f"{edit.date}): an older copy of the file imported after a newer one; kept the later"
    )


def _conflict_message(where: str, current: Translation, target: str, recorded: bool) -> str:
    """One line naming both texts; ``recorded``: the file holds the exported target's digest."""
    by = ", ".join(x for x in (current.translator, current.date) if x) or "no translator recorded"
    why = (
        "the document's human translation changed since this file was exported"
        if recorded
        else "the document holds a human translation and this file does not record the "
        "target it was exported with (an older mtpipe wrote it)"
    )
    return (
        f"{where}: {why} ({current.text[:60]!r}, {by}); kept it, not the file's "
        f"{target[:60]!r}; export again to review both"
    )


def _expand(pieces: list, codes: dict[str, Code], where: str, side: str) -> str:
    try:
        return expand(pieces, codes)
    except CodeError as exc:
        raise InputError(f"{where}: broken inline code in the {side}: {exc}") from None


def _check_text(value: str, where: str, what: str) -> None:
    """What goes into the document must be text it can hold (no C0 control but tab, no
    U+FFFE/FFFF): the target, the translator's name, the date.

    A PO file carries any control character (ESC of a pasted terminal colour, a
    backspace), in a target or a header; stored, it would make the document unreadable
    to every later command (``mtpipe qa``, ``export``, ``bundle``). Raises
    :class:`InputError` naming ``what``.
    """
    if _TEXT.match(value) is None:
        bad = next(c for c in value if _TEXT.match(c) is None)
        raise InputError(
            f"{where}: the {what} {value[:40]!r} holds U+{ord(bad):04X}, a control character "
            "or noncharacter that is not text and no output can hold; delete it and import again"
        )


def _check_spans(target: str, codes: list[Code], where: str) -> None:
    """Every protected span of the source must still be in an edited target, as often."""
    texts = [c.text for c in codes]
    for text in dict.fromkeys(texts):
        if target.count(text) < texts.count(text):
            lost = next(c for c in codes if c.text == text)
            raise InputError(f"{where}: the edited target {_lost_code(lost, codes)}")


def _lost_code(lost: Code, codes: list[Code]) -> str:
    """What an edited target lost and the action that mends it: put the code back.

    "lost the protected text '<a href=…>'; keep it as is" read as "leave the target
    unchanged", not as "put the code back". A tag pair is named whole, to go back around
    the words it marked; a standalone code (a ``<br>``, an image) where the source has
    it; protected text (a URL, a handle) as written in the source. The id is the code's
    in an XLIFF file (``<pc id="1">``, ``<g id="1">``, ``<x id="2"/>``)."""
    by_id = {c.id: c for c in codes}
    partner = by_id.get(lost.partner or "")
    if lost.role in ("open", "close") and partner is not None:
        opening, closing = (lost, partner) if lost.role == "open" else (partner, lost)
        return (
            f"lost the tag pair {opening.text!r}…{closing.text!r} (inline code {opening.id}); "
            "put it back around the words it marked, as in the source"
        )
    if is_tag(lost.text):
        return (
            f"lost the inline code {lost.text!r} (code {lost.id}); put it back where the "
            "source has it"
        )
    return (
        f"lost the protected text {lost.text!r} (inline code {lost.id}); put it back as the "
        "source writes it, unchanged"
    )


def _check_codes_once(target: str, codes: list[Code], source: str, where: str) -> None:
    """An edited target holds each tag of its source as often as the source, and no
    marker the source has not.

    A PO file carries markers as literal text, so a translator can copy one from another
    unit (``<g3>``), write a pair twice or type an HTML tag (``<b>``): imported, the
    unknown marker or tag was literal text in every output (``&lt;b&gt;`` on the page)
    and in the next XLIFF export, a doubled link two links. Text that only looks like a
    tag (``3 < 5``, ``a<b``) is text, and so is a tag the source itself quotes as text
    (an article about HTML). Raises :class:`InputError` naming the code.
    """
    texts = [c.text for c in codes]
    for m in MARKER.finditer(target):
        if m.group(0) not in texts:
            raise InputError(
                f"{where}: the edited target has the inline code {m.group(0)!r}, which its "
                "source has not (copied from another unit?); use only the source's codes"
            )
    for m in HTML_TAG.finditer(target):
        known = m.group(0) in texts or m.group(0) in source  # a tag the source quotes
        if m.group(2).lower() in HTML_TAGS and not known:
            raise InputError(
                f"{where}: the edited target has the HTML tag {m.group(0)!r}, which its source "
                "has not: it would show as text on the page; mark text up only with the "
                "source's codes, or remove it"
            )
    if "<!--" in target and "<!--" not in source:  # a note typed as an HTML comment
        start = target.index("<!--")
        end = target.find("-->", start)
        comment = target[start : end + 3] if end >= 0 else target[start:]
        raise InputError(
            f"{where}: the edited target has the HTML comment {comment!r}: it would show as "
            "text on the page; remove it (a note for the newsroom goes in the tool's note)"
        )
    for text in dict.fromkeys(texts):
        if is_tag(text) and target.count(text) > texts.count(text):
            raise InputError(
                f"{where}: the edited target has the inline code {text!r} "
                f"{target.count(text)} times, its source {texts.count(text)}; delete the "
                f"extra {target.count(text) - texts.count(text)}"
            )


def _check_references(target: str, source: str, where: str) -> None:
    """An edited target holds no HTML character reference its source has not.

    A document's text is text, not HTML: every output writes ``&`` as itself, so a
    ``&nbsp;`` a translator typed into a PO target (or ``&amp;amp;`` a tool wrote into an
    XLIFF one) showed as ``&nbsp;`` on the page, in Markdown and in plain text. A
    reference the source itself quotes (an article about HTML) is text. Raises
    :class:`InputError` naming the reference and the character to type instead.
    """
    if found := html_reference(target, source):
        ref, names = found
        raise InputError(
            f"{where}: the edited target has the HTML character reference {ref!r}, which "
            f"would show as {ref!r} on the page: mtpipe's text is not HTML; type the "
            f"character itself ({names}) instead"
        )


def _check_nesting(target: str, codes: list[Code], where: str) -> None:
    """Paired tags of an edited target must nest as in HTML, as the source's do.

    A PO file carries them as literal text (``<a href="...">``, ``<g1>``), so a
    translator can close one before it opens or cross two, and the outputs would hold
    broken HTML. Raises :class:`InputError`.
    """
    if not well_nested(target, codes):
        raise InputError(
            f"{where}: the edited target's tags cross or close before they open "
            f"({target[:80]!r}); move each closing tag after its opening one, nested as in the "
            "source"
        )


def _check_empty_pairs(target: str, source: str, codes: list[Code], where: str) -> None:
    """A tag pair of an edited target must enclose words when the source's does.

    A translator who emptied a link (``<g1></g1>``, ``<pc id="1"> </pc>``) left it with
    nothing to show: the writers leave an empty link out, so its words and its URL would
    be lost from every output without a word. Raises :class:`InputError` naming the tag.
    """
    empty_in_source = {p.open.id for p in empty_pairs(source, codes, in_order=True)}
    for pair in empty_pairs(target, codes, in_order=False):
        if pair.open.id not in empty_in_source:
            raise InputError(
                f"{where}: the edited target's tag pair {pair.open.text}…{pair.close.text} "
                f"encloses no text ({target[:80]!r}); put the words it marks inside it, "
                "as in the source"
            )


def apply_edits(article: Article, lang: str, edits: list[Edit]) -> None:
    """Store each edit as the segment's human translation into ``lang``.

    The segment's findings in ``lang`` go with the text they were about (stage
    findings such as ``placeholder_repair`` are not recomputed by QA, so they
    would outlive the machine output otherwise).
    """
    for edit in edits:
        edit.segment.translations[lang] = Translation(
            text=edit.text, origin=ORIGIN_HUMAN, translator=edit.translator, date=edit.date
        )
        edit.segment.findings = [
            f for f in edit.segment.findings if primary(f.lang) != primary(lang)
        ]
    humans = sum(
        1 for s in article.segments() if (t := s.translations.get(lang)) is not None and t.is_human
    )
    exports = dict(_export_records(article, lang))
    for edit in edits:  # which export each human translation came from (older copies)
        exports.pop(edit.segment.id, None)
        if edit.exported_at:
            exports[edit.segment.id] = {
                "exported_at": edit.exported_at,
                "target_sha256": digest(edit.text),
            }
            if edit.from_file:
                exports[edit.segment.id]["file"] = edit.from_file
    post = dict(article.meta.get("post_edits", {}))
    post[lang] = {"human_segments": humans, "imported": utc_now()}
    if exports:
        post[lang]["exports"] = exports
    article.meta["post_edits"] = post
