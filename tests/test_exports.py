"""Bilingual SRT/VTT and TMX exports: read back with pysrt, webvtt-py and translate-toolkit."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pysrt
import pytest
import webvtt

from transalign.errors import InputError
from transalign.formats import read_document
from transalign.formats import document_from_segments
from transalign.report.bilingual import LINE_WIDTH, MAX_LINES, MAX_SECONDS, UNTRANSLATED, bilingual_cues, split_words, wrap
from transalign.report.exports import XML_LANG, to_bilingual_srt, to_bilingual_vtt, to_tmx
from transalign.options import Options
from transalign.pipeline import run
from transalign.types import Alignment, Bead, Block, Document, Evidence, Flag, Result, Segment

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen"


@pytest.fixture(scope="module")
def timed() -> Result:
    source = read_document(FIXTURE / "ar.srt", "ar")
    translation = read_document(FIXTURE / "en.srt", "en")
    return run(source, translation, Options(use_model=False))


@pytest.fixture(scope="module")
def untimed() -> Result:
    return run(read_document(FIXTURE / "ar.txt", "ar"), read_document(FIXTURE / "en.txt", "en"), Options(use_model=False))


@pytest.fixture(scope="module")
def timed_source_untimed_translation() -> Result:
    return run(read_document(FIXTURE / "ar.srt", "ar"), read_document(FIXTURE / "en.txt", "en"), Options(use_model=False))


def is_arabic(line: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in line)


def check_readable(srt: str) -> list[pysrt.SubRipItem]:
    """Every cue at most 7 s, at most 2 lines of at most 42 characters a language, source lines first; cues in order."""
    cues = pysrt.from_string(srt, error_handling=pysrt.ERROR_RAISE)
    assert [cue.index for cue in cues] == list(range(1, len(cues) + 1))
    for cue in cues:
        lines = cue.text.split("\n")
        arabic = [line for line in lines if is_arabic(line)]
        assert lines[: len(arabic)] == arabic, "the source's lines come first"
        assert cue.end.ordinal - cue.start.ordinal <= MAX_SECONDS * 1000, cue
        assert 1 <= len(arabic) <= MAX_LINES and len(lines) - len(arabic) <= MAX_LINES, cue
        assert all(len(line) <= LINE_WIDTH for line in lines), cue
    for before, after in zip(cues, cues[1:]):
        assert before.end.ordinal <= after.start.ordinal
    return cues


def texts(cues: list[pysrt.SubRipItem], arabic: bool) -> str:
    return " ".join(line for cue in cues for line in cue.text.split("\n") if is_arabic(line) == arabic)


@pytest.mark.parametrize("pair", ["timed", "timed_source_untimed_translation"])
def test_bilingual_srt_of_the_fixture_is_readable_and_shows_every_word_once(pair: str, request: pytest.FixtureRequest) -> None:
    result: Result = request.getfixturevalue(pair)
    cues = check_readable(to_bilingual_srt(result))
    source_cues = pysrt.open(str(FIXTURE / "ar.srt"))
    assert len(cues) >= len(source_cues)
    assert cues[0].start.ordinal == source_cues[0].start.ordinal and cues[-1].end.ordinal == source_cues[-1].end.ordinal
    assert texts(cues, arabic=True).split() == " ".join(cue.text for cue in source_cues).split()
    assert texts(cues, arabic=False).split() == " ".join(s.text for s in result.translation.segments).split()


def test_bilingual_vtt_has_the_same_cues_as_the_srt(timed: Result) -> None:
    srt = pysrt.from_string(to_bilingual_srt(timed))
    vtt = webvtt.from_buffer(io.StringIO(to_bilingual_vtt(timed)))
    assert [(c.start.replace(".", ","), c.end.replace(".", ","), c.text) for c in vtt] == [
        (str(c.start), str(c.end), c.text) for c in srt
    ]
    assert vtt.captions[0].identifier == "source cue 1"


def _document(lang: str, cues: list[tuple[float, float, str]], sentences: list[tuple[str, tuple[int, ...]]]) -> Document:
    blocks = tuple(Block(id=k, text=text, line=4 * k, start=start, end=end) for k, (start, end, text) in enumerate(cues, 1))
    segments = tuple(
        Segment(i, text, ids, blocks[ids[0] - 1].start, blocks[ids[-1] - 1].end) for i, (text, ids) in enumerate(sentences)
    )
    return Document(name=f"{lang}.srt", lang=lang, segments=segments, blocks=blocks, kind="srt")


def test_english_is_split_across_the_cues_of_its_sentence_and_gaps_are_marked() -> None:
    source = _document(
        "ar",
        [(1.0, 3.0, "الجملة الأولى تبدأ"), (3.5, 6.0, "وتنتهي هنا. والثانية"), (6.5, 9.0, "تنتهي هنا."), (10.0, 12.0, "جملة بلا ترجمة.")],
        [("الجملة الأولى تبدأ وتنتهي هنا.", (1, 2)), ("والثانية تنتهي هنا.", (2, 3)), ("جملة بلا ترجمة.", (4,))],
    )
    translation = document_from_segments(["The first sentence begins and ends here.", "The second ends here.", "Extra."], "en", "en.txt")
    beads = (Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9), Bead((), (2,), 0.5), Bead((2,), (), 0.5))
    cues = bilingual_cues(Result(source, translation, Alignment(beads, 1.0)))
    assert [(c.start, c.end, c.source) for c in cues] == [(1.0, 3.0, "الجملة الأولى تبدأ"), (3.5, 6.0, "وتنتهي هنا. والثانية"), (6.5, 9.0, "تنتهي هنا."), (10.0, 12.0, "جملة بلا ترجمة.")]
    assert [c.translation for c in cues] == [
        "The first sentence begins",
        "and ends here. The second",
        "ends here. Extra.",
        UNTRANSLATED,
    ]


def test_a_long_cue_is_cut_into_readable_cues_on_its_own_time_span() -> None:
    arabic = "وقال المتحدث باسم الوزارة إن الاجتماع الذي عقد أمس في العاصمة ناقش الأوضاع الأمنية والإنسانية في المنطقة بشكل مفصل"
    english = "The ministry spokesman said that yesterday's meeting in the capital discussed the security and humanitarian situation in the region in detail"
    source = _document("ar", [(0.0, 16.0, arabic)], [(arabic, (1,))])
    translation = _document("en", [(0.0, 16.0, english)], [(english, (1,))])
    result = Result(source, translation, Alignment((Bead((0,), (0,), 0.9),), 1.0))
    cues = check_readable(to_bilingual_srt(result))
    assert len(cues) == 3 and (cues[0].start.ordinal, cues[-1].end.ordinal) == (0, 16_000)
    assert texts(cues, arabic=True).split() == arabic.split() and texts(cues, arabic=False).split() == english.split()
    assert [c.part for c in bilingual_cues(result)] == [(1, 3), (2, 3), (3, 3)]


def test_split_words_keeps_words_whole_in_proportion() -> None:
    assert split_words("one two three four", [1, 1]) == ["one two", "three four"]
    assert split_words("one two three four", [3, 1]) == ["one two three", "four"]
    assert split_words("", [1, 2]) == ["", ""]
    assert wrap("a" * 30 + " " + "b" * 20) == ["a" * 30, "b" * 20]


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
