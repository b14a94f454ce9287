"""Small text helpers shared by the report formats."""

from __future__ import annotations

from collections.abc import Sequence

from transalign.types import Document, Result


def bead_text(document: Document, indices: Sequence[int]) -> str:
    """The original text of a bead's segments on one side."""
    return " ".join(document.segments[k].text for k in indices)


def timecode(seconds: float | None) -> str:
    """HH:MM:SS.mmm, or empty when there is no time."""
    if seconds is None:
        return ""
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def bead_span(result: Result, bead_index: int) -> tuple[float | None, float | None]:
    """Time span of a bead on the source's clock (the translation's when the source has none)."""
    bead = result.alignment.beads[bead_index]
    for document, indices in ((result.source, bead.source), (result.translation, bead.target)):
        segments = [document.segments[k] for k in indices]
        if segments and segments[0].start is not None:
            return segments[0].start, segments[-1].end
    return None, None
