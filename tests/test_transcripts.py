"""What the pipeline tells a translator about the input itself: no punctuation, sides swapped."""

from __future__ import annotations

from dataclasses import replace

from transalign.formats import document_from_text
from transalign.options import Options
from transalign.pipeline import run
from transalign.text.resplit import cut_words
from transalign.text.script import dominant_script, script_warnings
from tests.test_segment import UNPUNCTUATED

ENGLISH_WITHOUT_THE_SECOND = (
    "The Egyptian foreign minister said his country is following the latest developments in the Gaza Strip with great interest. "
    "He pointed out that humanitarian aid must enter the Strip without any obstacles. "
    "He called on the international community to act urgently to protect civilians."
)


def test_an_unpunctuated_transcript_aligns_sentence_by_sentence_and_its_dropped_sentence_is_flagged() -> None:
    source = document_from_text(UNPUNCTUATED, "ar", "asr.txt")
    translation = document_from_text(ENGLISH_WITHOUT_THE_SECOND, "en", "en.txt")
    result = run(source, translation, Options(use_model=False))
    assert len(result.source.segments) == 4
    beads = result.alignment.beads
    assert [b.target for b in beads if b.target] == [(0,), (1,), (2,)]  # each English sentence with its own Arabic one
    assert [b.source for b in beads if 2 in b.source or 3 in b.source] == [(2,), (3,)]
    # The dropped sentence is its own 1-0 bead or merged into its neighbour's: flagged either way.
    omissions = [f for f in result.flags if f.kind == "omission"]
    assert len(omissions) == 1 and 1 in beads[omissions[0].bead].source
    assert "وأضاف أن مصر ستواصل" in omissions[0].message
    assert any("asr.txt has no sentence punctuation" in note for note in result.notes)


def test_a_punctuated_source_gets_no_punctuation_note() -> None:
    source = document_from_text("قال الوزير إن الوضع صعب. وأضاف أن الجهود مستمرة من أجل التوصل إلى حل.", "ar", "ar.txt")
    translation = document_from_text("The minister said the situation is difficult. He added that efforts continue.", "en", "en.txt")
    result = run(source, translation, Options(use_model=False))
    assert not any("punctuation" in note for note in result.notes)


def test_source_and_translation_given_the_wrong_way_round_get_a_warning() -> None:
    arabic = document_from_text("قال الوزير إن الوضع صعب للغاية في المنطقة.", "en", "en.txt")
    english = document_from_text("The minister said the situation is very difficult in the region.", "ar", "ar.txt")
    result = run(english, arabic, Options(use_model=False, source_lang="ar", target_lang="en"))
    assert len(result.warnings) == 1 and "look swapped" in result.warnings[0]
    assert "ar.txt is in Latin script" in result.warnings[0]
    right = run(replace(arabic, lang="ar"), replace(english, lang="en"), Options(use_model=False))
    assert right.warnings == ()


def test_script_of_a_side_needs_enough_letters_and_a_clear_majority() -> None:
    assert dominant_script(["قال الوزير إن الوضع صعب للغاية"]) == "arabic"
    assert dominant_script(["The minister said it was hard"]) == "latin"
    assert dominant_script(["BBC 2024"]) is None
    one_side = document_from_text("The minister said the situation is very difficult in the region.", "ar", "ar.txt")
    other = document_from_text("The minister said the situation is very difficult in the region.", "en", "en.txt")
    (warning,) = script_warnings(one_side, other)
    assert warning.startswith("ar.txt is mostly in Latin script")


MARKETS = (
    "ارتفعت أسعار النفط في الأسواق العالمية اليوم بنسبة كبيرة بسبب التوترات في المنطقة "
    "وتراجعت أسعار الذهب بعد صدور بيانات اقتصادية جديدة في الولايات المتحدة "
    "وانخفض الدولار أمام العملات الرئيسية في التعاملات المبكرة"
)
MARKETS_ENGLISH = (
    "Oil prices rose sharply on world markets today because of tensions in the region. "
    "Gold prices fell after new economic data was released in the United States. "
    "The dollar fell against the major currencies in early trading."
)


def test_an_unpunctuated_sentence_is_cut_where_its_translation_has_sentence_boundaries() -> None:
    source = document_from_text(MARKETS, "ar", "asr.txt")
    assert len(source.segments) == 1  # no reporting verb to cut before
    result = run(source, document_from_text(MARKETS_ENGLISH, "en", "en.txt"), Options(use_model=False))
    assert [s.text.split()[0] for s in result.source.segments] == ["ارتفعت", "وتراجعت", "وانخفض"]
    assert [(b.source, b.target) for b in result.alignment.beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert " ".join(s.text for s in result.source.segments) == MARKETS


def test_cut_words_keeps_pieces_long_enough_and_prefers_a_conjunction() -> None:
    words = "كلمة " * 5 + "وكلمة " + "كلمة " * 6
    assert [len(p.split()) for p in cut_words(words, [1, 1], arabic=True)] == [5, 7]
    assert cut_words("كلمة واحدة فقط", [10, 10], arabic=True) == ["كلمة واحدة فقط"]
    assert [len(p.split()) for p in cut_words("one two three four five six seven eight", [3, 1], arabic=False)] == [4, 4]  # 6 + 2 would be proportional
