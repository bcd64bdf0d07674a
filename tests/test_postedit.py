"""Acceptance of the post-editing round trip, end to end with the tiny models.

Translate the sample into French, export XLIFF 2.1, change two targets through
translate-toolkit's API, import: the two human targets are in ``ID.fr.txt``,
in ``ID.aligned.jsonl`` with origin human and in ``tm stats`` as human
entries, and a forced ``mtpipe translate`` rerun leaves them as they are.
A second, untouched copy of an exported file imported after the edited one
changes nothing, and QA checks the human text, not the machine output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from translate.storage import pypo, xliff2

from pipeline.cli import main
from pipeline.memory import TranslationMemory

EDITS = {
    "b3.s1": "La Corée du Nord et la Russie renforcent leurs liens militaires",
    "b5.s1": "La rencontre de vendredi portait sur l'alliance stratégique Moscou-Pyongyang.",
}


def _translate(tmp: Path, tiny_models, sample_path: Path, *extra: str) -> int:
    """Translate the sample into French with the tiny model, into ``tmp/out``."""
    settings = tmp / "fast.toml"  # short noise outputs keep the tiny model quick
    if not settings.exists():
        settings.write_text(
            "[translate]\nnum_beams = 1\nmax_output_ratio = 0.5\n", encoding="utf-8"
        )
    memory = [] if "--no-memory" in extra else ["--memory", str(tmp / "tm.sqlite")]
    return main(
        [
            "--config", str(tmp / "fast.toml"), "translate", str(sample_path), "--to", "fr",
            "--out", str(tmp / "out"), *memory, "--quiet",
            f"--model-dir=it-fr={tiny_models['it-fr']}", *extra,
        ]
    )  # fmt: skip


def _fr_rows(out: Path) -> dict[str, dict]:
    lines = (out / "kim-belousov.aligned.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["id"]: r for r in map(json.loads, lines)}


def test_two_targets_edited_in_a_cat_library_survive_a_forced_retranslation(
    tmp_path, tiny_models, sample_path, capsys
):
    out = tmp_path / "out"
    assert _translate(tmp_path, tiny_models, sample_path) == 0
    xlf = tmp_path / "kim-belousov.fr.xlf"
    export = ["export", str(out / "kim-belousov.json"), "--to", "fr", "--out", str(xlf)]
    assert main([*export, "--memory", str(tmp_path / "tm.sqlite")]) == 0

    store = xliff2.Xliff2File.parsefile(str(xlf))
    units = {u.getid().split("::")[0]: u for u in store.units}
    for uid, text in EDITS.items():
        assert units[uid].target != text
        units[uid].target = text
    store.savefile(str(xlf))
    capsys.readouterr()
    assert main(["import", str(xlf), "--memory", str(tmp_path / "tm.sqlite")]) == 0
    assert "2 human targets (fr)" in capsys.readouterr().out

    def check() -> None:
        text = (out / "kim-belousov.fr.txt").read_text(encoding="utf-8")
        rows = _fr_rows(out)
        for uid, edited in EDITS.items():
            assert edited in text
            assert (rows[uid]["fr"], rows[uid]["origin"]["fr"]) == (edited, "human")
        assert sum(r["origin"].get("fr") == "human" for r in rows.values()) == 2

    check()
    assert main(["tm", "stats", "--memory", str(tmp_path / "tm.sqlite"), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["pairs_by_origin"]["human"] == {"it-fr": 2}

    def build_key() -> str:
        doc = json.loads((out / "kim-belousov.json").read_text(encoding="utf-8"))
        return doc["meta"]["build_key"]

    before = build_key()
    # the import stored two human entries, an input of the build key: the article is
    # re-planned (not skipped), its edits carried over and served from the memory
    assert _translate(tmp_path, tiny_models, sample_path) == 0
    assert build_key() != before
    check()
    assert _translate(tmp_path, tiny_models, sample_path, "--force") == 0
    check()
    # without the memory the document itself still carries the human edits over
    assert _translate(tmp_path, tiny_models, sample_path, "--force", "--no-memory") == 0
    check()


NEWS = (
    "Il governo approva la manovra\n\n"
    "Il Consiglio dei ministri ha approvato ieri la legge di bilancio. "
    "Il testo è disponibile su https://www.governo.it/manovra da oggi.\n"
)
HUMAN = {  # source -> a translator's French
    "Il governo approva la manovra": "Le gouvernement approuve le budget",
    "Il Consiglio dei ministri ha approvato ieri la legge di bilancio.": (
        "Le Conseil des ministres a approuvé hier la loi de finances."
    ),
    "Il testo è disponibile su https://www.governo.it/manovra da oggi.": (
        "Le texte est disponible sur https://www.governo.it/manovra depuis aujourd'hui."
    ),
}


def test_an_untouched_copy_imported_after_the_edited_file_keeps_the_edits_and_qa_passes(
    tmp_path, tiny_models, capsys
):
    (tmp_path / "manovra.txt").write_text(NEWS, encoding="utf-8")
    out, tm = tmp_path / "out", str(tmp_path / "tm.sqlite")
    args = ["translate", str(tmp_path / "manovra.txt"), "--to", "fr", "--out", str(out)]
    model = f"--model-dir=it-fr={tiny_models['it-fr']}"
    assert main([*args, "--memory", tm, "--quiet", model]) == 0
    doc = json.loads((out / "manovra.json").read_text(encoding="utf-8"))
    checks = {f["check"] for b in doc["blocks"] for s in b["segments"] for f in s["findings"]}
    assert "placeholder_repair" in checks  # the tiny model drops the URL's placeholder
    export = ["export", str(out / "manovra.json"), "--to", "fr", "--format", "po"]
    assert main([*export, "--out-dir", str(tmp_path / "anna"), "--memory", tm]) == 0
    anna, bruno = tmp_path / "anna" / "manovra.fr.po", tmp_path / "bruno" / "manovra.fr.po"
    bruno.parent.mkdir()
    bruno.write_bytes(anna.read_bytes())  # an untouched copy

    store = pypo.pofile.parsefile(str(anna))
    for unit in store.units:
        if not unit.isheader():
            unit.target = HUMAN[unit.source]
    store.savefile(str(anna))
    assert main(["import", str(anna), "--memory", tm, "--translator", "Anna"]) == 0
    text = (out / "manovra.fr.txt").read_text(encoding="utf-8")
    assert all(fr in text for fr in HUMAN.values())
    qa = ["qa", str(out / "manovra.json"), "--out", str(tmp_path / "qa.jsonl")]
    assert main(qa) == 0  # the human text is checked, not the machine output's findings

    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    capsys.readouterr()
    assert main(["import", str(bruno), "--memory", tm, "--translator", "Bruno"]) == 0
    assert "no edited target" in capsys.readouterr().out
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before
    with TranslationMemory(Path(tm), readonly=True) as memory:
        hits = memory.lookup_human("it", "fr", list(HUMAN))
    assert {s: (e.target, e.creator) for s, e in hits.items()} == {
        s: (fr, "Anna") for s, fr in HUMAN.items()
    }


def _fr_document(tmp: Path) -> Path:
    """A one-segment document translated into French, written as ``translate`` does."""
    from pipeline.document import Article, Block, Segment, Translation
    from pipeline.writers import write_article

    seg = Segment("b1.s1", "Il governo ha approvato la legge.")
    seg.translations["fr"] = Translation("Le gouvernement a approuvé la loi.", "mt", model="m")
    article = Article("art1", "it", [Block("b1", "paragraph", seg.source, [seg])])
    article.target_langs = ["fr"]
    write_article(article, tmp / "out", {"json"})
    return tmp / "out" / "art1.json"


def _no_memory_config(tmp: Path) -> str:
    cfg = tmp / "pe.toml"
    cfg.write_text(f'[memory]\npath = "{tmp / "m.sqlite"}"\n[qa]\nenabled = false\n')
    return str(cfg)


@pytest.mark.parametrize(
    ("to", "named"),
    [("en,fr", "one file per target language"), ("", "not a BCP 47"), ("../fr", "not a BCP 47")],
)
def test_export_to_that_is_no_single_language_tag_is_a_usage_error(tmp_path, capsys, to, named):
    """``--to`` was looked up as typed: each of these said "has no 'en,fr' translation (it
    has en, fr); run `mtpipe translate --to en,fr`", advice that could not help."""
    doc = _fr_document(tmp_path)
    argv = ["--config", _no_memory_config(tmp_path), "export", str(doc), "--to", to]
    assert main([*argv, "--out", str(tmp_path / "a.xlf")]) == 2
    err = capsys.readouterr().err
    assert named in err and "mtpipe translate" not in err and err.count("\n") == 1
    assert not (tmp_path / "a.xlf").exists()


def test_export_to_takes_a_tag_in_any_case(tmp_path):
    doc = _fr_document(tmp_path)
    argv = ["--config", _no_memory_config(tmp_path), "export", str(doc), "--to", "FR"]
    assert main([*argv, "--out", str(tmp_path / "a.xlf")]) == 0
    assert 'trgLang="fr"' in (tmp_path / "a.xlf").read_text()


@pytest.mark.parametrize(
    ("fmt", "name"), [("po", "a.xlf"), ("po", "a.xliff"), ("xliff", "a.po"), ("xliff12", "a.pot")]
)
def test_export_out_named_as_another_format_is_a_usage_error(tmp_path, capsys, fmt, name):
    """``--format po --out a.xlf`` wrote PO that ``mtpipe import a.xlf`` then refused as
    "neither XLIFF 1.2, XLIFF 2 nor PO" (import reads the format from the suffix)."""
    doc = _fr_document(tmp_path)
    argv = ["--config", _no_memory_config(tmp_path), "export", str(doc), "--to", "fr"]
    assert main([*argv, "--format", fmt, "--out", str(tmp_path / name)]) == 2
    assert "suffix" in capsys.readouterr().err
    assert not (tmp_path / name).exists()


def test_one_document_given_twice_is_exported_once(tmp_path, capsys):
    doc = _fr_document(tmp_path)
    again = doc.parent / ".." / "out" / doc.name
    argv = ["--config", _no_memory_config(tmp_path), "export", str(doc), str(again), "--to", "fr"]
    assert main([*argv, "--out-dir", str(tmp_path / "pe")]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 XLIFF 2.1 file written"


@pytest.mark.parametrize(("fmt", "opening"), [("xliff", "<?xml"), ("po", "# Post-editing")])
def test_export_out_dash_writes_the_file_to_standard_output(
    tmp_path, capsys, monkeypatch, fmt, opening
):
    """``--out -`` wrote a file named ``-`` in the working folder."""
    doc = _fr_document(tmp_path)
    monkeypatch.chdir(tmp_path)
    argv = ["--config", _no_memory_config(tmp_path), "export", str(doc), "--to", "fr"]
    assert main([*argv, "--format", fmt, "--out", "-"]) == 0
    captured = capsys.readouterr()
    assert not (tmp_path / "-").exists()
    assert captured.out.startswith(opening) and "Le gouvernement a approuvé la loi." in captured.out
    assert "standard output" in captured.err and "1 " in captured.err


NEWS_EDITED = (  # a paragraph and a sentence inserted before, the two paragraphs swapped
    "Il governo approva la manovra\n\n"
    "Una nota introduttiva del redattore.\n\n"
    "Il testo è disponibile su https://www.governo.it/manovra da oggi. "
    "Una frase nuova.\n\n"
    "Una seconda frase nuova. "
    "Il Consiglio dei ministri ha approvato ieri la legge di bilancio.\n"
)


@pytest.mark.parametrize("memory", [False, True], ids=["no-memory", "memory"])
def test_human_edits_follow_their_sentences_when_the_article_is_edited(
    tmp_path, tiny_models, capsys, memory
):
    text = NEWS.replace(" Il testo", "\n\nIl testo")  # two paragraphs
    (tmp_path / "manovra.txt").write_text(text, encoding="utf-8")
    out, tm = tmp_path / "out", str(tmp_path / "tm.sqlite")
    args = ["translate", str(tmp_path / "manovra.txt"), "--to", "fr", "--out", str(out)]
    run = [*args, "--quiet", f"--model-dir=it-fr={tiny_models['it-fr']}", "--beams", "1"]
    use = ["--memory", tm] if memory else ["--no-memory"]
    assert main([*run, *use]) == 0
    export = ["export", str(out / "manovra.json"), "--to", "fr", "--format", "po"]
    assert main([*export, "--out-dir", str(tmp_path / "pe"), *use[: 2 * memory]]) == 0
    po = tmp_path / "pe" / "manovra.fr.po"
    store = pypo.pofile.parsefile(str(po))
    for unit in store.units:
        if not unit.isheader():
            unit.target = HUMAN[unit.source]
    store.savefile(str(po))
    assert main(["import", str(po), *use, "--translator", "Anna"]) == 0

    (tmp_path / "manovra.txt").write_text(NEWS_EDITED, encoding="utf-8")
    capsys.readouterr()
    assert main([*run, *use]) == 0
    rows = (out / "manovra.aligned.jsonl").read_text(encoding="utf-8").splitlines()
    got = {r["src"]: (r["fr"], r["origin"]["fr"]) for r in map(json.loads, rows)}
    for source, fr in HUMAN.items():
        assert got[source] == (fr, "human")
    assert sum(origin == "human" for _, origin in got.values()) == len(HUMAN)
    assert "not carried" not in capsys.readouterr().err

    # a sentence deleted: its edit cannot be carried, and one line says so
    short = NEWS_EDITED.split("\n\n", 1)[0] + "\n\nUna seconda frase nuova.\n"
    (tmp_path / "manovra.txt").write_text(short, encoding="utf-8")
    assert main([*run, *use]) == 0
    err = capsys.readouterr().err
    assert "2 human translation(s)" in err and "no longer in the article" in err


def test_a_note_on_machine_translation_survives_a_forced_retranslation(
    tmp_path, tiny_models, sample_path, capsys
):
    """The document keeps a reviewer's note on an unedited MT unit (not the human memory);
    a forced retranslation carried human targets over but not such a note."""
    out = tmp_path / "out"
    assert _translate(tmp_path, tiny_models, sample_path) == 0
    xlf = tmp_path / "kim-belousov.fr.xlf"
    export = ["export", str(out / "kim-belousov.json"), "--to", "fr", "--out", str(xlf)]
    memory = ["--memory", str(tmp_path / "tm.sqlite")]
    assert main([*export, *memory]) == 0
    store = xliff2.Xliff2File.parsefile(str(xlf))
    unit = next(u for u in store.units if u.getid().split("::")[0] == "b5.s1")
    unit.addnote("Check the alliance's name", origin="translator")
    store.savefile(str(xlf))
    assert main(["import", str(xlf), *memory]) == 0
    assert _translate(tmp_path, tiny_models, sample_path, "--force") == 0
    capsys.readouterr()
    assert main([*export, *memory]) == 0
    again = xliff2.Xliff2File.parsefile(str(xlf))
    unit = next(u for u in again.units if u.getid().split("::")[0] == "b5.s1")
    notes = [n.text for n in unit.getunitelement().iter("{*}note")]
    assert "Check the alliance's name" in notes
