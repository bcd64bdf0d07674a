"""ASCII slugs for page file names: stable, unique, and unable to leave the site folder.

A slug is made only of ``[a-z0-9-]`` (so ``../``, ``/`` and drive letters
cannot survive), derived from the article's own slug (a WordPress post's or
front matter ``slug``, percent-decoded) or else its source title, inline markup
markers (``<g1>``) removed, through Unicode
NFKD (accents dropped: ``Città`` -> ``citta``), falling back to the article id
and then to ``article``. Slugs are assigned in article-id order, so the same
set of articles always gets the same slugs whatever order they came in;
duplicates get ``-2``, ``-3`` ... suffixes that no article's own slug is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from urllib.parse import unquote

from pipeline import markup

MAX_SLUG = 80
FALLBACK = "article"
# Names the bundle itself uses inside a locale folder.
RESERVED = frozenset({"index", "feed", "sitemap", "robots"})
# Letters NFKD does not decompose into ASCII.
_EXTRA = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O",
     "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ð": "d", "ı": "i"}
)  # fmt: skip
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_len: int = MAX_SLUG) -> str:
    """ASCII slug of ``text`` (may be empty when ``text`` has no Latin letters or digits).

    Inline markup markers never become words of the slug; a percent-encoded slug
    (WordPress stores ``citt%c3%a0``) is decoded first.
    """
    plain = unquote(markup.strip(text)).translate(_EXTRA)
    ascii_text = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    slug = _NON_ALNUM.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        cut = slug[: max_len + 1]
        # Cut at a word boundary when one is reasonably near the limit.
        slug = cut.rsplit("-", 1)[0] if "-" in cut[max_len // 2 :] else slug[:max_len]
        slug = slug.strip("-")
    return slug


def assign_slugs(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Map each ``(article_id, title)`` to a unique slug, independent of input order.

    Every slug that only one article asks for is that article's, so a name made for
    another (a duplicate's ``dup-2``, ``index-article`` for a title ``Index``) never takes
    a post's own slug; then the others, in article-id order, get the first free name.
    """
    bases = {a: slugify(t) or slugify(a) or FALLBACK for a, t in sorted(items)}
    wanted = Counter(bases.values())
    slugs = {a: b for a, b in bases.items() if wanted[b] == 1 and b not in RESERVED}
    taken = set(slugs.values())
    for article_id, base in bases.items():
        if article_id in slugs:
            continue
        base = f"{base}-{FALLBACK}" if base in RESERVED else base
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        slugs[article_id] = slug
    return {a: slugs[a] for a in bases}
