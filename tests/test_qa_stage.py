"""The qa stage over a document: findings on segments, source-side checks, failing findings."""

from __future__ import annotations

import json

import pytest
from qa_fixtures import sample_article

from pipeline.config import QASettings
from pipeline.errors import ConfigError
from pipeline.qa import failing_findings, run_qa


def _by_check(article, check: str) -> dict[str, list]:
    return {
        s.id: [f for f in s.findings if f.check == check]
        for s in article.segments()
        if any(f.check == check for f in s.findings)
    }


def test_reference_translations_pass_but_the_source_issues_are_reported() -> None:
    article = run_qa(sample_article())
    assert failing_findings(article) == []
    variants = _by_check(article, "name_variant")
    assert list(variants) == ["b4.s1"]  # Beloúsov, where Belousov is the usual spelling
    assert "Belousov" in variants["b4.s1"][0].message
    assert variants["b4.s1"][0].lang == "it"
    assert list(_by_check(article, "fragment")) == ["b7.s2"]  # the stray "sanzioni."


def test_a_bad_translation_fails_and_is_stored_on_its_segment() -> None:
    article = sample_article()
    seg = article.blocks[5].segments[0]
    seg.translations["en"].text = seg.translations["en"].text.replace("10,000", "12,000")
    run_qa(article)
    failing = failing_findings(article)
    assert [(f.check, f.lang) for f in failing] == [("number", "en")]
    assert any(f.check == "number" for f in seg.findings)


def test_missing_translation_is_an_empty_finding() -> None:
    article = sample_article()
    del article.blocks[2].segments[0].translations["fr"]
    run_qa(article)
    assert [f.check for f in failing_findings(article)] == ["empty"]


def test_chrome_identical_to_source_is_fine() -> None:
    article = run_qa(sample_article())
    chrome = [s for b in article.blocks if b.is_chrome for s in b.segments]
    assert all(not s.findings for s in chrome)


def test_rerun_replaces_findings_and_keeps_other_stages_findings() -> None:
    from pipeline.document import Finding

    article = sample_article()
    seg = article.blocks[3].segments[0]
    seg.findings.append(Finding("catalog_missing", "warning", "from localise", "en"))
    run_qa(article)
    once = [f.check for f in seg.findings]
    run_qa(article)
    assert [f.check for f in seg.findings] == once
    assert "catalog_missing" in once


def test_fail_severity_and_disabled_checks_come_from_settings() -> None:
    article = run_qa(sample_article(), QASettings(fail_severity="warning"))
    assert {f.check for f in failing_findings(article, QASettings(fail_severity="warning"))} >= {
        "name_variant",
        "fragment",
    }
    quiet = run_qa(sample_article(), QASettings(disabled=("name_variant", "fragment")))
    assert all(not s.findings for s in quiet.segments())


def test_qa_can_be_switched_off() -> None:
    article = run_qa(sample_article(), QASettings(enabled=False))
    assert all(not s.findings for s in article.segments())


@pytest.mark.parametrize(
    "kwargs, hint",
    [
        ({"disabled": ("no_such_check",)}, "number_format"),
        ({"severity": {"no_such_check": "error"}}, "number_format"),
        ({"severity": {"number": "fatal"}}, "warning"),
        ({"fail_severity": "bad"}, "warning"),
    ],
)
def test_bad_settings_cannot_be_built_and_name_the_valid_values(kwargs: dict, hint: str) -> None:
    with pytest.raises(ConfigError, match=hint):
        QASettings(**kwargs)


def test_source_language_check_flags_a_foreign_text_line() -> None:
    article = sample_article()
    para = article.blocks[6].segments[0]
    para.source = "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués."
    run_qa(article)
    assert any(f.check == "source_language" and "fr" in f.message for f in para.findings)


def test_translate_runs_qa_in_the_helper_process_with_the_stages_findings(
    tmp_path, tiny_models, sample_path
) -> None:
    """Findings written by `mtpipe translate` (QA in the helper) = run_qa here on its document."""
    from pipeline.cli import main
    from pipeline.document import Article
    from pipeline.qa import worker

    config = tmp_path / "helper.toml"
    # greedy: this checks where QA ran and what it found, not beam search (beam 4 took 3x)
    config.write_text('[translate]\nnum_beams = 1\n[qa]\nworker = "on"\n', encoding="utf-8")
    flags = [f"--model-dir={p}={d}" for p, d in tiny_models.items()]
    args = ["translate", str(sample_path), "--to", "en,fr", "--out", str(tmp_path / "out")]
    assert main([*args, "--quiet", "--no-memory", "--config", str(config), *flags]) == 0
    assert worker._SHARED is not None and worker._SHARED.alive  # QA ran in the helper
    doc = json.loads((tmp_path / "out" / "kim-belousov.json").read_text(encoding="utf-8"))
    written = [s.findings for s in Article.from_dict(doc).segments()]
    here = [s.findings for s in run_qa(Article.from_dict(doc)).segments()]
    assert written == here
    assert any(f.check == "name_variant" for fs in written for f in fs)


def test_a_qa_error_in_the_helper_process_is_the_error_run_qa_raises(qa_worker) -> None:
    settings = QASettings(glossary="/nonexistent/glossary.toml")
    with pytest.raises(ConfigError) as here:
        run_qa(sample_article(), settings)
    with pytest.raises(ConfigError) as there:
        qa_worker.run_qa(sample_article(), settings)
    assert str(there.value) == str(here.value)


def test_when_the_helper_process_dies_qa_runs_here_with_the_same_findings() -> None:
    import os
    import signal

    from pipeline.qa.worker import QAWorker

    worker = QAWorker("it", ["en"], QASettings())
    try:
        worker.run_qa(sample_article(), QASettings())  # started and warm
        for pid in worker.pids():
            os.kill(pid, signal.SIGKILL)
        article = worker.run_qa(sample_article(), QASettings())
        assert not worker.alive
    finally:
        worker.close()
    expected = run_qa(sample_article())
    assert [s.findings for s in article.segments()] == [s.findings for s in expected.segments()]


@pytest.mark.parametrize(
    ("worker", "device", "threads", "cores", "helper"),
    [
        ("auto", "auto", 0, 16, False),  # decoding takes every core
        ("auto", "cpu", 2, 2, False),
        ("auto", "cpu", 4, 16, True),  # cores to spare
        ("auto", "cuda:1", 0, 2, True),  # the card decodes
        ("on", "cpu", 0, 2, True),
        ("off", "cuda", 0, 16, False),
    ],
)
def test_qa_uses_a_helper_process_only_where_cores_are_free(
    worker: str, device: str, threads: int, cores: int, helper: bool
) -> None:
    from pipeline.config import TranslateSettings
    from pipeline.qa.worker import use_helper

    translate = TranslateSettings(device=device, threads=threads)
    assert use_helper(QASettings(worker=worker), translate, cores) is helper


@pytest.mark.parametrize("qa_on", [True, False])
def test_in_process_qa_loads_its_resources_once_before_the_first_group(
    tmp_path, tiny_models, monkeypatch, qa_on
) -> None:
    """QA's one-off load is a start-up step (timed by the speed bench), done once per run."""
    from pipeline.config import load_config
    from pipeline.qa import warm
    from pipeline.run import translate_files

    calls: list[tuple[str, list[str]]] = []
    original = warm.warm_up
    monkeypatch.setattr(
        warm,
        "warm_up",
        lambda src, tgts, s: (calls.append((src, list(tgts))), original(src, tgts, s)),
    )
    inputs = tmp_path / "in"
    inputs.mkdir()
    for n in range(3):
        (inputs / f"a{n}.txt").write_text(
            f"Titolo {n}\n\nIl governo ha parlato.\n", encoding="utf-8"
        )
    settings = {"translate.num_beams": 1, "translate.group_segments": 1, "qa.worker": "off"}
    cfg = load_config(None, settings)
    kw = {"model_dirs": dict(tiny_models), "use_memory": False, "run_qa": qa_on, "log": print}
    result = translate_files([inputs], cfg, tmp_path / "out", **kw)
    assert result.count("translated") == 3
    assert calls == ([("it", ["en", "fr"])] if qa_on else [])


def test_a_raw_block_that_is_not_chrome_keeps_every_neighbour_in_place() -> None:
    """Raw blocks with a segment but no chrome flag (aligned JSONL records read back)
    count among the neighbours; they used to shift the index past the list (IndexError)."""
    from pipeline.document import Article, Block, Segment, Translation
    from pipeline.glossary import Glossary
    from pipeline.qa.stage import _contexts

    kinds = ("paragraph", "raw", "raw", "paragraph")
    article = Article(id="raw", source_lang="it", target_langs=["en"])
    for n, kind in enumerate(kinds):
        src = f"Frase numero {n} del testo."
        seg = Segment(f"b{n}.s0", src, translations={"en": Translation(f"Sentence {n}.", "mt")})
        article.blocks.append(Block(f"b{n}", kind, src, [seg]))
    run_qa(article)  # no IndexError
    contexts = {seg.id: ctx for _, seg, ctx, _near in _contexts(article, Glossary())}
    assert contexts["b3.s0"].prev_sources == ("Frase numero 2 del testo.",)
    assert contexts["b0.s0"].next_sources == ("Frase numero 1 del testo.",)


def test_warm_for_sources_loads_lingua_only_when_the_source_check_will_ask_it() -> None:
    """lingua's load moves into the warm-up thread only for a run whose source segments
    the source language check will ask lingua about, and only when that check is on;
    the check then finds the detector built."""
    from pipeline.config import QASettings
    from pipeline.document import Article, Block, Segment
    from pipeline.qa import langid, run_qa, warm

    settled = "Il governo ha detto che la crisi è finita e che il paese crescerà."
    unsettled = "Quindi forse arriveranno tempi migliori."  # no Italian function word
    langid._detector.cache_clear()
    warm.warm_for_sources("it", [settled], QASettings())
    assert langid._detector.cache_info().currsize == 0
    warm.warm_for_sources("it", [settled, unsettled], QASettings(disabled=["source_language"]))
    assert langid._detector.cache_info().currsize == 0
    warm.warm_for_sources("it", [settled, unsettled], QASettings())
    assert langid._detector.cache_info().currsize == 1
    article = Article(id="w", source_lang="it", target_langs=[])
    article.blocks.append(Block("b1", "paragraph", unsettled, [Segment("s1", unsettled)]))
    misses = langid._detector.cache_info().misses
    run_qa(article, QASettings())
    assert langid._detector.cache_info().misses == misses


def test_warm_up_reads_the_small_lists_of_third_languages_only(monkeypatch) -> None:
    """QA's warm-up reads the word lists of the third-language name rule for every
    language that is a third one to some pair of the run, and no other."""
    from pipeline.config import QASettings
    from pipeline.qa import frequency, warm

    asked: list[tuple[str, ...]] = []
    monkeypatch.setattr(frequency, "preload", lambda langs, **kw: asked.append(tuple(langs)))
    warm.warm_up("it", ["en"], QASettings())
    warm.warm_up("it", ["en", "fr"], QASettings())
    assert asked == [("de", "es", "fr", "nl", "pt"), ("de", "en", "es", "fr", "nl", "pt")]


def test_warm_up_builds_the_renamings_and_month_names_of_each_pair() -> None:
    """QA's warm-up builds the CLDR renamings of every pair and the month-name pattern of
    every language of the run, which the sample pair does not reach: the first article then
    builds none of them."""
    from pipeline.config import QASettings
    from pipeline.qa import names, numwords, warm

    names._one_word_renamings.cache_clear()
    numwords._first_of_month_re.cache_clear()
    warm.warm_up("it", ["en", "fr"], QASettings())
    one_word = names._one_word_renamings.cache_info()
    months = numwords._first_of_month_re.cache_info()
    assert one_word.currsize == 2 and months.currsize == 3
    text = "Il primo gennaio il ministro ceco ha parlato."
    for tgt in ("en", "fr"):
        names.renamed("ceca", "it", tgt)
        numwords.word_values(text, tgt)
    numwords.word_values(text, "it")
    assert names._one_word_renamings.cache_info().misses == one_word.misses
    assert numwords._first_of_month_re.cache_info().misses == months.misses


def test_the_name_check_sees_the_nearby_translations_into_its_own_language() -> None:
    """A name left out of one translation while the translations of the segments around it
    keep it is an error (:attr:`PairContext.nearby_targets`); the segments farther than
    ``NAME_WINDOW`` away, and the other target language, do not count."""
    from pipeline.document import Article, Block, Segment, Translation
    from pipeline.qa.stage import NAME_WINDOW

    src = "Il segretario era felice che Glitter fosse stato fermato dal viaggiare in Francia."
    tgt = "The Home Secretary was glad that he had been stopped from travelling to France."

    def article(kept_at: int, lang: str) -> Article:
        art = Article(id="near", source_lang="it", target_langs=["en", "fr"])
        for n in range(NAME_WINDOW + 3):
            s, en, fr = f"Frase numero {n} del testo.", f"Sentence {n}.", f"Phrase {n}."
            if n == 0:
                s, en, fr = src, tgt, "Le ministre était content qu'il ait été arrêté."
            elif n == kept_at:
                s = "Glitter è stato arrestato."
                en, fr = (
                    ("Glitter was arrested.", "Il a été arrêté.")
                    if lang == "en"
                    else ("He was arrested.", "Glitter a été arrêté.")
                )
            seg = Segment(
                f"b{n}.s0",
                s,
                translations={"en": Translation(en, "mt"), "fr": Translation(fr, "mt")},
            )
            art.blocks.append(Block(f"b{n}", "paragraph", s, [seg]))
        return run_qa(art)

    def severities(art: Article) -> list[str]:
        seg = art.blocks[0].segments[0]
        return [f.severity for f in seg.findings if f.check == "named_entity" and f.lang == "en"]

    assert severities(article(2, "en")) == ["error"]
    assert severities(article(NAME_WINDOW, "en")) == ["error"]
    assert severities(article(NAME_WINDOW + 1, "en")) == ["warning"]  # too far
    assert severities(article(2, "fr")) == ["warning"]  # kept in French only


def test_the_length_checks_read_the_articles_own_norm_from_the_segments_around() -> None:
    """run_qa gives each pair the sources of its nearby translations
    (:attr:`PairContext.nearby_sources`), so a concise sentence of a concisely translated
    article is measured against that article: the same pair alone is an omission error."""
    from test_qa_checks import CONCISE_ARTICLE, CONCISE_SRC, CONCISE_TGT

    from pipeline.document import Article, Block, Segment, Translation

    def omissions(near: tuple[tuple[str, str], ...]) -> list[str]:
        art = Article(id="terse", source_lang="it", target_langs=["fr"])
        for n, (s, t) in enumerate(((CONCISE_SRC, CONCISE_TGT), *near)):
            seg = Segment(f"b{n}.s0", s, translations={"fr": Translation(t, "mt")})
            art.blocks.append(Block(f"b{n}", "paragraph", s, [seg]))
        run_qa(art)
        findings = art.blocks[0].segments[0].findings
        return [f.severity for f in findings if f.check == "omission"]

    assert omissions(()) == ["error"]
    assert omissions(CONCISE_ARTICLE) == []


def test_the_length_checks_read_the_segments_other_translations() -> None:
    """run_qa gives each pair the segment's translations into the other target languages
    (:attr:`PairContext.sibling_targets`): an English target as short as its French sibling
    is a wordy source's, not a cut; the French alone (no English yet) is an omission."""
    from test_qa_checks import FROZEN_EN, FROZEN_FR, FROZEN_SRC

    from pipeline.document import Article, Block, Segment, Translation

    def omissions(translations: dict[str, str]) -> dict[str, list[str]]:
        art = Article(id="frozen", source_lang="it", target_langs=["en", "fr"])
        seg = Segment(
            "b0.s0",
            FROZEN_SRC,
            translations={k: Translation(v, "mt") for k, v in translations.items()},
        )
        art.blocks.append(Block("b0", "paragraph", FROZEN_SRC, [seg]))
        run_qa(art)
        return {
            lang: [f.severity for f in seg.findings if f.check == "omission" and f.lang == lang]
            for lang in translations
        }

    assert omissions({"en": FROZEN_EN}) == {"en": ["error"]}
    assert omissions({"en": FROZEN_EN, "fr": FROZEN_FR}) == {"en": [], "fr": []}


def test_a_translators_target_is_not_measured_against_a_tiny_models_noise() -> None:
    """A tiny random model's translations (``Article.noise_langs``) say nothing of a real
    text's length: a translator's English is measured without the noise French beside it
    (the short English is an omission, as alone), while the noise French itself, and a
    French from a real model, still read each other."""
    from test_qa_checks import FROZEN_EN, FROZEN_FR, FROZEN_SRC

    from pipeline.document import Article, Block, Segment, Translation

    def omissions(en_origin: str, tiny: bool) -> list[str]:
        art = Article(id="frozen", source_lang="it", target_langs=["en", "fr"])
        if tiny:
            art.signatures = {"en": {"tiny": True}, "fr": {"tiny": True}}
        translations = {"en": Translation(FROZEN_EN, en_origin), "fr": Translation(FROZEN_FR, "mt")}
        seg = Segment("b0.s0", FROZEN_SRC, translations=translations)
        art.blocks.append(Block("b0", "paragraph", FROZEN_SRC, [seg]))
        run_qa(art)
        return [f.severity for f in seg.findings if f.check == "omission" and f.lang == "en"]

    assert omissions("human", tiny=True) == ["error"]  # the noise French is no excuse
    assert omissions("human", tiny=False) == []  # a real model's French is one
    assert omissions("mt", tiny=True) == []  # noise beside noise: read as before


def test_the_number_check_reads_the_other_translations_and_their_origin() -> None:
    """run_qa gives each pair the segment's other translations with their origin
    (:class:`~pipeline.qa.Sibling`): the source's 45 as 75 in a machine translation and in
    a translator's is the source's slip (a warning); as 75 in two machine translations of
    one model it is an error."""
    from test_qa_numbers import TRIP_EN, TRIP_FR, TRIP_IT

    from pipeline.document import Article, Block, Segment, Translation

    def severities(fr_origin: str) -> list[str]:
        art = Article(id="trip", source_lang="it", target_langs=["en", "fr"])
        seg = Segment(
            "b0.s0",
            TRIP_IT,
            translations={"en": Translation(TRIP_EN, "mt"), "fr": Translation(TRIP_FR, fr_origin)},
        )
        art.blocks.append(Block("b0", "paragraph", TRIP_IT, [seg]))
        run_qa(art)
        return [f.severity for f in seg.findings if f.check == "number" and f.lang == "en"]

    assert severities("human") == ["warning"]
    assert severities("mt") == ["error"]
