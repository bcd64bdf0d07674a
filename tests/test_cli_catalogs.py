"""`mtpipe catalogs ...`: exit codes and output of the catalog workflow commands."""

from __future__ import annotations

import shutil

import pytest

from pipeline.cli import main
from pipeline.langdata.catalogs import LOCALE_DIR, mo_path, po_path, read_catalog


@pytest.fixture
def locale_copy(tmp_path):
    dst = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, dst, ignore=shutil.ignore_patterns("*.mo"))
    return dst


def test_check_passes_on_shipped_catalogs(capsys):
    assert main(["catalogs", "check"]) == 0
    assert "catalogs OK" in capsys.readouterr().out


def test_check_fails_with_one_line_per_problem(locale_copy, capsys):
    path = po_path("it", locale_dir=locale_copy)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("contrassegnati %s", "contrassegnati %d"), encoding="utf-8")
    assert main(["catalogs", "check", "--locale-dir", str(locale_copy)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert f"{path}:" in err and "'Required fields are marked %s'" in err
    assert "missing %s; unexpected %d" in err


def test_stats_prints_a_row_per_locale_and_domain(locale_copy, capsys):
    assert main(["catalogs", "stats", "--locale-dir", str(locale_copy), "--lang", "fr,it"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["locale", "domain", "translated", "fuzzy", "missing", "done"]
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in lines[1:]}
    assert set(rows) == {(lang, d) for lang in ("fr", "it") for d in ("messages", "categories")}
    n = sum(1 for m in read_catalog(po_path("fr", locale_dir=locale_copy)) if m.id)
    assert rows[("fr", "messages")] == [str(n), "0", "0", "100.0%"]


def test_compile_then_nothing_to_do(locale_copy, capsys):
    assert main(["catalogs", "compile", "--locale-dir", str(locale_copy), "--lang", "fr"]) == 0
    assert mo_path("fr", locale_dir=locale_copy).is_file()
    assert not mo_path("it", locale_dir=locale_copy).exists()
    capsys.readouterr()
    assert main(["catalogs", "compile", "--locale-dir", str(locale_copy), "--lang", "fr"]) == 0
    assert "up to date" in capsys.readouterr().out


def test_extract_and_update_keep_shipped_catalogs_complete(locale_copy):
    """The repo's own code and templates declare every msgid the shipped catalogs translate."""
    assert main(["catalogs", "extract", "--locale-dir", str(locale_copy)]) == 0
    assert main(["catalogs", "update", "--locale-dir", str(locale_copy)]) == 0
    fr = read_catalog(po_path("fr", locale_dir=locale_copy), "fr", "messages")
    assert fr.get("Leave a Reply").string == "Laisser un commentaire"
    assert not fr.obsolete


def test_unknown_action_is_a_usage_error(capsys):
    assert main(["catalogs", "frobnicate"]) == 2


# --- catalogs that would break pages: compile refuses what check refuses -----------------

BREAKING = [
    ("Publié le %(date)s", "Publié le %(date)s, 100 % en ligne"),  # bare %
    ("Publié le %(date)s", "Publié le %(data)s"),  # renamed placeholder
    ("Publié le %(date)s", "Publié le %(date)d"),  # other conversion
    ("Publié le %(date)s", "Publié le"),  # placeholder dropped
]


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(f'msgstr "{old}"', f'msgstr "{new}"', 1), encoding="utf-8")


@pytest.mark.parametrize("old, new", BREAKING)
def test_compile_refuses_entries_that_would_break_a_page(locale_copy, capsys, old, new):
    po = po_path("fr", locale_dir=locale_copy)
    _edit(po, old, new)
    assert main(["catalogs", "check", "--locale-dir", str(locale_copy)]) == 1
    assert main(["catalogs", "compile", "--locale-dir", str(locale_copy)]) == 1
    err = capsys.readouterr().err
    assert "not compiled" in err and f"{po}:" in err and "Traceback" not in err
    assert not list(locale_copy.rglob("*.mo"))  # nothing compiled, not even the good catalogs


def test_compile_accepts_missing_and_fuzzy_entries(locale_copy):
    _edit(po_path("fr", locale_dir=locale_copy), "Publié le %(date)s", "")
    assert main(["catalogs", "compile", "--locale-dir", str(locale_copy)]) == 0
    assert mo_path("fr", locale_dir=locale_copy).is_file()


@pytest.mark.parametrize("content", ["", 'msgid ""\nmsgstr ""\n"Language: it\\n"\n'])
def test_empty_catalog_fails_check_naming_the_missing_entries(locale_copy, capsys, content):
    po = po_path("it", locale_dir=locale_copy)
    po.write_text(content, encoding="utf-8")
    assert main(["catalogs", "check", "--locale-dir", str(locale_copy), "--lang", "it"]) == 1
    err = capsys.readouterr().err
    assert f"{po}: msgid 'Published on %(date)s': missing translation" in err
    assert f"{po}:0" not in err and "messages.pot:" in err  # no line 0; the template's line


@pytest.mark.parametrize("action", ["check", "compile", "stats"])
def test_missing_or_empty_locale_folder_is_an_input_error(tmp_path, capsys, action):
    for folder in (tmp_path / "nonexistent", tmp_path):
        assert main(["catalogs", action, "--locale-dir", str(folder)]) == 3
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and str(folder) in err


@pytest.mark.parametrize("action", [["compile", "--force"], ["update"], ["extract"]])
def test_unwritable_locale_folder_is_one_line_and_changes_nothing(
    locale_copy, capsys, monkeypatch, action
):
    import tempfile

    pot = locale_copy / "messages.pot"  # out of date, so that extract has something to write
    pot.write_text(pot.read_text(encoding="utf-8").replace('msgid "Post Comment"', 'msgid "Old"'))
    before = {p: p.read_bytes() for p in locale_copy.rglob("*") if p.is_file()}

    def refused(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)  # what a read-only folder does
    assert main(["catalogs", *action, "--locale-dir", str(locale_copy)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Permission denied" in err and str(locale_copy) in err
    assert {p: p.read_bytes() for p in locale_copy.rglob("*") if p.is_file()} == before


def test_rendering_falls_back_to_the_msgid_for_an_unusable_entry():
    import io

    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo
    from babel.support import Translations
    from jinja2 import Environment

    from pipeline.langdata.catalogs import drop_unusable

    catalog = Catalog(locale="fr")
    for msgid, msgstr in [
        ("Published on %(date)s", "Publié le %(date)s, 100 % en ligne"),
        ("By %(author)s", "Par %(auteur)s"),
        ("Leave a Reply", "Laisser un commentaire"),
        ("Done", "Fait à 100 %"),  # no placeholder in the msgid: never %-filled
    ]:
        catalog.add(msgid, msgstr)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    translations = Translations(buf)
    assert sorted(drop_unusable(translations)) == ["By %(author)s", "Published on %(date)s"]
    env = Environment(extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(translations, newstyle=False)
    page = env.from_string(
        "{% trans date='1 avril' %}Published on {{ date }}{% endtrans %} | "
        "{% trans author='Kim' %}By {{ author }}{% endtrans %} | {{ _('Leave a Reply') }}"
    ).render()
    assert page == "Published on 1 avril | By Kim | Laisser un commentaire"


@pytest.mark.parametrize("action", ["update", "compile", "check", "stats", "fill"])
@pytest.mark.parametrize("lang", ["../../evil", "fr/../../x", "xx", "/abs"])
def test_locale_names_that_are_not_language_tags_are_usage_errors(
    locale_copy, tmp_path, capsys, action, lang
):
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    assert main(["catalogs", action, "--lang", lang, "--locale-dir", str(locale_copy)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and repr(lang) in err
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_compile_lists_each_broken_entry_on_its_own_line(locale_copy, capsys):
    _edit(po_path("fr", locale_dir=locale_copy), "Publié le %(date)s", "Publié le %(data)s")
    it = po_path("it", locale_dir=locale_copy)
    text = it.read_text(encoding="utf-8")
    it.write_text(text.replace("contrassegnati %s", "contrassegnati %d"), encoding="utf-8")
    assert main(["catalogs", "compile", "--locale-dir", str(locale_copy)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 3 and lines[0].startswith("mtpipe: error: not compiled: 2 entries")
    assert sorted(ln.split(":")[0].strip() for ln in lines[1:]) == sorted(
        [str(it), str(po_path("fr", locale_dir=locale_copy))]
    )
    assert "\\n" not in lines[0]


def test_fill_with_a_tiny_model_says_its_text_is_noise(tmp_path, tiny_models, capsys):
    """The drafts of a tiny random model were marked like a real model's ("Machine-translated
    from it."), and nothing said the text was noise."""
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale, ignore=shutil.ignore_patterns("*.mo"))
    path = po_path("fr", locale_dir=locale)
    text = path.read_text(encoding="utf-8")
    old = 'msgstr "Les champs obligatoires sont indiqués avec %s"'
    assert old in text
    path.write_text(text.replace(old, 'msgstr ""'), encoding="utf-8")
    argv = ["catalogs", "fill", "--lang", "fr", "--source-lang", "it", "--no-memory"]
    assert (
        main([*argv, "--locale-dir", str(locale), f"--model-dir=it-fr={tiny_models['it-fr']}"]) == 0
    )
    out, err = capsys.readouterr()
    assert "it-fr uses a tiny random model: its output is noise" in err
    assert "the MT text is noise" in out
    entry = read_catalog(path, "fr", "messages").get("Required fields are marked %s")
    assert entry.fuzzy and any("tiny random test model: noise" in c for c in entry.auto_comments)


def test_fill_refuses_settings_this_machine_cannot_run_before_a_model_loads(
    locale_copy, tmp_path, monkeypatch, capsys
):
    """A settings file's ``device = "cuda"`` on a machine without CUDA failed at model
    load, named no file and told the user to pass ``--device cpu``, a flag ``catalogs
    fill`` does not have: now one line naming the file and key, before any model."""
    import pipeline.translate
    import pipeline.translate.base as base

    monkeypatch.setattr(base, "cuda_device_count", lambda backend: 0)
    loaded = []
    monkeypatch.setattr(pipeline.translate, "load_translator", lambda *a: loaded.append(a))
    cfg = tmp_path / "s.toml"
    cfg.write_text('[translate]\ndevice = "cuda"\n', encoding="utf-8")
    argv = ["--config", str(cfg), "catalogs", "fill", "--lang", "fr", "--no-memory"]
    assert main([*argv, "--locale-dir", str(locale_copy)]) == 2
    err = capsys.readouterr().err
    assert str(cfg) in err and "device" in err and len(err.strip().splitlines()) == 1
    assert not loaded


@pytest.mark.parametrize("action", ["stats", "check", "compile"])
def test_lang_in_another_case_names_the_same_locale(locale_copy, capsys, action):
    """``--lang EN`` was looked up as the folder ``EN``: "catalog …/EN/… does not exist"
    (tags are case-insensitive; the folders use the standard form)."""
    assert main(["catalogs", action, "--lang", "EN", "--locale-dir", str(locale_copy)]) == 0
    assert "/EN/" not in capsys.readouterr().err


def test_import_lang_in_another_case_goes_into_the_locale_folder(locale_copy, tmp_path, capsys):
    po = tmp_path / "plugin.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Subscribe now"\nmsgstr "Iscriviti ora"\n',
        encoding="utf-8",
    )
    assert (
        main(["catalogs", "import", str(po), "--lang", "IT", "--locale-dir", str(locale_copy)]) == 0
    )
    assert "Iscriviti ora" in (locale_copy / "it" / "LC_MESSAGES" / "messages.po").read_text()
    assert not (locale_copy / "IT").exists()


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--lang", "IT"], "both 'it'"),
        (["--lang", "en,fr"], "one language"),
        (["--lang", "fr", "--source-lang", "../x"], "source_lang"),
    ],
)
def test_fill_languages_are_checked_before_any_model(locale_copy, capsys, argv, named):
    """``--lang IT`` made the pair ``it-IT`` and ``--source-lang`` was taken as given."""
    assert main(["catalogs", "fill", *argv, "--locale-dir", str(locale_copy), "--no-memory"]) == 2
    assert named in capsys.readouterr().err


@pytest.mark.parametrize(("pair", "warned"), [("it-en", True), ("it-fr", False)])
def test_fill_warns_of_a_model_dir_for_another_pair(tmp_path, capsys, pair, warned):
    """``catalogs fill --lang fr --model-dir it-en=X`` used the registry's it-fr model and
    said nothing of the folder given: one warning line names the flag."""
    config = tmp_path / "c.toml"
    config.write_text(f'[translate]\nmodels_dir = "{tmp_path / "none"}"\n', encoding="utf-8")
    argv = ["--config", str(config), "catalogs", "fill", "--lang", "fr"]
    main([*argv, "--locale-dir", str(tmp_path), f"--model-dir={pair}={tmp_path / 'none'}"])
    lines = [x for x in capsys.readouterr().err.splitlines() if "warning: --model-dir" in x]
    assert len(lines) == int(warned)
    assert not warned or "not used, this run translates it-fr (from it, --lang fr)" in lines[0]


@pytest.mark.parametrize(
    ("argv", "lines"),
    [
        (["stats", "--lang", "en,EN"], ["en      messages", "en      categories"]),
        (["update", "--lang", "it,fr,IT"], ["it/LC_MESSAGES/messages.po", "fr/LC_MESSAGES/m"]),
    ],
)
def test_a_locale_given_twice_in_lang_is_done_once(locale_copy, capsys, argv, lines):
    """`stats --lang en,EN` printed each row twice and `update --lang it,fr,IT` wrote the
    `it` catalogs twice."""
    assert main(["catalogs", *argv, "--locale-dir", str(locale_copy)]) == 0
    out = capsys.readouterr().out
    for line in lines:
        assert out.count(line) == 1, out


@pytest.mark.parametrize(
    ("argv", "advice"),
    [
        (["check", "--lang", "de"], "make it with `mtpipe catalogs update --lang de --locale-dir"),
        (["stats", "--lang", "pt-BR"], "`mtpipe catalogs update --lang pt_BR --locale-dir"),
        (["update", "--lang", "fr"], "make it with `mtpipe catalogs extract --locale-dir"),
    ],
)
def test_a_missing_catalog_says_which_command_makes_it(locale_copy, capsys, argv, advice):
    """It said only "catalog …/de/LC_MESSAGES/messages.po does not exist"."""
    (locale_copy / "messages.pot").unlink()
    assert main(["catalogs", *argv, "--locale-dir", str(locale_copy)]) == 1
    err = capsys.readouterr().err
    assert "does not exist; " in err and advice in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("name", "tag"),
    [
        ("sr@latin", "sr-Latn"),
        ("sr_RS@latin", "sr-Latn-RS"),
        ("de_DE.UTF-8", "de-DE"),
        ("xx@latin", None),
    ],
)
def test_a_posix_locale_name_is_refused_with_the_tag_to_give(locale_copy, capsys, name, tag):
    """`--lang sr@latin` (as gettext and WordPress files name it) was refused with no way
    on; the tag that names that locale is given, where it is a registered one."""
    assert main(["catalogs", "update", "--lang", name, "--locale-dir", str(locale_copy)]) == 2
    err = capsys.readouterr().err
    assert (f"give {tag}" in err) if tag else ("POSIX" not in err)
    assert err.count("\n") == 1
