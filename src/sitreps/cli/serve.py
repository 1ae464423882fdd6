"""`sitreps serve`: the REST API and the web map over a database."""

from __future__ import annotations

import click

from sitreps.cli.main import CliState, errors_as_lines


@click.command()
@click.option("--db", required=True, help="SQLite file path or database URL.")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind; the default keeps the server on this machine.",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--token",
    envvar="SITREPS_API_TOKEN",
    help="A service token that may ingest (POST /stories), besides users' tokens (sitreps "
    "users add). Prefer the SITREPS_API_TOKEN variable: a flag is visible to every user in `ps`.",
)
@click.option(
    "--tiles",
    "tiles_url",
    metavar="URL",
    help="Online tile server for the map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
    "(default: the offline OpenStreetMap basemap, zoom 0-6, served by sitreps).",
)
@click.pass_obj
def serve(
    state: CliState, db: str, host: str, port: int, token: str | None, tiles_url: str | None
) -> None:
    """Serve the web map at / and the REST API (OpenAPI docs at /docs)."""
    import uvicorn

    from sitreps.api import create_app
    from sitreps.api.guard import WILDCARDS
    from sitreps.store import masked_url

    with errors_as_lines():
        settings = state.settings.replace(api_token=token) if token else state.settings
        if tiles_url:
            settings = settings.replace(tiles_url=tiles_url)
        app = create_app(db, settings, bound_host=host)
    where = f"[{host}]" if ":" in host else host
    click.echo(
        f"sitreps: serving {masked_url(db)} at http://{where}:{port}/ (API docs at /docs)",
        err=True,
    )
    if host in WILDCARDS and not settings.allowed_hosts:
        click.echo(
            "sitreps: only requests to localhost are answered; set SITREPS_ALLOWED_HOSTS "
            "to the names this server is reached by",
            err=True,
        )
    uvicorn.run(app, host=host, port=port, log_level="warning")
