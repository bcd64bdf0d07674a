"""The error tree and the README's exit-code table agree."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

import pytest

import pipeline.errors as errors
from pipeline.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def _all_subclasses(cls: type) -> set[type]:
    found = set(cls.__subclasses__())
    return found | {s for c in found for s in _all_subclasses(c)}


def _readme_codes() -> set[int]:
    section = README.read_text(encoding="utf-8").split("### Exit codes", 1)[1].split("\n## ", 1)[0]
    return {int(m) for m in re.findall(r"^\| (\d+) \|", section, flags=re.M)}


def test_readme_lists_every_exit_code_of_the_error_tree_and_ctrl_c():
    codes = {c.exit_code for c in {errors.PipelineError, *_all_subclasses(errors.PipelineError)}}
    assert _readme_codes() == codes | {0, 130}


def test_ctrl_c_is_exit_130_with_one_line(monkeypatch, capsys):
    import pipeline.cli.segment as segment

    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(segment, "run", interrupted)
    assert main(["segment", "-", "--lang", "it"]) == 130
    assert capsys.readouterr().err == "mtpipe: interrupted\n"


def test_hostile_inputs_table_names_only_tests_that_exist():
    table = (Path(__file__).parent / "HOSTILE_INPUTS.md").read_text(encoding="utf-8")
    names = set(re.findall(r"`(?:test_\w+\.py::)?(test_\w+)`", table))
    defined = {
        m
        for f in Path(__file__).parent.glob("test_*.py")
        for m in re.findall(r"^def (test_\w+)", f.read_text(encoding="utf-8"), flags=re.M)
    }
    assert len(names) > 30 and names <= defined, sorted(names - defined)


def test_unreadable_inputs_are_exit_3_even_when_no_model_is_there(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "mtpipe.article", "version": 1, "id": "../x"}', encoding="utf-8")
    models = tmp_path / "no-models"
    for inputs in ([str(tmp_path / "missing.txt")], [str(bad)], [str(bad), str(tmp_path / "m.md")]):
        argv = ["translate", *inputs, "--out", str(tmp_path / "o")]
        code = main([*argv, f"--model-dir=it-en={models}", f"--model-dir=it-fr={models}"])
        err = capsys.readouterr().err
        assert code == 3, err  # not 4: a missing input is found before any model is looked for
        assert inputs[0] in err and "Traceback" not in err
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_chrome_no_catalog_knows_is_one_warning_line_naming_it_and_the_fix(tmp_path, capsys):
    """Said when the page is read, before any model is looked for (here: none is there)."""
    page = tmp_path / "pezzo.txt"
    page.write_text(
        "Il titolo\n\nIl testo del pezzo.\n\nCondividi su Facebook\nTwitter\n", encoding="utf-8"
    )
    models = tmp_path / "no-models"
    argv = ["translate", str(page), "--to", "en", "--out", str(tmp_path / "o")]
    assert main([*argv, f"--model-dir=it-en={models}"]) == 4
    warnings = [ln for ln in capsys.readouterr().err.splitlines() if "no catalog knows" in ln]
    assert len(warnings) == 1
    assert warnings[0].startswith(f"mtpipe: warning: {page}: 2 lines of page chrome")
    assert "line 5 'Condividi su Facebook', line 6 'Twitter'" in warnings[0]
    assert "mtpipe catalogs import" in warnings[0]


# Every command that reads a file the user names, given a named pipe (nobody writes to it)
# or a device: each hung for good, waiting for a writer, or read without end.
NOT_A_FILE_COMMANDS = [
    ["translate", "{f}.txt", "--to", "en", "--out", "{o}"],
    ["segment", "{f}.md", "--lang", "it"],
    ["glossary", "apply", "{f}.md", "--lang", "en"],
    ["qa", "{f}.json"],
    ["qa", "--jsonl", "{f}.jsonl"],
    ["bundle", "{f}.json", "--out", "{o}"],
    ["export", "{f}.json", "--to", "fr"],
    ["import", "{f}.xlf"],
    ["import", "{f}.po"],
    ["tm", "import", "{f}.tmx", "--memory", "{o}.sqlite"],
    ["catalogs", "import", "{f}.po", "--lang", "it"],
]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("argv", NOT_A_FILE_COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_a_named_pipe_or_device_given_as_a_file_is_exit_3_not_a_hang(tmp_path, capsys, argv):
    def hung(*_):
        raise AssertionError(f"mtpipe {' '.join(argv)} waits on a named pipe")

    suffix = Path(argv[[a.startswith("{f}") for a in argv].index(True)]).suffix
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    out = tmp_path / "o"
    args = [a.replace("{f}", str(tmp_path / "pipe")).replace("{o}", str(out)) for a in argv]
    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        assert main(args) == 3
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{fifo}: is a named pipe, not a file" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == [fifo.name]  # nothing written


def test_a_device_given_as_an_article_is_exit_3(tmp_path, capsys):
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    assert main(["translate", "/dev/zero", "--to", "en", "--out", str(tmp_path / "o")]) == 3
    assert "/dev/zero: is a character device, not a file" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize(
    "name",
    ["a\nb.txt", "a\rb.txt", "\x1b[31mrosso.txt", "a\u2028b.txt", "e\u202ef.txt", "e\u2067f.txt"],
)
def test_a_file_name_with_a_line_break_or_control_character_stays_one_line(tmp_path, capsys, name):
    """The error names the file with the character escaped: one line, no terminal codes."""
    missing = tmp_path / name
    assert main(["translate", str(missing), "--to", "en", "--out", str(tmp_path / "o")]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "\r" not in err and "\x1b" not in err and "\u2028" not in err
    assert ascii(name[1:2])[1:-1] in err and "no such file" in err


def test_a_warning_naming_a_folder_with_a_line_break_stays_one_line(tmp_path, capsys):
    (tmp_path / "in" / "sotto\ncartella").mkdir(parents=True)
    (tmp_path / "in" / "pezzo.txt").write_text("Titolo\n\nTesto.\n", encoding="utf-8")
    models = tmp_path / "no-models"
    argv = ["translate", str(tmp_path / "in"), "--to", "en", "--out", str(tmp_path / "o")]
    assert main([*argv, f"--model-dir=it-en={models}"]) == 4
    warning = [ln for ln in capsys.readouterr().err.splitlines() if "subfolder" in ln]
    assert len(warning) == 1 and "sotto\\ncartella" in warning[0]


def test_a_listing_error_keeps_its_lines_each_made_one_line():
    from pipeline.errors import CatalogError, one_line

    assert one_line("a\nb\x1bc\td") == "a\\nb\\x1bc\td"
    err = CatalogError("2 problems:\n  x\n  y", listing=True)
    assert err.listing and not CatalogError("x").listing
