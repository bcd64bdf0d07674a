"""Pick and construct a backend for a language pair (lazily: no model is loaded here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pipeline.config import TranslateSettings
from pipeline.errors import ModelError, ModelNotFoundError
from pipeline.glossary import Glossary
from pipeline.models.convert import ct2_model_dir
from pipeline.models.local import model_info, resolve_model_dir
from pipeline.translate.base import BaseTranslator

BACKENDS = ("transformers", "ctranslate2")
DEVICES = ("auto", "cpu", "cuda")


def load_translator(
    pair: str,
    settings: TranslateSettings,
    model_dir: Path | None = None,
    glossary: Glossary | None = None,
) -> BaseTranslator:
    """A translator for ``pair`` with the configured backend.

    The model folder is ``model_dir`` or the registry folder under
    ``settings.models_dir``; missing files fail here, with one sentence, before
    any work starts. The model itself loads on the first text that needs it.
    ``glossary`` (do-not-translate and required terms) is enforced on its output.
    """
    folder = resolve_model_dir(pair, Path(settings.models_dir), model_dir)
    info = model_info(folder, pair)
    if settings.backend == "ctranslate2":
        from pipeline.translate.ct2 import CT2Translator

        if importlib.util.find_spec("ctranslate2") is None:
            raise ModelError(
                "the ctranslate2 backend needs CTranslate2: pip install '.[fast]' "
                "(or use --backend transformers)"
            )
        if not (ct2_model_dir(folder) / "model.bin").is_file():
            raise ModelNotFoundError(
                f"no CTranslate2 model for {info.model_id} in {ct2_model_dir(folder).resolve()}; "
                f"convert it with `mtpipe models convert {folder}` (or `make models`)"
            )
        return CT2Translator(folder, pair, settings, info, glossary)
    from pipeline.translate.marian import MarianTranslator

    return MarianTranslator(folder, pair, settings, info, glossary)
