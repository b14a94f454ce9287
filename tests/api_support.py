"""What the API tests share: a small pair, an in-process app, a real server process, bounded polling."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from fastapi.testclient import TestClient

from transalign.api.app import create_app
from transalign.api.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
ARABIC = "قال الرئيس إن ٣١ جنديا قتلوا في دير الزور. وأضاف أن الهجوم وقع أمس؟\nلم يحدث ذلك في حمص.\n"
ENGLISH = "The president said 31 soldiers were killed in Deir ez-Zor. He added that the attack happened yesterday?\nThat did not happen in Homs.\n"
ARABIC_SRT = (
    "1\n00:00:01,000 --> 00:00:04,000\nقال الرئيس إن 31 جنديا قتلوا في دير الزور.\n\n"
    "2\n00:00:04,500 --> 00:00:07,000\nلم يحدث ذلك في حمص.\n"
)
ENGLISH_SRT = (
    "1\n00:00:01,000 --> 00:00:04,000\nThe president said 31 soldiers were killed in Deir ez-Zor.\n\n"
    "2\n00:00:04,500 --> 00:00:07,000\nThat did not happen in Homs.\n"
)
PAIR: dict[str, Any] = {"source": ARABIC, "translation": ENGLISH}
DEADLINE = 60.0  # seconds any bounded wait in these tests may take


@contextmanager
def client(data_dir: Path, **settings: Any) -> Iterator[TestClient]:
    """The app in-process, lifespan and worker pool running, without a model unless asked."""
    settings.setdefault("use_model", False)
    app = create_app(Settings(data_dir=data_dir, **settings))
    with TestClient(app) as test_client:
        yield test_client


def wait_for(check: Callable[[], Any], what: str, deadline: float = DEADLINE, every: float = 0.05) -> Any:
    """Poll `check` until it returns something truthy; fail after `deadline` seconds."""
    end = time.monotonic() + deadline
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {deadline:g} s waiting for {what}")
        time.sleep(every)


def wait_job(get: Callable[[str], httpx.Response], location: str, statuses: tuple[str, ...] = ("done", "failed", "cancelled")) -> dict[str, Any]:
    def finished() -> dict[str, Any] | None:
        job = get(location).json()
        return job if job["status"] in statuses else None

    return wait_for(finished, f"{location} to reach {'/'.join(statuses)}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`transalign serve` as a real uvicorn process on loopback; stderr (the access log) goes to a file."""

    def __init__(self, data_dir: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = data_dir.parent / f"server-{self.port}.log"
        command = [sys.executable, "-m", "transalign.cli", "serve", "--port", str(self.port), "--data-dir", str(data_dir), *args]
        environment = {k: v for k, v in os.environ.items() if not k.startswith("TRANSALIGN_")}
        environment.update(env or {})
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
        self.http = httpx.Client(base_url=self.base, timeout=30)
        try:
            wait_for(self._up, f"the server on port {self.port} to answer /healthz")
        except BaseException:
            self.stop()
            raise

    def _up(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"the server exited with {self.process.returncode}:\n{self.log.read_text()}")
        try:
            return self.http.get("/healthz", timeout=1).status_code == 200
        except httpx.TransportError:
            return False

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as when a machine dies."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self.http.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()
        self.http.close()

    def log_lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8", errors="replace").splitlines()


def descendants(pid: int) -> set[int]:
    """The processes `pid` started, and theirs: the server's fork server and worker processes."""
    parents = _parents()
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def worker_processes(server: Server) -> set[int]:
    """The server's worker processes: the children of its fork server (a child of the server)."""
    parents = _parents()
    return {pid for pid, parent in parents.items() if parents.get(parent) == server.process.pid}


def running(pid: int) -> bool:
    """The process exists and has not exited (a zombie waiting for its new parent to reap it has)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _parents() -> dict[int, int]:
    """Every process's parent, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            continue
    return parents
