"""HTTP API load: latency and throughput of a real `transalign serve` on loopback.

    python benchmarks/api_load.py [--requests 200] [--concurrency 1,8,32] [--pairs 100]
                                  [--workers 1,2] [--rounds 1] [--client auto|ab|httpx]
                                  [--servers 2] [--postgres URL] [--time-limit 60] [--model MODEL]

For each `--workers` count, starts `transalign serve --workers N` (N worker processes,
SQLite job store) on 127.0.0.1 with a free port and a fresh data directory, waits for
/readyz, then:

- `POST /v1/align` with the fixture pair (fixtures/al-mayadeen/ar.srt and en.srt, sent as
  timed segments, one per cue; the .txt files, or a small built-in pair, when those are
  missing) at each concurrency: p50/p95/p99 latency and requests/s over `--requests`
  requests, after a few warm-up requests. The load comes from ApacheBench (`ab`, Debian's
  apache2-utils, C: about 0.2 ms of CPU per request) when it is installed, else from an
  httpx client in this process (about 3 ms per request, CPU the server then lacks on a small
  machine); `--client` chooses, and the output says which ran;
- one job of `--pairs` copies of that pair queued on `POST /v1/jobs`: seconds from
  submission until the job is done, and pairs/s.

It prints the CPU time each request cost in the load generator, in the server process (the
event loop: parsing, validating, answering) and in its worker processes (the pipeline),
read from /proc and getrusage: on a machine shared with other work those say what the
server needs whatever the load, when the wall-clock figures say mostly how busy the machine
was. From them it prints the ceiling those costs put on the ratio of requests/s on this
machine's cores. `--rounds` repeats the whole comparison (servers started afresh, worker
counts back to back), and the last lines give requests/s of each worker count over the
first's at each concurrency: per round, and the median and range over the rounds.
Then, unless `--servers 0`, `--servers` servers (each `--workers` = the first count) share
one PostgreSQL database (`--postgres URL`, else a throwaway server started as the tests
start theirs, when PostgreSQL is installed) and one job of `--pairs` pairs, submitted to
the first of them: seconds, pairs/s, and how many pairs each server ran.

Every phase stops at `--time-limit` seconds, whatever it has done by then, and reports what
it completed. Without `--model` the servers run with `--no-model` (alignment and checks,
no machine rendering). Only loopback is used. Prints its figures and exits 0.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "fixtures" / "al-mayadeen"
BUILT_IN = {
    "source": "قال الرئيس إن ٣١ جنديا قتلوا في دير الزور. وأضاف أن الهجوم وقع أمس؟\nلم يحدث ذلك في حمص.\n",
    "translation": "The president said 31 soldiers were killed in Deir ez-Zor. He added that the attack happened yesterday?\nThat did not happen in Homs.\n",
}


def fixture_pair() -> tuple[dict[str, Any], str]:
    """The request body and a line saying where it came from."""
    from transalign.formats import read_document

    srt = (FIXTURES / "ar.srt", FIXTURES / "en.srt")
    if all(path.exists() for path in srt):
        sides = [read_document(path, lang) for path, lang in zip(srt, ("ar", "en"))]
        segments = [[{"text": b.text, "start": b.start, "end": b.end} for b in doc.blocks] for doc in sides]
        what = f"fixtures/al-mayadeen/ar.srt + en.srt ({len(segments[0])} + {len(segments[1])} cues)"
        return {"source": segments[0], "translation": segments[1]}, what
    txt = (FIXTURES / "ar.txt", FIXTURES / "en.txt")
    if all(path.exists() for path in txt):
        return {"source": txt[0].read_text(encoding="utf-8"), "translation": txt[1].read_text(encoding="utf-8")}, "fixtures/al-mayadeen/ar.txt + en.txt"
    return dict(BUILT_IN), "a built-in 3-sentence pair (fixtures missing)"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, data_dir: Path, workers: int, model: str | None, time_limit: float, store: str | None = None) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        model_args = ["--model", model] if model else ["--no-model"]
        store_args = ["--store", store] if store else []
        command = [sys.executable, "-m", "transalign.cli", "serve", "--port", str(self.port), "--data-dir", str(data_dir),
                   "--workers", str(workers), "--queue-limit", "100000", *store_args, *model_args]
        env = {k: v for k, v in os.environ.items() if not k.startswith("TRANSALIGN_")}
        data_dir.mkdir(parents=True, exist_ok=True)
        self.log = (data_dir.parent / f"server-{self.port}.log").open("wb")
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + time_limit
        with httpx.Client(base_url=self.base, timeout=2) as http:
            while True:
                if self.process.poll() is not None:
                    raise SystemExit(f"the server exited with {self.process.returncode}; see {self.log.name}")
                try:
                    if http.get("/readyz").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    self.stop()
                    raise SystemExit(f"the server was not ready within {time_limit:g} s")
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def server_cpu(server: Server) -> tuple[float, float]:
    """CPU seconds so far of the server process and of all it started (worker processes, fork server)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError):
            continue
    family: set[int] = set()
    frontier = {server.process.pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - family
        family |= frontier
    return cpu_seconds(server.process.pid), sum(cpu_seconds(pid) for pid in family)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[rank]


def ab_load(base: str, body_file: Path, requests: int, concurrency: int, time_limit: float) -> dict[str, float]:
    """`requests` POSTs with `concurrency` in flight, sent by ApacheBench; stops early at `time_limit` seconds."""
    url = f"{base}/v1/align"
    common = ["-p", str(body_file), "-T", "application/json", "-l"]  # -l: a response's length may vary, not an error
    warm_up = ["ab", "-q", "-n", str(min(3, requests)), *common, url]  # not counted
    subprocess.run(warm_up, capture_output=True, check=True)
    times = body_file.with_suffix(".tsv")  # a line per request: ab's percentile table misreads the top ones below 100 requests
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = ["-t", f"{time_limit:g}", "-n", str(requests), "-c", str(concurrency), "-g", str(times)]  # -n after -t: -t sets 50000
    run = subprocess.run(["ab", "-q", "-k", *load, *common, url], capture_output=True, text=True, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if run.returncode != 0:
        raise SystemExit(f"ab failed: {run.stderr.strip() or run.stdout.strip()}")

    def figure(label: str) -> float:
        found = re.search(rf"^{label}:\s+([\d.]+)", run.stdout, re.MULTILINE)
        return float(found.group(1)) if found else 0.0

    labels = ("Complete requests", "Failed requests", "Non-2xx responses", "Time taken for tests")
    complete, failed, non2xx, wall = (figure(label) for label in labels)
    latencies = [float(line.split("\t")[4]) for line in times.read_text().splitlines()[1:]]  # ttime: whole request, in ms
    ok = complete - failed - non2xx
    return {
        "n": ok,
        "sent": complete + min(3, requests),
        "client_sent": complete,
        "errors": failed + non2xx,
        "p50": percentile(latencies, 0.50),
        "p95": percentile(latencies, 0.95),
        "p99": percentile(latencies, 0.99),
        "rps": ok / wall if wall else float("nan"),
        "client_cpu": (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime),
    }


def httpx_load(base: str, body: dict[str, Any], requests: int, concurrency: int, time_limit: float) -> dict[str, float]:
    """The same with an httpx client in this process."""
    before = time.process_time()
    figures = asyncio.run(align_load(base, body, requests, concurrency, time_limit))
    sent = figures["n"] + figures["errors"] + min(3, requests)
    return {**figures, "sent": sent, "client_sent": sent, "client_cpu": time.process_time() - before}


async def align_load(base: str, body: dict[str, Any], requests: int, concurrency: int, time_limit: float) -> dict[str, float]:
    """`requests` POSTs with `concurrency` in flight; stops early at `time_limit` seconds."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    deadline = time.monotonic() + time_limit
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=max(60.0, time_limit), limits=limits) as http:
        for _ in range(min(3, requests)):  # warm-up, not counted
            await http.post("/v1/align", json=body)

        async def user() -> None:
            nonlocal issued, errors
            while issued < requests and time.monotonic() < deadline:
                issued += 1
                started = time.perf_counter()
                response = await http.post("/v1/align", json=body)
                if response.status_code == 200:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(user() for _ in range(concurrency)))
        wall = time.perf_counter() - started
    return {
        "n": len(latencies),
        "errors": errors,
        "p50": percentile(latencies, 0.50) * 1000,
        "p95": percentile(latencies, 0.95) * 1000,
        "p99": percentile(latencies, 0.99) * 1000,
        "mean": (statistics.fmean(latencies) * 1000) if latencies else float("nan"),
        "rps": len(latencies) / wall if wall else float("nan"),
    }


def job_throughput(base: str, body: dict[str, Any], pairs: int, time_limit: float) -> dict[str, float]:
    with httpx.Client(base_url=base, timeout=60) as http:
        started = time.perf_counter()
        response = http.post("/v1/jobs", json={"pairs": [body] * pairs})
        response.raise_for_status()
        location = response.headers["location"]
        deadline = time.monotonic() + time_limit
        while True:
            job = http.get(location).json()
            if job["status"] in ("done", "failed", "cancelled") or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        wall = time.perf_counter() - started
        progress = job["progress"]
        if job["status"] not in ("done", "failed", "cancelled"):
            http.delete(location)
    return {"status": job["status"], "done": progress["done"], "failed": progress["failed"], "total": progress["total"],
            "seconds": wall, "pairs_per_s": progress["done"] / wall if wall else float("nan")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="measured requests per concurrency level")
    parser.add_argument("--concurrency", default="1,8,32")
    parser.add_argument("--pairs", type=int, default=100, help="pairs in each queued job")
    parser.add_argument("--workers", default="1,2", help="the servers' --workers (worker processes), one run each")
    parser.add_argument("--rounds", type=int, default=1, help="times to run the whole comparison of --workers counts")
    parser.add_argument("--client", choices=("auto", "ab", "httpx"), default="auto",
                        help="load generator: ApacheBench (auto: when installed) or an httpx client in this process")
    parser.add_argument("--servers", type=int, default=2, help="servers sharing one PostgreSQL database for the job phase (0: skip it)")
    parser.add_argument("--postgres", help="a postgresql:// URL to use (its tables are created if missing); default: a throwaway server")
    parser.add_argument("--time-limit", type=float, default=60.0, help="seconds each phase may take")
    parser.add_argument("--model", help="serve with this model instead of --no-model")
    args = parser.parse_args(argv)
    levels = [int(c) for c in args.concurrency.split(",") if c.strip()]
    counts = [int(w) for w in args.workers.split(",") if w.strip()]
    client = args.client if args.client != "auto" else ("ab" if shutil.which("ab") else "httpx")
    if client == "ab" and not shutil.which("ab"):
        raise SystemExit("--client ab: ApacheBench is not installed (Debian: apt-get install apache2-utils)")
    body, what = fixture_pair()
    cores = len(os.sched_getaffinity(0))
    print(f"{cores} CPUs, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {args.model or '--no-model'}")
    print(f"pair: {what}")
    if client == "ab":
        print("load generator: ApacheBench (ab -k), a C process")
    else:
        missing = "" if args.client == "httpx" else " (ab not installed: apt-get install apache2-utils)"
        print(f"load generator: an httpx client in this process{missing}")

    rps: list[dict[int, dict[int, float]]] = []  # per round: worker count -> concurrency -> requests/s
    costs: list[dict[int, dict[int, list[float]]]] = []  # the same for CPU ms per request: client, server, workers
    with tempfile.TemporaryDirectory(prefix="transalign-api-load-") as tmp:
        body_file = Path(tmp) / "body.json"
        body_file.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        for number in range(args.rounds):
            if args.rounds > 1:
                print(f"\n== round {number + 1} of {args.rounds}, load average {os.getloadavg()[0]:.2f}")
            rps.append({})
            costs.append({})
            for workers in counts:
                data_dir = Path(tmp) / f"data-{number}-{workers}"
                rps[-1][workers], costs[-1][workers] = one_server(data_dir, workers, levels, client, body, body_file, cores, args)
            print()
            ratio_lines(rps[-1], counts, levels, "this round" if args.rounds > 1 else "")
            bound_lines(costs[-1], counts, levels, cores)
        if args.rounds > 1:
            print(f"\nover {args.rounds} rounds (median, range):")
            for workers in counts[1:]:
                parts = []
                for level in levels:
                    ratios = sorted(r[workers][level] / r[counts[0]][level] for r in rps if r[counts[0]][level])
                    if ratios:
                        parts.append(f"{statistics.median(ratios):.2f}x at {level} ({ratios[0]:.2f}-{ratios[-1]:.2f})")
                print(f"requests/s with {workers} worker processes over {counts[0]}: " + ", ".join(parts))
        if args.servers > 0:
            shared_store(Path(tmp), body, args, counts[0])
    return 0


def one_server(data_dir: Path, workers: int, levels: list[int], client: str, body: dict[str, Any], body_file: Path, cores: int,
               args: argparse.Namespace) -> tuple[dict[int, float], dict[int, list[float]]]:
    """One server with `workers` worker processes: each concurrency level, then one job; requests/s and CPU costs by level."""
    rps: dict[int, float] = {}
    costs: dict[int, list[float]] = {}
    server = Server(data_dir, workers, args.model, args.time_limit)
    try:
        print(f"\ntransalign serve --workers {workers} (SQLite), POST /v1/align")
        print(f"{'concurrency':>11} {'requests':>8} {'errors':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'req/s':>7}"
              f" {'CPU ms/req: client':>19} {'server':>7} {'workers':>8} {'ceiling req/s':>14}")
        for level in levels:
            before = server_cpu(server)
            if client == "ab":
                figures = ab_load(server.base, body_file, args.requests, level, args.time_limit)
            else:
                figures = httpx_load(server.base, body, args.requests, level, args.time_limit)
            after = server_cpu(server)
            spent = [figures["client_cpu"] * 1000 / max(1, figures["client_sent"])]
            spent += [(a - b) * 1000 / max(1, figures["sent"]) for a, b in zip(after, before)]
            rps[level], costs[level] = figures["rps"], spent
            latency = f"{figures['p50']:>8.1f} {figures['p95']:>8.1f} {figures['p99']:>8.1f}"
            print(f"{level:>11} {figures['n']:>8.0f} {figures['errors']:>6.0f} {latency} {figures['rps']:>7.1f}"
                  f" {spent[0]:>19.1f} {spent[1]:>7.1f} {spent[2]:>8.1f} {ceiling(spent, workers, level, cores):>14.1f}")
        jobs = job_throughput(server.base, body, args.pairs, args.time_limit)
        print(f"POST /v1/jobs, one job of {args.pairs} pairs: {jobs['status']}, {jobs['done']} done, {jobs['failed']} failed"
              f" in {jobs['seconds']:.1f} s = {jobs['pairs_per_s']:.1f} pairs/s")
    finally:
        server.stop()
    return rps, costs


def ceiling(costs: list[float], workers: int, concurrency: int, cores: int) -> float:
    """Requests/s these CPU costs allow on `cores` cores: the busy worker processes can use at most
    one core each, and everything (client, server, workers) shares the cores."""
    client, server, work = costs
    if work <= 0:
        return float("nan")
    busy = min(workers, concurrency, cores)
    return min(busy * 1000 / work, cores * 1000 / (client + server + work))


def ratio_lines(rps: dict[int, dict[int, float]], counts: list[int], levels: list[int], label: str) -> None:
    """Requests/s with each worker count over the first's, at each concurrency."""
    base = rps[counts[0]]
    for workers in counts[1:]:
        ratios = ", ".join(f"{rps[workers][level] / base[level]:.2f}x at {level}" for level in levels if base[level])
        print(f"requests/s with {workers} worker processes over {counts[0]}{f' ({label})' if label else ''}: {ratios}")


def bound_lines(costs: dict[int, dict[int, list[float]]], counts: list[int], levels: list[int], cores: int) -> None:
    """The most that ratio can be on these cores, from the CPU costs of the larger pool's run (the same costs for both
    counts, so that how busy the machine was during each run does not enter)."""
    for workers in counts[1:]:
        bounds = []
        for level in levels:
            spent = costs[workers][level]
            base = ceiling(spent, counts[0], level, cores)
            if base == base and base > 0:  # not NaN
                bounds.append(f"{ceiling(spent, workers, level, cores) / base:.2f}x at {level}")
        print(f"at most, from the CPU costs of the {workers}-process run on {cores} cores: " + ", ".join(bounds))


def shared_store(tmp: Path, body: dict[str, Any], args: argparse.Namespace, workers: int) -> None:
    """`--servers` servers on one PostgreSQL database run one job between them."""
    cluster = None
    url = args.postgres
    if url is None:
        from tests.postgres import Cluster, Unavailable

        try:
            cluster = Cluster()
        except Unavailable as why:
            print(f"\nno PostgreSQL phase: {why}")
            return
        url = cluster.database("api_load")
    servers: list[Server] = []
    try:
        for number in range(args.servers):
            servers.append(Server(tmp / f"pg-{number}", workers, args.model, args.time_limit, store=url))
        jobs = job_throughput(servers[0].base, body, args.pairs, args.time_limit)
        print(f"\n{args.servers} servers (--workers {workers} each) on one PostgreSQL, one job of {args.pairs} pairs:"
              f" {jobs['status']}, {jobs['done']} done, {jobs['failed']} failed in {jobs['seconds']:.1f} s = {jobs['pairs_per_s']:.1f} pairs/s")
        print("pairs run by each server: " + ", ".join(f"{count}" for count in pairs_per_server(url, servers)))
    finally:
        for server in servers:
            server.stop()
        if cluster is not None:
            cluster.stop()


def pairs_per_server(url: str, servers: list[Server]) -> list[int]:
    import psycopg

    with psycopg.connect(url) as db:
        workers = [row[0] for row in db.execute("SELECT worker FROM pairs WHERE status = 'done'")]
    return [sum(f":{server.process.pid}/" in worker for worker in workers) for server in servers]


if __name__ == "__main__":
    sys.exit(main())
