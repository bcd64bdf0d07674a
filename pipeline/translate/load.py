"""Pick and construct a backend for a language pair (lazily: no model is loaded here)."""

from __future__ import annotations

from pathlib import Path

from pipeline.config import TranslateSettings
from pipeline.errors import ModelError
from pipeline.glossary import Glossary
from pipeline.models.local import model_info, resolve_model_dir
from pipeline.translate.base import BaseTranslator
from pipeline.translate.registry import AUTO, AUTO_ORDER, BACKENDS, backend_class

__all__ = ["BACKENDS", "choose_backend", "load_translator", "noise_warning"]


def choose_backend(name: str, folder: Path) -> tuple[str, str]:
    """``(backend, why)`` for the setting ``name`` and a model folder.

    A named backend is checked and kept (its ``check_available`` raises a
    ModelError saying how to fix it: install, convert). ``auto`` takes the
    first of ``AUTO_ORDER`` that can serve ``folder``, and ``why`` says why.
    """
    if name != AUTO:
        backend_class(name).check_available(folder)
        return name, "requested"
    reasons = []
    for candidate in AUTO_ORDER:
        try:
            backend_class(candidate).check_available(folder)
        except ModelError as exc:
            reasons.append(f"not {candidate}: {exc}")
            continue
        return candidate, "auto" + (f" ({'; '.join(reasons)})" if reasons else "")
    raise ModelError(f"no backend can serve {folder}: {'; '.join(reasons)}")


def load_translator(
    pair: str,
    settings: TranslateSettings,
    model_dir: Path | None = None,
    glossary: Glossary | None = None,
) -> BaseTranslator:
    """A translator for ``pair`` with the configured backend (``auto`` resolved here).

    ``settings`` are valid by construction (config.py checks every field).
    The model folder is ``model_dir`` or the registry folder under
    ``settings.models_dir``; missing files fail here, with one sentence, before
    any work starts. The model itself loads on the first text that needs it.
    ``glossary`` (do-not-translate and required terms) is enforced on its output.
    """
    folder = resolve_model_dir(pair, Path(settings.models_dir), model_dir)
    info = model_info(folder, pair)
    name, why = choose_backend(settings.backend, folder)
    translator = backend_class(name)(folder, pair, settings, info, glossary)
    translator.chosen_because = why
    return translator


def noise_warning(translator: BaseTranslator, folder: Path | None = None) -> str | None:
    """The one warning line for a translator built on a tiny random model, else None.

    Every command that translates prints it before any text is made (the brief:
    never a tiny model's output without saying it is noise); ``folder`` names
    the model folder in the line when the caller knows it.
    """
    if not translator.signature().get("tiny"):
        return None
    where = f" ({folder})" if folder is not None else ""
    pair = translator.pair
    return f"mtpipe: warning: {pair} uses a tiny random model{where}: its output is noise"
