"""Pairs too short for the document to be its own yardstick: one sentence a side."""

from __future__ import annotations

from transalign.align import align
from transalign.formats import document_from_text


def one_pair_score(arabic: str, english: str) -> float:
    beads = align(document_from_text(arabic, "ar"), document_from_text(english, "en")).beads
    assert len(beads) == 1
    return beads[0].score


def test_a_one_sentence_translation_is_confidently_aligned_not_scored_as_unaligned() -> None:
    translation = one_pair_score("قال الرئيس إن ٣١ جنديا قتلوا في دير الزور.", "The president said 31 soldiers were killed in Deir ez-Zor.")
    unrelated = one_pair_score("قال الرئيس إن ٣١ جنديا قتلوا في دير الزور.", "Heavy rain is expected across the north of the country tomorrow.")
    assert translation > 0.6 and translation != 0.5
    assert unrelated < translation
