"""Running a batch: skip what is current, fan the rest out to worker processes, stop cleanly.

Only `jobs` pairs are ever handed to the pool at once, so a stop request (Ctrl-C or
SIGTERM) means exactly "finish the pairs in flight, start no more"; a second one aborts
those too (they have no marker yet, so the next run redoes them). A worker that dies
(killed, out of memory) fails the pairs it had in flight, and the batch goes on with a
fresh pool. Workers are spawned, not forked: the parent runs a progress thread, and a
forked child could inherit a lock that thread held.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from service.batch.overview import write_overview
from service.batch.pairing import Pair, Pairing
from service.batch.progress import Reporter, describe, reporter
from service.batch.state import current_marker
from service.batch.worker import PairOutcome, init_worker, process_pair
from service.options import Options

EXIT_ALL = 0  # every pair succeeded (now or in an earlier run) and every file had a partner
EXIT_PART = 4  # some pairs succeeded; others failed, or some files had no partner
EXIT_NONE = 5  # no pair succeeded
EXIT_STOPPED = 130  # stopped by Ctrl-C or SIGTERM before every pair ran; a rerun resumes
WORKER_DIED = "the worker process died while on this pair (killed, or out of memory?)"


@dataclass
class BatchReport:
    pairing: Pairing
    outcomes: dict[str, PairOutcome] = field(default_factory=dict)
    stopped: bool = False
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes.values() if o.status == status)

    @property
    def worker_peaks_kib(self) -> dict[int, int]:
        """Peak resident memory of each worker process that ran a pair (KiB)."""
        peaks: dict[int, int] = {}
        for outcome in self.outcomes.values():
            if outcome.worker is not None and outcome.peak_rss_kib is not None:
                peaks[outcome.worker] = max(peaks.get(outcome.worker, 0), outcome.peak_rss_kib)
        return peaks

    @property
    def exit_status(self) -> int:
        if self.stopped:
            return EXIT_STOPPED
        succeeded = sum(1 for o in self.outcomes.values() if o.succeeded)
        if succeeded == 0:
            return EXIT_NONE
        if self.count("failed") or self.pairing.unpaired:
            return EXIT_PART
        return EXIT_ALL

    def summary(self) -> str:
        parts = [f"{self.count(s)} {s}" for s in ("done", "up to date", "failed") if self.count(s)]
        if self.pairing.unpaired:
            parts.append(f"{len(self.pairing.unpaired)} unpaired file(s)")
        not_run = len(self.pairing.pairs) - len(self.outcomes)
        if not_run:
            parts.append(f"{not_run} not run (stopped; run again to resume)")
        line = f"{len(self.pairing.pairs)} pairs: {', '.join(parts) or 'nothing to do'} in {self.seconds:.1f} s"
        peaks = self.worker_peaks_kib
        if peaks:
            line += "; peak memory per worker: " + ", ".join(f"{kib / 1024:.0f} MiB" for kib in peaks.values())
        return line


class StopRequest:
    """First SIGINT/SIGTERM: stop after the pairs in flight. Second: abort them."""

    def __init__(self) -> None:
        self.requested = False
        self._previous: dict[int, object] = {}

    def __enter__(self) -> StopRequest:
        if threading.current_thread() is threading.main_thread():  # signals can only be caught there
            for signum in (signal.SIGINT, signal.SIGTERM):
                self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.requested:
            raise KeyboardInterrupt
        self.requested = True


def run_batch(
    pairing: Pairing, out: Path, options: Options, *, jobs: int = 1, force: bool = False, report: Reporter | None = None
) -> BatchReport:
    """Run every pair not already current; write `index.html` and `summary.csv` whatever happens."""
    began = time.perf_counter()
    report = report or reporter()
    batch = BatchReport(pairing)
    out.mkdir(parents=True, exist_ok=True)
    for item in pairing.unpaired:
        report.say(f"unpaired: {item.path}: {item.reason}")
    todo = []
    for pair in pairing.pairs:
        marker = None if force else current_marker(out, pair, options)
        if marker is None:
            todo.append(pair)
        else:
            batch.outcomes[pair.name] = PairOutcome(pair.name, "up to date", counts=marker["counts"])
    skipped = len(pairing.pairs) - len(todo)
    if skipped:
        report.say(f"{skipped} pair(s) already up to date, skipped (--force redoes them)")
    report.start(len(todo))
    try:
        with StopRequest() as stop:
            batch.stopped = not _run_pairs(todo, out, options, max(1, jobs), batch, report, stop)
    except KeyboardInterrupt:
        batch.stopped = True
    finally:
        report.close()
        batch.seconds = round(time.perf_counter() - began, 3)
        write_overview(out, pairing.pairs, batch.outcomes, pairing.unpaired)
    return batch


def _run_pairs(
    todo: list[Pair], out: Path, options: Options, jobs: int, batch: BatchReport, report: Reporter, stop: StopRequest
) -> bool:
    """Run `todo` on a pool of `jobs` workers; False when stopped before all had run."""
    queue = deque(todo)
    running: dict[Future[PairOutcome], Pair] = {}
    pool: ProcessPoolExecutor | None = None
    announced = False
    try:
        while queue or running:
            if stop.requested and not announced:
                announced = True
                report.say("stop requested: finishing the pairs in flight, starting no more (Ctrl-C again aborts them)")
            while queue and len(running) < jobs and not stop.requested:
                pool = pool or _pool(min(jobs, len(queue) + len(running)), options)
                pair = queue.popleft()
                running[pool.submit(process_pair, pair, out, options)] = pair
            if not running:
                break
            done, _ = wait(running, timeout=0.5, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                pair = running.pop(future)
                try:
                    outcome = future.result()
                except BrokenProcessPool:
                    broken = True
                    outcome = PairOutcome(pair.name, "failed", error=WORKER_DIED)
                batch.outcomes[pair.name] = outcome
                report.finished(outcome)
            if broken and pool is not None:  # the pool is unusable: fail what it held, go on with a new one
                for pair in running.values():
                    batch.outcomes[pair.name] = PairOutcome(pair.name, "failed", error=WORKER_DIED)
                    report.finished(batch.outcomes[pair.name])
                running.clear()
                _shutdown(pool, abort=True)
                pool = None
    except KeyboardInterrupt:
        if pool is not None:
            _shutdown(pool, abort=True)
            pool = None
        raise
    finally:
        if pool is not None:
            _shutdown(pool, abort=False)
    return not queue


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


__all__ = ["EXIT_ALL", "EXIT_NONE", "EXIT_PART", "EXIT_STOPPED", "BatchReport", "describe", "run_batch"]
