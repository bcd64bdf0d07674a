"""Loading catalogs: from the .po (a compiled .mo is never read), gettext for Jinja2."""

from __future__ import annotations

import os
import shutil

import jinja2
import pytest
from babel.messages.mofile import write_mo

from pipeline.errors import CatalogError
from pipeline.langdata.catalogs import (
    LOCALE_DIR,
    load_catalog,
    load_entries,
    mo_path,
    po_path,
    read_catalog,
    translations,
)


@pytest.fixture
def locale_copy(tmp_path):
    """The shipped .po files without any compiled .mo."""
    dst = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, dst, ignore=shutil.ignore_patterns("*.mo"))
    return dst


def test_shipped_catalogs_have_the_wordpress_chrome():
    fr = load_catalog("fr")
    assert fr.get("Leave a Reply").string == "Laisser un commentaire"
    assert fr.get("Comment", context="noun").string == "Commentaire"
    assert fr.num_plurals == 2 and fr.plural_expr == "(n > 1)"
    en = load_catalog("en")
    assert all(m.string == m.id for m in en if m.id)  # en is the identity


def test_translations_work_without_compiled_mo(locale_copy):
    assert not list(locale_copy.rglob("*.mo"))
    t = translations("it", locale_dir=locale_copy)
    assert t.gettext("Leave a Reply") == "Lascia un commento"
    assert t.dgettext("categories", "Italy") == "Italia"
    assert t.ngettext("%(num)d Comment", "%(num)d Comments", 1) == "%(num)d commento"
    assert t.ngettext("%(num)d Comment", "%(num)d Comments", 0) == "%(num)d commenti"


@pytest.mark.parametrize("offset_s", [+1, -1, 0])
def test_a_compiled_mo_never_changes_what_is_rendered(locale_copy, offset_s):
    """The bundle took a .mo at least as new as its .po: a .po restored with an older
    time (`git checkout`, `cp -p`) rendered the stale .mo while page chrome read the .po.
    The .po is the source of truth, whatever the times say."""
    po, mo = po_path("fr", locale_dir=locale_copy), mo_path("fr", locale_dir=locale_copy)
    catalog = read_catalog(po, "fr", "messages")
    catalog.get("Home").string = "Accueil (compiled)"
    with open(mo, "wb") as fp:
        write_mo(fp, catalog)
    st = po.stat()
    os.utime(mo, ns=(st.st_atime_ns, st.st_mtime_ns + offset_s * 10**9))
    assert translations("fr", locale_dir=locale_copy).gettext("Home") == "Accueil"
    assert load_entries("fr", locale_dir=locale_copy).get("Home").string == "Accueil"


def test_jinja2_i18n_renders_from_the_catalogs(locale_copy):
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    env.install_gettext_translations(translations("fr", locale_dir=locale_copy), newstyle=True)
    tpl = env.from_string(
        "{{ _('Read this article in %(language)s', language=_('English')) }} | "
        "{{ ngettext('%(num)d Comment', '%(num)d Comments', n) }}"
    )
    assert tpl.render(n=0) == "Lire cet article en Anglais | 0 commentaire"
    assert tpl.render(n=2).endswith("2 commentaires")


def test_missing_locale_is_a_catalog_error_listing_what_exists(locale_copy):
    with pytest.raises(CatalogError, match=r"available: en, fr, it"):
        load_catalog("de", locale_dir=locale_copy)


def test_a_corrupt_po_is_a_catalog_error(locale_copy):
    po_path("fr", locale_dir=locale_copy).write_text(
        'msgid "a"\nthis is not po\n', encoding="utf-8"
    )
    with pytest.raises(CatalogError, match="cannot be read"):
        load_catalog("fr", locale_dir=locale_copy)


def test_positional_placeholders_of_wordpress_strings_are_placeholders():
    """``%1$s``/``%2$s`` (PHP sprintf argument numbers) were literal text: a translation
    that lost or renumbered one passed every check, and a page line never matched."""
    from pipeline.langdata.placeholders import fill, placeholder_mismatch, read_values

    msgid = "%1$s Replies to &ldquo;%2$s&rdquo;"
    assert placeholder_mismatch(msgid, "%1$s risposte a &ldquo;%2$s&rdquo;") is None
    assert placeholder_mismatch(msgid, "&ldquo;%2$s&rdquo;: %1$s risposte") is None  # reordered
    assert placeholder_mismatch(msgid, "%1$s risposte a &ldquo;%3$s&rdquo;") == (
        "placeholder mismatch: missing %2$s; unexpected %3$s"
    )
    values = read_values("%1$s risposte a “%2$s”", "3 risposte a “Il voto in aula”")
    assert values is not None
    assert fill("%2$s: %1$s replies", values) == "Il voto in aula: 3 replies"


@pytest.mark.parametrize(
    "damage", [b"", b"\xde\x12", b"not a catalog, just text", b"\xde\x12\x04\x95" + b"\0" * 8]
)
def test_an_unreadable_mo_newer_than_its_po_falls_back_to_the_po(locale_copy, damage):
    """A .mo that is empty (what `touch` makes of a missing one), cut short or no catalog,
    newer than its .po, stopped every command that reads chrome with a struct.error
    traceback; the .po is the source of truth."""
    po = po_path("fr", locale_dir=locale_copy)
    for domain in ("messages", "categories"):
        mo = mo_path("fr", domain, locale_dir=locale_copy)
        mo.write_bytes(damage)
        st = po.stat()
        os.utime(mo, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    t = translations("fr", locale_dir=locale_copy)
    assert t.gettext("Leave a Reply") == "Laisser un commentaire"
    assert t.dgettext("categories", "Italy") == "Italie"


HEADER = (
    'msgid ""\nmsgstr ""\n"Language: pl\\n"\n'
    '"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 ? 1 : 2);\\n"\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"PO-Revision-Date: 2024-03-01 10:00+0100\\n"\n'
)
EDGE_ENTRIES = r"""
#. a comment
#: page.php:12
#, python-format
msgid "Posted %s"
msgstr "Pubblicato %s"

msgctxt "noun"
msgid "Comment"
msgstr "Komentarz"

#, fuzzy, python-format
msgid "Reply"
msgstr "Odpowiedz"

msgid "Empty"
msgstr ""

msgid "%d comment"
msgid_plural "%d comments"
msgstr[0] "%d komentarz"
msgstr[2] "%d komentarzy"

msgid "%d reply"
msgid_plural "%d replies"
msgstr[0] "%d odpowiedź"
msgstr[1] "%d odpowiedzi"
msgstr[2] "%d odpowiedzi"

msgid ""
"Two "
"lines"
msgstr "Tab\there, a \"quote\", a \\ and \q kept"
"\nmore"
"""


def test_entries_are_the_translated_ones_keyed_by_msgid_and_context(tmp_path):
    """Fuzzy and empty entries and a plural missing a form are no translation; an entry is
    found by its msgid (a plural's singular) and context; continuation lines and escapes are
    read as Babel reads them."""
    po = po_path("pl", locale_dir=tmp_path)
    po.parent.mkdir(parents=True)
    po.write_text(HEADER + EDGE_ENTRIES, encoding="utf-8")
    entries = load_entries("pl", locale_dir=tmp_path)
    ids = [e.id for e in entries.messages]
    assert "Reply" not in ids and "Empty" not in ids  # fuzzy, untranslated
    assert ("%d comment", "%d comments") not in ids  # a plural form is missing
    assert entries.get("Comment", context="noun").string == "Komentarz"
    assert entries.get("Comment") is None
    assert entries.get("%d reply").string[2] == "%d odpowiedzi"
    assert entries.get("Two lines").string == 'Tab\there, a "quote", a \\ and \\q kept\nmore'


def test_entries_of_a_po_babel_cannot_read_are_its_catalog_error(locale_copy):
    po = po_path("fr", locale_dir=locale_copy)
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace(
            'msgstr ""\n"Project',
            'msgstr ""\n"PO-Revision-Date: 2024-01-01 10:00:39+0000\\n"\n"Project',
            1,
        ),
        encoding="utf-8",
    )
    with pytest.raises(CatalogError, match="cannot be read"):
        load_entries("fr", locale_dir=locale_copy)


def test_entries_follow_an_edited_po(locale_copy):
    po = po_path("fr", locale_dir=locale_copy)
    assert load_entries("fr", locale_dir=locale_copy).get("Home").string == "Accueil"
    po.write_text(po.read_text(encoding="utf-8").replace('"Accueil"', '"Début"'), "utf-8")
    st = po.stat()
    os.utime(po, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert load_entries("fr", locale_dir=locale_copy).get("Home").string == "Début"


@pytest.mark.parametrize(("tag", "folder"), [("pt-BR", "pt_BR"), ("zh-hant", "zh_Hant")])
def test_a_tag_with_a_region_or_script_reads_the_folder_catalogs_update_writes(
    locale_copy, tag, folder
):
    """A document's BCP 47 tag and ``catalogs update --lang``'s folder are one locale
    (was: a ``pt-BR`` page looked in ``pt-BR/``, which ``--lang pt-BR`` never made)."""
    from pipeline.localise import workflow

    [po, _] = workflow.update([folder], locale_dir=locale_copy)
    assert po.parent.parent.name == folder
    catalog = read_catalog(po, folder, "messages")
    catalog.get("Home").string = "Início"
    workflow.write_catalog(catalog, po, width=100)
    assert translations(tag, locale_dir=locale_copy).gettext("Home") == "Início"
    assert load_entries(tag, locale_dir=locale_copy).get("Home").string == "Início"
    assert po_path(tag, locale_dir=locale_copy) == po


@pytest.mark.parametrize(("tag", "base"), [("en-GB", "en"), ("fr-CA", "fr"), ("it_CH", "it")])
def test_a_regional_tag_without_its_own_catalog_takes_its_languages(locale_copy, tag, base):
    """As gettext looks up ``en_GB`` then ``en``: a page in ``en-GB`` gets English chrome
    (was: "no 'messages' catalog for locale 'en-GB'", no site)."""
    want = translations(base, locale_dir=locale_copy).gettext("Leave a Reply")
    assert translations(tag, locale_dir=locale_copy).gettext("Leave a Reply") == want
    assert load_catalog(tag, locale_dir=locale_copy).get("Leave a Reply").string == want


def test_a_missing_regional_catalog_is_named_as_its_folder(locale_copy):
    with pytest.raises(CatalogError, match=r"'pt_BR' .*pt_BR/LC_MESSAGES.*--lang pt_BR"):
        translations("pt-BR", locale_dir=locale_copy)


def test_a_locale_folder_made_by_hand_in_another_form_is_still_listed_and_read(locale_copy):
    """The other direction of the gettext folder form: a `pt_br` folder someone made by
    hand is still a locale `catalogs` sees and reads (not hidden behind `pt_BR`)."""
    from pipeline.langdata.catalogs import available_locales

    shutil.copytree(locale_copy / "fr", locale_copy / "pt_br")
    assert "pt_br" in available_locales(locale_copy)
    assert po_path("pt_br", locale_dir=locale_copy).parent.parent.name == "pt_br"
    assert translations("pt_br", locale_dir=locale_copy).gettext("Home") == "Accueil"


# --- the decoded cache of the entries Babel read (issue 15) ---------------------------------


def _new_process() -> None:
    """Forget what this process read, as the next run starts without it."""
    from pipeline.langdata import catalogs

    catalogs._entries_cached.cache_clear()
    catalogs._load_cached.cache_clear()
    catalogs._translations_cached.cache_clear()


def _without_babel(monkeypatch) -> None:
    """Make any read of a .po through Babel fail: what is found then came from the cache."""
    from pipeline.langdata import catalogs

    def refuse(*args, **kwargs):
        raise AssertionError("the .po was parsed again")

    monkeypatch.setattr(catalogs, "load_catalog", refuse)
    monkeypatch.setattr(catalogs, "_parse_po", refuse)


@pytest.fixture
def entries_cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("MTPIPE_CACHE_DIR", str(folder))
    _new_process()
    yield folder / "catalogs"
    _new_process()


def _everything(locale_dir) -> dict:
    return {
        (lang, domain): load_entries(lang, domain, locale_dir)
        for lang in ("it", "en", "fr")
        for domain in ("messages", "categories")
    }


def test_cached_entries_equal_what_babel_reads(locale_copy, entries_cache, monkeypatch):
    """A later run reads the entries from the cache, without Babel, and finds exactly
    what Babel gave: every id, plural form, context and plural rule."""
    monkeypatch.setenv("MTPIPE_CACHE_DIR", "off")
    from_babel = _everything(locale_copy)
    monkeypatch.setenv("MTPIPE_CACHE_DIR", str(entries_cache.parent))
    _new_process()
    assert _everything(locale_copy) == from_babel  # read by Babel, cache written
    assert len(list(entries_cache.glob("*.json"))) == 6
    _new_process()
    _without_babel(monkeypatch)
    cached = _everything(locale_copy)
    assert cached == from_babel
    fr = cached[("fr", "messages")]
    assert fr.get("Comment", "noun").string == "Commentaire"
    assert any(isinstance(e.id, tuple) and isinstance(e.string, tuple) for e in fr.messages)


@pytest.mark.parametrize("change", ["text", "same size, newer"])
def test_a_changed_po_is_read_again_not_taken_from_the_cache(locale_copy, entries_cache, change):
    fr = po_path("fr", "messages", locale_copy)
    assert load_entries("fr", "messages", locale_copy).get("Leave a Reply").string == (
        "Laisser un commentaire"
    )
    text = fr.read_text(encoding="utf-8")
    if change == "text":
        fr.write_text(text.replace("Laisser un commentaire", "Écrire un avis"), encoding="utf-8")
    else:  # as long as before, with a later modification time
        fr.write_text(text.replace("Laisser un commentaire", "Laisser un comentaire!"), "utf-8")
        stat = fr.stat()
        os.utime(fr, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    _new_process()
    found = load_entries("fr", "messages", locale_copy).get("Leave a Reply").string
    assert found == ("Écrire un avis" if change == "text" else "Laisser un comentaire!")


def _same_size_and_time(po, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` (as long) in ``po``, then give it back its size and its
    modification time: an edit within one clock tick, or a restore by `cp -p`."""
    assert len(old.encode()) == len(new.encode())
    stat = po.stat()
    po.write_text(po.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(po, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert (po.stat().st_size, po.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)


@pytest.mark.parametrize("next_run", [False, True])
def test_an_edit_that_keeps_size_and_time_is_read_again(locale_copy, entries_cache, next_run):
    """The entries were cached by the .po's size and modification time: an edit within
    one clock tick (or one that kept the time) served the old entries, in this process
    and from the cache folder in every later run. They are keyed by content now."""
    fr = po_path("fr", "messages", locale_copy)
    before = load_entries("fr", "messages", locale_copy).get("Leave a Reply").string
    assert before == "Laisser un commentaire"
    assert load_catalog("fr", locale_dir=locale_copy).get("Home").string == "Accueil"
    assert translations("fr", locale_dir=locale_copy).gettext("Home") == "Accueil"
    _same_size_and_time(fr, "Laisser un commentaire", "Laisser un COMMENTAIRE")
    _same_size_and_time(fr, '"Accueil"', '"Entrée"')
    if next_run:
        _new_process()  # only the cache folder is left
    found = load_entries("fr", "messages", locale_copy).get("Leave a Reply").string
    assert found == "Laisser un COMMENTAIRE"
    assert load_catalog("fr", locale_dir=locale_copy).get("Home").string == "Entrée"
    assert translations("fr", locale_dir=locale_copy).gettext("Home") == "Entrée"


def test_a_restore_with_an_older_time_is_read_again(locale_copy, entries_cache, tmp_path):
    """The other input of the kind: `cp -p` (or `git checkout`) puts back another version
    of the .po with its own, older time; the entries follow the file that is there."""
    fr = po_path("fr", "categories", locale_copy)
    saved = tmp_path / "categories.po"
    shutil.copy2(fr, saved)
    assert load_entries("fr", "categories", locale_copy).get("Italy").string == "Italie"
    fr.write_text(fr.read_text(encoding="utf-8").replace('"Italie"', '"ITALIE"'), "utf-8")
    assert load_entries("fr", "categories", locale_copy).get("Italy").string == "ITALIE"
    shutil.copy2(saved, fr)  # the time of the saved copy, older than the edit's
    _new_process()
    assert load_entries("fr", "categories", locale_copy).get("Italy").string == "Italie"
    fr.write_text(fr.read_text(encoding="utf-8").replace('"Italie"', '"ITALIE"'), "utf-8")
    shutil.copystat(saved, fr)  # the edit again, with the old copy's time and size
    assert load_entries("fr", "categories", locale_copy).get("Italy").string == "ITALIE"


@pytest.mark.parametrize(
    "damage",
    [
        b"",  # cut to nothing
        b'{"key": [1, "x"',  # cut short
        b"\xff\xfe not json",
        b'{"key": [1, "/x", 1, 1, "fr"], "messages": [{"id": 3}], "plural_expr": "0"}',
        b"[]",
    ],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(
    locale_copy, entries_cache, monkeypatch, damage
):
    expected = load_entries("fr", "messages", locale_copy)
    (cache_file,) = entries_cache.glob("messages-*.json")
    cache_file.write_bytes(damage)
    _new_process()
    assert load_entries("fr", "messages", locale_copy) == expected  # no error
    _new_process()
    _without_babel(monkeypatch)  # rewritten whole: the next run reads it
    assert load_entries("fr", "messages", locale_copy) == expected


def test_cache_off_writes_nothing_anywhere(locale_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("MTPIPE_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    _new_process()
    before = sorted(tmp_path.rglob("*"))
    assert load_entries("fr", "messages", locale_copy).get("Leave a Reply") is not None
    _new_process()
    assert sorted(tmp_path.rglob("*")) == before


def test_an_unwritable_cache_folder_is_no_error(locale_copy, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("MTPIPE_CACHE_DIR", str(blocker))
    _new_process()
    assert load_entries("fr", "messages", locale_copy).get("Leave a Reply") is not None
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    _new_process()
