"""The glossary: one terminology resource for translation and QA.

A TOML file (``pipeline/defaults/glossary.toml``, named by ``[qa] glossary``) with three
tables:

- ``[dnt] terms = [...]``: do-not-translate terms (agencies, acronyms, brands),
  kept byte for byte in every target language; matched case-sensitively, since
  case is what tells ``AFP`` from a word (``Apple`` from ``apple``);
- ``[terms.SRC-TGT]``: required translations (``"Corea del Nord" = "North
  Korea"``), enforced by the translate stage; matched ignoring case;
- ``[exonyms.SRC-TGT]``: names that legitimately change (``Mosca`` ->
  ``Moscow``), read by QA's name checks only.

The file is read once per path and validated when it is loaded (at the start
of a run): unknown tables, malformed pair names, empty terms, and a term listed
twice with two different translations are one-line :class:`ConfigError` s
(exit 2). :attr:`Glossary.digest` identifies the content; translation-memory
keys use :meth:`Glossary.pair_digest`, incremental build keys
:meth:`Glossary.matched_digest` (only the entries an article contains), so an
edit redoes exactly the articles it affects.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from pipeline.config import read_toml
from pipeline.errors import ConfigError

TABLES = ("dnt", "terms", "exonyms")
_PAIR = re.compile(r"[a-z]{2,3}(?:_[A-Za-z0-9]+)?-[a-z]{2,3}(?:_[A-Za-z0-9]+)?")


@dataclass(frozen=True)
class Glossary:
    """Do-not-translate terms, required translations and exonyms per language pair."""

    dnt: tuple[str, ...] = ()
    terms: dict[str, dict[str, str]] = field(default_factory=dict)
    exonyms: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    path: str = ""

    def pair_terms(self, src_lang: str, tgt_lang: str) -> dict[str, str]:
        return self.terms.get(f"{src_lang}-{tgt_lang}", {})

    def pair_exonyms(self, src_lang: str, tgt_lang: str) -> dict[str, list[str]]:
        return self.exonyms.get(f"{src_lang}-{tgt_lang}", {})

    @property
    def empty(self) -> bool:
        return not (self.dnt or self.terms or self.exonyms)

    @property
    def digest(self) -> str:
        """sha256 (first 16 hex digits) of the whole content, independent of formatting."""
        return _digest([list(self.dnt), self.terms, self.exonyms])

    def pair_digest(self, src_lang: str, tgt_lang: str) -> str:
        """Digest of what changes ``src_lang -> tgt_lang`` translations (dnt + pair terms)."""
        return _digest([sorted(self.dnt), self.pair_terms(src_lang, tgt_lang)])

    def counts(self) -> dict[str, dict[str, int]]:
        """Per language pair: number of required terms and exonyms (dnt apply to all)."""
        pairs = sorted({*self.terms, *self.exonyms})
        return {
            p: {"terms": len(self.terms.get(p, {})), "exonyms": len(self.exonyms.get(p, {}))}
            for p in pairs
        }

    def matched_digest(self, texts: Iterable[str], src_lang: str, targets: Iterable[str]) -> str:
        """Digest of the entries that occur in ``texts`` (an article's source).

        It goes into the incremental build key: editing an entry the article
        does not contain leaves its key, and so its outputs, alone. Matched in the
        visible text, as the protected spans are (:meth:`pipeline.protect.spans.
        SpanFinder._terms`): a term with a soft hyphen or zero-width space inside
        (``Co\u00adrea``, ``KC\u200bNA``) is protected, so it belongs to the key too.
        """
        from pipeline.protect.spans import visible

        text = fold_for_terms("\n".join(visible(t)[0] for t in texts))
        folded = text.casefold()
        hits: dict[str, Any] = {"dnt": sorted(t for t in self.dnt if fold_for_terms(t) in text)}
        for tgt in sorted(targets):
            terms = self.pair_terms(src_lang, tgt)
            exonyms = self.pair_exonyms(src_lang, tgt)
            hits[tgt] = {
                "terms": {
                    k: v for k, v in sorted(terms.items()) if fold_for_terms(k).casefold() in folded
                },
                "exonyms": {k: v for k, v in sorted(exonyms.items()) if fold_for_terms(k) in text},
            }
        return _digest(hits)


# Apostrophes a text may write (ASCII, typographic ’ and ‘, modifier letter ʼ): Italian news
# writes "d’Italia" where a glossary entry says "d'Italia", and the other way round.
APOSTROPHES = "'\u2019\u2018\u02bc"
_ONE_APOSTROPHE = str.maketrans({a: "'" for a in APOSTROPHES})


def fold_for_terms(text: str) -> str:
    """``text`` with every apostrophe written as ``'`` and every run of spaces (a
    no-break space too: ``Corea del&nbsp;Nord``) as one space, for matching terms."""
    return _SPACES.sub(" ", text.translate(_ONE_APOSTROPHE))


_SPACES = re.compile(r"\s+")


def _digest(data: Any) -> str:
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


def resolve_path(path: str | Path) -> Path:
    """``path`` as given when absolute, else relative to the current directory.

    As every path a flag gives; a settings file's relative paths were already made
    relative to its folder (:func:`pipeline.config.load_config`). Against the folder
    holding the package, ``--glossary g.toml`` (or ``--config my.toml`` naming
    ``g.toml`` beside it) was looked for in site-packages: "does not exist".
    """
    p = Path(path)
    return p if p.is_absolute() else Path.cwd() / p


def load_glossary(path: str) -> Glossary:
    """Read and validate the glossary at ``path``; empty if ``path`` is "".

    Read once per file version: the parsed glossary is cached by path, size and
    modification time, so the settings check, translate and QA share one read
    while an edited file is read again. Raises ConfigError (exit 2) for a
    missing, unreadable or oversized file, invalid TOML (see
    :func:`pipeline.config.read_toml`) or any problem :func:`parse_glossary` finds.
    """
    if not path:
        return Glossary()
    p = resolve_path(path)
    try:
        st = p.stat()
        version = (st.st_size, st.st_mtime_ns)
    except OSError:
        version = (-1, -1)  # read_toml says what is wrong
    return _load(p, version)


@lru_cache(maxsize=8)
def _load(path: Path, version: tuple[int, int]) -> Glossary:
    return parse_glossary(_read(path), str(path))


BOM = b"\xef\xbb\xbf"
FORMAT_HINT = (
    'a glossary is TOML: [dnt] terms = ["AFP"], [terms.it-en] "Corea del Nord" = '
    '"North Korea" (see pipeline/defaults/glossary.toml)'
)


def _read(path: Path) -> dict[str, Any]:
    """The glossary's TOML, with the two ways a term list exported elsewhere fails named,
    and a term written twice told as such (not "a glossary is TOML: ...").

    A file saved as "UTF-8 with BOM" (Notepad, Excel) was refused as "Invalid statement
    (at line 1, column 1)", and a TSV or CSV term list as "Expected '=' after a key":
    neither said what was wrong nor what a glossary looks like.
    """
    try:
        return read_toml(path, "glossary")
    except ConfigError as exc:
        if "is not valid TOML" not in str(exc):
            raise
        with open(path, "rb") as f:
            bom = f.read(len(BOM)) == BOM
        if bom:
            raise ConfigError(
                f"glossary {path} starts with a byte-order mark (saved as UTF-8 with BOM); "
                "save it as UTF-8 without BOM"
            ) from None
        if "Cannot overwrite a value" in str(exc) or "Cannot declare" in str(exc):
            # a term (or a pair's table) written twice: the file is TOML, told it was not
            raise ConfigError(
                f"{exc}; that line writes a term or table the file wrote before: keep one"
            ) from None
        raise ConfigError(f"{exc}; {FORMAT_HINT}") from None


def parse_glossary(data: dict[str, Any], where: str = "glossary") -> Glossary:
    """Build a :class:`Glossary` from parsed TOML, rejecting anything malformed.

    Every string is taken in Unicode NFC, the form the readers give the text: a term
    saved decomposed (``Città`` as ``a`` + U+0300, as macOS and some spreadsheets write
    it) never matched, and its translation was never applied, without a word.
    """
    data = _nfc(data, where)
    unknown = sorted(set(data) - set(TABLES))
    if unknown:
        raise ConfigError(f"{where}: unknown table(s) {unknown}; use {', '.join(TABLES)}")
    dnt_table = _table(data.get("dnt", {}), where, "dnt")
    extra = sorted(set(dnt_table) - {"terms"})
    if extra:
        raise ConfigError(f"{where}: unknown key(s) {extra} in [dnt]; use terms = [...]")
    dnt = _strings(dnt_table.get("terms", []), where, "dnt.terms")
    terms = {
        pair: {k: _nonempty(v, where, f"terms.{pair}.{k}") for k, v in table.items()}
        for pair, table in _pairs(data.get("terms", {}), where, "terms").items()
    }
    exonyms = {
        pair: {
            k: _strings([v] if isinstance(v, str) else v, where, f"exonyms.{pair}.{k}")
            for k, v in table.items()
        }
        for pair, table in _pairs(data.get("exonyms", {}), where, "exonyms").items()
    }
    glossary = Glossary(
        dnt=tuple(dict.fromkeys(dnt)),
        terms=terms,
        exonyms={p: {k: list(v) for k, v in t.items()} for p, t in exonyms.items()},
        path=where,
    )
    _check_conflicts(glossary, where)
    return glossary


def _nfc(value: Any, where: str) -> Any:
    """``value`` (parsed TOML) with every string, keys too, in Unicode NFC; two keys of a
    table that are one in NFC with two values are a :class:`ConfigError` (one would win)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v, where) for v in value]
    if not isinstance(value, dict):
        return value
    out: dict[str, Any] = {}
    for key, item in value.items():
        nfc, item = _nfc(key, where), _nfc(item, where)
        if nfc in out and out[nfc] != item:
            raise ConfigError(
                f"{where}: {nfc!r} is written twice, once with decomposed accents (Unicode "
                f"NFD), as {out[nfc]!r} and {item!r}; keep one"
            )
        out[nfc] = item
    return out


def _table(value: Any, where: str, name: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [{name}] must be a table")
    return value


def _pairs(value: Any, where: str, name: str) -> dict[str, dict[str, Any]]:
    """``[name.SRC-TGT]`` tables, checking each pair name and key."""
    for pair, table in _table(value, where, name).items():
        if not _PAIR.fullmatch(pair):
            raise ConfigError(
                f"{where}: [{name}.{pair}] is not a language pair; write it like [{name}.it-en]"
            )
        _check_pair(pair, where, name)
        _table(table, where, f"{name}.{pair}")
        for key in table:
            if not key.strip():
                raise ConfigError(f"{where}: [{name}.{pair}] has an empty term")
            _check_text(key, where, f"[{name}.{pair}] term")
    return value


def _check_pair(pair: str, where: str, name: str) -> None:
    """Both sides of ``pair`` languages a run can translate between, and not one language.

    ``[terms.it-eb]`` (a typo), ``[terms.it-eng]``, ``[terms.it-en_GB]`` or
    ``[terms.it-it]`` were "valid": runs look entries up as ``SRC-TGT`` of two standard
    language codes, so they were never applied, and ``glossary check`` counted them.
    """
    from pipeline.schema import lang_tag_is_valid, standard_tag

    src, _, tgt = pair.partition("-")
    for side in (src, tgt):
        if "_" in side:
            plain = pair.replace(side, side.split("_")[0])
            raise ConfigError(
                f"{where}: [{name}.{pair}] names a regional variant ({side}); the pairs name "
                f"languages, as runs look them up: write [{name}.{plain}]"
            )
        if not lang_tag_is_valid(side):
            raise ConfigError(
                f"{where}: [{name}.{pair}]: {side!r} is not a language code; write the pair "
                f"like [{name}.it-en]"
            )
        if standard_tag(side) != side:  # runs say en, never eng
            short = "-".join(standard_tag(x) for x in (src, tgt))
            raise ConfigError(
                f"{where}: [{name}.{pair}]: runs name {side} {standard_tag(side)}, so they "
                f"would never look this pair up; write [{name}.{short}]"
            )
    if src == tgt:
        raise ConfigError(
            f"{where}: [{name}.{pair}] translates {src} into itself, which no run does; "
            f"write the target language, like [{name}.{src}-{'en' if src != 'en' else 'fr'}]"
        )


def _nonempty(value: Any, where: str, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{where}: {name} must be a non-empty string, got {value!r}")
    return _check_text(value, where, name)


def _check_text(value: str, where: str, name: str) -> str:
    """``value`` when it is text a document can hold (:data:`pipeline.schema.TEXT_PATTERN`)
    and no inline marker (:data:`pipeline.markup.MARKER`).

    TOML's ``\\u001b`` puts an ESC (or NUL, backspace ...) into a term; a required
    translation holding one went into every output, and the document mtpipe wrote was
    then refused by ``qa``/``export``/``bundle``. Raises :class:`ConfigError`.
    """
    from pipeline.markup import LINE_BREAKS, MARKER
    from pipeline.schema import TEXT_PATTERN

    if re.match(TEXT_PATTERN, value) is None:
        bad = next(c for c in value if re.match(TEXT_PATTERN, c) is None)
        raise ConfigError(
            f"{where}: {name} {value[:40]!r} holds U+{ord(bad):04X}, a control character or "
            "noncharacter that is not text; remove it"
        )
    if (marker := MARKER.search(value)) is not None:
        # The form of the inline markers a document keeps its links and images as: a
        # translation "government <g1>x</g1>" made a link of the page's first link around
        # "x" in every output, and "mayor <x5/>" lost its "<x5/>" (no such marker).
        raise ConfigError(
            f"{where}: {name} {value[:40]!r} holds {marker.group(0)!r}, the form of mtpipe's "
            "inline markers (links, images), which the outputs would read as markup; "
            "write it otherwise"
        )
    if value != value.strip():
        # A term " Roma " or "Roma\n" matched the spaces around the word too and put its
        # translation in their place ("e Rome domani" became "eRomedomani"); beside "Roma"
        # it was a second translation of the same word. A target with them doubled spaces.
        raise ConfigError(
            f"{where}: {name} {value[:40]!r} begins or ends with white space; terms match "
            f"whole words, so write {value.strip()[:40]!r}"
        )
    if (brk := next((c for c in value if c in LINE_BREAKS), None)) is not None:
        # "Rome\nCity" put a line break into every output: a new line in the .txt, a new
        # paragraph in Markdown, where a term is part of a sentence
        raise ConfigError(
            f"{where}: {name} {value[:40]!r} holds a line break (U+{ord(brk):04X}); a term "
            "and its translation are part of a sentence: write it on one line"
        )
    return value


def _strings(value: Any, where: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)):
        raise ConfigError(f"{where}: {name} must be a list of strings, got {value!r}")
    return tuple(_nonempty(v, where, name) for v in value)


def _check_conflicts(glossary: Glossary, where: str) -> None:
    """A term listed twice with two translations is an error, "twice" as terms match
    text: ignoring case, the apostrophe written and runs of spaces (:func:`fold_for_terms`;
    ``d'Italia`` and ``d’Italia`` are one term, and the last would win unsaid).

    A do-not-translate term counts as translated to itself.
    """
    dnt = {fold_for_terms(t).casefold(): t for t in glossary.dnt}
    for pair, table in glossary.terms.items():
        seen: dict[str, tuple[str, str]] = {}
        for term, target in table.items():
            key = fold_for_terms(term).casefold()
            if key in seen and seen[key][1] != target:
                first, other = seen[key]
                named = f"{first!r}" if first == term else f"{first!r} and {term!r}"
                raise ConfigError(
                    f"{where}: [terms.{pair}] lists one term twice, {named} (case, apostrophes "
                    f"and spaces aside), as {other!r} and {target!r}; keep one"
                )
            seen[key] = (term, target)
            if key in dnt and target != dnt[key]:
                raise ConfigError(
                    f"{where}: {term!r} is a do-not-translate term and also translated "
                    f"as {target!r} in [terms.{pair}]"
                )
