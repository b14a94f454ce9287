from transalign.diverge import number
from transalign.text.quantities import find_quantities, homograph
from tests.test_diverge import view


def read(text: str, lang: str) -> list[tuple[float, str, str]]:
    return [(q.value, q.kind, q.label(text)) for q in find_quantities(text, lang)]


def test_arabic_number_words_with_any_clitic():
    assert read("لِثَمَانَ عَشْرَةَ خَلَتْ", "ar") == [(18, "number", "لِثَمَانَ عَشْرَةَ")]
    assert read("كألف رجل وبخمسين", "ar") == [(1000, "number", "كألف"), (50, "number", "وبخمسين")]
    assert read("ثِنْتَا عَشْرَةَ أُوقِيَّةً", "ar") == [(12, "number", "ثِنْتَا عَشْرَةَ")]
    assert read("لست أدري", "ar") == []  # لست is "I am not", not ل + ست


def test_vowelled_arabic_ordinals_and_compound_ordinals():
    assert read("أَوَّلَ يَوْمٍ", "ar") == [(1, "ordinal", "أَوَّلَ")]
    assert read("الْيَوْمِ الْحَادِي عَشَرَ", "ar") == [(11, "ordinal", "الْحَادِي عَشَرَ")]


def test_fractions_by_denominator_and_vowels():
    assert read("الْخُمُسِ وَالثُّلُثَ", "ar") == [(5, "fraction", "الْخُمُسِ"), (3, "fraction", "وَالثُّلُثَ")]
    assert read("نِصْفُ الْعُشْرِ", "ar") == [(20, "fraction", "نِصْفُ الْعُشْرِ")]
    assert read("السَّبُعُ", "ar") == []  # the beast of prey
    assert read("a fifth of it, a fourth time", "en") == [(5, "fraction", "fifth"), (4, "ordinal", "fourth")]


def test_elided_scale_or_tens_is_shared_by_alternatives():
    assert [q.value for q in find_quantities("Seven or eight hundred men", "en")] == [700, 800]
    assert [q.value for q in find_quantities("إِمَّا وَاحِدَةٌ أَوِ اثْنَتَانِ أَوْ ثَلاَثٌ وَسَبْعُونَ", "ar")] == [71, 72, 73]


def test_unvowelled_definite_homographs_only():
    assert homograph("الخمس") and not homograph("الْخَمْسُ") and not homograph("الثلاث")


def test_changed_number_after_definite_cardinal_is_flagged():
    flags = number.check([view("إلا بإحدى الثلاث.", "except for seven reasons.")])
    assert len(flags) == 1 and "3" in flags[0].message


def test_changed_vowelled_ordinal_is_flagged():
    flags = number.check([view("رَأَيْتُهُ أَوَّلَ يَوْمٍ.", "I saw it the ninth day.")])
    assert len(flags) == 1 and "ordinal" in flags[0].message


def test_a_footnote_mark_between_sentences_is_no_quantity():
    assert find_quantities("It is sufficient for him. 73 The narrator did not mention it.", "en") == []
    assert [q.value for q in find_quantities("He gave 73 camels. 5 The end.", "en")] == [73.0]
    assert [q.value for q in find_quantities("He said: 73 men came.", "en")] == [73.0]
    assert [q.value for q in find_quantities("It rained. 5 people died.", "en")] == [5.0]


def test_the_definite_six_is_read_but_not_i_am_not():
    assert [q.value for q in find_quantities("الْخَمْسَ أَوِ السِّتَّ", "ar")] == [5.0, 6.0]
    assert find_quantities("لست أدري", "ar") == []


def test_classical_order_names_the_hundreds_last_and_fractions_take_possessives():
    assert [q.value for q in find_quantities("وَهُوَ ابْنُ تِسْعِينَ وَمِائَةٍ", "ar")] == [190.0]
    assert [q.value for q in find_quantities("خَمْسٍ وَعِشْرِينَ وَمِائَةٍ", "ar")] == [125.0]
    assert [q.value for q in find_quantities("قتل ٣١ ومائة جريح", "ar")] == [31.0, 100.0]  # digits: two amounts
    assert [(q.value, q.kind) for q in find_quantities("أَخْرَجَ خُمُسَهُ وَثُلُثَهَا", "ar")] == [(5.0, "fraction"), (3.0, "fraction")]
    assert [(q.value, q.kind) for q in find_quantities("خمسه رجال", "ar")] == [(5.0, "number")]  # unvowelled: five
    assert [q.value for q in find_quantities("أُوتِيَ مُوسَى سِتًّا", "ar")] == [6.0]


def test_he_praised_is_not_two():
    assert find_quantities("فَحَمِدَ اللَّهَ وَأَثْنَى عَلَيْهِ", "ar") == []
    assert [q.value for q in find_quantities("اثْنَيْ عَشَرَ رَجُلاً", "ar")] == [12.0]
    assert [q.value for q in find_quantities("اثْنَىْ عَشَرَ رَجُلاً", "ar")] == [12.0]


def test_a_cardinal_after_night_or_day_counts_as_an_ordinal_unless_in_digits():
    assert [(q.value, q.kind) for q in find_quantities("إِنَّهَا لَيْلَةُ سَبْعٍ وَعِشْرِينَ", "ar")] == [(27.0, "ordinal")]
    assert [(q.value, q.kind) for q in find_quantities("اليوم ثلاثة قتلى", "ar")] == [(3.0, "number")]  # اليوم: today
    assert [(q.value, q.kind) for q in find_quantities("يوم ١٥ أيار", "ar")] == [(15.0, "number"), (5.0, "month")]


def test_the_counted_noun_said_again_adds_one():
    assert [q.value for q in find_quantities("فِي كُلِّ مِائَةِ شَاةٍ وَشَاةٍ", "ar")] == [101.0]
    assert [q.value for q in find_quantities("ثلاثة رجال ونساء", "ar")] == [3.0]
    assert [q.value for q in find_quantities("خمسة أيام وأيام", "ar")] == [5.0]  # plural after five: "days and days"


def test_monday_is_a_day_not_two():
    assert find_quantities("صَامَ يَوْمَ الاِثْنَيْنِ", "ar") == []
    assert find_quantities("صَوْمِ الاِثْنَيْنِ وَالْخَمِيسِ", "ar") == []
    assert [q.value for q in find_quantities("بين الاثنين", "ar")] == [2.0]  # "between the two"


def test_a_fraction_in_digits_is_read_by_its_denominator_a_date_is_not_a_fraction():
    assert read("containing 2/3 mudd", "en") == [(3.0, "fraction", "2/3")]
    assert [(q.value, q.kind) for q in find_quantities("on 3/5/2020 and 24/7", "en")] == [(3.0, "number"), (5.0, "number"), (2020.0, "number"), (24.0, "number"), (7.0, "number")]
    assert number.check([view("فِيهِ مَاءٌ قَدْرُ ثُلُثَىِ الْمُدِّ.", "A vessel containing 2/3 mudd of water.")]) == []
