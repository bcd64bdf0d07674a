"""Names, do-not-translate terms and glossary terms carried into the target."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pipeline.qa import text
from pipeline.qa.pair import Pair
from pipeline.qa.registry import Hit, check
from pipeline.qa.resources import threshold


@lru_cache(maxsize=16)
def _known_renamings(src_lang: str, tgt_lang: str) -> dict[str, tuple[str, ...]]:
    """Names that legitimately change between languages, from CLDR via Babel.

    Territories (Russia -> Russie), languages, months and weekdays: folded source
    name -> folded target names.
    """
    from babel import Locale

    src, tgt = Locale.parse(src_lang), Locale.parse(tgt_lang)
    table: dict[str, set[str]] = {}

    def add(a: str, b: str) -> None:
        for word in text.words(a):
            table.setdefault(text.fold(word), set()).update(text.fold(w) for w in text.words(b))

    for code, name in src.territories.items():
        if code in tgt.territories:
            add(name, tgt.territories[code])
    for code, name in src.languages.items():
        if code in tgt.languages:
            add(name, tgt.languages[code])
    for width in ("wide", "abbreviated"):
        for key, name in src.months["format"][width].items():
            add(name, tgt.months["format"][width][key])
        for key, name in src.days["format"][width].items():
            add(name, tgt.days["format"][width][key])
    return {k: tuple(v) for k, v in table.items()}


@lru_cache(maxsize=65536)
def travels(word: str, src_lang: str, tgt_lang: str) -> bool:
    """Whether a capitalised source word is expected unchanged in the target.

    A word far more common in the source language than in the target one is a
    capitalised common noun or an exonym (Borsa, Repubblica, Mosca, Stoccarda)
    that a translation rightly changes; a word the target language uses as
    much (Putin, Obama) or that neither knows (Belousov) must survive.
    Frequencies come from wordfreq.
    """
    from wordfreq import zipf_frequency

    w = word.lower()
    return zipf_frequency(w, tgt_lang) >= zipf_frequency(w, src_lang) - threshold(
        "name_zipf_margin", 1.5
    )


def source_names(p: Pair) -> list[tuple[str, int, int]]:
    """Capitalised words of the source that look like names and should travel unchanged."""
    out = []
    lowered = {text.fold(w) for w in p.src_words if w[:1].islower()}
    for seq, start, _end, initial in text.name_spans(p.src):
        offset = start
        for word in re.split(r"[ \u00a0]", seq):
            w_start = p.src.find(word, offset)
            offset = w_start + len(word)
            first = w_start == start
            if first and initial and not (word.isupper() and len(word) > 1):
                continue
            core = word.strip(".’'-")
            if len(core) < 3 or text.fold(core) in lowered:
                continue
            if not travels(core, p.src_lang, p.tgt_lang):
                continue
            out.append((core, w_start, w_start + len(core)))
    return out


def _present(name: str, p: Pair, tgt_folded: list[str]) -> bool:
    key = text.fold(name)
    for part in key.split("-"):
        if not part:
            continue
        if any(t == part or t.startswith(part[: max(4, len(part) - 2)]) for t in tgt_folded):
            continue
        if any(text.similar(part, t) >= threshold("name_similarity", 0.7) for t in tgt_folded):
            continue
        renamed = _known_renamings(p.src_lang, p.tgt_lang).get(part, ())
        exonyms = [
            text.fold(x) for x in p.glossary.pair_exonyms(p.src_lang, p.tgt_lang).get(name, [])
        ]
        if any(r in tgt_folded for r in renamed) or any(x in text.fold(p.tgt) for x in exonyms):
            continue
        return False
    return True


def _matches(word: str, folded: list[str]) -> bool:
    part = text.fold(word)
    return any(t == part or t.startswith(part[: max(4, len(part) - 2)]) for t in folded) or any(
        text.similar(part, t) >= threshold("name_similarity", 0.7) for t in folded
    )


@lru_cache(maxsize=65536)
def _common(word: str, lang: str) -> bool:
    """A very frequent word of ``lang`` (wordfreq Zipf >= ``common_zipf``)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), lang) >= threshold("common_zipf", 4.0)


def _unexplained_target_names(p: Pair) -> list[str]:
    """Capitalised target words with no counterpart in the source: renderings of renamed names."""
    src_folded = [text.fold(w) for w in re.findall(r"\w+", p.src)]
    out = []
    for seq, _start, _end, initial in text.name_spans(p.tgt):
        for i, word in enumerate(re.split(r"[ \u00a0]", seq)):
            core = word.strip(".’'-")
            if (i == 0 and initial) or len(core) < 3 or _matches(core, src_folded):
                continue
            if _common(core, p.tgt_lang):
                continue  # a title-cased common word (Financial Services Committee), not a name
            out.append(core)
    return out


@check("named_entity", "warning")
def named_entity(p: Pair) -> Iterator[Hit]:
    """A name in the source (person, organisation, place) is missing from the target.

    A missing name is excused while the target has as many capitalised words
    that match nothing in the source: those are likely its translation
    (Camera dei deputati -> House of Representatives).
    """
    if not p.tgt.strip():
        return
    tgt_folded = [text.fold(w) for w in re.findall(r"\w+", p.tgt)]
    missing = list(
        dict.fromkeys(n[0] for n in source_names(p) if not _present(n[0], p, tgt_folded))
    )
    if missing and len(missing) > len(_unexplained_target_names(p)):
        yield Hit(f"name(s) {', '.join(missing)} from the source not found in the target")


@check("dnt", "error", chrome=True)
def do_not_translate(p: Pair) -> Iterator[Hit]:
    """A configured do-not-translate term (KCNA, AFP) is not kept verbatim."""
    for term in p.glossary.dnt:
        if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", p.src) and term not in p.tgt:
            yield Hit(f"do-not-translate term {term!r} is not in the target verbatim")


@check("glossary", "warning")
def glossary(p: Pair) -> Iterator[Hit]:
    """A configured glossary term is not translated as the glossary says."""
    src_folded, tgt_folded = text.fold(p.src), text.fold(p.tgt)
    for source_term, target_term in p.glossary.pair_terms(p.src_lang, p.tgt_lang).items():
        if text.fold(source_term) in src_folded and text.fold(target_term) not in tgt_folded:
            yield Hit(f"glossary: {source_term!r} should be {target_term!r} in {p.tgt_lang}")
