"""API load benchmark: 10,000 documents in PostgreSQL, p95 of fetch and search at 50 clients.

    python bench/api_load.py [--documents 10000] [--clients 50] [--seconds 15] [--workers 2] [--httpx]

Creates a throwaway database ``sohoa_api_bench_<random>`` (migrated with
Alembic), seeds it through the index functions, starts ``uvicorn`` with the
app factory in a subprocess on a free loopback port, and drives it with
``wrk`` (C, cheap on 2 cores; a Lua script rotates the URLs and reports p95)
or, with ``--httpx`` or without wrk, httpx async clients.  Prints a Markdown
table (paste it into docs/api.md).
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import shutil
from pathlib import Path
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.api.helpers import free_port  # noqa: E402
from tests.api.pg import migrate, throwaway_database  # noqa: E402
from tests.api.seed import WORDS, person, seed  # noqa: E402


def prepare(url: str, n: int) -> tuple[list[str], str]:
    from sohoa.api.auth import create_key
    from sohoa.models.db import session_factory
    migrate(url)
    started = time.monotonic()
    with session_factory(url)() as session:
        ids = seed(session, n, tag="bench", centre_of=lambda i: "C1" if i % 4 else "C2")
        key = create_key(session, "bench", "integrator", "C1", ["*"], rate_per_minute=10_000_000)[1]
        session.commit()
    vacuum(url)
    print(f"seeded {n} documents in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return ids, key


def vacuum(url: str) -> None:
    """VACUUM ANALYZE: the steady state autovacuum keeps (seeding leaves a dead row per document)."""
    from sqlalchemy import create_engine, text
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("VACUUM ANALYZE"))
    engine.dispose()


def start_server(url: str, workers: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "SOHOA_DATABASE__URL": url, "SOHOA_HOME": tempfile.mkdtemp(prefix="sohoa-bench-"),
           "SOHOA_LOG_LEVEL": "WARNING"}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "sohoa.api.app:create_app", "--factory",
                             "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
                             "--log-level", "warning", "--no-access-log",
                             "--timeout-keep-alive", "60"], env=env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.terminate()
    raise RuntimeError("server did not start")


async def drive(base: str, key: str, paths: list[str], clients: int) -> tuple[list[float], int, float]:
    headers = {"Authorization": f"Bearer {key}", "X-Purpose": "benchmark"}
    latencies: list[float] = []
    errors = 0
    queue: asyncio.Queue[str] = asyncio.Queue()
    for p in paths:
        queue.put_nowait(p)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async def client(http: httpx.AsyncClient):
        nonlocal errors
        while not queue.empty():
            path = queue.get_nowait()
            started = time.perf_counter()
            resp = await http.get(path)
            latencies.append((time.perf_counter() - started) * 1000)
            errors += resp.status_code != 200

    async with httpx.AsyncClient(base_url=base, headers=headers, limits=limits, timeout=30) as http:
        await asyncio.gather(*(http.get("/api/v1/health") for _ in range(clients)))  # open the connections
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(clients)))
        elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("SOHOA_BENCH_PATHS")) do paths[#paths + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %.2f %.2f %.2f %d %d\\n", summary.requests, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000, errors, summary.duration))
end
"""


def run_wrk(base: str, key: str, paths: list[str], clients: int, seconds: int) -> tuple[int, float, float, float, int, float]:
    with tempfile.TemporaryDirectory() as tmp:
        script, listing = Path(tmp) / "paths.lua", Path(tmp) / "paths.txt"
        script.write_text(WRK_SCRIPT)
        listing.write_text("\n".join(paths))
        out = subprocess.run(["wrk", "-t2", f"-c{clients}", f"-d{seconds}s", "--timeout", "10s", "-s", str(script),
                              "-H", f"Authorization: Bearer {key}", "-H", "X-Purpose: benchmark", base],
                             capture_output=True, text=True, check=True,
                             env={**os.environ, "SOHOA_BENCH_PATHS": str(listing)}).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("RESULT"))
    n, p50, p95, p99, errors, micros = line.split()[1:]
    return int(n), float(p50), float(p95), float(p99), int(errors), int(micros) / 1e6


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def workloads(ids: list[str], n: int, requests: int) -> dict[str, list[str]]:
    rng = random.Random(7)
    fetch = [f"/api/v1/documents/{rng.choice(ids)}" for _ in range(requests)]
    search = []
    for i in range(requests):
        kind = i % 3
        if kind == 0:
            search.append(f"/api/v1/documents?q={quote(rng.choice(WORDS))}&limit=20")
        elif kind == 1:
            search.append(f"/api/v1/documents?personal_id={person(rng.randrange(0, n, 3))}")
        else:
            search.append("/api/v1/documents?doc_type=official_document&q=bench&date_from=2025-03-01&limit=20")
    return {"fetch (GET /documents/{id})": fetch, "search (GET /documents?…)": search}


def measure(name: str, paths: list[str], base: str, key: str, args, use_wrk: bool) -> str:
    if use_wrk:
        run_wrk(base, key, paths[:500], args.clients, 3)  # warm-up
        n, p50, p95, p99, errors, elapsed = run_wrk(base, key, paths, args.clients, args.seconds)
    else:
        asyncio.run(drive(base, key, paths[:200], args.clients))  # warm-up
        lat, errors, elapsed = asyncio.run(drive(base, key, paths, args.clients))
        n, p50, p95, p99 = len(lat), statistics.median(lat), percentile(lat, 95), percentile(lat, 99)
    return f"| {name} | {n} | {args.clients} | {p50:.1f} | {p95:.1f} | {p99:.1f} | {n / elapsed:.0f} | {errors} |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000, help="per workload, httpx driver")
    parser.add_argument("--seconds", type=int, default=15, help="per workload, wrk driver")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--httpx", action="store_true", help="drive with httpx even if wrk is installed")
    args = parser.parse_args()
    use_wrk = shutil.which("wrk") is not None and not args.httpx
    with throwaway_database("sohoa_api_bench_") as url:
        ids, key = prepare(url, args.documents)
        proc, base = start_server(url, args.workers)
        try:
            rows = [measure(name, paths, base, key, args, use_wrk)
                    for name, paths in workloads(ids, args.documents, args.requests).items()]
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    load = os.getloadavg()[0]
    print(f"{args.documents} documents, PostgreSQL, uvicorn --workers {args.workers}, "
          f"{'wrk' if use_wrk else 'httpx async'} on loopback, load average {load:.1f} at the end\n")
    print("| workload | requests | clients | p50 ms | p95 ms | p99 ms | req/s | non-200 |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
