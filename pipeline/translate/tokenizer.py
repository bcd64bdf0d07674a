"""Load the Marian tokenizer the same way for every backend (sentencepiece + vocab.json)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from pipeline.errors import ModelError
from pipeline.models.hf import quiet_transformers


def load_marian_tokenizer(model_dir: Path) -> Any:
    """``MarianTokenizer.from_pretrained(model_dir)``; a broken folder is a ModelError."""
    quiet_transformers()
    from transformers import MarianTokenizer

    try:
        with warnings.catch_warnings():
            # The Moses punctuation normaliser is optional and unused when encoding.
            warnings.filterwarnings("ignore", message=".*sacremoses.*")
            return MarianTokenizer.from_pretrained(str(model_dir))
    except Exception as exc:  # corrupt spm/vocab files raise assorted errors
        raise ModelError(
            f"cannot load the tokenizer from {model_dir} ({type(exc).__name__}: {exc}); "
            "fetch the model again or rebuild it"
        ) from None


def encode(tokenizer: Any, texts: list[str]) -> list[list[int]]:
    """Source token ids (with ``</s>``) for each text, no padding and no truncation."""
    return tokenizer(texts, truncation=False, padding=False)["input_ids"]
