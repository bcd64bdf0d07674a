"""Quotes and brackets per language convention (pipeline/qa/checks/punctuation.py), news lines."""

from __future__ import annotations

import pytest

from pipeline.qa import PairContext, check_pair
from pipeline.qa.checks.punctuation import balance


def _qb(src: str, tgt: str, lang: str) -> bool:
    return "quote_bracket" in {f.check for f in check_pair(src, tgt, "it", lang)}


@pytest.mark.parametrize(
    "text",
    [
        "« la cooperazione amichevole » secondo KCNA",
        "“friendly and mutual cooperation”, according to KCNA",
        "„Hallo“ sagte er",
        "`Be back here tonight at 10:30 sharp!' Understood?",
        '" Sangre de Mayo », le pari osé de Garci',  # typewriter quote closed by a guillemet
        "les films (Capitaine Alatriste [2006]) et « Sangre de mayo »",
    ],
)
def test_balanced_in_every_convention(text: str) -> None:
    assert balance(text).first is None


NOT_FLAGGED = [
    # a quotation the target runs over two sentences while the source has no quotes
    ("E' un giocatore fantastico.", "\"He's a hell of a player.", "en"),
    (
        "Ma non certo approfittare dei contribuenti..",
        'But not ones that take advantage of taxpayers".',
        "en",
    ),
    # the source leaves the quotation open too
    (
        '"Proteggere i residenti del Kent è la preoccupazione principale della polizia del Kent.',
        '"Protecting the residents of Kent is the paramount concern of Kent Police.',
        "en",
    ),
    # French spacing and mixed marks
    (
        "Ispirandosi a Episodios Nacionales, Garci ripropone in Sangre de mayo la rivolta.",
        "En s'inspirant des récits, Garci récrée la bataille dans\" Sangre de mayo ».",
        "fr",
    ),
    # apostrophes are not quotation marks
    ("Lo dice l'agenzia.", "L'agence l'a dit aujourd'hui, c'est sûr.", "fr"),
]


@pytest.mark.parametrize(("src", "tgt", "lang"), NOT_FLAGGED)
def test_language_conventions_are_not_flagged(src: str, tgt: str, lang: str) -> None:
    assert not _qb(src, tgt, lang)


SRC = "La conversazione si è conclusa con un “consenso soddisfacente” tra le due parti (KCNA)."
FLAGGED = [
    ("The conversation ended with a “satisfactory consensus between the two sides (KCNA).", "en"),
    ("The conversation ended with a “satisfactory consensus» between the two sides (KCNA).", "en"),
    ("La conversation s'est conclue par un « consensus satisfaisant » (KCNA].", "fr"),
    ('The conversation ended with a "satisfactory consensus between the two sides (KCNA).', "en"),
]


@pytest.mark.parametrize(("tgt", "lang"), FLAGGED)
def test_broken_or_mispaired_marks_are_flagged(tgt: str, lang: str) -> None:
    assert _qb(SRC, tgt, lang)


def test_a_lone_quote_is_flagged_when_the_source_pairs_its_quotes() -> None:
    src = '"E‘ necessario portare ancora avanti il piano, ma credo che ci siamo" ha detto Paulson.'
    tgt = 'It is necessary to push the plan further, but I think we are there," Paulson said.'
    assert _qb(src, tgt, "en")


# Source without quotation marks (the speaker is introduced by a dash), target quoting.
ATTRIBUTED_SRC = (
    "Siamo soddisfatti del progresso raggiunto stanotte - ha dichiarato Tony Fratto portavoce "
    "della Casa Bianca."
)


@pytest.mark.parametrize(
    ("tgt", "lang", "flagged"),
    [
        # a quotation attributed in the same sentence must be closed before the attribution
        (
            '"We are satisfied with what we have reached during the night, declared Tony Fratto, '
            "spokesman of the White House.",
            "en",
            True,
        ),
        (
            '"Nous allons prendre les dispositions nécessaires - a-t-il ajouté.',
            "fr",
            True,
        ),
        (
            '"We are satisfied with what we have reached during the night", declared Tony Fratto, '
            "spokesman of the White House.",
            "en",
            False,
        ),
        # a quotation opened after "He added:" that runs on spans sentences
        (
            "He added: \"I note the effect Stephanie's father and mother describe.",
            "en",
            False,
        ),
        (
            'Il ajouta : "Au delà de la forme, le fait ne collait pas non plus.',
            "fr",
            False,
        ),
        # and so does one that opens the text with no attribution
        ('"We are satisfied with what we have reached during the night.', "en", False),
    ],
)
def test_attributed_quotation_must_close(tgt: str, lang: str, flagged: bool) -> None:
    assert _qb(ATTRIBUTED_SRC, tgt, lang) is flagged


@pytest.mark.parametrize(
    ("src", "tgt", "severity"),
    [
        ('Ha detto: "Siamo pronti" (ieri).', 'He said: "We are ready (yesterday).', "error"),
        ("Il voto (alla Camera) è rinviato.", "The vote (in the House is postponed.", "error"),
        ("Ha detto: « Siamo pronti ».", "Il a dit : « Nous sommes prêts.", "error"),
        (
            "Siamo pronti, ha detto ieri sera il ministro.",
            'We are ready", the minister said last night.',
            "warning",
        ),
    ],
)
def test_unbalanced_marks_the_source_lacks_are_errors_a_lone_straight_quote_a_warning(
    src: str, tgt: str, severity: str
) -> None:
    lang = "fr" if "«" in tgt else "en"
    found = [f for f in check_pair(src, tgt, "it", lang) if f.check == "quote_bracket"]
    assert [f.severity for f in found] == [severity]


@pytest.mark.parametrize(
    ("tgt", "lang", "severities"),
    [
        # reporting verbs beyond "said": recalls, confirmed, a souligné
        (
            '"The aid was more than 100 billion euros, recalls the Vienna-based Der Standard.',
            "en",
            ["error"],
        ),
        ('"The leaders agreed on the bailout package, the Reuters confirmed.', "en", ["error"]),
        (
            '"Nous allons prendre les dispositions nécessaires, a souligné le ministre.',
            "fr",
            ["error"],
        ),
        # no reporting verb after the comma: a quotation over sentences, no finding
        ('"The aid was more than 100 billion euros, a record for one day.', "en", []),
        # "se rappelle" remembers, it reports no speech
        ('"En 1998, à peine 38 % des gens avaient confiance, se rappelle la Dre Décary.', "fr", []),
    ],
)
def test_a_quotation_attributed_by_any_reporting_verb_must_close(
    tgt: str, lang: str, severities: list[str]
) -> None:
    src = "Gli aiuti sono stati più di 100 miliardi di euro - ricorda il Der Standard."
    found = [f for f in check_pair(src, tgt, "it", lang) if f.check == "quote_bracket"]
    assert [f.severity for f in found] == severities


KENT_SRC = '"Proteggere i residenti del Kent è la preoccupazione principale della polizia.'


@pytest.mark.parametrize(
    ("src", "tgt", "lang", "severities"),
    [
        # the source opens a quotation it closes later; the target closes one it never opened
        (
            KENT_SRC,
            'Protecting the residents of Kent is the paramount concern of the police."',
            "en",
            ["error"],
        ),
        (
            'Ci sono stati molti punti in poco tempo."',
            '"Beaucoup de points ont été marqués.',
            "fr",
            ["error"],
        ),
        ("« Abbiamo vinto noi, ha detto.", "We won, he said.»", "en", ["error"]),
        # the same end as the source: a quotation over sentences, no finding
        (
            KENT_SRC,
            '"Protecting the residents of Kent is the paramount concern of the police.',
            "en",
            [],
        ),
        # a mark inside the text says nothing of its end: spacing misleads (no finding)
        (
            'Queste misure sono necessarie", ha commentato.',
            'These measures are necessary, "he commented.',
            "en",
            [],
        ),
    ],
)
def test_a_lone_quote_at_the_other_end_from_the_sources_is_an_error(
    src: str, tgt: str, lang: str, severities: list[str]
) -> None:
    found = [f for f in check_pair(src, tgt, "it", lang) if f.check == "quote_bracket"]
    assert [f.severity for f in found] == severities


@pytest.mark.parametrize(
    ("tgt", "lang", "severities"),
    [
        # a lone mark closing a quotation mid-sentence, the sentence going on: an error
        (
            'The law is meant to constrain the golden parachutes" for the heads of banks.',
            "en",
            ["error"],
        ),
        (
            "Elle n'a pas été assez brillante\" pour lui permettre d'enrayer sa baisse.",
            "fr",
            ["error"],
        ),
        # before its attribution, with or without a comma: a quotation over sentences
        (
            'The law is meant to constrain the golden parachutes" he said on Monday.',
            "en",
            ["warning"],
        ),
        ("Elle n'a pas été assez brillante\" a déclaré le ministre.", "fr", ["warning"]),
        # a capital after it: a new sentence or a name, no finding at error
        ('The law is meant to constrain the golden parachutes" Obama wants.', "en", ["warning"]),
    ],
)
def test_a_lone_quote_closing_mid_sentence_is_an_error(
    tgt: str, lang: str, severities: list[str]
) -> None:
    src = "La legge deve limitare i paracadute d'oro dei dirigenti delle banche."
    found = [f for f in check_pair(src, tgt, "it", lang) if f.check == "quote_bracket"]
    assert [f.severity for f in found] == severities


QUOTED_NEAR_SRC = '"Una città senza cinema è una città cieca".'
CLOSED_NEAR = (('"Il sindaco era disponibile".', '"The mayor was willing."'),)
OPEN_NEAR = (('"Il sindaco era disponibile".', '"The mayor was willing.'),)


@pytest.mark.parametrize(
    ("near", "severities"),
    [
        # the translator closes the quoted paragraphs around it: this one lost its mark
        (CLOSED_NEAR, ["error"]),
        # one around it left open too: the translator's convention, a warning
        (CLOSED_NEAR + OPEN_NEAR, ["warning"]),
        # no quoted paragraph around it: a warning, as before
        ((("Il sindaco era disponibile.", "The mayor was willing."),), ["warning"]),
    ],
)
def test_a_quoted_paragraph_left_open_where_the_translator_closes_them_is_an_error(
    near: tuple[tuple[str, str], ...], severities: list[str]
) -> None:
    ctx = PairContext(
        nearby_sources=tuple(s for s, _ in near), nearby_targets=tuple(t for _, t in near)
    )
    tgt = '"A city without cinemas is a blind city.'
    found = check_pair(QUOTED_NEAR_SRC, tgt, "it", "en", context=ctx)
    assert [f.severity for f in found if f.check == "quote_bracket"] == severities


AVALON_SRC = (
    '"La preoccupazione di Avalon Bay è di rinnovare questo vicolo," ha detto, aggiungendo che '
    "la città ha suggerito la vendita."
)


@pytest.mark.parametrize(
    ("tgt", "severities"),
    [
        # the quotation holds its own attribution (a pronoun's incise): the closing mark is lost
        (
            "\"L'intérêt d'Avalon Bay est de relooker cette allée, a-t-elle déclaré, soulignant "
            'que la ville a suggéré la vente".',
            ["error"],
        ),
        # closed before the attribution, as the source does: no finding
        (
            "\"L'intérêt d'Avalon Bay est de relooker cette allée\", a-t-elle déclaré, soulignant "
            "que la ville a suggéré la vente.",
            [],
        ),
    ],
)
def test_a_quotation_that_holds_its_attribution_lost_a_mark(
    tgt: str, severities: list[str]
) -> None:
    found = [f for f in check_pair(AVALON_SRC, tgt, "it", "fr") if f.check == "quote_bracket"]
    assert [f.severity for f in found] == severities


def test_a_quotation_opened_twice_around_its_attribution_stays_a_warning() -> None:
    src = 'Invece, ha detto lui, "dovete essere sicuri che i vostri figli parlino spagnolo."'
    tgt = '" Au contraire, il déclara, "vous devez vous assurer que votre enfant parle espagnol".'
    found = [f for f in check_pair(src, tgt, "it", "fr") if f.check == "quote_bracket"]
    assert [f.severity for f in found] == ["warning"]


def test_balanced_target_marks_give_no_quote_finding() -> None:
    src, tgt = 'Ha detto: "Siamo pronti" (ieri).', 'He said: "We are ready" (yesterday).'
    assert "quote_bracket" not in {f.check for f in check_pair(src, tgt, "it", "en")}


@pytest.mark.parametrize(
    ("tgt", "severities"),
    [
        # a quotation the target opens and attributes in the same text lost its closing mark,
        # even though the source (reported speech) has no quotation marks at all
        (
            '"We are satisfied with the progress reached tonight, declared Tony Fratto, '
            "spokesman of the White House.",
            ["error"],
        ),
        # opening with no attribution: a quotation spanning sentences
        ('"We are satisfied with the progress reached tonight.', []),
        # a lone closing quote before its attribution stays a warning (the translator's
        # quotation over sentences may close there)
        ('We are satisfied with the progress reached tonight", said Tony Fratto.', ["warning"]),
        # one closing mid-sentence, the sentence going on, lost its opening mark: an error
        ('We are satisfied with the progress" reached tonight, said Tony Fratto.', ["error"]),
        # a lone quote that opens a quotation mid-sentence lost its closing mark: an error
        ('We are satisfied with the "progress reached tonight, said Tony Fratto.', ["error"]),
    ],
)
def test_an_attributed_quotation_the_source_does_not_mark_must_still_close(
    tgt: str, severities: list[str]
) -> None:
    found = [f for f in check_pair(ATTRIBUTED_SRC, tgt, "it", "en") if f.check == "quote_bracket"]
    assert [f.severity for f in found] == severities


QUOTED_SRC = '"Abbiamo fatto un grande passo in avanti".'


@pytest.mark.parametrize(
    ("src", "tgt", "severity"),
    [
        # the source one quotation, the target opening it and never closing it: a warning
        (QUOTED_SRC, '"We have made great progress.', "warning"),
        # the closing mark kept and the opening one lost: an error
        (QUOTED_SRC, 'We have made great progress."', "error"),
        # a source that quotes only part of itself: an error
        (
            'Ha detto: "Abbiamo fatto un grande passo".',
            'He said: "We have made great progress.',
            "error",
        ),
        # the opening mark inside the text, not before its first word: an error
        (QUOTED_SRC, 'We have "made great progress.', "error"),
    ],
)
def test_a_quoted_paragraph_left_open_is_a_warning(src: str, tgt: str, severity: str) -> None:
    found = [f for f in check_pair(src, tgt, "it", "en") if f.check == "quote_bracket"]
    assert [f.severity for f in found] == [severity]


ADDED_SRC = 'Invece, ha detto lui, "dovete essere sicuri che i vostri figli parlino spagnolo."'


@pytest.mark.parametrize(
    ("src", "tgt", "severities"),
    [
        # a quoting source, a target with one mark more (the quotation opened twice): a warning
        (ADDED_SRC, '" Au contraire, il déclara, "vous devez vous assurer de cela".', ["warning"]),
        # as many marks as the source, one of them misplaced: still an error
        (ADDED_SRC, 'Au contraire, il déclara, "vous devez vous assurer de cela.', ["error"]),
        # one mark fewer than the source: a lost quotation mark, an error
        (ADDED_SRC, 'Au contraire, il déclara, vous devez vous assurer de cela".', ["error"]),
        # the added mark balanced: nothing to report
        (ADDED_SRC, 'Au contraire, il déclara, "vous devez vous assurer de "cela"".', []),
    ],
)
def test_a_quotation_mark_added_to_a_quoting_source_is_a_warning(
    src: str, tgt: str, severities: list[str]
) -> None:
    found = [f for f in check_pair(src, tgt, "it", "fr") if f.check == "quote_bracket"]
    assert [f.severity for f in found] == severities


TERM_SRC = (
    'Nella mostra "Flamenco-People" il concetto è diverso, ammette il fotografo: "Amo ritrarre".'
)
BAND_SRC = 'Il concerto della band "Rocket Boys" a Parigi.'
# one quotation left open, which excuses one unpaired mark in the target
OPEN_SRC = 'Il concerto della band "Rocket Boys" a Parigi, "un sogno.'


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        # the marks still pair up by count, but the kept title has lost its closing mark
        (
            TERM_SRC,
            'In "Flamenco-People the concept differs, the photographer admits "I love.',
            "en",
        ),
        # ... or its opening one
        (
            TERM_SRC,
            'In Flamenco-People" the concept differs, the photographer admits "I love.',
            "en",
        ),
        # another term, another language: a lone mark the source's open quotation excuses
        (OPEN_SRC, "Le concert du groupe « Rocket Boys à Paris, un rêve.", "fr"),
        (BAND_SRC, "Le concert du groupe 'Rocket Boys à Paris.", "fr"),
    ],
)
def test_a_quoted_term_kept_with_one_mark_is_an_error(src: str, tgt: str, lang: str) -> None:
    found = [f for f in check_pair(src, tgt, "it", lang) if f.check == "quote_bracket"]
    assert [f.severity for f in found] == ["error"]
    assert "one quotation mark" in found[0].message


@pytest.mark.parametrize(
    ("src", "tgt", "lang"),
    [
        (
            TERM_SRC,
            'In "Flamenco-People" the concept differs, the photographer admits "I love".',
            "en",
        ),
        # the translator drops the quotation marks of the term altogether
        (
            TERM_SRC,
            "In Flamenco-People the concept differs, the photographer admits: I love.",
            "en",
        ),
        # French guillemets spaced with a no-break space
        (BAND_SRC, "Le concert du groupe «\u00a0Rocket Boys\u00a0» à Paris.", "fr"),
        (BAND_SRC, 'Le concert du groupe " Rocket Boys " à Paris.', "fr"),
        # the term inside a longer quoted title
        (BAND_SRC, 'The concert of "Rocket Boys and the Moon" in Paris.', "en"),
        # quoted in full once, named again without marks
        (BAND_SRC, 'The "Rocket Boys" concert in Paris: Rocket Boys played.', "en"),
    ],
)
def test_a_quoted_term_kept_or_unquoted_whole_is_not_flagged(src: str, tgt: str, lang: str) -> None:
    assert not _qb(src, tgt, lang)


def test_an_elision_before_a_kept_term_is_no_quotation_mark() -> None:
    src = 'Lo ha detto il presidente dell\'"Anec" ieri.'
    assert not _qb(src, "C'est ce qu'a dit le président de l'Anec hier.", "fr")


NO_QUOTES_SRC = "La nuova legge deve anche limitare i cosiddetti paracaduti d'oro dei dirigenti."


@pytest.mark.parametrize(
    ("src", "tgt", "lang", "severities"),
    [
        # a source with no quotation marks; the target opens a quotation inside a sentence
        # and never closes it: the closing mark is lost, an error
        (
            NO_QUOTES_SRC,
            'The new law is also meant to constrain the "golden parachutes for executives.',
            "en",
            ["error"],
        ),
        (
            "La sonda spaziale Ulysses ha volato attraverso lo spazio per quasi 18 anni.",
            "Depuis presque 18 ans, la sonde spatiale \"Ulysses vole dans l'espace.",
            "fr",
            ["error"],
        ),
    ],
)
def test_a_quotation_opened_mid_sentence_and_never_closed_is_an_error(
    src: str, tgt: str, lang: str, severities: list[str]
) -> None:
    found = [f for f in check_pair(src, tgt, "it", lang) if f.check == "quote_bracket"]
    assert [f.severity for f in found] == severities


@pytest.mark.parametrize(
    ("tgt", "severities"),
    [
        # a quotation over sentences may open a new sentence of the text: a warning
        ('The law limits golden parachutes. "We will curb them all the same.', ["warning"]),
        # or follow a colon, or open the text: no finding
        ('The minister said: "We will curb golden parachutes all the same.', []),
        ('"We will curb golden parachutes all the same.', []),
        # a lone closing mark (the end of a quotation the translator opened before): a warning
        ('We will curb golden parachutes", the minister said on Monday.', ["warning"]),
        # a mark glued to the word before it is no opening mark; closing the text, it ends a
        # quotation over sentences: no finding
        ('The law limits golden parachutes of executives."', []),
        ('The law limits golden parachutes of executives".', []),
        # inches after a digit open no quotation
        ('The law limits golden parachutes and 3" pipes of executives.', ["warning"]),
    ],
)
def test_a_lone_quote_that_opens_no_quotation_mid_sentence_stays_a_warning(
    tgt: str, severities: list[str]
) -> None:
    found = [f for f in check_pair(NO_QUOTES_SRC, tgt, "it", "en") if f.check == "quote_bracket"]
    assert [f.severity for f in found] == severities
