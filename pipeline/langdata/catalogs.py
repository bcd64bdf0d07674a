"""Load the gettext catalogs in ``pipeline/locale`` (Babel).

Layout: ``<LOCALE_DIR>/<lang>/LC_MESSAGES/<domain>.po`` with templates
``<LOCALE_DIR>/<domain>.pot``. Domains: ``messages`` (UI strings, English
msgids) and ``categories`` (taxonomy names).

The ``.po`` files are the source of truth and what the code reads, so nothing
depends on ``make catalogs`` having run. Every reader here parses them with Babel;
page chrome lookups during a run (:func:`load_entries`) keep only the translated
entries, keyed for lookup, and keep them decoded in the user cache folder
(``$MTPIPE_CACHE_DIR``, as for wordfreq's lists; ``off`` turns it off) for later runs.
Every cache of a parse, in the process or in that folder, is keyed by the ``.po``'s
CONTENT (its size and sha256), never its modification time: an edit within one clock
tick, or a ``git checkout``/``cp -p`` that restores an older time, is read again.
A locale's folder is its tag in gettext's form
(:func:`locale_folder`, ``pt-BR`` -> ``pt_BR``), and a tag without a catalog of its
own reads its language's (:func:`catalog_locale`, ``en-GB`` -> ``en``). :func:`translations`
(for Jinja2 and gettext callers: the site bundle) compiles the ``.po`` in memory.
Nothing in mtpipe reads a compiled ``.mo``: ``catalogs compile`` writes them for other
gettext programs. (The bundle took a ``.mo`` "at least as new as its ``.po``": a ``.po``
restored with an older time, ``git checkout`` or ``cp -p``, left a stale ``.mo`` on
every page while page chrome read the ``.po``; the ``.po`` was parsed anyway.) So a
``.mo`` is no input of a build key (:mod:`pipeline.runners.key`). Fuzzy entries count
as untranslated everywhere, as in a compiled ``.mo``.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import CatalogError
from pipeline.langdata.domains import CATEGORIES, DOMAINS, MESSAGES  # noqa: F401 (re-exported)
from pipeline.langdata.placeholders import PLACEHOLDER_RE, placeholder_mismatch

if TYPE_CHECKING:  # Babel's catalog module is imported where a Catalog is built
    from babel.messages.catalog import Catalog, Message
    from babel.support import Translations

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


@lru_cache(maxsize=256)
def locale_folder(lang: str) -> str:
    """The folder name of ``lang``'s catalogs: gettext's form of the language tag.

    Documents and ``--to`` carry BCP 47 tags (``pt-BR``, ``zh-Hant``), gettext and
    ``catalogs --lang`` name folders with ``_`` (``pt_BR``, ``zh_Hant``): the folder a
    ``pt-BR`` page looked in (``pt-BR/``) was never the one ``catalogs update --lang pt-BR``
    made. Any case or separator gives the one folder; a plain ``en`` imports nothing.
    """
    from pipeline.schema import lang_tag_is_valid, standard_tag

    tag = lang.replace("_", "-")
    if (tag != tag.lower() or "-" in tag) and lang_tag_is_valid(tag):
        tag = standard_tag(tag)
    return tag.replace("-", "_")


# gettext's script modifiers (``sr@latin``) and the BCP 47 script subtags they stand for
_SCRIPT_MODIFIERS = {"latin": "Latn", "cyrillic": "Cyrl", "devanagari": "Deva", "arabic": "Arab"}


def posix_locale_tag(name: str) -> str | None:
    """The BCP 47 tag a POSIX/gettext locale name stands for, or None where it names none.

    gettext and WordPress files name their language so (``pt_BR``, ``sr@latin``,
    ``de_DE.UTF-8``); ``catalogs --lang`` and the locale folders take tags
    (``pt-BR``, ``sr-Latn``, ``de-DE``). The encoding is dropped, a script modifier
    becomes the script subtag, a modifier that is no script (``ca@valencia``) maps
    to nothing. The one mapping for every caller (``--lang`` advice, ``catalogs import``).
    """
    from pipeline.schema import lang_tag_is_valid, standard_tag

    base, _, modifier = name.strip().partition("@")
    base = base.partition(".")[0]
    script = _SCRIPT_MODIFIERS.get(modifier.lower())
    if (modifier and script is None) or not base:
        return None
    parts = base.replace("-", "_").split("_")
    tag = "-".join([parts[0], *([script] if script else []), *parts[1:]])
    return standard_tag(tag) if lang_tag_is_valid(tag) else None


def po_path(lang: str, domain: str = MESSAGES, locale_dir: Path = LOCALE_DIR) -> Path:
    """The ``.po`` of ``lang``: in a folder named exactly ``lang`` when there is one (a
    folder made by hand, ``pt_br``, stays the one its name says), else in its gettext form."""
    exact = Path(locale_dir) / lang / "LC_MESSAGES"
    folder = lang if exact.is_dir() else locale_folder(lang)
    return Path(locale_dir) / folder / "LC_MESSAGES" / f"{domain}.po"


def catalog_locale(lang: str, domain: str = MESSAGES, locale_dir: Path = LOCALE_DIR) -> str:
    """The locale folder whose catalog serves ``lang``: its own, else its language's.

    As gettext looks up ``en_GB`` then ``en``: a page in ``en-GB`` or ``pt-BR`` takes
    the ``en`` or ``pt`` chrome when no catalog of its own is there (CLDR dates and
    numbers still follow the full tag). Without either, the tag's own folder, whose
    missing file :func:`load_catalog` names.
    """
    if (Path(locale_dir) / lang / "LC_MESSAGES" / f"{domain}.po").is_file():
        return lang  # a folder named exactly so (po_path)
    folder = locale_folder(lang)
    parts = folder.split("_")
    for n in range(len(parts), 0, -1):
        candidate = "_".join(parts[:n])
        if po_path(candidate, domain, locale_dir).is_file():
            return candidate
    return folder


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
    try:
        with open(path, "rb") as fp:
            data = fp.read()
    except FileNotFoundError:
        raise CatalogError(f"catalog {path} does not exist; {_create_advice(Path(path))}") from None
    except OSError as exc:  # a folder, no permission: what Babel's read said before
        raise CatalogError(f"catalog {path} cannot be read: {exc}") from None
    return _parse_po(data, Path(path), lang, domain)


def _parse_po(data: bytes, path: Path, lang: str | None, domain: str | None) -> Catalog:
    """Babel's parse of a ``.po``'s bytes; its errors as :class:`CatalogError`."""
    from babel.messages.pofile import read_po

    try:
        return read_po(io.BytesIO(data), locale=lang, domain=domain, abort_invalid=True)
    except Exception as exc:  # Babel raises PoFileError, ValueError, UnknownLocaleError
        raise CatalogError(f"catalog {path} cannot be read: {exc}") from None


@dataclass(frozen=True)
class PoSource:
    """A ``.po`` as read once: its path, size and sha256, and the bytes themselves.

    Caches of its parse are keyed by it (equal when path and content are: the bytes
    are left out of the comparison, the digest stands for them), so what is parsed is
    exactly what was hashed: a file rewritten between the two cannot be cached under
    the other's key.
    """

    path: str
    size: int
    sha256: str
    data: bytes = field(compare=False, repr=False)


def read_po_source(path: Path) -> PoSource:
    """The content of ``path`` with its digest; OSError as :func:`open` raises it."""
    with open(path, "rb") as fp:
        data = fp.read()
    return PoSource(str(path), len(data), hashlib.sha256(data).hexdigest(), data)


def _po_source(lang: str, domain: str, locale_dir: Path) -> PoSource:
    """The ``.po`` serving ``lang``/``domain`` (:func:`catalog_locale`) as read now; a
    missing or unreadable one is :func:`read_catalog`'s :class:`CatalogError`."""
    path = po_path(lang, domain, locale_dir)
    try:
        return read_po_source(path)
    except FileNotFoundError:
        have = ", ".join(available_locales(locale_dir, domain)) or "none"
        raise CatalogError(
            f"no {domain!r} catalog for locale {lang!r} ({path}); available: {have}. "
            f"Add it with `mtpipe catalogs update --lang {lang}` and translate it"
        ) from None
    except OSError as exc:
        raise CatalogError(f"catalog {path} cannot be read: {exc}") from None


def _create_advice(path: Path) -> str:
    """How to make the missing catalog ``path``: a template by ``catalogs extract``, a
    locale's ``.po`` by ``catalogs update --lang`` (it said only "does not exist")."""
    root = path.parent if path.suffix == ".pot" else path.parent.parent.parent
    where = "" if root.resolve() == LOCALE_DIR.resolve() else f" --locale-dir {root}"
    if path.suffix == ".pot":
        return f"make it with `mtpipe catalogs extract{where}`"
    return f"make it with `mtpipe catalogs update --lang {path.parent.parent.name}{where}`"


def load_catalog(lang: str, domain: str = MESSAGES, locale_dir: Path = LOCALE_DIR) -> Catalog:
    """The parsed catalog for ``lang``/``domain`` (cached until the file's content changes).

    Treat the result as read-only: it is shared between callers.
    """
    lang = catalog_locale(lang, domain, locale_dir)
    return _load_cached(_po_source(lang, domain, Path(locale_dir)), lang, domain)


@lru_cache(maxsize=64)
def _load_cached(source: PoSource, lang: str, domain: str) -> Catalog:
    """Babel's parse of ``source``, once per process and content (the bytes read for
    the key are the bytes parsed)."""
    return _parse_po(source.data, Path(source.path), lang, domain)


@dataclass(frozen=True)
class Entry:
    """A translated catalog entry, as lookups read it (``id``, ``string``, ``context``
    as on Babel's ``Message``: tuples for a plural entry). ``imported``: added by
    ``mtpipe catalogs import`` from a site's language file (its comment says so), whose
    strings page chrome matches more strictly (:func:`pipeline.localise.chrome._index`)."""

    id: str | tuple[str, ...]
    string: str | tuple[str, ...]
    context: str | None
    imported: bool = False


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
    """The translated entries of ``lang``/``domain`` (cached until the file's content changes).

    What page chrome lookups need: the translated entries Babel reads from the
    ``.po`` (:func:`load_catalog`), keyed for lookup. Once per process and content; and,
    since importing Babel's catalog modules and parsing six catalogs cost the first page
    read of every run 40-70 ms of CPU (issue 15), also kept decoded in the user cache
    (:func:`_read_entries_cache`), keyed by the file's path, size and sha256. Reading and
    hashing a ``.po`` costs microseconds; a key of its modification time served the old
    entries after an edit within one clock tick or a restore with an older time (``git
    checkout``, ``cp -p``), and page chrome and the build key (:func:`pipeline.runners.key.
    catalog_digest`) both read these entries. Errors are :func:`load_catalog`'s.
    """
    lang = catalog_locale(lang, domain, locale_dir)
    return _entries_cached(_po_source(lang, domain, Path(locale_dir)), lang, domain)


def translated_string(msgid: str, lang: str, msgctxt: str | None = None) -> str | None:
    """``msgid``'s translation in ``lang``'s ``messages`` catalog as written (placeholders
    unfilled, a plural's first form), or None where the catalog has none: what a stage
    that needs only a catalog's words reads (a byline's "by %s", pipeline.protect.spans),
    with no page-chrome matching. :data:`LOCALE_DIR` is read at each call (a test or a
    tool may point it elsewhere). Errors are :func:`load_entries`'s."""
    entry = load_entries(lang, MESSAGES, Path(LOCALE_DIR)).get(msgid, context=msgctxt)
    if entry is None:
        return None
    return entry.string[0] if isinstance(entry.string, tuple) else entry.string


@lru_cache(maxsize=64)
def _entries_cached(source: PoSource, lang: str, domain: str) -> Entries:
    key = (_ENTRIES_FORMAT, source.path, source.size, source.sha256, lang)
    cached = _read_entries_cache(key)
    if cached is not None:
        return cached
    catalog = _load_cached(source, lang, domain)
    entries = tuple(
        Entry(m.id, m.string, m.context, _imported(m)) for m in translated_messages(catalog)
    )
    found = Entries(entries, catalog.plural_expr)
    _write_entries_cache(key, found)  # parsed from the very bytes the key hashes
    return found


def _imported(message: Message) -> bool:
    """Whether ``catalogs import`` added ``message`` (the importer's mark in its comments)."""
    return any(c.startswith(IMPORT_MARK) for c in message.auto_comments)


# What :mod:`pipeline.localise.importer` writes in the comment of each entry it adds.
IMPORT_MARK = "imported by mtpipe catalogs import"

# Bump when what Babel's entries are cached as changes (Entry, Entries, the file layout).
# 2: keyed by the .po's sha256 instead of its modification time. 3: Entry.imported.
_ENTRIES_FORMAT = 3
_EntriesKey = tuple[int, str, int, str, str]  # format, .po path, size, sha256, locale


@lru_cache(maxsize=1)
def _entries_file() -> type:
    """The cache file's layout, a msgspec Struct that decoding checks every field against
    (defined when first needed: msgspec is imported only by a run that caches)."""
    import msgspec

    class EntriesFile(msgspec.Struct, frozen=True):
        key: _EntriesKey
        messages: tuple[Entry, ...]
        plural_expr: str

    return EntriesFile


def _entries_cache_file(key: _EntriesKey) -> Path | None:
    """The cache file of ``key``'s catalog, one per ``.po`` path and locale (a changed
    ``.po`` rewrites it), or None when caching is off (``MTPIPE_CACHE_DIR=off``)."""
    from pipeline.cache import cache_dir

    folder = cache_dir()
    if folder is None:
        return None
    _, path, _, _, lang = key
    digest = hashlib.sha256(f"{path}\0{lang}".encode("utf-8", "surrogateescape")).hexdigest()
    return folder / "catalogs" / f"{Path(path).stem}-{digest[:16]}.json"


def _read_entries_cache(key: _EntriesKey) -> Entries | None:
    """The cached entries of ``key``; None when there are none, or they are stale or
    damaged (then Babel reads the ``.po`` and the file is rewritten: never an error)."""
    target = _entries_cache_file(key)
    if target is None:
        return None
    import msgspec

    try:
        stored = msgspec.json.decode(target.read_bytes(), type=_entries_file())
    except (OSError, msgspec.DecodeError):  # ValidationError is a DecodeError
        return None
    if stored.key != key:
        return None
    return Entries(stored.messages, stored.plural_expr)


def _write_entries_cache(key: _EntriesKey, entries: Entries) -> None:
    """Write ``entries`` for ``key``, atomically; a folder that cannot be written leaves
    no cache and no error."""
    from pipeline.cache import write_cache_file

    target = _entries_cache_file(key)
    if target is None:
        return
    import msgspec

    try:
        data = msgspec.json.encode(_entries_file()(key, entries.messages, entries.plural_expr))
    except (msgspec.EncodeError, UnicodeError):  # a path that is no UTF-8, say: no cache
        return
    write_cache_file(target, data)


def _singular(msgid: str | tuple[str, ...]) -> str:
    return msgid[0] if isinstance(msgid, tuple) else msgid


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
    the result as read-only: it is shared between callers. Compiled in memory from
    each ``.po`` (cached by their content); a ``.mo`` beside it is never read (see the
    module docstring).
    """
    locale_dir = Path(locale_dir)
    lang = catalog_locale(lang, domain, locale_dir)  # pt-BR: pt_BR/, else pt/
    domains = [domain] + [
        d
        for d in DOMAINS
        if domain == MESSAGES and d != MESSAGES and po_path(lang, d, locale_dir).is_file()
    ]
    # a clear error when the .po is missing; the content each catalog is compiled from
    sources = tuple(_po_source(lang, d, locale_dir) for d in domains)
    return _translations_cached(lang, tuple(domains), sources)


@lru_cache(maxsize=64)
def _translations_cached(
    lang: str, domains: tuple[str, ...], sources: tuple[PoSource, ...]
) -> Translations:
    main, *others = (
        _compiled(_load_cached(source, lang, d), d)
        for d, source in zip(domains, sources, strict=True)
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


def _compiled(catalog: Catalog, domain: str) -> Translations:
    """``catalog`` compiled in memory as ``catalogs compile`` writes a ``.mo`` (fuzzy
    entries left out), read back as gettext translations."""
    from babel.messages.mofile import write_mo
    from babel.support import Translations

    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    buf.seek(0)
    return Translations(buf, domain=domain)
