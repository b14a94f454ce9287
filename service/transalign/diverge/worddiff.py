"""Word-level diff between the human English and the machine rendering of each bead.

rapidfuzz's Levenshtein opcodes over word tokens (compared case-folded, without edge
punctuation) give matched, inserted, deleted and substituted runs; the original words
are kept for display.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import Levenshtein

from transalign.beads import bead_text
from transalign.types import DiffOp, Rendering, Result, WordDiff

_TOKEN = re.compile(r"\S+")


def _key(token: str) -> str:
    return token.strip(".,;:!?\"'“”‘’()[]«»").casefold() or token


def diff_words(translation: str, rendering: str) -> tuple[DiffOp, ...]:
    """Runs of words: equal, insert (only in the rendering), delete (only in the human English), replace."""
    human, machine = _TOKEN.findall(translation), _TOKEN.findall(rendering)
    ops = []
    for op in Levenshtein.opcodes([_key(t) for t in human], [_key(t) for t in machine]):
        ops.append(DiffOp(op.tag,  # type: ignore[arg-type]  # rapidfuzz's tags are those four
                           " ".join(human[op.src_start : op.src_end]), " ".join(machine[op.dest_start : op.dest_end])))
    return tuple(ops)


def word_diffs(result: Result, renderings: tuple[Rendering, ...]) -> tuple[WordDiff, ...]:
    out = []
    for rendering in renderings:
        bead = result.alignment.beads[rendering.bead]
        translation = bead_text(result.translation, bead.target)
        if translation and rendering.text:
            out.append(WordDiff(bead=rendering.bead, ops=diff_words(translation, rendering.text)))
    return tuple(out)
