"""Values from the text listed in a QA finding's message: bounded and unambiguous."""

from __future__ import annotations

from pipeline.qa import check_pair
from pipeline.qa.listing import MAX_VALUES, listed, quoted


def test_repeated_values_are_listed_once_with_their_count() -> None:
    assert listed(["3"] * 200) == "3 (x200)"
    assert listed(["3", "5", "3"]) == "3 (x2); 5"


def test_the_separator_cannot_be_read_as_a_decimal_comma() -> None:
    """ ", " beside "3,5" read as three values (3, 5, 2025) or as 3,5 and 2025."""
    assert listed(["3,5", "2025"]) == "3,5; 2025"


def test_values_beyond_the_limit_are_counted_never_dropped_silently() -> None:
    text = listed([str(n) for n in range(40)])
    assert text.startswith("0; 1; 2; 3; 4; ")
    assert text.endswith(f"… and {40 - MAX_VALUES} more")


def test_a_long_value_is_cut_with_its_length_named() -> None:
    assert quoted("x" * 500).endswith("… (500 characters)") and len(quoted("x" * 500)) < 90
    assert listed(["9" * 300]).endswith("… (300 characters)")


def test_quoted_values_keep_their_separators_readable() -> None:
    assert listed(["the of", "de la ,"], quote=True) == "'the of'; 'de la ,'"


def _message(src: str, tgt: str, lang: str, check: str) -> str:
    [hit] = [f for f in check_pair(src, tgt, "it", lang) if f.check == check]
    return hit.message


def test_a_noisy_target_number_repeated_200_times_makes_a_short_number_message() -> None:
    """Was 646 characters ("became 3, 3, 3, ..."), repeated in the report, PO and XLIFF."""
    tgt = "Le déficit " + ", ".join(["3"] * 200) + "."
    message = _message("Il deficit scenderà al 3,5% nel 2025.", tgt, "fr", "number")
    assert message == "source number(s) 3,5; 2025 became 3 (x200) in the target"


def test_many_distinct_target_numbers_are_counted_not_listed() -> None:
    tgt = "Le déficit " + ", ".join(str(n) for n in range(1, 300)) + "."
    message = _message("Il deficit scenderà al 3,5% nel 2025.", tgt, "fr", "number")
    assert len(message) < 120 and message.endswith("… and 294 more in the target")


def test_many_names_dropped_are_listed_up_to_the_limit_and_counted() -> None:
    """Another check that lists text: the named_entity message grew with every lost name."""
    names = [
        "Mario Rossi",
        "Luigi Bianchi",
        "Anna Russo",
        "Marco Gallo",
        "Sara Costa",
        "Luca Fontana",
        "Piero Mancini",
    ]
    src = f"Hanno firmato la lettera {', '.join(names)} e altri cento deputati del Parlamento."
    tgt = "The letter was signed by a hundred other deputies of Parliament."
    message = _message(src, tgt, "en", "named_entity")
    assert message.startswith("name(s) Mario Rossi; Luigi Bianchi; ")
    assert "… and 2 more" in message and "Piero Mancini" not in message
