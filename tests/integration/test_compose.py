"""compose.yaml (no Docker engine here): every SOHOA_* variable it passes is a real setting."""
from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel

from sohoa.models.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def _known(model: type[BaseModel], parts: list[str]) -> bool:
    field = model.model_fields.get(parts[0])
    if field is None:
        return False
    if len(parts) == 1:
        return True
    sub = field.annotation
    return isinstance(sub, type) and issubclass(sub, BaseModel) and _known(sub, parts[1:])


def _environment(service: dict) -> dict:
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return env


def test_every_sohoa_variable_is_a_setting():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    anchors = {k: v for k, v in compose.items() if k.startswith("x-")}
    seen = 0
    for name, service in list(compose["services"].items()) + [(k, v) for k, v in anchors.items()]:
        for var, value in _environment(service).items():
            if not var.startswith("SOHOA_"):
                continue
            parts = var.removeprefix("SOHOA_").lower().split("__")
            assert _known(Settings, parts), f"{name}: {var} is not a Settings field"
            seen += 1
    assert seen >= 8


def test_services_and_healthchecks():
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    assert {"minio", "redis", "postgres", "api", "worker"} <= set(services)
    for name in ("minio", "redis", "postgres", "api"):
        assert "healthcheck" in services[name], name
    minio_env = _environment(services["minio"])
    assert any(k.startswith("MINIO_NOTIFY_WEBHOOK_ENABLE") for k in minio_env)
    assert any(k.startswith("MINIO_NOTIFY_WEBHOOK_ENDPOINT") for k in minio_env)
    assert "container_name" not in services["worker"]  # --scale worker=N needs unnamed containers
    worker_env = _environment(services["worker"])
    assert worker_env.get("SOHOA_QUEUE__BACKEND") == "rq" and worker_env.get("SOHOA_STORAGE__BACKEND") == "minio"
