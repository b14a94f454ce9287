"""`negation`: a negation on one side and none on the other.

Arabic negators (لا لم لن ليس and its forms) are counted as certain, also behind the
question hamza (أليس "is it not"); ما and غير also mean "what" and "other than", ألم is
also "pain" and ألا also "beware", so they only excuse an English negation, never demand
one. So do عدم ("non-", "nothingness": من العدم is "from nowhere", "out of nothing")
and لولا ("were it not"), which English says with a negative word, بغير ("without"), أما ("is it
not", also "as for"), and verbs English often says with "not": نهى "forbade" ("told them not
to"), كره "disliked", حرم, ترك, رفض. A certain negator in what was taken for the
chain of narrators (a note such as ولم يذكر after بإسناده) also excuses one. English negators:
not, n't, never, no, nothing, none, nobody, nowhere, neither, nor, cannot, without,
outside brackets (a translator's gloss such as "(no)" says nothing the Arabic must). A bracket
never closed holds no gloss. "without", "nothing", "none", "nobody", "nowhere" say an Arabic
negation but are no evidence of one the Arabic lacks: they often say a word with no negator
(جزافا "without weighing", سلما "without fighting"). An
Arabic negation is also said by an English word with a negative affix (unknown,
asymptomatic, symptomless), "unless", "lack", "fail", or "only" for لا ... إلا; لا after أم
or نعم offers a choice ("whether ... or not", "(Y/N)") that English often leaves unsaid, so it
only excuses an English negation; in news ما does not even excuse one: Modern Standard
Arabic negates with لا, لم, لن, ليس, and its ما is "what", "that which" (ما إذا "whether",
ما يصل إلى "up to"; TICO-19 tuning half: 3 of about 70 such ما in untouched lines have an
English negation); الست is "the six" unless its hamza is written (ألست); and لا
or ما before يزال، زال، سيما، بد، شك says "still", "especially", "must", "no
doubt", and لا يقل "at least" (لم يقل is "he did not say"; ألم is a negated question only
before a verb: ألم الصدر is "chest pain"; أفلا asks "should I not"; vowelled لِمَ is "why"). In news an English negator is also flagged when the Arabic's uncertain
negators are each already said by an English word with a negative affix (غير متناسبة
"disproportionate", so an added "not" has no counterpart; TICO-19 tuning half: 4 more
negations found, 1 more flag on an untouched line). A bead is flagged when one side
negates and the other does not at all; counting beyond that is unreliable (one Arabic negation often becomes two English ones),
and so, with the dictionary's gaps, is pairing each negator with the one around its negated
word's gloss (tried on Sunan Abi Dawud and dropped: README, "Divergence quality"). With a machine
rendering, the human English is also compared with it, since both are English and count
alike.
"""

from __future__ import annotations

import re

from transalign.diverge.context import BeadView, bracketed
from transalign.diverge.flags import flag, quote
from transalign.diverge import severity
from transalign.diverge.name import lower_case_words
from transalign.text.normalize import normalize_arabic
from transalign.types import Flag, FlagKind

NAME: FlagKind = "negation"
NEEDS_MODEL = False
SEVERITY = severity.LIKELY  # a negation on one side only
MIN_ARABIC = 1  # certain Arabic negators before their absence in the English is flagged
MIN_ARABIC_HADITH = 2  # in hadith text, where one negation is often rendered by grammar (benchmarks/divergence_eval.py)
NEGATED_REACH = 2  # content words after an English negator that it may negate ("not yet known", "not possible")
ENGLISH_ONLY = 1  # 1: flag an English negation the Arabic lacks; 0: only with a rendering to confirm

_LAISA = ("ليس", "ليست", "لست", "لسنا", "ليسوا", "لستم", "ليسا")
_CERTAIN = {normalize_arabic(w) for w in ("لا", "لم", "لن", *_LAISA, *("أ" + w for w in _LAISA))}
_ASKED = {normalize_arabic("أ" + w) for w in _LAISA}  # normalized, the question's hamza is an article's alef
_ALTERNATIVE = {normalize_arabic(w) for w in ("أم", "نعم")}
_MAYBE = {normalize_arabic(w) for w in ("ما", "غير", "بلا", "دون", "بدون", "كلا", "إلا", "ألا", "ألم", "ألن", "أما", "بغير", "لغير",
                                        "عدم", "العدم", "بعدم", "لعدم", "لولا",
                                        "أفلا", "أفلم")}  # أفلا أعتقها "should I not free her" (not أولم: "he gave a wedding feast")
# Verbs that say "not" in English ("forbade" or "told them not to", "disliked" or "did not
# approve", "abandoned" or "did not"): normalized, with their prefixes of person and clitics.
_REFUSAL = re.compile("^[وف]?[يتن]?(?:نه[يى]|كره|حرم|ترك|رفض)")  # not أبى "refused" (أبي is "my father"), not منع "prevent"
_NEGATIVE_WORDS = re.compile(r"\b(?:unless|lack\w*|fail\w*|absen\w+|yet to|non-\w+|free of|\w+-free|neither)\b", re.IGNORECASE)
_ONLY = re.compile(r"\bonly\b", re.IGNORECASE)
_ILLA = re.compile(r"(?:^|\s)[وف]?الا(?:\s|$)")  # normalized إلا
_AFFIXED = re.compile(r"\b(?:un|non|in|im|ir|il|dis|a)[a-z]{4,}\b|\b[a-z]{4,}less\b")
_NEGATIVE_PREFIX = re.compile(r"(?:un|non|in|im|ir|il|dis|a)")
_GLOSS_PREFIX = re.compile(r"(?:un|non|in|im|ir|il|dis)")  # not a-: "alive", "around" in glosses are no negatives
# Letters the rest of a word must have after the prefix: "again", "inform", "discover" and
# "around" are no negatives, "atypical", "incorrect", "dishonest" are.
_PREFIX_REST = {"un": 4, "non": 4, "in": 6, "im": 6, "ir": 6, "il": 6, "dis": 6, "a": 7}
# After لا or ما these say something positive: لا يزال / ما زال "still", لا سيما "especially",
# لا بد "must", لا شك / لا ريب "undoubtedly", لا يقل عن "at least" (normalized).
_IDIOMS = {normalize_arabic(w) for w in ("يزال", "تزال", "يزالون", "تزالان", "زال", "زالت", "زالوا", "يزل", "تزل", "سيما", "بد", "شك", "ريب", "يقل", "تقل")}
_LESS = {normalize_arabic(w) for w in ("يقل", "تقل")}  # لا يقل عن "at least"; لم يقل is "he did not say"
# ألم, ألا, ألن are a negated question only before a verb (ألم تر, ألا تعلمون); ألم الصدر is
# "chest pain", so they excuse an English negation only there.
_QUESTION = {normalize_arabic(w) for w in ("ألم", "ألا", "ألن")}
_JUSSIVE = re.compile("[يتنا](?!ل)")
_LEXICAL = re.compile(r"without|nothing|none|nobody|nowhere|no-one", re.IGNORECASE)
_ENGLISH = re.compile(r"\b(?:not|never|no|nothing|none|nobody|neither|nor|cannot|without|nowhere|no-one)\b|n't\b", re.IGNORECASE)


def arabic_negations(view: BeadView) -> tuple[list[tuple[int, int]], int]:
    """Spans of certain negators in the matn, and how many uncertain ones there are."""
    certain, maybe = [], 0
    words = view.matn_words
    for i, word in enumerate(words):
        form = word.form
        stripped = form[1:] if form[:1] in ("و", "ف") and len(form) > 2 else form
        following = words[i + 1].form if i + 1 < len(words) else ""
        if following in _IDIOMS and (following not in _LESS or stripped == "لا"):
            continue  # لا يزال "still", لا سيما "especially", لا بد "must", لا شك "no doubt", لا يقل عن "at least"
        if stripped in _ASKED and "أ" not in word.text[:2]:
            continue  # الست is "the six" (منظمة الصحة العالمية الست); only أَلَسْتُ asks "am I not"
        if form == "لا" and i and words[i - 1].form in _ALTERNATIVE:
            maybe += 1  # أم لا "or not", نعم/لا "Y/N": a choice offered, which English often leaves unsaid
            continue
        if form == "لم" and word.text.startswith("لِ"):
            continue  # vowelled لِمَ is "why", not لَمْ
        if form in _CERTAIN or stripped in _CERTAIN:
            certain.append((word.start, word.end))
        elif stripped == "ما" and not view.hadith:
            continue  # news: ما is "what", "that which" (ما يصل إلى "up to", ما إذا "whether"); it negates in classical text
        elif ((form in _MAYBE or stripped in _MAYBE) and (stripped not in _QUESTION or _JUSSIVE.match(following))
              or _REFUSAL.match(form)):
            maybe += 1
    return certain, maybe


def _in_chain(view: BeadView) -> bool:
    """Whether a certain negator stands in what was taken for the chain of narrators: a short
    note after "with its chain" (بإسناده ومعناه ... ولم يذكر "he did not mention") ends up there,
    and the English says its "not"."""
    return any(a <= w.start < b and (w.form in _CERTAIN or w.form[1:] in _CERTAIN)
               for w in view.source_words for a, b in view.chains)


def english_negations(text: str) -> list[tuple[int, int]]:
    """Negators outside brackets: "(no)", "(not meant for Hajj)" are the translator's glosses; a
    bracket never closed ("(during Ramadan, and would not recite ...") holds no gloss."""
    return [(m.start(), m.end()) for m in _ENGLISH.finditer(text) if not _glossed(text, m.start())]


def _glossed(text: str, position: int) -> bool:
    return bracketed(text, position) and any(mark in text[position:] for mark in ")]")


def clausal(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The negators of `spans` that negate a clause (not, never, no, nor, cannot): "without",
    "nothing", "no one" often say an Arabic word that has no negator (جزافا "without weighing",
    محروما "given nothing", سلما "without fighting"), so they say an Arabic negation but are no
    evidence of one the Arabic lacks."""
    return [(a, b) for a, b in spans if not _LEXICAL.fullmatch(text[a:b])]


def negative_words(text: str, arabic: str) -> bool:
    """Whether an English text says "not" without a negator: a negative prefix or suffix on a
    word the word list knows without it (unknown, asymptomatic, non-water-based, symptomless),
    "unless", "lack", "fail", "absent", "yet to", or "only" for the Arabic's لا ... إلا."""
    if _NEGATIVE_WORDS.search(text) or (_ONLY.search(text) and _ILLA.search(normalize_arabic(arabic))):
        return True
    return affixed(text) > 0


def affixed(text: str) -> int:
    """English words with a negative prefix or suffix the word list confirms (unknown, atypical, symptomless)."""
    known = lower_case_words()
    count = 0
    for m in _AFFIXED.finditer(text.lower()):
        word = m.group()
        prefix = _NEGATIVE_PREFIX.match(word)
        rest = word[prefix.end() :] if prefix else word[:-4] if word.endswith("less") else ""
        shortest = _PREFIX_REST.get(prefix.group(), 4) if prefix else 4
        count += len(rest) >= shortest and (rest in known or rest.rstrip("s") in known)
    return count


def _negated_word(view: BeadView, end: int) -> bool:
    """Whether the English word the negator ending at `end` negates (one of the next
    NEGATED_REACH content words) is the word under a negative prefix in a gloss of an Arabic
    word: "not yet known" says ما زالت مجهولة ("unknown"), which has no negator. The
    dictionary's and the learned lexicons' glosses count (Snowball stems)."""
    after = [w for w in view.translation_words if w.start >= end and w.content][:NEGATED_REACH]
    stems = {c for w in after for c in w.concepts}
    for word in view.matn_words:
        glosses = word.concepts | (view.learned.glosses(word.form) if view.learned else frozenset())
        for gloss in glosses:
            prefix = _GLOSS_PREFIX.match(gloss)
            rest = gloss[prefix.end() :] if prefix else ""
            if len(rest) >= 4 and any(stem.startswith(rest) or rest.startswith(stem) for stem in stems if len(stem) >= 4):
                return True
    return False


def check(views: list[BeadView]) -> list[Flag]:
    return [f for view in views if view.source and view.translation for f in _bead(view)]


def _bead(view: BeadView) -> list[Flag]:
    certain, maybe = arabic_negations(view)
    english = english_negations(view.translation)
    rendered = english_negations(view.rendering) if view.rendering else None
    if len(certain) >= (MIN_ARABIC_HADITH if view.hadith else MIN_ARABIC) and not english and not negative_words(view.translation, view.source) and not (rendered is not None and not rendered):
        a, b = certain[0]
        evidence = [view.evidence("source", a, b)] + [view.evidence("rendering", *s) for s in (rendered or [])[:1]]
        return [flag(NAME, SEVERITY, view.index, f"negation {view.source[a:b]} in the Arabic, none in the English", evidence)]
    said = not maybe or (not view.hadith and affixed(view.translation) >= maybe)  # news: غير is "un-", so "unknown" says it, not "not"
    added = clausal(view.translation, english)
    if added and not certain and said and not _in_chain(view) and (rendered == [] or (rendered is None and ENGLISH_ONLY)) \
            and not any(_negated_word(view, b) for _, b in added):
        a, b = added[0]
        return [flag(NAME, SEVERITY, view.index, f"negation {quote(view.translation[a:b])} in the English, none in the Arabic", [view.evidence("translation", a, b)])]
    return []
