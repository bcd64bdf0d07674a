"""Articles for the bundle tests, built directly with the document model.

Translations are marked fakes (``[en] <source>``) so a test can tell which
language a page shows without a model; a segment can carry QA findings, and
titles can be empty, duplicated or hostile.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from pipeline.document import (
    CAPTION,
    CATEGORY,
    PARAGRAPH,
    TITLE,
    UI,
    Article,
    Block,
    Finding,
    Segment,
    Translation,
)

SCRIPT = '<script>alert("x")</script>'
BODY = (
    ("Il leader Kim Jong Un ha incontrato il ministro a Pyongyang.", "Hanno parlato di difesa."),
    (f"Un paragrafo con {SCRIPT} e & e <b>grassetto</b>.",),
)
CAPTION_TEXT = "Il ministro stringe la mano al suo omologo. Foto: AFP."


def fake(lang: str, source: str) -> str:
    """The stand-in translation of ``source`` into ``lang``."""
    return f"[{lang}] {source}"


def _block(block_id: str, kind: str, sentences: tuple[str, ...], targets: tuple[str, ...]) -> Block:
    segments = []
    for i, sentence in enumerate(sentences, 1):
        space = " " if i < len(sentences) else ""
        translations = {lg: Translation(fake(lg, sentence), "mt", "test-model") for lg in targets}
        segments.append(Segment(f"{block_id}.s{i}", sentence, space, translations))
    text = "".join(s.source + s.space_after for s in segments)
    return Block(block_id, kind, text, segments)


def _chrome(block_id: str, kind: str, source: str, msgid: str, domain: str) -> Block:
    seg = Segment(f"{block_id}.s1", source, msgid=msgid, domain=domain)
    return Block(block_id, kind, source, [seg])


def make_article(
    article_id: str = "kim-belousov",
    title: str = "La Corea del Nord e la Russia rafforzano i legami",
    targets: tuple[str, ...] = ("en", "fr"),
    date: str | None = "2024-11-30",
    category: str | None = "Italy",
    errors: tuple[str, ...] = (),
    tiny: bool = False,
) -> Article:
    """A translated article; ``errors`` lists languages whose first segment has a QA error."""
    blocks = []
    if category:
        blocks.append(_chrome("b1", UI, "Catégories", "Categories", "messages"))
        blocks.append(_chrome("b2", CATEGORY, "italie", category, "categories"))
    if title:
        blocks.append(_block("b3", TITLE, (title,), targets))
    for n, sentences in enumerate(BODY, 4):
        blocks.append(_block(f"b{n}", PARAGRAPH, sentences, targets))
    blocks.append(_block("b9", CAPTION, (CAPTION_TEXT,), targets))
    blocks.append(_chrome("b10", UI, "Laisser un commentaire", "Leave a Reply", "messages"))
    for lang in errors:
        seg = blocks[-3].segments[0]
        seg.findings.append(Finding("numbers", "error", "number 10.000 missing", lang))
        seg.findings.append(Finding("length", "warning", "target much longer", lang))
    meta: dict = {"title": title, "qa_checked": True}  # QA ran: no finding is a pass
    if date:
        meta["date"] = date
    if category:
        meta["category"] = category
    signatures = {lg: {"model": "test-model", "tiny": tiny} for lg in targets}
    return Article(article_id, "it", blocks, meta, list(targets), signatures)


class PageParser(HTMLParser):
    """Collects what the tests look at: tags seen, link/anchor attributes, visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.links: list[dict[str, str]] = []
        self.anchors: list[dict[str, str]] = []
        self.html_lang: str | None = None
        self.text_parts: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        self._in_style = tag == "style"
        if tag == "html":
            self.html_lang = a.get("lang")
        elif tag == "link":
            self.links.append(a)
        elif tag == "a":
            self.anchors.append(a)

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        # Collapse HTML whitespace only: no-break spaces (French « », :) are text.
        return re.sub(r"[ \t\n\r\f]+", " ", " ".join(self.text_parts)).strip()

    def hreflangs(self) -> dict[str, str]:
        return {
            ln["hreflang"]: ln["href"]
            for ln in self.links
            if ln.get("rel") == "alternate" and "hreflang" in ln
        }

    def canonical(self) -> str:
        return next(ln["href"] for ln in self.links if ln.get("rel") == "canonical")


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def translated_sample(path: Path, targets: tuple[str, ...] = ("en", "fr")) -> Article:
    """The sample page read by mtpipe's reader, each text block given stand-in translations."""
    from pipeline.document import TEXT_KINDS
    from pipeline.read import read_article

    article = read_article(path)
    for block in article.blocks:
        if block.kind in TEXT_KINDS and not block.segments:
            block.segments = [Segment(f"{block.id}.s1", block.text)]
        if block.kind in TEXT_KINDS:
            for seg in block.segments:
                for lang in targets:
                    seg.translations[lang] = Translation(fake(lang, seg.source), "mt", "test-model")
    article.target_langs = list(targets)
    article.meta["date"] = "2024-11-30"
    article.meta["qa_checked"] = True  # QA ran: no finding is a pass
    article.signatures = {lg: {"model": "test-model"} for lg in targets}
    return article
