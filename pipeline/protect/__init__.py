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


# Texts whose spans a Protector keeps (a run asks about each segment three times: to
# protect it, to record its spans and to report bidi controls); past this it starts afresh.
_REMEMBERED = 4096


class Protector:
    """Protection for one language pair, glossary and tokenizer (compiled once).

    The spans of a text are found once and remembered (they depend on the text alone
    once the patterns are compiled): the translate stage asks about every segment three
    times, and finding them again was most of the protect layer's time after decoding.
    """

    def __init__(
        self,
        glossary: Glossary | None = None,
        src_lang: str = "it",
        tgt_lang: str = "en",
        special_tokens: Sequence[str] = (),
    ) -> None:
        self.glossary = glossary or Glossary()
        self.finder = SpanFinder(self.glossary, src_lang, tgt_lang, special_tokens, PLACEHOLDER)
        self._found: dict[tuple[str, tuple[Span, ...]], tuple[Span, ...]] = {}

    def spans(self, text: str, extra: Sequence[Span] = ()) -> list[Span]:
        """The spans of ``text`` that would be protected (``extra`` first).

        Inline markup markers of rich input (``<g1>``, ``</g1>``, ``<x2/>``, see
        :mod:`pipeline.markup`) are handed in here, so every caller gets them.
        A new list each call (spans are frozen; the remembered answer is never shared).
        """
        key = (text, tuple(extra))
        found = self._found.get(key)
        if found is None:
            from pipeline.markup import protect_spans

            if len(self._found) >= _REMEMBERED:
                self._found.clear()
            found = tuple(self.finder.find(text, [*extra, *protect_spans(text)]))
            self._found[key] = found
        return list(found)

    def protect(self, text: str, extra: Sequence[Span] = ()) -> Protected:
        """``text`` with its spans replaced by placeholders (restore with ``.restore``)."""
        return protect(text, self.spans(text, extra))
