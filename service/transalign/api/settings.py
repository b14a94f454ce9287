"""Server settings: one frozen object built from the command line or the environment.

Kept apart from `Options` (which configures one alignment) because these govern the
process: where jobs live, how much work it accepts, who may call it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from transalign.errors import InputError

DEFAULT_DATA_DIR = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "transalign"


def default_workers() -> int:
    """One worker process per CPU this process may run on (cgroup quota included; `TRANSALIGN_THREADS` overrides)."""
    from transalign.translate.device import cpu_threads

    return cpu_threads()


@dataclass(frozen=True)
class Settings:
    data_dir: Path = DEFAULT_DATA_DIR  # the SQLite job store's home (unused with a PostgreSQL store)
    workers: int = 2  # worker processes running the pipeline, each with the model loaded once
    store: str | None = None  # a postgresql:// URL: jobs in that database, shared with other servers
    lease: float = 60.0  # seconds a claimed pair stays a dead server's before another may take it (PostgreSQL)
    queue_limit: int = 1000  # queued + running pairs before POST /v1/jobs answers 429
    max_sync_bytes: int = 1_000_000  # POST /v1/align bodies above this get 413 (use jobs)
    max_job_bytes: int = 50_000_000  # POST /v1/jobs bodies above this get 413
    max_pairs: int = 1000  # pairs in one job
    sync_timeout: float = 60.0  # seconds a synchronous alignment may take before 503
    max_sync_pending: int = 64  # synchronous alignments running or waiting before 429
    api_key_hashes: frozenset[str] = frozenset()  # sha256 of each accepted key; empty: no auth
    cors_origins: tuple[str, ...] = ()  # CORS is off unless origins are named
    model: str | None = None  # None: the registry default for the language pair
    engine: str = "auto"
    use_model: bool = True
    source_lang: str = "ar"  # the pair the shared model is loaded for
    target_lang: str = "en"
    pair_delay: float = 0.0  # test hook: seconds each worker waits before a pair (TRANSALIGN_TEST_PAIR_DELAY)

    @property
    def auth(self) -> bool:
        return bool(self.api_key_hashes)

    @property
    def database(self) -> Path:
        return self.data_dir / "jobs.sqlite3"


def hash_key(key: str) -> str:
    """Keys are stored and compared only as hashes, so the job store never holds a usable key."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def keys_from_env(environ: dict[str, str] | None = None) -> frozenset[str]:
    """Hashes of the keys in TRANSALIGN_API_KEYS (comma-separated) and TRANSALIGN_API_KEYS_FILE (one a line)."""
    env = os.environ if environ is None else environ
    keys = [k.strip() for k in env.get("TRANSALIGN_API_KEYS", "").split(",")]
    path = env.get("TRANSALIGN_API_KEYS_FILE")
    if path:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as error:
            raise InputError(path, f"cannot read the API keys file ({error.strerror or error})") from None
        keys += [line.strip() for line in lines if not line.lstrip().startswith("#")]
    return frozenset(hash_key(k) for k in keys if k)


def store_from(value: str | None) -> str | None:
    """A PostgreSQL URL, or None for SQLite; anything else is refused before the server starts."""
    if not value:
        return None
    if not value.startswith(("postgresql://", "postgres://")):
        raise InputError("--store", f"'{value.split('://')[0]}://…' is not a job store this server knows",
                         expected="a postgresql://user@host:port/database URL, or nothing for SQLite in --data-dir")
    return value


def pair_delay_from_env(environ: dict[str, str] | None = None) -> float:
    """The test-only slow hook: lets a test kill the server while a job is half done."""
    env = os.environ if environ is None else environ
    value = env.get("TRANSALIGN_TEST_PAIR_DELAY", "")
    try:
        return max(0.0, float(value)) if value else 0.0
    except ValueError:
        raise InputError("TRANSALIGN_TEST_PAIR_DELAY", f"'{value}' is not a number", expected="seconds") from None
