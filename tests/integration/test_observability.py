"""Prometheus text and readiness against real Redis, PostgreSQL and S3 over HTTP."""
from __future__ import annotations

import uuid

from sohoa.api.observability import liveness, metrics_text, readiness
from sohoa.ingest.inbox import ingest_bytes
from sohoa.models.settings import Settings
from sohoa.pipeline.queue import ingest_context
from sohoa.pipeline.tasks import record_stage

from .conftest import service_env
from .scans import text_scan


def test_metrics_and_readiness_follow_the_services(s3_server, redis_server, pg_url, tmp_path, clean_env):
    env = service_env(redis_url=redis_server.url, database_url=pg_url, queue_name=f"obs-{uuid.uuid4().hex[:8]}",
                      s3_endpoint=s3_server.endpoint, home=tmp_path / "home")
    for key, value in env.items():
        if key.startswith("SOHOA_"):
            clean_env.setenv(key, value)
    settings = Settings()
    ctx = ingest_context(settings)
    ingest_bytes(text_scan(11), "a.png", ctx)
    record_stage(settings, "job", 0.7)
    record_stage(settings, "job", 3.0)
    text = metrics_text(ctx)
    name = settings.queue.name
    assert f'sohoa_queue_depth{{queue="{name}"}} 1' in text
    assert 'sohoa_documents{status="queued"} 1' in text
    assert "sohoa_pages_processed_total 0" in text and "sohoa_queue_up 1" in text
    assert 'sohoa_stage_seconds_bucket{stage="job",le="1"} 1' in text
    assert 'sohoa_stage_seconds_bucket{stage="job",le="+Inf"} 2' in text
    assert 'sohoa_stage_seconds_count{stage="job"} 2' in text
    from sohoa.pipeline.queue import current_job_wait
    assert current_job_wait() is None  # outside a job
    assert all(line.startswith("#") or len(line.split(" ")) == 2 for line in text.strip().splitlines())

    assert liveness() == {"ok": True}
    report = readiness(ctx)
    assert report["ok"] and set(report["checks"]) == {"database", "storage", "redis"}
    s3_server.stop()
    try:
        report = readiness(ctx)
        assert not report["ok"] and not report["checks"]["storage"]["ok"] and report["checks"]["redis"]["ok"]
    finally:
        s3_server.start()
    redis_server.stop()
    try:
        assert "sohoa_queue_up 0" in metrics_text(ctx)  # a scrape still answers
        assert not readiness(ctx)["checks"]["redis"]["ok"]
    finally:
        redis_server.start()
