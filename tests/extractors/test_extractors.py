"""Extractors on recorded real-pipeline OCR (fixtures/) and on truth text lines."""
import json
import re
import unicodedata
from pathlib import Path

import pytest

from sohoa.extractors import registry
from sohoa.extractors.common.normalize import tone_unify
from sohoa.extractors.common.synth import document_from_lines
from sohoa.models.ocr import Document

FIXTURES = sorted((Path(__file__).parent / "fixtures").glob("*.json"))


def _canon(x):
    if isinstance(x, list):
        return sorted(_canon(v) for v in x)
    if isinstance(x, (int, float)) and not isinstance(x, bool):
        return float(x)
    s = tone_unify(unicodedata.normalize("NFC", str(x)))
    s = re.sub(r"\s+", " ", s).strip(" .;,:-").casefold()
    try:
        return float(s.replace(" ", "")) if re.fullmatch(r"\d+(\.\d+)?", s.replace(" ", "")) else s
    except ValueError:
        return s


def matches(truth: dict, field) -> bool:
    if field is None:
        return False
    if truth.get("normalized") is not None and field.normalized not in (None, ""):
        return _canon(truth["normalized"]) == _canon(field.normalized)
    wanted = [truth["value"]] + list(truth.get("accept") or [])
    return any(_canon(w) == _canon(field.value) for w in wanted)


def load(path: Path):
    data = json.loads(path.read_text(encoding="utf-8"))
    return data, Document.model_validate(data["document"])


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_real_ocr_fixture(path):
    data, doc = load(path)
    ex = registry.extract_document(doc)
    assert ex.doc_type == data["doc_type"]
    ok = {k: matches(t, ex.fields.get(k)) for k, t in data["fields"].items()}
    assert sum(ok.values()) / len(ok) >= 0.65, ok  # OCR drops words under seals/signatures
    for key, good in ok.items():  # calibration: a confident field must be right
        field = ex.fields.get(key)
        if field is not None and field.confidence >= 0.9:
            assert good, (key, field.value, field.confidence)


TRUTH = Path(__file__).parents[2] / "samples" / "scans"  # the project's own samples
FORMS = ("birth_certificate", "marriage_certificate", "land_use_certificate", "business_registration",
         "official_document")


@pytest.mark.parametrize("doc_type", FORMS)
def test_forms_from_truth_text_lines(doc_type):
    for path in sorted(TRUTH.glob(f"{doc_type}_*.truth.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        ex = registry.extract_document(document_from_lines(truth["text_lines"]))
        assert ex.doc_type == doc_type
        bad = [k for k, t in truth["fields"].items() if not matches(t, ex.fields.get(k))]
        assert not bad, (path.name, bad)
