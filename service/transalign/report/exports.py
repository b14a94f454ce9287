"""Exports a translator's tools read: a bilingual subtitle file (SRT, WebVTT) and a TMX 1.4 memory.

Bilingual subtitles: the source's own cues, each with the English that belongs to it,
wrapped and cut to what a viewer can read (see service/transalign/report/bilingual.py); each cue
shows the source's lines above the English's.

TMX: one `<tu>` per bead with both sides. Beads with an empty side (an omission or an
addition) are not translation pairs, so they are left out of the memory (a CAT tool
would offer a sentence with no translation as a match), and the header says how many
were; flags on the kept beads travel as `<note>`s, bead metadata as `x-` `<prop>`s.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pysrt
import webvtt

from transalign import __version__
from transalign.beads import bead_text, segments_span
from transalign.report.bilingual import BilingualCue, bilingual_cues
from transalign.report.text import timecode
from transalign.types import Result

TMX_DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
# Characters XML 1.0 forbids; ElementTree would write them and produce a file no parser reads.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def to_bilingual_srt(result: Result) -> str:
    """SubRip: each cue the source's lines above the English's, on the source's own time codes."""
    items = [
        pysrt.SubRipItem(
            index=number,
            start=pysrt.SubRipTime.from_ordinal(_millis(cue.start)),
            end=pysrt.SubRipTime.from_ordinal(_millis(cue.end)),
            text="\n".join(cue.lines),
        )
        for number, cue in enumerate(bilingual_cues(result), 1)
    ]
    out = io.StringIO()
    pysrt.SubRipFile(items, eol="\n").write_into(out, eol="\n")
    return out.getvalue()


def to_bilingual_vtt(result: Result) -> str:
    """WebVTT, the same cues as the SRT; each cue's identifier names the source cue it shows."""
    captions = [
        webvtt.Caption(start=timecode(cue.start), end=timecode(cue.end), text="\n".join(cue.lines), identifier=_identifier(cue))
        for cue in bilingual_cues(result)
    ]
    return webvtt.WebVTT(captions=captions).content


def _identifier(cue: BilingualCue) -> str:
    k, n = cue.part
    return f"source cue {cue.source_cue}" + (f" ({k}/{n})" if n > 1 else "")


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
        start, end = segments_span(result.source, bead.source)
        if start is not None:
            _prop(tu, "x-time", f"{timecode(start)} --> {timecode(end)}")
        _tuv(tu, source_lang, bead_text(result.source, bead.source))
        _tuv(tu, target_lang, bead_text(result.translation, bead.target))
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + TMX_DOCTYPE + "\n" + ET.tostring(root, encoding="unicode") + "\n"


def _millis(seconds: float) -> int:
    return round(seconds * 1000)


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _prop(parent: ET.Element, kind: str, text: str) -> None:
    ET.SubElement(parent, "prop", type=kind).text = _xml_text(text)


def _note(parent: ET.Element, text: str) -> None:
    ET.SubElement(parent, "note").text = _xml_text(text)


def _tuv(tu: ET.Element, lang: str, text: str) -> None:
    tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
    ET.SubElement(tuv, "seg").text = _xml_text(text)
