"""A document = pages + truth; render it through a capture profile and save scan + truth.json."""
from __future__ import annotations

import datetime as dt
import json
import os
import random
from dataclasses import dataclass, field

from PIL import Image

from . import degrade
from .canvas import Page, render
from .pdftext import write_pdf

FIXED_TIME = dt.datetime(2025, 8, 7, 9, 0, 0)


@dataclass
class Profile:
    capture: str = "flatbed"          # flatbed | photo | crop | digital
    fmt: str = "png"                  # png | jpg | tif | tif-g4 | pdf | pdf-text
    dpi: int = 300
    skew: float = 0.0
    quarter: int = 0                  # 90° turns of the (first) page
    blur: float = 0.0
    noise: float = 0.0
    light: bool = False
    jpeg_quality: int = 90


@dataclass
class Doc:
    id: str
    doc_type: str
    fields: dict
    pages: list[Page]
    meta: dict = field(default_factory=dict)
    font: str = "Liberation Serif"


def _degrade(img: Image.Image, p: Profile, rng: random.Random, tags: list, first: bool) -> Image.Image:
    if p.capture == "photo":
        img = degrade.phone_photo(img, rng)
        tags += ["card_photo", "perspective", "shadow"]
    elif p.capture == "crop" or (p.capture == "flatbed" and img.width < 1400):
        img = degrade.flatbed(img, img.width // 10) if p.capture == "flatbed" else img
        tags.append("card_crop" if p.capture == "crop" else "card_on_glass")
    if p.light:
        img = degrade.illumination(img, rng)
        tags.append("illumination")
    if p.skew:
        img = degrade.skew(img, p.skew)
        tags.append(f"rotate{p.skew:+.1f}")
    if p.quarter and first:
        img = degrade.turn(img, p.quarter)
        tags.append(f"rot{90 * p.quarter}")
    if p.blur:
        img = degrade.blur(img, p.blur)
        tags.append(f"blur{p.blur}")
    if p.noise:
        img = degrade.noise(img, p.noise, rng)
        tags.append(f"noise{p.noise:g}")
    return img


def _dedupe(tags: list) -> list:
    return list(dict.fromkeys(tags))


def save(doc: Doc, p: Profile, out_dir: str, rng: random.Random) -> str:
    ext = {"tif-g4": "tif", "pdf-text": "pdf"}.get(p.fmt, p.fmt)
    path = os.path.join(out_dir, f"{doc.id}.{ext}")
    tags: list = []
    meta = {}
    if p.fmt == "pdf-text":
        write_pdf(doc.pages, path, FIXED_TIME)
        tags.append("born_digital")
        capture = "digital"
    else:
        imgs = [_degrade(render(pg, p.dpi), p, rng, tags, i == 0) for i, pg in enumerate(doc.pages)]
        _write_images(imgs, path, p, tags, meta)
        capture = p.capture
    degraded = any(t.startswith(("blur", "noise", "perspective", "illumination", "rot", "bilevel")) for t in tags)
    meta = {"degraded": degraded, "degradations": _dedupe(tags), "font": doc.font, "capture": capture,
            **doc.meta, **meta, "format": ext, "pages": len(doc.pages), "dpi": p.dpi}
    truth = {"id": doc.id, "doc_type": doc.doc_type, "fields": doc.fields,
             "text_lines": [ln for pg in doc.pages for ln in pg.lines], "meta": meta,
             "file": os.path.basename(path)}
    with open(os.path.join(out_dir, f"{doc.id}.truth.json"), "w", encoding="utf-8") as fh:
        json.dump(truth, fh, ensure_ascii=False, indent=1)
    return path


def _write_images(imgs, path, p: Profile, tags: list, meta: dict) -> None:
    if len(imgs) > 1:
        tags.append("multipage")
    if p.fmt == "jpg":
        imgs[0].convert("RGB").save(path, quality=p.jpeg_quality, dpi=(p.dpi, p.dpi))
        meta["jpeg_quality"] = p.jpeg_quality
    elif p.fmt == "png":
        imgs[0].save(path, dpi=(p.dpi, p.dpi))
    elif p.fmt in ("tif", "tif-g4"):
        if p.fmt == "tif-g4":
            imgs = [degrade.bilevel(im) for im in imgs]
            tags.append("bilevel")
        kw = {"compression": "group4"} if p.fmt == "tif-g4" else {"compression": "tiff_lzw"}
        imgs[0].save(path, save_all=True, append_images=imgs[1:], dpi=(p.dpi, p.dpi), **kw)
    elif p.fmt == "pdf":
        rgb = [im.convert("RGB") for im in imgs]
        rgb[0].save(path, "PDF", save_all=True, append_images=rgb[1:], resolution=float(p.dpi),
                     creationDate=FIXED_TIME.timetuple(), modDate=FIXED_TIME.timetuple())
        tags.append("image_only_pdf")
    else:
        raise ValueError(p.fmt)
