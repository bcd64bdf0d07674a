"""A comment or code fence left open to the end of the file: recorded, warned, never silent
(hostile37, findings 4 and 11)."""

from __future__ import annotations

import pytest

from pipeline.cli import main
from pipeline.errors import InputError
from pipeline.readers.html import parse_html_page
from pipeline.readers.markdown import parse_markdown

_REST = "\n\nSecondo paragrafo importante.\n\nTerzo paragrafo lungo con molte parole.\n"


@pytest.mark.parametrize(
    ("opener", "line", "close"),
    [
        ("<!-- nota redazione", 5, "-->"),  # the finding's example
        ("```", 5, "```"),  # the finding's example
        ("~~~~ python", 5, "~~~~"),
        ("<pre>", 5, "</pre>"),
        ("<![CDATA[", 5, "]]>"),
    ],
)
def test_a_construct_open_to_the_end_of_a_markdown_file_is_recorded_with_its_line(
    opener, line, close
):
    """CommonMark reads it to the end (a comment, code): the rest of the article is no text
    for MT, so the reader records its line, the text it hides and the fix."""
    article = parse_markdown(f"# Titolo\n\nPrimo paragrafo.\n\n{opener}{_REST}", "pezzo")
    [record] = article.meta["unclosed"]
    assert (record["line"], record["paragraphs"], record["close"]) == (line, 2, close)
    assert "Terzo paragrafo" in record["text"]


def test_the_line_of_an_unclosed_construct_counts_the_front_matter():
    article = parse_markdown(f"---\ntitle: Titolo\n---\n\nPrimo.\n\n```{_REST}", "pezzo")
    assert article.meta["unclosed"][0]["line"] == 7


@pytest.mark.parametrize(
    "source",
    [
        "<!-- nota -->\n\nSecondo paragrafo.\n",
        "<!-- nota\nsu due righe -->\n\nSecondo paragrafo.\n",
        "```\ncodice\n```\n\nSecondo paragrafo.\n",
        "```\ncodice\n`````\n",  # closed by a longer fence, at the end of the file
        "<script>\nvar a = 1;\n</script>\n\nSecondo paragrafo.\n",
        "```\n\n",  # open, but hiding no word
    ],
)
def test_closed_constructs_are_not_recorded(source):
    article = parse_markdown(f"# Titolo\n\nPrimo paragrafo.\n\n{source}", "pezzo")
    assert "unclosed" not in article.meta


def test_segment_and_translate_warn_with_the_line_and_the_fix(tmp_path, capsys):
    path = tmp_path / "nota.md"
    path.write_text(f"# Titolo\n\nPrimo paragrafo.\n\n<!-- nota redazione{_REST}")
    assert main(["segment", str(path)]) == 0
    err = capsys.readouterr().err
    assert "line 5: '<!-- nota redazione' (an HTML comment) is never closed" in err
    assert "2 paragraphs (68 characters)" in err and "close it with '-->'" in err
    from pipeline.runners.plan import note_unclosed

    logged: list[str] = []
    note_unclosed(parse_markdown(path.read_text(), "nota"), path, logged.append)
    assert logged == [line for line in err.splitlines() if "never closed" in line]


def test_a_markdown_file_all_inside_an_unclosed_fence_names_it():
    with pytest.raises(InputError, match=r"no text: line 1: '```' \(a code fence\)"):
        parse_markdown(f"```{_REST}", "pezzo")


_PAGE = "<p>Primo paragrafo.</p>\n<!-- nota\n<p>Secondo paragrafo importante.</p>\n<p>Terzo.</p>\n"


@pytest.mark.parametrize(
    ("page", "what"),
    [
        (_PAGE, "an HTML comment opened at line 2"),
        (_PAGE.replace("\n<!-- nota", "\n\n<!--nota"), "an HTML comment opened at line 3"),
    ],
)
def test_a_page_hidden_by_an_unclosed_comment_names_the_comment_and_the_fix(page, what):
    """Was: "no article found in the page (only navigation and chrome)": a page without any."""
    with pytest.raises(InputError) as err:
        parse_html_page(page, "pezzo")
    assert what in str(err.value)
    assert "close it with '" in str(err.value) and "chrome" not in str(err.value)


_ARTICLE = (
    "<html><body><article><h1>Il titolo</h1><p>Primo paragrafo lungo con molte parole sul "
    "sindaco di Genova e il piano per la città.</p>\n{comment}\n<p>Secondo paragrafo "
    "importante.</p>\n<p>Terzo paragrafo.</p></article></body></html>\n"
)


@pytest.mark.parametrize(
    ("opener", "close"),
    [
        ("<!-- nota", "-->"),
        ("<script>", "</script>"),  # raw text left open hides the rest the same way
        ('<style type="text/css">', "</style>"),
        ("<textarea>", "</textarea>"),
    ],
)
def test_a_page_whose_rest_an_unclosed_comment_hides_is_recorded(opener, close):
    article = parse_html_page(_ARTICLE.format(comment=opener), "pezzo")
    [record] = article.meta["unclosed"]
    assert (record["line"], record["paragraphs"], record["kept"]) == (2, 2, "in no output")
    assert record["close"] == close


@pytest.mark.parametrize(
    "comment", ["<!-- nota -->", "<!-->", "<!--->", "<script>var a = '<!--';</script>"]
)
def test_closed_comments_and_comment_openers_in_scripts_are_not_recorded(comment):
    article = parse_html_page(_ARTICLE.format(comment=comment), "pezzo")
    assert "unclosed" not in article.meta


def test_a_wordpress_posts_content_left_open_by_a_comment_is_recorded():
    import json

    from pipeline.readers.wordpress import parse_wordpress

    content = "<p>Primo paragrafo lungo.</p>\n<!-- nota\n<p>Secondo.</p>\n<p>Terzo.</p>\n"
    post = {"title": {"rendered": "Il titolo"}, "content": {"rendered": content}}
    article = parse_wordpress(json.dumps(post), "pezzo")
    [record] = article.meta["unclosed"]
    assert (record["field"], record["line"], record["paragraphs"]) == ("content", 2, 2)
