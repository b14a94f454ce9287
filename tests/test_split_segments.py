"""Sentences that no punctuation ends: capitals in the English (segment.py, rule 6), and the
aligner cutting a segment where the other side shows two sentences (align/split.py).

The text is TICO-19's tuning half (PubMed_7), where a heading without a full stop runs into
the next sentence."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks import news_eval
from transalign.align import align, align_and_split
from transalign.align.concepts import SegmentCache, read_segments
from transalign.align.lexicon import default_learned, load_lexicon
from transalign.align.split import cut_by_evidence
from transalign.formats import read_document
from transalign.options import Options
from transalign.pipeline import run
from transalign.text.segment import marked_boundary, segment_blocks, split_sentences
from transalign.types import Block, Document, Segment

BEFORE_AR = "قد يصبح ناقل الأحماض الأمينية المحايدة المعتمدة على الصوديوم هدفًا علاجيًّا لفحص الأدوية لكبت العدوى بسارس-كوف-2."
BEFORE_EN = "B0AT1 may become a therapeutic target for drug screening to suppress SARS-CoV-2 infection."
HEADING_AR = "المضيف الأصلي والمضيف الوسيط"
HEADING_EN = "The origin and intermediate host"
NEXT_AR = "لقد عُرِف أن كلًّا من سارس-كوف وميرس-كوف قد نشآ من الخفافيش ونُقلا إلى البشر عبر قطط الزباد والجمال، على التوالي."
NEXT_EN = ("It has been known that both SARS-CoV and MERS-CoV originated from bats and were transmitted to humans via "
           "civet cats and camels, respectively.")


def sentences(text: str, lang: str) -> list[str]:
    """The sentences of `text` as one subtitle cue."""
    return [s.text for s in segment_blocks((Block(id=1, text=text, line=1, start=1.0, end=5.0),), lang, segmented=False)]


def test_plain_text_is_not_cut_at_capitals() -> None:
    assert len(split_sentences(f"{HEADING_EN} {NEXT_EN}", "en")) == 1  # rule 6 is for subtitle cues


def test_a_heading_without_a_full_stop_ends_before_a_capitalized_sentence_opener() -> None:
    assert sentences(f"{HEADING_EN} {NEXT_EN}", "en") == [HEADING_EN, NEXT_EN]
    assert sentences("Trends of COVID-19 in EU/EEA countries and the UK The trends followed Hubei.", "en") == [
        "Trends of COVID-19 in EU/EEA countries and the UK", "The trends followed Hubei."]


def test_capitals_inside_a_sentence_do_not_end_it() -> None:
    for text in ("It was published in The Lancet on Monday.",  # a function word before the capital
                 "Trump Declares COVID-19 National Emergency On Friday",  # Title Case heading
                 "Patients with hepatitis A recover within weeks.",  # not an opener
                 "Steps 2) The healthcare delivery system is ready."):  # a list mark
        assert sentences(text, "en") == [text]


def test_a_marked_boundary_is_punctuation_or_an_english_capital_not_a_length_cut() -> None:
    assert marked_boundary(BEFORE_AR, HEADING_AR, "ar")
    assert marked_boundary(HEADING_EN, NEXT_EN, "en")
    assert not marked_boundary(HEADING_AR, NEXT_AR, "ar")  # nothing in Arabic script marks a heading's end
    assert not marked_boundary("Abnormal", "laboratory findings:", "en")


@pytest.fixture(scope="module")
def lexicon():
    return load_lexicon(None, default_learned())


def test_the_english_sentences_say_where_the_arabic_heading_ends(lexicon) -> None:
    pieces = cut_by_evidence(f"{HEADING_AR} {NEXT_AR}", [HEADING_EN, NEXT_EN], lexicon, source_side=True, langs=("ar", "en"))
    assert pieces == [HEADING_AR, NEXT_AR]
    pieces = cut_by_evidence(f"{HEADING_EN} {NEXT_EN}", [HEADING_AR, NEXT_AR], lexicon, source_side=False, langs=("ar", "en"))
    assert pieces == [HEADING_EN, NEXT_EN]


def test_no_cut_where_the_words_do_not_say_where(lexicon) -> None:
    # The two English sentences in the wrong order: no cut lets each piece match its own.
    wrong_order = [NEXT_EN, HEADING_EN]
    assert cut_by_evidence(f"{HEADING_AR} {NEXT_AR}", wrong_order, lexicon, source_side=True, langs=("ar", "en")) is None


def _tracks(folder: Path) -> tuple[Path, Path]:
    """The three sentences as two subtitle tracks on one clock, cut into cues as news_eval cuts them."""
    arabic, english = (BEFORE_AR, HEADING_AR, NEXT_AR), (BEFORE_EN, HEADING_EN, NEXT_EN)
    pair = news_eval.NewsPair("PubMed_7", arabic, english, frozenset(), frozenset())
    rng = random.Random(0)
    times = news_eval.clock(pair, rng)
    paths = folder / "ar.srt", folder / "en.srt"
    for path, texts in zip(paths, (pair.arabic, pair.english)):
        news_eval.write_track(path, news_eval.track(texts, range(3)), times, rng, overlaps=False)
    return paths


def test_subtitles_whose_arabic_runs_a_heading_into_its_sentence_align_sentence_by_sentence(tmp_path: Path) -> None:
    ar_path, en_path = _tracks(tmp_path)
    source, target = read_document(ar_path, "ar"), read_document(en_path, "en")
    assert [s.text for s in target.segments] == [BEFORE_EN, HEADING_EN, NEXT_EN]
    assert [s.text for s in source.segments] == [BEFORE_AR, f"{HEADING_AR} {NEXT_AR}"]
    options = Options(use_model=False)
    assert [(b.source, b.target) for b in align(source, target, options).beads] == [((0,), (0,)), ((1,), (1, 2))]  # before

    cut_source, cut_target, alignment = align_and_split(source, target, options)
    assert [s.text for s in cut_source.segments] == [BEFORE_AR, HEADING_AR, NEXT_AR]
    assert [(b.source, b.target) for b in alignment.beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    heading, following = cut_source.segments[1], cut_source.segments[2]
    assert heading.start is not None and heading.end == following.start  # the cut segment's time span is shared
    assert cut_target == target

    result = run(source, target, options)
    assert [s.text for s in result.source.segments] == [BEFORE_AR, HEADING_AR, NEXT_AR]
    assert [(b.source, b.target) for b in result.alignment.beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]


def test_the_second_alignment_reads_only_the_cut_pieces_and_decides_as_a_fresh_one(tmp_path: Path) -> None:
    """align_and_split keeps each segment's reading (concepts.read_segments) for the second pass: it reads
    the new pieces only, and the alignment is the one a fresh alignment of the cut documents gives."""
    ar_path, en_path = _tracks(tmp_path)
    source, target = read_document(ar_path, "ar"), read_document(en_path, "en")
    options = Options(use_model=False)
    cut_source, cut_target, alignment = align_and_split(source, target, options)
    assert len(cut_source.segments) > len(source.segments)  # a segment was cut
    assert alignment == align(cut_source, cut_target, options)

    cache: SegmentCache = {}
    read_segments(source, cache), read_segments(target, cache)
    before = dict(cache)
    again = read_segments(cut_source, cache)
    assert set(cache) - set(before) == {("ar", HEADING_AR), ("ar", NEXT_AR)}  # only the pieces were read
    assert again[0] is before[("ar", BEFORE_AR)]


def test_lines_given_one_segment_a_line_are_never_cut() -> None:
    def doc(lang: str, texts: list[str]) -> Document:
        return Document(lang, lang, tuple(Segment(i, t) for i, t in enumerate(texts)), kind="segments")

    source, target = doc("ar", [BEFORE_AR, f"{HEADING_AR} {NEXT_AR}"]), doc("en", [BEFORE_EN, HEADING_EN, NEXT_EN])
    cut_source, _, alignment = align_and_split(source, target, Options(use_model=False))
    assert cut_source == source
    assert [(b.source, b.target) for b in alignment.beads] == [((0,), (0,)), ((1,), (1, 2))]


def test_a_translators_merge_at_a_comma_is_left_whole(lexicon) -> None:
    """The Al Mayadeen fixture: one Arabic sentence with a comma where the English has two."""
    arabic = ("تحركات لا تشكل تهديداً جدياً إذا ما قورنت بذروة نشاط التنظيم عام ٢٠١٤، إذ تستغل فلول داعش انتشار الجيش السوري "
              "على جبهات حدودية ممتدة مع تركيا، واشتعال جبهة ريف إدلب.")
    english = ["Moves that do not pose a serious threat when compared to the peak of the organization’s activity in 2014.",
               "ISIS remnants are taking advantage of the Syrian army’s deployment on extended border fronts with Turkey, "
               "and the flare-up of the Idlib countryside front."]
    assert cut_by_evidence(arabic, english, lexicon, source_side=True, langs=("ar", "en")) is None
