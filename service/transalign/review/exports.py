"""Reviewed exports: the pair's files with the translator's edits in and dismissed flags out.

The writers are those of `transalign.report.exports`; this module only hands them a
`Result` whose English segments carry the edits and whose flags are the ones not
dismissed. What it adds is the translation's own subtitles (the English track, edited,
on the English cues' time codes, for players and subtitle editors) and the CSV of
decisions.
"""

from __future__ import annotations

import csv
import io
from itertools import accumulate
from collections.abc import Collection, Sequence
from dataclasses import replace

import pysrt
import webvtt

from transalign.errors import InputError
from transalign.report.exports import to_bilingual_srt, to_bilingual_vtt, to_tmx
from transalign.report.formats import EXPORTS, FORMATS
from transalign.report.text import timecode
from transalign.review.model import Review
from transalign.types import Bead, Block, Document, Result

MEDIA_TYPES = {**{name: FORMATS[name].media_type for name in EXPORTS}, "csv": "text/csv; charset=utf-8"}  # the exports, and the decisions
REVIEWED_FORMATS = tuple(MEDIA_TYPES)
CSV_COLUMNS = ("flag_id", "kind", "severity", "bead", "status", "comment", "cue", "translation_cue", "time", "message")


def reviewed(result: Result, review: Review) -> Result:
    """The result as the reviewer left it: edited English segments, dismissed flags gone."""
    segments = tuple(
        replace(segment, text=review.edits[segment.index]) if segment.index in review.edits else segment
        for segment in result.translation.segments
    )
    flags = tuple(flag for flag in result.flags if review.status(flag.id) != "dismissed")
    translation = replace(result.translation, segments=segments)
    if translation.timed and review.edits:  # the bilingual exports show the English cues' own text
        translation = replace(translation, blocks=_edited_blocks(translation, review.edits.keys()))
    return replace(result, translation=translation, flags=flags)


def export(result: Result, review: Review, fmt: str, *, bilingual: bool = False) -> str:
    """One reviewed export; `bilingual` picks the two-language subtitles over the English track."""
    edited = reviewed(result, review)
    if fmt == "csv":
        return decisions_csv(result, review)
    if fmt == "tmx":
        return to_tmx(edited)
    if fmt == "srt":
        return to_bilingual_srt(edited) if bilingual else translation_srt(edited.translation)
    if fmt == "vtt":
        return to_bilingual_vtt(edited) if bilingual else translation_vtt(edited.translation)
    raise ValueError(f"no reviewed export in {fmt}; there are {', '.join(REVIEWED_FORMATS)}")


def file_name(stem: str, fmt: str, *, bilingual: bool = False) -> str:
    """What a download of a reviewed export is called: `ep01.reviewed.srt`, `ep01.bilingual.srt`."""
    kind = "bilingual" if bilingual and fmt in ("srt", "vtt") else "reviewed"
    return f"{stem}.{kind}.{fmt}"


def translation_srt(document: Document) -> str:
    """The translation's subtitles on its own cues' time codes (with the edits `reviewed` put in its cues)."""
    items = [
        pysrt.SubRipItem(index=number, start=pysrt.SubRipTime.from_ordinal(round(start * 1000)),
                         end=pysrt.SubRipTime.from_ordinal(round(end * 1000)), text=text)
        for number, (start, end, text) in enumerate(_cues(document), 1)
    ]
    out = io.StringIO()
    pysrt.SubRipFile(items, eol="\n").write_into(out, eol="\n")
    return out.getvalue()


def translation_vtt(document: Document) -> str:
    captions = [webvtt.Caption(start=timecode(start), end=timecode(end), text=text) for start, end, text in _cues(document)]
    return webvtt.WebVTT(captions=captions).content


def _cues(document: Document) -> list[tuple[float, float, str]]:
    """(start, end, text) per spoken cue of the translation, on its own time codes."""
    if not document.timed:
        raise InputError(document.name, "has no time codes, so there are no subtitles to put the edits on",
                         expected="a timed translation (.srt or .vtt) for SRT/VTT export; TMX and CSV need none")
    return [(b.start, b.end, " ".join(b.text.split())) for b in document.blocks if b.text.strip() and b.start is not None and b.end is not None]


def _edited_blocks(document: Document, edited: Collection[int]) -> tuple[Block, ...]:
    """The document's cues, each run of cues holding an edited sentence given its new text.

    Cues are taken in runs that no sentence crosses (`_cue_runs`). A run with no edited
    sentence stays as it was read; an edited run keeps its cues and their times, with
    its new text spread over them in proportion to the old texts' lengths (`_spread`).
    """
    blocks = list(document.blocks)
    for first, last, segments in _cue_runs(document):
        if not any(index in edited for index in segments):
            continue
        spoken = [k for k in range(first, last + 1) if blocks[k].text.strip()]
        texts = _spread(" ".join(" ".join(document.segments[k].text.split()) for k in segments), [len(" ".join(blocks[k].text.split())) for k in spoken])
        for k, text in zip(spoken, texts):
            blocks[k] = replace(blocks[k], text=text)
    return tuple(blocks)


def _cue_runs(document: Document) -> list[tuple[int, int, list[int]]]:
    """(first cue, last cue, segments): the smallest runs of cues (positions in
    `document.blocks`) that hold whole sentences, i.e. that no sentence crosses."""
    position = {block.id: k for k, block in enumerate(document.blocks)}
    runs: list[tuple[int, int, list[int]]] = []
    for segment in document.segments:
        cues = [position[cue] for cue in segment.blocks if cue in position]
        if not cues:
            raise InputError(document.name, f"segment {segment.index} points at no cue", expected="segments read from cues")
        first, last = min(cues), max(cues)
        if runs and first <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(runs[-1][1], last), runs[-1][2] + [segment.index])
        else:
            runs.append((first, last, [segment.index]))
    return runs


def _spread(text: str, lengths: Sequence[int]) -> list[str]:
    """`text` cut at spaces into len(lengths) pieces about as long as `lengths`.

    Hand-rolled: no subtitle library re-flows text into fixed cues; an edit rarely moves
    far from the words it replaces, so keeping each cue's share of the text keeps the
    words near the time they are spoken.
    """
    bounds = list(accumulate(lengths))
    scale = len(text) / (bounds[-1] or 1)
    pieces: list[list[str]] = [[] for _ in lengths]
    cue, offset = 0, 0
    for word in text.split():
        middle = offset + len(word) / 2
        while cue + 1 < len(lengths) and middle > bounds[cue] * scale:
            cue += 1
        pieces[cue].append(word)
        offset += len(word) + 1
    return [" ".join(piece) for piece in pieces]


def decisions_csv(result: Result, review: Review) -> str:
    """One row per flag: what it says, where it is (cues and time) and what the reviewer decided."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for flag in result.flags:
        bead = result.alignment.beads[flag.bead]
        decision = review.decisions.get(flag.id)
        writer.writerow([
            flag.id, flag.kind, f"{flag.severity:.2f}", flag.bead, review.status(flag.id), decision.comment if decision else "",
            _cue_numbers(result.source, bead.source), _cue_numbers(result.translation, bead.target),
            _time(result, bead), flag.message,
        ])
    return out.getvalue()


def _cue_numbers(document: Document, indices: Sequence[int]) -> str:
    cues = sorted({cue for k in indices for cue in document.segments[k].blocks})
    if not cues:
        return ""
    return str(cues[0]) if len(cues) == 1 else f"{cues[0]}-{cues[-1]}"


def _time(result: Result, bead: Bead) -> str:
    """The bead's time span, from the source's segments, or the translation's for an addition."""
    for document, indices in ((result.source, bead.source), (result.translation, bead.target)):
        segments = [document.segments[k] for k in indices]
        if segments and segments[0].start is not None and segments[-1].end is not None:
            return f"{timecode(segments[0].start)} --> {timecode(segments[-1].end)}"
    return ""
