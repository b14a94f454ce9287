"""Each segment as a weighted bag of language-neutral *concepts*.

Arabic words become the English stems of their dictionary glosses, names become
consonant skeletons, numbers become values; English words become stems, names and
values too. Two segments share a concept when one plausibly translates the other, so
bead similarity reduces to sparse dot products that the decoder computes in bulk.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from service.align.lexicon import Lexicon, english_concepts
from service.align.names import arabic_key, closest, english_key, english_name_words
from service.text.normalize import normalize
from service.text.numbers import values_in_normalized
from service.types import Document

NUMBER_WEIGHT = 3.0  # a shared number is strong evidence, a differing one strong counter-evidence
NAME_WEIGHT = 2.0
PUNCT_WEIGHT = 1.0

# Arabic function words: never names, never content.
ARABIC_STOPWORDS = frozenset(
    """في من على الى إلى عن ان أن إن لا لم لن ما ماذا هذا هذه ذلك تلك التي الذي الذين هو هي هم
    كان كانت قد ثم او أو بل لكن حتى اذا إذا كل بعد قبل عند مع بين غير منذ يا به بها لها له
    فيه فيها منه منها عليه عليها اليه اليها وهو وهي وقد وان وأن ولا ولم وما وفي ومن وعلى""".split()
)
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")
_PUNCT = {"?": "P:?", "؟": "P:?", "!": "P:!", "\"": "P:q", "“": "P:q", "”": "P:q", "«": "P:q", "»": "P:q"}


@dataclass(frozen=True)
class SideArrays:
    """What the decoder needs of one document, as arrays over its segments."""

    lengths: np.ndarray  # characters, whitespace excluded
    concepts: sparse.csr_matrix  # segments x concept vocabulary, weighted
    content: np.ndarray  # total concept weight a segment could match
    starts: np.ndarray | None
    ends: np.ndarray | None
    numbers: tuple[frozenset[float], ...] = ()  # number values of each segment (finest level only)

    def __len__(self) -> int:
        return len(self.lengths)

    def coarsen(self, factor: int) -> "SideArrays":
        """Merge every `factor` consecutive segments into one (for the coarse search)."""
        n = len(self)
        cuts = np.arange(0, n, factor)
        groups = np.repeat(np.arange(len(cuts)), factor)[:n]
        merge = sparse.csr_matrix((np.ones(n), (groups, np.arange(n))), shape=(len(cuts), n))
        return SideArrays(
            lengths=np.add.reduceat(self.lengths, cuts),
            concepts=(merge @ self.concepts).tocsr(),
            content=np.add.reduceat(self.content, cuts),
            starts=None if self.starts is None else np.minimum.reduceat(self.starts, cuts),
            ends=None if self.ends is None else np.maximum.reduceat(self.ends, cuts),
        )


Item = tuple[frozenset[str], float]  # the concepts one word (or number, name, mark) may match, and its weight


def segment_items(text: str, normalized: str, lang: str, arabic_item: Callable[[str], Item | None] | None = None) -> list[Item]:
    """The matchable items of one segment (`normalized` is its matching form): words, names, numbers, marks.

    `arabic_item` turns one normalized Arabic word into its item (see `_arabic_item`).
    """
    items: list[Item] = [(frozenset({f"#{value:g}"}), NUMBER_WEIGHT) for value in values_in_normalized(normalized, lang)]
    items += [(frozenset({concept}), PUNCT_WEIGHT) for char, concept in _PUNCT.items() if char in text]
    if lang == "ar":
        word_item = arabic_item or (lambda word: _arabic_item(word, None, {}, None))
        items += [item for word in _ARABIC_WORD.findall(normalized) if (item := word_item(word))]
    else:
        items += [(frozenset({word}), 1.0) for word in dict.fromkeys(english_concepts(text))]
        for word, _, _ in english_name_words(text):
            key = english_key(word)
            if len(key) >= 2:
                items.append((frozenset({"N:" + key}), NAME_WEIGHT))
    return items


def _arabic_item(word: str, lexicon: Lexicon | None, name_map: dict[str, str], used: frozenset[str] | None) -> Item | None:
    """What one Arabic word may match: its glosses and its name skeleton (None for function words)."""
    if word in ARABIC_STOPWORDS or len(word) < 2:
        return None
    concepts = set(lexicon.glosses(word)) if lexicon else set()
    key = arabic_key(word)
    if len(key) >= 2:
        concepts.add("N:" + name_map.get(key, key))
    return (frozenset(concepts if used is None else concepts & used), 1.0)


def name_map_for(source_normalized: list[str], target: Document) -> dict[str, str]:
    """Map each Arabic skeleton to the English name skeleton it most resembles in this pair."""
    english = {english_key(w) for s in target.segments for w, _, _ in english_name_words(s.text)}
    english = sorted(k for k in english if len(k) >= 2)  # sorted: ties resolve the same way every run
    mapping: dict[str, str] = {}
    arabic = {arabic_key(w) for text in source_normalized for w in _ARABIC_WORD.findall(text)}
    for key in sorted(arabic - set(english)):
        match = closest(key, english)
        if match:
            mapping[key] = match
    return mapping


def build_sides(source: Document, target: Document, lexicon: Lexicon | None) -> tuple[SideArrays, SideArrays]:
    """Decoder arrays for both documents, over one concept vocabulary weighted by IDF.

    Concepts frequent in this pair ("Allah", "said") weigh little, rare ones ("moon",
    a name, a number) much, so similarity rests on what distinguishes one segment from
    its neighbours. Source items keep only glosses the target document uses at all: the
    others can never match and would only inflate the source's content weight.
    """
    src_norm = [normalize(s.text, source.lang) for s in source.segments]
    tgt_norm = [normalize(s.text, target.lang) for s in target.segments]
    name_map = name_map_for(src_norm, target) if source.lang == "ar" else {}
    tgt_items = [segment_items(s.text, t, target.lang) for s, t in zip(target.segments, tgt_norm)]
    used = frozenset(c for items in tgt_items for concepts, _ in items for c in concepts)
    # Arabic words repeat a great deal: work each one out once per document.
    arabic_item = lru_cache(maxsize=None)(lambda word: _arabic_item(word, lexicon, name_map, used))
    src_items = [segment_items(s.text, t, source.lang, arabic_item) for s, t in zip(source.segments, src_norm)]
    df: dict[str, int] = {}
    for items in src_items + tgt_items:
        for concept in frozenset().union(*(concepts for concepts, _ in items)):
            df[concept] = df.get(concept, 0) + 1
    total = max(len(src_items) + len(tgt_items), 2)
    idf = {c: math.log(total / count) + 0.1 for c, count in df.items()}
    unmatched = float(np.median(list(idf.values()))) if idf else 1.0
    vocabulary = {c: i for i, c in enumerate(df)}
    return (
        _arrays(source, src_norm, src_items, idf, unmatched, vocabulary),
        _arrays(target, tgt_norm, tgt_items, idf, unmatched, vocabulary),
    )


def _arrays(document: Document, normalized: list[str], all_items: list[list[Item]], idf: dict[str, float], unmatched: float, vocabulary: dict[str, int]) -> SideArrays:
    col_parts: list[np.ndarray] = []
    val_parts: list[np.ndarray] = []
    per_segment, content, lengths, numbers = [], [], [], []
    seen: dict[Item, tuple[float, np.ndarray, np.ndarray]] = {}  # items repeat: weigh each once
    for text, items in zip(normalized, all_items):
        weight = 0.0
        entries = 0
        for item in items:
            known = seen.get(item)
            if known is None:
                concepts, base = item
                known = seen[item] = (
                    base * max((idf[c] for c in concepts), default=unmatched),
                    np.fromiter((vocabulary[c] for c in concepts), dtype=np.int64, count=len(concepts)),
                    np.fromiter((base * idf[c] for c in concepts), dtype=float, count=len(concepts)),
                )
            weight += known[0]
            col_parts.append(known[1])
            val_parts.append(known[2])
            entries += len(known[1])
        per_segment.append(entries)
        content.append(weight)
        numbers.append(frozenset(float(c[1:]) for concepts, _ in items if len(concepts) == 1 for c in concepts if c[0] == "#"))
        lengths.append(len(text) - text.count(" ") or 1)  # normalized text has single spaces only
    rows = np.repeat(np.arange(len(per_segment), dtype=np.int64), per_segment)
    cols = np.concatenate(col_parts) if col_parts else np.zeros(0, dtype=np.int64)
    vals = np.concatenate(val_parts) if val_parts else np.zeros(0)
    rows, cols, vals = _max_per_cell(rows, cols, vals)
    # Square roots, so that a concept shared by two segments adds its weight to their dot product.
    matrix = sparse.csr_matrix((np.sqrt(vals), (rows, cols)), shape=(len(document.segments), max(len(vocabulary), 1)))
    matrix.sum_duplicates()  # canonical form: elementwise products are wrong on unsorted indices
    starts = ends = None
    if document.timed:
        starts = np.array([s.start for s in document.segments], dtype=float)
        ends = np.array([s.end for s in document.segments], dtype=float)
    return SideArrays(np.array(lengths, dtype=float), matrix, np.array(content, dtype=float), starts, ends, tuple(numbers))


def _max_per_cell(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One entry per (row, column), keeping the largest value (a concept counts once per segment)."""
    if not len(rows):
        return rows, cols, vals
    order = np.lexsort((cols, rows))
    rows, cols, vals = rows[order], cols[order], vals[order]
    first = np.flatnonzero(np.r_[True, (rows[1:] != rows[:-1]) | (cols[1:] != cols[:-1])])
    return rows[first], cols[first], np.maximum.reduceat(vals, first)
