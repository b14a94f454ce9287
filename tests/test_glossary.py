"""Glossaries and the `term` check: TICO-19's real terminology, CSV and TBX files, and
`--glossary` on `align`, `batch` and the API (a real server)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.tico19 import GLOSSARY
from transalign.cli import main
from transalign.diverge import check, term
from transalign.diverge.context import BeadView
from transalign.errors import InputError
from transalign.formats.glossary import parse_csv, read_glossary
from transalign.options import Options
from transalign.types import Alignment, Bead, Document, Result, Segment
from tests.api_support import Server, wait_job

# TICO-19, CMU_1:34, and the same English with the glossary's term said otherwise.
ARABIC = "هل تشعر بأي صعوبة في التنفس الآن"
ENGLISH = "are you having any difficulty breathing now"
OTHERWISE = "are you having any trouble getting air now"
TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en-US">
<martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id="c1">
<langSet xml:lang="en"><tig><term>difficulty breathing</term><termNote type="partOfSpeech">noun</termNote></tig></langSet>
<langSet xml:lang="ar"><tig><term>صعوبة في التنفس</term></tig></langSet>
</termEntry>
<termEntry id="c2"><langSet xml:lang="en"><tig><term>quarantine</term></tig></langSet></termEntry>
</body></text></martif>
"""


def terms_flagged(source: str, translation: str, glossary) -> list[str]:
    return [f.message for f in term.check([BeadView(0, source, translation, None, "ar", "en", None)], glossary)]


def test_ticos_english_to_arabic_glossary_is_read_the_way_round_the_pair_needs():
    terms = read_glossary(GLOSSARY)
    assert len(terms) == 306
    assert ("إنفلونزا 1918", "1918 flu") in terms and ("صعوبة في التنفس", "difficulty breathing") in terms
    assert read_glossary(GLOSSARY, "en", "ar")[0] == ("1918 flu", "إنفلونزا 1918")


def test_csv_and_tbx_glossaries_and_bad_rows_name_the_file_and_line(tmp_path):
    csv_file = tmp_path / "terms.csv"
    csv_file.write_text("source,target\nصعوبة في التنفس,difficulty breathing\nالحجر الصحي,quarantine\n", encoding="utf-8")
    assert read_glossary(csv_file) == (("صعوبة في التنفس", "difficulty breathing"), ("الحجر الصحي", "quarantine"))
    tbx_file = tmp_path / "terms.tbx"
    tbx_file.write_text(TBX, encoding="utf-8")
    assert read_glossary(tbx_file) == (("صعوبة في التنفس", "difficulty breathing"),)  # c2 has no Arabic term
    with pytest.raises(InputError, match=r"terms.csv, line 3: 3 columns; expected two columns"):
        parse_csv("source,target\nا,b\nا,b,c\n", "terms.csv")
    with pytest.raises(InputError, match=r"g.csv, line 2: an empty term"):
        parse_csv("ب,b\nا,\n", "g.csv")
    broken = tmp_path / "broken.tbx"
    broken.write_text("<martif><text><body><termEntry>", encoding="utf-8")
    with pytest.raises(InputError, match=r"broken.tbx.*not a readable TBX file"):
        read_glossary(broken)


def test_a_glossary_term_whose_english_is_missing_is_a_term_flag_with_both_spans():
    glossary = read_glossary(GLOSSARY)
    assert terms_flagged(ARABIC, ENGLISH, glossary) == []
    [flag] = term.check([BeadView(0, ARABIC, OTHERWISE, None, "ar", "en", None)], glossary)
    assert flag.kind == "term" and "requires “difficulty breathing”" in flag.message
    assert [(e.side, e.text) for e in flag.evidence] == [("source", "صعوبة في التنفس"), ("translation", OTHERWISE)]
    # Clitics on the Arabic (بضغط الدم: CMU_1:52) and inflection in the English are no miss.
    assert terms_flagged("هل لديك أي مشكلة تتعلق بضغط الدم حسب علمك؟", "any problems with your blood pressures?", glossary) == []
    # The longer term is matched before the one inside it.
    longer = [("فيروس كورونا", "coronavirus"), ("فيروس", "virus")]
    assert terms_flagged("انتشر فيروس كورونا", "The coronavirus spread", longer) == []


def test_the_pipeline_runs_term_only_with_a_glossary():
    source = Document("ar", "ar", (Segment(0, ARABIC),))
    translation = Document("en", "en", (Segment(0, OTHERWISE),))
    result = Result(source, translation, Alignment((Bead((0,), (0,), 0.9),), 1.0))
    flags, ran = check(result, Options(use_dictionary=False))
    assert "term" not in ran and not [f for f in flags if f.kind == "term"]
    flags, ran = check(result, Options(use_dictionary=False, glossary=(("صعوبة في التنفس", "difficulty breathing"),)))
    assert "term" in ran and [f.kind for f in flags if f.kind == "term"] == ["term"] and flags[0].id.startswith("term-0-")


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "ep01.ar.txt").write_text(f"{ARABIC}\nقال إنه بخير.\n", encoding="utf-8")
    (tmp_path / "ep01.en.txt").write_text(f"{OTHERWISE}\nHe said he was fine.\n", encoding="utf-8")
    return tmp_path / "ep01.ar.txt", tmp_path / "ep01.en.txt"


def test_align_and_batch_take_a_glossary(pair, tmp_path):
    exe = shutil.which("transalign", path=str(Path(sys.executable).parent))
    done = subprocess.run([exe, "align", *map(str, pair), "--segmented", "--no-model", "--quiet", "--glossary", str(GLOSSARY)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    flags = json.loads(done.stdout)["flags"]
    assert [f["evidence"][0]["text"] for f in flags if f["kind"] == "term"] == ["صعوبة في التنفس"]
    bad = tmp_path / "bad.csv"
    bad.write_text("source,target\nصعوبة,\n", encoding="utf-8")
    done = subprocess.run([exe, "align", *map(str, pair), "--no-model", "--glossary", str(bad)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "bad.csv, line 2: an empty term" in done.stderr
    out = tmp_path / "out"
    assert main(["batch", str(tmp_path), "--out", str(out), "--segmented", "--no-model", "--glossary", str(GLOSSARY)]) == 0
    batch_flags = json.loads((out / "ep01" / "ep01.json").read_text(encoding="utf-8"))["flags"]
    assert [f for f in batch_flags if f["kind"] == "term"] == [f for f in flags if f["kind"] == "term"]


def test_the_api_takes_a_glossary_on_align_and_jobs(tmp_path):
    server = Server(tmp_path / "data", "--no-model", "--workers", "1")
    try:
        body = {"source": ARABIC, "translation": OTHERWISE, "options": {"glossary": [{"source": "صعوبة في التنفس", "target": "difficulty breathing"}]}}
        flags = server.http.post("/v1/align", json=body).json()["flags"]
        assert [(f["kind"], f["evidence"][0]["text"]) for f in flags if f["kind"] == "term"] == [("term", "صعوبة في التنفس")]
        location = server.http.post("/v1/jobs", json=body).headers["location"]
        assert wait_job(server.http.get, location)["status"] == "done"
        assert server.http.get(f"{location}/result").json()["flags"] == flags
        faithful = server.http.post("/v1/align", json={**body, "translation": ENGLISH}).json()["flags"]
        assert not [f for f in faithful if f["kind"] == "term"]
        assert server.http.post("/v1/align", json={**body, "options": {"glossary": [{"source": "", "target": "x"}]}}).status_code == 422
    finally:
        server.stop()
