"""Rewrite numbers that MT copied verbatim from an Italian source into the target locale.

MT often carries ``10.000`` or ``3,5`` over unchanged, which an English reader
takes for ten or thirty-five. A target number is rewritten only when it is
provably a copy: the very same token occurs in the source, it parses there
(``babel.numbers.parse_decimal``, source locale, strict) to a value, and it does
not already read as that value in the target locale. Only tokens with a
separator qualify, so years (2024), plain integers, times (``14.30``: not a
valid Italian grouping; ``alle 22,30``: a time word before it in the source),
ids, URLs and anything glued to letters or slashes are never touched, nor is
any number inside a protected span (``keep``: the spans restored by the
translate stage, plus URLs, e-mails, handles and hashtags; see
:func:`pipeline.protect.kept_ranges`). Tokens come from
:mod:`pipeline.numtokens`, the tokenizer QA uses too.
"""

from __future__ import annotations

import decimal
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

from pipeline import numtokens
from pipeline.protect import kept_ranges


def _source_numbers(source: str, lang: str) -> set[str]:
    """Grouped number tokens of the source, minus those used as clock times anywhere in it."""
    tokens = numtokens.tokenize(source, lang)
    times = {t.text for t in tokens if t.time}
    return {t.text for t in tokens if not t.time and t.grouped and not t.glued} - times


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


def _value(token: str, lang: str) -> Decimal | None:
    try:
        with exact_digits(token):
            return parse_decimal(token, locale=lang.replace("-", "_"), strict=True)
    except (NumberFormatError, ValueError, LookupError):  # LookupError: no CLDR data for a tag
        return None


def format_number(value: Decimal, lang: str) -> str:
    """``value`` in ``lang``'s CLDR format, keeping its decimal places (3,50 -> 3.50).

    Every digit is kept however many there are. Raises ``ValueError`` /
    ``babel.UnknownLocaleError`` for a tag CLDR has no data for.
    """
    places = max(0, -value.as_tuple().exponent)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    with exact_digits(str(value)):
        return format_decimal(value, format=pattern, locale=lang.replace("-", "_"))


_PERCENT = re.compile(r"[ \u00a0\u202f]?%")


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
    edits: list[str] = []
    kept = kept_ranges(target, keep)
    out, at = [], 0
    for tok in numtokens.tokenize(target, target_lang):
        if tok.time or tok.glued or tok.text not in copied:
            continue
        if any(a < tok.span[1] and tok.span[0] < b for a, b in kept):
            continue
        value = _value(tok.text, source_lang)
        if value is None or _value(tok.text, target_lang) == value:
            continue
        new, end = format_number(value, target_lang), tok.span[1]
        if new == tok.text:
            continue
        percent = _PERCENT.match(target, end)
        if percent:  # a percentage takes the target's spacing too (it 13,8 % -> en 13.8%)
            new, end = new + _percent_sign(target_lang), percent.end()
        old = target[tok.span[0] : end]
        edits.append(f"number: {old} -> {new} ({source_lang} format to {target_lang})")
        out += [target[at : tok.span[0]], new]
        at = end
    return "".join(out) + target[at:], edits
