"""The review model, the Result rebuilt from JSON, and the reviewed exports."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pysrt
import pytest
import webvtt

from transalign.errors import InputError
from transalign.report.exports import to_bilingual_srt, to_bilingual_vtt, to_tmx
from transalign.report import to_dict
from transalign.review import Review, ReviewError, export, parse_review, result_from_dict, stored_review
from transalign.review.result import cues_document
from tests.review_support import divergent_english, divergent_result


@pytest.fixture(scope="module")
def result(tmp_path_factory):
    return divergent_result(tmp_path_factory.mktemp("review"))


def number_flag(result):
    return next(f for f in result.flags if f.kind == "number" and "3000" in f.message)


def test_the_fixture_pair_has_flags_of_two_kinds(result):
    assert len([f for f in result.flags if f.kind == "number"]) >= 2 and any(f.kind == "negation" for f in result.flags)
    assert all(f.id for f in result.flags)


def test_a_review_is_checked_against_its_result(result):
    data = to_dict(result)
    flag = number_flag(result)
    review = parse_review({"decisions": {flag.id: {"status": "dismissed", "comment": "the source is right"}}, "edits": {"3": "New text."}}, data)
    assert review.status(flag.id) == "dismissed" and review.decisions[flag.id].comment == "the source is right"
    assert review.edits == {3: "New text."}
    with pytest.raises(ReviewError) as unknown:
        parse_review({"decisions": {"number-99-0000": {"status": "accepted"}}}, data)
    assert unknown.value.field == "decisions.number-99-0000"
    with pytest.raises(ReviewError) as status:
        parse_review({"decisions": {flag.id: {"status": "maybe"}}}, data)
    assert status.value.field == f"decisions.{flag.id}.status" and "accepted" in str(status.value)
    segments = len(result.translation.segments)
    with pytest.raises(ReviewError) as edit:
        parse_review({"edits": {str(segments): "past the end"}}, data)
    assert edit.value.field == f"edits.{segments}"
    with pytest.raises(ReviewError):
        parse_review({"edits": {}, "notes": []}, data)


def test_an_edit_back_to_the_original_and_an_open_flag_without_comment_are_not_kept(result):
    data = to_dict(result)
    flag = number_flag(result)
    review = parse_review({"decisions": {flag.id: {"status": "open", "comment": ""}}, "edits": {"0": result.translation.segments[0].text}}, data)
    assert review.to_dict() == {"decisions": {}, "edits": {}}


def test_a_stored_review_drops_what_the_result_no_longer_has(result):
    data = to_dict(result)
    flag = number_flag(result)
    stored = {"decisions": {flag.id: {"status": "accepted", "comment": ""}, "gone-1-abc": {"status": "dismissed", "comment": ""}},
              "edits": {"0": "kept", "99999": "gone"}}
    review = stored_review(stored, data)
    assert review.to_dict() == {"decisions": {flag.id: {"status": "accepted", "comment": ""}}, "edits": {"0": "kept"}}


def test_the_result_rebuilt_from_json_makes_the_same_exports(result):
    rebuilt = result_from_dict(to_dict(result), cues_document(result))
    assert to_bilingual_srt(rebuilt) == to_bilingual_srt(result)
    assert to_bilingual_vtt(rebuilt) == to_bilingual_vtt(result)
    assert to_tmx(rebuilt) == to_tmx(result)


def test_without_the_cues_as_read_the_exports_keep_the_ends_of_each_run_of_cues(result):
    rebuilt = result_from_dict(to_dict(result), None)
    assert to_tmx(rebuilt) == to_tmx(result)
    cues, original = pysrt.from_string(to_bilingual_srt(rebuilt)), pysrt.from_string(to_bilingual_srt(result))
    assert (cues[0].start, cues[-1].end) == (original[0].start, original[-1].end)
    assert all(c.end > c.start and (c.end - c.start).ordinal <= 7000 for c in cues)
    words = lambda items: " ".join(c.text for c in items).split()  # noqa: E731
    assert sorted(words(cues)) == sorted(words(original))


def test_without_edits_the_translation_track_is_the_english_file(result, tmp_path):
    rebuilt = result_from_dict(to_dict(result), cues_document(result))
    exported = pysrt.from_string(export(rebuilt, Review(), "srt"))
    original = pysrt.from_string(divergent_english())
    assert len(exported) == len(original)
    for out, cue in zip(exported, original):
        assert (out.start, out.end, out.text) == (cue.start, cue.end, " ".join(cue.text.split()))


def test_an_edit_is_in_the_translation_track_on_the_english_time_codes(result):
    flag = number_flag(result)
    segment = result.alignment.beads[flag.bead].target[0]
    old = result.translation.segments[segment].text
    new = old.replace("3,000", "a thousand")
    review = parse_review({"edits": {str(segment): new}}, to_dict(result))
    rebuilt = result_from_dict(to_dict(result), cues_document(result))
    exported = pysrt.from_string(export(rebuilt, review, "srt"))
    original = pysrt.from_string(divergent_english())
    assert [(c.start, c.end) for c in exported] == [(c.start, c.end) for c in original]
    text = " ".join(c.text for c in exported)
    assert "a thousand" in text and "3,000" not in text
    changed = [k for k, (a, b) in enumerate(zip(exported, original)) if a.text != " ".join(b.text.split())]
    cues = result.translation.segments[segment].blocks
    assert changed and all(original[k].index in range(cues[0] - 2, cues[-1] + 3) for k in changed)  # only near the edit
    vtt = webvtt.from_string(export(rebuilt, review, "vtt"))
    assert "a thousand" in " ".join(c.text for c in vtt)


def test_the_bilingual_export_carries_the_edit(result):
    flag = number_flag(result)
    segment = result.alignment.beads[flag.bead].target[0]
    review = parse_review({"edits": {str(segment): "An edited sentence."}}, to_dict(result))
    bilingual = export(result_from_dict(to_dict(result), cues_document(result)), review, "srt", bilingual=True)
    assert "An edited sentence." in " ".join(bilingual.split())  # wrapped, perhaps, but in one cue here
    assert "3,000" not in bilingual and "3,000" in to_bilingual_srt(result)


def test_dismissed_flags_are_left_out_of_the_tmx_notes(result):
    dismissed = number_flag(result)
    accepted = next(f for f in result.flags if f.id != dismissed.id and f.kind == "number")
    review = parse_review({"decisions": {dismissed.id: {"status": "dismissed"}, accepted.id: {"status": "accepted"}}}, to_dict(result))
    notes = tmx_notes(export(result, review, "tmx"))
    assert any(accepted.message in n for n in notes)
    assert not any(dismissed.message in n for n in notes)
    assert any(dismissed.message in n for n in tmx_notes(to_tmx(result)))


def tmx_notes(tmx: str) -> list[str]:
    return [note.text or "" for note in ET.fromstring(tmx.encode("utf-8")).iter("note")]


def test_the_csv_lists_every_flag_with_its_decision_cues_and_time(result):
    flag = number_flag(result)
    review = parse_review({"decisions": {flag.id: {"status": "accepted", "comment": "3,000 → 1,000"}}}, to_dict(result))
    rows = list(csv.DictReader(io.StringIO(export(result, review, "csv"))))
    assert [r["flag_id"] for r in rows] == [f.id for f in result.flags]
    row = next(r for r in rows if r["flag_id"] == flag.id)
    assert (row["status"], row["comment"], row["kind"], row["bead"]) == ("accepted", "3,000 → 1,000", "number", str(flag.bead))
    assert row["cue"] and row["translation_cue"] and " --> " in row["time"]
    assert {r["status"] for r in rows if r["flag_id"] != flag.id} == {"open"}


def test_an_untimed_translation_has_no_subtitle_track_and_says_why(result):
    data = to_dict(result)
    for segment in data["translation"]["segments"]:
        segment["start"] = segment["end"] = None
    with pytest.raises(InputError) as error:
        export(result_from_dict(data), Review(), "srt")
    assert "no time codes" in str(error.value) and data["translation"]["name"] in str(error.value)
