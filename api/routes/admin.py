"""Admin: API keys (create, list, revoke), the audit log, the effective settings."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlalchemy import select

from sohoa.api import auth
from sohoa.api.deps import Ctx, PrincipalDep, SessionDep
from sohoa.api.schemas import AuditOut, Json, KeyCreated, KeyIn, KeyOut
from sohoa.models.api_tables import ApiKey, AuditEvent
from sohoa.models.errors import NotFound

router = APIRouter(tags=["admin"])
SECRET_WORDS = ("secret", "passphrase", "password", "access_key", "url")


def key_out(row: ApiKey) -> KeyOut:
    return KeyOut(prefix=row.prefix, name=row.name, role=row.role, centre=row.centre, grants=list(row.grants or []),
                  rate_per_minute=row.rate_per_minute, created_at=row.created_at, revoked=row.revoked_at is not None)


@router.post("/keys", response_model=KeyCreated, status_code=201, summary="Create an API key (shown once)")
def create_key(body: KeyIn, session: SessionDep, who: PrincipalDep):
    who.require("keys")
    row, plaintext = auth.create_key(session, body.name, body.role, body.centre, body.grants, body.rate_per_minute)
    return KeyCreated(**key_out(row).model_dump(), key=plaintext)


@router.get("/keys", response_model=list[KeyOut], summary="List API keys (never the keys themselves)")
def list_keys(session: SessionDep, who: PrincipalDep):
    who.require("keys")
    return [key_out(r) for r in auth.list_keys(session)]


@router.delete("/keys/{prefix}", response_model=KeyOut, summary="Revoke an API key")
def revoke_key(prefix: Annotated[str, Path(pattern=r"^[0-9a-f]{8}$")], ctx: Ctx, session: SessionDep,
               who: PrincipalDep):
    who.require("keys")
    row = auth.revoke_key(session, prefix)
    ctx.principals.clear()
    if row is None:
        raise NotFound("no such key")
    return key_out(row)


@router.get("/audit", response_model=list[AuditOut], summary="The append-only audit log, newest first")
def audit_log(session: SessionDep, who: PrincipalDep,
              document_id: Annotated[str | None, Query(pattern=r"^[0-9a-f]{32}$")] = None,
              subject_id: Annotated[str | None, Query(pattern=r"^(\d{12}|\d{10})$")] = None,
              key_prefix: Annotated[str | None, Query(pattern=r"^[0-9a-f]{8}$")] = None,
              limit: Annotated[int, Query(ge=1, le=1000)] = 100):
    who.require("audit")
    stmt = select(AuditEvent)
    for column, value in ((AuditEvent.document_id, document_id), (AuditEvent.subject_id, subject_id),
                          (AuditEvent.key_prefix, key_prefix)):
        if value:
            stmt = stmt.where(column == value)
    rows = session.scalars(stmt.order_by(AuditEvent.id.desc()).limit(limit)).all()
    return [AuditOut.model_validate(r, from_attributes=True) for r in rows]


def _redact(value):
    if isinstance(value, dict):
        return {k: "***" if any(w in k for w in SECRET_WORDS) and v else _redact(v) for k, v in value.items()}
    return value


@router.get("/settings", response_model=Json, summary="Effective settings, secrets redacted")
def settings(ctx: Ctx, who: PrincipalDep):
    who.require("settings")
    return {"settings": _redact(ctx.settings.model_dump(mode="json")), "api": _redact(ctx.api.model_dump())}
