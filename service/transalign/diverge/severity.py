"""The one severity scale every check maps its evidence onto (a flag's `severity`, in [0, 1]).

Severity orders the flags a reviewer reads first; it is not a probability. Each level says
what kind of evidence reaches it, so that a number changed between the sides and a name
changed between them rank alike whichever check found them. A check places its evidence on
a level, one STEP above or below where its case is surer or less sure than the level's
typical one, or `graded` from a level by how far a measurement lies beyond its threshold.
"""

from __future__ import annotations

CERTAIN = 0.9  # both sides show the difference (a number changed), or a source sentence has no translation at all
STRONG = 0.8  # a whole sentence on one side has nothing on the other
LIKELY = 0.7  # a marker that changes the meaning (a negation) is on one side only
POSSIBLE = 0.6  # part of a sentence has no support on the other side (a clause, a one-sided number or name)
UNSURE = 0.5  # a measurement the document itself shows is unusual, with nothing more to point at
WEAK = 0.4  # the other side may say it in other words
STEP = 0.05  # within a level: one case surer (or less sure) than the level's typical one; per unit of `graded`'s excess


def graded(level: float, excess: float, cap: float) -> float:
    """`level`, raised by STEP for each unit `excess` lies beyond its check's threshold, up to `cap`."""
    return min(cap, level + STEP * excess)
