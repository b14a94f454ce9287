"""Sentences that no punctuation ends: capitals in the English (segment.py, rule 6), and the
aligner cutting a segment where the other side shows two sentences (align/split.py).

The text is TICO-19's tuning half (PubMed_7), where a heading without a full stop runs into
the next sentence."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from benchmarks import news_eval
from benchmarks.tico19 import load_documents
from transalign.align import align, align_and_split
from transalign.align.concepts import SegmentCache, read_segments
from transalign.align.lexicon import default_learned, load_lexicon
from transalign.align.split import (HEADING_MAX_WORDS, LENGTH_WEIGHT, MARK_BONUS, MIN_PIECE_WORDS, _best_bounds, monotone_links, cut_by_evidence,
                                    cut_jointly, split_segments)
from transalign.formats import read_document
from transalign.options import Options
from transalign.pipeline import run
from transalign.text.segment import MAX_SENTENCE, marked_boundary, segment_blocks, split_sentences
from transalign.types import Alignment, Bead, Block, Document, Segment

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


# A list without stops (TICO-19 tune, PubMed_10): four aims, each opening with "To", the
# English apart by rule 6, the Arabic one run of text.
AIMS = [("لمتابعة العبء الناتج عن نشاط حالة مشتبه في إصابتها بكوفيد-19 في المجتمع من خلال رصد الرعاية الأولية والترميز "
         "السريري لحالات كوفيد-19 المحتملة المشار إليها في مسار الاحتواء",
         "To monitor the burden of suspected COVID-19 activity in the community through primary care surveillance and "
         "clinical coding of possible COVID-19 cases referred into the containment pathway"),
        ("لتوفير أدلة فيروسية على وجود الانتقال المجتمعي غير المكتشف لمرض كوفيد-19 ومداه ومراقبة المعدلات الإيجابية بين "
         "الأفراد المصابين بأمراض شبيهة بالإنفلونزا أو التهابات الجهاز التنفسي الحادة الذين يذهبون إلى الرعاية الأولية",
         "To provide virological evidence on the presence and extent of undetected community transmission of COVID-19 and "
         "monitor positivity rates among individuals presenting ILI or acute respiratory tract infections to primary care"),
        ("لتقدير مدى التأثر الأساسي من مرض كوفيد-19 في المجتمع وكذلك تقدير معدلات كل من حالات الإصابة المصحوبة بأعراض ودون "
         "أعراض بين السكان من خلال مراقبة الانتشار المصلي",
         "To estimate baseline susceptibility to COVID-19 in the community and estimate both symptomatic and asymptomatic "
         "exposure rates in the population through seroprevalence monitoring"),
        ("لتجربة تنفيذ مخطط جمع أمصال النَّاقهين بسمات الأجسام المضادة من بين المرضى المتعافين من كوفيد-19 والذين عادوا إلى "
         "حياتهم",
         "To pilot implementation of a scheme for collection of convalescent sera with antibody profiles among recovered "
         "cases of COVID-19 discharged to the community")]


def _documents(arabic: list[str], english: list[str]) -> tuple[Document, Document]:
    return (Document("ar", "ar", tuple(Segment(i, t, (i + 1,), float(i), float(i + 1)) for i, t in enumerate(arabic))),
            Document("en", "en", tuple(Segment(i, t, (i + 1,), float(i), float(i + 1)) for i, t in enumerate(english))))


def test_a_segment_paired_with_four_sentences_is_cut_in_four(lexicon) -> None:
    """A 1-4 bead, the decoder's largest: it was left whole when only beads up to 1-3 were cut."""
    english = [e for _, e in AIMS]
    assert sentences(" ".join(english), "en") == english  # rule 6: each aim opens with "To"
    source, target = _documents([" ".join(a for a, _ in AIMS)], english)
    alignment = Alignment(beads=(Bead((0,), (0, 1, 2, 3), 0.9),), length_ratio=1.0)
    cut = split_segments(source, target, alignment, lexicon)
    assert cut is not None
    pieces = [s.text for s in cut[0].segments]
    assert len(pieces) == 4 and pieces[:2] == [AIMS[0][0], AIMS[1][0]]
    for k, piece in enumerate(pieces):  # each piece holds mostly its own aim's words
        shared = [len(set(piece.split()) & set(a.split())) for a, _ in AIMS]
        assert shared.index(max(shared)) == k
    assert cut[1] == target


def _exhaustive(prefix: np.ndarray, char_prefix: np.ndarray, expected: np.ndarray, marked: np.ndarray,
                evidence: float, allowed: np.ndarray) -> tuple[int, ...] | None:
    """Every cut tried, as split.py did before its dynamic program: the answer to compare it with."""
    n, k = len(prefix) - 1, len(expected) + 1
    best: tuple[float, tuple[int, ...]] | None = None
    for inner in itertools.combinations(range(1, n), k - 1):
        bounds = (0, *inner, n)
        if any(b - a < MIN_PIECE_WORDS for a, b in zip(bounds, bounds[1:])):
            continue
        if not all(allowed[b, p] for p, b in enumerate(inner)):
            continue
        pieces = [prefix[b] - prefix[a] for a, b in zip(bounds, bounds[1:])]
        if any(piece[p] <= 0 for p, piece in enumerate(pieces)):
            continue
        score = sum(piece[p] for p, piece in enumerate(pieces)) / evidence
        score -= LENGTH_WEIGHT * float(np.abs(char_prefix[list(inner)] - expected).sum())
        score += MARK_BONUS * int(marked[list(inner)].sum())
        if best is None or score > best[0] + 1e-12:
            best = (score, bounds)
    return best[1] if best else None


@pytest.mark.parametrize("seed", range(40))
def test_the_dynamic_program_finds_the_best_cut_that_trying_every_cut_finds(seed: int) -> None:
    rng = np.random.default_rng(seed)
    words, k = int(rng.integers(4, 14)), int(rng.integers(2, 5))
    affinity = rng.random((words, k)) * (rng.random((words, k)) < 0.4)
    prefix = np.vstack([np.zeros(k), np.cumsum(affinity, axis=0)])
    lengths = rng.integers(2, 9, words).astype(float)
    char_prefix = np.r_[0.0, np.cumsum(lengths)] / lengths.sum()
    shares = rng.random(k) + 0.2
    expected = np.cumsum(shares)[:-1] / shares.sum()
    marked = np.r_[False, rng.random(words - 1) < 0.2]
    evidence = float(affinity.max(axis=1).sum()) or 1.0
    allowed = rng.random((words + 1, k - 1)) < 0.8
    assert (_best_bounds(prefix, char_prefix, expected, marked, evidence, allowed)
            == _exhaustive(prefix, char_prefix, expected, marked, evidence, allowed))


def test_a_word_both_sentences_share_goes_with_the_words_around_it(lexicon) -> None:
    """TICO-19 tune, Wikinews_2: a headline run into the sentence after it, both ending in COVID-19.
    The lengths put the cut before the headline's last word, كوفيد-19, as near the proportional point
    as after it; the in-order matching links it with the headline's COVID-19, since the words after it
    match the start of the second sentence."""
    wikinews = next(d for d in load_documents("tune") if d.name == "Wikinews_2")
    (headline_ar, headline_en), (next_ar, next_en) = [(p.arabic, p.english) for p in wikinews.pairs[:2]]
    pieces = cut_by_evidence(f"{headline_ar} {next_ar}", [headline_en, next_en], lexicon, source_side=True, langs=("ar", "en"))
    assert pieces == [headline_ar, next_ar]


# A sentence cut on both sides where nothing ends it (a speaker-label rule at a cue that starts
# mid-sentence), paired piece by piece (TICO-19 tune, wiki_7).
FRAGMENTS_AR = ["كما أعلنت", "المنظمات عن ثمانية شروط للمشروعات الحكومية:"]
FRAGMENTS_EN = ["The organisations", "declared eight conditions on governmental projects:"]


def test_pieces_of_one_sentence_paired_one_to_one_are_joined(lexicon) -> None:
    source, target = _documents(FRAGMENTS_AR, FRAGMENTS_EN)
    alignment = Alignment(beads=(Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9)), length_ratio=1.0)
    cut = split_segments(source, target, alignment, lexicon)
    assert cut is not None
    joined_ar, joined_en = cut
    assert [s.text for s in joined_ar.segments] == [" ".join(FRAGMENTS_AR)]
    assert [s.text for s in joined_en.segments] == [" ".join(FRAGMENTS_EN)]
    assert (joined_en.segments[0].blocks, joined_en.segments[0].start, joined_en.segments[0].end) == ((1, 2), 0.0, 2.0)


def test_segments_apart_at_a_mark_on_either_side_are_not_joined(lexicon) -> None:
    alignment = Alignment(beads=(Bead((0,), (0,), 0.9), Bead((1,), (1,), 0.9)), length_ratio=1.0)
    stopped = _documents(FRAGMENTS_AR, [FRAGMENTS_EN[0] + ".", FRAGMENTS_EN[1]])  # a full stop in the English
    assert split_segments(*stopped, alignment, lexicon) is None
    opener = _documents(FRAGMENTS_AR, ["The organisations met", "The conditions on governmental projects:"])  # rule 6
    assert split_segments(*opener, alignment, lexicon) is None
    unpunctuated = _documents(["كما أعلنت المنظمات عن ثمانية شروط", "للمشروعات الحكومية في البيان الصادر اليوم"],
                              ["the organisations declared eight conditions", "on governmental projects in the statement today"])
    assert split_segments(*unpunctuated, alignment, lexicon) is None  # a transcript without punctuation: its cuts are all there is


def test_a_title_case_heading_ends_before_a_pronoun_or_article_but_not_a_preposition() -> None:
    heading = "Travel History and Clinical Descriptors of the COVID-19 Infections"
    sentence = "The RCGP RSC practices have been advised on the clinical descriptors to code."
    assert sentences(f"{heading} {sentence}", "en") == [heading, sentence]
    assert sentences("Dashboards We will develop an observatory.", "en") == ["Dashboards", "We will develop an observatory."]
    title = "Memorandum on Identification of Essential Critical Infrastructure Workers During COVID-19 Response."
    assert sentences(title, "en") == [title]


def test_a_sentence_does_not_end_on_a_preposition_before_a_capitalized_name() -> None:
    text = "Flights to the Netherlands continue until The Hague summit ends."
    assert sentences(text, "en") == [text]


def test_a_headline_that_the_next_sentence_repeats_is_cut_from_it(lexicon) -> None:
    """TICO-19 tune, Wikinews_3: every word of the headline is in the sentence after it, so the
    headline's piece matches the longer sentence as much as the headline; the cut is still made,
    since pairing the pieces the other way round matches less."""
    headline_ar = "تجاوز عدد إصابات فيروس سارس كوف-2 مليون إصابة في جميع أنحاء العالم"
    sentence_ar = ("أشارت البيانات الصادرة عن جامعة جونز هوبكنز يوم الخميس إلى تجاوز إجمالي عدد حالات الإصابة بفيروس كورونا "
                   "المسبب للمتلازمة التنفسية الحادة الشديدة ويُعرف اختصارًا (سارس كوف-2) مليون حالة حول العالم.")
    english = ["SARS-CoV-2 surpasses one million infections worldwide",
               "On Thursday, the total number of cases of the SARS-CoV-2 coronavirus infections surpassed one million "
               "worldwide, Johns Hopkins University data indicated."]
    pieces = cut_by_evidence(f"{headline_ar} {sentence_ar}", english, lexicon, source_side=True, langs=("ar", "en"))
    assert pieces == [headline_ar, sentence_ar]


def test_a_heading_that_a_colon_ends_on_both_sides_is_joined_to_the_sentence_it_introduces(lexicon) -> None:
    """TICO-19 tune, PubMed_7: one sentence, cut at its colon on both sides by the speaker-label rule
    at a cue start and paired piece by piece: two beads for one sentence pair."""
    pubmed = next(d for d in load_documents("tune") if d.name == "PubMed_7")
    arabic, english = pubmed.pairs[200].arabic, pubmed.pairs[200].english
    source, target = _documents([p + ":" if i == 0 else p.strip() for i, p in enumerate(arabic.split(":", 1))],
                                [p + ":" if i == 0 else p.strip() for i, p in enumerate(english.split(":", 1))])
    cut = split_segments(source, target, _one_to_one(2), lexicon)
    assert cut is not None
    assert [s.text for s in cut[0].segments] == [arabic] and [s.text for s in cut[1].segments] == [english]


@pytest.mark.parametrize(("document", "pair"), [("PubMed_7", 38), ("wiki_9", 178)])
def test_a_sentence_cut_at_a_colon_before_a_number_on_both_sides_is_joined(lexicon, document: str, pair: int) -> None:
    """TICO-19 tune: "… 3.06% (95% CI: | 2.02-4.59%)." and "… first identified: | 31 December 2019.", cut at
    the last colon on both sides (the speaker-label rule at a cue start) and paired piece by piece."""
    tico = next(d for d in load_documents("tune") if d.name == document)
    arabic, english = tico.pairs[pair].arabic, tico.pairs[pair].english
    source, target = _documents([p + ":" if i == 0 else p.strip() for i, p in enumerate(arabic.rsplit(":", 1))],
                                [p + ":" if i == 0 else p.strip() for i, p in enumerate(english.rsplit(":", 1))])
    assert len(source.segments[0].text.split()) > HEADING_MAX_WORDS
    cut = split_segments(source, target, _one_to_one(2), lexicon)
    assert cut is not None
    assert [s.text for s in cut[0].segments] == [arabic] and [s.text for s in cut[1].segments] == [english]


def test_a_clause_that_a_colon_ends_before_a_list_item_is_not_joined(lexicon) -> None:
    """TICO-19 tune, wiki_11: "As of March 2020, the WHO recommends the following case definitions:" is a
    sentence of its own before the first item; so is a heading before a piece that no mark ends."""
    wiki = next(d for d in load_documents("tune") if d.name == "wiki_11")
    items = [(p.arabic, p.english) for p in wiki.pairs[4:6]]
    assert split_segments(*_documents([a for a, _ in items], [e for _, e in items]), _one_to_one(2), lexicon) is None
    pubmed = next(d for d in load_documents("tune") if d.name == "PubMed_7")
    arabic, english = pubmed.pairs[200].arabic, pubmed.pairs[200].english
    unfinished = _documents([p + ":" if i == 0 else p.strip().rstrip(".") for i, p in enumerate(arabic.split(":", 1))],
                            [p + ":" if i == 0 else p.strip().rstrip(".") + "," for i, p in enumerate(english.split(":", 1))])
    assert split_segments(*unfinished, _one_to_one(2), lexicon) is None


@pytest.fixture(scope="module")
def exchange() -> list[tuple[str, str]]:
    """Five consecutive (Arabic, English) sentences of TICO-19's tuning half, CMU_1: a doctor's
    exchange in lower case, a question and then four sentences that no mark ends on either side."""
    cmu = next(d for d in load_documents("tune") if d.name == "CMU_1")
    return [(p.arabic, p.english) for p in cmu.pairs[65:70]]


def _run_on(exchange: list[tuple[str, str]], question: bool = True) -> tuple[Document, Document]:
    """The question (sentence 0) as it is, sentences 1-3 run together into one segment on each side, and 4."""
    together = (" ".join(a for a, _ in exchange[1:4]), " ".join(e for _, e in exchange[1:4]))
    texts = [*exchange[:1]] * question + [together, exchange[4]]
    return _documents([a for a, _ in texts], [e for _, e in texts])


def _one_to_one(count: int) -> Alignment:
    return Alignment(beads=tuple(Bead((k,), (k,), 0.9) for k in range(count)), length_ratio=1.0)


def test_both_sides_running_the_same_sentences_together_are_cut_at_once(lexicon, exchange) -> None:
    """A 1-1 bead whose segments both hold three sentences (cut off from the next by a length
    limit, nothing marking an end): neither side's sentences can guide a cut. It was left whole."""
    source, target = _run_on(exchange)
    cut = split_segments(source, target, _one_to_one(3), lexicon)
    assert cut is not None
    pieces_ar, pieces_en = ([s.text for s in doc.segments[1:-1]] for doc in cut)
    assert len(pieces_ar) == len(pieces_en) >= 3
    for side, pieces in ((0, pieces_ar), (1, pieces_en)):
        sentences_of = [next(k for k, texts in enumerate(exchange) if piece in texts[side]) for piece in pieces]
        assert sentences_of == sorted(sentences_of) and set(sentences_of) == {1, 2, 3}  # every cut at or inside a sentence
        assert pieces[0] == exchange[1][side] and pieces[-1] == exchange[3][side]
    for doc, original in zip(cut, (source, target)):  # the segments around it are left as they were
        assert (doc.segments[0].text, doc.segments[-1].text) == (original.segments[0].text, original.segments[-1].text)


def test_the_pieces_of_a_joint_cut_are_aligned_one_to_one(exchange) -> None:
    source, target = _run_on(exchange)
    cut_source, cut_target, alignment = align_and_split(source, target, Options(use_model=False))
    assert len(cut_source.segments) == len(cut_target.segments) > 3
    assert [(b.source, b.target) for b in alignment.beads] == [((k,), (k,)) for k in range(len(cut_source.segments))]
    first, second = cut_source.segments[1:3]
    assert first.start == 1.0 and first.end == second.start  # the run-on segment's time span is shared out


def test_segments_that_a_mark_ends_are_not_cut_jointly(lexicon, exchange) -> None:
    """Only a segment that runs on into the next is cut on both sides: a bead of whole sentences is left whole."""
    source, target = _run_on(exchange)
    stopped = [replace(doc, segments=tuple(replace(s, text=s.text + ".") if s.index == 1 else s for s in doc.segments))
               for doc in (source, target)]
    assert split_segments(*stopped, _one_to_one(3), lexicon) is None


def test_a_run_longer_than_a_sentence_with_no_mark_inside_is_cut_jointly_though_a_question_ends_it(lexicon) -> None:
    """TICO-19's CMU_1 in subtitles: nine sentences without a mark run on into a question ("… i had a
    fever yesterday how high is your fever?"), so a question mark ends the segment on both sides and
    nothing runs on into the next one. It was left whole, tying each of the ten sentences to all ten."""
    cmu = next(d for d in load_documents("tune") if d.name == "CMU_1")
    run = [(p.arabic, p.english) for p in [*cmu.pairs[66:75], cmu.pairs[64]]]
    together = (" ".join(a for a, _ in run), " ".join(e for _, e in run))
    assert len(together[1]) > MAX_SENTENCE
    texts = [(cmu.pairs[65].arabic, cmu.pairs[65].english), together, (cmu.pairs[75].arabic, cmu.pairs[75].english)]
    source, target = _documents([a for a, _ in texts], [e for _, e in texts])
    cut = split_segments(source, target, _one_to_one(3), lexicon)
    assert cut is not None
    pieces_ar, pieces_en = ([s.text for s in doc.segments[1:-1]] for doc in cut)
    assert len(pieces_ar) == len(pieces_en) >= 5
    # Most cuts fall inside a sentence, on both sides alike: each Arabic piece holds the sentences its English one does.
    assert _sentences_held(pieces_ar, [a for a, _ in run]) == _sentences_held(pieces_en, [e for _, e in run])


def _sentences_held(pieces: list[str], sentences: list[str]) -> list[set[int]]:
    """The sentences whose characters each piece of their run holds (three or more, or all of a shorter one)."""
    spans, offset = [], 0
    for sentence in sentences:
        spans.append((offset, offset + len(sentence)))
        offset += len(sentence) + 1
    text, held, cursor = " ".join(sentences), [], 0
    for piece in pieces:
        start = text.index(piece, cursor)
        cursor = start + len(piece)
        held.append({k for k, (a, b) in enumerate(spans) if min(cursor, b) - max(start, a) >= min(3, b - a)})
    return held


def test_a_long_sentence_with_clause_marks_in_a_bead_of_whole_sentences_is_not_cut(lexicon, exchange) -> None:
    """A long sentence is a writer's choice when commas mark its clauses: only an unmarked run is cut jointly."""
    long_ar = "، ".join(a for a, _ in exchange[1:5] * 2) + "."
    long_en = ", ".join(e for _, e in exchange[1:5] * 2) + "."
    assert len(long_en) > MAX_SENTENCE
    source, target = _documents([exchange[0][0], long_ar, exchange[0][0]], [exchange[0][1], long_en, exchange[0][1]])
    assert split_segments(source, target, _one_to_one(3), lexicon) is None


@pytest.mark.parametrize(("document", "pair", "glued"), [("wiki_29", 19, "27%.A recent"), ("Wikipedia_handpicked_5", 17, "2008.Multiple"),
                                                       ("Wikipedia_handpicked_5", 21, 'ineffective."During')])
def test_a_segment_whose_sentences_meet_inside_a_word_is_left_whole(lexicon, document: str, pair: int, glued: str) -> None:
    """TICO-19 tune: a full stop with no space after a number or a closing quote ("… was 27%.A recent
    review …"). Cut at a word bound beside the Arabic's two sentences, "A" went with the first one's piece."""
    tico = next(d for d in load_documents("tune") if d.name == document)
    english, arabic = tico.pairs[pair].english, tico.pairs[pair].arabic
    assert glued in english
    others = [s.text for s in segment_blocks((Block(id=1, text=arabic, line=1, start=1.0, end=5.0),), "ar", segmented=False)]
    assert len(others) == 2
    assert cut_by_evidence(english, others, lexicon, source_side=False, langs=("ar", "en")) is None


def test_a_long_sentence_that_a_full_stop_ends_without_a_comma_is_not_cut_jointly(lexicon) -> None:
    """TICO-19 tune, PubMed_10: a list item of 309 characters with no comma, between two others; cut
    jointly as a run of speech, it went into six beads, none a sentence."""
    pubmed = next(d for d in load_documents("tune") if d.name == "PubMed_10")
    items = [(p.arabic, p.english) for p in pubmed.pairs[7:10]]
    assert len(items[1][1]) > MAX_SENTENCE and items[1][1].endswith(".")
    source, target = _documents([a for a, _ in items], [e for _, e in items])
    assert split_segments(source, target, _one_to_one(3), lexicon) is None


def test_a_transcript_without_punctuation_is_not_cut_jointly(lexicon, exchange) -> None:
    """Without the question, no mark anywhere: every segment runs on, and the segmenter's cuts are all there is."""
    source, target = _run_on(exchange, question=False)
    assert split_segments(source, target, _one_to_one(2), lexicon) is None


def test_no_joint_cut_without_shared_words(lexicon) -> None:
    assert cut_jointly(["لا أعتقد أني أعاني من ارتفاع ضغط الدم اليوم"], ["the match ended in a draw after extra time"], lexicon,
                       langs=("ar", "en")) is None


def test_a_word_that_several_items_repeat_matches_only_its_own_items_word() -> None:
    """"chest" in two items on each side: matched in order, the first with the first, not across."""
    affinity = np.array([[1.0, 0.0, 1.0],
                         [0.0, 2.0, 0.0],
                         [1.0, 0.0, 1.0]])
    assert monotone_links(affinity) == [(0, 0, 1.0), (1, 1, 2.0), (2, 2, 1.0)]


def test_the_in_order_matching_is_the_heaviest_that_keeps_both_orders() -> None:
    """Against the plain dynamic programme, cell by cell, on random matrices with ties."""
    rng = np.random.default_rng(0)
    for _ in range(200):
        affinity = (rng.random((int(rng.integers(1, 12)), int(rng.integers(1, 12)))) < 0.3) * rng.choice([0.5, 1.0, 2.0])
        n, m = affinity.shape
        best = [[0.0] * (m + 1) for _ in range(n + 1)]
        for i in range(1, n + 1):
            for j in range(1, m + 1):
                best[i][j] = max(best[i - 1][j], best[i][j - 1], best[i - 1][j - 1] + affinity[i - 1, j - 1])
        links = monotone_links(affinity)
        assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(links, links[1:]))
        assert sum(w for _, _, w in links) == pytest.approx(best[n][m])
