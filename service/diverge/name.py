"""`name`: a proper noun on one side with no counterpart on the other.

Names are matched by transliteration skeleton (service/align/names.py: دير الزور ~ Deir
ez-Zor, تدمر ~ Tadmor). An English name (a capitalized word not opening a sentence) is
unmatched when no word of the bead's Arabic, chain of narrators included, has a similar
skeleton or a dictionary gloss with its stem ("Prophet" ~ النبي). Capitalized words
that are glosses somewhere in the dictionary but not of this bead's Arabic ("God",
"Messenger") are common nouns written with a capital; they are left alone unless the
Arabic has a name of its own that the English lacks, which is what a swapped name
looks like. An English name that only this bead's English has and that no Arabic word of
the whole document spells (chains included) is flagged on its own, with less severity: a
name from elsewhere, or one the translator supplied ("Ali ibn AbuTalib" for علي).

An Arabic word is taken for a name when its skeleton matches an English name elsewhere in
the document; such a word outside the chain of narrators, with no counterpart in its
own bead's English, is a name the English dropped or changed.
"""

from __future__ import annotations

from service.align.names import closest, english_name_words, similar
from service.diverge.context import BeadView, Word, concepts_of
from service.diverge.flags import flag
from service.types import Flag

NAME = "name"
NEEDS_MODEL = False
CHANGED = 0.85  # an English name without counterpart and an Arabic name missing from the English
ONE_SIDED = 0.6
ARABIC_NAME = 90.0  # skeleton similarity for an Arabic word to count as one of the document's names
MIN_KEY = 2  # consonants in a skeleton before it is compared at all


def check(views: list[BeadView]) -> list[Flag]:
    english_names = {w.key for view in views for w in _english_names(view)}
    vocabulary = _gloss_vocabulary(views)
    document = _Document(views)
    return [f for view in views if view.source and view.translation for f in _bead(view, english_names, vocabulary, document)]


class _Document:
    """The name skeletons of the whole document: every Arabic word's, chains included, and
    the beads each English skeleton stands in."""

    def __init__(self, views: list[BeadView]) -> None:
        self.arabic = sorted({w.key for view in views for w in view.source_words if len(w.key) >= MIN_KEY})
        self.english: dict[str, set[int]] = {}
        for view in views:
            for w in view.translation_words:
                self.english.setdefault(w.key, set()).add(view.index)

    def foreign(self, word: Word, index: int) -> bool:
        """An English name of this bead alone that no Arabic word of the document spells; not
        an acronym, which Arabic spells its own way (SDF, قسد)."""
        if len(word.key) < 3 or word.text.isupper() or self.english.get(word.key, set()) - {index}:
            return False
        return closest(word.key, self.arabic) is None


def _english_names(view: BeadView) -> list[Word]:
    starts = {start for _, start, _ in english_name_words(view.translation)}
    return [w for w in view.translation_words if w.start in starts and w.content and len(w.key) >= MIN_KEY]


def _gloss_vocabulary(views: list[BeadView]) -> frozenset[str]:
    lexicon = views[0].lexicon if views else None
    return lexicon.vocabulary if lexicon is not None else frozenset()


def _bead(view: BeadView, document_names: set[str], vocabulary: frozenset[str], document: _Document) -> list[Flag]:
    source_keys = [w.key for w in view.source_words if len(w.key) >= MIN_KEY]
    source_keys += [a.key + b.key for a, b in zip(view.source_words, view.source_words[1:]) if a.key or b.key]  # عبد الله ~ Abdullah
    source_concepts = concepts_of(view.source_words)
    english_keys = [w.key for w in view.translation_words if len(w.key) >= MIN_KEY]
    unmatched_english = [
        w for w in _english_names(view)
        if not (w.concepts & source_concepts) and not any(similar(w.key, k) for k in source_keys)
    ]
    candidates = [w for w in view.matn_words if len(w.key) >= MIN_KEY and not w.concepts and any(similar(w.key, k, ARABIC_NAME) for k in document_names)]
    starts = {w.start for w in candidates}
    translation_concepts = concepts_of(view.translation_words)
    missing_arabic = [
        w for i, w in enumerate(candidates)
        if (len(w.key) >= 3 or _neighbour_is_name(view, w, starts))  # a two-consonant skeleton only inside a longer name (دير الزور)
        and not any(similar(w.key, k) for k in english_keys)
        and not (w.concepts & translation_concepts)
    ]
    proper = [w for w in unmatched_english if not (w.concepts & vocabulary)]
    if proper and missing_arabic:
        e, a = proper[0], missing_arabic[0]
        evidence = [view.evidence("source", a.start, a.end), view.evidence("translation", e.start, e.end)]
        return [flag(NAME, CHANGED, view.index, f"name {a.text} in the Arabic, {e.text} in the English", evidence)]
    foreign = [w for w in proper if document.foreign(w, view.index)]
    if foreign:
        e = foreign[0]
        message = f"name {e.text} in the English is nowhere in the Arabic"
        return [flag(NAME, ONE_SIDED, view.index, message, [view.evidence("translation", e.start, e.end)])]
    return []




def _neighbour_is_name(view: BeadView, word: Word, starts: set[int]) -> bool:
    words = view.matn_words
    i = next(k for k, w in enumerate(words) if w.start == word.start)
    return any(0 <= j < len(words) and words[j].start in starts for j in (i - 1, i + 1))
