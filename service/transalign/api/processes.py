"""The worker processes that run the pipeline, so that the API uses every core.

Alignment is CPU-bound Python: threads of one process share one core. So the event loop
only parses, validates and answers, and the work (reading the documents, aligning,
checking, rendering) runs in a pool of `Settings.workers` processes, each of which loads
the model once when it starts. `/v1/align` submits to the pool and awaits the answer; the
job workers (threads in `jobs/worker.py`) each submit one claimed pair at a time, so the
store stays in the server process. Workers are forked from a fork server (a clean process
started once, which has loaded the dictionary and lexicons: `warm.py`), so that none
inherits the server's threads or sockets and each starts in milliseconds.

A process that dies (killed, out of memory) breaks the pool: the pairs it held are
answered with a problem that says so, and the next submission starts a fresh pool.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any, TypeVar

from transalign.api.inputs import from_stored
from transalign.api.jobs.store import Output
from transalign.api.model import ModelHolder
from transalign.api.outputs import render, render_all
from transalign.api.problems import Problem, from_input_error, from_model_error
from transalign.api.settings import Settings
from transalign.errors import InputError, ModelError
from transalign.translate.device import THREADS_ENV, cpu_threads

log = logging.getLogger("transalign.api")
T = TypeVar("T")

PROCESS_DIED = "a worker process died while aligning this pair (killed, or out of memory?)"
SERVER_POLL = 1.0  # seconds between a worker's checks that its server is still alive

_holder: ModelHolder | None = None  # in a worker process: its model


# In the worker processes


def init_process(settings: Settings, threads: int, server: int) -> None:
    """Pool initializer: ignore Ctrl-C (the server decides what stopping means), load the model once."""
    global _holder
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault(THREADS_ENV, str(threads))
    _watch_server(server)
    _holder = ModelHolder(settings)
    _holder.load()


def describe() -> tuple[str | None, str]:
    """(model id or None, what became of the model) in the process that runs this."""
    assert _holder is not None
    return _holder.model_id, _holder.reason


@dataclass(frozen=True)
class Refusal:
    """A problem met in a worker process, as plain data: not every exception survives pickling."""

    status: int
    kind: str
    title: str
    detail: str
    headers: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, problem: Problem) -> Refusal:
        return cls(problem.status, problem.kind, problem.title, str(problem.detail), dict(problem.headers), dict(problem.extra))

    def problem(self) -> Problem:
        return Problem(self.status, self.kind, self.title, self.detail, headers=self.headers or None, **self.extra)


def align_one(data: dict[str, Any], fmt: str) -> Output | Refusal:
    """`/v1/align`: a stored-form request aligned and rendered in the one format asked for."""
    return _guarded(lambda: render(_aligned(data, None), fmt), None)


def align_all(data: dict[str, Any], index: int) -> dict[str, Output] | Refusal:
    """A job's pair: aligned and rendered in every format, to be stored at once."""
    return _guarded(lambda: render_all(_aligned(data, index)), index)


def _aligned(data: dict[str, Any], pair: int | None) -> Any:
    assert _holder is not None, "init_process did not run in this process"
    return _holder.align(from_stored(data, _holder.settings, pair))


def _guarded(work: Callable[[], T], pair: int | None) -> T | Refusal:
    try:
        return work()
    except Problem as problem:
        return Refusal.of(problem)
    except InputError as error:
        return Refusal.of(from_input_error(error, pair=pair))
    except ModelError as error:
        return Refusal.of(from_model_error(error))
    except Exception as error:
        log.exception("alignment failed in a worker process")
        return Refusal(500, "pair-failed", "The pair could not be aligned", f"{type(error).__name__}: {error}",
                       extra={"pair": pair} if pair is not None else {})


def _watch_server(pid: int) -> None:
    """Exit when the server process `pid` is gone.

    A killed server never closes the pool's queues, and the fork server (our parent) lives
    as long as its children do, so without this the workers of a killed server would wait
    forever. Polled, because no portable call waits for a process that is not our parent.
    """

    def watch() -> None:
        while True:
            time.sleep(SERVER_POLL)
            try:
                os.kill(pid, 0)
            except (ProcessLookupError, PermissionError):  # gone, or its pid taken by another user's process
                os._exit(1)

    threading.Thread(target=watch, name="transalign-parent-watch", daemon=True).start()


# In the server process


class WorkerProcesses:
    """The pool as the server sees it: submit work, know whether the model has settled."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.model_id: str | None = None
        self.reason = "the worker processes are starting"
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._stopped = False

    def start(self) -> None:
        """Start every worker (each loads the model) in the background, so that /healthz answers at once; ready once they have settled."""
        threading.Thread(target=self._settle, name="transalign-model", daemon=True).start()

    @property
    def ready(self) -> bool:
        return self._ready.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        return self._ready.wait(timeout)

    def submit(self, work: Callable[..., T], *args: Any) -> Future[T]:
        """Run `work(*args)` in a worker process; a pool broken by a dead process is replaced first."""
        with self._lock:
            if self._stopped:
                raise BrokenProcessPool("the server is stopping")
            for _ in range(2):
                if self._executor is None:
                    self._open()
                assert self._executor is not None
                try:
                    return self._executor.submit(work, *args)
                except BrokenProcessPool:
                    log.warning("a worker process died; starting a new pool")
                    self._discard(self._executor)
                    self._executor = None
            raise BrokenProcessPool("the worker processes keep dying")

    def stop(self, grace: float = 5.0) -> None:
        """Drop what is waiting, give running alignments `grace` seconds, then end the processes."""
        with self._lock:
            self._stopped = True
            executor, self._executor = self._executor, None
        if executor is not None:
            self._discard(executor, grace)

    def _open(self) -> list[Future[tuple[str | None, str]]]:
        """A new pool with every worker started now, so that each loads the model before its first pair."""
        workers = self.settings.workers
        threads = max(1, cpu_threads() // workers)  # the model's threads, so that workers do not oversubscribe the cores
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["transalign.api.processes", "transalign.api.warm"])
        self._executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=init_process, initargs=(self.settings, threads, os.getpid())
        )
        return [self._executor.submit(describe) for _ in range(workers)]  # the pool starts a process per task it cannot place

    def _settle(self) -> None:
        """Open the pool, wait for every worker's answer; the model is what the first that started says (all load the same)."""
        with self._lock:  # a request may have opened the pool first, or the server stopped already
            if self._stopped:
                return
            futures = self._open() if self._executor is None else [self._executor.submit(describe) for _ in range(self.settings.workers)]
        settled: tuple[str | None, str] | None = None
        for future in futures:
            try:
                answer = future.result()
            except Exception as error:  # a process that could not start: say why, unless another did
                self.reason = f"a worker process could not start: {type(error).__name__}: {error}"
            else:
                settled = settled or answer
        if settled is not None:
            self.model_id, self.reason = settled
        self._ready.set()

    @staticmethod
    def _discard(executor: ProcessPoolExecutor, grace: float = 0.0) -> None:
        processes = list((getattr(executor, "_processes", None) or {}).values())  # the pool has no public list of them
        executor.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + grace
        for process in processes:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.terminate()
                process.join(grace)
