"""RQ entry points.  Arguments are ids, never bytes; settings come from the environment.

The worker wrapper of the error family: a document's failure is recorded with
its stable code; only retryable errors are raised for the queue to retry.
"""
from __future__ import annotations

import logging
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


def run_document(doc_id: str) -> str:
    """Processes one document; returns its final status."""
    from sohoa.pipeline.jobs import process_document
    settings, ctx = _context()
    try:
        return process_document(doc_id, settings, ctx)
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


def noop(_doc_id: str = "") -> str:
    """Queue-overhead probe for the benchmark."""
    return "ok"
