"""Fault-injection job functions run by real RQ workers (imported by the worker processes)."""
from __future__ import annotations

import os
import time
from pathlib import Path


def slow(marker_dir: str, seconds: float) -> str:
    """Leaves a marker naming its worker process, then works for a while."""
    Path(marker_dir, f"start-{time.time_ns()}-{os.getppid()}").touch()
    time.sleep(seconds)
    return "slept"
