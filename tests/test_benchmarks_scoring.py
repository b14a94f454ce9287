"""The benchmark scorer on hand-made bead lists (vecalign's strict/lax definitions)."""

from fractions import Fraction

import pytest

from benchmarks.scoring import Counts, document_counts, score_documents

GOLD = [((0,), (0,)), ((1,), ()), ((2, 3), (1,)), ((), (2,)), ((4,), (3, 4))]
TEST = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((), (4,))]


def test_counts_by_hand() -> None:
    precision, recall = document_counts(GOLD, TEST)
    # Precision over the 6 test beads, null beads included: only 0-0 is exact; 4-3 shares
    # the pair (4, 3) with gold 4-(3,4); 1-1, 3-2 and the two null beads link no gold pair.
    assert precision == Counts(strict_hits=1, strict_misses=5, lax_hits=2, lax_misses=4)
    # Recall over the 3 non-null gold beads against the 4 non-null test beads: 0-0 exact;
    # 4-(3,4) overlaps test 4-3; (2,3)-1 does not (test links 3 to 2, not to 1).
    assert recall == Counts(strict_hits=1, strict_misses=2, lax_hits=2, lax_misses=1)


def test_scores_by_hand() -> None:
    s = score_documents([GOLD], [TEST])
    assert s.precision_strict == pytest.approx(1 / 6)
    assert s.recall_strict == pytest.approx(1 / 3)
    assert s.f1_strict == pytest.approx(2 / 9)
    assert s.precision_lax == pytest.approx(1 / 3)
    assert s.recall_lax == pytest.approx(2 / 3)
    assert s.f1_lax == pytest.approx(4 / 9)


def test_counts_are_summed_over_documents() -> None:
    s = score_documents([GOLD, [((0,), (0,))]], [TEST, [((0,), (0,))]])
    assert s.precision_strict == pytest.approx(float(Fraction(2, 7)))
    assert s.recall_strict == pytest.approx(0.5)
    assert s.f1_strict == pytest.approx(4 / 11)
    assert s.precision_lax == pytest.approx(3 / 7)
    assert s.recall_lax == pytest.approx(3 / 4)
    assert s.f1_lax == pytest.approx(6 / 11)


def test_identical_alignment_scores_one_and_empty_beads_are_ignored() -> None:
    s = score_documents([GOLD], [list(GOLD) + [((), ())] + [GOLD[0]]])
    assert (s.f1_strict, s.f1_lax) == (1.0, 1.0)


def test_empty_test_alignment_scores_zero() -> None:
    s = score_documents([GOLD], [[]])
    assert (s.precision_strict, s.recall_strict, s.f1_strict, s.f1_lax) == (0.0, 0.0, 0.0, 0.0)


def test_document_count_mismatch_is_an_error() -> None:
    with pytest.raises(ValueError, match="1 gold documents but 0 test"):
        score_documents([GOLD], [])


def test_tico19_halves_are_disjoint_and_cover_every_document():
    from benchmarks.tico19 import HELD_OUT, TUNE, load_documents

    assert not set(TUNE) & set(HELD_OUT)
    documents = load_documents()
    assert {d.name for d in documents} == set(TUNE) | set(HELD_OUT)
    assert sum(len(d.pairs) for d in documents) == 3071
    assert all(p.arabic and p.english for d in documents for p in d.pairs)
