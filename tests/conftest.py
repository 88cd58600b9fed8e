import pytest

from sohoa.models.settings import Settings


@pytest.fixture
def settings(tmp_path, monkeypatch) -> Settings:
    """Embedded-default settings isolated under a temporary home."""
    for key in list(__import__("os").environ):
        if key.startswith("SOHOA_"):
            monkeypatch.delenv(key)
    return Settings(home=tmp_path / "home")
