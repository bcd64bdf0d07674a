"""French typography: U+202F before ; ! ?, U+00A0 before : and inside « », ’ between letters.

Inputs are real newstest2009 French sentences (and the sample's French chrome style).
"""

from __future__ import annotations

import pytest

from pipeline.localise.typography import french_typography

NB, NN, AP = "\u00a0", "\u202f", "\u2019"

CHANGED = [
    (
        "Comment est-ce possible que les prix en Tchéquie se maintiennent si haut, "
        "en comparaison avec l'Europe?",
        "Comment est-ce possible que les prix en Tchéquie se maintiennent si haut, "
        f"en comparaison avec l{AP}Europe{NN}?",
    ),
    (
        "A quoi bon donc de faciliter l'avènement d'un tel concurrent?",
        f"A quoi bon donc de faciliter l{AP}avènement d{AP}un tel concurrent{NN}?",
    ),
    ("Tu ne réfléchis pas - tu paies!", f"Tu ne réfléchis pas - tu paies{NN}!"),
    ("Et n'oubliez pas la consigne !", f"Et n{AP}oubliez pas la consigne{NN}!"),
    (
        "Le Congrès céda: le gouvernement des USA peut injecter 700 milliards de dollars",
        f"Le Congrès céda{NB}: le gouvernement des USA peut injecter 700 milliards de dollars",
    ),
    ("Paulson: Le plan doit être efficace", f"Paulson{NB}: Le plan doit être efficace"),
    (
        "La loi les ignore; marcher dans un car longue distance est interdit",
        f"La loi les ignore{NN}; marcher dans un car longue distance est interdit",
    ),
    (
        "Kim Jong Un a estimé que la visite encouragerait «la coopération amicale et mutuelle», "
        "selon KCNA.",
        f"Kim Jong Un a estimé que la visite encouragerait «{NB}la coopération amicale et "
        f"mutuelle{NB}», selon KCNA.",
    ),
    ("Photo : AFP.", f"Photo{NB}: AFP."),
]

UNCHANGED = [
    # Scores, race times, ratios: a colon between digits.
    "HSV bat Gladbach 1:0",
    "Kamathis est arrive troisième en 2:07:48.",
    # A colon glued inside a word is not punctuation.
    "Or, aujourd’hui, l’U:fon se prête servir comme argument.",
    # URLs and e-mail addresses.
    "La version italienne est déchargeable à l’adresse http://it.openoffice.org/download/3.0.0/"
    "download300.html?lang=it&x=1 depuis vendredi.",
    "Écrivez à redaction@example.fr pour tout signalement.",
    # Numbers' internal separators, and text already set correctly.
    f"Le cours de l’action s’est écroulé de 75 pour cent à 3,30 euros, soit 10{NN}000 titres.",
    f"La conversation s’est conclue par un «{NB}consensus satisfaisant{NB}»{NN}!",
    # Code spans.
    "Tapez `ls -l; echo ok` dans le terminal.",
]


@pytest.mark.parametrize(("text", "expected"), CHANGED)
def test_french_typography_sets_spaces_and_apostrophes(text, expected):
    out, edits = french_typography(text)
    assert out == expected
    assert edits and all(e.startswith("typography: ") for e in edits)


@pytest.mark.parametrize(("text", "expected"), CHANGED)
def test_french_typography_is_idempotent(text, expected):
    assert french_typography(expected) == (expected, [])


@pytest.mark.parametrize("text", UNCHANGED)
def test_french_typography_leaves_protected_text_alone(text):
    assert french_typography(text) == (text, [])


def test_no_break_space_before_a_colon_after_a_markdown_link():
    text = "[le rapport](https://example.org/r): les données"
    out, _ = french_typography(text)
    assert out == f"[le rapport](https://example.org/r){NB}: les données"


def test_thin_space_before_a_semicolon_after_a_bare_url_not_inside_it():
    out, _ = french_typography("Voir https://example.org/r; puis la suite")
    assert out == f"Voir https://example.org/r{NN}; puis la suite"


def test_protected_spans_passed_in_stay_byte_for_byte():
    text = "Selon L'Oréal: Star Wars: le retour et l'ONU: oui"
    out, _ = french_typography(text, keep=["L'Oréal", "Star Wars: le retour"])
    assert out == f"Selon L'Oréal{NB}: Star Wars: le retour et l’ONU{NB}: oui"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pourquoi  ?", f"Pourquoi{NN}?"),  # two spaces the model wrote
        ("Pourquoi\t?", f"Pourquoi{NN}?"),
        (f"Attention{NB}{NN}!", f"Attention{NN}!"),  # two no-break spaces, one kept
        ("Il a dit\u2009: non", f"Il a dit{NB}: non"),  # a thin space a line may break at
        ("«  oui  »", f"«{NB}oui{NB}»"),  # was «\u00a0 oui \u00a0»: a space added beside two
        (f"« {NN}oui\u2009»", f"«{NB}oui{NB}»"),
        (
            "À 10:30  : la réunion ;  https://x.org/a?b=1 ; `a  ;b`",
            (f"À 10:30{NB}: la réunion{NN};  https://x.org/a?b=1{NN}; `a  ;b`"),
        ),  # fmt: skip
    ],
)
def test_a_run_of_spaces_or_a_thin_space_before_a_mark_becomes_one_no_break_space(text, expected):
    """French sets one no-break space there, however many spaces MT left, of whatever kind:
    a run was kept (two spaces before ``?``), and a space inside « » doubled."""
    out, edits = french_typography(text)
    assert out == expected and edits
    assert french_typography(out) == (out, [])
