"""Where a batch's pairs run: the `Engine` the runner hands pairs to, and the local one.

The runner owns the schedule (what is left, when to stop, what to show); an engine owns
the workers. Every engine runs the same `worker.process_pair` (same outputs, same atomic
writes, same done-markers), so a batch begun on one engine resumes on another.

`LocalEngine` is a pool of worker processes on this machine. Workers are spawned, not
forked: the parent runs a progress thread, and a forked child could inherit a lock that
thread held. A worker that dies (killed, out of memory) fails the pairs the pool held,
and the batch goes on with a fresh pool.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Protocol

from transalign.batch.pairing import Pair
from transalign.batch.worker import PairOutcome, init_worker, process_pair
from transalign.options import Options

WORKER_DIED = "the worker process died while on this pair (killed, or out of memory?)"


class Engine(Protocol):
    """Runs pairs on some workers; the runner keeps at most `slots` pairs in flight."""

    slots: int  # pairs the engine takes at once (one per worker); known after `start`

    def start(self, out: Path, options: Options, total: int, say: Callable[[str], None]) -> None:
        """Get the workers ready for at most `total` pairs; `say` writes a log line."""
        ...

    @property
    def in_flight(self) -> int: ...

    def submit(self, pair: Pair) -> None: ...

    def collect(self, timeout: float) -> list[PairOutcome]:
        """The pairs finished since the last call, waiting up to `timeout` s for one."""
        ...

    def close(self, *, abort: bool) -> None:
        """Release the workers (abort: without letting the pairs in flight finish); safe to call twice."""
        ...


class LocalEngine:
    """`jobs` worker processes on this machine, each loading the model once."""

    def __init__(self, jobs: int = 1) -> None:
        self.slots = max(1, jobs)
        self._pool: ProcessPoolExecutor | None = None
        self._running: dict[Future[PairOutcome], Pair] = {}
        self._left = 0

    def start(self, out: Path, options: Options, total: int, say: Callable[[str], None]) -> None:
        self._out, self._options, self._left = out, options, total

    @property
    def in_flight(self) -> int:
        return len(self._running)

    def submit(self, pair: Pair) -> None:
        if self._pool is None:  # no more workers than pairs left to run
            self._pool = _pool(min(self.slots, self._left + len(self._running)), self._options)
        self._left -= 1
        self._running[self._pool.submit(process_pair, pair, self._out, self._options)] = pair

    def collect(self, timeout: float) -> list[PairOutcome]:
        done, _ = wait(self._running, timeout=timeout, return_when=FIRST_COMPLETED)
        outcomes = []
        broken = False
        for future in done:
            pair = self._running.pop(future)
            try:
                outcomes.append(future.result())
            except BrokenProcessPool:
                broken = True
                outcomes.append(PairOutcome(pair.name, "failed", error=WORKER_DIED))
        if broken:  # the pool is unusable: fail what it held, go on with a new one
            outcomes += [PairOutcome(pair.name, "failed", error=WORKER_DIED) for pair in self._running.values()]
            self._running.clear()
            self.close(abort=True)
        return outcomes

    def close(self, *, abort: bool) -> None:
        if self._pool is not None:
            _shutdown(self._pool, abort=abort)
            self._pool = None


def _pool(workers: int, options: Options) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=init_worker, initargs=(options,)
    )


def _shutdown(pool: ProcessPoolExecutor, *, abort: bool) -> None:
    if abort:
        terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
        if terminate is not None:
            terminate()
        else:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
    pool.shutdown(wait=True, cancel_futures=True)
