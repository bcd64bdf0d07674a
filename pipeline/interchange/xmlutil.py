"""Shared XML plumbing of the XLIFF modules: safe parsing and inline-code rendering."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from pipeline.document import SEVERITIES
from pipeline.errors import InputError
from pipeline.interchange.charset import (
    ebcdic_declared,
    ebcdic_message,
    wide_declared_over_8bit,
    xml_encoding,
    xml_head_text,
)
from pipeline.interchange.codes import Code, Paired, Piece, Ref

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse(path: Path) -> etree._Element:
    """The root of the XML file at ``path``; no DTD, entities or network (untrusted input).

    The file is read in the encoding its first bytes say (XML 1.0 Appendix F, as
    :func:`pipeline.interchange.charset.xml_encoding` does for the format sniffer).
    Raises :class:`InputError` for an unreadable or malformed file, one whose DOCTYPE has
    an internal subset (entity tricks: external files, exponential expansion; a plain
    ``<!DOCTYPE xliff>`` or one naming a DTD passes, the DTD never read), or one holding
    an entity reference (its text would be dropped).
    """
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:  # from bytes: libxml2 reading the file itself finds a UTF-32 one "empty"
        tree = etree.parse(io.BytesIO(data), parser, base_url=str(path))
    except etree.XMLSyntaxError as exc:
        if label := ebcdic_declared(data[:200]):
            raise InputError(ebcdic_message(path, label)) from None
        if declared := wide_declared_over_8bit(data[:200]):
            raise InputError(
                f"{path}: its XML declaration says encoding={declared!r}, but the file is "
                f'{xml_encoding(data[:200]).upper()}; put encoding="UTF-8" in the declaration '
                "(or save the file in the encoding it names)"
            ) from None
        raise InputError(f"{path} is not well-formed XML: {exc}") from None
    if tree.docinfo.doctype:
        _check_doctype(path, data)
        _check_entity_references(path, data)
    return tree.getroot()


# A DOCTYPE with no internal subset: a name and at most an external id, as some CAT tools
# write (``<!DOCTYPE xliff>``, ``PUBLIC "-//XLIFF//DTD XLIFF//EN" "...xliff.dtd"``).
_LITERAL = r"(?:\"[^\"]*\"|'[^']*')"
_PLAIN_DOCTYPE = re.compile(
    rf"<!DOCTYPE\s+[^\s\[>]+(?:\s+(?:SYSTEM\s+{_LITERAL}|PUBLIC\s+{_LITERAL}\s+{_LITERAL}))?\s*>"
)
_NOT_MARKUP = re.compile(r"<!--.*?-->|<\?.*?\?>", re.S)  # comments and PIs of the prolog


def _check_doctype(path: Path, data: bytes) -> None:
    """Refuse a DOCTYPE with an internal subset; let a plain one pass.

    A plain DOCTYPE names a DTD that is never loaded (``load_dtd=False``, no network), so
    it changes nothing and was refused for nothing. An internal subset (``[<!ENTITY ...>]``,
    an ``<!ATTLIST>`` giving defaults) can declare entities that hide or pull in text
    (external files, exponential expansion): still refused. Judged on the file's text, as
    lxml reports both kinds as the same ``<!DOCTYPE xliff>``.
    """
    head = _NOT_MARKUP.sub("", xml_head_text(data[:65536]))
    start = head.find("<!DOCTYPE")
    if start >= 0 and _PLAIN_DOCTYPE.match(head, start):
        return
    raise InputError(
        f"{path} declares a DOCTYPE with an internal subset (entity or attribute "
        "declarations), which XLIFF files never need and mtpipe does not read; remove the "
        "[...] part, or the whole DOCTYPE"
    )


_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);)[^\s&;<>\"']+;")
_LITERAL_TEXT = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>", re.S)


def _check_entity_references(path: Path, data: bytes) -> None:
    """Refuse an entity reference XML does not define itself (``&nbsp;``, ``&eacute;``).

    Without a DOCTYPE one is a well-formedness error; under a DOCTYPE naming a DTD (never
    read) the parser lets it pass, keeping it as a node in text, whose words then lost
    what stood between them, and dropping it from an attribute value (``Jos&eacute;`` read
    as ``Jos``). Comments, CDATA sections and processing instructions are text, not
    searched. Raises :class:`InputError` naming the first.
    """
    text = _LITERAL_TEXT.sub("", data.decode(xml_encoding(data[:200]), "replace"))
    if found := _REFERENCE.search(text):
        raise InputError(
            f"{path} holds the entity reference {found.group(0)}, which no XLIFF defines (a "
            "DTD is never read); write the character itself, or &amp; &lt; &gt; &quot; &apos;"
        )


def one_file(path: Path, files: list[etree._Element], names: Iterable[str]) -> etree._Element:
    """The one ``<file>`` of an exported XLIFF, else an InputError naming the fix.

    mtpipe exports one article per file; a CAT tool's "merge files into one" (or a
    project export of several) puts several ``<file>``s in one, and the refusal said only
    "mtpipe writes one per article". It names each file's article (its first attribute
    of ``names`` that is set, ``id`` or ``original``) and how to get files mtpipe imports.
    """
    if len(files) == 1:
        return files[0]
    if not files:
        raise InputError(
            f"{path} holds no <file> element, so no translation to import; export the "
            "article again (mtpipe export DOC --to LANG) and translate that file"
        )
    which = [next((f.get(n) for n in names if f.get(n)), f"#{i}") for i, f in enumerate(files, 1)]
    raise InputError(
        f"{path} holds {len(files)} <file> elements ({', '.join(which)}), several articles "
        "merged into one file, and mtpipe imports one article per file: export the "
        "translations from your CAT tool as one file per article (or split this one: a copy "
        "per <file>, each keeping the <xliff> root), then mtpipe import each file"
    )


def local(tag: object) -> str:
    """The local name of an element tag (comments and PIs have none: ``""``)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


# mtpipe's own QA notes as the XLIFF writers word them (2.1 ``QA error: ...``, 1.2 ``QA
# error (number): ...``): told apart by their text, as a CAT tool may drop the ``category``
# or ``from`` that marks them, and read as a translator's they went into the memory
OWN_QA_NOTE = re.compile(rf"QA (?:{'|'.join(SEVERITIES)})(?: \([\w.-]+\))?: ")


def note_text(note: etree._Element) -> str:
    """A ``<note>``'s text on one line (white space collapsed, inline markup's text
    kept): how import names a translator's note it does not keep (either XLIFF)."""
    return " ".join("".join(note.itertext()).split())


def only(parent: etree._Element, tag: str, where: str) -> etree._Element | None:
    """The one child ``tag`` of ``parent`` (a unit's or segment's ``<source>``,
    ``<target>``, ``<seg-source>``), None without one; :class:`InputError` for two or more:
    reading the first, an edit a tool (or a hand) wrote in a second one was ignored
    without a word. XLIFF allows one of each."""
    found = parent.findall(tag)
    if len(found) > 1:
        name = local(tag)
        raise InputError(
            f"{where} has {len(found)} <{name}> elements, where XLIFF allows one; keep the "
            f"text in one <{name}> and delete the others"
        )
    return found[0] if found else None


def comment_annotations(
    containers: Iterable[etree._Element | None], attribute: str, comment_type: str | None
) -> list[str]:
    """A reviewer's comments written as annotations in ``containers`` (a unit's sources and
    targets), as notes: ``'annotated words': comment``.

    CAT tools write a comment on a word as an annotation: XLIFF 2 ``<mrk type="comment"
    value="...">`` (or ``<sm type="comment" value>`` ... ``<em/>``), XLIFF 1.2 ``<mrk
    comment="...">``. Their words are read as text; the comment was dropped without a word.
    ``attribute`` holds the comment; ``comment_type``, when given, is the ``type`` it needs.
    """
    found = []
    for container in containers:
        for element in container.iter() if container is not None else ():
            if local(element.tag) not in ("mrk", "sm"):
                continue
            if comment_type is not None and element.get("type") != comment_type:
                continue
            if not (comment := " ".join((element.get(attribute) or "").split())):
                continue
            words = " ".join("".join(element.itertext()).split())
            found.append(f"{words!r}: {comment}" if words else comment)
    return found


def check_target_lang(target: etree._Element | None, file_lang: str | None, where: str) -> None:
    """A ``<target>`` whose ``xml:lang`` names another language than the file's target
    language (XLIFF requires them to agree) holds a translation into that language:
    imported, it became the file language's human translation without a word.
    Raises :class:`InputError`; a regional or case variant (``fr-FR``, ``FR_fr``) agrees."""
    said = (target.get(XML_LANG) or "").strip() if target is not None else ""
    if not said or not file_lang:
        return
    first = [re.split(r"[-_]", tag.lower(), maxsplit=1)[0] for tag in (said, file_lang)]
    if first[0] != first[1]:
        raise InputError(
            f"{where}: its <target> says xml:lang={said!r}, but the file is a translation "
            f"into {file_lang!r}; translate the unit into {file_lang!r} or remove the "
            "attribute if the text is that language"
        )


def untranslated_segment(where: str, segment: str, target: bool) -> InputError:
    """The refusal of a unit a CAT tool segmented whose ``segment`` (as the format names
    it: ``'s2'``, ``mid='2'``) has no target (``target``: an empty one) while another
    segment is translated: imported, half a paragraph would stand as its translation.
    One wording for XLIFF 1.2 and 2."""
    what = "an empty target" if target else "no target"
    return InputError(
        f"{where}: segment {segment} has {what} while another segment of the unit is "
        "translated; translate every segment of the unit"
    )


def render(
    parent: etree._Element,
    pieces: list[Piece],
    standalone: Callable[[etree._Element, Code], etree._Element],
    paired: Callable[[etree._Element, Paired], etree._Element],
) -> None:
    """Append ``pieces`` to ``parent`` as text and code elements made by the callbacks."""
    last: etree._Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            if last is None:
                parent.text = (parent.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
            continue
        if isinstance(piece, Paired):
            last = paired(parent, piece)
            render(last, piece.children, standalone, paired)
        else:
            last = standalone(parent, piece)


@dataclass(frozen=True)
class SplitPair:
    """A format's other form of a paired code: an empty start and an empty end element.

    XLIFF 2 writes a tag pair as ``<pc>`` or as ``<sc id>`` ... ``<ec startRef>``, XLIFF
    1.2 as ``<g>``, as ``<bx rid>`` ... ``<ex rid>`` or as ``<bpt id>`` ... ``<ept id>``
    (these two hold the native code, which is not read: the document has it); a CAT tool
    may turn the one mtpipe wrote into another. ``ends`` maps each start element to the
    end element that closes it (``bx`` to ``ex``, never ``ept``); ``start_key``/``end_key``
    name the attributes that match an end to its start (falling back to ``id``).
    """

    ends: Mapping[str, str]
    start_key: str
    end_key: str

    @property
    def start(self) -> frozenset[str]:
        return frozenset(self.ends)

    @property
    def end(self) -> frozenset[str]:
        return frozenset(self.ends.values())


@dataclass(frozen=True)
class _Edge:
    """A start or end element of a split pair (``key`` matches the two), before folding."""

    id: str
    key: str
    element: str
    is_start: bool
    closer: str  # the end element that closes this pair (itself, for an end)


def read_pieces(
    element: etree._Element,
    where: str,
    standalone: frozenset[str],
    paired: frozenset[str],
    transparent: frozenset[str] = frozenset({"mrk"}),
    split: SplitPair | None = None,
    *,
    fold: bool = True,
) -> list:
    """The content of a source/target element as text and :class:`Ref` s.

    ``standalone`` and ``paired`` name the code elements of the format, ``split``
    its start/end form of a paired code (read as the paired code it stands for);
    ``transparent`` ones (annotations) keep only their content. Any other
    element is an inline code mtpipe did not write: :class:`InputError`.
    ``fold=False`` leaves a split pair's start and end apart, for a caller that joins
    several elements first (an XLIFF 2 unit's segments: a pair may span two of them)
    and then calls :func:`fold_pieces`.
    """
    out: list[str | Ref | _Edge] = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if not name:  # comment or processing instruction
            pass
        elif name in standalone:
            out.append(Ref(child.get("id", ""), name))
        elif name in paired:
            inner = read_pieces(child, where, standalone, paired, transparent, split)
            out.append(Ref(child.get("id", ""), name, tuple(inner)))
        elif name in transparent:
            out.extend(read_pieces(child, where, standalone, paired, transparent, split))
        elif name in _MARKERS:  # an annotation's start or end marker: no text of its own
            pass
        elif name == "cp":
            out.append(_code_point(child, where))
        elif split is not None and (name in split.start or name in split.end):
            out.append(_edge(child, name, split))
        else:
            raise InputError(
                f"{where}: inline element <{name}> is not one mtpipe wrote; write back "
                "the code of the exported file it stands for, with its id (as the unit's "
                "<source> has it), and remove it only where it stands for none"
            )
        out.append(child.tail or "")
    pieces = [p for p in out if p != ""]
    return fold_pieces(pieces, where) if fold else pieces


# XLIFF 2 core elements a CAT tool writes into a target that are no code of the source:
# <sm/> and <em/> mark where an annotation (a reviewer's comment, a term) starts and
# ends; <cp hex="0009"/> stands for a character XML cannot carry (the target's text check
# then refuses one that no document can hold either). They were "not one mtpipe wrote".
_MARKERS = frozenset({"sm", "em"})


def _code_point(child: etree._Element, where: str) -> str:
    """The character of ``<cp hex="HHHH"/>``; :class:`InputError` for a bad code point."""
    value = child.get("hex", "")
    try:
        code = int(value, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,6}", value) else -1
        if 0xD800 <= code <= 0xDFFF:  # a UTF-16 surrogate half is no character (XLIFF 2.1 4.3.1.3)
            raise ValueError(value)
        return chr(code)
    except (ValueError, OverflowError):
        raise InputError(
            f"{where}: <cp hex={value!r}> names no Unicode character; fix or remove it"
        ) from None


def _edge(child: etree._Element, name: str, split: SplitPair) -> _Edge:
    is_start = name in split.start
    key = child.get(split.start_key if is_start else split.end_key) or child.get("id", "")
    closer = split.ends[name] if is_start else name
    return _Edge(child.get("id", ""), key, name, is_start, closer)


def fold_pieces(pieces: list[str | Ref | _Edge], where: str) -> list[str | Ref]:
    """Each start ... end of a split pair as one paired :class:`Ref` around what is between.

    Raises :class:`InputError` for an end that closes no open start of the same element,
    and a start without its end there (an isolated or overlapping code: mtpipe's pairs
    never overlap, ``canOverlap="no"``).
    """
    result: list[str | Ref] = []
    open_: list[tuple[_Edge, list[str | Ref]]] = []
    for piece in pieces:
        if not isinstance(piece, _Edge):
            result.append(piece)
        elif piece.is_start:
            open_.append((piece, result))
            result = []
        elif open_ and (open_[-1][0].key, open_[-1][0].closer) == (piece.key, piece.closer):
            start, outer = open_.pop()
            outer.append(Ref(start.id, start.element, tuple(result)))
            result = outer
        else:
            raise InputError(
                f"{where}: <{piece.element}> for code {piece.key!r} closes no code opened "
                "before it in the same element; codes may not overlap: move the pair's start "
                "before its end, in the same element"
            )
    if open_:
        start = open_[-1][0]
        raise InputError(
            f"{where}: <{start.element} id={start.id!r}> has no end in the same element; "
            "put its end back in that element after the words it marks, or remove the start"
        )
    return result


def to_bytes(root: etree._Element) -> bytes:
    """The document as UTF-8 bytes with an XML declaration (indentation left to the caller)."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False) + b"\n"
