"""``mtpipe catalogs fill``: draft missing catalog entries with MT, marked fuzzy for review.

The source of each draft is the same entry in another catalog (by default the
pipeline's source language, Italian, whose models are configured). Placeholders
never go through MT: the text between them is translated piece by piece and
the placeholders are put back in their original order. Entries that already
have a translation, fuzzy or not, are left alone; a fuzzy draft stays out of
compiled ``.mo`` files and fails ``mtpipe catalogs check`` until a human reviews it.

A human translation wins over MT: an entry whose every source form has an
exact human entry in the translation memory (``human_memory``: normalised
source + language pair, as ``mtpipe import`` and ``tm import`` store them) is
filled from the memory and not marked fuzzy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from babel.messages.catalog import Catalog, Message

from pipeline.errors import ModelError
from pipeline.langdata.catalogs import (
    LOCALE_DIR,
    MESSAGES,
    is_translated,
    po_path,
    pot_path,
    read_catalog,
)
from pipeline.langdata.placeholders import split_protected
from pipeline.localise.workflow import write_catalog

if TYPE_CHECKING:
    from pipeline.memory import TranslationMemory


class TextTranslator(Protocol):
    def translate(self, texts: list[str]) -> list[str]: ...


@dataclass
class FillReport:
    lang: str
    domain: str
    path: Path
    filled: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # no source text to translate from
    human: list[str] = field(default_factory=list)  # filled from human TM entries
    not_merged: int = 0  # template msgids the catalog lacks: `catalogs update` adds them

    def summary(self) -> str:
        if not (self.filled or self.human or self.skipped):  # no model was needed or loaded
            text = f"{self.path}: nothing to fill: every entry has a translation or a draft"
            return text + self._not_merged_note()
        text = (
            f"{self.path}: {len(self.filled)} entr{'y' if len(self.filled) == 1 else 'ies'} "
            "machine-translated and marked fuzzy (review them, then remove the fuzzy flag)"
        )
        if self.human:
            text += f"; {len(self.human)} taken from human translations in the memory"
        if self.skipped:
            text += f"; {len(self.skipped)} skipped, untranslated in the source catalog: "
            text += ", ".join(repr(s) for s in self.skipped)
        return text + self._not_merged_note()

    def _not_merged_note(self) -> str:
        if not self.not_merged:
            return ""
        return (
            f"; {self.not_merged} entr{'y' if self.not_merged == 1 else 'ies'} of the "
            f"template {self.domain}.pot {'is' if self.not_merged == 1 else 'are'} not in "
            "this catalog yet: run `mtpipe catalogs update`, then fill again"
        )


def _not_merged(catalog: Catalog, domain: str, locale_dir: Path) -> int:
    """How many msgids of the domain's template ``catalog`` lacks (0 without a template).

    Fill drafts only entries the catalog holds; after `catalogs import` added strings to the
    template, a fill before `catalogs update` drafted nothing and said only "0 entries"."""
    template = pot_path(domain, locale_dir)
    if not template.is_file():
        return 0
    return sum(
        1
        for m in read_catalog(template, None, domain)
        if m.id and catalog.get(m.id, context=m.context) is None
    )


def fill_catalog(
    lang: str,
    translator: TextTranslator,
    *,
    source_lang: str = "it",
    domain: str = MESSAGES,
    locale_dir: Path = LOCALE_DIR,
    human_memory: TranslationMemory | None = None,
    noise: bool = False,
) -> FillReport:
    """Fill ``lang``'s empty entries from ``source_lang``'s (human TM, else MT); write the .po.

    ``noise``: the translator is a tiny random test model; each entry it fills says so.
    """
    path = po_path(lang, domain, locale_dir)
    catalog = read_catalog(path, lang, domain)
    source = read_catalog(po_path(source_lang, domain, locale_dir), source_lang, domain)
    report = FillReport(lang, domain, path)
    report.not_merged = _not_merged(catalog, domain, locale_dir)
    todo: list[tuple[Message, tuple[str, ...]]] = []
    for message in catalog:
        if not message.id or message.fuzzy or _has_text(message):
            continue
        src = source.get(message.id, context=message.context)
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        if src is None or not is_translated(src):
            report.skipped.append(msgid)
            continue
        forms = src.string if isinstance(src.string, tuple) else (src.string,)
        if isinstance(message.id, tuple):  # form 0 from the singular, the rest from the plural
            forms = tuple(forms[min(i, len(forms) - 1)] for i in range(catalog.num_plurals))
        todo.append((message, forms))
    todo = _fill_human(todo, lang, source_lang, human_memory, report)
    report.filled = [m.id[0] if isinstance(m.id, tuple) else m.id for m, _ in todo]
    if not todo and not report.human:
        return report
    drafts = iter(_translate_protected([f for _, forms in todo for f in forms], translator))
    # a translator loaded on its first batch (the CLI's) knows only now that it is tiny
    noise = noise or bool(getattr(translator, "noise", False))
    for message, forms in todo:
        new = tuple(next(drafts) for _ in forms)
        message.string = new if isinstance(message.id, tuple) else new[0]
        message.flags.add("fuzzy")
        note = f"Machine-translated from {source_lang}."
        if noise:  # hook (trial): outputs of a tiny random model say their text is noise
            note = f"Machine-translated from {source_lang} by a tiny random test model: noise."
        message.auto_comments = [*message.auto_comments, note]
    write_catalog(catalog, path, width=100)
    return report


def _fill_human(
    todo: list[tuple[Message, tuple[str, ...]]],
    lang: str,
    source_lang: str,
    memory: TranslationMemory | None,
    report: FillReport,
) -> list[tuple[Message, tuple[str, ...]]]:
    """Fill entries whose every form has a human TM entry; return the ones left for MT."""
    if memory is None or not todo:
        return todo
    hits = memory.lookup_human(source_lang, lang, [f for _, forms in todo for f in forms])
    rest = []
    for message, forms in todo:
        if not all(f in hits for f in forms):
            rest.append((message, forms))
            continue
        new = tuple(hits[f].target for f in forms)
        message.string = new if isinstance(message.id, tuple) else new[0]
        message.auto_comments = [*message.auto_comments, "From a human translation (memory)."]
        report.human.append(message.id[0] if isinstance(message.id, tuple) else message.id)
    return rest


def _has_text(message: Message) -> bool:
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return any(forms)


def _translate_protected(texts: list[str], translator: TextTranslator) -> list[str]:
    """Translate ``texts`` with placeholders kept out of MT (one batch for all pieces)."""
    split = [split_protected(t) for t in texts]
    pieces = [p.strip() for parts in split for p, is_ph in parts if not is_ph and p.strip()]
    unique = list(dict.fromkeys(pieces))
    drafts = translator.translate(unique) if unique else []
    if len(drafts) != len(unique):
        raise ModelError(
            f"the translator returned {len(drafts)} texts for {len(unique)} inputs; "
            "catalog left unchanged"
        )
    done = dict(zip(unique, drafts, strict=True))
    out = []
    for parts in split:
        text = ""
        for piece, is_ph in parts:
            if is_ph or not piece.strip():
                text += piece
            else:
                lead = piece[: len(piece) - len(piece.lstrip())]
                trail = piece[len(piece.rstrip()) :]
                text += lead + done[piece.strip()].strip() + trail
        out.append(text)
    return out
