"""run stage: `transalign batch`, alignment over folders of pairs (see README "Batch").

`pairing` finds the pairs, `state` knows when a pair's outputs are current, `worker`
aligns one pair in a worker process, `runner` schedules them and stops cleanly, `engine`
runs them on worker processes here (`ray_engine`: on actors of a Ray cluster),
`progress` shows it, `overview` writes index.html and summary.csv, `cli` is the command.
"""

from transalign.batch.pairing import Pair, Pairing, Unpaired, pair_folders, pair_manifest, pair_suffixes
from transalign.batch.runner import EXIT_ALL, EXIT_NONE, EXIT_PART, EXIT_STOPPED, BatchReport, run_batch
from transalign.batch.worker import PairOutcome

__all__ = [
    "EXIT_ALL", "EXIT_NONE", "EXIT_PART", "EXIT_STOPPED", "BatchReport", "Pair", "PairOutcome", "Pairing",
    "Unpaired", "pair_folders", "pair_manifest", "pair_suffixes", "run_batch",
]
