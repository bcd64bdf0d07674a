"""The Markdown reader: shortcodes, footnotes, definition lists, HTML blocks."""

from __future__ import annotations

import time

import pytest

from pipeline.readers.markdown import parse_markdown


def _literals(article) -> list[str]:
    """The text of every literal marker (Markdown syntax kept as written) of ``article``."""
    return [
        e["text"]
        for b in article.blocks
        for e in (b.meta.get("markup") or {}).values()
        if e.get("markdown")
    ]


@pytest.mark.parametrize(
    "source",
    [
        '`{{< figure src="a.jpg"\n  caption="Una foto" >}}` e il testo.',
        '```\n[caption id="x" align="alignnone"]\n<img src="p.jpg">\nUna foto[/caption]\n```',
    ],
)
def test_a_shortcode_in_code_stays_code(source):
    """Code shows a shortcode as text: it is no shortcode there (no marker, no alt)."""
    article = parse_markdown(f"# Il titolo\n\n{source}\n", "pezzo")
    assert not _literals(article)
    assert not [b for b in article.blocks if b.kind == "alt"]
    code = [e["text"] for b in article.blocks for e in (b.meta.get("markup") or {}).values()] + [
        b.text for b in article.blocks if "code" in b.meta
    ]
    assert any("caption=" in c or "caption id=" in c for c in code)


def test_a_shortcodes_text_attributes_are_alt_blocks_and_the_others_are_not():
    article = parse_markdown(
        '# T\n\n{{< figure src="a.jpg" class="largo"\n  alt="La sala" caption="Una foto" '
        'attr="Ansa" >}}\n',
        "pezzo",
    )
    alts = {b.meta["attr_of"][2]: b.text for b in article.blocks if b.kind == "alt"}
    assert alts == {"alt": "La sala", "caption": "Una foto"}


@pytest.mark.parametrize(
    ("piece", "kept"),
    [("x [/a] [b] [c d] ", "[c d]"), ("x {{< y ", "{{< y"), ("x {{% y ", "{{% y")],
)
def test_a_paragraph_of_very_many_brackets_is_read_in_linear_time(piece, kept):
    """Each ``[`` or ``{{<`` looks for its shortcode's end; the paragraph is scanned once,
    not once per bracket (``{{< y`` 20,000 times without an end took 33 s)."""
    start = time.monotonic()
    article = parse_markdown("# T\n\n" + piece * 20_000 + "\n", "pezzo")
    assert time.monotonic() - start < 10
    assert kept in article.blocks[-1].text and not _literals(article)


def test_a_real_code_block_after_a_paragraph_stays_code():
    """Only what follows a footnote definition is its continuation."""
    article = parse_markdown("# T\n\nUn paragrafo.\n\n    codice = 1\n", "pezzo")
    assert [b.text for b in article.blocks if "code" in b.meta] == ["codice = 1\n"]
    assert not [b for b in article.blocks if b.meta.get("footnote")]
