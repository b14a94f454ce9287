"""Splitting a segment where the other side's evidence says two sentences meet.

A heading, a list item or a caption without a full stop runs into the next sentence, and
an Arabic subtitle track has no capitals to show where one ends ("المضيف الأصلي والمضيف
الوسيط لقد عُرِف أن ..."), so one segment holds two sentences. When the English side has
them apart, the aligner pairs that segment with both (a 1-2 bead), and their words say
where the cut goes: each word of the segment is matched against each English sentence
(the concepts of concepts.py), and the cut is put where the words before it match the
first sentence and the words after it the second, in proportion to the lengths. A word that
both sentences hold (a headline's "COVID-19" that the next sentence repeats) goes where the
words around it say: the segment's words are matched in order with the other side's sentences
laid end to end, and no cut leaves a word on the other side of one matched into a later sentence.
The same goes the other way round (a 2-1 bead whose English segment holds two sentences).

A cut is made only when the pieces match their own counterparts, in order, at least as
much as in any other order (a headline that the next sentence repeats word for word matches
that longer sentence as much as its own, yet the order holds), and not where a translator merged two sentences into one: where the other side's first
sentence ends in a full stop and the cut falls at a comma or semicolon of this side (or
one word from it), the segment is left whole ("…عام ٢٠١٤، إذ تستغل …" for "… in 2014. ISIS
remnants are taking advantage …"). A heading has no full stop on either side. Only found
sentences are split: never the lines of a document given one segment a line (`--segmented`).
The best cut is found by a dynamic program over where each piece ends, so a segment paired
with up to four sentences (the decoder's 1-4 and 4-1 beads: a list of items without stops
on one side) is cut as readily as one paired with two.

When both sides hold the same several sentences run together (bulleted list items whose
bullets are gone, an exchange in lower case without marks), neither side's sentences can
guide a cut. Where a segment of a bead runs on into the next with nothing marking an end
(the segmenter cut it at a length limit or a cue start), or runs longer than a sentence
(MAX_SENTENCE) with no mark inside it (lower-case speech whose run of sentences only a
question mark ends: TICO-19's CMU_1 in subtitles), both sides are cut at once
(cut_jointly): their words are matched in order, and the cuts go where the matching leaves a
gap on both sides, in pieces that each share some evidence and keep the bead's length ratio.
Nothing says which gaps are sentences' ends, so on TICO-19's tuning half most joint cuts fall
inside a sentence, on both sides alike: the pieces still translate each other, where the whole
bead tied every sentence of one side to every sentence of the other.

The reverse also happens: a speaker-label rule or a length limit cuts a sentence where no
mark ends it, on both sides, and the aligner pairs the pieces one to one (two beads for one
sentence pair). Where two neighbouring beads meet at such a cut on both sides (no
punctuation, clause mark or capitalized opener ends the earlier segment on either side),
the pieces are joined again, one sentence to a segment. So are the pieces of a sentence
cut at a colon on both sides, paired one to one, where the colon is inside the sentence:
after a heading of a few words, or before a number ("(95% CI: 2.02-4.59%)"). A longer clause
before a colon ("… the following case definitions:") often ends a sentence that introduces a
list, and is left apart.
"""

from __future__ import annotations

import bisect
import itertools
import re

import numpy as np

from transalign.align.concepts import SegmentCache, build_sides
from transalign.align.lexicon import Lexicon
from transalign.text.resplit import with_joins, with_pieces
from transalign.text.normalize import is_arabic_script
from transalign.text.segment import MAX_SENTENCE, is_unpunctuated, marked_boundary
from transalign.text.words import ARABIC_STOPWORDS, ENGLISH_STOPWORDS
from transalign.types import Alignment, Document, Segment

MIN_PIECE_WORDS = 2  # "Abnormal findings", a two-word heading, is a sentence of its own
MAX_PIECES = 4  # the decoder's largest bead, 1-4 and 4-1
LENGTH_WEIGHT = 0.5  # how much a cut's distance from the proportional point counts against its lexical fit
MARK_BONUS = 0.2  # a cut where punctuation or capitals mark a sentence's end (marked_boundary) over one where none does
_INNER_MARK = re.compile(r"[.!?؟…،,;؛:]\s")  # a sentence or clause mark with more text after it
_WORD = re.compile(r"\S+")
HEADING_MAX_WORDS = 8  # a heading or label before a colon ("Comorbidities and complications:"); a clause that introduces a list runs longer
RUN_ON_MIN_WORDS = 4  # a piece of a joint cut: "where do you have" is the shortest question in an exchange
RUN_ON_MIN_EVIDENCE = 1.0  # concept weight a joint cut's piece pair must share: about one content word
RUN_ON_PIECE = 0.1  # what a piece pair of a joint cut earns ...
RUN_ON_SKEW = 0.3  # ... less this much for each unit of its length ratio's distance (log) from the bead's
RUN_ON_MARK = 0.2  # ... and this for each side where punctuation or capitals mark its end
_EDGE = "\"'“”‘’«»()[],.;:!?،؛؟"  # stripped from a word before it is looked up among the function words
_SOFT_END = re.compile(r"[;:؛][\"'”’»)\]]*$")  # a list item's end: not a sentence's in running text, one in a list
# A sentence's end on the other side, and clause marks on this one (closing quotes and brackets after either).
_TERMINAL_END = re.compile(r"[.!?؟…][\"'”’»)\]]*\s*$")
_FULL_STOP_END = re.compile(r"\.[\"'”’»)\]]*$")
_COLON_END = re.compile(r":[\"'”’»)\]]*$")
_OPENS_WITH_NUMBER = re.compile(r"[(\[]?[0-9٠-٩۰-۹]")
_CLAUSE_END = re.compile(r"[،,;؛:][\"'”’»)\]]*$")
# A full stop with no space after it ("every day.A test", "was 27%.A recent", 'ineffective."During'): a
# sentence ends inside a word, where no word-boundary cut can follow it, so such a segment is left whole.
_GLUED_STOP = re.compile(r"[a-z0-9%)\]\"'”’»\u0621-\u064a][.!?؟][\"'”’»]?[A-Z\u0621-\u064a]")


def split_segments(source: Document, target: Document, alignment: Alignment,
                   lexicon: Lexicon | None) -> tuple[Document, Document] | None:
    """Both documents with the segments that hold two sentences cut and the pieces of one sentence
    joined; None when nothing is to change."""
    cuts: dict[str, dict[int, list[str]]] = {"source": {}, "target": {}}
    words: SegmentCache = {}  # each word read once for all the beads' word-by-word matchings
    punctuated = not any(is_unpunctuated(" ".join(s.text for s in doc.segments)) for doc in (source, target))
    for bead in alignment.beads:
        if len(bead.source) == 1 and 2 <= len(bead.target) <= MAX_PIECES and _sentences(target, bead.target):
            whole, others = source.segments[bead.source[0]], [target.segments[k].text for k in bead.target]
            pieces = cut_by_evidence(whole.text, others, lexicon, source_side=True, langs=(source.lang, target.lang), cache=words)
            if pieces:
                cuts["source"][whole.index] = pieces
        elif len(bead.target) == 1 and 2 <= len(bead.source) <= MAX_PIECES and _sentences(source, bead.source):
            whole, others = target.segments[bead.target[0]], [source.segments[k].text for k in bead.source]
            pieces = cut_by_evidence(whole.text, others, lexicon, source_side=False, langs=(source.lang, target.lang), cache=words)
            if pieces:
                cuts["target"][whole.index] = pieces
        elif punctuated and bead.source and bead.target and (
                any(_runs_on(source, k) or _run_together(source, k) for k in bead.source)
                or any(_runs_on(target, k) or _run_together(target, k) for k in bead.target)):
            joint = cut_jointly([source.segments[k].text for k in bead.source], [target.segments[k].text for k in bead.target],
                                lexicon, langs=(source.lang, target.lang), cache=words)
            for side, indices, each in zip(("source", "target"), (bead.source, bead.target), joint or ()):
                cuts[side].update((k, texts) for k, texts in zip(indices, each) if len(texts) > 1)
    joins = _open_joins(source, target, alignment, cuts) if punctuated else []
    if not cuts["source"] and not cuts["target"] and not joins:
        return None
    return (with_joins(with_pieces(source, cuts["source"]), _shifted([s for s, _ in joins], cuts["source"])),
            with_joins(with_pieces(target, cuts["target"]), _shifted([t for _, t in joins], cuts["target"])))


def _open_joins(source: Document, target: Document, alignment: Alignment,
                cuts: dict[str, dict[int, list[str]]]) -> list[tuple[int, int]]:
    """(source, target) segment pairs that end beads where nothing marks a sentence's end on either side:
    pieces of one sentence that a cue start or a length limit cut on both sides, each joined to the next;
    and, in two 1-1 beads, a sentence that the speaker-label rule (segment.py, rule 4) cut at a colon on
    both sides at a cue start, where the colon is inside it (_colon_join).

    Only asked of punctuated text (split_segments): without punctuation no segment's end is
    marked, and the segmenter's cuts (segment.py, rules 5 and 7) are all there is.
    """
    joins = []
    for first, second in zip(alignment.beads, alignment.beads[1:]):
        if not (first.source and first.target and second.source and second.target):
            continue
        s, t = first.source[-1], first.target[-1]
        if s in cuts["source"] or s + 1 in cuts["source"] or t in cuts["target"] or t + 1 in cuts["target"]:
            continue
        if (_open(source, s) and _open(target, t)) or (
                len(first.source) == len(first.target) == len(second.source) == len(second.target) == 1
                and _colon_join(source, target, s, t)):
            joins.append((s, t))
    return joins


def _colon_join(source: Document, target: Document, s: int, t: int) -> bool:
    """Whether segments s and t end in a colon before a whole sentence on both sides, and the colon
    is inside one sentence: after a heading or label of a few words on both sides ("Comorbidities and
    complications: | Patients with …"), or before a number ("(95% CI: | 2.02-4.59%).", "first
    identified: | 31 December 2019."), a value the colon introduces, not speech or a list item."""
    sides = ((source, s), (target, t))
    if not all(_COLON_END.search(doc.segments[k].text) and _TERMINAL_END.search(doc.segments[k + 1].text) for doc, k in sides):
        return False
    heading = all(len(doc.segments[k].text.split()) <= HEADING_MAX_WORDS for doc, k in sides)
    return heading or all(bool(_OPENS_WITH_NUMBER.match(doc.segments[k + 1].text)) for doc, k in sides)


def _open(document: Document, k: int) -> bool:
    """Whether segment k runs on into the next: no punctuation, clause mark or capital says a sentence ends between them."""
    before, after = document.segments[k].text, document.segments[k + 1].text
    return not _CLAUSE_END.search(before) and not marked_boundary(before, after, document.lang)


def _runs_on(document: Document, k: int) -> bool:
    """Whether segment k runs on into a next one that nothing marks as a new sentence: the segmenter cut
    it at a length limit or a cue start, and it may hold several sentences (run-together list items,
    an exchange in lower case). Not asked of a transcript without punctuation, where no segment's end is
    marked and the segmenter's cuts (segment.py, rules 5 and 7) are all there is."""
    return k + 1 < len(document.segments) and _open(document, k)


def _run_together(document: Document, k: int) -> bool:
    """Whether segment k runs longer than a sentence with no mark inside it: lower-case speech whose
    sentences a question mark ends only now and then. Not one that a full stop ends: a long sentence
    without commas is the writer's, kept whole as the segmenter keeps it (segment.py, rule 5)."""
    text = document.segments[k].text
    return len(text) > MAX_SENTENCE and not _INNER_MARK.search(text) and not _FULL_STOP_END.search(text)


def _shifted(indices: list[int], pieces: dict[int, list[str]]) -> set[int]:
    """Segment indices after the cuts of `pieces`: each cut segment's pieces take its place."""
    cut = sorted(pieces)
    added = np.r_[0, np.cumsum([len(pieces[i]) - 1 for i in cut])]
    return {k + int(added[bisect.bisect_left(cut, k)]) for k in indices}


def _sentences(document: Document, indices: tuple[int, ...]) -> bool:
    """Whether consecutive segments are whole sentences, apart where punctuation or capitals say
    one ends: pieces of one sentence that a length limit cut say nothing about the other side."""
    texts = [document.segments[k].text for k in indices]
    return all(marked_boundary(a, b, document.lang) for a, b in zip(texts, texts[1:]))


def cut_by_evidence(text: str, others: list[str], lexicon: Lexicon | None, *, source_side: bool,
                    langs: tuple[str, str], cache: SegmentCache | None = None) -> list[str] | None:
    """`text` in len(others) pieces, each matching its counterpart in `others` best; None without clear evidence.

    `source_side` says which side `text` is on; `langs` are the source's and target's languages.
    """
    words = list(_WORD.finditer(text))
    k = len(others)
    if len(words) < MIN_PIECE_WORDS * k or _GLUED_STOP.search(text):
        return None
    affinity = _affinity([w.group() for w in words], others, lexicon, source_side, langs, cache)  # words x others
    lengths = np.array([len(w.group()) for w in words], dtype=float)
    expected = np.cumsum([len(o) for o in others])[:-1] / sum(len(o) for o in others)
    prefix = np.vstack([np.zeros(k), np.cumsum(affinity, axis=0)])  # affinity of words[:i] with each other segment
    char_prefix = np.r_[0.0, np.cumsum(lengths)] / lengths.sum()
    lang = langs[0] if source_side else langs[1]
    marked = np.array([i > 0 and marked_boundary(words[i - 1].group(), w.group(), lang) for i, w in enumerate(words)])
    evidence = float(affinity.max(axis=1).sum())
    if evidence <= 0:
        return None
    bounds = _best_bounds(prefix, char_prefix, expected, marked, evidence, _in_order(words, others, lexicon, source_side, langs, cache))
    if bounds is None:
        return None
    matrix = np.array([prefix[b] - prefix[a] for a, b in zip(bounds, bounds[1:])])  # pieces x others
    if any(sum(matrix[p, q] for p, q in enumerate(order)) > np.trace(matrix) for order in itertools.permutations(range(k))):
        return None  # the pieces match the other side's sentences better in another order: no evidence for this cut
    if any(_at_clause_mark(words, b) and _TERMINAL_END.search(others[p]) for p, b in enumerate(bounds[1:-1])):
        return None  # a translator's merge: two sentences made one at a comma, not a sentence without a full stop
    return [text[words[a].start() : words[b - 1].end()] for a, b in zip(bounds, bounds[1:])]


def _in_order(words: list[re.Match[str]], others: list[str], lexicon: Lexicon | None, source_side: bool,
              langs: tuple[str, str], cache: SegmentCache | None = None) -> np.ndarray:
    """Where each piece but the last may end (word bounds x pieces): after the last word that the
    in-order matching of `words` with the other side's words (its segments end to end) links into
    that piece's counterpart or an earlier one, and before the first it links into a later one. A word
    that two of them share ("COVID-19" in a headline and in the sentence after it) then goes with the
    words around it, not wherever the lengths say."""
    mine = [w.group() for w in words]
    theirs = [(q, w.group()) for q, other in enumerate(others) for w in _WORD.finditer(other)]
    pair = (mine, [w for _, w in theirs]) if source_side else ([w for _, w in theirs], mine)
    links = monotone_links(_word_affinity(*pair, lexicon, langs, cache))
    owners = [(i, theirs[j][0]) if source_side else (j, theirs[i][0]) for i, j, _ in links]
    bound = np.arange(len(words) + 1)[:, None]
    piece = np.arange(len(others) - 1)[None, :]
    last_before = np.full(len(others) - 1, 0)  # a bound after every word linked into pieces <= p
    first_after = np.full(len(others) - 1, len(words))  # ... and before every word linked into pieces > p
    for i, q in owners:
        last_before[q:] = np.maximum(last_before[q:], i + 1)
        first_after[:q] = np.minimum(first_after[:q], i)
    return (bound >= last_before[piece]) & (bound <= first_after[piece])


def _best_bounds(prefix: np.ndarray, char_prefix: np.ndarray, expected: np.ndarray, marked: np.ndarray,
                 evidence: float, allowed: np.ndarray) -> tuple[int, ...] | None:
    """The word bounds of the best cut into len(expected) + 1 pieces, each piece but the last ending
    where `allowed` (word bounds x pieces, _in_order) says it may, or None where no cut gives every
    piece some evidence for its own counterpart.

    A cut's score adds up over its pieces (the share of the evidence each piece's words give its own
    counterpart) and its inner bounds (their distance from the proportional point, a bonus where a
    mark ends a sentence), so the best one is found piece by piece, a dynamic program over where
    each piece ends: linear in the pieces, quadratic in the segment's words.
    """
    n, k = len(prefix) - 1, len(expected) + 1
    cut_score = -LENGTH_WEIGHT * np.abs(char_prefix[:, None] - expected[None, :]) + MARK_BONUS * np.r_[marked, False][:, None]
    cut_score[~allowed] = -np.inf
    best = np.full((k + 1, n + 1), -np.inf)  # best[p, i]: p pieces over words[:i]
    back = np.zeros((k + 1, n + 1), dtype=int)
    best[0, 0] = 0.0
    for p in range(1, k + 1):
        for i in range(p * MIN_PIECE_WORDS, n + 1):
            starts = np.arange((p - 1) * MIN_PIECE_WORDS, i - MIN_PIECE_WORDS + 1)
            pieces = prefix[i][None, :] - prefix[starts]  # each candidate piece's affinity with every other segment
            own = pieces[:, p - 1]
            valid = (own > 0) & np.isfinite(best[p - 1, starts])
            if not valid.any():
                continue
            scores = np.where(valid, best[p - 1, starts] + own / evidence, -np.inf)
            top = int(np.argmax(scores))
            extra = cut_score[i, p - 1] if p < k else 0.0
            best[p, i], back[p, i] = scores[top] + extra, starts[top]
    if not np.isfinite(best[k, n]):
        return None
    bounds = [n]
    for p in range(k, 0, -1):
        bounds.append(int(back[p, bounds[-1]]))
    return tuple(reversed(bounds))


def cut_jointly(sources: list[str], targets: list[str], lexicon: Lexicon | None, *,
                langs: tuple[str, str], cache: SegmentCache | None = None) -> tuple[list[list[str]], list[list[str]]] | None:
    """A bead's segments cut on both sides at once into pieces that translate each other in order:
    each segment's pieces (one piece where no cut falls inside it); None where no cut is found.

    When both sides hold the same several sentences run together, neither side's sentences can
    guide a cut. The words of both are matched in order instead (the best matching of their
    concepts that keeps both orders, so a word that several items repeat matches only its own
    item's), and a cut goes where that matching leaves a gap on both sides, never after a
    function word, with pieces whose lengths keep the bead's ratio.
    """
    src = [(k, w) for k, text in enumerate(sources) for w in _WORD.finditer(text)]
    tgt = [(k, w) for k, text in enumerate(targets) for w in _WORD.finditer(text)]
    if min(len(src), len(tgt)) < 2 * RUN_ON_MIN_WORDS:
        return None
    links = monotone_links(_word_affinity([w.group() for _, w in src], [w.group() for _, w in tgt], lexicon, langs, cache))
    if len(links) < 2:
        return None
    sides = [_WordSide([w.group() for _, w in words], lang) for words, lang in ((src, langs[0]), (tgt, langs[1]))]
    nodes = [(0, 0, 0)]  # (source bound, target bound, links before it)
    for count, ((i0, j0, _), (i1, j1, _)) in enumerate(zip(links, links[1:]), 1):
        nodes += [(i, j, count) for i, j in _gap_cuts(sides, (i0 + 1, i1 + 1), (j0 + 1, j1 + 1))]
    nodes.append((len(src), len(tgt), len(links)))
    evidence = np.r_[0.0, np.cumsum([weight for _, _, weight in links])]
    bounds = _joint_bounds(np.array(nodes), sides, evidence)
    if bounds is None:
        return None
    return _pieces(sources, src, [i for i, _ in bounds]), _pieces(targets, tgt, [j for _, j in bounds])


class _WordSide:
    """One side of a joint cut: where each word bound falls in characters, and where a sentence may end."""

    def __init__(self, words: list[str], lang: str) -> None:
        self.chars = np.r_[0, np.cumsum([len(w) + 1 for w in words])]
        stop = ARABIC_STOPWORDS if is_arabic_script(lang) else ENGLISH_STOPWORDS
        self.may_end = [False] + [w.strip(_EDGE).lower() not in stop for w in words]  # bound i ends on words[i - 1]
        self.marked = [False] + [_SOFT_END.search(a) is not None or marked_boundary(a, b, lang) for a, b in zip(words, words[1:])] + [False]


def _gap_cuts(sides: list[_WordSide], gap_s: tuple[int, int], gap_t: tuple[int, int]) -> list[tuple[int, int]]:
    """Cut points inside one gap of the matching (bounds a..b-1 of each side): each bound of one side
    where a sentence may end, with the other side's nearest such bound in proportion to the gap."""
    spans = [np.arange(*gap) for gap in (gap_s, gap_t)]
    allowed = [span[[side.may_end[k] for k in span]] for side, span in zip(sides, spans)]
    if not all(len(a) for a in allowed):
        return []
    shares = [(side.chars[a] - side.chars[span[0]]) / max(side.chars[span[-1]] - side.chars[span[0]], 1)
              for side, a, span in zip(sides, allowed, spans)]
    cuts = {(int(i), int(allowed[1][np.abs(shares[1] - share).argmin()])) for i, share in zip(allowed[0], shares[0])}
    cuts |= {(int(allowed[0][np.abs(shares[0] - share).argmin()]), int(j)) for j, share in zip(allowed[1], shares[1])}
    return sorted(cuts)


def _joint_bounds(nodes: np.ndarray, sides: list[_WordSide], evidence: np.ndarray) -> list[tuple[int, int]] | None:
    """The inner (source, target) word bounds of the best joint cut, a dynamic program over the
    candidate cut points `nodes` (source bound, target bound, matching links before it); None for none.

    Each piece pair of RUN_ON_MIN_WORDS words a side or more, sharing RUN_ON_MIN_EVIDENCE, earns
    RUN_ON_PIECE, less RUN_ON_SKEW times its length ratio's distance (log) from the bead's, and
    RUN_ON_MARK for each side where a mark ends it.
    """
    (src, tgt), (i, j, count) = sides, nodes.T
    ratio = tgt.chars[-1] / src.chars[-1]
    bonus = RUN_ON_MARK * (np.array(src.marked)[i].astype(float) + np.array(tgt.marked)[j])
    best = np.full(len(nodes), -np.inf)
    back = np.zeros(len(nodes), dtype=int)
    best[0] = 0.0
    for c in range(1, len(nodes)):
        ok = ((i[c] - i[:c] >= RUN_ON_MIN_WORDS) & (j[c] - j[:c] >= RUN_ON_MIN_WORDS)
              & (evidence[count[c]] - evidence[count[:c]] >= RUN_ON_MIN_EVIDENCE) & np.isfinite(best[:c]))
        if not ok.any():
            continue
        with np.errstate(divide="ignore", invalid="ignore"):
            skew = np.abs(np.log((tgt.chars[j[c]] - tgt.chars[j[:c]]) / (src.chars[i[c]] - src.chars[i[:c]]) / ratio))
        scores = np.where(ok, best[:c] + RUN_ON_PIECE - RUN_ON_SKEW * skew, -np.inf)
        back[c] = int(np.argmax(scores))
        best[c] = scores[back[c]] + bonus[c]
    path = [len(nodes) - 1]
    while path[-1]:
        path.append(int(back[path[-1]]))
    if not np.isfinite(best[-1]) or len(path) < 3:
        return None
    return [(int(i[c]), int(j[c])) for c in reversed(path[1:-1])]


def _pieces(texts: list[str], words: list[tuple[int, re.Match[str]]], bounds: list[int]) -> list[list[str]]:
    """Each text cut at the word bounds (over all the texts' words) that fall inside it."""
    starts: list[list[int]] = [[] for _ in texts]
    for bound in bounds:
        k, word = words[bound]
        if words[bound - 1][0] == k:
            starts[k].append(word.start())
    out = []
    for text, inner in zip(texts, starts):
        cuts = [0, *inner, len(text)]
        out.append([text[a:b].strip() for a, b in zip(cuts, cuts[1:])])
    return out


def monotone_links(affinity: np.ndarray) -> list[tuple[int, int, float]]:
    """(source word, target word, weight) of the heaviest matching that keeps both sides' order
    (a longest common subsequence weighted by concept overlap), in order."""
    n, m = affinity.shape
    score = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        # score[i, j] = max(score[i - 1, j], score[i, j - 1], score[i - 1, j - 1] + weight): a running
        # maximum along the row of what comes from the row above, one numpy pass a row
        above, row = score[i - 1], score[i]
        np.maximum(above[1:], above[:-1] + affinity[i - 1], out=row[1:])
        np.maximum.accumulate(row, out=row)
    links = []
    i, j = n, m
    while i and j:
        if score[i, j] == score[i - 1, j]:
            i -= 1
        elif score[i, j] == score[i, j - 1]:
            j -= 1
        else:
            links.append((i - 1, j - 1, float(affinity[i - 1, j - 1])))
            i, j = i - 1, j - 1
    return links[::-1]


def _word_affinity(source_words: list[str], target_words: list[str], lexicon: Lexicon | None,
                   langs: tuple[str, str], cache: SegmentCache | None = None) -> np.ndarray:
    """Concept overlap of each source word with each target word (the decoder's measure)."""
    mine = Document("words", langs[0], tuple(Segment(i, w) for i, w in enumerate(source_words)))
    theirs = Document("others", langs[1], tuple(Segment(i, w) for i, w in enumerate(target_words)))
    src, tgt = build_sides(mine, theirs, lexicon, cache)
    return (src.concepts @ tgt.concepts.T).toarray()


def _at_clause_mark(words: list[re.Match[str]], cut: int) -> bool:
    """Whether the word before the cut, or the one after it (the cut one word off), ends in a clause mark."""
    return any(_CLAUSE_END.search(words[k].group()) for k in (cut - 1, cut) if 0 <= k < len(words))


def _affinity(words: list[str], others: list[str], lexicon: Lexicon | None, source_side: bool,
              langs: tuple[str, str], cache: SegmentCache | None = None) -> np.ndarray:
    """Concept overlap of each word with each of the other side's segments (the decoder's measure)."""
    mine = Document("words", langs[0] if source_side else langs[1], tuple(Segment(i, w) for i, w in enumerate(words)))
    theirs = Document("others", langs[1] if source_side else langs[0], tuple(Segment(i, t) for i, t in enumerate(others)))
    src, tgt = build_sides(mine, theirs, lexicon, cache) if source_side else build_sides(theirs, mine, lexicon, cache)
    overlap = (src.concepts @ tgt.concepts.T).toarray()
    return overlap if source_side else overlap.T
