"""The Translator interface and the machinery every backend shares.

A backend only loads its model and turns batches of token ids into text; this
module does the rest the same way for all of them: distinct texts are
translated once, sentences over the input limit are split (never truncated),
pieces are sorted by length into token-bounded batches, results come back in
input order. Models load lazily on the first text that needs one, so a run
served entirely from the translation memory loads nothing.

Protection (:mod:`pipeline.protect`) happens here too, so every backend gets
it: texts without language are copied, protected spans travel as
placeholders and are restored (and repaired) on the way out.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from pipeline import __version__
from pipeline.config import TranslateSettings
from pipeline.errors import ConfigError
from pipeline.glossary import Glossary
from pipeline.models.local import ModelInfo
from pipeline.models.registry import split_pair
from pipeline.protect import Protected, Protector, is_language
from pipeline.translate.batching import token_batches
from pipeline.translate.split import join_translations, split_long
from pipeline.translate.tokenizer import encode, load_marian_tokenizer, special_tokens

# A sample for the warm-up (:meth:`BaseTranslator.warm_up`): a URL the output lost, so
# its restore goes through the placeholder repair.
_WARM_SOURCE = "Il sito https://www.example.it ha pubblicato il rapporto completo."
_WARM_OUTPUT = "The site has published the full report."

MODEL_MAX_POSITIONS = 512  # opus-mt sinusoidal positions; the input limit never exceeds it


@runtime_checkable
class Translator(Protocol):
    """The whole contract between the translate stage and a backend.

    ``src_lang``/``tgt_lang`` are the pair's language codes, ``model_id`` and
    ``revision`` name the model (they key the translation memory with the
    decoding settings of :meth:`signature`), ``backend`` is the registry name.
    """

    src_lang: str
    tgt_lang: str
    model_id: str
    revision: str
    backend: str

    @property
    def loaded(self) -> bool:
        """True once the model is in memory (a run served by the memory loads nothing)."""
        ...

    def signature(self) -> dict[str, Any]:
        """Everything needed to reproduce an output (backend, model, device, decoding)."""
        ...

    def translate_stream(self, texts: Sequence[str]) -> Iterator[list[tuple[int, str]]]:
        """Yield ``(index, translation)`` groups as batches finish; every index exactly once."""
        ...

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translations of ``texts`` in input order (collects :meth:`translate_stream`)."""
        ...


def resolve_device(wanted: str, cuda_devices: int) -> tuple[str, int]:
    """``(device, index)`` for a device setting, given how many CUDA devices there are.

    ``auto`` is CUDA card 0 when there is one, else the CPU; ``cuda`` or
    ``cuda:N`` without that card is a ConfigError (never a silent CPU run).
    """
    if wanted == "auto":
        return ("cuda", 0) if cuda_devices else ("cpu", 0)
    if not wanted.startswith("cuda"):
        return wanted, 0
    index = int(wanted.partition(":")[2] or 0)
    if index >= cuda_devices:
        have = f"{cuda_devices} CUDA device(s)" if cuda_devices else "no CUDA device"
        raise ConfigError(
            f"translate.device is {wanted!r} but there is {have}; use device cpu or auto "
            "(--device cpu, or [translate] device)"
        )
    return "cuda", index


def cuda_device_count(backend: str) -> int:
    """CUDA devices ``backend``'s library sees, 0 when it is not installed: what
    :func:`resolve_device` decides with, asked by :func:`pipeline.config.check_on_this_machine`
    before a run writes anything (the backends' ``_cuda_devices`` ask the same)."""
    try:
        if backend == "ctranslate2":
            import ctranslate2

            return ctranslate2.get_cuda_device_count()
        import torch
    except ImportError:
        return 0
    return torch.cuda.device_count() if torch.cuda.is_available() else 0


def decoding_key(signature: dict[str, Any]) -> str:
    """Decoding settings for translation-memory keys.

    The backend and its configured compute type are part of the key: an int8
    CTranslate2 output is not what the float32 transformers model would say.
    """
    key = (
        f"backend={signature['backend']},compute={signature.get('compute_type', 'auto')},"
        f"beams={signature['num_beams']},max_in={signature['max_input_tokens']},"
        f"max_out={signature['max_output_ratio']}"
    )
    if signature.get("force_length_ratio"):
        key += f",forced={signature['force_length_ratio']}"
    if signature.get("glossary"):
        key += f",glossary={signature['glossary']}"
    return key


@dataclass
class _Unit:
    """One piece sent to the model: a whole distinct text or one piece of a split one."""

    owner: int  # index into the distinct texts
    ids: list[int]


class BaseTranslator:
    """Shared logic of every backend.

    A backend subclass sets ``backend`` (its registry name) and implements
    ``check_available`` (can it serve a folder?), ``_cuda_devices``,
    ``_load_model`` and ``_run``; the tokenizer, device resolution, encoding,
    splitting, batching and ordering are done here once for all of them.
    ``announce`` (None: silent) receives one line when the model loads,
    saying which backend, device and compute type serve the pair and why.
    """

    backend = "base"
    # True when ``_load_model`` runs outside the GIL (CTranslate2's C++ load): the
    # tokenizer is then read in this thread meanwhile (start-up time, issue 15).
    model_load_releases_gil = False

    def __init__(
        self,
        model_dir: Path,
        pair: str,
        settings: TranslateSettings,
        info: ModelInfo,
        glossary: Glossary | None = None,
    ) -> None:
        self.model_dir = Path(model_dir)
        self.pair = pair
        self.src_lang, self.tgt_lang = split_pair(pair)
        self.settings = settings
        self.model_id = info.model_id
        self.revision = info.revision
        self.tiny = info.tiny
        self.note = info.note
        self.device: str | None = None
        self.dtype: str | None = None
        self.load_seconds: float | None = None
        self.stats = {"batches": 0, "pieces": 0, "split_texts": 0, "target_tokens": 0}
        self.stats["protect_seconds"] = 0.0
        self.glossary = glossary or Glossary()
        self.repairs: dict[str, list[str]] = {}  # source -> placeholder repairs, last call
        self._protector: Protector | None = None
        # Model confidence of each text translated so far (mean token log-prob; the mean
        # over the pieces of a split text); the translate stage takes them (pop) per segment.
        self.scores: dict[str, float] = {}
        self.chosen_because = "requested"
        self.announce: Callable[[str], None] | None = None
        # Called once the model has loaded, before the first batch decodes (a run waits
        # here for its own start-up work that overlapped the load: QA's warm-up).
        self.after_load: list[Callable[[], None]] = []
        self._loaded = False

    # -- lifecycle -----------------------------------------------------------
    @property
    def loaded(self) -> bool:
        return self._loaded

    @classmethod
    def check_available(cls, model_dir: Path) -> None:
        """Raise a ModelError saying what to do when this backend cannot serve ``model_dir``."""

    def load(self) -> None:
        """Load tokenizer and model now (otherwise the first translation does)."""
        if self._loaded:
            return
        start = time.perf_counter()
        self._load()
        self.load_seconds = time.perf_counter() - start
        self._loaded = True
        if self.announce is not None:
            self.announce(self.describe())
        for hook in self.after_load:
            hook()

    def _load(self) -> None:
        """Tokenizer, device, model: the same sequence for every backend.

        Backends implement ``_cuda_devices`` and ``_load_model``; a model-free
        test backend may replace this whole step.
        """
        need_tokenizer = getattr(self, "tokenizer", None) is None  # the protector may have it
        device, index = resolve_device(self.settings.device, self._cuda_devices())
        if not (need_tokenizer and self.model_load_releases_gil):
            if need_tokenizer:
                self.tokenizer = self.load_tokenizer()
            self._load_model(device, index)
            return
        with ThreadPoolExecutor(1, thread_name_prefix="mtpipe-model-load") as pool:
            model = pool.submit(self._load_model, device, index)
            try:
                self.tokenizer = self.load_tokenizer()
                self._warm_while(model)
            finally:
                model.result()  # the model's error first: it is the one a user fixes first

    def _warm_while(self, model: Future[None]) -> None:
        """Do this translator's one-off work (:meth:`warm_up`) while ``model`` loads.

        This thread would otherwise only wait for the model, whose load releases the GIL;
        each step is taken only while the load is still under way, so a fast load is never
        kept waiting for more than one step, and what is left is done when first needed.
        """
        for step in self.warm_up():
            if model.done():
                return
            with contextlib.suppress(Exception):  # the first real use raises it again
                step()

    def warm_up(self) -> list[Callable[[], None]]:
        """One-off work of the first translation, in steps that can run before it.

        The protector (its compiled patterns: about 15 ms), and a restore that repairs a
        dropped placeholder (rapidfuzz's import and the repair patterns: about 25 ms),
        which would otherwise be paid between the first batches.
        """
        return [self.protection, self._warm_restore]

    def _warm_restore(self) -> None:
        shield = self.protection()
        shield.protect(_WARM_SOURCE).restore(_WARM_OUTPUT)

    def describe(self) -> str:
        """One line: pair, backend, device, compute type and why this backend."""
        return (
            f"mtpipe: {self.pair}: {self.backend} on {self.device or self.settings.device}, "
            f"{self.dtype or 'auto'} [{self.chosen_because}]"
        )

    def signature(self, resolved: bool = True) -> dict[str, Any]:
        """Everything needed to reproduce an output, like sacrebleu's signature.

        ``device``/``dtype`` are the resolved ones once the model is loaded, the
        configured ones before (a run served from memory never resolves them) or
        when not ``resolved``.
        """
        s = self.settings
        device, dtype = (self.device, self.dtype) if resolved else (None, None)
        sig: dict[str, Any] = {
            "mtpipe": __version__,
            "backend": self.backend,
            "model": self.model_id,
            "revision": self.revision,
            "pair": self.pair,
            "device": device or s.device,
            "dtype": dtype or "auto",
            "num_beams": s.num_beams,
            "max_input_tokens": self.input_limit,
            "max_output_ratio": s.max_output_ratio,
            "batch_tokens": s.batch_tokens,
        }
        if self.backend == "ctranslate2":
            sig["compute_type"] = s.ct2_compute_type
        if s.force_length_ratio:
            sig["force_length_ratio"] = s.force_length_ratio
        if not self.glossary.empty:
            sig["glossary"] = self.glossary.pair_digest(self.src_lang, self.tgt_lang)
        if self.tiny:
            sig["tiny"] = True
            sig["note"] = self.note
        return sig

    def configured_signature(self) -> dict[str, Any]:
        """The signature with the configured device and dtype (outputs the model did not make)."""
        return self.signature(resolved=False)

    @property
    def input_limit(self) -> int:
        return max(2, min(self.settings.max_input_tokens, MODEL_MAX_POSITIONS))

    # -- translation ---------------------------------------------------------
    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translations of ``texts`` in the same order."""
        out = [""] * len(texts)
        for group in self.translate_stream(texts):
            for i, text in group:
                out[i] = text
        return out

    def translate_stream(self, texts: Sequence[str]) -> Iterator[list[tuple[int, str]]]:
        """Yield ``(index, translation)`` groups as batches finish (for incremental saving).

        Every index of ``texts`` is yielded exactly once. Texts without language
        (blank, ``* * *``, ``2024``) come back unchanged without touching the
        model; so do texts that are nothing but protected spans. Placeholder
        repairs are noted per source text in ``self.repairs``.
        """
        self.repairs = {}
        owners: dict[str, list[int]] = {}
        copies = []
        for i, text in enumerate(texts):
            if is_language(text):
                owners.setdefault(text, []).append(i)
            else:
                copies.append((i, text))
        if copies:
            yield copies
        if not owners:
            return
        self.load()
        prepared = self.protect_all(list(owners))
        direct = [t for t in owners if prepared[t].copy_only]
        if direct:
            yield [
                (i, self.restore(prepared[t], prepared[t].text)) for t in direct for i in owners[t]
            ]
        distinct = [t for t in owners if not prepared[t].copy_only]
        if distinct:
            for group in self._model_stream([prepared[t] for t in distinct]):
                yield [(i, text) for owner, text in group for i in owners[distinct[owner]]]

    def _model_stream(self, prepared: list[Protected]) -> Iterator[list[tuple[int, str]]]:
        """Translate protected texts; yield ``(position, restored translation)`` groups."""
        units, pieces_of = self._units([p.text for p in prepared])
        lengths = [len(u.ids) for u in units]
        batches = token_batches(lengths, self.batch_budget(lengths))
        parts: dict[int, dict[int, str]] = {}
        piece_scores: dict[int, list[float | None]] = {}
        for batch, result in zip(
            batches, self._run([[units[j].ids for j in b] for b in batches]), strict=True
        ):
            self.stats["batches"] += 1
            # (texts, scores); a backend that measures no confidence may yield texts only.
            outputs, scores = result if isinstance(result, tuple) else (result, [None] * len(batch))
            group = []
            for j, text, score in zip(batch, outputs, scores, strict=True):
                owner = units[j].owner
                parts.setdefault(owner, {})[j] = text
                piece_scores.setdefault(owner, []).append(score)
                if len(parts[owner]) < len(pieces_of[owner]):
                    continue
                got = parts.pop(owner)
                ps = piece_scores.pop(owner)  # a split text: the mean over its pieces
                if None not in ps:
                    self.scores[prepared[owner].source] = sum(ps) / len(ps)
                order = sorted(got)
                joined = (
                    got[order[0]]
                    if len(order) == 1
                    else join_translations(pieces_of[owner], [got[k] for k in order])
                )
                group.append((owner, self.restore(prepared[owner], joined)))
            if group:
                yield group

    # -- protection ------------------------------------------------------------
    def protection(self) -> Protector:
        """The protector of this pair: glossary, and the special tokens of the tokenizer."""
        if self._protector is None:
            self._protector = Protector(
                self.glossary, self.src_lang, self.tgt_lang, self.special_tokens()
            )
        return self._protector

    def special_tokens(self) -> list[str]:
        """Every special token the loaded tokenizer defines (``</s>``, ``<unk>``, ``<pad>``...).

        Read from the tokenizer, never hard-coded: literal occurrences in a
        source are protected so the model input has one ``</s>``, at the end.
        """
        tok = getattr(self, "tokenizer", None)
        if tok is None:  # served from memory so far: read the tokenizer, not the model
            tok = self.tokenizer = self.load_tokenizer()
        return special_tokens(tok)

    def load_tokenizer(self) -> Any:
        """The Marian tokenizer of the folder (transformers' ``MarianTokenizer``).

        A backend that needs no transformers overrides this with a loader giving
        the same tokens (CTranslate2: sentencepiece alone).
        """
        return load_marian_tokenizer(self.model_dir)

    def protect_all(self, texts: list[str]) -> dict[str, Protected]:
        """Each text with its protected spans replaced by placeholders."""
        start = time.perf_counter()
        shield = self.protection()
        prepared = {t: shield.protect(t) for t in texts}
        self.stats["protect_seconds"] += time.perf_counter() - start
        return prepared

    def restore(self, protected: Protected, output: str) -> str:
        """``output`` with the spans put back; repairs noted in ``self.repairs``."""
        start = time.perf_counter()
        text, problems = protected.restore(output)
        if problems:
            self.repairs[protected.source] = [p.note() for p in problems]
        self.stats["protect_seconds"] += time.perf_counter() - start
        return text

    def _units(self, distinct: list[str]) -> tuple[list[_Unit], dict[int, list[str]]]:
        """Encode the texts; split any over the input limit into pieces under it."""
        units: list[_Unit] = []
        pieces_of: dict[int, list[str]] = {}
        limit = self.input_limit
        for owner, (text, ids) in enumerate(zip(distinct, self._encode(distinct), strict=True)):
            if len(ids) <= limit:
                pieces_of[owner] = [text]
                units.append(_Unit(owner, ids))
                continue
            self.stats["split_texts"] += 1
            pieces = split_long(text, lambda t: len(self._encode([t.strip()])[0]), limit)
            pieces_of[owner] = pieces
            piece_ids = self._encode([p.strip() for p in pieces])
            units.extend(_Unit(owner, ids) for ids in piece_ids)
        self.stats["pieces"] += len(units)
        return units, pieces_of

    def output_limits(self, batch: list[list[int]]) -> tuple[int, int, list[int]]:
        """(min, max) new tokens for a batch, and the most each item may keep.

        An item's cap (``max_output_ratio`` x its source tokens + 10) is a guard
        against runaway decoding; rows are cut to their own cap so a result never
        depends on its batch mates. Forced lengths (benchmarks only) make every
        method decode the same number of tokens per sentence: the batch decodes
        to its longest and each output is cut to its own length.
        """
        s = self.settings
        if s.force_length_ratio > 0:
            forced = [max(1, round(s.force_length_ratio * len(ids))) for ids in batch]
            return max(forced), max(forced), forced
        caps = [min(MODEL_MAX_POSITIONS, int(s.max_output_ratio * len(ids)) + 10) for ids in batch]
        return 1, max(caps), caps

    def batch_budget(self, lengths: Sequence[int]) -> int:
        """Padded source tokens per batch (``batch_tokens``) for pieces of ``lengths`` tokens."""
        return self.settings.batch_tokens

    def cpu_threads(self) -> int:
        return self.settings.threads or os.cpu_count() or 1

    def _encode(self, texts: list[str]) -> list[list[int]]:
        """Source token ids of each text, end-of-sentence included, never truncated."""
        return encode(self.tokenizer, texts)

    # -- backend hooks ---------------------------------------------------------
    def _cuda_devices(self) -> int:
        """How many CUDA devices this backend's library sees."""
        raise NotImplementedError

    def _load_model(self, device: str, index: int) -> None:
        """Load the model on ``device`` (``cpu``/``cuda``) card ``index``; set device, dtype."""
        raise NotImplementedError

    def _run(self, batches: list[list[list[int]]]) -> Iterator[tuple[list[str], list[float]]]:
        """Translate batches of token ids, yielding each batch's texts in order.

        With each text its model confidence: the length-normalised sequence
        log-probability (mean natural-log probability per output token, <= 0).
        """
        raise NotImplementedError
