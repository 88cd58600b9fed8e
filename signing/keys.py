"""Key material: a PKCS#12 file from the agency, or the local development CA.

The passphrase is never logged.  Every failure to obtain a usable key ends in
``SigningKeyError`` with a message that says what to fix.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from sohoa.models.errors import SigningKeyError

log = logging.getLogger(__name__)


@dataclass
class KeyMaterial:
    """A private key, its certificate, the chain above it and known CRLs (DER)."""

    key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey
    cert: x509.Certificate
    chain: list[x509.Certificate] = field(default_factory=list)
    crls: list[bytes] = field(default_factory=list)
    trust_roots: list[x509.Certificate] = field(default_factory=list)
    development: bool = False
    folder: Path | None = None  # development PKI folder (for CRL refresh)

    @property
    def subject(self) -> str:
        return self.cert.subject.rfc4514_string()


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def check_validity(cert: x509.Certificate, now: dt.datetime | None = None) -> None:
    """Raise ``SigningKeyError`` unless ``cert`` is within its validity period."""
    now = now or _utcnow()
    subject = cert.subject.rfc4514_string()
    if cert.not_valid_after_utc < now:
        raise SigningKeyError(
            f"signing certificate '{subject}' expired on "
            f"{cert.not_valid_after_utc:%Y-%m-%d}; install a renewed PKCS#12 file",
            reason="expired",
        )
    if cert.not_valid_before_utc > now:
        raise SigningKeyError(
            f"signing certificate '{subject}' is not valid before "
            f"{cert.not_valid_before_utc:%Y-%m-%d}",
            reason="not_yet_valid",
        )


def _is_self_signed(cert: x509.Certificate) -> bool:
    if cert.issuer != cert.subject:
        return False
    try:
        cert.verify_directly_issued_by(cert)
    except Exception:  # noqa: BLE001 - any failure means "not self-signed"
        return False
    return True


def load_p12(path: Path, passphrase: str | None) -> KeyMaterial:
    """Load a PKCS#12 file; the chain's self-signed certificates become trust roots."""
    path = Path(path)
    if not path.is_file():
        raise SigningKeyError(f"signing key file not found: {path}", reason="missing_file")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningKeyError(f"cannot read signing key file {path}: {exc.strerror}",
                              reason="unreadable") from None
    secret = passphrase.encode("utf-8") if passphrase else None
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, secret)
    except ValueError:
        raise SigningKeyError(
            f"cannot open signing key file {path}: wrong passphrase or not a PKCS#12 file",
            reason="wrong_passphrase",
        ) from None
    if key is None or cert is None:
        raise SigningKeyError(f"signing key file {path} holds no private key and certificate",
                              reason="incomplete")
    if not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
        raise SigningKeyError(f"unsupported key type in {path}: use RSA or ECDSA",
                              reason="key_type")
    check_validity(cert)
    chain = [c for c in extra or [] if c != cert]
    roots = [c for c in chain if _is_self_signed(c)]
    log.info("loaded signing key for %s from %s", cert.subject.rfc4514_string(), path)
    return KeyMaterial(key=key, cert=cert, chain=chain, trust_roots=roots)


def load_cert_file(path: Path) -> list[x509.Certificate]:
    """Certificates from a PEM (one or more) or DER file."""
    data = Path(path).read_bytes()
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_certificates(data)
    return [x509.load_der_x509_certificate(data)]


def der(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.DER)


def key_der(key) -> bytes:
    return key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())
