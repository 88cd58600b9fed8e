"""A throwaway PostgreSQL database ``sohoa_api_<random>``, migrated with Alembic to head."""
from __future__ import annotations

import secrets
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parents[2]
SERVER = "postgresql+psycopg2://postgres@127.0.0.1:5432"


def migrate(url: str, revision: str = "head", down: bool = False) -> None:
    from alembic import command
    from alembic.config import Config
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "models" / "migrations"))
    config.attributes["url"] = url
    (command.downgrade if down else command.upgrade)(config, revision)


@contextmanager
def throwaway_database(prefix: str = "sohoa_api_"):
    name = prefix + secrets.token_hex(4)
    admin = create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = f"{SERVER}/{name}"
    try:
        yield url
    finally:
        from sohoa.models.db import engine_for
        engine_for(url).dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
