"""The document model every stage takes and returns.

An :class:`Article` holds ordered :class:`Block` s (title, paragraph, caption,
category, ui); a block holds :class:`Segment` s with stable ids, the source
text, one :class:`Translation` per target language and QA :class:`Finding` s.

Invariant after segmentation: for every block,
``"".join(s.source + s.space_after for s in block.segments) == block.text``,
so no character of the source is ever lost or reordered.

The JSON form (``to_dict`` / ``from_dict``) is versioned by ``SCHEMA_VERSION``
and is the interchange format between stages and on disk. This module knows no
files: reading and writing live in ``read.py`` and ``write.py``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any, get_args

from pipeline import schema
from pipeline.errors import InputError
from pipeline.schema import Severity

SCHEMA_VERSION = 1
SCHEMA_NAME = "mtpipe.article"
# What every output made with a tiny random test model says (pipeline.models.tiny).
NOISE_NOTE = "machine translation by a tiny random test model: this text is noise"

# Block kinds. TEXT_KINDS go through machine translation; CHROME_KINDS are page
# furniture localised from gettext catalogs and never sent to MT.
TITLE = "title"
PARAGRAPH = "paragraph"
CAPTION = "caption"
CATEGORY = "category"
UI = "ui"
# ALT: an attribute text of inline markup (image ``alt``, link ``title``), translated but
# shown in no running text; RAW: markup kept verbatim and never translated (Gutenberg
# block comments, embeds, code blocks). Their ``Block.meta`` says where they belong.
ALT = "alt"
RAW = "raw"
TEXT_KINDS = frozenset({TITLE, PARAGRAPH, CAPTION, ALT})
CHROME_KINDS = frozenset({CATEGORY, UI})
BLOCK_KINDS = frozenset(get_args(schema.BlockKind))
assert TEXT_KINDS | CHROME_KINDS | {RAW} == BLOCK_KINDS

# Where a translation came from.
ORIGIN_MT = "mt"
ORIGIN_MEMORY = "memory"
ORIGIN_CATALOG = "catalog"
ORIGIN_COPY = "copy"  # no language in it (``* * *``, ``2024``): copied, never sent to a model
ORIGIN_HUMAN = "human"  # a translator's post-edit (mtpipe import) or a human TM entry
ORIGINS = frozenset(get_args(schema.Origin))  # the schema is the one list
# Where a human translation came from, when not from the article's own post-editing: the
# translate stage served it from a human entry of the translation memory. Such a one yields
# to the memory's current entry on a rerun (a corrected TM entry reaches every article);
# a post-edit imported into this article (no ``via``) is the article's own and is kept.
VIA_MEMORY = "memory"

# The finding an earlier version kept a translator's note on machine translation as; read
# into Segment.notes (a reviewer's note is no QA finding).
LEGACY_NOTE_CHECK = "translator_note"

# QA finding severities, lowest first.
SEVERITIES: tuple[str, ...] = get_args(Severity)


@dataclass
class Finding:
    """One QA observation on a segment (``lang`` is the target, or the source language).

    ``left_out`` names the inline markup pairs (marker ids, ``"1"`` for ``<g1>``) the
    finding reports left out of the translation, so a later stage knows them without
    reading the message (written to JSON only when set).
    """

    check: str
    severity: str
    message: str
    lang: str
    span: tuple[int, int] | None = None
    left_out: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span) if self.span is not None else None
        if not self.left_out:
            del d["left_out"]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        span = d.get("span")
        return cls(
            check=d["check"],
            severity=d["severity"],
            message=d["message"],
            lang=d["lang"],
            span=tuple(span) if span is not None else None,
            left_out=list(d.get("left_out") or []),
        )


@dataclass
class Translation:
    """A target text with its provenance.

    ``origin`` is one of ``mt``, ``memory`` (a translation-memory hit of an
    earlier MT result), ``catalog`` (a gettext catalog entry), ``copy`` (a
    segment without language, copied unchanged) or ``human`` (a translator's
    post-edit, or a human translation-memory entry). ``model`` names
    the model id and revision for MT and memory, the catalog domain for catalog.
    ``edits`` records post-edits applied after MT (number rewrites, typography).
    ``score`` is the model's confidence in an MT text: the length-normalised
    log-probability of its tokens (mean natural-log probability per token, <= 0),
    None when not measured (memory, catalog, or an older document).
    ``translator`` and ``date`` (ISO 8601 UTC) say who made a human translation
    and when, where known; ``via`` is ``memory`` (:data:`VIA_MEMORY`) on a human
    translation the translate stage took from the translation memory, None on one
    post-edited in this article (or written before mtpipe recorded it: kept as the
    article's own, the safe reading); all three are written to JSON only when set.
    """

    text: str
    origin: str
    model: str | None = None
    edits: list[str] = field(default_factory=list)
    score: float | None = None
    translator: str | None = None
    date: str | None = None
    via: str | None = None

    @property
    def is_human(self) -> bool:
        return self.origin == ORIGIN_HUMAN

    @property
    def from_memory(self) -> bool:
        """A human translation served from the memory, not post-edited in this article."""
        return self.is_human and self.via == VIA_MEMORY

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for optional in ("translator", "date", "via"):
            if d[optional] is None:
                del d[optional]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Translation:
        return cls(
            text=d["text"],
            origin=d["origin"],
            model=d.get("model"),
            edits=list(d.get("edits", [])),
            score=d.get("score"),
            translator=d.get("translator"),
            date=d.get("date"),
            via=d.get("via"),
        )


@dataclass
class ProtectedSpan:
    """A source span kept out of MT (``source[start:end]``) and what it became per target.

    ``kind`` is the protect layer's (url, email, handle, hashtag, dnt, term,
    special, literal, tag) or ``nonlanguage`` for a whole segment copied
    without a model; ``targets`` maps a target language to the text put there.
    """

    start: int
    end: int
    kind: str
    targets: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"span": [self.start, self.end], "kind": self.kind, "targets": dict(self.targets)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ProtectedSpan:
        start, end = d["span"]
        return cls(start=start, end=end, kind=d["kind"], targets=dict(d.get("targets", {})))


@dataclass
class Segment:
    """A sentence (or a catalog string) with its translations and findings.

    ``space_after`` is the exact whitespace that followed the sentence in the
    block, kept so that joining segments gives the block back byte for byte.
    ``msgid``/``msgctxt``/``domain`` are set on chrome segments matched in a
    gettext catalog, and ``lang`` to the language the string was found in (page
    chrome is often in the CMS's language, not the article's); None means the
    article's source language. ``protected`` lists the spans the translate
    stage kept out of MT (absent from the JSON when there are none).
    ``notes`` maps a target language to the notes a translator or reviewer added to the
    segment's unit that no memory entry holds (``mtpipe import``; written back by the next
    ``mtpipe export``): a reviewer's word, not a QA finding, so QA reports, the aligned
    JSONL's ``flags`` and bundle policy never see them.
    """

    id: str
    source: str
    space_after: str = ""
    translations: dict[str, Translation] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    msgid: str | None = None
    msgctxt: str | None = None
    domain: str | None = None
    lang: str | None = None
    protected: list[ProtectedSpan] = field(default_factory=list)
    notes: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "space_after": self.space_after,
            "translations": {k: v.to_dict() for k, v in self.translations.items()},
            "findings": [f.to_dict() for f in self.findings],
            "msgid": self.msgid,
            "msgctxt": self.msgctxt,
            "domain": self.domain,
            "lang": self.lang,
        }
        if self.protected:
            d["protected"] = [p.to_dict() for p in self.protected]
        if notes := {lang: list(texts) for lang, texts in self.notes.items() if texts}:
            d["notes"] = notes
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Segment:
        findings, notes = _split_notes(
            [Finding.from_dict(f) for f in d.get("findings", [])],
            {lang: list(texts) for lang, texts in (d.get("notes") or {}).items()},
        )
        return cls(
            id=d["id"],
            source=d["source"],
            space_after=d.get("space_after", ""),
            translations={
                k: Translation.from_dict(v) for k, v in d.get("translations", {}).items()
            },
            findings=findings,
            msgid=d.get("msgid"),
            msgctxt=d.get("msgctxt"),
            domain=d.get("domain"),
            lang=d.get("lang"),
            protected=[ProtectedSpan.from_dict(p) for p in d.get("protected", [])],
            notes=notes,
        )


def _split_notes(
    findings: list[Finding], notes: dict[str, list[str]]
) -> tuple[list[Finding], dict[str, list[str]]]:
    """Move translator's notes an earlier mtpipe kept as findings
    (:data:`LEGACY_NOTE_CHECK`) into ``notes``: one place for them, whatever wrote the file."""
    kept = []
    for f in findings:
        if f.check != LEGACY_NOTE_CHECK:
            kept.append(f)
        elif f.message not in notes.setdefault(f.lang, []):
            notes[f.lang].append(f.message)
    return kept, {lang: texts for lang, texts in notes.items() if texts}


@dataclass
class Block:
    """A title, paragraph, caption, category label or piece of UI chrome.

    ``meta`` holds what rich readers found (see :mod:`pipeline.markup`): the
    HTML ``tag`` (``h2``, ``li`` ...), ``list``/``quote``/``figure`` groups and
    the ``markup`` table of the inline markers in ``text``. Empty for plain text.
    """

    id: str
    kind: str
    text: str
    segments: list[Segment] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def is_chrome(self) -> bool:
        # chrome no catalog knows that a reader kept among the text (``raw``: a related
        # link, a share line of an HTML page) is chrome too: locked, never "untranslated"
        return self.kind in CHROME_KINDS or "uncatalogued" in self.meta

    def target_text(self, lang: str) -> str:
        """The block in ``lang``, joining segment translations with the source spacing.

        Segments without a translation into ``lang`` contribute their source text.
        """
        parts = []
        for seg in self.segments:
            tr = seg.translations.get(lang)
            parts.append((tr.text if tr else seg.source) + seg.space_after)
        return "".join(parts).strip()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "text": self.text,
            "segments": [s.to_dict() for s in self.segments],
        }
        if self.meta:
            d["meta"] = self.meta
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Block:
        if d.get("kind") not in BLOCK_KINDS:
            raise InputError(
                f"block {d.get('id')!r} has kind {d.get('kind')!r}; "
                f"expected one of {', '.join(sorted(BLOCK_KINDS))}"
            )
        from pipeline import markup

        meta = dict(d.get("meta") or {})
        markup.check_meta(meta, f"block {d.get('id')!r}: meta")
        return cls(
            id=d["id"],
            kind=d["kind"],
            # markup a document JSON carries is held to the HTML reader's rules here, where
            # every command reads one (translate, bundle, qa, export, a rerun's carry-over)
            text=markup.defuse_meta(d["kind"], d["text"], meta),
            segments=[Segment.from_dict(s) for s in d.get("segments", [])],
            meta=meta,
        )


@dataclass
class Article:
    """One news article: metadata, ordered blocks, and per-language signatures.

    ``meta`` holds title, category, date, source_path and anything a reader
    found (front matter keys). ``signatures`` maps a target language to the
    reproducibility signature of the run that produced it.
    """

    id: str
    source_lang: str
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    target_langs: list[str] = field(default_factory=list)
    signatures: dict[str, dict[str, Any]] = field(default_factory=dict)

    def segments(self, kinds: frozenset[str] | None = None) -> list[Segment]:
        """All segments in order, optionally only those of blocks of ``kinds``."""
        return [s for b in self.blocks if kinds is None or b.kind in kinds for s in b.segments]

    def text_segments(self) -> list[Segment]:
        """Segments that go through machine translation (not chrome)."""
        return self.segments(TEXT_KINDS)

    def block_of(self, segment_id: str) -> Block:
        for b in self.blocks:
            if any(s.id == segment_id for s in b.segments):
                return b
        raise KeyError(segment_id)

    def noise_langs(self) -> list[str]:
        """Target languages translated by a tiny random test model: their MT text is noise.

        The signature of such a model carries ``tiny: true`` (pipeline.models.tiny). A
        language whose every text a translator wrote (or a catalog) has no noise left,
        whatever model the run loaded: only machine text (``mt``, or ``memory``, the MT
        cache) counts.
        """
        tiny = {lang for lang, sig in self.signatures.items() if sig.get("tiny")}
        return sorted(tiny & set(self.machine_langs()))

    def machine_langs(self) -> list[str]:
        """Target languages with machine text left (``mt``, or ``memory``: the MT cache).

        A language a translator post-edited throughout is no machine translation: a page
        in it must not say "machine-translated and may contain errors".
        """
        return sorted(
            {
                lang
                for seg in self.text_segments()
                for lang, tr in seg.translations.items()
                if tr.origin in (ORIGIN_MT, ORIGIN_MEMORY)
            }
        )

    @property
    def title(self) -> str:
        for b in self.blocks:
            if b.kind == TITLE:
                return b.text
        return str(self.meta.get("title", ""))

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_NAME,
            "version": SCHEMA_VERSION,
            "id": self.id,
            "source_lang": self.source_lang,
            "target_langs": list(self.target_langs),
            "meta": dict(self.meta),
            "signatures": dict(self.signatures),
            "blocks": [b.to_dict() for b in self.blocks],
        }

    @classmethod
    def from_dict(cls, d: Any, where: str = "document") -> Article:
        """Validate the JSON form against :mod:`pipeline.schema` and build the article.

        Raises InputError naming ``where`` (the file) and the offending field.
        """
        if not isinstance(d, dict) or d.get("schema") != SCHEMA_NAME:
            found = d.get("schema") if isinstance(d, dict) else type(d).__name__
            raise InputError(
                f"{where}: not an mtpipe document (schema {found!r}, expected {SCHEMA_NAME!r})"
            )
        version = d.get("version")
        if version != SCHEMA_VERSION or isinstance(version, bool):
            raise InputError(
                f"{where}: document schema version {version!r} is not supported "
                f"(this mtpipe reads version {SCHEMA_VERSION}); "
                "re-run `mtpipe translate` on the source"
            )
        schema.check(d, schema.ArticleDoc, where)
        schema.check_text_tree(d.get("meta", {}), f"{where}: meta")
        schema.check_text_tree(d.get("signatures", {}), f"{where}: signatures")
        try:
            article = cls(
                id=d["id"],
                source_lang=d["source_lang"],
                target_langs=list(d.get("target_langs", [])),
                meta=dict(d.get("meta", {})),
                signatures=dict(d.get("signatures", {})),
                blocks=[Block.from_dict(b) for b in d["blocks"]],
            )
            validate(article)
        except InputError as exc:
            raise InputError(f"{where}: {exc}") from None
        except (KeyError, TypeError, AttributeError, ValueError) as exc:
            # only a field the schema does not cover yet can get here
            raise InputError(f"{where}: a field has the wrong type or is missing ({exc})") from None
        return article


_SAFE_ID = re.compile(schema.ID_PATTERN)


def validate(article: Article) -> None:
    """Check what every stage relies on; raise :class:`InputError` naming the first problem.

    The id must be a plain file-name stem (it names output files), block and
    segment ids unique, texts strings, every language code a registered BCP 47
    tag (they name output files), and each segmented block must be given back
    exactly by joining its segments.
    """
    if (
        not isinstance(article.id, str)
        or not _SAFE_ID.match(article.id)
        or len(article.id) > schema.MAX_ID
    ):
        raise InputError(
            f"document id {article.id!r} is not a plain name (letters, digits, . _ -); "
            "it names the output files"
        )
    schema.check_lang_tags(_lang_tags(article), "language code")
    block_ids: set[str] = set()
    segment_ids: set[str] = set()
    for block in article.blocks:
        if not isinstance(block.text, str):
            raise InputError(f"block {block.id!r} has no text string")
        if block.id in block_ids:
            raise InputError(f"block id {block.id!r} appears twice")
        block_ids.add(block.id)
        for seg in block.segments:
            if not isinstance(seg.source, str) or not isinstance(seg.space_after, str):
                raise InputError(f"segment {seg.id!r} has no source text string")
            if seg.id in segment_ids:
                raise InputError(f"segment id {seg.id!r} appears twice")
            segment_ids.add(seg.id)
        if _joins(block) and "".join(s.source + s.space_after for s in block.segments) != (
            block.text
        ):
            raise InputError(
                f"the segments of block {block.id!r} do not join back to its text; "
                "re-run `mtpipe translate` on the source"
            )


def _joins(block: Block) -> bool:
    """True when ``block``'s segments must join back to its text: chrome a reader kept
    among the text as markup (``raw`` with ``uncatalogued``: a related-link box, a trail)
    has one segment of its visible text instead, for the warning and QA, never written."""
    return bool(block.segments) and not (block.kind == RAW and "uncatalogued" in block.meta)


def _lang_tags(article: Article) -> set[str]:
    """Every language code the article carries (source, targets, translations, findings)."""
    tags = {article.source_lang, *article.target_langs, *article.signatures}
    for seg in article.segments():
        tags.update(seg.translations)
        tags.update(f.lang for f in seg.findings)
        if seg.lang:
            tags.add(seg.lang)
    return tags


def make_segment_id(block_id: str, index: int) -> str:
    """Stable segment id: block id plus 1-based position, e.g. ``b4.s2``."""
    return f"{block_id}.s{index}"


def qa_checked(article: Article) -> bool:
    """True when QA ran on the article (:func:`pipeline.qa.run_qa` records it): a document
    translated with ``--no-qa`` or ``[qa] enabled = false`` has no findings because it was
    never checked, which is no pass (bundle's QA policy, ``export --only-flagged``). A
    document edited by hand since mtpipe wrote it (:func:`edited_since_written`) holds text
    QA never saw: not checked either (review37 P1)."""
    return article.meta.get("qa_checked") is True and not edited_since_written(article)


def content_digest(article: Article) -> str:
    """sha256 of the document's content, all but ``meta`` (which records it, in
    ``meta.output_digests["ID.json"]``): key order and layout do not count, a changed
    translation, source or finding does."""
    body = {k: v for k, v in article.to_dict().items() if k != "meta"}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def edited_since_written(article: Article) -> bool:
    """True when the document's content differs from what mtpipe last wrote into it (a hand
    edit of ``ID.json``); a document written before the digest was recorded: False."""
    digests = article.meta.get("output_digests")
    want = digests.get(f"{article.id}.json") if isinstance(digests, dict) else None
    return isinstance(want, str) and want != content_digest(article)
