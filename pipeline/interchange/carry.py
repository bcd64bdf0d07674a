"""Human post-edits survive retranslation: carry them from the previous document.

``mtpipe import`` stores a translator's targets as origin ``human`` in the
article's document JSON (and in the translation memory). When the article is
translated again (``--force``, or a changed input, setting or model), the
runner calls :func:`carry_human_edits` right after segmentation: every segment
whose source sentence was in the previous document gets its human translations
back, and the translate and localise stages leave human translations alone. So
MT never overwrites a human edit, with or without the memory. A human translation
the translate stage served from the memory (``Translation.via``: ``memory``) is
carried with its mark, so the memory's current human entry replaces it (a
corrected entry reaches the article) while the article's own post-edit stays.

Edits are matched on the source text, not on the segment id: an id is a
position (``b3.s2``) and shifts when a sentence or paragraph is inserted,
deleted or moved. A sentence that occurs more than once goes to the occurrence
in the same surroundings (the sentences before and after it, the block kind,
then the id and the order); an extra copy of an edited sentence gets its edit
too. An edit whose sentence is gone (deleted or changed) cannot be carried: one
warning line says how many and why; a translation the memory served is no edit of the
article's and is not counted (the memory still holds it for its old source). The
translator's notes an import kept on segments (``Segment.notes``: notes on machine
translation) are carried the same way,
and one warning line names those whose sentence is gone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline.document import Article, Segment
from pipeline.errors import InputError, one_line
from pipeline.memory.store import normalise_source
from pipeline.readers.base import earlier_document

# Above this many (new, old) pairs of one repeated sentence, occurrences pair up in order.
_MAX_PAIRS = 10_000
_SHOWN = 5  # ids named in the warning


def previous_document(
    path: Path, log: Callable[[str], None] | None = None, *, unreadable_said: bool = False
) -> Article | None:
    """The document JSON an earlier run wrote at ``path``; None if absent or unreadable.

    An unreadable earlier document holds nothing that can be carried over, and
    the run that replaces it must not fail because of it. It is read the way the
    runner reads it (:func:`pipeline.readers.base.earlier_document`): only a regular
    file is opened (a named pipe would hang the read), and a damaged one (not JSON,
    nested past the parser's depth, not a document) is one warning line to ``log``
    when given, never a traceback; ``unreadable_said``: the runner's up-to-date check
    already said so of a file that is no JSON document, so only a document that does
    not load is said here.
    """

    data = earlier_document(path, None if unreadable_said else log)
    if data is None:
        return None
    try:
        return Article.from_dict(data)
    except (ValueError, InputError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        if log is not None:
            log(
                f"mtpipe: warning: {path}: earlier output is damaged "
                f"({one_line(str(exc))[:200]}); its human translations are not carried over"
            )
        return None


@dataclass
class _Place:
    """A segment where it stands: its match key, neighbours' keys, block kind, order."""

    seg: Segment
    key: tuple[str | None, str]
    before: tuple[str | None, str] | None
    after: tuple[str | None, str] | None
    kind: str
    rank: int  # among the occurrences of its key, in document order


def _places(article: Article) -> list[_Place]:
    flat = [(b.kind, s) for b in article.blocks for s in b.segments]
    keys = [(s.lang, normalise_source(s.source)) for _, s in flat]
    seen: dict[tuple[str | None, str], int] = {}
    places = []
    for i, (kind, seg) in enumerate(flat):
        rank = seen[keys[i]] = seen.get(keys[i], -1) + 1
        before = keys[i - 1] if i else None
        after = keys[i + 1] if i + 1 < len(keys) else None
        places.append(_Place(seg, keys[i], before, after, kind, rank))
    return places


def _fit(new: _Place, old: _Place) -> tuple[int, int, int]:
    """Sort key of a pairing, best first: same surroundings, then same id, then order."""
    score = 2 * (new.before == old.before) + 2 * (new.after == old.after) + (new.kind == old.kind)
    score += new.seg.id == old.seg.id
    return (-score, abs(new.rank - old.rank), new.rank)


def _pair(news: list[_Place], olds: list[_Place]) -> dict[int, _Place]:
    """Each new occurrence of one sentence -> the old occurrence whose edit it takes.

    Best-fitting pairs first, each old occurrence used once; occurrences left
    over (the sentence now occurs more often) take their best fit again.
    """
    if len(news) * len(olds) > _MAX_PAIRS:
        return {id(n): olds[min(i, len(olds) - 1)] for i, n in enumerate(news)}
    ranked = sorted(((_fit(n, o), i, j) for i, n in enumerate(news) for j, o in enumerate(olds)))
    chosen: dict[int, _Place] = {}
    used: set[int] = set()
    for _, i, j in ranked:
        if id(news[i]) not in chosen and j not in used:
            chosen[id(news[i])] = olds[j]
            used.add(j)
    for n in news:
        if id(n) not in chosen:
            chosen[id(n)] = olds[min(range(len(olds)), key=lambda j: _fit(n, olds[j]))]
    return chosen


@dataclass
class _Lost:
    """Human translations that could not be carried, by reason, with their old ids."""

    gone: list[str]
    fewer: list[str]

    def line(self, article_id: str) -> str:
        count = len(self.gone) + len(self.fewer)
        why = []
        if self.gone:
            why.append(f"{len(self.gone)} whose source sentence is no longer in the article")
        if self.fewer:
            why.append(f"{len(self.fewer)} of a repeated sentence that now occurs fewer times")
        ids = self.gone + self.fewer
        shown = ", ".join(ids[:_SHOWN]) + (
            f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else ""
        )
        return (
            f"mtpipe: warning: {article_id}: {count} human translation(s) of the earlier "
            f"document not carried over ({'; '.join(why)}: {shown}); a changed sentence is "
            "translated anew: export and post-edit it again"
        )


def carry_human_edits(
    article: Article, previous: Article | None, log: Callable[[str], None] | None = None
) -> int:
    """Copy human translations of sentences still in the article from ``previous``; return how many.

    Matching is on the source text (see the module docstring). The protected
    spans recorded on such a segment come along when its source is the same
    character for character, so a later export still shows them as inline codes.
    The article's own post-edits that cannot be carried are reported in one line to
    ``log`` (standard error by default); those the memory served are not (:func:`_own`).
    """
    if previous is None:
        return 0
    news, olds = _places(article), _places(previous)
    langs = sorted({lang for p in olds for lang, t in p.seg.translations.items() if t.is_human})
    carried, lost = 0, _Lost([], [])
    for lang in langs:
        carried += _carry_lang(lang, news, olds, lost)
    gone_notes = _carry_notes(news, olds)
    if log is None and (lost.gone or lost.fewer or gone_notes):
        from pipeline.runners.options import log_stderr

        log = log_stderr
    if lost.gone or lost.fewer:
        log(lost.line(article.id))
    if gone_notes:
        shown = "; ".join(f"{where}: {text[:60]!r}" for where, text in gone_notes[:_SHOWN])
        more = f" and {len(gone_notes) - _SHOWN} more" if len(gone_notes) > _SHOWN else ""
        log(
            f"mtpipe: warning: {article.id}: {len(gone_notes)} translator's note(s) the "
            f"earlier document kept not carried over, their source sentence is no longer in "
            f"the article ({shown}{more})"
        )
    return carried


def _carry_notes(news: list[_Place], olds: list[_Place]) -> list[tuple[str, str]]:
    """Copy the translator's notes an import kept on segments (``Segment.notes``,
    :func:`pipeline.interchange.workflow._keep_notes`) to the same sentences of the new
    article, paired as human translations are; the ``(old id (lang), note)`` s whose
    sentence is gone, which the caller names rather than dropping unsaid."""
    noted: dict[tuple[str | None, str], list[_Place]] = {}
    for old in olds:
        if any(old.seg.notes.values()):
            noted.setdefault(old.key, []).append(old)
    wanted: dict[tuple[str | None, str], list[_Place]] = {}
    for new in news:
        if new.key in noted:
            wanted.setdefault(new.key, []).append(new)
    gone = []
    for key, candidates in noted.items():
        targets = wanted.get(key)
        if not targets:
            gone += [
                (f"{o.seg.id} ({lang})", text)
                for o in candidates
                for lang, texts in o.seg.notes.items()
                for text in texts
            ]
            continue
        chosen = _pair(targets, candidates)
        for new in targets:
            for lang, texts in chosen[id(new)].seg.notes.items():
                have = new.seg.notes.setdefault(lang, [])
                have += [text for text in texts if text not in have]
    return gone


def _carry_lang(lang: str, news: list[_Place], olds: list[_Place], lost: _Lost) -> int:
    edited: dict[tuple[str | None, str], list[_Place]] = {}
    for old in olds:
        tr = old.seg.translations.get(lang)
        if tr is not None and tr.is_human:
            edited.setdefault(old.key, []).append(old)
    wanted: dict[tuple[str | None, str], list[_Place]] = {}
    for new in news:
        if new.key in edited:
            wanted.setdefault(new.key, []).append(new)
    carried = 0
    for key, candidates in edited.items():
        targets = wanted.get(key)
        if not targets:
            lost.gone.extend(_own(candidates, lang))
            continue
        chosen = _pair(targets, candidates)
        for new in targets:
            _copy(new.seg, chosen[id(new)].seg, lang)
            carried += 1
        kept = {chosen[id(n)].seg.translations[lang].text for n in targets}
        left = [o for o in candidates if o.seg.translations[lang].text not in kept]
        lost.fewer.extend(_own(left, lang))
    return carried


def _own(olds: list[_Place], lang: str) -> list[str]:
    """The ``old id (lang)`` s of the article's own post-edits among ``olds``: what the
    warning names as lost. A translation the memory served (``via: memory``) is the
    memory's entry for its old source, still there: nothing of this article's post-editing
    is lost with it, and "post-edit it again" would send the translator to redo another
    article's (or a TMX's) work."""
    return [f"{o.seg.id} ({lang})" for o in olds if not o.seg.translations[lang].from_memory]


def _copy(seg: Segment, before: Segment, lang: str) -> None:
    human = before.translations[lang]
    seg.translations[lang] = replace(human, edits=list(human.edits))
    # same source, same spans; MT will not record them for a human segment
    if not seg.protected and before.protected and seg.source == before.source:
        seg.protected = list(before.protected)
