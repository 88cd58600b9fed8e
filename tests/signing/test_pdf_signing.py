"""PAdES round trips at every level, pdfsig cross-check, PDF/A identification, re-signing."""
from __future__ import annotations

import io
import subprocess

import pikepdf
import pytest

from sohoa.signing import SigningConfigError, format_report, verify_pdf

from .fixtures import level_signer

ALLOWED = {"NONE", "LTA_UPDATES", "FORM_FILLING"}


def test_fixture_is_pdfa_2b(pdfa):
    assert pikepdf.Pdf.open(io.BytesIO(pdfa)).open_metadata().pdfa_status == "2B"


def test_bb_round_trip(signer, signed_bb):
    report = signer.verify_pdf(signed_bb)
    assert report.verdict == "VALID", format_report(report)
    (sig,) = report.signatures
    assert sig.integrity_ok and sig.trust_ok
    assert sig.timestamp is None
    assert "DEVELOPMENT" in sig.signer
    assert sig.coverage == "ENTIRE_FILE" and sig.modification_level == "NONE"
    assert sig.reason == "Kết quả số hóa"
    assert report.to_dict()["signatures"][0]["verdict"] == "VALID"


def test_signed_file_keeps_pdfa_identification(signed_bb):
    with pikepdf.Pdf.open(io.BytesIO(signed_bb)) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2B"
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"


def test_stamp_is_small_and_top_right(signed_bb):
    with pikepdf.Pdf.open(io.BytesIO(signed_bb)) as pdf:
        page = pdf.pages[0]
        (annot,) = [a for a in page.Annots if a.Subtype == "/Widget"]
        x0, y0, x1, y1 = (float(v) for v in annot.Rect)
        width, height = (float(v) for v in page.MediaBox[2:])
        assert x1 > width * 0.9 and y1 > height * 0.95
        assert (x1 - x0) * (y1 - y0) < 0.03 * width * height
        assert int(annot.F) & 4  # printable, as PDF/A requires
        fonts = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary)
                 and o.get("/Type") == "/FontDescriptor"]
        assert fonts and all("/FontFile2" in f for f in fonts)


def test_untrusted_without_roots(signed_bb):
    assert verify_pdf(signed_bb, trust_roots=[]).verdict == "UNTRUSTED"


def _pdfsig(data: bytes, tmp_path) -> list[str]:
    path = tmp_path / "signed.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdfsig", "-nocert", str(path)], capture_output=True, text=True,
                         timeout=30).stdout
    return [line.strip() for line in out.splitlines()]


def test_pdfsig_agrees(signer, signed_bb, tmp_path):
    lines = _pdfsig(signed_bb, tmp_path)
    assert "- Signature Validation: Signature is Valid." in lines, lines
    assert "- Total document signed" in lines, lines
    resigned = _pdfsig(signer.sign_pdf(signed_bb), tmp_path)
    assert resigned.count("- Signature Validation: Signature is Valid.") == 2, resigned
    pos = signed_bb.index("Giấy chứng nhận".encode()) + 2
    tampered = signed_bb[:pos] + bytes([signed_bb[pos] ^ 1]) + signed_bb[pos + 1:]
    verdicts = [x for x in _pdfsig(tampered, tmp_path) if x.startswith("- Signature Validation")]
    assert verdicts and "Signature is Valid." not in verdicts[0], verdicts


def test_bt_has_trusted_timestamp(home, tsa_url, pdfa):
    signer = level_signer(home, tsa_url, "auto")
    assert signer.level == "b-t"
    report = signer.verify_pdf(signer.sign_pdf(pdfa))
    (sig,) = report.signatures
    assert report.verdict == "VALID", format_report(report)
    assert sig.timestamp and sig.timestamp_ok


def test_blta_embeds_revocation_and_doc_timestamp(home, tsa_url, pdfa):
    signer = level_signer(home, tsa_url, "b-lta")
    signed = signer.sign_pdf(pdfa)
    report = signer.verify_pdf(signed)
    assert report.verdict == "VALID", format_report(report)
    assert [s.kind for s in report.signatures] == ["signature", "doc-timestamp"]
    with pikepdf.Pdf.open(io.BytesIO(signed)) as pdf:
        assert len(pdf.Root.DSS.CRLs) >= 1 and len(pdf.Root.DSS.Certs) >= 2
        assert pdf.open_metadata().pdfa_status == "2B"


def test_higher_levels_need_a_tsa(home):
    from sohoa.models.settings import Settings
    from sohoa.signing import Signer
    with pytest.raises(SigningConfigError) as err:
        Signer.from_settings(Settings(home=home, signing={"level": "b-lt"}))
    assert err.value.code == "signing_config_invalid"


def test_resigning_keeps_first_signature_valid(signer, signed_bb):
    resigned = signer.sign_pdf(signed_bb, reason="Sửa sau kiểm tra")
    assert resigned.startswith(signed_bb)  # incremental update
    report = signer.verify_pdf(resigned)
    assert report.verdict == "VALID", format_report(report)
    first, second = report.signatures
    assert first.field_name == "Signature1" and second.field_name == "Signature2"
    assert first.modification_level in ALLOWED and first.coverage == "ENTIRE_REVISION"
    assert second.coverage == "ENTIRE_FILE"
    assert pikepdf.Pdf.open(io.BytesIO(resigned)).open_metadata().pdfa_status == "2B"


def test_resigning_lta_file(home, tsa_url, pdfa):
    signer = level_signer(home, tsa_url, "b-lta")
    twice = signer.sign_pdf(signer.sign_pdf(pdfa))
    report = signer.verify_pdf(twice)
    assert report.verdict == "VALID", format_report(report)
    assert all(s.modification_level in ALLOWED for s in report.signatures)


def test_resigned_stamp_does_not_overlap(signer, signed_bb):
    resigned = signer.sign_pdf(signed_bb)
    with pikepdf.Pdf.open(io.BytesIO(resigned)) as pdf:
        rects = [[float(v) for v in a.Rect] for a in pdf.pages[0].Annots
                 if a.Subtype == "/Widget"]
    (a, b) = rects
    assert b[3] <= a[1] or a[3] <= b[1]  # stacked vertically, no overlap
