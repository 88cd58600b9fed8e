"""marriage_certificate: Giấy chứng nhận kết hôn."""
from .civil import make_marriage
from .output import Doc, Profile

PROFILES = [Profile("flatbed", "tif-g4", 300, skew=1.1), Profile("flatbed", "jpg", 200, skew=-1.4),
            Profile("flatbed", "pdf", 300, blur=0.9, noise=4)]


def make(rng, idx):
    fields, page = make_marriage(rng, idx)
    return [(Doc(f"marriage_certificate_{idx:03d}", "marriage_certificate", fields, [page]), PROFILES[idx % 3])]
