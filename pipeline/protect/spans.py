"""Find the spans of a segment that machine translation must not touch.

Kinds (``Span.kind``): ``url``, ``email``, ``handle`` (@name), ``hashtag``,
``dnt`` (glossary do-not-translate term), ``term`` (glossary required
translation), ``special`` (a literal string equal to one of the loaded
tokenizer's special tokens, such as ``</s>``), ``literal`` (text that looks like
one of our own placeholders), ``number`` (a number grouped by a thin or no-break
space or by apostrophes, or with a spaced percent sign: see ``_NUMBER``) and ``tag``
(inline HTML markup left in the text by a reader, or handed in by one as ``extra`` spans: see
:func:`inline_tags`).

Overlapping candidates are resolved leftmost-longest, so a term inside a longer
term, or a handle inside an e-mail or URL, is never matched twice. Terms match
at word boundaries (``\\w`` on neither side), which also handles Italian
elision: ``l'ONU``, ``dell'Ucraina`` (the apostrophe is not a word character).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

import regex as uniregex  # Unicode properties (\p{Emoji}, \p{scx=...}), which re lacks

from pipeline.glossary import APOSTROPHES, Glossary, fold_for_terms
from pipeline.numtokens import APOSTROPHES as NUMBER_APOSTROPHES
from pipeline.numtokens import SPACES as NUMBER_SPACES
from pipeline.numtokens import SWISS_RE
from pipeline.protect.verbatim import verbatim_tokens

ATOMIC, OPEN, CLOSE = "atomic", "open", "close"

# A URL runs to the next space or quote; trailing sentence punctuation is not part of it.
# Any scheme written with "//" (RFC 3986 section 3: ``scheme "://" authority``), which
# Italian prose never writes (``https``, ``ftp``, ``ircs``, ``ssh``...), or ``www.``.
_URI_BODY = '[^\\s<>"«»“”]+'
_URL = re.compile(rf"(?:[a-z][a-z0-9+.-]*://|www\.){_URI_BODY}", re.IGNORECASE)
# URIs without "//" (``mailto:a@x.it``, ``tel:+39...``, ``geo:44.4,8.9``): the common such
# schemes of IANA's URI scheme registry (https://www.iana.org/assignments/uri-schemes/),
# not a general ``word:`` rule, which "Roma:il sindaco" or "nota:" would match. The scheme
# is a whole word (not "hotel:") and its body starts at the colon: "Tel: 010" is a label.
_OPAQUE_SCHEMES = (
    "mailto|tel|sms|geo|urn|xmpp|sips?|news|magnet|bitcoin|matrix|callto|skype|spotify"
)
_OPAQUE = re.compile(rf"(?<![\w.+/@-])(?:{_OPAQUE_SCHEMES}):(?=[^\s:]){_URI_BODY}", re.IGNORECASE)
# A telephone number as typed after ``tel:``/``sms:``: RFC 3966 allows ``-.()`` between
# digits; people also write spaces (``tel:+39 010 1234567``). A group after a space has two
# digits or more, and the number at most 15 (ITU-T E.164); a count written right after it
# (``tel:010 1234567 24 ore``) is taken with it, and kept as written.
_PHONE = re.compile(
    r"(?<![\w.+/@-])(?:tel|sms):\+?[\d().-]*\d(?:[ \u00a0]\d{2}[\d().-]*)*"
    r"(?:[;?][^\s<>\"«»“”]*)?",
    re.IGNORECASE,
)
_E164_DIGITS = 15
# A web address without scheme or ``www.`` (``corriere.it/cronache/roma``, ``bit.ly/3xYz9``,
# ``ANSA.IT/sport``): host labels, a top-level domain of the Public Suffix List, then a
# path. The path is required: a bare ``fine.Poi`` or ``ecc.it`` is a sentence's full stop
# or an abbreviation as often as a domain, but a slash right after a real TLD is an address.
_BARE_URL = re.compile(
    r"(?<![\w.@/:+-])(?!www\.)((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,63}))"
    rf"/(?=[^\s/])(?:{_URI_BODY})?",
    re.IGNORECASE,
)
_URL_TRAIL = ".,;:!?'’\"”»›)]}…"
# Invisible format characters that carry no meaning in the source's own (Latin) text: zero
# width space and non-joiner, word joiner, a BOM mid-text, LRM/RLM. The model dropped
# them anyway; taken out of what it sees, nothing is lost. Explicit bidi embeddings,
# overrides and isolates (LRE RLE PDF LRO RLO, LRI RLI FSI, PDI) around such text are taken
# out too, and noted (placeholders.dropped_controls): one the model kept without its closer
# would reverse or isolate the rest of the translated line. Around a run in another script
# or emoji they belong to that run's span and come back with it (_foreign_runs).
# (QA hides these two lists too: pipeline.qa.text, held equal by a test.)
INVISIBLE = "\u200b\u200c\u2060\ufeff\u200e\u200f"
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# The other invisible characters that split a word into pieces the model does not know
# (``L'ammini\u00adstrazione`` from a page's ``&shy;``): the format characters (category
# Cf) of Unicode's Default_Ignorable_Code_Point property, DerivedCoreProperties.txt
# (https://www.unicode.org/Public/UCD/latest/ucd/DerivedCoreProperties.txt; a test checks
# this list against the ``regex`` module's table of it), and the combining grapheme
# joiner, which joins nothing in Latin text. They are:
# soft hyphen, Arabic letter mark, Mongolian vowel separator, zero-width joiner,
# combining grapheme joiner, invisible times/separator/plus and function application,
# the deprecated format characters U+206A-206F, the language tag and tag characters,
# the shorthand format controls and the musical beam/tie/slur/phrase controls.
# The source the reader keeps still has them; a translation has none. The soft hyphen is
# only a hyphenation hint (The Unicode Standard, section 23.2 "Layout Controls": an
# intraword point where a line break is preferred if the word must be hyphenated): the
# translated word breaks elsewhere, so it is not put back. The joiners (ZWJ, ZWNJ),
# variation selectors and tag characters of an emoji sequence (``👩\u200d👧``, a
# subdivision flag) or of a word in another script belong to that run's span and come
# back with it (_JOINERS); the other ignorables (variation selectors, Hangul
# fillers, Khmer and Mongolian marks) are marks or letters of their scripts, kept.
IGNORABLE = (
    "\u00ad\u034f\u061c\u180e\u200d\u2061-\u2064\u206a-\u206f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
HIDDEN = re.compile(f"[{INVISIBLE}{IGNORABLE}{BIDI_CONTROLS}]")
# A span never ends inside a grapheme cluster: combining marks with no precomposed form
# (``Nord\u0301``, what NFC leaves decomposed), variation selectors and the zero-width
# joiner are not ``\w`` in Python's re, so ``(?!\w)`` ended a term, hashtag or handle
# before them and the mark was left alone outside the placeholder (MT drops it): a term
# so marked is not that term (but terms are matched in what the model sees, so a ZWJ or
# CGJ, which it never sees, does not hide one: SpanFinder._terms); a hashtag or handle
# takes its marks. Ranges, from the Unicode blocks: Combining Diacritical Marks (and its
# Extended and Supplement blocks), Combining Marks for Symbols, Variation Selectors,
# Combining Half Marks; U+200D.
MID_CLUSTER = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f\u200d"
_EMAIL = re.compile(rf"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?![\w{MID_CLUSTER}])")
_HANDLE = re.compile(rf"(?<![\w@/.])@\w[\w{MID_CLUSTER}]{{0,29}}(?![\w@{MID_CLUSTER}])")
# A number grouped by spaces (any space separator, category Zs: ``1 000 000`` with thin
# spaces U+2009, narrow no-break spaces U+202F, no-break spaces U+00A0 or plain ones), with
# its decimals and a percent sign after it; and any number whose percent sign follows a
# space separator (``10 %``, ``3,5\u00a0%``; per mille ``‰`` too). The model's tokenizer
# reads those spaces as word breaks: the pieces (``1`` ``000`` ``000``, ``10`` ``%``) came
# back reordered, merged or one dropped. One span, back as written: the localise stage
# then writes it in the target's format (pipeline.localise.numbers), so it is no kept text
# there (kept_ranges).
# Groups as numtokens reads them (three digits after each space: "Nel 2023 350 migranti"
# is two numbers); a telephone number is none: a group with a leading zero (``010 123``)
# or more digits after a space (``347 123 4567``) or before it, unless they are a year.
_ZS = f"[{NUMBER_SPACES}]"
_PER = "[%\u2030\u2031]"  # per cent, per mille, per ten thousand
# Digits grouped by apostrophes as Ticino papers write them (``1'000'000``, ``1’250``,
# ``CHF 3'500.–``; numtokens.SWISS_RE) are one span too: the model read ``'`` as an
# elision or a quote (never an elision: ``dell'1,5%``, ``l'80``).
_APOS = f"[{NUMBER_APOSTROPHES}]"
# A year a space before a grouped number is no part of it, nor a telephone prefix ("nel
# 2008 350 000 persone": 350 000 is one number, localised; pipeline.localise.numbers)
_YEAR_BEFORE = rf"(?<=(?<![\w+.,/'\u2019-])[12]\d{{3}}{_ZS})"
_NUMBER = re.compile(
    rf"(?<!\w)(?<!\d[.,])(?:(?<!\d{_ZS})|{_YEAR_BEFORE})(?<!\d{_APOS})(?!0\d)"
    rf"(?:{SWISS_RE.pattern}(?:{_ZS}?{_PER})?(?!{_APOS}\d)"
    rf"|\d{{1,3}}(?:{_ZS}\d{{3}}(?!\d))+(?:[.,]\d+)?(?:{_ZS}?{_PER})?"
    rf"|\d+(?:[.,]\d+)*{_ZS}{_PER})"
    rf"(?![.,]?\d)(?!{_ZS}\d)"
)
NUMBER = "number"
# A hashtag has a letter in it: "#1" is a number.
_HASHTAG = re.compile(rf"(?<![\w#&/])#(?=\w*[^\W\d_])\w[\w{MID_CLUSTER}]*")
# Inline HTML markup left in a segment by a reader: the tag with its attributes is one
# span (attributes never reach the model); <code> elements are kept whole.
INLINE_TAGS = ("a", "abbr", "b", "em", "i", "span", "strong", "sub", "sup", "u", "mark", "small")
_TAG = re.compile(
    r"<(/?)(" + "|".join(INLINE_TAGS) + r")\b(?:\s[^<>]*)?>|<br\s*/?>|<wbr\s*/?>",
    re.IGNORECASE,
)
_CODE = re.compile(r"<code\b[^<>]*>.*?</code\s*>", re.IGNORECASE | re.DOTALL)
# Text an Italian (Latin-script) model has no pieces for: emoji, and quotes or names in
# another script (``«قال الوزير …»``, ``東京``, ``Белоусов``, ``Αθήνα``, ``हिन्दी``). Out of its
# vocabulary they became <unk> and were lost from the translation, or were rewritten as
# noise; kept as they are, as an element marked ``lang="ar"`` is. A run takes the spaces,
# punctuation and bidi marks between its characters; a source language written in that
# script keeps it as text. The Arabic letter mark (U+061C) is such a bidi mark, not a
# letter (was: in a Latin word, an Arabic "script" span of its own, a placeholder in the
# middle of the word). Patterns of the ``regex`` module, for its Unicode properties.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Emoji by their Unicode properties (UTS #51, emoji-data.txt): a character shown as an
# emoji by default (``😀``, ``⚽``, regional indicators of a flag, skin-tone modifiers), and
# any other emoji character asked for as emoji or text by a variation selector (``©️``,
# ``™️``, ``▶️``, ``ℹ️``: was sent to the model, the selector lost); a bare text-style ``©``
# or ``™`` is typography the vocabulary has, left to the model. The symbol blocks whose
# symbols it has no pieces for even bare (Miscellaneous Technical and Symbols, Dingbats,
# Miscellaneous Symbols and Arrows, the emoji blocks of plane 1: ``★``, ``✔``) are kept too.
_EMOJI = (
    "\\p{Emoji_Presentation}|(?![\\x00-\\x7f])\\p{Emoji}[\\ufe0e\\ufe0f]"
    "|[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2300-\u23ff]"
)
# What joins or modifies an emoji or a letter of another script (variation selectors,
# zero-width joiner and non-joiner, combining keycap, the tag characters of a subdivision
# flag, and combining marks: a stress mark on ``Белоу́сов``) belongs to a run only after an
# emoji or script character: alone (a ZWJ between two Italian words, typed by an editor
# or pasted from a PDF) it was a "script" span the model dropped, a placeholder_repair
# error blocking a correct translation. Inside a run it stays in the span (was: a Persian
# ``\u200c`` cut the run in two and was left out of the translation; a flag's tags and an
# ideograph's selector went to the model). A keycap (``1️⃣``, ``#⃣``) is its digit, ``#``
# or ``*`` with them (was: the digit left out).
_JOINERS = "\ufe00-\ufe0f\u200c\u200d\u20e3\U000e0020-\U000e007f\U000e0100-\U000e01ef\\p{M}"
_KEYCAP = "(?<![0-9#*])[0-9#*]\ufe0f?\u20e3"
# Between two characters of a run: spaces, bidi marks, and punctuation that is no quote or
# bracket (``東京！大阪``, ``Белоусов, Шойгу``, ``،``).
_RUN_GAP = f"[\\s{_BIDI}\\p{{Po}}\\p{{Pd}}]"
# The scripts a source language is written in, as Unicode's Script_Extensions names them:
# the language's likely script (CLDR likely subtags through ``langcodes``: ``ru`` Cyrl,
# ``fa`` Arab, ``sr-Latn`` Latn), a compound ISO 15924 code taken apart into its scripts.
_COMPOUND_SCRIPTS = {
    "Hans": ("Hani",),
    "Hant": ("Hani",),
    "Jpan": ("Hani", "Hira", "Kana"),
    "Kore": ("Hang", "Hani"),
}


def source_scripts(src_lang: str) -> tuple[str, ...]:
    """ISO 15924 codes of the scripts ``src_lang`` is written in (Latin when unknown)."""
    import langcodes

    try:
        script = langcodes.Language.get(src_lang).maximize().script or "Latn"
    except (ValueError, LookupError):
        script = "Latn"
    return _COMPOUND_SCRIPTS.get(script, (script,))


def _foreign_letter(src_lang: str) -> str:
    """A character of another script than the source's: one whose Script_Extensions hold
    none of Latin (``é``, ``ș``, ``Đ`` stay text), Common (digits, ``€``, ``«``), Inherited
    (a combining accent) nor the source's own scripts, by property, never by a hand list
    of ranges (was: Arabic, Hebrew and CJK only; ``Белоусов``, ``Αθήνα``, ``हिन्दी``, ``ภาษา``
    went to an Italian model with no pieces for them). Format characters (an Arabic letter
    mark) are not letters; unassigned and private-use ones are left alone."""
    own = ["Latn", "Zyyy", "Zinh"]
    for script in source_scripts(src_lang):
        try:
            uniregex.compile(rf"\p{{scx={script}}}")
        except uniregex.error:  # a script Unicode has no property value for (Zmth, Zsye)
            continue
        own.append(script)
    return "[^\\p{C}" + "".join(rf"\p{{scx={s}}}" for s in own) + "]"


@lru_cache(maxsize=16)
def _foreign_runs(src_lang: str) -> uniregex.Pattern[str]:
    """Runs of emoji and of the scripts ``src_lang`` is not written in (see
    :func:`_foreign_letter`). Cached: QA builds a :class:`SpanFinder` per segment pair."""
    char = f"(?:(?:{_KEYCAP}|{_EMOJI}|{_foreign_letter(src_lang)})[{_JOINERS}]*)"
    return uniregex.compile(f"[{_BIDI}]*{char}+(?:{_RUN_GAP}+{char}+)*[{_BIDI}]*")


# One cased letter of another script glued to a Latin-script word or a number (``10 μg``
# with the Greek mu U+03BC, ``μm``, ``5 kΩ``, ``αlfa``, ``Tβ``): a unit symbol or a letter of
# that word, left to the model. As a "script" span it was a placeholder inside a word
# (``10 Z1Xg``), which a real model splits, drops or moves. A word of its own (``Αθήνα``,
# ``Белоусов``, ``α e β``), two letters or more (``αβc``), a letter of a script without case
# (``iPhone版``: no unit symbol, no vocabulary either) and an emoji are still kept; one
# glued to a word takes that word with it (:func:`glued_word`).
_ONE_CASED_LETTER = uniregex.compile(f"[{_BIDI}]*\\p{{LC}}[{_JOINERS}]*[{_BIDI}]*")
_LATIN_OR_DIGIT = uniregex.compile(r"[\p{sc=Latn}\p{Nd}]")


def glued_letter(text: str, start: int, end: int) -> bool:
    """Whether the run ``text[start:end]`` of another script is one cased letter touching a
    Latin letter or a digit (see :data:`_ONE_CASED_LETTER`): text for the model, no span."""
    if not _ONE_CASED_LETTER.fullmatch(text, start, end):
        return False
    around = text[start - 1 : start] + text[end : end + 1]
    return any(_LATIN_OR_DIGIT.match(c) for c in around)


# What a run of another script is glued to in one word: letters of any script, digits and
# their marks (not an apostrophe, a hyphen or a tag's ``<``: ``dell'iPhone版`` gives
# ``iPhone版``).
_WORD_CHAR = uniregex.compile(r"[\p{L}\p{N}\p{M}]")
_LETTER = uniregex.compile(r"\p{L}")


def glued_word(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a run ``text[start:end]`` of another script's letters widened to the
    whole word it is glued into (``iPhone版``, ``Galaxy型``, ``2024年``, ``第3回``); the run
    itself when it stands apart, or holds no letter (an emoji glued to a word: the word
    is the article's, for the model).

    Why the word and not the run alone, nor nothing: the CJK letter is not in an Italian
    model's vocabulary (the tiny and opus-mt source pieces make ``版`` ``<unk>``), so left
    to the model it is lost, while kept it comes back byte-identical, which is right for a
    foreign-script name. The run alone became a placeholder inside the word
    (``iPhoneZ1X``): for the model one unknown word, cut into mid-word pieces
    (``ne`` ``Z`` ``1`` ``X``) it rewrites, splits from the word (``iPhone Z1X``, restored
    with a space inside the name) or drops. A Latin word glued to a CJK letter in Italian
    news is a brand or model name (``iPhone版``, ``Switch版``), which is not translated
    anyway: the whole word becomes one placeholder standing as a word of its own."""
    if not _LETTER.search(text, start, end):
        return start, end
    while start > 0 and _WORD_CHAR.match(text[start - 1]):
        start -= 1
    while end < len(text) and _WORD_CHAR.match(text[end]):
        end += 1
    return start, end


@dataclass(frozen=True)
class Span:
    """A protected stretch ``source[start:end]`` and what stands for it in the target.

    ``target`` is the source text for kept spans, the glossary translation for
    terms. ``role`` is ``atomic``, or ``open``/``close`` for the two halves of
    an inline element (a reader's markup), which share ``pair``.
    """

    start: int
    end: int
    kind: str
    text: str
    target: str
    role: str = ATOMIC
    pair: int | None = None


def is_language(text: str) -> bool:
    """True when ``text`` has a letter; punctuation, symbols, digits and spaces alone are not.

    ``* * *``, ``—``, ``...``, ``2024``, ``1-0`` are copied to every target and
    never sent to a model (Unicode categories L* are letters).
    """
    return any(unicodedata.category(c).startswith("L") for c in text)


def visible(text: str) -> tuple[str, list[int]]:
    """``text`` without its :data:`HIDDEN` characters, and where each of its characters
    (and its end) stands in ``text`` (empty when nothing was hidden)."""
    if not HIDDEN.search(text):
        return text, []
    kept = [i for i, ch in enumerate(text) if not HIDDEN.match(ch)]
    return "".join(text[i] for i in kept), [*kept, len(text)]


def span_in(span: tuple[int, int], where: list[int]) -> tuple[int, int]:
    """A span of :func:`visible`'s text as a span of the text it was made from: from its
    first character to its last, the hidden characters around it left out."""
    start, end = span
    if not where:
        return span
    return where[start], (where[end - 1] + 1 if end > start else where[start])


def _trim_url(url: str) -> str:
    """Drop trailing punctuation, keeping a closing bracket that the URL itself opened."""
    while url and url[-1] in _URL_TRAIL:
        last = url[-1]
        opener = {")": "(", "]": "[", "}": "{"}.get(last)
        if opener and url.count(opener) >= url.count(last):
            break
        url = url[:-1]
    return url


def _phone(number: str) -> str:
    """``number`` (a ``tel:`` match) cut before the space-separated group that would give
    it more than 15 digits, E.164's most; trailing punctuation off as for a URL."""
    groups = re.split(r"(?<=[\d().-])(?=[ \u00a0]\d)", number)
    kept, digits = "", 0
    for group in groups:
        digits += sum(c.isdigit() for c in group)
        if kept and digits > _E164_DIGITS:
            break
        kept += group
    return _trim_url(kept)


@lru_cache(maxsize=1)
def top_level_domains() -> frozenset[str]:
    """The ASCII top-level domains of the Public Suffix List as the ``tld`` package ships
    it (``it``, ``ly``, ``org``, ``xn--p1ai``): read from its file, never fetched; the list
    moves with the package's version, so an upgrade adds new TLDs without a code change."""
    names = resources.files("tld") / "res" / "effective_tld_names_public_only.dat.txt"
    found = set()
    for line in names.read_text(encoding="utf-8").splitlines():
        label = line.strip().lower()
        if (
            label
            and label.isascii()
            and not label.startswith(("//", "!", "*"))
            and "." not in label
        ):
            found.add(label)
    return frozenset(found)


def uris(text: str) -> Iterable[tuple[int, str]]:
    """Where each URL or other URI of ``text`` starts, and its text (see ``_URL``,
    ``_OPAQUE``, ``_PHONE``), trailing sentence punctuation left out."""
    for m in _URL.finditer(text):
        url = _trim_url(m.group(0))
        if len(url) > len("www."):
            yield m.start(), url
    for m in _BARE_URL.finditer(text):
        if m.group(2).lower() in top_level_domains():
            yield m.start(), _trim_url(m.group(0))
    for m in _OPAQUE.finditer(text):
        uri = _trim_url(m.group(0))
        if not uri.endswith(":"):
            yield m.start(), uri
    for m in _PHONE.finditer(text):
        yield m.start(), _phone(m.group(0))


def _alternation(terms: Iterable[str], any_apostrophe: bool = False) -> str:
    """A regex alternation of ``terms``, longest first (so the longest match wins);
    ``any_apostrophe``: an apostrophe in a term matches any way of writing one, and a
    space any run of spaces (see :func:`pipeline.glossary.fold_for_terms`)."""
    escaped = [re.escape(t) for t in sorted(set(terms), key=lambda t: (-len(t), t))]
    if any_apostrophe:  # and a space any run of spaces, a no-break one too
        cls = f"[{APOSTROPHES}]"
        escaped = [re.sub(f"[{APOSTROPHES}]", lambda _m: cls, e) for e in escaped]
        escaped = [re.sub(r"(?:\\\s)+", lambda _m: r"\s+", e) for e in escaped]
    return "|".join(escaped)


# A byline, a segment of only "di" and a person's name (``di Mario Rossi``, ``Di MARIO
# ROSSI``, ``di <g1>Mario Rossi</g1>``, two names joined by "e", or an element kept as
# written, ``di <span class="author">…</span>``, readers.dom), or of "a cura di" and a
# name (an editor's credit): the names are kept as written, never MT (a model made "Mario
# Rossi" "Mario Red" or dropped it), "di" is the catalog's "by %s" in the target (en "By",
# fr "Par"), "a cura di" its "edited by %s" (en "Edited by", fr "Sous la direction de") and
# "e" its "%s and %s" (en "and", fr "et"): nothing is left to the model.
# A name is two to four capitalised words (particles between: ``Anna De Luca``,
# ``Carlo della Valle``), so "Di Maio" or "di Roma" alone is no byline.
_MARKS = r"(?:</?g\d+>|<x\d+/>)*"
_NAME_WORD = r"\p{Lu}[\p{L}'’.-]*"
_NAME = (
    rf"{_NAME_WORD}(?:\s+(?:(?:d[aei]|de[il]?|del(?:la|lo)?|van|von|la|lo)\s+)?{_NAME_WORD}){{1,3}}"
)
# A byline line as papers set it: a dash before it (``— di Mario Rossi``), a stray mark
# after the name (``Di Mario Rossi,``), or the writer's role, place, agency or date after
# a comma, a dash or in brackets (``di Mario Rossi, inviato a Genova``, ``Di MARIO ROSSI -
# Genova``, ``di Mario Rossi (ANSA)``, ``di Mario Rossi, 12 marzo 2024``): the names are
# kept, "di" is the catalog's, the
# tail goes to MT. A tail is a few words with no sentence in them (no full stop, second
# comma or colon: "Di Mario Draghi, invece, si sa poco." is a sentence, text for MT), or
# the paragraph's next line after a line break (``di Mario Rossi<br>La strada …``); after
# a dash, a place or an agency only (no function word: "DI NUOVO INSIEME - IL RITORNO").
_BYLINE_LEAD = r"(?:[-\u2013\u2014]\s*)?"
# The words before the name: "di", an editor's "a cura di", a writer's "Testo di", "Testo e
# foto di", a paper's own reporter "dal nostro inviato" (each a catalog string: _BY_MSGIDS).
_BY_WORDS = (
    r"a\s+cura\s+di|testo\s+e\s+foto\s+di|testo\s+di"
    r"|dal\s+nostro\s+inviato(?:\s+speciale)?|dalla\s+nostra\s+inviata(?:\s+speciale)?|di|by"
)
_BYLINE_TAIL = (
    r"(?P<tail>\s*[,;:]"
    rf"|\s*,\s*{_NAME}(?:\s*,\s*{_NAME})+(?:\s+(?:e|and)\s+{_NAME})?"  # more authors
    r"|\s*,\s*(?:<g\d+>)?[^\W_][^,;:!?()<>\n]{0,60}"
    r"|(?P<dash>\s[-\u2013\u2014|/]\s*(?:<g\d+>)?[^\W_][^,;:!?()<>\n]{0,60})"
    r"|\s*\([^()<>\n]{1,40}\)"
    r"|(?P<brk><x\d+/>)\s*(?-i:(?=[\p{Lu}\d]))[^\n]*)?"
)
_BYLINE = uniregex.compile(
    rf"^\s*{_MARKS}{_BYLINE_LEAD}{_MARKS}(?P<by>{_BY_WORDS}){_MARKS}\s+{_MARKS}"
    rf"(?:(?P<name>{_NAME})(?:\s+(?P<and>e|and)\s+(?P<name2>{_NAME}))?|(?P<kept><x\d+/>))"
    rf"{_MARKS}{_BYLINE_TAIL}{_MARKS}\s*$",
    uniregex.IGNORECASE | uniregex.VERSION0,
)
_TAIL_WORDS = 6  # at most, in a byline's tail
_SENTENCE_END = re.compile(r"\.(?:\s|$)")  # a full stop that ends a sentence (not 12.03.2024)
_NAME_CASE = uniregex.compile(_NAME)
# Words no person's name holds (Italian and English function words; a name's particles
# "di", "de", "della", "la"... are read by _NAME itself): a headline in capitals or in
# Title Case opening with "Di" ("DI MALE IN PEGGIO", "Di Corsa Verso Il Mare", "DI TUTTO
# E DI PIÙ") is text for MT, not a byline.
_NOT_NAME_TEXT = (
    "in il i gli le per con su tra fra verso più non che come ma o e ed al alla allo ai "
    "agli alle nel nella nello nei negli nelle dal dalla dallo dai dagli dalle sul sulla "
    "sullo sui sugli sulle un una uno è the of and for with to on at"
)
_NOT_NAME_WORDS = frozenset(_NOT_NAME_TEXT.split())
# The catalog string whose word stands for each byline word of the source.
_BY_MSGIDS: dict[str, tuple[str, str | None]] = {
    "di": ("by %s", None),
    "by": ("by %s", None),
    "a cura di": ("edited by %s", None),
    "testo di": ("Text by %s", None),
    "testo e foto di": ("Text and photos by %s", None),
    "dal nostro inviato": ("From our special correspondent %s", None),
    "dal nostro inviato speciale": ("From our special correspondent %s", None),
    "dalla nostra inviata": ("From our special correspondent %s", "female"),
    "dalla nostra inviata speciale": ("From our special correspondent %s", "female"),
}
# More authors after the first, between commas (``di MARIO ROSSI, ANNA BIANCHI``), the last
# maybe after "e": names kept, as the first is (were in the tail, sent to MT).
_MORE_NAMES = uniregex.compile(
    rf"\s*,\s*(?P<n>{_NAME})(?:\s*,\s*(?P<n2>{_NAME}))*"
    rf"(?:\s+(?P<and>e|and)\s+(?P<n3>{_NAME}))?\s*",
    uniregex.VERSION0,
)


def byline_spans(text: str, tgt_lang: str, src_lang: str = "it") -> list[Span]:
    """The spans of a byline segment (see :data:`_BYLINE`): "di" (or "a cura di") as the
    catalog's word for it in ``tgt_lang``, in the source's case, "e" between two names as
    the catalog's "and", and the names kept; none otherwise."""
    found = _BYLINE.match(text) if len(text) <= 160 else None
    names = [n for n in (found["name"], found["name2"]) if n] if found else []
    if not found or not (found["kept"] or all(_NAME_CASE.fullmatch(n) for n in names)):
        return []  # (the names themselves capitalised; or an element kept as written)
    if any(w.lower() in _NOT_NAME_WORDS for n in names for w in n.split()):
        return []  # a headline's words, not a name
    tail = "" if found["brk"] else found["tail"] or ""
    more = _more_names(found, tail, tgt_lang)
    if more is None and (len(tail.split()) > _TAIL_WORDS or _SENTENCE_END.search(tail)):
        return []  # a sentence after a name, not a byline's role, place or date
    if found["dash"] and any(w.lower() in _NOT_NAME_WORDS for w in found["dash"].split()):
        return []  # a headline's second half ("Di Nuovo Insieme - Il ritorno"), no place
    by = found["by"]
    word = _catalog_word(*_BY_MSGIDS[" ".join(by.lower().split())], lang=tgt_lang)
    conj = _catalog_word("%s and %s", lang=tgt_lang) if found["and"] else ""
    if word is None or conj is None:
        return []
    word = word.upper() if by.isupper() and len(by) > 1 else word
    # opens the line (after a dash, as a byline may be set)
    first = not uniregex.sub(_MARKS, "", text[: found.start("by")]).strip(" -\u2013\u2014\t")
    word = word[:1].upper() + word[1:] if by[:1].isupper() or first else word
    spans = [Span(found.start("by"), found.end("by"), "byline", by, word)]
    for group in ("name", "and", "name2"):
        if found[group]:
            start, end = found.span(group)
            if group == "and":
                spans.append(Span(start, end, "byline", found[group], _conjunction(conj, found)))
            else:
                spans.append(Span(start, end, "name", found[group], found[group]))
    spans += more or _date_tail(found, tail, src_lang, tgt_lang)
    return spans


def byline_names(text: str, src_lang: str = "it") -> list[str]:
    """The names of a segment that reads as a byline (:func:`byline_spans`), in order; none
    for any other text. A reader takes the article's author from them."""
    return [s.text for s in byline_spans(text, "en", src_lang) if s.kind == "name"]


# A byline's date after its separator (``di Mario Rossi | 12 marzo 2024``, ``, 12/03/2024``).
# The date may be an element of its own, ``— <time>28 novembre 2026</time>`` (``<g1>``).
_DATE_TAIL = re.compile(r"\s*(?:[,|/·•-]|[\u2013\u2014])\s*(?:<g\d+>)?(?P<date>[^<>]+?)\s*")


def _date_tail(found: uniregex.Match[str], tail: str, src: str, dst: str) -> list[Span]:
    """A span for a tail that is only a date, written in ``dst``'s long form from CLDR
    (``12 marzo 2024`` -> ``March 12, 2024``); the model wrote it as it pleased, or left
    ``12/03/2024`` to be read as 3 December. None for any other tail."""
    from pipeline.langdata.dates import localise_date
    from pipeline.langdata.placeholders import is_date

    m = _DATE_TAIL.fullmatch(tail) if tail else None
    if m is None or not is_date(m["date"]):
        return []
    date = m["date"]
    localised = localise_date(date, src, dst)
    if localised == date and not _cldr_reads(date, src):
        return []  # a date Babel could not read: the model's
    start = found.start("tail") + m.start("date")
    return [Span(start, start + len(date), "date", date, localised)]


def _cldr_reads(date: str, src: str) -> bool:
    """Whether CLDR reads ``date`` as a date of ``src``: a target may write it as the source
    does (``28 novembre 2026`` in French), which is no sign that Babel could not."""
    from pipeline.langdata.dates import localise_date

    return any(localise_date(date, src, other) != date for other in ("en", "fr") if other != src)


# A segment that is one date and nothing else, inline markup around it aside
# (``<g1>12 marzo 2024</g1>``: a ``<time>`` alone in its paragraph).
_WHOLE_DATE = re.compile(r"(?:\s|<g\d+>)*(?P<date>[^<>]+?)(?:\s|</g\d+>)*")


def whole_date_span(text: str, src: str, dst: str) -> list[Span]:
    """The span of a segment that is all a date, written in ``dst``'s long form from CLDR
    (``12 marzo 2024`` -> ``March 12, 2024``), as a byline's date is: nothing is left for
    a model, which made it up (noise inside the ``<time>`` with the tiny models). None
    for any other text, or a date Babel cannot read."""
    from pipeline.langdata.dates import localise_date
    from pipeline.langdata.placeholders import is_date

    m = _WHOLE_DATE.fullmatch(text) if len(text) <= 80 else None
    if m is None or not is_date(m["date"]):
        return []
    date = m["date"]
    localised = localise_date(date, src, dst)
    if localised == date and not _cldr_reads(date, src):
        return []
    return [Span(m.start("date"), m.end("date"), "date", date, localised)]


def _more_names(found: uniregex.Match[str], tail: str, tgt_lang: str) -> list[Span] | None:
    """Name spans of a tail that is only more authors (``, ANNA BIANCHI``), in the first
    name's case (all capitals or capitalised), none a headline's word, an "e" before the
    last the catalog's "and"; else None."""
    if not tail or found["name"] is None or found["and"]:
        return None
    m = _MORE_NAMES.fullmatch(tail)
    conj = _catalog_word("%s and %s", lang=tgt_lang) if m and m["and"] else ""
    if m is None or conj is None:
        return None
    offset = found.start("tail")
    spans = []
    for group in ("n", "n2", "n3"):
        for start, end in m.spans(group):
            name = tail[start:end]
            words = name.split()
            if name.isupper() != found["name"].isupper() or not _NAME_CASE.fullmatch(name):
                return None
            if any(w.lower() in _NOT_NAME_WORDS for w in words):
                return None
            spans.append(Span(offset + start, offset + end, "name", name, name))
    if m["and"]:
        word = conj.upper() if m["and"].isupper() and found["name"].isupper() else conj
        spans.append(Span(offset + m.start("and"), offset + m.end("and"), "byline", m["and"], word))
    return sorted(spans, key=lambda s: s.start)


def _conjunction(word: str, found: uniregex.Match[str]) -> str:
    """The catalog's "and" as the source writes "e": upper case in an upper-case line."""
    upper = found["and"].isupper() and found["name"].isupper() and found["name2"].isupper()
    return word.upper() if upper else word


@lru_cache(maxsize=32)
def _catalog_word(msgid: str, msgctxt: str | None = None, *, lang: str) -> str | None:
    """The word a byline catalog string puts around its names in ``lang`` ("by %s": en
    "by", fr "par"; "%s and %s": en "and", fr "et"); None when that catalog has none or
    puts it elsewhere than ``msgid`` does (then the segment is left to MT)."""
    from pipeline.errors import CatalogError
    from pipeline.langdata.catalogs import translated_string

    try:
        text = translated_string(msgid, lang, msgctxt)
    except (CatalogError, OSError, ValueError, LookupError):
        return None
    if text is None:
        return None
    words = [part.strip() for part in text.split("%s")]
    shape = [bool(part.strip()) for part in msgid.split("%s")]
    if [bool(w) for w in words] != shape:
        return None
    return next(w for w in words if w)


def numeric_date_spans(text: str, src: str, dst: str, alone: bool = False) -> list[Span]:
    """A span per numeric date of ``text`` (``12/03/24``, ``12.03.2024``, ``entro il 12/03``),
    which the model must not copy: kept as written where ``dst`` reads the same order
    (it -> fr, D/M), else ``dst``'s long form from CLDR (was: copied, and English read
    ``12/03/24`` as 3 December; review37 P8). ``alone``: a segment with no words, whose
    dates are all written in the long form, as a date alone in its paragraph is."""
    from pipeline.langdata.dates import day_first, numeric_dates, write_numeric

    if src == dst:
        return []
    same_order = day_first(src) == day_first(dst) and not alone
    spans = []
    for date in numeric_dates(text, src, alone):
        written = text[date.start : date.end]
        target = written if same_order else write_numeric(date, dst)
        if target is not None:
            spans.append(Span(date.start, date.end, "date", written, target))
    return spans


class SpanFinder:
    """Compiled patterns for one language pair, glossary and tokenizer (build once, reuse)."""

    def __init__(
        self,
        glossary: Glossary | None = None,
        src_lang: str = "it",
        tgt_lang: str = "en",
        special_tokens: Sequence[str] = (),
        literal: re.Pattern[str] | None = None,
    ) -> None:
        glossary = glossary or Glossary()
        pair = glossary.pair_terms(src_lang, tgt_lang)
        self.terms = {fold_for_terms(k).casefold(): v for k, v in pair.items()}
        self._dnt = self._words(glossary.dnt, 0)
        self._term = self._words(glossary.pair_terms(src_lang, tgt_lang), re.IGNORECASE)
        specials = [t for t in special_tokens if t]
        self._special = re.compile(_alternation(specials)) if specials else None
        self._literal = literal
        self._foreign = _foreign_runs(src_lang)
        self._tgt_lang = tgt_lang
        self._src_lang = src_lang

    @staticmethod
    def _words(terms: Iterable[str], flags: int) -> re.Pattern[str] | None:
        terms = [t for t in terms if t.strip()]
        if not terms:
            return None
        words = _alternation(terms, any_apostrophe=True)
        return re.compile(rf"(?<!\w)(?:{words})(?![\w{MID_CLUSTER}])", flags)

    def candidates(self, text: str) -> Iterable[Span]:
        """Every candidate span, overlapping ones included."""
        if "<" in text:
            yield from inline_tags(text)
        for start, url in uris(text):
            yield Span(start, start + len(url), "url", url, url)
        for start, token, kind in verbatim_tokens(text):  # paths, file names, inline math
            yield Span(start, start + len(token), kind, token, token)
        for kind, regex in (
            ("email", _EMAIL), ("handle", _HANDLE), ("hashtag", _HASHTAG), (NUMBER, _NUMBER)
        ):  # fmt: skip
            for m in regex.finditer(text):
                yield Span(m.start(), m.end(), kind, m.group(0), m.group(0))
        for kind, regex in (
            ("special", self._special), ("literal", self._literal), ("script", self._foreign)
        ):  # fmt: skip
            for m in regex.finditer(text) if regex else ():
                if kind != "script":
                    yield Span(m.start(), m.end(), kind, m.group(0), m.group(0))
                elif not glued_letter(text, m.start(), m.end()):
                    start, end = glued_word(text, m.start(), m.end())
                    yield Span(start, end, kind, text[start:end], text[start:end])
        yield from self._terms(text)
        if self._tgt_lang:
            yield from byline_spans(text, self._tgt_lang, self._src_lang)
            whole = whole_date_span(text, self._src_lang, self._tgt_lang)
            yield from whole or numeric_date_spans(text, self._src_lang, self._tgt_lang)

    def _terms(self, text: str) -> Iterable[Span]:
        """Do-not-translate terms and required translations, matched in what the model
        would see: a hidden character inside one (``Co\u00adrea``, ``KC\u200bNA``) hid the
        term, and the model got the bare word to translate freely. The span holds the
        source's own characters, so a kept term comes back byte for byte."""
        plain, where = visible(text)
        for kind, regex in (("dnt", self._dnt), ("term", self._term)):
            for m in regex.finditer(plain) if regex else ():
                start, end = span_in(m.span(), where)
                target = text[start:end] if kind == "dnt" else self._target(m.group(0))
                yield Span(start, end, kind, text[start:end], target)

    def _target(self, matched: str) -> str:
        """The glossary translation, in capitals when the source wrote the term in capitals."""
        target = self.terms[fold_for_terms(matched).casefold()]
        if matched.isupper() and not target.isupper() and len(matched) > 1:
            return target.upper()
        return target

    def find(self, text: str, extra: Sequence[Span] = ()) -> list[Span]:
        """Non-overlapping spans in text order: ``extra`` (a reader's markup) first, then
        leftmost-longest among the candidates."""
        chosen = sorted(extra, key=lambda s: s.start)
        taken = [(s.start, s.end) for s in chosen]
        for span in sorted(self.candidates(text), key=lambda s: (s.start, s.start - s.end)):
            if span.end > span.start and not any(span.start < b and a < span.end for a, b in taken):
                chosen.append(span)
                taken.append((span.start, span.end))
        return sorted((_balanced(s) for s in chosen), key=lambda s: (s.start, s.end))


# Explicit bidi embeddings and overrides (LRE RLE LRO RLO, closed by PDF) and isolates
# (LRI RLI FSI, closed by PDI). One left open in a kept span (``https://x.org/a\u202eb``)
# reverses or isolates the rest of the line wherever the span is written (the Trojan-source
# trick), so a span keeps only those its own text closes.
_EMBEDS, _ISOLATES, _PDF, _PDI = (
    "\u202a\u202b\u202d\u202e",
    "\u2066\u2067\u2068",
    "\u202c",
    "\u2069",
)


def unpaired_controls(text: str) -> list[int]:
    """Offsets of the explicit bidi controls of ``text`` that it does not close (or that
    close nothing); an embedding that an isolate's PDI cuts short counts as unpaired."""
    stack: list[int] = []
    stray: list[int] = []
    for i, ch in enumerate(text):
        if ch in _EMBEDS or ch in _ISOLATES:
            stack.append(i)
        elif ch == _PDF and stack and text[stack[-1]] in _EMBEDS:
            stack.pop()
        elif ch == _PDI and any(text[j] in _ISOLATES for j in stack):
            while text[stack[-1]] not in _ISOLATES:
                stray.append(stack.pop())
            stack.pop()
        elif ch in (_PDF, _PDI):
            stray.append(i)
    return sorted(stray + stack)


def _balanced(span: Span) -> Span:
    """``span`` with the bidi controls its own text leaves unpaired out of its target."""
    out = set(unpaired_controls(span.target))
    if not out:
        return span
    return replace(span, target="".join(c for i, c in enumerate(span.target) if i not in out))


def inline_tags(text: str) -> list[Span]:
    """Inline HTML tags of ``text`` as ``tag`` spans: an open tag and its matching close tag
    share ``pair`` (roles ``open``/``close``); ``<br>``, unmatched tags and whole ``<code>``
    elements are ``atomic``. Nesting is matched with a stack per tag name."""
    spans = [Span(m.start(), m.end(), "tag", m.group(0), m.group(0)) for m in _CODE.finditer(text)]
    inside = [(s.start, s.end) for s in spans]
    stacks: dict[str, list[int]] = {}
    tags: list[Span] = []
    for m in _TAG.finditer(text):
        if any(a <= m.start() < b for a, b in inside):
            continue
        span = Span(m.start(), m.end(), "tag", m.group(0), m.group(0))
        name = (m.group(2) or "").lower()
        if name and not m.group(1):
            stacks.setdefault(name, []).append(len(tags))
        elif name and stacks.get(name):
            opened = stacks[name].pop()
            tags[opened] = replace(tags[opened], role=OPEN, pair=opened)
            span = replace(span, role=CLOSE, pair=opened)
        tags.append(span)
    return sorted(spans + tags, key=lambda s: s.start)


@lru_cache(maxsize=1)
def _plain_finder() -> SpanFinder:
    """The finder without glossary or special tokens that :func:`kept_ranges` uses, built
    once (the localise stage asks about every target segment)."""
    return SpanFinder()


def kept_ranges(text: str, keep: Iterable[str] = ()) -> list[tuple[int, int]]:
    """Where ``text`` (a target) holds protected text: URLs, e-mails, handles, hashtags, and
    every occurrence of the strings in ``keep`` (the spans restored into it). A protected
    number is not kept text here: the localise stage writes it in the target's format.

    Post-edits (French typography, number rewriting) leave these ranges alone.
    """
    ranges = [(s.start, s.end) for s in _plain_finder().candidates(text) if s.kind != NUMBER]
    for item in {k for k in keep if k}:
        start = text.find(item)
        while start != -1:
            ranges.append((start, start + len(item)))
            start = text.find(item, start + 1)
    return sorted(ranges)
