"""Finished jobs: index the document, then tell the caller's callback URL.

A watcher thread (one per API process) looks for API jobs whose document
reached ``done`` or ``failed``, indexes it, and queues a delivery.  Deliveries
are POSTed with ``X-Sohoa-Signature: t=<unix>,v1=<hex>`` where ``v1`` is
HMAC-SHA256 over ``"<t>.<body>"`` with the callback secret; failures are
retried with exponential backoff and every attempt is kept in
``callback_deliveries``.  Rows are claimed with a conditional UPDATE, so
several API processes never send the same attempt twice.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import logging
import threading
import time
from datetime import timedelta

import httpx
from sqlalchemy import select, update

from sohoa.ingest.index import index_document
from sohoa.ingest.storage import keys
from sohoa.models.api_tables import ApiJob, CallbackDelivery
from sohoa.models.db import DocumentRecord, utcnow

log = logging.getLogger(__name__)
TERMINAL = ("done", "failed")


def submit_to_queue(ctx, doc_id: str) -> str | None:
    """``get_queue(settings).submit`` through the context (``pipeline/queue.py``)."""
    return ctx.queue.submit(doc_id)


def sign(secret: str, body: bytes, timestamp: int) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def verify_signature(secret: str, body: bytes, header: str, tolerance: int = 300) -> bool:
    """What a receiver does: recompute and compare, and refuse old timestamps."""
    parts = dict(p.split("=", 1) for p in header.split(",") if "=" in p)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs(time.time() - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, body, timestamp), header)


def finish_jobs(ctx) -> int:
    """Indexes documents of newly finished jobs and queues their callbacks; returns how many."""
    finished = 0
    with ctx.sessions() as session:
        pending = session.scalars(select(ApiJob).join(DocumentRecord, DocumentRecord.id == ApiJob.document_id)
                                  .where(ApiJob.finished.is_(False), DocumentRecord.status.in_(TERMINAL))
                                  .limit(200)).all()
        for job in pending:
            record = session.get(DocumentRecord, job.document_id)
            claimed = session.execute(update(ApiJob).where(ApiJob.id == job.id, ApiJob.finished.is_(False))
                                      .values(finished=True)).rowcount
            if not claimed:
                continue
            _index(ctx, session, record)
            if job.callback_url:
                session.add(CallbackDelivery(job_id=job.id, url=job.callback_url, event=f"job.{record.status}"))
            session.commit()
            finished += 1
    return finished


def _index(ctx, session, record) -> None:
    body = None
    if record.status == "done" and ctx.storage.exists(keys.extraction(record.id)):
        body = json.loads(ctx.storage.get(keys.extraction(record.id)))
        body["signed"] = ctx.settings.signing.enabled and ctx.storage.exists(keys.result_pdf(record.id))
    index_document(session, record, body, commit=False)


def payload(session, delivery: CallbackDelivery) -> bytes:
    job = session.get(ApiJob, delivery.job_id)
    record = session.get(DocumentRecord, job.document_id)
    body = {"event": delivery.event, "job_id": job.id, "document_id": job.document_id,
            "status": record.status, "doc_type": record.doc_type,
            "error": {"code": record.error_code, "message": record.error_message} if record.error_code else None,
            "links": {"job": f"/api/v1/jobs/{job.id}", "document": f"/api/v1/documents/{job.document_id}"}}
    return json.dumps(body, ensure_ascii=False, sort_keys=True).encode()


def deliver_due(ctx, client: httpx.Client) -> int:
    sent = 0
    api = ctx.api
    with ctx.sessions() as session:
        due = session.scalars(select(CallbackDelivery).where(CallbackDelivery.status == "pending",
                                                             CallbackDelivery.next_attempt_at <= utcnow())
                              .limit(50)).all()
        for delivery in due:
            lease = utcnow() + timedelta(seconds=api.callback_timeout * 2)
            claimed = session.execute(update(CallbackDelivery).where(
                CallbackDelivery.id == delivery.id, CallbackDelivery.attempt == delivery.attempt,
                CallbackDelivery.status == "pending").values(next_attempt_at=lease, attempt=delivery.attempt + 1)
            ).rowcount
            session.commit()
            if not claimed:
                continue
            session.refresh(delivery)
            _attempt(session, delivery, payload(session, delivery), client, api)
            sent += 1
    return sent


def _attempt(session, delivery: CallbackDelivery, body: bytes, client: httpx.Client, api) -> None:
    headers = {"Content-Type": "application/json", "X-Sohoa-Event": delivery.event,
               "X-Sohoa-Delivery": str(delivery.id),
               "X-Sohoa-Signature": sign(api.callback_secret, body, int(time.time()))}
    try:
        response = client.post(delivery.url, content=body, headers=headers, timeout=api.callback_timeout)
        delivery.response_code, delivery.error = response.status_code, None
        ok = 200 <= response.status_code < 300
    except httpx.HTTPError as exc:
        delivery.response_code, delivery.error, ok = None, type(exc).__name__, False
    delivery.updated_at = utcnow()
    if ok:
        delivery.status = "delivered"
    elif delivery.attempt >= api.callback_attempts:
        delivery.status = "gave_up"
    else:
        delivery.next_attempt_at = utcnow() + timedelta(seconds=api.callback_backoff * 2 ** (delivery.attempt - 1))
    session.commit()


def resume_unfinished(ctx) -> int:
    """Embedded default only: jobs left queued by a stopped process are submitted again at start-up."""
    if ctx.settings.queue.backend != "inline":
        return 0  # the RQ sweeper owns this
    with ctx.sessions() as session:
        stmt = (select(DocumentRecord.id).join(ApiJob, ApiJob.document_id == DocumentRecord.id)
                .where(ApiJob.finished.is_(False), DocumentRecord.status.in_(("queued", "processing"))).distinct())
        doc_ids = list(session.scalars(stmt))
    for doc_id in doc_ids:
        try:
            submit_to_queue(ctx, doc_id)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the others
            log.warning("resume of a queued document failed: %s", type(exc).__name__)
    return len(doc_ids)


class Watcher:
    """The background thread of one API process."""

    def __init__(self, ctx):
        self.ctx = ctx
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sohoa-api-watcher", daemon=True)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def start(self) -> "Watcher":
        threading.Thread(target=self._resume, name="sohoa-api-resume", daemon=True).start()
        self._thread.start()
        return self

    def _resume(self) -> None:
        try:
            if resumed := resume_unfinished(self.ctx):
                log.warning("resumed %d queued document(s) after a restart", resumed)
        except Exception as exc:  # noqa: BLE001 - the next start tries again
            log.warning("resume failed: %s", type(exc).__name__)

    def _run(self) -> None:
        with httpx.Client(follow_redirects=False) as client:
            while not self._stop.wait(self.ctx.api.watch_interval):
                try:
                    finish_jobs(self.ctx)
                    deliver_due(self.ctx, client)
                except Exception as exc:  # noqa: BLE001 - keep watching; the next round retries
                    log.warning("watcher round failed: %s", type(exc).__name__, exc_info=log.isEnabledFor(10))
