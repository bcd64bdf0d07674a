"""`mtpipe catalogs import FILE.po|FILE.mo`: a site's WordPress language file -> chrome catalogs.

A WordPress site shows dozens of UI strings from core, its theme and its
plugins ("Posted on", "Read more", "Leave a Reply"); their translations live
in the site's ``.po``/``.mo`` language files, with English msgids like mtpipe's
``messages`` catalog. Importing one merges its translated entries (contexts
and plural forms kept) into ``<locale>/LC_MESSAGES/messages.po``, so the
reader recognises those strings on a page and the localise stage renders them
from the catalog in every language that has them.

Never silent: an entry the catalog already translates differently is a
*conflict*, reported and left as it was; an entry with no words outside its placeholders
(``%1$s %2$s``, ``%s:``) is left out and counted, since as page chrome it would match any
line of article text; fuzzy and untranslated entries of
the file are skipped; an entry whose plural forms do not fit the catalog's
``Plural-Forms`` is a conflict too. New msgids are added to the template
(``messages.pot``, marked so ``catalogs extract`` keeps them) and, since
WordPress msgids are the English text, to the ``en`` catalog as themselves.
The file is read with translate-toolkit, which accepts WordPress's headers
(Babel's reader refuses their ``PO-Revision-Date`` with seconds).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from pipeline.atomic import commit_files
from pipeline.errors import CatalogError, InputError, UsageError
from pipeline.langdata.catalogs import (
    IMPORT_MARK,
    LOCALE_DIR,
    MESSAGES,
    catalog_locale,
    is_translated,
    locale_folder,
    po_path,
    posix_locale_tag,
    pot_path,
    read_catalog,
)
from pipeline.langdata.placeholders import own_words
from pipeline.localise.checks import placeholder_problems


@dataclass
class ImportReport:
    """What an import did, for the CLI to print."""

    lang: str
    added: int = 0
    filled: int = 0
    unchanged: int = 0
    skipped: int = 0  # fuzzy or untranslated in the file
    conflicts: list[str] = field(default_factory=list)
    wordless: list[str] = field(default_factory=list)  # placeholders only: see merge

    def summary(self) -> str:
        wordless = ""
        if self.wordless:
            shown = ", ".join(self.wordless[:3]) + (", …" if len(self.wordless) > 3 else "")
            wordless = (
                f"{len(self.wordless)} left out as placeholders and punctuation only "
                f"({shown}: no words to know a page's chrome by, they would match any line), "
            )
        return (
            f"{self.lang}: {self.added} added, {self.filled} filled, {self.unchanged} unchanged, "
            f"{self.skipped} skipped (fuzzy or untranslated in the file), {wordless}"
            f"{len(self.conflicts)} conflicts kept as they were"
        )


@dataclass(frozen=True)
class Entry:
    msgid: str | tuple[str, str]
    string: str | tuple[str, ...]
    context: str | None


def read_language_file(path: Path) -> tuple[str | None, int | None, list[Entry], int]:
    """(language, plural count, translated entries, skipped count) of a .po or .mo file."""
    if path.suffix.lower() not in (".po", ".mo"):
        raise UsageError(f"{path}: give a gettext .po or .mo file")
    from pipeline.readers.base import check_input_file

    check_input_file(path, "a gettext .po or .mo file")  # missing, a folder, a named pipe
    from translate.storage import mo, pypo

    try:
        store = (pypo.pofile if path.suffix.lower() == ".po" else mo.mofile).parsefile(str(path))
    except Exception as exc:  # translate-toolkit raises ValueError, struct.error and others
        raise InputError(f"{path}: not a readable gettext file ({exc})") from None
    nplurals = _nplurals(store)
    entries, skipped = [], 0
    for unit in store.units:
        if unit.isheader() or not unit.source:
            continue
        if unit.isfuzzy() or not unit.istranslated():
            skipped += 1
            continue
        entries.append(_entry(unit))
    return _header_language(store), nplurals, entries, skipped


def _header_language(store: Any) -> str | None:
    """The file's ``Language`` header as written (``pt_BR``, ``sr@latin``, ``de_DE.UTF-8``):
    translate-toolkit's own reading gives None for a name with an encoding."""
    try:
        value = store.parseheader().get("Language")
    except (AttributeError, ValueError, TypeError):
        value = None
    value = str(value or store.gettargetlanguage() or "").strip()
    return value or None


def _nplurals(store: Any) -> int | None:
    try:
        count = store.getheaderplural()[0]
        return int(count) if count else None
    except (AttributeError, ValueError, TypeError, IndexError):
        return None


def _entry(unit: Any) -> Entry:
    context = unit.getcontext() or None
    if unit.hasplural():
        ids = [str(s) for s in unit.source.strings]
        forms = tuple(str(s) for s in unit.target.strings)
        return Entry((ids[0], ids[1] if len(ids) > 1 else ids[0]), forms, context)
    return Entry(str(unit.source), str(unit.target), context)


def _file_locale(path: Path, header: str | None, locale_dir: Path) -> str:
    """The locale folder a file's ``Language`` header names: its own (``pt_BR/``) when
    there is one, else its language's (``it_IT`` -> ``it/``), as a page's tag finds its
    catalog (:func:`catalog_locale`). The header is read as the POSIX locale name
    gettext writes (:func:`posix_locale_tag`: ``sr@latin`` -> ``sr_Latn``,
    ``de_DE.UTF-8`` -> ``de_DE``): it always dropped the region, and took
    ``sr@latin`` for a folder and ``de_DE.UTF-8`` for no language."""
    if not header:
        raise UsageError(f"{path}: the file names no language (no Language header); give --lang")
    tag = posix_locale_tag(header)
    if tag is None:
        raise InputError(
            f"{path}: the Language header {header!r} is no locale name such as it, pt_BR "
            "or sr@latin; give --lang"
        )
    folder = catalog_locale(tag, MESSAGES, locale_dir)
    if not po_path(folder, MESSAGES, locale_dir).exists():
        raise CatalogError(
            f"{path}: no messages catalog for its Language {header!r} ({tag}) in {locale_dir}; "
            f"create it with {_update_advice(tag, locale_dir)} first"
        )
    return folder


def _update_advice(tag: str, locale_dir: Path) -> str:
    """``--lang`` for a missing catalog: the language with its script (``it``, ``sr_Latn``),
    which serves every region, and the full locale where it has a region."""
    parts = tag.split("-")
    keep = 2 if len(parts) > 1 and len(parts[1]) == 4 else 1  # a script subtag
    general, full = locale_folder("-".join(parts[:keep])), locale_folder(tag)
    where = "" if locale_dir.resolve() == LOCALE_DIR.resolve() else f" --locale-dir {locale_dir}"
    region = f" (or --lang {full} for that region alone)" if full != general else ""
    return f"`mtpipe catalogs update --lang {general}{where}`{region}"


def _label(entry: Entry) -> str:
    msgid = entry.msgid[0] if isinstance(entry.msgid, tuple) else entry.msgid
    return f"{msgid!r}" + (f" (context {entry.context!r})" if entry.context else "")


def merge(catalog: Catalog, entries: list[Entry], report: ImportReport, source: str) -> list[Entry]:
    """Merge ``entries`` into ``catalog``; returns the entries that were new to it."""
    new: list[Entry] = []
    for entry in entries:
        key = entry.msgid[0] if isinstance(entry.msgid, tuple) else entry.msgid
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if isinstance(entry.msgid, tuple) and len(forms) != catalog.num_plurals:
            report.conflicts.append(
                f"{_label(entry)}: {len(forms)} plural forms, the catalog's rule has "
                f"{catalog.num_plurals}; not imported"
            )
            continue
        if not all(own_words(text) for text in (key, *forms)):
            report.wordless.append(_label(entry))  # "%1$s %2$s" made whole articles chrome
            continue
        broken = _broken_placeholders(entry, forms)
        if broken:
            report.conflicts.append(
                f"{_label(entry)}: {broken}; not imported (the page would break, and "
                "`catalogs check` fail): fix it in the file"
            )
            continue
        existing = catalog.get(key, context=entry.context)
        if existing is None:
            catalog.add(entry.msgid, entry.string, context=entry.context, auto_comments=[source])
            report.added += 1
            new.append(entry)
        elif not is_translated(existing):
            existing.string, existing.flags = entry.string, existing.flags - {"fuzzy"}
            report.filled += 1
        elif existing.string == entry.string:
            report.unchanged += 1
        else:
            report.conflicts.append(
                f"{_label(entry)}: the catalog has {existing.string!r}, "
                f"the file has {entry.string!r}; kept the catalog's"
            )
    return new


def _broken_placeholders(entry: Entry, forms: tuple[str, ...]) -> str | None:
    """How a translation's placeholders differ from its msgid's (``%s`` -> ``%d``), or None:
    the check ``catalogs check`` makes, made before merging, so an import never adds what
    would break a page."""
    ids = entry.msgid if isinstance(entry.msgid, tuple) else (entry.msgid,)
    problems = placeholder_problems(ids, forms)
    return f"{'; '.join(problems)} in {entry.string!r}" if problems else None


def _po_bytes(catalog: Catalog) -> bytes:
    buf = io.BytesIO()
    write_po(buf, catalog, width=100, sort_output=False)
    return buf.getvalue()


def _add_to(catalog: Catalog, entries: list[Entry], english: bool) -> None:
    """New msgids into the template (no translation) or the ``en`` catalog (msgid as text)."""
    for entry in entries:
        key = entry.msgid[0] if isinstance(entry.msgid, tuple) else entry.msgid
        if catalog.get(key, context=entry.context) is not None:
            continue
        string: Any = ""
        if english:
            string = entry.msgid if isinstance(entry.msgid, tuple) else key
        elif isinstance(entry.msgid, tuple):
            string = ("", "")
        catalog.add(entry.msgid, string, context=entry.context, auto_comments=[IMPORT_MARK])


def import_catalog(
    path: str | Path, lang: str | None = None, locale_dir: Path = LOCALE_DIR
) -> ImportReport:
    """Merge a WordPress language file into the ``messages`` catalogs (see the module doc)."""
    path = Path(path)
    file_lang, _, entries, skipped = read_language_file(path)
    lang = lang or _file_locale(path, file_lang, Path(locale_dir))
    target = po_path(lang, MESSAGES, locale_dir)
    if not target.exists():
        raise CatalogError(
            f"no messages catalog for {lang!r} ({target}); "
            f"create it with `mtpipe catalogs update --lang {lang}` first"
        )
    catalog = read_catalog(target, lang, MESSAGES)
    report = ImportReport(lang=lang, skipped=skipped)
    new = merge(catalog, entries, report, f"{IMPORT_MARK} from {path.name}")
    files = {str(target.relative_to(locale_dir)): _po_bytes(catalog)}
    template_path = pot_path(MESSAGES, locale_dir)
    if new and template_path.exists():
        template = read_catalog(template_path, None, MESSAGES)
        _add_to(template, new, english=False)
        files[str(template_path.relative_to(locale_dir))] = _po_bytes(template)
    english_path = po_path("en", MESSAGES, locale_dir)
    if new and lang != "en" and english_path.exists():
        english = read_catalog(english_path, "en", MESSAGES)
        _add_to(english, new, english=True)
        files[str(english_path.relative_to(locale_dir))] = _po_bytes(english)
    commit_files(locale_dir, files)  # all catalogs or none
    return report
