"""JSON the API lacks for the UI: the review queue (needing review first) and dashboard counts."""
from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta, timezone
from typing import Annotated

import anyio
from fastapi import APIRouter, Query, Request
from sqlalchemy import func, select

from sohoa.api.ui.session import require
from sohoa.ingest.storage import keys
from sohoa.models.db import DocumentRecord

router = APIRouter()
QUEUE_LIMIT = 200


def _visible(query, who):
    centres = None if who.role == "admin" else who.centres
    return query if centres is None else query.where(DocumentRecord.centre.in_(centres))


def flags(body: dict, threshold: float) -> dict:
    """Fields under the confidence threshold and fields or the document failing validation."""
    fields = body.get("fields") or {}
    low = [k for k, f in fields.items() if f.get("value") is not None and f.get("confidence", 0) < threshold]
    failing = [k for k, f in fields.items() if f.get("errors")]
    return {"low_confidence": low, "failing": failing, "doc_errors": list(body.get("errors") or [])}


def _queue_item(ctx, record: DocumentRecord) -> dict:
    item = {"id": record.id, "filename": record.filename, "doc_type": record.doc_type, "centre": record.centre,
            "status": record.status, "review_status": record.review_status,
            "created_at": record.created_at.isoformat() if record.created_at else None,
            "low_confidence": [], "failing": [], "doc_errors": []}
    if record.status == "done" and ctx.storage.exists(keys.extraction(record.id)):
        item.update(flags(json.loads(ctx.storage.get(keys.extraction(record.id))),
                          ctx.settings.review.confidence_threshold))
    reviewed = record.review_status in ("approved", "corrected", "rejected")
    item["needs_review"] = not reviewed and bool(item["low_confidence"] or item["failing"] or item["doc_errors"]
                                                 or record.review_status == "needs_review")
    return item


def _day(value: date | None, end: bool = False) -> datetime | None:
    if value is None:
        return None
    return datetime.combine(value + timedelta(days=1) if end else value, time.min, tzinfo=timezone.utc)


def load_queue(ctx, who, centre, doc_type, date_from, date_to) -> list[dict]:
    query = _visible(select(DocumentRecord).where(DocumentRecord.status == "done"), who)
    if centre:
        query = query.where(DocumentRecord.centre == centre)
    if doc_type:
        query = query.where(DocumentRecord.doc_type == doc_type)
    if date_from:
        query = query.where(DocumentRecord.created_at >= _day(date_from))
    if date_to:
        query = query.where(DocumentRecord.created_at < _day(date_to, end=True))
    with ctx.sessions() as session:
        records = session.scalars(query.order_by(DocumentRecord.created_at.desc()).limit(QUEUE_LIMIT)).all()
        items = [_queue_item(ctx, r) for r in records]
    return sorted(items, key=lambda i: (not i["needs_review"], -len(i["low_confidence"]) - len(i["failing"])))


@router.get("/data/queue")
async def queue(request: Request, centre: Annotated[str | None, Query(max_length=64)] = None,
                doc_type: Annotated[str | None, Query(max_length=32)] = None,
                date_from: date | None = None, date_to: date | None = None):
    who = require(request, "review")
    ctx = request.app.state.ctx
    items = await anyio.to_thread.run_sync(load_queue, ctx, who, centre or None, doc_type or None,
                                           date_from, date_to)
    return {"items": items, "threshold": ctx.settings.review.confidence_threshold}


def load_counts(ctx, who) -> dict:
    since = datetime.now(timezone.utc) - timedelta(hours=24)
    with ctx.sessions() as session:
        states = dict(session.execute(_visible(select(DocumentRecord.status, func.count())
                                               .group_by(DocumentRecord.status), who)).all())
        reviews = dict(session.execute(_visible(select(DocumentRecord.review_status, func.count())
                                                .where(DocumentRecord.status == "done")
                                                .group_by(DocumentRecord.review_status), who)).all())
        done = session.execute(_visible(select(DocumentRecord.updated_at, DocumentRecord.page_count)
                                        .where(DocumentRecord.status == "done",
                                               DocumentRecord.updated_at >= since), who)).all()
    hours: dict[str, int] = {}
    for at, pages in done:
        at = at if at.tzinfo else at.replace(tzinfo=timezone.utc)
        label = at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:00")
        hours[label] = hours.get(label, 0) + (pages or 0)
    return {"states": states, "reviews": {k or "none": v for k, v in reviews.items()},
            "pages_per_hour": [{"hour": h, "pages": n} for h, n in sorted(hours.items())]}


@router.get("/data/review-config")
async def review_config(request: Request):
    require(request, "review")
    return {"threshold": request.app.state.ctx.settings.review.confidence_threshold}


@router.get("/data/counts")
async def counts(request: Request):
    who = require(request)
    return await anyio.to_thread.run_sync(load_counts, request.app.state.ctx, who)
