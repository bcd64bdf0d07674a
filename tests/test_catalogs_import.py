"""`mtpipe catalogs import`: a site's WordPress .po/.mo merged into the chrome catalogs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from pipeline.cli import main
from pipeline.langdata.catalogs import LOCALE_DIR
from pipeline.localise.importer import import_catalog

# A theme's Italian file, as WordPress writes it (header date with seconds, contexts, plurals).
THEME_PO = r"""msgid ""
msgstr ""
"Project-Id-Version: Themes - Twenty Seventeen\n"
"PO-Revision-Date: 2023-03-30 14:55:39+0000\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=2; plural=n != 1;\n"
"Language: it\n"

#. translators: Used between list items, there is a space after the comma.
msgid "Posted on"
msgstr "Pubblicato il"

msgctxt "post navigation"
msgid "Next Post"
msgstr "Articolo successivo"

msgid "%1$s Reply to &ldquo;%2$s&rdquo;"
msgid_plural "%1$s Replies to &ldquo;%2$s&rdquo;"
msgstr[0] "%1$s risposta a &ldquo;%2$s&rdquo;"
msgstr[1] "%1$s risposte a &ldquo;%2$s&rdquo;"

msgid "Leave a Reply"
msgstr "Scrivi un commento"

#, fuzzy
msgid "Archives"
msgstr "Archivi"

msgid "Search"
msgstr ""
"""


@pytest.fixture
def locale_dir(tmp_path) -> Path:
    target = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, target, ignore=shutil.ignore_patterns("*.mo"))
    return target


def _catalog(locale_dir: Path, lang: str, name: str = "messages.po"):
    with open(locale_dir / lang / "LC_MESSAGES" / name, "rb") as fh:
        return read_po(fh)


def test_import_adds_entries_with_contexts_and_plurals(tmp_path, locale_dir):
    po = tmp_path / "twentyseventeen-it_IT.po"
    po.write_text(THEME_PO, encoding="utf-8")
    before = _catalog(locale_dir, "it").get("Leave a Reply").string
    report = import_catalog(po, locale_dir=locale_dir)
    assert report.lang == "it" and report.added == 3 and report.skipped == 2
    it = _catalog(locale_dir, "it")
    assert it.get("Posted on").string == "Pubblicato il"
    assert it.get("Next Post", context="post navigation").string == "Articolo successivo"
    plural = it.get("%1$s Reply to &ldquo;%2$s&rdquo;")
    assert plural.string == (
        "%1$s risposta a &ldquo;%2$s&rdquo;",
        "%1$s risposte a &ldquo;%2$s&rdquo;",
    )
    assert it.get("Archives") is None  # fuzzy: not imported
    # English msgids are the English text; the template keeps the new msgids
    assert _catalog(locale_dir, "en").get("Posted on").string == "Posted on"
    with open(locale_dir / "messages.pot", "rb") as fh:
        assert read_po(fh).get("Posted on") is not None
    # A conflicting entry is reported and left as it was.
    assert it.get("Leave a Reply").string == before != "Scrivi un commento"
    assert any("Leave a Reply" in c and "kept the catalog's" in c for c in report.conflicts)


def test_import_twice_changes_nothing(tmp_path, locale_dir):
    po = tmp_path / "theme-it_IT.po"
    po.write_text(THEME_PO, encoding="utf-8")
    import_catalog(po, locale_dir=locale_dir)
    second = import_catalog(po, locale_dir=locale_dir)
    assert second.added == 0 and second.unchanged == 3


def test_mo_files_import_like_po(tmp_path, locale_dir):
    from babel.messages.mofile import write_mo
    from translate.storage import pypo

    po = tmp_path / "theme-it_IT.po"
    po.write_text(THEME_PO.replace("2023-03-30 14:55:39+0000", "2023-03-30 14:55+0000"), "utf-8")
    with open(po, "rb") as fh:
        catalog = read_po(fh)
    mo = tmp_path / "theme-it_IT.mo"
    with open(mo, "wb") as fh:
        write_mo(fh, catalog)
    assert pypo  # translate-toolkit reads both
    report = import_catalog(mo, lang="it", locale_dir=locale_dir)
    assert report.added == 3
    assert _catalog(locale_dir, "it").get("Posted on").string == "Pubblicato il"


def test_cli_reports_conflicts_and_bad_files(tmp_path, locale_dir, capsys):
    po = tmp_path / "theme-it_IT.po"
    po.write_text(THEME_PO, encoding="utf-8")
    assert main(["catalogs", "import", str(po), "--locale-dir", str(locale_dir)]) == 0
    out = capsys.readouterr().out
    assert "conflict: 'Leave a Reply'" in out and "3 added" in out
    bad = tmp_path / "broken.po"
    bad.write_text('msgid "x\nmsgstr', encoding="utf-8")
    code = main(["catalogs", "import", str(bad), "--locale-dir", str(locale_dir)])
    assert code == 3
    assert "broken.po" in capsys.readouterr().err


BROKEN_PLACEHOLDERS = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=n != 1;\n"
"Language: it\n"

msgid "Posted by %s"
msgstr "Pubblicato da %d"

msgid "%1$s Reply to &ldquo;%2$s&rdquo;"
msgid_plural "%1$s Replies to &ldquo;%2$s&rdquo;"
msgstr[0] "Una risposta a &ldquo;%2$s&rdquo;"
msgstr[1] "%1$s risposte a &ldquo;%3$s&rdquo;"

msgid "Share on Facebook"
msgstr "Condividi su Facebook"
"""


def test_an_entry_whose_placeholders_would_break_a_page_is_not_imported(
    tmp_path, locale_dir, capsys
):
    """It was merged, and `catalogs check`/`compile` failed afterwards."""
    po = tmp_path / "plugin-it_IT.po"
    po.write_text(BROKEN_PLACEHOLDERS, encoding="utf-8")
    assert main(["catalogs", "import", str(po), "--locale-dir", str(locale_dir)]) == 0
    out = capsys.readouterr().out
    assert "conflict: 'Posted by %s': placeholder mismatch: missing %s; unexpected %d" in out
    assert "conflict: '%1$s Reply to &ldquo;%2$s&rdquo;': msgstr[1]: placeholder" in out
    assert "msgstr[0]" not in out  # a singular may leave the count out, as in WordPress
    assert "1 added" in out
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(locale_dir, "it")}
    assert "Share on Facebook" in ids and "Posted by %s" not in ids
    main(["catalogs", "check", "--locale-dir", str(locale_dir)])  # fr lacks the new string
    assert "placeholder" not in capsys.readouterr().err  # nothing imported breaks a page


def _with_language(po_text: str, language: str | None) -> str:
    line = '"Language: it\\n"\n'
    return po_text.replace(line, f'"Language: {language}\\n"\n' if language else "")


@pytest.mark.parametrize(
    ("header", "made", "folder"),
    [
        ("pt_BR", "pt-BR", "pt_BR"),  # was: into pt/ ("no messages catalog for 'pt'")
        ("es_MX", "es", "es"),  # no es_MX/: the language's catalog, as a page finds it
        ("sr@latin", "sr-Latn", "sr_Latn"),  # was: a folder 'sr@latin'
        ("uz_UZ@cyrillic", "uz-Cyrl", "uz_Cyrl"),
        ("de_DE.UTF-8", "de", "de"),  # was: "the file names no language"
        ("fr_FR.utf8", None, "fr"),
    ],
)
def test_the_language_header_is_read_as_a_posix_locale_name(
    tmp_path, locale_dir, capsys, header, made, folder
):
    """WordPress and gettext name a file's language as a POSIX locale (``pt_BR``,
    ``sr@latin``, ``de_DE.UTF-8``): the import goes into the folder `catalogs update
    --lang` made for its tag, the full locale's where there is one."""
    if made:
        assert main(["catalogs", "update", "--lang", made, "--locale-dir", str(locale_dir)]) == 0
    po = tmp_path / "theme.po"
    po.write_text(_with_language(THEME_PO, header), encoding="utf-8")
    before = {p: p.read_bytes() for p in locale_dir.rglob("*.po") if folder not in p.parts}
    capsys.readouterr()
    assert main(["catalogs", "import", str(po), "--locale-dir", str(locale_dir)]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith(f"{folder}: ")
    assert _catalog(locale_dir, folder).get("Posted on").string == "Pubblicato il"
    changed = [p for p, data in before.items() if p.read_bytes() != data]
    assert all(p.parent.parent.name == "en" for p in changed)  # en gets the new msgids
    if made == "pt-BR":
        assert not (locale_dir / "pt").exists()


@pytest.mark.parametrize(
    ("header", "code", "advice"),
    [
        ("sr@latin", 1, "`mtpipe catalogs update --lang sr_Latn --locale-dir "),
        ("de_DE.UTF-8", 1, "--lang de --locale-dir "),
        ("pt_BR", 1, "(or --lang pt_BR for that region alone)"),
        ("Italian", 3, "is no locale name such as it, pt_BR or sr@latin; give --lang"),
        ("ca@valencia", 3, "is no locale name"),  # a modifier that is no script
        (None, 2, "the file names no language (no Language header); give --lang"),
    ],
)
def test_a_language_header_without_a_catalog_says_how_to_make_it(
    tmp_path, locale_dir, capsys, header, code, advice
):
    """A header whose catalog is missing names the command that makes it, in the form
    `catalogs` takes (was: `--lang sr@latin`, which `catalogs` refuses); one that names
    no locale says to give --lang. Nothing is written."""
    po = tmp_path / "theme.po"
    po.write_text(_with_language(THEME_PO, header), encoding="utf-8")
    before = {p: p.read_bytes() for p in locale_dir.rglob("*") if p.is_file()}
    assert main(["catalogs", "import", str(po), "--locale-dir", str(locale_dir)]) == code
    err = capsys.readouterr().err
    assert advice in err and "theme.po" in err and err.count("\n") == 1
    assert {p: p.read_bytes() for p in locale_dir.rglob("*") if p.is_file()} == before


# -- a msgid new in the template: stats count it, the advice names update then translate ----

IMPORTED = ("Posted on", "Next Post", "%1$s Reply to &ldquo;%2$s&rdquo;")


def _fr_row(locale_dir: Path, domain: str = "messages"):
    from pipeline.localise.workflow import stats

    return {r.domain: r for r in stats(["fr"], locale_dir=locale_dir)}[domain]


def _imported(tmp_path: Path, locale_dir: Path) -> None:
    po = tmp_path / "theme-it_IT.po"
    po.write_text(THEME_PO, encoding="utf-8")
    assert import_catalog(po, locale_dir=locale_dir).added == len(IMPORTED)


def test_stats_count_msgids_an_import_added_until_fr_has_them(tmp_path, locale_dir, capsys):
    """After `catalogs import` the template has 3 msgids the fr catalog lacks: stats said
    fr 100% done (only `catalogs check` failed); they are missing until translated."""
    before = _fr_row(locale_dir)
    assert before.percent == 100.0 and before.not_merged == 0
    _imported(tmp_path, locale_dir)
    row = _fr_row(locale_dir)
    assert (row.translated, row.missing, row.not_merged) == (before.translated, 3, 3)
    assert row.percent < 100.0
    assert main(["catalogs", "stats", "--lang", "fr", "--locale-dir", str(locale_dir)]) == 0
    out, err = capsys.readouterr()
    line = next(x for x in out.splitlines() if x.split()[:2] == ["fr", "messages"])
    assert line.split()[2:] == [str(before.translated), "0", "3", f"{row.percent:.1f}%"]
    assert "100.0%" not in line
    assert f"`mtpipe catalogs update --lang fr --locale-dir {locale_dir}`" in err
    assert "fr messages 3" in err and "`mtpipe catalogs fill --lang fr --locale-dir" in err
    assert err.count("\n") == 1
    # update merges them (still missing: empty), and the note goes
    assert main(["catalogs", "update", "--lang", "fr", "--locale-dir", str(locale_dir)]) == 0
    merged = _fr_row(locale_dir)
    assert (merged.missing, merged.not_merged, merged.translated) == (3, 0, before.translated)
    capsys.readouterr()
    main(["catalogs", "stats", "--lang", "fr", "--locale-dir", str(locale_dir)])
    assert "not in the catalogs yet" not in capsys.readouterr().err


def test_stats_count_a_category_added_to_the_template_by_hand(locale_dir):
    """The same for categories.pot, which is edited by hand, not extracted."""
    pot = locale_dir / "categories.pot"
    pot.write_text(
        pot.read_text(encoding="utf-8") + '\nmsgid "Astronomy"\nmsgstr ""\n', encoding="utf-8"
    )
    row = _fr_row(locale_dir, "categories")
    assert (row.missing, row.not_merged) == (1, 1) and row.percent < 100.0
    assert _fr_row(locale_dir).not_merged == 0  # the messages domain is untouched


def test_a_missing_chrome_translation_names_update_then_translate(
    tmp_path, locale_dir, monkeypatch
):
    """The catalog_missing finding's fix said "add it to fr/…/messages.po (`mtpipe catalogs
    stats` lists what is missing)": the entry was not in that file, stats said 100%."""
    from pipeline.errors import CatalogError
    from pipeline.langdata import catalogs
    from pipeline.localise.chrome import catalog_text

    monkeypatch.setattr(catalogs, "LOCALE_DIR", locale_dir)
    _imported(tmp_path, locale_dir)
    with pytest.raises(CatalogError) as err:
        catalog_text("Posted on", "fr")
    message = str(err.value)
    assert "catalogs stats" not in message and "--locale-dir" not in message
    update = message.index("`mtpipe catalogs update --lang fr`")
    assert update < message.index("`mtpipe catalogs fill --lang fr`")
    assert "`mtpipe catalogs check --lang fr`" in message
    # the advice, followed: update merges the entry, a translator fills it in
    assert main(["catalogs", "update", "--lang", "fr", "--locale-dir", str(locale_dir)]) == 0
    po = locale_dir / "fr" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgid "Posted on"\nmsgstr ""' in text
    po.write_text(
        text.replace('msgid "Posted on"\nmsgstr ""', 'msgid "Posted on"\nmsgstr "Publié le"'),
        encoding="utf-8",
    )
    assert catalog_text("Posted on", "fr") == "Publié le"


def test_a_missing_category_names_its_domain_and_locale_dir(locale_dir):
    """A second domain and a folder other than the default: the commands carry both."""
    from pipeline.localise.chrome import missing_advice

    advice = missing_advice("fr", "categories", locale_dir)
    where = f"--lang fr --locale-dir {locale_dir}"
    assert f"`mtpipe catalogs update {where}`" in advice
    assert f"`mtpipe catalogs fill {where} --domain categories`" in advice
    assert str(locale_dir / "fr" / "LC_MESSAGES" / "categories.po") in advice
    assert "catalogs stats" not in advice


# A site file as WordPress core's Italian one is: entries that are placeholders and
# punctuation only, and one-word admin strings that an article's lines can be.
CORE_PO = r"""msgid ""
msgstr ""
"PO-Revision-Date: 2023-03-30 14:55:39+0000\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=n != 1;\n"
"Language: it\n"

msgctxt "archive title"
msgid "%1$s %2$s"
msgstr "%1$s %2$s"

msgid "%s:"
msgstr "%s:"

msgid "&#8220;%s&#8221;"
msgstr "&#8220;%s&#8221;"

msgid "%1$s (%2$s)"
msgstr "%1$s (%2$s)"

msgid "Draft"
msgstr "Bozza"

msgid "Status:"
msgstr "Stato:"

msgid "Gallery"
msgstr "Galleria"

msgid "No comments yet"
msgstr "Ancora nessun commento"

msgid "%1$s is not %2$s."
msgstr "%1$s non è %2$s."
"""

CORE_PAGE = """Il sindaco presenta il piano per le periferie
Il sindaco di Roma ha presentato ieri il piano per le periferie della città.
Galleria
Bozza
Il piano sarà discusso in consiglio comunale la prossima settimana.
Il documento è ancora una bozza, ha detto l'assessore.
La riforma non è sufficiente.
Ancora nessun commento
"""


def _core_imported(tmp_path: Path, locale_dir: Path, monkeypatch) -> object:
    from pipeline.langdata import catalogs

    po = tmp_path / "core-6.2-it_IT.po"
    po.write_text(CORE_PO, encoding="utf-8")
    monkeypatch.setattr(catalogs, "LOCALE_DIR", locale_dir)
    return import_catalog(po, locale_dir=locale_dir)


def test_import_leaves_out_entries_of_placeholders_only(tmp_path, locale_dir, monkeypatch, capsys):
    """`%1$s %2$s` (core's archive title) matched every two-word line: whole articles were
    chrome, and a plain-text page exited 3 as "only site chrome"."""
    report = _core_imported(tmp_path, locale_dir, monkeypatch)
    assert len(report.wordless) == 4 and report.added == 5
    assert "4 left out as placeholders and punctuation only" in report.summary()
    it = _catalog(locale_dir, "it")
    assert it.get("%1$s %2$s", context="archive title") is None and it.get("%s:") is None


def test_an_imported_catalog_never_makes_article_text_chrome(tmp_path, locale_dir, monkeypatch):
    """One-word lines of an article (``Galleria``, ``Bozza``, next to each other too) and a
    sentence an imported template of a sentence fits stay text after a core import; an
    imported string of two words or more is still chrome."""
    from pipeline.readers.page import parse_page

    _core_imported(tmp_path, locale_dir, monkeypatch)
    kinds = [(b.kind, b.text) for b in parse_page(CORE_PAGE, "a1").blocks]
    assert kinds[0] == ("title", "Il sindaco presenta il piano per le periferie")
    assert ("paragraph", "Galleria") in kinds and ("paragraph", "Bozza") in kinds
    assert ("paragraph", "La riforma non è sufficiente.") in kinds  # "%1$s non è %2$s."
    assert kinds[-1] == ("ui", "Ancora nessun commento")


def test_chrome_never_matches_a_catalog_string_of_placeholders_only(
    tmp_path, locale_dir, monkeypatch
):
    """A catalog imported before the import left such entries out (or edited by hand):
    matching passes them over, and imported one-word strings too; shipped ones still match."""
    from pipeline.langdata import catalogs
    from pipeline.localise.chrome import match_chrome_line

    po = locale_dir / "it" / "LC_MESSAGES" / "messages.po"
    extra = (
        '\n#. imported by mtpipe catalogs import from core.po\nmsgid "%1$s %2$s"\n'
        'msgstr "%1$s %2$s"\n\n#. imported by mtpipe catalogs import from core.po\n'
        'msgid "Video"\nmsgstr "Video"\n\nmsgid "%s:"\nmsgstr "%s:"\n'
    )
    po.write_text(po.read_text(encoding="utf-8") + extra, encoding="utf-8")
    monkeypatch.setattr(catalogs, "LOCALE_DIR", locale_dir)
    assert match_chrome_line("Il governo approva") is None
    assert match_chrome_line("Video") is None
    assert match_chrome_line("Roma:") is None
    assert [s.msgid for s in match_chrome_line("Lascia un commento")] == ["Leave a Reply"]
