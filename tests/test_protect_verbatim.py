"""File paths, file names and inline math: protected spans no glossary term matches inside
(hostile37, finding 5)."""

from __future__ import annotations

import pytest

from pipeline.glossary import Glossary
from pipeline.protect import Protector

_GLOSSARY = Glossary(terms={"it-en": {"legge": "law", "governo": "government"}})


@pytest.mark.parametrize(
    ("token", "kind"),
    [
        ("C:\\Utenti\\governo\\legge.docx", "path"),  # the finding's examples
        ("/home/roma/legge.txt", "path"),
        ("~/legge/governo", "path"),
        ("legge.pdf", "file"),
        ("governo_legge.txt", "file"),
        ("$legge = governo^2$", "math"),
        ("$$\\text{governo}$$", "math"),
        ("\\\\server\\governo\\legge.xlsx", "path"),  # siblings of the kind
        ("D:\\legge", "path"),
        ("./governo/legge", "path"),
        ("../legge/governo.md", "path"),
        ("/var/governo/", "path"),
        ("LEGGE.PDF", "file"),
        ("decreto-legge.2024.p7m", "file"),
        ("$\\sqrt{legge}$", "math"),
        ("$x$", "math"),
    ],
)
def test_paths_file_names_and_inline_math_are_kept_and_no_term_matches_inside(token, kind):
    """Was: ``C:\\Utenti\\government\\law.docx``, ``law.pdf``: the glossary rewrote them."""
    text = f"Il file è {token}, dice la legge del governo."
    spans = Protector(_GLOSSARY).spans(text)
    assert [(s.kind, s.text, s.target) for s in spans if s.kind == kind] == [(kind, token, token)]
    assert [s.text for s in spans if s.kind == "term"] == ["legge", "governo"]  # outside: yes
    protected = Protector(_GLOSSARY).protect(text)
    assert "legge" not in protected.text and token not in protected.text
    restored, _ = protected.restore(protected.text)
    assert f"Il file è {token}, dice la law del government." == restored


@pytest.mark.parametrize(
    "line",
    [
        "Già nel 2007 erano stati ridotti di 2/3, il 25/30% del canone.",
        "Il presidente e/o il vice, a 130 km/h, dal 12/03/2024 alle 20:30.",
        "Costa $5 e $10, US$ 1.000, 90$ al barile, $5M/$10M, tra $5 e 10 $.",
        "Un posto letto costa 350/400 euro, lo slancio/spinta/oscillazione.",
        "La S.p.A. e l'art.5 della legge, AdWords/AdSense, under-21/ sotto.",
        "Il sito http://it.openoffice.org/download/3.0.0/download300.html e a@b.it.",
    ],
)
def test_news_text_has_no_path_file_name_or_math(line):
    """The patterns are narrow: fractions, slashes between words, prices and abbreviations
    are text (a URL's path and file name are the URL's span)."""
    from pipeline.protect.verbatim import verbatim_tokens

    assert list(verbatim_tokens(line)) == []
    kinds = {s.kind for s in Protector(_GLOSSARY).spans(line)}
    assert not kinds & {"path", "file", "math"}


def test_the_glossary_check_asks_no_translation_of_a_term_inside_a_kept_token(tmp_path):
    """The path is kept as written, so its ``legge`` is no ``law`` the target lacks; the
    term outside it still is."""
    from pipeline.config import QASettings
    from pipeline.qa import check_pair

    path = tmp_path / "glossary.toml"
    path.write_text('[terms.it-en]\nlegge = "law"\n', encoding="utf-8")
    settings = QASettings(glossary=str(path))
    for token in ("C:\\Utenti\\legge.docx", "legge.pdf", "$legge^2$", "/home/roma/legge.txt"):
        found = check_pair(
            f"Apri {token} ora.", f"Open {token} now.", "it", "en", settings=settings
        )
        assert "glossary" not in {f.check for f in found}, token
        found = check_pair(
            f"La legge in {token}.", f"The bill in {token}.", "it", "en", settings=settings
        )
        assert "glossary" in {f.check for f in found}, token
