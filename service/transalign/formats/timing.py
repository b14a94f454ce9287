"""Timing defects of subtitle cues, repaired the way subtitle editors repair them.

Cues out of time order, a cue that ends before it starts, and cues that overlap are
common in files that went through several tools, and a player shows them anyway. So
they are not input errors: each is repaired and reported with a warning that names the
file, the cue and its line and says what was done, and the pair still aligns.

- cues out of order are put in order of their start times, as a player shows them;
- a cue that ends before (or when) it starts gets the reading time of its text
  (`CHARS_PER_SECOND`, between `MIN_SECONDS` and `MAX_SECONDS`), cut short at the next
  cue's start;
- a cue that starts before the previous one ends shortens the previous one to end where
  it starts (two cues starting at the same time share their time half and half).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice
from dataclasses import dataclass, field, replace

from transalign.errors import where
from transalign.types import Block

CHARS_PER_SECOND = 17.0  # a common reading speed in subtitle style guides
MIN_SECONDS = 1.0
MAX_SECONDS = 7.0
WARNINGS_PER_KIND = 3  # a file with the same defect on every cue gets a count, not a warning per cue


@dataclass
class Warnings:
    """Warnings about one file, at most `WARNINGS_PER_KIND` of each kind, then a count of the rest."""

    name: str
    _kinds: dict[str, list[str]] = field(default_factory=dict)
    _more: dict[str, list[int]] = field(default_factory=dict)

    def add(self, kind: str, message: str, *, cue: int | None = None, line: int | None = None) -> None:
        said = self._kinds.setdefault(kind, [])
        if len(said) < WARNINGS_PER_KIND:
            said.append(f"{where(self.name, line=line, cue=cue)}: {message}")
        else:
            self._more.setdefault(kind, []).append(cue if cue is not None else line or 0)

    def lines(self) -> tuple[str, ...]:
        out: list[str] = []
        for kind, said in self._kinds.items():
            out.extend(said)
            rest = self._more.get(kind)
            if rest:
                shown = ", ".join(map(str, rest[:10])) + (", ..." if len(rest) > 10 else "")
                out.append(f"{self.name}: {len(rest)} more cues with the same defect ({kind}): cues {shown}")
        return tuple(out)


def repair_timing(blocks: Sequence[Block], warnings: Warnings) -> list[Block]:
    """Blocks in time order, each ending after it starts and before the next one starts."""
    if any(block.start is None or block.end is None for block in blocks):
        return list(blocks)
    ordered = _in_time_order(blocks, warnings)
    ordered = [_with_duration(block, ordered, k, warnings) for k, block in enumerate(ordered)]
    return _without_overlaps(ordered, warnings)


def clock(seconds: float) -> str:
    """HH:MM:SS.mmm, how every message shows a time."""
    millis = round(seconds * 1000)
    return f"{millis // 3_600_000:02d}:{millis // 60_000 % 60:02d}:{millis // 1000 % 60:02d}.{millis % 1000:03d}"


def _in_time_order(blocks: Sequence[Block], warnings: Warnings) -> list[Block]:
    latest: Block | None = None  # the cue above with the latest start
    for block in blocks:
        if latest is not None and _start(block) < _start(latest):
            warnings.add(
                "out of order",
                f"cue starts at {clock(_start(block))}, before cue {latest.id} above it starts at "
                f"{clock(_start(latest))}; cues put in order of their start times",
                cue=block.id, line=block.line,
            )
        elif latest is None or _start(block) >= _start(latest):
            latest = block
    return sorted(blocks, key=_start)


def _start(block: Block) -> float:
    assert block.start is not None  # repair_timing returns untimed blocks as they are
    return block.start


def _with_duration(block: Block, ordered: Sequence[Block], k: int, warnings: Warnings) -> Block:
    start, end = block.start, block.end
    assert start is not None and end is not None
    if end > start:
        return block
    reading = min(max(len(block.text) / CHARS_PER_SECOND, MIN_SECONDS), MAX_SECONDS)
    new_end = start + reading
    later = next((_start(b) for b in islice(ordered, k + 1, None) if _start(b) > start), None)  # in order: the first is next
    how = "the reading time of its text"
    if later is not None and later < new_end:
        new_end, how = later, "the next cue's start"
    new_end = round(new_end, 3)
    warnings.add(
        "ends before it starts",
        f"cue ends at {clock(end)}, {'before' if end < start else 'as'} it starts at {clock(start)}; "
        f"it now ends at {clock(new_end)} ({how})",
        cue=block.id, line=block.line,
    )
    return replace(block, end=new_end)


def _without_overlaps(blocks: list[Block], warnings: Warnings) -> list[Block]:
    out = list(blocks)
    for k in range(1, len(out)):
        previous, block = out[k - 1], out[k]
        assert previous.start is not None and previous.end is not None
        assert block.start is not None and block.end is not None
        if block.start >= previous.end:
            continue
        problem = f"cue starts at {clock(block.start)}, before cue {previous.id} ends at {clock(previous.end)}"
        if block.start > previous.start:
            out[k - 1] = replace(previous, end=block.start)
            done = f"cue {previous.id} now ends at {clock(block.start)}"
        else:  # both start together: they share the time of both, half and half
            middle = round((block.start + max(block.end, previous.end)) / 2, 3)
            out[k - 1] = replace(previous, end=middle)
            out[k] = replace(block, start=middle, end=max(block.end, previous.end))
            done = f"cue {previous.id} now ends, and this one starts, at {clock(middle)}"
        warnings.add("overlap", f"{problem}; {done}", cue=block.id, line=block.line)
    return out
