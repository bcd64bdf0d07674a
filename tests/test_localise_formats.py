"""Locale formats for generated text: dates, numbers, plural forms (Babel, CLDR)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.localise.formats import comment_count, format_count, format_published, published_line

NN = "\u202f"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("it", "10.000"), ("en", "10,000"), ("fr", f"10{NN}000")],
)
def test_format_count_uses_cldr_separators(lang, expected):
    assert format_count(10000, lang) == expected


def test_format_count_decimals():
    assert (format_count(3.5, "en"), format_count(3.5, "fr"), format_count(3.5, "it")) == (
        "3.5",
        "3,5",
        "3,5",
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("it", "2 novembre 2024"), ("en", "November 2, 2024"), ("fr", "2 novembre 2024")],
)
def test_format_published_long_date(lang, expected):
    assert format_published(dt.date(2024, 11, 2), lang) == expected
    assert format_published("2024-11-02T10:00:00", lang) == expected


def test_published_line_combines_catalog_and_date():
    assert published_line("2024-11-02", "fr") == "Publié le 2 novembre 2024"
    assert published_line("2024-11-02", "en") == "Published on November 2, 2024"


@pytest.mark.parametrize(
    ("n", "fr", "en", "it"),
    [
        (0, "0 commentaire", "0 Comments", "0 commenti"),  # French: n > 1 is plural
        (1, "1 commentaire", "1 Comment", "1 commento"),
        (2, "2 commentaires", "2 Comments", "2 commenti"),
        (1500, f"1{NN}500 commentaires", "1,500 Comments", "1.500 commenti"),
    ],
)
def test_comment_count_plural_rules(n, fr, en, it):
    assert (comment_count(n, "fr"), comment_count(n, "en"), comment_count(n, "it")) == (fr, en, it)
