"""The job store: jobs, their pairs, every pair's rendered outputs and review, durably.

`JobStore` is the small interface the API and the workers use. It has two implementations:
`SqliteJobStore` (here, the default: one file in the data directory, one server) and
`PostgresJobStore` (`service/transalign/api/jobs/postgres.py`: one database shared by several servers
on several machines). `open_store` picks one from the settings.

`SqliteJobStore` keeps everything in one file, in WAL mode, and changes it only in
`BEGIN IMMEDIATE` transactions: a pair's outputs, its status and its job's progress are
written together or not at all, so a server killed at any moment loses at most the pair
it was computing, which runs again after the restart (`recover`). One server owns the
file, so it needs no leases: `claim` ignores them and `recover` queues every running pair.

Work is handed out pair by pair, oldest first, so that several workers share a big job.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from transalign.api.settings import Settings

JobStatus = Literal["queued", "running", "done", "failed", "cancelled"]
FINISHED: frozenset[str] = frozenset({"done", "failed", "cancelled"})

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    status TEXT NOT NULL,
    created REAL NOT NULL,
    updated REAL NOT NULL,
    total INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS jobs_by_owner ON jobs (owner, created);
CREATE TABLE IF NOT EXISTS pairs (
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    status TEXT NOT NULL,
    input TEXT NOT NULL,
    error TEXT,
    PRIMARY KEY (job_id, idx)
);
CREATE INDEX IF NOT EXISTS pairs_by_status ON pairs (status);
CREATE TABLE IF NOT EXISTS outputs (
    job_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    format TEXT NOT NULL,
    content TEXT,
    error TEXT,
    PRIMARY KEY (job_id, idx, format),
    FOREIGN KEY (job_id, idx) REFERENCES pairs (job_id, idx) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS reviews (
    job_id TEXT NOT NULL,
    pair INTEGER NOT NULL,
    document TEXT NOT NULL,
    updated_at REAL NOT NULL,
    PRIMARY KEY (job_id, pair),
    FOREIGN KEY (job_id, pair) REFERENCES pairs (job_id, idx) ON DELETE CASCADE
);
"""


class QueueFull(Exception):
    """More pairs are queued than the server accepts; `pending` says how many."""

    def __init__(self, pending: int, limit: int) -> None:
        self.pending = pending
        self.limit = limit
        super().__init__(f"{pending} pairs are waiting (limit {limit})")


@dataclass(frozen=True)
class PairError:
    index: int
    problem: dict[str, Any]  # the problem document the pair failed with


@dataclass(frozen=True)
class Job:
    id: str
    owner: str
    status: JobStatus
    created: float
    updated: float
    total: int
    done: int
    failed: int
    errors: tuple[PairError, ...] = ()
    pair_status: tuple[str, ...] = field(default=(), compare=False)

    @property
    def finished(self) -> bool:
        return self.status in FINISHED


@dataclass(frozen=True)
class Claim:
    """One pair handed to a worker; `token` names this claim, so that only its holder may finish the pair."""

    job_id: str
    index: int
    input: dict[str, Any]
    token: str = ""


@dataclass(frozen=True)
class Output:
    content: str | None
    error: str | None  # why this format could not be made for this pair


class JobStore(Protocol):
    """What the API and the workers need from a job store; every method is one transaction."""

    def create(self, owner: str, pairs: list[dict[str, Any]], queue_limit: int) -> Job:
        """Queue a job; `QueueFull` when it would take the queued and running pairs past `queue_limit`."""
        ...

    def get(self, job_id: str, owner: str) -> Job | None: ...
    def jobs(self, owner: str, limit: int, offset: int) -> tuple[list[Job], int]: ...
    def cancel(self, job_id: str, owner: str) -> Job | None: ...
    def delete(self, job_id: str, owner: str) -> bool: ...
    def output(self, job_id: str, owner: str, index: int, fmt: str) -> Output | None: ...

    def claim(self, worker: str = "") -> Claim | None:
        """The oldest queued pair (or one whose lease ran out), now running for `worker`."""
        ...

    def renew(self, claim: Claim) -> bool:
        """Extend the claim's lease; False when the pair is no longer this claim's (cancelled, or taken)."""
        ...

    def finish(self, job_id: str, index: int, outputs: dict[str, Output], token: str = "") -> bool:
        """Store a running pair's outputs and count it done; with `token`, only if that claim still holds it."""
        ...

    def fail(self, job_id: str, index: int, problem: dict[str, Any], token: str = "") -> bool: ...
    def pending(self) -> int: ...

    def recover(self) -> int:
        """At startup: queue again the pairs a dead server left running; how many."""
        ...

    def get_review(self, job_id: str, pair: int) -> dict[str, Any] | None: ...

    def put_review(self, job_id: str, pair: int, review: dict[str, Any]) -> None:
        """Store (or replace) a pair's review document; `KeyError` when the job has no such pair."""
        ...

    def close(self) -> None: ...


def open_store(settings: Settings) -> JobStore:
    """PostgreSQL when `settings.store` is a postgresql:// URL, else SQLite in the data directory."""
    if settings.store:
        from transalign.api.jobs.postgres import PostgresJobStore  # psycopg loads only when asked for

        return PostgresJobStore(settings.store, lease=settings.lease)
    return SqliteJobStore(settings.database)


class SqliteJobStore:
    """`JobStore` in one SQLite file; one connection per thread, safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._connect().executescript(_SCHEMA)

    def create(self, owner: str, pairs: list[dict[str, Any]], queue_limit: int) -> Job:
        """Queue a job with its pairs, refusing it whole when it would overfill the queue."""
        job_id = uuid.uuid4().hex
        now = time.time()
        with self._write() as db:
            pending = _pending(db)
            if pending + len(pairs) > queue_limit:
                raise QueueFull(pending, queue_limit)
            db.execute(
                "INSERT INTO jobs (id, owner, status, created, updated, total) VALUES (?, ?, 'queued', ?, ?, ?)",
                (job_id, owner, now, now, len(pairs)),
            )
            db.executemany(
                "INSERT INTO pairs (job_id, idx, status, input) VALUES (?, ?, 'queued', ?)",
                [(job_id, i, json.dumps(pair, ensure_ascii=False)) for i, pair in enumerate(pairs)],
            )
        return Job(job_id, owner, "queued", now, now, len(pairs), 0, 0, (), ("queued",) * len(pairs))

    def get(self, job_id: str, owner: str) -> Job | None:
        db = self._connect()
        row = db.execute("SELECT * FROM jobs WHERE id = ? AND owner = ?", (job_id, owner)).fetchone()
        if row is None:
            return None
        pairs = db.execute("SELECT idx, status, error FROM pairs WHERE job_id = ? ORDER BY idx", (job_id,)).fetchall()
        errors = tuple(PairError(p["idx"], json.loads(p["error"])) for p in pairs if p["error"])
        return _job(row, errors, tuple(p["status"] for p in pairs))

    def jobs(self, owner: str, limit: int, offset: int) -> tuple[list[Job], int]:
        """The owner's jobs, newest first, without per-pair detail."""
        db = self._connect()
        total = db.execute("SELECT count(*) FROM jobs WHERE owner = ?", (owner,)).fetchone()[0]
        rows = db.execute(
            "SELECT * FROM jobs WHERE owner = ? ORDER BY created DESC, id LIMIT ? OFFSET ?", (owner, limit, offset)
        ).fetchall()
        return [_job(row) for row in rows], total

    def cancel(self, job_id: str, owner: str) -> Job | None:
        """Stop a job that has not finished; pairs already done keep their outputs."""
        with self._write() as db:
            row = db.execute("SELECT status FROM jobs WHERE id = ? AND owner = ?", (job_id, owner)).fetchone()
            if row is None:
                return None
            if row["status"] not in FINISHED:
                db.execute("UPDATE pairs SET status = 'cancelled' WHERE job_id = ? AND status IN ('queued', 'running')", (job_id,))
                db.execute("UPDATE jobs SET status = 'cancelled', updated = ? WHERE id = ?", (time.time(), job_id))
        return self.get(job_id, owner)

    def delete(self, job_id: str, owner: str) -> bool:
        with self._write() as db:
            return db.execute("DELETE FROM jobs WHERE id = ? AND owner = ?", (job_id, owner)).rowcount > 0

    def output(self, job_id: str, owner: str, index: int, fmt: str) -> Output | None:
        row = self._connect().execute(
            "SELECT o.content, o.error FROM outputs o JOIN jobs j ON j.id = o.job_id"
            " WHERE o.job_id = ? AND j.owner = ? AND o.idx = ? AND o.format = ?",
            (job_id, owner, index, fmt),
        ).fetchone()
        return None if row is None else Output(row["content"], row["error"])

    def claim(self, worker: str = "") -> Claim | None:
        """Hand the oldest queued pair to the calling worker and mark it running."""
        with self._write() as db:
            row = db.execute(
                "SELECT job_id, idx, input FROM pairs WHERE status = 'queued' ORDER BY rowid LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            db.execute("UPDATE pairs SET status = 'running' WHERE job_id = ? AND idx = ?", (row["job_id"], row["idx"]))
            db.execute(
                "UPDATE jobs SET status = 'running', updated = ? WHERE id = ? AND status = 'queued'",
                (time.time(), row["job_id"]),
            )
        return Claim(row["job_id"], row["idx"], json.loads(row["input"]))

    def renew(self, claim: Claim) -> bool:
        """No lease to extend (one server owns the file); False once the pair was cancelled."""
        row = self._connect().execute(
            "SELECT status FROM pairs WHERE job_id = ? AND idx = ?", (claim.job_id, claim.index)
        ).fetchone()
        return row is not None and row["status"] == "running"

    def finish(self, job_id: str, index: int, outputs: dict[str, Output], token: str = "") -> bool:
        """Store a pair's outputs and count it done, in one transaction.

        False when the job was cancelled or deleted meanwhile: the outputs are dropped.
        `token` is not needed here: a pair runs in one worker until this server stops.
        """
        with self._write() as db:
            if not _mark(db, job_id, index, "done", None):
                return False
            db.executemany(
                "INSERT OR REPLACE INTO outputs (job_id, idx, format, content, error) VALUES (?, ?, ?, ?, ?)",
                [(job_id, index, fmt, out.content, out.error) for fmt, out in outputs.items()],
            )
        return True

    def fail(self, job_id: str, index: int, problem: dict[str, Any], token: str = "") -> bool:
        with self._write() as db:
            return _mark(db, job_id, index, "failed", json.dumps(problem, ensure_ascii=False))

    def pending(self) -> int:
        return _pending(self._connect())

    def recover(self) -> int:
        """After a restart: pairs that were running when the server stopped are queued again."""
        with self._write() as db:
            return db.execute("UPDATE pairs SET status = 'queued' WHERE status = 'running'").rowcount

    def get_review(self, job_id: str, pair: int) -> dict[str, Any] | None:
        row = self._connect().execute(
            "SELECT document FROM reviews WHERE job_id = ? AND pair = ?", (job_id, pair)
        ).fetchone()
        return None if row is None else json.loads(row["document"])

    def put_review(self, job_id: str, pair: int, review: dict[str, Any]) -> None:
        with self._write() as db:
            if db.execute("SELECT 1 FROM pairs WHERE job_id = ? AND idx = ?", (job_id, pair)).fetchone() is None:
                raise KeyError(f"job {job_id} has no pair {pair}")
            db.execute(
                "INSERT INTO reviews (job_id, pair, document, updated_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (job_id, pair) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at",
                (job_id, pair, json.dumps(review, ensure_ascii=False), time.time()),
            )

    def close(self) -> None:
        with self._lock:
            for db in self._connections:
                db.close()
            self._connections.clear()
        self._local = threading.local()

    def _connect(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable across process crashes
            db.execute("PRAGMA foreign_keys = ON")
            self._local.db = db
            with self._lock:
                self._connections.append(db)
        return db

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction taken up front, so concurrent writers wait instead of deadlocking."""
        db = self._connect()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def _pending(db: sqlite3.Connection) -> int:
    return db.execute("SELECT count(*) FROM pairs WHERE status IN ('queued', 'running')").fetchone()[0]


def _mark(db: sqlite3.Connection, job_id: str, index: int, status: str, error: str | None) -> bool:
    """Move a running pair to done or failed and update its job's progress and status."""
    changed = db.execute(
        "UPDATE pairs SET status = ?, error = ? WHERE job_id = ? AND idx = ? AND status = 'running'",
        (status, error, job_id, index),
    ).rowcount
    if not changed:
        return False
    column = "done" if status == "done" else "failed"
    db.execute(f"UPDATE jobs SET {column} = {column} + 1, updated = ? WHERE id = ?", (time.time(), job_id))
    db.execute(
        "UPDATE jobs SET status = CASE WHEN done = 0 THEN 'failed' ELSE 'done' END"
        " WHERE id = ? AND status = 'running' AND done + failed = total",
        (job_id,),
    )
    return True


def _job(row: sqlite3.Row, errors: tuple[PairError, ...] = (), pair_status: tuple[str, ...] = ()) -> Job:
    return Job(
        id=row["id"],
        owner=row["owner"],
        status=row["status"],
        created=row["created"],
        updated=row["updated"],
        total=row["total"],
        done=row["done"],
        failed=row["failed"],
        errors=errors,
        pair_status=pair_status,
    )
