"""Exports a translator's tools read: a bilingual subtitle file (SRT, WebVTT) and a TMX 1.4 memory.

Bilingual subtitles: one cue per *cue group*. Source cues and beads do not nest: a
sentence can span several cues and a cue can hold the end of one sentence and the start
of the next. A group is the smallest run of consecutive source cues that no bead
crosses, i.e. one bead's cues, merged with its neighbour's when the two share a cue.
So every output cue

- starts at a source cue's start and ends at a source cue's end (the source's own time
  codes, never times interpolated inside a cue), and no two output cues overlap;
- shows each aligned sentence exactly once, whole, Arabic above English, in one cue.

The alternatives are worse for a reader: a cue per source cue repeats a long sentence's
English on every cue it spans, and a cue per bead on interpolated times overlaps its
neighbour wherever a cue is shared. A bead with no source (an English sentence the
source does not have) joins the preceding group, or the first one.

TMX: one `<tu>` per bead with both sides. Beads with an empty side (an omission or an
addition) are not translation pairs, so they are left out of the memory (a CAT tool
would offer a sentence with no translation as a match), and the header says how many
were; flags on the kept beads travel as `<note>`s, bead metadata as `x-` `<prop>`s.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field

import pysrt
import webvtt

from service import __version__
from service.errors import InputError
from service.types import Document, Result

UNTRANSLATED = "[not translated]"
TMX_DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
# Characters XML 1.0 forbids; ElementTree would write them and produce a file no parser reads.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass
class CueGroup:
    """Consecutive source cues that together hold whole beads."""

    first_cue: int  # positions in the source's block order
    last_cue: int
    start: float
    end: float
    beads: list[int] = field(default_factory=list)


def cue_groups(result: Result) -> list[CueGroup]:
    """The source cues grouped so that no bead crosses a group boundary (see the module docstring)."""
    source = result.source
    _require_times(source)
    position = {block.id: k for k, block in enumerate(source.blocks)}
    groups: list[CueGroup] = []
    waiting: list[int] = []  # beads with no source before the first group
    for index, bead in enumerate(result.alignment.beads):
        if not bead.source:
            (groups[-1].beads if groups else waiting).append(index)
            continue
        first, last = _cue_range(source, bead.source, position)
        if groups and first <= groups[-1].last_cue:
            group = groups[-1]
            group.last_cue = max(group.last_cue, last)
            group.end = max(group.end, source.blocks[last].end or group.end)
            group.beads.append(index)
            continue
        start, end = source.blocks[first].start, source.blocks[last].end
        assert start is not None and end is not None  # _require_times checked every cue
        groups.append(CueGroup(first, last, start, end, waiting + [index]))
        waiting = []
    if waiting and groups:
        groups[-1].beads.extend(waiting)
    return groups


def to_bilingual_srt(result: Result) -> str:
    """SubRip: each cue the source text of its beads above their translation, on source time codes."""
    items = [
        pysrt.SubRipItem(
            index=number,
            start=pysrt.SubRipTime.from_ordinal(_millis(group.start)),
            end=pysrt.SubRipTime.from_ordinal(_millis(group.end)),
            text=_cue_text(result, group),
        )
        for number, group in enumerate(cue_groups(result), 1)
    ]
    out = io.StringIO()
    pysrt.SubRipFile(items, eol="\n").write_into(out, eol="\n")
    return out.getvalue()


def to_bilingual_vtt(result: Result) -> str:
    """WebVTT, the same cues as the SRT; each cue's identifier names its beads."""
    captions = [
        webvtt.Caption(
            start=timecode(group.start),
            end=timecode(group.end),
            text=_cue_text(result, group),
            identifier="bead " + ", ".join(map(str, group.beads)),
        )
        for group in cue_groups(result)
    ]
    return webvtt.WebVTT(captions=captions).content


def to_tmx(result: Result) -> str:
    """A TMX 1.4 document of the aligned sentence pairs, flags as notes."""
    source_lang, target_lang = result.source.lang, result.translation.lang
    root = ET.Element("tmx", version="1.4")
    header = ET.SubElement(
        root,
        "header",
        {
            "creationtool": "transalign",
            "creationtoolversion": __version__,
            "segtype": "sentence",
            "o-tmf": "transalign",
            "adminlang": "en",
            "srclang": source_lang,
            "datatype": "plaintext",
        },
    )
    _prop(header, "x-source-file", result.source.name)
    _prop(header, "x-translation-file", result.translation.name)
    beads = result.alignment.beads
    left_out = [i for i, bead in enumerate(beads) if not (bead.source and bead.target)]
    if left_out:
        _note(
            header,
            f"{len(left_out)} bead(s) with one side empty (source or translation missing) are not "
            f"in this memory: bead(s) {', '.join(map(str, left_out))}.",
        )
    for note in result.notes:
        _note(header, note)
    body = ET.SubElement(root, "body")
    flags_by_bead: dict[int, list[str]] = {}
    for flag in result.flags:
        flags_by_bead.setdefault(flag.bead, []).append(f"{flag.kind} (severity {flag.severity:.2f}): {flag.message}")
    for index, bead in enumerate(beads):
        if index in left_out:
            continue
        tu = ET.SubElement(body, "tu", tuid=str(index), srclang=source_lang)
        for message in flags_by_bead.get(index, []):
            _note(tu, message)
        _prop(tu, "x-bead", str(index))
        _prop(tu, "x-score", f"{bead.score:.3f}")
        start, end = _span(result.source, bead.source)
        if start is not None:
            _prop(tu, "x-time", f"{timecode(start)} --> {timecode(end)}")
        _tuv(tu, source_lang, bead_text(result.source, bead.source))
        _tuv(tu, target_lang, bead_text(result.translation, bead.target))
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + TMX_DOCTYPE + "\n" + ET.tostring(root, encoding="unicode") + "\n"


def _require_times(source: Document) -> None:
    if not source.timed or not source.blocks or any(b.start is None or b.end is None for b in source.blocks):
        raise InputError(
            source.name,
            "has no time codes, so there is nothing to put bilingual subtitles on",
            expected="a timed source (.srt or .vtt) for SRT/VTT export; TMX, JSON, HTML and TSV need none",
        )


def _cue_range(source: Document, segments: Sequence[int], position: dict[int, int]) -> tuple[int, int]:
    cues = [position[cue] for k in segments for cue in source.segments[k].blocks]
    if not cues:
        raise InputError(source.name, f"segment {segments[0]} points at no cue", expected="segments read from cues")
    return min(cues), max(cues)


def _cue_text(result: Result, group: CueGroup) -> str:
    beads = [result.alignment.beads[i] for i in group.beads]
    source = " ".join(bead_text(result.source, b.source) for b in beads if b.source)
    translation = " ".join(bead_text(result.translation, b.target) for b in beads if b.target)
    return f"{_one_line(source)}\n{_one_line(translation) or UNTRANSLATED}"


def bead_text(document: Document, indices: Sequence[int]) -> str:
    """The original text of a bead's segments on one side (as the reports show it; not imported
    from service.report, which imports this module for its FORMATS)."""
    return " ".join(document.segments[k].text for k in indices)


def timecode(seconds: float | None) -> str:
    """HH:MM:SS.mmm as WebVTT writes it."""
    if seconds is None:
        return ""
    hours, millis = divmod(_millis(seconds), 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _one_line(text: str) -> str:
    """A blank line would end the cue early in SRT and VTT."""
    return " ".join(text.split())


def _millis(seconds: float) -> int:
    return round(seconds * 1000)


def _span(document: Document, indices: Sequence[int]) -> tuple[float | None, float | None]:
    segments = [document.segments[k] for k in indices]
    if not segments or segments[0].start is None:
        return None, None
    return segments[0].start, segments[-1].end


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _prop(parent: ET.Element, kind: str, text: str) -> None:
    ET.SubElement(parent, "prop", type=kind).text = _xml_text(text)


def _note(parent: ET.Element, text: str) -> None:
    ET.SubElement(parent, "note").text = _xml_text(text)


def _tuv(tu: ET.Element, lang: str, text: str) -> None:
    tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
    ET.SubElement(tuv, "seg").text = _xml_text(text)
