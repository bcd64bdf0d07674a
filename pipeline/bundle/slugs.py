"""ASCII slugs for page file names: stable, unique, and unable to leave the site folder.

A slug is made only of ``[a-z0-9-]`` (so ``../``, ``/`` and drive letters
cannot survive), derived from the article's own slug (a WordPress post's or
front matter ``slug``, percent-decoded) or else its source title, inline markup
markers (``<g1>``) removed, through Unicode
NFKD (accents dropped: ``Città`` -> ``citta``), falling back to the article id
and then to ``article``. An article keeps the slug the bundle it replaces gave it
(while that is still its title's), so a published URL keeps showing its article; the
others are assigned in article-id order, so the same set of articles always gets the
same slugs whatever order they came in; duplicates get ``-2``, ``-3`` ... suffixes that
no article's own slug is.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
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


def assign_slugs(
    items: Iterable[tuple[str, str]], earlier: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Map each ``(article_id, title)`` to a unique slug, independent of input order.

    An article keeps the slug an earlier build gave it (``earlier``: article id -> slug,
    from that bundle's report) while that slug is still its base or a suffixed form of
    it: a published URL must keep showing its article (was: a new article with the same
    title, earlier in id order, took ``crollo-a-genova`` and the published article moved
    to ``crollo-a-genova-2``). Then every slug that only one article asks for is that
    article's, so a name made for another (a duplicate's ``dup-2``, ``index-article`` for
    a title ``Index``) never takes a post's own slug; then the others, in article-id
    order, get the first free name.
    """
    bases = {a: slugify(t) or slugify(a) or FALLBACK for a, t in sorted(items)}
    slugs = _kept(bases, earlier or {})
    taken = set(slugs.values())
    wanted = Counter(b for a, b in bases.items() if a not in slugs)
    for article_id, base in bases.items():
        if (
            article_id not in slugs
            and wanted[base] == 1
            and base not in RESERVED
            and base not in taken
        ):
            slugs[article_id] = base
            taken.add(base)
    tried: dict[str, int] = {}  # base -> the last suffix taken: no suffix is tried twice
    for article_id, base in bases.items():
        if article_id in slugs:
            continue
        base = f"{base}-{FALLBACK}" if base in RESERVED else base
        n = tried.get(base, 1)
        slug = base if n == 1 else f"{base}-{n}"
        while slug in taken:  # (counting from 2 for each: 8,000 "Meteo" columns took 4 s)
            n += 1
            slug = f"{base}-{n}"
        tried[base] = n
        taken.add(slug)
        slugs[article_id] = slug
    return {a: slugs[a] for a in bases}


def _kept(bases: Mapping[str, str], earlier: Mapping[str, str]) -> dict[str, str]:
    """The earlier slugs still right for their articles: the article's base, or the base
    with the suffixes :func:`assign_slugs` adds (``-article``, ``-2``), never a reserved
    name, each kept once."""
    kept: dict[str, str] = {}
    for article_id, slug in sorted(earlier.items()):
        base = bases.get(article_id)
        if base is None or not isinstance(slug, str) or slug in RESERVED:
            continue
        if re.fullmatch(rf"{re.escape(base)}(?:-{FALLBACK})?(?:-[0-9]{{1,6}})?", slug):
            kept.setdefault(slug, article_id)  # the first article (in id order) keeps it
    return {article_id: slug for slug, article_id in kept.items()}
