"""Page chrome no catalog knows: share buttons, newsletter calls, cookie banners in page text.

A scraped ``.txt`` page keeps the lines a CMS plugin put around the article ("Condividi su
Facebook", "Stampa", "Iscriviti alla newsletter", "Questo sito utilizza cookie ...
Accetta"). When the site's plugin translations are in the catalogs, those lines are catalog
chrome (:mod:`pipeline.localise.chrome`) and localised. When they are not, they must still
never reach a model, and never be dropped: :func:`match_uncatalogued` recognises them, the
page-text reader keeps them verbatim as chrome, the localise stage adds a
``chrome_uncatalogued`` finding per target language, and :func:`uncatalogued_note` is the
one warning line the run prints, naming the lines and the fix.

What is recognised: the kinds of ``pipeline/data/chrome_lines.toml`` in file order, which
say where each pattern comes from: the default labels of share, newsletter and cookie
plugins, then, last, a copy of trafilatura's filter for lines that are only a share or print
button (``trafilatura.utils.RE_FILTER``, the knowledge its extractor applies to HTML text).
The copy, not an import: trafilatura is not loaded to read a ``.txt`` page, and the
patterns are all in one file, the one the run key digests.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.document import Article

CHROME_LINES = Path(__file__).resolve().parent.parent / "data" / "chrome_lines.toml"
UNCATALOGUED_CHECK = "chrome_uncatalogued"  # the finding id; registered in qa/checks/stages.py
# Around a label: bullets, arrows, separators, a colon ("Condividi:", "» Stampa", "[X]",
# "Leggi di più »"), but no opening quotation mark before it: «Ho capito». is a quoted reply
# in an article, not a banner's button ("»" before a label is an arrow).
_BEFORE = r"(?:(?![«“„‟\"‘‚‛'])[\s\W_])*"
_AFTER = r"[\s\W_]*"
_TAG = re.compile(r"<[^>]*>")  # a verbatim HTML block (a related link) shown as its text


@dataclass(frozen=True)
class Kind:
    """One kind of uncatalogued chrome: its name, how a message calls it, its line patterns."""

    name: str
    what: str
    regex: re.Pattern[str]


@lru_cache(maxsize=1)
def kinds() -> tuple[Kind, ...]:
    """The kinds of ``chrome_lines.toml``, each pattern anchored to the whole line.

    Shipped data, read once per process; a broken file is a bug of the package, so its
    errors propagate.
    """
    data = chrome_data()
    network = "(?:" + "|".join(data["networks"]["names"]) + ")"
    entries = [*data["kind"], data["trafilatura"]]  # trafilatura's filter last
    out = []
    for entry in entries:
        body = "|".join(f"(?:{p.replace('{network}', network)})" for p in entry["patterns"])
        regex = re.compile(f"{_BEFORE}(?:{body}){_AFTER}", re.IGNORECASE)
        out.append(Kind(entry["name"], entry["what"], regex))
    return tuple(out)


@lru_cache(maxsize=1)
def chrome_data() -> dict[str, Any]:
    """``chrome_lines.toml`` as read: ``networks``, ``kind`` (a list), ``trafilatura``."""
    return tomllib.loads(CHROME_LINES.read_text(encoding="utf-8"))


def trafilatura_filter_pattern() -> str:
    """The pattern of trafilatura's ``RE_FILTER`` that the copy in the toml was taken from."""
    return r"\W*(" + "|".join(chrome_data()["trafilatura"]["patterns"]) + ")$"


def match_uncatalogued(line: str) -> Kind | None:
    """The kind of chrome ``line`` is (a whole line, stripped), or None.

    The kinds of ``chrome_lines.toml`` in file order (they name what the line is), the
    copy of trafilatura's filter last.
    """
    text = line.strip()
    if not text or len(text) > 600:  # a banner is a few sentences; an article paragraph more
        return None
    return next((k for k in kinds() if k.regex.fullmatch(text)), None)


def uncatalogued_note(article: Article) -> str | None:
    """One warning line naming the article's uncatalogued chrome lines and the fix, or None."""
    blocks = [b for b in article.blocks if b.meta.get("uncatalogued")]
    if not blocks:
        return None
    shown = ", ".join(
        f"line {b.meta.get('line', '?')} {_short(_TAG.sub('', b.text))!r}" for b in blocks[:4]
    )
    more = f" and {len(blocks) - 4} more" if len(blocks) > 4 else ""
    what = sorted({str(b.meta["uncatalogued"]) for b in blocks})
    return (
        f"{len(blocks)} line{'s' if len(blocks) != 1 else ''} of page chrome that no catalog "
        f"knows ({'; '.join(what)}): {shown}{more}; kept as in the source in every language, "
        "not machine-translated; to localise them, import the site's plugin translations "
        "(`mtpipe catalogs import PLUGIN-it_IT.po`, and the target languages' files)"
    )


# A breadcrumb part: a few words without a sentence's final punctuation ("Cronaca locale").
_PART = re.compile(r"[^.!?;]{1,60}")
_PART_WORDS = 8


@lru_cache(maxsize=1)
def _trail_regexes() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """``(prefix, separator, homes)`` of the ``[breadcrumb]`` table of ``chrome_lines.toml``."""
    data = chrome_data()["breadcrumb"]
    prefix = "|".join(re.escape(p) for p in data["prefixes"])
    arrows = "|".join(re.escape(a) for a in sorted(data["arrows"], key=len, reverse=True))
    spaced = "|".join(re.escape(s) for s in data["spaced"])
    return (
        re.compile(rf"(?:{prefix})\s*:?\s*", re.IGNORECASE),
        re.compile(rf"(\s*(?:{arrows})+\s*|\s+(?:{spaced})\s+)"),  # ">>" too
        frozenset(h.casefold() for h in data["homes"]),
    )


BREADCRUMB = Kind("breadcrumb", "breadcrumb trail", re.compile(r"(?!)"))


def match_breadcrumb(line: str) -> list[tuple[str, str]] | None:
    """A breadcrumb trail's parts, each with the separator after it, or None.

    ``"Ti trovi in: Home / Cronaca"`` gives ``[("Ti trovi in:", " "), ("Home", " / "),
    ("Cronaca", "")]``: joined, the stripped line again. A trail opens with a prefix of
    ``[breadcrumb]`` in ``chrome_lines.toml`` or a home label, and has two parts or more,
    each short and without a sentence's final punctuation, so an article sentence with a
    "»" in it is none. Where a trail may stand (the page's head) is the reader's call.
    """
    prefix_re, sep_re, homes = _trail_regexes()
    text = line.strip()
    prefix = prefix_re.match(text)
    lead = text[: prefix.end()] if prefix else ""
    pieces = sep_re.split(text[len(lead) :])
    parts = list(zip(pieces[::2], [*pieces[1::2], ""], strict=True))
    if len(parts) < 2 or not (":" in lead or parts[0][0].casefold() in homes):
        return None
    if not all(_PART.fullmatch(p) and len(p.split()) <= _PART_WORDS for p, _ in parts):
        return None
    head = [(lead.rstrip(), lead[len(lead.rstrip()) :])] if lead else []
    return head + parts


RELATED = "related-article link"


@lru_cache(maxsize=1)
def _related_label() -> re.Pattern[str]:
    labels = "|".join(f"(?:{label})" for label in chrome_data()["related"]["labels"])
    return re.compile(rf"[\s\W_]*(?:{labels})[\s\W_]*", re.IGNORECASE)


def is_related_label(text: str) -> bool:
    """True when ``text`` (a paragraph's text outside its links) is only a related-article
    label of ``[related]`` in ``chrome_lines.toml`` ("Leggi anche:", "Lire aussi"), with
    punctuation and separators around it ("Leggi anche: … | …")."""
    return bool(_related_label().fullmatch(text))


def _short(text: str) -> str:
    return text if len(text) <= 50 else text[:49] + "…"
