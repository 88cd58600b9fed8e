"""The search index behind reuse: link keys, dates and full text of each document.

``index_document(session, record, body)`` upserts one row of
``document_index`` from a ``DocumentRecord`` and its extraction contract
(``body``, or None before the job ran); full text goes to a ``tsvector``
column (PostgreSQL, GIN index, ``simple`` configuration) or to an FTS5 table
(SQLite).  Text is indexed twice, as read and with the Vietnamese marks
folded, so that ``nguyen van`` finds ``Nguyễn Văn``.  Idempotent: the job and
the API may both call it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Select, delete, func, select, text
from sqlalchemy.orm import Session

from sohoa.models.api_tables import DocumentIndex

PERSONAL_KEYS = ("id_number", "personal_id", "holder_id_number")
DOCUMENT_NUMBER_KEYS = ("document_number", "passport_number", "licence_number", "serial",
                        "registry_no", "register_no")
MAX_BODY = 20_000


def fold(value: str) -> str:
    """Lower case, Vietnamese marks removed, đ -> d."""
    decomposed = unicodedata.normalize("NFD", value.lower().replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _field(fields: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        f = fields.get(key) or {}
        value = f.get("normalized") or f.get("value")
        if value:
            return str(value).strip()[:64]
    return None


def _date(value) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _digits(value: str | None, length: int) -> str | None:
    digits = re.sub(r"\D", "", value or "")
    return digits if len(digits) == length else None


def index_document(session: Session, record, body: dict | None = None, *, commit: bool = True) -> DocumentIndex:
    """Upserts the index row of ``record`` (a DocumentRecord); ``body`` is the extraction contract."""
    row = session.get(DocumentIndex, record.id) or DocumentIndex(document_id=record.id, created_at=record.created_at)
    fields = (body or {}).get("fields") or {}
    row.centre, row.status = record.centre, record.status
    row.doc_type = (body or {}).get("doc_type") or record.doc_type or row.doc_type
    row.personal_id = _digits(_field(fields, PERSONAL_KEYS), 12) or row.personal_id or _digits(record.subject_id, 12)
    row.enterprise_code = (_digits(_field(fields, ("enterprise_code",)), 10) or row.enterprise_code
                           or _digits(record.subject_id, 10))
    row.document_number = _field(fields, DOCUMENT_NUMBER_KEYS) or row.document_number
    row.dossier_code = row.dossier_code or record.dossier_code
    row.expires_on = _date((fields.get("date_of_expiry") or {}).get("normalized")) or row.expires_on
    row.signed = record.status == "done" and body is not None and body.get("signed", True)
    row.title = record.filename[:256]
    row.body = ((body or {}).get("text") or row.body or "")[:MAX_BODY]
    session.add(row)
    session.flush()
    _index_text(session, row.document_id, f"{row.title}\n{row.body}")
    if commit:
        session.commit()
    return row


def _index_text(session: Session, doc_id: str, content: str) -> None:
    full = f"{content}\n{fold(content)}"
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("UPDATE document_index SET tsv = to_tsvector('simple', :t) WHERE document_id = :d"),
                        {"t": full, "d": doc_id})
    else:
        session.execute(text("DELETE FROM document_fts WHERE document_id = :d"), {"d": doc_id})
        session.execute(text("INSERT INTO document_fts (document_id, body) VALUES (:d, :t)"), {"d": doc_id, "t": full})


def remove_document(session: Session, doc_id: str) -> None:
    session.execute(delete(DocumentIndex).where(DocumentIndex.document_id == doc_id))
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("DELETE FROM document_fts WHERE document_id = :d"), {"d": doc_id})


@dataclass
class Query:
    personal_id: str | None = None
    enterprise_code: str | None = None
    dossier_code: str | None = None
    document_number: str | None = None
    doc_type: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None
    signed_only: bool = False
    limit: int = 50
    offset: int = 0


def _fts_clause(dialect: str, q: str):
    words = re.findall(r"\w+", q)
    if not words:
        return None
    if dialect == "postgresql":
        return text("document_index.tsv @@ plainto_tsquery('simple', :fts)").bindparams(fts=" ".join(words))
    match = " ".join('"' + w.replace('"', "") + '"' for w in words)
    return DocumentIndex.document_id.in_(
        select(text("document_id")).select_from(text("document_fts")).where(text("document_fts MATCH :fts"))
        .params(fts=match))


# What a result list shows: every index column but the text, as Core rows (no ORM objects).
LISTED = tuple(c for c in DocumentIndex.__table__.c if c.name != "body")


def search_statements(query: Query, centres: set[str] | None, dialect: str) -> tuple[Select, Select]:
    """``(page, count)`` for rows matching every given filter, newest first.

    ``centres`` None means every centre; otherwise only rows of those centres.
    ``page`` returns ``LISTED`` columns plus ``total`` (``count(*) OVER ()``),
    so one query answers; ``count`` is needed only for a page past the end.
    ``dialect`` ("postgresql" or "sqlite") picks the full-text clause.
    """
    conditions = []
    for column, value in ((DocumentIndex.personal_id, query.personal_id),
                          (DocumentIndex.enterprise_code, query.enterprise_code),
                          (DocumentIndex.dossier_code, query.dossier_code),
                          (DocumentIndex.document_number, query.document_number),
                          (DocumentIndex.doc_type, query.doc_type)):
        if value:
            conditions.append(column == value)
    if query.date_from:
        conditions.append(DocumentIndex.created_at >= datetime.combine(query.date_from, datetime.min.time()))
    if query.date_to:
        conditions.append(DocumentIndex.created_at < datetime.combine(query.date_to, datetime.max.time()))
    if query.signed_only:
        conditions.append(DocumentIndex.signed.is_(True))
    if centres is not None:
        conditions.append(DocumentIndex.centre.in_(sorted(centres)))
    if query.q and (clause := _fts_clause(dialect, query.q)) is not None:
        conditions.append(clause)
    matching = select(*LISTED).where(*conditions)
    page = (matching.add_columns(func.count().over().label("total"))
            .order_by(DocumentIndex.created_at.desc(), DocumentIndex.document_id)
            .limit(query.limit).offset(query.offset))
    return page, select(func.count()).select_from(matching.subquery())


def subject_statement(subject_id: str, centres: set[str] | None) -> Select:
    """Signed documents of a person (12 digits) or an enterprise (10 digits), newest first."""
    column = DocumentIndex.personal_id if len(subject_id) == 12 else DocumentIndex.enterprise_code
    stmt = select(*LISTED).where(column == subject_id, DocumentIndex.signed.is_(True))
    if centres is not None:
        stmt = stmt.where(DocumentIndex.centre.in_(sorted(centres)))
    return stmt.order_by(DocumentIndex.created_at.desc())


__all__ = ["index_document", "remove_document", "search_statements", "subject_statement", "Query", "fold"]
