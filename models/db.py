"""Database tables (SQLAlchemy 2.0).  SQLite by default, PostgreSQL in production."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from functools import lru_cache

from sqlalchemy import JSON, DateTime, Integer, String, Text, create_engine, event, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def new_id() -> str:
    return uuid.uuid4().hex


class Base(DeclarativeBase):
    pass


class DocumentRecord(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    sha256: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    filename: Mapped[str] = mapped_column(String(512))
    media_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="queued", index=True)
    error_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    error_message: Mapped[str | None] = mapped_column(Text, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    doc_type: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    review_status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    page_count: Mapped[int | None] = mapped_column(Integer, nullable=True)
    subject_id: Mapped[str | None] = mapped_column(String(16), nullable=True, index=True)
    dossier_code: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    centre: Mapped[str | None] = mapped_column(String(64), nullable=True)
    summary: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


@lru_cache(maxsize=8)
def engine_for(url: str):
    if url.startswith("sqlite:///"):
        from pathlib import Path
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    _create_tables(engine)
    return engine


def _create_tables(engine, attempts: int = 3) -> None:
    """Creates missing tables (every table, whichever modules the caller imported);
    another process creating them at the same moment is fine."""
    from sqlalchemy.exc import OperationalError, ProgrammingError, IntegrityError
    from sohoa.models import api_tables  # noqa: F401 - registers the index, audit and API tables
    for attempt in range(attempts):
        try:
            Base.metadata.create_all(engine)
            return
        except (OperationalError, ProgrammingError, IntegrityError):
            if attempt == attempts - 1:
                raise


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def session_factory(url: str) -> sessionmaker:
    return sessionmaker(bind=engine_for(url), expire_on_commit=False)


ASYNC_DRIVERS = {"postgresql": "asyncpg", "sqlite": "aiosqlite"}


def open_read_engine(url: str, pool_size: int = 16, max_overflow: int = 0):
    """An async engine (asyncpg, aiosqlite) in autocommit mode, for the API's audited reads.

    Each statement commits on its own: a read is one SELECT plus one audit
    INSERT, durable when it returns, with no BEGIN/COMMIT round trips and no
    worker thread per request. No ping on checkout either: after a database
    restart the first statement on a dead connection fails, SQLAlchemy
    discards the pool, and the API answers that request ``503
    database_unavailable``. Bound to the event loop that opens it (the app's
    lifespan), so it is not cached here.
    """
    from sqlalchemy.ext.asyncio import create_async_engine
    engine_for(url)  # the tables
    target = make_url(url)
    backend = target.get_backend_name()
    target = target.set(drivername=f"{backend}+{ASYNC_DRIVERS[backend]}")
    if backend == "sqlite":
        engine = create_async_engine(target, isolation_level="AUTOCOMMIT", connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(target, isolation_level="AUTOCOMMIT", pool_size=pool_size, max_overflow=max_overflow,
                               pool_timeout=10)
