"""``sohoa worker``: N RQ worker processes plus a sweeper, supervised.

Run it on as many machines as you like against the same Redis, PostgreSQL and
MinIO.  A worker process that dies is started again; the sweeper (one acts
at a time, through a Redis lock) re-runs jobs abandoned by dead workers,
enqueues due retries and resubmits documents Redis has lost.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
import signal
import time

from sohoa.models.settings import Settings

log = logging.getLogger(__name__)
_stop = False
RESTART_PAUSE = 5.0


def _worker_main(burst: bool, index: int) -> None:
    # One worker process per core: neither Tesseract nor OpenCV spawns threads of its own
    # (OpenCV's cost 40 CPU-ms per page in preparation, with no wall-time gain on 2 cores).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import cv2
    cv2.setNumThreads(1)
    from sohoa.api.logs import configure_logging
    from sohoa.pipeline import queue, tasks
    settings = Settings()
    configure_logging(settings.log_level)
    tasks.warm_up()  # engines and clients built once, inherited by every job's fork
    queue.run_worker(settings, burst=burst, name=f"{os.uname().nodename}.{os.getpid()}.{index}")


def _on_signal(signum, _frame) -> None:
    global _stop
    _stop = True


class Supervisor:
    def __init__(self, settings: Settings, count: int, burst: bool, sweeper: bool = True):
        self.settings, self.count, self.burst, self.sweeper = settings, count, burst, sweeper
        self.ctx = mp.get_context("spawn")
        self.procs: dict[int, mp.Process] = {}
        self.started_at: dict[int, float] = {}

    def _start(self, index: int) -> None:
        proc = self.ctx.Process(target=_worker_main, args=(self.burst, index), daemon=False)
        proc.start()
        self.procs[index] = proc
        self.started_at[index] = time.monotonic()
        log.info("worker process %d started (pid %s)", index, proc.pid)

    def run(self) -> int:
        for index in range(self.count):
            self._start(index)
        next_sweep = 0.0
        while not _stop:
            if self.sweeper and time.monotonic() >= next_sweep:
                self._sweep()
                next_sweep = time.monotonic() + self.settings.queue.sweep_interval
            if not self._supervise():
                break
            time.sleep(0.5)
        return self._shutdown()

    def _supervise(self) -> bool:
        """Restarts dead workers (burst mode: lets them end); False once none is left."""
        for index, proc in list(self.procs.items()):
            if proc.is_alive():
                continue
            if self.burst:
                del self.procs[index]
            elif time.monotonic() - self.started_at[index] < RESTART_PAUSE:
                continue  # crash loop (e.g. Redis down at start): wait a little between restarts
            else:
                log.warning("worker process %d exited with %s; restarting", index, proc.exitcode)
                self._start(index)
        return bool(self.procs)

    def _sweep(self) -> None:
        from sohoa.pipeline.queue import sweep
        try:
            report = sweep(self.settings)
            if report and (report.abandoned or report.resubmitted):
                log.warning("sweeper: %s", report)
        except Exception as exc:  # noqa: BLE001 - Redis/DB may be briefly away; try next period
            log.warning("sweeper pass failed: %s", type(exc).__name__)

    def _shutdown(self) -> int:
        for proc in self.procs.values():
            if proc.is_alive():
                os.kill(proc.pid, signal.SIGTERM)  # RQ: warm shutdown, the current job finishes
        for proc in self.procs.values():
            proc.join()
        return 0


def run(settings: Settings, count: int = 1, burst: bool = False, sweeper: bool = True) -> int:
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    return Supervisor(settings, max(1, count), burst, sweeper).run()
