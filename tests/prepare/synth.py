"""Synthetic Vietnamese pages and cards rendered with PIL for the image tests."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Họ và tên người yêu cầu: Nguyễn Thị Hồng Nhung",
    "Nơi cư trú: Số 12 đường Lê Lợi, phường Bến Nghé",
    "Ngày, tháng, năm sinh: 19 tháng 09 năm 1995",
    "Quê quán: xã Hòa Bình, huyện Tam Kỳ, tỉnh Quảng Nam",
    "Giấy tờ tùy thân: Căn cước công dân số 0791950123",
    "Nơi đăng ký: Ủy ban nhân dân phường Tân Thạnh",
]


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size)


def page(lines=LINES, dpi: int = 300, leaders: bool = False) -> np.ndarray:
    """An A4 (or A5 when few lines) white page, BGR uint8."""
    w, h = int(8.27 * dpi), int(5.8 * dpi)
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    f = font(int(dpi * 12 / 72))
    y = int(0.8 * dpi)
    for text in lines:
        d.text((int(0.9 * dpi), y), text, font=f, fill="black")
        if leaders:
            x_end = int(0.9 * dpi) + int(d.textlength(text, font=f)) + 10
            d.text((x_end, y), "." * 60, font=f, fill="black")
        y += int(dpi * 0.3)
    return np.array(img)[..., ::-1].copy()


def card(dpi: int = 300) -> np.ndarray:
    """An ID-1 card with a photo box, BGR uint8."""
    w, h = round(85.6 / 25.4 * dpi), round(54 / 25.4 * dpi)
    img = Image.new("RGB", (w, h), (236, 242, 248))
    d = ImageDraw.Draw(img)
    d.rectangle((30, 110, 230, 360), fill=(120, 90, 70))  # the photo
    f = font(int(dpi * 9 / 72))
    for i, text in enumerate(["CĂN CƯỚC CÔNG DÂN", "Họ và tên: Lê Văn Hùng",
                              "Ngày sinh: 02/03/1988", "Quê quán: Hà Nội"]):
        d.text((270, 60 + i * 75), text, font=f, fill="black")
    return np.array(img)[..., ::-1].copy()


def on_table(card_img: np.ndarray, angle: float = 8.0) -> np.ndarray:
    """The card lying rotated on a dark wooden table, photographed from above."""
    import cv2

    ch, cw = card_img.shape[:2]
    H, W = int(ch * 1.9), int(cw * 1.6)
    table = np.zeros((H, W, 3), np.uint8)
    table[:] = (40, 60, 95)
    noise = np.random.default_rng(0).integers(0, 25, (H, W, 1), dtype=np.uint8)
    table = cv2.add(table, np.repeat(noise, 3, axis=2))
    m = cv2.getRotationMatrix2D((cw / 2, ch / 2), angle, 1.0)
    m[:, 2] += ((W - cw) / 2, (H - ch) / 2)
    warped = cv2.warpAffine(card_img, m, (W, H), borderValue=(0, 0, 0))
    mask = cv2.warpAffine(np.full((ch, cw), 255, np.uint8), m, (W, H))
    table[mask > 0] = warped[mask > 0]
    return table
