"""The build key covers every input a translate reads that changes an output, and only those:
the page-chrome line patterns (``pipeline/data/chrome_lines.toml``), settings, catalogs
(not their compiled ``.mo``), QA resources, model folders by content, glossary entries."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

import pipeline.localise.boilerplate as boilerplate
from pipeline.config import load_config
from pipeline.runners.key import build_key, model_fingerprints, resource_digests


def test_editing_the_chrome_line_patterns_changes_the_build_key(tmp_path, monkeypatch):
    """Which page lines are chrome decides what is translated: an edit re-runs articles."""
    copy = tmp_path / "chrome_lines.toml"
    shutil.copyfile(boilerplate.CHROME_LINES, copy)
    monkeypatch.setattr(boilerplate, "CHROME_LINES", copy)
    cfg = load_config()
    before = build_key("a1", cfg, {}, ["en"], fingerprints={})
    assert before == build_key("a1", cfg, {}, ["en"], fingerprints={})
    copy.write_text(copy.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    assert "chrome_lines" in resource_digests()
    assert build_key("a1", cfg, {}, ["en"], fingerprints={}) != before


def test_settings_that_change_only_speed_or_gating_keep_the_build_key():
    """Moving QA to a helper process or changing the failing severity re-runs nothing."""
    base = build_key("a1", load_config(), {}, ["en"], fingerprints={})
    for override in ({"qa.worker": "off"}, {"qa.fail_severity": "warning"}):
        assert build_key("a1", load_config(None, override), {}, ["en"], fingerprints={}) == base


def test_a_setting_that_changes_outputs_changes_the_build_key():
    """The counterpart: the beam width changes the translation, so it changes the key."""
    base = build_key("a1", load_config(), {}, ["en"], fingerprints={})
    other = load_config(None, {"translate.num_beams": 1})
    assert build_key("a1", other, {}, ["en"], fingerprints={}) != base


# --- what a translate reads is what the key covers (round 31) -------------------------------


@pytest.fixture
def locale_copy(tmp_path, monkeypatch):
    """The shipped catalogs in a folder of their own, where every stage looks for them."""
    import pipeline.langdata.catalogs as catalogs

    locale = shutil.copytree(catalogs.LOCALE_DIR, tmp_path / "locale")
    monkeypatch.setattr(catalogs, "LOCALE_DIR", locale)
    return locale


def _chrome_fr() -> str:
    """What page chrome of a translate into fr reads for "Leave a Reply"."""
    from pipeline.localise.chrome import catalog_text

    return catalog_text("Leave a Reply", "fr")


def test_a_compiled_mo_is_no_input_as_no_stage_of_a_translate_reads_it(locale_copy):
    """A .mo newer than its .po and saying something else, or one that is no catalog,
    changes neither what page chrome reads nor the key; the same edit in the .po changes
    both: the key follows what is read."""
    from babel.messages.mofile import write_mo

    from pipeline.langdata.catalogs import mo_path, po_path, read_catalog

    cfg = load_config()
    before = build_key("a1", cfg, {}, ["fr"], fingerprints={})
    assert _chrome_fr() == "Laisser un commentaire"
    po, mo = po_path("fr", locale_dir=locale_copy), mo_path("fr", locale_dir=locale_copy)
    catalog = read_catalog(po, "fr", "messages")
    catalog.get("Leave a Reply").string = "Écrire un avis"
    for content in ("other strings", "no catalog"):
        if content == "no catalog":
            mo.write_bytes(b"\xde\x12\x04\x95 cut short")
        else:
            with open(mo, "wb") as fp:
                write_mo(fp, catalog)
        st = po.stat()
        os.utime(mo, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
        assert _chrome_fr() == "Laisser un commentaire", content
        assert build_key("a1", cfg, {}, ["fr"], fingerprints={}) == before, content
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('"Laisser un commentaire"', '"Écrire un avis"'), "utf-8")
    assert _chrome_fr() == "Écrire un avis"
    assert build_key("a1", cfg, {}, ["fr"], fingerprints={}) != before


def test_editing_the_qa_function_word_lists_changes_the_build_key(tmp_path, monkeypatch):
    """QA reads them during a translate (which language a sentence is in, which words are
    names) and its findings are in the outputs, as the length calibration's are."""
    import pipeline.qa.resources as resources

    copy = tmp_path / "function_words.json"
    shutil.copyfile(resources.FUNCTION_WORDS, copy)
    monkeypatch.setattr(resources, "FUNCTION_WORDS", copy)
    cfg = load_config()
    before = build_key("a1", cfg, {}, ["en"], fingerprints={})
    data = json.loads(copy.read_text(encoding="utf-8"))
    data["words"]["en"] = data["words"]["en"][1:]
    copy.write_text(json.dumps(data), encoding="utf-8")
    assert build_key("a1", cfg, {}, ["en"], fingerprints={}) != before


def _same_size_and_time(path: Path, data: bytes) -> None:
    """Write ``data`` (as long as what is there) and give the file back its times."""
    st = path.stat()
    assert len(data) == st.st_size
    path.write_bytes(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize(
    ("name", "at"),
    [
        ("model.safetensors", 0),
        ("model.safetensors", (3 << 19) + 7),  # the middle: past the first and last MiB
        ("ctranslate2/model.bin", 0),
        ("ctranslate2/model.bin", (2 << 20) + 12345),  # inside neither end's MiB
        ("ctranslate2/mtpipe-ct2.json", 0),
    ],
)
def test_model_files_replaced_with_the_same_size_and_time_change_the_key(tmp_path, name, at):
    """A model folder was named by each file's size and mtime in seconds: other weights of
    the same size (a fine-tuned model, a conversion done again with another quantization)
    put back with the old times (`cp -p`, `rsync -t`, a tar) kept every article's old
    text. A large file (past 2 MiB) changed in its first MiB or only in its middle (its
    first and last MiB were all that was hashed), a small one anywhere."""
    folder = tmp_path / "opus-mt-it-en"
    (folder / "ctranslate2").mkdir(parents=True)
    files = {
        "config.json": b'{"d_model": 512}',
        "model.safetensors": bytes(range(256)) * (3 << 12),  # 3 MiB
        "ctranslate2/model.bin": b"\x01" * (5 << 20),
        "ctranslate2/mtpipe-ct2.json": b'{"quantization": "int8"}',
    }
    for rel, data in files.items():
        (folder / rel).write_bytes(data)
    before = model_fingerprints({"it-en": folder})
    shutil.copytree(folder, tmp_path / "copy")  # new times, the same bytes: the same stamps
    copied = model_fingerprints({"it-en": tmp_path / "copy"})["it-en"]
    assert {k: v for k, v in copied.items() if k != "path"} == {
        k: v for k, v in before["it-en"].items() if k != "path"
    }
    old = files[name]
    flipped = bytes([old[at] ^ 0xFF])
    new = (
        old.replace(b"int8", b"fp16")
        if name.endswith(".json")
        else old[:at] + flipped + old[at + 1 :]
    )
    assert len(new) == len(old) and new != old
    _same_size_and_time(folder / name, new)
    after = model_fingerprints({"it-en": folder})
    assert after != before
    cfg = load_config()
    key = build_key("a1", cfg, {"it-en": folder}, ["en"], fingerprints=before)
    assert build_key("a1", cfg, {"it-en": folder}, ["en"], fingerprints=after) != key


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("La Co\u00adrea del Nord ha lanciato un missile.", {"terms": {"Corea del Nord": "NK"}}),
        ("Lo scrive l'agenzia KC\u200bNA.", {"dnt": ("KCNA",)}),
    ],
)
def test_a_glossary_entry_protected_through_a_hidden_character_changes_the_key(text, entry):
    """Protected spans match the visible text (a soft hyphen or zero-width space inside a
    term hides nothing from them); the key's glossary digest matched the raw text, so
    adding such a term changed the translation but left the article up to date."""
    from pipeline.glossary import Glossary
    from pipeline.protect.spans import SpanFinder

    terms = {"it-en": entry["terms"]} if "terms" in entry else {}
    glossary = Glossary(dnt=entry.get("dnt", ()), terms=terms)
    kinds = {s.kind for s in SpanFinder(glossary, "it", "en").candidates(text)}
    assert kinds & {"dnt", "term"}  # the entry applies to this text
    assert glossary.matched_digest([text], "it", ["en"]) != Glossary().matched_digest(
        [text], "it", ["en"]
    )


def test_model_stamps_are_hashed_again_only_when_a_file_moved(tmp_path, monkeypatch):
    """A run with nothing to do reads no model bytes (the stamps come from the cache
    folder); a file put back with its old size and time is hashed again (its change time
    moved); a damaged cache file is no error."""
    import pipeline.cache as cache

    monkeypatch.setenv("MTPIPE_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "config.json").write_bytes(b'{"d_model": 512}')
    (folder / "vocab.json").write_bytes(b'{"a": 1}')
    hashed: list[str] = []
    real = cache.content_stamp
    monkeypatch.setattr(cache, "content_stamp", lambda f: hashed.append(f.name) or real(f))
    first = model_fingerprints({"it-en": folder})
    assert sorted(hashed) == ["config.json", "vocab.json"]
    hashed.clear()
    assert model_fingerprints({"it-en": folder}) == first and hashed == []
    _same_size_and_time(folder / "vocab.json", b'{"b": 1}')
    changed = model_fingerprints({"it-en": folder})
    assert hashed == ["vocab.json"] and changed != first  # only the file that moved
    for cache_file in (tmp_path / "cache" / "models").glob("*.json"):
        cache_file.write_bytes(b'{"format": 1, "idents": [')
    assert model_fingerprints({"it-en": folder}) == changed
