"""Schemas of what mtpipe reads from files it did not check itself.

The mtpipe document JSON and the JSONL lines ``mtpipe qa --jsonl`` reads are
validated here, at the boundary, with :func:`msgspec.convert` against typed
structures, so no stage meets a number where it expects text, an unknown
severity, a language code that is a path, a NUL byte or a lone surrogate
(which break XML exports such as TMX and XLIFF later). Every failure is an
:class:`~pipeline.errors.InputError` of one line naming the file, the place
in it (``blocks[2].segments[0].translations.en.text``) and what is expected.

Language tags are BCP 47 (RFC 5646): a pattern keeps anything path-like out
and ``langcodes`` checks the subtags against the IANA registry.
"""

from __future__ import annotations

import re
import types
import typing
from functools import lru_cache
from typing import Annotated, Any, Literal, TypeVar, Union

import msgspec
from msgspec import Meta

from pipeline.errors import InputError

# Characters XML 1.0 cannot carry (and NUL, which C libraries read as an end of string).
_NOT_TEXT = "\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff"
TEXT_PATTERN = f"^[^{_NOT_TEXT}]*\\Z"
LANG_PATTERN = r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*\Z"
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*\Z"
# What each pattern means, for error messages.
PATTERN_WORDS = {
    TEXT_PATTERN: "text without NUL, control characters or lone surrogates",
    LANG_PATTERN: "a BCP 47 language tag such as it, en or pt-BR",
    ID_PATTERN: "a plain name (letters, digits, - _ and single dots)",
}

Text = Annotated[str, Meta(pattern=TEXT_PATTERN)]
LangTag = Annotated[str, Meta(pattern=LANG_PATTERN, max_length=35)]
# Names that become file names: 200 bytes leave room for ".aligned.jsonl" and
# ".en.txt" within the 255-byte limit of a file name.
MAX_ID = 200
SafeId = Annotated[str, Meta(pattern=ID_PATTERN, max_length=MAX_ID)]
# A model's mean log-probability per token: at most 0, finite (-inf would not survive JSON).
Score = Annotated[float, Meta(ge=-1e9, le=0)]
Severity = Literal["info", "warning", "error"]
Origin = Literal["mt", "memory", "catalog", "copy", "human"]
BlockKind = Literal["title", "paragraph", "caption", "category", "ui", "alt", "raw"]


@lru_cache(maxsize=256)
def lang_tag_is_valid(tag: str) -> bool:
    """True for a well-formed BCP 47 tag whose subtags are registered (langcodes)."""
    if re.fullmatch(LANG_PATTERN[1:-2], tag) is None:
        return False
    if _plain_language(tag):
        return True
    import langcodes

    return langcodes.tag_is_valid(tag)


def standard_tag(tag: str) -> str:
    """``tag`` in its standard form (langcodes ``standardize_tag``: ``EN`` -> ``en``)."""
    if _plain_language(tag):
        return tag
    import langcodes

    return langcodes.standardize_tag(tag)


def _plain_language(tag: str) -> bool:
    """A lower-case two-letter language that CLDR has data for (Babel): ``it``, ``en``.

    Every such code is a registered ISO 639-1 language already in its standard
    form (pinned against langcodes by a test), so the common case skips
    importing langcodes, whose registry costs about 50 ms of every start-up.
    """
    if len(tag) != 2 or not ("a" <= tag[0] <= "z" and "a" <= tag[1] <= "z"):
        return False
    from babel import localedata

    return localedata.exists(tag)


class FindingDoc(msgspec.Struct, frozen=True):
    check: Annotated[str, Meta(pattern=r"^[A-Za-z0-9_.-]+\Z", max_length=100)]
    severity: Severity
    message: Text
    lang: LangTag
    span: tuple[Annotated[int, Meta(ge=0)], Annotated[int, Meta(ge=0)]] | None = None
    left_out: list[Annotated[str, Meta(pattern=r"^[0-9]{1,6}\Z")]] = []  # marker ids


class TranslationDoc(msgspec.Struct, frozen=True):
    text: Text
    origin: Origin
    model: Text | None = None
    edits: list[Text] = []
    score: Score | None = None  # mean log-probability per token
    translator: Text | None = None  # who made a human translation (post-edit), where known
    date: Text | None = None  # when (ISO 8601 UTC)
    via: Literal["memory"] | None = None  # a human translation served from the memory


class ProtectedSpanDoc(msgspec.Struct, frozen=True):
    span: tuple[Annotated[int, Meta(ge=0)], Annotated[int, Meta(ge=0)]]
    kind: Text
    targets: dict[LangTag, Text] = {}


class SegmentDoc(msgspec.Struct, frozen=True):
    id: Text
    source: Text
    space_after: Text = ""
    translations: dict[LangTag, TranslationDoc] = {}
    findings: list[FindingDoc] = []
    msgid: Text | None = None
    msgctxt: Text | None = None
    domain: Text | None = None
    lang: LangTag | None = None
    protected: list[ProtectedSpanDoc] = []
    notes: dict[LangTag, list[Text]] = {}  # a translator's notes per target (mtpipe import)


class BlockDoc(msgspec.Struct, frozen=True):
    id: Text
    kind: BlockKind
    text: Text
    segments: list[SegmentDoc] = []
    meta: dict[Text, Any] = {}  # rich readers' structure and inline markup (pipeline.markup)


class ArticleDoc(msgspec.Struct, frozen=True):
    """The JSON form of :class:`pipeline.document.Article` (unknown keys are ignored)."""

    id: SafeId
    source_lang: LangTag
    blocks: list[BlockDoc]
    target_langs: list[LangTag] = []
    meta: dict[Text, Any] = {}
    signatures: dict[LangTag, dict[Text, Any]] = {}


class GenericLine(msgspec.Struct, frozen=True):
    """A generic QA input line: one source/target pair."""

    id: Annotated[Text, Meta(min_length=1)] | int
    src: Text
    tgt: Text | None  # null: an empty translation
    src_lang: LangTag
    tgt_lang: LangTag


class AlignedLine(msgspec.Struct, frozen=True):
    """The fixed keys of an aligned line ``translate`` writes; targets are LANG keys."""

    id: Annotated[Text, Meta(min_length=1)] | int
    src: Text
    src_lang: LangTag | None = None
    kind: BlockKind | None = None
    article: SafeId | None = None
    block: Text | None = None
    origin: dict[LangTag, Origin] = {}
    score: dict[LangTag, Score | None] = {}
    msgid: Text | None = None
    msgctxt: Text | None = None
    noise: list[LangTag] = []  # targets made by a tiny random test model
    findings: list[FindingDoc] = []


# Keys of an aligned line that are not target languages.
ALIGNED_FIXED = frozenset({*AlignedLine.__struct_fields__, "flags", "findings"})
_LANG_RE = re.compile(LANG_PATTERN)


def check_lines(lines: list[dict[str, Any]], generic: bool, where: str) -> None:
    """Validate QA input lines (generic pairs, or aligned lines with LANG keys).

    In an aligned line every other key shaped like a language tag is a target:
    a string, or null for no translation. Raises InputError naming
    ``where:LINE`` and the key.
    """
    for n, rec in enumerate(lines, 1):
        at = f"{where}: line {n}"
        if generic:
            check(rec, GenericLine, at)
            continue
        check(rec, AlignedLine, at)
        targets = {k: v for k, v in rec.items() if k not in ALIGNED_FIXED and _LANG_RE.match(k)}
        check(targets, dict[LangTag, Text | None], at)


T = TypeVar("T")


def reason(why: str) -> str:
    """msgspec's reason, with regex patterns replaced by what they mean."""
    for pattern, words in PATTERN_WORDS.items():
        if repr(pattern)[1:-1] in why:
            return f"expected {words}"
    return why[:1].lower() + why[1:]


_STEP = re.compile(r"\.([\w:-]+)|\[(\d+)\]|\[\.\.\.\]")


def _strip(tp: Any) -> Any:
    """The type under ``Annotated`` and ``X | None``."""
    while True:
        if typing.get_origin(tp) is Annotated:
            tp = typing.get_args(tp)[0]
        elif typing.get_origin(tp) in (Union, types.UnionType):
            tp = next(a for a in typing.get_args(tp) if a is not type(None))
        else:
            return tp


def _name_keys(data: Any, tp: Any, path: str) -> tuple[str, Any]:
    """msgspec's path with each ``[...]`` (a dict key) replaced by the key at fault.

    Also returns the type expected at the end of the path.
    """
    out = ""
    for m in _STEP.finditer(path):
        tp = _strip(tp)
        if m[1] is not None:  # struct field
            out += f".{m[1]}" if out else m[1]
            tp = _field_type(tp, m[1])
            data = data.get(m[1]) if isinstance(data, dict) else None
        elif m[2] is not None:  # list index
            out += f"[{m[2]}]"
            tp = typing.get_args(tp)[0] if typing.get_args(tp) else Any
            data = data[int(m[2])] if isinstance(data, list) and int(m[2]) < len(data) else None
        else:  # dict key: the first whose key or value does not convert
            key_tp, value_tp = typing.get_args(tp) or (Any, Any)
            key = _bad_key(data, key_tp, value_tp)
            name = key if isinstance(key, str) and key.isidentifier() else None
            out += f"[{key!r}]" if name is None else f".{name}" if out else name
            tp, data = value_tp, (data or {}).get(key)
    return out, tp


def _field_type(tp: Any, name: str) -> Any:
    """The type of the struct field encoded as ``name`` (``msgspec.field(name=...)``)."""
    if not (isinstance(tp, type) and issubclass(tp, msgspec.Struct)):
        return Any
    hints = typing.get_type_hints(tp, include_extras=True)
    attr = {f.encode_name: f.name for f in msgspec.structs.fields(tp)}.get(name, name)
    return hints.get(attr, Any)


def _bad_key(data: Any, key_tp: Any, value_tp: Any) -> Any:
    for key, value in (data or {}).items() if isinstance(data, dict) else ():
        try:
            msgspec.convert(key, key_tp, strict=True)
            msgspec.convert(value, value_tp, strict=True)
        except msgspec.ValidationError:
            return key
    return "..."


def check(data: Any, schema: type[T], where: str) -> T:
    """``data`` as ``schema`` (strict: no "5" for 5, no 5 for "5"); InputError otherwise."""
    try:
        return msgspec.convert(data, schema, strict=True)
    except msgspec.ValidationError as exc:
        why, _, path = str(exc).partition(" - at `$")
        at, expected = _name_keys(data, schema, path.rstrip("`"))
        allowed = typing.get_args(_strip(expected)) if why.startswith("Invalid enum") else ()
        if allowed:
            why = f"{why.split('value ', 1)[-1]} is not one of {', '.join(map(str, allowed))}"
        raise InputError(f"{where}: {at + ': ' if at else ''}{reason(why)}") from None


def check_text_tree(value: Any, where: str) -> None:
    """Every string (keys too) in a tree of free JSON values (``meta``) must be text."""
    bad = _NOT_TEXT_RE.search("".join(_strings(value)))
    if bad:
        raise InputError(f"{where}: expected {PATTERN_WORDS[TEXT_PATTERN]}, found {bad[0]!r}")


_NOT_TEXT_RE = re.compile(f"[{_NOT_TEXT}]")


def as_text(value: str) -> str:
    """``value`` with each character a document cannot hold (:data:`TEXT_PATTERN`)
    written as its Python escape: a file named ``a\\x1b[2Jb.txt`` (or with a byte
    that is not UTF-8) was recorded as written, and the document refused on reread."""
    return _NOT_TEXT_RE.sub(lambda m: ascii(m.group())[1:-1], value)


def _strings(value: Any) -> list[str]:
    """Every string in a tree of dicts and lists, keys included (iterative: any depth)."""
    found, todo = [], [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            todo.extend(item.keys())
            todo.extend(item.values())
        elif isinstance(item, list):
            todo.extend(item)
    return found


def check_lang_tags(tags: Any, where: str) -> None:
    """Each tag must be a registered BCP 47 tag (after the pattern let it through)."""
    for tag in tags:
        if not lang_tag_is_valid(tag):
            raise InputError(
                f"{where}: {tag!r} is not a valid BCP 47 language tag (such as it, en, pt-BR)"
            )
