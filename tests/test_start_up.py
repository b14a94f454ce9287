"""Start-up: aligning without a model loads no model library, no web framework and no
statistics package (each costs from half a second to seconds of start-up; see
benchmarks/pipeline_speed.py for the figures)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen"
HEAVY = ("torch", "transformers", "ctranslate2", "fastapi", "uvicorn", "ray", "scipy.stats")

_PROBE = """
import sys
from transalign.cli import main
status = main(sys.argv[1:])
print(" ".join(name for name in {heavy!r} if name in sys.modules))
sys.exit(status)
"""


def _loaded_after(*argv: str) -> set[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE.format(heavy=HEAVY), *argv], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


def test_aligning_text_without_a_model_imports_no_heavy_library(tmp_path):
    (tmp_path / "ar.txt").write_text("قال الرئيس إن الجيش وصل إلى دير الزور.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("The president said the army reached Deir ez-Zor.\n", encoding="utf-8")
    loaded = _loaded_after("align", str(tmp_path / "ar.txt"), str(tmp_path / "en.txt"), "--no-model", "--quiet", "--out", str(tmp_path / "out.json"))
    assert loaded == set()  # scipy.stats too: text has no clocks to sync (align/sync.py)


def test_aligning_subtitles_without_a_model_imports_no_heavy_library(tmp_path):
    loaded = _loaded_after("align", str(FIXTURE / "ar.srt"), str(FIXTURE / "en.srt"), "--no-model", "--quiet", "--out", str(tmp_path / "out.json"))
    assert loaded == set()  # the two clocks are compared by align/sync.py's own repeated medians, not scipy.stats
