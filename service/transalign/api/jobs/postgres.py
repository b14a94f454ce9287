"""`JobStore` on PostgreSQL: one database that several servers on several machines share.

Each pair is claimed by one worker with `SELECT … FOR UPDATE SKIP LOCKED` (workers of
every server take the oldest free pair without waiting on each other) and held under a
lease: the claiming worker renews it while the pair runs, and a pair whose lease has run
out (its server died) is claimed again by any worker. A claim carries a token, and only
the claim that still holds a pair may finish it, so a pair is counted done once even when
a slow server's lease was taken over. Jobs, outputs and reviews live in the database;
servers keep nothing of their own, so none needs a lock file or a data directory.
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from psycopg import Connection
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import DictRow, dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from transalign.api.jobs.store import FINISHED, Claim, Job, Output, PairError, QueueFull
from transalign.errors import TransalignError

SCHEMA_LOCK = 7_170_001  # advisory lock ids: servers starting together create the schema one at a time
QUEUE_LOCK = 7_170_002  # and check the queue limit one at a time

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    owner TEXT NOT NULL,
    status TEXT NOT NULL,
    created DOUBLE PRECISION NOT NULL,
    updated DOUBLE PRECISION NOT NULL,
    total INTEGER NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS jobs_by_owner ON jobs (owner, created);
CREATE TABLE IF NOT EXISTS pairs (
    seq BIGSERIAL UNIQUE,
    job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    status TEXT NOT NULL,
    input TEXT NOT NULL,
    error TEXT,
    worker TEXT,
    token TEXT,
    lease_until TIMESTAMPTZ,
    attempts INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, idx)
);
CREATE INDEX IF NOT EXISTS pairs_to_claim ON pairs (seq) WHERE status IN ('queued', 'running');
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
    updated_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (job_id, pair),
    FOREIGN KEY (job_id, pair) REFERENCES pairs (job_id, idx) ON DELETE CASCADE
);
"""

_FREE = "status = 'queued' OR (status = 'running' AND lease_until < now())"


class PostgresJobStore:
    """`JobStore` in a PostgreSQL database; a pool of connections, safe to share between threads."""

    def __init__(self, url: str, *, lease: float = 60.0, connections: int = 8, connect_timeout: float = 30.0) -> None:
        self.url = url
        self.lease = lease
        self._pool = ConnectionPool(
            url, connection_class=Connection[DictRow], min_size=1, max_size=connections, kwargs={"row_factory": dict_row}, open=False
        )
        try:
            self._pool.open(wait=True, timeout=connect_timeout)
        except PoolTimeout:
            self._pool.close()
            raise TransalignError(
                f"cannot reach the job store {redacted(url)} within {connect_timeout:g} s; is PostgreSQL running there, and may this user connect?"
            ) from None
        with self._pool.connection() as db:
            db.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            db.execute(_SCHEMA)

    def create(self, owner: str, pairs: list[dict[str, Any]], queue_limit: int) -> Job:
        job_id = uuid.uuid4().hex
        now = time.time()
        with self._pool.connection() as db:
            db.execute("SELECT pg_advisory_xact_lock(%s)", (QUEUE_LOCK,))
            pending = _pending(db)
            if pending + len(pairs) > queue_limit:
                raise QueueFull(pending, queue_limit)
            db.execute(
                "INSERT INTO jobs (id, owner, status, created, updated, total) VALUES (%s, %s, 'queued', %s, %s, %s)",
                (job_id, owner, now, now, len(pairs)),
            )
            with db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO pairs (job_id, idx, status, input) VALUES (%s, %s, 'queued', %s)",
                    [(job_id, i, json.dumps(pair, ensure_ascii=False)) for i, pair in enumerate(pairs)],
                )
        return Job(job_id, owner, "queued", now, now, len(pairs), 0, 0, (), ("queued",) * len(pairs))

    def get(self, job_id: str, owner: str) -> Job | None:
        with self._pool.connection() as db:
            row = db.execute("SELECT * FROM jobs WHERE id = %s AND owner = %s", (job_id, owner)).fetchone()
            if row is None:
                return None
            pairs = db.execute("SELECT idx, status, error FROM pairs WHERE job_id = %s ORDER BY idx", (job_id,)).fetchall()
        errors = tuple(PairError(p["idx"], json.loads(p["error"])) for p in pairs if p["error"])
        return _job(row, errors, tuple(p["status"] for p in pairs))

    def jobs(self, owner: str, limit: int, offset: int) -> tuple[list[Job], int]:
        with self._pool.connection() as db:
            counted = db.execute("SELECT count(*) AS n FROM jobs WHERE owner = %s", (owner,)).fetchone()
            assert counted is not None  # count(*) always gives a row
            total = counted["n"]
            rows = db.execute(
                "SELECT * FROM jobs WHERE owner = %s ORDER BY created DESC, id LIMIT %s OFFSET %s", (owner, limit, offset)
            ).fetchall()
        return [_job(row) for row in rows], total

    def cancel(self, job_id: str, owner: str) -> Job | None:
        """Rows are locked pairs first, then the job, in every transaction here, so that none deadlocks another."""
        with self._pool.connection() as db:
            row = db.execute("SELECT status FROM jobs WHERE id = %s AND owner = %s", (job_id, owner)).fetchone()
            if row is None:
                return None
            if row["status"] not in FINISHED:
                db.execute(
                    "UPDATE pairs SET status = 'cancelled', token = NULL WHERE job_id = %s AND status IN ('queued', 'running')",
                    (job_id,),
                )
                db.execute(
                    "UPDATE jobs SET status = 'cancelled', updated = %s WHERE id = %s AND status IN ('queued', 'running')",
                    (time.time(), job_id),
                )
        return self.get(job_id, owner)

    def delete(self, job_id: str, owner: str) -> bool:
        with self._pool.connection() as db:
            return db.execute("DELETE FROM jobs WHERE id = %s AND owner = %s", (job_id, owner)).rowcount > 0

    def output(self, job_id: str, owner: str, index: int, fmt: str) -> Output | None:
        with self._pool.connection() as db:
            row = db.execute(
                "SELECT o.content, o.error FROM outputs o JOIN jobs j ON j.id = o.job_id"
                " WHERE o.job_id = %s AND j.owner = %s AND o.idx = %s AND o.format = %s",
                (job_id, owner, index, fmt),
            ).fetchone()
        return None if row is None else Output(row["content"], row["error"])

    def claim(self, worker: str = "") -> Claim | None:
        """The oldest free pair, skipping those other workers are claiming this instant."""
        token = uuid.uuid4().hex
        with self._pool.connection() as db:
            row = db.execute(
                "UPDATE pairs SET status = 'running', worker = %s, token = %s, attempts = attempts + 1,"
                " lease_until = now() + make_interval(secs => %s)"
                f" WHERE seq = (SELECT seq FROM pairs WHERE {_FREE} ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED)"
                " RETURNING job_id, idx, input",
                (worker, token, self.lease),
            ).fetchone()
            if row is None:
                return None
            db.execute(
                "UPDATE jobs SET status = 'running', updated = %s WHERE id = %s AND status = 'queued'",
                (time.time(), row["job_id"]),
            )
        return Claim(row["job_id"], row["idx"], json.loads(row["input"]), token)

    def renew(self, claim: Claim) -> bool:
        with self._pool.connection() as db:
            return db.execute(
                "UPDATE pairs SET lease_until = now() + make_interval(secs => %s)"
                " WHERE job_id = %s AND idx = %s AND status = 'running' AND token = %s",
                (self.lease, claim.job_id, claim.index, claim.token),
            ).rowcount > 0

    def finish(self, job_id: str, index: int, outputs: dict[str, Output], token: str = "") -> bool:
        """Outputs, status and progress in one transaction; False (outputs dropped) when the claim was lost."""
        with self._pool.connection() as db:
            if not _mark(db, job_id, index, "done", None, token):
                return False
            with db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO outputs (job_id, idx, format, content, error) VALUES (%s, %s, %s, %s, %s)"
                    " ON CONFLICT (job_id, idx, format) DO UPDATE SET content = excluded.content, error = excluded.error",
                    [(job_id, index, fmt, out.content, out.error) for fmt, out in outputs.items()],
                )
        return True

    def fail(self, job_id: str, index: int, problem: dict[str, Any], token: str = "") -> bool:
        with self._pool.connection() as db:
            return _mark(db, job_id, index, "failed", json.dumps(problem, ensure_ascii=False), token)

    def pending(self) -> int:
        with self._pool.connection() as db:
            return _pending(db)

    def recover(self) -> int:
        """Pairs whose lease ran out go back to the queue; others' running pairs are left alone."""
        with self._pool.connection() as db:
            return db.execute(
                "UPDATE pairs SET status = 'queued', token = NULL WHERE status = 'running' AND lease_until < now()"
            ).rowcount

    def get_review(self, job_id: str, pair: int) -> dict[str, Any] | None:
        with self._pool.connection() as db:
            row = db.execute("SELECT document FROM reviews WHERE job_id = %s AND pair = %s", (job_id, pair)).fetchone()
        return None if row is None else json.loads(row["document"])

    def put_review(self, job_id: str, pair: int, review: dict[str, Any]) -> None:
        with self._pool.connection() as db:
            if db.execute("SELECT 1 FROM pairs WHERE job_id = %s AND idx = %s", (job_id, pair)).fetchone() is None:
                raise KeyError(f"job {job_id} has no pair {pair}")
            db.execute(
                "INSERT INTO reviews (job_id, pair, document, updated_at) VALUES (%s, %s, %s, %s)"
                " ON CONFLICT (job_id, pair) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at",
                (job_id, pair, json.dumps(review, ensure_ascii=False), time.time()),
            )

    def close(self) -> None:
        self._pool.close()


def redacted(url: str) -> str:
    """The URL for messages: host, port and database, never the password."""
    try:
        parts = conninfo_to_dict(url)
    except Exception:
        return "postgresql://…"
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', '')}{port}/{parts.get('dbname', '')}"


def _pending(db: Connection[Any]) -> int:
    row = db.execute("SELECT count(*) AS n FROM pairs WHERE status IN ('queued', 'running')").fetchone()
    assert row is not None  # count(*) always gives a row
    return row["n"]


def _mark(db: Connection[Any], job_id: str, index: int, status: str, error: str | None, token: str) -> bool:
    """Move a running pair (held by `token`, when given) to done or failed and update its job."""
    changed = db.execute(
        "UPDATE pairs SET status = %s, error = %s, token = NULL"
        " WHERE job_id = %s AND idx = %s AND status = 'running' AND (%s = '' OR token = %s)",
        (status, error, job_id, index, token, token),
    ).rowcount
    if not changed:
        return False
    column = "done" if status == "done" else "failed"
    db.execute(f"UPDATE jobs SET {column} = {column} + 1, updated = %s WHERE id = %s", (time.time(), job_id))
    db.execute(
        "UPDATE jobs SET status = CASE WHEN done = 0 THEN 'failed' ELSE 'done' END"
        " WHERE id = %s AND status = 'running' AND done + failed = total",
        (job_id,),
    )
    return True


def _job(row: dict[str, Any], errors: tuple[PairError, ...] = (), pair_status: tuple[str, ...] = ()) -> Job:
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
