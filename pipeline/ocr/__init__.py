"""OCR engines behind one protocol; ``get_engine`` keeps one per process."""
from __future__ import annotations

import threading

from sohoa.pipeline.ocr.base import OcrEngine

_engines: dict[tuple, OcrEngine] = {}
_lock = threading.Lock()


def get_engine(settings) -> OcrEngine:
    """The engine named by ``settings.ocr.engine``, created once per process."""
    ocr = settings.ocr
    key = (ocr.engine, ocr.language, ocr.tessdata)
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _create(ocr)
            _engines[key] = engine
        return engine


def _create(ocr) -> OcrEngine:
    if ocr.engine == "tesseract":
        from sohoa.pipeline.ocr.tesseract import TesseractEngine

        return TesseractEngine(language=ocr.language, tessdata=ocr.tessdata)
    from sohoa.models.errors import OcrError

    raise OcrError(f"unknown OCR engine {ocr.engine!r}")


__all__ = ["OcrEngine", "get_engine"]
