"""Tables of the HTTP API: keys, audit log, dossiers, jobs, idempotency, callbacks, search index.

The audit log is append-only: triggers reject UPDATE and DELETE (PostgreSQL
in the migration and on ``create_all``; SQLite on ``create_all``).  The full
text index is a ``tsvector`` column with a GIN index on PostgreSQL and an
FTS5 table on SQLite; both are created by DDL events, so ``create_all`` and
the migration give the same schema.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text,
                        UniqueConstraint, event, text)
from sqlalchemy.orm import Mapped, mapped_column

from sohoa.models.db import Base, new_id, utcnow


class ApiKey(Base):
    __tablename__ = "api_keys"

    prefix: Mapped[str] = mapped_column(String(16), primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    centre: Mapped[str | None] = mapped_column(String(64), nullable=True)
    grants: Mapped[list] = mapped_column(JSON, default=list)  # extra centres, or ["*"]
    rate_per_minute: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class AuditEvent(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    key_prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_name: Mapped[str] = mapped_column(String(128))
    role: Mapped[str] = mapped_column(String(16))
    centre: Mapped[str | None] = mapped_column(String(64), nullable=True)
    action: Mapped[str] = mapped_column(String(48))
    resource: Mapped[str] = mapped_column(String(128))
    subject_id: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    document_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    purpose: Mapped[str | None] = mapped_column(String(200), nullable=True)
    client: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Dossier(Base):
    __tablename__ = "dossiers"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    centre: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class DossierDocument(Base):
    __tablename__ = "dossier_documents"
    __table_args__ = (UniqueConstraint("dossier_code", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier_code: Mapped[str] = mapped_column(ForeignKey("dossiers.code"), index=True)
    document_id: Mapped[str] = mapped_column(String(32), index=True)
    reused: Mapped[bool] = mapped_column(Boolean, default=False)  # linked, not uploaded
    linked_by: Mapped[str | None] = mapped_column(String(16), nullable=True)
    linked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ApiJob(Base):
    __tablename__ = "api_jobs"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    document_id: Mapped[str] = mapped_column(String(32), index=True)
    key_prefix: Mapped[str] = mapped_column(String(16))
    centre: Mapped[str | None] = mapped_column(String(64), nullable=True)
    queue_job_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    callback_url: Mapped[str | None] = mapped_column(String(1024), nullable=True)
    finished: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class IdempotencyRecord(Base):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("key_prefix", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key_prefix: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(128))
    request_hash: Mapped[str] = mapped_column(String(64))
    response: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CallbackDelivery(Base):
    __tablename__ = "callback_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job_id: Mapped[str] = mapped_column(String(32), index=True)
    url: Mapped[str] = mapped_column(String(1024))
    event: Mapped[str] = mapped_column(String(32))  # job.done | job.failed
    attempt: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)  # pending|delivered|gave_up
    response_code: Mapped[int | None] = mapped_column(Integer, nullable=True)
    error: Mapped[str | None] = mapped_column(String(200), nullable=True)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DocumentIndex(Base):
    __tablename__ = "document_index"
    __table_args__ = (Index("ix_document_index_centre_created", "centre", "created_at"),)

    document_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    centre: Mapped[str | None] = mapped_column(String(64), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    doc_type: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    personal_id: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    enterprise_code: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    document_number: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    dossier_code: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    title: Mapped[str | None] = mapped_column(String(256), nullable=True)
    body: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


PG_AUDIT_TRIGGER = [
    """CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
       FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
]
SQLITE_AUDIT_TRIGGER = [
    """CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    """CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
]
PG_FTS = [
    "ALTER TABLE document_index ADD COLUMN IF NOT EXISTS tsv tsvector",
    "CREATE INDEX IF NOT EXISTS ix_document_index_tsv ON document_index USING gin (tsv)",
]
SQLITE_FTS = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS document_fts USING fts5(
       document_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')""",
]


def _run(statements: list[str], dialect: str):
    def listener(_target, connection, **_kw):
        if connection.dialect.name == dialect:
            for sql in statements:
                connection.execute(text(sql))
    return listener


event.listen(AuditEvent.__table__, "after_create", _run(PG_AUDIT_TRIGGER, "postgresql"))
event.listen(AuditEvent.__table__, "after_create", _run(SQLITE_AUDIT_TRIGGER, "sqlite"))
event.listen(DocumentIndex.__table__, "after_create", _run(PG_FTS, "postgresql"))
event.listen(DocumentIndex.__table__, "after_create", _run(SQLITE_FTS, "sqlite"))
