"""The catalog workflow: extract -> update -> compile, plus stats (Babel's own machinery).

``extract`` reads msgids from the pipeline's Python code and Jinja2 templates
following ``babel.cfg`` into ``messages.pot``. ``categories.pot`` is the site
taxonomy: data, edited by hand, not extracted. ``update`` merges each template
into every locale's ``.po`` (the ``en`` catalog is the identity: new entries get
their msgid as translation). ``compile`` writes ``.mo`` files, only where the
compiled ``.po`` differs from the ``.mo`` there. Every file is written through a temp
file and ``os.replace``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from pipeline import __version__
from pipeline.atomic import OutputSetting, atomic_open, output_setting
from pipeline.config import DEFAULTS_DIR, PROJECT_ROOT
from pipeline.errors import CatalogError, listing_error
from pipeline.langdata.catalogs import (
    DOMAINS,
    LOCALE_DIR,
    MESSAGES,
    available_locales,
    is_translated,
    mo_path,
    po_path,
    pot_path,
    read_catalog,
)
from pipeline.localise.strings import EXTRACT_KEYWORDS

SOURCE_LANG = "en"  # the language of the msgids
PROJECT = "mtpipe"
HEADER = """\
# {subject} for mtpipe.
# WordPress strings carry WordPress core's own translations (GPL-2.0-or-later).
# Edit msgstr lines here; `mtpipe catalogs update` merges new msgids, `check` validates."""
MAPPING_FILE = DEFAULTS_DIR / "babel.cfg"  # package data: extraction works from a wheel too
COMMENT_TAGS = ("TRANSLATORS:",)

# gettext plural rules, as in GNU gettext and WordPress (French: n > 1). Babel's CLDR-derived
# defaults add a "many" form for millions, which neither WordPress nor our templates use.
PLURAL_FORMS = {
    "en": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "it": "nplurals=2; plural=(n != 1);",
}


def extract(
    root: Path = PROJECT_ROOT, mapping: Path = MAPPING_FILE, locale_dir: Path = LOCALE_DIR
) -> Path:
    """Extract msgids under ``root`` per the mapping file into ``<locale_dir>/messages.pot``."""
    try:
        with open(mapping, encoding="utf-8") as fp:
            method_map, options_map = parse_mapping_cfg(fp, filename=str(mapping))
    except FileNotFoundError:
        raise CatalogError(f"extraction mapping {mapping} does not exist") from None
    template = Catalog(
        project=PROJECT,
        version=__version__,
        domain=MESSAGES,
        fuzzy=False,
        header_comment=HEADER.format(subject="Translations template"),
    )
    keywords = {**DEFAULT_KEYWORDS, **EXTRACT_KEYWORDS}
    found = extract_from_dir(
        str(root),
        method_map,
        options_map,
        keywords=keywords,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    try:
        for filename, lineno, message, comments, context in found:
            path = Path(filename).as_posix()
            template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    except Exception as exc:  # a template or module the extractor cannot parse
        raise CatalogError(f"message extraction under {root} failed: {exc}") from None
    _keep_imported(template, locale_dir)
    out = pot_path(MESSAGES, locale_dir)
    if not _same_template(template, out):
        write_catalog(template, out, width=100)
    return out


_CREATION_DATE = re.compile(rb'^"POT-Creation-Date: [^"]*"$', re.MULTILINE)


def _same_template(template: Catalog, path: Path) -> bool:
    """True when ``path`` already holds ``template`` but for its creation date.

    A template rewritten for a new date alone would dirty a tracked file at every
    extraction; ``catalogs update`` needs only the messages.
    """
    buf = io.BytesIO()
    write_po(buf, template, width=100)
    try:
        old = path.read_bytes()
    except OSError:
        return False
    return _CREATION_DATE.sub(b"", old) == _CREATION_DATE.sub(b"", buf.getvalue())


def update(
    locales: Iterable[str] | None = None,
    domains: Iterable[str] = DOMAINS,
    locale_dir: Path = LOCALE_DIR,
) -> list[Path]:
    """Merge each domain's ``.pot`` into the ``.po`` of every locale (created if absent)."""
    written = []
    for domain in domains:
        for lang in locales or available_locales(locale_dir, domain):
            # A fresh template each time: Catalog.update shares the template's Message objects.
            template = read_catalog(pot_path(domain, locale_dir), domain=domain)
            path = po_path(lang, domain, locale_dir)
            if path.is_file():
                catalog = read_catalog(path, lang, domain)
            else:
                catalog = Catalog(
                    locale=lang,
                    domain=domain,
                    project=PROJECT,
                    version=__version__,
                    fuzzy=False,
                    header_comment=HEADER.format(subject=f"{lang} translations"),
                )
                if lang in PLURAL_FORMS:
                    catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS[lang])]
            # Short UI strings make poor fuzzy matches ("Comment" ~ "%(num)d Comment").
            catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
            if lang == SOURCE_LANG:
                _fill_identity(catalog)
            write_catalog(catalog, path, width=100)
            written.append(path)
    return written


def _fill_identity(catalog: Catalog) -> None:
    for message in catalog:
        if message.id and not is_translated(message) and not message.fuzzy:
            message.string = message.id


def compile_catalogs(
    locales: Iterable[str] | None = None,
    domains: Iterable[str] = DOMAINS,
    locale_dir: Path = LOCALE_DIR,
    force: bool = False,
) -> list[Path]:
    """Write the ``.mo`` files whose ``.po`` compiles to other bytes (fuzzy entries left
    out); ``force``: every one. The paths written.

    Decided by content, not modification time: a ``.po`` put back with an older time
    (``cp -p``, ``git checkout`` of an older revision, a tar) was skipped beside the
    newer ``.mo`` of other entries, which then stayed stale. Each ``.po`` is compiled in
    memory (six catalogs: milliseconds) and compared with the ``.mo`` there.

    Like ``pybabel compile``, refuses (CatalogError, nothing written) when any
    entry would break a page: what ``catalogs check`` reports, except missing
    and fuzzy translations, which gettext replaces by the msgid.
    """
    from pipeline.localise.checks import catalogs_to_check, check_catalog, header_line

    todo = []
    for lang, domain in catalogs_to_check(locales, domains, locale_dir):
        po, mo = po_path(lang, domain, locale_dir), mo_path(lang, domain, locale_dir)
        catalog = read_catalog(po, lang, domain)
        compiled = io.BytesIO()
        write_mo(compiled, catalog, use_fuzzy=False)
        if force or _read_or_none(mo) != compiled.getvalue():
            todo.append((mo, catalog, po, compiled.getvalue()))
    broken = [
        p
        for _, cat, po, _ in todo
        for p in check_catalog(cat, po, True, header_line(po))
        if p.broken
    ]
    if broken:
        raise listing_error(
            CatalogError,
            f"not compiled: {len(broken)} entr{'y' if len(broken) == 1 else 'ies'} "
            "would break pages (fix them; `mtpipe catalogs check` lists all):",
            broken,
        )
    for mo, _, _, data in todo:
        _atomic_write(mo, lambda fp, d=data: fp.write(d))
    return [mo for mo, _, _, _ in todo]


def _read_or_none(path: Path) -> bytes | None:
    """A file's bytes; None when it is missing or no regular file (then it is written)."""
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


@dataclass(frozen=True)
class Stats:
    """One catalog's counts. ``missing`` includes ``not_merged``: template msgids the
    catalog lacks altogether (new since the last ``catalogs update``, such as those
    ``catalogs import`` added), counted as ``catalogs check`` counts them, not left out
    (stats said 100% done while check failed)."""

    lang: str
    domain: str
    translated: int
    fuzzy: int
    missing: int
    not_merged: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.missing

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def stats(
    locales: Iterable[str] | None = None,
    domains: Iterable[str] = DOMAINS,
    locale_dir: Path = LOCALE_DIR,
) -> list[Stats]:
    """Per locale and domain: translated, fuzzy and missing entry counts (missing: empty
    entries and the template's msgids the catalog lacks)."""
    from pipeline.localise.checks import catalogs_to_check

    rows = []
    templates: dict[str, set] = {}
    for lang, domain in catalogs_to_check(locales, domains, locale_dir):
        catalog = read_catalog(po_path(lang, domain, locale_dir), lang, domain)
        entries = [m for m in catalog if m.id]
        done = sum(is_translated(m) for m in entries)
        fuzzy = sum(bool(m.fuzzy) for m in entries)
        if domain not in templates:
            templates[domain] = _template_keys(domain, locale_dir)
        absent = len(templates[domain] - {(m.id, m.context) for m in entries})
        rows.append(Stats(lang, domain, done, fuzzy, len(entries) - done - fuzzy + absent, absent))
    return rows


def _template_keys(domain: str, locale_dir: Path) -> set:
    """``(msgid, msgctxt)`` of every entry of the domain's template (none without one)."""
    path = pot_path(domain, locale_dir)
    if not path.is_file():
        return set()
    return {(m.id, m.context) for m in read_catalog(path, domain=domain) if m.id}


def write_catalog(catalog: Catalog, path: Path, **options: object) -> None:
    """Write a ``.po``/``.pot`` atomically (sorted by file location, obsolete entries kept)."""
    _atomic_write(path, lambda fp: write_po(fp, catalog, **options))


# The setting that chooses the catalogs' folder, as a write error's fix names it: the
# default pipeline/locale may lie in a read-only install (atomic.write_error_fix).
CATALOG_FOLDER = OutputSetting(
    "--locale-dir", "catalog folder", "folder", "--locale-dir $HOME/mtpipe-locale"
)


def _atomic_write(path: Path, writer: Callable) -> None:
    """Write through a temp file (none left behind on failure); OutputError (one line,
    the folder, the cause and its fix) when it cannot be written."""
    with output_setting(CATALOG_FOLDER), atomic_open(path, "wb") as fp:
        writer(fp)


def _keep_imported(template: Catalog, locale_dir: Path) -> None:
    """Keep the msgids ``catalogs import`` added to the template (a site's UI strings)."""
    from pipeline.localise.importer import IMPORT_MARK

    old = pot_path(MESSAGES, locale_dir)
    if not old.exists():
        return
    for message in read_catalog(old, None, MESSAGES):
        if IMPORT_MARK in message.auto_comments and message.id not in template:
            template.add(message.id, message.string, context=message.context,
                         auto_comments=message.auto_comments)  # fmt: skip
