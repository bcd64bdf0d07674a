"""Human post-edits survive retranslation: carry them from the previous document.

``mtpipe import`` stores a translator's targets as origin ``human`` in the
article's document JSON (and in the translation memory). When the article is
translated again (``--force``, or a changed input, setting or model), the
runner calls :func:`carry_human_edits` right after segmentation: every segment
whose id and source text are unchanged gets its human translations back, and
the translate and localise stages leave human translations alone. So MT never
overwrites a human edit, with or without the memory.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.document import Article
from pipeline.errors import InputError


def previous_document(path: Path) -> Article | None:
    """The document JSON an earlier run wrote at ``path``; None if absent or unreadable.

    An unreadable earlier document holds nothing that can be carried over, and
    the run that replaces it must not fail because of it.
    """
    try:
        return Article.from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, InputError, KeyError, TypeError, AttributeError):
        return None


def carry_human_edits(article: Article, previous: Article | None) -> int:
    """Copy human translations of unchanged segments from ``previous``; return how many.

    The protected spans recorded on such a segment come along (the source is the
    same), so a later export still shows them as inline codes.
    """
    if previous is None:
        return 0
    old = {s.id: s for s in previous.segments()}
    carried = 0
    for seg in article.segments():
        before = old.get(seg.id)
        if before is None or before.source != seg.source:
            continue
        human = {lang: tr for lang, tr in before.translations.items() if tr.is_human}
        seg.translations.update(human)
        carried += len(human)
        if human and not seg.protected:  # same source, same spans; MT will not record them
            seg.protected = list(before.protected)
    return carried
