"""End to end on the bundled Al Mayadeen fixture: the gold sentence alignment is recovered."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from transalign.formats import read_document
from transalign.options import Options
from transalign.pipeline import run

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen"
GOLD = json.loads((FIXTURE / "gold.json").read_text(encoding="utf-8"))
NO_MODEL = Options(use_model=False)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _gold_beads() -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    beads, i, j = set(), 0, 0
    for bead in GOLD["beads"]:
        beads.add((tuple(range(i, i + len(bead["ar"]))), tuple(range(j, j + len(bead["en"])))))
        i, j = i + len(bead["ar"]), j + len(bead["en"])
    return beads


def _strict_f1(found: set, gold: set) -> float:
    found = {b for b in found if b[0] and b[1]}
    gold = {b for b in gold if b[0] and b[1]}
    hits = len(found & gold)
    precision, recall = hits / len(found), hits / len(gold)
    return 2 * precision * recall / (precision + recall) if hits else 0.0


@pytest.mark.parametrize(("source", "translation"), [("ar.txt", "en.txt"), ("ar.srt", "en.srt"), ("ar.srt", "en.vtt")])
def test_segmentation_matches_the_gold_sentences(source, translation):
    ar = read_document(FIXTURE / source, "ar")
    en = read_document(FIXTURE / translation, "en")
    assert [_squash(s.text) for s in ar.segments] == [_squash(t) for b in GOLD["beads"] for t in b["ar"]]
    assert [_squash(s.text) for s in en.segments] == [_squash(t) for b in GOLD["beads"] for t in b["en"]]


@pytest.mark.parametrize(("source", "translation"), [("ar.txt", "en.txt"), ("ar.srt", "en.srt")])
def test_gold_alignment_is_recovered(source, translation):
    result = run(read_document(FIXTURE / source, "ar"), read_document(FIXTURE / translation, "en"), NO_MODEL)
    found = {(b.source, b.target) for b in result.alignment.beads}
    assert _strict_f1(found, _gold_beads()) >= 0.9


def test_subtitle_beads_point_back_to_cues_and_times():
    ar = read_document(FIXTURE / "ar.srt", "ar")
    en = read_document(FIXTURE / "en.srt", "en")
    result = run(ar, en, NO_MODEL)
    for bead in result.alignment.beads:
        for k in bead.source:
            segment = ar.segments[k]
            assert segment.blocks and segment.start is not None and segment.end > segment.start
        if bead.source and bead.target:
            assert bead.features["time_overlap"] > 0
    spanning = [s for s in ar.segments if len(s.blocks) > 1]
    assert spanning, "some sentences span several cues"
    shared = {c for s in ar.segments for c in s.blocks if sum(c in t.blocks for t in ar.segments) > 1}
    assert shared, "some cues hold the end of one sentence and the start of the next"


@pytest.mark.parametrize("variant", ["ar.cp1256.srt", "ar.utf16.srt"])
def test_legacy_encodings_read_as_the_same_subtitles(variant):
    reference = read_document(FIXTURE / "ar.srt", "ar")
    legacy = read_document(FIXTURE / variant, "ar")
    assert legacy.encoding != reference.encoding
    assert len(legacy.segments) == len(reference.segments)
    assert [(s.blocks, s.start, s.end) for s in legacy.segments] == [(s.blocks, s.start, s.end) for s in reference.segments]
