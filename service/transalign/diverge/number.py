"""`number`: amounts, ordinals, percentages, times, months and scores that differ between the two sides.

Values are compared, not spellings: ٣١, 31 and واحد وثلاثون are one number, "2.8 مليار
جنيه" and "£2.8bn" one amount, آذار/مارس and March one month (service/transalign/text/quantities.py).
A month or a score pairs only with its own kind and, like a digit fraction ("2/3"), is
never flagged on one side alone; digits inside codes ("DPP4") say their number for the
other side. A number on one side whose value the other side lacks is
unmatched; a bead with unmatched numbers on both sides is a changed number, the
strongest evidence this package has.

One-sided numbers are flagged only for values other than 1 and 2: Arabic says "one" and
"two" with the singular and the dual ("يومين" = two days), and English uses "one" as a
pronoun, so those values are unmatched in faithful translations all the time (on Sunan
Abi Dawud, see benchmarks/divergence_eval.py). Ordinals say a rank, not a count, so an
English "first" or "second" does pair with an unmatched Arabic ordinal. An Arabic number
word may be rendered by grammar instead, so only Arabic digits count one-sided; an English
cardinal or ordinal counts when the Arabic has its value nowhere (a repeated "forty days"
restates the Arabic's one), unless it glosses a day of a month, an animal's age ("a
she-camel in her third year" for بنت مخاض) or a share ("the fifth of the booty"). An
English "two" pairs with an unmatched Arabic number only where the Arabic is vowelled and
has fewer duals than the English has "two"s, and a bracketed English number only with an
Arabic number whose value the English does not say at all.

Some unmatched numbers are no evidence at all, even as the other half of a changed
number: the English word "one" (a pronoun: "the one who", "one of you"), an English
number inside brackets (the translator’s gloss: "(i.e. seventeen phrases)"), and an unvowelled
Arabic cardinal standing alone with the article, which usually means something else: الخمس "the fifth share", السبع "the beast
of prey", العشر "the last ten nights" or "the tithe" (unless it follows the definite
noun it counts: الصلوات الخمس "the five prayers"). Cross-references ("No. 4243",
"(3:84)") are not quantities at all (service/transalign/text/quantities.py).
"""

from __future__ import annotations

import dataclasses
import re

from transalign.diverge.context import BeadView, bracketed
from transalign.diverge.flags import flag
from transalign.diverge import severity
from transalign.text.normalize import is_arabic_script, normalize_arabic, normalize_digits
from transalign.text.words import ARABIC_WORD
from transalign.text.quantities import Quantity, code_values, find_quantities, homograph
from transalign.types import Evidence, Flag, FlagKind

NAME: FlagKind = "number"
NEEDS_MODEL = False
WEAK_VALUES = {1.0, 2.0}
_OWN_KINDS = ("month", "score")  # pair only with their own kind; never evidence on one side
CHANGED = severity.CERTAIN  # severity of a number changed between the sides
ONE_SIDED = severity.POSSIBLE  # severity of a number present on one side only
# A day of a month, which translators spell out where the Arabic names the day instead
# ("on 9 Dhul-Hijjah" for يوم عرفة, "yesterday, 3 May" for أمس).
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December"
           "|Muharram|Safar|Rabi|Jumad|Rajab|Sha.?ban|Rama[dz]an|Shaw+al|Dhu")
_DAY_OF_MONTH = re.compile(rf"(?:st|nd|rd|th)?\s+\(?(?:of\s+)?(?:the month|{_MONTHS})", re.IGNORECASE)
# An animal's age, which translators gloss for the Arabic's age term: بنت مخاض "a she-camel
# in her second year", حقة "in its fourth year", رباعي "in its seventh year".
_AGE = re.compile(r"\s+year\b", re.IGNORECASE)
_PARTY = re.compile(r"[\s-]+part(?:y|ies)\b", re.IGNORECASE)  # "third parties": others, no rank (أطراف خارجية)
_TIMES = re.compile(r"\s+times\b", re.IGNORECASE)
_DOTTED = re.compile(r"\d{1,3}\.\d{3}")  # 42.000: a thousands separator in continental style, or a decimal
_TWICE = re.compile("مرت(?:ين|ان)$")  # مرتين، مرتان (normalized): "twice"
_OF = re.compile(r"\s+of\b", re.IGNORECASE)  # "the fifth of the booty": a share, not a rank
_ARTICLE = re.compile("^(?:[وفبلك]?ال|[وف])")  # normalized
_VOWELS = re.compile("[\u064e\u064f\u0650\u0652]")  # fatha, damma, kasra, sukun
_DUAL_ENDING = re.compile("(?:\u0627|\u064a\u0652)\u0646\u0650(?![\u0621-\u064a])")  # -āni, -ayni at a word's end


def check(views: list[BeadView]) -> list[Flag]:
    return [f for view in views if view.source and view.translation for f in _bead(view)]


def _unmatched(these: list[Quantity], those: list[Quantity]) -> list[Quantity]:
    """The quantities of `these` left over when each takes one of `those` of its value, of its
    own kind if there is one (so that "fourth ... four times" leaves no four over for أربعا)."""
    pool = list(those)
    out = []
    for q in these:
        match = next((p for p in pool if _same_number(q, p) and p.kind == q.kind), None) or next((p for p in pool if _same_number(q, p)), None)
        if match:
            pool.remove(match)
        else:
            out.append(q)
    return out


def _left_over(these: list[Quantity], those: list[Quantity], text: str, lang: str) -> list[Quantity]:
    """The quantities of `these` that `those` lack, in text order. Those that say something
    (`_evidence`) are matched first, so that a bracketed gloss repeating a number ("spit
    (three times) ... three times") is the one left over, not the number itself."""
    ordered = sorted(these, key=lambda q: not _evidence(q, text, lang))
    return sorted(_unmatched(ordered, those), key=lambda q: q.start)


def _unexplained_twos(view: BeadView, target: list[Quantity]) -> list[Quantity]:
    """The unmatched English "two"s more than the Arabic has duals to say them with. Only
    vowelled text tells a dual: a word ending in -āni or -ayni (الآيَتَانِ، الْيَمَانِيَيْنِ);
    the plurals end in -ūna, -īna. Unvowelled, every "two" may be a dual's. "Two times" and
    "twice" say مرتين, the dual of مرة, and no other dual."""
    if not _VOWELS.search(view.source):
        return []
    words = {q: view.translation[q.start : q.end].lower() for q in target}
    twos = [q for q in target if words[q] in ("two", "twice")]
    times = [q for q in twos if words[q] == "twice" or _TIMES.match(view.translation, q.end)]
    others = [q for q in twos if q not in times]
    twice = sum(1 for w in view.matn_words if _TWICE.search(w.form))
    duals = sum(1 for form in _duals(view) if not _TWICE.search(form))
    return sorted(times[twice:] + others[duals:], key=lambda q: q.start)


def _duals(view: BeadView) -> list[str]:
    """The matn's duals, normalized. A word ending in -āni/-ayni is no dual when the dictionary
    lists it as it stands, a singular whose stem ends in -ān (المَكَانِ، اللِّسَانِ): it lists
    the singular, never the dual (ركعتين)."""
    out = []
    for m in _DUAL_ENDING.finditer(view.source):
        if view.in_chain(m.start()):
            continue
        form = normalize_arabic(re.search(r"[\u0621-\u064a\u064b-\u065f]*$", view.source[: m.end()]).group())  # type: ignore[union-attr]  # * matches the empty string
        if view.lexicon is None or not any(f in source for source in view.lexicon.sources for f in (form, _ARTICLE.sub("", form))):
            out.append(form)
    return out


def _same_number(a: Quantity, b: Quantity) -> bool:
    """Equal values, a fraction never standing for a cardinal: نصف (stored as 2) is not "two";
    a month or a score only for one of its own kind."""
    if (a.kind in _OWN_KINDS or b.kind in _OWN_KINDS) and a.kind != b.kind:
        return False
    return a.value == b.value and {a.kind, b.kind} != {"fraction", "number"}


def _evidence(q: Quantity, text: str, lang: str) -> bool:
    """Whether an unmatched quantity says anything (see the module's docstring)."""
    words = text[q.start : q.end]
    if is_arabic_script(lang):
        alone = q.kind == "number" and " " not in words.strip() and homograph(words)
        return not alone or _after_definite_noun(text, q.start)
    return words.lower() != "one" and not bracketed(text, q.start)


def _after_definite_noun(text: str, start: int) -> bool:
    """الصلوات الخمس: a definite cardinal after the definite noun it counts is a number."""
    before = ARABIC_WORD.findall(text[:start])
    return bool(before) and normalize_arabic(before[-1]).lstrip("وفبل").startswith("ال") and not find_quantities(before[-1], "ar")


def _bead(view: BeadView) -> list[Flag]:
    """A changed number: an unmatched Arabic number and an unmatched English one of the same
    kind (ordinal or not; translations keep the kind), the English one not 1 or 2, which
    the singular and dual stand for; else a one-sided number (see the module's docstring)."""
    coded = code_values(view.translation)  # "DPP4" says the 4 of "(دي بي بي 4)"
    english = _dotted_thousands(view)
    source = [q for q in _left_over(view.source_quantities, english, view.source, view.source_lang)
              if _evidence(q, view.source, view.source_lang) and q.value not in coded]
    target_left = _left_over(english, view.all_source_quantities, view.translation, view.target_lang)
    target = [q for q in target_left if _evidence(q, view.translation, view.target_lang)]
    strong_source = [q for q in source if q.value not in WEAK_VALUES or q.kind == "month"]
    strong_target = [q for q in target if q.value not in WEAK_VALUES or q.kind == "month"]
    # An ordinal says its rank whatever its value: "second" is no dual.
    ranks = [q for q in target if q.kind == "ordinal" and q.value in WEAK_VALUES]
    pairs = [(a, b) for a in source for b in strong_target if _same_kind(a, b)]
    pairs += [(a, b) for a in source if a.kind == "ordinal" for b in ranks]
    if not pairs:
        # Weaker stand-ins for an Arabic number the English lacks: an English "two" the Arabic
        # cannot have said with a dual, then a number in the translator's brackets.
        twos = _unexplained_twos(view, target)
        glosses = [q for q in target_left if bracketed(view.translation, q.start) and q.value not in WEAK_VALUES]
        said = {q.value for q in english}
        pairs = [(a, b) for a in strong_source if a.kind == "number" for b in twos + glosses
                 if b.kind == "number" and (b in twos or a.value not in said)]
    if pairs:
        a, b = pairs[0]
        evidence = [view.evidence("source", a.start, a.end), view.evidence("translation", b.start, b.end)] + _rendered(view, a)
        message = f"number {_show(a, view.source)} in the Arabic, {_show(b, view.translation)} in the English"
        return [flag(NAME, CHANGED, view.index, message, evidence)]
    currency = _currency_changed(view)
    if currency:
        return currency
    strong_source = [q for q in strong_source if _digits(view.source, q) and q.kind not in _OWN_KINDS]
    arabic_values = {q.value for q in view.all_source_quantities}
    strong_target = [q for q in strong_target if _added(view, q, arabic_values)]
    if strong_source:
        a = strong_source[0]
        message = f"number {_show(a, view.source)} in the Arabic is not in the English"
        return [flag(NAME, ONE_SIDED, view.index, message, [view.evidence("source", a.start, a.end)] + _rendered(view, a))]
    if strong_target:
        b = strong_target[0]
        message = f"number {_show(b, view.translation)} in the English is not in the Arabic"
        return [flag(NAME, ONE_SIDED, view.index, message, [view.evidence("translation", b.start, b.end)])]
    return []


def _dotted_thousands(view: BeadView) -> list[Quantity]:
    """The English quantities, a dot before three digits read as a thousands separator
    ("42.000 participants", continental style) where the Arabic has that value and not the
    decimal one (أكثر من 42000 شخص)."""
    arabic = {q.value for q in view.all_source_quantities}
    return [dataclasses.replace(q, value=float(round(q.value * 1000)))
            if _DOTTED.fullmatch(view.translation[q.start : q.end]) and round(q.value * 1000) in arabic and q.value not in arabic else q
            for q in view.translation_quantities]


def _currency_changed(view: BeadView) -> list[Flag]:
    """An amount said in one currency in the Arabic and another in the English: the same value,
    both currencies said, none of the English amounts of that value in the Arabic's."""
    for a in view.source_quantities:
        same = [b for b in view.translation_quantities if b.value == a.value and b.unit]
        if a.unit and same and all(b.unit != a.unit for b in same):
            b = same[0]
            message = f"amount {_show(a, view.source)} in {a.unit}s in the Arabic, in {b.unit}s in the English"
            return [flag(NAME, CHANGED, view.index, message, [view.evidence("source", a.start, a.end), view.evidence("translation", b.start, b.end)])]
    return []


def _added(view: BeadView, q: Quantity, arabic_values: set[float]) -> bool:
    """Whether an unmatched English number is one the translation added: in digits, or a
    cardinal or ordinal whose value the Arabic has nowhere, unless it names a day of a month,
    an animal's age, a share ("the fifth of the booty") or "third parties"."""
    text = view.translation
    if q.kind in (*_OWN_KINDS, "fraction"):
        return False  # a score or a date's month said on one side, "2/3": no evidence alone
    if not (_digits(text, q) or (q.kind in ("number", "ordinal") and q.value not in arabic_values)):
        return False
    if _DAY_OF_MONTH.match(text, q.end):
        return False
    return q.kind != "ordinal" or not (_AGE.match(text, q.end) or _OF.match(text, q.end) or _PARTY.match(text, q.end))


def _same_kind(a: Quantity, b: Quantity) -> bool:
    """Ordinals translate to ordinals, months to months and scores to scores; a fraction ("the
    fifth of Khaibar", ثلث) to either, but not to a one or two, which say "a" (الواحد, "a
    fifth") more often than a number."""
    if a.kind in _OWN_KINDS or b.kind in _OWN_KINDS:
        return a.kind == b.kind
    if "fraction" in (a.kind, b.kind):
        return all(q.kind != "number" or q.value not in WEAK_VALUES for q in (a, b))
    return (a.kind == "ordinal") == (b.kind == "ordinal")


def _digits(text: str, q: Quantity) -> bool:
    """Written in digits: a number word may be rendered by grammar (dual, plural) instead."""
    return any(ch.isdigit() for ch in text[q.start : q.end])


def _show(q: Quantity, text: str) -> str:
    value = f"{int(q.value) // 60}:{int(q.value) % 60:02d}" if q.kind == "time" else f"1/{q.value:g}" if q.kind == "fraction" else _amount(q.value)
    if q.kind in _OWN_KINDS:
        value = _MONTH_NAMES[int(q.value) - 1] if q.kind == "month" else f"{int(q.value) // 100}-{int(q.value) % 100}"
    shown = text[q.start : q.end]
    kind = {"percent": " per cent", "ordinal": " (ordinal)"}.get(q.kind, "")
    return f"{value}{kind}" + (f" (“{shown}”)" if normalize_digits(shown).replace(",", "") != value else "")


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def _amount(value: float) -> str:
    """2800000000 -> "2.8 billion": large amounts as a reader says them."""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= scale:
            return f"{value / scale:g} {word}"
    return f"{value:g}"


def _rendered(view: BeadView, q: Quantity) -> list[Evidence]:
    """Where the machine rendering has the source's number, as a third witness."""
    if not view.rendering:
        return []
    for r in find_quantities(view.rendering, view.target_lang):
        if r.value == q.value:
            return [view.evidence("rendering", r.start, r.end)]
    return []
