"""``sohoa serve`` and ``sohoa keys create|list|revoke``; register with ``register(app)``."""
from __future__ import annotations

import json
from typing import Optional

import typer

keys_app = typer.Typer(add_completion=False, no_args_is_help=True, help="Manage API keys (stored hashed).")


def _sessions():
    from sohoa.api.app import build_context
    from sohoa.api.deps import ApiSettings
    from sohoa.models.settings import Settings
    return build_context(Settings(), ApiSettings()).sessions


def serve(host: Optional[str] = typer.Option(None, help="Bind address (default SOHOA_API__HOST or 127.0.0.1)."),
          port: Optional[int] = typer.Option(None, help="Port (default SOHOA_API__PORT or 8000)."),
          workers: int = typer.Option(1, help="Worker processes.")) -> None:
    """Run the HTTP API (uvicorn)."""
    import uvicorn
    from sohoa.api.deps import ApiSettings
    from sohoa.api.logs import configure_logging
    from sohoa.models.settings import Settings
    settings, api = Settings(), ApiSettings()
    configure_logging(settings.log_level)
    uvicorn.run("sohoa.api.app:create_app", factory=True, host=host or api.host, port=port or api.port,
                workers=workers, log_level=settings.log_level.lower(), access_log=False,
                timeout_keep_alive=api.keep_alive)


@keys_app.command("create")
def keys_create(name: str = typer.Argument(..., help="Who holds the key (system or person)."),
                role: str = typer.Option(..., help="clerk | integrator | archivist | admin"),
                centre: Optional[str] = typer.Option(None, help="The key's service centre."),
                grant: list[str] = typer.Option([], help="Extra centres this key sees ('*' = all)."),
                rate: Optional[int] = typer.Option(None, help="Requests per minute (default from settings).")) -> None:
    """Create a key; the key is printed once."""
    from sohoa.api.auth import create_key
    with _sessions()() as session:
        try:
            row, plaintext = create_key(session, name, role, centre, grant, rate)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
    typer.echo(json.dumps({"prefix": row.prefix, "role": row.role, "centre": row.centre, "key": plaintext}))


@keys_app.command("list")
def keys_list() -> None:
    """List keys (prefix, holder, role, centre, grants, revoked)."""
    from sohoa.api.auth import list_keys
    with _sessions()() as session:
        for row in list_keys(session):
            typer.echo(json.dumps({"prefix": row.prefix, "name": row.name, "role": row.role, "centre": row.centre,
                                   "grants": row.grants, "revoked": row.revoked_at is not None},
                                  ensure_ascii=False))


@keys_app.command("revoke")
def keys_revoke(prefix: str = typer.Argument(..., help="The key's prefix (its public id).")) -> None:
    """Revoke a key at once."""
    from sohoa.api.auth import revoke_key
    with _sessions()() as session:
        if revoke_key(session, prefix) is None:
            typer.echo(f"no key {prefix}", err=True)
            raise typer.Exit(1)
    typer.echo(f"revoked {prefix}")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
    app.add_typer(keys_app, name="keys")
