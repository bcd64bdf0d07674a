"""Record on the document which spans of each segment were protected, per target language."""

from __future__ import annotations

from pipeline.document import ProtectedSpan, Segment
from pipeline.protect.spans import is_language

NONLANGUAGE = "nonlanguage"


def record_spans(segment: Segment, lang: str, protector) -> None:
    """Add ``lang``'s protected spans of ``segment`` to ``segment.protected``.

    A segment without language is recorded as one ``nonlanguage`` span over
    the whole source (it was copied, never sent to a model). ``protector`` is a
    :class:`~pipeline.protect.Protector`; running again for the same language
    changes nothing.
    """
    if not segment.source.strip():
        return
    if not is_language(segment.source):
        found = [(0, len(segment.source), NONLANGUAGE, segment.source)]
    else:
        found = [(s.start, s.end, s.kind, s.target) for s in protector.spans(segment.source)]
    index = {(p.start, p.end, p.kind): p for p in segment.protected}
    for start, end, kind, target in found:
        record = index.get((start, end, kind))
        if record is None:
            record = index[(start, end, kind)] = ProtectedSpan(start, end, kind)
            segment.protected.append(record)
        record.targets[lang] = target
    segment.protected.sort(key=lambda p: (p.start, p.end))
