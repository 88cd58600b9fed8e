from __future__ import annotations

from pathlib import Path

import pytest

from sohoa.models.settings import Settings
from sohoa.signing import Signer

from .fixtures import make_pdfa, start_tsa


@pytest.fixture(scope="session")
def home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("sohoa-home")


@pytest.fixture(scope="session")
def settings(home) -> Settings:
    return Settings(home=home)


@pytest.fixture(scope="session")
def signer(settings) -> Signer:
    return Signer.from_settings(settings)


@pytest.fixture(scope="session")
def pdfa() -> bytes:
    return make_pdfa()


@pytest.fixture(scope="session")
def tsa_url(signer, settings):
    url, server = start_tsa(settings.dev_ca_dir)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def signed_bb(signer, pdfa) -> bytes:
    return signer.sign_pdf(pdfa, reason="Kết quả số hóa")
