"""Display math in Markdown (``$$``, ``\\[``, ``\\begin{env}``): kept as written, never MT
(hostile37, finding 6)."""

from __future__ import annotations

import pytest
from format_fixtures import translated

from pipeline.readers.markdown import parse_markdown
from pipeline.writers import render_markdown
from pipeline.writers.html import render_html
from pipeline.writers.text import render_text

_MATH = [
    "$$\nE = mc^2 \\quad \\text{dove la massa è grande}\n$$",  # the finding's examples
    "\\begin{equation}\nx = \\frac{a}{b}\n\\end{equation}",
    "\\[\n\\sum_{i=1}^{n} i < n^2\n\\]",
    "$$ \\text{governo} = a + b $$",
    "\\[ x^2 + y^2 = z^2 \\]",
    "\\begin{align*}\na &= b \\\\\nc &= d\n\\end{align*}",
]


def _article(block: str):
    return parse_markdown(f"# Titolo\n\nTesto del paragrafo.\n\n{block}\n\nFine.\n", "pezzo")


@pytest.mark.parametrize("block", _MATH)
def test_display_math_is_one_raw_block_kept_with_its_lines(block):
    """Was: a paragraph, its lines joined and sent to MT (the formula lost in outputs)."""
    article = _article(block)
    [math] = [b for b in article.blocks if "math" in b.meta]
    assert (math.kind, math.text, math.segments) == ("raw", block, [])
    assert [b.text for b in article.blocks if b.kind == "paragraph"] == [
        "Testo del paragrafo.",
        "Fine.",
    ]


def test_display_math_right_after_a_paragraphs_line_ends_the_paragraph():
    article = parse_markdown("# T\n\nLa formula:\n$$\nx^2\n$$\nE poi.\n", "pezzo")
    assert [b.text for b in article.blocks if "math" in b.meta] == ["$$\nx^2\n$$"]
    assert "La formula:" in [b.text for b in article.blocks]


@pytest.mark.parametrize(
    "block",
    [
        "$$x$$ e poi il testo della frase.",  # inline display math in a sentence
        "$$\nmai chiuso, il testo continua.",
        "$$\nuna riga\n\naltro paragrafo\n$$",  # a blank line: no math block
        "\\begin{equation}\nx\n\\end{align}",  # another environment's end
        "$$5 per il biglietto e $$10 per l'abbonamento.",
        "\\[[Continua a leggere](/x)\\]",  # brackets escaped around a link
        "\\[nota del redattore\\]",
    ],
)
def test_dollars_that_are_no_display_math_stay_text(block):
    article = _article(block)
    assert not [b for b in article.blocks if "math" in b.meta]


@pytest.mark.parametrize("block", _MATH[:3])
def test_every_output_keeps_display_math_as_written(tmp_path, block):
    path = tmp_path / "pezzo.md"
    path.write_text(f"# Titolo\n\nTesto del paragrafo.\n\n{block}\n\nFine.\n", encoding="utf-8")
    article, _ = translated(path, mode="upper", langs=("en",))
    assert block not in " ".join(s.source for s in article.text_segments())
    md = render_markdown(article, "en")
    assert f"\n\n{block}\n\n" in md and "TESTO DEL PARAGRAFO." in md
    assert f"\n\n{block}\n\n" in render_text(article, "en")
    escaped = block.replace("&", "&amp;").replace("<", "&lt;")
    assert f'<div class="math display">{escaped}</div>' in render_html(article, "en")
    again = parse_markdown(md, "pezzo")  # and reads back as math
    assert [b.text for b in again.blocks if "math" in b.meta] == [block]


@pytest.mark.parametrize(
    "formula",
    ["$legge = governo^2$", "$$\\text{governo}$$", "$\\{x\\} * y*z$", "$a<b$", "$a_1 + b_1$"],
)
def test_inline_math_is_one_literal_kept_as_written_in_every_output(tmp_path, formula):
    """Was: sent to MT, its backslashes escaped by the Markdown writer (``\\\\text``), ``\\{``
    read as ``{`` and ``*`` as emphasis by CommonMark."""
    path = tmp_path / "pezzo.md"
    path.write_text(f"# Titolo\n\nLa formula {formula} resta, $5 e $10 no.\n", encoding="utf-8")
    article, _ = translated(path, mode="upper", langs=("en",))
    assert [s.source for s in article.text_segments()][1] == "La formula <x1/> resta, $5 e $10 no."
    assert f"LA FORMULA {formula} RESTA, $5 E $10 NO." in render_markdown(article, "en")
    assert f"LA FORMULA {formula} RESTA" in render_text(article, "en")
    assert f"LA FORMULA {formula.replace('<', '&lt;')} RESTA" in render_html(article, "en")
