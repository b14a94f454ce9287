"""Track sync: the translation's clock against the source's, found from the text, used and reported;
`--retime` writes the translation on the source's clock."""

from __future__ import annotations

import json
import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pysrt
import pytest

from benchmarks.tico19 import load_documents
from transalign.align import align
from transalign.align.sync import estimate, siegel_line
from transalign.formats import document_from_segments, read_document
from transalign.options import Options
from transalign.pipeline import run
from tests.test_cli import transalign
from tests.test_end_to_end import FIXTURE, NO_MODEL, _gold_beads, _strict_f1

FRAME_RATIO = 25 / 23.976  # a 23.976 fps track timed against a 25 fps one: 4.3% slow
OFFSET = 4.0


def shifted_srt(tmp_path: Path, offset: float = OFFSET, ratio: float = FRAME_RATIO) -> Path:
    """The fixture's en.srt, its times t written as offset + ratio * t (pysrt rounds to the millisecond)."""
    subs = pysrt.open(str(FIXTURE / "en.srt"), encoding="utf-8")
    subs.shift(ratio=ratio)
    subs.shift(milliseconds=round(offset * 1000))
    path = tmp_path / "en.srt"
    subs.save(str(path), encoding="utf-8")
    return path


def fixture_f1(result) -> float:
    return _strict_f1({(b.source, b.target) for b in result.alignment.beads}, _gold_beads())


def test_offset_and_rate_are_recovered_from_the_fixture(tmp_path: Path) -> None:
    ar = read_document(FIXTURE / "ar.srt", "ar")
    en = read_document(shifted_srt(tmp_path), "en")
    sync = estimate(ar, en, align(ar, en, NO_MODEL))
    assert sync is not None and sync.significant
    assert abs(sync.offset - OFFSET) <= 0.1
    assert abs(sync.rate / FRAME_RATIO - 1) <= 0.002


def test_tracks_in_step_get_no_correction_and_no_note() -> None:
    result = run(read_document(FIXTURE / "ar.srt", "ar"), read_document(FIXTURE / "en.srt", "en"), NO_MODEL)
    sync = result.alignment.sync
    assert sync is not None and not sync.significant
    assert abs(sync.offset) < 0.1 and abs(sync.rate - 1) < 0.002
    assert not any("runs" in note for note in result.notes)


def test_a_shifted_pair_aligns_as_well_and_says_how_it_runs(tmp_path: Path) -> None:
    ar = read_document(FIXTURE / "ar.srt", "ar")
    in_step = run(ar, read_document(FIXTURE / "en.srt", "en"), NO_MODEL)
    shifted = run(ar, read_document(shifted_srt(tmp_path), "en"), NO_MODEL)
    assert fixture_f1(shifted) == fixture_f1(in_step) >= 0.9
    assert any(note.startswith("English runs 4.0 s late and 4.3% slow against the Arabic") for note in shifted.notes)
    early = run(ar, read_document(shifted_srt(tmp_path, -0.0, 1 / FRAME_RATIO), "en"), NO_MODEL)
    assert any(note.startswith("English runs 4.1% fast against the Arabic") for note in early.notes)


def tico_tracks(offset: float, ratio: float) -> tuple:
    """A TICO-19 document (tuning half) as two timed tracks on one clock, one sentence a segment, 8% of
    the English dropped; the English then put on a clock `offset + ratio * t`. Returns the documents and
    the gold 1-1 beads."""
    document = next(d for d in load_documents("tune") if d.name == "wiki_7")
    rng = random.Random(1)
    clock, arabic, english, gold = 20.0, [], [], set()
    for pair in document.pairs:
        seconds = max(len(pair.arabic), len(pair.english)) / 15.5
        arabic.append({"text": pair.arabic, "start": round(clock, 3), "end": round(clock + seconds, 3)})
        if rng.random() >= 0.08:
            start, end = offset + ratio * clock, offset + ratio * (clock + seconds)
            english.append({"text": pair.english, "start": round(start, 3), "end": round(end, 3)})
            gold.add(((len(arabic) - 1,), (len(english) - 1,)))
        clock += seconds + 0.4
    return document_from_segments(arabic, "ar", "ar"), document_from_segments(english, "en", "en"), gold


def test_time_evidence_survives_a_shift_where_it_is_the_main_evidence() -> None:
    """Without the dictionary, length and time decide: one pass on the shifted clocks (what the aligner
    did before track sync) pulls beads off their sentences; on the source's clock the shifted pair
    aligns as well as the one in step."""
    options = Options(use_model=False, use_dictionary=False)
    ar, en, gold = tico_tracks(0.0, 1.0)
    in_step = _strict_f1({(b.source, b.target) for b in align(ar, en, options).beads}, gold)
    ar, en, gold = tico_tracks(-8.0, FRAME_RATIO)
    shifted = align(ar, en, options)
    assert _strict_f1({(b.source, b.target) for b in shifted.beads}, gold) >= in_step >= 0.95
    one_pass = align(ar, en, replace(options, track_sync=False))
    assert _strict_f1({(b.source, b.target) for b in one_pass.beads}, gold) <= in_step - 0.1  # 0.77 against 0.95 or more
    assert shifted.sync is not None and abs(shifted.sync.rate / FRAME_RATIO - 1) <= 0.002


def test_retime_writes_the_translation_on_the_source_clock(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = transalign("align", str(FIXTURE / "ar.srt"), str(shifted_srt(tmp_path)), "--no-model", "--out", str(out), "--retime")
    assert done.returncode == 0, done.stderr
    assert f"wrote {out / 'ar.json'}, {out / 'en.retimed.srt'}" in done.stderr
    retimed, original = pysrt.open(str(out / "en.retimed.srt")), pysrt.open(str(FIXTURE / "en.srt"))
    assert [item.text for item in retimed] == [item.text for item in original]
    for new, old in zip(retimed, original):
        assert abs(new.start.ordinal - old.start.ordinal) <= 100 and abs(new.end.ordinal - old.end.ordinal) <= 100
    assert "runs 4.0 s late" in " ".join(json.loads((out / "ar.json").read_text(encoding="utf-8"))["notes"])


def test_retime_keeps_the_translation_format(tmp_path: Path) -> None:
    vtt = tmp_path / "en.vtt"
    vtt.write_text((FIXTURE / "en.vtt").read_text(encoding="utf-8"), encoding="utf-8")
    done = transalign("align", str(FIXTURE / "ar.srt"), str(vtt), "--no-model", "--out", str(tmp_path / "r.json"), "--retime")
    assert done.returncode == 0, done.stderr
    retimed = read_document(tmp_path / "en.retimed.vtt", "en")
    assert [(b.start, b.end) for b in retimed.blocks] == [(b.start, b.end) for b in read_document(vtt, "en").blocks]


@pytest.mark.parametrize(
    ("translation", "extra", "expected"),
    [
        ("en.txt", ("--out", "OUT"), "is not a subtitle file, so --retime has no clock to work from"),
        ("en.srt", (), "--retime: writes a subtitle file, so it needs an output"),
    ],
)
def test_retime_refuses_what_it_cannot_do_and_writes_nothing(tmp_path: Path, translation: str, extra: tuple, expected: str) -> None:
    args = [arg.replace("OUT", str(tmp_path / "out")) for arg in extra]
    done = transalign("align", str(FIXTURE / "ar.srt"), str(FIXTURE / translation), "--no-model", "--retime", *args)
    assert done.returncode == 2 and expected in done.stderr
    assert not (tmp_path / "out").exists()


def test_too_few_sure_beads_give_no_estimate() -> None:
    ar = document_from_segments([{"text": f"جملة رقم {k}.", "start": k, "end": k + 0.9} for k in range(3)], "ar", "ar")
    en = document_from_segments([{"text": f"Sentence {k}.", "start": k + 5, "end": k + 5.9} for k in range(3)], "en", "en")
    assert estimate(ar, en, align(ar, en, NO_MODEL)) is None


@pytest.mark.parametrize("seed", range(5))
def test_the_repeated_medians_line_is_scipys(seed: int) -> None:
    """siegel_line stands in for scipy.stats.siegelslopes (whose import costs half a second): same line,
    on points with ties in x and a third of them far off the line."""
    from scipy.stats import siegelslopes

    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(0, 3600, 300).round(1))
    x[10:14] = x[10]  # cues that start at the same time
    y = 4.0 + 1.0427 * x + rng.normal(0, 0.3, len(x))
    wrong = rng.random(len(x)) < 0.3
    y[wrong] += rng.uniform(-60, 60, int(wrong.sum()))
    expected = siegelslopes(y, x)
    slope, intercept = siegel_line(x, y)
    assert slope == pytest.approx(float(expected.slope), rel=1e-12)
    assert intercept == pytest.approx(float(expected.intercept), rel=1e-12, abs=1e-9)
