"""Prometheus text and health checks; the API mounts ``/metrics``, ``/healthz``, ``/readyz``.

``ctx`` is the ingestion context (``sohoa.pipeline.queue.ingest_context``):
``settings``, ``storage``, ``sessions``, ``queue``.  Plain exposition format
(no client library needed); latency histograms are shared by all workers
through a Redis hash written by ``sohoa.pipeline.tasks.record_stage``.
"""
from __future__ import annotations

import logging
import time

from sqlalchemy import func, select, text

from sohoa.models.db import DocumentRecord
from sohoa.pipeline.tasks import BUCKETS, metrics_key

log = logging.getLogger(__name__)


def metrics_text(ctx) -> str:
    lines: list[str] = []
    _documents(ctx, lines)
    if ctx.settings.queue.backend == "rq":
        try:
            _queue(ctx, lines)
            _latencies(ctx, lines)
        except Exception as exc:  # noqa: BLE001 - a scrape must not fail because Redis is away
            log.warning("queue metrics unavailable: %s", type(exc).__name__)
            _metric(lines, "sohoa_queue_up", "gauge", "1 if the queue answered this scrape", [({}, 0)])
        else:
            _metric(lines, "sohoa_queue_up", "gauge", "1 if the queue answered this scrape", [({}, 1)])
    return "\n".join(lines) + "\n"


def _documents(ctx, lines: list[str]) -> None:
    with ctx.sessions() as session:
        by_status = session.execute(select(DocumentRecord.status, func.count()).group_by(DocumentRecord.status)).all()
        pages = session.scalar(select(func.coalesce(func.sum(DocumentRecord.page_count), 0))
                               .where(DocumentRecord.status == "done"))
    _metric(lines, "sohoa_documents", "gauge", "Documents by status",
            [({"status": s}, n) for s, n in sorted(by_status)])
    _metric(lines, "sohoa_pages_processed_total", "counter", "Pages of documents processed", [({}, pages or 0)])


def _queue(ctx, lines: list[str]) -> None:
    q = ctx.queue
    counts = q.counts()
    name = ctx.settings.queue.name
    _metric(lines, "sohoa_queue_depth", "gauge", "Jobs waiting in the queue", [({"queue": name}, counts["queued"])])
    _metric(lines, "sohoa_jobs", "gauge", "Jobs by state",
            [({"queue": name, "state": state}, n) for state, n in sorted(counts.items())])
    _metric(lines, "sohoa_workers", "gauge", "Registered workers", [({"queue": name}, q.workers())])


def _latencies(ctx, lines: list[str]) -> None:
    raw = ctx.queue.connection.hgetall(metrics_key(ctx.settings.queue.name))
    data = {k.decode(): float(v) for k, v in raw.items()}
    stages = sorted({k.split("|", 1)[0] for k in data})
    if not stages:
        return
    lines.append("# HELP sohoa_stage_seconds Latency of a processing stage")
    lines.append("# TYPE sohoa_stage_seconds histogram")
    for stage in stages:
        for bound in BUCKETS:
            value = data.get(f"{stage}|le|{bound}", 0)
            lines.append(f'sohoa_stage_seconds_bucket{{stage="{stage}",le="{bound}"}} {_num(value)}')
        count = data.get(f"{stage}|count", 0)
        lines.append(f'sohoa_stage_seconds_bucket{{stage="{stage}",le="+Inf"}} {_num(count)}')
        lines.append(f'sohoa_stage_seconds_sum{{stage="{stage}"}} {data.get(f"{stage}|sum", 0):.6f}')
        lines.append(f'sohoa_stage_seconds_count{{stage="{stage}"}} {_num(count)}')


def _metric(lines: list[str], name: str, kind: str, help_text: str, samples) -> None:
    lines.append(f"# HELP {name} {help_text}")
    lines.append(f"# TYPE {name} {kind}")
    for labels, value in samples:
        label_text = ",".join(f'{k}="{_escape(str(v))}"' for k, v in labels.items())
        lines.append(f"{name}{{{label_text}}} {_num(value)}" if label_text else f"{name} {_num(value)}")


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _num(value) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# -- health ------------------------------------------------------------------------
def liveness() -> dict:
    """``/healthz``: the process answers."""
    return {"ok": True}


def readiness(ctx) -> dict:
    """``/readyz``: database, queue (Redis when used) and storage are reachable."""
    checks = {"database": _check(lambda: _database(ctx)), "storage": _check(lambda: _storage(ctx))}
    if ctx.settings.queue.backend == "rq":
        checks["redis"] = _check(lambda: ctx.queue.connection.ping())
    return {"ok": all(c["ok"] for c in checks.values()), "checks": checks}


def _database(ctx) -> None:
    with ctx.sessions() as session:
        session.execute(text("SELECT 1"))


def _storage(ctx) -> None:
    ping = getattr(ctx.storage, "ping", None)
    if ping is not None:
        ping()
    else:
        ctx.storage.exists("healthz-probe")


def _check(probe) -> dict:
    started = time.monotonic()
    try:
        probe()
        return {"ok": True, "ms": round((time.monotonic() - started) * 1000, 1)}
    except Exception as exc:  # noqa: BLE001 - report, never raise
        return {"ok": False, "error": type(exc).__name__, "ms": round((time.monotonic() - started) * 1000, 1)}
