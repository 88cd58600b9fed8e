"""Detached JWS over canonical JSON."""
from __future__ import annotations

import copy
import unicodedata

from sohoa.signing import canonical_json, verify_json

RECORD = {"so_dinh_danh": "001099012345", "ho_ten": "Nguyễn Văn A",
          "dia_chi": {"tinh": "Hà Nội", "xa": "Phường Hoàn Kiếm"}, "so_trang": 2}


def test_canonical_form():
    decomposed = {"b": 1, "a": unicodedata.normalize("NFD", "Nguyễn")}
    assert canonical_json(decomposed) == '{"a":"Nguyễn","b":1}'.encode()


def test_round_trip(signer):
    sig = signer.sign_json(RECORD)
    assert sig["jws"].count(".") == 2 and ".." in sig["jws"]
    assert len(sig["x5c"]) == 2
    result = signer.verify_json(RECORD, sig)
    assert result and result.valid and result.trusted
    reordered = {k: RECORD[k] for k in reversed(list(RECORD))}
    assert signer.verify_json(reordered, sig)  # key order does not matter


def test_nfd_input_still_verifies(signer):
    sig = signer.sign_json(RECORD)
    nfd = copy.deepcopy(RECORD)
    nfd["ho_ten"] = unicodedata.normalize("NFD", nfd["ho_ten"])
    assert signer.verify_json(nfd, sig)


def test_tampered_data_and_signature(signer):
    sig = signer.sign_json(RECORD)
    changed = dict(RECORD, so_trang=3)
    result = signer.verify_json(changed, sig)
    assert not result and not result.valid
    head, _, value = sig["jws"].split(".")
    bad = dict(sig, jws=f"{head}..{'A' if value[0] != 'A' else 'B'}{value[1:]}")
    assert not signer.verify_json(RECORD, bad)
    assert not signer.verify_json(RECORD, {"jws": "garbage"})
    assert not signer.verify_json(RECORD, {})


def test_untrusted_roots(signer):
    result = verify_json(RECORD, signer.sign_json(RECORD), trust_roots=[])
    assert result.valid and not result.trusted and not result
