"""Alembic migrations (``alembic.ini`` at the repository root points here).

``upgrade(url)`` runs them from Python, e.g. at deployment before the API and
workers start: ``python -c "from sohoa.models.migrations import upgrade; upgrade()"``
or ``alembic upgrade head``.
"""
from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent


def alembic_config(url: str | None = None):
    from alembic.config import Config
    config = Config()
    config.set_main_option("script_location", str(HERE))
    if url:
        config.attributes["url"] = url
    return config


def upgrade(url: str | None = None, revision: str = "head") -> None:
    from alembic import command
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str | None = None, revision: str = "base") -> None:
    from alembic import command
    command.downgrade(alembic_config(url), revision)
