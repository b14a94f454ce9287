"""Strict and lax precision, recall and F1 of a sentence alignment against a gold one.

The definitions are those of vecalign's scorer (thompsonb/vecalign, `score.py`:
`_precision` and `score_multiple`), themselves after Véronis & Langlais / the ARCADE
measures as used in https://www.aclweb.org/anthology/W11-4624/. Written afresh here so
the benchmarks need neither vecalign nor numpy; the rules are:

- A bead is a pair (source indices, target indices); beads empty on both sides are
  dropped, and each side's beads are taken as a set.
- Precision counts the *test* beads, null beads (1-0, 0-1) included. A test bead is a
  strict hit when the very same bead is in gold. It is a lax hit when it is a strict hit
  or when some (source, target) index pair it links is also linked by a gold bead (its
  source overlaps a gold bead whose target overlaps its target). A test null bead can
  therefore only be a strict hit: it links no pair.
- Recall counts the *gold* beads with null beads left out, and matches them the same way
  against the test beads with null beads left out (vecalign calls `_precision` with the
  arguments swapped).
- Counts are summed over all documents before dividing (micro average), and a ratio
  with a zero denominator is 0 (vecalign's `value_for_div_by_0=0.0`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Indices = tuple[int, ...]
BeadPair = tuple[Indices, Indices]


@dataclass(frozen=True)
class Counts:
    """Hit and miss counts of one side (precision or recall) of the comparison."""

    strict_hits: int = 0
    strict_misses: int = 0
    lax_hits: int = 0
    lax_misses: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.strict_hits + other.strict_hits,
            self.strict_misses + other.strict_misses,
            self.lax_hits + other.lax_hits,
            self.lax_misses + other.lax_misses,
        )


@dataclass(frozen=True)
class Scores:
    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float


def _as_set(beads: Iterable[tuple[Sequence[int], Sequence[int]]]) -> set[BeadPair]:
    return {(tuple(s), tuple(t)) for s, t in beads if len(s) or len(t)}


def match_counts(
    reference: Iterable[tuple[Sequence[int], Sequence[int]]],
    candidate: Iterable[tuple[Sequence[int], Sequence[int]]],
) -> Counts:
    """How many candidate beads match the reference beads, strictly and laxly."""
    reference_set = _as_set(reference)
    linked: dict[int, set[int]] = defaultdict(set)  # source index -> target indices linked to it
    for source, target in reference_set:
        for s in source:
            linked[s].update(target)

    strict_hits = strict_misses = lax_hits = lax_misses = 0
    for source, target in _as_set(candidate):
        if (source, target) in reference_set:
            strict_hits += 1
            lax_hits += 1
            continue
        strict_misses += 1
        reachable: set[int] = set()
        for s in source:
            reachable |= linked.get(s, set())
        if reachable.intersection(target):
            lax_hits += 1
        else:
            lax_misses += 1
    return Counts(strict_hits, strict_misses, lax_hits, lax_misses)


def document_counts(
    gold: Sequence[tuple[Sequence[int], Sequence[int]]],
    test: Sequence[tuple[Sequence[int], Sequence[int]]],
) -> tuple[Counts, Counts]:
    """(precision counts, recall counts) of one document."""
    precision = match_counts(reference=gold, candidate=test)
    test_linked = [(s, t) for s, t in test if len(s) and len(t)]
    gold_linked = [(s, t) for s, t in gold if len(s) and len(t)]
    recall = match_counts(reference=test_linked, candidate=gold_linked)
    return precision, recall


def _ratio(hits: int, misses: int) -> float:
    return hits / (hits + misses) if hits + misses else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def scores_from_counts(precision: Counts, recall: Counts) -> Scores:
    ps = _ratio(precision.strict_hits, precision.strict_misses)
    pl = _ratio(precision.lax_hits, precision.lax_misses)
    rs = _ratio(recall.strict_hits, recall.strict_misses)
    rl = _ratio(recall.lax_hits, recall.lax_misses)
    return Scores(ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl))


def score_documents(
    gold_list: Sequence[Sequence[tuple[Sequence[int], Sequence[int]]]],
    test_list: Sequence[Sequence[tuple[Sequence[int], Sequence[int]]]],
) -> Scores:
    """Micro-averaged strict and lax P/R/F1 over documents (vecalign's `score_multiple`)."""
    if len(gold_list) != len(test_list):
        raise ValueError(f"{len(gold_list)} gold documents but {len(test_list)} test documents")
    precision = recall = Counts()
    for gold, test in zip(gold_list, test_list):
        p, r = document_counts(gold, test)
        precision += p
        recall += r
    return scores_from_counts(precision, recall)
