"""run stage: `transalign batch`, alignment over folders of pairs (see README "Batch").

`pairing` finds the pairs, `state` knows when a pair's outputs are current, `worker`
aligns one pair in a worker process, `runner` schedules them and stops cleanly, `engine`
runs them on worker processes here (`ray_engine`: on actors of a Ray cluster),
`progress` shows it, `overview` writes index.html and summary.csv, `cli` is the command.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from transalign.batch.pairing import Pair, Pairing, Unpaired, pair_folders, pair_manifest, pair_suffixes

if TYPE_CHECKING:
    from transalign.batch.runner import EXIT_ALL, EXIT_NONE, EXIT_PART, EXIT_STOPPED, BatchReport, run_batch
    from transalign.batch.worker import PairOutcome

__all__ = [
    "EXIT_ALL", "EXIT_NONE", "EXIT_PART", "EXIT_STOPPED", "BatchReport", "Pair", "PairOutcome", "Pairing",
    "Unpaired", "pair_folders", "pair_manifest", "pair_suffixes", "run_batch",
]

# The runner and worker (rich, multiprocessing, the report formats) load on first use, so that
# `transalign align`, which builds the batch command's parser, does not pay for them at start-up.
_LAZY = {name: "runner" for name in ("EXIT_ALL", "EXIT_NONE", "EXIT_PART", "EXIT_STOPPED", "BatchReport", "run_batch")}
_LAZY["PairOutcome"] = "worker"


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
