"""A read-only snapshot of the translation memory for workers that cannot open the SQLite file.

The Ray runner's driver looks up every source its planned articles hold, once per
language pair, and ships the hits to the translation actors through Ray's
object store. An actor reads the snapshot through the same ``lookup``/``store``
protocol the translate stage uses with :class:`pipeline.memory.TranslationMemory`;
what it stores is kept (so a sentence the actor translated in one group is a
memory hit in its next group, as in the local runner) and handed back with the
group's results by :meth:`SnapshotMemory.take_new`, for the driver, the single
writer of the SQLite file, to store. Repaired outputs travel with their repair
notes both ways (``lookup_noted``/``store_noted``, as the SQLite memory keeps
them), so a repaired sentence that recurs is a memory hit with its finding on
both runners.

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
    the pair's :class:`MemoryKey`, repaired outputs included; ``notes`` maps the
    sources of repaired outputs to their repair notes; ``human`` maps a source to
    its human entry (an object with ``target``, ``creator``, ``updated``), which
    wins over MT.
    """

    mt: dict[str, str] = field(default_factory=dict)
    human: dict[str, Any] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)


def build_snapshot(memory, key: MemoryKey, sources: Iterable[str]) -> Snapshot:
    """What ``memory`` holds for ``sources`` under ``key`` and for ``key``'s language pair.

    ``memory`` is the driver's translation memory (``lookup`` or, when it has
    them, ``lookup_noted`` and ``lookup_human``); its own matching rules
    (normalised sources, human entries of any model) therefore apply unchanged.
    Sources it lacks are absent.
    """
    distinct = list(dict.fromkeys(s for s in sources if s.strip()))
    if not distinct:
        return Snapshot()
    human = getattr(memory, "lookup_human", None)
    noted = getattr(memory, "lookup_noted", None)
    found = noted(key, distinct) if noted is not None else {}
    return Snapshot(
        mt={s: t for s, (t, _n) in found.items()} if noted else memory.lookup(key, distinct),
        human=human(key.src_lang, key.tgt_lang, distinct) if human is not None else {},
        notes={s: list(n) for s, (_t, n) in found.items() if n},
    )


class SnapshotMemory:
    """The translate stage's memory protocol over one pair's snapshot plus this worker's output.

    ``snapshot`` holds the driver's hits for the one :class:`MemoryKey` this
    worker translates with (sources exactly as the driver looked them up). Outputs
    passed to :meth:`store` or :meth:`store_noted` are remembered under their
    normalised source (the SQLite memory's matching rule) and queued for the driver.
    """

    def __init__(self, key: MemoryKey | None, snapshot: Snapshot) -> None:
        self.key = key
        self._snapshot = {s: (t, list(snapshot.notes.get(s, []))) for s, t in snapshot.mt.items()}
        self._human = dict(snapshot.human)
        self._own: dict[str, tuple[str, list[str]]] = {}
        self._new: list[tuple[str, str, list[str]]] = []

    def lookup_noted(
        self, key: MemoryKey, sources: Sequence[str]
    ) -> dict[str, tuple[str, list[str]]]:
        """``(target, repair notes)`` of ``sources`` held by the snapshot or stored here."""
        if self.key is not None and key != self.key:
            return {}
        hits: dict[str, tuple[str, list[str]]] = {}
        for source in sources:
            found = self._snapshot.get(source) or self._own.get(normalise_source(source))
            if found is not None:
                hits[source] = (found[0], list(found[1]))
        return hits

    def lookup(self, key: MemoryKey, sources: Sequence[str]) -> dict[str, str]:
        """Targets of unrepaired outputs only, as the SQLite memory's ``lookup``."""
        return {s: t for s, (t, notes) in self.lookup_noted(key, sources).items() if not notes}

    def lookup_human(self, src_lang: str, tgt_lang: str, sources: Sequence[str]) -> dict[str, Any]:
        """Human entries of ``sources`` for the pair (only this worker's pair has any)."""
        if self.key is not None and (src_lang, tgt_lang) != (self.key.src_lang, self.key.tgt_lang):
            return {}
        return {s: self._human[s] for s in sources if s in self._human}

    def store(self, key: MemoryKey, pairs: Sequence[tuple[str, str]]) -> None:
        """Remember ``pairs`` (unrepaired outputs) and queue them for the driver."""
        self.store_noted(key, [(source, target, []) for source, target in pairs])

    def store_noted(self, key: MemoryKey, triples: Sequence[tuple[str, str, list[str]]]) -> None:
        """Remember ``(source, target, repair notes)`` and queue them for the driver."""
        if self.key is None:
            self.key = key
        for source, target, notes in triples:
            self._own[normalise_source(source)] = (target, list(notes))
            self._new.append((source, target, list(notes)))

    def take_new(self) -> list[tuple[str, str, list[str]]]:
        """``(source, target, notes)`` stored since the last call (the driver stores them)."""
        new, self._new = self._new, []
        return new
