"""Reader: file checks, scraped page structure, Markdown front matter, document JSON."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from pipeline.document import CAPTION, CATEGORY, PARAGRAPH, TITLE, UI, Article
from pipeline.errors import InputError
from pipeline.read import article_id_from_path, parse_markdown, parse_page, read_article
from pipeline.readers.base import read_text_stream


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"  \n\n \t\n", "has only white space"),
        (b"\r\n\r\n", "has only white space"),  # Windows blank lines
        ("\u00a0\n".encode(), "has only white space"),  # a no-break space
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Città di Torino".encode("latin-1"), "not UTF-8.*iconv -f latin1 -t utf-8"),
        # Word's curly quotes and dash: read as Latin-1 they would be C1 control characters
        ("Città — “di” Torino".encode("cp1252"), "not UTF-8.*iconv -f windows-1252 -t utf-8"),
        # UTF-8 text (its bytes 0x80-0x9F are UTF-8) with one Latin-1 byte
        ("Città — di ".encode() + "Torinò".encode("latin-1"), "iconv -f latin1 -t utf-8"),
        ("Città di Torino.\n".encode("utf-16"), "is UTF-16.*iconv -f utf-16"),
        ("Città di Torino.\n".encode("utf-16-le"), "is UTF-16.*iconv -f utf-16"),
        ("Città di Torino.\n".encode("utf-16-be"), "is UTF-16.*iconv -f utf-16"),
        # zeros in both halves of the bytes: binary (an SQLite memory), not UTF-16
        (b"SQLite format 3\x00\x10\x00\x02\x02" + bytes(4000), "binary"),
        (bytes(64) + b"\x01\x02" * 8 + bytes(512), "binary"),
    ],
)
def test_bad_files_raise_input_errors_with_advice(tmp_path, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as exc:
        read_article(path)
    assert str(exc.value).startswith(f"{path}: ")


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"", "standard input: is empty; nothing to read"), (b" \n\t\n\n", "only white space")],
)
def test_empty_and_blank_standard_input_are_told_apart(data, message):
    with pytest.raises(InputError, match=message) as exc:
        read_text_stream(io.BytesIO(data))
    assert ("is empty" in str(exc.value)) == (data == b"")


def test_missing_file_and_folder_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_article(tmp_path)


def test_dangling_and_looping_symlinks_are_named_as_links(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    for name in ("loop.txt", "gone.txt"):
        with pytest.raises(InputError, match="symbolic link to nothing"):
            read_article(tmp_path / name)


def test_oversized_file_is_refused_not_truncated(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Parola. " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="limit"):
        read_article(path, max_bytes=100)


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffUn titolo\n\nUna frase.".encode())
    article = read_article(path)
    assert article.blocks[0].text == "Un titolo"


def test_names_in_scripts_without_an_ascii_form_give_distinct_ids(tmp_path):
    """Cyrillic or Chinese letters do not fold to ASCII: a digest keeps such names apart
    (every one was ``article``, and a folder of them stopped as one id given twice)."""
    names = ["Белоусов.txt", "Пхеньян.txt", "notizia-北京.txt", "notizia-東京.txt"]
    ids = [article_id_from_path(n) for n in names]
    assert len(set(ids)) == 4 and ids == [article_id_from_path(n) for n in names]
    assert ids[2].startswith("notizia-") and ids[0].startswith("article-")
    assert article_id_from_path("città è.it.txt") == "citta-e"  # accents still just fold
    for name in names:
        (tmp_path / name).write_text("Il titolo\n\nIl testo.\n", encoding="utf-8")
        article = read_article(tmp_path / name)
        doc = Article.from_dict(json.loads(json.dumps(article.to_dict())), name)
        assert doc.id == article.id  # a valid document id


def test_article_id_is_ascii_and_drops_language_suffix():
    assert article_id_from_path("a/kim-belousov.it.txt") == "kim-belousov"
    assert article_id_from_path("Perché è così.md") == "perche-e-cosi"


def test_sample_page_structure(sample_path):
    article = read_article(sample_path)
    kinds = [b.kind for b in article.blocks]
    # header chrome, category, title ... caption ... comment-form chrome
    assert kinds[:3] == [UI, CATEGORY, TITLE]
    assert kinds[-2:] == [UI, UI]
    assert kinds.count(CAPTION) == 1
    assert kinds.count(PARAGRAPH) == 14
    assert article.meta["category"] == "Italy"
    assert article.meta["title"].startswith("La Corea del Nord e la Russia")


def test_sample_chrome_is_matched_to_catalog_msgids(sample_path):
    article = read_article(sample_path)
    chrome = [s for b in article.blocks if b.is_chrome for s in b.segments]
    assert [s.source for s in chrome] == [
        "Catégories",
        "italie",
        "Laisser un commentaire",
        "Votre adresse e-mail ne sera pas publiée.",
        "Les champs obligatoires sont indiqués avec *",
    ]
    assert [s.msgid for s in chrome] == [
        "Categories",
        "Italy",
        "Leave a Reply",
        "Your email address will not be published.",
        "Required fields are marked %s",
    ]
    form = article.blocks[-1]
    assert "".join(s.source + s.space_after for s in form.segments) == form.text


def test_page_text_is_kept_exactly(sample_path):
    text = sample_path.read_text(encoding="utf-8")
    article = read_article(sample_path)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert [b.text for b in article.blocks] == lines


def test_page_of_only_chrome_is_an_input_error():
    with pytest.raises(InputError, match="only site chrome"):
        parse_page("Laisser un commentaire\n", "x")


def test_markdown_front_matter_title_and_caption():
    text = (
        "---\ntitle: Borsa di Praga in calo\ndate: 2009-03-02\ncategory: Economy\n---\n\n"
        "La Borsa di Praga ha chiuso in calo.\nIl crollo è stato\nforte.\n\n"
        "## Il contesto\n\n![Foto: Reuters.](img.jpg)\n"
    )
    article = parse_markdown(text, "praga")
    assert article.meta["date"] == "2009-03-02"
    assert article.meta["category"] == "Economy"  # the catalog msgid, localised per output
    assert [(b.kind, b.text) for b in article.blocks] == [
        (CATEGORY, "Economy"),
        (TITLE, "Borsa di Praga in calo"),
        (PARAGRAPH, "La Borsa di Praga ha chiuso in calo. Il crollo è stato forte."),
        (PARAGRAPH, "Il contesto"),
        (CAPTION, "Foto: Reuters."),
    ]


def test_markdown_heading_becomes_title_and_bad_yaml_is_reported():
    article = parse_markdown("# Titolo\n\nTesto.\n", "t")
    assert article.blocks[0].kind == TITLE and article.meta["title"] == "Titolo"
    with pytest.raises(InputError, match="front matter"):
        parse_markdown("---\ntitle: [unclosed\n---\ntext\n", "t")


def test_document_json_round_trips_through_the_reader(tmp_path):
    article = parse_markdown("# Titolo\n\nTesto.\n", "t")
    path = tmp_path / "t.json"
    path.write_text(json.dumps(article.to_dict()), encoding="utf-8")
    again = read_article(path)
    assert Article.from_dict(again.to_dict()).blocks == article.blocks
    path.write_text("{broken", encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON"):
        read_article(path)


def test_chrome_string_shared_by_two_msgids_is_reported_not_guessed():
    # In French WordPress « Laisser un commentaire » is both `Leave a Reply` (the heading
    # after the article) and `Post Comment` (the button). At the end of the page the
    # position decides; in the page header nothing does, and the reader says so.
    footer = parse_page("Un titolo\n\nUna frase.\n\nLaisser un commentaire\n", "x")
    assert footer.blocks[-1].segments[0].msgid == "Leave a Reply"
    assert not footer.blocks[-1].segments[0].findings
    header = parse_page("Laisser un commentaire\n\nUn titolo\n\nUna frase.\n", "x")
    seg = header.blocks[0].segments[0]
    assert header.blocks[0].kind == UI
    assert [f.check for f in seg.findings] == ["chrome_ambiguous"]
    assert "Post Comment" in seg.findings[0].message and "Leave a Reply" in seg.findings[0].message


def test_jsonl_lines_are_read_and_a_bad_line_is_named(tmp_path):
    from pipeline.read import read_jsonl

    path = tmp_path / "a.jsonl"
    path.write_text('{"id": 1}\n\n{"id": 2}\n', encoding="utf-8")
    assert read_jsonl(path) == [{"id": 1}, {"id": 2}]
    path.write_text('{"id": 1}\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(InputError, match=":2: expected a JSON object"):
        read_jsonl(path)
    path.write_text('{"id": 1}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=":2: not a JSON line"):
        read_jsonl(path)


def test_input_identity_changes_with_the_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Un titolo\n\nUna frase.\n", encoding="utf-8")
    first = read_article(path).meta["input_sha256"]
    path.write_text("Un titolo\n\nUna frase diversa.\n", encoding="utf-8")
    assert read_article(path).meta["input_sha256"] != first


@pytest.mark.parametrize("stem", ["n" * 218, "é" * 240, "a-" * 150])
def test_long_file_names_give_ids_that_fit_file_names_and_read_back(tmp_path, stem):
    from pipeline.write import render_document_json

    first = article_id_from_path(f"{stem}.it.txt")
    assert len(first) <= 200 and first == article_id_from_path(f"{stem}.it.txt")
    assert first != article_id_from_path(f"{stem}x.it.txt")  # cut names stay distinct
    path = tmp_path / "doc.json"
    article = parse_page("Titolo\n\nUna frase.\n", first)
    path.write_text(render_document_json(article), encoding="utf-8")
    assert read_article(path).id == first  # what translate writes, qa and bundle can read


SCRAPED = """Home » Politica » Governo
Catégories
politica

Il governo approva la manovra

Il Consiglio dei ministri ha approvato la legge di bilancio nella notte.

Condividi su Facebook
Lascia un commento
Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono contrassegnati *
Commento
Nome
Email
Sito web
Invia commento
Questo sito usa i cookie per migliorare la tua esperienza.
"""


def test_chrome_runs_away_from_the_page_ends_are_still_chrome():
    """A breadcrumb before the header and a cookie line after the comment form."""
    article = parse_page(SCRAPED, "manovra")
    kinds = {b.text: b.kind for b in article.blocks}
    assert kinds["Catégories"] == UI and kinds["politica"] == CATEGORY
    assert kinds["Lascia un commento"] == UI and kinds["Invia commento"] == UI
    assert kinds["Nome"] == UI and kinds["Sito web"] == UI
    assert kinds["Il governo approva la manovra"] == TITLE
    # a trail is not the title; "Governo" is in no catalog, so the line is kept as it is
    trail = next(b for b in article.blocks if b.text == "Home » Politica » Governo")
    assert trail.kind == UI and trail.meta["uncatalogued"] == "breadcrumb trail"


def test_one_catalog_word_inside_the_article_stays_text():
    text = "Il voto in aula\n\nLa seduta è stata lunga.\n\nCommento\n\nIl governo ha retto.\n"
    article = parse_page(text, "voto")
    assert {b.text: b.kind for b in article.blocks}["Commento"] == PARAGRAPH


# A character no text has, as each format can carry it: raw, or as an HTML character
# reference. Each would pass into every output and make ID.json one mtpipe refuses.
_NOT_TEXT_INPUTS = {
    "page.txt": "Titolo\n\nTesto con{c}dentro, e altro ancora.\n",
    "note.md": "# Titolo\n\nTesto con{c}dentro, e altro ancora.\n",
    "page.html": "<html><body><article><h1>Titolo</h1>\n<p>Testo con{c}dentro, e altro "
    "ancora per un articolo vero.</p><p>Un secondo paragrafo di testo.</p></article></body></html>",
    "post.json": json.dumps(
        {"id": 7, "title": {"rendered": "Titolo"}, "content": {"rendered": "<p>Con{c}dentro.</p>"}}
    ),
}


@pytest.mark.parametrize("name", sorted(_NOT_TEXT_INPUTS))
@pytest.mark.parametrize(
    ("char", "named"),
    [("\x1b", "control character U+001B"), ("\x08", "control character U+0008"),
     ("\ufffe", "noncharacter U+FFFE"), ("\x1c", "control character U+001C")],
)  # fmt: skip
def test_characters_that_are_no_text_are_refused_with_their_place(tmp_path, name, char, named):
    _refused_at(tmp_path / name, char, f"{re.escape(named)} is not text")


def _refused_at(path: Path, inserted: str, message: str) -> None:
    """``path`` (a _NOT_TEXT_INPUTS sample with ``inserted``) is refused at its line and column."""
    text = _NOT_TEXT_INPUTS[path.name].replace("{c}", inserted)
    path.write_text(text, encoding="utf-8")
    line = text[: text.index(inserted)].count("\n") + 1
    where = re.escape(f"{path}: line {line}, column ")
    with pytest.raises(InputError, match=f"^{where}.*{message}"):
        read_article(path)


@pytest.mark.parametrize("name", ["page.html", "post.json"])
@pytest.mark.parametrize("ref", ["&#27;", "&#x8;", "&#xFFFE;", "&#11;"])
def test_html_character_references_to_no_text_are_refused(tmp_path, name, ref):
    _refused_at(tmp_path / name, ref, f"reference {ref} is")


def test_a_reference_in_a_script_or_a_comment_is_no_text_and_no_error(tmp_path):
    """HTML decodes no reference in script, style or a comment: nothing to refuse there."""
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><script>var esc = '&#27;';</script><style>p{content:'&#1;'}</style></head>"
        "<body><!-- &#8; --><article><h1>Titolo</h1><p>Testo del pezzo, e altro ancora per "
        "un articolo vero.</p><p>Un secondo paragrafo di testo.</p></article></body></html>",
        encoding="utf-8",
    )
    assert "Testo del pezzo, e altro ancora per un articolo vero." in [
        b.text for b in read_article(path).blocks
    ]


@pytest.mark.parametrize(
    ("name", "char"),
    [(name, char) for name in sorted(_NOT_TEXT_INPUTS)
     for char in ("\x0b", "\x0c", "\x7f", "\x85", "\u2028", "&#12;", "&#0;")
     if not (name.endswith(".json") and char in "\x0b\x0c")],  # raw in JSON: invalid JSON
)  # fmt: skip
def test_inputs_with_odd_but_valid_characters_give_a_document_that_reads_back(tmp_path, name, char):
    """Whatever a reader accepts, ``ID.json`` holds as text that mtpipe reads again."""
    from format_fixtures import translated

    from pipeline.writers import write_article

    path = tmp_path / name
    path.write_text(_NOT_TEXT_INPUTS[name].replace("{c}", char), encoding="utf-8")
    article, _ = translated(path, langs=("en",))
    write_article(article, tmp_path / "out")
    again = read_article(tmp_path / "out" / f"{article.id}.json")
    assert [b.text for b in again.blocks] == [b.text for b in article.blocks]


def test_a_category_name_over_the_title_is_chrome_not_the_title():
    """A kicker ("Politica") on the first line was taken for the title: the real title
    became a paragraph and the category went to MT."""
    article = parse_page(
        "Politica\nIl governo approva la manovra\nIl consiglio dei ministri ha approvato "
        "la manovra.\nIl ministro ha parlato ieri.\n",
        "manovra",
    )
    assert [b.kind for b in article.blocks] == [CATEGORY, TITLE, PARAGRAPH, PARAGRAPH]
    assert article.meta["category"] == "Politics"
    assert article.meta["title"] == "Il governo approva la manovra"
    # a page that is just a category-like line and one sentence keeps it as its title
    short = parse_page("Politica\nIl ministro ha parlato ieri.\n", "breve")
    assert [b.kind for b in short.blocks] == [TITLE, PARAGRAPH]


# --- chrome no catalog knows: share buttons, newsletter calls, cookie banners --------------
ARTICLE = (
    "Il governo approva la manovra\n\n"
    "Il Consiglio dei ministri ha approvato la legge di bilancio nella notte.\n\n"
    "Il testo arriva ora in Parlamento per il voto finale.\n"
)
UNCATALOGUED = {
    "Condividi su Facebook": "share button",
    "» Condividi:": "share button",
    "WhatsApp": "share button",
    "Partager sur X": "share button",
    "Fai clic per condividere su Telegram (Si apre in una nuova finestra)": "share button",
    "Google": "share or print button",  # trafilatura's own filter
    "Stampa": "print button",
    "Iscriviti alla newsletter": "newsletter call",
    "Questo sito utilizza cookie per migliorare la tua esperienza di navigazione. "
    "Continuando a navigare accetti il loro uso.": "cookie banner",
    "Utilizziamo i cookie per essere sicuri che tu possa avere la migliore esperienza sul "
    "nostro sito.": "cookie banner",
    "Accetta tutti": "cookie banner",
    "Impostazioni cookie": "cookie banner",
}


def _sent_to_mt(article: Article) -> str:
    """The text the segmenter hands to MT, its segments joined by spaces."""
    from pipeline.segment import segment_article

    return " ".join(s.source for s in segment_article(article).text_segments())


# Where a chrome line no catalog knows is chrome: next to another chrome line, at either end.
NEXT_TO_CHROME = {
    "end, before the comment form": "{article}\n{line}\nLascia un commento\n",
    "end, after a share line": "{article}\nCondividi:\n{line}\n",
    "start, over a share line": "{line}\nCondividi:\n\n{article}",
}


@pytest.mark.parametrize("line", list(UNCATALOGUED))
@pytest.mark.parametrize("where", list(NEXT_TO_CHROME))
def test_a_chrome_line_no_catalog_knows_is_kept_as_chrome_never_sent_to_mt(line, where):
    text = NEXT_TO_CHROME[where].format(article=ARTICLE, line=line)
    article = parse_page(text, "manovra")
    block = next(b for b in article.blocks if b.text == line.strip())
    assert block.kind == UI and block.meta["uncatalogued"] == UNCATALOGUED[line]
    assert block.meta["line"] == text.splitlines().index(line) + 1
    assert [(s.source, s.msgid) for s in block.segments] == [(line.strip(), None)]
    assert line.strip() not in _sent_to_mt(article)
    assert article.meta["title"] == "Il governo approva la manovra"


@pytest.mark.parametrize("line", list(UNCATALOGUED))
@pytest.mark.parametrize("where", ["end", "start"])
def test_a_chrome_like_line_alone_at_an_end_of_the_page_stays_text(line, where):
    """One such line alone next to article text may be the text's own (a closing
    "Telegram", a sentence on cookies, a title "Google"): it is translated, not kept."""
    body = ARTICLE.split("\n\n", 1)[1]  # at the start: over text, no title line after it
    text = f"{ARTICLE}\n{line}\n" if where == "end" else f"{line}\n\n{body}"
    article = parse_page(text, "manovra")
    block = next(b for b in article.blocks if b.text == line.strip())
    assert block.kind in (TITLE, PARAGRAPH) and "uncatalogued" not in block.meta
    assert line.strip() in _sent_to_mt(article)


@pytest.mark.parametrize("line", [k for k in UNCATALOGUED if len(k.split()) > 1])
def test_a_chrome_label_first_on_the_page_over_the_title_is_chrome(line):
    """ "Condividi su Facebook" over the headline took the title's place and went to MT."""
    article = parse_page(f"{line}\n{ARTICLE}", "manovra")
    assert article.blocks[0].kind == UI and article.blocks[0].meta["uncatalogued"]
    assert article.meta["title"] == "Il governo approva la manovra"
    assert line.strip() not in _sent_to_mt(article)


def test_a_title_that_is_a_network_name_stays_the_title():
    """A title "Telegram" over the text, alone or after the category, is the page's title."""
    body = "Il servizio di messaggistica ha cambiato le regole.\n\nGli utenti protestano.\n"
    for text in (f"Telegram\n\n{body}", f"Categorie\nTecnologia\nTelegram\n{body}"):
        article = parse_page(text, "telegram")
        assert article.meta["title"] == "Telegram"
        assert {b.text: b.kind for b in article.blocks}["Telegram"] == TITLE
    # after the category and over a title line, a share line is chrome
    article = parse_page(f"Categorie\nTecnologia\nTelegram\nWhatsApp cambia\n{body}", "wa")
    assert article.meta["title"] == "WhatsApp cambia"
    assert {b.text: b.kind for b in article.blocks}["Telegram"] == UI


# Article text that merely mentions a network, printing or cookies, at the page's end,
# where a chrome line would be, alone or before the comment form: each stays text.
MENTIONS = [
    "Il video è stato condiviso su Facebook e Twitter da migliaia di utenti.",
    "Condividi questa paura, ha detto il ministro ai giornalisti.",
    "La stampa estera ha seguito il voto fino a notte.",
    "Il Garante: questo sito utilizza cookie senza consenso.",
    "Questo sito utilizza cookie di profilazione, ha stabilito il Garante.",
    "Il sito del Garante spiega che i cookie migliorano l'esperienza degli utenti.",
    "Iscriviti alla newsletter del partito, ha scritto il leader su Facebook.",
    "Accetta le condizioni del governo o lascia il tavolo, ha detto Rossi.",
    "Utilizziamo i cookie solo con il consenso: chi non accetta, ha spiegato il Garante, non "
    "deve essere penalizzato.",
    "Questo sito è stato chiuso dal Garante per i cookie: ora gli utenti devono accettare i "
    "termini.",
    "«Ho capito».",
]


@pytest.mark.parametrize("line", MENTIONS)
@pytest.mark.parametrize("after", ["", "Lascia un commento\n"])
def test_article_text_that_mentions_facebook_or_cookies_stays_text(line, after):
    article = parse_page(f"{ARTICLE}\n{line}\n{after}", "manovra")
    assert {b.text: b.kind for b in article.blocks}[line] == PARAGRAPH
    assert line in _sent_to_mt(article)


def test_a_real_cookie_banner_run_is_still_chrome():
    """The banner's sentence and its buttons, after the text: all chrome, none translated."""
    banner = [
        "Questo sito utilizza cookie per migliorare la tua esperienza di navigazione. "
        "Continuando a navigare accetti il loro uso.",
        "Informativa",
        "OK",
    ]
    article = parse_page(ARTICLE + "\n" + "\n".join(banner) + "\n", "manovra")
    kinds = {b.text: (b.kind, b.meta.get("uncatalogued")) for b in article.blocks}
    assert [kinds[line] for line in banner] == [(UI, "cookie banner")] * 3
    assert not any(line in _sent_to_mt(article) for line in banner)


def test_reading_a_page_does_not_import_trafilatura(tmp_path):
    """The button filter is a copy in chrome_lines.toml (which the run key digests): a
    .txt page loads no trafilatura, and a trafilatura upgrade cannot change its chrome."""
    import subprocess
    import sys

    page = tmp_path / "pagina.it.txt"
    page.write_text(f"{ARTICLE}\nCondividi su Facebook\nGoogle\n", encoding="utf-8")
    code = (
        "import sys; from pipeline.read import read_article; "
        f"a = read_article({str(page)!r}); "
        "assert [b.meta.get('uncatalogued') for b in a.blocks][-1] == 'share or print button'; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'trafilatura'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_copied_button_filter_equals_the_installed_trafilaturas():
    """When trafilatura changes RE_FILTER, this names what to copy into chrome_lines.toml."""
    utils = pytest.importorskip("trafilatura.utils")
    from pipeline.localise.boilerplate import CHROME_LINES, trafilatura_filter_pattern

    assert trafilatura_filter_pattern() == utils.RE_FILTER.pattern, (
        f"trafilatura's RE_FILTER changed: copy its alternatives into [trafilatura] of "
        f"{CHROME_LINES}: {utils.RE_FILTER.pattern}"
    )
    assert utils.RE_FILTER.flags & re.IGNORECASE


def test_one_chrome_word_inside_the_article_stays_text_and_a_run_of_them_is_chrome():
    """A lone "Stampa" (the press) or "Twitter" inside the text may be a heading; two such
    lines together (a share bar) are chrome, as runs of catalog lines are."""
    text = (
        "Il voto in aula\n\nLa seduta è stata lunga.\n\nStampa\n\nIl governo ha retto.\n\n"
        "Condividi su Facebook\nTwitter\n\nL'opposizione ha lasciato l'aula.\n"
    )
    kinds = {b.text: b.kind for b in parse_page(text, "voto").blocks}
    assert kinds["Stampa"] == PARAGRAPH
    assert kinds["Condividi su Facebook"] == UI and kinds["Twitter"] == UI
    assert kinds["L'opposizione ha lasciato l'aula."] == PARAGRAPH


def test_uncatalogued_chrome_after_the_comment_form_is_named_in_one_warning():
    from pipeline.localise.boilerplate import uncatalogued_note

    article = parse_page(SCRAPED, "manovra")
    kinds = {b.text: b.kind for b in article.blocks}
    assert kinds["Condividi su Facebook"] == UI  # a run with the comment form's lines
    assert kinds["Questo sito usa i cookie per migliorare la tua esperienza."] == UI
    note = uncatalogued_note(article)
    assert note is not None and note.count("\n") == 0
    assert "3 lines of page chrome that no catalog knows" in note
    assert "line 1 'Home » Politica » Governo'" in note
    assert "line 9 'Condividi su Facebook'" in note and "line 17 'Questo sito usa" in note
    assert "mtpipe catalogs import" in note
    assert uncatalogued_note(parse_page(ARTICLE, "manovra")) is None


# --- breadcrumb trails at the page's head ---------------------------------------------------

FIRE = (
    "Incendio in un capannone alla periferia di Torino\n"
    "Un incendio è divampato nella notte in un capannone industriale.\n"
    "Non ci sono feriti, ha spiegato il comandante.\n"
)


@pytest.mark.parametrize(
    ("trail", "english"),
    [("Home » Cronaca", "Home » News"), ("Home > Esteri > Mondo", "Home > International > World"),
     ("Home » Politica", "Home » Politics"), ("Home >> Cronaca", "Home >> News")],
)  # fmt: skip
def test_a_breadcrumb_the_catalogs_know_is_localised_chrome_never_mt_nor_the_title(trail, english):
    """The trail "Home » Cronaca" went to MT, and "Cronaca" (no catalog had it) became the
    title."""
    from pipeline.localise.stage import localise_article

    article = parse_page(f"{trail}\nCronaca\n{FIRE}", "incendio")
    first = article.blocks[0]
    assert first.kind == UI and first.text == trail and "uncatalogued" not in first.meta
    assert [b.kind for b in article.blocks[1:3]] == [CATEGORY, TITLE]
    assert article.meta["title"] == FIRE.splitlines()[0] and article.meta["category"] == "News"
    assert trail not in _sent_to_mt(article) and "Cronaca" not in _sent_to_mt(article)
    article.target_langs = ["en", "fr"]
    localise_article(article)
    assert first.target_text("en") == english
    assert article.blocks[1].target_text("fr") == "Faits divers"


def test_a_breadcrumb_with_a_part_no_catalog_knows_is_kept_verbatim_with_the_warning():
    from pipeline.localise.boilerplate import uncatalogued_note

    trail = "Ti trovi in: Home / Cronaca / Torino"
    article = parse_page(f"{trail}\n{FIRE}", "incendio")
    first = article.blocks[0]
    assert first.kind == UI and first.meta["uncatalogued"] == "breadcrumb trail"
    assert [(s.source, s.msgid) for s in first.segments] == [(trail, None)]
    assert article.meta["title"] == FIRE.splitlines()[0]
    assert _sent_to_mt(article).startswith("Incendio") and "Ti trovi" not in _sent_to_mt(article)
    assert f"line 1 {trail!r}" in (uncatalogued_note(article) or "")


@pytest.mark.parametrize(
    "line",
    ["Il ministro ha detto » basta con i rinvii «",
     "Home > Sweet home è il nome della mostra che apre domani a Milano.",
     "Il tasso è passato da 2 > 3 per cento in un anno, ha detto il governatore."],
)  # fmt: skip
def test_an_article_sentence_with_a_breadcrumb_arrow_stays_text(line):
    article = parse_page(f"{FIRE}{line}\n", "incendio")
    block = next(b for b in article.blocks if b.text == line)
    assert block.kind == PARAGRAPH and line in _sent_to_mt(article)
    first = parse_page(f"{line}\n{FIRE}", "incendio")
    assert first.blocks[0].kind in (TITLE, PARAGRAPH) and line in _sent_to_mt(first)


# --- related-article lines and trails among page text -------------------------------------

STORM = (
    "Maltempo in Liguria, allerta rossa\n"
    "La Protezione civile ha diramato l'allerta rossa per tutta la Liguria.\n"
    "{box}\n"
    "Le scuole resteranno chiuse a Genova e Savona, ha detto il sindaco.\n"
)


@pytest.mark.parametrize(
    "box",
    ["Leggi anche: Frana sulla via Aurelia", "Leggi anche: Frana sulla Aurelia e Ponte chiuso",
     "LEGGI ANCHE Frana sulla via Aurelia", "Potrebbe interessarti: Frana sulla via Aurelia",
     "Vedi anche - Frana sulla via Aurelia", "Leggi pure: Frana sulla via Aurelia",
     "LEGGI ANCHE\nFrana sulla via Aurelia\nPonte chiuso a Genova",
     "Articoli correlati:\nFrana sulla via Aurelia",
     "Per approfondire\nFrana sulla via Aurelia\nPonte chiuso a Genova"],
)  # fmt: skip
def test_a_related_article_line_of_page_text_is_kept_verbatim_never_mt(box):
    """In page text the links are lost: "Leggi anche: Titolo" and a label over title lines
    went to MT."""
    article = parse_page(STORM.format(box=box), "maltempo")
    mt = _sent_to_mt(article)
    assert "Frana" not in mt and "Ponte" not in mt and "Leggi" not in mt
    related = [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert [b.text for b in related] == box.splitlines()
    assert {(b.kind, b.meta["uncatalogued"]) for b in related} == {(UI, "related-article link")}
    assert article.meta["title"] == "Maltempo in Liguria, allerta rossa"
    assert "Le scuole resteranno chiuse" in mt


@pytest.mark.parametrize(
    "line",
    ["Leggi anche: nessun collegamento, solo una frase scritta nel testo.",
     "Vedi anche il rapporto della Regione sulle frane",
     "Chi vuole saperne di più legga anche il rapporto della Regione.",
     "Approfondisci\nLa Regione ha stanziato dieci milioni per le frane.",
     "Leggi anche: il ministro ha spiegato che le tasse non aumenteranno per nessuno",
     "Per approfondire: le tappe del conflitto dal 2014 a oggi",
     "Vedi anche: Il ministro ha spiegato ai giornalisti che le tasse non aumenteranno",
     "Per approfondire\nLe cause della crisi",
     "Correlati\nIl costo dell'energia"],
)  # fmt: skip
def test_page_text_that_opens_with_a_related_word_stays_text(line):
    article = parse_page(STORM.format(box=line), "maltempo")
    assert not [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert line.splitlines()[-1] in _sent_to_mt(article)


@pytest.mark.parametrize(
    ("head", "title"),
    [("Maltempo in Liguria, allerta rossa\nHome » Cronaca » Liguria", 0),
     ("Cronaca\nMaltempo in Liguria, allerta rossa\nHome » Cronaca", 1),
     ("Cronaca\nHome » Cronaca\nMaltempo in Liguria, allerta rossa", 2),
     ("Maltempo in Liguria, allerta rossa\nCronaca » Liguria", 0)],
)  # fmt: skip
def test_a_breadcrumb_under_the_title_or_after_a_kicker_is_chrome(head, title):
    """Only a trail first on the page was recognised: under the title, or after a kicker
    (which then became the title), it went to MT."""
    body = "\n".join(STORM.format(box="").splitlines()[1:])
    article = parse_page(f"{head}\n{body}\n", "maltempo")
    trail = next(ln for ln in head.splitlines() if "»" in ln)
    assert trail not in _sent_to_mt(article) and "Home" not in _sent_to_mt(article)
    block = next(b for b in article.blocks if b.text == trail)
    assert block.kind == UI
    assert article.meta["title"] == "Maltempo in Liguria, allerta rossa"
    assert article.blocks[title].kind == TITLE
    assert "Cronaca" not in _sent_to_mt(article)


SECTION_HEADLINES = (
    "Russia / Ucraina, il negoziato riparte da Istanbul\n"
    "Il ministro degli esteri ha annunciato ieri che i colloqui riprenderanno presto.\n"
    "Stati Uniti / La risposta di Washington\n"
    "La Casa Bianca ha detto che valuterà la proposta con attenzione.\n"
    "Italia | Il ruolo di Roma\n"
    "Il governo italiano si è offerto di ospitare un nuovo round di trattative.\n"
    "Economia | I mercati\n"
    "Le borse europee hanno chiuso in rialzo dopo l'annuncio.\n"
)


def test_headlines_that_open_with_a_section_are_the_title_and_text_never_trails():
    """The title and subheadings "Stati Uniti / La risposta di Washington" were taken for
    section-first trails and stayed Italian in the English article."""
    article = parse_page(SECTION_HEADLINES, "negoziato")
    assert not [b.text for b in article.blocks if b.meta.get("uncatalogued")]
    assert article.meta["title"] == "Russia / Ucraina, il negoziato riparte da Istanbul"
    assert article.blocks[0].kind == TITLE
    mt = _sent_to_mt(article)
    for line in SECTION_HEADLINES.splitlines()[2::2]:
        assert line in mt


@pytest.mark.parametrize(
    ("page", "title"),
    [("Italia | Roma\nIl governo ha offerto di ospitare i colloqui.\n", "Italia | Roma"),
     ("Esteri / Medio Oriente\nIl negoziato riparte da Istanbul\n"
      "Il governo ha offerto di ospitare i colloqui.\n", "Il negoziato riparte da Istanbul"),
     ("Esteri / Europa\nIl governo ha offerto di ospitare i colloqui.\n", None)],
)  # fmt: skip
def test_a_section_first_trail_in_the_title_place_needs_every_part_known(page, title):
    """In the title's place (over article text) a section-first line is a trail only when
    the catalogs know every part; over a title line it is the page's trail."""
    article = parse_page(page, "negoziato")
    assert article.meta.get("title") == title
    first = article.blocks[0]
    assert (first.kind == UI) == (title != page.splitlines()[0])


def test_each_line_of_page_text_is_matched_once(monkeypatch):
    """The end scans, the header scan and the inner runs matched the closing lines 3-4
    times each against every catalog string and chrome pattern."""
    from collections import Counter

    from pipeline.localise import boilerplate, chrome

    calls: Counter[str] = Counter()
    real_catalog, real_pattern = chrome.match_chrome_line, boilerplate.match_uncatalogued

    def catalog(line, *args, **kwargs):
        calls[line] += 1
        return real_catalog(line, *args, **kwargs)

    def pattern(line):
        calls["pattern:" + line] += 1
        return real_pattern(line)

    monkeypatch.setattr(chrome, "match_chrome_line", catalog)
    monkeypatch.setattr(boilerplate, "match_uncatalogued", pattern)
    text = (
        "Il governo approva la manovra\nLa legge di bilancio passa alla Camera.\n"
        "Il voto finale è atteso per venerdì.\nCondividi su Facebook\nStampa\n"
        "Lascia un commento\nQuesto sito usa i cookie per migliorare la tua esperienza.\n"
    )
    article = parse_page(text, "manovra")
    assert [b.kind for b in article.blocks][-4:] == [UI] * 4
    assert calls and max(calls.values()) == 1, calls


def test_a_line_of_several_networks_is_a_share_line():
    """ "Condividi: Facebook, Twitter" and "Seguici su Facebook" matched no pattern."""
    text = STORM.format(box="Condividi: Facebook, Twitter, WhatsApp\nSeguici su Facebook")
    article = parse_page(text, "maltempo")
    mt = _sent_to_mt(article)
    assert "Facebook" not in mt and "Condividi" not in mt and "Seguici" not in mt
    alone = parse_page(STORM.format(box="Il video è stato condiviso su Facebook e Twitter."), "m")
    assert "Facebook e Twitter" in _sent_to_mt(alone)


@pytest.mark.parametrize(
    "box",
    ["Vedi anche\nRoma, cosa cambia da lunedì?\nAllerta meteo nel Lazio (12 marzo)",
     "Articoli correlati\n• Frana sulla via Aurelia\n• Roma, cosa cambia da lunedì?",
     "Potrebbe interessarti anche:\nIl sindaco: «Serve un piano»",
     "LEGGI ANCHE\nIl sindaco: «Serve un piano»\nFrane, che cosa fare? – 12 marzo 2024",
     "Approfondisci\nGenova, il ponte riapre!\nLe frane in Liguria – di Mario Rossi",
     "LEGGI ANCHE\nFrana sulla via Aurelia\ndi Mario Rossi\nPonte chiuso a Genova\n12 marzo 2024"],
)  # fmt: skip
def test_a_related_box_of_questions_quotes_or_dated_titles_is_kept_never_mt(box):
    """A title under a related label that ended in "?", "!", "»" or a date note ")" was
    taken for a sentence, so the box was not one and went to MT."""
    article = parse_page(STORM.format(box=box), "maltempo")
    mt = _sent_to_mt(article)
    assert not [ln for ln in box.splitlines() if ln in mt], mt
    related = [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert [b.text for b in related] == box.splitlines()
    assert "Le scuole resteranno chiuse" in mt


@pytest.mark.parametrize(
    "box",
    ["Per approfondire\nPerché la Regione ha chiuso le strade?\n"
     "La Regione ha stanziato dieci milioni per le frane.",
     "Vedi anche\nIl sindaco: «Serve un piano per la città.»\nSono ore di attesa.",
     "Approfondisci\nle frane in Liguria?\nE poi le strade, chiuse da giorni, riaprono."],
)  # fmt: skip
def test_a_label_over_one_question_and_article_text_stays_text(box):
    article = parse_page(STORM.format(box=box), "maltempo")
    assert not [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert box.splitlines()[1] in _sent_to_mt(article)


@pytest.mark.parametrize(
    "trail",
    ["Tu sei qui: Home > Cronaca > Liguria", "Sei qui: Home » Cronaca",
     "Siete qui: Homepage / Cronaca / Genova", "Vous êtes sur : Accueil › Faits divers"],
)  # fmt: skip
def test_a_breadcrumb_after_any_you_are_here_label_is_chrome_never_the_title(trail):
    """A "you are here" label the table lacks ("Tu sei qui:") made the trail the title,
    sent to MT, and the real title a paragraph."""
    article = parse_page(f"{trail}\n{STORM.format(box='')}", "maltempo")
    assert article.blocks[0].kind == UI and article.blocks[0].text == trail
    assert article.meta["title"] == "Maltempo in Liguria, allerta rossa"
    assert "Home" not in _sent_to_mt(article) and "Accueil" not in _sent_to_mt(article)


@pytest.mark.parametrize(
    "trail",
    ["Home · Cronaca · Liguria", "Home • Cronaca • Genova", "Home - Cronaca - Liguria",
     "Home – Cronaca", "Cronaca - Liguria", "Sei in: Cronaca", "Ti trovi in: Liguria"],
)  # fmt: skip
def test_a_breadcrumb_with_dots_or_dashes_or_one_part_after_its_label_is_chrome(trail):
    """Trails split by "·", "•" or a spaced dash, and "Sei in: Cronaca" (a label and one
    part), were the title or text and went to MT."""
    article = parse_page(f"{trail}\n{STORM.format(box='')}", "maltempo")
    assert article.blocks[0].kind == UI and article.blocks[0].text == trail
    assert article.meta["title"] == "Maltempo in Liguria, allerta rossa"
    assert trail not in _sent_to_mt(article)


@pytest.mark.parametrize(
    "head",
    ["Sport - Juventus-Inter 2-1", "Calcio - La Juve vince a Torino", "Roma - Lazio",
     "Economia · I mercati chiudono in rialzo", "Sei in vacanza? Ecco le regole",
     "Cronaca - il sindaco ha parlato"],
)  # fmt: skip
def test_a_headline_with_a_spaced_dash_or_dot_stays_the_title(head):
    article = parse_page(f"{head}\n{STORM.format(box='')}", "maltempo")
    assert article.meta["title"] == head and article.blocks[0].kind == TITLE
    assert head in _sent_to_mt(article)


@pytest.mark.parametrize(
    "bar",
    ["Facebook Twitter WhatsApp", "Condividi: Facebook, X", "Seguici su Facebook e Instagram",
     "Follow us on Facebook and Instagram", "Condividi questo articolo: Facebook, Twitter",
     "Condividi su Facebook, Twitter e WhatsApp"],
)  # fmt: skip
@pytest.mark.parametrize("where", ["inside", "last"])
def test_a_share_bar_of_several_networks_is_chrome_even_alone(bar, where):
    """A line naming two networks or more after a share or follow label is a bar of
    buttons itself: alone among the text or last on the page it went to MT."""
    text = STORM.format(box=bar) if where == "inside" else STORM.format(box="") + bar + "\n"
    article = parse_page(text, "maltempo")
    assert bar not in _sent_to_mt(article)
    assert [b.text for b in article.blocks if b.meta.get("uncatalogued")] == [bar]


@pytest.mark.parametrize(
    "label",
    ["Potrebbero interessarti anche", "Potrebbe anche interessarti", "Ti può interessare",
     "Notizie correlate", "Altre notizie", "I più letti", "Ti consigliamo", "Sullo stesso tema",
     "Vedi pure", "Per saperne di più", "You might also like", "Les plus lus"],
)  # fmt: skip
@pytest.mark.parametrize(
    "form",
    ["{label}: Frana sulla via Aurelia", "{label} → Frana sulla via Aurelia",
     "{label}\nFrana sulla via Aurelia\nPonte chiuso a Genova"],
)  # fmt: skip
def test_the_usual_related_labels_of_news_sites_head_a_box(label, form):
    """Only some labels were known: "Potrebbero interessarti anche", "Notizie correlate",
    "I più letti" and their boxes went to MT, and an arrow after a label was no separator."""
    box = form.format(label=label)
    article = parse_page(STORM.format(box=box), "maltempo")
    mt = _sent_to_mt(article)
    assert "Frana" not in mt and label not in mt, mt
    assert "Le scuole resteranno chiuse" in mt


@pytest.mark.parametrize(
    "line",
    ["Altre notizie arriveranno domani dalla Protezione civile.",
     "Per saperne di più, il sindaco ha convocato una riunione.",
     "I più letti sono i libri gialli, dice l'Istat",
     "Sullo stesso tema: il ministro ha spiegato che le tasse non aumenteranno"],
)  # fmt: skip
def test_a_sentence_that_opens_with_a_related_label_stays_text(line):
    article = parse_page(STORM.format(box=line), "maltempo")
    assert not [b for b in article.blocks if b.meta.get("uncatalogued")]
    assert line in _sent_to_mt(article)


@pytest.mark.parametrize(
    "title", ["Per saperne di più: Il nuovo piano casa", "Leggi anche: Il nuovo piano casa",
              "Altre notizie: La Juve vince a Torino"],
)  # fmt: skip
def test_a_label_and_title_in_the_title_place_over_text_is_the_headline(title):
    """A page opening with "Label: Title" over article text had no title at all: the
    headline was taken for a related link and kept untranslated."""
    text = f"{title}\nIl governo ha approvato ieri il piano casa.\nLe misure partono a gennaio.\n"
    article = parse_page(text, "casa")
    assert article.meta["title"] == title and article.blocks[0].kind == TITLE
    assert title in _sent_to_mt(article)
    body = text.split("\n", 1)[1]
    above = parse_page(f"Leggi anche: Frana sulla via Aurelia\nIl nuovo piano casa\n{body}", "c")
    assert above.blocks[0].kind == UI and above.meta["title"] == "Il nuovo piano casa"


@pytest.mark.parametrize(
    ("head", "trail"),
    [("Home\nCronaca\nGenova", "Genova"), ("Home\nGenova", "Genova"),
     ("Home\nEsteri\nMedio Oriente", "Medio Oriente")],
)  # fmt: skip
def test_a_trail_split_one_part_per_line_never_takes_the_title(head, trail):
    """A scraped <ol> trail comes out one part per line: its last part ("Genova") took
    the title's place and went to MT, and the headline became a paragraph."""
    article = parse_page(f"{head}\n{STORM.format(box='')}", "maltempo")
    assert article.meta["title"] == "Maltempo in Liguria, allerta rossa"
    assert not _sent_to_mt(article).startswith(trail)
    assert next(b for b in article.blocks if b.text == trail).kind == UI


@pytest.mark.parametrize("head", ["Home\nCronaca\nIncendio a Roma", "Home\nLa Liguria sott'acqua"])
def test_a_short_headline_under_home_and_a_section_stays_the_title(head):
    title = head.splitlines()[-1]
    page = f"{head}\nLa Protezione civile ha diramato l'allerta.\nLe scuole sono chiuse.\n"
    article = parse_page(page, "maltempo")
    assert article.meta["title"] == title and title in _sent_to_mt(article)


def test_a_subheading_after_a_related_line_stays_text():
    """Only the title lines under a label alone on its line are its links: a subheading
    after "Leggi anche: Titolo" is the article's."""
    text = STORM.format(box="Leggi anche: Frana sulla via Aurelia\nLe reazioni")
    article = parse_page(text, "maltempo")
    assert "Le reazioni" in _sent_to_mt(article) and "Frana" not in _sent_to_mt(article)


@pytest.mark.parametrize(
    "labels",
    [
        ["Commento *", "Nome *", "Email *", "Sito web"],  # WordPress, Italian
        ["Commentaire *", "Nom *", "E-mail *", "Site web"],  # French
        ["Comment *", "Name *", "Email *", "Website"],  # English
        ["Commento*", "Nome**", "Email *"],
    ],
)
def test_comment_form_labels_with_their_required_marker_are_catalog_chrome(labels):
    """A comment form scraped as text gives each required field's label with its marker
    (``<label>Nome <span class="required">*</span></label>`` -> ``Nome *``): the label was
    no catalog string, so ``Commento *`` and ``Nome *`` went to MT."""
    from pipeline.localise.chrome import catalog_text

    form = "\n".join(["Lascia un commento", *labels, "Invia commento"])
    article = parse_page(f"{ARTICLE}\n{form}\n", "manovra")
    sent = _sent_to_mt(article)
    for label in labels:
        block = next(b for b in article.blocks if b.text == label)
        assert block.kind == UI and block.segments[0].msgid is not None
        assert label.rstrip("* ") not in sent
    name = next(b for b in article.blocks if b.text == labels[1]).segments[0]
    marker = labels[1][len(labels[1].rstrip("* ")) :]
    assert (name.msgid, name.space_after) == ("Name", marker)
    assert catalog_text("Name", "fr") + marker == "Nom" + marker


@pytest.mark.parametrize(
    "meta_lines",
    [
        ["Pubblicato il 12 marzo 2024"],
        ["Publié le 1 mars 2024"],
        ["Pubblicato il 12 marzo 2024", "Lascia un commento"],
        # other wordings of the same meta (fixa36): were paragraphs sent to MT
        ["Aggiornato il 12 marzo 2024"],
        ["Pubblicato il 12 marzo 2024 | Aggiornato il 13 marzo 2024"],
        ["Pubblicato da Mario Rossi il 12 marzo 2024"],
        ["Pubblicato il 12 marzo 2024 alle 10:30"],
        ["PUBBLICATO IL 12 MARZO 2024"],
        ["Pubblicato: 12 marzo 2024"],
        # a day and month without a year is a date too (small36): were sent to MT
        ["Pubblicato il 12 marzo"],
        ["Aggiornato il 3 aprile alle 10:30"],
        ["Pubblicato da Mario Rossi il 1 aprile"],
    ],
)
def test_post_meta_under_the_headline_is_catalog_chrome(meta_lines):
    """The theme's post meta (``Pubblicato il 12 marzo 2024``) between the headline and the
    text went to MT; over the headline it was chrome already."""
    lines = ARTICLE.split("\n\n")
    text = "\n".join([lines[0], *meta_lines, *lines[1:]])
    article = parse_page(text, "manovra")
    assert article.meta["title"] == "Il governo approva la manovra"
    for line in meta_lines:
        block = next(b for b in article.blocks if b.text == line)
        assert block.kind == UI and block.segments[0].msgid is not None
        assert line not in _sent_to_mt(article)
    assert "Il Consiglio dei ministri" in _sent_to_mt(article)


@pytest.mark.parametrize("line", ["Pubblicato il 12 volte", "Aggiornato il 3 febbraioo"])
def test_a_post_meta_wording_without_a_month_is_no_chrome(line):
    """The other side of a year-less date: the word after the day must be a CLDR month
    name, or ``Published on 12 volte`` (Italian inside localised chrome) was written."""
    lines = ARTICLE.split("\n\n")
    article = parse_page("\n".join([lines[0], line, *lines[1:]]), "manovra")
    block = next(b for b in article.blocks if b.text == line)
    assert block.kind != UI and line in _sent_to_mt(article)


@pytest.mark.parametrize(
    ("line", "en", "fr"),
    [
        ("Pubblicato il 12 marzo 2024", "Published on March 12, 2024", "Publié le 12 mars 2024"),
        ("Pubblicato il 1 marzo 2024", "Published on March 1, 2024", "Publié le 1er mars 2024"),
        # a numeric date in the long form (31/12 read as 12/31 in English), a time in CLDR's
        # short one; "alle ore" was taken into the date and written in English (fixa36)
        ("Pubblicato il 31/12/2024", "Published on December 31, 2024",
         "Publié le 31 décembre 2024"),
        ("Pubblicato il 12/03/2024 alle ore 10:30", "Published on March 12, 2024 at 10:30\u202fAM",
         "Publié le 12 mars 2024 à 10:30"),
        ("Aggiornato il 13 marzo 2024 alle 21.15", "Updated on March 13, 2024 at 9:15\u202fPM",
         "Mis à jour le 13 mars 2024 à 21:15"),
        ("PUBBLICATO DA MARIO ROSSI IL 12 MARZO 2024", "Published by MARIO ROSSI on March 12, 2024",
         "Publié par MARIO ROSSI le 12 mars 2024"),
        ("Pubblicato il 12 marzo 2024 · Aggiornato il 13 marzo 2024",
         "Published on March 12, 2024 · Updated on March 13, 2024",
         "Publié le 12 mars 2024 · Mis à jour le 13 mars 2024"),
        # no year: CLDR's day-and-month form (skeleton MMMMd), never MT (small36)
        ("Pubblicato il 12 marzo", "Published on March 12", "Publié le 12 mars"),
        ("Aggiornato il 3 aprile alle 10:30", "Updated on April 3 at 10:30\u202fAM",
         "Mis à jour le 3 avril à 10:30"),
        ("Pubblicato il 1 aprile", "Published on April 1", "Publié le 1er avril"),
    ],
)  # fmt: skip
def test_a_date_in_page_chrome_is_written_in_each_language(line, en, fr):
    """``Pubblicato il 1 marzo 2024`` became ``Published on 1 marzo 2024``: the catalog
    string was localised and its date left Italian."""
    from pipeline.localise import localise_article

    article = parse_page(f"{line}\n{ARTICLE}", "manovra")
    article.target_langs = ["en", "fr"]
    localise_article(article)
    block = next(b for b in article.blocks if b.text == line)
    assert (block.target_text("en"), block.target_text("fr")) == (en, fr)


@pytest.mark.parametrize(
    "trail",
    [
        "Pagina iniziale / Cronaca / Genova",
        "Pagina principale » Cronaca",
        "Page d'accueil › Politique",
    ],
)
def test_a_breadcrumb_from_a_spelled_out_home_label_is_chrome_never_the_title(trail):
    """``Pagina iniziale / Cronaca / Genova`` first on the page took the title's place and
    went to MT (only one-word home labels such as Home, Homepage, Prima pagina counted)."""
    body = "Frana a Genova, evacuate due palazzine\nLa protezione civile le ha evacuate.\n"
    article = parse_page(f"{trail}\n{body}", "frana")
    assert article.blocks[0].kind == UI and article.meta["title"].startswith("Frana a Genova")
    assert trail.split()[0] not in _sent_to_mt(article)


_HEAD = "<title>Perché</title></head><body><article><h1>Perché la città è cambiata</h1>"
_BODY = "<p>Il sindaco: “la città è più bella”, costa 10 € a testa – disse ieri sera.</p>"


@pytest.mark.parametrize(
    ("declaration", "codec"),
    [
        ('<html><head><meta charset="iso-8859-1">', "cp1252"),  # WHATWG: it is windows-1252
        ("<html><head><meta charset=windows-1252>", "cp1252"),
        ('<html><head><meta http-equiv="Content-Type" content="text/html; '
         'charset=ISO-8859-1">', "cp1252"),
        ('<?xml version="1.0" encoding="iso-8859-1"?>\n<html><head>', "cp1252"),
        ('<html><head><meta charset="iso-8859-15">', "iso-8859-15"),
    ],
)  # fmt: skip
def test_a_page_in_the_charset_it_declares_is_read(tmp_path, declaration, codec):
    """A legacy page that says its charset was refused as not UTF-8; a browser reads it."""
    path = tmp_path / "pagina.html"
    body = _BODY if codec == "cp1252" else _BODY.translate({0x201C: '"', 0x201D: '"', 0x2013: "-"})
    path.write_bytes(f"{declaration}{_HEAD}{body}</article></body></html>".encode(codec))
    article = read_article(path)
    assert article.meta["title"] == "Perché la città è cambiata"
    assert any("costa 10 € a testa" in b.text for b in article.blocks)


@pytest.mark.parametrize(
    ("page", "message"),
    [  # a byte the declared charset has no character for: named, never guessed
        (b'<meta charset="windows-1252"><p>Perch\xe9 \x81 no.</p>',
         r"byte 0x81 at offset 39 is no character in windows-1252, the charset the page declares"),
        # no declaration, or one of UTF-8 or of no text encoding: not UTF-8, as before
        (b"<html><p>Perch\xe9 no.</p>", "is not UTF-8.*declares no other charset"),
        (b'<meta charset="utf-8"><p>Perch\xe9 no.</p>', "is not UTF-8"),
        (b'<meta charset="base64"><p>Perch\xe9 no.</p>', "is not UTF-8"),
        (b'<meta charset="utf-7"><p>Perch\xe9 no.</p>', "is not UTF-8"),
        (b'<meta charset="x-nonesuch"><p>Perch\xe9 no.</p>', "is not UTF-8"),
    ],
)  # fmt: skip
def test_bytes_no_declared_charset_decodes_are_refused(tmp_path, page, message):
    path = tmp_path / "pagina.html"
    path.write_bytes(page)
    with pytest.raises(InputError, match=message):
        read_article(path)


@pytest.mark.parametrize(
    ("over", "en"),
    [
        (["Ascolta l'articolo"], ["Listen to this article"]),
        (["Ascolta l’articolo", "Tempo di lettura: 3 minuti"],
         ["Listen to this article", "Reading time: 3 minutes"]),
        (["Tempo di lettura: 1 minuto"], ["Reading time: 1 minute"]),
    ],
)  # fmt: skip
def test_an_audio_player_or_reading_time_over_the_headline_is_chrome_not_the_title(over, en):
    """``Ascolta l'articolo`` first on the page was taken for the title (MT) and the real
    headline became a paragraph (fixa36)."""
    from pipeline.localise import localise_article

    article = parse_page("\n".join([*over, ARTICLE]), "manovra")
    assert article.meta["title"] == "Il governo approva la manovra"
    sent = _sent_to_mt(article)
    assert not any(line.split()[0] in sent for line in over)
    article.target_langs = ["en"]
    localise_article(article)
    assert [b.target_text("en") for b in article.blocks[: len(over)]] == en


FOOTER_FURNITURE = [
    ("Articolo precedente", "Previous Post"),
    ("Articolo successivo", "Next Post"),
    ("Tag: pensioni, governo, lavoro", None),
    ("Segui il nostro canale WhatsApp", None),
    ("Scarica l'app", None),
    ("Torna su", "Back to top"),
]


def test_a_pages_furniture_after_the_article_is_chrome_never_mt():
    """Post navigation, tag list, a channel to follow, an app to download, back to top:
    all went to MT. Catalog strings are localised; the others kept as they are (fixa36)."""
    from pipeline.localise import localise_article

    lines = [line for line, _ in FOOTER_FURNITURE]
    article = parse_page("\n".join([ARTICLE, *lines]), "manovra")
    sent = _sent_to_mt(article)
    assert "Il Consiglio dei ministri" in sent
    assert not any(word in sent for word in ("precedente", "pensioni,", "canale", "l'app", "Torna"))
    article.target_langs = ["en"]
    localise_article(article)
    for line, en in FOOTER_FURNITURE:
        block = next(b for b in article.blocks if b.text == line)
        assert block.kind == UI and (en is None or block.target_text("en") == en)


@pytest.mark.parametrize("line", ["Tag: il governo ha deciso di rinviare tutto.", "Torna su Roma"])
def test_a_sentence_that_opens_as_furniture_stays_text(line):
    article = parse_page("\n".join([ARTICLE, line]), "manovra")
    assert line in _sent_to_mt(article)


def test_a_theme_label_with_a_final_colon_matches_the_page_without_it():
    """Twenty Seventeen's ``Articolo precedente:`` never matched the page's ``Articolo
    precedente`` (finding 18): a label's final colon may be left out on the page."""
    from pipeline.langdata import placeholders as ph

    assert ph.read_values("Articolo precedente:", "Articolo precedente") == {}
    assert ph.read_values("Précédent :", "Précédent") == {}
    assert ph.read_values("%s:", "Roma") is None  # no label, no colon: nothing to match
