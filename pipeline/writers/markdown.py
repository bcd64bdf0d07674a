"""``ID.LANG.md``: the article in Markdown with front matter, structure and inline markup.

Front matter (YAML, each value one JSON-compatible flow value) holds id, languages,
title, the localised category, date, author, url and the translation
signature, and for a Markdown input every other key of its front matter as the
input gave it (``description``, ``image``, ``slug``, ``weight``: a Hugo or Jekyll
page keeps its settings); the body keeps headings, lists, quotes, tables
(:mod:`pipeline.writers.mdtable`), images, links and emphasis
(:func:`pipeline.markup.to_markdown`); code is written back untranslated; the
comment-form chrome follows a closing rule, and chrome before the first body block
(a breadcrumb, a dateline) comes before an opening rule. :mod:`pipeline.readers.markdown`
reads the file back to the same blocks.
"""

from __future__ import annotations

import json
import re
from typing import Any

import msgspec

from pipeline import markup
from pipeline.document import ALT, CAPTION, CATEGORY, RAW, TITLE, UI, Article, Block
from pipeline.markdown_syntax import FRONT, HTML_GROUP, NEXT_LINE, footnote_depth
from pipeline.writers import mdtable
from pipeline.writers.common import (
    WRAP_PREFIX,
    attr_texts,
    block_text,
    plain_text,
    shortcodes_in,
    under_title,
    without_screen_reader,
)

_HEADING = re.compile(r"h([1-6])")


# mtpipe's own record of the run in ``Article.meta``, never front matter of an input, by the
# module that writes it: readers (``source_path``, ``format``, ``input_sha256``; ``left_out``,
# the source text a reader left out, readers.dom.Walker.leave_out), the runner
# (``build_key``, ``outputs``), the writers (``output_digests``), QA (``qa_checked``),
# ``mtpipe import`` (``post_edits``, interchange.apply).
# The one list: a key mtpipe's code adds to ``article.meta`` must be here, or it is
# copied into every ``ID.LANG.md`` of a Markdown input (tests/test_writers.py scans the
# code for such keys). :data:`_WRITTEN` are the keys :func:`_front` writes itself.
RUN_META = frozenset(
    {"source_path", "format", "input_sha256", "build_key", "outputs", "left_out", "post_edits"}
    | {"output_digests", "qa_checked"}
)
_WRITTEN = frozenset(
    {"id", "lang", "language", "source_lang", "title", "category"} | {"translated_with", "warning"}
)


def _yaml_scalar(value: Any) -> str:
    """``value`` as one flow value YAML reads back (JSON is YAML).

    Front matter may hold what JSON has no type for (a date inside ``tags``, a
    ``!!binary`` or ``!!set`` value, a date as a key): they are written as the
    document JSON writes them (msgspec: ISO dates, base64, a list), where
    ``json.dumps`` raised ``TypeError`` and stopped the batch.
    """
    plain = msgspec.json.decode(msgspec.json.encode(value))
    text = json.dumps(plain, ensure_ascii=False)
    return _NOT_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# Characters JSON leaves raw but a YAML stream may not hold (YAML 1.2, 5.1: DEL, the C1
# controls, U+FFFE/U+FFFF, lone surrogates), e.g. mojibake's \x92, or reads as a line break
# (NEL, U+2028, U+2029 in YAML 1.1 parsers such as PyYAML): escaped instead.
_NOT_YAML = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def _yaml_key(key: Any) -> str:
    """A front-matter key as YAML reads it back: quoted unless a plain name (an input's
    key may hold ``: ``, ``#`` or a line break, or be a number or a date) that no YAML
    1.1 reader takes for a boolean or null (``yes``, ``on``, ``Off``, ``null``: quoted,
    or a reader such as PyYAML makes ``yes:`` and ``on:`` one key ``True``)."""
    plain = isinstance(key, str) and _PLAIN_KEY.fullmatch(key) and not _YAML11_WORD.fullmatch(key)
    return key if plain else _yaml_scalar(str(key))


# Plain scalars YAML 1.1 resolves to a boolean or null (the PyYAML resolver's words).
_YAML11_WORD = re.compile(
    r"yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|y|Y|n|N|null|Null|NULL"
)


def _own_front_matter(article: Article) -> dict[str, Any]:
    """The keys of a Markdown input's front matter that :func:`_front` does not write itself
    (``description``, ``image``, ``weight``, …), as the input gave them; none for other inputs,
    whose ``meta`` is the readers' own."""
    if article.meta.get("format") != "markdown":
        return {}
    return {k: v for k, v in article.meta.items() if k not in RUN_META | _WRITTEN}


def _front_texts(article: Article, lang: str) -> dict[str, str]:
    """The front-matter text fields the Markdown reader made blocks of (``description``,
    ``summary``, ...: :data:`pipeline.markdown_syntax.TRANSLATED_KEYS`), in ``lang``."""
    return {
        b.meta["key"]: plain_text(b, lang, article.source_lang)
        for b in article.blocks
        if b.meta.get("part") == FRONT and isinstance(b.meta.get("key"), str)
    }


def _front(article: Article, lang: str) -> dict[str, Any]:
    src = article.source_lang
    front: dict[str, Any] = {"id": article.id, "lang": lang, "source_lang": src}
    for block in article.blocks:
        if block.kind == CATEGORY and "category" not in front:  # the first: meta's too
            front["category"] = plain_text(block, lang, src)
        elif block.kind == TITLE and "title" not in front:
            front["title"] = plain_text(block, lang, src)
    if "category" not in front and isinstance(article.meta.get("category"), (str, list)):
        front["category"] = article.meta["category"]  # as the input gave it (a list stays one)
    for key in ("date", "author", "url", "tags"):
        if key in article.meta:
            front[key] = article.meta[key]
    if "date" in front and isinstance(article.meta.get("wordpress"), dict):
        from pipeline.readers.wordpress import zoned_post_date

        # the post's local time had no zone: 09:15 in Rome read as 09:15 anywhere (UTC)
        front["date"] = zoned_post_date(article.meta)
    front |= _front_texts(article, lang)
    front |= {k: v for k, v in _own_front_matter(article).items() if k not in front}
    excerpt = [plain_text(b, lang, src) for b in article.blocks if b.meta.get("part") == "excerpt"]
    if any(excerpt):
        front["excerpt"] = " ".join(e for e in excerpt if e)
    sig = article.signatures.get(lang)
    if sig:
        front["translated_with"] = f"{sig.get('model')}@{sig.get('revision')}"
        if sig.get("tiny"):
            front["warning"] = "tiny random model: this text is noise"
    return front


def _prefix(
    block: Block, firsts: set[Any], counters: dict[Any, int], footnote: int | None = None
) -> str:
    """Quote and list markers for the containers around a block. A footnote's later
    paragraph (``footnote``: how many containers hold its definition) is indented four
    spaces after their markers, inside them (``>     Secondo paragrafo``), as it stood."""
    parts: list[str] = []
    lists: list[list[Any]] = []
    wrap = block.meta.get("wrap") or []
    for i, (tag, gid, attrs) in enumerate(wrap):
        if i == footnote:
            parts.append("    ")
        if tag == "blockquote":
            parts.append("> ")
        elif tag in ("ul", "ol"):
            lists.append([tag, gid, attrs])
        elif tag == "li" and lists:
            kind, list_gid, attrs = lists[-1]
            if gid in firsts:  # a later block of the item: indented to the item's content
                parts.append("  " if kind == "ul" else " " * len(f"{counters[list_gid]}. "))
                continue
            firsts.add(gid)
            if kind == "ul":
                parts.append("- ")
            else:
                start = (
                    int(attrs.get("start", 1) or 1) if str(attrs.get("start", 1)).isdigit() else 1
                )
                counters[list_gid] = counters.get(list_gid, start - 1) + 1
                parts.append(f"{counters[list_gid]}. ")
    if footnote is not None and footnote >= len(wrap):
        parts.append("    ")
    return "".join(parts)


def _groups(block: Block, tags: tuple[str, ...]) -> set[Any]:
    return {gid for tag, gid, _ in block.meta.get("wrap") or [] if tag in tags}


def _separator(prev: Block | None, block: Block) -> str:
    """Between two blocks: a newline inside one list, a quoted blank line inside one quote.

    Two paragraphs of one list item (``<li><p>..</p><p>..</p></li>``, a loose item) get
    a blank line: without it the second continues the first, one paragraph on reading.
    The pieces of one HTML block (a table's tags and cell texts) get none: a blank line
    would end the HTML block and make the next piece a Markdown paragraph.
    """
    if prev is None:
        return ""
    if block.meta.get(NEXT_LINE) and prev.meta.get("wrap") == block.meta.get("wrap"):
        return "\n"  # a footnote definition on the line after the one before, as it stood
    if block.meta.get(HTML_GROUP) and prev.meta.get(HTML_GROUP) == block.meta.get(HTML_GROUP):
        return "\n"  # pieces of one HTML block of the source: one HTML block again
    quotes = len(_groups(prev, ("blockquote",)) & _groups(block, ("blockquote",)))
    blank = f"\n{'>' * quotes}\n" if quotes else "\n\n"
    wrap = block.meta.get("wrap") or []
    if wrap and wrap[-1][0] == "li" and prev.meta.get("wrap") == wrap:
        return blank
    if _after_nested_list(prev, block):
        return blank
    if _groups(prev, ("ul", "ol", "dl")) & _groups(block, ("ul", "ol", "dl")):
        return "\n"
    return blank


def _after_nested_list(prev: Block, block: Block) -> bool:
    """Whether ``block`` goes on with a list item after a list nested in it ended
    (``<li>Decimo<ul><li>sotto</li></ul><p>Secondo paragrafo</p></li>``): without a blank
    line the paragraph is a lazy continuation of the nested list's last item, where
    CommonMark reads it (was: the text moved into the sub-item)."""
    items = [gid for tag, gid, _ in block.meta.get("wrap") or [] if tag == "li"]
    if not items or items[-1] not in _groups(prev, ("li",)):
        return False
    return bool(_groups(prev, ("ul", "ol")) - _groups(block, ("ul", "ol")))


def render_block_md(
    block: Block, text: str, attr_text: markup.AttrText, one_line: bool = False
) -> str | None:
    """One block as Markdown (None: not part of the body); ``one_line`` for a table cell."""
    table = shortcodes_in(markup.table_of(block.meta), attr_text)
    if "image" in block.meta:
        image = block.meta["image"]
        alt = markup.md_label(markup.strip(text, table))
        title = image.get("title")
        title = attr_text("", "title", str(title)) if title else title  # translated as alt
        return f"![{alt}]" + markup.md_destination(str(image.get("src", "")), title)
    if block.kind == RAW:
        if "code" in block.meta:
            fence = block.meta["code"].get("fence") or "```"
            return f"{fence}{block.meta['code'].get('info', '')}\n{text.rstrip()}\n{fence}"
        if block.meta.get("hr"):
            return "***"
        if table and block.meta.get("html_block"):  # an image alone in an HTML block: HTML
            return markup.to_html(text, table, attr_text)
        return markup.to_markdown(text, table, attr_text) if table else text
    if block.meta.get("html_block"):  # an HTML block of the source: HTML again
        return markup.to_html(text, table, attr_text)
    text = without_screen_reader(text, table)  # no stylesheet hides it in Markdown
    heading = _HEADING.fullmatch(str(block.meta.get("tag") or ""))
    level = 1 if block.kind == TITLE else int(heading.group(1)) if heading else 0
    inner = markup.to_markdown(text, table, attr_text, one_line=one_line or bool(level))
    if level and (ident := _heading_id(block, table)) is None:  # an id no list can hold
        tag = f"h{level}"
        return f"<{tag}{_html_id(block)}>{markup.to_html(text, table, attr_text)}</{tag}>"
    if level:
        return "#" * level + " " + _ATX_CLOSE.sub(r"\1\\\2", inner) + ident
    if block.kind == CAPTION:
        return f"*{inner}*"
    return _BLOCK_START.sub(_escape_marker, inner)


# Text at a line start that CommonMark would read as block syntax (an ordered or bullet
# list marker, an ATX heading, a thematic break or setext underline, a tilde code fence):
# its first marker character is escaped, so a translation that starts "1. " stays a
# paragraph and one that starts "~~~" opens no code block around the rest of the page
# (backtick fences are escaped with every backtick).
_BLOCK_START = re.compile(
    r"^(?:(\d{1,9})([.)])(?=\s|$)|([-+*])(?=\s|$)|(#)(?=#{0,5}(?:\s|$))"
    r"|([-*_=])(?=[-*_=\s]*$)|(~)(?=~~))",
    re.M,
)


# A run of "#" ending an ATX heading is its optional closing sequence (CommonMark 4.2),
# which a reader drops: "Tweet con #" would lose its "#". The run's first "#" is escaped.
_ATX_CLOSE = re.compile(r"(^|[ \t])(#+[ \t]*)$")
# A heading id a site generator reads from an attribute list after the heading's text
# (``## I dati {#dati}``: kramdown, Pandoc, Hugo, Python-Markdown's attr_list), and which
# the Markdown reader reads back as the same literal (readers.markdown.inline._SITE_SYNTAX).
_ID = re.compile(r"[^\s{}\\]+")


def _heading_id(block: Block, table: markup.Table) -> str | None:
    """`` {#id}`` for a heading of an HTML page or WordPress post with an ``id`` (the
    target of a table of contents, of a ``#dati`` link from this page or another): was
    dropped from ``ID.LANG.md``, every such link broken there. "" when there is none or
    the heading's text holds its own attribute list (a Markdown input's ``{#id}``); None
    for an id no attribute list can hold (a space or brace in it: the heading is HTML).
    A Markdown input's list the reader took off the text (``{#dati .classe}``,
    ``meta["attr_list"]``) is written as it was, its classes and attributes too."""
    if written := block.meta.get("attr_list"):
        return f" {written}"
    ident = str((block.meta.get("attrs") or {}).get("id") or "")
    own = any(str(e.get("text", "")).lstrip().startswith("{#") for e in table.values())
    if not ident or own:
        return ""
    return f" {{#{ident}}}" if _ID.fullmatch(ident) else None


def _html_id(block: Block) -> str:
    from html import escape

    return f' id="{escape(str(block.meta["attrs"]["id"]))}"'


def _escape_marker(m: re.Match[str]) -> str:
    marker = next(g for g in m.groups()[1:] if g)
    return f"{m.group(1) or ''}\\{marker}"


def _grouped(blocks: list[Block], lists: frozenset[Any]) -> list[list[Block]]:
    """Blocks one by one, except that the cells of one table (or the blocks of one list
    of ``lists``, :func:`mdtable.html_lists`) come as one group."""
    groups: list[list[Block]] = []
    for block in blocks:
        tid = mdtable.table_id(block, lists)
        if tid is not None and groups and mdtable.table_id(groups[-1][0], lists) == tid:
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def _table(
    article: Article, lang: str, cells: list[Block], attr_for: Any, lists: frozenset[Any]
) -> str:
    """One table: a pipe table when GFM can hold it, else the HTML writer's fragment;
    a list of ``lists`` is always the HTML writer's."""
    from pipeline.writers.html import render_fragment

    src = article.source_lang
    if mdtable.table_entry(cells[0], lists) == mdtable.table_entry(cells[0]):  # a table
        texts = [
            render_block_md(b, block_text(b, lang, src), attr_for(b), one_line=True) or ""
            for b in cells
        ]
        pipe = mdtable.pipe_table(cells, texts)
        if pipe is not None:
            return pipe
    islands = [mdtable.from_table(b, lists) for b in cells]
    return render_fragment(article, lang, islands).strip()


def _links(block: Block | None) -> list[list[Any]]:
    """The links around a block that are not Markdown containers (a theme's card:
    ``<a class="card"><h2>..</h2><p>..</p></a>``), outside in, outside lists and quotes."""
    wrap = block.meta.get("wrap") or [] if block is not None else []
    if any(tag in ("ul", "ol", "li", "blockquote") for tag, _, _ in wrap):
        return []
    return [w for w in wrap if w[0] == "a"]


def _link_wraps(prev: Block | None, block: Block | None, attr_text: Any) -> tuple[str, str]:
    """(``</a>`` lines closing the links ``prev`` was in and ``block`` is not, ``<a ..>``
    lines opening those ``block`` is in): HTML blocks, so the link goes around its blocks
    in the Markdown output as in the HTML one."""
    from pipeline.writers.html import _attrs

    before, now = _links(prev), _links(block)
    closing = "".join("\n\n</a>" for w in before if w not in now)
    opening = "".join(
        f"<a{_attrs(w[2], attr_text, f'{WRAP_PREFIX}{w[1]}')}>\n\n" for w in now if w not in before
    )
    return closing, opening


def _outline(article: Article, blocks: list[Block]) -> list[Block]:
    """``blocks`` with the title where ``ID.LANG.md`` writes it as the ``#`` heading and
    one H1 only.

    A Markdown input keeps its own outline (its ``ID.LANG.md`` reads back to the same
    blocks): a front-matter title stays in the front matter (Hugo and Jekyll layouts
    render it: a ``#`` would show it twice), a body ``# heading`` stays where it stands,
    and a title without front matter is the ``#`` heading unless the body has an H1.
    Every other input (an HTML page, a WordPress post, page text) is written as
    ``ID.LANG.html`` writes it, by the one rule :func:`pipeline.writers.common.under_title`:
    the title is the ``#`` heading and a body H1 goes one level down with the headings
    under it."""
    title = next((b for b in blocks if b.kind == TITLE), None)
    if title is None:
        return blocks
    if article.meta.get("format") != "markdown" and not title.meta.get("front_matter"):
        return under_title(blocks)
    if title.meta.get("tag") == "h1":
        return blocks
    body_h1 = any(b.meta.get("tag") == "h1" for b in article.blocks if b is not title)
    if title.meta.get("front_matter") or body_h1:
        return [b for b in blocks if b is not title]  # in the front matter only
    return blocks


def _chrome_lines(article: Article, block: Block, lang: str) -> list[str]:
    """A chrome block's line, and its value's when it is a label over the category (a
    page's ``Categorie`` over ``Cronaca``): the category is not a body block (it is in the
    front matter), and the label alone above the rule showed nothing (``ID.LANG.txt`` shows
    both); the Markdown reader reads the value back as the front matter's category."""
    src = article.source_lang
    lines = [plain_text(block, lang, src)]
    lines += [plain_text(value, lang, src) for value in _label_values(article, block)]
    return lines


def _label_values(article: Article, block: Block) -> list[Block]:
    """The categories a chrome label stands over, one a line (a page's ``Categorie`` then
    ``Cronaca`` and ``Politica`` among the text: readers.page), which no body block holds
    (the first is in the front matter): written under their label in their place, as
    ``ID.LANG.txt`` has them (was: the label alone there, then the first only). None for
    any other chrome."""
    i = next(i for i, b in enumerate(article.blocks) if b is block)
    values = []
    for after in article.blocks[i + 1 :]:
        if after.kind != CATEGORY or after.meta.get("front_matter"):
            break
        values.append(after)
    return values


def render_markdown(article: Article, lang: str) -> str:
    """The article in ``lang`` as Markdown with front matter (see the module docstring)."""
    attr_for = attr_texts(article, lang)
    body: list[str] = []
    header: list[str] = []  # chrome before the first body block (a breadcrumb, a dateline)
    footer: list[str] = []
    firsts: set[Any] = set()
    counters: dict[Any, int] = {}
    prev: Block | None = None
    blocks = _outline(article, _body_blocks(article))
    last = max((i for i, b in enumerate(blocks) if b.kind != UI), default=-1)
    lists = mdtable.html_lists(blocks)
    for group in _grouped(blocks, lists):
        block = group[0]
        # chrome is never dropped: above a rule before the body, after one after it, and
        # in its place among the text (a "Leggi anche:" line stays where the page had it)
        if block.kind == UI and (not body or blocks.index(block) > last):
            (footer if body else header).extend(_chrome_lines(article, block, lang))
            continue
        block, rendered = _rendered(article, lang, group, attr_for, lists)
        if rendered is None:
            continue
        prefix = _prefix(block, firsts, counters, footnote_depth(block.meta))
        if block.meta.get("tag") == "dd" and _groups(block, ("dl",)):
            prefix += ": "  # a definition, on the line after its term
        indent = " " * len(prefix) if "> " not in prefix else prefix
        line = prefix + rendered.replace("\n", "\n" + indent)
        closing, opening = _link_wraps(prev, block, attr_for(block))
        body.append(closing + _separator(prev, block) + opening + line)
        prev = block
    body.append(_link_wraps(prev, None, None)[0])
    return _document(_front(article, lang), header, "".join(body), footer)


def _body_blocks(article: Article) -> list[Block]:
    """The blocks the body shows: no alt text, category (front matter), excerpt or
    front-matter text."""
    return [
        b
        for b in article.blocks
        if b.kind not in (ALT, CATEGORY) and b.meta.get("part") not in ("excerpt", FRONT)
    ]


def _rendered(
    article: Article, lang: str, group: list[Block], attr_for: Any, lists: frozenset[Any]
) -> tuple[Block, str | None]:
    """A group's first block (a table's or HTML list's outside it) and its Markdown (None:
    not part of the body); a label over the category with its value under it."""
    block, src = group[0], article.source_lang
    if mdtable.table_id(block, lists) is not None:
        rendered = _table(article, lang, group, attr_for, lists)
        return mdtable.outside(block, lists), rendered
    rendered = render_block_md(block, block_text(block, lang, src), attr_for(block))
    for value in _label_values(article, block) if rendered is not None and block.kind == UI else ():
        shown = render_block_md(value, block_text(value, lang, src), attr_for(value))
        rendered += f"\n\n{shown}" if shown else ""
    return block, rendered


def _document(front: dict[str, Any], header: list[str], body: str, footer: list[str]) -> str:
    """Front matter, header chrome above a rule, the body, footer chrome below one."""
    lines = ["---", *(f"{_yaml_key(k)}: {_yaml_scalar(v)}" for k, v in front.items()), "---", ""]
    if header:  # the reader takes catalog lines before the first rule back as chrome
        lines += ["\n\n".join(header), "", "---", ""]
    lines.append(body)
    if footer:
        lines += ["", "---", "", "\n\n".join(footer)]
    return "\n".join(lines) + "\n"
