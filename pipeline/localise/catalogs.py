"""Load the gettext catalogs in ``pipeline/locale`` (Babel).

Layout: ``<LOCALE_DIR>/<lang>/LC_MESSAGES/<domain>.po`` with templates
``<LOCALE_DIR>/<domain>.pot``. Domains: ``messages`` (UI strings, English
msgids) and ``categories`` (taxonomy names).

The ``.po`` files are the source of truth and what the code reads, so nothing
depends on ``make catalogs`` having run. Every reader here parses them with Babel;
page chrome lookups during a run (:func:`load_entries`) keep only the translated
entries, keyed for lookup, and keep them decoded in the user cache folder
(``$MTPIPE_CACHE_DIR``, as for wordfreq's lists; ``off`` turns it off) for later runs.
A locale's folder is its tag in gettext's form
(:func:`locale_folder`, ``pt-BR`` -> ``pt_BR``), and a tag without a catalog of its
own reads its language's (:func:`catalog_locale`, ``en-GB`` -> ``en``). :func:`translations`
(for Jinja2 and gettext callers) uses the compiled ``.mo`` when it is at least
as new as its ``.po`` and otherwise compiles the ``.po`` in memory. Fuzzy
entries count as untranslated everywhere, as in a compiled ``.mo``.
"""

from __future__ import annotations

import hashlib
import io
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
    from babel.messages.pofile import read_po

    try:
        with open(path, "rb") as fp:
            return read_po(fp, locale=lang, domain=domain, abort_invalid=True)
    except FileNotFoundError:
        raise CatalogError(f"catalog {path} does not exist; {_create_advice(Path(path))}") from None
    except Exception as exc:  # Babel raises PoFileError, ValueError, UnknownLocaleError
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
    """The parsed catalog for ``lang``/``domain`` (cached until the file changes).

    Treat the result as read-only: it is shared between callers.
    """
    lang = catalog_locale(lang, domain, locale_dir)
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

    What page chrome lookups need: the translated entries Babel reads from the
    ``.po`` (:func:`load_catalog`), keyed for lookup. Once per process and file; and,
    since importing Babel's catalog modules and parsing six catalogs cost the first page
    read of every run 40-70 ms of CPU (issue 15), also kept decoded in the user cache
    (:func:`_read_entries_cache`), keyed by the file's path, size and modification time.
    Errors are :func:`load_catalog`'s.
    """
    lang = catalog_locale(lang, domain, locale_dir)
    path = po_path(lang, domain, locale_dir)
    try:
        stat = path.stat()
    except FileNotFoundError:
        load_catalog(lang, domain, locale_dir)  # raises the missing-catalog error
        raise
    return _entries_cached(str(path), stat.st_size, stat.st_mtime_ns, lang, domain, str(locale_dir))


@lru_cache(maxsize=64)
def _entries_cached(
    path: str, size: int, mtime_ns: int, lang: str, domain: str, locale_dir: str
) -> Entries:
    key = (_ENTRIES_FORMAT, path, size, mtime_ns, lang)
    cached = _read_entries_cache(key)
    if cached is not None:
        return cached
    catalog = load_catalog(lang, domain, Path(locale_dir))
    entries = tuple(Entry(m.id, m.string, m.context) for m in translated_messages(catalog))
    found = Entries(entries, catalog.plural_expr)
    try:
        unchanged = _file_stamp(Path(path)) == (size, mtime_ns)
    except OSError:
        unchanged = False
    if unchanged:  # not a file rewritten while Babel read it: the key would not be its
        _write_entries_cache(key, found)
    return found


def _file_stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


# Bump when what Babel's entries are cached as changes (Entry, Entries, the file layout).
_ENTRIES_FORMAT = 1
_EntriesKey = tuple[int, str, int, int, str]  # format, .po path, size, mtime_ns, locale


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
    the result as read-only: it is shared between callers.
    """
    locale_dir = Path(locale_dir)
    lang = catalog_locale(lang, domain, locale_dir)  # pt-BR: pt_BR/, else pt/
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
