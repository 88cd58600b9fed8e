"""Connected components with statistics, at a fraction of OpenCV's default cost.

``cv2.connectedComponentsWithStats`` with 32-bit labels runs OpenCV's
parallel labelling, whose cost grows with the image, not with the ink:
~15 CPU-ms for an A4 page at 150 dpi even when it is empty.  With 16-bit
labels OpenCV takes its sequential path, ~5 ms for the same page.  16-bit
labels overflow past 65,534 blobs (older OpenCV releases then corrupt
memory instead of raising), so the blobs are counted first (the labels
alone, ~3 ms) and only a count that fits takes the 16-bit path.
"""
from __future__ import annotations

import cv2
import numpy as np

MAX_16BIT_LABELS = 65_000


def components(binary: np.ndarray) -> tuple[int, np.ndarray, np.ndarray]:
    """(n, labels, stats) as ``cv2.connectedComponentsWithStats(binary, connectivity=8)``."""
    n, _ = cv2.connectedComponents(binary, connectivity=8)
    ltype = cv2.CV_16U if n < MAX_16BIT_LABELS else cv2.CV_32S
    n, labels, stats, _ = cv2.connectedComponentsWithStatsWithAlgorithm(binary, 8, ltype, cv2.CCL_DEFAULT)
    return n, labels, stats
