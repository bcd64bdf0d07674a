"""The localise stage: chrome from catalogs, locale fixes on machine translations.

Runs after translate. Chrome segments (matched by the reader, ``msgid`` set) get
their catalog string in every target language (``origin="catalog"``, ``model``
= the domain). MT and memory translations get numbers copied in the source
format re-written for the target locale and, in French, French typography,
both outside the segment's protected spans. Chrome no catalog knows (a share or
cookie line of a page, block meta ``uncatalogued``) stays as in the source and gets a
``chrome_uncatalogued`` warning per target language. Segments copied because they hold
no language (a table cell ``120.000``) get the same number rewriting and nothing
else. Each change is noted on ``Translation.edits``.
Human translations (post-edits) are a translator's final text and are left
exactly as they are. Running it twice changes nothing.
"""

from __future__ import annotations

from pipeline.config import LocaliseSettings
from pipeline.document import (
    ORIGIN_CATALOG,
    ORIGIN_COPY,
    ORIGIN_HUMAN,
    Article,
    Finding,
    Segment,
    Translation,
)
from pipeline.errors import CatalogError
from pipeline.localise.boilerplate import UNCATALOGUED_CHECK, advice_for
from pipeline.localise.chrome import catalog_text
from pipeline.localise.numbers import rewrite_numbers
from pipeline.localise.typography import french_typography
from pipeline.markup import (
    MARKER,
    MARKUP_CHECK,
    Table,
    link_targets,
    markers,
    repair,
    table_of,
)
from pipeline.protect.record import NONLANGUAGE
from pipeline.protect.spans import NUMBER

CATALOG_CHECK = "catalog_missing"  # registered in pipeline/qa/checks/stages.py
PLACEHOLDER_REPAIR = "placeholder_repair"  # the translate stage's (translate/stage.py REPAIR)


def localise_article(article: Article, settings: LocaliseSettings | None = None) -> Article:
    """Localise ``article`` in place and return it (see the module docstring)."""
    settings = settings or LocaliseSettings()
    langs = list(article.target_langs)
    chrome_langs = langs + (
        [article.source_lang] if settings.source_chrome and article.source_lang not in langs else []
    )
    for block in article.blocks:
        if block.meta.get("uncatalogued"):
            for seg in block.segments:
                _uncatalogued(seg, str(block.meta["uncatalogued"]), langs)
            continue
        table = table_of(block.meta)  # a repair's findings name each marker's element
        for seg in block.segments:
            _localise_segment(seg, article.source_lang, langs, chrome_langs, settings, table)
    return article


def _localise_segment(
    seg: Segment,
    source_lang: str,
    langs: list[str],
    chrome_langs: list[str],
    settings: LocaliseSettings,
    table: Table,
) -> None:
    if seg.msgid is not None:
        _localise_chrome(seg, chrome_langs)
        return
    for lang in langs:
        tr = seg.translations.get(lang)
        if tr is None or tr.origin in (ORIGIN_CATALOG, ORIGIN_HUMAN):
            continue
        if tr.origin == ORIGIN_COPY:
            _rewrite_copy(seg, tr, source_lang, lang, settings)
        else:
            _post_edit(seg, tr, source_lang, lang, settings, table)


def _localise_chrome(seg: Segment, langs: list[str]) -> None:
    domain = seg.domain or "messages"
    for lang in langs:
        try:
            text = catalog_text(
                seg.msgid, lang, msgctxt=seg.msgctxt, domain=domain, source_text=seg.source
            )
        except CatalogError as exc:
            finding = Finding(CATALOG_CHECK, "error", str(exc), lang)
            if finding not in seg.findings:
                seg.findings.append(finding)
            continue
        seg.translations[lang] = Translation(text=text, origin=ORIGIN_CATALOG, model=domain)


def _uncatalogued(seg: Segment, what: str, langs: list[str]) -> None:
    """A chrome line no catalog knows: no translation, one warning per target language."""
    for lang in langs:
        finding = Finding(
            UNCATALOGUED_CHECK,
            "warning",
            f"untranslated page chrome ({what}) that no catalog knows: kept as in the source, "
            f"never machine-translated; {advice_for(what)}",
            lang,
        )
        if finding not in seg.findings:
            seg.findings.append(finding)


def _repair_markup(seg: Segment, tr: Translation, lang: str, table: Table) -> str:
    """Every inline marker of the source once, well nested, in the target (see markup.repair).

    A pair the translate stage already reported as left out (a ``placeholder_repair``
    error naming it) is not looked for again: the same search found no place for it,
    and a second finding (a ``markup`` warning) for the one lost tag said it twice.
    """
    lost = _reported_lost(seg, lang, tr.text)
    source = MARKER.sub(lambda m: "" if m[2] in lost else m[0], seg.source)
    text, problems = repair(source, tr.text, link_targets(table), table)
    if text != tr.text:
        tr.edits.append("markup moved to a safe place")
    if problems:
        finding = Finding(
            MARKUP_CHECK,
            "warning",
            f"inline markup was not projected with certainty ({'; '.join(problems)}); "
            "check where the tags sit",
            lang,
        )
        if finding not in seg.findings:
            seg.findings.append(finding)
    return text


def _reported_lost(seg: Segment, lang: str, target: str) -> set[str]:
    """Ids of the pairs a ``placeholder_repair`` error of ``lang`` reports as left out of
    the translation (its ``left_out``), and which ``target`` still lacks."""
    ids = {
        mid
        for f in seg.findings
        if f.check == PLACEHOLDER_REPAIR and f.lang == lang
        for mid in f.left_out
    }
    present = {mid for _, mid in markers(target)}
    return ids - present


def _kept(seg: Segment, lang: str) -> list[str]:
    """The protected texts of ``seg`` restored into its ``lang`` target, which number
    rewriting and typography leave alone; a protected number is not one of them: it was
    kept whole from the model so that it can be written in the target's format here. Nor
    is the ``nonlanguage`` span of a copied segment: it covers the whole text (a table
    cell ``1.500.000``, a heading ``2.500``), whose numbers are written in the target's
    format as in a sentence (was: kept whole, so en read ``2.500`` as 2.5 and QA flagged
    the pipeline's own output); URLs, e-mails and codes in it stay kept (kept_ranges)."""
    return [
        p.targets[lang]
        for p in seg.protected
        if lang in p.targets and p.kind not in (NUMBER, NONLANGUAGE)
    ]


def _rewrite_copy(
    seg: Segment, tr: Translation, source_lang: str, lang: str, settings: LocaliseSettings
) -> None:
    """A copied segment (no language, never MT) with its numbers in the target format."""
    if settings.rewrite_numbers:
        keep = _kept(seg, lang)
        tr.text, edits = rewrite_numbers(seg.source, tr.text, source_lang, lang, keep)
        tr.edits.extend(edits)


def _post_edit(
    seg: Segment,
    tr: Translation,
    source_lang: str,
    lang: str,
    settings: LocaliseSettings,
    table: Table | None = None,
) -> None:
    text = _repair_markup(seg, tr, lang, table or {})
    keep = _kept(seg, lang)
    if settings.rewrite_numbers:
        text, edits = rewrite_numbers(seg.source, text, source_lang, lang, keep)
        tr.edits.extend(edits)
    if settings.french_typography and lang.split("-")[0].split("_")[0] == "fr":
        text, edits = french_typography(text, keep)
        tr.edits.extend(edits)
    tr.text = text
