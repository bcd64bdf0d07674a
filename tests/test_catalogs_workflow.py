"""Catalog workflow: extract from code and templates, update .po files, compile, stats."""

from __future__ import annotations

import os
import shutil
import textwrap

import pytest

from pipeline.errors import CatalogError
from pipeline.langdata.catalogs import LOCALE_DIR, mo_path, po_path, pot_path, read_catalog
from pipeline.localise.workflow import MAPPING_FILE, compile_catalogs, extract, stats, update


@pytest.fixture
def project(tmp_path):
    """A small project: babel.cfg, one module, one template, and a copy of the catalogs."""
    shutil.copy(MAPPING_FILE, tmp_path / "babel.cfg")
    (tmp_path / "pipeline" / "templates").mkdir(parents=True)
    (tmp_path / "pipeline" / "mod.py").write_text(
        textwrap.dedent(
            """
            from gettext import gettext as _
            from pipeline.localise.strings import N_, NC_

            HOME = N_("Home")
            POST = NC_("verb", "Post")
            # TRANSLATORS: shown when nothing matched.
            EMPTY = _("Nothing found for %(query)s")
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "pipeline" / "templates" / "page.html").write_text(
        "<h1>{{ _('Other languages') }}</h1>"
        "{% trans count=n %}{{ count }} reader{% pluralize %}{{ count }} readers{% endtrans %}",
        encoding="utf-8",
    )
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale, ignore=shutil.ignore_patterns("*.mo"))
    return tmp_path, locale


def test_extract_reads_python_markers_and_jinja_templates(project):
    root, locale = project
    pot = read_catalog(extract(root, root / "babel.cfg", locale))
    assert pot.get("Home") is not None
    assert pot.get("Post", context="verb") is not None
    empty = pot.get("Nothing found for %(query)s")
    assert empty.auto_comments == ["shown when nothing matched."]
    assert "python-format" in empty.flags
    assert pot.get("Other languages").locations[0][0] == "pipeline/templates/page.html"
    assert pot.get("%(count)s reader").id == ("%(count)s reader", "%(count)s readers")


def test_extract_leaves_the_template_alone_when_only_the_date_would_change(project):
    root, locale = project
    pot = extract(root, root / "babel.cfg", locale)
    stale = pot.read_text(encoding="utf-8").replace(
        "POT-Creation-Date: 20", "POT-Creation-Date: 19"
    )
    pot.write_text(stale, encoding="utf-8")
    extract(root, root / "babel.cfg", locale)
    assert pot.read_text(encoding="utf-8") == stale  # same messages: the file is not rewritten
    (root / "pipeline" / "more.py").write_text(
        'from gettext import gettext as _\nX = _("Archive")\n'
    )
    assert read_catalog(extract(root, root / "babel.cfg", locale)).get("Archive") is not None


def test_extract_reports_a_broken_template(project):
    root, locale = project
    (root / "pipeline" / "templates" / "bad.html").write_text("{% trans %}x", encoding="utf-8")
    with pytest.raises(CatalogError, match="extraction .* failed"):
        extract(root, root / "babel.cfg", locale)


def test_update_merges_new_and_obsolete_entries_keeping_translations(project):
    root, locale = project
    extract(root, root / "babel.cfg", locale)
    update(["en", "fr"], ["messages"], locale)  # en first: its identity must not leak
    fr = read_catalog(po_path("fr", locale_dir=locale), "fr", "messages")
    assert fr.get("Home").string == "Accueil"  # kept
    assert fr.get("Nothing found for %(query)s").string == ""  # new, to translate
    assert "Leave a Reply" in fr.obsolete  # not in this project's code any more
    en = read_catalog(po_path("en", locale_dir=locale), "en", "messages")
    assert en.get("Nothing found for %(query)s").string == "Nothing found for %(query)s"


def test_update_creates_a_new_locale_with_the_gettext_plural_rule(project):
    root, locale = project
    update(["fr"], ["categories"], locale)
    shutil.rmtree(locale / "fr")
    update(["fr"], ["categories"], locale)
    fr = read_catalog(po_path("fr", "categories", locale), "fr", "categories")
    assert (fr.num_plurals, fr.plural_expr) == (2, "(n > 1)")
    assert {m.id for m in fr if m.id} == {
        m.id for m in read_catalog(pot_path("categories", locale)) if m.id
    }


def test_compile_writes_mo_only_where_the_po_changed(project):
    _, locale = project
    first = compile_catalogs(locale_dir=locale)
    assert len(first) == 6 and all(p.is_file() for p in first)
    assert compile_catalogs(locale_dir=locale) == []
    po, mo = po_path("it", "categories", locale), mo_path("it", "categories", locale)
    st = mo.stat()
    os.utime(po, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # touched: the same entries
    assert compile_catalogs(locale_dir=locale) == []
    assert mo.stat().st_mtime_ns == st.st_mtime_ns  # not even rewritten
    assert compile_catalogs(locale_dir=locale, force=True) == first


def _translated(mo_file, msgid: str) -> str:
    import gettext

    with mo_file.open("rb") as fh:
        return gettext.GNUTranslations(fh).gettext(msgid)


def _set_msgstr(po, msgid: str, msgstr: str) -> None:
    text = po.read_text(encoding="utf-8")
    head, sep, rest = text.partition(f'msgid "{msgid}"\nmsgstr "')
    assert sep, msgid
    po.write_text(head + sep + msgstr + rest[rest.index('"') :], encoding="utf-8")


def test_a_po_put_back_with_an_older_time_is_compiled(project):
    """``cp -p`` or ``git checkout`` of an older .po leaves it older than the .mo compiled
    from the newer one: by modification time it was skipped and the .mo stayed stale."""
    _, locale = project
    po, mo = po_path("it", locale_dir=locale), mo_path("it", locale_dir=locale)
    compile_catalogs(locale_dir=locale)
    assert _translated(mo, "Home") != "Casa (old)"
    old = po.stat()
    _set_msgstr(po, "Home", "Casa (old)")  # the older revision, restored with its time
    os.utime(po, ns=(old.st_atime_ns, mo.stat().st_mtime_ns - 10**9))
    assert compile_catalogs(locale_dir=locale) == [mo]
    assert _translated(mo, "Home") == "Casa (old)"
    assert compile_catalogs(locale_dir=locale) == []


def test_a_mo_that_is_no_compile_of_its_po_is_written_again(project):
    """The same kind, from the .mo's side: a .mo newer than its .po but not compiled from
    it (copied from another checkout, cut short by a full disk) is replaced."""
    _, locale = project
    compile_catalogs(locale_dir=locale)
    mo = mo_path("fr", "categories", locale)
    good = mo.read_bytes()
    mo.write_bytes(good[: len(good) // 2])
    os.utime(mo, ns=(0, po_path("fr", "categories", locale).stat().st_mtime_ns + 10**9))
    assert compile_catalogs(locale_dir=locale) == [mo]
    assert mo.read_bytes() == good


def test_stats_count_translated_fuzzy_and_missing(project):
    _, locale = project
    path = po_path("it", locale_dir=locale)
    text = path.read_text(encoding="utf-8")
    text = text.replace('msgstr "Annulla risposta"', 'msgstr ""')
    text = text.replace('msgid "Home"', '#, fuzzy\nmsgid "Home"')
    path.write_text(text, encoding="utf-8")
    rows = {(r.lang, r.domain): r for r in stats(locale_dir=locale)}
    it, fr = rows[("it", "messages")], rows[("fr", "messages")]
    assert (it.translated, it.fuzzy, it.missing) == (fr.translated - 2, 1, 1)
    assert fr.percent == 100.0 and it.total == fr.total


def test_the_committed_catalogs_are_what_catalogs_update_writes(tmp_path):
    """`make catalogs-update` on a fresh checkout changes no committed catalog byte: the
    files had drifted (source references, dates, a final blank line), so a new user's tree
    went dirty and, as the run's build key hashes the catalogs' bytes, every article went
    out of date. A template edit that moves a string needs `make catalogs-update` too."""
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale, ignore=shutil.ignore_patterns("*.mo"))
    extract(locale_dir=locale)
    update(locale_dir=locale)
    shipped = sorted(p.relative_to(LOCALE_DIR) for p in LOCALE_DIR.rglob("*.po*"))
    assert shipped == sorted(p.relative_to(locale) for p in locale.rglob("*.po*"))
    stale = [str(p) for p in shipped if (locale / p).read_bytes() != (LOCALE_DIR / p).read_bytes()]
    assert not stale, f"run `make catalogs-update` and commit: {stale} differ"
