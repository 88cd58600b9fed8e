"""The job queue behind one interface: ``InlineQueue`` (embedded) and ``RqQueue`` (Redis).

The only module that imports RQ.  The database is the source of truth; Redis
only carries work.  RQ job id = document id, so submitting twice is harmless.
Fault handling (see ``sweep``): a worker that stops heartbeating for
``monitoring_interval + heartbeat_grace`` seconds has its job re-run; retries
that are due are enqueued by the sweeper (no dependence on RQ's scheduler
lock, which a killed worker would hold for a minute); documents still
queued/processing that Redis no longer knows (lost on a Redis restart) are
resubmitted after ``reconcile_after`` seconds.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import redis
from rq import Queue, Retry, Worker, get_current_job
from rq.job import Job, JobStatus
from rq.registry import StartedJobRegistry
from rq.timeouts import JobTimeoutException
from sqlalchemy import select

from sohoa.models.db import DocumentRecord, session_factory
from sohoa.models.errors import ServiceError
from sohoa.models.settings import Settings

log = logging.getLogger(__name__)
TASK = "sohoa.pipeline.tasks.run_document"
ACTIVE = {JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED, JobStatus.DEFERRED}


class QueueUnavailable(ServiceError):
    code = "queue_unavailable"
    http_status = 503
    retryable = True


class InlineQueue:
    """Embedded default: runs the job in-process, at once."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def submit(self, doc_id: str) -> str:
        from sohoa.pipeline.jobs import process_document
        try:
            process_document(doc_id, self.settings)
        except ServiceError as exc:  # retryable: the record says failed + code; resubmit to retry
            log.warning("inline job %s ended with %s", doc_id, exc.code)
        return doc_id

    def status(self, doc_id: str) -> dict:
        return _record_status(self.settings, doc_id)

    def counts(self) -> dict[str, int]:
        return {}


class RqQueue:
    def __init__(self, settings: Settings, connection: redis.Redis | None = None):
        self.settings = settings
        self.connection = connection or redis_connection(settings)
        self.queue = Queue(settings.queue.name, connection=self.connection)

    def submit(self, doc_id: str) -> str:
        q = self.settings.queue
        try:
            job = Job.fetch(doc_id, connection=self.connection) if self._known(doc_id) else None
            if job is not None and job.get_status(refresh=False) in ACTIVE:
                return doc_id
            retry = Retry(max=q.max_retries, interval=q.retry_intervals) if q.max_retries else None
            self.queue.enqueue_call(TASK, args=(doc_id,), job_id=doc_id, timeout=q.job_timeout, retry=retry,
                                    result_ttl=86400, failure_ttl=7 * 86400, description=f"document {doc_id}")
        except redis.exceptions.RedisError as exc:
            raise QueueUnavailable("the job queue is unreachable") from exc
        return doc_id

    def _known(self, doc_id: str) -> bool:
        return bool(self.connection.exists(Job.key_for(doc_id)))

    def job_status(self, doc_id: str) -> str | None:
        if not self._known(doc_id):
            return None
        status = Job.fetch(doc_id, connection=self.connection).get_status(refresh=False)
        return status.value if status else None

    def status(self, doc_id: str) -> dict:
        out = _record_status(self.settings, doc_id)
        try:
            out["job"] = self.job_status(doc_id)
        except redis.exceptions.RedisError:
            out["job"] = "unknown"
        return out

    def counts(self) -> dict[str, int]:
        q = self.queue
        return {"queued": q.count, "started": q.started_job_registry.count,
                "scheduled": q.scheduled_job_registry.count, "failed": q.failed_job_registry.count,
                "finished": q.finished_job_registry.count, "deferred": q.deferred_job_registry.count}

    def workers(self) -> int:
        return Worker.count(queue=self.queue)


def open_queue(settings: Settings) -> InlineQueue | RqQueue:
    return RqQueue(settings) if settings.queue.backend == "rq" else InlineQueue(settings)


def redis_connection(settings: Settings) -> redis.Redis:
    return redis.Redis.from_url(settings.queue.redis_url, socket_connect_timeout=5, health_check_interval=10)


def _record_status(settings: Settings, doc_id: str) -> dict:
    with session_factory(settings.database_url)() as session:
        record = session.get(DocumentRecord, doc_id)
        if record is None:
            return {"id": doc_id, "status": "missing"}
        return {"id": doc_id, "status": record.status, "error_code": record.error_code,
                "attempts": record.attempts}


# -- inside a job (used by pipeline/tasks.py) ---------------------------------------
def retries_left() -> int:
    job = get_current_job()
    return int(job.retries_left or 0) if job is not None else 0


def disable_retries() -> None:
    """A non-retryable failure: RQ must not run this job again."""
    job = get_current_job()
    if job is not None:
        job.retries_left = 0


def current_job_wait() -> float | None:
    """Seconds the running job waited in the queue since its (latest) enqueue."""
    job = get_current_job()
    if job is None or job.enqueued_at is None:
        return None
    enqueued = job.enqueued_at if job.enqueued_at.tzinfo else job.enqueued_at.replace(tzinfo=timezone.utc)
    return max(0.0, (datetime.now(timezone.utc) - enqueued).total_seconds())


def is_job_timeout(exc: BaseException) -> bool:
    return isinstance(exc, JobTimeoutException)


# -- workers ---------------------------------------------------------------------------
class SohoaWorker(Worker):
    """A forking RQ worker whose job heartbeat expires quickly when the worker dies.

    RQ 2 lets a started job's registry entry live ``monitoring interval + 60`` s
    after the last heartbeat; we use ``+ heartbeat_grace`` instead, so the
    sweeper sees an abandoned job within about 10 s rather than 75 s.
    """

    heartbeat_grace = 6

    def get_heartbeat_ttl(self, job: Job) -> int:
        interval = self.job_monitoring_interval
        if job.timeout and job.timeout > 0:
            interval = max(1, min(job.timeout - self.current_job_working_time, interval))
        return int(interval) + self.heartbeat_grace


def run_worker(settings: Settings, *, burst: bool = False, name: str | None = None) -> None:
    q = settings.queue
    connection = redis_connection(settings)
    worker = SohoaWorker([Queue(q.name, connection=connection)], connection=connection, name=name,
                         worker_ttl=q.worker_ttl, job_monitoring_interval=q.monitoring_interval,
                         maintenance_interval=60)
    worker.heartbeat_grace = q.heartbeat_grace
    worker.work(burst=burst, with_scheduler=False, logging_level=settings.log_level.upper(),
                max_idle_time=None)


# -- the sweeper -----------------------------------------------------------------------
@dataclass
class SweepReport:
    abandoned: int = 0
    due: int = 0
    resubmitted: int = 0


def sweep(settings: Settings, connection: redis.Redis | None = None) -> SweepReport | None:
    """One sweeper pass; several sweepers may run (one per machine): a lock lets one act."""
    connection = connection or redis_connection(settings)
    lock = connection.lock(f"sohoa:sweeper:{settings.queue.name}", timeout=max(10, settings.queue.sweep_interval * 3))
    if not lock.acquire(blocking=False):
        return None
    try:
        rq = RqQueue(settings, connection)
        report = SweepReport(abandoned=_requeue_abandoned(rq.queue), due=_enqueue_due(rq.queue))
        report.resubmitted = _reconcile(rq, settings)
        return report
    finally:
        try:
            lock.release()
        except redis.exceptions.LockError:
            pass


def _requeue_abandoned(queue: Queue) -> int:
    registry: StartedJobRegistry = queue.started_job_registry
    expired = registry.get_expired_job_ids()
    if expired:
        log.warning("re-running %d abandoned job(s)", len(expired))
        registry.cleanup()  # retries left -> scheduled/enqueued again; none left -> failed
    return len(expired)


def _enqueue_due(queue: Queue) -> int:
    registry = queue.scheduled_job_registry
    ids = registry.get_jobs_to_schedule(int(datetime.now(timezone.utc).timestamp()))
    for job_id, job in zip(ids, Job.fetch_many(ids, connection=queue.connection)):
        registry.remove(job_id)
        if job is not None:  # retries and abandoned jobs go first: they are the oldest work
            queue.enqueue_job(job, at_front=True)
    return len(ids)


def _reconcile(rq: RqQueue, settings: Settings) -> int:
    """Documents the database says are pending but Redis does not carry are submitted again."""
    cutoff = datetime.now(timezone.utc) - timedelta(seconds=settings.queue.reconcile_after)
    sessions = session_factory(settings.database_url)
    with sessions() as session:
        stmt = select(DocumentRecord).where(DocumentRecord.status.in_(("queued", "processing")),
                                            DocumentRecord.updated_at < cutoff)
        pending = session.scalars(stmt.limit(500)).all()
        resubmitted = 0
        for record in pending:
            if rq.job_status(record.id) in {s.value for s in ACTIVE}:
                continue
            if record.attempts > 3 * (settings.queue.max_retries + 1):  # a poison document
                record.status, record.error_code = "failed", "worker_lost"
                record.error_message = "the job was lost too many times"
                continue
            record.status = "queued"
            rq.submit(record.id)
            resubmitted += 1
        session.commit()
    if resubmitted:
        log.warning("resubmitted %d document(s) the queue had lost", resubmitted)
    return resubmitted


def ingest_context(settings: Settings):
    """The context every ingestion path (webhook, inbox scan, watched folder) runs with."""
    from sohoa.ingest.inbox import IngestContext
    from sohoa.ingest.storage import open_storage
    return IngestContext(settings, open_storage(settings), session_factory(settings.database_url),
                         open_queue(settings))


# -- operator actions (``sohoa jobs``) ---------------------------------------------

def failed_documents(settings: Settings, limit: int = 100) -> list[dict]:
    with session_factory(settings.database_url)() as session:
        stmt = (select(DocumentRecord).where(DocumentRecord.status == "failed")
                .order_by(DocumentRecord.updated_at.desc()).limit(limit))
        return [{"id": r.id, "error_code": r.error_code, "attempts": r.attempts, "media_type": r.media_type,
                 "updated_at": r.updated_at.isoformat() if r.updated_at else None}
                for r in session.scalars(stmt)]


def requeue(settings: Settings, doc_ids: list[str] | None) -> list[str]:
    """Marks failed documents queued and submits them (``None``: every failed one)."""
    with session_factory(settings.database_url)() as session:
        stmt = select(DocumentRecord).where(DocumentRecord.status == "failed")
        if doc_ids is not None:
            stmt = stmt.where(DocumentRecord.id.in_(doc_ids))
        records = session.scalars(stmt).all()
        for record in records:
            record.status, record.attempts = "queued", 0
        session.commit()
        ids = [r.id for r in records]
    queue = open_queue(settings)
    for doc_id in ids:
        queue.submit(doc_id)
    return ids
