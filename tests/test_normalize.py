"""Normalization for matching: each phenomenon of Arabic text in the wild, and what must not change."""

from __future__ import annotations

import pytest

from transalign.text.normalize import (
    arabic_tokens,
    is_arabic_script,
    normalize,
    normalize_arabic,
    normalize_digits,
    tokens,
)


@pytest.mark.parametrize("digits", ["٣١", "۳۱", "31"])
def test_digits_of_every_script_become_ascii(digits: str) -> None:
    assert normalize_digits(digits) == "31"
    assert normalize(digits, "ar") == "31"


def test_arabic_separators_become_ascii_one_character_each() -> None:
    text = "٣٬٥٠٠ و٣٫٥"
    assert normalize_digits(text) == "3,500 و3.5"
    assert len(normalize_digits(text)) == len(text)


def test_lam_alef_and_other_presentation_forms_are_resolved() -> None:
    assert normalize_arabic("ﻻ") == "لا"
    assert normalize_arabic("ﺍﻟﺴﻼﻡ") == "السلام"


def test_tatweel_is_removed() -> None:
    assert normalize_arabic("الكبيـــــر") == "الكبير"


def test_diacritics_and_quranic_marks_are_removed() -> None:
    assert normalize_arabic("قَالَ مُحَمَّدٌ") == "قال محمد"
    assert normalize_arabic("هٰذا") == "هذا"  # superscript alef
    assert normalize_arabic("الرَّحِيمِ ۝ ذَٰلِكَ ۖ") == "الرحيم ذلك"  # U+06DD, U+06D6 are Quranic marks


def test_bidi_controls_and_joiners_are_removed() -> None:
    text = "\u200fقال\u200e \u202bمحمد\u202c \u2067٣١\u2069\u061c \u200cنعم\ufeff"
    assert normalize_arabic(text) == "قال محمد 31 نعم"


@pytest.mark.parametrize(
    ("variant", "unified"),
    [("أحمد", "احمد"), ("إسلام", "اسلام"), ("آخر", "اخر"), ("ٱلله", "الله"),
     ("مستشفى", "مستشفي"), ("مدرسة", "مدرسه"), ("مسؤول", "مسوول"), ("رئيس", "رييس")],
)
def test_letter_variants_are_unified(variant: str, unified: str) -> None:
    assert normalize_arabic(variant) == unified


def test_persian_keyboard_letters_match_arabic_ones() -> None:
    assert normalize_arabic("کتاب علی") == normalize_arabic("كتاب علي")


def test_latin_text_is_lowercased_with_accents_kept() -> None:
    assert normalize("The Café in Deir ez-Zor", "en") == "the café in deir ez-zor"


def test_generic_folding_keeps_superscripts_and_fractions() -> None:
    assert normalize("10² ½ ﬁne", "en") == "10² ½ fine"
    assert normalize("١٠²", "ar") == "10²"


def test_generic_normalization_removes_bidi_marks_but_keeps_joiners() -> None:
    assert normalize("\u200eHello\u202c", "en") == "hello"
    assert "\u200d" in normalize("👩\u200d💻", "en")


def test_tokens_keep_numbers_whole_and_split_clitic_from_number() -> None:
    assert arabic_tokens("قالَ: إنّ ٣٬٥٠٠ و۳٫٥ و31 مقاتلاً") == ["قال", "ان", "3,500", "و", "3.5", "و", "31", "مقاتلا"]


def test_english_tokens() -> None:
    assert tokens("The U.S. paid $1,000.50, then 3.5 more; don’t!", "en") == [
        "the", "u", "s", "paid", "1,000.50", "then", "3.5", "more", "don't",
    ]


def test_a_list_of_numbers_is_not_one_number() -> None:
    assert tokens("1,2,3 and 1,000, then", "en") == ["1", "2", "3", "and", "1,000", "then"]


@pytest.mark.parametrize(("lang", "arabic"), [("ar", True), ("ar-SY", True), ("arb_Arab", True), ("fa", True), ("en", False), ("fr-FR", False)])
def test_arabic_script_languages(lang: str, arabic: bool) -> None:
    assert is_arabic_script(lang) is arabic


# The fast paths (ASCII text skips folding, one translate pass for Arabic, folding only the
# characters that change) must give what the step-by-step definition gives.


def test_ascii_text_only_gets_spaces_and_case() -> None:
    assert normalize("Don't  STOP ", "en") == "don't stop"


def test_typographic_apostrophes_in_latin_text() -> None:
    assert normalize("It’s the Messenger’s ʼAli", "en") == "it's the messenger's 'ali"


def test_one_folded_ligature_in_long_latin_text_keeps_superscripts_and_fractions() -> None:
    assert normalize("The Prophet (ﷺ) said it’s 10² or ½", "en") == "the prophet (صلى الله عليه وسلم) said it's 10² or ½"


def test_arabic_digits_marks_separators_and_apostrophes_together() -> None:
    assert normalize("قُتِلَ ٣١ جُنْدِيًّا ’ في مَدِينَةِ الرَّسُولِ ۳٫٥", "ar") == "قتل 31 جنديا ' في مدينه الرسول 3.5"
    assert normalize("\u200fإِلَى الْمُؤْمِنِينَ،\u200c وَرَحْمَةُ اللَّهِ ١٬٠٠٠", "ar") == "الي المومنين, ورحمه الله 1,000"
    assert normalize("ﻻ إلـــه", "ar") == "لا اله"


def test_chained_tables_follow_one_tables_output_into_the_next() -> None:
    from transalign.text.normalize import _chain

    chained = _chain(str.maketrans({"a": "b", "x": None}), str.maketrans({"b": "cb", "y": "z"}))
    assert "abxy".translate(chained) == "abxy".translate(str.maketrans({"a": "b", "x": None})).translate(str.maketrans({"b": "cb", "y": "z"}))
    assert "abxy".translate(chained) == "cbcbz"
