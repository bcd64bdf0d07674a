"""Shared XML plumbing of the XLIFF modules: safe parsing and inline-code rendering."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lxml import etree

from pipeline.errors import InputError
from pipeline.interchange.codes import Code, Paired, Piece, Ref

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse(path: Path) -> etree._Element:
    """The root of the XML file at ``path``; no DTD, entities or network (untrusted input).

    Raises :class:`InputError` for an unreadable or malformed file, or one with a
    DOCTYPE (entity tricks: external files, exponential expansion).
    """
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        tree = etree.parse(str(path), parser)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{path} is not well-formed XML: {exc}") from None
    if tree.docinfo.doctype:  # XLIFF has no DTD; entities could hide or pull in text
        raise InputError(f"{path} declares a DOCTYPE, which XLIFF files never need; remove it")
    return tree.getroot()


def local(tag: object) -> str:
    """The local name of an element tag (comments and PIs have none: ``""``)."""
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


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


def read_pieces(
    element: etree._Element,
    where: str,
    standalone: frozenset[str],
    paired: frozenset[str],
    transparent: frozenset[str] = frozenset({"mrk"}),
) -> list[str | Ref]:
    """The content of a source/target element as text and :class:`Ref` s.

    ``standalone`` and ``paired`` name the code elements of the format;
    ``transparent`` ones (annotations) keep only their content. Any other
    element is an inline code mtpipe did not write: :class:`InputError`.
    """
    out: list[str | Ref] = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if not name:  # comment or processing instruction
            pass
        elif name in standalone:
            out.append(Ref(child.get("id", ""), name))
        elif name in paired:
            out.append(
                Ref(
                    child.get("id", ""),
                    name,
                    tuple(read_pieces(child, where, standalone, paired, transparent)),
                )
            )
        elif name in transparent:
            out.extend(read_pieces(child, where, standalone, paired, transparent))
        else:
            raise InputError(
                f"{where}: inline element <{name}> is not one mtpipe wrote; "
                "keep the codes of the exported file"
            )
        out.append(child.tail or "")
    return [p for p in out if p != ""]


def to_bytes(root: etree._Element) -> bytes:
    """The document as UTF-8 bytes with an XML declaration (indentation left to the caller)."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False) + b"\n"
