"""What the writers share: a block's text in a language, its attribute texts, the one-H1 rule."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from pipeline import markup
from pipeline.document import RAW, TITLE, Article, Block
from pipeline.markdown_syntax import shortcode_attrs, shortcode_value


def block_text(block: Block, lang: str, source_lang: str) -> str:
    """The block in ``lang`` with its markers (the source text for the source language).

    A line break inside a text block's target (a human target from a TMX or an older
    import, a catalog string) is written as a space (:func:`pipeline.markup.fold_breaks`):
    every writer gives the block as one paragraph, and in ``ID.LANG.txt`` a break would
    start another. Verbatim blocks (code, ``<pre>``) keep their lines.
    """
    # a verbatim block is its text in every language (its one segment, on chrome a reader
    # kept, carries the visible text for QA and the aligned records, never a translation)
    if block.kind == RAW and lang != source_lang and isinstance(block.meta.get("localised"), str):
        return block.meta["localised"]  # a dynamic block's comment without its wording
    verbatim = lang == source_lang or not block.segments or block.kind == RAW
    text = block.text if verbatim else block.target_text(lang)
    return text if block.kind == RAW else markup.fold_breaks(text)


# The classes of text a page shows to screen readers only (CSS clips it off screen):
# WordPress core's ``screen-reader-text``, Bootstrap's ``sr-only`` (4) and
# ``visually-hidden`` (5), HTML5 Boilerplate's ``visuallyhidden``, Drupal's
# ``element-invisible``/``visually-hidden``, Foundation's ``show-for-sr``, and the
# ``a11y-hidden``/``screen-reader-only`` of many themes. Accessible text, not hidden text:
# translated and kept with its class where a stylesheet hides it (``ID.LANG.html``,
# ``.wp.json``), left out of ``.md``/``.txt``, where it would show as a second copy of the
# words beside it (the reader records it in ``meta.left_out``).
SCREEN_READER_CLASS = re.compile(
    r"(?:^|\s)(?:screen-reader-text|screen-reader-only|sr-only|sr-text|visually-hidden|"
    r"visuallyhidden|a11y-hidden|element-invisible|show-for-sr)(?:\s|$)",
    re.IGNORECASE,
)


def screen_reader_only(attrs: object) -> bool:
    """An element's attributes (a mapping) give it a screen-reader-only class."""
    get = getattr(attrs, "get", None)
    return get is not None and bool(SCREEN_READER_CLASS.search(str(get("class") or "")))


def without_screen_reader(text: str, table: markup.Table) -> str:
    """``text`` without its screen-reader-only elements (:data:`SCREEN_READER_CLASS`) and
    their words, for an output no stylesheet hides them in (``.md``, ``.txt``): the
    visible "12/03" beside a screen reader's "12 marzo 2024" was written as both. The
    space before a removed element goes where a space, punctuation or the end follows."""
    gone = [m for m, e in table.items() if e.get("tag") and screen_reader_only(e.get("attrs"))]
    present = [m for m in gone if f"<g{m}>" in text]
    if not present:
        return text
    one = re.compile(rf"( ?)<g({'|'.join(present)})>.*?</g\2>( *)", re.S)

    def sub(m: re.Match[str]) -> str:
        before, after = m.group(1), m.group(3)
        if m.start() == 0:
            return ""
        rest = text[m.end() :]
        if not rest or rest[0] in ".,;:!?…)]" or rest[0].isspace():
            return after  # "parlato <g4>…</g4>." -> "parlato."
        return before or after

    return one.sub(sub, text)


WRAP_OWNER = "wrap"  # ``attr_of[0]`` of a container's attribute text
WRAP_PREFIX = "wrap:"  # the marker id :func:`attr_texts` gets for a container's attribute


def attr_texts(article: Article, lang: str) -> Callable[[Block], markup.AttrText]:
    """For a block, the callback giving translated ``title``/``alt`` of its markers."""
    by_id = {b.id: b for b in article.blocks}
    # a container's attribute texts, by (group id, attribute): see dom.Walker
    wraps = {
        (str(b.meta["attr_of"][1]), b.meta["attr_of"][2]): b.id
        for b in article.blocks
        if len(b.meta.get("attr_of") or ()) == 3 and b.meta["attr_of"][0] == WRAP_OWNER
    }

    def for_block(block: Block) -> markup.AttrText:
        table = markup.table_of(block.meta)

        def attr_text(mid: str, name: str, value: str) -> str:
            """``mid``: a marker id, "" for the block's own element, ``wrap:GID`` for a
            container around it."""
            if name in markup.LANG_ATTRS:
                return output_lang(value, lang, article.source_lang)
            if mid.startswith(WRAP_PREFIX):
                ref = wraps.get((mid[len(WRAP_PREFIX) :], name))
            elif not mid:
                ref = (block.meta.get("attr_blocks") or {}).get(name)
            else:
                ref = table.get(mid, {}).get("attr_blocks", {}).get(name)
            alt = by_id.get(ref) if ref else None
            if alt is None:
                return value
            # with its table: literal look-alikes (``<x1/>`` typed in a title) stay text
            return markup.strip(
                block_text(alt, lang, article.source_lang), markup.table_of(alt.meta)
            )

        return attr_text

    return for_block


def output_lang(value: str | None, lang: str, source_lang: str) -> str | None:
    """A ``lang`` attribute's value in the ``lang`` output of translated text.

    ``it``/``it-IT`` on an element whose text was translated names the target
    language; any other value (an element kept in its own language) stays. Without
    this, a screen reader reads the English text with Italian rules.
    """
    if value is None or lang == source_lang:
        return value
    primary = str(value).strip().split("-")[0].lower()
    return lang if primary == source_lang.split("-")[0].lower() else value


def plain_text(block: Block, lang: str, source_lang: str) -> str:
    """The block in ``lang`` as plain text (markers removed, inline code kept)."""
    return markup.strip(block_text(block, lang, source_lang), markup.table_of(block.meta))


_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def under_title(blocks: list[Block]) -> list[Block]:
    """``blocks`` for a page whose title is its ``<h1>``: when the body has an H1 of its own
    (a Markdown body ``# heading`` under a front-matter title, a second ``<h1>`` of a
    page), every body heading goes one level down (``h1`` -> ``h2``, ``h2`` -> ``h3`` ...,
    ``h6`` stays), so the page has one H1 and its outline stays as the source nested it.

    Why the title keeps the H1: it is the article's headline, what the site shows at the
    top of the post, a reader and a screen reader expect as the page's one top heading
    and a search engine takes for the page's subject; a body ``# heading`` below it is a
    section of the article. Dropping the title instead would lose it from a fragment
    that has nowhere else to hold it. A body without an H1 is left as it is.

    The one rule for every writer that puts the title over the body: ``ID.LANG.html``,
    ``ID.LANG.md`` (the ``#`` title of an input without front matter to keep it in,
    :func:`pipeline.writers.markdown.render_markdown`), the bundle's article pages, and
    where the title is not among ``blocks`` but a field of its own that the site shows as
    the H1 (a WordPress post's ``title`` in ``ID.LANG.wp.json``), so a post's content
    holds no second H1 either."""
    if not any(b.kind != TITLE and b.meta.get("tag") == "h1" for b in blocks):
        return blocks
    return [
        dataclasses.replace(b, meta={**b.meta, "tag": _HEADINGS[min(i + 1, 5)]})
        if b.kind != TITLE and (i := _level(b)) is not None
        else b
        for b in blocks
    ]


def _level(block: Block) -> int | None:
    tag = block.meta.get("tag")
    return _HEADINGS.index(tag) if tag in _HEADINGS else None


# A translated shortcode attribute may not hold its own quote (nor "]", which ends a
# WordPress shortcode): written as the character references the site's HTML shows.
_SC_QUOTED = {
    '"': {'"': "&quot;", "]": "&#93;"},
    "'": {"'": "&#39;", "]": "&#93;"},
    "`": {"`": "'"},
}


def shortcodes_in(table: markup.Table, attr_text: markup.AttrText) -> markup.Table:
    """``table`` with each shortcode's text attributes (``caption``, ``alt``, ``title``:
    :data:`pipeline.markdown_syntax.SHORTCODE_TEXT_ATTRS`) in the output's language, the
    rest of it, line breaks and all, as the source wrote it: ``ID.LANG.md`` and
    ``ID.LANG.html`` keep a shortcode as the site's markup, for the site generator or
    CMS that runs it (Hugo runs them in HTML content too, WordPress in a post's HTML)."""
    from html import unescape

    found = {mid: e for mid, e in table.items() if e.get("shortcode")}
    if not found:
        return table

    def value(mid: str, m: re.Match[str]) -> str:
        hugo = found[mid]["text"].lstrip().startswith("{{")
        quote, source = m.group(3)[0], shortcode_value(m.group(3), hugo)
        if m.group(1) not in found[mid]["shortcode"]:
            return m.group(0)
        text = attr_text(mid, m.group(1), source)
        if text in (source, unescape(source)):  # untranslated (the source language)
            return m.group(0)
        refs = _SC_QUOTED[quote]
        if hugo and quote == '"':  # Hugo's own escape, as the source wrote it
            text = text.replace("\\", "\\\\").replace('"', '\\"')
            refs = {k: v for k, v in refs.items() if k != '"'}
        for char, ref in refs.items():
            text = text.replace(char, ref)
        return f"{m.group(1)}{m.group(2)}{quote}{text}{quote}"

    out = dict(table)
    for mid, entry in found.items():
        pattern = shortcode_attrs(entry["text"])
        text = pattern.sub(lambda m, mid=mid: value(mid, m), entry["text"])
        out[mid] = {**entry, "text": text}
    return out


# A literal marker's text that is a site generator's markup
# (readers.markdown.inline._SITE_SYNTAX, readers.markdown.shortcodes._shortcode_at): Hugo's
# ``{{< .. >}}``/``{{% .. %}}``, WordPress's ``[name ..]``/``[/name]``, an attribute list
# (``{#id}``, ``{.class}``, ``{: .lead}``, on its own line too); not a footnote call
# (``[^1]``) nor a task box.
_SHORTCODE = re.compile(r"\s*(?:\{\{[<%]|\[/?[A-Za-z]|\{[:#.])")
_SHOWN_ATTRS = ("title", "caption")  # what the page shows of a shortcode (a figure's)
# A WordPress shortcode escaped in double brackets, which the page shows as written less
# the outer pair: ``[[gallery]]`` is ``[gallery]`` (WordPress's do_shortcode_tag).
_ESCAPED_SHORTCODE = re.compile(r"\s*\[(\[/?[A-Za-z][^\[\]]*\])\]\s*")


def shortcodes_as_text(table: markup.Table, attr_text: markup.AttrText) -> markup.Table:
    """``table`` for plain text: each shortcode's text is what a reader of the page sees
    of it, its ``title`` and ``caption`` in the output's language (Hugo's figure shows both
    under the image), "" for one with neither (``[gallery ids="1,2"]``, ``[/caption]``, an
    attribute list ``{: .lead}``: site markup, no text; the words a ``[caption]`` encloses
    are the block's own text; an escaped ``[[gallery]]`` is the ``[gallery]`` it shows). Its
    syntax, source-language attributes and line breaks never reach ``ID.LANG.txt``;
    an ``alt`` is the image's, which plain text shows for no image either."""
    out = dict(table)
    for mid, entry in table.items():
        escaped = _ESCAPED_SHORTCODE.fullmatch(str(entry.get("text", "")))
        if entry.get("tag") is None and escaped:
            out[mid] = {**entry, "text": escaped.group(1)}
            continue
        if entry.get("tag") is not None or not _SHORTCODE.match(str(entry.get("text", ""))):
            continue
        source = entry.get("shortcode") or {}
        shown = [attr_text(mid, n, str(source[n])) for n in _SHOWN_ATTRS if n in source]
        out[mid] = {**entry, "text": " ".join(" ".join(t.split()) for t in shown if t)}
    return out


# The classes WordPress gives the images it puts in place of an emoji (wp-emoji's
# ``<img class="emoji" alt="😀">``, Twemoji's alike) or a smiley (``convert_smilies``:
# ``<img class="wp-smiley" alt=":-)">``): the alt is the character the image shows.
_EMOJI_CLASSES = frozenset({"emoji", "wp-smiley"})


def emoji_as_text(table: markup.Table, attr_text: markup.AttrText) -> markup.Table:
    """``table`` for plain text: an emoji or smiley image is its ``alt``, the character
    it stands for (was: left out of ``ID.LANG.txt`` as any image, ``giornata  oggi``
    with two spaces where the page shows 😀). Other images stay out, as before."""
    out = dict(table)
    for mid, entry in table.items():
        attrs = entry.get("attrs") or {}
        classes = set(str(attrs.get("class", "")).split())
        if entry.get("tag") == "img" and classes & _EMOJI_CLASSES and attrs.get("alt"):
            alt = attr_text(mid, "alt", str(attrs["alt"]))
            out[mid] = {"tag": None, "attrs": {}, "text": alt}
    return out
