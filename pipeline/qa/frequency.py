"""Word frequencies on the Zipf scale, read from wordfreq's own data files.

The name checks ask how common a word is (:func:`pipeline.qa.names.zipf`).
``wordfreq.zipf_frequency`` answers after importing langcodes, ftfy and regex
and building a dict of about 320,000 words per language in a Python loop:
together about 0.35 s of the 0.6 s of one core that QA's one-off loading took
on the speed benchmark's short article (py-spy, 2026-12-01), paid by every run
with QA on. For a *plain* word (case-folded, NFC, Latin letters only) in a
language whose preprocessing is only case folding, wordfreq's answer is the
word's bucket in the language's cBpack file: bucket ``i`` holds the words of
frequency ``10 ** (-i / 100)`` (format documented in ``wordfreq.read_cBpack``),
rounded as ``wordfreq.word_frequency`` and ``zipf_frequency`` round. This
module reads those files with msgpack (wordfreq's own dependency) and answers
plain words itself; every other word, and every language outside
:data:`PLAIN_LANGS`, is asked of wordfreq. tests/test_qa_resources.py pins
the two paths to the same value on thousands of words of each language.
"""

from __future__ import annotations

import gzip
import importlib.util
import math
import unicodedata
from functools import lru_cache
from pathlib import Path

# Languages whose wordfreq preprocessing is case folding and NFC only (no mark
# removal, transliteration or special casing: wordfreq.language_info), so that
# a plain word is its own single token.
PLAIN_LANGS = frozenset({"de", "en", "es", "fr", "it", "nl", "pt"})
# The last Latin letter before the IPA block: wordfreq's tokenizer treats every
# such letter run as one word in the languages above.
_LATIN_END = "\u024f"


def zipf(word: str, lang: str) -> float:
    """``wordfreq.zipf_frequency(word, lang)``: 0.0 for an unknown word, else 0-8 (Zipf scale).

    Raises what wordfreq raises for a language it has no list for (LookupError).
    """
    buckets = _buckets(lang) if lang in PLAIN_LANGS and plain(word) else None
    if buckets is None:
        from wordfreq import zipf_frequency

        return zipf_frequency(word, lang)
    index = buckets.get(word)
    return 0.0 if index is None else bucket_zipf(index)


def plain(word: str) -> bool:
    """A word wordfreq tokenizes as itself: Latin letters only, case-folded, NFC."""
    return (
        word.isalpha()
        and max(word) <= _LATIN_END
        and word == word.casefold()
        and unicodedata.is_normalized("NFC", word)
    )


@lru_cache(maxsize=1024)
def bucket_zipf(index: int) -> float:
    """The Zipf value wordfreq reports for a word of bucket ``index`` (its -centibels).

    Frequency ``10 ** (-index / 100)`` (``cB_to_freq``), rounded to three
    significant digits (``word_frequency``), then ``log10 + 9`` rounded to two
    decimals (``zipf_frequency``, ``freq_to_zipf``).
    """
    freq = max(10 ** (-index / 100), 1e-9)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


@lru_cache(maxsize=16)
def _buckets(lang: str) -> dict[str, int] | None:
    """word -> bucket index of wordfreq's best list for ``lang``; None when it has no file.

    The best list is ``large_<lang>`` where wordfreq ships one, else
    ``small_<lang>`` (``wordfreq.available_languages``). A word listed twice
    keeps its last bucket, as ``get_frequency_dict`` does.
    """
    data = _data_dir()
    if data is None:
        return None
    path = next(
        (p for p in (data / f"large_{lang}.msgpack.gz", data / f"small_{lang}.msgpack.gz")
         if p.is_file()),
        None,
    )  # fmt: skip
    if path is None:
        return None
    import msgpack

    with gzip.open(path, "rb") as f:
        pack = msgpack.load(f, raw=False)
    header = pack[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None  # a format this module does not know: let wordfreq read it
    buckets: dict[str, int] = {}
    for index, words in enumerate(pack[1:]):
        buckets.update(dict.fromkeys(words, index))
    return buckets


def _data_dir() -> Path | None:
    """wordfreq's data folder, found without importing wordfreq (None: not installed)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"
