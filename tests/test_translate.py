"""The transformers MarianMT backend on the tiny model (its output is noise: we test structure)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from pipeline.config import TranslateSettings
from pipeline.errors import ConfigError, ModelError, ModelNotFoundError
from pipeline.models.local import ModelInfo
from pipeline.translate import decoding_key, load_translator
from pipeline.translate.base import BaseTranslator

SENTENCES = [
    "Il governo ha approvato ieri la nuova legge di bilancio.",
    "Foto: AFP.",
    "La polizia ha arrestato due uomini sospettati di furto.",
    "Il governo ha approvato ieri la nuova legge di bilancio.",
    "Ciao.",
    "Secondo l'agenzia di stampa, i colloqui sono durati tre ore e si sono chiusi con un accordo.",
]


def settings(**kw) -> TranslateSettings:
    base = {"num_beams": 1, "threads": 1, "max_output_ratio": 1.0}
    return TranslateSettings(**{**base, **kw})


class GenerateSpy:
    """Wraps ``model.generate`` to record every batch of input ids it receives."""

    def __init__(self, translator):
        translator.load()
        self.model = translator.model
        self.original = self.model.generate
        self.batches: list[list[list[int]]] = []
        self.model.generate = self

    def __call__(self, input_ids, attention_mask, **kwargs):
        rows = [
            ids[mask.bool()].tolist() for ids, mask in zip(input_ids, attention_mask, strict=True)
        ]
        self.batches.append(rows)
        return self.original(input_ids=input_ids, attention_mask=attention_mask, **kwargs)


def test_translator_loads_lazily(tiny_models):
    tr = load_translator("it-en", settings(), tiny_models["it-en"])
    sig = tr.signature()
    assert not tr.loaded
    assert tr.translate(["", "  "]) == ["", "  "]
    assert not tr.loaded
    tr.translate(["Ciao."])
    assert tr.loaded and tr.signature()["device"] == "cpu"
    assert sig["model"] == tr.model_id and sig["revision"] == tr.revision


def test_signature_names_model_decoding_and_tiny_marker(tiny_models):
    sig = load_translator("it-fr", settings(num_beams=3), tiny_models["it-fr"]).signature()
    assert sig["backend"] == "transformers" and sig["pair"] == "it-fr"
    assert sig["num_beams"] == 3 and sig["max_input_tokens"] == 256
    assert sig["tiny"] is True and "noise" in sig["note"]
    assert "beams=3" in decoding_key(sig)


def test_each_distinct_text_is_translated_once(tiny_models):
    tr = load_translator("it-en", settings(), tiny_models["it-en"])
    spy = GenerateSpy(tr)
    out = tr.translate(SENTENCES)
    rows = [row for batch in spy.batches for row in batch]
    assert len(rows) == len(set(SENTENCES))
    assert out[0] == out[3]
    assert len(out) == len(SENTENCES)


def test_batches_are_bounded_by_tokens_not_count(tiny_models):
    tr = load_translator("it-en", settings(batch_tokens=40), tiny_models["it-en"])
    spy = GenerateSpy(tr)
    tr.translate(SENTENCES)
    assert len(spy.batches) > 1
    for batch in spy.batches:
        longest = max(len(r) for r in batch)
        assert len(batch) == 1 or longest * len(batch) <= 40
    firsts = [len(batch[0]) for batch in spy.batches]
    assert firsts == sorted(firsts, reverse=True)


def test_results_come_back_in_input_order(tiny_models):
    tr = load_translator("it-en", settings(batch_tokens=40), tiny_models["it-en"])
    together = tr.translate(SENTENCES)
    alone = [tr.translate([s])[0] for s in SENTENCES]
    assert together == alone
    assert len(set(together)) > 1  # the tiny model's noise still depends on its input


def test_long_sentence_is_split_and_every_piece_translated(tiny_models):
    long = SENTENCES[-1] + " " + SENTENCES[0].replace(".", ";") + " " + SENTENCES[2]
    tr = load_translator("it-en", settings(max_input_tokens=16), tiny_models["it-en"])
    spy = GenerateSpy(tr)
    n_tokens = len(tr._encode([long])[0])
    assert n_tokens > 16
    out = tr.translate([long])
    rows = [row for batch in spy.batches for row in batch]
    assert len(rows) >= n_tokens // 16 + 1
    assert all(len(row) <= 16 for row in rows)
    decoded = [tr.tokenizer.decode(row, skip_special_tokens=True) for row in rows]
    assert sum(len(d.split()) for d in decoded) == len(long.split())  # no word dropped
    assert out[0].strip() and tr.stats["split_texts"] == 1


def test_forced_length_decodes_the_same_tokens_per_sentence(tiny_models):
    tr = load_translator("it-en", settings(force_length_ratio=1.0), tiny_models["it-en"])
    tr.load()
    distinct = list(dict.fromkeys(SENTENCES))
    tr.translate(SENTENCES)
    assert tr.stats["target_tokens"] == sum(len(ids) for ids in tr._encode(distinct))


def test_ctranslate2_without_conversion_says_how_to_convert(tiny_models):
    with pytest.raises(ModelNotFoundError, match="mtpipe models convert"):
        load_translator("it-en", settings(backend="ctranslate2"), tiny_models["it-en"])


@pytest.mark.parametrize(
    ("field", "value"), [("backend", "marian"), ("device", "tpu"), ("num_beams", 0)]
)
def test_bad_settings_name_the_key(tiny_models, field, value):
    with pytest.raises(ConfigError, match=field):
        load_translator("it-en", settings(**{field: value}), tiny_models["it-en"])


@pytest.mark.parametrize("beams", [1, 3])
def test_score_is_the_mean_token_log_prob_of_the_output(tiny_models, beams):
    """A teacher-forced pass over the generated tokens gives the score the backend reported."""
    import torch

    settings = TranslateSettings(num_beams=beams, threads=1)
    tr = load_translator("it-en", settings, tiny_models["it-en"])
    src = "Il governo ha approvato ieri la nuova legge di bilancio."
    tr.translate([src])
    enc = tr.tokenizer([src], return_tensors="pt")
    low, high, _ = tr.output_limits([enc.input_ids[0].tolist()])
    with torch.inference_mode():
        ids = tr.model.generate(
            **enc,
            num_beams=beams,
            do_sample=False,
            min_new_tokens=low,
            max_new_tokens=high,
            forced_eos_token_id=None,
        )[0]
        logits = tr.model(**enc, decoder_input_ids=ids[None, :-1]).logits
    logp = torch.log_softmax(logits.float(), -1)[0].gather(-1, ids[1:, None])[:, 0]
    assert tr.scores[src] == pytest.approx(float(logp.mean()), abs=0.02)
    assert tr.scores[src] < 0


class _LoadOrder(BaseTranslator):
    """A backend whose model load waits until the tokenizer is being read."""

    backend = "load-order"
    model_load_releases_gil = True

    def __init__(self, fail: str = "") -> None:
        super().__init__(Path("."), "it-en", TranslateSettings(), ModelInfo("fake/m", "r1"))
        self.reading = threading.Event()
        self.fail = fail

    def load_tokenizer(self):
        self.reading.set()
        if self.fail == "tokenizer":
            raise ModelError("tokenizer broken")
        return object()

    def _cuda_devices(self) -> int:
        return 0

    def _load_model(self, device: str, index: int) -> None:
        # Serial loading would never set the event first: the tokenizer comes after.
        assert self.reading.wait(timeout=20), "the tokenizer was not read beside the model load"
        if self.fail == "model":
            raise ModelError("model broken")
        self.device = device


def test_a_gil_free_model_load_overlaps_the_tokenizer_read():
    tr = _LoadOrder()
    tr.load()
    assert tr.loaded and tr.device == "cpu" and tr.tokenizer is not None


@pytest.mark.parametrize("fail", ["model", "tokenizer"])
def test_an_error_in_either_overlapped_load_reaches_the_caller(fail):
    tr = _LoadOrder(fail)
    with pytest.raises(ModelError, match=f"{fail} broken"):
        tr.load()
    assert not tr.loaded


class _WarmOrder(_LoadOrder):
    """A model load that waits until the warm-up's last step ran: the steps run beside it."""

    def __init__(self) -> None:
        super().__init__()
        self.steps: list[str] = []
        self.warmed = threading.Event()

    def warm_up(self):
        def broken() -> None:
            self.steps.append("broken")
            raise RuntimeError("a warm-up step failed")

        def last() -> None:
            self.steps.append("last")
            self.warmed.set()

        return [broken, last]

    def _load_model(self, device: str, index: int) -> None:
        assert self.warmed.wait(timeout=20), "the warm-up did not run beside the model load"
        self.device = device


def test_the_warm_up_runs_beside_the_model_load_and_a_failing_step_is_left_to_first_use():
    tr = _WarmOrder()
    tr.load()
    assert tr.loaded and tr.steps == ["broken", "last"]


def test_no_warm_up_step_is_taken_once_the_model_has_loaded():
    from concurrent.futures import Future

    tr, steps = _LoadOrder(), []
    tr.warm_up = lambda: [lambda: steps.append(1)]
    loaded: Future[None] = Future()
    loaded.set_result(None)
    tr._warm_while(loaded)
    assert steps == []


def test_the_default_warm_up_changes_no_translation_nor_repair(fake_backend):
    def drop_placeholders(text: str) -> str:
        return " ".join(w for w in text.split() if not w.startswith("Z"))

    texts = ["Leggi su https://example.it/a il rapporto.", "Scrivete a info@example.it oggi."]
    cold = fake_backend(drop_placeholders)
    warm = fake_backend(drop_placeholders)
    for step in warm.warm_up():
        step()
    assert warm.translate(texts) == cold.translate(texts)
    assert warm.repairs == cold.repairs and cold.repairs
