"""One changed byte or a damaged signature gives INVALID, never an exception."""
from __future__ import annotations

import re

import pytest

from sohoa.signing import verify_pdf


def _flip(data: bytes, pos: int) -> bytes:
    return data[:pos] + bytes([data[pos] ^ 0x01]) + data[pos + 1:]


def _contents_span(data: bytes) -> tuple[int, int]:
    match = re.search(rb"/Contents\s*<([0-9a-fA-F]+)>", data)
    return match.start(1), match.end(1)


def test_one_byte_in_signed_text(signer, signed_bb):
    pos = signed_bb.index("Giấy chứng nhận".encode()) + 2
    report = signer.verify_pdf(_flip(signed_bb, pos))
    assert report.verdict.startswith("INVALID"), report.verdict
    assert not report.signatures[0].integrity_ok


@pytest.mark.parametrize("fraction", [0.05, 0.3, 0.6, 0.97])
def test_one_byte_anywhere_in_signed_ranges(signer, signed_bb, fraction):
    start, end = _contents_span(signed_bb)
    pos = int(len(signed_bb) * fraction)
    if start - 1 <= pos <= end:
        pos = end + 10
    assert signer.verify_pdf(_flip(signed_bb, pos)).verdict.startswith("INVALID")


def _signature_value_pos(data: bytes) -> int:
    from asn1crypto import cms
    start, end = _contents_span(data)
    info = cms.ContentInfo.load(bytes.fromhex(data[start:end].decode()).rstrip(b"\0"))
    value = info["content"]["signer_infos"][0]["signature"].native.hex().encode()
    return data.lower().index(value, start) + len(value) // 2


def _replace_hex_digit(data: bytes, pos: int) -> bytes:
    digit = b"0" if data[pos:pos + 1] not in (b"0",) else b"1"
    return data[:pos] + digit + data[pos + 1:]


def test_corrupted_signature_value(signer, signed_bb):
    damaged = _replace_hex_digit(signed_bb, _signature_value_pos(signed_bb))
    report = signer.verify_pdf(damaged)
    assert report.verdict.startswith("INVALID"), report.verdict
    assert not report.signatures[0].integrity_ok


@pytest.mark.parametrize("offset", [0, 1, 3, 7])
def test_corrupted_cms_structure(signer, signed_bb, offset):
    start, _ = _contents_span(signed_bb)
    damaged = _replace_hex_digit(signed_bb, start + offset)
    assert signer.verify_pdf(damaged).verdict.startswith("INVALID")


def test_zeroed_signature(signer, signed_bb):
    start, end = _contents_span(signed_bb)
    damaged = signed_bb[:start] + b"0" * (end - start) + signed_bb[end:]
    assert signer.verify_pdf(damaged).verdict.startswith("INVALID")


def test_garbage_and_unsigned_inputs(signer, pdfa, signed_bb):
    assert verify_pdf(b"not a pdf", trust_roots=[]).verdict.startswith("INVALID")
    assert verify_pdf(signed_bb[: len(signed_bb) // 2], trust_roots=[]).verdict.startswith(
        "INVALID")
    assert signer.verify_pdf(pdfa).verdict == "INVALID: no signatures"
