"""What the operator sees while a batch runs: a rich progress bar on a terminal, one log line
per pair otherwise (a log file or a cron mail has no use for a redrawn bar)."""

from __future__ import annotations

import sys
import time
from typing import Protocol, TextIO

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from transalign.batch.worker import PairOutcome


class Reporter(Protocol):
    def start(self, total: int) -> None: ...
    def finished(self, outcome: PairOutcome) -> None: ...
    def say(self, text: str) -> None: ...
    def close(self) -> None: ...


def reporter(stream: TextIO | None = None) -> Reporter:
    """A bar on a terminal, log lines anywhere else."""
    stream = stream or sys.stderr
    console = Console(file=stream, highlight=False, soft_wrap=True)
    return BarReporter(console) if console.is_terminal else LogReporter(stream)


def describe(outcome: PairOutcome) -> str:
    """One line about a pair, e.g. `ep01: done, 240 beads, 3 flags (2 number, 1 name), 4.1 s`."""
    if outcome.status == "failed":
        return f"{outcome.name}: FAILED: {outcome.error}"
    counts = outcome.counts or {}
    kinds = counts.get("flags_by_kind", {})
    flags = f"{counts.get('flags', 0)} flags" + (" (" + ", ".join(f"{n} {k}" for k, n in kinds.items()) + ")" if kinds else "")
    timing = f", {outcome.seconds:.1f} s" if outcome.status == "done" else ""
    warnings = counts.get("warnings", [])
    warned = f", {len(warnings)} input warning{'s' if len(warnings) > 1 else ''} (first: {warnings[0]})" if warnings else ""
    missing = counts.get("not_written", [])
    skipped = f"; {', '.join(missing)} not written (the source has no time codes)" if missing else ""
    return f"{outcome.name}: {outcome.status}, {counts.get('beads', 0)} beads, {flags}{warned}{timing}{skipped}"


class LogReporter:
    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = 0
        self.count = 0

    def start(self, total: int) -> None:
        self.total = total

    def finished(self, outcome: PairOutcome) -> None:
        self.count += 1
        self.say(f"[{self.count}/{self.total}] {describe(outcome)}")

    def say(self, text: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {text}", file=self.stream, flush=True)

    def close(self) -> None:
        pass


class BarReporter:
    def __init__(self, console: Console) -> None:
        self.console = console
        self.flags = 0
        self.failed = 0
        self.progress = Progress(
            TextColumn("[bold]pairs"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[flags]} flags, {task.fields[failed]} failed"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=console,
        )
        self.task = self.progress.add_task("pairs", total=0, flags=0, failed=0)

    def start(self, total: int) -> None:
        self.progress.update(self.task, total=total)
        self.progress.start()

    def finished(self, outcome: PairOutcome) -> None:
        self.flags += (outcome.counts or {}).get("flags", 0)
        if outcome.status == "failed":
            self.failed += 1
            self.progress.console.print(describe(outcome), style="red", markup=False)
        elif (outcome.counts or {}).get("not_written"):
            self.progress.console.print(describe(outcome), style="yellow", markup=False)
        self.progress.update(self.task, advance=1, flags=self.flags, failed=self.failed)

    def say(self, text: str) -> None:
        self.progress.console.print(text, markup=False)

    def close(self) -> None:
        self.progress.stop()
