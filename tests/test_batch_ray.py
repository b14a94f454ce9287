"""`transalign batch --engine ray` on a local Ray: the local engine's outputs, a killed worker, resuming across engines.

One local Ray (2 CPUs) serves the whole module: starting one takes seconds to tens of
seconds, and the engine joins a Ray that is already running rather than starting its own.
"""

from __future__ import annotations

import io
import logging
import os
import re
import signal
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
import ray

from transalign.batch import EXIT_ALL, EXIT_PART, Pairing, pair_suffixes, run_batch
from transalign.batch.progress import LogReporter
from transalign.batch.ray_engine import RETRIED, PairActor, RayEngine
from transalign.batch.state import MARKER
from transalign.batch.worker import PairOutcome
from transalign.cli import main
from transalign.options import Options
from tests.test_batch import NO_MODEL, ROOT, good_pairs, rows, season, stamps  # noqa: F401 (season is a fixture)

TIMING = re.compile(r"(, [0-9.]+ s(?=;|$)|^\d\d:\d\d:\d\d )")  # the pair time ends the line or comes before "; … not written"


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, logging_level=logging.ERROR)
    yield
    ray.shutdown()


def pair_lines(log: str) -> list[str]:
    """The per-pair log lines without their clock time, pair time and running count, sorted."""
    lines = [TIMING.sub("", line) for line in log.splitlines() if re.match(r"^\d\d:\d\d:\d\d \[\d+/\d+\]", line)]
    return sorted(re.sub(r"^\[\d+/(\d+)\] ", r"[\1] ", line) for line in lines)


def files(out: Path) -> dict[str, bytes]:
    """Every file a batch wrote, by path; pair times (which differ run to run) taken out of the overview."""
    found = {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    found.pop("summary.csv"), found.pop("index.html")
    return found


def test_a_batch_with_broken_pairs_gives_the_local_engines_outputs_and_summary(
    local_ray: None, season: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    local, distributed = tmp_path / "local", tmp_path / "ray"
    assert main(["batch", str(season), "--out", str(local), "--jobs", "2", *NO_MODEL]) == EXIT_PART
    local_log = capsys.readouterr().err
    assert main(["batch", str(season), "--out", str(distributed), "--engine", "ray", "--jobs", "2", *NO_MODEL]) == EXIT_PART
    ray_log = capsys.readouterr().err
    assert "ray: 2 actor(s) of 1 CPU(s) and 0 GPU(s) on a cluster of 2 CPUs" in ray_log
    assert pair_lines(ray_log) == pair_lines(local_log) and len(pair_lines(ray_log)) == 5
    assert any("ep04: FAILED" in line for line in pair_lines(ray_log))
    assert files(distributed) == files(local)  # outputs and done-markers, byte for byte
    assert {f"{name}/{MARKER}" for name in ("ep01", "ep02", "ep03")} <= files(distributed).keys()
    local_rows, ray_rows = rows(local), rows(distributed)
    for table in (local_rows, ray_rows):
        for row in table.values():
            row.pop("seconds")
    assert ray_rows == local_rows
    assert ray_rows["ep05"]["status"] == "failed" and "empty" in ray_rows["ep05"]["error"]


class KillFirstWorker(LogReporter):
    """Kills (SIGKILL) the worker that finished the first pair, as it is handed its next one."""

    def __init__(self) -> None:
        super().__init__(io.StringIO())
        self.killed: int | None = None

    def finished(self, outcome: PairOutcome) -> None:
        super().finished(outcome)
        if self.killed is None and outcome.worker is not None:
            self.killed = outcome.worker
            os.kill(outcome.worker, signal.SIGKILL)


def test_a_worker_killed_mid_batch_costs_its_pair_one_retry_and_the_batch_completes(local_ray: None, tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    names = good_pairs(folder, 4)
    killer = KillFirstWorker()
    report = run_batch(pair_suffixes(folder, "ar", "en"), out, Options(use_model=False), report=killer,
                       engine=RayEngine(actors=1))
    assert killer.killed is not None
    assert report.exit_status == EXIT_ALL and report.count("done") == 4
    log = killer.stream.getvalue()
    retried = [line for line in log.splitlines() if RETRIED in line]
    assert len(retried) == 1, log
    later = [o.worker for o in report.outcomes.values() if o.worker != killer.killed]
    assert len(later) == 3 and len(set(later)) == 1  # the rest ran on the one fresh actor
    assert sorted(p.parent.name for p in out.glob(f"*/{MARKER}")) == names
    assert {row["status"] for row in rows(out).values()} == {"done"}


def test_a_resumed_batch_redoes_nothing_finished_whichever_engine_began_it(local_ray: None, tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out"
    good_pairs(folder, 4)
    options = Options(use_model=False)
    pairing = pair_suffixes(folder, "ar", "en")
    quiet = LogReporter(sys.stderr)
    first_half = Pairing(pairing.pairs[:2], ())
    assert run_batch(first_half, out, options, report=quiet).count("done") == 2  # local engine
    before = stamps(out)

    resumed = run_batch(pairing, out, options, report=quiet, engine=RayEngine(actors=2))
    assert {n: o.status for n, o in resumed.outcomes.items()} == {
        "ep01": "up to date", "ep02": "up to date", "ep03": "done", "ep04": "done",
    }
    after = stamps(out)
    assert all(after[path] == stamp for path, stamp in before.items())

    again = run_batch(pairing, out, options, report=quiet)  # local engine after Ray: nothing to redo
    assert again.count("up to date") == 4 and stamps(out) == after
    idle = RayEngine()
    assert run_batch(pairing, out, options, report=quiet, engine=idle).count("up to date") == 4
    assert idle.slots == 0 and stamps(out) == after  # nothing to run: no actor was started


def test_an_actor_on_a_node_without_the_batch_folder_fails_relative_pairs_saying_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # "out" below is relative: it must not meet a checkout's own out/
    missing = tmp_path / "not-mounted"
    folder = tmp_path / "in"
    good_pairs(folder, 1)
    pair = pair_suffixes(folder, "ar", "en").pairs[0]
    handlers = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:  # an actor, built here, sets this process's signals as a worker's
        actor = PairActor(Path("out"), Options(use_model=False), str(missing))
        absolute = PairActor(tmp_path / "out", Options(use_model=False), str(missing))
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)
    outcome = actor.run(pair)
    assert outcome.status == "failed" and str(missing) in (outcome.error or "")
    assert "filesystem every node sees" in (outcome.error or "") and not Path("out").exists()
    assert absolute.run(pair).status == "done"  # absolute paths need no shared working folder
    assert (tmp_path / "out" / pair.name / MARKER).exists()


def test_engine_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    good_pairs(folder, 1)
    out = str(tmp_path / "out")
    assert main(["batch", str(folder), "--out", out, "--address", "auto", *NO_MODEL]) == 2
    assert "--address: given without --engine ray" in capsys.readouterr().err
    assert main(["batch", str(folder), "--out", out, "--engine", "ray", "--cpus-per-actor", "0", *NO_MODEL]) == 2
    assert main(["batch", str(folder), "--out", out, "--engine", "ray", "--address", "127.0.0.1:1", *NO_MODEL]) == 2
    assert "--address: no Ray head answers at 127.0.0.1:1" in capsys.readouterr().err  # at once, not after Ray's retries
    with pytest.raises(SystemExit):
        main(["batch", str(folder), "--out", out, "--engine", "ct2", *NO_MODEL])  # the translation engine has its own flag
    assert main(["batch", str(folder), "--out", out, "--model-engine", "transformers", *NO_MODEL]) == EXIT_ALL


def test_ray_is_pinned_exactly_and_installed_by_setup() -> None:
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    assert extras["ray"] == [f"ray=={ray.__version__}"]  # every node of a cluster must run the same Ray
    installed = re.search(r'-e "\.\[([\w,]+)\]"', (ROOT / "scripts/setup.sh").read_text())
    assert installed is not None and "ray" in installed.group(1).split(",")
    assert f"ray=={ray.__version__}" in (ROOT / "README.md").read_text()
