"""`mtpipe catalogs ...`: exit codes and output of the catalog workflow commands."""

from __future__ import annotations

import shutil

import pytest

from pipeline.cli import main
from pipeline.localise.catalogs import LOCALE_DIR, mo_path, po_path, read_catalog


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
