"""The job stores, SQLite and PostgreSQL, through one test suite: claims, progress, recovery, cancellation, limits, owners, reviews.

The PostgreSQL cases run against a real throwaway server (the `postgres` fixture); where it
cannot run they are skipped, and the skip says why.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator

import pytest

from transalign.api.jobs.store import JobStore, Output, QueueFull, SqliteJobStore
from tests.api_support import PAIR, client, wait_for, wait_job

OUTPUTS = {"json": Output('{"beads": []}', None), "srt": Output(None, "no exports")}
KINDS = ["sqlite", "postgresql"]


@pytest.fixture(params=KINDS)
def opener(request, tmp_path) -> Iterator[Callable[..., JobStore]]:
    """Opens stores on one database, as servers (or one server after a restart) would; closes them all after."""
    opened: list[JobStore] = []
    if request.param == "sqlite":
        path = tmp_path / "jobs.sqlite3"

        def open_store(lease: float = 60.0) -> JobStore:
            opened.append(SqliteJobStore(path))
            return opened[-1]
    else:
        from transalign.api.jobs.postgres import PostgresJobStore

        url = request.getfixturevalue("postgres").database()

        def open_store(lease: float = 60.0) -> JobStore:
            opened.append(PostgresJobStore(url, lease=lease))
            return opened[-1]

    open_store.kind = request.param  # type: ignore[attr-defined]
    yield open_store
    for store in opened:
        store.close()


@pytest.fixture
def store(opener) -> JobStore:
    return opener()


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


def test_running_pairs_are_queued_again_after_a_crash(opener):
    crashed = opener(lease=0.5)
    job = crashed.create("", [{"n": 0}, {"n": 1}], queue_limit=10)
    claim = crashed.claim()
    crashed.finish(job.id, claim.index, OUTPUTS)
    crashed.claim()  # running when the process dies: never finished
    reopened = opener(lease=0.5)
    if opener.kind == "sqlite":  # one server owns the file: at its restart every running pair is orphaned
        assert reopened.recover() == 1
        again = reopened.claim()
    else:  # a shared database: the pair is free once its lease has run out, for whichever server asks
        again = wait_for(reopened.claim, "the lease of the dead server's pair to run out")
    assert (again.job_id, again.index) == (job.id, 1)
    assert reopened.finish(job.id, 1, OUTPUTS, again.token)
    finished = reopened.get(job.id, "")
    assert (finished.status, finished.done) == ("done", 2)
    assert reopened.output(job.id, "", 0, "json") is not None  # the pair done before the crash is kept


def test_a_failed_write_leaves_nothing_half_done(store):
    job = store.create("", [{"n": 0}], queue_limit=10)
    claim = store.claim()
    with pytest.raises(Exception, match="(?i)type|adapt|bind"):  # an output the database cannot store
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


def test_workers_of_two_servers_claim_each_pair_once(opener):
    """Six threads over two stores on one database claim 40 pairs: each pair goes to exactly one of them."""
    stores = [opener(), opener()]
    job = stores[0].create("", [{"n": i} for i in range(40)], queue_limit=100)
    claimed: list[tuple[int, str]] = []

    def work(store: JobStore, name: str) -> None:
        while (claim := store.claim(name)) is not None:
            claimed.append((claim.index, name))
            assert store.finish(job.id, claim.index, OUTPUTS, claim.token)

    threads = [threading.Thread(target=work, args=(stores[n % 2], f"worker-{n}")) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(index for index, _ in claimed) == list(range(40))
    finished = stores[1].get(job.id, "")
    assert (finished.status, finished.done, finished.failed) == ("done", 40, 0)


def test_a_lost_lease_cannot_finish_and_a_renewed_one_holds(postgres):
    """A slow server whose lease ran out loses its pair to another; the pair is counted once, by the new holder."""
    from transalign.api.jobs.postgres import PostgresJobStore

    url = postgres.database()
    slow, other = PostgresJobStore(url, lease=1.0), PostgresJobStore(url, lease=1.0)
    try:
        job = slow.create("", [{"n": 0}, {"n": 1}], queue_limit=10)
        lapsed, renewed = slow.claim("slow/0"), slow.claim("slow/1")
        assert other.claim("other/0") is None  # both pairs are held

        def take_over():
            assert slow.renew(renewed)
            return other.claim("other/0")

        taken = wait_for(take_over, "the lapsed lease to run out")
        assert taken.index == lapsed.index and taken.token != lapsed.token
        assert not slow.renew(lapsed)
        assert not slow.finish(job.id, lapsed.index, OUTPUTS, lapsed.token)
        assert other.finish(job.id, taken.index, OUTPUTS, taken.token)
        assert slow.finish(job.id, renewed.index, OUTPUTS, renewed.token)
        finished = other.get(job.id, "")
        assert (finished.status, finished.done) == ("done", 2)
    finally:
        slow.close()
        other.close()


def test_a_postgresql_url_that_answers_nothing_is_a_clear_error_without_the_password():
    from transalign.api.jobs.postgres import PostgresJobStore
    from transalign.errors import TransalignError
    from tests.api_support import free_port

    with pytest.raises(TransalignError, match=r"cannot reach the job store postgresql://postgres@127\.0\.0\.1:\d+/nowhere") as error:
        PostgresJobStore(f"postgresql://postgres:secret@127.0.0.1:{free_port()}/nowhere?connect_timeout=1", connect_timeout=2)
    assert "secret" not in str(error.value)


def test_reviews_are_stored_replaced_and_deleted_with_their_job(store):
    job = store.create("alice", [{"n": 0}, {"n": 1}], queue_limit=10)
    assert store.get_review(job.id, 0) is None
    store.put_review(job.id, 0, {"decisions": {"f1": "accepted"}, "note": "ثلاثون"})
    store.put_review(job.id, 1, {"decisions": {}})
    store.put_review(job.id, 0, {"decisions": {"f1": "rejected"}})
    assert store.get_review(job.id, 0) == {"decisions": {"f1": "rejected"}}
    assert store.get_review(job.id, 1) == {"decisions": {}}
    with pytest.raises(KeyError, match="no pair 2"):
        store.put_review(job.id, 2, {})
    store.delete(job.id, "alice")
    assert store.get_review(job.id, 0) is None


def test_the_store_is_in_wal_mode(tmp_path):
    store = SqliteJobStore(tmp_path / "jobs.sqlite3")
    store.create("", [{"n": 0}], queue_limit=10)
    assert sqlite3.connect(store.path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.close()


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
