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

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from pipeline.memory.store import normalise_source

if TYPE_CHECKING:
    from pipeline.memory import MemoryKey


def build_snapshot(memory, key: MemoryKey, sources: Iterable[str]) -> dict[str, str]:
    """Targets the memory holds for ``sources`` under ``key``: ``{source as given: target}``.

    ``memory`` is anything with the translate stage's ``lookup`` (the SQLite memory);
    its own matching rules (normalised sources, entries that take precedence)
    therefore apply unchanged. Sources it does not hold are absent.
    """
    distinct = list(dict.fromkeys(s for s in sources if s.strip()))
    return memory.lookup(key, distinct) if distinct else {}


class SnapshotMemory:
    """The translate stage's memory protocol over one pair's snapshot plus this worker's output.

    ``snapshot`` maps sources (exactly as the driver looked them up) to targets
    for the one :class:`MemoryKey` this worker translates with. Pairs passed to
    :meth:`store` are remembered under their normalised source (the SQLite
    memory's matching rule) and queued for the driver.
    """

    def __init__(self, key: MemoryKey | None, snapshot: Mapping[str, str]) -> None:
        self.key = key
        self._snapshot = dict(snapshot)
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
