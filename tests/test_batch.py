"""`transalign batch` over generated folders of pairs, broken ones included; resuming; Ctrl-C."""

from __future__ import annotations

import codecs
import io
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pysrt
import pytest

from transalign.batch import EXIT_ALL, EXIT_NONE, EXIT_PART, EXIT_STOPPED, pair_folders, pair_manifest, pair_suffixes, run_batch
from transalign.batch.progress import LogReporter
from transalign.batch.state import MARKER
from transalign.cli import main
from transalign.errors import InputError
from transalign.options import Options

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "al-mayadeen"
NO_MODEL = ["--no-model"]


def long_srt(name: str, repeats: int) -> str:
    """The fixture's cues `repeats` times over, one report after another: a longer episode."""
    cues = pysrt.open(str(FIXTURE / name))
    span = cues[-1].end.ordinal + 2000
    items = pysrt.SubRipFile()
    for round_ in range(repeats):
        for cue in cues:
            start = pysrt.SubRipTime.from_ordinal(cue.start.ordinal + round_ * span)
            end = pysrt.SubRipTime.from_ordinal(cue.end.ordinal + round_ * span)
            items.append(pysrt.SubRipItem(len(items) + 1, start, end, cue.text))
    return "\n".join(str(item) for item in items)


def good_pairs(folder: Path, count: int, repeats: int = 1) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"ep{k:02d}" for k in range(1, count + 1)]
    for name in names:
        (folder / f"{name}.ar.srt").write_text(long_srt("ar.srt", repeats), encoding="utf-8")
        (folder / f"{name}.en.srt").write_text(long_srt("en.srt", repeats), encoding="utf-8")
    return names


@pytest.fixture
def season(tmp_path: Path) -> Path:
    """One folder: three good pairs (UTF-8 SRT, Windows-1256 SRT with WebVTT, plain text) and broken ones."""
    folder = tmp_path / "season"
    folder.mkdir()
    shutil.copy(FIXTURE / "ar.srt", folder / "ep01.ar.srt")
    shutil.copy(FIXTURE / "en.srt", folder / "ep01.en.srt")
    shutil.copy(FIXTURE / "ar.cp1256.srt", folder / "ep02.ar.srt")
    shutil.copy(FIXTURE / "en.vtt", folder / "ep02.en.vtt")
    shutil.copy(FIXTURE / "ar.txt", folder / "ep03.ar.txt")
    shutil.copy(FIXTURE / "en.txt", folder / "ep03.en.txt")
    # bad encoding: a UTF-8 BOM in front of Windows-1256 bytes
    (folder / "ep04.ar.srt").write_bytes(codecs.BOM_UTF8 + (FIXTURE / "ar.cp1256.srt").read_bytes())
    shutil.copy(FIXTURE / "en.srt", folder / "ep04.en.srt")
    (folder / "ep05.ar.srt").write_bytes(b"")  # empty
    shutil.copy(FIXTURE / "en.srt", folder / "ep05.en.srt")
    shutil.copy(FIXTURE / "ar.srt", folder / "ep06.ar.srt")  # missing partner
    (folder / "notes.txt").write_text("not a pair\n", encoding="utf-8")  # no language suffix
    return folder


def rows(out: Path) -> dict[str, dict[str, str]]:
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        return {row["pair"] or row["source"]: row for row in csv.DictReader(handle)}


def stamps(out: Path) -> dict[str, int]:
    """Modification time of every output file, to tell redone pairs from skipped ones."""
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.glob("*/*") if p.is_file()} | {
        str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.glob("*/.done.json")
    }


def test_pairing_across_two_folders_by_name_ignoring_language_suffixes(tmp_path: Path) -> None:
    ar, en = tmp_path / "ar", tmp_path / "en"
    ar.mkdir(), en.mkdir()
    for name in ("ep01.srt", "ep02.ar.srt", "ep03.srt", "ep03.txt", "ep04.srt", "cover.jpg"):
        (ar / name).write_text("x")
    for name in ("ep01.srt", "ep02.en.vtt", "ep03.srt", "ep05.srt"):
        (en / name).write_text("x")
    pairing = pair_folders(ar, en, "ar", "en")
    assert [(p.name, p.source.name, p.translation.name) for p in pairing.pairs] == [
        ("ep01", "ep01.srt", "ep01.srt"), ("ep02", "ep02.ar.srt", "ep02.en.vtt"),
    ]
    reasons = {u.path.name: u.reason for u in pairing.unpaired}
    assert set(reasons) == {"ep03.srt", "ep03.txt", "ep04.srt", "ep05.srt"}
    assert "ambiguous" in reasons["ep03.txt"] and reasons["ep04.srt"].startswith("no translation named ep04")
    assert reasons["ep05.srt"].startswith("no source named ep05")


def test_pairing_in_one_folder_by_language_suffix(season: Path) -> None:
    pairing = pair_suffixes(season, "ar", "en")
    assert [p.name for p in pairing.pairs] == ["ep01", "ep02", "ep03", "ep04", "ep05"]
    reasons = {u.path.name: u.reason for u in pairing.unpaired}
    assert reasons.keys() == {"ep06.ar.srt", "notes.txt"}
    assert "no .ar or .en language suffix" in reasons["notes.txt"]


def test_manifest_rows_relative_to_the_manifest_with_optional_names(tmp_path: Path) -> None:
    manifest = tmp_path / "pairs.csv"
    manifest.write_text("source,translation,name\nin/a.ar.srt,in/b.srt,\nin/c.srt,/abs/d.srt,news-1\n", encoding="utf-8")
    pairs = pair_manifest(manifest, "ar").pairs
    assert [(p.name, p.source, p.translation) for p in pairs] == [
        ("a", tmp_path / "in/a.ar.srt", tmp_path / "in/b.srt"), ("news-1", tmp_path / "in/c.srt", Path("/abs/d.srt")),
    ]
    manifest.write_text("a.srt,b.srt\nc.srt\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        pair_manifest(manifest, "ar")


def test_batch_over_a_folder_with_broken_pairs(season: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(season), "--out", str(out), "--jobs", "2", *NO_MODEL]) == EXIT_PART
    log = capsys.readouterr().err
    table = rows(out)
    assert {name: row["status"] for name, row in table.items()} == {
        "ep01": "done", "ep02": "done", "ep03": "done", "ep04": "failed", "ep05": "failed",
        str(season / "ep06.ar.srt"): "unpaired", str(season / "notes.txt"): "unpaired",
    }
    assert "utf-8-sig" in table["ep04"]["error"] and "empty" in table["ep05"]["error"]
    assert "ep04: FAILED" in log and "unpaired: " + str(season / "ep06.ar.srt") in log
    for name in ("ep01", "ep02"):
        assert sorted(p.name for p in (out / name).iterdir()) == sorted(
            [MARKER] + [f"{name}.{ext}" for ext in ("json", "html", "tsv")] + [f"{name}.ar-en.{ext}" for ext in ("srt", "vtt", "tmx")]
        )
    assert not (out / "ep03" / "ep03.ar-en.srt").exists() and (out / "ep03" / "ep03.ar-en.tmx").exists()
    assert not (out / "ep04").exists() or not any((out / "ep04").iterdir())
    result = json.loads((out / "ep01" / "ep01.json").read_text(encoding="utf-8"))
    assert table["ep01"]["beads"] == str(len(result["beads"])) and table["ep01"]["flags"] == str(len(result["flags"]))
    bilingual = pysrt.open(str(out / "ep01" / "ep01.ar-en.srt"))
    assert bilingual[0].start == pysrt.open(str(FIXTURE / "ar.srt"))[0].start
    index = (out / "index.html").read_text(encoding="utf-8")
    for link in ("ep01/ep01.html", "ep02/ep02.ar-en.tmx", "ep03/ep03.tsv"):
        assert f'href="{link}"' in index and (out / link).exists()
    assert "Unpaired files (2)" in index and "ep04.ar.srt" in index


def test_rerun_redoes_only_what_is_missing_or_changed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good_pairs(folder, 3)
    out = tmp_path / "out"
    options = Options(use_model=False)
    pairing = pair_suffixes(folder, "ar", "en")
    first = run_batch(pairing, out, options, jobs=1, report=LogReporter(sys.stderr))
    assert first.exit_status == EXIT_ALL and first.count("done") == 3
    before = stamps(out)

    again = run_batch(pairing, out, options, report=LogReporter(sys.stderr))
    assert again.count("up to date") == 3 and stamps(out) == before
    assert rows(out)["ep02"]["beads"] == str(first.outcomes["ep02"].counts["beads"])  # counts kept from the marker

    (out / "ep02" / "ep02.ar-en.vtt").unlink()  # an output lost
    os.utime(folder / "ep03.ar.srt", ns=(1, 1))  # same content, another mtime: still current
    third = run_batch(pairing, out, options, report=LogReporter(sys.stderr))
    assert {n: o.status for n, o in third.outcomes.items()} == {"ep01": "up to date", "ep02": "done", "ep03": "up to date"}
    after = stamps(out)
    assert all(after[path] == stamp for path, stamp in before.items() if not path.startswith("ep02"))

    (folder / "ep01.en.srt").write_text(long_srt("en.srt", 2), encoding="utf-8")  # an input changed
    assert run_batch(pairing, out, options, report=LogReporter(sys.stderr)).outcomes["ep01"].status == "done"
    assert run_batch(pairing, out, Options(use_model=False, band=8), report=LogReporter(sys.stderr)).count("done") == 3
    forced = run_batch(pairing, out, Options(use_model=False, band=8), force=True, report=LogReporter(sys.stderr))
    assert forced.count("done") == 3


def test_exit_status_when_no_pair_succeeds_and_when_there_are_no_pairs(season: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for name in ("ep04.ar.srt", "ep04.en.srt", "ep05.ar.srt", "ep05.en.srt"):
        shutil.copy(season / name, broken / name)
    assert main(["batch", str(broken), "--out", str(tmp_path / "o1"), *NO_MODEL]) == EXIT_NONE
    lonely = tmp_path / "lonely"
    lonely.mkdir()
    shutil.copy(season / "ep06.ar.srt", lonely)
    assert main(["batch", str(lonely), "--out", str(tmp_path / "o2"), *NO_MODEL]) == 2


def test_two_folders_and_a_manifest_reach_the_same_outputs(tmp_path: Path) -> None:
    ar, en = tmp_path / "ar", tmp_path / "en"
    ar.mkdir(), en.mkdir()
    shutil.copy(FIXTURE / "ar.srt", ar / "report.srt")
    shutil.copy(FIXTURE / "en.srt", en / "report.srt")
    assert main(["batch", str(ar), str(en), "--out", str(tmp_path / "a"), *NO_MODEL]) == EXIT_ALL
    manifest = tmp_path / "pairs.csv"
    manifest.write_text("ar/report.srt,en/report.srt\n", encoding="utf-8")
    assert main(["batch", "--manifest", str(manifest), "--out", str(tmp_path / "b"), *NO_MODEL]) == EXIT_ALL
    first, second = (tmp_path / d / "report" / "report.ar-en.tmx" for d in "ab")
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    manifest.write_text("ar/report.srt,en/report.srt\nar/report.srt,en/missing.srt,second\n", encoding="utf-8")
    assert main(["batch", "--manifest", str(manifest), "--out", str(tmp_path / "b"), *NO_MODEL]) == EXIT_PART
    table = rows(tmp_path / "b")
    assert table["report"]["status"] == "up to date" and "missing.srt: cannot read the file" in table["second"]["error"]


def test_the_default_model_missing_is_noted_per_pair_not_fatal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for variable in ("TRANSALIGN_MODELS_DIR", "HF_HUB_CACHE"):  # no copy of the default model anywhere
        monkeypatch.setenv(variable, str(tmp_path / "empty"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    folder = tmp_path / "in"
    good_pairs(folder, 2)
    report = run_batch(pair_suffixes(folder, "ar", "en"), tmp_path / "out", Options(), report=LogReporter(sys.stderr))
    assert report.exit_status == EXIT_ALL
    notes = json.loads((tmp_path / "out" / "ep01" / "ep01.json").read_text(encoding="utf-8"))["notes"]
    assert notes[0].startswith("No machine rendering was made")


def test_a_named_model_a_worker_cannot_load_fails_its_pairs(tmp_path: Path) -> None:
    broken = tmp_path / "broken-model"
    broken.mkdir()
    (broken / "config.json").write_text('{"model_type": "marian"}', encoding="utf-8")
    (broken / "model.safetensors").write_bytes(b"not weights")
    folder = tmp_path / "in"
    good_pairs(folder, 2)
    report = run_batch(pair_suffixes(folder, "ar", "en"), tmp_path / "out", Options(model=str(broken)), report=LogReporter(sys.stderr))
    assert report.exit_status == EXIT_NONE
    assert all(o.status == "failed" and str(broken) in (o.error or "") for o in report.outcomes.values())
    assert not (tmp_path / "out" / "ep01" / "ep01.json").exists()


def test_each_worker_loads_the_model_once(test_model: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    good_pairs(folder, 3)
    report = run_batch(pair_suffixes(folder, "ar", "en"), tmp_path / "out", Options(model=str(test_model)), jobs=1,
                       report=LogReporter(sys.stderr))
    assert report.exit_status == EXIT_ALL
    assert {o.model_loads for o in report.outcomes.values()} == {1} and len(report.worker_peaks_kib) == 1
    rendered = json.loads((tmp_path / "out" / "ep03" / "ep03.json").read_text(encoding="utf-8"))["renderings"]
    assert rendered and rendered[0]["model"]


def test_ctrl_c_stops_after_the_pair_in_flight_and_a_rerun_finishes_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    names = good_pairs(folder, 6, repeats=30)  # about a second a pair: Ctrl-C lands while one is in flight
    out = tmp_path / "out"
    command = [sys.executable, "-m", "transalign.cli", "batch", str(folder), "--out", str(out), "--jobs", "1", *NO_MODEL]
    batch = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    assert batch.stderr is not None
    log = []
    for line in batch.stderr:
        log.append(line)
        if "[1/6]" in line:
            batch.send_signal(signal.SIGINT)
            break
    log += batch.stderr.readlines()
    assert batch.wait(timeout=300) == EXIT_STOPPED, "".join(log)
    finished = [name for name in names if any(f"] {name}: done" in line for line in log)]
    assert 1 <= len(finished) <= 2, "".join(log)  # the first pair, and the one in flight when Ctrl-C came
    assert any("stop requested: finishing the pairs in flight" in line for line in log)
    assert sorted(p.parent.name for p in out.glob(f"*/{MARKER}")) == finished
    assert {row["pair"]: row["status"] for row in rows(out).values()} == {
        name: "done" if name in finished else "not run" for name in names
    }
    before = stamps(out)

    rerun = subprocess.run(command, cwd=ROOT, stderr=subprocess.PIPE, text=True, timeout=300)
    assert rerun.returncode == EXIT_ALL, rerun.stderr
    assert f"{len(finished)} pair(s) already up to date" in rerun.stderr
    redone = [name for name in names if f"] {name}: done" in rerun.stderr]
    assert redone == [name for name in names if name not in finished]
    assert all(stamps(out)[path] == stamp for path, stamp in before.items())


def test_a_named_model_that_is_missing_refuses_the_batch_before_it_starts(season: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(season), "--out", str(out), "--model", "/no/such/dir"]) == 3
    assert "no such directory" in capsys.readouterr().err
    assert not out.exists()


def test_an_untimed_pair_says_which_exports_it_could_not_have(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(FIXTURE / "ar.txt", folder / "ep01.ar.txt")
    shutil.copy(FIXTURE / "en.txt", folder / "ep01.en.txt")
    log = io.StringIO()
    report = run_batch(pair_suffixes(folder, "ar", "en"), tmp_path / "out", Options(use_model=False), report=LogReporter(log))
    assert report.exit_status == EXIT_ALL
    assert "ep01: done" in log.getvalue() and "srt, vtt not written (the source has no time codes)" in log.getvalue()
    result = json.loads((tmp_path / "out" / "ep01" / "ep01.json").read_text(encoding="utf-8"))
    assert [w.split(" ")[0] for w in result["warnings"]] == ["srt", "vtt"]
