"""Page chrome no catalog knows: share buttons, newsletter calls, cookie banners in page text.

A scraped ``.txt`` page keeps the lines a CMS plugin put around the article ("Condividi su
Facebook", "Stampa", "Iscriviti alla newsletter", "Questo sito utilizza cookie ...
Accetta"). When the site's plugin translations are in the catalogs, those lines are catalog
chrome (:mod:`pipeline.localise.chrome`) and localised. When they are not, they must still
never reach a model, and never be dropped: :func:`match_uncatalogued` recognises them, the
page-text reader keeps them verbatim as chrome, the localise stage adds a
``chrome_uncatalogued`` finding per target language, and :func:`uncatalogued_note` is the
one warning line the run prints, naming the lines and the fix.

What is recognised: trafilatura's own filter for lines that are only a share or print
button (``trafilatura.utils.RE_FILTER``, the knowledge its extractor applies to HTML text),
then the small list of default plugin labels in ``pipeline/data/chrome_lines.toml``, which
says where each comes from.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.document import Article

CHROME_LINES = Path(__file__).resolve().parent.parent / "data" / "chrome_lines.toml"
UNCATALOGUED_CHECK = "chrome_uncatalogued"  # registered in pipeline/qa/checks/stages.py
# Around a label: bullets, arrows, separators, a colon ("Condividi:", "» Stampa", "[X]").
_AROUND = r"[\s\W_]*"


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
    data = tomllib.loads(CHROME_LINES.read_text(encoding="utf-8"))
    network = "(?:" + "|".join(data["networks"]["names"]) + ")"
    out = []
    for entry in data["kind"]:
        body = "|".join(f"(?:{p.replace('{network}', network)})" for p in entry["patterns"])
        regex = re.compile(f"{_AROUND}(?:{body}){_AROUND}", re.IGNORECASE)
        out.append(Kind(entry["name"], entry["what"], regex))
    return tuple(out)


def _trafilatura_filter() -> re.Pattern[str] | None:
    """trafilatura's share/print button line filter, when the installed version has it."""
    from trafilatura import utils

    return getattr(utils, "RE_FILTER", None)


# What trafilatura's filter finds: a line that is only a network name or a print/mail/PDF link.
_BUTTON = Kind("button", "share or print button", re.compile(""))


def match_uncatalogued(line: str) -> Kind | None:
    """The kind of chrome ``line`` is (a whole line, stripped), or None.

    The kinds of ``chrome_lines.toml`` in file order (they name what the line is), then
    trafilatura's filter.
    """
    text = line.strip()
    if not text or len(text) > 600:  # a banner is a few sentences; an article paragraph more
        return None
    kind = next((k for k in kinds() if k.regex.fullmatch(text)), None)
    found = _trafilatura_filter() if kind is None else None
    return _BUTTON if found is not None and found.match(text) else kind


def uncatalogued_note(article: Article) -> str | None:
    """One warning line naming the article's uncatalogued chrome lines and the fix, or None."""
    blocks = [b for b in article.blocks if b.meta.get("uncatalogued")]
    if not blocks:
        return None
    shown = ", ".join(f"line {b.meta.get('line', '?')} {_short(b.text)!r}" for b in blocks[:4])
    more = f" and {len(blocks) - 4} more" if len(blocks) > 4 else ""
    what = sorted({str(b.meta["uncatalogued"]) for b in blocks})
    return (
        f"{len(blocks)} line{'s' if len(blocks) != 1 else ''} of page chrome that no catalog "
        f"knows ({'; '.join(what)}): {shown}{more}; kept as in the source in every language, "
        "not machine-translated; to localise them, import the site's plugin translations "
        "(`mtpipe catalogs import PLUGIN-it_IT.po`, and the target languages' files)"
    )


def _short(text: str) -> str:
    return text if len(text) <= 50 else text[:49] + "…"
