"""Objects landing under the bucket's inbox prefix become documents.

Two ways in, one path: MinIO's bucket-notification webhook calls
``handle_minio_event`` (the API mounts it), and ``scan_inbox`` lists the
prefix periodically so a lost notification loses nothing.  Each object goes
through ``intake_file`` (hash, dedupe, store the original, record) and is
submitted; only then is the inbox object deleted.  A crash in between leaves
either the inbox object (taken again next scan; dedupe by SHA-256) or a
``queued`` record (the queue sweeper resubmits it).
"""
from __future__ import annotations

import hmac
import logging
import posixpath
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import unquote_plus

from sqlalchemy.orm import sessionmaker

from sohoa.ingest.intake import intake_file
from sohoa.ingest.storage import Storage
from sohoa.models.errors import NotFound, ServiceError
from sohoa.models.settings import Settings

log = logging.getLogger(__name__)


class Submitter(Protocol):
    def submit(self, doc_id: str) -> str: ...


@dataclass
class IngestContext:
    """What every ingestion path needs; built by ``sohoa.pipeline.queue``'s caller."""

    settings: Settings
    storage: Storage
    sessions: sessionmaker
    queue: Submitter


def handle_minio_event(payload: dict[str, Any], ctx: IngestContext) -> list[str]:
    """Takes in the inbox objects a MinIO event announces; returns the document ids."""
    prefix = ctx.settings.storage.inbox_prefix
    ids = []
    for key in event_keys(payload, ctx.settings.storage.bucket):
        if key.startswith(prefix) and not key.endswith("/"):
            doc_id = take_object(key, ctx)
            if doc_id:
                ids.append(doc_id)
    return ids


def webhook_authorized(authorization: str | None, settings: Settings) -> bool:
    """Checks MinIO's ``Authorization`` header (``Bearer <token>``) against ``storage.webhook_token``.

    Without a configured token only the development environment accepts events."""
    expected = settings.storage.webhook_token
    if not expected:
        return settings.environment == "development"
    given = (authorization or "").strip()
    if given.lower().startswith("bearer "):
        given = given[7:].strip()
    return hmac.compare_digest(given.encode(), expected.encode())


def event_keys(payload: dict[str, Any], bucket: str | None = None) -> list[str]:
    """Object keys of the ``s3:ObjectCreated:*`` records (keys arrive URL-encoded)."""
    keys = []
    for record in payload.get("Records") or []:
        name = record.get("eventName") or payload.get("EventName") or ""
        if not name.startswith("s3:ObjectCreated:") and not name.startswith("ObjectCreated:"):
            continue
        s3 = record.get("s3") or {}
        if bucket and (s3.get("bucket") or {}).get("name") not in (None, bucket):
            continue
        key = (s3.get("object") or {}).get("key")
        if key:
            keys.append(unquote_plus(key))
    return keys


def scan_inbox(ctx: IngestContext) -> list[str]:
    """Safety net: takes in everything still under the inbox prefix."""
    ids = []
    for key in ctx.storage.list(ctx.settings.storage.inbox_prefix):
        if key.endswith("/"):
            continue
        doc_id = take_object(key, ctx)
        if doc_id:
            ids.append(doc_id)
    return ids


def take_object(key: str, ctx: IngestContext) -> str | None:
    """Intake + submit one inbox object, then delete it; None if it is already gone."""
    try:
        data = ctx.storage.get(key)
    except NotFound:
        return None  # taken by another path meanwhile
    doc_id = ingest_bytes(data, posixpath.basename(key), ctx)
    ctx.storage.delete(key)
    return doc_id


def ingest_bytes(data: bytes, filename: str, ctx: IngestContext) -> str:
    """The common end of every path: intake then enqueue (a queue outage is only logged:
    the record is ``queued`` and the sweeper resubmits it)."""
    with ctx.sessions() as session:
        intake = intake_file(session, ctx.storage, data, filename)
        doc_id, status = intake.record.id, intake.record.status
    if intake.is_new or status == "queued":
        try:
            ctx.queue.submit(doc_id)
        except ServiceError as exc:
            if not exc.retryable:
                raise
            log.warning("document %s recorded but not yet queued: %s", doc_id, exc.code)
    log.info("took in document %s (%s)", doc_id, "new" if intake.is_new else "duplicate")
    return doc_id
