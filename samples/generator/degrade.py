"""Capture modes and degradations, as a service centre receives scans.  All take a seeded rng."""
from __future__ import annotations

import random

import numpy as np
from PIL import Image, ImageDraw, ImageFilter


def skew(img: Image.Image, angle: float) -> Image.Image:
    return img.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=(250, 250, 248))


def turn(img: Image.Image, quarter: int) -> Image.Image:
    return {1: img.transpose(Image.ROTATE_90), 2: img.transpose(Image.ROTATE_180),
            3: img.transpose(Image.ROTATE_270)}.get(quarter, img)


def blur(img: Image.Image, radius: float) -> Image.Image:
    return img.filter(ImageFilter.GaussianBlur(radius))


def noise(img: Image.Image, sigma: float, rng: random.Random) -> Image.Image:
    gen = np.random.default_rng(rng.randrange(2**32))
    a = np.asarray(img, dtype=np.int16)
    a = a + gen.normal(0, sigma, a.shape[:2])[..., None].astype(np.int16)
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def illumination(img: Image.Image, rng: random.Random) -> Image.Image:
    w, h = img.size
    gx = np.linspace(1.0, 0.82 + 0.1 * rng.random(), w)[None, :]
    gy = np.linspace(0.95 + 0.05 * rng.random(), 1.0, h)[:, None]
    a = np.asarray(img, dtype=np.float32) * (gx * gy)[..., None]
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def flatbed(img: Image.Image, margin_px: int) -> Image.Image:
    """A card or small form placed on the scanner glass (A4-ish off-white bed)."""
    w, h = img.size
    bed = Image.new("RGB", (w + 2 * margin_px, h + 2 * margin_px), (246, 246, 243))
    bed.paste(img, (margin_px, margin_px))
    return bed


def _coeffs(src, dst):
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return np.linalg.solve(np.array(rows, float), np.array(rhs, float)).tolist()


def _table(rng: random.Random, size) -> Image.Image:
    w, h = size
    base = np.array([120 + rng.randint(-20, 20), 90, 60], np.float32)
    gen = np.random.default_rng(rng.randrange(2**32))
    grain = np.sin(np.linspace(0, 40 + 20 * rng.random(), h))[:, None] * 12 + gen.normal(0, 6, (h, w))
    a = base[None, None, :] + grain[..., None]
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def phone_photo(card: Image.Image, rng: random.Random) -> Image.Image:
    """A card photographed on a table: perspective, soft shadow, warm light."""
    cw, ch = card.size
    W, H = int(cw * 1.45), int(ch * 1.6)
    ox, oy = (W - cw) // 2, (H - ch) // 2
    j = lambda s: rng.uniform(-s, s) * cw
    dst = [(ox + j(.05), oy + j(.04)), (ox + cw + j(.05), oy + j(.04)),
           (ox + cw + j(.04), oy + ch + j(.05)), (ox + j(.04), oy + ch + j(.05))]
    src = [(0, 0), (cw, 0), (cw, ch), (0, ch)]
    warped = card.convert("RGBA").transform((W, H), Image.PERSPECTIVE, _coeffs(src, dst), Image.BICUBIC)
    out = _table(rng, (W, H))
    shadow = Image.new("L", (W, H), 0)
    ImageDraw.Draw(shadow).polygon([(x + 14, y + 18) for x, y in dst], fill=110)
    out.paste((20, 15, 10), (0, 0), shadow.filter(ImageFilter.GaussianBlur(14)))
    out.paste(warped, (0, 0), warped)
    return illumination(out, rng)


def bilevel(img: Image.Image, threshold: int = 165) -> Image.Image:
    return img.convert("L").point(lambda v: 255 if v > threshold else 0).convert("1")
