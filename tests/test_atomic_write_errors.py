"""Every command that writes says, when a write fails, the folder, the cause and the fix
for that cause with the command's own setting, and leaves no partial or temp file.

The writers outside ``pipeline.atomic`` worded a write error by its cause alone
("cannot write X: Read-only file system"), or with ``--out`` where the command has none
(``catalogs``: ``--locale-dir``; ``models fetch``: ``--models-dir``; ``build-tiny``: its
DIR; the memory: ``--memory``). The failures are simulated where the data meets the disk:
``os.fsync`` of a written temp file (atomic_open, commit_files), a model file written half
way, SQLite's page limit (a real SQLITE_FULL), a mount that ``statvfs`` says is read-only.
Each place is tried with two causes (EROFS and ENOSPC, or EDQUOT). The expected words are
written out here, not taken from ``atomic._FIXES``.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest
from test_catalogs_import import THEME_PO
from test_interchange import _edit_with_toolkit, make_article
from test_models import _fake_hub, _snapshot

from pipeline import atomic
from pipeline.cli import main
from pipeline.errors import OutputError
from pipeline.langdata.catalogs import LOCALE_DIR
from pipeline.memory import MemoryKey, TranslationMemory
from pipeline.writers import write_article
from tests.fs_fixtures import read_only_mount

READ_ONLY = "is on a read-only file system"
FULL = "free space on that disk (the one holding"
QUOTA = "free space in your disk quota (on the disk holding"
KEY = MemoryKey("Helsinki-NLP/opus-mt-it-en", "rev1", "beams=1", "it", "en")
CAUSES = {errno.EROFS: READ_ONLY, errno.ENOSPC: FULL, errno.EDQUOT: QUOTA}


def _failing_fsync(monkeypatch, code: int) -> None:
    """Every file's data refused by the disk as it is synced (after it was written)."""

    def refused(fd):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", refused)


def _leftovers(folder: Path) -> list[Path]:
    """Temp files and staging folders of mtpipe's writers, anywhere under ``folder``."""
    names = (atomic.TEMP_SUFFIX, atomic.STAGE_PREFIX, ".fetch.", ".tmp")
    return [p for p in folder.rglob("*") if any(n in p.name for n in names)]


def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    return err


# -- catalogs: --locale-dir -------------------------------------------------------------


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC])
def test_catalogs_compile_names_the_catalog_folder_and_locale_dir(
    tmp_path, monkeypatch, capsys, code
):
    """The default catalogs live in the installed package, often read-only: the fix is
    another --locale-dir (was "cannot write …/fr.mo: Read-only file system", or --out)."""
    locale = shutil.copytree(LOCALE_DIR, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    _failing_fsync(monkeypatch, code)
    args = ["catalogs", "compile", "--locale-dir", str(locale), "--lang", "fr", "--force"]
    assert main(args) == OutputError.exit_code
    err = _one_line(capsys)
    folder = locale / "fr" / "LC_MESSAGES"
    assert f"cannot write {folder}" in err and CAUSES[code] in err
    if code == errno.EROFS:
        assert "give --locale-dir a folder on a writable disk" in err
    else:
        assert err.rstrip().endswith("or choose another catalog folder (--locale-dir)")
    assert "--out" not in err
    assert _leftovers(locale) == [] and not list(locale.rglob("*.mo"))


def test_catalogs_update_on_a_read_only_mount_keeps_every_po(tmp_path, monkeypatch, capsys):
    """A second writer of the catalogs (update, the .po files): the same words, the files
    as they were."""
    locale = shutil.copytree(LOCALE_DIR, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    before = {p: p.read_bytes() for p in locale.rglob("*.po")}
    _failing_fsync(monkeypatch, errno.EROFS)
    assert main(["catalogs", "update", "--locale-dir", str(locale), "--lang", "fr"]) == 1
    err = _one_line(capsys)
    assert READ_ONLY in err and "give --locale-dir a folder on a writable disk" in err
    assert {p: p.read_bytes() for p in locale.rglob("*.po")} == before
    assert _leftovers(locale) == []


@pytest.mark.parametrize("code", [errno.EACCES, errno.ENOSPC])
def test_catalogs_import_names_locale_dir_and_changes_no_catalog(
    tmp_path, monkeypatch, capsys, code
):
    """``catalogs import`` commits its catalogs together (commit_files), which said --out."""
    locale = shutil.copytree(LOCALE_DIR, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    po = tmp_path / "theme-it_IT.po"
    po.write_text(THEME_PO, encoding="utf-8")
    before = {p: p.read_bytes() for p in locale.rglob("*") if p.is_file()}
    _failing_fsync(monkeypatch, code)
    assert main(["catalogs", "import", str(po), "--locale-dir", str(locale)]) == 1
    err = _one_line(capsys)
    assert f"cannot write the outputs into {locale}" in err and "no file was changed" in err
    assert {errno.EACCES: f"chmod u+w {locale}", errno.ENOSPC: FULL}[code] in err
    assert err.rstrip().endswith("choose another catalog folder (--locale-dir)")
    assert {p: p.read_bytes() for p in locale.rglob("*") if p.is_file()} == before
    assert _leftovers(locale) == []


# -- export / import: --out, --out-dir, the document's folder ------------------------------


@pytest.fixture
def document(tmp_path) -> Path:
    folder = tmp_path / "out"
    write_article(make_article(), folder, {"txt", "json"})
    cfg = tmp_path / "pe.toml"
    cfg.write_text(
        f'[memory]\npath = "{tmp_path / "memory.sqlite"}"\n[qa]\nenabled = false\n',
        encoding="utf-8",
    )
    return folder / "art1.json"


def _export(document: Path, *extra: str) -> int:
    cfg = document.parent.parent / "pe.toml"
    return main(["--config", str(cfg), "export", str(document), "--to", "fr", *extra])


@pytest.mark.parametrize("code", [errno.EROFS, errno.EDQUOT])
def test_export_into_out_dir_names_out_dir(document, tmp_path, monkeypatch, capsys, code):
    dest = tmp_path / "xliff"
    _failing_fsync(monkeypatch, code)
    assert _export(document, "--out-dir", str(dest)) == OutputError.exit_code
    err = _one_line(capsys)
    assert f"cannot write {dest / 'art1.fr.xlf'}" in err and CAUSES[code] in err
    if code == errno.EROFS:
        assert "give --out-dir a folder on a writable disk" in err
    else:
        assert err.rstrip().endswith("or choose another folder (--out-dir)")
    assert list(dest.iterdir()) == []


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC])
def test_export_to_one_file_names_out(document, tmp_path, monkeypatch, capsys, code):
    target = tmp_path / "one" / "a.xlf"
    _failing_fsync(monkeypatch, code)
    assert _export(document, "--out", str(target)) == OutputError.exit_code
    err = _one_line(capsys)
    assert CAUSES[code] in err and str(target.parent) in err
    if code == errno.EROFS:
        assert "give --out a file on a writable disk" in err
    else:
        assert err.rstrip().endswith("or choose another file (--out)")
    assert list(target.parent.iterdir()) == []


def test_export_to_a_read_only_mount_is_refused_before_any_work(document, tmp_path, monkeypatch):
    """The check before writing (check_output_file) said "the folder … is not writable"
    alone; now the cause and the fix too."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    read_only_mount(monkeypatch, mount)
    with pytest.raises(OutputError) as err:
        atomic.check_output_file(mount / "a.xlf")
    assert f"{mount} {READ_ONLY}" in str(err.value)
    assert "give --out a folder on a writable disk" in str(err.value)


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC])
def test_import_into_a_folder_that_refuses_keeps_document_and_outputs(
    document, monkeypatch, capsys, code
):
    folder = document.parent
    assert _export(document) == 0
    xlf = folder / "art1.fr.xlf"
    _edit_with_toolkit(xlf, "xliff", {"b4.s1": "Photo AFP"})
    capsys.readouterr()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    _failing_fsync(monkeypatch, code)
    cfg = folder.parent / "pe.toml"
    assert main(["--config", str(cfg), "import", str(xlf)]) == OutputError.exit_code
    err = _one_line(capsys)
    assert str(folder) in err and CAUSES[code] in err
    assert "--doc" in err and "--out" not in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


# -- models: --models-dir, build-tiny's DIR, convert's DIR ---------------------------------


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC])
def test_build_tiny_names_dir_and_leaves_no_half_model(tmp_path, monkeypatch, capsys, code):
    from pipeline.models import tiny

    def half_written(folder, *args):
        (folder / "vocab.json").write_text("{", encoding="utf-8")
        raise OSError(code, os.strerror(code), str(folder / "vocab.json"))

    monkeypatch.setattr(tiny, "_save_tokenizer", half_written)
    out = tmp_path / "models" / "tiny"
    assert main(["models", "build-tiny", str(out)]) == OutputError.exit_code
    err = _one_line(capsys)
    assert f"cannot write the model into {out}" in err and "nothing was changed there" in err
    assert CAUSES[code] in err and str(out.parent) in err
    if code == errno.EROFS:
        assert "give DIR a folder on a writable disk (such as mtpipe models build-tiny" in err
    else:
        assert err.rstrip().endswith("or choose another folder (DIR)")
    assert list((tmp_path / "models").iterdir()) == []


def test_build_tiny_where_no_folder_can_be_made_names_the_cause(tmp_path, monkeypatch, capsys):
    """The temp folder beside DIR refused (temp_folder_beside): "give a folder that can
    be written" named no cause's fix."""

    def refused(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    assert main(["models", "build-tiny", str(tmp_path / "t")]) == OutputError.exit_code
    err = _one_line(capsys)
    assert f"cannot create a folder in {tmp_path}" in err and f"{tmp_path} {READ_ONLY}" in err
    assert "give DIR a folder on a writable disk" in err


@pytest.mark.parametrize("code", [errno.EROFS, errno.EDQUOT])
def test_fetch_names_models_dir_and_keeps_the_earlier_model(
    monkeypatch, tiny_models, tmp_path, capsys, code
):
    from pipeline.models import fetch

    _fake_hub(monkeypatch, tiny_models["it-en"], "a" * 40)
    folder = fetch("it-en", tmp_path)
    before = _snapshot(folder)
    _fake_hub(monkeypatch, tiny_models["it-fr"], "b" * 40, fail=OSError(code, os.strerror(code)))
    assert main(["models", "fetch", "it-en", "--models-dir", str(tmp_path)]) == 1
    err = _one_line(capsys)
    assert f"into {folder} ({os.strerror(code)}); nothing was changed there" in err
    assert CAUSES[code] in err and "--out" not in err
    if code == errno.EROFS:
        assert "give --models-dir a folder on a writable disk" in err
    else:
        assert err.rstrip().endswith("or choose another models folder (--models-dir)")
    assert _snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["opus-mt-it-en"]


def test_fetch_whose_marker_cannot_be_written_names_models_dir(
    monkeypatch, tiny_models, tmp_path, capsys
):
    """The marker went through atomic_open, which said --out (not a flag of fetch), and
    named the temp folder (``.opus-mt-it-en.fetch.XXXX/mtpipe-model.json``), removed by
    the time the user reads it: the message names the model folder in the models folder.
    Second input: a models folder not made yet, with a space in its name."""
    _fake_hub(monkeypatch, tiny_models["it-en"], "a" * 40)
    _failing_fsync(monkeypatch, errno.ENOSPC)
    for models_dir in (tmp_path, tmp_path / "my models"):
        assert main(["models", "fetch", "it-en", "--models-dir", str(models_dir)]) == 1
        err = _one_line(capsys)
        assert FULL in err and "(--models-dir)" in err and "--out" not in err
        assert f"into {models_dir / 'opus-mt-it-en'} (" in err, err
        assert ".fetch." not in err and "mtpipe-model.json" not in err
        assert [p for p in models_dir.iterdir() if p.name != "my models"] == []


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC])
def test_convert_names_the_model_folder_and_keeps_the_earlier_conversion(
    tiny_models, tmp_path, monkeypatch, code
):
    ct2 = pytest.importorskip("ctranslate2")
    from pipeline.models import convert_ct2, ct2_model_dir

    folder = shutil.copytree(tiny_models["it-en"], tmp_path / "tiny-it-en")
    convert_ct2(folder)
    before = _snapshot(ct2_model_dir(folder))

    def refused(self, output_dir, **kwargs):
        (Path(output_dir) / "model.bin").write_bytes(b"half")
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(ct2.converters.TransformersConverter, "convert", refused)
    with pytest.raises(OutputError) as err:
        convert_ct2(folder)
    message = str(err.value)
    assert f"cannot write the conversion into {ct2_model_dir(folder)}" in message
    assert CAUSES[code] in message and f"{folder}" in message.split("nothing was changed")[1]
    if code == errno.EROFS:
        assert "give DIR a copy of the model folder on a writable disk" in message
    assert _snapshot(ct2_model_dir(folder)) == before
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


# -- the translation memory: --memory; tm export's FILE -----------------------------------


def test_a_full_memory_says_free_space_or_another_memory(tmp_path):
    """SQLite's own "database or disk is full" (SQLITE_FULL, here from a page limit)."""
    path = tmp_path / "tm" / "memory.sqlite"
    with TranslationMemory(path) as memory:
        memory._conn.execute("PRAGMA max_page_count = 1")  # noqa: SLF001 (a full disk)
        with pytest.raises(OutputError) as err:
            memory.store(KEY, [("Ciao " * 2000, "Hello " * 2000)])
    message = str(err.value)
    assert f"cannot write translation memory {path}: database or disk is full" in message
    assert f"{FULL} {path.parent})" in message
    assert message.endswith("choose another translation memory file (--memory)")


def test_a_memory_on_a_read_only_mount_says_give_memory_a_writable_file(tmp_path, monkeypatch):
    mount = tmp_path / "mnt"
    mount.mkdir()
    sqlite3.connect(mount / "memory.sqlite").close()
    read_only_mount(monkeypatch, mount)
    with pytest.raises(OutputError) as err:
        TranslationMemory(mount / "memory.sqlite")
    message = str(err.value)
    assert f"{mount / 'memory.sqlite'} {READ_ONLY}" in message
    assert "give --memory a file on a writable disk" in message and "--no-memory" in message
    assert "chmod" not in message


def test_tm_export_to_a_read_only_mount_names_its_file_argument(tmp_path, monkeypatch, capsys):
    memory = tmp_path / "memory.sqlite"
    with TranslationMemory(memory) as tm:
        tm.store(KEY, [("Ciao", "Hello")])
    mount = tmp_path / "mnt"
    mount.mkdir()
    read_only_mount(monkeypatch, mount)
    code = main(["tm", "export", str(mount / "m.tmx"), "--memory", str(memory)])
    assert code == OutputError.exit_code
    err = _one_line(capsys)
    assert f"{mount} {READ_ONLY}" in err and "give FILE a file on a writable disk" in err
    assert "--out" not in err and list(mount.iterdir()) == []


# -- the temporary folder of an output sent to standard output: TMPDIR --------------------


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC])
def test_export_to_stdout_with_no_temporary_folder_names_tmpdir(
    document, tmp_path, monkeypatch, capsys, code
):
    """``export --out -`` writes the file whole in a temporary folder first: a read-only or
    full /tmp was an OSError traceback."""

    def refused(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    assert _export(document, "--out", "-") == OutputError.exit_code
    err = _one_line(capsys)
    assert f"cannot write a temporary folder into {tmp_path / 'tmp'}" in err
    assert CAUSES[code] in err and "TMPDIR" in err and "--out" not in err
    if code == errno.EROFS:
        assert "give TMPDIR a folder on a writable disk (such as TMPDIR=$HOME/tmp)" in err


def test_tm_export_to_stdout_with_a_full_temporary_folder_names_tmpdir(
    tmp_path, monkeypatch, capsys
):
    memory = tmp_path / "memory.sqlite"
    with TranslationMemory(memory) as tm:
        tm.store(KEY, [("Ciao", "Hello")])

    def refused(*args, **kwargs):
        raise OSError(errno.EDQUOT, os.strerror(errno.EDQUOT))

    monkeypatch.setattr(tempfile, "mkdtemp", refused)
    assert main(["tm", "export", "-", "--memory", str(memory)]) == OutputError.exit_code
    err = _one_line(capsys)
    assert QUOTA in err and err.rstrip().endswith("choose another temporary folder (TMPDIR)")


# -- qa: --out (findings), --report, the document itself (--update) -----------------------


@pytest.fixture
def checked_document(tmp_path) -> Path:
    from qa_fixtures import sample_article

    from pipeline.write import render_document_json

    folder = tmp_path / "doc"
    folder.mkdir()
    doc = folder / "kim.json"
    doc.write_text(render_document_json(sample_article()), encoding="utf-8")
    return doc


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC])
def test_qa_report_that_cannot_be_written_names_report(
    checked_document, tmp_path, monkeypatch, capsys, code
):
    """The report's write error said "choose another output folder (--out)": --out is the
    findings file; the report's flag is --report."""
    report = tmp_path / "reports" / "kim.qa.md"
    report.parent.mkdir()
    _failing_fsync(monkeypatch, code)
    args = ["qa", str(checked_document), "--out", "-", "--report", str(report)]
    assert main(args) == OutputError.exit_code
    err = _one_line(capsys)
    assert f"qa: cannot write {report}" in err and CAUSES[code] in err
    if code == errno.EROFS:
        assert "give --report a file on a writable disk (such as --report $HOME/" in err
    else:
        assert err.rstrip().endswith("or choose another report file (--report)")
    assert "--out" not in err and "output folder" not in err
    assert list(report.parent.iterdir()) == []


@pytest.mark.parametrize("code", [errno.EROFS, errno.EDQUOT])
def test_qa_findings_that_cannot_be_written_name_out_not_report(
    checked_document, tmp_path, monkeypatch, capsys, code
):
    findings = tmp_path / "f" / "kim.qa.jsonl"
    findings.parent.mkdir()
    _failing_fsync(monkeypatch, code)
    args = ["qa", str(checked_document), "--out", str(findings), "--no-report"]
    assert main(args) == OutputError.exit_code
    err = _one_line(capsys)
    assert f"cannot write {findings}" in err and CAUSES[code] in err
    if code == errno.EROFS:
        assert "give --out a file on a writable disk" in err
    else:
        assert err.rstrip().endswith("or choose another findings file (--out)")
    assert "--report" not in err and list(findings.parent.iterdir()) == []


@pytest.mark.parametrize("code", [errno.EROFS, errno.ENOSPC])
def test_qa_update_that_cannot_write_the_document_names_it_and_keeps_it(
    checked_document, monkeypatch, capsys, code
):
    """``--update`` writes the checked document itself: neither --out nor --report helps."""
    before = checked_document.read_bytes()
    _failing_fsync(monkeypatch, code)
    args = ["qa", str(checked_document), "--update", "--out", "-", "--no-report"]
    assert main(args) == OutputError.exit_code
    err = _one_line(capsys)
    assert f"cannot write {checked_document}" in err and CAUSES[code] in err
    assert "--out" not in err and "--report" not in err
    if code == errno.EROFS:
        assert "give PATH a copy of the document on a writable disk" in err
    else:
        assert err.rstrip().endswith("choose another copy of the document for --update (PATH)")
    assert checked_document.read_bytes() == before
    assert _leftovers(checked_document.parent) == []


def test_qa_outputs_on_a_read_only_mount_are_refused_before_qa_runs(
    checked_document, tmp_path, monkeypatch, capsys
):
    """The check before any work words it with the same flag: the report (here) and the
    document to --update (in a read-only folder, with its findings sent elsewhere)."""
    import pipeline.qa.files as files

    mount = tmp_path / "mnt"
    mount.mkdir()
    read_only_mount(monkeypatch, mount)
    monkeypatch.setattr(files, "check_file", lambda *a, **k: pytest.fail("QA ran"))
    assert main(["qa", str(checked_document), "--report", str(mount / "r.md")]) == 1
    err = _one_line(capsys)
    assert f"{mount} {READ_ONLY}" in err and "give --report a file on a writable disk" in err
    read_only_mount(monkeypatch, checked_document.parent)
    args = ["qa", str(checked_document), "--update", "--out", "-", "--no-report"]
    assert main(args) == 1
    err = _one_line(capsys)
    assert f"cannot write {checked_document}" in err and READ_ONLY in err
    assert "give PATH a copy of the document on a writable disk" in err and "--out" not in err


def test_qa_without_update_reads_a_document_in_a_read_only_folder(
    checked_document, tmp_path, monkeypatch
):
    """Only --update writes the document: checking one on a read-only mount still works."""
    read_only_mount(monkeypatch, checked_document.parent)
    findings = tmp_path / "kim.qa.jsonl"
    code = main(["qa", str(checked_document), "--out", str(findings), "--no-report"])
    assert code in (0, 5) and findings.is_file()
