"""Scanner drop folders and the periodic inbox scan.

A file in the watched folder is taken only once it is fully written: its size
and modification time are the same on two polls in a row.  It then goes
through the common intake and is moved to ``.taken/`` (kept, not deleted: a
clerk can see what went in).  Files that fail intake go to ``.rejected/``.
"""
from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

from sohoa.ingest.inbox import IngestContext, ingest_bytes, scan_inbox
from sohoa.models.errors import ServiceError

log = logging.getLogger(__name__)
_SKIP_PREFIXES = (".", "~")


class FolderWatcher:
    def __init__(self, folder: Path, ctx: IngestContext):
        self.folder = Path(folder)
        self.ctx = ctx
        self._seen: dict[Path, tuple[int, int]] = {}

    def _candidates(self) -> dict[Path, tuple[int, int]]:
        out = {}
        for path in self.folder.rglob("*"):
            rel = path.relative_to(self.folder)
            if any(part.startswith(_SKIP_PREFIXES) for part in rel.parts) or not path.is_file():
                continue
            try:
                st = path.stat()
            except FileNotFoundError:
                continue
            out[path] = (st.st_size, st.st_mtime_ns)
        return out

    def poll(self) -> list[str]:
        """One poll: takes the files whose size was stable since the previous poll."""
        current = self._candidates()
        stable = [p for p, sig in current.items() if self._seen.get(p) == sig and sig[0] > 0]
        self._seen = {p: sig for p, sig in current.items() if p not in stable}
        return [doc_id for doc_id in (self._take(p) for p in sorted(stable)) if doc_id]

    def _take(self, path: Path) -> str | None:
        try:
            doc_id = ingest_bytes(path.read_bytes(), path.name, self.ctx)
        except ServiceError as exc:
            if exc.retryable:  # storage/database away: leave the file, try next poll
                log.warning("intake of a dropped file postponed: %s", exc.code)
                return None
            self._move(path, ".rejected")
            return None
        self._move(path, ".taken")
        return doc_id

    def _move(self, path: Path, folder: str) -> None:
        target = self.folder / folder / path.relative_to(self.folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(path), target)


def watch(ctx: IngestContext, folder: Path | None = None, *, once: bool = False,
          should_stop=lambda: False) -> None:
    """Polls the drop folder (if any) and scans the inbox prefix every ``inbox_scan_interval``."""
    s = ctx.settings.storage
    watcher = FolderWatcher(folder, ctx) if folder else None
    next_scan = 0.0
    while not should_stop():
        if time.monotonic() >= next_scan:
            _scan_safely(ctx)
            next_scan = time.monotonic() + s.inbox_scan_interval
        if watcher:
            watcher.poll()
        if once and (watcher is None or not watcher._seen):
            return
        time.sleep(s.watch_poll_seconds)


def _scan_safely(ctx: IngestContext) -> None:
    try:
        taken = scan_inbox(ctx)
        if taken:
            log.info("inbox scan took %d object(s)", len(taken))
    except ServiceError as exc:
        log.warning("inbox scan failed: %s", exc.code)

