"""`transalign serve` as a real uvicorn process on loopback: endpoints, keys, logs, and a crash mid-job."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pytest
from selenium.webdriver.common.by import By

from tests.api_support import ARABIC_SRT, ENGLISH_SRT, PAIR, ROOT, Server, wait_for, wait_job, worker_processes
from tests.browser import browser  # noqa: F401  (pytest fixture)


@pytest.fixture
def server(tmp_path):
    running = Server(tmp_path / "data", "--no-model", "--workers", "2")
    yield running
    running.stop()


def test_endpoints_over_http_with_one_log_line_per_request(server):
    http = server.http
    assert http.get("/healthz").json() == {"status": "ok"}
    wait_for(lambda: http.get("/readyz").status_code == 200, "readyz")
    assert http.get("/v1/models").status_code == 200
    result = http.post("/v1/align", json=PAIR).json()
    assert len(result["beads"]) == 3
    files = {"source": ("ar.srt", ARABIC_SRT.encode("cp1256")), "translation": ("en.srt", ENGLISH_SRT.encode())}
    assert http.post("/v1/align/files", files=files).json()["source"]["encoding"] == "cp1256"
    response = http.post("/v1/jobs", json={"pairs": [PAIR, PAIR]}, headers={"X-Request-ID": "job-42"})
    assert response.status_code == 202 and response.headers["x-request-id"] == "job-42"
    job = wait_job(http.get, response.headers["location"])
    assert job["progress"] == {"done": 2, "failed": 0, "total": 2}
    assert http.get(f"{response.headers['location']}/result?pair=1").json()["beads"] == result["beads"]
    assert http.get("/v1/jobs").json()["total"] == 1
    bad = http.post("/v1/align", content=b"{", headers={"content-type": "application/json"})
    assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"

    def logged() -> list[dict]:
        lines = [json.loads(line) for line in server.log_lines() if line.startswith('{"ts"')]
        return lines if any(entry.get("request_id") == "job-42" for entry in lines) else []

    entries = wait_for(logged, "the access log line of the job request")
    submitted = next(entry for entry in entries if entry["request_id"] == "job-42")
    assert (submitted["method"], submitted["path"], submitted["status"]) == ("POST", "/v1/jobs", 202)
    assert submitted["ms"] >= 0 and submitted["client"] == "127.0.0.1"


def test_keys_from_the_environment(tmp_path):
    server = Server(tmp_path / "data", "--no-model", env={"TRANSALIGN_API_KEYS": "alpha,beta"})
    try:
        http = server.http
        assert http.get("/healthz").status_code == 200
        assert http.get("/v1/jobs").status_code == 401
        alpha, beta = ({"Authorization": f"Bearer {k}"} for k in ("alpha", "beta"))
        location = http.post("/v1/jobs", json=PAIR, headers=alpha).headers["location"]
        assert http.get(location, headers=beta).status_code == 404
        assert wait_job(lambda url: http.get(url, headers=alpha), location)["status"] == "done"
        requests = (json.loads(line) for line in server.log_lines() if line.startswith('{"ts"'))
        key_ids = {entry["key"] for entry in requests if entry["event"] == "request"}
        assert "alpha" not in key_ids and len({k for k in key_ids if k}) == 2  # logged by hash prefix only
    finally:
        server.stop()


def test_a_killed_server_finishes_the_job_after_restart(tmp_path):
    """SIGKILL mid-job, restart on the same data dir: every pair finishes, nothing done is lost.

    TRANSALIGN_TEST_PAIR_DELAY makes the first server's worker wait before each pair, so
    the kill lands while the job is part done.
    """
    data = tmp_path / "data"
    first = Server(data, "--no-model", "--workers", "1", env={"TRANSALIGN_TEST_PAIR_DELAY": "0.4"})
    pairs = [PAIR] * 6
    response = first.http.post("/v1/jobs", json={"pairs": pairs})
    location = response.headers["location"]
    part_done = wait_for(lambda: (job := first.http.get(location).json())["progress"]["done"] >= 2 and job, "two pairs done")
    assert part_done["status"] == "running"
    before = first.http.get(f"{location}/result?pair=0").json()
    first.kill()

    second = Server(data, "--no-model", "--workers", "2")
    try:
        job = wait_job(second.http.get, location)
        assert job["status"] == "done" and job["progress"] == {"done": 6, "failed": 0, "total": 6}
        assert second.http.get(f"{location}/result?pair=0").json() == before
        everything = second.http.get(f"{location}/result").json()
        assert [p["status"] for p in everything["pairs"]] == ["done"] * 6
        assert all(len(p["result"]["beads"]) == 3 for p in everything["pairs"])
    finally:
        second.stop()


def test_serve_with_the_test_model(tmp_path, test_model):
    server = Server(tmp_path / "data", "--model", str(test_model))
    try:
        ready = wait_for(lambda: (r := server.http.get("/readyz")).status_code == 200 and r.json(), "the model to load")
        assert ready["model"]
        result = server.http.post("/v1/align", json=PAIR).json()
        assert len(result["renderings"]) == 3
        assert any("small test model" in note for note in result["notes"])
    finally:
        server.stop()


def test_serve_refuses_to_start_with_a_named_model_it_cannot_load(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "transalign.cli", "serve", "--port", "0", "--data-dir", str(tmp_path / "data"), "--model", "/no/such/dir"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 3, done.stderr
    assert "model error" in done.stderr and "/no/such/dir" in done.stderr


def test_docs_render_every_operation_from_the_servers_own_files(server, browser):  # noqa: F811
    browser.get(server.base + "/docs")
    operations = wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, ".opblock-summary-path"), "Swagger UI to render the operations")
    paths = {element.get_attribute("data-path") or element.text for element in operations}
    documented = set(server.http.get("/openapi.json").json()["paths"])
    assert "/v1/align" in documented and paths == documented
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    assert resources and all(url.startswith(server.base + "/") for url in resources), resources
    browser.get(server.base + "/redoc")
    assert wait_for(lambda: browser.find_elements(By.CSS_SELECTOR, "[data-section-id]"), "ReDoc to render")


def test_alignments_run_in_worker_processes_and_a_dead_one_is_replaced(server):
    """`--workers 2` is two processes besides the server; one killed, the server answers again with a fresh pool."""
    http = server.http
    wait_for(lambda: http.get("/readyz").status_code == 200, "readyz")
    workers = wait_for(lambda: found if len(found := worker_processes(server)) == 2 else None, "two worker processes")
    assert server.process.pid not in workers
    expected = http.post("/v1/align", json=PAIR).json()
    os.kill(next(iter(workers)), signal.SIGKILL)

    def answered() -> dict | None:
        response = http.post("/v1/align", json=PAIR)
        if response.status_code == 503:  # a request the dead process took down with it says so
            assert "worker process died" in response.json()["detail"]
            return None
        assert response.status_code == 200, response.text
        return response.json()

    assert wait_for(answered, "an answer from a fresh pool")["beads"] == expected["beads"]
    assert wait_for(lambda: len(fresh := worker_processes(server)) == 2 and fresh, "two fresh worker processes").isdisjoint(workers)


@pytest.mark.parametrize(("args", "named"), [(["--store", "mysql://db/jobs"], "--store"), (["--workers", "0"], "--workers"), (["--lease", "0"], "--lease")])
def test_bad_serve_settings_stop_with_a_message_naming_them(args, named):
    done = subprocess.run([sys.executable, "-m", "transalign.cli", "serve", "--no-model", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and named in done.stderr
