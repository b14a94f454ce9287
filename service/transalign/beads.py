"""A bead's text and time span, read from its documents: the one definition every stage uses.

A bead's text on one side is its segments' original texts joined by one space. The checks
give evidence as character offsets into that text, the renderer translates it and the
reports show it, so all of them must join it the same way: here.
"""

from __future__ import annotations

from collections.abc import Sequence

from transalign.types import Document, Result

SEPARATOR = " "  # between a bead's segments on one side


def bead_text(document: Document, indices: Sequence[int]) -> str:
    """The original text of a bead's segments on one side."""
    return SEPARATOR.join(document.segments[k].text for k in indices)


def segments_span(document: Document, indices: Sequence[int]) -> tuple[float | None, float | None]:
    """Start of the first and end of the last of these segments, or (None, None) when untimed or empty."""
    segments = [document.segments[k] for k in indices]
    if not segments or segments[0].start is None:
        return None, None
    return segments[0].start, segments[-1].end


def bead_span(result: Result, bead_index: int) -> tuple[float | None, float | None]:
    """Time span of a bead on the source's clock (the translation's when the source has none)."""
    bead = result.alignment.beads[bead_index]
    for document, indices in ((result.source, bead.source), (result.translation, bead.target)):
        start, end = segments_span(document, indices)
        if start is not None:
            return start, end
    return None, None
