"""Alignment quality on modern news: TICO-19 (English news, Wikipedia, PubMed... in Modern
Standard Arabic), as lines and as two timed subtitle tracks.

    python benchmarks/news_eval.py [--mode seg|srt|srt-shifted|all] [--half tune|held-out]
                                   [--seed 0] [--no-overlaps] [--show-errors N]
                                   [--profile news|hadith] [--lexicon PATH] [--exclude DOCUMENT]

`--profile hadith --lexicon models/lexicons/ar-en.all.tsv` is the aligner as it was
before it had a news profile and a news lexicon.

Each TICO-19 document of a half (`benchmarks/tico19.py`: the one tune / held-out split) is
cut into pairs of 20-40 consecutive sentences (a news item, a programme segment). With a
seeded RNG, about 4% of English and 3% of Arabic sentences are dropped (never one
sentence on both sides). Three modes:

- `seg`: one sentence a line; about 10% of the lines of each side, independently, are
  merged with the next line. Gold beads come from the construction (lines that share a
  sentence, on either side, are one bead); strict and lax F1 with `scoring.py`.
  Gale–Church (nltk, c = the pair's own character ratio) beside it.
- `srt`: each side written as a real SubRip file on one shared clock (a sentence is
  spoken for its length at 15 characters a second, pauses of 0.1-1.0 s between
  sentences); the text of each side runs on from cue to cue, cut at about 70 characters
  wherever it falls (two lines of at most 42), a cue's times interpolated from the
  characters it holds; about 1 cue in 1,000 overlaps the next by 0.1-0.5 s (`--no-overlaps`:
  none). The files go through the tool's own reader and sentence segmentation
  (`transalign.formats.read_document`), each output segment is mapped to the gold sentences
  whose characters it holds, and a bead links every Arabic sentence of its source
  segments to every English one of its target segments. Scores: precision, recall and F1
  of those sentence links against the gold ones (a sentence with its translation), and
  the share of gold sentence pairs that end up in a bead of their own (a bead that covers
  that sentence and no other on either side). A pair the reader refuses counts as
  refused and adds nothing. Below the table: the segments that hold two sentences or more
  and the wrong links in their beads, and where the tool's segments end against where the
  sentences do (right, wrong, missed), as read and after the aligner's cuts and joins.
- `srt-shifted`: the same with the English track 4 s late and stretched by 25/23.976 (a
  track timed for 23.976 fps played at 25).

Beside the tool on the subtitle modes, a time-only baseline: every segment is linked to
the segment of the other side it overlaps most in time, and linked segments form beads.

Targets (held-out half): seg strict F1 >= 0.95; srt link F1 >= 0.95 with >= 93% of
sentence pairs in a bead of their own; srt-shifted within 0.02 of srt; no pair refused.
The script prints its figures and exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pysrt  # noqa: E402

from benchmarks.align_eval import coverage_problems, gale_church, row, shape_table  # noqa: E402
from benchmarks.hadith_data import document  # noqa: E402
from benchmarks.scoring import score_documents  # noqa: E402
from benchmarks.tico19 import HALVES, TicoDocument, load_documents  # noqa: E402
from transalign.align.lexicon import default_learned  # noqa: E402
from transalign.errors import InputError  # noqa: E402
from transalign.options import Options  # noqa: E402
from transalign.types import Document  # noqa: E402

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]
MIN_PAIR, MAX_PAIR = 20, 40  # sentences in one pair of files
DROP_EN, DROP_AR = 0.04, 0.03
MERGE = 0.10
CPS = 15.0  # characters spoken a second
CUE_CHARS, LINE_CHARS = 70, 42
OVERLAP = 0.001  # share of cues that overlap the next: a few in a half
SHIFT, STRETCH = 4.0, 25 / 23.976
COVER_CHARS = 5  # characters a segment must hold of a sentence to cover it (all of a shorter one)


@dataclass(frozen=True)
class NewsPair:
    """Consecutive sentences of one document; which of them each side leaves out."""

    name: str
    arabic: tuple[str, ...]
    english: tuple[str, ...]
    arabic_dropped: frozenset[int]
    english_dropped: frozenset[int]


def make_pairs(documents: Sequence[TicoDocument], rng: random.Random) -> list[NewsPair]:
    pairs = []
    for doc in documents:
        start = 0
        while start < len(doc.pairs):
            size = rng.randint(MIN_PAIR, MAX_PAIR)
            if len(doc.pairs) - (start + size) < MIN_PAIR // 2:
                size = len(doc.pairs) - start  # no runt at the end
            chunk = doc.pairs[start : start + size]
            english_dropped = {k for k in range(len(chunk)) if rng.random() < DROP_EN}
            arabic_dropped = {k for k in range(len(chunk)) if rng.random() < DROP_AR and k not in english_dropped}
            pairs.append(NewsPair(f"{doc.name}.{start}", tuple(p.arabic for p in chunk), tuple(p.english for p in chunk),
                                  frozenset(arabic_dropped), frozenset(english_dropped)))
            start += size
    return pairs


# --- seg: one sentence a line, some lines merged -------------------------------------------

@dataclass(frozen=True)
class SegCase:
    name: str
    source: Document
    target: Document
    gold: list[BeadPair]


def _lines(dropped: frozenset[int], texts: Sequence[str], rng: random.Random) -> tuple[list[str], dict[int, int]]:
    """Lines of one side (sentences not dropped, some merged with the next) and each sentence's line.

    A line merges only with the very next sentence: across a dropped one, the gold bead
    would not be a run of consecutive lines."""
    lines: list[str] = []
    line_of: dict[int, int] = {}
    merge_next = False
    for k in range(len(texts)):
        if k in dropped:
            merge_next = False
            continue
        if merge_next:
            lines[-1] += " " + texts[k]
        else:
            lines.append(texts[k])
        line_of[k] = len(lines) - 1
        merge_next = not merge_next and rng.random() < MERGE  # a line merges at most two sentences
    return lines, line_of


def seg_case(pair: NewsPair, rng: random.Random) -> SegCase:
    n = len(pair.arabic)
    ar_lines, ar_line = _lines(pair.arabic_dropped, pair.arabic, rng)
    en_lines, en_line = _lines(pair.english_dropped, pair.english, rng)
    gold: list[BeadPair] = []
    group_ar: set[int] = set()
    group_en: set[int] = set()
    for k in range(n):
        a, e = ar_line.get(k), en_line.get(k)
        joins = (a is not None and a in group_ar) or (e is not None and e in group_en)
        if not joins and (group_ar or group_en):
            gold.append((tuple(sorted(group_ar)), tuple(sorted(group_en))))
            group_ar, group_en = set(), set()
        group_ar |= {a} if a is not None else set()
        group_en |= {e} if e is not None else set()
    gold.append((tuple(sorted(group_ar)), tuple(sorted(group_en))))
    return SegCase(pair.name, document(ar_lines, "ar", f"{pair.name}.ar.txt"), document(en_lines, "en", f"{pair.name}.en.txt"), gold)


def transalign_beads(options: Options) -> Callable[[Document, Document], list[BeadPair]]:
    from transalign.align import align

    return lambda source, target: [(tuple(b.source), tuple(b.target)) for b in align(source, target, options).beads]


Aligned = tuple[Document, Document, list[BeadPair]]


def transalign_split(options: Options) -> Callable[[Document, Document], Aligned]:
    """The tool on sentences it found itself: it may cut a segment the other side shows to hold two
    sentences (transalign.align.split), so the documents it aligned come back with the beads."""
    from transalign.align import align_and_split

    def run(source: Document, target: Document) -> Aligned:
        source, target, alignment = align_and_split(source, target, options)
        return source, target, [(tuple(b.source), tuple(b.target)) for b in alignment.beads]

    return run


def run_seg(pairs: Sequence[NewsPair], seed: int, show: int, options: Options) -> None:
    rng = random.Random(seed + 1)
    cases = [seg_case(pair, rng) for pair in pairs]
    n_source = sum(len(c.source.segments) for c in cases)
    n_target = sum(len(c.target.segments) for c in cases)
    print(f"\n== seg: {len(cases)} pairs, {n_source} Arabic / {n_target} English lines")
    print(f"gold beads: {shape_table(cases)}")
    print(f"  {'system':<30} {'strict P':>8} {'R':>6} {'F1':>6}   {'lax P':>7} {'R':>6} {'F1':>6}   {'time':>8}")
    systems = {"transalign": transalign_beads(replace(options, segmented=True)),
               "gale-church nltk (c=doc ratio)": gale_church(calibrated=True)}
    for name, aligner in systems.items():
        started = time.perf_counter()
        outputs = [aligner(c.source, c.target) for c in cases]
        seconds = time.perf_counter() - started
        problems = sum(coverage_problems(c, beads) for c, beads in zip(cases, outputs))
        print(row(name, score_documents([c.gold for c in cases], outputs), seconds,
                  f"(!) {problems} segments not covered exactly once" if problems else ""))
        if name == "transalign" and show:
            for case, beads in zip(cases, outputs):
                _show_seg_errors(case, beads, show)
    print("  target: strict F1 >= 0.95")


def _show_seg_errors(case: SegCase, beads: list[BeadPair], limit: int) -> None:
    gold = set(case.gold)
    for s, t in [b for b in beads if b not in gold][:limit]:
        source = " | ".join(case.source.segments[i].text[:60] for i in s)
        target = " | ".join(case.target.segments[j].text[:60] for j in t)
        print(f"    {case.name} {list(s)}-{list(t)}: {source or '-'}  <->  {target or '-'}")


# --- srt: two subtitle tracks on one clock ---------------------------------------------------

@dataclass(frozen=True)
class Track:
    """One side's text as a stream (sentences joined by spaces), each sentence's span in it."""

    stream: str
    spans: dict[int, tuple[int, int]]  # sentence -> (start, end) character offsets


def track(texts: Sequence[str], kept: Sequence[int]) -> Track:
    spans, offset, parts = {}, 0, []
    for k in kept:
        spans[k] = (offset, offset + len(texts[k]))
        parts.append(texts[k])
        offset += len(texts[k]) + 1
    return Track(" ".join(parts), spans)


def clock(pair: NewsPair, rng: random.Random) -> list[tuple[float, float]]:
    """When each sentence is spoken: its (start, end) in seconds on the programme's clock."""
    times, now = [], rng.uniform(1.0, 5.0)
    for ar, en in zip(pair.arabic, pair.english):
        duration = max(1.0, (len(ar) + len(en)) / 2 / CPS)
        times.append((now, now + duration))
        now += duration + rng.uniform(0.1, 1.0)
    return times


def cue_cuts(stream: str) -> list[tuple[int, int, str]]:
    """(start, end, text with its line break) of each cue: about CUE_CHARS characters
    wherever the text falls, as two lines of at most LINE_CHARS."""
    words = stream.split(" ")
    cues, k, offset = [], 0, 0
    while k < len(words):
        take = k + 1
        while take < len(words) and len(" ".join(words[k : take + 1])) <= CUE_CHARS:
            take += 1
        while True:
            lines = _two_lines(words[k:take])
            if lines or take == k + 1:
                break
            take -= 1
        text = "\n".join(lines) if lines else " ".join(words[k:take])
        length = len(" ".join(words[k:take]))
        cues.append((offset, offset + length, text))
        offset += length + 1
        k = take
    return cues


def _two_lines(words: Sequence[str]) -> list[str] | None:
    """The words as one line, or two near the middle, each at most LINE_CHARS; None if impossible."""
    whole = " ".join(words)
    if len(whole) <= LINE_CHARS:
        return [whole]
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    fitting = [s for s in splits if len(s[0]) <= LINE_CHARS and len(s[1]) <= LINE_CHARS]
    if not fitting:
        return None
    return list(min(fitting, key=lambda s: abs(len(s[0]) - len(s[1]))))


def time_at(position: int, side: Track, times: Sequence[tuple[float, float]]) -> float:
    """The time at a character of the stream: interpolated within its sentence; a space
    between sentences is the end of the one before."""
    for k, (a, b) in side.spans.items():
        if a <= position <= b:
            start, end = times[k]
            return start + (end - start) * (position - a) / max(b - a, 1)
        if position < a:
            return times[k][0]
    return times[max(side.spans)][1]


def write_track(path: Path, side: Track, times: Sequence[tuple[float, float]], rng: random.Random,
                overlaps: bool, shift: float = 0.0, stretch: float = 1.0) -> None:
    cues = cue_cuts(side.stream)
    spans = [(time_at(a, side, times), time_at(b, side, times)) for a, b, _ in cues]
    items = pysrt.SubRipFile()
    for n, ((_, _, text), (start, end)) in enumerate(zip(cues, spans), 1):
        following = spans[n][0] if n < len(spans) else end + 2.0
        end = min(max(end, start + 0.2), following) if following > start else end
        if overlaps and n < len(spans) and rng.random() < OVERLAP:
            end = following + rng.uniform(0.1, 0.5)
        start, end = shift + start * stretch, shift + end * stretch
        items.append(pysrt.SubRipItem(n, pysrt.SubRipTime.from_ordinal(round(start * 1000)),
                                      pysrt.SubRipTime.from_ordinal(round(end * 1000)), text))
    items.save(str(path), encoding="utf-8")


def covered(doc: Document, side: Track) -> list[set[int]]:
    """The gold sentences each segment holds (COVER_CHARS of them, or all of a shorter one)."""
    found, cursor = [], 0
    for segment in doc.segments:
        at = side.stream.find(segment.text, cursor)
        if at < 0:
            raise ValueError(f"{doc.name}: segment {segment.index} not found in the track's text: {segment.text[:60]!r}")
        end = at + len(segment.text)
        cursor = end
        found.append({k for k, (a, b) in side.spans.items() if min(end, b) - max(at, a) >= min(COVER_CHARS, b - a)})
    return found


@dataclass
class LinkCounts:
    predicted: int = 0
    correct: int = 0
    gold: int = 0
    own_bead: int = 0
    refused: int = 0

    def line(self, name: str, seconds: float) -> str:
        precision = self.correct / self.predicted if self.predicted else 0.0
        recall = self.correct / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        own = self.own_bead / self.gold if self.gold else 0.0
        return (f"  {name:<30} {precision:7.3f} {recall:6.3f} {f1:6.3f}   {100 * own:9.1f}%"
                f"   {self.refused:7d}   {seconds:7.2f}s")


def count_links(counts: LinkCounts, beads: Sequence[BeadPair], ar_cover: list[set[int]], en_cover: list[set[int]],
                gold_pairs: set[int]) -> set[int]:
    """Adds the bead's links to `counts`; the gold sentence pairs in a bead of their own."""
    links: set[tuple[int, int]] = set()
    own: set[int] = set()
    for s, t in beads:
        ar = set().union(*(ar_cover[i] for i in s))
        en = set().union(*(en_cover[j] for j in t))
        links |= {(a, e) for a in ar for e in en}
        if len(ar) == 1 and ar == en:
            own |= ar
    # a sentence pair split over two beads is not in a bead of its own
    own = {k for k in own if sum(1 for s, t in beads if k in set().union(*(ar_cover[i] for i in s), *(en_cover[j] for j in t))) == 1}
    counts.predicted += len(links)
    counts.correct += sum(1 for a, e in links if a == e and a in gold_pairs)
    counts.gold += len(gold_pairs)
    counts.own_bead += len(own & gold_pairs)
    return own & gold_pairs


@dataclass
class SegmentationLoss:
    """Where the tool's wrong links come from: segments that hold two sentences or more, or the aligner."""

    segments: list[int]  # Arabic, English segments
    merged: list[int]  # of them, those holding two sentences or more
    wrong_merged: int = 0  # wrong links in beads with such a segment
    wrong_other: int = 0  # wrong links in beads without one: the aligner's choice
    by_document: dict[str, int] | None = None

    def add(self, document: str, beads: Sequence[BeadPair], ar_cover: list[set[int]], en_cover: list[set[int]]) -> None:
        self.segments[0] += len(ar_cover)
        self.segments[1] += len(en_cover)
        self.merged[0] += sum(len(c) > 1 for c in ar_cover)
        self.merged[1] += sum(len(c) > 1 for c in en_cover)
        self.by_document = self.by_document or {}
        for s, t in beads:
            ar = set().union(*(ar_cover[i] for i in s))
            en = set().union(*(en_cover[j] for j in t))
            wrong = sum(1 for a in ar for e in en if a != e)
            if any(len(ar_cover[i]) > 1 for i in s) or any(len(en_cover[j]) > 1 for j in t):
                self.wrong_merged += wrong
            else:
                self.wrong_other += wrong
            self.by_document[document] = self.by_document.get(document, 0) + wrong

    def line(self) -> str:
        worst = sorted((self.by_document or {}).items(), key=lambda kv: -kv[1])[:3]
        return (f"  transalign's segments holding 2+ sentences: Arabic {self.merged[0]} of {self.segments[0]}, English "
                f"{self.merged[1]} of {self.segments[1]}; wrong links in their beads {self.wrong_merged}, in other beads "
                f"{self.wrong_other}; most wrong links: {', '.join(f'{d} {n}' for d, n in worst)}")


@dataclass
class OwnBeadLoss:
    """Why a sentence pair does not end up in a bead of its own, one cause a pair, first that applies:
    a segment of its bead holds another sentence too (left joined), the sentence is in pieces over two
    beads or more (split), or its bead holds only whole sentences and adds another (the aligner's choice)."""

    joined: int = 0
    split: int = 0
    aligner: int = 0
    absorbed: int = 0  # of the aligner's, beads whose other sentence is one the other side lacks

    def add(self, beads: Sequence[BeadPair], ar_cover: list[set[int]], en_cover: list[set[int]],
            gold_pairs: set[int], own: set[int]) -> None:
        for k in gold_pairs - own:
            mine = [(s, t) for s, t in beads if any(k in ar_cover[i] for i in s) or any(k in en_cover[j] for j in t)]
            segments = [ar_cover[i] for s, _ in mine for i in s] + [en_cover[j] for _, t in mine for j in t]
            if any(k in c and len(c) > 1 for c in segments):
                self.joined += 1
            elif len(mine) > 1:
                self.split += 1
            else:
                self.aligner += 1
                others = set().union(*segments) - {k}
                self.absorbed += bool(others - gold_pairs)

    def __str__(self) -> str:
        return (f"segment holds another sentence {self.joined}, sentence split over beads {self.split}, "
                f"aligner's bead adds a whole sentence {self.aligner} (one the other side lacks: {self.absorbed})")


@dataclass
class CutCounts:
    """Where the tool's segments of one side end, against where the gold sentences end: cuts at a
    sentence's end (right), inside a sentence (wrong), and sentence ends with no cut (missed)."""

    right: int = 0
    wrong: int = 0
    missed: int = 0

    def add(self, doc: Document, side: Track) -> None:
        ends, cursor = set(), 0
        for segment in doc.segments[:-1]:
            at = side.stream.find(segment.text, cursor)
            cursor = at + len(segment.text)
            ends.add(cursor)
        gold = {b for a, b in side.spans.values()} - {len(side.stream)}
        self.right += len(ends & gold)
        self.wrong += len(ends - gold)
        self.missed += len(gold - ends)

    def __str__(self) -> str:
        return f"right {self.right}, wrong {self.wrong}, missed {self.missed}"


def time_only(source: Document, target: Document) -> Aligned:
    """Every segment linked to the other side's segment it overlaps most in time; links chained into beads."""
    def best(segment, others) -> int | None:
        overlaps = [(min(segment.end, o.end) - max(segment.start, o.start), o.index) for o in others]
        top = max(overlaps, default=(0.0, None))
        return top[1] if top[0] > 0 else None

    links = {(s.index, j) for s in source.segments if (j := best(s, target.segments)) is not None}
    links |= {(i, t.index) for t in target.segments if (i := best(t, source.segments)) is not None}
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node):
        parent.setdefault(node, node)
        while parent[node] != node:
            node = parent[node]
        return node

    for i, j in links:
        parent[find(("s", i))] = find(("t", j))
    groups: dict = {}
    for node in [("s", s.index) for s in source.segments] + [("t", t.index) for t in target.segments]:
        groups.setdefault(find(node), ([], []))[0 if node[0] == "s" else 1].append(node[1])
    return source, target, [(tuple(s), tuple(t)) for s, t in groups.values()]


def run_srt(pairs: Sequence[NewsPair], seed: int, shifted: bool, overlaps: bool, show: int, options: Options) -> None:
    from transalign.formats import read_document

    rng = random.Random(seed + 2)
    mode = "srt-shifted" if shifted else "srt"
    systems = {"transalign": transalign_split(options), "time only": time_only}
    counts = {name: LinkCounts() for name in systems}
    seconds = dict.fromkeys(systems, 0.0)
    segments = [0, 0]
    loss = SegmentationLoss([0, 0], [0, 0])
    own_loss = OwnBeadLoss()
    cuts = {stage: (CutCounts(), CutCounts()) for stage in ("read", "aligned")}
    refusals: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        for pair in pairs:
            n = len(pair.arabic)
            ar = track(pair.arabic, [k for k in range(n) if k not in pair.arabic_dropped])
            en = track(pair.english, [k for k in range(n) if k not in pair.english_dropped])
            times = clock(pair, rng)
            ar_path, en_path = Path(folder) / f"{pair.name}.ar.srt", Path(folder) / f"{pair.name}.en.srt"
            write_track(ar_path, ar, times, rng, overlaps)
            write_track(en_path, en, times, rng, overlaps, *((SHIFT, STRETCH) if shifted else (0.0, 1.0)))
            gold_pairs = set(ar.spans) & set(en.spans)
            try:
                source, target = read_document(ar_path, "ar"), read_document(en_path, "en")
            except InputError as error:
                refusals.append(str(error))
                for name in systems:
                    counts[name].refused += 1
                    counts[name].gold += len(gold_pairs)
                continue
            segments[0] += len(source.segments)
            segments[1] += len(target.segments)
            cuts["read"][0].add(source, ar)
            cuts["read"][1].add(target, en)
            for name, aligner in systems.items():
                started = time.perf_counter()
                aligned_source, aligned_target, beads = aligner(source, target)
                seconds[name] += time.perf_counter() - started
                ar_cover, en_cover = covered(aligned_source, ar), covered(aligned_target, en)
                own = count_links(counts[name], beads, ar_cover, en_cover, gold_pairs)
                if name == "transalign":
                    own_loss.add(beads, ar_cover, en_cover, gold_pairs, own)
                    loss.add(pair.name.rsplit(".", 1)[0], beads, ar_cover, en_cover)
                    cuts["aligned"][0].add(aligned_source, ar)
                    cuts["aligned"][1].add(aligned_target, en)
                if name == "transalign" and show:
                    _show_srt_errors(pair.name, aligned_source, aligned_target, beads, ar_cover, en_cover, show)
    print(f"\n== {mode}: {len(pairs)} pairs, {segments[0]} Arabic / {segments[1]} English segments read from the cues"
          f"{'' if overlaps else ' (no overlapping cues)'}")
    print(f"  {'system':<30} {'link P':>7} {'R':>6} {'F1':>6}   {'own bead':>10}   {'refused':>7}   {'time':>8}")
    for name in systems:
        print(counts[name].line(name, seconds[name]))
    print(loss.line())
    print(f"  sentence pairs not in a bead of their own: {own_loss}")
    for stage, (ar_cuts, en_cuts) in cuts.items():
        print(f"  segment ends {'as read' if stage == 'read' else 'as aligned'}: Arabic {ar_cuts}; English {en_cuts}")
    for refusal in refusals[:5]:
        print(f"    refused: {refusal}")
    print("  target: link F1 >= 0.95, >= 93% of sentence pairs in a bead of their own, no pair refused")


def _show_srt_errors(name: str, source: Document, target: Document, beads: Sequence[BeadPair],
                     ar_cover: list[set[int]], en_cover: list[set[int]], limit: int) -> None:
    shown = 0
    for s, t in beads:
        ar = set().union(*(ar_cover[i] for i in s))
        en = set().union(*(en_cover[j] for j in t))
        if ar == en and len(ar) == 1 or shown >= limit:
            continue
        shown += 1
        text_s = " | ".join(source.segments[i].text[:50] for i in s)
        text_t = " | ".join(target.segments[j].text[:50] for j in t)
        print(f"    {name} {sorted(ar)}-{sorted(en)}: {text_s or '-'}  <->  {text_t or '-'}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("seg", "srt", "srt-shifted", "all"), default="all")
    parser.add_argument("--half", choices=tuple(HALVES), help="default: both, tune first")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-overlaps", action="store_true", help="no overlapping cues in the subtitle modes")
    parser.add_argument("--profile", choices=("news", "hadith"), default="news", help="the aligner's text profile (default news)")
    parser.add_argument("--lexicon", help="learned lexicon for the aligner (default: the built ones, hadith and TICO-19 tune)")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N", help="print up to N wrong transalign beads a pair")
    parser.add_argument("--exclude", action="append", default=[], metavar="DOCUMENT",
                        help="leave a TICO-19 document out (repeatable): what one document costs")
    args = parser.parse_args(argv)
    options = Options(use_model=False, exclude_isnad=args.profile == "hadith", learned_lexicon=args.lexicon)
    started = time.perf_counter()
    dictionary = Path("/usr/share/dictd/freedict-ara-eng.index")
    print(f"FreeDict Arabic–English dictionary: {'installed' if dictionary.exists() else 'not installed'}; seed {args.seed}; "
          f"profile {args.profile}; learned lexicons: {args.lexicon or ', '.join(Path(p).name for p in default_learned())}")
    for half in [args.half] if args.half else list(HALVES):
        pairs = [p for p in make_pairs(load_documents(half), random.Random(args.seed)) if p.name.rsplit(".", 1)[0] not in args.exclude]
        print(f"\n#### {half} half: {len({p.name.rsplit('.', 1)[0] for p in pairs})} documents, "
              f"{sum(len(p.arabic) for p in pairs)} sentences in {len(pairs)} pairs")
        if args.mode in ("seg", "all"):
            run_seg(pairs, args.seed, args.show_errors, options)
        if args.mode in ("srt", "all"):
            run_srt(pairs, args.seed, False, not args.no_overlaps, args.show_errors, options)
        if args.mode in ("srt-shifted", "all"):
            run_srt(pairs, args.seed, True, not args.no_overlaps, args.show_errors, options)
    print(f"\ntotal {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
