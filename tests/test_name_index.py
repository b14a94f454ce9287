"""The skeleton index of the name check (text/skeleton.py SkeletonIndex): the same answer as
comparing a key with every skeleton, for the thresholds the checks use and for others."""

from __future__ import annotations

import random

import pytest

from transalign.text.skeleton import SkeletonIndex, arabic_key, closest, english_key
from transalign.text.normalize import normalize_arabic

_CLASSES = "BTJHKDRZSFGLMN"


def _keys(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(_CLASSES) for _ in range(rng.choice((2, 3, 4, 4, 5, 5, 6, 7, 8, 10, 13)))) for _ in range(count)]


@pytest.mark.parametrize("threshold", [80.0, 85.0, 90.0, 95.0])
def test_the_index_answers_as_a_search_of_every_skeleton(threshold):
    rng = random.Random(int(threshold))
    keys = _keys(rng, 3000)
    near = [k[:-1] for k in keys[:200]] + [k + "B" for k in keys[200:400]] + [k[:2] + "S" + k[3:] for k in keys[400:600]]
    queries = _keys(rng, 400) + keys[600:700] + near + ["", "B"]
    index = SkeletonIndex(keys, threshold)
    expected = [closest(q, sorted(set(keys)), threshold) for q in queries]
    assert [index.closest(q) for q in queries] == expected
    assert sum(e is not None for e in expected) > 150  # the queries do find matches, not only misses


def test_a_name_is_found_among_the_documents_words_by_its_skeleton():
    arabic = [arabic_key(normalize_arabic(w)) for w in ("الباغوز", "دير", "الزور", "البغدادي", "قافلة")]
    index = SkeletonIndex(arabic, 90.0)
    assert index.closest(english_key("Baghouz")) == "BGZ"
    assert index.closest(english_key("Baghdadi")) == "BGD"  # doubled consonants squeezed on both sides
    assert index.closest(english_key("Willoughby")) is None
