"""MinioStorage over real HTTP against moto's S3 server mode."""
from __future__ import annotations

import hashlib
import urllib.request

import pytest

from sohoa.ingest.minio_storage import MinioStorage
from sohoa.ingest.storage import keys, open_storage
from sohoa.models.errors import NotFound, StorageError
from sohoa.models.settings import Settings, StorageSettings


def _storage(server, bucket="sohoa-test") -> MinioStorage:
    return MinioStorage.from_settings(StorageSettings(backend="minio", endpoint=server.endpoint, bucket=bucket,
                                                      access_key="test", secret_key="test-secret"))


def test_round_trip_creates_bucket_and_records_sha256(s3_server):
    storage = _storage(s3_server)
    data = "Giấy khai sinh".encode() * 100
    storage.put(keys.original("abc"), data, content_type="image/png")
    assert storage.get(keys.original("abc")) == data
    assert storage.exists(keys.original("abc")) and not storage.exists(keys.ocr("abc"))
    info = storage.stat(keys.original("abc"))
    assert info["metadata"]["sha256"] == hashlib.sha256(data).hexdigest() == storage.sha256(keys.original("abc"))
    assert info["size"] == len(data) and info["content_type"] == "image/png"


def test_list_delete_and_missing(s3_server):
    storage = _storage(s3_server, "sohoa-list")
    assert storage.list("") == []  # no bucket yet: nothing, not an error
    for name in ("b", "a", "c"):
        storage.put(f"doc1/pages/{name}.jpg", b"x")
    storage.put("doc2/original", b"y")
    assert storage.list("doc1/") == ["doc1/pages/a.jpg", "doc1/pages/b.jpg", "doc1/pages/c.jpg"]
    storage.delete("doc1/pages/a.jpg")
    storage.delete("doc1/pages/a.jpg")  # idempotent
    assert "doc1/pages/a.jpg" not in storage.list("doc1/")
    with pytest.raises(NotFound):
        storage.get("doc1/pages/a.jpg")


def test_presigned_url_downloads_without_credentials(s3_server):
    storage = _storage(s3_server, "sohoa-presign")
    storage.put("d/result.pdf", b"%PDF-1.7 fake", content_type="application/pdf")
    url = storage.presigned_url("d/result.pdf", expires=300, filename="kết quả.pdf")
    assert "X-Amz-Signature" in url
    with urllib.request.urlopen(url, timeout=10) as response:
        assert response.read() == b"%PDF-1.7 fake"


def test_unreachable_endpoint_is_a_retryable_storage_error(s3_server):
    storage = _storage(s3_server, "sohoa-down")
    storage.put("k", b"v")
    s3_server.stop()
    try:
        for call in (lambda: storage.get("k"), lambda: storage.put("k2", b"v"), lambda: storage.exists("k")):
            with pytest.raises(StorageError) as info:
                call()
            assert info.value.retryable and info.value.code == "storage_unavailable"
    finally:
        s3_server.start()
    assert storage.get("k") == b"v"  # back: same client works again


def test_open_storage_selects_minio_from_settings(s3_server, clean_env):
    clean_env.setenv("SOHOA_STORAGE__BACKEND", "minio")
    clean_env.setenv("SOHOA_STORAGE__ENDPOINT", s3_server.endpoint)
    clean_env.setenv("SOHOA_STORAGE__BUCKET", "sohoa-env")
    storage = open_storage(Settings())
    assert isinstance(storage, MinioStorage) and storage.bucket == "sohoa-env"
    storage.put("x", b"1")
    assert storage.ping()
