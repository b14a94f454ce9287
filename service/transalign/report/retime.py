"""The translation's subtitles on the source's clock: what `transalign align --retime` writes.

The cues are the translation's as read (timing defects repaired, markup tags dropped),
in time order and numbered from 1, each moved by the track sync the aligner estimated
(service/transalign/align/sync.py); the file is in the translation's own format, SRT or WebVTT.
"""

from __future__ import annotations

import io

import pysrt
import webvtt

from transalign.align.sync import cue_on_source_clock
from transalign.errors import InputError
from transalign.formats.timing import clock
from transalign.types import Document, TrackSync


def retimed_subtitles(translation: Document, sync: TrackSync) -> str:
    """The translation's cues with their times on the source's clock, as SRT or WebVTT text."""
    if translation.kind not in ("srt", "vtt"):
        raise InputError(translation.name, "has no cues to retime", expected="a .srt or .vtt translation for --retime")
    cues = []
    for block in translation.blocks:
        assert block.start is not None and block.end is not None  # cues of .srt and .vtt files are timed
        cues.append((*cue_on_source_clock(block.start, block.end, sync), block.text))
    if translation.kind == "vtt":
        return webvtt.WebVTT(captions=[webvtt.Caption(clock(s), clock(e), text) for s, e, text in cues]).content
    items = [
        pysrt.SubRipItem(number, pysrt.SubRipTime.from_ordinal(round(s * 1000)), pysrt.SubRipTime.from_ordinal(round(e * 1000)), text)
        for number, (s, e, text) in enumerate(cues, 1)
    ]
    out = io.StringIO()
    pysrt.SubRipFile(items, eol="\n").write_into(out, eol="\n")
    return out.getvalue()
