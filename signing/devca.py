"""Local development PKI: a "DEVELOPMENT" root CA and a seal certificate.

Created on first use under ``settings.dev_ca_dir`` (directory 0700, files 0600)
and reused afterwards.  The CA also issues a CRL so B-LT/B-LTA signatures can
embed revocation information without any network.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
from contextlib import contextmanager
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from sohoa.models.errors import SigningKeyError

from .keys import KeyMaterial, check_validity

log = logging.getLogger(__name__)

CA_KEY, CA_CERT, SEAL_KEY, SEAL_CERT, CA_CRL = (
    "ca-key.pem", "ca-cert.pem", "seal-key.pem", "seal-cert.pem", "ca-crl.der")
CRL_URL = "http://127.0.0.1/sohoa-dev-ca.crl"  # never fetched: the CRL ships locally
ORG = "SOHOA DEVELOPMENT - NOT FOR PRODUCTION"


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORG),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(path, 0o600)


def _pem_key(key) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def _pem_cert(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def issue_cert(ca_key, ca_cert: x509.Certificate | None, common_name: str, *,
               is_ca: bool = False, days: int = 3 * 365, eku=None,
               not_before: dt.datetime | None = None, key=None):
    """Issue a certificate (self-signed when ``ca_cert`` is None); returns (key, cert)."""
    key = key or rsa.generate_private_key(public_exponent=65537, key_size=2048)
    start = not_before or _now() - dt.timedelta(minutes=5)
    subject = _name(common_name)
    issuer = ca_cert.subject if ca_cert is not None else subject
    signer_key = ca_key if ca_cert is not None else key
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(start).not_valid_after(start + dt.timedelta(days=days))
               .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                              critical=False))
    if ca_cert is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False)
    builder = builder.add_extension(_key_usage(is_ca), critical=True)
    if not is_ca:
        builder = builder.add_extension(x509.CRLDistributionPoints([x509.DistributionPoint(
            [x509.UniformResourceIdentifier(CRL_URL)], None, None, None)]), critical=False)
    if eku:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku),
                                        critical=eku == [ExtendedKeyUsageOID.TIME_STAMPING])
    return key, builder.sign(signer_key, hashes.SHA256())


def _key_usage(is_ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not is_ca, content_commitment=not is_ca, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=is_ca, crl_sign=is_ca,
        encipher_only=False, decipher_only=False)


def make_crl(ca_key, ca_cert: x509.Certificate, days: int = 30) -> bytes:
    now = _now()
    crl = (x509.CertificateRevocationListBuilder().issuer_name(ca_cert.subject)
           .last_update(now - dt.timedelta(minutes=5)).next_update(now + dt.timedelta(days=days))
           .add_extension(x509.CRLNumber(int(now.timestamp())), critical=False)
           .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
               ca_key.public_key()), critical=False)
           .sign(ca_key, hashes.SHA256()))
    return crl.public_bytes(serialization.Encoding.DER)


def _create(folder: Path) -> None:
    log.warning("creating a DEVELOPMENT signing CA under %s (not for production)", folder)
    ca_key, ca_cert = issue_cert(None, None, "SOHOA DEVELOPMENT Root CA", is_ca=True,
                                 days=10 * 365)
    seal_key, seal_cert = issue_cert(ca_key, ca_cert, "SOHOA DEVELOPMENT Seal")
    _write_private(folder / CA_KEY, _pem_key(ca_key))
    _write_private(folder / CA_CERT, _pem_cert(ca_cert))
    _write_private(folder / SEAL_KEY, _pem_key(seal_key))
    _write_private(folder / SEAL_CERT, _pem_cert(seal_cert))
    _write_private(folder / CA_CRL, make_crl(ca_key, ca_cert))


def load_ca(folder: Path):
    """The development CA's (key, cert)."""
    key = serialization.load_pem_private_key((folder / CA_KEY).read_bytes(), None)
    return key, x509.load_pem_x509_certificate((folder / CA_CERT).read_bytes())


def _fresh_crl(folder: Path, ca_key, ca_cert) -> bytes:
    crl_der = (folder / CA_CRL).read_bytes()
    crl = x509.load_der_x509_crl(crl_der)
    if crl.next_update_utc is None or crl.next_update_utc < _now() + dt.timedelta(days=1):
        crl_der = make_crl(ca_key, ca_cert)
        _write_private(folder / CA_CRL, crl_der)
    return crl_der


@contextmanager
def _locked(folder: Path):
    fd = os.open(folder / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def ensure_dev_pki(folder: Path) -> KeyMaterial:
    """Load the development PKI from ``folder``, creating it on first run."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        os.chmod(folder, 0o700)
        with _locked(folder):  # API and worker processes may start together
            if not (folder / SEAL_CERT).exists():
                _create(folder)
            ca_key, ca_cert = load_ca(folder)
            key = serialization.load_pem_private_key((folder / SEAL_KEY).read_bytes(), None)
            cert = x509.load_pem_x509_certificate((folder / SEAL_CERT).read_bytes())
            crl = _fresh_crl(folder, ca_key, ca_cert)
    except (OSError, ValueError) as exc:
        raise SigningKeyError(f"development PKI under {folder} is unusable: {exc}",
                              reason="dev_pki") from None
    if key.public_key() != cert.public_key():
        raise SigningKeyError(f"{folder / SEAL_KEY} does not match {folder / SEAL_CERT}; "
                              "delete the development PKI folder to recreate it",
                              reason="dev_pki")
    check_validity(cert)
    return KeyMaterial(key=key, cert=cert, chain=[ca_cert], crls=[crl],
                       trust_roots=[ca_cert], development=True, folder=folder)


def refresh_crl(material: KeyMaterial) -> None:
    """Re-issue the development CRL if it is about to expire (long-running processes)."""
    if not material.development or material.folder is None:
        return
    if material.crls:
        next_update = x509.load_der_x509_crl(material.crls[0]).next_update_utc
        if next_update is not None and next_update > _now() + dt.timedelta(days=1):
            return
    with _locked(material.folder):
        ca_key, ca_cert = load_ca(material.folder)
        material.crls = [_fresh_crl(material.folder, ca_key, ca_cert)]
