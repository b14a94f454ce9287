"""Each segment as a weighted bag of language-neutral *concepts*.

Arabic words become the English stems of their dictionary glosses, names become
consonant skeletons, numbers become values; English words become stems, names and
values too. Two segments share a concept when one plausibly translates the other, so
bead similarity reduces to sparse dot products that the decoder computes in bulk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

import numpy as np
from scipy import sparse

from transalign.align.lexicon import Lexicon, english_concepts
from transalign.text.skeleton import SkeletonIndex, arabic_key, english_key, english_name_words
from transalign.text.normalize import normalize
from transalign.text.numbers import values_in_normalized
from transalign.text.skeleton import MIN_KEY
from transalign.text.words import ARABIC_STOPWORDS, MIN_CONTENT_LETTERS
from transalign.text.words import NORMALIZED_ARABIC_WORD as _ARABIC_WORD
from transalign.types import Document

NUMBER_WEIGHT = 3.0  # a shared number is strong evidence, a differing one strong counter-evidence
NAME_WEIGHT = 2.0
PUNCT_WEIGHT = 1.0

# English scale abbreviations after a number ("£2.8bn", "$40m"): the Arabic says the scale
# as a word (2.8 مليار) that service/transalign/text/numbers.py reads as a number of its own.
_SCALE = re.compile(r"(?<=\d)(?:\s?(bn|mn|tn)|(m|k))\b", re.IGNORECASE)  # "5 m" is metres, "5m" and "5 bn" are not
_SCALE_VALUE = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}
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


class ItemTable:
    """The distinct items of a document pair, numbered once; a segment is a list of numbers.

    Words repeat a great deal, so each distinct item is worked out and weighed once, and
    the arrays of all segments are then built at once with numpy.
    """

    def __init__(self) -> None:
        self.items: list[Item] = []
        self._numbers: dict[object, int | None] = {}

    def number(self, key: object, make: Callable[[], Item | None]) -> int | None:
        """The number of the item `key` names, made on first sight (None: nothing to match)."""
        if key in self._numbers:
            return self._numbers[key]
        item = make()
        number = None
        if item is not None:
            number = len(self.items)
            self.items.append(item)
        self._numbers[key] = number
        return number

    def numbers(self, keys: Iterable[Hashable], make: Callable[[Any], Item | None]) -> list[int]:
        """The numbers of the items `keys` name, in order, those that name nothing left out.

        Every word of every segment comes through here, so a key seen before (most of them)
        costs one dictionary look-up, not a call of `number`.
        """
        known = self._numbers
        found = []
        for key in keys:
            number = known.get(key, -1)
            if number == -1:
                number = self.number(key, partial(make, key))
            if number is not None:
                found.append(number)
        return found

    def concepts(self) -> frozenset[str]:
        return frozenset().union(*(concepts for concepts, _ in self.items))


def segment_keys(text: str, normalized: str, lang: str, names: list[tuple[str, int, int]]) -> tuple[Hashable, ...]:
    """The keys of one segment's items, in order (`normalized` is its matching form): numbers, marks, words, names.

    A (concept, weight) pair keys an item of one concept (`_single_item`); a normalized
    Arabic word keys its own item, made with the document pair's glosses and names.
    `names` are the segment's candidate names (English side only).
    """
    keys: list[Hashable] = [(f"#{value:g}", NUMBER_WEIGHT) for value in values_in_normalized(normalized, lang)]
    keys += [(concept, PUNCT_WEIGHT) for char, concept in _PUNCT.items() if char in text]
    if lang == "ar":
        keys += _ARABIC_WORD.findall(normalized)
    else:
        keys += [(f"#{_SCALE_VALUE[(m.group(1) or m.group(2)).lower()]:g}", NUMBER_WEIGHT) for m in _SCALE.finditer(text)]
        keys += [(word, 1.0) for word in dict.fromkeys(english_concepts(text))]
        keys += [("N:" + key, NAME_WEIGHT) for word, _, _ in names if len(key := english_key(word)) >= MIN_KEY]
    return tuple(keys)


@dataclass(frozen=True)
class SegmentReading:
    """What a segment's text gives before the other document is known: its matching form, its
    candidate names and its item keys. `SegmentCache` keeps them from one alignment pass to the next."""

    normalized: str
    names: list[tuple[str, int, int]]
    keys: tuple[Hashable, ...]


SegmentCache = dict[tuple[str, str], SegmentReading]  # (language, text) -> its reading


def read_segments(document: Document, cache: SegmentCache | None = None) -> list[SegmentReading]:
    """Each segment's reading; from `cache` where an earlier pass read the same text (a pair
    aligned again after a few segments were cut reads only the pieces)."""
    readings = []
    for segment in document.segments:
        reading = cache.get((document.lang, segment.text)) if cache is not None else None
        if reading is None:
            normalized = normalize(segment.text, document.lang)
            names = english_name_words(segment.text) if document.lang != "ar" else []
            reading = SegmentReading(normalized, names, segment_keys(segment.text, normalized, document.lang, names))
            if cache is not None:
                cache[(document.lang, segment.text)] = reading
        readings.append(reading)
    return readings


def _item_maker(arabic_item: Callable[[str], Item | None]) -> Callable[[Any], Item | None]:
    """Makes the item a key of `segment_keys` names: one concept for a pair, `arabic_item` for a word."""
    def make(key: Any) -> Item | None:
        return _single_item(key) if isinstance(key, tuple) else arabic_item(key)
    return make


def _single_item(key: tuple[str, float]) -> Item:
    """The item of one concept and its weight (a key of `segment_keys`)."""
    return (frozenset((key[0],)), key[1])


def _arabic_item(word: str, lexicon: Lexicon | None, name_map: dict[str, str], used: frozenset[str] | None) -> Item | None:
    """What one Arabic word may match: its glosses and its name skeleton (None for function words)."""
    if word in ARABIC_STOPWORDS or len(word) < MIN_CONTENT_LETTERS:
        return None
    concepts = set(lexicon.glosses(word)) if lexicon else set()
    key = arabic_key(word)
    if len(key) >= MIN_KEY:
        concepts.add("N:" + name_map.get(key, key))
    return (frozenset(concepts if used is None else concepts & used), 1.0)


def name_map_for(source_normalized: list[str], english_names: Iterable[str]) -> dict[str, str]:
    """Map each Arabic skeleton to the English name skeleton (of `english_names`) it most resembles."""
    english = {k for k in map(english_key, english_names) if len(k) >= 2}
    # An index, not `closest` over the list: every Arabic skeleton against every English one grows
    # with the square of the document; the index gives the same answers (text/skeleton.py).
    index = SkeletonIndex(english)
    mapping: dict[str, str] = {}
    arabic = set(map(arabic_key, {w for text in source_normalized for w in _ARABIC_WORD.findall(text)}))  # distinct words first
    for key in sorted(arabic - english):
        match = index.closest(key)
        if match:
            mapping[key] = match
    return mapping


def build_sides(source: Document, target: Document, lexicon: Lexicon | None,
                cache: SegmentCache | None = None) -> tuple[SideArrays, SideArrays]:
    """Decoder arrays for both documents, over one concept vocabulary weighted by IDF.

    Concepts frequent in this pair ("Allah", "said") weigh little, rare ones ("moon",
    a name, a number) much, so similarity rests on what distinguishes one segment from
    its neighbours. Source items keep only glosses the target document uses at all: the
    others can never match and would only inflate the source's content weight.
    """
    src_read, tgt_read = read_segments(source, cache), read_segments(target, cache)
    src_norm, tgt_norm = [r.normalized for r in src_read], [r.normalized for r in tgt_read]
    table = ItemTable()
    no_word = _item_maker(lambda word: None)  # only the Arabic source's words are looked up
    tgt_items = [table.numbers(r.keys, no_word) for r in tgt_read]
    if source.lang == "ar":
        name_map = name_map_for(src_norm, (w for r in tgt_read for w, _, _ in r.names))
        used = table.concepts()

        def arabic_item(word: str) -> Item | None:
            return _arabic_item(word, lexicon, name_map, used)

        make = _item_maker(arabic_item)
        src_items = [table.numbers(r.keys, make) for r in src_read]
    else:
        src_items = [table.numbers(r.keys, no_word) for r in src_read]

    vocabulary: dict[str, int] = {}
    item_cols = np.array([vocabulary.setdefault(c, len(vocabulary)) for concepts, _ in table.items for c in concepts], dtype=np.int64)
    item_ptr = np.cumsum([0] + [len(concepts) for concepts, _ in table.items])
    item_base = np.array([base for _, base in table.items], dtype=float)
    sides = [_Entries.of(items, item_ptr, item_cols, len(vocabulary)) for items in (src_items, tgt_items)]
    df = sum(np.bincount(side.cell_cols, minlength=len(vocabulary)) for side in sides)
    total = max(len(src_items) + len(tgt_items), 2)
    idf = np.log(total / np.maximum(df, 1)) + 0.1
    unmatched = float(np.median(idf)) if len(idf) else 1.0
    # An item weighs as much as its rarest concept; one that matches nothing, as a typical concept.
    item_weight = np.full(len(table.items), unmatched)
    nonempty = np.diff(item_ptr) > 0
    if nonempty.any():
        item_weight[nonempty] = np.maximum.reduceat(idf[item_cols], item_ptr[:-1][nonempty])
    item_weight *= item_base
    number_values = _number_values(table)
    return tuple(  # type: ignore[return-value]
        _arrays(document, normalized, items, side, item_base, item_weight, idf, number_values)
        for document, normalized, items, side in ((source, src_norm, src_items, sides[0]), (target, tgt_norm, tgt_items, sides[1]))
    )


def with_times(side: SideArrays, document: Document) -> SideArrays:
    """`side` with the segment times of `document` (the same texts, on another clock)."""
    if not document.timed:
        return replace(side, starts=None, ends=None)
    return replace(side, starts=np.array([s.start for s in document.segments], dtype=float),
                   ends=np.array([s.end for s in document.segments], dtype=float))


def _number_values(table: ItemTable) -> dict[int, float]:
    """Item number -> number value, for the items that are numbers."""
    return {k: float(next(iter(concepts))[1:]) for k, (concepts, _) in enumerate(table.items)
            if len(concepts) == 1 and next(iter(concepts))[0] == "#"}


@dataclass(frozen=True)
class _Entries:
    """One side's (segment, concept, item) entries, sorted by segment and concept."""

    rows: np.ndarray
    cols: np.ndarray
    items: np.ndarray
    first: np.ndarray  # where each distinct (segment, concept) cell starts
    occurrence_rows: np.ndarray  # segment of each item occurrence, in document order
    occurrence_items: np.ndarray

    @classmethod
    def of(cls, segments: list[list[int]], item_ptr: np.ndarray, item_cols: np.ndarray, width: int) -> "_Entries":
        counts = np.fromiter(map(len, segments), dtype=np.int64, count=len(segments))
        items = np.fromiter((k for found in segments for k in found), dtype=np.int64, count=int(counts.sum()))
        rows = np.repeat(np.arange(len(segments), dtype=np.int64), counts)
        # Every occurrence of an item expands to the item's concepts.
        starts, sizes = item_ptr[items], item_ptr[items + 1] - item_ptr[items]
        offsets = np.repeat(starts - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
        e_rows, e_cols, e_items = np.repeat(rows, sizes), item_cols[offsets], np.repeat(items, sizes)
        order = np.argsort(e_rows * max(width, 1) + e_cols, kind="stable")
        e_rows, e_cols, e_items = e_rows[order], e_cols[order], e_items[order]
        first = np.flatnonzero(np.r_[True, (e_rows[1:] != e_rows[:-1]) | (e_cols[1:] != e_cols[:-1])]) if len(e_rows) else np.zeros(0, dtype=np.int64)
        return cls(e_rows, e_cols, e_items, first, rows, items)

    @property
    def cell_cols(self) -> np.ndarray:
        return self.cols[self.first]


def _arrays(document: Document, normalized: list[str], segments: list[list[int]], entries: _Entries, item_base: np.ndarray,
            item_weight: np.ndarray, idf: np.ndarray, number_values: dict[int, float]) -> SideArrays:
    n = len(segments)
    shape = (n, max(len(idf), 1))
    values = np.zeros(0)
    if len(entries.items):  # a concept counts once per segment, with the largest weight its items give it
        values = np.maximum.reduceat(item_base[entries.items] * idf[entries.cols], entries.first)
    # Square roots, so that a concept shared by two segments adds its weight to their dot product.
    matrix = sparse.csr_matrix((np.sqrt(values), (entries.rows[entries.first], entries.cell_cols)), shape=shape)
    matrix.sum_duplicates()  # canonical form: elementwise products are wrong on unsorted indices
    content = np.bincount(entries.occurrence_rows, weights=item_weight[entries.occurrence_items], minlength=n)
    numbers = [frozenset(number_values[k] for k in found if k in number_values) for found in segments]
    lengths = np.array([len(text) - text.count(" ") or 1 for text in normalized], dtype=float)  # normalized text has single spaces only
    starts = ends = None
    if document.timed:
        starts = np.array([s.start for s in document.segments], dtype=float)
        ends = np.array([s.end for s in document.segments], dtype=float)
    return SideArrays(lengths, matrix, content, starts, ends, tuple(numbers))
