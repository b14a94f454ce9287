"""`name`: a proper noun in the English with no counterpart in its bead's Arabic.

A capital letter is where a name may be, not proof of one. An English word is taken for a
name when it is capitalized inside a sentence and the English word list (Debian's
`wamerican`, /usr/share/dict/american-english) does not know it in lower case: "Gilead",
"Russell", "Lebanese" are names, "Infrastructure" and "Virology" in a title are not.
A common word made into another by a suffix or a prefix the word list leaves out is no
name either ("Findable", "Interoperable" in "the FAIR principles"). Titles (Capt, Dr, Mr,
Ummul of "Ummul Mu'minin"), contractions ("There's"), months and weekdays, and acronyms
("CDC", "CoVs": Arabic spells them its own way or spells them out) are never names; a name
written with its particle in one word ("AbuHurayrah", "AbdulMuttalib") is no acronym.
Without the word list every such capitalized word is a candidate.

A name is matched when a word of the bead's Arabic has a similar transliteration skeleton
(service/transalign/text/skeleton.py: هولي ويلوبي ~ Holly Willoughby, two Arabic words together for one
English one: عبد الله ~ Abdullah), or the Arabic keeps it in Latin script (Alipay) or a gloss has its stem, in the
dictionary ("Prophet" ~ النبي) or in the lexicons the aligner learned from parallel text
(المدينة ~ Medina, عيسى ~ Jesus: translators translate some names).
Sounds the scripts write apart are also compared loosely (Zhang ~ تشانغ, Orleans ~
أورلينز), and a ta marbuta is also read "-at" (الزكاة ~ Zakat, سورة ~ Surat). A nationality adjective matches its country or its nisba: "Lebanese" ~ اللبنانية, "Chinese"
~ الصين (the English suffix -ese, -ian, -i, -ish and the Arabic -ي, -ية, -يون dropped).

An unmatched name is flagged with more severity when the Arabic also has a name the
English of the bead lacks (a word without gloss spelling a name the document's English
has elsewhere): a swapped name. When the English alone has one, it is flagged with less, and only
when no Arabic word of the whole document spells it: a translator may name what the
Arabic calls "the city" or "the Prophet" there. In hadith text the chain
of narrators (Options.exclude_isnad) counts for matching, since the English narrator line
names its people. There, too, an English name the document leaves unmatched in HABIT beads
or more is the translator's own word for what the Arabic says in words (Muzdalifah for جمع)
and is not flagged: on Sunan Abi Dawud (benchmarks/divergence_eval.py --docs 190 --seed 0)
22 flags fewer on untouched hadiths, none fewer on swapped names. Hadith translators also
write a narrator's full name where the Arabic has part of it ("Ali ibn AbuTalib" for عن
علي): a name joined (ibn, b., al-) to a name the Arabic spells is not flagged alone, but it
is flagged as a swap when the Arabic gives that person's name a part no English word spells
(سويد بن مقرن, "Suwayd ibn Hisn"). "Elsewhere in the document" means in its hadiths' text,
not in their chains (which name dozens of people), and never for the narrator line
("Narrated Hafs:"), whose person the chain names.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

from transalign.text.skeleton import MIN_KEY, SkeletonIndex, arabic_key, closest, english_key, english_name_words, similar
from transalign.diverge.context import BeadView, Word, concepts_of
from transalign.diverge.flags import flag
from transalign.diverge import severity
from transalign.profiles.hadith import joins_name, name_run, narrator_line_end
from transalign.types import Flag, FlagKind

NAME: FlagKind = "name"
NEEDS_MODEL = False
CHANGED = severity.STRONG + severity.STEP  # an English name without counterpart, and an Arabic name-like word the English lacks
ONE_SIDED = severity.POSSIBLE  # an English name without counterpart
ELSEWHERE = 90.0  # skeleton similarity for a name to count as spelled elsewhere in the document's Arabic
HABIT = 2  # hadith: beads of a document in which one English name goes unmatched: the translator's habit, not a swap
HADITH_ELSEWHERE = 85.0  # ... in hadith text, whose translators spell names their own way (Sunan Abi Dawud)
WORDS = Path("/usr/share/dict/american-english")
# Titles, "Ummul (Mu'minin)" "Mother of the Believers" among them.
_TITLES = {"mr", "mrs", "ms", "dr", "prof", "capt", "col", "gen", "lt", "sgt", "st", "rev", "sr", "jr", "maj", "cpl", "pte", "hon", "sheikh", "sir", "lord", "lady", "ummul"}
_CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
_DERIVED = re.compile(r"^([a-z]{3,}?)(?:ability|ibility|able|ible|ness|ment|ization|isation)s?$")
_PREFIXES = ("inter", "re", "un", "non", "pre", "post", "co", "multi", "sub", "over", "under", "anti", "semi")
_PREFIXED = re.compile(rf"^(?:{'|'.join(_PREFIXES)})-?([a-z]{{4,}})$")
# An acronym has capitals and no run of three lower-case letters (CDC, CoVs, COVID); a name
# written in one with its particle keeps its runs (AbuHurayrah, AbdulMuttalib, McDonald).
_ACRONYM = re.compile(r"(?=\w*[A-Z]\w*[A-Z])(?!\w*[a-z]{3})\w+")
_NATIONALITY = re.compile(r"(?:ese|ians?|ans?|is?|ish|ic|ism)$")
# Sounds the two scripts write apart: تش for "ch"/"zh", ز for an English "s" (Orleans,
# أورلينز), ج for "g" (Hologic, هولوجيك). Compared loosely as well as strictly.
_LOOSE = (("TS", "S"), ("ZH", "S"), ("Z", "S"), ("J", "G"))
_TA_MARBUTA = re.compile("ة[\u064b-\u0652]*$")  # said "-at" before a genitive: الزكاة "Zakat", سورة البقرة "Surat al-Baqarah"
_NISBA = re.compile("(?:يه|يين|يون|يات|ي|ين|ون|ات)$")  # normalized: -iyya, -iyyin, -iyyun, -iyyat, -i; plurals -in, -un, -at


def check(views: list[BeadView]) -> list[Flag]:
    hadith = any(view.hadith for view in views)  # names there are also words: عبد الله, الزكاة (Zakat)
    found = {view.index: english_names(view) for view in views}
    elsewhere = HADITH_ELSEWHERE if hadith else ELSEWHERE  # hadith translators spell names their own way
    # Indexes, not lists: each name is looked up among the document's distinct skeletons (text/skeleton.py).
    document = SkeletonIndex((k for view in views for k in _arabic_keys(view, glossed=hadith, chain=not hadith)), elsewhere)
    names = SkeletonIndex((k for view in views for w in found[view.index] for k in _english_keys(w.text)), ELSEWHERE)
    paired = [view for view in views if view.source and view.translation]
    unmatched = {view.index: _unmatched(view, found[view.index]) for view in paired}
    habits = _habits(paired, unmatched)
    return [f for view in paired for f in _bead(view, [w for w in unmatched[view.index] if w.form not in habits], document, names)]


@lru_cache(maxsize=1)
def lower_case_words() -> frozenset[str]:
    """Words the English word list writes in lower case: common words, whatever their capital."""
    try:
        text = WORDS.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    return frozenset(w for w in text.split() if w[:1].islower())


def is_common(word: str) -> bool:
    """Whether an English word is a common word (its lower-case form, or that form without a
    plural or possessive ending, is in the word list)."""
    lower = word.lower()
    known = lower_case_words()
    if any(form in known for form in (lower, lower[:-1] if lower.endswith("s") else "", lower[:-2] if lower.endswith("es") else "")):
        return True
    # "Findable", "Reusability", "Interoperable": a common word made into another one, not a name.
    derived = _DERIVED.match(lower)
    if derived and any(stem in known for stem in (derived.group(1), derived.group(1) + "e")):
        return True
    prefixed = _PREFIXED.match(lower)
    return prefixed is not None and is_common(prefixed.group(1))


def english_names(view: BeadView) -> list[Word]:
    """The bead's English words that are names (see the module's docstring)."""
    starts = {start for _, start, _ in english_name_words(view.translation)}
    out = []
    for w in view.translation_words:
        if w.start not in starts:
            continue
        bare = re.split("['’]", w.text)[0]
        if len(english_key(bare)) < MIN_KEY or not w.content:
            continue
        if "'" in w.form and not w.form.endswith("'s"):
            continue  # a contraction: There's is fine, Guardian's is a name
        if _ACRONYM.fullmatch(bare) or bare.lower() in _TITLES | _CALENDAR or is_common(bare):
            continue
        if bare.lower() in _PREFIXES and view.translation[w.end : w.end + 1] == "-":
            continue  # a prefix of a compound: "Cambridge Pre-U", "Post-Soviet"
        out.append(w)
    return out


@lru_cache(maxsize=100_000)
def _english_keys(word: str) -> frozenset[str]:
    bare = re.split("['’]", word)[0]
    keys = {english_key(bare)}
    lower = bare.lower()
    for stem in (_NATIONALITY.sub("", lower), lower[:-1] if lower.endswith("s") else lower):  # Lebanese, Muslims
        if stem != lower and len(stem) >= 3:
            keys.add(english_key(stem))
    return frozenset(k for k in keys if len(k) >= 2)


@lru_cache(maxsize=100_000)
def _loose(key: str) -> str:
    for a, b in _LOOSE:
        key = key.replace(a, b)
    return key


def _alike(english: str, arabic: list[str], loose: list[str]) -> bool:
    """Whether one of the skeletons `arabic` (`loose`: the same, loosened) spells the English
    skeleton; a loosened skeleton of one consonant (Zhou ZH, تشو TS: both S) only when equal."""
    loosened = _loose(english)
    if len(loosened) < MIN_KEY:  # ZH -> S: one consonant, too short to compare loosely; said alike only if equal
        return closest(english, arabic) is not None or loosened in loose
    return closest(english, arabic) is not None or closest(loosened, loose) is not None


def _arabic_keys(view: BeadView, glossed: bool = True, chain: bool = True) -> list[str]:
    """Skeletons of the Arabic's words, of pairs of them and of its Latin-script words;
    `glossed=False` leaves out the words the dictionary knows (حسن "good" is no Hassan) and the
    function words, which it does not gloss (هناك "there" is no Hanneke)."""
    words = tuple(w for w in (view.source_words if chain else view.matn_words) if glossed or (w.content and not w.concepts))
    keys = [w.key for w in words if len(w.key) >= 2]
    keys += [w.key[:-1] + "T" for w in words if len(w.key) >= 3 and _TA_MARBUTA.search(w.text)]  # الزكاة Zakat, سورة Surat; not وفاة (FT ~ Vatican)
    keys += [key for w in words if (key := _nisba_key(w.form)) is not None]
    single = [w.key for w in words]
    keys += [a + b for a, b in zip(single, single[1:]) if a or b]  # عبد الله ~ Abdullah
    keys += [english_key(w) for w in re.findall(r"[A-Za-z]+", view.source)]  # names the Arabic keeps in Latin script
    return [k for k in keys if len(k) >= 2]


@lru_cache(maxsize=100_000)
def _nisba_key(form: str) -> str | None:
    """The skeleton of a word with a nisba ending, without it (اللبنانية ~ Lebanon); None for other words."""
    return arabic_key(_NISBA.sub("", form)) if _NISBA.search(form) and len(form) > 4 else None


def _habits(views: list[BeadView], unmatched: dict[int, list[Word]]) -> set[str]:
    """In hadith text, English names left unmatched in HABIT beads of a document or more: the
    translator's own word for something the Arabic says in words (Ummul for أم المؤمنين, Surat
    for سورة, Muzdalifah for جمع), not a swap (benchmarks/divergence_eval.py --docs 190 --seed 0).
    Not in news, where nothing but the name itself stands for a name."""
    if not any(view.hadith for view in views):
        return set()
    beads = Counter(form for view in views for form in {w.form for w in unmatched[view.index]})
    return {form for form, n in beads.items() if n >= HABIT}


def _unmatched(view: BeadView, english: list[Word]) -> list[Word]:
    """The bead's English names that no Arabic word of the bead spells or glosses."""
    source_keys = _arabic_keys(view)
    loose_keys = [k for k in map(_loose, source_keys) if k]
    source_concepts = concepts_of(view.source_words) | _learned_glosses(view)
    return [
        w for w in english
        if not (w.concepts & source_concepts) and not any(_alike(k, source_keys, loose_keys) for k in _english_keys(w.text))
    ]


def _bead(view: BeadView, unmatched: list[Word], document: SkeletonIndex, names: SkeletonIndex) -> list[Flag]:
    if not unmatched:
        return []
    fuller = _fuller_names(view, unmatched) if view.hadith else {}
    own = [w for w in unmatched if w.start not in fuller]
    arabic = _arabic_names(view, names) if own else []
    # the parts after the part the Arabic spells ("Suwayd ibn Hisn"): there, too, what follows a person's own name is their father's or their nisba
    after = {start: part for start, part in fuller.items() if part.start < start}
    swapped = [(a, w) for w in unmatched if w.start in after for a in _unsaid_in_name(view, after[w.start])][:1]
    if arabic or swapped:
        a, e = (arabic[0], own[0]) if arabic else swapped[0]
        evidence = [view.evidence("source", a.start, a.end), view.evidence("translation", e.start, e.end)]
        return [flag(NAME, CHANGED, view.index, f"name {a.text} in the Arabic, {e.text} in the English", evidence)]
    narrator = narrator_line_end(view.translation) if view.hadith else 0  # a narrator is named by the chain, not elsewhere
    foreign = [w for w in own if w.start < narrator or not any(document.closest(k) for k in _english_keys(w.text))]
    if not foreign:
        return []  # the translator named what the Arabic names elsewhere ("the city" for تدمر)
    e = foreign[0]
    message = f"name {e.text} in the English is nowhere in the Arabic"
    return [flag(NAME, ONE_SIDED, view.index, message, [view.evidence("translation", e.start, e.end)])]


def _fuller_names(view: BeadView, unmatched: list[Word]) -> dict[int, Word]:
    """The unmatched names that are one person's name with a word the Arabic spells, by their
    start, with that word: hadith translators write a narrator's full name ("Ali ibn AbuTalib",
    "AbuSa'id al-Khudri", "Wa'il ibn Hujr") where the Arabic has عن علي, عن أبي سعيد, عن وائل."""
    words = view.translation_words
    lost = {w.start for w in unmatched}
    source_keys = _arabic_keys(view)
    loose_keys = [k for k in map(_loose, source_keys) if k]
    single = {w.key for w in view.source_words if w.key}

    def spelled(word: Word) -> bool:  # a capitalized word; of one consonant only by an equal skeleton: Ali, علي (L)
        if word.start in lost or not word.text[:1].isupper() or is_common(word.text):
            return False
        return english_key(word.text) in single or any(_alike(k, source_keys, loose_keys) for k in _english_keys(word.text))

    def particle(j: int) -> bool:  # "ibn", "b.", "al-" with what follows them up to the next word
        return j + 1 < len(words) and joins_name(view.translation[words[j].start : words[j + 1].start])

    def partner(i: int, step: int) -> Word | None:  # over particles and other unmatched parts to a part the Arabic spells
        j = i + step
        while 0 <= j < len(words):
            left, right = (words[j - step], words[j]) if step > 0 else (words[j], words[j - step])
            if not joins_name(view.translation[left.end : right.start]):
                return None
            if spelled(words[j]):
                return words[j]
            if not particle(j) and words[j].start not in lost:
                return None
            j += step
        return None

    out = {}
    for i, w in enumerate(words):
        if w.start in lost and (found := partner(i, -1) or partner(i, 1)) is not None:
            out[w.start] = found
    return out


def _unsaid_in_name(view: BeadView, part: Word) -> list[Word]:
    """Arabic words of the name whose part `part` of the English spells that no English word of
    the bead spells: "Suwayd ibn Hisn" for سويد بن مقرن has lost مقرن (hadith text)."""
    forms = [w.form for w in view.source_words]
    keys = [w.key for w in view.source_words]
    english = [k for w in view.translation_words if w.text[:1].isupper() for k in _english_keys(w.text)]
    wanted = _english_keys(part.text)  # of two consonants or more: Ali (L) is too many people's name to tell which

    def said(k: int) -> bool:
        pairs = [keys[k]] + ([keys[k - 1] + keys[k]] if k else []) + ([keys[k] + keys[k + 1]] if k + 1 < len(keys) else [])
        return any(len(key) >= 2 and closest(key, english) for key in pairs)

    out = []
    for k, w in enumerate(view.source_words):
        run = name_run(forms, k)
        if run[0] == k and w.key and any(w.key == key or similar(w.key, key) for key in wanted):  # the person's own name, not a father's
            out += [view.source_words[j] for j in run[1:] if len(keys[j]) >= 2 and not said(j)]
    return out


def _learned_glosses(view: BeadView) -> frozenset[str]:
    """What the lexicons learned from parallel text gloss the bead's Arabic words with: the names
    translators give what the Arabic says in words of its own (المدينة "Medina", عيسى "Jesus",
    الدجال "Antichrist", أم المؤمنين "Ummul Mu'minin"), which no skeleton matches."""
    if view.learned is None:
        return frozenset()
    forms = {w.form for w in view.source_words if w.content}  # each form once: a long bead repeats its words
    return frozenset().union(*map(view.learned.glosses, forms))


def _arabic_names(view: BeadView, names: SkeletonIndex) -> list[Word]:
    """Arabic words outside the chain of narrators that spell a name the document's English
    has elsewhere, while no English word of this bead has their skeleton: a name dropped here."""
    english = {k for w in view.translation_words for k in _english_keys(w.text)}
    return [
        w for w in view.matn_words
        if w.content and not w.concepts and len(w.key) >= 3 and names.closest(w.key)
        and not any(similar(w.key, k) for k in english)
    ]
