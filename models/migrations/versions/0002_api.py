"""The HTTP API's tables: keys, append-only audit log, dossiers, jobs, idempotency, callbacks, search index.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def _now(name: str, index: bool = False) -> sa.Column:
    return sa.Column(name, TS, nullable=False, index=index)


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("prefix", sa.String(16), primary_key=True),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("centre", sa.String(64)),
        sa.Column("grants", sa.JSON(), nullable=False),
        sa.Column("rate_per_minute", sa.Integer()),
        _now("created_at"),
        sa.Column("revoked_at", TS),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        _now("at", index=True),
        sa.Column("key_prefix", sa.String(16), nullable=False, index=True),
        sa.Column("key_name", sa.String(128), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("centre", sa.String(64)),
        sa.Column("action", sa.String(48), nullable=False),
        sa.Column("resource", sa.String(128), nullable=False),
        sa.Column("subject_id", sa.String(16), index=True),
        sa.Column("document_id", sa.String(32), index=True),
        sa.Column("purpose", sa.String(200)),
        sa.Column("client", sa.String(64)),
    )
    op.create_table(
        "dossiers",
        sa.Column("code", sa.String(64), primary_key=True),
        sa.Column("centre", sa.String(64), index=True),
        _now("received_at", index=True),
    )
    op.create_table(
        "dossier_documents",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("dossier_code", sa.String(64), sa.ForeignKey("dossiers.code"), nullable=False, index=True),
        sa.Column("document_id", sa.String(32), nullable=False, index=True),
        sa.Column("reused", sa.Boolean(), nullable=False),
        sa.Column("linked_by", sa.String(16)),
        _now("linked_at"),
        sa.UniqueConstraint("dossier_code", "document_id"),
    )
    op.create_table(
        "api_jobs",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("document_id", sa.String(32), nullable=False, index=True),
        sa.Column("key_prefix", sa.String(16), nullable=False),
        sa.Column("centre", sa.String(64)),
        sa.Column("queue_job_id", sa.String(64)),
        sa.Column("callback_url", sa.String(1024)),
        sa.Column("finished", sa.Boolean(), nullable=False, index=True),
        _now("created_at"),
    )
    op.create_table(
        "idempotency_keys",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key_prefix", sa.String(16), nullable=False),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("response", sa.JSON(), nullable=False),
        _now("created_at"),
        sa.UniqueConstraint("key_prefix", "key"),
    )
    op.create_table(
        "callback_deliveries",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("job_id", sa.String(32), nullable=False, index=True),
        sa.Column("url", sa.String(1024), nullable=False),
        sa.Column("event", sa.String(32), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False, index=True),
        sa.Column("response_code", sa.Integer()),
        sa.Column("error", sa.String(200)),
        _now("next_attempt_at"),
        _now("updated_at"),
    )
    op.create_table(
        "document_index",
        sa.Column("document_id", sa.String(32), primary_key=True),
        sa.Column("centre", sa.String(64)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("doc_type", sa.String(32), index=True),
        sa.Column("personal_id", sa.String(16), index=True),
        sa.Column("enterprise_code", sa.String(16), index=True),
        sa.Column("document_number", sa.String(64), index=True),
        sa.Column("dossier_code", sa.String(64), index=True),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("expires_on", sa.Date()),
        sa.Column("title", sa.String(256)),
        sa.Column("body", sa.Text()),
        _now("created_at", index=True),
    )
    op.create_index("ix_document_index_centre_created", "document_index", ["centre", "created_at"])
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("ALTER TABLE document_index ADD COLUMN tsv tsvector")
        op.execute("CREATE INDEX ix_document_index_tsv ON document_index USING gin (tsv)")
        op.execute("""CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
                      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql""")
        op.execute("""CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
                      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""")
        op.execute("REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC")
    elif dialect == "sqlite":
        op.execute("""CREATE VIRTUAL TABLE document_fts USING fts5(
                      document_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2')""")
        op.execute("""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")
        op.execute("""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log")
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")
    elif dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS document_fts")
    for table in ("document_index", "callback_deliveries", "idempotency_keys", "api_jobs", "dossier_documents",
                  "dossiers", "audit_log", "api_keys"):
        op.drop_table(table)
