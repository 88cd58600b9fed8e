"""Signing: PAdES signatures on PDF/A results, JWS signatures on JSON data.

Public API::

    signer = Signer.from_settings(settings)       # loads or creates keys once
    signed = signer.sign_pdf(pdf_bytes, reason="...")
    report = verify_pdf(signed, trust_roots=None)  # VerificationReport
    print(format_report(report))
    sig = signer.sign_json(obj); verify_json(obj, sig)

Only this package imports pyhanko.
"""
from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path

from sohoa.models.settings import Settings

from .jsonsig import JsonVerification, canonical_json, verify_json
from .jsonsig import sign_json as _sign_json
from .keys import KeyMaterial, load_p12
from .pdf import SigningConfigError, SigningInputError, resolve_level, sign_pdf_bytes
from .report import SignatureReport, VerificationReport, format_report
from .verify import default_trust_roots, verify_pdf

log = logging.getLogger(__name__)
_CACHE: dict[tuple, "Signer"] = {}
_CACHE_LOCK = threading.Lock()

__all__ = [
    "Signer", "sign_json", "verify_json", "verify_pdf", "format_report", "canonical_json",
    "VerificationReport", "SignatureReport", "JsonVerification", "default_trust_roots",
    "SigningConfigError", "SigningInputError",
]


class Signer:
    """Holds the key material and signing options; create once, reuse."""

    def __init__(self, material: KeyMaterial, *, agency_name: str, level: str = "auto",
                 tsa_url: str | None = None, seal_image: Path | None = None):
        self.material = material
        self.agency_name = agency_name
        self.tsa_url = tsa_url
        self.level = resolve_level(level, tsa_url)
        self.seal_image = seal_image
        self._timestamper = None
        self._pyhanko_signer = None

    @classmethod
    def from_settings(cls, settings: Settings, *, cached: bool = True) -> "Signer":
        """Signer for ``settings``; keys are loaded (or the dev PKI created) once per
        process and configuration, unless ``cached=False``."""
        key = _cache_key(settings)
        with _CACHE_LOCK:
            if cached and key in _CACHE:
                return _CACHE[key]
            signer = cls._build(settings)
            _CACHE[key] = signer
            return signer

    @classmethod
    def _build(cls, settings: Settings) -> "Signer":
        cfg = settings.signing
        if cfg.p12_path is not None:
            material = load_p12(cfg.p12_path, cfg.p12_passphrase)
        else:
            from .devca import ensure_dev_pki
            material = ensure_dev_pki(settings.dev_ca_dir)
        return cls(material, agency_name=cfg.agency_name, level=cfg.level,
                   tsa_url=cfg.tsa_url, seal_image=cfg.seal_image)

    @property
    def trust_roots(self):
        return list(self.material.trust_roots)

    def _parts(self):
        if self._pyhanko_signer is None:
            from .pdf import pyhanko_signer
            self._pyhanko_signer = pyhanko_signer(self.material)
        if self._timestamper is None and self.tsa_url:
            from pyhanko.sign.timestamps import HTTPTimeStamper
            self._timestamper = HTTPTimeStamper(self.tsa_url, timeout=10)
        return self._pyhanko_signer, self._timestamper

    def sign_pdf(self, pdf: bytes, *, reason: str | None = None,
                 level: str | None = None) -> bytes:
        """Sign ``pdf`` (a new incremental revision if it is already signed)."""
        signer, timestamper = self._parts()
        chosen = resolve_level(level, self.tsa_url) if level else self.level
        if chosen in ("b-lt", "b-lta") and self.material.development:
            from .devca import refresh_crl
            refresh_crl(self.material)
        return sign_pdf_bytes(pdf, self.material, level=chosen, agency_name=self.agency_name,
                              seal_image=self.seal_image, timestamper=timestamper,
                              reason=reason, signer=signer)

    def verify_pdf(self, data: bytes) -> VerificationReport:
        return verify_pdf(data, trust_roots=self.trust_roots)

    def sign_json(self, obj) -> dict:
        return _sign_json(obj, self.material)

    def verify_json(self, obj, signature: dict) -> JsonVerification:
        return verify_json(obj, signature, trust_roots=self.trust_roots)


def _cache_key(settings: Settings) -> tuple:
    cfg = settings.signing
    p12 = Path(cfg.p12_path).resolve() if cfg.p12_path else None
    mtime = p12.stat().st_mtime_ns if p12 and p12.exists() else None
    secret = hashlib.sha256((cfg.p12_passphrase or "").encode()).hexdigest()
    return (p12, mtime, secret, Path(settings.dev_ca_dir).resolve(), cfg.agency_name,
            cfg.level, cfg.tsa_url, str(cfg.seal_image))


def sign_json(obj, signer: Signer | None = None, settings: Settings | None = None) -> dict:
    """Detached JWS over the canonical JSON form, with the signer's key."""
    signer = signer or Signer.from_settings(settings or Settings())
    return signer.sign_json(obj)
