"""Names the Markdown reader and the writers share: ``Block.meta`` keys, front-matter keys
and the syntax of a shortcode's attributes.

One module that imports nothing but :mod:`re`, so that the writers (which every
translate imports, a ``.txt`` page's too) need not import :mod:`pipeline.readers.markdown`
and with it the HTML readers and lxml (~75 ms) to know a key's name.
"""

from __future__ import annotations

import re
from typing import Any

# The key of a literal line break's marker entry after which a segment ends (a byline's
# soft line break in a Markdown paragraph: readers.markdown.inline; pipeline.segment).
LINE_END = "line_end"
# Front-matter keys that are article text (a teaser, a standfirst; and the head texts an
# HTML page's ID.LANG.md carries, :data:`HEAD_FIELDS`: its SEO title, Open Graph and
# X/Twitter card title and description), translated into each output's front matter;
# every other key (date, slug, tags: taxonomy terms that name the site's pages; image,
# weight, draft, aliases, custom fields) is carried as the input gave it. ``title`` is the
# title block already.
TRANSLATED_KEYS = (
    "subtitle", "description", "summary", "excerpt", "seo_title", "og_title",
    "og_description", "twitter_title", "twitter_description",
)  # fmt: skip
# A page's head field -> the front-matter key its text is under in ID.LANG.md (the reader
# of HTML pages records them, readers.html.head_blocks; writers.html writes them back in
# ``<title>``/``<meta>``, for a Markdown input too): the one list of that mapping.
HEAD_FIELDS = {
    "title": "seo_title", "og:title": "og_title", "twitter:title": "twitter_title",
    "description": "description", "og:description": "og_description",
    "twitter:description": "twitter_description",
}  # fmt: skip
# ``meta`` key: a block of a footnote's indented continuation; True, or (in a quote or a
# list item) how many ``wrap`` entries hold its definition: see footnote_depth
FOOTNOTE = "footnote"
# ``meta`` key: a footnote definition that stood on the line after the block before it
# (``[^1]: testo`` / ``[^2]: altro``), written there again by the Markdown writer
NEXT_LINE = "next_line"
HTML_GROUP = "html_group"  # ``meta`` key: the pieces of one HTML block (readers.markdown)
FRONT = "front"  # ``meta["part"]`` of a front-matter text block; ``meta["key"]`` its key

# A shortcode's quoted attribute (``caption="Una foto"``): name, ``=`` with its spaces,
# the quoted value; the attributes people read are SHORTCODE_TEXT_ATTRS.
SC_VALUE = r"\"[^\"]{0,1000}\"|'[^']{0,1000}'|`[^`]{0,1000}`"
SHORTCODE_ATTR = re.compile(rf"([\w-]+)(\s*=\s*)({SC_VALUE})")
# Hugo's lexer reads a double-quoted value whole, ``\"`` inside (``title="a \" b"``): the
# value was cut at the escaped quote, ``a \`` translated and the rest left in the source
# language. WordPress has no such escape: its values keep SC_VALUE. A value has no bound
# here: the shortcode's own (readers.markdown.shortcodes._hugo_end) is the paragraph.
HUGO_SHORTCODE_ATTR = re.compile(r"([\w-]+)(\s*=\s*)(\"(?:[^\"\\]|\\.)*\"|'[^']*'|`[^`]*`)")
_HUGO_ESCAPE = re.compile(r'\\(["\\])')


def shortcode_attrs(shortcode: str) -> re.Pattern[str]:
    """The pattern of ``shortcode``'s quoted attributes: Hugo's (``{{<``, ``{{%``) or
    WordPress's."""
    return HUGO_SHORTCODE_ATTR if shortcode.lstrip().startswith("{{") else SHORTCODE_ATTR


def shortcode_value(quoted: str, hugo: bool) -> str:
    """The text of a quoted attribute value (quotes included in ``quoted``): a Hugo
    double-quoted one with its ``\"`` and ``\\`` read."""
    inner = quoted[1:-1]
    return _HUGO_ESCAPE.sub(r"\1", inner) if hugo and quoted[0] == '"' else inner


SHORTCODE_TEXT_ATTRS = ("alt", "caption", "title")


def footnote_depth(meta: dict[str, Any]) -> int | None:
    """How many of a block's ``wrap`` entries (a quote, a list, its item) hold the footnote
    whose indented continuation the block is (the writer indents it after their markers:
    ``>     Secondo paragrafo``); None for a block of no continuation."""
    value = meta.get(FOOTNOTE)
    if not value:
        return None
    return 0 if value is True or not isinstance(value, int) else value
