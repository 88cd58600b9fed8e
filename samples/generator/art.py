"""Graphic elements: seals, emblem, photo placeholder, guilloche, QR code, barcode."""
from __future__ import annotations

import io
import math
import random

import barcode
import qrcode
from barcode.writer import ImageWriter
from PIL import Image, ImageDraw

from .canvas import font

RED = (200, 30, 35)


def seal(text: str, px: int = 300) -> Image.Image:
    """Round red agency seal with a star, text around the rim (RGBA)."""
    img = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    col = RED + (170,)
    d.ellipse([4, 4, px - 4, px - 4], outline=col, width=px // 40)
    d.ellipse([px * .22, px * .22, px * .78, px * .78], outline=col, width=px // 60)
    _star(d, px / 2, px / 2, px * .18, col)
    f = font("sans-b", px // 13)
    chars = list(text.upper())
    for i, ch in enumerate(chars):
        ang = math.pi * (1.1 + 0.8 * i / max(1, len(chars) - 1)) if len(chars) < 30 else \
            2 * math.pi * i / len(chars) - math.pi / 2
        x, y = px / 2 + px * .36 * math.cos(ang), px / 2 + px * .36 * math.sin(ang)
        d.text((x, y), ch, font=f, fill=col, anchor="mm")
    return img


def _star(d: ImageDraw.ImageDraw, cx, cy, r, col):
    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.4
        a = -math.pi / 2 + i * math.pi / 5
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=col)


def emblem(px: int = 200) -> Image.Image:
    img = Image.new("RGBA", (px, px), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([0, 0, px - 1, px - 1], fill=(215, 170, 40, 255))
    d.ellipse([px * .1, px * .1, px * .9, px * .9], fill=(200, 30, 35, 255))
    _star(d, px / 2, px / 2, px * .3, (250, 215, 60, 255))
    return img


def photo(rng: random.Random, px=(300, 400)) -> Image.Image:
    """Head-and-shoulders placeholder with a frame."""
    w, h = px
    img = Image.new("RGB", px, (225 + rng.randint(-10, 10), 232, 240))
    d = ImageDraw.Draw(img)
    skin = (205 + rng.randint(-20, 20), 160, 130)
    d.ellipse([w * .1, h * .62, w * .9, h * 1.2], fill=(240, 240, 235))
    d.rectangle([w * .42, h * .5, w * .58, h * .66], fill=skin)
    d.ellipse([w * .28, h * .18, w * .72, h * .6], fill=skin)
    d.chord([w * .26, h * .14, w * .74, h * .48], 180, 360, fill=(25, 25, 25))
    d.rectangle([0, 0, w - 1, h - 1], outline=(120, 120, 130), width=3)
    return img


def guilloche(rng: random.Random, size, base=(226, 238, 232), ink=(180, 205, 195)) -> Image.Image:
    """Card background: overlapping sine rosettes."""
    w, h = size
    img = Image.new("RGB", size, base)
    d = ImageDraw.Draw(img)
    for k in range(14):
        ph, amp, fr = rng.random() * 6.28, h * (0.08 + 0.12 * rng.random()), 2 + rng.random() * 4
        y0 = h * k / 14
        pts = [(x, y0 + amp * math.sin(fr * x / w * 6.28 + ph)) for x in range(0, w, 6)]
        d.line(pts, fill=ink, width=2)
    for k in range(6):
        cx, cy, r = rng.random() * w, rng.random() * h, h * (0.2 + rng.random() * 0.4)
        d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=ink, width=2)
    return img


def qr(text: str) -> Image.Image:
    q = qrcode.QRCode(border=1, box_size=6, error_correction=qrcode.constants.ERROR_CORRECT_M)
    q.add_data(text.encode("utf-8"))
    q.make(fit=True)
    return q.make_image(fill_color="black", back_color="white").get_image().convert("RGB")


def code128(text: str) -> Image.Image:
    buf = io.BytesIO()
    barcode.get("code128", text, writer=ImageWriter()).write(
        buf, {"write_text": False, "module_height": 8.0, "quiet_zone": 2.0, "dpi": 300})
    buf.seek(0)
    return Image.open(buf).convert("RGB")
