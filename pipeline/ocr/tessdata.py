"""Finding Tesseract's language data and creating API handles."""
from __future__ import annotations

import glob
import os


def find_tessdata(explicit: str | None = None) -> str:
    """The tessdata folder: explicit, $TESSDATA_PREFIX, or Debian's location."""
    candidates = [explicit, os.environ.get("TESSDATA_PREFIX")]
    candidates += sorted(glob.glob("/usr/share/tesseract-ocr/*/tessdata"), reverse=True)
    candidates += ["/usr/share/tessdata", "/usr/local/share/tessdata"]
    for path in candidates:
        if path and os.path.isdir(path):
            return path.rstrip("/") + "/"
    return "./"


def make_api(language: str, tessdata: str | None, psm: int):
    """A tesserocr API with quiet, single-threaded settings."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import tesserocr

    api = tesserocr.PyTessBaseAPI(path=find_tessdata(tessdata), lang=language, psm=psm)
    api.SetVariable("debug_file", "/dev/null")
    return api
