"""Local storage and the intake: atomic objects, deterministic keys, SHA-256 dedupe."""
import pytest

from sohoa.ingest.intake import intake_file, sha256_of
from sohoa.ingest.storage import LocalStorage, keys
from sohoa.models.db import session_factory
from sohoa.models.errors import NotFound


def test_local_storage_round_trip_and_listing(tmp_path):
    storage = LocalStorage(tmp_path)
    storage.put("a/original", b"x")
    storage.put("a/pages/1.jpg", b"y")
    assert storage.get("a/original") == b"x"
    assert storage.list("a/") == ["a/original", "a/pages/1.jpg"]
    storage.delete("a/original")
    assert not storage.exists("a/original")
    with pytest.raises(NotFound):
        storage.get("a/original")


def test_keys_cannot_escape_the_root(tmp_path):
    with pytest.raises(ValueError):
        LocalStorage(tmp_path / "root").put("../outside", b"x")


def test_same_file_twice_is_recognised_by_its_sha256(settings):
    storage = LocalStorage(settings.storage_root)
    sessions = session_factory(settings.database_url)
    with sessions() as session:
        first = intake_file(session, storage, b"%PDF-1.4 scan", "a.pdf")
        second = intake_file(session, storage, b"%PDF-1.4 scan", "copy-of-a.pdf")
    assert first.is_new and not second.is_new
    assert second.record.id == first.record.id
    assert first.record.sha256 == sha256_of(b"%PDF-1.4 scan")
    assert storage.get(keys.original(first.record.id)) == b"%PDF-1.4 scan"
