"""Extraction results: fields with provenance, and the document's extraction."""
from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, Field as PField

from sohoa.models.ocr import BBox

DOC_TYPES = (
    "id_card", "birth_certificate", "marriage_certificate", "land_use_certificate",
    "business_registration", "driving_licence", "passport", "official_document", "unknown",
)


class ReviewStatus(str, Enum):
    auto_accepted = "auto_accepted"
    needs_review = "needs_review"
    corrected = "corrected"
    approved = "approved"
    rejected = "rejected"


class Field(BaseModel):
    value: str | None
    normalized: Any = None
    confidence: float = 0.0
    page: int | None = None
    bbox: BBox | None = None
    errors: list[str] = PField(default_factory=list)
    source: str = "ocr"  # ocr | mrz | qr | pdf | reviewer:<name>


class Extraction(BaseModel):
    doc_type: str = "unknown"
    doc_type_confidence: float = 0.0
    fields: dict[str, Field] = PField(default_factory=dict)
    errors: list[str] = PField(default_factory=list)  # document-level validation
    review_status: ReviewStatus = ReviewStatus.needs_review
    pages: list[int] = PField(default_factory=list)
