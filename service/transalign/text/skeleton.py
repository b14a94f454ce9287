"""Proper nouns matched across scripts by a consonant skeleton.

"Deir ez-Zor" and دير الزور, "Baghouz"/"Baguz" and الباغوز, "al-Baghdadi" and البغدادي all
reduce to the same keys (DR ZR, BGZ, BGDD). Short vowels are not written in Arabic and
long vowels are spelled many ways in English, so only consonant classes are kept.
Fuzzy comparison of keys (rapidfuzz) absorbs the remaining spelling variation.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import fuzz, process

# Arabic letters (after matching normalization) to consonant classes; letters that are
# usually vowels or not written in English (ا و ي ع ء ة) are dropped.
_ARABIC_CLASS = {
    "ب": "B", "ت": "T", "ث": "T", "ج": "J", "ح": "H", "خ": "K", "د": "D", "ذ": "D",
    "ر": "R", "ز": "Z", "س": "S", "ش": "S", "ص": "S", "ض": "D", "ط": "T", "ظ": "Z",
    "غ": "G", "ف": "F", "ق": "K", "ك": "K", "ل": "L", "م": "M", "ن": "N", "ه": "H",
}
_ENGLISH_DIGRAPHS = (("kh", "K"), ("gh", "G"), ("sh", "S"), ("th", "T"), ("dh", "D"), ("ph", "F"), ("ch", "S"), ("ck", "K"))
_ENGLISH_CLASS = {
    "b": "B", "c": "K", "d": "D", "f": "F", "g": "G", "h": "H", "j": "J", "k": "K", "l": "L",
    "m": "M", "n": "N", "p": "B", "q": "K", "r": "R", "s": "S", "t": "T", "v": "F", "x": "KS", "z": "Z",
}
# Romanized articles and particles that precede names ("al-", "ez-", "bin").
_PARTICLES = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "ez", "es", "ed", "en", "bin", "ibn", "bint", "abu", "abi", "umm"}
_ARABIC_ARTICLE = ("وال", "بال", "فال", "لل", "ال")


@lru_cache(maxsize=200_000)
def arabic_key(word: str) -> str:
    """Consonant skeleton of a normalized Arabic word, article and conjunction removed."""
    for article in _ARABIC_ARTICLE:
        if word.startswith(article) and len(word) > len(article) + 1:
            word = word[len(article):]
            break
    return squeeze("".join(_ARABIC_CLASS.get(ch, "") for ch in word))


@lru_cache(maxsize=200_000)
def english_key(word: str) -> str:
    """Consonant skeleton of a romanized word ("Baghouz" -> "BGZ")."""
    word = word.lower()
    if word in _PARTICLES:
        return ""
    for digraph, cls in _ENGLISH_DIGRAPHS:
        word = word.replace(digraph, cls)
    return squeeze("".join(ch if ch.isupper() else _ENGLISH_CLASS.get(ch, "") for ch in word))


def squeeze(key: str) -> str:
    """Collapse doubled consonants: Arabic writes gemination with a diacritic, English doubles letters."""
    return re.sub(r"(.)\1+", r"\1", key)


def english_name_words(text: str) -> list[tuple[str, int, int]]:
    """Capitalized words that are not sentence-initial, with their spans (candidate names)."""
    found = []
    for match in re.finditer(r"[A-Z][\w’']*(?:-[A-Za-z][\w’']*)*", text):
        start = before = match.start()
        while before and text[before - 1].isspace():  # back over the spaces, not text[:start].rstrip(): a copy per word
            before -= 1
        if not before or text[before - 1] in ".!?:\"“":
            continue  # sentence-initial capital says nothing
        for part in re.finditer(r"[A-Za-z]+", match.group()):
            found.append((part.group(), start + part.start(), start + part.end()))
    return found


SIMILAR = 80.0  # rapidfuzz ratio of two skeletons above which they spell one name
MIN_KEY = 2  # consonants in a skeleton before it is compared: one consonant matches too many words


def similar(key_a: str, key_b: str, threshold: float = SIMILAR) -> bool:
    """Whether two skeletons are spellings of one name."""
    if len(key_a) < MIN_KEY or len(key_b) < MIN_KEY:
        return False
    return fuzz.ratio(key_a, key_b) >= threshold


def closest(key: str, candidates: Iterable[str], threshold: float = SIMILAR) -> str | None:
    """The candidate skeleton most similar to `key`, if any is similar enough."""
    if len(key) < MIN_KEY:
        return None
    found = process.extractOne(key, candidates, scorer=fuzz.ratio, score_cutoff=threshold)
    return found[0] if found else None


class SkeletonIndex:
    """Skeletons to search for one similar to a key without comparing the key with every one.

    Two skeletons whose rapidfuzz ratio is at least T share a longest common subsequence
    that each reaches by deleting at most a fixed share of its letters (`_most_deletions`).
    So each skeleton is filed under every string its deletions give, and a key is compared
    only with the skeletons filed under one of its own: the same answers as `closest` over
    the whole list, at a cost that grows with the matches, not with the list (a document's
    names against all its words would otherwise grow with the square of its length).
    """

    def __init__(self, keys: Iterable[str], threshold: float = SIMILAR) -> None:
        self.threshold = threshold
        self._by_length: dict[int, list[str]] = {}
        for key in sorted(set(keys)):  # sorted: ties resolve as `closest` over the sorted list does
            self._by_length.setdefault(len(key), []).append(key)
        self._filed: dict[int, dict[str, list[str]]] = {}  # by length, built when a key first needs it
        self._answers: dict[str, str | None] = {}

    def closest(self, key: str) -> str | None:
        """What `closest(key, sorted(keys), threshold)` returns."""
        if key not in self._answers:
            self._answers[key] = self._search(key)
        return self._answers[key]

    def _search(self, key: str) -> str | None:
        if len(key) < 2:
            return None
        t = self.threshold
        shortest, longest = math.ceil(len(key) * t / (200 - t) - 1e-9), math.floor(len(key) * (200 - t) / t + 1e-9)
        variants = _deletions(key, _most_deletions(len(key), t))
        candidates = {c for n in range(shortest, longest + 1) for v in variants for c in self._filed_at(n).get(v, ())}
        found = process.extractOne(key, sorted(candidates), scorer=fuzz.ratio, score_cutoff=t) if candidates else None
        return found[0] if found else None

    def _filed_at(self, length: int) -> dict[str, list[str]]:
        if length not in self._filed:
            filed: dict[str, list[str]] = {}
            for key in self._by_length.get(length, ()):
                for variant in _deletions(key, _most_deletions(length, self.threshold)):
                    filed.setdefault(variant, []).append(key)
            self._filed[length] = filed
        return self._filed[length]


def _most_deletions(length: int, threshold: float) -> int:
    """Letters a skeleton of `length` loses on the way to its common subsequence with any skeleton
    at least `threshold` similar: ratio = 200 * common / (length + other), other >= common."""
    return math.floor(length * (200 - 2 * threshold) / (200 - threshold) + 1e-9)


def _deletions(key: str, most: int) -> set[str]:
    """`key` and every string it gives with up to `most` letters deleted."""
    found, frontier = {key}, {key}
    for _ in range(most):
        frontier = {s[:i] + s[i + 1:] for s in frontier for i in range(len(s))}
        found |= frontier
    return found
