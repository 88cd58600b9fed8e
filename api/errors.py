"""API errors: ServiceError subclasses with stable codes, mapped in one handler.

Every error leaves as ``{"code", "message"}`` with its HTTP status; framework
errors (404 routes, 405, validation) get codes too, and anything unexpected is
a bare ``internal_error`` with no stack trace or path.
"""
from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from sqlalchemy.exc import DBAPIError, OperationalError, TimeoutError as PoolTimeout

from sohoa.models.errors import DatabaseUnavailable, ServiceError

log = logging.getLogger(__name__)


class Unauthorized(ServiceError):
    code = "unauthorized"
    http_status = 401


class Forbidden(ServiceError):
    code = "forbidden"
    http_status = 403


class RateLimited(ServiceError):
    code = "rate_limited"
    http_status = 429


class IdempotencyConflict(ServiceError):
    code = "idempotency_conflict"
    http_status = 409


class Conflict(ServiceError):
    code = "conflict"
    http_status = 409


class BadRequest(ServiceError):
    code = "bad_request"
    http_status = 400


class ValidationFailed(ServiceError):
    code = "validation_error"
    http_status = 422


class PayloadTooLarge(ServiceError):
    code = "payload_too_large"
    http_status = 413


class NotReady(ServiceError):
    code = "not_ready"
    http_status = 409


HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 413: "payload_too_large",
              415: "unsupported_type", 422: "validation_error", 429: "rate_limited"}

ERROR_SCHEMA = {"type": "object", "required": ["code", "message"],
                "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body",))
        parts.append(f"{where}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def describe(exc: Exception) -> tuple[int, str, str, dict]:
    """(status, code, message, headers) for any exception."""
    if _database_gone(exc):
        log.warning("database unavailable: %s", type(exc).__name__)
        exc = DatabaseUnavailable("the database is unavailable; retry shortly", retry_after=1)
    if isinstance(exc, ServiceError):
        headers = {"Retry-After": str(exc.detail["retry_after"])} if "retry_after" in exc.detail else {}
        if exc.http_status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return exc.http_status, exc.code, exc.message, headers
    if isinstance(exc, RequestValidationError):
        return 422, "validation_error", _validation_message(exc), {}
    if isinstance(exc, StarletteHTTPException):
        code = HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code
        return exc.status_code, code, message, dict(exc.headers or {})
    log.error("unhandled %s in request", type(exc).__name__, exc_info=exc)
    return 500, "internal_error", "internal error", {}


def _database_gone(exc: Exception) -> bool:
    """A lost or refused database connection (the pool is already discarded), or no free
    connection within the pool's timeout: retryable."""
    if isinstance(exc, (OperationalError, PoolTimeout)):
        return True
    return isinstance(exc, DBAPIError) and exc.connection_invalidated


def error_response(exc: Exception) -> JSONResponse:
    status, code, message, headers = describe(exc)
    return JSONResponse({"code": code, "message": message}, status_code=status, headers=headers)


async def handle_error(_request: Request, exc: Exception) -> JSONResponse:
    """The one exception handler."""
    return error_response(exc)


def install(app: FastAPI) -> None:
    # Database errors by name: handled like a ServiceError, the HTTP connection stays open
    # (what reaches the catch-all ``Exception`` handler is re-raised and the connection closed).
    for kind in (ServiceError, RequestValidationError, StarletteHTTPException, DBAPIError, PoolTimeout, Exception):
        app.add_exception_handler(kind, handle_error)
