"""Alembic migrations run on SQLite and on the real PostgreSQL, and match models/db.py."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from sohoa.models.db import Base
from sohoa.models.migrations import downgrade, upgrade

ROOT = Path(__file__).resolve().parents[2]


def _assert_matches_models(url: str) -> None:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
            assert MigrationContext.configure(conn).get_current_revision() == "0001"
    finally:
        engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_upgrade_matches_models_and_downgrades(backend, tmp_path, request):
    url = f"sqlite:///{tmp_path / 'm.db'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    upgrade(url)
    _assert_matches_models(url)
    downgrade(url)
    engine = create_engine(url)
    assert "documents" not in inspect(engine).get_table_names()
    engine.dispose()


def test_alembic_command_line_reads_database_url_from_settings(pg_url, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOHOA_")}
    env["SOHOA_DATABASE__URL"] = pg_url
    subprocess.run([sys.executable, "-m", "alembic", "upgrade", "head"], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=120)
    _assert_matches_models(pg_url)
