"""Rewrite numbers that MT copied verbatim from an Italian source into the target locale.

MT often carries ``10.000`` or ``3,5`` over unchanged, which an English reader
takes for ten or thirty-five. A target number is rewritten only when it is
provably a copy: the very same token occurs in the source, it parses there
(``babel.numbers.parse_decimal``, source locale, strict) to a value, and it does
not already read as that value in the target locale. Only tokens with a
separator qualify, so years (2024), plain integers, times (``14.30``: not a
valid Italian grouping; ``alle 22,30``: a time word before it in the source),
ids, URLs and anything glued to letters or slashes are never touched.
"""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import NumberFormatError, format_decimal, parse_decimal

# A number with a thousands group or a decimal part, not part of a longer token.
_NUMBER = re.compile(
    r"(?<![\w.,/:@#-])"
    r"(?:\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?:,\d+)?|\d+,\d+|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)"
    r"(?![\w/@]|[.,:]\d)"
)

# Italian says times with a comma too ("alle 22,30"); such a token is a clock time.
_TIME_BEFORE = re.compile(
    r"\b(?:alle|dalle|ore|le|verso le|entro le|fino alle|tra le|fra le)\s+$", re.IGNORECASE
)


def _source_numbers(source: str) -> set[str]:
    """Number tokens of the source, minus those used as clock times anywhere in it."""
    tokens: set[str] = set()
    times: set[str] = set()
    for m in _NUMBER.finditer(source):
        is_time = _TIME_BEFORE.search(source, 0, m.start()) is not None
        (times if is_time else tokens).add(m.group(0))
    return tokens - times


def _value(token: str, lang: str) -> Decimal | None:
    try:
        return parse_decimal(token, locale=lang, strict=True)
    except (NumberFormatError, ValueError):
        return None


def format_number(value: Decimal, lang: str) -> str:
    """``value`` in ``lang``'s CLDR format, keeping its decimal places (3,50 -> 3.50)."""
    places = max(0, -value.as_tuple().exponent)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(value, format=pattern, locale=lang)


def rewrite_numbers(
    source: str, target: str, source_lang: str, target_lang: str
) -> tuple[str, list[str]]:
    """``target`` with copied source-format numbers re-formatted; plus one note per change."""
    if source_lang == target_lang:
        return target, []
    copied = _source_numbers(source)
    edits: list[str] = []

    def sub(m: re.Match[str]) -> str:
        token = m.group(0)
        if token not in copied:
            return token
        value = _value(token, source_lang)
        if value is None or _value(token, target_lang) == value:
            return token
        new = format_number(value, target_lang)
        if new != token:
            edits.append(f"number: {token} -> {new} ({source_lang} format to {target_lang})")
        return new

    return _NUMBER.sub(sub, target), edits
