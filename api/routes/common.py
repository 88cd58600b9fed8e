"""Helpers shared by the route modules: visible documents, views, job status."""
from __future__ import annotations

import json
from datetime import date

from sqlalchemy.engine import Row
from sqlalchemy.orm import Session

from sohoa.api.auth import Principal
from sohoa.api.errors import NotReady
from sohoa.api.schemas import DocumentSummary, ErrorOut, JobOut
from sohoa.ingest.storage import Storage, keys
from sohoa.models.api_tables import ApiJob
from sohoa.models.db import DocumentRecord
from sohoa.models.errors import NotFound


def visible_document(session: Session, who: Principal, doc_id: str) -> DocumentRecord:
    """The document, or 404 when it does not exist or lies outside the key's centres."""
    record = session.get(DocumentRecord, doc_id)
    if record is None or not who.sees(record.centre):
        raise NotFound("no such document")  # same answer either way: existence is not leaked
    return record


def visible_job(session: Session, who: Principal, job_id: str) -> ApiJob:
    job = session.get(ApiJob, job_id)
    if job is None or (job.key_prefix != who.prefix and not who.sees(job.centre)):
        raise NotFound("no such job")
    return job


def expired(expires_on: date | None) -> bool:
    return expires_on is not None and expires_on < date.today()


def summary(row: Row) -> DocumentSummary:
    """A result-list entry from a row of ``ingest.index.LISTED``."""
    return DocumentSummary(id=row.document_id, title=row.title, status=row.status, doc_type=row.doc_type,
                           centre=row.centre, personal_id=row.personal_id, enterprise_code=row.enterprise_code,
                           document_number=row.document_number, dossier_code=row.dossier_code,
                           signed=bool(row.signed), expires_on=row.expires_on, expired=expired(row.expires_on),
                           created_at=row.created_at)


def job_view(session: Session, job: ApiJob, duplicate: bool = False) -> JobOut:
    """A job is done or failed once the API has indexed its document (and queued its callback)."""
    record = session.get(DocumentRecord, job.document_id)
    status = record.status if record is not None else "failed"
    if status in ("done", "failed") and not job.finished:
        status = "processing"
    error = None
    if record is not None and record.status == "failed" and record.error_code:
        error = ErrorOut(code=record.error_code, message=record.error_message or record.error_code)
    return JobOut(job_id=job.id, document_id=job.document_id, status=status if status in
                  ("queued", "processing", "done", "failed") else "processing", duplicate=duplicate,
                  error=error, doc_type=record.doc_type if record else None, callback_url=job.callback_url,
                  created_at=job.created_at)


def extraction_body(storage: Storage, record: DocumentRecord | Row) -> dict:
    if record.status != "done" or not storage.exists(keys.extraction(record.id)):
        raise NotReady(f"the document is {record.status}; results exist once it is done")
    return json.loads(storage.get(keys.extraction(record.id)))


def result_object(storage: Storage, record: DocumentRecord | Row, key: str) -> bytes:
    if record.status != "done":
        raise NotReady(f"the document is {record.status}; results exist once it is done")
    return storage.get(key)
