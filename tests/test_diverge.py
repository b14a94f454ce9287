"""One test per divergence check, on small hand-made beads (no model, no fixture)."""

from __future__ import annotations

from transalign.diverge import check, diff_words, length, name, negation, number, omission
from transalign.diverge.context import BeadView
from transalign.profiles.hadith import isnad_end
from transalign.align.lexicon import Lexicon, load_lexicon
from transalign.options import Options
from transalign.text.quantities import find_quantities
from transalign.types import DiffOp, Alignment, Bead, Document, Result, Segment


def view(source: str, translation: str, index: int = 0, rendering: str | None = None) -> BeadView:
    return BeadView(index, source, translation, rendering, "ar", "en", None)


def number_says(source: str, translation: str) -> list[str]:
    """The messages of the number check on one bead."""
    return [f.message for f in number.check([view(source, translation)])]


def result(pairs: list[tuple[str, str]]) -> Result:
    src = tuple(Segment(i, a) for i, (a, _) in enumerate(pairs) if a)
    tgt = tuple(Segment(i, b) for i, (_, b) in enumerate(pairs) if b)
    beads, s, t = [], 0, 0
    for a, b in pairs:
        beads.append(Bead(((s,) if a else ()), ((t,) if b else ()), 0.9))
        s, t = s + bool(a), t + bool(b)
    return Result(Document("ar", "ar", src), Document("en", "en", tgt), Alignment(tuple(beads), 1.0))


def test_quantities_compose_words_ordinals_and_percentages():
    ar = "قتل واحد وثلاثون جنديا عام ألفين وأربعة عشر و٣١ بالمئة والمرة الثالثة"
    assert [(q.value, q.kind) for q in find_quantities(ar, "ar")] == [(31, "number"), (2014, "number"), (31, "percent"), (3, "ordinal")]
    en = "thirty-one soldiers, 1,000 men, 5 per cent, the 31st time, at 3:30"
    assert [(q.value, q.kind) for q in find_quantities(en, "en")] == [(31, "number"), (1000, "number"), (5, "percent"), (31, "ordinal"), (210, "time")]


def test_number_changed_is_flagged_with_both_spans():
    flags = number.check([view("قتل ٣١ جنديا في الهجوم.", "13 soldiers were killed in the attack.")])
    assert len(flags) == 1 and flags[0].message == "number 31 in the Arabic, 13 in the English"
    assert [(e.side, e.text) for e in flags[0].evidence] == [("source", "٣١"), ("translation", "13")]


def test_number_same_value_in_other_script_is_not_flagged():
    assert number_says("قتل واحد وثلاثون جنديا.", "31 soldiers were killed.") == []


def test_negation_flipped():
    assert negation.check([view("لم يحدث ذلك ولن يحدث.", "That happened and will happen.")])
    assert negation.check([view("لم يحدث ذلك ولن يحدث.", "That did not happen and will not happen.")]) == []
    flags = negation.check([view("حدث ذلك في حمص.", "That did not happen in Homs.")])
    assert flags and flags[0].evidence[0].text == "not"


def test_no_negation_is_demanded_by_were_it_not_or_a_bracketed_gloss():
    arabic = "لَوْلاَ أَنْ أَشُقَّ عَلَى أُمَّتِي لأَمَرْتُهُمْ بِالسِّوَاكِ."
    assert negation.check([view(arabic, "Were it not hard on my people, I would order them to use the tooth-stick.")]) == []
    arabic = "قَالَتْ أَفَأَنْقُضُهُ قَالَ إِنَّمَا يَكْفِيكِ أَنْ تَحْثِي عَلَى رَأْسِكِ."
    assert negation.check([view(arabic, "She asked: Should I undo it? He replied (no), it is enough for you to pour water on your head.")]) == []
    assert negation.check([view(arabic, "She asked: Should I undo it? He replied: no, it is enough for you to pour water on your head.")])


def test_negation_in_a_rhetorical_question_and_from_nothing():
    question = "هل جاء وجودهم من العدم، أليس هناك دعم لهؤلاء؟"
    assert negation.check([view(question, "Did their presence come from nowhere? Is there no support for them?")]) == []
    assert negation.check([view("جاء وجودهم من العدم.", "Their presence came from nowhere.")]) == []
    assert negation.check([view("لا إله إلا الله.", "There is no god but Allah.")]) == []


def test_omission_of_an_unaligned_sentence():
    flags = omission.check([view("وأضاف أن الهجوم وقع أمس.", "")])
    assert len(flags) == 1 and flags[0].kind == "omission" and flags[0].evidence[0].side == "source"


def test_addition_of_an_unaligned_sentence():
    flags, _ = check(result([("قال الرئيس.", "The president said."), ("", "Nobody knows why.")]), Options(use_dictionary=False))
    assert [(f.kind, f.bead) for f in flags] == [("addition", 1)]


def test_name_swapped_against_the_documents_names():
    views = [view("قتل جنود في دير الزور.", "Soldiers were killed in Deir ez-Zor."), view("وصل الجيش الى دير الزور.", "The army reached Raqqa.", 1)]
    flags = name.check(views)
    assert [(f.bead, f.evidence[-1].text) for f in flags] == [(1, "Raqqa")]


def test_an_english_name_no_arabic_word_of_the_document_spells_is_flagged():
    views = [view("قتل جنود في دير الزور.", "Soldiers were killed in Deir ez-Zor."), view("وصل الجيش الى المدينة.", "The army reached Tadmur.", 1)]
    flags = name.check(views)
    assert [(f.bead, f.message) for f in flags] == [(1, "name Tadmur in the English is nowhere in the Arabic")]
    # An Arabic word elsewhere in the document spells it (the translator named the city): no flag.
    views[0] = view("قتل جنود في تدمر.", "Soldiers were killed there.")
    assert name.check(views) == []
    # Nor for an acronym, which Arabic spells its own way (SDF, قسد).
    assert name.check([view("وصل الجيش الى المدينة.", "The SDF reached the city.")]) == []


def test_length_outlier_against_the_documents_own_ratio():
    views = [view("ا" * 60, "b" * 120, i) for i in range(8)] + [view("ا" * 60, "b" * 12, 8)]
    assert [f.bead for f in length.check(views)] == [8]


def test_isnad_ends_where_the_matn_starts():
    text = "حَدَّثَنَا مُسَدَّدٌ، حَدَّثَنَا عِيسَى، عَنْ جَابِرِ بْنِ عَبْدِ اللَّهِ، أَنَّ النَّبِيَّ كَانَ إِذَا أَرَادَ"
    assert text[isnad_end(text):].startswith("أَنَّ النَّبِيَّ")


def test_checks_run_and_faithful_pair_has_no_flags():
    flags, ran = check(result([("قتل ٣١ جنديا في دير الزور.", "31 soldiers were killed in Deir ez-Zor."), ("لم يحدث ذلك في حمص.", "That did not happen in Homs.")]), Options())
    assert flags == () and ran == ("omission", "addition", "number", "name", "negation", "length")


def test_word_diff_marks_runs():
    ops = diff_words("The army reached Raqqa today.", "The army reached Deir ez-Zor today.")
    assert ops[0] == DiffOp("equal", "The army reached", "The army reached") and ops[-1] == DiffOp("equal", "today.", "today.")
    assert "".join(o.translation for o in ops[1:-1]) == "Raqqa" and " ".join(o.rendering for o in ops[1:-1] if o.rendering) == "Deir ez-Zor"


def _two_sentence_view(translation: str, ratio: float) -> BeadView:
    first, second = "قتل الجنود في الهجوم على القافلة.", "وأعلن الجيش حظر التجول في المدينة."
    spans = ((0, len(first)), (len(first) + 1, len(first) + 1 + len(second)))
    return BeadView(0, f"{first} {second}", translation, None, "ar", "en", load_lexicon(), shape="2-1",
                    source_spans=spans, features={"length_ratio": ratio})


def test_omission_of_a_sentence_folded_into_a_bead_too_short_for_it():
    # "army" and "city" cover words of the second sentence: not uncovered enough to say so by coverage alone.
    english = "The soldiers were killed in the attack on the army convoy in the city."
    flags = omission.check([_two_sentence_view(english, 0.6)])
    assert len(flags) == 1 and "Arabic sentence" in flags[0].message and "60%" in flags[0].message
    assert flags[0].evidence[0].text.startswith("وأعلن")  # the sentence the English covers least
    # The same bead with English as long as the document's ratio predicts is a plain 2-1 merge.
    assert omission.check([_two_sentence_view(english, 1.0)]) == []


def test_a_fraction_is_not_the_cardinal_of_its_denominator():
    flags = number.check([view("أعطاهم مدا ونصفا.", "He gave them two and seven mudd.")])
    assert len(flags) == 1 and "1/2" in flags[0].message and "7" in flags[0].message
    assert number_says("أعطاهم مدا ونصفا.", "He gave them a mudd and a half.") == []


def test_an_english_two_stands_for_the_arabic_number_only_where_no_dual_can_explain_it():
    seven = "فَصَلَّى سَبْعَ رَكَعَاتٍ."
    assert number_says(seven, "He prayed two rak'ahs.") == ["number 7 (“سَبْعَ”) in the Arabic, 2 (“two”) in the English"]
    # الْيَمَانِيَيْنِ is a dual: the English "two" may render it, so the pair proves nothing.
    assert number_says("رَأَيْتُكَ تَصْنَعُ أَرْبَعًا وَتَمَسُّ الرُّكْنَيْنِ الْيَمَانِيَيْنِ.", "I saw you do things and touch the two Yamani corners.") == []
    # Unvowelled text cannot show a dual, so it is never taken for granted.
    assert number_says("فصلى سبع ركعات.", "He prayed two rak'ahs.") == []


def test_an_english_two_beyond_the_arabic_duals_stands_for_the_arabic_number():
    # One dual (الْكَعْبَيْنِ, "the ankles") explains one "two"; "two times" would need مَرَّتَيْنِ.
    arabic = "تَوَضَّأَ ثَلاَثًا وَغَسَلَ رِجْلَيْهِ إِلَى الْكَعْبَيْنِ."
    assert number_says(arabic, "He performed ablution two times and washed his feet up to the ankles.") == ["number 3 (“ثَلاَثًا”) in the Arabic, 2 (“two”) in the English"]
    assert number_says(arabic, "He performed ablution three times and washed his feet up to the two ankles.") == []
    # A singular ending in -ān (الْمَكَانِ) is no dual once the dictionary knows the singular.
    arabic, english = "صَلَّى أَرْبَعًا فِي الْمَكَانِ.", "He prayed two rak'ahs in the place."
    assert number_says(arabic, english) == []  # no dictionary: it may be a dual
    knowing = view(arabic, english)
    knowing.lexicon = Lexicon({"مكان": frozenset({"place"})})
    assert len(number.check([knowing])) == 1


def test_an_english_ordinal_pairs_with_the_arabic_one_whatever_its_value():
    assert number_says("فَقَامَ فِي الرَّكْعَةِ الثَّالِثَةِ.", "He stood up in the second rak'ah.") == ["number 3 (ordinal) (“الثَّالِثَةِ”) in the Arabic, 2 (ordinal) (“second”) in the English"]
    assert number_says("فَقَامَ فِي الرَّكْعَةِ الثَّانِيَةِ.", "He stood up in the second rak'ah.") == []


def test_an_english_ordinal_the_arabic_has_nowhere_is_flagged_unless_it_glosses_an_age():
    assert number_says("جَاءَ يَوْمَ الْعِيدِ.", "He came on the ninth day.") == ["number 9 (ordinal) (“ninth”) in the English is not in the Arabic"]
    assert number_says("أَعْطَاهُ بِنْتَ مَخَاضٍ.", "He gave him a she-camel in her third year.") == []
    assert number_says("حَلَّ يَوْمَ النَّحْرِ.", "He took it off on the tenth (of the month).") == []


def test_a_bracketed_gloss_repeating_a_number_leaves_the_number_itself_matched():
    arabic = "فَلْيَبْصُقْ عَنْ يَسَارِهِ ثَلاَثًا ثُمَّ يَسْتَعِيذُ أَرْبَعًا."
    assert number_says(arabic, "He must spit on his left (three times), three times, then seek refuge five times.") == ["number 4 (“أَرْبَعًا”) in the Arabic, 5 (“five”) in the English"]
    assert number_says(arabic, "He must spit on his left (three times), thrice, then seek refuge four times.") == []


def test_a_bracketed_number_stands_in_only_for_an_arabic_number_the_english_lacks():
    arabic = "وَسُبْحَانَ اللَّهِ بُكْرَةً وَأَصِيلاً ثَلاَثًا."
    assert number_says(arabic, "Glory be to Allah morning and evening (saying it four times).") == ["number 3 (“ثَلاَثًا”) in the Arabic, 4 (“four”) in the English"]
    assert number_says(arabic, "Glory be to Allah morning and evening three times (four words).") == []
    # An Arabic number said twice and glossed once is rendered: another gloss is no stand-in for it.
    arabic = "جَعَلْتُمُوهُمَا فِي السَّبْعِ وَهِيَ مِنَ الْمِئِينَ ثُمَّ وَضَعْتُهُمَا فِي السَّبْعِ."
    assert number_says(arabic, "You put it among the mi'in (one hundred verses) and among the long ones (seven).") == []


def test_an_english_cardinal_the_arabic_has_nowhere_is_flagged_a_repeated_one_is_not():
    assert number_says("الْيَدُ الْعُلْيَا خَيْرٌ مِنَ الْيَدِ السُّفْلَى.", "The upper hand is better than the lower eight.") == ["number 8 (“eight”) in the English is not in the Arabic"]
    arabic = "وَقَّتَ لَنَا أَرْبَعِينَ يَوْمًا. قَالَ وُقِّتَ لَنَا."
    assert number_says(arabic, "He fixed forty days for us. He said: Forty days were fixed for us.") == []


def test_a_day_of_the_month_spelled_out_for_a_named_day_is_not_flagged():
    arabic = "صَلَّى الظُّهْرَ يَوْمَ التَّرْوِيَةِ."
    assert number_says(arabic, "He prayed the noon prayer on the 8th of Dhul-Hijjah.") == []
    assert number_says(arabic, "He prayed the noon prayer on 9 Dhul-Hijjah.") == []
    assert len(number.check([view(arabic, "He prayed the noon prayer 9 times.")])) == 1


def _two_hadith_view(translation: str, segments: int) -> BeadView:
    first = "حدثنا مسدد حدثنا يحيى عن شعبة عن قتادة عن أنس قال قال رسول الله صلى الله عليه وسلم لا يؤمن أحدكم حتى يحب لأخيه ما يحب لنفسه."
    second = "حدثنا عثمان بن أبي شيبة حدثنا جرير عن منصور عن أبي وائل عن عبد الله قال سباب المسلم فسوق وقتاله كفر."
    offset = len(first) + 1
    cut = len(translation) // 2 if segments == 2 else len(translation)
    return BeadView(0, f"{first} {second}", translation, None, "ar", "en", load_lexicon(), shape=f"2-{segments}",
                    source_spans=((0, len(first)), (offset, offset + len(second))),
                    translation_spans=((0, cut), (cut + 1, len(translation)))[:segments],
                    chains=((0, isnad_end(first)), (offset, offset + isnad_end(second))))


def test_omission_of_a_hadith_merged_with_its_neighbour_under_one_english_line():
    # "Muslim" and "fights" cover words of the second hadith: too many to call it uncovered.
    english = "Anas reported the Messenger of Allah as saying: No Muslim believes until he loves for his brother what he loves for himself, and fights for him."
    flags = omission.check([_two_hadith_view(english, 1)])
    assert len(flags) == 1 and flags[0].message.startswith("Arabic hadith") and "2 hadiths" in flags[0].message
    assert "سباب" in flags[0].evidence[0].text  # the hadith the English does not cover
    both = english + " Abdullah reported: Abusing a Muslim is wickedness and fighting him is unbelief."
    assert omission._more_hadiths(_two_hadith_view(both, 1))  # the same bead with one English line
    assert omission._more_hadiths(_two_hadith_view(both, 2)) == []
    assert omission.check([_two_hadith_view(both, 2)]) == []


def test_flag_ids_are_unique_and_the_same_on_every_run():
    pairs = [
        ("قتل ٣١ جنديا في الهجوم.", "13 soldiers were killed in the attack."),
        ("لم يحدث ذلك ولن يحدث.", "That happened and will happen."),
        ("قتل ٣١ جنديا و٤ مدنيين.", "13 soldiers and 5 civilians were killed."),
    ]
    first = [f.id for f in check(result(pairs))[0]]
    assert len(first) >= 3 and all(first)
    assert len(set(first)) == len(first)
    assert [f.id for f in check(result(pairs))[0]] == first
    # An id names its flag, not its place in the list: a flag elsewhere keeps its id.
    later = [f.id for f in check(result([("وصل الوفد.", "The delegation arrived.")] + pairs))[0]]
    assert {i.split("-", 2)[2] for i in first} <= {i.split("-", 2)[2] for i in later}
