"""Many documents straight through the DB and the index functions (no OCR)."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

from sohoa.ingest.index import index_document
from sohoa.models.db import DocumentRecord

WORDS = ["Quyết định", "phê duyệt", "Giấy chứng nhận", "đăng ký", "kinh doanh", "Uỷ ban nhân dân",
         "chuyển đổi số", "quyền sử dụng đất", "khai sinh", "hộ tịch", "Thông báo", "kế hoạch"]


def person(i: int) -> str:
    return f"0010{i % 2}{i:07d}"[:12].ljust(12, "0")


def enterprise(i: int) -> str:
    return f"01{i:08d}"


def seed(session, n: int, *, centre_of=lambda i: "C1" if i % 2 == 0 else "C2", tag: str = "seed",
         start: datetime | None = None, commit_every: int = 500) -> list[str]:
    start = start or datetime(2025, 1, 1, tzinfo=timezone.utc)
    ids = []
    for i in range(n):
        kind = ("id_card", "business_registration", "official_document")[i % 3]
        fields: dict = {}
        if kind == "id_card":
            expiry = "2020-01-01" if i % 9 == 0 else "2040-01-01"
            fields = {"id_number": {"value": person(i), "normalized": person(i)},
                      "date_of_expiry": {"value": expiry, "normalized": expiry}}
        elif kind == "business_registration":
            fields = {"enterprise_code": {"value": enterprise(i), "normalized": enterprise(i)}}
        else:
            fields = {"document_number": {"value": f"{i}/QĐ-UBND", "normalized": None}}
        text = f"{WORDS[i % len(WORDS)]} {WORDS[(i * 7) % len(WORDS)]} số {i} {tag}"
        record = DocumentRecord(sha256=hashlib.sha256(f"{tag}-{i}".encode()).hexdigest(),
                                filename=f"{tag}-{i}.pdf", media_type="application/pdf", size=1000 + i,
                                status="done", doc_type=kind, centre=centre_of(i), page_count=1,
                                dossier_code=f"000.00.15.H57-{tag[:6]}-{i:04d}",
                                created_at=start + timedelta(hours=i))
        session.add(record)
        session.flush()
        index_document(session, record, {"doc_type": kind, "fields": fields, "text": text, "signed": True},
                       commit=False)
        ids.append(record.id)
        if (i + 1) % commit_every == 0:
            session.commit()
    session.commit()
    return ids
