"""Synchronous alignments (/v1/align): bounded, off the event loop, with a time limit.

At most `workers` alignments run at once on threads; up to `max_sync_pending` more wait
for a thread; beyond that the server answers 429. An alignment that takes longer than
`sync_timeout` is answered 503 with the advice to submit a job (its thread finishes on
its own and its result is dropped).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import anyio

from service.api.problems import Problem
from service.api.settings import Settings

T = TypeVar("T")


class SyncRunner:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.pending = 0
        self._limiter: anyio.CapacityLimiter | None = None

    async def __call__(self, work: Callable[[], T]) -> T:
        if self.pending >= self.settings.max_sync_pending:
            raise Problem(429, "busy", "Too many requests", f"{self.pending} alignments are running or waiting; try again shortly, or submit a job to /v1/jobs",
                          headers={"Retry-After": "1"})
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(max(1, self.settings.workers))
        self.pending += 1
        try:
            with anyio.fail_after(self.settings.sync_timeout):
                return await anyio.to_thread.run_sync(work, limiter=self._limiter, abandon_on_cancel=True)
        except TimeoutError:
            raise Problem(503, "timeout", "The alignment took too long",
                          f"the alignment did not finish within {self.settings.sync_timeout:g} s; submit it to /v1/jobs instead",
                          headers={"Retry-After": "1"}) from None
        finally:
            self.pending -= 1
