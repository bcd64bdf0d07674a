"""QA's one-off loading, done once per process before the first article is checked.

Most of what QA costs in a short run is paid once: lingua's n-gram models
(about 2.3 CPU-seconds for the seven languages of
:data:`pipeline.qa.langid.DEFAULT_LANGS`) and wordfreq's word lists. Loading
them up front, next to the translation models, makes that cost visible as a
start-up cost (the speed benchmark reports it beside the model load) instead
of a slow first article; the findings are the same either way.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.config import QASettings
from pipeline.document import Article, Block, Segment, Translation

# A warm-up article: one Italian sentence with a name, numbers and a quotation,
# so that every check family loads what it needs (targets are filled per language).
WARM_SOURCE = 'Il ministro Andrei Belousov ha detto: "Il Pil è cresciuto del 2,5% nel 2008".'
WARM_TARGET = 'Minister Andrei Belousov said: "GDP grew by 2.5 percent in 2008".'


def warm_up(source_lang: str, targets: Sequence[str], settings: QASettings) -> None:
    """Load what QA needs for ``source_lang`` -> ``targets`` by checking one sample pair.

    Raises what :func:`pipeline.qa.run_qa` raises (a broken glossary or
    calibration file); callers that only warm up may ignore it, since the
    first real check reports it again.
    """
    from pipeline.qa import langid, run_qa

    langid.warm((source_lang, *targets))
    seg = Segment(
        id="warm",
        source=WARM_SOURCE,
        translations={t: Translation(WARM_TARGET, "mt") for t in targets},
    )
    article = Article(id="warm", source_lang=source_lang, target_langs=list(targets))
    article.blocks.append(Block("warm", "paragraph", WARM_SOURCE, [seg]))
    run_qa(article, settings)
