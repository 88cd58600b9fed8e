"""Real page images rendered with a Vietnamese font, for end-to-end tests."""
from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "THÔNG BÁO",
    "Về việc tiếp nhận hồ sơ thủ tục hành chính",
    "Ủy ban nhân dân phường Ba Đình thông báo lịch tiếp nhận",
    "hồ sơ của công dân từ ngày 12 tháng 5 năm 2025.",
    "Người nhận: Nguyễn Thị Hoà, số định danh 001093047064.",
]


def a4_page(lines=LINES, skew: float = 0.0, rotate90: int = 0) -> Image.Image:
    page = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 54)
    for i, text in enumerate(lines):
        draw.text((260, 300 + i * 120), text, font=font, fill=20)
    if skew:
        page = page.rotate(skew, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if rotate90:
        page = page.rotate(90 * rotate90, expand=True)
    return page


def png_bytes(image: Image.Image, dpi: int = 300) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG", dpi=(dpi, dpi))
    return buf.getvalue()
