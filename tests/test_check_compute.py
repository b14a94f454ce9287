"""How the checks compute, not what they decide (issue 14): the shortcuts that make them fast
give the answers the long way gives. benchmarks/pipeline_speed.py measures the speed."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from tests.test_align_evidence import tiny_dictd  # noqa: F401 - the fixture
from tests.test_diverge import result
from transalign import diverge
from transalign.align.lexicon import DictionaryTable, compile_dictd, compiled_path
from transalign.align.lexicon import Lexicon
from transalign.diverge.context import BeadView, Word, concepts_of, keys_of
from transalign.text import quantities
from transalign.text.numbers import _ARABIC_WORDS
from transalign.text.quantities import _ARABIC_PREFIXES, _POSSESSIVES, _STEMS, _arabic_word, _read_arabic_word, find_quantities
from transalign.text.words import ARABIC_WORD
from transalign.text.skeleton import english_name_words


def read(text: str, lang: str) -> list[tuple[float, str, str]]:
    return [(q.value, q.kind, q.label(text)) for q in find_quantities(text, lang)]


def test_number_words_are_read_again_once_the_table_of_known_words_is_emptied(monkeypatch):
    arabic, english = "ثلاثة وخمسون رجلا وثلثا المال", "three hundred and one men, a third of them"
    first = read(arabic, "ar"), read(english, "en")
    assert first == ([(53, "number", "ثلاثة وخمسون"), (3, "fraction", "وثلثا")], [(301, "number", "three hundred and one"), (3, "fraction", "third")])
    monkeypatch.setattr(quantities, "MAX_KNOWN", 0)  # every new word empties the table
    read("كلمات أخرى لم تقرأ بعد", "ar")
    read("words not read before", "en")
    assert (read(arabic, "ar"), read(english, "en")) == first


def test_the_quick_test_passes_every_word_the_full_reading_finds_a_number_in():
    fixture = (Path(__file__).resolve().parent.parent / "fixtures" / "al-mayadeen" / "ar.srt").read_text(encoding="utf-8")
    vowelled = ["الْخُمُسِ", "خُمُسَهَا", "سِتًّا", "ثَلَاثًا", "لِثَمَانَ", "ثِنْتَا", "أَوَّلَ", "الْحَادِي", "وَالثُّلُثَ", "السَّبُعُ"]
    built = [prefix + stem + ending for prefix in _ARABIC_PREFIXES for stem in (*_STEMS, *_ARABIC_WORDS)
             for ending in ("", "ا", "اا", *_POSSESSIVES)]
    words = {*ARABIC_WORD.findall(fixture), *vowelled, *built}
    numbers = [w for w in words if _read_arabic_word(w) is not None]
    assert len(numbers) > 5000  # the built words hold thousands of number words, read the long way
    assert all(_arabic_word(w) == _read_arabic_word(w) for w in words)


def test_patterns_in_digits_run_on_text_with_digits_of_any_script():
    # Arabic-Indic digits count as digits: the time, the fraction and the year are read.
    assert read("الساعة ٣:٣٠ و٢/٣ المال عام ٢٠٢٠", "ar") == [(210, "time", "٣:٣٠"), (3, "fraction", "٢/٣"), (2020, "number", "٢٠٢٠")]
    assert read("at 3:30, 2/3 of them, the 21st", "en") == [(210, "time", "3:30"), (3, "fraction", "2/3"), (21, "ordinal", "21st")]
    assert read("ثلاث ساعات", "ar") == [(3, "number", "ثلاث")]


def test_a_month_is_found_behind_a_clitic():
    # The months' quick test must strip the clitics the month reader strips (و + كانون الثاني).
    months = [(value, label) for value, kind, label in read("وكانون الثاني ٢٠٢٠ وفي آذار/مارس", "ar") if kind == "month"]
    assert months == [(1, "وكانون الثاني"), (3, "آذار/مارس")]
    assert read("Elections in March 2020 and in may", "en")[0] == (3, "month", "March")


def test_a_capital_after_a_sentence_end_and_any_spaces_is_no_name():
    text = "He met Ali.  \n Omar came, and\u00a0Zaid: Amr left"
    assert english_name_words(text) == [("Ali", 7, 10), ("Zaid", 30, 34)]


def test_the_table_remembers_answers_by_the_order_of_the_candidates(tiny_dictd, tmp_path):  # noqa: F811
    table_path = compiled_path(tiny_dictd, tmp_path)
    compile_dictd(tiny_dictd, table_path)
    table = DictionaryTable(table_path)
    assert table.first_of(["قافله", "جيش"]) == {"convoy"}
    assert table.first_of(["جيش", "قافله"]) == {"armi", "troop"}  # the first the table has, not a remembered set
    assert table.first_of(["قافله", "جيش"]) == {"convoy"}
    assert table.first_of(["لا شيء"]) == frozenset()


@pytest.mark.parametrize("enabled", [True, False])
def test_the_checks_leave_the_cycle_collector_as_they_found_it(enabled):
    before = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        flags, ran = diverge.check(result([("قال ثلاثة رجال.", "Four men said.")]))
        assert gc.isenabled() == enabled
        assert "number" in ran and any(f.kind == "number" for f in flags)
    finally:
        gc.enable() if before else gc.disable()


def test_words_are_tuples_with_their_fields_and_spans():
    view = BeadView(0, "قال ثلاثة رجال", "Three men said", None, "ar", "en", None)
    first = view.source_words[1]
    assert isinstance(first, Word) and first == Word("ثلاثة", 4, 9, "ثلاثه", frozenset(), first.key, True)
    assert [view.translation[w.start : w.end] for w in view.translation_words] == ["Three", "men", "said"]


def test_a_texts_concepts_and_skeletons_are_those_of_its_words_however_asked():
    lexicon = Lexicon({"جيش": frozenset({"armi", "troop"}), "قافله": frozenset({"convoy"})})
    view = BeadView(0, "هاجم الجيش قافلة حلب", "The army attacked Aleppo's convoy", None, "ar", "en", lexicon)
    words = view.source_words
    assert concepts_of(words) == {"armi", "troop", "convoy"} == concepts_of(tuple(words))  # a plain tuple too
    assert concepts_of(words) is concepts_of(words)  # worked out once
    assert sorted(keys_of(view.translation_words)) == sorted(keys_of(tuple(view.translation_words))) == ["LBS"]  # Aleppo's; "The" is one consonant
    assert view.matn_words == words  # no chain of narrators: every word
    hadith = BeadView(0, "حدثنا مالك عن نافع قال جاء الجيش", "The army came", None, "ar", "en", lexicon, chains=((0, 18),))
    assert [w.text for w in hadith.matn_words] == ["قال", "جاء", "الجيش"]
