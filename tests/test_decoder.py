"""The decoder finds the right beads, and the banded search finds what the full search finds."""

from __future__ import annotations

import random

import pytest

from transalign.align import align, decoder
from transalign.options import Options
from transalign.types import Document, Segment

WORDS = [f"{a}{b}{c}" for a in "bdfgklmnprstvz" for b in "aeiou" for c in "bdfgklmnprstvz"]


def _doc(texts: list[str], name: str) -> Document:
    return Document(name=name, lang="en", segments=tuple(Segment(index=i, text=t) for i, t in enumerate(texts)))


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))) + "."


def _pair(n: int, seed: int) -> tuple[Document, Document, set[tuple[tuple[int, ...], tuple[int, ...]]]]:
    """A document and an edited copy: some sentences dropped, added, merged and split."""
    rng = random.Random(seed)
    source, target, gold = [], [], set()
    while len(source) < n:
        roll = rng.random()
        if roll < 0.04:
            gold.add(((len(source),), ()))
            source.append(_sentence(rng))
        elif roll < 0.08:
            gold.add(((), (len(target),)))
            target.append(_sentence(rng))
        elif roll < 0.12:
            a, b = _sentence(rng), _sentence(rng)
            gold.add(((len(source), len(source) + 1), (len(target),)))
            source += [a, b]
            target.append(a[:-1] + " " + b)
        elif roll < 0.16:
            a, b = _sentence(rng), _sentence(rng)
            gold.add(((len(source),), (len(target), len(target) + 1)))
            source.append(a[:-1] + " " + b)
            target += [a, b]
        else:
            text = _sentence(rng)
            gold.add(((len(source),), (len(target),)))
            source.append(text)
            target.append(text)
    return _doc(source, "source"), _doc(target, "target"), gold


def _beads(alignment) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(b.source, b.target) for b in alignment.beads}


def test_every_segment_is_in_exactly_one_bead_in_order():
    source, target, _ = _pair(80, seed=1)
    beads = align(source, target, Options(use_dictionary=False)).beads
    assert [i for b in beads for i in b.source] == list(range(len(source.segments)))
    assert [j for b in beads for j in b.target] == list(range(len(target.segments)))


def test_decoder_recovers_drops_additions_merges_and_splits():
    source, target, gold = _pair(120, seed=2)
    found = _beads(align(source, target, Options(use_dictionary=False)))
    assert len(found & gold) / len(gold) >= 0.95
    assert any(len(s) == 2 for s, _ in found & gold) and any(len(t) == 2 for _, t in found & gold)
    assert any(not t for _, t in found & gold) and any(not s for s, _ in found & gold)


def test_banded_search_matches_full_search(monkeypatch):
    source, target, _ = _pair(700, seed=3)
    banded = _beads(align(source, target, Options(use_dictionary=False)))
    monkeypatch.setattr(decoder, "FULL_SEARCH_LIMIT", 10_000)
    full = _beads(align(source, target, Options(use_dictionary=False)))
    assert banded == full


def test_band_follows_a_long_gap():
    """200 sentences missing from the middle of the translation: the coarse pass must find the jump."""
    source, _, _ = _pair(900, seed=4)
    texts = [s.text for s in source.segments]
    target = _doc(texts[:300] + texts[500:], "target")
    beads = align(source, target, Options(use_dictionary=False)).beads
    pairs = {(b.source, b.target) for b in beads}
    assert ((600,), (400,)) in pairs and ((10,), (10,)) in pairs
    assert sum(1 for b in beads if b.source and not b.target) >= 195


def test_empty_side_gives_only_null_beads():
    source, _, _ = _pair(5, seed=5)
    beads = align(source, _doc([], "empty"), Options(use_dictionary=False)).beads
    assert [b.shape for b in beads] == ["1-0"] * len(source.segments)


@pytest.mark.parametrize("seed", [6, 7])
def test_confidence_is_higher_for_true_pairs(seed):
    source, target, gold = _pair(60, seed=seed)
    beads = align(source, target, Options(use_dictionary=False)).beads
    true = [b.score for b in beads if (b.source, b.target) in gold and b.source and b.target]
    assert min(true) > 0.5
