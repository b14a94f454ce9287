"""Align: which source segments translate into which target segments.

`align` turns both documents into concept arrays (concepts.py), finds the best bead
path (decoder.py), then describes every bead with the features behind its score.
"""

from __future__ import annotations

import math

import numpy as np
from service.align.concepts import SideArrays, build_sides
from service.align.decoder import Model, Weights, length_logp, solve, time_overlap
from service.align.lexicon import load_lexicon
from service.options import Options
from service.text.numbers import number_values
from service.types import Alignment, Bead, Document

__all__ = ["align"]


def align(source: Document, target: Document, options: Options | None = None, weights: Weights | None = None) -> Alignment:
    """Sentence-align two documents; every segment of each ends up in exactly one bead."""
    options = options or Options()
    weights = weights or Weights()
    lexicon = load_lexicon(options.dictionary) if options.use_dictionary else None
    src, tgt = build_sides(source, target, lexicon)
    path, model = solve(src, tgt, weights, margin=options.band)
    beads = tuple(_describe(source, target, src, tgt, bead, model) for bead in path)
    return Alignment(beads=beads, length_ratio=model.ratio)


def _describe(source: Document, target: Document, src: SideArrays, tgt: SideArrays, bead: tuple[int, int, int, int], model: Model) -> Bead:
    """A bead with the evidence behind it and a confidence in [0, 1]."""
    s0, s1, t0, t1 = bead
    ratio, weights = model.ratio, model.weights
    features: dict[str, float] = {}
    if s1 > s0 and t1 > t0:
        ls, lt = src.lengths[s0:s1].sum(), tgt.lengths[t0:t1].sum()
        features["length_ratio"] = round(float(lt / ls / ratio), 3)
        features["length_logp"] = round(float(length_logp(np.array(ls), np.array(lt), ratio, weights.variance)), 3)
        features["lexical"] = round(float(_dice(src, tgt, s0, s1, t0, t1)), 3)
        src_numbers = {v for i in range(s0, s1) for v in number_values(source.segments[i].text, source.lang)}
        tgt_numbers = {v for j in range(t0, t1) for v in number_values(target.segments[j].text, target.lang)}
        if src_numbers or tgt_numbers:
            features["numbers_shared"] = float(len(src_numbers & tgt_numbers))
            features["numbers_unmatched"] = float(len(src_numbers ^ tgt_numbers))
        if src.starts is not None and tgt.starts is not None:
            features["time_overlap"] = round(float(time_overlap(src.starts[s0], src.ends[s1 - 1], tgt.starts[t0], tgt.ends[t1 - 1])), 3)
        # Confidence: the bead's evidence beyond what an unrelated pair of this document
        # gets, squashed to [0, 1].
        margin = weights.length * features["length_logp"] + weights.lexical * (features["lexical"] - model.baseline)
        margin += weights.time * (features.get("time_overlap", 0.3) - 0.3)
        score = 1 / (1 + math.exp(-margin / 2))
    else:
        score = 0.5  # an unaligned segment: the flags, not the aligner, judge it
    return Bead(source=tuple(range(s0, s1)), target=tuple(range(t0, t1)), score=round(score, 3), features=features)


def _dice(src: SideArrays, tgt: SideArrays, s0: int, s1: int, t0: int, t1: int) -> float:
    shared = _shared(src, tgt, s0, s1, t0, t1)
    total = src.content[s0:s1].sum() + tgt.content[t0:t1].sum()
    return 2 * shared / total if total else 0.0


def _shared(src: SideArrays, tgt: SideArrays, s0: int, s1: int, t0: int, t1: int) -> float:
    """Concept overlap summed over segment pairs, as the decoder counts it."""
    return float(src.concepts[s0:s1].dot(tgt.concepts[t0:t1].T).sum())
