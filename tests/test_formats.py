"""Reading txt, srt and vtt files (and API text or segments) into Documents, and every input error."""

from __future__ import annotations

from pathlib import Path

import pytest

from transalign.errors import InputError
from transalign.formats import document_from_segments, document_from_text, read_bytes, read_document

SRT = """1
00:00:01,000 --> 00:00:04,000
قال محمد المشعلي، عضو مجلس الشعب:
إن الوضع صعب. هل

2
00:00:04,500 --> 00:00:07,000
هذا صحيح؟ نعم، <i>بالتأكيد</i>

3
00:00:07,000 --> 00:00:09,000
{\\an8}انتهى التقرير.
"""

VTT = """WEBVTT - report
Kind: captions

NOTE a comment
spanning lines

STYLE
::cue { color: yellow }

intro
00:00:01.000 --> 00:00:02.000 align:start position:10%
<v Anchor>Hello. How
are you?

00:02.500 --> 00:04.000
Fine, <b>thanks</b>.
"""


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def read_error(tmp_path: Path, name: str, text: str, lang: str = "ar") -> str:
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as error:
        read_document(path, lang)
    message = str(error.value)
    assert message.startswith(str(path))
    assert "; expected " in message
    return message


def test_srt_in_windows_1256_is_read_into_cues_and_sentences(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "ar.srt", SRT, "cp1256"), "ar")
    assert (document.kind, document.encoding, document.lang) == ("srt", "cp1256", "ar")
    assert document.name.endswith("ar.srt")
    assert [(b.id, b.line, b.start, b.end) for b in document.blocks] == [(1, 1, 1.0, 4.0), (2, 6, 4.5, 7.0), (3, 10, 7.0, 9.0)]
    assert document.blocks[1].text == "هذا صحيح؟ نعم، بالتأكيد"  # tags removed
    assert document.blocks[2].text == "انتهى التقرير."
    assert [(s.text, s.blocks) for s in document.segments] == [
        ("قال محمد المشعلي، عضو مجلس الشعب:", (1,)),
        ("إن الوضع صعب.", (1,)),
        ("هل هذا صحيح؟", (1, 2)),
        ("نعم، بالتأكيد انتهى التقرير.", (2, 3)),
    ]
    assert document.timed
    assert document.segments[0].start == 1.0 and document.segments[-1].end == 9.0


def test_segmented_srt_has_one_segment_per_cue(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "ar.srt", SRT, "utf-16"), "ar", segmented=True)
    assert document.encoding == "utf-16"
    assert [(s.blocks, s.start, s.end) for s in document.segments] == [((1,), 1.0, 4.0), ((2,), 4.5, 7.0), ((3,), 7.0, 9.0)]
    assert document.segments[0].text == "قال محمد المشعلي، عضو مجلس الشعب: إن الوضع صعب. هل"


def test_srt_with_crlf_utf8_bom_and_unnumbered_cues(tmp_path: Path) -> None:
    text = "00:00:01,000 --> 00:00:02,000\r\nOne.\r\n\r\n00:00:03,000 --> 00:00:04,500\r\nTwo.\r\n"
    document = read_document(write(tmp_path, "en.srt", text, "utf-8-sig"), "en")
    assert document.encoding == "utf-8-sig"
    assert [(b.id, b.line, b.text) for b in document.blocks] == [(1, 1, "One."), (2, 4, "Two.")]


def test_srt_cue_ids_fall_back_to_positions_when_numbers_are_out_of_order(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nOne.\n\n1\n00:00:03,000 --> 00:00:04,000\nTwo.\n"
    document = read_document(write(tmp_path, "en.srt", text), "en")
    assert [b.id for b in document.blocks] == [1, 2]


def test_srt_keeps_the_files_cue_numbers(tmp_path: Path) -> None:
    text = "7\n00:00:01,000 --> 00:00:02,000\nOne.\n\n9\n00:00:03,000 --> 00:00:04,000\nTwo.\n"
    document = read_document(write(tmp_path, "en.srt", text), "en")
    assert [b.id for b in document.blocks] == [7, 9]
    assert [s.blocks for s in document.segments] == [(7,), (9,)]


def test_vtt_with_header_notes_styles_identifiers_and_settings(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "en.vtt", VTT), "en")
    assert document.kind == "vtt"
    assert [(b.id, b.line, b.start, b.end, b.text) for b in document.blocks] == [
        (1, 10, 1.0, 2.0, "Hello. How\nare you?"),
        (2, 15, 2.5, 4.0, "Fine, thanks."),
    ]
    assert [(s.text, s.blocks) for s in document.segments] == [
        ("Hello.", (1,)), ("How are you?", (1,)), ("Fine, thanks.", (2,)),
    ]


def test_vtt_in_utf16_without_bom(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nقال: نعم.\n"
    document = read_document(write(tmp_path, "ar.vtt", text, "utf-16-le"), "ar")
    assert document.encoding == "utf-16-le"
    assert document.blocks[0].text == "قال: نعم."


def test_txt_free_text_in_iso_8859_6(tmp_path: Path) -> None:
    text = "قال المتحدث إن الوضع هادئ. وأضاف أن الجيش تقدم.\n\nفقرة ثانية بلا ترقيم\n"
    document = read_document(write(tmp_path, "ar.txt", text, "iso8859-6"), "ar")
    assert (document.kind, document.encoding) == ("txt", "iso8859-6")
    assert [(s.text, s.blocks) for s in document.segments] == [
        ("قال المتحدث إن الوضع هادئ.", (1,)), ("وأضاف أن الجيش تقدم.", (1,)), ("فقرة ثانية بلا ترقيم", (3,)),
    ]
    assert not document.timed


def test_txt_segmented_is_one_segment_per_non_empty_line(tmp_path: Path) -> None:
    text = "First line. Still first.\n\n  Second line  \nThird\n"
    document = read_document(write(tmp_path, "en.txt", text), "en", segmented=True)
    assert [(s.index, s.text, s.blocks) for s in document.segments] == [
        (0, "First line. Still first.", (1,)), (1, "Second line", (3,)), (2, "Third", (4,)),
    ]


def test_read_bytes_takes_the_format_from_the_name() -> None:
    document = read_bytes(SRT.encode("cp1256"), "upload.SRT", "ar")
    assert document.kind == "srt" and document.name == "upload.SRT"


def test_encoding_override(tmp_path: Path) -> None:
    document = read_document(write(tmp_path, "ar.txt", "نعم", "cp1256"), "ar", encoding="cp1256")
    assert document.encoding == "cp1256" and document.segments[0].text == "نعم"


def test_document_from_text_reads_like_a_txt_file() -> None:
    document = document_from_text("Hello there. General Kenobi!", "en", "source")
    assert (document.name, document.kind, document.encoding) == ("source", "txt", None)
    assert [s.text for s in document.segments] == ["Hello there.", "General Kenobi!"]


def test_document_from_segments_keeps_each_item_whole() -> None:
    document = document_from_segments(["One. Two.", "Three"], "en", "translation")
    assert [(s.text, s.blocks) for s in document.segments] == [("One. Two.", (1,)), ("Three", (2,))]
    timed = document_from_segments([{"text": "a", "start": 0, "end": 1.5}, {"text": "b", "start": 1.5, "end": 3}], "en", "t")
    assert timed.kind == "segments" and timed.timed
    assert [(s.start, s.end) for s in timed.segments] == [(0.0, 1.5), (1.5, 3.0)]


# --- errors -----------------------------------------------------------------------------


def test_malformed_srt_time_code_names_cue_line_and_shows_the_text(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n00:00:01,000 --> 00:00:0x\nbad\n"
    message = read_error(tmp_path, "bad.srt", text)
    assert ", cue 2 (line 6): malformed time code '00:00:01,000 --> 00:00:0x'" in message
    assert "HH:MM:SS,mmm --> HH:MM:SS,mmm" in message


def test_srt_time_code_with_a_missing_arrow(tmp_path: Path) -> None:
    message = read_error(tmp_path, "bad.srt", "1\n00:00:01,000 - 00:00:02,000\nhi\n")
    assert ", cue 1 (line 2): malformed time code '00:00:01,000 - 00:00:02,000'" in message


def test_text_outside_any_cue_names_its_line(tmp_path: Path) -> None:
    message = read_error(tmp_path, "stray.srt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n\nstray words\n")
    assert ", line 5: text outside any cue: 'stray words'" in message


def test_missing_blank_line_between_srt_cues(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nhi\n2\n00:00:03,000 --> 00:00:04,000\nyo\n"
    message = read_error(tmp_path, "joined.srt", text)
    assert "(line 5): time code inside cue text" in message and "a blank line before each cue" in message


def test_malformed_vtt_time_code(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhi\n\n00:00:03.000 --> 00:00:0x.000\nbad\n"
    message = read_error(tmp_path, "bad.vtt", text)
    assert ", cue 2 (line 6): malformed time code '00:00:03.000 --> 00:00:0x.000'" in message


def test_vtt_without_header(tmp_path: Path) -> None:
    message = read_error(tmp_path, "nohead.vtt", "00:00:01.000 --> 00:00:02.000\nhi\n")
    assert ", line 1: not a WebVTT file" in message and "'WEBVTT' on the first line" in message


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("empty.srt", "1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:03,000 --> 00:00:04,000\nok\n", ", cue 1 (line 1)"),
        ("tags.srt", "1\n00:00:01,000 --> 00:00:02,000\n<i> </i>\n", ", cue 1 (line 1)"),
        ("empty.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n00:00:03.000 --> 00:00:04.000\nok\n", ", cue 1 (line 3)"),
    ],
)
def test_cue_without_text(tmp_path: Path, name: str, text: str, where: str) -> None:
    message = read_error(tmp_path, name, text)
    assert f"{where}: cue has no text" in message


@pytest.mark.parametrize("text", ["", "   \n\n\t ", "\ufeff\n"])
def test_empty_files(tmp_path: Path, text: str) -> None:
    assert "the file is empty" in read_error(tmp_path, "empty.txt", text)


def test_subtitle_file_with_no_cues(tmp_path: Path) -> None:
    assert "no subtitle cues found" in read_error(tmp_path, "nocues.vtt", "WEBVTT\n\nNOTE only a note\n")


def test_unknown_extension_lists_the_supported_ones(tmp_path: Path) -> None:
    message = read_error(tmp_path, "report.docx", "hello")
    assert "unsupported file type ('.docx')" in message and ".txt, .srt, .vtt" in message


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "movie.srt"
    path.write_bytes(b"\x00\x01\x02\x03\xff\xfe\x00\x00garbage" * 10)
    with pytest.raises(InputError, match=r"movie\.srt: binary file"):
        read_document(path, "ar")


def test_undecodable_with_explicit_encoding_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, "ar.srt", "1\n00:00:01,000 --> 00:00:02,000\nقال\n", "cp1256")
    with pytest.raises(InputError, match=r"ar\.srt, line 3: byte 0x.. at offset 32 is not valid utf-8; expected"):
        read_document(path, "ar", encoding="utf-8")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothere\.txt: cannot read the file"):
        read_document(tmp_path / "nothere.txt", "ar")


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        ([], "source: no segments given"),
        (["a", "  "], "source, line 2: segment has no text"),
        ([{"text": "a", "start": 0, "end": 2}, "b"], "source, line 2: some segments have times and some do not"),
        ([{"text": "a", "start": 0}], "source, line 1: segment has only one of start and end"),
        ([{"text": "a", "speaker": "x"}], "source, line 1: unknown field 'speaker'"),
        ([{"text": "a", "start": -1, "end": 2}], "source, line 1: segment start is negative"),
        ([{"text": "a", "start": "0", "end": 2}], "source, line 1: segment start is '0'"),
        ([3], "source, line 1: segment is of type int"),
    ],
)
def test_document_from_segments_errors(items: list, expected: str) -> None:
    with pytest.raises(InputError) as error:
        document_from_segments(items, "ar", "source")
    assert str(error.value).startswith(expected)
    assert "; expected " in str(error.value)


def test_document_from_text_errors() -> None:
    with pytest.raises(InputError, match=r"^source: the file is empty"):
        document_from_text(" \n ", "ar", "source")
    with pytest.raises(InputError, match=r"^source, line 1: binary file"):
        document_from_text("a\x00b\x01c", "ar", "source")
