"""Numbers as values, whatever script or words they were written in.

Used by the aligner as anchors and by the divergence checks: ٣١, ۳۱ and 31 are the same
number, and so are ثلاثين / ثلاثون and thirty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from transalign.text.normalize import normalize_arabic, normalize_digits

# Digits with optional thousands separators and decimals, after normalize_digits.
# Letters may touch a number (Arabic clitics: و٣١, ب٢٠١٤; English "31st"), digits and separators may not.
_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|(?<![\d.,])\d+(?:\.\d+)?")

# Number words are a small closed class; no maintained library reads Arabic number
# words, so the table is written here. Keys are in matching-normalized form
# (alef/ya/ta-marbuta unified), so they are looked up after transalign.text.normalize.
_ARABIC_WORDS = {
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5,
    "ست": 6, "سته": 6, "سبع": 7, "سبعه": 7, "ثماني": 8, "ثمانيه": 8, "ثمان": 8,
    "تسع": 9, "تسعه": 9, "عشر": 10, "عشره": 10,
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
    # مئة and مائة normalize to ميه and مايه; مئتان would read ميتان, "two dead", so it is left out.
    "مايه": 100, "مائه": 100, "ميه": 100, "مايتان": 200, "مايتين": 200,
    "مايتا": 200, "مايتي": 200,  # the dual before its noun: مائتي درهم
    "الف": 1000, "الفان": 2000, "الفين": 2000, "الفي": 2000, "مليون": 1_000_000, "مليار": 1_000_000_000,
}
_ENGLISH_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "million": 1_000_000, "billion": 1_000_000_000, "twice": 2, "thrice": 3,
}
_ARABIC_CLITICS = ("وال", "بال", "فال", "و", "ب", "ف", "ال")


def _trie(words: Iterable[str]) -> str:
    """A pattern matching exactly `words`, shared beginnings written once (six, sixty, seven: s(?:even|ix(?:ty|))).

    The engine tries a word alternation at every word start; as a trie it reads a letter or
    two there and gives up, instead of trying each of some fifty words in turn.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if "" in node:
            branches.append("")
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return pattern(root)


def _words_pattern(words: dict[str, int], prefixes: str, digits: bool) -> re.Pattern[str]:
    word = rf"(?<!\w){prefixes}(?P<word>{_trie(words)})(?!\w)"
    return re.compile(rf"(?P<digits>{_NUMBER.pattern})|{word}" if digits else word)


# Indexed by "is Arabic", then "has a digit": Arabic number words may carry a conjunction,
# preposition or article. Trying the digits branch at every character costs more than the
# words themselves, so text without a digit (most segments) is read without it.
_ARABIC_PREFIXES = f"(?:{'|'.join(_ARABIC_CLITICS)})?"
_NORMALIZED_NUMBER = {
    True: {digits: _words_pattern(_ARABIC_WORDS, _ARABIC_PREFIXES, digits) for digits in (True, False)},
    False: {digits: _words_pattern(_ENGLISH_WORDS, "", digits) for digits in (True, False)},
}
_DIGIT = re.compile(r"\d")


def values_in_normalized(normalized: str, lang: str) -> list[float]:
    """Number values of an already normalized text (transalign.text.normalize).

    The aligner asks this of every segment, so it is one regular-expression pass; use
    `find_numbers` when the spans in the original text are needed.
    """
    arabic = lang == "ar"
    words = _ARABIC_WORDS if arabic else _ENGLISH_WORDS
    values = []
    for match in _NORMALIZED_NUMBER[arabic][_DIGIT.search(normalized) is not None].finditer(normalized):
        word = match.group("word")  # the words-only pattern has no "digits" group
        values.append(float(words[word]) if word else float(match.group("digits").replace(",", "")))
    return values


def arabic_word_value(form: str) -> float | None:
    """Value of one matching-normalized Arabic number word as it stands, clitics not stripped."""
    value = _ARABIC_WORDS.get(form)
    return float(value) if value is not None else None


def find_numbers(text: str, lang: str) -> list[tuple[float, int, int]]:
    """(value, start, end) for every number in `text`; spans index the text as given.

    normalize_digits maps one character to one character, so spans found on the
    normalized text are valid on the original.
    """
    digits = normalize_digits(text)
    found = [(float(m.group().replace(",", "")), m.start(), m.end()) for m in _NUMBER.finditer(digits)]
    for word in re.finditer(r"\w+", text):
        value = _word_value(word.group(), lang)
        if value is not None:
            found.append((value, word.start(), word.end()))
    return sorted(found, key=lambda item: item[1])


@lru_cache(maxsize=100_000)
def _word_value(word: str, lang: str) -> float | None:
    """Value of a number word; cached because every word of every segment is asked."""
    if lang == "ar":
        form = normalize_arabic(word)
        if form in _ARABIC_WORDS:
            return float(_ARABIC_WORDS[form])
        for clitic in _ARABIC_CLITICS:
            if form.startswith(clitic) and form[len(clitic):] in _ARABIC_WORDS:
                return float(_ARABIC_WORDS[form[len(clitic):]])
        return None
    value = _ENGLISH_WORDS.get(word.lower())
    return float(value) if value is not None else None
