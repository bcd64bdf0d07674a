"""Every finding id is registered (snake_case) and the thresholds are one typed, complete object."""

from __future__ import annotations

import re

import msgspec
import pytest
from qa_fixtures import sample_article

from pipeline.config import QASettings
from pipeline.document import Finding
from pipeline.errors import ConfigError
from pipeline.localise.stage import CATALOG_CHECK
from pipeline.qa import all_checks, check, run_qa
from pipeline.qa.resources import Thresholds, thresholds


def test_every_registered_id_is_snake_case_and_stage_findings_are_listed() -> None:
    ids = set(all_checks())
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", i) for i in ids)
    assert {"chrome_ambiguous", CATALOG_CHECK} <= ids


def test_every_finding_id_another_stage_emits_is_registered() -> None:
    """``[qa] disabled`` and ``[qa.severity]`` refuse an id no check registers: each id the
    translate and localise stages write must be one (``bidi_controls`` was not)."""
    from pipeline.localise.stage import PLACEHOLDER_REPAIR
    from pipeline.markup import MARKUP_CHECK
    from pipeline.translate.stage import CONTROLS, REPAIR

    emitted = {CATALOG_CHECK, PLACEHOLDER_REPAIR, MARKUP_CHECK, CONTROLS, REPAIR}
    assert emitted <= set(all_checks()), emitted - set(all_checks())


def test_a_check_id_that_is_not_snake_case_is_refused() -> None:
    with pytest.raises(ValueError, match="snake_case"):
        check("catalog-missing", "error")


def test_disabling_a_stage_finding_drops_it_and_severity_reweights_it() -> None:
    article = sample_article()
    seg = article.blocks[0].segments[0]
    seg.findings.append(Finding("chrome_ambiguous", "warning", "two msgids", "en"))
    seg.findings.append(Finding(CATALOG_CHECK, "error", "no de entry", "de"))
    run_qa(article, QASettings(severity={"chrome_ambiguous": "error"}))
    got = {(f.check, f.severity) for f in seg.findings}
    assert {("chrome_ambiguous", "error"), (CATALOG_CHECK, "error")} <= got
    run_qa(article, QASettings(disabled=("chrome_ambiguous",)))
    assert "chrome_ambiguous" not in {f.check for f in seg.findings}
    assert CATALOG_CHECK in {f.check for f in seg.findings}


def test_stage_finding_ids_are_accepted_in_qa_settings() -> None:
    run_qa(sample_article(), QASettings(disabled=("chrome_ambiguous", CATALOG_CHECK)))
    with pytest.raises(ConfigError, match="unknown check 'catalog-missing'"):
        run_qa(sample_article(), QASettings(disabled=("catalog-missing",)))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("langid_ratio"), "langid_ratio"),
        (lambda d: d.update(source_langid_min_conf=0.9), "source_langid_min_conf"),
        (lambda d: d.update(langid_min_words=2.5), "int"),
    ],
)
def test_a_missing_unknown_or_mistyped_threshold_is_refused(change, message) -> None:
    table = msgspec.to_builtins(thresholds())
    change(table)
    with pytest.raises(msgspec.ValidationError, match=message):
        msgspec.convert(table, Thresholds, strict=True)
