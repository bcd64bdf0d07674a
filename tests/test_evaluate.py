"""The eval gate: sacrebleu scoring, the gate rule, published scores, both translation paths."""

from __future__ import annotations

import pytest

from pipeline.config import load_config
from pipeline.errors import InputError
from pipeline.evaluate import (
    EvalOptions,
    Published,
    Scores,
    corpus_scores,
    eval_set_name,
    evaluate,
    gate_failures,
    published_score,
)

SOURCES = [
    "La Borsa di Praga ha chiuso in calo.",
    "Il governo ha approvato la legge. Il ministro ha incontrato il suo omologo a Roma.",
    "Gli analisti prevedono una crescita del 3,5 per cento.",
]
REFERENCES = [
    "The Prague Stock Exchange closed lower.",
    "The government passed the law. The minister met his counterpart in Rome.",
    "Analysts expect growth of 3.5 percent.",
]


def _write(tmp_path, name: str, lines: list[str]):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_perfect_hypothesis_scores_100_and_signatures_name_the_settings():
    scores, signatures = corpus_scores(REFERENCES, REFERENCES)
    assert (scores.bleu, scores.chrf) == (100.0, 100.0)
    worse, _ = corpus_scores(["The Prague Stock Exchange closed.", *REFERENCES[1:]], REFERENCES)
    assert worse.bleu < 100 and worse.chrf < 100
    assert "tok:13a" in signatures["BLEU"] and "nrefs:1" in signatures["BLEU"]
    assert "nc:6" in signatures["chrF"] and "version:" in signatures["chrF"]


def test_gate_fails_on_a_drop_of_more_than_one_point_against_either_baseline():
    published = Published("newstest2009", bleu=33.5, chrf=59.2, sacrebleu="2.0", source="x")
    assert gate_failures(Scores(32.6, 58.3), Scores(33.0, 59.0), published) == []
    below_sentence = gate_failures(Scores(33.0, 58.0), Scores(33.0, 59.5), None)
    assert len(below_sentence) == 1 and "chrF 58.0" in below_sentence[0]
    assert "sentence-level" in below_sentence[0]
    below_published = gate_failures(Scores(32.4, 59.0), Scores(32.0, 59.0), published)
    assert len(below_published) == 1 and "BLEU 32.4" in below_published[0]
    assert "published" in below_published[0]


def test_published_scores_come_from_the_registry():
    en = published_score("it-en", "newstest2009")
    fr = published_score("it-fr", "newstest2009")
    assert (en.bleu, en.chrf, fr.bleu, fr.chrf) == (33.5, 59.2, 31.9, 59.3)
    assert en.sacrebleu == "2.0" and "OPUS-MT" in en.source
    assert published_score("it-en", "newssyscomb2009") is None
    assert eval_set_name("data/newstest2009.it") == "newstest2009"


def test_both_paths_run_with_the_tiny_model_and_the_gate_is_skipped(tmp_path, tiny_models):
    src = _write(tmp_path, "newstest2009.it", SOURCES)
    ref = _write(tmp_path, "newstest2009.en", REFERENCES)
    config = load_config(None, {"translate.num_beams": 1, "translate.targets": ("en",)})
    result = evaluate(src, ref, "it-en", config, EvalOptions(tiny_models["it-en"]))
    assert result.lines == 3
    assert result.segments == 4  # the pipeline path segmented the two-sentence line
    assert [len(h) for h in result.hypotheses.values()] == [3, 3]
    assert all(line.strip() for h in result.hypotheses.values() for line in h)
    assert result.published is not None and result.published.bleu == 33.5
    assert result.skipped and "noise" in result.gate
    assert 0 <= result.pipeline.bleu <= 100 and 0 <= result.sentence.chrf <= 100


def test_limit_uses_the_first_lines_and_drops_the_published_comparison(tmp_path, tiny_models):
    src = _write(tmp_path, "newstest2009.it", SOURCES)
    ref = _write(tmp_path, "newstest2009.en", REFERENCES)
    config = load_config(None, {"translate.num_beams": 1, "translate.targets": ("en",)})
    result = evaluate(src, ref, "it-en", config, EvalOptions(tiny_models["it-en"], limit=1))
    assert (result.lines, result.segments, result.limited) == (1, 1, True)
    assert result.published is None


@pytest.mark.parametrize(
    "sources, message",
    [(SOURCES[:2], "has 2 lines but"), ([SOURCES[0], "  ", SOURCES[2]], "line 2 is blank")],
)
def test_a_misaligned_test_set_is_an_input_error(tmp_path, tiny_models, sources, message):
    src = _write(tmp_path, "set.it", sources)
    ref = _write(tmp_path, "set.en", REFERENCES)
    with pytest.raises(InputError, match=message):
        evaluate(src, ref, "it-en", load_config(), EvalOptions(tiny_models["it-en"]))
