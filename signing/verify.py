"""Verify the signatures in a PDF offline; never raises on a corrupt file."""
from __future__ import annotations

import logging
from io import BytesIO
from pathlib import Path

from asn1crypto import x509 as ax509
from cryptography import x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko_certvalidator import ValidationContext

from .blocking import run_blocking
from .keys import der, load_cert_file
from .report import SignatureReport, VerificationReport, verdict_for

log = logging.getLogger(__name__)


def default_trust_roots(settings=None) -> list[x509.Certificate]:
    """The development CA (if it exists) and the roots in the configured PKCS#12 file."""
    from sohoa.models.settings import Settings

    from .devca import CA_CERT
    from .keys import load_p12
    settings = settings or Settings()
    roots = []
    ca_file = settings.dev_ca_dir / CA_CERT
    if ca_file.is_file():
        roots += load_cert_file(ca_file)
    cfg = settings.signing
    if cfg.p12_path is not None:
        try:
            roots += load_p12(cfg.p12_path, cfg.p12_passphrase).trust_roots
        except Exception as exc:  # noqa: BLE001 - verification must still run
            log.warning("cannot read trust roots from the PKCS#12 file: %s", exc)
    return roots


def _to_asn1(root) -> ax509.Certificate:
    if isinstance(root, ax509.Certificate):
        return root
    if isinstance(root, x509.Certificate):
        return ax509.Certificate.load(der(root))
    if isinstance(root, (str, Path)):
        return ax509.Certificate.load(der(load_cert_file(Path(root))[0]))
    if isinstance(root, bytes):
        if b"-----BEGIN" in root:
            root = der(x509.load_pem_x509_certificate(root))
        return ax509.Certificate.load(root)
    raise TypeError(f"unsupported trust root type {type(root).__name__}")


def _context(reader: PdfFileReader, roots: list) -> ValidationContext:
    kwargs = dict(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except Exception:  # noqa: BLE001 - no DSS (B-B/B-T) or an unreadable one
        return ValidationContext(**kwargs)
    return dss.as_validation_context(kwargs)


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _name(value) -> str | None:
    return value.name if value is not None else None


def _fill(rep: SignatureReport, status) -> None:
    rep.signer = status.signing_cert.subject.human_friendly
    rep.integrity_ok = bool(status.intact and status.valid)
    rep.trust_ok = bool(status.trusted)
    rep.modification_level = _name(status.modification_level)
    rep.coverage = _name(status.coverage)
    if rep.kind == "doc-timestamp":
        rep.timestamp, rep.timestamp_ok = _iso(status.timestamp), rep.integrity_ok
        return
    rep.signing_time = _iso(status.signer_reported_dt)
    ts = status.timestamp_validity
    if ts is not None:
        rep.timestamp, rep.timestamp_ok = _iso(ts.timestamp), bool(ts.intact and ts.valid)
    if status.docmdp_ok is False:
        rep.modification_level = "OTHER"


def _check_one(sig, vc_factory) -> SignatureReport:
    kind = "doc-timestamp" if sig.sig_object_type == "/DocTimeStamp" else "signature"
    rep = SignatureReport(field_name=str(sig.field_name), kind=kind)
    try:
        rep.reason = str(sig.sig_object["/Reason"]) if "/Reason" in sig.sig_object else None
        if kind == "doc-timestamp":
            status = run_blocking(lambda: validate_pdf_timestamp(sig, validation_context=vc_factory()))
        else:
            status = run_blocking(lambda: validate_pdf_signature(sig, vc_factory(), vc_factory()))
        _fill(rep, status)
        rep.verdict = verdict_for(rep)
    except Exception as exc:  # noqa: BLE001 - corrupt signatures raise many types
        log.info("signature %s could not be validated: %r", rep.field_name, exc)
        rep.integrity_ok = False
        rep.verdict = f"INVALID: signature cannot be validated ({type(exc).__name__})"
    return rep


def verify_pdf(data: bytes, trust_roots=None) -> VerificationReport:
    """Check every signature and document timestamp in ``data``.

    ``trust_roots``: certificates (cryptography/asn1crypto objects, PEM/DER bytes
    or file paths); ``None`` means :func:`default_trust_roots`.
    """
    try:
        roots = [_to_asn1(r) for r in (default_trust_roots() if trust_roots is None
                                       else trust_roots)]
        reader = PdfFileReader(BytesIO(data), strict=False)
        sigs = list(reader.embedded_signatures)
    except Exception as exc:  # noqa: BLE001
        log.info("PDF could not be read for verification: %r", exc)
        return VerificationReport(error=f"unreadable PDF or signature dictionary "
                                        f"({type(exc).__name__})")
    report = VerificationReport()
    for sig in sigs:
        report.signatures.append(_check_one(sig, lambda: _context(reader, roots)))
    return report
