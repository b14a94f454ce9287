"""Synchronous alignments (/v1/align): bounded, in the worker processes, with a time limit.

The event loop hands the request to the worker processes (`processes.py`) and awaits the
answer. Up to `max_sync_pending` alignments run or wait for a process; beyond that the
server answers 429. An alignment that takes longer than `sync_timeout` is answered 503
with the advice to submit a job: one still waiting for a process is cancelled and never
runs; one already running finishes in its process and its result is dropped.
"""

from __future__ import annotations

import asyncio
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import anyio

from transalign.api.jobs.store import Output
from transalign.api.problems import Problem
from transalign.api.processes import PROCESS_DIED, Refusal, WorkerProcesses, align_one
from transalign.api.settings import Settings


class SyncRunner:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pending = 0

    async def __call__(self, processes: WorkerProcesses, data: dict[str, Any], fmt: str) -> Output:
        """The pair (in the stored form of `inputs.py`) aligned and rendered as `fmt`."""
        if self.pending >= self.settings.max_sync_pending:
            raise Problem(429, "busy", "Too many requests", f"{self.pending} alignments are running or waiting; try again shortly, or submit a job to /v1/jobs",
                          headers={"Retry-After": "1"})
        self.pending += 1
        try:
            with anyio.fail_after(self.settings.sync_timeout):
                if processes.ready:  # the pool is open: submitting only queues the pair, no need for a thread hop
                    future = processes.submit(align_one, data, fmt)
                else:  # the pool may still be starting, and submit waits for it
                    future = await anyio.to_thread.run_sync(processes.submit, align_one, data, fmt)
                outcome = await asyncio.wrap_future(future)
        except TimeoutError:
            raise Problem(503, "timeout", "The alignment took too long",
                          f"the alignment did not finish within {self.settings.sync_timeout:g} s; submit it to /v1/jobs instead",
                          headers={"Retry-After": "1"}) from None
        except BrokenProcessPool:
            raise Problem(503, "worker-died", "The alignment was interrupted", f"{PROCESS_DIED}; try again",
                          headers={"Retry-After": "1"}) from None
        finally:
            self.pending -= 1
        if isinstance(outcome, Refusal):
            raise outcome.problem()
        return outcome
