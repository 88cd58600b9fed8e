"""Alembic migrations run on SQLite and on the real PostgreSQL (throwaway database).

Revision 0001 must create exactly the ``documents`` table of models/db.py; the whole
chain (later revisions belong to other parts) must upgrade to head and downgrade to base.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine, inspect

from sohoa.models.db import DocumentRecord
from sohoa.models.migrations import alembic_config, downgrade, upgrade

ROOT = Path(__file__).resolve().parents[2]


def _documents_metadata() -> MetaData:
    metadata = MetaData()
    DocumentRecord.__table__.to_metadata(metadata)
    return metadata


def _documents_diff(url: str) -> list:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), _documents_metadata())
    finally:
        engine.dispose()
    return [d for d in diff if not (d[0] == "remove_table" and d[1].name != "documents")
            and not (d[0] == "remove_index" and d[1].table.name != "documents")]


def _revision(url: str) -> str | None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path):
    return f"sqlite:///{tmp_path / 'm.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")


def test_0001_creates_the_documents_table_of_the_models(url):
    upgrade(url, "0001")
    assert _revision(url) == "0001"
    assert _documents_diff(url) == []


def test_upgrade_to_head_and_back_to_base(url):
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    upgrade(url)
    assert _revision(url) == head
    assert _documents_diff(url) == []
    downgrade(url)
    assert _tables(url) <= {"alembic_version"}


def test_alembic_command_line_reads_database_url_from_settings(pg_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOHOA_")}
    env["SOHOA_DATABASE__URL"] = pg_url
    subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=120)
    assert _revision(pg_url) == ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert "documents" in _tables(pg_url)
