"""Markdown with optional YAML front matter, parsed with markdown-it-py (CommonMark).

Headings, paragraphs, lists, blockquotes, GFM pipe tables (one block per
cell), links, emphasis, images and code become blocks with the same
structure metadata the HTML readers record (:mod:`pipeline.readers.dom`),
inline markup becomes markers (:mod:`pipeline.markup`); code spans and code
blocks are kept whole and never translated. An image alone in a paragraph is
a caption whose text is its alt text; an emphasised paragraph ending in a
photo credit is a caption too.

The reader's stages, one module each:

- :mod:`.front_matter`: YAML (``---``) or TOML (``+++``) front matter, read within bounds;
- :mod:`.tokens`: markdown-it set up for mtpipe (its rules for shortcodes, footnote
  definitions, Windows-1252 references) and the nesting limit;
- :mod:`.shortcodes`: WordPress and Hugo shortcodes read whole, one literal marker each;
- :mod:`.inline`: a paragraph's inline tokens -> marker text and marker table;
- :mod:`.definitions`: a paragraph that is a definition list;
- :mod:`.builder`: block tokens -> blocks (lists, quotes, tables, footnotes, HTML blocks);
- :mod:`.html_blocks`: raw HTML blocks cut into verbatim pieces and text for MT;
- :mod:`.safe_html`: tags without script, elements the HTML reader never keeps left out;
- :mod:`.chrome`: chrome among the text and around the closing rules;
- :mod:`.parse`: :func:`parse_markdown` and :func:`sniff_markdown`, the stages in order.
"""

from pipeline.markdown_syntax import (  # shared with the writers, re-exported here
    FOOTNOTE,
    FRONT,
    HTML_GROUP,
    SC_VALUE,
    SHORTCODE_TEXT_ATTRS,
    TRANSLATED_KEYS,
    footnote_depth,
    shortcode_attrs,
    shortcode_value,
)
from pipeline.readers.markdown.front_matter import (
    MAX_FRONT_MATTER,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
    parse_front_matter,
    parse_toml_front_matter,
)
from pipeline.readers.markdown.parse import parse_markdown, sniff_markdown
from pipeline.readers.markdown.tokens import MAX_MD_NESTING

__all__ = [
    "FOOTNOTE",
    "FRONT",
    "HTML_GROUP",
    "MAX_FRONT_MATTER",
    "MAX_MD_NESTING",
    "MAX_YAML_DEPTH",
    "MAX_YAML_NODES",
    "SC_VALUE",
    "SHORTCODE_TEXT_ATTRS",
    "TRANSLATED_KEYS",
    "footnote_depth",
    "parse_front_matter",
    "parse_markdown",
    "parse_toml_front_matter",
    "shortcode_attrs",
    "shortcode_value",
    "sniff_markdown",
]
