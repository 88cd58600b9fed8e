"""``sohoa keys create|list|revoke`` and ``serve`` registration (api/cli_serve.py)."""
from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from sohoa.api.cli_serve import register


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def version() -> None:  # a second command, as in the real CLI
        typer.echo("0")

    register(app)
    return app


def test_keys_commands(tmp_path, monkeypatch):
    monkeypatch.setenv("SOHOA_HOME", str(tmp_path))
    runner, app = CliRunner(), _app()
    created = runner.invoke(app, ["keys", "create", "dossier system", "--role", "integrator", "--centre", "C9",
                                  "--grant", "C10"])
    assert created.exit_code == 0, created.output
    key = json.loads(created.output)
    assert key["key"].startswith(f"sohoa_{key['prefix']}_")
    listed = runner.invoke(app, ["keys", "list"]).output
    assert key["prefix"] in listed and key["key"] not in listed and '"grants": ["C10"]' in listed
    assert runner.invoke(app, ["keys", "revoke", key["prefix"]]).exit_code == 0
    assert '"revoked": true' in runner.invoke(app, ["keys", "list"]).output
    assert runner.invoke(app, ["keys", "revoke", "ffffffff"]).exit_code == 1
    assert runner.invoke(app, ["keys", "create", "x", "--role", "superuser"]).exit_code != 0
    assert "serve" in runner.invoke(app, ["--help"]).output
