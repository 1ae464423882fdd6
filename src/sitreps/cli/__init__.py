"""The `sitreps` command line: a thin layer over the library (no business logic here).

Each command module defines click commands; they are added to `main` here, explicitly.
"""

from __future__ import annotations

from sitreps.cli.main import main

__all__ = ["main"]

# Add command modules below, one import and one add_command line per command.
from sitreps.cli.gazetteer import gazetteer
from sitreps.cli.stages import clean, explain, places

main.add_command(clean)
main.add_command(explain)
main.add_command(places)
main.add_command(gazetteer)
from sitreps.cli.serve import serve  # noqa: E402

main.add_command(serve)
from sitreps.cli.spark import spark  # noqa: E402

main.add_command(spark)
from sitreps.cli.watch import watch  # noqa: E402

main.add_command(watch)
from sitreps.cli.control import control  # noqa: E402

main.add_command(control)
from sitreps.cli.users import users  # noqa: E402

main.add_command(users)
from sitreps.cli.corrections import corrections  # noqa: E402

main.add_command(corrections)
