"""Rule-based, lossless sentence splitting for news text (Italian, French, English).

The splitter only ever decides *where* a sentence starts; the text between two
starts is kept verbatim, so joining ``sentence + space_after`` gives the input
back byte for byte whatever the rules decide.

A candidate boundary is a run of terminal punctuation (``.``, ``?``, ``!``,
``…``, ``...``), any closing quotes or brackets attached to it (``.»``,
``?”``, ``.)``; French ``. »`` with a space) and invisible format characters
(a directional mark, BOM or zero-width character), then whitespace. A
lone ``"`` between spaces is read as opening the next sentence. It becomes a
boundary when:

- the next word does not start with a lower-case letter (quotes, brackets and
  dashes in front of it are skipped, so ``. «Il`` and ``. — È`` break);
- after a full stop, the word before it is not an abbreviation of a kind that
  forbids the break here (see :mod:`pipeline.segment.abbreviations`): titles
  never break (``Sig. Rossi``), number prefixes don't before a number
  (``art. 3``), single initials, multi-dot acronyms (``S.p.A.``, ``U.S.``) and
  ambiguous words (``ecc.``) break only before a frequent sentence starter; a
  number or a single letter opening a paragraph is a list marker (``1. Il``);
- the whitespace is not only non-breaking spaces inside « » (French quotes).

A full stop followed by a lower-case word breaks in one case only: the rest of
the paragraph is a short fragment (at most ``FRAGMENT_MAX_WORDS`` words) that
ends in terminal punctuation, as in a scraped ``… internazionale. sanzioni.``;
the stray words are kept as their own segment rather than glued to the
sentence before. Decimals, thousands and times (``3,5``, ``10.000``,
``14.30``), URLs and e-mail addresses have no space after their dots, so they
are never candidates. A blank line, or a line break before a list marker
(``-``, ``•``, ``1.``), always starts a new sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable
from functools import lru_cache

from pipeline.segment.abbreviations import LangRules, rules_for

# A stray lower-case tail after a full stop is its own segment up to this many words.
FRAGMENT_MAX_WORDS = 3
# ... after a word of at least this many letters (a shorter one may be an abbreviation).
FRAGMENT_MIN_LETTERS = 5

_FRAGMENT_WINDOW = 160  # characters; a fragment of FRAGMENT_MAX_WORDS words fits
_OPENERS = "\"'“‘«‹„([{¿¡—–-"
_CLOSERS = "\"'”’»›)]}"
_QUOTE_OPENERS = '"“«‘„'
_NBSP = "\u00a0\u202f\u2007"

# Invisible format characters (Unicode Cf): zero-width space, non-joiner and joiner, the
# directional marks, embeddings, overrides and isolates, word joiner, BOM. Pasted text
# carries them around a sentence end (``oggi.\u200e Poi``, ``sera.\ufeff Fine``), where
# they hid the boundary and two sentences went to MT as one; they are skipped as the
# closing quotes are, and stay in the text (with the sentence before the space, or
# opening the next one after it).
_INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
_INVISIBLE_RUN = re.compile(f"[{_INVISIBLE}]*")
_CANDIDATE = re.compile(
    r"(?P<term>[.!?…]+)"
    rf"(?P<close>(?:[\"'”’»›)\]}}{_INVISIBLE}]|[ \u00a0\u202f][»›]|</g\d+>)*)"
    r"(?P<gap>\s+)"
)
_LINE_BREAK = re.compile(r"\n\s*")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_LIST_MARKER = re.compile(r"(?:[-*•–—]|\d{1,3}[.)])\s")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]*)?")
_ACRONYM = re.compile(r"[^\W\d_]{1,3}(?:\.-?[^\W\d_]{1,3})+")
_ROMAN = re.compile(r"[IVXLCDM]+")
_LIST_TOKEN = re.compile(r"\d{1,3}|[^\W\d_]|[ivxlcdmIVXLCDM]{1,5}")
_SENTENCE_END = ".!?…"
# A run of standalone markers (``<x2/>``), white space between them; their ids.
_BREAK_RUN = re.compile(r"<x\d+/>(?:\s*<x\d+/>)*")
_BREAK_ID = re.compile(r"<x(\d+)/>")
_SPACES = re.compile(r"\s*")
_ONE_SPACE = re.compile(r"\s")
# Inline markers inside a token (``Roma<x2/>Tel``): the token is what follows the last.
_OPEN_MARKER = re.compile(r"<g\d+>")
_CLOSE_TAIL = re.compile(r"</g\d+>\Z")
_MARKER_IN_TOKEN = re.compile(r"</?g\d+>|<x\d+/>")
_AFTER_NUMBER = re.compile(r"\d[°ºª]?(?:\s{1,3}[€$£%°])?\s{1,3}\Z")
# Characters that cannot open a sentence (a break before them would leave them stranded).
_NO_START = ".,;:!?…" + _CLOSERS


def split_sentences(text: str, lang: str) -> list[tuple[str, str]]:
    """Split ``text`` into ``(sentence, space_after)`` pairs, losslessly.

    ``lang`` selects the abbreviation lists (``it``, ``fr``, ``en``; any other
    language uses the generic union of them). Leading whitespace stays on the
    first sentence; whitespace-only text gives one pair with an empty sentence;
    ``""`` gives ``[]``. (A ``<br>`` marker needs the block's markup table:
    :func:`break_starts`, which :func:`pipeline.segment.segment_article` applies.)
    """
    if not text:
        return []
    rules = rules_for(lang)
    starts = {m.end() for m in _CANDIDATE.finditer(text) if _breaks_at(text, m, rules)}
    for m in _LINE_BREAK.finditer(text):
        if m.group().count("\n") >= 2 or _LIST_MARKER.match(text, m.end()):
            starts.add(m.end())
    return pairs_from_starts(text, starts)


def break_starts(text: str, breaks: Collection[str], rules: LangRules) -> set[int]:
    """Sentence starts after the line-break markers of ``text`` (``<br>`` as ``<x2/>``).

    A ``<br>`` is no white space, so ``Fine.<br>Inizio.`` had no candidate and went to
    MT as one sentence. It now ends a sentence as a line break of text does: two in a
    row (a blank line) always, one before a list marker, or after sentence punctuation
    before a word that may open a sentence. The marker stays with the sentence before it.
    """
    starts = set()
    for m in _BREAK_RUN.finditer(text):
        ids = _BREAK_ID.findall(m.group())
        if not ids or any(i not in breaks for i in ids):
            continue
        at = _SPACES.match(text, m.end()).end()  # not text[m.end():]: a copy per marker
        if at >= len(text):
            continue
        if (
            len(ids) >= 2
            or _LIST_MARKER.match(text, at)
            or _ends_sentence(text, m.start(), at, rules)
        ):
            starts.add(at)
    return starts


def _ends_sentence(text: str, end: int, after: int, rules: LangRules) -> bool:
    """Whether the text before ``end`` ends in sentence punctuation that a break may
    follow (not an abbreviation's full stop) and ``after`` opens a sentence.

    Reads back from ``end`` by index (no ``text[:end].rstrip()``: a copy of the whole
    paragraph before each ``<br>`` made 2,400 markers read 155M characters)."""
    i = end
    while i > 0 and text[i - 1].isspace():
        i -= 1
    while True:  # closing quotes and tags: ``parlato.</g1><x2/>`` ends a sentence
        while i > 0 and text[i - 1] in _CLOSERS:
            i -= 1
        tag = _CLOSE_TAIL.search(text, max(0, i - 16), i)
        if tag is None:
            break
        i = tag.start()
    if i == 0 or text[i - 1] not in _SENTENCE_END:
        return False
    first, _word = _next_word(text, after)
    if not first or first in _NO_START or first.islower():
        return False
    return text[i - 1] != "." or _abbreviation_kind(text, i - 1, rules) is None


def pairs_from_starts(text: str, starts: Iterable[int]) -> list[tuple[str, str]]:
    """Cut ``text`` at the given sentence starts; trailing whitespace becomes ``space_after``."""
    if not text:
        return []
    bounds = [0, *sorted({s for s in starts if 0 < s < len(text)}), len(text)]
    pairs = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        piece = text[a:b]
        body = piece.rstrip()
        pairs.append((body, piece[len(body) :]))
    return pairs


def _breaks_at(text: str, m: re.Match[str], rules: LangRules) -> bool:
    """Whether the candidate ``m`` (terminal punctuation + closers + whitespace) ends a sentence."""
    gap_start = m.start("gap")
    if all(c in _NBSP for c in m.group("gap")) and _inside_guillemets(text, gap_start):
        return False
    first, word = _next_word(text, m.end())
    if not first or first in _NO_START:
        return False
    term = m.group("term")
    if term != ".":  # ? ! ?! … ... : no abbreviation reading
        return not first.islower()
    kind = _abbreviation_kind(text, m.start("term"), rules)
    if first.islower():
        quoted = text[m.end() : m.end() + 1] in _QUOTE_OPENERS
        if kind is not None:
            return False
        return quoted or (_word_before(text, m.start("term")) and _is_final_fragment(text, m.end()))
    if kind is None:
        return True
    if kind == "numeric":
        return not (first.isdigit() or _ROMAN.fullmatch(word))
    if kind in ("ambiguous", "acronym"):
        return _is_starter(word, rules)
    if kind == "initial":  # "J. R. R. Tolkien" stays; "vitamina C. Il" breaks
        return len(word) > 1 and _is_starter(word, rules)
    return False  # title, list marker


def _abbreviation_kind(text: str, end: int, rules: LangRules, lists: bool = True) -> str | None:
    """Classify the token that ends at the full stop at ``end`` (None: an ordinary word).

    With ``lists`` a number, letter or Roman numeral that opens a paragraph, a
    line or a sentence is a list marker (``1. Il primo punto``).
    """
    start, after_marker = _token_bounds(text, end)
    token = _MARKER_IN_TOKEN.split(_INVISIBLE_RUN.sub("", text[after_marker:end]))[-1]
    token = token.lstrip(_OPENERS)
    if not token or token[-1] in _CLOSERS or "@" in token or "://" in token:
        return None
    if token.lower().startswith("www."):
        return None
    if lists and _LIST_TOKEN.fullmatch(token) and _after_sentence_end(text, start, rules):
        return "list"
    word = re.split("['’]", token)[-1]
    if _listed(word, rules.titles):
        # a title stands before a name; after a number it is a month (gen, mar: "il 5 gen.")
        # or an approximation ("5 € ca."), which may well end the sentence
        return "ambiguous" if _after_number(text, start) else "title"
    if _listed(word, rules.numeric):
        return "numeric"
    if _listed(word, rules.ambiguous):
        return "ambiguous"
    if len(word) == 1 and word.isalpha():
        return "initial"
    if _ACRONYM.fullmatch(word):
        return "acronym"
    return None


def _token_bounds(text: str, end: int) -> tuple[int, int]:
    """Where the token that ends at ``end`` starts (after the last white space), and where
    its part after its last marker starts (``Roma<x2/>Tel``: at ``Tel``).

    Found in indexes built once per text: scanning back to the white space read a whole
    paragraph without spaces (``Fine.<x1/>Inizio.<x1/>...``) once per ``<br>``. The
    markers are found in the whole text, not in the token: a marker has no white space
    and its one ``<`` opens it, so the same ones, and cleaning the invisible characters
    out of the part after the last one splits it as it split the whole token."""
    spaces, marker_ends = _indexes(text)
    k = bisect.bisect_right(spaces, end - 1)
    start = spaces[k - 1] + 1 if k else 0
    k = bisect.bisect_right(marker_ends, end)
    return start, max(start, marker_ends[k - 1] if k else 0)


@lru_cache(maxsize=4)
def _indexes(text: str) -> tuple[list[int], list[int]]:
    """The positions of the white space characters of ``text`` and the ends of its markers."""
    return (
        [m.start() for m in _ONE_SPACE.finditer(text)],
        [m.end() for m in _MARKER_IN_TOKEN.finditer(text)],
    )


def _after_number(text: str, start: int) -> bool:
    """Whether the token before ``start`` is a number, or a unit or currency sign after one
    (``5 gen.``, ``5 € ca.``, ``10 % ca.``). Reads a bounded window: the whole text before
    it, split once per full stop, made a paragraph of 20,000 of them take half a minute."""
    return _AFTER_NUMBER.search(text, max(0, start - 16), start) is not None


def _listed(word: str, entries: frozenset[str]) -> bool:
    if word in entries:
        return True
    return len(word) > 1 and word[0].isupper() and word[0].lower() + word[1:] in entries


def _is_starter(word: str, rules: LangRules) -> bool:
    word = word.replace("’", "'")
    head = word.split("'", 1)[0] + "'" if "'" in word else word
    return word in rules.starters or head in rules.starters


def _next_word(text: str, pos: int) -> tuple[str, str]:
    """The first significant character after ``pos`` (skipping openers, and the opening
    markers of a tag: ``. <g1>il`` goes on lower-case, ``art. <g1>3`` before a number)
    and the word there."""
    i, n = pos, len(text)
    while i < n:
        if text[i] in _OPENERS or text[i].isspace() or _INVISIBLE_RUN.match(text, i).end() > i:
            i += 1
        elif opening := _OPEN_MARKER.match(text, i):
            i = opening.end()
        else:
            break
    if i >= n:
        return "", ""
    m = _WORD.match(text, i)
    return text[i], m.group() if m else ""


def _word_before(text: str, end: int) -> bool:
    """Whether a word of at least ``FRAGMENT_MIN_LETTERS`` letters ends at the full stop at
    ``end``: a shorter one is as likely an abbreviation no list knows (``Cass. civile.``,
    ``al kg. più IVA.``), where a stray fragment would cut a sentence in two."""
    start = max(0, end - FRAGMENT_MIN_LETTERS)
    return end - start == FRAGMENT_MIN_LETTERS and text[start:end].isalpha()


def _is_final_fragment(text: str, pos: int) -> bool:
    """Whether the paragraph ends, after ``pos``, in a short fragment with end punctuation."""
    window = text[pos : pos + _FRAGMENT_WINDOW]
    brk = _BLANK_LINE.search(window)
    if brk is None and pos + _FRAGMENT_WINDOW < len(text):
        return False  # the paragraph goes on well past a short fragment
    rest = window[: brk.start() if brk else len(window)].rstrip()
    return len(rest.split()) <= FRAGMENT_MAX_WORDS and rest.rstrip(_CLOSERS)[-1:] in _SENTENCE_END


@lru_cache(maxsize=64)
def _after_sentence_end(text: str, pos: int, rules: LangRules) -> bool:
    """Whether ``pos`` opens a paragraph, a line or a sentence (where a list marker may stand).

    Kept for the last few ``pos``: every ``<br>`` of a token without spaces
    (``A.<x1/>B.<x1/>...``) asks it for the same token start, and each read back over
    all the spaces and closers before it."""
    i = pos
    while i > 0 and text[i - 1] in " \t\u00a0":
        i -= 1
    if i == 0 or text[i - 1] == "\n":
        return True
    while i > 0 and text[i - 1] in _CLOSERS:
        i -= 1
    if i == 0 or text[i - 1] in "!?…:" or text.startswith("..", i - 2):
        return True
    # a full stop ends a sentence unless an abbreviation owns it ("vol. II.", "p. 7.")
    return text[i - 1] == "." and _abbreviation_kind(text, i - 1, rules, lists=False) is None


def _inside_guillemets(text: str, pos: int) -> bool:
    """Whether more « than » open before ``pos``: positions found once per text, since
    counting them in the whole text before each no-break gap was quadratic (a paragraph
    of 20,000 ``.\u00a0`` gaps took 11 s)."""
    opens, closes = _guillemets(text)
    return bisect.bisect_left(opens, pos) > bisect.bisect_left(closes, pos)


@lru_cache(maxsize=4)
def _guillemets(text: str) -> tuple[list[int], list[int]]:
    return (
        [i for i, c in enumerate(text) if c == "«"],
        [i for i, c in enumerate(text) if c == "»"],
    )
