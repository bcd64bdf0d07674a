"""Placeholders in catalog strings: ``%s``, ``%d``, ``%(name)s``, ``%1$s``, ``{n}``, ``{name}``.

``%1$s`` / ``%2$d`` are positional arguments (POSIX printf, PHP ``sprintf``): WordPress
msgids use them wherever a translation may reorder its values ("%1$s Replies to
&ldquo;%2$s&rdquo;"); each is filled by its number, whatever its place in the string.

Catalog strings are templates; pages show them filled (``%s`` -> ``*``). This
module turns a catalog string into a regular expression that matches its filled
form, reads the filled values back, and fills another string with them. The
same tokenizer backs ``mtpipe catalogs check`` (placeholder mismatches) and
``fill`` (placeholders are kept out of MT).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

PLACEHOLDER_RE = re.compile(
    r"%%"  # a literal percent sign, not a placeholder
    r"|%(?:(?P<arg>[1-9]\d*)\$)?(?:\((?P<name>[A-Za-z_]\w*)\))?[-#0 +]?\d*(?:\.\d+)?"
    r"(?P<conv>[sdifrxXeEgGc])"
    r"|\{(?P<brace>\w*)\}"
)

# What a filled placeholder looks like on a page.
_NUMBER = r"\d[\d.,\u00a0\u202f]*"
_SHORT = r"\S{1,40}"  # a positional %s: one short run such as * or a name
_PHRASE = r"\S+(?:[ \u00a0\u202f]\S+){0,3}"  # a named value: up to four words (a date)
_SPACE = re.compile(r"\s+")
# A named slot that holds a date or a time in post meta ("Pubblicato il %(date)s alle
# %(time)s"): only a date or a time, so "12/03/2024 alle ore 10:30" is never one "date",
# whose Italian words were written into every language.
_S = r"[ \u00a0\u202f]+"


@lru_cache(maxsize=4)
def _named(name: str) -> str:
    """The pattern of a named slot (:data:`_NAMED`), month names filled in when first
    needed (loading CLDR data costs tens of milliseconds a run with no date never pays)."""
    return _NAMED[name].replace("{months}", _month_names()) if name == "date" else _NAMED[name]


@lru_cache(maxsize=1)
def _month_names(langs: tuple[str, ...] = ("it", "en", "fr", "es", "de", "pt")) -> str:
    """An alternation of the month names (wide and abbreviated) of ``langs`` from CLDR
    (Babel's locale data; babel.dates is not loaded)."""
    from babel import Locale

    names: set[str] = set()
    for lang in langs:
        months = Locale.parse(lang).months
        for context in months.values():
            for width in ("wide", "abbreviated"):
                names.update(str(n).rstrip(".") for n in context.get(width, {}).values())
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


_NAMED = {
    "date": (
        rf"\d{{1,2}}(?:er|º|°|o)?{_S}[^\W\d_]+\.?{_S}\d{{4}}"  # 12 marzo 2024
        rf"|[^\W\d_]+\.?{_S}\d{{1,2}}(?:st|nd|rd|th)?,?{_S}\d{{4}}"  # March 12, 2024
        r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}"  # 12/03/2024, 2024-03-12
        # a day and month without a year, as this year's posts show it: still a date; the
        # month a CLDR month name (``Pubblicato il 12 volte`` is no date)
        rf"|\d{{1,2}}(?:er|º|°|o)?{_S}(?i:{{months}})\.?"  # 12 marzo
        rf"|(?i:{{months}})\.?{_S}\d{{1,2}}(?:st|nd|rd|th)?"  # March 12
    ),
    "time": rf"(?:ore{_S})?\d{{1,2}}[:.]\d{{2}}(?:{_S}?[AaPp]\.?[Mm]\.?)?",  # (ore) 10:30
}
_APOSTROPHES = "'\u2019"


def placeholders(text: str) -> list[str]:
    """The placeholder tokens of ``text`` in order (``%%`` excluded)."""
    return [m.group(0) for m in PLACEHOLDER_RE.finditer(text) if m.group(0) != "%%"]


def placeholder_key(token: str) -> str:
    """What a token is filled by: its name, or ``#<type>`` for positional ones."""
    m = PLACEHOLDER_RE.fullmatch(token)
    if m is None:
        raise ValueError(f"not a placeholder: {token!r}")
    if m.group("name"):
        return m.group("name")
    if m.group("arg"):
        return "$" + m.group("arg")
    if m.group("brace") is not None:
        return "{" + m.group("brace") + "}"
    return "#" + ("d" if m.group("conv") in "di" else "s")


def placeholder_mismatch(source: str, target: str) -> str | None:
    """Describe how ``target``'s placeholders differ from ``source``'s, or None."""
    a, b = Counter(placeholders(source)), Counter(placeholders(target))
    if a == b:
        return None
    missing = sorted((a - b).elements())
    extra = sorted((b - a).elements())
    parts = []
    if missing:
        parts.append(f"missing {', '.join(missing)}")
    if extra:
        parts.append(f"unexpected {', '.join(extra)}")
    return "placeholder mismatch: " + "; ".join(parts)


@lru_cache(maxsize=4096)  # asked per chrome string and form, for the same few templates
def pattern(text: str, *, ignore_case: bool = False) -> re.Pattern[str]:
    """A regex matching ``text`` with each placeholder filled (one group per placeholder).

    Runs of whitespace match any whitespace (so U+00A0 and U+202F on a page still
    match a plain space) and straight and typographic apostrophes match each other.
    Built once per template (cached).
    """
    return re.compile(pattern_source(text), re.IGNORECASE if ignore_case else 0)


# Markup around a catalog string's words: an HTML tag, a character reference (&#8220;).
_MARKUP = re.compile(r"<[^<>]*>|&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]\w*);")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")


def is_date(text: str) -> bool:
    """Whether ``text`` is all a date as a ``%(date)s`` slot takes one (see ``_NAMED``)."""
    return re.fullmatch(_named("date"), text.strip()) is not None


def own_words(text: str) -> list[str]:
    """The words of ``text`` outside its placeholders and markup: none in ``%1$s %2$s``,
    ``%s:`` or ``&#8220;%s&#8221;`` (a pattern of those matches any line of text), one in
    ``Bozza``, two in ``Leggi tutto``."""
    return _WORD.findall(_MARKUP.sub(" ", PLACEHOLDER_RE.sub(" ", text)))


def first_literal(text: str) -> str | None:
    """The character every match of :func:`pattern` opens with, or None when a match may
    open with several (a placeholder, whitespace or an apostrophe first)."""
    if not text or PLACEHOLDER_RE.match(text) or text[0].isspace() or text[0] in _APOSTROPHES:
        return None
    return text[0]


def pattern_source(text: str) -> str:
    """The source of :func:`pattern`'s regex (compiled by the caller, when needed)."""
    out: list[str] = []
    pos = 0
    for m in PLACEHOLDER_RE.finditer(text):
        out.append(_literal(text[pos : m.start()]))
        pos = m.end()
        if m.group(0) == "%%":
            out.append("%")
        elif m.group("conv") in ("d", "i"):
            out.append(f"({_NUMBER})")
        elif m.group("name") in _NAMED:  # %(date)s, %(time)s: only a date or a time
            out.append(f"({_named(m.group('name'))})")
        elif m.group("name") or m.group("brace") or m.group("arg"):
            out.append(f"({_PHRASE})")
        else:
            out.append(f"({_SHORT})")
    tail = text[pos:]
    if tail.endswith(":") and len(tail.rstrip(": \u00a0\u202f")) > 0:
        # a label's final colon, which a theme's file has and its page may not show
        # (Twenty Seventeen's "Articolo precedente:" over a link "Articolo precedente")
        tail = tail.rstrip(": \u00a0\u202f")
        out.append(_literal(tail) + r"(?:[ \u00a0\u202f]?:)?")
    else:
        out.append(_literal(tail))
    return "".join(out)


def _literal(chunk: str) -> str:
    parts = []
    for piece in _SPACE.split(chunk):
        parts.append(
            "".join(f"[{_APOSTROPHES}]" if c in _APOSTROPHES else re.escape(c) for c in piece)
        )
    return r"\s+".join(parts)


def read_values(template: str, filled: str, ignore_case: bool = False) -> dict[str, str] | None:
    """Placeholder values of ``filled`` read against ``template``; None if it does not match.

    Keys are :func:`placeholder_key` s; positional ones get ``#s0``, ``#s1`` … in order.
    """
    m = pattern(template, ignore_case=ignore_case).fullmatch(filled)
    if m is None:
        return None
    return dict(zip(_slots(template), m.groups(), strict=True))


def fill(template: str, values: dict[str, str]) -> str:
    """``template`` with its placeholders replaced by ``values`` (see :func:`read_values`).

    Raises KeyError naming the placeholder when a value is missing.
    """
    slots = iter(_slots(template))

    def sub(m: re.Match[str]) -> str:
        if m.group(0) == "%%":
            return "%"
        return values[next(slots)]

    return PLACEHOLDER_RE.sub(sub, template)


def numeric_slots(template: str) -> set[str]:
    """Slots (see :func:`read_values`) of integer placeholders (``%d``, ``%(num)d``)."""
    tokens = placeholders(template)
    return {
        slot
        for slot, token in zip(_slots(template), tokens, strict=True)
        if PLACEHOLDER_RE.fullmatch(token).group("conv") in ("d", "i")
    }


def _slots(template: str) -> list[str]:
    seen: Counter[str] = Counter()
    slots = []
    for token in placeholders(template):
        key = placeholder_key(token)
        if key.startswith("#"):
            slots.append(f"{key}{seen[key]}")
            seen[key] += 1
        else:
            slots.append(key)
    return slots


def split_protected(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into ``(piece, is_placeholder)`` runs, for translating around placeholders."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in PLACEHOLDER_RE.finditer(text):
        if m.group(0) == "%%":
            continue
        if m.start() > pos:
            out.append((text[pos : m.start()], False))
        out.append((m.group(0), True))
        pos = m.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out
