"""PAdES signing of PDF/A results (B-B, B-T, B-LT, B-LTA) by incremental update."""
from __future__ import annotations

import logging
from io import BytesIO

from asn1crypto import keys as akeys
from asn1crypto import x509 as ax509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter
from pyhanko.sign.general import get_pyca_cryptography_hash
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from sohoa.models.errors import SigningError

from .blocking import run_blocking
from .keys import KeyMaterial, der, key_der
from .stamp import signed_at_text, stamp_box, stamp_style

log = logging.getLogger(__name__)


class _NoFetchWarningFilter(logging.Filter):
    """Drop pyhanko's per-signature warning that fetching is off (it is on purpose)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "fetching is not allowed" not in record.getMessage()


logging.getLogger("pyhanko.sign.signers.pdf_signer").addFilter(_NoFetchWarningFilter())
LEVELS = ("auto", "b-b", "b-t", "b-lt", "b-lta")


class SigningConfigError(SigningError):
    code = "signing_config_invalid"


class SigningInputError(SigningError):
    code = "signing_input_invalid"
    http_status = 422


def resolve_level(level: str, tsa_url: str | None) -> str:
    """``auto`` is B-T with a TSA and B-B without; higher levels need a TSA."""
    level = (level or "auto").lower()
    if level not in LEVELS:
        raise SigningConfigError(f"unknown signing level {level!r}; use one of {LEVELS}")
    if level == "auto":
        return "b-t" if tsa_url else "b-b"
    if level != "b-b" and not tsa_url:
        raise SigningConfigError(f"signing level {level.upper()} needs a timestamp "
                                 "authority: set SOHOA_SIGNING__TSA_URL")
    return level


class _LoadedKeySigner(signers.SimpleSigner):
    """SimpleSigner that reuses the parsed key (pyhanko re-parses it per signature)."""

    def __init__(self, material: KeyMaterial):
        certs = [ax509.Certificate.load(der(c)) for c in material.chain]
        super().__init__(signing_cert=ax509.Certificate.load(der(material.cert)),
                         signing_key=akeys.PrivateKeyInfo.load(key_der(material.key)),
                         cert_registry=SimpleCertificateStore.from_certs(certs))
        self._key = material.key

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, PKCS1v15(), hash_algo)
        if mechanism == "ecdsa" and isinstance(self._key, ec.EllipticCurvePrivateKey):
            return self._key.sign(data, ec.ECDSA(hash_algo))
        return super().sign_raw(data, digest_algorithm)


def pyhanko_signer(material: KeyMaterial) -> signers.SimpleSigner:
    return _LoadedKeySigner(material)


def validation_context(material: KeyMaterial) -> ValidationContext:
    """Context used to collect revocation info for B-LT/B-LTA.

    The development CA's CRL ships locally (no network); agency certificates
    are checked online against their CA's OCSP/CRL.
    """
    return ValidationContext(
        trust_roots=[ax509.Certificate.load(der(c)) for c in material.trust_roots],
        other_certs=[ax509.Certificate.load(der(c)) for c in material.chain],
        crls=list(material.crls), allow_fetching=not material.development,
        revocation_mode="hard-fail")


def _existing_fields(writer) -> tuple[set[str], int]:
    """Names of existing signature fields and how many have a visible widget."""
    names, visible = set(), 0
    for name, _, ref in fields.enumerate_sig_fields(writer):
        names.add(name)
        rect = ref.get_object().get("/Rect")
        if rect is not None and abs(float(rect[2]) - float(rect[0])) > 1:
            visible += 1
    return names, visible


def _next_field_name(taken: set[str]) -> str:
    n = 1
    while f"Signature{n}" in taken:
        n += 1
    return f"Signature{n}"


def _open(pdf: bytes) -> IncrementalPdfFileWriter:
    if not pdf.lstrip()[:5].startswith(b"%PDF-"):
        raise SigningInputError("input is not a PDF file")
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    except Exception as exc:  # noqa: BLE001 - pyhanko raises many types on bad input
        raise SigningInputError(f"cannot parse PDF for signing: {exc}") from None
    if writer.prev.encrypted:
        raise SigningInputError("encrypted PDFs cannot be signed")
    return writer


def _inherited(page, key: str):
    """A page attribute, looked up through the page tree (/CropBox, /MediaBox)."""
    node = page
    while node is not None:
        if key in node:
            return node[key]
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    return None


def _add_field(writer) -> str:
    taken, visible_stamps = _existing_fields(writer)
    name = _next_field_name(taken)
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    while "/Kids" in page:  # nested page tree
        page = page["/Kids"][0].get_object()
    box = _inherited(page, "/CropBox") or _inherited(page, "/MediaBox")
    visible = [float(v) for v in box.get_object()] if box is not None else [0, 0, 595, 842]
    fields.append_signature_field(writer, SigFieldSpec(name, on_page=0, box=stamp_box(visible, visible_stamps)))
    return name


def sign_pdf_bytes(pdf: bytes, material: KeyMaterial, *, level: str, agency_name: str,
                   seal_image=None, timestamper: HTTPTimeStamper | None = None,
                   reason: str | None = None, signer=None) -> bytes:
    writer = _open(pdf)
    name = _add_field(writer)
    long_term = level in ("b-lt", "b-lta")
    meta = signers.PdfSignatureMetadata(
        field_name=name, md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES,
        reason=reason, name=agency_name, embed_validation_info=long_term,
        use_pades_lta=level == "b-lta",
        validation_context=validation_context(material) if long_term else None)
    pdf_signer = signers.PdfSigner(
        meta, signer=signer or pyhanko_signer(material),
        timestamper=timestamper if level != "b-b" else None,
        stamp_style=stamp_style(agency_name, seal_image))
    out = BytesIO()
    try:
        run_blocking(lambda: pdf_signer.sign_pdf(
            writer, output=out, appearance_text_params={"signed_at": signed_at_text()}))
    except SigningError:
        raise
    except Exception as exc:  # noqa: BLE001 - TSA/network/revocation failures
        log.error("PDF signing failed at level %s: %s", level, exc)
        raise SigningError(f"PDF signing failed at level {level.upper()}: {exc}",
                           level=level) from exc
    log.info("signed PDF field %s at level %s", name, level)
    return out.getvalue()
