"""Small text helpers shared by the report formats."""

from __future__ import annotations

from collections.abc import Sequence

from service.types import Document


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
