"""Readable QA report: counts per check, worst segments first, HTML escaped."""

from __future__ import annotations

from pipeline.document import Finding
from pipeline.qa.records import Row
from pipeline.qa.report import render, summary


def _rows() -> list[Row]:
    return [
        Row("s1", "Foto: AFP.", {"en": "Photo: AFP."}),
        Row(
            "s2", "sanzioni.", {"en": "sanctions."}, [Finding("fragment", "warning", "stray", "it")]
        ),
        Row(
            "s3",
            "Oltre 10.000 <soldati>",
            {"en": "Over 10.000 <soldiers>"},
            [
                Finding("number_format", "error", "it format", "en"),
                Finding("omission", "error", "x", "en"),
            ],
        ),
    ]


def test_summary_counts_per_check_and_failing_rows() -> None:
    s = summary(_rows(), "error")
    assert (s["segments"], s["flagged"], s["failing"]) == (3, 2, 1)
    assert {(c["id"], c["count"]) for c in s["by_check"]} == {
        ("fragment", 1),
        ("number_format", 1),
        ("omission", 1),
    }
    assert s["by_check"][-1]["id"] == "fragment"  # errors are listed before warnings


def test_markdown_lists_worst_segment_first() -> None:
    text = render(_rows(), title="t", fmt="md")
    assert text.index("### s3") < text.index("### s2")
    assert "### s1" not in text


def test_html_report_escapes_segment_text() -> None:
    html = render(_rows(), title="t", fmt="html")
    assert "&lt;soldiers&gt;" in html and "<soldiers>" not in html


def test_every_report_format_the_settings_allow_renders():
    from pipeline.qa.report import FORMATS

    assert set(FORMATS) == {"md", "html", "json"}
    for fmt in FORMATS:
        assert render(_rows(), title="t", fmt=fmt).strip()
