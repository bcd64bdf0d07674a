"""Numbers per locale (Babel): values, formats, times; the number and number_format checks."""

from __future__ import annotations

import pytest

from pipeline.qa import check_pair
from pipeline.qa.numparse import extract
from pipeline.qa.numwords import word_values


def _vals(text: str, lang: str) -> list[set[str]]:
    return [set(n.values) for n in extract(text, lang)]


@pytest.mark.parametrize(
    ("a", "la", "b", "lb"),
    [
        ("oltre 10.000 soldati", "it", "more than 10,000 soldiers", "en"),
        ("oltre 10.000 soldati", "it", "plus de 10\u202f000 soldats", "fr"),
        ("oltre 10.000 soldati", "it", "plus de 10\u00a0000 soldats", "fr"),
        ("oltre 10.000 soldati", "it", "plus de 10 000 soldats", "fr"),
        ("il 3,5%", "it", "3.5 percent", "en"),
        ("il 3,5%", "it", "3,5 %", "fr"),
        ("alle 16.30", "it", "at 4.30pm", "en"),
        ("alle 16.30", "it", "vers 16h30", "fr"),
    ],
)
def test_same_value_in_each_locale(a: str, la: str, b: str, lb: str) -> None:
    (va,), (vb,) = _vals(a, la), _vals(b, lb)
    assert va & vb


def test_the_same_digits_mean_different_values_per_locale() -> None:
    assert _vals("10.000", "it") != _vals("10.000", "en")
    assert _vals("3,5", "it") != _vals("3,5", "en")


def test_number_words_and_scales_are_soft_values() -> None:
    assert "n:12" in word_values("quasi dodici bilioni di corone", "it")
    assert "n:22" in word_values("a twenty-two-year-old stewardess", "en")
    assert {"n:700", "n:700000000000"} <= _vals("700 milliards de dollars", "fr")[0]


def test_list_marker_is_not_a_number() -> None:
    assert extract("1.\tNotti insonni per i creditori", "it") == []


def _ids(src: str, tgt: str, tgt_lang: str) -> set[str]:
    return {f.check for f in check_pair(src, tgt, "it", tgt_lang)}


# Real lines from newstest2009 (it source, en/fr references), correct as they are.
CLEAN = [
    (
        "L'indice Hang Seng della Borsa di Hong Kong durante la giornata ha cancellato quasi il "
        "4%, ma in "
        "seguito anche una parte delle perdite stabilizzandosi al 2,5%.",
        "The Hang Seng Index of the Hong Kong Stock Exchange wrote off nearly four percent during "
        "the day, "
        "but later it erased a part of the losses and reduced the decrease to roughly 2.5 percent.",
        "en",
    ),
    (
        "Il Parlamento americano Lunedì ha rifiutato il piano di sostegno del sistema finanziario, "
        "per il "
        "quale dovevano essere stanziati 700 miliardi di dollari (quasi dodici bilioni di corone "
        "ceche).",
        "On Monday the American House of Representatives rejected the plan to support the "
        "financial system, "
        "into which up to 700 billion dollars (nearly 12 billion Czech crowns) was to be invested.",
        "en",
    ),
    (
        "Secondo la capacità (max. 2 GB) non dovete spendere più di 1 100 corone.",
        "Based on capacity (maximum 2 GB) you don't have to spend more than 1,100 crowns.",
        "en",
    ),
    (
        "Secondo la capacità (max. 2 GB) non dovete spendere più di 1 100 corone.",
        "En fonction de la capacité (max. 2 GB), vous ne devez pas dépenser plus de 1 100 "
        "couronnes.",
        "fr",
    ),
    (
        "Gli impiegati aspettano ancora in fila per il loro bagel mattutino ai carretti del cibo "
        "sui "
        "marciapiedi, ed è ancora impossibile prendere un taxi giallo tra le 16 e le 19 di un "
        "giorno lavorativo.",
        "Office workers still wait in line for their morning bagel at pavement food carts, and it "
        "is still "
        "impossible to get a yellow cab between 4pm and 7pm on a weekday.",
        "en",
    ),
    (
        "Stati Uniti e Corea del Sud denunciano l'invio di oltre 10.000 soldati nordcoreani in "
        "Russia.",
        "Les États-Unis et la Corée du Sud dénoncent l'envoi de plus de 10 000 soldats "
        "nord-coréens en Russie.",
        "fr",
    ),
]


@pytest.mark.parametrize(("src", "tgt", "lang"), CLEAN)
def test_correct_numbers_are_not_flagged(src: str, tgt: str, lang: str) -> None:
    assert not _ids(src, tgt, lang) & {"number", "number_format"}


@pytest.mark.parametrize(
    ("src", "tgt", "lang", "expected"),
    [
        # a changed value
        (CLEAN[1][0], CLEAN[1][1].replace("700", "750"), "en", "number"),
        # a dropped number: one side only, a hint (number_unmatched), not a changed value
        (
            "L'indice Dow Jones si è abbassato di quasi il 7% e un crollo di simili dimensioni si "
            "è "
            "osservato l'ultima volta nel 1987.",
            "The Dow Jones Index dropped by nearly seven percent, having registered a "
            "similarly-ranged "
            "fall the last time.",
            "en",
            "number_unmatched",
        ),
        # the Italian format left in English: 10.000 reads as ten
        (
            CLEAN[5][0],
            "The United States and South Korea denounce the sending of more than 10.000 "
            "North Korean soldiers to Russia.",
            "en",
            "number_format",
        ),
        (CLEAN[0][0], CLEAN[0][1].replace("2.5", "2,5"), "en", "number_format"),
        (CLEAN[5][0], CLEAN[5][1].replace("10 000", "10.000"), "fr", "number_format"),
    ],
)
def test_wrong_numbers_are_flagged(src: str, tgt: str, lang: str, expected: str) -> None:
    assert expected in _ids(src, tgt, lang)


def test_format_error_is_not_also_a_changed_number() -> None:
    ids = _ids(CLEAN[5][0], CLEAN[5][1].replace("10 000", "10.000"), "fr")
    assert "number" not in ids


@pytest.mark.parametrize(
    ("src", "tgt", "lang", "flagged"),
    [
        # a clock time copied from the source is a time notation, not a number format
        (
            "È stata rinchiusa nella prigione locale intorno alle 19.00.",
            "Elle a été incarcérée vers 19.00 heures.",
            "fr",
            False,
        ),
        # a quantity in the Italian format still is
        (
            "Offre un premio di 300.000 euro.",
            "It offers a prize of 300.000 euros.",
            "en",
            True,
        ),
    ],
)
def test_copied_clock_time_is_no_format_error(src: str, tgt: str, lang: str, flagged: bool) -> None:
    assert ("number_format" in _ids(src, tgt, lang)) is flagged


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        ("Costa 1.111,11 euro.", "It costs 11,11.11 euros.", "en"),
        ("Costa 1.111,11 euro.", "Il coûte 11,11.11 euros.", "fr"),
        ("Costa 1.111,11 euro.", "It costs 1.111.11 euros.", "en"),
        ("Sono 2.500 persone.", "There are 2,50,0 people.", "en"),
    ],
)
def test_a_number_no_locale_writes_is_an_error(src: str, tgt: str, lang: str) -> None:
    found = [f for f in check_pair(src, tgt, "it", lang) if f.check == "number_garbled"]
    assert [f.severity for f in found] == ["error"]
    start, end = found[0].span
    assert tgt[start:end] in tgt and tgt[start].isdigit()


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        ("Costa 1.111,11 euro.", "It costs 1,111.11 euros.", "en"),
        ("Costa 1.111,11 euro.", "Il coûte 1\u202f111,11 euros.", "fr"),
        ("La versione 1.2.3 è uscita.", "Version 1.2.3 is out.", "en"),  # copied from the source
        ("Alle 22,30 in punto.", "At 22,30 sharp.", "en"),  # a clock time
        ("Costa 10.000 euro.", "Il coûte 10.000 euros.", "fr"),  # the it format: number_format
    ],
)
def test_numbers_some_locale_writes_are_not_garbled(src: str, tgt: str, lang: str) -> None:
    assert "number_garbled" not in {f.check for f in check_pair(src, tgt, "it", lang)}


@pytest.mark.parametrize(
    ("src", "tgt", "severity"),
    [
        ("Il Pil è cresciuto del 3,5% nel 2008.", "GDP grew in 2008.", "error"),
        ("Costa 20 milioni di euro.", "It costs a fortune.", "error"),
        ("Ha pagato € 40 per il biglietto.", "He paid for the ticket.", "error"),
        ("Nel 1999 era già in carcere.", "He was already in prison.", "warning"),
        ("Sono arrivati alle 6,30.", "They arrived early in the morning.", "warning"),
    ],
)
def test_a_dropped_amount_is_an_error_other_dropped_numbers_a_warning(
    src: str, tgt: str, severity: str
) -> None:
    found = [f for f in check_pair(src, tgt, "it", "en") if f.check == "number_unmatched"]
    assert [f.severity for f in found] == [severity]


def test_a_dropped_amount_finding_names_the_other_dropped_numbers_too() -> None:
    src = "Oltre 10.000 soldati, per un costo di 1.250.000,50 euro al 3,5% di interesse."
    found = [
        f
        for f in check_pair(src, "Many soldiers, at a cost of euros.", "it", "en")
        if f.check == "number_unmatched"
    ]
    assert [f.severity for f in found] == ["error"]
    assert "1.250.000,50" in found[0].message and "3,5" in found[0].message
    assert "number(s) 10.000" in found[0].message  # was left out beside the amounts


def _checks(src: str, tgt: str, lang: str) -> set[str]:
    return {f.check for f in check_pair(src, tgt, "it", lang)}


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        (
            "Il gruppo arriva alle 6,30 al parcheggio.",
            "The group arrives at half past six at the parking lot.",
            "en",
        ),
        ("Stasera alle 22,30 ci incontriamo qui.", "Ce soir à dix heures et demie, ici.", "fr"),
        ("Per l'1 a zero devono ringraziare Petric.", "For the 1-0 they must thank Petric.", "en"),
    ],
)
def test_a_spelled_clock_time_or_zero_is_no_unmatched_number(src: str, tgt: str, lang: str) -> None:
    assert not _checks(src, tgt, lang) & {"number", "number_unmatched"}


@pytest.mark.parametrize(
    ("src", "tgt", "lang", "check"),
    [
        # another hour spelled out is still a dropped time
        ("Il gruppo arriva alle 6,30.", "The group arrives at half past seven.", "en", None),
        # a race time is not a clock time: "terzo" spells no hour of it
        ("Kamathi è arrivato terzo in 2:07:48.", "Kamathi took third in 3:07:48.", "en", "number"),
    ],
)
def test_a_spelled_hour_excuses_only_its_own_time(
    src: str, tgt: str, lang: str, check: str | None
) -> None:
    found = _checks(src, tgt, lang)
    assert (check or "number_unmatched") in found


def test_a_number_copied_in_the_source_format_is_read_not_lost() -> None:
    # fr has no reading of "18.286,90" at all; it is the Italian format, not a dropped number
    src = "L'indice di Hang-Seng è scivolato del 2,1 % su 18.286,90 punti."
    copied = _checks(src, "L'indice Hang-Seng a dérapé de 2,1 pour cent à 18.286,90 points.", "fr")
    assert "number_format" in copied
    assert not copied & {"number", "number_unmatched"}
    changed = _checks(src, "L'indice Hang-Seng a dérapé de 2,1 pour cent à 18.286,99 points.", "fr")
    assert "number" in changed


def test_a_source_slip_with_one_symbol_for_groups_and_decimals_reads_as_its_digits() -> None:
    # "12.595.75" in the Italian source: no locale writes it; the reference got it right
    src = "In India l'indice Sensex ha perso 506,43 punti e ha chiuso con 12.595.75 punti."
    right = "In India, the Sensex lost 506.43 points and closed at 12,595.75 points."
    changed = "In India, the Sensex lost 506.43 points and closed at 12,585.75 points."
    assert not [f for f in check_pair(src, right, "it", "en") if f.severity == "error"]
    assert "number" in {f.check for f in check_pair(src, changed, "it", "en")}


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        # a version inside a URL: Italian reads 3.0.0 as 300, English reads no number there
        (
            "È scaricabile all'indirizzo http://it.openoffice.org/download/3.0.0/ da venerdì.",
            "It can be downloaded at http://it.openoffice.org/download/3.0.0/ since Friday.",
            "en",
        ),
        # digits glued to a word by a typo, or to a name by a dot
        ("Viene in chiesa qui dal 1993.", "Elle fréquente notre église depuis1993.", "fr"),
        ("Esce OpenOffice.org 3.0 oggi.", "OpenOffice.org.3.0 sort aujourd'hui.", "fr"),
    ],
)
def test_a_number_copied_where_the_other_side_reads_none_is_not_unmatched(
    src: str, tgt: str, lang: str
) -> None:
    assert not _checks(src, tgt, lang) & {"number", "number_unmatched"}


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        # the digits are in the target only inside another number
        ("Sono arrivati 1993 visitatori.", "Some 21993 visitors came.", "en"),
        ("Lo sconto è di 45 euro.", "The discount is 0.45 euros.", "en"),
        # the glued digits differ
        ("Viene in chiesa qui dal 1993.", "Elle fréquente notre église depuis1994.", "fr"),
        # the digits glued into a name both sides have: the number itself is lost
        ("Il G8 ha stanziato 8 miliardi.", "The G8 allocated billions.", "en"),
        ("Sulla A4 ci sono 4 feriti.", "There are injured people on the A4.", "en"),
    ],
)
def test_digits_elsewhere_in_the_other_side_do_not_excuse_a_number(
    src: str, tgt: str, lang: str
) -> None:
    assert _checks(src, tgt, lang) & {"number", "number_unmatched"}


def test_a_number_in_another_locales_format_stands_for_its_source_number() -> None:
    # fr "8.25" follows the en format: the source's 8,25 is there, badly written, not lost
    src = "Il boccale costa 8,25 Euro, urla Marco."
    found = {
        (f.check, f.severity)
        for f in check_pair(src, "La chope, crie Marco, coûte 8.25 euros.", "it", "fr")
    }
    assert found == {("number_format", "warning")}
    # another value in that format, or no number at all, is still a changed or lost amount
    assert "number" in _checks(src, "La chope, crie Marco, coûte 8.35 euros.", "fr")
    assert "number_unmatched" in _checks(src, "La chope coûte cher, crie Marco.", "fr")


@pytest.mark.parametrize(
    ("tgt", "lang", "severity", "says"),
    [
        ("Ce sont 300.000 personnes.", "fr", "info", "fr_LU"),  # grouping: a regional style
        ("Ce sont 1.234.567 personnes.", "fr", "info", "1\u202f234\u202f567"),  # the fr form
        ("Ce sont 300,000 personnes.", "fr", "error", "en number format"),  # fr reads 300
        ("There are 300.000 people.", "en", "error", "it number format"),  # en reads 300
    ],
)
def test_a_grouping_some_region_of_the_language_uses_is_a_style_note(
    tgt: str, lang: str, severity: str, says: str
) -> None:
    digits = "1.234.567" if "567" in tgt else "300.000"
    found = [f for f in check_pair(f"Sono {digits} persone.", tgt, "it", lang)]
    assert [(f.check, f.severity) for f in found] == [("number_format", severity)]
    assert says in found[0].message


def test_a_decimal_point_no_region_of_the_language_uses_stays_a_warning() -> None:
    """fr_RW writes 8.25, but it marks decimals otherwise than fr: not a grouping style."""
    found = check_pair("Costa 8,25 euro.", "Il coûte 8.25 euros.", "it", "fr")
    assert [(f.check, f.severity) for f in found] == [("number_format", "warning")]


@pytest.mark.parametrize(
    ("tgt", "lang", "found"),
    [
        ("The government allocates 20 billion for schools.", "en", {("number", "error")}),
        ("Le gouvernement alloue 20 milliards aux écoles.", "fr", {("number", "error")}),
        ("The government allocates 20 for schools.", "en", {("number", "warning")}),
        ("The government allocates 20 million for schools.", "en", set()),
        ("The government allocates 20 per million for schools.", "en", {("number", "warning")}),
        ("The government allocates 20,000,000 for schools.", "en", set()),
        ("The government allocates EUR 20m for schools.", "en", set()),
        ("Le gouvernement alloue 20 millions aux écoles.", "fr", set()),
    ],
)
def test_a_changed_or_lost_scale_word_is_a_changed_amount(
    tgt: str, lang: str, found: set[tuple[str, str]]
) -> None:
    """20 milioni also pairs by its bare 20, so 20 billion passed (a thousandfold change)."""
    src = "Il governo stanzia 20 milioni per le scuole."
    assert {(f.check, f.severity) for f in check_pair(src, tgt, "it", lang)} == found


def test_a_scale_word_on_a_number_read_two_ways_is_the_same_amount() -> None:
    """'2.6 milioni' (a dot in Italian) is 2.6 million too: no scale change."""
    src = "La società ha perso 2.6 milioni di clienti."
    assert not _checks(src, "The company lost 2.6 million customers.", "en") & {"number"}


@pytest.mark.parametrize(
    ("tgt", "found"),
    [
        ("A 700-billion-dollar plan.", set()),  # the scale word opens a compound
        ("A 700 billion-dollar plan.", set()),
        ("A 700-million-dollar plan.", {("number", "error")}),
    ],
)
def test_a_scale_word_hyphenated_into_a_compound_is_read(
    tgt: str, found: set[tuple[str, str]]
) -> None:
    src = "Un piano da 700 miliardi."
    assert {(f.check, f.severity) for f in check_pair(src, tgt, "it", "en")} == found


_GDP = "Il PIL è cresciuto del 3,5% nel 2008."


@pytest.mark.parametrize(
    ("tgt", "lang", "lost"),
    [
        ("GDP grew by 3.5 in 2008.", "en", True),
        ("Le PIB a augmenté de 3,5 en 2008.", "fr", True),
        ("GDP grew by 3.5% in 2008.", "en", False),
        ("GDP grew by 3.5 per cent in 2008.", "en", False),
        ("GDP grew by 3.5 percent in 2008.", "en", False),
        ("GDP grew by 3.5 percentage points in 2008.", "en", False),
        ("GDP grew by 3.5 per-cent in 2008.", "en", False),
        ("Le PIB a augmenté de 3,5 % en 2008.", "fr", False),
        ("Le PIB a augmenté de 3,5\u202f% en 2008.", "fr", False),
        ("Le PIB a augmenté de 3,5 pour cent en 2008.", "fr", False),
        ("Le PIB a augmenté de 3,5 p. 100 en 2008.", "fr", False),  # pour cent, abbreviated
        ("Le PIB a augmenté de 3,5 pour 100 en 2008.", "fr", False),
    ],
)
def test_a_lost_percent_sign_is_a_changed_amount(tgt: str, lang: str, lost: bool) -> None:
    """3,5% and 3.5 share a value, so the pairing alone let the percent sign go."""
    found = [f for f in check_pair(_GDP, tgt, "it", lang) if "percent sign" in f.message]
    assert [(f.check, f.severity) for f in found] == ([("number", "error")] if lost else [])


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # one sign for a range
        ("Il PIL è cresciuto tra il 3% e il 5%.", "GDP grew by between 3 and 5 percent."),
        ("Il PIL è cresciuto del 3-5%.", "GDP grew by 3-5%."),
        # the same value as a percentage and as a count: each pairs with its own kind
        (
            "Riguarda il 5-10% degli utenti, tra 2,5 e 10 milioni di persone.",
            "It concerns 5-10% of users, between 2.5 and 10 million people.",
        ),
    ],
)
def test_a_percentage_kept_in_a_range_or_beside_the_same_count_is_no_loss(
    src: str, tgt: str
) -> None:
    assert not [f for f in check_pair(src, tgt, "it", "en") if "percent" in f.message]


@pytest.mark.parametrize(
    ("tgt", "found"),
    [
        ("Il pourra ajouter 100 autres milliards.", set()),  # the scale word stands further on
        ("Il pourra ajouter 100 milliards de plus.", set()),
        ("Il pourra ajouter 100 autres millions.", {("number", "error")}),
        ("Il pourra ajouter 100 de plus.", {("number", "warning")}),  # no scale word at all
        ("Il pourra ajouter 100 par milliard.", {("number", "warning")}),  # a rate, not 100 bn
    ],
)
def test_a_scale_word_a_word_away_from_its_number_is_read(
    tgt: str, found: set[tuple[str, str]]
) -> None:
    src = "Potrà aggiungere altri 100 miliardi."
    assert {(f.check, f.severity) for f in check_pair(src, tgt, "it", "fr")} == found


@pytest.mark.parametrize(
    ("tgt", "swapped"),
    [
        ("They have 3 billion users and 3 million euros.", True),
        ("They have 3 million users and 3 billion euros.", False),
        ("They have 3 million users, plus 3 billion euros.", False),
    ],
)
def test_swapped_scale_words_of_the_same_digits_are_flagged(tgt: str, swapped: bool) -> None:
    """Both amounts are in the target, so matching by value alone saw nothing."""
    src = "Hanno 3 milioni di utenti e 3 miliardi di euro."
    found = {(f.check, f.severity) for f in check_pair(src, tgt, "it", "en")}
    assert found == ({("number", "warning")} if swapped else set())


def test_swapped_scale_words_are_found_with_decimals_in_each_locale() -> None:
    src = "Ha 1,5 milioni di utenti e 1,5 miliardi di euro."
    swapped = "It has 1.5 billion users and 1.5 million euros."
    kept = "It has 1.5 million users and 1.5 billion euros."
    assert [f.severity for f in check_pair(src, swapped, "it", "en")] == ["warning"]
    assert check_pair(src, kept, "it", "en") == []


def test_a_number_past_28_digits_or_a_tag_cldr_does_not_know_is_checked_not_raised() -> None:
    """A debt written out in full (37 digits) raised decimal's InvalidOperation, and a target
    tag CLDR has no data for (``tlh``, ``en-XX``) Babel's UnknownLocaleError: a traceback
    that stopped the batch. Both are now checked like any other number."""
    from pipeline.qa.pair import check_pair

    big = "1.000.000.000.000.000.000.000.000.000.000.000.000"
    src = f"Il debito di Mario Rossi è di {big} euro."
    same = check_pair(src, f"Mario Rossi's debt is {big.replace('.', ',')} euros.", "it", "en")
    assert "number" not in {f.check for f in same}
    lost = check_pair(src, "Mario Rossi's debt is 1,000 euros.", "it", "en")
    assert "number" in {f.check for f in lost}
    for lang in ("tlh", "en-XX", "pt-BR"):
        assert "number" in {f.check for f in check_pair(src, "Mario Rossi 1,000.", "it", lang)}


def test_source_number_words_are_read_only_when_the_target_has_a_number(monkeypatch) -> None:
    """Spelled-out source numbers ("tre") only excuse or confirm target numbers: a target
    without any is checked without reading them (QA's cost per segment), and the findings
    are those it had."""
    from pipeline.qa import numwords

    read: list[str] = []
    real = numwords.word_values
    monkeypatch.setattr(numwords, "word_values", lambda t, lang: read.append(t) or real(t, lang))
    src = "Il governo ha approvato tre decreti e 25 nomine."
    none = check_pair(src, "The government approved decrees and appointments.", "it", "en")
    assert {"number", "number_unmatched"} & {f.check for f in none}  # the 25 is lost
    assert src not in read
    some = check_pair(src, "The government approved 3 decrees and 25 appointments.", "it", "en")
    assert not any(f.check.startswith("number") for f in some) and src in read


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        (
            "Il Comune ha speso 1\u200b500 euro nel 2\u200e024.",
            "The city spent 1,500 euros in 2024.",
        ),
        ("Sono arrivati 3\u2060000 profughi.", "3,000 refugees arrived."),
        ("Il \u202e45\u202c per cento ha votato.", "45 per cent voted."),
        ("La legge\ufeff 194 del 1978.", "Law 194 of 1978."),
    ],
)
def test_invisible_characters_in_a_source_number_are_no_number_error(src: str, tgt: str) -> None:
    """They never reach the model, so a correct target lacks them: ``1\\u200b500`` was read
    as 1 and 500, and the target's 1,500 a number error."""
    assert not {f.check for f in check_pair(src, tgt, "it", "en")} & {"number", "number_missing"}


def test_a_changed_number_is_still_found_and_its_span_is_in_the_target_as_written() -> None:
    tgt = "The city spent \u200e1,800 euros."
    found = [f for f in check_pair("Il Comune ha speso 1\u200b500 euro.", tgt, "it", "en")]
    spans = [f.span for f in found if f.check == "number" and f.span]
    assert spans and all(tgt[a:b] == "1,800" for a, b in spans)


def test_qa_hides_the_characters_protect_keeps_from_the_model() -> None:
    from pipeline.protect import placeholders, spans
    from pipeline.qa import text

    assert (text.INVISIBLE, text.BIDI_CONTROLS, text.IGNORABLE) == (
        placeholders.INVISIBLE,
        placeholders.BIDI_CONTROLS,
        spans.IGNORABLE,
    )


@pytest.mark.parametrize("hidden", ["\u00ad", "\u200d", "\u034f"])
def test_a_number_split_by_an_ignorable_character_is_one_number(hidden) -> None:
    """The model never sees a soft hyphen, ZWJ or CGJ (protect.spans.IGNORABLE), so the
    correct ``1,500`` for ``1{hidden}500`` was a number error."""
    found = check_pair(
        f"Il Comune ha speso 1{hidden}500 euro.", "The city spent 1,500 euros.", "it", "en"
    )
    assert not [f for f in found if f.check.startswith("number")], found


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        (
            "Non ci sono 1.000 ma 1.000 e un modo per dimenticare la vita quotidiana.",
            "Il n'y a pas que 1000 mais 1001 façons d'oublier la vie quotidienne.",
            "fr",
        ),
        ("Le 1.000 e una notte di Sherazade.", "Sheherazade's 1,001 nights.", "en"),
        ("Ci sono 1001 modi di farlo.", "There are 1,000 and one ways to do it.", "en"),
        ("Ci sono 1001 modi di farlo.", "Il y a 1 000 et une façons de le faire.", "fr"),
    ],
)
def test_a_number_and_one_in_words_is_that_number_plus_one(src: str, tgt: str, lang: str) -> None:
    """'1.000 e un modo' is 1001 ways: a target writing 1001 changed no number."""
    assert "number" not in {f.check for f in check_pair(src, tgt, "it", lang)}


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        # without the words, 1001 is a changed number
        ("Non ci sono 1.000 ma 1.000 modi per dimenticare.", "Not 1,000 but 1,001 ways to forget."),
        # a fraction after "e un" is no one: 10 e un quarto is not 11
        ("Sono arrivati alle 10 e un quarto con 10 auto.", "They came at 10.15 with 11 cars."),
        # "and one" read as +1 only right after the digits: 5 dead and one injured
        ("Ci sono 5 morti e un ferito.", "There are 6 dead and one injured."),
    ],
)
def test_a_number_not_followed_by_and_one_stays_itself(src: str, tgt: str) -> None:
    assert "number" in {f.check for f in check_pair(src, tgt, "it", "en")}


# newstest2009 483: the Italian (itself a translation) says 45 euro where both references,
# translated from the original, say 75.
TRIP_IT = "Il viaggio costa 45 euro, compreso un giro di benvenuto di birra Kaiser."
TRIP_EN = "The trip is 75 Euros, including a welcoming round of Kaiser beer."
TRIP_FR = "Le voyage coûte 75 euros, y compris le pot de bienvenue avec une bière Kaiser."
BAILOUT_IT = "Un piano di salvataggio di 700 milioni di dollari."
BAILOUT_EN = "A bailout plan of 700 billion dollars."


def _number_findings(
    src: str, tgt: str, sibling: str, sibling_origin: str | None, origin: str | None = None
) -> list[tuple[str, str]]:
    from pipeline.qa import PairContext, Sibling

    ctx = PairContext(origin=origin, sibling_targets=(Sibling("fr", sibling, sibling_origin),))
    return [
        (f.severity, f.message)
        for f in check_pair(src, tgt, "it", "en", context=ctx)
        if f.check == "number"
    ]


@pytest.mark.parametrize(
    ("src", "tgt", "sibling"),
    [
        (TRIP_IT, TRIP_EN, TRIP_FR),
        (BAILOUT_IT, BAILOUT_EN, "Un plan de sauvetage de 700 milliards de dollars."),
    ],
)
def test_a_change_a_translators_other_language_makes_too_is_the_sources_slip(
    src: str, tgt: str, sibling: str
) -> None:
    """Two translations that write the same other value (45 -> 75 in English and French; 700
    milioni -> 700 billion and 700 milliards), one of them by a translator, read the number
    the source should have said: a warning that names the other translation."""
    ((severity, message),) = _number_findings(src, tgt, sibling, "human")
    assert severity == "warning"
    assert message.endswith("as in the fr translation: the source may be wrong")


@pytest.mark.parametrize(
    ("tgt", "sibling", "sibling_origin"),
    [
        (TRIP_EN, TRIP_FR, "mt"),  # one model read the source so twice: no evidence
        (TRIP_EN, TRIP_FR, None),  # origin unknown
        (TRIP_EN, TRIP_FR.replace("75", "45"), "human"),  # the other keeps the source's 45
        (TRIP_EN, TRIP_FR.replace("75", "65"), "human"),  # another value
        (TRIP_EN.replace("Kaiser", "Kaiser 1"), TRIP_FR, "human"),  # a second change here
    ],
)
def test_a_change_no_independent_translation_shares_stays_an_error(
    tgt: str, sibling: str, sibling_origin: str | None
) -> None:
    src = TRIP_IT.replace("Kaiser", "Kaiser 2") if "Kaiser 1" in tgt else TRIP_IT
    assert [s for s, _ in _number_findings(src, tgt, sibling, sibling_origin, "mt")] == ["error"]


def test_a_scale_word_changed_otherwise_in_the_other_translation_stays_an_error() -> None:
    """700 milioni as 700 billion beside 700 millions: the translations disagree."""
    sibling = "Un plan de sauvetage de 700 millions de dollars."
    findings = _number_findings(BAILOUT_IT, BAILOUT_EN, sibling, "human")
    assert [s for s, _ in findings] == ["error"]


@pytest.mark.parametrize("space", ["\u2009", "\u2007", "\u200a", "\u00a0", "\u202f"])
def test_a_number_grouped_by_any_unicode_space_reads_whole(space: str) -> None:
    src = f"Il governo ha stanziato 1{space}000{space}000 euro per la ricostruzione."
    assert [n.text for n in extract(src, "it")] == [f"1{space}000{space}000"]
    tgt = "The government has allocated 1,000,000 euros for the reconstruction."
    assert not _ids(src, tgt, "en") & {"number", "number_format", "number_unmatched"}


@pytest.mark.parametrize(
    ("src", "tgt"),
    [
        ("Costa 1'000'000 di franchi.", "It costs 1,000,000 francs."),
        ("Sono 1\u2019250 franchi.", "That is 1,250 francs."),
        ("Affitto CHF 3'500.\u2013 al mese.", "Rent CHF 3,500 a month."),
    ],
)
def test_swiss_digits_grouped_by_apostrophes_read_whole(src: str, tgt: str) -> None:
    """Was ``1``, ``000``, ``000``: number_unmatched on a correct translation."""
    assert len(extract(src, "it")) == 1
    assert not _ids(src, tgt, "en") & {"number", "number_format", "number_unmatched"}


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        ("12/03/24", "March 12, 2024", "en"),
        ("12.03.2024", "12 mars 2024", "fr"),
        ("Entro il 12/03 e dal 14/03/2024.", "By March 12 and from March 14, 2024.", "en"),
    ],
)
def test_a_numeric_date_written_in_the_targets_long_form_keeps_its_numbers(
    src: str, tgt: str, lang: str
) -> None:
    """review37 P8: translate writes `12/03/24` as "March 12, 2024"; QA read "03; 24 became
    2024", an error on the pipeline's own rewrite. Another date is still a changed number."""
    found = {f.check for f in check_pair(src, tgt, "it", lang)}
    assert not found & {"number", "number_unmatched"}
    wrong = {f.check for f in check_pair(src, tgt.replace("12", "13"), "it", lang)}
    assert wrong & {"number", "number_unmatched"}
