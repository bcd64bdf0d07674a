"""Splitting over-long sentences (never truncating) and token-bounded batching."""

from __future__ import annotations

import pytest

from pipeline.translate.batching import token_batches
from pipeline.translate.split import join_translations, split_long


def words(text: str) -> int:
    """Stand-in token count: one token per word, plus end-of-sentence."""
    return len(text.split()) + 1


LONG = (
    "Il governo ha approvato la legge di bilancio dopo un lungo dibattito; "
    "l'opposizione ha votato contro, i sindacati hanno protestato davanti al Parlamento, "
    "e il presidente ha firmato il testo in serata: entrerà in vigore a gennaio."
)


def test_short_sentence_is_one_piece():
    assert split_long("Ciao a tutti.", words, 10) == ["Ciao a tutti."]


@pytest.mark.parametrize("limit", [3, 6, 10, 16, 25])
def test_pieces_rejoin_to_the_sentence_and_fit_the_limit(limit):
    pieces = split_long(LONG, words, limit)
    assert "".join(pieces) == LONG
    assert len(pieces) > 1
    assert all(words(p.strip()) <= limit for p in pieces)


def test_clause_boundaries_are_preferred_to_commas_and_spaces():
    pieces = split_long(LONG, words, 16)
    assert pieces[0].endswith("; ")
    assert all(p.rstrip().endswith((";", ":", ",", ".")) for p in pieces)


def test_whitespace_is_the_fallback_without_punctuation():
    text = " ".join(f"parola{i}" for i in range(30))
    pieces = split_long(text, words, 8)
    assert "".join(pieces) == text
    assert all(words(p.strip()) <= 8 for p in pieces)


def test_a_space_free_run_is_cut_last_and_kept_whole():
    text = "x" * 50

    def chars(t: str) -> int:
        return len(t) // 10 + 1

    pieces = split_long(text, chars, 3)
    assert "".join(pieces) == text
    assert all(chars(p) <= 3 for p in pieces)


@pytest.mark.parametrize("chars_per_token", [1, 3, 40])
def test_a_megabyte_run_is_cut_without_tokenizing_it_again_and_again(chars_per_token):
    text = "ab" * 500_000  # one 1 MB "word": no boundary to cut at
    seen: list[int] = []

    def tokens(t: str) -> int:
        seen.append(len(t))
        return len(t) // chars_per_token + 1

    pieces = split_long(text, tokens, 500)
    assert "".join(pieces) == text
    assert all(tokens(p) <= 500 for p in pieces)
    assert all(tokens(p) >= 450 for p in pieces[:-1])  # the longest prefixes that fit
    # Apart from a few whole-text checks (one per boundary level), every count is of a
    # prefix near one piece's size: the work grows with the run's length, not its square.
    prefixes = [n for n in seen if n < len(text)]
    assert len(seen) - len(prefixes) <= 6
    assert max(prefixes) <= 4 * max(len(p) for p in pieces) + 2
    assert sum(prefixes) <= 100 * len(text)


def test_join_uses_the_source_spacing():
    assert join_translations(["Uno, ", "due."], ["One,", "two."]) == "One, two."
    assert join_translations(["abc", "def"], ["A", "B"]) == "AB"


def test_batches_are_sorted_and_bounded_by_padded_tokens():
    lengths = [5, 40, 12, 7, 40, 3, 22, 9, 100]
    batches = token_batches(lengths, 64)
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(len(lengths)))
    assert [lengths[i] for i in flat] == sorted(lengths, reverse=True)
    for batch in batches:
        longest = max(lengths[i] for i in batch)
        assert len(batch) == 1 or longest * len(batch) <= 64
    assert [8] in batches  # longer than the budget: a batch of its own
