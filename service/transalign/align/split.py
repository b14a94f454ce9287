"""Splitting a segment where the other side's evidence says two sentences meet.

A heading, a list item or a caption without a full stop runs into the next sentence, and
an Arabic subtitle track has no capitals to show where one ends ("المضيف الأصلي والمضيف
الوسيط لقد عُرِف أن ..."), so one segment holds two sentences. When the English side has
them apart, the aligner pairs that segment with both (a 1-2 bead), and their words say
where the cut goes: each word of the segment is matched against each English sentence
(the concepts of concepts.py), and the cut is put where the words before it match the
first sentence and the words after it the second, in proportion to the lengths. The
same goes the other way round (a 2-1 bead whose English segment holds two sentences).

A cut is made only when every piece matches its own counterpart more than the others,
and not where a translator merged two sentences into one: where the other side's first
sentence ends in a full stop and the cut falls at a comma or semicolon of this side (or
one word from it), the segment is left whole ("…عام ٢٠١٤، إذ تستغل …" for "… in 2014. ISIS
remnants are taking advantage …"). A heading has no full stop on either side. Only found
sentences are split: never the lines of a document given one segment a line (`--segmented`).
"""

from __future__ import annotations

import itertools
import re

import numpy as np

from transalign.align.concepts import build_sides
from transalign.align.lexicon import Lexicon
from transalign.text.resplit import with_pieces
from transalign.text.segment import marked_boundary
from transalign.types import Alignment, Document, Segment

MIN_PIECE_WORDS = 2  # "Abnormal findings", a two-word heading, is a sentence of its own
MAX_PIECES = 3  # beads of more than three segments a side are rare; their cuts are not searched
LENGTH_WEIGHT = 0.5  # how much a cut's distance from the proportional point counts against its lexical fit
MARK_BONUS = 0.2  # a cut where punctuation or capitals mark a sentence's end (marked_boundary) over one where none does
_WORD = re.compile(r"\S+")
# A sentence's end on the other side, and clause marks on this one (closing quotes and brackets after either).
_TERMINAL_END = re.compile(r"[.!?؟…][\"'”’»)\]]*\s*$")
_CLAUSE_END = re.compile(r"[،,;؛:][\"'”’»)\]]*$")
# A full stop with no space after it ("every day.A test"): a sentence ends inside a word, where no
# word-boundary cut can follow it, so such a segment is left whole.
_GLUED_STOP = re.compile(r"[a-z\u0621-\u064a][.!?؟][A-Z\u0621-\u064a]")


def split_segments(source: Document, target: Document, alignment: Alignment,
                   lexicon: Lexicon | None) -> tuple[Document, Document] | None:
    """Both documents with the segments that hold two sentences cut; None when none does."""
    cuts: dict[str, dict[int, list[str]]] = {"source": {}, "target": {}}
    for bead in alignment.beads:
        if len(bead.source) == 1 and 2 <= len(bead.target) <= MAX_PIECES and _sentences(target, bead.target):
            whole, others = source.segments[bead.source[0]], [target.segments[k].text for k in bead.target]
            pieces = cut_by_evidence(whole.text, others, lexicon, source_side=True, langs=(source.lang, target.lang))
            if pieces:
                cuts["source"][whole.index] = pieces
        elif len(bead.target) == 1 and 2 <= len(bead.source) <= MAX_PIECES and _sentences(source, bead.source):
            whole, others = target.segments[bead.target[0]], [source.segments[k].text for k in bead.source]
            pieces = cut_by_evidence(whole.text, others, lexicon, source_side=False, langs=(source.lang, target.lang))
            if pieces:
                cuts["target"][whole.index] = pieces
    if not cuts["source"] and not cuts["target"]:
        return None
    return with_pieces(source, cuts["source"]), with_pieces(target, cuts["target"])


def _sentences(document: Document, indices: tuple[int, ...]) -> bool:
    """Whether consecutive segments are whole sentences, apart where punctuation or capitals say
    one ends: pieces of one sentence that a length limit cut say nothing about the other side."""
    texts = [document.segments[k].text for k in indices]
    return all(marked_boundary(a, b, document.lang) for a, b in zip(texts, texts[1:]))


def cut_by_evidence(text: str, others: list[str], lexicon: Lexicon | None, *, source_side: bool,
                    langs: tuple[str, str]) -> list[str] | None:
    """`text` in len(others) pieces, each matching its counterpart in `others` best; None without clear evidence.

    `source_side` says which side `text` is on; `langs` are the source's and target's languages.
    """
    words = list(_WORD.finditer(text))
    k = len(others)
    if len(words) < MIN_PIECE_WORDS * k or _GLUED_STOP.search(text):
        return None
    affinity = _affinity([w.group() for w in words], others, lexicon, source_side, langs)  # words x others
    lengths = np.array([len(w.group()) for w in words], dtype=float)
    expected = np.cumsum([len(o) for o in others])[:-1] / sum(len(o) for o in others)
    prefix = np.vstack([np.zeros(k), np.cumsum(affinity, axis=0)])  # affinity of words[:i] with each other segment
    char_prefix = np.r_[0.0, np.cumsum(lengths)] / lengths.sum()
    lang = langs[0] if source_side else langs[1]
    marked = np.array([i > 0 and marked_boundary(words[i - 1].group(), w.group(), lang) for i, w in enumerate(words)])
    evidence = float(affinity.max(axis=1).sum())
    if evidence <= 0:
        return None
    best: tuple[float, tuple[int, ...]] | None = None
    for inner in itertools.combinations(range(MIN_PIECE_WORDS, len(words) - MIN_PIECE_WORDS + 1), k - 1):
        bounds = (0, *inner, len(words))
        if any(b - a < MIN_PIECE_WORDS for a, b in zip(bounds, bounds[1:])):
            continue
        pieces = [prefix[b] - prefix[a] for a, b in zip(bounds, bounds[1:])]  # each piece's affinity with every other segment
        if any(piece[p] <= 0 or piece[p] < piece.max() for p, piece in enumerate(pieces)):
            continue  # a piece that matches another segment better than its own: no evidence for this cut
        fit = sum(piece[p] for p, piece in enumerate(pieces)) / evidence
        score = fit - LENGTH_WEIGHT * float(np.abs(char_prefix[list(inner)] - expected).sum())
        score += MARK_BONUS * int(marked[list(inner)].sum())
        if best is None or score > best[0]:
            best = (score, bounds)
    if best is None:
        return None
    bounds = best[1]
    if any(_at_clause_mark(words, b) and _TERMINAL_END.search(others[p]) for p, b in enumerate(bounds[1:-1])):
        return None  # a translator's merge: two sentences made one at a comma, not a sentence without a full stop
    return [text[words[a].start() : words[b - 1].end()] for a, b in zip(bounds, bounds[1:])]


def _at_clause_mark(words: list[re.Match[str]], cut: int) -> bool:
    """Whether the word before the cut, or the one after it (the cut one word off), ends in a clause mark."""
    return any(_CLAUSE_END.search(words[k].group()) for k in (cut - 1, cut) if 0 <= k < len(words))


def _affinity(words: list[str], others: list[str], lexicon: Lexicon | None, source_side: bool,
              langs: tuple[str, str]) -> np.ndarray:
    """Concept overlap of each word with each of the other side's segments (the decoder's measure)."""
    mine = Document("words", langs[0] if source_side else langs[1], tuple(Segment(i, w) for i, w in enumerate(words)))
    theirs = Document("others", langs[1] if source_side else langs[0], tuple(Segment(i, t) for i, t in enumerate(others)))
    src, tgt = build_sides(mine, theirs, lexicon) if source_side else build_sides(theirs, mine, lexicon)
    overlap = (src.concepts @ tgt.concepts.T).toarray()
    return overlap if source_side else overlap.T
