"""Load the Marian tokenizer (sentencepiece + vocab.json) for a backend.

Two loaders give the same tokens: ``MarianTokenizer`` from transformers (the
reference, used by the transformers backend, which imports transformers anyway)
and :class:`~pipeline.translate.spm.SpmMarianTokenizer` (sentencepiece alone, for
the CTranslate2 path, which then never imports transformers or torch).
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from pipeline.models.local import load_error


def load_spm_tokenizer(model_dir: Path) -> Any:
    """The sentencepiece-only Marian tokenizer where it matches ``MarianTokenizer`` exactly.

    A folder it does not cover (see :func:`pipeline.translate.spm.supports`) gets
    ``MarianTokenizer``: slower to load, same tokens. A broken folder is a ModelError.
    """
    from pipeline.translate.spm import SpmMarianTokenizer, supports

    if not supports(Path(model_dir)):
        return load_marian_tokenizer(model_dir)
    try:
        return SpmMarianTokenizer(Path(model_dir))
    except Exception as exc:  # corrupt spm/vocab files raise assorted errors
        raise load_error(model_dir, exc, "the tokenizer") from None


def load_marian_tokenizer(model_dir: Path) -> Any:
    """``MarianTokenizer.from_pretrained(model_dir)``; a broken folder is a ModelError."""
    from pipeline.models.hf import quiet_transformers

    quiet_transformers()
    from transformers import MarianTokenizer

    try:
        with warnings.catch_warnings():
            # The Moses punctuation normaliser is optional and unused when encoding.
            warnings.filterwarnings("ignore", message=".*sacremoses.*")
            return MarianTokenizer.from_pretrained(str(model_dir))
    except Exception as exc:  # corrupt spm/vocab files raise assorted errors
        raise load_error(model_dir, exc, "the tokenizer") from None


def special_tokens(tokenizer: Any) -> list[str]:
    """Every special token ``tokenizer`` defines (``</s>``, ``<unk>``, ``<pad>``, added ones).

    Read from the loaded tokenizer, never hard-coded: the protect layer keeps
    literal occurrences out of the model input.
    """
    names = set(getattr(tokenizer, "all_special_tokens", ()))
    added = getattr(tokenizer, "added_tokens_decoder", {}) or {}
    names.update(getattr(t, "content", str(t)) for t in added.values())
    return sorted(n for n in names if n)


def encode(tokenizer: Any, texts: list[str]) -> list[list[int]]:
    """Source token ids (with ``</s>``) for each text, no padding and no truncation.

    ``split_special_tokens``: a literal ``</s>`` in a text is tokenized as text,
    never as the control id (the protect layer already hides such strings
    behind placeholders; this keeps it so for any caller).
    """
    return tokenizer(texts, truncation=False, padding=False, split_special_tokens=True)["input_ids"]
