"""A process-wide cached RapidOCR (PP-OCRv4 ONNX models shipped in its wheel).

Nothing is downloaded: ``rapidocr-onnxruntime`` carries its detector,
classifier and recognizer inside the wheel.  One engine is built per thread
count and reused for the life of the process (building one costs ~0.3 s).
"""
from __future__ import annotations

import functools
import logging
import threading

import numpy as np

log = logging.getLogger(__name__)
_LOCK = threading.Lock()


@functools.lru_cache(maxsize=4)
def _build(threads: int):
    from rapidocr_onnxruntime import RapidOCR

    log.debug("building RapidOCR with %d ONNX Runtime thread(s)", threads)
    return RapidOCR(intra_op_num_threads=threads, inter_op_num_threads=1,
                    print_verbose=False)


def get_rapidocr(threads: int = 1):
    """The shared ``RapidOCR`` engine whose ONNX sessions use ``threads`` threads."""
    threads = max(1, int(threads))
    with _LOCK:
        return _build(threads)


def get_recognizer(threads: int = 1):
    """The shared PP-OCRv4 text-line recognizer (``TextRecognizer``)."""
    return get_rapidocr(threads).text_rec


def recognizer_charset(threads: int = 1) -> list[str]:
    """The recognizer's output classes, index 0 being the CTC blank."""
    return list(get_recognizer(threads).postprocess_op.character)


def recognize_logits(batch: np.ndarray, threads: int = 1) -> np.ndarray:
    """Raw per-timestep class probabilities for a normalized batch (N, 3, 48, W)."""
    session = get_recognizer(threads).session
    return session(batch.astype(np.float32))[0]
