"""The API's context and typed dependencies (the FastAPI template's ``SessionDep`` style).

``ApiSettings`` reads ``SOHOA_API__*``; when ``Settings`` gains an ``api``
section it is used instead, so there stays one place to configure.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Annotated, Iterator

from fastapi import Depends, Header, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.orm import Session, sessionmaker

from sohoa.api.auth import Principal, authenticate
from sohoa.api.ratelimit import RateLimiter
from sohoa.ingest.storage import Storage
from sohoa.models.api_tables import AuditEvent
from sohoa.models.settings import Settings

log = logging.getLogger(__name__)
DEV_CALLBACK_SECRET = "development-callback-secret"


class ApiSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SOHOA_API__", extra="ignore")

    callback_secret: str = DEV_CALLBACK_SECRET
    rate_per_minute: int = 1200
    max_files: int = 20
    max_wait: int = 30
    callback_attempts: int = 5
    callback_backoff: float = 2.0   # seconds; doubles each attempt
    callback_timeout: float = 5.0
    watch_interval: float = 0.5     # how often finished jobs are looked for
    host: str = "127.0.0.1"
    port: int = 8000


@dataclass
class AppContext:
    settings: Settings
    api: ApiSettings
    sessions: sessionmaker
    storage: Storage
    limiter: RateLimiter

    @property
    def storage_backend(self) -> str:
        return self.settings.storage.backend


def get_ctx(request: Request) -> AppContext:
    return request.app.state.ctx


Ctx = Annotated[AppContext, Depends(get_ctx)]


def get_session(ctx: Ctx) -> Iterator[Session]:
    with ctx.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer sohoa_<prefix>_<secret>")
api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def get_principal(ctx: Ctx, session: SessionDep,
                  credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)] = None,
                  x_api_key: Annotated[str | None, Depends(api_key_header)] = None) -> Principal:
    principal = authenticate(session, x_api_key or (credentials.credentials if credentials else None))
    ctx.limiter.check(principal.prefix, principal.rate_per_minute)
    return principal


PrincipalDep = Annotated[Principal, Depends(get_principal)]
Purpose = Annotated[str, Header(alias="X-Purpose", min_length=3, max_length=200,
                                description="Declared purpose of reading personal data (audited).")]


def audit(session: Session, request: Request, who: Principal, action: str, resource: str, *,
          purpose: str | None, subject_id: str | None = None, document_id: str | None = None) -> None:
    """Appends one audit row and commits it (the read is recorded even if the response fails)."""
    session.add(AuditEvent(key_prefix=who.prefix, key_name=who.name, role=who.role, centre=who.centre,
                           action=action, resource=resource[:128], subject_id=subject_id,
                           document_id=document_id, purpose=(purpose or "")[:200] or None,
                           client=request.client.host if request.client else None))
    session.commit()
    log.debug("audit %s %s by %s", action, resource, who.prefix)
