"""User paths: a loop of symbolic links and a ``~`` no shell expanded, at every entry point."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import InputError, OutputError, UsageError
from pipeline.paths import home_expanded, resolved, resolved_or_none

LINK_FIX = "a symbolic link to nothing (or a loop of links); fix the link"


@pytest.fixture
def loop(tmp_path) -> Path:
    """A symbolic link to itself: ``Path.resolve()`` raises RuntimeError on it (3.11)."""
    link = tmp_path / "loop"
    link.symlink_to("loop")
    return link


@pytest.fixture
def article(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Ciao a tutti.\n", encoding="utf-8")
    return folder / "a.txt"


def _models(tiny_models) -> str:
    return f"--model-dir=it-en={tiny_models['it-en']}"


def test_resolving_a_loop_of_links_is_the_projects_error_naming_the_path(loop):
    with pytest.raises(InputError, match=re.escape(f"{loop}: {LINK_FIX}")):
        resolved(loop)
    with pytest.raises(OutputError, match="fix the link or give --memory another file"):
        resolved(loop, OutputError, "or give --memory another file")
    assert resolved_or_none(loop) is None


def test_a_loop_of_links_as_a_translate_input_is_one_line_exit_3(
    loop, tmp_path, tiny_models, capsys
):
    code = main(["translate", str(loop), "--to", "en", "--out", str(tmp_path / "o")])
    assert code == 3
    err = capsys.readouterr().err
    assert f"{loop}: {LINK_FIX}" in err and "Traceback" not in err


def test_a_loop_among_a_folders_articles_fails_that_article_alone(
    article, tmp_path, tiny_models, capsys
):
    (article.parent / "l.txt").symlink_to("l.txt")
    out = tmp_path / "o"
    argv = ["translate", str(article.parent), "--to", "en", "--out", str(out), "--beams", "1"]
    assert main([*argv, _models(tiny_models), "--quiet"]) == 3
    assert f"l.txt: {LINK_FIX}" in capsys.readouterr().err
    assert (out / "a.en.txt").is_file()  # the batch went on


@pytest.mark.parametrize(
    ("command", "code"),
    [
        (["export", "{loop}", "--to", "en"], 3),
        (["tm", "import", "{loop}", "--memory", "{tmp}/m.sqlite"], 3),
        (["qa", "{tmp}/in/a.txt", "--out", "{loop}"], 1),
        (["tm", "stats", "--memory", "{loop}"], 3),
        (["--config", "{loop}", "segment", "{tmp}/in/a.txt"], 2),
        (["glossary", "check", "--glossary", "{loop}"], 2),
    ],
)
def test_a_loop_of_links_given_to_any_command_is_named_with_its_fix(
    loop, article, tmp_path, capsys, command, code
):
    argv = [a.format(loop=loop, tmp=tmp_path) for a in command]
    assert main(argv) == code
    err = capsys.readouterr().err
    assert f"{loop}: {LINK_FIX}" in err and "Traceback" not in err


def test_a_memory_that_is_a_loop_of_links_is_named_not_in_sqlites_words(
    loop, article, tmp_path, tiny_models, capsys
):
    out = tmp_path / "o"
    argv = ["translate", str(article), "--to", "en", "--out", str(out), _models(tiny_models)]
    assert main([*argv, "--memory", str(loop)]) == 1
    err = capsys.readouterr().err
    assert f"{loop}: {LINK_FIX} or give --memory another file" in err
    assert "unable to open database file" not in err
    out.mkdir()
    (out / "memory.sqlite").symlink_to("memory.sqlite")  # the run's own memory a loop
    assert main(argv) == 1
    assert "memory.sqlite: a symbolic link to nothing" in capsys.readouterr().err


def test_a_loop_met_where_no_helper_is_still_one_line(loop, monkeypatch, capsys):
    from pipeline import cli

    def parser():  # any command reaching Path.resolve() on the loop
        return Path(loop).resolve(strict=False)

    monkeypatch.setattr(cli, "build_parser", parser)
    assert main(["segment", "x"]) == 1
    assert f"{loop}: {LINK_FIX}" in capsys.readouterr().err


def test_a_home_path_is_expanded_and_an_unknown_user_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert home_expanded("~/news") == tmp_path / "news"
    assert home_expanded("~") == tmp_path
    assert home_expanded("a/~b") == Path("a/~b")
    with pytest.raises(UsageError, match="--out ~nosuchuser1234/x: '~' cannot be expanded"):
        home_expanded("~nosuchuser1234/x", "--out")


def test_a_quoted_home_path_flag_writes_into_the_home_folder(
    article, tmp_path, tiny_models, monkeypatch
):
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir(), work.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    argv = ["translate", str(article), "--to", "en", "--out", "~/news", "--beams", "1"]
    assert main([*argv, _models(tiny_models), "--quiet"]) == 0
    assert (home / "news" / "a.en.txt").is_file()
    assert not (work / "~").exists()


def test_home_paths_in_a_settings_file_and_other_flags_are_expanded(tmp_path, monkeypatch, capsys):
    from pipeline.config import load_config

    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    settings = tmp_path / "cfg" / "p.toml"
    settings.parent.mkdir()
    settings.write_text('[write]\nout_dir = "~/news2"\n[memory]\npath = "~/mem.sqlite"\n')
    config = load_config(settings)
    assert Path(config.write.out_dir) == home / "news2"
    assert Path(config.memory.path) == home / "mem.sqlite"
    assert Path(load_config(None, {"write.out_dir": "~/x"}).write.out_dir) == home / "x"
    assert main(["tm", "stats", "--memory", "~/none.sqlite"]) == 3
    assert f"no translation memory at {home / 'none.sqlite'}" in capsys.readouterr().err
    settings.write_text('[write]\nout_dir = "~nosuchuser1234/news"\n')
    assert main(["--config", str(settings), "tm", "stats"]) == 2
    assert "config key write.out_dir = ~nosuchuser1234/news: '~' cannot be expanded" in (
        capsys.readouterr().err
    )
