"""`mtpipe qa`: document JSON or aligned/generic JSONL in; findings JSONL + report out; exit 0/5."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from qa_fixtures import sample_article

from pipeline.cli import main
from pipeline.write import render_aligned_jsonl, render_document_json

SRC = (
    "Stati Uniti e Corea del Sud denunciano l'invio di oltre 10.000 soldati nordcoreani in Russia "
    "per aiutare nella guerra contro l'Ucraina."
)
GOOD = (
    "The United States and South Korea denounce the sending of more than 10,000 North Korean "
    "soldiers to Russia to help in the war against Ukraine."
)


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
    )
    return path


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_generic_jsonl_clean_exits_0_with_one_line_per_input(tmp_path: Path) -> None:
    src = _write_jsonl(
        tmp_path / "pairs.jsonl",
        [
            {"id": "a", "src": SRC, "tgt": GOOD, "src_lang": "it", "tgt_lang": "en"},
            {
                "id": "b",
                "src": "Foto: AFP.",
                "tgt": "Photo : AFP.",
                "src_lang": "it",
                "tgt_lang": "fr",
            },
        ],
    )
    assert main(["qa", "--jsonl", str(src)]) == 0
    out = _lines(tmp_path / "pairs.qa.jsonl")
    assert [r["id"] for r in out] == ["a", "b"]
    assert all(set(r) == {"id", "flags", "findings"} and r["flags"] == [] for r in out)
    assert (tmp_path / "pairs.qa.md").read_text(encoding="utf-8").startswith("# QA report")


def test_generic_jsonl_with_an_error_exits_5_and_reports_it(tmp_path: Path, capsys) -> None:
    bad = GOOD.replace("10,000", "10.000")
    src = _write_jsonl(
        tmp_path / "pairs.jsonl",
        [
            {"id": "a", "src": SRC, "tgt": GOOD, "src_lang": "it", "tgt_lang": "en"},
            {"id": "b", "src": SRC, "tgt": bad, "src_lang": "it", "tgt_lang": "en"},
        ],
    )
    out = tmp_path / "findings.jsonl"
    assert main(["qa", "--jsonl", str(src), "--out", str(out), "--format", "html"]) == 5
    rows = _lines(out)
    assert rows[0]["flags"] == [] and rows[1]["flags"] == ["number_format"]
    finding = rows[1]["findings"][0]
    assert {"check", "severity", "message", "span"} <= set(finding)
    start, end = finding["span"]
    assert bad[start:end] == "10.000"
    assert "number_format" in (tmp_path / "pairs.qa.html").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "mtpipe: error:" in err
    assert f"qa: {src}: 2 segments, 1 flagged" in err  # names the file (make qa runs many)


def test_fail_on_lowers_the_threshold(tmp_path: Path) -> None:
    doc = tmp_path / "kim.json"
    doc.write_text(render_document_json(sample_article()), encoding="utf-8")
    assert main(["qa", str(doc)]) == 0  # only source-side warnings
    assert main(["qa", str(doc), "--fail-on", "warning"]) == 5
    flags = {f for r in _lines(tmp_path / "kim.qa.jsonl") for f in r["flags"]}
    assert {"name_variant", "fragment"} <= flags


@pytest.mark.parametrize(
    ("flags", "named"),
    [
        ([], "read the report ({base}.qa.md)"),
        (["--no-report"], "read the findings ({base}.qa.jsonl)"),
        (["--no-report", "--out", "-"], "read the findings above"),
    ],
)
def test_the_failure_line_names_what_was_written_to_read(tmp_path: Path, capsys, flags, named):
    """With ``--no-report`` the line said "read the report" though none was written."""
    doc = tmp_path / "kim.json"
    doc.write_text(render_document_json(sample_article()), encoding="utf-8")
    assert main(["qa", str(doc), "--fail-on", "warning", *flags]) == 5
    err = capsys.readouterr().err
    assert named.format(base=tmp_path / "kim") in err
    assert ("read the report" in err) == (not flags)


def test_document_update_writes_findings_back(tmp_path: Path) -> None:
    article = sample_article()
    article.blocks[3].segments[0].translations["en"].text += " according to KCNA according to KCNA"
    doc = tmp_path / "kim.json"
    doc.write_text(render_document_json(article), encoding="utf-8")
    assert main(["qa", str(doc), "--update", "--no-report"]) == 5
    saved = json.loads(doc.read_text(encoding="utf-8"))
    checks = {f["check"] for b in saved["blocks"] for s in b["segments"] for f in s["findings"]}
    assert "repetition" in checks
    assert not (tmp_path / "kim.qa.md").exists()


def test_aligned_jsonl_from_translate_is_checked_per_target(tmp_path: Path) -> None:
    article = sample_article()
    article.blocks[2].segments[0].translations["fr"].text = article.blocks[2].segments[0].source
    aligned = tmp_path / "kim.aligned.jsonl"
    aligned.write_text(render_aligned_jsonl(article), encoding="utf-8")
    assert main(["qa", str(aligned)]) == 5
    rows = {r["id"]: r for r in _lines(tmp_path / "kim.qa.jsonl")}
    assert len(rows) == len(article.segments())
    assert "untranslated" in rows["b3.s1"]["flags"]
    assert {f["lang"] for f in rows["b3.s1"]["findings"]} == {"fr"}


@pytest.mark.parametrize(
    ("content", "code"),
    [("not json\n", 3), ('{"id": "a", "src": "x"}\n', 3), ("", 3)],
)
def test_unreadable_input_exits_3(tmp_path: Path, content: str, code: int) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    assert main(["qa", "--jsonl", str(path)]) == code


def test_unknown_check_in_disable_exits_2(tmp_path: Path) -> None:
    src = _write_jsonl(
        tmp_path / "p.jsonl",
        [{"id": "a", "src": SRC, "tgt": GOOD, "src_lang": "it", "tgt_lang": "en"}],
    )
    assert main(["qa", "--jsonl", str(src), "--disable", "nope"]) == 2


def test_list_checks_names_the_benchmark_ids(capsys) -> None:
    assert main(["qa", "--list-checks"]) == 0
    listed = {line.split()[0] for line in capsys.readouterr().out.splitlines()}
    assert {
        "number",
        "number_format",
        "omission",
        "untranslated",
        "repetition",
        "wrong_language",
        "misalignment",
        "quote_bracket",
        "named_entity",
    } <= listed


@pytest.mark.parametrize("flag", ["--out", "--report"])
@pytest.mark.parametrize("where", ["folder", "under a file", "under a file, deeper"])
def test_unwritable_outputs_fail_before_qa_runs(tmp_path: Path, capsys, monkeypatch, flag, where):
    src = _write_jsonl(
        tmp_path / "pairs.jsonl",
        [{"id": "a", "src": SRC, "tgt": GOOD, "src_lang": "it", "tgt_lang": "en"}],
    )
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    target = {
        "folder": tmp_path,
        "under a file": tmp_path / "afile" / ("out.jsonl" if flag == "--out" else "out.md"),
        "under a file, deeper": tmp_path / "afile" / "a" / "b.md",
    }[where]
    import pipeline.qa.files as files

    monkeypatch.setattr(files, "check_file", lambda *a, **k: pytest.fail("QA ran"))
    before = sorted(p.name for p in tmp_path.iterdir())
    assert main(["qa", "--jsonl", str(src), flag, str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(target) in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_folder_or_empty_file_given_to_qa_says_what_qa_reads(tmp_path, capsys):
    (tmp_path / "vuoto.aligned.jsonl").write_text("", encoding="utf-8")
    assert main(["qa", str(tmp_path / "vuoto.aligned.jsonl")]) == 3
    assert "is empty; nothing to read" in capsys.readouterr().err
    assert main(["qa", str(tmp_path)]) == 3
    err = capsys.readouterr().err
    assert "document JSON or aligned JSONL" in err and ".txt" not in err


@pytest.mark.parametrize(
    ("name", "content"),
    [("kim.fr.txt", "La Corée du Nord et la Russie\n"), ("kim.fr.html", "<p>Bonjour</p>\n"),
     ("kim.fr.md", "# Titre\n")],
)  # fmt: skip
def test_an_output_given_to_qa_says_what_qa_reads(tmp_path, capsys, name, content):
    (tmp_path / name).write_text(content, encoding="utf-8")
    assert main(["qa", str(tmp_path / name)]) == 3
    err = capsys.readouterr().err
    assert err.startswith(f"mtpipe: error: qa: {tmp_path / name}:1: not a JSON line")
    assert err.endswith("; mtpipe qa reads a document JSON or aligned JSONL (ID.json, "
                        "ID.aligned.jsonl; `make qa` checks a folder)\n")  # fmt: skip


def test_a_bad_line_of_a_jsonl_file_is_named_without_more(tmp_path, capsys):
    path = tmp_path / "pairs.jsonl"
    path.write_text('{"id": "a", "src": "Ciao.", "tgt": "Hi."}\nnot json\n', encoding="utf-8")
    assert main(["qa", "--jsonl", str(path)]) == 3
    assert (
        capsys.readouterr().err
        == f"mtpipe: error: qa: {path}:2: not a JSON line (Expecting value)\n"
    )


def test_markdown_report_lists_each_target_and_finding_on_its_own_line(tmp_path: Path) -> None:
    """The template's block tags ate the line breaks: "- en: ... .- **error** ..." on one line."""
    doc = sample_article()
    for seg in doc.text_segments()[:2]:
        for tr in seg.translations.values():
            tr.text = "The deficit is 35%."
            tr.score = -1.5
    path = tmp_path / "kim.json"
    path.write_text(render_document_json(doc), encoding="utf-8")
    main(["qa", str(path)])
    report = (tmp_path / "kim.qa.md").read_text(encoding="utf-8")
    items = [line for line in report.splitlines() if line.startswith("- ")]
    assert any(line.startswith("- **") for line in items)
    assert any("model confidence -1.50" in line for line in items)
    for line in items:  # one item per line: a target, or one finding
        assert line.count("- **") + line.count("- en:") + line.count("- fr:") <= 1, line


def test_a_repeated_id_within_a_language_pair_exits_3_naming_both_lines(
    tmp_path: Path, capsys
) -> None:
    line = {"src": SRC, "tgt": GOOD, "src_lang": "it", "tgt_lang": "en"}
    src = _write_jsonl(tmp_path / "p.jsonl", [{"id": "x", **line}, {"id": "x", **line}])
    assert main(["qa", "--jsonl", str(src), "--out", "-"]) == 3
    err = capsys.readouterr().err
    assert "line 2" in err and "line 1" in err and "'x'" in err


def test_one_id_once_per_language_pair_is_accepted(tmp_path: Path) -> None:
    """A segment checked against its English and its French translation keeps its id."""
    lines = [
        {"id": "x", "src": SRC, "tgt": GOOD, "src_lang": "it", "tgt_lang": "en"},
        {"id": "x", "src": SRC, "tgt": GOOD, "src_lang": "it", "tgt_lang": "fr"},
    ]
    src = _write_jsonl(tmp_path / "p.jsonl", lines)
    assert main(["qa", "--jsonl", str(src), "--out", str(tmp_path / "f.jsonl")]) in (0, 5)
    assert [r["id"] for r in _lines(tmp_path / "f.jsonl")] == ["x", "x"]


def _article_files(tmp_path: Path) -> tuple[Path, Path]:
    article = sample_article()
    doc, aligned = tmp_path / "kim.json", tmp_path / "kim.aligned.jsonl"
    doc.write_text(render_document_json(article), encoding="utf-8")
    aligned.write_text(render_aligned_jsonl(article), encoding="utf-8")
    return doc, aligned


@pytest.mark.parametrize(
    ("checked", "flag", "target"),
    [
        ("doc", "--out", "aligned"),
        ("doc", "--report", "aligned"),
        ("aligned", "--out", "doc"),
        ("aligned", "--report", "doc"),
    ],
)
def test_an_output_naming_the_articles_other_file_is_refused(
    tmp_path: Path, capsys, checked, flag, target
) -> None:
    """``qa kim.json --out kim.aligned.jsonl`` replaced translate's aligned JSONL with
    findings lines (and ``--report`` with a Markdown report): the next QA of it was exit 3."""
    doc, aligned = _article_files(tmp_path)
    files = {"doc": doc, "aligned": aligned}
    before = {p: p.read_bytes() for p in files.values()}
    assert main(["qa", str(files[checked]), flag, str(files[target])]) == 2
    assert "written by translate" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in files.values()} == before


@pytest.mark.parametrize(
    ("name", "opening"), [("r.html", "<!doctype html>"), ("r.md", "# QA"), ("r.json", "{")]
)
def test_the_report_format_follows_the_report_files_suffix(tmp_path: Path, name, opening) -> None:
    """``--report r.html`` wrote a Markdown report into r.html."""
    doc, _ = _article_files(tmp_path)
    main(["qa", str(doc), "--report", str(tmp_path / name)])
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(opening)


def test_a_json_report_is_json_listing_every_segment_with_findings(tmp_path: Path) -> None:
    """``--report r.json`` wrote Markdown into r.json."""
    bad = GOOD.replace("10,000", "10.000")
    rows = [{"id": f"s{i}", "src": SRC, "tgt": bad, "src_lang": "it", "tgt_lang": "en"}
            for i in range(60)]  # fmt: skip
    rows.append({"id": "ok", "src": SRC, "tgt": GOOD, "src_lang": "it", "tgt_lang": "en"})
    src = _write_jsonl(tmp_path / "pairs.jsonl", rows)
    assert main(["qa", "--jsonl", str(src), "--report", str(tmp_path / "r.json")]) == 5
    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert (report["segments"], report["flagged"], report["failing"]) == (61, 60, 60)
    assert report["by_check"][0]["id"] == "number_format" and report["noise"] is None
    assert len(report["worst"]) == 60  # all of them, where Markdown lists the worst 50
    first = report["worst"][0]
    assert first["flags"] == ["number_format"] and first["targets"] == {"en": bad}
    assert first["src"] == SRC and first["findings"][0]["severity"] == "error"


@pytest.mark.parametrize("name", ["r.txt", "r.jsonl", "r.pdf", "r.JSON.bak"])
def test_a_report_suffix_that_names_no_format_is_a_usage_error(tmp_path: Path, name, capsys):
    doc, _ = _article_files(tmp_path)
    assert main(["qa", str(doc), "--report", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert f"--report {tmp_path / name}" in err and ".html" in err and ".json" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in (doc, _))


@pytest.mark.parametrize(
    ("name", "fmt", "opening"), [("report", None, "# QA"), ("r.txt", "html", "<!doctype html>")]
)
def test_a_report_name_without_a_known_suffix_takes_the_format_given(tmp_path, name, fmt, opening):
    """No suffix: the settings' format; an explicit --format writes any name."""
    doc, _ = _article_files(tmp_path)
    main(["qa", str(doc), "--report", str(tmp_path / name), *(["--format", fmt] if fmt else [])])
    assert (tmp_path / name).read_text(encoding="utf-8").startswith(opening)


def test_a_report_format_contradicting_the_suffix_is_a_usage_error(tmp_path: Path, capsys):
    doc, _ = _article_files(tmp_path)
    assert main(["qa", str(doc), "--report", str(tmp_path / "r.html"), "--format", "md"]) == 2
    assert "--format" in capsys.readouterr().err and not (tmp_path / "r.html").exists()


def test_src_lang_is_checked_as_a_language_tag(tmp_path: Path, capsys) -> None:
    _, aligned = _article_files(tmp_path)
    assert main(["qa", str(aligned), "--src-lang", "../x"]) == 2
    assert "source_lang" in capsys.readouterr().err


# Every refusal of `mtpipe qa`, however worded: the shared flag check (refuse_together),
# argparse's group, its own output checks, the settings, the input file, failing findings.
QA_REFUSALS = {
    "--format with --no-report": (["{doc}", "--format", "html", "--no-report"], 2),
    "--report with --no-report": (["{doc}", "--report", "{tmp}/r.md", "--no-report"], 2),
    "no PATH": ([], 2),
    "report suffix": (["{doc}", "--report", "{tmp}/r.txt"], 2),
    "the article's other file": (["{doc}", "--out", "{aligned}"], 2),
    "a bad --src-lang": (["{aligned}", "--src-lang", "../x"], 2),
    "a missing input": (["{tmp}/nope.json"], 3),
    "failing findings": (["{doc}", "--fail-on", "info", "--no-report"], 5),
}


@pytest.mark.parametrize("case", list(QA_REFUSALS))
def test_every_qa_error_says_qa_once(tmp_path: Path, capsys, case) -> None:
    """``--format html --no-report`` said "mtpipe: error: --format and --no-report
    contradict …" where ``--report … --no-report`` said "mtpipe: error: qa: …", and so did
    each refusal worded outside the command (output, settings and input checks, QA's
    verdict): one command, one prefix."""
    doc, aligned = _article_files(tmp_path)
    argv, code = QA_REFUSALS[case]
    fill = {"doc": doc, "aligned": aligned, "tmp": tmp_path}
    assert main(["qa", *(a.format(**fill) for a in argv)]) == code
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("mtpipe")]
    assert len(errors) == 1 and errors[0].startswith("mtpipe: error: qa: "), errors
    assert "qa: qa:" not in errors[0]


def test_list_checks_columns_line_up_for_the_longest_id(capsys) -> None:
    """Every line's severity starts in the same column, however long its check id."""
    from pipeline.cli import main

    assert main(["qa", "--list-checks"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ids = [line.split()[0] for line in lines]
    assert "chrome_uncatalogued" in ids
    starts = {line.index(" " + line.split()[1] + " ", len(line.split()[0])) for line in lines}
    assert len(starts) == 1, starts


def test_outputs_over_the_input_limit_are_checked(tmp_path, capsys):
    """ID.json and ID.aligned.jsonl of a page under the input limit can be over it (each
    translation and the findings); qa refused them, saying to raise [read] max_bytes."""
    from pipeline.document import Finding
    from pipeline.readers.base import MAX_BYTES

    article = sample_article()
    note = "nota " * 2_000  # 10 KB
    seg = article.blocks[-1].segments[0]
    seg.findings += [Finding("style", "info", note, "en") for _ in range(MAX_BYTES // 10_000)]
    for name, text in (
        ("a.json", render_document_json(article)),
        ("a.aligned.jsonl", render_aligned_jsonl(article)),
    ):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        assert path.stat().st_size > MAX_BYTES
        main(["qa", str(path), "--out", str(tmp_path / f"{name}.qa.jsonl")])
        assert "limit" not in capsys.readouterr().err
        assert (tmp_path / f"{name}.qa.jsonl").stat().st_size > 0
