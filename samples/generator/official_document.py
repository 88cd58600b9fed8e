"""official_document: one-page letters and a two-page decision as a multi-page TIFF."""
from .official import build
from .output import Doc, Profile

PROFILES = [Profile("flatbed", "pdf", 200, light=True, blur=0.9, noise=5), Profile("flatbed", "tif", 200),
            Profile("flatbed", "tif-g4", 300, skew=-1.2)]


def make(rng, idx):
    prof = PROFILES[idx % len(PROFILES)]
    fields, pages = build(rng, 8 if prof.fmt == "tif" else 4, 2 if prof.fmt == "tif" else 1)
    return [(Doc(f"official_document_{idx:03d}", "official_document", fields, pages), prof)]
