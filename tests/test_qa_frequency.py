"""Zipf frequencies read from wordfreq's data files: the same answers as wordfreq."""

from __future__ import annotations

import gzip
import os

import pytest
import wordfreq

from pipeline.qa import frequency


def assert_as_wordfreq(words: list[str], lang: str) -> None:
    """Every word's Zipf value is wordfreq's own (``zipf_frequency``)."""
    differ = [w for w in words if frequency.zipf(w, lang) != wordfreq.zipf_frequency(w, lang)]
    assert not differ, (lang, differ[:10])


@pytest.fixture(autouse=True)
def no_list_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """wordfreq's files read here, not the user's cache (the cache's tests name a folder)."""
    monkeypatch.setenv("MTPIPE_CACHE_DIR", "off")


@pytest.fixture(params=["bisect", "dict", "cached bisect", "cached dict"])
def lookup(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path_factory
) -> str:
    """Every way a word is found: bisecting the buckets, then (a long run) one dict; and
    both again in a list read back from the cache folder."""
    dict_after = 0 if request.param.endswith("dict") else 10**9
    monkeypatch.setattr(frequency._Buckets, "DICT_AFTER", dict_after)
    if request.param.startswith("cached"):
        monkeypatch.setenv("MTPIPE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "lists"))
        for lang in ("it", "en", "fr"):  # written by a first run, read by this one
            frequency._buckets.cache_clear()
            frequency._buckets(lang, "large")
    frequency._buckets.cache_clear()
    yield request.param
    if request.param.startswith("cached"):
        assert isinstance(frequency._buckets("it", "large"), frequency._Sorted)
    frequency._buckets.cache_clear()


@pytest.mark.parametrize("lang", ["it", "en", "fr"])
def test_zipf_equals_wordfreq_on_its_own_lists(lang: str, lookup: str) -> None:
    """Every bucket's words, frequent and rare, capitalised and not, agree with wordfreq."""
    words = [w for bucket in wordfreq.get_frequency_list(lang) for w in bucket]
    sample = words[:500] + words[500::211]
    sample += [w.capitalize() for w in words[:100]]
    plain = [w.lower() for w in sample if frequency.plain(w.lower())]
    assert len(plain) > 0.9 * len(sample)  # the fast path is what is being compared
    assert_as_wordfreq([w.lower() for w in sample], lang)


@pytest.mark.parametrize("lang", ["it", "en"])
def test_hyphenated_compounds_equal_wordfreq(lang: str, lookup: str) -> None:
    """Mosca-Pyongyang, anglo-americano: parts known and unknown, two and three of them."""
    words = [w for bucket in wordfreq.get_frequency_list(lang) for w in bucket if w.isalpha()]
    sample = words[:300:3] + words[5000::4999]
    compounds = [f"{a}-{b}" for a, b in zip(sample, reversed(sample), strict=True)]
    compounds += ["mosca-pyongyang", "zzqqxx-casa", "a-b-c", "anglo-americano-francese"]
    assert_as_wordfreq(compounds, lang)


@pytest.mark.parametrize(
    "word",
    [
        "straße",
        "l'anno",
        "naïve",
        "œuvre",
        "2008",
        "g8",
        "ﬁne",
        "ǆ",
        "zzqqxx",
        "méli-mélo",
        "-casa",
        "casa--casa",
        "ıi",
        "1,5",
        "3.5%",
        "c'è",
        "aujourd'hui",
        "rock'n'roll",
        "l’italia",
    ],
)
def test_words_that_are_not_plain_get_wordfreq_s_answer(word: str) -> None:
    """Ligatures, digits, apostrophes, hyphens, unfolded case: what tokenizing changes."""
    assert frequency.zipf(word, "fr") == wordfreq.zipf_frequency(word, "fr")


@pytest.mark.parametrize("word", ["straße", "l'anno", "2008", "ﬁne", "a-b", "Casa", "е"])
def test_plain_words_are_latin_letters_folded(word: str) -> None:
    assert not frequency.plain(word)


def test_an_unknown_word_is_zero_and_a_language_without_a_file_asks_wordfreq() -> None:
    assert frequency.zipf("qzxqzxqzx", "it") == 0.0
    assert frequency.zipf("talo", "fi") == wordfreq.zipf_frequency("talo", "fi")


def test_plain_words_of_the_news_languages_need_no_wordfreq_import(fresh_python) -> None:
    """The point of the module: QA's start-up without wordfreq's imports (issue 15)."""
    code = (
        "import sys\n"
        "from pipeline.qa.frequency import zipf\n"
        "assert zipf('casa', 'it') > 4 and zipf('belousov', 'en') < 2\n"
        "print('wordfreq' in sys.modules)\n"
    )
    assert fresh_python(code) == "False"


def test_qa_of_a_name_written_with_an_apostrophe_needs_no_wordfreq_import(fresh_python) -> None:
    """A full name opening a sentence (``Dell'Utri Marcello``) had its first word looked up
    whole: wordfreq's tokenizer was imported, half a second of a run with QA on."""
    code = (
        "import sys\n"
        "from pipeline.qa import check_pair\n"
        'src = "Dell\'Utri Marcello ha parlato ieri a Denver davanti a tremila persone."\n'
        "tgt = 'He spoke yesterday in Denver in front of three thousand people.'\n"
        "assert check_pair(src, tgt, 'it', 'en')\n"
        "print('wordfreq' in sys.modules)\n"
    )
    assert fresh_python(code) == "False"


@pytest.mark.parametrize("lang", ["it", "en"])
def test_words_with_single_digits_equal_wordfreq(lang: str) -> None:
    """mp3, g8, h1n1 are looked up as written (wordfreq smashes only runs of digits)."""
    words = [w for b in wordfreq.get_frequency_list(lang) for w in b if any(c.isdigit() for c in w)]
    sample = [w for w in words if frequency.plain(w)][:400] + ["mp3", "g8", "h1n1", "3d"]
    assert len(sample) > 100
    assert_as_wordfreq(sample, lang)
    assert not frequency.plain("2008") and not frequency.plain("covid19")


def test_a_word_for_wordfreq_s_tokenizer_still_builds_no_wordfreq_dict(fresh_python) -> None:
    """dell'anno is split by wordfreq's tokenizer, but looked up in the buckets read here."""
    code = (
        "from pipeline.qa.frequency import zipf\n"
        "value = zipf(\"dell'anno\", 'it')\n"
        "import wordfreq\n"
        "print(wordfreq.get_frequency_list.cache_info().currsize, value > 0)\n"
    )
    assert fresh_python(code).split() == ["0", "True"]


@pytest.mark.parametrize("lang", ["de", "es", "pt"])
def test_common_only_answers_as_wordfreq_above_zipf_3_and_never_above_it_below(lang: str) -> None:
    """The small list (a third language's names) gives wordfreq's value for every word
    above Zipf 3, and at most 3 for the others, frequent, rare and compound alike."""
    words = [w for bucket in wordfreq.get_frequency_list(lang) for w in bucket if w.isalpha()]
    sample = words[:2000:7] + words[2000::997]
    sample += [f"{a}-{b}" for a, b in zip(sample[:50], sample[50:100], strict=True)]
    for word in sample:
        full = wordfreq.zipf_frequency(word, lang)
        small = frequency.zipf(word, lang, common_only=True)
        assert small == full if full > 3 else small <= 3, (word, full, small)
    rare = [w for w in sample if 0 < wordfreq.zipf_frequency(w, lang) <= 3]
    assert rare and all(frequency.zipf(w, lang, common_only=True) == 0.0 for w in rare)


@pytest.mark.parametrize("lang", ["it", "en", "fr"])
def test_small_list_is_the_large_lists_head(lang: str) -> None:
    """wordfreq's small list is its large list cut at Zipf 3, bucket for bucket: what lets a
    large list answer its frequent words from the small list's dict."""
    large = frequency._buckets(lang, "large")._build()
    small = frequency._buckets(lang, "small")._build()
    assert small and all(large.get(w) == i for w, i in small.items())
    assert {w for w, i in large.items() if i < 600} == set(small)


def _pack(buckets: dict[int, list[str]], size: int) -> list[list[str]]:
    return [sorted(buckets.get(i, [])) for i in range(size)]


@pytest.mark.parametrize("head_words", [["casa", "di"], ["casa", "di", "extra"]])
def test_a_large_list_answers_alike_with_or_without_its_head(
    head_words: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found in the head, past it or nowhere: the same answers as the whole list bisected,
    whether the head matches (used) or not (ignored)."""
    monkeypatch.setattr(frequency._Buckets, "DICT_AT_ONCE", 0)
    large = _pack({1: ["casa", "di"], 3: ["gatto"], 4: ["zebra"]}, 5)
    head = frequency._Buckets(_pack({1: head_words}, 2))
    head._dict = head._build()
    with_head = frequency._Buckets(large, head)
    alone = frequency._Buckets(large)
    assert bool(with_head._head) == (head_words == ["casa", "di"])
    for word in ("casa", "di", "gatto", "zebra", "cane"):
        assert with_head.get(word) == alone.get(word)
    assert with_head.get("casa") == 1 and with_head.get("zebra") == 4
    assert with_head._build() == alone._build()


def test_a_word_listed_twice_keeps_its_last_bucket_without_a_head(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As wordfreq.get_frequency_dict: the rarer bucket wins, bisected or as a dict."""
    monkeypatch.setattr(frequency._Buckets, "DICT_AT_ONCE", 0)
    buckets = frequency._Buckets(_pack({1: ["casa", "di"], 4: ["casa"]}, 5))
    assert buckets.get("casa") == 4 and buckets.get("di") == 1
    assert buckets._build()["casa"] == 4


@pytest.mark.parametrize("lang", ["it", "en", "fr"])
def test_a_large_list_asks_its_head_before_bisecting(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frequent word (in the small list) is answered without a bisection: the cost that
    made names the dearest part of QA per segment; a rare word still bisects."""
    monkeypatch.setattr(frequency._Buckets, "DICT_AFTER", 10**9)
    frequency._buckets.cache_clear()
    try:
        large = frequency._buckets(lang, "large")
        assert large._head, "the large list should use the small list as its head"
        calls: list[str] = []
        real = frequency.bisect.bisect_left
        monkeypatch.setattr(
            frequency.bisect, "bisect_left", lambda a, x: calls.append(x) or real(a, x)
        )
        frequent = next(iter(large._head))
        assert large.get(frequent) == large._head[frequent] and not calls
        assert large.get("zzxqwv") is None and calls
    finally:
        frequency._buckets.cache_clear()


@pytest.fixture
def list_cache(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """A cache folder of this test's own, and no list read before it."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("MTPIPE_CACHE_DIR", str(folder))
    frequency._buckets.cache_clear()
    yield folder
    frequency._buckets.cache_clear()


def _some_words(lang: str) -> list[str]:
    words = [w for bucket in wordfreq.get_frequency_list(lang, "small") for w in bucket]
    return words[:200] + words[200::97] + ["zzqqxx", "belousov", "a", ""]


def test_a_list_read_once_is_cached_and_read_back_with_the_same_answers(list_cache) -> None:
    """Miss: the list is read from wordfreq's file and written to the cache folder; hit:
    the next process (here: a cleared lru_cache) reads the cache file, same answers."""
    first = frequency._buckets("es", "small")
    assert isinstance(first, frequency._Buckets)
    assert [p.name.split("-")[0] for p in (list_cache / "wordfreq").iterdir()] == ["small_es"]
    frequency._buckets.cache_clear()
    again = frequency._buckets("es", "small")
    assert isinstance(again, frequency._Sorted)
    words = _some_words("es")
    assert [again.get(w) for w in words] == [first.get(w) for w in words]
    assert again._build() == first._build()


def test_a_stale_cache_file_is_not_read(list_cache, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another wordfreq (its version is in the key) gets a file of its own."""
    frequency._buckets("pt", "small")
    frequency._buckets.cache_clear()
    monkeypatch.setattr(frequency, "_wordfreq_version", lambda package: "wordfreq-9.9.dist-info")
    assert isinstance(frequency._buckets("pt", "small"), frequency._Buckets)
    assert len(list((list_cache / "wordfreq").iterdir())) == 2


def _stored_list(path, words: list[list[str]]) -> None:
    """A wordfreq cB list file of ``words`` (bucket by bucket), gzip-stored uncompressed
    so that a word swapped for one of the same length keeps the file's size."""
    import msgpack

    pack = [{"format": "cB", "version": 1}, *words]
    path.write_bytes(gzip.compress(msgpack.packb(pack), compresslevel=0, mtime=0))


@pytest.mark.parametrize("swap", [("gatto", "gatta"), ("cane", "pane")])
def test_a_list_edited_with_its_size_and_time_kept_is_read_again(
    list_cache, tmp_path, monkeypatch: pytest.MonkeyPatch, swap: tuple[str, str]
) -> None:
    """The cache key is the list's content: an edit that keeps the file's size and its
    modification time (a list put back with ``cp -p``, or two writes in one clock tick)
    served the old words from the cache when the key was (path, size, mtime_ns)."""
    data = tmp_path / "wordfreq" / "data"
    data.mkdir(parents=True)
    monkeypatch.setattr(frequency, "_data_dir", lambda: data)
    listed = data / "small_it.msgpack.gz"
    old, new = swap
    _stored_list(listed, [[], [], [old, "zebra"]])
    stamp = listed.stat()
    assert frequency._buckets("it", "small").get(old) == 2
    frequency._buckets.cache_clear()
    assert isinstance(frequency._buckets("it", "small"), frequency._Sorted)  # from the cache
    frequency._buckets.cache_clear()
    _stored_list(listed, [[], [], sorted([new, "zebra"])])
    os.utime(listed, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert listed.stat().st_size == stamp.st_size
    again = frequency._buckets("it", "small")
    assert (again.get(new), again.get(old)) == (2, None)


@pytest.mark.parametrize(
    "damage",
    [b"", b"not marshal at all", b"\xe9\x00\x01", "truncated", "wrong shape", "other key"],
)
def test_a_corrupt_cache_file_falls_back_to_wordfreq_s_file(list_cache, damage) -> None:
    """Empty, garbage, cut short, another layout or another list's key: read wordfreq's
    file as without a cache (same answers, no error), and the file is written anew."""
    import marshal

    expected = frequency._buckets("nl", "small")
    (cached,) = (list_cache / "wordfreq").iterdir()
    whole = cached.read_bytes()
    key, blob, starts, indexes = marshal.loads(whole)
    data = {
        "truncated": whole[: len(whole) // 2],
        "wrong shape": marshal.dumps((key, blob)),
        "other key": marshal.dumps((("x",), blob, starts, indexes)),
    }.get(damage, damage)
    cached.write_bytes(data)
    frequency._buckets.cache_clear()
    fallback = frequency._buckets("nl", "small")
    assert isinstance(fallback, frequency._Buckets)
    words = _some_words("nl")
    assert [fallback.get(w) for w in words] == [expected.get(w) for w in words]
    assert cached.read_bytes() == whole


def test_an_unwritable_cache_folder_is_no_error(tmp_path, monkeypatch) -> None:
    """A cache 'folder' that is a file: the list is read from wordfreq's file, nothing
    raised, and nothing written beside it."""
    blocker = tmp_path / "cache"
    blocker.write_text("a file, not a folder")
    monkeypatch.setenv("MTPIPE_CACHE_DIR", str(blocker))
    frequency._buckets.cache_clear()
    try:
        assert frequency.zipf("casa", "it", common_only=True) == wordfreq.zipf_frequency(
            "casa", "it"
        )
    finally:
        frequency._buckets.cache_clear()
    assert [p.name for p in tmp_path.iterdir()] == ["cache"]
