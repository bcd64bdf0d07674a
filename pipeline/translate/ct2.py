"""The fast backend: CTranslate2 with the same Marian tokenizer.

The converted model lives in ``<model folder>/ctranslate2`` (``make models`` or
``mtpipe models convert``). int8 on CPU, int8_float16 on CUDA unless
``ct2_compute_type`` says otherwise. Batches are submitted asynchronously so
``inter_threads`` replicas work on several at once, in an order that lets the replicas
finish together (:func:`pipeline.translate.batching.submission_order`); results are
yielded in the caller's order.
"""

from __future__ import annotations

import ctypes
import importlib.util
import weakref
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import ModelError, ModelNotFoundError
from pipeline.models.convert import ct2_model_dir, ct2_problem, ct2_quantization
from pipeline.models.local import load_error
from pipeline.translate.base import BaseTranslator, cuda_device_count
from pipeline.translate.batching import batch_cost, spread_budget, submission_order
from pipeline.translate.tokenizer import load_spm_tokenizer


class CT2Translator(BaseTranslator):
    backend = "ctranslate2"
    model_load_releases_gil = True  # ctranslate2.Translator() loads in C++ without the GIL

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _MODELS.add(self)

    @classmethod
    def check_available(cls, model_dir: Path) -> None:
        """CTranslate2 installed and a sound converted model in ``<model_dir>/ctranslate2``.

        A partial or stale conversion (:func:`ct2_problem`: cut short, or made from
        weights since replaced) is no model: it would translate with other weights than
        the folder and the signature name, so ``auto`` falls back to transformers saying
        why and ``--backend ctranslate2`` stops, as ``models list`` and ``eval`` do.
        """
        if importlib.util.find_spec("ctranslate2") is None:
            raise ModelError(
                "the ctranslate2 backend needs CTranslate2: pip install '.[fast]' "
                "(or use --backend transformers)"
            )
        problem = ct2_problem(model_dir)
        if problem is not None:
            raise ModelNotFoundError(
                f"{problem}; convert it again with `mtpipe models convert {model_dir}` "
                "(or use --backend transformers)"
            )
        if not (ct2_model_dir(model_dir) / "model.bin").is_file():
            raise ModelNotFoundError(
                f"no CTranslate2 model in {ct2_model_dir(model_dir).resolve()}; "
                f"convert it with `mtpipe models convert {model_dir}` (or `make models`)"
            )

    def load_tokenizer(self) -> Any:
        """sentencepiece + vocab.json directly: the same tokens, without importing transformers."""
        return load_spm_tokenizer(self.model_dir)

    def _cuda_devices(self) -> int:
        return cuda_device_count("ctranslate2")

    def _load_model(self, device: str, index: int) -> None:
        import ctranslate2

        compute = self.settings.ct2_compute_type
        if compute == "auto":
            compute = "int8_float16" if device == "cuda" else "int8"
        inter, intra = self.thread_plan(device)
        path = ct2_model_dir(self.model_dir)
        try:
            self.engine = ctranslate2.Translator(
                str(path),
                device=device,
                device_index=index,
                compute_type=compute,
                inter_threads=inter,
                intra_threads=intra,
            )
        except Exception as exc:  # invalid model files or unsupported compute type
            fix = f"convert it again with `mtpipe models convert {self.model_dir}`"
            raise load_error(path, exc, "the CTranslate2 model", fix) from None
        self.device = device if device == "cpu" else f"cuda:{index}"
        self.dtype = f"{compute} (stored {ct2_quantization(path)})"
        self.threads = (inter, intra)

    def thread_plan(self, device: str) -> tuple[int, int]:
        """(inter, intra) threads: on CPU up to 4 replicas sharing the cores."""
        if device == "cuda":
            return max(1, self.settings.ct2_inter_threads or 1), 1
        cores = self.cpu_threads()
        inter = self.settings.ct2_inter_threads or min(4, cores)
        return inter, max(1, cores // inter)

    def batch_budget(self, lengths: Sequence[int]) -> int:
        """``batch_tokens`` shared by the replicas, a small input spread over them.

        See :func:`pipeline.translate.batching.spread_budget`: with 2 replicas on
        2 cores, spreading one short article halves its decoding time.
        """
        return spread_budget(lengths, self.settings.batch_tokens, self.threads[0])

    def _run(self, batches: list[list[list[int]]]) -> Iterator[tuple[list[str], list[float]]]:
        limits = [self.output_limits(batch) for batch in batches]
        pending: dict[int, tuple[list[Any], list[int]]] = {}
        for k in self.submission_order(batches, limits):
            low, high, keep = limits[k]
            pending[k] = (self._submit(batches[k], low, high), keep)
        for k in range(len(batches)):  # in the caller's order, whatever the submission's
            results, keep = pending.pop(k)
            done = [r.result() for r in results]
            rows = [r.hypotheses[0][:n] for r, n in zip(done, keep, strict=True)]
            self.stats["target_tokens"] += sum(len(r) for r in rows)
            yield self._decode(rows), [r.scores[0] for r in done]
        if len(_MODELS) > 1:  # another model may decode next: give it the freed workspace
            release_free_heap()

    def _submit(self, batch: list[list[int]], low: int, high: int) -> list[Any]:
        """Hand one batch to CTranslate2 (asynchronously: the first free replica takes it).

        Scores are asked for (the confidence stored per segment, issue 14). At greedy
        that adds a log-softmax over the vocabulary (80,035 pieces for opus-mt-it-en) at
        every step: measured in round 33 on the bench's 150 sentences, +3% CPU with
        one replica alone, +4-6% with two replicas decoding at once (their wall time:
        0.95 of the engine without scores). CTranslate2 has no cheaper way to the same
        value: a step callback's ``log_prob`` is set only by ``return_scores``,
        ``return_logits_vocab`` copies every step's whole logits out, and ``score_batch``
        on the outputs afterwards (teacher forcing) doubled the CPU (8.8 s against
        4.0-4.3 s) for a value up to 0.002 off.
        """
        tok = self.tokenizer
        return self.engine.translate_batch(
            [tok.convert_ids_to_tokens(ids) for ids in batch],
            beam_size=self.settings.num_beams,
            max_batch_size=0,
            max_input_length=0,  # inputs are already split under the limit: never truncate
            min_decoding_length=low,
            max_decoding_length=high,
            asynchronous=True,
            return_scores=True,
        )

    def submission_order(
        self, batches: list[list[list[int]]], limits: list[tuple[int, int, list[int]]]
    ) -> list[int]:
        """Batch indices in the order the replicas should get them to finish together.

        Each batch's expected steps: its forced length, else its longest source (about
        as many tokens as its translation; the cap ``high`` is a guard, not an estimate).
        """
        costs = []
        for batch, (low, high, _) in zip(batches, limits, strict=True):
            longest = max(len(ids) for ids in batch)
            steps = high if low == high else longest
            costs.append(batch_cost(len(batch), longest, steps, self.settings.num_beams))
        return submission_order(costs, self.threads[0])

    def _decode(self, rows: list[list[str]]) -> list[str]:
        """Output tokens to text, special tokens dropped (the spm tokenizer without ids)."""
        tok = self.tokenizer
        if hasattr(tok, "decode_tokens"):
            return tok.decode_tokens(rows)
        ids = [tok.convert_tokens_to_ids(r) for r in rows]
        return tok.batch_decode(ids, skip_special_tokens=True)


# This process's CTranslate2 translators (each loads its model, with its own decoding
# threads, when it first decodes).
_MODELS: weakref.WeakSet[CT2Translator] = weakref.WeakSet()


def release_free_heap() -> None:
    """Hand freed decoding workspace back to the OS (glibc ``malloc_trim``; no-op elsewhere).

    glibc keeps freed memory in each worker thread's arena, so without this a
    process holding two models (it-en, it-fr) would keep both workspaces resident.
    Called only then: with one translator its next batches reuse that memory, and a trim
    (7-120 ms of CPU after each group, by workspace size) would only make them fault
    it back in.
    """
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
