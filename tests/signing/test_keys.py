"""Key loading: PKCS#12 files, the development PKI, and clear SigningKeyError messages."""
from __future__ import annotations

import logging
import stat

import pytest

from sohoa.models.errors import SigningKeyError
from sohoa.models.settings import Settings
from sohoa.signing import Signer, format_report

from .fixtures import write_p12

SECRET = "mật-khẩu-Bí-Mật-42"


def _p12_settings(tmp_path, path, passphrase=SECRET) -> Settings:
    return Settings(home=tmp_path, signing={"p12_path": path, "p12_passphrase": passphrase})


def test_dev_pki_is_private_and_reused(settings, signer):
    folder = settings.dev_ca_dir
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = list(folder.iterdir())
    assert len(files) >= 4
    assert all(stat.S_IMODE(f.stat().st_mode) == 0o600 for f in files)
    again = Signer.from_settings(settings)
    assert again.material.cert == signer.material.cert
    assert "DEVELOPMENT" in signer.material.subject


def test_p12_signs_and_verifies(tmp_path, pdfa):
    path = write_p12(tmp_path / "agency.p12", passphrase=SECRET)
    signer = Signer.from_settings(_p12_settings(tmp_path, path))
    report = signer.verify_pdf(signer.sign_pdf(pdfa))
    assert report.verdict == "VALID", format_report(report)
    assert "Test Agency Seal" in report.signatures[0].signer


def test_wrong_passphrase(tmp_path, caplog):
    path = write_p12(tmp_path / "agency.p12", passphrase=SECRET)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(SigningKeyError) as err:
        Signer.from_settings(_p12_settings(tmp_path, path, "sai-mat-khau"))
    assert err.value.code == "signing_key_invalid"
    assert "wrong passphrase" in err.value.message
    assert "sai-mat-khau" not in err.value.message and "sai-mat-khau" not in caplog.text
    assert SECRET not in caplog.text


def test_expired_certificate(tmp_path):
    path = write_p12(tmp_path / "old.p12", passphrase=SECRET, expired=True)
    with pytest.raises(SigningKeyError, match="expired"):
        Signer.from_settings(_p12_settings(tmp_path, path))


def test_missing_key_file(tmp_path):
    with pytest.raises(SigningKeyError, match="not found"):
        Signer.from_settings(_p12_settings(tmp_path, tmp_path / "nope.p12"))


def test_not_a_p12_file(tmp_path):
    path = tmp_path / "junk.p12"
    path.write_bytes(b"junk")
    with pytest.raises(SigningKeyError):
        Signer.from_settings(_p12_settings(tmp_path, path))


def test_passphrase_not_in_settings_repr(tmp_path):
    assert SECRET not in repr(_p12_settings(tmp_path, tmp_path / "x.p12"))


def test_dev_pki_created_once_under_concurrency(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from sohoa.signing.devca import ensure_dev_pki
    with ThreadPoolExecutor(4) as pool:
        certs = list(pool.map(lambda _: ensure_dev_pki(tmp_path / "pki").cert, range(4)))
    assert len(set(certs)) == 1


def test_stale_dev_crl_is_reissued(tmp_path):
    import datetime as dt

    from cryptography import x509

    from sohoa.signing.devca import CA_CRL, ensure_dev_pki, load_ca, make_crl, refresh_crl
    material = ensure_dev_pki(tmp_path / "pki")
    ca_key, ca_cert = load_ca(tmp_path / "pki")
    stale = make_crl(ca_key, ca_cert, days=0)
    (tmp_path / "pki" / CA_CRL).write_bytes(stale)
    material.crls = [stale]
    refresh_crl(material)
    fresh = x509.load_der_x509_crl(material.crls[0]).next_update_utc
    assert fresh > dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=20)
