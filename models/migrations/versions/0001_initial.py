"""The tables of models/db.py as of v0.2: documents.

Revision ID: 0001
Revises:
Create Date: 2026-12-04
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_INDEXED = ("status", "doc_type", "subject_id", "dossier_code")


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(512), nullable=False),
        sa.Column("media_type", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("error_code", sa.String(64), nullable=True),
        sa.Column("error_message", sa.Text(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("doc_type", sa.String(32), nullable=True),
        sa.Column("review_status", sa.String(16), nullable=True),
        sa.Column("page_count", sa.Integer(), nullable=True),
        sa.Column("subject_id", sa.String(16), nullable=True),
        sa.Column("dossier_code", sa.String(64), nullable=True),
        sa.Column("centre", sa.String(64), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_documents_sha256", "documents", ["sha256"], unique=True)
    for column in _INDEXED:
        op.create_index(f"ix_documents_{column}", "documents", [column])


def downgrade() -> None:
    for column in _INDEXED:
        op.drop_index(f"ix_documents_{column}", table_name="documents")
    op.drop_index("ix_documents_sha256", table_name="documents")
    op.drop_table("documents")
