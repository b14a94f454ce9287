"""Track sync: the translation's subtitle clock against the source's, estimated from the text.

Two subtitle tracks of one programme often disagree by an offset (one was timed on a
recording that starts earlier) and a rate (one was timed at 25 frames a second, the other
at 23.976). Beads the aligner is sure of give points (source time, translation time): where
each starts and where it ends on both sides. A robust line through them,
translation time = offset + rate x source time, is the translation's clock; Siegel's
repeated medians (`siegel_line`) stay right with up to half of the points
wrong, and some are: a sure bead can still be wrong, and translators' cues start and end
a little apart from the source's.

Where the line moves a time by more than `NOISE_SECONDS` somewhere in the programme, the
aligner maps the translation's times onto the source's clock and aligns again (the time
overlap feature compares the two clocks), the result's notes say how the tracks differ,
and `--retime` writes the translation's subtitles on the source's clock: what ffsubsync
does from the audio, done from the text.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from transalign.types import Alignment, Document, TrackSync

MIN_SCORE = 0.8  # beads surer than this give points
MIN_BEADS = 6  # fewer say little about a rate
NOISE_SECONDS = 0.5  # a correction smaller than this everywhere is within the tracks' own jitter
INLIER_SECONDS = 1.0  # a point this close to the line agrees with it
MIN_RATE = 0.8  # 23.976/30 is the largest frame-rate gap in use
MAX_POINTS = 500  # the repeated medians cost points squared (0.03 s for 500, 0.3 s for 2,000): an evenly spread subset keeps it linear
_LANGUAGES = {"ar": "Arabic", "en": "English", "fr": "French", "de": "German", "es": "Spanish", "fa": "Persian", "tr": "Turkish", "ur": "Urdu"}


def estimate(source: Document, translation: Document, alignment: Alignment) -> TrackSync | None:
    """The translation's clock against the source's, or None when too few sure beads agree on one."""
    if not (source.timed and translation.timed):
        return None
    spans = [
        (_span(source, b.source), _span(translation, b.target))
        for b in alignment.beads
        if b.source and b.target and b.score >= MIN_SCORE
    ]
    if len(spans) < MIN_BEADS:
        return None
    points = np.array([(s[0], t[0]) for s, t in spans] + [(s[1], t[1]) for s, t in spans], dtype=float)
    points = points[np.argsort(points[:, 0], kind="stable")]
    if len(points) > MAX_POINTS:
        points = points[np.linspace(0, len(points) - 1, MAX_POINTS).round().astype(int)]
    x, y = points[:, 0], points[:, 1]
    if np.ptp(x) <= 0:
        return None
    rate, offset = siegel_line(x, y)
    if not MIN_RATE <= rate <= 1 / MIN_RATE:
        return None  # no frame-rate pair is this far apart: the beads are not sure enough
    residuals = np.abs(y - (offset + rate * x))
    inliers = residuals <= INLIER_SECONDS
    if inliers.sum() < max(2 * MIN_BEADS, len(points) / 2):
        return None  # no line that most sure beads agree on: the beads are not sure enough
    # The most the line moves a time within the programme (it is linear: one of the ends).
    shift = max(abs(offset + (rate - 1) * x.min()), abs(offset + (rate - 1) * x.max()))
    return TrackSync(
        offset=round(float(offset), 3),
        rate=round(float(rate), 6),
        beads=len(spans),
        spread=round(float(np.median(residuals)), 3),
        significant=bool(shift >= NOISE_SECONDS),
    )


def siegel_line(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Slope and intercept of Siegel's repeated-medians line through the points (x, y).

    Hand-rolled, as scipy.stats.siegelslopes (method 'hierarchical') computes it, because
    importing scipy.stats costs half a second, more than aligning a programme's subtitles:
    for each point the median slope to every point at another x, the median of those is the
    slope, and the median of y - slope * x the intercept.
    """
    dx = x[:, None] - x[None, :]
    dy = y[:, None] - y[None, :]
    medians = np.empty(len(x))
    for j in range(len(x)):
        apart = dx[j] != 0
        medians[j] = np.median(dy[j, apart] / dx[j, apart])
    slope = float(np.median(medians))
    return slope, float(np.median(y - slope * x))


def _span(document: Document, indices: tuple[int, ...]) -> tuple[float, float]:
    """Where a bead's side starts and ends: the start of its first segment, the end of its last."""
    first, last = document.segments[indices[0]], document.segments[indices[-1]]
    assert first.start is not None and last.end is not None  # estimate() checked both sides are timed
    return first.start, last.end


def to_source_clock(seconds: float, sync: TrackSync) -> float:
    """A time of the translation's track on the source's clock."""
    return max(0.0, (seconds - sync.offset) / sync.rate)


def cue_on_source_clock(start: float, end: float, sync: TrackSync) -> tuple[float, float]:
    """A cue's times on the source's clock, rounded to the millisecond; a cue that would start
    before the source's 0 starts at 0 and still lasts at least a frame (40 ms)."""
    new_start = round(to_source_clock(start, sync), 3)
    return new_start, max(round(to_source_clock(end, sync), 3), round(new_start + 0.04, 3))


def on_source_clock(document: Document, sync: TrackSync) -> Document:
    """The translation with every segment's and cue's times on the source's clock."""

    def move(seconds: float | None) -> float | None:
        return None if seconds is None else round(to_source_clock(seconds, sync), 3)

    segments = tuple(replace(s, start=move(s.start), end=move(s.end)) for s in document.segments)
    blocks = tuple(replace(b, start=move(b.start), end=move(b.end)) for b in document.blocks)
    return replace(document, segments=segments, blocks=blocks)


def describe(sync: TrackSync, source: Document, translation: Document) -> str | None:
    """'English runs 4.0 s late and 4.3% slow against the Arabic ...', or None within noise."""
    if not sync.significant:
        return None
    parts = []
    if abs(sync.offset) >= 0.05:
        parts.append(f"{abs(sync.offset):.1f} s {'late' if sync.offset > 0 else 'early'}")
    if abs(sync.rate - 1) >= 0.0005:
        parts.append(f"{abs(sync.rate - 1) * 100:.1f}% {'slow' if sync.rate > 1 else 'fast'}")
    target = _LANGUAGES.get(translation.lang, "The translation")
    origin = f"the {_LANGUAGES[source.lang]}" if source.lang in _LANGUAGES else "the source"
    return (
        f"{target} runs {' and '.join(parts) or 'out of step'} against {origin} "
        f"(from {sync.beads} sure beads; times then within {sync.spread:.2f} s of the fit); "
        f"its times were put on {origin}'s clock for the alignment, and --retime writes them so."
    )
