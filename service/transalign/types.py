"""The shared vocabulary of the pipeline: small frozen dataclasses, no behaviour.

Every stage takes and returns these, so that the CLI, batch jobs and the API see the
same `Result`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True)
class Block:
    """One unit as read from a file: a text line or a subtitle cue.

    `id` is the cue number (1-based, as in the file) or the 1-based line number for
    text; `line` is the 1-based line of the file where the block starts, so that
    errors and flags can point back into the file.
    """

    id: int
    text: str
    line: int
    start: float | None = None  # seconds
    end: float | None = None


@dataclass(frozen=True)
class Segment:
    """A sentence (or a line, with --segmented): the unit the aligner works on.

    `text` is the original text as the user wrote it; normalization happens only
    inside matching. `blocks` are the ids of the cues or lines it came from, and
    `start`/`end` the time span of those cues, so every flag points back to cues.
    """

    index: int
    text: str
    blocks: tuple[int, ...] = ()
    start: float | None = None
    end: float | None = None


@dataclass(frozen=True)
class Document:
    """One side of a pair: where it came from and its segments."""

    name: str  # file name, or a label such as "source" for API input
    lang: str
    segments: tuple[Segment, ...]
    blocks: tuple[Block, ...] = ()
    kind: Literal["txt", "srt", "vtt", "segments"] = "txt"
    encoding: str | None = None
    warnings: tuple[str, ...] = ()  # input defects that were repaired, each naming the file and cue or line

    @property
    def timed(self) -> bool:
        return bool(self.segments) and all(s.start is not None for s in self.segments)


@dataclass(frozen=True)
class Bead:
    """A group of source segments aligned to a group of target segments (either may be empty)."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    score: float  # confidence in [0, 1]
    features: dict[str, float] = field(default_factory=dict, compare=False, hash=False)

    @property
    def shape(self) -> str:
        return f"{len(self.source)}-{len(self.target)}"


@dataclass(frozen=True)
class TrackSync:
    """The translation's subtitle clock against the source's: translation time = offset + rate x source time."""

    offset: float  # seconds the translation runs late at the source's time 0 (negative: early)
    rate: float  # translation seconds per source second (25/23.976 = 1.043: 4.3% slow)
    beads: int  # sure beads it was estimated from
    spread: float  # median distance of their times from the fit, in seconds
    significant: bool  # it moves some time by more than the tracks' own jitter


@dataclass(frozen=True)
class Alignment:
    beads: tuple[Bead, ...]
    length_ratio: float  # target chars per source char, estimated from the documents
    sync: TrackSync | None = None  # both sides timed: the translation's clock against the source's (align/sync.py)


@dataclass(frozen=True)
class Rendering:
    """The machine translation of one bead's source text."""

    bead: int
    text: str
    model: str


@dataclass(frozen=True)
class Evidence:
    """A span of text that a flag points at, in one of the three texts of a bead."""

    side: Literal["source", "translation", "rendering"]
    text: str
    start: int  # character offsets in the bead's joined text on that side
    end: int


# What a flag says differs; the checks that raise each are listed in transalign.diverge.registry.
FlagKind = Literal["omission", "addition", "number", "name", "negation", "length", "term", "meaning"]


@dataclass(frozen=True)
class Flag:
    kind: FlagKind
    severity: float  # in [0, 1]
    bead: int
    message: str
    evidence: tuple[Evidence, ...] = ()
    id: str = ""  # stable within a result and across runs of the same input (see diverge.with_ids)


@dataclass(frozen=True)
class DiffOp:
    """One run of a word diff: equal, insert (rendering only), delete (translation only) or replace."""

    op: Literal["equal", "insert", "delete", "replace"]
    translation: str
    rendering: str


@dataclass(frozen=True)
class WordDiff:
    """The human translation of one bead against its machine rendering, word by word."""

    bead: int
    ops: tuple[DiffOp, ...]


@dataclass(frozen=True)
class Result:
    source: Document
    translation: Document
    alignment: Alignment
    renderings: tuple[Rendering, ...] = ()
    flags: tuple[Flag, ...] = ()
    diffs: tuple[WordDiff, ...] = ()
    checks: tuple[str, ...] = ()  # the divergence checks that ran
    notes: tuple[str, ...] = ()  # plain statements for the reader, e.g. that no model ran
    warnings: tuple[str, ...] = ()  # what was wrong with the input and how it was read anyway
