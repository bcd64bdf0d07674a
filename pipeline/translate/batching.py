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


def spread_budget(lengths: Sequence[int], batch_tokens: int, replicas: int) -> int:
    """Padded tokens per batch when ``replicas`` decode at once (CTranslate2's ``inter_threads``).

    ``batch_tokens`` is what is in flight, shared by the replicas (each holds its
    own decoding workspace, so memory stays bounded by the setting whatever the
    thread plan); a small input (one short article) is spread over the replicas
    rather than sent as one batch that leaves all but one idle.
    """
    spread = -(-sum(lengths) // replicas)  # ceil: each replica gets about as many tokens
    return max(1, min(batch_tokens // replicas, spread))
