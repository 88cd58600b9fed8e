"""Queue throughput with 1 and 2 workers on the same batch, and RQ's overhead per job.

    python bench/queue_throughput.py [--docs 16] [--noop 100]

Uses a private ``redis-server`` on a free port, SQLite + local storage under a
temporary folder, and real ``sohoa worker`` processes.  Workers are started and
registered before the clock starts (their start-up, ~5 s of model loading, is
paid once per process, not per job).  Results are printed as JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.05)


def _env(home: Path, redis_url: str, queue: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOHOA_")}
    env.update({"PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1", "SOHOA_HOME": str(home),
                "SOHOA_SIGNING__ENABLED": "false", "SOHOA_QUEUE__BACKEND": "rq", "SOHOA_QUEUE__REDIS_URL": redis_url,
                "SOHOA_QUEUE__NAME": queue, "SOHOA_LOG_LEVEL": "WARNING"})
    return env


def _start_workers(env: dict, count: int, settings) -> subprocess.Popen:
    from sohoa.pipeline.queue import RqQueue
    proc = subprocess.Popen([sys.executable, "-m", "sohoa.api.cli", "worker", "-n", str(count)], env=env,
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rq = RqQueue(settings)
    _wait(lambda: rq.workers() == count, 120, f"{count} workers")
    return proc


def _worker_cpu(launcher: subprocess.Popen) -> float:
    """CPU seconds used so far by the worker processes and their finished work horses (/proc)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == launcher.pid:  # fields[1] = ppid; 11..14 = utime stime cutime cstime
            total += sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    return total


def _stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


def _settings(env: dict):
    from sohoa.models.settings import Settings
    for key in [k for k in os.environ if k.startswith("SOHOA_")]:
        del os.environ[key]
    os.environ.update({k: v for k, v in env.items() if k.startswith("SOHOA_")})
    return Settings()


def batch_run(tmp: Path, redis_url: str, workers: int, docs: int) -> tuple[float, float]:
    """Seconds from submitting ``docs`` scans to all of them done, and worker CPU seconds per doc."""
    from sqlalchemy import func, select

    from sohoa.ingest.inbox import ingest_bytes
    from sohoa.models.db import DocumentRecord
    from sohoa.pipeline.queue import ingest_context
    from tests.integration.scans import text_scan
    env = _env(tmp / f"home-{workers}", redis_url, f"bench-{workers}")
    settings = _settings(env)
    ctx = ingest_context(settings)
    ctx.sessions().close()
    proc = _start_workers(env, workers, settings)
    scans = [text_scan(1000 + n) for n in range(docs)]
    try:
        cpu0, started = _worker_cpu(proc), time.monotonic()
        for n, data in enumerate(scans):
            ingest_bytes(data, f"scan-{n}.png", ctx)

        def finished() -> bool:
            with ctx.sessions() as session:
                return session.scalar(select(func.count()).where(DocumentRecord.status.in_(("done", "failed")))) == docs
        _wait(finished, 900, "the batch")
        wall = time.monotonic() - started
        time.sleep(0.5)  # the last work horse is reaped
        return wall, (_worker_cpu(proc) - cpu0) / docs
    finally:
        _stop(proc)


def noop_overhead(tmp: Path, redis_url: str, jobs: int) -> dict:
    """Mean seconds per no-op job through RQ (1 worker, end to end) minus a direct call."""
    from sohoa.pipeline import tasks
    from sohoa.pipeline.queue import RqQueue
    env = _env(tmp / "home-noop", redis_url, "bench-noop")
    settings = _settings(env)
    rq = RqQueue(settings)
    proc = _start_workers(env, 1, settings)
    try:
        t0 = time.perf_counter()
        for _ in range(jobs):
            tasks.noop("x")
        direct = (time.perf_counter() - t0) / jobs
        cpu0, started = _worker_cpu(proc), time.monotonic()
        ids = [rq.queue.enqueue_call("sohoa.pipeline.tasks.noop", args=("x",)).id for _ in range(jobs)]
        _wait(lambda: rq.queue.finished_job_registry.count >= jobs, 300, "the no-op jobs")
        through_rq = (time.monotonic() - started) / len(ids)
        time.sleep(0.5)
        cpu = (_worker_cpu(proc) - cpu0) / len(ids)
    finally:
        _stop(proc)
    return {"noop_jobs": jobs, "direct_ms": round(direct * 1000, 3), "rq_ms_per_job": round(through_rq * 1000, 1),
            "overhead_ms_per_job": round((through_rq - direct) * 1000, 1),
            "overhead_cpu_ms_per_job": round(cpu * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=16)
    parser.add_argument("--noop", type=int, default=100)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="sohoa-bench-"))
    port = _free_port()
    redis = subprocess.Popen(["redis-server", "--port", str(port), "--save", "", "--appendonly", "no",
                              "--dir", str(tmp)], stdout=subprocess.DEVNULL)
    redis_url = f"redis://127.0.0.1:{port}/0"
    try:
        time.sleep(0.5)
        load = os.getloadavg()[0]
        one, cpu_one = batch_run(tmp, redis_url, 1, args.docs)
        two, cpu_two = batch_run(tmp, redis_url, 2, args.docs)
        result = {"docs": args.docs, "cpus": os.cpu_count(),
                  "load_avg_1m_before_after": [round(load, 1), round(os.getloadavg()[0], 1)],
                  "cpu_s_per_doc_1": round(cpu_one, 2), "cpu_s_per_doc_2": round(cpu_two, 2),
                  "one_worker_s": round(one, 1),
                  "two_workers_s": round(two, 1), "docs_per_min_1": round(60 * args.docs / one, 1),
                  "docs_per_min_2": round(60 * args.docs / two, 1), "speedup": round(one / two, 2)}
        result.update(noop_overhead(tmp, redis_url, args.noop))
        print(json.dumps(result))
    finally:
        redis.terminate()
        redis.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
