"""Storage behind one small interface; deterministic keys per document.

``LocalStorage`` (the embedded default) keeps objects as files under a root
folder; the MinIO backend lives in ``ingest/minio_storage.py``.  Keys are the
same everywhere, so a re-run can skip the stages whose output exists.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Protocol

from sohoa.models.errors import NotFound
from sohoa.models.settings import Settings


class keys:  # noqa: N801 - a namespace of key builders
    @staticmethod
    def original(doc_id: str) -> str:
        return f"{doc_id}/original"

    @staticmethod
    def page_image(doc_id: str, number: int) -> str:
        return f"{doc_id}/pages/{number}.jpg"

    @staticmethod
    def ocr(doc_id: str) -> str:
        return f"{doc_id}/ocr.json"

    @staticmethod
    def extraction(doc_id: str) -> str:
        return f"{doc_id}/extraction.json"

    @staticmethod
    def extraction_signature(doc_id: str) -> str:
        return f"{doc_id}/extraction.jws.json"

    @staticmethod
    def unsigned_pdf(doc_id: str) -> str:
        return f"{doc_id}/result-unsigned.pdf"

    @staticmethod
    def result_pdf(doc_id: str) -> str:
        return f"{doc_id}/result.pdf"


class Storage(Protocol):
    def put(self, key: str, data: bytes, *, content_type: str = "application/octet-stream",
            metadata: dict[str, str] | None = None) -> None: ...
    def get(self, key: str) -> bytes: ...
    def exists(self, key: str) -> bool: ...
    def delete(self, key: str) -> None: ...
    def list(self, prefix: str) -> list[str]: ...


class LocalStorage:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if self.root.resolve() not in path.parents:
            raise ValueError(f"key escapes the storage root: {key!r}")
        return path

    def put(self, key: str, data: bytes, *, content_type: str = "application/octet-stream",
            metadata: dict[str, str] | None = None) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        with os.fdopen(fd, "wb") as fh:  # write then rename: readers never see half a file
            fh.write(data)
        os.replace(tmp, path)

    def get(self, key: str) -> bytes:
        path = self._path(key)
        if not path.is_file():
            raise NotFound(f"no object {key!r}")
        return path.read_bytes()

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)

    def list(self, prefix: str) -> list[str]:
        base = self.root
        return sorted(p.relative_to(base).as_posix() for p in base.rglob("*")
                      if p.is_file() and not p.name.startswith(".part-")
                      and p.relative_to(base).as_posix().startswith(prefix))


def open_storage(settings: Settings) -> Storage:
    if settings.storage.backend == "minio":
        from sohoa.ingest.minio_storage import MinioStorage
        return MinioStorage.from_settings(settings.storage)
    return LocalStorage(settings.storage_root)
