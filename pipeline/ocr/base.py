"""The OCR engine protocol: an instance holds its loaded model."""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sohoa.models.ocr import Page
    from sohoa.pipeline.prepare import PreparedPage


@runtime_checkable
class OcrEngine(Protocol):
    name: str

    def recognize(self, prepared: "PreparedPage", page_number: int) -> "Page":
        """Read one prepared page; ``page_number`` is 1-based."""
        ...
