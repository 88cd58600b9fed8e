"""Signing bench: median seconds per document at B-B, B-T, B-LTA and for verify.

    python bench/signing.py [--runs 20]

Uses a throw-away home (development PKI) and a timestamp authority on loopback
(the one from the tests), so it needs no network.  Prints a JSON summary.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "signing"))

from fixtures import make_pdfa, start_tsa  # noqa: E402

from sohoa.models.settings import Settings  # noqa: E402
from sohoa.signing import Signer  # noqa: E402


def _median(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def run(runs: int) -> dict:
    pdf = make_pdfa()
    with tempfile.TemporaryDirectory() as home:
        base = Signer.from_settings(Settings(home=home))
        url, server = start_tsa(Path(home) / "dev-pki")
        try:
            results = {"runs": runs, "input_bytes": len(pdf)}
            for level in ("b-b", "b-t", "b-lta"):
                signer = Signer.from_settings(Settings(
                    home=home, signing={"tsa_url": url, "level": level}))
                signer.sign_pdf(pdf)  # warm-up: font, TSA connection
                seconds, signed = _median(lambda s=signer: s.sign_pdf(pdf), runs)
                results[f"sign_{level}_s"] = round(seconds, 3)
                results[f"signed_{level}_bytes"] = len(signed)
                vsec, report = _median(lambda d=signed: base.verify_pdf(d), runs)
                assert report.verdict == "VALID", report.verdict
                results[f"verify_{level}_s"] = round(vsec, 3)
        finally:
            server.shutdown()
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    print(json.dumps(run(parser.parse_args().runs), indent=2))
