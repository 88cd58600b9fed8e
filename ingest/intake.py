"""The one intake every ingestion path ends in: hash, dedupe, store, record."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sohoa.ingest.storage import Storage, keys
from sohoa.models.db import DocumentRecord
from sohoa.models.errors import ServiceError
from sohoa.pipeline.sniff import sniff_media_type


@dataclass
class Intake:
    record: DocumentRecord
    is_new: bool


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def intake_file(session: Session, storage: Storage, data: bytes, filename: str, **meta) -> Intake:
    """Records a file once: the same bytes submitted again return the earlier record."""
    digest = sha256_of(data)
    existing = session.scalar(select(DocumentRecord).where(DocumentRecord.sha256 == digest))
    if existing is not None:
        return Intake(existing, is_new=False)
    try:
        media_type = sniff_media_type(data[:2048])
    except ServiceError:
        media_type = "application/octet-stream"  # the job will fail with the precise code
    record = DocumentRecord(sha256=digest, filename=filename, media_type=media_type, size=len(data),
                            status="queued", **meta)
    try:
        with session.begin_nested():  # the same bytes may arrive twice at the same moment
            session.add(record)
    except IntegrityError:
        return Intake(session.scalar(select(DocumentRecord).where(DocumentRecord.sha256 == digest)), is_new=False)
    storage.put(keys.original(record.id), data, content_type=media_type, metadata={"sha256": digest})
    session.commit()
    return Intake(record, is_new=True)
