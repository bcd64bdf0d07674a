"""QA's shipped resources: frequent-word lists."""

from __future__ import annotations

import pytest
from wordfreq import top_n_list

from pipeline.qa.langid import DEFAULT_LANGS
from pipeline.qa.resources import frequent_words


@pytest.mark.parametrize("n", [100, 300])
@pytest.mark.parametrize("lang", DEFAULT_LANGS)
def test_frequent_words_match_the_large_lists_top(lang: str, n: int) -> None:
    """The fast 'small' list has the same top n as wordfreq's default (large) list."""
    assert set(frequent_words(lang, n)) == set(top_n_list(lang, n))


def test_frequent_words_are_the_most_frequent_first() -> None:
    assert frequent_words("en", 3) == ("the", "to", "and")
