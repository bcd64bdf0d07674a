"""Length-sorted batches bounded by tokens (padded size), not by sentence count."""

from __future__ import annotations

import itertools
from collections.abc import Sequence


def token_batches(lengths: Sequence[int], batch_tokens: int) -> list[list[int]]:
    """Group indices into batches whose ``count * longest`` stays within ``batch_tokens``.

    Indices are sorted by length, longest first (so memory limits show at once and
    similar lengths share a batch, minimising padding); a single item longer than
    the budget still gets a batch of its own.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        size = max(longest, lengths[i])
        if current and size * (len(current) + 1) > batch_tokens:
            batches.append(current)
            current, size = [], lengths[i]
        current.append(i)
        longest = size
    if current:
        batches.append(current)
    return batches


def spread_budget(lengths: Sequence[int], batch_tokens: int, replicas: int) -> int:
    """Padded tokens per batch when ``replicas`` decode at once (CTranslate2's ``inter_threads``).

    ``batch_tokens`` is what is in flight, shared by the replicas (each holds its
    own decoding workspace, so memory stays bounded by the setting whatever the
    thread plan); a small input (one short article) is spread over the replicas
    rather than sent as one batch that leaves all but one idle.
    """
    spread = -(-sum(lengths) // replicas)  # ceil: each replica gets about as many tokens
    return max(1, min(batch_tokens // replicas, spread))


# CPU int8 decoding (opus-mt shape, one replica on one core; the bench's batches solo,
# round 33): one decoding step costs about 9 ms plus 0.55 ms per row (x beams): the
# weights read at every step weigh as much as about 16 rows' work.
STEP_OVERHEAD_ROWS = 16
ENCODER_SHARE = 0.25  # an encoded source token against one decoded row-step
ORDER_SEARCH = 6  # batches whose order is searched exhaustively (6! = 720 schedules)
# A batch's cost is known to about 10% (the same batch measured twice on a shared machine:
# up to 15% apart), so a planned order must be predicted this much sooner to be used.
MIN_GAIN = 0.03


def batch_cost(rows: int, source_tokens: int, steps: int, beams: int) -> float:
    """Expected decoding cost of one batch, in row-steps (for ordering batches, not timing).

    ``steps`` x (rows x beams + the per-step overhead) for the decoder, plus the
    encoder's share of the padded source (``rows`` x ``source_tokens``).
    """
    return steps * (rows * beams + STEP_OVERHEAD_ROWS) + ENCODER_SHARE * rows * source_tokens


def finish_time(costs: Sequence[float], order: Sequence[int], free: Sequence[float]) -> float:
    """When the last of ``order`` ends if each goes to the first replica free (``free``: start)."""
    ends = list(free)
    for k in order:
        i = ends.index(min(ends))
        ends[i] += costs[k]
    return max(ends)


def submission_order(costs: Sequence[float], replicas: int) -> list[int]:
    """Order to hand batches to ``replicas`` parallel workers so that they finish together.

    CTranslate2 gives each batch, in submission order, to the first replica that is
    free. Length-sorted batches come longest first, which leaves one replica idle
    while the other decodes the last big batch of a few-batch input. The head is kept
    longest-expected-cost-first (LPT); the order of the last :data:`ORDER_SEARCH`
    batches is searched over every permutation for the soonest predicted end, the
    given order winning ties. The given order is kept with one replica, and when the
    plan is not predicted at least :data:`MIN_GAIN` sooner (within the cost model's error).
    """
    given = list(range(len(costs)))
    if replicas < 2 or len(costs) < 3:
        return given
    lpt = sorted(given, key=lambda k: (-costs[k], k))
    head, tail = lpt[:-ORDER_SEARCH], sorted(lpt[-ORDER_SEARCH:])
    ends = [0.0] * replicas
    for k in head:
        ends[ends.index(min(ends))] += costs[k]
    best, best_end = tail, finish_time(costs, tail, ends)
    for perm in itertools.permutations(tail):
        end = finish_time(costs, perm, ends)
        if end < best_end * (1 - 1e-9):
            best, best_end = list(perm), end
    planned = head + list(best)
    if finish_time(costs, planned, [0.0] * replicas) > (1 - MIN_GAIN) * finish_time(
        costs, given, [0.0] * replicas
    ):
        return given
    return planned
