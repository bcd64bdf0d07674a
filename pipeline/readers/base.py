"""What every reader shares: the byte checks on input, article ids, the Reader record.

``read_text_file``/``read_text_stream``/``decode_text`` refuse missing,
unreadable, empty, oversized, binary and non-UTF-8 input, and input holding a
character that is no text (a C0 control such as ESC or backspace, U+FFFE/U+FFFF),
with a message that says where and what to do (:class:`~pipeline.errors.InputError`,
exit 3). Such a character would pass into every output, but XML (XLIFF, the site)
cannot carry it and mtpipe's own document schema refuses it, so the run would
write a document that ``bundle``, ``qa``, ``export`` and the next run cannot read.
:func:`check_references` does the same for numeric character references
(``&#27;``) in markup, which the HTML parser turns into those characters.
"""

from __future__ import annotations

import hashlib
import json
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pipeline.document import Article
from pipeline.encoding import declared_charset, looks_utf16
from pipeline.errors import InputError, PipelineError, one_line
from pipeline.paths import special_file
from pipeline.schema import MAX_ID

MAX_BYTES = 5_000_000
# What mtpipe's own outputs of one article may weigh when read back (ID.json by bundle, qa
# and a rerun, ID.aligned.jsonl by qa): the input and each target's text, JSON-escaped,
# with ids and findings per segment. Was: bundle and qa read them with the input's limit,
# so a page translate took (a 115 KB one whose head holds 6,000 sentences) gave an ID.json
# they refused, saying to raise [read] max_bytes, which they do not read.
DOCUMENT_MAX_BYTES = 20 * MAX_BYTES

# (text, article_id, source_lang, where) -> Article; ``where`` names the input in errors.
Parse = Callable[[str, str, str, str], Article]


@dataclass(frozen=True)
class Reader:
    """One input format: how to recognise it and how to read it.

    ``suffixes`` choose the reader for a file name; ``sniff`` recognises the
    content when the suffix is shared (``.json``) or unknown. ``accepts`` is the
    one line the README format table and ``--help`` show.
    """

    name: str
    title: str
    suffixes: tuple[str, ...]
    accepts: str
    sniff: Callable[[str], bool]
    parse: Parse
    priority: int = 50  # lower sniffs first
    # The text is HTML, whose parser decodes every character reference (&#27; -> ESC);
    # Markdown is not: CommonMark replaces such a reference by U+FFFD, and keeps it in code.
    markup: bool = False


ARTICLE_FILE = "an article file (.txt, .md, .html or .json)"


def check_input_file(path: str | Path, expect: str = ARTICLE_FILE) -> Path:
    """``path`` when it is a regular file (or a link to one) mtpipe may read.

    Raises :class:`InputError` (exit 3) for a missing path, a broken link, a folder, and
    a named pipe, device or socket, which a read would hang on or never finish.
    """
    p = Path(path)
    if not p.exists():
        if p.is_symlink():
            raise InputError(f"{p}: a symbolic link to nothing (or a loop of links); fix the link")
        raise InputError(f"{p}: no such file; check the path")
    if p.is_dir():
        raise InputError(f"{p}: is a folder; give {expect}")
    kind = special_file(p)
    if kind is not None:
        raise InputError(
            f"{p}: is {kind}, not a file (reading it may wait or run without end); save its "
            f"content to a file and give that ({expect})"
        )
    return p


def read_text_file(path: str | Path, max_bytes: int = MAX_BYTES, expect: str = ARTICLE_FILE) -> str:
    """Return a file's text after the checks every input gets.

    Raises :class:`InputError` for a missing, unreadable, empty, oversized,
    binary or non-UTF-8 file, with a message that says what to do.
    """
    p = check_input_file(path, expect)
    try:
        with p.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{p}: cannot be read ({exc.strerror})") from None
    if len(data) > max_bytes and expect != ARTICLE_FILE:
        raise InputError(f"{p}: over the {max_bytes:,}-byte limit for {expect}")
    return decode_text(data, str(p), max_bytes)


def read_text_stream(stream: BinaryIO, max_bytes: int = MAX_BYTES) -> str:
    """Standard input (or any byte stream) with the same checks as a file."""
    return decode_text(stream.read(max_bytes + 1), "standard input", max_bytes)


def decode_text(data: bytes, where: str, max_bytes: int = MAX_BYTES) -> str:
    """Bytes -> text with LF line ends, refusing oversized, binary, non-UTF-8 or empty input."""
    if len(data) > max_bytes:
        raise InputError(
            f"{where}: over the {max_bytes:,}-byte limit for one article; "
            "split it or raise [read] max_bytes"
        )
    if looks_utf16(data):
        raise InputError(
            f"{where}: is UTF-16, not UTF-8; convert it, e.g. `iconv -f utf-16 -t utf-8`"
        )
    if b"\x00" in data:
        raise InputError(f"{where}: looks like a binary file (it contains NUL bytes); give text")
    text = _decode(data, where)
    if not text:
        raise InputError(f"{where}: is empty; nothing to read")
    if not text.strip():
        # said apart from "empty" so the user looks for what wrote blanks, not for a lost file
        raise InputError(
            f"{where}: has only white space (spaces, tabs, blank lines); nothing to read"
        )
    # Windows (CRLF) and old Mac (CR) line endings: every reader sees "\n" only, so a
    # line-based rule (Markdown front matter, page lines) works whatever saved the file.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_characters(text, where)
    return text


def _decode(data: bytes, where: str) -> str:
    """UTF-8 (a BOM allowed); else the charset the page itself declares (``<meta charset>``,
    an XML declaration: :func:`~pipeline.encoding.declared_charset`), as a browser reads it.

    Raises :class:`InputError` naming the first byte neither can decode.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    charset = declared_charset(data)
    if charset is None:
        at = utf8_error.start
        raise InputError(
            f"{where}: is not UTF-8 (invalid byte 0x{data[at]:02x} at offset {at}) and "
            f"declares no other charset; convert it, e.g. "
            f"`iconv -f {_legacy_encoding(data)} -t utf-8`"
        ) from None
    try:
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where}: byte 0x{data[exc.start]:02x} at offset {exc.start} is no character in "
            f"{charset}, the charset the page declares; fix the byte or the declaration"
        ) from None


def _legacy_encoding(data: bytes) -> str:
    """The 8-bit encoding to convert from: Windows-1252 when a byte 0x80-0x9F is not UTF-8.

    Word and Windows write curly quotes, dashes and the euro sign there (“ ” – €);
    read as Latin-1 they become C1 control characters, not the punctuation.
    """
    stray = data.decode("utf-8", "surrogateescape")  # bytes no UTF-8: U+DC80-U+DCFF
    return "windows-1252" if re.search("[\udc80-\udc9f]", stray) else "latin1"


# No text, and no XML 1.0 character: C0 controls but tab, line ends, VT and FF (readers take
# those as line breaks or whitespace) and the two noncharacters (NUL: the binary check).
_NOT_TEXT_CHAR = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")
_CHAR_REF = re.compile(r"&#(?:[xX]([0-9A-Fa-f]{1,8})|([0-9]{1,10}));?")
_REMOVE_CONTROLS = "e.g. `tr -d '\\001-\\010\\016-\\037' < IN > OUT`"


def _where_in(text: str, pos: int) -> str:
    """``line L, column C`` (both from 1) of the character at ``pos`` in LF-ended text."""
    line_start = text.rfind("\n", 0, pos) + 1
    return f"line {text.count(chr(10), 0, pos) + 1}, column {pos - line_start + 1}"


def _not_text_name(char: str) -> str:
    kind = "noncharacter" if char in "\ufffe\uffff" else "control character"
    return f"{kind} U+{ord(char):04X}"


def _fix(char: str) -> str:
    return f"delete it, {_REMOVE_CONTROLS}" if char not in "\ufffe\uffff" else "delete it"


def check_characters(text: str, where: str) -> None:
    """Refuse a character that is no text (see the module docstring), naming where it is.

    Raises :class:`InputError` (exit 3) for the first one, with line and column.
    """
    bad = _NOT_TEXT_CHAR.search(text)
    if bad:
        raise InputError(
            f"{where}: {_where_in(text, bad.start())}: {_not_text_name(bad[0])} is not text "
            f"and no output can hold it; {_fix(bad[0])}"
        )


# Where HTML decodes no character reference: script and style content, comments.
_RAW_TEXT = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)


def _blank(m: re.Match[str]) -> str:
    """The match as spaces, its line ends kept (so positions and line numbers stay)."""
    return re.sub(r"[^\n]", " ", m.group(0))


def check_references(text: str, where: str) -> None:
    """Refuse a numeric character reference (``&#27;``, ``&#x8;``) to a character no text has.

    For HTML and WordPress content, where the parser would put the character itself
    into the text (or, failing on it, find no article). Raises :class:`InputError`.
    """
    for m in _CHAR_REF.finditer(_RAW_TEXT.sub(_blank, text)):
        code = int(m[1], 16) if m[1] else int(m[2])
        # &#0; is not NUL: HTML reads it as U+FFFD (WHATWG HTML, numeric character reference)
        if 0 < code < 0x110000 and (code == 0x0B or _NOT_TEXT_CHAR.match(chr(code))):
            raise InputError(
                f"{where}: {_where_in(text, m.start())}: the character reference {m[0]} is "
                f"{_not_text_name(chr(code))}, which is not text and no output can hold; "
                "delete it"
            )


def check_article_text(article: Article, where: str) -> None:
    """What a reader made holds only text (the net under the two checks above).

    A character no text has can still come out of a parser (an entity in an
    attribute, an HTML block inside Markdown, a YAML escape in front matter);
    every block text, every string in its markup table and every string of the
    article's metadata is checked. Raises :class:`InputError` naming the block
    or the metadata key.
    """
    for block in article.blocks:
        strings = [block.text, *_strings(block.meta.get("markup", {}))]
        bad = next((m for s in strings if (m := _NOT_TEXT_CHAR.search(s))), None)
        if bad:
            raise InputError(
                f"{where}: block {block.id} ({block.kind}) holds {_not_text_name(bad[0])}, "
                f"which is not text and no output can hold; delete it from the input"
            )
    for key, value in article.meta.items():  # front matter, WordPress author and tags
        bad = next((m for s in _strings(value) if (m := _NOT_TEXT_CHAR.search(s))), None)
        if bad:
            raise InputError(
                f"{where}: the article's {key} holds {_not_text_name(bad[0])}, which is not "
                "text and no output can hold; delete it from the input"
            )


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


_ID_SUFFIXES = (".txt", ".md", ".markdown", ".json", ".html", ".htm", ".xhtml")


def article_id_from_path(path: str | Path) -> str:
    """ASCII id from a file name: ``kim-belousov.it.txt`` -> ``kim-belousov``.

    Accents fold (``città`` -> ``citta``); letters with no ASCII form (``Белоусов``,
    ``北京``) cannot, so a name that had some ends in a digest of the name: without it
    every Cyrillic or Chinese name was ``article`` (``notizia-北京`` and ``notizia-東京``
    both ``notizia``) and a folder of them stopped as one id given twice.
    """
    name = Path(path).name
    for suffix in _ID_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    name = re.sub(r"\.(it|en|fr)$", "", name)
    folded = unicodedata.normalize("NFKD", name)
    ascii_name = folded.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-").lower()
    lost = any(ord(c) > 127 and unicodedata.category(c)[0] in "LN" for c in folded)
    if len(slug) > MAX_ID or lost:  # an id names files (ID.LANG.md in 255 bytes): unique
        digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        slug = f"{slug[: MAX_ID - 9].rstrip('-') or 'article'}-{digest}"
    return slug or "article"


def earlier_document(path: Path, log: Callable[[str], None] | None = None) -> dict | None:
    """The document JSON an earlier run wrote at ``path`` as a dict, or None (out of date).

    Only a regular file is opened (a named pipe there made the rerun hang) and only a
    document of the right shape is returned: a damaged one (not JSON, ``meta`` or
    ``target_langs`` of the wrong type, ``null``) is out of date, said in one warning
    line to ``log``, never a traceback.
    """
    if not path.exists() and not path.is_symlink():
        return None
    why = ""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            why = "it is not a regular file"
        else:
            text = read_text_file(path, DOCUMENT_MAX_BYTES, "an mtpipe document")
            data = json.loads(text)
            if not isinstance(data, dict) or not isinstance(data.get("meta"), dict):
                why = "it is not an mtpipe document with a meta object"
            elif not isinstance(data.get("target_langs", []), list):
                why = "its target_langs is not a list"
            else:
                return data
    except (OSError, ValueError, RecursionError, PipelineError) as exc:
        why = f"it cannot be read ({one_line(str(exc))[:200]})"
    if log is not None:
        log(f"mtpipe: warning: {path}: earlier output is damaged ({why}); translating again")
    return None
