"""Layout in millimetres as a list of drawing ops, rendered to PIL or to a text PDF."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

LIB = "/usr/share/fonts/truetype/liberation2/"
DJV = "/usr/share/fonts/truetype/dejavu/"
FONTS = {
    "serif": LIB + "LiberationSerif-Regular.ttf",
    "serif-b": LIB + "LiberationSerif-Bold.ttf",
    "serif-i": LIB + "LiberationSerif-Italic.ttf",
    "serif-bi": LIB + "LiberationSerif-BoldItalic.ttf",
    "sans": LIB + "LiberationSans-Regular.ttf",
    "sans-b": LIB + "LiberationSans-Bold.ttf",
    "sans-i": LIB + "LiberationSans-Italic.ttf",
    "dejavu": DJV + "DejaVuSans.ttf",
    "dejavu-b": DJV + "DejaVuSans-Bold.ttf",
    "ocrb": "/usr/share/fonts/opentype/ocr-b/OCRB.otf",
}
PT = 25.4 / 72  # mm per point


@lru_cache(maxsize=256)
def font(key: str, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONTS[key], max(px, 4))


def text_width_mm(s: str, key: str, size_pt: float) -> float:
    f = font(key, 200)
    return f.getlength(s) / 200 * size_pt * PT


class Page:
    """A page (or card) of w x h mm; records ops and the printed text lines."""

    def __init__(self, w: float, h: float, bg=(255, 255, 255)):
        self.w, self.h, self.bg = w, h, bg
        self.ops: list[tuple] = []
        self.lines: list[str] = []

    def text(self, x, y, s, key="serif", size=12, color=(0, 0, 0), align="l", record=True):
        s = unicodedata.normalize("NFC", s)
        self.ops.append(("text", x, y, s, key, size, color, align))
        if record and s.strip():
            self.lines.append(s)
        return text_width_mm(s, key, size)

    def segments(self, y, parts, size=12, color=(0, 0, 0)):
        """Several (x, text, fontkey) pieces on one row, recorded as one line."""
        texts = []
        for x, s, key in parts:
            self.text(x, y, s, key, size, color, record=False)
            texts.append(s)
        self.lines.append(unicodedata.normalize("NFC", " ".join(t for t in texts if t)))

    def line(self, x1, y1, x2, y2, width=0.3, color=(0, 0, 0)):
        self.ops.append(("line", x1, y1, x2, y2, width, color))

    def rect(self, x, y, w, h, outline=(0, 0, 0), fill=None, width=0.3):
        self.ops.append(("rect", x, y, w, h, outline, fill, width))

    def dots(self, x1, x2, y, color=(90, 90, 90)):
        self.ops.append(("dots", x1, x2, y, color))

    def image(self, x, y, w, h, img: Image.Image):
        self.ops.append(("image", x, y, w, h, img))


def wrap(s: str, key: str, size: float, width_mm: float) -> list[str]:
    out, cur = [], ""
    for word in s.split():
        cand = f"{cur} {word}".strip()
        if cur and text_width_mm(cand, key, size) > width_mm:
            out.append(cur)
            cur = word
        else:
            cur = cand
    if cur:
        out.append(cur)
    return out


def render(page: Page, dpi: int) -> Image.Image:
    k = dpi / 25.4
    img = Image.new("RGB", (round(page.w * k), round(page.h * k)), page.bg)
    draw = ImageDraw.Draw(img)
    for op in page.ops:
        _OPS[op[0]](img, draw, k, *op[1:])
    return img


def _text(img, draw, k, x, y, s, key, size, color, align):
    f = font(key, round(size * PT * k))
    draw.text((x * k, y * k), s, font=f, fill=color, anchor={"l": "la", "c": "ma", "r": "ra"}[align])


def _line(img, draw, k, x1, y1, x2, y2, width, color):
    draw.line([(x1 * k, y1 * k), (x2 * k, y2 * k)], fill=color, width=max(1, round(width * k)))


def _rect(img, draw, k, x, y, w, h, outline, fill, width):
    draw.rectangle([x * k, y * k, (x + w) * k, (y + h) * k], outline=outline, fill=fill,
                   width=max(1, round(width * k)))


def _dots(img, draw, k, x1, x2, y, color):
    step, r = 1.2 * k, max(0.6, 0.12 * k)
    x = x1 * k
    while x < x2 * k:
        draw.ellipse([x - r, y * k - r, x + r, y * k + r], fill=color)
        x += step


def _image(img, draw, k, x, y, w, h, pic):
    pic = pic.resize((max(1, round(w * k)), max(1, round(h * k))), Image.LANCZOS)
    if pic.mode == "RGBA":
        img.paste(pic, (round(x * k), round(y * k)), pic)
    else:
        img.paste(pic.convert("RGB"), (round(x * k), round(y * k)))


_OPS = {"text": _text, "line": _line, "rect": _rect, "dots": _dots, "image": _image}
