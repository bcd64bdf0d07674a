"""A read-only snapshot of the translation memory for workers that cannot open the SQLite file.

The Ray runner's driver looks up every source its planned articles hold, once per
language pair, and ships the hits to the translation actors through Ray's
object store. An actor reads the snapshot through the same ``lookup``/``store``
protocol the translate stage uses with :class:`pipeline.memory.TranslationMemory`;
what it stores is kept (so a sentence the actor translated in one group is a
memory hit in its next group, as in the local runner) and handed back with the
group's results by :meth:`SnapshotMemory.take_new`, for the driver, the single
writer of the SQLite file, to store.

Plain Python with no Ray import, so it is tested without a cluster.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pipeline.memory.store import normalise_source

if TYPE_CHECKING:
    from pipeline.memory import MemoryKey


@dataclass
class Snapshot:
    """One language pair's memory hits: MT-cache targets and human entries, by source.

    ``mt`` maps a source (as the driver looked it up) to its cached target under
    the pair's :class:`MemoryKey`; ``human`` maps a source to its human entry (an
    object with ``target``, ``creator``, ``updated``), which wins over MT.
    """

    mt: dict[str, str] = field(default_factory=dict)
    human: dict[str, Any] = field(default_factory=dict)


def build_snapshot(memory, key: MemoryKey, sources: Iterable[str]) -> Snapshot:
    """What ``memory`` holds for ``sources`` under ``key`` and for ``key``'s language pair.

    ``memory`` is the driver's translation memory (``lookup`` and, when it has
    them, ``lookup_human``); its own matching rules (normalised sources, human
    entries of any model) therefore apply unchanged. Sources it lacks are absent.
    """
    distinct = list(dict.fromkeys(s for s in sources if s.strip()))
    if not distinct:
        return Snapshot()
    human = getattr(memory, "lookup_human", None)
    return Snapshot(
        mt=memory.lookup(key, distinct),
        human=human(key.src_lang, key.tgt_lang, distinct) if human is not None else {},
    )


class SnapshotMemory:
    """The translate stage's memory protocol over one pair's snapshot plus this worker's output.

    ``snapshot`` holds the driver's hits for the one :class:`MemoryKey` this
    worker translates with (sources exactly as the driver looked them up). Pairs passed to
    :meth:`store` are remembered under their normalised source (the SQLite
    memory's matching rule) and queued for the driver.
    """

    def __init__(self, key: MemoryKey | None, snapshot: Snapshot) -> None:
        self.key = key
        self._snapshot = dict(snapshot.mt)
        self._human = dict(snapshot.human)
        self._own: dict[str, str] = {}
        self._new: list[tuple[str, str]] = []

    def lookup(self, key: MemoryKey, sources: Sequence[str]) -> dict[str, str]:
        """Targets of ``sources`` held by the snapshot or stored earlier by this worker."""
        if self.key is not None and key != self.key:
            return {}
        hits: dict[str, str] = {}
        for source in sources:
            target = self._snapshot.get(source)
            if target is None:
                target = self._own.get(normalise_source(source))
            if target is not None:
                hits[source] = target
        return hits

    def lookup_human(self, src_lang: str, tgt_lang: str, sources: Sequence[str]) -> dict[str, Any]:
        """Human entries of ``sources`` for the pair (only this worker's pair has any)."""
        if self.key is not None and (src_lang, tgt_lang) != (self.key.src_lang, self.key.tgt_lang):
            return {}
        return {s: self._human[s] for s in sources if s in self._human}

    def store(self, key: MemoryKey, pairs: Sequence[tuple[str, str]]) -> None:
        """Remember ``pairs`` for later lookups and queue them for the driver."""
        if self.key is None:
            self.key = key
        for source, target in pairs:
            self._own[normalise_source(source)] = target
            self._new.append((source, target))

    def take_new(self) -> list[tuple[str, str]]:
        """The pairs stored since the last call (the driver writes them to SQLite)."""
        new, self._new = self._new, []
        return new
