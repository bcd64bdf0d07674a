"""Revision and proprietary markup CAT tools leave in an XLIFF 1.2 file sent back.

A target holds the words a reader will see. Three things a CAT tool writes there are
no such words, and read as text they were published (or, refused with the wrong
reason, left the translator nowhere to go):

* Trados Studio's tracked changes, ``<mrk mtype="x-sdl-deleted">`` and
  ``<mrk mtype="x-sdl-added">`` (a reviewer's ``x-sdl-feedback-deleted`` and
  ``-added`` alike; a ``x-sdl-feedback-comment`` is a comment, as ``x-sdl-comment``):
  read as annotations, the deleted words stood in the
  target beside the added ones (``a clôturé en baisserecule``). They are accepted,
  as Trados's *Accept All Changes* would: deleted words left out, added words kept,
  and import names the units (:func:`accept_changes`).
* Other revision markup, which XLIFF 1.2 does not define: ``<del>``/``<ins>``, an
  ``mtype`` that is no XLIFF 1.2 value (``delete``) or a private one that names a
  revision (``x-deleted``, ``x-insert``). Whether its words are in or out is unknown:
  :class:`InputError` naming the unit and the element, never flattened.
* The same markup in XLIFF 2 (:func:`check_xliff2`), whose Change Tracking module keeps
  earlier versions apart from the target, where they are not read.
* A Trados working file (``.sdlxliff``) or a memoQ one (``.mqxliff``) sent instead of
  the target file: its units are the tool's, not mtpipe's (:func:`check_not_a_working_file`).

Spec: https://docs.oasis-open.org/xliff/v1.2/os/xliff-core.html#mtype
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from pipeline.errors import InputError
from pipeline.interchange import xmlutil

NS = "urn:oasis:names:tc:xliff:document:1.2"
SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
MEMOQ = "MQXliff"
DELETED, ADDED, COMMENT = "x-sdl-deleted", "x-sdl-added", "x-sdl-comment"
# Trados's review feedback (TQA, Sdl.FileTypeSupport's FeedbackDeleted/FeedbackAdded/
# FeedbackComment revision types): a reviewer's deletion and addition are tracked changes
# as a translator's are, a feedback comment a comment on the words it marks.
FEEDBACK_DELETED, FEEDBACK_ADDED = "x-sdl-feedback-deleted", "x-sdl-feedback-added"
FEEDBACK_COMMENT = "x-sdl-feedback-comment"
_DELETIONS = frozenset({DELETED, FEEDBACK_DELETED})
_CHANGES = _DELETIONS | {ADDED, FEEDBACK_ADDED}
_COMMENTS = frozenset({COMMENT, FEEDBACK_COMMENT})

# XLIFF 1.2's values of <mrk mtype> (the spec's "mtype" attribute): annotations of the
# words they hold, which stay text; a private value starts with "x-".
_MTYPE_TEXT = (
    "abbrev abbreviated-form abbreviation acronym appellation collocation common-name "
    "datetime equation expanded-form formula head-term initialism "
    "international-scientific-term internationalism logical-expression "
    "materials-management-unit name near-synonym part-number phrase phraseological-unit "
    "protected romanized-form seg set-phrase short-form sku standard-text symbol synonym "
    "synonymous-phrase term transcribed-form transliterated-form truncated-term variant"
)
MTYPES = frozenset(_MTYPE_TEXT.split())
# A word of a private mtype (or an XLIFF 2 custom type) that says the marked words were
# deleted or inserted: whether they belong to the text is the question it leaves open.
_REVISION = re.compile(
    r"(?:^|[-_:.])(?:del|delete[ds]?|deletion|ins|insert(?:ed|ion)?|add(?:ed|ition)?|"
    r"remove[ds]?|removal|rev|revision|revised|change[ds]?|track(?:ed)?|strike|"
    r"strikethrough|struck)(?:$|[-_:.])",
    re.I,
)
# HTML's revision elements, which a tool or a hand copies into a target
_REVISION_ELEMENTS = frozenset({"del", "ins"})


def is_revision_type(value: str) -> bool:
    """Whether a private annotation type names a deletion, insertion or revision."""
    return bool(_REVISION.search(value))


def accept_changes(
    element: etree._Element | None, where: str
) -> tuple[etree._Element | None, bool]:
    """``element`` (a ``<source>``, ``<seg-source>`` or ``<target>``) with Trados's tracked
    changes accepted, and whether it held any.

    A copy: the file's element is left as it is (its comments are read from it). Raises
    :class:`InputError` for revision markup whose meaning for the text is unknown.
    """
    if element is None:
        return None, False
    clean = copy.deepcopy(element)
    found = False
    for child in list(clean.iter()):
        name = xmlutil.local(child.tag)
        if name in _REVISION_ELEMENTS:
            raise _unknown(where, f"<{name}>", "an element XLIFF 1.2 does not define")
        if name != "mrk" or child.tag != f"{{{NS}}}mrk":
            continue
        mtype = child.get("mtype") or ""
        if mtype in _CHANGES:
            found = True
            if mtype in _DELETIONS:
                _remove_keeping_tail(child)
        elif mtype and mtype.lower() not in MTYPES:
            private = mtype.lower().startswith("x-")
            if not private or is_revision_type(mtype):
                what = "a private mtype" if private else "no XLIFF 1.2 mtype"
                raise _unknown(where, f'<mrk mtype="{mtype}">', what)
    return clean, found


def check_xliff2(element: etree._Element | None, where: str) -> None:
    """:class:`InputError` for revision markup in an XLIFF 2 source or target: ``<del>``,
    ``<ins>``, or a custom annotation type that names a revision (``<mrk type="x:deleted">``;
    XLIFF 2 keeps earlier versions out of the text, in the Change Tracking module).
    ``generic``, ``comment``, ``term`` and other custom types annotate words that stay."""
    for child in element.iter() if element is not None else ():
        name = xmlutil.local(child.tag)
        if name in _REVISION_ELEMENTS:
            raise _unknown(where, f"<{name}>", "an element XLIFF 2 does not define")
        kind = child.get("type") or ""
        if name in ("mrk", "sm") and ":" in kind and is_revision_type(kind.partition(":")[2]):
            raise _unknown(where, f'<{name} type="{kind}">', "a custom annotation type")


def _remove_keeping_tail(element: etree._Element) -> None:
    """Take ``element`` and its words out of its parent; the text after it stays.

    The target is published as text, where a double space shows, so the spaces at the
    join are those of text that never held the deleted words, whatever inline codes or
    empty marks stand there (was: a deletion at the start or end of a ``<g>``, or before
    an empty ``x-sdl-added``, left the two Trados keeps): one space between words
    (``Prague <del>a clôturé</del> recule``, ``<g><del>très</del> des</g>``), none before
    a full stop, comma or closing bracket (``2024 <del>environ</del>.``), none at either
    end of the target (:func:`_tidy_join`)."""
    parent = element.getparent()
    previous = element.getprevious()
    before = (previous.tail if previous is not None else parent.text) or ""
    joined = before + _JOIN + (element.tail or "")
    if previous is not None:
        previous.tail = joined
    else:
        parent.text = joined
    parent.remove(element)
    top = parent
    while top.getparent() is not None:
        top = top.getparent()
    _tidy_join(top)


_JOIN = "\ue000"  # where deleted words were (a private-use character, taken out again)
_SPACES = (" ", "\u00a0")
_CLOSING = (".", ",", ")", "]", "\u2026")  # no space before these (French too)


def _word_end(char: str) -> bool:
    """Whether ``char`` ends a word (``2024 .``), not punctuation: ``La valeur, , est``
    keeps both commas as written, the reader's to mend, not mtpipe's to run together."""
    return bool(char.strip()) and char not in _CLOSING and char not in ";:!?"


def _slots(el: etree._Element) -> list[tuple[etree._Element, str]]:
    """Every text and tail under ``el``, in document order (``el``'s own tail not)."""
    out = [(el, "text")]
    for child in el:
        out += _slots(child)
        out.append((child, "tail"))
    return out


def _tidy_join(top: etree._Element) -> None:
    """Drop the space the join in ``top`` doubles or puts where none belongs (see
    :func:`_remove_keeping_tail`), then the join mark itself."""
    slots = _slots(top)
    values = [getattr(node, attr) or "" for node, attr in slots]
    full = "".join(values)
    j = full.index(_JOIN)
    left, right = full[:j], full[j + 1 :]
    drop = {j}
    if right[:1] == " " and (left[-1:] in _SPACES or not left.strip()):
        drop.add(j + 1)  # a doubled space, or one opening the target
    elif (
        left[-1:] == " " and _word_end(left[-2:-1]) and (right[:1] in _CLOSING or not right.strip())
    ):
        drop.add(j - 1)  # a space before a full stop, or ending the target
    at = 0
    for (node, attr), value in zip(slots, values, strict=True):
        kept = "".join(c for i, c in enumerate(value, at) if i not in drop)
        if kept != value:
            setattr(node, attr, kept or None)
        at += len(value)


def _unknown(where: str, element: str, what: str) -> InputError:
    return InputError(
        f"{where}: {element} is {what}: revision markup whose words may be deleted or "
        "added, so the target's text is unknown; accept or reject the tracked changes in "
        "the CAT tool (or remove the markup, keeping the words that belong), then import "
        "the file again"
    )


def sdl_comments(containers: tuple, root: etree._Element) -> list[str]:
    """Trados comments on words of ``containers`` (``<mrk mtype="x-sdl-comment" sdl:cid>``,
    and a reviewer's ``x-sdl-feedback-comment`` with ``sdl:cid`` or ``sdl:revid``), as notes
    ``'words': comment``; the comment's text is the file's ``<cmt-def id>`` or, for a
    revision id, its ``<rev-def id>`` (an .sdlxliff's header), else the id (was: a
    feedback comment dropped without a word)."""
    found = []
    for container in containers:
        for mark in container.iter(f"{{{NS}}}mrk") if container is not None else ():
            if mark.get("mtype") not in _COMMENTS:
                continue
            cid = mark.get(f"{{{SDL}}}cid") or mark.get("cid") or ""
            rid = mark.get(f"{{{SDL}}}revid") or mark.get("revid") or ""
            words = " ".join("".join(mark.itertext()).split())
            text = (cid and _defined(root, "cmt-def", cid)) or (
                rid and _defined(root, "rev-def", rid)
            )
            who = "Trados feedback" if mark.get("mtype") == FEEDBACK_COMMENT else "Trados comment"
            text = text or f"{who} {cid or rid!r} (no text in the file)"
            found.append(f"{words!r}: {text}" if words else text)
    return found


def _defined(root: etree._Element, kind: str, ident: str) -> str:
    """The text of the file's ``<sdl:KIND id=IDENT>``, "" where it has none."""
    for definition in root.iter(f"{{{SDL}}}{kind}"):
        if definition.get("id") == ident:
            return " ".join("".join(definition.itertext()).split())
    return ""


def check_not_a_working_file(path: object, root: etree._Element, exported: str) -> None:
    """:class:`InputError` for a Trados ``.sdlxliff`` or memoQ ``.mqxliff`` working file.

    Both are XLIFF 1.2, so they were read as mtpipe's file and refused for the wrong
    reason ("cannot find the document", "unit '9b1c…' is not a segment"): their unit ids
    are the tool's and mtpipe's digests are gone. A file that carries mtpipe's digests
    (``exported``, the attribute) is mtpipe's, whatever namespaces a tool declared on it.
    """
    if any(tu.get(exported) for tu in root.iter(f"{{{NS}}}trans-unit")):
        return
    if _is_sdlxliff(root):
        raise InputError(
            f"{path} is a Trados Studio working file (SDLXLIFF: <sdl:seg-defs>, the "
            "original embedded in <internal-file>), not the file mtpipe exported; its units "
            "are Trados's. In Trados Studio, write the translated file back with Batch "
            "Tasks > Generate Target Translations (or File > Save Target As) and import "
            "that .xliff/.xlf"
        )
    if _is_mqxliff(root):
        raise InputError(
            f"{path} is a memoQ bilingual file (memoQ XLIFF, mq: unit status), not the "
            "file mtpipe exported; its units are memoQ's. In memoQ, export the translated "
            "document with Export (stored path) or Export As on the Documents ribbon (not "
            "Export Bilingual), which writes mtpipe's XLIFF back, and import that"
        )


def _is_sdlxliff(root: etree._Element) -> bool:
    if root.get(f"{{{SDL}}}version") is not None:
        return True
    marks = (f"{{{SDL}}}seg-defs", f"{{{SDL}}}filetype-info", f"{{{SDL}}}file-info")
    if next(root.iter(*marks), None) is not None:
        return True
    return any(
        f.get("form") == "base64" and SDL in (root.nsmap or {}).values()
        for f in root.iter(f"{{{NS}}}internal-file")
    )


def _is_mqxliff(root: etree._Element) -> bool:
    keys = (f"{{{MEMOQ}}}status", f"{{{MEMOQ}}}segmentguid")
    return any(any(key in tu.attrib for key in keys) for tu in root.iter(f"{{{NS}}}trans-unit"))
