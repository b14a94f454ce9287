"""A throwaway PostgreSQL server for the tests and `benchmarks/api_load.py`.

`initdb` in a fresh temporary folder, `postgres` on a free loopback port with its socket
in that folder, trust authentication (nothing but this machine can reach it), no fsync
(nothing in it outlives the run). PostgreSQL refuses to run as root, so as root the
cluster belongs to `nobody`. Debian's `postgresql` package (installed by scripts/setup.sh
when it runs as root) puts the binaries in /usr/lib/postgresql/<version>/bin.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

START_TIMEOUT = 60.0  # seconds for the server to accept connections
RUN_AS = "nobody"  # the owner of the cluster when we are root


class Unavailable(Exception):
    """PostgreSQL cannot run here; the message says why."""


def binaries() -> Path:
    """The folder with initdb and postgres: on PATH, else Debian's versioned folder (newest first)."""
    found = shutil.which("initdb")
    if found and shutil.which("postgres"):
        return Path(os.path.realpath(found)).parent
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda f: int(f.split("/")[-2]), reverse=True):
        if os.access(f"{folder}/initdb", os.X_OK) and os.access(f"{folder}/postgres", os.X_OK):
            return Path(folder)
    raise Unavailable("no initdb/postgres on PATH or in /usr/lib/postgresql/*/bin; install Debian's 'postgresql' package (scripts/setup.sh does as root)")


class Cluster:
    """A running throwaway server; `database()` makes an empty database and gives its URL."""

    def __init__(self) -> None:
        import psycopg

        self._psycopg = psycopg
        bin_dir = binaries()
        self.root = Path(tempfile.mkdtemp(prefix="transalign-pg-"))
        user = _owner()
        if user is not None:
            os.chown(self.root, user.pw_uid, user.pw_gid)
        self.data = self.root / "data"
        self.log = self.root / "postgres.log"
        as_owner = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []} if user else {}
        init = subprocess.run(
            [str(bin_dir / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"],
            capture_output=True, text=True, cwd=self.root, **as_owner,
        )
        if init.returncode != 0:
            self._remove()
            raise Unavailable(f"initdb failed ({init.returncode}): {init.stderr.strip()[-500:]}")
        self.port = _free_port()
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [str(bin_dir / "postgres"), "-D", str(self.data), "-p", str(self.port), "-k", str(self.root),
                 "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
                 "-c", "full_page_writes=off", "-c", "max_connections=200"],
                stdout=log, stderr=subprocess.STDOUT, cwd=self.root, **as_owner,
            )
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        try:
            self._wait()
        except BaseException:
            self.stop()
            raise

    def database(self, prefix: str = "t") -> str:
        """A new empty database; its URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with self._psycopg.connect(self.url, autocommit=True) as db:
            db.execute(f"CREATE DATABASE {name}")
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: smart shutdown, which waits for clients; then fast
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.send_signal(2)  # SIGINT: fast shutdown
                try:
                    self.process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        self._remove()

    def _wait(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.process.poll() is not None:
                raise Unavailable(f"postgres exited with {self.process.returncode}: {self.log.read_text(errors='replace')[-500:]}")
            try:
                with self._psycopg.connect(self.url, connect_timeout=2):
                    return
            except self._psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise Unavailable(f"postgres did not accept connections within {START_TIMEOUT:g} s") from None
                time.sleep(0.1)

    def _remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def _owner() -> pwd.struct_passwd | None:
    """As root, the unprivileged user the cluster runs as (PostgreSQL will not run as root); else None."""
    if os.geteuid() != 0:
        return None
    try:
        return pwd.getpwnam(RUN_AS)
    except KeyError:
        raise Unavailable(f"running as root and there is no '{RUN_AS}' user to run PostgreSQL as") from None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
