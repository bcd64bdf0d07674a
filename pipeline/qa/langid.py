"""Language identification with lingua, restricted to the languages news pages mix.

Building a detector costs little, but the first detection loads the n-gram
models (about 1.5 s for seven languages on this machine), so the detector is
built lazily, once per language set, and cached for the process.
"""

from __future__ import annotations

from functools import lru_cache

# ISO 639-1 codes the detector knows by default; pairs' own languages are added.
DEFAULT_LANGS = ("it", "en", "fr", "de", "es", "pt", "nl")


def _builder(codes: tuple[str, ...]):  # -> lingua.LanguageDetectorBuilder
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
    return LanguageDetectorBuilder.from_languages(*langs)


@lru_cache(maxsize=8)
def _detector(codes: tuple[str, ...], low_accuracy: bool = False):  # -> lingua.LanguageDetector
    builder = _builder(codes)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def _codes(extra: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(set(DEFAULT_LANGS) | {c for c in extra if len(c) == 2}))


def warm(extra: tuple[str, ...] = ()) -> None:
    """Load every model the checks' detector uses now, not on its first text.

    lingua keeps loaded models for the process and shares them between
    detectors, so a throw-away detector built with preloaded models does it.
    Detection results do not depend on when the models were loaded.
    """
    _builder(_codes(extra)).with_preloaded_language_models().build()


def confidences(
    text: str, extra: tuple[str, ...] = (), *, low_accuracy: bool = False
) -> dict[str, float]:
    """Confidence per ISO code (summing to 1) that ``text`` is in that language.

    ``low_accuracy`` uses trigram models only: much faster to load, and as
    good as the full models on long text (lingua's documentation), such as a
    whole article.
    """
    values = _detector(_codes(extra), low_accuracy).compute_language_confidence_values(text)
    return {v.language.iso_code_639_1.name.lower(): v.value for v in values}


def detect(text: str, extra: tuple[str, ...] = ()) -> tuple[str | None, float]:
    """Most likely language of ``text`` and its confidence (``None`` when undecided)."""
    conf = confidences(text, extra)
    if not conf:
        return None, 0.0
    best = max(conf, key=conf.__getitem__)
    return (best, conf[best]) if conf[best] > 0 else (None, 0.0)
