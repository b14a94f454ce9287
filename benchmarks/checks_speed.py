"""CPU seconds of each divergence check as documents grow: the checks' share of the pipeline.

    python benchmarks/checks_speed.py [--sizes 1000,10000] [--seed 0]

The pairs are those of benchmarks/pipeline_speed.py (real parallel text whose vocabulary
keeps growing with its length, a made-up name every third line). Each size runs in a fresh
subprocess as `transalign align AR EN --segmented --no-model` (the CLI's own `main`), with
CPU timers (`time.process_time`, steadier than wall time on a shared machine) around the
views (`diverge.views`) and each text check; `checks` is their sum, `process` the whole
child's CPU time (start-up, reading, aligning and writing included). The checks read words
lazily, so the first check to ask for a bead's words pays for them. The script prints its
figures and exits 0 whatever they are.
"""

from __future__ import annotations

import argparse
import importlib
import json
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

from benchmarks.pipeline_speed import build_pool, document_pair  # noqa: E402

_COLUMNS = ("views", "omission", "addition", "number", "name", "negation", "length")


def child(times_path: str, argv: list[str]) -> int:
    """Runs in the subprocess: the CLI's `main` on `argv`, the checks' CPU seconds into `times_path`."""
    from transalign import cli, diverge
    from transalign.diverge.registry import CHECKS

    cpu: dict[str, float] = {}

    def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any, **kwargs: Any) -> Any:
            began = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                cpu[name] = cpu.get(name, 0.0) + time.process_time() - began
        return run

    diverge.views = timed("views", diverge.views)  # type: ignore[assignment]
    for entry in CHECKS:  # the registry calls each text check's module function at run time
        if not entry.needs_model:
            module = importlib.import_module(f"transalign.diverge.{entry.name}")
            module.check = timed(entry.name, module.check)
    status = cli.main(argv)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu["process"] = usage.ru_utime + usage.ru_stime
    Path(times_path).write_text(json.dumps(cpu), encoding="utf-8")
    return status


def run_size(pool: list[tuple[str, str]], size: int, seed: int, folder: Path) -> dict[str, float] | str:
    """The checks' CPU seconds on the pair of `size` lines, or why there are none."""
    arabic, english = document_pair(pool, size, seed)
    source, translation = folder / f"ar{size}.txt", folder / f"en{size}.txt"
    source.write_text("\n".join(arabic) + "\n", encoding="utf-8")
    translation.write_text("\n".join(english) + "\n", encoding="utf-8")
    times_path = folder / f"{size}.cpu.json"
    argv = ["align", str(source), str(translation), "--segmented", "--no-model", "--format", "json",
            "--out", str(folder / f"{size}.out.json"), "--quiet"]
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(times_path), "--", *argv],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        return f"exit {done.returncode}: {(done.stderr.strip().splitlines() or ['no output'])[-1]}"
    return json.loads(times_path.read_text(encoding="utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="lines a side, comma-separated (default 1000,10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)
    if args.child:
        return child(args.child, [a for a in rest if a != "--"])
    pool = build_pool()
    print(f"{'lines':>8} {'process':>8} {'checks':>7}  " + " ".join(f"{c:>8}" for c in _COLUMNS) + "   (CPU seconds)")
    with tempfile.TemporaryDirectory() as name:
        for size in (int(s) for s in args.sizes.split(",") if s.strip()):
            cpu = run_size(pool, size, args.seed, Path(name))
            if isinstance(cpu, str):
                print(f"{size:>8} {cpu}", flush=True)
                continue
            checks = sum(cpu.get(c, 0.0) for c in _COLUMNS)
            print(f"{size:>8} {cpu['process']:8.2f} {checks:7.2f}  " + " ".join(f"{cpu.get(c, 0.0):8.2f}" for c in _COLUMNS), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
