"""The ``sohoa`` command: what a clerk or an operator runs."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sohoa.api.logs import configure_logging
from sohoa.models.errors import ServiceError
from sohoa.models.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="sohoa: reads scanned Vietnamese administrative documents, "
                       "returns their fields and a signed searchable PDF/A.")
err = Console(stderr=True)


def _settings() -> Settings:
    settings = Settings()
    configure_logging(settings.log_level)
    return settings


@app.command()
def extract(file: Path = typer.Argument(..., help="A scan: PDF, JPEG, PNG or TIFF."),
            doc_type: Optional[str] = typer.Option(None, "--type", help="Force the document type.")) -> None:
    """Read one scan and print its result as JSON on stdout (nothing is stored)."""
    from sohoa.ingest.intake import sha256_of
    from sohoa.pipeline.result import contract
    from sohoa.pipeline.runner import get_pipeline
    settings = _settings()
    try:
        data = file.read_bytes()
        analysis = get_pipeline(settings).analyse(data, doc_type=doc_type)
    except ServiceError as exc:
        typer.echo(json.dumps({"error": exc.to_dict()}, ensure_ascii=False))
        raise typer.Exit(2)
    except OSError as exc:
        typer.echo(json.dumps({"error": {"code": "file_unreadable", "message": str(exc)}}))
        raise typer.Exit(2)
    typer.echo(json.dumps(contract(analysis.document, analysis.extractions, sha256_of(data)), ensure_ascii=False))


@app.command()
def process(paths: list[Path] = typer.Argument(..., help="Scan files and/or folders (searched recursively)."),
            out: Optional[Path] = typer.Option(None, "--out", "-o", help="Folder for the signed PDFs and JSON."),
            jobs: int = typer.Option(0, "--jobs", "-j", help="Documents processed at once (default: 2 or cores).")) -> None:
    """Process a batch: every scan is read, signed and stored; a summary lists what failed and why."""
    from sohoa.api.batch import collect_files, default_jobs, run_batch
    settings = _settings()
    files = collect_files(paths)
    if not files:
        err.print("[yellow]No scans found.[/] Give files or folders holding PDF, JPEG, PNG or TIFF scans.")
        raise typer.Exit(1)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err) as bar:
        task = bar.add_task("Processing", total=len(files))
        outcomes = run_batch(files, settings, out, jobs or default_jobs(), lambda _o: bar.advance(task))
    _print_summary(outcomes, out)
    if any(o.status != "done" for o in outcomes):
        raise typer.Exit(1)


def _print_summary(outcomes, out: Optional[Path]) -> None:
    done = [o for o in outcomes if o.status == "done"]
    failed = [o for o in outcomes if o.status != "done"]
    err.print(f"[green]{len(done)} done[/], [red]{len(failed)} failed[/]" + (f" — results in {out}" if out else ""))
    if failed:
        table = Table("file", "error code", "reason", title="Failed")
        for o in sorted(failed, key=lambda o: o.path):
            table.add_row(o.path, o.code or "?", o.message or "")
        err.print(table)


@app.command()
def verify(file: Path = typer.Argument(..., help="A signed PDF."),
           as_json: bool = typer.Option(False, "--json", help="Print the report as JSON.")) -> None:
    """Check a signed PDF: signer, time, timestamp, integrity, trust chain, verdict."""
    from sohoa.signing import default_trust_roots, format_report, verify_pdf
    settings = _settings()
    report = verify_pdf(file.read_bytes(), trust_roots=default_trust_roots(settings))
    typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if as_json else format_report(report))
    if not report.valid:
        raise typer.Exit(1)


@app.command()
def worker(burst: bool = typer.Option(False, "--burst", help="Exit once the queue is empty."),
           count: int = typer.Option(1, "-n", "--count", help="Worker processes on this machine."),
           no_sweeper: bool = typer.Option(False, "--no-sweeper", help="Do not run the sweeper here.")) -> None:
    """Run N queue worker processes (RQ on Redis) plus the sweeper that re-runs abandoned jobs."""
    from sohoa.pipeline.worker import run
    raise typer.Exit(run(_settings(), count, burst, not no_sweeper))


jobs_app = typer.Typer(no_args_is_help=True, help="Inspect and requeue queued documents.")
app.add_typer(jobs_app, name="jobs")


@jobs_app.command("failed")
def jobs_failed(limit: int = typer.Option(100, "--limit")) -> None:
    """List failed documents with their error codes (JSON lines on stdout)."""
    from sohoa.pipeline.queue import failed_documents
    for row in failed_documents(_settings(), limit):
        typer.echo(json.dumps(row, ensure_ascii=False))


@jobs_app.command("requeue")
def jobs_requeue(doc_id: Optional[str] = typer.Argument(None, help="A document id."),
                 all_failed: bool = typer.Option(False, "--all-failed", help="Requeue every failed document.")) -> None:
    """Submit failed documents again."""
    from sohoa.pipeline.queue import requeue
    if not doc_id and not all_failed:
        err.print("Give a document id or --all-failed.")
        raise typer.Exit(2)
    ids = requeue(_settings(), None if all_failed else [doc_id])
    typer.echo(json.dumps({"requeued": ids}))


@app.command()
def watch(folder: Optional[Path] = typer.Argument(None, help="Scanner drop folder (default: storage.watch_dir).")) -> None:
    """Take in files dropped in a folder and objects left in the bucket's inbox prefix."""
    from sohoa.ingest.watch import watch as run_watch
    from sohoa.pipeline.queue import ingest_context
    settings = _settings()
    run_watch(ingest_context(settings), folder or settings.storage.watch_dir)


def _register_serving() -> None:
    from sohoa.api.cli_serve import register
    register(app)


_register_serving()


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
