"""The reference backend: transformers ``MarianTokenizer`` + ``MarianMTModel.generate``.

CUDA when present (bf16 where the card supports it, else fp16), otherwise CPU
fp32; ``torch.inference_mode``; batches come length-sorted and token-bounded
from :class:`~pipeline.translate.base.BaseTranslator`.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

from pipeline.errors import ModelError
from pipeline.models.local import load_error
from pipeline.translate.base import BaseTranslator, cuda_device_count


class MarianTranslator(BaseTranslator):
    backend = "transformers"

    @classmethod
    def check_available(cls, model_dir: Path) -> None:
        """transformers and torch are core dependencies; a complete folder is enough."""
        if importlib.util.find_spec("torch") is None:
            raise ModelError("the transformers backend needs torch: pip install torch")

    def _cuda_devices(self) -> int:
        return cuda_device_count("transformers")

    def _load_model(self, device: str, index: int) -> None:
        import torch
        from transformers import MarianMTModel

        target = f"cuda:{index}" if device == "cuda" else device
        dtype = torch.float32
        if device == "cuda":
            dtype = torch.bfloat16 if torch.cuda.is_bf16_supported() else torch.float16
        elif self.settings.threads:
            torch.set_num_threads(self.settings.threads)
        try:
            model = MarianMTModel.from_pretrained(str(self.model_dir), dtype=dtype)
        except Exception as exc:  # corrupt weights or config raise assorted errors
            raise load_error(self.model_dir, exc) from None
        self.model = model.to(target).eval()
        self.pad_id = self.tokenizer.pad_token_id
        self.device, self.dtype = target, str(dtype).removeprefix("torch.")

    def _run(self, batches: list[list[list[int]]]) -> Iterator[tuple[list[str], list[float]]]:
        import torch

        for batch in batches:
            low, high, keep = self.output_limits(batch)
            width = max(len(ids) for ids in batch)
            input_ids = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
            mask = torch.zeros((len(batch), width), dtype=torch.long)
            for row, ids in enumerate(batch):
                input_ids[row, : len(ids)] = torch.tensor(ids)
                mask[row, : len(ids)] = 1
            with torch.inference_mode():
                out = self.model.generate(
                    input_ids=input_ids.to(self.device),
                    attention_mask=mask.to(self.device),
                    num_beams=self.settings.num_beams,
                    do_sample=False,
                    min_new_tokens=low,
                    max_new_tokens=high,
                    # The length cap is a runaway guard: stop there, don't force </s>.
                    forced_eos_token_id=None,
                    output_scores=True,
                    return_dict_in_generate=True,
                )
            rows = out.sequences[:, 1:].tolist()  # drop the decoder start token
            rows = [r[:n] for r, n in zip(rows, keep, strict=True)]
            self.stats["target_tokens"] += sum(_content_length(r, self.pad_id) for r in rows)
            scores = self._mean_logprobs(out, [len(r) for r in rows])
            yield self.tokenizer.batch_decode(rows, skip_special_tokens=True), scores

    def _mean_logprobs(self, out, keep: list[int]) -> list[float]:  # noqa: ANN001
        """Length-normalised log-probability of each output (mean natural log per token).

        Per-token log-probabilities from ``compute_transition_scores`` (with the
        beam indices under beam search), over the tokens kept up to and including
        ``</s>``; padding after it counts nothing.
        """
        import torch

        steps = self.model.compute_transition_scores(
            out.sequences,
            out.scores,
            getattr(out, "beam_indices", None),
            normalize_logits=out.get("beam_indices") is None,
        )
        tokens = out.sequences[:, 1 : 1 + steps.shape[1]]
        result = []
        for row, ids, n in zip(steps, tokens, keep, strict=True):
            length = min(n, _content_length(ids.tolist(), self.pad_id) + 1)
            vals = row[: max(1, length)].float()
            finite = vals[torch.isfinite(vals)]
            result.append(float(finite.mean()) if len(finite) else float("-inf"))
        return result


def _content_length(row: list[int], pad_id: int, eos_id: int = 0) -> int:
    """Generated tokens before ``</s>``/padding."""
    for n, tok in enumerate(row):
        if tok in (pad_id, eos_id):
            return n
    return len(row)
