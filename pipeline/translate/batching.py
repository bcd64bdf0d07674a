"""Length-sorted batches bounded by tokens (padded size), not by sentence count."""

from __future__ import annotations

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
