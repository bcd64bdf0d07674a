"""The SQLite translation memory: lookups, key isolation, durability, two writers at once."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.memory import Entry, MemoryKey, TranslationMemory, normalise_source

REPO = Path(__file__).resolve().parent.parent
KEY = MemoryKey("Helsinki-NLP/opus-mt-it-en", "rev1", "beams=4,max_in=256", "it", "en")


@pytest.fixture
def memory(tmp_path):
    with TranslationMemory(tmp_path / "deep" / "mem.sqlite") as tm:
        yield tm


def test_store_then_lookup_returns_hits_only(memory):
    memory.store(KEY, [("Buongiorno.", "Good morning."), ("Grazie.", "Thank you.")])
    assert memory.lookup(KEY, ["Grazie.", "Prego.", "Buongiorno."]) == {
        "Grazie.": "Thank you.",
        "Buongiorno.": "Good morning.",
    }
    assert len(memory) == 2


def test_lookup_normalises_but_keys_by_original_sources(memory):
    memory.store(KEY, [("Perché  è\tcosì?", "Why is it so?")])
    variants = [
        "Perché è così?",
        " Perche\u0301 e\u0300 così? ",  # decomposed accents (NFD)
        "Perché\u00a0è\ncosì?",  # NBSP and newline
    ]
    hits = memory.lookup(KEY, variants)
    assert hits == dict.fromkeys(variants, "Why is it so?")
    assert normalise_source(variants[1]) == "Perché è così?"


def test_lookup_of_many_sources_spans_query_chunks(memory):
    pairs = [(f"frase {i}", f"sentence {i}") for i in range(1300)]
    memory.store(KEY, pairs)
    hits = memory.lookup(KEY, [s for s, _ in pairs] + ["assente"])
    assert hits == dict(pairs)


@pytest.mark.parametrize(
    "field", [f.name for f in dataclasses.fields(MemoryKey) if f.name != "origin"]
)
def test_any_other_key_field_is_a_miss(memory, field):
    memory.store(KEY, [("Ciao.", "Hello.")])
    other = dataclasses.replace(KEY, **{field: getattr(KEY, field) + "-x"})
    assert memory.lookup(other, ["Ciao."]) == {}
    assert memory.lookup(KEY, ["Ciao."]) == {"Ciao.": "Hello."}


def test_store_upserts_the_latest_target(memory):
    memory.store(KEY, [("Ciao.", "Hi.")])
    memory.store(KEY, [("Ciao. ", "Hello.")])
    assert memory.lookup(KEY, ["Ciao."]) == {"Ciao.": "Hello."}
    assert len(memory) == 1


def test_entries_persist_across_reopen_in_wal_mode(tmp_path):
    path = tmp_path / "a" / "b" / "mem.sqlite"
    with TranslationMemory(path) as tm:
        tm.store(KEY, [("Uno.", "One.")])
    with TranslationMemory(path) as tm:
        assert tm.lookup(KEY, ["Uno."]) == {"Uno.": "One."}
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_stats_count_entries_per_key_and_pair(memory):
    fr = dataclasses.replace(KEY, model_id="Helsinki-NLP/opus-mt-it-fr", tgt_lang="fr")
    greedy = dataclasses.replace(KEY, decoding="beams=1,max_in=256")
    memory.store(KEY, [("a", "A"), ("b", "B")])
    memory.store(greedy, [("a", "A")])
    memory.store(fr, [("a", "À"), ("b", "Bé"), ("c", "Cé")])
    stats = memory.stats()
    assert stats["entries"] == len(memory) == 6
    assert stats["pairs"] == {"it-en": 3, "it-fr": 3}
    counts = {(k["model_id"], k["decoding"]): k["entries"] for k in stats["keys"]}
    assert counts == {
        (KEY.model_id, KEY.decoding): 2,
        (KEY.model_id, greedy.decoding): 1,
        (fr.model_id, fr.decoding): 3,
    }


def test_a_file_that_is_not_a_database_is_an_input_error(tmp_path):
    bogus = tmp_path / "mem.sqlite"
    bogus.write_text("not sqlite at all " * 100)
    with pytest.raises(InputError, match="mem.sqlite"):
        TranslationMemory(bogus)


def test_key_needs_model_and_languages():
    with pytest.raises(ValueError):
        MemoryKey("", "r", "d", "it", "en")
    with pytest.raises(TypeError):
        MemoryKey("m", None, "d", "it", "en")  # type: ignore[arg-type]


# --- two processes at once ----------------------------------------------------
ROUNDS = 300


def _writer(path: str, name: str, start, errors) -> None:
    """Store small batches (some sources shared with the other writer) and read back."""
    try:
        with TranslationMemory(path, busy_timeout=60) as tm:
            start.wait(timeout=60)  # both write at the same time, not one after the other
            for i in range(ROUNDS):
                pairs = [(f"{name} {i} {j}", f"{name}-{i}-{j}") for j in range(3)]
                pairs.append((f"shared {i}", f"shared-{i}"))
                tm.store(KEY, pairs)
                seen = tm.lookup(KEY, [s for s, _ in pairs])
                if seen != dict(pairs):
                    errors.put(f"{name}: round {i} read back {seen}")
    except Exception:
        errors.put(f"{name}: {traceback.format_exc()}")


def test_two_processes_writing_one_memory_stay_consistent(tmp_path):
    path = str(tmp_path / "mem.sqlite")
    ctx = multiprocessing.get_context("spawn")
    errors, start = ctx.Queue(), ctx.Barrier(2)
    names = ("alpha", "beta")
    workers = [ctx.Process(target=_writer, args=(path, n, start, errors)) for n in names]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert problems == []
    assert [w.exitcode for w in workers] == [0, 0]
    with TranslationMemory(path) as tm:
        assert len(tm) == 2 * 3 * ROUNDS + ROUNDS
        for name in ("alpha", "beta"):
            sources = [f"{name} {i} {j}" for i in range(ROUNDS) for j in range(3)]
            assert len(tm.lookup(KEY, sources)) == len(sources)


# --- kill -9 -------------------------------------------------------------------
_KILLED_WRITER = """
import sys
from pipeline.memory import MemoryKey, TranslationMemory
key = MemoryKey(*sys.argv[2:7])
with TranslationMemory(sys.argv[1]) as tm:
    i = 0
    while True:
        tm.store(key, [(f"frase {i} {j}", f"sentence {i} {j}") for j in range(20)])
        print(i, flush=True)
        i += 1
"""


def test_kill_9_mid_write_keeps_every_committed_batch(tmp_path):
    path = tmp_path / "mem.sqlite"
    argv = [sys.executable, "-c", _KILLED_WRITER, str(path), *dataclasses.astuple(KEY)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env, cwd=REPO)
    committed = -1
    try:
        for line in proc.stdout:
            committed = int(line)
            if committed >= 40:
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert committed >= 40
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with TranslationMemory(path) as tm:
        sources = [f"frase {i} {j}" for i in range(committed + 1) for j in range(20)]
        hits = tm.lookup(KEY, sources)
        assert len(hits) == len(sources)
        assert len(tm) >= len(sources)


# --- human entries ----------------------------------------------------------
HUMAN_FR = MemoryKey.human("it", "fr")


def test_human_entries_are_keyed_by_language_pair_only(memory):
    memory.store(KEY, [("Ciao.", "Hello (MT).")])
    memory.store_entries(
        [
            Entry(
                MemoryKey.human("it", "en"),
                "Ciao. ",
                "Hi there.",
                "2024-05-01T12:00:00Z",
                "2024-05-02T08:00:00Z",
                "Ada",
            )
        ]
    )
    hits = memory.lookup_human("it", "en", ["Ciao.", "Altro."])
    assert list(hits) == ["Ciao."]
    assert (hits["Ciao."].target, hits["Ciao."].creator) == ("Hi there.", "Ada")
    assert hits["Ciao."].updated == "2024-05-02T08:00:00Z"
    assert memory.lookup(KEY, ["Ciao."]) == {"Ciao.": "Hello (MT)."}  # MT cache untouched
    assert memory.lookup_human("it", "fr", ["Ciao."]) == {}
    stats = memory.stats()
    assert stats["origins"] == {"human": 1, "mt": 1}
    assert stats["pairs_by_origin"] == {"human": {"it-en": 1}, "mt": {"it-en": 1}}


def test_a_human_key_has_no_model_and_an_mt_key_needs_one():
    with pytest.raises(ValueError):
        MemoryKey("opus", "", "", "it", "en", "human")
    with pytest.raises(ValueError):
        MemoryKey("", "", "", "it", "en")
    with pytest.raises(ValueError):
        MemoryKey("opus", "", "", "it", "en", "guess")


def test_schema_1_memory_is_migrated_and_its_tmx_imports_become_human(tmp_path):
    path = tmp_path / "old.sqlite"
    conn = sqlite3.connect(path)
    conn.executescript(
        """CREATE TABLE keys (id INTEGER PRIMARY KEY, model_id TEXT NOT NULL,
             revision TEXT NOT NULL, decoding TEXT NOT NULL, src_lang TEXT NOT NULL,
             tgt_lang TEXT NOT NULL, UNIQUE (model_id, revision, decoding, src_lang, tgt_lang));
           CREATE TABLE entries (key_id INTEGER NOT NULL REFERENCES keys(id),
             source TEXT NOT NULL, target TEXT NOT NULL, created TEXT NOT NULL,
             updated TEXT NOT NULL, PRIMARY KEY (key_id, source));
           INSERT INTO keys VALUES (1, 'tmx-import', '', '', 'it', 'fr');
           INSERT INTO keys VALUES (2, 'Helsinki-NLP/opus-mt-it-en', 'rev1',
             'beams=4,max_in=256', 'it', 'en');
           INSERT INTO entries VALUES (1, 'Sì.', 'Oui.', '2020-01-01T00:00:00Z',
             '2020-01-01T00:00:00Z');
           INSERT INTO entries VALUES (2, 'Ciao.', 'Hello.', '2020-01-01T00:00:00Z',
             '2020-01-01T00:00:00Z');
           PRAGMA user_version = 1;"""
    )
    conn.close()
    with TranslationMemory(path) as tm:
        assert tm.lookup_human("it", "fr", ["Sì."])["Sì."].target == "Oui."
        assert tm.lookup(KEY, ["Ciao."]) == {"Ciao.": "Hello."}
        assert tm.stats()["origins"] == {"human": 1, "mt": 1}
        tm.store_entries([Entry(HUMAN_FR, "No.", "Non.", "t", "t", "Bo")])
    with TranslationMemory(path) as tm:  # reopening a migrated file changes nothing
        assert tm.lookup_human("it", "fr", ["No."])["No."].creator == "Bo"
        assert len(tm) == 3


def test_repaired_outputs_are_stored_with_their_notes(memory):
    notes = ["dropped span 'KCNA' (term); re-inserted"]
    memory.store_noted(KEY, [("Secondo la KCNA.", "According to KCNA.", notes)])
    memory.store(KEY, [("Ciao.", "Hello.")])
    sources = ["Secondo la  KCNA.", "Ciao."]
    assert memory.lookup_noted(KEY, sources) == {
        "Secondo la  KCNA.": ("According to KCNA.", notes),
        "Ciao.": ("Hello.", []),
    }
    # A caller that cannot carry notes (a Ray snapshot) never gets a repaired output.
    assert memory.lookup(KEY, sources) == {"Ciao.": "Hello."}
    memory.store(KEY, [("Secondo la KCNA.", "KCNA says.")])  # a clean output replaces it
    assert memory.lookup(KEY, ["Secondo la KCNA."]) == {"Secondo la KCNA.": "KCNA says."}


def _schema_2_file(path: Path) -> None:
    """A schema-2 memory as mtpipe wrote it before entries had notes."""
    conn = sqlite3.connect(path)
    conn.executescript(
        """CREATE TABLE keys (id INTEGER PRIMARY KEY, model_id TEXT NOT NULL,
             revision TEXT NOT NULL, decoding TEXT NOT NULL, src_lang TEXT NOT NULL,
             tgt_lang TEXT NOT NULL, origin TEXT NOT NULL DEFAULT 'mt',
             UNIQUE (model_id, revision, decoding, src_lang, tgt_lang, origin));
           CREATE TABLE entries (key_id INTEGER NOT NULL REFERENCES keys(id),
             source TEXT NOT NULL, target TEXT NOT NULL, created TEXT NOT NULL,
             updated TEXT NOT NULL, creator TEXT, PRIMARY KEY (key_id, source));
           INSERT INTO keys VALUES (1, 'Helsinki-NLP/opus-mt-it-en', 'rev1',
             'beams=4,max_in=256', 'it', 'en', 'mt');
           INSERT INTO entries VALUES (1, 'Ciao.', 'Hello.', '2020-01-01T00:00:00Z',
             '2020-01-01T00:00:00Z', NULL);
           PRAGMA user_version = 2;"""
    )
    conn.close()


def test_schema_2_memory_reads_read_only_and_migrates_when_written(tmp_path):
    path = tmp_path / "old.sqlite"
    _schema_2_file(path)
    with TranslationMemory(path, readonly=True) as tm:  # tm stats/export on an old file
        assert tm.lookup_noted(KEY, ["Ciao."]) == {"Ciao.": ("Hello.", [])}
    with TranslationMemory(path) as tm:
        tm.store_noted(KEY, [("Z.", "Z!", ["repaired"])])
    with TranslationMemory(path, readonly=True) as tm:
        assert tm.lookup_noted(KEY, ["Ciao.", "Z."]) == {
            "Ciao.": ("Hello.", []),
            "Z.": ("Z!", ["repaired"]),
        }
        assert [e.notes for e in tm.entries(KEY)] == [(), ("repaired",)]


def test_the_store_is_used_without_importing_tmx(fresh_python, tmp_path) -> None:
    """A translate with the memory on imports pipeline.memory: TMX (XML, markup codes,
    the models' names) is only for tm import/export, imported when they ask (issue 15)."""
    code = (
        "import sys\n"
        "from pipeline.memory import MemoryKey, TranslationMemory\n"
        f"memory = TranslationMemory({str(tmp_path / 'tm.sqlite')!r})\n"
        "print('pipeline.memory.tmx' in sys.modules, 'xml.etree.ElementTree' in sys.modules)\n"
        "from pipeline.memory import export_tmx, import_tmx\n"
        "import pipeline.memory.tmx as tmx\n"
        "print(export_tmx is tmx.export_tmx and import_tmx is tmx.import_tmx)\n"
    )
    assert fresh_python(code).split() == ["False", "False", "True"]


def test_a_name_the_memory_package_lacks_is_an_attribute_error() -> None:
    import pipeline.memory

    with pytest.raises(AttributeError, match="export_tmxx"):
        pipeline.memory.export_tmxx  # noqa: B018


def test_an_entry_whose_target_lost_the_sources_markup_is_never_served(memory):
    """A memory filled before the TMX import checked inline codes (or by another tool)
    may hold a target without its source's link or image: served, the outputs lost it
    without a word. It is left out, as a post-edited target like it is refused."""
    now = "2024-05-01T12:00:00Z"
    human = MemoryKey.human("it", "en")
    link, image, extra = "Il <g1>rapporto</g1>.", "Foto<x2/> di Roma.", "Sì."
    crossed, kept = "A <g1>b</g1> <g2>c</g2>.", "Il <g1>voto</g1>."
    memory.store_entries(
        [
            Entry(human, link, "The report.", now, now),
            Entry(human, image, "Photo of Rome.", now, now),
            Entry(human, extra, "Yes<x1/>.", now, now),
            Entry(human, crossed, "A <g1>b <g2>c</g1></g2>.", now, now),
            Entry(human, kept, "The <g1>vote</g1>.", now, now),
            Entry(KEY, link, "The report.", now, now),
            Entry(KEY, image, "Photo of Rome.", now, now, notes=("left out <x2/>",)),
        ]
    )
    sources = [link, image, extra, crossed, kept]
    assert list(memory.lookup_human("it", "en", sources)) == [kept]
    # an MT output is served without its markup only with the repair notes that say so
    assert memory.lookup_noted(KEY, sources) == {image: ("Photo of Rome.", ["left out <x2/>"])}
    assert memory.lookup(KEY, sources) == {}


# --- a memory file's lifecycle on import (pipeline.memory.tmx.import_tmx_file) -------------

ONE_UNIT_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="it" segtype="sentence" datatype="plaintext"
 adminlang="en" creationtool="OtherCAT" creationtoolversion="9" o-tmf="other"/><body>
<tu><tuv xml:lang="it"><seg>Grazie.</seg></tuv><tuv xml:lang="en"><seg>Thanks.</seg></tuv></tu>
</body></tmx>
"""


def _sqlite_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("mem.sqlite"))


def test_an_import_creates_a_memory_only_once_the_file_is_read(tmp_path):
    """A broken TMX never creates the memory; a good one does, and counts what it holds."""
    from pipeline.memory import import_tmx_file

    memory, broken, good = tmp_path / "mem.sqlite", tmp_path / "b.tmx", tmp_path / "g.tmx"
    broken.write_text("<tmx><body><tu>", encoding="utf-8")
    good.write_text(ONE_UNIT_TMX, encoding="utf-8")
    with pytest.raises(InputError):
        import_tmx_file(memory, broken)
    assert _sqlite_files(tmp_path) == []
    assert import_tmx_file(memory, good) == (1, 1)
    assert import_tmx_file(memory, good) == (1, 1)  # one translation per source and pair
    with TranslationMemory(memory, readonly=True) as tm:
        assert tm.lookup_human("it", "en", ["Grazie."])["Grazie."].target == "Thanks."


@pytest.mark.parametrize("filled_meanwhile", [False, True])
def test_a_new_memory_is_removed_after_a_failed_store_only_while_it_holds_nothing(
    tmp_path, monkeypatch, filled_meanwhile
):
    """Storing fails (a full disk): the memory this import created goes again, with its
    WAL and shared-memory files; one another import filled meanwhile stays whole."""
    import pipeline.memory.tmx as tmx
    from pipeline.errors import OutputError

    memory, good = tmp_path / "mem.sqlite", tmp_path / "g.tmx"
    good.write_text(ONE_UNIT_TMX, encoding="utf-8")

    def failing(tm, entries):
        if filled_meanwhile:
            with TranslationMemory(memory) as other:
                other.store(MemoryKey.human("it", "fr"), [("Sì.", "Oui.")])
        raise OutputError("disk full")

    monkeypatch.setattr(tmx, "store_read", failing)
    with pytest.raises(OutputError, match="disk full"):
        tmx.import_tmx_file(memory, good)
    if filled_meanwhile:
        with TranslationMemory(memory, readonly=True) as tm:
            assert len(tm) == 1
    else:
        assert _sqlite_files(tmp_path) == []


def test_a_failed_import_keeps_a_new_memory_another_import_has_open(tmp_path, monkeypatch):
    """Two imports into a new memory: B opened it (and has not stored yet) when A's
    store failed. A removed it (it held no entry), B then stored into the removed file,
    said "stored", and no memory was left. A must keep it while B has it open."""
    import pipeline.memory.tmx as tmx
    from pipeline.errors import OutputError

    memory, good = tmp_path / "mem.sqlite", tmp_path / "g.tmx"
    good.write_text(ONE_UNIT_TMX, encoding="utf-8")
    opened: list[TranslationMemory] = []

    def failing(tm, entries):
        opened.append(TranslationMemory(memory))  # import B opens the new memory
        assert len(opened[0]) == 0  # nothing stored yet: "holds no entry" said remove it
        raise OutputError("disk full")

    monkeypatch.setattr(tmx, "store_read", failing)
    with pytest.raises(OutputError, match="disk full"):
        tmx.import_tmx_file(memory, good)
    (b,) = opened
    b.store(MemoryKey.human("it", "en"), [("Ciao.", "Hi."), ("Casa.", "House.")])
    b.close()
    with TranslationMemory(memory, readonly=True) as tm:
        assert len(tm) == 2 and tm.lookup_human("it", "en", ["Casa."])["Casa."].target == "House."


def test_a_connection_made_just_before_a_removal_opens_the_memory_again(tmp_path, monkeypatch):
    """The other input of the kind: B connected to the new memory but had not read it
    when A removed it (no lock held yet, so nothing kept it). B must not write into the
    removed file: its first read fails there, and it opens the path again."""
    from pipeline.memory import store

    memory = tmp_path / "mem.sqlite"
    TranslationMemory(memory).close()  # A's new, empty memory
    late = sqlite3.connect(memory)  # connected, nothing read
    assert store._remove_unused_memory(memory) and _sqlite_files(tmp_path) == []
    with pytest.raises(sqlite3.DatabaseError):
        late.execute("SELECT COUNT(*) FROM entries").fetchone()
    late.close()
    TranslationMemory(memory).close()
    real_connect = TranslationMemory._connect
    removed: list[bool] = []

    def connect_then_removed(self):
        conn = real_connect(self)
        if not removed:  # A's removal lands between B's connect and B's first read
            removed.append(store._remove_unused_memory(self.path))
        return conn

    monkeypatch.setattr(TranslationMemory, "_connect", connect_then_removed)
    with TranslationMemory(memory) as b:
        b.store(MemoryKey.human("it", "en"), [("Ciao.", "Hi.")])
    assert removed == [True]
    monkeypatch.undo()
    with TranslationMemory(memory, readonly=True) as tm:
        assert len(tm) == 1


def test_a_memory_that_was_there_is_never_removed_even_empty(tmp_path, monkeypatch):
    """The other input of the kind: an empty memory made before the import is no memory
    the import created, so a failed store leaves it."""
    import pipeline.memory.tmx as tmx
    from pipeline.errors import OutputError
    from pipeline.memory import holds_no_entry

    memory, good = tmp_path / "mem.sqlite", tmp_path / "g.tmx"
    good.write_text(ONE_UNIT_TMX, encoding="utf-8")
    TranslationMemory(memory).close()
    assert holds_no_entry(memory) and holds_no_entry(tmp_path / "none.sqlite")

    def failing(tm, entries):
        raise OutputError("disk full")

    monkeypatch.setattr(tmx, "store_read", failing)
    with pytest.raises(OutputError):
        tmx.import_tmx_file(memory, good)
    assert memory.is_file()
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(b"not a database at all" * 100)
    assert not holds_no_entry(damaged)  # what cannot be told is kept
