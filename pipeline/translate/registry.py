"""The backend registry: name -> import path, imported only when used.

Like sacrebleu's tokenizer and metric registries, a name maps to
``"module:Class"`` so listing the backends (config choices, ``--backend``
choices, ``--help`` and the docs) imports neither torch nor CTranslate2.
``auto`` is not a backend: :func:`pipeline.translate.load.choose_backend`
resolves it per model folder to the first entry of :data:`AUTO_ORDER` that can
serve it. This module imports nothing of mtpipe, so config.py may use it.
"""

from __future__ import annotations

import importlib
from typing import Any

BACKENDS: dict[str, str] = {
    "transformers": "pipeline.translate.marian:MarianTranslator",
    "ctranslate2": "pipeline.translate.ct2:CT2Translator",
}
AUTO = "auto"
BACKEND_CHOICES: tuple[str, ...] = (AUTO, *BACKENDS)
# Tried in this order by `auto`: the fast path when it can serve the folder.
AUTO_ORDER: tuple[str, ...] = ("ctranslate2", "transformers")

BACKEND_HELP: dict[str, str] = {
    AUTO: "CTranslate2 when installed and the model is converted (make models), else transformers",
    "transformers": "MarianMT through transformers generate (the reference)",
    "ctranslate2": "CTranslate2 int8 (CPU) / int8_float16 (CUDA); needs a converted model",
}


def backend_class(name: str) -> Any:
    """The translator class registered as ``name`` (imports its module, not its libraries)."""
    module, _, cls = BACKENDS[name].partition(":")
    return getattr(importlib.import_module(module), cls)
