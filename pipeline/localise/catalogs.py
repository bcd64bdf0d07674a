"""Load the gettext catalogs in ``pipeline/locale`` (Babel).

Layout: ``<LOCALE_DIR>/<lang>/LC_MESSAGES/<domain>.po`` with templates
``<LOCALE_DIR>/<domain>.pot``. Domains: ``messages`` (UI strings, English
msgids) and ``categories`` (taxonomy names).

The ``.po`` files are the source of truth and what the code reads, so nothing
depends on ``make catalogs`` having run. The catalog tools (:func:`load_catalog`,
:func:`read_catalog`) parse them with Babel. Page chrome lookups during a run
(:func:`load_entries`) need only the translated entries: a ``.po`` of the plain
shape ``catalogs`` writes is read by a small reader here (about 0.2 ms a file,
and no import of ``babel.messages``, whose import alone took 20 ms, most of it
Babel resolving the local time zone), anything else by Babel; both give the
same entries (tests/test_localise_catalogs.py compares them). :func:`translations`
(for Jinja2 and gettext callers) uses the compiled ``.mo`` when it is at least
as new as its ``.po`` and otherwise compiles the ``.po`` in memory. Fuzzy
entries count as untranslated everywhere, as in a compiled ``.mo``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import CatalogError
from pipeline.localise.domains import CATEGORIES, DOMAINS, MESSAGES  # noqa: F401 (re-exported)
from pipeline.localise.placeholders import PLACEHOLDER_RE, placeholder_mismatch

if TYPE_CHECKING:  # Babel's catalog module is imported where a Catalog is built
    from babel.messages.catalog import Catalog, Message
    from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def po_path(lang: str, domain: str = MESSAGES, locale_dir: Path = LOCALE_DIR) -> Path:
    return Path(locale_dir) / lang / "LC_MESSAGES" / f"{domain}.po"


def mo_path(lang: str, domain: str = MESSAGES, locale_dir: Path = LOCALE_DIR) -> Path:
    return po_path(lang, domain, locale_dir).with_suffix(".mo")


def pot_path(domain: str = MESSAGES, locale_dir: Path = LOCALE_DIR) -> Path:
    return Path(locale_dir) / f"{domain}.pot"


def available_locales(locale_dir: Path = LOCALE_DIR, domain: str = MESSAGES) -> list[str]:
    """Locales that have a ``.po`` for ``domain``, sorted."""
    root = Path(locale_dir)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if po_path(p.name, domain, root).is_file())


def read_catalog(path: Path, lang: str | None = None, domain: str | None = None) -> Catalog:
    """Parse one ``.po``/``.pot`` file, turning Babel's errors into :class:`CatalogError`."""
    from babel.messages.pofile import read_po

    try:
        with open(path, "rb") as fp:
            return read_po(fp, locale=lang, domain=domain, abort_invalid=True)
    except FileNotFoundError:
        raise CatalogError(f"catalog {path} does not exist") from None
    except Exception as exc:  # Babel raises PoFileError, ValueError, UnknownLocaleError
        raise CatalogError(f"catalog {path} cannot be read: {exc}") from None


def load_catalog(lang: str, domain: str = MESSAGES, locale_dir: Path = LOCALE_DIR) -> Catalog:
    """The parsed catalog for ``lang``/``domain`` (cached until the file changes).

    Treat the result as read-only: it is shared between callers.
    """
    path = po_path(lang, domain, locale_dir)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        have = ", ".join(available_locales(locale_dir, domain)) or "none"
        raise CatalogError(
            f"no {domain!r} catalog for locale {lang!r} ({path}); available: {have}. "
            f"Add it with `mtpipe catalogs update --lang {lang}` and translate it"
        ) from None
    return _load_cached(str(path), mtime, lang, domain)


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int, lang: str, domain: str) -> Catalog:
    return read_catalog(Path(path), lang, domain)


@dataclass(frozen=True)
class Entry:
    """A translated catalog entry, as lookups read it (``id``, ``string``, ``context``
    as on Babel's ``Message``: tuples for a plural entry)."""

    id: str | tuple[str, ...]
    string: str | tuple[str, ...]
    context: str | None


@dataclass(frozen=True)
class Entries:
    """The translated entries of one catalog, in file order (see :func:`load_entries`)."""

    messages: tuple[Entry, ...]
    plural_expr: str  # the catalog's plural rule, for gettext.c2py

    def get(self, msgid: str, context: str | None = None) -> Entry | None:
        """The translated entry of ``msgid`` (its singular for a plural) and ``context``."""
        return self._by_key.get((msgid, context))

    @property
    def _by_key(self) -> dict[tuple[str, str | None], Entry]:
        found = self.__dict__.get("_keys")
        if found is None:
            found = {(_singular(e.id), e.context): e for e in self.messages}
            object.__setattr__(self, "_keys", found)
        return found


def load_entries(lang: str, domain: str = MESSAGES, locale_dir: Path = LOCALE_DIR) -> Entries:
    """The translated entries of ``lang``/``domain`` (cached until the file changes).

    What page chrome lookups need, read once per process and file: the same
    entries as :func:`translated_messages` of :func:`load_catalog`, without
    Babel's parser for a plain ``.po``. Errors are :func:`load_catalog`'s.
    """
    path = po_path(lang, domain, locale_dir)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        load_catalog(lang, domain, locale_dir)  # raises the missing-catalog error
        raise
    return _entries_cached(str(path), mtime, lang, domain, str(locale_dir))


@lru_cache(maxsize=64)
def _entries_cached(path: str, mtime_ns: int, lang: str, domain: str, locale_dir: str) -> Entries:
    try:
        data = Path(path).read_bytes()
    except OSError:
        data = b""  # Babel's read reports it
    found = read_plain_po(data)
    if found is not None:
        return found
    catalog = load_catalog(lang, domain, Path(locale_dir))
    entries = tuple(Entry(m.id, m.string, m.context) for m in translated_messages(catalog))
    return Entries(entries, catalog.plural_expr)


def _singular(msgid: str | tuple[str, ...]) -> str:
    return msgid[0] if isinstance(msgid, tuple) else msgid


# --- the plain-.po reader ---------------------------------------------------------------------
# A .po as `catalogs update` writes it: a header entry first (UTF-8, a Plural-Forms line),
# then entries of comments, an optional msgctxt, msgid, optional msgid_plural, and msgstr (or
# msgstr[0..n-1]), every string quoted. Anything else (obsolete "#~" entries, conflict marks,
# a duplicate key, another charset, an unknown keyword) is left to Babel: read_plain_po
# returns None and the caller parses the file with Babel, which also reports what is wrong.

_QUOTED = re.compile(rb'"(?:[^"\\]|\\.)*"')
_ESCAPE = re.compile(r'\\([\\abfnrtv"])')  # Babel's unescape: other backslashes stay
_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
_KEYWORD = re.compile(rb"(msgctxt|msgid|msgid_plural|msgstr|msgstr\[(\d+)\]) (.*)")
_HEADER_LINE = re.compile(r"([A-Za-z0-9-]+):[ \t]*(.*)")
_PLURAL_FORMS = re.compile(r"nplurals=(\d+); ?plural=([^;\"'\\]+);?")
_LANGUAGE = re.compile(r"(?:[a-z]{2,3}(?:[_-][A-Z]{2})?)?")
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?:[+-]\d{4})?")
_CONTENT_TYPE = re.compile(r"[\w.+-]+/[\w.+-]+(?:; ?charset=([\w.-]+))?")


class _NotPlain(Exception):
    """The file is not of the plain shape: Babel reads it."""


def _unquote(token: bytes) -> str:
    if not _QUOTED.fullmatch(token):
        raise _NotPlain
    text = token[1:-1].decode("utf-8")
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), text)


def read_plain_po(data: bytes) -> Entries | None:
    """The translated entries of a plain ``.po`` (see above), or None for any other file."""
    try:
        raw = _raw_entries(data)
        if not raw or raw[0][1] != [""] or raw[0][2] or raw[0][0]:
            raise _NotPlain  # the header entry first
        nplurals, plural_expr = _header(raw[0][3])
        entries: list[Entry] = []
        seen = set()
        for fuzzy, ids, context, strings in raw[1:]:
            entry = _entry(ids, context, strings, nplurals)
            key = (ids[0], context)
            if key in seen or not ids[0]:
                raise _NotPlain  # Babel merges duplicates; a second header is odd
            seen.add(key)
            forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            if not fuzzy and forms and all(forms):
                entries.append(entry)
    except (_NotPlain, UnicodeDecodeError):
        return None
    return Entries(tuple(entries), plural_expr)


def _header(strings: dict[int | None, str]) -> tuple[int, str]:
    """``(nplurals, plural expression)`` of the header entry.

    Only headers whose every field Babel reads without fail: plain ``Name: value`` lines,
    UTF-8, a Plural-Forms line, dates and a language of the usual shape (Babel raises on a
    date it cannot parse, so such a file is left to it and fails as before).
    """
    if set(strings) != {None}:
        raise _NotPlain
    lines = strings[None].rstrip("\n").split("\n")
    plural = None
    for line in lines:
        m = _HEADER_LINE.fullmatch(line)
        if m is None:
            raise _NotPlain  # folded, odd or blank lines: Babel's email parser decides
        name, value = m.group(1).lower(), m.group(2)  # trailing blanks kept, as by email
        if name == "plural-forms":
            plural = _PLURAL_FORMS.fullmatch(value)
        if not _header_field_plain(name, value) or (name == "plural-forms" and not plural):
            raise _NotPlain
    if plural is None:
        raise _NotPlain  # the locale's rule would apply: Babel knows it
    return int(plural.group(1)), plural.group(2).strip()


def _header_field_plain(name: str, value: str) -> bool:
    """Whether Babel reads header field ``name`` as the plain reader assumes."""
    if name == "content-type":
        ct = _CONTENT_TYPE.fullmatch(value)
        return ct is not None and (ct.group(1) or "utf-8").lower() in ("utf-8", "charset")
    if name == "language":
        return _LANGUAGE.fullmatch(value) is not None
    if name in ("pot-creation-date", "po-revision-date"):
        if not value.strip() or (name == "po-revision-date" and "YEAR" in value):
            return True  # Babel skips these
        m = _DATE.fullmatch(value)
        try:
            return m is not None and bool(dt.datetime(*map(int, m.groups())))
        except ValueError:
            return False
    return True


_Raw = tuple[bool, list[str], str | None, dict[int | None, str]]


class _Reader:
    """Babel's PoFileParser for the plain shape: the entries as ``(fuzzy, ids, context,
    strings by msgstr index, None for a plain msgstr)``, in file order."""

    def __init__(self) -> None:
        self.entries: list[_Raw] = []
        self._reset()

    def _reset(self) -> None:
        self.flags: list[str] = []
        self.ids: list[str] = []
        self.context: str | None = None
        self.strings: dict[int | None, str] = {}
        self.state = ""  # the keyword a continuation line extends
        self.last: int | None = None

    def finish(self) -> None:
        if not self.ids:  # nothing to finish (a msgctxt waits for its msgid)
            if self.strings:
                raise _NotPlain  # a msgstr without its msgid
            return
        if not self.strings:
            raise _NotPlain  # Babel: missing msgstr
        self.entries.append(("fuzzy" in self.flags, self.ids, self.context, self.strings))
        self._reset()

    def line(self, line: bytes) -> None:
        if line[:2] in (b"#~", b"#-"):
            raise _NotPlain  # obsolete entries, merge conflicts
        if line[:1] == b"#":
            self.finish()
            if line[:2] == b"#,":
                self.flags += [f.strip() for f in line[2:].decode("utf-8").lstrip().split(",")]
            return
        if line[:1] == b'"':
            self._extend(_unquote(line))
            return
        m = _KEYWORD.fullmatch(line)
        if m is None:
            raise _NotPlain
        self._keyword(m.group(1), m.group(2), _unquote(m.group(3).strip()))

    def _keyword(self, keyword: bytes, index: bytes | None, text: str) -> None:
        if keyword in (b"msgid", b"msgctxt"):
            self.finish()
        if keyword == b"msgctxt":
            if self.context is not None:
                raise _NotPlain
            self.context, self.state = text, "msgctxt"
        elif keyword == b"msgid":
            self.ids, self.state = [text], "msgid"
        elif keyword == b"msgid_plural":
            if len(self.ids) != 1 or self.state != "msgid":
                raise _NotPlain
            self.ids.append(text)
        else:
            key = int(index) if index is not None else None
            if not self.ids or key in self.strings:
                raise _NotPlain
            self.strings[key], self.state, self.last = text, "msgstr", key

    def _extend(self, text: str) -> None:
        if self.state == "msgid":
            self.ids[-1] += text
        elif self.state == "msgctxt" and self.context is not None:
            self.context += text
        elif self.state == "msgstr":
            self.strings[self.last] += text
        else:
            raise _NotPlain


def _raw_entries(data: bytes) -> list[_Raw]:
    reader = _Reader()
    for line in data.split(b"\n"):
        line = line.strip()
        if line:
            reader.line(line)
    reader.finish()
    return reader.entries


def _entry(ids: list[str], context: str | None, strings: dict[int | None, str], n: int) -> Entry:
    """The entry Babel builds: a plural one gets ``n`` forms, '' where a msgstr[i] is missing."""
    if len(ids) == 1:
        if set(strings) != {None}:
            raise _NotPlain
        return Entry(ids[0], strings[None], context)
    if n < 1 or None in strings or any(i >= n for i in strings):  # type: ignore[operator]
        raise _NotPlain
    forms = tuple(strings.get(i, "") for i in range(n))
    return Entry(tuple(ids), forms, context)


def translated_messages(catalog: Catalog) -> Iterator[Message]:
    """Messages with a complete, non-fuzzy translation (the header excluded)."""
    return (m for m in catalog if is_translated(m))


def is_translated(message: Message) -> bool:
    """True when ``message`` is not the header, not fuzzy and has every form filled."""
    if not message.id or message.fuzzy:
        return False
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(forms) and all(forms)


def translations(lang: str, domain: str = MESSAGES, locale_dir: Path = LOCALE_DIR) -> Translations:
    """gettext translations for Jinja2's i18n extension and ``gettext`` callers (cached).

    With the default ``messages`` domain, the other domains (``categories``) are
    attached, so ``dgettext("categories", "Italy")`` works on the result. Treat
    the result as read-only: it is shared between callers.
    """
    locale_dir = Path(locale_dir)
    load_catalog(lang, domain, locale_dir)  # a clear error when the .po is missing
    domains = [domain] + [
        d
        for d in DOMAINS
        if domain == MESSAGES and d != MESSAGES and po_path(lang, d, locale_dir).is_file()
    ]
    stamps = tuple(_stamp(lang, d, locale_dir) for d in domains)
    return _translations_cached(lang, tuple(domains), str(locale_dir), stamps)


def _stamp(lang: str, domain: str, locale_dir: Path) -> tuple[int, int]:
    mo = mo_path(lang, domain, locale_dir)
    po_m = po_path(lang, domain, locale_dir).stat().st_mtime_ns
    return po_m, mo.stat().st_mtime_ns if mo.is_file() else -1


@lru_cache(maxsize=64)
def _translations_cached(
    lang: str, domains: tuple[str, ...], locale_dir: str, stamps: tuple[tuple[int, int], ...]
) -> Translations:
    main, *others = (
        _build(lang, d, Path(locale_dir), mo_newer=s[1] >= s[0])
        for d, s in zip(domains, stamps, strict=True)
    )
    for other in others:
        main.add(other, merge=False)
    for t in (main, *others):
        drop_unusable(t)
    return main


def drop_unusable(translations: Translations) -> list[str]:
    """Remove entries a page could not be rendered with; gettext then shows the msgid.

    An entry is unusable when its translation does not take the msgid's
    placeholders (``100 % en ligne``, ``%(data)s`` for ``%(date)s``): filling
    it would raise while a page is rendered. ``catalogs compile`` and
    ``check`` refuse such entries; this keeps a hand-edited ``.po`` from
    breaking a build. Returns the msgids dropped.
    """
    table = translations._catalog  # gettext.GNUTranslations' msgid -> msgstr table
    dropped = [key for key, text in table.items() if not _fills(key, text)]
    for key in dropped:
        del table[key]
    return [key[0] if isinstance(key, tuple) else key for key in dropped]


def _fills(key: str | tuple[str, int], text: str) -> bool:
    """Can ``text`` be filled with the values its msgid takes (as the page will)?"""
    msgid = key[0] if isinstance(key, tuple) else key
    percent = [m for m in PLACEHOLDER_RE.finditer(msgid or "") if m.group("conv")]
    if not isinstance(msgid, str) or not percent:
        return True  # filled by str.format or not at all: nothing % can break
    names = {m.group("name") for m in percent if m.group("name")}
    values: object = dict.fromkeys(names, 1) if names else (1,) * len(percent)
    if placeholder_mismatch(msgid, text) and not isinstance(key, tuple):
        return False
    try:
        text % values
    except (TypeError, ValueError, KeyError):
        return False
    return True


def _build(lang: str, domain: str, locale_dir: Path, mo_newer: bool) -> Translations:
    """From the compiled ``.mo`` when it is up to date, else compiled in memory from the ``.po``.

    A ``.mo`` that gettext cannot read (empty, cut short by a full disk, not a catalog:
    ``struct.error``/``OSError`` from its parser) is no catalog: the ``.po``, the source
    of truth, is compiled instead, as for a stale one (``catalogs compile`` rewrites it).
    """
    from babel.messages.mofile import write_mo
    from babel.support import Translations

    if mo_newer:
        try:
            with open(mo_path(lang, domain, locale_dir), "rb") as fp:
                return Translations(fp, domain=domain)
        except (OSError, struct.error, UnicodeDecodeError, ValueError):
            pass
    buf = io.BytesIO()
    write_mo(buf, load_catalog(lang, domain, locale_dir))
    buf.seek(0)
    return Translations(buf, domain=domain)
