"""Check an imported exchange file against its document and turn edits into human targets.

All or nothing: :func:`plan_import` checks every unit before anything changes
and raises :class:`InputError` (exit 3) naming the first problem: another
article, a target language the document does not have, an unknown or repeated
unit id, a source that no longer matches the document, an inline code that is
unknown, repeated or mis-paired, a protected span missing from an edited
target, an edited unit of locked page chrome. Only then does :func:`apply_edits`
change the document.

A unit becomes a human translation when its target differs from the
document's, or when the file marks it reviewed/approved while the document
still holds MT. Empty targets are skipped (nothing to apply).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.document import ORIGIN_HUMAN, Article, Block, Segment, Translation
from pipeline.errors import InputError
from pipeline.interchange.codes import Code, CodeError, expand, source_codes
from pipeline.interchange.units import ImportFile, ImportUnit
from pipeline.memory.store import normalise_source, utc_now


@dataclass
class Edit:
    """One target to store as a human translation."""

    segment: Segment
    text: str
    translator: str | None
    date: str


def primary(lang: str | None) -> str:
    """``fr-FR`` / ``fr_FR`` -> ``fr`` (the pipeline keys languages by primary subtag)."""
    return re.split(r"[-_]", lang or "", maxsplit=1)[0].lower()


def target_language(article: Article, imported: ImportFile) -> str:
    """The document's target language the file is in; :class:`InputError` otherwise."""
    where = imported.path
    if imported.article_id and imported.article_id != article.id:
        raise InputError(
            f"{where} is for article {imported.article_id!r}, not {article.id!r}; "
            "pass the right --doc"
        )
    if imported.src_lang and primary(imported.src_lang) != primary(article.source_lang):
        raise InputError(
            f"{where} translates from {imported.src_lang!r}, but {article.id} is in "
            f"{article.source_lang!r}"
        )
    wanted = primary(imported.tgt_lang)
    for lang in article.target_langs:
        if primary(lang) == wanted:
            return lang
    raise InputError(
        f"{where} has target language {imported.tgt_lang!r}, which {article.id} was not "
        f"translated into ({', '.join(article.target_langs) or 'none'})"
    )


def plan_import(article: Article, imported: ImportFile, lang: str) -> list[Edit]:
    """Every edit the file makes, after checking all of it (see the module docstring)."""
    segments = {s.id: (b, s) for b in article.blocks for s in b.segments}
    seen: set[str] = set()
    edits: list[Edit] = []
    for unit in imported.units:
        where = f"{imported.path}: unit {unit.id!r}"
        if unit.id not in segments:
            raise InputError(f"{where} is not a segment of {article.id}; export the file again")
        if unit.id in seen:
            raise InputError(f"{where} appears twice")
        seen.add(unit.id)
        block, seg = segments[unit.id]
        edit = _check_unit(unit, block, seg, lang, where)
        if edit is not None:
            edit.translator = edit.translator or imported.translator
            edit.date = unit.date or imported.date or edit.date
            edits.append(edit)
    return edits


def _check_unit(unit: ImportUnit, block: Block, seg: Segment, lang: str, where: str) -> Edit | None:
    codes = {c.id: c for c in source_codes(seg)}
    source = _expand(unit.source, codes, where, "source")
    if normalise_source(source) != normalise_source(seg.source):
        raise InputError(
            f"{where}: its source no longer matches the document ({source[:60]!r} vs "
            f"{seg.source[:60]!r}); export the file again"
        )
    if unit.target is None:
        return None
    target = _expand(unit.target, codes, where, "target")
    current = seg.translations.get(lang)
    changed = current is None or target != current.text
    if block.is_chrome or not unit.translatable:
        if changed:
            raise InputError(f"{where} is page chrome, locked: translate it in the catalogs")
        return None
    if not target.strip():
        return None
    if changed:
        _check_spans(target, codes.values(), where)
    elif current is None or current.is_human or not unit.approved:
        return None
    return Edit(seg, target, unit.translator, utc_now())


def _expand(pieces: list, codes: dict[str, Code], where: str, side: str) -> str:
    try:
        return expand(pieces, codes)
    except CodeError as exc:
        raise InputError(f"{where}: broken inline code in the {side}: {exc}") from None


def _check_spans(target: str, codes: object, where: str) -> None:
    """Every protected span of the source must still be in an edited target, as often."""
    texts = [c.text for c in codes]  # type: ignore[attr-defined]
    for text in dict.fromkeys(texts):
        if target.count(text) < texts.count(text):
            raise InputError(
                f"{where}: the edited target lost the protected text {text!r}; keep it as is"
            )


def apply_edits(article: Article, lang: str, edits: list[Edit]) -> None:
    """Store each edit as the segment's human translation into ``lang``."""
    for edit in edits:
        edit.segment.translations[lang] = Translation(
            text=edit.text, origin=ORIGIN_HUMAN, translator=edit.translator, date=edit.date
        )
    humans = sum(
        1 for s in article.segments() if (t := s.translations.get(lang)) is not None and t.is_human
    )
    post = dict(article.meta.get("post_edits", {}))
    post[lang] = {"human_segments": humans, "imported": utc_now()}
    article.meta["post_edits"] = post
