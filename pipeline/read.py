"""Read input files into an :class:`~pipeline.document.Article` (an I/O edge).

Three formats: scraped page text like ``examples/kim-belousov.it.txt``,
Markdown with front matter, and mtpipe's own document JSON. Page chrome
(category headers, comment-form boilerplate) is told apart from article text
by looking every line up in the gettext catalogs of all supported languages,
so it is localised from catalogs later and never sent to machine translation.

``read_article`` does the file checks; ``parse_page`` and ``parse_markdown``
are pure functions over text.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from pathlib import Path
from typing import Any, BinaryIO

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
    make_segment_id,
)
from pipeline.errors import InputError

MAX_BYTES = 5_000_000
FORMATS = ("page", "markdown", "json")

# A photo credit closing a paragraph marks it as a caption ("… Foto: AFP.",
# "Photo : Reuters", "(Foto Ansa)").
_CREDIT = re.compile(
    r"(?:^|[\s(])(?:Foto|Photo|Ph\.?|Crediti|Credit|Fonte foto)\s*[:\u00a0]?\s*\S[^.]{0,40}\.?\)?$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;»”\"')]$")
_TITLE_MAX = 200


def read_text_file(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """Return a file's text after the checks every input gets.

    Raises :class:`InputError` for a missing, unreadable, empty, oversized,
    binary or non-UTF-8 file, with a message that says what to do.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file; check the path")
    if p.is_dir():
        raise InputError(f"{p}: is a folder; give an article file (.txt, .md or .json)")
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror})") from None
    return decode_text(data, str(p), max_bytes)


def read_text_stream(stream: BinaryIO, max_bytes: int = MAX_BYTES) -> str:
    """Standard input (or any byte stream) with the same checks as a file."""
    return decode_text(stream.read(max_bytes + 1), "standard input", max_bytes)


def decode_text(data: bytes, where: str, max_bytes: int = MAX_BYTES) -> str:
    """Bytes -> text, refusing oversized, binary, non-UTF-8 or empty input."""
    if len(data) > max_bytes:
        raise InputError(
            f"{where}: over the {max_bytes:,}-byte limit for one article; "
            "split it or raise [read] max_bytes"
        )
    if b"\x00" in data:
        raise InputError(f"{where}: looks like a binary file (it contains NUL bytes); give text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: is not UTF-8 (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it, e.g. `iconv -f latin1 -t utf-8`"
        ) from None
    if not text.strip():
        raise InputError(f"{where}: is empty; nothing to translate")
    return text


def article_id_from_path(path: str | Path) -> str:
    """ASCII id from a file name: ``kim-belousov.it.txt`` -> ``kim-belousov``."""
    name = Path(path).name
    for suffix in (".txt", ".md", ".markdown", ".json", ".html"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    name = re.sub(r"\.(it|en|fr)$", "", name)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()
    return slug or "article"


def detect_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "json"
    if suffix in (".md", ".markdown"):
        return "markdown"
    return "page"


def read_article(
    path: str | Path, source_lang: str = "it", fmt: str | None = None, max_bytes: int = MAX_BYTES
) -> Article:
    """Read one article file in any supported format."""
    fmt = fmt or detect_format(path)
    if fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}; use one of {', '.join(FORMATS)}")
    text = read_text_file(path, max_bytes)
    article_id = article_id_from_path(path)
    if fmt == "json":
        article = parse_document_json(text, str(path))
    elif fmt == "markdown":
        article = parse_markdown(text, article_id, source_lang)
    else:
        article = parse_page(text, article_id, source_lang)
    article.meta.setdefault("source_path", str(path))
    article.meta.setdefault("format", fmt)
    # Identity of this run's input, so incremental runs need not read the file twice.
    article.meta["input_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return article


def parse_document_json(text: str, where: str = "(json)") -> Article:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: invalid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply") from None
    if not isinstance(data, dict):
        raise InputError(f"{where}: expected a JSON object holding an mtpipe document")
    return Article.from_dict(data, where)


def read_jsonl(path: str | Path, max_bytes: int = MAX_BYTES) -> list[dict[str, Any]]:
    """JSON Lines -> list of objects (blank lines skipped); a bad line is named by number."""
    text = read_text_file(path, max_bytes)
    records = []
    # "\n" only: str.splitlines() would also cut at U+2028 and others, which JSON strings may hold
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{n}: not a JSON line ({exc.msg})") from None
        except RecursionError:
            raise InputError(f"{path}:{n}: JSON nested too deeply") from None
        if not isinstance(rec, dict):
            raise InputError(f"{path}:{n}: expected a JSON object per line")
        records.append(rec)
    return records


# --- scraped page text ------------------------------------------------------


def _chrome_block(block_id: str, kind: str, line: str, strings: list[Any], lang: str) -> Block:
    """A block of catalog strings; a string that several msgids share is reported, not guessed."""
    segments = []
    for i, s in enumerate(strings, 1):
        seg = Segment(
            id=make_segment_id(block_id, i),
            source=s.text,
            space_after=s.space_after,
            msgid=s.msgid,
            msgctxt=s.msgctxt,
            domain=s.domain,
            lang=s.lang,
        )
        if s.ambiguous:
            seg.findings.append(
                Finding(
                    check="chrome_ambiguous",
                    severity="warning",
                    message=(
                        f"{s.text!r} is the {s.lang} catalog text of several msgids "
                        f"({', '.join(repr(m) for m in s.ambiguous)}); its position on the page "
                        f"did not decide, so {s.msgid!r} was used: check the output"
                    ),
                    lang=lang,
                )
            )
        segments.append(seg)
    return Block(id=block_id, kind=kind, text=line, segments=segments)


def _looks_like_title(line: str) -> bool:
    return len(line) <= _TITLE_MAX and not _SENTENCE_END.search(line)


def _is_caption(line: str) -> bool:
    return bool(_CREDIT.search(line))


def parse_page(text: str, article_id: str, source_lang: str = "it") -> Article:
    """Parse scraped page text: one paragraph per non-empty line.

    The first lines that match catalog strings form the header chrome (a
    ``Categories`` label is followed by the category name, looked up in the
    categories catalog); the last such lines form the footer chrome (comment
    form). The first non-chrome line without final punctuation is the title;
    a paragraph ending in a photo credit is a caption.
    """
    from pipeline.localise.chrome import match_category, match_chrome_line

    lines = [unicodedata.normalize("NFC", ln.strip()) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    if not lines:
        raise InputError(f"{article_id}: no text lines found")

    kinds: list[tuple[str, list[Any] | None]] = [("", None)] * len(lines)
    # Footer: chrome lines at the end, scanned backwards.
    end = len(lines)
    while end > 0:
        strings = match_chrome_line(lines[end - 1], position="footer")
        if strings is None:
            break
        end -= 1
        kinds[end] = (UI, strings)
    # Header: chrome lines at the start; a category name may follow "Categories".
    start = 0
    meta: dict[str, Any] = {}
    while start < end:
        strings = match_chrome_line(lines[start], position="header")
        if strings is not None:
            kinds[start] = (UI, strings)
            start += 1
            continue
        category = match_category(lines[start])
        if category is not None and start > 0 and kinds[start - 1][0] == UI:
            kinds[start] = (CATEGORY, [category])
            meta["category"] = category.msgid
            start += 1
            continue
        break
    if start >= end:
        raise InputError(f"{article_id}: the page holds only site chrome, no article text")

    blocks: list[Block] = []
    title_done = False
    for n, line in enumerate(lines, 1):
        block_id = f"b{n}"
        kind, strings = kinds[n - 1]
        if strings is not None:
            blocks.append(_chrome_block(block_id, kind, line, strings, source_lang))
            continue
        if not title_done and _looks_like_title(line):
            kind = TITLE
            meta.setdefault("title", line)
        elif _is_caption(line):
            kind = CAPTION
        else:
            kind = PARAGRAPH
        title_done = True
        blocks.append(Block(id=block_id, kind=kind, text=line))
    return Article(id=article_id, source_lang=source_lang, blocks=blocks, meta=meta)


# --- Markdown with front matter --------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)
_IMAGE = re.compile(r"^!\[(?P<alt>[^\]]*)\]\([^)]*\)\s*$")


def _parse_front_matter(block: str, article_id: str) -> dict[str, Any]:
    import yaml

    try:
        data = yaml.safe_load(block) or {}
    except yaml.YAMLError as exc:
        raise InputError(f"{article_id}: front matter is not valid YAML ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(f"{article_id}: front matter must be a mapping of keys to values")
    return {str(k): (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}


def parse_markdown(text: str, article_id: str, source_lang: str = "it") -> Article:
    """Parse Markdown with optional YAML front matter.

    ``# Heading`` is the title (or front matter ``title``); other headings and
    paragraphs are paragraphs; an image line or an emphasised paragraph with a
    photo credit is a caption. Soft-wrapped lines of a paragraph are joined
    with one space, as Markdown renders them.
    """
    meta: dict[str, Any] = {}
    body = text
    m = _FRONT_MATTER.match(text)
    if m:
        meta = _parse_front_matter(m.group(1), article_id)
        body = text[m.end() :]
    lang = str(meta.pop("lang", meta.pop("language", source_lang)))
    if "id" in meta:
        article_id = article_id_from_path(str(meta.pop("id")))
    paragraphs = [
        " ".join(ln.strip() for ln in chunk.splitlines() if ln.strip())
        for chunk in re.split(r"\n\s*\n", body)
    ]
    blocks: list[Block] = []
    if "title" in meta:
        blocks.append(
            Block(id="b1", kind=TITLE, text=unicodedata.normalize("NFC", str(meta["title"])))
        )
    for para in paragraphs:
        if not para:
            continue
        para = unicodedata.normalize("NFC", para)
        kind = PARAGRAPH
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", para)
        image = _IMAGE.match(para)
        if heading:
            para = heading.group(2)
            if len(heading.group(1)) == 1 and not any(b.kind == TITLE for b in blocks):
                kind = TITLE
                meta.setdefault("title", para)
        elif image:
            para, kind = image.group("alt"), CAPTION
        elif re.fullmatch(r"([*_])(.+)\1", para) and _is_caption(para.strip("*_")):
            para, kind = para.strip("*_"), CAPTION
        if para:
            blocks.append(Block(id=f"b{len(blocks) + 1}", kind=kind, text=para))
    if not blocks:
        raise InputError(f"{article_id}: the Markdown file has no text")
    return Article(id=article_id, source_lang=lang, blocks=blocks, meta=meta)
