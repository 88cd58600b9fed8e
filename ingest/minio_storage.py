"""S3 storage through the ``minio`` SDK: the production backend.

The only module that knows MinIO.  Keys are the deterministic ones from
``ingest/storage.py``; every object carries its SHA-256 in user metadata
(``x-amz-meta-sha256``); SSE-S3 is optional (MinIO needs a KMS for it).
Network and server errors become ``StorageError`` (retryable), so the queue
retries the job instead of failing the document.
"""
from __future__ import annotations

import hashlib
import io
import logging
from datetime import timedelta
from urllib.parse import quote

import urllib3
from minio import Minio
from minio.error import MinioException, S3Error
from minio.sse import SseS3

from sohoa.models.errors import NotFound, StorageError
from sohoa.models.settings import StorageSettings

log = logging.getLogger(__name__)

_MISSING = {"NoSuchKey", "NoSuchObject", "NotFound", "ResourceNotFound"}
_NETWORK = (urllib3.exceptions.HTTPError, OSError, MinioException)


def _http_client(timeout: float) -> urllib3.PoolManager:
    """Short connect timeout and a few quick retries: an outage surfaces as a retryable error."""
    retry = urllib3.Retry(total=3, backoff_factor=0.2, status_forcelist=[500, 502, 503, 504])
    return urllib3.PoolManager(timeout=urllib3.Timeout(connect=timeout, read=60), retries=retry,
                               maxsize=10)


class MinioStorage:
    def __init__(self, client: Minio, bucket: str, *, sse: bool = False, region: str | None = None,
                 presign_expiry: int = 3600):
        self.client = client
        self.bucket = bucket
        self.region = region
        self.sse = SseS3() if sse else None
        self.presign_expiry = presign_expiry
        self._bucket_ready = False

    @classmethod
    def from_settings(cls, s: StorageSettings) -> "MinioStorage":
        client = Minio(s.endpoint, access_key=s.access_key, secret_key=s.secret_key, secure=s.secure,
                       region=s.region, http_client=_http_client(5.0))
        return cls(client, s.bucket, sse=s.server_side_encryption, region=s.region,
                   presign_expiry=s.presign_expiry)

    # -- the Storage protocol -------------------------------------------------
    def put(self, key: str, data: bytes, *, content_type: str = "application/octet-stream",
            metadata: dict[str, str] | None = None) -> None:
        meta = {"sha256": hashlib.sha256(data).hexdigest(), **(metadata or {})}
        with _wrapped("put", key):
            self.ensure_bucket()
            self.client.put_object(self.bucket, key, io.BytesIO(data), len(data), content_type=content_type,
                                   metadata=meta, sse=self.sse)

    def get(self, key: str) -> bytes:
        with _wrapped("get", key):
            response = self.client.get_object(self.bucket, key)
            try:
                return response.read()
            finally:
                response.close()
                response.release_conn()

    def exists(self, key: str) -> bool:
        try:
            self.stat(key)
            return True
        except NotFound:
            return False

    def delete(self, key: str) -> None:
        with _wrapped("delete", key):
            self.client.remove_object(self.bucket, key)

    def list(self, prefix: str) -> list[str]:
        try:
            with _wrapped("list", prefix):
                return sorted(o.object_name for o in self.client.list_objects(self.bucket, prefix=prefix,
                                                                             recursive=True))
        except NotFound:  # no bucket yet: nothing stored
            return []

    # -- MinIO extras -----------------------------------------------------------
    def stat(self, key: str) -> dict:
        """Size, content type and user metadata (keys without the ``x-amz-meta-`` prefix)."""
        with _wrapped("stat", key):
            info = self.client.stat_object(self.bucket, key)
        meta = {k.lower().removeprefix("x-amz-meta-"): v for k, v in (info.metadata or {}).items()
                if k.lower().startswith("x-amz-meta-")}
        return {"size": info.size, "content_type": info.content_type, "etag": info.etag, "metadata": meta}

    def sha256(self, key: str) -> str | None:
        return self.stat(key)["metadata"].get("sha256")

    def presigned_url(self, key: str, expires: int | None = None, filename: str | None = None) -> str:
        """A time-limited GET URL a browser can download from without our credentials."""
        headers = {"response-content-disposition": _disposition(filename)} if filename else None
        with _wrapped("presign", key):
            return self.client.presigned_get_object(
                self.bucket, key, expires=timedelta(seconds=expires or self.presign_expiry),
                response_headers=headers)

    def ensure_bucket(self) -> None:
        """Creates the bucket once per process (idempotent when several workers race)."""
        if self._bucket_ready:
            return
        with _wrapped("make_bucket", self.bucket):
            if not self.client.bucket_exists(self.bucket):
                try:
                    self.client.make_bucket(self.bucket, location=self.region)
                    log.info("created bucket %s", self.bucket)
                except S3Error as exc:
                    if exc.code not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                        raise
        self._bucket_ready = True

    def ping(self) -> bool:
        with _wrapped("ping", self.bucket):
            return self.client.bucket_exists(self.bucket)


def _disposition(filename: str) -> str:
    """RFC 6266: an ASCII fallback plus the UTF-8 name (Vietnamese file names survive)."""
    fallback = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


class _wrapped:
    """Maps SDK/network failures to our error family at the boundary."""

    def __init__(self, op: str, key: str):
        self.op, self.key = op, key

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, _tb):
        if exc is None or isinstance(exc, (NotFound, StorageError)):
            return False
        if isinstance(exc, S3Error) and exc.code in _MISSING:
            raise NotFound(f"no object {self.key!r}") from exc
        if isinstance(exc, S3Error) and exc.code == "NoSuchBucket" and self.op in ("get", "stat", "list"):
            raise NotFound(f"no bucket for {self.key!r}") from exc
        if isinstance(exc, _NETWORK):
            log.warning("storage %s failed: %s", self.op, type(exc).__name__)
            raise StorageError(f"object storage unavailable during {self.op}") from exc
        return False

