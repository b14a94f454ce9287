"""Choosing where a model runs: CUDA in half precision when present, else CPU with as many
threads as this process may actually use.

torch defaults to one thread per physical core of the host, which in a container with a CPU
quota (or a shared machine) oversubscribes the cores and makes inference slower, not faster.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

THREADS_ENV = "TRANSALIGN_THREADS"


@dataclass(frozen=True)
class Device:
    kind: str  # "cpu" or "cuda"
    index: int = 0
    half: str | None = None  # "bfloat16" or "float16" on CUDA
    threads: int = 1  # CPU threads for intra-op parallelism

    @property
    def name(self) -> str:
        return "cpu" if self.kind == "cpu" else f"cuda:{self.index}"


def cpu_threads() -> int:
    """`$TRANSALIGN_THREADS`, else the CPUs this process may run on, capped by a cgroup quota."""
    if os.environ.get(THREADS_ENV, "").isdigit() and int(os.environ[THREADS_ENV]) > 0:
        return int(os.environ[THREADS_ENV])
    count = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = _cgroup_cpu_quota()
    return max(1, min(count, quota)) if quota else max(1, count)


def _cgroup_cpu_quota() -> int | None:
    try:
        limit, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()[:2]
    except (OSError, ValueError):
        return None
    if limit == "max":
        return None
    return max(1, math.ceil(int(limit) / int(period)))


def choose_device(requested: str = "auto") -> Device:
    """`auto` picks CUDA when torch sees a GPU; `cpu`, `cuda` and `cuda:N` are taken as asked."""
    import torch

    kind = requested
    if requested == "auto":
        kind = "cuda" if torch.cuda.is_available() else "cpu"
    if kind.startswith("cuda"):
        index = int(kind.split(":", 1)[1]) if ":" in kind else 0
        half = "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
        return Device("cuda", index, half, cpu_threads())
    return Device("cpu", 0, None, cpu_threads())
