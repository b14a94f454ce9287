"""Align: which source segments translate into which target segments.

`align` turns both documents into concept arrays (concepts.py), finds the best bead
path (decoder.py), then describes every bead with the features behind its score.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
from scipy import sparse

from transalign.profiles.hadith import glue_chains
from transalign.align.concepts import SegmentCache, SideArrays, build_sides, with_times
from transalign.align.decoder import TIME_OVERLAP_BASELINE, Model, Path, Weights, length_logp, solve, time_overlap
from transalign.align.lexicon import Lexicon, default_learned, load_lexicon
from transalign.align import sync
from transalign.align.split import split_segments
from transalign.options import Options
from transalign.profiles import profile_for
from transalign.types import Alignment, Bead, Document

__all__ = ["align", "align_and_split"]


def align(source: Document, target: Document, options: Options | None = None, weights: Weights | None = None,
          cache: SegmentCache | None = None) -> Alignment:
    """Sentence-align two documents; every segment of each ends up in exactly one bead.

    Two subtitle tracks whose clocks differ (offset, frame rate) are aligned again with the
    translation's times on the source's clock, as sure beads of the first pass place it (sync.py).
    `cache` keeps each segment's reading for a later alignment of the same pair with a few segments cut.
    """
    return _align(source, target, options or Options(), weights, cache)


def _align(source: Document, target: Document, options: Options, weights: Weights | None = None,
           cache: SegmentCache | None = None) -> Alignment:
    """`align`, reading segments through `cache` (concepts.read_segments) when one is given."""
    alignment, sides = _align_once(source, target, options, weights, cache=cache)
    if not options.track_sync:
        return alignment
    clock = sync.estimate(source, target, alignment)
    if clock is not None and clock.significant:
        # Only the translation's times change: the concept arrays of the first pass are kept.
        alignment, _ = _align_once(source, sync.on_source_clock(target, clock), options, weights, sides)
        clock = sync.estimate(source, target, alignment) or clock
    return replace(alignment, sync=clock)


def align_and_split(source: Document, target: Document, options: Options | None = None,
                    cache: SegmentCache | None = None) -> tuple[Document, Document, Alignment]:
    """Align, then cut the segments that hold two sentences where the other side has them apart
    (split.py), and align the cut documents again; the documents returned are the ones aligned.

    Lines given one segment a line (`segmented`, API segments) are the user's and never cut.
    `cache`: as `align`'s, for the caller's own alignment after this one.
    """
    options = options or Options()
    if options.segmented or source.kind == "segments" or target.kind == "segments":
        return source, target, align(source, target, options, cache=cache)
    cache = {} if cache is None else cache  # the second alignment reads again only the segments that were cut
    alignment = _align(source, target, options, cache=cache)
    cut = split_segments(source, target, alignment, _lexicon(options))
    if cut is None:
        return source, target, alignment
    return cut[0], cut[1], _align(cut[0], cut[1], options, cache=cache)


def _lexicon(options: Options) -> Lexicon | None:
    learned = options.learned_lexicon or default_learned()
    return load_lexicon(options.dictionary, learned) if options.use_dictionary else None


def _align_once(source: Document, target: Document, options: Options | None, weights: Weights | None,
                sides: tuple[SideArrays, SideArrays] | None = None,
                cache: SegmentCache | None = None) -> tuple[Alignment, tuple[SideArrays, SideArrays]]:
    """One pass of the aligner, and the sides it built; `sides` from an earlier pass over the same
    texts are reused, with the target's times taken from `target`."""
    options = options or Options()
    profile = profile_for(options)
    weights = weights or Weights(**profile.weights)
    # Alignment evidence takes every lexicon there is; the divergence checks only the
    # dictionary (service/transalign/diverge/context.py), whose glosses are what a translator would accept.
    lexicon = _lexicon(options)
    groups = None
    if profile.chains and source.lang == "ar":
        source, groups = glue_chains(source)
    src, tgt = build_sides(source, target, lexicon, cache) if sides is None else (sides[0], with_times(sides[1], target))
    path, model = solve(src, tgt, weights, margin=options.band)
    beads = _describe(src, tgt, path, model)
    if groups:  # back from glued units to the segments of the input
        beads = tuple(replace(b, source=tuple(k for unit in b.source for k in groups[unit])) for b in beads)
    return Alignment(beads=beads, length_ratio=model.ratio), (src, tgt)


def _describe(src: SideArrays, tgt: SideArrays, path: Path, model: Model) -> tuple[Bead, ...]:
    """Beads with the evidence behind them and a confidence in [0, 1]."""
    lexical = _bead_dice(src, tgt, path)
    w = model.weights
    # Lengths and time spans of every bead at once: one call each, not one per bead.
    s0s, s1s, t0s, t1s = np.array(path, dtype=np.int64).reshape(-1, 4).T
    src_prefix, tgt_prefix = np.r_[0.0, np.cumsum(src.lengths)], np.r_[0.0, np.cumsum(tgt.lengths)]
    lengths_s, lengths_t = src_prefix[s1s] - src_prefix[s0s], tgt_prefix[t1s] - tgt_prefix[t0s]
    paired = (s1s > s0s) & (t1s > t0s)
    logps = np.zeros(len(path))
    logps[paired] = length_logp(lengths_s[paired], lengths_t[paired], model.ratio, w.variance)
    overlaps = None
    if src.starts is not None and src.ends is not None and tgt.starts is not None and tgt.ends is not None and paired.any():
        last_s, last_t = np.maximum(s1s - 1, 0), np.maximum(t1s - 1, 0)
        first_s, first_t = np.minimum(s0s, len(src) - 1), np.minimum(t0s, len(tgt) - 1)
        overlaps = time_overlap(src.starts[first_s], src.ends[last_s], tgt.starts[first_t], tgt.ends[last_t])
    beads = []
    for b, ((s0, s1, t0, t1), dice) in enumerate(zip(path, lexical)):
        features: dict[str, float] = {}
        score = 0.5  # an unaligned segment: the divergence checks, not the aligner, judge it
        if paired[b]:
            ls, lt = lengths_s[b], lengths_t[b]
            features["length_ratio"] = round(float(lt / ls / model.ratio), 3)
            features["length_logp"] = round(float(logps[b]), 3)
            features["lexical"] = round(float(dice), 3)
            ours, theirs = frozenset().union(*src.numbers[s0:s1]), frozenset().union(*tgt.numbers[t0:t1])
            if ours or theirs:
                features["numbers_shared"] = float(len(ours & theirs))
                features["numbers_unmatched"] = float(len(ours ^ theirs))
            if overlaps is not None:
                features["time_overlap"] = round(float(overlaps[b]), 3)
            # The bead's evidence beyond what an unrelated pair of this document gets.
            margin = w.length * max(features["length_logp"], w.length_floor) + w.lexical * (dice - model.baseline)
            margin += w.time * (features.get("time_overlap", TIME_OVERLAP_BASELINE) - TIME_OVERLAP_BASELINE)
            score = 1 / (1 + math.exp(-margin / 2))
        beads.append(Bead(source=tuple(range(s0, s1)), target=tuple(range(t0, t1)), score=round(score, 3), features=features))
    return tuple(beads)


def _bead_dice(src: SideArrays, tgt: SideArrays, path: Path) -> np.ndarray:
    """Concept overlap (Dice) of every bead at once, counted as the decoder counts it.

    (sum of a bead's source rows) . (sum of its target rows) equals the sum of the
    pairwise segment overlaps the decoder adds up.
    """
    if not path:
        return np.zeros(0)
    n_beads = len(path)
    src_rows = [(b, i) for b, (s0, s1, _, _) in enumerate(path) for i in range(s0, s1)]
    tgt_rows = [(b, j) for b, (_, _, t0, t1) in enumerate(path) for j in range(t0, t1)]
    shared = _grouped(src.concepts, src_rows, n_beads).multiply(_grouped(tgt.concepts, tgt_rows, n_beads)).sum(axis=1)
    total = np.array([src.content[s0:s1].sum() + tgt.content[t0:t1].sum() for s0, s1, t0, t1 in path])
    return np.where(total > 0, 2 * np.asarray(shared).ravel() / np.maximum(total, 1e-9), 0.0)


def _grouped(matrix: sparse.csr_matrix, rows: list[tuple[int, int]], groups: int) -> sparse.csr_matrix:
    """Sum the rows of `matrix` into `groups` rows, row i going to its group."""
    group, index = zip(*rows) if rows else ((), ())
    merge = sparse.csr_matrix((np.ones(len(rows)), (group, index)), shape=(groups, matrix.shape[0]))
    result = (merge @ matrix).tocsr()
    result.sum_duplicates()
    return result
