"""Time codes as the reports and exports write them."""

from __future__ import annotations


def timecode(seconds: float | None) -> str:
    """HH:MM:SS.mmm (WebVTT's form), or empty when there is no time."""
    if seconds is None:
        return ""
    hours, millis = divmod(round(seconds * 1000), 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"
