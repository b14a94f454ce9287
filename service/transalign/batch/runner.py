"""Running a batch: skip what is current, hand the rest to an engine, stop cleanly.

Only as many pairs as the engine has workers are ever handed to it at once, so a stop
request (Ctrl-C or SIGTERM) means exactly "finish the pairs in flight, start no more"; a
second one aborts those too (they have no marker yet, so the next run redoes them). The
engine decides where pairs run (`engine.LocalEngine`: worker processes here, the default;
`ray_engine.RayEngine`: actors on a Ray cluster); this schedule is the same for both.
"""

from __future__ import annotations

import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from transalign.batch.engine import Engine, LocalEngine
from transalign.batch.overview import write_overview
from transalign.batch.pairing import Pair, Pairing
from transalign.batch.progress import Reporter, describe, reporter
from transalign.batch.state import current_marker
from transalign.batch.worker import PairOutcome
from transalign.options import Options

EXIT_ALL = 0  # every pair succeeded (now or in an earlier run) and every file had a partner
EXIT_PART = 4  # some pairs succeeded; others failed, or some files had no partner
EXIT_NONE = 5  # no pair succeeded
EXIT_STOPPED = 130  # stopped by Ctrl-C or SIGTERM before every pair ran; a rerun resumes


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
    pairing: Pairing,
    out: Path,
    options: Options,
    *,
    jobs: int = 1,
    force: bool = False,
    report: Reporter | None = None,
    engine: Engine | None = None,
) -> BatchReport:
    """Run every pair not already current; write `index.html` and `summary.csv` whatever happens.

    `engine` defaults to `jobs` worker processes on this machine.
    """
    began = time.perf_counter()
    report = report or reporter()
    engine = engine or LocalEngine(jobs)
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
        batch.stopped = not _run_pairs(todo, out, options, engine, batch, report)
    except KeyboardInterrupt:
        batch.stopped = True
    finally:
        report.close()
        batch.seconds = round(time.perf_counter() - began, 3)
        write_overview(out, pairing.pairs, batch.outcomes, pairing.unpaired)
    return batch


def _run_pairs(todo: list[Pair], out: Path, options: Options, engine: Engine, batch: BatchReport, report: Reporter) -> bool:
    """Run `todo` on `engine`, at most `engine.slots` pairs at once; False when stopped before all had run."""
    if not todo:  # nothing to do: no worker (nor a Ray cluster) is started
        return True
    queue = deque(todo)
    announced = False
    try:
        engine.start(out, options, len(todo), report.say)
        with StopRequest() as stop:  # after the engine started: Ray installs signal handlers of its own
            while queue or engine.in_flight:
                if stop.requested and not announced:
                    announced = True
                    report.say("stop requested: finishing the pairs in flight, starting no more (Ctrl-C again aborts them)")
                while queue and engine.in_flight < engine.slots and not stop.requested:
                    engine.submit(queue.popleft())
                if not engine.in_flight:
                    break
                for outcome in engine.collect(timeout=0.5):
                    batch.outcomes[outcome.name] = outcome
                    report.finished(outcome)
    except KeyboardInterrupt:
        engine.close(abort=True)
        raise
    finally:
        engine.close(abort=False)
    return not queue


__all__ = ["EXIT_ALL", "EXIT_NONE", "EXIT_PART", "EXIT_STOPPED", "BatchReport", "describe", "run_batch"]
