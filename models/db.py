"""Database tables (SQLAlchemy 2.0).  SQLite by default, PostgreSQL in production."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from functools import lru_cache

from sqlalchemy import JSON, DateTime, Integer, String, Text, create_engine, event
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
    engine = _new_engine(url)
    _create_tables(engine)
    return engine


@lru_cache(maxsize=8)
def autocommit_engine_for(url: str):
    """A second, small pool whose connections are in autocommit mode for good.

    (``execution_options(isolation_level=...)`` on the main pool would set and
    reset the level on every checkout: two more round trips per request.)
    No ping on checkout either (a third round trip): after a database restart
    the first statement on a dead connection fails, SQLAlchemy discards the
    whole pool, and the API answers that one request ``503 database_unavailable``.
    """
    engine_for(url)  # the tables
    return _new_engine(url, isolation_level="AUTOCOMMIT", pool_size=5, max_overflow=5, pool_pre_ping=False)


def _new_engine(url: str, **options):
    if url.startswith("sqlite:///"):
        from pathlib import Path
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **options)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, **{"pool_pre_ping": True, **options})


def _create_tables(engine, attempts: int = 3) -> None:
    """Creates missing tables; another process creating them at the same moment is fine."""
    from sqlalchemy.exc import OperationalError, ProgrammingError, IntegrityError
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


def autocommit_session_factory(url: str) -> sessionmaker:
    """Sessions in which every statement commits on its own.

    For reads that append one audit row: no BEGIN and COMMIT round trips, and
    the row is durable as soon as its INSERT returns.
    """
    return sessionmaker(bind=autocommit_engine_for(url), expire_on_commit=False)
