"""QA's shipped resources: frequent-word lists."""

from __future__ import annotations

import json

import pytest
from wordfreq import top_n_list

from pipeline.qa.article_lang import ARTICLE_LANGS
from pipeline.qa.langid import DEFAULT_LANGS
from pipeline.qa.resources import FUNCTION_WORDS, SHIPPED_LANGS, SHIPPED_TOP_N, frequent_words


@pytest.mark.parametrize("n", [100, 300])
@pytest.mark.parametrize("lang", DEFAULT_LANGS)
def test_frequent_words_match_the_large_lists_top(lang: str, n: int) -> None:
    """The fast 'small' list has the same top n as wordfreq's default (large) list."""
    assert set(frequent_words(lang, n)) == set(top_n_list(lang, n))


def test_frequent_words_are_the_most_frequent_first() -> None:
    assert frequent_words("en", 3) == ("the", "to", "and")


def test_the_shipped_lists_are_the_installed_wordfreq_s() -> None:
    """function_words.json is wordfreq's ranking; when wordfreq changes, regenerate it."""
    shipped = json.loads(FUNCTION_WORDS.read_text(encoding="utf-8"))
    assert shipped["n"] == SHIPPED_TOP_N and sorted(shipped["words"]) == sorted(SHIPPED_LANGS)
    assert set(ARTICLE_LANGS) | set(DEFAULT_LANGS) <= set(SHIPPED_LANGS)
    for lang, words in shipped["words"].items():
        expected = top_n_list(lang, SHIPPED_TOP_N, wordlist="small")
        assert words == expected, f"{lang}: run `make qa-function-words` to regenerate"


def test_shipped_languages_need_no_wordfreq_import(fresh_python) -> None:
    code = (
        "import sys\n"
        "from pipeline.qa.resources import frequent_words\n"
        "assert frequent_words('it', 300)[:2] == ('di', 'e'), frequent_words('it', 3)\n"
        "print('wordfreq' in sys.modules)\n"
    )
    assert fresh_python(code) == "False"


def test_languages_beyond_the_shipped_ones_still_ask_wordfreq() -> None:
    assert frequent_words("sv", 5) == tuple(top_n_list("sv", 5, wordlist="small"))
    assert frequent_words("it", SHIPPED_TOP_N + 5) == tuple(
        top_n_list("it", SHIPPED_TOP_N + 5, wordlist="small")
    )
