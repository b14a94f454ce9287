"""Quantities as the divergence checks compare them: whole amounts, ordinals, percentages, times.

`transalign.text.numbers.find_numbers` reads every number word on its own ("thirty-one" is
30 and 1), which is what the aligner's anchors want. A translator's error is in the
amount, so here adjacent number words are composed ("thirty-one" = 31, "ألفين وأربعة
عشر" = 2014, "three thousand" = 3000, "٣ ملايين" = 3,000,000), ordinals (third, 31st,
الثالث) and percentages (31%, 31 percent, ٣١ بالمئة) are read with their kind, and
clock times (3:30) become minutes. "في المئة" after a number marks a percentage, not 100.

News writes amounts in digits with scale words and abbreviations, so a value is the amount
it names: "2.8 مليار" and "£2.8bn" are both 2.8e9 ("bn", "mn", "tn" after digits; "m"
and "k" only right after a currency's digits: "£5m", while "5 m" stays five metres),
"مليون ونصف" is 1.5e6, an Arabic decimal comma "2,8" is 2.8, a two-digit year "'53" is
1953. Month names are quantities of their own kind (value 1-12), in English and in both
Arabic systems (مارس and آذار; "آذار/مارس" is one month), so a changed month is a changed
quantity. A score ("5&4", "2-1" after won/beat/score) is kind "score": it is read, so its
digits are no loose numbers, but it is never evidence on its own.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
import unicodedata
from typing import Literal
from dataclasses import dataclass
from functools import lru_cache

from transalign.text.normalize import normalize_arabic, normalize_digits
from transalign.text.numbers import arabic_word_value, find_numbers
from transalign.text.words import ARABIC_WORD as _ARABIC_WORD


@dataclass(frozen=True)
class Quantity:
    value: float
    start: int
    end: int
    kind: str = "number"  # number | ordinal | fraction | percent | time | month | score
    unit: str = ""  # a currency: pound, dollar, euro (see _currency); "" when none is said

    def label(self, text: str) -> str:
        return text[self.start : self.end]


_ENGLISH_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100, "thousandth": 1000,
}
# Fractions by denominator (see _ARABIC_FRACTIONS); "a third", "one-fifth" are found by _fraction.
_ENGLISH_FRACTIONS = {
    "half": 2, "halves": 2, "quarter": 4, "thirds": 3, "fourths": 4, "fifths": 5, "sixths": 6, "sevenths": 7,
    "eighths": 8, "ninths": 9, "tenths": 10,
}
# Matching-normalized Arabic ordinals (feminine in ه); حادي only occurs in الحادي عشر (11th).
_ARABIC_ORDINALS = {
    "اول": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4, "رابعه": 4,
    "خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8, "ثامنه": 8,
    "تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10, "حادي": 1, "حاديه": 1,
}
# Only with the article: bare اولي is "more deserving" or "possessors of" (أولي الألباب).
_ARABIC_DEFINITE_ORDINALS = {"اولي": 1}
# Compounds written as one word and plurals of the scales (their duals are in service/transalign/text/numbers.py).
_ARABIC_EXTRA = {
    **{
        normalize_arabic(unit + hundred): v * 100
        for unit, v in (("ثلاث", 3), ("اربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("تسع", 9))
        for hundred in ("مائة", "مئة")
    },
    "الاف": 1000, "الف": 1000, "الفا": 1000, "ملايين": 1_000_000, "مليونا": 1_000_000, "مليارات": 1_000_000_000,
    "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2, "اثنتين": 2, "اثنتان": 2, "ثنتين": 2, "ثنتان": 2, "ثنتي": 2, "ثنتا": 2,
    "عشره": 10, "عشر": 10,
}
# Fractions, valued by their denominator (a third = 3), as translators keep the word:
# ثلث/ثلثا is "a third"/"two thirds", and English writes the fifth share as "the fifth".
# Unvowelled خمس, سبع, عشر, تسع, ثمن are read as cardinals (or, for ثمن, "price"); with
# vowels, a damma on the first letter marks the fraction: خُمُس, عُشْر, ثُمُن.
_ARABIC_FRACTIONS = {"نصف": 2, "ثلث": 3, "ربع": 4, "سدس": 6, "ثلثا": 3, "ثلثي": 3, "ثلثان": 3, "ثلثين": 3}
_VOWELLED_FRACTIONS = {"خمس": 5, "سبع": 7, "ثمن": 8, "تسع": 9, "عشر": 10}
# Cardinals that, unvowelled and with the article, usually mean something else: الخمس "the
# fifth share", السبع "the beast of prey", العشر "the tithe", الست "the lady", التسع "the ninth".
_HOMOGRAPHS = {"خمس", "سبع", "عشر", "ست", "تسع"}
_DAMMA, _FATHA, _SUKUN = "\u064f", "\u064e", "\u0652"
# Clitics an Arabic number word may carry: a conjunction, a preposition, the article (ل + ال = لل).
_ARABIC_PREFIXES = sorted(
    {c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") for a in ("", "ال")} | {c + "لل" for c in ("", "و", "ف")},
    key=len, reverse=True,
)
_HUNDRED_FORMS = {normalize_arabic(p + w) for p in ("بال", "ال") for w in ("مئة", "مائة", "ماية")}
_ARABIC_PERCENT = re.compile(r"\s*(?:بال|في ال)(?:" + "|".join(sorted({normalize_arabic(w) for w in ("مئة", "مائة", "ماية")})) + r")|\s*%")
_ENGLISH_PERCENT = re.compile(r"\s*(?:%|per\s?cent\b|percent\b)", re.IGNORECASE)
# Digits, also right after an Arabic clitic ("و31"), with thousands separators or decimals.
_DIGITS = re.compile(r"(?<![\d,])(?<!\d\.)\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|(?<![\d,])(?<!\d\.)\d+(?:\.\d+)?")  # "Bioeasy.80%" has its 80
# إحدى عشرة / أحد عشر / إحدى وعشرين: "one" is a number word only before ten or a tens word.
_TENS = "|".join(r"[\u064b-\u0652]*".join(stem) for stem in ("عشر", "ثلاث", "اربع", "أربع", "خمس", "ست", "سبع", "ثمان", "تسع"))
_ELEVEN = re.compile(
    r"(?<![\u0621-\u0652])(?:[لبوف][\u064b-\u0652]*)?([إاأ][\u064b-\u0652]*ح[\u064b-\u0652]*د[\u064b-\u0652]*[ىي]?[\u064b-\u0652]*)"
    r"\s+(?=ع[\u064b-\u0652]*ش[\u064b-\u0652]*ر|و[\u064b-\u0652]*(?:" + _TENS + r")[\u064b-\u0652]*[وي][\u064b-\u0652]*ن)"
)
_LATIN_WORD = re.compile(r"[^\W\d_]+")
_DIGIT_ORDINAL = re.compile(r"\b(\d+)(?:st|nd|rd|th)\b")
_DIGIT_FRACTION = re.compile(r"(?<![\d/.,])(\d{1,2})/(\d{1,2})(?![\d/])")
_NOUN_AND_NOUN = re.compile(rf"\s+({_ARABIC_WORD.pattern})\s+و[\u064b-\u065f]*({_ARABIC_WORD.pattern})")  # شاة وشاة
_MONDAY = re.compile("[وفبل]?الاثنين")  # normalized
_THURSDAY_NEXT = re.compile(r"\s*و(?:ال)?خميس")  # normalized
_ANY_DIGIT = re.compile(r"\d")  # what every pattern read in digits needs: a text without one is not scanned
_TIME = re.compile(r"(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")
_SCALES = (100, 1000, 1_000_000, 1_000_000_000, 1_000_000_000_000)
# Scale abbreviations after digits: always for bn/mn/tn, m and k only right after a
# currency's digits ("£5m", "$10k"), since "5 m" and "5k" may be metres and a race.
_ENGLISH_SCALE_ABBREVIATION = re.compile(r"(?:\s?(bn|mn|tn)|(m|k))(?![\w])")
_CURRENCY_SIGNS = {"£": "pound", "$": "dollar", "€": "euro", "US$": "dollar", "USD": "dollar", "EUR": "euro", "GBP": "pound"}
_CURRENCY_SIGN = re.compile(r"(US\$|USD|EUR|GBP|[£$€])\s?$")
_CURRENCY_NAMES = {
    **{w: "pound" for w in ("pound", "pounds", "جنيه", "جنيها", "جنيهات", "استرليني")},
    **{w: "dollar" for w in ("dollar", "dollars", "دولار", "دولارا", "دولارات")},
    **{w: "euro" for w in ("euro", "euros", "يورو")},
}
_CURRENCY_BEFORE = re.compile(r"(?:[£$€¥]|US\$|USD|EUR|GBP)\s?$")
_ENGLISH_YEAR = re.compile(r"(?<![\w\d'’])['’](\d\d)(?![\d\w'’])")  # '53, ’19
# 2,8 مليار: a decimal comma before a scale word or a percentage (thousands take three digits).
_ARABIC_DECIMAL_COMMA = re.compile(r"(?<![\d.,])(\d+),(\d{1,2})(?![\d,])")
_SCALE_OR_PERCENT_NEXT = re.compile(r"\s*(?:%|[وفب]?(?:ال)?(?:الف|الاف|مليون|ملايين|مليار|مليارات|بليون|تريليون)(?![\u0621-\u064a])|بالم|في الم)")
_AND_A_FRACTION = re.compile(r"\s*و(نصف|ربع)(?![\u0621-\u064a])")  # normalized: مليون ونصف, ثلاثه وربع
_SCORE = re.compile(r"(?<![\d.,/])(\d{1,2})\s?(&|-|–)\s?(\d{1,2})(?![\d.,/])")  # golf's 5&4; 2-1 after a word of winning
_SCORE_WORDS = re.compile(r"(?:won|win|beat|defeat|lost|los[ei]|drew|draw|score|victory|result|فاز|فوز|هزم|تغلب|خسر|تعادل|نتيجه|بنتيجه)\w*(?:\W+\w+){0,2}\W*$", re.IGNORECASE)
_ENGLISH_MONTHS = {
    name: i + 1 for i, names in enumerate((
        ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
        ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
    )) for name in names
}
# Egyptian/Gulf and Levantine month names, normalized; two-word Levantine names first.
_ARABIC_MONTHS = {
    normalize_arabic(name): i + 1 for i, names in enumerate((
        ("يناير", "كانون الثاني"), ("فبراير", "شباط"), ("مارس", "آذار"), ("أبريل", "إبريل", "نيسان"), ("مايو", "أيار"),
        ("يونيو", "يونيه", "حزيران"), ("يوليو", "يوليه", "تموز"), ("أغسطس", "آب"), ("سبتمبر", "أيلول"),
        ("أكتوبر", "تشرين الأول"), ("نوفمبر", "تشرين الثاني"), ("ديسمبر", "كانون الأول"),
    )) for name in names
}
# Month names that are also common words (مارس "he practised", آب/أب "father", أيار; May,
# March, the abbreviations) count only next to a number or after a word that introduces a date.
_AMBIGUOUS_MONTHS = {normalize_arabic(w) for w in ("مارس", "آب", "أيار", "مايو")} | {"may", "march", "mar", "jan", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "feb"}
_DATE_WORDS = {normalize_arabic(w) for w in ("في", "شهر", "منذ", "حتى", "خلال", "مطلع", "أواخر", "أوائل", "منتصف", "نهاية", "بداية", "من", "إلى", "الى")}
# The lookahead only saves time: every name begins with one of these letters.
_ENGLISH_MONTH = re.compile(r"\b(?=[JFMASOND])(" + "|".join(sorted(_ENGLISH_MONTHS, key=len, reverse=True)) + r")\b\.?", re.IGNORECASE)


# Cross-references a translator adds, not content of the source: "(No. 4243)", "tradition
# 345", "(Book 3, Number 1418)", "see hadith 1418", a Qur'an verse "(3:84)", "(Al-Qur'an 3:135)", "(54)",
# "(Figure 1)", "Table 4", "(Multimedia Appendix 1)", and a footnote mark standing between two
# sentences ("sufficient for him. 73 The narrator"). A bracketed single number with other words
# ("(in 1846)", "(AISI 304)") is content.
_REFERENCE_WORDS = r"No|Nos|Number|Book|Chapter|Vol|Volume|Hadith|Tradition|Verse|Surah|Sura|Page|p|Fig|Figure|Table|Appendix|Ref|Qur'an|Quran"
_REFERENCE = re.compile(
    rf"\b(?:{_REFERENCE_WORDS})\.?\s*\d+(?:\s*[:\-]\s*\d+)*"
    r"|\((?:[^()\d]{0,30}\s)?\d+(?:\s*[:\-,]\s*\d+)+\s*\)"
    rf"|\((?:[^()\d]{{0,30}}?\b(?:{_REFERENCE_WORDS})\.?\s*)?\d+\s*\)"
    r"|(?<=[.!?])\s+\d+(?=\s+(?-i:[A-Z])|\s*$)",
    re.IGNORECASE,
)
# The same in Arabic text: "(الشكل 1)", "الجدول 4", "(4)", and Arabic's order with the
# reference word first and its qualifier after: "(ملحق الوسائط المتعددة 4)" = "(Multimedia Appendix 4)".
_ARABIC_REFERENCE = re.compile(r"(?:الشكل|الجدول|شكل|جدول|الملحق|ملحق)\s*\d+"
                               r"|\((?:[^()\d]{0,30}?(?:الشكل|الجدول|شكل|جدول|الملحق|ملحق|رقم)[^()\d]{0,30}?)?\d+\s*\)")


def references(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of cross-references (numbered citations, figures, tables): they count as no quantity."""
    digits = normalize_digits(text)
    if not _ANY_DIGIT.search(digits):
        return []  # every reference has a number (see _ANY_DIGIT)
    return [m.span() for m in (_ARABIC_REFERENCE if lang == "ar" else _REFERENCE).finditer(digits)]


def find_quantities(text: str, lang: str) -> list[Quantity]:
    """Every quantity in `text` with its span in `text` as given, in order, cross-references left out."""
    cited = references(text, lang)
    return [q for q in _quantities(text, lang) if not _inside(q.start, cited)]


def _quantities(text: str, lang: str) -> list[Quantity]:
    digits = normalize_digits(text)
    numeral = _ANY_DIGIT.search(digits) is not None  # times, fractions and scores are written in digits
    times = [(m.start(), m.end(), int(m.group(1)) * 60 + int(m.group(2))) for m in _TIME.finditer(digits)] if numeral else []
    # "2/3 mudd" is two-thirds, stored by its denominator as ثلثي and "two-thirds" are.
    fractions = [(m.start(), m.end(), int(m.group(2))) for m in _DIGIT_FRACTION.finditer(digits) if int(m.group(1)) < int(m.group(2))] if numeral else []
    scores = _scores(text, digits, lang) if numeral else []
    taken = [(a, b) for a, b, _ in times + fractions + scores]
    items = [(value, start, end) for value, start, end in _raw_numbers(text, lang) if not _inside(start, taken)]
    found = [Quantity(float(v), a, b, "time") for a, b, v in times] + [Quantity(float(v), a, b, "fraction") for a, b, v in fractions]
    found += [Quantity(float(v), a, b, "score") for a, b, v in scores] + _months(text, digits, lang)
    said_to = 0  # end of an amount that took the next word in (مليون ونصف)
    for value, start, end in _compose(text, lang, items):
        if start < said_to:
            continue
        if lang == "ar":
            if _weekday(text, start, end):
                continue
            value, end = _one_more(text, value, end)
            quantity = _with_kind(text, digits, lang, value, start, end)
            value, said_to = _and_a_fraction(text, value, end)
            found.append(Quantity(value, start, said_to, quantity.kind))
            continue
        found.append(_with_kind(text, digits, lang, value, start, end))
    if lang == "en" and numeral:
        found += [Quantity(float(m.group(1)), m.start(), m.end(), "ordinal") for m in _DIGIT_ORDINAL.finditer(digits)]
    return sorted((_currency(text, q, lang) for q in found), key=lambda q: q.start)


def _currency(text: str, q: Quantity, lang: str) -> Quantity:
    """The currency an amount is in: a sign before it (£2.8bn) or a name after it (2.8 مليار
    جنيه, 5 million dollars). The pound is one unit whatever its country: English writes the
    Egyptian جنيه with £."""
    if q.kind not in ("number", "fraction"):
        return q
    before = text[max(0, q.start - 4) : q.start]
    after = text[q.end : q.end + 16]
    found = _CURRENCY_SIGN.search(before) if lang != "ar" else None
    unit = _CURRENCY_SIGNS[found.group(1)] if found else ""
    if not unit:
        word = (_ARABIC_WORD if lang == "ar" else _LATIN_WORD).match(after.lstrip())
        name = (normalize_arabic(word.group()) if lang == "ar" else word.group().lower()) if word else ""
        unit = _CURRENCY_NAMES.get(name.removeprefix("ال") if lang == "ar" else name, "")
    return Quantity(q.value, q.start, q.end, q.kind, unit) if unit else q


def _english_digits(digits: str, value: float, start: int, end: int) -> tuple[float, int, int]:
    """An English amount in digits as it is meant: "2.8bn" is 2.8e9, "£5m" 5e6, "'53" 1953."""
    year = _ENGLISH_YEAR.match(digits, start - 1) if start else None
    if year and year.end() == end:
        n = int(year.group(1))
        return float(2000 + n if n <= 30 else 1900 + n), start - 1, end
    scale = _ENGLISH_SCALE_ABBREVIATION.match(digits, end)
    if scale and scale.group(1):
        return value * {"bn": 1e9, "mn": 1e6, "tn": 1e12}[scale.group(1)], start, scale.end()
    if scale and _CURRENCY_BEFORE.search(digits[:start]):
        return value * {"m": 1e6, "k": 1e3}[scale.group(2)], start, scale.end()
    return value, start, end


def _and_a_fraction(text: str, value: float, end: int) -> tuple[float, int]:
    """مليون ونصف, "a million and a half" = 1.5e6; ثلاثة وربع = 3.25: a half or a quarter of the
    amount's own scale."""
    match = re.match(r"\s*(" + _ARABIC_WORD.pattern + ")", text[end:])
    if not match or not _AND_A_FRACTION.fullmatch(normalize_arabic(match.group(1))):
        return value, end
    unit = max(s for s in (1, *_SCALES) if s <= max(value, 1) and value % s == 0)
    share = 0.5 if normalize_arabic(match.group(1)).endswith("نصف") else 0.25
    return value + share * unit, end + match.end()


def _scores(text: str, digits: str, lang: str) -> list[tuple[int, int, int]]:
    """Scores: "5&4" always, "2-1" and "٣-١" after a word of winning or losing; stored as
    higher * 100 + lower, so that either order of writing reads the same."""
    out = []
    for m in _SCORE.finditer(digits):
        if m.group(2) != "&" and not _SCORE_WORDS.search(normalize_arabic(text[max(0, m.start() - 60) : m.start()]) if lang == "ar" else text[max(0, m.start() - 60) : m.start()]):
            continue
        a, b = int(m.group(1)), int(m.group(3))
        out.append((m.start(), m.end(), max(a, b) * 100 + min(a, b)))
    return out


def _months(text: str, digits: str, lang: str) -> list[Quantity]:
    """Month names, valued 1-12 (see the module's docstring)."""
    if lang == "ar":
        return _arabic_months(text, digits)
    out = []
    for m in _ENGLISH_MONTH.finditer(text):
        word = m.group(1)
        lower = word.lower()
        if not word[0].isupper():
            continue
        near = bool(re.match(r"[\s.,]*\d", digits[m.end() :]) or re.search(r"\d(?:st|nd|rd|th)?\s*(?:of\s+)?$", digits[: m.start()]))
        before = text[: m.start()].rstrip()
        initial = not before or before[-1] in ".!?:;\"“"
        if lower in _AMBIGUOUS_MONTHS and not near and (initial or len(lower) <= 4 and lower != "may"):
            continue
        out.append(Quantity(float(_ENGLISH_MONTHS[lower]), m.start(), m.start() + len(word), "month"))
    return out


def _arabic_months(text: str, digits: str) -> list[Quantity]:
    if not _known_words(set(_ARABIC_WORD.findall(text)), "ar") & _MONTH_STARTS:
        return []  # no word a month's name could begin with: most text
    words = list(_ARABIC_WORD.finditer(text))
    forms = [normalize_arabic(w.group()) for w in words]
    out: list[Quantity] = []
    i = 0
    while i < len(words):
        found = None
        for size in (2, 1):
            if i + size > len(words):
                continue
            name = " ".join(forms[i : i + size])
            for bare in (name, name[1:] if name[:1] in "وفبل" else "", name[2:] if name[:2] in ("ول", "وب", "فل", "في") else ""):
                if bare in _ARABIC_MONTHS:
                    found = (size, bare)
                    break
            if found:
                break
        if not found:
            i += 1
            continue
        size, bare = found
        start, end = words[i].start(), words[i + size - 1].end()
        value = float(_ARABIC_MONTHS[bare])
        if out and out[-1].value == value and re.fullmatch(r"\s*[/(]\s*", text[out[-1].end : start]):
            out[-1] = Quantity(value, out[-1].start, max(end, out[-1].end), "month")  # آذار/مارس, أيار (مايو)
        elif bare not in _AMBIGUOUS_MONTHS or _dated(digits, forms, i, start, end):
            out.append(Quantity(value, start, end, "month"))
        i += size
    return out


_MONTH_FIRST_WORDS = frozenset(name.split()[0] for name in _ARABIC_MONTHS)


def _may_start_month(word: str) -> bool:
    """Whether a month's name may begin at `word`: its form, or the form without the clitics
    `_arabic_months` strips, is the first word of a name."""
    form = normalize_arabic(word)
    return any(bare in _MONTH_FIRST_WORDS for bare in (form, form[1:] if form[:1] in "وفبل" else "", form[2:] if form[:2] in ("ول", "وب", "فل", "في") else ""))


# What each distinct word of the texts read so far is, by language: its number value, if it is
# a number word, and (Arabic) whether a month's name may begin at it. A text's words are then
# sorted by set operations, not a Python call per word; the tables are emptied past MAX_KNOWN.
MAX_KNOWN = 1_000_000
_KNOWN: dict[str, set[str]] = {}
_NUMBER_WORDS: dict[str, dict[str, float]] = defaultdict(dict)
_MONTH_STARTS: set[str] = set()


def _known_words(words: set[str], lang: str) -> set[str]:
    """`words`, each of them worked out once in this process (see _KNOWN)."""
    known = _KNOWN.setdefault(lang, set())
    new = words - known
    if new:
        if len(known) > MAX_KNOWN:
            known.clear()
            _NUMBER_WORDS[lang].clear()
        for word in new:
            if (value := _word_number(word, lang)) is not None:
                _NUMBER_WORDS[lang][word] = value
            if lang == "ar" and _may_start_month(word):
                _MONTH_STARTS.add(word)
        known |= new
    return words


def _dated(digits: str, forms: list[str], i: int, start: int, end: int) -> bool:
    """A month name that is also a word (مارس "he practised"): next to a number, or after a
    word that introduces a date (في، شهر، منذ، حتى ...)."""
    near = re.search(r"\d\s*$", digits[max(0, start - 4) : start]) or re.match(r"\s*[/(]?\s*\d", digits[end : end + 4])
    return bool(near) or (i > 0 and forms[i - 1] in _DATE_WORDS)


def _weekday(text: str, start: int, end: int) -> bool:
    """يوم الاثنين, "Monday" (also الاثنين والخميس): the day's name, no two."""
    if not _MONDAY.fullmatch(normalize_arabic(text[start:end])):
        return False
    before, after = normalize_arabic(text[max(0, start - 12) : start]), normalize_arabic(text[end : end + 12])
    return bool(_NAMED_DAY.search(before.rstrip()) or _THURSDAY_NEXT.match(after))


def _one_more(text: str, value: float, end: int) -> tuple[float, int]:
    """مائة شاة وشاة, "a hundred sheep and a sheep": the counted noun, singular after eleven
    and up, said again adds one (after three to ten it is plural: أيام وأيام is "days and days")."""
    match = _NOUN_AND_NOUN.match(text, end)
    if match and normalize_arabic(match.group(1)) == normalize_arabic(match.group(2)) and value >= 11:
        return value + 1, match.end()
    return value, end


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= position < b for a, b in spans)


def _raw_numbers(text: str, lang: str) -> list[tuple[float, int, int]]:
    """Digits and number words, each alone, with spans in `text`.

    Words are cut here rather than by find_numbers' \\w+, which splits vowelled Arabic
    at every diacritic (combining marks are not word characters to `re`).
    """
    digits = normalize_digits(text)
    numeral = _ANY_DIGIT.search(digits) is not None
    decimals = [(float(f"{m.group(1)}.{m.group(2)}"), m.start(), m.end()) for m in _ARABIC_DECIMAL_COMMA.finditer(digits)
                if lang == "ar" and _SCALE_OR_PERCENT_NEXT.match(normalize_arabic(digits[m.end() : m.end() + 16]))] if numeral else []
    out = list(decimals)
    for m in _DIGITS.finditer(digits) if numeral else ():
        if _glued(digits, m.start(), lang) or _inside(m.start(), [(a, b) for _, a, b in decimals]):
            continue
        value, start, end = float(m.group().replace(",", "")), m.start(), m.end()
        if lang != "ar":
            value, start, end = _english_digits(digits, value, start, end)
        out.append((value, start, end))
    pattern = _ARABIC_WORD if lang == "ar" else _LATIN_WORD
    words = _known_words(set(pattern.findall(text)), lang)
    numbers = {word: _NUMBER_WORDS[lang][word] for word in words & _NUMBER_WORDS[lang].keys()}
    if numbers:  # most texts have none: their words' spans are never walked
        out += [(numbers[m[0]], m.start(), m.end()) for m in pattern.finditer(text) if m[0] in numbers]
    if lang == "ar":
        out += [(1.0, m.start(1), m.end(1)) for m in _ELEVEN.finditer(text) if not any(a <= m.start(1) < b for _, a, b in out)]
        out = [item for item in out if not _percent_word(text, item[1], item[2])]
    else:
        out = [item for item in out if not _DIGIT_ORDINAL.fullmatch(digits[item[1] : _word_end(text, item[2])])]
    return sorted(out, key=lambda item: item[1])


def _glued(text: str, start: int, lang: str) -> bool:
    """A digit right after a Latin letter, or after a hyphen after a letter: a typo ("him0")
    or a code ("ACE2", "orf8", "COVID-19", "كوفيد-19", also inside Arabic text), not a number."""
    before = text[max(0, start - 2) : start]
    return (before[-1:].isascii() and before[-1:].isalpha()) or (before[-1:] == "-" and before[:1].isalpha())


def code_values(text: str) -> set[float]:
    """Numbers inside codes ("ACE2", "DPP4"): no quantities, but a text that has them has said
    the number, for a side that writes it apart ("أيه سي إي 2")."""
    digits = normalize_digits(text)
    if not _ANY_DIGIT.search(digits):
        return set()
    return {float(m.group()) for m in re.finditer(r"(?:(?<=[A-Za-z])|(?<=[A-Za-z]-))\d+", digits)}


def _fraction(text: str, start: int, word: str) -> bool:
    """"one-third", "a third": a fraction, not an ordinal."""
    return word.lower() in _ENGLISH_ORDINALS and word.lower() not in ("first", "second") and re.search(r"(?:\b(?:a|one|two)\s+|\b(?:one|two)-)$", text[:start], re.IGNORECASE) is not None and not re.match(r"\s+times?\b", text[start + len(word) :])


def _percent_word(text: str, start: int, end: int) -> bool:
    """بالمئة, or المئة after في: the percent sign spelled out, not the number 100."""
    form = normalize_arabic(text[start:end])
    if form in _HUNDRED_FORMS and form.startswith("بال"):
        return True
    return form in _HUNDRED_FORMS and normalize_arabic(text[max(0, start - 8) : start]).rstrip().endswith("في")


def _word_end(text: str, end: int) -> int:
    match = re.match(r"\w*", text[end:])
    return end + (match.end() if match else 0)


@lru_cache(maxsize=50_000)
def _word_number(word: str, lang: str) -> float | None:
    """Value of one number word (cardinal, ordinal or fraction), or None."""
    if lang == "ar":
        found = _arabic_word(word)
        return found[0] if found else None
    if _number_word(word, lang) is not None:
        return _number_word(word, lang)
    lower = word.lower()
    return float(_ENGLISH_ORDINALS.get(lower) or _ENGLISH_FRACTIONS.get(lower) or 0) or None


@lru_cache(maxsize=50_000)
def _arabic_word(word: str) -> tuple[float, str] | None:
    """(value, kind) of one Arabic word, whatever clitics it carries (و ف, ب ل ك, ال), or None."""
    return _read_arabic_word(word) if _may_be_number(normalize_arabic(word)) else None  # most words fail the quick test


def _read_arabic_word(word: str) -> tuple[float, str] | None:
    """`_arabic_word`'s full reading: each clitic prefix the word may carry, then its stem."""
    form = normalize_arabic(word)
    if re.sub("[\u064b-\u0652]", "", word).endswith("أثنى"):
        return None  # أثنى "he praised", with its hamza; اثنى عشر "twelve" has none
    vowels = _vowels(word)
    for prefix in _ARABIC_PREFIXES:
        rest = form[len(prefix) :]
        if not form.startswith(prefix) or len(rest) < 2:
            continue
        definite = prefix.endswith(("ال", "لل"))
        if rest == "ست" and prefix[-1:] in ("ل", "ك") and not definite:
            continue  # لست "I am not", كست "she clothed"; السِّتَّ is "the six"
        found = _arabic_stem(rest, definite, vowels[len(prefix) :] if len(vowels) == len(form) else [])
        if found is not None:
            return found or None
    return None


def _arabic_stem(rest: str, definite: bool, vowels: list[str]) -> tuple[float, str] | Literal[False] | None:
    """(value, kind) of a word without its clitics; None if it is no number word, False if it
    is surely none (so no shorter clitic reading is tried)."""
    if rest in _VOWELLED_FRACTIONS and vowels and _DAMMA in vowels[0]:
        return float(_VOWELLED_FRACTIONS[rest]), "fraction"
    owned = _owned_fraction(rest, vowels)
    if owned:
        return owned, "fraction"
    if rest == "سبع" and len(vowels) > 1 and _DAMMA in vowels[1]:
        return False  # سَبُع, the beast of prey
    if rest in _ARABIC_FRACTIONS:
        return float(_ARABIC_FRACTIONS[rest]), "fraction"
    if rest in _ARABIC_ORDINALS or (definite and rest in _ARABIC_DEFINITE_ORDINALS):
        return float(_ARABIC_ORDINALS.get(rest) or _ARABIC_DEFINITE_ORDINALS[rest]), "ordinal"
    value = arabic_word_value(rest) if rest != "ثمن" else None  # ثمن unvowelled: "price"
    if value is None:
        value = _ARABIC_EXTRA.get(rest)
    if value is not None:
        return float(value), "number"
    tanween = len(vowels) == len(rest) and len(rest) > 1 and "\u064b" in vowels[-2]  # سِتًّا: the mark says it
    if rest.endswith("ا") and (len(rest) > 3 or tanween) and not definite:
        return _arabic_stem(rest[:-1], False, vowels[:-1]) or None  # tanween alef: ثلاثا, خمسا
    return None


_NAMED_DAY = re.compile(r"(?:^|\s)[وفبل]*(?:ليله|يوم)$")  # not اليوم "today"; normalized text ends trimmed
_POSSESSIVES = ("هما", "هم", "هن", "ها", "كم", "نا", "ه", "ك", "ي")


# Every form `_arabic_stem` reads as a number, a fraction or an ordinal, without clitics,
# possessive suffixes or a tanween alef (see _may_be_number).
_STEMS = frozenset({*_VOWELLED_FRACTIONS, *_ARABIC_FRACTIONS, *_ARABIC_ORDINALS, *_ARABIC_DEFINITE_ORDINALS, *_ARABIC_EXTRA})
_OWNED_STEMS = _STEMS | {stem + suffix for stem in _STEMS for suffix in _POSSESSIVES}


def _may_be_number(form: str) -> bool:
    """Whether some reading of `_arabic_word` could find a number in the normalized `form`: a
    clitic prefix, then a stem (`_STEMS`, a number word), possibly with a possessive suffix
    (`_owned_fraction`) and tanween alefs. A quick test that leaves out no number word, so that
    the full reading runs only where it may find one."""
    for prefix in _ARABIC_PREFIXES:
        if form.startswith(prefix):
            rest = form[len(prefix) :]
            stripped = len(rest.rstrip("ا"))
            if any(rest[:end] in _OWNED_STEMS or arabic_word_value(rest[:end]) is not None for end in range(stripped, len(rest) + 1)):
                return True
    return False


def _owned_fraction(rest: str, vowels: list[str]) -> float | None:
    """A fraction with a possessive suffix: ثلثه "his third", خُمُسَهَا "its fifth" (the
    vowelled ones only with their damma, since خمسه unvowelled is "five")."""
    for suffix in _POSSESSIVES:
        stem = rest[: -len(suffix)]
        if not rest.endswith(suffix) or len(stem) < 3:
            continue
        if stem in _ARABIC_FRACTIONS and stem not in ("ثلثا", "ثلثي"):
            return float(_ARABIC_FRACTIONS[stem])
        if stem in _VOWELLED_FRACTIONS and vowels and _DAMMA in vowels[0]:
            return float(_VOWELLED_FRACTIONS[stem])
    return None


def _vowels(word: str) -> list[str]:
    """The marks on each letter of `word`, letter by letter (tatweel dropped)."""
    out: list[str] = []
    for ch in word:
        if unicodedata.combining(ch):
            if out:
                out[-1] += ch
        elif ch != "\u0640":
            out.append("")
    return out


def homograph(word: str) -> bool:
    """An unvowelled definite cardinal that usually means something else (الخمس, السبع, العشر)."""
    form = normalize_arabic(word)
    for prefix in ("ال", "وال", "فال", "بال", "لل", "كال"):
        rest = form[len(prefix) :]
        if form.startswith(prefix) and rest in _HOMOGRAPHS:
            vowels = _vowels(word)
            return len(vowels) != len(form) or not any(v.strip("\u0651") for v in vowels[len(prefix) :])
    return False


def _number_word(form: str, lang: str) -> float | None:
    found = find_numbers(form, lang)
    return found[0][0] if len(found) == 1 and found[0][1:] == (0, len(form)) else None


def _word_kind(word: str, lang: str) -> str:
    if lang == "ar":
        found = _arabic_word(word)
        return found[1] if found else "number"
    lower = word.lower()
    return "fraction" if lower in _ENGLISH_FRACTIONS else "ordinal" if lower in _ENGLISH_ORDINALS else "number"


def _compose(text: str, lang: str, items: list[tuple[float, int, int]]) -> list[tuple[float, int, int]]:
    """Join runs of number words that spell one amount; keep the others apart."""
    groups: list[list[tuple[float, int, int]]] = []
    for item in items:
        if groups and _joins(text, lang, groups[-1], item):
            groups[-1].append(item)
        else:
            groups.append([item])
    values = [_product(group) if _word_kind(text[group[0][1] : group[0][2]], lang) == "fraction" else _value(group) for group in groups]
    if lang == "ar":
        groups, values = _hundreds_last(text, groups, values)
    tail = None  # the scale or tens the amount after an alternative ends with
    for i in range(len(groups) - 1, -1, -1):
        if i + 1 < len(groups) and tail and len(groups[i]) == 1 and _ALTERNATIVE.fullmatch(_gap(text, lang, groups[i], groups[i + 1])):
            values[i] = _elided(lang, values[i], tail)
            continue
        tail = _tail(text, lang, groups[i])
    return [(value, group[0][1], group[-1][2]) for value, group in zip(values, groups)]


def _hundreds_last(text: str, groups: list, values: list[float]) -> tuple[list, list[float]]:
    """Classical Arabic names the hundreds last: تسعين ومائة is 190, خمس وعشرين ومائة 125."""
    if not groups:
        return groups, values
    out_groups, out_values = [groups[0]], [values[0]]
    for group, value in zip(groups[1:], values[1:]):
        previous, start = out_values[-1], group[0][1]
        joined = text[start] == "و" or text[out_groups[-1][-1][2] : start].strip() == "و"
        words = not _is_digits(text, out_groups[-1][-1][1], out_groups[-1][-1][2])  # "٣١ ومائة" lists two amounts
        if joined and words and len(group) == 1 and value % 100 == 0 and 3 <= previous < 100 <= value and not previous % 1:
            out_groups[-1] = out_groups[-1] + group
            out_values[-1] = previous + value
            continue
        out_groups.append(group)
        out_values.append(value)
    return out_groups, out_values


def _gap(text: str, lang: str, group: list[tuple[float, int, int]], following: list[tuple[float, int, int]]) -> str:
    gap = text[group[-1][2] : following[0][1]]
    return normalize_arabic(gap) if lang == "ar" else gap


def _tail(text: str, lang: str, group: list[tuple[float, int, int]]) -> tuple[str, float, float] | None:
    """"eight hundred" ends with the scale 100 after the unit 8, "ثلاث وسبعون" with the tens 70 after 3."""
    if len(group) != 2:
        return None
    (unit, _, _), (last, start, _) = group
    if last in _SCALES and unit < last:
        return ("scale", last, unit)
    if lang == "ar" and unit < 10 and 20 <= last <= 90 and normalize_arabic(text[start]) == "و":
        return ("tens", last, unit)
    return None


def _elided(lang: str, value: float, tail: tuple[str, float, float]) -> float:
    """"seven or eight hundred" is 700 or 800, "إحدى أو اثنتان أو ثلاث وسبعون" 71, 72 or 73:
    a lone amount before an alternative takes the scale or the tens the alternative ends with.
    Such a range climbs, so the lone amount is below the unit it shares the scale with: in
    "from ten to seven hundred" ten is ten, not a thousand."""
    kind, last, unit = tail
    if value >= unit:
        return value
    if kind == "scale" and value < last:
        return value * last
    if kind == "tens" and value < 10:
        return value + last
    return value


_ALTERNATIVE = re.compile(r"\s*(?:or|to|او|الي)\s*", re.IGNORECASE)  # matched on normalized Arabic


def _joins(text: str, lang: str, group: list[tuple[float, int, int]], item: tuple[float, int, int]) -> bool:
    previous = group[-1][0]
    value, start, _ = item
    gap = text[group[-1][2] : start]
    total = _value(group)
    if _is_digits(text, start, item[2]):
        return False  # digits stand alone; only a scale word may follow them ("3 million")
    if _is_digits(text, group[-1][1], group[-1][2]) and value not in _SCALES:
        return False
    kinds = (_word_kind(text[group[-1][1] : group[-1][2]], lang), _word_kind(text[start : item[2]], lang))
    if "fraction" in kinds:
        # نصف العشر "half the tenth" is a twentieth; الربع والثمن are two fractions
        return lang == "ar" and kinds == ("fraction", "fraction") and gap.isspace() and normalize_arabic(text[start : item[2]]).startswith("ال")
    if lang == "ar":
        conjunction = text[start] == "و" or gap.strip() == "و"
        if _definite(text[group[-1][1] : group[-1][2]]) and not (_word_kind(text[group[-1][1] : group[-1][2]], lang) == "ordinal" and (value == 10 or conjunction)):
            return False  # الخمس مائة: "the fifth (share), a hundred", not 500; but الحادي عشر, الحادي والعشرون
        conjunction = text[start] == "و" or gap.strip() == "و"
        if _first(text[group[-1][1] : group[-1][2]]):
            return False
        if gap.strip() not in ("", "و") or (not conjunction and gap == "" ):
            return False
        if value in _SCALES:
            return not conjunction and value > previous
        if conjunction:
            return (previous < 10 and value % 10 == 0 and 20 <= value <= 90) or (total >= 100 and value < _last_scale(group))
        return previous < 10 and value == 10
    word = gap.strip().lower()
    if word not in ("", "-", "and") or "," in gap:
        return False
    if value in _SCALES:
        return word != "and" and value > previous
    if word == "and":
        return total >= 100 and value < 100
    return (20 <= previous <= 90 and previous % 10 == 0 and value < 10) or (previous in _SCALES and value < previous)


def _first(word: str) -> bool:
    """أول, "first": it never starts a compound amount (أول عشر أيام, "the first ten days")."""
    return normalize_arabic(word).lstrip("وفبل").removeprefix("ال") in ("اول", "اولي")


def _definite(word: str) -> bool:
    """A number word with the article (الخمس, والعشر): it does not start a compound amount."""
    form = normalize_arabic(word)
    rest = form[2:] if form.startswith("ال") else form[3:] if form[:1] in "وفبل" and form[1:3] == "ال" else ""
    return bool(rest) and _word_number(rest, "ar") is not None


def _is_digits(text: str, start: int, end: int) -> bool:
    return normalize_digits(text[start:end])[:1].isdigit()


def _last_scale(group: list[tuple[float, int, int]]) -> float:
    return min((v for v, _, _ in group if v in _SCALES), default=float("inf"))


def _product(group: list[tuple[float, int, int]]) -> float:
    """Denominator of a fraction of a fraction: نصف العشر is 1/20."""
    return float(math.prod(value for value, _, _ in group))


def _value(group: list[tuple[float, int, int]]) -> float:
    """Standard composition: units and tens add, a scale multiplies what precedes it."""
    total, current = 0.0, 0.0
    for value, _, _ in group:
        if value == 100:
            current = max(current, 1) * 100
        elif value in _SCALES:
            total += max(current, 1) * value
            current = 0.0
        else:
            current += value
    return total + current


def _with_kind(text: str, digits: str, lang: str, value: float, start: int, end: int) -> Quantity:
    after = digits[end:]
    percent = (_ARABIC_PERCENT if lang == "ar" else _ENGLISH_PERCENT).match(normalize_arabic(after) if lang == "ar" else after)
    if percent:
        return Quantity(value, start, end, "percent")
    words = list((_ARABIC_WORD if lang == "ar" else _LATIN_WORD).finditer(text, start, end))
    kinds = {_word_kind(w.group(), lang) for w in words}
    if lang != "ar" and words and _fraction(text, words[-1].start(), words[-1].group()):
        kinds.add("fraction")
    kind = "fraction" if "fraction" in kinds else "ordinal" if "ordinal" in kinds else "number"
    spelled = not any(ch.isdigit() for ch in digits[start:end])
    if lang == "ar" and kind == "number" and spelled and _NAMED_DAY.search(normalize_arabic(text[max(0, start - 12) : start])):
        kind = "ordinal"  # ليلة سبع وعشرين "the twenty-seventh night" (a date in digits stays a number: يوم 15 أيار)
    return Quantity(value, start, end, kind)

