"""The cues of a bilingual subtitle file: the source's own cues, each with the English that belongs to it.

A viewer must be able to read every cue, so each keeps to the broadcasters' usual limits:
at most MAX_SECONDS on screen and MAX_LINES lines of at most LINE_WIDTH characters a
language. The cues are the source's own (its time codes, its text); the English of a cue is

- when the translation is timed: the English cues that overlap it in time, each English
  cue given to the one source cue it overlaps most, so that no English is shown twice
  (the clock is taken as it is; a track sync corrects it before this runs);
- otherwise: the English of each aligned sentence pair, split across the source cues its
  Arabic spans at word boundaries, in proportion to how much of its Arabic each cue holds.
  An English sentence aligned with no source sentence joins the cue of the sentence
  before it.

A cue whose two texts do not fit the limits is cut into as many consecutive cues as it
takes, each text at word boundaries in proportion to length, the time in proportion to
the source characters. A cue with source text whose English is empty because the
sentence was left untranslated shows UNTRANSLATED, so that the gap is visible.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from transalign.errors import InputError
from transalign.types import Block, Document, Result

LINE_WIDTH = 42  # characters a subtitle line holds (the usual broadcast limit)
MAX_LINES = 2  # lines a language, so a bilingual cue is at most four lines
MAX_SECONDS = 7.0  # longest a cue stays on screen
UNTRANSLATED = "[not translated]"


@dataclass(frozen=True)
class BilingualCue:
    start: float
    end: float
    source: str  # one line of text; wrap() makes the displayed lines
    translation: str
    source_cue: int  # the source cue's number, as in the file
    part: tuple[int, int] = (1, 1)  # (k, n): k-th of the n cues a long source cue was cut into

    @property
    def lines(self) -> list[str]:
        """What the cue shows: the source's lines above the translation's."""
        return wrap(self.source) + wrap(self.translation)


def wrap(text: str) -> list[str]:
    """Lines of at most LINE_WIDTH characters, broken at spaces only (a longer word stays whole).

    Text that fits on two lines is broken where the two come out closest in length, as a
    subtitler would, rather than filling the first line and leaving a word on the second.
    """
    text = _one_line(text)
    if len(text) <= LINE_WIDTH:
        return [text] if text else []
    breaks = [k for k, char in enumerate(text) if char == " " and k <= LINE_WIDTH and len(text) - k - 1 <= LINE_WIDTH]
    if breaks:
        k = min(breaks, key=lambda k: max(k, len(text) - k - 1))
        return [text[:k], text[k + 1 :]]
    return textwrap.wrap(text, LINE_WIDTH, break_long_words=False, break_on_hyphens=False)


def bilingual_cues(result: Result) -> list[BilingualCue]:
    """Every source cue with its English, cut where a cue would break the reading limits."""
    source = result.source
    blocks = _timed_blocks(source)
    if result.translation.timed and result.translation.blocks:
        english = _by_overlap(blocks, result.translation.blocks)
    else:
        english = _by_alignment(result, blocks)
    untranslated = _untranslated_cues(result)
    cues = []
    for block, text in zip(blocks, english):
        arabic = _one_line(block.text)
        if not text and block.id in untranslated:
            text = UNTRANSLATED
        cues.extend(_fit(BilingualCue(block.start, block.end, arabic, text, block.id)))  # type: ignore[arg-type]
    return cues


def _timed_blocks(source: Document) -> tuple[Block, ...]:
    if not source.timed or not source.blocks or any(b.start is None or b.end is None for b in source.blocks):
        raise InputError(
            source.name,
            "has no time codes, so there is nothing to put bilingual subtitles on",
            expected="a timed source (.srt or .vtt) for SRT/VTT export; TMX, JSON, HTML and TSV need none",
        )
    return source.blocks


def _by_overlap(blocks: Sequence[Block], english: Sequence[Block]) -> list[str]:
    """Each English cue goes to the source cue it overlaps most (the nearest when it overlaps none)."""
    texts: list[list[str]] = [[] for _ in blocks]
    for cue in english:
        if cue.start is None or cue.end is None:
            continue
        start, end = cue.start, cue.end
        best = max(range(len(blocks)), key=lambda k: (_overlap(blocks[k], start, end), -_distance(blocks[k], start)))
        texts[best].append(_one_line(cue.text))
    return [" ".join(parts) for parts in texts]


def _overlap(block: Block, start: float, end: float) -> float:
    return max(0.0, min(block.end, end) - max(block.start, start))  # type: ignore[type-var,operator]


def _distance(block: Block, start: float) -> float:
    return abs(block.start - start)  # type: ignore[operator]


def _by_alignment(result: Result, blocks: Sequence[Block]) -> list[str]:
    """Each bead's English split across its source cues in proportion to its source characters in each."""
    shares = _segment_shares(result.source, blocks)
    position = {block.id: k for k, block in enumerate(blocks)}
    texts: list[list[str]] = [[] for _ in blocks]
    last_cue = 0
    for bead in result.alignment.beads:
        english = " ".join(result.translation.segments[k].text for k in bead.target)
        weights: dict[int, int] = {}
        for k in bead.source:
            for block_id, chars in shares[k].items():
                weights[position[block_id]] = weights.get(position[block_id], 0) + chars
        if not weights:
            if english:
                texts[last_cue].append(english)
            continue
        cues = sorted(weights)
        for cue, piece in zip(cues, split_words(english, [weights[c] for c in cues])):
            if piece:
                texts[cue].append(piece)
        last_cue = cues[-1]
    return [" ".join(parts) for parts in texts]


def _segment_shares(source: Document, blocks: Sequence[Block]) -> list[dict[int, int]]:
    """For each segment, how many of its characters each of its cues holds.

    Segments are the cues' text joined with spaces and cut into sentences, in order, so
    each is found in the joined text after the one before it.
    """
    joined, spans, offset = [], [], 0
    for block in blocks:
        text = _one_line(block.text)
        spans.append((block.id, offset, offset + len(text)))
        joined.append(text)
        offset += len(text) + 1
    text = " ".join(joined)
    shares: list[dict[int, int]] = []
    cursor = 0
    for segment in source.segments:
        found = text.find(segment.text, cursor)
        if found < 0:  # not a verbatim piece (should not happen): weigh its cues equally
            shares.append({block_id: 1 for block_id in segment.blocks})
            continue
        start, end = found, found + len(segment.text)
        cursor = end
        shares.append({b: min(end, e) - max(start, s) for b, s, e in spans if min(end, e) > max(start, s)})
    return shares


def _untranslated_cues(result: Result) -> set[int]:
    """Cues holding a source sentence that is aligned with no English."""
    return {
        block_id
        for bead in result.alignment.beads
        if bead.source and not bead.target
        for k in bead.source
        for block_id in result.source.segments[k].blocks
    }


def split_words(text: str, weights: Sequence[float]) -> list[str]:
    """`text` cut at word boundaries into len(weights) pieces, each's length in proportion to its weight."""
    words = text.split()
    total = sum(weights)
    if not words or total <= 0:
        return [text if k == 0 else "" for k in range(len(weights))]
    size = sum(len(w) + 1 for w in words)
    pieces: list[str] = []
    taken, used, goal = 0, 0, 0.0
    for k, weight in enumerate(weights):
        goal += size * weight / total
        piece = []
        while taken < len(words) and (k == len(weights) - 1 or used + (len(words[taken]) + 1) / 2 <= goal):
            piece.append(words[taken])
            used += len(words[taken]) + 1
            taken += 1
        pieces.append(" ".join(piece))
    return pieces


def _fit(cue: BilingualCue) -> list[BilingualCue]:
    """The cue, or as many consecutive cues as it takes for each to keep the reading limits."""
    needed = math.ceil((cue.end - cue.start) / MAX_SECONDS - 1e-9)
    needed = max(1, needed, math.ceil(len(wrap(cue.source)) / MAX_LINES), math.ceil(len(wrap(cue.translation)) / MAX_LINES))
    while True:
        parts = _cut(cue, needed)
        if all(_fits(part) for part in parts) or needed >= len(cue.source.split()) + len(cue.translation.split()):
            return parts
        needed += 1


def _fits(cue: BilingualCue) -> bool:
    return (
        cue.end - cue.start <= MAX_SECONDS + 1e-9
        and len(wrap(cue.source)) <= MAX_LINES
        and len(wrap(cue.translation)) <= MAX_LINES
    )


def _cut(cue: BilingualCue, n: int) -> list[BilingualCue]:
    """`n` cues: the source text cut in n equal shares, the time and the translation in proportion to it."""
    if n == 1:
        return [cue]
    sources = split_words(cue.source, [1] * n)
    weights = [len(s) or 1 for s in sources]
    translations = split_words(cue.translation, weights)
    cuts = [cue.start]
    for weight in weights[:-1]:
        cuts.append(cuts[-1] + (cue.end - cue.start) * weight / sum(weights))
    cuts.append(cue.end)
    duration = (cue.end - cue.start) / n
    if any(b - a > MAX_SECONDS for a, b in zip(cuts, cuts[1:])):  # long silence in a short text: equal times
        cuts = [cue.start + k * duration for k in range(n)] + [cue.end]
    return [
        BilingualCue(round(cuts[k], 3), round(cuts[k + 1], 3), sources[k], translations[k], cue.source_cue, (k + 1, n))
        for k in range(n)
    ]


def _one_line(text: str) -> str:
    """A blank line would end the cue early in SRT and VTT."""
    return " ".join(text.split())
