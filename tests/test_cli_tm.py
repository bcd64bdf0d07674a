"""``mtpipe tm import|export|stats`` through the real argument parser and exit codes."""

from __future__ import annotations

import json
import os

import pytest

from pipeline.cli import main
from pipeline.errors import OutputError
from pipeline.memory import MemoryKey, TranslationMemory

KEY = MemoryKey("Helsinki-NLP/opus-mt-it-en", "rev1", "beams=4,max_in=256", "it", "en")
FOREIGN_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="it-IT" segtype="sentence" datatype="plaintext"
 adminlang="en" creationtool="OtherCAT" creationtoolversion="9" o-tmf="other"/><body>
<tu><tuv xml:lang="it-IT"><seg>Laisser un commentaire</seg></tuv>
<tuv xml:lang="en-US"><seg>Leave a comment</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Laisser un commentaire</seg></tuv></tu>
<tu><tuv xml:lang="it-IT"><seg>Foto: <mrk mtype="x-term">AFP</mrk></seg></tuv>
<tuv xml:lang="en-US"><seg>Photo: <mrk mtype="x-term">AFP</mrk></seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture
def memory_path(tmp_path):
    path = tmp_path / "mem.sqlite"
    with TranslationMemory(path) as tm:
        tm.store(KEY, [("Grazie.", "Thank you."), ("«Sì»", "“Yes”")])
    return path


def test_export_then_import_into_a_new_memory(memory_path, tmp_path, capsys):
    tmx = tmp_path / "export" / "memory.tmx"
    assert main(["tm", "export", str(tmx), "--memory", str(memory_path)]) == 0
    assert "exported 2 entries" in capsys.readouterr().out
    copy = tmp_path / "copy.sqlite"
    assert main(["tm", "import", str(tmx), "--memory", str(copy)]) == 0
    assert "imported 2 entries" in capsys.readouterr().out
    with TranslationMemory(copy) as tm:
        assert tm.lookup(KEY, ["Grazie.", "«Sì»"]) == {"Grazie.": "Thank you.", "«Sì»": "“Yes”"}


def test_import_of_a_cat_tool_tmx_stores_human_entries_and_reports_skips(tmp_path, capsys):
    tmx = tmp_path / "cat.tmx"
    tmx.write_text(FOREIGN_TMX, encoding="utf-8")
    mem = tmp_path / "mem.sqlite"
    assert main(["tm", "import", str(tmx), "--memory", str(mem)]) == 0
    captured = capsys.readouterr()
    assert "imported 2 entries" in captured.out
    assert "unit 2: skipped" in captured.err and "<mrk>, which is no TMX 1.4b" in captured.err
    assert "1 translation unit not imported (listed above)" in captured.out
    lines = captured.err.strip().splitlines()
    assert lines and all(line.startswith(f"mtpipe: warning: {tmx}: ") for line in lines)
    with TranslationMemory(mem) as tm:
        assert tm.stats()["pairs_by_origin"]["human"] == {"it-en": 1, "it-fr": 1}
        hit = tm.lookup(MemoryKey.human("it", "en"), ["Laisser un commentaire"])
        assert hit == {"Laisser un commentaire": "Leave a comment"}
    assert main(["tm", "stats", "--memory", str(mem)]) == 0
    assert "2 human, 0 machine-translated" in capsys.readouterr().out


def test_import_as_mt_memory_needs_a_model(tmp_path, capsys):
    tmx = tmp_path / "cat.tmx"
    tmx.write_text(FOREIGN_TMX, encoding="utf-8")
    mem = tmp_path / "mem.sqlite"
    assert main(["tm", "import", str(tmx), "--memory", str(mem), "--origin", "mt"]) == 2
    assert "--model" in capsys.readouterr().err
    args = ["tm", "import", str(tmx), "--memory", str(mem), "--origin", "mt", "--model", "agency"]
    assert main(args) == 0
    with TranslationMemory(mem) as tm:
        hit = tm.lookup(MemoryKey("agency", "", "", "it", "en"), ["Laisser un commentaire"])
        assert hit == {"Laisser un commentaire": "Leave a comment"}
        assert tm.stats()["origins"] == {"human": 0, "mt": 2}


def test_stats_as_json_and_text(memory_path, capsys):
    assert main(["tm", "stats", "--memory", str(memory_path), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["entries"] == 2 and stats["pairs"] == {"it-en": 2}
    assert main(["tm", "stats", "--memory", str(memory_path)]) == 0
    out = capsys.readouterr().out
    assert "2 entries" in out and KEY.model_id in out and KEY.decoding in out


def test_memory_path_defaults_to_the_config(memory_path, tmp_path, capsys):
    config = tmp_path / "pipeline.toml"
    config.write_text(f'[memory]\npath = "{memory_path.as_posix()}"\n', encoding="utf-8")
    assert main(["--config", str(config), "tm", "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["path"] == str(memory_path)


def test_without_memory_path_the_memory_is_the_one_in_the_settings_out_dir(
    memory_path, tmp_path, capsys, monkeypatch
):
    """What `tm --memory`'s help says: no [memory] path in the settings file, the memory
    is memory.sqlite in its [write] out_dir folder (relative to the file), from any
    working folder; the help said "[memory] path, out/memory.sqlite"."""
    config = tmp_path / "conf" / "s.toml"
    (tmp_path / "conf" / "runs").mkdir(parents=True)
    config.write_text('[write]\nout_dir = "runs"\n', encoding="utf-8")
    memory = tmp_path / "conf" / "runs" / "memory.sqlite"
    memory_path.rename(memory)
    monkeypatch.chdir(tmp_path)
    assert main(["--config", str(config), "tm", "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["path"] == str(memory)
    assert main(["--config", str(config), "tm", "export", "-"]) == 0
    assert "<seg>Thank you.</seg>" in capsys.readouterr().out


def test_user_errors_map_to_exit_codes_without_traceback(tmp_path, capsys):
    missing_memory = ["tm", "stats", "--memory", str(tmp_path / "none.sqlite")]
    assert main(missing_memory) == 3
    assert "no translation memory" in capsys.readouterr().err
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    assert main(["tm", "import", str(broken), "--memory", str(tmp_path / "m.sqlite")]) == 3
    err = capsys.readouterr().err
    assert "broken.tmx" in err and "Traceback" not in err
    assert main(["tm"]) == 2


# --- damaged, read-only and missing memories ---------------------------------------------


def _damage(path, every: int = 3) -> None:
    """Overwrite bytes inside many pages (the header survives: the file still opens)."""
    data = bytearray(path.read_bytes())
    for offset in range(8192, len(data), 4096 * every):
        data[offset : offset + 200] = b"\xab" * 200
    path.write_bytes(bytes(data))


@pytest.fixture
def big_memory(tmp_path):
    path = tmp_path / "big.sqlite"
    with TranslationMemory(path) as tm:
        tm.store(KEY, [(f"frase numero {i} " * 5, f"sentence {i}") for i in range(3000)])
    return path


@pytest.mark.parametrize("every", [3, 7])
@pytest.mark.parametrize(
    "argv", [["tm", "stats"], ["tm", "export", "{tmp}/out.tmx"], ["tm", "import", "{tmx}"]]
)
def test_damaged_memory_is_one_line_exit_3_and_changes_nothing(
    big_memory, tmp_path, capsys, argv, every
):
    _damage(big_memory, every)
    before = big_memory.read_bytes()
    tmx = tmp_path / "in.tmx"
    tmx.write_text(FOREIGN_TMX, encoding="utf-8")
    args = [a.format(tmp=tmp_path, tmx=tmx) for a in argv]
    assert main([*args, "--memory", str(big_memory)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{big_memory} is damaged" in err, err
    assert big_memory.read_bytes() == before and not (tmp_path / "out.tmx").exists()


def test_not_a_database_is_refused_the_same_way(tmp_path, capsys):
    path = tmp_path / "mem.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100 + b"garbage" * 50)
    assert main(["tm", "stats", "--memory", str(path)]) == 3
    assert f"{path} is damaged" in capsys.readouterr().err


def test_read_only_commands_do_not_write_the_memory(memory_path, tmp_path, capsys):
    before = memory_path.read_bytes()
    assert main(["tm", "stats", "--memory", str(memory_path)]) == 0
    assert main(["tm", "export", str(tmp_path / "x.tmx"), "--memory", str(memory_path)]) == 0
    assert memory_path.read_bytes() == before


def test_read_only_commands_leave_no_wal_or_shm_file_beside_the_memory(memory_path, tmp_path):
    """A connection opened read-only cannot remove SQLite's -wal and -shm files when it
    closes: `tm stats`, `tm export` and `mtpipe export` left two files beside a memory in
    the user's folder. The memory still cannot be written through such a connection."""
    assert main(["tm", "stats", "--memory", str(memory_path)]) == 0
    assert main(["tm", "export", str(tmp_path / "x.tmx"), "--memory", str(memory_path)]) == 0
    with TranslationMemory(memory_path, readonly=True) as tm:
        assert tm.lookup(KEY, ["Grazie."]) == {"Grazie.": "Thank you."}
        with pytest.raises(OutputError):
            tm.store(KEY, [("No.", "No.")])
    assert sorted(p.name for p in memory_path.parent.glob("mem.sqlite*")) == ["mem.sqlite"]


def test_a_read_only_memory_is_named_before_anything_is_written(
    memory_path, tmp_path, capsys, monkeypatch
):
    import os

    tmx = tmp_path / "in.tmx"
    tmx.write_text(FOREIGN_TMX, encoding="utf-8")
    real = os.access
    monkeypatch.setattr(
        os, "access", lambda p, mode: False if str(p) == str(memory_path) else real(p, mode)
    )
    before = memory_path.read_bytes()
    assert main(["tm", "import", str(tmx), "--memory", str(memory_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "read-only" in err and str(memory_path) in err
    assert memory_path.read_bytes() == before
    assert main(["tm", "stats", "--memory", str(memory_path)]) == 0  # reading still works


@pytest.mark.parametrize("what", ["missing", "folder", "broken"])
def test_a_failed_import_creates_no_memory(tmp_path, capsys, what):
    tmx = {"missing": tmp_path / "missing.tmx", "folder": tmp_path, "broken": tmp_path / "b.tmx"}[
        what
    ]
    if what == "broken":
        tmx.write_text("<tmx><body><tu>", encoding="utf-8")
    memory = tmp_path / "new" / "mem.sqlite"
    assert main(["tm", "import", str(tmx), "--memory", str(memory)]) == 3
    assert str(tmx) in capsys.readouterr().err
    assert not memory.exists() and not list(memory.parent.glob("mem.sqlite*"))


def test_an_entity_bomb_tmx_is_named_as_such(tmp_path, capsys):
    entities = '<!ENTITY a "xxxxxxxxxx">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8)
    )
    bomb = tmp_path / "bomb.tmx"
    bomb.write_text(
        f'<?xml version="1.0"?><!DOCTYPE tmx [{entities}]><tmx version="1.4"><header/><body>'
        '<tu><tuv xml:lang="it"><seg>&i;</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    memory = tmp_path / "m.sqlite"
    assert main(["tm", "import", str(bomb), "--memory", str(memory)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "entity bomb" in err and str(bomb) in err
    assert not memory.exists()


@pytest.mark.parametrize(
    "doctype",
    ['<!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/hostname">]>', ""],
)
def test_an_entity_the_tmx_does_not_define_is_not_called_a_bomb(tmp_path, capsys, doctype):
    tmx = tmp_path / "ext.tmx"
    tmx.write_text(
        f'<?xml version="1.0"?>{doctype}<tmx version="1.4"><header srclang="it"/><body>'
        '<tu><tuv xml:lang="it"><seg>Ciao.</seg></tuv><tuv xml:lang="en"><seg>Hi &x;.</seg>'
        "</tuv></tu></body></tmx>",
        encoding="utf-8",
    )
    memory = tmp_path / "m.sqlite"
    assert main(["tm", "import", str(tmx), "--memory", str(memory)]) == 3
    err = capsys.readouterr().err
    assert "an entity the file does not define" in err and "bomb" not in err
    assert err.count("\n") == 1 and not memory.exists()


def test_two_units_translating_one_source_otherwise_are_named(tmp_path, capsys):
    """One memory entry per source: the later unit replaced the earlier one unsaid."""
    tu = '<tu><tuv xml:lang="it"><seg>{}</seg></tuv><tuv xml:lang="en"><seg>{}</seg></tuv></tu>'
    units = [("Ciao mondo.", "Hello world."), ("Altro.", "Other."), ("Ciao  mondo.", "Hi world.")]
    units.append(("Altro.", "Other."))  # the same translation again: nothing to say
    tmx = tmp_path / "two.tmx"
    tmx.write_text(
        '<?xml version="1.0"?><tmx version="1.4"><header srclang="it"/><body>'
        + "".join(tu.format(*u) for u in units)
        + "</body></tmx>",
        encoding="utf-8",
    )
    memory = tmp_path / "m.sqlite"
    assert main(["tm", "import", str(tmx), "--memory", str(memory)]) == 0
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "mtpipe: warning: " in err
    assert "translation unit 3 translates 'Ciao  mondo.' into en as 'Hi world.'" in err
    assert "unit 1 as 'Hello world.'" in err and "kept unit 3's" in err
    assert "1 warning (listed above)" in out


@pytest.mark.parametrize("where", ["folder", "under a file"])
def test_export_to_a_path_that_cannot_be_a_file_is_refused(memory_path, tmp_path, capsys, where):
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    target = tmp_path if where == "folder" else tmp_path / "afile" / "out.tmx"
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["tm", "export", str(target), "--memory", str(memory_path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(target) in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_skip_warning_naming_a_tmx_with_a_line_break_stays_one_line(tmp_path, capsys):
    tmx = tmp_path / "cat\nalogo\x1b[31m.tmx"
    tmx.write_text(FOREIGN_TMX, encoding="utf-8")
    assert main(["tm", "import", str(tmx), "--memory", str(tmp_path / "mem.sqlite")]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1 and "cat\\nalogo\\x1b[31m.tmx: translation unit 2" in lines[0]
    assert "\x1b" not in lines[0]


def test_import_of_a_missing_tmx_says_so_as_every_input_does(tmp_path, capsys):
    missing = tmp_path / "nope.tmx"
    assert main(["tm", "import", str(missing), "--memory", str(tmp_path / "m.sqlite")]) == 3
    assert capsys.readouterr().err == f"mtpipe: error: {missing}: no such file; check the path\n"
    assert not (tmp_path / "m.sqlite").exists()


def test_stats_without_a_memory_says_how_to_point_at_the_one_translate_wrote(
    tmp_path, capsys, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    assert main(["tm", "stats"]) == 3
    err = capsys.readouterr().err
    assert "no translation memory at out/memory.sqlite" in err
    assert "pass --memory DIR/memory.sqlite" in err and err.count("\n") == 1


def test_export_to_dash_writes_the_tmx_to_standard_output(
    memory_path, tmp_path, capsys, monkeypatch
):
    """``tm export -`` wrote a file named ``-`` in the working folder."""
    monkeypatch.chdir(tmp_path)
    assert main(["tm", "export", "-", "--memory", str(memory_path)]) == 0
    captured = capsys.readouterr()
    assert not (tmp_path / "-").exists()
    assert captured.out.startswith("<?xml") and "<seg>Thank you.</seg>" in captured.out
    assert "exported 2 entries" in captured.err and "standard output" in captured.err


@pytest.mark.parametrize(("flag", "value"), [("--tgt-lang", "EN"), ("--src-lang", "IT")])
def test_export_language_filters_take_a_tag_in_any_case(memory_path, tmp_path, capsys, flag, value):
    """``--tgt-lang EN`` was compared as typed: 0 entries exported, exit 0."""
    tmx = tmp_path / "m.tmx"
    assert main(["tm", "export", str(tmx), "--memory", str(memory_path), flag, value]) == 0
    assert "exported 2 entries" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["../x", "", "zz"])
def test_export_language_filter_that_is_no_tag_is_a_usage_error(
    memory_path, tmp_path, capsys, value
):
    tmx = tmp_path / "m.tmx"
    assert main(["tm", "export", str(tmx), "--memory", str(memory_path), "--tgt-lang", value]) == 2
    assert "--tgt-lang" in capsys.readouterr().err and not tmx.exists()


NO_SRCLANG_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="*all*" segtype="sentence" datatype="plaintext"
 adminlang="en" creationtool="OtherCAT" creationtoolversion="9" o-tmf="other"/><body>
<tu><tuv xml:lang="it"><seg>Grazie.</seg></tuv><tuv xml:lang="en"><seg>Thanks.</seg></tuv></tu>
</body></tmx>
"""


@pytest.mark.parametrize("value", ["../x", "", "zz", "italian"])
def test_import_src_lang_that_is_no_tag_is_a_usage_error_and_creates_no_memory(
    tmp_path, capsys, value
):
    """``tm import --src-lang ../x`` matched no variant: "imported 0 entries", a warning
    per unit, exit 0, and an empty memory created."""
    tmx = tmp_path / "cat.tmx"
    tmx.write_text(NO_SRCLANG_TMX, encoding="utf-8")
    mem = tmp_path / "mem.sqlite"
    assert main(["tm", "import", str(tmx), "--memory", str(mem), "--src-lang", value]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"--src-lang {value!r} is not a BCP 47" in err
    assert not mem.exists()


@pytest.mark.parametrize("value", ["it", "IT", "It"])
def test_import_src_lang_takes_a_tag_in_any_case(tmp_path, capsys, value):
    tmx = tmp_path / "cat.tmx"
    tmx.write_text(NO_SRCLANG_TMX, encoding="utf-8")
    mem = tmp_path / "mem.sqlite"
    assert main(["tm", "import", str(tmx), "--memory", str(mem), "--src-lang", value]) == 0
    assert "imported 1 entry from" in capsys.readouterr().out
    with TranslationMemory(mem) as tm:
        assert tm.lookup(MemoryKey.human("it", "en"), ["Grazie."]) == {"Grazie.": "Thanks."}


def test_tm_export_then_import_keeps_the_repair_notes_of_a_real_run(tmp_path, tiny_models):
    """A translation whose placeholder the tiny model dropped is stored with its repair
    notes; ``tm export`` then ``tm import`` into an empty memory gives every field back."""
    import dataclasses

    text = "Il testo è disponibile su https://www.governo.it/manovra da oggi.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    tm, copy, tmx = tmp_path / "tm.sqlite", tmp_path / "copy.sqlite", tmp_path / "tm.tmx"
    run = ["translate", str(tmp_path / "a.txt"), "--to", "fr", "--out", str(tmp_path / "out")]
    model = f"--model-dir=it-fr={tiny_models['it-fr']}"
    assert main([*run, "--memory", str(tm), "--quiet", "--beams", "1", model]) == 0
    assert main(["tm", "export", str(tmx), "--memory", str(tm)]) == 0
    assert main(["tm", "import", str(tmx), "--memory", str(copy)]) == 0

    def every_field(path):
        with TranslationMemory(path, readonly=True) as memory:
            return [dataclasses.astuple(e) for k in memory.stored_keys() for e in memory.entries(k)]

    before = every_field(tm)
    assert any(entry[-1] for entry in before)  # a repaired output with its notes
    assert every_field(copy) == before


def test_import_summary_counts_every_unit_that_stored_nothing_by_reason(tmp_path, capsys):
    tmx = tmp_path / "cat.tmx"
    tmx.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="it" '
        'segtype="sentence" datatype="plaintext" adminlang="en" creationtool="t" '
        'creationtoolversion="1" o-tmf="t"/><body>'
        '<tu><tuv xml:lang="it"><seg>Uno.</seg></tuv><tuv xml:lang="en"><seg/></tuv></tu>'
        '<tu><tuv xml:lang="it"><seg>Due.</seg></tuv><tuv xml:lang="fr"><seg> </seg></tuv></tu>'
        '<tu><tuv xml:lang="it"><seg>Tre.</seg></tuv><tuv xml:lang="en"><seg></seg></tuv></tu>'
        '<tu><tuv xml:lang="it"><seg>Quattro.</seg></tuv></tu>'
        '<tu><tuv xml:lang="it"><seg>Cinque.</seg></tuv><tuv xml:lang="en"><seg>Five.</seg>'
        "</tuv></tu></body></tmx>",
        encoding="utf-8",
    )
    assert main(["tm", "import", str(tmx), "--memory", str(tmp_path / "m.sqlite")]) == 0
    captured = capsys.readouterr()
    assert "imported 1 entry from" in captured.out
    assert (
        "4 translation units not imported (listed above): 3 with only empty (untranslated) "
        "targets, 1 with no translation" in captured.out
    )
    assert len(captured.err.strip().splitlines()) == 4


def test_stats_columns_line_up_for_long_pairs_and_model_ids(tmp_path, capsys):
    mem = tmp_path / "m.sqlite"
    long_model = "organisation-with-a-long-name/opus-mt-tc-big-it-en-finetuned-news"
    with TranslationMemory(mem) as tm:
        tm.store(KEY, [("Sì.", "Yes.")])
        tm.store(MemoryKey(long_model, "r2", "beams=1", "it", "sr-Latn-RS"), [("Sì.", "Da.")])
        tm.store(MemoryKey.human("it-IT", "pt-BR"), [("Sì.", "Sim."), ("No.", "Não.")])
    assert main(["tm", "stats", "--memory", str(mem)]) == 0
    lines = capsys.readouterr().out.splitlines()[1:]
    pairs = lines[: lines.index(next(ln for ln in lines if "MT model" in ln))]
    assert [ln.split() for ln in pairs[1:]] == [
        ["it-IT-pt-BR", "2", "0"],
        ["it-en", "0", "1"],
        ["it-sr-Latn-RS", "0", "1"],
    ]
    assert len({len(ln) for ln in pairs}) == 1  # the numbers end in one column
    keys = lines[len(pairs) :]
    for column in ("MT model", "revision", "decoding"):
        start = keys[0].index(column)
        assert all(ln[start - 2 : start] == "  " and ln[start] != " " for ln in keys[1:]), keys


def _filled_by_another_import(path, monkeypatch, where: str, error: Exception | None = None):
    """Make ``where`` (a name in pipeline.memory.tmx) first fill the memory at ``path`` as
    a second ``tm import`` started at the same moment would, then go on (or raise)."""
    import pipeline.memory.tmx as tmx

    real = getattr(tmx, where)

    def meanwhile(*args, **kwargs):
        with TranslationMemory(path) as other:
            other.store(MemoryKey.human("it", "en"), [("Sì.", "Yes.")])
        if error is not None:
            raise error
        return real(*args, **kwargs)

    monkeypatch.setattr(tmx, where, meanwhile)


def test_a_failed_import_never_removes_a_memory_another_import_filled(
    tmp_path, capsys, monkeypatch
):
    """Two imports into a new memory at once: both found no file, and the one whose TMX
    was broken removed the memory the other had just filled (that one said "imported",
    exit 0). A broken file is now read before any memory is opened."""
    memory = tmp_path / "new" / "mem.sqlite"
    broken = tmp_path / "b.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    _filled_by_another_import(memory, monkeypatch, "read_tmx")
    assert main(["tm", "import", str(broken), "--memory", str(memory)]) == 3
    assert str(broken) in capsys.readouterr().err
    with TranslationMemory(memory, readonly=True) as tm:
        assert len(tm) == 1


def test_an_import_that_fails_storing_keeps_what_another_import_stored(
    tmp_path, capsys, monkeypatch
):
    from pipeline.errors import OutputError

    memory, tmx = tmp_path / "mem.sqlite", tmp_path / "cat.tmx"
    tmx.write_text(FOREIGN_TMX, encoding="utf-8")
    _filled_by_another_import(memory, monkeypatch, "store_read", OutputError("disk full"))
    assert main(["tm", "import", str(tmx), "--memory", str(memory)]) == 1
    assert "disk full" in capsys.readouterr().err
    with TranslationMemory(memory, readonly=True) as tm:
        assert len(tm) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["tm", "import", "{tmp}/in.tmx", "--memory", ""],
        ["tm", "stats", "--memory", ""],
        ["tm", "export", "{tmp}/x.tmx", "--memory", ""],
        ["catalogs", "fill", "--lang", "fr", "--memory", "", "--model-dir", "it-fr={tmp}/no"],
    ],
)
def test_an_empty_memory_flag_is_refused_not_taken_for_the_default(
    tmp_path, capsys, monkeypatch, argv
):
    """`tm import T.tmx --memory ""` imported into the default out/memory.sqlite (an empty
    value was taken as no flag), a memory the user had not named."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in.tmx").write_text(FOREIGN_TMX, encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err
    assert "command line: config key memory.path = ''" in err and err.count("\n") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_memory_flag_naming_a_folder_blames_the_flag_not_the_settings_file(tmp_path, capsys):
    """`tm stats --memory out` said "…/defaults/pipeline.toml: config key memory.path =
    'out' is a folder", as if the built-in settings were wrong."""
    assert main(["tm", "stats", "--memory", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mtpipe: error: command line: config key memory.path")
    assert "pipeline.toml" not in err


def test_summaries_of_one_entry_say_entry(tmp_path, capsys):
    """`tm import`, `tm export` and `tm stats` said "1 entries"; each count of one is "1
    entry" (import's total too), and other counts stay plural."""
    tmx = tmp_path / "cat.tmx"
    tmx.write_text(NO_SRCLANG_TMX, encoding="utf-8")
    mem = tmp_path / "mem.sqlite"
    assert main(["tm", "import", str(tmx), "--memory", str(mem), "--src-lang", "it"]) == 0
    assert f"imported 1 entry from {tmx} into {mem} (1 entry now)" in capsys.readouterr().out
    assert main(["tm", "export", str(tmp_path / "x.tmx"), "--memory", str(mem)]) == 0
    assert f"exported 1 entry from {mem} to " in capsys.readouterr().out
    assert main(["tm", "stats", "--memory", str(mem)]) == 0
    assert f"{mem}: 1 entry (1 human, 0 machine-translated)" in capsys.readouterr().out
    assert (
        main(["tm", "export", str(tmp_path / "y.tmx"), "--memory", str(mem), "--tgt-lang", "fr"])
        == 0
    )
    assert f"exported 0 entries from {mem}" in capsys.readouterr().out


def _cat_tmx(path, units: list[tuple[str, str, str]]) -> None:
    """A CAT tool's TMX: ``(source, target, changedate or "")`` units, it -> fr."""
    tus = "".join(
        f'<tu{f" changedate={date!r}" if date else ""} creationid="OtherCAT">'
        f'<tuv xml:lang="it"><seg>{src}</seg></tuv><tuv xml:lang="fr"><seg>{tgt}</seg></tuv></tu>'
        for src, tgt, date in units
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="it" '
        f'segtype="sentence" datatype="plaintext" adminlang="en" creationtool="X" '
        f'creationtoolversion="1" o-tmf="x"/><body>{tus}</body></tmx>',
        encoding="utf-8",
    )


def _post_edits(path) -> None:
    """Two translators' post-edits of 1 June 2024, as `mtpipe import` stores them."""
    from pipeline.memory import Entry

    key, june = MemoryKey.human("it", "fr"), "2024-06-01T10:00:00Z"
    with TranslationMemory(path) as tm:
        tm.store_entries(
            [
                Entry(key, "Il governo cade.", "Le gouvernement tombe.", june, june, "Ada"),
                Entry(key, "Piove a Roma.", "Il pleut à Rome.", june, june, "Ada"),
            ]
        )


def _human_fr(path, source: str) -> str:
    with TranslationMemory(path) as tm:
        return tm.lookup(MemoryKey.human("it", "fr"), [source])[source]


@pytest.mark.parametrize(
    ("when", "replaced"),
    [("20240701T000000Z", True), ("", True), ("20240601T100000Z", True),
     ("20230101T000000Z", False)],
)  # fmt: skip
def test_a_human_entry_a_tmx_replaces_is_named_and_an_older_tmx_does_not_replace_it(
    tmp_path, capsys, when, replaced
):
    """`tm import` replaced a translator's post-edit with the TMX's other target without
    a word, even from a TMX older than the edit: a newer, undated or equally dated unit
    replaces it and a warning names it; an older one leaves it, and a note says so."""
    mem, tmx = tmp_path / "mem.sqlite", tmp_path / "cat.tmx"
    _post_edits(mem)
    _cat_tmx(tmx, [("Il governo cade.", "Le gouvernement chute.", when),
                   ("Piove a Roma.", "Il pleut à Rome.", when)])  # fmt: skip
    assert main(["tm", "import", str(tmx), "--memory", str(mem)]) == 0
    err = capsys.readouterr().err
    expected = "Le gouvernement chute." if replaced else "Le gouvernement tombe."
    assert _human_fr(mem, "Il governo cade.") == expected
    assert _human_fr(mem, "Piove a Roma.") == "Il pleut à Rome."  # same target: not named
    if replaced:
        assert f"mtpipe: warning: {tmx}: replaced 1 human entry with the TMX's" in err
        assert "'Il governo cade.': 'Le gouvernement tombe.' (Ada, 2024-06-01)" in err
        assert "kept" not in err
    else:
        assert f"mtpipe: note: {tmx}: kept 1 human entry of the memory newer than" in err
        assert "the TMX's 'Le gouvernement chute.' (2023-01-01)" in err
        assert "replaced" not in err
    assert "Piove" not in err


def test_replaced_human_entries_are_counted_and_the_first_three_named(tmp_path, capsys):
    """The second input of the kind: a TMX replacing many post-edits at once."""
    from pipeline.memory import Entry

    mem, tmx = tmp_path / "mem.sqlite", tmp_path / "cat.tmx"
    key, june = MemoryKey.human("it", "fr"), "2024-06-01T10:00:00Z"
    with TranslationMemory(mem) as tm:
        tm.store_entries(Entry(key, f"Frase {i}.", f"Phrase {i}.", june, june, "Ada")
                         for i in range(5))  # fmt: skip
    _cat_tmx(tmx, [(f"Frase {i}.", f"La phrase {i}.", "") for i in range(5)])
    assert main(["tm", "import", str(tmx), "--memory", str(mem)]) == 0
    err = capsys.readouterr().err
    assert "replaced 5 human entries with the TMX's" in err
    assert "'Frase 2.'" in err and "'Frase 3.'" not in err and err.rstrip().endswith("; ...")
    assert len(err.strip().splitlines()) == 1


def _tmx(srclang: str, *variants: tuple[str, str]) -> str:
    tuvs = "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in variants)
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="{srclang}" '
        'segtype="sentence" datatype="plaintext" adminlang="en" creationtool="CAT" '
        f'creationtoolversion="1" o-tmf="x"/><body><tu>{tuvs}</tu></body></tmx>'
    )


def test_a_tmx_from_the_target_language_names_the_unused_pair_and_the_src_lang_fix(
    tmp_path, capsys
):
    tmx = tmp_path / "reverse.tmx"
    tmx.write_text(_tmx("en", ("en", "The mayor spoke today."), ("it", "Il sindaco ha parlato.")))
    memory = tmp_path / "m.sqlite"
    assert main(["tm", "import", str(tmx), "--memory", str(memory)]) == 0
    out, err = capsys.readouterr()
    assert "1 entry stored as en-it, a pair no run uses (no run translates from en)" in err
    assert "to use these units for it-en, import the file again with --src-lang it" in err
    assert "1 language pair(s) no run uses" in out
    again = tmp_path / "again.sqlite"
    assert main(["tm", "import", str(tmx), "--memory", str(again), "--src-lang", "it"]) == 0
    assert "no run uses" not in capsys.readouterr().err
    with TranslationMemory(again, readonly=True) as tm:
        assert [e.target for e in tm.human_entries("it", "en")] == ["The mayor spoke today."]


def test_a_tmx_between_two_other_languages_is_named_as_unused(tmp_path, capsys):
    tmx = tmp_path / "en-fr.tmx"
    tmx.write_text(_tmx("en", ("en", "Leave a comment"), ("fr", "Laisser un commentaire")))
    assert main(["tm", "import", str(tmx), "--memory", str(tmp_path / "m.sqlite")]) == 0
    err = capsys.readouterr().err
    assert "stored as en-fr, a pair no run uses" in err and "source_lang" in err


@pytest.mark.parametrize(
    ("name", "content", "what"),
    [
        ("memory.csv", b"it,en\nCiao,Hello\n", "is a CSV table, not a TMX file"),
        ("memory.txt", b"it\ten\nCiao\tHello\n", "is a TSV table, not a TMX file"),
        ("memory.xlsx", b"PK\x03\x04rest of a zip", "is a ZIP archive (a spreadsheet"),
        ("memory.sdltm", b"SQLite format 3\x00" + bytes(100), "is an SQLite database"),
        ("terms.tbx", b'<?xml version="1.0"?><martif type="TBX"/>', "is a TBX termbase"),
    ],
)
def test_a_file_of_another_format_is_named_with_what_tm_import_reads(
    tmp_path, capsys, name, content, what
):
    path = tmp_path / name
    path.write_bytes(content)
    assert main(["tm", "import", str(path), "--memory", str(tmp_path / "m.sqlite")]) == 3
    err = capsys.readouterr().err
    assert what in err and "tm import reads TMX 1.4" in err
    assert "not well-formed XML" not in err and not (tmp_path / "m.sqlite").exists()


@pytest.mark.parametrize(
    ("make", "cause"),
    [
        (lambda p: p.symlink_to(p.name), "a symbolic link to nothing (or a loop of links)"),
        (lambda p: p.symlink_to(p.parent / "gone" / "m.sqlite"), "whose folder"),
        (lambda p: os.mkfifo(p), "is a named pipe, not a file"),
        (lambda p: (p.parent / "afile").write_text("x"), "afile is a file, not a folder"),
    ],
    ids=["loop", "link-to-missing-folder", "named-pipe", "under-a-file"],
)
def test_an_unusable_memory_path_is_named_with_its_cause_not_sqlites_words(
    tmp_path, capsys, make, cause
):
    memory = tmp_path / "m.sqlite"
    make(memory)
    if (tmp_path / "afile").exists():
        memory = tmp_path / "afile" / "m.sqlite"
    tmx = tmp_path / "in.tmx"
    tmx.write_text(_tmx("it", ("it", "Ciao"), ("en", "Hello")))
    for argv, code in (
        (["tm", "import", str(tmx), "--memory", str(memory)], 1),
        (["tm", "stats", "--memory", str(memory)], 3),
    ):
        assert main(argv) == code
        err = capsys.readouterr().err
        assert str(memory) in err and cause in err
        assert "unable to open database" not in err and "disk I/O" not in err
        assert "no translation memory at" not in err
