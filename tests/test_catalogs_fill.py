"""`catalogs fill`: MT drafts for missing entries; fuzzy, placeholders kept, nothing overwritten."""

from __future__ import annotations

import shutil

import pytest

from pipeline.errors import ModelError
from pipeline.langdata.catalogs import LOCALE_DIR, po_path, read_catalog
from pipeline.localise.checks import check
from pipeline.localise.fill import fill_catalog


class FakeTranslator:
    """Upper-cases its input and records every batch it was given."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def translate(self, texts: list[str]) -> list[str]:
        self.batches.append(list(texts))
        return [t.upper() for t in texts]


@pytest.fixture
def locale_copy(tmp_path):
    dst = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, dst, ignore=shutil.ignore_patterns("*.mo"))
    return dst


def _blank(locale_dir, lang, *msgstrs):
    path = po_path(lang, locale_dir=locale_dir)
    text = path.read_text(encoding="utf-8")
    for s in msgstrs:
        assert s in text
        text = text.replace(s, s.split(" ", 1)[0] + ' ""', 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_fill_drafts_missing_entries_as_fuzzy_with_placeholders_kept(locale_copy):
    path = _blank(
        locale_copy,
        "fr",
        'msgstr "Les champs obligatoires sont indiqués avec %s"',
        'msgstr "Annuler la réponse"',
        'msgstr[0] "%(num)d commentaire"',
        'msgstr[1] "%(num)d commentaires"',
    )
    fake = FakeTranslator()
    report = fill_catalog("fr", fake, source_lang="it", locale_dir=locale_copy)
    assert sorted(report.filled) == sorted(
        ["Required fields are marked %s", "Cancel reply", "%(num)d Comment"]
    )
    assert len(fake.batches) == 1  # one batch, placeholders never sent
    assert not any("%" in t for t in fake.batches[0])
    fr = read_catalog(path, "fr", "messages")
    req = fr.get("Required fields are marked %s")
    assert req.fuzzy and req.string == "I CAMPI OBBLIGATORI SONO CONTRASSEGNATI %s"
    assert fr.get("%(num)d Comment").string == ("%(num)d COMMENTO", "%(num)d COMMENTI")
    assert fr.get("Leave a Reply").string == "Laisser un commentaire"  # untouched
    check(["fr"], ["messages"], locale_copy, allow_fuzzy=True)  # placeholders consistent


def test_fill_never_overwrites_existing_translations(locale_copy):
    path = po_path("fr", locale_dir=locale_copy)
    before = path.read_bytes()
    report = fill_catalog("fr", FakeTranslator(), source_lang="it", locale_dir=locale_copy)
    assert report.filled == [] and path.read_bytes() == before


def test_fill_skips_entries_the_source_catalog_lacks(locale_copy):
    _blank(locale_copy, "fr", 'msgstr "Accueil"')
    _blank(locale_copy, "it", 'msgstr "Home"')
    report = fill_catalog("fr", FakeTranslator(), source_lang="it", locale_dir=locale_copy)
    assert report.skipped == ["Home"] and "skipped" in report.summary()


def test_fill_rejects_a_translator_that_loses_lines(locale_copy):
    path = _blank(locale_copy, "fr", 'msgstr "Annuler la réponse"')
    before = path.read_bytes()

    class Lossy:
        def translate(self, texts):
            return []

    with pytest.raises(ModelError, match="returned 0 texts for 1 inputs"):
        fill_catalog("fr", Lossy(), source_lang="it", locale_dir=locale_copy)
    assert path.read_bytes() == before


def test_fill_with_the_tiny_model_marks_drafts_fuzzy(locale_copy, tiny_models):
    """Same load path as a real opus-mt model; its text is noise, so only structure is checked."""
    from pipeline.cli import main

    path = _blank(locale_copy, "fr", 'msgstr "Les champs obligatoires sont indiqués avec %s"')
    code = main(
        [
            "catalogs",
            "fill",
            "--lang",
            "fr",
            "--source-lang",
            "it",
            "--locale-dir",
            str(locale_copy),
            "--model-dir",
            f"it-fr={tiny_models['it-fr']}",
        ]
    )
    assert code == 0
    entry = read_catalog(path, "fr", "messages").get("Required fields are marked %s")
    assert entry.fuzzy and entry.string.endswith("%s")
    assert "tiny random test model: noise" in " ".join(entry.auto_comments)


def _fill_without_models(locale_dir, tmp_path, *extra):
    """`catalogs fill --lang fr` where no model exists: the registry folder is missing."""
    from pipeline.cli import main

    config = tmp_path / "c.toml"
    config.write_text(f'[translate]\nmodels_dir = "{tmp_path / "none"}"\n', encoding="utf-8")
    argv = ["--config", str(config), "catalogs", "fill", "--lang", "fr"]
    return main([*argv, "--locale-dir", str(locale_dir), *extra])


def test_fill_of_a_complete_catalog_needs_no_model(locale_copy, tmp_path, capsys):
    """docs37 F2: the model was loaded before the catalog was read: a complete catalog
    was exit 4 on a machine without models (a CI `update` + `fill` step failed)."""
    path = po_path("fr", locale_dir=locale_copy)
    before = path.read_bytes()
    assert _fill_without_models(locale_copy, tmp_path) == 0
    assert "nothing to fill" in capsys.readouterr().out
    assert path.read_bytes() == before


def test_fill_from_human_memory_alone_needs_no_model(locale_copy, tmp_path, capsys):
    """Every missing entry has a human translation in the memory: no MT, so no model."""
    from pipeline.memory import Entry, MemoryKey, TranslationMemory

    path = _blank(locale_copy, "fr", 'msgstr "Annuler la réponse"')
    it = read_catalog(po_path("it", locale_dir=locale_copy), "it", "messages")
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        source = it.get("Cancel reply").string
        tm.store_entries([Entry(MemoryKey.human("it", "fr"), source, "Annuler", "t", "t", "A")])
    assert _fill_without_models(locale_copy, tmp_path, "--memory", str(tmp_path / "tm.sqlite")) == 0
    assert "1 taken from human translations" in capsys.readouterr().out
    assert read_catalog(path, "fr", "messages").get("Cancel reply").string == "Annuler"


def test_fill_that_needs_mt_still_names_the_missing_model(locale_copy, tmp_path, capsys):
    path = _blank(locale_copy, "fr", 'msgstr "Annuler la réponse"')
    before = path.read_bytes()
    assert _fill_without_models(locale_copy, tmp_path) == 4
    assert "opus-mt-it-fr" in capsys.readouterr().err and path.read_bytes() == before


def test_fill_takes_human_memory_entries_over_mt_and_leaves_them_unfuzzy(locale_copy, tmp_path):
    from pipeline.memory import Entry, MemoryKey, TranslationMemory

    path = _blank(
        locale_copy,
        "fr",
        'msgstr "Annuler la réponse"',
        'msgstr "Les champs obligatoires sont indiqués avec %s"',
    )
    it = read_catalog(po_path("it", locale_dir=locale_copy), "it", "messages")
    cancel_it = it.get("Cancel reply").string
    key = MemoryKey.human("it", "fr")
    fake = FakeTranslator()
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        tm.store(  # an MT cache entry: never used by fill
            MemoryKey("opus", "", "", "it", "fr"), [(cancel_it, "MT CACHE")]
        )
        tm.store_entries([Entry(key, cancel_it, "Annuler ma réponse", "t", "t", "Ada")])
        report = fill_catalog("fr", fake, source_lang="it", locale_dir=locale_copy, human_memory=tm)
    assert report.human == ["Cancel reply"]
    assert report.filled == ["Required fields are marked %s"]
    assert not any(cancel_it.upper() in t.upper() for batch in fake.batches for t in batch)
    fr = read_catalog(path, "fr", "messages")
    cancel = fr.get("Cancel reply")
    assert cancel.string == "Annuler ma réponse" and not cancel.fuzzy
    assert fr.get("Required fields are marked %s").fuzzy


def test_fill_says_when_the_template_has_entries_the_catalog_lacks(locale_copy):
    """After `catalogs import` added strings to the template, a fill before `catalogs update`
    drafts nothing: its summary must say why and what to run, not only "0 entries"."""
    pot = locale_copy / "messages.pot"
    pot.write_text(
        pot.read_text(encoding="utf-8") + '\nmsgid "Newsletter signup"\nmsgstr ""\n',
        encoding="utf-8",
    )
    report = fill_catalog("fr", FakeTranslator(), source_lang="it", locale_dir=locale_copy)
    assert report.filled == [] and report.not_merged == 1
    assert "1 entry of the template messages.pot is not in" in report.summary()
    assert "catalogs update" in report.summary()


def test_fill_of_a_catalog_in_step_with_its_template_names_no_update(locale_copy):
    report = fill_catalog("fr", FakeTranslator(), source_lang="it", locale_dir=locale_copy)
    assert report.not_merged == 0 and "catalogs update" not in report.summary()


def test_a_regional_catalog_is_filled_by_its_languages_model(locale_copy, tiny_models, capsys):
    """docs37 F3: `fill --lang fr-CA` asked for --model-dir it-fr_CA=PATH, a pair no model's
    marker names (it-fr refused, the it-fr --model-dir "not used"): no model could ever fill
    it. The it-fr model fills it, said in one note."""
    from pipeline.cli import main

    shutil.copytree(locale_copy / "fr", locale_copy / "fr_CA")
    path = _blank(locale_copy, "fr_CA", 'msgstr "Annuler la réponse"')
    argv = ["catalogs", "fill", "--lang", "fr-CA", "--locale-dir", str(locale_copy)]
    assert main([*argv, "--model-dir", f"it-fr={tiny_models['it-fr']}"]) == 0
    err = capsys.readouterr().err
    assert "filled by the it-fr model" in err and "not used" not in err
    assert read_catalog(path, "fr_CA", "messages").get("Cancel reply").fuzzy


def test_a_variant_of_the_source_language_is_refused_naming_it(locale_copy, capsys):
    """`fill --lang it-CH` from it asked for a model of the pair it-it_CH (exit 4)."""
    from pipeline.cli import main

    shutil.copytree(locale_copy / "it", locale_copy / "it_CH")
    assert main(["catalogs", "fill", "--lang", "it-CH", "--locale-dir", str(locale_copy)]) == 2
    assert "variant of the source language 'it'" in capsys.readouterr().err


@pytest.mark.parametrize(("lang", "folder"), [("en-GB", "en_GB"), ("fr-CA", "fr_CA")])
def test_a_complete_regional_catalog_gets_no_variant_note(
    locale_copy, tmp_path, capsys, lang, folder
):
    """review37 P7: a complete en_GB catalog printed "filled by the it-en model", then
    "nothing to fill": the note is for a model that is used, so only when one is loaded."""
    from pipeline.cli import main

    shutil.copytree(locale_copy / folder.split("_")[0], locale_copy / folder)
    config = tmp_path / "c.toml"
    config.write_text(f'[translate]\nmodels_dir = "{tmp_path / "none"}"\n', encoding="utf-8")
    argv = ["--config", str(config), "catalogs", "fill", "--lang", lang]
    assert main([*argv, "--locale-dir", str(locale_copy), "--no-memory"]) == 0
    out, err = capsys.readouterr()
    assert "nothing to fill" in out
    assert "variant of" not in err
