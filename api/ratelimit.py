"""Per-key rate limits: a fixed one-minute window per key.

In memory for the embedded default (one process); in Redis when the queue
runs on Redis, so that every API process shares the count.  A Redis outage
lets requests through (logged) rather than failing the API.
"""
from __future__ import annotations

import logging
import threading
import time

from sohoa.api.errors import RateLimited

log = logging.getLogger(__name__)


class MemoryWindow:
    def __init__(self):
        self._counts: dict[tuple[str, int], int] = {}
        self._lock = threading.Lock()

    def hit(self, key: str, window: int) -> int:
        with self._lock:
            if len(self._counts) > 10_000:
                self._counts = {k: v for k, v in self._counts.items() if k[1] >= window}
            count = self._counts.get((key, window), 0) + 1
            self._counts[(key, window)] = count
            return count


class RedisWindow:
    def __init__(self, url: str):
        import redis
        self._redis = redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)

    def hit(self, key: str, window: int) -> int:
        name = f"sohoa:ratelimit:{key}:{window}"
        pipe = self._redis.pipeline()
        pipe.incr(name)
        pipe.expire(name, 120)
        return int(pipe.execute()[0])


class RateLimiter:
    def __init__(self, per_minute: int, backend=None):
        self.per_minute = per_minute
        self.backend = backend or MemoryWindow()

    def check(self, key: str, limit: int | None = None) -> None:
        limit = limit or self.per_minute
        if limit <= 0:
            return
        now = time.time()
        window = int(now // 60)
        try:
            count = self.backend.hit(key, window)
        except Exception as exc:  # noqa: BLE001 - the limiter must not take the API down
            log.warning("rate limiter unavailable: %s", type(exc).__name__)
            return
        if count > limit:
            retry = max(1, int(60 - now % 60))
            raise RateLimited(f"more than {limit} requests a minute for this key", retry_after=retry)


def limiter_for(settings, per_minute: int) -> RateLimiter:
    if settings.queue.backend == "rq":
        return RateLimiter(per_minute, RedisWindow(settings.queue.redis_url))
    return RateLimiter(per_minute)
