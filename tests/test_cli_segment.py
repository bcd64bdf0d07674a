"""``mtpipe segment``: one sentence per line, blank line between paragraphs, input errors."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from pipeline.cli import main
from pipeline.document import TEXT_KINDS
from pipeline.errors import InputError
from pipeline.readers import read_article


def _stdin(monkeypatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_sample_prints_sentences_and_blank_lines(sample_path, capsys):
    assert main(["segment", str(sample_path), "--lang", "it"]) == 0
    out = capsys.readouterr().out
    paragraphs = out.rstrip("\n").split("\n\n")
    article = read_article(sample_path)  # as translate reads it: its chrome lines no text
    assert len(paragraphs) == sum(b.kind in TEXT_KINDS for b in article.blocks) == 16
    assert "Catégories" not in out and "italie" not in out.split("\n")
    caption = next(p for p in paragraphs if p.endswith("Foto: AFP."))
    assert caption.split("\n") == [
        "Il ministro della Difesa russo Andrei Belousov stringe la mano al ministro della Difesa "
        "nordcoreano No Kwang-chol durante i colloqui bilaterali con la delegazione nordcoreana "
        "a Pyongyang.",
        "Foto: AFP.",
    ]
    assert "\nsanzioni.\n" in out


def test_single_newlines_and_blank_lines_both_separate_paragraphs(monkeypatch, capsys):
    _stdin(monkeypatch, b"Uno. Due.\nTre.\n\n\nQuattro senza punto\n")
    assert main(["segment", "-", "--lang", "it"]) == 0
    assert capsys.readouterr().out == "Uno.\nDue.\n\nTre.\n\nQuattro senza punto\n"


def test_no_file_reads_stdin(monkeypatch, capsys):
    _stdin(monkeypatch, "Il Sig. Rossi è arrivato. Poi è ripartito.".encode())
    assert main(["segment"]) == 0
    assert capsys.readouterr().out == "Il Sig. Rossi è arrivato.\nPoi è ripartito.\n"


def test_lang_flag_selects_rules(monkeypatch, capsys):
    _stdin(monkeypatch, b"Room No. 5 is closed.")
    assert main(["segment", "--lang", "en"]) == 0
    assert capsys.readouterr().out == "Room No. 5 is closed.\n"


def test_moses_engine_flag(sample_path, capsys):
    pytest.importorskip("sentence_splitter")
    assert main(["segment", str(sample_path), "--engine", "moses"]) == 0
    assert "Foto: AFP." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ("latin1", "not UTF-8"),
        ("binary", "binary"),
    ],
)
def test_bad_files_exit_3(tmp_path, capsys, content, message):
    path = tmp_path / "input.txt"
    if content == "latin1":
        path.write_bytes("Città è bella.".encode("latin-1"))
    elif content == "binary":
        path.write_bytes(b"PK\x03\x04\x00\x00binary")
    assert main(["segment", str(path)]) == InputError.exit_code == 3
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_stdin_not_utf8_exits_3(monkeypatch, capsys):
    _stdin(monkeypatch, "perché".encode("latin-1"))
    assert main(["segment", "-"]) == 3
    assert "standard input: is not UTF-8" in capsys.readouterr().err


def test_console_entry_point_exit_code(tmp_path):
    missing = tmp_path / "missing.txt"
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "segment", str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 3
    assert "no such file" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(("lang", "code"), [("../x", 2), ("zz", 2), ("it/..", 2), ("de", 0)])
def test_lang_is_checked_as_a_language_tag(tmp_path, capsys, lang, code):
    """--lang took any string (`../x`); other commands refuse one that is no BCP 47 tag."""
    text = tmp_path / "t.txt"
    text.write_text("Una frase. Un'altra.\n", encoding="utf-8")
    assert main(["segment", str(text), "--lang", lang]) == code
    captured = capsys.readouterr()
    if code:
        assert "BCP 47" in captured.err and captured.err.count("\n") == 1 and not captured.out
    else:
        assert captured.out == "Una frase.\nUn'altra.\n"


PAGE_HTML = (
    "<html><head><title>Titolo</title><script>var x = 1; var y = 2;</script></head><body>"
    "<h1>Titolo</h1><p>Il governo <b>ha</b> approvato. Il ministro ha detto.</p></body></html>"
)
PAGE_MD = (
    "---\ntitle: Titolo\nimage: foto.jpg\n---\n\n"
    "Il governo **ha** approvato. Il ministro ha detto.\n"
)


@pytest.mark.parametrize(("name", "body"), [("p.html", PAGE_HTML), ("p.md", PAGE_MD)])
def test_a_page_or_markdown_file_is_segmented_as_translate_reads_it(tmp_path, capsys, name, body):
    """An HTML page was split as raw lines: tags, script and front matter printed as
    "sentences" (``<html><body><h1>Titolo</h1><p>Il governo <b>ha</b> approvato.``)."""
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    assert main(["segment", str(path), "--lang", "it"]) == 0
    out = capsys.readouterr().out
    assert out == "Titolo\n\nIl governo ha approvato.\nIl ministro ha detto.\n"


def test_a_document_json_is_segmented_not_its_json(tmp_path, capsys):
    from pipeline.document import Article, Block
    from pipeline.writers.document import render_document_json

    article = Article(id="a", source_lang="it", target_langs=[])
    article.blocks = [Block(id="b1", kind="paragraph", text="Primo punto. Secondo punto.")]
    path = tmp_path / "a.json"
    path.write_text(render_document_json(article), encoding="utf-8")
    assert main(["segment", str(path)]) == 0
    assert capsys.readouterr().out == "Primo punto.\nSecondo punto.\n"


HTML_TXT = (
    "<html><body><article><h1>Titolo</h1><p>Il governo ha approvato. Il ministro ha detto.</p>"
)


@pytest.mark.parametrize(
    ("args", "out"),
    [  # a .txt that is an HTML page: the HTML reader, as translate (was: its tags as lines)
        ([], "Titolo\n\nIl governo ha approvato.\nIl ministro ha detto.\n"),
        # --format txt: page text, as translate --format txt (its tags are the text)
        (["--format", "txt"], None),
    ],
)
def test_a_txt_is_read_as_translate_reads_it_and_format_forces_the_reader(
    tmp_path, capsys, args, out
):
    """``segment FILE.txt`` split lines without the readers: no sniffing, no --format."""
    path = tmp_path / "pezzo.txt"
    path.write_text(HTML_TXT + "</article></body></html>\n", encoding="utf-8")
    assert main(["segment", str(path), "--lang", "it", *args]) == 0
    printed = capsys.readouterr().out
    if out is not None:
        assert printed == out
    else:
        assert printed.startswith("<html><body><article><h1>Titolo</h1><p>Il governo")


def test_read_format_in_the_settings_file_forces_the_reader(tmp_path, capsys):
    path = tmp_path / "pezzo.txt"
    path.write_text(HTML_TXT + "</article></body></html>\n", encoding="utf-8")
    config = tmp_path / "mtpipe.toml"
    config.write_text('[read]\nformat = "txt"\n', encoding="utf-8")
    assert main(["segment", str(path), "--config", str(config)]) == 0
    assert capsys.readouterr().out.startswith("<html>")


def test_a_file_no_reader_takes_is_exit_3_naming_the_formats(tmp_path, capsys):
    path = tmp_path / "note.log"
    path.write_text("Una frase. Un'altra.\n", encoding="utf-8")
    assert main(["segment", str(path)]) == 3
    assert "not in a format mtpipe reads" in capsys.readouterr().err
    assert main(["segment", str(path), "--format", "txt"]) == 0  # as translate --format txt
    assert capsys.readouterr().out == "Una frase.\nUn'altra.\n"


def test_stdin_with_a_format_goes_through_that_reader(monkeypatch, capsys):
    _stdin(monkeypatch, (HTML_TXT + "</article></body></html>").encode())
    assert main(["segment", "-", "--format", "html", "--lang", "it"]) == 0
    assert capsys.readouterr().out == "Titolo\n\nIl governo ha approvato.\nIl ministro ha detto.\n"
    _stdin(monkeypatch, b"<p>Uno. Due.</p>\n")  # must not fire: no --format, lines as given
    assert main(["segment", "-", "--lang", "it"]) == 0
    assert capsys.readouterr().out == "<p>Uno.\nDue.</p>\n"


@pytest.mark.parametrize(
    ("body", "printed"),
    [
        (
            'Il testo {{< figure src="a.jpg"\n  caption="Una foto" >}} continua qui. Fine.\n',
            'Il testo {{< figure src="a.jpg" caption="Una foto" >}} continua qui.\nFine.\n'
            "\nUna foto",  # the caption, translated as its own block, is a paragraph too
        ),
        (  # a CRLF file, a tab, another shortcode delimiter
            'La foto {{% gallery dir="img"\r\n\t  class="wide" %}} mostra il ponte. Fine.\r\n',
            'La foto {{% gallery dir="img" class="wide" %}} mostra il ponte.\nFine.',
        ),
    ],
)
def test_a_shortcode_cut_by_a_line_break_prints_as_one_line(tmp_path, capsys, body, printed):
    """Each printed sentence is one line: a shortcode written over two lines was printed
    over two, so the output no longer had one sentence per line."""
    from pipeline.markup import strip, table_of

    path = tmp_path / "s.md"
    path.write_bytes(f"# Titolo\n\n{body}".encode())
    assert main(["segment", str(path), "--lang", "it"]) == 0
    assert capsys.readouterr().out == f"Titolo\n\n{printed}\n"
    stored = [strip(b.text, table_of(b.meta)) for b in read_article(path).blocks]
    assert any("\n" in t for t in stored)  # the stored text keeps its break for the writers


@pytest.mark.parametrize("cls", ["sr-only", "screen-reader-text", "visually-hidden"])
def test_screen_reader_text_is_left_out_as_the_text_output_leaves_it_out(tmp_path, capsys, cls):
    """The screen reader's date was printed glued to the visible one beside it
    (``Pubblicato il 12 marzo 202412/03``); ID.LANG.txt leaves it out."""
    page = tmp_path / "p.html"
    page.write_text(
        "<html><head><title>Titolo della pagina</title></head><body><article>"
        "<h1>Titolo della pagina</h1><p>Pubblicato il "
        f'<span class="{cls}">12 marzo 2024</span><span aria-hidden="true">12/03</span> '
        "dalla redazione comunale di Genova. Il sindaco ha parlato a lungo ai cittadini "
        "riuniti in piazza per la festa.</p><p>La riunione è finita tardi, dopo molte "
        "domande dei giornalisti presenti in sala.</p></article></body></html>",
        encoding="utf-8",
    )
    assert main(["segment", str(page)]) == 0
    out = capsys.readouterr().out
    assert "Pubblicato il 12/03 dalla redazione comunale di Genova." in out.splitlines()
    assert "marzo" not in out


@pytest.mark.parametrize(
    ("shortcode", "caption"),
    [
        ('{{< figure src="a.jpg" caption="Il ponte di notte" >}}', "Il ponte di notte"),
        ("{{< youtube abc123 >}}", None),  # a shortcode of no text: nothing at all
        ("{{% notice %}}", None),
    ],
)
def test_a_shortcode_alone_in_its_paragraph_is_no_sentence(tmp_path, capsys, shortcode, caption):
    """docs37 F9: the paragraph's segment is the bare marker `<x1/>`, which translate never
    sends to a model; segment printed the shortcode's syntax as a sentence. A shortcode
    inside a sentence stays in it, as the text output writes it; a caption (translated as
    its own block) is a paragraph after each."""
    path = tmp_path / "hugo.md"
    path.write_text(f"Prima frase.\n\n{shortcode}\n\nUn testo con {shortcode} dentro.\n")
    assert main(["segment", str(path), "--lang", "it"]) == 0
    inline = f"Un testo con {shortcode} dentro."
    expected = ["Prima frase.", caption, inline, caption] if caption else ["Prima frase.", inline]
    assert capsys.readouterr().out == "\n\n".join(expected) + "\n"
