"""Raw HTML in Markdown made as safe as the HTML readers make it.

Start tags written again without event handlers and script URLs, and the
elements the HTML reader never keeps (``dom.SKIP_TAGS``: scripts, styles,
form controls) left out of an HTML block or an element read whole.
"""

from __future__ import annotations

import re

from pipeline.markup import HTML_TAG
from pipeline.readers import dom


def _safe_attrs(html: str, name: str) -> dict[str, str]:
    """The attributes of one start tag, with event handlers and script URLs dropped."""
    root = dom.parse_html(f"<div>{html}</{name}></div>")
    # the tag's element, not the <div> around it (a <div> start tag lost its class)
    element = next((el for el in root.body[0].iterdescendants(name)), None)
    return {str(k): str(v) for k, v in element.attrib.items()} if element is not None else {}


def _open_html(name: str, attrs: dict[str, str]) -> str:
    from html import escape

    return f"<{name}" + "".join(f' {k}="{escape(v)}"' for k, v in attrs.items()) + ">"


_SKIP_TAG = re.compile(rf"</?(?:{'|'.join(sorted(dom.SKIP_TAGS))})(?=[\s/>])", re.I)


def _left_out(content: str) -> str:
    """``content`` (an HTML block or an element read whole) without the elements the HTML
    reader never keeps (``dom.SKIP_TAGS``), each with all it holds, as
    :func:`dom.defused_fragment` leaves them out of a document JSON read back; the words
    around them stay. A lone start or end tag of one (``<form>`` around Markdown blocks)
    goes as well, the blocks between kept; anything else is returned as written."""
    if not _SKIP_TAG.search(content):
        return content
    lone = HTML_TAG.fullmatch(content)
    if lone:
        return "" if lone.group(2).lower() in dom.SKIP_TAGS else content
    safe = dom.defused_fragment(content, dom.SKIP_TAGS)
    return content if safe is None else safe


def _defused(content: str) -> str:
    """A raw HTML block as written, unless it holds what would run script (an event
    handler, a ``javascript:`` URL): then without it, as every reader drops it
    (:func:`dom.defused_fragment`; was: written back into every output). A lone start
    tag (a ``<div>`` closed by a later block) stays a lone start tag."""
    lone = HTML_TAG.fullmatch(content)
    if lone and lone.group(1):
        return content
    safe = dom.defused_fragment(content)
    if safe is None:
        return content
    if lone:
        name = lone.group(2).lower()
        return _open_html(name, _safe_attrs(content, name))
    return safe


def _safe_tag(tag: str) -> str:
    """One start tag without the attributes that would run script (``dom.runs_script``),
    written again; an end tag as it is."""
    from html.parser import HTMLParser

    found: list[tuple[str, list[tuple[str, str | None]]]] = []
    parser = HTMLParser()
    parser.handle_starttag = lambda name, attrs: found.append((name, attrs))  # type: ignore[method-assign]
    parser.handle_startendtag = parser.handle_starttag  # type: ignore[method-assign]
    parser.feed(tag)
    parser.close()
    if not found:
        return tag
    name, attrs = found[0]
    return _open_html(name, {k: v or "" for k, v in attrs if not dom.runs_script(k, v)})
