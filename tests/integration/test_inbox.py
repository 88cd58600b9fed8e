"""Inbox objects (webhook + safety-net scan) and the scanner drop folder, over real S3 HTTP and Redis."""
from __future__ import annotations

import uuid

from sohoa.ingest.inbox import event_keys, handle_minio_event, scan_inbox, webhook_authorized
from sohoa.ingest.watch import FolderWatcher, watch
from sohoa.models.db import DocumentRecord
from sohoa.models.settings import Settings
from sohoa.pipeline.queue import ingest_context

from .conftest import service_env
from .scans import text_scan
from .test_topology import minio_event


def _ctx(s3_server, redis_server, pg_url, tmp_path, clean_env):
    env = service_env(redis_url=redis_server.url, database_url=pg_url, queue_name=f"in-{uuid.uuid4().hex[:8]}",
                      s3_endpoint=s3_server.endpoint, home=tmp_path / "home",
                      SOHOA_STORAGE__BUCKET=f"inbox-{uuid.uuid4().hex[:8]}", SOHOA_STORAGE__WATCH_POLL_SECONDS="0.05")
    for key, value in env.items():
        if key.startswith("SOHOA_"):
            clean_env.setenv(key, value)
    return ingest_context(Settings())


def _statuses(ctx) -> dict[str, str]:
    with ctx.sessions() as session:
        return {r.filename: r.status for r in session.query(DocumentRecord)}


def test_webhook_event_and_safety_net_scan(s3_server, redis_server, pg_url, tmp_path, clean_env):
    ctx = _ctx(s3_server, redis_server, pg_url, tmp_path, clean_env)
    bucket = ctx.settings.storage.bucket
    ctx.storage.put("inbox/đơn 1.png", text_scan(1))
    ctx.storage.put("inbox/lost.png", text_scan(2))
    ctx.storage.put("inbox/copy.png", text_scan(1))  # same bytes as the first: one document
    ctx.storage.put("other/ignored.png", text_scan(3))
    event = minio_event(bucket, "inbox/đơn 1.png")
    assert event_keys(event, bucket) == ["inbox/đơn 1.png"]  # URL-decoded
    assert event_keys({"EventName": "s3:ObjectRemoved:Delete", "Records": [
        {"eventName": "s3:ObjectRemoved:Delete", "s3": {"object": {"key": "inbox/x"}}}]}) == []
    [first] = handle_minio_event(event, ctx)
    assert handle_minio_event(minio_event(bucket, "other/ignored.png"), ctx) == []
    taken = scan_inbox(ctx)  # the notifications of these two were lost
    assert len(taken) == 2 and first in taken
    assert ctx.storage.list("inbox/") == [] and ctx.storage.exists("other/ignored.png")
    assert _statuses(ctx) == {"đơn 1.png": "queued", "lost.png": "queued"}
    assert ctx.queue.counts()["queued"] == 2  # submitted once each, ids only
    assert ctx.storage.exists(f"{first}/original")


def test_drop_folder_takes_only_fully_written_files(s3_server, redis_server, pg_url, tmp_path, clean_env):
    ctx = _ctx(s3_server, redis_server, pg_url, tmp_path, clean_env)
    folder = tmp_path / "drop"
    folder.mkdir()
    watcher = FolderWatcher(folder, ctx)
    data = text_scan(5)
    growing = folder / "sub" / "growing.png"
    growing.parent.mkdir()
    growing.write_bytes(data[:1000])
    (folder / ".hidden.png").write_bytes(text_scan(6))
    assert watcher.poll() == []            # first sight: not yet known to be stable
    with growing.open("ab") as fh:         # the scanner is still writing
        fh.write(data[1000:2000])
    assert watcher.poll() == []
    with growing.open("ab") as fh:
        fh.write(data[2000:])
    assert watcher.poll() == []            # changed again
    [doc_id] = watcher.poll()              # stable across two polls: taken
    assert (folder / ".taken" / "sub" / "growing.png").exists() and not growing.exists()
    assert ctx.storage.get(f"{doc_id}/original") == data
    (folder / "junk.png").write_bytes(b"")  # empty files are never stable-and-ready
    (folder / "bad.bin").write_bytes(b"\x00" * 10)
    watcher.poll()
    watcher.poll()
    assert (folder / "junk.png").exists()
    assert _statuses(ctx)["growing.png"] == "queued"


def test_watch_loop_scans_inbox_and_folder_once(s3_server, redis_server, pg_url, tmp_path, clean_env):
    ctx = _ctx(s3_server, redis_server, pg_url, tmp_path, clean_env)
    folder = tmp_path / "drop"
    folder.mkdir()
    ctx.storage.put("inbox/a.png", text_scan(7))
    (folder / "b.png").write_bytes(text_scan(8))
    watch(ctx, folder, once=True)
    assert set(_statuses(ctx)) == {"a.png", "b.png"}


def test_webhook_token():
    secured = Settings(environment="production", storage={"webhook_token": "s3cr3t"})
    assert webhook_authorized("Bearer s3cr3t", secured) and webhook_authorized("s3cr3t", secured)
    assert not webhook_authorized("Bearer nope", secured) and not webhook_authorized(None, secured)
    assert not webhook_authorized(None, Settings(environment="production"))
    assert webhook_authorized(None, Settings(environment="development"))
