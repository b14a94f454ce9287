"""What the review tests share: the fixture report with an English track that diverges from it."""

from __future__ import annotations

from pathlib import Path

from transalign.formats import read_document
from transalign.options import Options
from transalign.pipeline import run
from transalign.types import Result

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"  # screenshots; git-ignored
# A number changed, a year changed and a negation removed: flags of two kinds.
CHANGES = (("more than 1,000", "more than 3,000"), ("activity in 2014", "activity in 2016"),
           ("not happen, and will not happen,", "happen, and will happen,"))


def divergent_english() -> str:
    text = (FIXTURE / "en.srt").read_text(encoding="utf-8")
    for old, new in CHANGES:
        assert old in text
        text = text.replace(old, new)
    return text


def divergent_result(tmp_path: Path) -> Result:
    english = tmp_path / "en.srt"
    english.write_text(divergent_english(), encoding="utf-8")
    return run(read_document(FIXTURE / "ar.srt", "ar"), read_document(english, "en"), Options(use_model=False))
