"""Plain text per language: one block per paragraph, chrome included, no markup.

A ``<br>`` is a line break, a run of them a blank line (:func:`_line_breaks`), as a page
shows them; screen-reader-only text is left out, as no stylesheet hides it here
(:func:`pipeline.writers.common.without_screen_reader`; the reader records it).

Blocks kept verbatim (code, ``<pre>``, HTML blocks) are written as their text, since
they are part of what the article says (what a page shows of them: paragraphs and cells
set apart, a player's fallback text left out, a ``<pre>`` as it is); block comments have
none. An embed (an iframe, ``<object>``, ``<embed>``, video or audio player), which the
HTML and Markdown outputs keep, is written as its URL in its place (:func:`embed_url`):
plain text has no player, and the reader must see that one was there; a provider's embed
markup (``blockquote.twitter-tweet``) as its text and the post's address. A shortcode of a
site generator is written as what the page shows of it, its ``title`` and ``caption``
translated, never its syntax (:func:`pipeline.writers.common.shortcodes_as_text`).
"""

from __future__ import annotations

import re

from pipeline import markup
from pipeline.document import ALT, NOISE_NOTE, RAW, Article, Block
from pipeline.writers.common import (
    attr_texts,
    block_text,
    emoji_as_text,
    shortcodes_as_text,
    without_screen_reader,
)

# A superscript of digits (a footnote call, a power of ten, m²) in Unicode superscripts:
# plain text has no <sup>, and "10<sup>6</sup>" written "106" is another number.
_SUP_DIGITS = re.compile(r"<g(\d+)>([0-9+\-=() ]+)</g\1>")
_SUPERSCRIPT = str.maketrans("0123456789+-=() ", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ ")


# The attribute that holds what an embed element shows (a lazy loader's real source too).
_EMBED_URL = {
    "iframe": ("src", "data-src", "data-lazy-src"),
    "object": ("data",),
    "embed": ("src",),
    "video": ("src", "data-src"),
    "audio": ("src",),
}


def embed_url(el: object) -> str | None:
    """The URL an embed element (lxml) shows, or its first ``<source>``'s; None if it is
    no embed or names none."""
    tag = str(el.tag).lower() if isinstance(el.tag, str) else ""  # type: ignore[attr-defined]
    for name in _EMBED_URL.get(tag, ()):
        if url := (el.get(name) or "").strip():  # type: ignore[attr-defined]
            return url
    if tag in ("video", "audio"):
        found = [s.get("src") for s in el.iter("source") if s.get("src")]  # type: ignore[attr-defined]
        return found[0].strip() if found else None
    return None


# A provider's embed markup (an X/Twitter, Instagram or TikTok post as a blockquote that
# its script turns into a player): the post's address is its cite, permalink or last link.
_PROVIDER_CLASS = re.compile(r"\b(?:twitter-tweet|twitter-video|instagram-media|tiktok-embed)\b")


def _provider_post(el: object) -> str | None:
    """The address of the post a provider's embed blockquote shows, else None."""
    if not _PROVIDER_CLASS.search(el.get("class") or ""):  # type: ignore[attr-defined]
        return None
    for name in ("cite", "data-instgrm-permalink"):
        if url := (el.get(name) or "").strip():  # type: ignore[attr-defined]
            return url
    links = [a.get("href", "").strip() for a in el.iter("a")]  # type: ignore[attr-defined]
    return next((h for h in reversed(links) if h.startswith(("http://", "https://"))), None)


def _embed_text(entry: dict) -> str | None:
    """The URL an inline embed of a block's table shows: an element (``tag`` and
    ``attrs``) or a literal of inline HTML (``html``); None when it is no embed."""
    from lxml import html

    tag, attrs = entry.get("tag"), entry.get("attrs") or {}
    if tag is not None and tag not in _EMBED_URL:
        return None
    urls = [attrs.get(n, "").strip() for n in _EMBED_URL.get(str(tag), ())]
    if url := next((u for u in urls if u), None):
        return url
    inside = str(entry.get("html") or "")  # a literal's HTML, or a player's <source>s
    if "<" not in inside:
        return None
    try:
        root = html.fragment_fromstring(inside, create_parent=str(tag or "div"))
    except Exception:  # lxml raises several types for odd fragments: then it is no embed
        return None
    return next((url for el in root.iter() if (url := embed_url(el))), None)


def _embeds_shown(table: markup.Table) -> markup.Table:
    """``table`` with each embed that shows no text showing its URL (a literal), so the
    player is not gone from plain text without a trace."""
    out = dict(table)
    for mid, entry in table.items():
        if not entry.get("text") and (url := _embed_text(entry)):
            out[mid] = {"tag": None, "attrs": {}, "text": url, "html": entry.get("html", "")}
    return out


def _embeds_apart(text: str, table: markup.Table, shown: markup.Table) -> str:
    """``text`` with a space between two embeds side by side (``<x1/><x2/>``), whose
    URLs would otherwise run together into one."""
    urls = {mid for mid in shown if shown[mid].get("text") and not table[mid].get("text")}
    if not urls:
        return text
    return re.sub(
        r"<x(\d+)/>(?=<x(\d+)/>)",
        lambda m: m[0] + (" " if {m[1], m[2]} <= urls else ""),
        text,
    )


def _text(block: Block, lang: str, source_lang: str, attr_text: markup.AttrText) -> str:
    """A text block in ``lang`` without markup, superscript digits kept superscript."""
    plain = emoji_as_text(shortcodes_as_text(markup.table_of(block.meta), attr_text), attr_text)
    table = _shown(_embeds_shown(plain))

    def sup(m: re.Match[str]) -> str:
        if table.get(m.group(1), {}).get("tag") != "sup":
            return m.group(0)
        return m.group(2).translate(_SUPERSCRIPT)

    source = without_screen_reader(block_text(block, lang, source_lang), table)
    source = _embeds_apart(source, plain, table)
    source = _line_breaks(_images_apart(source, table), table)
    text = markup.strip(_SUP_DIGITS.sub(sup, markup.without_empty(source, table)), table)
    return text.strip(" ") if table != markup.table_of(block.meta) else text  # a gone edge


_SPACED_VOID = re.compile(r"(?<=\S)[ \t]+<x(\d+)/>[ \t]+(?=\S)")


def _images_apart(text: str, table: markup.Table) -> str:
    """``text`` with an inline image that plain text does not show, spaces on both sides,
    taken out with one of them (``Il logo <img> nella frase``: ``Il logo nella frase``,
    was two spaces)."""
    return _SPACED_VOID.sub(
        lambda m: " " if (table.get(m[1]) or {}).get("tag") == "img" else m[0], text
    )


# A run of markers, ``<br>`` among them, with the spaces between (an element around a
# break, ``<g1>Uno.<x2/></g1><x3/>``, is part of the run: plain text shows no element).
_BREAK_RUN = re.compile(r"[ \t]*(?:(?:<x\d+/>|</?g\d+>)[ \t]*)+")


def _line_breaks(text: str, table: markup.Table) -> str:
    """``text`` with each ``<br>`` a line break and a run of them a blank line, as a page
    shows them: a ``<br>`` is not a space (was: ``Uno.<br><br>Due.`` written
    ``Uno.  Due.``, one space a break), and ``mtpipe segment`` gives each line on its
    own line too. A break at either end of the block shows nothing there. The markers
    other than breaks in a run are kept, for :func:`markup.strip`."""
    breaks = {mid for mid, e in table.items() if e.get("tag") == "br"}
    if not breaks:
        return text

    def sub(m: re.Match[str]) -> str:
        ids = re.findall(r"<x(\d+)/>", m.group(0))
        count = sum(mid in breaks for mid in ids)
        if not count:
            return m.group(0)
        kept = "".join(re.findall(r"</?g\d+>|<x\d+/>", m.group(0)))
        kept = re.sub(r"<x(\d+)/>", lambda v: "" if v.group(1) in breaks else v.group(0), kept)
        edge = m.start() == 0 or m.end() == len(text)
        return kept if edge else kept + ("\n" if count == 1 else "\n\n")

    return _BREAK_RUN.sub(sub, text)


def _shown(table: markup.Table) -> markup.Table:
    """``table`` with its elements whose text is empty (a hidden element kept as written,
    an empty player) as literals that show nothing, which plain text leaves out with the
    space before them (``Il testo <span hidden>…</span> del pezzo``: one space, not two)."""
    if not any(e.get("text") == "" and e.get("tag") for e in table.values()):
        return table
    return {
        mid: {**e, "tag": None} if e.get("text") == "" and e.get("tag") else e
        for mid, e in table.items()
    }


def _raw_text(block: Block, attr_text: markup.AttrText) -> str:
    """A verbatim block's text: code and display math as they are, HTML as its visible
    text (no markup)."""
    if "code" in block.meta or "math" in block.meta:
        return block.text.rstrip()
    if not block.text.strip() or block.meta.get("hr"):
        return ""
    plain = emoji_as_text(shortcodes_as_text(markup.table_of(block.meta), attr_text), attr_text)
    if table := _embeds_shown(plain):  # a paragraph of only inline code or kept words
        text = _embeds_apart(block.text, plain, table)
        return markup.strip(markup.without_empty(text, table), table).strip()
    from lxml import html

    try:
        root = html.fragment_fromstring(block.text, create_parent="div")
    except Exception:  # lxml raises several types for odd fragments; the text is then as is
        return block.text.strip()
    return _visible_text(root)


# Elements whose text a page never shows: fallback content (a player's "your browser does
# not support video", an iframe's), scripts, an SVG's tooltip title and description.
_NOT_SHOWN = frozenset(
    {"script", "style", "noscript", "template", "video", "audio", "object", "iframe",
     "canvas", "title", "desc"}
)  # fmt: skip
# Elements that end a line of what a page shows: their text is set apart from the next.
_APART = frozenset(
    {"p", "div", "li", "dt", "dd", "tr", "td", "th", "caption", "h1", "h2", "h3", "h4",
     "h5", "h6", "blockquote", "figcaption", "figure", "section", "article", "header",
     "footer", "aside", "ul", "ol", "dl", "table", "br", "hr", "pre", "address", "details",
     "summary"}
)  # fmt: skip


def _visible_text(root: object) -> str:
    """What a page shows of a verbatim HTML block, on one line: its elements' texts set
    apart by a space (was: run together, "give up.We will", "OneTwo"), no fallback
    content (a ``<video>``'s "Il tuo browser non supporta il video." written into every
    translation), an embed's URL in its place and a ``<pre>``'s text as it is."""
    runs: list[tuple[str, bool]] = []  # (text, as it is), each run set apart from the next
    current: list[str] = []

    def apart() -> None:
        runs.append((" ".join("".join(current).split()), False))
        current.clear()

    def visit(el: object, top: bool = False) -> None:
        tag = str(el.tag).lower() if isinstance(el.tag, str) else ""  # type: ignore[attr-defined]
        if not top and (url := embed_url(el)):  # a player: its URL in its place
            apart()
            runs.append((url, True))
            return
        if not top and tag in _NOT_SHOWN or not tag:
            return
        if tag == "pre":
            apart()
            runs.append((el.text_content().strip("\n"), True))  # type: ignore[attr-defined]
            return
        if tag in _APART:
            apart()
        current.append(el.text or "")  # type: ignore[attr-defined]
        for child in el:  # type: ignore[attr-defined]
            visit(child)
            current.append(child.tail or "")
        if tag in _APART:
            apart()
        if permalink := _provider_post(el):
            runs.append((permalink, True))

    visit(root, top=True)
    apart()
    return " ".join(text for text, _ in runs if text.strip())


def shown_text(article: Article, lang: str, block: Block) -> str:
    """What a reader of the page sees of ``block`` in ``lang``, as ``ID.LANG.txt`` writes
    it: no markup, a shortcode as its translated ``caption``/``title`` and never its
    syntax, a verbatim block as its visible text (a site bundle's feed and index teasers
    use this too)."""
    attr_text = attr_texts(article, lang)(block)
    if block.kind == RAW:
        return _raw_text(block, attr_text)
    return _text(block, lang, article.source_lang, attr_text)


def render_text(article: Article, lang: str) -> str:
    """The page in ``lang`` as plain text, one block per paragraph, chrome included."""
    attr_for = attr_texts(article, lang)
    parts = [
        _raw_text(b, attr_for(b))
        if b.kind == RAW
        else _text(b, lang, article.source_lang, attr_for(b))
        for b in article.blocks
        if b.kind != ALT and b.meta.get("part") not in ("excerpt", "front")  # not the body
    ]
    if lang in article.noise_langs():  # first line, so nobody publishes it unawares
        parts.insert(0, f"[{NOISE_NOTE}]")
    return "\n\n".join(p for p in parts if p) + "\n"
