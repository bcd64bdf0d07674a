"""Third-party sentence splitters behind the same lossless interface.

``segment.engine`` picks the splitter: ``mtpipe`` (our rules, the default),
``moses`` (the ``sentence-splitter`` package, Moses non-breaking prefixes) or
``pysbd``. The libraries return sentence strings, not offsets; :func:`align`
finds each one in the text again so the result keeps the ``(sentence,
space_after)`` losslessness of :func:`~pipeline.segment.rules.split_sentences`.
Libraries are optional (``pip install '.[bench]'``) and imported on first use.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from pipeline.errors import ConfigError
from pipeline.segment.rules import pairs_from_starts, split_sentences

Splitter = Callable[[str, str], list[tuple[str, str]]]

ENGINES = ("mtpipe", "moses", "pysbd")


def align(text: str, sentences: list[str]) -> list[tuple[str, str]]:
    """Turn a library's sentence list into lossless pairs by locating each sentence in ``text``.

    A sentence that cannot be found (a library that rewrote characters) adds no
    boundary, so text is never lost, only a split may be missed.
    """
    starts, cursor = [], 0
    for sentence in sentences:
        core = sentence.strip()
        if not core:
            continue
        at = text.find(core, cursor)
        if at < 0:
            continue
        starts.append(at)
        cursor = at + len(core)
    return pairs_from_starts(text, starts)


@cache
def _moses(lang: str):
    from sentence_splitter import SentenceSplitter, SentenceSplitterException

    try:
        return SentenceSplitter(language=lang)
    except SentenceSplitterException:
        raise _unsupported("moses", lang) from None


@cache
def _pysbd(lang: str):
    import pysbd

    try:
        return pysbd.Segmenter(language=lang, clean=False)
    except ValueError:
        raise _unsupported("pysbd", lang) from None


def _unsupported(engine: str, lang: str) -> ConfigError:
    return ConfigError(
        f"segment.engine {engine!r} has no rules for language {lang!r}; "
        "use engine 'mtpipe' (generic rules for any language)"
    )


def _split_moses(text: str, lang: str) -> list[tuple[str, str]]:
    return align(text, _moses(lang).split(text))


def _split_pysbd(text: str, lang: str) -> list[tuple[str, str]]:
    return align(text, _pysbd(lang).segment(text))


def splitter_for(engine: str) -> Splitter:
    """The ``split(text, lang)`` function of ``engine``; ConfigError names the valid ones."""
    table: dict[str, Splitter] = {
        "mtpipe": split_sentences,
        "moses": _split_moses,
        "pysbd": _split_pysbd,
    }
    if engine not in table:
        raise ConfigError(f"unknown segment.engine {engine!r}; valid engines: {', '.join(ENGINES)}")
    if engine != "mtpipe":
        module = {"moses": "sentence_splitter", "pysbd": "pysbd"}[engine]
        try:
            __import__(module)
        except ImportError:
            raise ConfigError(
                f"segment.engine {engine!r} needs the {module} package; "
                "install it with `pip install '.[bench]'` or use engine 'mtpipe'"
            ) from None
    return table[engine]
