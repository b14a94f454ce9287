"""Alignment time and memory as documents grow: 1k, 10k and 100k segments a side.

    python benchmarks/align_speed.py [--sizes 1000,10000,100000] [--timeout 300]

The documents are real Sahih Muslim sentences (see `hadith_data.py`): hadiths drawn at
random, with repeats, from a pool of 2,000, each split into sentences on both sides. The
side with more sentences has neighbouring ones joined until it has as many as the other
side, or one more (so both documents grow alike and the path mixes 1-1 with some 2-1 and
1-2 beads), and about 1 hadith in 100 loses its English and 1 in 100 its Arabic, so the
path is not a pure diagonal. Both sides are then cut to exactly N segments.

Each size runs in its own subprocess, so that sizes do not share a heap: the child first
aligns a 20-segment pair (loading the dictionary and anything else done once, reported as
`setup`), notes its peak resident memory (ru_maxrss), times `align` on the big pair, and
notes the peak again. `peak MiB` is the child's whole peak; `align MiB` is how far the
alignment raised it. `s/1k` is seconds per thousand segments a side: flat when the cost
grows linearly. `lax F1` checks that the alignment is still sensible at that size.

Target: 100k x 100k in under a minute on the 2-core development machine, memory growing
linearly. The script prints its figures and exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.hadith_data import load_pairs, sentence_splitter, sentences  # noqa: E402

POOL_SIZE = 2000
DROP_RATE = 0.01  # per side, per hadith

Pool = list[tuple[list[str], list[str]]]  # (Arabic sentences, English sentences) per hadith
BeadPair = tuple[tuple[int, ...], tuple[int, ...]]


def build_pool(seed: int) -> Pool:
    pairs = load_pairs()
    rng = random.Random(seed)
    chosen = rng.sample(pairs, min(POOL_SIZE, len(pairs)))
    split, _ = sentence_splitter()
    return [(sentences(p.arabic, "ar", split), sentences(p.english, "en", split)) for p in chosen]


def _merge(pieces: list[str], count: int) -> list[str]:
    """`pieces` joined into `count` contiguous groups of near-equal size."""
    bounds = [round(k * len(pieces) / count) for k in range(count + 1)]
    return [" ".join(pieces[a:b]) for a, b in zip(bounds, bounds[1:])]


def synthetic_pair(pool: Pool, size: int, seed: int) -> tuple[list[str], list[str], list[BeadPair]]:
    """Arabic and English lines, `size` each, and the gold beads (hadith-level groups)."""
    rng = random.Random(seed)
    arabic: list[str] = []
    english: list[str] = []
    gold: list[BeadPair] = []
    while len(arabic) < size or len(english) < size:
        ar, en = pool[rng.randrange(len(pool))]
        common = min(len(ar), len(en))
        ar = _merge(ar, common + (len(ar) > common and rng.random() < 0.3))
        en = _merge(en, common + (len(en) > common and rng.random() < 0.3))
        draw = rng.random()
        if draw < DROP_RATE:
            en = []
        elif draw < 2 * DROP_RATE:
            ar = []
        gold.append((tuple(range(len(arabic), len(arabic) + len(ar))),
                     tuple(range(len(english), len(english) + len(en)))))
        arabic += ar
        english += en
    gold = [(tuple(i for i in s if i < size), tuple(j for j in t if j < size)) for s, t in gold]
    return arabic[:size], english[:size], [bead for bead in gold if bead[0] or bead[1]]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(pool_path: str, size: int, seed: int) -> dict[str, float | int | str]:
    """Runs in the subprocess: time and memory of one size."""
    from benchmarks.scoring import score_documents
    from transalign.align import align
    from transalign.options import Options
    from transalign.types import Document, Segment

    pool = [(a, e) for a, e in json.loads(Path(pool_path).read_text(encoding="utf-8"))]

    def doc(lines: list[str], lang: str) -> Document:
        return Document(f"synthetic.{lang}.txt", lang, tuple(Segment(i, t, (i + 1,)) for i, t in enumerate(lines)))

    options = Options(segmented=True, use_model=False)
    small_ar, small_en, _ = synthetic_pair(pool, 20, seed + 1)
    started = time.perf_counter()
    align(doc(small_ar, "ar"), doc(small_en, "en"), options)
    setup = time.perf_counter() - started

    arabic, english, gold = synthetic_pair(pool, size, seed)
    source, target = doc(arabic, "ar"), doc(english, "en")
    del pool, arabic, english
    before = _peak_mib()
    started = time.perf_counter()
    alignment = align(source, target, options)
    seconds = time.perf_counter() - started
    peak = _peak_mib()
    test = [(tuple(b.source), tuple(b.target)) for b in alignment.beads]
    scores = score_documents([gold], [test])
    return {"size": size, "setup": setup, "seconds": seconds, "peak_mib": peak,
            "align_mib": peak - before, "lax_f1": scores.f1_lax, "beads": len(test)}


def run_size(pool_path: str, size: int, seed: int, timeout: float) -> dict[str, float | int | str]:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(size),
               "--pool", pool_path, "--seed", str(seed)]
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"size": size, "error": f"timed out after {timeout:.0f}s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"size": size, "error": f"exit {done.returncode}: {last}"}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = time.perf_counter() - started
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000",
                        help="segments a side, comma-separated (default 1000,10000,100000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=300, help="seconds allowed per size (default 300)")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--pool", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child is not None:
        print(json.dumps(child(args.pool, args.child, args.seed)))
        return 0

    try:
        from transalign.align import align  # noqa: F401 - only checking that it loads
    except Exception as error:  # noqa: BLE001
        print(f"transalign aligner not available ({type(error).__name__}: {error}); nothing to time")
        return 0

    sizes = [int(s.replace("_", "").replace("k", "000")) for s in args.sizes.split(",") if s.strip()]
    started = time.perf_counter()
    pool = build_pool(args.seed)
    print(f"pool: {len(pool)} hadiths split into sentences in {time.perf_counter() - started:.1f}s; "
          f"{os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    print(f"{'segments':>9} {'setup':>7} {'seconds':>8} {'s/1k':>7} {'peak MiB':>9} {'align MiB':>10} "
          f"{'MiB/1k':>7} {'lax F1':>7}")
    with tempfile.TemporaryDirectory() as folder:
        pool_path = str(Path(folder) / "pool.json")
        Path(pool_path).write_text(json.dumps(pool, ensure_ascii=False), encoding="utf-8")
        for size in sizes:
            r = run_size(pool_path, size, args.seed, args.timeout)
            if "error" in r:
                print(f"{size:>9} {r['error']}", flush=True)
                continue
            per_k = size / 1000
            print(f"{size:>9} {r['setup']:7.2f} {r['seconds']:8.2f} {r['seconds'] / per_k:7.3f} "
                  f"{r['peak_mib']:9.0f} {r['align_mib']:10.1f} {r['align_mib'] / per_k:7.2f} "
                  f"{r['lax_f1']:7.3f}", flush=True)
    print("target: 100000 segments a side in under 60 s, memory growing linearly")
    print(f"total {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
