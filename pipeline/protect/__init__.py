"""Protection: spans that machine translation must not touch -> placeholders -> restore.

Every backend gets it through :class:`~pipeline.translate.base.BaseTranslator`
(one :class:`Protector` per translator, built on first use): URLs, e-mail
addresses, @handles, #hashtags and do-not-translate terms come back byte for
byte, required glossary translations come back as the glossary says, literal
special-token strings never reach the tokenizer as control tokens, and
segments with no language in them (``* * *``, ``2024``) are copied, never
translated. Readers of marked-up formats hand their inline tags in as
``open``/``close``/``atomic`` :class:`Span` s (``Protector.protect(text, extra)``).

- :mod:`pipeline.protect.spans`: finding spans (kinds, matching rules);
- :mod:`pipeline.protect.placeholders`: the placeholder form, restore, repairs.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.glossary import Glossary
from pipeline.protect.placeholders import PLACEHOLDER, Problem, Protected, placeholder, protect
from pipeline.protect.spans import (
    ATOMIC,
    CLOSE,
    OPEN,
    Span,
    SpanFinder,
    is_language,
    kept_ranges,
)

__all__ = [
    "ATOMIC",
    "CLOSE",
    "OPEN",
    "PLACEHOLDER",
    "Problem",
    "Protected",
    "Protector",
    "Span",
    "SpanFinder",
    "is_language",
    "kept_ranges",
    "placeholder",
]


class Protector:
    """Protection for one language pair, glossary and tokenizer (compiled once)."""

    def __init__(
        self,
        glossary: Glossary | None = None,
        src_lang: str = "it",
        tgt_lang: str = "en",
        special_tokens: Sequence[str] = (),
    ) -> None:
        self.glossary = glossary or Glossary()
        self.finder = SpanFinder(self.glossary, src_lang, tgt_lang, special_tokens, PLACEHOLDER)

    def spans(self, text: str, extra: Sequence[Span] = ()) -> list[Span]:
        """The spans of ``text`` that would be protected (``extra`` first).

        Inline markup markers of rich input (``<g1>``, ``</g1>``, ``<x2/>``, see
        :mod:`pipeline.markup`) are handed in here, so every caller gets them.
        """
        from pipeline.markup import protect_spans

        return self.finder.find(text, [*extra, *protect_spans(text)])

    def protect(self, text: str, extra: Sequence[Span] = ()) -> Protected:
        """``text`` with its spans replaced by placeholders (restore with ``.restore``)."""
        return protect(text, self.spans(text, extra))
