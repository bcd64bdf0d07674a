"""Round 33's recall rules at error severity (bench/qa/__main__.py NOTES): each must fire on
the corruption it was made for and on a second input of the same kind, and must not fire on
the correct translation beside it. Each test also runs with its rule switched off, so it
fails if the rule stops deciding (not only if some other rule happens to fire)."""

from __future__ import annotations

import pytest

from pipeline.qa import PairContext, check_pair, text
from pipeline.qa.checks import alignment


def errors(src: str, tgt: str, lang: str, context: PairContext | None = None) -> set[str]:
    """The checks that report an error on one it->``lang`` pair."""
    fs = check_pair(src, tgt, "it", lang, context=context)
    return {f.check for f in fs if f.severity == "error"}


# --- a target number one digit off a source number the target also keeps ---------------

_MARKET_SRC = (
    "Non sarà messo sul mercato nei primi mesi del 2009, ma probabilmente alla fine "
    "dell'anno, se non addirittura nel 2010."
)


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        # newstest2009 it-fr 1356: one of two 2009s became 2079
        (
            _MARKET_SRC,
            "Elle ne sortira pas au début de 2079 mais vers la fin 2009 ou voir en 2010.",
            "fr",
        ),
        # second input: an amount said twice, the second mention changed
        (
            "Il biglietto costa 145 euro.",
            "The ticket costs 145 euros; yes, 175 euros.",
            "en",
        ),
    ],
)
def test_a_number_one_digit_off_a_kept_source_number_is_an_error(
    src: str, tgt: str, lang: str
) -> None:
    assert "number" in errors(src, tgt, lang)


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        (
            _MARKET_SRC,
            "Elle ne sortira pas au début de 2009 mais vers la fin 2009 ou en 2010.",
            "fr",
        ),
        # a year before a source year (its last digit differs): a translator's addition
        ("I conti del 2009 sono migliori.", "The 2009 accounts are better than in 2008.", "en"),
        # newstest2009 it-en 2114: "12 months" added for "the past year"
        (
            "In totale nell'industria della lavorazione nell'anno trascorso i prezzi sono "
            "saliti del 10,2%.",
            "Prices in the whole manufacturing industry increased by 10.2 percent during the "
            "last 12 months.",
            "en",
        ),
        # two digits: too short to tell a slip from another number
        ("Ha 25 anni.", "She is 25 (some say 35).", "en"),
    ],
)
def test_other_target_only_numbers_are_no_changed_value(src: str, tgt: str, lang: str) -> None:
    assert "number" not in errors(src, tgt, lang)


# --- a target whose numbers are a neighbour's and not its own source's --------------------

_OZD_SRC = (
    "Il sospettato non voleva saldare il debito, per questo motivo mercoledì scorso ha "
    "attirato con un inganno il suo creditore in un cantiere di Ózd dove ha ucciso lui e la "
    "figlia di 9 anni."
)
_OZD_PREV = (
    "Dall'indagine è risultato che il giovane ventitreenne aveva un grosso debito con un uomo "
    "di 53 anni."
)
_OZD_NEXT = (
    "Secondo le informazioni dell'MTI il giovane si era preparato a commettere il delitto, un "
    "segnale è il fatto che ha commesso l'omicidio con un'arma nascosta sul posto."
)
# the previous segment's reference, given as this segment's translation (newstest2009 it-en 2013)
_OZD_TGT = (
    "During the investigation, it turned out that the 23-year-old young man owed significant "
    "amount of money to a 53-year-old man."
)


def test_a_target_with_a_neighbours_numbers_only_is_misaligned(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx = PairContext(prev_sources=(_OZD_PREV,), next_sources=(_OZD_NEXT,))
    assert "misalignment" in errors(_OZD_SRC, _OZD_TGT, "en", ctx)
    monkeypatch.setattr(alignment, "_numbers_point_to", lambda p, other: False)
    assert "misalignment" not in errors(_OZD_SRC, _OZD_TGT, "en", ctx)


def test_numbers_of_a_neighbour_do_not_misalign_a_target_that_keeps_its_own() -> None:
    # the own source says 53 too: the number points both ways, so it decides nothing
    src = _OZD_SRC.replace("9 anni", "53 anni")
    ctx = PairContext(prev_sources=(_OZD_PREV,), next_sources=(_OZD_NEXT,))
    assert "misalignment" not in errors(src, _OZD_TGT.replace("23-year-old ", ""), "en", ctx)
    # no neighbour holds the target's numbers: no misalignment
    ctx = PairContext(prev_sources=(_OZD_NEXT,))
    assert "misalignment" not in errors(_OZD_SRC, _OZD_TGT, "en", ctx)


def test_numbers_point_to_the_neighbour_that_has_them_only() -> None:
    from pipeline.qa.pair import Pair

    p = Pair(_OZD_SRC, _OZD_TGT, "it", "en")
    assert alignment._numbers_point_to(p, _OZD_PREV)
    assert not alignment._numbers_point_to(p, _OZD_NEXT)
    # second input: a price that only the next source states
    own = Pair("Il sindaco ha parlato a lungo.", "The works cost 4.5 million euros.", "it", "en")
    assert alignment._numbers_point_to(own, "I lavori sono costati 4,5 milioni di euro.")
    assert not alignment._numbers_point_to(own, "I lavori sono costati molto.")


# --- a quotation copied verbatim from the source carries no language ------------------------

_DIARIO_SRC = (
    'Con la pubblicazione del "Diario de un poeta recién casado" si chiude anche il Triennio'
)


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # newstest2009 it-fr 1270: the English reference given for French
        (
            _DIARIO_SRC,
            'The publication "Diario de un poeta recién casado" closes the 3 Years '
            "Anniversary's celebration",
        ),
        # second input: a Spanish title in a German target expected in French
        (
            'Il pubblico ha applaudito "La casa de los espíritus" per dieci minuti.',
            'Das Publikum hat "La casa de los espíritus" zehn Minuten lang beklatscht.',
        ),
    ],
)
def test_a_wrong_language_target_is_read_without_the_title_it_copies(
    src: str, tgt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "wrong_language" in errors(src, tgt, "fr")
    monkeypatch.setattr(text, "without_kept_quotes", lambda src, tgt: tgt)
    assert "wrong_language" not in errors(src, tgt, "fr")


@pytest.mark.parametrize(
    "tgt",
    [
        'La publication du "Diario de un poeta recién casado" clôt aussi l\'année triennale',
        # the whole target one copied quotation: read as it is (nothing else to read)
        '"Diario de un poeta recién casado"',
    ],
)
def test_a_french_target_keeping_a_spanish_title_is_french(tgt: str) -> None:
    assert not errors(_DIARIO_SRC, tgt, "fr") & {"wrong_language", "untranslated"}


def test_only_quotations_the_source_has_word_for_word_are_set_aside() -> None:
    src = 'Ha detto "non lo so" e se n\'è andato.'
    assert text.without_kept_quotes(src, 'He said "non lo so" and left.') == "He said  and left."
    # rendered, or one word: kept
    assert text.without_kept_quotes(src, 'He said "I do not know" and left.') == (
        'He said "I do not know" and left.'
    )
    assert text.without_kept_quotes('Il giornale "Edge"', 'The magazine "Edge"') == (
        'The magazine "Edge"'
    )


def test_the_misses_listing_counts_a_warning_of_the_kind_as_missed() -> None:
    from bench.qa.corrupt import Item
    from bench.qa.misses import missed
    from pipeline.document import Finding

    item = Item("it-en:1", "a", "b", "it", "en", label="quote_bracket")
    warn = Finding(lang="en", check="quote_bracket", severity="warning", message="unpaired")
    other = Finding(lang="en", check="number", severity="error", message="changed")
    assert missed(item, [warn, other])
    assert not missed(
        item, [Finding(lang="en", check="quote_bracket", severity="error", message="x")]
    )
