"""`check`: shipped catalogs pass; broken placeholders, plurals, missing and fuzzy entries fail."""

from __future__ import annotations

import shutil

import pytest

from pipeline.errors import CatalogError
from pipeline.langdata.catalogs import LOCALE_DIR, po_path
from pipeline.localise.checks import check


@pytest.fixture
def locale_copy(tmp_path):
    dst = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, dst, ignore=shutil.ignore_patterns("*.mo"))
    return dst


def _edit(locale_dir, lang, old, new, domain="messages"):
    path = po_path(lang, domain, locale_dir)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _drop_fr_placeholder(locale_dir):
    """Break one French entry: its ``%s`` left out (a placeholder mismatch)."""
    return _edit(
        locale_dir,
        "fr",
        'msgstr "Les champs obligatoires sont indiqués avec %s"',
        'msgstr "Les champs obligatoires sont indiqués avec"',
    )


def test_shipped_catalogs_pass():
    assert check() > 100


def test_broken_placeholder_names_file_msgid_and_problem(locale_copy):
    path = _drop_fr_placeholder(locale_copy)
    with pytest.raises(CatalogError) as err:
        check(locale_dir=locale_copy)
    message = str(err.value)
    assert str(path) in message
    assert "'Required fields are marked %s'" in message
    assert "placeholder mismatch: missing %s" in message
    assert message.count("\n  ") == 1  # exactly one problem


def test_renamed_named_placeholder_fails(locale_copy):
    _edit(locale_copy, "it", 'msgstr "Pubblicato il %(date)s"', 'msgstr "Pubblicato il %(data)s"')
    with pytest.raises(CatalogError, match=r"missing %\(date\)s; unexpected %\(data\)s"):
        check(locale_dir=locale_copy)


def test_brace_placeholders_are_checked(locale_copy):
    _edit(locale_copy, "fr", 'msgid "Home"\nmsgstr "Accueil"', 'msgid "Home {n}"\nmsgstr "Accueil"')
    with pytest.raises(CatalogError, match=r"'Home \{n\}': placeholder mismatch: missing \{n\}"):
        check(locale_dir=locale_copy)


def test_missing_translation_fails(locale_copy):
    _edit(locale_copy, "it", 'msgstr "Annulla risposta"', 'msgstr ""')
    with pytest.raises(CatalogError, match=r"'Cancel reply': missing translation"):
        check(locale_dir=locale_copy)


def test_untranslated_entries_are_listed_under_how_to_fill_them(locale_copy):
    _drop_fr_placeholder(locale_copy)  # a broken entry alone: nothing to fill, no such advice
    with pytest.raises(CatalogError) as err:
        check(locale_dir=locale_copy)
    assert str(err.value).split("\n")[0] == "1 catalog problem(s):"
    _edit(locale_copy, "it", 'msgstr "Annulla risposta"', 'msgstr ""')
    with pytest.raises(CatalogError) as err:
        check(locale_dir=locale_copy)
    heading = str(err.value).split("\n")[0]
    assert heading.startswith("2 catalog problem(s) (untranslated in it: ")
    assert "`mtpipe catalogs import`" in heading and "catalogs fill --lang it`" in heading


def test_fuzzy_entry_fails_unless_allowed(locale_copy):
    _edit(locale_copy, "fr", 'msgid "Cancel reply"', '#, fuzzy\nmsgid "Cancel reply"')
    with pytest.raises(CatalogError, match="fuzzy translation"):
        check(locale_dir=locale_copy)
    assert check(locale_dir=locale_copy, allow_fuzzy=True) > 0


def test_too_many_plural_forms_fails(locale_copy):
    path = _edit(
        locale_copy,
        "fr",
        'msgstr[1] "%(num)d commentaires"',
        'msgstr[1] "%(num)d commentaires"\nmsgstr[2] "%(num)d commentaires"',
    )
    with pytest.raises(CatalogError, match="more translations than num_plurals") as err:
        check(locale_dir=locale_copy)
    assert str(path) in str(err.value)


def test_too_few_plural_forms_for_the_rule_fails(locale_copy):
    _edit(
        locale_copy,
        "it",
        "nplurals=2; plural=(n != 1);",
        "nplurals=3; plural=(n == 1 ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2);",
    )
    with pytest.raises(
        CatalogError, match=r"'%\(num\)d Comment': broken plural: form\(s\) 2 empty \(it needs 3"
    ):
        check(locale_dir=locale_copy)


def test_empty_plural_form_fails(locale_copy):
    _edit(locale_copy, "it", 'msgstr[1] "%(num)d commenti"', 'msgstr[1] ""')
    with pytest.raises(CatalogError, match=r"broken plural: form\(s\) 1 empty"):
        check(locale_dir=locale_copy)


def test_plural_header_copied_from_another_language_fails(locale_copy):
    # French treats 0 as singular ("0 commentaire"); the English rule would say "0 commentaires".
    _edit(
        locale_copy,
        "fr",
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
    )
    with pytest.raises(CatalogError, match=r"n=0 as singular in fr"):
        check(locale_dir=locale_copy)


REPLY = ("%1$s Reply to &ldquo;%2$s&rdquo;", "%1$s Replies to &ldquo;%2$s&rdquo;")


@pytest.mark.parametrize(
    ("singular", "said"),
    [
        ("%1$s risposta a &ldquo;%2$s&rdquo;", None),
        ("Una risposta a &ldquo;%2$s&rdquo;", None),  # the count as a word
        ("Una risposta a &ldquo;%1$s&rdquo;", None),  # the title left out is one missing
        ("Una risposta", "msgstr[0]: placeholder mismatch: missing %1$s, %2$s"),
        ("Una risposta a &ldquo;%3$s&rdquo;", "missing %1$s, %2$s; unexpected %3$s"),
        ("%1$s risposta a &ldquo;%2$d&rdquo;", "unexpected %2$d"),
    ],
)
def test_a_plural_singular_may_leave_out_one_placeholder_not_all(singular, said):
    from pipeline.localise.checks import placeholder_problems

    problems = placeholder_problems(REPLY, (singular, "%1$s risposte a &ldquo;%2$s&rdquo;"))
    if said is None:
        assert problems == []
    else:
        assert len(problems) == 1 and said in problems[0]


def _line_of(path, text: str) -> int:
    """The 1-based line of ``text`` in ``path``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_each_problem_names_the_line_of_its_entry(locale_copy):
    """`messages.po:0` for every entry: the line is the entry's own, or none, never 0."""
    path = _drop_fr_placeholder(locale_copy)
    _edit(
        locale_copy,
        "fr",
        '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"',
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
    )
    with pytest.raises(CatalogError) as err:
        check(locale_dir=locale_copy)
    lines = str(err.value).splitlines()[1:]
    entry = _line_of(path, 'msgid "Required fields are marked %s"')
    header = _line_of(path, '"Plural-Forms:')
    assert any(line.strip().startswith(f"{path}:{entry}: msgid ") for line in lines), lines
    assert any(line.strip().startswith(f"{path}:{header}: Plural-Forms") for line in lines)
    assert not any(f"{path}:0" in line for line in lines)
