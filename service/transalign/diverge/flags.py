"""Small helpers the checks share: building a flag, and robust outlier scores."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from transalign.types import Evidence, Flag, FlagKind


def flag(kind: FlagKind, severity: float, bead: int, message: str, evidence: Sequence[Evidence] = ()) -> Flag:
    """A flag with its severity kept on the scale (diverge/severity.py) and rounded, so that runs compare equal."""
    return Flag(kind=kind, severity=round(min(1.0, max(0.0, severity)), 3), bead=bead, message=message, evidence=tuple(evidence))


def robust_z(values: Sequence[float]) -> list[float]:
    """(x - median) / (1.4826 MAD): how unusual each value is within its own document.

    The median and MAD ignore the few outliers the checks look for, so one dropped
    paragraph does not widen the yardstick it is measured with.
    """
    if len(values) < 3:
        return [0.0] * len(values)
    median = statistics.median(values)
    mad = statistics.median(abs(v - median) for v in values) * 1.4826
    mad = max(mad, 1e-6)
    return [(v - median) / mad for v in values]


def quote(text: str, limit: int = 60) -> str:
    """A span as it reads in a one-line message."""
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"
