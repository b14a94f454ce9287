"""End to end on the Al Mayadeen fixture: every known divergence is flagged, nothing else is.

`en.divergent.txt` carries the divergences listed in `divergences.gold.json`; the faithful
`en.txt` (and its subtitles) must get no flag at all, since a check that cries wolf on a
faithful translation costs a translator more time than it saves.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from transalign.formats import read_document
from transalign.options import Options
from transalign.pipeline import run
from transalign.types import Result

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen"
GOLD = json.loads((FIXTURE / "divergences.gold.json").read_text(encoding="utf-8"))
NO_MODEL = Options(use_model=False)


@lru_cache(maxsize=None)
def _run(source: str, translation: str) -> Result:
    return run(read_document(FIXTURE / source, "ar"), read_document(FIXTURE / translation, "en"), NO_MODEL)


def _bead_of(result: Result, divergence: dict) -> int:
    """The bead holding the divergence's Arabic sentence, or, for an addition, its English."""
    for i, bead in enumerate(result.alignment.beads):
        if divergence["ar"] and divergence["ar"][0] in bead.source:
            return i
        if not divergence["ar"] and any(divergence["en"] in result.translation.segments[k].text for k in bead.target):
            return i
    raise AssertionError(f"no bead holds {divergence}")


def _describe(result: Result) -> list[str]:
    return [f"{f.kind} on bead {f.bead}: {f.message}" for f in result.flags]


@pytest.mark.parametrize("divergence", GOLD["divergences"], ids=[d["what"].split(":")[0] for d in GOLD["divergences"]])
def test_every_known_divergence_is_flagged_on_its_bead(divergence):
    result = _run("ar.txt", GOLD["translation"])
    bead = _bead_of(result, divergence)
    assert any(f.kind == divergence["kind"] and f.bead == bead for f in result.flags), _describe(result)


def test_the_divergent_translation_gets_no_flag_elsewhere():
    result = _run("ar.txt", GOLD["translation"])
    divergent = {_bead_of(result, d) for d in GOLD["divergences"]}
    assert [f"{f.kind} on bead {f.bead}: {f.message}" for f in result.flags if f.bead not in divergent] == []


def test_divergent_text_differs_from_the_faithful_one_only_where_listed():
    faithful = (FIXTURE / "en.txt").read_text(encoding="utf-8")
    divergent = (FIXTURE / GOLD["translation"]).read_text(encoding="utf-8")
    for d in GOLD["divergences"]:
        where = faithful if d["kind"] == "omission" else divergent
        other = divergent if d["kind"] == "omission" else faithful
        assert d["en"] in where and d["en"] not in other, d["what"]


@pytest.mark.parametrize(("source", "translation"), [("ar.txt", "en.txt"), ("ar.srt", "en.srt")])
def test_the_faithful_translation_gets_no_flags(source, translation):
    assert _describe(_run(source, translation)) == []
