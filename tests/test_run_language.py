"""An article in the wrong language is named before any model loads (warning or error)."""

from __future__ import annotations

from pathlib import Path

from pipeline.config import load_config
from pipeline.errors import InputError
from pipeline.run import translate_files

ENGLISH = (
    "Talks resume in Geneva\n\n"
    "The United States and South Korea denounce the sending of more than ten thousand North "
    "Korean soldiers to Russia. The minister said the talks would continue next week.\n"
)


def _run(tmp_path: Path, tiny_models, check: str | None):
    """Translate an English article as Italian with ``[read] language_check = check``."""
    src = tmp_path / "in" / "geneva.txt"
    src.parent.mkdir()
    src.write_text(ENGLISH, encoding="utf-8")
    settings = {"translate.targets": ["en"]}
    if check is not None:
        settings["read.language_check"] = check
    logged: list[str] = []
    report = translate_files(
        [src],
        load_config(None, settings),
        tmp_path / "out",
        model_dirs={"it-en": tiny_models["it-en"]},
        use_memory=False,
        log=logged.append,
    )
    return src, report, logged


def test_an_english_article_fed_as_italian_is_an_error_when_configured(tmp_path, tiny_models):
    _, report, _ = _run(tmp_path, tiny_models, "error")
    [result] = report.results
    assert result.status == "failed" and result.error_type is InputError
    assert "English" in result.error and "--source-lang en" in result.error
    assert report.models_loaded == [] and not (tmp_path / "out" / "geneva.json").exists()


def test_by_default_it_is_one_warning_line_and_the_run_goes_on(tmp_path, tiny_models):
    src, report, logged = _run(tmp_path, tiny_models, None)
    warnings = [m for m in logged if "reads as English" in m]
    assert len(warnings) == 1 and "\n" not in warnings[0] and str(src) in warnings[0]
    assert warnings[0].startswith(f"mtpipe: warning: {src}: ")
    assert report.results[0].status != "failed"


def test_the_check_can_be_switched_off(tmp_path, tiny_models):
    _, _, logged = _run(tmp_path, tiny_models, "off")
    assert not [m for m in logged if "reads as" in m]
