"""Real services for the integration tests, each private to the test that uses it.

- an S3 endpoint: moto's server mode on a free loopback port (real HTTP; it can
  be stopped and started again to simulate an outage, objects survive);
- Redis: our own ``redis-server`` on a free port (the machine's Redis is shared);
- PostgreSQL: a throwaway database ``sohoa_test_<random>`` dropped afterwards.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest

PG_ADMIN_URL = os.environ.get("SOHOA_TEST_PG_ADMIN", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    """Polls ``predicate`` until it returns a truthy value; fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


class S3Server:
    def __init__(self):
        from moto.server import ThreadedMotoServer
        self._cls = ThreadedMotoServer
        self.port = free_port()
        self.endpoint = f"127.0.0.1:{self.port}"
        self.server = None

    def start(self) -> None:
        self.server = self._cls(ip_address="127.0.0.1", port=self.port, verbose=False)
        self.server.start()
        wait_until(self._answers, 20, what="the S3 server")

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def _answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False


class RedisServer:
    def __init__(self, workdir: Path):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.workdir = workdir
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [shutil.which("redis-server") or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis
        client = redis.Redis(port=self.port, socket_connect_timeout=1)
        wait_until(lambda: _ping(client), 20, what="redis-server")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            self.proc.wait(timeout=20)
            self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()


def _ping(client) -> bool:
    try:
        return bool(client.ping())
    except Exception:  # noqa: BLE001
        return False


@pytest.fixture
def s3_server():
    server = S3Server()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def pg_url():
    """A fresh PostgreSQL database for this test, dropped afterwards."""
    from sqlalchemy import create_engine, text
    name = f"sohoa_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def clean_env(monkeypatch):
    for key in list(os.environ):
        if key.startswith("SOHOA_"):
            monkeypatch.delenv(key)
    return monkeypatch


ROOT = Path(__file__).resolve().parents[2]


def service_env(*, redis_url: str, database_url: str, queue_name: str, s3_endpoint: str | None = None,
                home: Path, **extra: str) -> dict[str, str]:
    """Environment of a worker/API process of the production topology."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOHOA_")}
    env.update({
        "PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1", "SOHOA_HOME": str(home),
        "SOHOA_LOG_LEVEL": "INFO", "SOHOA_SIGNING__ENABLED": "false",
        "SOHOA_DATABASE__URL": database_url, "SOHOA_QUEUE__BACKEND": "rq", "SOHOA_QUEUE__REDIS_URL": redis_url,
        "SOHOA_QUEUE__NAME": queue_name, "SOHOA_QUEUE__JOB_TIMEOUT": "120",
        "SOHOA_QUEUE__SWEEP_INTERVAL": "1", "SOHOA_QUEUE__RECONCILE_AFTER": "10",
    })
    if s3_endpoint:
        env.update({"SOHOA_STORAGE__BACKEND": "minio", "SOHOA_STORAGE__ENDPOINT": s3_endpoint,
                    "SOHOA_STORAGE__ACCESS_KEY": "test", "SOHOA_STORAGE__SECRET_KEY": "test-secret",
                    "SOHOA_STORAGE__BUCKET": "sohoa-it"})
    env.update(extra)
    return env


def children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def kill_machine(worker_pid: int) -> None:
    """SIGKILL a worker as a dying machine would: its launcher group and its work horse.

    (RQ puts each work horse in a process group of its own.)"""
    import signal
    groups = {os.getpgid(worker_pid)} | {os.getpgid(child) for child in children(worker_pid)}
    for group in groups:
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass


class WorkerGroup:
    """``sohoa worker -n N`` in its own session (process group): one 'machine' to kill."""

    def __init__(self, env: dict[str, str], count: int, log_path: Path, *args: str):
        import sys
        self.log = open(log_path, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "sohoa.api.cli", "worker", "-n", str(count), *args],
                                     env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def pgid(self) -> int:
        return self.proc.pid

    def kill(self) -> None:
        import signal
        try:
            os.killpg(self.pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        """Test teardown: no warm shutdown (a job may be sleeping); the group and its horses die."""
        if self.proc.poll() is None:
            for worker in children(self.proc.pid):
                kill_machine(worker)
        self.kill()
        self.log.close()


@pytest.fixture
def worker_groups():
    groups: list[WorkerGroup] = []
    yield groups
    for group in groups:
        group.stop()
