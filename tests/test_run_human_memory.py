"""Human entries of the translation memory are an input of the build key (round 31).

Human entries always win over MT, so a ``tm import`` or a post-edit import puts the
articles of that pair out of date, and the rerun carries the human text; the MT
entries every run adds are no input, so an MT-only rerun stays up to date.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.config import load_config
from pipeline.errors import InputError
from pipeline.memory import Entry, MemoryKey, TranslationMemory, human_digests_of
from pipeline.run import translate_files
from pipeline.runners.plan import make_plan

HUMAN_EN = MemoryKey.human("it", "en")
HUMAN_FR = MemoryKey.human("it", "fr")
MT_EN = MemoryKey("Helsinki-NLP/opus-mt-it-en", "rev1", "beams=4", "it", "en")
SHARED = "Il governo ha approvato la legge di bilancio."
ONLY_A = "La Borsa di Praga ha chiuso in calo."
HUMAN_TEXT = "The cabinet passed the budget law (human)."


def _entry(key: MemoryKey, source: str, target: str, who: str | None = "Ada") -> Entry:
    return Entry(key, source, target, "2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z", who)


# --- the memory keeps the digest --------------------------------------------------------


def test_human_writes_move_the_pair_digest_and_mt_writes_do_not(tmp_path):
    path = tmp_path / "tm.sqlite"
    with TranslationMemory(path) as tm:
        tm.store(MT_EN, [("Ciao.", "Hello.")])
    assert human_digests_of(path, [("it", "en")]) == {}  # MT only: no human input
    with TranslationMemory(path) as tm:
        tm.store_entries([_entry(HUMAN_EN, "Sì.", "Yes.")])
    first = human_digests_of(path, [("it", "en"), ("it", "fr")])
    assert set(first) == {"it-en"}  # only the pair that was written
    with TranslationMemory(path) as tm:
        tm.store(MT_EN, [("Buongiorno.", "Good morning.")])
        tm.store_entries([_entry(HUMAN_EN, "Sì.", "Yes.")])  # the same entry again
    assert human_digests_of(path, [("it", "en")]) == first
    with TranslationMemory(path) as tm:
        tm.store_entries([_entry(HUMAN_EN, "Sì.", "Yes indeed.")])  # a corrected target
    second = human_digests_of(path, [("it", "en")])
    assert second != first
    with TranslationMemory(path) as tm:
        tm.store_entries([_entry(HUMAN_EN, "Sì.", "Yes indeed.", who="Bea")])  # translator
    assert human_digests_of(path, [("it", "en")]) not in (first, second)


def test_the_digest_is_of_the_entries_not_of_the_order_they_came_in(tmp_path):
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    entries = [_entry(HUMAN_FR, f"Frase {n}.", f"Phrase {n}.") for n in range(5)]
    with TranslationMemory(one) as tm:
        tm.store_entries(entries)
    with TranslationMemory(two) as tm:
        for entry in reversed(entries):
            tm.store_entries([entry])
        tm.store(MT_EN, [("Ciao.", "Hello.")])
    assert human_digests_of(one, [("it", "fr")]) == human_digests_of(two, [("it", "fr")])
    assert len(human_digests_of(one, [("it", "fr")])["it-fr"]) == 64


def test_the_kept_digest_is_the_one_computed_from_the_entries(tmp_path):
    """Kept write by write (new, replaced, unchanged, one source twice in a batch, human and
    MT mixed): what a migration would compute from the entries afterwards."""
    path = tmp_path / "tm.sqlite"
    with TranslationMemory(path) as tm:
        tm.store_entries([_entry(HUMAN_EN, "Uno.", "One."), _entry(MT_EN, "Uno.", "1.")])
        tm.store_entries(
            [_entry(HUMAN_EN, "Due.", "Two."), _entry(HUMAN_EN, "Due. ", "Two!", who=None)]
        )
        tm.store_entries([_entry(HUMAN_EN, "Uno.", "One."), _entry(HUMAN_FR, "Tre.", "Trois.")])
        tm.store_entries([_entry(HUMAN_EN, "Uno.", "Just one.")])
    kept = human_digests_of(path, [("it", "en"), ("it", "fr")])
    _as_schema_3(path)  # the table gone: computed from the entries, read-only
    assert human_digests_of(path, [("it", "en"), ("it", "fr")]) == kept


def _as_schema_3(path: Path) -> None:
    """What an mtpipe before schema 4 left: no digest table, user_version 3."""
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE human_digests; PRAGMA user_version = 3;")
    conn.close()


def test_an_older_memory_gets_its_digest_computed_once_and_read_only_reads_the_same(tmp_path):
    fresh, old = tmp_path / "fresh.sqlite", tmp_path / "old.sqlite"
    entries = [_entry(HUMAN_EN, "Sì.", "Yes."), _entry(HUMAN_FR, "No.", "Non.", who=None)]
    for path in (fresh, old):
        with TranslationMemory(path) as tm:
            tm.store_entries(entries)
    _as_schema_3(old)
    wanted = human_digests_of(fresh, [("it", "en"), ("it", "fr")])
    assert set(wanted) == {"it-en", "it-fr"}
    assert human_digests_of(old, [("it", "en"), ("it", "fr")]) == wanted  # read-only: computed
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 3
    with TranslationMemory(old):  # opened for writing: migrated, digest stored
        pass
    conn = sqlite3.connect(old)
    stored = dict(((s, t), d) for s, t, d in conn.execute("SELECT * FROM human_digests"))
    conn.close()
    assert stored == {("it", "en"): wanted["it-en"], ("it", "fr"): wanted["it-fr"]}


def test_an_empty_file_where_the_memory_goes_has_no_human_entries(tmp_path):
    """``touch out/memory.sqlite``: the run's open makes it a memory, the plan reads none."""
    path = tmp_path / "tm.sqlite"
    path.write_bytes(b"")
    assert human_digests_of(path, [("it", "en")]) == {}
    assert human_digests_of(tmp_path / "none.sqlite", [("it", "en")]) == {}


# --- the runs ----------------------------------------------------------------------------


def _articles(folder: Path) -> list[Path]:
    """Two articles sharing one sentence; the first has one of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    a, b = folder / "a.txt", folder / "b.txt"
    a.write_text(f"Titolo uno\n\n{ONLY_A} {SHARED}\n", encoding="utf-8")
    b.write_text(f"Titolo due\n\n{SHARED}\n", encoding="utf-8")
    return [a, b]


def _config(tmp: Path, **extra):
    settings = {"translate.num_beams": 1, "translate.targets": ["en"]}
    return load_config(None, {**settings, "memory.path": str(tmp / "tm.sqlite"), **extra})


def _run(tmp: Path, tiny_models, loaded: list | None = None) -> list[str]:
    """The run's statuses; ``loaded`` gets the target languages whose model loaded."""
    kw = {"model_dirs": {"it-en": tiny_models["it-en"]}, "log": lambda _: None}
    result = translate_files([tmp / "in"], _config(tmp), tmp / "out", **kw)
    if loaded is not None:
        loaded.extend(result.models_loaded)
    return [r.status for r in result.results]


def _tmx(path: Path, source: str, target: str) -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
        'creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
        'adminlang="en" srclang="it" datatype="plaintext"/><body><tu>'
        f'<tuv xml:lang="it"><seg>{source}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{target}</seg></tuv></tu></body></tmx>\n',
        encoding="utf-8",
    )
    return path


def test_tm_import_after_a_translate_puts_the_pair_out_of_date(tmp_path, tiny_models):
    _articles(tmp_path / "in")
    out = tmp_path / "out"
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    assert HUMAN_TEXT not in (out / "b.en.txt").read_text(encoding="utf-8")
    assert _run(tmp_path, tiny_models) == ["up-to-date", "up-to-date"]  # MT entries only
    tmx = _tmx(tmp_path / "human.tmx", SHARED, HUMAN_TEXT)
    assert main(["tm", "import", str(tmx), "--memory", str(tmp_path / "tm.sqlite")]) == 0
    loaded: list[str] = []
    assert _run(tmp_path, tiny_models, loaded) == ["translated", "translated"]  # the pair
    assert loaded == []  # served from the memory: no model loads
    for name in ("a.en.txt", "b.en.txt"):
        assert HUMAN_TEXT in (out / name).read_text(encoding="utf-8")
    assert _run(tmp_path, tiny_models) == ["up-to-date", "up-to-date"]
    # an entry of another pair changes nothing for an en run
    other = tmp_path / "fr.tmx"
    other.write_text(tmx.read_text(encoding="utf-8").replace('"en"', '"fr"'), encoding="utf-8")
    assert main(["tm", "import", str(other), "--memory", str(tmp_path / "tm.sqlite")]) == 0
    assert _run(tmp_path, tiny_models) == ["up-to-date", "up-to-date"]


def test_a_corrected_human_entry_is_a_change_too(tmp_path, tiny_models):
    """A second input of the kind: a human entry already there whose target is corrected."""
    _articles(tmp_path / "in")
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.store_entries([_entry(HUMAN_EN, ONLY_A, "Prague closed lower (first).")])
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.store_entries([_entry(HUMAN_EN, SHARED, HUMAN_TEXT)])
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    assert HUMAN_TEXT in (tmp_path / "out" / "b.en.txt").read_text(encoding="utf-8")


def _key(tmp: Path, tiny_models, config=None, **options) -> str:
    config = config or _config(tmp)
    plan = make_plan(
        [tmp / "in" / "b.txt"],
        config,
        tmp / "plan",
        model_dirs={"it-en": tiny_models["it-en"]},
        log=lambda _: None,
        **options,
    )
    return plan.jobs[0].article.meta["build_key"]


def test_with_the_memory_off_the_key_is_what_it_was(tmp_path, tiny_models):
    _articles(tmp_path / "in")
    before = _key(tmp_path, tiny_models)  # no memory file yet
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.store(MT_EN, [(SHARED, "MT.")])
    assert _key(tmp_path, tiny_models) == before  # MT entries: no input
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.store_entries([_entry(HUMAN_EN, SHARED, HUMAN_TEXT)])
    assert _key(tmp_path, tiny_models) != before
    assert _key(tmp_path, tiny_models, use_memory=False) == before  # --no-memory
    off = _config(tmp_path, **{"memory.enabled": False})
    assert _key(tmp_path, tiny_models, config=off) == before  # [memory] enabled = false
    # --memory naming another file: that memory's human entries, not the default one's
    other = _config(tmp_path, **{"memory.path": str(tmp_path / "other.sqlite")})
    assert _key(tmp_path, tiny_models, config=other) == before


def test_a_post_edit_import_puts_the_other_articles_of_the_pair_out_of_date(
    tmp_path, tiny_models, capsys
):
    """The second write path: ``mtpipe import`` stores the edit as a human entry, and the
    other article holding the same sentence is translated again with it."""
    _articles(tmp_path / "in")
    out = tmp_path / "out"
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    _post_edit(tmp_path, "a", SHARED, HUMAN_TEXT)
    capsys.readouterr()
    assert HUMAN_TEXT not in (out / "b.en.txt").read_text(encoding="utf-8")
    assert _run(tmp_path, tiny_models)[1] == "translated"
    assert HUMAN_TEXT in (out / "b.en.txt").read_text(encoding="utf-8")
    assert HUMAN_TEXT in (out / "a.en.txt").read_text(encoding="utf-8")
    assert _run(tmp_path, tiny_models) == ["up-to-date", "up-to-date"]


def test_a_damaged_memory_is_said_when_planning_and_only_when_an_article_is_keyed(
    tmp_path, tiny_models
):
    """The plan reads the memory's human digest: a file that is no memory is the run's
    input error then (as the runner's open said it), before any model loads; with no
    readable input nothing is keyed, and the inputs' own errors are what is said."""
    _articles(tmp_path / "in")
    (tmp_path / "tm.sqlite").write_bytes(b"not a memory " * 400)
    with pytest.raises(InputError, match="damaged or not an mtpipe translation memory"):
        _run(tmp_path, tiny_models)
    for article in (tmp_path / "in").iterdir():
        article.write_bytes(b"")
    assert _run(tmp_path, tiny_models) == ["failed", "failed"]


# --- which human translation a re-planned article shows (round 32) ---------------------

CORRECTED = "The cabinet approved the budget bill (corrected)."


def _doc_translation(out: Path, article_id: str, source: str) -> dict:
    data = json.loads((out / f"{article_id}.json").read_text(encoding="utf-8"))
    [tr] = [
        s["translations"]["en"]
        for b in data["blocks"]
        for s in b["segments"]
        if s["source"] == source
    ]
    return tr


def test_a_corrected_tm_import_reaches_an_article_that_showed_the_earlier_entry(
    tmp_path, tiny_models
):
    """X -> A (human) served to both articles, then ``tm import`` of X -> B: the rerun shows
    B, served from the memory (no model loads), never the A its earlier document held."""
    _articles(tmp_path / "in")
    out, memory = tmp_path / "out", str(tmp_path / "tm.sqlite")
    first = _tmx(tmp_path / "first.tmx", SHARED, HUMAN_TEXT)
    assert main(["tm", "import", str(first), "--memory", memory]) == 0
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    assert _doc_translation(out, "b", SHARED)["text"] == HUMAN_TEXT
    corrected = _tmx(tmp_path / "corrected.tmx", SHARED, CORRECTED)
    assert main(["tm", "import", str(corrected), "--memory", memory]) == 0
    loaded: list[str] = []
    assert _run(tmp_path, tiny_models, loaded) == ["translated", "translated"]
    assert loaded == []
    for name in ("a", "b"):
        text = (out / f"{name}.en.txt").read_text(encoding="utf-8")
        assert CORRECTED in text and HUMAN_TEXT not in text
        assert _doc_translation(out, name, SHARED)["origin"] == "human"
    assert _run(tmp_path, tiny_models) == ["up-to-date", "up-to-date"]


def _post_edit(tmp: Path, article_id: str, source: str, target: str) -> None:
    """Export the article's en XLIFF, set ``source``'s target as a CAT tool would, import."""
    from translate.storage import xliff2

    out, memory = tmp / "out", str(tmp / "tm.sqlite")
    xlf = tmp / f"{article_id}.en.xlf"
    export = ["export", str(out / f"{article_id}.json"), "--to", "en", "--out", str(xlf)]
    assert main([*export, "--memory", memory]) == 0
    store = xliff2.Xliff2File.parsefile(str(xlf))
    [unit] = [u for u in store.units if str(u.source) == source]
    unit.target = target
    store.savefile(str(xlf))
    assert main(["import", str(xlf), "--memory", memory]) == 0


def test_another_articles_post_edit_reaches_an_article_that_showed_the_memory_entry(
    tmp_path, tiny_models, capsys
):
    """The second write path: b showed the memory's X -> A; a's translator corrects X in
    a's XLIFF (stored in the memory as X -> B): b's rerun shows B, a keeps its own B."""
    _articles(tmp_path / "in")
    out = tmp_path / "out"
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.store_entries([_entry(HUMAN_EN, SHARED, HUMAN_TEXT)])
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    _post_edit(tmp_path, "a", SHARED, CORRECTED)
    capsys.readouterr()
    assert HUMAN_TEXT in (out / "b.en.txt").read_text(encoding="utf-8")  # not rerun yet
    loaded: list[str] = []
    assert _run(tmp_path, tiny_models, loaded) == ["translated", "translated"]
    assert loaded == []
    for name in ("a", "b"):
        text = (out / f"{name}.en.txt").read_text(encoding="utf-8")
        assert CORRECTED in text and HUMAN_TEXT not in text
    assert _doc_translation(out, "a", SHARED).get("via") is None  # a's own post-edit
    assert _doc_translation(out, "b", SHARED)["via"] == "memory"


def test_a_post_edit_of_this_article_is_kept_over_a_later_memory_entry(
    tmp_path, tiny_models, capsys
):
    """README: carried post-edits first, then the memory's exact human entries. a's own
    post-edit of X stays a's after ``tm import`` of another X -> B; b, which showed a's
    edit from the memory, follows the memory to B."""
    _articles(tmp_path / "in")
    out, memory = tmp_path / "out", str(tmp_path / "tm.sqlite")
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    _post_edit(tmp_path, "a", SHARED, HUMAN_TEXT)
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    assert HUMAN_TEXT in (out / "b.en.txt").read_text(encoding="utf-8")
    capsys.readouterr()
    corrected = _tmx(tmp_path / "corrected.tmx", SHARED, CORRECTED)
    assert main(["tm", "import", str(corrected), "--memory", memory]) == 0
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    a_text = (out / "a.en.txt").read_text(encoding="utf-8")
    assert HUMAN_TEXT in a_text and CORRECTED not in a_text
    b_text = (out / "b.en.txt").read_text(encoding="utf-8")
    assert CORRECTED in b_text and HUMAN_TEXT not in b_text


def test_a_memory_without_the_entry_leaves_the_human_translation_and_a_later_one_wins(
    tmp_path, tiny_models
):
    """``--memory`` naming an MT-only memory: the article re-planned keeps the human text
    it showed (MT never replaces a human translation), still marked as the memory's, so a
    human entry that memory gets later replaces it."""
    _articles(tmp_path / "in")
    out = tmp_path / "out"
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.store_entries([_entry(HUMAN_EN, SHARED, HUMAN_TEXT)])
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    other = tmp_path / "other.sqlite"
    with TranslationMemory(other) as tm:
        tm.store(MT_EN, [(SHARED, "Machine text.")])
    kw = {"model_dirs": {"it-en": tiny_models["it-en"]}, "log": lambda _: None}
    config = _config(tmp_path, **{"memory.path": str(other)})

    def run() -> list[str]:
        result = translate_files([tmp_path / "in"], config, out, **kw)
        return [r.status for r in result.results]

    assert run() == ["translated", "translated"]  # another memory's human entries: none
    text = (out / "b.en.txt").read_text(encoding="utf-8")
    assert HUMAN_TEXT in text and "Machine text." not in text
    assert _doc_translation(out, "b", SHARED)["via"] == "memory"
    with TranslationMemory(other) as tm:
        tm.store_entries([_entry(HUMAN_EN, SHARED, CORRECTED, who="Bea")])
    assert run() == ["translated", "translated"]
    assert CORRECTED in (out / "b.en.txt").read_text(encoding="utf-8")
    assert _doc_translation(out, "b", SHARED)["translator"] == "Bea"


# --- an approval in the article's own file makes a served translation its own (carry32) ---

_FORMATS = {"xliff": ".xlf", "xliff12": ".xliff", "po": ".po"}


def _export_file(tmp: Path, article_id: str, fmt: str) -> Path:
    out, memory = tmp / "out", str(tmp / "tm.sqlite")
    path = tmp / f"{article_id}.en{_FORMATS[fmt]}"
    argv = ["export", str(out / f"{article_id}.json"), "--to", "en", "--format", fmt]
    assert main([*argv, "--out", str(path), "--memory", memory]) == 0
    return path


def _approve(path: Path, source: str) -> None:
    """Mark the unit of ``source`` reviewed, its target untouched, as a reviewer's CAT tool
    does: XLIFF 2 ``state="reviewed"``, XLIFF 1.2 ``signed-off``, PO the fuzzy flag removed."""
    if path.suffix == ".po":
        from babel.messages.pofile import read_po, write_po

        with path.open("rb") as fh:
            catalog = read_po(fh)
        [message] = [m for m in catalog if m.id == source]
        message.flags.discard("fuzzy")
        with path.open("wb") as fh:
            write_po(fh, catalog, width=0)
        return
    from lxml import etree

    tree = etree.parse(str(path))
    for element in tree.iter("{*}segment", "{*}trans-unit"):
        src = next(element.iter("{*}source"))
        if "".join(src.itertext()) == source:
            if element.tag.endswith("segment"):
                element.set("state", "reviewed")
            else:
                next(element.iter("{*}target")).set("state", "signed-off")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def _unit_approved(path: Path, source: str) -> bool:
    from pipeline.interchange import sniff_format

    [unit] = [
        u
        for u in sniff_format(path).load().read(path).units
        if "".join(p for p in u.source if isinstance(p, str)) == source
    ]
    return unit.approved


@pytest.mark.parametrize("fmt", ["xliff", "xliff12", "po"])
def test_an_approved_served_translation_is_the_articles_own_and_keeps_over_a_corrected_entry(
    tmp_path, tiny_models, fmt
):
    """b showed X -> A from the memory; its reviewer approves A, unchanged, in b's file while
    a ``tm import`` corrects the entry to X -> B: b keeps A on the rerun, a (not reviewed)
    follows B. The approval writes no memory entry (B stays the memory's, the pair's digest
    as the tm import left it), and an MT unit approved unchanged becomes a human
    translation as before."""
    _articles(tmp_path / "in")
    out, memory = tmp_path / "out", tmp_path / "tm.sqlite"
    with TranslationMemory(memory) as tm:
        tm.store_entries([_entry(HUMAN_EN, SHARED, HUMAN_TEXT)])
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    path = _export_file(tmp_path, "b", fmt)
    assert not _unit_approved(path, SHARED)  # exported awaiting review, not pre-approved
    _approve(path, SHARED)
    _approve(path, "Titolo due")  # machine translation, approved unchanged
    corrected = _tmx(tmp_path / "corrected.tmx", SHARED, CORRECTED)
    assert main(["tm", "import", str(corrected), "--memory", str(memory)]) == 0
    digest = human_digests_of(memory, [("it", "en")])
    assert main(["import", str(path), "--memory", str(memory)]) == 0
    served = _doc_translation(out, "b", SHARED)
    assert (served["text"], served.get("via"), served["translator"]) == (HUMAN_TEXT, None, "Ada")
    title = _doc_translation(out, "b", "Titolo due")
    assert (title["origin"], title.get("via")) == ("human", None)
    with TranslationMemory(memory) as tm:  # the corrected entry, not the approved text
        assert tm.lookup_entries(HUMAN_EN, [SHARED])[SHARED].target == CORRECTED
    titled = human_digests_of(memory, [("it", "en")])  # the approved MT title went in
    assert titled != digest
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    b_text = (out / "b.en.txt").read_text(encoding="utf-8")
    assert HUMAN_TEXT in b_text and CORRECTED not in b_text
    a_text = (out / "a.en.txt").read_text(encoding="utf-8")
    assert CORRECTED in a_text and HUMAN_TEXT not in a_text


@pytest.mark.parametrize("fmt", ["xliff", "po"])
def test_a_served_translation_left_unreviewed_in_the_file_follows_the_memory(
    tmp_path, tiny_models, fmt
):
    """The other direction: b's file imported as exported (nothing reviewed in it) leaves
    the served unit the memory's, so a later corrected entry reaches b too."""
    _articles(tmp_path / "in")
    out, memory = tmp_path / "out", tmp_path / "tm.sqlite"
    with TranslationMemory(memory) as tm:
        tm.store_entries([_entry(HUMAN_EN, SHARED, HUMAN_TEXT)])
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    path = _export_file(tmp_path, "b", fmt)
    assert main(["import", str(path), "--memory", str(memory)]) == 0
    assert _doc_translation(out, "b", SHARED)["via"] == "memory"
    corrected = _tmx(tmp_path / "corrected.tmx", SHARED, CORRECTED)
    assert main(["tm", "import", str(corrected), "--memory", str(memory)]) == 0
    assert _run(tmp_path, tiny_models) == ["translated", "translated"]
    for name in ("a", "b"):
        text = (out / f"{name}.en.txt").read_text(encoding="utf-8")
        assert CORRECTED in text and HUMAN_TEXT not in text
