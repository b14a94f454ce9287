"""Unit tests of the aligner's evidence: dictionary, names, numbers, length and time."""

from __future__ import annotations

import gzip

import numpy as np
import pytest

from transalign.align.decoder import length_logp, time_overlap
from transalign.align.lexicon import arabic_stem_candidates, english_concepts, read_dictd
from transalign.text.skeleton import arabic_key, english_key, english_name_words, similar
from transalign.text.normalize import normalize, normalize_arabic
from transalign.text.numbers import find_numbers, values_in_normalized


def _b64(value: int) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    digits = ""
    while True:
        value, rest = divmod(value, 64)
        digits = alphabet[rest] + digits
        if not value:
            return digits


@pytest.fixture
def tiny_dictd(tmp_path):
    """A dictd dictionary in FreeDict's layout: headword line, then numbered glosses."""
    entries = [("الجيشُ", "الجيش /ʔaldʒajʃ/\n1. Army\n2. Troops\n"), ("قَافِلَة", "قافلة /qaːfila/\nConvoy\n"), ("two words", "x\nignored\n")]
    body, index = b"", []
    for head, text in entries:
        data = text.encode()
        index.append(f"{head}\t{_b64(len(body))}\t{_b64(len(data))}")
        body += data
    (tmp_path / "tiny.dict.dz").write_bytes(gzip.compress(body))
    (tmp_path / "tiny.index").write_text("00databaseutf8\tA\tB\n" + "\n".join(index) + "\n", encoding="utf-8")
    return tmp_path / "tiny.index"


def test_dictd_reader_keys_normalized_arabic_and_stems_glosses(tiny_dictd):
    entries = read_dictd(tiny_dictd)
    assert entries["الجيش"] == {"armi", "troop"}
    assert entries["جيش"] == {"armi", "troop"}  # the article-less form is indexed too
    assert entries[normalize_arabic("قافلة")] == {"convoy"}
    assert not any(" " in key for key in entries)


def test_clitics_and_pronoun_suffixes_are_stripped_for_lookup():
    candidates = arabic_stem_candidates("وبالجيش")
    assert candidates[0] == "وبالجيش"
    assert "جيش" in candidates
    assert "كتاب" in arabic_stem_candidates("كتابهم")


def test_english_concepts_drop_stopwords_and_stem():
    assert english_concepts("The convoys were attacked by the army") == ["convoy", "attack", "armi"]


@pytest.mark.parametrize(
    ("arabic", "english"),
    [("دير", "Deir"), ("الزور", "Zor"), ("الباغوز", "Baghouz"), ("الباغوز", "Baguz"), ("البغدادي", "Baghdadi"), ("تدمر", "Tadmor"), ("حمص", "Homs")],
)
def test_names_match_across_scripts(arabic, english):
    assert similar(arabic_key(normalize_arabic(arabic)), english_key(english))


def test_different_names_do_not_match():
    assert not similar(arabic_key("حمص"), english_key("Idlib"))
    assert not similar(arabic_key("تدمر"), english_key("Damascus"))


def test_name_candidates_skip_sentence_initial_capitals():
    words = [w for w, _, _ in english_name_words("Moves that threaten Deir ez-Zor and al-Baghdadi.")]
    assert "Moves" not in words
    assert {"Deir", "Zor", "Baghdadi"} <= set(words)


def number_values(text: str, lang: str) -> list[float]:
    """Values as the aligner reads them; the spans reader must agree with it."""
    fast = values_in_normalized(normalize(text, lang), lang)
    assert fast == [value for value, _, _ in find_numbers(text, lang)]
    return fast


@pytest.mark.parametrize("text", ["قتل ٣١ جنديا", "قتل ۳۱ جنديا", "قتل 31 جنديا"])
def test_numbers_in_any_digits_have_one_value(text):
    assert number_values(text, "ar") == [31.0]


def test_number_words_and_separators():
    assert number_values("ثلاثين مقاتلا وألف آخرين", "ar") == [30.0, 1000.0]
    assert number_values("more than 1,000 militants, thirty of them", "en") == [1000.0, 30.0]
    assert number_values("أكثر من ١٬٠٠٠ مسلح", "ar") == [1000.0]


def test_length_probability_peaks_at_the_expected_ratio():
    ls = np.array([100.0, 100.0, 100.0])
    lt = np.array([120.0, 60.0, 240.0])
    scores = length_logp(ls, lt, ratio=1.2, variance=6.8)
    assert scores[0] > scores[1] and scores[0] > scores[2]
    assert scores[0] == pytest.approx(0.0, abs=1e-9)


def test_time_overlap_is_intersection_over_union():
    assert time_overlap(np.array(0.0), np.array(4.0), np.array(2.0), np.array(6.0)) == pytest.approx(2 / 6)
    assert time_overlap(np.array(0.0), np.array(1.0), np.array(2.0), np.array(3.0)) == 0.0


def test_concept_arrays_weigh_each_concept_once_per_segment_and_keep_numbers(tiny_dictd):
    from transalign.align.concepts import build_sides
    from transalign.align.lexicon import Lexicon
    from transalign.types import Document, Segment

    def doc(lang, lines):
        return Document(f"t.{lang}.txt", lang, tuple(Segment(i, t, (i + 1,)) for i, t in enumerate(lines)))

    source = doc("ar", ["الجيش الجيش في دير الزور", "قافلة ٣١", ""])
    target = doc("en", ["The army, the troops in Deir ez-Zor", "A convoy of 31", "Nothing here"])
    src, tgt = build_sides(source, target, Lexicon(read_dictd(tiny_dictd)))
    overlap = (src.concepts @ tgt.concepts.T).toarray()
    assert overlap[0].argmax() == 0 and overlap[1].argmax() == 1  # each Arabic line shares most with its translation
    assert overlap[2].sum() == 0 and src.content[2] == 0  # an empty segment matches nothing and weighs nothing
    assert src.numbers == (frozenset(), frozenset({31.0}), frozenset())
    # "الجيش" twice: its concepts count once in the vector, twice in the content it could match.
    one = build_sides(doc("ar", ["الجيش في دير الزور", "قافلة ٣١", ""]), target, Lexicon(read_dictd(tiny_dictd)))[0]
    assert src.concepts[0].nnz == one.concepts[0].nnz and src.content[0] > one.content[0]
