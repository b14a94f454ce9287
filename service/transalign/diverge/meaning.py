"""`meaning`: the human English differs markedly from the machine rendering, and the model
finds it an unlikely translation of the source.

Two conditions, both needed, because each alone fires on free but faithful translations:
chrF (sacrebleu) between the human English and the rendering is below MAX_CHRF, and the
model's mean per-token log-probability of the human English given the source falls
below that of its own rendering by more than the document usually shows (robust z below
-Z). Runs only when a model is available.
"""

from __future__ import annotations

from sacrebleu.metrics import CHRF

from transalign.diverge.context import BeadView
from transalign.diverge.flags import flag, robust_z
from transalign.diverge import severity
from transalign.translate.base import Translator
from transalign.types import Flag, FlagKind

NAME: FlagKind = "meaning"
NEEDS_MODEL = True
MAX_CHRF = 30.0
Z = 3.0
_chrf = CHRF()


def check(views: list[BeadView], translator: Translator) -> list[Flag]:
    judged = [v for v in views if v.source and v.translation and v.rendering]
    if not judged:
        return []
    sources = [v.source for v in judged]
    human = translator.score_tokens(sources, [v.translation for v in judged])
    machine = translator.score_tokens(sources, [v.rendering or "" for v in judged])
    gaps = [h.mean - m.mean for h, m in zip(human, machine)]
    flags = []
    for view, gap, z in zip(judged, gaps, robust_z(gaps)):
        chrf = _chrf.sentence_score(view.translation, [view.rendering or ""]).score
        if chrf < MAX_CHRF and z < -Z:
            message = f"the English reads unlike the machine rendering (chrF {chrf:.0f}) and the model finds it an unlikely translation ({gap:.2f} nats per token below its own)"
            evidence = [view.evidence("translation", 0, len(view.translation)), view.evidence("rendering", 0, len(view.rendering or ""))]
            flags.append(flag(NAME, severity.graded(severity.UNSURE, -z - Z, cap=severity.CERTAIN), view.index, message, evidence))
    return flags
