"""Flags in every report: TSV columns, and the JSON's pointers from each flag into the documents."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from transalign.formats import read_document
from transalign.options import Options
from transalign.pipeline import run
from transalign.report import to_json, to_tsv
from transalign.types import Result

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen"


@pytest.fixture(scope="module")
def divergent() -> Result:
    result = run(read_document(FIXTURE / "ar.srt", "ar"), read_document(FIXTURE / "en.divergent.txt", "en"), Options(use_model=False))
    assert {f.kind for f in result.flags} >= {"number", "omission", "name"}
    return result


def test_tsv_has_each_beads_flags(divergent: Result) -> None:
    rows = list(csv.DictReader(io.StringIO(to_tsv(divergent)), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) == len(divergent.alignment.beads)
    for i, row in enumerate(rows):
        mine = [f for f in divergent.flags if f.bead == i]
        assert row["flags"] == ",".join(f"{f.kind}:{f.severity:.2f}" for f in mine)
        assert row["flag_ids"].split(",") == [f.id for f in mine] or (not mine and row["flag_ids"] == "")
        assert all(" ".join(f.message.split()) in row["flag_messages"] for f in mine)
    assert sum(bool(row["flags"]) for row in rows) == len({f.bead for f in divergent.flags})


def test_json_evidence_points_into_its_segment_and_flags_carry_times_and_cues(divergent: Result) -> None:
    data = json.loads(to_json(divergent))
    documents = {"source": data["source"], "translation": data["translation"]}
    for flag in data["flags"]:
        bead = data["beads"][flag["bead"]]
        for evidence in flag["evidence"]:
            if evidence["side"] == "rendering":
                assert evidence["segment"] is None
                continue
            segment = documents[evidence["side"]]["segments"][evidence["segment"]]
            indices = bead["source"] if evidence["side"] == "source" else bead["translation"]
            assert segment["index"] in indices
            if evidence["segment_end"] <= len(segment["text"]):
                assert segment["text"][evidence["segment_start"] : evidence["segment_end"]] == evidence["text"]
        source_segments = [data["source"]["segments"][k] for k in bead["source"]]
        assert flag["source_cues"] == sorted({c for s in source_segments for c in s["blocks"]})
        if source_segments:
            assert (flag["start"], flag["end"]) == (source_segments[0]["start"], source_segments[-1]["end"])
    in_second_segment = [
        e for f in data["flags"] for e in f["evidence"]
        if e["side"] != "rendering" and e["start"] != e["segment_start"]
    ]
    assert in_second_segment, "the fixture has evidence beyond a bead's first segment: offsets must be rebased"
