"""Names across languages: which capitalised words are names, and whether two spellings agree.

A name may legitimately change between languages in a few regular ways, and
the matcher accepts each of them:

- inflection and exonyms that keep the stem (``Israele``/``Israël``,
  ``Damasco``/``Damas``, ``Congresso``/``Congress``): a shared folded prefix;
- transliteration variants (``Wasjunik``/``Vasyunik``, ``Thay-Wan``/``Taiwan``,
  ``Beloúsov``/``Belooussov``): equal or near-equal :func:`skeleton` keys
  (difflib ratio);
- acronyms whose letters are reordered by the language (``HIV``/``VIH``,
  ``AIDS``/``SIDA``) or dotted (``U.S.``/``USA``);
- names CLDR translates (countries, languages, months, weekdays) and
  configured exonyms (:mod:`pipeline.qa.resources`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from rapidfuzz.distance import Indel

from pipeline.qa import text
from pipeline.qa.resources import frequent_words, thresholds

# Transliteration-insensitive rewrites, applied in order to a folded word.
_SKELETON = (
    (r"[^a-z]", ""),
    (r"(.)\1+", r"\1"),  # doubled letters
    (r"ph", "f"),
    (r"th", "t"),
    (r"ck", "k"),
    (r"ou", "u"),
    (r"w", "v"),
    (r"[jy]", "i"),
    (r"k", "c"),
    (r"z", "s"),
    (r"h", ""),
    (r"(.)\1+", r"\1"),
)
_NAME_CHARS = re.compile(r"[^\W\d_][\w’'.-]*", re.UNICODE)
ROMAN = re.compile(r"[IVXLC]+")


@lru_cache(maxsize=65536)
def skeleton(word: str) -> str:
    """A spelling key that ignores accents and common transliteration choices.

    ``Wasjunik`` and ``Vasyunik`` -> ``vasiunic``; ``Thay-Wan`` and ``Taiwan`` -> ``taivan``.
    """
    out = text.fold(word)
    for pattern, repl in _SKELETON:
        out = re.sub(pattern, repl, out)
    return out


def is_acronym(word: str) -> bool:
    """All capitals (dots allowed), two letters or more: ``KCNA``, ``U.S.``."""
    letters = word.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _acronyms_agree(a: str, b: str) -> bool:
    """Same letters in another order (HIV/VIH, NATO/OTAN), or one letter more (ONU/UN, USA/US).

    Accents do not count: CEZ is ČEZ.
    """
    x, y = sorted((text.fold(w.replace(".", "")).upper() for w in (a, b)), key=len)
    if len(x) < 2 or len(y) - len(x) > 1:
        return False
    rest = list(y)
    for c in x:
        if c not in rest:
            return False
        rest.remove(c)
    return True


def _ratio_at_least(a: str, b: str, threshold: float) -> bool:
    """``SequenceMatcher.ratio() >= threshold``, with a cheap upper bound checked first.

    rapidfuzz's Indel similarity, ``2 * LCS / (len(a) + len(b))`` in C, bounds
    difflib's ratio from above (difflib's matching blocks are one common
    subsequence), so below the threshold it is the answer; QA's cost, issue 15.
    """
    if Indel.normalized_similarity(a, b) < threshold - 1e-9:
        return False
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= threshold


@lru_cache(maxsize=262144)
def same_name(a: str, b: str, similarity: float = 0.75) -> bool:
    """Whether words ``a`` and ``b`` may be one name in two languages (see the module doc)."""
    if is_acronym(a) and (is_acronym(b) or len(b) == len(a)):  # HIV/VIH, AIDS/sida
        return _acronyms_agree(a, b)
    if is_acronym(a) and len(a) >= 2 and a in b:  # WestLB holds LB
        return True
    fa, fb = text.fold(a).replace("-", ""), text.fold(b).replace("-", "")
    if not fa or not fb:
        return False
    if fa == fb:
        return True
    short, long_ = sorted((fa, fb), key=len)
    if (
        len(short) >= 4
        and long_.startswith(short[: max(4, len(short) - 2)])
        and (
            long_.startswith(short if short[-1] not in "aeiouy" else short[:-1])
            or _ratio_at_least(short, long_, 0.7)
        )
    ):
        return True  # Israele/Israël, Damasco/Damas, Sudeti/Sudetenland; not Minsk/Minister
    sa, sb = skeleton(a), skeleton(b)
    if sa == sb and len(sa) >= 3:
        return True
    if min(len(sa), len(sb)) < 4:
        return False
    return _ratio_at_least(sa, sb, similarity)


def spells_out(acronym: str, s: str) -> bool:
    """Whether ``s`` has a run of words whose initials give ``acronym``.

    ``FITSA`` is "Fondation Institut Technologique pour la Sécurité de
    l'Automobile": short lower-case words (articles, prepositions) are skipped. The
    initials may come in another order where the run is written as a name, with a capital
    (NATO, "Organisation du Traité de l'Atlantique Nord"); common words in lower case give
    them in order ("prodotto interno lordo"): "par satellite, pour qu'il puisse guider"
    spells no GPS (round 37).
    """
    letters = acronym.replace(".", "").upper()
    if len(letters) < 3:
        return False
    words = [re.split(r"['’]", w)[-1] for w in tokens(s, parts=False)]
    kept = [w for w in words if len(w) > 4 or (w[:1].isupper() and len(w) > 1)]
    initials = "".join(w[0].upper() for w in kept)
    n = len(letters)
    return any(
        sorted(initials[i : i + n]) == sorted(letters)
        and (initials[i : i + n] == letters or any(w[:1].isupper() for w in kept[i : i + n]))
        for i in range(len(initials) - n + 1)
    )


def tokens(s: str, parts: bool = True) -> list[str]:
    r"""Word tokens of ``s`` for matching: whole (``Coca-Cola``) and by hyphenated part.

    In NFC: a combining accent is no ``\w``, so a name written decomposed (``Müller`` as
    ``u`` + U+0308, as macOS and some editors write it) was cut into ``Mu`` and ``ller``
    and never matched the composed name of the other side (a named_entity false alarm)."""
    s = unicodedata.normalize("NFC", s)
    out = []
    for m in _NAME_CHARS.finditer(s):
        word = m.group(0).strip(".’'-")
        out.append(word)
        if parts and re.search(r"[-'’]", word):  # Coca-Cola, all'agenzia
            out.extend(part for part in re.split(r"[-'’]", word) if len(part) > 1)
    return out


def _locale(tag: str):  # noqa: ANN202  (babel.Locale, imported lazily)
    """Babel's locale for a BCP 47 ``tag`` (``pt-BR`` too), None where CLDR has no data."""
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


@lru_cache(maxsize=16)
def renamings(src_lang: str, tgt_lang: str) -> dict[str, frozenset[str]]:
    """Names that legitimately change between languages, from CLDR via Babel.

    Territories (Russia -> Russie), languages, months and weekdays: folded
    source word -> folded target words.
    """
    src, tgt = _locale(src_lang), _locale(tgt_lang)
    if src is None or tgt is None:
        return {}  # a tag CLDR has no data for: no known renamings
    table: dict[str, set[str]] = {}
    for a, b in _cldr_name_pairs(src, tgt):
        parts = _content_words(b)
        for word in _content_words(a):
            table.setdefault(word, set()).update(parts)
    return {k: frozenset(v) for k, v in table.items()}


def renamed(word: str, src_lang: str, tgt_lang: str) -> frozenset[str]:
    """Folded target renderings of ``word`` by CLDR (:func:`renamings`), inflection allowed.

    CLDR names an Italian language or nationality in the masculine singular (ceco ->
    tchèque, russo -> russe), which agrees with its noun: "Repubblica Ceca", "la lingua
    russa", "i tedeschi". An Italian word that is no CLDR name is looked up with the
    other endings of its stem (ceca, cechi -> ceco).
    """
    table = renamings(src_lang, tgt_lang)
    folded = text.fold(word)
    if folded in table or not src_lang.lower().startswith("it") or len(folded) < 4:
        return table.get(folded, frozenset())
    stem = re.sub(r"(?<=[cg])h?[aeio]$|[aeio]$", "", folded)
    single = _one_word_renamings(src_lang, tgt_lang)
    return frozenset().union(*(single.get(stem + end, frozenset()) for end in ("o", "a", "e")))


@lru_cache(maxsize=16)
def _one_word_renamings(src_lang: str, tgt_lang: str) -> dict[str, frozenset[str]]:
    """:func:`renamings` of one-word CLDR names only (ceco, russo; not San Marino, whose
    "marino" would make the given name Marina a rendering of "Saint")."""
    src, tgt = _locale(src_lang), _locale(tgt_lang)
    if src is None or tgt is None:
        return {}
    table: dict[str, set[str]] = {}
    for a, b in _cldr_name_pairs(src, tgt):
        if re.fullmatch(r"[^\W\d_]+", a):
            table.setdefault(text.fold(a), set()).update(_content_words(b))
    return {k: frozenset(v) for k, v in table.items()}


def preload_renamings(src_lang: str, tgt_lang: str) -> None:
    """Build now the CLDR tables :func:`renamed` reads (QA's warm-up): 0.01-0.03 s of Babel
    data that the first article otherwise pays between decoding and its outputs."""
    renamings(src_lang, tgt_lang)
    _one_word_renamings(src_lang, tgt_lang)


def _content_words(name: str) -> list[str]:
    """Folded words of a multiword name, without "del", "du", "(dialecte": Corea del Nord."""
    ws = [text.fold(w) for w in re.split(r"[\s\-’']+", name) if w.isalpha()]
    return ws if len(ws) == 1 else [w for w in ws if len(w) >= 4]


def _cldr_name_pairs(src, tgt) -> Iterator[tuple[str, str]]:  # noqa: ANN001  (babel Locales)
    """(source name, target name) of every territory, language, month and weekday in both.

    Also territory codes used as names (USA, UK: CLDR territory aliases) and the
    English territory names, which Italian news uses too (Brazil -> Brésil).
    """
    for table in ("territories", "languages"):
        theirs = getattr(tgt, table)
        for code, name in getattr(src, table).items():
            if code in theirs:
                yield name, theirs[code]
    yield from _territory_aliases(tgt.territories)
    for width in ("wide", "abbreviated"):
        for kind in ("months", "days"):
            theirs = getattr(tgt, kind)["format"][width]
            for key, name in getattr(src, kind)["format"][width].items():
                yield name, theirs[key]


def _territory_aliases(territories: dict[str, str]) -> Iterator[tuple[str, str]]:
    """(English name or code alias, target name) of each territory: Brazil, USA, UK."""
    from babel import Locale
    from babel.core import get_global

    for code, name in Locale("en").territories.items():
        if code in territories and not code.isdigit():
            yield name, territories[code]
    for alias, codes in get_global("territory_aliases").items():
        if alias.isalpha() and len(codes) == 1 and codes[0] in territories:
            yield alias, territories[codes[0]]


@lru_cache(maxsize=65536)
def zipf(word: str, lang: str, common_only: bool = False) -> float:
    """How common ``word`` is in ``lang`` (wordfreq Zipf scale, case-folded).

    Read from wordfreq's data without importing it where the answer is the same
    (:mod:`pipeline.qa.frequency`: start-up time, issue 15); ``common_only``
    reads the small list, exact above Zipf 3 only (see there).
    """
    from pipeline.qa.frequency import zipf as zipf_frequency

    return zipf_frequency(word.lower(), lang, common_only=common_only)


def common(word: str, lang: str) -> bool:
    """A frequent word of ``lang`` (Zipf >= ``name_common_zipf``): Camera, House, Paul."""
    return zipf(word, lang) >= thresholds().name_common_zipf


def given_name(word: str) -> bool:
    """A first name that languages share (Paul, John, Maria): common in all the news languages."""
    return all(common(word, lang) for lang in ("it", "en", "fr", "de", "es"))


def travels(word: str, src_lang: str, tgt_lang: str) -> bool:
    """Whether a capitalised source word is expected unchanged in the target.

    A word far more common in the source language than in the target one is a
    capitalised common noun or an exonym (Borsa, Repubblica, Mosca, Stoccarda)
    that a translation rightly changes; a word the target language uses as
    much (Putin, Obama) or that neither knows (Belousov) must survive.
    """
    return zipf(word, tgt_lang) >= zipf(word, src_lang) - thresholds().name_zipf_margin


@dataclass(frozen=True)
class Name:
    """Consecutive name words of a text and where they start (0..1 of the text's length)."""

    words: tuple[str, ...]
    at: float
    label: str = ""  # how to report it, when more than its words ("Kim Jong Un")

    def __str__(self) -> str:
        return self.label or " ".join(self.words)


@lru_cache(maxsize=8)
def function_words(lang: str) -> frozenset[str]:
    """The 300 most frequent words of ``lang`` (wordfreq): articles, prepositions."""
    return frozenset(frequent_words(lang, 300))


def full_name(s: str, lang: str, name: Name) -> Name:
    """``name`` labelled with its whole capitalised sequence in ``s`` (``Kim Jong Un``).

    The name words of a sequence leave out a sentence-initial capital and short
    words (``Kim``, ``Un``), which prove nothing about being a name; reported
    back, the name should read as written. A leading function word (``La``
    Corea) is still left out.
    """
    s = unicodedata.normalize("NFC", s)  # as name_words read it
    pos = round(name.at * max(1, len(s)))
    for seq, start, end, _initial in text.name_spans(s):
        if start <= pos < end:
            parts = seq.split()
            if len(parts) > 1 and _no_name_opener(parts[0], lang, start, s):
                parts = parts[1:]
            if all(w in parts for w in name.words) and len(parts) > len(name.words):
                return Name(name.words, name.at, " ".join(parts))
    return name


def _no_name_opener(word: str, lang: str, start: int, s: str) -> bool:
    """A first word of a capitalised sequence that is no part of the name: a function word
    (``La`` Corea), or a common word opening the sentence that no other news language uses
    as much (:func:`travels`) and that is no given name ("Ieri Paolo Rossi": the name is
    Paolo Rossi; "Giulia Verdi ...", "Angela Merkel ...", "Kim Jong Un ..." keep theirs)."""
    folded = text.fold(word)
    if folded in function_words(lang):
        return True
    others = [x for x in ("en", "fr", "de", "it") if x != lang.split("-")[0].lower()]
    return (
        word.isalpha()  # "Dell'Utri": wordfreq's tokenizer, half a second of QA's start-up
        and text.sentence_initial(s, start)
        and common(word, lang)
        and folded not in GIVEN_IT
        and not any(travels(word, lang, x) for x in others)
    )


_ELIDED = re.compile(r"^[^\W\d_]{1,3}['’](?=[^\W\d_])")
_POSSESSIVE = re.compile(r"['’]s$")


def name_words(s: str, lang: str) -> list[list[tuple[str, float]]]:
    """The probable name words of each capitalised sequence of ``s`` (``Kim Jong Un``).

    Elided articles (``l'Héma``) and possessives are cut off; a
    sentence-initial capital proves nothing, so a first word counts only when
    it is an acronym; words that also occur in lower case in ``s`` are common
    words; Roman numerals are numbers and abbreviations (``Dott.ssa``) titles.
    An all-capitals common word (``IL``, ``STUDIO``) is shouting, not an acronym.
    Read in NFC, as :func:`tokens` (a decomposed ``Beloúsov`` was the name ``Belou``).
    """
    s = unicodedata.normalize("NFC", s)
    lowered = {text.fold(w) for w in text.words(s) if w[:1].islower()}
    size = max(1, len(s))
    out = []
    for seq, start, _end, initial in text.name_spans(s):
        span = []
        offset = start
        for i, raw in enumerate(re.split(r"[ \u00a0]", seq)):
            at = s.find(raw, offset)
            offset = at + len(raw)
            word = _POSSESSIVE.sub("", _ELIDED.sub("", raw)).strip(".’'-")
            acronym = is_acronym(word) and not common(word, lang)
            if (
                word[:1].isupper()
                and len(word.replace(".", "")) >= 3  # two capitals (EM, U.S.): too ambiguous
                and text.fold(word) not in lowered
                and not re.search(r"\.[^\W\d_]{3}", word)  # Dott.ssa; not Mobil.cz
                and not ROMAN.fullmatch(word)
                and not (i == 0 and initial and not acronym)
            ):
                span.append((word, at / size))
        if span:
            out.append(span)
    return out


def runs(span: list[tuple[str, float]], keep: list[bool]) -> list[Name]:
    """Maximal runs of consecutive words of ``span`` where ``keep`` is true."""
    out: list[Name] = []
    run: list[tuple[str, float]] = []
    for item, k in zip([*span, ("", 0.0)], [*keep, False], strict=True):
        if k:
            run.append(item)
        elif run:
            out.append(Name(tuple(w for w, _ in run), run[0][1]))
            run = []
    return out


# Common Italian given names that are no everyday word (not Rosa, Felice, Serena, Santo,
# Romano, Fortunato): before a capitalised word they make it a person's surname, however
# common a word that surname is (Giulia Verdi, Paolo Neri, Marco Bianco). A person's name is
# kept by a translation, while "verdi" ("green") or "neri" ("black") alone would read as
# common words it may translate. Frequent Italian given names, chosen by hand.
GIVEN_IT = frozenset(
    (
        *("alberto", "alessandro", "alessio", "andrea", "angelo", "antonio", "carlo"),
        *("claudio", "cristian", "daniele", "dario", "davide", "domenico", "emanuele"),
        *("enrico", "enzo", "fabio", "fabrizio", "federico", "filippo", "franco"),
        *("francesco", "gabriele", "giacomo", "gianluca", "gianni", "giorgio", "giovanni"),
        *("giulio", "giuseppe", "guido", "lorenzo", "luca", "luciano", "luigi", "marcello"),
        *("marco", "mario", "massimo", "matteo", "maurizio", "michele", "nicola", "paolo"),
        *("pietro", "raffaele", "riccardo", "roberto", "salvatore", "sergio", "silvio"),
        *("simone", "stefano", "tommaso", "umberto", "valerio", "vincenzo", "vittorio"),
        *("alessandra", "alessia", "anna", "annalisa", "antonella", "barbara", "beatrice"),
        *("carla", "chiara", "claudia", "cristina", "daniela", "elena", "elisa"),
        *("emanuela", "federica", "francesca", "gabriella", "giorgia", "giovanna", "giulia"),
        *("giuseppina", "laura", "lucia", "luisa", "manuela", "mara", "maria", "marta"),
        *("martina", "monica", "nadia", "paola", "patrizia", "roberta", "sara", "silvia"),
        *("simona", "sofia", "stefania", "teresa", "valentina", "valeria"),
    )
)
# A given name after these is a saint's, a pope's or a monarch's (San Paolo, Papa Giovanni
# Paolo II, re Carlo), which a translation does render: "Saint Paul", "John Paul II".
_NO_PERSON = frozenset(
    ("san", "santa", "santo", "sant", "papa", "pontefice", "re", "regina", "principe")
    + ("principessa", "beato", "beata", "madonna", "vergine", "don", "padre", "suor")
)


def surnames(s: str) -> frozenset[str]:
    """Capitalised words of ``s`` right after an Italian given name (:data:`GIVEN_IT`):
    surnames, which a translation keeps however common a word they are (Giulia Verdi,
    Paolo Neri). Not in a sequence with a Roman numeral or after a saint's or a ruler's
    title (:data:`_NO_PERSON`: Papa Giovanni Paolo II, San Marco), whose names are
    rendered; not an all-capitals word (a shouted headline)."""
    s = unicodedata.normalize("NFC", s)
    out = set()
    for seq, start, _end, _initial in text.name_spans(s):
        parts = [_POSSESSIVE.sub("", _ELIDED.sub("", w)).strip(".’'-") for w in seq.split()]
        before = re.findall(r"[^\W\d_]+", s[:start])[-1:]
        if any(ROMAN.fullmatch(w) for w in parts):
            continue
        for i, (a, b) in enumerate(zip(parts, parts[1:], strict=False)):
            title = [*before, *parts[:i]][-1:]
            if (
                text.fold(a) in GIVEN_IT
                and b[:1].isupper()
                and not b.isupper()
                and not (title and text.fold(title[0]) in _NO_PERSON)
            ):
                out.add(b)
    return frozenset(out)
