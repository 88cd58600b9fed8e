"""The production topology under faults: nothing is lost, results are unchanged.

Two ``sohoa worker`` machines on a private Redis, PostgreSQL (throwaway database)
and an S3 endpoint over HTTP.  20 scans land in the bucket's inbox; 12 are
announced by MinIO-format webhook events, 8 are left to the safety-net scan.
During the batch one worker machine is SIGKILLed mid-job, the S3 endpoint is
unreachable for 10 s and Redis restarts (losing everything it held: no
persistence).  Every document must end ``done`` with the same extraction as
an undisturbed in-process run.
"""
from __future__ import annotations

import json
import time
import uuid

from rq import Worker
from sqlalchemy import select

from sohoa.ingest.inbox import handle_minio_event, scan_inbox
from sohoa.models.db import DocumentRecord, session_factory
from sohoa.models.errors import ServiceError
from sohoa.models.migrations import upgrade
from sohoa.models.settings import Settings
from sohoa.pipeline.queue import RqQueue, ingest_context

from .conftest import WorkerGroup, kill_machine, service_env, wait_until
from .scans import scans

ANNOUNCED = 12


def minio_event(bucket: str, key: str) -> dict:
    """What MinIO's webhook target POSTs for one upload (keys are URL-encoded)."""
    from urllib.parse import quote
    return {"EventName": "s3:ObjectCreated:Put", "Key": f"{bucket}/{key}", "Records": [{
        "eventVersion": "2.0", "eventSource": "minio:s3", "awsRegion": "", "eventName": "s3:ObjectCreated:Put",
        "userIdentity": {"principalId": "minioadmin"},
        "s3": {"s3SchemaVersion": "1.0", "configurationId": "Config",
               "bucket": {"name": bucket, "arn": f"arn:aws:s3:::{bucket}"},
               "object": {"key": quote(key), "size": 1, "contentType": "image/png", "sequencer": "1"}}}]}


def _records(settings: Settings) -> list[DocumentRecord]:
    with session_factory(settings.database_url)() as session:
        return list(session.scalars(select(DocumentRecord)))


def _busy_worker_pid(rq: RqQueue) -> tuple[int, str] | None:
    for worker in Worker.all(queue=rq.queue):
        job_id = worker.get_current_job_id()
        if job_id:
            return worker.pid, job_id
    return None


def _scan(ctx) -> bool:
    try:
        scan_inbox(ctx)
        return not ctx.storage.list(ctx.settings.storage.inbox_prefix)
    except ServiceError:
        return False


def _expected(settings: Settings, data: bytes) -> dict:
    from sohoa.ingest.intake import sha256_of
    from sohoa.pipeline.result import contract
    from sohoa.pipeline.runner import get_pipeline
    analysis = get_pipeline(settings).analyse(data)
    return json.loads(json.dumps(contract(analysis.document, analysis.extractions, sha256_of(data)),
                                 ensure_ascii=False))


def test_two_workers_survive_kill_s3_outage_and_redis_restart(s3_server, redis_server, pg_url, tmp_path,
                                                                worker_groups, clean_env):
    started = time.monotonic()
    env = service_env(redis_url=redis_server.url, database_url=pg_url, queue_name=f"topo-{uuid.uuid4().hex[:8]}",
                      s3_endpoint=s3_server.endpoint, home=tmp_path / "home",
                      SOHOA_QUEUE__MAX_RETRIES="5", SOHOA_QUEUE__RETRY_INTERVALS="[1, 2, 4, 8, 16]")
    for key, value in env.items():
        if key.startswith("SOHOA_"):
            clean_env.setenv(key, value)
    settings = Settings()
    upgrade(pg_url)
    files = scans(20)
    # The undisturbed run, in this process: its code is loaded now, as the workers load theirs
    # (other engineers edit the pipeline while tests run; compare like with like).
    expected = {name: _expected(settings, data) for name, data in list(files.items())[:1]}
    for name in ("a", "b"):
        worker_groups.append(WorkerGroup(env, 1, tmp_path / f"worker-{name}.log"))
    ctx, rq = ingest_context(settings), RqQueue(settings)
    for name, data in files.items():  # scanners upload through the S3 endpoint
        ctx.storage.put(f"inbox/{name}", data, content_type="image/png")
    wait_until(lambda: Worker.count(queue=rq.queue) == 2, 90, what="two registered workers")

    events = [minio_event(settings.storage.bucket, f"inbox/{name}") for name in list(files)[:ANNOUNCED]]
    for event in events:
        assert len(handle_minio_event(event, ctx)) == 1
    assert handle_minio_event(events[0], ctx) == []  # a repeated notification is harmless

    pid, victim_doc = wait_until(lambda: _busy_worker_pid(rq), 60, interval=0.05, what="a job to start")
    kill_machine(pid)  # fault 1: a worker machine dies mid-job
    s3_server.stop()  # fault 2: the S3 endpoint is unreachable for 10 s
    outage_end = time.monotonic() + 10
    wait_until(lambda: time.monotonic() >= outage_end, 15, what="the end of the outage")
    s3_server.start()
    wait_until(lambda: next(r for r in _records(settings) if r.id == victim_doc).status == "done", 90,
               what="the killed worker's document to be done by the other worker")
    redis_server.restart()  # fault 3: Redis restarts empty
    wait_until(lambda: _scan(ctx), 60, interval=1, what="the inbox to be emptied by the safety-net scan")

    def all_done():
        records = _records(settings)
        return len(records) == 20 and all(r.status == "done" for r in records)
    wait_until(all_done, 150, interval=1, what="all 20 documents done")
    print(f"batch with faults finished in {time.monotonic() - started:.0f}s")

    by_sha = {r.sha256: r for r in _records(settings)}
    assert len(by_sha) == 20 and ctx.storage.list("inbox/") == []
    for name, data in files.items():
        record = by_sha[__import__("hashlib").sha256(data).hexdigest()]
        stored = json.loads(ctx.storage.get(f"{record.id}/extraction.json"))
        stored.pop("page_images")
        if name not in expected:
            expected[name] = _expected(settings, data)
        assert stored == expected[name], name
        assert ctx.storage.exists(f"{record.id}/result.pdf") and record.page_count == 1
    from sohoa.api.observability import metrics_text
    text = metrics_text(ctx)
    assert 'sohoa_documents{status="done"} 20' in text and "sohoa_pages_processed_total 20" in text
    assert 'sohoa_stage_seconds_count{stage="job"}' in text and 'stage="queue_wait"' in text
    print(f"test took {time.monotonic() - started:.0f}s")
