"""A repaired timing defect reaches every reader: stderr and the JSON of `transalign align`, the HTML
report, the API's responses (a real server), and a batch's log line, summary.csv and index.html."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from transalign.cli import main
from tests.api_support import ARABIC_SRT, Server, wait_job
from tests.test_cli import transalign

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen"
# The fixture's en.srt with cue 3 starting 0.1 s before cue 2 ends.
OVERLAPPING = (FIXTURE / "en.srt").read_text(encoding="utf-8").replace("00:00:08,806 --> 00:00:12,106", "00:00:08,586 --> 00:00:12,106")
WARNING = "cue 3 (line 11): cue starts at 00:00:08.586, before cue 2 ends at 00:00:08.686; cue 2 now ends at 00:00:08.586"
# Two cues overlapping, the same defect as an uploaded file.
ENGLISH_OVERLAP = (
    "1\n00:00:01,000 --> 00:00:04,000\nThe president said 31 soldiers were killed in Deir ez-Zor.\n\n"
    "2\n00:00:03,900 --> 00:00:07,000\nThat did not happen in Homs.\n"
)


@pytest.fixture
def overlapping(tmp_path: Path) -> Path:
    path = tmp_path / "en.srt"
    path.write_text(OVERLAPPING, encoding="utf-8")
    return path


def test_cli_prints_the_warning_and_writes_it_in_the_json_and_html(overlapping: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = transalign("align", str(FIXTURE / "ar.srt"), str(overlapping), "--no-model", "--format", "json,html", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert f"transalign: warning: {overlapping}, {WARNING}" in done.stderr
    result = json.loads((out / "ar.json").read_text(encoding="utf-8"))
    assert result["warnings"] == [f"{overlapping}, {WARNING}"]
    assert len(result["beads"]) == 12  # the pair still aligns
    assert f"Input warning: {overlapping}, {WARNING}" in (out / "ar.html").read_text(encoding="utf-8")


def test_api_responses_carry_the_warnings(tmp_path: Path) -> None:
    server = Server(tmp_path / "data", "--no-model", "--workers", "1")
    try:
        http = server.http
        files = {"source": ("ar.srt", ARABIC_SRT.encode()), "translation": ("en.srt", ENGLISH_OVERLAP.encode())}
        expected = "en.srt, cue 2 (line 5): cue starts at 00:00:03.900, before cue 1 ends at 00:00:04.000; cue 1 now ends at 00:00:03.900"
        response = http.post("/v1/align/files", files=files)
        assert response.status_code == 200 and response.json()["warnings"] == [expected]
        segments = [{"text": "One.", "start": 0, "end": 2}, {"text": "Two.", "start": 1.5, "end": 3}]
        body = {"source": ["واحد.", "اثنان."], "translation": segments}
        assert http.post("/v1/align", json=body).json()["warnings"] == [
            "translation, cue 2 (line 2): cue starts at 00:00:01.500, before cue 1 ends at 00:00:02.000; cue 1 now ends at 00:00:01.500"
        ]
        location = http.post("/v1/jobs/files", files=files).headers["location"]
        assert wait_job(http.get, location)["status"] == "done"
        assert http.get(f"{location}/result?pair=0").json()["warnings"] == [expected]
    finally:
        server.stop()


def test_batch_log_summary_and_index_show_the_warning(overlapping: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURE / "ar.srt", folder / "ep01.ar.srt")
    shutil.copy(overlapping, folder / "ep01.en.srt")
    shutil.copy(FIXTURE / "ar.srt", folder / "ep02.ar.srt")
    shutil.copy(FIXTURE / "en.srt", folder / "ep02.en.srt")
    out = tmp_path / "out"
    assert main(["batch", str(folder), "--out", str(out), "--no-model"]) == 0
    warning = f"{folder / 'ep01.en.srt'}, {WARNING}"
    assert f"ep01: done, 12 beads, 0 flags, 1 input warning (first: {warning})" in capsys.readouterr().err
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        table = {row["pair"]: row for row in csv.DictReader(handle)}
    assert table["ep01"]["warnings"] == warning and table["ep02"]["warnings"] == ""
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f"<div class=warning>warning: {warning}</div>" in index
    assert main(["batch", str(folder), "--out", str(out), "--no-model"]) == 0  # up to date: the marker keeps them
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        assert next(row for row in csv.DictReader(handle) if row["pair"] == "ep01")["warnings"] == warning
