"""``mtpipe tm import|export|stats`` through the real argument parser and exit codes."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.memory import MemoryKey, TranslationMemory

KEY = MemoryKey("Helsinki-NLP/opus-mt-it-en", "rev1", "beams=4,max_in=256", "it", "en")
FOREIGN_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="it-IT" segtype="sentence" datatype="plaintext"
 adminlang="en" creationtool="OtherCAT" creationtoolversion="9" o-tmf="other"/><body>
<tu><tuv xml:lang="it-IT"><seg>Laisser un commentaire</seg></tuv>
<tuv xml:lang="en-US"><seg>Leave a comment</seg></tuv>
<tuv xml:lang="fr-FR"><seg>Laisser un commentaire</seg></tuv></tu>
<tu><tuv xml:lang="it-IT"><seg>Foto: <ph>&lt;b&gt;</ph>AFP</seg></tuv>
<tuv xml:lang="en-US"><seg>Photo: <ph>&lt;b&gt;</ph>AFP</seg></tuv></tu>
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
    assert "unit 2" in captured.err and "inline markup" in captured.err
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
