"""Detached JWS (RFC 7515 appendix F) over canonical JSON, certificate chain in ``x5c``.

Canonical form: NFC-normalized strings (keys too), sorted keys, no whitespace,
UTF-8.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import unicodedata
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (decode_dss_signature,
                                                             encode_dss_signature)

from .keys import KeyMaterial, der

log = logging.getLogger(__name__)


def _nfc(obj):
    if isinstance(obj, str):
        return unicodedata.normalize("NFC", obj)
    if isinstance(obj, dict):
        return {_nfc(str(k)): _nfc(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_nfc(v) for v in obj]
    return obj


def canonical_json(obj) -> bytes:
    return json.dumps(_nfc(obj), sort_keys=True, separators=(",", ":"),
                      ensure_ascii=False, allow_nan=False).encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(key, data: bytes) -> tuple[str, bytes]:
    if isinstance(key, rsa.RSAPrivateKey):
        return "RS256", key.sign(data, padding.PKCS1v15(), hashes.SHA256())
    r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
    size = (key.curve.key_size + 7) // 8
    return "ES256", r.to_bytes(size, "big") + s.to_bytes(size, "big")


def _alg_for(key) -> str:
    return "RS256" if isinstance(key, rsa.RSAPrivateKey) else "ES256"


def sign_json(obj, material: KeyMaterial) -> dict:
    """``{"jws": "<header>..<signature>", "alg", "x5c", "kid"}`` (payload detached)."""
    chain = [material.cert] + list(material.chain)
    header = {"alg": _alg_for(material.key), "typ": "JOSE",
              "x5c": [base64.b64encode(der(c)).decode("ascii") for c in chain],
              "iat": int(dt.datetime.now(dt.timezone.utc).timestamp())}
    protected = _b64(json.dumps(header, sort_keys=True, separators=(",", ":")).encode())
    alg, sig = _sign(material.key, f"{protected}.{_b64(canonical_json(obj))}".encode())
    return {"jws": f"{protected}..{_b64(sig)}", "alg": alg, "x5c": header["x5c"],
            "signer": material.cert.subject.rfc4514_string()}


@dataclass
class JsonVerification:
    valid: bool
    trusted: bool = False
    signer: str | None = None
    reason: str | None = None

    def __bool__(self) -> bool:
        return self.valid and self.trusted

    def to_dict(self) -> dict:
        return {"valid": self.valid, "trusted": self.trusted, "signer": self.signer,
                "reason": self.reason}


def _check_signature(pub, alg: str, data: bytes, sig: bytes) -> None:
    if alg == "RS256" and isinstance(pub, rsa.RSAPublicKey):
        pub.verify(sig, data, padding.PKCS1v15(), hashes.SHA256())
    elif alg == "ES256" and isinstance(pub, ec.EllipticCurvePublicKey):
        half = len(sig) // 2
        der_sig = encode_dss_signature(int.from_bytes(sig[:half], "big"),
                                       int.from_bytes(sig[half:], "big"))
        pub.verify(der_sig, data, ec.ECDSA(hashes.SHA256()))
    else:
        raise InvalidSignature(f"algorithm {alg} does not match the key")


def _chain_trusted(chain: list[x509.Certificate], roots: list[x509.Certificate]) -> bool:
    now = dt.datetime.now(dt.timezone.utc)
    for cert in chain:
        if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
            return False
    for child, parent in zip(chain, chain[1:]):
        child.verify_directly_issued_by(parent)
    last = chain[-1]
    for root in roots:
        if root == last:
            return True
        try:
            last.verify_directly_issued_by(root)
            return True
        except (ValueError, TypeError, InvalidSignature):
            continue
    return False


def verify_json(obj, signature: dict, trust_roots=None) -> JsonVerification:
    """Check a :func:`sign_json` signature; truthy only if valid and trusted."""
    try:
        protected, payload, sig = signature["jws"].split(".")
        header = json.loads(_unb64(protected))
        chain = [x509.load_der_x509_certificate(base64.b64decode(c)) for c in header["x5c"]]
        signing_input = f"{protected}.{_b64(canonical_json(obj))}".encode()
        if payload and payload != _b64(canonical_json(obj)):
            return JsonVerification(False, reason="payload does not match the object")
        _check_signature(chain[0].public_key(), header["alg"], signing_input, _unb64(sig))
    except InvalidSignature:
        return JsonVerification(False, reason="signature does not match the data")
    except Exception as exc:  # noqa: BLE001 - malformed signature objects
        return JsonVerification(False, reason=f"malformed signature ({type(exc).__name__})")
    signer = chain[0].subject.rfc4514_string()
    roots = _roots(trust_roots)
    try:
        trusted = _chain_trusted(chain, roots)
    except (ValueError, TypeError, InvalidSignature):
        trusted = False
    return JsonVerification(True, trusted, signer, None if trusted else "untrusted chain")


def _roots(trust_roots) -> list[x509.Certificate]:
    from .verify import default_trust_roots
    roots = default_trust_roots() if trust_roots is None else trust_roots
    out = []
    for root in roots:
        if isinstance(root, x509.Certificate):
            out.append(root)
        elif isinstance(root, bytes):
            out.append(x509.load_pem_x509_certificate(root) if b"-----BEGIN" in root
                       else x509.load_der_x509_certificate(root))
        else:
            from .keys import load_cert_file
            out.extend(load_cert_file(root))
    return out
