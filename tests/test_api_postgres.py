"""Several `transalign serve` processes on one PostgreSQL database: shared jobs, no lock file, a dead server's pairs taken over.

Real server processes and a real PostgreSQL server (the `postgres` fixture; skipped, saying
why, where it cannot run). `TRANSALIGN_TEST_PAIR_DELAY` slows every pair down so that both
servers take part in a 20-pair job and one can be killed in the middle of it.
"""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from tests.api_support import PAIR, Server, descendants, running, wait_for, wait_job

PAIRS = 20


@pytest.fixture
def database(postgres) -> str:
    return postgres.database()


def servers(data: Path, url: str, count: int, *args: str, delay: str = "0.2") -> list[Server]:
    """`count` servers on one database, all ready (workers started); all given the same --data-dir, which they must not lock."""
    started: list[Server] = []
    try:
        for _ in range(count):
            started.append(Server(data, "--no-model", "--store", url, *args, env={"TRANSALIGN_TEST_PAIR_DELAY": delay}))
        for server in started:
            wait_for(lambda: server.http.get("/readyz").status_code == 200, f"the server on port {server.port} to be ready")
    except BaseException:
        for server in started:
            server.stop()
        raise
    return started


def pairs_of(url: str, job_id: str) -> list[dict]:
    with psycopg.connect(url, row_factory=psycopg.rows.dict_row) as db:
        return db.execute("SELECT idx, status, worker, attempts FROM pairs WHERE job_id = %s ORDER BY idx", (job_id,)).fetchall()


def pair_events(server: Server) -> list[dict]:
    lines = (json.loads(line) for line in server.log_lines() if line.startswith('{"ts"'))
    return [entry for entry in lines if entry.get("event") == "pair"]


def test_two_servers_share_a_job_and_do_every_pair_once(tmp_path, database):
    first, second = servers(tmp_path / "data", database, 2, "--workers", "1")
    try:
        response = first.http.post("/v1/jobs", json={"pairs": [PAIR] * PAIRS})
        location = response.headers["location"]
        job = wait_job(second.http.get, location)  # the other server sees the job too
        assert job["status"] == "done" and job["progress"] == {"done": PAIRS, "failed": 0, "total": PAIRS}
        rows = pairs_of(database, job["id"])
        assert [(r["status"], r["attempts"]) for r in rows] == [("done", 1)] * PAIRS
        by_server = {server.process.pid: {r["idx"] for r in rows if f":{server.process.pid}/" in r["worker"]} for server in (first, second)}
        assert all(by_server.values()), f"both servers should have run pairs: {by_server}"
        events = [(e["job"], e["pair"]) for server in (first, second) for e in pair_events(server) if e["status"] == "done"]
        assert sorted(events) == [(job["id"], i) for i in range(PAIRS)]  # each pair done once, by one server
        results = second.http.get(f"{location}/result").json()["pairs"]
        assert all(len(p["result"]["beads"]) == 3 for p in results)
        assert not (tmp_path / "data" / "server.lock").exists()
    finally:
        first.stop()
        second.stop()


def test_a_killed_server_leaves_its_pairs_to_the_other_after_the_lease(tmp_path, database):
    doomed, survivor = servers(tmp_path / "data", database, 2, "--workers", "2", "--lease", "2", delay="0.3")
    try:
        location = survivor.http.post("/v1/jobs", json={"pairs": [PAIR] * PAIRS}).headers["location"]
        job_id = location.rsplit("/", 1)[1]
        marker = f":{doomed.process.pid}/"

        def doomed_busy() -> list[int]:
            rows = pairs_of(database, job_id)
            done = [r for r in rows if r["status"] == "done" and marker in r["worker"]]
            held = [r["idx"] for r in rows if r["status"] == "running" and marker in r["worker"]]
            return held if len(done) >= 2 and held else []

        wait_for(doomed_busy, "the doomed server to finish two pairs and hold another")
        processes = descendants(doomed.process.pid)
        doomed.kill()
        held = [r["idx"] for r in pairs_of(database, job_id) if r["status"] == "running" and marker in r["worker"]]
        assert held, "the killed server should have died holding pairs"

        job = wait_job(survivor.http.get, location)
        assert job["status"] == "done" and job["progress"] == {"done": PAIRS, "failed": 0, "total": PAIRS}
        rows = {r["idx"]: r for r in pairs_of(database, job_id)}
        assert all(r["status"] == "done" for r in rows.values())
        for index in held:  # claimed again once the lease ran out, and finished by the survivor
            assert rows[index]["attempts"] == 2 and f":{survivor.process.pid}/" in rows[index]["worker"]
        assert survivor.http.get(f"{location}/result?pair={held[0]}").json()["beads"]
        assert len(processes) >= 3  # the fork server and two workers at least
        wait_for(lambda: not any(map(running, processes)), "the killed server's worker processes to exit")
    finally:
        doomed.stop()
        survivor.stop()

