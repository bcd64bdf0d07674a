"""One number tokenizer: the localise rewriter and the QA checker read tokens the same way."""

from __future__ import annotations

import pytest

from pipeline.localise.numbers import rewrite_numbers
from pipeline.numtokens import tokenize
from pipeline.qa import check_pair


def _texts(s: str, lang: str) -> list[tuple[str, bool]]:
    return [(t.text, t.time) for t in tokenize(s, lang)]


def test_numbers_and_times_are_told_apart() -> None:
    s = "Alle 22,30 erano 10.000, alle 16 erano 3,5 milioni; le 9.15 e 15:30."
    assert _texts(s, "it") == [
        ("22,30", True),
        ("10.000", False),
        ("16", True),
        ("3,5", False),
        ("9.15", True),
        ("15:30", True),
    ]
    assert _texts("At 4pm and 15h30 there were 10,000.", "fr") == [
        ("4pm", True),
        ("15h30", True),
        ("10,000", False),
    ]


def test_identifiers_are_glued_and_list_markers_skipped() -> None:
    toks = tokenize("1. Vedi http://example.org/report/10.000 e A-4.", "it")
    assert [(t.text, t.glued) for t in toks] == [("10.000", True), ("4", True)]


@pytest.mark.parametrize(
    ("src", "mt", "lang"),
    [
        (
            "Oltre 10.000 soldati e 3,5 milioni di euro.",
            "Over 10.000 soldiers and 3,5 million euros.",
            "en",
        ),
        ("Oltre 10.000 soldati.", "Plus de 10.000 soldats.", "fr"),
    ],
)
def test_what_the_rewriter_fixes_qa_flagged_and_no_longer_flags(
    src: str, mt: str, lang: str
) -> None:
    before = {f.check for f in check_pair(src, mt, "it", lang)}
    fixed, edits = rewrite_numbers(src, mt, "it", lang)
    after = {f.check for f in check_pair(src, fixed, "it", lang)}
    assert edits and "number_format" in before
    assert not after & {"number", "number_format", "number_unmatched"}


def test_a_clock_time_is_neither_rewritten_nor_flagged() -> None:
    src, mt = "Ci vediamo alle 22,30 in piazza.", "See you at 22,30 in the square."
    assert rewrite_numbers(src, mt, "it", "en") == (mt, [])
    assert not {f.check for f in check_pair(src, mt, "it", "en")} & {"number", "number_format"}


def test_a_leading_minus_is_a_sign_not_glue() -> None:
    toks = tokenize("-0,5 % e (-1.250) ma A-4 e 2.500-3.000", "it")
    assert [(t.text, t.glued) for t in toks] == [
        ("0,5", False),
        ("1.250", False),
        ("4", True),
        ("2.500", False),
        ("3.000", False),  # a range: 2,500-3,000 in English
    ]


@pytest.mark.parametrize(
    ("src", "mt", "lang"),
    [
        ("Nel 2023 350 migranti sono arrivati.", "In 2023, 350 migrants arrived.", "en"),
        ("Nel 2009 100 aziende hanno chiuso.", "En 2009, 100 entreprises ont fermé.", "fr"),
    ],
)
def test_a_year_then_a_count_are_two_numbers_not_one_grouped_by_a_space(src, mt, lang):
    """A space groups digits only as a thousands separator can, after one to three of
    them: ``2023 350`` read as one number made the correct ``2023, 350`` a number error."""
    assert [t.text for t in tokenize(src, "it")] == src.split()[1:3]
    assert "number" not in {f.check for f in check_pair(src, mt, "it", lang)}
    # a real group still is one number, in either script of space
    assert [t.text for t in tokenize("Les 12 345 et 1\u202f234\u202f567,5 euros", "fr")] == [
        "12 345",
        "1\u202f234\u202f567,5",
    ]


def test_a_number_right_after_an_abbreviations_full_stop_is_a_number() -> None:
    """``art.18``, ``n.5``: written without a space, the number was no token (a full stop
    before digits read as a decimal point), so "Article 81" was only an unmatched target
    number (a warning), not a changed one."""
    assert [(t.text, t.glued) for t in tokenize("l'art.18 e il n.5,5 a pag.12.", "it")] == [
        ("18", False),
        ("5,5", False),
        ("12", False),
    ]
    src = "Lo prevede l'art.18 dello Statuto."
    assert not check_pair(src, "Article 18 of the Statute provides for it.", "it", "en")
    changed = check_pair(src, "Article 81 of the Statute provides for it.", "it", "en")
    assert [(f.check, f.severity) for f in changed] == [("number", "error")]
    # a decimal without its zero, and a file name's number, are still no such token
    assert [(t.text, t.glued) for t in tokenize("tasso .5 in foto.2024.jpg", "it")] == [
        ("2024", True)
    ]


@pytest.mark.parametrize(
    ("src", "number", "en", "fr"),
    [
        ("Costa 1'000'000 di franchi.", "1'000'000", "1,000,000", "1\u202f000\u202f000"),
        ("Sono 1\u2019250 franchi.", "1\u2019250", "1,250", "1\u202f250"),
        ("Affitto CHF 3'500.\u2013 al mese.", "3'500.\u2013", "3,500.00", "3\u202f500,00"),
        ("Affitto CHF 2'400.50 al mese.", "2'400.50", "2,400.50", "2\u202f400,50"),
    ],
)
def test_swiss_digits_grouped_by_apostrophes_are_one_number_in_each_targets_format(
    src: str, number: str, en: str, fr: str
) -> None:
    """Ticino's ``1'000'000`` was three numbers (``1``, ``000``, ``000``) to the localiser
    and QA, and stayed as written in English and French."""
    assert _texts(src, "it") == [(number, False)]
    for lang, want in (("en", en), ("fr", fr)):
        fixed, edits = rewrite_numbers(src, src, "it", lang)
        assert want in fixed and edits
        assert not {f.check for f in check_pair(src, fixed, "it", lang)} & {
            "number",
            "number_format",
            "number_unmatched",
        }


def test_an_elision_or_a_quote_before_digits_is_no_apostrophe_group() -> None:
    s = "Sale dell'1,5%, l'80 per cento, un po' di più, il '2024' e 5'10\"."
    assert _texts(s, "it") == [
        ("1,5", False),
        ("80", False),
        ("2024", False),
        ("5", False),
        ("10", False),
    ]


@pytest.mark.parametrize(
    ("text", "free"),
    [
        ("Tra 1.000-2.000 persone", ["1.000", "2.000"]),
        ("1.000,50-2.000,75 euro", ["1.000,50", "2.000,75"]),
        ("3,5-4,5 per cento", ["3,5", "4,5"]),
        ("da 10.000/20.000 spettatori", ["10.000", "20.000"]),
        ("1.000-1.500-2.000 voti", ["1.000", "1.500", "2.000"]),
        ("il 12-03-2024", []),  # a date: no range, and with its year written whole
        ("codice A4-2.000", []),
        ("in /a/1.000/2.000", []),
        ("tel. 06-1234-5678", []),  # three joined: one identifier, whole
        ("aperto 24/7", []),
        ("1.000-2.000-3", []),  # three, not all grouped: a code, written whole
        ("Prot. n. 12.345/2024", []),  # a number and its year: an identifier
        ("n. 1.000-2024", []),
        ("2,5x3,5 metri e 1.000×2.000 pixel", ["2,5", "3,5", "1.000", "2.000"]),  # sizes
        ("il modello 0x1F e 3x4", []),
    ],
)
def test_a_range_with_a_hyphen_or_slash_is_two_free_numbers(text, free) -> None:
    """Both ends of ``1.000-2.000`` are numbers to localise (was: the second glued)."""
    assert [t.text for t in tokenize(text, "it") if not t.glued and not t.time] == free


@pytest.mark.parametrize(
    ("text", "free"),
    [
        ("Lotto 1.000-2.000-3 venduto", []),  # three joined, not all grouped: a code, whole
        ("codice 1.000/2/3", []),
        ("Lotto 1.000-2.000-3.000", ["1.000", "2.000", "3.000"]),  # all grouped: numbers
        ("il 12-3-2024 a Roma", []),  # a date, no range
        ("il 12-3-24 a Roma", []),
        ("1,5x2,5x3 metri", ["1,5", "2,5", "3"]),  # a size: every side a number
        ("1,5x2x3 metri", ["1,5", "2", "3"]),
        ("Tra 1.000-2.000 persone", ["1.000", "2.000"]),  # a range of two stays one
    ],
)
def test_three_numbers_joined_are_one_code_or_every_one_free(text, free) -> None:
    """A run of three numbers joined by dashes or slashes, not all grouped, was half free:
    ``Lotto 1.000-2.000-3`` came out ``1,000-2.000-3`` in English. It is one identifier,
    every number glued (written as it is); a size's sides are all free (was: the first)."""
    assert [t.text for t in tokenize(text, "it") if not t.glued and not t.time] == free
