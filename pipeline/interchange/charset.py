"""What an exchange file's first bytes and charset labels say, by the standards' rules.

One place for the PO reader (is the header's ``charset`` UTF-8?) and the format sniffer
(how is the start of an XML file encoded?): each kept its own list of labels or byte
patterns, and each list missed cases the other, or the standard, had.
"""

from __future__ import annotations

import codecs
import re

# XML 1.0 (Fifth Edition), Appendix F.1 "Detection Without External Encoding
# Information": a byte order mark first, else the first four bytes of "<?xm" or "<" as
# each encoding writes them. Longer marks first: UTF-32LE's begins with UTF-16LE's.
# https://www.w3.org/TR/xml/#sec-guessing-no-ext-info
_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
_FIRST_BYTES = (
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00<\x00", "utf-16-be"),  # "<" then any character (Appendix F: "<?"): no mark
    (b"<\x00", "utf-16-le"),
    (b"\x4c\x6f\xa7\x94", "cp500"),  # "<?xm" in EBCDIC: the declaration names which
)
_DECLARED = re.compile(r"""\A<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""")


def text_codec(label: str) -> str | None:
    """Python's name of the text encoding ``label`` names (``latin1`` -> ``iso8859-1``);
    None for an unknown label or a codec that is no text encoding (``base64``, ``rot13``,
    which Python's codec registry also knows)."""
    try:
        info = codecs.lookup(label)
    except LookupError:
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def is_utf8_label(label: str) -> bool:
    """Whether a charset label names UTF-8 (``UTF-8``, ``utf8``, ``U8``, ``cp65001``,
    ``utf-8-sig`` ...), as Python's codec registry resolves its aliases; an unknown label
    is not UTF-8."""
    return text_codec(label) in ("utf-8", "utf-8-sig")


def xml_encoding(head: bytes) -> str:
    """The encoding of an XML file by its first bytes (XML 1.0 Appendix F): its byte
    order mark, else the byte pattern of its first characters; then, in an 8-bit file,
    the encoding its declaration names when Python has that text codec (a declared
    UTF-16 or UTF-32 the bytes contradict is not taken); UTF-8 otherwise (XML's default)."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name  # the declaration may not contradict a byte order mark
    base = next((name for first, name in _FIRST_BYTES if head.startswith(first)), "utf-8")
    if _wide(base):
        return base  # the declaration can only say which byte order, which the bytes do
    declared = xml_declared(head, base)
    named = text_codec(declared) if declared else None
    return base if named is None or _wide(named) else named


def xml_declared(head: bytes, base: str = "utf-8") -> str | None:
    """The encoding label the XML declaration at the start of ``head`` names, as written;
    None without one. ``base``: the encoding the first bytes say (:func:`xml_encoding`)."""
    found = _DECLARED.match(head[:200].decode(base, "ignore").lstrip("\ufeff"))
    return found.group(1) if found else None


def wide_declared_over_8bit(head: bytes) -> str | None:
    """The declared label when the declaration names UTF-16 or UTF-32 but the bytes are
    8-bit (a tool or a hand changed it, or the file was converted and it was not): XML
    1.0 Appendix F calls that an error, and libxml2 words it "Blank needed here"."""
    encoding = xml_encoding(head)
    declared = xml_declared(head, encoding)
    named = text_codec(declared) if declared else None
    return declared if named is not None and _wide(named) and not _wide(encoding) else None


def ebcdic_declared(head: bytes) -> str | None:
    """The charset label of an XML file in EBCDIC (its first bytes ``4C 6F A7 94`` are
    "<?xm" in EBCDIC): what its declaration names (``CP500``, ``IBM037``), else
    ``"EBCDIC"``; None for any other file. libxml2 and expat read no EBCDIC ("Unsupported
    encoding", "not well-formed"): such a file must be converted to UTF-8 first."""
    if not head.startswith(_EBCDIC_XML):
        return None
    return xml_declared(head, "cp500") or "EBCDIC"


_EBCDIC_XML = b"\x4c\x6f\xa7\x94"


def ebcdic_message(path: object, label: str) -> str:
    """What to tell of an XML file in EBCDIC (``label`` from :func:`ebcdic_declared`)."""
    source = label if label != "EBCDIC" else "CP500"  # iconv's name of the common one
    return (
        f"{path} is in EBCDIC (encoding {label!r}), which no XML parser here reads; convert "
        f'it to UTF-8, e.g. `iconv -f {source} -t UTF-8`, put encoding="UTF-8" in its '
        "XML declaration, and import again"
    )


def _wide(name: str) -> bool:
    return name.startswith(("utf-16", "utf-32"))


def xml_head_text(head: bytes) -> str:
    """The start of an XML file as text, decoded as :func:`xml_encoding` says (bytes that
    are no text of it, or a character cut at the end, left out: a sniff needs no more)."""
    encoding = xml_encoding(head)
    try:
        return head.decode(encoding, "ignore")
    except LookupError:  # pragma: no cover - xml_encoding names only known codecs
        return head.decode("utf-8", "ignore")


def utf8_misread(data: bytes, declared: str) -> tuple[str, str] | None:
    """``(sample, as declared reads it)`` when ``data`` is UTF-8 beyond ASCII while its
    header declares another charset (``declared``, a text codec's label), else None.

    A file truly in Latin-1 or Windows-1252 with accented letters is almost never valid
    UTF-8, so UTF-8 bytes beyond ASCII under such a header mean the header is wrong (an
    editor saved UTF-8 and kept the old header): read as declared, every accented letter
    would be stored as mojibake (``approuvÃ©``).
    """
    if is_utf8_label(declared) or data.isascii():
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None  # not UTF-8: the declared charset it is
    at = next(i for i, c in enumerate(text) if not c.isascii())  # there is one: not ASCII
    sample = text[max(0, at - 12) : at + 18].strip() or text[at]  # a word, or a lone NBSP
    return sample, sample.encode("utf-8").decode(declared, "replace")
