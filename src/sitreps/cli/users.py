"""`sitreps users`: who may correct, review, ingest and read through the API."""

from __future__ import annotations

import click

from sitreps.cli.main import CliState, errors_as_lines

DB_OPTION = click.option("--db", required=True, help="SQLite file path or database URL.")


@click.group()
def users() -> None:
    """Manage API users: their roles (reader, ingest, editor, admin) and tokens."""


@users.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["reader", "ingest", "editor", "admin"]),
    default="reader",
    show_default=True,
    help="reader reads; ingest also posts stories; editor corrects and reviews; admin all.",
)
@DB_OPTION
@click.pass_obj
def add(state: CliState, name: str, role: str, db: str) -> None:
    """Create a user and print its token, once (only a hash of it is stored)."""
    from sitreps.store import Store
    from sitreps.store.users import add_user

    with errors_as_lines(), Store.open(db, state.settings) as store:
        token = add_user(store.engine, name, role)
    click.echo(token)
    click.echo(
        f"user {name} ({role}) created; the token above is shown only now: "
        "send it as Authorization: Bearer <token>",
        err=True,
    )


@users.command("list")
@DB_OPTION
@click.pass_obj
def list_(state: CliState, db: str) -> None:
    """Print every user: name, role, when made and by whom (tab-separated)."""
    from sitreps.store import Store
    from sitreps.store.users import list_users

    with errors_as_lines(), Store.open(db, state.settings, create=False) as store:
        for u in list_users(store.engine):
            click.echo(f"{u['name']}\t{u['role']}\t{u['created_at']}\t{u['created_by'] or ''}")


@users.command("remove")
@click.argument("name")
@DB_OPTION
@click.pass_obj
def remove(state: CliState, name: str, db: str) -> None:
    """Remove a user; its token stops working at once."""
    from sitreps.store import Store
    from sitreps.store.users import remove_user

    with errors_as_lines(), Store.open(db, state.settings, create=False) as store:
        remove_user(store.engine, name)
    click.echo(f"user {name} removed", err=True)
