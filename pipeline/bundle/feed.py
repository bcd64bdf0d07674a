"""JSON Feed 1.1 (https://jsonfeed.org/version/1.1) per locale.

Items are the locale's newest published articles (``[bundle] feed_items``, 50 by
default), newest first, with the full text of the body as ``content_text`` (no HTML to
sanitise downstream; a WordPress excerpt and Markdown front-matter text are not the body):
each text, caption and verbatim block (code, an HTML box, a verse) as a reader sees it,
which is what ``ID.LANG.txt`` writes (:func:`pipeline.writers.text.shown_text`): a
shortcode as its translated caption, never its syntax; chrome and the title are not there.

A feed is what readers poll for what is new, not the archive: every article with its
whole text made a 10,000-article site's feed tens of MB, fetched again at each poll.
JSON Feed 1.1 leaves the number to the publisher (its ``next_url`` serves "the next n
items, where n is determined by the publisher", and readers are not expected to follow
it); the tools that publish feeds cut them likewise: WordPress at 10 posts
(``posts_per_rss``), MediaWiki at 50 (``$wgFeedLimit``), Pelican at 100 since an
unlimited feed was "painful to process" (getpelican/pelican#3127). 50 keeps a busy
newsroom's day in the feed for a reader polling a few times a day. Older articles stay
in the index pages and the sitemaps, so search engines and readers still reach them.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pipeline.bundle.plan import article_date
from pipeline.bundle.render import (
    Site,
    article_authors,
    article_title,
    block_without_stray_markers,
    category_names,
    index_path,
)
from pipeline.document import CAPTION, NOISE_NOTE, PARAGRAPH, RAW, Article

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_NAME = "feed.json"


def rfc3339(value: dt.datetime) -> str:
    """RFC 3339 time; a date or time without a zone is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat().replace("+00:00", "Z")


def content_text(article: Article, lang: str) -> str:
    """The body of ``article`` in ``lang`` as plain text (see the module docstring)."""
    from pipeline.writers.text import shown_text

    texts = (
        shown_text(article, lang, block_without_stray_markers(b, lang))
        for b in article.blocks
        # the body: not an excerpt or front-matter text (writers.html.body_blocks)
        if b.kind in (PARAGRAPH, CAPTION, RAW) and not b.is_chrome and b.meta.get("part") is None
    )
    return "\n\n".join(t for t in texts if t)


def locale_feed(site: Site, lang: str) -> dict[str, Any]:
    """The JSON Feed object of one locale."""
    text = site.texts[lang]
    items = []
    for page in site.plan.published(lang)[: site.feed_items]:
        a = page.article
        item: dict[str, Any] = {
            "id": site.url(page.path),
            "url": site.url(page.path),
            "title": article_title(a, lang),
            "content_text": content_text(a, lang),
            "language": lang,
        }
        date = article_date(a)
        if date is not None:
            item["date_published"] = rfc3339(date)
        if lang in a.noise_langs():  # a JSON Feed extension key (underscore-prefixed)
            item["_mtpipe"] = {"noise": NOISE_NOTE}
        authors = article_authors(a)
        if authors:  # JSON Feed 1.1: a list of author objects, each with a name
            item["authors"] = [{"name": name} for name in authors]
        categories = category_names(a, text)
        if categories:
            item["tags"] = categories
        items.append(item)
    return {
        "version": JSON_FEED_VERSION,
        "title": site.site_name,
        "home_page_url": site.url(index_path(lang)),
        "feed_url": site.url(f"{lang}/{FEED_NAME}"),
        "language": lang,
        "items": items,
    }


def dump_json(data: Any) -> str:
    """Stable JSON text: sorted keys, UTF-8 characters kept, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
