"""A lexicon learned from parallel text, the lexicon union, and hadith chains in the aligner."""

from __future__ import annotations

import pytest

from transalign.align import align
from transalign.profiles.hadith import glue_chains, is_chain
from transalign.align.decoder import Weights
from transalign.align.learned import learn, write_learned
from transalign.align.lexicon import Lexicon, load_lexicon, read_learned
from transalign.errors import InputError
from transalign.options import Options
from transalign.types import Document, Segment

# Each Arabic content word appears with exactly one English content word, except
# "قال"/"said", which appears everywhere and so links to everything a little.
PAIRS = [
    ("قال الحمار في السوق", "He said: the donkey is in the market"),
    ("قال الحمار نائم", "He said: the donkey sleeps"),
    ("قال المطر في السوق", "He said: rain in the market"),
    ("قال المطر غزير", "He said: heavy rain"),
    ("قال نائم", "He said: sleeps"),
    ("قال غزير", "He said: heavy"),
]


def test_learning_links_words_to_the_concepts_they_occur_with():
    entries = learn(PAIRS, min_count=2, min_dice=0.5, top=1)
    assert entries["الحمار"] == frozenset({"donkey"})
    assert entries["المطر"] == frozenset({"rain"})
    assert entries["السوق"] == frozenset({"market"})
    assert "في" not in entries  # a function word is never learned


def test_one_co_occurrence_is_not_enough():
    entries = learn(PAIRS + [("زرافة قال", "He said: giraffe")], min_count=2, min_dice=0.5)
    assert "زرافه" not in entries and "زرافة" not in entries


def test_learned_lexicon_round_trips_and_bad_lines_name_the_line(tmp_path):
    path = tmp_path / "ar-en.tsv"
    entries = learn(PAIRS, min_count=2, min_dice=0.5, top=2)
    write_learned(entries, path, "from the tests")
    assert path.read_text(encoding="utf-8").startswith("# from the tests\n")
    assert read_learned(path) == entries
    path.write_text("# ok\nالحمار\tdonkey\nبلا علامة\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"ar-en.tsv, line 3: no tab-separated concepts in 'بلا علامة'.*expected lines 'arabic word<TAB>"):
        read_learned(path)
    with pytest.raises(InputError, match=r"missing.tsv: cannot read the lexicon"):
        read_learned(tmp_path / "missing.tsv")


def test_sources_are_unioned_each_with_clitic_stripping():
    lexicon = Lexicon({"حمار": frozenset({"ass"})}, {"الحمار": frozenset({"donkey"}), "سوق": frozenset({"market"})})
    assert lexicon.glosses("والحمار") == {"ass", "donkey"}  # و stripped for both; ال kept where a source has it
    assert lexicon.glosses("بالسوق") == {"market"}
    assert lexicon.vocabulary == {"ass", "donkey", "market"}


def test_learned_lexicon_gives_the_aligner_evidence_the_dictionary_lacks(tmp_path):
    """Three Arabic sentences against four English ones: which English sentence has no
    Arabic counterpart is only knowable from word translations."""
    path = tmp_path / "lex.tsv"
    write_learned({"الحمار": frozenset({"donkey"}), "المطر": frozenset({"rain"}), "السوق": frozenset({"market"})}, path, "test")
    source = _doc("ar", ["رأينا الحمار.", "هطل المطر.", "ذهبنا الى السوق."])
    target = _doc("en", ["We saw the donkey.", "The sky turned grey over the hills.", "It rained.", "We went to the market."])
    missing = tmp_path / "none.index"  # no dictionary: the learned lexicon is the only lexical evidence
    beads = align(source, target, Options(dictionary=str(missing), learned_lexicon=str(path))).beads
    links = [(b.source, b.target) for b in beads]
    assert ((0,), (0,)) in links and ((2,), (3,)) in links
    assert load_lexicon(str(missing), str(path)).name == "lex"


@pytest.mark.parametrize(
    "text, chain",
    [
        ("حَدَّثَنَا أَبُو بَكْرِ بْنُ أَبِي شَيْبَةَ، حَدَّثَنَا وَكِيعٌ، عَنْ سُفْيَانَ، عَنْ عَائِشَةَ،", True),
        ("حدثنا قتيبة، عن مالك، عن نافع، عن ابن عمر، عن النبي صلى الله عليه وسلم بمثله.", False),  # a report of its own
        ("قال رسول الله صلى الله عليه وسلم لا تصوموا", False),
    ],
)
def test_a_chain_is_a_chain_only_when_it_stops_before_its_text(text, chain):
    assert is_chain(text) is chain


def test_chains_are_glued_to_the_text_they_introduce_and_aligned_with_it():
    source = _doc("ar", [
        "حدثنا يحيى بن يحيى، حدثنا مالك، عن نافع، عن ابن عمر،",
        "أن رسول الله صلى الله عليه وسلم نهى عن بيع الثمر.",
        "وحدثنا قتيبة، حدثنا ليث، عن نافع،",
        "عن ابن عمر قال نهى عن النجش.",
    ])
    glued, groups = glue_chains(source)
    assert groups == [[0, 1], [2, 3]]
    assert [s.index for s in glued.segments] == [0, 1]
    target = _doc("en", ["Ibn Umar reported:", "The Messenger forbade selling fruit.", "He forbade bidding up prices."])
    alone = align(source, target, Options(use_dictionary=False), Weights()).beads  # the hadith weights, chains not glued
    assert any(b.source == (2,) for b in alone)  # length alone pairs the second chain with an English sentence
    glued_beads = align(source, target, Options(use_dictionary=False, exclude_isnad=True)).beads
    assert sorted(k for b in glued_beads for k in b.source) == [0, 1, 2, 3]
    assert all(set(b.source) in ({0, 1}, {2, 3}) for b in glued_beads)


def _doc(lang: str, texts: list[str]) -> Document:
    return Document(name=lang, lang=lang, segments=tuple(Segment(index=i, text=t) for i, t in enumerate(texts)), kind="segments")
