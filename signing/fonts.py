"""The stamp font: a system TrueType font with Vietnamese glyphs, rescaled to
1000 units per em.

pyhanko 0.38 writes CID glyph widths (/W) in the font's own units while PDF
expects 1/1000 em, so a 2048-unit font (Liberation, DejaVu) renders with
stretched letter spacing.  We subset the font to Latin + Vietnamese and scale
it to 1000 units once, into a per-user cache (a modified copy is not shipped:
Liberation's licence reserves its name for unmodified fonts).
"""
from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from sohoa.models.errors import SigningError

log = logging.getLogger(__name__)

FONT_CANDIDATES = (
    Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
)
UNICODES = (list(range(0x20, 0x7F)) + list(range(0xA0, 0x250)) + list(range(0x300, 0x370))
            + list(range(0x1EA0, 0x1F00))
            + [0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x20AB])


class StampFontError(SigningError):
    code = "signing_font_missing"


def system_font() -> Path:
    for path in FONT_CANDIDATES:
        if path.is_file():
            return path
    raise StampFontError("no TrueType font with Vietnamese glyphs for the signature stamp; "
                         "install the fonts-liberation2 package")


def _cache_dir() -> Path:
    folder = Path(tempfile.gettempdir()) / f"sohoa-fonts-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _build(src: Path, out: Path) -> None:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(str(src))
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=UNICODES)
    subsetter.subset(font)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    tmp = out.with_suffix(f".{os.getpid()}.tmp")
    font.save(str(tmp))
    os.replace(tmp, out)


def stamp_font() -> Path:
    """Path of the prepared stamp font (built on first use, then reused)."""
    src = system_font()
    stat = src.stat()
    key = hashlib.sha256(f"{src}:{stat.st_size}:{stat.st_mtime_ns}:v1".encode()).hexdigest()
    out = _cache_dir() / f"stamp-{key[:16]}.ttf"
    if not out.is_file():
        log.info("preparing stamp font from %s", src)
        fonttools_log = logging.getLogger("fontTools")
        level = fonttools_log.level
        fonttools_log.setLevel(logging.ERROR)
        try:
            _build(src, out)
        finally:
            fonttools_log.setLevel(level)
    return out
