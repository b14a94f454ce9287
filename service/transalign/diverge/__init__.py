"""compare stage: divergence checks and the word-level diff (see DESIGN.md).

`check` runs every check on a result and returns the flags, most severe first, and the
names of the checks that ran: model-dependent ones (`meaning`, contrastive omission) run
only when a translator is given, and `term` only with a glossary (Options.glossary).
"""

from __future__ import annotations

import dataclasses
import hashlib

from transalign.diverge import addition, contrastive, length, meaning, name, negation, number, omission, term
from transalign.diverge.context import views
from transalign.diverge.worddiff import diff_words, word_diffs
from transalign.options import Options
from transalign.types import Flag, Result

TEXT_CHECKS = (omission, addition, number, name, negation, length)
MODEL_CHECKS = {"omission (contrastive)": contrastive, "meaning": meaning}

__all__ = ["check", "diff_words", "word_diffs"]


def check(result: Result, options: Options | None = None, translator=None) -> tuple[tuple[Flag, ...], tuple[str, ...]]:
    """All flags for `result`, sorted by severity (then bead), and the checks that ran."""
    options = options or Options()
    bead_views = views(result, options)
    flags: list[Flag] = []
    ran = []
    for module in TEXT_CHECKS:
        flags += module.check(bead_views)
        ran.append(module.NAME)
    if options.glossary:
        flags += term.check(bead_views, options.glossary)
        ran.append(term.NAME)
    if translator is not None and result.renderings:
        for label, module in MODEL_CHECKS.items():
            flags += module.check(bead_views, translator)
            ran.append(label)
    flags = _dedupe(flags)
    return with_ids(sorted(flags, key=lambda f: (-f.severity, f.bead, f.kind))), tuple(ran)


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
