"""Translation: the Translator interface, its backends and the translate stage.

``load_translator(pair, settings)`` picks the backend from the registry
(:mod:`pipeline.translate.registry`: transformers MarianMT, CTranslate2, or
``auto``); ``translate_articles`` fills segment translations, reading and
writing the translation memory. torch, transformers and ctranslate2 are only
imported when a model actually loads, and this package's modules only when a
name is first used (so config.py can read the registry without a cycle).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "BACKENDS": "pipeline.translate.registry",
    "BACKEND_CHOICES": "pipeline.translate.registry",
    "BaseTranslator": "pipeline.translate.base",
    "Translator": "pipeline.translate.base",
    "decoding_key": "pipeline.translate.base",
    "join_translations": "pipeline.translate.split",
    "load_translator": "pipeline.translate.load",
    "choose_backend": "pipeline.translate.load",
    "noise_warning": "pipeline.translate.load",
    "split_long": "pipeline.translate.split",
    "translate_article": "pipeline.translate.stage",
    "translate_articles": "pipeline.translate.stage",
    "Memory": "pipeline.translate.stage",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'pipeline.translate' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
