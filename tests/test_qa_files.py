"""One QA driver: a document, its aligned JSONL and generic pair lines give the same findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qa_fixtures import sample_article

from pipeline.config import QASettings
from pipeline.document import Finding
from pipeline.errors import InputError
from pipeline.qa.files import Outputs, check_file, qa_file
from pipeline.qa.lines import parse_aligned, parse_pairs
from pipeline.write import aligned_records, render_aligned_jsonl, render_document_json


def _findings(rows) -> dict[str, set[tuple[str, str, str]]]:
    return {r.id: {(f.check, f.severity, f.lang) for f in r.findings} for r in rows}


def _broken_article():
    article = sample_article()
    # An untranslated French title and a changed number in English: pair findings on top of
    # the source-side ones (Belousov / Beloúsov).
    title = article.blocks[2].segments[0]
    title.translations["fr"].text = title.source
    para = article.blocks[5].segments[0]
    para.translations["en"].text = para.translations["en"].text.replace("10,000", "12,000")
    return article


def test_document_and_aligned_jsonl_give_the_same_findings(tmp_path: Path) -> None:
    article = _broken_article()
    repaired = article.blocks[3].segments[0]  # a finding the translate stage added
    repaired.findings.append(Finding("placeholder_repair", "error", "Z1X was dropped", "en"))
    doc = tmp_path / "kim.json"
    doc.write_text(render_document_json(article), encoding="utf-8")
    aligned = tmp_path / "kim.aligned.jsonl"
    aligned.write_text(render_aligned_jsonl(article), encoding="utf-8")
    _, from_doc = check_file(doc, QASettings())
    _, from_jsonl = check_file(aligned, QASettings())
    assert _findings(from_doc) == _findings(from_jsonl)
    variant = {r.id for r in from_jsonl if any(f.check == "name_variant" for f in r.findings)}
    assert variant  # the source-side check runs on the aligned JSONL too
    flat = {c for fs in _findings(from_jsonl).values() for c, _, _ in fs}
    assert {"untranslated", "number", "name_variant", "placeholder_repair"} <= flat
    assert ("placeholder_repair", "error", "en") in _findings(from_jsonl)[repaired.id]


def test_aligned_reader_mirrors_the_writer() -> None:
    article = sample_article()
    back = parse_aligned(aligned_records(article), "kim.aligned.jsonl")
    assert back.id == article.id and back.source_lang == article.source_lang
    assert back.target_langs == article.target_langs
    assert [b.kind for b in back.blocks] == [b.kind for b in article.blocks]
    for a, b in zip(article.segments(), back.segments(), strict=True):
        assert (a.id, a.source, a.msgid) == (b.id, b.source, b.msgid)
        assert {k: (t.text, t.origin) for k, t in a.translations.items()} == {
            k: (t.text, t.origin) for k, t in b.translations.items()
        }


def test_aligned_reader_keeps_model_scores() -> None:
    article = sample_article()
    article.blocks[3].segments[0].translations["en"].score = -0.25
    back = parse_aligned(aligned_records(article), "x")
    assert back.blocks[3].segments[0].translations["en"].score == -0.25
    assert back.blocks[3].segments[0].translations["fr"].score is None


def test_generic_lines_keep_input_order_across_language_pairs(tmp_path: Path) -> None:
    rows = [
        {
            "id": 1,
            "src": "Sono 45 euro.",
            "tgt": "It is 75 euros.",
            "src_lang": "it",
            "tgt_lang": "en",
        },
        {
            "id": 2,
            "src": "Sono 45 euro.",
            "tgt": "C'est 45 euros.",
            "src_lang": "it",
            "tgt_lang": "fr",
        },
        {
            "id": 3,
            "src": "Sono 45 euro.",
            "tgt": "It is 45 euros.",
            "src_lang": "it",
            "tgt_lang": "en",
        },
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = qa_file(path, QASettings(), Outputs(no_report=True))
    assert [r.id for r in result.rows] == ["1", "2", "3"]
    assert [bool(r.findings) for r in result.rows] == [True, False, False]
    assert result.failing == 1
    written = (tmp_path / "pairs.qa.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in written] == ["1", "2", "3"]
    assert len(parse_pairs(rows, "pairs.jsonl")) == 2


@pytest.mark.parametrize(
    "rec",
    [
        {"id": "a", "src": 5, "tgt": "x", "src_lang": "it", "tgt_lang": "en"},
        {"id": "a", "src": "x", "src_lang": "it", "tgt_lang": "en"},
        {"id": "a", "src": "x", "tgt": ["x"], "src_lang": "it", "tgt_lang": "en"},
    ],
)
def test_bad_generic_line_is_an_input_error_naming_the_line(rec: dict) -> None:
    with pytest.raises(InputError, match="line 1"):
        parse_pairs([rec], "pairs.jsonl")


def test_aligned_line_of_unknown_kind_is_an_input_error() -> None:
    with pytest.raises(InputError, match="line 2: kind: .junk. is not one of"):
        parse_aligned([{"id": "a", "src": "x"}, {"id": "b", "src": "y", "kind": "junk"}], "f")


# A name one translation leaves out (named_entity: a warning alone) and a line whose
# translation keeps it: an error only when that line is of the same article.
_DROPPED = (
    "Il segretario era felice che Glitter fosse stato fermato dal viaggiare in Francia.",
    "The Home Secretary was glad that he had been stopped from travelling to France.",
)
_KEPT = ("Glitter è stato arrestato ieri sera.", "Glitter was arrested last night.")


def _pair_line(n: int, pair: tuple[str, str], **doc: object) -> dict:
    return {"id": n, "src": pair[0], "tgt": pair[1], "src_lang": "it", "tgt_lang": "en", **doc}


def _name_severities(tmp_path: Path, lines: list[dict], generic: bool) -> list[str]:
    path = tmp_path / ("pairs.jsonl" if generic else "joined.aligned.jsonl")
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    _, rows = check_file(path, QASettings(), generic=generic)
    return [f.severity for f in rows[0].findings if f.check == "named_entity"]


@pytest.mark.parametrize(
    ("docs", "expected"),
    [
        ((None, None), ["warning"]),  # no document named: the lines may be any articles
        (({"doc": "a"}, {"doc": "b"}), ["warning"]),  # another article keeps the name
        (({"docid": "a"}, {"docid": "a"}), ["error"]),  # the same article keeps it
        (({"article": 7}, {"article": 7}), ["error"]),
        (({"doc_id": "a"}, None), ["warning"]),
        (({"document": ""}, {"document": ""}), ["warning"]),  # an empty name names nothing
    ],
)
def test_generic_lines_look_for_a_kept_name_only_in_lines_of_their_document(
    tmp_path: Path, docs: tuple, expected: list[str]
) -> None:
    """`mtpipe qa --jsonl` lines may come from many articles: a name kept by the
    translation of an unrelated line said nothing about this one, yet made it an error."""
    lines = [_pair_line(1, _DROPPED, **(docs[0] or {})), _pair_line(2, _KEPT, **(docs[1] or {}))]
    assert _name_severities(tmp_path, lines, generic=True) == expected


@pytest.mark.parametrize(("second", "expected"), [("kim", ["error"]), ("other", ["warning"])])
def test_aligned_lines_of_several_articles_look_only_within_their_article(
    tmp_path: Path, second: str, expected: list[str]
) -> None:
    """Aligned JSONL files joined into one (`cat out/*.aligned.jsonl`): each line's
    `article` bounds the name check's nearby translations, as one document would."""
    lines = [
        {"id": "b0.s0", "src": _DROPPED[0], "en": _DROPPED[1], "article": "kim", "block": "b0"},
        {"id": "b1.s0", "src": _KEPT[0], "en": _KEPT[1], "article": second, "block": "b1"},
    ]
    assert _name_severities(tmp_path, lines, generic=False) == expected


def test_a_document_looks_for_a_kept_name_in_its_own_article_only(tmp_path: Path) -> None:
    """The translate stage checks one article at a time (finish_article), and mtpipe qa of
    an ID.json the one article it holds: another article keeping the name changes nothing."""
    from pipeline.config import Config
    from pipeline.document import Article, Block, Segment, Translation
    from pipeline.runners.process import finish_article

    def article(aid: str, pairs: list[tuple[str, str]]) -> Article:
        art = Article(id=aid, source_lang="it", target_langs=["en"])
        for n, (src, tgt) in enumerate(pairs):
            seg = Segment(f"b{n}.s0", src, translations={"en": Translation(tgt, "mt")})
            art.blocks.append(Block(f"b{n}", "paragraph", src, [seg]))
        return art

    def severities(art: Article) -> list[str]:
        return [f.severity for f in art.blocks[0].segments[0].findings if f.check == "named_entity"]

    alone, other = article("a", [_DROPPED]), article("b", [_KEPT])
    for art in (alone, other):
        finish_article(art, Config(), True)
    assert severities(alone) == ["warning"]
    both = article("ab", [_DROPPED, _KEPT])
    finish_article(both, Config(), True)
    assert severities(both) == ["error"]
    path = tmp_path / "ab.json"
    path.write_text(render_document_json(article("ab", [_DROPPED, _KEPT])), encoding="utf-8")
    _, rows = check_file(path, QASettings())
    assert [f.severity for f in rows[0].findings if f.check == "named_entity"] == ["error"]
