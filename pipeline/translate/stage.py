"""The translate stage: fill ``segment.translations[lang]`` for every text segment.

Per target language, human translations come first: a segment that already has
one post-edited in its article (a carried-over post-edit) keeps it, and a human
entry of the memory (normalised source + language pair, any model) wins over
everything else, a carried translation served from the memory before included. The
other distinct sources are looked up in the MT cache of the memory; only the
rest goes to the model, in one streamed
call, and each finished batch is stored in the memory at once (a killed run
loses at most the batch in flight). Chrome (category, UI) never goes to MT:
only ``Article.text_segments()`` are read.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from pipeline.document import (
    ORIGIN_COPY,
    ORIGIN_HUMAN,
    ORIGIN_MEMORY,
    ORIGIN_MT,
    VIA_MEMORY,
    Article,
    Finding,
    Segment,
    Translation,
)
from pipeline.errors import ModelError
from pipeline.markup import Table, name_elements, table_of
from pipeline.protect import is_language
from pipeline.protect.placeholders import dropped_controls, left_out_pairs
from pipeline.protect.record import record_spans
from pipeline.protect.spans import unpaired_controls
from pipeline.translate.base import Translator, decoding_key

REPAIR = "placeholder_repair"  # registered in pipeline/qa/checks/stages.py
CONTROLS = "bidi_controls"  # bidi controls left out of the translation (info)

if TYPE_CHECKING:
    from pipeline.memory import MemoryKey


class Memory(Protocol):
    """What the translate stage needs from a translation memory.

    :class:`pipeline.memory.TranslationMemory` (SQLite) is the usual one; a
    distributed runner may pass a read-only snapshot or a remote proxy.
    ``lookup`` returns the stored MT targets of the given sources under a key
    (keyed by the sources as given, missing ones absent); ``lookup_human`` the
    human entries (objects with ``target``, ``creator``, ``updated``) of a
    language pair; ``store`` saves finished MT pairs. A memory may also keep
    repaired outputs with their repair notes (``lookup_noted``/``store_noted``,
    as the SQLite one does); without them, repaired outputs are not cached.
    """

    def lookup(self, key: MemoryKey, sources: Sequence[str]) -> dict[str, str]: ...

    def lookup_human(
        self, src_lang: str, tgt_lang: str, sources: Sequence[str]
    ) -> dict[str, Any]: ...

    def store(self, key: MemoryKey, pairs: Sequence[tuple[str, str]]) -> None: ...


def translate_articles(
    articles: list[Article],
    translators: Mapping[str, Translator],
    memory: Memory | None = None,
    progress: bool = False,
) -> list[Article]:
    """Translate the text segments of ``articles`` into each language of ``translators``.

    ``translators`` maps a target language to its translator. Articles are
    changed in place and returned.
    """
    for lang, translator in translators.items():
        _translate_language(articles, lang, translator, memory, progress)
    return articles


def translate_article(
    article: Article,
    translators: Mapping[str, Translator],
    memory: Memory | None = None,
    progress: bool = False,
) -> Article:
    """One article; see :func:`translate_articles`."""
    return translate_articles([article], translators, memory, progress)[0]


def _translate_language(
    articles: list[Article],
    lang: str,
    translator: Translator,
    memory: Memory | None,
    progress: bool,
) -> None:
    _fill_human(articles, lang, translator, memory)  # human translations win over MT
    sources = list(
        dict.fromkeys(
            s.source for a in articles for s in a.text_segments() if not _is_human(s, lang)
        )
    )
    copies = {s for s in sources if not is_language(s)}
    sources = [s for s in sources if s not in copies]
    src = translator.src_lang
    found = {s: _copied(s, src, lang) for s in copies if s.strip()}
    key = memory_key(translator) if memory is not None and sources else None
    notes: dict[str, list[str]] = {}  # repairs of each output, from the memory or the model
    if memory is not None and key is not None:
        for source, (target, noted) in _lookup(memory, key, sources).items():
            found[source] = (target, ORIGIN_MEMORY)
            if noted:
                notes[source] = noted
    todo = [s for s in sources if s not in found]
    if todo:
        for pairs in _progress(_stream(translator, todo), len(todo), translator, lang, progress):
            found.update((source, (target, ORIGIN_MT)) for source, target in pairs)
            repaired = getattr(translator, "repairs", {})
            notes.update((s, repaired[s]) for s, _ in pairs if s in repaired)
            if memory is not None and key is not None:
                _store(memory, key, pairs, repaired)
    _fill(articles, lang, translator, found, notes)
    scores: dict[str, float] = getattr(translator, "scores", {})
    for source in todo:
        scores.pop(source, None)


def _lookup(memory: Memory, key: MemoryKey, sources: list[str]) -> dict[str, tuple[str, list[str]]]:
    """``(target, repair notes)`` of the stored sources.

    A memory that keeps notes (``lookup_noted``: the SQLite one, the Ray snapshot) also serves
    repaired outputs, with their repairs, so a rerun reproduces their findings;
    one that does not serves only unrepaired outputs.
    """
    noted = getattr(memory, "lookup_noted", None)
    if noted is not None:
        return noted(key, sources)
    return {s: (t, []) for s, t in memory.lookup(key, sources).items()}


def _store(
    memory: Memory,
    key: MemoryKey,
    pairs: list[tuple[str, str]],
    repaired: Mapping[str, list[str]],
) -> None:
    """Store finished pairs; a repaired output only with its repairs (``store_noted``).

    A memory that cannot keep notes does not get repaired outputs: served
    from it, they would lose their finding.
    """
    memory.store(key, [(s, t) for s, t in pairs if s not in repaired])
    noted = [(s, t, list(repaired[s])) for s, t in pairs if s in repaired]
    store_noted = getattr(memory, "store_noted", None)
    if noted and store_noted is not None:
        store_noted(key, noted)


def memory_key(translator: Translator) -> MemoryKey:
    """The MT-cache key of a translator: model, revision and decoding settings.

    Public because the Ray runner's driver looks the memory up for its workers.
    """
    from pipeline.memory import MemoryKey

    return MemoryKey(
        model_id=translator.model_id,
        revision=translator.revision,
        decoding=decoding_key(translator.signature()),
        src_lang=translator.src_lang,
        tgt_lang=translator.tgt_lang,
    )


def _fill(
    articles: list[Article],
    lang: str,
    translator: Translator,
    found: dict[str, tuple[str, str]],
    repairs: Mapping[str, list[str]],
) -> None:
    """Set each text segment's ``lang`` translation; note repairs, protected spans and, for MT,
    the model's confidence (``Translation.score``)."""
    protection = getattr(translator, "protection", None)
    model = f"{translator.model_id}@{translator.revision}"
    signature = translator.signature()
    # An article none of whose text the model decoded records the configured device and
    # dtype, whether or not an earlier group (or a Ray actor's warm start) loaded the model:
    # its outputs must not depend on what else the run held (rayflake, FINDINGS.md).
    configured = getattr(translator, "configured_signature", translator.signature)()
    scores: dict[str, float] = getattr(translator, "scores", {})
    for article in articles:
        decoded = False
        tables = {id(s): table_of(b.meta) for b in article.blocks for s in b.segments}
        for seg in article.text_segments():
            if _is_human(seg, lang):
                continue
            if seg.source.strip() and seg.source not in found:
                raise ModelError(
                    f"the {translator.src_lang}-{lang} translator returned no output for "
                    f"segment {seg.id} of {article.id}; nothing was written for this group"
                )
            text, origin = found.get(seg.source, (seg.source, ORIGIN_MT))
            edits = list(repairs.get(seg.source, [])) if origin != ORIGIN_COPY else []
            _report_repairs(seg, lang, edits, tables.get(id(seg), {}))
            # a date a copy held, written from CLDR (origin mt), was decoded by no model
            decoded = decoded or (origin == ORIGIN_MT and is_language(seg.source))
            seg.translations[lang] = Translation(
                text=text,
                origin=origin,
                model=None if origin == ORIGIN_COPY else model,
                edits=edits,
                score=scores.get(seg.source) if origin == ORIGIN_MT else None,
            )
            if protection is not None:
                record_spans(seg, lang, protection())
            _report_controls(
                seg, lang, protection() if protection and origin != ORIGIN_COPY else None
            )
        article.signatures[lang] = signature if decoded else configured
        if lang not in article.target_langs:
            article.target_langs.append(lang)


def _copied(source: str, src: str, dst: str) -> tuple[str, str]:
    """A segment with no language (``2024``, ``120.000``) as its translation, with its
    origin: the source less the bidi controls it opens and never closes, which would
    reverse the rest of the output's line (protect.spans.unpaired_controls, as for a
    protected span's text), a copy. Its numeric dates (``12/03/24``, ``12/03/2024, 10:30``,
    ``12/03/2024 - 14/03/2024``) are ``dst``'s long form from CLDR, as a byline's: copied,
    English read them as 3 December. Such a text is no copy of the source: its origin is
    ``mt``, as for ``12 marzo`` written from CLDR through a protected span (review37 P8)."""
    from pipeline.protect.spans import numeric_date_spans, whole_date_span

    dates = whole_date_span(source, src, dst) or numeric_date_spans(source, src, dst, True)
    if dates:
        out, pos = [], 0
        for span in dates:
            out += [source[pos : span.start], span.target]
            pos = span.end
        return "".join(out) + source[pos:], ORIGIN_MT
    out = set(unpaired_controls(source))
    text = "".join(c for i, c in enumerate(source) if i not in out) if out else source
    return text, ORIGIN_COPY


def _is_human(seg: Segment, lang: str) -> bool:
    return (tr := seg.translations.get(lang)) is not None and tr.origin == ORIGIN_HUMAN


def _fill_human(
    articles: list[Article],
    lang: str,
    translator: Translator,
    memory: Memory | None,
) -> None:
    """Give segments their human translation first: MT never replaces a human one.

    A segment holding a post-edit of this article (the runner carried it over from the
    previous document) keeps it: the article's own, over an entry made for another
    context. Every other segment whose source has a human entry in the memory
    (normalised source + language pair, any model) gets that entry, marked as served
    from the memory (``via``): one the previous document held from the memory too,
    since the entry may have been corrected since (``tm import``, another article's
    post-edit), and a rerun must show the memory's current text. Where the memory
    has no entry for it (another ``--memory``, ``--no-memory``) a carried one stays:
    a human translation is never replaced by MT.
    """
    todo = [
        s
        for a in articles
        for s in a.text_segments()
        if not _is_human(s, lang) or s.translations[lang].from_memory
    ]
    sources = list(dict.fromkeys(s.source for s in todo if s.source.strip()))
    if memory is None or not sources:
        return
    human = memory.lookup_human(translator.src_lang, translator.tgt_lang, sources)
    for seg in todo:
        if entry := human.get(seg.source):
            seg.translations[lang] = Translation(
                entry.target,
                ORIGIN_HUMAN,
                translator=entry.creator,
                date=entry.updated,
                via=VIA_MEMORY,
            )


def _report_repairs(seg: Segment, lang: str, notes: list[str], table: Table) -> None:
    """One error finding per placeholder repair, replacing those of an earlier translation.

    Each names the element of its markers from the block's markup table (``<g1>`` alone
    told an editor nothing of which tag of the paragraph it was), and a pair it reports
    left out by marker id in ``left_out`` (localise reads that, never the wording).
    """
    seg.findings = [f for f in seg.findings if not (f.check == REPAIR and f.lang == lang)]
    seg.findings.extend(
        Finding(REPAIR, "error", name_elements(n, table), lang, left_out=left_out_pairs(n))
        for n in notes
    )


def _report_controls(seg: Segment, lang: str, protector: Any) -> None:
    """An info finding when bidi controls of the source were left out of what the model saw
    (protect.placeholders.dropped_controls), replacing one of an earlier translation:
    the translation has none of them, and an editor who needs the direction knows why."""
    seg.findings = [f for f in seg.findings if not (f.check == CONTROLS and f.lang == lang)]
    note = dropped_controls(seg.source, protector.spans(seg.source)) if protector else None
    if note:
        seg.findings.append(Finding(CONTROLS, "info", note, lang))


def _stream(translator: Translator, todo: list[str]) -> Iterable[list[tuple[str, str]]]:
    """Batches of (source, target) as the translator finishes them."""
    for group in translator.translate_stream(todo):
        yield [(todo[i], text) for i, text in group]


def _progress(groups, total: int, translator: Translator, lang: str, progress: bool):
    """Wrap ``groups`` in a tqdm bar (segments, segments/s) on a TTY when asked."""
    if not progress or not sys.stderr.isatty():  # no bar: tqdm is not even imported
        yield from groups
        return
    from tqdm import tqdm

    bar = tqdm(
        total=total,
        unit="seg",
        desc=f"{translator.src_lang}->{lang}",
        disable=not progress or not sys.stderr.isatty(),
        leave=False,
    )
    try:
        for group in groups:
            yield group
            bar.update(len(group))
    finally:
        bar.close()
