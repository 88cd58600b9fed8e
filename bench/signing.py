"""Signing bench: median seconds per document at B-B, B-T, B-LTA and for verify.

    python bench/signing.py [--runs 20]

Uses a throw-away home (development PKI) and a timestamp authority on loopback
(the one from the tests), so it needs no network.  Prints a JSON summary.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.signing.fixtures import make_pdfa, start_tsa  # noqa: E402

from sohoa.models.settings import Settings  # noqa: E402
from sohoa.signing import Signer  # noqa: E402


def _median(fn, runs: int) -> tuple[float, float, object]:
    """Median wall seconds, median CPU seconds (this process, TSA thread included), result."""
    wall, cpu, result = [], [], None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu), result


def run(runs: int) -> dict:
    pdf = make_pdfa()
    with tempfile.TemporaryDirectory() as home:
        base = Signer.from_settings(Settings(home=home))
        url, server = start_tsa(Path(home) / "dev-pki")
        try:
            results = {"runs": runs, "input_bytes": len(pdf),
                       "load_avg_1min": round(os.getloadavg()[0], 2)}
            for level in ("b-b", "b-t", "b-lta"):
                signer = Signer.from_settings(Settings(
                    home=home, signing={"tsa_url": url, "level": level}))
                signer.sign_pdf(pdf)  # warm-up: font, TSA connection
                wall, cpu, signed = _median(lambda s=signer: s.sign_pdf(pdf), runs)
                results[f"sign_{level}_s"] = round(wall, 3)
                results[f"sign_{level}_cpu_s"] = round(cpu, 3)
                results[f"signed_{level}_bytes"] = len(signed)
                wall, cpu, report = _median(lambda d=signed: base.verify_pdf(d), runs)
                assert report.verdict == "VALID", report.verdict
                results[f"verify_{level}_s"] = round(wall, 3)
                results[f"verify_{level}_cpu_s"] = round(cpu, 3)
        finally:
            server.shutdown()
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    print(json.dumps(run(parser.parse_args().runs), indent=2))
