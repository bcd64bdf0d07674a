"""Model confidence: stored per MT segment, shown in the report, the off-by-default check."""

from __future__ import annotations

from qa_fixtures import sample_article

from pipeline.config import QASettings
from pipeline.qa import all_checks, run_qa
from pipeline.qa.records import document_rows
from pipeline.qa.report import render
from pipeline.qa.resources import thresholds

ON = QASettings(enable=("low_confidence",))


def _flags(article) -> dict[str, set[str]]:
    return {s.id: {f.check for f in s.findings} for s in article.segments()}


def _scored(low: float, high: float):
    article = sample_article()
    para = article.blocks[3].segments[0]
    para.translations["en"].score = low
    para.translations["fr"].score = high
    return article, para


def test_low_confidence_is_off_by_default() -> None:
    assert not all_checks()["low_confidence"].default_on
    article, para = _scored(-9.0, -9.0)
    run_qa(article)
    assert "low_confidence" not in _flags(article)[para.id]


def test_low_confidence_fires_below_the_calibrated_threshold_only() -> None:
    limit = thresholds().low_confidence
    article, para = _scored(limit - 0.5, limit + 0.5)
    run_qa(article, ON)
    hits = [f for f in para.findings if f.check == "low_confidence"]
    assert [f.lang for f in hits] == ["en"]
    assert sum("low_confidence" in fl for fl in _flags(article).values()) == 1  # no score: none


def test_report_shows_the_model_confidence() -> None:
    article, para = _scored(-0.42, -0.17)
    para.translations["en"].text += " according to KCNA according to KCNA"  # a finding
    run_qa(article)
    text = render(document_rows(article), title="kim")
    assert "model confidence -0.42" in text and "model confidence -0.17" in text
