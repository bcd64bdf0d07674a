"""Language identification: function words first, lingua only where they do not settle it."""

from __future__ import annotations

import pytest

from pipeline.qa import check_pair, langid, run_qa
from tests.qa_fixtures import sample_article


@pytest.fixture
def no_lingua(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """lingua replaced by a recorder: the texts it was asked about (answered as German)."""
    asked: list[str] = []

    def confidences(text: str, extra=(), *, low_accuracy: bool = False) -> dict[str, float]:
        asked.append(text)
        return {lang: (1.0 if lang == "de" else 0.0) for lang in langid.candidates(extra)}

    monkeypatch.setattr(langid, "confidences", confidences)
    return asked


def test_counts_function_words_of_each_language() -> None:
    hits = langid.function_hits("The minister said that the talks will go on", ("en", "it"))
    assert hits["en"] >= 4 and hits["it"] == 0


@pytest.mark.parametrize(
    ("hits", "ties", "settled"),
    [
        ({"en": 3, "it": 1, "fr": 0}, True, True),
        ({"en": 2, "it": 2}, True, True),
        ({"en": 2, "it": 2}, False, False),  # a tie settles nothing when ties do not count
        ({"en": 1, "fr": 3}, True, False),
        ({"en": 0, "fr": 0}, True, False),  # no function word at all: lingua decides
    ],
)
def test_words_settle_only_when_the_expected_language_leads(
    hits: dict[str, int], ties: bool, settled: bool
) -> None:
    assert langid.words_settle(hits, "en", ties=ties) is settled


def test_a_target_full_of_its_own_function_words_never_asks_lingua(no_lingua) -> None:
    src = "Il ministro ha detto che i negoziati andranno avanti anche la prossima settimana."
    tgt = "The minister said that the negotiations will go on next week as well."
    found = {f.check for f in check_pair(src, tgt, "it", "en")}
    assert not no_lingua
    assert not found & {"wrong_language", "untranslated"}


def test_a_target_without_its_function_words_is_still_judged_by_lingua(no_lingua) -> None:
    src = "Il ministro ha detto che i negoziati andranno avanti anche la prossima settimana."
    tgt = "Der Minister sagte, die Verhandlungen gehen auch nächste Woche weiter."
    found = {f.check for f in check_pair(src, tgt, "it", "en")}
    assert no_lingua  # asked, and its (recorded) answer convicts the target
    assert "wrong_language" in found


def test_source_lines_of_the_article_language_never_ask_lingua(no_lingua) -> None:
    run_qa(sample_article())
    assert not no_lingua


def test_italian_line_that_lingua_misreads_as_french_is_not_flagged() -> None:
    """newstest2009.it line 1886: Hungarian proper names make lingua say French (1.0)."""
    article = sample_article()
    para = article.blocks[6].segments[0]
    para.source = (
        "Inoltre per difetti formali - causa formato fattura non conforme, timbro falso - è stato "
        "scoperto che le fatture emesse a favore di Együtt a Harmadik Évezredért Alapítvány, di "
        "XXI. Századi Kulturális Egyesület e Biztos Pont sono false."
    )
    run_qa(article)
    assert not any(f.check == "source_language" for f in para.findings)


def test_source_lines_that_function_words_leave_open_ask_the_trigram_models_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An unsettled source line loads lingua's low-accuracy models, never the full ones."""
    built: list[bool] = []
    original = langid._detector.__wrapped__

    def detector(codes: tuple[str, ...], low_accuracy: bool = False):
        built.append(low_accuracy)
        return original(codes, low_accuracy)

    monkeypatch.setattr(langid, "_detector", detector)
    article = sample_article()
    para = article.blocks[6].segments[0]
    para.source = "Quindi forse arriveranno tempi migliori."  # no function word of any language
    run_qa(article)
    assert built and all(built)
    assert not any(f.check == "source_language" for f in para.findings)


@pytest.mark.parametrize("tag", ["fr-CA", "fr_CA", "FR"])
def test_a_regional_target_tag_is_identified_as_its_language(tag: str) -> None:
    """fr-CA text reads as fr: no crash, no wrong_language; English text under fr-CA still is."""
    from pipeline.qa import check_pair

    src = "Il ministro ha detto che i colloqui continueranno la settimana prossima."
    french = "Le ministre a dit que les entretiens continueraient la semaine prochaine."
    english = "The minister said that the talks would continue next week."
    ids = lambda tgt: {f.check for f in check_pair(src, tgt, "it", tag)}  # noqa: E731
    assert not ids(french) & {"wrong_language", "untranslated"}
    assert "wrong_language" in ids(english)
