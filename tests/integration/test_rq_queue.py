"""RqQueue with real Redis and real ``sohoa worker`` processes."""
from __future__ import annotations

import json
import subprocess
import sys
import time
import uuid

from rq import Queue, Retry, Worker
from rq.job import Job

from sohoa.ingest.inbox import ingest_bytes
from sohoa.models.db import DocumentRecord, session_factory
from sohoa.models.migrations import upgrade
from sohoa.models.settings import Settings
from sohoa.pipeline.queue import InlineQueue, RqQueue, ingest_context

from .conftest import ROOT, WorkerGroup, kill_machine, service_env, wait_until
from .scans import text_scan


def _env(redis_server, pg_url, tmp_path, **extra):
    return service_env(redis_url=redis_server.url, database_url=pg_url, queue_name=f"t-{uuid.uuid4().hex[:8]}",
                       home=tmp_path / "home", **extra)


def _settings(env: dict, monkeypatch) -> Settings:
    for key, value in env.items():
        if key.startswith("SOHOA_"):
            monkeypatch.setenv(key, value)
    return Settings()


def _record(settings: Settings, doc_id: str) -> DocumentRecord:
    with session_factory(settings.database_url)() as session:
        return session.get(DocumentRecord, doc_id)


def test_killed_worker_job_is_rerun_by_another_worker_within_15s(redis_server, pg_url, tmp_path, worker_groups,
                                                                 clean_env):
    env = _env(redis_server, pg_url, tmp_path)
    settings = _settings(env, clean_env)
    rq = RqQueue(settings)
    for name in ("a", "b"):
        worker_groups.append(WorkerGroup(env, 1, tmp_path / f"worker-{name}.log"))
    wait_until(lambda: Worker.count(queue=rq.queue) == 2, 90, what="two registered workers")
    markers = tmp_path / "markers"
    markers.mkdir()
    rq.queue.enqueue_call("tests.integration.probe.slow", args=(str(markers), 90), job_id="slow-1", timeout=300,
                          retry=Retry(max=2, interval=[1]))
    first = wait_until(lambda: sorted(markers.iterdir()), 60, what="the job to start")[0]
    victim = int(first.name.rsplit("-", 1)[1])
    kill_machine(victim)
    killed_at = time.monotonic()
    rerun = wait_until(lambda: [m for m in markers.iterdir() if m != first], 40, what="the job to run again")
    elapsed = time.monotonic() - killed_at
    print(f"abandoned job re-run {elapsed:.1f}s after SIGKILL")
    assert int(rerun[0].name.rsplit("-", 1)[1]) != victim
    assert elapsed < 20, elapsed  # target ~15 s; generous on a loaded machine
    assert Job.fetch("slow-1", connection=rq.connection).get_status().value == "started"


def test_errors_retry_policy_and_jobs_cli(redis_server, pg_url, tmp_path, worker_groups, clean_env):
    env = _env(redis_server, pg_url, tmp_path)
    settings = _settings(env, clean_env)
    upgrade(pg_url)
    ctx = ingest_context(settings)
    bad = ingest_bytes(b"this is not an image at all" * 10, "bad.png", ctx)
    good = ingest_bytes(text_scan(901), "good.png", ctx)
    assert ingest_bytes(text_scan(901), "again.png", ctx) == good  # same bytes: same document
    worker_groups.append(WorkerGroup(env, 2, tmp_path / "worker.log"))
    done = lambda: {_record(settings, d).status for d in (bad, good)} <= {"done", "failed"}  # noqa: E731
    wait_until(done, 120, what="both documents to finish")
    bad_record, good_record = _record(settings, bad), _record(settings, good)
    assert good_record.status == "done" and good_record.page_count == 1
    assert ctx.storage.exists(f"{good}/result.pdf")
    assert bad_record.status == "failed" and bad_record.error_code and bad_record.attempts == 1
    assert ctx.queue.job_status(bad) == "finished"  # recorded failure, not retried by RQ

    cli = [sys.executable, "-m", "sohoa.api.cli", "jobs"]
    out = subprocess.run([*cli, "failed"], env=env, cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["id"], r["error_code"]) for r in rows] == [(bad, bad_record.error_code)]
    out = subprocess.run([*cli, "requeue", "--all-failed"], env=env, cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=60)
    assert json.loads(out.stdout) == {"requeued": [bad]}
    wait_until(lambda: _record(settings, bad).status == "failed" and _record(settings, bad).attempts == 1, 60,
               what="the requeued document to fail again")


def test_inline_queue_runs_in_process(settings):
    ctx = ingest_context(settings)
    assert isinstance(ctx.queue, InlineQueue)
    doc_id = ingest_bytes(text_scan(902), "inline.png", ctx)
    assert ctx.queue.status(doc_id)["status"] == "done"


def test_submit_is_idempotent_and_counts(redis_server, pg_url, tmp_path, clean_env):
    settings = _settings(_env(redis_server, pg_url, tmp_path), clean_env)
    rq = RqQueue(settings)
    rq.submit("d1")
    rq.submit("d1")
    assert rq.counts()["queued"] == 1 and rq.job_status("d1") == "queued"
    assert isinstance(rq.queue, Queue) and rq.status("d1")["status"] == "missing"
