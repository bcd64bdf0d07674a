"""Small text features shared by the checks: words, folding, capitalised names.

Everything here is language-light on purpose: Italian, English and French share
the Latin script and much of their vocabulary and names.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.UNICODE)
_CAP_SEQ_RE = re.compile(
    r"(?<![\w])(?:[A-ZÀ-ÖØ-Þ][\w’'.-]*[\w]|[A-ZÀ-ÖØ-Þ])"
    r"(?:[ \u00a0-](?:(?:de|da|di|del|van|von|bin|al|la|le)[ \u00a0])?[A-ZÀ-ÖØ-Þ][\w’'.-]*[\w])*"
)
_SENT_START_RE = re.compile(r"(?:^|[.!?…:;]\s+|[«“\"(\[]\s*)$")

# Invisible format characters and bidi controls (protect.placeholders.INVISIBLE and
# BIDI_CONTROLS, kept equal by a test; not imported, so QA loads no protect code): they
# never reach the model, so a correct translation lacks them. Was: a source's
# ``1\u200b500`` or ``2\u200e024`` read as two numbers each, and the target's ``1500`` and
# ``2024`` a number error on a correct translation.
INVISIBLE = "\u200b\u200c\u2060\ufeff\u200e\u200f"
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
# protect.spans.IGNORABLE: Unicode's Default_Ignorable_Code_Point format characters (soft
# hyphen, ZWJ, CGJ, ...; its comment gives the source). Was: ``1\u00ad500`` in a source
# read as two numbers, so ``1,500`` in a correct translation was a number error.
IGNORABLE = (
    "\u00ad\u034f\u061c\u180e\u200d\u2061-\u2064\u206a-\u206f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_HIDDEN = re.compile(f"[{INVISIBLE}{IGNORABLE}{BIDI_CONTROLS}]")


def visible(text: str) -> tuple[str, list[int]]:
    """``text`` without its invisible format characters and bidi controls, and where each
    of its characters (and its end) stands in ``text``, to map a span back."""
    if not _HIDDEN.search(text):
        return text, []
    kept = [i for i, ch in enumerate(text) if not _HIDDEN.match(ch)]
    return "".join(text[i] for i in kept), [*kept, len(text)]


def span_in(span: tuple[int, int] | None, where: list[int]) -> tuple[int, int] | None:
    """A span of :func:`visible`'s text as a span of the text it was made from."""
    if span is None or not where:
        return span
    start, end = span
    return where[start], where[end - 1] + 1 if end > start else where[start]


@lru_cache(maxsize=262144)
def fold(text: str) -> str:
    """Lower-case and strip accents: ``Beloúsov`` -> ``belousov``.

    Cached: name matching folds the same words of a pair many times over.
    """
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """Alphabetic words (with inner hyphens and apostrophes)."""
    return WORD_RE.findall(text)


@lru_cache(maxsize=8192)
def norm_text(text: str) -> str:
    """Folded words only, for "same text" comparisons that ignore case and punctuation.

    Cached: the untranslated and wrong-language checks both compare a pair's two texts.
    """
    return " ".join(fold(w) for w in re.findall(r"\w+", text))


def sentence_initial(text: str, start: int) -> bool:
    """Whether position ``start`` opens a sentence (so a capital there proves nothing)."""
    return bool(_SENT_START_RE.search(text[:start]))


def name_spans(text: str) -> list[tuple[str, int, int, bool]]:
    """Capitalised word sequences as (text, start, end, sentence_initial)."""
    out = []
    for m in _CAP_SEQ_RE.finditer(text):
        out.append((m.group(0), m.start(), m.end(), sentence_initial(text, m.start())))
    return out


def without_names(s: str, names: frozenset[str] = frozenset()) -> str:
    """``s`` without tokens that carry no language: numbers, acronyms, mid-sentence capitals,
    and capitalised words that are ``names`` (:func:`names_in` its source) at a sentence start.

    Names are language-neutral (Együtt a Harmadik Évezredért Alapítvány in an
    English sentence), so language identification looks at the rest. A name the source
    has mid-sentence ("La Fiorentina", "il presidente Mattarella") that opens the
    target ("Fiorentina sack Palladino.") is one too: kept, it made a correct two-word
    headline read as Italian, an ``untranslated`` error that blocked publication.
    """
    out = []
    for m in re.finditer(r"\S+", s):
        w = m.group(0)
        if re.search(r"\d", w) or (w.isupper() and len(w) > 1):
            continue
        if w[:1].isupper() and (not sentence_initial(s, m.start()) or _bare(w) in names):
            continue
        out.append(w)
    return " ".join(out)


_QUOTATION = re.compile(r"[\"“«„]\s?([^\"“”«»„]{3,200}?)\s?[\"”»“]")


def without_kept_quotes(src: str, tgt: str) -> str:
    """``tgt`` without the quotations of two words or more it copies verbatim from ``src``.

    A title or a phrase the translation keeps in its own language (`The publication
    "Diario de un poeta recién casado" closes ...`) is as language-neutral as a name:
    its Spanish function words made an English target tie with French, its expected
    language, so a wrong-language target went unreported. Only text the source has
    word for word goes; a quotation the translator rendered stays.
    """
    folded = " ".join(src.casefold().split())
    out, last = [], 0
    for m in _QUOTATION.finditer(tgt):
        inner = " ".join(m.group(1).casefold().split())
        if len(inner.split()) >= 2 and inner in folded:
            out.append(tgt[last : m.start()])
            last = m.end()
    return "".join(out) + tgt[last:] if out else tgt


def names_in(s: str) -> frozenset[str]:
    """The capitalised words of ``s`` that stand mid-sentence (names, as far as text shows)."""
    return frozenset(
        _bare(m.group(0))
        for m in re.finditer(r"\S+", s)
        if m.group(0)[:1].isupper() and not sentence_initial(s, m.start())
    )


def _bare(token: str) -> str:
    """A whitespace token without the punctuation around it (``Palladino.`` -> ``Palladino``)."""
    return re.sub(r"^\W+|\W+$", "", token)


def title_cased(s: str) -> bool:
    """Most words capitalised, as in an English headline ("Decision About Defeated Duo")."""
    ws = [w for w in words(s) if len(w) > 3]
    return len(ws) >= 2 and sum(w[:1].isupper() for w in ws) >= 0.75 * len(ws)
