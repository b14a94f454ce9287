"""The divergence checks on news text (issue 13): each rule with a case from TICO-19 or from
the issue's report that the checks got wrong before."""

from __future__ import annotations

import pytest

from benchmarks.hadith_data import document
from benchmarks.tico19 import load_documents
from transalign.diverge import addition, name, negation, number, omission
from transalign.diverge.context import BeadView
from transalign.options import Options
from transalign.pipeline import run
from transalign.text.quantities import find_quantities


def bead(source: str, translation: str) -> BeadView:
    return BeadView(0, source, translation, None, "ar", "en", None)


def says(check, source: str, translation: str) -> list[str]:
    return [f.message for f in check.check([bead(source, translation)])]


def values(text: str, lang: str) -> list[tuple[float, str]]:
    return [(q.value, q.kind) for q in find_quantities(text, lang)]


@pytest.mark.parametrize("text, lang, expected", [
    ("بلغت الخسائر 2.8 مليار جنيه", "ar", [(2.8e9, "number")]),
    ("Losses reached £2.8bn, and $5m more; the runner was 5 m away", "en", [(2.8e9, "number"), (5e6, "number"), (5, "number")]),
    ("بلغ العجز 2,8 مليار دولار", "ar", [(2.8e9, "number")]),  # a decimal comma before a scale word
    ("أصيب مليون ونصف شخص", "ar", [(1.5e6, "number")]),
    ("he left in '53", "en", [(1953, "number")]),
    ("في 11 آذار/مارس 2020", "ar", [(11, "number"), (3, "month"), (2020, "number")]),
    ("on March 11, 2020; May God bless them", "en", [(3, "month"), (11, "number"), (2020, "number")]),
    ("مارس الرياضة يوميا", "ar", []),  # مارس "he practised"
    ("He won 5&4 and Italy beat France 2-1 in 41-50 minutes", "en", [(504, "score"), (201, "score"), (41, "number"), (50, "number")]),
    ("SARS-CoV-2 binds ACE2 (Figure 1); Bioeasy.80% failed", "en", [(80, "percent")]),
    ("(4) جمع عينات مصل النَّاقهين (الشكل 1).", "ar", []),  # PubMed_10:867: list and figure numbers
])
def test_the_quantity_model_reads_news_amounts(text, lang, expected):
    assert values(text, lang) == expected


def test_values_compare_with_their_scales():
    # The "2.8 مليار" read as 2.8e9 against "£2.8bn" read as 2.8: a false changed number.
    assert says(number, "بلغت الخسائر 2.8 مليار جنيه", "Losses reached £2.8bn") == []
    assert says(number, "بلغت الخسائر 2.8 مليار جنيه", "Losses reached £2.8m") == ["number 2.8 billion (“2.8 مليار”) in the Arabic, 2.8 million (“2.8m”) in the English"]
    assert says(number, "تجاوز عدد الإصابات مليون ونصف", "Infections passed 1.5 million") == []
    # ... and with their currencies: the pound is one unit, جنيه or £.
    assert says(number, "بلغت الخسائر 2.8 مليار جنيه", "Losses reached $2.8bn") == [
        "amount 2.8 billion (“2.8 مليار”) in pounds in the Arabic, in dollars in the English"]


def test_scores_codes_references_and_two_digit_years_are_no_loose_numbers():
    assert says(number, "فاز وودز على منافسه", "Woods won the final 5&4") == []
    # TICO-19 PubMed_7:228: "DPP4" says the 4 of "(دي بي بي 4)".
    assert says(number, "الإنزيم المحول للأنجيوتنسين 2 (أيه سي إي 2) وثنائي بيتيديل ببتيداز 4 (دي بي بي 4)",
                "angiotensin-converting enzyme 2 (ACE2) and dipeptidyl peptidase 4 (DPP4)") == []
    assert says(number, "(4) جمع عينات مصل النَّاقهين.", "(4) Collecting convalescent serum samples.") == []
    assert says(number, "ولد عام 1953", "he was born in '53") == []


def test_a_changed_month_is_a_changed_number():
    # TICO-19 Wikinews_1:8, its month changed.
    arabic = "أعلنت منظمة الصحة العالمية (WHO) مرض كوفيد-19 جائحة في 11 مارس."
    assert says(number, arabic, "The World Health Organization (WHO) declared COVID-19 a pandemic on March 11.") == []
    assert says(number, arabic, "The World Health Organization (WHO) declared COVID-19 a pandemic on June 11.") == [
        "number March (“مارس”) in the Arabic, June in the English"]


def test_names_are_what_the_word_list_and_the_skeleton_say_not_capitals():
    # TICO-19 Wikinews_1:5: "Dr" is a title; the names match their transliterations.
    arabic = "ذكرت مديرة معهد علم الأوبئة ومكافحة الأمراض والبحوث، د. ميرجادي سابرينا فلورا، في مؤتمر صحفي عبر الإنترنت"
    assert says(name, arabic, "In an online news briefing, the director of IEDCR, Dr Meerjady Sabrina Flora, said") == []
    assert says(name, arabic, "In an online news briefing, the director of IEDCR, Dr Meerjady Sabrina Russell, said") == [
        "name Russell in the English is nowhere in the Arabic"]
    # Titles, contractions and capitalized common words were flagged as names before.
    assert says(name, "قال النقيب إن هناك مشكلة في وزارة البنية التحتية", "the Capt said There's a problem at the Ministry of Infrastructure") == []
    # A nationality adjective pairs with its nisba (issue 19, item 8).
    assert says(name, "أعلنت الحكومة اللبنانية إغلاق المطار", "the Lebanese government closed the airport") == []
    # A name the Arabic keeps in Latin script (TICO-19 wiki_7:2445), and a loose transliteration.
    assert says(name, "نشرت الحكومة الصينية بالتعاون مع Alipay تطبيقًا", "the Chinese government, with Alipay, deployed an app") == []
    assert says(name, "أبلغ تشانغ وآخرون عن بنية", "the structure was reported by Zhang et al") == []


@pytest.mark.parametrize("arabic, english, flagged", [
    # TICO-19 PubMed_7:253, its "no" removed: one certain negator is enough in news.
    ("حاليًّا، لم ترد أي دراسة تفصيلية بشأن الاستجابة المناعية لسارس-كوف-2.", "Currently, a detailed study has been reported regarding the immunological response", True),
    # CMU_1:50 with "not" inserted: لا يزال is "still", no negation.
    ("هل لا يزال لديك شعور بما يشبه ضيق التنفس", "do not still feel like shortness of breath", True),
    ("هل لا يزال لديك شعور بما يشبه ضيق التنفس", "do still feel like shortness of breath", False),
    # CMU_1:90 with "not" inserted: ألم الصدر is chest pain, no negated question.
    ("إنه ضغط يشبه ألم الصدر", "it is not a pressure like chest pain", True),
    # wiki_9:2989: "unknown" says the Arabic's لم يكن معروفًا.
    ("حتى مارس 2020، لم يكن معروفًا ما إذا كانت العدوى السابقة توفر مناعة", "As of March 2020, it was unknown if past infection provides immunity", False),
    ("ما لا يقل عن 52 ألف حالة وفاة", "At least 52 thousand deaths", False),  # Wikinews_3: at least
    # The fixture's flipped negation: "again" is no negative prefix on "gain".
    ("لكن هذا لم يحصل، ولن يحصل إن شاء الله", "but this has happened, and will happen again, God willing", True),
])
def test_negation_in_news(arabic, english, flagged):
    assert bool(says(negation, arabic, english)) is flagged


@pytest.fixture(scope="module")
def wikinews() -> tuple[list[str], list[str]]:
    doc = next(d for d in load_documents("tune") if d.name == "Wikinews_1")
    return [p.arabic for p in doc.pairs], [p.english for p in doc.pairs]


def flags_of(arabic: list[str], english: list[str]) -> list[tuple[str, int]]:
    result = run(document(arabic, "ar", "ar.txt"), document(english, "en", "en.txt"), Options(segmented=True, use_model=False))
    return [(f.kind, f.bead) for f in result.flags]


def test_a_sentence_appended_to_an_aligned_line_and_a_passage_cut_out_of_one(wikinews):
    arabic, english = wikinews
    assert flags_of(arabic, english) == []
    appended = list(english)
    appended[2] += " " + english[12]
    assert flags_of(arabic, appended) == [("addition", 2)]
    cut = list(english)
    cut[10] = cut[10].replace(" would be shut down for longer than initially planned, until this coming Saturday", "")
    assert flags_of(arabic, cut) == [("omission", 10)]


def test_the_news_rules_stand_aside_in_hadith_text():
    view = bead("حَدَّثَنَا مُسَدَّدٌ قال لم يفعل ذلك", "Musaddad said he did that")
    view.hadith = True
    assert negation.check([view]) == []
    view.features = {"length_ratio": 0.3}
    assert omission._cut(view) == [] and addition._appended(view) == []


def test_the_news_injector_changes_what_it_says_it_changes(wikinews):
    import random

    from benchmarks import news_inject

    arabic, english = wikinews
    rng = random.Random(0)
    changed, detail = news_inject.inject_number(arabic[4], english[4], rng)  # "A total of 17 deaths ..."
    old, new = detail.split(" -> ")
    assert old == "17" and new != old and changed == english[4].replace("17", new)
    changed, detail = news_inject.inject_number(arabic[8], english[8], random.Random(1))  # March 11: the month or the day
    assert changed != english[8] and detail.split(" -> ")[0] in ("March", "11")
    appended, _ = news_inject.inject_added(english[2], rng, [english[12]])
    assert appended == f"{english[2]} {english[12]}"
    assert news_inject.inject_negation("", "It was allowed.", rng)[0] == "It was not allowed."
    assert news_inject.inject_clause("", english[10], rng)[0] != english[10]
