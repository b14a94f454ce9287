"""Aligning modern news (TICO-19, held-out half): merged and dropped sentences, text profiles,
and the news benchmark's construction."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import news_eval
from benchmarks.tico19 import load_documents
from transalign.align import align
from transalign.align.decoder import Weights
from transalign.cli_options import add_pipeline_arguments, options_from_args
from transalign.options import Options
from transalign.profiles import PROFILES, profile_for
from transalign.types import Document, Segment

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wikinews() -> list[tuple[str, str]]:
    """Wikinews_4 (held-out half: not seen by the TICO-19 lexicon or the news weights), first ten sentences."""
    document = next(d for d in load_documents("held-out") if d.name == "Wikinews_4")
    return [(pair.arabic, pair.english) for pair in document.pairs[:10]]


def _doc(lang: str, texts: list[str]) -> Document:
    return Document(name=lang, lang=lang, segments=tuple(Segment(index=i, text=t) for i, t in enumerate(texts)), kind="segments")


def _links(source: Document, target: Document, options: Options | None = None, weights: Weights | None = None) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.source, b.target) for b in align(source, target, options or Options(segmented=True, use_model=False), weights).beads]


def test_an_english_line_that_merges_two_sentences_is_one_2_1_bead(wikinews):
    arabic = [ar for ar, _ in wikinews]
    english = [en for _, en in wikinews]
    english[5:7] = [english[5] + " " + english[6]]
    links = _links(_doc("ar", arabic), _doc("en", english))
    assert ((5, 6), (5,)) in links
    assert all(((k,), (k,)) in links for k in range(5))
    assert all(((k + 1,), (k,)) in links for k in range(6, 9))


def test_an_arabic_line_that_merges_two_sentences_is_one_1_2_bead(wikinews):
    arabic = [ar for ar, _ in wikinews]
    english = [en for _, en in wikinews]
    arabic[2:4] = [arabic[2] + " " + arabic[3]]
    links = _links(_doc("ar", arabic), _doc("en", english))
    assert ((2,), (2, 3)) in links
    assert ((3,), (4,)) in links


def test_a_sentence_the_english_lacks_is_a_1_0_bead(wikinews):
    arabic = [ar for ar, _ in wikinews]
    english = [en for k, (_, en) in enumerate(wikinews) if k != 4]
    links = _links(_doc("ar", arabic), _doc("en", english))
    assert ((4,), ()) in links
    assert ((3,), (3,)) in links and ((5,), (4,)) in links


def test_a_sentence_the_arabic_lacks_is_a_0_1_bead(wikinews):
    arabic = [ar for k, (ar, _) in enumerate(wikinews) if k != 7]
    english = [en for _, en in wikinews]
    links = _links(_doc("ar", arabic), _doc("en", english))
    assert ((), (7,)) in links
    assert ((6,), (6,)) in links and ((7,), (8,)) in links


def test_the_news_weights_find_the_merge_that_the_hadith_weights_miss(wikinews):
    """The case that failed before news had weights of its own: with the hadith weights
    (length nearly ignored) the merged English line is paired with one sentence and the
    other is left out."""
    arabic = [ar for ar, _ in wikinews]
    english = [en for _, en in wikinews]
    english[2:4] = [english[2] + " " + english[3]]
    source, target = _doc("ar", arabic), _doc("en", english)
    assert ((2, 3), (2,)) in _links(source, target)
    assert ((2, 3), (2,)) not in _links(source, target, weights=Weights(**PROFILES["hadith"].weights))


def test_profiles_are_chosen_by_name_and_news_is_the_default():
    assert Options().profile == "news" and profile_for(Options()).name == "news"
    assert Options(exclude_isnad=True).profile == "hadith"
    assert profile_for(Options(exclude_isnad=True)).chains and not profile_for(Options()).chains
    assert PROFILES["news"].weights != PROFILES["hadith"].weights


@pytest.mark.parametrize("argv, profile", [([], "news"), (["--profile", "news"], "news"), (["--profile", "hadith"], "hadith"), (["--hadith"], "hadith")])
def test_profile_from_the_command_line(argv, profile):
    import argparse

    parser = argparse.ArgumentParser()
    add_pipeline_arguments(parser)
    assert options_from_args(parser.parse_args(argv)).profile == profile


def test_no_aligner_module_imports_a_divergence_module():
    found = [path.name for path in (ROOT / "service" / "transalign" / "align").glob("*.py") if "transalign.diverge" in path.read_text(encoding="utf-8")]
    assert found == []


def test_seg_gold_covers_every_line_once_and_links_the_same_sentences_on_both_sides():
    pairs = news_eval.make_pairs(load_documents("tune")[1:3], random.Random(0))
    assert any(p.arabic_dropped for p in pairs) and any(p.english_dropped for p in pairs)
    shapes = set()
    for pair in pairs:
        case = news_eval.seg_case(pair, random.Random(1))
        assert sorted(i for s, _ in case.gold for i in s) == list(range(len(case.source.segments)))
        assert sorted(j for _, t in case.gold for j in t) == list(range(len(case.target.segments)))
        k = 0  # the gold beads, in order, hold runs of consecutive sentences, each side less its drops
        for s, t in case.gold:
            arabic = " ".join(case.source.segments[i].text for i in s)
            english = " ".join(case.target.segments[j].text for j in t)
            for end in range(k + 1, k + 6):
                run = range(k, end)
                if (arabic == " ".join(pair.arabic[m] for m in run if m not in pair.arabic_dropped)
                        and english == " ".join(pair.english[m] for m in run if m not in pair.english_dropped)):
                    break
            else:
                pytest.fail(f"{case.name}: bead {s}-{t} is no run of sentences")
            k = end
            shapes.add((len(s), len(t)))
        assert k == len(pair.arabic)
    assert {(1, 1), (2, 1), (1, 2), (1, 0), (0, 1)} <= shapes


def test_srt_tracks_are_real_subtitles_whose_cues_cut_sentences(tmp_path):
    from transalign.formats import read_document

    pair = news_eval.make_pairs(load_documents("held-out")[4:5], random.Random(0))[0]
    english = news_eval.track(pair.english, range(len(pair.english)))
    times = news_eval.clock(pair, random.Random(0))
    news_eval.write_track(tmp_path / "en.srt", english, times, random.Random(0), overlaps=False, shift=4.0, stretch=news_eval.STRETCH)
    document = read_document(tmp_path / "en.srt", "en")
    assert all(len(line) <= news_eval.LINE_CHARS for block in document.blocks for line in block.text.split("\n"))
    assert any(not block.text.rstrip().endswith((".", "?", "!", "\"")) for block in document.blocks)  # a cue ends mid-sentence
    assert document.blocks[0].start == pytest.approx(4.0 + times[0][0] * news_eval.STRETCH, abs=0.002)
    covered = news_eval.covered(document, english)
    assert set().union(*covered) == set(range(len(pair.english)))


def test_segment_ends_are_counted_against_the_sentences_ends():
    side = news_eval.track(["One two three.", "Four five.", "Six seven eight."], range(3))
    # Cut once at a sentence's end, once inside a sentence; the end after "Four five." is missed.
    texts = ["One two three.", "Four", "five. Six seven eight."]
    doc = Document("en", "en", tuple(Segment(i, t) for i, t in enumerate(texts)))
    counts = news_eval.CutCounts()
    counts.add(doc, side)
    assert (counts.right, counts.wrong, counts.missed) == (1, 1, 1)


def test_news_benchmark_runs_from_the_command_line():
    result = subprocess.run([sys.executable, "benchmarks/news_eval.py", "--help"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "--half" in result.stdout and "srt-shifted" in result.stdout


def test_an_english_scale_abbreviation_matches_the_arabic_scale_word():
    from transalign.align.concepts import build_sides

    source = _doc("ar", ["خسرت الشركة 2.8 مليار جنيه.", "وقال المدير إن الوضع صعب."])
    target = _doc("en", ["The company lost £2.8bn.", "The manager said the situation is hard."])
    src, tgt = build_sides(source, target, None)
    assert src.numbers[0] == tgt.numbers[0] == frozenset({2.8, 1e9})
    assert tgt.numbers[1] == frozenset()
