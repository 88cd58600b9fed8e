"""One settings object, read from ``SOHOA_*`` environment variables.

Nested sections use ``__``: ``SOHOA_STORAGE__ROOT=/data``.  The embedded
default needs nothing: local files, SQLite and the in-process queue under
``./.sohoa`` (``SOHOA_HOME``).
"""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class InputSettings(BaseModel):
    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 200
    max_pixels: int = 120_000_000  # per page; above it is a decompression bomb
    raster_dpi: int = 300


class OcrSettings(BaseModel):
    engine: str = "tesseract"
    language: str = "vie"
    tessdata: str | None = None
    ocr_dpi: int = 300  # pages are resampled to this before Tesseract
    mrz: bool = True
    qr: bool = True
    threads: int = 1  # ONNX Runtime intra-op threads for the MRZ reader


class OutputSettings(BaseModel):
    pdf_dpi: int = 200           # page images inside the PDF/A (archival rule: >= 200)
    jpeg_quality: int = 80


class StorageSettings(BaseModel):
    backend: str = "local"  # local | minio
    root: Path | None = None
    endpoint: str = "127.0.0.1:9000"
    access_key: str = "minioadmin"
    secret_key: str = "minioadmin"
    secure: bool = False
    bucket: str = "sohoa"
    region: str | None = None
    inbox_prefix: str = "inbox/"
    server_side_encryption: bool = False
    presign_expiry: int = 3600          # seconds a presigned download URL stays valid
    inbox_scan_interval: float = 60.0   # safety-net scan of the inbox prefix (lost notifications)
    watch_dir: Path | None = None       # scanner drop folder taken in by ``sohoa watch``
    watch_poll_seconds: float = 2.0     # a file is taken once its size is stable across two polls
    webhook_token: str | None = Field(default=None, repr=False)  # MINIO_NOTIFY_WEBHOOK_AUTH_TOKEN_*


class DatabaseSettings(BaseModel):
    url: str | None = None  # default: sqlite:///<home>/sohoa.db
    # The API's async read pool, per process. It caps the reads running at once: 16 kept
    # PostgreSQL busy without its backends fighting over 2 cores; more requests wait in the
    # pool's queue (no thread). Overflow connections are closed on return, so a large
    # overflow means reconnecting under load. Per API process: read_pool + read_overflow
    # + 15 (the sync pool) connections at most.
    read_pool: int = 16
    read_overflow: int = 0


class QueueSettings(BaseModel):
    backend: str = "inline"  # inline | rq
    redis_url: str = "redis://127.0.0.1:6379/0"
    name: str = "sohoa"
    job_timeout: int = 600
    max_retries: int = 3
    retry_intervals: list[int] = [2, 5, 15, 30]  # backoff (s) between retries of retryable errors
    monitoring_interval: int = 3   # worker heartbeat period while a job runs (s)
    heartbeat_grace: int = 6       # a job whose heartbeat is this late (s) is abandoned and re-run
    worker_ttl: int = 20           # idle worker registration TTL (s)
    sweep_interval: float = 2.0    # sweeper period: abandoned jobs, due retries, reconciliation
    reconcile_after: int = 60      # a queued/processing document unknown to Redis this long is resubmitted


class SigningSettings(BaseModel):
    enabled: bool = True
    p12_path: Path | None = None
    p12_passphrase: str | None = Field(default=None, repr=False)
    dev_ca_dir: Path | None = None  # default: <home>/dev-pki
    agency_name: str = "Trung tâm Phục vụ hành chính công (DEVELOPMENT)"
    seal_image: Path | None = None
    tsa_url: str | None = None
    level: str = "auto"  # auto | b-b | b-t | b-lt | b-lta


class ReviewSettings(BaseModel):
    confidence_threshold: float = 0.9


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SOHOA_", env_nested_delimiter="__", extra="ignore")

    home: Path = Path(".sohoa")
    environment: str = "development"
    log_level: str = "WARNING"
    input: InputSettings = InputSettings()
    ocr: OcrSettings = OcrSettings()
    output: OutputSettings = OutputSettings()
    storage: StorageSettings = StorageSettings()
    database: DatabaseSettings = DatabaseSettings()
    queue: QueueSettings = QueueSettings()
    signing: SigningSettings = SigningSettings()
    review: ReviewSettings = ReviewSettings()

    @property
    def storage_root(self) -> Path:
        return self.storage.root or self.home / "storage"

    @property
    def database_url(self) -> str:
        return self.database.url or f"sqlite:///{(self.home / 'sohoa.db').resolve()}"

    @property
    def dev_ca_dir(self) -> Path:
        return self.signing.dev_ca_dir or self.home / "dev-pki"


def load_settings(**overrides) -> Settings:
    return Settings(**overrides)
