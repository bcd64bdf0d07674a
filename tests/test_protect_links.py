"""Links the model dropped come back valid in every writer: never a link inside a link.

The whole path a user runs: a reader's markers -> placeholders -> a model that loses
them -> restore and markup repair -> the HTML, Markdown and WordPress writers.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import pytest
from markdown_it import MarkdownIt

from pipeline.protect import PLACEHOLDER
from pipeline.writers import render_html, render_markdown, render_wordpress

WATERFALL = "https://en.wikipedia.org/wiki/Gullfoss"
ICELAND = "https://demo.worona.org/iceland/"
PARAGRAPH = (
    f'<a href="{WATERFALL}">Gullfoss</a> è una delle più popolari '
    f'<a href="{ICELAND}">attrazioni turistiche dell\'Islanda</a>. Il fiume scorre a sud.'
)


def _inputs(tmp_path: Path) -> dict[str, Path]:
    """The paragraph with two links as an HTML page, a Markdown file and a WordPress post."""
    html = tmp_path / "cascata.html"
    html.write_text(
        "<html><head><title>Gullfoss</title></head><body><article><h1>Gullfoss</h1>"
        f"<p>{PARAGRAPH}</p></article></body></html>",
        encoding="utf-8",
    )
    md = tmp_path / "cascata.md"
    md.write_text(
        "# Gullfoss\n\n[Gullfoss](" + WATERFALL + ") è una delle più popolari "
        "[attrazioni turistiche dell'Islanda](" + ICELAND + "). Il fiume scorre a sud.\n",
        encoding="utf-8",
    )
    wp = tmp_path / "cascata.json"
    post = {"id": 60, "type": "post", "title": {"rendered": "Gullfoss"}}
    post["content"] = {"rendered": f"<p>{PARAGRAPH}</p>"}
    wp.write_text(json.dumps(post, ensure_ascii=False), encoding="utf-8")
    return {"html": html, "markdown": md, "wordpress": wp}


def _drop_all(text: str) -> str:
    """A model that loses every placeholder (tiny random models often do)."""
    return " ".join(PLACEHOLDER.sub(" ", text).split())


def _keep_one_around_all(text: str) -> str:
    """A model that puts the first link around the whole sentence and loses the second."""
    if "Z3X" not in text:
        return text
    return "Z1X" + _drop_all(text) + "Z2X"


def _translate(path: Path, fake_backend, mangle):
    from pipeline.localise import localise_article
    from pipeline.readers import read_article
    from pipeline.segment import segment_article
    from pipeline.translate import translate_articles

    article = segment_article(read_article(path))
    translate_articles([article], {"en": fake_backend(mangle)})
    localise_article(article)
    return article


def _html_links(fragment: str) -> list[tuple[str, str, bool]]:
    """``(href, text, nested)`` of each ``<a>`` of ``fragment`` as a browser parses it."""
    doc = html5lib.parseFragment(fragment, treebuilder="lxml", namespaceHTMLElements=False)
    out = []
    for node in doc:
        if isinstance(node, str) or not isinstance(node.tag, str):
            continue
        for a in node.iter("a"):
            nested = any(p.tag == "a" for p in a.iterancestors())
            out.append((a.get("href"), "".join(a.itertext()).strip(), nested))
    return out


def _markdown_links(md: str) -> list[tuple[str, str]]:
    """``(href, text)`` of each CommonMark link of ``md``."""
    links, current = [], None
    for block in MarkdownIt("commonmark").parse(md):
        for tok in block.children or []:
            if tok.type == "link_open":
                assert current is None, md
                current = [tok.attrs["href"], ""]
            elif tok.type == "link_close":
                links.append((current[0], current[1].strip()))
                current = None
            elif current is not None:
                current[1] += tok.content
    return links


def _rendered(fmt: str, article) -> list[tuple[str, str, bool]]:
    """The links of the English output of ``article`` in its own format's writer."""
    if fmt == "markdown":
        md = render_markdown(article, "en")
        assert "](" not in re.sub(r"\[[^\[\]]*\]\([^()]*\)", "", md), md  # no link in a link
        return [(href, text, False) for href, text in _markdown_links(md)]
    if fmt == "wordpress":
        return _html_links(json.loads(render_wordpress(article, "en"))["content"])
    return _html_links(render_html(article, "en"))


@pytest.mark.parametrize("mangle", [_drop_all])
@pytest.mark.parametrize("fmt", ["html", "markdown", "wordpress"])
def test_two_dropped_links_come_out_as_two_valid_links_with_text(
    tmp_path, fake_backend, fmt, mangle
):
    article = _translate(_inputs(tmp_path)[fmt], fake_backend, mangle)
    links = _rendered(fmt, article)
    assert sorted(href for href, _, _ in links) == sorted([WATERFALL, ICELAND])
    assert not any(nested for _, _, nested in links)
    assert all(text for _, text, _ in links), links  # neither link left empty
    text = {href: words for href, words, _ in links}
    assert "Gullfoss" in text[WATERFALL] and "Islanda" in text[ICELAND]
    if mangle is _drop_all:  # each link around its own words
        assert "Islanda" not in text[WATERFALL] and "Gullfoss" not in text[ICELAND]
    found = [f for s in article.segments() for f in s.findings if f.check == "placeholder_repair"]
    assert found  # QA still reports the repair


def _too_few_words(text: str) -> str:
    """A model that keeps one English word of the sentence with the two links, no placeholder."""
    return "Popular." if "Z3X" in text else "The river flows south."


def _empty_links(text: str) -> str:
    """A model that keeps every placeholder but closes each link before any word."""
    if "Z3X" not in text:
        return "The river flows south."
    return "Z1XZ2X Gullfoss is one of the most popular Z3X Z4X sights in Iceland."


def _markup_findings(article) -> str:
    return " ".join(f.message for s in article.segments() for f in s.findings)


@pytest.mark.parametrize("mangle", [_keep_one_around_all, _too_few_words])
@pytest.mark.parametrize("fmt", ["html", "markdown", "wordpress"])
def test_a_link_with_no_place_is_left_out_and_named_never_filled_with_source_text(
    tmp_path, fake_backend, fmt, mangle
):
    article = _translate(_inputs(tmp_path)[fmt], fake_backend, mangle)
    links = _rendered(fmt, article)
    # around everything, the model left no free words for the other link; one English word
    # for a sentence of fourteen shows nowhere where either goes
    assert [href for href, _, _ in links] == ([WATERFALL] if mangle is _keep_one_around_all else [])
    assert all(text and not nested for _, text, nested in links)
    inner = "attrazioni turistiche dell'Islanda"
    target = next(s for s in article.segments() if "Islanda" in s.source)
    # the lost link's Italian words are never put into the target beside the model's words
    assert target.translations["en"].text.count("attrazioni") == (mangle is _keep_one_around_all)
    # the editor is told which link to restore: its source text and its URL
    assert inner in _markup_findings(article) and ICELAND in _markup_findings(article)


@pytest.mark.parametrize("fmt", ["html", "markdown", "wordpress"])
def test_links_the_model_closed_before_any_word_never_come_out_empty(tmp_path, fake_backend, fmt):
    article = _translate(_inputs(tmp_path)[fmt], fake_backend, _empty_links)
    links = _rendered(fmt, article)
    assert sorted(href for href, _, _ in links) == sorted([WATERFALL, ICELAND])
    assert all(any(c.isalnum() for c in text) for _, text, _ in links), links
    assert dict((h, t) for h, t, _ in links)[WATERFALL] == "Gullfoss"
    found = [f for s in article.segments() for f in s.findings if f.check == "placeholder_repair"]
    assert any("no words" in f.message for f in found)


@pytest.mark.parametrize("fmt", ["html", "markdown", "wordpress"])
def test_a_human_translation_with_an_empty_link_is_written_without_it(tmp_path, fake_backend, fmt):
    from pipeline.document import ORIGIN_HUMAN, Translation

    article = _translate(_inputs(tmp_path)[fmt], fake_backend, _drop_all)
    seg = next(s for s in article.segments() if "Islanda" in s.source)
    words = "<g1> </g1>Gullfoss is one of the most popular <g2>sights of Iceland</g2>."
    seg.translations["en"] = Translation(text=words, origin=ORIGIN_HUMAN)
    links = _rendered(fmt, article)
    assert [(href, text) for href, text, _ in links] == [(ICELAND, "sights of Iceland")]


ANSA, REPUBBLICA = "https://www.ansa.it/r", "https://www.repubblica.it/r"
SOURCES = (
    f'Secondo <a href="{ANSA}">Ansa</a> e <a href="{REPUBBLICA}">Repubblica</a> le famiglie '
    "sono cento."
)


def _swap_links(text: str) -> str:
    """A model that keeps the names but puts each link's placeholders on the other name."""
    swapped = {"Z1X": "Z3X", "Z2X": "Z4X", "Z3X": "Z1X", "Z4X": "Z2X"}
    out = re.sub(r"Z\dX", lambda m: swapped.get(m.group(0), m.group(0)), text)
    return out.replace("Secondo", "According to").replace("le famiglie sono cento", "100 left")


@pytest.mark.parametrize("fmt", ["html", "markdown", "wordpress"])
def test_links_the_model_swapped_go_back_around_their_own_names(tmp_path, fake_backend, fmt):
    """A model that swapped two links' placeholders made "Ansa" link to Repubblica's page
    and back, with no finding: each name pointed at the other source."""
    md = SOURCES.replace(f'<a href="{ANSA}">Ansa</a>', f"[Ansa]({ANSA})").replace(
        f'<a href="{REPUBBLICA}">Repubblica</a>', f"[Repubblica]({REPUBBLICA})"
    )
    paths = {
        "html": ("fonti.html", f"<html><head><title>Fonti</title></head><body><article>"
                 f"<h1>Fonti</h1><p>{SOURCES}</p></article></body></html>"),
        "markdown": ("fonti.md", f"# Fonti\n\n{md}\n"),
        "wordpress": ("fonti.json", json.dumps(
            {"id": 1, "title": {"rendered": "Fonti"}, "content": {"rendered": f"<p>{SOURCES}</p>"}}
        )),
    }  # fmt: skip
    name, text = paths[fmt]
    (tmp_path / name).write_text(text, encoding="utf-8")
    article = _translate(tmp_path / name, fake_backend, _swap_links)
    links = {href: words for href, words, _ in _rendered(fmt, article)}
    assert links == {ANSA: "Ansa", REPUBBLICA: "Repubblica"}
    found = [f for s in article.segments() for f in s.findings if f.check == "placeholder_repair"]
    assert any("placed again around its own" in f.message for f in found)


def test_a_pair_around_its_own_words_is_never_moved_for_a_name_it_shares():
    """Only a swap moves pairs: the same name twice, a nested pair, a short word stay."""
    from pipeline.protect import Protector

    for source, output in [
        ("<g1>Roma</g1> batte la <g2>Lazio</g2> a Roma.", "Z1XRomaZ2X beat Z3XLazioZ4X in Roma."),
        ("Il <g1>professor <g2>Rossi</g2></g1> parla.", "Z1XProfessor Z3XRossiZ4XZ2X speaks."),
        ("<g1>Lazio</g1> e <g2>la</g2> Roma.", "Z1Xla LazioZ2X and Z3XRomaZ4X."),
    ]:
        text, problems = Protector().protect(source).restore(output)
        assert "moved" not in {p.kind for p in problems}, (source, text)
