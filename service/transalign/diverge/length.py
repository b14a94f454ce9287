"""`length`: a bead whose length ratio is far outside the document's own distribution.

Translations of one document by one translator keep a steady ratio of English to Arabic
characters; a bead far off it has lost or gained a passage. The ratio is judged in log
space against the document's median and MAD (flags.robust_z), so the yardstick is the
document itself, not a constant. Short beads (under MIN_CHARS of source) are skipped:
their ratios are noisy. The chain of narrators is not counted in the source length. Hadith
text is not judged: its translators gloss and restructure at will, so on Sunan Abi Dawud
(benchmarks/divergence_eval.py --docs 190 --seed 0) none of the 14 beads so flagged held a
divergence.
"""

from __future__ import annotations

import math
import re

from transalign.diverge.context import BeadView
from transalign.diverge.flags import flag, robust_z
from transalign.diverge import severity
from transalign.types import Flag, FlagKind

NAME: FlagKind = "length"
NEEDS_MODEL = False
Z = 6.0  # robust z-score beyond which a ratio is flagged
MIN_CHARS = 40
MIN_BEADS = 5  # fewer aligned beads give no distribution to judge against


def _chars(text: str) -> int:
    return len(re.sub(r"[\s\u064b-\u065f\u0670\u0640]", "", text))


def check(views: list[BeadView]) -> list[Flag]:
    judged = []
    for view in views:
        matn = "".join(view.source[w.start : w.end] for w in view.matn_words)
        source, target = _chars(matn), _chars(view.translation)
        if view.source and view.translation and source >= MIN_CHARS and target and not view.hadith:
            judged.append((view, math.log(target / source)))
    if len(judged) < MIN_BEADS:
        return []
    flags = []
    for (view, ratio), z in zip(judged, robust_z([r for _, r in judged])):
        if abs(z) >= Z:
            direction = "shorter" if z < 0 else "longer"
            message = f"the English is {direction} than this document's usual ratio predicts ({math.exp(ratio):.2f} characters per Arabic character, {abs(z):.1f} deviations off)"
            level = severity.graded(severity.WEAK, abs(z) - Z, cap=severity.STRONG)
            flags.append(flag(NAME, level, view.index, message))
    return flags
