"""The bounded pool of threads that runs queued pairs, off the event loop.

Each worker claims one pair at a time from the store, runs the pipeline with the shared
model and writes all the pair's outputs in one transaction. Workers sleep on a condition
that new jobs signal, with a short timeout as a safety net. A pair that is running when
the process dies stays `running` in the store and is queued again by `recover()` at the
next start.

`TRANSALIGN_TEST_PAIR_DELAY` (seconds, `Settings.pair_delay`) makes each worker wait
before every pair: a test hook that lets tests kill a server in the middle of a job.
"""

from __future__ import annotations

import logging
import threading

from service.api.inputs import from_stored
from service.api.model import ModelHolder
from service.api.outputs import render_all
from service.api.problems import Problem, from_input_error
from service.api.settings import Settings
from service.api.jobs.store import Claim, JobStore
from service.errors import InputError

log = logging.getLogger("transalign.api")

IDLE_POLL = 1.0  # seconds a worker sleeps when nothing signals new work


class WorkerPool:
    def __init__(self, store: JobStore, holder: ModelHolder, settings: Settings) -> None:
        self.store = store
        self.holder = holder
        self.settings = settings
        self._wake = threading.Condition()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        for number in range(max(1, self.settings.workers)):
            thread = threading.Thread(target=self._loop, name=f"transalign-worker-{number}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def notify(self) -> None:
        """New work is queued."""
        with self._wake:
            self._wake.notify_all()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask workers to stop after their current pair; one still running is resumed at the next start."""
        self._stop.set()
        self.notify()
        for thread in self._threads:
            thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.is_set():
            if not self.holder.wait(IDLE_POLL):
                continue
            claim = self.store.claim()
            if claim is None:
                with self._wake:
                    self._wake.wait(IDLE_POLL)
                continue
            if self.settings.pair_delay and self._stop.wait(self.settings.pair_delay):
                return  # stopping: the claimed pair stays running and is recovered at the next start
            self._run(claim)

    def _run(self, claim: Claim) -> None:
        try:
            pair = from_stored(claim.input, self.settings, claim.index)
            outputs = render_all(self.holder.align(pair))
        except Problem as problem:
            self.store.fail(claim.job_id, claim.index, problem.body())
        except InputError as error:
            self.store.fail(claim.job_id, claim.index, from_input_error(error, pair=claim.index).body())
        except Exception as error:
            log.exception("job %s pair %d failed", claim.job_id, claim.index)
            body = Problem(500, "pair-failed", "The pair could not be aligned", f"{type(error).__name__}: {error}", pair=claim.index).body()
            self.store.fail(claim.job_id, claim.index, body)
        else:
            self.store.finish(claim.job_id, claim.index, outputs)
