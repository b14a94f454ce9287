"""Track sync on TICO-19 as subtitles: is the translation's clock found, and does a shifted track align
as well as one in step?

`python benchmarks/sync_eval.py [--half held-out|tune] [--offset 4.0] [--ratio 1.04271] [--jitter 0.3] [--seed 0]`

Each document of the half becomes two subtitle files on one speech timeline, cut into cues
independently with the fixture's cue cutter (fixtures/build_fixtures.py: cues of about 62
characters, two lines of at most 42, sentences spanning cues), with about 4% of the English
sentences dropped (the seed picks which). The English file is then put on another clock,
`offset + ratio x t` (by default 4 s late and 25/23.976: 4.3% slow), and both versions are read and
aligned without a model. Printed per document and in total:

- the estimated offset and rate against the true ones (each English cue's start and end are
  also moved at random by up to `--jitter` seconds, 0.3 by default, the same in both versions,
  so the two tracks are not timed alike even in step; overlaps this makes are repaired on reading);
- sentence-link F1 against the gold, the tool's own segments mapped to the gold sentences
  they cover: in step, shifted (with track sync), and shifted aligned in one pass without
  it (what the aligner did before track sync).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import pysrt

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "fixtures")]

import build_fixtures as cutter  # noqa: E402  (the fixture's cue cutter)

from benchmarks.tico19 import TicoDocument, load_documents  # noqa: E402
from transalign.align import align  # noqa: E402
from transalign.align.sync import NOISE_SECONDS  # noqa: E402
from transalign.formats import read_bytes  # noqa: E402
from transalign.options import Options  # noqa: E402
from transalign.types import Alignment, Document  # noqa: E402

DROP_ENGLISH = 0.04
OPTIONS = Options(use_model=False)
ONE_PASS = Options(use_model=False, track_sync=False)


def tracks(document: TicoDocument, rng: random.Random) -> tuple[str, str, set[tuple[int, int]]]:
    """Arabic and English SRT text on one timeline, and the gold links (Arabic sentence, English sentence)."""
    beads = [
        {"ar": [breakable(p.arabic)], "en": [] if rng.random() < DROP_ENGLISH else [breakable(p.english)]}
        for p in document.pairs
    ]
    windows = cutter.timeline(beads)
    texts = []
    for side in ("ar", "en"):
        kept = [(bead, window) for bead, window in zip(beads, windows) if bead[side]]
        words = cutter.timed_words([b for b, _ in kept], side, [w for _, w in kept])
        texts.append(cutter.to_srt(cutter.cut_cues(words)))
    gold, english = set(), 0
    for arabic, bead in enumerate(beads):
        if bead["en"]:
            gold.add((arabic, english))
            english += 1
    return texts[0], texts[1], gold


def breakable(text: str) -> str:
    """Words longer than a subtitle line (URLs) cut into pieces that fit one: the cue cutter needs
    that, and the scoring ignores whitespace."""
    size = cutter.MAX_LINE - 2
    return " ".join(" ".join(w[k : k + size] for k in range(0, len(w), size)) for w in text.split())


def retimed(srt: str, offset: float, ratio: float, jitter: float, seed: int) -> str:
    """The cues on the clock `offset + ratio x t`, each start and end first moved by up to `jitter`
    seconds either way (the same moves for the same seed), as a translator's own timing differs."""
    rng = random.Random(seed)
    subs = pysrt.from_string(srt)
    for item in subs:
        start = max(0, item.start.ordinal + round(rng.uniform(-jitter, jitter) * 1000))
        end = max(start + 100, item.end.ordinal + round(rng.uniform(-jitter, jitter) * 1000))
        item.start, item.end = pysrt.SubRipTime.from_ordinal(start), pysrt.SubRipTime.from_ordinal(end)
    subs.shift(ratio=ratio)
    subs.shift(milliseconds=round(offset * 1000))
    return "\n".join(str(item) for item in subs)


def sentence_of_segments(document: Document, sentences: list[str]) -> list[set[int]]:
    """The gold sentences each segment covers, by character position in the whitespace-free text."""
    bounds, position = [], 0
    for sentence in sentences:
        length = len("".join(sentence.split()))
        bounds.append((position, position + length))
        position += length
    covered, position = [], 0
    for segment in document.segments:
        length = len("".join(segment.text.split()))
        covered.append({k for k, (a, b) in enumerate(bounds) if a < position + length and b > position})
        position += length
    return covered


def link_f1(alignment: Alignment, ar: list[set[int]], en: list[set[int]], gold: set[tuple[int, int]]) -> float:
    links = {(a, e) for b in alignment.beads for i in b.source for j in b.target for a in ar[i] for e in en[j]}
    hits = len(links & gold)
    return 2 * hits / (len(links) + len(gold)) if hits else 0.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--half", default="held-out", choices=("held-out", "tune"))
    parser.add_argument("--offset", type=float, default=4.0, help="seconds the English runs late")
    parser.add_argument("--ratio", type=float, default=25 / 23.976, help="English seconds per source second")
    parser.add_argument("--jitter", type=float, default=0.3, help="seconds each English cue start and end moves, at most")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    print(f"TICO-19 {args.half} half as subtitles, English {args.offset:+.1f} s and x{args.ratio:.5f}, "
          f"cue times jittered by up to {args.jitter} s, seed {args.seed}")
    print(f"{'document':<24} {'sents':>5} {'offset':>7} {'rate':>8} {'F1 in step':>10} {'shifted':>8} {'one pass':>8}")
    totals = {"in step": [], "shifted": [], "one pass": []}
    errors = []
    false_reports = 0
    began = time.perf_counter()
    for document in load_documents(args.half):
        ar_srt, en_srt, gold = tracks(document, rng)
        ar = read_bytes(ar_srt.encode(), "ar.srt", "ar")
        seed = rng.randrange(2**32)
        en = read_bytes(retimed(en_srt, 0.0, 1.0, args.jitter, seed).encode(), "en.srt", "en")
        moved = read_bytes(retimed(en_srt, args.offset, args.ratio, args.jitter, seed).encode(), "en.srt", "en")
        ar_cover = sentence_of_segments(ar, [p.arabic for p in document.pairs])
        kept = {a for a, _ in gold}
        english = [p.english for k, p in enumerate(document.pairs) if k in kept]
        # Each English version by its own segments: pauses between cues end sentences, and the clocks differ.
        en_cover, moved_cover = sentence_of_segments(en, english), sentence_of_segments(moved, english)
        in_step, synced, one_pass = align(ar, en, OPTIONS), align(ar, moved, OPTIONS), align(ar, moved, ONE_PASS)
        scores = [link_f1(a, ar_cover, cover, gold) for a, cover in ((in_step, en_cover), (synced, moved_cover), (one_pass, moved_cover))]
        for key, score in zip(totals, scores):
            totals[key].append((score, len(gold)))
        false_reports += bool(in_step.sync and in_step.sync.significant)
        sync = synced.sync
        found = f"{sync.offset:7.2f} {sync.rate:8.5f}" if sync else f"{'-':>7} {'-':>8}"
        if sync:
            errors.append((abs(sync.offset - args.offset), abs(sync.rate / args.ratio - 1)))
        print(f"{document.name:<24} {len(document.pairs):5d} {found} {scores[0]:10.3f} {scores[1]:8.3f} {scores[2]:8.3f}")
    weighted = {key: sum(s * n for s, n in v) / sum(n for _, n in v) for key, v in totals.items()}
    documents = len(totals["in step"])
    print(f"link F1 (weighted by gold links): in step {weighted['in step']:.3f}, shifted {weighted['shifted']:.3f}, "
          f"shifted in one pass without track sync {weighted['one pass']:.3f}")
    if errors:
        print(f"clock found for {len(errors)} of {documents} documents; worst offset error {max(e for e, _ in errors):.3f} s, "
              f"worst rate error {max(r for _, r in errors) * 100:.3f}%")
    print(f"tracks in step said to differ (a correction of {NOISE_SECONDS} s or more): {false_reports} of {documents} documents")
    print(f"{time.perf_counter() - began:.0f} s")


if __name__ == "__main__":
    main()
