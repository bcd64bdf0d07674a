"""Score QA checks on the labelled benchmark: per-check P/R/F1, clean false-flag rate."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bench.qa.corrupt import KINDS, Item
from pipeline.document import SEVERITIES, Finding
from pipeline.qa import PairContext, check_pair


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    excused: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def run_mtpipe(items: Iterable[Item]) -> list[list[Finding]]:
    """Findings of the qa pair checks for each item, with its neighbours as context."""
    out = []
    for it in items:
        ctx = PairContext(
            prev_sources=(it.prev_src,) if it.prev_src else (),
            next_sources=(it.next_src,) if it.next_src else (),
            nearby_targets=it.nearby_tgts,
            nearby_sources=it.nearby_srcs,
            sibling_targets=it.siblings,
        )
        out.append(check_pair(it.src, it.tgt, it.src_lang, it.tgt_lang, context=ctx))
    return out


def score(
    items: list[Item], flags: list[set[str]], kinds: Iterable[str] = KINDS
) -> dict[str, Scores]:
    """Per-kind counts; a flag on an item whose ``also`` names the kind is excused."""
    table = {k: Scores() for k in kinds}
    for it, fired in zip(items, flags, strict=True):
        for kind, s in table.items():
            if it.label == kind:
                if kind in fired:
                    s.tp += 1
                else:
                    s.fn += 1
            elif kind in fired:
                if kind in it.also:
                    s.excused += 1
                else:
                    s.fp += 1
    return table


def micro(table: dict[str, Scores]) -> Scores:
    return Scores(
        sum(s.tp for s in table.values()),
        sum(s.fp for s in table.values()),
        sum(s.fn for s in table.values()),
        sum(s.excused for s in table.values()),
    )


def at_least(severity: str) -> Callable[[Finding], bool]:
    """A filter keeping findings of ``severity`` or above (``"warning"``: warnings and errors)."""
    rank = SEVERITIES.index(severity)
    return lambda f: SEVERITIES.index(f.severity) >= rank


def clean_rates(findings: list[list[Finding]], severity: str = "error") -> tuple[float, Counter]:
    """Share of clean pairs with a finding at ``severity`` or above, and counts per check."""
    per_check: Counter = Counter()
    flagged = 0
    keep = at_least(severity)
    for fs in findings:
        hits = {f.check for f in fs if keep(f)}
        flagged += bool(hits)
        per_check.update(hits)
    return flagged / max(1, len(findings)), per_check


def pofilter_flags(items: Iterable[Item], mapping: dict[str, tuple[str, ...]]) -> list[set[str]]:
    """translate-toolkit's StandardChecker on the same pairs, mapped onto our check ids."""
    from translate.filters import checks
    from translate.storage import pypo

    checker = checks.StandardChecker()
    out = []
    for it in items:
        unit = pypo.pounit(it.src)
        unit.target = it.tgt
        failures = set(checker.run_filters(unit))
        out.append({ours for ours, theirs in mapping.items() if failures & set(theirs)})
    return out


def flags_of(
    findings: list[list[Finding]], keep: Callable[[Finding], bool] = lambda f: True
) -> list[set[str]]:
    return [{f.check for f in fs if keep(f)} for fs in findings]
