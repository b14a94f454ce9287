"""Divergences injected into the English of modern news-style text (TICO-19), for
benchmarks/divergence_eval.py --corpus tico19.

Each injector takes one sentence pair and returns the changed English and a description,
or None when the sentence offers nothing of its kind. The injectors read the English with
their own small patterns, not with the checks' quantity model, so that the benchmark does
not only find what the checks already read:

- `number`: a number the Arabic also has (the same digits, or the same number word's value)
  is changed: a digit of an amount ("2.8 billion" -> "3.8 billion", "11%" -> "12%"), a
  scale word ("million" -> "billion"), a year (2019 -> 2017), a month name the Arabic
  spells (March -> June, آذار/مارس), a number word (five -> seven);
- `name`: a name whose transliteration skeleton an Arabic word of the sentence has (not an
  acronym, not a word the corpus also writes in lower case) is replaced by such a name
  from another document;
- `negation`: "not", "never", "no" removed, or "not" inserted after an auxiliary;
- `clause`: a clause (between commas, or from "and"/"which"/"who" to the next comma or
  the end) is cut out;
- `added`: a sentence from elsewhere in the document (at least ten lines away) is
  appended to the English line.
"""

from __future__ import annotations

import random
import re

from transalign.text.skeleton import arabic_key, english_key, english_name_words, similar
from transalign.text.normalize import normalize_arabic, normalize_digits
from transalign.text.quantities import find_quantities, references

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
# Egyptian/Gulf and Levantine month names, normalized (for "does the Arabic have this month").
_ARABIC_MONTHS = (
    ("يناير", "كانون الثاني"), ("فبراير", "شباط"), ("مارس", "اذار"), ("ابريل", "نيسان"), ("مايو", "ايار"),
    ("يونيو", "حزيران"), ("يوليو", "تموز"), ("اغسطس", "اب"), ("سبتمبر", "ايلول"), ("اكتوبر", "تشرين الاول"),
    ("نوفمبر", "تشرين الثاني"), ("ديسمبر", "كانون الاول"),
)
_AMOUNT = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s*(million|billion|thousand|bn|m)\b)?(?![\w/-]|[.,]\d)")
_SCALE_SWAP = {"million": "billion", "billion": "million", "thousand": "million", "bn": "m", "m": "bn"}
_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twenty": 20, "hundred": 100}
_NEGATION = re.compile(r"\b(?:not|never)\s|n't\b|\bno\s")
_AUXILIARY = re.compile(r"\b(?:is|was|were|are|will|would|should|could|can|did|does|do|has|had|must|may)\b(?!\s+not)")
_CLAUSE = re.compile(r",\s(?:and\s|which\s|who\s|but\s)?[^,;.:!?\"()]{20,}?(?=[,;.]|$)|\s(?:and|which|who|while|because)\s[^,;.:!?\"()]{20,}?(?=[,;.]|$)")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+)$")


def _arabic_digits(arabic: str) -> set[str]:
    """Every run of digits in the Arabic, separators dropped (٢٫٨ -> 2.8, 1,000 -> 1000)."""
    text = normalize_digits(arabic).replace("٫", ".").replace("٬", "")
    return {m.group().replace(",", "") for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", text)}


def inject_number(arabic: str, english: str, rng: random.Random) -> tuple[str, str] | None:
    digits = _arabic_digits(arabic)
    normalized = normalize_arabic(arabic)
    candidates: list[tuple[int, int, str]] = []
    cited = references(english, "en")  # "(Figure 1)", "No. 12": cross-references, not content
    for m in _AMOUNT.finditer(english):
        if any(a <= m.start() < b for a, b in cited):
            continue
        whole, decimals, scale = m.group(1).replace(",", ""), m.group(2), m.group(3)
        if (whole + ("." + decimals if decimals else "")) not in digits and whole not in digits:
            continue
        span = m.group()
        if scale and rng.random() < 0.4:
            new = span[: m.end(3) - m.start()][: -len(scale)] + _SCALE_SWAP[scale.lower()]
        elif len(whole) == 4 and 1900 <= int(whole) <= 2030 and not decimals:
            new = str(int(whole) - 2)
        else:
            position = m.start(1) - m.start() + max(i for i, ch in enumerate(m.group(1)) if ch.isdigit() and (ch != "0" or i == 0))
            digit = int(span[position])
            new = span[:position] + str((digit + rng.choice((1, 2, 3))) % 10 or 1) + span[position + 1 :]
        candidates.append((m.start(), m.end(), new))
    for i, month in enumerate(MONTHS):
        for m in re.finditer(rf"\b{month}\b", english):
            if any(re.search(rf"(?<![\w]){normalize_arabic(name)}(?![\w])", normalized) for name in _ARABIC_MONTHS[i]):
                candidates.append((m.start(), m.end(), MONTHS[(i + rng.choice((2, 3, 5))) % 12]))
    arabic_values = {q.value for q in find_quantities(arabic, "ar")}
    for m in re.finditer(r"\b(?:" + "|".join(_WORDS) + r")\b", english, re.IGNORECASE):
        if _WORDS[m.group().lower()] in arabic_values:
            others = [w for w, v in _WORDS.items() if v not in arabic_values and v < 100]
            new = rng.choice(others)
            candidates.append((m.start(), m.end(), new.capitalize() if m.group()[0].isupper() else new))
    if not candidates:
        return None
    start, end, new = rng.choice(candidates)
    return english[:start] + new + english[end:], f"{english[start:end]} -> {new}"


def arabic_keys(arabic: str) -> set[str]:
    keys = {arabic_key(normalize_arabic(w)) for w in re.findall(r"[\u0621-\u064a\u064b-\u065f]+", arabic)}
    return {k for k in keys if len(k) >= 2}


def transliterated_names(arabic: str, english: str, common: set[str]) -> list[tuple[str, int, int]]:
    """English capitalized words whose skeleton an Arabic word of the pair has: not months, not
    acronyms (Arabic spells COVID and SARS its own way) and not `common`, the words the corpus
    also writes in lower case (a capitalized common noun is no name)."""
    keys = arabic_keys(arabic)
    return [(w, a, b) for w, a, b in english_name_words(english)
            if w not in MONTHS and not w.isupper() and w.lower() not in common
            and len(english_key(w)) >= 3 and any(similar(english_key(w), k) for k in keys)]


def inject_name(arabic: str, english: str, rng: random.Random, pool: list[str], common: set[str]) -> tuple[str, str] | None:
    names = transliterated_names(arabic, english, common)
    if not names:
        return None
    word, a, b = rng.choice(names)
    keys = arabic_keys(arabic)
    choices = [n for n in pool if n not in english and not any(similar(english_key(n), k) for k in keys)]
    new = rng.choice(choices)
    return english[:a] + new + english[b:], f"{word} -> {new}"


def inject_negation(arabic: str, english: str, rng: random.Random) -> tuple[str, str] | None:
    found = list(_NEGATION.finditer(english))
    if found:
        m = rng.choice(found)
        return english[: m.start()] + english[m.end() :], f"removed '{m.group().strip()}'"
    found = list(_AUXILIARY.finditer(english))
    if not found:
        return None
    m = rng.choice(found)
    return english[: m.end()] + " not" + english[m.end() :], f"inserted 'not' after '{m.group()}'"


def inject_clause(arabic: str, english: str, rng: random.Random) -> tuple[str, str] | None:
    cuts = [m for m in _CLAUSE.finditer(english) if len(m.group().split()) >= 4 and len(english) - len(m.group()) >= 0.4 * len(english)]
    if not cuts:
        return None
    m = rng.choice(cuts)
    return english[: m.start()] + english[m.end() :], f"cut '{m.group().strip(', ')}'"


def inject_added(english: str, rng: random.Random, elsewhere: list[str]) -> tuple[str, str] | None:
    if not elsewhere:
        return None
    new = rng.choice(elsewhere)
    joined = english.rstrip()
    if not joined.endswith((".", "!", "?", '"', "”")):
        joined += "."
    return f"{joined} {new}", f"appended '{new}'"
