"""The API on PostgreSQL (migrated with Alembic): full-text search, the audit trigger, the migration."""
from __future__ import annotations

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

from sohoa.api.app import create_app
from sohoa.models.settings import DatabaseSettings, Settings

from .conftest import api_settings, make_keys
from .helpers import Api, LiveServer
from .pg import migrate, throwaway_database
from .seed import person, seed


@pytest.fixture(scope="module")
def pg_api(tmp_path_factory):
    with throwaway_database() as url:  # PostgreSQL on 127.0.0.1:5432 is part of the test set-up
        migrate(url)
        settings = Settings(home=tmp_path_factory.mktemp("sohoa-pg"), database=DatabaseSettings(url=url))
        app = create_app(settings, api=api_settings())
        with LiveServer(app) as server:
            api = Api(server.url, make_keys(app.state.ctx))
            api.ctx, api.db_url = app.state.ctx, url
            with api.ctx.sessions() as session:
                seed(session, 120, tag="pgseed")
            yield api
            api.client.close()


def test_full_text_search_uses_tsvector_and_gin(pg_api):
    api = pg_api
    marked = api.get("province", "/documents", params={"q": "chuyển đổi số", "limit": 200}).json()
    folded = api.get("province", "/documents", params={"q": "chuyen doi so", "limit": 200}).json()
    assert marked["total"] == folded["total"] > 0
    narrowed = api.get("integrator", "/documents", params={"q": "chuyen doi so", "doc_type": "id_card"}).json()
    assert all(i["centre"] == "C1" and i["doc_type"] == "id_card" for i in narrowed["items"])
    assert api.get("province", "/documents", params={"q": "&|!:*()"}).status_code == 200
    with api.ctx.sessions() as session:
        plan = "\n".join(r[0] for r in session.execute(text(
            "EXPLAIN SELECT document_id FROM document_index WHERE tsv @@ plainto_tsquery('simple', 'doi')")))
        indexes = {i["name"] for i in inspect(session.get_bind()).get_indexes("document_index")}
    assert "ix_document_index_tsv" in indexes and "document_index" in plan


def test_subject_lookup_and_audit_on_postgres(pg_api):
    api = pg_api
    items = api.get("province", f"/subjects/{person(3)}/documents", purpose="pg: reuse check").json()["items"]
    assert len(items) == 1 and items[0]["signed"] is True
    audit = api.get("admin", "/audit", params={"subject_id": person(3)}).json()
    assert audit[0]["purpose"] == "pg: reuse check" and audit[0]["key_name"] == "province"


def test_audit_trigger_rejects_update_and_delete(pg_api):
    api = pg_api
    api.get("province", "/documents", purpose="pg: trigger check")
    with api.ctx.sessions() as session:
        assert session.execute(text("SELECT count(*) FROM audit_log")).scalar() > 0
        for sql in ("UPDATE audit_log SET purpose = 'rewritten'", "DELETE FROM audit_log"):
            with pytest.raises(DBAPIError, match="append-only"):
                session.execute(text(sql))
            session.rollback()


def test_lost_database_connections_cost_one_retryable_503(pg_api):
    """Reads use an autocommit pool without a ping: a dead connection fails one request, then recovers."""
    api = pg_api
    doc = api.get("province", "/documents", params={"limit": 1}).json()["items"][0]["id"]
    assert api.get("province", f"/documents/{doc}").status_code == 200
    with api.ctx.sessions() as session:  # as a database restart would
        killed = session.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                      "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
    assert killed >= 1
    lost = api.get("province", f"/documents/{doc}")
    assert lost.status_code == 503 and lost.headers["Retry-After"] == "1"
    assert lost.json() == {"code": "database_unavailable", "message": "the database is unavailable; retry shortly"}
    assert api.get("province", f"/documents/{doc}").json()["id"] == doc


def test_migration_goes_down_and_up(pg_api):
    with throwaway_database("sohoa_api_mig_") as url:
        migrate(url)
        engine = create_engine(url)
        assert "audit_log" in inspect(engine).get_table_names()
        migrate(url, "0001", down=True)
        assert "audit_log" not in inspect(engine).get_table_names()
        migrate(url)
        assert {"api_keys", "document_index", "callback_deliveries"} <= set(inspect(engine).get_table_names())
        engine.dispose()
