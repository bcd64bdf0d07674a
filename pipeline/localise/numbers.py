"""Rewrite numbers that MT copied verbatim from an Italian source into the target locale.

MT often carries ``10.000`` or ``3,5`` over unchanged, which an English reader
takes for ten or thirty-five. A target number is rewritten only when it is
provably a copy: the very same token occurs in the source, it parses there
(``babel.numbers.parse_decimal``, source locale, strict; digits grouped by any
space separator read as grouped, ``1\u2009000\u2009000``, and Swiss digits grouped by
apostrophes in any locale, ``1'000'000``, ``CHF 3'500.\u2013`` = 3500.00) to a value, and it does
not already read as that value in the target locale. Only tokens with a
separator qualify, so years (2024), plain integers, times (``14.30``: not a
valid Italian grouping; ``alle 22,30``: a time word before it in the source),
telephone numbers (``347 123 4567``, ``010 123``), ids, URLs and anything glued to
letters or slashes are never touched, nor is any number inside a protected span
(``keep``: the spans restored by the translate stage, plus URLs, e-mails, handles
and hashtags; see :func:`pipeline.protect.kept_ranges`; a protected number is no
such span: it was kept whole from the model to be written here). A percent sign the
source wrote after a space takes the target's spacing, even on a plain integer (it
``10 %`` -> en ``10%``, fr ``10\u00a0%``). Tokens come from
:mod:`pipeline.numtokens`, the tokenizer QA uses too.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import NumberFormatError, format_decimal, get_group_symbol, parse_decimal

from pipeline import numtokens
from pipeline.protect import kept_ranges


def _source_numbers(source: str, lang: str) -> set[str]:
    """Grouped number tokens of the source, minus those used as clock times anywhere in it
    and telephone numbers by the source's own context (``+39 010 123 456``: a model that
    drops the ``+`` leaves no telephone number to tell in the target)."""
    tokens = numtokens.tokenize(source, lang)
    times = {t.text for t in tokens if t.time}
    return {
        t.text
        for t in tokens
        if not t.time
        and t.grouped
        and not t.glued
        and not (_SPACE_GROUP.search(t.text) and _phone_like(source, t.span))
    } - times


@contextmanager
def exact_digits(text: str) -> Iterator[None]:
    """A decimal context exact for every digit of ``text``.

    Python's default context keeps 28 significant digits, and Babel quantizes
    with it: a longer number (``1.000.000.000.000.000.000.000.000.000``)
    raised ``decimal.InvalidOperation`` and stopped the whole batch.
    """
    with decimal.localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(text) + 2)
        yield


def _value(token: str, lang: str, spaced: bool = False) -> Decimal | None:
    """``token``'s value in ``lang`` (strict), or None. ``spaced``: digits grouped by any
    space separator (``1\u2009000\u2009000``, ``10\u00a0000``) read as grouped, which
    they can only be (numtokens takes exactly three digits after each), in every locale
    (the source's): CLDR's strict parser reads none of them in Italian."""
    if spaced:
        token = _SPACE_GROUP.sub("", token)
    try:
        with exact_digits(token):
            return parse_decimal(token, locale=lang.replace("-", "_"), strict=True)
    except (NumberFormatError, ValueError, LookupError):  # LookupError: no CLDR data for a tag
        return None


def _reads_as(token: str, lang: str, value: Decimal) -> bool:
    """Whether ``token`` already reads as ``value`` in ``lang``: as CLDR writes it, or
    grouped by a no-break space where ``lang`` groups with one (fr ``10\u00a0000`` for
    CLDR's U+202F); a thin space U+2009 may break the line there, so it is rewritten."""
    if _value(token, lang) == value:
        return True
    try:
        group = get_group_symbol(lang.replace("-", "_"))
    except (ValueError, LookupError):
        return False
    if group not in _NO_BREAK or not _NO_BREAK_GROUP.search(token):
        return False
    return _value(_NO_BREAK_GROUP.sub(group, token), lang) == value


def format_number(value: Decimal, lang: str) -> str:
    """``value`` in ``lang``'s CLDR format, keeping its decimal places (3,50 -> 3.50).

    Every digit is kept however many there are. Raises ``ValueError`` /
    ``babel.UnknownLocaleError`` for a tag CLDR has no data for.
    """
    places = max(0, -value.as_tuple().exponent)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    with exact_digits(str(value)):
        return format_decimal(value, format=pattern, locale=lang.replace("-", "_"))


_PERCENT = re.compile(f"[{numtokens.SPACES}]?%")
_SPACED_PERCENT = re.compile(f"[{numtokens.SPACES}]%")
_NEXT_DIGITS = re.compile(f"[{numtokens.SPACES}]\\d")
_PREVIOUS_DIGITS = re.compile(f"\\d[{numtokens.SPACES}]$")
_SPACE_GROUP = re.compile(f"(?<=\\d)[{numtokens.SPACES}](?=\\d)")
_NO_BREAK = "\u00a0\u202f\u2007"
_NO_BREAK_GROUP = re.compile(f"(?<=\\d)[{_NO_BREAK}](?=\\d)")


def _has_cldr_data(lang: str) -> bool:
    """Whether Babel knows ``lang`` (``en``, ``pt-BR``); not ``tlh`` or ``en-XX``."""
    try:
        Locale.parse(lang.replace("-", "_"))
    except (ValueError, LookupError, UnknownLocaleError):
        return False
    return True


def _percent_sign(lang: str) -> str:
    """The percent sign with ``lang``'s CLDR spacing: en ``%``, fr ``\u00a0%``."""
    pattern = Locale.parse(lang.replace("-", "_")).percent_formats[None].pattern
    return pattern[pattern.rfind("0") + 1 :] if pattern.endswith("%") else "%"


def rewrite_numbers(
    source: str, target: str, source_lang: str, target_lang: str, keep: Iterable[str] = ()
) -> tuple[str, list[str]]:
    """``target`` with copied source-format numbers re-formatted; plus one note per change.

    A tag CLDR has no data for (either side) changes nothing: there is no format to
    write the number in.
    """
    if source_lang == target_lang or not (
        _has_cldr_data(source_lang) and _has_cldr_data(target_lang)
    ):
        return target, []
    copied = _source_numbers(source, source_lang)
    percents = _spaced_percents(source, source_lang)
    edits: list[str] = []
    kept = kept_ranges(target, keep)
    out, at = [], 0
    for tok in numtokens.tokenize(target, target_lang):
        if tok.time or tok.glued or any(a < tok.span[1] and tok.span[0] < b for a, b in kept):
            continue
        found = _new_form(tok, target, (source_lang, target_lang), copied, percents)
        if found is None:
            continue
        new, end = found
        old = target[tok.span[0] : end]
        edits.append(f"number: {old} -> {new} ({source_lang} format to {target_lang})")
        out += [target[at : tok.span[0]], new]
        at = end
    return "".join(out) + target[at:], edits


def _phone_like(text: str, span: tuple[int, int]) -> bool:
    """Whether the space-grouped digits ``text[span]`` are part of a telephone number or
    code, never a count: a leading zero (``010 123``), more digits a space away
    (``347 123 4567``, whose first two groups numtokens reads as a number; ``+39 010 123``,
    but not a year, :func:`_phone_before`), a telephone word just before (``numero
    verde``, ``tel.``, ``cell.``, ``fax``), or nine digits in
    three plain-space groups that do not end in ``000`` (``800 909 696``, ``335 123 456``:
    how Italian toll-free, premium and older mobile numbers are written; an amount so
    written ends in zeros, ``350 000 000``)."""
    start, end = span
    digits = text[start:end]
    return bool(
        re.match(r"0\d", digits)
        or text[:start].endswith("+")  # a country code first (``+39 010 123 456``)
        or _NEXT_DIGITS.match(text, end)
        or _phone_before(text[:start])
        or (_THREE_BY_THREE.fullmatch(digits) and not digits.endswith("000"))
    )


def _phone_before(before: str) -> bool:
    """Whether the text ``before`` a space-grouped number ends a telephone number's start:
    a telephone word, or digits a space away that are no year. A year is a count's
    neighbour, never a prefix (``nel 2008 350 000 persone``: 350 000 people; was left
    unlocalised as a telephone number), unless a telephone word stands before it."""
    year = _YEAR_BEFORE.search(before)
    if year is not None:
        return bool(_PHONE_WORD.search(before[: year.start()]))
    return bool(_PREVIOUS_DIGITS.search(before) or _PHONE_WORD.search(before))


# A year (1000-2999) alone, a space before the number: digits of no telephone number
_YEAR_BEFORE = re.compile(
    f"(?<![\\w+.,/'’-])(?<!\\d[{numtokens.SPACES}])[12]\\d{{3}}[{numtokens.SPACES}]$"
)
_PHONE_WORD = re.compile(
    r"\b(?:tel|telefono|telefonare|telefonico|numero verde|cell|cellulare|fax|whatsapp|sms"
    r"|chiamare|chiamate|chiama|phone|call|t[ée]l[ée]phone|t[ée]l)\b[.:]?\s*(?:al\s+|au\s+)?$",
    re.IGNORECASE,
)
_THREE_BY_THREE = re.compile(r"[1-9]\d\d \d{3} \d{3}")


def _spaced_percents(source: str, lang: str) -> set[str]:
    """Numbers of the source written with a space separator before their percent sign
    (``10\u202f%``, ``3,5 %``): the sign is the number's, so its spacing is the target's."""
    return {
        t.text
        for t in numtokens.tokenize(source, lang)
        if not t.time and not t.glued and _SPACED_PERCENT.match(source, t.span[1])
    }


def _new_form(
    tok: numtokens.Token,
    target: str,
    langs: tuple[str, str],
    copied: set[str],
    percents: set[str],
) -> tuple[str, int] | None:
    """What a copied number token of ``target`` becomes in the target locale (with its
    percent sign, if any) and where that ends; None when it stays as written."""
    (source_lang, target_lang), new, end = langs, tok.text, tok.span[1]
    spaced = bool(_SPACE_GROUP.search(tok.text))
    if spaced and _phone_like(target, tok.span):
        return None
    if tok.text in copied:
        # grouped by apostrophes (Swiss ``1'000'000``, ``3'500.–``): the same value anywhere
        value = numtokens.apostrophe_value(tok.text)
        value = _value(tok.text, source_lang, spaced) if value is None else value
        if value is not None and not _reads_as(tok.text, target_lang, value):
            new = format_number(value, target_lang)
    percent = _PERCENT.match(target, end)
    # a percentage takes the target's spacing too (it 13,8 % -> en 13.8%, it 10 % -> fr 10 %)
    if percent and (new != tok.text or tok.text in percents):
        new, end = new + _percent_sign(target_lang), percent.end()
    return None if target[tok.span[0] : end] == new else (new, end)
