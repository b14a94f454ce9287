"""compare stage: divergence checks and the word-level diff.

`check` runs the checks of `diverge.registry` on a result and returns the flags, most
severe first, and the names of the checks that ran: model-dependent ones (`meaning`,
contrastive omission) run only when a translator and its renderings are given, and `term`
only with a glossary (Options.glossary).
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager

from transalign.diverge.context import views
from transalign.diverge.parallel import run_checks
from transalign.diverge.registry import CHECKS, MODEL_CHECKS, Inputs
from transalign.diverge.worddiff import diff_words, word_diffs
from transalign.options import Options
from transalign.translate.base import Translator
from transalign.types import Flag, Result

__all__ = ["CHECKS", "MODEL_CHECKS", "check", "diff_words", "word_diffs"]


def check(result: Result, options: Options | None = None, translator: Translator | None = None,
          processes: int = 1) -> tuple[tuple[Flag, ...], tuple[str, ...]]:
    """All flags for `result`, sorted by severity (then bead), and the checks that ran.

    `processes`: how many a long document's checks may run on (diverge/parallel.py; the flags
    are the same); 1 keeps them in this process, as batch and API workers do.
    """
    inputs = Inputs(options or Options(), translator if result.renderings else None)
    with _no_cycle_collection():
        flags, ran = _run(result, inputs, processes)  # the views, words and all, are freed as _run returns
    return with_ids(sorted(_dedupe(flags), key=lambda f: (-f.severity, f.bead, f.kind))), tuple(ran)


def _run(result: Result, inputs: Inputs, processes: int) -> tuple[list[Flag], list[str]]:
    """The flags of every check that applies, and their names (a long document's on several processes: diverge/parallel.py)."""
    bead_views = views(result, inputs.options)
    checks = tuple(each for each in CHECKS if each.applies(inputs))
    flags = [f for found in run_checks(checks, bead_views, inputs, processes) for f in found]
    return flags, [each.name for each in checks]


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while the checks run.

    They build a few small objects per word (a long transcript's words, quantities and
    sets of glosses: millions), none of them in a reference cycle; the collector would walk
    them all again each time their number grew (benchmarks/pipeline_speed.py --cpu), and once more
    when it resumes if they were still alive. Reference counting frees them.
    """
    was_enabled = gc.isenabled()  # another thread's checks may have paused it already
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def with_ids(flags: list[Flag]) -> tuple[Flag, ...]:
    """Give each flag an id built from what it says, not from its position in the list.

    The review page stores decisions under these ids, so the same input must give the
    same ids on every run: kind, bead and a digest of the message and evidence.
    """
    seen: dict[str, int] = {}
    out = []
    for f in flags:
        spans = "|".join(f"{e.side}:{e.start}:{e.end}" for e in f.evidence)
        digest = hashlib.sha1(f"{f.message}|{spans}".encode()).hexdigest()[:8]
        base = f"{f.kind}-{f.bead}-{digest}"
        seen[base] = seen.get(base, 0) + 1
        out.append(dataclasses.replace(f, id=base if seen[base] == 1 else f"{base}-{seen[base]}"))
    return tuple(out)


def _dedupe(flags: list[Flag]) -> list[Flag]:
    """One flag per bead and kind: the most severe (contrastive and lexical omission may agree)."""
    best: dict[tuple[int, str], Flag] = {}
    for f in flags:
        key = (f.bead, f.kind)
        if key not in best or f.severity > best[key].severity:
            best[key] = f
    return list(best.values())
