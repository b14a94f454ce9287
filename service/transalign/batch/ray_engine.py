"""The Ray engine of `transalign batch --engine ray`: the same pairs, on actors of a Ray cluster.

Each actor is one worker as the local engine has them (`worker.init_worker` loads the model
once, `worker.process_pair` aligns a pair and writes its outputs, marker last), so the
outputs are the same files and a batch resumes across engines. Inputs and the output
folder must be on a filesystem every node sees at the same path; actors work in the
driver's folder, so relative paths (and the errors that name them) read as they do here.

Pairs are streamed: an actor gets its next pair when it hands back the last one, never a
queue of them. An actor whose process dies (killed, out of memory, its node lost) is
replaced by a fresh one and its pair runs once more there; a pair that loses a second
worker fails like any bad pair, and the batch goes on.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from transalign.batch.engine import WORKER_DIED
from transalign.batch.pairing import Pair
from transalign.batch.worker import PairOutcome, init_worker, process_pair
from transalign.errors import InputError
from transalign.options import Options

RETRIED = "the worker died while on this pair (killed, or out of memory?): running it again on a fresh worker"


class PairActor:
    """One Ray actor: loads the model once, then aligns the pairs it is given, one at a time."""

    def __init__(self, out: Path, options: Options, folder: str) -> None:
        self.out, self.options = out, options
        self.problem: str | None = None  # why relative paths cannot be followed on this node
        try:
            os.chdir(folder)
        except OSError as error:
            self.problem = (f"node {socket.gethostname()} cannot enter {folder} ({error.strerror}): relative paths need "
                            "the folder the batch runs in on a filesystem every node sees at the same path")
        init_worker(options)

    def run(self, pair: Pair) -> PairOutcome:
        relative = not all(path.is_absolute() for path in (pair.source, pair.translation, self.out))
        if relative and self.problem is not None:
            return PairOutcome(pair.name, "failed", error=self.problem, worker=os.getpid())
        return process_pair(pair, self.out, self.options)


class RayEngine:
    """Actors on a Ray cluster: the one at `address`, or a local one started for this batch.

    `actors` None fills the cluster: one actor per GPU when it has GPUs (and a model is
    wanted), else one per `cpus_per_actor` CPUs.
    """

    def __init__(
        self, address: str | None = None, *, actors: int | None = None, cpus_per_actor: float = 1, gpus_per_actor: float | None = None
    ) -> None:
        self.address = address
        self.actors = actors
        self.cpus_per_actor = cpus_per_actor
        self.gpus_per_actor = gpus_per_actor
        self.slots = 0
        self._ray: Any = None
        self._started_ray = False
        self._idle: list[Any] = []
        self._running: dict[Any, tuple[Pair, Any, bool]] = {}  # result ref -> (pair, actor, already retried)

    def start(self, out: Path, options: Options, total: int, say: Callable[[str], None]) -> None:
        began = time.perf_counter()
        self._say = say
        ray = self._ray = _import_ray()
        _check_reachable(self.address)
        if not ray.is_initialized():  # a caller (a test, a notebook) may have connected already
            try:
                ray.init(address=self.address or "local", include_dashboard=False, log_to_driver=False,
                         logging_level=logging.ERROR)
            except (ConnectionError, RuntimeError, ValueError) as error:
                raise InputError("--address", f"cannot start or reach Ray at {self.address or 'this machine'} ({error})",
                                 expected="the address of a running Ray head (ray start --head), or no --address") from None
            self._started_ray = True
        resources = ray.cluster_resources()
        cpus, gpus = resources.get("CPU", 0), resources.get("GPU", 0)
        per_gpu = self.gpus_per_actor if self.gpus_per_actor is not None else (1 if gpus and options.use_model else 0)
        fits = int(gpus // per_gpu) if per_gpu else int(cpus // self.cpus_per_actor)
        if fits < 1:
            raise InputError("--engine ray", f"the cluster has {cpus:g} CPUs and {gpus:g} GPUs: no room for one actor "
                             f"of {self.cpus_per_actor:g} CPU(s) and {per_gpu:g} GPU(s)",
                             expected="smaller --cpus-per-actor or --gpus-per-actor, or a bigger cluster")
        count = min(self.actors or fits, fits, total)
        if self.actors and self.actors > fits:
            say(f"ray: the cluster has room for {fits} actor(s), not {self.actors}: starting {fits}")
        self._remote = ray.remote(PairActor).options(num_cpus=self.cpus_per_actor, num_gpus=per_gpu, max_restarts=0)
        self._out, self._options = out, options
        self._idle = [self._new_actor() for _ in range(count)]
        self.slots = count
        say(f"ray: {count} actor(s) of {self.cpus_per_actor:g} CPU(s) and {per_gpu:g} GPU(s) on a cluster of "
            f"{cpus:g} CPUs and {gpus:g} GPUs ({'started' if self._started_ray else 'joined'} in {time.perf_counter() - began:.1f} s)")

    @property
    def in_flight(self) -> int:
        return len(self._running)

    def submit(self, pair: Pair) -> None:
        self._send(pair, self._idle.pop(), retried=False)

    def collect(self, timeout: float) -> list[PairOutcome]:
        ray = self._ray
        ready, _ = ray.wait(list(self._running), num_returns=1, timeout=timeout)
        if ready:  # and whatever else is finished by now
            ready, _ = ray.wait(list(self._running), num_returns=len(self._running), timeout=0)
        outcomes = []
        for ref in ready:
            pair, actor, retried = self._running.pop(ref)
            try:
                outcomes.append(ray.get(ref))
                self._idle.append(actor)
            except ray.exceptions.RayActorError:
                ray.kill(actor)  # dead already, or unreachable: make sure it holds nothing
                fresh = self._new_actor()
                if retried:
                    outcomes.append(PairOutcome(pair.name, "failed", error=WORKER_DIED))
                    self._idle.append(fresh)
                else:
                    self._say(f"{pair.name}: {RETRIED}")
                    self._send(pair, fresh, retried=True)
        return outcomes

    def close(self, *, abort: bool) -> None:
        """Actors are killed either way: the runner closes only once nothing it waits for is in flight, or to abort."""
        if self._ray is None:
            return
        for actor in self._idle + [actor for _, actor, _ in self._running.values()]:
            self._ray.kill(actor)
        self._idle, self._running = [], {}
        if self._started_ray:
            self._ray.shutdown()
            self._started_ray = False
        self._ray = None

    def _new_actor(self) -> Any:
        return self._remote.remote(self._out, self._options, os.getcwd())

    def _send(self, pair: Pair, actor: Any, *, retried: bool) -> None:
        self._running[actor.run.remote(pair)] = (pair, actor, retried)


def _check_reachable(address: str | None) -> None:
    """A HOST:PORT head must answer now: ray.init retries one that does not for minutes, saying little."""
    if address is None or "://" in address:
        return
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        return  # `auto`, or a form Ray checks itself
    try:
        socket.create_connection((host, int(port)), timeout=10).close()
    except OSError as error:
        raise InputError("--address", f"no Ray head answers at {address} ({error.strerror or error})",
                         expected="HOST:PORT of a running `ray start --head` (default port 6379), or auto") from None


def _import_ray() -> Any:
    try:
        import ray
    except ImportError:
        raise InputError("--engine ray", "Ray is not installed",
                         expected="pip install 'transalign[ray]' (scripts/setup.sh installs it)") from None
    return ray
