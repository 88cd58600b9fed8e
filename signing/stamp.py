"""The visible stamp: seal image, agency name and signing time, top right of page 1.

The text uses an embedded TrueType font (subset through pyhanko's OpenType
support), so the signed file stays PDF/A.
"""
from __future__ import annotations

import datetime as dt
import io
import textwrap
import unicodedata
from functools import lru_cache
from pathlib import Path

from PIL import Image
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStampStyle

from sohoa.models.errors import SigningError

from .fonts import stamp_font

DEFAULT_SEAL = Path(__file__).parent / "resources" / "seal.png"
STAMP_W, STAMP_H, MARGIN = 200, 56, 12  # points (pyhanko layout wants integers)
FONT_SIZE, LEADING = 7, 9
VN_TZ = dt.timezone(dt.timedelta(hours=7), "ICT")


class StampError(SigningError):
    code = "signing_stamp_failed"


@lru_cache(maxsize=8)
def _seal(path: str) -> Image.Image:
    try:
        with Image.open(path) as img:
            img.load()
            return img.convert("RGBA")
    except (OSError, ValueError) as exc:
        raise StampError(f"cannot read seal image {path}: {exc}") from None


@lru_cache(maxsize=4)
def _font_bytes(path: str) -> bytes:
    return Path(path).read_bytes()


class _MemoryFontFactory(GlyphAccumulatorFactory):
    """Reads the font from memory: pyhanko's factory leaks one open file per signature."""

    def create_font_engine(self, writer, obj_stream=None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return GlyphAccumulator(
            writer=writer, font_handle=io.BytesIO(_font_bytes(self.font_file)),
            font_size=self.font_size, ot_script_tag=self.ot_script_tag,
            ot_language_tag=self.ot_language_tag, writing_direction=self.writing_direction,
            bcp47_lang_code=self.bcp47_lang_code, obj_stream=obj_stream)


def stamp_text(agency_name: str) -> str:
    """Stamp template: wrapped agency name and a ``%(signed_at)s`` slot."""
    agency = unicodedata.normalize("NFC", agency_name).replace("%", "%%")
    lines = textwrap.wrap(f"Ký bởi: {agency}", width=36)[:3]
    return "\n".join(lines + ["Thời gian ký: %(signed_at)s"])


def signed_at_text(now: dt.datetime | None = None) -> str:
    now = (now or dt.datetime.now(dt.timezone.utc)).astimezone(VN_TZ)
    return now.strftime("%d/%m/%Y %H:%M:%S +07:00")


def stamp_style(agency_name: str, seal_image: Path | None) -> TextStampStyle:
    seal = _seal(str(seal_image or DEFAULT_SEAL))
    text_style = TextBoxStyle(
        font=_MemoryFontFactory(str(stamp_font()), font_size=FONT_SIZE,
                                bcp47_lang_code="vi"),
        font_size=FONT_SIZE, leading=LEADING, text_color=(0.6, 0.0, 0.0))
    return TextStampStyle(
        stamp_text=stamp_text(agency_name),
        text_box_style=text_style,
        border_width=0,
        background=PdfImage(seal.copy()),
        background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(2)),
        inner_content_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MIN, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins(left=STAMP_H + 2, right=2, top=2, bottom=2)),
    )


def stamp_box(mediabox, earlier: int = 0) -> tuple[int, int, int, int]:
    """A small box in the top-right margin of a page given its visible box.

    ``earlier`` visible stamps already on the page: the new one goes below them
    (at most 3 steps down) so re-signing never draws over an earlier stamp's text.
    """
    x0, y0, x1, y1 = (float(v) for v in mediabox)
    right = max(x0, x1) - MARGIN
    top = max(y0, y1) - MARGIN - min(earlier, 3) * (STAMP_H + 4)
    return (int(right - STAMP_W), int(top - STAMP_H), int(right), int(top))
