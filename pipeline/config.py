"""Typed, frozen settings per stage, loaded from TOML (built in: ``defaults/pipeline.toml``).

Each ``[section]`` of the TOML maps to one frozen dataclass below, and every
constraint on a setting is declared on its field (``Literal`` choices,
``msgspec.Meta`` bounds and patterns) and checked once, when the dataclass
is built (``_Checked.__post_init__`` runs :func:`msgspec.convert` on every
field), so no stage re-checks a value. References to other modules (QA check
ids, the glossary file) are checked in the same load, so a bad setting stops
a command before any model is loaded.
Anything wrong is a :class:`~pipeline.errors.ConfigError` of one line that
names the file, the key and what is allowed. CLI flags override file values
through :func:`load_config`'s ``overrides`` (``{"translate.num_beams": 2}``)
and go through the same validation.

Add a setting by adding a typed field with a default (and its constraint)
here and, optionally, a line in ``pipeline/defaults/pipeline.toml``.

Relative paths in a settings file given with ``--config`` are resolved against
that file's folder, so a project's config works from any working directory.
In the built-in defaults (package data, read through importlib.resources) only
resource paths (the glossary) point into the package; working paths (models,
memory, outputs) stay relative to the current directory, like the CLI flags
that override them.
"""

from __future__ import annotations

import dataclasses
import errno
import importlib.resources
import os
import re
import stat
import tomllib
import typing
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import quote, urlsplit, urlunsplit

import msgspec
from msgspec import Meta

from pipeline.document import Severity
from pipeline.encoding import looks_utf16
from pipeline.errors import ConfigError
from pipeline.schema import PATTERN_WORDS, LangTag, lang_tag_is_valid, reason, standard_tag
from pipeline.translate.registry import AUTO, BACKEND_CHOICES

PROJECT_ROOT = Path(__file__).resolve().parent.parent  # the folder that holds the package
DEFAULTS_DIR = Path(str(importlib.resources.files("pipeline") / "defaults"))
DEFAULT_CONFIG = DEFAULTS_DIR / "pipeline.toml"
# Path-valued keys: True for resources a stage reads (resolved against the defaults
# folder in the built-in defaults), False for working paths (current directory there).
PATH_KEYS: dict[str, bool] = {
    "qa.glossary": True,
    "translate.models_dir": False,
    "memory.path": False,
    "write.out_dir": False,
    "bundle.out_dir": False,
}
BackendName = Literal[BACKEND_CHOICES]  # from the backend registry (pipeline.translate.registry)
# ``[read] format`` and ``--format``: "auto", or what forces one reader
# (pipeline.readers.reader_for; tests/test_readers.py checks each is a reader's name).
# Listed here, not taken from pipeline.readers, so loading settings loads no reader.
READ_FORMATS = ("auto", "txt", "md", "html", "wordpress", "json")
ReadFormat = Literal[READ_FORMATS]
MAX_CONFIG_BYTES = 1_000_000  # a settings or glossary file larger than this is refused

DEVICE_PATTERN = r"^(auto|cpu|cuda(:[0-9]{1,3})?)\Z"
PATTERN_WORDS[DEVICE_PATTERN] = "auto, cpu, cuda or cuda:N (N a card number)"
# absolute http(s) URL without query or fragment: canonical links and sitemaps need it; the
# scheme in any case (RFC 3986 3.1: HTTPS:// is https://, written lower-case by public_url)
BASE_URL_PATTERN = r"^(?i:https?)://[^\s/?#]+(/[^\s?#]*)?$"
PATTERN_WORDS[BASE_URL_PATTERN] = (
    "an http(s) URL without query or fragment, e.g. https://example.org/news"
)


def base_url_fault(value: str) -> str | None:
    """What breaks ``BASE_URL_PATTERN`` in a URL that has the right scheme, said with its
    fix: a space was reported as "a query or fragment" it did not have."""
    from urllib.parse import quote

    host = re.match(r"(?i:https?)://[^\s/?#]+/", value)
    if host is None or "?" in value or "#" in value or not re.search(r"\s", value):
        return None  # (white space in the host is no name percent-encoding makes one)
    fixed = re.sub(r"\s", lambda m: quote(m.group(0)), value)
    return (
        "it holds white space, which a URL cannot (a link stops there); percent-encode it, "
        f"a space as %20: {fixed}"
    )


SITE_NAME_PATTERN = r"^\s*\S"  # some text to show
PATTERN_WORDS[SITE_NAME_PATTERN] = "a name to show, not empty or only white space"
RAY_ADDRESS_PATTERN = r"^(|auto|ray://[^\s/]+:[0-9]{1,5}|[^\s/:]+:[0-9]{1,5})$"
PATTERN_WORDS[RAY_ADDRESS_PATTERN] = (
    "empty (a local Ray instance), auto (this node's cluster), ray://HOST:PORT (Ray Client, "
    "port 10001 by default) or HOST:PORT (a head node, 6379 by default)"
)
PATTERN_WORDS[SITE_NAME_PATTERN] = "a name to show, not empty or only white space"
NonEmpty = Annotated[str, Meta(min_length=1)]
# CTranslate2's compute types (its docs, "Quantization"), and mtpipe's auto
COMPUTE_TYPES = (
    "auto",
    "default",
    "int8",
    "int8_float32",
    "int8_float16",
    "int8_bfloat16",
    "int16",
    "float16",
    "bfloat16",
    "float32",
)
ComputeType = Literal[COMPUTE_TYPES]
Threads = Annotated[int, Meta(ge=0, le=1024)]


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, include_extras=True)


def _mentions(hint: Any, target: Any) -> bool:
    return hint is target or any(_mentions(a, target) for a in typing.get_args(hint))


def _check_tags(section: str, key: str, hint: Any, value: Any) -> Any:
    """Language tags must be registered BCP 47 tags (langcodes), not only well formed.

    Returns ``value`` with each tag in its standard form (langcodes
    ``standardize_tag``: ``EN`` -> ``en``, ``pt-br`` -> ``pt-BR``), since tags are
    case-insensitive (BCP 47, RFC 5646 section 2.1.1) but model pairs, file names
    and catalogs are looked up by exact string.
    """
    if not _mentions(hint, LangTag):
        return value
    tags = value if isinstance(value, tuple) else (value,)
    for tag in tags:
        if not lang_tag_is_valid(tag):
            error = ConfigError(
                f"config key {section}.{key}: {tag!r} is not a valid BCP 47 language tag "
                "(such as it, en, pt-BR)"
            )
            error.key = f"{section}.{key}"
            raise error
    standard = tuple(dict.fromkeys(standard_tag(t) for t in tags))  # `en,EN` is one language
    return standard if isinstance(value, tuple) else standard[0]


def underscore_tag_fix(value: Any, target: bool) -> str | None:
    """The fix for a locale name given as a language tag (``en_GB``, as catalogs are named):
    BCP 47 writes ``en-GB``, and a target is a language, ``en``, since models translate into
    languages (review37 P5); None when no item of ``value`` is one."""
    tags = value if isinstance(value, list | tuple) else [value]
    for tag in tags:
        if isinstance(tag, str) and "_" in tag and lang_tag_is_valid(tag.replace("_", "-")):
            fixed = standard_tag(tag.replace("_", "-"))
            fix = f"{tag!r} is a locale name; a language tag is written {fixed!r} (BCP 47)"
            if target:
                lang = fixed.split("-")[0]
                fix += f", and models translate into languages: use {lang!r}"
            return fix
    return None


def _keyed(key: str, message: str) -> ConfigError:
    """A :class:`ConfigError` that names its key, so the file or flag that set it is named."""
    error = ConfigError(message)
    error.key = key
    return error


# A control character (C0, DEL, C1) or a noncharacter: no setting but a path is made of
# them, and a site name or URL holding one was written as it was into every page and feed.
_NOT_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")


def _check_text(section: str, key: str, value: Any) -> None:
    """Every string of a setting (items and table keys too) is text without a control
    character: a TOML escape (``"\\u001b"``) gave ``site_name`` an ESC that every page's
    ``<title>`` and the feeds then carried. Raises :class:`ConfigError` naming it."""
    strings = (
        [value]
        if isinstance(value, str)
        else [s for item in _items(value) for s in _items(item) if isinstance(s, str)]
    )
    for text in strings:
        if (bad := _NOT_TEXT.search(text)) is not None:
            raise _keyed(
                f"{section}.{key}",
                f"config key {section}.{key} = {text!r} holds the control character "
                f"U+{ord(bad.group()):04X} at position {bad.start() + 1}, which no page or "
                "URL can hold; remove it",
            )


def _check_path(section: str, key: str, value: Any) -> None:
    """A path setting that is only white space, or ``-``, names no file a user meant:
    ``bundle --out " "`` built the site in a folder named by a space and ``--out -`` one
    named ``-`` (which other commands read as standard output). Raises ConfigError."""
    if not isinstance(value, str) or not value or (value.strip() and value != "-"):
        return
    what = "is only white space" if value != "-" else "is - (standard input or output)"
    fix = "give a path" + (" (./- for one named -)" if value == "-" else "")
    raise _keyed(
        f"{section}.{key}",
        f"config key {section}.{key} = {value!r} {what}, which names no file or folder; {fix}",
    )


def _items(value: Any) -> list[Any]:
    """A tuple's items, a table's keys and values, or the value itself."""
    if isinstance(value, tuple | list):
        return list(value)
    if isinstance(value, dict):
        return [*value, *value.values()]
    return [value]


class _Checked:
    """Base of the settings dataclasses: every field is checked against its annotation.

    ``__post_init__`` converts each value with :func:`msgspec.convert` (strict:
    no "4" for 4, no true for 1) against the field's declared type and
    constraints, so an instance is valid however it was built (TOML, CLI
    override, code) and no stage re-checks a setting. Raises ConfigError.
    """

    SECTION: ClassVar[str] = ""

    def __post_init__(self) -> None:
        hints = _hints(type(self))
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            try:
                checked = msgspec.convert(value, hints[f.name], strict=True)
            except msgspec.ValidationError as exc:
                error = ConfigError(_explain(self.SECTION, f.name, value, exc))
                error.key = f"{self.SECTION}.{f.name}"
                raise error from None
            checked = _check_tags(self.SECTION, f.name, hints[f.name], checked)
            if f"{self.SECTION}.{f.name}" in PATH_KEYS:  # a folder may have any name, but
                _check_path(self.SECTION, f.name, checked)  # " " and "-" are slips
            else:
                _check_text(self.SECTION, f.name, checked)
            object.__setattr__(self, f.name, checked)
        self._check()

    def _check(self) -> None:
        """Checks across fields or against other modules (none by default)."""


# --- read ------------------------------------------------------------------
@dataclass(frozen=True)
class ReadSettings(_Checked):
    SECTION: ClassVar[str] = "read"
    source_lang: LangTag = "it"
    max_bytes: Annotated[int, Meta(ge=1, le=1 << 30)] = 5_000_000  # at most 1 GiB
    # An article whose text reads as another language than source_lang (pipeline.qa.article_lang):
    # a one-line warning before any model loads, an input error for that file, or no check.
    language_check: Literal["warning", "error", "off"] = "warning"
    # The reader every input gets: "auto" chooses by suffix (and sniffs a .txt that holds an
    # HTML page); a name forces that reader, for a .txt article whose text opens with <html>.
    format: ReadFormat = "auto"

    @property
    def forced_format(self) -> str | None:
        """The ``fmt`` of :func:`pipeline.readers.read_article`: None for ``auto``."""
        return None if self.format == "auto" else self.format


# --- segment ---------------------------------------------------------------
@dataclass(frozen=True)
class SegmentSettings(_Checked):
    SECTION: ClassVar[str] = "segment"
    engine: Literal["mtpipe", "moses", "pysbd"] = "mtpipe"


# --- translate -------------------------------------------------------------
@dataclass(frozen=True)
class TranslateSettings(_Checked):
    SECTION: ClassVar[str] = "translate"
    targets: Annotated[
        tuple[LangTag, ...], Meta(min_length=1, description="no target language: give one or more")
    ] = ("en", "fr")
    backend: BackendName = AUTO
    # "cuda:1" selects a card
    device: Annotated[str, Meta(pattern=DEVICE_PATTERN)] = "auto"
    num_beams: Annotated[int, Meta(ge=1, le=64)] = 4
    batch_tokens: Annotated[int, Meta(ge=1, le=1 << 24)] = 2048
    max_input_tokens: Annotated[int, Meta(ge=2, le=1 << 16)] = 256
    models_dir: NonEmpty = "models"
    # runaway guard: at most ratio * source tokens + 10 new tokens
    max_output_ratio: Annotated[float, Meta(gt=0, le=100)] = 3.0
    threads: Threads = 0  # CPU threads per model (ct2: intra-op per replica); 0 = automatic
    # auto: int8 on CPU, int8_float16 on CUDA; the others are CTranslate2's own names ("int9"
    # was taken as text and failed at model load, after the run had opened its memory)
    ct2_compute_type: ComputeType = "auto"
    ct2_inter_threads: Threads = 0  # CTranslate2 batches run in parallel; 0 = automatic
    # benchmarks only: force round(ratio * source tokens) outputs; 0 = off
    force_length_ratio: Annotated[float, Meta(ge=0, le=100)] = 0.0
    # batch: translate and write articles in groups of this size
    group_segments: Annotated[int, Meta(ge=1, le=1 << 24)] = 512


# --- memory ----------------------------------------------------------------
@dataclass(frozen=True)
class MemorySettings(_Checked):
    SECTION: ClassVar[str] = "memory"
    enabled: bool = True
    path: NonEmpty = "out/memory.sqlite"  # "" would silently be an in-memory database
    # `mtpipe export`: a human TM match at least this similar (rapidfuzz ratio, %) is suggested
    fuzzy_min_similarity: Annotated[float, Meta(ge=0, le=100)] = 75.0

    def _check(self) -> None:
        """A folder where the memory file goes is refused now, not after the models load."""
        if Path(self.path).is_dir():  # keyed: `--memory DIR` blamed the settings file
            raise _keyed(
                "memory.path", f"config key memory.path = {self.path!r} is a folder; name a file"
            )


# --- localise --------------------------------------------------------------
@dataclass(frozen=True)
class LocaliseSettings(_Checked):
    SECTION: ClassVar[str] = "localise"
    french_typography: bool = True
    rewrite_numbers: bool = True
    source_chrome: bool = True


# --- qa --------------------------------------------------------------------
@dataclass(frozen=True)
class QASettings(_Checked):
    SECTION: ClassVar[str] = "qa"
    enabled: bool = True
    fail_severity: Severity = "error"
    disabled: tuple[str, ...] = ()  # check ids of the QA registry
    enable: tuple[str, ...] = ()  # checks that are off by default (low_confidence)
    severity: dict[str, Severity] = field(default_factory=dict)
    # do-not-translate terms, term list, exonyms ("" none)
    glossary: str = str(DEFAULTS_DIR / "glossary.toml")
    report_format: Literal["md", "html", "json"] = "md"  # QA report (json: for programs)
    # translate: QA in a helper process that loads while the models decode (same findings);
    # auto: when decoding leaves CPU cores free (CUDA device, or threads below the core count)
    worker: Literal["auto", "on", "off"] = "auto"

    def _check(self) -> None:
        """Check ids must be registered (imports the QA registry only when some are named)."""
        if self.disabled or self.enable or self.severity:
            from pipeline.qa.registry import all_checks

            known = all_checks()
            for key in ("disabled", "enable", "severity"):
                for cid in getattr(self, key):
                    if cid not in known:
                        raise _keyed(
                            f"qa.{key}",
                            f"[qa] names unknown check {cid!r}; valid ids: "
                            f"{', '.join(sorted(known))}",
                        )


# --- write -----------------------------------------------------------------
@dataclass(frozen=True)
class WriteSettings(_Checked):
    SECTION: ClassVar[str] = "write"
    out_dir: NonEmpty = "out"
    # empty: a run that writes no translation at all, and says "translated" (hostile37 #12)
    formats: Annotated[
        tuple[Literal["txt", "md", "html", "wp", "jsonl", "json"], ...],
        Meta(
            min_length=1,
            description="no output format: give one or more of txt, md, html, wp, jsonl, json",
        ),
    ] = (
        "txt",
        "md",
        "html",
        "wp",
        "jsonl",
        "json",
    )


# --- bundle ----------------------------------------------------------------
def check_comment_action(value: str) -> None:
    """``[bundle] comment_action`` is where the comment form posts: an http(s) URL or a
    path on the site, never a ``javascript:``/``data:`` URL (it went into the form as it
    was). Raises :class:`ConfigError` (exit 2) before anything is built."""
    parts = urlsplit(value)
    web = parts.scheme in ("http", "https") and bool(parts.netloc)
    local = not parts.scheme and not parts.netloc
    if value and (not (web or local) or any(c.isspace() or ord(c) < 32 for c in value)):
        raise _keyed(
            "bundle.comment_action",
            f"config key bundle.comment_action = {value!r} is not allowed; give an http(s) "
            "URL or a path on the site (empty: the page itself)",
        )


def check_base_url(value: str) -> None:
    """``[bundle] base_url`` is written into every page, sitemap, feed and ``robots.txt``:
    one with a user name or password (``https://user:pw@host/``) published them, and a
    port no URL can have (``:99999``) made every absolute link dead. Raises
    :class:`ConfigError` (exit 2) naming the part to remove; the shape itself is the
    settings' check (an http(s) URL without query or fragment)."""
    parts = urlsplit(value)
    if parts.username is not None or parts.password is not None:
        public = f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"
        raise _keyed(
            "bundle.base_url",  # the password itself is not repeated: CI logs keep this line
            "config key bundle.base_url holds a user name or password (before the @), "
            f"which every page and sitemap would publish; give the public URL, {public}",
        )
    try:
        parts.port  # noqa: B018  (urlsplit checks the port only when it is read)
    except ValueError:
        raise _keyed(
            "bundle.base_url",
            f"config key bundle.base_url = {value!r} has a port no URL can have "
            "(0 to 65535); give the site's public URL",
        ) from None
    refuse_page_base_url(value)


# The last path segment of a base URL that names a page, not the folder the site is in.
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx", ".jsp", ".cgi")


def refuse_page_base_url(value: str) -> None:
    """Refuse a ``base_url`` that ends in a page's file name (``…/news/index.html``).

    Every link is the base URL plus a bundle path, so ``…/news/index.html/en/`` was
    written into every page, sitemap and feed: all dead. The folder is refused, not
    guessed: ``index.html`` could be dropped, but ``home.php`` or ``news.html`` name no
    folder one can tell, and a setting silently rewritten differs from what the user
    reads in their file. Raises :class:`ConfigError` naming the folder URL to give.
    """
    parts = urlsplit(value)
    name = parts.path.rpartition("/")[2]
    if not name.lower().endswith(PAGE_SUFFIXES):
        return
    folder = urlunsplit((parts.scheme, parts.netloc, parts.path[: -len(name)] or "/", "", ""))
    raise _keyed(
        "bundle.base_url",
        f"config key bundle.base_url = {value!r} ends in a file name ({name}); the site is "
        f"served from a folder, so give the folder's URL, {folder}",
    )


def public_url(value: str) -> str:
    """``base_url`` as a URI every sitemap reader takes: the path percent-encoded as UTF-8
    (``/notizie-città/`` -> ``/notizie-citt%C3%A0/``), escapes already there kept, the
    host in lower case. The sitemaps protocol wants escaped URLs, and ``à``, ``<``, ``"``
    or ``{`` went into every ``<loc>``, canonical link and feed as typed. The scheme in
    lower case too (``HTTPS://`` is ``https://``, RFC 3986 3.1: schemes and hosts are
    case-insensitive, and a sitemap or feed reader compares URLs as text). A host that is
    not ASCII is a :class:`ConfigError`: its ASCII form depends on the IDNA version
    (Python's codec makes ``straße.de`` ``strasse.de``, another domain), so the user
    gives the one their DNS has.
    """
    parts = urlsplit(value)
    if not parts.netloc.isascii():
        raise _keyed(
            "bundle.base_url",
            f"config key bundle.base_url = {value!r}: give the host in its ASCII form "
            "(xn--…, as the domain is registered in DNS)",
        )
    netloc = parts.netloc.lower()
    path = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", parts.path)  # a lone % is a character
    path = quote(path, safe="/%:@!$&'()*+,;=-._~")
    return urlunsplit((parts.scheme.lower(), netloc, path, "", ""))


@dataclass(frozen=True)
class BundleSettings(_Checked):
    SECTION: ClassVar[str] = "bundle"
    out_dir: NonEmpty = "site"
    base_url: Annotated[str, Meta(pattern=BASE_URL_PATTERN)] = "https://example.org"
    default_locale: LangTag = "it"
    qa_policy: Literal["publish", "notice", "hold"] = "notice"
    # every page's <title>, masthead link and feed title: empty, they were "Articles – " and
    # a link with no text
    site_name: Annotated[str, Meta(pattern=SITE_NAME_PATTERN)] = "mtpipe news"
    comment_action: str = ""
    # the newest N articles in each LANG/feed.json, and N per index page (LANG/page/2/ ...):
    # a 10,000-article archive was one feed of tens of MB and one index page (bundle.feed)
    feed_items: Annotated[int, Meta(ge=1, le=10_000)] = 50
    index_items: Annotated[int, Meta(ge=1, le=10_000)] = 50

    def _check(self) -> None:
        """The URLs every page carries, checked when the settings are built (so the file or
        flag that set them is named), ``base_url`` kept in its escaped form."""
        check_comment_action(self.comment_action)
        check_base_url(self.base_url)
        object.__setattr__(self, "base_url", public_url(self.base_url))


# --- ray (the distributed runner; changes no output, so not in the build key) ----------
@dataclass(frozen=True)
class RaySettings(_Checked):
    SECTION: ClassVar[str] = "ray"
    # "" starts a local instance sized to this machine; "auto" joins the cluster this node
    # belongs to (`ray start`); "ray://HOST:10001" joins one through Ray Client; HOST:6379 a head
    address: Annotated[str, Meta(pattern=RAY_ADDRESS_PATTERN)] = ""
    pool_size: Annotated[int, Meta(ge=0, le=100_000)] = 0  # actors per language pair; 0 = auto
    actor_threads: Annotated[int, Meta(ge=1, le=1024)] = 1  # CPU threads per actor (no GPU)
    # CTranslate2 replicas per CPU actor, each with actor_threads threads; 0 = auto: one per
    # language pair (the pairs' pools run in series: while one pair's actor waits, at the first
    # and last group, the other's may decode on its cores too)
    actor_replicas: Annotated[int, Meta(ge=0, le=64)] = 0


@dataclass(frozen=True)
class Config:
    read: ReadSettings = ReadSettings()
    segment: SegmentSettings = SegmentSettings()
    translate: TranslateSettings = TranslateSettings()
    memory: MemorySettings = MemorySettings()
    localise: LocaliseSettings = LocaliseSettings()
    qa: QASettings = QASettings()
    write: WriteSettings = WriteSettings()
    bundle: BundleSettings = BundleSettings()
    ray: RaySettings = RaySettings()
    source: str = "(defaults)"
    # Dotted keys a settings file (other than the built-in one) or a flag set, whatever their
    # value: "default unless chosen" settings (the memory beside the output) ask this, since
    # a chosen value may equal the built-in one (`../out/memory.sqlite` from configs/ is
    # `out/memory.sqlite` from the checkout, and was taken for "not chosen" there only).
    chosen: frozenset[str] = frozenset()


SECTIONS: dict[str, type] = {
    f.name: f.default.__class__
    for f in dataclasses.fields(Config)
    if f.name not in ("source", "chosen")
}


def choices(section: str, key: str) -> tuple[Any, ...]:
    """The allowed values of a ``Literal`` setting (for CLI ``choices=`` and docs)."""
    return _literal_values(_hints(SECTIONS[section])[key])


def _literal_values(hint: Any) -> tuple[Any, ...]:
    """Values of the first ``Literal`` inside ``hint`` (through Annotated, tuple, dict)."""
    if typing.get_origin(hint) is Literal:
        return typing.get_args(hint)
    for arg in typing.get_args(hint):
        found = _literal_values(arg)
        if found:
            return found
    return ()


_WORDS = {"ge": "at least", "gt": "more than", "le": "at most", "lt": "less than"}


def _strip(hint: Any) -> tuple[Any, list[Any]]:
    """``Annotated[T, Meta(...)]`` -> ``(T, [Meta(...)])``; other hints -> ``(hint, [])``."""
    if typing.get_origin(hint) is Annotated:
        base, *metas = typing.get_args(hint)
        return base, metas
    return hint, []


def _constraint_text(hint: Any, item: bool = False) -> str:
    """Say in words what a field (or, with ``item``, each of its items) accepts."""
    base, metas = _strip(hint)
    if item and typing.get_origin(base) in (tuple, dict):
        args = [a for a in typing.get_args(base) if a is not Ellipsis]
        return "each item " + _constraint_text(args[-1])
    described = [m.description for m in metas if m.description]
    if described:  # the field says in its own words what it needs
        return described[0]
    allowed = _literal_values(hint)
    if allowed:
        return "must be one of " + ", ".join(map(str, allowed))
    parts = [
        f"{word} {getattr(m, k)}"
        for m in metas
        for k, word in _WORDS.items()
        if getattr(m, k) is not None
    ]
    words = ["be " + " and ".join(parts)] if parts else []
    words += ["not be empty" for m in metas if m.min_length]
    if words:
        return "must " + " and ".join(words)
    patterns = [PATTERN_WORDS.get(m.pattern, "") for m in metas if m.pattern]
    if any(patterns):
        return "must be " + patterns[0]
    if patterns:
        return "must match that pattern"
    name = getattr(base, "__name__", None) or str(base).replace("typing.", "")
    return f"must be of type {name}"


def _explain(section: str, key: str, value: Any, exc: msgspec.ValidationError) -> str:
    """One line: the key, its value, msgspec's reason and what the field accepts."""
    why, _, where = str(exc).partition(" - at `$")
    hint = _hints(SECTIONS[section])[key]
    said = reason(why)
    if (section, key) == ("bundle", "base_url") and isinstance(value, str):
        said = base_url_fault(value) or said
        return f"config key {section}.{key} = {value!r} is not allowed: {said}"
    if _mentions(hint, LangTag) and (fix := underscore_tag_fix(value, key == "targets")):
        return f"config key {section}.{key} = {value!r} is not allowed: {fix}"
    if any(words in said for words in PATTERN_WORDS.values()):  # a pattern, said in words
        return f"config key {section}.{key} = {value!r} is not allowed: {said}"
    what = (
        _list_fix(key, hint, value)
        or _table_fix(section, key, hint, value)
        or _constraint_text(hint, item=where.startswith("["))
    )
    return f"config key {section}.{key} = {value!r} is not allowed ({said}); {what}"


def _list_fix(key: str, hint: Any, value: Any) -> str | None:
    """The fix for one value where a list is expected (``targets = "en"``): write it as a
    list. The field's own words (``no target language: give one or more``) are those of an
    empty list and read as if no value was given (hostile37 #13)."""
    import json

    base, _ = _strip(hint)
    if typing.get_origin(base) is not tuple or isinstance(value, list | tuple | dict):
        return None
    shown = json.dumps(value, ensure_ascii=False) if isinstance(value, str | int | float) else "..."
    return f"write it as a list: {key} = [{shown}]"


def _table_fix(section: str, key: str, hint: Any, value: Any) -> str | None:
    """The fix for one value where a table is expected (``[qa] severity = "error"``): write
    it as a table. The values' own words (``must be one of info, warning, error``) named
    what the value already was (review37 P4)."""
    import json

    base, _ = _strip(hint)
    if typing.get_origin(base) is not dict or isinstance(value, dict):
        return None
    first = value[0] if isinstance(value, list | tuple) and value else value
    shown = json.dumps(first, ensure_ascii=False) if isinstance(first, str | int | float) else "..."
    name = "CHECK" if (section, key) == ("qa", "severity") else "NAME"
    return f"write it as a table: [{section}.{key}] with one {name} = {shown} a line"


def _check_names(data: dict[str, Any]) -> None:
    """Reject unknown sections and keys, listing the valid ones."""
    for name, values in data.items():
        if name not in SECTIONS:
            raise ConfigError(
                f"unknown config section [{name}]; valid sections: {', '.join(SECTIONS)}"
            )
        if not isinstance(values, dict):
            raise ConfigError(f"config section [{name}] must be a table")
        valid = [f.name for f in dataclasses.fields(SECTIONS[name])]
        for key in values:
            if key not in valid:
                raise ConfigError(
                    f"unknown config key {name}.{key}; valid keys in [{name}]: {', '.join(valid)}"
                )


def _sections(data: dict[str, Any]) -> dict[str, Any]:
    """Each section of ``data`` built (so checked key by key); names already checked."""
    return {name: SECTIONS[name](**values) for name, values in data.items()}


def parse_config(
    data: dict[str, Any],
    source: str = "(inline)",
    flags: frozenset[str] = frozenset(),
    chosen: frozenset[str] | None = None,
) -> Config:
    """Build a validated :class:`Config` from parsed TOML data.

    Raises ConfigError naming ``source`` for unknown names, values outside a
    field's constraints and a [qa] glossary that cannot be loaded; a bad value
    of a dotted key in ``flags`` came from the command line and is named so.
    ``chosen`` (:attr:`Config.chosen`) defaults to every key of ``data``.
    """
    from pipeline.glossary import load_glossary  # not via pipeline.qa: no QA import to start

    try:
        _check_names(data)
        if chosen is None:
            chosen = _dotted_keys(data)
        cfg = Config(**_sections(data), source=source, chosen=chosen)
        try:
            load_glossary(cfg.qa.glossary)
        except ConfigError as exc:
            exc.key = "qa.glossary"  # a --glossary flag's file is the command line's
            raise
    except ConfigError as exc:
        origin = "command line" if getattr(exc, "key", None) in flags else source
        raise ConfigError(f"{origin}: {exc}") from None
    return cfg


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """Parse a small UTF-8 TOML file; ConfigError naming ``what`` and ``path`` otherwise.

    Refuses folders, devices and FIFOs (``/dev/zero`` would never end), files
    over :data:`MAX_CONFIG_BYTES`, other encodings (UTF-16, latin-1) and
    invalid TOML.
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{what} {path} is not a regular file")
        if info.st_size > MAX_CONFIG_BYTES:
            raise ConfigError(f"{what} {path} is larger than {MAX_CONFIG_BYTES} bytes")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{what} {path} does not exist") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # the one wording of a loop (pipeline.paths)
            from pipeline.paths import path_trouble

            raise ConfigError(f"{what} {path_trouble(path, exc)}") from None
        raise ConfigError(f"{what} {path} cannot be read: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        hint = " (it looks like UTF-16)" if looks_utf16(raw) else ""
        raise ConfigError(
            f"{what} {path} is not UTF-8{hint} (byte {exc.start}); save it as UTF-8"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if text.startswith("\ufeff"):  # tomllib says "Invalid statement (at line 1, column 1)"
            raise ConfigError(
                f"{what} {path} starts with a byte-order mark (saved as UTF-8 with BOM); "
                "save it as UTF-8 without BOM"
            ) from None
        raise ConfigError(f"{what} {path} is not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(f"{what} {path} nests arrays or tables too deeply") from None


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Load TOML settings (default: the built-in defaults) and apply dotted overrides.

    Relative paths in the file are resolved as the module docstring says.
    Overrides whose value is None are flags that were not given; the others
    are taken as given (relative to the working directory). Raises
    ConfigError (exit 2) for anything invalid, before any stage runs.
    """
    if path is not None and not str(path).strip():  # Path("") is ".", the current folder
        raise ConfigError(f"--config {str(path)!r} names no file; give a settings file")
    cfg_path = Path(path) if path is not None else DEFAULT_CONFIG
    data: dict[str, Any] = {}
    if path is not None or cfg_path.exists():
        data = read_toml(cfg_path, "config file")
    builtin = path is None or cfg_path.resolve() == DEFAULT_CONFIG.resolve()
    try:
        _expand_home(data)
    except ConfigError as exc:
        raise ConfigError(f"{cfg_path}: {exc}") from None
    _resolve_paths(data, cfg_path.parent, resources_only=builtin)
    try:  # before the flags go in: `translate = 5` beside --to was a TypeError traceback
        _check_names(data)
        # The file as a whole, whatever the flags: `[write] out_dir = 5` beside --out ran
        # silently, the bad value replaced by the flag's before any check saw it.
        _sections(data)
    except ConfigError as exc:
        raise ConfigError(f"{cfg_path}: {exc}") from None
    flags = {dotted: value for dotted, value in (overrides or {}).items() if value is not None}
    for dotted, value in flags.items():
        section, _, key = dotted.partition(".")
        data.setdefault(section, {})[key] = value
    _expand_home(data, flags)
    chosen = frozenset(flags) | (frozenset() if builtin else _dotted_keys(data))
    config = parse_config(data, source=str(cfg_path), flags=frozenset(flags), chosen=chosen)
    # No memory chosen: the one in the output folder, for every command (`tm stats` too), so
    # a settings file's out_dir takes its memory along from any working folder.
    return memory_in(config, config.write.out_dir)


def _dotted_keys(data: dict[str, Any]) -> frozenset[str]:
    """``{"memory": {"path": …}}`` -> ``{"memory.path"}`` (sections already checked)."""
    return frozenset(f"{name}.{key}" for name, values in data.items() for key in values)


def _expand_home(data: dict[str, Any], keys: typing.Iterable[str] = PATH_KEYS) -> None:
    """Expand a leading ``~`` or ``~user`` in the path values of ``data`` (in place), as a
    shell would: ``out_dir = "~/news"`` wrote into a folder named ``~`` beside the settings
    file. ConfigError (exit 2) naming the key when it cannot be expanded."""
    from pipeline.errors import UsageError
    from pipeline.paths import home_expanded

    for dotted in keys:
        if dotted not in PATH_KEYS:
            continue
        section, _, key = dotted.partition(".")
        values = data.get(section)
        value = values.get(key) if isinstance(values, dict) else None
        if isinstance(value, str) and value.startswith("~"):
            try:
                values[key] = str(home_expanded(value, f"config key {dotted} ="))
            except UsageError as exc:
                raise ConfigError(str(exc)) from None


def _resolve_paths(data: dict[str, Any], base: Path, *, resources_only: bool) -> None:
    """Make relative path values in ``data`` absolute against ``base`` (in place).

    Joined lexically (``os.path.normpath``): ``configs/`` + ``../out/memory.sqlite`` is
    ``out/memory.sqlite``, the path messages show, not ``configs/../out/memory.sqlite``."""
    for dotted, is_resource in PATH_KEYS.items():
        if resources_only and not is_resource:
            continue
        section, _, key = dotted.partition(".")
        values = data.get(section)
        value = values.get(key) if isinstance(values, dict) else None
        if isinstance(value, str) and value and not Path(value).is_absolute():
            values[key] = os.path.normpath(base / value)


def memory_in(config: Config, folder: str | Path) -> Config:
    """``config`` with the translation memory in ``folder`` when no setting chose one.

    The built-in ``[memory] path`` is ``out/memory.sqlite``, beside the built-in output
    folder ``out``; a run writing elsewhere (``--out DIR``, a document in DIR) keeps its
    memory in DIR, so nothing is written outside the folder the user named (the built-in
    path would create ``out/`` in the current directory). A path a settings file or
    ``--memory`` set stays, even one equal to the built-in path: what decides is whether
    the key was set (:attr:`Config.chosen`), not its value, which would make the choice
    depend on the working folder.
    """
    if "memory.path" in config.chosen:
        return config
    path = str(Path(folder) / "memory.sqlite")
    return dataclasses.replace(config, memory=dataclasses.replace(config.memory, path=path))


def check_on_this_machine(config: Config, flags: dict[str, str]) -> None:
    """Refuse translate settings that are valid but cannot work on this machine, before a
    run writes anything: a CUDA device it does not have (``--device cuda`` without CUDA,
    ``cuda:3`` with one card) and a CTranslate2 compute type its device cannot run
    (``float16`` on a CPU). Found at model load, they failed a run that had already made
    its output folder and memory. Decided by the loader's own
    :func:`~pipeline.translate.base.resolve_device`; ``flags`` maps a dotted key to the
    flag that sets it (``{"translate.device": "--device"}``), so the message names the
    flag, or the file and key, that set the value, and the fix. Raises ConfigError (exit 2).
    """
    from pipeline.translate.base import cuda_device_count, resolve_device
    from pipeline.translate.registry import AUTO_ORDER

    s = config.translate
    backends = AUTO_ORDER if s.backend == AUTO else (s.backend,)
    if s.device not in ("auto", "cpu"):
        cards = 0
        for backend in backends:  # torch is imported only when CTranslate2 sees too few
            cards = max(cards, cuda_device_count(backend))
            try:
                resolve_device(s.device, cards)
                break
            except ConfigError:
                continue
        else:
            have = f"only {cards} CUDA device(s)" if cards else "no CUDA device"
            raise ConfigError(
                f"{_origin(config, 'translate.device', flags)}: this machine has {have}; "
                f"{_fix(config, 'translate.device', flags, 'cpu', 'auto')}"
            )
    if "ctranslate2" in backends and s.ct2_compute_type not in ("auto", "default"):
        try:
            device = resolve_device(s.device, cuda_device_count("ctranslate2"))
        except ConfigError:  # a card torch sees and CTranslate2 does not: its load says so
            return
        _check_compute_type(config, flags, device)


def _check_compute_type(config: Config, flags: dict[str, str], device: tuple[str, int]) -> None:
    """A compute type CTranslate2 cannot run on ``device`` (``float16`` on a CPU) is refused,
    naming the ones it can. Nothing is said where CTranslate2 cannot tell (no driver)."""
    try:
        import ctranslate2

        can = ctranslate2.get_supported_compute_types(*device)
    except (ImportError, RuntimeError, ValueError):
        return
    wanted = config.translate.ct2_compute_type
    if wanted not in can:
        where = "the CPU" if device[0] == "cpu" else f"cuda:{device[1]}"
        raise ConfigError(
            f"{_origin(config, 'translate.ct2_compute_type', flags)}: CTranslate2 cannot run "
            f"{wanted} on {where} (it can: {', '.join(sorted(can))}); "
            f"{_fix(config, 'translate.ct2_compute_type', flags, 'auto', *sorted(can))}"
        )


def _origin(config: Config, dotted: str, flags: dict[str, str]) -> str:
    """Who set ``dotted``: ``--device cuda`` or ``FILE: [translate] device = 'cuda'``."""
    section, _, key = dotted.partition(".")
    value = getattr(getattr(config, section), key)
    if dotted in flags:
        return f"{flags[dotted]} {value}"
    where = config.source if dotted in config.chosen else "built-in settings"
    return f"{where}: [{section}] {key} = {value!r}"


def _fix(config: Config, dotted: str, flags: dict[str, str], *values: str) -> str:
    """The fix for ``dotted``: the flag with a working value, or the file's key to change."""
    section, _, key = dotted.partition(".")
    if dotted in flags:
        return f"use {' or '.join(f'{flags[dotted]} {v}' for v in values[:2])}"
    words = " or ".join(f'"{v}"' for v in values[:2])
    where = config.source if dotted in config.chosen else "a settings file (--config)"
    flag = {"translate.device": " (or give --device cpu)"}.get(dotted, "")
    return f"set [{section}] {key} = {words} in {where}{flag}"
