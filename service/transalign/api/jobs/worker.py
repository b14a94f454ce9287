"""The job workers: threads that claim queued pairs and run them in the worker processes.

Each thread claims one pair at a time from the store, hands it to a worker process
(`service/transalign/api/processes.py`), renews the claim's lease while the pair runs, and writes all
the pair's outputs in one transaction. There are as many threads as worker processes, so
a server takes no more pairs than it can run. Threads sleep on a condition that new jobs
on this server signal, and look at the store every `IDLE_POLL` seconds for work that other
servers queued. A pair that is running when the process dies stays `running` in the store:
SQLite queues it again at the next start (`recover()`), PostgreSQL when its lease runs out.

`TRANSALIGN_TEST_PAIR_DELAY` (seconds, `Settings.pair_delay`) makes each worker wait
before every pair: a test hook that lets tests kill a server in the middle of a job.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from concurrent.futures import Future, TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

from transalign.api.jobs.store import Claim, JobStore, Output
from transalign.api.middleware import access, configure_access_log
from transalign.api.processes import PROCESS_DIED, Refusal, WorkerProcesses, align_all
from transalign.api.settings import Settings

log = logging.getLogger("transalign.api")

IDLE_POLL = 1.0  # seconds a worker sleeps when nothing signals new work


class WorkerPool:
    def __init__(self, store: JobStore, processes: WorkerProcesses, settings: Settings) -> None:
        self.store = store
        self.processes = processes
        self.settings = settings
        self.name = f"{socket.gethostname()}:{os.getpid()}"  # this server, in the store and the log
        self._wake = threading.Condition()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        configure_access_log()

    def start(self) -> None:
        for number in range(max(1, self.settings.workers)):
            thread = threading.Thread(target=self._loop, args=(f"{self.name}/{number}",), name=f"transalign-worker-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def notify(self) -> None:
        """New work is queued."""
        with self._wake:
            self._wake.notify_all()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask workers to stop after their current pair; one still running is resumed later (recover or lease)."""
        self._stop.set()
        self.notify()
        for thread in self._threads:
            thread.join(timeout)

    def _loop(self, worker: str) -> None:
        while not self._stop.is_set():
            if not self.processes.wait(IDLE_POLL):
                continue
            claim = self.store.claim(worker)
            if claim is None:
                with self._wake:
                    self._wake.wait(IDLE_POLL)
                continue
            if self.settings.pair_delay and self._stop.wait(self.settings.pair_delay):
                return  # stopping: the claimed pair stays running and is claimed again later
            self._run(claim, worker)

    def _run(self, claim: Claim, worker: str) -> None:
        started = time.perf_counter()
        try:
            outcome = self._wait(claim, self.processes.submit(align_all, claim.input, claim.index))
        except BrokenProcessPool:
            outcome = Refusal(500, "pair-failed", "The pair could not be aligned", PROCESS_DIED, extra={"pair": claim.index})
        if isinstance(outcome, Refusal):
            stored = self.store.fail(claim.job_id, claim.index, outcome.problem().body(), claim.token)
            status = "failed"
        else:
            stored = self.store.finish(claim.job_id, claim.index, outcome, claim.token)
            status = "done"
        access.info(json.dumps({
            "ts": round(time.time(), 3), "event": "pair", "job": claim.job_id, "pair": claim.index,
            "status": status if stored else "dropped", "worker": worker, "ms": round((time.perf_counter() - started) * 1000, 2),
        }))

    def _wait(self, claim: Claim, future: Future[dict[str, Output] | Refusal]) -> dict[str, Output] | Refusal:
        """The pair's outcome; meanwhile the claim's lease is renewed, so no other server takes a pair still running."""
        while True:
            try:
                return future.result(timeout=self.settings.lease / 3)
            except FutureTimeout:
                self.store.renew(claim)
