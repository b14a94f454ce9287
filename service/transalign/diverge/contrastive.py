"""Omission by contrastive conditioning (Vamvas & Sennrich, 2022), when a model is available.

If the human English is at least as likely given the source *without* one of its clauses
as given the whole source, the model sees nothing of that clause in the English: it was
left out. Each clause of a bead with two or more is removed in turn and the English is
scored by forced decoding; MARGIN (nats, summed over the English tokens) keeps rounding
noise from counting as evidence.
"""

from __future__ import annotations

from transalign.diverge.context import BeadView
from transalign.diverge.flags import flag, quote
from transalign.diverge import severity
from transalign.diverge.omission import clauses
from transalign.translate.base import Translator
from transalign.types import Flag, FlagKind

NAME = "omission (contrastive)"  # as Result.checks lists it
KIND: FlagKind = "omission"
NEEDS_MODEL = True
MARGIN = 0.5
SEVERITY = severity.POSSIBLE  # a clause the model finds nothing of in the English
MIN_WORDS = 3  # words in a clause before removing it says anything


def check(views: list[BeadView], translator: Translator) -> list[Flag]:
    jobs: list[tuple[BeadView, int, int]] = []
    sources: list[str] = []
    targets: list[str] = []
    for view in views:
        if not (view.source and view.translation):
            continue
        spans = [(a, b) for a, b in clauses(view) if len(view.source[a:b].split()) >= MIN_WORDS]
        if len(spans) < 2:
            continue
        sources.append(view.source)
        targets.append(view.translation)
        jobs.append((view, -1, -1))
        for a, b in spans:
            sources.append(view.source[:a] + view.source[b:])
            targets.append(view.translation)
            jobs.append((view, a, b))
    if not jobs:
        return []
    totals = [s.total for s in translator.score_tokens(sources, targets)]
    flags: list[Flag] = []
    full = 0.0
    for (view, a, b), total in zip(jobs, totals):
        if a < 0:
            full = total
            continue
        if total - full >= -MARGIN and not any(f.bead == view.index for f in flags):
            message = f"Arabic clause {quote(view.source[a:b], 50)} seems untranslated: the model finds the English as likely without it"
            flags.append(flag(KIND, SEVERITY, view.index, message, [view.evidence("source", a, b)]))
    return flags
