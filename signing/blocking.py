"""pyhanko's synchronous API calls ``asyncio.run``, which refuses to run inside a running loop.

Callers may be async (an ASGI app, a Playwright-driven test): there the
call is made on a short-lived thread of its own.
"""
from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

T = TypeVar("T")


def run_blocking(fn: Callable[[], T]) -> T:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn()  # no loop in this thread: call directly
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pyhanko") as pool:
        return pool.submit(fn).result()
