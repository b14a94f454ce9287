"""Grouping sentences into batches of similar length under a token budget.

Sorting by length keeps padding (wasted compute) small; the budget bounds memory for a
batch of long sentences. Callers put results back in input order by index.
"""

from __future__ import annotations

from collections.abc import Sequence


def length_batches(lengths: Sequence[int], max_tokens: int, max_batch: int) -> list[list[int]]:
    """Indices into `lengths`, longest first, in batches whose padded size fits `max_tokens`.

    A single sentence longer than the budget still gets a batch of its own.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    for i in order:
        width = lengths[current[0]] if current else lengths[i]  # longest first: the first sets the width
        if current and ((len(current) + 1) * width > max_tokens or len(current) >= max_batch):
            batches.append(current)
            current = []
        current.append(i)
    if current:
        batches.append(current)
    return batches
