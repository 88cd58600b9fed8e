"""birth_certificate: Giấy khai sinh."""
from .civil import make_birth
from .output import Doc, Profile

PROFILES = [Profile("flatbed", "pdf", 200), Profile("flatbed", "jpg", 200, skew=3.2, noise=5, blur=0.7, jpeg_quality=80),
            Profile("flatbed", "png", 200, light=True)]


def make(rng, idx):
    fields, page = make_birth(rng, idx)
    return [(Doc(f"birth_certificate_{idx:03d}", "birth_certificate", fields, [page]), PROFILES[idx % 3])]
