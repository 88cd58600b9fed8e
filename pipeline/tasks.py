"""RQ entry points.  Arguments are ids, never bytes; settings come from the environment.

The worker wrapper of the error family: a document's failure is recorded with
its stable code; only retryable errors are raised for the queue to retry.
"""
from __future__ import annotations

import logging
import time
from functools import lru_cache

from sohoa.models.db import DocumentRecord, session_factory
from sohoa.models.errors import JobTimeout, ServiceError
from sohoa.models.settings import Settings
from sohoa.pipeline import queue

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _context():
    from sohoa.pipeline.jobs import JobContext
    settings = Settings()
    return settings, JobContext.from_settings(settings)


def warm_up() -> None:
    """Loads the OCR engines in the worker process so each job's fork starts warm."""
    settings, ctx = _context()
    try:
        from sohoa.pipeline.runner import get_pipeline
        get_pipeline(settings)
        getattr(ctx.storage, "ensure_bucket", lambda: None)()  # also caches the bucket's region
    except Exception as exc:  # noqa: BLE001 - the job will load (and report) it itself
        log.warning("pipeline warm-up failed: %s", type(exc).__name__)


def run_document(doc_id: str) -> str:
    """Processes one document; returns its final status."""
    from sohoa.pipeline.jobs import process_document
    settings, ctx = _context()
    started = time.monotonic()
    waited = queue.current_job_wait()
    if waited is not None:
        record_stage(settings, "queue_wait", waited)
    try:
        status = process_document(doc_id, settings, ctx)
        record_stage(settings, "job", time.monotonic() - started)
        return status
    except ServiceError as exc:  # process_document re-raises only retryable errors
        _after_retryable(settings, doc_id, exc)
        raise
    except Exception as exc:  # noqa: BLE001 - the worker wrapper maps everything
        if queue.is_job_timeout(exc):
            timeout = JobTimeout("the job ran past its time limit")
            _mark(settings, doc_id, "failed", timeout)
            _after_retryable(settings, doc_id, timeout)
            raise timeout from exc
        log.exception("document %s: unexpected error", doc_id)
        _mark(settings, doc_id, "failed", ServiceError("unexpected error while processing"))
        queue.disable_retries()
        return "failed"


def _after_retryable(settings: Settings, doc_id: str, exc: ServiceError) -> None:
    """While retries remain the document is still pending, not failed."""
    if queue.retries_left() > 0:
        _mark(settings, doc_id, "queued", exc)
        log.info("document %s: %s, will retry", doc_id, exc.code)


def _mark(settings: Settings, doc_id: str, status: str, exc: ServiceError) -> None:
    with session_factory(settings.database_url)() as session:
        record = session.get(DocumentRecord, doc_id)
        if record is not None and record.status != "done":
            record.status, record.error_code, record.error_message = status, exc.code, exc.message
            session.commit()


BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600)


def metrics_key(queue_name: str) -> str:
    return f"sohoa:metrics:{queue_name}"


def record_stage(settings: Settings, stage: str, seconds: float) -> None:
    """Adds one latency to a histogram shared by all workers (a Redis hash; best effort).

    Other stages can report through it too: ``record_stage(settings, "analyse", s)``.
    """
    if settings.queue.backend != "rq":
        return
    try:
        conn = queue.redis_connection(settings)
        with conn.pipeline(transaction=False) as pipe:
            key = metrics_key(settings.queue.name)
            pipe.hincrby(key, f"{stage}|count", 1)
            pipe.hincrbyfloat(key, f"{stage}|sum", seconds)
            for bound in BUCKETS:
                if seconds <= bound:
                    pipe.hincrby(key, f"{stage}|le|{bound}", 1)
            pipe.execute()
    except Exception as exc:  # noqa: BLE001 - metrics never fail a job
        log.debug("metrics not recorded: %s", exc)


def noop(_doc_id: str = "") -> str:
    """Queue-overhead probe for the benchmark."""
    return "ok"
