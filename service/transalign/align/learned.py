"""A translation lexicon learned from parallel text, for words the dictionary lacks.

FreeDict knows general vocabulary; a domain's own words (ihram, ablution, wild ass,
checkpoint, displaced) come from text already translated in that domain. Each Arabic
word is linked to the English concepts it co-occurs with most, by the Dice coefficient
over aligned pairs (hadiths, paragraphs, subtitle beads): the association measure the
classic sentence aligners bootstrap with, and enough here because the aligner only asks
"could this word's translation be in that sentence", never for the best translation.
No maintained library learns such a lexicon from sparse co-occurrence counts (nltk's IBM
models are pure Python and take hours on a few thousand pairs), so this is one matrix
product with scipy.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np
from scipy import sparse

from transalign.align.lexicon import english_concepts
from transalign.formats.write import write_atomic
from transalign.text.normalize import normalize_arabic
from transalign.text.words import ARABIC_STOPWORDS, MIN_CONTENT_LETTERS, NORMALIZED_ARABIC_WORD

MIN_COUNT = 2  # pairs a word and a concept must share: one co-occurrence is chance
MIN_DICE = 0.05
TOP = 3  # concepts kept per Arabic word; more slow alignment down for no better F1 (build with --top N, rerun benchmarks/)


def learn(pairs: Iterable[tuple[str, str]], min_count: int = MIN_COUNT, min_dice: float = MIN_DICE, top: int = TOP) -> dict[str, frozenset[str]]:
    """Arabic word (normalized) -> its `top` English concepts by Dice, from (arabic, english) pairs."""
    arabic_ids: dict[str, int] = {}
    english_ids: dict[str, int] = {}
    a_rows, a_cols, e_rows, e_cols = [], [], [], []
    n = 0
    for n, (arabic, english) in enumerate(pairs, 1):
        for word in {w for w in NORMALIZED_ARABIC_WORD.findall(normalize_arabic(arabic)) if len(w) >= MIN_CONTENT_LETTERS and w not in ARABIC_STOPWORDS}:
            a_rows.append(n - 1)
            a_cols.append(arabic_ids.setdefault(word, len(arabic_ids)))
        for concept in set(english_concepts(english)):
            e_rows.append(n - 1)
            e_cols.append(english_ids.setdefault(concept, len(english_ids)))
    if not arabic_ids or not english_ids:
        return {}
    arabic = sparse.csr_matrix((np.ones(len(a_rows)), (a_rows, a_cols)), shape=(n, len(arabic_ids)))
    english = sparse.csr_matrix((np.ones(len(e_rows)), (e_rows, e_cols)), shape=(n, len(english_ids)))
    both = (arabic.T @ english).tocoo()  # pairs each word shares with each concept
    arabic_count = np.asarray(arabic.sum(axis=0)).ravel()
    english_count = np.asarray(english.sum(axis=0)).ravel()
    dice = 2 * both.data / (arabic_count[both.row] + english_count[both.col])
    keep = (both.data >= min_count) & (dice >= min_dice)
    rows, cols, dice = both.row[keep], both.col[keep], dice[keep]
    order = np.lexsort((-dice, rows))  # by word, best concept first
    words, concepts = list(arabic_ids), list(english_ids)
    entries: dict[str, list[str]] = {}
    for k in order:
        linked = entries.setdefault(words[rows[k]], [])
        if len(linked) < top:
            linked.append(concepts[cols[k]])
    return {word: frozenset(linked) for word, linked in entries.items()}


def write_learned(entries: dict[str, frozenset[str]], path: Path, about: str) -> None:
    """Save in the format `read_learned` (lexicon.py) reads; `about` says where it came from."""
    lines = [f"# {line}" for line in about.splitlines()]
    lines += [f"{word}\t{' '.join(sorted(concepts))}" for word, concepts in sorted(entries.items())]
    write_atomic(path, "\n".join(lines) + "\n")
