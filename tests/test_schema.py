"""Untrusted documents and JSONL lines: validated at the boundary, one InputError naming the file.

Property tests (hypothesis): random bytes, random JSON and random changes to a
valid document give either an article or an InputError, never another exception.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import schema
from pipeline.document import Article, Block, Finding, Segment, Translation
from pipeline.errors import InputError
from pipeline.read import decode_text, parse_document_json


def _doc() -> dict[str, Any]:
    seg = Segment(
        id="b2.s1",
        source="Kim ha detto basta.",
        translations={"en": Translation("Kim said enough.", "mt", "m@rev")},
        findings=[Finding("number", "error", "missing 10,000", "en", (3, 9))],
    )
    article = Article(
        id="kim",
        source_lang="it",
        target_langs=["en", "fr"],
        blocks=[Block("b1", "title", "Titolo"), Block("b2", "paragraph", seg.source, [seg])],
        meta={"title": "Titolo", "tags": ["a", {"b": 1}]},
    )
    return article.to_dict()


def _set(doc: dict, path: tuple, value: Any) -> dict:
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return doc


SEG = ("blocks", 1, "segments", 0)
# (where in the document, bad value, words the message must hold)
BAD_VALUES = [
    ((*SEG, "translations", "en", "text"), 12345, "translations.en.text: expected `str`"),
    ((*SEG, "translations", "en", "text"), None, "translations.en.text"),
    ((*SEG, "translations", "en", "origin"), "human?", "origin"),
    ((*SEG, "findings", 0, "severity"), "fatal", "severity"),
    ((*SEG, "findings", 0, "severity"), 3, "severity"),
    ((*SEG, "findings", 0, "span"), [5], "span"),
    ((*SEG, "translations", "en", "score"), float("-inf"), "score"),
    ((*SEG, "translations", "en", "score"), 0.5, "score"),
    ((*SEG, "source"), "\ud800", "lone surrogates"),
    ((*SEG, "translations", "en", "text"), "a\x00b", "NUL"),
    (("blocks", 0, "text"), "Titolo\x1b[31m", "control characters"),
    (("meta", "title"), "bad\x00", "meta"),
    (("meta", "nested"), {"k": ["\udfff"]}, "meta"),
    (("target_langs",), ["x/../../../evil"], "target_langs"),
    (("target_langs",), ["en", "../fr"], "target_langs"),
    (("target_langs",), ["xx"], "BCP 47"),
    (("source_lang",), "it/..", "source_lang"),
    (("id",), "../../etc/passwd", "id"),
    (("id",), "a" * 201, "id"),
    (("blocks", 0, "kind"), "script", "kind"),
    (("blocks",), {"b1": {}}, "blocks"),
    (("version",), True, "version"),
]


@pytest.mark.parametrize("path, value, words", BAD_VALUES)
def test_bad_values_are_one_input_error_naming_file_and_field(path, value, words):
    doc = _set(_doc(), path, value)
    with pytest.raises(InputError) as exc:
        parse_document_json(json.dumps(doc), "docs/kim.json")
    msg = str(exc.value)
    assert msg.startswith("docs/kim.json: ") and "\n" not in msg
    assert words in msg, msg


def test_translation_keys_and_finding_languages_must_be_language_tags():
    for bad in ("../en", "en/x", "xx"):
        doc = _doc()
        seg = doc["blocks"][1]["segments"][0]
        seg["translations"][bad] = seg["translations"].pop("en")
        with pytest.raises(InputError, match="docs/kim.json"):
            Article.from_dict(doc, "docs/kim.json")


def test_duplicate_ids_name_the_file():
    doc = _doc()
    doc["blocks"][0]["id"] = "b2"
    with pytest.raises(InputError, match=r"^docs/kim.json: block id 'b2' appears twice"):
        Article.from_dict(doc, "docs/kim.json")


def test_a_valid_document_round_trips():
    doc = _doc()
    assert Article.from_dict(json.loads(json.dumps(doc))).to_dict() == doc


@pytest.mark.parametrize(
    "line, words",
    [
        ({"src": 5}, "src: expected `str`, got `int`"),
        ({"tgt": 5}, "tgt: expected `str | null`, got `int`"),
        ({"tgt": "a\x00"}, "tgt: expected text"),
        ({"src": "\ud800"}, "lone surrogates"),
        ({"tgt_lang": "../en"}, "tgt_lang"),
        ({"id": None}, "id"),
    ],
)
def test_generic_lines_are_validated(line, words):
    good = {"id": "1", "src": "Ciao", "tgt": "Hello", "src_lang": "it", "tgt_lang": "en"}
    with pytest.raises(InputError) as exc:
        schema.check_lines([good, {**good, **line}], True, "in.jsonl")
    assert str(exc.value).startswith("in.jsonl: line 2: ") and words in str(exc.value)


@pytest.mark.parametrize(
    "line, words",
    [
        ({"en": 5}, "en"),
        ({"fr": ["x"]}, "fr"),
        ({"src": None}, "src"),
        ({"kind": "script"}, "kind"),
        ({"origin": {"en": "guess"}}, "origin"),
        ({"en": "ok\x00"}, "NUL"),
    ],
)
def test_aligned_lines_are_validated(line, words):
    good = {"id": "b1.s1", "src": "Ciao", "kind": "paragraph", "en": "Hi", "fr": None}
    schema.check_lines([good], False, "a.aligned.jsonl")
    with pytest.raises(InputError, match=f"^a.aligned.jsonl: line 1: .*{words}"):
        schema.check_lines([{**good, **line}], False, "a.aligned.jsonl")


# --- property tests -------------------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.binary(max_size=400))
def test_random_bytes_give_an_article_or_an_input_error(data):
    try:
        parse_document_json(decode_text(data, "x.json"), "x.json")
    except InputError as exc:
        assert str(exc).startswith("x.json: ")


@FAST
@given(JSON)
def test_random_json_gives_an_article_or_an_input_error(value):
    with contextlib.suppress(InputError):
        parse_document_json(json.dumps(value), "x.json")


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else []
    )
    for key, child in items:
        found += _paths(child, (*prefix, key))
    return found


@FAST
@given(st.data())
def test_random_changes_to_a_valid_document_give_an_article_or_an_input_error(data):
    doc = _doc()
    path = data.draw(st.sampled_from(_paths(doc)))
    doc = _set(doc, path, data.draw(JSON))
    try:
        article = parse_document_json(json.dumps(doc), "x.json")
    except InputError as exc:
        assert str(exc).startswith("x.json: ") and "\n" not in str(exc)
    else:
        assert isinstance(article, Article)


@FAST
@given(st.lists(st.dictionaries(st.text(max_size=8), JSON, max_size=6), min_size=1, max_size=3))
def test_random_jsonl_lines_are_valid_or_an_input_error(lines):
    for generic in (True, False):
        try:
            schema.check_lines(lines, generic, "x.jsonl")
        except InputError as exc:
            assert str(exc).startswith("x.jsonl: line ")


def test_deeply_nested_json_is_an_input_error():
    with pytest.raises(InputError, match="nested too deeply"):
        parse_document_json("[" * 100_000 + "]" * 100_000, "x.json")


@pytest.mark.parametrize(
    "field, value",
    [
        ("target_langs", ["x/../../../evil"]),
        ("target_langs", ["en", "../../evil"]),
        ("source_lang", "../it"),
        ("id", "../../evil"),
    ],
)
def test_translate_refuses_a_document_whose_fields_would_become_paths(
    tmp_path, tiny_models, capsys, field, value
):
    from pipeline.cli import main

    work = tmp_path / "work"
    work.mkdir()
    doc = _set(_doc(), (field,), value)
    (work / "evil.json").write_text(json.dumps(doc), encoding="utf-8")
    code = main(
        [
            "translate",
            str(work / "evil.json"),
            "--to",
            "en",
            "--out",
            str(work / "out2"),
            "--no-memory",
            "--quiet",
            f"--model-dir=it-en={tiny_models['it-en']}",
        ]
    )
    assert code == 3
    err = capsys.readouterr().err
    assert f"{work / 'evil.json'}: {field}" in err and err.count("\n") == 1, err
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["evil.json", "work"]


@pytest.mark.parametrize("bad", ["\\u0000", "\\ud800", "\\udfff tail", "\\u001b[31m"])
def test_wordpress_json_escapes_that_are_no_text_are_refused_not_dropped(tmp_path, bad):
    from pipeline.readers import read_article

    post = tmp_path / "post.json"
    post.write_text(
        '{"id": 5, "type": "post", "slug": "p", "title": {"rendered": "Titolo"}, '
        f'"content": {{"rendered": "<p>Una frase {bad} e il resto.</p>"}}}}',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=f"^{post}: expected text without NUL"):
        read_article(post)


def test_plain_two_letter_languages_agree_with_langcodes():
    """The fast path (Babel's CLDR locales) accepts only tags langcodes finds valid and standard."""
    import re

    import langcodes
    from babel import localedata

    from pipeline.schema import _plain_language, lang_tag_is_valid, standard_tag

    plain = [t for t in localedata.locale_identifiers() if re.fullmatch("[a-z]{2}", t)]
    assert len(plain) > 100 and all(_plain_language(t) for t in plain)
    for tag in plain:
        assert langcodes.tag_is_valid(tag) and langcodes.standardize_tag(tag) == tag, tag
    assert not _plain_language("IT") and standard_tag("IT") == "it"
    assert standard_tag("pt-br") == "pt-BR" and not lang_tag_is_valid("xx")


def test_default_settings_load_without_importing_langcodes():
    """langcodes' registry (about 50 ms) is imported only for a tag outside the fast path."""
    import subprocess
    import sys

    code = (
        "import sys; from pipeline.config import load_config; "
        "load_config(None, {'translate.targets': ['en', 'fr']}); print('langcodes' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
