"""The SQLite job store: claims, progress, recovery after a crash, cancellation, limits, owners."""

from __future__ import annotations

import sqlite3

import pytest

from service.api.jobs.store import Output, QueueFull, SqliteJobStore
from tests.api_support import PAIR, client, wait_job

OUTPUTS = {"json": Output('{"beads": []}', None), "srt": Output(None, "no exports")}


@pytest.fixture
def store(tmp_path):
    opened = SqliteJobStore(tmp_path / "jobs.sqlite3")
    yield opened
    opened.close()


def test_pairs_are_claimed_oldest_first_and_progress_adds_up(store):
    first = store.create("alice", [{"n": 0}, {"n": 1}], queue_limit=10)
    second = store.create("alice", [{"n": 2}], queue_limit=10)
    claims = [store.claim() for _ in range(3)]
    assert [(c.job_id, c.index, c.input["n"]) for c in claims] == [(first.id, 0, 0), (first.id, 1, 1), (second.id, 0, 2)]
    assert store.claim() is None
    assert store.get(first.id, "alice").status == "running"
    assert store.finish(first.id, 0, OUTPUTS)
    assert store.fail(first.id, 1, {"title": "bad", "detail": "pairs[1].source: empty"})
    job = store.get(first.id, "alice")
    assert (job.status, job.done, job.failed, job.pair_status) == ("done", 1, 1, ("done", "failed"))
    assert job.errors[0].index == 1 and job.errors[0].problem["detail"] == "pairs[1].source: empty"
    assert store.output(first.id, "alice", 0, "json").content == '{"beads": []}'
    assert store.output(first.id, "alice", 0, "srt").error == "no exports"
    assert store.fail(second.id, 0, {"detail": "x"})
    assert store.get(second.id, "alice").status == "failed"


def test_running_pairs_are_queued_again_after_a_crash(tmp_path):
    path = tmp_path / "jobs.sqlite3"
    crashed = SqliteJobStore(path)
    job = crashed.create("", [{"n": 0}, {"n": 1}], queue_limit=10)
    claim = crashed.claim()
    crashed.finish(job.id, claim.index, OUTPUTS)
    crashed.claim()  # running when the process dies: never finished
    reopened = SqliteJobStore(path)
    assert reopened.recover() == 1
    again = reopened.claim()
    assert (again.job_id, again.index) == (job.id, 1)
    assert reopened.finish(job.id, 1, OUTPUTS)
    finished = reopened.get(job.id, "")
    assert (finished.status, finished.done) == ("done", 2)
    assert reopened.output(job.id, "", 0, "json") is not None  # the pair done before the crash is kept
    reopened.close()
    crashed.close()


def test_a_failed_write_leaves_nothing_half_done(store):
    job = store.create("", [{"n": 0}], queue_limit=10)
    claim = store.claim()
    with pytest.raises(sqlite3.Error):
        store.finish(job.id, claim.index, {"json": Output("{}", None), "bad": Output(object(), None)})  # type: ignore[arg-type]
    unchanged = store.get(job.id, "")
    assert (unchanged.status, unchanged.done, unchanged.pair_status) == ("running", 0, ("running",))
    assert store.output(job.id, "", 0, "json") is None


def test_cancelled_job_drops_late_results_and_frees_the_queue(store):
    job = store.create("", [{"n": 0}, {"n": 1}], queue_limit=2)
    with pytest.raises(QueueFull) as full:
        store.create("", [{"n": 2}], queue_limit=2)
    assert (full.value.pending, full.value.limit) == (2, 2)
    claim = store.claim()
    assert store.cancel(job.id, "").status == "cancelled"
    assert not store.finish(job.id, claim.index, OUTPUTS)
    assert store.claim() is None and store.pending() == 0
    store.create("", [{"n": 2}], queue_limit=2)


def test_owners_see_only_their_jobs(store):
    mine = store.create("alice", [{"n": 0}], queue_limit=10)
    assert store.get(mine.id, "bob") is None
    assert store.cancel(mine.id, "bob") is None
    assert not store.delete(mine.id, "bob")
    assert store.jobs("bob", 10, 0) == ([], 0)
    jobs, total = store.jobs("alice", 10, 0)
    assert total == 1 and jobs[0].id == mine.id
    assert store.delete(mine.id, "alice") and store.get(mine.id, "alice") is None


def test_the_store_is_in_wal_mode(store):
    store.create("", [{"n": 0}], queue_limit=10)
    assert sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_pair_that_fails_in_the_worker_is_reported_per_pair(tmp_path):
    """Inputs are checked when a job is submitted; one that still fails later is stored with its problem."""
    with client(tmp_path / "data") as api:
        app = api.app
        job = app.state.store.create("", [{"kind": "json", "prefix": "", "request": {"source": " ", "translation": "x"}}], queue_limit=10)
        app.state.pool.notify()
        failed = wait_job(api.get, f"/v1/jobs/{job.id}")
        assert failed["status"] == "failed" and failed["progress"] == {"done": 0, "failed": 1, "total": 1}
        problem = failed["errors"][0]["problem"]
        assert (failed["errors"][0]["pair"], problem["status"], problem["field"]) == (0, 422, "source")
        response = api.get(f"/v1/jobs/{job.id}/result")
        assert response.status_code == 409 and response.json()["field"] == "source"
        assert api.post("/v1/jobs", json=PAIR).status_code == 202
