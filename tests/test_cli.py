"""The `transalign` console command, run as a user runs it: a real process."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ARABIC = "قال الرئيس إن ٣١ جنديا قتلوا في دير الزور. وأضاف أن الهجوم وقع أمس؟\nلم يحدث ذلك في حمص.\n"
ENGLISH = "The president said 31 soldiers were killed in Deir ez-Zor. He added that the attack happened yesterday?\nThat did not happen in Homs.\n"


def transalign(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("transalign", path=str(Path(sys.executable).parent))
    assert exe, "the console script is installed with the package"
    return subprocess.run([exe, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "ar.txt").write_text(ARABIC, encoding="utf-8")
    (tmp_path / "en.txt").write_text(ENGLISH, encoding="utf-8")
    return tmp_path / "ar.txt", tmp_path / "en.txt"


def test_json_to_stdout_has_versioned_beads_and_flags(pair):
    done = transalign("align", *map(str, pair), "--no-model", "--quiet")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["version"] == 1
    assert [(b["source"], b["translation"]) for b in result["beads"]] == [([0], [0]), ([1], [1]), ([2], [2])]
    assert all(0 <= b["score"] <= 1 for b in result["beads"])
    assert result["flags"] == []
    assert result["source"]["segments"][1]["text"] == "وأضاف أن الهجوم وقع أمس؟"


def test_several_formats_into_a_folder_and_a_summary(pair, tmp_path):
    out = tmp_path / "out"
    done = transalign("align", *map(str, pair), "--format", "json,html,tsv", "--out", str(out), "--no-model")
    assert done.returncode == 0, done.stderr
    assert "3 beads" in done.stderr
    page = (out / "ar.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in page and 'lang="ar"' in page and "دير الزور" in page
    rows = (out / "ar.tsv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + 3 and rows[1].split("\t")[:3] == ["0", "0", "0"]


def isolated(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`transalign` with no model anywhere: an empty models directory and Hugging Face cache, offline."""
    return subprocess.run(
        [shutil.which("transalign", path=str(Path(sys.executable).parent)), *args],
        capture_output=True, text=True, timeout=120,
        env={"PATH": str(Path(sys.executable).parent), "HOME": str(tmp_path / "home"), "HF_HUB_OFFLINE": "1", "TRANSALIGN_MODELS_DIR": str(tmp_path / "models")},
    )


def test_the_default_model_missing_is_reported_not_fatal(pair, tmp_path):
    done = isolated(tmp_path, "align", *map(str, pair), "--quiet")
    assert done.returncode == 0, done.stderr
    notes = json.loads(done.stdout)["notes"]
    assert any("No machine rendering was made" in n and "transalign models pull Helsinki-NLP/opus-mt-ar-en" in n for n in notes)


@pytest.mark.parametrize(("model", "says"), [("nonexistent-model", "transalign models pull nonexistent-model"), ("/no/such/dir", "no such directory")])
def test_a_named_model_that_is_missing_is_a_model_error(pair, tmp_path, model, says):
    out = tmp_path / "out"
    done = isolated(tmp_path, "align", *map(str, pair), "--model", model, "--format", "json,html", "--out", str(out))
    assert done.returncode == 3, done.stderr
    assert "model error" in done.stderr and says in done.stderr
    assert not out.exists()


def test_untimed_pair_writes_what_it_can_and_warns_about_subtitles(pair, tmp_path):
    out = tmp_path / "out"
    done = transalign("align", *map(str, pair), "--format", "json,srt,vtt,tmx", "--out", str(out), "--no-model", "--quiet")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in out.iterdir()) == ["ar.ar-en.tmx", "ar.json"]
    assert "warning: srt not written" in done.stderr and "warning: vtt not written" in done.stderr
    warnings = json.loads((out / "ar.json").read_text(encoding="utf-8"))["warnings"]
    assert [w.split(" ")[0] for w in warnings] == ["srt", "vtt"] and "no time codes" in warnings[0]
    only = transalign("align", *map(str, pair), "--format", "srt", "--no-model", "--quiet")
    assert only.returncode == 2 and "no time codes" in only.stderr and only.stdout == ""


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("ar.srt", "1\n00:00:01,000 --> 00:00:0x,000\nنص\n", ["ar.srt", "line 2"]),
        ("ar.txt", "   \n\n", ["ar.txt", "empty"]),
        ("ar.doc", "text", ["ar.doc", ".srt"]),
    ],
)
def test_bad_input_names_file_and_place_and_writes_nothing(tmp_path, pair, name, content, expected):
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    out = tmp_path / "never"
    done = transalign("align", str(bad), str(pair[1]), "--format", "json,html", "--out", str(out), "--no-model")
    assert done.returncode == 2
    for part in expected:
        assert part in done.stderr
    assert not out.exists()


def test_encoding_override_reads_windows_1256(tmp_path, pair):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(ARABIC.replace("٣١", "31").encode("cp1256"))  # cp1256 has no Arabic-Indic digits
    done = transalign("align", str(legacy), str(pair[1]), "--encoding", "cp1256", "--no-model", "--quiet")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["source"]["encoding"] == "cp1256"
    assert "دير الزور" in result["source"]["segments"][0]["text"]


def test_outputs_are_ordinary_readable_files(pair, tmp_path):
    out = tmp_path / "report.json"
    done = transalign("align", *map(str, pair), "--out", str(out), "--no-model", "--quiet")
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o044 == 0o044  # group and others may read it, as with any file we write


def test_hadith_mode_and_a_learned_lexicon_from_the_command_line(tmp_path):
    arabic = ["حدثنا يحيى بن يحيى، حدثنا مالك، عن نافع، عن ابن عمر،", "أن رسول الله صلى الله عليه وسلم نهى عن بيع الثمر.",
              "وحدثنا قتيبة، حدثنا ليث، عن نافع،", "عن ابن عمر قال نهى عن النجش."]
    (tmp_path / "ar.txt").write_text("\n".join(arabic) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Ibn Umar reported:\nThe Messenger forbade selling fruit.\nHe forbade bidding up prices.\n", encoding="utf-8")
    (tmp_path / "lex.tsv").write_text("# test\nالثمر\tfruit\n", encoding="utf-8")
    args = ["align", str(tmp_path / "ar.txt"), str(tmp_path / "en.txt"), "--segmented", "--no-model", "--quiet", "--lexicon", str(tmp_path / "lex.tsv")]
    plain = transalign(*args)
    hadith = transalign(*args, "--hadith")
    assert plain.returncode == 0 and hadith.returncode == 0, plain.stderr + hadith.stderr
    assert any(b["source"] in ([0], [2]) for b in json.loads(plain.stdout)["beads"])  # a chain aligned on its own
    assert all(set(b["source"]) in ({0, 1}, {2, 3}) for b in json.loads(hadith.stdout)["beads"])  # each with its hadith
    (tmp_path / "lex.tsv").write_text("الحمار donkey\n", encoding="utf-8")
    done = transalign(*args)
    assert done.returncode != 0 and "lex.tsv, line 1: no tab-separated concepts" in done.stderr
