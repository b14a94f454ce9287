"""Batch throughput: pairs per minute with --jobs 1 and --jobs 2, and peak memory per worker.

    python benchmarks/batch_speed.py [--pairs 200] [--jobs 1,2] [--seed 0] [--model MODEL] [--engine local|ray]

Episodes are built from real Arabic–English text, the Sahih Muslim collection (see
`hadith_data.py`), as timed subtitles of realistic length: each episode is a run of
consecutive hadiths until its Arabic side has at least 300–600 cues (the target drawn at
random; the last hadith may overshoot it). Both sides
follow one speech timeline like the fixture's: a hadith lasts as long as its longer side
takes to read at 15.5 characters a second, and each side is cut into cues of at most two
42-character lines on its own, so cue boundaries differ between the languages.

Each `--jobs` value runs the whole batch (`transalign.batch.run_batch`, as `transalign batch`
does, log lines to /dev/null) into a fresh output folder: every pair's JSON, HTML, TSV,
bilingual SRT and VTT and TMX, then index.html and summary.csv. Without `--model` no
model is loaded (`--no-model`), so the figures are alignment, checks and writing.
`peak MiB` is each worker's peak resident memory (ru_maxrss). `first s` is when the first
pair came back: the engine's start-up (workers spawned, imports, the model loaded) plus
that pair's own time. The script prints its figures and exits 0 whatever they are.

`--engine ray` runs the same pairs on the local engine first (the baseline), then on a
local Ray started once by the script (its start-up time printed on its own line) with 1
and 2 actors (`--jobs`); the Ray rows' wall includes starting their actors, as the local
rows' includes spawning their processes.
"""

from __future__ import annotations

import argparse
import io
import logging
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pysrt  # noqa: E402

from benchmarks.hadith_data import HadithPair, load_pairs  # noqa: E402
from transalign.batch import BatchReport, Pairing, pair_suffixes, run_batch  # noqa: E402
from transalign.batch.engine import Engine, LocalEngine  # noqa: E402
from transalign.batch.progress import LogReporter  # noqa: E402
from transalign.batch.worker import PairOutcome  # noqa: E402
from transalign.options import Options  # noqa: E402

READING_RATE = 15.5  # characters a second, the longer side of a hadith
PAUSE = 0.6  # seconds between hadiths
MAX_CUE_CHARS = 84  # two lines of 42
CUES = (300, 600)  # Arabic cues per episode


def cut(text: str) -> list[str]:
    """Words of `text` packed greedily into cue texts of at most MAX_CUE_CHARS characters."""
    cues, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > MAX_CUE_CHARS:
            cues.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return cues + ([current] if current else [])


def timed(cues: list[str], start: float, end: float) -> list[tuple[float, float, str]]:
    """Cues spread over [start, end] in proportion to their length, 0.1 s apart."""
    total = sum(len(c) for c in cues) or 1
    out, at = [], start
    for text in cues:
        length = (end - start) * len(text) / total
        out.append((at, at + max(length - 0.1, 0.3), text))
        at += length
    return out


def srt(cues: list[tuple[float, float, str]]) -> str:
    items = pysrt.SubRipFile(
        [
            pysrt.SubRipItem(k, pysrt.SubRipTime.from_ordinal(round(s * 1000)), pysrt.SubRipTime.from_ordinal(round(e * 1000)), t)
            for k, (s, e, t) in enumerate(cues, 1)
        ]
    )
    out = io.StringIO()
    items.write_into(out, eol="\n")
    return out.getvalue()


def episode(hadiths: list[HadithPair], first: int, target: int) -> tuple[str, str, int]:
    """SRT texts of both sides, from hadith `first` on until the Arabic has `target` cues."""
    arabic: list[tuple[float, float, str]] = []
    english: list[tuple[float, float, str]] = []
    clock = 1.0
    k = first
    while len(arabic) < target:
        pair = hadiths[k % len(hadiths)]
        length = max(len(pair.arabic), len(pair.english)) / READING_RATE
        arabic += timed(cut(pair.arabic), clock, clock + length)
        english += timed(cut(pair.english), clock, clock + length)
        clock += length + PAUSE
        k += 1
    return srt(arabic), srt(english), len(arabic)


def build(folder: Path, count: int, seed: int) -> tuple[int, int]:
    hadiths = load_pairs()
    rng = random.Random(seed)
    cues = []
    for n in range(1, count + 1):
        ar, en, made = episode(hadiths, rng.randrange(len(hadiths)), rng.randint(*CUES))
        (folder / f"ep{n:03d}.ar.srt").write_text(ar, encoding="utf-8")
        (folder / f"ep{n:03d}.en.srt").write_text(en, encoding="utf-8")
        cues.append(made)
    return min(cues), max(cues)


class FirstPair(LogReporter):
    """Log lines to /dev/null; remembers when the first pair came back."""

    def __init__(self, quiet: io.TextIOBase) -> None:
        super().__init__(quiet)  # type: ignore[arg-type]
        self.began = time.perf_counter()
        self.first: float | None = None

    def finished(self, outcome: PairOutcome) -> None:
        super().finished(outcome)
        if self.first is None:
            self.first = time.perf_counter() - self.began


def measure(pairing: Pairing, out: Path, options: Options, engine: Engine) -> tuple[BatchReport, float, float]:
    """The batch's report, its wall time and when its first pair came back (s)."""
    with open("/dev/null", "w") as quiet:
        report_to = FirstPair(quiet)
        began = time.perf_counter()
        report = run_batch(pairing, out, options, report=report_to, engine=engine)
        return report, time.perf_counter() - began, report_to.first or 0.0


def start_ray() -> float:
    """Start a local Ray as `transalign batch --engine ray` does; seconds it took."""
    import ray

    began = time.perf_counter()
    ray.init(address="local", include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--jobs", default="1,2", help="comma-separated worker counts (processes, or Ray actors)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--model", help="load this model in every worker (default: none, --no-model)")
    parser.add_argument("--engine", default="local", choices=("local", "ray"),
                        help="ray: the local engine's rows, then the same pairs on a local Ray")
    args = parser.parse_args()
    options = Options(model=args.model, use_model=args.model is not None)
    jobs = [int(j) for j in args.jobs.split(",")]
    with tempfile.TemporaryDirectory(prefix="batch-speed-") as work:
        inputs = Path(work) / "in"
        inputs.mkdir()
        began = time.perf_counter()
        low, high = build(inputs, args.pairs, args.seed)
        print(f"{args.pairs} pairs of Sahih Muslim episodes, {low}-{high} Arabic cues each "
              f"(built in {time.perf_counter() - began:.0f} s); model: {args.model or 'none (--no-model)'}")
        pairing = pair_suffixes(inputs, "ar", "en")
        print(f"{'engine':>6}  {'jobs':>4}  {'pairs':>5}  {'failed':>6}  {'wall s':>7}  {'pairs/min':>9}  {'s/pair':>6}  "
              f"{'first s':>7}  peak MiB per worker")
        for n in jobs:
            row(pairing, Path(work) / f"out-local-{n}", options, "local", n, LocalEngine(n))
        if args.engine == "ray":
            from transalign.batch.ray_engine import RayEngine

            print(f"Ray start-up (ray.init of a local Ray, once for the Ray rows): {start_ray():.1f} s")
            for n in jobs:
                row(pairing, Path(work) / f"out-ray-{n}", options, "ray", n, RayEngine(actors=n))


def row(pairing: Pairing, out: Path, options: Options, name: str, jobs: int, engine: Engine) -> None:
    report, wall, first = measure(pairing, out, options, engine)
    peaks = sorted(kib / 1024 for kib in report.worker_peaks_kib.values())
    done = report.count("done")
    print(f"{name:>6}  {jobs:>4}  {done:>5}  {report.count('failed'):>6}  {wall:>7.1f}  {done / wall * 60:>9.1f}  "
          f"{statistics.mean(o.seconds for o in report.outcomes.values()):>6.2f}  {first:>7.1f}  "
          + ", ".join(f"{p:.0f}" for p in peaks), flush=True)


if __name__ == "__main__":
    main()
