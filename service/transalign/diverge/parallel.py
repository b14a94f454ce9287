"""The checks of a long document on every core: its beads in contiguous chunks, one process each.

A check whose flags for a bead depend on that bead alone (`Check.per_bead`) gives the same
flags run on chunks of the beads as on all of them, in the same order, so its work is split
among worker processes; a check that weighs beads against the document (the name check's
document-wide skeleton indexes and hadith habits, the length check's median ratio) and the
model checks run whole in this process meanwhile. The views' words are read first, once;
then the workers are forked: they read the result, the views and their words and the
options from this process's memory, so nothing is pickled per bead, and each opens its own
connection to the compiled dictionary (`DictionaryTable`). The flags come back in order,
so the run gives exactly what running the checks one after another does
(`tests/test_parallel_checks.py`). A worker that dies (killed, out of memory) breaks the
pool, and its checks run again here: a result is never lost nor waited for forever.

Only the CLI asks for processes (`transalign align --processes`, `pipeline.run(processes=)`):
batch workers and API workers already run a pair per process, and a short pair costs less
than starting a pool.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from transalign.diverge.context import BeadView
from transalign.types import Flag

if TYPE_CHECKING:
    from transalign.diverge.registry import Check, Inputs

MIN_BEADS = 2000  # fewer beads check in a second or two, about what starting a pool and collecting its flags saves
CHUNKS_PER_PROCESS = 4  # smaller chunks than processes, so that a process that finishes early takes another

# What the forked workers read: set in this process before the pool forks, never sent to them.
_job: tuple[tuple[Check, ...], list[BeadView], Inputs] | None = None


def run_checks(checks: tuple[Check, ...], views: list[BeadView], inputs: Inputs, processes: int,
               min_beads: int | None = None) -> list[list[Flag]]:
    """Each check's flags, in the order of `checks`: with `processes` of 2 or more and at least
    `min_beads` beads (default MIN_BEADS), the per-bead checks' work runs in a pool of forked processes."""
    split = tuple(c for c in checks if c.per_bead)
    if processes < 2 or len(views) < max(MIN_BEADS if min_beads is None else min_beads, 2) or not split:
        return [c.run(views, inputs) for c in checks]
    import multiprocessing  # here: a short pair's start-up need not pay for it
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if "fork" not in multiprocessing.get_all_start_methods():
        return [c.run(views, inputs) for c in checks]
    for view in views:  # words once, here: the workers inherit them, and the document-level checks read them all
        view.read()
    global _job
    _job = (split, views, inputs)
    try:
        # An executor, not multiprocessing.Pool: a Pool waits forever for the chunk of a worker that died.
        with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
            pending = [pool.submit(_run_chunk, bounds) for bounds in _chunks(len(views), processes * CHUNKS_PER_PROCESS)]
            whole = {c.name: c.run(views, inputs) for c in checks if not c.per_bead}  # meanwhile, in this process
            try:
                parts = [each.result() for each in pending]
            except BrokenProcessPool:
                parts = [_run_chunk((0, len(views)))]
    finally:
        _job = None
    return [[f for part in parts for f in part[split.index(c)]] if c.per_bead else whole[c.name] for c in checks]


def _chunks(count: int, pieces: int) -> list[tuple[int, int]]:
    """`pieces` contiguous ranges of about equal length covering range(count)."""
    pieces = max(1, min(pieces, count))
    bounds = [count * k // pieces for k in range(pieces + 1)]
    return list(zip(bounds, bounds[1:]))


def _run_chunk(bounds: tuple[int, int]) -> list[list[Flag]]:
    """In a worker: each per-bead check's flags for the beads in `bounds`."""
    assert _job is not None, "set by run_checks before the pool forks"
    checks, views, inputs = _job
    chunk = views[bounds[0] : bounds[1]]
    return [c.run(chunk, inputs) for c in checks]
