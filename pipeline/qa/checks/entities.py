"""Names, do-not-translate terms and glossary terms carried into the target."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from pipeline.qa import names, text
from pipeline.qa.pair import Pair
from pipeline.qa.registry import Hit, check
from pipeline.qa.resources import threshold


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


@lru_cache(maxsize=65536)
def common(word: str, lang: str) -> bool:
    """A frequent word of ``lang`` (wordfreq Zipf >= ``name_common_zipf``): Camera, House."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), lang) >= threshold("name_common_zipf", 4.0)


_ELIDED = re.compile(r"^[^\W\d_]{1,3}['’](?=[^\W\d_])")
_POSSESSIVE = re.compile(r"['’]s$")


def name_spans(s: str, lang: str) -> list[list[str]]:
    """The probable name words of each capitalised sequence of ``s`` (``Kim Jong Un``).

    Elided articles (``l'Héma``) and possessives are cut off; a
    sentence-initial capital proves nothing, so a first word counts only when
    it is an acronym; words that also occur in lower case in ``s`` are common
    words; Roman numerals are numbers and abbreviations (``Dott.ssa``) titles.
    An all-capitals word that is a common word (``IL``, ``STUDIO``) is shouting,
    not an acronym.
    """
    lowered = {text.fold(w) for w in text.words(s) if w[:1].islower()}
    out = []
    for seq, _start, _end, initial in text.name_spans(s):
        span = []
        for i, raw in enumerate(re.split(r"[ \u00a0]", seq)):
            word = _POSSESSIVE.sub("", _ELIDED.sub("", raw)).strip(".’'-")
            acronym = names.is_acronym(word) and not common(word, lang)
            if (
                word[:1].isupper()
                and len(word) >= (2 if acronym else 3)
                and text.fold(word) not in lowered
                and "." not in word
                and not names.ROMAN.fullmatch(word)
                and not (i == 0 and initial and not acronym)
            ):
                span.append(word)
        if span:
            out.append(span)
    return out


def _runs(span: list[str], keep: list[bool]) -> list[list[str]]:
    """Maximal runs of consecutive words of ``span`` where ``keep`` is true."""
    out: list[list[str]] = []
    run: list[str] = []
    for word, k in zip(span, keep, strict=True):
        if k:
            run.append(word)
        elif run:
            out.append(run)
            run = []
    return out + ([run] if run else [])


def _present(word: str, p: Pair, tgt_tokens: list[str], tgt_folded: set[str]) -> bool:
    """Whether a source name word is in the target, in some accepted spelling."""
    similarity = threshold("name_similarity", 0.75)
    if any(names.same_name(word, t, similarity) for t in tgt_tokens):
        return True
    loose = threshold("name_explained_similarity", 0.6)
    if any(t[:1].isupper() and names.same_name(word, t, loose) for t in tgt_tokens):
        return True  # Piano Nord -> Plan Nord: a capitalised near-spelling
    if names.is_acronym(word) and names.spells_out(word, p.tgt):
        return True
    if names.renamings(p.src_lang, p.tgt_lang).get(text.fold(word), frozenset()) & tgt_folded:
        return True
    exonyms = p.glossary.pair_exonyms(p.src_lang, p.tgt_lang).get(word, [])
    return any(text.fold(x) in text.fold(p.tgt) for x in exonyms)


def _explained(word: str, src_tokens: list[str], renamed: set[str]) -> bool:
    """A target word some source word may account for (loosely: ``Polish`` by ``polacca``)."""
    if text.fold(word) in renamed or all(
        text.fold(part) in renamed for part in word.split("-") if part
    ):
        return True
    loose = threshold("name_explained_similarity", 0.6)
    key = names.skeleton(word)[:3]
    return any(
        names.same_name(word, s, loose) or (len(key) == 3 and names.skeleton(s).startswith(key))
        for s in src_tokens
    )


def _proper(run: list[str], lang: str) -> bool:
    """A run with an acronym or a word that is not a common word of ``lang`` (Kubatov, Munich)."""
    return any(
        names.is_acronym(w) or not all(common(x, lang) for x in w.split("-") if x) for w in run
    )


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), lang)


def _required(word: str, p: Pair) -> bool:
    """Whether the target must carry ``word``: it travels, or it is no common source word."""
    return travels(word, p.src_lang, p.tgt_lang) or _zipf(word, p.src_lang) < threshold(
        "name_local_zipf", 3.0
    )


def missing_names(p: Pair) -> list[list[str]]:
    """Source names (runs of words) of which no word is found in the target.

    Only words that travel are required (see :func:`travels`). A first name
    dropped before a surname the target keeps (Paul Newman -> Newman) is not
    missing: a given name is a common word of the target language, a company
    name before a person's (Vodafone Miroslav Čepický) is not.
    """
    tgt_tokens = names.tokens(p.tgt)
    tgt_folded = {text.fold(t) for t in tgt_tokens}
    out = []
    for span in name_spans(p.src, p.src_lang):
        found = [_present(w, p, tgt_tokens, tgt_folded) for w in span]
        need = [not f and _required(w, p) for w, f in zip(span, found, strict=True)]
        for run in _runs(span, need):
            at = span.index(run[0])
            given = at == 0 and len(run) < len(span) and found[len(run)]
            if given and all(common(w, p.tgt_lang) for w in run):
                continue
            out.append(run)
    return out


def unexplained_names(p: Pair) -> list[list[str]]:
    """Target names with no counterpart in the source: likely renderings of renamed names."""
    src_tokens = names.tokens(p.src)
    renamed: set[str] = set()
    table = names.renamings(p.src_lang, p.tgt_lang)
    for w in src_tokens:
        renamed |= table.get(text.fold(w), frozenset())
    out = []
    for span in name_spans(p.tgt, p.tgt_lang):
        out += _runs(span, [not _explained(w, src_tokens, renamed) for w in span])
    return out


@check("named_entity", "warning")
def named_entity(p: Pair) -> Iterator[Hit]:
    """A name in the source (person, organisation, place) is missing from the target.

    Missing names are excused while the target has as many names that match
    nothing in the source: those are likely their translation (Camera ->
    House, Casa Bianca -> White House, PIL -> GDP). A proper name (an acronym
    or a word the language hardly uses otherwise: Kubatov) is only excused by a
    proper name (Stoccarda -> Stuttgart), not by title-cased common words
    (Minister, House).
    """
    if not p.tgt.strip():
        return
    missing = missing_names(p)
    if not missing:
        return
    unexplained = unexplained_names(p)
    proper = [run for run in missing if _proper(run, p.src_lang)]
    if len(missing) > len(unexplained) or len(proper) > sum(
        _proper(run, p.tgt_lang) for run in unexplained
    ):
        shown = ", ".join(" ".join(run) for run in missing)
        yield Hit(f"name(s) {shown} from the source not found in the target")


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
