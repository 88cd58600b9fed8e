"""API keys and roles.

A key reads ``sohoa_<prefix>_<secret>``; the table keeps the prefix (the key's
public id) and the SHA-256 of the whole key, never the key.  Roles give
permissions; a key sees its own centre's documents plus the centres in its
``grants`` (``"*"`` = every centre).
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from sohoa.api.errors import Forbidden, Unauthorized
from sohoa.models.api_tables import ApiKey
from sohoa.models.db import utcnow

ROLES = ("clerk", "integrator", "archivist", "admin")
PERMISSIONS: dict[str, set[str]] = {
    "clerk": {"submit", "track", "search", "link"},
    "integrator": {"submit", "track", "search", "link", "read_results", "subjects"},
    "archivist": {"track", "search", "read_results", "subjects", "review", "report"},
    "admin": {"keys", "report", "audit", "settings"},
}


@dataclass(frozen=True)
class Principal:
    prefix: str
    name: str
    role: str
    centre: str | None
    grants: tuple[str, ...] = field(default_factory=tuple)
    rate_per_minute: int | None = None

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, set())

    def require(self, permission: str) -> None:
        if not self.can(permission):
            raise Forbidden(f"the role {self.role!r} may not {permission.replace('_', ' ')}")

    @property
    def centres(self) -> set[str] | None:
        """Centres whose documents this key sees; None = all."""
        if "*" in self.grants:
            return None
        return {c for c in (self.centre, *self.grants) if c}

    def sees(self, centre: str | None) -> bool:
        visible = self.centres
        return visible is None or (centre is not None and centre in visible)


class PrincipalCache:
    """Authenticated keys for a few seconds, so hot paths skip the key look-up.

    A key revoked through this process is dropped at once; other processes
    stop accepting it within ``ttl`` seconds.
    """

    def __init__(self, ttl: float = 5.0, size: int = 1024):
        self.ttl, self.size = ttl, size
        self._items: dict[str, tuple[float, Principal]] = {}

    def get(self, raw: str) -> Principal | None:
        hit = self._items.get(hash_key(raw))
        if hit is None or hit[0] < time.monotonic():
            return None
        return hit[1]

    def put(self, raw: str, principal: Principal) -> None:
        if len(self._items) >= self.size:
            self._items.clear()
        self._items[hash_key(raw)] = (time.monotonic() + self.ttl, principal)

    def clear(self) -> None:
        self._items.clear()


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(session: Session, name: str, role: str, centre: str | None = None,
               grants: list[str] | None = None, rate_per_minute: int | None = None) -> tuple[ApiKey, str]:
    """Creates a key; returns the row and the plaintext key (shown once)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    prefix = secrets.token_hex(4)
    plaintext = f"sohoa_{prefix}_{secrets.token_urlsafe(24)}"
    row = ApiKey(prefix=prefix, key_hash=hash_key(plaintext), name=name, role=role, centre=centre,
                 grants=list(grants or []), rate_per_minute=rate_per_minute)
    session.add(row)
    session.commit()
    return row, plaintext


def revoke_key(session: Session, prefix: str) -> ApiKey | None:
    row = session.get(ApiKey, prefix)
    if row is not None and row.revoked_at is None:
        row.revoked_at = utcnow()
        session.commit()
    return row


def list_keys(session: Session) -> list[ApiKey]:
    return list(session.scalars(select(ApiKey).order_by(ApiKey.created_at)).all())


def parse_key(raw: str | None) -> tuple[str, str]:
    if not raw:
        raise Unauthorized("an API key is required (Authorization: Bearer <key> or X-API-Key)")
    parts = raw.split("_")
    if len(parts) < 3 or parts[0] != "sohoa" or not parts[1]:
        raise Unauthorized("the API key is malformed")
    return parts[1], raw


def authenticate(session: Session, raw: str | None) -> Principal:
    prefix, key = parse_key(raw)
    row = session.get(ApiKey, prefix)
    if row is None or row.revoked_at is not None or not hmac.compare_digest(row.key_hash, hash_key(key)):
        raise Unauthorized("the API key is unknown or revoked")
    return Principal(row.prefix, row.name, row.role, row.centre, tuple(row.grants or ()), row.rate_per_minute)
