"""Splitting an unpunctuated source sentence where its translation has sentence boundaries.

Reporting verbs and length limits (segment.py, rule 7) find many sentence starts in a
transcript without punctuation, not all: "ارتفعت الأسعار … وتراجع الذهب …" has none. When
the aligner then pairs one such source segment with several English sentences (a 1-n
bead), the English has told us how many sentences the Arabic holds and about how long
each is. The segment is cut into that many pieces at word boundaries, in proportion to
the English sentences' lengths, each cut moved to the nearest word that opens with the
conjunction و or ف within CUT_WINDOW of the proportional point (where Arabic sentences
start), and the pair is aligned again: an English sentence the Arabic does not have, or
the reverse, then shows as its own bead instead of hiding inside a 1-n one.
"""

from __future__ import annotations

from dataclasses import replace

from transalign.text.normalize import is_arabic_script
from transalign.types import Alignment, Document, Segment

MIN_PIECE_WORDS = 4  # a piece shorter than this is no sentence
CUT_WINDOW = 0.25  # how far (share of the segment's words) a cut may move to reach a conjunction
_CONJUNCTIONS = ("و", "ف")


def split_at_translation(source: Document, translation: Document, alignment: Alignment) -> Document | None:
    """The source with each 1-n bead's segment cut into n pieces; None when no bead calls for it."""
    pieces: dict[int, list[str]] = {}
    for bead in alignment.beads:
        if len(bead.source) == 1 and len(bead.target) >= 2:
            lengths = [len(translation.segments[k].text) for k in bead.target]
            cut = cut_words(source.segments[bead.source[0]].text, lengths, arabic=is_arabic_script(source.lang))
            if len(cut) > 1:
                pieces[bead.source[0]] = cut
    return with_pieces(source, pieces) if pieces else None


def with_pieces(document: Document, pieces: dict[int, list[str]]) -> Document:
    """The document with segment i replaced by pieces[i], renumbered; each piece with its share of the time span."""
    if not pieces:
        return document
    segments: list[Segment] = []
    for segment in document.segments:
        for text, (start, end) in timed_pieces(segment, pieces.get(segment.index, [segment.text])):
            segments.append(replace(segment, index=len(segments), text=text, start=start, end=end))
    return replace(document, segments=tuple(segments))


def with_joins(document: Document, firsts: set[int]) -> Document:
    """The document with each segment i in `firsts` joined to segment i + 1, renumbered."""
    if not firsts:
        return document
    segments: list[Segment] = []
    for segment in document.segments:
        if segment.index - 1 in firsts:
            last = segments[-1]
            blocks = last.blocks + tuple(b for b in segment.blocks if b not in last.blocks)
            segments[-1] = replace(last, text=f"{last.text} {segment.text}", blocks=blocks, end=segment.end)
        else:
            segments.append(replace(segment, index=len(segments)))
    return replace(document, segments=tuple(segments))


def cut_words(text: str, lengths: list[int], *, arabic: bool) -> list[str]:
    """`text` in len(lengths) pieces of at least MIN_PIECE_WORDS words, or whole when it is too short."""
    words = text.split()
    if len(words) < MIN_PIECE_WORDS * len(lengths):
        return [text]
    offsets = [0]
    for word in words:
        offsets.append(offsets[-1] + len(word) + 1)
    cuts = [0]
    done = 0
    for length in lengths[:-1]:
        done += length
        goal = offsets[-1] * done / sum(lengths)
        lowest = cuts[-1] + MIN_PIECE_WORDS
        highest = len(words) - MIN_PIECE_WORDS * (len(lengths) - len(cuts))
        nearest = min(range(lowest, highest + 1), key=lambda k: abs(offsets[k] - goal))
        window = max(1, round(CUT_WINDOW * len(words)))
        opening = [
            k for k in range(max(lowest, nearest - window), min(highest, nearest + window) + 1)
            if arabic and words[k].startswith(_CONJUNCTIONS)
        ]
        cuts.append(min(opening, key=lambda k: abs(offsets[k] - goal)) if opening else nearest)
    cuts.append(len(words))
    return [" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:])]


def timed_pieces(segment: Segment, texts: list[str]) -> list[tuple[str, tuple[float | None, float | None]]]:
    """Each piece with its share of the segment's time span, by characters."""
    if segment.start is None or segment.end is None or len(texts) == 1:
        return [(text, (segment.start, segment.end)) for text in texts]
    total = sum(len(text) for text in texts)
    out: list[tuple[str, tuple[float | None, float | None]]] = []
    at = segment.start
    for text in texts:
        end = round(at + (segment.end - segment.start) * len(text) / total, 3)
        out.append((text, (at, end)))
        at = end
    return out
