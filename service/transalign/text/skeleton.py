"""Proper nouns matched across scripts by a consonant skeleton.

"Deir ez-Zor" and دير الزور, "Baghouz"/"Baguz" and الباغوز, "al-Baghdadi" and البغدادي all
reduce to the same keys (DR ZR, BGZ, BGDD). Short vowels are not written in Arabic and
long vowels are spelled many ways in English, so only consonant classes are kept.
Fuzzy comparison of keys (rapidfuzz) absorbs the remaining spelling variation.
"""

from __future__ import annotations

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
        start = match.start()
        before = text[:start].rstrip()
        if not before or before[-1] in ".!?:\"“":
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
