"""`omission`: source content with no counterpart in the translation.

The evidence, strongest first:

- a 1-0 bead: a source sentence the aligner could pair with nothing;
- in hadith text (Options.exclude_isnad), a bead of more hadiths, each opening with its own
  chain of narrators, than English segments: translators give every hadith its own line,
  so one of them was left out (benchmarks/divergence_eval.py: one untouched bead so
  flagged on seed 4, none on seeds 0-3 and 5);
- a bead of several source sentences whose English is much shorter than the document's
  length ratio predicts (SHORT_MERGE): the aligner folded an untranslated sentence into
  its neighbour's bead, most often when the two tell much the same story (consecutive
  hadiths do), so the sentence the English covers least is the one left out;
- a clause of the source (between punctuation marks) whose content words the dictionary
  knows, none of which the human English covers (by gloss, name skeleton or number),
  while the bead's other known words are covered often enough that missing all of the
  clause's by chance is unlikely: (1 - rest's coverage) ** known words <= CHANCE. The
  dictionary's reach varies from bead to bead, so the bead is its own yardstick;
  MIN_KNOWN such words make a clause worth judging; in news the English must also be short
  for its Arabic (CLAUSE_RATIO): on the TICO-19 tuning half, every clause so found in a line
  of ordinary length was a technical term the dictionary lacks (benchmarks/divergence_eval.py
  --corpus tico19 --half tune: 2 false flags fewer, no cut missed);
- a passage cut out of an aligned line (news): the English is much shorter than the
  document's ratio predicts (CUT_RATIO; up to CLAUSE_CUT_RATIO for the whole clauses of the
  Arabic inside the run, between marks, relatives or و/ف) and goes straight on past a run of
  Arabic words it says nothing of: in a one-to-one matching of the two sides' words that
  keeps their order, the English words matched to the run's neighbours stand so close
  together that the run's predicted English (CUT_MISSING characters beyond that room, less
  what the English's spelled-out acronyms stand for: Arabic spells RCGP out in five words;
  an acronym it writes letter by letter, إل دي إتش for LDH, says those letter names) has no
  place there. On the TICO-19 tuning half, cross-fitted
  (benchmarks/divergence_eval.py --corpus tico19 --half tune --cross-fit), this finds 0.658 of
  the cut clauses with 7 flags on untouched lines, where any English word that glossed a
  neighbour and a CUT_RATIO of 0.7 alone found 0.571 with 7;
- with a model, contrastive conditioning (contrastive.py): the human English is no less
  likely given the source *without* a clause than with it, so the clause was not
  translated.

The chain of narrators of a hadith is never judged (Options.exclude_isnad).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from transalign.align.split import monotone_links

from transalign.diverge.context import BeadView, Word, concepts_of, covers, keys_of
from transalign.diverge.flags import flag, quote
from transalign.diverge import severity
from transalign.text.normalize import normalize_arabic
from transalign.text.quantities import Quantity
from transalign.text.skeleton import closest, english_key
from transalign.types import Flag, FlagKind

NAME: FlagKind = "omission"
NEEDS_MODEL = False
UNALIGNED = severity.CERTAIN  # severity of a source sentence with no translation at all
CLAUSE = severity.POSSIBLE  # severity of an uncovered clause
SHORT = severity.LIKELY  # severity of a sentence left out of a bead too short for it
UNCOVERED_SENTENCE = severity.STRONG  # a sentence of a multi-sentence bead the English hardly covers
MIN_KNOWN = 6  # dictionary-known content words in a clause before its coverage is judged
CHANCE = 0.05  # how likely missing every known word of a faithful clause may be before it is flagged
CLAUSE_RATIO = 0.85  # news: English length / predicted length, at most, before an uncovered clause is flagged
MIN_SEGMENT_KNOWN = 4  # known words in a sentence of a multi-sentence bead before it is judged
SEGMENT_COVERAGE = 0.2  # a sentence of a multi-sentence bead covered this little is unaligned in all but name
SEGMENT_GAP = 0.2  # ... provided every other sentence of the bead is covered at least this much better
SHORT_MERGE = 0.9  # English length / the length the document's ratio predicts
CUT = severity.POSSIBLE - severity.STEP  # severity of a passage cut out of an aligned line
CUT_RATIO = 0.7  # English length / predicted length, at most, before a cut passage is looked for
CLAUSE_CUT_RATIO = 0.9  # ... and up to this, for the whole clauses of the Arabic inside the run (_clause_within)
CUT_KNOWN = 2  # dictionary-known words in a run of Arabic the English says nothing of
CUT_MISSING = 25  # English characters the run predicts beyond the room the English leaves for it
LEARNED_WEIGHT = 0.5  # a link by the learned lexicons alone, against one by the dictionary, a name or a number
ACRONYM_CHARS = 4  # English characters an acronym's letter stands for, beyond its own, where the Arabic spells it out
_ACRONYM = re.compile(r"\b([A-Z]{2,})s?\b")
# The names of the Latin letters as Arabic writes them (normalized: إي and آي are both اي;
# بي is B or P), for acronyms written letter by letter.
_LETTER_NAMES = {normalize_arabic(name): letters for name, letters in {
    "إيه": "A", "أيه": "A", "اي": "AEI", "بي": "BP", "سي": "C", "دي": "D", "إف": "F", "جي": "G", "إتش": "H", "إيتش": "H",
    "جيه": "J", "جاي": "J", "كيه": "K", "كاي": "K", "إل": "L", "إم": "M", "إن": "N", "أو": "O", "كيو": "Q", "آر": "R",
    "إس": "S", "تي": "T", "يو": "U", "في": "V", "دبليو": "W", "إكس": "X", "واي": "Y", "زد": "Z", "زي": "Z",
}.items()}
_CLAUSE_OPENERS = frozenset(normalize_arabic(w) for w in "الذي التي الذين اللذان اللتان اللواتي اللاتي حيث مما بما لكن بينما".split())
_CLAUSE_MARK = re.compile(r"[،,.;؛:؟?!\"«»()\u200f]+")


def check(views: list[BeadView]) -> list[Flag]:
    flags = []
    for view in views:
        if view.source and not view.translation:
            flags += _unaligned(view)
        elif view.source and view.translation:
            flags += _uncovered_segments(view) or _more_hadiths(view) or _short_merge(view) or _uncovered_clauses(view) or _cut(view)
    return flags


def _cut(view: BeadView) -> list[Flag]:
    """An English too short for its Arabic (CUT_RATIO) that goes straight on past a run of Arabic
    words it says nothing of: in the one-to-one matching of the two sides' words (`_matching`),
    the English words matched to the run's nearest in-order neighbours stand so close together
    that the run's predicted English (CUT_MISSING characters at least, CUT_KNOWN known words)
    has no room there; an English acronym between them stands for words (ACRONYM_CHARS a
    letter). Faithful lines the lexicons know little of leave English between the neighbours,
    where a cut leaves none."""
    ratio = view.features.get("length_ratio")
    if ratio is None or ratio > CLAUSE_CUT_RATIO or view.hadith or not view.source:  # hadith English is freer in length: see _short_merge
        return []
    per_char = len(view.translation) / len(view.source) / max(ratio, 0.01)  # the document's English characters per Arabic one
    lettered = _in_letter_names(view)
    arabic, english, known, match, in_order = _matching(view, lettered)
    whole_clauses_only = ratio > CUT_RATIO
    best: tuple[float, int, int] = (0.0, 0, 0)  # missing characters, first and last word of the run
    i = 0
    while i < len(arabic):
        if match[i] is not None:
            i += 1
            continue
        j = i
        while j + 1 < len(arabic) and match[j + 1] is None:
            j += 1
        a, b = _clause_within(view.source, arabic, i, j) if whole_clauses_only else (i, j)
        if b >= a and sum(known[a : b + 1]) >= CUT_KNOWN:
            left = next((match[k] for k in range(i - 1, -1, -1) if in_order[k]), None)
            right = next((match[k] for k in range(j + 1, len(arabic)) if in_order[k]), None)
            room = _room(view.translation, english, left, right)
            missing = (arabic[b].end - arabic[a].start) * per_char - room
            if missing > best[0]:
                best = (missing, a, b)
        i = j + 1
    missing, first, last = best
    if missing < CUT_MISSING:
        return []
    spelled_out = sum(len(a) for a in _spelled_out(view, lettered)) * ACRONYM_CHARS  # RCGP: مركز ... الكلية الملكية للممارسين العامين
    if missing - spelled_out < CUT_MISSING:
        return []
    s, e = arabic[first].start, arabic[last].end
    message = (f"Arabic passage {quote(view.source[s:e], 50)} has no counterpart in the English "
               f"(the English is {ratio:.0%} of the length this document's ratio predicts)")
    return [flag(NAME, CUT, view.index, message, [view.evidence("source", s, e)])]


def _clause_within(text: str, words: list[Word], first: int, last: int) -> tuple[int, int]:
    """The longest part of words[first..last] (content words of `text`) that makes whole clauses:
    it opens and closes at the line's edge, a punctuation mark, a relative or conjunction
    (الذي, حيث, مما) or a word that opens with و or ف ("and", "so"); last < first for none."""
    def boundary(k: int) -> bool:
        """Whether a clause may open at words[k] (and close before it)."""
        if k == 0 or k == len(words):
            return True
        gap = text[words[k - 1].end : words[k].start]
        return (bool(_CLAUSE_MARK.search(gap)) or any(normalize_arabic(t) in _CLAUSE_OPENERS for t in gap.split())
                or (words[k].form.startswith(("و", "ف")) and len(words[k].form) > 3))

    opens = next((k for k in range(first, last + 1) if boundary(k)), last + 1)
    closes = next((k for k in range(last, opens - 1, -1) if boundary(k + 1)), opens - 1)
    return opens, closes


def _spelled_out(view: BeadView, lettered: list[tuple[str, int, int]]) -> list[str]:
    """The English acronyms the Arabic spells out in words: neither kept in Latin script,
    transliterated (SARS is سارس, COVID كوفيد) nor written letter by letter (`lettered`, from
    _in_letter_names: إل دي إتش is LDH); RCGP is five Arabic words."""
    keys = keys_of(view.source_words)
    letter_named = {a for a, _, _ in lettered}
    return [a for a in _ACRONYM.findall(view.translation)
            if a not in view.source and a not in letter_named and not (len(english_key(a)) >= 2 and closest(english_key(a), keys))]


def _in_letter_names(view: BeadView) -> list[tuple[str, int, int]]:
    """The English acronyms the Arabic writes as the names of their letters ("(إل دي إتش)" for
    "(LDH)", "بي آر آر إس" for "PRRs"), each with the span of its Arabic letter names."""
    acronyms = set(_ACRONYM.findall(view.translation))
    if not acronyms:
        return []
    runs: list[list[Word]] = []
    for w in view.matn_words:
        if w.form not in _LETTER_NAMES:
            continue
        if runs and view.source[runs[-1][-1].end : w.start].strip(" -") == "":
            runs[-1].append(w)
        else:
            runs.append([w])
    found = []
    for run in runs:
        for acronym in acronyms:
            n = len(acronym)
            for k in range(len(run) - n + 1):
                if all(letter in _LETTER_NAMES[w.form] for letter, w in zip(acronym, run[k : k + n])):
                    found.append((acronym, run[k].start, run[k + n - 1].end))
                    break
    return found


def _matching(view: BeadView, lettered: list[tuple[str, int, int]]) -> tuple[list[Word], list[Word], list[bool], list[int | None], list[bool]]:
    """The matn's content words, the English content words, which Arabic words some lexicon
    glosses, and a one-to-one matching of the two: each Arabic word's English word or None,
    and whether that link keeps both orders.

    A link is a gloss of the dictionary or of the learned lexicons, a name skeleton, or a number
    both sides say (a number in digits counts as a word of each: "(95% CI: 3.51-4.05)" ends a
    run). The heaviest matching that keeps both orders comes first (align.split's, so that a
    word the line repeats matches its own occurrence); an Arabic word left out of it then takes
    an English word it links to that nobody took. So an English word says one Arabic word,
    not every word one of whose glosses it happens to be."""
    english_values = {q.value: q for q in view.translation_quantities}
    numbers = [(q, english_values[q.value]) for q in view.source_quantities if q.value in english_values]
    arabic = _with_numbers([w for w in view.matn_words if w.content], view.source, [q for q, _ in numbers])
    english = _with_numbers([w for w in view.translation_words if w.content], view.translation, [q for _, q in numbers])
    by_concept: dict[str, list[int]] = {}
    by_key: dict[str, list[int]] = {}
    for k, w in enumerate(english):
        for c in w.concepts:
            by_concept.setdefault(c, []).append(k)
        if len(w.key) >= 2:
            by_key.setdefault(w.key, []).append(k)
    keys = tuple(by_key)
    links: list[dict[int, float]] = []  # each Arabic word's English words, with the link's weight
    known = []
    for w in arabic:
        learned = view.learned.glosses(w.form) if view.learned is not None and w.form else frozenset()
        known.append(bool(w.concepts or learned))
        weights = dict.fromkeys((k for c in learned for k in by_concept.get(c, ())), LEARNED_WEIGHT)
        weights.update(dict.fromkeys((k for c in w.concepts for k in by_concept.get(c, ())), 1.0))
        key = closest(w.key, keys) if len(w.key) >= 2 and keys else None
        weights.update(dict.fromkeys(by_key.get(key, ()) if key else (), 1.0))
        for q, said in numbers:
            if q.start <= w.start < q.end:
                weights.update(dict.fromkeys((k for k, x in enumerate(english) if said.start <= x.start < said.end), 1.0))
        links.append(weights)
    match: list[int | None] = [None] * len(arabic)
    in_order = [False] * len(arabic)
    rows = [i for i, weights in enumerate(links) if weights]  # words with no link take no part: a smaller matrix
    columns = sorted(set().union(*links))
    if rows:
        column_of = {k: column for column, k in enumerate(columns)}
        affinity = np.zeros((len(rows), len(columns)))
        for row, i in enumerate(rows):
            affinity[row, [column_of[k] for k in links[i]]] = list(links[i].values())
        for row, column, _ in monotone_links(affinity):
            match[rows[row]], in_order[rows[row]] = columns[column], True
    taken = {k for k in match if k is not None}
    for i, weights in enumerate(links):
        if match[i] is None:
            free = next((k for k in sorted(weights) if k not in taken), None)
            if free is not None:
                match[i] = free
                taken.add(free)
    for acronym, start, end in lettered:  # written letter by letter (_in_letter_names): said by the acronym, no anchor
        acronym_at = next((k for k, x in enumerate(english) if x.text.rstrip("s") == acronym), None)
        for i, w in enumerate(arabic):
            if acronym_at is not None and match[i] is None and start <= w.start < end:
                match[i] = acronym_at
    return arabic, english, known, match, in_order


def _with_numbers(words: list[Word], text: str, numbers: list[Quantity]) -> list[Word]:
    """`words` with a word for each of `numbers` that none of them starts in (digits), in text order."""
    digits = [Word(text[q.start : q.end], q.start, q.end, "", frozenset(), "", True) for q in numbers
              if not any(q.start <= w.start < q.end for w in words)]
    return sorted(words + digits, key=lambda w: w.start)


def _room(text: str, english: list[Word], left: int | None, right: int | None) -> float:
    """English characters between the words matched to a run's neighbours (`left`, `right`:
    indices into `english`; None at the line's start or end); an acronym counts ACRONYM_CHARS
    a letter."""
    start = english[left].end if left is not None else 0
    end = english[right].start if right is not None else len(text)
    if end <= start:
        return 0.0
    span = text[start:end]
    return len(span) + sum(len(a) * ACRONYM_CHARS - len(a) for a in _ACRONYM.findall(span))


def _unaligned(view: BeadView) -> list[Flag]:
    matn = [w for w in view.matn_words if w.content]
    if not matn:
        return []
    start, end = matn[0].start, matn[-1].end
    message = f"Arabic sentence {quote(view.source[start:end], 50)} has no English counterpart"
    return [flag(NAME, UNALIGNED, view.index, message, [view.evidence("source", start, end)])]


def clauses(view: BeadView) -> list[tuple[int, int]]:
    """Spans of the matn between punctuation marks."""
    out, start = [], 0
    for mark in _CLAUSE_MARK.finditer(view.source + "."):
        if not view.in_chain(start) and view.source[start : mark.start()].strip():
            out.append((start, mark.start()))
        start = mark.end()
    return out


def _uncovered_clauses(view: BeadView) -> list[Flag]:
    ratio = view.features.get("length_ratio")
    if not view.hadith and ratio is not None and ratio > CLAUSE_RATIO:
        return []  # news English as long as its Arabic: the dictionary, not the translator, missed the clause
    known = [w for w in view.matn_words if w.content and w.concepts]
    if not known:
        return []
    covered = covered_words(view)
    flags = []
    for start, end in clauses(view):
        inside = [w for w in known if start <= w.start < end]
        outside = [w for w in known if not start <= w.start < end]
        if len(inside) < MIN_KNOWN or any(w.start in covered for w in inside):
            continue
        rest = sum(w.start in covered for w in outside) / len(outside) if outside else 0.0
        if (1 - rest) ** len(inside) > CHANCE:
            continue
        s, e = _trim(view, inside)
        message = f"Arabic clause {quote(view.source[s:e], 50)} has no counterpart in the English"
        flags.append(flag(NAME, CLAUSE, view.index, message, [view.evidence("source", s, e)]))
    return flags[:1]


def coverage(view: BeadView, start: int, end: int) -> tuple[int, float]:
    """Dictionary-known content words of the matn in [start, end), and the share the English covers."""
    known = [w for w in view.matn_words if w.content and w.concepts and start <= w.start < end]
    if not known:
        return 0, 0.0
    covered = covered_words(view)
    return len(known), sum(w.start in covered for w in known) / len(known)


def covered_words(view: BeadView) -> set[int]:
    """Starts of the matn's words the English covers: by gloss or name skeleton (context.covers),
    or by a number the English also says (سبع for "seven": the dictionary glosses it "septuple")."""
    concepts, keys = concepts_of(view.translation_words), keys_of(view.translation_words)
    english = {q.value for q in view.translation_quantities}
    said = [(q.start, q.end) for q in view.source_quantities if q.value in english]
    return {w.start for w in view.matn_words if covers(w, concepts, keys) or any(a <= w.start < b for a, b in said)}


def _uncovered_segments(view: BeadView) -> list[Flag]:
    """In a bead of several source sentences, one the English hardly covers while it covers the rest."""
    if len(view.source_spans) < 2:
        return []
    measured = [(span, *coverage(view, *span)) for span in view.source_spans]
    for (start, end), known, share in measured:
        others = [s for span, k, s in measured if span != (start, end) and k]
        if known >= MIN_SEGMENT_KNOWN and share <= SEGMENT_COVERAGE and others and min(others) >= share + SEGMENT_GAP:
            words = [w for w in view.matn_words if start <= w.start < end]
            if words:
                s, e = words[0].start, words[-1].end
                message = f"Arabic sentence {quote(view.source[s:e], 50)} has no counterpart in the English ({share:.0%} of its known words covered)"
                return [flag(NAME, UNCOVERED_SENTENCE, view.index, message, [view.evidence("source", s, e)])]
    return []


def _more_hadiths(view: BeadView) -> list[Flag]:
    """A bead of more hadiths, each opening with its own chain of narrators, than English
    segments: a translation gives each hadith its own, so one of them has none."""
    if len(view.chains) <= len(view.translation_spans):
        return []
    opened = [span for span in view.source_spans if view.in_chain(span[0])]
    return _least_covered(view, opened, lambda text, share: (
        f"Arabic hadith {text} may have no counterpart: {len(view.chains)} hadiths, each with its own chain of "
        f"narrators, share {len(view.translation_spans)} English segment(s); it covers {share:.0%} of its known words"))


def _short_merge(view: BeadView) -> list[Flag]:
    """A bead of several source sentences with too little English for all of them."""
    ratio = view.features.get("length_ratio")
    if len(view.source_spans) < 2 or ratio is None or ratio > SHORT_MERGE:
        return []
    return _least_covered(view, view.source_spans, lambda text, share: (
        f"Arabic sentence {text} may have no counterpart: the English is {ratio:.0%} of the length this "
        f"document's ratio predicts, and covers {share:.0%} of the sentence's known words"))


def _least_covered(view: BeadView, spans: Sequence[tuple[int, int]], describe: Callable[[str, float], str]) -> list[Flag]:
    """A flag on the span of `spans` whose known words the English covers least: the one left
    out; `describe(quoted text, share covered)` words its message."""
    share, (start, end) = min((coverage(view, *span)[1], span) for span in spans)
    words = [w for w in view.matn_words if start <= w.start < end]
    if not words:
        return []
    s, e = words[0].start, words[-1].end
    return [flag(NAME, SHORT, view.index, describe(quote(view.source[s:e], 50), share), [view.evidence("source", s, e)])]


def _trim(view: BeadView, inside: list[Word]) -> tuple[int, int]:
    return inside[0].start, inside[-1].end
