"""Number values from normalized text: the aligner's one-pass reader agrees with the spans reader."""

from __future__ import annotations

import pytest

from transalign.text.normalize import normalize
from transalign.text.numbers import find_numbers, values_in_normalized


@pytest.mark.parametrize(
    ("text", "lang", "values"),
    [
        ("THIRTY-ONE soldiers and One Hundred", "en", [30.0, 1.0, 1.0, 100.0]),
        ("sixties oneself someone 1,000.5 and 2", "en", [1000.5, 2.0]),
        ("no numbers here", "en", []),
        ("وثلاثين والثلاثين ولثلاثين بخمسه والفين ٣١", "ar", [30.0, 30.0, 5.0, 2000.0, 31.0]),
        ("الفاتحه السته", "ar", [6.0]),
        ("قتل ۳٫٥ و١٬٠٠٠", "ar", [3.5, 1000.0]),
        ("بمائتي درهم والفي صلاه ومائتان", "ar", [200.0, 2000.0, 200.0]),  # the dual, before its noun too
        ("he said it twice, then thrice", "en", [2.0, 3.0]),
    ],
)
def test_number_words_with_and_without_digits_in_the_text(text: str, lang: str, values: list[float]) -> None:
    found = values_in_normalized(normalize(text, lang), lang)
    assert found == values
    assert found == [value for value, _, _ in find_numbers(text, lang)]


def test_vowelled_number_words_with_clitics_are_read_after_normalization() -> None:
    # find_numbers' \w+ splits at the marks, so only this reader sees these words.
    assert values_in_normalized(normalize("وَثَلاثِينَ وَالْفَيْنِ", "ar"), "ar") == [30.0, 2000.0]
