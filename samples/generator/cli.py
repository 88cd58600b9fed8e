"""Command line: render every document type (K each) plus a dossier PDF into DIR."""
from __future__ import annotations

import argparse
import os
import random
import time

from . import output

TYPES = ["id_card", "birth_certificate", "marriage_certificate", "land_use_certificate",
         "business_registration", "driving_licence", "passport", "official_document", "dossier"]


def _module(name: str):
    import importlib
    return importlib.import_module(f"{__package__}.{name}")


def generate(out_dir: str, seed: int, count: int = 2, types: list[str] | None = None) -> list[str]:
    """Write scans + truth files; returns the scan paths.  Same seed -> same bytes."""
    os.makedirs(out_dir, exist_ok=True)
    paths = []
    for t in types or TYPES:
        mod = _module(t)
        n = getattr(mod, "count", lambda k: k)(count)
        for i in range(n):
            rng = random.Random(f"{seed}:{t}:{i}")
            for doc, prof in mod.make(rng, i):
                paths.append(output.save(doc, prof, out_dir, rng))
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m samples.generator", description=__doc__)
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--count-per-type", type=int, default=2, help="documents per type (id_card: at least 4)")
    ap.add_argument("--types", nargs="*", choices=TYPES, help="only these types")
    a = ap.parse_args(argv)
    t0 = time.time()
    paths = generate(a.out, a.seed, a.count_per_type, a.types)
    print(f"{len(paths)} scans written to {a.out} in {time.time() - t0:.1f}s")
    return 0
