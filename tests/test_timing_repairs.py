"""Timing defects subtitle editors repair are repaired, each with a warning naming the file, cue and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from transalign.errors import InputError
from transalign.formats import document_from_segments, read_document
from transalign.formats.timing import WARNINGS_PER_KIND


def read(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_document(path, "en"), str(path)


def times(document) -> list[tuple[int, float, float]]:
    return [(b.id, b.start, b.end) for b in document.blocks]


def test_overlapping_srt_cues_shorten_the_first(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:03,000\nOne.\n\n2\n00:00:02,900 --> 00:00:04,000\nTwo.\n"
    document, path = read(tmp_path, "overlap.srt", text)
    assert times(document) == [(1, 1.0, 2.9), (2, 2.9, 4.0)]
    assert document.warnings == (
        f"{path}, cue 2 (line 5): cue starts at 00:00:02.900, before cue 1 ends at 00:00:03.000; "
        "cue 1 now ends at 00:00:02.900",
    )


def test_overlapping_vtt_cues(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nOne.\n\n00:00:02.000 --> 00:00:04.000\nTwo.\n"
    document, path = read(tmp_path, "overlap.vtt", text)
    assert times(document) == [(1, 1.0, 2.0), (2, 2.0, 4.0)]
    assert document.warnings == (
        f"{path}, cue 2 (line 6): cue starts at 00:00:02.000, before cue 1 ends at 00:00:03.000; "
        "cue 1 now ends at 00:00:02.000",
    )


def test_cues_starting_together_share_their_time(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:03,000\nOne.\n\n2\n00:00:01,000 --> 00:00:05,000\nTwo.\n"
    document, path = read(tmp_path, "same.srt", text)
    assert times(document) == [(1, 1.0, 3.0), (2, 3.0, 5.0)]
    assert document.warnings[0].startswith(f"{path}, cue 2 (line 5): cue starts at 00:00:01.000, before cue 1 ends")
    assert document.warnings[0].endswith("cue 1 now ends, and this one starts, at 00:00:03.000")


def test_cue_ending_before_it_starts_gets_its_reading_time(tmp_path: Path) -> None:
    text = "1\n00:00:01,000 --> 00:00:00,500\nThirty-four characters of text ok.\n\n2\n00:00:10,000 --> 00:00:11,000\nTwo.\n"
    document, path = read(tmp_path, "reversed.srt", text)
    assert times(document) == [(1, 1.0, 3.0), (2, 10.0, 11.0)]  # 34 characters at 17 a second
    assert document.warnings == (
        f"{path}, cue 1 (line 1): cue ends at 00:00:00.500, before it starts at 00:00:01.000; "
        "it now ends at 00:00:03.000 (the reading time of its text)",
    )


def test_cue_of_no_duration_ends_at_the_next_cue_when_that_comes_first(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:00:05.000 --> 00:00:05.000\nA cue whose reading time runs past the next one.\n\n00:00:06.000 --> 00:00:08.000\nTwo.\n"
    document, path = read(tmp_path, "zero.vtt", text)
    assert times(document) == [(1, 5.0, 6.0), (2, 6.0, 8.0)]
    assert document.warnings == (
        f"{path}, cue 1 (line 3): cue ends at 00:00:05.000, as it starts at 00:00:05.000; "
        "it now ends at 00:00:06.000 (the next cue's start)",
    )


def test_cues_out_of_order_are_sorted_and_keep_their_numbers(tmp_path: Path) -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nOne.\n\n2\n00:00:05,000 --> 00:00:06,000\nThree.\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nTwo.\n"
    )
    document, path = read(tmp_path, "order.srt", text)
    assert times(document) == [(1, 1.0, 2.0), (3, 3.0, 4.0), (2, 5.0, 6.0)]
    assert [s.text for s in document.segments] == ["One.", "Two.", "Three."]
    assert document.warnings == (
        f"{path}, cue 3 (line 9): cue starts at 00:00:03.000, before cue 2 above it starts at 00:00:05.000; "
        "cues put in order of their start times",
    )


def test_period_for_comma_in_srt_time_codes(tmp_path: Path) -> None:
    text = "1\n00:00:01.250 --> 00:00:02,000\nOne.\n\n2\n00:00:03,000 --> 00:00:04,000\nTwo.\n"
    document, path = read(tmp_path, "dots.srt", text)
    assert times(document) == [(1, 1.25, 2.0), (2, 3.0, 4.0)]
    assert document.warnings == (
        f"{path}, cue 1 (line 2): time code '00:00:01.250 --> 00:00:02,000' has '.' before the milliseconds; read as ','",
    )


def test_comma_for_period_in_vtt_time_codes(tmp_path: Path) -> None:
    text = "WEBVTT\n\n00:00:01,250 --> 00:00:02,000\nOne.\n\n00:00:03.000 --> 00:00:04.000\nTwo.\n"
    document, path = read(tmp_path, "commas.vtt", text)
    assert times(document) == [(1, 1.25, 2.0), (2, 3.0, 4.0)]  # webvtt-py alone drops the first cue
    assert document.warnings == (
        f"{path}, cue 1 (line 3): time code '00:00:01,250 --> 00:00:02,000' has ',' before the milliseconds; read as '.'",
    )


def test_a_defect_on_every_cue_is_counted_after_the_first_few(tmp_path: Path) -> None:
    cues = [f"{k}\n00:00:{k:02d}.000 --> 00:00:{k:02d}.500\nCue {k}.\n" for k in range(1, 11)]
    document, path = read(tmp_path, "all.srt", "\n".join(cues))
    assert len(document.warnings) == WARNINGS_PER_KIND + 1
    assert document.warnings[-1] == f"{path}: 7 more cues with the same defect (decimal mark): cues 4, 5, 6, 7, 8, 9, 10"


def test_clean_file_has_no_warnings() -> None:
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen"
    assert read_document(fixture / "en.srt", "en").warnings == ()
    assert read_document(fixture / "en.vtt", "en").warnings == ()


def test_api_segments_are_repaired_the_same_way() -> None:
    document = document_from_segments(
        [{"text": "a", "start": 0, "end": 2}, {"text": "b", "start": 1, "end": 3}, {"text": "c", "start": 5, "end": 4}],
        "en", "source",
    )
    assert times(document) == [(1, 0.0, 1.0), (2, 1.0, 3.0), (3, 5.0, 6.0)]
    assert document.warnings[0] == "source, cue 3 (line 3): cue ends at 00:00:04.000, before it starts at 00:00:05.000; it now ends at 00:00:06.000 (the reading time of its text)"
    assert document.warnings[1].startswith("source, cue 2 (line 2): cue starts at 00:00:01.000, before cue 1 ends at 00:00:02.000")


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("garbage.srt", "this is not\na subtitle file\n", "text outside any cue"),
        ("nocues.vtt", "WEBVTT\n\nNOTE nothing here\n", "no subtitle cues found"),
        ("notvtt.vtt", "1\n00:00:01,000 --> 00:00:02,000\nhi\n", "not a WebVTT file"),
        ("broken.srt", "1\n00:00:01,000 --> 00:00:0x,000\nhi\n", "malformed time code"),
    ],
)
def test_structural_garbage_stays_an_error(tmp_path: Path, name: str, text: str, problem: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=problem):
        read_document(path, "en")
