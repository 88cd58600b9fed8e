"""Submit: upload files (multipart) or reference a stored object; 202 with job ids."""
from __future__ import annotations

import hashlib
import io
import json
import logging
from typing import Annotated

from fastapi import APIRouter, File, Form, Header, UploadFile
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sohoa.api.deps import AppContext, Ctx, PrincipalDep, SessionDep
from sohoa.api.errors import Forbidden, IdempotencyConflict, ValidationFailed
from sohoa.api.routes.common import job_view
from sohoa.api.schemas import CENTRE_PATTERN, DOSSIER_PATTERN, SUBJECT_PATTERN, StorageSubmitIn, SubmitMeta, SubmitOut
from sohoa.ingest.index import index_document
from sohoa.ingest.intake import intake_file
from sohoa.models.api_tables import ApiJob, Dossier, DossierDocument, IdempotencyRecord
from sohoa.models.db import DocumentRecord
from sohoa.models.errors import EmptyFile, FileTooLarge, ServiceError, TooManyPages
from sohoa.models.fields import DOC_TYPES

log = logging.getLogger(__name__)
router = APIRouter(tags=["submit"])
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key", max_length=128,
                                              description="Retries with the same key return the first answer")]


def check_limits(data: bytes, filename: str, ctx: AppContext) -> None:
    limits = ctx.settings.input
    if not data:
        raise EmptyFile(f"{filename}: the file is empty")
    if len(data) > limits.max_bytes:
        raise FileTooLarge(f"{filename}: {len(data)} bytes; the limit is {limits.max_bytes}")
    pages = _page_count(data)
    if pages > limits.max_pages:
        raise TooManyPages(f"{filename}: {pages} pages; the limit is {limits.max_pages}")


def _page_count(data: bytes) -> int:
    if data[:5] == b"%PDF-":
        try:
            from sohoa.pipeline.pdfinput import open_pdf
            return len(open_pdf(data))
        except ServiceError:
            return 1  # the job reports the precise error
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        try:
            from PIL import Image
            return getattr(Image.open(io.BytesIO(data)), "n_frames", 1)
        except Exception:  # noqa: BLE001 - the job reports corrupt images
            return 1
    return 1


def _centre_for(who, meta: SubmitMeta) -> str | None:
    centre = meta.centre or who.centre
    if centre is None or not who.sees(centre):
        raise Forbidden("this key may not submit for that service centre")
    return centre


def ensure_link(session, dossier_code: str, centre: str | None, doc_id: str, who, reused: bool) -> DossierDocument:
    if session.get(Dossier, dossier_code) is None:
        try:
            with session.begin_nested():  # a concurrent request may create the same dossier
                session.add(Dossier(code=dossier_code, centre=centre))
        except IntegrityError:
            pass
    link = session.scalar(select(DossierDocument).where(DossierDocument.dossier_code == dossier_code,
                                                        DossierDocument.document_id == doc_id))
    if link is None:
        link = DossierDocument(dossier_code=dossier_code, document_id=doc_id, reused=reused, linked_by=who.prefix)
        session.add(link)
        session.flush()
    return link


def _intake(ctx: AppContext, session, who, data: bytes, filename: str, meta: SubmitMeta, centre) -> tuple[ApiJob, bool]:
    check_limits(data, filename, ctx)
    intake = intake_file(session, ctx.storage, data, filename[:512], dossier_code=meta.dossier_code,
                         centre=centre, subject_id=meta.subject_id, doc_type=meta.doc_type)
    record = intake.record
    if meta.dossier_code:
        ensure_link(session, meta.dossier_code, centre, record.id, who, reused=False)
    job = ApiJob(document_id=record.id, key_prefix=who.prefix, centre=centre, callback_url=meta.callback_url)
    session.add(job)
    if intake.is_new:
        index_document(session, record, None, commit=False)
    elif record.status == "failed":
        record.status = "queued"
    session.commit()
    return job, intake.is_new or record.status == "queued"


def enqueue(ctx: AppContext, doc_ids: list[str]) -> None:
    """Submits to the queue; inline, an unexpected crash of the job ends the document ``failed``."""
    from sohoa.api.callbacks import submit_to_queue
    for doc_id in doc_ids:
        try:
            queue_id = submit_to_queue(ctx, doc_id)
        except ServiceError:
            if ctx.settings.queue.backend != "inline":
                raise  # e.g. queue_unavailable: the caller gets 503 and retries with its Idempotency-Key
            queue_id = None
        except Exception as exc:  # noqa: BLE001 - a bug in a job must not break the HTTP connection
            log.error("job of document %s crashed: %s", doc_id, type(exc).__name__, exc_info=exc)
            _mark_crashed(ctx, doc_id)
            continue
        with ctx.sessions() as session:
            for job in session.scalars(select(ApiJob).where(ApiJob.document_id == doc_id,
                                                            ApiJob.queue_job_id.is_(None))):
                job.queue_job_id = queue_id
            session.commit()


def _mark_crashed(ctx: AppContext, doc_id: str) -> None:
    with ctx.sessions() as session:
        record = session.get(DocumentRecord, doc_id)
        if record is not None and record.status in ("queued", "processing"):
            record.status, record.error_code = "failed", "internal_error"
            record.error_message = "the document's job stopped on an unexpected error"
            session.commit()


def _submit(ctx, session, who, files: list[tuple[bytes, str]], meta: SubmitMeta, key: str | None):
    who.require("submit")
    if meta.doc_type and meta.doc_type not in DOC_TYPES:
        raise ValidationFailed(f"doc_type must be one of {', '.join(DOC_TYPES)}")
    if len(files) > ctx.api.max_files:
        raise ValidationFailed(f"at most {ctx.api.max_files} files per request")
    centre = _centre_for(who, meta)
    request_hash = hashlib.sha256(json.dumps([[hashlib.sha256(d).hexdigest(), n] for d, n in files]
                                             + [meta.model_dump()], sort_keys=True).encode()).hexdigest()
    if key:
        earlier = _replay(session, who, key, request_hash)
        if earlier is not None:
            return earlier
    jobs, to_run = [], []
    for data, filename in files:
        job, run = _intake(ctx, session, who, data, filename, meta, centre)
        jobs.append(job_view(session, job, duplicate=not run).model_dump(mode="json"))
        if run:
            to_run.append(job.document_id)
    body = {"jobs": jobs}
    if key:
        body = _remember(session, who, key, request_hash, body)
    _schedule(ctx, to_run)
    return JSONResponse(body, status_code=202)


def _schedule(ctx: AppContext, doc_ids: list[str]) -> None:
    if not doc_ids:
        return
    if ctx.settings.queue.backend == "inline":
        # inline jobs run for seconds: on their own thread, never on the request threads
        ctx.inline_runner().submit(enqueue, ctx, doc_ids)
    else:
        enqueue(ctx, doc_ids)


def _replay(session, who, key: str, request_hash: str):
    row = session.scalar(select(IdempotencyRecord).where(IdempotencyRecord.key_prefix == who.prefix,
                                                         IdempotencyRecord.key == key))
    if row is None:
        return None
    if row.request_hash != request_hash:
        raise IdempotencyConflict("this Idempotency-Key was used with a different request")
    return JSONResponse(row.response, status_code=202, headers={"Idempotent-Replayed": "true"})


def _remember(session, who, key: str, request_hash: str, body: dict) -> dict:
    try:
        session.add(IdempotencyRecord(key_prefix=who.prefix, key=key, request_hash=request_hash, response=body))
        session.commit()
    except IntegrityError:  # a concurrent retry won the race: answer what it answered
        session.rollback()
        row = session.scalar(select(IdempotencyRecord).where(IdempotencyRecord.key_prefix == who.prefix,
                                                             IdempotencyRecord.key == key))
        return row.response
    return body


@router.post("/documents", status_code=202, response_model=SubmitOut,
             responses={202: {"model": SubmitOut}}, summary="Upload one scan or a batch")
def submit_files(ctx: Ctx, session: SessionDep, who: PrincipalDep,
                 files: Annotated[list[UploadFile], File(description="One or more scans (PDF, JPEG, PNG, TIFF)")],
                 dossier_code: Annotated[str | None, Form(pattern=DOSSIER_PATTERN)] = None,
                 centre: Annotated[str | None, Form(pattern=CENTRE_PATTERN)] = None,
                 doc_type: Annotated[str | None, Form(max_length=32)] = None,
                 subject_id: Annotated[str | None, Form(pattern=SUBJECT_PATTERN)] = None,
                 callback_url: Annotated[str | None, Form(pattern=r"^https?://[^\s]{1,1000}$")] = None,
                 idempotency_key: IdempotencyKey = None):
    meta = SubmitMeta(dossier_code=dossier_code, centre=centre, doc_type=doc_type, subject_id=subject_id,
                      callback_url=callback_url)
    limit = ctx.settings.input.max_bytes
    payload = []
    for upload in files:
        data = upload.file.read(limit + 1)
        payload.append((data, upload.filename or "upload"))
    return _submit(ctx, session, who, payload, meta, idempotency_key)


@router.post("/documents/from-storage", status_code=202, response_model=SubmitOut,
             responses={202: {"model": SubmitOut}}, summary="Submit an object already in storage")
def submit_stored(body: StorageSubmitIn, ctx: Ctx, session: SessionDep,
                  who: PrincipalDep, idempotency_key: IdempotencyKey = None):
    who.require("submit")
    prefix = ctx.settings.storage.inbox_prefix
    if not body.storage_key.startswith(prefix) or ".." in body.storage_key:
        raise ValidationFailed(f"storage_key must name an object under {prefix!r}")
    try:
        data = ctx.storage.get(body.storage_key)
    except ValueError as exc:
        raise ValidationFailed("storage_key is not a valid key") from exc
    filename = body.filename or body.storage_key.rsplit("/", 1)[-1]
    meta = SubmitMeta(**body.model_dump(exclude={"storage_key", "filename"}))
    return _submit(ctx, session, who, [(data, filename)], meta, idempotency_key)
