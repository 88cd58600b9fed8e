"""``sohoa process``: folders and batches through the intake and the document job."""
from __future__ import annotations

import json
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from sohoa.ingest.intake import intake_file
from sohoa.ingest.storage import keys, open_storage
from sohoa.models.db import DocumentRecord, engine_for, session_factory
from sohoa.models.errors import ServiceError
from sohoa.models.settings import Settings
from sohoa.pipeline.jobs import process_document

SCAN_SUFFIXES = {".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff"}


@dataclass
class FileOutcome:
    path: str
    status: str                 # done | failed
    doc_id: str | None = None
    code: str | None = None
    message: str | None = None
    doc_type: str | None = None
    duplicate: bool = False


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named explicitly are always taken; folders give their scans, recursively."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SCAN_SUFFIXES
                            and not p.name.startswith("."))
        else:
            found.append(path)
    return found


def process_one(path: str, settings_json: str, out_dir: str | None) -> FileOutcome:
    settings = Settings.model_validate_json(settings_json)
    storage = open_storage(settings)
    try:
        data = Path(path).read_bytes()
        with session_factory(settings.database_url)() as session:
            intake = intake_file(session, storage, data, Path(path).name)
            doc_id = intake.record.id
        status = process_document(doc_id, settings)
    except ServiceError as exc:
        return FileOutcome(path, "failed", code=exc.code, message=exc.message)
    with session_factory(settings.database_url)() as session:
        record = session.get(DocumentRecord, doc_id)
        outcome = FileOutcome(path, status, doc_id, record.error_code, record.error_message,
                              record.doc_type, duplicate=not intake.is_new)
    if out_dir and outcome.status == "done":
        export(storage, doc_id, Path(out_dir) / Path(path).stem)
    return outcome


def export(storage, doc_id: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.with_suffix(".pdf").write_bytes(storage.get(keys.result_pdf(doc_id)))
    body = json.loads(storage.get(keys.extraction(doc_id)))
    target.with_suffix(".json").write_text(json.dumps(body, ensure_ascii=False, indent=2), encoding="utf-8")


def run_batch(files: list[Path], settings: Settings, out_dir: Path | None, jobs: int,
              on_done: Callable[[FileOutcome], None]) -> list[FileOutcome]:
    settings_json = settings.model_dump_json()
    out = str(out_dir) if out_dir else None
    engine_for(settings.database_url)  # creates the tables once, before the worker processes start
    if jobs <= 1:
        return [_report(process_one(str(f), settings_json, out), on_done) for f in files]
    outcomes = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(process_one, str(f), settings_json, out) for f in files]
        for future in as_completed(futures):
            outcomes.append(_report(future.result(), on_done))
    return outcomes


def _report(outcome: FileOutcome, on_done: Callable[[FileOutcome], None]) -> FileOutcome:
    on_done(outcome)
    return outcome


def default_jobs() -> int:
    return max(1, min(2, os.cpu_count() or 1))
