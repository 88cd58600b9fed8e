"""Smaller API behaviours: report text, default trust roots, bad input, custom seal."""
from __future__ import annotations

import pytest
from PIL import Image

from sohoa.models.settings import Settings
from sohoa.signing import Signer, SigningInputError, format_report, verify_pdf


def test_format_report_text(signer, signed_bb):
    text = format_report(signer.verify_pdf(signed_bb))
    assert text.splitlines()[0] == "Verdict: VALID"
    assert "Signature1" in text and "trusted chain: yes" in text


def test_default_trust_roots_come_from_settings(monkeypatch, home, signed_bb):
    monkeypatch.setenv("SOHOA_HOME", str(home))
    assert verify_pdf(signed_bb).verdict == "VALID"


def test_to_dict_is_json_ready(signer, signed_bb):
    import json
    data = signer.verify_pdf(signed_bb).to_dict()
    assert json.loads(json.dumps(data))["verdict"] == "VALID"


@pytest.mark.parametrize("bad", [b"", b"hello", b"%PDF-1.7\nbroken"])
def test_sign_rejects_non_pdf(signer, bad):
    with pytest.raises(SigningInputError):
        signer.sign_pdf(bad)


def test_custom_seal_and_agency(tmp_path, home, pdfa):
    seal = tmp_path / "seal.png"
    Image.new("RGB", (64, 64), (0, 0, 200)).save(seal)
    settings = Settings(home=home, signing={"seal_image": seal,
                                            "agency_name": "UBND phường Bến Nghé"})
    signer = Signer.from_settings(settings)
    report = signer.verify_pdf(signer.sign_pdf(pdfa))
    assert report.verdict == "VALID"


def test_signing_and_verifying_inside_a_running_event_loop(signer, pdfa):
    """An async caller (an ASGI app, a browser-test loop) must not break pyhanko's asyncio.run."""
    import asyncio

    async def inside_loop():
        signed = signer.sign_pdf(pdfa)
        return verify_pdf(signed, trust_roots=signer.trust_roots)

    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(1) as pool:  # a thread of its own: the test runner's thread may hold a loop
        assert pool.submit(asyncio.run, inside_loop()).result().valid
