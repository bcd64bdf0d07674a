"""Gettext PO export and import (through Babel), for Weblate, Pootle and PO editors.

One entry per text segment: ``msgctxt`` is the segment id (so equal sentences
stay separate units), ``msgid`` the source, ``msgstr`` the current target.
Machine translation is marked ``fuzzy`` (a PO editor's "needs review"), and so is a
human translation the memory served (not yet reviewed in this article); a human
translation of the article's is not. QA findings and a fuzzy human TM match are extracted
comments (``#.``), and so is the SHA-256 of the exported target
(``#. mtpipe-exported-target-sha256: HEX``, see
:func:`pipeline.interchange.units.digest`), which import uses to tell an edited
target from a stale one. The exported target language is recorded apart from the
``Language`` header a translator can change (``# mtpipe-target: LANG``): import
refuses a file whose header names another one; the time of the export too
(``# mtpipe-exported-at: STAMP``), which orders two exports of one document. Page
chrome is left out: its catalogs are the place to translate it. PO has no inline codes,
so protected spans stay literal and the import checks that each is still in an edited
target. The article and its document travel in the header comment (``mtpipe-document``,
relative to the file's folder, and ``mtpipe-document-at``, its absolute path at export:
``pipeline.interchange.workflow.recorded_document``); the translator and date in the
standard ``Last-Translator`` and ``PO-Revision-Date`` headers. A UTF-8 byte
order mark (which Windows editors add) is dropped before Babel reads the file.

Babel's reader is lenient where GNU ``msgfmt`` is not, and each leniency changes a
translator's text without a word: a string missing its closing quote loses its last
character, an entry written twice (same ``msgctxt`` and ``msgid``) is merged into the
first, and UTF-8 text under a header that declares another charset is decoded as
mojibake (``approuvÃ©``). :func:`_check_syntax` refuses all three first (exit 3,
naming the line).
"""

from __future__ import annotations

import codecs
import io
import re
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, unescape, write_po

from pipeline.encoding import looks_utf16
from pipeline.errors import InputError
from pipeline.interchange.charset import text_codec, utf8_misread
from pipeline.interchange.units import (
    STATE_LOCKED,
    STATE_MEMORY,
    STATE_MT,
    ExportFile,
    ImportFile,
    ImportUnit,
    read_stamp,
)

SUFFIX = ".po"
_HEADER = re.compile(
    r"^#?\s*mtpipe-(article|document|document-at|target|exported-at):\s*(.*?)\s*$", re.M
)
# The first header line of every exported file, which named the target language before
# ``mtpipe-target`` was written.
_INTO = re.compile(r"^#?\s*Post-editing file for .* into (\S+), written by mtpipe\.", re.M)
_UNSET_TRANSLATOR = "FULL NAME <EMAIL@ADDRESS>"
_EXPORTED = "mtpipe-exported-target-sha256:"
_EXPORTED_RE = re.compile(re.escape(_EXPORTED) + r"\s*([0-9a-f]{64})\b")
_BOM = codecs.BOM_UTF8
# A PO line that carries text: a keyword and its string, or a continuation string.
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?:\s+(.*))?$")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")


def write(export: ExportFile) -> bytes:
    """The PO file of ``export`` (UTF-8 bytes)."""
    from pipeline import __version__

    catalog = Catalog(
        locale=export.tgt_lang,
        project=export.article_id,
        version=f"mtpipe {__version__}",  # Babel writes the placeholder "VERSION" else
        header_comment=(
            f"# Post-editing file for {export.article_id!r} into {export.tgt_lang}, "
            "written by mtpipe.\n"
            f"# mtpipe-article: {export.article_id}\n"
            f"# mtpipe-document: {export.document}\n"
            + (f"# mtpipe-document-at: {export.document_at}\n" if export.document_at else "")
            + f"# mtpipe-target: {export.tgt_lang}\n"
            f"# mtpipe-exported-at: {export.exported_at}\n"
            "# Edit msgstr, remove the fuzzy flag of reviewed entries, keep msgctxt and msgid."
            + "".join(f"\n# {text}" for text in export.notes)
        ),
        fuzzy=False,
    )
    for group in export.groups:
        for unit in group.units:
            if unit.state == STATE_LOCKED:
                continue
            comments = [f"block {group.id} ({group.kind})"]
            comments += [f"QA {n.severity} ({n.check}): {n.text}" for n in unit.notes]
            if unit.match is not None:
                m = unit.match
                comments.append(f"TM {m.similarity:g}% (human): {m.source} => {m.target}")
            if unit.exported is not None:
                comments.append(f"{_EXPORTED} {unit.exported}")
            catalog.add(
                unit.source,
                unit.target or "",
                context=unit.id,
                flags=["fuzzy"] if unit.state in (STATE_MT, STATE_MEMORY) else [],
                auto_comments=comments,
                user_comments=list(unit.translator_notes),  # read back as the unit's note
            )
    out = io.BytesIO()
    write_po(out, catalog, width=0, omit_header=False)
    return out.getvalue()


def _header_language(name: str | None) -> str | None:
    """The PO ``Language`` as a tag: gettext tools write POSIX locale names (``sr@latin``,
    ``fr_FR.UTF-8``), which name ``sr-Latn`` and ``fr-FR``; anything else as written, for
    the import to refuse by name (Babel would drop ``english``)."""
    if not name:
        return None
    from pipeline.langdata.catalogs import posix_locale_tag
    from pipeline.memory.tmx import is_language_tag

    return name if is_language_tag(name) else posix_locale_tag(name) or name


def read(path: Path) -> ImportFile:
    """Parse a PO file written by :func:`write` (and edited); :class:`InputError` if unreadable."""
    catalog = _catalog(path)
    header = dict((k, v) for k, v in _HEADER.findall(catalog.header_comment or ""))
    into = _INTO.search(catalog.header_comment or "")
    exported_lang = header.get("target") or (into.group(1) if into else None)
    if not catalog.locale_identifier and not exported_lang:
        raise InputError(
            f"{path} has no Language header, which names the target language; put back "
            'the line "Language: LANG\\n" of the exported file'
        )
    for m in catalog:
        _check_entry(m, path)
    translator = catalog.last_translator
    date = catalog.revision_date
    return ImportFile(
        path=str(path),
        article_id=header.get("article"),
        document=header.get("document"),
        src_lang=None,
        tgt_lang=_header_language(catalog.locale_identifier),
        units=[_unit(m) for m in catalog if m.id],
        translator=translator if translator and translator != _UNSET_TRANSLATOR else None,
        date=date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        if isinstance(date, datetime)
        else None,
        exported_lang=exported_lang,
        exported_at=read_stamp(header.get("exported-at")),
        document_at=header.get("document-at") or None,
    )


def _catalog(path: Path) -> Catalog:
    """``path`` parsed by Babel, after the checks Babel does not make (UTF-16, a header
    charset its text contradicts, an unclosed string or a repeated entry): each an
    :class:`InputError` naming the file and the fix, never a traceback."""
    try:
        data = path.read_bytes().removeprefix(_BOM)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    if looks_utf16(data) or b"\x00" in data[:200]:
        raise InputError(  # gettext reads only ASCII-compatible PO files
            f"{path} is UTF-16 (or another encoding with zero bytes), which no PO reader "
            f"takes; convert it, e.g. `iconv -f utf-16 -t utf-8`, and import again"
        )
    _check_charset(data, path)
    _check_syntax(data.decode("utf-8", "replace"), path)
    try:
        return read_po(io.BytesIO(data), abort_invalid=True)
    except Exception as exc:  # Babel raises PoFileError, ValueError, UnknownLocaleError
        raise InputError(f"{path} is not a readable PO file: {exc}") from None


def _unit(m: Message) -> ImportUnit:
    """One entry as a unit: its msgctxt is the segment id; a translator's comments
    (``# ...``, not mtpipe's ``#.``) on one line as its note."""
    return ImportUnit(
        id=m.context or "",
        source=[m.id] if isinstance(m.id, str) else [],
        target=[m.string] if isinstance(m.string, str) else None,
        approved=not m.fuzzy,
        exported=_exported(m.auto_comments),
        where=f"line {m.lineno}" if m.lineno else None,
        notes=(note,) if (note := " ".join(" ".join(_own(m.user_comments)).split())) else (),
    )


def _own(comments: list[str]) -> list[str]:
    """A translator's own comments among Babel's user comments: not the ``#|`` lines
    (``#| msgctxt``, ``#| msgid "..."``) in which Poedit and ``msgmerge --previous`` keep
    the previous source of a fuzzy entry, which Babel reads as user comments: they are
    the tool's, and were stored in the memory as the translator's note."""
    return [c for c in comments if not c.lstrip().startswith("|")]


def _check_charset(data: bytes, path: Path) -> None:
    """UTF-8 text under a header declaring another charset would import as mojibake
    (:func:`pipeline.interchange.charset.utf8_misread`), and a charset that names no text
    encoding (``base64``, a typo) is refused too: Babel's error said to "use
    codecs.decode()". Raises :class:`InputError`.
    """
    found = _CHARSET.search(data)
    declared = found.group(1).decode("ascii") if found else "utf-8"
    if declared.lower() == "charset":
        return  # a template's placeholder, which Babel reads as UTF-8
    if text_codec(declared) is None:
        raise InputError(
            f"{path}: its header declares charset={declared}, which names no text encoding; "
            "set charset=UTF-8 (or the encoding the file is in) in its Content-Type header "
            "and import again"
        )
    if misread := utf8_misread(data, declared):
        raise InputError(
            f"{path}: its header declares charset={declared}, but its text is UTF-8 "
            f"({misread[0][:30]!r} would be read as {misread[1][:30]!r}); set "
            "charset=UTF-8 in its Content-Type header and import again"
        )


def _check_syntax(text: str, path: Path) -> None:
    """Every string closed on its line, no entry written twice; else :class:`InputError`.

    Babel drops the last character of a string without its closing quote and merges a
    repeated entry (same ``msgctxt`` and ``msgid``) into the first one, so either would
    change the translator's text without a word (GNU ``msgfmt`` refuses both). Comments
    (``#``, obsolete ``#~`` entries) are not read.
    """
    seen: dict[tuple[str | None, str], int] = {}
    entry: dict[str, list[str]] = {}  # keyword -> its strings, for the current entry
    start, previous = 0, ""
    lines = text.split("\n")  # PO lines end at LF (CRLF too); VT, U+2028 ... are text
    for number, raw in enumerate([*lines, "msgid "], 1):  # a sentinel entry ends the last
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        keyword = _KEYWORD.match(line)
        string = (keyword.group(2) or "").strip() if keyword else line
        word = keyword.group(1) if keyword else ""
        if word == "msgctxt" or (word == "msgid" and previous != "msgctxt"):  # a new entry
            _check_repeated(entry, start, seen, path)
            entry, start = {}, number
        if number > len(lines):
            return
        if not _QUOTED.fullmatch(string):
            raise InputError(
                f"{path}: line {number}: {line[:50]!r} is not a string in double quotes "
                'closed on its line; close it (a quote inside the text is written \\")'
            )
        previous = word or previous
        entry.setdefault(previous, []).append(unescape(string))


def _check_repeated(
    entry: dict[str, list[str]], line: int, seen: dict[tuple[str | None, str], int], path: Path
) -> None:
    """Record ``entry``'s key (msgctxt, msgid); :class:`InputError` if seen before."""
    if not entry:
        return
    ctxt = "".join(entry["msgctxt"]) if "msgctxt" in entry else None
    key = (ctxt, "".join(entry.get("msgid", [])))
    if key == (None, ""):
        return  # the header
    if key in seen:
        raise InputError(
            f"{path}: line {line}: entry {ctxt or key[1][:50]!r} is written twice (first at "
            f"line {seen[key]}), which would keep only the first; keep one"
        )
    seen[key] = line


def _check_entry(m: Message, path: Path) -> None:
    """An entry mtpipe wrote has no plural forms (a segment has one target).

    A PO editor or a hand edit can add them. Raises :class:`InputError` naming it. An
    entry without its msgctxt (the segment id) is read with the id "" and its line: the
    import names the segment of its source in the document
    (:func:`pipeline.interchange.apply.plan_import`).
    """
    if not m.id:
        return
    where = f"{path}: line {m.lineno}" if m.lineno else str(path)
    if not isinstance(m.id, str):
        raise InputError(
            f"{where}: entry {m.context!r} has plural forms (msgid_plural), which a segment "
            "has not; remove msgid_plural and keep one msgstr"
        )


def _exported(comments: list[str]) -> str | None:
    """The exported target's digest from an entry's extracted comments; None if absent.

    Babel (and PO editors) wrap long comments, so the digest may be on the next line.
    """
    found = _EXPORTED_RE.search(" ".join(comments))
    return found.group(1) if found else None
