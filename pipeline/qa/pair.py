"""One aligned source/target pair, analysed lazily, and :func:`check_pair`.

Checks share work through :class:`Pair`: numbers, words, the detected target
language and the length z-score are computed once, on first use, so a check
that needs lingua pays for it only when it runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from pipeline import numtokens
from pipeline.config import QASettings
from pipeline.document import PARAGRAPH, Finding
from pipeline.qa import langid, numparse, numwords, resources, text
from pipeline.qa.registry import PAIR, active, effective


class Sibling(NamedTuple):
    """The same segment's translation into another target language of the article, with
    its :attr:`~pipeline.document.Translation.origin` (None where unknown)."""

    lang: str
    text: str
    origin: str | None = None


@dataclass(frozen=True)
class PairContext:
    """What a pair check may know beyond the two strings.

    ``prev_sources``/``next_sources`` are the neighbouring source segments
    (nearest first) of the same document, for the misalignment check.
    ``kind`` is the block kind; chrome kinds run only chrome-safe checks.
    ``score`` is :attr:`~pipeline.document.Translation.score` of the target.
    ``nearby_targets`` are the translations, into the same language, of the segments
    near this one in the same document, for the name check: a name the translation
    keeps there, it has no reason to leave out here. ``nearby_sources`` are those
    segments' sources, index for index, and ``sibling_targets`` the translations of this
    segment into the other target languages (:class:`Sibling`), for the length checks'
    norm (:attr:`Pair.adjusted_length_z`) and the number check (a change both translations
    make, one of them by a translator, is the source's slip).
    """

    kind: str = PARAGRAPH
    origin: str | None = None
    score: float | None = None  # model confidence of an MT target (mean token log-prob)
    prev_sources: tuple[str, ...] = ()
    next_sources: tuple[str, ...] = ()
    nearby_targets: tuple[str, ...] = ()
    nearby_sources: tuple[str, ...] = ()
    sibling_targets: tuple[Sibling, ...] = ()
    glossary: resources.Glossary | None = None


class Pair:
    """A source/target pair with features computed on demand."""

    def __init__(
        self,
        src: str,
        tgt: str,
        src_lang: str,
        tgt_lang: str,
        context: PairContext | None = None,
        glossary: resources.Glossary | None = None,
    ) -> None:
        self.src, self.tgt = src, tgt
        self.src_lang, self.tgt_lang = src_lang, tgt_lang
        self.context = context or PairContext()
        self.glossary = self.context.glossary or glossary or resources.Glossary()
        self.memo: dict[str, object] = {}  # analyses that several checks of a family share

    @cached_property
    def src_tokens(self) -> list[numtokens.Token]:
        return numtokens.tokenize(self.src, self.src_lang)

    @cached_property
    def tgt_tokens(self) -> list[numtokens.Token]:
        return numtokens.tokenize(self.tgt, self.tgt_lang)

    @cached_property
    def src_nums(self) -> list[numparse.Num]:
        nums = numparse.extract(self.src, self.src_lang, self.src_tokens)
        return numparse.with_dates_written_long(
            nums, self.src, self.src_lang, self.tgt, self.tgt_lang
        )

    @cached_property
    def tgt_nums(self) -> list[numparse.Num]:
        return numparse.extract(self.tgt, self.tgt_lang, self.tgt_tokens)

    @cached_property
    def src_word_values(self) -> frozenset[str]:
        return numwords.word_values(self.src, self.src_lang)

    @cached_property
    def tgt_word_values(self) -> frozenset[str]:
        return numwords.word_values(self.tgt, self.tgt_lang)

    @cached_property
    def src_words(self) -> list[str]:
        return text.words(self.src)

    @cached_property
    def tgt_words(self) -> list[str]:
        return text.words(self.tgt)

    @cached_property
    def tgt_plain(self) -> str:
        """The target without names and numbers: what language identification looks at.

        A title-cased headline ("News From The German Papers") keeps its
        capitalised words: there they are not names.
        """
        plain = text.without_names(
            text.without_kept_quotes(self.src, self.tgt), text.names_in(self.src)
        )
        if len(text.words(plain)) < 2:
            plain = text.without_names(self.tgt, text.names_in(self.src))
        if len(text.words(plain)) < 2 and text.title_cased(self.tgt):
            return " ".join(w for w in text.words(self.tgt) if not w.isupper())
        return plain

    @cached_property
    def tgt_function_hits(self) -> dict[str, int]:
        """Function words of each candidate language among the target's plain words."""
        return langid.function_hits(
            self.tgt_plain, langid.candidates((self.src_lang, self.tgt_lang))
        )

    @cached_property
    def tgt_langs(self) -> dict[str, float]:
        """lingua confidences for the target's plain words (sum to 1 over the candidates)."""
        if not text.words(self.tgt_plain):
            return {}
        return langid.confidences(self.tgt_plain, (self.src_lang, self.tgt_lang))

    @cached_property
    def length_z(self) -> float:
        """How unusual the target's length is for this source, in calibrated sds."""
        model = resources.length_model(self.src_lang, self.tgt_lang)
        return model.z(len(self.src.strip()), len(self.tgt.strip()))

    @cached_property
    def article_z(self) -> float:
        """The median length z of the nearby pairs of the article (0 without enough)."""
        near = zip(self.context.nearby_sources, self.context.nearby_targets, strict=False)
        return self.length_model.article_median(near)

    @cached_property
    def sibling_z(self) -> float | None:
        """The length z of this segment's other translations (see
        :func:`~pipeline.qa.resources.sibling_z`), None without any."""
        siblings = ((s.lang, s.text) for s in self.context.sibling_targets)
        return resources.sibling_z(self.src, siblings, self.src_lang)

    @cached_property
    def length_shift(self) -> float:
        """The part of this pair's length z that the text around it explains: the model's
        shares of the article's median z and of the sibling translations' z."""
        model = self.length_model
        if self.sibling_z is None:
            return model.article * self.article_z
        return model.article_with_sibling * self.article_z + model.sibling * self.sibling_z

    @cached_property
    def adjusted_length_z(self) -> float:
        """The length z against what the article and the other translations of this
        segment show (see :class:`~pipeline.qa.resources.LengthModel`): what the length
        checks (omission, addition, truncated) read, so a concise translator's concise
        sentence, or a wordy source every language renders short, is no cut."""
        return self.length_z - self.length_shift

    @cached_property
    def length_model(self) -> resources.LengthModel:
        return resources.length_model(self.src_lang, self.tgt_lang)

    @property
    def is_chrome(self) -> bool:
        from pipeline.document import CHROME_KINDS

        return self.context.kind in CHROME_KINDS


def check_pair(
    src: str,
    tgt: str,
    src_lang: str,
    tgt_lang: str,
    *,
    context: PairContext | None = None,
    settings: QASettings | None = None,
) -> list[Finding]:
    """Run every enabled pair check on one aligned pair; findings carry ``lang=tgt_lang``.

    Chrome pairs (``context.kind`` in CHROME_KINDS) get only the checks
    registered with ``chrome=True``.
    """
    settings = settings or QASettings()
    glossary = resources.load_glossary(settings.glossary)
    tgt, where = text.visible(tgt)  # what the model saw and wrote: no invisible controls
    pair = Pair(text.visible(src)[0], tgt, src_lang, tgt_lang, context, glossary)
    findings: list[Finding] = []
    for chk, severity in active(settings, PAIR):
        if pair.is_chrome and not chk.chrome:
            continue
        for hit in chk.fn(pair):
            span = text.span_in(hit.span, where)
            findings.append(Finding(chk.id, effective(severity, hit), hit.message, tgt_lang, span))
            if chk.id == "empty":
                return findings  # nothing else is meaningful on an empty target
    return findings
