"""Classification, dispatch and page splitting over the registered extractors."""
from __future__ import annotations

import importlib
import inspect
import logging
from types import ModuleType

from sohoa.models.fields import Extraction, ReviewStatus
from sohoa.models.ocr import Document

log = logging.getLogger(__name__)

CORE = ("birth_certificate", "marriage_certificate", "land_use_certificate", "business_registration",
        "official_document")
OPTIONAL = ("id_card", "passport", "driving_licence")  # written separately; tolerated while missing
UNKNOWN_BELOW = 0.6
TITLE_STRONG, TITLE_BONUS = 0.85, 0.15
MULTI_PAGE_CARDS = {"id_card", "driving_licence", "passport"}

_REGISTRY: dict[str, ModuleType] = {}


def _load() -> dict[str, ModuleType]:
    if _REGISTRY:
        return _REGISTRY
    for name in CORE:
        mod = importlib.import_module(f"sohoa.extractors.{name}")
        _REGISTRY[mod.doc_type] = mod
    for name in OPTIONAL:
        try:
            mod = importlib.import_module(f"sohoa.extractors.{name}")
        except ImportError as exc:
            log.debug("extractor %s not available: %s", name, exc)
            continue
        _REGISTRY[getattr(mod, "doc_type", name)] = mod
    _REGISTRY["unknown"] = importlib.import_module("sohoa.extractors.unknown")
    return _REGISTRY


def register(extractor) -> None:
    """Register (or replace) an extractor module/object by its ``doc_type``."""
    _load()[extractor.doc_type] = extractor


def extractors() -> dict[str, object]:
    return dict(_load())


def scores(doc: Document) -> dict[str, float]:
    out = {}
    for doc_type, ext in _load().items():
        try:
            s = ext.score(doc)
        except Exception:  # noqa: BLE001 - one broken scorer must not block the others
            log.exception("score() of %s failed", doc_type)
            continue
        if s is not None:
            out[doc_type] = float(s)
    return out


def classify(doc: Document) -> tuple[str, float]:
    """(doc_type, confidence): the highest score wins; ``unknown`` below the threshold."""
    found = scores(doc)
    if not found:
        return "unknown", 0.0
    ranked = sorted(found, key=lambda t: _rank(t, found[t]), reverse=True)
    best = ranked[0]
    if found[best] < UNKNOWN_BELOW:
        return "unknown", round(1.0 - found[best], 3)
    margin = _rank(best, found[best]) - max((_rank(t, found[t]) for t in ranked[1:]), default=0.0)
    return best, round(max(0.0, min(found[best], 0.6 + 2 * margin)), 3)


def _rank(doc_type: str, score: float) -> float:
    """A printed form title (score >= TITLE_STRONG) outranks keyword evidence of other types."""
    return score + (TITLE_BONUS if doc_type in CORE and score >= TITLE_STRONG else 0.0)


def _call(ext, doc: Document, mrz, qr) -> Extraction:
    kwargs = {}
    try:
        params = inspect.signature(ext.extract).parameters
    except (TypeError, ValueError):
        params = {}
    var_kw = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    if mrz and ("mrz" in params or var_kw):
        kwargs["mrz"] = mrz
    if qr and ("qr" in params or var_kw):
        kwargs["qr"] = qr
    return ext.extract(doc, **kwargs)


def extract_document(doc: Document, *, doc_type: str | None = None, mrz: dict[int, object] | None = None,
                     qr: dict[int, str] | None = None) -> Extraction:
    """Classify (unless ``doc_type`` is forced) and extract; never raises for extractor bugs."""
    registry = _load()
    if doc_type:
        confidence = 1.0
        if doc_type not in registry:
            log.warning("no extractor for forced type %s; using unknown", doc_type)
    else:
        doc_type, confidence = classify(doc)
    ext = registry.get(doc_type, registry["unknown"])
    try:
        result = _call(ext, doc, mrz, qr)
    except Exception:  # noqa: BLE001
        log.exception("extractor %s failed", doc_type)
        result = _call(registry["unknown"], doc, None, None)
        result.errors.append("extractor_failed")
    result.doc_type = doc_type if doc_type in registry else "unknown"
    result.doc_type_confidence = confidence
    result.pages = [p.number for p in doc.pages]
    return result


def split_documents(doc: Document) -> list[list[int]]:
    """Group pages into documents: a page whose own best type starts a new document."""
    groups: list[list[int]] = []
    current: str | None = None
    for page in doc.pages:
        page_type, conf = classify(Document(pages=[page]))
        starts = page_type != "unknown" and (
            current is None or page_type != current or page_type not in MULTI_PAGE_CARDS)
        if starts and current in CORE and page_type in MULTI_PAGE_CARDS:
            # a form's later page that merely mentions 'Căn cước công dân' is not a card
            starts = page.width > page.height or scores(Document(pages=[page])).get(page_type, 0.0) >= 0.95
        if not groups or starts:
            groups.append([page.number])
            current = page_type if page_type != "unknown" else current
        else:
            groups[-1].append(page.number)
    return groups


def review_status(extraction: Extraction, threshold: float = 0.9) -> ReviewStatus:
    """auto_accepted only when the type and every field are confident and valid."""
    if (extraction.doc_type == "unknown" or extraction.doc_type_confidence < threshold
            or extraction.errors or not extraction.fields):
        return ReviewStatus.needs_review
    for field in extraction.fields.values():
        if field.errors or field.confidence < threshold:
            return ReviewStatus.needs_review
    return ReviewStatus.auto_accepted
