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
plain words and hyphenated compounds of them itself; every other word, and every language outside
:data:`PLAIN_LANGS`, is asked of wordfreq. tests/test_qa_resources.py pins
the two paths to the same value on thousands of words of each language.

Decoding a large list (gzip, msgpack, 320,000 strings in 560 lists) costs
0.07-0.08 s of CPU and a small one 0.01-0.02 s, and a run with QA on reads
up to nine of them (issue 15). So each list, once read, is also written to a
user cache folder (:func:`pipeline.cache.cache_dir`: ``$MTPIPE_CACHE_DIR``, else
``$XDG_CACHE_HOME/mtpipe``, else ``~/.cache/mtpipe``; ``MTPIPE_CACHE_DIR=off``
turns it off) as its words sorted in one string with their buckets
(:class:`_Sorted`), which later runs read in about a millisecond and bisect in
place. A cache file is keyed by wordfreq's version and the list files' names,
sizes and SHA-256 hashes (their content, never a modification time: see
:mod:`pipeline.cache`); one that is missing, stale, unreadable or
unwritable is no error: the list is read from wordfreq's file as before.
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import importlib.util
import marshal
import math
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from pipeline.cache import cache_dir, write_cache_file

# Languages whose wordfreq preprocessing is case folding and NFC only (no mark
# removal, transliteration or special casing: wordfreq.language_info), so that
# a plain word is its own single token.
PLAIN_LANGS = frozenset({"de", "en", "es", "fr", "it", "nl", "pt"})
# The last Latin letter before the IPA block: wordfreq's tokenizer treats every
# such letter run as one word in the languages above.
_LATIN_END = "\u024f"
_SINGLE_DIGIT = re.compile(r"[0-9]")
_DIGIT_RUN = re.compile(r"[0-9]{2}")  # wordfreq.numbers.smash_numbers: runs of 2+ digits


def zipf(word: str, lang: str, *, common_only: bool = False) -> float:
    """``wordfreq.zipf_frequency(word, lang)``: 0.0 for an unknown word, else 0-8 (Zipf scale).

    A hyphenated compound of plain words is wordfreq's tokens joined: its
    frequency is ``1 / sum(1 / f)`` over the parts, 0 when a part is unknown
    (``wordfreq._word_frequency``). Another word is split by wordfreq's own
    tokenizer (importing wordfreq) but still looked up here, which spares
    building wordfreq's 320,000-word dict. Raises what wordfreq raises for a
    language it has no list for (LookupError).

    ``common_only``: read wordfreq's *small* list of a plain language, the words
    of frequency above one per million (Zipf above 3; its last bucket is 599
    centibels), at about a tenth of the large list's load (0.02 s against 0.2 s
    per language here): the same value for a word above Zipf 3, at most 3 for
    any other. For callers that only ask whether a word is above Zipf 3.
    """
    size = "small" if common_only else "large"
    buckets = _buckets(lang, size) if lang in PLAIN_LANGS else None
    parts = word.split("-")
    if buckets is not None and not all(map(plain, parts)):
        parts = _tokens(word, lang)  # wordfreq's own tokenizer, for apostrophes and the like
    if buckets is None or parts is None:
        from wordfreq import zipf_frequency

        return zipf_frequency(word, lang)
    indexes = [buckets.get(p) for p in parts]
    if None in indexes:
        return 0.0
    if len(indexes) == 1:
        return bucket_zipf(indexes[0])
    return _rounded_zipf(1.0 / sum(1.0 / 10 ** (-i / 100) for i in indexes))


def _tokens(word: str, lang: str) -> list[str] | None:
    """wordfreq's tokens of ``word`` when each is looked up as written; None otherwise
    (no token, or a run of digits, which wordfreq smashes and weights)."""
    from wordfreq import lossy_tokenize, smash_numbers

    tokens = lossy_tokenize(word, lang)
    return tokens if tokens and all(smash_numbers(t) == t for t in tokens) else None


def plain(word: str) -> bool:
    """A word wordfreq tokenizes as itself and looks up as written: Latin letters,
    case-folded, NFC, and single ASCII digits between them (mp3, g8; a run of digits,
    2008, is smashed to 0000 and weighted by wordfreq, so it is left to wordfreq)."""
    letters = _SINGLE_DIGIT.sub("", word)
    return (
        letters.isalpha()
        and max(letters) <= _LATIN_END
        and word == word.casefold()
        and unicodedata.is_normalized("NFC", word)
        and not _DIGIT_RUN.search(word)
    )


@lru_cache(maxsize=1024)
def bucket_zipf(index: int) -> float:
    """The Zipf value wordfreq reports for a word of bucket ``index`` (its -centibels).

    Frequency ``10 ** (-index / 100)`` (``cB_to_freq``), rounded to three
    significant digits (``word_frequency``), then ``log10 + 9`` rounded to two
    decimals (``zipf_frequency``, ``freq_to_zipf``).
    """
    return _rounded_zipf(10 ** (-index / 100))


def _rounded_zipf(freq: float) -> float:
    """A frequency (0-1) on the Zipf scale as wordfreq rounds it (see :func:`bucket_zipf`)."""
    freq = max(freq, 1e-9)
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)
    return round(math.log(freq, 10) + 9, 2)


class _Buckets:
    """wordfreq's list of one language: word -> bucket index (its -centibels).

    A run asks about few words (the speed benchmark's 150 sentences with QA on:
    137 distinct words over two languages), so words are first found by
    bisecting the sorted buckets (about 0.1 ms each) instead of building a
    dict of 320,000 words (about 0.1 s per language); after
    :data:`DICT_AFTER` lookups the dict is built, for long runs. A large list
    whose first buckets are the language's small list (``head``, a dict already
    read for the third-language rule) asks the head first and bisects only its
    rarer buckets (200 of about 560) for a word the head lacks: a cBpack file
    gives each word one frequency (``wordfreq.read_cBpack``; tests/
    test_qa_frequency.py pins the head's words to their large-list buckets), so
    a word found there is not looked for again, which spares most names (Zipf
    3-5) 200 bisections (QA's cost per segment, issue 15). Without a head, a
    word listed twice keeps its last bucket, as ``wordfreq.get_frequency_dict``
    does.
    """

    DICT_AFTER = 2000
    # A list this short (wordfreq's small lists: 29,000-39,000 words) is a dict at once:
    # about 0.01 s to build against 0.5 ms per bisected lookup over its ~230 buckets.
    DICT_AT_ONCE = 50_000

    def __init__(self, pack: list[list[str]], head: _Buckets | None = None) -> None:
        self._last_first = [(i, words) for i, words in enumerate(pack) if words][::-1]
        self._lookups = 0
        self._dict: dict[str, int] | None = None
        self._head: dict[str, int] = {}
        if sum(len(words) for _, words in self._last_first) <= self.DICT_AT_ONCE:
            self._dict = self._build()
        elif head is not None and head._dict is not None and self._starts_with(head):
            # Bisect only the buckets past the head; the head's words are one dict lookup.
            self._head = head._dict
            self._last_first = self._last_first[: -len(head._last_first)]

    def _starts_with(self, head: _Buckets) -> bool:
        """Whether ``head`` (a small list) holds this list's first buckets, word for word.

        wordfreq's small list of a language is its large list cut at Zipf 3
        (tests/test_qa_frequency.py pins it word for word on the installed data);
        equal bucket sizes are checked here, cheaply, before relying on it.
        """
        mine = self._last_first[-len(head._last_first) :] if head._last_first else []
        sizes = [(i, len(words)) for i, words in mine]
        return bool(mine) and sizes == [(i, len(words)) for i, words in head._last_first]

    def _build(self) -> dict[str, int]:
        built = dict(self._head)
        for index, words in reversed(self._last_first):
            built.update(dict.fromkeys(words, index))
        return built

    def get(self, word: str) -> int | None:
        if self._dict is not None:
            return self._dict.get(word)
        if (found := self._head.get(word)) is not None:
            return found
        self._lookups += 1
        if self._lookups > self.DICT_AFTER:
            built = self._build()
            self._dict = built  # whole before it is seen: QA's warm-up thread shares it
            return built.get(word)
        for index, words in self._last_first:  # a word listed twice: its last bucket wins
            at = bisect.bisect_left(words, word)
            if at < len(words) and words[at] == word:
                return index
        return None


def preload(langs: Iterable[str], *, common_only: bool = False) -> None:
    """Read the lists :func:`zipf` would read for ``langs`` now (QA's warm-up, in a thread
    beside the model load) rather than at the first word asked; a language without a
    list here is skipped (:func:`zipf` asks wordfreq about it)."""
    for lang in langs:
        if lang in PLAIN_LANGS:
            _buckets(lang, "small" if common_only else "large")


@lru_cache(maxsize=32)
def _buckets(lang: str, size: str = "large") -> _Buckets | _Sorted | None:
    """wordfreq's ``size`` list for ``lang``; None when it has no file or an unknown format.

    ``large``: the best list, ``large_<lang>`` where wordfreq ships one, else
    ``small_<lang>`` (``wordfreq.available_languages``); ``small``: the small
    list only. Each bucket is sorted (``wordfreq.read_cBpack``). Read from the
    user cache when it holds this list (see the module docstring), else from
    wordfreq's file, and then cached for the next run.
    """
    data = _data_dir()
    if data is None:
        return None
    names = ("large", "small") if size == "large" else ("small",)
    path = next((p for p in (data / f"{n}_{lang}.msgpack.gz" for n in names) if p.is_file()), None)
    if path is None:
        return None
    key = _cache_key(path)
    cached = _read_cache(key) if key else None
    if cached is not None:
        return cached
    import msgpack

    with gzip.open(path, "rb") as f:
        pack = msgpack.load(f, raw=False)
    header = pack[0]
    if not isinstance(header, dict) or header.get("format") != "cB" or header.get("version") != 1:
        return None  # a format this module does not know: let wordfreq read it
    head = _buckets(lang, "small") if size == "large" and path.name.startswith("large") else None
    if isinstance(head, _Sorted):  # the small list came from the cache: no head dict to share
        head = None
    buckets = _Buckets(pack[1:], head)
    if key:
        _write_cache(key, buckets._build())
    return buckets


def _data_dir() -> Path | None:
    """wordfreq's data folder, found without importing wordfreq (None: not installed)."""
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


class _Words:
    """The i-th word of a :class:`_Sorted` list, sliced from its one string on demand
    (what ``bisect`` needs: ``len`` and indexing), so no string is made per word at load."""

    def __init__(self, blob: str, starts: array) -> None:
        self._blob = blob
        self._starts = starts

    def __len__(self) -> int:
        return len(self._starts) - 1

    def __getitem__(self, i: int) -> str:
        return self._blob[self._starts[i] : self._starts[i + 1] - 1]


class _Sorted:
    """A list read from the user cache: every word once, sorted, with its bucket (the
    answer :meth:`_Buckets.get` gives); one bisection per lookup, a dict after
    :attr:`_Buckets.DICT_AFTER` lookups as there."""

    def __init__(self, blob: str, starts: array, indexes: array) -> None:
        self._words = _Words(blob, starts)
        self._blob = blob
        self._indexes = indexes
        self._lookups = 0
        self._dict: dict[str, int] | None = None

    def _build(self) -> dict[str, int]:
        return dict(zip(self._blob[:-1].split("\n"), self._indexes, strict=True))

    def get(self, word: str) -> int | None:
        if self._dict is not None:
            return self._dict.get(word)
        self._lookups += 1
        if self._lookups > _Buckets.DICT_AFTER:
            built = self._build()
            self._dict = built  # whole before it is seen: QA's warm-up thread shares it
            return built.get(word)
        at = bisect.bisect_left(self._words, word)
        return self._indexes[at] if at < len(self._words) and self._words[at] == word else None


# Bump when the cache file's layout changes; with the array layout it is part of each key.
_CACHE_FORMAT = 1
_ARRAYS = ("I", "H")


def _cache_key(path: Path) -> tuple | None:
    """What a cache file of ``path``'s list must match: the layout, wordfreq's version and
    every list file it was read from (the small list too: a large list's head)."""
    folder = cache_dir()
    if folder is None:
        return None
    files = [path]
    if path.name.startswith("large_"):
        files.append(path.with_name("small_" + path.name[len("large_") :]))
    try:
        stats = [_content_key(p) for p in files if p.exists()]
    except OSError:
        return None
    layout = (_CACHE_FORMAT, sys.byteorder, *(array(t).itemsize for t in _ARRAYS))
    return (layout, _wordfreq_version(path.parent.parent), *stats)


def _content_key(path: Path) -> tuple[str, int, str]:
    """A list file's name, size and SHA-256 (pipeline.cache's rule: a key is the content).

    Its modification time was the key: a list replaced by one of the same size within one
    clock tick, or put back with its old time (``cp -p``, ``touch -d``), was served from
    the old cache in every later run. Hashing a list costs about 1 ms per MB (a large list
    is 1-4.5 MB), once per list and process, next to the 70-80 ms its decoding costs.
    """
    data = path.read_bytes()
    return path.name, len(data), hashlib.sha256(data).hexdigest()


def _wordfreq_version(package: Path) -> str:
    """wordfreq's version from its dist-info folder's name (importing importlib.metadata
    or wordfreq would cost more than the cache saves)."""
    try:
        found = sorted(p.name for p in package.parent.glob("wordfreq-*.dist-info"))
    except OSError:
        return ""
    return found[-1] if found else ""


def _cache_file(key: tuple) -> Path:
    folder = cache_dir()
    assert folder is not None
    name = Path(key[2][0]).name.removesuffix(".msgpack.gz")
    digest = hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:16]
    return folder / "wordfreq" / f"{name}-{digest}.marshal"


def _read_cache(key: tuple) -> _Sorted | None:
    """The cached list for ``key``; None when there is none or it is not whole and current."""
    try:
        with open(_cache_file(key), "rb") as f:
            stored = marshal.load(f)
        got_key, blob, starts_bytes, indexes_bytes = stored
        if got_key != key or not isinstance(blob, str):
            return None
        starts, indexes = array(_ARRAYS[0]), array(_ARRAYS[1])
        starts.frombytes(starts_bytes)
        indexes.frombytes(indexes_bytes)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    ok = len(starts) == len(indexes) + 1 and (not indexes or starts[-1] == len(blob))
    return _Sorted(blob, starts, indexes) if ok and starts and starts[0] == 0 else None


def _write_cache(key: tuple, mapping: dict[str, int]) -> None:
    """Write ``mapping`` (word -> bucket) for ``key``, atomically; a folder that cannot be
    written, or a word the layout cannot hold, leaves no cache and no error."""
    words = sorted(mapping)
    if any("\n" in w for w in words) or (mapping and max(mapping.values()) > 0xFFFF):
        return
    starts = array(_ARRAYS[0], [0])
    for word in words:
        starts.append(starts[-1] + len(word) + 1)
    blob = "".join(w + "\n" for w in words)
    indexes = array(_ARRAYS[1], [mapping[w] for w in words])
    data = marshal.dumps((key, blob, starts.tobytes(), indexes.tobytes()))
    write_cache_file(_cache_file(key), data)
