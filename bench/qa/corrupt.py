"""Labelled corruption generator: inject one known error into a fixed fraction of pairs.

Each corruption applies only where it is meaningful (a number change needs a
number present on both sides) and is verified to change the target. ``also``
lists checks whose firing on that item is a true consequence of the injected
error (dropping a clause that held a number really leaves a number missing);
the scorer counts those neither as hits nor as false alarms.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from babel.numbers import format_decimal

from bench.qa import reader
from pipeline.document import ORIGIN_HUMAN
from pipeline.qa.pair import Sibling
from pipeline.qa.stage import NAME_WINDOW

KINDS = (
    "number",
    "number_format",
    "omission",
    "untranslated",
    "repetition",
    "wrong_language",
    "misalignment",
    "quote_bracket",
    "named_entity",
)
CONTENT = ("number", "number_format", "omission", "named_entity", "quote_bracket")


@dataclass
class Item:
    id: str
    src: str
    tgt: str
    src_lang: str
    tgt_lang: str
    prev_src: str = ""
    next_src: str = ""
    # the references of the lines around it (the name check's nearby translations)
    nearby_tgts: tuple[str, ...] = ()
    nearby_srcs: tuple[str, ...] = ()
    # the line's reference into the other target language, a human translation (siblings)
    siblings: tuple[Sibling, ...] = ()
    label: str | None = None  # injected error (a check id) or None for a clean reference
    also: tuple[str, ...] = ()
    note: str = ""


@dataclass
class Line:
    """Everything a corruption may use for one line: its pair and its neighbours."""

    i: int
    src: str
    tgt: str
    src_lang: str
    tgt_lang: str
    other_ref: str  # the same line's reference in the other target language
    neighbours: list[str] = field(default_factory=list)  # references of lines i-1, i+1


Result = tuple[str, tuple[str, ...], str] | None  # (new target, also, note)


def _number(line: Line, rng: random.Random) -> Result:
    src_vals = {v for n in reader.extract(line.src, line.src_lang) for v in n.values}
    nums = [n for n in reader.extract(line.tgt, line.tgt_lang) if n.values & src_vals]
    if not nums:
        return None
    num = rng.choice(nums)
    digits = [i for i, c in enumerate(num.text) if c.isdigit()]
    for _ in range(20):
        pos = rng.choice(digits)
        choices = [d for d in "0123456789" if d != num.text[pos] and not (pos == 0 and d == "0")]
        new = num.text[:pos] + rng.choice(choices) + num.text[pos + 1 :]
        new_vals = reader.extract(new, line.tgt_lang)
        if new_vals and not any(n.values & src_vals for n in new_vals):
            tgt = line.tgt[: num.span[0]] + new + line.tgt[num.span[1] :]
            return tgt, (), f"{num.text} -> {new}"
    return None


def _number_format(line: Line, rng: random.Random) -> Result:
    src_vals = {v for n in reader.extract(line.src, line.src_lang) for v in n.values}
    out = []
    for num in reader.extract(line.tgt, line.tgt_lang):
        if (
            not num.values & src_vals
            or not re.search(r"\D", num.text)
            or num.values.isdisjoint({v for v in num.values if v.startswith("n:")})
        ):
            continue
        value, ok = reader.parse_in(num.text, line.tgt_lang)
        if value is None or not ok:
            continue
        new = format_decimal(value, locale=line.src_lang)
        if new != num.text and reader.parse_in(new, line.tgt_lang)[0] != value:
            out.append((num, new))
    if not out:
        return None
    num, new = rng.choice(out)
    return (
        line.tgt[: num.span[0]] + new + line.tgt[num.span[1] :],
        ("number",),
        f"{num.text} -> {new}",
    )


_CLAUSE = re.compile(
    r"(?<=[,;:])\s+|\s+(?=(?:and|but|which|who|that|while|et|mais|qui|que|dont|où)\b)"
)


def _also_for(dropped: str, line: Line, new: str) -> tuple[str, ...]:
    """Checks that rightly fire once ``dropped`` is cut from the target.

    A name counts when a word of a name of the whole target is gone from the
    new one, also a sentence-initial one that the source has too (``Josef
    Pokorný, the director …``): the fragment's first word is no sentence start.
    """
    also = []
    if re.search(r"\d", dropped):
        also += ["number", "number_format"]
    src = reader.fold(line.src)
    in_target = [
        w
        for seq, _, _, initial in reader.name_spans(line.tgt)
        for w in seq.split()
        if not initial or (len(w) > 2 and reader.fold(w) in src)
    ]
    gone = any(not re.search(rf"(?<!\w){re.escape(w)}(?!\w)", new) for w in in_target)
    if (
        any(not initial for _, _, _, initial in reader.name_spans(dropped))
        or re.search(r"\b[A-Z]{2,}\b", dropped)
        or gone
    ):
        also.append("named_entity")
    if re.search(r"[\"«»“”„()\[\]]", dropped):
        also.append("quote_bracket")
    return tuple(also)


def _omission(line: Line, rng: random.Random) -> Result:
    """Drop 40-70% of the target's words: a run of clauses, or a run of words."""
    words = line.tgt.split()
    if len(words) < 8:
        return None
    n = len(words)
    body = line.tgt.rstrip()
    end_punct = re.search(r"[.!?…\"'»”]*$", body).group(0)
    body = body[: len(body) - len(end_punct)] if end_punct else body
    cuts = [0] + [m.end() for m in _CLAUSE.finditer(body)] + [len(body)]
    spans = [
        (a, b)
        for i, a in enumerate(cuts)
        for b in cuts[i + 1 :]
        if 0.4 <= len(body[a:b].split()) / n <= 0.7
    ]
    if not spans:
        k = rng.randint(int(0.4 * n + 0.999), int(0.7 * n))
        start = rng.randint(0, n - k)
        kept = words[:start] + words[start + k :]
        dropped = " ".join(words[start : start + k])
        new = " ".join(kept)
        if not re.search(r"[.!?…\"'»”]$", new):
            new += end_punct
    else:
        a, b = rng.choice(spans)
        dropped = body[a:b]
        new = (
            body[:a].rstrip(" ,;:") + (" " if a and b < len(body) else "") + body[b:]
        ).strip() + end_punct
    new = new[:1].upper() + new[1:]
    return new, _also_for(dropped, line, new), f"dropped {len(dropped.split())}/{n} words"


def _untranslated(line: Line, rng: random.Random) -> Result:
    if reader.norm_text(line.src) == reader.norm_text(line.tgt):
        return None
    return line.src, ("number", "number_format", "named_entity", "quote_bracket"), "target = source"


def _repetition(line: Line, rng: random.Random) -> Result:
    toks = list(re.finditer(r"\w+(?:[-'’]\w+)*", line.tgt))
    if len(toks) < 4:
        return None
    n = rng.choice((1, 2, 2, 3, 3, 4))
    extra = rng.randint(2, 3) if n == 1 else rng.randint(1, 3)
    i = rng.randrange(0, len(toks) - n + 1)
    a, b = toks[i].start(), toks[i + n - 1].end()
    phrase = line.tgt[a:b]
    new = line.tgt[:b] + (" " + phrase) * extra + line.tgt[b:]
    return new, (), f"{phrase!r} +{extra}"


def _wrong_language(line: Line, rng: random.Random) -> Result:
    if not line.other_ref.strip():
        return None
    return (
        line.other_ref,
        ("number", "number_format", "named_entity", "quote_bracket"),
        "other reference",
    )


def _misalignment(line: Line, rng: random.Random) -> Result:
    options = [
        r
        for r in line.neighbours
        if r.strip() and reader.norm_text(r) != reader.norm_text(line.tgt)
    ]
    if not options:
        return None
    return rng.choice(options), (*CONTENT, "repetition"), "neighbour's reference"


_PAIRS = {"“": "”", "«": "»", "(": ")", "[": "]", '"': '"'}


def _quote_bracket(line: Line, rng: random.Random) -> Result:
    found = []
    for o, c in _PAIRS.items():
        for m in re.finditer(
            re.escape(o) + r"[^" + re.escape(o + c) + r"]+" + re.escape(c), line.tgt
        ):
            found.append((m.start(), m.end() - 1))
    if not found:
        return None
    start, end = rng.choice(found)
    pos = rng.choice((start, end))
    how = rng.random()
    if how < 0.8 or line.tgt[end] == '"':
        new = line.tgt[:pos] + line.tgt[pos + 1 :]
        new = re.sub(r" {2,}", " ", new)
        note = f"removed {line.tgt[pos]!r}"
    else:
        wrong = {"”": "»", "»": "”", ")": "]", "]": ")"}[line.tgt[end]]
        new = line.tgt[:end] + wrong + line.tgt[end + 1 :]
        note = f"{line.tgt[end]!r} -> {wrong!r}"
    return new, (), note


def _named_entity(line: Line, rng: random.Random) -> Result:
    src_fold = reader.fold(line.src)
    names = []
    for seq, start, end, initial in reader.name_spans(line.tgt):
        if initial or len(seq) < 3 or seq.isupper() and len(seq) <= 2:
            continue
        if reader.fold(seq) in src_fold and line.tgt.count(seq) == 1:
            names.append((start, end, seq))
    if not names:
        return None
    start, end, seq = rng.choice(names)
    new = (
        re.sub(r"\s{2,}", " ", line.tgt[:start] + line.tgt[end:])
        .replace(" ,", ",")
        .replace(" .", ".")
    )
    # Cutting a name cuts content: the omission check may rightly notice.
    return new, ("dnt", "omission"), f"dropped {seq!r}"


CORRUPTIONS: dict[str, Callable[[Line, random.Random], Result]] = {
    "number": _number,
    "number_format": _number_format,
    "omission": _omission,
    "untranslated": _untranslated,
    "repetition": _repetition,
    "wrong_language": _wrong_language,
    "misalignment": _misalignment,
    "quote_bracket": _quote_bracket,
    "named_entity": _named_entity,
}


def build(
    data: dict[str, list[str]],
    pairs: tuple[tuple[str, str], ...] = (("it", "en"), ("it", "fr")),
    fraction: float = 0.5,
    seed: int = 2009,
) -> tuple[list[Item], list[Item]]:
    """(clean items, benchmark items): every pair clean, and a copy with errors injected.

    With probability ``fraction`` a line gets one corruption: among the kinds
    applicable to it, the one injected least so far (ties broken at random), so
    kinds that need a number or a name are not starved by the others.
    """
    rng = random.Random(seed)
    clean, bench = [], []
    counts = dict.fromkeys(KINDS, 0)
    for src_lang, tgt_lang in pairs:
        other = next(lang for lang in ("en", "fr") if lang != tgt_lang)
        src, tgt, oth = data[src_lang], data[tgt_lang], data[other]
        for i, (s, t) in enumerate(zip(src, tgt, strict=True)):
            base = Item(
                f"{src_lang}-{tgt_lang}:{i + 1}",
                s,
                t,
                src_lang,
                tgt_lang,
                prev_src=src[i - 1] if i else "",
                next_src=src[i + 1] if i + 1 < len(src) else "",
                nearby_tgts=tuple(
                    tgt[max(0, i - NAME_WINDOW) : i] + tgt[i + 1 : i + 1 + NAME_WINDOW]
                ),
                nearby_srcs=tuple(
                    src[max(0, i - NAME_WINDOW) : i] + src[i + 1 : i + 1 + NAME_WINDOW]
                ),
                siblings=(Sibling(other, oth[i], ORIGIN_HUMAN),),
            )
            clean.append(base)
            item = Item(**{**base.__dict__})
            if rng.random() < fraction:
                line = Line(
                    i,
                    s,
                    t,
                    src_lang,
                    tgt_lang,
                    oth[i],
                    [tgt[j] for j in (i - 1, i + 1) if 0 <= j < len(tgt)],
                )
                kinds = list(KINDS)
                rng.shuffle(kinds)
                kinds.sort(key=counts.__getitem__)
                for kind in kinds:
                    result = CORRUPTIONS[kind](line, rng)
                    if result and result[0] != t:
                        item.tgt, item.also, item.note = result
                        item.label = kind
                        counts[kind] += 1
                        break
            bench.append(item)
    return clean, bench
