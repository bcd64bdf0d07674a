"""Translation: the Translator interface, its backends and the translate stage.

``load_translator(pair, settings)`` picks the backend (transformers MarianMT,
or CTranslate2); ``translate_articles`` fills segment translations, reading and
writing the translation memory. torch, transformers and ctranslate2 are only
imported when a model actually loads.
"""

from __future__ import annotations

from pipeline.translate.base import BaseTranslator, Translator, decoding_key
from pipeline.translate.load import BACKENDS, load_translator
from pipeline.translate.split import join_translations, split_long
from pipeline.translate.stage import translate_article, translate_articles

__all__ = [
    "BACKENDS",
    "BaseTranslator",
    "Translator",
    "decoding_key",
    "join_translations",
    "load_translator",
    "split_long",
    "translate_article",
    "translate_articles",
]
