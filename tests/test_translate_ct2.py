"""The CTranslate2 backend: conversion and parity with the transformers backend."""

from __future__ import annotations

import shutil

import pytest

from pipeline.config import TranslateSettings
from pipeline.translate import load_translator

pytest.importorskip("ctranslate2")

SENTENCES = [
    "Il governo ha approvato ieri la nuova legge di bilancio.",
    "Foto: AFP.",
    "La polizia ha arrestato due uomini sospettati di furto.",
    "Ciao.",
    "Secondo l'agenzia di stampa, i colloqui sono durati tre ore e si sono chiusi con un accordo.",
    "Il governo ha approvato ieri la nuova legge di bilancio.",
]


@pytest.fixture(scope="module")
def ct2_tiny(tiny_models, tmp_path_factory):
    """A private copy of the tiny it-en model with a float32 CTranslate2 conversion."""
    from pipeline.models import convert_ct2

    folder = shutil.copytree(tiny_models["it-en"], tmp_path_factory.mktemp("ct2") / "it-en")
    convert_ct2(folder, quantization="float32")
    return folder


def settings(backend: str, **kw) -> TranslateSettings:
    base = {"num_beams": 1, "threads": 1, "ct2_compute_type": "float32", "batch_tokens": 64}
    return TranslateSettings(backend=backend, **{**base, **kw})


def test_ct2_and_transformers_agree_in_float32_greedy(ct2_tiny):
    ref = load_translator("it-en", settings("transformers"), ct2_tiny).translate(SENTENCES)
    fast = load_translator("it-en", settings("ctranslate2"), ct2_tiny)
    assert fast.translate(SENTENCES) == ref
    assert fast.signature()["backend"] == "ctranslate2"
    assert fast.signature()["dtype"].startswith("float32")


def test_ct2_forced_lengths_match_transformers(ct2_tiny):
    counts = []
    for backend in ("transformers", "ctranslate2"):
        tr = load_translator("it-en", settings(backend, force_length_ratio=1.5), ct2_tiny)
        tr.translate(SENTENCES)
        counts.append(tr.stats["target_tokens"])
    assert counts[0] == counts[1] > 0


def test_ct2_splits_long_sentences_like_transformers(ct2_tiny):
    long = " ".join(SENTENCES[:5])
    outs = [
        load_translator("it-en", settings(b, max_input_tokens=12), ct2_tiny).translate([long])
        for b in ("transformers", "ctranslate2")
    ]
    assert outs[0] == outs[1]


def test_both_backends_return_the_same_length_normalised_log_prob(ct2_tiny):
    scores = []
    for backend in ("transformers", "ctranslate2"):
        tr = load_translator("it-en", settings(backend), ct2_tiny)
        tr.translate(SENTENCES)
        scores.append([tr.scores[s] for s in SENTENCES])
    assert all(s <= 0 for s in scores[0])
    assert scores[0] == pytest.approx(scores[1], abs=0.02)


def test_a_small_input_is_spread_over_the_replicas_with_the_same_output(ct2_tiny):
    ref = load_translator("it-en", settings("transformers"), ct2_tiny).translate(SENTENCES)
    plan = {"threads": 2, "ct2_inter_threads": 2, "batch_tokens": 4096}
    fast = load_translator("it-en", settings("ctranslate2", **plan), ct2_tiny)
    assert fast.translate(SENTENCES) == ref
    assert fast.threads == (2, 1)
    assert fast.stats["batches"] >= 2  # one 2048-token batch would hold them all
    # A short input gets about half its tokens per batch; a large one the shared budget.
    assert fast.batch_budget([70, 40, 35, 20]) == 83
    assert fast.batch_budget([300] * 100) == 4096 // 2


def test_the_ctranslate2_path_tokenizes_without_transformers(ct2_tiny):
    from pipeline.translate.spm import SpmMarianTokenizer

    fast = load_translator("it-en", settings("ctranslate2"), ct2_tiny)
    fast.load()
    assert isinstance(fast.tokenizer, SpmMarianTokenizer)


def test_freed_workspace_is_handed_back_only_when_another_model_may_decode(ct2_tiny, monkeypatch):
    """malloc_trim after every group cost 7-120 ms of CPU in a one-model run, whose next
    batches reuse that memory; with a second model (--to en,fr) it keeps the first one's
    workspace from staying resident beside the second's (peak RSS)."""
    import gc

    from pipeline.translate import ct2

    trims: list[int] = []
    monkeypatch.setattr(ct2, "release_free_heap", lambda: trims.append(1))
    gc.collect()  # translators of earlier tests
    one = load_translator("it-en", settings("ctranslate2"), ct2_tiny)
    assert one.translate(SENTENCES) and trims == []
    other = load_translator("it-en", settings("ctranslate2"), ct2_tiny)
    assert one.translate(SENTENCES[:2]) and trims
    del other


@pytest.fixture(scope="module")
def other_weights(tmp_path_factory):
    """A tiny it-en model with other weights (seed 1): what a re-fetch or rebuild leaves."""
    from pipeline.models import build_tiny

    return build_tiny(tmp_path_factory.mktemp("seed1") / "it-en", pair="it-en", seed=1)


def _stale(folder, other):
    """The Marian files replaced by ``other``'s, the old conversion kept."""
    for f in other.iterdir():
        if f.is_file():
            shutil.copy2(f, folder / f.name)


def _marker_unreadable(folder, other):
    (folder / "ctranslate2" / "mtpipe-ct2.json").write_text('{"quantiz', encoding="utf-8")


def _config_gone(folder, other):
    (folder / "ctranslate2" / "config.json").unlink()


@pytest.mark.parametrize("damage", [_stale, _marker_unreadable, _config_gone])
def test_a_stale_or_partial_conversion_is_not_used(ct2_tiny, other_weights, tmp_path, damage):
    """model.bin alone made it usable: ``auto`` translated with weights the folder no longer
    holds (or a conversion cut short). Now ``auto`` takes transformers saying why, and a
    named ctranslate2 stops with the folder and the command that fixes it."""
    from pipeline.errors import ModelNotFoundError

    folder = shutil.copytree(ct2_tiny, tmp_path / "it-en")
    damage(folder, other_weights)
    assert (folder / "ctranslate2" / "model.bin").is_file()
    auto = load_translator("it-en", settings("auto"), folder)
    assert auto.backend == "transformers"
    assert "not ctranslate2" in auto.chosen_because
    with pytest.raises(ModelNotFoundError) as err:
        load_translator("it-en", settings("ctranslate2"), folder)
    line = str(err.value)
    assert "\n" not in line and str(folder / "ctranslate2") in line
    assert f"mtpipe models convert {folder}" in line


def test_a_sound_conversion_is_still_chosen_by_auto(ct2_tiny):
    assert load_translator("it-en", settings("auto"), ct2_tiny).backend == "ctranslate2"


def test_batches_submitted_out_of_order_come_back_in_input_order(ct2_tiny, monkeypatch):
    """The replicas get the batches in a planned order (issue 15: they finish together);
    the texts and scores still come back in the input order, as submitted in order."""
    from pipeline.translate import ct2

    plan = {"threads": 2, "ct2_inter_threads": 2, "batch_tokens": 24}
    ref = load_translator("it-en", settings("ctranslate2", **plan), ct2_tiny)
    ref_texts = ref.translate(SENTENCES)
    submitted: list[int] = []

    def reversed_order(costs, replicas):
        assert replicas == 2 and len(costs) >= 3
        submitted.extend(reversed(range(len(costs))))
        return list(submitted)

    monkeypatch.setattr(ct2, "submission_order", reversed_order)
    fast = load_translator("it-en", settings("ctranslate2", **plan), ct2_tiny)
    assert fast.translate(SENTENCES) == ref_texts
    assert submitted[0] == len(submitted) - 1  # the last batch went first
    assert fast.scores == ref.scores
    assert fast.stats["target_tokens"] == ref.stats["target_tokens"]
