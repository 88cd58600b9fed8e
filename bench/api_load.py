"""API load benchmark: 10,000 documents in PostgreSQL, p95 of fetch and search at 50 clients.

    python bench/api_load.py [--documents 10000] [--clients 50] [--requests 3000] [--workers 2]

Creates a throwaway database ``sohoa_api_bench_<random>`` (migrated with
Alembic), seeds it through the index functions, starts ``uvicorn`` with the
app factory in a subprocess on a free loopback port, and drives it with httpx
async clients.  Prints a Markdown table (paste it into docs/api.md).
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
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.api.helpers import free_port  # noqa: E402
from tests.api.pg import migrate, throwaway_database  # noqa: E402
from tests.api.seed import WORDS, person, seed  # noqa: E402


def prepare(url: str, n: int) -> tuple[list[str], str]:
    from sohoa.api.auth import create_key
    from sohoa.models import api_tables  # noqa: F401
    from sohoa.models.db import session_factory
    migrate(url)
    started = time.monotonic()
    with session_factory(url)() as session:
        ids = seed(session, n, tag="bench", centre_of=lambda i: "C1" if i % 4 else "C2")
        key = create_key(session, "bench", "integrator", "C1", ["*"], rate_per_minute=10_000_000)[1]
        session.execute(__import__("sqlalchemy").text("ANALYZE"))
        session.commit()
    print(f"seeded {n} documents in {time.monotonic() - started:.1f} s", file=sys.stderr)
    return ids, key


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
            search.append(f"/api/v1/documents?q={rng.choice(WORDS)}&limit=20")
        elif kind == 1:
            search.append(f"/api/v1/documents?personal_id={person(rng.randrange(0, n, 3))}")
        else:
            search.append(f"/api/v1/documents?doc_type=official_document&q=bench&date_from=2025-03-01&limit=20")
    return {"fetch (GET /documents/{id})": fetch, "search (GET /documents?…)": search}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with throwaway_database("sohoa_api_bench_") as url:
        ids, key = prepare(url, args.documents)
        proc, base = start_server(url, args.workers)
        try:
            rows = []
            for name, paths in workloads(ids, args.documents, args.requests).items():
                asyncio.run(drive(base, key, paths[:200], args.clients))  # warm-up
                lat, errors, elapsed = asyncio.run(drive(base, key, paths, args.clients))
                rows.append(f"| {name} | {len(lat)} | {args.clients} | {statistics.median(lat):.1f} | "
                            f"{percentile(lat, 95):.1f} | {percentile(lat, 99):.1f} | {len(lat) / elapsed:.0f} | "
                            f"{errors} |")
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"{args.documents} documents, PostgreSQL, uvicorn --workers {args.workers}, httpx async clients, loopback\n")
    print("| workload | requests | clients | p50 ms | p95 ms | p99 ms | req/s | non-200 |")
    print("|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
