"""Bilingual SRT/VTT and TMX exports: read back with pysrt, webvtt-py and translate-toolkit."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pysrt
import pytest
import webvtt

from service.errors import InputError
from service.formats import read_document
from service.formats.exports import UNTRANSLATED, XML_LANG, cue_groups, to_bilingual_srt, to_bilingual_vtt, to_tmx
from service.options import Options
from service.pipeline import run
from service.types import Alignment, Bead, Block, Document, Evidence, Flag, Result, Segment

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen"


@pytest.fixture(scope="module")
def timed() -> Result:
    source = read_document(FIXTURE / "ar.srt", "ar")
    translation = read_document(FIXTURE / "en.srt", "en")
    return run(source, translation, Options(use_model=False))


@pytest.fixture(scope="module")
def untimed() -> Result:
    return run(read_document(FIXTURE / "ar.txt", "ar"), read_document(FIXTURE / "en.txt", "en"), Options(use_model=False))


def test_bilingual_srt_parses_and_keeps_the_source_time_codes(timed: Result) -> None:
    cues = pysrt.from_string(to_bilingual_srt(timed), error_handling=pysrt.ERROR_RAISE)
    source_cues = pysrt.open(str(FIXTURE / "ar.srt"))
    starts = {cue.start.ordinal for cue in source_cues}
    ends = {cue.end.ordinal for cue in source_cues}
    assert [cue.index for cue in cues] == list(range(1, len(cues) + 1))
    assert cues[0].start.ordinal == source_cues[0].start.ordinal and cues[-1].end.ordinal == source_cues[-1].end.ordinal
    for cue in cues:
        assert cue.start.ordinal in starts and cue.end.ordinal in ends
    for before, after in zip(cues, cues[1:]):
        assert before.end.ordinal < after.start.ordinal
    assert len(cues) == len(cue_groups(timed))


def test_each_sentence_is_shown_once_arabic_above_english(timed: Result) -> None:
    cues = pysrt.from_string(to_bilingual_srt(timed))
    arabic = " ".join(cue.text.split("\n")[0] for cue in cues)
    english = " ".join(cue.text.split("\n")[1] for cue in cues)
    assert all(len(cue.text.split("\n")) == 2 for cue in cues)
    assert arabic == " ".join(s.text for s in timed.source.segments)
    assert english == " ".join(s.text for s in timed.translation.segments)


def test_bilingual_vtt_has_the_same_cues_as_the_srt(timed: Result) -> None:
    srt = pysrt.from_string(to_bilingual_srt(timed))
    vtt = webvtt.from_buffer(io.StringIO(to_bilingual_vtt(timed)))
    assert [(c.start.replace(".", ","), c.end.replace(".", ","), c.text) for c in vtt] == [
        (str(c.start), str(c.end), c.text) for c in srt
    ]
    assert vtt.captions[0].identifier.startswith("bead 0")


def _document(lang: str, cues: list[tuple[float, float, str]], sentences: list[tuple[str, tuple[int, ...]]]) -> Document:
    blocks = tuple(Block(id=k, text=text, line=4 * k, start=start, end=end) for k, (start, end, text) in enumerate(cues, 1))
    segments = tuple(
        Segment(i, text, ids, blocks[ids[0] - 1].start, blocks[ids[-1] - 1].end) for i, (text, ids) in enumerate(sentences)
    )
    return Document(name=f"{lang}.srt", lang=lang, segments=segments, blocks=blocks, kind="srt")


def test_a_cue_shared_by_two_sentences_joins_their_beads_and_null_beads_find_a_place() -> None:
    source = _document(
        "ar",
        [(1.0, 3.0, "الجملة الأولى تبدأ"), (3.5, 6.0, "وتنتهي هنا. والثانية"), (6.5, 9.0, "تنتهي هنا."), (10.0, 12.0, "جملة بلا ترجمة.")],
        [("الجملة الأولى تبدأ وتنتهي هنا.", (1, 2)), ("والثانية تنتهي هنا.", (2, 3)), ("جملة بلا ترجمة.", (4,))],
    )
    translation = _document("en", [(1.0, 9.0, "First. Second. Extra.")], [("First.", (1,)), ("Second.", (1,)), ("Extra.", (1,))])
    beads = (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9), Bead((), (2,), 0.5), Bead((2,), (), 0.5))
    result = Result(source, translation, Alignment(beads, 1.0))
    groups = cue_groups(result)
    assert [(g.start, g.end, g.beads) for g in groups] == [(1.0, 9.0, [0, 1, 2]), (10.0, 12.0, [3])]
    cues = pysrt.from_string(to_bilingual_srt(result))
    assert cues[0].text == "الجملة الأولى تبدأ وتنتهي هنا. والثانية تنتهي هنا.\nFirst. Second. Extra."
    assert cues[1].text == f"جملة بلا ترجمة.\n{UNTRANSLATED}"
    assert (cues[1].start.ordinal, cues[1].end.ordinal) == (10_000, 12_000)


def test_an_untimed_source_is_refused_with_a_clear_error(untimed: Result) -> None:
    for export in (to_bilingual_srt, to_bilingual_vtt):
        with pytest.raises(InputError, match="time codes") as caught:
            export(untimed)
        assert caught.value.name.endswith("ar.txt")


# The TMX 1.4b DTD's content models and required attributes, for the elements we write.
TMX_CHILDREN = {
    "tmx": ("header", "body"),
    "header": ("note", "prop", "ude"),
    "body": ("tu",),
    "tu": ("note", "prop", "tuv"),
    "tuv": ("note", "prop", "seg"),
    "note": (),
    "prop": (),
}
TMX_REQUIRED = {
    "tmx": ("version",),
    "header": ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype"),
    "prop": ("type",),
    "tuv": (XML_LANG,),
}


def check_tmx_structure(text: str) -> ET.Element:
    """Validate against the TMX 1.4 structure: elements, their order, required attributes."""
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
    root = ET.fromstring(text)
    assert root.tag == "tmx" and root.get("version") == "1.4"
    assert [child.tag for child in root] == ["header", "body"]
    header = root.find("header")
    assert header is not None and header.get("segtype") in ("block", "paragraph", "sentence", "phrase")
    for element in root.iter():
        for attribute in TMX_REQUIRED.get(element.tag, ()):
            assert element.get(attribute), f"<{element.tag}> lacks {attribute}"
        if element.tag == "seg":
            assert len(element) == 0  # plain text: no inline markup written
            continue
        tags = [child.tag for child in element]
        assert set(tags) <= set(TMX_CHILDREN[element.tag]), f"<{element.tag}> holds {tags}"
        if element.tag == "tu":
            first_tuv = tags.index("tuv")
            assert set(tags[first_tuv:]) == {"tuv"}, "notes and props come before the variants"
        if element.tag == "tuv":
            assert tags[-1:] == ["seg"] and tags.count("seg") == 1
    return root


def test_tmx_follows_the_tmx_14_structure(timed: Result) -> None:
    root = check_tmx_structure(to_tmx(timed))
    header = root.find("header")
    assert header is not None and (header.get("srclang"), header.get("creationtool")) == ("ar", "transalign")
    units = root.findall("body/tu")
    assert len(units) == len(timed.alignment.beads)
    for tu in units:
        assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["ar", "en"]


def _with_flags_and_nulls(result: Result) -> Result:
    beads = result.alignment.beads
    with_nulls = beads[:2] + (Bead((), (beads[2].target[0],), 0.4), Bead(beads[2].source, (), 0.4)) + beads[3:]
    flags = (
        Flag("number", 0.9, 0, "number 31 in the Arabic, 13 in the English", (Evidence("source", "٣١", 0, 2),)),
        Flag("name", 0.6, 0, "name <Baghouz> & \x0bBaguz differ"),
        Flag("omission", 0.8, 3, "a sentence of the Arabic has no English"),
    )
    return replace(result, alignment=replace(result.alignment, beads=with_nulls), flags=flags)


def test_tmx_round_trips_through_translate_toolkit_with_flags_as_notes(timed: Result) -> None:
    from translate.storage.tmx import tmxfile

    result = _with_flags_and_nulls(timed)
    text = to_tmx(result)
    check_tmx_structure(text)
    store = tmxfile.parsestring(text.encode("utf-8"))
    kept = [b for b in result.alignment.beads if b.source and b.target]
    assert len(store.units) == len(kept)
    for unit, bead in zip(store.units, kept):
        assert unit.source == " ".join(result.source.segments[k].text for k in bead.source)
        assert unit.target == " ".join(result.translation.segments[k].text for k in bead.target)
    notes = store.units[0].getnotes()
    assert "number (severity 0.90): number 31 in the Arabic, 13 in the English" in notes
    assert "name (severity 0.60): name <Baghouz> & Baguz differ" in notes  # escaped, control character dropped
    header_notes = " ".join(n.text or "" for n in ET.fromstring(text).findall("header/note"))
    assert "2 bead(s) with one side empty" in header_notes and "bead(s) 2, 3" in header_notes


def test_tmx_needs_no_time_codes(untimed: Result) -> None:
    root = check_tmx_structure(to_tmx(untimed))
    assert root.findall("body/tu") and not root.findall("body/tu/prop[@type='x-time']")
