"""Write OCR fixtures: python -m tests.extractors.make_fixtures [IDS...]

Each fixture holds a real-pipeline OCR ``Document`` (from the /tmp/ocr-cache
made with ``sohoa.pipeline.runner.ocr_document``; coordinates rounded) and the
truth fields of the dev scan it came from.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

CACHE = Path("/tmp/ocr-cache")
TRUTH = Path("/work/shared/data/dev-scans")
OUT = Path(__file__).parent / "fixtures"
DEFAULT = ["birth_certificate_000", "marriage_certificate_001", "land_use_certificate_001",
           "business_registration_001", "official_document_000", "official_document_001"]


def _round(obj):
    if isinstance(obj, float):
        return round(obj, 4)
    if isinstance(obj, list):
        return [_round(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    return obj


def main(ids: list[str]) -> None:
    OUT.mkdir(exist_ok=True)
    for doc_id in ids or DEFAULT:
        doc = json.loads((CACHE / f"{doc_id}.json").read_text(encoding="utf-8"))
        truth = json.loads((TRUTH / f"{doc_id}.truth.json").read_text(encoding="utf-8"))
        data = {"id": doc_id, "doc_type": truth["doc_type"], "fields": truth["fields"], "document": _round(doc)}
        (OUT / f"{doc_id}.json").write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                                            encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
