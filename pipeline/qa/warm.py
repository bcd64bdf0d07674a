"""QA's one-off loading, done once per process before the first article is checked.

Most of what QA costs in a short run is paid once: wordfreq's word
frequencies of the pair's languages (for the name checks; the function words
come from a shipped copy, :data:`pipeline.qa.resources.FUNCTION_WORDS`) and
the checks' compiled patterns. Loading them up
front, next to the translation models, makes that cost visible as a start-up
cost (the speed benchmark reports it beside the model load) instead of a slow
first article; the findings are the same either way. :func:`warm_up` does not
load lingua's models: the checks ask lingua only about texts whose function
words do not settle their language (:func:`pipeline.qa.langid.words_settle`),
which a publishable run may never have; :func:`warm_for_sources` loads the
trigram models when the run's own source segments show that the source
language check will ask.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.config import QASettings
from pipeline.document import Article, Block, Segment, Translation

# A warm-up article: one Italian sentence with a name, numbers and a quotation,
# so that every check family loads what it needs, and its translations (which
# read as their language by function words alone, so lingua stays unloaded).
WARM_SOURCE = 'Il ministro Andrei Belousov ha detto: "Il Pil è cresciuto del 2,5% nel 2008".'
WARM_TARGETS = {
    "en": 'Minister Andrei Belousov said: "GDP grew by 2.5 percent in 2008".',
    "fr": "Le ministre Andrei Belousov a dit : « Le PIB a augmenté de 2,5 % en 2008 ».",
}


def warm_up(source_lang: str, targets: Sequence[str], settings: QASettings) -> None:
    """Load what QA needs for ``source_lang`` -> ``targets`` by checking one sample pair.

    Targets without a sample translation in :data:`WARM_TARGETS` are not
    warmed (their first article loads what it needs). Raises what
    :func:`pipeline.qa.run_qa` raises (a broken glossary or calibration file);
    callers that only warm up may ignore it, since the first real check
    reports it again.
    """
    from pipeline.qa import frequency, langid, names, numwords, run_qa
    from pipeline.qa.checks.entities import THIRD_LANGS

    known = [t for t in targets if t in WARM_TARGETS]
    for lang in langid.candidates((source_lang, *targets)):
        langid.function_words(lang)
    # The third-language name rule reads these at the first name of several words that a
    # target lacks, which most news articles have: 0.1-0.15 s here instead of mid-run.
    # A pair's own two languages are never third languages to it.
    own = [{langid.primary(source_lang), langid.primary(t)} for t in targets]
    frequency.preload([x for x in THIRD_LANGS if any(x not in o for o in own)], common_only=True)
    # The name checks' CLDR renamings and the number checks' month names, which the sample
    # pair below does not reach: read by the first article otherwise (0.03-0.05 s).
    for lang in (source_lang, *targets):
        numwords.preload(lang)
    for t in targets:
        names.preload_renamings(source_lang, t)
    if not known:
        return
    seg = Segment(
        id="warm",
        source=WARM_SOURCE,
        translations={t: Translation(WARM_TARGETS[t], "mt") for t in known},
    )
    article = Article(id="warm", source_lang=source_lang, target_langs=known)
    article.blocks.append(Block("warm", "paragraph", WARM_SOURCE, [seg]))
    run_qa(article, settings)


def warm_for_sources(source_lang: str, sources: Sequence[str], settings: QASettings) -> None:
    """Load lingua's trigram models now if the source language check will ask them about
    one of ``sources`` (the run's source segments), else nothing.

    :func:`warm_up` leaves lingua out, since most texts never need it; but one
    line of 25 (newstest2009.it) has too few function words to settle, so a long
    article usually asks, and its 0.15-0.25 s load is better paid here, beside
    the model load, than between decoding and the outputs. Deciding costs a
    function-word count per segment, which the check does anyway.
    """
    from pipeline.qa import langid
    from pipeline.qa.checks.source import asks_lingua
    from pipeline.qa.registry import all_checks, is_on

    lang = langid.primary(source_lang)
    if is_on(all_checks()["source_language"], settings) and any(
        asks_lingua(s, lang) for s in sources
    ):
        langid.preload((lang,), low_accuracy=True)
