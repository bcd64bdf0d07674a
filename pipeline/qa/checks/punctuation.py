"""Quotes and brackets: balanced and correctly paired, as in the source.

Quotation marks differ by language (it/fr « », en “ ”, de „ “, typewriter
" everywhere, and the `…' of older English texts), so every style is one
class, paired by a stack: a directional mark must meet its own partner
(“ with ”, « with »), while a typewriter " closes any open quotation or opens
one. Brackets are a second class. A quotation may run over several sentences,
so a segment may open one and not close it; the target may do what the
source does (an unclosed quotation in the source excuses one in the target),
and when the source has no quotation marks at all, one unpaired mark in the
target is the translator's quotation spanning sentences, not an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from pipeline.qa.listing import quoted
from pipeline.qa.pair import Pair
from pipeline.qa.registry import Hit, check

QUOTE, BRACKET = "quote", "bracket"
# Opening mark -> accepted closing marks ("“" also closes "„", as in German; `…' and `…`).
OPENERS = {"«": '»"', "“": '”"', "„": '“”"', "‹": '›"', "`": "'`\"", "(": ")", "[": "]", "{": "}"}
CLOSERS = {c for v in OPENERS.values() for c in v if c not in "'\""}
STRAIGHT = '"'
# Every character balance() may count: the marks above and the apostrophe that closes `.
_MARKS = re.compile("[" + re.escape("".join({*OPENERS, *CLOSERS, STRAIGHT, "'"})) + "]")


def _class(mark: str) -> str:
    return BRACKET if mark in "()[]{}" else QUOTE


@dataclass
class Balance:
    """Unpaired and mispaired marks of one text, per class, with the first offending offset."""

    unclosed: dict[str, int] = field(default_factory=dict)
    unopened: dict[str, int] = field(default_factory=dict)
    mismatched: dict[str, int] = field(default_factory=dict)
    marks: dict[str, int] = field(default_factory=dict)
    first: tuple[str, int] | None = None

    def add(self, table: dict[str, int], cls: str, desc: str, at: int) -> None:
        table[cls] = table.get(cls, 0) + 1
        if self.first is None or at < self.first[1]:
            self.first = (desc, at)

    def leftover(self, cls: str) -> int:
        return self.unclosed.get(cls, 0) + self.unopened.get(cls, 0)


def balance(s: str) -> Balance:
    """Pair quotation marks and brackets of ``s`` (see the module doc).

    A typewriter quote opens when no quotation is open and closes otherwise:
    the most charitable reading, as spacing around quotes is unreliable
    (French ``" mot "``, ``dans" Sangre de mayo »``).
    """
    out = Balance()
    stack: list[tuple[str, int]] = []  # (opening mark, offset)
    for m in _MARKS.finditer(s):  # every other character is skipped by the loop alike
        i, c = m.start(), m.group()
        cls = _class(c)
        if c == STRAIGHT or c in OPENERS or c in CLOSERS or (c == "'" and _open(stack, "`", QUOTE)):
            out.marks[cls] = out.marks.get(cls, 0) + 1
        else:
            continue
        if c == STRAIGHT:
            if _open(stack, None, QUOTE):
                _close(stack, out, c, i)
            else:
                stack.append((c, i))
        elif c == "'" or (c in "“`" and _open(stack, "„" if c == "“" else "`", QUOTE)):
            _close(stack, out, c, i)
        elif c in OPENERS:
            stack.append((c, i))
        else:
            _close(stack, out, c, i)
    for o, j in stack:
        out.add(out.unclosed, _class(o), f"unpaired {o}" if o == STRAIGHT else f"unclosed {o}", j)
    return out


def _open(stack: list[tuple[str, int]], mark: str | None, cls: str | None = None) -> bool:
    """Whether the innermost open mark of the closer's class is ``mark`` (any, if None)."""
    for o, _ in reversed(stack):
        if cls is None or _class(o) == cls:
            return mark is None or o == mark
    return False


def _close(stack: list[tuple[str, int]], out: Balance, c: str, i: int) -> None:
    """Close the innermost open mark of ``c``'s class: paired, mispaired or unopened."""
    cls = QUOTE if c in "'\"" else _class(c)
    for k in range(len(stack) - 1, -1, -1):
        o, j = stack[k]
        if _class(o) != cls:
            continue
        for o2, j2 in stack[k + 1 :]:  # brackets left open inside a closed quotation
            out.add(out.unclosed, _class(o2), f"unclosed {o2}", j2)
        del stack[k:]
        if c not in OPENERS.get(o, "") and o != STRAIGHT and c != STRAIGHT:
            out.add(out.mismatched, cls, f"{o} closed by {c}", i)
        return
    out.add(out.unopened, cls, f"unopened {c}", i)


def problems(s: str) -> list[tuple[str, int]]:
    """Unpaired or mispaired quote/bracket marks as (description, offset); empty if balanced."""
    b = balance(s)
    return [b.first] if b.first else []


# A reporting clause after a comma or dash ("..., said Tony Fratto", "- a-t-il ajouté"): the
# quotation it attributes ends before it, in this sentence (round 36: any verb of speech).
# Verbs of speech or writing (not of memory: "se rappelle" remembers).
_SPEECH = (
    r"(?:said|says|added|adds|declared|explained|stated|told|commented"
    r"|noted|warned|insisted|replied|recalls|recalled|confirmed|confirms|reported|reports|wrote"
    r"|writes|announced|claimed|claims|stressed|emphasised|emphasized|pointed out|remarked"
    r"|observed|observes|concluded|admitted|acknowledged|asserted|affirmed|accuses|accused"
    r"|a déclaré|a ajouté|a expliqué|a affirmé|a précisé|a dit|dit|a souligné|a confirmé"
    r"|a indiqué|a estimé|a assuré|a conclu|a écrit|a annoncé|a observé|a commenté|a noté"
    r"|a-t-(?:il|elle)|ont-ils|déclare|ajoute|explique|affirme|précise|souligne"
    r"|confirme|indique|estime|assure|conclut|écrit|annonce|observe|commente|note|accuse)"
)
_ATTRIBUTION = re.compile(rf"[,–—-]\s*(?:\w+\s+){{0,2}}{_SPEECH}\b", re.IGNORECASE)


def _opens_text(s: str, at: int) -> bool:
    """Whether the mark at ``at`` opens the text (or follows a colon)."""
    return not re.search(r"\w", s[:at]) or bool(re.search(r":\s*$", s[:at]))


def _attributed_opening(s: str, b: Balance) -> bool:
    """An unpaired quotation mark opening the text, attributed later in the same text
    ("In flight, each bee ..., said Kazuhiro Doi."): its closing mark is missing."""
    if b.leftover(QUOTE) != 1 or b.first is None:
        return False
    at = b.first[1]
    return _opens_text(s, at) and bool(_ATTRIBUTION.search(s, at + 1))


def _spans_sentences(s: str, b: Balance) -> bool:
    """One unpaired quotation mark, opening the text or closing it: a quotation over sentences.

    Not when a quotation opened at the start is attributed later in the same text
    (:func:`_attributed_opening`).
    """
    if b.leftover(QUOTE) != 1 or b.first is None or _attributed_opening(s, b):
        return False
    desc, at = b.first
    opens_text = _opens_text(s, at)
    closes_text = not re.search(r"\w", s[at + 1 :])
    if s[at] == STRAIGHT:  # either role
        return opens_text or closes_text
    return opens_text if desc.startswith("unclosed") else closes_text


# The whole text one quotation: a mark before its first word and one after its last.
_QUOTED_START = re.compile(r"^\W*[\"“«„]")
_QUOTED_END = re.compile(r"[\"”»“]\W*$")


def _open_like_a_quoted_paragraph(p: Pair, tgt: Balance) -> bool:
    """The source is one quotation from start to end; the target opens it and never closes it.

    A quoted paragraph left open, as the convention for quotations running on over
    paragraphs writes it, and as the newstest2009 references do ("Nous avons réalisé
    un grand progrès. for "Abbiamo fatto un grande passo in avanti".).
    """
    if tgt.leftover(QUOTE) != 1 or tgt.first is None or p.tgt.count(STRAIGHT) != 1:
        return False
    quoted = _QUOTED_START.match(p.src) and _QUOTED_END.search(p.src)
    return bool(quoted) and _opens_text(p.tgt, tgt.first[1]) and not _closes_paragraphs(p)


def _closes_paragraphs(p: Pair) -> bool:
    """The translation of the segments around closes the quoted paragraphs it translates.

    A translator follows one convention through an article: one who closes the quotations
    of other segments that are one quotation from start to end (:attr:`PairContext.nearby_sources`
    and ``nearby_targets``) and leaves none of them open has no convention that leaves this
    one open, so its closing mark is lost.
    """
    closed = open_ = 0
    near = zip(p.context.nearby_sources, p.context.nearby_targets, strict=False)
    for src, tgt in near:
        if not (_QUOTED_START.match(src) and _QUOTED_END.search(src)):
            continue
        if _QUOTED_START.match(tgt) and balance(tgt).leftover(QUOTE) == 0:
            closed += 1
        elif _QUOTED_START.match(tgt):
            open_ += 1
    return closed > 0 and not open_


# A typewriter quote that opens a quotation inside a sentence: after a space or bracket that
# follows a word or a comma (not a sentence end, a colon or the start), before a letter.
_MID_SENTENCE_OPENER = re.compile(r"[\w,'’)\]]\s*[\s(\[]\"(?=[^\W\d_])")


def _opened_mid_sentence(s: str, b: Balance) -> bool:
    """The one unpaired mark of the target opens a quotation in the middle of a sentence.

    A quotation that runs over sentences (which the source need not mark) opens a
    sentence or follows a colon; one opened mid-sentence (`constrain the "golden
    parachutes for the heads ...`, `la sonde spatiale "Ulysses vole ...`) must close in
    that sentence, so its closing mark is lost. newstest2009: 2 lost marks from warning
    to error, no clean reference (the clean references' lone marks where the source has
    none close a quotation: `recuperate our health", affirmed`).
    """
    if b.leftover(QUOTE) != 1 or b.first is None or b.first[0] != f"unpaired {STRAIGHT}":
        return False
    at = b.first[1]
    start = max(0, at - 3)
    return not _opens_text(s, at) and bool(_MID_SENTENCE_OPENER.search(s, start, at + 2))


def _closed_mid_sentence(s: str, b: Balance) -> bool:
    """The one unpaired mark of the target closes a quotation in the middle of a sentence
    that goes on with no attribution (`assez brillante" pour lui permettre`, `the golden
    parachutes" for the heads`): a quotation closed there opened in that sentence, so its
    opening mark is lost. A quotation over sentences closes at a sentence end or before its
    attribution (`health", affirmed`, `necessary" he said`). newstest2009 (round 36): no
    clean reference, 0-4 lost marks per corruption draw.
    """
    if b.leftover(QUOTE) != 1 or b.first is None or b.first[0] != f"unpaired {STRAIGHT}":
        return False
    at = b.first[1]
    return at > 0 and bool(_CLOSED_MID_SENTENCE.match(s, at - 1))


# A typewriter quote glued to the word before it, then a space and a lower-case word that
# opens no attribution.
_CLOSED_MID_SENTENCE = re.compile(
    rf"[^\W\d_]\"\s+(?!(?:\w+\s+){{0,2}}{_SPEECH}\b)(?-i:[a-zà-ÿ])", re.IGNORECASE
)


def _quote_added(src: Balance, tgt: Balance) -> bool:
    """The target has more quotation marks than a quoting source: a mark added, not lost.

    Whatever it quotes is still quoted in full (the translator's " mot " spacing, a
    quotation opened twice: `" Au contraire, il déclara, "vous devez ..."`), a flaw
    for the editor to see, not a lost quotation. newstest2009: 14 clean references
    at error (and 10 of their uncorrupted copies), no corruption, which only ever
    removes or swaps a mark.
    """
    return 0 < src.marks.get(QUOTE, 0) < tgt.marks.get(QUOTE, 0)


# A short quotation of the source (a title, a word in use: "Flamenco-People", "tank"): an
# opening mark after a space, at most five words, a closing mark before no letter.
_SRC_TERM = re.compile(
    r"(?:^|(?<=[\s(\[]))[\"“«„`]\s?([^\"“”«»„`\s][^\"“”«»„`]{0,58}?)\s?[\"”»“'](?!\w)"
)
_TERM_MARKS = "\"“”«»„`'‘’"
_OPENER = re.compile(r"(?:^|(?<=[\s(\[]))[\"“«„`‘'](?=\w)")  # after a space, before a word
_CLOSER = re.compile(r"(?<=\S)[\"”»“'’](?!\w)")  # after a word, before no letter
_TERM_MAX_WORDS = 5
_AFTER_TERM = re.compile(r"^[\s,.;:!?]+")  # any space (French puts a narrow one before »)
# Any quotation mark of the target; an apostrophe only where it cannot be an elision.
_MARK_RE = re.compile(r"[\"“”«»„`]|(?<=\s)['‘]|['’](?!\w)")


def _marked(tgt: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether a quotation mark stands right before ``tgt[start:end]`` and right after it."""
    before = tgt[:start].rstrip()
    opened = bool(before) and before[-1] in _TERM_MARKS
    if opened and before[-1] in "'’" and len(before) > 1 and not before[-2].isspace():
        opened = False  # an elision (l'Anec), not a quotation mark
    after = _AFTER_TERM.sub("", tgt[end:], count=1)
    return opened, bool(after) and after[0] in _TERM_MARKS and not after[1:2].isalpha()


def _inside_longer_quotation(tgt: str, start: int, end: int, opened: bool) -> bool:
    """Whether the one mark beside a kept term is part of a longer quotation holding it
    ("Butch Cassidy" quoted in `"Butch Cassidy and the Kid"`): the next mark after the term
    closes (when it was opened) or the previous one before it opens."""
    if opened:
        nxt = min((m.start() for m in _MARK_RE.finditer(tgt, end)), default=None)
        return nxt is not None and bool(_CLOSER.match(tgt, nxt))
    prev = [m.start() for m in _MARK_RE.finditer(tgt, 0, start)]
    return bool(prev) and bool(_OPENER.match(tgt, prev[-1]))


def half_quoted_term(src: str, tgt: str) -> tuple[str, tuple[int, int]] | None:
    """A term the source quotes that the target keeps as is with one quotation mark only.

    A translator who keeps a quoted title or word verbatim keeps its quotation or drops
    it; one mark beside it (`in "Flamenco-People the concept`, `in Flamenco-People" even`)
    is a mark lost, though the target's marks may still pair up by count. Returns the
    term and its span in ``tgt``. newstest2009: 2 more lost marks at error, no clean
    reference (the one reference that does this, `her peep-toes"`, was flagged already).
    """
    for m in _SRC_TERM.finditer(src):
        term = m.group(1).strip(" ,.;:!?")
        if len(term) < 3 or len(term.split()) > _TERM_MAX_WORDS:
            continue
        kept = [k.span() for k in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", tgt, re.I)]
        marks = [_marked(tgt, *span) for span in kept]
        if (True, True) in marks:
            continue  # quoted in full once; other mentions need no marks
        for span, (opened, closed) in zip(kept, marks, strict=True):
            if opened != closed and not _inside_longer_quotation(tgt, *span, opened):
                return term, span
    return None


def _role(s: str, b: Balance) -> str | None:
    """Whether the one unpaired quotation mark of ``s`` opens or closes its quotation.

    A directional mark says so itself (an unclosed « opens); a typewriter quote only at an
    edge of the text: before its first word it opens, after its last word it closes. None
    when it is not one mark or stands inside the text, where spacing misleads
    (`importante, "ha sottolineato`, `diceva" Sempre`).
    """
    if b.leftover(QUOTE) != 1 or b.leftover(BRACKET) or b.mismatched or b.first is None:
        return None
    desc, at = b.first
    if not desc.startswith("unpaired"):
        return "open" if desc.startswith("unclosed") else "close"
    if not re.search(r"\w", s[:at]):
        return "open"
    return None if re.search(r"\w", s[at + 1 :]) else "close"


def _other_end(src: str, src_b: Balance, tgt: str, tgt_b: Balance) -> bool:
    """The source's one unpaired quotation mark and the target's are opposite ends of a
    quotation: the source opens one it does not close here and the target closes one it
    never opened (`"Proteggere i residenti ...` -> `Protecting the residents ... exist."`), or
    the other way round. A quotation that runs over sentences is opened and closed where the
    source does it; the source's open end excuses only a target's open end, so here the
    target lost the mark the source has and the source's mark excuses nothing."""
    roles = _role(src, src_b), _role(tgt, tgt_b)
    return None not in roles and roles[0] != roles[1]


# A quotation: an opening mark, then text with no quotation mark, then a closing one.
_QUOTATION = re.compile(r"[\"“«„]([^\"“”«»„]{3,})[\"”»“]")
# A reporting clause inside a text, the speaker a pronoun: "observe-t-elle", "a-t-il dit",
# "écrit-elle", ", il déclara,", ", he said,".
_INCISE = re.compile(
    r"\b\w+-(?:t-)?(?:il|elle|ils|elles)\b(?!-)|,\s*(?:il|elle)\s+\w+(?:a|it)\s*,"
    r"|,\s*(?:he|she)\s+(?:said|added|says|adds)\s*,",
    re.I,
)
_SAY_IT = re.compile(
    r"\b(?:(?:ha|aveva|hanno)\s+(?:detto|aggiunto|dichiarato|spiegato|affermato|sottolineato"
    r"|precisato|commentato|osservato|concluso|ribadito|riferito|assicurato|insistito|scritto)"
    r"|dice|aggiunge|spiega|afferma|sottolinea|precisa|commenta|osserva|conclude|ribadisce"
    r"|dichiara|assicura|scrisse|disse)\b",
    re.I,
)


def attribution_quoted(p: Pair) -> str | None:
    """A quotation of the target that holds its own attribution (`"l'intérêt ... publique
    a-t-elle déclaré, soulignant ... vente"`) where the source attributes its words outside
    its quotations (`"... pubblica," ha detto, aggiungendo ...`): the mark that closed the
    quotation before the attribution is lost. Returns the quotation's text."""
    if not _SAY_IT.search(p.src) or any(_SAY_IT.search(q) for q in _QUOTATION.findall(p.src)):
        return None
    if not _QUOTATION.search(p.src) or _quote_added(balance(p.src), balance(p.tgt)):
        return None  # a mark added (a quotation opened twice) is not one lost
    return next((q for q in _QUOTATION.findall(p.tgt) if _INCISE.search(q)), None)


@check("quote_bracket", "error", chrome=True)
def quote_bracket(p: Pair) -> Iterator[Hit]:
    """Quotes or brackets are unbalanced or mispaired in the target but not in the source.

    An error, except one unpaired typewriter quote in a target whose source has
    no quotation marks (a warning): on newstest2009 that case was right 11
    times in 20, every other case (brackets, directional quotes, a quote the
    source has and the target loses) far more often (bench/results/qa.md).
    Still an error when that quote opens the target and the same text attributes the
    quotation ("We are satisfied ..., declared Tony Fratto."): its closing mark is
    missing (newstest2009: 4 corruptions, no clean reference), or when that quote opens a
    quotation in the middle of a sentence (:func:`_opened_mid_sentence`) or closes one there
    (:func:`_closed_mid_sentence`). A warning too when
    the source is one quotation from start to end and the target opens it and never
    closes it (:func:`_open_like_a_quoted_paragraph`; an error where the translation of the
    segments around closes such quotations: :func:`_closes_paragraphs`): on newstest2009
    clean references
    flagged at error 1.88% -> 1.64%, error F1 unchanged at 0.948 (quote_bracket
    precision 0.881 -> 0.904, recall 0.913 -> 0.887). A warning also when a quoting
    source's target has more quotation marks than it (:func:`_quote_added`). An error,
    whatever the count, when a term the source quotes is kept as is with one mark beside
    it (:func:`half_quoted_term`). The source's one unpaired mark excuses the target's only
    at the same end of the quotation (:func:`_other_end`). An error too when a quotation of
    the target holds its own attribution that the source puts outside its quotations
    (:func:`attribution_quoted`).
    """
    hit = _unbalanced(p)
    if (hit is None or hit.severity == "warning") and (half := half_quoted_term(p.src, p.tgt)):
        term, span = half
        one = f"the quoted {quoted(term)} of the source has one quotation mark in the target"
        hit = Hit(one, span)
    if (hit is None or hit.severity == "warning") and (held := attribution_quoted(p)):
        hit = Hit(f"the quotation {quoted(held)} holds its attribution, which the source does not")
    if hit is not None:
        yield hit


def _unbalanced(p: Pair) -> Hit | None:
    """The first unbalanced or mispaired mark the source does not excuse (see quote_bracket)."""
    tgt = balance(p.tgt)
    if tgt.first is None:
        return None
    src = balance(p.src)
    for cls in (QUOTE, BRACKET):
        allowed = src.leftover(cls)
        if cls == QUOTE and _other_end(p.src, src, p.tgt, tgt):
            allowed -= 1
        if cls == QUOTE and not src.marks.get(QUOTE) and _spans_sentences(p.tgt, tgt):
            allowed = 1
        if tgt.leftover(cls) > allowed or tgt.mismatched.get(cls, 0) > src.mismatched.get(cls, 0):
            desc, at = tgt.first
            weak = desc == f"unpaired {STRAIGHT}" and (
                _quote_added(src, tgt)
                or (
                    (not src.marks.get(QUOTE) or _open_like_a_quoted_paragraph(p, tgt))
                    and not _attributed_opening(p.tgt, tgt)
                    and not (not src.marks.get(QUOTE) and _opened_mid_sentence(p.tgt, tgt))
                    and not (not src.marks.get(QUOTE) and _closed_mid_sentence(p.tgt, tgt))
                )
            )
            return Hit(f"{desc} in the target", (at, at + 1), "warning" if weak else None)
    return None
