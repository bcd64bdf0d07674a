"""The command-line front-end: global options work before or after the command."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.cli import main


@pytest.fixture
def bad_config(tmp_path):
    path = tmp_path / "c.toml"
    path.write_text("[translate]\nbeam = 3\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["--config", "{cfg}", "translate", "{doc}"],
        ["translate", "{doc}", "--config", "{cfg}"],
        ["translate", "--config", "{cfg}", "{doc}"],
        ["qa", "{doc}", "--config", "{cfg}"],
        ["tm", "stats", "--config", "{cfg}"],
    ],
)
def test_config_is_read_before_or_after_the_command(argv, bad_config, sample_path, capsys):
    args = [a.format(cfg=bad_config, doc=sample_path) for a in argv]
    assert main(args) == 2  # the file was read: its unknown key is refused
    err = capsys.readouterr().err
    assert "translate.beam" in err and str(bad_config) in err


def test_config_after_the_command_wins_over_the_one_before(tmp_path, sample_path, capsys):
    good = tmp_path / "good.toml"
    good.write_text("[translate]\nnum_beams = 1\n", encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text("[translate]\nbeam = 3\n", encoding="utf-8")
    assert main(["--config", str(good), "translate", str(sample_path), "--config", str(bad)]) == 2
    assert "bad.toml" in capsys.readouterr().err


# An output flag naming the command's own input: the document QA checks or export reads,
# the memory tm export reads or tm import writes. Each destroyed it (exit 0 or 5).
OVER_INPUT = {
    "export --out the document": ["export", "{doc}", "--to", "fr", "--out", "{doc}"],
    "export --out a hard link to it": ["export", "{doc}", "--to", "fr", "--out", "{link}"],
    "qa --out the document": ["qa", "{doc}", "--out", "{doc}"],
    "qa --report the document": ["qa", "{doc}", "--report", "{tmp}/./{doc_name}"],
    "tm export into the memory": ["tm", "export", "{mem}", "--memory", "{mem}"],
    "tm import of the memory": ["tm", "import", "{mem}", "--memory", "{mem}"],
}


@pytest.mark.parametrize("case", list(OVER_INPUT))
def test_an_output_that_is_the_commands_own_input_is_refused(tmp_path, capsys, case):
    import os

    from pipeline.document import Article, Block, Segment, Translation
    from pipeline.memory import Entry, MemoryKey, TranslationMemory
    from pipeline.writers import write_article

    seg = Segment(
        "b1.s1",
        "Il governo cade.",
        translations={"fr": Translation("Le gouvernement tombe.", "mt")},
    )
    write_article(
        Article("doc", "it", [Block("b1", "title", seg.source, [seg])], target_langs=["fr"]),
        tmp_path,
    )
    doc, mem = tmp_path / "doc.json", tmp_path / "memory.sqlite"
    with TranslationMemory(mem) as tm:
        tm.store_entries(
            [Entry(MemoryKey.human("it", "fr"), "a", "b", "2024-01-01", "2024-01-01", "x")]
        )
    os.link(doc, tmp_path / "link.json")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    fill = {"doc": doc, "link": tmp_path / "link.json", "mem": mem, "tmp": tmp_path}
    args = [a.format(doc_name=doc.name, **fill) for a in OVER_INPUT[case]]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is the input" in err and "choose another file" in err
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


NOT_A_FILE_OUTPUT = {
    "export --out": ["export", "{doc}", "--to", "fr", "--out", "{out}"],
    "qa --out": ["qa", "{doc}", "--out", "{out}"],
    "qa --report": ["qa", "{doc}", "--report", "{out}"],
    "tm export": ["tm", "export", "{out}", "--memory", "{mem}"],
}


@pytest.mark.parametrize("case", list(NOT_A_FILE_OUTPUT))
def test_an_output_that_is_a_named_pipe_is_refused_not_replaced(tmp_path, capsys, case):
    """A file output naming a FIFO (or a device: ``--out /dev/stdout``, ``/dev/full``):
    the atomic writer renamed its temp file over it, so the pipe (or, run as root, the
    device node) was replaced by a regular file and the command said it wrote it."""
    import os
    import stat

    from pipeline.document import Article, Block, Segment, Translation
    from pipeline.memory import Entry, MemoryKey, TranslationMemory
    from pipeline.writers import write_article

    seg = Segment("b1.s1", "Il governo cade.", translations={"fr": Translation("Le gouv.", "mt")})
    write_article(
        Article("doc", "it", [Block("b1", "title", seg.source, [seg])], target_langs=["fr"]),
        tmp_path,
    )
    mem = tmp_path / "memory.sqlite"
    with TranslationMemory(mem) as tm:
        tm.store_entries(
            [Entry(MemoryKey.human("it", "fr"), "a", "b", "2024-01-01", "2024-01-01", "x")]
        )
    fifo = tmp_path / "uscita"
    os.mkfifo(fifo)
    fill = {"doc": tmp_path / "doc.json", "mem": mem, "out": fifo}
    code = main([a.format(**fill) for a in NOT_A_FILE_OUTPUT[case]])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "named pipe" in err and "uscita" in err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_model_dir_pairs_in_another_case_name_the_same_pair():
    """``--model-dir IT-EN=DIR`` was ignored for the pair it-en (exit 4, "model missing")."""
    from pipeline.cli.common import parse_model_dirs, standard_pair

    assert parse_model_dirs(["IT-EN=m/x", "it-Fr=m/y"]) == {
        "it-en": Path("m/x"),
        "it-fr": Path("m/y"),
    }
    assert standard_pair("it-en-GB") == "it-en-GB"  # left for split_pair to name
    assert standard_pair("../x-en") == "../x-en"


def test_translate_takes_a_model_dir_pair_in_another_case(tmp_path, tiny_models, sample_path):
    out = tmp_path / "o"
    argv = ["translate", str(sample_path), "--to", "en", "--out", str(out), "--quiet"]
    assert main([*argv, "--model-dir", f"IT-EN={tiny_models['it-en']}"]) == 0
    assert (out / f"{sample_path.name.split('.')[0]}.en.txt").is_file()


def test_an_ascii_only_stdout_gets_escapes_not_a_traceback(tmp_path):
    """A pipe or terminal that cannot encode an accented file name (``PYTHONIOENCODING=ascii``)
    sees the name escaped; the command succeeds instead of a UnicodeEncodeError."""
    import os
    import subprocess
    import sys

    src = tmp_path / "città è già.txt"
    src.write_text("Il sindaco è arrivato.\n\nLa città ha votato.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    done = subprocess.run(
        [sys.executable, "-m", "pipeline", "segment", str(src)],
        capture_output=True, env=env, cwd=os.getcwd(), timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode("ascii", "replace")
    assert b"Traceback" not in done.stderr
    assert b"citt\\xe0" in done.stdout + done.stderr


# Flags that contradict each other, or one flag given twice (trial, round 8): argparse kept
# the last or both, and one of them was ignored unsaid.
CONTRADICTIONS = {
    "translate --no-memory --memory": (
        ["translate", "{doc}", "--no-memory", "--memory", "{tmp}/m.sqlite"],
        ("--memory", "--no-memory"),
    ),
    "translate --memory twice": (
        ["translate", "{doc}", "--memory", "{tmp}/a.sqlite", "--memory", "{tmp}/b.sqlite"],
        ("a.sqlite", "b.sqlite"),
    ),
    "translate --out twice": (
        ["translate", "{doc}", "--out", "{tmp}/o1", "--out", "{tmp}/o2"],
        ("o1", "o2"),
    ),
    "translate --model-dir twice for a pair": (
        ["translate", "{doc}", "--model-dir", "it-en={tmp}/A", "--model-dir", "IT-EN={tmp}/B"],
        ("it-en=", "IT-EN="),
    ),
    "translate --ray-address without --runner ray": (
        ["translate", "{doc}", "--ray-address", "auto"],
        ("--ray-address", "--runner local"),
    ),
    "export --out - --out-dir": (
        ["export", "{doc}", "--to", "fr", "--out", "-", "--out-dir", "{tmp}/d"],
        ("--out", "--out-dir"),
    ),
    "export --to twice": (["export", "{doc}", "--to", "fr", "--to", "en"], ("fr", "en")),
    "import --memory --no-memory": (
        ["import", "{tmp}/x.xlf", "--memory", "{tmp}/m.sqlite", "--no-memory"],
        ("--memory", "--no-memory"),
    ),
    "catalogs fill --memory --no-memory": (
        ["catalogs", "fill", "--lang", "fr", "--no-memory", "--memory", "{tmp}/m.sqlite"],
        ("--memory", "--no-memory"),
    ),
    "qa --report --no-report": (
        ["qa", "{doc}", "--report", "{tmp}/r.md", "--no-report"],
        ("--report", "--no-report"),
    ),
    "qa --format --no-report": (
        ["qa", "{doc}", "--format", "html", "--no-report"],
        ("--format", "--no-report"),
    ),
    "tm export --model twice": (
        ["tm", "export", "{tmp}/x.tmx", "--model", "a", "--model", "b"],
        ("--model a", "--model b"),
    ),
}


@pytest.mark.parametrize("case", list(CONTRADICTIONS))
def test_contradictory_or_repeated_flags_are_refused_naming_both(tmp_path, capsys, case):
    from pipeline.document import Article, Block, Segment, Translation
    from pipeline.writers import write_article

    seg = Segment("b1.s1", "Ciao.", translations={"fr": Translation("Salut.", "mt")})
    write_article(
        Article("doc", "it", [Block("b1", "title", seg.source, [seg])], target_langs=["fr"]),
        tmp_path,
    )
    before = sorted(p.name for p in tmp_path.iterdir())
    argv, named = CONTRADICTIONS[case]
    assert main([a.format(doc=tmp_path / "doc.json", tmp=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and all(flag in err for flag in named), err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_flags_that_agree_are_accepted(tmp_path):
    from pipeline.cli import build_parser
    from pipeline.cli.common import parse_model_dirs

    dirs = parse_model_dirs(["it-en=A", "it-fr=B"])  # one per pair: repeatable
    assert dirs == {"it-en": Path("A"), "it-fr": Path("B")}
    args = build_parser().parse_args(
        [
            "translate",
            "x",
            "--no-memory",
            "--force",
            "--force",
            "--runner",
            "ray",
            "--ray-address",
            "auto",
        ]  # fmt: skip
    )
    assert args.no_memory and args.memory is None and args.ray_address == "auto"
    args = build_parser().parse_args(["qa", "x", "--format", "html", "--report", "r.html"])
    assert args.format == "html"


def test_a_flag_pair_of_a_group_is_refused_in_the_words_of_refuse_together(capsys):
    assert main(["translate", "x.txt", "--no-memory", "--memory", "m.sqlite"]) == 2
    err = capsys.readouterr().err
    assert "--no-memory and --memory contradict each other: give only one of" in err
    assert "not allowed with" not in err


@pytest.mark.parametrize("argv", [["--help"], ["translate", "--help"], ["tm", "stats", "--help"]])
def test_help_names_the_config_option_value_file(argv, capsys):
    """``--config`` after a command is stored under an internal name per depth; the help
    must show ``FILE``, not that name (was ``--config CONFIG_LEVEL_1``)."""
    with pytest.raises(SystemExit):
        main(argv)
    shown = capsys.readouterr().out
    assert "--config FILE" in shown and "CONFIG_LEVEL" not in shown


@pytest.mark.parametrize("argv", [["--help"], ["translate", "--help"]])
def test_help_says_the_checkout_settings_file_is_not_the_default(argv, capsys):
    """By hand, ``mtpipe translate`` used the built-in settings while every make target
    passes configs/pipeline.toml: an edit to configs/glossary.toml was silently unused."""
    with pytest.raises(SystemExit):
        main(argv)
    shown = " ".join(capsys.readouterr().out.split())
    assert "configs/pipeline.toml" in shown and "configs/glossary.toml" in shown


def _memory_options(parser, command=()):
    """``(command words, --memory action)`` of every (sub)command with a ``--memory``."""
    import argparse

    for action in parser._actions:
        if "--memory" in action.option_strings:
            yield command, action
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _memory_options(sub, (*command, name))


def test_every_memory_option_says_which_memory_is_used_without_it():
    """`tm --memory` and `catalogs fill --memory` said "default: [memory] path,
    out/memory.sqlite" after the unset memory had become memory.sqlite in the [write]
    out_dir folder (a settings file's out_dir takes its memory along): every command's
    help says which memory it uses without the flag, and that a settings file's
    [memory] path wins; those with no document to follow, the out_dir folder's."""
    from pipeline.cli import build_parser

    options = dict(_memory_options(build_parser()))
    assert {("tm", "import"), ("tm", "stats"), ("catalogs", "fill"), ("translate",)} <= set(options)
    for command, action in options.items():
        shown = " ".join(action.help.split())
        assert "(default: memory.sqlite " in shown, command
        assert "unless a settings file sets [memory] path" in shown, command
        assert "default: [memory] path" not in shown, command
    for command in [("tm", "import"), ("tm", "export"), ("tm", "stats"), ("catalogs", "fill")]:
        assert "memory.sqlite in the [write] out_dir folder" in options[command].help, command


def test_bundle_help_states_each_setting_flags_built_in_default():
    """`bundle --help` gave no default for --base-url, --default-locale or --qa-policy,
    where the README says each command's help lists every flag with its default: each
    names its [bundle] key and the value the built-in settings file holds."""
    import tomllib

    from pipeline.cli import build_parser

    built_in = Path(__file__).resolve().parents[1] / "pipeline" / "defaults" / "pipeline.toml"
    bundle = tomllib.loads(built_in.read_text(encoding="utf-8"))["bundle"]
    [sub] = [
        a for a in build_parser()._actions if getattr(a, "choices", None) and "bundle" in a.choices
    ]
    helps = {o: a.help for a in sub.choices["bundle"]._actions for o in a.option_strings}
    for flag, key in (("--base-url", "base_url"), ("--default-locale", "default_locale"),
                      ("--qa-policy", "qa_policy"), ("--out", "out_dir")):  # fmt: skip
        shown = " ".join(helps[flag].split())
        assert f"(default: [bundle] {key}" in shown, flag
        if key != "out_dir":
            assert f"built in {bundle[key]})" in shown, flag


def _subcommands(parser, command=()):
    """``(command words, parser)`` of every subcommand, at any depth."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield (*command, name), sub
                yield from _subcommands(sub, (*command, name))


def test_every_subcommand_help_says_what_it_does():
    """`mtpipe tm import --help`, `glossary check --help` and `models fetch --help` printed
    usage and options alone: what the command does was only in the parent's list. Every
    subcommand, at any depth, opens its help with a description."""
    from pipeline.cli import build_parser

    found = dict(_subcommands(build_parser()))
    assert {("tm", "import"), ("glossary", "check"), ("models", "fetch")} <= set(found)
    for command, parser in found.items():
        assert parser.description and parser.description.strip(), command
        opening = " ".join(parser.description.split()[:3])  # argparse wraps the rest
        assert opening in " ".join(parser.format_help().split()), command


def test_tm_import_help_says_the_units_become_human_entries(capsys):
    """The TMX import's help says what a CAT tool's units become and who the translator is,
    as the README does, not only that it stores translations."""
    with pytest.raises(SystemExit):
        main(["tm", "import", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "as human entries" in shown and "changeid, else creationid" in shown
    assert "--origin mt --model ID" in shown


@pytest.mark.parametrize("command", ["qa", "glossary"])
def test_help_shows_no_rest_markup(command, capsys):
    """A command whose help text is its module docstring shows it as plain text: no
    ````mtpipe qa```` literals or ``:func:`` roles in a terminal."""
    with pytest.raises(SystemExit):
        main([command, "--help"])
    shown = capsys.readouterr().out
    assert "``" not in shown and ":func:" not in shown and f"mtpipe {command}" in shown


@pytest.mark.parametrize(
    "argv",
    [
        ["translate", "-", "--to", "en", "--out", "{tmp}/o"],
        ["translate", "{tmp}/a.txt", "-", "--to", "en", "--out", "{tmp}/o"],
        ["bundle", "-", "--out", "{tmp}/o"],
        ["qa", "-"],
        ["tm", "import", "-", "--memory", "{tmp}/m.sqlite"],
        ["catalogs", "import", "-", "--locale-dir", "{tmp}/loc"],
    ],
)
def test_standard_input_given_to_a_command_that_reads_files_is_said_so(tmp_path, capsys, argv):
    """`translate -` said "-: no such file; check the path", as if a file had gone missing
    (`segment -` and `glossary apply -` read standard input; these commands do not)."""
    (tmp_path / "a.txt").write_text("Il governo ha approvato la legge.\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err
    assert "- (standard input) is not read here" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_file_named_dash_is_read_as_dot_slash_dash(tmp_path, capsys, monkeypatch):
    """The other direction: `./-` is a file, read as any other."""
    monkeypatch.chdir(tmp_path)
    assert main(["qa", "./-"]) == 3
    assert "no such file" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["qa", "{tmp}/a.json", "--report", ""],
        ["qa", "{tmp}/a.json", "--out", " "],
        ["qa", ""],
        ["catalogs", "extract", "--locale-dir", ""],
        ["catalogs", "import", ""],
        ["glossary", "apply", "{tmp}/a.txt", "--lang", "en", "--model-dir", ""],
        ["tm", "import", "", "--memory", "{tmp}/m.sqlite"],
        ["tm", "export", " ", "--memory", "{tmp}/m.sqlite"],
        ["bundle", "", "--out", "{tmp}/site"],
        ["translate", "", "--to", "en", "--out", "{tmp}/o"],
        ["models", "build-tiny", ""],
    ],
)
def test_an_empty_path_value_is_refused_not_taken_for_a_default(
    tmp_path, capsys, monkeypatch, argv
):
    """`qa DOC --report ""` wrote the default report, `catalogs extract --locale-dir ""`
    wrote messages.pot into the current folder (`Path("")` is `.`), `qa ""` was a
    ValueError traceback: an empty value was taken as no flag or as the current folder."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Il governo ha approvato la legge.\n", encoding="utf-8")
    (tmp_path / "a.json").write_text("{}", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err
    assert "names no file or folder; give a path" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_line_break_in_a_folder_name_stays_one_line_of_output(tmp_path, capsys):
    """`bundle --out $'site\\nX'` printed "bundle: site" and "X: 3 locales …" as two lines
    (so did `catalogs compile --locale-dir`): errors were escaped, the normal output not."""
    import shutil

    from bundle_fixtures import make_article

    from pipeline.langdata.catalogs import LOCALE_DIR
    from pipeline.writers import write_article

    write_article(make_article(), tmp_path / "docs", {"json"})
    site = tmp_path / "si\nte"
    assert main(["bundle", str(tmp_path / "docs"), "--out", str(site)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and "si\\nte: 3 locales" in out
    locale = tmp_path / "lo\ncale"
    shutil.copytree(LOCALE_DIR, locale, ignore=shutil.ignore_patterns("*.mo"))
    assert main(["catalogs", "compile", "--lang", "fr", "--locale-dir", str(locale)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and all(line.startswith("compiled ") for line in lines)


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # a copy cut short
        lambda text: text.replace('",', '"', 1),  # an edit that broke a comma
    ],
    ids=["cut short", "broken comma"],
)
def test_export_of_a_folder_names_a_damaged_document_instead_of_passing_it_over(
    tmp_path, capsys, sample_translation, damage
):
    """`mtpipe export DIR` passed over a document that no longer parses as "not a
    document": the other articles' files were written, exit 0, and the translator never
    got one for that article. It names the file (exit 3) before writing any, as `bundle`
    does; another tool's JSON there is still passed over."""
    import shutil

    folder = tmp_path / "docs"
    folder.mkdir()
    doc = next(p for p in sample_translation.glob("*.json") if p.name.count(".") == 1)
    shutil.copy(doc, folder / "a.json")
    (folder / "other.json").write_text('{"feed": []}', encoding="utf-8")
    assert main(["export", str(folder), "--to", "fr", "--out-dir", str(tmp_path / "x")]) == 0
    assert (tmp_path / "x" / "a.fr.xlf").is_file()
    capsys.readouterr()
    text = doc.read_text(encoding="utf-8")
    (folder / "b.json").write_text(damage(text), encoding="utf-8")
    assert main(["export", str(folder), "--to", "fr", "--out-dir", str(tmp_path / "y")]) == 3
    err = capsys.readouterr().err
    assert str(folder / "b.json") in err and "not an mtpipe document" in err
    assert not (tmp_path / "y").exists()


def test_the_import_qa_line_cuts_a_long_finding_after_a_word_and_says_so():
    """`QA of the imported en targets: 1 warning (b1.s1 addition: target is 369% of the
    source length (3.7 sd above the it-en norm): tex)`: a finding cut at 80 characters
    mid-word, with no mark that it was cut. A short finding is shown whole; a long one
    ends after a word with `…`; (second input of the kind) a long URL is cut inside it,
    still marked."""
    from types import SimpleNamespace

    from pipeline.cli.postedit import _findings_line

    long = "addition: target is 369% of the source length (3.7 sd above the it-en norm): text may be added"  # noqa: E501
    url = "protected: https://example.org/" + "a" * 90
    findings = [("b1.s1", "warning", long), ("b2.s1", "error", "number: 3 became 4"),
                ("b3.s1", "error", url)]  # fmt: skip
    result = SimpleNamespace(findings=findings, lang="en", document=Path("d.json"))
    line = _findings_line(Path("f.po"), result)
    assert (
        "b1.s1 addition: target is 369% of the source length (3.7 sd above the it-en norm)…;"
        in line
    )
    assert "b2.s1 number: 3 became 4;" in line
    cut = line.split("b3.s1 ")[1].split(")")[0]
    assert cut.endswith("…") and len(cut) == 80 and url.startswith(cut[:-1])
    assert "QA of the imported en targets: 2 errors and 1 warning (" in line


@pytest.mark.parametrize(
    "argv",
    [
        ["translate", "{name}", "--to", "en", "--out", "{tmp}/o"],
        ["segment", "{name}"],
        ["qa", "-report.json"],  # a file mtpipe would read, not there yet
    ],
)
def test_a_file_name_starting_with_a_dash_says_to_write_dot_slash_or_use_dashes(
    tmp_path, monkeypatch, capsys, argv
):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-notizia.txt").write_text("Ciao a tutti voi.\n", encoding="utf-8")
    args = [a.format(name="-notizia.txt", tmp=tmp_path) for a in argv]
    assert main(args) == 2
    err = capsys.readouterr().err
    name = args[1]
    assert f"{name} is a file name that starts with '-'" in err
    assert f"write ./{name}, or put it after --" in err
    assert "arguments are required" not in err and "unrecognized" not in err


def test_a_dash_file_after_double_dash_is_read(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-notizia.txt").write_text("Ciao a tutti voi.\n", encoding="utf-8")
    assert main(["segment", "--", "-notizia.txt"]) == 0
    assert "Ciao a tutti voi." in capsys.readouterr().out
    assert main(["translate", "-x", "--to", "en"]) == 2  # a mistyped flag: argparse's words
    assert "is a file name" not in capsys.readouterr().err
