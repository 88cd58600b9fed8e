"""Small real scans for the integration tests: Vietnamese text rendered with PIL."""
from __future__ import annotations

import io

from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
LINES = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
PLACES = ("Hà Nội", "Huế", "Đà Nẵng", "Cần Thơ", "Hải Phòng")


def text_scan(number: int) -> bytes:
    """A distinct one-page PNG scan (300 dpi, A4 width, a few lines of text)."""
    font = ImageFont.truetype(FONT, 40)
    image = Image.new("L", (1240, 520), 255)
    draw = ImageDraw.Draw(image)
    rows = [*LINES, f"Giấy xác nhận số {number:03d} - {PLACES[number % len(PLACES)]}",
            f"Ngày {1 + number % 28} tháng {1 + number % 12} năm 2024"]
    for i, row in enumerate(rows):
        draw.text((80, 60 + 100 * i), row, font=font, fill=0)
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(300, 300))
    return out.getvalue()


def scans(count: int) -> dict[str, bytes]:
    return {f"scan-{n:03d}.png": text_scan(n) for n in range(count)}
