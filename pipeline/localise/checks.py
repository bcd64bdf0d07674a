"""``mtpipe catalogs check``: problems that would show up on a page, found before they do.

Per entry: a missing or fuzzy translation, placeholders (``%s``, ``%(name)s``,
``{n}``) that differ between msgid and translation, and plural entries whose
number of forms does not fit the catalog's ``Plural-Forms`` rule, and a
``Plural-Forms`` rule that disagrees with CLDR about which counts are singular. Babel's own
checkers (``Catalog.check``: python-format compatibility, plural count) run too.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from pipeline.errors import CatalogError, InputError, listing_error
from pipeline.langdata.catalogs import (
    DOMAINS,
    LOCALE_DIR,
    available_locales,
    po_path,
    pot_path,
    read_catalog,
)
from pipeline.langdata.placeholders import placeholder_mismatch, placeholders

MISSING = "missing translation"
FUZZY = "fuzzy translation (review it, then remove the fuzzy flag)"
# Entries a page can do without: gettext shows the msgid instead, as a compiled .mo does.
INCOMPLETE = (MISSING, FUZZY)


@dataclass(frozen=True)
class Problem:
    """One problem of one entry. ``lineno``: the entry's line in ``path``, None where it has
    none (an entry only the template holds, a header Babel gives no line): the message
    then names the file alone, never line 0."""

    path: Path
    lineno: int | None
    msgid: str
    msgctxt: str | None
    problem: str

    @property
    def broken(self) -> bool:
        """True when the entry would break a page (not merely untranslated or fuzzy)."""
        return not self.problem.startswith(INCOMPLETE)

    def __str__(self) -> str:
        ctx = f" (context {self.msgctxt!r})" if self.msgctxt else ""
        where = f"{self.path}:{self.lineno}" if self.lineno else str(self.path)
        what = f"msgid {self.msgid!r}{ctx}: " if self.msgid else ""
        return f"{where}: {what}{self.problem}"


def plural_header_problem(catalog: Catalog) -> str | None:
    """Does the ``Plural-Forms`` rule pick the singular exactly where CLDR says "one"?

    gettext catalogs use two forms for French and Italian where CLDR adds a
    "many" category for millions, so the rule is compared with CLDR's one /
    not-one split on 0..1000, which is what a reader sees; a header copied from
    another language (``n != 1`` in French, where 0 is singular) fails.
    """
    if catalog.locale is None or catalog.num_plurals < 2:
        return None
    rule = gettext.c2py(catalog.plural_expr)
    for n in range(1001):
        cldr_one = catalog.locale.plural_form(n) == "one"
        if (rule(n) == 0) != cldr_one:
            return (
                f"Plural-Forms header {catalog.plural_forms!r} gives form {rule(n)} for n={n}, "
                f"but CLDR has n={n} as {'singular' if cldr_one else 'plural'} in "
                f"{catalog.locale_identifier}"
            )
    return None


def check_catalog(
    catalog: Catalog, path: Path, allow_fuzzy: bool = False, header_line: int | None = None
) -> list[Problem]:
    """Every problem in one parsed catalog, in file order.

    ``header_line``: the line of the ``Plural-Forms`` header in ``path``
    (:func:`header_line`), which Babel does not record; None names the file alone.
    """
    problems: list[Problem] = []
    header = plural_header_problem(catalog)
    if header:
        problems.append(Problem(path, header_line, "", None, header))
    babel_errors = {id(m): errs for m, errs in catalog.check()}
    for message in catalog:
        if not message.id:
            continue
        # Babel's findings overlap ours; they are reported only where ours found nothing.
        own = _message_problems(message, catalog, allow_fuzzy)
        texts = own or [f"babel: {err}" for err in babel_errors.get(id(message), ())]
        problems.extend(_problem(path, message, text) for text in texts)
    return problems


def _message_problems(message: Message, catalog: Catalog, allow_fuzzy: bool) -> list[str]:
    ids = message.id if isinstance(message.id, tuple) else (message.id,)
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    if message.fuzzy and not allow_fuzzy:
        return [FUZZY]
    if isinstance(message.id, tuple) and len(forms) != catalog.num_plurals:
        return [
            f"broken plural: {len(forms)} forms, but {catalog.locale_identifier} needs "
            f"{catalog.num_plurals} ({catalog.plural_forms})"
        ]
    out = []
    missing = [i for i, f in enumerate(forms) if not f]
    if missing and len(ids) > 1 and len(missing) < len(forms):
        out.append(
            f"broken plural: form(s) {', '.join(map(str, missing))} empty "
            f"({catalog.locale_identifier} needs {catalog.num_plurals}: {catalog.plural_forms})"
        )
    elif missing:
        out.append(MISSING)
    return out + placeholder_problems(ids, forms)


def placeholder_problems(ids: tuple[str, ...], forms: tuple[str, ...]) -> list[str]:
    """Each translation form whose placeholders differ from its msgid's (a page would break).

    Form 0 is the singular; every other form is checked against the plural msgid. See
    :func:`_singular_fits` for what a plural entry's singular may do. Used by ``check``
    and by ``catalogs import`` (which never merges such an entry).
    """
    out = []
    for i, form in enumerate(forms):
        if not form:
            continue
        source = ids[0] if i == 0 or len(ids) == 1 else ids[1]
        mismatch = placeholder_mismatch(source, form)
        if mismatch and len(ids) > 1 and i == 0:
            if _singular_fits(ids, form):
                continue
            mismatch = placeholder_mismatch(ids[1], form)
        if mismatch:
            where = f"msgstr[{i}]: " if len(ids) > 1 else ""
            out.append(where + mismatch)
    return out


def _singular_fits(ids: tuple[str, ...], form: str) -> bool:
    """Whether a plural entry's singular ``form`` takes only placeholders its msgids have
    and leaves out at most one of the plural msgid's.

    The singular is shown for one thing, so it may write the count as a word: WordPress's
    "Una risposta a %2$s" for "%1$s Reply to %2$s". GNU msgfmt's non-strict check of
    ``msgstr[0]`` (gettext ``format.h``: with ``equality`` false the translation may
    have fewer directives, never others) would accept dropping them all, but "Una
    risposta" then loses the title a page shows; one left out is the count.
    """
    mine = set(placeholders(form))
    plural = set(placeholders(ids[1]))
    return mine <= plural | set(placeholders(ids[0])) and len(plural - mine) <= 1


def _msgid(message: Message) -> str:
    return message.id[0] if isinstance(message.id, tuple) else message.id


def _problem(path: Path, message: Message, text: str) -> Problem:
    return Problem(path, message.lineno or None, _msgid(message), message.context, text)


def header_line(path: Path, name: str = "Plural-Forms") -> int | None:
    """The line of the header ``name`` in the PO file ``path``; None when it has none."""
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return None
    for number, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(f'"{name}:'):
            return number
    return None


def missing_from_template(
    catalog: Catalog, path: Path, template: Catalog | None, template_path: Path | None = None
) -> list[Problem]:
    """Template msgids the catalog lacks altogether (an empty or stale ``.po``).

    Such an entry has no line in ``path`` (it was reported as ``path:0``): the problem
    names the file alone, and the entry's line in the template.
    """
    if template is None:
        return []
    have = {(m.id, m.context) for m in catalog if m.id}
    problems = []
    for m in template:
        if not m.id or (m.id, m.context) in have:
            continue
        where = f"{template_path}:{m.lineno}; " if template_path and m.lineno else ""
        text = f"{MISSING} (not in the catalog: {where}run catalogs update)"
        problems.append(Problem(path, None, _msgid(m), m.context, text))
    return problems


def catalogs_to_check(
    locales: Iterable[str] | None, domains: Iterable[str], locale_dir: Path
) -> list[tuple[str, str]]:
    """``(lang, domain)`` pairs to check; InputError when the folder holds none."""
    root = Path(locale_dir)
    if not root.is_dir():
        raise InputError(f"locale folder {root} does not exist; give the folder of the catalogs")
    pairs = [(lang, d) for d in domains for lang in locales or available_locales(root, d)]
    if not pairs:
        raise InputError(f"locale folder {root} holds no catalogs (LANG/LC_MESSAGES/DOMAIN.po)")
    return pairs


def find_problems(
    locales: Iterable[str] | None = None,
    domains: Iterable[str] = DOMAINS,
    locale_dir: Path = LOCALE_DIR,
    allow_fuzzy: bool = False,
) -> tuple[int, list[Problem]]:
    """How many entries were checked, and every problem of the catalogs, in file order."""
    problems: list[Problem] = []
    checked = 0
    for lang, domain in catalogs_to_check(locales, domains, locale_dir):
        path = po_path(lang, domain, locale_dir)
        catalog = read_catalog(path, lang, domain)
        template_path = pot_path(domain, locale_dir)
        template = read_catalog(template_path, domain=domain) if template_path.is_file() else None
        checked += sum(1 for m in catalog if m.id)
        problems.extend(check_catalog(catalog, path, allow_fuzzy, header_line(path)))
        problems.extend(missing_from_template(catalog, path, template, template_path))
    return checked, problems


def check(
    locales: Iterable[str] | None = None,
    domains: Iterable[str] = DOMAINS,
    locale_dir: Path = LOCALE_DIR,
    allow_fuzzy: bool = False,
) -> int:
    """Check the catalogs; return how many entries passed, or raise :class:`CatalogError`.

    The error message lists every problem, one per line, each naming file, line,
    msgid and what is wrong. A missing folder, or one without catalogs, is an
    InputError.
    """
    checked, problems = find_problems(locales, domains, locale_dir, allow_fuzzy)
    if problems:
        raise listing_error(CatalogError, _heading(problems), problems)
    return checked


def _heading(problems: list[Problem]) -> str:
    """The count, and what to do about untranslated entries (a site's imported strings).

    After ``catalogs import`` of one language's file, every other locale lacks its new
    strings: 70 lines of "missing translation" said what, never how to fill them.
    """
    heading = f"{len(problems)} catalog problem(s)"
    missing = sorted({p.path.parent.parent.name for p in problems if p.problem.startswith(MISSING)})
    if not missing:
        return heading + ":"
    lang = missing[0] if len(missing) == 1 else "LANG"
    return (
        f"{heading} (untranslated in {', '.join(missing)}: translate them in the .po file, "
        "import the site's language file with `mtpipe catalogs import`, or draft them by MT "
        f"with `mtpipe catalogs fill --lang {lang}`, fuzzy until reviewed):"
    )
