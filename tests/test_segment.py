"""Sentence splitting in Arabic and English, and the mapping between sentences and cues."""

from __future__ import annotations

from transalign.text.segment import (
    MAX_SENTENCE,
    is_unpunctuated,
    segment_blocks,
    segments_of_block,
    split_sentences,
    split_unpunctuated,
)
from transalign.types import Block, Document


def sentences(text: str, lang: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text, lang)]


def test_arabic_comma_and_semicolon_do_not_end_a_sentence() -> None:
    text = "قال محمد، عضو المجلس، إن الوضع صعب؛ والهجمات مستمرة."
    assert sentences(text, "ar") == [text]


def test_arabic_question_mark_ends_a_sentence_even_without_a_space() -> None:
    text = "هل هذا صحيح؟ نعم! هل انتهى؟لا."
    assert sentences(text, "ar") == ["هل هذا صحيح؟", "نعم!", "هل انتهى؟", "لا."]


def test_arabic_decimal_and_abbreviated_title_do_not_split() -> None:
    text = "ارتفعت الأسعار ٣.٥ بالمئة وقال د. أحمد إن ذلك متوقع. وانتهى الاجتماع."
    assert sentences(text, "ar") == ["ارتفعت الأسعار ٣.٥ بالمئة وقال د. أحمد إن ذلك متوقع.", "وانتهى الاجتماع."]


def test_english_abbreviations_and_initials_do_not_split() -> None:
    text = "Mr. Smith met Dr. J. Brown on Jan. 5 at St. Paul, e.g. near the river. They talked."
    assert sentences(text, "en") == ["Mr. Smith met Dr. J. Brown on Jan. 5 at St. Paul, e.g. near the river.", "They talked."]


def test_dotted_acronym_splits_only_before_a_sentence_opener() -> None:
    text = "The U.S. Army left. It stayed in the U.S. The end came."
    assert sentences(text, "en") == ["The U.S. Army left.", "It stayed in the U.S.", "The end came."]


def test_numbers_and_inner_ellipsis_do_not_split() -> None:
    text = "He paid $1,000.50 and 3.5% more... then left. Wait… What?"
    assert sentences(text, "en") == ["He paid $1,000.50 and 3.5% more... then left.", "Wait…", "What?"]


def test_closing_quotes_and_brackets_stay_with_their_sentence() -> None:
    text = '"It is over here." He said so. (See the map.) "Really?" she asked.'
    assert sentences(text, "en") == ['"It is over here."', "He said so.", "(See the map.)", '"Really?" she asked.']


def test_a_bare_question_mark_before_a_lower_case_word_ends_a_sentence() -> None:
    """Lower-case speech (TICO-19's CMU_1): "… runny nose? and are you …" was one sentence; a question
    inside quotes, or a run of marks, before a lower-case word still is not an end."""
    text = "are you having a runny nose? and are you having this chest pain now? and he said \"why?\" and left"
    assert sentences(text, "en") == ["are you having a runny nose?", "and are you having this chest pain now?",
                                     'and he said "why?" and left']
    assert sentences("what?! and then it stopped", "en") == ["what?! and then it stopped"]


def test_speaker_label_is_its_own_sentence() -> None:
    text = "Mohammed al-Mashali, member of the Syrian People’s Assembly for Deir ez-Zor: Cutting off roads did not happen."
    assert sentences(text, "en") == [
        "Mohammed al-Mashali, member of the Syrian People’s Assembly for Deir ez-Zor:",
        "Cutting off roads did not happen.",
    ]
    arabic = "محمد المشعلي، عضو مجلس الشعب السوري عن دير الزور: إن قطع الطرق لم يحصل"
    assert sentences(arabic, "ar") == ["محمد المشعلي، عضو مجلس الشعب السوري عن دير الزور:", "إن قطع الطرق لم يحصل"]


def test_time_of_day_is_not_a_label() -> None:
    assert len(sentences("The meeting starts at 10:30 tomorrow in Damascus", "en")) == 1


def test_line_breaks_end_sentences_but_not_hard_wrapped_continuations() -> None:
    text = "السطر الأول بلا ترقيم\nالسطر الثاني\n\nفقرة جديدة\nThe report was\ncut here. Next line\nStarts here"
    assert sentences(text, "ar") == [
        "السطر الأول بلا ترقيم", "السطر الثاني", "فقرة جديدة", "The report was\ncut here.", "Next line", "Starts here",
    ]


def test_unpunctuated_arabic_is_cut_at_discourse_markers_into_bounded_pieces() -> None:
    clause = (
        "قال المتحدث باسم الجيش إن القوات تقدمت في المنطقة الشرقية من البادية السورية "
        "وأضاف أن العمليات مستمرة منذ أسابيع ضد خلايا التنظيم التي تنشط في المنطقة الممتدة بين حمص ودير الزور "
        "كما أشار إلى أن التنسيق مع الجانب العراقي على أعلى مستوى في هذه المرحلة من العمليات العسكرية "
    )
    text = clause * 4
    pieces = sentences(text, "ar")
    assert len(pieces) >= 4
    assert all(len(piece) <= MAX_SENTENCE for piece in pieces)
    assert "".join(pieces).replace(" ", "") == text.replace(" ", "")
    assert pieces[1].startswith("وأضاف")


def test_a_run_without_markers_is_cut_at_word_boundaries() -> None:
    text = " ".join(["كلمة"] * 300)
    pieces = sentences(text, "ar")
    assert all(len(piece) <= MAX_SENTENCE for piece in pieces)
    assert all(piece.startswith("كلمة") and piece.endswith("كلمة") for piece in pieces)


def test_spans_index_the_original_text() -> None:
    text = "  قَالَ: نعم.  \n\n لا؟ "
    assert [text[s:e] for s, e in split_sentences(text, "ar")] == ["قَالَ:", "نعم.", "لا؟"]


CUES = (
    Block(id=1, text="The army said on Monday", line=1, start=10.0, end=12.0),
    Block(id=2, text="that the road is open. The\nconvoys", line=5, start=12.0, end=15.0),
    Block(id=3, text="will resume tomorrow.", line=10, start=16.0, end=18.0),
)


def test_sentences_span_cues_and_map_back_to_them() -> None:
    segments = segment_blocks(CUES, "en", segmented=False)
    assert [s.text for s in segments] == ["The army said on Monday that the road is open.", "The convoys will resume tomorrow."]
    assert [s.blocks for s in segments] == [(1, 2), (2, 3)]
    assert [s.index for s in segments] == [0, 1]


def test_time_spans_are_interpolated_within_the_shared_cue() -> None:
    first, second = segment_blocks(CUES, "en", segmented=False)
    assert first.start == 10.0 and second.end == 18.0
    cue = "that the road is open. The convoys"  # cue 2 as joined, 3 s long
    boundary = 12.0 + 3.0 * len("that the road is open.") / len(cue)
    assert abs(first.end - boundary) < 0.01
    assert abs(second.start - (12.0 + 3.0 * cue.index("The") / len(cue))) < 0.01
    assert first.end < second.start


def test_segments_of_block_gives_the_reverse_mapping() -> None:
    segments = segment_blocks(CUES, "en", segmented=False)
    document = Document(name="en.srt", lang="en", segments=segments, blocks=CUES, kind="srt")
    assert segments_of_block(document, 1) == [0]
    assert segments_of_block(document, 2) == [0, 1]
    assert segments_of_block(document, 3) == [1]
    assert segments_of_block(document, 99) == []


def test_segmented_blocks_are_one_segment_each_with_whole_cue_times() -> None:
    segments = segment_blocks(CUES, "en", segmented=True)
    assert [s.text for s in segments] == ["The army said on Monday", "that the road is open. The convoys", "will resume tomorrow."]
    assert [(s.blocks, s.start, s.end) for s in segments] == [((1,), 10.0, 12.0), ((2,), 12.0, 15.0), ((3,), 16.0, 18.0)]


def test_speaker_label_at_the_start_of_a_cue() -> None:
    cues = (
        Block(id=1, text="انتهى التقرير", line=1, start=0.0, end=2.0),
        Block(id=2, text="محمد المشعلي، عضو مجلس الشعب: قطع الطرق لم يحصل", line=5, start=2.0, end=5.0),
    )
    texts = [s.text for s in segment_blocks(cues, "ar", segmented=False)]
    assert "محمد المشعلي، عضو مجلس الشعب:" in texts


def test_text_lines_keep_paragraph_breaks() -> None:
    lines = (
        Block(id=1, text="First paragraph starts", line=1),
        Block(id=2, text="and goes on.", line=2),
        Block(id=4, text="Second paragraph", line=4),
        Block(id=5, text="Third line", line=5),
    )
    segments = segment_blocks(lines, "en", segmented=False)
    assert [(s.text, s.blocks) for s in segments] == [
        ("First paragraph starts and goes on.", (1, 2)), ("Second paragraph", (4,)), ("Third line", (5,)),
    ]
    assert all(s.start is None for s in segments)


UNPUNCTUATED = (
    "قال وزير الخارجية المصري إن بلاده تتابع باهتمام بالغ التطورات الأخيرة في قطاع غزة "
    "وأضاف أن مصر ستواصل جهودها من أجل التوصل إلى وقف دائم لإطلاق النار "
    "وأشار إلى أن المساعدات الإنسانية يجب أن تدخل القطاع دون أي عوائق "
    "ودعا المجتمع الدولي إلى التحرك بشكل عاجل لحماية المدنيين"
)


def test_unpunctuated_arabic_is_split_before_each_reporting_verb() -> None:
    blocks = [Block(id=1, text=UNPUNCTUATED, line=1)]
    texts = [s.text for s in segment_blocks(blocks, "ar", segmented=False)]
    assert [t.split()[0] for t in texts] == ["قال", "وأضاف", "وأشار", "ودعا"]
    assert " ".join(texts) == UNPUNCTUATED
    assert is_unpunctuated(UNPUNCTUATED)


def test_reporting_verbs_in_punctuated_text_or_too_close_together_do_not_split() -> None:
    punctuated = "قال الوزير إن الوضع صعب وأضاف أن الجهود مستمرة من أجل التوصل إلى حل دائم للأزمة."
    assert not is_unpunctuated(punctuated)
    assert [s.text for s in segment_blocks([Block(1, punctuated, 1)], "ar", segmented=False)] == [punctuated]
    short = "وقال مصدر وأضاف آخر إن المفاوضات مستمرة بين الطرفين منذ أسابيع طويلة دون نتيجة تذكر حتى الآن"
    assert split_unpunctuated(short, [(0, len(short))], "ar") == [(0, len(short))]


def test_a_cue_that_starts_mid_sentence_starts_no_speaker_label() -> None:
    """TICO-19 tune, PubMed_7: a cue break falls inside "Major clinical symptoms:"; the label rule cut
    "Major" off as a sentence of its own. The colon still ends what it introduces."""
    cues = (
        Block(id=1, text="Patients may have heart or liver dysfunctions. Major", line=1, start=0.0, end=3.0),
        Block(id=2, text="clinical symptoms: Chest radiography and temporal progression", line=5, start=3.0, end=6.0),
        Block(id=3, text="should be considered.", line=9, start=6.0, end=8.0),
    )
    assert [s.text for s in segment_blocks(cues, "en", segmented=False)] == [
        "Patients may have heart or liver dysfunctions.", "Major clinical symptoms:",
        "Chest radiography and temporal progression should be considered."]
