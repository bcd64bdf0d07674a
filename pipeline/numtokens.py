"""The one tokenizer of numbers and clock times in running text.

Both the localise stage (which rewrites numbers MT copied in the source
locale's format, :mod:`pipeline.localise.numbers`) and QA (which compares
numbers across a pair, :mod:`pipeline.qa.numparse`) take their tokens from
here, so the rewriter and the checker cannot disagree about what a token is:
``10.000`` is one number, ``alle 22,30`` and ``15h30`` are clock times,
``/report/10.000`` is glued to an identifier.

Tokens carry their surface and span only; what a number *means* depends on
the locale and is the caller's business (Babel parses it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# Every Unicode space separator (category Zs): the plain space, the no-break ones (U+00A0,
# U+202F, the figure space U+2007) and the thin, hair, em... spaces a typesetter or a CMS
# groups digits with (``1\u2009000\u2009000``; was: U+2009 split it into three numbers).
SPACES = " \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u202f\u205f\u3000"
# A run of digits with inner "." or ","; or digits grouped by a space-like separator,
# which groups only as a thousands separator can: after one to three digits, before
# exactly three ("12 345", "1 234 567,5"), so "Nel 2023 350 migranti" is two numbers
# (read as one, QA called the correct "In 2023, 350 migrants" a changed number).
# A size's "x" after digits opens one too (``2,5x3,5``: two numbers, see _unglue_ranges).
# A full stop right after a letter opens a number as a space does: the abbreviation of
# ``art.18``, ``n.5``, ``pag.12`` (that "18" was no number: QA missed "Article 81").
# Swiss (Ticino) grouping with apostrophes, ``1'000'000``, ``1’250``, decimals after a
# point or comma, and the price's dash for no cents (``CHF 3'500.–``): as with spaces,
# exactly three digits after each apostrophe, so an elision (``dell'1,5%``, ``l'80``) or a
# quoted '2024' is never one (was: ``1``, ``000``, ``000``, three numbers to QA).
APOSTROPHES = "'\u2019"
_NO_CENTS = r"[\u2013-]{1,2}(?![\d\u2013-])"
_SWISS = rf"\d{{1,3}}(?:[{APOSTROPHES}]\d{{3}}(?!\d))+(?:[.,](?:\d+|{_NO_CENTS}))?"
SWISS_RE = re.compile(_SWISS)
_NUM_RE = re.compile(
    r"(?:(?<![\w,])|(?<=\d[xX]))(?:(?<!\.)|(?<=[^\W\d_]\.))"
    rf"(?:{_SWISS}|\d{{1,3}}(?:[{SPACES}]\d{{3}}(?!\d))+(?:[.,]\d+)*|\d+(?:[.,]\d+)*)"
    r"(?![.,]\d)"
)
SEPARATORS = ".," + SPACES + APOSTROPHES
# Part of an identifier rather than running text: a path, a handle, a ratio, a code
# (``A-4``), a file or domain name (``foto.2024.jpg``); a hyphen after a space or at the
# start is a minus sign (``-0,5 %``).
_GLUED_BEFORE = re.compile(r"(?:[/:@#]|(?<=\w)-|(?<=\d)[xX])$")
_GLUED_AFTER = re.compile(r"^(?:[\w/@]|:\d|\.[^\W\d_])")
# Times: 15:30, 15h30, 15 h 30.
_TIME_RE = re.compile(r"(?<![\w.,])(2[0-3]|[01]?\d)\s?(?::|h)\s?([0-5]\d)(?!\d)")
# Italian says times with "." or "," after a time word: "alle 15.30", "ore 15,30", "alle 16";
# after a bare "le" only with minutes ("le 22,30").
_IT_TIME_RE = re.compile(
    r"\b(?:(?:ore|alle|dalle|entro le|verso le|fino alle|tra le|fra le)\s+"
    r"(2[0-3]|[01]?\d)(?!\d)(?:[.,]([0-5]\d))?"
    r"|le\s+(2[0-3]|[01]?\d)[.,]([0-5]\d))(?![\d.,]\d)",
    re.I,
)
_FR_TIME_RE = re.compile(r"(?<![\w.,])([01]?\d|2[0-3])\s?h(?:\s?([0-5]\d))?(?!\w)")
# 4pm, 4.30pm, 7.00 p.m. (English clock times without a colon)
_AMPM_RE = re.compile(r"(?<![\w.,])(1[0-2]|0?\d)(?:[.:]([0-5]\d))?\s?([ap])\.?\s?m\b\.?", re.I)
_PM_RE = re.compile(r"\s*(p\.?\s?m\.?|pm)\b", re.I)
_LIST_MARK_RE = re.compile(r"^\s*\d{1,2}[.)]\s")


@dataclass(frozen=True)
class Token:
    """A number or clock time as written.

    ``time`` tokens have ``hour`` (0-23 as written), ``minute`` and ``pm``
    (True/False when the text says pm/am, None when it does not). ``glued``
    numbers touch an identifier (``/10.000``, ``A-4``, ``10.000@x``).
    """

    text: str
    span: tuple[int, int]
    time: bool = False
    hour: int = 0
    minute: int = 0
    pm: bool | None = None
    glued: bool = False

    @property
    def grouped(self) -> bool:
        """Whether the number has a group or decimal separator (years and counts do not)."""
        return any(c in SEPARATORS for c in self.text)


def apostrophe_value(text: str) -> Decimal | None:
    """The value of a number grouped by apostrophes (``1'000'000``, ``3'500.50``,
    ``3'500.–`` = 3500.00), the same in every locale; None for any other token."""
    if not SWISS_RE.fullmatch(text):
        return None
    whole, _, decimals = re.sub(f"[{APOSTROPHES}]", "", text).replace(",", ".").partition(".")
    if decimals and not decimals.isdigit():  # the dash: no cents
        decimals = "00"
    return Decimal(f"{whole}.{decimals}" if decimals else whole)


def _overlaps(span: tuple[int, int], tokens: list[Token]) -> bool:
    return any(t.span[0] < span[1] and span[0] < t.span[1] for t in tokens)


def times(text: str, lang: str) -> list[Token]:
    """Clock times of ``text`` (``lang`` adds its own forms: it "alle 15.30", fr "15 h")."""
    out: list[Token] = []
    for m in _AMPM_RE.finditer(text):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        out.append(Token(m.group(0), m.span(), True, hour, minute, m.group(3).lower() == "p"))
    extra = {"it": (_IT_TIME_RE,), "fr": (_FR_TIME_RE,)}.get(lang.split("-")[0], ())
    for rx in (_TIME_RE, *extra):
        for m in rx.finditer(text):
            g = [i for i in range(1, (rx.groups or 0) + 1) if m.group(i) is not None]
            h, mi = g[0], g[1] if len(g) > 1 else None
            span = (m.start(h), m.end(mi) if mi else m.end(h))
            if _overlaps(span, out):
                continue
            pm = True if _PM_RE.match(text, m.end()) else None
            minute = int(m.group(mi)) if mi else 0
            out.append(Token(text[span[0] : span[1]], span, True, int(m.group(h)), minute, pm))
    return out


def tokenize(text: str, lang: str) -> list[Token]:
    """Numbers written with digits and clock times in ``text``, in order of position.

    A leading list marker (``1.``) is no number; a token inside a clock time is
    the time only.
    """
    tokens = times(text, lang)
    skip_to = m.end() if (m := _LIST_MARK_RE.match(text)) else 0
    found = []
    for m in _NUM_RE.finditer(text):
        if m.start() < skip_to or _overlaps(m.span(), tokens):
            continue
        glued = bool(_GLUED_BEFORE.search(text[: m.start()]) or _GLUED_AFTER.match(text[m.end() :]))
        found.append(Token(m.group(0), m.span(), glued=glued))
    return sorted(tokens + _unglue_ranges(text, found), key=lambda t: t.span)


def _unglue_ranges(text: str, found: list[Token]) -> list[Token]:
    """``found`` with every number of a range written with a hyphen or slash freed
    (``1.000-2.000``, ``3,5-4,5``, ``1.000/2.000``, ``1.000-1.500-2.000``: was, each number
    after the first glued to the one before as in a code, so it stayed ``2.000`` in
    English), and of a size (``2,5x3,5``, ``1.000×2.000``). A range is numbers joined by one
    ``-``, ``/``, ``x`` or ``×`` each, nothing glued before
    the first or after the last, one at least grouped where there are two and every one
    grouped where there are more, so a code (``A4-2.000``), a path (``/a/1.000/2.000``), a
    date (``12-03-2024``) or a telephone number (``06-1234-5678``) stays glued."""
    out, run = list(found), [0]
    for i in range(1, len(found) + 1):
        if i < len(found) and text[found[i - 1].span[1] : found[i].span[0]] in _RANGE_JOINS:
            run.append(i)
            continue
        tokens = [found[j] for j in run]
        if _is_range(text, tokens):
            for j in run:
                out[j] = Token(found[j].text, found[j].span)
        elif _is_identifier(text, tokens):
            for j in run:  # an identifier (n. 1.000-2024, Lotto 1.000-2.000-3): whole
                out[j] = Token(found[j].text, found[j].span, glued=True)
        run = [i]
    return out


def _is_range(text: str, run: list[Token]) -> bool:
    """Whether the joined numbers ``run`` are a range (see :func:`_unglue_ranges`)."""
    grouped = sum(t.grouped for t in run)
    joins = [text[a.span[1] : b.span[0]] for a, b in zip(run, run[1:], strict=False)]
    size = all(j in _SIZE_JOINS for j in joins)  # 1,5x2,5x3 metri: every side a number
    if len(run) < 2 or not grouped or (len(run) > 2 and grouped < len(run) and not size):
        return False
    if ("/" in joins and grouped < len(run)) or any(_YEAR_RE.fullmatch(t.text) for t in run):
        return False  # a number and its year: Prot. n. 12.345/2024, decreto n. 1.234-2020
    before, after = text[: run[0].span[0]], text[run[-1].span[1] :]
    return not (_GLUED_BEFORE.search(before) or _GLUED_AFTER.match(after))


def _is_identifier(text: str, run: list[Token]) -> bool:
    """Whether the joined numbers ``run``, no range, are one identifier written whole: a
    number and its year (``n. 1.000-2024``), or three or more joined by ``-`` or ``/``
    (``Lotto 1.000-2.000-3``, ``06-1234-5678``, ``12-3-24``; was: the first number free,
    rewritten ``1,000-2.000-3`` in English, half the code changed). A size's ``x``
    (``1,5x2,5x3``) joins numbers, no identifier."""
    if len(run) < 2:
        return False
    if any(_YEAR_RE.fullmatch(t.text) for t in run):
        return True
    joins = {text[a.span[1] : b.span[0]] for a, b in zip(run, run[1:], strict=False)}
    return len(run) > 2 and joins <= {"-", "/"}


_YEAR_RE = re.compile(r"1[89]\d\d|20\d\d")  # a bare year ends an identifier, not a range
_SIZE_JOINS = ("x", "X", "\u00d7")  # a size, 2,5x3,5 metri, 1.000×2.000
_RANGE_JOINS = ("-", "/", *_SIZE_JOINS)
