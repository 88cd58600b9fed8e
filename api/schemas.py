"""Request and response bodies of the HTTP API (the OpenAPI contract)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field

DOSSIER_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z.\-_/]{2,63}$"
SUBJECT_PATTERN = r"^(\d{12}|\d{10})$"
CENTRE_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z.\-_]{0,63}$"
UtcDatetime = Annotated[datetime, AfterValidator(lambda d: d if d.tzinfo else d.replace(tzinfo=timezone.utc))]
JobStatus = Literal["queued", "processing", "done", "failed"]


class ErrorOut(BaseModel):
    code: str
    message: str


class JobOut(BaseModel):
    job_id: str
    document_id: str
    status: JobStatus
    duplicate: bool = False
    error: ErrorOut | None = None
    doc_type: str | None = None
    callback_url: str | None = None
    created_at: UtcDatetime


class SubmitOut(BaseModel):
    jobs: list[JobOut]


class SubmitMeta(BaseModel):
    dossier_code: str | None = Field(None, pattern=DOSSIER_PATTERN, description="Mã hồ sơ")
    centre: str | None = Field(None, pattern=CENTRE_PATTERN, description="Service centre code")
    doc_type: str | None = Field(None, description="Expected document type")
    subject_id: str | None = Field(None, pattern=SUBJECT_PATTERN,
                                   description="12-digit personal number or 10-digit enterprise code")
    callback_url: str | None = Field(None, pattern=r"^https?://[^\s]{1,1000}$", max_length=1024)


class StorageSubmitIn(SubmitMeta):
    storage_key: str = Field(..., min_length=1, max_length=512, pattern=r"^[^\s]+$")
    filename: str | None = Field(None, max_length=256)


class DocumentSummary(BaseModel):
    id: str
    title: str | None = None
    status: str
    doc_type: str | None = None
    centre: str | None = None
    personal_id: str | None = None
    enterprise_code: str | None = None
    document_number: str | None = None
    dossier_code: str | None = None
    signed: bool = False
    expires_on: date | None = None
    expired: bool = False
    created_at: UtcDatetime | None = None


class DocumentOut(DocumentSummary):
    filename: str
    media_type: str
    size: int
    sha256: str
    review_status: str | None = None
    page_count: int | None = None
    dossiers: list[str] = []
    error: ErrorOut | None = None


class SearchOut(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[DocumentSummary]


class SubjectDocumentsOut(BaseModel):
    subject_id: str
    kind: Literal["person", "enterprise"]
    items: list[DocumentSummary]


class LinkIn(BaseModel):
    document_id: str = Field(..., pattern=r"^[0-9a-f]{32}$")
    centre: str | None = Field(None, pattern=CENTRE_PATTERN, description="Centre receiving a new dossier")


class LinkOut(BaseModel):
    dossier_code: str
    document_id: str
    reused: bool
    linked_at: UtcDatetime


class DossierOut(BaseModel):
    code: str
    centre: str | None
    received_at: UtcDatetime
    documents: list[LinkOut]


class DeliveryOut(BaseModel):
    id: int
    event: str
    url: str
    attempt: int
    status: str
    response_code: int | None
    error: str | None
    next_attempt_at: UtcDatetime
    updated_at: UtcDatetime


class ReviewIn(BaseModel):
    status: Literal["approved", "rejected", "corrected"]
    corrections: dict[str, str | None] = Field(default_factory=dict, max_length=100)


class KeyIn(BaseModel):
    name: str = Field(..., min_length=1, max_length=128)
    role: Literal["clerk", "integrator", "archivist", "admin"]
    centre: str | None = Field(None, pattern=CENTRE_PATTERN)
    grants: list[str] = Field(default_factory=list, max_length=50)
    rate_per_minute: int | None = Field(None, ge=1, le=1_000_000)


class KeyOut(BaseModel):
    prefix: str
    name: str
    role: str
    centre: str | None
    grants: list[str]
    rate_per_minute: int | None
    created_at: UtcDatetime
    revoked: bool


class KeyCreated(KeyOut):
    key: str = Field(..., description="Shown once; only its SHA-256 is stored")


class AuditOut(BaseModel):
    id: int
    at: UtcDatetime
    key_prefix: str
    key_name: str
    role: str
    centre: str | None
    action: str
    resource: str
    subject_id: str | None
    document_id: str | None
    purpose: str | None


class ReportOut(BaseModel):
    centre: str | None
    date_from: date
    date_to: date
    dossiers_received: int
    dossiers_digitized: int
    share_digitized: float
    results: int
    results_signed: int
    share_signed: float
    dossiers_reused: int
    share_reused: float


Json = dict[str, Any]
