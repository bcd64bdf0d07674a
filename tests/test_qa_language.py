"""Language of the target, misalignment, omission cues and per-finding severity (news lines)."""

from __future__ import annotations

import pytest

from pipeline.qa import PairContext, check_pair
from pipeline.qa.registry import Hit, effective


def _ids(src: str, tgt: str, lang: str, context: PairContext | None = None) -> set[str]:
    return {f.check for f in check_pair(src, tgt, "it", lang, context=context)}


WRONG = [
    # short headlines and replies: function words decide where lingua hesitates
    ("Charest punta al Nord", "Charest mise sur le Nord", "en"),
    ("Sylvana e i secreti della Bento-Box", "Sylvana et les secrets de la boite à Bento", "en"),
    ("È vero.", "C'est vrai.", "en"),
    ("Sì e no.", "Yes and no.", "fr"),
    ("Rassegna stampa del mondo di lingua tedesca", "News From The German Papers", "fr"),
]


@pytest.mark.parametrize(("src", "tgt", "lang"), WRONG)
def test_short_text_in_another_language_is_flagged(src: str, tgt: str, lang: str) -> None:
    assert "wrong_language" in _ids(src, tgt, lang)


RIGHT = [
    ("Le speranze di Düsseldorf puntano su Francoforte", "Duesseldorf Hopes Rest in Frankfurt"),
    (
        '"Sono così felice," ha detto Gebrselassie ai reporter.',
        '"I\'m so happy," Gebrselassie told reporters.',
    ),
    (
        'Con la pubblicazione del "Diario de un poeta recién casado" si chiude anche il Triennio',
        'The publication "Diario de un poeta recién casado" closes the 3 Years Anniversary\'s '
        "celebration",
    ),
]


@pytest.mark.parametrize(("src", "tgt"), RIGHT)
def test_names_and_quoted_titles_do_not_change_the_language(src: str, tgt: str) -> None:
    assert not _ids(src, tgt, "en") & {"wrong_language", "untranslated"}


PREV = "Non ha nemmeno pronunciato le parole classe media o lavoratori."
OWN = "Il ministro degli Esteri ha incontrato ieri a Washington il segretario di Stato americano."
NEXT = (
    "La crisi finanziaria va a favore di Obama, considerato dagli Americani come la persona più "
    "adatta a salvare l'economia."
)
NEXT_EN = (
    "The financial crisis clearly gives an advantage to Obama, who is considered by Americans as "
    "the most likely to save the economy."
)


def test_misalignment_found_by_trigrams_and_names() -> None:
    ctx = PairContext(prev_sources=(PREV,), next_sources=(NEXT,))
    assert "misalignment" in _ids(OWN, NEXT_EN, "en", ctx)
    own_en = "The Foreign Minister met the American Secretary of State in Washington yesterday."
    assert "misalignment" not in _ids(OWN, own_en, "en", ctx)


def test_moderately_short_target_without_the_content_words_is_an_omission_warning() -> None:
    src = (
        "Il corso delle azioni della grande banca tedesca Hypo Real Estate cade a picco e lacera "
        "l'indice della borsa tedesca verso il basso"
    )
    # the name is kept: without it, the target is short even for the rest of the source
    # and surely lost the name, an error (tests/test_qa_checks.py)
    cut = (
        "Le cours de l'action de la banque Hypo Real Estate s'effondre et tire le Dax vers le fond."
    )
    found = {f.check: f.severity for f in check_pair(src, cut, "it", "fr")}
    assert found.get("omission") == "warning"
    dropped = (
        "Le cours de l'action de la grande banque allemande s'effondre et tire le Dax vers le fond."
    )
    assert {f.check: f.severity for f in check_pair(src, dropped, "it", "fr")}[
        "omission"
    ] == "error"


def test_a_hit_may_lower_but_never_raise_the_configured_severity() -> None:
    assert effective("error", Hit("m", None, "warning")) == "warning"
    assert effective("info", Hit("m", None, "warning")) == "info"
    assert effective("error", Hit("m")) == "error"


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        ("La Juventus ha perso 2 a 0.", "Juventus lost 2-0.", "en"),
        ("Il presidente Mattarella visita Napoli.", "Mattarella visits Napoli.", "en"),
        ("La Fiorentina ha esonerato Palladino.", "Fiorentina sack Palladino.", "en"),
        ("Oggi il presidente Mattarella parla.", "Mattarella prend la parole.", "fr"),
    ],
)
def test_a_name_from_the_source_opening_a_short_target_is_no_source_language(
    src: str, tgt: str, lang: str
) -> None:
    """The capital of the first word proves nothing, so a name that opens the target was
    kept for language identification: with one other word, "Juventus lost" read as Italian,
    an ``untranslated`` error blocking a correct translation. A word the source has
    capitalised mid-sentence is a name there: it carries no language."""
    assert not {"untranslated", "wrong_language"} & _ids(src, tgt, lang)


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("Il presidente Mattarella visita Napoli oggi.", "Mattarella visita Napoli oggi."),
        ("Ieri la Juventus ha perso la partita.", "Juventus ha perso la partita."),
    ],
)
def test_a_target_left_in_italian_after_a_source_name_is_still_untranslated(
    src: str, tgt: str
) -> None:
    """The other side: the words after the name still read as the source language."""
    assert "untranslated" in _ids(src, tgt, "en")


def _severity(src: str, tgt: str, lang: str, check: str) -> list[str]:
    return [f.severity for f in check_pair(src, tgt, "it", lang) if f.check == check]


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("L'HSV batte il Gladbach per 1 a 0", "Hamburg SV 1, Borussia Moenchengladbach 0"),
        ("Il Bayern batte lo Schalke per 3 a 1", "Bayern München 3, Schalke 04 Gelsenkirchen 1"),
    ],
)
def test_a_line_of_names_only_reads_as_no_language_for_certain(src: str, tgt: str) -> None:
    """A results line of club names has no word but names: lingua reads the names
    (German clubs as German), so its verdict is a warning, never a publication error."""
    assert "error" not in _severity(src, tgt, "en", "wrong_language")


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        # a title-cased headline: its function words (From, The) are words, not names
        ("Rassegna stampa del mondo di lingua tedesca", "News From The German Papers", "fr"),
        ("L'HSV batte il Gladbach per 1 a 0", "Le Hambourg SV bat Gladbach 1 à 0", "en"),
    ],
)
def test_a_line_with_words_beside_its_names_is_still_an_error(
    src: str, tgt: str, lang: str
) -> None:
    assert _severity(src, tgt, lang, "wrong_language") == ["error"]
